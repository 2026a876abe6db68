/* comparison.c — reading data/comparisons.ini and making each comparison over the dataset. */
#include "config.h"

#include "comparison.h"

#include <string.h>

#include "input-error.h"
#include "layout.h"

static const char *const known_keys[] = {
  "title", "main", "reference", "reference-series", "reference-measure", "reference-words",
  "declared", "declared-series", "declared-measure", "declared-words", "years", NULL,
};

void
tr_comparison_free (TrComparison *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->title);
  g_free (c->reference_series);
  g_free (c->declared_series);
  g_free (c->reference_id);
  g_strfreev (c->reference_measures);
  g_free (c->reference_words);
  g_free (c->declared_id);
  g_free (c->declared_measure);
  g_free (c->declared_words);
  g_free (c->reference_measure);
  g_free (c->why);
  g_clear_pointer (&c->rec, tr_reconciliation_free);
  g_free (c);
}

/* The value of a key every comparison must have, stripped; NULL with an error when absent
 * or empty. */
static char *
required (GKeyFile *file, const char *name, const char *group, const char *key, GError **error)
{
  g_autofree char *value = g_key_file_get_string (file, group, key, NULL);
  if (value == NULL || g_strstrip (value)[0] == '\0')
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0,
                          "[%s] has no %s; expected %s = … (see docs/model.md, Comparison)",
                          group, key, key);
      return NULL;
    }
  return g_steal_pointer (&value);
}

static gboolean
parse_years (const char *text, const char *name, const char *group, int *from, int *to,
             GError **error)
{
  g_auto (GStrv) ends = g_strsplit (text, "-", 2);
  guint64 a = 0, b = 0;
  gboolean ok = g_ascii_string_to_unsigned (g_strstrip (ends[0]), 10, 1900, 2099, &a, NULL);
  if (ok)
    b = a;
  if (ok && ends[1] != NULL)
    ok = g_ascii_string_to_unsigned (g_strstrip (ends[1]), 10, 1900, 2099, &b, NULL) && b >= a;
  if (!ok)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0,
                          "[%s] years = %s; expected a year or a range of years, 2024 or "
                          "2022-2024",
                          group, text);
      return FALSE;
    }
  *from = (int) a;
  *to = (int) b;
  return TRUE;
}

/* One group of the file. */
static TrComparison *
load_one (GKeyFile *file, const char *name, const char *group, const TrCatalogue *catalogue,
          GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);
  for (char **k = keys; k != NULL && *k != NULL; k++)
    if (!g_strv_contains (known_keys, *k))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) known_keys);
        tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0,
                            "[%s] %s; expected one of %s", group, *k, list);
        return NULL;
      }
  g_autoptr (TrComparison) c = g_new0 (TrComparison, 1);
  c->id = g_strdup (group);
  if (g_key_file_has_key (file, group, "main", NULL))
    {
      g_autoptr (GError) inner = NULL;
      c->main = g_key_file_get_boolean (file, group, "main", &inner);
      if (inner != NULL)
        {
          g_autofree char *text = g_key_file_get_string (file, group, "main", NULL);
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0,
                              "[%s] main = %s; expected true or false", group,
                              text != NULL ? text : "");
          return NULL;
        }
    }
  /* The main comparison's sides are series, the others' are sources. */
  const char *side_a = c->main ? "reference-series" : "reference";
  const char *side_b = c->main ? "declared-series" : "declared";
  const char *not_a = c->main ? "reference" : "reference-series";
  const char *not_b = c->main ? "declared" : "declared-series";
  if (g_key_file_has_key (file, group, not_a, NULL) || g_key_file_has_key (file, group, not_b, NULL))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0,
                          "[%s] %s; expected %s and %s in %s comparison", group,
                          g_key_file_has_key (file, group, not_a, NULL) ? not_a : not_b, side_a,
                          side_b, c->main ? "the main" : "a source-by-source");
      return NULL;
    }
  g_autofree char *measures = NULL;
  char **a = c->main ? &c->reference_series : &c->reference_id;
  char **b = c->main ? &c->declared_series : &c->declared_id;
  if ((c->title = required (file, name, group, "title", error)) == NULL
      || (*a = required (file, name, group, side_a, error)) == NULL
      || (measures = required (file, name, group, "reference-measure", error)) == NULL
      || (c->reference_words = required (file, name, group, "reference-words", error)) == NULL
      || (*b = required (file, name, group, side_b, error)) == NULL
      || (c->declared_measure = required (file, name, group, "declared-measure", error)) == NULL
      || (c->declared_words = required (file, name, group, "declared-words", error)) == NULL)
    return NULL;
  /* The main comparison matches one measure on both sides (--measure changes both). */
  if (c->main && strcmp (g_strstrip (measures), c->declared_measure) != 0)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0,
                          "[%s] reference-measure = %s; expected the declared-measure, %s, in "
                          "the main comparison",
                          group, measures, c->declared_measure);
      return NULL;
    }
  const char *ids[] = { c->reference_id, c->declared_id };
  const char *keys_of[] = { "reference", "declared" };
  for (gsize k = 0; !c->main && k < G_N_ELEMENTS (ids); k++)
    {
      const TrSource *source = tr_catalogue_get (catalogue, ids[k]);
      if (source == NULL || source->series == NULL)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0,
                              "[%s] %s = %s; expected the identity of a source of figures in "
                              "data/sources.ini",
                              group, keys_of[k], ids[k]);
          return NULL;
        }
    }
  /* "referrals + informational_reports": the measures added up. */
  c->reference_measures = g_strsplit (measures, "+", -1);
  for (char **m = c->reference_measures; *m != NULL; m++)
    g_strstrip (*m);
  for (char **m = c->reference_measures; *m != NULL; m++)
    if (!tr_layout_is_measure_name (*m))
      {
        tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0,
                            "[%s] reference-measure = %s; expected a measure name, or names "
                            "joined by '+' (referrals + informational_reports)",
                            group, measures);
        return NULL;
      }
  if (!tr_layout_is_measure_name (c->declared_measure))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0,
                          "[%s] declared-measure = %s; expected a measure name", group,
                          c->declared_measure);
      return NULL;
    }
  g_autofree char *years = g_key_file_get_string (file, group, "years", NULL);
  if (years != NULL && !parse_years (years, name, group, &c->year_from, &c->year_to, error))
    return NULL;
  return g_steal_pointer (&c);
}

GPtrArray *
tr_comparisons_load (const char *path, const char *name, const TrCatalogue *catalogue,
                     GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) inner = NULL;
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &inner))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0, "%s; expected a key file "
                          "of comparisons (docs/model.md, Comparison)",
                          inner->message);
      return NULL;
    }
  g_autoptr (GPtrArray) comparisons
      = g_ptr_array_new_with_free_func ((GDestroyNotify) tr_comparison_free);
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);
  for (char **group = groups; *group != NULL; group++)
    {
      TrComparison *c = load_one (file, name, *group, catalogue, error);
      if (c == NULL)
        return NULL;
      g_ptr_array_add (comparisons, c);
    }
  guint n_main = 0;
  for (guint i = 0; i < comparisons->len; i++)
    n_main += ((const TrComparison *) g_ptr_array_index (comparisons, i))->main ? 1 : 0;
  if (n_main != 1)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, name, 0, 0,
                          "found %u comparisons with main = true; expected exactly one (the "
                          "one the rules judge)",
                          n_main);
      return NULL;
    }
  return g_steal_pointer (&comparisons);
}

TrComparison *
tr_comparisons_main (GPtrArray *comparisons)
{
  for (guint i = 0; i < comparisons->len; i++)
    {
      TrComparison *c = g_ptr_array_index (comparisons, i);
      if (c->main)
        return c;
    }
  g_return_val_if_reached (NULL);
}

/* TRUE when an input of the dataset was read from `source`. */
static gboolean
was_read (const TrDataset *dataset, const TrSource *source)
{
  for (guint i = 0; i < dataset->inputs->len; i++)
    if (((const TrInput *) g_ptr_array_index (dataset->inputs, i))->origin == source)
      return TRUE;
  return FALSE;
}

gboolean
tr_comparisons_make (GPtrArray *comparisons, TrDataset *dataset, const TrFilter *filter,
                     GError **error)
{
  /* Resolved again here: the catalogue's sources are what the dataset's inputs point at. */
  for (guint i = 0; i < comparisons->len; i++)
    {
      TrComparison *c = g_ptr_array_index (comparisons, i);
      if (c->main)
        continue;
      for (guint k = 0; k < dataset->inputs->len; k++)
        {
          const TrInput *in = g_ptr_array_index (dataset->inputs, k);
          if (in->origin != NULL && strcmp (in->origin->identity, c->reference_id) == 0)
            c->reference = in->origin;
          if (in->origin != NULL && strcmp (in->origin->identity, c->declared_id) == 0)
            c->declared = in->origin;
        }
      if (c->reference == NULL || c->declared == NULL
          || !was_read (dataset, c->reference) || !was_read (dataset, c->declared))
        {
          c->why = g_strdup_printf ("not made: %s was not read",
                                    c->reference == NULL ? c->reference_id : c->declared_id);
          continue;
        }
      if (g_strv_length (c->reference_measures) > 1)
        {
          c->reference_measure = g_strjoinv ("+", c->reference_measures);
          if (tr_dataset_add_sum (dataset, c->reference->series,
                                     (const char *const *) c->reference_measures,
                                     c->reference_measure, error) < 0)
            return FALSE;
        }
      else
        c->reference_measure = g_strdup (c->reference_measures[0]);
      TrFilter narrowed = filter != NULL ? *filter : (TrFilter) { 0 };
      if (c->year_from != 0)
        {
          narrowed.year_from = MAX (narrowed.year_from, c->year_from);
          narrowed.year_to = narrowed.year_to != 0 ? MIN (narrowed.year_to, c->year_to)
                                                   : c->year_to;
        }
      c->rec = tr_reconcile_measures (dataset, c->reference->series, c->reference_measure,
                                      c->declared->series, c->declared_measure, &narrowed);
      c->made = TRUE;
    }
  return TRUE;
}
