/* test-country.c — unit tests of the country reference and of label lookup. */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "country.h"
#include "csvread.h"
#include "testutil.h"

static TrCountryTable *table;

static void
assert_code (const char *label, const char *code)
{
  const TrCountry *c = tr_country_table_lookup (table, label);
  CU_ASSERT_PTR_NOT_NULL (c);
  if (c == NULL)
    fprintf (stderr, "\n  '%s' is unknown\n", label);
  else if (strcmp (c->code, code) != 0)
    {
      fprintf (stderr, "\n  '%s' gives %s, expected %s\n", label, c->code, code);
      CU_FAIL ("wrong country");
    }
}

/* Every label of Tables 6-9 (codes) and Table 7 (French names). */
static void
test_report_labels (void)
{
  static const char *const codes[] = { "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                       "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
                                       "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK" };
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    assert_code (codes[i], codes[i]);
  assert_code ("EL", "GR");
  static const char *const french[][2] = {
    { "Autriche", "AT" }, { "Belgique", "BE" }, { "Bulgarie", "BG" }, { "Croatie", "HR" },
    { "Chypre", "CY" },   { "Tchéquie", "CZ" }, { "Danemark", "DK" }, { "Estonie", "EE" },
    { "Finlande", "FI" }, { "France", "FR" },   { "Allemagne", "DE" }, { "Grèce", "GR" },
    { "Hongrie", "HU" },  { "Irlande", "IE" },  { "Italie", "IT" },   { "Lettonie", "LV" },
    { "Lituanie", "LT" }, { "Luxembourg", "LU" }, { "Malte", "MT" },  { "Pays-Bas", "NL" },
    { "Pologne", "PL" },  { "Portugal", "PT" }, { "Roumanie", "RO" }, { "Slovaquie", "SK" },
    { "Slovénie", "SI" }, { "Espagne", "ES" },  { "Suède", "SE" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (french); i++)
    assert_code (french[i][0], french[i][1]);
}

static void
test_three_languages (void)
{
  static const char *const names[][4] = {
    { "CZ", "Czechia", "Tchéquie", "Tschechien" },
    { "GR", "Greece", "Grèce", "Griechenland" },
    { "DE", "Germany", "Allemagne", "Deutschland" },
    { "NL", "Netherlands", "Pays-Bas", "Niederlande" },
    { "AT", "Austria", "Autriche", "Österreich" },
    { "SE", "Sweden", "Suède", "Schweden" },
    { "HU", "Hungary", "Hongrie", "Ungarn" },
    { "CY", "Cyprus", "Chypre", "Zypern" },
    { "GB", "United Kingdom", "Royaume-Uni", "Vereinigtes Königreich" },
    { "US", "United States", "États-Unis", "Vereinigte Staaten" },
    { "ES", "Spain", "Espagne", "Spanien" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint k = 1; k < 4; k++)
      assert_code (names[i][k], names[i][0]);
  assert_code ("CZE", "CZ");
  assert_code ("GRC", "GR");
  assert_code ("UK", "GB");
  assert_code ("Czech Republic", "CZ");
}

/* data/country-names.csv: names in the EU's other 21 official languages. */
static void
test_other_languages (void)
{
  static const char *const names[][2] = {
    { "Polonia", "PL" },  { "Polska", "PL" },    { "Hiszpania", "ES" }, { "Alemania", "DE" },
    { "Duitsland", "DE" }, { "Tyskland", "DE" }, { "Italia", "IT" },    { "Sverige", "SE" },
    { "Ελλάδα", "GR" },   { "България", "BG" },  { "Magyarország", "HU" }, { "Éire", "IE" },
    { "Suomi", "FI" },    { "Hrvatska", "HR" },  { "Lietuva", "LT" },   { "Latvija", "LV" },
    { "Eesti", "EE" },    { "Slovensko", "SK" }, { "Slovenija", "SI" }, { "Danmark", "DK" },
    { "Portugall", "PT" }, { "Nederland", "NL" }, { "ČESKO", "CZ" },    { "rumunsko", "RO" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    assert_code (names[i][0], names[i][1]);
}

/* A name in another language that another entry already has is refused, not guessed. */
static void
test_name_of_two_countries (void)
{
  g_autofree char *countries = tr_test_write_file (
      "countries.csv", "alpha2,alpha3,name_en,name_fr,name_de,eu_code,eu_member\n"
                       "AT,AUT,Austria,Autriche,Österreich,AT,1\n"
                       "AU,AUS,Australia,Australie,Australien,AU,0\n");
  g_autofree char *exceptions = tr_test_write_file (
      "country-exceptions.csv", "code,alpha3,name_en,name_fr,name_de,eu_code,eu_member,kind\n");
  g_autofree char *names = tr_test_write_file ("country-names.csv",
                                               "label,code,languages\nAustralia,AT,xx\n");
  g_autofree char *common = tr_test_write_file ("country-common-names.csv", "label,code\n");
  g_autofree char *aliases = tr_test_write_file ("country-aliases.csv", "label,code\n");
  g_autofree char *dir = g_path_get_dirname (countries);
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCountryTable) other = tr_country_table_load (dir, &error);
  CU_ASSERT_PTR_NULL (other);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  CU_ASSERT_STRING_EQUAL (error->message,
                          "data/country-names.csv:2: found the label 'Australia' for AT; "
                          "expected a label no other country has (it names AU)");
}

static void
test_insensitivity (void)
{
  assert_code ("GRÈCE", "GR");
  assert_code ("grece", "GR");
  assert_code ("  Pays-Bas  ", "NL");
  assert_code ("pays-bas", "NL");
  assert_code ("Tche\xCC\x81quie", "CZ"); /* decomposed é */
  assert_code ("Slov\u00E9nie\u00A0", "SI");
  assert_code ("Royaume-Uni", "GB");
  assert_code ("AT¹", "AT");
  assert_code ("at", "AT");
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "Atlantis"));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, ""));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "Total"));
}

static void
test_entries (void)
{
  const GPtrArray *entries = tr_country_table_entries (table);
  guint iso = 0, pseudo = 0, eu = 0, org = 0, agg = 0;
  for (guint i = 0; i < entries->len; i++)
    {
      const TrCountry *c = g_ptr_array_index (entries, i);
      if (c->kind == TR_SUBJECT_ORGANISATION)
        {
          org++;
          CU_ASSERT_FALSE (c->eu_member);
          CU_ASSERT_FALSE (tr_subject_is_country (c));
        }
      else if (c->kind == TR_SUBJECT_AGGREGATE)
        {
          agg++;
          CU_ASSERT_FALSE (c->eu_member);
          CU_ASSERT_FALSE (tr_subject_is_country (c));
        }
      else if (c->pseudo)
        pseudo++;
      else
        iso++;
      eu += c->eu_member;
    }
  CU_ASSERT_EQUAL (iso, 249 + 1); /* ISO 3166-1 and Kosovo */
  CU_ASSERT_EQUAL (pseudo, 3);
  CU_ASSERT_EQUAL (org, 13);
  CU_ASSERT_EQUAL (agg, 2);
  CU_ASSERT_EQUAL (eu, 27);
  const TrCountry *gr = tr_country_table_get (table, "GR");
  CU_ASSERT_STRING_EQUAL (gr->eu_code, "EL");
  CU_ASSERT_STRING_EQUAL (tr_country_table_get (table, "GB")->eu_code, "UK");
  CU_ASSERT_PTR_NULL (tr_country_table_get (table, "EL"));
}

/* Organisations: by name, alias or code, with their parent; never a country. */
static void
test_organisations (void)
{
  const struct {
    const char *label, *code, *parent;
  } cases[] = {
    { "Google", "org:google", NULL },
    { "meta", "org:meta", NULL },
    { "Meta Platforms", "org:meta", NULL },
    { "org:meta", "org:meta", NULL },
    { "Instagram", "org:instagram", "org:meta" },
    { "Facebook", "org:facebook", "org:meta" },
    { "WhatsApp", "org:whatsapp", "org:meta" },
    { "Tik Tok", "org:tiktok", NULL },
    { "TikTok", "org:tiktok", NULL },
    { "Microsoft – Opérations en ligne", "org:microsoft-online-operations", "org:microsoft" },
    { "Yubo", "org:yubo", NULL },
    { "LinkedIn", "org:linkedin", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const TrCountry *c = tr_country_table_lookup (table, cases[i].label);
      CU_ASSERT_PTR_NOT_NULL_FATAL (c);
      CU_ASSERT_STRING_EQUAL (c->code, cases[i].code);
      CU_ASSERT_EQUAL (c->kind, TR_SUBJECT_ORGANISATION);
      CU_ASSERT_STRING_EQUAL (c->name_en, tr_country_table_get (table, cases[i].code)->name_en);
      if (cases[i].parent == NULL)
        {
          CU_ASSERT_PTR_NULL (c->parent);
        }
      else
        {
          CU_ASSERT_STRING_EQUAL (c->parent, cases[i].parent);
        }
    }
  /* Countries stay countries. */
  CU_ASSERT_EQUAL (tr_country_table_lookup (table, "AT")->kind, TR_SUBJECT_COUNTRY);
  CU_ASSERT_TRUE (tr_subject_is_country (tr_country_table_lookup (table, "Polska")));
  CU_ASSERT_FALSE (tr_subject_is_country (tr_country_table_get (table, "XNC")));
  CU_ASSERT_FALSE (tr_subject_is_country (NULL));
}

/* Aggregates: EU27 and WORLD by their usual spellings, never a country; EU27's members are the
 * 27 Member States countries.csv marks, WORLD's are not defined. */
static void
test_aggregates (void)
{
  const struct {
    const char *label, *code;
  } cases[] = {
    { "EU27", "EU27" },       { "EU-27", "EU27" },          { "UE-27", "EU27" },
    { "ue27", "EU27" },       { "EU27_2020", "EU27" },      { "European Union", "EU27" },
    { "Union européenne", "EU27" }, { "UNION EUROPEENNE", "EU27" }, { "Europäische Union", "EU27" },
    { "EU", "EU27" },         { "WORLD", "WORLD" },         { "World", "WORLD" },
    { "Monde", "WORLD" },     { "Worldwide", "WORLD" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const TrCountry *c = tr_country_table_lookup (table, cases[i].label);
      CU_ASSERT_PTR_NOT_NULL_FATAL (c);
      CU_ASSERT_STRING_EQUAL (c->code, cases[i].code);
      CU_ASSERT_EQUAL (c->kind, TR_SUBJECT_AGGREGATE);
      CU_ASSERT_FALSE (tr_subject_is_country (c));
      CU_ASSERT_PTR_EQUAL (c, tr_country_table_get (table, cases[i].code));
    }
  /* A table's own total is not an aggregate of the lookup (dataset.c reads it as a published
   * total), and the compacted forms name EU27 only where the aggregate is named. */
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "Total"));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "Total mondial"));

  g_autoptr (GPtrArray) codes = g_ptr_array_new ();
  CU_ASSERT_TRUE (tr_country_table_members (table, tr_country_table_get (table, "EU27"), codes));
  CU_ASSERT_EQUAL (codes->len, 27);
  for (guint i = 0; i < codes->len; i++)
    {
      const TrCountry *m = tr_country_table_get (table, g_ptr_array_index (codes, i));
      CU_ASSERT_TRUE (m->eu_member && tr_subject_is_country (m));
      if (i > 0)
        CU_ASSERT_TRUE (strcmp (g_ptr_array_index (codes, i - 1), g_ptr_array_index (codes, i)) < 0);
    }
  CU_ASSERT_STRING_EQUAL (g_ptr_array_index (codes, 0), "AT");
  CU_ASSERT_STRING_EQUAL (g_ptr_array_index (codes, 26), "SK");
  g_ptr_array_set_size (codes, 0);
  CU_ASSERT_FALSE (tr_country_table_members (table, tr_country_table_get (table, "WORLD"), codes));
  CU_ASSERT_FALSE (tr_country_table_members (table, tr_country_table_get (table, "FR"), codes));
  CU_ASSERT_FALSE (tr_country_table_members (table, NULL, codes));
  CU_ASSERT_EQUAL (codes->len, 0);
}

/* Every label and code of NCMEC's by-country table resolves, to the same entry both ways. */
static void
test_ncmec_labels (void)
{
  const char *path = g_getenv ("TIPRECON_NCMEC_CSV");
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCsv) csv = tr_csv_read (path != NULL ? path : "data/ncmec-reports-by-country-2019-2024.csv", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
  CU_ASSERT_EQUAL (csv->rows->len, 253);
  for (guint r = 1; r < csv->rows->len; r++)
    {
      const TrRow *row = g_ptr_array_index (csv->rows, r);
      const TrCountry *by_name = tr_country_table_lookup (table, row->cells[0].text);
      CU_ASSERT_PTR_NOT_NULL (by_name);
      if (by_name == NULL)
        fprintf (stderr, "\n  '%s' is unknown\n", row->cells[0].text);
      if (row->cells[1].text[0] != '\0')
        CU_ASSERT_PTR_EQUAL (tr_country_table_lookup (table, row->cells[1].text), by_name);
    }
  static const char *const cases[][2] = {
    { "Romania/Rumania", "RO" }, { "Eretria", "ER" },       { "Sierre Leone", "SL" },
    { "Guiana, French", "GF" },  { "French Guiana", "GF" }, { "Kosovo", "XK" },
    { "XKX", "XK" },             { "Burma/Myanmar", "MM" }, { "Swaziland", "SZ" },
    { "Macedonia", "MK" },       { "Turks and Calcos Islands", "TC" },
    { "Bahrain/Bahrein", "BH" }, { "Czech Republic", "CZ" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_code (cases[i][0], cases[i][1]);
  const TrCountry *none = tr_country_table_lookup (table, "No Country Listed");
  CU_ASSERT_PTR_NOT_NULL_FATAL (none);
  CU_ASSERT_STRING_EQUAL (none->code, "XNC");
  CU_ASSERT_TRUE (none->pseudo);
  CU_ASSERT_TRUE (tr_country_table_lookup (table, "EEE")->pseudo);
  CU_ASSERT_TRUE (tr_country_table_lookup (table, "Netherlands Antilles")->pseudo);
  CU_ASSERT_FALSE (tr_country_table_lookup (table, "Kosovo")->pseudo);
}

/* tr_country_key() (character by character) and tr_country_key_full() (NFD of the whole label)
 * give byte-identical keys: for every code point alone and beside others, for labels with
 * spaces, marks and footnotes, and for every cell of the bundled country tables. */
static void
assert_same_key (const char *label)
{
  g_autofree char *fast = tr_country_key (label);
  g_autofree char *full = tr_country_key_full (label);
  if (strcmp (fast, full) != 0)
    fprintf (stderr, "\nkeys differ for '%s': '%s' and '%s'\n", label, fast, full);
  CU_ASSERT_STRING_EQUAL (fast, full);
}

static void
test_key_paths_agree (void)
{
  for (gunichar c = 1; c < 0x110000; c++)
    {
      if (!g_unichar_validate (c))
        continue;
      char one[8] = { 0 };
      g_unichar_to_utf8 (c, one);
      g_autofree char *around = g_strdup_printf (" A%s\u00e9\u0301 b%s", one, one);
      assert_same_key (one);
      assert_same_key (around);
    }
  static const char *const labels[] = {
    "", " ", "  Côte d’Ivoire\t", "FRANCE\u00b9", "\u0391\u03c5\u03c3\u03c4\u03c1\u03af\u03b1",
    "Stra\u00dfe", "A\u0301\u0323b", "\u00a0Germany\u202f\u2009(DE)\r\n", "x\vy", "\xff",
    "\uac00\ud7a3", "\u2000\u2001",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    assert_same_key (labels[i]);
  static const char *const files[] = {
    "countries.csv", "country-names.csv", "country-aliases.csv", "country-common-names.csv",
  };
  const char *data = g_getenv ("TIPRECON_DATA_DIR");
  for (gsize f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = g_build_filename (data != NULL ? data : "data", files[f], NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (TrCsv) csv = tr_csv_read (path, NULL, &error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
      CU_ASSERT_TRUE (csv->rows->len > 10);
      for (guint r = 0; r < csv->rows->len; r++)
        {
          const TrRow *row = g_ptr_array_index (csv->rows, r);
          for (guint i = 0; i < row->n_cells; i++)
            assert_same_key (row->cells[i].text);
        }
    }
}

int
main (void)
{
  table = tr_test_countries ();
  if (CU_initialize_registry () != CUE_SUCCESS)
    return EXIT_FAILURE;
  CU_pSuite suite = CU_add_suite ("country", NULL, NULL);
  CU_add_test (suite, "labels of the report's tables", test_report_labels);
  CU_add_test (suite, "keys: the character-by-character and NFD paths agree", test_key_paths_agree);
  CU_add_test (suite, "English, French and German names", test_three_languages);
  CU_add_test (suite, "names in the EU's other languages", test_other_languages);
  CU_add_test (suite, "a name of two countries", test_name_of_two_countries);
  CU_add_test (suite, "case, accents, white space", test_insensitivity);
  CU_add_test (suite, "entries", test_entries);
  CU_add_test (suite, "organisations", test_organisations);
  CU_add_test (suite, "aggregates", test_aggregates);
  CU_add_test (suite, "NCMEC's labels", test_ncmec_labels);
  int status = tr_test_run ();
  tr_country_table_free (table);
  return status;
}
