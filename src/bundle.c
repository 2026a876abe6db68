/* bundle.c — finding the bundled data, and how outputs name its files. */
#include "config.h"

#include "bundle.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>


char *
tr_bundle_data_dir (void)
{
  const char *env = g_getenv ("TIPRECON_DATA_DIR");
  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  /* A program run from the build tree reads the source tree's data, so that a build never
   * depends on what an earlier `make install` left behind. */
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  if (self != NULL && g_str_has_prefix (self, ABS_TOP_BUILDDIR "/"))
    return g_build_filename (ABS_TOP_SRCDIR, "data", NULL);
  return g_strdup (PKGDATADIR);
}

/* TRUE when `dir` is the program's own bundled data: the source tree's data/ or the installed
 * package data directory (compared after resolving links). */
static gboolean
is_own_data_dir (const char *dir)
{
  char real[PATH_MAX], own[PATH_MAX];
  if (realpath (dir, real) == NULL)
    return FALSE;
  const char *const candidates[] = { ABS_TOP_SRCDIR "/data", PKGDATADIR };
  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (realpath (candidates[i], own) != NULL && strcmp (real, own) == 0)
      return TRUE;
  return FALSE;
}

char *
tr_bundle_display_name (const char *data_dir, const char *file)
{
  if (is_own_data_dir (data_dir))
    return g_strconcat ("data/", file, NULL);
  return g_build_filename (data_dir, file, NULL);
}
