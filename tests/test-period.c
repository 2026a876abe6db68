/* test-period.c — unit tests of periods: every printed form, both sides of every edge,
 * tiling, and the round trip through the canonical form. */
#include "config.h"

#include <CUnit/Basic.h>

#include "testutil.h"

#include "period.h"

/* Parses `text` (no fiscal mapping unless `fiscal_month`), which must succeed, and checks
 * the period's first month (year, month 1-12), length and provisional mark. */
static void
assert_period_f (const char *text, int fiscal_month, int year, int month, int months,
                 gboolean provisional)
{
  TrPeriodOptions options = { fiscal_month };
  TrPeriod period = { -1, -1 };
  gboolean prov = !provisional;
  g_autoptr (GError) error = NULL;
  gboolean ok = tr_period_parse (text, &options, &period, &prov, &error);
  CU_ASSERT_TRUE (ok);
  if (!ok)
    {
      fprintf (stderr, "\n  '%s': %s\n", text, error->message);
      return;
    }
  CU_ASSERT_EQUAL (period.start, 12 * year + month - 1);
  CU_ASSERT_EQUAL (period.months, months);
  CU_ASSERT_EQUAL (prov, provisional);
  if (period.start != 12 * year + month - 1 || period.months != months)
    fprintf (stderr, "\n  '%s': got start %d (%d-%02d), %d months\n", text, period.start,
             period.start / 12, period.start % 12 + 1, period.months);
}

static void
assert_period (const char *text, int year, int month, int months)
{
  assert_period_f (text, 0, year, month, months, FALSE);
}

/* Parses `text`, which must fail with `code`; returns the message (newly allocated). */
static char *
period_error (const char *text, TrPeriodError code)
{
  TrPeriod period = { 7, 7 };
  g_autoptr (GError) error = NULL;
  CU_ASSERT_FALSE (tr_period_parse (text, NULL, &period, NULL, &error));
  CU_ASSERT_EQUAL (period.start, 7); /* untouched */
  if (error == NULL)
    {
      fprintf (stderr, "\n  '%s' was accepted\n", text);
      return g_strdup ("");
    }
  CU_ASSERT_TRUE (g_error_matches (error, TR_PERIOD_ERROR, code));
  return g_strdup (error->message);
}

static void
assert_refused (const char *text, TrPeriodError code)
{
  g_free (period_error (text, code));
}

static void
test_years (void)
{
  assert_period ("2024", 2024, 1, 12);
  assert_period (" 2024 ", 2024, 1, 12);
  assert_period ("1900", 1900, 1, 12);
  assert_period ("2099", 2099, 1, 12);
  assert_refused ("1899", TR_PERIOD_ERROR_INVALID);
  assert_refused ("2100", TR_PERIOD_ERROR_INVALID);
  assert_refused ("202", TR_PERIOD_ERROR_INVALID);
  assert_refused ("20240", TR_PERIOD_ERROR_INVALID);
  assert_refused ("", TR_PERIOD_ERROR_INVALID);
  assert_refused ("reports", TR_PERIOD_ERROR_INVALID);
  assert_refused ("2024 2025", TR_PERIOD_ERROR_INVALID);
}

static void
test_provisional (void)
{
  assert_period_f ("2024 (provisional)", 0, 2024, 1, 12, TRUE);
  assert_period_f ("2024 (provisoire)", 0, 2024, 1, 12, TRUE);
  assert_period_f ("2024p", 0, 2024, 1, 12, TRUE);
  assert_period_f ("2024 p", 0, 2024, 1, 12, TRUE);
  assert_period_f ("2024 (vorläufig)", 0, 2024, 1, 12, TRUE);
  assert_period_f ("Q1 2024 (provisional)", 0, 2024, 1, 3, TRUE);
  assert_period_f ("2024", 0, 2024, 1, 12, FALSE);
  assert_refused ("2024 (estimated)", TR_PERIOD_ERROR_INVALID);
  assert_refused ("2024 (provisional", TR_PERIOD_ERROR_INVALID);
  assert_refused ("p", TR_PERIOD_ERROR_INVALID);
}

static void
test_quarters (void)
{
  assert_period ("Q1 2024", 2024, 1, 3);
  assert_period ("q4 2024", 2024, 10, 3);
  assert_period ("2024 Q1", 2024, 1, 3);
  assert_period ("2024-Q2", 2024, 4, 3);
  assert_period ("2024Q3", 2024, 7, 3);
  assert_period ("T1 2024", 2024, 1, 3);
  assert_period ("1er trimestre 2024", 2024, 1, 3);
  assert_period ("3e trimestre 2024", 2024, 7, 3);
  assert_period ("first quarter of 2024", 2024, 1, 3);
  assert_period ("4th quarter 2024", 2024, 10, 3);
  assert_refused ("Q0 2024", TR_PERIOD_ERROR_INVALID);
  assert_refused ("Q5 2024", TR_PERIOD_ERROR_INVALID);
  assert_refused ("5e trimestre 2024", TR_PERIOD_ERROR_INVALID);
  assert_refused ("Q1", TR_PERIOD_ERROR_INVALID);
}

static void
test_halves (void)
{
  assert_period ("H1 2024", 2024, 1, 6);
  assert_period ("H2 2024", 2024, 7, 6);
  assert_period ("S2 2024", 2024, 7, 6);
  assert_period ("2024-H2", 2024, 7, 6);
  assert_period ("1er semestre 2024", 2024, 1, 6);
  assert_period ("2e semestre 2024", 2024, 7, 6);
  assert_period ("first half of 2024", 2024, 1, 6);
  assert_period ("second half 2024", 2024, 7, 6);
  assert_period ("2. Halbjahr 2024", 2024, 7, 6);
  assert_refused ("H0 2024", TR_PERIOD_ERROR_INVALID);
  assert_refused ("H3 2024", TR_PERIOD_ERROR_INVALID);
  assert_refused ("third half 2024", TR_PERIOD_ERROR_INVALID);
}

static void
test_months (void)
{
  assert_period ("March 2024", 2024, 3, 1);
  assert_period ("mars 2024", 2024, 3, 1);
  assert_period ("März 2024", 2024, 3, 1);
  assert_period ("Dec 2024", 2024, 12, 1);
  assert_period ("2024-03", 2024, 3, 1);
  assert_period ("2024-12", 2024, 12, 1);
  assert_period ("Jan-Jun 2024", 2024, 1, 6);
  assert_period ("Jan–Jun 2024", 2024, 1, 6);
  assert_period ("janvier-juin 2024", 2024, 1, 6);
  assert_period ("Février — Décembre 2024", 2024, 2, 11);
  assert_period ("Jan-Dec 2024", 2024, 1, 12); /* a whole year, however printed */
  assert_period ("Jul 2023-Jun 2024", 2023, 7, 12);
  assert_period ("2023-07/2024-06", 2023, 7, 12);
  assert_refused ("Jun-Jan 2024", TR_PERIOD_ERROR_INVALID);
  assert_refused ("Jun-Jun 2024", TR_PERIOD_ERROR_INVALID);
  assert_refused ("Jun 2024-Jan 2024", TR_PERIOD_ERROR_INVALID);
  assert_refused ("2024-00", TR_PERIOD_ERROR_INVALID);
  assert_refused ("2024-13", TR_PERIOD_ERROR_INVALID);
  assert_refused ("Smarch 2024", TR_PERIOD_ERROR_INVALID);
}

static void
test_spans (void)
{
  assert_period ("2022-2024", 2022, 1, 36);
  assert_period ("2022–2024", 2022, 1, 36);
  assert_period ("2022 - 2024", 2022, 1, 36);
  assert_period ("2023-2024", 2023, 1, 24);
  assert_period ("2022 to 2024", 2022, 1, 36);
  assert_period ("2022 à 2024", 2022, 1, 36);
  assert_refused ("2024-2022", TR_PERIOD_ERROR_INVALID);
  assert_refused ("2024-2024", TR_PERIOD_ERROR_INVALID);
}

static void
test_fiscal_years (void)
{
  g_autofree char *m = period_error ("FY2023", TR_PERIOD_ERROR_FISCAL);
  CU_ASSERT_STRING_EQUAL (m, "found 'FY2023', a fiscal or split year; expected a calendar "
                             "period (a layout file must say in which month its fiscal years "
                             "start)");
  assert_refused ("FY 23", TR_PERIOD_ERROR_FISCAL);
  assert_refused ("2023/24", TR_PERIOD_ERROR_FISCAL);
  assert_refused ("2023-24", TR_PERIOD_ERROR_FISCAL);
  assert_refused ("2023/2024", TR_PERIOD_ERROR_FISCAL);
  assert_refused ("2099/00", TR_PERIOD_ERROR_FISCAL);
  /* With a mapping: a split year starts in its first year, FY2023 ends in 2023. */
  assert_period_f ("2023/24", 4, 2023, 4, 12, FALSE);
  assert_period_f ("2023-24", 7, 2023, 7, 12, FALSE);
  assert_period_f ("FY2023", 10, 2022, 10, 12, FALSE);
  assert_period_f ("FY'23", 10, 2022, 10, 12, FALSE);
  assert_period_f ("FY2023", 1, 2023, 1, 12, FALSE);
  /* "2023/25" is neither a split year nor a span. */
  assert_refused ("2023/25", TR_PERIOD_ERROR_INVALID);
}

static void
test_ambiguous (void)
{
  g_autofree char *m = period_error ("2011-12", TR_PERIOD_ERROR_AMBIGUOUS);
  CU_ASSERT_STRING_EQUAL (m, "found '2011-12', which reads as month 12 of 2011 or as the "
                             "split year 2011/12; expected an unambiguous period (a month as "
                             "'December 2011', a split year as '2011/12')");
  /* One more or less and it is no longer ambiguous. */
  assert_period ("2012-12", 2012, 12, 1);
  assert_refused ("2012-13", TR_PERIOD_ERROR_FISCAL);
}

static void
test_invalid_message (void)
{
  g_autofree char *m = period_error ("Q1-Q2", TR_PERIOD_ERROR_INVALID);
  CU_ASSERT_STRING_EQUAL (m, "found 'Q1-Q2'; expected a period: a year (2024), a half (H1 "
                             "2024), a quarter (Q1 2024), a month (March 2024), months "
                             "(Jan-Jun 2024) or years (2022-2024)");
  assert_refused ("2024 * 2", TR_PERIOD_ERROR_INVALID);
  assert_refused ("1 2 3 4 5 6 7 8 9 10 11 12 13", TR_PERIOD_ERROR_INVALID);
  assert_refused ("abcdefghijklmnopqrstuvwxyz 2024", TR_PERIOD_ERROR_INVALID);
}

static void
test_years_and_parts (void)
{
  int y = 0;
  CU_ASSERT_TRUE (tr_period_is_year (tr_period_year (2024), &y));
  CU_ASSERT_EQUAL (y, 2024);
  TrPeriod h1 = { 12 * 2024, 6 }, h2 = { 12 * 2024 + 6, 6 };
  TrPeriod q1 = { 12 * 2024, 3 }, fiscal = { 12 * 2023 + 6, 12 };
  CU_ASSERT_FALSE (tr_period_is_year (h1, NULL));
  CU_ASSERT_FALSE (tr_period_is_year (fiscal, NULL));
  CU_ASSERT_FALSE (tr_period_equal (q1, tr_period_year (2024)));
  CU_ASSERT_TRUE (tr_period_contains (tr_period_year (2024), q1));
  CU_ASSERT_TRUE (tr_period_contains (tr_period_year (2024), tr_period_year (2024)));
  CU_ASSERT_FALSE (tr_period_contains (tr_period_year (2024), fiscal));
  CU_ASSERT_FALSE (tr_period_contains (h1, tr_period_year (2024)));
  CU_ASSERT_EQUAL (tr_period_first_year (fiscal), 2023);
  CU_ASSERT_TRUE (tr_period_compare (&h1, &h2) < 0);
  CU_ASSERT_TRUE (tr_period_compare (&q1, &h1) < 0);
  CU_ASSERT_EQUAL (tr_period_compare (&h1, &h1), 0);
}

static void
test_tiling (void)
{
  TrPeriod year = tr_period_year (2024);
  TrPeriod halves[] = { { 12 * 2024 + 6, 6 }, { 12 * 2024, 6 } };
  CU_ASSERT_TRUE (tr_period_tiles (halves, 2, year));
  CU_ASSERT_FALSE (tr_period_tiles (halves, 1, year)); /* H2 alone */
  CU_ASSERT_FALSE (tr_period_tiles (halves, 0, year));
  TrPeriod quarters[] = { { 12 * 2024, 3 }, { 12 * 2024 + 3, 3 }, { 12 * 2024 + 6, 6 } };
  CU_ASSERT_TRUE (tr_period_tiles (quarters, 3, year));
  TrPeriod gap[] = { { 12 * 2024, 3 }, { 12 * 2024 + 6, 6 } };
  CU_ASSERT_FALSE (tr_period_tiles (gap, 2, year));
  TrPeriod overlap[] = { { 12 * 2024, 6 }, { 12 * 2024 + 5, 7 } };
  CU_ASSERT_FALSE (tr_period_tiles (overlap, 2, year));
  TrPeriod twice[] = { { 12 * 2024, 6 }, { 12 * 2024, 6 }, { 12 * 2024 + 6, 6 } };
  CU_ASSERT_FALSE (tr_period_tiles (twice, 3, year));
  TrPeriod beyond[] = { { 12 * 2024, 6 }, { 12 * 2024 + 6, 7 } };
  CU_ASSERT_FALSE (tr_period_tiles (beyond, 2, year));
  TrPeriod years[] = { tr_period_year (2023), tr_period_year (2022), tr_period_year (2024) };
  TrPeriod span = { 12 * 2022, 36 };
  CU_ASSERT_TRUE (tr_period_tiles (years, 3, span));
  CU_ASSERT_FALSE (tr_period_tiles (years, 2, span));
  /* Two fiscal years never tile calendar years. */
  TrPeriod fiscal[] = { { 12 * 2022 + 6, 12 }, { 12 * 2023 + 6, 12 } };
  TrPeriod two_years = { 12 * 2022, 24 };
  CU_ASSERT_FALSE (tr_period_tiles (fiscal, 2, two_years));
}

/* The canonical form and the words, and the canonical form read back. */
static void
assert_forms (TrPeriod p, const char *canonical, const char *words)
{
  g_autofree char *c = tr_period_to_string (p);
  g_autofree char *w = tr_period_describe (p);
  CU_ASSERT_STRING_EQUAL (c, canonical);
  CU_ASSERT_STRING_EQUAL (w, words);
  TrPeriod back = { 0, 0 };
  CU_ASSERT_TRUE (tr_period_parse (c, NULL, &back, NULL, NULL));
  CU_ASSERT_TRUE (tr_period_equal (back, p));
}

static void
test_printing (void)
{
  assert_forms (tr_period_year (2024), "2024", "2024");
  assert_forms ((TrPeriod){ 12 * 2022, 36 }, "2022-2024", "2022\u20132024");
  assert_forms ((TrPeriod){ 12 * 2024 + 6, 6 }, "2024-H2", "H2 2024");
  assert_forms ((TrPeriod){ 12 * 2024 + 3, 3 }, "2024-Q2", "Q2 2024");
  assert_forms ((TrPeriod){ 12 * 2024 + 2, 1 }, "2024-03", "March 2024");
  assert_forms ((TrPeriod){ 12 * 2024 + 1, 2 }, "2024-02/2024-03", "February\u2013March 2024");
  assert_forms ((TrPeriod){ 12 * 2023 + 6, 12 }, "2023-07/2024-06",
                "July 2023\u2013June 2024");
  /* Three months that are not a quarter, six that are not a half. */
  assert_forms ((TrPeriod){ 12 * 2024 + 1, 3 }, "2024-02/2024-04", "February\u2013April 2024");
  assert_forms ((TrPeriod){ 12 * 2024 + 3, 6 }, "2024-04/2024-09", "April\u2013September 2024");
}

int
main (void)
{
  CU_initialize_registry ();
  CU_pSuite suite = CU_add_suite ("period", NULL, NULL);
  CU_add_test (suite, "years", test_years);
  CU_add_test (suite, "provisional", test_provisional);
  CU_add_test (suite, "quarters", test_quarters);
  CU_add_test (suite, "halves", test_halves);
  CU_add_test (suite, "months", test_months);
  CU_add_test (suite, "spans", test_spans);
  CU_add_test (suite, "fiscal years", test_fiscal_years);
  CU_add_test (suite, "ambiguous", test_ambiguous);
  CU_add_test (suite, "invalid message", test_invalid_message);
  CU_add_test (suite, "years and parts", test_years_and_parts);
  CU_add_test (suite, "tiling", test_tiling);
  CU_add_test (suite, "printing", test_printing);
  return tr_test_run ();
}
