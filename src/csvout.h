/* csvout.h — writing RFC 4180 CSV fields with libcsv, safe to open in a spreadsheet. */
#pragma once

#include <stdio.h>

#include <glib.h>

/* Writes one field to `out`, preceded by a comma unless `first`. The field is quoted (by
 * libcsv) only when it holds a comma, a quote, CR or LF. When `text` is TRUE the field is
 * free text: invalid UTF-8 is replaced by U+FFFD, a control character (but TAB, CR, LF) is
 * shown as "<U+001B>", and every part a spreadsheet could read as a formula gets an
 * apostrophe in front: the start of the field and whatever follows a ',', ';', TAB, CR or
 * LF (a spreadsheet set for ';' or tabs splits the field there), when it starts, after any
 * spaces, with '=', '+', '-' or '@', or starts with TAB or CR ("x;=1+1" is written
 * "x;'=1+1"). Numbers are written with text FALSE. */
void tr_csv_write_field (FILE *out, const char *field, gboolean first, gboolean text);

/* Writes a whole row of text or numeric fields (NULL-terminated vector) and a LF. */
void tr_csv_write_row (FILE *out, const char *const *fields, gboolean text);
