/* scope.h — what a comparison covers: the subjects it compares by default, the named groups
 * of subjects (EU27), and what the inputs hold when a run matches nothing.
 *
 * Ownership: returned arrays are newly allocated and owned by the caller; the codes in them
 * are borrowed from the country table, which must outlive them. */
#pragma once

#include <glib.h>

#include "country.h"
#include "dataset.h"
#include "match.h"

#define TR_SCOPE_ERROR (tr_scope_error_quark ())
GQuark tr_scope_error_quark (void);

typedef enum {
  TR_SCOPE_ERROR_MEASURE,   /* neither series has a figure of the measure */
  TR_SCOPE_ERROR_COUNTRIES, /* none for the countries compared */
  TR_SCOPE_ERROR_YEARS,     /* none in the years chosen */
} TrScopeError;

/* When `label` names an aggregate whose members are defined (data/aggregates.csv: EU27, as
 * EU-27, EU 27, UE27, UE-27, EU, UE, European Union…, case, spaces, '-' and '_' ignored; its
 * members are the 27 Member States as countries.csv marks them), appends their codes (const
 * char *) to `codes` and returns TRUE; otherwise (WORLD, whose members are not defined,
 * included) appends nothing and returns FALSE. */
gboolean tr_scope_group (const TrCountryTable *countries, const char *label, GPtrArray *codes);

/* The subjects the `declared` series speaks of: the codes (const char *) of every country it
 * has a row for, whatever the measure or the year (a missing figure counts), in code order.
 * Pseudo-country rows are left out. An empty array when the series has no country row. */
GPtrArray *tr_scope_declared (const TrDataset *dataset, const char *declared);

/* How many countries (pseudo-country rows left out) the `reference` series has a row of
 * `measure` for that `scope` (NULL-terminated codes) leaves out. */
guint tr_scope_count_outside (const TrDataset *dataset, const char *reference,
                              const char *measure, const char *const *scope);

/* TRUE when the reconciliation has at least one pair. Otherwise FALSE with a TR_SCOPE_ERROR
 * whose message says what is missing and what the inputs hold, e.g. "no figure for this
 * measure; the inputs hold convictions, reports" (the caller names the option). */
gboolean tr_scope_check_found (const TrReconciliation *rec, GError **error);
