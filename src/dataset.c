/* dataset.c — turning the cells of a table into observations, with checks on every cell. */
#include "config.h"

#include "dataset.h"

#include <string.h>

#include "csvread.h"
#include "input-error.h"
#include "layout.h"
#include "number.h"

/* Country labels (case-folded) that mark a row as the table's published total. */
static const char *const total_labels[] = {
  "total", "totals", "total ue", "total eu", "eu total", "ue", "eu", "eu27", "ue27",
  "insgesamt", "gesamt", "summe", "somme",
};

/* A new zeroed observation, the last of the dataset. Observations are allocated
 * TR_OBSERVATIONS_PER_BLOCK at a time and never move: one allocation per observation would
 * cost its allocator header, and an array of pointers to them 8 bytes more, on tables of
 * millions of rows. */
static TrObservation *
observation_new (TrDataset *dataset)
{
  if (dataset->n_observations % TR_OBSERVATIONS_PER_BLOCK == 0)
    g_ptr_array_add (dataset->blocks, g_new0 (TrObservation, TR_OBSERVATIONS_PER_BLOCK));
  return tr_dataset_observation (dataset, dataset->n_observations++);
}

const GArray *
tr_dataset_merged (const TrDataset *dataset, const TrObservation *obs)
{
  return g_hash_table_lookup (dataset->merged, obs);
}

/* The cells added into `obs` by on-duplicate=sum, made when the first is added. */
static GArray *
merged_of (TrDataset *dataset, const TrObservation *obs)
{
  GArray *merged = g_hash_table_lookup (dataset->merged, obs);
  if (merged == NULL)
    {
      merged = g_array_new (FALSE, FALSE, sizeof (TrWhere));
      g_hash_table_insert (dataset->merged, (gpointer) obs, merged);
    }
  return merged;
}

/* The index: each observation is its own key, identified by (source, country, period,
 * measure). Countries are entries of one table, so compared by address. */
static guint
observation_hash (gconstpointer key)
{
  const TrObservation *o = key;
  return (((g_str_hash (o->source) * 31u + g_str_hash (o->measure)) * 31u
           + g_direct_hash (o->country)) * 31u + (guint) o->period.start) * 31u
         + (guint) o->period.months;
}

static gboolean
observation_equal (gconstpointer a, gconstpointer b)
{
  const TrObservation *x = a, *y = b;
  return x->country == y->country && tr_period_equal (x->period, y->period)
         && strcmp (x->source, y->source) == 0 && strcmp (x->measure, y->measure) == 0;
}

TrDataset *
tr_dataset_new (const TrCountryTable *countries)
{
  TrDataset *dataset = g_new0 (TrDataset, 1);
  dataset->blocks = g_ptr_array_new_with_free_func (g_free);
  dataset->annotations = g_ptr_array_new_with_free_func (g_free);
  dataset->inputs = g_ptr_array_new_with_free_func (g_free);
  dataset->countries = countries;
  dataset->strings = g_string_chunk_new (4096);
  dataset->index = g_hash_table_new (observation_hash, observation_equal);
  dataset->merged = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                           (GDestroyNotify) g_array_unref);
  dataset->marks = g_array_new (FALSE, FALSE, sizeof (TrMark));
  dataset->derived = g_hash_table_new (g_direct_hash, g_direct_equal);
  return dataset;
}

void
tr_dataset_free (TrDataset *dataset)
{
  if (dataset == NULL)
    return;
  g_hash_table_unref (dataset->merged);
  g_hash_table_unref (dataset->derived);
  g_array_unref (dataset->marks);
  g_ptr_array_unref (dataset->blocks);
  g_ptr_array_unref (dataset->annotations);
  g_ptr_array_unref (dataset->inputs);
  g_hash_table_unref (dataset->index);
  g_string_chunk_free (dataset->strings);
  g_free (dataset);
}

static const char *
intern (TrDataset *dataset, const char *text)
{
  return text != NULL ? g_string_chunk_insert_const (dataset->strings, text) : NULL;
}

/* TRUE when the spec forbids adding to `source`. */
static gboolean
is_foreign (const TrTableSpec *spec, const char *source)
{
  return spec->foreign_sources != NULL
         && g_strv_contains (spec->foreign_sources, source);
}

const TrObservation *
tr_dataset_find (const TrDataset *dataset, const char *source, const char *country_code,
                 int year, const char *measure)
{
  return tr_dataset_find_period (dataset, source, country_code, tr_period_year (year), measure);
}

const TrObservation *
tr_dataset_find_period (const TrDataset *dataset, const char *source, const char *country_code,
                        TrPeriod period, const char *measure)
{
  const TrCountry *country = NULL;
  if (country_code != NULL)
    {
      country = tr_country_table_get (dataset->countries, country_code);
      if (country == NULL)
        return NULL;
    }
  TrObservation probe = { .source = source, .country = country, .period = period,
                          .measure = measure };
  return g_hash_table_lookup (dataset->index, &probe);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
is_total_label (const char *label)
{
  g_autofree char *folded = g_utf8_casefold (label, -1);
  g_strstrip (folded);
  for (gsize i = 0; i < G_N_ELEMENTS (total_labels); i++)
    if (strcmp (folded, total_labels[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Everything one row contributes shares these. */
typedef struct {
  TrDataset *dataset;
  const TrTableSpec *spec;
  const char *source;
  const char *default_measure;
  gboolean sum_duplicates;
  GHashTable *seen;  /* label as printed -> const TrCountry *: a table of millions of rows
                        names the same few hundred countries, each looked up once */
  const TrCountry *fixed_country; /* the layout file's fixed-country, or NULL */
  GPtrArray *parts;  /* YearParts *, in the order first met: a long table's rows for parts of
                        a year, made into the year's figure once the table is read; NULL
                        until one is met */
  GHashTable *parts_index; /* &YearParts.key -> the same YearParts * (observation_hash) */
} LoadContext;

/* A long table's rows for parts of one year ("Q1 2024") of one source, subject and measure. */
typedef struct {
  TrObservation key;            /* the year's observation to be: source, country (NULL for a
                                   total row), year and measure; found in
                                   LoadContext.parts_index as observations are in the index */
  GArray *periods;              /* TrPeriod, each once, in row order */
  GArray *values;               /* TrValue of each period */
  GArray *cells;                /* TrWhere of every row read for them, in row order */
} YearParts;

static void
year_parts_free (gpointer data)
{
  YearParts *parts = data;
  g_array_unref (parts->periods);
  g_array_unref (parts->values);
  g_array_unref (parts->cells);
  g_free (parts);
}

/* Adds the present count `part` into the present count `sum` (a non-exact part makes the sum
 * non-exact); a sum past 2^53 is an error at `where`. `code` is the country's, NULL for a
 * total. */
static gboolean
add_count (TrValue *sum, const TrValue *part, const char *code, TrPeriod period, TrWhere where,
           GError **error)
{
  if (sum->count > TR_VALUE_MAX - part->count)
    {
      g_autofree char *when = tr_period_describe (period);
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, where.file, where.line, where.column,
                          "found a sum past 2^53 for %s %s; expected at most 9007199254740992",
                          code != NULL ? code : "the total", when);
      return FALSE;
    }
  /* A bound plus exact figures is a bound of the same kind, approximate figures add their
   * rounding widths; a bound plus another kind of inexact figure bounds nothing: refused
   * rather than given a qualifier it does not have. */
  if (part->qualifier != TR_QUALIFIER_EXACT && sum->qualifier != TR_QUALIFIER_EXACT
      && part->qualifier != sum->qualifier)
    {
      g_autofree char *when = tr_period_describe (period);
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, where.file, where.line, where.column,
                          "found a %s figure to add to a %s one for %s %s; expected figures "
                          "that add up to a count of one kind (exact, approximate or bounded "
                          "the same way)",
                          tr_qualifier_name (part->qualifier), tr_qualifier_name (sum->qualifier),
                          code != NULL ? code : "the total", when);
      return FALSE;
    }
  gboolean was_exact = sum->qualifier == TR_QUALIFIER_EXACT;
  sum->count += part->count;
  if (part->qualifier == TR_QUALIFIER_APPROXIMATE)
    sum->precision = (was_exact ? 0 : sum->precision) + part->precision;
  if (part->qualifier != TR_QUALIFIER_EXACT)
    sum->qualifier = part->qualifier;
  return TRUE;
}

/* Adds one observation, or sums it into an earlier one, or rejects a duplicate. `also`
 * (n_also cells) are the other cells a value was added up from, kept in its provenance. */
static gboolean
add_observation_of (LoadContext *ctx, const char *source, const TrCountry *country,
                    TrPeriod period, const char *measure, const TrValue *value, TrWhere where,
                    const TrWhere *also, guint n_also, GError **error)
{
  TrDataset *dataset = ctx->dataset;
  const char *code = country != NULL ? country->code : NULL;
  TrObservation probe = { .source = source, .country = country, .period = period,
                          .measure = measure };
  TrObservation *earlier = g_hash_table_lookup (dataset->index, &probe);
  if (earlier != NULL && !ctx->sum_duplicates)
    {
      g_autofree char *when = tr_period_describe (period);
      tr_input_error_set (error, TR_INPUT_ERROR_DUPLICATE, where.file, where.line, where.column,
                          "found a second %s figure for %s %s (%s); expected one per country, "
                          "%s and measure, and the first is at %s:%u:%u (--on-duplicate sum "
                          "adds them up)",
                          measure, code != NULL ? code : "the total", when, source,
                          tr_period_is_year (period, NULL) ? "year" : "period",
                          earlier->where.file, earlier->where.line, earlier->where.column);
      return FALSE;
    }
  if (earlier != NULL)
    {
      /* Summing keeps every provenance. A missing part makes the sum missing, with the
       * first missing part's reason: missing is never zero (as in load_sum()). */
      if (value->present && earlier->value.present)
        {
          if (!add_count (&earlier->value, value, code, period, where, error))
            return FALSE;
        }
      else if (earlier->value.present)
        earlier->value = *value;
      GArray *merged = merged_of (dataset, earlier);
      g_array_append_val (merged, where);
      g_array_append_vals (merged, also, n_also);
      return TRUE;
    }
  TrObservation *obs = observation_new (dataset);
  obs->source = source;
  obs->country = country;
  obs->period = period;
  obs->measure = intern (dataset, measure);
  obs->value = *value;
  obs->where = where;
  obs->origin = ctx->spec->origin;
  if (n_also > 0)
    g_array_append_vals (merged_of (dataset, obs), also, n_also);
  g_hash_table_add (dataset->index, obs);
  return TRUE;
}

gboolean
tr_dataset_add (TrDataset *dataset, const TrObservation *obs, const TrWhere *also,
                guint n_also, GError **error)
{
  TrObservation probe = *obs;
  probe.source = intern (dataset, obs->source);
  probe.measure = intern (dataset, obs->measure);
  probe.where.file = intern (dataset, obs->where.file);
  const TrObservation *earlier = g_hash_table_lookup (dataset->index, &probe);
  if (earlier != NULL)
    {
      g_autofree char *when = tr_period_describe (obs->period);
      tr_input_error_set (error, TR_INPUT_ERROR_DUPLICATE, probe.where.file, probe.where.line,
                          probe.where.column,
                          "found a second %s figure for %s %s (%s); expected one, and the "
                          "first is at %s:%u:%u",
                          probe.measure, obs->country != NULL ? obs->country->code : "the total",
                          when, probe.source, earlier->where.file, earlier->where.line,
                          earlier->where.column);
      return FALSE;
    }
  TrObservation *added = observation_new (dataset);
  *added = probe;
  if (n_also > 0)
    {
      GArray *merged = merged_of (dataset, added);
      for (guint k = 0; k < n_also; k++)
        {
          TrWhere where = also[k];
          where.file = intern (dataset, where.file);
          g_array_append_val (merged, where);
        }
    }
  g_hash_table_add (dataset->index, added);
  return TRUE;
}

void
tr_dataset_add_input (TrDataset *dataset, const char *path, const char *sha256, guint rows,
                      const TrSource *origin)
{
  TrInput *input = g_new0 (TrInput, 1);
  input->path = intern (dataset, path);
  g_strlcpy (input->sha256, sha256, sizeof input->sha256);
  input->rows = rows;
  input->origin = origin;
  g_ptr_array_add (dataset->inputs, input);
}

gboolean
tr_dataset_is_derived (const TrDataset *dataset, const TrObservation *obs)
{
  return g_hash_table_size (dataset->derived) > 0
         && g_hash_table_contains (dataset->derived, obs);
}

gint
tr_dataset_add_sum (TrDataset *dataset, const char *source, const char *const *measures,
                    const char *name, GError **error)
{
  gint added = 0;
  guint n = dataset->n_observations;
  g_autoptr (GArray) also = g_array_new (FALSE, FALSE, sizeof (TrWhere));
  for (guint i = 0; i < n; i++)
    {
      const TrObservation *first = tr_dataset_observation (dataset, i);
      if (strcmp (first->source, source) != 0 || strcmp (first->measure, measures[0]) != 0)
        continue;
      TrObservation sum = *first;
      sum.measure = name;
      g_array_set_size (also, 0);
      const GArray *merged = tr_dataset_merged (dataset, first);
      if (merged != NULL)
        g_array_append_vals (also, merged->data, merged->len);
      gboolean complete = TRUE;
      for (guint k = 1; measures[k] != NULL && complete; k++)
        {
          TrObservation probe = { .source = first->source, .country = first->country,
                                  .period = first->period, .measure = measures[k] };
          const TrObservation *part = g_hash_table_lookup (dataset->index, &probe);
          complete = part != NULL;
          if (!complete)
            break;
          g_array_append_val (also, part->where);
          merged = tr_dataset_merged (dataset, part);
          if (merged != NULL)
            g_array_append_vals (also, merged->data, merged->len);
          /* A missing part makes the sum missing: missing is never zero. */
          if (!part->value.present)
            {
              if (sum.value.present)
                sum.value = part->value;
              continue;
            }
          if (sum.value.present
              && !add_count (&sum.value, &part->value,
                             first->country != NULL ? first->country->code : NULL,
                             first->period, part->where, error))
            return -1;
        }
      if (!complete)
        continue;
      if (!tr_dataset_add (dataset, &sum, (const TrWhere *) (void *) also->data, also->len,
                           error))
        return -1;
      g_hash_table_add (dataset->derived,
                        tr_dataset_observation (dataset, dataset->n_observations - 1));
      added++;
    }
  return added;
}

static gboolean
add_observation (LoadContext *ctx, const char *source, const TrCountry *country,
                 TrPeriod period, const char *measure, const TrValue *value, TrWhere where,
                 GError **error)
{
  return add_observation_of (ctx, source, country, period, measure, value, where, NULL, 0,
                             error);
}

/* Reads one figure cell. `column` (NULL in a long table) may declare the units its cells
 * print after their figure; *measure (when not NULL) becomes the measure of the unit read when
 * the layout gives it one. A figure followed by a unit not declared names the layout key that
 * would declare it (`layout_path`: the layout file, or NULL). */
static gboolean
parse_value (const char *text, const TrColumn *column, const char *layout_path, TrWhere where,
             TrValue *value, const char **measure, GError **error)
{
  g_autoptr (GError) inner = NULL;
  g_autofree char *unknown = NULL;
  int unit = -1;
  const char *const *units = column != NULL ? (const char *const *) column->units : NULL;
  if (tr_number_parse_unit (text, units, value, &unit, &unknown, &inner))
    {
      if (unit >= 0 && measure != NULL && column->unit_measures[unit][0] != '\0')
        *measure = column->unit_measures[unit];
      return TRUE;
    }
  if (g_error_matches (inner, TR_NUMBER_ERROR, TR_NUMBER_ERROR_UNIT))
    {
      g_autofree char *key
          = units != NULL ? g_strdup_printf ("add '%s' to [column %u] unit", unknown, where.column)
                          : g_strdup_printf ("[column %u] unit = %s", where.column, unknown);
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, where.file, where.line, where.column,
                          "%s (%s in %s)", inner->message, key,
                          layout_path != NULL ? layout_path
                                              : "a layout file, see docs/layout-files.md");
      return FALSE;
    }
  tr_input_error_set (error, TR_INPUT_ERROR_VALUE, where.file, where.line, where.column, "%s",
                      inner->message);
  return FALSE;
}

static gboolean
lookup_country (LoadContext *ctx, const char *label, TrWhere where, const TrCountry **out,
                GError **error)
{
  *out = tr_country_table_lookup (ctx->dataset->countries, label);
  if (*out != NULL && ((*out)->kind == TR_SUBJECT_COUNTRY || ctx->spec->organisations))
    return TRUE;
  /* What the messages below quote of the label. */
  g_autofree char *shown = tr_input_excerpt (label, 60);
  if (*out != NULL && (*out)->kind == TR_SUBJECT_ORGANISATION && !ctx->spec->organisations)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, where.file, where.line, where.column,
                          "found '%s', the organisation %s; expected a country: this table is "
                          "compared country by country (providers' figures are read only in "
                          "the bundled context tables)",
                          shown, (*out)->code);
      return FALSE;
    }
  if (*out != NULL && (*out)->kind == TR_SUBJECT_AGGREGATE && !ctx->spec->organisations)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, where.file, where.line, where.column,
                          "found '%s', the aggregate %s; expected a country: this table is "
                          "compared country by country (a row of the table's own total is "
                          "labelled Total)",
                          shown, (*out)->code);
      return FALSE;
    }
  if (*out != NULL)
    return TRUE;
  tr_input_error_set (error, TR_INPUT_ERROR_VALUE, where.file, where.line, where.column,
                      "found the country '%s', which is not known; expected an ISO 3166-1 "
                      "code, an EU code or a country name in one of the EU's 24 official "
                      "languages (aliases are listed in data/country-aliases.csv)",
                      shown);
  return FALSE;
}

/* The country of a row's label, or *total set for a "Total" row. */
static gboolean
row_country (LoadContext *ctx, const char *label, TrWhere where, const TrCountry **country,
             gboolean *total, GError **error)
{
  *country = g_hash_table_lookup (ctx->seen, label);
  *total = FALSE;
  if (*country != NULL)
    return TRUE;
  *total = is_total_label (label);
  if (*total)
    return TRUE;
  if (!lookup_country (ctx, label, where, country, error))
    return FALSE;
  g_hash_table_insert (ctx->seen, g_strdup (label), (gpointer) *country);
  return TRUE;
}

static gboolean
load_breakdown (LoadContext *ctx, const TrColumn *column, const TrCountry *country,
                const char *measure, const TrCell *cell, TrWhere where, GError **error)
{
  TrValue parts[3];
  guint n_parts = 0;
  TrMissing missing = TR_MISSING_NONE;
  g_autoptr (GError) inner = NULL;
  if (!tr_breakdown_parse (cell->text, parts, &n_parts, &missing, &inner))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, where.file, where.line, where.column,
                          "%s", inner->message);
      return FALSE;
    }
  guint n_names = g_strv_length (column->parts);
  if (n_parts > n_names)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, where.file, where.line, where.column,
                          "found %u parts in '%s'; expected at most %u (%s)", n_parts,
                          cell->text, n_names, column->parts[0]);
      return FALSE;
    }
  if (n_parts == 0)
    {
      /* Nothing broken down: the first two parts (girls, boys) are missing for the same
       * reason; a third part (unknown sex) is only ever printed when it exists. */
      if (country == NULL)
        return TRUE;
      TrValue absent = { .present = FALSE, .missing = missing };
      for (guint k = 0; k < MIN (2u, n_names); k++)
        {
          g_autofree char *name = g_strdup_printf ("%s_%s", measure, column->parts[k]);
          if (!add_observation (ctx, ctx->source, country, column->period, name, &absent,
                                where, error))
            return FALSE;
        }
      return TRUE;
    }
  for (guint k = 0; k < n_parts; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%s", measure, column->parts[k]);
      if (!add_observation (ctx, ctx->source, country, column->period, name, &parts[k], where,
                            error))
        return FALSE;
    }
  return TRUE;
}

/* A ratio cell ([column N] kind = ratio): the printed percentage under `measure`, and, where
 * the cell prints them, its numerator and denominator under MEASURE_numerator and
 * MEASURE_denominator, all three with the cell's provenance. A marker ("s.o.") makes the
 * percentage missing, with its reason; a numerator and denominator not printed are not
 * figures of the table, and make no observation. */
static gboolean
load_ratio (LoadContext *ctx, const TrColumn *column, const TrCountry *country,
            const char *measure, const TrCell *cell, TrWhere where, GError **error)
{
  TrValue percent, parts[2];
  guint n_parts = 0;
  g_autoptr (GError) inner = NULL;
  if (!tr_ratio_parse (cell->text, &percent, parts, &n_parts, &inner))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, where.file, where.line, where.column,
                          "%s", inner->message);
      return FALSE;
    }
  if (!add_observation (ctx, ctx->source, country, column->period, measure, &percent, where,
                        error))
    return FALSE;
  static const char *const names[] = { "numerator", "denominator" };
  for (guint k = 0; k < n_parts; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%s", measure, names[k]);
      if (!add_observation (ctx, ctx->source, country, column->period, name, &parts[k], where,
                            error))
        return FALSE;
    }
  return TRUE;
}

/* The figure of a row that is the sum of several columns ([column N] sum = true), from the
 * first of them (`first`, 0-based). A part that is missing makes the sum missing, with that
 * part's reason: a missing part is never read as zero. */
static gboolean
load_sum (LoadContext *ctx, const TrLayout *layout, const TrRow *row, guint first,
          const TrCountry *country, gboolean total, const char *path, const char *measure,
          GError **error)
{
  const TrColumn *column = &layout->columns[first];
  TrValue sum = { .present = TRUE, .qualifier = TR_QUALIFIER_EXACT, .precision = 1 };
  g_autoptr (GArray) also = g_array_new (FALSE, FALSE, sizeof (TrWhere));
  guint n_blank = 0, n_parts = 0;
  TrWhere where = { path, row->cells[first].line, first + 1 };
  for (guint i = first + 1; i > 0; i = layout->columns[i - 1].sum_next)
    {
      const TrCell *cell = &row->cells[i - 1];
      TrWhere part_where = { path, cell->line, i };
      n_parts++;
      n_blank += is_blank (cell->text);
      if (i != first + 1)
        g_array_append_val (also, part_where);
      TrValue part;
      if (!parse_value (cell->text, NULL, ctx->spec->layout_path, part_where, &part, NULL,
                        error))
        return FALSE;
      /* A column for a part of the year is a figure of its own too ("Q1 2024"). */
      const TrColumn *piece = &layout->columns[i - 1];
      if (piece->part.months > 0 && !(total && is_blank (cell->text))
          && !add_observation (ctx, ctx->source, country, piece->part, measure, &part,
                               part_where, error))
        return FALSE;
      if (!part.present)
        {
          if (sum.present)
            sum = part;
          continue;
        }
      if (!sum.present)
        continue;
      if (!add_count (&sum, &part, country != NULL ? country->code : NULL,
                      tr_period_year (column->year), part_where, error))
        return FALSE;
    }
  /* An empty total row publishes nothing, as for a single column. */
  if (total && n_blank == n_parts)
    return TRUE;
  /* Parts of the year that do not make it up give no figure for the year. */
  if (column->partial)
    sum = (TrValue) { .present = FALSE, .missing = TR_MISSING_PART_OF_YEAR };
  return add_observation_of (ctx, ctx->source, country, tr_period_year (column->year), measure,
                             &sum, where, (const TrWhere *) (void *) also->data, also->len,
                             error);
}

static gboolean
load_wide_row (LoadContext *ctx, const TrLayout *layout, const TrRow *header, const TrRow *row,
               const char *path, GError **error)
{
  TrDataset *dataset = ctx->dataset;
  const TrCountry *country = ctx->fixed_country;
  gboolean total = FALSE;
  if (country == NULL)
    {
      guint country_col = 0;
      while (layout->columns[country_col].role != TR_COLUMN_COUNTRY)
        country_col++;
      const TrCell *label = &row->cells[country_col];
      TrWhere label_where = { path, label->line, country_col + 1 };
      if (!row_country (ctx, label->text, label_where, &country, &total, error))
        return FALSE;
    }

  for (guint i = 0; i < layout->n_columns; i++)
    {
      const TrColumn *column = &layout->columns[i];
      const TrCell *cell = &row->cells[i];
      TrWhere where = { path, cell->line, i + 1 };
      const char *measure = column->measure != NULL ? column->measure : ctx->default_measure;
      switch (column->role)
        {
        case TR_COLUMN_COUNT:
          {
            if (column->sum)
              {
                if (column->sum_first == i + 1
                    && !load_sum (ctx, layout, row, i, country, total, path, measure, error))
                  return FALSE;
                break;
              }
            /* An empty cell in a total row publishes nothing; in a country row it is a
             * figure not reported. */
            if (total && is_blank (cell->text))
              continue;
            TrValue value;
            if (!parse_value (cell->text, column, ctx->spec->layout_path, where, &value,
                              &measure, error)
                || !add_observation (ctx, ctx->source, country, column->period, measure,
                                     &value, where, error))
              return FALSE;
            if (column->provisional && country != NULL)
              {
                TrMark mark = { country, column->year, intern (dataset, measure),
                                intern (dataset, header->cells[i].text),
                                { path, header->cells[i].line, i + 1 } };
                g_array_append_val (dataset->marks, mark);
              }
            break;
          }
        case TR_COLUMN_BREAKDOWN:
          if (!load_breakdown (ctx, column, country, measure, cell, where, error))
            return FALSE;
          break;
        case TR_COLUMN_RATIO:
          /* A total row's empty cell publishes nothing, as for a count. */
          if (total && is_blank (cell->text))
            continue;
          if (!load_ratio (ctx, column, country, measure, cell, where, error))
            return FALSE;
          break;
        case TR_COLUMN_TEXT:
          if (cell->text[0] != '\0')
            {
              TrAnnotation *note = g_new0 (TrAnnotation, 1);
              note->source = ctx->source;
              note->country = country;
              note->header = intern (dataset, header->cells[i].text);
              note->text = intern (dataset, cell->text);
              note->where = where;
              g_ptr_array_add (dataset->annotations, note);
            }
          break;
        default:
          break;
        }
    }
  return TRUE;
}

static gboolean
load_long_row (LoadContext *ctx, const TrLayout *layout, const TrRow *header, const TrRow *row,
               const char *path, GError **error)
{
  guint note_col = 0; /* the note column's cell (from 1), kept as an annotation of the row */
  const char *source = ctx->source;
  const char *measure = ctx->default_measure;
  const TrCountry *country = ctx->fixed_country;
  gboolean total = FALSE;
  int year = 0;
  TrPeriod part = { 0, 0 }, other = { 0, 0 };
  TrMark mark = { NULL, 0, NULL, NULL, { NULL, 0, 0 } };
  const TrCell *value_cell = NULL;
  guint value_col = 0;
  for (guint i = 0; i < layout->n_columns; i++)
    {
      const TrCell *cell = &row->cells[i];
      TrWhere where = { path, cell->line, i + 1 };
      switch (layout->columns[i].role)
        {
        case TR_COLUMN_SOURCE:
          if (!is_blank (cell->text))
            {
              g_autofree char *text = g_strstrip (g_strdup (cell->text));
              if (is_foreign (ctx->spec, text))
                {
                  g_autofree char *shown = tr_input_excerpt (text, 60);
                  g_autofree char *others
                      = g_strjoinv (", ", (char **) ctx->spec->foreign_sources);
                  tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, cell->line, i + 1,
                                      "found the source '%s' in a file read as %s; expected "
                                      "%s or a source name of the file's own, not %s",
                                      shown, ctx->spec->source, ctx->spec->source, others);
                  return FALSE;
                }
              source = intern (ctx->dataset, text);
            }
          break;
        case TR_COLUMN_MEASURE:
          if (!is_blank (cell->text))
            {
              g_autofree char *text = g_strstrip (g_strdup (cell->text));
              measure = intern (ctx->dataset, text);
            }
          break;
        case TR_COLUMN_COUNTRY:
          if (!row_country (ctx, cell->text, where, &country, &total, error))
            return FALSE;
          break;
        case TR_COLUMN_YEAR:
          {
            guint64 number = 0;
            g_autofree char *text = g_strstrip (g_strdup (cell->text));
            if (!g_ascii_string_to_unsigned (text, 10, 1900, 2099, &number, NULL))
              {
                g_autofree char *shown = tr_input_excerpt (cell->text, 60);
                const char *unsupported = NULL;
                g_autofree char *phrase
                    = tr_layout_period_phrase (text, &layout->periods, &unsupported, &part);
                /* A part of one year: one part of the year's figure (see finish_parts()); a
                 * year marked provisional: the year, its figure marked; a span of years or
                 * a fiscal year: a figure of its own (see finish_other_periods()). */
                if (part.months > 0)
                  {
                    year = tr_period_first_year (part);
                    if (tr_period_is_year (part, NULL))
                      {
                        part = (TrPeriod) { 0, 0 };
                        mark = (TrMark) { NULL, year, NULL, intern (ctx->dataset, cell->text),
                                          where };
                      }
                    else if (!tr_layout_period_is_part (part))
                      {
                        other = part;
                        part = (TrPeriod) { 0, 0 };
                      }
                    break;
                  }
                if (phrase != NULL)
                  tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, cell->line, i + 1,
                                      "found the year '%s', which seems to be %s; expected "
                                      "a whole calendar year (%s)",
                                      shown, phrase, unsupported);
                else
                  tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, cell->line, i + 1,
                                      "found the year '%s'; expected a year from 1900 to 2099",
                                      shown);
                return FALSE;
              }
            year = (int) number;
            break;
          }
        case TR_COLUMN_VALUE:
          value_cell = cell;
          value_col = i + 1;
          break;
        case TR_COLUMN_NOTE:
          note_col = i + 1;
          break;
        default:
          break;
        }
    }
  /* A long table's note (a remark, Eurostat's flag) is kept as printed, as a wide table's
   * text column is: an annotation of its row. */
  if (note_col > 0 && !is_blank (row->cells[note_col - 1].text))
    {
      TrAnnotation *note = g_new0 (TrAnnotation, 1);
      note->source = source;
      note->country = country;
      note->header = intern (ctx->dataset, header->cells[note_col - 1].text);
      note->text = intern (ctx->dataset, row->cells[note_col - 1].text);
      note->where = (TrWhere) { path, row->cells[note_col - 1].line, note_col };
      g_ptr_array_add (ctx->dataset->annotations, note);
    }
  TrWhere where = { path, value_cell->line, value_col };
  TrValue value;
  if (!parse_value (value_cell->text, NULL, ctx->spec->layout_path, where, &value, NULL, error))
    return FALSE;
  if (part.months == 0)
    {
      if (!add_observation (ctx, source, country,
                            other.months > 0 ? other : tr_period_year (year), measure, &value,
                            where, error))
        return FALSE;
      if (mark.printed != NULL && country != NULL)
        {
          mark.country = country;
          mark.measure = measure;
          g_array_append_val (ctx->dataset->marks, mark);
        }
      return TRUE;
    }
  /* A figure of its own, and kept with the other parts of its year until the table is read
   * (a part given twice is refused there, or added up with on-duplicate=sum). */
  if (!add_observation (ctx, source, country, part, measure, &value, where, error))
    return FALSE;
  if (ctx->parts == NULL)
    {
      ctx->parts = g_ptr_array_new_with_free_func (year_parts_free);
      ctx->parts_index = g_hash_table_new (observation_hash, observation_equal);
    }
  TrObservation probe = { .source = source, .country = country,
                          .period = tr_period_year (year), .measure = measure };
  YearParts *parts = g_hash_table_lookup (ctx->parts_index, &probe);
  if (parts == NULL)
    {
      parts = g_new0 (YearParts, 1);
      *parts = (YearParts) { probe, g_array_new (FALSE, FALSE, sizeof (TrPeriod)),
                             g_array_new (FALSE, FALSE, sizeof (TrValue)),
                             g_array_new (FALSE, FALSE, sizeof (TrWhere)) };
      g_ptr_array_add (ctx->parts, parts);
      g_hash_table_insert (ctx->parts_index, &parts->key, parts);
    }
  g_array_append_val (parts->cells, where);
  /* The same part again (on-duplicate=sum): one part, the sum of its figures, as its
   * observation is. A year has at most 78 distinct runs of months: this stays short. */
  for (guint k = 0; k < parts->periods->len; k++)
    if (tr_period_equal (g_array_index (parts->periods, TrPeriod, k), part))
      {
        TrValue *earlier = &g_array_index (parts->values, TrValue, k);
        if (value.present && earlier->present)
          return add_count (earlier, &value, country != NULL ? country->code : NULL, part,
                            where, error);
        if (earlier->present)
          *earlier = value;
        return TRUE;
      }
  g_array_append_val (parts->periods, part);
  g_array_append_val (parts->values, value);
  return TRUE;
}

/* Once a long table is read, the figure of each year given in parts: their sum when they make
 * up the year exactly (a missing part makes it missing), else no figure (part_of_year_only),
 * with every part's cell in its provenance. A figure for the whole year beside its parts is
 * an error. */
static gboolean
finish_parts (LoadContext *ctx, GError **error)
{
  for (guint i = 0; ctx->parts != NULL && i < ctx->parts->len; i++)
    {
      const YearParts *parts = g_ptr_array_index (ctx->parts, i);
      const TrWhere *cells = (const TrWhere *) (void *) parts->cells->data;
      const TrObservation *key = &parts->key;
      const char *code = key->country != NULL ? key->country->code : NULL;
      const TrObservation *whole = g_hash_table_lookup (ctx->dataset->index, key);
      if (whole != NULL)
        {
          g_autofree char *described
              = tr_period_describe (g_array_index (parts->periods, TrPeriod, 0));
          tr_input_error_set (error, TR_INPUT_ERROR_DUPLICATE, cells[0].file, cells[0].line,
                              cells[0].column,
                              "found a %s figure for %s for a part of %d (%s), and one for the "
                              "whole year at %s:%u:%u; expected one or the other: a figure for "
                              "the year, or figures for parts that make up the year",
                              key->measure, code != NULL ? code : "the total", tr_observation_year (key),
                              described, whole->where.file, whole->where.line,
                              whole->where.column);
          return FALSE;
        }
      TrValue sum = { .present = TRUE, .qualifier = TR_QUALIFIER_EXACT, .precision = 1 };
      for (guint k = 0; k < parts->values->len; k++)
        {
          const TrValue *part = &g_array_index (parts->values, TrValue, k);
          if (!part->present)
            {
              if (sum.present)
                sum = *part;
              continue;
            }
          if (sum.present && !add_count (&sum, part, code, key->period, cells[k], error))
            return FALSE;
        }
      if (!tr_period_tiles ((const TrPeriod *) (void *) parts->periods->data,
                            parts->periods->len, key->period))
        sum = (TrValue) { .present = FALSE, .missing = TR_MISSING_PART_OF_YEAR };
      if (!add_observation_of (ctx, key->source, key->country, key->period, key->measure,
                               &sum, cells[0], cells + 1, parts->cells->len - 1, error))
        return FALSE;
    }
  return TRUE;
}

/* Once a table is read, every calendar year that one of its figures for a longer or an
 * overlapping period covers ("2022-2024", a fiscal year July-June), and for which the table
 * gives no figure of the year itself, gets a figure missing for that reason: the year is then
 * reported as not comparable, never compared with a figure for another period. Observations
 * from `first` on are the table's. */
static gboolean
finish_other_periods (LoadContext *ctx, guint first, GError **error)
{
  guint end = ctx->dataset->n_observations;
  for (guint i = first; i < end; i++)
    {
      const TrObservation *obs = tr_dataset_observation (ctx->dataset, i);
      TrPeriod p = obs->period;
      if (obs->country == NULL || tr_period_is_year (p, NULL) || tr_layout_period_is_part (p))
        continue;
      int last = (p.start + p.months - 1) / 12;
      for (int year = tr_period_first_year (p); year <= last; year++)
        {
          TrObservation probe = { .source = obs->source, .country = obs->country,
                                  .period = tr_period_year (year), .measure = obs->measure };
          if (g_hash_table_contains (ctx->dataset->index, &probe))
            continue;
          TrValue none = { .present = FALSE, .missing = TR_MISSING_OTHER_PERIOD };
          if (!add_observation (ctx, obs->source, obs->country, probe.period, obs->measure,
                                &none, obs->where, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* One table being read: what its header decided, and the context its rows share. */
typedef struct {
  TrDataset *dataset;
  const TrTableSpec *spec;
  GKeyFile *hints;
  TrLayout *layout;
  const char *path; /* interned */
  LoadContext ctx;
} TableLoad;

/* The layout file of `spec`, if any, and where it says the table sits in its file. */
static gboolean
load_hints (const TrTableSpec *spec, GKeyFile **hints, TrCsvFrame *frame, GError **error)
{
  *hints = NULL;
  *frame = (TrCsvFrame) { .layout_path = spec->layout_path };
  if (spec->layout_path == NULL)
    return TRUE;
  *hints = tr_layout_file_load (spec->layout_path, error);
  return *hints != NULL && tr_layout_file_frame (*hints, spec->layout_path, frame, error);
}

/* The table's header is read: its layout, and what every row shares. */
static gboolean
on_header (const TrCsv *csv, gpointer data, GError **error)
{
  TableLoad *load = data;
  TrDataset *dataset = load->dataset;
  const TrTableSpec *spec = load->spec;
  load->layout = tr_layout_detect (csv, load->hints, spec->layout_path, error);
  if (load->layout == NULL)
    return FALSE;
  const TrLayout *layout = load->layout;

  /* A percentage is never compared as a count: only a context table, never reconciled,
   * may print one. */
  for (guint i = 0; i < layout->n_columns && !spec->organisations; i++)
    if (layout->columns[i].role == TR_COLUMN_RATIO)
      {
        const TrRow *header = g_ptr_array_index (csv->rows, 0);
        tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, csv->path, header->line, i + 1,
                            "found [column %u] kind = ratio (in %s) in a table compared "
                            "country by country; expected counts: percentages are read only "
                            "in the bundled context tables, never compared",
                            i + 1, spec->layout_path);
        return FALSE;
      }

  LoadContext *ctx = &load->ctx;
  if (layout->fixed_country != NULL)
    {
      ctx->fixed_country = tr_country_table_lookup (dataset->countries, layout->fixed_country);
      if (!tr_subject_is_country (ctx->fixed_country)
          && !(spec->organisations && ctx->fixed_country != NULL
               && ctx->fixed_country->kind == TR_SUBJECT_AGGREGATE))
        {
          g_autofree char *shown = tr_input_excerpt (layout->fixed_country, 60);
          if (ctx->fixed_country != NULL && !ctx->fixed_country->pseudo)
            tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, spec->layout_path, 0, 0,
                                "[layout] fixed-country = %s, the %s %s, which is not a "
                                "country; expected an ISO 3166-1 code, an EU code or a "
                                "country name: this table is compared country by country",
                                shown,
                                ctx->fixed_country->kind == TR_SUBJECT_AGGREGATE
                                    ? "aggregate"
                                    : "organisation",
                                ctx->fixed_country->code);
          else
            tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, spec->layout_path, 0, 0,
                                "[layout] fixed-country = %s, which is not a known country; "
                                "expected an ISO 3166-1 code, an EU code or a country name",
                                shown);
          return FALSE;
        }
    }
  if (layout->source != NULL && is_foreign (spec, layout->source))
    {
      g_autofree char *shown = tr_input_excerpt (layout->source, 60);
      g_autofree char *others = g_strjoinv (", ", (char **) spec->foreign_sources);
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, spec->layout_path, 0, 0,
                          "[layout] source = %s; expected %s (the role the file is read as) "
                          "or a source name of its own, not %s",
                          shown, spec->source, others);
      return FALSE;
    }
  ctx->source = intern (dataset, layout->source != NULL ? layout->source
                                 : spec->source != NULL ? spec->source
                                                        : "declared");
  ctx->default_measure = intern (dataset, spec->measure != NULL    ? spec->measure
                                          : layout->measure != NULL ? layout->measure
                                                                    : "reports");
  if (g_strcmp0 (layout->on_duplicate, "sum") == 0)
    ctx->sum_duplicates = TRUE;
  return TRUE;
}

/* One data row of the table, as it is parsed. */
static gboolean
on_data_row (const TrCsv *csv, const TrRow *row, gpointer data, GError **error)
{
  TableLoad *load = data;
  const TrLayout *layout = load->layout;
  return layout->kind == TR_LAYOUT_WIDE
             ? load_wide_row (&load->ctx, layout, g_ptr_array_index (csv->rows, 0), row,
                              load->path, error)
             : load_long_row (&load->ctx, layout, g_ptr_array_index (csv->rows, 0), row,
                              load->path, error);
}

/* Reads a table (from `bytes` when not NULL, else from spec->path) into the dataset, row by row
 * as it is parsed: only the header, the row being read and the observations are kept. */
static gboolean
load_table (TrDataset *dataset, const TrTableSpec *spec, const char *bytes, gsize n_bytes,
            GError **error)
{
  g_autoptr (GKeyFile) hints = NULL;
  TrCsvFrame frame;
  if (!load_hints (spec, &hints, &frame, error))
    return FALSE;
  frame.no_checksum = dataset->checksums_unused;
  /* The country labels seen are copies: a row's cells live only while it is read. */
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *path = intern (dataset, spec->name != NULL ? spec->name : spec->path);
  guint first = dataset->n_observations;
  TableLoad load = { dataset, spec, hints, NULL, path,
                     { dataset, spec, NULL, NULL, spec->sum_duplicates, seen, NULL, NULL, NULL } };
  g_autoptr (TrCsv) csv
      = bytes != NULL ? tr_csv_read_bytes_each (path, bytes, n_bytes, &frame, on_header,
                                                on_data_row, &load, error)
                      : tr_csv_read_each (spec->path, spec->name, &frame, on_header,
                                          on_data_row, &load, error);
  g_clear_pointer (&load.layout, tr_layout_free);
  gboolean parts_ok = csv != NULL && finish_parts (&load.ctx, error)
                     && finish_other_periods (&load.ctx, first, error);
  g_clear_pointer (&load.ctx.parts_index, g_hash_table_unref);
  g_clear_pointer (&load.ctx.parts, g_ptr_array_unref);
  if (!parts_ok)
    return FALSE;
  TrInput *input = g_new0 (TrInput, 1);
  input->path = path;
  g_strlcpy (input->sha256, csv->sha256 != NULL ? csv->sha256 : "", sizeof input->sha256);
  input->rows = csv->n_rows - 1;
  input->origin = spec->origin;
  g_ptr_array_add (dataset->inputs, input);
  return TRUE;
}

gboolean
tr_dataset_load (TrDataset *dataset, const TrTableSpec *spec, GError **error)
{
  return load_table (dataset, spec, NULL, 0, error);
}

gboolean
tr_dataset_load_bytes (TrDataset *dataset, const TrTableSpec *spec, const char *bytes,
                       gsize n_bytes, GError **error)
{
  return load_table (dataset, spec, bytes, n_bytes, error);
}

void
tr_dataset_spec_of (const TrSource *source, TrTableSpec *spec)
{
  memset (spec, 0, sizeof *spec);
  spec->path = source->path;
  spec->name = source->display;
  spec->source = source->series;
  spec->measure = source->measure;
  spec->layout_path = source->layout;
  spec->origin = source;
  spec->sum_duplicates = source->sum_duplicates;
  spec->organisations = g_strcmp0 (source->role, "context") == 0;
}

const char *
tr_input_citation (const TrInput *input)
{
  return input->origin != NULL ? input->origin->citation : input->path;
}

char *
tr_dataset_cite (const TrDataset *dataset, const char *source, const char *measure,
                 gboolean with_path)
{
  /* Observations name their file by the input's interned path: collect the files seen. */
  g_autoptr (GHashTable) files = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < dataset->n_observations; i++)
    {
      const TrObservation *o = tr_dataset_observation (dataset, i);
      if (strcmp (o->source, source) != 0 || strcmp (o->measure, measure) != 0)
        continue;
      g_hash_table_add (files, (gpointer) o->where.file);
      const GArray *merged = tr_dataset_merged (dataset, o);
      for (guint k = 0; merged != NULL && k < merged->len; k++)
        g_hash_table_add (files, (gpointer) g_array_index (merged, TrWhere, k).file);
    }
  g_autoptr (GString) cite = NULL;
  for (guint i = 0; i < dataset->inputs->len; i++)
    {
      const TrInput *in = g_ptr_array_index (dataset->inputs, i);
      if (!g_hash_table_contains (files, in->path))
        continue;
      if (cite == NULL)
        cite = g_string_new (NULL);
      else
        g_string_append (cite, "; ");
      const char *citation = tr_input_citation (in);
      if (with_path && strcmp (citation, in->path) != 0)
        g_string_append_printf (cite, "%s (%s)", citation, in->path);
      else
        g_string_append (cite, citation);
    }
  return cite != NULL ? g_string_free (g_steal_pointer (&cite), FALSE) : NULL;
}
