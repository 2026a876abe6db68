/* layout.c — reading a table's header (and an optional layout file) into column roles. */
#include "config.h"

#include "layout.h"

#include <string.h>

#include "input-error.h"
#include "period.h"

/* Header names (case-folded) that mark a column as holding country labels or codes. */
static const char *const country_headers[] = {
  "pays", "country", "countries", "country name", "country_name", "name", "land", "staat",
  "state", "member state", "état membre", "états membres", "mitgliedstaat", "geo", "iso",
  "iso2", "iso3", "iso_code", "iso code", "code", "country code", "country_code", "alpha2",
  "alpha-2", "alpha3", "alpha-3",
};

/* Long layout: header names (case-folded) of each role. */
typedef struct {
  TrColumnRole role;
  const char *names[10];
} LongHeader;

static const LongHeader long_headers[] = {
  { TR_COLUMN_SOURCE, { "source", NULL } },
  { TR_COLUMN_COUNTRY, { "country", "pays", "land", "geo", "country_code", "iso", NULL } },
  { TR_COLUMN_YEAR, { "year", "année", "annee", "jahr", "time_period", "period", "période",
                      "periode", NULL } },
  { TR_COLUMN_MEASURE, { "measure", "mesure", "indicator", NULL } },
  { TR_COLUMN_VALUE, { "value", "valeur", "wert", "obs_value", NULL } },
  { TR_COLUMN_NOTE, { "note", "notes", "remark", "remarks", "remarque", "remarques", "obs_flag", NULL } },
};

static const struct {
  const char *name;
  TrColumnRole role;
} role_names[] = {
  { "count", TR_COLUMN_COUNT },     { "breakdown", TR_COLUMN_BREAKDOWN },
  { "text", TR_COLUMN_TEXT },       { "ignore", TR_COLUMN_IGNORE },
  { "country", TR_COLUMN_COUNTRY }, { "ratio", TR_COLUMN_RATIO },
};

/* Lower-cased, trimmed header text with footnote superscripts dropped. */
static char *
header_key (const char *header)
{
  g_autoptr (GString) kept = g_string_new (NULL);
  for (const char *p = header; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* Superscript digits such as ¹¹ are footnote markers. */
      if (c == 0x00B9 || c == 0x00B2 || c == 0x00B3 || (c >= 0x2070 && c <= 0x2079))
        continue;
      g_string_append_unichar (kept, c);
    }
  g_autofree char *folded = g_utf8_casefold (kept->str, -1);
  return g_strdup (g_strstrip (folded));
}

static gboolean
name_in (const char *key, const char *const *names, gsize n_names)
{
  for (gsize i = 0; i < n_names && names[i] != NULL; i++)
    if (strcmp (key, names[i]) == 0)
      return TRUE;
  return FALSE;
}

int
tr_layout_header_year (const char *header)
{
  int found = 0;
  gsize n = strlen (header);
  for (gsize i = 0; i + 4 <= n; i++)
    {
      if (!g_ascii_isdigit (header[i]) || (i > 0 && g_ascii_isdigit (header[i - 1])))
        continue;
      gsize run = 0;
      while (i + run < n && g_ascii_isdigit (header[i + run]))
        run++;
      if (run == 4)
        {
          int year = (int) g_ascii_strtoll (header + i, NULL, 10);
          if (year >= 1900 && year <= 2099)
            {
              if (found != 0 && found != year)
                return -1;
              found = year;
            }
        }
      i += run - 1;
    }
  return found;
}

/* The phrase for one parsed text, or NULL when it is one whole calendar year, unmarked, or
 * no period at all. */
static char *
phrase_of (const char *text, const TrPeriodOptions *options, const char **unsupported,
           TrPeriod *part)
{
  TrPeriod p;
  gboolean provisional = FALSE;
  g_autoptr (GError) inner = NULL;
  if (!tr_period_parse (text, options, &p, &provisional, &inner))
    {
      if (g_error_matches (inner, TR_PERIOD_ERROR, TR_PERIOD_ERROR_FISCAL))
        {
          *unsupported = "or a layout file saying when the fiscal year starts, for it is "
                         "never a calendar year: [layout] fiscal-year-start = 7 for July, see "
                         "docs/layout-files.md";
          return g_strdup ("a fiscal or split year");
        }
      if (g_error_matches (inner, TR_PERIOD_ERROR, TR_PERIOD_ERROR_AMBIGUOUS))
        {
          *unsupported = "write a month as 'March 2011', a split year as '2011/12'";
          return g_strdup ("a month or a split year");
        }
      return NULL;
    }
  int year = 0;
  if (tr_period_is_year (p, &year))
    {
      if (!provisional)
        return NULL;
      *part = p;
      *unsupported = "a provisional mark cannot be kept yet";
      return g_strdup_printf ("a provisional figure for %d", year);
    }
  g_autofree char *shown = tr_period_describe (p);
  int first = tr_period_first_year (p);
  int month0 = p.start % 12;
  const char *mark = provisional ? ", marked provisional" : "";
  *unsupported = "a provisional mark is read on a whole year only";
  /* Any other period, unmarked, is read as itself. */
  if (!provisional)
    *part = p;
  if (month0 == 0 && p.months % 12 == 0)
    return g_strdup_printf ("several years together (%s)%s", shown, mark);
  if (p.months == 3 && month0 % 3 == 0)
    return g_strdup_printf ("a quarter of %d (%s)%s", first, shown, mark);
  if (p.months == 6 && month0 % 6 == 0)
    return g_strdup_printf ("a half of %d (%s)%s", first, shown, mark);
  if (p.months == 1)
    return g_strdup_printf ("a month of %d (%s)%s", first, shown, mark);
  if ((p.start + p.months - 1) / 12 == first)
    return g_strdup_printf ("some months of %d (%s)%s", first, shown, mark);
  return g_strdup_printf ("months across two years (%s)%s", shown, mark);
}

gboolean
tr_layout_period_is_part (TrPeriod period)
{
  return period.months > 0 && period.months < 12
         && (period.start + period.months - 1) / 12 == period.start / 12;
}

char *
tr_layout_period_phrase (const char *text, const TrPeriodOptions *options,
                         const char **unsupported, TrPeriod *part)
{
  TrPeriod none = { 0, 0 };
  if (part == NULL)
    part = &none;
  *part = none;
  char *whole = phrase_of (text, options, unsupported, part);
  if (whole != NULL)
    return whole;
  /* A header says more than its period ("Reports in Q1 2024"): try its runs of words. */
  g_auto (GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  guint n = g_strv_length (words);
  for (guint len = 1; len <= 4 && len < n; len++)
    for (guint from = 0; from + len <= n; from++)
      {
        g_autoptr (GString) run = g_string_new (NULL);
        gboolean digit = FALSE;
        for (guint k = from; k < from + len; k++)
          {
            if (words[k][0] == '\0')
              continue;
            if (run->len > 0)
              g_string_append_c (run, ' ');
            g_string_append (run, words[k]);
            for (const char *c = words[k]; *c != '\0'; c++)
              digit |= g_ascii_isdigit (*c);
          }
        if (!digit)
          continue;
        char *phrase = phrase_of (run->str, options, unsupported, part);
        if (phrase != NULL)
          return phrase;
      }
  return NULL;
}

void
tr_layout_free (TrLayout *layout)
{
  if (layout == NULL)
    return;
  for (guint i = 0; i < layout->n_columns; i++)
    {
      g_free (layout->columns[i].measure);
      g_strfreev (layout->columns[i].parts);
      g_strfreev (layout->columns[i].units);
      g_strfreev (layout->columns[i].unit_measures);
    }
  g_free (layout->columns);
  g_free (layout->source);
  g_free (layout->measure);
  g_free (layout->on_duplicate);
  g_free (layout->fixed_country);
  g_free (layout);
}

GKeyFile *
tr_layout_file_load (const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) inner = NULL;
  g_autofree char *bytes = NULL;
  gsize n = 0;
  if (g_file_get_contents (path, &bytes, &n, &inner))
    {
      /* Every byte is checked before GLib parses it: a value with an invalid byte would
       * otherwise be dropped by the lookups and its default used. */
      if (!tr_csv_check_encoding (path, bytes, n, error))
        return NULL;
      g_key_file_load_from_data (file, bytes, n, G_KEY_FILE_NONE, &inner);
    }
  if (inner != NULL)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, path, 0, 0,
                          "cannot read the layout file: %s", inner->message);
      return NULL;
    }
  /* A value that GKeyFile cannot read as text (a bad escape such as "\q") would be dropped
   * silently by every lookup and its default used: refuse it here, whatever the key. */
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);
  for (char **group = groups; *group != NULL; group++)
    {
      g_auto (GStrv) keys = g_key_file_get_keys (file, *group, NULL, NULL);
      for (char **key = keys; keys != NULL && *key != NULL; key++)
        {
          g_autofree char *value = g_key_file_get_string (file, *group, *key, &inner);
          if (value != NULL)
            continue;
          g_autofree char *raw = g_key_file_get_value (file, *group, *key, NULL);
          g_autofree char *shown = tr_input_excerpt (raw, 60);
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, path, 0, 0,
                              "[%s] %s = %s: %s; expected text (a backslash only in \\s, "
                              "\\n, \\t, \\r or \\\\)",
                              *group, *key, shown, inner->message);
          return NULL;
        }
    }
  return g_steal_pointer (&file);
}

/* One whole-number key of [layout] into *value, when present. */
static gboolean
frame_key (GKeyFile *hints, const char *hints_path, const char *name, guint64 min,
           guint *value, GError **error)
{
  g_autofree char *text = g_key_file_get_string (hints, "layout", name, NULL);
  if (text == NULL)
    return TRUE;
  guint64 number = 0;
  g_strstrip (text);
  if (!g_ascii_string_to_unsigned (text, 10, min, G_MAXUINT, &number, NULL))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                          "[layout] %s = %s; expected a whole number from %" G_GUINT64_FORMAT,
                          name, text, min);
      return FALSE;
    }
  *value = (guint) number;
  return TRUE;
}

gboolean
tr_layout_file_frame (GKeyFile *hints, const char *hints_path, TrCsvFrame *frame,
                      GError **error)
{
  return frame_key (hints, hints_path, "header-line", 1, &frame->header_line, error)
         && frame_key (hints, hints_path, "notes-below", 0, &frame->notes_below, error);
}

/* The column a layout file names by header text or 1-based number; 0 when none matches. */
static guint
find_column (const TrRow *header, const char *wanted)
{
  char *end = NULL;
  guint64 number = g_ascii_strtoull (wanted, &end, 10);
  if (end != wanted && *end == '\0')
    return number >= 1 && number <= header->n_cells ? (guint) number : 0;
  g_autofree char *wanted_key = header_key (wanted);
  for (guint i = 0; i < header->n_cells; i++)
    {
      g_autofree char *key = header_key (header->cells[i].text);
      if (strcmp (key, wanted_key) == 0)
        return i + 1;
    }
  return 0;
}

/* Finds the long layout's columns among those the layout file left unassigned; TRUE when
 * the table has (or the layout file gave) a year and a value column, and a country column
 * or a fixed country. */
static gboolean
detect_long (const TrRow *header, TrLayout *layout, const gboolean *assigned)
{
  gboolean has[TR_COLUMN_NOTE + 1] = { FALSE };
  for (guint i = 0; i < header->n_cells; i++)
    if (assigned[i])
      has[layout->columns[i].role] = TRUE;
  for (guint i = 0; i < header->n_cells; i++)
    {
      if (assigned[i])
        continue;
      g_autofree char *key = header_key (header->cells[i].text);
      for (gsize k = 0; k < G_N_ELEMENTS (long_headers); k++)
        if (!has[long_headers[k].role]
            && name_in (key, long_headers[k].names, G_N_ELEMENTS (long_headers[k].names)))
          {
            layout->columns[i].role = long_headers[k].role;
            has[long_headers[k].role] = TRUE;
            break;
          }
    }
  return (has[TR_COLUMN_COUNTRY] || layout->fixed_country != NULL) && has[TR_COLUMN_YEAR]
         && has[TR_COLUMN_VALUE];
}

/* Refuses column i when its header names a period other than a whole calendar year, or, when
 * `part` is not NULL, a period the table cannot read (tr_layout_period_phrase()); *part is
 * then set to the period it names ({ 0, 0 } for the whole year). */
static gboolean
check_period (const TrCsv *csv, const TrLayout *layout, guint i, TrPeriod *part,
              GError **error)
{
  const TrRow *header = g_ptr_array_index (csv->rows, 0);
  const char *unsupported = NULL;
  g_autofree char *key = header_key (header->cells[i].text);
  TrPeriod found;
  g_autofree char *phrase
      = tr_layout_period_phrase (key, &layout->periods, &unsupported, &found);
  if (part != NULL)
    *part = found;
  if (phrase == NULL || (part != NULL && found.months > 0))
    return TRUE;
  g_autofree char *shown = tr_input_excerpt (header->cells[i].text, 60);
  tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, i + 1,
                      "found the column '%s', which seems to hold %s; expected a whole "
                      "calendar year (%s)",
                      shown, phrase, unsupported);
  return FALSE;
}

gboolean
tr_layout_is_measure_name (const char *name)
{
  if (name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* Reads [column N] unit = UNIT[: MEASURE]; …: the units a count column's cells may print
 * after their figure, each with the measure of the figures printed with it. */
static gboolean
read_units (GKeyFile *hints, const char *hints_path, const char *group, TrColumn *column,
            GError **error)
{
  g_autofree char *text = g_key_file_get_string (hints, group, "unit", NULL);
  g_auto (GStrv) entries = g_key_file_get_string_list (hints, group, "unit", NULL, NULL);
  if (column->role != TR_COLUMN_COUNT || column->sum || entries == NULL || entries[0] == NULL)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                          "[%s] unit = %s; expected units on a count column that is not part "
                          "of a sum, separated by ';', each optionally followed by ': measure'",
                          group, text != NULL ? text : "");
      return FALSE;
    }
  guint n = g_strv_length (entries);
  column->units = g_new0 (char *, n + 1);
  column->unit_measures = g_new0 (char *, n + 1);
  for (guint k = 0; k < n; k++)
    {
      char *colon = strrchr (entries[k], ':');
      g_autofree char *measure = g_strdup (colon != NULL ? colon + 1 : "");
      if (colon != NULL)
        *colon = '\0';
      g_strstrip (measure);
      column->units[k] = g_strstrip (g_strdup (entries[k]));
      column->unit_measures[k] = g_steal_pointer (&measure);
      if (column->units[k][0] == '\0'
          || (colon != NULL && !tr_layout_is_measure_name (column->unit_measures[k])))
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                              "[%s] unit = %s: found the entry '%s'; expected a unit, "
                              "optionally followed by ': measure' (lower-case letters, digits "
                              "and '_')",
                              group, text, entries[k]);
          return FALSE;
        }
    }
  return TRUE;
}

/* Applies the [layout] group and every [column N] group of a layout file. */
static gboolean
apply_hints (const TrCsv *csv, GKeyFile *hints, const char *hints_path, TrLayout *layout,
             gboolean *assigned, GError **error)
{
  const TrRow *header = g_ptr_array_index (csv->rows, 0);
  layout->source = g_key_file_get_string (hints, "layout", "source", NULL);
  layout->measure = g_key_file_get_string (hints, "layout", "measure", NULL);
  /* An empty name would file every figure under "": refuse it. */
  const char *const names[] = { "source", "measure" };
  const char *values[] = { layout->source, layout->measure };
  for (gsize k = 0; k < G_N_ELEMENTS (names); k++)
    if (values[k] != NULL && g_strstrip ((char *) values[k])[0] == '\0')
      {
        tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                            "[layout] %s is empty; expected a name, or no %s key for the "
                            "default",
                            names[k], names[k]);
        return FALSE;
      }
  layout->on_duplicate = g_key_file_get_string (hints, "layout", "on-duplicate", NULL);
  /* A file of the user's is cited as itself, by its path or its --label (catalogue.h). */
  if (g_key_file_has_key (hints, "layout", "table", NULL))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                          "found [layout] table; expected no table key: outputs cite a file "
                          "by its path as given, or by the --label given right after it");
      return FALSE;
    }

  layout->fixed_country = g_key_file_get_string (hints, "layout", "fixed-country", NULL);
  if (g_key_file_has_key (hints, "layout", "fiscal-year-start", NULL))
    {
      g_autofree char *text = g_key_file_get_string (hints, "layout", "fiscal-year-start", NULL);
      guint64 month = 0;
      if (text == NULL
          || !g_ascii_string_to_unsigned (g_strstrip (text), 10, 1, 12, &month, NULL))
        {
          g_autofree char *shown = tr_input_excerpt (text != NULL ? text : "", 60);
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                              "[layout] fiscal-year-start = %s; expected the month a fiscal "
                              "year starts in, from 1 (January) to 12 (December)",
                              shown);
          return FALSE;
        }
      layout->periods.fiscal_first_month = (int) month;
    }

  /* Columns [layout] names by header text or number. */
  static const struct {
    const char *key;
    TrColumnRole role;
  } named[] = {
    { "country", TR_COLUMN_COUNTRY },
    { "year-column", TR_COLUMN_YEAR },
    { "value-column", TR_COLUMN_VALUE },
  };
  for (gsize k = 0; k < G_N_ELEMENTS (named); k++)
    {
      g_autofree char *wanted = g_key_file_get_string (hints, "layout", named[k].key, NULL);
      if (wanted == NULL)
        continue;
      if (named[k].role == TR_COLUMN_COUNTRY && layout->fixed_country != NULL)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                              "found both [layout] country = %s and fixed-country = %s; "
                              "expected one: a country column, or one country for every row",
                              wanted, layout->fixed_country);
          return FALSE;
        }
      guint col = find_column (header, wanted);
      if (col == 0)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                              "[layout] %s = %s names no column of %s; expected a "
                              "header text or a column number from 1 to %u",
                              named[k].key, wanted, csv->path, header->n_cells);
          return FALSE;
        }
      if (assigned[col - 1])
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                              "[layout] %s = %s names column %u, which [layout] already "
                              "gives another role; expected a column of its own",
                              named[k].key, wanted, col);
          return FALSE;
        }
      layout->columns[col - 1].role = named[k].role;
      assigned[col - 1] = TRUE;
    }

  g_auto (GStrv) groups = g_key_file_get_groups (hints, NULL);
  for (char **group = groups; *group != NULL; group++)
    {
      if (strcmp (*group, "layout") == 0)
        continue;
      guint64 number = 0;
      if (!g_str_has_prefix (*group, "column ")
          || !g_ascii_string_to_unsigned (*group + 7, 10, 1, header->n_cells, &number, NULL))
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                              "found the group [%s]; expected [layout] or [column N] with N "
                              "from 1 to %u (the columns of %s)",
                              *group, header->n_cells, csv->path);
          return FALSE;
        }
      guint i = (guint) number - 1;
      TrColumn *column = &layout->columns[i];
      if (assigned[i])
        {
          /* [column 6] and [column 06], or the country column again. */
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                              "found column %u described twice ([%s]); expected one "
                              "description per column",
                              i + 1, *group);
          return FALSE;
        }
      g_autofree char *expect = g_key_file_get_string (hints, *group, "header", NULL);
      if (expect != NULL)
        {
          g_autofree char *a = header_key (expect);
          g_autofree char *b = header_key (header->cells[i].text);
          if (strcmp (a, b) != 0)
            {
              tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line,
                                  i + 1,
                                  "found the header '%s'; expected '%s', as the layout file "
                                  "%s says: is it the layout of another table?",
                                  header->cells[i].text, expect, hints_path);
              return FALSE;
            }
        }
      g_autofree char *kind = g_key_file_get_string (hints, *group, "kind", NULL);
      column->role = TR_COLUMN_COUNT;
      if (kind != NULL)
        {
          gsize k = 0;
          while (k < G_N_ELEMENTS (role_names) && strcmp (kind, role_names[k].name) != 0)
            k++;
          if (k == G_N_ELEMENTS (role_names))
            {
              tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                                  "[%s] kind = %s; expected count, breakdown, ratio, text, "
                                  "ignore or country",
                                  *group, kind);
              return FALSE;
            }
          column->role = role_names[k].role;
        }
      if (column->role == TR_COLUMN_COUNT || column->role == TR_COLUMN_BREAKDOWN
          || column->role == TR_COLUMN_RATIO)
        {
          int year = tr_layout_header_year (header->cells[i].text);
          /* A year the layout file states is taken as stated; one read from the header
           * must be a whole calendar year. */
          if (g_key_file_has_key (hints, *group, "year", NULL))
            year = g_key_file_get_integer (hints, *group, "year", NULL);
          else if (year != 0 && !check_period (csv, layout, i, NULL, error))
            return FALSE;
          if (year < 1900 || year > 2099)
            {
              tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                                  "[%s] has no year between 1900 and 2099; expected "
                                  "year = YYYY",
                                  *group);
              return FALSE;
            }
          column->year = year;
          column->period = tr_period_year (year);
          column->measure = g_key_file_get_string (hints, *group, "measure", NULL);
        }
      if (g_key_file_has_key (hints, *group, "sum", NULL))
        {
          g_autoptr (GError) bad = NULL;
          column->sum = g_key_file_get_boolean (hints, *group, "sum", &bad);
          if (bad != NULL || (column->sum && column->role != TR_COLUMN_COUNT))
            {
              g_autofree char *text = g_key_file_get_string (hints, *group, "sum", NULL);
              if (bad != NULL)
                tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                                    "[%s] sum = %s; expected true or false", *group, text);
              else
                tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                                    "[%s] sum = %s on a column of kind %s; expected sum only "
                                    "on count columns",
                                    *group, text, kind);
              return FALSE;
            }
        }
      if (g_key_file_has_key (hints, *group, "unit", NULL)
          && !read_units (hints, hints_path, *group, column, error))
        return FALSE;
      if (column->role == TR_COLUMN_BREAKDOWN)
        {
          column->parts = g_key_file_get_string_list (hints, *group, "parts", NULL, NULL);
          if (column->parts == NULL)
            column->parts = g_strsplit ("girls;boys;unknown", ";", -1);
          /* A cell holds 2 or 3 parts: each needs a name, and a name of its own. */
          guint n_parts = g_strv_length (column->parts);
          gboolean parts_ok = n_parts >= 2 && n_parts <= 3;
          for (guint k = 0; parts_ok && k < n_parts; k++)
            {
              g_strstrip (column->parts[k]);
              parts_ok = column->parts[k][0] != '\0';
              for (guint j = 0; parts_ok && j < k; j++)
                parts_ok = strcmp (column->parts[j], column->parts[k]) != 0;
            }
          if (!parts_ok)
            {
              g_autofree char *raw = g_key_file_get_value (hints, *group, "parts", NULL);
              g_autofree char *shown = tr_input_excerpt (raw, 60);
              tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                                  "[%s] parts = %s; expected 2 or 3 different part names "
                                  "separated by ';', such as girls;boys;unknown",
                                  *group, shown);
              return FALSE;
            }
        }
      assigned[i] = TRUE;
    }
  return TRUE;
}

static const char *
hint_advice (void)
{
  return "write a layout file (see docs/layout-files.md) and pass it with --reference-layout FILE or --declared-layout FILE";
}

TrLayout *
tr_layout_detect (const TrCsv *csv, GKeyFile *hints, const char *hints_path, GError **error)
{
  const TrRow *header = g_ptr_array_index (csv->rows, 0);
  g_autoptr (TrLayout) layout = g_new0 (TrLayout, 1);
  layout->n_columns = header->n_cells;
  layout->columns = g_new0 (TrColumn, header->n_cells);
  g_autofree gboolean *assigned = g_new0 (gboolean, header->n_cells);

  if (hints != NULL && !apply_hints (csv, hints, hints_path, layout, assigned, error))
    return NULL;

  /* A [column N] group that gives a column a year makes the table wide; [layout]
   * year-column or value-column makes it long. */
  gint wide_col = -1, long_col = -1;
  for (guint i = 0; i < header->n_cells; i++)
    {
      TrColumnRole role = layout->columns[i].role;
      if (assigned[i] && wide_col < 0
          && (role == TR_COLUMN_COUNT || role == TR_COLUMN_BREAKDOWN || role == TR_COLUMN_RATIO))
        wide_col = (gint) i;
      if (assigned[i] && long_col < 0 && (role == TR_COLUMN_YEAR || role == TR_COLUMN_VALUE))
        long_col = (gint) i;
    }
  if (wide_col >= 0 && long_col >= 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, hints_path, 0, 0,
                          "found [column %d], a year's column (a wide table), and [layout] "
                          "naming column %d as the year or value column (a long table); "
                          "expected one kind of table",
                          wide_col + 1, long_col + 1);
      return NULL;
    }
  if (wide_col < 0 && detect_long (header, layout, assigned))
    {
      for (guint i = 0; i < header->n_cells; i++)
        if (layout->columns[i].role == TR_COLUMN_COUNTRY && layout->fixed_country != NULL)
          {
            tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, i + 1,
                                "found the country column '%s' and [layout] fixed-country = "
                                "%s in %s; expected one: remove fixed-country, or say "
                                "[column %u] kind = ignore",
                                header->cells[i].text, layout->fixed_country, hints_path, i + 1);
            return NULL;
          }
      layout->kind = TR_LAYOUT_LONG;
      return g_steal_pointer (&layout);
    }
  if (long_col >= 0)
    {
      gboolean has_year = FALSE, has_value = FALSE;
      for (guint i = 0; i < header->n_cells; i++)
        {
          has_year |= layout->columns[i].role == TR_COLUMN_YEAR;
          has_value |= layout->columns[i].role == TR_COLUMN_VALUE;
        }
      const char *missing = !has_year ? "the year" : !has_value ? "the value" : "the country";
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, 1,
                          "found no column for %s of a long table; expected a column named as "
                          "in docs/layout-files.md, or [layout] year-column, value-column, "
                          "country or fixed-country in %s",
                          missing, hints_path);
      return NULL;
    }
  for (guint i = 0; i < header->n_cells; i++)
    if (!assigned[i])
      layout->columns[i].role = TR_COLUMN_TEXT;
  layout->kind = TR_LAYOUT_WIDE;

  /* Year columns. */
  guint n_years = 0;
  for (guint i = 0; i < header->n_cells; i++)
    {
      if (assigned[i])
        {
          n_years += layout->columns[i].role == TR_COLUMN_COUNT
                     || layout->columns[i].role == TR_COLUMN_BREAKDOWN
                     || layout->columns[i].role == TR_COLUMN_RATIO;
          continue;
        }
      int year = tr_layout_header_year (header->cells[i].text);
      TrPeriod part = { 0, 0 };
      if (year != 0 && !check_period (csv, layout, i, &part, error))
        return NULL;
      /* A span of years, or months across two years ("Jul 2023-Jun 2024", a fiscal year):
       * a figure for that period, filed under its first year. */
      if (part.months > 0)
        year = tr_period_first_year (part);
      if (year < 0)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, i + 1,
                              "found the header '%s' naming two different years; expected "
                              "one year per column: %s",
                              header->cells[i].text, hint_advice ());
          return NULL;
        }
      if (year > 0)
        {
          layout->columns[i].role = TR_COLUMN_COUNT;
          layout->columns[i].year = year;
          /* A part of the year is one part of the year's figure, which the parts make only
           * when they tile it. */
          /* A whole year marked provisional is the year, its figures marked. */
          layout->columns[i].provisional = tr_period_is_year (part, NULL);
          /* Any other period is a figure of its own, the years it covers read from it none
           * (TR_MISSING_OTHER_PERIOD, see dataset.c). */
          layout->columns[i].period = part.months > 0 ? part : tr_period_year (year);
          if (!tr_layout_period_is_part (part))
            part = (TrPeriod) { 0, 0 };
          layout->columns[i].part = part;
          layout->columns[i].sum = part.months > 0;
          n_years++;
        }
    }
  if (n_years == 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, 1,
                          "found no year in any header cell; expected a wide table with one "
                          "column per year (a header such as '2022' or 'Reports in 2022') or a "
                          "long table with the columns country, year and value");
      return NULL;
    }
  /* Two columns of one year and measure cannot both be counted without being told which
   * holds what, or that they are parts of one figure. (A hash table: a header may have
   * 100 000 columns.) */
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint *last_part = g_new0 (guint, header->n_cells); /* by first part: last one */
  for (guint j = 0; j < header->n_cells; j++)
    {
      TrColumn *b = &layout->columns[j];
      if (b->role != TR_COLUMN_COUNT)
        continue;
      /* Parts of a year share the year's key (they are the parts of its sum); any other
       * period is a key of its own ("2022-2024" beside "2022"). */
      TrPeriod keyed = b->part.months > 0 ? tr_period_year (b->year) : b->period;
      char *key = g_strdup_printf ("%d:%d\x1f%s", keyed.start, keyed.months,
                                   b->measure != NULL ? b->measure : "");
      gpointer first_col = NULL;
      if (!g_hash_table_lookup_extended (seen, key, NULL, &first_col))
        {
          g_hash_table_insert (seen, key, GUINT_TO_POINTER (j));
          b->sum_first = j + 1;
          last_part[j] = j;
          continue;
        }
      g_free (key);
      guint i = GPOINTER_TO_UINT (first_col);
      const TrColumn *a = &layout->columns[i];
      if ((a->part.months > 0) != (b->part.months > 0))
        {
          guint whole = a->part.months > 0 ? j : i, piece = a->part.months > 0 ? i : j;
          g_autofree char *described = tr_period_describe (layout->columns[piece].part);
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line,
                              MAX (i, j) + 1,
                              "found the column '%s' (column %u) for the whole of %d and the "
                              "column '%s' (column %u) for a part of it (%s); expected one "
                              "or the other: a figure for the year, or figures for parts "
                              "that make up the year",
                              header->cells[whole].text, whole + 1, b->year,
                              header->cells[piece].text, piece + 1, described);
          return NULL;
        }
      if (a->sum && b->sum)
        {
          b->sum_first = i + 1;
          layout->columns[last_part[i]].sum_next = j + 1;
          last_part[i] = j;
          continue;
        }
      const char *measure = b->measure != NULL ? b->measure : layout->measure;
      g_autofree char *what = measure != NULL ? g_strdup_printf ("%s %d", measure, b->year)
                                              : g_strdup_printf ("%d", b->year);
      if (a->sum || b->sum)
        {
          guint lacking = a->sum ? j : i;
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, lacking + 1,
                              "found '%s' (column %u) in the sum for %s without sum = true; "
                              "expected every part of the sum marked: add sum = true to "
                              "[column %u] in %s, or give it another year or measure",
                              header->cells[lacking].text, lacking + 1, what, lacking + 1,
                              hints_path);
          return NULL;
        }
      if (assigned[i] && assigned[j])
        tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, j + 1,
                            "found two columns for %s, '%s' (column %u) and '%s' (column "
                            "%u); expected one column per year and measure: to add them up "
                            "into one figure, write sum = true in both [column %u] and "
                            "[column %u] of %s; else give each its own measure = …",
                            what, header->cells[i].text, i + 1,
                            header->cells[j].text, j + 1, i + 1, j + 1, hints_path);
      else
        tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, j + 1,
                            "found two columns for %d, '%s' (column %u) and '%s' (column %u); "
                            "expected one column per year and measure: say what each holds "
                            "([column %u] measure = …) or that they add up into one figure "
                            "(sum = true in [column %u] and in [column %u]): %s",
                            b->year, header->cells[i].text, i + 1, header->cells[j].text, j + 1,
                            j + 1, i + 1, j + 1, hint_advice ());
      return NULL;
    }
  /* The parts of each year: do they make it up exactly? */
  for (guint i = 0; i < header->n_cells; i++)
    {
      TrColumn *first = &layout->columns[i];
      if (first->role != TR_COLUMN_COUNT || first->part.months == 0 || first->sum_first != i + 1)
        continue;
      g_autoptr (GArray) parts = g_array_new (FALSE, FALSE, sizeof (TrPeriod));
      for (guint k = i + 1; k > 0; k = layout->columns[k - 1].sum_next)
        g_array_append_val (parts, layout->columns[k - 1].part);
      first->partial = !tr_period_tiles ((const TrPeriod *) (void *) parts->data, parts->len,
                                         tr_period_year (first->year));
    }

  /* The country column. */
  for (guint i = 0; i < header->n_cells; i++)
    if (layout->columns[i].role == TR_COLUMN_COUNTRY)
      return g_steal_pointer (&layout);
  if (layout->fixed_country != NULL)
    return g_steal_pointer (&layout);
  int first = -1, second = -1;
  for (guint i = 0; i < header->n_cells; i++)
    {
      if (layout->columns[i].role != TR_COLUMN_TEXT)
        continue;
      g_autofree char *key = header_key (header->cells[i].text);
      if (!name_in (key, country_headers, G_N_ELEMENTS (country_headers)))
        continue;
      if (first < 0)
        first = (int) i;
      else if (second < 0)
        second = (int) i;
    }
  if (second >= 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line,
                          (guint) second + 1,
                          "found two country columns, '%s' (column %d) and '%s' (column %d); "
                          "expected one: say which to use ([layout] country = %s): %s",
                          header->cells[first].text, first + 1, header->cells[second].text,
                          second + 1, header->cells[first].text, hint_advice ());
      return NULL;
    }
  if (first < 0)
    for (guint i = 0; i < header->n_cells && first < 0; i++)
      if (layout->columns[i].role == TR_COLUMN_TEXT)
        first = (int) i;
  if (first < 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, 1,
                          "found no column for the country; expected a column such as "
                          "'Country' or 'Pays' beside the year columns");
      return NULL;
    }
  layout->columns[first].role = TR_COLUMN_COUNTRY;
  return g_steal_pointer (&layout);
}
