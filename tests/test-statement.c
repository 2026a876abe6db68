/* test-statement.c — statements: every kind holds, fails by one unit, and is not checkable;
 * every syntax error's exact message. The figures are small tables written here. */
#include "config.h"

#include <CUnit/Basic.h>
#include <string.h>

#include "statement.h"
#include "testutil.h"

static TrCountryTable *countries;
static TrDataset *dataset;

/* A catalogue of three tables: "t7" (series reference), "t6" (series declared) and "t5" (a
 * context table of providers' ratios, percentages with their numerators and denominators),
 * and a source of remarks that states figures in prose only. */
static TrCatalogue *catalogue;

static int
setup (void)
{
  countries = tr_test_countries ();
  dataset = tr_dataset_new (countries);
  g_autofree char *ref = tr_test_write_file ("ref.csv", "Pays,2022,2023,2024\n"
                                                        "BG,10000,20000,50347\n"
                                                        "CZ,100,200,300\n"
                                                        "PT,1,2,3\n");
  g_autofree char *decl = tr_test_write_file ("decl.csv", "Pays,2022,2023,2024\n"
                                                          "BG,40000,50000,44516\n"
                                                          "CZ,500,-,22580\n"
                                                          "PT,-,-,-\n"
                                                          "ES,5,-,7\n");
  g_autofree char *children = tr_test_write_file ("t8.csv", "Pays,2022,2023,2024\n"
                                                           "BG,1,-,3\n"
                                                           "CZ,4,5,6\n"
                                                           "ES,-,-,-\n");
  g_autofree char *ratios = tr_test_write_file ("t5.csv", "Fournisseur,Ratio 2023\n"
                                                         "Google,\"1,14 % (18/1576).\"\n"
                                                         "Meta,\"0,54 % (10/1834)\"\n"
                                                         "Yubo,20 %\n"
                                                         "Microsoft,s.o.\n");
  g_autofree char *ratios_layout
      = tr_test_write_file ("t5.layout", "[layout]\ncountry = Fournisseur\n[column 2]\n"
                                         "year = 2023\nkind = ratio\nmeasure = error_ratio\n");
  static const char ini[]
      = "[t5]\nkind = table\nname = five\npublisher = p\nlicence = l\ncitation = Table 5\n"
        "file = t5.csv\nlayout = t5.layout\nseries = providers\nrole = context\n\n"
        "[t6]\nkind = table\nname = six\npublisher = p\nlicence = l\ncitation = Table 6\n"
        "file = decl.csv\nseries = declared\nmeasure = reports\n\n"
        "[t7]\nkind = table\nname = seven\npublisher = p\nlicence = l\ncitation = Table 7\n"
        "file = ref.csv\nseries = reference\nmeasure = reports\n\n"
        "[t8]\nkind = table\nname = eight\npublisher = p\nlicence = l\ncitation = Table 8\n"
        "file = t8.csv\nseries = declared\nmeasure = children_identified\n\n"
        "[t6-remarks]\nkind = remark\nname = remarks\npublisher = p\nlicence = l\n"
        "citation = the remarks under Table 6\nof = t6\n";
  g_autofree char *ini_path = tr_test_write_file ("sources.ini", ini);
  g_autofree char *dir = g_path_get_dirname (ini_path);
  g_autoptr (GError) error = NULL;
  catalogue = tr_catalogue_load (ini_path, dir, &error);
  if (catalogue == NULL)
    g_error ("%s", error->message);
  const char *ids[] = { "t5", "t6", "t7", "t8" };
  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      TrTableSpec spec;
      tr_dataset_spec_of (tr_catalogue_get (catalogue, ids[i]), &spec);
      if (!tr_dataset_load (dataset, &spec, &error))
        g_error ("%s", error->message);
    }
  return 0;
}

static int
teardown (void)
{
  tr_dataset_free (dataset);
  tr_catalogue_free (catalogue);
  tr_country_table_free (countries);
  return 0;
}

/* Parses one statement and checks it: the status, and the sentence when `sentence` is set. */
static void
expect (const char *text, TrStatementStatus status, const char *sentence)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TrStatementFile) file = tr_statement_file_parse ("s.txt", text, -1, &error);
  if (file == NULL)
    {
      fprintf (stderr, "\n%s\n", error->message);
      CU_FAIL ("parse");
      return;
    }
  CU_ASSERT_EQUAL_FATAL (file->statements->len, 1);
  g_autoptr (TrStatementResult) result
      = tr_statement_check (g_ptr_array_index (file->statements, 0), dataset, countries,
                            catalogue);
  if (result->status != status || (sentence != NULL && strcmp (result->sentence, sentence) != 0))
    fprintf (stderr, "\n%s: %s\n  %s\n", text, tr_statement_status_name (result->status),
             result->sentence);
  CU_ASSERT_EQUAL (result->status, status);
  if (sentence != NULL)
    CU_ASSERT_STRING_EQUAL (result->sentence, sentence);
}

static void
expect_error (const char *text, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TrStatementFile) file = tr_statement_file_parse ("s.txt", text, -1, &error);
  CU_ASSERT_PTR_NULL (file);
  if (error == NULL)
    return;
  if (strcmp (error->message, message) != 0)
    fprintf (stderr, "\n%s\n  got:      %s\n  expected: %s\n", text, error->message, message);
  CU_ASSERT_STRING_EQUAL (error->message, message);
}

static void
test_sum (void)
{
  /* 10 000 + 20 000 + 50 347 = 80 347. */
  expect ("a: sum(t7[BG, 2022..2024, reports]) = \"80 347\" @ t6-remarks:288",
          TR_STATEMENT_HOLDS, NULL);
  expect ("a: t7[BG, 2022-2024, reports] = \"80 346\" @ t6-remarks:288", TR_STATEMENT_FAILS,
          "The three yearly figures of Table 7 for Bulgaria in 2022–2024 add up to 80 347 "
          "reports; the remarks under Table 6 (line 288) says 80 346 reports for Bulgaria in "
          "2022–2024.");
  /* 40 000 + 50 000 + 44 516 = 134 516, and the remark's parts 42 596 + 91 920 too. */
  expect ("a: sum(t6[BG, 2022..2024, reports]) = sum(\"42 596\", \"91 920\") @ t6-remarks:288",
          TR_STATEMENT_HOLDS,
          "The three yearly figures of Table 6 for Bulgaria in 2022–2024 add up to 134 516 "
          "reports, and the remarks under Table 6 (line 288) gives two figures, 42 596 + "
          "91 920 = 134 516 (reports for Bulgaria in 2022–2024): they agree.");
  expect ("a: sum(t6[BG, 2022..2024, reports]) = sum(\"42 596\", \"91 921\") @ t6-remarks:288",
          TR_STATEMENT_FAILS, NULL);
  /* CZ has no declared figure for 2023: never read as zero. */
  expect ("a: t6[CZ, 2022..2024, reports] = \"23 080\" @ t6-remarks:1", TR_STATEMENT_NOT_CHECKABLE,
          "Not checkable: Table 6 gives no reports figure for Czechia in 2023 (not reported).");
  /* A sum whose parts are approximate holds when the rounding allows it. */
  expect ("a: sum(\"environ 80 000\", \"300\") @ t6-remarks:1 = t7[BG, 2022..2024, reports]",
          TR_STATEMENT_HOLDS, NULL);
}

static void
test_parts (void)
{
  /* 11 857 + 10 723 = 22 580: the parts fit; one more does not. */
  expect ("cz: sum(\"11 857\", \"10 723\") @ t6-remarks:290 <= t6[CZ, 2024, reports]",
          TR_STATEMENT_HOLDS, NULL);
  expect ("cz: sum(\"11 857\", \"10 724\") @ t6-remarks:290 <= t6[CZ, 2024, reports]",
          TR_STATEMENT_FAILS,
          "The remarks under Table 6 (line 290) gives two figures, 11 857 + 10 724 = 22 581 "
          "(reports for Czechia in 2024); Table 6 gives 22 580 reports for Czechia in 2024: "
          "the parts exceed the whole.");
  expect ("cz: sum(\"11 857\", \"10 724\") @ t6-remarks:290 <= t6[CZ, 2023, reports]",
          TR_STATEMENT_NOT_CHECKABLE, NULL);
  /* The same written the other way round. */
  expect ("cz: t6[CZ, 2024, reports] >= sum(\"11 857\", \"10 724\") @ t6-remarks:290",
          TR_STATEMENT_FAILS, NULL);
}

static void
test_equal (void)
{
  expect ("e: \"50 347\" @ t6-remarks:1 = t7[BG, 2024, reports]", TR_STATEMENT_HOLDS,
          "The remarks under Table 6 (line 1) says 50 347 reports for Bulgaria in 2024, and "
          "Table 7 gives 50 347 reports for Bulgaria in 2024: they agree.");
  expect ("e: \"50 348\" @ t6-remarks:1 = t7[BG, 2024, reports]", TR_STATEMENT_FAILS, NULL);
  expect ("e: t7[CZ, 2024, reports] = t6[CZ, 2023, reports]", TR_STATEMENT_NOT_CHECKABLE,
          NULL);
  /* A figure read from a source that is not read is not checkable, never a failure. */
  expect ("e: t9[CZ, 2024, reports] = \"1\" @ t6-remarks:1", TR_STATEMENT_NOT_CHECKABLE,
          "Not checkable: no source t9 was read.");
  expect ("e: t6-remarks[CZ, 2024, reports] = \"1\" @ t6-remarks:1", TR_STATEMENT_NOT_CHECKABLE,
          "Not checkable: the remarks under Table 6 is not a table of figures; quote its "
          "figure instead.");
  expect ("e: t7[CZ, \"H1 2024\", reports] = \"1\" @ t6-remarks:1", TR_STATEMENT_NOT_CHECKABLE,
          "Not checkable: Table 7 gives yearly figures, and no run of whole years covers "
          "H1 2024.");
}

static void
test_bound (void)
{
  /* Deduplicated <= undeduplicated: 300 <= 22 580. */
  expect ("b: t7[CZ, 2024, reports] <= t6[CZ, 2024, reports]", TR_STATEMENT_HOLDS, NULL);
  expect ("b: \"22 581\" @ t6-remarks:2 <= t6[CZ, 2024, reports]", TR_STATEMENT_FAILS,
          "The remarks under Table 6 (line 2) says 22 581 reports for Czechia in 2024; Table 6 "
          "gives 22 580 reports for Czechia in 2024: the first is more than the second.");
  expect ("b: \"22 580\" @ t6-remarks:2 <= t6[CZ, 2024, reports]", TR_STATEMENT_HOLDS, NULL);
  expect ("b: \"22 579\" @ t6-remarks:2 >= t6[CZ, 2024, reports]", TR_STATEMENT_FAILS, NULL);
  expect ("b: \"plus de 22 579\" @ t6-remarks:2 >= t6[CZ, 2024, reports]", TR_STATEMENT_HOLDS,
          NULL);
  expect ("b: \"22 579\" @ t6-remarks:2 >= t6[CZ, 2023, reports]", TR_STATEMENT_NOT_CHECKABLE,
          NULL);
}

static void
test_ratio (void)
{
  /* 18 / 1 576 = 1.1421 %: rounds to 1,14 %. 10 / 1 834 = 0.5453 %: not to 0,54 %. */
  expect ("r: ratio(\"18\", \"1576\") @ t6-remarks:218 = \"1,14 %\" @ t6-remarks:218",
          TR_STATEMENT_HOLDS,
          "The remarks under Table 6 (line 218) prints 1,14 % for 18 / 1 576; 18 / 1 576 is "
          "1.1421 %, which rounds to 1,14 %.");
  expect ("r: ratio(\"10\", \"1834\") @ t6-remarks:218 = \"0,54 %\" @ t6-remarks:218",
          TR_STATEMENT_FAILS,
          "The remarks under Table 6 (line 218) prints 0,54 % for 10 / 1 834; 10 / 1 834 is "
          "0.5453 %, which does not round to 0,54 %.");
  /* 300 / 22 580 = 1.3286 %. */
  expect ("r: ratio(t7[CZ, 2024, reports], t6[CZ, 2024, reports]) = \"1,33 %\" @ t6-remarks:1",
          TR_STATEMENT_HOLDS, NULL);
  expect ("r: ratio(t7[CZ, 2024, reports], t6[CZ, 2023, reports]) = \"1,33 %\" @ t6-remarks:1",
          TR_STATEMENT_NOT_CHECKABLE, NULL);
}

/* A table's percentage is never added or compared as a count. */
static void
test_percent_not_count (void)
{
  expect ("p: t5[Google, 2023, error_ratio] = \"1\" @ t6-remarks:1", TR_STATEMENT_NOT_CHECKABLE,
          "Not checkable: Table 5 gives the error ratio for Google in 2023 as a percentage, not "
          "a count.");
  expect ("p: sum(t5[Yubo, 2023, error_ratio], t5[Google, 2023, error_ratio]) <= \"100\" @ "
          "t6-remarks:1",
          TR_STATEMENT_NOT_CHECKABLE, NULL);
  expect ("p: ratio(t5[Google, 2023, error_ratio], t5[Google, 2023, error_ratio_denominator]) "
          "= \"1 %\" @ t6-remarks:1",
          TR_STATEMENT_NOT_CHECKABLE, NULL);
  /* Its numerator and denominator are counts. */
  expect ("p: t5[Google, 2023, error_ratio_denominator] = \"1576\" @ t6-remarks:1",
          TR_STATEMENT_HOLDS, NULL);
  expect ("p: ratio(t5[Google, 2023, error_ratio_numerator], t5[Google, 2023, "
          "error_ratio_denominator]) = \"1,14 %\" @ t6-remarks:1",
          TR_STATEMENT_HOLDS, NULL);
  /* A table's percentage is the printed side of a ratio: 18 / 1 576 = 1.1421 % rounds to
   * 1,14 %; 10 / 1 834 = 0.5453 % does not round to 0,54 %. */
  expect ("p: ratio(t5[Google, 2023, error_ratio_numerator], t5[Google, 2023, "
          "error_ratio_denominator]) = t5[Google, 2023, error_ratio]",
          TR_STATEMENT_HOLDS,
          "Table 5 prints 1.14 % (the error ratio for Google in 2023) for 18 / 1 576; 18 / 1 576 "
          "is 1.1421 %, which rounds to 1.14 %.");
  expect ("p: ratio(t5[Meta, 2023, error_ratio_numerator], t5[Meta, 2023, "
          "error_ratio_denominator]) = t5[Meta, 2023, error_ratio]",
          TR_STATEMENT_FAILS,
          "Table 5 prints 0.54 % (the error ratio for Meta in 2023) for 10 / 1 834; 10 / 1 834 "
          "is 0.5453 %, which does not round to 0.54 %.");
  /* 20 % is [19.5, 20.5): 1 / 5 holds, 1 / 4 does not. */
  expect ("p: ratio(\"1\", \"5\") @ t6-remarks:1 = t5[Yubo, 2023, error_ratio]", TR_STATEMENT_HOLDS,
          NULL);
  expect ("p: ratio(\"1\", \"4\") @ t6-remarks:1 = t5[Yubo, 2023, error_ratio]", TR_STATEMENT_FAILS,
          NULL);
  /* A count where the percentage goes, a percentage of a span, a missing one: not checkable. */
  expect ("p: ratio(\"1\", \"5\") @ t6-remarks:1 = t7[CZ, 2024, reports]",
          TR_STATEMENT_NOT_CHECKABLE,
          "Not checkable: Table 7 gives the reports for Czechia in 2024 as a count, not a "
          "percentage.");
  expect ("p: ratio(\"1\", \"5\") @ t6-remarks:1 = t5[Yubo, 2022..2023, error_ratio]",
          TR_STATEMENT_NOT_CHECKABLE,
          "Not checkable: Table 5 gives percentages, which do not add up over 2022–2023.");
  expect ("p: ratio(\"1\", \"5\") @ t6-remarks:1 = t5[Microsoft, 2023, error_ratio]",
          TR_STATEMENT_NOT_CHECKABLE, NULL);
  /* Missing is never zero: s.o. is no figure. */
  expect ("p: t5[Microsoft, 2023, error_ratio] <= \"0\" @ t6-remarks:1",
          TR_STATEMENT_NOT_CHECKABLE,
          "Not checkable: Table 5 gives no error ratio figure for Microsoft in 2023 (not "
          "applicable).");
}

static void
test_change (void)
{
  /* 20 000 -> 50 347 is +151.735 %. */
  expect ("c: change(t7[BG, 2023, reports], t7[BG, 2024, reports]) = \"+151,7 %\" @ t6-remarks:3",
          TR_STATEMENT_HOLDS,
          "The remarks under Table 6 (line 3) prints +151,7 % for the change from 20 000 to "
          "50 347; it is 151.735 %, which rounds to +151,7 %.");
  expect ("c: change(t7[BG, 2023, reports], t7[BG, 2024, reports]) = \"151,8 %\" @ t6-remarks:3",
          TR_STATEMENT_FAILS, NULL);
  expect ("c: change(t6[CZ, 2023, reports], t6[CZ, 2024, reports]) = \"1 %\" @ t6-remarks:3",
          TR_STATEMENT_NOT_CHECKABLE, NULL);
}

static void
test_missing (void)
{
  expect ("m: missing(t6[*, 2023, reports]) = {CZ, PT, Spain} @ t6-remarks:4",
          TR_STATEMENT_HOLDS,
          "The remarks under Table 6 (line 4) names Czechia, Portugal and Spain as giving no "
          "reports figure for 2023; Table 6 has no figure for exactly these.");
  expect ("m: missing(t6[*, 2023, reports]) = {CZ, PT} @ t6-remarks:4", TR_STATEMENT_FAILS,
          "The remarks under Table 6 (line 4) names Czechia and Portugal as giving no reports "
          "figure for 2023; Table 6 has no figure for Czechia, Portugal and Spain.");
  /* Over 2022-2024: Czechia and Spain lack a figure for 2023 only, Portugal for every year. */
  expect ("m: missing(t6[*, 2022..2024, reports]) = {CZ, ES, PT} @ t6-remarks:4",
          TR_STATEMENT_HOLDS, NULL);
  expect ("m: none(t6[*, 2022..2024, reports]) = {PT} @ t6-remarks:4", TR_STATEMENT_HOLDS,
          "The remarks under Table 6 (line 4) names Portugal as giving no reports figure for "
          "any year of 2022–2024; Table 6 has no figure for exactly these.");
  expect ("m: none(t6[*, 2022..2024, reports]) = {PT, ES} @ t6-remarks:4", TR_STATEMENT_FAILS,
          "The remarks under Table 6 (line 4) names Portugal and Spain as giving no reports "
          "figure for any year of 2022–2024; Table 6 has no figure for Portugal.");
  expect ("m: missing(t9[*, 2023, reports]) = {CZ, PT} @ t6-remarks:4",
          TR_STATEMENT_NOT_CHECKABLE, NULL);
}

/* Several keys of one period: a subject lacks a figure when one of the tables it has a row in
 * has none (Table 8 has no figure for Bulgaria in 2023 and no row for Portugal). */
static void
test_missing_several (void)
{
  expect ("m: missing(t6[*, 2023, reports], t8[*, 2023, children_identified])"
          " = {BG, CZ, ES, PT} @ t6-remarks:4",
          TR_STATEMENT_HOLDS,
          "The remarks under Table 6 (line 4) names Bulgaria, Czechia, Spain and Portugal as "
          "giving no reports or children identified figure for 2023; at least one of Table 6 and "
          "Table 8 has no figure for exactly these.");
  expect ("m: missing(t6[*, 2023, reports], t8[*, 2023, children_identified])"
          " = {CZ, ES, PT} @ t6-remarks:4",
          TR_STATEMENT_FAILS,
          "The remarks under Table 6 (line 4) names Czechia, Spain and Portugal as giving no "
          "reports or children identified figure for 2023; at least one of Table 6 and Table 8 "
          "has no figure for Bulgaria, Czechia, Portugal and Spain.");
  /* 2022: Table 8 lacks Spain's figure, Table 6 has it; Portugal lacks it in Table 6 only. */
  expect ("m: missing(t6[*, 2022, reports], t8[*, 2022, children_identified])"
          " = {ES, PT} @ t6-remarks:4",
          TR_STATEMENT_HOLDS, NULL);
  /* none(…): Spain has Table 6's 2022 and 2024 figures, so only Portugal has none at all. */
  expect ("m: none(t6[*, 2022..2024, reports], t8[*, 2022..2024, children_identified])"
          " = {PT} @ t6-remarks:4",
          TR_STATEMENT_HOLDS,
          "The remarks under Table 6 (line 4) names Portugal as giving no reports or children "
          "identified figure for any year of 2022–2024; none of Table 6 and Table 8 has a "
          "figure for exactly these.");
  expect ("m: none(t6[*, 2022..2024, reports], t8[*, 2022..2024, children_identified])"
          " = {ES, PT} @ t6-remarks:4",
          TR_STATEMENT_FAILS, NULL);
  /* A key of a source not read makes the whole statement not checkable. */
  expect ("m: missing(t6[*, 2023, reports], t9[*, 2023, reports]) = {CZ, PT} @ t6-remarks:4",
          TR_STATEMENT_NOT_CHECKABLE, NULL);
  expect_error ("a: missing(t6[*, 2023, reports], t8[*, 2024, children_identified]) = {PT}",
                "s.txt:1:34: found a key for 2024; expected one for 2023, the period of the "
                "first key");
  expect_error ("a: missing(t6[*, 2023, reports] t8[*, 2023, children_identified]) = {PT}",
                "s.txt:1:33: found 't8'; expected ')'");
}

static void
test_syntax (void)
{
  expect_error ("a b", "s.txt:1:3: found 'b'; expected ':' after the statement's id");
  expect_error ("a: t7[BG, 2024, reports] == \"1\" @ x:1",
                "s.txt:1:27: found '='; expected a figure: SOURCE[SUBJECT, PERIOD, MEASURE] or "
                "a quoted figure (\"42 596\" @ SOURCE:LINE)");
  expect_error ("a: t7[BG, 2024 reports]", "s.txt:1:16: found 'reports'; expected ',' and the measure");
  expect_error ("a: t7[BG, 1234, reports]", "s.txt:1:11: found '1234'; expected a year from 1900 to 2099");
  expect_error ("a: t7[BG, 2024..2022, reports]",
                "s.txt:1:21: found the span 2024..2022, which ends before it starts; expected "
                "the first year first");
  expect_error ("a: t7[BG, 2024, reports] = \"1\"",
                "s.txt:1:31: found the end of the file; expected '@ SOURCE:LINE', the source "
                "of the quoted figures");
  expect_error ("a: t7[BG, 2024, reports] = \"1,5\" @ x:1",
                "s.txt:1:28: found '1,5', a fractional count; expected a whole number (a "
                "decimal comma or point is only allowed before a scale word such as "
                "'millions')");
  expect_error ("a: \"1\" @ x:0 = \"1\" @ x:1",
                "s.txt:1:12: found '0'; expected a line number (1 or more)");
  expect_error ("# two\na: \"1\" @ x:1 = \"1\" @ x:1\n\na: \"1\" @ x:1 = \"1\" @ x:1",
                "s.txt:4:1: found 'a', an id given to an earlier statement; expected a new id");
  expect_error ("a: \"1\" @ x:1 < \"1\" @ x:1",
                "s.txt:1:14: found '<'; expected '=', '<=' or '>='");
  expect_error ("a: ratio(\"1\", \"2\") @ x:1 = \"1,5\" @ x:1",
                "s.txt:1:28: found '\"1,5\"'; expected a printed percentage such as \"1,14 %\"");
  expect_error ("a: ratio(\"1\", \"2\") @ x:1 = 5",
                "s.txt:1:28: found '5'; expected a printed percentage in quotes (\"1,14 %\") or "
                "a table's percentage SOURCE[SUBJECT, PERIOD, MEASURE]");
  expect_error ("a: ratio(\"1\", \"2\") @ x:1 <= \"1 %\" @ x:1",
                "s.txt:1:26: found '<=' after ratio(…); expected '='");
  expect_error ("a: ratio(\"1\") @ x:1 = \"1 %\" @ x:1",
                "s.txt:1:13: found ')'; expected ',' and the second figure of ratio(…)");
  expect_error ("a: missing(t6[BG, 2023, reports]) = {PT}",
                "s.txt:1:15: found 'BG'; expected '*' (missing(…) is about every subject)");
  expect_error ("a: missing(t6[*, 2023, reports]) = {PT ES}",
                "s.txt:1:40: found 'ES'; expected ',' or '}'");
  expect_error ("a: \"-\" @ x:1 = \"1\" @ x:1",
                "s.txt:1:4: found '\"-\"', a missing marker; expected a figure (a statement "
                "about a figure that is not given is missing(…))");
  expect_error ("a: \"1 @ x:1", "s.txt:1:4: found a string that is not closed; expected a "
                                "figure: SOURCE[SUBJECT, PERIOD, MEASURE] or a quoted figure "
                                "(\"42 596\" @ SOURCE:LINE)");
  expect_error ("a: t7[BG, \"2011-12\", reports] = \"1\" @ x:1",
                "s.txt:1:11: found '2011-12', which reads as month 12 of 2011 or as the split "
                "year 2011/12; expected an unambiguous period (a month as 'December 2011', a "
                "split year as '2011/12')");
  expect_error ("a: é", "s.txt:1:4: found 'é'; expected a figure: SOURCE[SUBJECT, PERIOD, "
                        "MEASURE] or a quoted figure (\"42 596\" @ SOURCE:LINE)");
  expect_error ("a: \"1\" @ x:1 = \xff", "s.txt:1:16: found the byte 0xFF, which is not UTF-8; "
                                         "expected UTF-8 text");
  expect_error ("3", "s.txt:1:1: found '3'; expected a statement: ID ':' and a side");
}

int
main (void)
{
  CU_initialize_registry ();
  CU_pSuite suite = CU_add_suite ("statement", setup, teardown);
  CU_add_test (suite, "sums", test_sum);
  CU_add_test (suite, "parts within a whole", test_parts);
  CU_add_test (suite, "equalities", test_equal);
  CU_add_test (suite, "bounds", test_bound);
  CU_add_test (suite, "printed ratios", test_ratio);
  CU_add_test (suite, "printed changes", test_change);
  CU_add_test (suite, "percentages are not counts", test_percent_not_count);
  CU_add_test (suite, "subjects with no figure", test_missing);
  CU_add_test (suite, "subjects with no figure in one of several tables", test_missing_several);
  CU_add_test (suite, "syntax errors", test_syntax);
  return tr_test_run ();
}
