/* render-tidy.c — the inputs as tidy data: one CSV row per observation, its period in the
 * canonical form tr_period_parse() reads back ("2024", "2024-Q1", "2022-2024"). */
#include "config.h"

#include "csvout.h"
#include "render.h"

void
tr_render_tidy (const TrDataset *dataset, FILE *out)
{
  static const char *const header[] = { "source", "country", "period", "measure", "value",
                                        "qualifier", "missing_reason", "file", "line",
                                        "column", NULL };
  tr_csv_write_row (out, header, TRUE);
  for (guint i = 0; i < dataset->n_observations; i++)
    {
      const TrObservation *obs = tr_dataset_observation (dataset, i);
      if (tr_dataset_is_derived (dataset, obs))
        continue;
      char value[32];
      g_autofree char *period = tr_period_to_string (obs->period);
      if (obs->value.present)
        tr_value_digits (&obs->value, value, sizeof value);
      else
        value[0] = '\0';
      /* Room for the usual single cell; a summed figure lists every cell it adds up. */
      g_autoptr (GString) lines = g_string_sized_new (16);
      g_autoptr (GString) columns = g_string_sized_new (16);
      g_string_append_printf (lines, "%u", obs->where.line);
      g_string_append_printf (columns, "%u", obs->where.column);
      const GArray *merged = tr_dataset_merged (dataset, obs);
      for (guint k = 0; merged != NULL && k < merged->len; k++)
        {
          const TrWhere *more = &g_array_index (merged, TrWhere, k);
          g_string_append_printf (lines, ";%u", more->line);
          g_string_append_printf (columns, ";%u", more->column);
        }

      tr_csv_write_field (out, obs->source, TRUE, TRUE);
      tr_csv_write_field (out, obs->country != NULL ? obs->country->code : "TOTAL", FALSE,
                          TRUE);
      tr_csv_write_field (out, period, FALSE, FALSE);
      tr_csv_write_field (out, obs->measure, FALSE, TRUE);
      tr_csv_write_field (out, value, FALSE, FALSE);
      tr_csv_write_field (out, obs->value.present ? tr_qualifier_name (obs->value.qualifier) : "",
                          FALSE, TRUE);
      tr_csv_write_field (out, tr_missing_name (obs->value.missing), FALSE, TRUE);
      tr_csv_write_field (out, obs->where.file, FALSE, TRUE);
      tr_csv_write_field (out, lines->str, FALSE, FALSE);
      tr_csv_write_field (out, columns->str, FALSE, FALSE);
      fputc ('\n', out);
    }
}
