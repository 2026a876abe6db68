/* render-csv.c — pairs and anomalies as CSV for a spreadsheet (libcsv quoting, no formulas). */
#include "config.h"

#include <string.h>

#include "csvout.h"
#include "population.h"
#include "render.h"

static void
count_field (FILE *out, const TrObservation *obs)
{
  char buf[32] = "";
  if (obs != NULL && obs->value.present)
    g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, obs->value.count);
  tr_csv_write_field (out, buf, FALSE, FALSE);
}

static void
stat_field (FILE *out, TrStat stat, guint decimals)
{
  char buf[64] = "";
  if (stat.defined)
    g_ascii_formatd (buf, sizeof buf, decimals == 4 ? "%.4f" : "%.2f", stat.value);
  tr_csv_write_field (out, buf, FALSE, FALSE);
}

/* The figure's qualifier (exact, approximate, lower_bound, upper_bound); blank when missing. */
static void
qualifier_field (FILE *out, const TrObservation *obs)
{
  gboolean present = obs != NULL && obs->value.present;
  tr_csv_write_field (out, present ? tr_qualifier_name (obs->value.qualifier) : "", FALSE,
                      TRUE);
}

static void
where_field (FILE *out, const TrObservation *obs)
{
  g_autofree char *text = obs != NULL ? g_strdup_printf ("%s:%u:%u", obs->where.file,
                                                         obs->where.line, obs->where.column)
                                      : g_strdup ("");
  tr_csv_write_field (out, text, FALSE, TRUE);
}

/* The columns --records adds after the others: the lists' counts, their gap (sent − logged)
 * and what is left of the pair's gap (blank when it has none to explain). */
static const char *const records_columns[] = {
  "records_sent", "records_received", "records_received_later",
  "records_received_twice_or_more", "records_twice_or_more_entries", "records_never_received",
  "records_other_source", "records_logged", "records_gap", "records_unexplained",
};

/* The lists' country-year of the pair, or NULL. */
static const TrRecordsGap *
records_of (const TrReport *report, const TrPair *p)
{
  for (guint i = 0; report->records != NULL && i < report->records->len; i++)
    {
      const TrRecordsGap *g = &g_array_index (report->records, TrRecordsGap, i);
      if (g->pair == p)
        return g;
    }
  return NULL;
}

static void
records_fields (FILE *out, const TrRecordsGap *g)
{
  char buf[32];
  for (guint k = 0; k < G_N_ELEMENTS (records_columns); k++)
    {
      gboolean blank = g == NULL || (k == G_N_ELEMENTS (records_columns) - 1 && !g->explains);
      gint64 v = g == NULL                ? 0
                 : k < TR_N_COUNTS        ? (gint64) g->n[k]
                 : k == TR_N_COUNTS       ? g->lists_gap
                                          : g->unexplained;
      if (blank)
        buf[0] = '\0';
      else
        g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, v);
      tr_csv_write_field (out, buf, FALSE, FALSE);
    }
}

/* One pair as a row; `comparison` names the comparison it belongs to; with --records, the
 * lists' columns follow (`report` NULL: none). */
static void
pair_row (FILE *out, const TrPair *p, const char *comparison, const TrReport *report)
{
  char year[16], gap[32] = "", coverage[48] = "", pct[48] = "";
  const char *gap_q = "", *coverage_q = "";
  g_snprintf (year, sizeof year, "%d", p->year);
  if (p->matched)
    {
      /* The gap the figures allow: 90 lower_bound from NCMEC's 100 and "<10" (blank when
       * they determine none). */
      TrValue g = tr_value_subtract (&p->reference->value, &p->declared->value);
      if (g.present)
        {
          g_snprintf (gap, sizeof gap, "%" G_GINT64_FORMAT, g.count);
          gap_q = tr_qualifier_name (g.qualifier);
        }
      coverage_q = tr_qualifier_name (tr_value_ratio_qualifier (&p->declared->value,
                                                               &p->reference->value));
      tr_format_ratio (p->declared->value.count, p->reference->value.count,
                       TR_RATIO_DECIMALS, coverage, sizeof coverage);
      tr_format_percent (p->declared->value.count - p->reference->value.count,
                         p->reference->value.count, TR_PERCENT_DECIMALS, pct, sizeof pct);
    }
  tr_csv_write_field (out, p->country->code, TRUE, TRUE);
  tr_csv_write_field (out, year, FALSE, FALSE);
  count_field (out, p->reference);
  count_field (out, p->declared);
  tr_csv_write_field (out, tr_status_name (p->status), FALSE, TRUE);
  tr_csv_write_field (out, gap, FALSE, FALSE);
  tr_csv_write_field (out, coverage, FALSE, FALSE);
  stat_field (out, p->log2_coverage, 4);
  tr_csv_write_field (out, pct, FALSE, FALSE);
  stat_field (out, p->robust_z, 2);
  where_field (out, p->reference);
  where_field (out, p->declared);
  qualifier_field (out, p->reference);
  qualifier_field (out, p->declared);
  tr_csv_write_field (out, gap_q, FALSE, TRUE);
  tr_csv_write_field (out, coverage_q, FALSE, TRUE);
  tr_csv_write_field (out, comparison, FALSE, TRUE);
  /* Per 100 000 inhabitants (population.h), with the population and its year. */
  TrRate rr = tr_per_capita (report->dataset, p->reference, p->country->code, p->year);
  TrRate rd = tr_per_capita (report->dataset, p->declared, p->country->code, p->year);
  char rate[48], pop[32] = "", pop_year[16] = "";
  tr_csv_write_field (out, tr_rate_digits (&rr, rate, sizeof rate), FALSE, FALSE);
  tr_csv_write_field (out, tr_rate_digits (&rd, rate, sizeof rate), FALSE, FALSE);
  if (rr.population != NULL)
    {
      g_snprintf (pop, sizeof pop, "%" G_GINT64_FORMAT, rr.population->value.count);
      g_snprintf (pop_year, sizeof pop_year, "%d", rr.population_year);
    }
  tr_csv_write_field (out, pop, FALSE, FALSE);
  tr_csv_write_field (out, pop_year, FALSE, FALSE);
  if (report != NULL && report->records != NULL)
    records_fields (out, records_of (report, p)); /* NULL but for the main pairs */
  fputc ('\n', out);
}

void
tr_render_csv_pairs (const TrReport *report, FILE *out)
{
  static const char *const header[] = {
    "country", "year", "reference", "declared", "status", "gap", "coverage", "log2_coverage",
    "pct_difference", "robust_z", "reference_source", "declared_source",
    /* Last, so that the columns before keep their places: how exact each figure is, and the
     * comparison of the pair ("main", or the id of one of data/comparisons.ini, whose
     * reference and declared columns are its two sides). */
    "reference_qualifier", "declared_qualifier", "gap_qualifier", "coverage_qualifier",
    "comparison",
    /* Per 100 000 inhabitants: each side's rate, the population divided by and its year (the
     * figure's year, or the latest earlier one read: population.h). */
    "reference_per_100k", "declared_per_100k", "population", "population_year", NULL,
  };
  if (report->records == NULL)
    tr_csv_write_row (out, header, TRUE);
  else
    {
      for (guint k = 0; header[k] != NULL; k++)
        tr_csv_write_field (out, header[k], k == 0, TRUE);
      for (guint k = 0; k < G_N_ELEMENTS (records_columns); k++)
        tr_csv_write_field (out, records_columns[k], FALSE, TRUE);
      fputc ('\n', out);
    }
  /* The main comparison's pairs first (its id from data/comparisons.ini, "main" when the
   * report was given none), then the others'. */
  const char *main_id = "main";
  for (guint k = 0; report->comparisons != NULL && k < report->comparisons->len; k++)
    if (((const TrComparison *) g_ptr_array_index (report->comparisons, k))->main)
      main_id = ((const TrComparison *) g_ptr_array_index (report->comparisons, k))->id;
  for (guint i = 0; i < report->rec->pairs->len; i++)
    pair_row (out, g_ptr_array_index (report->rec->pairs, i), main_id, report);
  for (guint k = 0; report->comparisons != NULL && k < report->comparisons->len; k++)
    {
      const TrComparison *c = g_ptr_array_index (report->comparisons, k);
      for (guint i = 0; c->made && !c->main && i < c->rec->pairs->len; i++)
        pair_row (out, g_ptr_array_index (c->rec->pairs, i), c->id, report);
    }
}

/* One row of the anomalies CSV; `since` is "new", "persisting", "accepted" or "". */
static void
anomaly_row (const TrAnomaly *a, const char *since, FILE *out)
{
  char year[16];
  g_snprintf (year, sizeof year, "%d", a->year);
  g_autoptr (GString) evidence = g_string_new (NULL);
  for (guint k = 0; k < a->evidence->len; k++)
    {
      const TrEvidence *e = &g_array_index (a->evidence, TrEvidence, k);
      char num[64];
      if (e->is_count)
        g_snprintf (num, sizeof num, "%" G_GINT64_FORMAT, e->count);
      else
        g_ascii_formatd (num, sizeof num, "%.4f", e->number);
      g_string_append_printf (evidence, "%s%s=%s", k > 0 ? "; " : "", e->name, num);
    }
  g_autoptr (GString) from = g_string_new (NULL);
  for (guint k = 0; k < a->provenance->len; k++)
    {
      const TrProvenanceRef *p = &g_array_index (a->provenance, TrProvenanceRef, k);
      g_string_append_printf (from, "%s%s=%s:%u:%u", k > 0 ? "; " : "", p->role,
                              p->where.file, p->where.line, p->where.column);
    }
  tr_csv_write_field (out, a->rule->name, TRUE, TRUE);
  tr_csv_write_field (out, tr_severity_name (a->severity), FALSE, TRUE);
  tr_csv_write_field (out, a->country != NULL ? a->country->code : "", FALSE, TRUE);
  tr_csv_write_field (out, year, FALSE, FALSE);
  tr_csv_write_field (out, a->measure, FALSE, TRUE);
  tr_csv_write_field (out, a->message, FALSE, TRUE);
  tr_csv_write_field (out, evidence->str, FALSE, TRUE);
  tr_csv_write_field (out, from->str, FALSE, TRUE);
  tr_csv_write_field (out, a->fingerprint, FALSE, FALSE);
  tr_csv_write_field (out, since, FALSE, FALSE);
  g_autofree char *period = a->period.months != 0 ? tr_period_to_string (a->period) : NULL;
  tr_csv_write_field (out, period != NULL ? period : "", FALSE, FALSE);
  fputc ('\n', out);
}

void
tr_render_csv_anomalies (const TrReport *report, FILE *out)
{
  static const char *const header[] = { "rule", "severity", "country", "year", "measure",
                                        "message", "evidence", "provenance", "fingerprint",
                                        "since", "period", NULL };
  tr_csv_write_row (out, header, TRUE);
  for (guint i = 0; i < report->anomalies->len; i++)
    {
      const TrAnomaly *a = g_ptr_array_index (report->anomalies, i);
      anomaly_row (a, a->since != NULL ? a->since : "", out);
    }
  /* With --baseline, the accepted ones; with --history, the resolved ones, their evidence
   * the figures they had and their provenance what those figures are now. */
  for (guint i = 0; report->accepted != NULL && i < report->accepted->len; i++)
    anomaly_row (((const TrAccepted *) g_ptr_array_index (report->accepted, i))->anomaly,
                 "accepted", out);
  for (guint i = 0; report->since != NULL && i < report->since->resolved->len; i++)
    {
      const TrResolved *r = g_ptr_array_index (report->since->resolved, i);
      char year[16];
      g_snprintf (year, sizeof year, "%d", r->year);
      g_autofree char *now = g_strconcat ("now: ", r->now, NULL);
      tr_csv_write_field (out, r->rule, TRUE, TRUE);
      tr_csv_write_field (out, r->severity, FALSE, TRUE);
      tr_csv_write_field (out, r->subject != NULL ? r->subject : "", FALSE, TRUE);
      tr_csv_write_field (out, year, FALSE, FALSE);
      tr_csv_write_field (out, r->measure != NULL ? r->measure : "", FALSE, TRUE);
      tr_csv_write_field (out, r->message, FALSE, TRUE);
      tr_csv_write_field (out, r->was, FALSE, TRUE);
      tr_csv_write_field (out, now, FALSE, TRUE);
      tr_csv_write_field (out, r->fingerprint, FALSE, FALSE);
      tr_csv_write_field (out, "resolved", FALSE, FALSE);
      tr_csv_write_field (out, "", FALSE, FALSE); /* the history keeps the year only */
      fputc ('\n', out);
    }
}
