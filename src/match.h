/* match.h — the reconciliation: reference and declared figures side by side, with metrics.
 *
 * tr_reconcile() pairs the reference series with the declared series by (country, year) for
 * one measure, computes each pair's gap and coverage, each series' trend, each year's
 * aggregates, and checks every published total and every breakdown against its parts.
 *
 * A filter (--country, --years) chooses what is shown, never the population a statistic is
 * computed from: every pair of the comparison is kept in `all_pairs`, and the statistics
 * across countries (median and MAD of log2 coverage, robust z, Spearman) and the rules read
 * those; `pairs`, `years`, `series`, `totals` and `breakdowns` hold what the filter keeps.
 *
 * Ownership: a TrReconciliation owns its arrays; it borrows the dataset (observations,
 * countries, strings), which must outlive it. Free with tr_reconciliation_free(). */
#pragma once

#include <glib.h>

#include "dataset.h"
#include "metrics.h"

typedef enum {
  TR_STATUS_MATCHED,           /* both figures present */
  TR_STATUS_REFERENCE_ONLY,    /* reference figure, no declared row at all */
  TR_STATUS_DECLARED_ONLY,     /* declared figure, no reference row at all */
  TR_STATUS_DECLARED_MISSING,  /* declared row present, its value missing */
  TR_STATUS_REFERENCE_MISSING, /* reference row present, its value missing */
} TrStatus;

/* "matched", "reference_only", … (static strings). */
const char *tr_status_name (TrStatus status);

typedef struct {
  const TrCountry *country;
  int year;
  const TrObservation *reference; /* NULL when the reference has no row */
  const TrObservation *declared;  /* NULL when the declared source has no row */
  TrStatus status;
  /* Defined only when matched: */
  gboolean matched;
  gint64 gap;            /* reference − declared */
  TrStat coverage;       /* declared / reference; undefined when reference is 0 */
  TrStat log2_coverage;  /* undefined when coverage is undefined or 0 */
  TrStat pct_difference; /* 100 (declared − reference) / reference */
  TrStat robust_z;       /* of log2 coverage among the year's matched countries, all of them */
} TrPair;

/* One country's figures from one source over the years, and its trend. */
typedef struct {
  const TrCountry *country;
  const char *source;
  GPtrArray *points;  /* const TrObservation *, present values only, by year */
  TrTrend trend;
} TrSeries;

/* A year's sums as figures (value.h): a sum, gap or net computed from an inexact figure is
 * inexact too (tr_value_add), so that no output prints it as an exact-looking number. */
typedef struct {
  TrValue reference_all, declared_all, reference_matched, declared_matched;
  TrValue shortfall, excess; /* sums of the gaps counted in TrYear's shortfall and excess */
  TrValue net;               /* reference_matched - declared_matched */
  TrValue reference_left_out, declared_left_out;
} TrYearFigures;

/* Aggregates of one year. The sums are over the countries shown (every country when no
 * --country filter is given); the statistics are over every country of the comparison. */
typedef struct {
  int year;
  guint n_matched;
  gint64 reference_matched, declared_matched; /* sums over matched pairs */
  gint64 reference_all, declared_all;         /* sums over every present figure */
  guint n_reference, n_declared;              /* how many figures went into the _all sums */
  gint64 shortfall;         /* sum of the positive gaps: declared below the reference */
  guint n_short;            /* matched pairs with a positive gap */
  gint64 excess;            /* sum of the negative gaps, as a positive number */
  guint n_excess;           /* matched pairs with a negative gap */
  gint64 reference_left_out; /* reference figures of the pairs with no declared figure */
  guint n_reference_left_out;
  gint64 declared_left_out;  /* declared figures of the pairs with no reference figure */
  guint n_declared_left_out;
  TrStat coverage;          /* declared_matched / reference_matched */
  TrStat median_log2;       /* of the matched pairs' log2 coverage, every country */
  TrStat mad_log2;
  TrStat spearman;          /* rank correlation of reference and declared, every matched pair */
  TrYearFigures figures;    /* the sums above with their qualifiers */
} TrYear;

/* A published total checked against the sum of its rows: a "Total" row's figure for each
 * period its table prints, a part of a year ("H1 2024") or a span ("2022-2024") as well as a
 * year. A year's total that the table prints only in parts is not checked as a year (its
 * parts are, each on its own): its sum was never printed. */
typedef struct {
  const char *source;
  const char *measure;
  TrPeriod period;   /* the period of the published total */
  int year;          /* its calendar year, or for a part of a year or a span, the first year
                        (what --years filters and an anomaly is filed under) */
  const TrObservation *published;
  gint64 sum;        /* of the present figures of the same source, measure and period */
  guint n_rows;      /* figures summed */
  guint n_missing;   /* rows whose figure is missing */
  gboolean ok;       /* sum == published */
  TrValue sum_value; /* the sum as a figure: inexact when a row is (tr_value_add) */
  gboolean exact;    /* the published total and every row summed are exact */
  gboolean within_rounding; /* not exact, and the values the total allows overlap those its
                               rows' sum allows (interval.h): it holds within rounding */
} TrTotalCheck;

/* The outcome of a total check in words for a table: "ok", "ok (within rounding)",
 * "mismatch", "mismatch (beyond rounding)"; and as a token for JSON: "ok",
 * "within_rounding", "mismatch", "beyond_rounding". Static strings. */
const char *tr_total_check_words (const TrTotalCheck *check);
const char *tr_total_check_name (const TrTotalCheck *check);

/* A total checked against its parts (girls/boys/unknown). */
typedef struct {
  const TrCountry *country;
  int year;
  const char *measure;              /* of the total, e.g. "children_identified" */
  const TrObservation *total;
  const TrObservation *parts[3];    /* NULL where the part is not printed */
  const char *part_names[3];        /* "girls", "boys", "unknown" */
  gint64 sum;
  gboolean ok;
} TrBreakdownCheck;

/* Filters; NULL / 0 mean no filter. */
typedef struct {
  const char *const *countries; /* NULL-terminated country codes to keep */
  int year_from, year_to;       /* inclusive */
  const char *const *scope;     /* NULL-terminated codes of the countries compared at all
                                   (by default those the declared series speaks of; see
                                   scope.h); NULL: every country */
  guint n_outside;              /* reference countries the scope leaves out (told in one
                                   line by every report) */
} TrFilter;

typedef struct {
  const TrDataset *dataset;
  TrFilter filter;           /* as given (the country list is borrowed) */
  const char *measure;       /* the measure matched, e.g. "reports" (the declared side's) */
  const char *reference_measure; /* the measure of each side: both `measure` but in a */
  const char *declared_measure;  /* comparison of two measures (tr_reconcile_measures()) */
  const char *reference;     /* source name of the reference series */
  const char *declared;      /* source name of the declared series */
  char *reference_label;     /* who states the reference figures, as sentences name it: the
                                label of its sources ("NCMEC" for Table 7, a user's file by its
                                --label or path), joined with " and " when several */
  gboolean some_countries;   /* TRUE when a --country filter leaves countries out */
  GPtrArray *all_pairs;      /* TrPair *, every pair of the comparison, by country then year */
  GPtrArray *pairs;          /* the pairs the filter keeps (borrowed from all_pairs) */
  GPtrArray *non_countries;  /* const TrObservation *: pseudo-country rows, never matched */
  GPtrArray *series;         /* TrSeries *, every source's series of `measure`, by country then
                              * source, over the countries and years shown */
  GPtrArray *years;          /* TrYear *, the years shown */
  GPtrArray *totals;         /* TrTotalCheck *, the years shown */
  GPtrArray *breakdowns;     /* TrBreakdownCheck *, the countries and years shown */
} TrReconciliation;

/* TRUE when the filter keeps the year / the country (a NULL filter keeps all). */
gboolean tr_filter_keeps_year (const TrFilter *filter, int year);
gboolean tr_filter_keeps_country (const TrFilter *filter, const TrCountry *country);
/* TRUE when the country is in the filter's scope (a NULL filter or scope keeps all). */
gboolean tr_filter_in_scope (const TrFilter *filter, const TrCountry *country);

/* Reconciles `reference` against `declared` for `measure` over the whole comparison, and
 * keeps apart what `filter` (may be NULL) shows. Never fails. */
TrReconciliation *tr_reconcile (const TrDataset *dataset, const char *measure,
                                const char *reference, const char *declared,
                                const TrFilter *filter);
/* The pairs and years only (no series, totals or breakdowns: those arrays stay empty), for two
 * measures: `reference` figures of `reference_measure` against `declared` figures of
 * `declared_measure` (Table 7's deduplicated reports against the sum of NCMEC's referrals and
 * informational reports). */
TrReconciliation *tr_reconcile_measures (const TrDataset *dataset, const char *reference,
                                         const char *reference_measure, const char *declared,
                                         const char *declared_measure, const TrFilter *filter);
void tr_reconciliation_free (TrReconciliation *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrReconciliation, tr_reconciliation_free)

/* The pair for (country code, year) among the pairs shown, or NULL: a binary search over
 * the pairs (kept by country code, then year), so renderers may look up every pair. */
const TrPair *tr_reconciliation_pair (const TrReconciliation *rec, const char *code, int year);
