/* population.h — per-capita rates: a figure per 100 000 inhabitants, with the population of
 * the same year.
 *
 * The population is an observation of its own source (series "population", measure
 * "population": data/sources.ini, Eurostat's population on 1 January). A rate divides a
 * figure of year Y by the population on 1 January of Y. When the dataset holds no population
 * for Y, the latest earlier year's is used and the rate says so (`population_year` differs
 * from the figure's year: every output that prints the rate prints that year beside it); with
 * none for Y or before it, the rate is missing. Missing is never zero: a missing figure or a
 * missing population gives a missing rate.
 *
 * The arithmetic is exact: count × 100 000 / population as a fraction of integers, rounded
 * half-to-even to TR_RATE_DECIMALS places (tr_format_ratio). An inexact figure gives an
 * inexact rate (approximate, or a bound on the same side).
 *
 * Nothing here allocates: a TrRate borrows the dataset's observations. */
#pragma once

#include <glib.h>

#include "dataset.h"
#include "rules.h"

/* Rates are per this many inhabitants, printed with TR_RATE_DECIMALS decimals. */
#define TR_PER_CAPITA_BASE 100000
#define TR_RATE_DECIMALS 2

/* The series and measure of the population figures. */
#define TR_POPULATION_SERIES "population"
#define TR_POPULATION_MEASURE "population"

typedef struct {
  gboolean defined;                /* FALSE: no figure, a missing figure, or no population */
  const TrObservation *figure;     /* the figure divided, or NULL */
  const TrObservation *population; /* the population divided by, or NULL */
  int year;                        /* the figure's year */
  int population_year;             /* the population's year (== year unless none was read
                                      for the year: then the latest earlier one); 0 if none */
  TrQualifier qualifier;           /* the figure's qualifier, or approximate when the
                                      population is inexact; when defined */
  double value;                    /* the rate as a double, for charts only; when defined */
} TrRate;

/* The population observation of `code` for `year`, or, when there is none or it is missing,
 * the latest earlier year's present one; NULL when none. */
const TrObservation *tr_population_find (const TrDataset *dataset, const char *code, int year);

/* The rate of `figure` (may be NULL) of country `code` in `year`. */
TrRate tr_per_capita (const TrDataset *dataset, const TrObservation *figure, const char *code,
                      int year);

/* A defined rate as a table cell ("624.93", "~0.32", ">1.20"), or "n/a" when undefined; with
 * TR_VALUE_WORDS, "about 0.32", "more than 1.20". Writes into buf (48 bytes are enough). */
const char *tr_format_rate (const TrRate *rate, TrValueStyle style, char *buf, gsize size);

/* Eurostat's flag of a population figure as printed ("p", "e", "bep"), or NULL when its row
 * has none. Borrowed from the dataset. */
const char *tr_population_flag (const TrDataset *dataset, const TrObservation *population);

/* The flag in words: "provisional", "estimated", "break in series", joined with ", " (newly
 * allocated); NULL for a NULL or empty flag. Letters it does not know are kept as printed. */
char *tr_population_flag_words (const char *flag);

/* The years of `years` (n, increasing) whose rates use another year's population, in one
 * sentence for a report ("Rates for 2023 and 2024 use the population on 1 January 2022, the
 * latest bundled."), or NULL when every year has its own; "No population figures were read:
 * no per-capita rate." when the dataset holds none. Newly allocated. */
char *tr_population_note (const TrDataset *dataset, const int *years, gsize n);

/* A defined rate's digits for machine-readable outputs ("624.93", no mark, no grouping), or
 * "" when undefined. Writes into buf (48 bytes are enough). */
const char *tr_rate_digits (const TrRate *rate, char *buf, gsize size);
