/* test-rules.c — every anomaly rule, on small tables: one case that fires it and one that does
 * not, at the threshold's both sides where it has one; and the reconciliation's statuses. */
#include "config.h"

#include <CUnit/Basic.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "match.h"
#include "notes.h"
#include "rules.h"
#include "testutil.h"

static TrCountryTable *countries;

typedef struct {
  TrCatalogue *catalogue;
  TrDataset *dataset;
  TrReconciliation *rec;
  GPtrArray *notes;
  GPtrArray *anomalies;
} Run;

static void
run_free (Run *run)
{
  if (run->anomalies != NULL)
    g_ptr_array_unref (run->anomalies);
  if (run->notes != NULL)
    g_ptr_array_unref (run->notes);
  tr_reconciliation_free (run->rec);
  tr_dataset_free (run->dataset);
  tr_catalogue_free (run->catalogue);
}

/* A catalogue of the declared table "decl" and its remarks "t", which the notes of the tests
 * are derived from. */
static TrCatalogue *
notes_catalogue (void)
{
  g_autofree char *sources = tr_test_write_file (
      "sources.ini", "[decl]\nkind = table\nname = D\npublisher = P\nlicence = L\n"
                     "citation = decl.csv\n[t]\nkind = remark\nname = R\npublisher = P\n"
                     "licence = L\ncitation = remarks\nof = decl\n");
  g_autoptr (GError) error = NULL;
  TrCatalogue *catalogue = tr_catalogue_load (sources, ".", &error);
  if (catalogue == NULL)
    g_error ("%s", error->message);
  return catalogue;
}

/* Reconciles a reference table with a declared table (CSV texts), with optional notes about
 * the declared table, under `config` (NULL: defaults). */
static Run
run_rules (const char *reference, const char *declared, const char *notes,
           const TrRuleConfig *config)
{
  Run run = { 0 };
  run.catalogue = notes_catalogue ();
  g_autoptr (GError) error = NULL;
  run.dataset = tr_dataset_new (countries);
  g_autofree char *ref_path = tr_test_write_file ("ref.csv", reference);
  g_autofree char *decl_path = tr_test_write_file ("decl.csv", declared);
  TrTableSpec ref = { .path = ref_path, .name = "ref.csv", .source = "reference" };
  TrTableSpec decl = { .path = decl_path, .name = "decl.csv", .source = "declared",
                       .origin = tr_catalogue_get (run.catalogue, "decl") };
  if (!tr_dataset_load (run.dataset, &ref, &error) || !tr_dataset_load (run.dataset, &decl, &error))
    g_error ("%s", error->message);
  if (notes != NULL)
    {
      g_autofree char *notes_path = tr_test_write_file ("notes.csv", notes);
      run.notes = tr_notes_load (notes_path, "notes.csv", run.catalogue, run.dataset, &error);
      if (run.notes == NULL)
        g_error ("%s", error->message);
      tr_notes_apply_rounding (run.notes, run.dataset);
    }
  run.rec = tr_reconcile (run.dataset, "reports", "reference", "declared", NULL);
  TrRuleConfig defaults;
  tr_rule_config_init (&defaults);
  run.anomalies = tr_rules_run (run.rec, run.notes, config != NULL ? config : &defaults);
  return run;
}

/* The anomalies of `rule` for country code (NULL: any) and year (0: any). */
static guint
count (const Run *run, TrRuleId rule, const char *code, int year)
{
  guint n = 0;
  for (guint i = 0; i < run->anomalies->len; i++)
    {
      const TrAnomaly *a = g_ptr_array_index (run->anomalies, i);
      if (a->rule->id == rule && (code == NULL || (a->country != NULL && strcmp (a->country->code, code) == 0))
          && (year == 0 || a->year == year))
        n++;
    }
  return n;
}

static const TrAnomaly *
first (const Run *run, TrRuleId rule)
{
  for (guint i = 0; i < run->anomalies->len; i++)
    {
      const TrAnomaly *a = g_ptr_array_index (run->anomalies, i);
      if (a->rule->id == rule)
        return a;
    }
  return NULL;
}

/* ---- matching and statuses --------------------------------------------------------------- */

static void
test_statuses (void)
{
  Run run = run_rules ("Pays,2022,2023\nAT,100,100\nBE,100,-\nDE,100,100\nFR,0,10\n",
                       "Pays,2022,2023\nAT,50,-\nBE,7,8\nFR,3,0\nIT,5,5\n", NULL, NULL);
  const struct {
    const char *code;
    int year;
    TrStatus status;
  } expect[] = {
    { "AT", 2022, TR_STATUS_MATCHED },         { "AT", 2023, TR_STATUS_DECLARED_MISSING },
    { "BE", 2023, TR_STATUS_REFERENCE_MISSING }, { "DE", 2022, TR_STATUS_REFERENCE_ONLY },
    { "IT", 2022, TR_STATUS_DECLARED_ONLY },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      const TrPair *p = tr_reconciliation_pair (run.rec, expect[i].code, expect[i].year);
      CU_ASSERT_PTR_NOT_NULL_FATAL (p);
      CU_ASSERT_EQUAL (p->status, expect[i].status);
    }
  const TrPair *at = tr_reconciliation_pair (run.rec, "AT", 2022);
  CU_ASSERT_EQUAL (at->gap, 50);
  CU_ASSERT_DOUBLE_EQUAL (at->coverage.value, 0.5, 1e-12);
  CU_ASSERT_DOUBLE_EQUAL (at->log2_coverage.value, -1, 1e-12);
  CU_ASSERT_DOUBLE_EQUAL (at->pct_difference.value, -50, 1e-12);
  /* A zero reference: the gap exists, the coverage does not. */
  const TrPair *fr = tr_reconciliation_pair (run.rec, "FR", 2022);
  CU_ASSERT_EQUAL (fr->gap, -3);
  CU_ASSERT_FALSE (fr->coverage.defined);
  CU_ASSERT_FALSE (fr->log2_coverage.defined);
  /* A zero declared figure: coverage 0, log2 undefined. */
  const TrPair *fr23 = tr_reconciliation_pair (run.rec, "FR", 2023);
  CU_ASSERT_DOUBLE_EQUAL (fr23->coverage.value, 0, 0);
  CU_ASSERT_FALSE (fr23->log2_coverage.defined);
  /* Year sums: matched pairs only, and every figure. */
  const TrYear *y = g_ptr_array_index (run.rec->years, 0);
  CU_ASSERT_EQUAL (y->year, 2022);
  CU_ASSERT_EQUAL (y->n_matched, 3);
  CU_ASSERT_EQUAL (y->reference_matched, 200);
  CU_ASSERT_EQUAL (y->declared_matched, 60);
  CU_ASSERT_EQUAL (y->reference_all, 300);
  CU_ASSERT_EQUAL (y->declared_all, 65);
  run_free (&run);
}

/* The lookup of a pair by (code, year), a binary search: every pair shown is found, the first
 * and the last included, and codes or years around and between them are not. */
static void
test_pair_lookup (void)
{
  Run run = run_rules ("Pays,2019,2020,2021,2022,2023\nSE,1,2,3,4,5\nAT,1,2,3,4,5\n"
                       "FR,1,2,3,4,5\nBE,1,2,3,4,5\nDE,1,2,3,4,5\n",
                       "Pays,2020,2021,2022\nIT,1,2,3\nDE,1,2,3\nAT,1,2,3\n", NULL, NULL);
  GPtrArray *pairs = run.rec->pairs;
  CU_ASSERT_EQUAL_FATAL (pairs->len, 5 * 5 + 3);
  for (guint i = 0; i < pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (pairs, i);
      CU_ASSERT_PTR_EQUAL (tr_reconciliation_pair (run.rec, p->country->code, p->year), p);
    }
  const TrPair *first_pair = tr_reconciliation_pair (run.rec, "AT", 2019);
  CU_ASSERT_PTR_EQUAL (first_pair, g_ptr_array_index (pairs, 0));
  const TrPair *last_pair = tr_reconciliation_pair (run.rec, "SE", 2023);
  CU_ASSERT_PTR_EQUAL (last_pair, g_ptr_array_index (pairs, pairs->len - 1));
  const TrPair *it = tr_reconciliation_pair (run.rec, "IT", 2021);
  CU_ASSERT_PTR_NOT_NULL_FATAL (it);
  CU_ASSERT_EQUAL (it->status, TR_STATUS_DECLARED_ONLY);
  /* Before the first, after the last, between codes, between and around years. */
  CU_ASSERT_PTR_NULL (tr_reconciliation_pair (run.rec, "AD", 2019));
  CU_ASSERT_PTR_NULL (tr_reconciliation_pair (run.rec, "AT", 2018));
  CU_ASSERT_PTR_NULL (tr_reconciliation_pair (run.rec, "SE", 2024));
  CU_ASSERT_PTR_NULL (tr_reconciliation_pair (run.rec, "ZW", 2023));
  CU_ASSERT_PTR_NULL (tr_reconciliation_pair (run.rec, "CZ", 2020));
  CU_ASSERT_PTR_NULL (tr_reconciliation_pair (run.rec, "IT", 2019));
  CU_ASSERT_PTR_NULL (tr_reconciliation_pair (run.rec, "IT", 2023));
  run_free (&run);
}

/* ---- rules ------------------------------------------------------------------------------ */

static void
test_coverage_low (void)
{
  Run run = run_rules ("Pays,2022\nAT,1000\nBE,1000\nCZ,1000\nDE,1000\nDK,1000\n",
                       "Pays,2022\nAT,400\nBE,500\nCZ,100\nDE,99\nDK,0\n", NULL, NULL);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_COVERAGE_LOW, "AT", 2022), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_COVERAGE_LOW, "BE", 2022), 0); /* 0.5 is not < 0.5 */
  const TrAnomaly *a = first (&run, TR_RULE_COVERAGE_LOW);
  CU_ASSERT_EQUAL (a->severity, TR_SEVERITY_CRITICAL); /* sorted: critical first */
  for (guint i = 0; i < run.anomalies->len; i++)
    {
      const TrAnomaly *x = g_ptr_array_index (run.anomalies, i);
      if (x->rule->id != TR_RULE_COVERAGE_LOW)
        continue;
      const char *code = x->country->code;
      if (strcmp (code, "CZ") == 0 || strcmp (code, "AT") == 0)
        CU_ASSERT_EQUAL (x->severity, TR_SEVERITY_WARNING); /* 0.1 is not < 0.1 */
      if (strcmp (code, "DE") == 0 || strcmp (code, "DK") == 0)
        CU_ASSERT_EQUAL (x->severity, TR_SEVERITY_CRITICAL);
    }
  const TrAnomaly *at = NULL;
  for (guint i = 0; i < run.anomalies->len; i++)
    if (((const TrAnomaly *) g_ptr_array_index (run.anomalies, i))->country->code[0] == 'A')
      at = g_ptr_array_index (run.anomalies, i);
  CU_ASSERT_STRING_EQUAL (at->message, "Austria declared 400 reports for 2022, 40.0 % of the "
                                       "1 000 that the reference sent it: 600 reports are not "
                                       "accounted for.");
  CU_ASSERT_EQUAL (at->provenance->len, 2);
  CU_ASSERT_STRING_EQUAL (g_array_index (at->provenance, TrProvenanceRef, 1).where.file,
                          "decl.csv");
  CU_ASSERT_EQUAL (g_array_index (at->provenance, TrProvenanceRef, 1).where.line, 2);
  run_free (&run);

  /* Thresholds are configurable. */
  TrRuleConfig config;
  tr_rule_config_init (&config);
  config.params[TR_RULE_COVERAGE_LOW][0] = 0.3;
  Run low = run_rules ("Pays,2022\nAT,1000\n", "Pays,2022\nAT,400\n", NULL, &config);
  CU_ASSERT_EQUAL (count (&low, TR_RULE_COVERAGE_LOW, NULL, 0), 0);
  run_free (&low);
  config.enabled[TR_RULE_COVERAGE_LOW] = FALSE;
  config.params[TR_RULE_COVERAGE_LOW][0] = 0.5;
  Run off = run_rules ("Pays,2022\nAT,1000\n", "Pays,2022\nAT,10\n", NULL, &config);
  CU_ASSERT_EQUAL (count (&off, TR_RULE_COVERAGE_LOW, NULL, 0), 0);
  run_free (&off);
}

static void
test_coverage_excess_and_zero (void)
{
  Run run = run_rules ("Pays,2022\nAT,1000\nBE,1000\nCZ,0\n",
                       "Pays,2022\nAT,1501\nBE,1500\nCZ,5\n", NULL, NULL);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_COVERAGE_EXCESS, "AT", 2022), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_COVERAGE_EXCESS, "BE", 2022), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_COVERAGE_EXCESS, "CZ", 2022), 0); /* no coverage */
  CU_ASSERT_EQUAL (count (&run, TR_RULE_COVERAGE_LOW, "CZ", 2022), 0);
  run_free (&run);
}

static void
test_missing (void)
{
  Run run = run_rules ("Pays,2022\nAT,1000\nBE,1000\nCZ,-\nDE,5\n",
                       "Pays,2022\nAT,Données indisponibles\nCZ,7\nDE,5\nFR,9\n", NULL, NULL);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_DECLARED_MISSING, "AT", 2022), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_DECLARED_MISSING, "BE", 2022), 1); /* no row at all */
  CU_ASSERT_EQUAL (count (&run, TR_RULE_DECLARED_MISSING, "DE", 2022), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_REFERENCE_MISSING, "CZ", 2022), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_REFERENCE_MISSING, "FR", 2022), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_REFERENCE_MISSING, "DE", 2022), 0);
  const TrAnomaly *a = first (&run, TR_RULE_DECLARED_MISSING);
  CU_ASSERT_STRING_EQUAL (a->message, "Austria declared no figure for 2022 (not available), "
                                      "although the reference sent it 1 000 reports.");
  run_free (&run);
}

static void
test_identical_near_transposed (void)
{
  Run run = run_rules ("Pays,2022\nAT,1234\nBE,100000\nCZ,100000\nDE,41532\nDK,41532\nEE,0\n",
                       "Pays,2022\nAT,1234\nBE,100100\nCZ,100101\nDE,41352\nDK,41533\nEE,0\n",
                       NULL, NULL);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_IDENTICAL_FIGURES, "AT", 2022), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_IDENTICAL_FIGURES, "EE", 2022), 0); /* 0 = 0 */
  CU_ASSERT_EQUAL (count (&run, TR_RULE_NEAR_IDENTICAL, "BE", 2022), 1);  /* 0.1 % exactly */
  CU_ASSERT_EQUAL (count (&run, TR_RULE_NEAR_IDENTICAL, "CZ", 2022), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_DIGIT_TRANSPOSITION, "DE", 2022), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_NEAR_IDENTICAL, "DE", 2022), 0); /* explained */
  CU_ASSERT_EQUAL (count (&run, TR_RULE_DIGIT_TRANSPOSITION, "DK", 2022), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_NEAR_IDENTICAL, "DK", 2022), 1);
  const TrAnomaly *t = first (&run, TR_RULE_DIGIT_TRANSPOSITION);
  CU_ASSERT_STRING_EQUAL (t->message, "The declared 2022 figure for Germany, 41 352, has the "
                                      "digits of the reference's figure 41 532 with two of them "
                                      "swapped: probably a typing error.");
  run_free (&run);
}

static void
test_yoy_jump (void)
{
  Run run = run_rules ("Pays,2021,2022,2023\nAT,100,300,100\nBE,100,299,100\nCZ,99,1000,99\n",
                       "Pays,2021\nAT,1\nBE,1\nCZ,1\n", NULL, NULL);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_YOY_JUMP, "AT", 2022), 1); /* exactly x3 */
  CU_ASSERT_EQUAL (count (&run, TR_RULE_YOY_JUMP, "AT", 2023), 1); /* exactly /3 */
  CU_ASSERT_EQUAL (count (&run, TR_RULE_YOY_JUMP, "BE", 0), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_YOY_JUMP, "CZ", 0), 0);    /* under 100 */
  run_free (&run);
}

static void
test_series_break_explains_jump (void)
{
  const char *notes = "table,country,years,measure,kind,summary\n"
                      "t,AT,2023,reports,method,Counted differently from 2023.\n";
  Run run = run_rules ("Pays,2022,2023\nAT,1000,1000\n", "Pays,2022,2023\nAT,100,900\n", notes,
                       NULL);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_SERIES_BREAK, "AT", 2023), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_SERIES_BREAK, "AT", 2022), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_YOY_JUMP, "AT", 2023), 1); /* still fires */
  const TrAnomaly *jump = first (&run, TR_RULE_YOY_JUMP);
  CU_ASSERT_STRING_EQUAL (jump->message, "Austria: the declared reports went from 100 in 2022 "
                                         "to 900 in 2023, 9.0 times more. A note on 2023 may "
                                         "explain it: Counted differently from 2023.");
  run_free (&run);
  Run none = run_rules ("Pays,2022,2023\nAT,1000,1000\n", "Pays,2022,2023\nAT,100,900\n", NULL,
                        NULL);
  CU_ASSERT_EQUAL (count (&none, TR_RULE_SERIES_BREAK, NULL, 0), 0);
  run_free (&none);
}

/* A figure a note calls rounded is approximate, and the rules that compare digits leave it
 * alone: AT's figures are rounded (to the ten), BE's, the same digits, are exact. */
static void
test_rounded_figures (void)
{
  const char *notes = "table,country,years,measure,kind,summary,precision\n"
                      "t,AT,2022-2024,reports,rounded,Rounded to the ten.,10\n"
                      "t,BE,2022-2024,reports,method,Counted differently.,\n";
  const char *reference = "Pays,2022,2023,2024\nAT,240,420,100000\nBE,240,420,100000\n";
  const char *declared = "Pays,2022,2023,2024\nAT,240,240,100050\nBE,240,240,100050\n";
  Run run = run_rules (reference, declared, notes, NULL);
  for (int year = 2022; year <= 2024; year++)
    {
      const TrObservation *at = tr_dataset_find (run.dataset, "declared", "AT", year, "reports");
      const TrObservation *be = tr_dataset_find (run.dataset, "declared", "BE", year, "reports");
      const TrObservation *ref = tr_dataset_find (run.dataset, "reference", "AT", year, "reports");
      CU_ASSERT_EQUAL (at->value.qualifier, TR_QUALIFIER_APPROXIMATE);
      CU_ASSERT_EQUAL (at->value.precision, 10);
      CU_ASSERT_EQUAL (be->value.qualifier, TR_QUALIFIER_EXACT);
      CU_ASSERT_EQUAL (ref->value.qualifier, TR_QUALIFIER_EXACT); /* the note is on decl.csv */
    }
  CU_ASSERT_EQUAL (count (&run, TR_RULE_IDENTICAL_FIGURES, "AT", 0), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_DIGIT_TRANSPOSITION, "AT", 0), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_NEAR_IDENTICAL, "AT", 0), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_IDENTICAL_FIGURES, "BE", 2022), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_DIGIT_TRANSPOSITION, "BE", 2023), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_NEAR_IDENTICAL, "BE", 2024), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_SERIES_BREAK, "AT", 0), 3);
  const TrAnomaly *a = first (&run, TR_RULE_SERIES_BREAK);
  CU_ASSERT_STRING_EQUAL (a->message, "Austria's 2022 reports figure comes with a remark on "
                                      "rounded figures: Rounded to the ten.");
  CU_ASSERT_EQUAL (((const TrNote *) g_ptr_array_index (run.notes, 0))->precision, 10);
  CU_ASSERT_EQUAL (((const TrNote *) g_ptr_array_index (run.notes, 1))->precision, 0);
  run_free (&run);
}

/* The precision column: required for a rounded note, refused on any other, named in the
 * header. Each error names the line and column. */
static void
test_notes_precision_errors (void)
{
  static const struct {
    const char *notes;
    const char *message;
  } cases[] = {
    { "table,country,years,measure,kind,summary,precision\nt,AT,2022,reports,rounded,R.,\n",
      "notes.csv:2:7: found ''; expected the precision a rounded note's figures are rounded "
      "to, a whole number from 2 (10: to the ten)" },
    { "table,country,years,measure,kind,summary\nt,AT,2022,reports,rounded,R.\n",
      "notes.csv:2:7: found ''; expected the precision a rounded note's figures are rounded "
      "to, a whole number from 2 (10: to the ten)" },
    { "table,country,years,measure,kind,summary,precision\nt,AT,2022,reports,rounded,R.,1\n",
      "notes.csv:2:7: found '1'; expected the precision a rounded note's figures are rounded "
      "to, a whole number from 2 (10: to the ten)" },
    { "table,country,years,measure,kind,summary,precision\nt,AT,2022,reports,scope,S.,10\n",
      "notes.csv:2:7: found '10'; expected nothing (only a rounded note has a precision)" },
    { "table,country,years,measure,kind,summary,precison\nt,AT,2022,reports,scope,S.,\n",
      "notes.csv:1:7: found the header 'precison'; expected 'precision' or nothing after "
      "'summary'" },
  };
  g_autoptr (TrCatalogue) catalogue = notes_catalogue ();
  g_autoptr (TrDataset) dataset = tr_dataset_new (countries);
  g_autofree char *decl_path = tr_test_write_file ("decl.csv", "Pays,2022\nAT,240\n");
  TrTableSpec decl = { .path = decl_path, .name = "decl.csv", .source = "declared",
                       .origin = tr_catalogue_get (catalogue, "decl") };
  g_autoptr (GError) error = NULL;
  if (!tr_dataset_load (dataset, &decl, &error))
    g_error ("%s", error->message);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = tr_test_write_file ("notes.csv", cases[i].notes);
      g_autoptr (GError) e = NULL;
      g_autoptr (GPtrArray) notes = tr_notes_load (path, "notes.csv", catalogue, dataset, &e);
      CU_ASSERT_PTR_NULL (notes);
      if (e != NULL)
        {
          g_autofree char *tail = g_strdup (strstr (e->message, "notes.csv:"));
          CU_ASSERT_STRING_EQUAL (tail != NULL ? tail : e->message, cases[i].message);
        }
    }
}

static void
test_trend_divergence (void)
{
  /* AT: NCMEC +200 %, declared -33 % over 3 years: fires. BE: only 2 matched years. CZ: both
   * rise. DE: NCMEC +5 %, under the 10 % bar. */
  Run run = run_rules ("Pays,2022,2023,2024\nAT,100,200,300\nBE,100,200,300\nCZ,100,200,300\n"
                       "DE,100,102,105\n",
                       "Pays,2022,2023,2024\nAT,300,200,200\nBE,300,200,-\nCZ,10,20,30\n"
                       "DE,300,200,100\n",
                       NULL, NULL);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_TREND_DIVERGENCE, "AT", 2024), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_TREND_DIVERGENCE, "BE", 0), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_TREND_DIVERGENCE, "CZ", 0), 0);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_TREND_DIVERGENCE, "DE", 0), 0);
  const TrAnomaly *a = first (&run, TR_RULE_TREND_DIVERGENCE);
  CU_ASSERT_STRING_EQUAL (a->message, "From 2022 to 2024, the reference's reports for Austria rose by "
                                      "200.0 % while the declared figure fell by 33.3 %.");
  run_free (&run);
}

static void
test_outlier (void)
{
  Run run = run_rules ("Pays,2022\nAT,1000\nBE,1000\nCZ,1000\nDE,1000\nDK,1000\n",
                       "Pays,2022\nAT,500\nBE,550\nCZ,600\nDE,520\nDK,10\n", NULL, NULL);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_COVERAGE_OUTLIER, "DK", 2022), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_COVERAGE_OUTLIER, "AT", 2022), 0);
  run_free (&run);
  Run two = run_rules ("Pays,2022\nAT,1000\nBE,1000\n", "Pays,2022\nAT,500\nBE,1\n", NULL, NULL);
  CU_ASSERT_EQUAL (count (&two, TR_RULE_COVERAGE_OUTLIER, NULL, 0), 0); /* n < 3 */
  run_free (&two);
}

static void
test_totals (void)
{
  Run bad = run_rules ("Pays,2022\nAT,10\nBE,20\nTotal,31\n", "Pays,2022\nAT,1\n", NULL, NULL);
  CU_ASSERT_EQUAL (count (&bad, TR_RULE_TOTAL_MISMATCH, NULL, 2022), 1);
  const TrAnomaly *a = first (&bad, TR_RULE_TOTAL_MISMATCH);
  CU_ASSERT_EQUAL (a->severity, TR_SEVERITY_CRITICAL);
  CU_ASSERT_STRING_EQUAL (a->message, "The published 2022 total of the reference reports, 31, differs "
                                      "from the sum of its rows, 30 (published minus sum: 1).");
  run_free (&bad);
  Run good = run_rules ("Pays,2022\nAT,10\nBE,20\nTotal,30\n", "Pays,2022\nAT,1\nTotal,1\n",
                        NULL, NULL);
  CU_ASSERT_EQUAL (count (&good, TR_RULE_TOTAL_MISMATCH, NULL, 0), 0);
  CU_ASSERT_EQUAL (good.rec->totals->len, 2);
  run_free (&good);
}

static void
test_breakdowns (void)
{
  Run run = run_rules ("Pays,2022\nAT,1\n",
                       "country,year,measure,value\n"
                       "PL,2022,children_identified,566\n"
                       "PL,2022,children_identified_girls,520\n"
                       "PL,2022,children_identified_boys,82\n"
                       "PL,2022,children_identified_unknown,23\n"
                       "MT,2022,children_identified,889\n"
                       "MT,2022,children_identified_girls,408\n"
                       "MT,2022,children_identified_boys,470\n"
                       "MT,2022,children_identified_unknown,11\n",
                       NULL, NULL);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_BREAKDOWN_MISMATCH, "PL", 2022), 1);
  CU_ASSERT_EQUAL (count (&run, TR_RULE_BREAKDOWN_MISMATCH, "MT", 2022), 0);
  const TrAnomaly *a = first (&run, TR_RULE_BREAKDOWN_MISMATCH);
  CU_ASSERT_STRING_EQUAL (a->message, "Poland's 2022 breakdown of children identified, 520 "
                                      "girls + 82 boys + 23 unknown = 625, does not add up to "
                                      "the total of 566 printed beside it.");
  run_free (&run);
}

/* Applies a config given as text; returns the error message, or NULL when accepted. */
static char *
config_error (const char *text, TrRuleConfig *config)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_assert (g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, NULL));
  tr_rule_config_init (config);
  g_autoptr (GError) error = NULL;
  if (tr_rule_config_apply (config, file, "rules.ini", &error))
    return NULL;
  return g_strdup (error->message);
}

static void
assert_config_error (const char *text, const char *expected)
{
  TrRuleConfig config;
  g_autofree char *message = config_error (text, &config);
  CU_ASSERT_PTR_NOT_NULL_FATAL (message);
  CU_ASSERT_STRING_EQUAL (message, expected);
}

/* Each parameter has bounds; values past them (which used to wrap to 0 when converted to an
 * integer, or divide by zero) are refused, at both edges. */
static void
test_config_bounds (void)
{
  assert_config_error ("[TREND_DIVERGENCE]\nmin_years = 4294967296\n",
                       "rules.ini: [TREND_DIVERGENCE] min_years = 4294967296; expected a whole "
                       "number of years from 2 to 200");
  assert_config_error ("[TREND_DIVERGENCE]\nmin_years = 2.5\n",
                       "rules.ini: [TREND_DIVERGENCE] min_years = 2.5; expected a whole "
                       "number of years from 2 to 200");
  assert_config_error ("[COVERAGE_LOW]\nthreshold = 1e30\n",
                       "rules.ini: [COVERAGE_LOW] threshold = 1e30; expected a coverage ratio "
                       "greater than 0 and at most 1");
  assert_config_error ("[COVERAGE_LOW]\nthreshold = 0\n",
                       "rules.ini: [COVERAGE_LOW] threshold = 0; expected a coverage ratio "
                       "greater than 0 and at most 1");
  assert_config_error ("[COVERAGE_OUTLIER]\nz = nan\n",
                       "rules.ini: [COVERAGE_OUTLIER] z = nan; expected a robust z-score "
                       "greater than 0 and at most 2^53");
  assert_config_error ("[COVERAGE_EXCESS]\nthreshold = inf\n",
                       "rules.ini: [COVERAGE_EXCESS] threshold = inf; expected a coverage "
                       "ratio of at least 1 and at most 2^53");
  assert_config_error ("[YOY_JUMP]\nfactor = 1\n",
                       "rules.ini: [YOY_JUMP] factor = 1; expected a ratio greater than 1 and "
                       "at most 2^53");
  assert_config_error ("[YOY_JUMP]\nminimum = 99.5\n",
                       "rules.ini: [YOY_JUMP] minimum = 99.5; expected a whole count from 0 to "
                       "2^53");
  assert_config_error ("[YOY_JUMP]\nminimum = 9007199254740994\n",
                       "rules.ini: [YOY_JUMP] minimum = 9007199254740994; expected a whole "
                       "count from 0 to 2^53");
  assert_config_error ("[NEAR_IDENTICAL]\ntolerance = -0.1\n",
                       "rules.ini: [NEAR_IDENTICAL] tolerance = -0.1; expected a fraction "
                       "greater than 0 and at most 1");
  assert_config_error ("[YOY_JUMP]\nenabled = maybe\n",
                       "rules.ini: [YOY_JUMP] enabled = maybe; expected true or false");
  /* The edges themselves are accepted. */
  TrRuleConfig config;
  char *ok = config_error ("[COVERAGE_LOW]\nthreshold = 1\ncritical = 0\n"
                           "[COVERAGE_EXCESS]\nthreshold = 1\n"
                           "[NEAR_IDENTICAL]\ntolerance = 1\n"
                           "[YOY_JUMP]\nminimum = 9007199254740992\nfactor = 1.0001\n"
                           "[TREND_DIVERGENCE]\nmin_years = 200\nchange_pct = 0\n",
                           &config);
  CU_ASSERT_PTR_NULL (ok);
  g_free (ok);
  CU_ASSERT_EQUAL (config.params[TR_RULE_YOY_JUMP][1], 9007199254740992.0);
  CU_ASSERT_EQUAL (config.params[TR_RULE_TREND_DIVERGENCE][0], 200.0);
}

/* A critical threshold above the warning one is refused, saying which must be larger; equal
 * thresholds (every low coverage critical) are allowed. */
static void
test_config_order (void)
{
  assert_config_error ("[COVERAGE_LOW]\nthreshold = 0.05\n",
                       "rules.ini: [COVERAGE_LOW] critical = 0.1 (the default) is above "
                       "threshold = 0.05; expected threshold (coverage below which a figure is "
                       "a warning) to be at least critical (below which it is critical)");
  assert_config_error ("[COVERAGE_LOW]\ncritical = 0.6\n",
                       "rules.ini: [COVERAGE_LOW] critical = 0.6 is above threshold = 0.5 (the "
                       "default); expected threshold (coverage below which a figure is a "
                       "warning) to be at least critical (below which it is critical)");
  TrRuleConfig config;
  char *ok = config_error ("[COVERAGE_LOW]\nthreshold = 0.3\ncritical = 0.3\n", &config);
  CU_ASSERT_PTR_NULL (ok);
  g_free (ok);
}

int
main (void)
{
  countries = tr_test_countries ();
  if (CU_initialize_registry () != CUE_SUCCESS)
    return EXIT_FAILURE;
  CU_pSuite suite = CU_add_suite ("rules", NULL, NULL);
  CU_add_test (suite, "statuses and pair metrics", test_statuses);
  CU_add_test (suite, "pair lookup: found, not found, first and last", test_pair_lookup);
  CU_add_test (suite, "COVERAGE_LOW", test_coverage_low);
  CU_add_test (suite, "COVERAGE_EXCESS, zero reference", test_coverage_excess_and_zero);
  CU_add_test (suite, "DECLARED_MISSING, REFERENCE_MISSING", test_missing);
  CU_add_test (suite, "IDENTICAL, NEAR_IDENTICAL, DIGIT_TRANSPOSITION",
               test_identical_near_transposed);
  CU_add_test (suite, "YOY_JUMP", test_yoy_jump);
  CU_add_test (suite, "SERIES_BREAK and YOY_JUMP", test_series_break_explains_jump);
  CU_add_test (suite, "rounded figures", test_rounded_figures);
  CU_add_test (suite, "notes: the precision column", test_notes_precision_errors);
  CU_add_test (suite, "TREND_DIVERGENCE", test_trend_divergence);
  CU_add_test (suite, "COVERAGE_OUTLIER", test_outlier);
  CU_add_test (suite, "TOTAL_MISMATCH", test_totals);
  CU_add_test (suite, "BREAKDOWN_MISMATCH", test_breakdowns);
  CU_add_test (suite, "config: bounds of every parameter", test_config_bounds);
  CU_add_test (suite, "config: critical at most the warning threshold", test_config_order);
  int status = tr_test_run ();
  tr_country_table_free (countries);
  return status;
}
