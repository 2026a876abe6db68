/* metrics.h — the statistics of the reconciliation, as pure functions (GSL where it has them).
 *
 * Every statistic that can be undefined (a zero denominator, too few points, a flat series) is
 * a TrStat with defined = FALSE: outputs print it as null or "n/a", never as 0. Nothing here
 * allocates memory that outlives a call. */
#pragma once

#include <glib.h>

typedef struct {
  gboolean defined;
  double value;
} TrStat;

/* Writes num/den rounded half-to-even to `decimals` places (0 to 9), computed exactly with
 * 128-bit integers for any |num| and |den| below 2^63 (so no sum of counts can overflow
 * it), into buf (at least 48 bytes):
 * 84722/88000 at 4 places is "0.9628" (0.96275 is a tie, 7 is odd). A result that rounds to
 * zero has no sign. Returns FALSE and buf = "" when den is 0. */
gboolean tr_format_ratio (gint64 num, gint64 den, guint decimals, char *buf, gsize size);

/* The same for the percentage 100 num / den, as exact and for the same inputs. */
gboolean tr_format_percent (gint64 num, gint64 den, guint decimals, char *buf, gsize size);

/* The percentage 100 num / den for a sentence: at least one decimal, and more until two
 * significant digits show, so that different small shares never print alike (0.062 and 0.11,
 * not 0.1 and 0.1), and a share that is not exactly 100 % never prints "100.0" (99.96);
 * thousands grouped with a space ("6 309.0"); exactly zero is "0". Rounded
 * half-to-even as tr_format_ratio. Returns FALSE and buf = "" when den is 0. */
gboolean tr_format_share (gint64 num, gint64 den, char *buf, gsize size);

/* Puts a space between groups of three digits of the whole part of the number in buf
 * ("1819.3" -> "1 819.3"), in place; buf holds `size` bytes. */
void tr_group_thousands (char *buf, gsize size);

/* Trend of one series: years strictly increasing, every value present (callers drop missing
 * ones), n points. */
typedef struct {
  gsize n;
  int first_year, last_year;
  double first, last;
  TrStat change_pct; /* 100 (last − first) / first; undefined if n < 2 or first is 0 */
  TrStat cagr;       /* (last / first)^(1 / (last_year − first_year)) − 1, a fraction;
                        undefined if n < 2, first <= 0 or last < 0 */
  TrStat slope;      /* least squares, units per year (gsl_fit_linear); undefined if n < 2 */
  TrStat intercept;
  TrStat r2;         /* 1 − SS_res / SS_tot; undefined if n < 3 or the series is flat */
} TrTrend;

TrTrend tr_trend (const int *years, const double *values, gsize n);

/* Median (gsl_stats_median on a copy); undefined when n is 0. */
TrStat tr_median (const double *x, gsize n);
/* Median absolute deviation from the median, unscaled; undefined when n is 0. */
TrStat tr_mad (const double *x, gsize n);
/* Robust z-scores z[i] = (x[i] − median) / (1.4826 MAD); all undefined when n < 3 or the MAD
 * is 0. z has room for n values. */
void tr_robust_z (const double *x, gsize n, TrStat *z);
/* Spearman rank correlation (gsl_stats_spearman, ties ranked by their mean); undefined when
 * n < 3 or either variable is constant. */
TrStat tr_spearman (const double *x, const double *y, gsize n);
