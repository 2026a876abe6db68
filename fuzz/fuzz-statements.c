/* fuzz-statements.c — libFuzzer harness: any bytes as a statements file, parsed, resolved
 * and checked against the bundled catalogue and Tables 6 and 7. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "catalogue.h"
#include "country.h"
#include "dataset.h"
#include "statement.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* What every input is checked against, read once (the harness's own state, not the
 * program's). */
typedef struct {
  TrCountryTable *countries;
  TrCatalogue *catalogue;
  TrDataset *dataset;
} World;

static World *
world (void)
{
  static World w;
  if (w.dataset != NULL)
    return &w;
  g_autofree char *dir = tr_bundle_data_dir ();
  g_autofree char *ini = g_build_filename (dir, "sources.ini", NULL);
  GError *error = NULL;
  w.countries = tr_country_table_load (dir, &error);
  g_assert_no_error (error);
  w.catalogue = tr_catalogue_load (ini, dir, &error);
  g_assert_no_error (error);
  w.dataset = tr_dataset_new (w.countries);
  const char *tables[] = { "com740-t6", "com740-t7" };
  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      TrTableSpec spec;
      tr_dataset_spec_of (tr_catalogue_get (w.catalogue, tables[i]), &spec);
      g_assert (tr_dataset_load (w.dataset, &spec, &error));
    }
  return &w;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  World *w = world ();
  g_autoptr (GError) error = NULL;
  g_autoptr (TrStatementFile) file
      = tr_statement_file_parse ("s.txt", (const char *) data, (gssize) size, &error);
  g_assert ((file == NULL) == (error != NULL));
  if (file == NULL)
    {
      /* Every error names the file, a line and a column. */
      g_assert (g_str_has_prefix (error->message, "s.txt:"));
      return 0;
    }
  g_autoptr (GError) resolve_error = NULL;
  if (!tr_statement_file_resolve (file, w->catalogue, w->countries, &resolve_error))
    g_assert (resolve_error != NULL);
  for (guint i = 0; i < file->statements->len; i++)
    {
      g_autoptr (TrStatementResult) r = tr_statement_check (
          g_ptr_array_index (file->statements, i), w->dataset, w->countries, w->catalogue);
      g_assert (r->sentence != NULL && *r->sentence != '\0');
      g_assert (g_utf8_validate (r->sentence, -1, NULL));
    }
  return 0;
}
