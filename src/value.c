/* value.c — the vocabulary words of qualifiers and missing reasons. */
#include "config.h"

#include "value.h"

const char *
tr_qualifier_name (TrQualifier qualifier)
{
  static const char *const names[] = {
    [TR_QUALIFIER_EXACT] = "exact",
    [TR_QUALIFIER_APPROXIMATE] = "approximate",
    [TR_QUALIFIER_LOWER_BOUND] = "lower_bound",
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
