/* fuzz-reader.c — libFuzzer harness: any bytes as a CSV file, read through to the dataset; and
 * the same bytes read from a file a chunk at a time (scripts/fuzz builds with chunks of 16
 * bytes) give the same cells, lines, checksum or error as read at once. */
#include "config.h"

#include <stdint.h>

#include <glib/gstdio.h>
#include <string.h>

#include "csvread.h"
#include "dataset.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static TrCountryTable *table;
static char *file; /* a file of this process's, rewritten with each input */

/* The same table read from `file` and from the bytes: identical, or the same error. */
static void
check_chunks (const uint8_t *data, size_t size)
{
  if (file == NULL)
    {
      int fd = g_file_open_tmp ("fuzz-reader-XXXXXX.csv", &file, NULL);
      g_assert (fd >= 0);
      close (fd);
    }
  g_assert (g_file_set_contents (file, (const char *) data, (gssize) size, NULL));
  g_autoptr (GError) file_error = NULL, bytes_error = NULL;
  g_autoptr (TrCsv) from_file = tr_csv_read (file, "fuzz.csv", &file_error);
  g_autoptr (TrCsv) from_bytes = tr_csv_read_bytes ("fuzz.csv", (const char *) data, size,
                                                    &bytes_error);
  g_assert ((from_file == NULL) == (from_bytes == NULL));
  if (from_file == NULL)
    {
      g_assert_cmpstr (file_error->message, ==, bytes_error->message);
      return;
    }
  g_assert_cmpstr (from_file->sha256, ==, from_bytes->sha256);
  g_assert_cmpuint (from_file->n_bytes, ==, from_bytes->n_bytes);
  g_assert_cmpint (from_file->delimiter, ==, from_bytes->delimiter);
  g_assert_cmpuint (from_file->rows->len, ==, from_bytes->rows->len);
  for (guint r = 0; r < from_file->rows->len; r++)
    {
      const TrRow *a = g_ptr_array_index (from_file->rows, r);
      const TrRow *b = g_ptr_array_index (from_bytes->rows, r);
      g_assert_cmpuint (a->line, ==, b->line);
      g_assert_cmpuint (a->n_cells, ==, b->n_cells);
      for (guint c = 0; c < a->n_cells; c++)
        {
          g_assert_cmpstr (a->cells[c].text, ==, b->cells[c].text);
          g_assert_cmpuint (a->cells[c].line, ==, b->cells[c].line);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (table == NULL)
    {
      const char *dir = g_getenv ("TIPRECON_DATA_DIR");
      table = tr_country_table_load (dir != NULL ? dir : "data", NULL);
      g_assert (table != NULL);
    }
  check_chunks (data, size);
  g_autoptr (TrDataset) dataset = tr_dataset_new (table);
  TrTableSpec spec = { .path = "fuzz.csv", .source = "declared" };
  g_autoptr (GError) error = NULL;
  if (!tr_dataset_load_bytes (dataset, &spec, (const char *) data, size, &error))
    g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.csv"));
  return 0;
}
