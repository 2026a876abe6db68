/* catalogue.c — reading data/sources.ini into TrSources, and adding the users' files. */
#include "config.h"

#include "catalogue.h"

#include <string.h>

#include "bundle.h"
#include "input-error.h"

struct _TrCatalogue {
  GPtrArray *sources;      /* TrSource *, owned */
  GHashTable *by_identity; /* identity -> TrSource * */
};

static const char *const kind_names[] = { "table", "remark", "prose", "document", "dataset",
                                          "user" };

/* The keys a group may have; the first five every group must have. */
static const char *const known_keys[] = {
  "kind", "name", "publisher", "licence", "citation", "document", "section", "table", "page",
  "file", "layout", "series", "role", "measure", "on-duplicate", "of", "label", NULL,
};
#define N_REQUIRED 5

static void
source_free (gpointer data)
{
  TrSource *s = data;
  g_free (s->identity);
  g_free (s->name);
  g_free (s->publisher);
  g_free (s->document);
  g_free (s->section);
  g_free (s->table);
  g_free (s->page);
  g_free (s->licence);
  g_free (s->citation);
  g_free (s->label);
  g_free (s->path);
  g_free (s->display);
  g_free (s->layout);
  g_free (s->series);
  g_free (s->measure);
  g_free (s->role);
  g_free (s);
}

void
tr_catalogue_free (TrCatalogue *catalogue)
{
  if (catalogue == NULL)
    return;
  g_hash_table_unref (catalogue->by_identity);
  g_ptr_array_unref (catalogue->sources);
  g_free (catalogue);
}

const char *
tr_source_kind_name (TrSourceKind kind)
{
  return kind_names[kind];
}

const GPtrArray *
tr_catalogue_sources (const TrCatalogue *catalogue)
{
  return catalogue->sources;
}

const TrSource *
tr_catalogue_get (const TrCatalogue *catalogue, const char *identity)
{
  return g_hash_table_lookup (catalogue->by_identity, identity);
}

/* Where each group and key of the file is: GKeyFile does not say, so the text is scanned for
 * group headers and "key =" lines. Also finds a group declared twice, which GKeyFile would
 * silently merge. */
typedef struct {
  GHashTable *groups; /* group name -> line (GUINT_TO_POINTER) */
  GHashTable *keys;   /* "group\nkey" -> line */
} Lines;

static gboolean
scan_lines (const char *text, const char *path, Lines *lines, GError **error)
{
  g_auto (GStrv) rows = g_strsplit (text, "\n", -1);
  g_autofree char *group = NULL;
  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_autofree char *row = g_strstrip (g_strdup (rows[i]));
      if (row[0] == '[' && row[strlen (row) - 1] == ']')
        {
          g_free (group);
          group = g_strndup (row + 1, strlen (row) - 2);
          gpointer earlier = g_hash_table_lookup (lines->groups, group);
          if (earlier != NULL)
            {
              tr_input_error_set (error, TR_INPUT_ERROR_DUPLICATE, path, i + 1, 0,
                                  "found the source [%s] a second time; expected each "
                                  "identity once (the first is on line %u)",
                                  group, GPOINTER_TO_UINT (earlier));
              return FALSE;
            }
          g_hash_table_insert (lines->groups, g_strdup (group), GUINT_TO_POINTER (i + 1));
          continue;
        }
      const char *equals = strchr (row, '=');
      if (group == NULL || row[0] == '#' || equals == NULL)
        continue;
      g_autofree char *key = g_strstrip (g_strndup (row, equals - row));
      g_hash_table_insert (lines->keys, g_strconcat (group, "\n", key, NULL),
                           GUINT_TO_POINTER (i + 1));
    }
  return TRUE;
}

static guint
line_of (const Lines *lines, const char *group, const char *key)
{
  if (key != NULL)
    {
      g_autofree char *k = g_strconcat (group, "\n", key, NULL);
      guint line = GPOINTER_TO_UINT (g_hash_table_lookup (lines->keys, k));
      if (line > 0)
        return line;
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (lines->groups, group));
}

/* The value of a key, stripped; NULL when absent. An empty value is refused. */
static gboolean
get_string (GKeyFile *file, const char *path, const Lines *lines, const char *group,
            const char *key, gboolean required, char **out, GError **error)
{
  *out = g_key_file_get_string (file, group, key, NULL);
  if (*out != NULL)
    g_strstrip (*out);
  if (*out != NULL && (*out)[0] != '\0')
    return TRUE;
  g_clear_pointer (out, g_free);
  if (!required && !g_key_file_has_key (file, group, key, NULL))
    return TRUE;
  tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, line_of (lines, group, key), 0,
                      "found [%s] with %s %s; expected a value", group,
                      g_key_file_has_key (file, group, key, NULL) ? "an empty" : "no", key);
  return FALSE;
}

static gboolean
parse_source (GKeyFile *file, const char *path, const char *data_dir, const Lines *lines,
              const char *group, TrSource *s, char **of, GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);
  for (char **key = keys; *key != NULL; key++)
    if (!g_strv_contains (known_keys, *key))
      {
        tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, line_of (lines, group, *key), 0,
                            "found the key '%s' in [%s]; expected kind, name, publisher, "
                            "licence, citation, document, section, table, page, file, layout, "
                            "series, role, measure, on-duplicate, of or label",
                            *key, group);
        return FALSE;
      }
  char **required[N_REQUIRED] = { NULL, &s->name, &s->publisher, &s->licence, &s->citation };
  g_autofree char *kind = NULL;
  required[0] = &kind;
  for (guint k = 0; k < N_REQUIRED; k++)
    if (!get_string (file, path, lines, group, known_keys[k], TRUE, required[k], error))
      return FALSE;
  gsize n = 0;
  while (n < G_N_ELEMENTS (kind_names) && strcmp (kind_names[n], kind) != 0)
    n++;
  if (n == G_N_ELEMENTS (kind_names) || n == TR_SOURCE_USER)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, line_of (lines, group, "kind"), 0,
                          "found kind = %s in [%s]; expected table, remark, prose, document "
                          "or dataset (a user's file is given on the command line)",
                          kind, group);
      return FALSE;
    }
  s->kind = (TrSourceKind) n;
  g_autofree char *file_name = NULL, *layout = NULL, *duplicates = NULL;
  if (!get_string (file, path, lines, group, "document", FALSE, &s->document, error)
      || !get_string (file, path, lines, group, "section", FALSE, &s->section, error)
      || !get_string (file, path, lines, group, "table", FALSE, &s->table, error)
      || !get_string (file, path, lines, group, "page", FALSE, &s->page, error)
      || !get_string (file, path, lines, group, "label", FALSE, &s->label, error)
      || !get_string (file, path, lines, group, "file", FALSE, &file_name, error)
      || !get_string (file, path, lines, group, "layout", FALSE, &layout, error)
      || !get_string (file, path, lines, group, "series", FALSE, &s->series, error)
      || !get_string (file, path, lines, group, "measure", FALSE, &s->measure, error)
      || !get_string (file, path, lines, group, "role", FALSE, &s->role, error)
      || !get_string (file, path, lines, group, "on-duplicate", FALSE, &duplicates, error)
      || !get_string (file, path, lines, group, "of", s->kind == TR_SOURCE_REMARK, of, error))
    return FALSE;
  /* A table or data set is read only when it names its file, and then needs its series. */
  if ((file_name != NULL) != (s->series != NULL))
    {
      const char *missing = file_name == NULL ? "file" : "series";
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, line_of (lines, group, NULL), 0,
                          "found [%s] with no %s; expected file and series together", group,
                          missing);
      return FALSE;
    }
  if (file_name != NULL && s->kind != TR_SOURCE_TABLE && s->kind != TR_SOURCE_DATASET)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, line_of (lines, group, "file"), 0,
                          "found a file for [%s] of kind %s; expected files only for a table "
                          "or a dataset",
                          group, kind);
      return FALSE;
    }
  if (*of != NULL && s->kind != TR_SOURCE_REMARK)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, line_of (lines, group, "of"), 0,
                          "found 'of' in [%s] of kind %s; expected it only for a remark", group,
                          kind);
      return FALSE;
    }
  static const char *const roles[] = { "reference", "declared", "context", NULL };
  if (s->role != NULL && !g_strv_contains (roles, s->role))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, line_of (lines, group, "role"), 0,
                          "found role = %s in [%s]; expected reference, declared or context",
                          s->role, group);
      return FALSE;
    }
  if (duplicates != NULL && strcmp (duplicates, "sum") != 0 && strcmp (duplicates, "error") != 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path,
                          line_of (lines, group, "on-duplicate"), 0,
                          "found on-duplicate = %s in [%s]; expected error or sum", duplicates,
                          group);
      return FALSE;
    }
  s->identity = g_strdup (group);
  if (file_name != NULL)
    {
      s->path = g_build_filename (data_dir, file_name, NULL);
      s->display = tr_bundle_display_name (data_dir, file_name);
      if (s->role == NULL)
        s->role = g_strdup (s->series);
    }
  if (layout != NULL)
    s->layout = g_build_filename (data_dir, layout, NULL);
  s->sum_duplicates = g_strcmp0 (duplicates, "sum") == 0;
  return TRUE;
}

TrCatalogue *
tr_catalogue_load (const char *path, const char *data_dir, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) inner = NULL;
  g_autoptr (GKeyFile) file = g_key_file_new ();
  if (!g_file_get_contents (path, &text, NULL, &inner)
      || !g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, &inner))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0,
                          "cannot read the catalogue of sources: %s (is TIPRECON_DATA_DIR "
                          "right?)",
                          inner->message);
      return NULL;
    }
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Lines lines = { groups, keys };
  if (!scan_lines (text, path, &lines, error))
    return NULL;

  g_autoptr (TrCatalogue) catalogue = g_new0 (TrCatalogue, 1);
  catalogue->sources = g_ptr_array_new_with_free_func (source_free);
  catalogue->by_identity = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) ofs = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) names = g_key_file_get_groups (file, NULL);
  for (char **group = names; *group != NULL; group++)
    {
      TrSource *s = g_new0 (TrSource, 1);
      char *of = NULL;
      g_ptr_array_add (catalogue->sources, s);
      gboolean ok = parse_source (file, path, data_dir, &lines, *group, s, &of, error);
      g_ptr_array_add (ofs, of);
      if (!ok)
        return NULL;
      g_hash_table_insert (catalogue->by_identity, s->identity, s);
    }
  /* A remark is printed under a table of the catalogue, wherever it is declared. */
  for (guint i = 0; i < catalogue->sources->len; i++)
    {
      TrSource *s = g_ptr_array_index (catalogue->sources, i);
      const char *of = g_ptr_array_index (ofs, i);
      if (of == NULL)
        continue;
      s->of = tr_catalogue_get (catalogue, of);
      if (s->of == NULL || (s->of->kind != TR_SOURCE_TABLE && s->of->kind != TR_SOURCE_DATASET))
        {
          tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path,
                              line_of (&lines, s->identity, "of"), 0,
                              "found of = %s in [%s]; expected a table or dataset of the "
                              "catalogue",
                              of, s->identity);
          return NULL;
        }
    }
  return g_steal_pointer (&catalogue);
}

char **
tr_catalogue_foreign_series (const TrCatalogue *catalogue, const char *series)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (seen, (gpointer) series);
  static const char *const sides[] = { "reference", "declared" };
  for (gsize r = 0; r < G_N_ELEMENTS (sides); r++)
    if (g_hash_table_add (seen, (gpointer) sides[r]))
      g_strv_builder_add (names, sides[r]);
  for (guint i = 0; i < catalogue->sources->len; i++)
    {
      const TrSource *s = g_ptr_array_index (catalogue->sources, i);
      if (s->series != NULL && g_hash_table_add (seen, s->series))
        g_strv_builder_add (names, s->series);
    }
  return g_strv_builder_end (names);
}

const TrSource *
tr_catalogue_add_user (TrCatalogue *catalogue, const char *path, const char *label,
                       const char *series, const char *layout, GError **error)
{
  const char *cited = label != NULL ? label : path;
  g_autofree char *identity = g_strconcat ("user:", cited, NULL);
  /* One file may be read as both series (each is then its own source); within one series, two
   * files cited alike could not be told apart. */
  gboolean taken = FALSE;
  for (guint i = 0; i < catalogue->sources->len && !taken; i++)
    {
      const TrSource *other = g_ptr_array_index (catalogue->sources, i);
      taken = other->kind == TR_SOURCE_USER && strcmp (other->identity, identity) == 0
              && strcmp (other->series, series) == 0;
    }
  if (taken)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "found two %s files cited as '%s'; expected each file of a series cited "
                   "once (give each its own --label)",
                   series, cited);
      return NULL;
    }
  TrSource *s = g_new0 (TrSource, 1);
  s->identity = g_steal_pointer (&identity);
  s->kind = TR_SOURCE_USER;
  s->citation = g_strdup (cited);
  /* Sentences name a file by its label, or else by its name without the directories. */
  s->label = label != NULL ? g_strdup (label) : g_path_get_basename (path);
  s->path = g_strdup (path);
  s->display = g_strdup (path);
  s->layout = g_strdup (layout);
  s->series = g_strdup (series);
  s->role = g_strdup (series);
  g_ptr_array_add (catalogue->sources, s);
  if (!g_hash_table_contains (catalogue->by_identity, s->identity))
    g_hash_table_insert (catalogue->by_identity, s->identity, s);
  return s;
}
