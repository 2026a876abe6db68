/* test-metrics.c — unit tests of the statistics: rounding, trends, robust scores, ranks.
 * Expected values were computed by hand or with python3 (quoted beside each), not by GSL. */
#include "config.h"

#include <CUnit/Basic.h>
#include <math.h>
#include <stdlib.h>

#include "testutil.h"

#include "metrics.h"

#define TOL 1e-9

static void
assert_ratio (gint64 num, gint64 den, guint decimals, const char *expected)
{
  char buf[48];
  CU_ASSERT_TRUE (tr_format_ratio (num, den, decimals, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, expected);
}

static void
test_rounding (void)
{
  assert_ratio (84722, 88000, 4, "0.9628"); /* 0.96275 exactly: a tie, 7 odd -> up */
  assert_ratio (84722, 88000, 3, "0.963");  /* 0.96275 -> not a tie at 3 decimals */
  assert_ratio (84634, 88000, 4, "0.9618"); /* 0.96175 exactly: a tie, 7 odd -> up */
  assert_ratio (84546, 88000, 4, "0.9608"); /* 0.96075 exactly: 7 odd -> up */
  assert_ratio (1, 8, 2, "0.12");           /* 0.125: a tie, 2 even -> stays */
  assert_ratio (3, 8, 2, "0.38");           /* 0.375: a tie, 7 odd -> up */
  assert_ratio (-1, 8, 2, "-0.12");
  assert_ratio (2, 3, 4, "0.6667");
  assert_ratio (145, 235310, 4, "0.0006");  /* Poland 2022: 0.000616... */
  assert_ratio (-1, 100000, 2, "0.00");     /* rounds to zero: no sign */
  assert_ratio (5, 2, 0, "2");              /* 2.5: a tie, 2 even */
  assert_ratio (7, 2, 0, "4");              /* 3.5: a tie, 3 odd -> up */
  assert_ratio (10, -4, 1, "-2.5");
  char buf[48];
  CU_ASSERT_FALSE (tr_format_ratio (1, 0, 2, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "");
  CU_ASSERT_TRUE (tr_format_percent (705297, 1460757, 1, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "48.3"); /* 48.2825... */
  CU_ASSERT_TRUE (tr_format_percent (1, 8, 1, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "12.5");
  CU_ASSERT_TRUE (tr_format_percent (1, 16, 1, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "6.2"); /* 6.25: a tie, 2 even */
}

/* Counts go up to 2^53 and a year's sum over every country far beyond: 100 × sum used to
 * overflow int64 (13 countries near 2^53 printed "-57.5 %"). Expected values with python3's
 * fractions.Fraction and round(), which rounds half to even. */
static void
test_rounding_large (void)
{
  char buf[48];
  const gint64 max = ((gint64) 1 << 53) - 1;
  CU_ASSERT_TRUE (tr_format_percent (117093590311620000, 117093590311632883, 1, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "100.0"); /* 99.999999999989... */
  CU_ASSERT_TRUE (tr_format_percent (max, 1, 2, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "900719925474099100.00");
  CU_ASSERT_TRUE (tr_format_percent (max, max + 1, 9, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "100.000000000"); /* 99.9999999999999888... */
  CU_ASSERT_TRUE (tr_format_percent (max / 2, max, 9, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "50.000000000"); /* (2^52 - 1) / (2^53 - 1) = 49.99999999999999444... */
  CU_ASSERT_TRUE (tr_format_percent (-13 * max, 13 * max + 1, 1, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "-100.0");
  CU_ASSERT_TRUE (tr_format_percent (G_MAXINT64, 1, 9, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "922337203685477580700.000000000");
  CU_ASSERT_TRUE (tr_format_ratio (G_MAXINT64, 3, 9, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, "3074457345618258602.333333333");
}

static void
assert_share (gint64 num, gint64 den, const char *want)
{
  char buf[48];
  CU_ASSERT_TRUE (tr_format_share (num, den, buf, sizeof buf));
  CU_ASSERT_STRING_EQUAL (buf, want);
}

/* Percentages in sentences: two significant digits at least, grouped thousands. */
static void
test_share (void)
{
  assert_share (145, 235310, "0.062");    /* Poland 2022: 0.0616... % */
  assert_share (117, 108800, "0.11");     /* Poland 2023: 0.1075... % */
  assert_share (705297, 1460757, "48.3"); /* 48.2825... % */
  assert_share (63090, 1000, "6 309.0");
  assert_share (-1, 8, "-12.5");
  assert_share (0, 8, "0");
  assert_share (1, 1000000000, "0.00000010");
  assert_share (200924, 201000, "99.96");  /* not 100.0 */
  assert_share (2000001, 2000000, "100.00005");
  assert_share (5, 5, "100.0");
  char buf[48];
  CU_ASSERT_FALSE (tr_format_share (1, 0, buf, sizeof buf));
}

static void
test_trend (void)
{
  /* France, declared, Table 6. By hand: slope = (164516 - 227645) / 2 = -31564.5;
   * change = 100 (164516 - 227645) / 227645 = -27.7313...;
   * CAGR over two years = (164516/227645)^(1/2) - 1; R² = 1 - SS_res/SS_tot below. */
  int years[] = { 2022, 2023, 2024 };
  double values[] = { 227645, 335408, 164516 };
  TrTrend t = tr_trend (years, values, 3);
  CU_ASSERT_EQUAL (t.n, 3);
  CU_ASSERT_TRUE (t.slope.defined);
  CU_ASSERT_DOUBLE_EQUAL (t.slope.value, -31564.5, TOL * 1e5);
  CU_ASSERT_DOUBLE_EQUAL (t.change_pct.value, 100.0 * (164516.0 - 227645.0) / 227645.0, TOL);
  CU_ASSERT_DOUBLE_EQUAL (t.cagr.value, sqrt (164516.0 / 227645.0) - 1.0, TOL);
  /* By hand: the fitted line passes through the means (2023, 242523) with slope -31564.5,
   * so the fitted values are 274087.5, 242523, 210958.5 and the residuals -46442.5, 92885,
   * -46442.5. */
  double mean = (227645.0 + 335408.0 + 164516.0) / 3;
  double ss_tot = pow (227645 - mean, 2) + pow (335408 - mean, 2) + pow (164516 - mean, 2);
  double ss_res = 2 * pow (46442.5, 2) + pow (92885, 2);
  CU_ASSERT_TRUE (t.r2.defined);
  CU_ASSERT_DOUBLE_EQUAL (t.r2.value, 1 - ss_res / ss_tot, 1e-9);
}

static void
test_trend_undefined (void)
{
  int one_year[] = { 2022 };
  double one[] = { 5 };
  TrTrend t1 = tr_trend (one_year, one, 1);
  CU_ASSERT_FALSE (t1.slope.defined);
  CU_ASSERT_FALSE (t1.change_pct.defined);
  CU_ASSERT_FALSE (t1.cagr.defined);
  CU_ASSERT_FALSE (t1.r2.defined);
  int years[] = { 2022, 2023 };
  double from_zero[] = { 0, 10 };
  TrTrend t2 = tr_trend (years, from_zero, 2);
  CU_ASSERT_TRUE (t2.slope.defined);
  CU_ASSERT_DOUBLE_EQUAL (t2.slope.value, 10, TOL);
  CU_ASSERT_FALSE (t2.change_pct.defined);
  CU_ASSERT_FALSE (t2.cagr.defined);
  CU_ASSERT_FALSE (t2.r2.defined); /* two points: R² says nothing */
  int three[] = { 2022, 2023, 2024 };
  double flat[] = { 7, 7, 7 };
  TrTrend t3 = tr_trend (three, flat, 3);
  CU_ASSERT_DOUBLE_EQUAL (t3.slope.value, 0, TOL);
  CU_ASSERT_FALSE (t3.r2.defined);
  CU_ASSERT_DOUBLE_EQUAL (t3.change_pct.value, 0, TOL);
  TrTrend t0 = tr_trend (NULL, NULL, 0);
  CU_ASSERT_EQUAL (t0.n, 0);
  CU_ASSERT_FALSE (t0.slope.defined);
}

static void
test_median_mad_z (void)
{
  double x[] = { 3, 1, 100, 2, 0 };
  /* sorted 0 1 2 3 100: median 2; |x - 2| = 1 1 98 0 2 -> sorted 0 1 1 2 98: MAD 1 */
  TrStat m = tr_median (x, 5), mad = tr_mad (x, 5);
  CU_ASSERT_DOUBLE_EQUAL (m.value, 2, TOL);
  CU_ASSERT_DOUBLE_EQUAL (mad.value, 1, TOL);
  CU_ASSERT_DOUBLE_EQUAL (x[0], 3, 0); /* input untouched */
  TrStat z[5];
  tr_robust_z (x, 5, z);
  CU_ASSERT_TRUE (z[2].defined);
  CU_ASSERT_DOUBLE_EQUAL (z[2].value, 98 / 1.4826, TOL);
  CU_ASSERT_DOUBLE_EQUAL (z[4].value, -2 / 1.4826, TOL);
  double even[] = { 4, 1, 3, 2 };
  CU_ASSERT_DOUBLE_EQUAL (tr_median (even, 4).value, 2.5, TOL);
  CU_ASSERT_FALSE (tr_median (NULL, 0).defined);
  CU_ASSERT_FALSE (tr_mad (NULL, 0).defined);
  double same[] = { 5, 5, 5, 9 }; /* MAD 0: z undefined */
  TrStat zs[4];
  tr_robust_z (same, 4, zs);
  CU_ASSERT_FALSE (zs[3].defined);
  double two[] = { 1, 9 };
  TrStat z2[2];
  tr_robust_z (two, 2, z2);
  CU_ASSERT_FALSE (z2[0].defined);
}

static void
test_spearman (void)
{
  double x[] = { 1, 2, 3, 4, 5 };
  double up[] = { 10, 20, 30, 40, 1000 };
  double down[] = { 5, 4, 3, 2, 1 };
  CU_ASSERT_DOUBLE_EQUAL (tr_spearman (x, up, 5).value, 1, TOL);
  CU_ASSERT_DOUBLE_EQUAL (tr_spearman (x, down, 5).value, -1, TOL);
  /* Ties: y = 1 2 2 3 -> ranks 1 2.5 2.5 4; x ranks 1 2 3 4; Pearson of ranks
   * (python3): 0.9486832980505138 */
  double xt[] = { 1, 2, 3, 4 }, yt[] = { 1, 2, 2, 3 };
  CU_ASSERT_DOUBLE_EQUAL (tr_spearman (xt, yt, 4).value, 0.9486832980505138, 1e-12);
  double flat[] = { 3, 3, 3, 3, 3 };
  CU_ASSERT_FALSE (tr_spearman (x, flat, 5).defined);
  CU_ASSERT_FALSE (tr_spearman (x, up, 2).defined);
}

int
main (void)
{
  if (CU_initialize_registry () != CUE_SUCCESS)
    return EXIT_FAILURE;
  CU_pSuite suite = CU_add_suite ("metrics", NULL, NULL);
  CU_add_test (suite, "half-to-even rounding of exact ratios", test_rounding);
  CU_add_test (suite, "percentages in sentences", test_share);
  CU_add_test (suite, "exact ratios of counts near 2^53 and of their sums", test_rounding_large);
  CU_add_test (suite, "trend of a series", test_trend);
  CU_add_test (suite, "trend undefined", test_trend_undefined);
  CU_add_test (suite, "median, MAD, robust z", test_median_mad_z);
  CU_add_test (suite, "Spearman", test_spearman);
  return tr_test_run ();
}
