/* value.h — one figure as a table prints it: a count with its qualifier, or missing with a reason.
 *
 * A TrValue is a plain value type (no heap memory): copy it freely. Missing is never zero:
 * code that sums or compares values must test `present` first. */
#pragma once

#include <glib.h>

#include "interval.h"

/* How exact a present count is, as the source worded it. */
typedef enum {
  TR_QUALIFIER_EXACT,       /* "10 130" */
  TR_QUALIFIER_APPROXIMATE, /* "environ 254 500", "about 3,6 millions" */
  TR_QUALIFIER_LOWER_BOUND, /* "plus de 5 800", "more than 5 800": the count is above */
  TR_QUALIFIER_UPPER_BOUND, /* "<10", "moins de 10": the count is below */
} TrQualifier;

/* Why a value is absent. TR_MISSING_NONE means the value is present. */
typedef enum {
  TR_MISSING_NONE,
  TR_MISSING_NOT_REPORTED,   /* "-", "–", empty cell, "Données non communiquées" */
  TR_MISSING_NOT_AVAILABLE,  /* "Données indisponibles", "n/a", "n.d.", "..", "x" */
  TR_MISSING_NOT_APPLICABLE, /* "s.o." (sans objet) */
  TR_MISSING_PART_OF_YEAR,   /* figures for parts of the year ("H1 2024") that do not make up
                                the whole year: never taken for it */
  TR_MISSING_OTHER_PERIOD,   /* only a figure for a period that covers the year and more, or
                                part of it and part of another ("2022-2024", a fiscal year):
                                never taken for the year */
} TrMissing;

/* What a present figure is. A table's percentage is never a count: the comparisons, totals,
 * sums and rules take counts only, and a percentage is read only in a context table
 * ([column N] kind = ratio, layout.h). */
typedef enum {
  TR_UNIT_COUNT,   /* a count of things (the zero value: every count is one) */
  TR_UNIT_PERCENT, /* a printed percentage ("1,14 %"): `count` in units of 10^-TR_PERCENT_SCALE
                      percent, `precision` the unit of its last printed digit in those units */
} TrUnit;

/* A percentage is held to TR_PERCENT_SCALE decimals of a percent: "1,14 %" is 1 140 000 with
 * a precision of 10 000; a percentage printed with more decimals is refused. */
#define TR_PERCENT_SCALE 6

/* Counts are integers in [0, 2^53]: every one of them is exact as a double too. */
#define TR_VALUE_MAX ((gint64) 1 << 53)

/* A million observations may be held at once: the fields are ordered, and the enums kept in a
 * byte each, so that a value takes 24 bytes, not 32. */
typedef struct {
  gint64 count;          /* the figure, when present */
  gint64 precision;      /* when present: the unit of the last digit the figure was printed
                            to, 1 for "10 130" and for bounds, 100 000 for "3,6 millions",
                            100 for "environ 254 500" (its last non-zero digit); an
                            approximate figure stands for [count - precision/2,
                            count + precision/2) */
  gboolean present;      /* FALSE: `missing` says why and `count` is 0 and meaningless */
  TrQualifier qualifier : 8; /* when present */
  TrMissing missing : 8;     /* TR_MISSING_NONE when present */
  TrUnit unit : 8;           /* TR_UNIT_COUNT but for a table's printed percentage (the
                                bit-fields share one word: the value stays 24 bytes) */
} TrValue;

/* Vocabulary words used in every output (tidy CSV, JSON): "exact", "approximate",
 * "lower_bound", "upper_bound"; "not_reported", "not_available", "not_applicable",
 * "part_of_year_only" ("" for TR_MISSING_NONE).
 * The strings are static. */
const char *tr_qualifier_name (TrQualifier qualifier);
const char *tr_missing_name (TrMissing missing);

/* The values a present figure allows (see interval.h): [v, v] when exact, the rounding
 * interval of its precision when approximate, (v, +inf) or [0, v) for a bound. A percentage
 * is the interval of its last printed digit, in percent, never below 0: "1,14 %" is
 * [1.135, 1.145), "20 %" [19.5, 20.5), "0 %" [0, 0.5). */
TrInterval tr_value_interval (const TrValue *value);

/* A present value as the tidy data print it: a count in digits ("10130"), a percentage in
 * percent with the decimals it was printed with and a decimal point ("1.14", "20", "0").
 * Writes into `buf` (`size` bytes, 32 are enough) and returns it. */
const char *tr_value_digits (const TrValue *value, char *buf, gsize size);

/* Figures computed from figures. Both values must be present. The result is exact when both
 * are; approximate (the counts' sum or difference, precisions added) when no bound is
 * involved; otherwise the bound the parts determine, on integers: "plus de 5 800" + 100 is
 * "more than 5 900", 100 - "<10" is "more than 90", "<10" + "<20" is "fewer than 29"... (the
 * largest value is 28, so "<29"). A result bounded on both sides that neither bound
 * describes alone is approximate: the counts' sum or difference, with a precision wide
 * enough that its interval holds every value the parts allow. When nothing is determined (a lower bound minus a lower bound) the result
 * is absent with TR_MISSING_NOT_AVAILABLE. A difference may be negative: a bound then says
 * on which side of its count the value lies, and tr_value_interval does not apply to it. */
TrValue tr_value_add (const TrValue *a, const TrValue *b);
TrValue tr_value_subtract (const TrValue *a, const TrValue *b);
/* A present exact value. */
TrValue tr_value_exact (gint64 count);
/* The qualifier of a ratio num / den computed from the counts: exact when both are, a bound
 * when the bounds all push the same way (more declared or less sent: the ratio may be
 * higher, TR_QUALIFIER_LOWER_BOUND), approximate otherwise. */
TrQualifier tr_value_ratio_qualifier (const TrValue *num, const TrValue *den);
