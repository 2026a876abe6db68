/* testutil.c — shared helpers of the CUnit test programs. */
#include "config.h"

#include "testutil.h"

#include <CUnit/Basic.h>
#include <glib/gstdio.h>
#include <stdlib.h>

static char *scratch;

TrCountryTable *
tr_test_countries (void)
{
  const char *dir = g_getenv ("TIPRECON_DATA_DIR");
  g_autoptr (GError) error = NULL;
  TrCountryTable *table = tr_country_table_load (dir != NULL ? dir : "data", &error);
  if (table == NULL)
    g_error ("cannot load the country reference: %s", error->message);
  return table;
}

char *
tr_test_write_file (const char *name, const char *text)
{
  if (scratch == NULL)
    scratch = g_dir_make_tmp ("tiprecon-test-XXXXXX", NULL);
  char *path = g_build_filename (scratch, name, NULL);
  if (!g_file_set_contents (path, text, -1, NULL))
    g_error ("cannot write %s", path);
  return path;
}

int
tr_test_run (void)
{
  CU_basic_set_mode (CU_BRM_VERBOSE);
  CU_basic_run_tests ();
  unsigned failures = CU_get_number_of_failures ();
  gboolean ok = failures == 0 && CU_get_error () == CUE_SUCCESS;
  CU_cleanup_registry ();
  if (scratch != NULL)
    {
      g_autoptr (GDir) dir = g_dir_open (scratch, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (scratch, name, NULL);
          g_unlink (path);
        }
      g_rmdir (scratch);
      g_clear_pointer (&scratch, g_free);
    }
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
