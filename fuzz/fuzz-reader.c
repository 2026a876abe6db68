/* fuzz-reader.c — libFuzzer harness: any bytes as a CSV file, read through to the dataset. */
#include "config.h"

#include <stdint.h>

#include "dataset.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static TrCountryTable *table;

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (table == NULL)
    {
      const char *dir = g_getenv ("TIPRECON_DATA_DIR");
      table = tr_country_table_load (dir != NULL ? dir : "data", NULL);
      g_assert (table != NULL);
    }
  g_autoptr (TrDataset) dataset = tr_dataset_new (table);
  TrTableSpec spec = { .path = "fuzz.csv", .source = "declared" };
  g_autoptr (GError) error = NULL;
  if (!tr_dataset_load_bytes (dataset, &spec, (const char *) data, size, &error))
    g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.csv"));
  return 0;
}
