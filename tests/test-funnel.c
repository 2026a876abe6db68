/* test-funnel.c — the funnel and the scorecard on small tables whose figures are those of
 * Tables 6-9 for Bulgaria and Czechia (2022-2023), with a missing figure, an absent row and a
 * scope note: every step's figure, every cell, every mark and count asserted exactly. */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "funnel.h"
#include "match.h"
#include "notes.h"
#include "rules.h"
#include "scorecard.h"
#include "testutil.h"

static TrCountryTable *countries;

typedef struct {
  TrCatalogue *catalogue;
  TrDataset *dataset;
  TrReconciliation *rec;
  GPtrArray *notes;
} Run;

static void
run_free (Run *run)
{
  if (run->notes != NULL)
    g_ptr_array_unref (run->notes);
  tr_reconciliation_free (run->rec);
  tr_dataset_free (run->dataset);
  tr_catalogue_free (run->catalogue);
}

static Run
load (const char *declared, const char *notes)
{
  Run run = { 0 };
  g_autofree char *sources = tr_test_write_file (
      "sources.ini", "[decl]\nkind = table\nname = D\npublisher = P\nlicence = L\n"
                     "citation = decl.csv\n[t]\nkind = remark\nname = R\npublisher = P\n"
                     "licence = L\ncitation = remarks\nof = decl\n");
  g_autoptr (GError) error = NULL;
  run.catalogue = tr_catalogue_load (sources, ".", &error);
  if (run.catalogue == NULL)
    g_error ("%s", error->message);
  run.dataset = tr_dataset_new (countries);
  /* Table 7's figures for Bulgaria and Czechia. */
  g_autofree char *ref_path
      = tr_test_write_file ("ref.csv", "country,2022,2023\nBG,31937,17726\nCZ,61994,34342\n");
  g_autofree char *decl_path = tr_test_write_file ("decl.csv", declared);
  TrTableSpec ref = { .path = ref_path, .name = "ref.csv", .source = "reference" };
  TrTableSpec decl = { .path = decl_path, .name = "decl.csv", .source = "declared",
                       .origin = tr_catalogue_get (run.catalogue, "decl") };
  if (!tr_dataset_load (run.dataset, &ref, &error) || !tr_dataset_load (run.dataset, &decl, &error))
    g_error ("%s", error->message);
  g_autofree char *notes_path = tr_test_write_file ("notes.csv", notes);
  run.notes = tr_notes_load (notes_path, "notes.csv", run.catalogue, run.dataset, &error);
  if (run.notes == NULL)
    g_error ("%s", error->message);
  run.rec = tr_reconcile (run.dataset, "reports", "reference", "declared", NULL);
  return run;
}

/* Tables 6, 8 and 9 for Bulgaria 2022-2023 (its 2023 conviction figure replaced by "n/a" to
 * test a missing step), and Czechia's reports and 2022 convictions (no children row). */
static const char *const declared
    = "source,country,year,measure,value\n"
      "declared,BG,2022,reports,25303\n"
      "declared,BG,2023,reports,38026\n"
      "declared,BG,2022,children_identified,62\n"
      "declared,BG,2023,children_identified,52\n"
      "declared,BG,2022,convictions,17\n"
      "declared,BG,2023,convictions,n/a\n"
      "declared,CZ,2022,reports,23854\n"
      "declared,CZ,2023,reports,21658\n"
      "declared,CZ,2022,convictions,33\n";
static const char *const notes
    = "table,country,years,measure,kind,summary,precision\n"
      "t,CZ,2023,reports,scope,\"Counts something else.\",\n";

static void
test_funnel_rows (void)
{
  Run run = load (declared, notes);
  g_autoptr (GPtrArray) rows = tr_funnel_build (run.rec, run.notes);
  CU_ASSERT_EQUAL_FATAL (rows->len, 4);
  const TrFunnelRow *bg22 = g_ptr_array_index (rows, 0), *bg23 = g_ptr_array_index (rows, 1);
  const TrFunnelRow *cz22 = g_ptr_array_index (rows, 2), *cz23 = g_ptr_array_index (rows, 3);
  CU_ASSERT_STRING_EQUAL (bg22->country->code, "BG");
  CU_ASSERT_EQUAL (bg22->year, 2022);
  CU_ASSERT_STRING_EQUAL (cz23->country->code, "CZ");
  CU_ASSERT_EQUAL (cz23->year, 2023);
  char cell[64];
  /* Bulgaria 2022: every step, and declared / sent = 25303 / 31937 = 0.79228 -> 0.7923. */
  const gint64 want[] = { 31937, 25303, 62, 17 };
  for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
    {
      CU_ASSERT_FATAL (bg22->steps[s].obs != NULL);
      CU_ASSERT_TRUE (bg22->steps[s].obs->value.present);
      CU_ASSERT_EQUAL (bg22->steps[s].obs->value.count, want[s]);
      CU_ASSERT_EQUAL (bg22->steps[s].notes->len, 0);
    }
  CU_ASSERT_TRUE (bg22->has_ratio);
  CU_ASSERT_STRING_EQUAL (tr_funnel_cell (bg22, TR_FUNNEL_SENT, cell, sizeof cell), "31 937");
  CU_ASSERT_STRING_EQUAL (tr_funnel_ratio_cell (bg22, cell, sizeof cell), "0.7923");
  /* Bulgaria 2023: the conviction figure is missing, with its reason, never 0; the ratio
   * 38026 / 17726 = 2.14521 stands. */
  CU_ASSERT_FALSE (bg23->steps[TR_FUNNEL_CONVICTIONS].obs->value.present);
  CU_ASSERT_STRING_EQUAL (tr_funnel_cell (bg23, TR_FUNNEL_CONVICTIONS, cell, sizeof cell),
                          "(not available)");
  CU_ASSERT_STRING_EQUAL (tr_funnel_ratio_cell (bg23, cell, sizeof cell), "2.1452");
  /* Czechia 2022: no children row at all. */
  CU_ASSERT_PTR_NULL (cz22->steps[TR_FUNNEL_CHILDREN].obs);
  CU_ASSERT_STRING_EQUAL (tr_funnel_cell (cz22, TR_FUNNEL_CHILDREN, cell, sizeof cell),
                          "(no row)");
  CU_ASSERT_STRING_EQUAL (tr_funnel_cell (cz22, TR_FUNNEL_CONVICTIONS, cell, sizeof cell), "33");
  /* Czechia 2023: a scope note on the declared reports: marked, and no ratio. */
  CU_ASSERT_EQUAL (cz23->steps[TR_FUNNEL_DECLARED].notes->len, 1);
  CU_ASSERT_TRUE (cz23->steps[TR_FUNNEL_DECLARED].differs);
  CU_ASSERT_STRING_EQUAL (tr_funnel_cell (cz23, TR_FUNNEL_DECLARED, cell, sizeof cell),
                          "21 658*");
  CU_ASSERT_FALSE (cz23->has_ratio);
  CU_ASSERT_STRING_EQUAL (tr_funnel_ratio_cell (cz23, cell, sizeof cell), "(notes)");
  g_autofree char *sentence = tr_funnel_sentence (cz23, "NCMEC");
  CU_ASSERT_STRING_EQUAL (sentence,
                          "2023: NCMEC sent 34 342 reports; Czechia declared 21 658 reports "
                          "(note: scope), no figure of children identified (no row) and no "
                          "figure of convictions (no row); no share of the reports sent is "
                          "given, for a note says the reports declared count differently.");
  g_autoptr (GPtrArray) cited = tr_funnel_notes (rows, run.notes, NULL);
  CU_ASSERT_EQUAL (cited->len, 1);
  run_free (&run);
}

static void
test_scorecard_rows (void)
{
  Run run = load (declared, notes);
  TrRuleConfig config;
  tr_rule_config_init (&config);
  g_autoptr (GPtrArray) rows = tr_scorecard_build (run.rec, run.notes, NULL, &config);
  CU_ASSERT_EQUAL_FATAL (rows->len, 2);
  const TrScorecardRow *bg = g_ptr_array_index (rows, 0), *cz = g_ptr_array_index (rows, 1);
  /* Bulgaria: 5 of the 6 figures; coverage from 25303/31937 to 38026/17726, above 1.5. */
  CU_ASSERT_EQUAL (bg->asked, 6);
  CU_ASSERT_EQUAL (bg->given, 5);
  CU_ASSERT_STRING_EQUAL (bg->completeness, "partial");
  CU_ASSERT_STRING_EQUAL (bg->completeness_reason,
                          "5 of 6 figures given; missing: (c) 2023 not available");
  CU_ASSERT_EQUAL (bg->n_years, 2);
  CU_ASSERT_EQUAL (bg->low_num, 25303);
  CU_ASSERT_EQUAL (bg->low_den, 31937);
  CU_ASSERT_EQUAL (bg->high_num, 38026);
  CU_ASSERT_EQUAL (bg->high_den, 17726);
  CU_ASSERT_EQUAL (bg->coverage, TR_COVERAGE_ABOVE);
  CU_ASSERT_FALSE (bg->coverage_differs);
  CU_ASSERT_EQUAL (bg->notes->len, 0);
  CU_ASSERT_STRING_EQUAL (bg->consistency, "unchecked");
  CU_ASSERT_STRING_EQUAL (bg->verdict,
                          "5 of the 6 figures asked for given; nothing to check; declared "
                          "79.2 % to 214.5 % of the reference's reports; no caveat.");
  /* Czechia: 3 of 6 (no children row; convictions 2023 absent); 23854/61994 = 0.385, low;
   * the scope note says the 2023 reports count differently. */
  CU_ASSERT_EQUAL (cz->given, 3);
  CU_ASSERT_STRING_EQUAL (cz->completeness_reason,
                          "3 of 6 figures given; missing: (b) 2022 no row, (b) 2023 no row, "
                          "(c) 2023 no row");
  CU_ASSERT_EQUAL (cz->coverage, TR_COVERAGE_LOW);
  CU_ASSERT_EQUAL (cz->low_num, 23854);
  CU_ASSERT_EQUAL (cz->low_den, 61994);
  CU_ASSERT_TRUE (cz->coverage_differs);
  CU_ASSERT_EQUAL (cz->notes->len, 1);
  CU_ASSERT_STRING_EQUAL (cz->caveats_reason, "reports 2023: scope");
  run_free (&run);
}

/* A declared table of reports alone: no funnel, no scorecard. */
static void
test_reports_only (void)
{
  Run run = load ("country,2022\nBG,25303\n", "table,country,years,measure,kind,summary,precision\n");
  CU_ASSERT_FALSE (tr_funnel_applies (run.rec));
  g_autoptr (GPtrArray) rows = tr_funnel_build (run.rec, run.notes);
  CU_ASSERT_EQUAL (rows->len, 0);
  TrRuleConfig config;
  tr_rule_config_init (&config);
  g_autoptr (GPtrArray) cards = tr_scorecard_build (run.rec, run.notes, NULL, &config);
  CU_ASSERT_EQUAL (cards->len, 0);
  run_free (&run);
}

int
main (void)
{
  countries = tr_test_countries ();
  if (CU_initialize_registry () != CUE_SUCCESS)
    return EXIT_FAILURE;
  CU_pSuite suite = CU_add_suite ("funnel", NULL, NULL);
  CU_add_test (suite, "funnel rows: figures, missing, no row, scope note", test_funnel_rows);
  CU_add_test (suite, "scorecard rows: marks, counts, reasons, verdict", test_scorecard_rows);
  CU_add_test (suite, "reports alone: no funnel, no scorecard", test_reports_only);
  int status = tr_test_run ();
  tr_country_table_free (countries);
  return status;
}
