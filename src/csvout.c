/* csvout.c — CSV fields written with libcsv's quoting, and formula neutralisation. */
#include "config.h"

#include "csvout.h"

#include <csv.h>
#include <string.h>

void
tr_csv_write_field (FILE *out, const char *field, gboolean first, gboolean text)
{
  if (!first)
    fputc (',', out);
  if (field == NULL)
    return;
  g_autofree char *safe = NULL;
  if (text && field[0] != '\0' && strchr ("=+-@\t\r", field[0]) != NULL)
    field = safe = g_strconcat ("'", field, NULL);
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
