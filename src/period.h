/* period.h — what span of time a figure covers: a year, a half, a quarter, a month, a span of
 * years, or any other run of whole months (a fiscal year).
 *
 * A period is a run of whole months: `start` counts months from January of year 0 (January
 * 2024 is 12 * 2024), `months` is its length. A calendar year is (12 y, 12), H1 2024 is
 * (12 * 2024, 6), Q3 2024 is (12 * 2024 + 6, 3), the span 2022-2024 is (12 * 2022, 36). A
 * part of a year is therefore never equal to the year, and a fiscal year that starts in July
 * is never equal to a calendar year. Figures of several periods add up to a longer period only
 * when they tile it exactly (tr_period_tiles()).
 *
 * TrPeriod is a plain value type: copy it freely. Strings returned are newly allocated. */
#pragma once

#include <glib.h>

#define TR_PERIOD_ERROR (tr_period_error_quark ())
GQuark tr_period_error_quark (void);

typedef enum {
  TR_PERIOD_ERROR_INVALID,   /* not a period in any form this module reads */
  TR_PERIOD_ERROR_FISCAL,    /* a fiscal or split year, and no mapping was given */
  TR_PERIOD_ERROR_AMBIGUOUS, /* reads as two different periods ("2011-12") */
} TrPeriodError;

/* Years outside this range are not read as years (a "1234" header is not a year). */
#define TR_PERIOD_YEAR_MIN 1900
#define TR_PERIOD_YEAR_MAX 2099

typedef struct {
  gint32 start;  /* first month, counted from January of year 0 */
  gint32 months; /* length in months, at least 1 */
} TrPeriod;

typedef struct {
  /* How fiscal and split years map onto months: the month (1-12) a fiscal year starts in.
   * 0: fiscal and split years ("FY2023", "2023/24") are refused with TR_PERIOD_ERROR_FISCAL.
   * A split year "2023/24" starts in its first year; "FY2023" ends in 2023 (it starts in
   * 2022 unless the fiscal year starts in January). */
  int fiscal_first_month;
} TrPeriodOptions;

/* Reads a header or a cell as printed: "2024", "2024 (provisional)", "2024p", "Q1 2024",
 * "2024 Q1", "2024-Q1", "T1 2024", "1er trimestre 2024", "H1 2024", "S2 2024",
 * "1er semestre 2024", "first half 2024", "March 2024", "Jan-Jun 2024", "janvier-juin 2024",
 * "Jul 2023-Jun 2024", "2024-03", "2022-2024", "2022 to 2024", and with
 * options->fiscal_first_month set, "FY2023", "2023/24", "2023-24", "2023/2024". Case, accents,
 * spaces and the kind of dash do not matter; month names are read in English, French,
 * German, Dutch, Italian and Spanish. `options` may be NULL (no fiscal mapping).
 * Returns TRUE with *out set and *provisional (if not NULL) TRUE when the text marks the
 * figure provisional; or FALSE with an error whose message reads "found '…', …; expected …"
 * (the caller prefixes the file, line and column). */
gboolean tr_period_parse (const char *text, const TrPeriodOptions *options, TrPeriod *out,
                          gboolean *provisional, GError **error);

/* The calendar year `year`. */
TrPeriod tr_period_year (int year);
/* TRUE when `period` is exactly one calendar year; sets *year (if not NULL). */
gboolean tr_period_is_year (TrPeriod period, int *year);
/* The calendar year `period` starts in. */
int tr_period_first_year (TrPeriod period);

gboolean tr_period_equal (TrPeriod a, TrPeriod b);
/* Orders by start, then by length (shorter first); for qsort and sorted output. */
int tr_period_compare (const TrPeriod *a, const TrPeriod *b);
/* TRUE when `inner` lies wholly inside `outer`. */
gboolean tr_period_contains (TrPeriod outer, TrPeriod inner);

/* TRUE when the n `parts`, in any order, cover `whole` exactly: no gap, no overlap, nothing
 * outside it. Zero parts tile nothing. */
gboolean tr_period_tiles (const TrPeriod *parts, gsize n, TrPeriod whole);

/* The canonical form, which tr_period_parse() reads back to the same period: "2024",
 * "2024-Q1", "2024-H2", "2024-03", "2022-2024", or first and last month "2022-07/2023-06". */
char *tr_period_to_string (TrPeriod period);
/* The form for sentences: "2024", "Q1 2024", "H2 2024", "March 2024", "2022–2024",
 * "January–June 2024", "July 2022–June 2023". */
char *tr_period_describe (TrPeriod period);
/* What a listing prints where a finding's year goes: tr_period_describe() of `period`, or,
 * when it has no months (nothing but a year or none is known), `year` in digits ("0" for
 * none). Newly allocated. */
char *tr_period_words (TrPeriod period, int year);
