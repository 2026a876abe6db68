/* fuzz-replay.c — runs a libFuzzer harness on saved inputs, as a unit test.
 *
 * Built once per harness (FUZZ_HARNESS names it: "render", "main"). With no argument it runs
 * the harness on every tests/fuzz-regressions/FUZZ_HARNESS-* file: inputs that once found a
 * problem, kept so that it stays fixed, and inputs that reach far into the program, so that
 * the harness itself keeps building and running. A harness reports a problem by aborting, so
 * a failure is a crash of this program. With arguments, it runs the harness on those files
 * (to reproduce a crash found by scripts/fuzz without libFuzzer). */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv) __attribute__ ((weak));

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
replay (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize n = 0;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (path, &bytes, &n, &error))
    g_error ("%s", error->message);
  printf ("fuzz-replay: %s: %s\n", FUZZ_HARNESS, path);
  fflush (stdout);
  LLVMFuzzerTestOneInput ((const uint8_t *) bytes, n);
}

int
main (int argc, char **argv)
{
  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize (&argc, &argv);
  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        replay (argv[i]);
      return 0;
    }
  const char *tests = g_getenv ("TESTS_DIR");
  g_autofree char *dir_path
      = g_build_filename (tests != NULL ? tests : ABS_TOP_SRCDIR "/tests", "fuzz-regressions", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_assert (dir != NULL);
  g_autofree char *prefix = g_strconcat (FUZZ_HARNESS, "-", NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (names, compare_paths); /* the same order in every log */
  for (guint i = 0; i < names->len; i++)
    replay (g_ptr_array_index (names, i));
  printf ("fuzz-replay: %s: %u inputs, no problem\n", FUZZ_HARNESS, names->len);
  return names->len > 0 ? 0 : 1;
}
