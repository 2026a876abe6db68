/* fuzz-number.c — libFuzzer harness: any bytes as one cell, through both cell parsers. */
#include "config.h"

#include <stdint.h>

#include "number.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  if (!g_utf8_validate (text, -1, NULL))
    return 0; /* the reader rejects invalid UTF-8 before any cell is parsed */
  TrValue value;
  g_autoptr (GError) error = NULL;
  if (tr_number_parse (text, &value, &error))
    g_assert (!value.present || (value.count >= 0 && value.count <= TR_VALUE_MAX));
  else
    g_assert (error != NULL && error->message[0] != '\0');
  TrValue parts[3];
  guint n = 0;
  TrMissing missing;
  g_autoptr (GError) breakdown = NULL;
  if (tr_breakdown_parse (text, parts, &n, &missing, &breakdown))
    g_assert (n == 0 || n == 2 || n == 3);
  return 0;
}
