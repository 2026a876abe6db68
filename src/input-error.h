/* input-error.h — the one error domain for rejected input, and its message shape.
 *
 * Every error about an input file reads `FILE:LINE:COLUMN: found …; expected …` so that a
 * person (or an editor) can jump to the cell. LINE is the physical line where the offending
 * row or cell starts (1-based); COLUMN is the 1-based field number in that row (a CSV file has
 * no meaningful character columns once quoting is involved), except for encoding errors where
 * it is the byte offset in the line, as the message says. */
#pragma once

#include <glib.h>

#define TR_INPUT_ERROR (tr_input_error_quark ())
GQuark tr_input_error_quark (void);

typedef enum {
  TR_INPUT_ERROR_IO,        /* cannot open or read, not a regular file, too large */
  TR_INPUT_ERROR_ENCODING,  /* invalid UTF-8, NUL byte */
  TR_INPUT_ERROR_SYNTAX,    /* CSV syntax: unterminated quote, ragged row, empty file */
  TR_INPUT_ERROR_LAYOUT,    /* header cannot be understood: no year, ambiguous columns */
  TR_INPUT_ERROR_VALUE,     /* a cell: bad number, unknown country, bad year */
  TR_INPUT_ERROR_DUPLICATE, /* the same (source, country, year, measure) twice */
} TrInputError;

/* Sets *error (if error is not NULL) to TR_INPUT_ERROR/code with the message
 * "FILE:LINE:COLUMN: " followed by the printf-style message. A line or column of 0 is left
 * out (e.g. "FILE: cannot open …"). */
void tr_input_error_set (GError **error, TrInputError code, const char *file, guint line,
                         guint column, const char *format, ...) G_GNUC_PRINTF (6, 7);

/* A short, one-line rendering of a cell for a message: at most `max_chars` characters
 * (then "…"), newlines and tabs shown as spaces. Newly allocated. */
char *tr_input_excerpt (const char *text, guint max_chars);
