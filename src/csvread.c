/* csvread.c — libcsv driven one physical line at a time, so that every cell knows its line;
 * a regular file read a chunk at a time, never held whole. */
#include "config.h"

#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input-error.h"

/* A row kept past its parse: the row, its cells and their texts in one allocation. */
static TrRow *
row_copy (guint line, const TrCell *cells, guint n)
{
  gsize texts = 0;
  for (guint i = 0; i < n; i++)
    texts += strlen (cells[i].text) + 1;
  TrRow *row = g_malloc (sizeof (TrRow) + n * sizeof (TrCell) + texts);
  row->line = line;
  row->n_cells = n;
  row->cells = (TrCell *) (void *) (row + 1);
  char *text = (char *) (row->cells + n);
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (cells[i].text) + 1;
      memcpy (text, cells[i].text, len);
      row->cells[i].text = text;
      row->cells[i].line = cells[i].line;
      text += len;
    }
  return row;
}

typedef struct {
  const char *path;
  guint cur_line;     /* line being fed to libcsv */
  guint field_line;   /* line on which the next field starts */
  GArray *cells;      /* TrCell of the row being built (texts: offsets into `texts` until the
                         row ends), reused from row to row */
  GByteArray *texts;  /* the texts of the row being built, each NUL-terminated */
  TrCsv *csv;
  const TrCsvFrame *frame;
  TrCsvHeaderFunc on_header;
  TrCsvRowFunc on_row;
  gpointer data;
  guint n_rows;       /* non-blank rows parsed, titles and notes included */
  gboolean framed;    /* the header has been met, or found missing (header_missing) */
  gboolean header_missing; /* [layout] header-line names no line on which a row starts */
  GQueue held;        /* TrRow *: the last notes_below rows, held until a later row shows
                         they are not notes */
  guint n_data;       /* data rows let through (past the notes held back) */
  TrRow *ragged;      /* the first row let through whose field count is not the header's */
  guint ragged_index; /* its index from the header (1: the first data row) */
  GError *deferred;   /* the first error of on_header or on_row; later rows are still parsed
                         and counted, for errors of the file itself come first */
  gboolean started;   /* a chunk has been parsed (its byte order mark, if any, read past) */
  gboolean line_ended; /* the last byte parsed ended a line */
} ReadState;

void
tr_csv_free (TrCsv *csv)
{
  if (csv == NULL)
    return;
  g_free (csv->path);
  g_free (csv->sha256);
  g_ptr_array_unref (csv->rows);
  g_free (csv);
}

/* libcsv field callback: the field ended on cur_line; the next one starts there too, unless
 * the row ends here, which on_row() corrects. */
static void
on_field (void *text, size_t len, void *data)
{
  ReadState *st = data;
  TrCell cell = { GSIZE_TO_POINTER ((gsize) st->texts->len), st->field_line };
  if (text != NULL)
    g_byte_array_append (st->texts, text, (guint) len);
  g_byte_array_append (st->texts, (const guint8 *) "", 1);
  g_array_append_val (st->cells, cell);
  st->field_line = st->cur_line;
}

/* A data row past the notes held back (borrowed): checked against the header, then given to
 * on_row. */
static void
let_through (ReadState *st, const TrRow *row)
{
  const TrRow *header = g_ptr_array_index (st->csv->rows, 0);
  guint index = ++st->n_data;
  if (st->ragged == NULL && row->n_cells != header->n_cells)
    {
      st->ragged = row_copy (row->line, row->cells, row->n_cells);
      st->ragged_index = index;
      return;
    }
  if (st->ragged == NULL && st->deferred == NULL
      && !st->on_row (st->csv, row, st->data, &st->deferred))
    g_assert (st->deferred != NULL);
}

/* A non-blank row, in file order: title rows above the header are read past, the header is
 * kept and given to on_header, every later row is held back as a possible note. */
static void
take_row (ReadState *st, guint line, const TrCell *cells, guint n)
{
  st->n_rows++;
  guint header_line = st->frame != NULL ? st->frame->header_line : 0;
  if (!st->framed)
    {
      if (line < header_line)
        return;
      st->framed = TRUE;
      if (header_line > 0 && line != header_line)
        {
          st->header_missing = TRUE;
          return;
        }
      g_ptr_array_add (st->csv->rows, row_copy (line, cells, n));
      if (st->on_header != NULL && !st->on_header (st->csv, st->data, &st->deferred))
        g_assert (st->deferred != NULL);
      return;
    }
  if (st->header_missing)
    return;
  guint notes = st->frame != NULL ? st->frame->notes_below : 0;
  if (notes == 0)
    {
      /* Nothing held back: the row is handed over where it was parsed, never copied (a
       * field may be tens of megabytes). */
      TrRow row = { line, n, (TrCell *) cells };
      let_through (st, &row);
      return;
    }
  g_queue_push_tail (&st->held, row_copy (line, cells, n));
  if (st->held.length > notes)
    {
      g_autofree TrRow *row = g_queue_pop_head (&st->held);
      let_through (st, row);
    }
}

static void
on_row (int terminator, void *data)
{
  (void) terminator;
  ReadState *st = data;
  st->field_line = st->cur_line + 1;
  guint n = st->cells->len;
  TrCell *cells = (TrCell *) (void *) st->cells->data;

  gboolean blank = TRUE;
  for (guint i = 0; i < n; i++)
    {
      cells[i].text = (char *) st->texts->data + GPOINTER_TO_SIZE (cells[i].text);
      blank = blank && cells[i].text[0] == '\0';
    }
  if (!blank)
    take_row (st, n > 0 ? cells[0].line : st->cur_line, cells, n);
  g_array_set_size (st->cells, 0);
  g_byte_array_set_size (st->texts, 0);
}

/* Only the ASCII space is trimmed: a tab may be the delimiter, and no-break spaces are part
 * of printed numbers, which the number parser handles. */
static int
is_space (unsigned char c)
{
  return c == ' ' ? 1 : 0;
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

/* What a look over a file's bytes, chunk by chunk, finds before they are parsed (and again while
 * they are): their size and checksum, an upper bound on their cells, the delimiter of their
 * first line, and the first byte that is not UTF-8 text, by line and byte. A chunk must not end
 * in a CR, unless it is the last, nor split a UTF-8 character (read_chunk() sees to it). */
typedef struct {
  GChecksum *sha256;    /* NULL: no checksum is made */
  gsize n_bytes;
  gsize cells;          /* delimiters and line feeds, plus one */
  guint line;           /* the line of the next byte */
  gsize line_start;     /* the offset of its first byte */
  gboolean first_line_read, quoted;
  guint counts[3];      /* of each of `delimiters` on the first line, outside quotes */
} Scan;

#define SCAN_INIT { .sha256 = g_checksum_new (G_CHECKSUM_SHA256), .cells = 1, .line = 1 }
#define SCAN_INIT_UNSUMMED { .sha256 = NULL, .cells = 1, .line = 1 }

static const char delimiters[] = { ',', ';', '\t' };

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->sha256, g_checksum_free);
}

/* TRUE when `frame` asks for no checksum. */
static gboolean
unsummed (const TrCsvFrame *frame)
{
  return frame != NULL && frame->no_checksum;
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scan, scan_clear)

/* Looks over the next `n` bytes; on a byte that is not text, FALSE with an error naming its
 * line and its byte in the line. */
static gboolean
scan_chunk (Scan *scan, const char *path, const char *p, gsize n, GError **error)
{
  const char *end = p + n;
  const char *nul = memchr (p, '\0', n);
  const char *invalid = NULL;
  gboolean valid = g_utf8_validate_len (p, nul != NULL ? (gsize) (nul - p) : n, &invalid);
  const char *bad = valid ? nul : invalid;
  /* The lines partition the bytes: count those that end before the bad byte, if any. */
  const char *stop = bad != NULL ? bad : end;
  for (const char *q = p; q < end;)
    {
      gsize len = line_length (q, end);
      if (q + len > stop)
        break;
      q += len;
      if (q[-1] == '\n' || q[-1] == '\r')
        {
          scan->line++;
          scan->line_start = scan->n_bytes + (gsize) (q - p);
        }
    }
  if (bad != NULL)
    {
      guint byte = (guint) (scan->n_bytes + (gsize) (bad - p) - scan->line_start) + 1;
      if (valid)
        tr_input_error_set (error, TR_INPUT_ERROR_ENCODING, path, scan->line, byte,
                            "found a NUL byte at byte %u of the line; expected text", byte);
      else
        tr_input_error_set (error, TR_INPUT_ERROR_ENCODING, path, scan->line, byte,
                            "found the byte 0x%02X at byte %u of the line, which is not valid "
                            "UTF-8; expected UTF-8 text (convert the file, e.g. with iconv)",
                            (guint) (unsigned char) *bad, byte);
      return FALSE;
    }

  /* The delimiter is whichever of ',', ';', TAB occurs most often outside quotes on the
   * first line (after a byte order mark); see scan_delimiter(). */
  const char *q = p;
  if (scan->n_bytes == 0 && n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    q += 3;
  for (; !scan->first_line_read && q < end; q++)
    {
      if (*q == '"')
        scan->quoted = !scan->quoted;
      else if (scan->quoted)
        continue;
      else if (*q == '\n' || *q == '\r')
        scan->first_line_read = TRUE;
      else
        for (guint k = 0; k < G_N_ELEMENTS (delimiters); k++)
          scan->counts[k] += *q == delimiters[k];
    }
  for (gsize i = 0; i < n; i++)
    scan->cells += p[i] == ',' || p[i] == ';' || p[i] == '\t' || p[i] == '\n';
  if (scan->sha256 != NULL)
    g_checksum_update (scan->sha256, (const guchar *) p, (gssize) n);
  scan->n_bytes += n;
  return TRUE;
}

/* The delimiter the scan found; ties go to the earlier of ',', ';', TAB. */
static char
scan_delimiter (const Scan *scan)
{
  guint best = 0;
  for (guint k = 1; k < G_N_ELEMENTS (delimiters); k++)
    if (scan->counts[k] > scan->counts[best])
      best = k;
  return delimiters[best];
}

/* Checks the bytes are UTF-8 without NUL; on failure names the line and the byte in it. */
gboolean
tr_csv_check_encoding (const char *path, const char *bytes, gsize n, GError **error)
{
  g_auto (Scan) scan = SCAN_INIT_UNSUMMED;
  return scan_chunk (&scan, path, bytes, n, error);
}

/* Reads up to `n` bytes from `fd` into `buffer`, `so_far` bytes having been read before:
 * the number read (0 at the end), or -1 with an error (a device waiting for input, a read
 * error, more than TR_CSV_MAX_BYTES in all). */
static gssize
read_some (int fd, const char *path, char *buffer, gsize n, gsize so_far, GError **error)
{
  for (;;)
    {
      ssize_t got = read (fd, buffer, n);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        {
          tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                              "found a device that is waiting for input; expected a CSV file "
                              "that ends");
          return -1;
        }
      if (got < 0)
        {
          int err = errno;
          tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                              "cannot read the file: %s", g_strerror (err));
          return -1;
        }
      if (so_far + (gsize) got > TR_CSV_MAX_BYTES)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                              "found more than %" G_GSIZE_FORMAT " bytes; expected at most %"
                              G_GSIZE_FORMAT " bytes (the input size limit)",
                              TR_CSV_MAX_BYTES, TR_CSV_MAX_BYTES);
          return -1;
        }
      return got;
    }
}

/* A regular file read a chunk at a time. A chunk holds back at most 5 bytes for the next. */
#define CHUNK_BYTES TR_CSV_CHUNK_BYTES
G_STATIC_ASSERT (CHUNK_BYTES >= 16);

typedef struct {
  int fd;              /* borrowed */
  const char *path;
  char *buffer;        /* CHUNK_BYTES */
  gsize chunk;         /* bytes of the buffer given as the last chunk */
  gsize carried;       /* bytes after them, held back for the next chunk */
  gsize total;         /* bytes read from the file */
  gboolean at_end;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_free (reader->buffer);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

/* The next chunk of the file in *p and *n (0 at its end): a full buffer but for the bytes held
 * back for the next chunk, a CR that may be the first half of a CRLF and a UTF-8 character
 * that may be cut short, so that every chunk is whole lines and whole characters as far as
 * it goes. */
static gboolean
read_chunk (Reader *reader, const char **p, gsize *n, GError **error)
{
  char *buffer = reader->buffer;
  if (reader->carried > 0)
    memmove (buffer, buffer + reader->chunk, reader->carried);
  gsize have = reader->carried;
  while (!reader->at_end && have < CHUNK_BYTES)
    {
      gssize got = read_some (reader->fd, reader->path, buffer + have, CHUNK_BYTES - have,
                              reader->total, error);
      if (got < 0)
        return FALSE;
      reader->at_end = got == 0;
      have += (gsize) got;
      reader->total += (gsize) got;
    }
  gsize cut = have;
  if (!reader->at_end)
    {
      /* A character's lead byte and the continuation bytes after it (at most three). */
      gsize k = cut;
      while (k > 0 && cut - k < 3 && ((guchar) buffer[k - 1] & 0xC0) == 0x80)
        k--;
      if (k > 0 && (guchar) buffer[k - 1] >= 0xC0)
        cut = k - 1;
      if (cut > 0 && buffer[cut - 1] == '\r')
        cut--;
    }
  reader->chunk = cut;
  reader->carried = have - cut;
  *p = buffer;
  *n = cut;
  return TRUE;
}

/* Back to the start of the file, for a second reading. */
static gboolean
reader_rewind (Reader *reader, GError **error)
{
  if (lseek (reader->fd, 0, SEEK_SET) != 0)
    {
      int err = errno;
      tr_input_error_set (error, TR_INPUT_ERROR_IO, reader->path, 0, 0,
                          "cannot read the file again: %s", g_strerror (err));
      return FALSE;
    }
  reader->chunk = reader->carried = reader->total = 0;
  reader->at_end = FALSE;
  return TRUE;
}

/* The error of the file itself, once it is parsed, if any: the header line of `frame` on which
 * no row starts, more note rows than rows, a row whose number of fields differs from the
 * header's (with the layout key that would read past it when it is a title line above the
 * header or a note line under the table: never guessed, always declared). */
static gboolean
check_table (const ReadState *st, GError **error)
{
  const TrCsv *csv = st->csv;
  const TrCsvFrame *frame = st->frame;
  if (frame != NULL && frame->header_line > 0 && (!st->framed || st->header_missing))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, frame->layout_path, 0, 0,
                          "[layout] header-line = %u, but no row of %s starts on line %u "
                          "(it is blank, past the end or inside a quoted field); expected "
                          "the line of the header",
                          frame->header_line, csv->path, frame->header_line);
      return FALSE;
    }
  guint from_header = csv->rows->len > 0 ? 1 + st->n_data + st->held.length : 0;
  if (frame != NULL && frame->notes_below > 0 && frame->notes_below >= from_header)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, frame->layout_path, 0, 0,
                          "[layout] notes-below = %u, but %s has %u rows from its header "
                          "on; expected fewer note rows than that",
                          frame->notes_below, csv->path, from_header);
      return FALSE;
    }
  if (st->ragged == NULL)
    return TRUE;
  const TrRow *header = g_ptr_array_index (csv->rows, 0);
  const TrRow *row = st->ragged;
  g_autofree char *advice = NULL;
  if (row->n_cells > header->n_cells)
    advice = g_strdup_printf (" (if the lines above are a title, not the header, a layout file "
                              "saying [layout] header-line = %u reads past them)",
                              row->line);
  else
    advice = g_strdup_printf (" (if this line and the ones after it are notes under the table, "
                              "a layout file saying [layout] notes-below = %u reads past them)",
                              csv->n_rows - st->ragged_index);
  tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, csv->path, row->line,
                      MIN (row->n_cells, header->n_cells) + 1,
                      "found a row of %u field%s; expected %u field%s, as in the header on "
                      "line %u%s",
                      row->n_cells, row->n_cells == 1 ? "" : "s", header->n_cells,
                      header->n_cells == 1 ? "" : "s", header->line, advice);
  return FALSE;
}

/* tr_csv_read_bytes_each()'s row function when every row is kept. */
static gboolean
keep_row (const TrCsv *csv, const TrRow *row, gpointer data, GError **error)
{
  (void) data;
  (void) error;
  g_ptr_array_add (csv->rows, row_copy (row->line, row->cells, row->n_cells));
  return TRUE;
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
  return tr_csv_read_bytes_each (path, bytes, n_bytes, frame, NULL, keep_row, NULL, error);
}

/* Starts parsing a file whose scan found `delimiter`: `csv` (taken, and freed on failure)
 * receives the header and the rows. */
static gboolean
parse_begin (ReadState *st, struct csv_parser *parser, TrCsv *csv, char delimiter,
             const TrCsvFrame *frame, TrCsvHeaderFunc on_header, TrCsvRowFunc on_data_row,
             gpointer data, GError **error)
{
  *st = (ReadState){ .path = csv->path, .cur_line = 1, .field_line = 1,
                     .cells = g_array_new (FALSE, FALSE, sizeof (TrCell)),
                     .texts = g_byte_array_new (), .csv = csv, .frame = frame,
                     .on_header = on_header, .on_row = on_data_row, .data = data };
  g_queue_init (&st->held);
  csv->delimiter = delimiter;
  csv->rows = g_ptr_array_new_with_free_func (g_free);
  if (csv_init (parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL) != 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, csv->path, 0, 0,
                          "cannot start the CSV parser");
      g_array_free (st->cells, TRUE);
      g_byte_array_unref (st->texts);
      tr_csv_free (csv);
      return FALSE;
    }
  csv_set_delim (parser, (unsigned char) delimiter);
  csv_set_space_func (parser, is_space);
  return TRUE;
}

/* A line of `len` bytes at p that starts a row, ends with its end of line and has no double
 * quote is split at its delimiters here, each field trimmed of ASCII spaces, as libcsv would
 * split it (CSV_STRICT finds nothing to refuse in it, and an empty or all-space line is a
 * blank row either way); TRUE when it was. Any other line goes to libcsv, which also finishes
 * a row it began (a quoted field over several lines; parser->pstate 0 is libcsv's
 * ROW_NOT_BEGUN). The scan has already checked the bytes are UTF-8 without NUL. */
static gboolean
parse_plain_line (ReadState *st, const struct csv_parser *parser, const char *p, gsize len)
{
  if (parser->pstate != 0 || len == 0 || (p[len - 1] != '\n' && p[len - 1] != '\r'))
    return FALSE;
  gsize content = len - 1;
  if (content > 0 && p[content - 1] == '\r' && p[content] == '\n')
    content--;
  if (memchr (p, '"', content) != NULL)
    return FALSE;
  const char delim = st->csv->delimiter;
  guint n_fields = 1;
  for (gsize i = 0; i < content; i++)
    n_fields += p[i] == delim;
  /* The fields and their NULs take at most the line's bytes and one. */
  g_assert (st->texts->len == 0 && st->cells->len == 0);
  g_byte_array_set_size (st->texts, (guint) content + 1);
  g_array_set_size (st->cells, n_fields);
  char *text = (char *) st->texts->data;
  TrCell *cells = (TrCell *) (void *) st->cells->data;
  gsize start = 0, used = 0;
  for (guint f = 0; f < n_fields; f++)
    {
      const char *sep = f + 1 < n_fields ? memchr (p + start, delim, content - start) : NULL;
      gsize stop = sep != NULL ? (gsize) (sep - p) : content;
      gsize a = start, b = stop;
      while (a < b && p[a] == ' ')
        a++;
      while (b > a && p[b - 1] == ' ')
        b--;
      cells[f] = (TrCell) { GSIZE_TO_POINTER (used), st->cur_line };
      memcpy (text + used, p + a, b - a);
      used += b - a;
      text[used++] = '\0';
      start = stop + 1;
    }
  g_byte_array_set_size (st->texts, (guint) used);
  on_row ('\n', st);
  return TRUE;
}

/* Parses the next `n` bytes of the file, one physical line at a time, so that every cell knows
 * its line. The chunk must not split a CRLF (see read_chunk()); a line may run on into the
 * next chunk. */
static gboolean
parse_chunk (ReadState *st, struct csv_parser *parser, const char *p, gsize n, GError **error)
{
  const char *end = p + n;
  /* A UTF-8 byte order mark is not part of the first header cell. */
  if (!st->started && n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  st->started = TRUE;
  while (p < end)
    {
      gsize len = line_length (p, end);
      if (parse_plain_line (st, parser, p, len))
        {
          p += len;
          st->line_ended = TRUE;
          st->cur_line++;
          continue;
        }
      /* libcsv grows a field by blk_size bytes at a time: let one step hold the whole line
       * and at least double the buffer, or a 50 MB field would be copied thousands of times. */
      csv_set_blk_size (parser, MAX (MAX ((gsize) 128, len), parser->entry_size));
      size_t parsed = csv_parse (parser, p, len, on_field, on_row, st);
      if (parsed != len && csv_error (parser) == CSV_ENOMEM)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_IO, st->path, st->cur_line,
                              st->cells->len + 1, "cannot read the field: not enough memory");
          return FALSE;
        }
      if (parsed != len)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, st->path, st->cur_line,
                              st->cells->len + 1,
                              "found a quote inside an unquoted field, or text after a closing "
                              "quote; expected a field either without quotes or wholly in "
                              "double quotes (a quote inside written as \"\")");
          return FALSE;
        }
      p += len;
      st->line_ended = p[-1] == '\n' || p[-1] == '\r';
      if (st->line_ended)
        st->cur_line++;
    }
  return TRUE;
}

/* Ends the parse begun by parse_begin() (whether or not every chunk was parsed: `ok`), frees
 * the parser and returns the table, or NULL with the file's first error. */
static TrCsv *
parse_end (ReadState *st, struct csv_parser *parser, gboolean ok, GError **error)
{
  g_autoptr (TrCsv) csv = st->csv;
  if (ok)
    {
      guint open_line = st->field_line;
      guint open_column = st->cells->len + 1;
      /* The end of the file is on the last line, not after it. */
      if (st->line_ended)
        st->cur_line--;
      if (csv_fini (parser, on_field, on_row, st) != 0)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, st->path, open_line, open_column,
                              "found a quoted field that is never closed; expected a closing "
                              "double quote before the end of the file");
          ok = FALSE;
        }
    }
  g_array_free (st->cells, TRUE);
  g_byte_array_unref (st->texts);
  csv_free (parser);
  csv->n_rows = csv->rows->len > 0 ? 1 + st->n_data : 0;
  g_autofree TrRow *ragged = st->ragged;
  g_autoptr (GError) deferred = st->deferred;
  gboolean framed_ok = !ok || st->n_rows == 0 || check_table (st, error);
  /* The rows still held are the notes under the table, read past. */
  g_queue_clear_full (&st->held, g_free);
  if (!ok)
    return NULL;

  if (st->n_rows == 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, csv->path, 1, 1,
                          "found an empty file; expected a header row and rows of figures");
      return NULL;
    }
  if (!framed_ok)
    return NULL;
  if (deferred != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&deferred));
      return NULL;
    }
  return g_steal_pointer (&csv);
}

/* A new table named `path`, of the bytes `scan` looked over. */
static TrCsv *
csv_new (const char *path, const Scan *scan)
{
  TrCsv *csv = g_new0 (TrCsv, 1);
  csv->path = g_strdup (path);
  csv->n_bytes = scan->n_bytes;
  csv->sha256 = scan->sha256 != NULL ? g_strdup (g_checksum_get_string (scan->sha256)) : NULL;
  return csv;
}

static gboolean check_room (const char *path, gsize n, gsize cells, GError **error);

/* Parses the `n` bytes `scan` looked over, all in memory. */
static TrCsv *
parse_whole (const char *path, const Scan *scan, const char *bytes, gsize n,
             const TrCsvFrame *frame, TrCsvHeaderFunc on_header, TrCsvRowFunc on_data_row,
             gpointer data, GError **error)
{
  ReadState st;
  struct csv_parser parser;
  if (!parse_begin (&st, &parser, csv_new (path, scan), scan_delimiter (scan), frame,
                    on_header, on_data_row, data, error))
    return NULL;
  return parse_end (&st, &parser, parse_chunk (&st, &parser, bytes, n, error), error);
}

/* tr_csv_read_bytes_each(), checking first that the memory the table needs can be had when
 * `room` (see check_room()). */
static TrCsv *
read_bytes_each (const char *path, const char *bytes, gsize n_bytes, const TrCsvFrame *frame,
                 TrCsvHeaderFunc on_header, TrCsvRowFunc on_data_row, gpointer data,
                 gboolean room, GError **error)
{
  g_auto (Scan) scan = SCAN_INIT_UNSUMMED;
  if (!unsummed (frame))
    scan.sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  if (!scan_chunk (&scan, path, bytes, n_bytes, error)
      || (room && !check_room (path, scan.n_bytes, scan.cells, error)))
    return NULL;

  return parse_whole (path, &scan, bytes, n_bytes, frame, on_header, on_data_row, data, error);
}

TrCsv *
tr_csv_read_bytes_each (const char *path, const char *bytes, gsize n_bytes,
                        const TrCsvFrame *frame, TrCsvHeaderFunc on_header,
                        TrCsvRowFunc on_data_row, gpointer data, GError **error)
{
  return read_bytes_each (path, bytes, n_bytes, frame, on_header, on_data_row, data, FALSE,
                          error);
}

/* Reads all of `fd` into a new buffer, never more than TR_CSV_MAX_BYTES whatever the kind of
 * file (a device such as /dev/zero never ends). The buffer, the one allocation the size of the
 * input, is allocated with g_try_*: running out of memory is an error, not an abort. */
static char *
read_limited (int fd, const char *path, gsize *n_bytes, GError **error)
{
  gsize size = 64 * 1024;
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
      gssize got = read_some (fd, path, bytes + n, size - n, n, error);
      if (got < 0)
        return NULL;
      if (got == 0)
        break;
      n += (gsize) got;
    }
  *n_bytes = n;
  return g_steal_pointer (&bytes);
}

/* Bytes of memory a table needs while it is parsed and loaded, per cell, on top of twice its
 * size (the longest field may be held three times while it is parsed: by libcsv, as a cell and
 * as a remark): the cell, its observation and index entry (measured with scripts/bench,
 * /usr/bin/time -v, on long and wide tables when every row was kept until the table was
 * loaded; the rows handed over as they are parsed (tr_csv_read_each()) need less, so the
 * estimate errs on the side of refusing). */
#define TR_CSV_BYTES_PER_CELL 40

/* Checks that the memory a table of `n` bytes and at most `cells` cells will need once parsed
 * and loaded can be had, by asking for that much at once and giving it back (never touched, so
 * it costs no physical memory). GLib ends the program when an allocation fails (g_malloc, and
 * the GLib containers the later stages use); under an address-space limit (ulimit -v) this
 * turns most of those aborts into an error message before any of them can happen. An
 * estimate, not a guarantee. */
static gboolean
check_room (const char *path, gsize n, gsize cells, GError **error)
{
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

/* A regular file, read twice a chunk at a time and never held whole: a first pass looks it
 * over (its size, checksum, encoding, cells and delimiter), the second parses it, checking it
 * again chunk by chunk, and finds it the same. A file of one chunk is read once. */
static TrCsv *
read_streamed (int fd, const char *path, const TrCsvFrame *frame, TrCsvHeaderFunc on_header,
               TrCsvRowFunc on_data_row, gpointer data, GError **error)
{
  g_auto (Reader) reader = { .fd = fd, .path = path, .buffer = g_try_malloc (CHUNK_BYTES) };
  if (reader.buffer == NULL)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                          "cannot read the file: not enough memory for %" G_GSIZE_FORMAT
                          " bytes",
                          (gsize) CHUNK_BYTES);
      return NULL;
    }
  g_auto (Scan) first = SCAN_INIT_UNSUMMED;
  const char *p;
  gsize n;
  /* A file of one chunk (every bundled table) stays in the buffer: it is parsed from there. */
  const char *whole = NULL;
  gsize n_whole = 0;
  do
    {
      if (!read_chunk (&reader, &p, &n, error))
        return NULL;
      /* A file read twice is checksummed, to find it the same the second time. */
      if (first.n_bytes == 0 && first.sha256 == NULL && !(unsummed (frame) && reader.at_end))
        first.sha256 = g_checksum_new (G_CHECKSUM_SHA256);
      if (!scan_chunk (&first, path, p, n, error))
        return NULL;
      if (first.n_bytes == n && reader.at_end)
        {
          whole = p;
          n_whole = n;
        }
    }
  while (n > 0);
  if (!check_room (path, first.n_bytes, first.cells, error))
    return NULL;
  if (whole != NULL)
    return parse_whole (path, &first, whole, n_whole, frame, on_header, on_data_row, data,
                        error);
  if (!reader_rewind (&reader, error))
    return NULL;

  ReadState st;
  struct csv_parser parser;
  if (!parse_begin (&st, &parser, csv_new (path, &first), scan_delimiter (&first), frame,
                    on_header, on_data_row, data, error))
    return NULL;
  g_auto (Scan) again = SCAN_INIT;
  gboolean ok = TRUE;
  do
    ok = read_chunk (&reader, &p, &n, error) && scan_chunk (&again, path, p, n, error)
         && parse_chunk (&st, &parser, p, n, error);
  while (ok && n > 0);
  if (ok && (again.n_bytes != first.n_bytes
             || strcmp (g_checksum_get_string (again.sha256),
                        g_checksum_get_string (first.sha256)) != 0))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                          "found other bytes on the second reading; expected a file that does "
                          "not change while it is read");
      ok = FALSE;
    }
  return parse_end (&st, &parser, ok, error);
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
  return tr_csv_read_each (file, name, frame, NULL, keep_row, NULL, error);
}

TrCsv *
tr_csv_read_each (const char *file, const char *name, const TrCsvFrame *frame,
                  TrCsvHeaderFunc on_header, TrCsvRowFunc on_data_row, gpointer data,
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
  TrCsv *csv = NULL;
  if (fstat (fd, &info) != 0 || !(S_ISREG (info.st_mode) || S_ISCHR (info.st_mode)))
    /* Replaced by something else since it was checked. */
    tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                        "found a special file; expected a CSV file");
  else if (S_ISREG (info.st_mode))
    csv = read_streamed (fd, path, frame, on_header, on_data_row, data, error);
  else
    {
      /* A device cannot be read twice: its bytes are kept, up to the size limit. */
      gsize n_bytes = 0;
      g_autofree char *bytes = read_limited (fd, path, &n_bytes, error);
      if (bytes != NULL)
        csv = read_bytes_each (path, bytes, n_bytes, frame, on_header, on_data_row, data, TRUE,
                               error);
    }
  close (fd);
  return csv;
}
