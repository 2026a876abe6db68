/* metrics.c — exact rounding of ratios, and trend and robust statistics through GSL. */
#include "config.h"

#include "metrics.h"

#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

/* Writes factor × num / den rounded half to even, in 128-bit integers: with |num| and |den|
 * below 2^63, factor at most 100 and 10^decimals at most 10^9, every product stays below
 * 2^100, so no input overflows. */
static gboolean
format_scaled (gint64 num, gint64 den, guint factor, guint decimals, char *buf, gsize size)
{
  if (den == 0 || decimals > 9)
    {
      if (size > 0)
        buf[0] = '\0';
      return FALSE;
    }
  gboolean negative = (num < 0) != (den < 0);
  unsigned __int128 n = (unsigned __int128) (num < 0 ? -(__int128) num : num);
  unsigned __int128 d = (unsigned __int128) (den < 0 ? -(__int128) den : den);
  unsigned __int128 scale = 1;
  for (guint i = 0; i < decimals; i++)
    scale *= 10;
  unsigned __int128 scaled = n * factor * scale;
  unsigned __int128 q = scaled / d;
  unsigned __int128 r = scaled % d;
  /* Half to even: up when the remainder is over half, or exactly half and q is odd. */
  if (2 * r > d || (2 * r == d && (q & 1) == 1))
    q++;
  /* q is at most 100 × 2^63 × 10^9: its whole part can pass 2^64, so print it in two
   * halves of at most 19 digits. */
  unsigned __int128 whole = q / scale;
  guint64 frac = (guint64) (q % scale);
  const unsigned __int128 e19 = (unsigned __int128) 10000000000000000000u;
  guint64 high = (guint64) (whole / e19), low = (guint64) (whole % e19);
  char digits[48];
  if (high > 0)
    g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT "%019" G_GUINT64_FORMAT, high, low);
  else
    g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, low);
  if (q == 0)
    negative = FALSE;
  if (decimals == 0)
    g_snprintf (buf, size, "%s%s", negative ? "-" : "", digits);
  else
    g_snprintf (buf, size, "%s%s.%0*" G_GUINT64_FORMAT, negative ? "-" : "", digits,
                (int) decimals, frac);
  return TRUE;
}

gboolean
tr_format_ratio (gint64 num, gint64 den, guint decimals, char *buf, gsize size)
{
  return format_scaled (num, den, 1, decimals, buf, size);
}

gboolean
tr_format_percent (gint64 num, gint64 den, guint decimals, char *buf, gsize size)
{
  /* 100 num / den == num / (den / 100) only in rationals: scale the numerator, in 128 bits
   * (100 num passes 2^63 for sums of counts near 2^53). */
  return format_scaled (num, den, 100, decimals, buf, size);
}

void
tr_group_thousands (char *buf, gsize size)
{
  const char *digits = buf[0] == '-' ? buf + 1 : buf;
  gsize whole = strspn (digits, "0123456789");
  g_autoptr (GString) out = g_string_new (buf[0] == '-' ? "-" : "");
  for (gsize i = 0; i < whole; i++)
    {
      if (i > 0 && (whole - i) % 3 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, digits + whole);
  g_strlcpy (buf, out->str, size);
}

gboolean
tr_format_share (gint64 num, gint64 den, char *buf, gsize size)
{
  if (den == 0)
    return tr_format_ratio (num, den, 1, buf, size);
  if (num == 0)
    return g_strlcpy (buf, "0", size), TRUE;
  /* Two significant digits: |100 num / den| scaled by 10^decimals reaches 10. */
  unsigned __int128 n = (unsigned __int128) (num < 0 ? -(__int128) num : num) * 100;
  unsigned __int128 d = (unsigned __int128) (den < 0 ? -(__int128) den : den);
  guint decimals = 1;
  unsigned __int128 scale = 10;
  while (decimals < 9 && n * scale < 10 * d)
    {
      decimals++;
      scale *= 10;
    }
  char plain[64];
  if (!tr_format_percent (num, den, decimals, plain, sizeof plain))
    return FALSE;
  /* A share that is not exactly 100 % never prints as 100.0: 99.96 % is "99.96". */
  while (decimals < 9 && n != 100 * d && g_str_has_prefix (plain + (plain[0] == '-'), "100.")
         && strspn (plain + (plain[0] == '-') + 4, "0") == decimals)
    tr_format_percent (num, den, ++decimals, plain, sizeof plain);
  g_strlcpy (buf, plain, size);
  tr_group_thousands (buf, size);
  return TRUE;
}

TrTrend
tr_trend (const int *years, const double *values, gsize n)
{
  TrTrend t = { 0 };
  t.n = n;
  if (n == 0)
    return t;
  t.first_year = years[0];
  t.last_year = years[n - 1];
  t.first = values[0];
  t.last = values[n - 1];
  if (n < 2)
    return t;
  if (t.first != 0)
    t.change_pct = (TrStat) { TRUE, 100.0 * (t.last - t.first) / t.first };
  if (t.first > 0 && t.last >= 0 && t.last_year > t.first_year)
    t.cagr = (TrStat) { TRUE, pow (t.last / t.first, 1.0 / (t.last_year - t.first_year)) - 1.0 };

  g_autofree double *x = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    x[i] = years[i];
  double c0, c1, cov00, cov01, cov11, sumsq;
  gsl_fit_linear (x, 1, values, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
  t.slope = (TrStat) { TRUE, c1 };
  t.intercept = (TrStat) { TRUE, c0 };
  double mean = gsl_stats_mean (values, 1, n);
  double ss_tot = 0;
  for (gsize i = 0; i < n; i++)
    ss_tot += (values[i] - mean) * (values[i] - mean);
  if (n >= 3 && ss_tot > 0)
    t.r2 = (TrStat) { TRUE, 1.0 - sumsq / ss_tot };
  return t;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

TrStat
tr_median (const double *x, gsize n)
{
  if (n == 0)
    return (TrStat) { FALSE, 0 };
  g_autofree double *copy = g_memdup2 (x, n * sizeof *x);
  qsort (copy, n, sizeof *copy, compare_doubles);
  return (TrStat) { TRUE, gsl_stats_median_from_sorted_data (copy, 1, n) };
}

TrStat
tr_mad (const double *x, gsize n)
{
  TrStat median = tr_median (x, n);
  if (!median.defined)
    return median;
  g_autofree double *dev = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    dev[i] = fabs (x[i] - median.value);
  return tr_median (dev, n);
}

void
tr_robust_z (const double *x, gsize n, TrStat *z)
{
  TrStat median = tr_median (x, n);
  TrStat mad = tr_mad (x, n);
  gboolean usable = n >= 3 && mad.defined && mad.value > 0;
  for (gsize i = 0; i < n; i++)
    z[i] = usable ? (TrStat) { TRUE, (x[i] - median.value) / (1.4826 * mad.value) }
                  : (TrStat) { FALSE, 0 };
}

static gboolean
constant (const double *x, gsize n)
{
  for (gsize i = 1; i < n; i++)
    if (x[i] != x[0])
      return FALSE;
  return TRUE;
}

TrStat
tr_spearman (const double *x, const double *y, gsize n)
{
  if (n < 3 || constant (x, n) || constant (y, n))
    return (TrStat) { FALSE, 0 };
  g_autofree double *work = g_new (double, 2 * n);
  return (TrStat) { TRUE, gsl_stats_spearman (x, 1, y, 1, n, work) };
}
