/* records-source.c — the counts of record-level lists read back as observations of their own
 * source, and set against the aggregate gap. */
#include "config.h"

#include "records-source.h"

#include <string.h>

#include "csvstream.h"
#include "input-error.h"

/* "records_" + each column's name, in the order of TrRecordCount. */
static const char *const measures[TR_N_COUNTS] = {
  "records_sent",           "records_received",
  "records_received_later", "records_received_twice_or_more",
  "records_twice_or_more_entries", "records_never_received",
  "records_other_source",   "records_logged",
};

const char *
tr_records_measure (TrRecordCount count)
{
  return measures[count];
}

/* The state of one read. */
typedef struct {
  TrDataset *dataset;
  const TrSource *source;
  const char *name;        /* as messages name the file */
  GHashTable *seen;        /* "CC YYYY" -> line of the row (GUINT_TO_POINTER) */
} Load;

static gboolean
on_header (const TrField *fields, guint n_fields, guint line, gpointer data, GError **error)
{
  Load *load = data;
  /* The header `tiprecon records --format csv` writes, column for column. */
  guint expected = 2 + TR_N_COUNTS;
  for (guint k = 0; k < expected; k++)
    {
      const char *want = k == 0 ? "country" : k == 1 ? "year" : tr_record_count_columns[k - 2].name;
      if (k < n_fields && strcmp (fields[k].text, want) == 0)
        continue;
      g_autofree char *excerpt = k < n_fields ? tr_input_excerpt (fields[k].text, 40) : NULL;
      g_autofree char *found
          = excerpt != NULL ? g_strdup_printf ("'%s'", excerpt) : g_strdup ("no column");
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, load->name, line, k + 1,
                          "found %s as column %u of the header; expected '%s', for the header "
                          "is the one tiprecon records --format csv writes (country,year,"
                          "sent,…,logged)",
                          found, k + 1, want);
      return FALSE;
    }
  if (n_fields > expected)
    {
      g_autofree char *excerpt = tr_input_excerpt (fields[expected].text, 40);
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, load->name, line, expected + 1,
                          "found a column '%s' after logged; expected the %u columns "
                          "tiprecon records --format csv writes",
                          excerpt, expected);
      return FALSE;
    }
  return TRUE;
}

/* A count written in digits only, at most 2^53 (a figure a double holds exactly). */
static gboolean
parse_count (const TrField *field, guint64 *count)
{
  if (field->len == 0 || field->len > 16 || strspn (field->text, "0123456789") != field->len)
    return FALSE;
  return g_ascii_string_to_unsigned (field->text, 10, 0, (guint64) 1 << 53, count, NULL);
}

static gboolean
on_row (const TrField *fields, guint n_fields, guint line, gpointer data, GError **error)
{
  (void) n_fields; /* tr_csv_stream() checks every row against the header */
  Load *load = data;
  const TrCountry *country = tr_country_table_lookup (load->dataset->countries, fields[0].text);
  if (country == NULL || !tr_subject_is_country (country))
    {
      g_autofree char *excerpt = tr_input_excerpt (fields[0].text, 40);
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, load->name, line, 1,
                          country == NULL ? "found '%s', which is not a known country; "
                                            "expected a country's code or name"
                                          : "found '%s', which is not a country (an aggregate "
                                            "or an organisation); expected a country's code "
                                            "or name",
                          excerpt);
      return FALSE;
    }
  guint64 year = 0;
  if (fields[1].len != 4 || strspn (fields[1].text, "0123456789") != 4
      || !g_ascii_string_to_unsigned (fields[1].text, 10, TR_RECORDS_FIRST_YEAR,
                                      TR_RECORDS_LAST_YEAR, &year, NULL))
    {
      g_autofree char *excerpt = tr_input_excerpt (fields[1].text, 40);
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, load->name, line, 2,
                          "found '%s' as the year; expected a calendar year from %d to %d "
                          "(the year the reports were made available)",
                          excerpt, TR_RECORDS_FIRST_YEAR, TR_RECORDS_LAST_YEAR);
      return FALSE;
    }
  g_autofree char *key = g_strdup_printf ("%s %d", country->code, (int) year);
  guint first = GPOINTER_TO_UINT (g_hash_table_lookup (load->seen, key));
  if (first != 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_DUPLICATE, load->name, line, 1,
                          "found %s %d a second time (first on line %u); expected each "
                          "country and year once",
                          country->code, (int) year, first);
      return FALSE;
    }
  g_hash_table_insert (load->seen, g_steal_pointer (&key), GUINT_TO_POINTER (line));
  guint64 n[TR_N_COUNTS];
  for (guint k = 0; k < TR_N_COUNTS; k++)
    if (!parse_count (&fields[2 + k], &n[k]))
      {
        g_autofree char *excerpt = tr_input_excerpt (fields[2 + k].text, 40);
        tr_input_error_set (error, TR_INPUT_ERROR_VALUE, load->name, line, 3 + k,
                            "found '%s' as %s; expected a count of zero or more, in digits",
                            excerpt, tr_record_count_columns[k].name);
        return FALSE;
      }
  /* The counts of one row hold together as tiprecon records makes them: a file edited by
   * hand, or cut and pasted wrong, is refused rather than explained. */
  guint64 outcomes = n[TR_COUNT_RECEIVED] + n[TR_COUNT_LATER] + n[TR_COUNT_TWICE]
                     + n[TR_COUNT_NEVER];
  if (outcomes != n[TR_COUNT_SENT])
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, load->name, line, 3 + TR_COUNT_SENT,
                          "found sent %" G_GUINT64_FORMAT ", but received, received_later, "
                          "received_twice_or_more and never_received add up to %"
                          G_GUINT64_FORMAT "; expected sent to be their sum",
                          n[TR_COUNT_SENT], outcomes);
      return FALSE;
    }
  if (n[TR_COUNT_TWICE_ENTRIES] < 2 * n[TR_COUNT_TWICE])
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, load->name, line,
                          3 + TR_COUNT_TWICE_ENTRIES,
                          "found %" G_GUINT64_FORMAT " entries for %" G_GUINT64_FORMAT
                          " reports received twice or more; expected at least two entries "
                          "each",
                          n[TR_COUNT_TWICE_ENTRIES], n[TR_COUNT_TWICE]);
      return FALSE;
    }
  if (n[TR_COUNT_LOGGED] < n[TR_COUNT_RECEIVED] + n[TR_COUNT_OTHER_SOURCE])
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, load->name, line, 3 + TR_COUNT_LOGGED,
                          "found logged %" G_GUINT64_FORMAT ", fewer than received and "
                          "other_source (%" G_GUINT64_FORMAT "); expected every entry of "
                          "those in the year's log",
                          n[TR_COUNT_LOGGED],
                          n[TR_COUNT_RECEIVED] + n[TR_COUNT_OTHER_SOURCE]);
      return FALSE;
    }
  for (guint k = 0; k < TR_N_COUNTS; k++)
    {
      TrObservation obs = { .source = TR_RECORDS_SERIES, .country = country,
                            .measure = measures[k], .period = tr_period_year ((int) year),
                            .origin = load->source,
                            .where = { load->name, line, 3 + k },
                            .value = tr_value_exact ((gint64) n[k]) };
      if (!tr_dataset_add (load->dataset, &obs, NULL, 0, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
tr_records_source_load (TrDataset *dataset, const TrSource *source, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Load load = { dataset, source, source->display, seen };
  guint64 rows = 0;
  if (!tr_csv_stream (source->path, source->display, on_header, on_row, &load, &rows, error))
    return FALSE;
  if (rows == 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, source->display, 1, 1,
                          "found a header and no row; expected a row per country and year, "
                          "as tiprecon records --format csv writes");
      return FALSE;
    }
  /* The file is a row per country and year: small enough to be read again for its digest. */
  g_autofree char *bytes = NULL;
  gsize n_bytes = 0;
  GError *inner = NULL;
  if (!g_file_get_contents (source->path, &bytes, &n_bytes, &inner))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, source->display, 0, 0,
                          "cannot read the file again: %s", inner->message);
      g_error_free (inner);
      return FALSE;
    }
  g_autofree char *sha256
      = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, n_bytes);
  tr_dataset_add_input (dataset, source->display, sha256, (guint) rows, source);
  return TRUE;
}

static int
compare_gaps (gconstpointer a, gconstpointer b)
{
  const TrRecordsGap *x = a, *y = b;
  int c = strcmp (x->country->code, y->country->code);
  return c != 0 ? c : (x->year > y->year) - (x->year < y->year);
}

GArray *
tr_records_gaps (const TrDataset *dataset, const TrReconciliation *rec)
{
  GArray *gaps = g_array_new (FALSE, TRUE, sizeof (TrRecordsGap));
  for (guint i = 0; i < dataset->n_observations; i++)
    {
      const TrObservation *o = tr_dataset_observation (dataset, i);
      int year = tr_observation_year (o);
      if (strcmp (o->source, TR_RECORDS_SERIES) != 0
          || strcmp (o->measure, measures[TR_COUNT_SENT]) != 0 || year == 0
          || !tr_filter_keeps_year (&rec->filter, year)
          || !tr_filter_keeps_country (&rec->filter, o->country))
        continue;
      TrRecordsGap g = { .country = o->country, .year = year, .origin = o->origin };
      for (guint k = 0; k < TR_N_COUNTS; k++)
        {
          const TrObservation *c = tr_dataset_find (dataset, TR_RECORDS_SERIES,
                                                    o->country->code, year, measures[k]);
          g.n[k] = c != NULL && c->value.present ? (guint64) c->value.count : 0;
        }
      g.lists_gap = (gint64) g.n[TR_COUNT_SENT] - (gint64) g.n[TR_COUNT_LOGGED];
      g.extra_entries = (gint64) g.n[TR_COUNT_TWICE_ENTRIES] - (gint64) g.n[TR_COUNT_TWICE];
      g.carried = (gint64) g.n[TR_COUNT_LOGGED] - (gint64) g.n[TR_COUNT_RECEIVED]
                  - (gint64) g.n[TR_COUNT_TWICE_ENTRIES] - (gint64) g.n[TR_COUNT_OTHER_SOURCE];
      if (strcmp (rec->measure, "reports") == 0)
        g.pair = tr_reconciliation_pair (rec, o->country->code, year);
      g.explains = g.pair != NULL && g.pair->matched
                   && g.pair->reference->value.qualifier == TR_QUALIFIER_EXACT
                   && g.pair->declared->value.qualifier == TR_QUALIFIER_EXACT;
      if (g.explains)
        {
          g.gap = g.pair->gap;
          g.unexplained = g.gap - g.lists_gap;
        }
      g_array_append_val (gaps, g);
    }
  g_array_sort (gaps, compare_gaps);
  return gaps;
}
