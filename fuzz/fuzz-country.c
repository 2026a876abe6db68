/* fuzz-country.c — libFuzzer harness: any bytes as a country label. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "country.h"

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
  g_autofree char *label = g_strndup ((const char *) data, size);
  if (!g_utf8_validate (label, -1, NULL))
    return 0;
  const TrCountry *c = tr_country_table_lookup (table, label);
  if (c != NULL)
    g_assert (tr_country_table_get (table, c->code) == c);
  g_autofree char *key = tr_country_key (label);
  g_assert (key != NULL);
  return 0;
}
