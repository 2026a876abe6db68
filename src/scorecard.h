/* scorecard.h — one row per Member State: are its figures complete, consistent, close to the
 * reference's, and qualified by notes? Each mark has its reason, and the row a verdict in
 * plain words.
 *
 * Completeness: of the figures Article 8(1) asks for, (a) reports, (b) children identified
 * and (c) convictions, one per year shown, which were given (a present figure, exact or not)
 * and which are missing (with their reason). Consistency: the checks about the state that
 * hold or fail, its breakdowns against their totals (match.h) and the statements whose subject
 * it is (statement.h). Coverage: declared ÷ reference for each year with both figures, marked
 * against the thresholds of COVERAGE_LOW and COVERAGE_EXCESS in force. Caveats: the notes
 * (notes.h) on its figures of the years shown. The method is in docs/methodology.md.
 *
 * Ownership: tr_scorecard_build() returns a GPtrArray owning its rows and their strings; rows
 * borrow countries, observations and notes. */
#pragma once

#include <glib.h>

#include "match.h"
#include "notes.h"
#include "rules.h"

/* One figure Article 8(1) asks for. */
typedef struct {
  int year;
  char letter;                 /* 'a', 'b', 'c' */
  const char *measure;         /* "reports", "children_identified", "convictions" */
  const TrObservation *obs;    /* NULL: the table has no row */
} TrScoreFigure;

typedef enum {
  TR_COVERAGE_NONE,     /* no year with both figures */
  TR_COVERAGE_LOW,      /* some year below COVERAGE_LOW's threshold */
  TR_COVERAGE_ABOVE,    /* none below, some above COVERAGE_EXCESS's threshold */
  TR_COVERAGE_MIXED,    /* some below and some above */
  TR_COVERAGE_IN_RANGE, /* every year between the two */
} TrCoverageMark;

/* "none", "low", "above", "mixed", "in range". Static. */
const char *tr_coverage_mark_name (TrCoverageMark mark);

typedef struct {
  const TrCountry *country;
  /* completeness */
  GArray *figures;            /* TrScoreFigure, by year then letter */
  guint asked, given, inexact; /* figures asked for, given, given but not exact */
  const char *completeness;   /* "complete", "partial", "none" (static) */
  char *completeness_reason;
  /* consistency */
  guint holds, fails, unchecked;
  const char *consistency;    /* "holds", "fails", "unchecked" (static) */
  char *consistency_reason;
  /* coverage */
  guint n_years;              /* years with a coverage */
  gint64 low_num, low_den, high_num, high_den; /* the lowest and the highest coverage */
  TrCoverageMark coverage;
  gboolean coverage_differs;  /* a note says the declared reports count differently */
  char *coverage_reason;
  /* caveats */
  GPtrArray *notes;           /* const TrNote *, on its figures of the years shown */
  char *caveats_reason;
  char *verdict;              /* one line */
} TrScorecardRow;

/* The four marks of a row, in order: given (completeness), checks (consistency), coverage,
 * caveats. */
#define TR_SCORECARD_N_MARKS 4
/* Mark number `m`: its heading ("given", "checks", "coverage", "caveats"), its word
 * ("complete", "fails", "low", "some"…) and its reason; strings owned by the row or static. */
const char *tr_scorecard_mark_heading (guint m);
const char *tr_scorecard_mark (const TrScorecardRow *row, guint m);
const char *tr_scorecard_mark_reason (const TrScorecardRow *row, guint m);

void tr_scorecard_row_free (TrScorecardRow *row);

/* One row per country of rec->pairs (code order), over rec->years; an empty array when the
 * funnel does not apply (tr_funnel_applies: no figure of Article 8(1)(b) or (c) was read).
 * `statements` (TrStatementResult *, the ones shown) and `notes` may be NULL. `label` names the
 * reference in sentences. */
GPtrArray *tr_scorecard_build (const TrReconciliation *rec, const GPtrArray *notes,
                               const GPtrArray *statements, const TrRuleConfig *config);
