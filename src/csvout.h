/* csvout.h — writing RFC 4180 CSV fields with libcsv, safe to open in a spreadsheet. */
#pragma once

#include <stdio.h>

#include <glib.h>

/* Writes one field to `out`, preceded by a comma unless `first`. The field is quoted (by
 * libcsv) only when it holds a comma, a quote, CR or LF. When `text` is TRUE the field is
 * free text, and one that a spreadsheet would read as a formula (first character '=', '+',
 * '-', '@', TAB or CR) is prefixed with an apostrophe; numbers are written with text FALSE. */
void tr_csv_write_field (FILE *out, const char *field, gboolean first, gboolean text);

/* Writes a whole row of text or numeric fields (NULL-terminated vector) and a LF. */
void tr_csv_write_row (FILE *out, const char *const *fields, gboolean text);
