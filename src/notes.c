/* notes.c — reading data/notes.csv and tying each note to its table and remark. */
#include "config.h"

#include "notes.h"

#include <string.h>

#include "csvread.h"
#include "input-error.h"

static void
note_free (gpointer data)
{
  TrNote *note = data;
  g_free (note->measure);
  g_free (note->kind);
  g_free (note->summary);
  g_free (note);
}

static const char *const kinds[] = { "method", "source", "scope", "provisional", "one_off",
                                      "rounded" };

static gboolean
parse_years (const char *text, int *from, int *to)
{
  guint64 a = 0, b = 0;
  g_auto (GStrv) parts = g_strsplit (text, "-", 2);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1900, 2099, &a, NULL))
    return FALSE;
  b = a;
  if (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, a, 2099, &b, NULL))
    return FALSE;
  *from = (int) a;
  *to = (int) b;
  return TRUE;
}

GPtrArray *
tr_notes_load (const char *path, const char *name, const TrCatalogue *catalogue,
               const TrDataset *dataset, GError **error)
{
  /* Read whole, without a checksum: no output prints the notes file's. */
  static const TrCsvFrame unsummed = { .no_checksum = TRUE };
  g_autoptr (TrCsv) csv = tr_csv_read_framed (path, name, &unsummed, error);
  if (csv == NULL)
    return NULL;
  static const char *const columns[] = { "table", "country", "years", "measure", "kind",
                                         "summary" };
  const TrRow *header = g_ptr_array_index (csv->rows, 0);
  /* An optional seventh column, precision, says what a rounded note's figures are rounded to. */
  gboolean with_precision = header->n_cells > G_N_ELEMENTS (columns);
  if (with_precision && strcmp (header->cells[G_N_ELEMENTS (columns)].text, "precision") != 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line,
                          G_N_ELEMENTS (columns) + 1,
                          "found the header '%s'; expected 'precision' or nothing after "
                          "'summary'",
                          header->cells[G_N_ELEMENTS (columns)].text);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (i >= header->n_cells || strcmp (header->cells[i].text, columns[i]) != 0)
      {
        tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, i + 1,
                            "found the header '%s'; expected '%s' (the columns are table, "
                            "country, years, measure, kind, summary)",
                            i < header->n_cells ? header->cells[i].text : "", columns[i]);
        return NULL;
      }
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (note_free);
  for (guint r = 1; r < csv->rows->len; r++)
    {
      const TrRow *row = g_ptr_array_index (csv->rows, r);
      const TrSource *remarks = tr_catalogue_get (catalogue, row->cells[0].text);
      if (remarks == NULL || remarks->kind != TR_SOURCE_REMARK)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_VALUE, csv->path, row->line, 1,
                              "found the source '%s'; expected the remarks under a table "
                              "(a remark source of data/sources.ini, such as com740-t6-remarks)",
                              row->cells[0].text);
          return NULL;
        }
      const TrCountry *country = tr_country_table_lookup (dataset->countries, row->cells[1].text);
      int from = 0, to = 0;
      gsize kind = 0;
      while (kind < G_N_ELEMENTS (kinds) && strcmp (kinds[kind], row->cells[4].text) != 0)
        kind++;
      if (country == NULL || !parse_years (row->cells[2].text, &from, &to)
          || kind == G_N_ELEMENTS (kinds))
        {
          guint column = country == NULL ? 2 : kind == G_N_ELEMENTS (kinds) ? 5 : 3;
          tr_input_error_set (error, TR_INPUT_ERROR_VALUE, csv->path, row->line, column,
                              "found '%s'; expected %s", row->cells[column - 1].text,
                              column == 2   ? "a known country"
                              : column == 3 ? "a year or a range such as 2022-2024"
                                            : "method, source, scope, provisional, one_off "
                                              "or rounded");
          return NULL;
        }
      /* A rounded note needs its precision (10: rounded to the ten); no other note has one. */
      const char *precision_text = with_precision ? row->cells[6].text : "";
      guint64 precision = 0;
      gboolean rounded = strcmp (kinds[kind], "rounded") == 0;
      if (rounded ? !g_ascii_string_to_unsigned (precision_text, 10, 2, TR_VALUE_MAX, &precision,
                                                 NULL)
                  : precision_text[0] != '\0')
        {
          tr_input_error_set (error, TR_INPUT_ERROR_VALUE, csv->path, row->line, 7,
                              "found '%s'; expected %s", precision_text,
                              rounded ? "the precision a rounded note's figures are rounded "
                                        "to, a whole number from 2 (10: to the ten)"
                                      : "nothing (only a rounded note has a precision)");
          return NULL;
        }
      /* Was the table the remarks are printed under read? */
      const TrInput *input = NULL;
      for (guint i = 0; i < dataset->inputs->len && input == NULL; i++)
        if (((const TrInput *) g_ptr_array_index (dataset->inputs, i))->origin == remarks->of)
          input = g_ptr_array_index (dataset->inputs, i);
      if (input == NULL)
        continue;
      TrNote *note = g_new0 (TrNote, 1);
      note->file = input->path;
      note->origin = input->origin;
      note->country = country;
      note->year_from = from;
      note->year_to = to;
      note->measure = g_strdup (row->cells[3].text);
      note->kind = g_strdup (row->cells[4].text);
      note->summary = g_strdup (row->cells[5].text);
      note->precision = (gint64) precision;
      note->where = (TrWhere) { name, row->line, 1 }; /* `name` outlives the notes */
      /* The original remark: the cell of that country's row, in that file, under a header
       * that reads as a remark column ("Remarques"; the last such cell if several). */
      for (guint i = 0; i < dataset->annotations->len; i++)
        {
          const TrAnnotation *a = g_ptr_array_index (dataset->annotations, i);
          if (a->country == country && a->where.file == input->path
              && g_str_has_prefix (a->header, "Remarque"))
            note->remark = a;
        }
      g_ptr_array_add (notes, note);
    }
  /* A figure its table marks provisional where the year is printed is a provisional note of
   * that table, the header or cell its provenance. */
  for (guint i = 0; i < dataset->marks->len; i++)
    {
      const TrMark *mark = &g_array_index (dataset->marks, TrMark, i);
      TrNote *note = g_new0 (TrNote, 1);
      note->file = mark->where.file;
      note->country = mark->country;
      note->year_from = note->year_to = mark->year;
      note->measure = g_strdup (mark->measure);
      note->kind = g_strdup ("provisional");
      g_autofree char *printed = tr_input_excerpt (mark->printed, 60);
      note->summary = g_strdup_printf ("the table prints its year as '%s'.", printed);
      note->where = mark->where;
      for (guint k = 0; k < dataset->inputs->len && note->origin == NULL; k++)
        {
          const TrInput *in = g_ptr_array_index (dataset->inputs, k);
          if (strcmp (in->path, mark->where.file) == 0)
            note->origin = in->origin;
        }
      g_ptr_array_add (notes, note);
    }
  return g_steal_pointer (&notes);
}

/* TRUE when `note` is about `obs` (its file, country and measure), whatever the year. */
static gboolean
is_about (const TrNote *note, const TrObservation *obs)
{
  return note->country == obs->country && strcmp (note->file, obs->where.file) == 0
         && g_str_has_prefix (obs->measure, note->measure);
}

static gboolean
covers (const TrNote *note, int year)
{
  return year >= note->year_from && year <= note->year_to;
}

guint
tr_notes_apply_rounding (const GPtrArray *notes, TrDataset *dataset)
{
  guint n = 0;
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      const TrNote *note = g_ptr_array_index (notes, i);
      if (note->precision == 0)
        continue;
      for (guint k = 0; k < dataset->n_observations; k++)
        {
          TrObservation *obs = tr_dataset_observation (dataset, k);
          if (obs->value.present && obs->value.qualifier == TR_QUALIFIER_EXACT
              && is_about (note, obs) && covers (note, tr_period_first_year (obs->period)))
            {
              obs->value.qualifier = TR_QUALIFIER_APPROXIMATE;
              obs->value.precision = note->precision;
              n++;
            }
        }
    }
  return n;
}

const TrNote *
tr_notes_find (const GPtrArray *notes, const TrObservation *obs, int year)
{
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      const TrNote *note = g_ptr_array_index (notes, i);
      if (is_about (note, obs) && covers (note, year))
        return note;
    }
  return NULL;
}

guint
tr_notes_find_all (const GPtrArray *notes, const TrObservation *obs, int year, GPtrArray *out)
{
  guint n = 0;
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      const TrNote *note = g_ptr_array_index (notes, i);
      if (is_about (note, obs) && covers (note, year))
        {
          g_ptr_array_add (out, (gpointer) note);
          n++;
        }
    }
  return n;
}

const TrNote *
tr_notes_find_change (const GPtrArray *notes, const TrObservation *obs, int before, int year)
{
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      const TrNote *note = g_ptr_array_index (notes, i);
      if (is_about (note, obs) && covers (note, before) != covers (note, year))
        return note;
    }
  return NULL;
}
