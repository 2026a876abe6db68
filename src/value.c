/* value.c — the vocabulary words of qualifiers and missing reasons, and a value's interval. */
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
  };
  return names[missing];
}

TrInterval
tr_value_interval (const TrValue *value)
{
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
