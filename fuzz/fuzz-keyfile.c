/* fuzz-keyfile.c — libFuzzer harness: any bytes as a layout file (applied to a fixed table)
 * and as a rule configuration. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "csvread.h"
#include "layout.h"
#include "rules.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char table[] = "country,iso3,ref2024,info2024,2023 F/G,2023 Total,Remarks\n"
                            "Austria,AUT,\"18,528\",\"1,342\",4/2,6,x\n";

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  if (!g_key_file_load_from_data (file, (const char *) data, size, G_KEY_FILE_NONE, NULL))
    return 0;
  g_autoptr (TrCsv) csv = tr_csv_read_bytes ("t.csv", table, strlen (table), NULL);
  g_assert (csv != NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TrLayout) layout = tr_layout_detect (csv, file, "t.layout", &error);
  g_assert ((layout == NULL) == (error != NULL));
  TrRuleConfig config;
  tr_rule_config_init (&config);
  g_autoptr (GError) config_error = NULL;
  if (tr_rule_config_apply (&config, file, "t.ini", &config_error))
    for (int r = 0; r < TR_N_RULES; r++)
      for (int p = 0; p < TR_RULE_MAX_PARAMS; p++)
        g_assert (config.params[r][p] >= 0);
  return 0;
}
