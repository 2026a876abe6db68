/* layout.h — what each column of a table means: the country, a year's figure, or text.
 *
 * Two layouts are understood (DESIGN §3):
 *  - wide, as published: one row per country, one column per year, where a year is found
 *    anywhere in the header cell ("2022", "Signalements en 2022", "ref2024"); other columns
 *    are text (origin, remarks); a row labelled "Total" is a published total;
 *  - long: columns named country, year, value (and optionally source, measure, note), or
 *    named otherwise by a layout file ([layout] year-column, value-column, country).
 * A layout file may also fix the country of every row of a one-country table.
 * Where the header cannot decide (two country-like columns, two columns of one year), a small
 * layout file (GLib key file, see docs/layout-files.md) settles it.
 *
 * Ownership: a TrLayout owns its columns and strings; free with tr_layout_free(). */
#pragma once

#include <glib.h>

#include "csvread.h"
#include "period.h"

typedef enum {
  TR_LAYOUT_WIDE,
  TR_LAYOUT_LONG,
} TrLayoutKind;

typedef enum {
  TR_COLUMN_TEXT,      /* kept as remark text of the row (wide) */
  TR_COLUMN_IGNORE,    /* read past */
  TR_COLUMN_COUNTRY,   /* the row's country label */
  TR_COLUMN_COUNT,     /* one count for `year` and `measure` */
  TR_COLUMN_BREAKDOWN, /* parts "a/b[/c]" of `measure`, named by `parts` */
  TR_COLUMN_RATIO,     /* a printed percentage "p %", or "p % (a/b)" with its numerator and
                          denominator: `measure` (in percent), MEASURE_numerator and
                          MEASURE_denominator (counts); context tables only */
  /* long layout only */
  TR_COLUMN_SOURCE,
  TR_COLUMN_YEAR,
  TR_COLUMN_MEASURE,
  TR_COLUMN_VALUE,
  TR_COLUMN_NOTE,
} TrColumnRole;

typedef struct {
  TrColumnRole role;
  int year;         /* COUNT, BREAKDOWN and RATIO: the (first) year of the column */
  TrPeriod period;  /* COUNT, BREAKDOWN and RATIO: the period of the column's figures: the
                       year, the part of it (`part`), a span of years or a fiscal year */
  char *measure;    /* COUNT, BREAKDOWN and RATIO: measure name (NULL: the table's default
                       measure) */
  char **parts;     /* BREAKDOWN: part names, e.g. {"girls", "boys", "unknown", NULL} */
  gboolean sum;     /* COUNT: one part of a figure that is the sum of every `sum` column of
                       the same year and measure ([column N] sum = true) */
  guint sum_first;  /* COUNT: 1-based number of the first column of its year and measure */
  guint sum_next;   /* COUNT with `sum`: 1-based number of the next part of its sum, or 0 */
  TrPeriod part;    /* COUNT: the part of `year` the header names ("Q1 2024", "H2 2024",
                       "Jan-Jun 2024"), or { 0, 0 } for the whole year. The parts of one year
                       and measure are the parts of one sum (`sum`); */
  gboolean partial; /* ... and on the first of them, TRUE when they do not make up the whole
                       year exactly (tr_period_tiles()): the year then has no figure, for a
                       part of a year is never the year (TR_MISSING_PART_OF_YEAR) */
  gboolean provisional; /* COUNT: the header marks the year's figures provisional ("2024
                           (provisional)", "2024p"): each is a TrMark of the dataset */
  char **units;     /* COUNT: the units a cell may print after its figure ([column N] unit =
                       éléments de contenu; cas: cases_identified), NULL-terminated, or NULL */
  char **unit_measures; /* COUNT, beside `units`: the measure of a figure printed with that
                           unit, or "" for the column's measure */
} TrColumn;

typedef struct {
  TrLayoutKind kind;
  guint n_columns;
  TrColumn *columns;   /* one per header cell */
  char *source;        /* from the layout file's [layout] source, or NULL */
  char *measure;       /* default measure ([layout] measure), or NULL */
  char *on_duplicate;  /* [layout] on-duplicate: "error" or "sum", or NULL */
  char *fixed_country; /* [layout] fixed-country: the country of every row of a one-country
                          table (then no column is the country), as written; or NULL */
  TrPeriodOptions periods; /* [layout] fiscal-year-start: the month a fiscal year starts in
                              (1-12), or 0 when fiscal and split years are refused */
} TrLayout;

/* Finds the year in a header cell: a run of exactly four ASCII digits from 1900 to 2099 not
 * touching another digit. Returns the year, 0 when there is none, or -1 when there are two
 * different years. */
int tr_layout_header_year (const char *header);

/* TRUE when `name` is a measure name: lower-case ASCII letters, digits and '_', at least one. */
gboolean tr_layout_is_measure_name (const char *name);

/* When `text` (a header or a year cell), or up to four consecutive words of it, reads as a
 * period other than one whole calendar year — a quarter, a half, a month or a run of months,
 * several years, a fiscal or split year, or a year marked provisional — returns a phrase
 * saying what it seems to hold ("a quarter of 2024 (Q1 2024)", newly allocated) and sets
 * *unsupported to why it cannot be read where it is refused (static). Sets *period (when not
 * NULL) to the period when a table may name it: a part of one calendar year, a whole year
 * marked provisional (the year: 12 months from January), a span of whole years, a run of
 * months across years ("Jul 2023-Jun 2024"), or a fiscal or split year when `options` (may
 * be NULL) maps them ([layout] fiscal-year-start); else to { 0, 0 }. Returns NULL when it
 * names no such period. */
char *tr_layout_period_phrase (const char *text, const TrPeriodOptions *options,
                               const char **unsupported, TrPeriod *period);

/* TRUE when `period` lies within one calendar year without being the whole of it: a part of
 * that year's figure. */
gboolean tr_layout_period_is_part (TrPeriod period);

/* Decides the layout of `csv` from its header and, when not NULL, a layout key file
 * (`hints`, read from `hints_path`, which is named in errors). Returns NULL with a
 * TR_INPUT_ERROR_LAYOUT error that says what is ambiguous or missing and how to settle it. */
TrLayout *tr_layout_detect (const TrCsv *csv, GKeyFile *hints, const char *hints_path,
                            GError **error);

/* Reads a layout file. Returns NULL with an error naming the file on failure. */
GKeyFile *tr_layout_file_load (const char *path, GError **error);

/* Fills `frame` from the layout file's [layout] header-line and notes-below (where the table
 * sits in its file); keys absent leave it as it is. A value that is not a whole number (from 1
 * for header-line) is an error naming the file. */
gboolean tr_layout_file_frame (GKeyFile *hints, const char *hints_path, TrCsvFrame *frame,
                               GError **error);

void tr_layout_free (TrLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrLayout, tr_layout_free)
