/* interval.h — a printed figure as the set of values its printing allows, and the exact
 * questions a restatement asks of such sets.
 *
 * "10 130" is [10 130, 10 130]; "3,6 millions" is [3 550 000, 3 650 000); "plus de 5 800" is
 * (5 800, +inf); "<10" is [0, 10); a printed "1,14 %" is [1.135, 1.145). A statement that two
 * figures agree fails only when no values inside their intervals can make it true, so an
 * approximation never raises a false alarm and an exact figure never hides a one-unit
 * difference (docs/model.md).
 *
 * Bounds are integers scaled by 10^decimals (at most TR_INTERVAL_MAX_DECIMALS), each open or
 * closed, the upper one possibly infinite; every comparison is exact integer arithmetic in
 * 128 bits, never a double. Magnitudes are those of counts (below 2^53) and of percentages.
 * TrInterval is a plain value type: copy it freely. */
#pragma once

#include <glib.h>

#define TR_INTERVAL_MAX_DECIMALS 9

typedef struct {
  gint64 lo, hi;      /* bounds times 10^decimals; hi is meaningless when hi_infinite */
  guint8 decimals;    /* scale of lo and hi */
  gboolean lo_open;   /* lo itself is excluded */
  gboolean hi_open;   /* hi itself is excluded (always TRUE when hi_infinite) */
  gboolean hi_infinite;
} TrInterval;

/* [v, v]. */
TrInterval tr_interval_exact (gint64 value);
/* A count printed to a precision ("3,6 millions": value 3 600 000, precision 100 000): the
 * values that round to it, [value - precision/2, value + precision/2). precision >= 1. */
TrInterval tr_interval_rounded (gint64 value, gint64 precision);
/* "plus de 5 800": (value, +inf). */
TrInterval tr_interval_more_than (gint64 value);
/* "<10": [0, value). */
TrInterval tr_interval_less_than (gint64 value);
/* A decimal printed with `decimals` digits after the separator ("1,14": scaled 114,
 * decimals 2), read as every value that rounds to it: [1.135, 1.145). decimals <
 * TR_INTERVAL_MAX_DECIMALS. */
TrInterval tr_interval_printed_decimal (gint64 scaled, guint decimals);

/* The interval of x + y for x in a, y in b. */
TrInterval tr_interval_add (TrInterval a, TrInterval b);

/* TRUE when some value lies in both (a statement "a = b" can hold). */
gboolean tr_interval_overlaps (TrInterval a, TrInterval b);
/* TRUE when some x in a and y in b have x <= y ("a <= b" can hold). */
gboolean tr_interval_can_be_at_most (TrInterval a, TrInterval b);
/* TRUE when some x in num and y > 0 in den have 100 x / y in percent ("num / den = percent %"
 * can hold). num and den must be non-negative; a den that can only be 0 makes it FALSE. */
gboolean tr_interval_ratio_can_be (TrInterval num, TrInterval den, TrInterval percent);
/* TRUE when some x > 0 in before and y in after have 100 (y - x) / x in percent ("a change
 * of percent % from before to after" can hold). */
gboolean tr_interval_change_can_be (TrInterval before, TrInterval after, TrInterval percent);
