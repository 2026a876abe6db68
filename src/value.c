/* value.c — qualifier and missing-reason words, a value's interval and its digits. */
#include "config.h"

#include "value.h"

const char *
tr_qualifier_name (TrQualifier qualifier)
{
  static const char *const names[] = {
    [TR_QUALIFIER_EXACT] = "exact",
    [TR_QUALIFIER_APPROXIMATE] = "approximate",
    [TR_QUALIFIER_LOWER_BOUND] = "lower_bound",
    [TR_QUALIFIER_UPPER_BOUND] = "upper_bound",
  };
  return names[qualifier];
}

const char *
tr_missing_name (TrMissing missing)
{
  static const char *const names[] = {
    [TR_MISSING_NONE] = "",
    [TR_MISSING_NOT_REPORTED] = "not_reported",
    [TR_MISSING_NOT_AVAILABLE] = "not_available",
    [TR_MISSING_NOT_APPLICABLE] = "not_applicable",
    [TR_MISSING_PART_OF_YEAR] = "part_of_year_only",
    [TR_MISSING_OTHER_PERIOD] = "other_period_only",
  };
  return names[missing];
}

TrInterval
tr_value_interval (const TrValue *value)
{
  if (value->unit == TR_UNIT_PERCENT)
    {
      /* [count - precision/2, count + precision/2) at TR_PERCENT_SCALE decimals, in tenths so
       * that an odd precision (a percent printed whole: 10^6) halves exactly; a percentage is
       * never negative. */
      gint64 p = MAX (value->precision, 1);
      TrInterval i = { 10 * value->count - 5 * p, 10 * value->count + 5 * p,
                       TR_PERCENT_SCALE + 1, FALSE, TRUE, FALSE };
      i.lo = MAX (i.lo, 0);
      return i;
    }
  switch (value->qualifier)
    {
    case TR_QUALIFIER_APPROXIMATE:
      return tr_interval_rounded (value->count, MAX (value->precision, 1));
    case TR_QUALIFIER_LOWER_BOUND:
      return tr_interval_more_than (value->count);
    case TR_QUALIFIER_UPPER_BOUND:
      return tr_interval_less_than (value->count);
    case TR_QUALIFIER_EXACT:
    default:
      return tr_interval_exact (value->count);
    }
}

const char *
tr_value_digits (const TrValue *value, char *buf, gsize size)
{
  if (value->unit != TR_UNIT_PERCENT)
    {
      g_snprintf (buf, size, "%" G_GINT64_FORMAT, value->count);
      return buf;
    }
  guint decimals = TR_PERCENT_SCALE;
  for (gint64 p = MAX (value->precision, 1); p >= 10 && decimals > 0; p /= 10)
    decimals--;
  gint64 unit = 1;
  for (guint i = 0; i < TR_PERCENT_SCALE; i++)
    unit *= 10;
  gint64 whole = value->count / unit, rest = value->count % unit;
  for (guint i = decimals; i < TR_PERCENT_SCALE; i++)
    rest /= 10;
  if (decimals == 0)
    g_snprintf (buf, size, "%" G_GINT64_FORMAT, whole);
  else
    g_snprintf (buf, size, "%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT, whole, (int) decimals,
                rest);
  return buf;
}

TrValue
tr_value_exact (gint64 count)
{
  return (TrValue) { .present = TRUE, .count = count, .qualifier = TR_QUALIFIER_EXACT,
                     .missing = TR_MISSING_NONE, .precision = 1 };
}

/* The integers a present value allows: [lo, hi], either end possibly unbounded. */
typedef struct {
  gint64 lo, hi;
  gboolean lo_unbounded, hi_unbounded;
} Range;

static Range
value_range (const TrValue *v)
{
  gint64 c = v->count, p = MAX (v->precision, 1);
  switch (v->qualifier)
    {
    case TR_QUALIFIER_APPROXIMATE: /* [c - p/2, c + p/2) */
      return (Range) { c - p / 2, c + (p % 2 == 0 ? p / 2 - 1 : p / 2), FALSE, FALSE };
    case TR_QUALIFIER_LOWER_BOUND:
      return (Range) { c + 1, 0, FALSE, TRUE };
    case TR_QUALIFIER_UPPER_BOUND:
      return (Range) { 0, c - 1, FALSE, FALSE };
    case TR_QUALIFIER_EXACT:
    default:
      return (Range) { c, c, FALSE, FALSE };
    }
}

static gboolean
is_bound (const TrValue *v)
{
  return v->qualifier == TR_QUALIFIER_LOWER_BOUND || v->qualifier == TR_QUALIFIER_UPPER_BOUND;
}

/* The value a computed range and point stand for (see tr_value_add). */
static TrValue
from_range (Range r, gint64 point, gint64 precision, gboolean bound_involved)
{
  TrValue v = tr_value_exact (point);
  if (r.lo_unbounded && r.hi_unbounded)
    return (TrValue) { .present = FALSE, .missing = TR_MISSING_NOT_AVAILABLE };
  if (!r.lo_unbounded && !r.hi_unbounded && r.lo == r.hi)
    return tr_value_exact (r.lo);
  if (!bound_involved)
    {
      v.qualifier = TR_QUALIFIER_APPROXIMATE;
      v.precision = precision;
    }
  else if (r.hi_unbounded || (!r.lo_unbounded && point <= r.lo))
    {
      v.qualifier = TR_QUALIFIER_LOWER_BOUND;
      v.count = r.lo - 1;
    }
  else if (r.lo_unbounded || point > r.hi)
    {
      v.qualifier = TR_QUALIFIER_UPPER_BOUND;
      v.count = r.hi + 1;
    }
  else
    {
      /* The figures' own sum, with a precision wide enough that its interval holds the
       * whole range. */
      v.qualifier = TR_QUALIFIER_APPROXIMATE;
      v.precision = 2 * MAX (point - r.lo, r.hi + 1 - point);
    }
  return v;
}

static gint64
precision_of (const TrValue *v)
{
  return v->qualifier == TR_QUALIFIER_APPROXIMATE ? MAX (v->precision, 1) : 0;
}

TrValue
tr_value_add (const TrValue *a, const TrValue *b)
{
  g_return_val_if_fail (a->present && b->present, *a);
  Range x = value_range (a), y = value_range (b);
  Range r = { x.lo + y.lo, x.hi + y.hi, FALSE, x.hi_unbounded || y.hi_unbounded };
  return from_range (r, a->count + b->count, precision_of (a) + precision_of (b),
                     is_bound (a) || is_bound (b));
}

TrValue
tr_value_subtract (const TrValue *a, const TrValue *b)
{
  g_return_val_if_fail (a->present && b->present, *a);
  Range x = value_range (a), y = value_range (b);
  Range r = { x.lo - y.hi, x.hi - y.lo, y.hi_unbounded, x.hi_unbounded };
  return from_range (r, a->count - b->count, precision_of (a) + precision_of (b),
                     is_bound (a) || is_bound (b));
}

TrQualifier
tr_value_ratio_qualifier (const TrValue *num, const TrValue *den)
{
  gboolean up = num->qualifier == TR_QUALIFIER_LOWER_BOUND
                || den->qualifier == TR_QUALIFIER_UPPER_BOUND;
  gboolean down = num->qualifier == TR_QUALIFIER_UPPER_BOUND
                  || den->qualifier == TR_QUALIFIER_LOWER_BOUND;
  if (up && !down)
    return TR_QUALIFIER_LOWER_BOUND;
  if (down && !up)
    return TR_QUALIFIER_UPPER_BOUND;
  if (num->qualifier == TR_QUALIFIER_EXACT && den->qualifier == TR_QUALIFIER_EXACT)
    return TR_QUALIFIER_EXACT;
  return TR_QUALIFIER_APPROXIMATE;
}
