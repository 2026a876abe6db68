/* baseline.h — accepted anomalies: a file that lists the anomalies someone has looked at, each
 * by its fingerprint with a reason, who accepted it and until when.
 *
 * A GLib key file, one group per anomaly:
 *
 *     [581e8d97e8ea…64 hex digits]
 *     rule = COVERAGE_LOW           (for the reader; not checked)
 *     reason = Estonia counts crimes, not reports: see the remark under Table 6
 *     who = A. Auditor
 *     until = 2026-06-30            (accepted up to and including that day)
 *     figures = reference=6408; declared=250; gap=6158
 *
 * An anomaly is accepted while today is not past `until` and its figures (the counts it used,
 * tr_baseline_figures()) are those written; when either changes, it comes back.
 *
 * Ownership: a TrBaseline owns its entries and their strings; TrAccepted borrows both the
 * anomaly and the entry. */
#pragma once

#include <stdio.h>

#include <glib.h>

#include "rules.h"

typedef struct {
  char *fingerprint; /* 64 hex digits */
  char *reason;      /* may be empty */
  char *who;         /* may be empty */
  GDate until;
  char *until_text;  /* as written, YYYY-MM-DD */
  char *figures;     /* as written, or NULL: any figures */
} TrBaselineEntry;

typedef struct TrBaseline TrBaseline;

/* Reads the baseline at `path`. Errors (G_KEY_FILE_ERROR or G_FILE_ERROR): "PATH: …" for an
 * unreadable file or bad syntax, "PATH: [GROUP] …; expected …" for a group that is not a
 * fingerprint, a missing or bad `until`. */
TrBaseline *tr_baseline_load (const char *path, GError **error);
void tr_baseline_free (TrBaseline *baseline);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrBaseline, tr_baseline_free)

/* The entry for `fingerprint`, or NULL. */
const TrBaselineEntry *tr_baseline_get (const TrBaseline *baseline, const char *fingerprint);

/* The counts an anomaly used, as a baseline keeps them: "reference=6408; declared=250; …"
 * (ratios and statistics left out: they move when an unrelated figure is corrected). Newly
 * allocated. */
char *tr_baseline_figures (const TrAnomaly *anomaly);

/* An anomaly the baseline accepts. */
typedef struct {
  const TrAnomaly *anomaly;
  const TrBaselineEntry *entry;
} TrAccepted;

/* Sorts `anomalies` (TrAnomaly *) in their order: each one `baseline` accepts on `today` goes
 * to `accepted` (a TrAccepted *, newly allocated: free with g_free), every other one to
 * `listed` (borrowed). An entry past its date, or whose figures are not the anomaly's, accepts
 * nothing. */
void tr_baseline_apply (const TrBaseline *baseline, const GDate *today,
                        const GPtrArray *anomalies, GPtrArray *listed, GPtrArray *accepted);

/* Writes a starting baseline: one group for each of `anomalies` (TrAnomaly *), its reason
 * "to review" and empty who, accepted until `until`, with a comment that names the anomaly. */
void tr_baseline_write (const GPtrArray *anomalies, const GDate *until, FILE *out);
