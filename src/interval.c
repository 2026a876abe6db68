/* interval.c — exact interval arithmetic for printed figures (see interval.h). */
#include "config.h"

#include "interval.h"

typedef __int128 Wide;

/* One end of an interval as the fraction n / d (d > 0). */
typedef struct {
  Wide n, d;
  gboolean open;
  gboolean infinite; /* +inf for an upper end (open by nature) */
} Bound;

static Wide
pow10 (guint k)
{
  Wide p = 1;
  while (k-- > 0)
    p *= 10;
  return p;
}

static Bound
lower_of (TrInterval a)
{
  return (Bound){ a.lo, pow10 (a.decimals), a.lo_open, FALSE };
}

static Bound
upper_of (TrInterval a)
{
  return (Bound){ a.hi, pow10 (a.decimals), a.hi_open || a.hi_infinite, a.hi_infinite };
}

/* Compares two finite ends: -1, 0, 1. The products stay far below 2^127 for counts below
 * 2^53 and the scales in use (at most 10^9 on either side). */
static int
compare (Bound a, Bound b)
{
  Wide x = a.n * b.d, y = b.n * a.d;
  return x < y ? -1 : x > y;
}

/* TRUE when some value is >= `lo` and <= `hi`, each end taken with its openness. */
static gboolean
meet (Bound lo, Bound hi)
{
  if (hi.infinite)
    return TRUE;
  int c = compare (lo, hi);
  return c < 0 || (c == 0 && !lo.open && !hi.open);
}

static gboolean
overlap (Bound lo1, Bound hi1, Bound lo2, Bound hi2)
{
  return meet (lo1, hi2) && meet (lo2, hi1);
}

TrInterval
tr_interval_exact (gint64 value)
{
  return (TrInterval){ value, value, 0, FALSE, FALSE, FALSE };
}

TrInterval
tr_interval_rounded (gint64 value, gint64 precision)
{
  g_return_val_if_fail (precision >= 1, tr_interval_exact (value));
  /* Half the precision is a whole number unless the precision is odd: then work in tenths. */
  if (precision % 2 == 0)
    return (TrInterval){ value - precision / 2, value + precision / 2, 0, FALSE, TRUE, FALSE };
  return (TrInterval){ 10 * value - 5 * precision, 10 * value + 5 * precision, 1, FALSE, TRUE,
                       FALSE };
}

TrInterval
tr_interval_more_than (gint64 value)
{
  return (TrInterval){ value, 0, 0, TRUE, TRUE, TRUE };
}

TrInterval
tr_interval_less_than (gint64 value)
{
  return (TrInterval){ 0, value, 0, FALSE, TRUE, FALSE };
}

TrInterval
tr_interval_printed_decimal (gint64 scaled, guint decimals)
{
  g_return_val_if_fail (decimals < TR_INTERVAL_MAX_DECIMALS, tr_interval_exact (scaled));
  return (TrInterval){ 10 * scaled - 5, 10 * scaled + 5, (guint8) (decimals + 1), FALSE, TRUE,
                       FALSE };
}

/* `v` at `from` decimals, rescaled to `to` >= from. */
static gint64
rescale (gint64 v, guint from, guint to)
{
  return (gint64) ((Wide) v * pow10 (to - from));
}

TrInterval
tr_interval_add (TrInterval a, TrInterval b)
{
  guint d = MAX (a.decimals, b.decimals);
  TrInterval sum = { 0 };
  sum.decimals = (guint8) d;
  sum.lo = rescale (a.lo, a.decimals, d) + rescale (b.lo, b.decimals, d);
  sum.lo_open = a.lo_open || b.lo_open;
  sum.hi_infinite = a.hi_infinite || b.hi_infinite;
  if (!sum.hi_infinite)
    sum.hi = rescale (a.hi, a.decimals, d) + rescale (b.hi, b.decimals, d);
  sum.hi_open = sum.hi_infinite || a.hi_open || b.hi_open;
  return sum;
}

gboolean
tr_interval_overlaps (TrInterval a, TrInterval b)
{
  return overlap (lower_of (a), upper_of (a), lower_of (b), upper_of (b));
}

gboolean
tr_interval_can_be_at_most (TrInterval a, TrInterval b)
{
  return meet (lower_of (a), upper_of (b));
}

gboolean
tr_interval_ratio_can_be (TrInterval num, TrInterval den, TrInterval percent)
{
  /* The ratios 100 x / y for x in num and y > 0 in den form one interval, from
   * 100 num.lo / den.hi to 100 num.hi / den.lo; both are brought to one scale first. */
  guint d = MAX (num.decimals, den.decimals);
  Wide x_lo = (Wide) rescale (num.lo, num.decimals, d);
  Wide x_hi = num.hi_infinite ? 0 : (Wide) rescale (num.hi, num.decimals, d);
  Wide y_lo = (Wide) rescale (den.lo, den.decimals, d);
  Wide y_hi = den.hi_infinite ? 0 : (Wide) rescale (den.hi, den.decimals, d);
  g_return_val_if_fail (x_lo >= 0 && y_lo >= 0, FALSE);
  if (!den.hi_infinite && (y_hi < 0 || (y_hi == 0)))
    return FALSE; /* no y > 0 */

  Bound lo, hi;
  if (x_lo == 0 && !num.lo_open)
    lo = (Bound){ 0, 1, FALSE, FALSE };
  else if (den.hi_infinite)
    lo = (Bound){ 0, 1, TRUE, FALSE }; /* approached as y grows, never reached */
  else
    lo = (Bound){ 100 * x_lo, y_hi, num.lo_open || den.hi_open, FALSE };

  if (!num.hi_infinite && x_hi == 0)
    hi = (Bound){ 0, 1, num.hi_open, FALSE };
  else if (num.hi_infinite || y_lo == 0)
    hi = (Bound){ 0, 1, TRUE, TRUE }; /* y may come as close to 0 as it likes */
  else
    hi = (Bound){ 100 * x_hi, y_lo, num.hi_open || den.lo_open, FALSE };

  return overlap (lo, hi, lower_of (percent), upper_of (percent));
}

gboolean
tr_interval_change_can_be (TrInterval before, TrInterval after, TrInterval percent)
{
  /* 100 (y - x) / x = p  <=>  100 y / x = p + 100. */
  TrInterval shifted = tr_interval_add (percent, tr_interval_exact (100));
  return tr_interval_ratio_can_be (after, before, shifted);
}
