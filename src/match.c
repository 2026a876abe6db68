/* match.c — pairing the two series by country and year, and the metrics built on the pairs. */
#include "config.h"

#include "match.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *
tr_status_name (TrStatus status)
{
  static const char *const names[] = {
    [TR_STATUS_MATCHED] = "matched",
    [TR_STATUS_REFERENCE_ONLY] = "reference_only",
    [TR_STATUS_DECLARED_ONLY] = "declared_only",
    [TR_STATUS_DECLARED_MISSING] = "declared_missing",
    [TR_STATUS_REFERENCE_MISSING] = "reference_missing",
  };
  return names[status];
}

static void
series_free (gpointer data)
{
  TrSeries *series = data;
  g_ptr_array_unref (series->points);
  g_free (series);
}

void
tr_reconciliation_free (TrReconciliation *rec)
{
  if (rec == NULL)
    return;
  g_ptr_array_unref (rec->pairs);
  g_ptr_array_unref (rec->all_pairs);
  g_ptr_array_unref (rec->non_countries);
  g_ptr_array_unref (rec->series);
  g_ptr_array_unref (rec->years);
  g_ptr_array_unref (rec->totals);
  g_ptr_array_unref (rec->breakdowns);
  g_free (rec->reference_label);
  g_free (rec);
}

gboolean
tr_filter_keeps_year (const TrFilter *filter, int year)
{
  return filter == NULL
         || ((filter->year_from == 0 || year >= filter->year_from)
             && (filter->year_to == 0 || year <= filter->year_to));
}

/* TRUE when `codes` (NULL-terminated) is NULL, standing for every country, or holds it. */
static gboolean
codes_keep (const char *const *codes, const TrCountry *country)
{
  if (codes == NULL)
    return TRUE;
  for (const char *const *code = codes; *code != NULL; code++)
    if (strcmp (*code, country->code) == 0)
      return TRUE;
  return FALSE;
}

gboolean
tr_filter_keeps_country (const TrFilter *filter, const TrCountry *country)
{
  return filter == NULL || codes_keep (filter->countries, country);
}

gboolean
tr_filter_in_scope (const TrFilter *filter, const TrCountry *country)
{
  return filter == NULL || codes_keep (filter->scope, country);
}

static int
compare_pairs (gconstpointer a, gconstpointer b)
{
  const TrPair *x = *(const TrPair *const *) a, *y = *(const TrPair *const *) b;
  int by_code = strcmp (x->country->code, y->country->code);
  return by_code != 0 ? by_code : (x->year > y->year) - (x->year < y->year);
}

/* Status of a (reference row, declared row) pair; see TrStatus. Both-missing counts as
 * declared_missing: the declared figure is the one under audit. */
static TrStatus
pair_status (const TrObservation *ref, const TrObservation *decl)
{
  gboolean r = ref != NULL && ref->value.present;
  gboolean d = decl != NULL && decl->value.present;
  if (r && d)
    return TR_STATUS_MATCHED;
  if (r)
    return decl != NULL ? TR_STATUS_DECLARED_MISSING : TR_STATUS_REFERENCE_ONLY;
  if (d)
    return ref != NULL ? TR_STATUS_REFERENCE_MISSING : TR_STATUS_DECLARED_ONLY;
  return decl != NULL ? TR_STATUS_DECLARED_MISSING : TR_STATUS_REFERENCE_MISSING;
}

static void
pair_metrics (TrPair *pair)
{
  pair->matched = pair->status == TR_STATUS_MATCHED;
  if (!pair->matched)
    return;
  gint64 ref = pair->reference->value.count;
  gint64 decl = pair->declared->value.count;
  pair->gap = ref - decl;
  if (ref == 0)
    return;
  double coverage = (double) decl / (double) ref;
  pair->coverage = (TrStat) { TRUE, coverage };
  pair->pct_difference = (TrStat) { TRUE, 100.0 * (double) (decl - ref) / (double) ref };
  if (decl > 0)
    pair->log2_coverage = (TrStat) { TRUE, log2 (coverage) };
}

/* Pairs every figure of the measure, whatever the filter: the statistics across countries
 * and the rules need the whole comparison. Pseudo-country rows are listed when shown. */
static void
build_pairs (TrReconciliation *rec, const TrFilter *filter)
{
  /* (code, year) -> pair under construction */
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const TrDataset *observed = rec->dataset;
  for (guint i = 0; i < observed->n_observations; i++)
    {
      const TrObservation *obs = tr_dataset_observation (observed, i);
      gboolean is_ref = strcmp (obs->source, rec->reference) == 0
                        && strcmp (obs->measure, rec->reference_measure) == 0;
      gboolean is_decl = strcmp (obs->source, rec->declared) == 0
                         && strcmp (obs->measure, rec->declared_measure) == 0;
      /* Year by year: a part of a year, a span or a fiscal year is compared through the
       * year's own observation (their sum, or missing for that reason). */
      int year = tr_observation_year (obs);
      if (obs->country == NULL || obs->country->kind != TR_SUBJECT_COUNTRY || year == 0
          || (strcmp (obs->measure, rec->reference_measure) != 0
              && strcmp (obs->measure, rec->declared_measure) != 0))
        continue;
      if (obs->country->pseudo)
        {
          /* Listed apart (and only when no --country list leaves them out). */
          if (tr_filter_keeps_year (filter, year)
              && (filter == NULL || filter->countries == NULL))
            g_ptr_array_add (rec->non_countries, (gpointer) obs);
          continue;
        }
      /* The comparison's scope (TrFilter.scope) chooses the population; --country does not. */
      if ((!is_ref && !is_decl) || !tr_filter_in_scope (filter, obs->country))
        continue;
      g_autofree char *key = g_strdup_printf ("%s %d", obs->country->code, year);
      TrPair *pair = g_hash_table_lookup (by_key, key);
      if (pair == NULL)
        {
          pair = g_new0 (TrPair, 1);
          pair->country = obs->country;
          pair->year = year;
          g_ptr_array_add (rec->all_pairs, pair);
          g_hash_table_insert (by_key, g_steal_pointer (&key), pair);
        }
      if (is_ref)
        pair->reference = obs;
      else
        pair->declared = obs;
    }
  g_ptr_array_sort (rec->all_pairs, compare_pairs);
  for (guint i = 0; i < rec->all_pairs->len; i++)
    {
      TrPair *pair = g_ptr_array_index (rec->all_pairs, i);
      pair->status = pair_status (pair->reference, pair->declared);
      pair_metrics (pair);
      if (tr_filter_keeps_year (filter, pair->year)
          && tr_filter_keeps_country (filter, pair->country))
        g_ptr_array_add (rec->pairs, pair);
    }
}

static int
compare_years (gconstpointer a, gconstpointer b)
{
  const TrYear *x = *(const TrYear *const *) a, *y = *(const TrYear *const *) b;
  return (x->year > y->year) - (x->year < y->year);
}

/* Adds one shown pair to its year's sums. */
static void
year_add (TrYear *year, const TrPair *pair)
{
  gboolean has_ref = pair->reference != NULL && pair->reference->value.present;
  gboolean has_decl = pair->declared != NULL && pair->declared->value.present;
  TrYearFigures *f = &year->figures;
  gboolean no_gap = FALSE;
  if (has_ref)
    f->reference_all = tr_value_add (&f->reference_all, &pair->reference->value);
  if (has_decl)
    f->declared_all = tr_value_add (&f->declared_all, &pair->declared->value);
  if (has_ref && !has_decl)
    f->reference_left_out = tr_value_add (&f->reference_left_out, &pair->reference->value);
  if (has_decl && !has_ref)
    f->declared_left_out = tr_value_add (&f->declared_left_out, &pair->declared->value);
  if (pair->matched)
    {
      f->reference_matched = tr_value_add (&f->reference_matched, &pair->reference->value);
      f->declared_matched = tr_value_add (&f->declared_matched, &pair->declared->value);
      if (pair->gap != 0)
        {
          TrValue gap = pair->gap > 0
                            ? tr_value_subtract (&pair->reference->value, &pair->declared->value)
                            : tr_value_subtract (&pair->declared->value, &pair->reference->value);
          /* Counts as printed may differ where the figures allow no difference at all
           * (NCMEC's 9 against "<10"): that is no shortfall and no excess. */
          no_gap = gap.present
                   && ((gap.qualifier == TR_QUALIFIER_EXACT && gap.count == 0)
                       || (gap.qualifier == TR_QUALIFIER_UPPER_BOUND && gap.count <= 1));
          TrValue *sum = pair->gap > 0 ? &f->shortfall : &f->excess;
          if (sum->present && !no_gap) /* an undetermined gap leaves the sum undetermined */
            *sum = gap.present ? tr_value_add (sum, &gap) : gap;
        }
    }
  if (has_ref)
    {
      year->reference_all += pair->reference->value.count;
      year->n_reference++;
    }
  if (has_decl)
    {
      year->declared_all += pair->declared->value.count;
      year->n_declared++;
    }
  if (has_ref && !has_decl)
    {
      year->reference_left_out += pair->reference->value.count;
      year->n_reference_left_out++;
    }
  if (has_decl && !has_ref)
    {
      year->declared_left_out += pair->declared->value.count;
      year->n_declared_left_out++;
    }
  if (!pair->matched)
    return;
  year->n_matched++;
  year->reference_matched += pair->reference->value.count;
  year->declared_matched += pair->declared->value.count;
  if (no_gap)
    return;
  if (pair->gap > 0)
    {
      year->shortfall += pair->gap;
      year->n_short++;
    }
  else if (pair->gap < 0)
    {
      year->excess -= pair->gap;
      year->n_excess++;
    }
}

/* The statistics across every country of one year: median and MAD of log2 coverage, each
 * pair's robust z, Spearman. */
static void
year_statistics (TrReconciliation *rec, TrYear *year)
{
  g_autoptr (GArray) log2s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) with_log2 = g_ptr_array_new ();
  g_autoptr (GArray) refs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) decls = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < rec->all_pairs->len; i++)
    {
      TrPair *pair = g_ptr_array_index (rec->all_pairs, i);
      if (pair->year != year->year || !pair->matched)
        continue;
      double r = (double) pair->reference->value.count;
      double d = (double) pair->declared->value.count;
      g_array_append_val (refs, r);
      g_array_append_val (decls, d);
      if (pair->log2_coverage.defined)
        {
          g_array_append_val (log2s, pair->log2_coverage.value);
          g_ptr_array_add (with_log2, pair);
        }
    }
  const double *x = (const double *) (void *) log2s->data;
  year->median_log2 = tr_median (x, log2s->len);
  year->mad_log2 = tr_mad (x, log2s->len);
  g_autofree TrStat *z = g_new0 (TrStat, log2s->len + 1);
  tr_robust_z (x, log2s->len, z);
  for (guint i = 0; i < with_log2->len; i++)
    ((TrPair *) g_ptr_array_index (with_log2, i))->robust_z = z[i];
  year->spearman = tr_spearman ((const double *) (void *) refs->data,
                                (const double *) (void *) decls->data, refs->len);
}

/* The years shown (those with a shown pair): sums over the shown pairs, statistics over all
 * of the year's pairs (which sets every pair's robust z, shown or not). */
static void
build_years (TrReconciliation *rec)
{
  g_autoptr (GHashTable) by_year = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < rec->all_pairs->len; i++)
    {
      const TrPair *pair = g_ptr_array_index (rec->all_pairs, i);
      if (g_hash_table_contains (by_year, GINT_TO_POINTER (pair->year)))
        continue;
      TrYear *year = g_new0 (TrYear, 1);
      year->year = pair->year;
      TrValue zero = tr_value_exact (0);
      year->figures = (TrYearFigures) { zero, zero, zero, zero, zero, zero, zero, zero, zero };
      year_statistics (rec, year);
      g_hash_table_insert (by_year, GINT_TO_POINTER (pair->year), year);
    }
  g_autoptr (GHashTable) shown = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrPair *pair = g_ptr_array_index (rec->pairs, i);
      TrYear *year = g_hash_table_lookup (by_year, GINT_TO_POINTER (pair->year));
      if (g_hash_table_add (shown, year))
        g_ptr_array_add (rec->years, year); /* rec->years owns it from here */
      year_add (year, pair);
    }
  /* Years with no shown pair are not shown: free them. */
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, by_year);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (shown, value))
      g_free (value);
  g_ptr_array_sort (rec->years, compare_years);
  for (guint y = 0; y < rec->years->len; y++)
    {
      TrYear *year = g_ptr_array_index (rec->years, y);
      year->figures.net = tr_value_subtract (&year->figures.reference_matched,
                                             &year->figures.declared_matched);
      if (year->reference_matched > 0)
        year->coverage = (TrStat) { TRUE, (double) year->declared_matched
                                              / (double) year->reference_matched };
    }
}

static int
compare_points (gconstpointer a, gconstpointer b)
{
  const TrObservation *x = *(const TrObservation *const *) a;
  const TrObservation *y = *(const TrObservation *const *) b;
  return tr_period_compare (&x->period, &y->period);
}

static int
compare_series (gconstpointer a, gconstpointer b)
{
  const TrSeries *x = *(const TrSeries *const *) a, *y = *(const TrSeries *const *) b;
  int by_code = strcmp (x->country->code, y->country->code);
  return by_code != 0 ? by_code : strcmp (x->source, y->source);
}

static void
build_series (TrReconciliation *rec, const TrFilter *filter)
{
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const TrDataset *observed = rec->dataset;
  for (guint i = 0; i < observed->n_observations; i++)
    {
      const TrObservation *obs = tr_dataset_observation (observed, i);
      int year = tr_observation_year (obs);
      if (!tr_subject_is_country (obs->country) || !obs->value.present || year == 0
          || strcmp (obs->measure, rec->measure) != 0 || !tr_filter_keeps_year (filter, year)
          || !tr_filter_keeps_country (filter, obs->country))
        continue;
      /* The scope bounds the two series compared; a context series (NCMEC's 2019-2024
         table) is kept for every country it has. */
      if ((strcmp (obs->source, rec->reference) == 0 || strcmp (obs->source, rec->declared) == 0)
          && !tr_filter_in_scope (filter, obs->country))
        continue;
      g_autofree char *key = g_strdup_printf ("%s %s", obs->country->code, obs->source);
      TrSeries *series = g_hash_table_lookup (by_key, key);
      if (series == NULL)
        {
          series = g_new0 (TrSeries, 1);
          series->country = obs->country;
          series->source = obs->source;
          series->points = g_ptr_array_new ();
          g_ptr_array_add (rec->series, series);
          g_hash_table_insert (by_key, g_steal_pointer (&key), series);
        }
      g_ptr_array_add (series->points, (gpointer) obs);
    }
  g_ptr_array_sort (rec->series, compare_series);
  for (guint s = 0; s < rec->series->len; s++)
    {
      TrSeries *series = g_ptr_array_index (rec->series, s);
      g_ptr_array_sort (series->points, compare_points);
      guint n = series->points->len;
      g_autofree int *years = g_new (int, n);
      g_autofree double *values = g_new (double, n);
      for (guint i = 0; i < n; i++)
        {
          const TrObservation *obs = g_ptr_array_index (series->points, i);
          years[i] = tr_observation_year (obs);
          values[i] = (double) obs->value.count;
        }
      series->trend = tr_trend (years, values, n);
    }
}

const char *
tr_total_check_words (const TrTotalCheck *check)
{
  if (check->exact)
    return check->ok ? "ok" : "mismatch";
  return check->within_rounding ? "ok (within rounding)" : "mismatch (beyond rounding)";
}

const char *
tr_total_check_name (const TrTotalCheck *check)
{
  if (check->exact)
    return check->ok ? "ok" : "mismatch";
  return check->within_rounding ? "within_rounding" : "beyond_rounding";
}

/* TRUE when the published totals include one for a part of `total`'s year, of the same source
 * and measure: then `total` is their sum, made by the reader, not a figure the table prints. */
static gboolean
total_in_parts (const TrDataset *observed, const TrObservation *total)
{
  for (guint i = 0; i < observed->n_observations; i++)
    {
      const TrObservation *part = tr_dataset_observation (observed, i);
      if (part->country == NULL && part != total && part->period.months < 12
          && tr_period_contains (total->period, part->period)
          && strcmp (part->source, total->source) == 0
          && strcmp (part->measure, total->measure) == 0)
        return TRUE;
    }
  return FALSE;
}

/* TRUE when the filter keeps every year `period` touches. */
static gboolean
filter_keeps_period (const TrFilter *filter, TrPeriod period)
{
  int first = tr_period_first_year (period);
  int last = (period.start + period.months - 1) / 12;
  for (int y = first; y <= last; y++)
    if (!tr_filter_keeps_year (filter, y))
      return FALSE;
  return TRUE;
}

static void
build_totals (TrReconciliation *rec, const TrFilter *filter)
{
  const TrDataset *observed = rec->dataset;
  for (guint t = 0; t < observed->n_observations; t++)
    {
      const TrObservation *total = tr_dataset_observation (observed, t);
      if (total->country != NULL || !total->value.present
          || !filter_keeps_period (filter, total->period)
          || (tr_observation_year (total) != 0 && total_in_parts (observed, total)))
        continue;
      TrTotalCheck *check = g_new0 (TrTotalCheck, 1);
      check->source = total->source;
      check->measure = total->measure;
      check->period = total->period;
      check->year = tr_period_first_year (total->period);
      check->published = total;
      for (guint i = 0; i < observed->n_observations; i++)
        {
          const TrObservation *obs = tr_dataset_observation (observed, i);
          if (obs->country == NULL || !tr_period_equal (obs->period, total->period)
              || strcmp (obs->source, total->source) != 0
              || strcmp (obs->measure, total->measure) != 0)
            continue;
          if (obs->value.present)
            {
              check->sum += obs->value.count;
              check->sum_value = check->n_rows == 0
                                     ? obs->value
                                     : tr_value_add (&check->sum_value, &obs->value);
              check->n_rows++;
            }
          else
            check->n_missing++;
        }
      if (check->n_rows == 0)
        check->sum_value = tr_value_exact (0);
      check->ok = check->sum == total->value.count;
      check->exact = total->value.qualifier == TR_QUALIFIER_EXACT
                     && check->sum_value.qualifier == TR_QUALIFIER_EXACT;
      if (!check->exact)
        {
          TrInterval published = tr_value_interval (&total->value);
          TrInterval sum = tr_value_interval (&check->sum_value);
          check->within_rounding = tr_interval_overlaps (published, sum);
        }
      g_ptr_array_add (rec->totals, check);
    }
}

static void
build_breakdowns (TrReconciliation *rec, const TrFilter *filter)
{
  static const char *const part_names[] = { "girls", "boys", "unknown" };
  const TrDataset *dataset = rec->dataset;
  for (guint i = 0; i < dataset->n_observations; i++)
    {
      const TrObservation *first = tr_dataset_observation (dataset, i);
      int year = tr_observation_year (first);
      if (first->country == NULL || !g_str_has_suffix (first->measure, "_girls") || year == 0
          || !tr_filter_keeps_year (filter, year) || !tr_filter_keeps_country (filter, first->country))
        continue;
      g_autofree char *base = g_strndup (first->measure, strlen (first->measure) - 6);
      const TrObservation *total
          = tr_dataset_find (dataset, first->source, first->country->code, year, base);
      if (total == NULL || !total->value.present)
        continue;
      TrBreakdownCheck check = { 0 };
      gboolean any = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (part_names); k++)
        {
          g_autofree char *name = g_strdup_printf ("%s_%s", base, part_names[k]);
          const TrObservation *part = tr_dataset_find (dataset, first->source,
                                                       first->country->code, year, name);
          check.part_names[k] = part_names[k];
          if (part == NULL || !part->value.present)
            continue;
          check.parts[k] = part;
          check.sum += part->value.count;
          any = TRUE;
        }
      if (!any)
        continue;
      check.country = first->country;
      check.year = year;
      check.measure = total->measure;
      check.total = total;
      check.ok = check.sum == total->value.count;
      g_ptr_array_add (rec->breakdowns, g_memdup2 (&check, sizeof check));
    }
}

/* The label of the sources the series `series` was read from (see reference_label). */
static char *
series_label (const TrDataset *dataset, const char *series)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  for (guint i = 0; i < dataset->inputs->len; i++)
    {
      const TrInput *in = g_ptr_array_index (dataset->inputs, i);
      if (in->origin == NULL || in->origin->series == NULL
          || strcmp (in->origin->series, series) != 0)
        continue;
      const char *label = in->origin->label != NULL ? in->origin->label : in->origin->citation;
      gboolean seen = FALSE;
      for (guint k = 0; k < labels->len && !seen; k++)
        seen = strcmp (g_ptr_array_index (labels, k), label) == 0;
      if (!seen)
        g_ptr_array_add (labels, (gpointer) label);
    }
  if (labels->len == 0)
    return g_strdup ("the reference");
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (" and ", (char **) labels->pdata);
}

TrReconciliation *
tr_reconcile (const TrDataset *dataset, const char *measure, const char *reference,
              const char *declared, const TrFilter *filter)
{
  TrReconciliation *rec
      = tr_reconcile_measures (dataset, reference, measure, declared, measure, filter);
  build_series (rec, filter);
  build_totals (rec, filter);
  build_breakdowns (rec, filter);
  return rec;
}

TrReconciliation *
tr_reconcile_measures (const TrDataset *dataset, const char *reference,
                       const char *reference_measure, const char *declared,
                       const char *declared_measure, const TrFilter *filter)
{
  TrReconciliation *rec = g_new0 (TrReconciliation, 1);
  rec->dataset = dataset;
  if (filter != NULL)
    rec->filter = *filter;
  rec->measure = declared_measure;
  rec->reference_measure = reference_measure;
  rec->declared_measure = declared_measure;
  rec->reference = reference;
  rec->declared = declared;
  rec->reference_label = series_label (dataset, reference);
  rec->some_countries = filter != NULL && filter->countries != NULL;
  rec->all_pairs = g_ptr_array_new_with_free_func (g_free);
  rec->pairs = g_ptr_array_new ();
  rec->non_countries = g_ptr_array_new ();
  rec->series = g_ptr_array_new_with_free_func (series_free);
  rec->years = g_ptr_array_new_with_free_func (g_free);
  rec->totals = g_ptr_array_new_with_free_func (g_free);
  rec->breakdowns = g_ptr_array_new_with_free_func (g_free);
  build_pairs (rec, filter);
  build_years (rec);
  return rec;
}

/* The key bsearch() compares pairs against: the order of compare_pairs(). */
typedef struct {
  const char *code;
  int year;
} PairKey;

static int
compare_key_pair (const void *k, const void *p)
{
  const PairKey *key = k;
  const TrPair *pair = *(const TrPair *const *) p;
  int by_code = strcmp (key->code, pair->country->code);
  return by_code != 0 ? by_code : (key->year > pair->year) - (key->year < pair->year);
}

const TrPair *
tr_reconciliation_pair (const TrReconciliation *rec, const char *code, int year)
{
  /* rec->pairs keeps all_pairs' order (compare_pairs: code, then year), and a (code, year)
   * is one pair: a binary search, as renderers look up every pair shown. */
  if (rec->pairs->len == 0)
    return NULL;
  PairKey key = { code, year };
  const TrPair *const *found = bsearch (&key, rec->pairs->pdata, rec->pairs->len,
                                        sizeof (gpointer), compare_key_pair);
  return found != NULL ? *found : NULL;
}
