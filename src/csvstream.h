/* csvstream.h — a delimited text file of any size read once, a chunk at a time, each row
 * handed over with its line as it is parsed: for lists of millions of records, which the
 * table reader (csvread.h, 64 MiB, read twice) is not made for.
 *
 * Ownership: nothing is kept; a row's fields live only for the call that receives them. */
#pragma once

#include <glib.h>

typedef struct {
  const char *text; /* UTF-8, NUL-terminated; leading and trailing ASCII spaces of an
                       unquoted field dropped */
  gsize len;
} TrField;

/* Called with the header (the first non-blank row), then with each later non-blank row, in
 * file order. `line` is the physical line (1-based) on which the row starts. Returning FALSE
 * (with `error` set) stops the reading; that error is the reading's. */
typedef gboolean (*TrStreamRowFunc) (const TrField *fields, guint n_fields, guint line,
                                     gpointer data, GError **error);

/* Reads `path` (a regular file or a character device; called `name` in messages, NULL:
 * `path`) once, one chunk of TR_CSV_CHUNK_BYTES at a time: UTF-8 with or without BOM, LF,
 * CRLF or CR line ends, the delimiter (',', ';' or TAB) the one most frequent on the first
 * line outside quotes, RFC 4180 quoting. Blank rows are read past. Every row must have as many
 * fields as the header. Memory is a chunk and the longest row, whatever the file's size.
 * On success returns TRUE and the number of data rows (the header not counted) in *n_rows
 * (may be NULL). Returns FALSE with a TR_INPUT_ERROR ("NAME:LINE:COLUMN: found …; expected
 * …") for: a file that cannot be read, a directory, a pipe, invalid UTF-8, a NUL byte, an
 * empty file (no header), an unterminated or stray quote, a ragged row, more lines than a
 * guint counts, or the first error of a callback. */
gboolean tr_csv_stream (const char *path, const char *name, TrStreamRowFunc on_header,
                        TrStreamRowFunc on_row, gpointer data, guint64 *n_rows,
                        GError **error);
