/* test-reader.c — unit tests of the reader: CSV cells and lines, layout detection, dataset. */
#include "config.h"

#include <CUnit/Basic.h>
#include <csv.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "country.h"
#include "csvread.h"
#include "dataset.h"
#include "input-error.h"
#include "layout.h"
#include "testutil.h"

static TrCountryTable *countries;

/* ---- helpers ---------------------------------------------------------------------------- */

static TrCsv *
read_text (const char *text, GError **error)
{
  return tr_csv_read_bytes ("t.csv", text, strlen (text), error);
}

static const char *
cell (const TrCsv *csv, guint row, guint column)
{
  const TrRow *r = g_ptr_array_index (csv->rows, row);
  return r->cells[column].text;
}

/* The error message of reading `text`, or "" when it reads. Newly allocated. */
static char *
read_error (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCsv) csv = read_text (text, &error);
  return g_strdup (csv == NULL ? error->message : "");
}

/* Loads `text` as a table of source "declared"; returns the dataset or NULL with *message. */
static TrDataset *
load_text (const char *text, const char *layout, gboolean sum, char **message)
{
  g_autofree char *path = tr_test_write_file ("in.csv", text);
  g_autofree char *layout_path = layout != NULL ? tr_test_write_file ("in.layout", layout) : NULL;
  TrTableSpec spec = { 0 };
  spec.path = path;
  spec.name = "in.csv";
  spec.source = "declared";
  spec.layout_path = layout_path;
  spec.sum_duplicates = sum;
  TrDataset *dataset = tr_dataset_new (countries);
  g_autoptr (GError) error = NULL;
  *message = NULL;
  if (!tr_dataset_load (dataset, &spec, &error))
    {
      *message = g_strdup (error->message);
      tr_dataset_free (dataset);
      return NULL;
    }
  return dataset;
}

static gint64
count_of (const TrDataset *dataset, const char *source, const char *code, int year,
          const char *measure)
{
  const TrObservation *obs = tr_dataset_find (dataset, source, code, year, measure);
  if (obs == NULL)
    return -1;
  return obs->value.present ? obs->value.count : -2;
}

/* tr_dataset_add_sum(): a figure of each measure makes their sum, with every cell in its
 * provenance; a missing part makes it missing; a subject lacking a part gets none; the sums
 * are marked derived; tr_dataset_add() refuses a key held. */
static void
test_dataset_add_sum (void)
{
  g_autofree char *message = NULL;
  g_autoptr (TrDataset) dataset
      = load_text ("country,year,measure,value\n"
                   "AT,2024,referrals,100\nAT,2024,informational,7\n"
                   "BE,2024,referrals,50\nBE,2024,informational,-\n"
                   "FR,2024,referrals,9\n"
                   "DE,2024,referrals,environ 1 000\nDE,2024,informational,5\n",
                   NULL, FALSE, &message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (dataset);
  const char *const measures[] = { "referrals", "informational", NULL };
  g_autoptr (GError) error = NULL;
  CU_ASSERT_EQUAL (tr_dataset_add_sum (dataset, "declared", measures, "both", &error), 3);
  CU_ASSERT_EQUAL (count_of (dataset, "declared", "AT", 2024, "both"), 107);
  CU_ASSERT_EQUAL (count_of (dataset, "declared", "BE", 2024, "both"), -2); /* missing */
  CU_ASSERT_EQUAL (count_of (dataset, "declared", "FR", 2024, "both"), -1); /* no row */
  CU_ASSERT_EQUAL (count_of (dataset, "declared", "DE", 2024, "both"), 1005);
  const TrObservation *at = tr_dataset_find (dataset, "declared", "AT", 2024, "both");
  const TrObservation *be = tr_dataset_find (dataset, "declared", "BE", 2024, "both");
  const TrObservation *de = tr_dataset_find (dataset, "declared", "DE", 2024, "both");
  CU_ASSERT_EQUAL (be->value.missing, TR_MISSING_NOT_REPORTED);
  CU_ASSERT_EQUAL (de->value.qualifier, TR_QUALIFIER_APPROXIMATE);
  CU_ASSERT_EQUAL (at->where.line, 2);
  const GArray *merged = tr_dataset_merged (dataset, at);
  CU_ASSERT_PTR_NOT_NULL_FATAL (merged);
  CU_ASSERT_EQUAL (merged->len, 1);
  CU_ASSERT_EQUAL (g_array_index (merged, TrWhere, 0).line, 3);
  CU_ASSERT (tr_dataset_is_derived (dataset, at));
  CU_ASSERT_FALSE (tr_dataset_is_derived (
      dataset, tr_dataset_find (dataset, "declared", "AT", 2024, "referrals")));
  /* The same sums again: their keys are held. */
  CU_ASSERT_EQUAL (tr_dataset_add_sum (dataset, "declared", measures, "both", &error), -1);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  CU_ASSERT_STRING_EQUAL (error->message, "in.csv:2:4: found a second both figure for AT 2024 "
                                          "(declared); expected one, and the first is at "
                                          "in.csv:2:4");
}

/* ---- CSV -------------------------------------------------------------------------------- */

static void
test_csv_plain (void)
{
  g_autoptr (TrCsv) csv = read_text ("Pays,2022\nAT,10 130\n", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
  CU_ASSERT_EQUAL (csv->delimiter, ',');
  CU_ASSERT_EQUAL (csv->rows->len, 2);
  CU_ASSERT_STRING_EQUAL (cell (csv, 1, 1), "10 130");
  CU_ASSERT_EQUAL (((TrRow *) g_ptr_array_index (csv->rows, 1))->line, 2);
}

static void
test_csv_bom_crlf_semicolon (void)
{
  g_autoptr (TrCsv) csv = read_text ("\xEF\xBB\xBFPays;2022\r\nAT;10,130\r\nBE;\"19 919\"\r\n", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
  CU_ASSERT_EQUAL (csv->delimiter, ';');
  CU_ASSERT_STRING_EQUAL (cell (csv, 0, 0), "Pays");
  CU_ASSERT_STRING_EQUAL (cell (csv, 1, 1), "10,130");
  CU_ASSERT_STRING_EQUAL (cell (csv, 2, 1), "19 919");
  CU_ASSERT_EQUAL (((TrRow *) g_ptr_array_index (csv->rows, 2))->line, 3);
}

static void
test_csv_tab (void)
{
  g_autoptr (TrCsv) csv = read_text ("Pays\t2022\t2023\nAT\t10 130\t\nBE\t 4 \t5\n", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
  CU_ASSERT_EQUAL (csv->delimiter, '\t');
  CU_ASSERT_STRING_EQUAL (cell (csv, 1, 2), "");
  CU_ASSERT_STRING_EQUAL (cell (csv, 2, 1), "4");
}

/* A quoted remark over three lines: the next row's line is counted after it. */
static void
test_csv_multiline (void)
{
  g_autoptr (TrCsv) csv
      = read_text ("Pays,2022,Remarques\nDE,1,\"one\ntwo, \"\"three\"\"\nfour\"\nDK,2,x\n", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
  CU_ASSERT_EQUAL (csv->rows->len, 3);
  CU_ASSERT_STRING_EQUAL (cell (csv, 1, 2), "one\ntwo, \"three\"\nfour");
  const TrRow *dk = g_ptr_array_index (csv->rows, 2);
  CU_ASSERT_EQUAL (dk->line, 5);
  CU_ASSERT_EQUAL (dk->cells[2].line, 5);
}

static void
test_csv_blank_rows_dropped (void)
{
  g_autoptr (TrCsv) csv = read_text ("Pays,2022\n\nAT,1\n,\n", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
  CU_ASSERT_EQUAL (csv->rows->len, 2);
  CU_ASSERT_EQUAL (((TrRow *) g_ptr_array_index (csv->rows, 1))->line, 3);
}

/* A layout file's header-line and notes-below: the rows they read past are dropped; a header
 * line on which no row starts, or too many note rows, are errors. */
/* A table whose `special` bytes start at byte `offset` of the file, inside a row "g,…" (in a
 * quoted cell when `special` ends with a quote) after rows of filler. */
static GString *
table_with_at (gsize offset, const char *special)
{
  gboolean quoted = g_str_has_suffix (special, "\"");
  GString *text = g_string_new ("h,i\r\n");
  while (text->len + 1000 + 2 < offset)
    {
      g_string_append (text, "f,");
      for (guint i = 0; i < 996; i++)
        g_string_append_c (text, 'x');
      g_string_append (text, "\r\n");
    }
  g_string_append (text, quoted ? "g,\"" : "g,");
  while (text->len < offset)
    g_string_append_c (text, 'x');
  g_string_append (text, special);
  g_string_append (text, "\r\nlast,row\r\n");
  return text;
}

/* A file read a chunk at a time gives the cells, lines, checksum and errors the same bytes give
 * read at once, when a chunk ends inside a CRLF, a character, a quoted cell or before a byte
 * that is not UTF-8. */
static void
test_csv_chunks (void)
{
  const gsize chunk = TR_CSV_CHUNK_BYTES;
  const struct {
    gsize offset;
    const char *special;
    const char *error; /* expected of both readings, or NULL */
  } cases[] = {
    { chunk - 1, "\r\nq,r", NULL },          /* CR the last byte of the first chunk */
    { chunk - 1, "\xC3\xA9t\xC3\xA9", NULL }, /* a character across it */
    { chunk - 2, "\xE2\x80\xAF", NULL },       /* a three-byte character across it */
    { chunk - 4, "\n\r\nmulti\nline\"", NULL }, /* a quoted cell of four lines across it */
    { chunk + 10, "\xFF", "t.csv:1050:582: found the byte 0xFF at byte 582 of the line, which "
                         "is not valid UTF-8; expected UTF-8 text (convert the file, e.g. with "
                         "iconv)" },
    { 2 * chunk + 3, "\r\n\"open", "t.csv:2100:1: found a quoted field that is never closed; "
                                    "expected a closing double quote before the end of the file" },
  };
  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GString) text
          = table_with_at (cases[k].offset, cases[k].special);
      g_autofree char *dir = g_dir_make_tmp ("test-reader-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "t.csv", NULL);
      CU_ASSERT_FATAL (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
      g_autoptr (GError) file_error = NULL, bytes_error = NULL;
      g_autoptr (TrCsv) from_file = tr_csv_read (path, "t.csv", &file_error);
      g_autoptr (TrCsv) from_bytes = tr_csv_read_bytes ("t.csv", text->str, text->len,
                                                        &bytes_error);
      g_unlink (path);
      g_rmdir (dir);
      if (cases[k].error != NULL)
        {
          CU_ASSERT_PTR_NULL (from_file);
          CU_ASSERT_PTR_NULL (from_bytes);
          CU_ASSERT_STRING_EQUAL (file_error != NULL ? file_error->message : "", cases[k].error);
          CU_ASSERT_STRING_EQUAL (bytes_error != NULL ? bytes_error->message : "",
                                  cases[k].error);
          continue;
        }
      CU_ASSERT_PTR_NOT_NULL_FATAL (from_file);
      CU_ASSERT_PTR_NOT_NULL_FATAL (from_bytes);
      CU_ASSERT_STRING_EQUAL (from_file->sha256, from_bytes->sha256);
      CU_ASSERT_EQUAL (from_file->n_bytes, text->len);
      CU_ASSERT_EQUAL (from_file->rows->len, from_bytes->rows->len);
      for (guint r = 0; r < MIN (from_file->rows->len, from_bytes->rows->len); r++)
        {
          const TrRow *a = g_ptr_array_index (from_file->rows, r);
          const TrRow *b = g_ptr_array_index (from_bytes->rows, r);
          CU_ASSERT_EQUAL (a->line, b->line);
          CU_ASSERT_EQUAL_FATAL (a->n_cells, b->n_cells);
          for (guint c = 0; c < a->n_cells; c++)
            {
              CU_ASSERT_STRING_EQUAL (a->cells[c].text, b->cells[c].text);
              CU_ASSERT_EQUAL (a->cells[c].line, b->cells[c].line);
            }
        }
      /* The row after the special bytes starts on the line after the last one they end. */
      const TrRow *last = g_ptr_array_index (from_file->rows, from_file->rows->len - 1);
      CU_ASSERT_STRING_EQUAL (last->cells[0].text, "last");
      guint lines = 1;
      for (gsize i = 0; i < text->len; i++)
        lines += text->str[i] == '\n';
      CU_ASSERT_EQUAL (last->line, lines - 1);
    }
}

static void
test_csv_frame (void)
{
  static const char text[] = "Title line\n\n\"Pays\",2022\nAT,1\nBE,2\nSource: x\n";
  TrCsvFrame frame = { .header_line = 3, .notes_below = 1, .layout_path = "t.layout" };
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCsv) csv = tr_csv_read_bytes_framed ("t.csv", text, strlen (text), &frame, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
  CU_ASSERT_EQUAL (csv->rows->len, 3);
  const TrRow *header = g_ptr_array_index (csv->rows, 0);
  CU_ASSERT_EQUAL (header->line, 3);
  CU_ASSERT_STRING_EQUAL (header->cells[0].text, "Pays");
  CU_ASSERT_EQUAL (((const TrRow *) g_ptr_array_index (csv->rows, 2))->line, 5);

  frame.header_line = 2;
  g_autoptr (TrCsv) blank = tr_csv_read_bytes_framed ("t.csv", text, strlen (text), &frame,
                                                      &error);
  CU_ASSERT_PTR_NULL (blank);
  CU_ASSERT_STRING_EQUAL (error->message,
                          "t.layout: [layout] header-line = 2, but no row of t.csv starts on "
                          "line 2 (it is blank, past the end or inside a quoted field); "
                          "expected the line of the header");
  g_clear_error (&error);
  frame.header_line = 3;
  frame.notes_below = 4;
  g_autoptr (TrCsv) too_many = tr_csv_read_bytes_framed ("t.csv", text, strlen (text), &frame,
                                                         &error);
  CU_ASSERT_PTR_NULL (too_many);
  CU_ASSERT_STRING_EQUAL (error->message,
                          "t.layout: [layout] notes-below = 4, but t.csv has 4 rows from its "
                          "header on; expected fewer note rows than that");
}

/* Rows as libcsv alone gives them (the options of csvread.c), blank rows left out: each row
 * its cells joined with '|' and ended with '\n'. */
typedef struct {
  GString *rows;
  GString *row;
  guint n;
  gboolean blank;
} LibcsvRows;

static void
libcsv_field (void *text, size_t len, void *data)
{
  LibcsvRows *r = data;
  if (r->n++ > 0)
    g_string_append_c (r->row, '|');
  g_string_append_len (r->row, text != NULL ? text : "", (gssize) len);
  r->blank = r->blank && len == 0;
}

static void
libcsv_row (int terminator, void *data)
{
  (void) terminator;
  LibcsvRows *r = data;
  if (!r->blank)
    g_string_append_printf (r->rows, "%s\n", r->row->str);
  g_string_truncate (r->row, 0);
  r->n = 0;
  r->blank = TRUE;
}

static int
libcsv_space (unsigned char c)
{
  return c == ' ';
}

static char *
libcsv_rows (const char *text, char delimiter)
{
  struct csv_parser parser;
  LibcsvRows r = { g_string_new (NULL), g_string_new (NULL), 0, TRUE };
  CU_ASSERT_EQUAL_FATAL (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL
                                                | CSV_REPALL_NL), 0);
  csv_set_delim (&parser, (unsigned char) delimiter);
  csv_set_space_func (&parser, libcsv_space);
  CU_ASSERT_EQUAL (csv_parse (&parser, text, strlen (text), libcsv_field, libcsv_row, &r),
                   strlen (text));
  CU_ASSERT_EQUAL (csv_fini (&parser, libcsv_field, libcsv_row, &r), 0);
  csv_free (&parser);
  g_string_free (r.row, TRUE);
  return g_string_free (r.rows, FALSE);
}

/* A line without a double quote is split by csvread.c itself: the same cells as libcsv's,
 * and each on its line. */
static void
test_csv_plain_lines (void)
{
  static const struct {
    const char *text;
    char delimiter;
  } cases[] = {
    { "a,b,c\n1,2,3\n", ',' },
    { "a,b,c\n  1 , 2 ,3  \n", ',' },
    { "a,b,c\n,,\n1,,\n,,3\n", ',' },
    { "a,b,c\r\n1,2,3\r\n\r\n4,5,6\r\n", ',' },
    { "a,b,c\r1,2,3\r\r4,5,6\r", ',' },
    { "a,b,c\n   \n \t ,x,y\n", ',' },
    { "a;b;c\n1,5;2 ;3\n", ';' },
    { "a\tb\tc\n 1 \t2\t 3 \n \t\t\n", '\t' },
    { "a,b,c\n\"q\",2,3\n4,\"x\ny\",6\n7,8,9\n", ',' },
    { "a,b,c\n1,2,3", ',' },
    { "a,b,c\n\xc3\xa9t\xc3\xa9 ,\xe2\x80\xaf,\xc2\xa0\n", ',' },
  };
  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const char *text = cases[k].text;
      g_autofree char *expected = libcsv_rows (text, cases[k].delimiter);
      g_autoptr (GError) error = NULL;
      g_autoptr (TrCsv) csv = tr_csv_read_bytes ("t.csv", text, strlen (text), &error);
      CU_ASSERT_STRING_EQUAL (error != NULL ? error->message : "", "");
      CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
      CU_ASSERT_EQUAL (csv->delimiter, cases[k].delimiter);
      g_autoptr (GString) got = g_string_new (NULL);
      for (guint r = 0; r < csv->rows->len; r++)
        {
          const TrRow *row = g_ptr_array_index (csv->rows, r);
          for (guint i = 0; i < row->n_cells; i++)
            g_string_append_printf (got, "%s%s", i > 0 ? "|" : "", row->cells[i].text);
          g_string_append_c (got, '\n');
        }
      CU_ASSERT_STRING_EQUAL (got->str, expected);
    }
  /* Lines and cells: each field on the line where it starts. */
  static const char lines[] = "a,b\r\n\r\n1, 2\r3,\"x\ny\"\n5,6\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCsv) csv = tr_csv_read_bytes ("t.csv", lines, strlen (lines), &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
  CU_ASSERT_EQUAL_FATAL (csv->rows->len, 4);
  const guint want[4][2] = { { 1, 1 }, { 3, 3 }, { 4, 4 }, { 6, 6 } };
  for (guint r = 0; r < 4; r++)
    {
      const TrRow *row = g_ptr_array_index (csv->rows, r);
      CU_ASSERT_EQUAL (row->line, want[r][0]);
      CU_ASSERT_EQUAL (row->cells[1].line, want[r][1]);
    }
  CU_ASSERT_STRING_EQUAL (((const TrRow *) g_ptr_array_index (csv->rows, 2))->cells[1].text,
                          "x\ny");
}

/* The SHA-256 of the bytes read, unless the frame says no_checksum: then none, but for a file
 * of more than one chunk, read twice and found unchanged by its checksum. */
static void
test_csv_checksum (void)
{
  static const char text[] = "a,b\n1,2\n";
  static const char digest[]
      = "492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470";
  const TrCsvFrame unsummed = { .no_checksum = TRUE };
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCsv) summed = tr_csv_read_bytes ("t.csv", text, strlen (text), &error);
  g_autoptr (TrCsv) bare = tr_csv_read_bytes_framed ("t.csv", text, strlen (text), &unsummed,
                                                     &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (summed);
  CU_ASSERT_PTR_NOT_NULL_FATAL (bare);
  CU_ASSERT_STRING_EQUAL (summed->sha256, digest);
  CU_ASSERT_PTR_NULL (bare->sha256);
  CU_ASSERT_EQUAL (bare->rows->len, 2);

  g_autofree char *dir = g_dir_make_tmp ("test-reader-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.csv", NULL);
  CU_ASSERT_FATAL (g_file_set_contents (path, text, -1, NULL));
  g_autoptr (TrCsv) file_summed = tr_csv_read (path, "t.csv", &error);
  g_autoptr (TrCsv) file_bare = tr_csv_read_framed (path, "t.csv", &unsummed, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (file_summed);
  CU_ASSERT_PTR_NOT_NULL_FATAL (file_bare);
  CU_ASSERT_STRING_EQUAL (file_summed->sha256, digest);
  CU_ASSERT_PTR_NULL (file_bare->sha256);

  g_autoptr (GString) long_text = table_with_at (2 * TR_CSV_CHUNK_BYTES + 3, "x");
  CU_ASSERT_FATAL (g_file_set_contents (path, long_text->str, (gssize) long_text->len, NULL));
  g_autofree char *long_digest = g_compute_checksum_for_data (
      G_CHECKSUM_SHA256, (const guchar *) long_text->str, long_text->len);
  g_autoptr (TrCsv) long_bare = tr_csv_read_framed (path, "t.csv", &unsummed, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (long_bare);
  CU_ASSERT_STRING_EQUAL (long_bare->sha256, long_digest);
  g_unlink (path);
  g_rmdir (dir);
}

/* tr_csv_read_bytes_each(): the data rows are handed over in order, past the title and
 * without the notes, each living only for its call; an error of the row function gives way to
 * an error of the file itself found later (a ragged row), as when the whole file was read
 * first. */
static gboolean
collect_row (const TrCsv *csv, const TrRow *row, gpointer data, GError **error)
{
  (void) csv;
  GString *seen = data;
  g_string_append_printf (seen, "%u:%s;", row->line, row->cells[0].text);
  if (strcmp (row->cells[0].text, "XX") == 0)
    {
      g_set_error (error, TR_INPUT_ERROR, TR_INPUT_ERROR_VALUE, "row XX");
      return FALSE;
    }
  return TRUE;
}

static void
test_csv_each (void)
{
  static const char text[] = "Title line\n\n\"Pays\",2022\nAT,1\nBE,2\nSource: x\n";
  TrCsvFrame frame = { .header_line = 3, .notes_below = 1, .layout_path = "t.layout" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) seen = g_string_new (NULL);
  g_autoptr (TrCsv) csv = tr_csv_read_bytes_each ("t.csv", text, strlen (text), &frame, NULL,
                                                  collect_row, seen, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
  CU_ASSERT_STRING_EQUAL (seen->str, "4:AT;5:BE;");
  CU_ASSERT_EQUAL (csv->rows->len, 1);
  CU_ASSERT_EQUAL (csv->n_rows, 3);

  /* The row function fails on line 4, a ragged row follows on line 6: the ragged row is the
   * error, and no row is handed over after the failure. */
  static const char ragged[] = "Pays,2022\nAT,1\nXX,2\nBE,3\nFR,4,5\n";
  g_string_truncate (seen, 0);
  g_autoptr (TrCsv) none = tr_csv_read_bytes_each ("t.csv", ragged, strlen (ragged), NULL, NULL,
                                                   collect_row, seen, &error);
  CU_ASSERT_PTR_NULL (none);
  CU_ASSERT_STRING_EQUAL (seen->str, "2:AT;3:XX;");
  CU_ASSERT_STRING_EQUAL (error->message,
                          "t.csv:5:3: found a row of 3 fields; expected 2 fields, as in the "
                          "header on line 1 (if the lines above are a title, not the header, "
                          "a layout file saying [layout] header-line = 5 reads past them)");
  g_clear_error (&error);
  /* Without the ragged row, the row function's error. */
  g_autoptr (TrCsv) failed = tr_csv_read_bytes_each ("t.csv", ragged, strlen (ragged) - 7, NULL,
                                                     NULL, collect_row, seen, &error);
  CU_ASSERT_PTR_NULL (failed);
  CU_ASSERT_STRING_EQUAL (error->message, "row XX");
}

static void
test_csv_errors (void)
{
  struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "", "t.csv:1:1: found an empty file; expected a header row and rows of figures" },
    { "Pays,2022\nAT,1,2\n",
      "t.csv:2:3: found a row of 3 fields; expected 2 fields, as in the header on line 1 (if "
      "the lines above are a title, not the header, a layout file saying [layout] header-line "
      "= 2 reads past them)" },
    { "Pays,2022\nAT,1\nSource: x\n\nNote: y\n",
      "t.csv:3:2: found a row of 1 field; expected 2 fields, as in the header on line 1 (if "
      "this line and the ones after it are notes under the table, a layout file saying "
      "[layout] notes-below = 2 reads past them)" },
    { "Pays,2022\nAT,\"1\n", "t.csv:2:2: found a quoted field that is never closed; expected "
                            "a closing double quote before the end of the file" },
    { "Pays,2022\nAT,\xff\n", "t.csv:2:4: found the byte 0xFF at byte 4 of the line, which is "
                             "not valid UTF-8; expected UTF-8 text (convert the file, e.g. "
                             "with iconv)" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = read_error (cases[i].text);
      CU_ASSERT_STRING_EQUAL (message, cases[i].message);
    }
  /* A NUL byte cannot be in a C string literal's text: build it. */
  static const char with_nul[] = "Pays,2022\nAT,1\0\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCsv) csv = tr_csv_read_bytes ("t.csv", with_nul, sizeof with_nul - 1, &error);
  CU_ASSERT_PTR_NULL (csv);
  CU_ASSERT_STRING_EQUAL (error->message, "t.csv:2:5: found a NUL byte at byte 5 of the line; "
                                          "expected text");
}

/* ---- layout ----------------------------------------------------------------------------- */

static void
test_header_year (void)
{
  CU_ASSERT_EQUAL (tr_layout_header_year ("2022"), 2022);
  CU_ASSERT_EQUAL (tr_layout_header_year ("Signalements en 2022"), 2022);
  CU_ASSERT_EQUAL (tr_layout_header_year ("Nombre total de cas signalés en 2022 ¹¹"), 2022);
  CU_ASSERT_EQUAL (tr_layout_header_year ("Nombre total de cas signalés en 2023¹²"), 2023);
  CU_ASSERT_EQUAL (tr_layout_header_year ("ref2024"), 2024);
  CU_ASSERT_EQUAL (tr_layout_header_year ("Pays"), 0);
  CU_ASSERT_EQUAL (tr_layout_header_year ("12022"), 0);
  CU_ASSERT_EQUAL (tr_layout_header_year ("1899"), 0);
  CU_ASSERT_EQUAL (tr_layout_header_year ("2022-2023"), -1);
  CU_ASSERT_EQUAL (tr_layout_header_year ("2022 and 2022"), 2022);
}

/* What a header that names a part of a year, several years, a fiscal year or a provisional
 * year seems to hold; NULL for every header of the bundled tables. */
static void
test_header_period (void)
{
  static const struct {
    const char *header;
    const char *phrase;
  } cases[] = {
    { "Q1 2024", "a quarter of 2024 (Q1 2024)" },
    { "2024 Q1", "a quarter of 2024 (Q1 2024)" },
    { "T1 2024", "a quarter of 2024 (Q1 2024)" },
    { "H1 2024", "a half of 2024 (H1 2024)" },
    { "1er semestre 2024", "a half of 2024 (H1 2024)" },
    { "Jan-Jun 2024", "a half of 2024 (H1 2024)" },
    { "janvier-juin 2024", "a half of 2024 (H1 2024)" },
    { "Jan-Apr 2024", "some months of 2024 (January\u2013April 2024)" },
    { "FY2023", "a fiscal or split year" },
    { "2023/24", "a fiscal or split year" },
    { "2023-24", "a fiscal or split year" },
    { "2024 (provisional)", "a provisional figure for 2024" },
    { "2024p", "a provisional figure for 2024" },
    { "2022-2024", "several years together (2022\u20132024)" },
    { "Reports in Q1 2024", "a quarter of 2024 (Q1 2024)" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *why = NULL;
      g_autofree char *phrase = tr_layout_period_phrase (cases[i].header, NULL, &why, NULL);
      CU_ASSERT_PTR_NOT_NULL_FATAL (phrase);
      CU_ASSERT_STRING_EQUAL (phrase, cases[i].phrase);
      CU_ASSERT_PTR_NOT_NULL (why);
    }
  static const char *const years[] = {
    "2022", "Signalements en 2022", "Nombre total de cas signalés en 2022 ¹¹", "ref2024",
    "info2024", "2022 Total", "2022 Filles (F)/ Garçons (G)/ Sexe indéterminé",
    "Nombre de condamnations en 2024", "Pays", "2022 and 2022",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (years); i++)
    {
      const char *why = NULL;
      g_autofree char *phrase = tr_layout_period_phrase (years[i], NULL, &why, NULL);
      CU_ASSERT_PTR_NULL (phrase);
    }
}

/* The period a table may read from a header: a part of a year (a part of the year's figure),
 * a span, months across two years, and a fiscal year only when the layout maps it; a part is
 * within one calendar year and never the whole of it. */
static void
test_header_period_read (void)
{
  static const struct {
    const char *header;
    int fiscal_first_month;
    TrPeriod period; /* { 0, 0 }: refused */
    gboolean part;
  } cases[] = {
    { "Q1 2024", 0, { 12 * 2024, 3 }, TRUE },
    { "Q4 2024", 0, { 12 * 2024 + 9, 3 }, TRUE },
    { "Jan-Nov 2024", 0, { 12 * 2024, 11 }, TRUE },
    { "Feb-Dec 2024", 0, { 12 * 2024 + 1, 11 }, TRUE },
    { "December 2024", 0, { 12 * 2024 + 11, 1 }, TRUE },
    { "2024 (provisional)", 0, { 12 * 2024, 12 }, FALSE },
    { "2022-2024", 0, { 12 * 2022, 36 }, FALSE },
    { "Total 2022-2023", 0, { 12 * 2022, 24 }, FALSE },
    { "Dec 2023-Jan 2024", 0, { 12 * 2023 + 11, 2 }, FALSE },
    { "Jul 2023-Jun 2024", 0, { 12 * 2023 + 6, 12 }, FALSE },
    { "FY2023", 0, { 0, 0 }, FALSE },
    { "FY2023", 7, { 12 * 2022 + 6, 12 }, FALSE },
    { "2023/24", 7, { 12 * 2023 + 6, 12 }, FALSE },
    { "2023/24", 4, { 12 * 2023 + 3, 12 }, FALSE },
    { "Q1 2024 (provisional)", 0, { 0, 0 }, FALSE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *why = NULL;
      TrPeriodOptions options = { cases[i].fiscal_first_month };
      TrPeriod got = { -1, -1 };
      g_autofree char *phrase = tr_layout_period_phrase (cases[i].header, &options, &why, &got);
      CU_ASSERT_PTR_NOT_NULL (phrase);
      CU_ASSERT_EQUAL (got.start, cases[i].period.start);
      CU_ASSERT_EQUAL (got.months, cases[i].period.months);
      CU_ASSERT_EQUAL (tr_layout_period_is_part (got), cases[i].part);
    }
  /* A whole calendar year is no part of itself; a fiscal year starting in January is the
   * calendar year. */
  CU_ASSERT_FALSE (tr_layout_period_is_part (tr_period_year (2024)));
  TrPeriodOptions january = { 1 };
  const char *why = NULL;
  TrPeriod got = { -1, -1 };
  g_autofree char *phrase = tr_layout_period_phrase ("FY2024", &january, &why, &got);
  CU_ASSERT_PTR_NULL (phrase);
}

/* Wide headers naming parts of a year: each part is one part of the year's figure, and the
 * first says whether they make up the year exactly. */
static void
test_header_parts (void)
{
  static const struct {
    const char *header;
    guint first;      /* the column of the first part */
    guint n_parts;
    gboolean partial;
  } cases[] = {
    { "Pays,Q1 2024,Q2 2024,Q3 2024,Q4 2024", 1, 4, FALSE },
    { "Pays,Q3 2024,Q1 2024,Q4 2024,Q2 2024", 1, 4, FALSE }, /* in any order */
    { "Pays,1er semestre 2024,2e semestre 2024", 1, 2, FALSE },
    { "Pays,Jan-Jun 2024,Q3 2024,Q4 2024", 1, 3, FALSE },
    { "Pays,2023,H1 2024", 2, 1, TRUE },
    { "Pays,Q1 2024,Q2 2024,Q3 2024", 1, 3, TRUE },         /* a quarter short */
    { "Pays,H1 2024,Q2 2024,H2 2024", 1, 3, TRUE },         /* Q2 twice */
    { "Pays,Q1 2024,Q2 2024,Q3 2024,Q4 2024,Q1 2024", 1, 5, TRUE },
  };
  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      /* One data row with as many cells as the header. */
      g_auto (GStrv) cells = g_strsplit (cases[k].header, ",", -1);
      g_autoptr (GString) table = g_string_new (cases[k].header);
      g_string_append (table, "\nFR");
      for (guint c = 1; cells[c] != NULL; c++)
        g_string_append (table, ",1");
      g_string_append_c (table, '\n');
      g_autoptr (GError) error = NULL;
      g_autoptr (TrCsv) csv = read_text (table->str, &error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
      g_autoptr (TrLayout) layout = tr_layout_detect (csv, NULL, NULL, &error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (layout);
      const TrColumn *first = &layout->columns[cases[k].first];
      CU_ASSERT_EQUAL (first->role, TR_COLUMN_COUNT);
      CU_ASSERT_EQUAL (first->year, 2024);
      CU_ASSERT (first->sum);
      CU_ASSERT_EQUAL (first->sum_first, cases[k].first + 1);
      CU_ASSERT_EQUAL (first->partial, cases[k].partial);
      guint n = 0;
      for (guint i = cases[k].first + 1; i > 0; i = layout->columns[i - 1].sum_next)
        {
          CU_ASSERT (layout->columns[i - 1].part.months > 0);
          n++;
        }
      CU_ASSERT_EQUAL (n, cases[k].n_parts);
    }
  /* A year printed provisional is the year, its column marked. */
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCsv) csv = read_text ("Pays,2023,2024 (provisional),2022p\nFR,1,2,3\n", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (csv);
  g_autoptr (TrLayout) layout = tr_layout_detect (csv, NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (layout);
  CU_ASSERT_FALSE (layout->columns[1].provisional);
  for (guint i = 2; i <= 3; i++)
    {
      CU_ASSERT_EQUAL (layout->columns[i].role, TR_COLUMN_COUNT);
      CU_ASSERT_EQUAL (layout->columns[i].year, i == 2 ? 2024 : 2022);
      CU_ASSERT (layout->columns[i].provisional);
      CU_ASSERT_FALSE (layout->columns[i].sum);
    }
}

static char *
layout_error (const char *text)
{
  g_autoptr (TrCsv) csv = read_text (text, NULL);
  g_assert (csv != NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TrLayout) layout = tr_layout_detect (csv, NULL, NULL, &error);
  return g_strdup (layout == NULL ? error->message : "");
}

static void
test_layout_wide (void)
{
  g_autoptr (TrCsv) csv = read_text ("Pays,Signalements en 2022,Signalements en 2023,Origine,"
                                     "Remarques\nAT,1,2,NCMEC,\n",
                                     NULL);
  g_autoptr (TrLayout) layout = tr_layout_detect (csv, NULL, NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (layout);
  CU_ASSERT_EQUAL (layout->kind, TR_LAYOUT_WIDE);
  CU_ASSERT_EQUAL (layout->columns[0].role, TR_COLUMN_COUNTRY);
  CU_ASSERT_EQUAL (layout->columns[1].role, TR_COLUMN_COUNT);
  CU_ASSERT_EQUAL (layout->columns[1].year, 2022);
  CU_ASSERT_EQUAL (layout->columns[2].year, 2023);
  CU_ASSERT_EQUAL (layout->columns[3].role, TR_COLUMN_TEXT);
  CU_ASSERT_EQUAL (layout->columns[4].role, TR_COLUMN_TEXT);
}

static void
test_layout_long (void)
{
  g_autoptr (TrCsv) csv
      = read_text ("source,country,year,measure,value,note\ndeclared,AT,2022,reports,1,\n", NULL);
  g_autoptr (TrLayout) layout = tr_layout_detect (csv, NULL, NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (layout);
  CU_ASSERT_EQUAL (layout->kind, TR_LAYOUT_LONG);
  CU_ASSERT_EQUAL (layout->columns[0].role, TR_COLUMN_SOURCE);
  CU_ASSERT_EQUAL (layout->columns[4].role, TR_COLUMN_VALUE);
  CU_ASSERT_EQUAL (layout->columns[5].role, TR_COLUMN_NOTE);
}

static void
test_layout_errors (void)
{
  g_autofree char *no_year = layout_error ("Pays,Remarques\nAT,x\n");
  CU_ASSERT_STRING_EQUAL (no_year,
                          "t.csv:1:1: found no year in any header cell; expected a wide table "
                          "with one column per year (a header such as '2022' or 'Reports in "
                          "2022') or a long table with the columns country, year and value");
  g_autofree char *two_countries = layout_error ("country,iso3,2022\nAustria,AUT,1\n");
  CU_ASSERT_STRING_EQUAL (two_countries,
                          "t.csv:1:2: found two country columns, 'country' (column 1) and "
                          "'iso3' (column 2); expected one: say which to use ([layout] country "
                          "= country): write a layout file (see docs/layout-files.md) and pass "
                          "it with --reference-layout FILE or --declared-layout FILE");
  g_autofree char *two_years = layout_error ("country,ref2024,info2024\nAustria,1,2\n");
  CU_ASSERT_STRING_EQUAL (two_years,
                          "t.csv:1:3: found two columns for 2024, 'ref2024' (column 2) and "
                          "'info2024' (column 3); expected one column per year and measure: "
                          "say what each holds ([column 3] measure = …) or that they add up "
                          "into one figure (sum = true in [column 2] and in [column 3]): write "
                          "a layout file (see docs/layout-files.md) and pass it with "
                          "--reference-layout FILE or --declared-layout FILE");
}

/* Inputs the fuzzers found problems with (tests/fuzz-regressions/keyfile-*), run again as
 * layout files on the fuzz harness's table: each must give a layout or an error, and (in the
 * sanitizer build) leak nothing. */
static void
test_layout_fuzz_regressions (void)
{
  static const char table[] = "country,iso3,ref2024,info2024,2023 F/G,2023 Total,Remarks\n"
                              "Austria,AUT,\"18,528\",\"1,342\",4/2,6,x\n";
  const char *tests_dir = g_getenv ("TESTS_DIR");
  g_autofree char *dir_path = g_build_filename (tests_dir != NULL ? tests_dir : "tests",
                                                "fuzz-regressions", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (dir);
  guint n = 0;
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      if (!g_str_has_prefix (name, "keyfile-"))
        continue;
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *bytes = NULL;
      gsize size = 0;
      CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &bytes, &size, NULL));
      g_autoptr (GKeyFile) file = g_key_file_new ();
      if (!g_key_file_load_from_data (file, bytes, size, G_KEY_FILE_NONE, NULL))
        continue;
      g_autoptr (TrCsv) csv = read_text (table, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (TrLayout) layout = tr_layout_detect (csv, file, name, &error);
      CU_ASSERT ((layout == NULL) == (error != NULL));
      n++;
    }
  CU_ASSERT (n >= 1);
}

/* ---- dataset ---------------------------------------------------------------------------- */

static void
test_dataset_wide (void)
{
  g_autofree char *message = NULL;
  g_autoptr (TrDataset) ds = load_text ("Pays,2022,2023,Remarques\n"
                                        "Autriche,10 130,-,note\n"
                                        "EL,\"1,503\",Données indisponibles,\n"
                                        "Total,11 633,,\n",
                                        NULL, FALSE, &message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (ds);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "AT", 2022, "reports"), 10130);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "AT", 2023, "reports"), -2);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "GR", 2022, "reports"), 1503);
  CU_ASSERT_EQUAL (count_of (ds, "declared", NULL, 2022, "reports"), 11633);
  /* An empty cell in a Total row publishes nothing. */
  CU_ASSERT_EQUAL (count_of (ds, "declared", NULL, 2023, "reports"), -1);
  const TrObservation *gr = tr_dataset_find (ds, "declared", "GR", 2023, "reports");
  CU_ASSERT_EQUAL (gr->value.missing, TR_MISSING_NOT_AVAILABLE);
  CU_ASSERT_EQUAL (gr->where.line, 3);
  CU_ASSERT_EQUAL (gr->where.column, 3);
  CU_ASSERT_EQUAL (ds->annotations->len, 1);
  CU_ASSERT_EQUAL (((TrInput *) g_ptr_array_index (ds->inputs, 0))->rows, 3);
}

static void
test_dataset_long (void)
{
  g_autofree char *message = NULL;
  g_autoptr (TrDataset) ds = load_text ("country,year,measure,value\n"
                                        "CZE,2022,reports,61 994\n"
                                        "Tschechien,2023,convictions,25\n",
                                        NULL, FALSE, &message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (ds);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "CZ", 2022, "reports"), 61994);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "CZ", 2023, "convictions"), 25);
}

static void
test_dataset_breakdown (void)
{
  g_autofree char *message = NULL;
  g_autoptr (TrDataset) ds = load_text ("Pays,2022 F/G,2022 Total\n"
                                        "MT,408/470/11,889\n"
                                        "DE,14 979/ 4 795,19 774\n"
                                        "CY,-,102\n",
                                        "[layout]\ncountry = Pays\nmeasure = children\n"
                                        "[column 2]\nkind = breakdown\n[column 3]\nyear = 2022\n",
                                        FALSE, &message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (ds);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "MT", 2022, "children_girls"), 408);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "MT", 2022, "children_boys"), 470);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "MT", 2022, "children_unknown"), 11);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "MT", 2022, "children"), 889);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "DE", 2022, "children_boys"), 4795);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "DE", 2022, "children_unknown"), -1);
  CU_ASSERT_EQUAL (count_of (ds, "declared", "CY", 2022, "children_girls"), -2);
}

/* Loads `text` with `layout` as a context table of providers (rows may name organisations). */
static TrDataset *
load_context (const char *text, const char *layout, char **message)
{
  g_autofree char *path = tr_test_write_file ("ctx.csv", text);
  g_autofree char *layout_path = tr_test_write_file ("ctx.layout", layout);
  TrTableSpec spec = { 0 };
  spec.path = path;
  spec.name = "ctx.csv";
  spec.source = "providers";
  spec.layout_path = layout_path;
  spec.organisations = TRUE;
  TrDataset *dataset = tr_dataset_new (countries);
  g_autoptr (GError) error = NULL;
  *message = NULL;
  if (!tr_dataset_load (dataset, &spec, &error))
    {
      *message = g_strdup (error->message);
      tr_dataset_free (dataset);
      return NULL;
    }
  return dataset;
}

static const char ratio_layout[] = "[layout]\ncountry = Fournisseur\n"
                                   "[column 2]\nyear = 2023\nkind = ratio\n"
                                   "measure = error_ratio\n";

/* [column N] kind = ratio: one cell, up to three figures, each with the cell's provenance; a
 * marker is a missing percentage; a percentage is never a count. */
static void
test_dataset_ratio (void)
{
  g_autofree char *message = NULL;
  g_autoptr (TrDataset) ds = load_context ("Fournisseur,Ratio d'erreur 2023,Remarques\n"
                                           "Google,\"1,14 % (18/1576).\",texte\n"
                                           "Meta,\"0,32 % (11 600/3,6 millions)\",\n"
                                           "Microsoft,s.o.,\n"
                                           "Yubo,20 %,\n",
                                           ratio_layout, &message);
  if (ds == NULL)
    fprintf (stderr, "\n  %s\n", message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (ds);
  const TrObservation *p = tr_dataset_find (ds, "providers", "org:google", 2023, "error_ratio");
  const TrObservation *a
      = tr_dataset_find (ds, "providers", "org:google", 2023, "error_ratio_numerator");
  const TrObservation *b
      = tr_dataset_find (ds, "providers", "org:google", 2023, "error_ratio_denominator");
  CU_ASSERT_PTR_NOT_NULL_FATAL (p);
  CU_ASSERT_PTR_NOT_NULL_FATAL (a);
  CU_ASSERT_PTR_NOT_NULL_FATAL (b);
  CU_ASSERT_EQUAL (p->value.unit, TR_UNIT_PERCENT);
  CU_ASSERT_EQUAL (p->value.count, 1140000);
  CU_ASSERT_EQUAL (a->value.unit, TR_UNIT_COUNT);
  CU_ASSERT_EQUAL (a->value.count, 18);
  CU_ASSERT_EQUAL (b->value.count, 1576);
  const TrObservation *cells[] = { p, a, b };
  for (gsize i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      CU_ASSERT_EQUAL (cells[i]->where.line, 2);
      CU_ASSERT_EQUAL (cells[i]->where.column, 2);
    }
  const TrObservation *meta
      = tr_dataset_find (ds, "providers", "org:meta", 2023, "error_ratio_denominator");
  CU_ASSERT_PTR_NOT_NULL_FATAL (meta);
  CU_ASSERT_EQUAL (meta->value.qualifier, TR_QUALIFIER_APPROXIMATE);
  const TrObservation *so = tr_dataset_find (ds, "providers", "org:microsoft", 2023, "error_ratio");
  CU_ASSERT_PTR_NOT_NULL_FATAL (so);
  CU_ASSERT_FALSE (so->value.present);
  CU_ASSERT_EQUAL (so->value.missing, TR_MISSING_NOT_APPLICABLE);
  CU_ASSERT_PTR_NULL (
      tr_dataset_find (ds, "providers", "org:microsoft", 2023, "error_ratio_numerator"));
  CU_ASSERT_EQUAL (count_of (ds, "providers", "org:yubo", 2023, "error_ratio"), 20000000);
  CU_ASSERT_PTR_NULL (tr_dataset_find (ds, "providers", "org:yubo", 2023, "error_ratio_numerator"));
  CU_ASSERT_EQUAL (ds->annotations->len, 1);

  /* A malformed cell is refused at its place. */
  g_autofree char *bad = NULL;
  g_autoptr (TrDataset) none = load_context ("Fournisseur,Ratio d'erreur 2023\n"
                                             "Google,\"1,14 % (18)\"\n",
                                             ratio_layout, &bad);
  CU_ASSERT_PTR_NULL (none);
  CU_ASSERT_STRING_EQUAL (bad, "ctx.csv:2:2: found '1,14 % (18)', not two counts in the "
                               "parentheses; expected a numerator and a denominator separated "
                               "by '/', such as '1,14 % (18/1576)'");
  g_autofree char *count = NULL;
  g_autoptr (TrDataset) none2 = load_context ("Fournisseur,Ratio d'erreur 2023\n"
                                              "Google,18\n",
                                              ratio_layout, &count);
  CU_ASSERT_PTR_NULL (none2);
  CU_ASSERT_TRUE (g_str_has_prefix (count, "ctx.csv:2:2: found '18', a count without '%'; "));

  /* A table compared country by country never holds a percentage. */
  g_autofree char *compared = NULL;
  g_autoptr (TrDataset) none3 = load_text ("Pays,2023\nAT,5 %\n",
                                           "[layout]\ncountry = Pays\n"
                                           "[column 2]\nyear = 2023\nkind = ratio\n",
                                           FALSE, &compared);
  CU_ASSERT_PTR_NULL (none3);
  CU_ASSERT_TRUE (g_str_has_prefix (compared, "in.csv:1:2: found [column 2] kind = ratio (in "));
  CU_ASSERT_TRUE (g_str_has_suffix (compared, "in.layout) in a table compared country by "
                                              "country; expected counts: percentages are read "
                                              "only in the bundled context tables, never "
                                              "compared"));
  /* Nor can a ratio column take a unit or be part of a sum. */
  g_autofree char *unit = NULL;
  g_autoptr (TrDataset) none4 = load_context ("Fournisseur,Ratio d'erreur 2023\nGoogle,5 %\n",
                                              "[layout]\ncountry = Fournisseur\n"
                                              "[column 2]\nyear = 2023\nkind = ratio\n"
                                              "unit = cas\n",
                                              &unit);
  CU_ASSERT_PTR_NULL (none4);
  CU_ASSERT_TRUE (g_str_has_suffix (unit, "[column 2] unit = cas; expected units on a count "
                                          "column that is not part of a sum, separated by "
                                          "';', each optionally followed by ': measure'"));
}

static void
test_dataset_duplicates (void)
{
  const char *text = "country,2019\nFrench Guiana,555\n\"Guiana, French\",3\n";
  g_autofree char *message = NULL;
  g_autoptr (TrDataset) rejected = load_text (text, NULL, FALSE, &message);
  CU_ASSERT_PTR_NULL (rejected);
  CU_ASSERT_STRING_EQUAL (message, "in.csv:3:2: found a second reports figure for GF 2019 "
                                   "(declared); expected one per country, year and measure, "
                                   "and the first is at in.csv:2:2 (--on-duplicate sum adds "
                                   "them up)");
  g_autofree char *none = NULL;
  g_autoptr (TrDataset) summed = load_text (text, NULL, TRUE, &none);
  CU_ASSERT_PTR_NOT_NULL_FATAL (summed);
  const TrObservation *gf = tr_dataset_find (summed, "declared", "GF", 2019, "reports");
  CU_ASSERT_EQUAL (gf->value.count, 558);
  const GArray *merged = tr_dataset_merged (summed, gf);
  CU_ASSERT_PTR_NOT_NULL_FATAL (merged);
  CU_ASSERT_EQUAL (merged->len, 1);
  CU_ASSERT_EQUAL (g_array_index (merged, TrWhere, 0).line, 3);
}

static void
test_dataset_errors (void)
{
  struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "Pays,2022\nAtlantis,1\n",
      "in.csv:2:1: found the country 'Atlantis', which is not known; expected an ISO 3166-1 "
      "code, an EU code or a country name in one of the EU's 24 official languages (aliases "
      "are listed in data/country-aliases.csv)" },
    { "country,year,value\nAT,22,1\n",
      "in.csv:2:2: found the year '22'; expected a year from 1900 to 2099" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      g_autoptr (TrDataset) ds = load_text (cases[i].text, NULL, FALSE, &message);
      CU_ASSERT_PTR_NULL (ds);
      CU_ASSERT_STRING_EQUAL (message, cases[i].message);
    }
  /* A number error is prefixed with the cell's place. */
  g_autofree char *message = NULL;
  g_autoptr (TrDataset) ds = load_text ("Pays,2022\nAT,1,5\n", NULL, FALSE, &message);
  CU_ASSERT_PTR_NULL (ds);
  CU_ASSERT_TRUE (g_str_has_prefix (message, "in.csv:2:3: found a row of 3 fields"));
  g_autofree char *fraction = NULL;
  g_autoptr (TrDataset) ds2 = load_text ("Pays,2022\nAT,\"1,5\"\n", NULL, FALSE, &fraction);
  CU_ASSERT_PTR_NULL (ds2);
  CU_ASSERT_TRUE (g_str_has_prefix (fraction, "in.csv:2:2: found '1,5'"));
}

int
main (void)
{
  countries = tr_test_countries ();
  if (CU_initialize_registry () != CUE_SUCCESS)
    return EXIT_FAILURE;
  CU_pSuite csv = CU_add_suite ("csv", NULL, NULL);
  CU_add_test (csv, "plain", test_csv_plain);
  CU_add_test (csv, "rows handed over as they are parsed", test_csv_each);
  CU_add_test (csv, "BOM, CRLF, semicolon", test_csv_bom_crlf_semicolon);
  CU_add_test (csv, "tab", test_csv_tab);
  CU_add_test (csv, "multi-line quoted cell", test_csv_multiline);
  CU_add_test (csv, "blank rows dropped", test_csv_blank_rows_dropped);
  CU_add_test (csv, "errors", test_csv_errors);
  CU_add_test (csv, "title and note lines", test_csv_frame);
  CU_add_test (csv, "a file read a chunk at a time", test_csv_chunks);
  CU_add_test (csv, "checksum, or none when not printed", test_csv_checksum);
  CU_add_test (csv, "lines without quotes split as libcsv splits them", test_csv_plain_lines);
  CU_pSuite layout = CU_add_suite ("layout", NULL, NULL);
  CU_add_test (layout, "year in header", test_header_year);
  CU_add_test (layout, "period in header", test_header_period);
  CU_add_test (layout, "period read from a header", test_header_period_read);
  CU_add_test (layout, "parts of a year in the header", test_header_parts);
  CU_add_test (layout, "wide", test_layout_wide);
  CU_add_test (layout, "long", test_layout_long);
  CU_add_test (layout, "errors", test_layout_errors);
  CU_add_test (layout, "fuzz regressions", test_layout_fuzz_regressions);
  CU_pSuite dataset = CU_add_suite ("dataset", NULL, NULL);
  CU_add_test (dataset, "wide", test_dataset_wide);
  CU_add_test (dataset, "long", test_dataset_long);
  CU_add_test (dataset, "breakdown", test_dataset_breakdown);
  CU_add_test (dataset, "ratio", test_dataset_ratio);
  CU_add_test (dataset, "duplicates", test_dataset_duplicates);
  CU_add_test (dataset, "sums of measures, the one way in", test_dataset_add_sum);
  CU_add_test (dataset, "errors", test_dataset_errors);

  int status = tr_test_run ();
  tr_country_table_free (countries);
  return status;
}
