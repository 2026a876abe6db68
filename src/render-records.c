/* render-records.c — the counts of `tiprecon records` as text (sentences and a table), CSV
 * and JSON. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "csvout.h"
#include "escape.h"
#include "render.h"

/* "1 was" / "2 were", with the count grouped by threes. */
static void
append_count (GString *s, guint64 n, const char *one, const char *many)
{
  char buf[32];
  g_string_append_printf (s, "%s %s", tr_format_count ((gint64) n, buf, sizeof buf),
                          n == 1 ? one : many);
}

/* The sentences of one country-year. */
static void
append_sentences (GString *s, const TrRecordCounts *c)
{
  const guint64 *n = c->n;
  char buf[32];
  g_string_append_printf (s, "%s (%s), %d: ", c->country->name_en, c->country->code, c->year);
  if (n[TR_COUNT_SENT] == 0)
    g_string_append_printf (s, "NCMEC made no report available in %d.", c->year);
  else
    {
      g_string_append_printf (s, "NCMEC made %s report%s available: ",
                              tr_format_count ((gint64) n[TR_COUNT_SENT], buf, sizeof buf),
                              n[TR_COUNT_SENT] == 1 ? "" : "s");
      static const struct {
        TrRecordCount count;
        const char *what;
      } parts[] = {
        { TR_COUNT_RECEIVED, "received the same year" },
        { TR_COUNT_LATER, "received in a later year" },
        { TR_COUNT_TWICE, "received twice or more" },
        { TR_COUNT_NEVER, "never received" },
      };
      guint shown = 0, total = 0;
      for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
        total += n[parts[i].count] > 0;
      for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          if (n[parts[i].count] == 0)
            continue;
          if (shown > 0)
            g_string_append (s, shown + 1 == total ? " and " : ", ");
          shown++;
          append_count (s, n[parts[i].count], "was", "were");
          g_string_append_printf (s, " %s", parts[i].what);
          if (parts[i].count == TR_COUNT_TWICE)
            {
              g_string_append (s, " (");
              append_count (s, n[TR_COUNT_TWICE_ENTRIES], "entry", "entries");
              g_string_append (s, ")");
            }
        }
      g_string_append (s, ".");
    }
  if (n[TR_COUNT_LOGGED] == 0)
    g_string_append_printf (s, " The log has no entry dated %d.", c->year);
  else
    {
      g_string_append (s, " The log has ");
      append_count (s, n[TR_COUNT_LOGGED], "entry", "entries");
      g_string_append_printf (s, " dated %d", c->year);
      if (n[TR_COUNT_OTHER_SOURCE] > 0)
        g_string_append_printf (
            s, ", %s of them not in NCMEC's list (another source)",
            tr_format_count ((gint64) n[TR_COUNT_OTHER_SOURCE], buf, sizeof buf));
      g_string_append (s, ".");
    }
}

/* Writes `text` wrapped at 100 columns (words never cut). */
static void
write_wrapped (FILE *out, const char *text)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  glong column = 0;
  for (char **w = words; *w != NULL; w++)
    {
      glong len = g_utf8_strlen (*w, -1);
      if (column > 0 && column + 1 + len > 100)
        {
          fputc ('\n', out);
          column = 0;
        }
      else if (column > 0)
        {
          fputc (' ', out);
          column++;
        }
      fputs (*w, out);
      column += len;
    }
  fputc ('\n', out);
}

void
tr_render_records_text (TrRecords *records, FILE *out)
{
  const GArray *counts = tr_records_counts (records);
  guint64 totals[TR_N_COUNTS];
  tr_records_totals (records, totals);
  char a[32], b[32];
  g_autofree char *sent = tr_escape_terminal (tr_records_sent_name (records), -1, FALSE);
  g_autofree char *received
      = tr_escape_terminal (tr_records_received_name (records), -1, FALSE);
  g_autofree char *title = g_strdup_printf (
      "Reports NCMEC made available (%s, %s rows) against the intake log (%s, %s entries)",
      sent, tr_format_count ((gint64) tr_records_n_sent_rows (records), a, sizeof a),
      received, tr_format_count ((gint64) tr_records_n_received_rows (records), b, sizeof b));
  write_wrapped (out, title);
  for (guint i = 0; i < counts->len; i++)
    {
      g_autoptr (GString) s = g_string_new (NULL);
      append_sentences (s, &g_array_index (counts, TrRecordCounts, i));
      fputc ('\n', out);
      write_wrapped (out, s->str);
    }

  /* The table: each column as wide as its heading or its widest figure. */
  int width[TR_N_COUNTS];
  for (guint k = 0; k < TR_N_COUNTS; k++)
    {
      width[k] = (int) strlen (tr_record_count_columns[k].heading);
      int w = (int) strlen (tr_format_count ((gint64) totals[k], a, sizeof a));
      width[k] = MAX (width[k], w);
    }
  fprintf (out, "\n%-7s  %-4s", "Country", "Year");
  for (guint k = 0; k < TR_N_COUNTS; k++)
    fprintf (out, "  %*s", width[k], tr_record_count_columns[k].heading);
  fputc ('\n', out);
  for (guint i = 0; i < counts->len; i++)
    {
      const TrRecordCounts *c = &g_array_index (counts, TrRecordCounts, i);
      fprintf (out, "%-7s  %-4d", c->country->code, c->year);
      for (guint k = 0; k < TR_N_COUNTS; k++)
        fprintf (out, "  %*s", width[k], tr_format_count ((gint64) c->n[k], a, sizeof a));
      fputc ('\n', out);
    }
  fprintf (out, "%-7s  %-4s", "Total", "");
  for (guint k = 0; k < TR_N_COUNTS; k++)
    fprintf (out, "  %*s", width[k], tr_format_count ((gint64) totals[k], a, sizeof a));
  fputc ('\n', out);
}

void
tr_render_records_csv (TrRecords *records, FILE *out)
{
  const GArray *counts = tr_records_counts (records);
  fputs ("country,year", out);
  for (guint k = 0; k < TR_N_COUNTS; k++)
    fprintf (out, ",%s", tr_record_count_columns[k].name);
  fputc ('\n', out);
  for (guint i = 0; i < counts->len; i++)
    {
      const TrRecordCounts *c = &g_array_index (counts, TrRecordCounts, i);
      fprintf (out, "%s,%d", c->country->code, c->year);
      for (guint k = 0; k < TR_N_COUNTS; k++)
        fprintf (out, ",%" G_GUINT64_FORMAT, c->n[k]);
      fputc ('\n', out);
    }
}

static void
add_counts (JsonBuilder *b, const guint64 n[TR_N_COUNTS])
{
  for (guint k = 0; k < TR_N_COUNTS; k++)
    {
      json_builder_set_member_name (b, tr_record_count_columns[k].name);
      json_builder_add_int_value (b, (gint64) n[k]);
    }
}

static void
add_input (JsonBuilder *b, const char *role, const char *name, guint64 rows)
{
  json_builder_set_member_name (b, role);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  g_autofree char *valid = tr_escape_utf8 (name);
  json_builder_add_string_value (b, valid);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, (gint64) rows);
  json_builder_end_object (b);
}

void
tr_render_records_json (TrRecords *records, FILE *out)
{
  const GArray *counts = tr_records_counts (records);
  guint64 totals[TR_N_COUNTS];
  tr_records_totals (records, totals);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tool");
  json_builder_add_string_value (b, PACKAGE_NAME);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_object (b);
  add_input (b, "sent", tr_records_sent_name (records), tr_records_n_sent_rows (records));
  add_input (b, "received", tr_records_received_name (records),
             tr_records_n_received_rows (records));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_array (b);
  for (guint i = 0; i < counts->len; i++)
    {
      const TrRecordCounts *c = &g_array_index (counts, TrRecordCounts, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "country");
      json_builder_add_string_value (b, c->country->code);
      json_builder_set_member_name (b, "country_name");
      json_builder_add_string_value (b, c->country->name_en);
      json_builder_set_member_name (b, "year");
      json_builder_add_int_value (b, c->year);
      add_counts (b, c->n);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  add_counts (b, totals);
  json_builder_end_object (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  fputs (text, out);
  fputc ('\n', out);
}
