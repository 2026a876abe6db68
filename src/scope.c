/* scope.c — the subjects a comparison covers, named groups of them, and what the inputs hold
 * when a run matches nothing. */
#include "config.h"

#include "scope.h"

#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (tr-scope-error-quark, tr_scope_error)

gboolean
tr_scope_group (const TrCountryTable *countries, const char *label, GPtrArray *codes)
{
  const TrCountry *subject = tr_country_table_lookup (countries, label);
  if (subject == NULL)
    {
      /* "EU_27", "UE 27": the aggregates are also named by their compacted labels. */
      g_autofree char *key = tr_country_key (label);
      char *kept = key;
      for (const char *p = key; *p != '\0'; p++)
        if (*p != ' ' && *p != '-' && *p != '_')
          *kept++ = *p;
      *kept = '\0';
      subject = tr_country_table_lookup (countries, key);
    }
  return subject != NULL && subject->kind == TR_SUBJECT_AGGREGATE
         && tr_country_table_members (countries, subject, codes);
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The distinct codes of the countries (pseudo rows and organisations left out) of the
 * observations that `keep` accepts, in code order. */
typedef gboolean (*Keep) (const TrObservation *obs, gconstpointer data);

static GPtrArray *
countries_of (const TrDataset *dataset, Keep keep, gconstpointer data)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  GPtrArray *codes = g_ptr_array_new ();
  for (guint i = 0; i < dataset->n_observations; i++)
    {
      const TrObservation *obs = tr_dataset_observation (dataset, i);
      if (!tr_subject_is_country (obs->country) || !keep (obs, data)
          || !g_hash_table_add (seen, (gpointer) obs->country))
        continue;
      g_ptr_array_add (codes, (gpointer) obs->country->code);
    }
  g_ptr_array_sort (codes, compare_codes);
  return codes;
}

static gboolean
of_source (const TrObservation *obs, gconstpointer source)
{
  return strcmp (obs->source, source) == 0;
}

GPtrArray *
tr_scope_declared (const TrDataset *dataset, const char *declared)
{
  return countries_of (dataset, of_source, declared);
}

static gboolean
in_codes (const char *const *codes, const char *code)
{
  for (; codes != NULL && *codes != NULL; codes++)
    if (strcmp (*codes, code) == 0)
      return TRUE;
  return FALSE;
}

guint
tr_scope_count_outside (const TrDataset *dataset, const char *reference, const char *measure,
                        const char *const *scope)
{
  if (scope == NULL)
    return 0;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < dataset->n_observations; i++)
    {
      const TrObservation *obs = tr_dataset_observation (dataset, i);
      if (tr_subject_is_country (obs->country) && strcmp (obs->source, reference) == 0
          && strcmp (obs->measure, measure) == 0 && !in_codes (scope, obs->country->code))
        g_hash_table_add (seen, (gpointer) obs->country);
    }
  return g_hash_table_size (seen);
}

/* An observation of either series of the comparison, about a country it compares. */
static gboolean
compared (const TrReconciliation *rec, const TrObservation *obs)
{
  return tr_subject_is_country (obs->country)
         && (strcmp (obs->source, rec->reference) == 0
             || strcmp (obs->source, rec->declared) == 0)
         && (rec->filter.scope == NULL || in_codes (rec->filter.scope, obs->country->code));
}

static gboolean
compared_in_measure (const TrObservation *obs, gconstpointer data)
{
  const TrReconciliation *rec = data;
  return compared (rec, obs) && strcmp (obs->measure, rec->measure) == 0;
}

/* "AT, BE, …" with at most 30 codes, then "and N others". */
static void
append_codes (GString *out, const GPtrArray *codes)
{
  for (guint i = 0; i < codes->len && i < 30; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (codes, i));
  if (codes->len > 30)
    g_string_append_printf (out, " and %u others", codes->len - 30);
}

static int
compare_ints (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

/* "2019-2021, 2023": the years, runs of consecutive years joined. */
static void
append_years (GString *out, GArray *years)
{
  g_array_sort (years, compare_ints);
  for (guint i = 0; i < years->len;)
    {
      guint j = i;
      while (j + 1 < years->len && g_array_index (years, int, j + 1)
                                       == g_array_index (years, int, j) + 1)
        j++;
      g_string_append_printf (out, "%s%d", i > 0 ? ", " : "", g_array_index (years, int, i));
      if (j > i)
        g_string_append_printf (out, "-%d", g_array_index (years, int, j));
      i = j + 1;
    }
}

gboolean
tr_scope_check_found (const TrReconciliation *rec, GError **error)
{
  if (rec->pairs->len > 0)
    return TRUE;
  const TrDataset *observed = rec->dataset;

  /* The measure: does either series hold it at all? */
  g_autoptr (GHashTable) measures = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < observed->n_observations; i++)
    {
      const TrObservation *obs = tr_dataset_observation (observed, i);
      if (compared (rec, obs))
        g_hash_table_add (measures, (gpointer) obs->measure);
    }
  if (!g_hash_table_contains (measures, rec->measure))
    {
      g_autofree const char **names
          = (const char **) g_hash_table_get_keys_as_array (measures, NULL);
      qsort (names, g_hash_table_size (measures), sizeof *names,
             (int (*) (const void *, const void *)) compare_codes);
      g_autofree char *list = g_strjoinv (", ", (char **) names);
      g_set_error (error, TR_SCOPE_ERROR, TR_SCOPE_ERROR_MEASURE,
                   "no figure for this measure; the inputs hold %s",
                   names[0] != NULL ? list : "no figure in either series");
      return FALSE;
    }

  /* The countries: does the measure have a figure for any country kept? */
  g_autoptr (GPtrArray) held = countries_of (rec->dataset, compared_in_measure, rec);
  gboolean any_kept = FALSE;
  for (guint i = 0; i < held->len && !any_kept; i++)
    any_kept = rec->filter.countries == NULL
               || in_codes (rec->filter.countries, g_ptr_array_index (held, i));
  if (!any_kept)
    {
      g_autoptr (GString) message = g_string_new (NULL);
      g_string_printf (message, "no %s figure for these countries; the inputs hold %s figures "
                       "for %u countries: ",
                       rec->measure, rec->measure, held->len);
      append_codes (message, held);
      g_set_error_literal (error, TR_SCOPE_ERROR, TR_SCOPE_ERROR_COUNTRIES, message->str);
      return FALSE;
    }

  /* The years, for the countries kept. */
  g_autoptr (GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < observed->n_observations; i++)
    {
      const TrObservation *obs = tr_dataset_observation (observed, i);
      int year = tr_observation_year (obs);
      if (year != 0 && compared_in_measure (obs, rec)
          && tr_filter_keeps_country (&rec->filter, obs->country)
          && g_hash_table_add (seen, GINT_TO_POINTER (year)))
        g_array_append_val (years, year);
    }
  g_autoptr (GString) message = g_string_new (NULL);
  g_string_printf (message, "no %s figure for these years; the inputs hold %s figures for ",
                   rec->measure, rec->measure);
  append_years (message, years);
  g_set_error_literal (error, TR_SCOPE_ERROR, TR_SCOPE_ERROR_YEARS, message->str);
  return FALSE;
}
