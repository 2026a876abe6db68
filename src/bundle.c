/* bundle.c — finding the bundled data and reading its manifest, data/tables.ini. */
#include "config.h"

#include "bundle.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "input-error.h"

static void
bundled_table_free (gpointer data)
{
  TrBundledTable *table = data;
  g_free (table->name);
  g_free (table->path);
  g_free (table->display);
  g_free (table->layout);
  g_free (table->source);
  g_free (table->measure);
  g_free (table->table);
  g_free (table->role);
  g_free (table);
}

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

GPtrArray *
tr_bundle_load (const char *data_dir, GError **error)
{
  g_autofree char *manifest = g_build_filename (data_dir, "tables.ini", NULL);
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) inner = NULL;
  if (!g_key_file_load_from_file (file, manifest, G_KEY_FILE_NONE, &inner))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, manifest, 0, 0,
                          "cannot read the list of bundled tables: %s (is TIPRECON_DATA_DIR "
                          "right?)",
                          inner->message);
      return NULL;
    }
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (bundled_table_free);
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);
  for (char **group = groups; *group != NULL; group++)
    {
      g_autofree char *csv = g_key_file_get_string (file, *group, "file", NULL);
      g_autofree char *source = g_key_file_get_string (file, *group, "source", NULL);
      if (csv == NULL || source == NULL)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_IO, manifest, 0, 0,
                              "[%s] has no file or no source; expected both", *group);
          return NULL;
        }
      g_autofree char *layout = g_key_file_get_string (file, *group, "layout", NULL);
      g_autofree char *duplicates = g_key_file_get_string (file, *group, "on-duplicate", NULL);
      TrBundledTable *table = g_new0 (TrBundledTable, 1);
      table->name = g_strdup (*group);
      table->path = g_build_filename (data_dir, csv, NULL);
      table->display = tr_bundle_display_name (data_dir, csv);
      table->layout = layout != NULL ? g_build_filename (data_dir, layout, NULL) : NULL;
      table->source = g_steal_pointer (&source);
      table->measure = g_key_file_get_string (file, *group, "measure", NULL);
      table->table = g_key_file_get_string (file, *group, "table", NULL);
      table->role = g_key_file_get_string (file, *group, "role", NULL);
      if (table->role == NULL)
        table->role = g_strdup (table->source);
      table->sum_duplicates = g_strcmp0 (duplicates, "sum") == 0;
      g_ptr_array_add (tables, table);
    }
  return g_steal_pointer (&tables);
}

char **
tr_bundle_foreign_sources (const GPtrArray *bundled, const char *role)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (seen, (gpointer) role);
  const char *roles[] = { "reference", "declared" };
  for (gsize r = 0; r < G_N_ELEMENTS (roles); r++)
    if (g_hash_table_add (seen, (gpointer) roles[r]))
      g_strv_builder_add (names, roles[r]);
  for (guint i = 0; i < bundled->len; i++)
    {
      const TrBundledTable *table = g_ptr_array_index (bundled, i);
      if (g_hash_table_add (seen, table->source))
        g_strv_builder_add (names, table->source);
    }
  return g_strv_builder_end (names);
}

void
tr_bundle_spec (const TrBundledTable *table, TrTableSpec *spec)
{
  memset (spec, 0, sizeof *spec);
  spec->path = table->path;
  spec->name = table->display;
  spec->source = table->source;
  spec->measure = table->measure;
  spec->layout_path = table->layout;
  spec->table = table->table;
  spec->sum_duplicates = table->sum_duplicates;
  spec->organisations = strcmp (table->role, "context") == 0;
}
