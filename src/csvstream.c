/* csvstream.c — a chunked read split into physical lines, so that every row knows its line and
 * no file is ever held whole: a line without a double quote is split at its delimiters in
 * place (the fast path), any other line, and every line of a row a quoted field carries over
 * several lines, is fed to libcsv. Both give the same fields, trimmed the same way. */
#include "config.h"

#include "csvstream.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "csvread.h"
#include "input-error.h"

typedef struct {
  const char *path;
  TrStreamRowFunc on_header, on_row;
  gpointer data;
  guint cur_line;      /* line being fed to libcsv */
  guint row_line;      /* line on which the row being built starts */
  GArray *ends;        /* gsize: end offset in `texts` of each field of the row being built */
  GByteArray *texts;   /* the fields of the row, each NUL-terminated */
  GArray *fields;      /* TrField, reused from row to row */
  guint n_header;      /* fields of the header; 0 until it is read */
  guint header_line;
  guint64 n_rows;      /* data rows handed over */
  GError *error;       /* the first error, after which rows are no longer handed over */
  char delim;
  guint32 *seps;       /* the fast path's delimiter offsets in the line being split */
} Stream;

/* Hands one row over: the header, a blank row read past, or a data row, which must have as
 * many fields as the header. */
static void
deliver_row (Stream *st, TrField *fields, guint n, guint line)
{
  gboolean blank = TRUE;
  for (guint i = 0; i < n && blank; i++)
    blank = fields[i].len == 0;
  if (blank)
    return;
  if (st->n_header == 0)
    {
      st->n_header = n;
      st->header_line = line;
      if (!st->on_header (fields, n, line, st->data, &st->error))
        g_assert (st->error != NULL);
      return;
    }
  if (n != st->n_header)
    {
      tr_input_error_set (&st->error, TR_INPUT_ERROR_SYNTAX, st->path, line,
                          MIN (n, st->n_header) + 1,
                          "found a row of %u field%s; expected %u field%s, as in the header on "
                          "line %u",
                          n, n == 1 ? "" : "s", st->n_header, st->n_header == 1 ? "" : "s",
                          st->header_line);
      return;
    }
  st->n_rows++;
  if (!st->on_row (fields, n, line, st->data, &st->error))
    g_assert (st->error != NULL);
}

static void
on_field (void *text, size_t len, void *data)
{
  Stream *st = data;
  if (st->error != NULL)
    return;
  if (text != NULL)
    g_byte_array_append (st->texts, text, (guint) len);
  g_byte_array_append (st->texts, (const guint8 *) "", 1);
  gsize end = st->texts->len;
  g_array_append_val (st->ends, end);
}

static void
on_row (int terminator, void *data)
{
  (void) terminator;
  Stream *st = data;
  guint n = st->ends->len;
  guint line = st->row_line;
  st->row_line = st->cur_line + 1;
  if (st->error != NULL)
    return;
  g_array_set_size (st->fields, n);
  TrField *fields = (TrField *) (void *) st->fields->data;
  gsize start = 0;
  for (guint i = 0; i < n; i++)
    {
      gsize end = g_array_index (st->ends, gsize, i);
      fields[i].text = (const char *) st->texts->data + start;
      fields[i].len = end - start - 1;
      start = end;
    }
  g_array_set_size (st->ends, 0);
  g_byte_array_set_size (st->texts, 0);
  deliver_row (st, fields, n, line);
}

/* Only the ASCII space is trimmed: a tab may be the delimiter. */
static int
is_space (unsigned char c)
{
  return c == ' ' ? 1 : 0;
}

/* The delimiter of the first line: whichever of ',', ';', TAB occurs most often outside
 * quotes; ties go to the earlier. */
static char
first_line_delimiter (const char *p, gsize n)
{
  static const char delimiters[] = { ',', ';', '\t' };
  guint counts[3] = { 0 };
  gboolean quoted = FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (p[i] == '"')
        quoted = !quoted;
      else if (!quoted)
        for (guint k = 0; k < 3; k++)
          counts[k] += p[i] == delimiters[k];
    }
  guint best = 0;
  for (guint k = 1; k < 3; k++)
    if (counts[k] > counts[best])
      best = k;
  return delimiters[best];
}

/* Checks one line is UTF-8 without NUL. */
static gboolean
check_line (const Stream *st, const char *p, gsize n, GError **error)
{
  const char *nul = memchr (p, '\0', n);
  const char *invalid = NULL;
  gboolean valid = g_utf8_validate_len (p, nul != NULL ? (gsize) (nul - p) : n, &invalid);
  const char *bad = valid ? nul : invalid;
  if (bad == NULL)
    return TRUE;
  guint byte = (guint) (bad - p) + 1;
  if (valid)
    tr_input_error_set (error, TR_INPUT_ERROR_ENCODING, st->path, st->cur_line, byte,
                        "found a NUL byte at byte %u of the line; expected text", byte);
  else
    tr_input_error_set (error, TR_INPUT_ERROR_ENCODING, st->path, st->cur_line, byte,
                        "found the byte 0x%02X at byte %u of the line, which is not valid "
                        "UTF-8; expected UTF-8 text (convert the file, e.g. with iconv)",
                        (guint) (unsigned char) *bad, byte);
  return FALSE;
}

/* The length of the complete line at p, its end included, or 0 when the line runs past `end`
 * (a CR at the very end may be the first half of a CRLF) and `at_end` is FALSE. */
static gsize
complete_line (const char *p, const char *end, gboolean at_end)
{
  gsize n = (gsize) (end - p);
  const char *nl = memchr (p, '\n', n);
  const char *cr = memchr (p, '\r', nl != NULL ? (gsize) (nl - p) : n);
  if (cr != NULL && cr + 1 < end && cr + 1 != nl)
    return (gsize) (cr - p) + 1;
  if (cr != NULL && cr + 1 == end)
    return at_end ? n : 0;
  if (nl != NULL)
    return (gsize) (nl - p) + 1;
  return at_end ? n : 0;
}

/* The most fields the fast path splits a line into; a line of more goes to libcsv. */
#define FAST_MAX_FIELDS 256

/* What scan_line() saw in a line, besides its delimiters. */
enum {
  SAW_QUOTE = 1 << 0, /* a double quote: the line goes to libcsv */
  SAW_CHECK = 1 << 1, /* a NUL or a byte above 0x7F: the line's text is checked */
  SAW_MANY = 1 << 2,  /* more than FAST_MAX_FIELDS fields: the line goes to libcsv */
};

static void
add_seps (Stream *st, guint *n_seps, gsize base, guint bits, guint *saw)
{
  while (bits != 0)
    {
      if (*n_seps == FAST_MAX_FIELDS - 1)
        {
          *saw |= SAW_MANY;
          return;
        }
      st->seps[(*n_seps)++] = (guint32) (base + (gsize) __builtin_ctz (bits));
      bits &= bits - 1;
    }
}

/* Scans the n bytes at p up to the first CR or LF: returns its offset (n when there is none),
 * with the offsets of the delimiters before it in st->seps and what else it saw in *saw.
 * Lines are at most G_MAXUINT32 bytes here (the caller sends longer ones to libcsv). */
static gsize
scan_line (Stream *st, const char *p, gsize n, guint *n_seps, guint *saw)
{
  gsize i = 0;
  *n_seps = 0;
  *saw = 0;
#ifdef __SSE2__
  const __m128i delim = _mm_set1_epi8 (st->delim), quote = _mm_set1_epi8 ('"'),
                lf = _mm_set1_epi8 ('\n'), cr = _mm_set1_epi8 ('\r'), zero = _mm_setzero_si128 ();
  for (; i + 16 <= n; i += 16)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) (const void *) (p + i));
      guint ends = (guint) _mm_movemask_epi8 (
          _mm_or_si128 (_mm_cmpeq_epi8 (x, lf), _mm_cmpeq_epi8 (x, cr)));
      guint seps = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (x, delim));
      guint quotes = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (x, quote));
      guint check = (guint) _mm_movemask_epi8 (x) | (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (x, zero));
      guint before = ends != 0 ? (ends & (0u - ends)) - 1 : 0xFFFFu;
      *saw |= ((quotes & before) != 0 ? SAW_QUOTE : 0) | ((check & before) != 0 ? SAW_CHECK : 0);
      add_seps (st, n_seps, i, seps & before, saw);
      if (ends != 0)
        return i + (gsize) __builtin_ctz (ends);
    }
#endif
  for (; i < n; i++)
    {
      unsigned char c = (unsigned char) p[i];
      if (c == '\n' || c == '\r')
        return i;
      if (c == (unsigned char) st->delim)
        add_seps (st, n_seps, i, 1, saw);
      else if (c == '"')
        *saw |= SAW_QUOTE;
      else if (c == 0 || c >= 0x80)
        *saw |= SAW_CHECK;
    }
  return n;
}

/* The fast path: the line of `len` bytes at p (its end of line, if any, included), without a
 * double quote, split in place at the n_seps delimiters scan_line() found (st->seps), each
 * field trimmed of ASCII spaces and NUL-terminated where its delimiter or the end of line was,
 * as libcsv would give them. `content` is the length before the end of line; the byte at
 * p[content] may be overwritten (the buffer keeps one spare byte past the data). */
static void
split_line (Stream *st, char *p, gsize content, guint n_seps)
{
  if (content == 0)
    return; /* an empty line: a blank row */
  g_array_set_size (st->fields, n_seps + 1);
  TrField *fields = (TrField *) (void *) st->fields->data;
  gsize start = 0;
  for (guint i = 0; i <= n_seps; i++)
    {
      gsize end = i < n_seps ? st->seps[i] : content;
      gsize a = start, b = end;
      while (a < b && p[a] == ' ')
        a++;
      while (b > a && p[b - 1] == ' ')
        b--;
      p[b] = '\0';
      fields[i].text = p + a;
      fields[i].len = b - a;
      start = end + 1;
    }
  deliver_row (st, fields, n_seps + 1, st->cur_line);
}

static gboolean
read_all (Stream *st, int fd, struct csv_parser *parser, GError **error)
{
  gsize size = TR_CSV_CHUNK_BYTES;
  /* One byte more than `size`: the fast path may end a last line without an end of line
   * with its NUL there. */
  g_autofree char *buffer = g_malloc (size + 1);
  gsize have = 0;
  gboolean at_end = FALSE, started = FALSE, any = FALSE;
  while (!at_end)
    {
      if (have == size)
        {
          /* One line longer than the buffer: let it grow to hold the line. */
          size *= 2;
          buffer = g_realloc (buffer, size + 1);
        }
      ssize_t got = read (fd, buffer + have, size - have);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        {
          tr_input_error_set (error, TR_INPUT_ERROR_IO, st->path, 0, 0,
                              "found a device that is waiting for input; expected a CSV file "
                              "that ends");
          return FALSE;
        }
      if (got < 0)
        {
          int err = errno;
          tr_input_error_set (error, TR_INPUT_ERROR_IO, st->path, 0, 0,
                              "cannot read the file: %s", g_strerror (err));
          return FALSE;
        }
      at_end = got == 0;
      have += (gsize) got;
      char *p = buffer;
      const char *end = buffer + have;
      if (!started && (have >= 3 || at_end))
        {
          started = TRUE;
          if (have >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
            p += 3;
        }
      if (!started)
        continue;
      while (p < end)
        {
          gsize n = (gsize) (end - p), len, content = 0;
          guint n_seps = 0, saw = SAW_QUOTE;
          /* The fast path starts only a row: libcsv finishes any it began (a quoted field
           * over several lines); parser->pstate 0 is libcsv's ROW_NOT_BEGUN. */
          gboolean fast = any && parser->pstate == 0 && n < G_MAXUINT32;
          if (fast)
            {
              content = scan_line (st, p, n, &n_seps, &saw);
              if (content == n)
                len = at_end ? n : 0;
              else if (p[content] == '\n')
                len = content + 1;
              else if (content + 1 < n)
                len = content + (p[content + 1] == '\n' ? 2 : 1);
              else
                len = at_end ? n : 0;
            }
          else
            len = complete_line (p, end, at_end);
          if (len == 0)
            break;
          if ((!fast || saw != 0) && !check_line (st, p, len, error))
            return FALSE;
          gboolean ends_line = p[len - 1] == '\n' || p[len - 1] == '\r';
          if (fast && (saw & (SAW_QUOTE | SAW_MANY)) == 0)
            {
              split_line (st, p, content, n_seps);
              if (st->error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&st->error));
                  return FALSE;
                }
              st->row_line = st->cur_line + 1;
            }
          else
            {
              if (!any)
                {
                  any = TRUE;
                  st->delim = first_line_delimiter (p, len);
                  csv_set_delim (parser, (unsigned char) st->delim);
                }
              csv_set_blk_size (parser, MAX (MAX ((gsize) 128, len), parser->entry_size));
              size_t parsed = csv_parse (parser, p, len, on_field, on_row, st);
              if (st->error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&st->error));
                  return FALSE;
                }
              if (parsed != len)
                {
                  tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, st->path, st->cur_line,
                                      st->ends->len + 1,
                                      "found a quote inside an unquoted field, or text after a "
                                      "closing quote; expected a field either without quotes or "
                                      "wholly in double quotes (a quote inside written as \"\")");
                  return FALSE;
                }
            }
          p += len;
          if (ends_line)
            {
              if (st->cur_line == G_MAXUINT)
                {
                  tr_input_error_set (error, TR_INPUT_ERROR_IO, st->path, 0, 0,
                                      "found more than %u lines; expected fewer", G_MAXUINT);
                  return FALSE;
                }
              st->cur_line++;
            }
        }
      have = (gsize) (end - p);
      memmove (buffer, p, have);
    }
  guint open_line = st->row_line, open_column = st->ends->len + 1;
  if (csv_fini (parser, on_field, on_row, st) != 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, st->path, open_line, open_column,
                          "found a quoted field that is never closed; expected a closing "
                          "double quote before the end of the file");
      return FALSE;
    }
  if (st->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&st->error));
      return FALSE;
    }
  if (st->n_header == 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_SYNTAX, st->path, 1, 1,
                          "found an empty file; expected a header row and rows of records");
      return FALSE;
    }
  return TRUE;
}

gboolean
tr_csv_stream (const char *file, const char *name, TrStreamRowFunc on_header,
               TrStreamRowFunc on_row_func, gpointer data, guint64 *n_rows, GError **error)
{
  const char *path = name != NULL ? name : file;
  struct stat info;
  int fd = open (file, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &info) != 0)
    {
      int err = errno;
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0, "cannot read the file: %s",
                          g_strerror (err));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  if (!S_ISREG (info.st_mode) && !S_ISCHR (info.st_mode))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0, "found a %s; expected a CSV file",
                          S_ISDIR (info.st_mode)    ? "directory"
                          : S_ISFIFO (info.st_mode) ? "named pipe"
                                                    : "special file");
      close (fd);
      return FALSE;
    }
  Stream st = { .path = path, .on_header = on_header, .on_row = on_row_func, .data = data,
                .cur_line = 1, .row_line = 1,
                .ends = g_array_new (FALSE, FALSE, sizeof (gsize)),
                .texts = g_byte_array_new (),
                .fields = g_array_new (FALSE, FALSE, sizeof (TrField)),
                .seps = g_new (guint32, FAST_MAX_FIELDS) };
  struct csv_parser parser;
  gboolean ok = FALSE;
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL) != 0)
    tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0, "cannot start the CSV parser");
  else
    {
      csv_set_space_func (&parser, is_space);
      ok = read_all (&st, fd, &parser, error);
      csv_free (&parser);
    }
  close (fd);
  g_clear_error (&st.error);
  g_array_free (st.ends, TRUE);
  g_byte_array_unref (st.texts);
  g_array_free (st.fields, TRUE);
  g_free (st.seps);
  if (ok && n_rows != NULL)
    *n_rows = st.n_rows;
  return ok;
}
