/* render-markdown.c — the report as GitHub-flavoured Markdown, for a CMS, a wiki or a ticket. */
#include "config.h"

#include <string.h>

#include "escape.h"
#include "fingerprint.h"
#include "population.h"
#include "funnel.h"
#include "render.h"
#include "scorecard.h"

/* Writes text with the characters Markdown would read as markup escaped (tr_escape_markdown);
 * safe in a table cell. */
static void
put_escaped (FILE *out, const char *text)
{
  g_autoptr (GString) buffer = g_string_new (NULL);
  tr_escape_markdown (buffer, text);
  fputs (buffer->str, out);
}

/* Writes text as one code span (tr_escape_markdown_code), whatever backticks it holds. */
static void
put_code (FILE *out, const char *text)
{
  g_autoptr (GString) buffer = g_string_new (NULL);
  tr_escape_markdown_code (buffer, text);
  fputs (buffer->str, out);
}

static const char *
cell (const TrObservation *obs, char *buf, gsize size)
{
  if (obs == NULL)
    return "(no row)";
  return tr_format_value (&obs->value, TR_VALUE_CELL, buf, size);
}

/* The rows of a table of pairs: country, year, both figures, gap, coverage, (with a
 * `dataset`) both figures per 100 000 inhabitants, and (`status`) the pair's status. */
static void
pair_rows (FILE *out, const GPtrArray *pairs, const TrDataset *dataset, gboolean status)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (pairs, i);
      char r[48], d[48], g[48] = "", c[48] = "";
      if (p->matched)
        {
          tr_render_gap_cell (p, g, sizeof g);
          tr_render_coverage_cell (p, c, sizeof c);
        }
      fputs ("| ", out);
      put_escaped (out, p->country->name_en);
      fputs (" (", out);
      put_escaped (out, p->country->code);
      fprintf (out, ") | %d | ", p->year);
      /* "~", "<" and ">" marks are escaped like any text. */
      const char *cells[] = { cell (p->reference, r, sizeof r), cell (p->declared, d, sizeof d),
                              g, c };
      for (guint k = 0; k < G_N_ELEMENTS (cells); k++)
        {
          put_escaped (out, cells[k]);
          fputs (k + 1 < G_N_ELEMENTS (cells) || status || dataset != NULL ? " | " : " |\n", out);
        }
      if (dataset != NULL)
        {
          TrRate rr = tr_per_capita (dataset, p->reference, p->country->code, p->year);
          TrRate rd = tr_per_capita (dataset, p->declared, p->country->code, p->year);
          char a[48], b[48];
          put_escaped (out, rr.defined ? tr_format_rate (&rr, TR_VALUE_CELL, a, sizeof a) : "");
          fputs (" | ", out);
          put_escaped (out, rd.defined ? tr_format_rate (&rd, TR_VALUE_CELL, b, sizeof b) : "");
          fputs (status ? " | " : " |\n", out);
        }
      if (status)
        fprintf (out, "%s |\n", tr_status_name (p->status));
    }
}

/* With --records: what the record-level lists say of each country and year shown. */
static void
records_section (const TrReport *report, FILE *out)
{
  if (report->records == NULL)
    return;
  g_autofree char *heading = tr_render_records_heading (report);
  fputs ("\n## ", out);
  put_escaped (out, heading);
  fputs ("\n\n", out);
  if (report->records->len == 0)
    fputs ("No country and year of the lists in the countries and years shown.\n", out);
  for (guint i = 0; i < report->records->len; i++)
    {
      const TrRecordsGap *g = &g_array_index (report->records, TrRecordsGap, i);
      g_autofree char *text = tr_render_records_sentence (report->rec, g, TRUE);
      fputs ("- ", out);
      put_escaped (out, text);
      fputc ('\n', out);
    }
}

/* The other comparisons with a pair shown: a heading, what each finds, its pairs. */
static void
other_comparisons (const TrReport *report, FILE *out)
{
  g_autoptr (GPtrArray) shown = tr_render_comparisons_shown (report);
  if (shown->len > 0)
    fputs ("\n## Other comparisons\n", out);
  for (guint k = 0; k < shown->len; k++)
    {
      const TrComparison *c = g_ptr_array_index (shown, k);
      fputs ("\n### ", out);
      put_escaped (out, c->title);
      fputs (" (", out);
      put_code (out, c->id);
      fputs (")\n\n", out);
      g_autoptr (GPtrArray) paragraphs = tr_render_comparison_paragraphs (c);
      for (guint y = 0; y < paragraphs->len; y++)
        {
          put_escaped (out, g_ptr_array_index (paragraphs, y));
          fputs ("\n\n", out);
        }
      fputs ("| Country | Year | ", out);
      put_escaped (out, c->reference_words);
      fputs (" | ", out);
      put_escaped (out, c->declared_words);
      fputs (" | Difference | Ratio |\n| --- | ---: | ---: | ---: | ---: | ---: |\n", out);
      pair_rows (out, c->rec->pairs, NULL, FALSE);
    }
}

/* The scorecard: a row per Member State, each mark with its reason. */
static void
scorecard (const TrReport *report, FILE *out)
{
  g_autoptr (GPtrArray) rows
      = tr_scorecard_build (report->rec, report->notes, report->statements, report->config);
  if (rows->len == 0)
    return;
  fputs ("\n## Scorecard\n\nGiven: the figures Article 8(1) asks for, (a) reports, (b) children "
         "identified and (c) convictions, one each per year. Checks: breakdowns and statements "
         "about the state that hold or fail. Coverage: reports declared against those sent, "
         "against the thresholds of COVERAGE\\_LOW and COVERAGE\\_EXCESS in force. Caveats: the "
         "notes on its figures.\n\n| Country | Verdict | Given | Checks | Coverage | Caveats |\n"
         "| --- | --- | --- | --- | --- | --- |\n",
         out);
  for (guint i = 0; i < rows->len; i++)
    {
      const TrScorecardRow *row = g_ptr_array_index (rows, i);
      fputs ("| ", out);
      put_escaped (out, row->country->name_en);
      fputs (" | ", out);
      put_escaped (out, row->verdict);
      for (guint m = 0; m < TR_SCORECARD_N_MARKS; m++)
        {
          fputs (" | **", out);
          put_escaped (out, tr_scorecard_mark (row, m));
          fputs ("**: ", out);
          put_escaped (out, tr_scorecard_mark_reason (row, m));
        }
      fputs (" |\n", out);
    }
}

/* From report to conviction: a row per country and year, then the notes it cites. */
static void
funnel (const TrReport *report, FILE *out)
{
  g_autoptr (GPtrArray) rows = tr_funnel_build (report->rec, report->notes);
  if (rows->len == 0)
    return;
  g_autofree char *legend = tr_render_funnel_legend (report);
  fputs ("\n## From report to conviction\n\n", out);
  put_escaped (out, legend);
  fputs ("\n\n| Country | Year | Sent | Declared | Children | Convictions | Declared/sent |\n"
         "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
         out);
  for (guint i = 0; i < rows->len; i++)
    {
      const TrFunnelRow *row = g_ptr_array_index (rows, i);
      char cell[64];
      fputs ("| ", out);
      put_escaped (out, row->country->name_en);
      fprintf (out, " | %d", row->year);
      for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
        {
          fputs (" | ", out);
          put_escaped (out, tr_funnel_cell (row, (TrFunnelStepId) s, cell, sizeof cell));
        }
      fputs (" | ", out);
      put_escaped (out, tr_funnel_ratio_cell (row, cell, sizeof cell));
      fputs (" |\n", out);
    }
  g_autoptr (GPtrArray) notes = tr_funnel_notes (rows, report->notes, NULL);
  if (notes->len > 0)
    fputs ("\nNotes on the figures marked \\*:\n\n", out);
  for (guint k = 0; k < notes->len; k++)
    {
      g_autofree char *text = tr_render_note_line (g_ptr_array_index (notes, k));
      fputs ("- ", out);
      put_escaped (out, text);
      fputc ('\n', out);
    }
}

void
tr_render_markdown (const TrReport *report, FILE *out)
{
  const TrReconciliation *rec = report->rec;
  g_autofree char *title = tr_render_title (rec);
  fputs ("# ", out);
  put_escaped (out, title);
  fputs ("\n\n", out);
  g_autofree char *ncmecs = tr_possessive (rec->reference_label);
  fputs ("Reference: ", out);
  put_escaped (out, ncmecs);
  fputs (" figures (", out);
  put_code (out, rec->reference);
  fputs ("); declared: the Member States' figures (", out);
  put_code (out, rec->declared);
  fputs ("); measure: ", out);
  put_code (out, rec->measure);
  fputs (". Gap = ", out);
  put_escaped (out, rec->reference_label);
  fputs (" − declared; coverage = declared ÷ ", out);
  put_escaped (out, rec->reference_label);
  fputs (".\n\n", out);
  fprintf (out, "## Headline\n\n");
  for (guint i = 0; i < rec->years->len; i++)
    {
      g_autofree char *text = tr_render_headline (rec, g_ptr_array_index (rec->years, i));
      fputs ("- ", out);
      put_escaped (out, text);
      fputc ('\n', out);
    }
  g_autofree char *scope = tr_render_scope_note (rec);
  if (scope != NULL)
    {
      fputc ('\n', out);
      put_escaped (out, scope);
      fputc ('\n', out);
    }
  scorecard (report, out);
  fprintf (out, "\n## Published totals\n\n| Source | Measure | Year | Published | Sum of rows "
                "| Check |\n| --- | --- | ---: | ---: | ---: | --- |\n");
  for (guint i = 0; i < rec->totals->len; i++)
    {
      const TrTotalCheck *t = g_ptr_array_index (rec->totals, i);
      char p[48], s[48];
      fputs ("| ", out);
      put_escaped (out, t->source);
      fputs (" | ", out);
      put_escaped (out, t->measure);
      g_autofree char *period = tr_period_describe (t->period);
      fputs (" | ", out);
      put_escaped (out, period);
      fputs (" | ", out);
      put_escaped (out, tr_format_value (&t->published->value, TR_VALUE_CELL, p, sizeof p));
      fputs (" | ", out);
      put_escaped (out, tr_format_value (&t->sum_value, TR_VALUE_CELL, s, sizeof s));
      fprintf (out, " | %s%s%s |\n", t->exact && !t->ok ? "**" : "", tr_total_check_words (t),
               t->exact && !t->ok ? "**" : "");
    }
  fputs ("\n## Country-years\n\n| Country | Year | ", out);
  put_escaped (out, rec->reference_label);
  fputs (" | Declared | Gap | Coverage | ", out);
  put_escaped (out, rec->reference_label);
  fputs (" per 100 000 | Declared per 100 000 | Status |\n| --- | ---: | ---: | ---: | ---: | ---: "
         "| ---: | ---: | --- |\n", out);
  pair_rows (out, rec->pairs, report->dataset, TRUE);
  {
    g_autofree char *cite = tr_dataset_cite (report->dataset, TR_POPULATION_SERIES,
                                             TR_POPULATION_MEASURE, FALSE);
    g_autofree int *years = g_new (int, rec->years->len + 1);
    for (guint i = 0; i < rec->years->len; i++)
      years[i] = ((const TrYear *) g_ptr_array_index (rec->years, i))->year;
    g_autofree char *note = tr_population_note (report->dataset, years, rec->years->len);
    fputs ("\nPer 100 000 inhabitants: population on 1 January of the year (", out);
    put_escaped (out, cite != NULL ? cite : "none read");
    fprintf (out, "), %d decimals, rounded half to even.", TR_RATE_DECIMALS);
    if (note != NULL)
      {
        fputc (' ', out);
        put_escaped (out, note);
      }
    fputc ('\n', out);
  }
  records_section (report, out);
  funnel (report, out);
  other_comparisons (report, out);
  fprintf (out, "\n## Anomalies\n");
  for (int s = TR_SEVERITY_CRITICAL; s >= TR_SEVERITY_INFO; s--)
    {
      gboolean header = FALSE;
      for (guint i = 0; i < report->anomalies->len; i++)
        {
          const TrAnomaly *a = g_ptr_array_index (report->anomalies, i);
          if (a->severity != (TrSeverity) s)
            continue;
          if (!header)
            fprintf (out, "\n### %s\n\n", tr_severity_name ((TrSeverity) s));
          header = TRUE;
          fprintf (out, "- **%s** `%.*s`%s%s (", a->rule->name, TR_FINGERPRINT_SHORT,
                   a->fingerprint, a->since != NULL ? " " : "",
                   a->since != NULL ? a->since : "");
          put_escaped (out, a->country != NULL ? a->country->code : "total");
          g_autofree char *period = tr_period_words (a->period, a->year);
          fprintf (out, " %s): ", period);
          put_escaped (out, a->message);
          fputs (" Sources:", out);
          for (guint k = 0; k < a->provenance->len; k++)
            {
              const TrProvenanceRef *p = &g_array_index (a->provenance, TrProvenanceRef, k);
              g_autofree char *where = g_strdup_printf ("%s:%u:%u", p->where.file,
                                                        p->where.line, p->where.column);
              fprintf (out, "%s %s ", k > 0 ? ";" : "", p->role);
              put_code (out, where);
            }
          fputc ('\n', out);
        }
    }
  /* With --history and --baseline: what changed since the last run, what is accepted. */
  if (report->since != NULL)
    {
      const TrSince *since = report->since;
      fprintf (out, "\n## Since the last run\n\n");
      if (since->previous != 0)
        fprintf (out, "Run %" G_GINT64_FORMAT ", compared with run %" G_GINT64_FORMAT
                      " of %s: %u new, %u persisting, %u resolved.\n",
                 since->run, since->previous, since->previous_started, since->n_new,
                 since->n_persisting, since->n_resolved);
      else
        fprintf (out, "Run %" G_GINT64_FORMAT ", the first of its parameters: every anomaly "
                      "is new (%u).\n",
                 since->run, since->n_new);
      if (since->resolved->len > 0)
        fputc ('\n', out);
      for (guint i = 0; i < since->resolved->len; i++)
        {
          const TrResolved *r = g_ptr_array_index (since->resolved, i);
          fprintf (out, "- **%s** `%.*s` resolved (", r->rule, TR_FINGERPRINT_SHORT,
                   r->fingerprint);
          put_escaped (out, r->subject != NULL ? r->subject : "total");
          fprintf (out, " %d): ", r->year);
          put_escaped (out, r->message);
          fputs (" Was: ", out);
          put_escaped (out, r->was);
          fputs ("; now: ", out);
          put_escaped (out, r->now);
          fputc ('\n', out);
        }
    }
  if (report->accepted != NULL)
    {
      fprintf (out, "\n## Accepted in the baseline (%u)\n\n", report->accepted->len);
      for (guint i = 0; i < report->accepted->len; i++)
        {
          const TrAccepted *x = g_ptr_array_index (report->accepted, i);
          fprintf (out, "- **%s** `%.*s` (", x->anomaly->rule->name, TR_FINGERPRINT_SHORT,
                   x->anomaly->fingerprint);
          put_escaped (out, x->anomaly->country != NULL ? x->anomaly->country->code : "total");
          g_autofree char *period = tr_period_words (x->anomaly->period, x->anomaly->year);
          fprintf (out, " %s): ", period);
          put_escaped (out, x->anomaly->message);
          fputs (" Accepted until ", out);
          put_escaped (out, x->entry->until_text);
          if (x->entry->who[0] != '\0')
            {
              fputs (" by ", out);
              put_escaped (out, x->entry->who);
            }
          if (x->entry->reason[0] != '\0')
            {
              fputs (": ", out);
              put_escaped (out, x->entry->reason);
            }
          fputc ('\n', out);
        }
    }
  /* Every statement checked, held or failed: an auditor wants to see what was verified. */
  if (report->statements != NULL && report->statements->len > 0)
    {
      fprintf (out, "\n## What the documents say about themselves\n\n");
      for (guint i = 0; i < report->statements->len; i++)
        {
          const TrStatementResult *r = g_ptr_array_index (report->statements, i);
          fprintf (out, "- **%s** ", r->status == TR_STATEMENT_HOLDS  ? "holds"
                                     : r->status == TR_STATEMENT_FAILS ? "fails"
                                                                       : "not checkable");
          put_code (out, r->statement->id);
          fputs (": ", out);
          put_escaped (out, r->sentence);
          g_autofree char *at = g_strdup_printf ("%s:%u:%u", r->statement->file,
                                                 r->statement->line, r->statement->column);
          fputs (" Sources: statement ", out);
          put_code (out, at);
          for (guint k = 0; k < r->figures->len; k++)
            {
              const TrCheckedFigure *f = &g_array_index (r->figures, TrCheckedFigure, k);
              g_autofree char *where = g_strdup_printf ("%s:%u:%u", f->where.file,
                                                        f->where.line, f->where.column);
              fprintf (out, "; %s ", f->role);
              put_code (out, where);
            }
          fputc ('\n', out);
        }
    }
  /* The sources are the files read, cited as the catalogue or the user names them. */
  fprintf (out, "\n---\nSources:");
  for (guint i = 0; i < report->dataset->inputs->len; i++)
    {
      const TrInput *in = g_ptr_array_index (report->dataset->inputs, i);
      fputs (i > 0 ? "; " : " ", out);
      if (in->origin != NULL && strcmp (in->origin->citation, in->path) != 0)
        {
          put_escaped (out, in->origin->citation);
          fputs (" ", out);
        }
      fputc ('(', out);
      put_code (out, in->path);
      fputc (')', out);
      if (in->origin != NULL && in->origin->licence != NULL)
        {
          fputs (", licence: ", out);
          put_escaped (out, in->origin->licence);
        }
    }
  fprintf (out, ". Generated by %s %s.\n", PACKAGE_NAME, PACKAGE_VERSION);
}
