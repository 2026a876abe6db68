/* test-number.c — unit tests of the cell parser: every printed form, its edges, its errors. */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "number.h"

/* Parses `text`, which must succeed, and returns the value. */
static TrValue
parse_ok (const char *text)
{
  TrValue value = { 0 };
  g_autoptr (GError) error = NULL;
  gboolean ok = tr_number_parse (text, &value, &error);
  CU_ASSERT_TRUE (ok);
  if (!ok)
    fprintf (stderr, "\n  '%s': %s\n", text, error->message);
  return value;
}

static void
assert_count (const char *text, gint64 count, TrQualifier qualifier)
{
  TrValue value = parse_ok (text);
  CU_ASSERT_TRUE (value.present);
  CU_ASSERT_EQUAL (value.count, count);
  CU_ASSERT_EQUAL (value.qualifier, qualifier);
  CU_ASSERT_EQUAL (value.missing, TR_MISSING_NONE);
}

static void
assert_missing (const char *text, TrMissing missing)
{
  TrValue value = parse_ok (text);
  CU_ASSERT_FALSE (value.present);
  CU_ASSERT_EQUAL (value.missing, missing);
}

/* Parses `text`, which must fail with `code`; returns the message (newly allocated). */
static char *
parse_error (const char *text, TrNumberError code)
{
  TrValue value = { .present = TRUE, .count = 42, .precision = 1 };
  g_autoptr (GError) error = NULL;
  CU_ASSERT_FALSE (tr_number_parse (text, &value, &error));
  CU_ASSERT_EQUAL (value.count, 42); /* untouched */
  if (error == NULL)
    return g_strdup ("");
  CU_ASSERT_TRUE (g_error_matches (error, TR_NUMBER_ERROR, code));
  return g_strdup (error->message);
}

/* Bytes that are not UTF-8 (which every reader refuses before a cell gets here) are refused,
 * never read past: a continuation byte alone once made trimming read before the text (found
 * by fuzzing the statements parser, whose escapes could make one). */
static void
test_not_utf8 (void)
{
  static const char *const texts[] = { "\x85 ", "\x85", "1\x85", " \x85 ", "\x85\x85 \xA0 " };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *message = parse_error (texts[i], TR_NUMBER_ERROR_INVALID);
      CU_ASSERT_NOT_EQUAL (message[0], '\0');
    }
}

static void
test_plain_and_grouped (void)
{
  assert_count ("0", 0, TR_QUALIFIER_EXACT);
  assert_count ("6", 6, TR_QUALIFIER_EXACT);
  assert_count ("10130", 10130, TR_QUALIFIER_EXACT);
  assert_count ("10 130", 10130, TR_QUALIFIER_EXACT);
  assert_count ("10\u00A0130", 10130, TR_QUALIFIER_EXACT);
  assert_count ("10\u202F130", 10130, TR_QUALIFIER_EXACT);
  assert_count ("10\u2009130", 10130, TR_QUALIFIER_EXACT);
  assert_count ("10,130", 10130, TR_QUALIFIER_EXACT);
  assert_count ("10.130", 10130, TR_QUALIFIER_EXACT);
  assert_count ("10'130", 10130, TR_QUALIFIER_EXACT);
  assert_count ("10\u2019130", 10130, TR_QUALIFIER_EXACT);
  assert_count ("1,503", 1503, TR_QUALIFIER_EXACT);
  assert_count ("1.503", 1503, TR_QUALIFIER_EXACT);
  assert_count ("1 503 431", 1503431, TR_QUALIFIER_EXACT);
  assert_count ("1,668,157", 1668157, TR_QUALIFIER_EXACT);
}

static void
test_surroundings (void)
{
  assert_count ("  18 276  ", 18276, TR_QUALIFIER_EXACT);
  assert_count ("\u00A012 345\u00A0", 12345, TR_QUALIFIER_EXACT);
  assert_count ("12 345¹", 12345, TR_QUALIFIER_EXACT);
  assert_count ("12 345 ¹³", 12345, TR_QUALIFIER_EXACT);
}

/* Parses an approximate figure and checks its printed precision. */
static void
assert_approx (const char *text, gint64 count, TrQualifier qualifier, gint64 precision)
{
  assert_count (text, count, qualifier);
  TrValue value = parse_ok (text);
  CU_ASSERT_EQUAL (value.precision, precision);
}

/* A scale word rounds: the figure is approximate to its last printed digit ("3,6 millions"
 * stands for [3 550 000, 3 650 000)), never exact. */
static void
test_scale_words (void)
{
  assert_approx ("3,6 millions", 3600000, TR_QUALIFIER_APPROXIMATE, 100000);
  assert_approx ("1,5 million", 1500000, TR_QUALIFIER_APPROXIMATE, 100000);
  assert_approx ("2 millions", 2000000, TR_QUALIFIER_APPROXIMATE, 1000000);
  assert_approx ("10 millions", 10000000, TR_QUALIFIER_APPROXIMATE, 1000000);
  assert_approx ("3.6 million", 3600000, TR_QUALIFIER_APPROXIMATE, 100000);
  assert_approx ("1,2 milliard", 1200000000, TR_QUALIFIER_APPROXIMATE, 100000000);
  assert_approx ("35,93 millions", 35930000, TR_QUALIFIER_APPROXIMATE, 10000);
  assert_approx ("2 Mio.", 2000000, TR_QUALIFIER_APPROXIMATE, 1000000);
  assert_approx ("1 Mrd.", 1000000000, TR_QUALIFIER_APPROXIMATE, 1000000000);
  assert_approx ("1 500 millions", 1500000000, TR_QUALIFIER_APPROXIMATE, 1000000);
  assert_approx ("1,500000 million", 1500000, TR_QUALIFIER_APPROXIMATE, 1);
  assert_approx ("1,5000000 million", 1500000, TR_QUALIFIER_APPROXIMATE, 1); /* past the unit */
  /* A qualifier keeps its meaning, with the printed precision beside it. */
  assert_approx ("about 3,6 millions", 3600000, TR_QUALIFIER_APPROXIMATE, 100000);
  assert_approx ("plus de 3,6 millions", 3600000, TR_QUALIFIER_LOWER_BOUND, 100000);
  /* Printed in full, a figure is exact. */
  assert_approx ("3 600 000", 3600000, TR_QUALIFIER_EXACT, 1);
  assert_approx ("3600000", 3600000, TR_QUALIFIER_EXACT, 1);
  TrValue value = parse_ok ("3,6 millions");
  TrInterval interval = tr_value_interval (&value);
  CU_ASSERT_EQUAL (interval.lo, 3550000);
  CU_ASSERT_EQUAL (interval.hi, 3650000);
  CU_ASSERT_TRUE (interval.hi_open);
  g_autofree char *message = parse_error ("1,2345678 million", TR_NUMBER_ERROR_FRACTIONAL);
  CU_ASSERT_STRING_EQUAL (message, "found '1,2345678 million', a fractional count; expected a "
                                   "whole number (a decimal comma or point is only allowed "
                                   "before a scale word such as 'millions')");
}

/* Words are matched case-folded with runs of white space made one space, whether the cell is
 * ASCII (folded byte by byte) or not (NFC, then Unicode case folding). */
static void
test_folding (void)
{
  assert_missing ("Not\t \tREPORTED", TR_MISSING_NOT_REPORTED);
  assert_missing ("DATA  NOT\favailable", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("Données\u00A0non  communiquées", TR_MISSING_NOT_REPORTED);
  assert_count ("ENVIRON\r\n254 500", 254500, TR_QUALIFIER_APPROXIMATE);
  assert_count ("10 \t 130", 10130, TR_QUALIFIER_EXACT);
  assert_count ("NÉANT", 0, TR_QUALIFIER_EXACT);
  /* A vertical tab is a control, not white space: the words stay apart. */
  g_autofree char *message = parse_error ("not\vreported", TR_NUMBER_ERROR_INVALID);
  CU_ASSERT_STRING_EQUAL (message, "found 'not\vreported'; expected a count such as '10 130', "
                                   "or a missing marker such as '-'");
}

static void
test_qualifiers (void)
{
  assert_count ("environ 254 500", 254500, TR_QUALIFIER_APPROXIMATE);
  assert_count ("Environ 254 500", 254500, TR_QUALIFIER_APPROXIMATE);
  assert_count ("env. 254 500", 254500, TR_QUALIFIER_APPROXIMATE);
  assert_count ("about 3,6 millions", 3600000, TR_QUALIFIER_APPROXIMATE);
  assert_count ("~500", 500, TR_QUALIFIER_APPROXIMATE);
  assert_count ("ca. 500", 500, TR_QUALIFIER_APPROXIMATE);
  assert_count ("etwa 500", 500, TR_QUALIFIER_APPROXIMATE);
  assert_count ("plus de 5 800", 5800, TR_QUALIFIER_LOWER_BOUND);
  assert_count ("Plus de 5 800", 5800, TR_QUALIFIER_LOWER_BOUND);
  assert_count ("more than 5,800", 5800, TR_QUALIFIER_LOWER_BOUND);
  assert_count ("> 5800", 5800, TR_QUALIFIER_LOWER_BOUND);
  assert_count (">5800", 5800, TR_QUALIFIER_LOWER_BOUND);
  assert_count ("mehr als 5.800", 5800, TR_QUALIFIER_LOWER_BOUND);
  assert_count ("au moins 12", 12, TR_QUALIFIER_LOWER_BOUND);
  /* "environ" is approximate to the last non-zero digit printed. */
  assert_approx ("environ 254 500", 254500, TR_QUALIFIER_APPROXIMATE, 100);
  /* Table 3's remark prints the same figure as "quelque 254 500". */
  assert_approx ("quelque 254 500", 254500, TR_QUALIFIER_APPROXIMATE, 100);
  assert_approx ("près de 1 800", 1800, TR_QUALIFIER_APPROXIMATE, 100);
  assert_approx ("~500", 500, TR_QUALIFIER_APPROXIMATE, 100);
  assert_approx ("about 7", 7, TR_QUALIFIER_APPROXIMATE, 1);
  assert_approx ("about 0", 0, TR_QUALIFIER_APPROXIMATE, 1);
  /* "<10" is an upper bound: a figure below 10, never a missing one. */
  assert_approx ("<10", 10, TR_QUALIFIER_UPPER_BOUND, 1);
  assert_approx ("< 10", 10, TR_QUALIFIER_UPPER_BOUND, 1);
  assert_approx ("≤ 5", 5, TR_QUALIFIER_UPPER_BOUND, 1);
  assert_approx ("moins de 5 800", 5800, TR_QUALIFIER_UPPER_BOUND, 1);
  assert_approx ("fewer than 20", 20, TR_QUALIFIER_UPPER_BOUND, 1);
  assert_approx ("weniger als 3", 3, TR_QUALIFIER_UPPER_BOUND, 1);
  TrValue below = parse_ok ("<10");
  TrInterval interval = tr_value_interval (&below);
  CU_ASSERT_EQUAL (interval.lo, 0);
  CU_ASSERT_EQUAL (interval.hi, 10);
  CU_ASSERT_TRUE (interval.hi_open);
  /* A qualifier word glued to its number is not a qualifier. */
  g_autofree char *message = parse_error ("environ254", TR_NUMBER_ERROR_INVALID);
}

static void
test_zero_words (void)
{
  assert_count ("Aucune condamnation", 0, TR_QUALIFIER_EXACT);
  assert_count ("aucune  condamnation", 0, TR_QUALIFIER_EXACT);
  assert_count ("Néant", 0, TR_QUALIFIER_EXACT);
  assert_count ("none", 0, TR_QUALIFIER_EXACT);
  assert_count ("keine", 0, TR_QUALIFIER_EXACT);
  /* A word meaning "none" is a zero in every language (a deliberate reading, as for
   * "Aucune condamnation"); "no data" is missing (see the markers below). */
  assert_count ("nessuno", 0, TR_QUALIFIER_EXACT);
  assert_count ("Brak", 0, TR_QUALIFIER_EXACT);
  assert_count ("ninguno", 0, TR_QUALIFIER_EXACT);
  assert_count ("Keine", 0, TR_QUALIFIER_EXACT);
  assert_count ("geen", 0, TR_QUALIFIER_EXACT);
  assert_count ("ingen", 0, TR_QUALIFIER_EXACT);
  assert_count ("nenhum", 0, TR_QUALIFIER_EXACT);
  assert_count ("nil", 0, TR_QUALIFIER_EXACT);
}

static void
test_missing_markers (void)
{
  assert_missing (NULL, TR_MISSING_NOT_REPORTED);
  assert_missing ("", TR_MISSING_NOT_REPORTED);
  assert_missing ("   ", TR_MISSING_NOT_REPORTED);
  assert_missing ("-", TR_MISSING_NOT_REPORTED);
  assert_missing ("–", TR_MISSING_NOT_REPORTED);
  assert_missing ("—", TR_MISSING_NOT_REPORTED);
  assert_missing ("Données non communiquées", TR_MISSING_NOT_REPORTED);
  assert_missing ("Données indisponibles", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("DONNÉES INDISPONIBLES", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("Non disponible", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("n/a", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("N/A", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("Data not available", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("s.o.", TR_MISSING_NOT_APPLICABLE);
  assert_missing ("n.d.", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("N.D.", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("..", TR_MISSING_NOT_AVAILABLE);
  assert_missing (" x ", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("X", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("brak danych", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("keine Angaben", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("nessun dato", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("sin datos", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("geen gegevens", TR_MISSING_NOT_AVAILABLE);
  assert_missing ("S.O.", TR_MISSING_NOT_APPLICABLE);
  assert_missing ("sans objet", TR_MISSING_NOT_APPLICABLE);
  assert_missing ("-¹", TR_MISSING_NOT_REPORTED);
  /* A missing value is never zero. */
  TrValue dash = parse_ok ("-");
  CU_ASSERT_FALSE (dash.present);
}

static void
test_errors (void)
{
  g_autofree char *fraction = parse_error ("1,5", TR_NUMBER_ERROR_FRACTIONAL);
  CU_ASSERT_STRING_EQUAL (fraction, "found '1,5', a fractional count; expected a whole number "
                                    "(a decimal comma or point is only allowed before a scale "
                                    "word such as 'millions')");
  g_autofree char *f2 = parse_error ("1.50", TR_NUMBER_ERROR_FRACTIONAL);
  g_autofree char *f3 = parse_error ("12,34", TR_NUMBER_ERROR_FRACTIONAL);
  g_autofree char *negative = parse_error ("-12", TR_NUMBER_ERROR_NEGATIVE);
  CU_ASSERT_STRING_EQUAL (negative, "found '-12', a negative count; expected a count of zero "
                                    "or more");
  g_autofree char *text = parse_error ("abc", TR_NUMBER_ERROR_INVALID);
  CU_ASSERT_STRING_EQUAL (text, "found 'abc'; expected a count such as '10 130', or a missing "
                                "marker such as '-'");
  g_autofree char *plus = parse_error ("+5", TR_NUMBER_ERROR_INVALID);
  g_autofree char *badgroup = parse_error ("1 50", TR_NUMBER_ERROR_INVALID);
  g_autofree char *mixed = parse_error ("1,234 567", TR_NUMBER_ERROR_INVALID);
  g_autofree char *trailing = parse_error ("12 reports", TR_NUMBER_ERROR_INVALID);
  g_autofree char *long_text = parse_error ("Le nombre de signalements n'est pas connu pour "
                                            "cette année en raison d'un changement de méthode",
                                            TR_NUMBER_ERROR_INVALID);
  CU_ASSERT_STRING_EQUAL (long_text, "found 'Le nombre de signalements n'est pas connu pour "
                                     "cette année e…'; expected a count such as '10 130', or a "
                                     "missing marker such as '-'");
}

static void
test_bounds (void)
{
  assert_count ("9007199254740992", 9007199254740992, TR_QUALIFIER_EXACT);
  assert_count ("9 007 199 254 740 992", 9007199254740992, TR_QUALIFIER_EXACT);
  g_autofree char *past = parse_error ("9007199254740993", TR_NUMBER_ERROR_TOO_LARGE);
  CU_ASSERT_STRING_EQUAL (past, "found '9007199254740993', past 2^53; expected a count of at "
                                "most 9007199254740992");
  g_autofree char *huge = parse_error ("1234567890123456789012345678901234567890",
                                       TR_NUMBER_ERROR_TOO_LARGE);
  g_autofree char *scaled = parse_error ("9 008 millions millions", TR_NUMBER_ERROR_INVALID);
  g_autofree char *big_scale = parse_error ("9 007 200 milliards", TR_NUMBER_ERROR_TOO_LARGE);
  assert_count ("0000012", 12, TR_QUALIFIER_EXACT);
  /* Up to fifteen plain digits take the short path, sixteen the general one: same results. */
  assert_count ("999999999999999", 999999999999999, TR_QUALIFIER_EXACT);
  assert_count ("1000000000000000", 1000000000000000, TR_QUALIFIER_EXACT);
  assert_count ("000000000000000", 0, TR_QUALIFIER_EXACT);
  assert_count ("0000000000000007", 7, TR_QUALIFIER_EXACT);
  assert_count ("123 ", 123, TR_QUALIFIER_EXACT);
}

static void
test_breakdowns (void)
{
  struct {
    const char *text;
    guint n;
    gint64 parts[3];
  } cases[] = {
    { "4/2", 2, { 4, 2, 0 } },
    { "408/470/11", 3, { 408, 470, 11 } },
    { "14 979/ 4 795", 2, { 14979, 4795, 0 } },
    { "520/82/23", 3, { 520, 82, 23 } },
    { " 9/0 ", 2, { 9, 0, 0 } },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TrValue parts[3];
      guint n = 0;
      TrMissing missing = TR_MISSING_NOT_AVAILABLE;
      CU_ASSERT_TRUE_FATAL (tr_breakdown_parse (cases[i].text, parts, &n, &missing, NULL));
      CU_ASSERT_EQUAL (n, cases[i].n);
      CU_ASSERT_EQUAL (missing, TR_MISSING_NONE);
      for (guint k = 0; k < n; k++)
        CU_ASSERT_EQUAL (parts[k].count, cases[i].parts[k]);
    }
  TrValue parts[3];
  guint n = 9;
  TrMissing missing = TR_MISSING_NONE;
  CU_ASSERT_TRUE (tr_breakdown_parse ("-", parts, &n, &missing, NULL));
  CU_ASSERT_EQUAL (n, 0);
  CU_ASSERT_EQUAL (missing, TR_MISSING_NOT_REPORTED);

  g_autoptr (GError) four = NULL;
  CU_ASSERT_FALSE (tr_breakdown_parse ("1/2/3/4", parts, &n, &missing, &four));
  CU_ASSERT_STRING_EQUAL (four->message, "found '1/2/3/4'; expected 2 or 3 counts separated by "
                                         "'/', such as '4/2' or '408/470/11'");
  g_autoptr (GError) bad = NULL;
  CU_ASSERT_FALSE (tr_breakdown_parse ("4/x", parts, &n, &missing, &bad));
  CU_ASSERT_STRING_EQUAL (bad->message, "found 'x' as part 2 of '4/x'; expected a count");
  g_autoptr (GError) single = NULL;
  CU_ASSERT_FALSE (tr_breakdown_parse ("5", parts, &n, &missing, &single));
}

/* A printed percentage: to its last printed digit, in millionths of a percent; each edge
 * tried on both sides (six decimals and seven; a digit before '%' and none). */
static void
test_percentages (void)
{
  const struct {
    const char *text;
    gint64 count, precision;
    const char *digits;
  } good[] = {
    { "1,14 %", 1140000, 10000, "1.14" },
    { "1.14%", 1140000, 10000, "1.14" },
    { "20 %", 20000000, 1000000, "20" },
    { "0 %", 0, 1000000, "0" },
    { "0,50 %", 500000, 10000, "0.50" },
    { "0,00027 %", 270, 10, "0.00027" },
    { "0,000001 %", 1, 1, "0.000001" },
    { "100 %", 100000000, 1000000, "100" },
    { " 13\u00a0% ", 13000000, 1000000, "13" },
    { "9007199254 %", 9007199254000000, 1000000, "9007199254" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      TrValue v = { 0 };
      g_autoptr (GError) error = NULL;
      CU_ASSERT_TRUE_FATAL (tr_percent_parse (good[i].text, &v, &error));
      CU_ASSERT_TRUE (v.present);
      CU_ASSERT_EQUAL (v.unit, TR_UNIT_PERCENT);
      CU_ASSERT_EQUAL (v.qualifier, TR_QUALIFIER_EXACT);
      CU_ASSERT_EQUAL (v.count, good[i].count);
      CU_ASSERT_EQUAL (v.precision, good[i].precision);
      char digits[32];
      CU_ASSERT_STRING_EQUAL (tr_value_digits (&v, digits, sizeof digits), good[i].digits);
    }
  /* Intervals by the last printed digit, never below zero: "1,14 %" is [1.135, 1.145),
   * "20 %" [19.5, 20.5), "0 %" [0, 0.5). */
  TrValue v;
  CU_ASSERT_TRUE_FATAL (tr_percent_parse ("1,14 %", &v, NULL));
  TrInterval i = tr_value_interval (&v);
  CU_ASSERT_EQUAL (i.decimals, 7);
  CU_ASSERT_EQUAL (i.lo, 11350000);
  CU_ASSERT_EQUAL (i.hi, 11450000);
  CU_ASSERT_FALSE (i.lo_open);
  CU_ASSERT_TRUE (i.hi_open);
  CU_ASSERT_TRUE (tr_interval_overlaps (i, tr_interval_printed_decimal (1135, 3)));
  CU_ASSERT_FALSE (tr_interval_overlaps (i, tr_interval_exact (2)));
  CU_ASSERT_TRUE_FATAL (tr_percent_parse ("20 %", &v, NULL));
  i = tr_value_interval (&v);
  CU_ASSERT_EQUAL (i.lo, 195000000);
  CU_ASSERT_EQUAL (i.hi, 205000000);
  CU_ASSERT_TRUE_FATAL (tr_percent_parse ("0 %", &v, NULL));
  i = tr_value_interval (&v);
  CU_ASSERT_EQUAL (i.lo, 0);
  CU_ASSERT_FALSE (i.lo_open);
  CU_ASSERT_EQUAL (i.hi, 5000000);
  CU_ASSERT_TRUE (i.hi_open);

  const struct {
    const char *text, *message;
  } bad[] = {
    { "1,14", "found '1,14'; expected a printed percentage such as '1,14 %' or '20 %'" },
    { "%", "found '%'; expected a printed percentage such as '1,14 %' or '20 %'" },
    { ",5 %", "found ',5 %'; expected a printed percentage such as '1,14 %' or '20 %'" },
    { "1, 14 %", "found '1, 14 %'; expected a printed percentage such as '1,14 %' or '20 %'" },
    { "1 000 %", "found '1 000 %'; expected a printed percentage such as '1,14 %' or '20 %'" },
    { "1,14 % %", "found '1,14 % %'; expected a printed percentage such as '1,14 %' or '20 %'" },
    { "environ 5 %",
      "found 'environ 5 %'; expected a printed percentage such as '1,14 %' or '20 %'" },
    { "0,0000001 %", "found '0,0000001 %', a percentage with more than six decimals; expected "
                     "a printed percentage such as '1,14 %' or '20 %'" },
    { "-1 %", "found '-1 %', a signed percentage; expected a percentage of zero or more, "
              "without a sign, such as '1,14 %'" },
    { "+1 %", "found '+1 %', a signed percentage; expected a percentage of zero or more, "
              "without a sign, such as '1,14 %'" },
    { "9007199255 %", "found '9007199255 %', past 2^53 millionths of a percent; expected a "
                      "printed percentage such as '1,14 %' or '20 %'" },
  };
  for (gsize k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      TrValue untouched = { .count = 42 };
      g_autoptr (GError) error = NULL;
      CU_ASSERT_FALSE (tr_percent_parse (bad[k].text, &untouched, &error));
      CU_ASSERT_EQUAL (untouched.count, 42);
      CU_ASSERT_PTR_NOT_NULL_FATAL (error);
      CU_ASSERT_STRING_EQUAL (error->message, bad[k].message);
      if (strcmp (error->message, bad[k].message) != 0)
        fprintf (stderr, "\n  '%s': %s\n", bad[k].text, error->message);
    }
}

/* A ratio cell as Table 5 prints it: a percentage, alone or with its numerator and
 * denominator; a marker; and every malformed neighbour refused, naming what is wrong. */
static void
test_ratios (void)
{
  const struct {
    const char *text;
    gint64 percent;
    guint n;
    gint64 num, den;
    TrQualifier den_qualifier;
  } good[] = {
    { "1,14 % (18/1576).", 1140000, 2, 18, 1576, TR_QUALIFIER_EXACT },
    { "1,14 % (18/1576)", 1140000, 2, 18, 1576, TR_QUALIFIER_EXACT },
    { "1,14 %(18 / 1576)", 1140000, 2, 18, 1576, TR_QUALIFIER_EXACT },
    { "0 % (0/0).", 0, 2, 0, 0, TR_QUALIFIER_EXACT },
    { "0,32 % (11 600/3,6 millions)", 320000, 2, 11600, 3600000, TR_QUALIFIER_APPROXIMATE },
    { "0,12 % (1 800/1,5 million)", 120000, 2, 1800, 1500000, TR_QUALIFIER_APPROXIMATE },
    { "20 %", 20000000, 0, 0, 0, TR_QUALIFIER_EXACT },
    { "13 %.", 13000000, 0, 0, 0, TR_QUALIFIER_EXACT },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      TrValue percent, parts[2];
      guint n = 9;
      g_autoptr (GError) error = NULL;
      CU_ASSERT_TRUE_FATAL (tr_ratio_parse (good[i].text, &percent, parts, &n, &error));
      CU_ASSERT_TRUE (percent.present);
      CU_ASSERT_EQUAL (percent.unit, TR_UNIT_PERCENT);
      CU_ASSERT_EQUAL (percent.count, good[i].percent);
      CU_ASSERT_EQUAL (n, good[i].n);
      if (n == 2)
        {
          CU_ASSERT_EQUAL (parts[0].unit, TR_UNIT_COUNT);
          CU_ASSERT_EQUAL (parts[1].unit, TR_UNIT_COUNT);
          CU_ASSERT_EQUAL (parts[0].count, good[i].num);
          CU_ASSERT_EQUAL (parts[0].qualifier, TR_QUALIFIER_EXACT);
          CU_ASSERT_EQUAL (parts[1].count, good[i].den);
          CU_ASSERT_EQUAL (parts[1].qualifier, good[i].den_qualifier);
        }
    }
  /* A marker is a missing percentage, never zero; an empty cell one not reported. */
  TrValue percent, parts[2];
  guint n = 9;
  CU_ASSERT_TRUE (tr_ratio_parse ("s.o.", &percent, parts, &n, NULL));
  CU_ASSERT_FALSE (percent.present);
  CU_ASSERT_EQUAL (percent.missing, TR_MISSING_NOT_APPLICABLE);
  CU_ASSERT_EQUAL (n, 0);
  CU_ASSERT_TRUE (tr_ratio_parse ("", &percent, parts, &n, NULL));
  CU_ASSERT_FALSE (percent.present);
  CU_ASSERT_EQUAL (percent.missing, TR_MISSING_NOT_REPORTED);

  static const char expected[]
      = "expected a printed percentage, optionally followed by its numerator and denominator "
        "in parentheses, such as '1,14 % (18/1576)', or a missing marker such as 's.o.'";
  const struct {
    const char *text, *found;
  } bad[] = {
    { "18", "found '18', a count without '%'; " },
    { "aucun", "found 'aucun', a count without '%'; " },
    { "1,14 (18/1576)", "found '1,14 (18/1576)'; " },
    { "(18/1576)", "found '(18/1576)'; " },
    { "1,14 % (18/1576", "found '1,14 % (18/1576'; " },
    { "1,14 % 18/1576)", "found '1,14 % 18/1576)'; " },
    { "1,14 % (18/1576)..", "found '1,14 % (18/1576)..'; " },
    { "1,14 % (18/1576). x", "found '1,14 % (18/1576). x'; " },
    { "1,14 % (18/1576) cas", "found '1,14 % (18/1576) cas'; " },
    { "1,14 % x", "found '1,14 % x'; " },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      CU_ASSERT_FALSE (tr_ratio_parse (bad[i].text, &percent, parts, &n, &error));
      CU_ASSERT_PTR_NOT_NULL_FATAL (error);
      g_autofree char *want = g_strconcat (bad[i].found, expected, NULL);
      CU_ASSERT_STRING_EQUAL (error->message, want);
      if (strcmp (error->message, want) != 0)
        fprintf (stderr, "\n  '%s': %s\n", bad[i].text, error->message);
    }
  const struct {
    const char *text, *message;
  } parts_bad[] = {
    { "1,14 % (18)", "found '1,14 % (18)', not two counts in the parentheses; expected a "
                     "numerator and a denominator separated by '/', such as '1,14 % (18/1576)'" },
    { "1,14 % (1/2/3)", "found '1,14 % (1/2/3)', not two counts in the parentheses; expected "
                        "a numerator and a denominator separated by '/', such as '1,14 % "
                        "(18/1576)'" },
    { "1,14 % ()", "found '1,14 % ()', not two counts in the parentheses; expected a "
                   "numerator and a denominator separated by '/', such as '1,14 % (18/1576)'" },
    { "1,14 % (18/s.o.)", "found 's.o.' as the denominator of '1,14 % (18/s.o.)'; expected a "
                          "count" },
    { "1,14 % (/1576)", "found '' as the numerator of '1,14 % (/1576)'; expected a count" },
    { "1,14 % (1,5/1576)", "found '1,5' as the numerator of '1,14 % (1,5/1576)'; expected a "
                           "count" },
    { "-1 % (1/2)", "found '-1 % (1/2)', a signed percentage; expected a percentage of zero "
                    "or more, without a sign, such as '1,14 %'" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (parts_bad); i++)
    {
      g_autoptr (GError) error = NULL;
      CU_ASSERT_FALSE (tr_ratio_parse (parts_bad[i].text, &percent, parts, &n, &error));
      CU_ASSERT_PTR_NOT_NULL_FATAL (error);
      CU_ASSERT_STRING_EQUAL (error->message, parts_bad[i].message);
      if (strcmp (error->message, parts_bad[i].message) != 0)
        fprintf (stderr, "\n  '%s': %s\n", parts_bad[i].text, error->message);
    }
}

/* Units after a figure: read only when declared; an undeclared one is named. */
static void
test_units (void)
{
  static const char *const units[] = { "éléments de contenu", "élément de contenu", "cas", NULL };
  const struct {
    const char *text;
    gint64 count;
    TrQualifier qualifier;
    int unit;
  } good[] = {
    { "1 558 éléments de contenu", 1558, TR_QUALIFIER_EXACT, 0 },
    { "1 élément de contenu", 1, TR_QUALIFIER_EXACT, 1 },
    { "7 720 cas", 7720, TR_QUALIFIER_EXACT, 2 },
    { "7 720 CAS", 7720, TR_QUALIFIER_EXACT, 2 },
    { "Plus de 5 800 éléments de contenu", 5800, TR_QUALIFIER_LOWER_BOUND, 0 },
    { "3,6 millions d'éléments de contenu", 3600000, TR_QUALIFIER_APPROXIMATE, 0 },
    { "1,5 million d\u2019éléments de contenu", 1500000, TR_QUALIFIER_APPROXIMATE, 0 },
    { "environ 254 500", 254500, TR_QUALIFIER_APPROXIMATE, -1 },
    { "1159", 1159, TR_QUALIFIER_EXACT, -1 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      TrValue v;
      int unit = 7;
      g_autoptr (GError) error = NULL;
      CU_ASSERT_TRUE_FATAL (tr_number_parse_unit (good[i].text, units, &v, &unit, NULL, &error));
      CU_ASSERT_TRUE (v.present);
      CU_ASSERT_EQUAL (v.count, good[i].count);
      CU_ASSERT_EQUAL (v.qualifier, good[i].qualifier);
      CU_ASSERT_EQUAL (unit, good[i].unit);
    }
  TrValue v;
  int unit;
  /* s.o. is missing, with no unit. */
  CU_ASSERT_TRUE (tr_number_parse_unit ("s.o.", units, &v, &unit, NULL, NULL));
  CU_ASSERT_FALSE (v.present);
  CU_ASSERT_EQUAL (v.missing, TR_MISSING_NOT_APPLICABLE);
  /* A unit not declared, or no unit declared at all: refused, the words named. */
  const struct {
    const char *text, *unknown;
    gboolean declared;
  } bad[] = {
    { "7 720 cas", "cas", FALSE },
    { "1 558 éléments de contenu", "éléments de contenu", FALSE },
    { "3,6 millions d'éléments de contenu", "éléments de contenu", FALSE },
    { "7 720 comptes", "comptes", TRUE },
    { "Plus de 5 800 fichiers", "fichiers", TRUE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *unknown = NULL;
      CU_ASSERT_FALSE (tr_number_parse_unit (bad[i].text, bad[i].declared ? units : NULL, &v,
                                             &unit, &unknown, &error));
      CU_ASSERT_TRUE (g_error_matches (error, TR_NUMBER_ERROR, TR_NUMBER_ERROR_UNIT));
      CU_ASSERT_STRING_EQUAL (unknown, bad[i].unknown);
    }
  /* "d'" joins a scale word to its unit, nothing else; a unit needs a figure before it. */
  CU_ASSERT_FALSE (tr_number_parse_unit ("7 720 d'éléments de contenu", units, &v, &unit, NULL,
                                         NULL));
  CU_ASSERT_FALSE (tr_number_parse_unit ("cas", units, &v, &unit, NULL, NULL));
  CU_ASSERT_FALSE (tr_number_parse_unit ("s.o. cas", units, &v, &unit, NULL, NULL));
  CU_ASSERT_FALSE (tr_number_parse_unit ("7 720cas", units, &v, &unit, NULL, NULL));
}

int
main (void)
{
  if (CU_initialize_registry () != CUE_SUCCESS)
    return EXIT_FAILURE;
  CU_pSuite suite = CU_add_suite ("number", NULL, NULL);
  CU_add_test (suite, "plain and grouped counts", test_plain_and_grouped);
  CU_add_test (suite, "bytes that are not UTF-8", test_not_utf8);
  CU_add_test (suite, "white space and footnotes", test_surroundings);
  CU_add_test (suite, "scale words", test_scale_words);
  CU_add_test (suite, "qualifiers", test_qualifiers);
  CU_add_test (suite, "folding of words", test_folding);
  CU_add_test (suite, "zero words", test_zero_words);
  CU_add_test (suite, "missing markers", test_missing_markers);
  CU_add_test (suite, "errors", test_errors);
  CU_add_test (suite, "bounds", test_bounds);
  CU_add_test (suite, "breakdowns", test_breakdowns);
  CU_add_test (suite, "units", test_units);
  CU_add_test (suite, "percentages", test_percentages);
  CU_add_test (suite, "ratios", test_ratios);
  return tr_test_run ();
}
