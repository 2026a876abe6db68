/* history.h — the run history: an SQLite file that records each run and its anomalies, so that
 * a run can say what is new, what persists and what was resolved since the previous one.
 *
 * The schema (docs/scheduled-runs.md) is created and migrated by tr_history_open(); its
 * version is PRAGMA user_version, and PRAGMA application_id marks the file as tiprecon's. The
 * file is in WAL mode with a busy timeout, so that runs at the same moment wait for each
 * other instead of failing. A run is one transaction, begun by tr_history_begin() before the
 * previous run is read and ended by tr_history_commit() once the output is written: a run
 * that fails or is killed before that leaves the history exactly as it was.
 *
 * Ownership: a TrHistory owns its connection (tr_history_free closes it, rolling back an
 * open transaction); a TrSince owns its resolved entries and their strings. Neither borrows
 * from the dataset. */
#pragma once

#include <stdio.h>

#include <glib.h>

#include "dataset.h"
#include "rules.h"

#define TR_HISTORY_ERROR (tr_history_error_quark ())
GQuark tr_history_error_quark (void);

typedef enum {
  TR_HISTORY_ERROR_OPEN,     /* cannot be opened or created */
  TR_HISTORY_ERROR_FOREIGN,  /* not an SQLite file, or another program's database */
  TR_HISTORY_ERROR_CORRUPT,  /* an SQLite file that fails its integrity check */
  TR_HISTORY_ERROR_NEWER,    /* written by a newer tiprecon (a higher schema version) */
  TR_HISTORY_ERROR_WRITE,    /* a statement failed (disk full, locked past the timeout) */
  TR_HISTORY_ERROR_NO_RUN,   /* tiprecon history --run N: no such run */
} TrHistoryError;

/* The schema this program writes and reads. */
#define TR_HISTORY_SCHEMA_VERSION 1

typedef struct TrHistory TrHistory;

/* Opens the history at `path`, creating it (and its schema) when the file does not exist or
 * is empty, migrating an older schema. Errors (TR_HISTORY_ERROR, message "PATH: found …;
 * expected …"): a file that is not SQLite, an SQLite database of another program, a damaged
 * one (PRAGMA quick_check fails), one of a newer schema. Never resets a file. `read_only`:
 * open only an existing history, never create or migrate it (tiprecon history). */
TrHistory *tr_history_open (const char *path, gboolean read_only, GError **error);
void tr_history_free (TrHistory *history);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrHistory, tr_history_free)

/* An anomaly of the previous run that this run no longer finds. */
typedef struct {
  char *fingerprint;
  char *rule;
  char *severity;
  char *subject;   /* country code, or NULL */
  int year;
  char *measure;   /* or NULL */
  char *message;   /* the previous run's sentence */
  char *was;       /* the figures it used: "declared 10 130 (com740-t6); reference …" */
  char *now;       /* the same figures in this run: "declared 16 801 (com740-t6)", "no figure
                      read", or for a statement's anomaly "" (its figures are not kept) */
} TrResolved;

/* This run against the previous run of the same parameters. */
typedef struct {
  gint64 run;              /* this run's id in the history */
  gint64 previous;         /* the previous run's id, or 0 when there is none */
  char *previous_started;  /* its start time (ISO 8601, UTC), or NULL */
  guint n_new, n_persisting, n_resolved;
  GPtrArray *resolved;     /* TrResolved *, in the order of the previous run */
} TrSince;

void tr_since_free (TrSince *since);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrSince, tr_since_free)

/* One input of the run, for the record. */
typedef struct {
  const char *path;   /* as read */
  const char *source; /* catalogue identity, or NULL */
  const char *sha256; /* 64 hex digits */
} TrHistoryInput;

/* What is recorded of a run besides its anomalies. */
typedef struct {
  const char *started;    /* ISO 8601, UTC */
  const char *version;    /* tiprecon's */
  const char *parameters; /* the canonical parameters (what makes two runs comparable) */
  const GArray *inputs;   /* TrHistoryInput */
} TrHistoryRun;

/* Begins the run's transaction (BEGIN IMMEDIATE: one writer at a time, waiting up to the
 * busy timeout for another). */
gboolean tr_history_begin (TrHistory *history, GError **error);

/* Within the transaction: compares `anomalies` (TrAnomaly *: every anomaly found, accepted
 * ones included) with the previous run of `run->parameters`, sets each anomaly's `since`
 * ("new" or "persisting"; with no previous run every one is new), and records the run, its
 * inputs, its anomalies (fingerprint, severity, figures, and whether the set `accepted` of
 * fingerprints, NULL for none, holds it) and the ones resolved, with the figures of `dataset`
 * that resolved them. Returns the comparison (the caller frees it), or NULL. */
TrSince *tr_history_record (TrHistory *history, const TrHistoryRun *run, GPtrArray *anomalies,
                            GHashTable *accepted, const TrDataset *dataset, GError **error);

/* Writes the end time and commits: only now does the run appear in the history. */
gboolean tr_history_commit (TrHistory *history, GError **error);

/* tiprecon history FILE, as text written to `out`: with run_id 0 and no fingerprint, every
 * run, oldest first; with run_id, that run's anomalies and the ones it resolved
 * (TR_HISTORY_ERROR_NO_RUN when there is no such run); with `fingerprint` (its first digits),
 * every run that found it, so that one can tell when it first appeared. */
gboolean tr_history_list (TrHistory *history, gint64 run_id, const char *fingerprint,
                          FILE *out, GError **error);
