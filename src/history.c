/* history.c — the run history in SQLite: schema, one transaction per run, what changed. */
#include "config.h"

#include "history.h"

#include <errno.h>
#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>

G_DEFINE_QUARK (tr-history-error-quark, tr_history_error)

/* "TPRC": PRAGMA application_id of every history this program creates. */
#define APPLICATION_ID 0x54505243

/* How long a run waits for another run's transaction before giving up. */
#define BUSY_TIMEOUT_MS 60000

struct TrHistory {
  sqlite3 *db;
  char *path;       /* as given, for messages */
  gint64 run;       /* the run being recorded, or 0 */
  gboolean in_transaction;
};

/* Schema version 1. A later version adds its step to `migrations`: migrations[v - 1] takes a
 * history from version v - 1 to v. */
static const char *const migrations[] = {
  "CREATE TABLE runs ("
  "  id INTEGER PRIMARY KEY,"
  "  started TEXT NOT NULL,"      /* ISO 8601, UTC */
  "  finished TEXT,"              /* set as the run's transaction commits */
  "  version TEXT NOT NULL,"      /* tiprecon's version */
  "  parameters TEXT NOT NULL,"   /* what makes two runs comparable */
  "  previous INTEGER REFERENCES runs (id)," /* the run it was compared with */
  "  anomalies INTEGER NOT NULL, critical INTEGER NOT NULL, warning INTEGER NOT NULL,"
  "  info INTEGER NOT NULL, new INTEGER NOT NULL, persisting INTEGER NOT NULL,"
  "  resolved INTEGER NOT NULL, accepted INTEGER NOT NULL);"
  "CREATE INDEX runs_parameters ON runs (parameters, id);"
  "CREATE TABLE inputs ("
  "  run INTEGER NOT NULL REFERENCES runs (id),"
  "  path TEXT NOT NULL, source TEXT, sha256 TEXT NOT NULL);"
  "CREATE TABLE anomalies ("
  "  run INTEGER NOT NULL REFERENCES runs (id),"
  "  fingerprint TEXT NOT NULL,"
  "  rule TEXT NOT NULL, severity TEXT NOT NULL,"
  "  subject TEXT, year INTEGER, measure TEXT,"
  "  status TEXT NOT NULL,"       /* new or persisting */
  "  accepted INTEGER NOT NULL,"  /* 1: a baseline accepts it */
  "  evidence TEXT NOT NULL,"     /* the figures and ratios it used: \"name=value; …\" */
  "  message TEXT NOT NULL,"
  "  UNIQUE (run, fingerprint));"
  "CREATE INDEX anomalies_fingerprint ON anomalies (fingerprint);"
  "CREATE TABLE figures ("         /* the figures of the dataset an anomaly used */
  "  run INTEGER NOT NULL, fingerprint TEXT NOT NULL,"
  "  role TEXT NOT NULL, source TEXT, series TEXT NOT NULL,"
  "  subject TEXT, year INTEGER NOT NULL, measure TEXT NOT NULL, value TEXT NOT NULL,"
  "  FOREIGN KEY (run, fingerprint) REFERENCES anomalies (run, fingerprint));"
  "CREATE TABLE resolved ("        /* anomalies of the previous run this run no longer finds */
  "  run INTEGER NOT NULL REFERENCES runs (id),"
  "  fingerprint TEXT NOT NULL,"
  "  was TEXT NOT NULL, now TEXT NOT NULL,"
  "  UNIQUE (run, fingerprint));",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TR_HISTORY_SCHEMA_VERSION);

static gboolean
fail (TrHistory *h, int code, GError **error, const char *what)
{
  g_set_error (error, TR_HISTORY_ERROR, code, "%s: %s: %s", h->path, what,
               sqlite3_errmsg (h->db));
  return FALSE;
}

static gboolean
exec (TrHistory *h, const char *sql, GError **error)
{
  if (sqlite3_exec (h->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  return fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot write the history");
}

static sqlite3_stmt *
prepare (TrHistory *h, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (h->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot read the history");
      return NULL;
    }
  return stmt;
}

/* The integer a one-row query gives, or -1 on error. */
static gint64
query_int (TrHistory *h, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  if (sqlite3_prepare_v2 (h->db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
damaged (TrHistory *h, GError **error)
{
  g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_CORRUPT,
               "%s: found a damaged SQLite database (its integrity check fails); expected an "
               "intact tiprecon history: restore it from a backup or give a new file",
               h->path);
}

void
tr_history_free (TrHistory *h)
{
  if (h == NULL)
    return;
  /* Closing with a transaction open rolls it back. */
  sqlite3_close_v2 (h->db);
  g_free (h->path);
  g_free (h);
}

/* TRUE when the file at `path` is missing, empty or starts with SQLite's header; FALSE with an
 * error for anything else (a text file, a directory, …). */
static gboolean
check_header (TrHistory *h, gboolean read_only, GError **error)
{
  GStatBuf st;
  if (g_stat (h->path, &st) != 0)
    {
      if (errno == ENOENT && !read_only)
        return TRUE;
      g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_OPEN, "%s: %s", h->path,
                   g_strerror (errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_FOREIGN,
                   "%s: found something that is not a regular file; expected a tiprecon "
                   "history (an SQLite file)",
                   h->path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      if (!read_only)
        return TRUE;
      g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_FOREIGN,
                   "%s: found an empty file; expected a tiprecon history", h->path);
      return FALSE;
    }
  static const char magic[16] = "SQLite format 3";
  char head[16] = { 0 };
  FILE *f = g_fopen (h->path, "rb");
  gsize n = f != NULL ? fread (head, 1, sizeof head, f) : 0;
  if (f != NULL)
    fclose (f);
  if (f == NULL)
    {
      g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_OPEN, "%s: %s", h->path,
                   g_strerror (errno));
      return FALSE;
    }
  if (n < sizeof head || memcmp (head, magic, sizeof magic) != 0)
    {
      g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_FOREIGN,
                   "%s: found a file that is not an SQLite database; expected a tiprecon "
                   "history (give a new file name to start one)",
                   h->path);
      return FALSE;
    }
  return TRUE;
}

/* Creates the schema of a new file, or migrates an older one, in one transaction; another run
 * doing the same at the same moment waits, then finds it done. */
static gboolean
create_or_migrate (TrHistory *h, GError **error)
{
  if (!exec (h, "BEGIN IMMEDIATE", error))
    return FALSE;
  gint64 version = query_int (h, "PRAGMA user_version");
  gint64 tables = query_int (h, "SELECT count(*) FROM sqlite_master");
  gint64 app = query_int (h, "PRAGMA application_id");
  if (version < 0 || tables < 0 || app < 0)
    {
      exec (h, "ROLLBACK", NULL);
      damaged (h, error);
      return FALSE;
    }
  if (tables > 0 && app != APPLICATION_ID)
    {
      exec (h, "ROLLBACK", NULL);
      g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_FOREIGN,
                   "%s: found an SQLite database of another program; expected a tiprecon "
                   "history (give a new file name to start one)",
                   h->path);
      return FALSE;
    }
  if (version > TR_HISTORY_SCHEMA_VERSION)
    {
      exec (h, "ROLLBACK", NULL);
      g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_NEWER,
                   "%s: found a history of schema version %" G_GINT64_FORMAT
                   ", written by a newer tiprecon; expected version %d or older (use the "
                   "newer tiprecon)",
                   h->path, version, TR_HISTORY_SCHEMA_VERSION);
      return FALSE;
    }
  for (gint64 v = version; v < TR_HISTORY_SCHEMA_VERSION; v++)
    if (!exec (h, migrations[v], error))
      {
        exec (h, "ROLLBACK", NULL);
        return FALSE;
      }
  g_autofree char *set = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                          APPLICATION_ID, TR_HISTORY_SCHEMA_VERSION);
  if (!exec (h, set, error) || !exec (h, "COMMIT", error))
    {
      exec (h, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

TrHistory *
tr_history_open (const char *path, gboolean read_only, GError **error)
{
  g_autoptr (TrHistory) h = g_new0 (TrHistory, 1);
  h->path = g_strdup (path);
  if (!check_header (h, read_only, error))
    return NULL;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2 (path, &h->db, flags, NULL) != SQLITE_OK)
    {
      fail (h, TR_HISTORY_ERROR_OPEN, error, "cannot open the history");
      return NULL;
    }
  sqlite3_extended_result_codes (h->db, 0);
  sqlite3_busy_timeout (h->db, BUSY_TIMEOUT_MS);
  /* A damaged file is refused before anything is written to it. */
  sqlite3_stmt *check = NULL;
  gboolean ok = sqlite3_prepare_v2 (h->db, "PRAGMA quick_check", -1, &check, NULL) == SQLITE_OK
                && sqlite3_step (check) == SQLITE_ROW
                && g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "ok") == 0;
  int code = sqlite3_errcode (h->db);
  sqlite3_finalize (check);
  if (!ok && code == SQLITE_BUSY)
    {
      fail (h, TR_HISTORY_ERROR_OPEN, error, "cannot read the history");
      return NULL;
    }
  if (!ok)
    {
      damaged (h, error);
      return NULL;
    }
  if (read_only)
    {
      gint64 version = query_int (h, "PRAGMA user_version");
      gint64 app = query_int (h, "PRAGMA application_id");
      if (app != APPLICATION_ID)
        {
          g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_FOREIGN,
                       "%s: found an SQLite database of another program; expected a tiprecon "
                       "history",
                       h->path);
          return NULL;
        }
      if (version != TR_HISTORY_SCHEMA_VERSION)
        {
          g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_NEWER,
                       "%s: found a history of schema version %" G_GINT64_FORMAT
                       "; expected version %d (run tiprecon --history on it once to migrate "
                       "it, or use the newer tiprecon)",
                       h->path, version, TR_HISTORY_SCHEMA_VERSION);
          return NULL;
        }
      return g_steal_pointer (&h);
    }
  /* WAL: readers never block the writer, and a killed writer leaves the file as it was. */
  sqlite3_stmt *wal = prepare (h, "PRAGMA journal_mode = WAL", error);
  if (wal == NULL)
    return NULL;
  int step = sqlite3_step (wal);
  sqlite3_finalize (wal);
  if (step != SQLITE_ROW)
    {
      fail (h, TR_HISTORY_ERROR_OPEN, error, "cannot open the history");
      return NULL;
    }
  if (!exec (h, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", error)
      || !create_or_migrate (h, error))
    return NULL;
  return g_steal_pointer (&h);
}

gboolean
tr_history_begin (TrHistory *h, GError **error)
{
  if (!exec (h, "BEGIN IMMEDIATE", error))
    return FALSE;
  h->in_transaction = TRUE;
  return TRUE;
}

static void
resolved_free (gpointer data)
{
  TrResolved *r = data;
  g_free (r->fingerprint);
  g_free (r->rule);
  g_free (r->severity);
  g_free (r->subject);
  g_free (r->measure);
  g_free (r->message);
  g_free (r->was);
  g_free (r->now);
  g_free (r);
}

void
tr_since_free (TrSince *since)
{
  if (since == NULL)
    return;
  g_free (since->previous_started);
  g_ptr_array_unref (since->resolved);
  g_free (since);
}

static char *
dup_column (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* "name=value; …": the evidence as the history keeps it (counts as integers, other numbers to
 * 17 significant digits, the C locale's point). */
static char *
evidence_text (const TrAnomaly *a)
{
  GString *text = g_string_new (NULL);
  for (guint k = 0; k < a->evidence->len; k++)
    {
      const TrEvidence *e = &g_array_index (a->evidence, TrEvidence, k);
      char num[G_ASCII_DTOSTR_BUF_SIZE];
      if (e->is_count)
        g_snprintf (num, sizeof num, "%" G_GINT64_FORMAT, e->count);
      else
        g_ascii_formatd (num, sizeof num, "%.17g", e->number);
      g_string_append_printf (text, "%s%s=%s", k > 0 ? "; " : "", e->name, num);
    }
  return g_string_free (text, FALSE);
}

static void
bind_text (sqlite3_stmt *stmt, int i, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

/* Steps a prepared insert once and resets it; FALSE with an error when it fails. */
static gboolean
step_insert (TrHistory *h, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE || fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot write the history");
}

/* The figures of `a` the dataset holds: one row each. */
static gboolean
insert_figures (TrHistory *h, sqlite3_stmt *stmt, const TrAnomaly *a, GError **error)
{
  for (guint k = 0; k < a->provenance->len; k++)
    {
      const TrProvenanceRef *p = &g_array_index (a->provenance, TrProvenanceRef, k);
      const TrObservation *o = p->observation;
      if (o == NULL)
        continue;
      char value[64];
      tr_format_value (&o->value, TR_VALUE_CELL, value, sizeof value);
      sqlite3_bind_int64 (stmt, 1, h->run);
      bind_text (stmt, 2, a->fingerprint);
      bind_text (stmt, 3, p->role);
      bind_text (stmt, 4, p->identity);
      bind_text (stmt, 5, o->source);
      bind_text (stmt, 6, o->country != NULL ? o->country->code : NULL);
      sqlite3_bind_int (stmt, 7, tr_observation_year (o));
      bind_text (stmt, 8, o->measure);
      bind_text (stmt, 9, value);
      if (!step_insert (h, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The figures a resolved anomaly used, then and now: "declared 10 130 (com740-t6)". */
static gboolean
resolved_figures (TrHistory *h, gint64 run, TrResolved *r, const TrDataset *dataset,
                  GError **error)
{
  sqlite3_stmt *stmt = prepare (h,
                                "SELECT role, source, series, subject, year, measure, value "
                                "FROM figures WHERE run = ? AND fingerprint = ? ORDER BY rowid",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run);
  bind_text (stmt, 2, r->fingerprint);
  g_autoptr (GString) was = g_string_new (NULL), now = g_string_new (NULL);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *role = (const char *) sqlite3_column_text (stmt, 0);
      const char *source = (const char *) sqlite3_column_text (stmt, 1);
      const char *series = (const char *) sqlite3_column_text (stmt, 2);
      const char *subject = (const char *) sqlite3_column_text (stmt, 3);
      int year = sqlite3_column_int (stmt, 4);
      const char *measure = (const char *) sqlite3_column_text (stmt, 5);
      const char *value = (const char *) sqlite3_column_text (stmt, 6);
      g_autofree char *from = source != NULL ? g_strdup_printf (" (%s)", source) : g_strdup ("");
      g_string_append_printf (was, "%s%s %s%s", was->len > 0 ? "; " : "", role, value, from);
      const TrObservation *o
          = year != 0 ? tr_dataset_find (dataset, series, subject, year, measure) : NULL;
      char current[64];
      g_string_append_printf (now, "%s%s %s%s", now->len > 0 ? "; " : "", role,
                              o != NULL ? tr_format_value (&o->value, TR_VALUE_CELL, current,
                                                           sizeof current)
                                        : "no figure read",
                              from);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot read the history");
  r->was = g_string_free (g_steal_pointer (&was), FALSE);
  r->now = g_string_free (g_steal_pointer (&now), FALSE);
  return TRUE;
}

TrSince *
tr_history_record (TrHistory *h, const TrHistoryRun *run, GPtrArray *anomalies,
                   GHashTable *accepted, const TrDataset *dataset, GError **error)
{
  g_return_val_if_fail (h->in_transaction, NULL);
  g_autoptr (TrSince) since = g_new0 (TrSince, 1);
  since->resolved = g_ptr_array_new_with_free_func (resolved_free);

  /* The previous run of the same parameters, and its anomalies. */
  sqlite3_stmt *stmt = prepare (h,
                                "SELECT id, started FROM runs WHERE parameters = ? "
                                "ORDER BY id DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, run->parameters);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      since->previous = sqlite3_column_int64 (stmt, 0);
      since->previous_started = dup_column (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot read the history");
      return NULL;
    }
  g_autoptr (GHashTable) current = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < anomalies->len; i++)
    {
      const TrAnomaly *a = g_ptr_array_index (anomalies, i);
      g_hash_table_add (current, a->fingerprint);
    }
  g_autoptr (GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (since->previous != 0)
    {
      stmt = prepare (h,
                      "SELECT fingerprint, rule, severity, subject, year, measure, message "
                      "FROM anomalies WHERE run = ? ORDER BY rowid",
                      error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, since->previous);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          char *fingerprint = dup_column (stmt, 0);
          if (g_hash_table_contains (current, fingerprint))
            {
              g_hash_table_add (before, fingerprint);
              continue;
            }
          TrResolved *r = g_new0 (TrResolved, 1);
          r->fingerprint = fingerprint;
          r->rule = dup_column (stmt, 1);
          r->severity = dup_column (stmt, 2);
          r->subject = dup_column (stmt, 3);
          r->year = sqlite3_column_int (stmt, 4);
          r->measure = dup_column (stmt, 5);
          r->message = dup_column (stmt, 6);
          g_ptr_array_add (since->resolved, r);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot read the history");
          return NULL;
        }
      for (guint i = 0; i < since->resolved->len; i++)
        if (!resolved_figures (h, since->previous, g_ptr_array_index (since->resolved, i),
                               dataset, error))
          return NULL;
    }

  guint by[3] = { 0 }, n_accepted = 0;
  for (guint i = 0; i < anomalies->len; i++)
    {
      TrAnomaly *a = g_ptr_array_index (anomalies, i);
      gboolean old = g_hash_table_contains (before, a->fingerprint);
      a->since = old ? "persisting" : "new";
      since->n_new += !old;
      since->n_persisting += old;
      by[a->severity]++;
      n_accepted += accepted != NULL && g_hash_table_contains (accepted, a->fingerprint);
    }
  since->n_resolved = since->resolved->len;

  /* The run. */
  stmt = prepare (h,
                  "INSERT INTO runs (started, version, parameters, previous, anomalies, "
                  "critical, warning, info, new, persisting, resolved, accepted) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, run->started);
  bind_text (stmt, 2, run->version);
  bind_text (stmt, 3, run->parameters);
  if (since->previous != 0)
    sqlite3_bind_int64 (stmt, 4, since->previous);
  sqlite3_bind_int (stmt, 5, (int) anomalies->len);
  sqlite3_bind_int (stmt, 6, (int) by[TR_SEVERITY_CRITICAL]);
  sqlite3_bind_int (stmt, 7, (int) by[TR_SEVERITY_WARNING]);
  sqlite3_bind_int (stmt, 8, (int) by[TR_SEVERITY_INFO]);
  sqlite3_bind_int (stmt, 9, (int) since->n_new);
  sqlite3_bind_int (stmt, 10, (int) since->n_persisting);
  sqlite3_bind_int (stmt, 11, (int) since->n_resolved);
  sqlite3_bind_int (stmt, 12, (int) n_accepted);
  gboolean ok = step_insert (h, stmt, error);
  sqlite3_finalize (stmt);
  if (!ok)
    return NULL;
  h->run = sqlite3_last_insert_rowid (h->db);
  since->run = h->run;

  stmt = prepare (h, "INSERT INTO inputs (run, path, source, sha256) VALUES (?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; ok && run->inputs != NULL && i < run->inputs->len; i++)
    {
      const TrHistoryInput *in = &g_array_index (run->inputs, TrHistoryInput, i);
      sqlite3_bind_int64 (stmt, 1, h->run);
      bind_text (stmt, 2, in->path);
      bind_text (stmt, 3, in->source);
      bind_text (stmt, 4, in->sha256);
      ok = step_insert (h, stmt, error);
    }
  sqlite3_finalize (stmt);
  if (!ok)
    return NULL;

  /* Two anomalies of one fingerprint in one run would be one finding counted twice: the
   * first is kept (OR IGNORE), as the comparison above already treats them as one. */
  stmt = prepare (h,
                  "INSERT OR IGNORE INTO anomalies (run, fingerprint, rule, severity, subject, "
                  "year, measure, status, accepted, evidence, message) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  sqlite3_stmt *figures = prepare (h,
                                   "INSERT INTO figures (run, fingerprint, role, source, "
                                   "series, subject, year, measure, value) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   error);
  ok = stmt != NULL && figures != NULL;
  g_autoptr (GHashTable) written = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; ok && i < anomalies->len; i++)
    {
      const TrAnomaly *a = g_ptr_array_index (anomalies, i);
      if (!g_hash_table_add (written, a->fingerprint))
        continue;
      g_autofree char *evidence = evidence_text (a);
      sqlite3_bind_int64 (stmt, 1, h->run);
      bind_text (stmt, 2, a->fingerprint);
      bind_text (stmt, 3, a->rule->name);
      bind_text (stmt, 4, tr_severity_name (a->severity));
      bind_text (stmt, 5, a->country != NULL ? a->country->code : NULL);
      sqlite3_bind_int (stmt, 6, a->year);
      bind_text (stmt, 7, a->measure);
      bind_text (stmt, 8, a->since);
      sqlite3_bind_int (stmt, 9,
                        accepted != NULL && g_hash_table_contains (accepted, a->fingerprint));
      bind_text (stmt, 10, evidence);
      bind_text (stmt, 11, a->message);
      ok = step_insert (h, stmt, error) && insert_figures (h, figures, a, error);
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (figures);
  if (!ok)
    return NULL;

  stmt = prepare (h, "INSERT INTO resolved (run, fingerprint, was, now) VALUES (?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; ok && i < since->resolved->len; i++)
    {
      const TrResolved *r = g_ptr_array_index (since->resolved, i);
      sqlite3_bind_int64 (stmt, 1, h->run);
      bind_text (stmt, 2, r->fingerprint);
      bind_text (stmt, 3, r->was);
      bind_text (stmt, 4, r->now);
      ok = step_insert (h, stmt, error);
    }
  sqlite3_finalize (stmt);
  return ok ? g_steal_pointer (&since) : NULL;
}

gboolean
tr_history_commit (TrHistory *h, GError **error)
{
  g_return_val_if_fail (h->in_transaction && h->run != 0, FALSE);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *finished = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  sqlite3_stmt *stmt = prepare (h, "UPDATE runs SET finished = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, finished);
  sqlite3_bind_int64 (stmt, 2, h->run);
  gboolean ok = step_insert (h, stmt, error);
  sqlite3_finalize (stmt);
  if (!ok || !exec (h, "COMMIT", error))
    return FALSE;
  h->in_transaction = FALSE;
  return TRUE;
}

static const char *
text_or (sqlite3_stmt *stmt, int column, const char *otherwise)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text != NULL ? (const char *) text : otherwise;
}

/* Every run, oldest first. */
static gboolean
list_runs (TrHistory *h, FILE *out, GError **error)
{
  sqlite3_stmt *stmt = prepare (h,
                                "SELECT id, started, finished, version, anomalies, new, "
                                "persisting, resolved, accepted, parameters FROM runs "
                                "ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;
  fprintf (out, "%-5s %-27s %-9s %9s %5s %10s %8s %8s\n", "run", "started", "version",
           "anomalies", "new", "persisting", "resolved", "accepted");
  int rc;
  const char *last_parameters = NULL;
  g_autofree char *kept = NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *parameters = text_or (stmt, 9, "");
      /* The parameters once, and again each time they change. */
      if (last_parameters == NULL || strcmp (last_parameters, parameters) != 0)
        {
          fprintf (out, "  parameters: %s\n", parameters);
          g_free (kept);
          kept = g_strdup (parameters);
          last_parameters = kept;
        }
      fprintf (out, "%-5" G_GINT64_FORMAT " %-27s %-9s %9d %5d %10d %8d %8d\n",
               (gint64) sqlite3_column_int64 (stmt, 0), text_or (stmt, 1, ""), text_or (stmt, 3, ""),
               sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5),
               sqlite3_column_int (stmt, 6), sqlite3_column_int (stmt, 7),
               sqlite3_column_int (stmt, 8));
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot read the history");
}

/* One run: its anomalies, then the ones it resolved. */
static gboolean
list_run (TrHistory *h, gint64 run, FILE *out, GError **error)
{
  sqlite3_stmt *stmt = prepare (h, "SELECT started, previous FROM runs WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run);
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot read the history");
      g_set_error (error, TR_HISTORY_ERROR, TR_HISTORY_ERROR_NO_RUN,
                   "%s: found no run %" G_GINT64_FORMAT "; expected the number of a run "
                   "(tiprecon history %s lists them)",
                   h->path, run, h->path);
      return FALSE;
    }
  fprintf (out, "Run %" G_GINT64_FORMAT ", started %s", run, text_or (stmt, 0, ""));
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    fprintf (out, ", compared with run %" G_GINT64_FORMAT "\n",
             (gint64) sqlite3_column_int64 (stmt, 1));
  else
    fputs (", the first of its parameters\n", out);
  sqlite3_finalize (stmt);
  stmt = prepare (h,
                  "SELECT status, accepted, severity, fingerprint, rule, subject, year, "
                  "evidence FROM anomalies WHERE run = ? ORDER BY rowid",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run);
  fputs ("\nAnomalies\n", out);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    fprintf (out, "  %-10s %-8s %-8s %.12s %-19s %-3s %4d  %s\n", text_or (stmt, 0, ""),
             sqlite3_column_int (stmt, 1) ? "accepted" : "", text_or (stmt, 2, ""),
             text_or (stmt, 3, ""), text_or (stmt, 4, ""), text_or (stmt, 5, "-"),
             sqlite3_column_int (stmt, 6), text_or (stmt, 7, ""));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot read the history");
  stmt = prepare (h,
                  "SELECT r.fingerprint, a.rule, a.subject, a.year, r.was, r.now "
                  "FROM resolved r JOIN runs ON runs.id = r.run "
                  "LEFT JOIN anomalies a ON a.run = runs.previous AND a.fingerprint = "
                  "r.fingerprint WHERE r.run = ? ORDER BY r.rowid",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run);
  gboolean header = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!header)
        fputs ("\nResolved\n", out);
      header = TRUE;
      fprintf (out, "  %.12s %-19s %-3s %4d  was: %s; now: %s\n", text_or (stmt, 0, ""),
               text_or (stmt, 1, ""), text_or (stmt, 2, "-"), sqlite3_column_int (stmt, 3),
               text_or (stmt, 4, ""), text_or (stmt, 5, ""));
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot read the history");
}

/* Every run that found a fingerprint. */
static gboolean
list_fingerprint (TrHistory *h, const char *prefix, FILE *out, GError **error)
{
  sqlite3_stmt *stmt = prepare (h,
                                "SELECT runs.id, runs.started, a.status, a.accepted, "
                                "a.severity, a.fingerprint, a.rule, a.subject, a.year, "
                                "a.evidence FROM anomalies a JOIN runs ON runs.id = a.run "
                                "WHERE substr (a.fingerprint, 1, length (?1)) = ?1 "
                                "ORDER BY runs.id, a.fingerprint",
                                error);
  if (stmt == NULL)
    return FALSE;
  g_autofree char *lower = g_ascii_strdown (prefix, -1);
  bind_text (stmt, 1, lower);
  int rc;
  guint n = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      fprintf (out, "run %-5" G_GINT64_FORMAT " %-27s %-10s %-8s %-8s %.12s %-19s %-3s %4d  %s\n",
               (gint64) sqlite3_column_int64 (stmt, 0), text_or (stmt, 1, ""), text_or (stmt, 2, ""),
               sqlite3_column_int (stmt, 3) ? "accepted" : "", text_or (stmt, 4, ""),
               text_or (stmt, 5, ""), text_or (stmt, 6, ""), text_or (stmt, 7, "-"),
               sqlite3_column_int (stmt, 8), text_or (stmt, 9, ""));
      n++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (h, TR_HISTORY_ERROR_WRITE, error, "cannot read the history");
  if (n == 0)
    fprintf (out, "No run found an anomaly of fingerprint %s.\n", lower);
  return TRUE;
}

gboolean
tr_history_list (TrHistory *h, gint64 run_id, const char *fingerprint, FILE *out,
                 GError **error)
{
  /* One read transaction: a consistent view while a run may be writing. */
  if (!exec (h, "BEGIN", error))
    return FALSE;
  gboolean ok = fingerprint != NULL ? list_fingerprint (h, fingerprint, out, error)
                : run_id != 0       ? list_run (h, run_id, out, error)
                                    : list_runs (h, out, error);
  exec (h, "COMMIT", NULL);
  return ok;
}
