/* csvread.c — libcsv driven one physical line at a time, so that every cell knows its line. */
#include "config.h"

#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input-error.h"

typedef struct {
  const char *path;
  guint cur_line;     /* line being fed to libcsv */
  guint field_line;   /* line on which the next field starts */
  GArray *cells;      /* TrCell of the row being built, reused from row to row */
  TrCsv *csv;
} ReadState;

void
tr_csv_free (TrCsv *csv)
{
  if (csv == NULL)
    return;
  g_free (csv->path);
  g_free (csv->sha256);
  g_ptr_array_unref (csv->rows);
  if (csv->strings != NULL)
    g_string_chunk_free (csv->strings);
  g_free (csv);
}

/* libcsv field callback: the field ended on cur_line; the next one starts there too, unless
 * the row ends here, which on_row() corrects. */
static void
on_field (void *text, size_t len, void *data)
{
  ReadState *st = data;
  TrCell cell = { g_string_chunk_insert_len (st->csv->strings, text != NULL ? text : "",
                                             text != NULL ? (gssize) len : 0),
                  st->field_line };
  g_array_append_val (st->cells, cell);
  st->field_line = st->cur_line;
}

static void
on_row (int terminator, void *data)
{
  (void) terminator;
  ReadState *st = data;
  st->field_line = st->cur_line + 1;
  guint n = st->cells->len;
  const TrCell *cells = (const TrCell *) (void *) st->cells->data;

  gboolean blank = TRUE;
  for (guint i = 0; i < n && blank; i++)
    blank = cells[i].text[0] == '\0';
  if (!blank)
    {
      /* One block per row, the cells right after the row: two allocations fewer per row
       * than separate arrays, which counts when a table has millions of rows. */
      TrRow *row = g_malloc (sizeof (TrRow) + n * sizeof (TrCell));
      row->line = n > 0 ? cells[0].line : st->cur_line;
      row->n_cells = n;
      row->cells = (TrCell *) (void *) (row + 1);
      memcpy (row->cells, cells, n * sizeof (TrCell));
      g_ptr_array_add (st->csv->rows, row);
    }
  g_array_set_size (st->cells, 0);
}

/* Only the ASCII space is trimmed: a tab may be the delimiter, and no-break spaces are part
 * of printed numbers, which the number parser handles. */
static int
is_space (unsigned char c)
{
  return c == ' ' ? 1 : 0;
}

/* The delimiter is whichever of ',', ';', TAB occurs most often outside quotes on the header
 * line; ties go to the earlier of that list. */
static char
detect_delimiter (const char *bytes, gsize n)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  for (gsize i = 0; i < n && (quoted || (bytes[i] != '\n' && bytes[i] != '\r')); i++)
    {
      if (bytes[i] == '"')
        quoted = !quoted;
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          counts[k] += bytes[i] == candidates[k];
    }
  guint best = 0;
  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;
  return candidates[best];
}

/* The length of the line starting at p, its line end included. A line ends with LF, CRLF or
 * a CR alone (old Mac files), as libcsv ends a row at any of them: every way of ending a row
 * also counts as a line, so that positions match what an editor shows. */
static gsize
line_length (const char *p, const char *end)
{
  gsize n = (gsize) (end - p);
  const char *nl = memchr (p, '\n', n);
  const char *cr = memchr (p, '\r', nl != NULL ? (gsize) (nl - p) : n);
  if (cr != NULL && cr + 1 != nl)
    return (gsize) (cr - p) + 1;
  return nl != NULL ? (gsize) (nl - p) + 1 : n;
}

/* Checks the bytes are UTF-8 without NUL; on failure names the line and the byte in it. */
static gboolean
check_encoding (const char *path, const char *bytes, gsize n, GError **error)
{
  const char *end = NULL;
  const char *nul = memchr (bytes, '\0', n);
  gboolean valid = g_utf8_validate_len (bytes, nul != NULL ? (gsize) (nul - bytes) : n, &end);
  if (valid && nul == NULL)
    return TRUE;

  const char *bad = valid ? nul : end;
  /* The lines partition the bytes: the one that runs past `bad` holds it. */
  guint line = 1;
  const char *line_start = bytes;
  for (gsize len = line_length (line_start, bytes + n); line_start + len <= bad;
       len = line_length (line_start, bytes + n))
    {
      line_start += len;
      line++;
    }
  guint byte = (guint) (bad - line_start) + 1;
  if (valid)
    tr_input_error_set (error, TR_INPUT_ERROR_ENCODING, path, line, byte,
                        "found a NUL byte at byte %u of the line; expected text", byte);
  else
    tr_input_error_set (error, TR_INPUT_ERROR_ENCODING, path, line, byte,
                        "found the byte 0x%02X at byte %u of the line, which is not valid UTF-8; "
                        "expected UTF-8 text (convert the file, e.g. with iconv)",
                        (guint) (unsigned char) *bad, byte);
  return FALSE;
}

gboolean
tr_csv_check_encoding (const char *path, const char *bytes, gsize n, GError **error)
{
  return check_encoding (path, bytes, n, error);
}

/* Drops the rows `frame` reads past: title rows above the header, note rows under the table. */
static gboolean
apply_frame (TrCsv *csv, const TrCsvFrame *frame, GError **error)
{
  if (frame->header_line > 0)
    {
      guint first = 0;
      while (first < csv->rows->len
             && ((const TrRow *) g_ptr_array_index (csv->rows, first))->line < frame->header_line)
        first++;
      if (first == csv->rows->len
          || ((const TrRow *) g_ptr_array_index (csv->rows, first))->line != frame->header_line)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, frame->layout_path, 0, 0,
                              "[layout] header-line = %u, but no row of %s starts on line %u "
                              "(it is blank, past the end or inside a quoted field); expected "
                              "the line of the header",
                              frame->header_line, csv->path, frame->header_line);
          return FALSE;
        }
      g_ptr_array_remove_range (csv->rows, 0, first);
    }
  if (frame->notes_below > 0)
    {
      if (frame->notes_below >= csv->rows->len)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, frame->layout_path, 0, 0,
                              "[layout] notes-below = %u, but %s has %u rows from its header "
                              "on; expected fewer note rows than that",
                              frame->notes_below, csv->path, csv->rows->len);
          return FALSE;
        }
      g_ptr_array_remove_range (csv->rows, csv->rows->len - frame->notes_below,
                                frame->notes_below);
    }
  return TRUE;
}

/* The error for a row whose number of fields differs from the header's, with the layout key
 * that would read past it when it is a title line above the header or a note line under the
 * table: never guessed, always declared. */
static void
set_ragged_error (const TrCsv *csv, guint r, GError **error)
{
  const TrRow *header = g_ptr_array_index (csv->rows, 0);
  const TrRow *row = g_ptr_array_index (csv->rows, r);
  g_autofree char *advice = NULL;
  if (row->n_cells > header->n_cells)
    advice = g_strdup_printf (" (if the lines above are a title, not the header, a layout file "
                              "saying [layout] header-line = %u reads past them)",
                              row->line);
  else
    advice = g_strdup_printf (" (if this line and the ones after it are notes under the table, "
                              "a layout file saying [layout] notes-below = %u reads past them)",
                              csv->rows->len - r);
  tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, csv->path, row->line,
                      MIN (row->n_cells, header->n_cells) + 1,
                      "found a row of %u field%s; expected %u field%s, as in the header on "
                      "line %u%s",
                      row->n_cells, row->n_cells == 1 ? "" : "s", header->n_cells,
                      header->n_cells == 1 ? "" : "s", header->line, advice);
}

TrCsv *
tr_csv_read_bytes (const char *path, const char *bytes, gsize n_bytes, GError **error)
{
  return tr_csv_read_bytes_framed (path, bytes, n_bytes, NULL, error);
}

TrCsv *
tr_csv_read_bytes_framed (const char *path, const char *bytes, gsize n_bytes,
                          const TrCsvFrame *frame, GError **error)
{
  if (!check_encoding (path, bytes, n_bytes, error))
    return NULL;

  g_autoptr (TrCsv) csv = g_new0 (TrCsv, 1);
  csv->path = g_strdup (path);
  csv->n_bytes = n_bytes;
  csv->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, n_bytes);
  csv->rows = g_ptr_array_new_with_free_func (g_free);
  csv->strings = g_string_chunk_new (64 * 1024);

  /* A UTF-8 byte order mark is not part of the first header cell. */
  const char *p = bytes;
  const char *end = bytes + n_bytes;
  if (n_bytes >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  csv->delimiter = detect_delimiter (p, (gsize) (end - p));

  struct csv_parser parser;
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL) != 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0, "cannot start the CSV parser");
      return NULL;
    }
  csv_set_delim (&parser, (unsigned char) csv->delimiter);
  csv_set_space_func (&parser, is_space);

  ReadState st = { path, 1, 1, g_array_new (FALSE, FALSE, sizeof (TrCell)), csv };
  gboolean ok = TRUE;
  while (p < end && ok)
    {
      gsize len = line_length (p, end);
      /* libcsv grows a field by blk_size bytes at a time: let one step hold the whole line
       * and at least double the buffer, or a 50 MB field would be copied thousands of times. */
      csv_set_blk_size (&parser, MAX (MAX ((gsize) 128, len), parser.entry_size));
      size_t parsed = csv_parse (&parser, p, len, on_field, on_row, &st);
      if (parsed != len && csv_error (&parser) == CSV_ENOMEM)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_IO, path, st.cur_line, st.cells->len + 1,
                              "cannot read the field: not enough memory");
          ok = FALSE;
          break;
        }
      if (parsed != len)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, path, st.cur_line,
                              st.cells->len + 1,
                              "found a quote inside an unquoted field, or text after a closing "
                              "quote; expected a field either without quotes or wholly in "
                              "double quotes (a quote inside written as \"\")");
          ok = FALSE;
          break;
        }
      p += len;
      st.cur_line++;
    }
  if (ok)
    {
      guint open_line = st.field_line;
      guint open_column = st.cells->len + 1;
      st.cur_line--;
      if (csv_fini (&parser, on_field, on_row, &st) != 0)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, path, open_line, open_column,
                              "found a quoted field that is never closed; expected a closing "
                              "double quote before the end of the file");
          ok = FALSE;
        }
    }
  g_array_free (st.cells, TRUE);
  csv_free (&parser);
  if (!ok)
    return NULL;

  if (csv->rows->len == 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, path, 1, 1,
                          "found an empty file; expected a header row and rows of figures");
      return NULL;
    }
  if (frame != NULL && !apply_frame (csv, frame, error))
    return NULL;
  const TrRow *header = g_ptr_array_index (csv->rows, 0);
  for (guint r = 1; r < csv->rows->len; r++)
    if (((const TrRow *) g_ptr_array_index (csv->rows, r))->n_cells != header->n_cells)
      {
        set_ragged_error (csv, r, error);
        return NULL;
      }
  return g_steal_pointer (&csv);
}

/* Reads all of `fd` into a new buffer, never more than TR_CSV_MAX_BYTES whatever the kind of
 * file (a device such as /dev/zero never ends). The buffer, the one allocation the size of the
 * input, is allocated with g_try_*: running out of memory is an error, not an abort. */
static char *
read_limited (int fd, const char *path, gsize *n_bytes, GError **error)
{
  struct stat info;
  if (fstat (fd, &info) != 0 || !(S_ISREG (info.st_mode) || S_ISCHR (info.st_mode)))
    {
      /* Replaced by something else since it was checked. */
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                          "found a special file; expected a CSV file");
      return NULL;
    }
  /* A regular file is read in one allocation of its size (one byte more to see it end);
   * anything else grows geometrically. */
  gsize size = S_ISREG (info.st_mode) && info.st_size > 0
                   ? MIN ((gsize) info.st_size, TR_CSV_MAX_BYTES) + 1
                   : 64 * 1024;
  g_autofree char *bytes = g_try_malloc (size);
  gsize n = 0;
  for (;;)
    {
      if (bytes == NULL)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                              "cannot read the file: not enough memory for %" G_GSIZE_FORMAT
                              " bytes",
                              size);
          return NULL;
        }
      if (n == size)
        {
          size = MIN (size * 2, TR_CSV_MAX_BYTES + 1);
          char *larger = g_try_realloc (bytes, size);
          if (larger == NULL)
            g_clear_pointer (&bytes, g_free);
          else
            bytes = larger;
          continue;
        }
      ssize_t got = read (fd, bytes + n, size - n);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        {
          tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                              "found a device that is waiting for input; expected a CSV file "
                              "that ends");
          return NULL;
        }
      if (got < 0)
        {
          int err = errno;
          tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                              "cannot read the file: %s", g_strerror (err));
          return NULL;
        }
      if (got == 0)
        break;
      n += (gsize) got;
      if (n > TR_CSV_MAX_BYTES)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                              "found more than %" G_GSIZE_FORMAT " bytes; expected at most %"
                              G_GSIZE_FORMAT " bytes (the input size limit)",
                              TR_CSV_MAX_BYTES, TR_CSV_MAX_BYTES);
          return NULL;
        }
    }
  *n_bytes = n;
  return g_steal_pointer (&bytes);
}

/* Bytes of memory a table needs while it is parsed and loaded, per cell, on top of twice its
 * size (its bytes, and their copy as cell texts): the cell, its row's share, its observation
 * and index entry (measured with scripts/bench, /usr/bin/time -v, on long and wide tables). */
#define TR_CSV_BYTES_PER_CELL 40

/* Checks that the memory `bytes` will need once parsed and loaded can be had, by asking for
 * that much at once and giving it back (never touched, so it costs no physical memory). GLib
 * ends the program when an allocation fails (g_malloc, and the GLib containers the later
 * stages use); under an address-space limit (ulimit -v) this turns most of those aborts into
 * an error message before any of them can happen. An estimate, not a guarantee. */
static gboolean
check_room (const char *path, const char *bytes, gsize n, GError **error)
{
  gsize cells = 1;
  for (gsize i = 0; i < n; i++)
    cells += bytes[i] == ',' || bytes[i] == ';' || bytes[i] == '\t' || bytes[i] == '\n';
  gsize need = 2 * n + TR_CSV_BYTES_PER_CELL * cells;
  void *room = g_try_malloc (need);
  if (room == NULL)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                          "found %" G_GSIZE_FORMAT " bytes in %" G_GSIZE_FORMAT " cells, "
                          "which need about %" G_GSIZE_FORMAT " MiB of memory; expected "
                          "that much to be available (not enough memory)",
                          n, cells, need / (1024 * 1024) + 1);
      return FALSE;
    }
  g_free (room);
  return TRUE;
}

TrCsv *
tr_csv_read (const char *file, const char *name, GError **error)
{
  return tr_csv_read_framed (file, name, NULL, error);
}

TrCsv *
tr_csv_read_framed (const char *file, const char *name, const TrCsvFrame *frame,
                    GError **error)
{
  const char *path = name != NULL ? name : file;
  struct stat info;
  if (stat (file, &info) != 0)
    {
      int err = errno;
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0, "cannot read the file: %s",
                          g_strerror (err));
      return NULL;
    }
  if (S_ISDIR (info.st_mode))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                          "found a directory; expected a CSV file");
      return NULL;
    }
  if (!S_ISREG (info.st_mode) && !S_ISCHR (info.st_mode))
    {
      /* A pipe or a socket could block for ever. */
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                          "found a %s; expected a CSV file",
                          S_ISFIFO (info.st_mode) ? "named pipe" : "special file");
      return NULL;
    }
  if (S_ISREG (info.st_mode) && (guint64) info.st_size > TR_CSV_MAX_BYTES)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                          "found a file of %" G_GUINT64_FORMAT " bytes; expected at most %"
                          G_GSIZE_FORMAT " bytes (the input size limit)",
                          (guint64) info.st_size, TR_CSV_MAX_BYTES);
      return NULL;
    }
  /* Non-blocking, so that a device with nothing to read (a terminal, /dev/ptmx) is refused
   * instead of waited on; no controlling terminal is taken. */
  int fd = open (file, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      int err = errno;
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0, "cannot read the file: %s",
                          g_strerror (err));
      return NULL;
    }
  gsize n_bytes = 0;
  g_autofree char *bytes = read_limited (fd, path, &n_bytes, error);
  close (fd);
  if (bytes == NULL || !check_room (path, bytes, n_bytes, error))
    return NULL;
  return tr_csv_read_bytes_framed (path, bytes, n_bytes, frame, error);
}
