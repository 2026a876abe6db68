/* scorecard.c — the scorecard: completeness, consistency, coverage and caveats per state. */
#include "config.h"

#include <string.h>

#include "funnel.h"
#include "metrics.h"
#include "scorecard.h"
#include "statement.h"

const char *
tr_coverage_mark_name (TrCoverageMark mark)
{
  static const char *const names[] = { "none", "low", "above", "mixed", "in range" };
  return names[mark];
}

const char *
tr_scorecard_mark_heading (guint m)
{
  static const char *const headings[TR_SCORECARD_N_MARKS]
      = { "given", "checks", "coverage", "caveats" };
  return headings[m];
}

const char *
tr_scorecard_mark (const TrScorecardRow *row, guint m)
{
  switch (m)
    {
    case 0:
      return row->completeness;
    case 1:
      return row->consistency;
    case 2:
      return tr_coverage_mark_name (row->coverage);
    default:
      return row->notes->len == 0 ? "none" : "some";
    }
}

const char *
tr_scorecard_mark_reason (const TrScorecardRow *row, guint m)
{
  switch (m)
    {
    case 0:
      return row->completeness_reason;
    case 1:
      return row->consistency_reason;
    case 2:
      return row->coverage_reason;
    default:
      return row->caveats_reason;
    }
}

void
tr_scorecard_row_free (TrScorecardRow *row)
{
  if (row == NULL)
    return;
  g_array_unref (row->figures);
  g_free (row->completeness_reason);
  g_free (row->consistency_reason);
  g_free (row->coverage_reason);
  if (row->notes != NULL)
    g_ptr_array_unref (row->notes);
  g_free (row->caveats_reason);
  g_free (row->verdict);
  g_free (row);
}

static const struct {
  char letter;
  const char *measure;
  gboolean reference;
} asked[] = {
  { 'a', "reports", FALSE },
  { 'b', "children_identified", FALSE },
  { 'c', "convictions", FALSE },
};

static void
completeness (TrScorecardRow *row, const TrReconciliation *rec)
{
  row->figures = g_array_new (FALSE, TRUE, sizeof (TrScoreFigure));
  g_autoptr (GString) missing = g_string_new (NULL);
  for (guint y = 0; y < rec->years->len; y++)
    {
      int year = ((const TrYear *) g_ptr_array_index (rec->years, y))->year;
      for (guint k = 0; k < G_N_ELEMENTS (asked); k++)
        {
          TrScoreFigure f = { year, asked[k].letter, asked[k].measure,
                              tr_dataset_find (rec->dataset, rec->declared, row->country->code,
                                               year, asked[k].measure) };
          g_array_append_val (row->figures, f);
          row->asked++;
          if (f.obs != NULL && f.obs->value.present)
            {
              row->given++;
              row->inexact += f.obs->value.qualifier != TR_QUALIFIER_EXACT;
              continue;
            }
          g_autofree char *reason = g_strdup (f.obs == NULL ? "no row"
                                                            : tr_missing_name (f.obs->value.missing));
          g_strdelimit (reason, "_", ' ');
          g_string_append_printf (missing, "%s(%c) %d %s", missing->len > 0 ? ", " : "",
                                  f.letter, year, reason);
        }
    }
  row->completeness = row->given == row->asked ? "complete" : row->given == 0 ? "none" : "partial";
  g_autoptr (GString) reason = g_string_new (NULL);
  if (row->given == row->asked)
    g_string_append_printf (reason, "all %u figures given", row->asked);
  else
    g_string_append_printf (reason, "%u of %u figures given; missing: %s", row->given, row->asked,
                            missing->str);
  if (row->inexact > 0)
    g_string_append_printf (reason, "; %u not exact", row->inexact);
  row->completeness_reason = g_string_free (g_steal_pointer (&reason), FALSE);
}

static void
consistency (TrScorecardRow *row, const TrReconciliation *rec, const GPtrArray *statements)
{
  g_autoptr (GString) failed = g_string_new (NULL);
  for (guint i = 0; i < rec->breakdowns->len; i++)
    {
      const TrBreakdownCheck *b = g_ptr_array_index (rec->breakdowns, i);
      if (b->country != row->country)
        continue;
      if (b->ok)
        row->holds++;
      else
        {
          row->fails++;
          g_string_append_printf (failed, "%sthe %d breakdown of %s", failed->len > 0 ? ", " : "",
                                  b->year, b->measure);
        }
    }
  for (guint i = 0; statements != NULL && i < statements->len; i++)
    {
      const TrStatementResult *r = g_ptr_array_index (statements, i);
      if (r->subject != row->country)
        continue;
      if (r->status == TR_STATEMENT_HOLDS)
        row->holds++;
      else if (r->status == TR_STATEMENT_FAILS)
        {
          row->fails++;
          g_string_append_printf (failed, "%s%s", failed->len > 0 ? ", " : "", r->statement->id);
        }
      else
        row->unchecked++;
    }
  guint checked = row->holds + row->fails;
  row->consistency = row->fails > 0 ? "fails" : row->holds > 0 ? "holds" : "unchecked";
  g_autoptr (GString) reason = g_string_new (NULL);
  if (checked == 0)
    g_string_append (reason, "no breakdown or statement to check");
  else if (row->fails == 0)
    g_string_append_printf (reason, checked == 1 ? "the one check holds" : "all %u checks hold",
                            checked);
  else
    g_string_append_printf (reason, "%u of %u %s %s: %s", row->fails, checked,
                            checked == 1 ? "check" : "checks", row->fails == 1 ? "fails" : "fail",
                            failed->str);
  if (row->unchecked > 0)
    g_string_append_printf (reason, "; %u not checkable", row->unchecked);
  row->consistency_reason = g_string_free (g_steal_pointer (&reason), FALSE);
}

/* a/b < c/d, exactly (counts below 2^53, so the products fit in 128 bits). */
static gboolean
ratio_less (gint64 a, gint64 b, gint64 c, gint64 d)
{
  return (__int128) a * d < (__int128) c * b;
}

static void
coverage (TrScorecardRow *row, const TrReconciliation *rec, const GPtrArray *notes,
          const TrRuleConfig *config)
{
  double low = config->params[TR_RULE_COVERAGE_LOW][0];
  double high = config->params[TR_RULE_COVERAGE_EXCESS][0];
  gboolean below = FALSE, above = FALSE;
  g_autoptr (GPtrArray) differ = g_ptr_array_new ();
  for (guint y = 0; y < rec->years->len; y++)
    {
      int year = ((const TrYear *) g_ptr_array_index (rec->years, y))->year;
      const TrObservation *sent
          = tr_dataset_find (rec->dataset, rec->reference, row->country->code, year, "reports");
      const TrObservation *declared
          = tr_dataset_find (rec->dataset, rec->declared, row->country->code, year, "reports");
      if (sent == NULL || declared == NULL || !sent->value.present || !declared->value.present
          || sent->value.count == 0)
        continue;
      gint64 num = declared->value.count, den = sent->value.count;
      if (row->n_years == 0 || ratio_less (num, den, row->low_num, row->low_den))
        row->low_num = num, row->low_den = den;
      if (row->n_years == 0 || ratio_less (row->high_num, row->high_den, num, den))
        row->high_num = num, row->high_den = den;
      row->n_years++;
      double c = (double) num / (double) den;
      below |= c < low;
      above |= c > high;
      g_autoptr (GPtrArray) found = g_ptr_array_new ();
      tr_notes_find_all (notes, declared, year, found);
      for (guint k = 0; k < found->len; k++)
        {
          const TrNote *note = g_ptr_array_index (found, k);
          if ((strcmp (note->kind, "scope") == 0 || strcmp (note->kind, "source") == 0
               || strcmp (note->kind, "method") == 0)
              && !g_ptr_array_find (differ, note, NULL))
            g_ptr_array_add (differ, (gpointer) note);
        }
    }
  row->coverage = row->n_years == 0 ? TR_COVERAGE_NONE
                  : below && above  ? TR_COVERAGE_MIXED
                  : below           ? TR_COVERAGE_LOW
                  : above           ? TR_COVERAGE_ABOVE
                                    : TR_COVERAGE_IN_RANGE;
  row->coverage_differs = differ->len > 0;
  g_autoptr (GString) reason = g_string_new (NULL);
  char lo[48], hi[48];
  if (row->n_years == 0)
    g_string_append_printf (reason, "no year with both figures");
  else
    {
      tr_format_share (row->low_num, row->low_den, lo, sizeof lo);
      tr_format_share (row->high_num, row->high_den, hi, sizeof hi);
      if (row->n_years == 1)
        g_string_append_printf (reason, "declared %s %% of the reports %s sent, in the one year "
                                        "with both figures",
                                lo, rec->reference_label);
      else
        g_string_append_printf (reason, "declared from %s %% to %s %% of the reports %s sent, "
                                        "over %u years",
                                lo, hi, rec->reference_label, row->n_years);
      g_string_append_printf (reason, " (thresholds in force: low under %g %%, above over "
                                      "%g %%)",
                              low * 100, high * 100);
    }
  if (row->coverage_differs)
    {
      g_string_append_printf (reason, "; %s the reports declared count differently (",
                              differ->len == 1 ? "a note says" : "notes say");
      for (guint k = 0; k < differ->len; k++)
        {
          const TrNote *note = g_ptr_array_index (differ, k);
          g_string_append_printf (reason, "%s%s", k > 0 ? ", " : "", note->kind);
        }
      g_string_append_c (reason, ')');
    }
  row->coverage_reason = g_string_free (g_steal_pointer (&reason), FALSE);
}

static void
caveats (TrScorecardRow *row, const TrReconciliation *rec, const GPtrArray *notes)
{
  row->notes = g_ptr_array_new ();
  int first = 0, last = 0;
  if (rec->years->len > 0)
    {
      first = ((const TrYear *) g_ptr_array_index (rec->years, 0))->year;
      last = ((const TrYear *) g_ptr_array_index (rec->years, rec->years->len - 1))->year;
    }
  g_autoptr (GString) reason = g_string_new (NULL);
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      const TrNote *note = g_ptr_array_index (notes, i);
      if (note->country != row->country || note->year_to < first || note->year_from > last)
        continue;
      g_ptr_array_add (row->notes, (gpointer) note);
      g_autofree char *measure = tr_measure_words (note->measure);
      g_autofree char *kind = g_strdelimit (g_strdup (note->kind), "_", '-');
      if (note->year_from == note->year_to)
        g_string_append_printf (reason, "%s%s %d: %s", reason->len > 0 ? "; " : "", measure,
                                note->year_from, kind);
      else
        g_string_append_printf (reason, "%s%s %d-%d: %s", reason->len > 0 ? "; " : "", measure,
                                note->year_from, note->year_to, kind);
    }
  if (row->notes->len == 0)
    g_string_append (reason, "no note qualifies its figures");
  row->caveats_reason = g_string_free (g_steal_pointer (&reason), FALSE);
}

static void
verdict (TrScorecardRow *row, const TrReconciliation *rec)
{
  g_autoptr (GString) out = g_string_new (NULL);
  if (row->given == row->asked)
    g_string_append (out, "Every figure asked for given");
  else if (row->given == 0)
    g_string_append (out, "No figure asked for given");
  else
    g_string_append_printf (out, "%u of the %u figures asked for given", row->given, row->asked);
  guint checked = row->holds + row->fails;
  if (checked == 0)
    g_string_append (out, "; nothing to check");
  else if (row->fails == 0)
    g_string_append (out, checked == 1 ? "; the one check holds" : "; every check holds");
  else
    g_string_append_printf (out, "; %u of %u %s %s", row->fails, checked,
                            checked == 1 ? "check" : "checks", row->fails == 1 ? "fails" : "fail");
  char lo[48], hi[48];
  g_autofree char *whose = tr_possessive (rec->reference_label);
  if (row->n_years == 0)
    g_string_append_printf (out, "; no share of %s reports", whose);
  else
    {
      tr_format_share (row->low_num, row->low_den, lo, sizeof lo);
      tr_format_share (row->high_num, row->high_den, hi, sizeof hi);
      if (row->n_years == 1 || strcmp (lo, hi) == 0)
        g_string_append_printf (out, "; declared %s %% of %s reports", lo, whose);
      else
        g_string_append_printf (out, "; declared %s %% to %s %% of %s reports", lo, hi, whose);
      if (row->coverage_differs)
        g_string_append (out, ", counted differently");
    }
  if (row->notes->len == 0)
    g_string_append (out, "; no caveat.");
  else
    g_string_append_printf (out, "; %u %s.", row->notes->len,
                            row->notes->len == 1 ? "caveat" : "caveats");
  row->verdict = g_string_free (g_steal_pointer (&out), FALSE);
}

GPtrArray *
tr_scorecard_build (const TrReconciliation *rec, const GPtrArray *notes,
                    const GPtrArray *statements, const TrRuleConfig *config)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tr_scorecard_row_free);
  if (!tr_funnel_applies (rec))
    return rows;
  const TrCountry *last = NULL;
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrCountry *c = ((const TrPair *) g_ptr_array_index (rec->pairs, i))->country;
      if (c == last)
        continue;
      last = c;
      TrScorecardRow *row = g_new0 (TrScorecardRow, 1);
      row->country = c;
      completeness (row, rec);
      consistency (row, rec, statements);
      coverage (row, rec, notes, config);
      caveats (row, rec, notes);
      verdict (row, rec);
      g_ptr_array_add (rows, row);
    }
  return rows;
}
