/* dataset.h — observations read from tables, each with its provenance.
 *
 * An observation is (source, subject, period, measure, value, provenance): one cell of one
 * table. Its period is a calendar year, a part of one (a quarter, a half, a month, a run of
 * months), a span of whole years, or a fiscal year (period.h). The comparisons are made year
 * by year: a year's figure read in parts is also an observation of the year (their sum when
 * they make it up, else missing), and a year covered only by a figure for a longer or an
 * overlapping period (a span, a fiscal year) has an observation missing for that reason. The subject (`country`) is a country or, in a context table, an organisation or an
 * aggregate (EU27, WORLD; see country.h). A published total (a table's "Total" row) is an
 * observation whose country is NULL, never an aggregate.
 * Text columns (origin, remarks) are kept as annotations of their row.
 *
 * Ownership: the TrDataset owns every observation, annotation, input record and string in it
 * (strings are interned in one chunk: compare them with ==, or strcmp). It borrows the country
 * table, which must outlive it. Free with tr_dataset_free(). */
#pragma once

#include <glib.h>

#include "catalogue.h"
#include "country.h"
#include "period.h"
#include "value.h"

typedef struct {
  const char *file; /* interned path, as given */
  guint line;       /* physical line where the cell starts */
  guint column;     /* 1-based field number */
} TrWhere;

typedef struct {
  const char *source;       /* interned: "reference", "declared", "ncmec", … */
  const TrCountry *country; /* NULL for a published total */
  const char *measure;      /* interned: "reports", "children_identified_girls", … */
  TrPeriod period;          /* what span of time the figure covers; tr_observation_year() */
  const TrSource *origin;   /* the source it was read from (borrowed), or NULL when the
                               spec named none */
  TrWhere where;            /* the cell the value comes from (and the cells added in by
                               on-duplicate=sum: tr_dataset_merged()) */
  TrValue value;
} TrObservation;

/* The calendar year of an observation whose period is exactly one, else 0: what the yearly
 * comparisons, totals and series read (a quarter, a span or a fiscal year is never a year). */
static inline int
tr_observation_year (const TrObservation *obs)
{
  return obs->period.months == 12 && obs->period.start % 12 == 0 ? obs->period.start / 12 : 0;
}

typedef struct {
  const char *source;
  const TrCountry *country; /* NULL for a total row */
  const char *header;       /* the column's header, as printed */
  const char *text;         /* the cell, as printed */
  TrWhere where;
} TrAnnotation;

/* A figure its table marks provisional where the year is printed ("2024 (provisional)",
 * "2024p"): the notes make it a note of kind provisional (see notes.h). */
typedef struct {
  const TrCountry *country;
  int year;
  const char *measure;  /* interned */
  const char *printed;  /* interned: the header or year cell as printed */
  TrWhere where;        /* that header or cell */
} TrMark;

typedef struct {
  const char *path;   /* interned */
  char sha256[65];    /* hex digits; "" when dataset->checksums_unused */
  guint rows;         /* data rows read (the header not counted) */
  const TrSource *origin; /* borrowed, or NULL when the spec named none */
} TrInput;

typedef struct {
  guint n_observations;    /* in file, row, column order: tr_dataset_observation() */
  GPtrArray *annotations;  /* TrAnnotation * */
  GPtrArray *inputs;       /* TrInput * */
  GArray *marks;           /* TrMark, in reading order */
  gboolean checksums_unused; /* set before loading when no output of the run prints the
                              inputs' SHA-256: it is then not computed, and TrInput.sha256
                              is "" (but for a table of more than one read chunk) */
  /* private */
  const TrCountryTable *countries;
  GStringChunk *strings;
  GHashTable *index;       /* TrObservation *, keyed by its (source, country, year, measure) */
  GPtrArray *blocks;       /* TrObservation[TR_OBSERVATIONS_PER_BLOCK]: the observations,
                              allocated a block at a time (a table may make millions) */
  GHashTable *merged;      /* TrObservation * -> GArray of the TrWhere of the cells added in
                              by on-duplicate=sum */
  GHashTable *derived;     /* TrObservation *: the sums tr_dataset_add_sum() made */
} TrDataset;

#define TR_OBSERVATIONS_PER_BLOCK 1024

/* The observation number `i` (< n_observations), in file, row and column order; owned by the
 * dataset. */
static inline TrObservation *
tr_dataset_observation (const TrDataset *dataset, guint i)
{
  TrObservation *block = g_ptr_array_index (dataset->blocks, i / TR_OBSERVATIONS_PER_BLOCK);
  return &block[i % TR_OBSERVATIONS_PER_BLOCK];
}

/* The cells added into `obs` by on-duplicate=sum (TrWhere, in reading order), or NULL when it
 * is one cell. Owned by the dataset. */
const GArray *tr_dataset_merged (const TrDataset *dataset, const TrObservation *obs);

/* What to read, and how to label it. */
typedef struct {
  const char *path;        /* the CSV file */
  const char *name;        /* what to call it in messages and provenance; NULL: path */
  const char *source;      /* source name given to its observations; a layout file's
                              [layout] source, then a long table's source column, may name
                              another (not one of foreign_sources); NULL: "declared" */
  const char *const *foreign_sources; /* NULL-terminated sources the table may not add to
                              (a user's file: the other role and the bundled sources), or
                              NULL for none */
  const char *measure;     /* default measure; NULL: the layout file's, else "reports" */
  const char *layout_path; /* layout file, or NULL to decide from the header alone */
  const TrSource *origin;  /* the source read (borrowed: it must outlive the dataset), whose
                              citation the outputs print; NULL: the file is cited by name */
  gboolean sum_duplicates; /* TRUE: add up duplicate (source, country, year, measure) */
  gboolean organisations;  /* TRUE: rows (and [layout] fixed-country) may name organisations
                              and aggregates (a context table); FALSE: a row naming one is
                              an error, for the table is compared by country */
} TrTableSpec;

TrDataset *tr_dataset_new (const TrCountryTable *countries);
void tr_dataset_free (TrDataset *dataset);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrDataset, tr_dataset_free)

/* Reads one table into the dataset. On error returns FALSE with a TR_INPUT_ERROR naming
 * file, line and column; the dataset may then hold part of the table and should be freed. */
gboolean tr_dataset_load (TrDataset *dataset, const TrTableSpec *spec, GError **error);

/* Same as tr_dataset_load() on a table already in memory (spec->path is only a name then). */
gboolean tr_dataset_load_bytes (TrDataset *dataset, const TrTableSpec *spec, const char *bytes,
                                gsize n_bytes, GError **error);

/* The one way in for figures that are not read from a table by tr_dataset_load() (a sum of
 * measures, the counts of record-level lists): adds a copy of `obs` (its strings are interned,
 * so they may be the caller's; `origin` is borrowed), with `also` (n_also cells, may be NULL)
 * the other cells its value was added up from, kept in its provenance. A key the dataset
 * already holds is a TR_INPUT_ERROR_DUPLICATE naming both cells. */
gboolean tr_dataset_add (TrDataset *dataset, const TrObservation *obs, const TrWhere *also,
                         guint n_also, GError **error);

/* Records an input the caller read itself (the figures it gives come in by tr_dataset_add()),
 * so that the outputs list and cite it like a table read by tr_dataset_load(): `path` is
 * interned and must be the `where.file` of its observations; `sha256` is 64 hex digits. */
void tr_dataset_add_input (TrDataset *dataset, const char *path, const char *sha256,
                           guint rows, const TrSource *origin);

/* Adds, for every subject and period for which series `source` has a figure of each of
 * `measures` (NULL-terminated, at least two), an observation of measure `name`: their sum
 * (inexact when a part is; missing, with the first missing part's reason, when a part is
 * missing), with every part's cell in its provenance. A subject and period lacking a part
 * gets none. Returns the number added, or -1 with an error (a sum past 2^53, a key held). */
gint tr_dataset_add_sum (TrDataset *dataset, const char *source, const char *const *measures,
                         const char *name, GError **error);

/* TRUE when `obs` is a sum tr_dataset_add_sum() made, not a figure read: the listings of what
 * was read (--tidy, --explain) leave it out. */
gboolean tr_dataset_is_derived (const TrDataset *dataset, const TrObservation *obs);

/* A spec that reads the source `source` of the catalogue (borrowing its strings); rows may
 * name organisations and aggregates only in a context table. */
void tr_dataset_spec_of (const TrSource *source, TrTableSpec *spec);

/* How an input is cited: its source's citation, or its name when it has no source. */
const char *tr_input_citation (const TrInput *input);

/* How the outputs cite the figures of `source` and `measure`: every input that gave one (a cell
 * or a cell added in), in reading order, joined with "; " — its source's citation and, when
 * `with_path` and the citation is not the path itself, its path as read ("COM(2025) 740,
 * Table 7 (data/table7-ncmec-reports.csv)", "mine.csv", "Ministry of Justice 2024 (mine.csv)").
 * NULL when no input gave one. Newly allocated. */
char *tr_dataset_cite (const TrDataset *dataset, const char *source, const char *measure,
                       gboolean with_path);

/* The observation for (source, country code or NULL for the total, year, measure), or NULL. */
const TrObservation *tr_dataset_find (const TrDataset *dataset, const char *source,
                                      const char *country_code, int year, const char *measure);
/* The same for any period (a quarter, a span of years…). */
const TrObservation *tr_dataset_find_period (const TrDataset *dataset, const char *source,
                                             const char *country_code, TrPeriod period,
                                             const char *measure);
