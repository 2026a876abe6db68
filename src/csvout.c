/* csvout.c — CSV fields written with libcsv's quoting, and formula neutralisation. */
#include "config.h"

#include "csvout.h"

#include <csv.h>
#include <string.h>

#include "escape.h"

/* Where a spreadsheet may start a cell: at the start of the field and after any character a
 * spreadsheet may use as a list separator or a line end, whatever this file's delimiter
 * (a French or German spreadsheet splits at ';'). */
static gboolean
starts_cell (const char *field, const char *p)
{
  return p == field || strchr (",;\t\r\n", p[-1]) != NULL;
}

/* Whether the cell starting at p would be read as a formula: its first character other than
 * a space is '=', '+', '-' or '@', or it starts with TAB or CR. */
static gboolean
starts_formula (const char *p)
{
  if (*p == '\t' || *p == '\r')
    return TRUE;
  while (*p == ' ')
    p++;
  return *p != '\0' && strchr ("=+-@", *p) != NULL;
}

/* `field` with an apostrophe at the start of every cell a spreadsheet could read as a
 * formula; newly allocated, valid UTF-8, control characters shown as "<U+001B>". */
static char *
neutralise (const char *field)
{
  g_autofree char *valid = tr_escape_visible (field);
  GString *out = g_string_sized_new (strlen (valid) + 1);
  for (const char *p = valid; *p != '\0'; p++)
    {
      if (starts_cell (valid, p) && starts_formula (p))
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

void
tr_csv_write_field (FILE *out, const char *field, gboolean first, gboolean text)
{
  if (!first)
    fputc (',', out);
  if (field == NULL)
    return;
  g_autofree char *safe = NULL;
  if (text)
    field = safe = neutralise (field);
  if (strpbrk (field, ",\"\r\n") == NULL)
    fputs (field, out);
  else
    csv_fwrite (out, field, strlen (field));
}

void
tr_csv_write_row (FILE *out, const char *const *fields, gboolean text)
{
  for (guint i = 0; fields[i] != NULL; i++)
    tr_csv_write_field (out, fields[i], i == 0, text);
  fputc ('\n', out);
}
