/* funnel.c — from report to conviction: the four steps of each country and year. */
#include "config.h"

#include <string.h>

#include "funnel.h"
#include "metrics.h"
#include "render.h"

static const TrFunnelStepSpec steps[TR_FUNNEL_N_STEPS] = {
  { TR_FUNNEL_SENT, "sent", TRUE, "reports", "Sent", "reports" },
  { TR_FUNNEL_DECLARED, "declared", FALSE, "reports", "Declared", "reports" },
  { TR_FUNNEL_CHILDREN, "children", FALSE, "children_identified", "Children", "children" },
  { TR_FUNNEL_CONVICTIONS, "convictions", FALSE, "convictions", "Convictions", "offenders" },
};

const TrFunnelStepSpec *
tr_funnel_steps (void)
{
  return steps;
}

void
tr_funnel_row_free (TrFunnelRow *row)
{
  if (row == NULL)
    return;
  for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
    if (row->steps[s].notes != NULL)
      g_ptr_array_unref (row->steps[s].notes);
  g_free (row);
}

gboolean
tr_funnel_applies (const TrReconciliation *rec)
{
  const TrDataset *ds = rec->dataset;
  for (guint i = 0; i < ds->n_observations; i++)
    {
      const TrObservation *o = tr_dataset_observation (ds, i);
      if (strcmp (o->source, rec->declared) == 0 && o->country != NULL
          && (strcmp (o->measure, steps[TR_FUNNEL_CHILDREN].measure) == 0
              || strcmp (o->measure, steps[TR_FUNNEL_CONVICTIONS].measure) == 0))
        return TRUE;
    }
  return FALSE;
}

/* A note of one of these kinds says the figure counts something else than its heading says
 * (another scope, another source, another method): no ratio is made with it. */
static gboolean
kind_differs (const char *kind)
{
  return strcmp (kind, "scope") == 0 || strcmp (kind, "source") == 0
         || strcmp (kind, "method") == 0;
}

static void
fill_step (TrFunnelStep *step, const TrObservation *obs, const GPtrArray *notes, int year)
{
  step->obs = obs;
  step->notes = g_ptr_array_new ();
  if (obs == NULL)
    return;
  tr_notes_find_all (notes, obs, year, step->notes);
  for (guint k = 0; k < step->notes->len; k++)
    step->differs |= kind_differs (((const TrNote *) g_ptr_array_index (step->notes, k))->kind);
}

GPtrArray *
tr_funnel_build (const TrReconciliation *rec, const GPtrArray *notes)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tr_funnel_row_free);
  if (!tr_funnel_applies (rec))
    return rows;
  const TrCountry *last = NULL;
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrCountry *c = ((const TrPair *) g_ptr_array_index (rec->pairs, i))->country;
      if (c == last)
        continue;
      last = c;
      for (guint y = 0; y < rec->years->len; y++)
        {
          int year = ((const TrYear *) g_ptr_array_index (rec->years, y))->year;
          TrFunnelRow *row = g_new0 (TrFunnelRow, 1);
          row->country = c;
          row->year = year;
          for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
            fill_step (&row->steps[s],
                       tr_dataset_find (rec->dataset, steps[s].reference ? rec->reference
                                                                         : rec->declared,
                                        c->code, year, steps[s].measure),
                       notes, year);
          const TrFunnelStep *sent = &row->steps[TR_FUNNEL_SENT];
          const TrFunnelStep *declared = &row->steps[TR_FUNNEL_DECLARED];
          if (sent->obs == NULL || declared->obs == NULL || !sent->obs->value.present
              || !declared->obs->value.present)
            row->no_ratio = "a figure is missing";
          else if (sent->differs || declared->differs)
            row->no_ratio = "a note says a step counts differently";
          else if (sent->obs->value.count == 0)
            row->no_ratio = "nothing was sent";
          else
            {
              row->has_ratio = TRUE;
              row->ratio_num = declared->obs->value.count;
              row->ratio_den = sent->obs->value.count;
              row->ratio_qualifier
                  = tr_value_ratio_qualifier (&declared->obs->value, &sent->obs->value);
            }
          g_ptr_array_add (rows, row);
        }
    }
  return rows;
}

GPtrArray *
tr_funnel_notes (const GPtrArray *rows, const GPtrArray *notes, const TrCountry *country)
{
  g_autoptr (GHashTable) cited = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const TrFunnelRow *row = g_ptr_array_index (rows, i);
      if (country != NULL && row->country != country)
        continue;
      for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
        for (guint k = 0; k < row->steps[s].notes->len; k++)
          g_hash_table_add (cited, g_ptr_array_index (row->steps[s].notes, k));
    }
  GPtrArray *list = g_ptr_array_new ();
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    if (g_hash_table_contains (cited, g_ptr_array_index (notes, i)))
      g_ptr_array_add (list, g_ptr_array_index (notes, i));
  return list;
}

/* A missing reason in words: "not reported", "no row". */
static void
reason_words (const TrObservation *obs, char *buf, gsize size)
{
  if (obs == NULL)
    g_strlcpy (buf, "no row", size);
  else
    {
      g_strlcpy (buf, tr_missing_name (obs->value.missing), size);
      g_strdelimit (buf, "_", ' ');
    }
}

const char *
tr_funnel_cell (const TrFunnelRow *row, TrFunnelStepId step, char *buf, gsize size)
{
  const TrFunnelStep *s = &row->steps[step];
  if (s->obs == NULL || !s->obs->value.present)
    {
      char reason[48];
      reason_words (s->obs, reason, sizeof reason);
      g_snprintf (buf, size, "(%s)", reason);
      return buf;
    }
  char v[48];
  g_snprintf (buf, size, "%s%s", tr_format_value (&s->obs->value, TR_VALUE_CELL, v, sizeof v),
              s->notes->len > 0 ? "*" : "");
  return buf;
}

const char *
tr_funnel_ratio_cell (const TrFunnelRow *row, char *buf, gsize size)
{
  if (!row->has_ratio)
    {
      g_strlcpy (buf, strcmp (row->no_ratio, "a figure is missing") == 0 ? "(missing)"
                      : strcmp (row->no_ratio, "nothing was sent") == 0   ? "(none sent)"
                                                                         : "(notes)",
                 size);
      return buf;
    }
  char r[48];
  tr_format_ratio (row->ratio_num, row->ratio_den, TR_RATIO_DECIMALS, r, sizeof r);
  g_snprintf (buf, size, "%s%s", tr_qualifier_mark (row->ratio_qualifier, TR_VALUE_CELL), r);
  return buf;
}

/* The kinds of a step's notes, "scope; provisional", into `out` as " (notes: …)". */
static void
append_kinds (GString *out, const TrFunnelStep *step)
{
  if (step->notes->len == 0)
    return;
  g_string_append (out, step->notes->len == 1 ? " (note: " : " (notes: ");
  for (guint k = 0; k < step->notes->len; k++)
    {
      const TrNote *note = g_ptr_array_index (step->notes, k);
      g_autofree char *kind = g_strdelimit (g_strdup (note->kind), "_", '-');
      g_string_append_printf (out, "%s%s", k > 0 ? "; " : "", kind);
    }
  g_string_append_c (out, ')');
}

char *
tr_funnel_sentence (const TrFunnelRow *row, const char *label)
{
  g_autoptr (GString) out = g_string_new (NULL);
  char v[64], reason[48];
  const TrFunnelStep *s = row->steps;
  g_string_append_printf (out, "%d: ", row->year);
  if (s[TR_FUNNEL_SENT].obs != NULL && s[TR_FUNNEL_SENT].obs->value.present)
    g_string_append_printf (out, "%s sent %s reports", label,
                            tr_format_value (&s[TR_FUNNEL_SENT].obs->value, TR_VALUE_WORDS, v,
                                             sizeof v));
  else
    {
      reason_words (s[TR_FUNNEL_SENT].obs, reason, sizeof reason);
      g_string_append_printf (out, "%s gives no figure of reports sent (%s)", label, reason);
    }
  append_kinds (out, &s[TR_FUNNEL_SENT]);
  g_string_append_printf (out, "; %s declared ", row->country->name_en);
  for (int k = TR_FUNNEL_DECLARED; k < TR_FUNNEL_N_STEPS; k++)
    {
      const TrFunnelStep *step = &s[k];
      g_autofree char *what = tr_measure_words (steps[k].measure);
      if (k == TR_FUNNEL_CONVICTIONS)
        g_string_append (out, " and ");
      else if (k > TR_FUNNEL_DECLARED)
        g_string_append (out, ", ");
      if (step->obs != NULL && step->obs->value.present)
        g_string_append_printf (out, "%s %s",
                                tr_format_value (&step->obs->value, TR_VALUE_WORDS, v,
                                                 sizeof v),
                                k == TR_FUNNEL_DECLARED ? "reports"
                                : k == TR_FUNNEL_CHILDREN ? "children identified"
                                                          : "convictions");
      else
        {
          reason_words (step->obs, reason, sizeof reason);
          g_string_append_printf (out, "no figure of %s (%s)", what, reason);
        }
      append_kinds (out, step);
    }
  if (row->has_ratio)
    {
      char r[48];
      tr_format_share (row->ratio_num, row->ratio_den, r, sizeof r);
      g_string_append_printf (out, "; the reports declared are %s%s %% of those sent.",
                              tr_share_mark (row->ratio_qualifier), r);
    }
  else if (strcmp (row->no_ratio, "a note says a step counts differently") == 0)
    g_string_append (out, "; no share of the reports sent is given, for a note says the "
                          "reports declared count differently.");
  else
    g_string_append_c (out, '.');
  return g_string_free (g_steal_pointer (&out), FALSE);
}
