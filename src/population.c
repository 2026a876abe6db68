/* population.c — per-capita rates: a figure per 100 000 inhabitants of the same year. */
#include "config.h"

#include <string.h>

#include "metrics.h"
#include "population.h"

const TrObservation *
tr_population_find (const TrDataset *dataset, const char *code, int year)
{
  if (code == NULL)
    return NULL;
  const TrObservation *same = tr_dataset_find (dataset, TR_POPULATION_SERIES, code, year,
                                               TR_POPULATION_MEASURE);
  if (same != NULL && same->value.present)
    return same;
  /* The latest earlier year's: populations are read for a few years only, so a walk back
   * over a century of years costs a hundred lookups at most. */
  for (int y = year - 1; y >= year - 100 && y > 0; y--)
    {
      const TrObservation *o = tr_dataset_find (dataset, TR_POPULATION_SERIES, code, y,
                                                TR_POPULATION_MEASURE);
      if (o != NULL && o->value.present)
        return o;
    }
  return NULL;
}

TrRate
tr_per_capita (const TrDataset *dataset, const TrObservation *figure, const char *code,
               int year)
{
  TrRate rate = { .figure = figure, .year = year };
  rate.population = tr_population_find (dataset, code, year);
  if (rate.population != NULL)
    rate.population_year = tr_observation_year (rate.population);
  if (figure == NULL || !figure->value.present || figure->value.unit != TR_UNIT_COUNT
      || rate.population == NULL || rate.population->value.count <= 0
      || rate.population->value.unit != TR_UNIT_COUNT
      || figure->value.count > G_MAXINT64 / TR_PER_CAPITA_BASE)
    return rate;
  rate.defined = TRUE;
  rate.qualifier = figure->value.qualifier;
  if (rate.population->value.qualifier != TR_QUALIFIER_EXACT)
    rate.qualifier = TR_QUALIFIER_APPROXIMATE;
  rate.value = (double) figure->value.count * TR_PER_CAPITA_BASE
               / (double) rate.population->value.count;
  return rate;
}

const char *
tr_format_rate (const TrRate *rate, TrValueStyle style, char *buf, gsize size)
{
  char r[48];
  if (!rate->defined
      || !tr_format_ratio (rate->figure->value.count * TR_PER_CAPITA_BASE,
                           rate->population->value.count, TR_RATE_DECIMALS, r, sizeof r))
    {
      g_strlcpy (buf, "n/a", size);
      return buf;
    }
  tr_group_thousands (r, sizeof r);
  g_snprintf (buf, size, "%s%s", tr_qualifier_mark (rate->qualifier, style), r);
  return buf;
}

const char *
tr_population_flag (const TrDataset *dataset, const TrObservation *population)
{
  if (population == NULL)
    return NULL;
  for (guint i = 0; i < dataset->annotations->len; i++)
    {
      const TrAnnotation *a = g_ptr_array_index (dataset->annotations, i);
      /* The flag is the note of the population's own row. */
      if (a->source == population->source && a->country == population->country
          && a->where.line == population->where.line
          && g_strcmp0 (a->where.file, population->where.file) == 0)
        return a->text != NULL && a->text[0] != '\0' ? a->text : NULL;
    }
  return NULL;
}

char *
tr_population_flag_words (const char *flag)
{
  if (flag == NULL || flag[0] == '\0')
    return NULL;
  g_autoptr (GString) words = g_string_new (NULL);
  for (const char *p = flag; *p != '\0'; p++)
    {
      const char *w = NULL;
      switch (*p)
        {
        case 'p': w = "provisional"; break;
        case 'e': w = "estimated"; break;
        case 'b': w = "break in series"; break;
        case 'd': w = "definition differs"; break;
        case 'r': w = "revised"; break;
        default: break;
        }
      if (words->len > 0)
        g_string_append (words, ", ");
      if (w != NULL)
        g_string_append (words, w);
      else
        g_string_append_printf (words, "flag %c", *p);
    }
  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* The latest year up to `year` for which the dataset holds any present population, or 0. */
static int
population_year_for (const TrDataset *dataset, int year)
{
  int best = 0;
  for (guint i = 0; i < dataset->n_observations; i++)
    {
      const TrObservation *o = tr_dataset_observation (dataset, i);
      if (o->value.present && strcmp (o->source, TR_POPULATION_SERIES) == 0
          && strcmp (o->measure, TR_POPULATION_MEASURE) == 0)
        {
          int y = tr_observation_year (o);
          if (y <= year && y > best)
            best = y;
        }
    }
  return best;
}

char *
tr_population_note (const TrDataset *dataset, const int *years, gsize n)
{
  if (population_year_for (dataset, G_MAXINT) == 0)
    return g_strdup ("No population figures were read: no per-capita rate.");
  g_autoptr (GString) note = g_string_new (NULL);
  gsize i = 0;
  while (i < n)
    {
      int used = population_year_for (dataset, years[i]);
      if (used == years[i])
        {
          i++;
          continue;
        }
      /* The run of years that use the same other year's population. */
      gsize j = i + 1;
      while (j < n && population_year_for (dataset, years[j]) == used)
        j++;
      if (note->len > 0)
        g_string_append_c (note, ' ');
      g_string_append_printf (note, "Rates for %d", years[i]);
      for (gsize k = i + 1; k < j; k++)
        g_string_append_printf (note, "%s%d", k + 1 == j ? " and " : ", ", years[k]);
      if (used == 0)
        g_string_append (note, " are missing: no population was read for that year or before.");
      else
        g_string_append_printf (note, " use the population on 1 January %d, the latest read "
                                "(none was read for %s).", used, j - i > 1 ? "those years" :
                                "that year");
      i = j;
    }
  return note->len > 0 ? g_string_free (g_steal_pointer (&note), FALSE) : NULL;
}

const char *
tr_rate_digits (const TrRate *rate, char *buf, gsize size)
{
  if (!rate->defined
      || !tr_format_ratio (rate->figure->value.count * TR_PER_CAPITA_BASE,
                           rate->population->value.count, TR_RATE_DECIMALS, buf, size))
    g_strlcpy (buf, "", size);
  return buf;
}
