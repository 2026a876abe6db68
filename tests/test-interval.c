/* test-interval.c — unit tests of interval arithmetic: each question asked on both sides of
 * each boundary, and the restatements of COM(2025) 740 that docs/model.md quotes. */
#include "config.h"

#include <CUnit/Basic.h>

#include "testutil.h"

#include "interval.h"
#include "rules.h"
#include "value.h"

#define EXACT(v) tr_interval_exact (v)

static void
test_exact (void)
{
  CU_ASSERT_TRUE (tr_interval_overlaps (EXACT (10130), EXACT (10130)));
  /* An exact figure never hides a one-unit difference. */
  CU_ASSERT_FALSE (tr_interval_overlaps (EXACT (10130), EXACT (10131)));
  CU_ASSERT_FALSE (tr_interval_overlaps (EXACT (10131), EXACT (10130)));
  CU_ASSERT_TRUE (tr_interval_can_be_at_most (EXACT (10130), EXACT (10130)));
  CU_ASSERT_TRUE (tr_interval_can_be_at_most (EXACT (10129), EXACT (10130)));
  CU_ASSERT_FALSE (tr_interval_can_be_at_most (EXACT (10131), EXACT (10130)));
  /* The largest count there is. */
  gint64 max = ((gint64) 1 << 53) - 1;
  CU_ASSERT_TRUE (tr_interval_overlaps (EXACT (max), EXACT (max)));
  CU_ASSERT_FALSE (tr_interval_overlaps (EXACT (max), EXACT (max - 1)));
}

static void
test_rounded (void)
{
  /* "3,6 millions": [3 550 000, 3 650 000). */
  TrInterval meta = tr_interval_rounded (3600000, 100000);
  CU_ASSERT_FALSE (tr_interval_overlaps (meta, EXACT (3549999)));
  CU_ASSERT_TRUE (tr_interval_overlaps (meta, EXACT (3550000)));
  CU_ASSERT_TRUE (tr_interval_overlaps (meta, EXACT (3649999)));
  CU_ASSERT_FALSE (tr_interval_overlaps (meta, EXACT (3650000)));
  CU_ASSERT_TRUE (tr_interval_overlaps (EXACT (3550000), meta));
  /* An odd precision is worked in tenths: "7" to the unit is [6.5, 7.5). */
  TrInterval seven = tr_interval_rounded (7, 1);
  CU_ASSERT_TRUE (tr_interval_overlaps (seven, EXACT (7)));
  CU_ASSERT_FALSE (tr_interval_overlaps (seven, EXACT (6)));
  CU_ASSERT_FALSE (tr_interval_overlaps (seven, EXACT (8)));
  CU_ASSERT_TRUE (tr_interval_overlaps (seven, tr_interval_printed_decimal (65, 1)));
  /* Two roundings that touch only at an excluded end do not meet. */
  CU_ASSERT_FALSE (tr_interval_overlaps (tr_interval_rounded (100, 10),
                                         tr_interval_rounded (110, 10)));
  CU_ASSERT_TRUE (tr_interval_overlaps (tr_interval_rounded (100, 10),
                                        tr_interval_rounded (109, 10)));
}

static void
test_bounds (void)
{
  /* "plus de 5 800" */
  TrInterval more = tr_interval_more_than (5800);
  CU_ASSERT_FALSE (tr_interval_overlaps (more, EXACT (5800)));
  CU_ASSERT_TRUE (tr_interval_overlaps (more, EXACT (5801)));
  CU_ASSERT_TRUE (tr_interval_overlaps (more, EXACT (9000000000000000)));
  CU_ASSERT_FALSE (tr_interval_can_be_at_most (more, EXACT (5800)));
  CU_ASSERT_TRUE (tr_interval_can_be_at_most (more, EXACT (5801)));
  CU_ASSERT_TRUE (tr_interval_can_be_at_most (EXACT (1000000), more));
  CU_ASSERT_TRUE (tr_interval_overlaps (more, tr_interval_more_than (1000000)));
  /* "<10" */
  TrInterval less = tr_interval_less_than (10);
  CU_ASSERT_TRUE (tr_interval_overlaps (less, EXACT (0)));
  CU_ASSERT_TRUE (tr_interval_overlaps (less, EXACT (9)));
  CU_ASSERT_FALSE (tr_interval_overlaps (less, EXACT (10)));
  CU_ASSERT_FALSE (tr_interval_overlaps (less, more));
  CU_ASSERT_TRUE (tr_interval_can_be_at_most (less, more));
  CU_ASSERT_FALSE (tr_interval_can_be_at_most (more, less));
}

static void
test_sums (void)
{
  /* Czechia's 2024 reports by provider (remark under Table 6) against its declared 22 580. */
  const gint64 parts[] = { 11857, 4461, 3610, 1705, 1510, 1439, 870, 825, 620 };
  TrInterval sum = EXACT (0);
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    sum = tr_interval_add (sum, EXACT (parts[i]));
  CU_ASSERT_TRUE (tr_interval_overlaps (sum, EXACT (26897)));
  CU_ASSERT_FALSE (tr_interval_can_be_at_most (sum, EXACT (22580)));
  CU_ASSERT_TRUE (tr_interval_can_be_at_most (sum, EXACT (26897)));
  CU_ASSERT_FALSE (tr_interval_can_be_at_most (sum, EXACT (26896)));
  /* Bulgaria's declared 2022-2024 against 42 596 + 92 010 (remark under Table 6). */
  TrInterval declared = tr_interval_add (tr_interval_add (EXACT (25303), EXACT (38026)),
                                         EXACT (71187));
  TrInterval remark = tr_interval_add (EXACT (42596), EXACT (92010));
  CU_ASSERT_FALSE (tr_interval_overlaps (declared, remark));
  CU_ASSERT_TRUE (tr_interval_overlaps (declared, EXACT (134516)));
  /* Sums of roundings widen; a sum with a lower bound has no upper end. */
  TrInterval two = tr_interval_add (tr_interval_rounded (1000, 100), tr_interval_rounded (7, 1));
  /* [950, 1050) + [6.5, 7.5) = [956.5, 1057.5) */
  CU_ASSERT_FALSE (tr_interval_overlaps (two, EXACT (956)));
  CU_ASSERT_TRUE (tr_interval_overlaps (two, EXACT (957)));
  CU_ASSERT_TRUE (tr_interval_overlaps (two, EXACT (1057)));
  CU_ASSERT_FALSE (tr_interval_overlaps (two, EXACT (1058)));
  CU_ASSERT_TRUE (tr_interval_overlaps (two, tr_interval_printed_decimal (9565, 1)));
  CU_ASSERT_FALSE (tr_interval_overlaps (two, tr_interval_printed_decimal (9564, 1)));
  TrInterval open = tr_interval_add (tr_interval_more_than (5800), EXACT (200));
  CU_ASSERT_FALSE (tr_interval_overlaps (open, EXACT (6000)));
  CU_ASSERT_TRUE (tr_interval_overlaps (open, EXACT (6001)));
  CU_ASSERT_TRUE (open.hi_infinite);
}

static void
test_printed_ratios (void)
{
  /* Table 5: Google 2023 "1,14 % (18/1576)" holds. */
  TrInterval p114 = tr_interval_printed_decimal (114, 2);
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (18), EXACT (1576), p114));
  /* 10 / 1 834 is 0.5453 %, which rounds to 0,55 %: the printed 0,54 % is cut, not rounded,
   * and a statement of it fails. */
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (EXACT (10), EXACT (1834),
                                             tr_interval_printed_decimal (54, 2)));
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (10), EXACT (1834),
                                            tr_interval_printed_decimal (55, 2)));
  /* 18 / 1 558 (Table 1's count) is 1.155 %: it does not print as 1,14 %. */
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (EXACT (18), EXACT (1558), p114));
  /* Both ends of [1.135 %, 1.145 %): 1 135 / 100 000 is in, 1 145 / 100 000 is out. */
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (1135), EXACT (100000), p114));
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (EXACT (1134), EXACT (100000), p114));
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (1144), EXACT (100000), p114));
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (EXACT (1145), EXACT (100000), p114));
  /* Meta: "0,32 % (11 600/3,6 millions)" and "0,12 % (1 800/1,5 million)" hold. */
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (11600), tr_interval_rounded (3600000, 100000),
                                            tr_interval_printed_decimal (32, 2)));
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (1800), tr_interval_rounded (1500000, 100000),
                                            tr_interval_printed_decimal (12, 2)));
  /* ... and would not with an exact 3 600 000 and a printed 0,33 %. */
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (EXACT (11600), EXACT (3600000),
                                             tr_interval_printed_decimal (33, 2)));
  /* An approximate denominator widens the ratios: 11 600 / [3 550 000, 3 650 000) runs from
   * 0.3178 % to 0.3268 %, so 0,33 % (from 0.325 %) is reached. */
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (11600), tr_interval_rounded (3600000, 100000),
                                            tr_interval_printed_decimal (33, 2)));
  /* "0 % (0/0)" cannot be a ratio; a zero numerator over a positive count is 0 %. */
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (EXACT (0), EXACT (0), EXACT (0)));
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (0), EXACT (5), EXACT (0)));
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (EXACT (1), EXACT (5), EXACT (0)));
  /* A denominator "<10" and a numerator 5: every ratio above 50 %, none at 50 % itself. */
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (EXACT (5), tr_interval_less_than (10), EXACT (50)));
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (5), tr_interval_less_than (10), EXACT (51)));
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (5), tr_interval_less_than (10),
                                            EXACT (1000000)));
  /* A numerator "plus de 5 800" over 26 000: any ratio above 22.3077 %. */
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (tr_interval_more_than (5800), EXACT (26000),
                                             EXACT (22)));
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (tr_interval_more_than (5800), EXACT (26000),
                                             tr_interval_printed_decimal (222, 1)));
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (tr_interval_more_than (5800), EXACT (26000),
                                            tr_interval_printed_decimal (223, 1)));
  /* A denominator with no upper end brings the ratio as close to 0 as one likes, not to 0. */
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (EXACT (1), tr_interval_more_than (5), EXACT (0)));
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (1), tr_interval_more_than (5),
                                            tr_interval_printed_decimal (1, 6)));
  /* Yubo's 0,00027 %: six decimals. */
  CU_ASSERT_TRUE (tr_interval_ratio_can_be (EXACT (27), EXACT (10000000),
                                            tr_interval_printed_decimal (27, 5)));
  CU_ASSERT_FALSE (tr_interval_ratio_can_be (EXACT (28), EXACT (10000000),
                                             tr_interval_printed_decimal (27, 5)));
}

static void
test_changes (void)
{
  /* 100 -> 150 is +50 %; printed "50,0 %" allows [49.95, 50.05). */
  CU_ASSERT_TRUE (tr_interval_change_can_be (EXACT (100), EXACT (150), EXACT (50)));
  CU_ASSERT_FALSE (tr_interval_change_can_be (EXACT (100), EXACT (151), EXACT (50)));
  TrInterval p500 = tr_interval_printed_decimal (500, 1);
  CU_ASSERT_TRUE (tr_interval_change_can_be (EXACT (100000), EXACT (149950), p500));
  CU_ASSERT_FALSE (tr_interval_change_can_be (EXACT (100000), EXACT (149949), p500));
  CU_ASSERT_TRUE (tr_interval_change_can_be (EXACT (100000), EXACT (150049), p500));
  CU_ASSERT_FALSE (tr_interval_change_can_be (EXACT (100000), EXACT (150050), p500));
  /* Falls: 1 503 431 -> 950 817 (Table 7's totals, 2022 -> 2024) is -36.757... %. */
  TrInterval minus36_8 = { -36850, -36750, 3, FALSE, TRUE, FALSE }; /* "-36,8 %" */
  TrInterval minus36_7 = { -36750, -36650, 3, FALSE, TRUE, FALSE }; /* "-36,7 %" */
  CU_ASSERT_TRUE (tr_interval_change_can_be (EXACT (1503431), EXACT (950817), minus36_8));
  CU_ASSERT_FALSE (tr_interval_change_can_be (EXACT (1503431), EXACT (950817), minus36_7));
  /* No change from a zero. */
  CU_ASSERT_FALSE (tr_interval_change_can_be (EXACT (0), EXACT (10), EXACT (100)));
  /* A fall of more than 100 % is impossible for counts. */
  CU_ASSERT_FALSE (tr_interval_change_can_be (EXACT (10), EXACT (0), EXACT (-150)));
  CU_ASSERT_TRUE (tr_interval_change_can_be (EXACT (10), EXACT (0), EXACT (-100)));
}

static TrValue
figure (gint64 count, TrQualifier qualifier, gint64 precision)
{
  TrValue v = tr_value_exact (count);
  v.qualifier = qualifier;
  v.precision = precision;
  return v;
}

/* Figures computed from figures (value.c), on both sides of each bound, and as printed. */
static void
test_value_arithmetic (void)
{
  TrValue hundred = tr_value_exact (100), under_ten = figure (10, TR_QUALIFIER_UPPER_BOUND, 1);
  TrValue over_5800 = figure (5800, TR_QUALIFIER_LOWER_BOUND, 1);
  TrValue about_1200 = figure (1200, TR_QUALIFIER_APPROXIMATE, 100);
  char buf[64];
  /* 100 - "<10": the gap is 91 to 100, "more than 90". */
  TrValue gap = tr_value_subtract (&hundred, &under_ten);
  CU_ASSERT_EQUAL (gap.qualifier, TR_QUALIFIER_LOWER_BOUND);
  CU_ASSERT_EQUAL (gap.count, 90);
  CU_ASSERT_STRING_EQUAL (tr_format_value (&gap, TR_VALUE_WORDS, buf, sizeof buf),
                          "more than 90");
  /* "plus de 5 800" + 100 is more than 5 900; 5 000 - it is below -800. */
  TrValue sum = tr_value_add (&over_5800, &hundred);
  CU_ASSERT_EQUAL (sum.qualifier, TR_QUALIFIER_LOWER_BOUND);
  CU_ASSERT_EQUAL (sum.count, 5900);
  TrValue five_thousand = tr_value_exact (5000);
  TrValue below = tr_value_subtract (&five_thousand, &over_5800);
  CU_ASSERT_STRING_EQUAL (tr_format_value (&below, TR_VALUE_CELL, buf, sizeof buf), "<-800");
  /* "<10" + "<20": at most 9 + 19 = 28, so "<29". */
  TrValue under_twenty = figure (20, TR_QUALIFIER_UPPER_BOUND, 1);
  TrValue small = tr_value_add (&under_ten, &under_twenty);
  CU_ASSERT_EQUAL (small.qualifier, TR_QUALIFIER_UPPER_BOUND);
  CU_ASSERT_EQUAL (small.count, 29);
  /* Approximations add their precisions: the interval is that of the two together. */
  TrValue two = tr_value_add (&about_1200, &about_1200);
  CU_ASSERT_EQUAL (two.qualifier, TR_QUALIFIER_APPROXIMATE);
  CU_ASSERT_EQUAL (two.count, 2400);
  CU_ASSERT_EQUAL (two.precision, 200);
  CU_ASSERT_STRING_EQUAL (tr_format_value (&two, TR_VALUE_CELL, buf, sizeof buf), "~2 400");
  CU_ASSERT_STRING_EQUAL (tr_format_value (&two, TR_VALUE_WORDS, buf, sizeof buf),
                          "about 2 400");
  /* Exact stays exact; a bound minus a bound the same way determines nothing. */
  TrValue exact = tr_value_subtract (&hundred, &hundred);
  CU_ASSERT_EQUAL (exact.qualifier, TR_QUALIFIER_EXACT);
  CU_ASSERT_EQUAL (exact.count, 0);
  TrValue nothing = tr_value_subtract (&over_5800, &over_5800);
  CU_ASSERT_FALSE (nothing.present);
  /* An approximate figure plus "<10" is bounded on both sides: approximate, and its
   * interval holds every value the parts allow (1 150 to 1 258). */
  TrValue mixed = tr_value_add (&about_1200, &under_ten);
  CU_ASSERT_EQUAL (mixed.qualifier, TR_QUALIFIER_APPROXIMATE);
  TrInterval i = tr_value_interval (&mixed);
  CU_ASSERT_TRUE (tr_interval_overlaps (i, tr_interval_exact (1150)));
  CU_ASSERT_TRUE (tr_interval_overlaps (i, tr_interval_exact (1258)));
  /* Missing is never zero: it prints its reason. */
  TrValue missing = { .present = FALSE, .missing = TR_MISSING_NOT_REPORTED };
  CU_ASSERT_STRING_EQUAL (tr_format_value (&missing, TR_VALUE_WORDS, buf, sizeof buf),
                          "no figure (not reported)");
  CU_ASSERT_STRING_EQUAL (tr_format_value (&missing, TR_VALUE_CELL, buf, sizeof buf), "missing");
  /* A ratio's qualifier: more declared or less sent may make it higher. */
  CU_ASSERT_EQUAL (tr_value_ratio_qualifier (&under_ten, &hundred), TR_QUALIFIER_UPPER_BOUND);
  CU_ASSERT_EQUAL (tr_value_ratio_qualifier (&over_5800, &hundred), TR_QUALIFIER_LOWER_BOUND);
  CU_ASSERT_EQUAL (tr_value_ratio_qualifier (&about_1200, &hundred), TR_QUALIFIER_APPROXIMATE);
}

int
main (void)
{
  CU_initialize_registry ();
  CU_pSuite suite = CU_add_suite ("interval", NULL, NULL);
  CU_add_test (suite, "exact figures", test_exact);
  CU_add_test (suite, "rounded figures", test_rounded);
  CU_add_test (suite, "bounds", test_bounds);
  CU_add_test (suite, "sums", test_sums);
  CU_add_test (suite, "printed ratios", test_printed_ratios);
  CU_add_test (suite, "printed changes", test_changes);
  CU_add_test (suite, "figures computed from figures", test_value_arithmetic);
  return tr_test_run ();
}
