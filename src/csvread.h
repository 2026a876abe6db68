/* csvread.h — reading one delimited text file into rows of cells, each with its line.
 *
 * Ownership: tr_csv_read() returns a TrCsv that owns everything in it (rows, cells, texts);
 * free it with tr_csv_free() (or g_autoptr (TrCsv)). The structs are open because the layout
 * and dataset stages read them directly; nothing outside this module writes to them. */
#pragma once

#include <glib.h>

/* Inputs larger than this are refused with an error naming the limit: tables of official
 * statistics are kilobytes; the limit keeps memory bounded on hostile input. It holds for
 * every kind of input: a regular file by its size, a device (/dev/zero) while it is read. */
#define TR_CSV_MAX_BYTES ((gsize) 64 * 1024 * 1024)

/* A regular file is read this many bytes at a time, twice (a first look, then the parse), and
 * never held whole; a device, which cannot be read twice, is held whole. The fuzzing build
 * makes it tiny (scripts/fuzz), so that every input crosses chunk boundaries. */
#ifndef TR_CSV_CHUNK_BYTES
#define TR_CSV_CHUNK_BYTES ((gsize) 1 << 20)
#endif

typedef struct {
  char *text;   /* UTF-8, NUL-terminated, never NULL ("" for an empty field); owned by the
                   TrCsv's string chunk */
  guint line;   /* physical line (1-based) on which the field starts */
} TrCell;

typedef struct {
  guint line;      /* physical line on which the row starts */
  guint n_cells;
  TrCell *cells;   /* in the same allocation as the row */
} TrRow;

typedef struct {
  char *path;       /* the name given by the caller: used in every message and provenance */
  char delimiter;   /* ',', ';' or '\t', detected from the header line */
  char *sha256;     /* hex digest of the file's bytes; NULL when the frame said no_checksum */
  gsize n_bytes;
  GPtrArray *rows;  /* TrRow *; rows[0] is the header; rows whose cells are all empty are
                       dropped; only the header when the rows were given to a row function */
  guint n_rows;     /* rows of the table, the header included (titles and notes not) */
} TrCsv;

/* Called once the header (csv->rows[0]) is read, before any data row. */
typedef gboolean (*TrCsvHeaderFunc) (const TrCsv *csv, gpointer data, GError **error);
/* Called with each data row of the table in file order; `row` (its cells and texts) lives only
 * for the call. */
typedef gboolean (*TrCsvRowFunc) (const TrCsv *csv, const TrRow *row, gpointer data,
                                  GError **error);

/* Where the table sits in its file, when lines above or below it are not part of it (a title
 * above the header, "Source: …" under the table). A layout file declares it. */
typedef struct {
  guint header_line;      /* physical line of the header; rows starting above it are titles,
                             read past. 0: the first non-blank row is the header */
  guint notes_below;      /* the last N rows of the file are notes under the table, read past */
  const char *layout_path; /* the layout file that declared this, named in errors */
  gboolean no_checksum;   /* TRUE: csv->sha256 is left NULL, for the caller prints no
                             checksum; a file of more than one chunk is checksummed all the
                             same, since it is read twice and must be found unchanged */
} TrCsvFrame;

/* Reads the file at `path`, calling it `name` (NULL: `path`) in messages: UTF-8 with or
 * without BOM, LF, CRLF or CR-only line ends (each one a line in positions), RFC 4180 quoting
 * (quoted fields may hold delimiters, doubled quotes and newlines). Leading and trailing spaces of
 * unquoted fields are dropped. Every row must have as many fields as the header.
 * Returns NULL with error set (TR_INPUT_ERROR, message "PATH:LINE:COLUMN: found …; expected …")
 * for: an unreadable path, a directory, a named pipe, more than TR_CSV_MAX_BYTES, a device
 * waiting for input (a terminal), not enough memory for the bytes, invalid UTF-8, a NUL byte,
 * an empty file, an unterminated quote, a stray quote, a ragged row (its message names the
 * layout key that would read past a title line or a note line). */
TrCsv *tr_csv_read (const char *path, const char *name, GError **error);

/* Same as tr_csv_read() on bytes already in memory; `path` is only used in messages. */
TrCsv *tr_csv_read_bytes (const char *path, const char *bytes, gsize n_bytes, GError **error);

/* Same as tr_csv_read() and tr_csv_read_bytes(), keeping only the table `frame` (NULL: the
 * whole file) says: the rows it reads past are dropped before rows are counted against the
 * header. A header line on which no row starts, or more note rows than the file has rows, is
 * an error naming the layout file. */
TrCsv *tr_csv_read_framed (const char *path, const char *name, const TrCsvFrame *frame,
                           GError **error);
TrCsv *tr_csv_read_bytes_framed (const char *path, const char *bytes, gsize n_bytes,
                                 const TrCsvFrame *frame, GError **error);

/* Same as tr_csv_read_framed() and tr_csv_read_bytes_framed(), handing the table over as it is
 * parsed instead of keeping its rows: `on_header` (may be NULL) once the header is read, then
 * `on_row` with every data row, the rows of a ragged table up to the first ragged one. Only the
 * header, the row being parsed and the last frame->notes_below rows are kept at any time.
 * Errors are those of tr_csv_read_framed(), and an error of `on_header` or `on_row` is reported
 * only when the file itself has none (no row is given after such an error): the messages are
 * those a read of the whole table before handing it over would give. The returned TrCsv has
 * only the header in its rows, and the count of rows in n_rows. */
TrCsv *tr_csv_read_each (const char *path, const char *name, const TrCsvFrame *frame,
                         TrCsvHeaderFunc on_header, TrCsvRowFunc on_row, gpointer data,
                         GError **error);
TrCsv *tr_csv_read_bytes_each (const char *path, const char *bytes, gsize n_bytes,
                               const TrCsvFrame *frame, TrCsvHeaderFunc on_header,
                               TrCsvRowFunc on_row, gpointer data, GError **error);

/* Checks `n` bytes are UTF-8 without NUL, as every input must be (CSV files, layout files).
 * Returns FALSE with a TR_INPUT_ERROR_ENCODING error naming `path`, the line and the byte in
 * it: "FILE:LINE:BYTE: found the byte 0xFF at byte BYTE of the line, which is not valid
 * UTF-8; …". */
gboolean tr_csv_check_encoding (const char *path, const char *bytes, gsize n, GError **error);

void tr_csv_free (TrCsv *csv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrCsv, tr_csv_free)
