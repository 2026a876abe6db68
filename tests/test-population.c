/* test-population.c — unit tests of the per-capita rates (population.h). Every expected rate
 * was computed by hand as count × 100 000 / population, exactly (python3's
 * fractions.Fraction), and rounded half to even at TR_RATE_DECIMALS places; the figures are
 * Austria's, Poland's and Latvia's (Tables 6 and 7, Eurostat's tps00001), and made-up ones for
 * the ties and the inexact figures. */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "population.h"

static const char population_csv[]
    = "geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
      "AT,2022,8978929,\n"
      "PL,2021,37840001,ep\n"
      "PL,2022,37654247,\n"
      "LV,2022,1875757,\n"
      "PT,2022,10352042,bp\n"
      "LU,2022,800000,\n";

static const char reference_csv[]
    = "country,year,value\n"
      "AT,2022,18501\n"
      "AT,2024,17425\n"
      "PL,2022,235310\n"
      "LU,2022,1\n"
      "LU,2023,3\n"
      "PT,2022,environ 254 500\n"
      "LV,2022,plus de 5 800\n"
      "DE,2022,10\n"
      "EE,2022,-\n";

static const char declared_csv[]
    = "country,year,value\n"
      "PL,2022,145\n"
      "LV,2022,6\n";

static TrCountryTable *countries;
static TrDataset *dataset;

static int
setup (void)
{
  countries = tr_test_countries ();
  dataset = tr_dataset_new (countries);
  struct {
    const char *csv, *name, *source, *measure;
    gboolean organisations;
  } tables[] = {
    { population_csv, "population.csv", TR_POPULATION_SERIES, TR_POPULATION_MEASURE, TRUE },
    { reference_csv, "reference.csv", "reference", "reports", FALSE },
    { declared_csv, "declared.csv", "declared", "reports", FALSE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      TrTableSpec spec = { .path = tables[i].name, .source = tables[i].source,
                           .measure = tables[i].measure,
                           .organisations = tables[i].organisations };
      g_autoptr (GError) error = NULL;
      if (!tr_dataset_load_bytes (dataset, &spec, tables[i].csv, strlen (tables[i].csv),
                                  &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  return 0;
}

static int
teardown (void)
{
  tr_dataset_free (dataset);
  tr_country_table_free (countries);
  return 0;
}

/* The rate of (source, country, year) as a table cell and as digits. */
static TrRate
rate (const char *source, const char *code, int year, char *cell, char *digits)
{
  const TrObservation *o = tr_dataset_find (dataset, source, code, year, "reports");
  TrRate r = tr_per_capita (dataset, o, code, year);
  tr_format_rate (&r, TR_VALUE_CELL, cell, 48);
  tr_rate_digits (&r, digits, 48);
  return r;
}

static void
test_exact (void)
{
  char cell[48], digits[48];
  /* 18 501 × 100 000 / 8 978 929 = 206.0490733… */
  TrRate r = rate ("reference", "AT", 2022, cell, digits);
  CU_ASSERT_TRUE (r.defined);
  CU_ASSERT_STRING_EQUAL (cell, "206.05");
  CU_ASSERT_STRING_EQUAL (digits, "206.05");
  CU_ASSERT_EQUAL (r.population_year, 2022);
  CU_ASSERT_EQUAL (r.population->value.count, 8978929);
  CU_ASSERT_EQUAL (r.qualifier, TR_QUALIFIER_EXACT);
  /* 235 310 × 100 000 / 37 654 247 = 624.9228672…; 145 → 0.3850827… */
  rate ("reference", "PL", 2022, cell, digits);
  CU_ASSERT_STRING_EQUAL (cell, "624.92");
  rate ("declared", "PL", 2022, cell, digits);
  CU_ASSERT_STRING_EQUAL (cell, "0.39");
  /* 6 × 100 000 / 1 875 757 = 0.3198708… */
  rate ("declared", "LV", 2022, cell, digits);
  CU_ASSERT_STRING_EQUAL (cell, "0.32");
}

static void
test_ties (void)
{
  char cell[48], digits[48];
  /* 1 × 100 000 / 800 000 = 0.125 exactly: a tie, 2 even -> stays */
  rate ("reference", "LU", 2022, cell, digits);
  CU_ASSERT_STRING_EQUAL (cell, "0.12");
  /* 3 × 100 000 / 800 000 = 0.375 exactly: a tie, 7 odd -> up (2022's population) */
  TrRate r = rate ("reference", "LU", 2023, cell, digits);
  CU_ASSERT_STRING_EQUAL (cell, "0.38");
  CU_ASSERT_EQUAL (r.population_year, 2022);
}

static void
test_inexact (void)
{
  char cell[48], digits[48], words[48];
  /* "environ 254 500" × 100 000 / 10 352 042 = 2 458.4540…: approximate */
  TrRate r = rate ("reference", "PT", 2022, cell, digits);
  CU_ASSERT_EQUAL (r.qualifier, TR_QUALIFIER_APPROXIMATE);
  CU_ASSERT_STRING_EQUAL (cell, "~2 458.45");
  CU_ASSERT_STRING_EQUAL (digits, "2458.45");
  CU_ASSERT_STRING_EQUAL (tr_format_rate (&r, TR_VALUE_WORDS, words, sizeof words),
                          "about 2 458.45");
  /* "plus de 5 800" × 100 000 / 1 875 757 = 309.2064…: more than that */
  r = rate ("reference", "LV", 2022, cell, digits);
  CU_ASSERT_EQUAL (r.qualifier, TR_QUALIFIER_LOWER_BOUND);
  CU_ASSERT_STRING_EQUAL (cell, ">309.21");
}

static void
test_missing (void)
{
  char cell[48], digits[48];
  /* A missing figure: no rate, never 0. */
  TrRate r = rate ("reference", "EE", 2022, cell, digits);
  CU_ASSERT_FALSE (r.defined);
  CU_ASSERT_STRING_EQUAL (cell, "n/a");
  CU_ASSERT_STRING_EQUAL (digits, "");
  /* No population for Germany at all. */
  r = rate ("reference", "DE", 2022, cell, digits);
  CU_ASSERT_FALSE (r.defined);
  CU_ASSERT_PTR_NULL (r.population);
  /* No figure. */
  r = tr_per_capita (dataset, NULL, "AT", 2023);
  CU_ASSERT_FALSE (r.defined);
  /* Poland 2021's population exists but not for 2020 or before: 2020 has none. */
  CU_ASSERT_PTR_NULL (tr_population_find (dataset, "PL", 2020));
  CU_ASSERT_EQUAL (tr_population_find (dataset, "PL", 2021)->value.count, 37840001);
}

static void
test_later_year (void)
{
  char cell[48], digits[48];
  /* 17 425 in 2024 over the population of 2022, the latest: 194.0658… */
  TrRate r = rate ("reference", "AT", 2024, cell, digits);
  CU_ASSERT_TRUE (r.defined);
  CU_ASSERT_EQUAL (r.year, 2024);
  CU_ASSERT_EQUAL (r.population_year, 2022);
  CU_ASSERT_STRING_EQUAL (cell, "194.07");
  int years[] = { 2021, 2022, 2023, 2024 };
  g_autofree char *note = tr_population_note (dataset, years, G_N_ELEMENTS (years));
  CU_ASSERT_STRING_EQUAL (note, "Rates for 2023 and 2024 use the population on 1 January "
                                "2022, the latest read (none was read for those years).");
  int early[] = { 2019, 2022 };
  g_autofree char *none = tr_population_note (dataset, early, G_N_ELEMENTS (early));
  CU_ASSERT_STRING_EQUAL (none, "Rates for 2019 are missing: no population was read for "
                                "that year or before.");
  int own[] = { 2021, 2022 };
  CU_ASSERT_PTR_NULL (tr_population_note (dataset, own, G_N_ELEMENTS (own)));
}

static void
test_flags (void)
{
  const TrObservation *pt = tr_population_find (dataset, "PT", 2022);
  CU_ASSERT_STRING_EQUAL (tr_population_flag (dataset, pt), "bp");
  g_autofree char *words = tr_population_flag_words ("bp");
  CU_ASSERT_STRING_EQUAL (words, "break in series, provisional");
  g_autofree char *odd = tr_population_flag_words ("ez");
  CU_ASSERT_STRING_EQUAL (odd, "estimated, flag z");
  CU_ASSERT_PTR_NULL (tr_population_flag (dataset, tr_population_find (dataset, "AT", 2022)));
  CU_ASSERT_PTR_NULL (tr_population_flag_words (""));
}

int
main (void)
{
  if (CU_initialize_registry () != CUE_SUCCESS)
    return EXIT_FAILURE;
  CU_pSuite suite = CU_add_suite ("population", setup, teardown);
  CU_add_test (suite, "exact rates per 100 000", test_exact);
  CU_add_test (suite, "half-to-even ties", test_ties);
  CU_add_test (suite, "inexact figures give inexact rates", test_inexact);
  CU_add_test (suite, "missing is missing", test_missing);
  CU_add_test (suite, "a later year over the latest population, said so", test_later_year);
  CU_add_test (suite, "Eurostat's flags", test_flags);
  return tr_test_run ();
}
