/* records.h — record-level reconciliation: the reports NCMEC made available to countries (the
 * sent list) against a national intake log (the received list), matched by report identifier
 * and country, every report classified, and the outcomes counted per country and year.
 *
 * Ownership: tr_records_new() returns a TrRecords that owns every record, identifier and
 * count in it; free it with tr_records_free() (or g_autoptr (TrRecords)). The country table
 * it is given is borrowed and must outlive it. Counts returned are the TrRecords's.
 *
 * Memory is bounded by the reports and entries kept, never by the size of the files: 16
 * bytes a report (a numeric identifier held as a guint64, any other interned once), 20 bytes
 * an entry of the log, and for the time of a sort as much again; reports added one by one
 * (tr_records_add_sent()) have an index of 4 to 8 bytes each besides.
 *
 * Threading: tr_records_read() reads the log in a thread of its own while the calling thread
 * reads the sent list, and joins it before it returns; a TrRecords is otherwise used by one
 * thread at a time. */
#pragma once

#include <stdio.h>

#include <glib.h>

#include "country.h"

/* What became of one report NCMEC made available, or of an entry of the log. */
typedef enum {
  TR_OUTCOME_RECEIVED,     /* logged once, in the year it was made available */
  TR_OUTCOME_LATER,        /* logged once, in a later year (a timing difference) */
  TR_OUTCOME_TWICE,        /* logged twice or more (duplicate intake entries) */
  TR_OUTCOME_NEVER,        /* not in the log */
  TR_OUTCOME_OTHER_SOURCE, /* an entry of the log that is not in the sent list */
} TrOutcome;

/* The name of an outcome in CSV and JSON ("received_later"). */
const char *tr_outcome_name (TrOutcome outcome);

/* The outcome of a report made available in `sent_year` and logged `entries` times, the
 * first of them in `first_year` (ignored when entries is 0). */
TrOutcome tr_outcome_classify (int sent_year, guint entries, int first_year);

/* The counts of one country and year, in the order of tr_record_count_columns. */
typedef enum {
  TR_COUNT_SENT,              /* reports made available in the year */
  TR_COUNT_RECEIVED,          /* of them, TR_OUTCOME_RECEIVED */
  TR_COUNT_LATER,             /* of them, TR_OUTCOME_LATER */
  TR_COUNT_TWICE,             /* of them, TR_OUTCOME_TWICE */
  TR_COUNT_TWICE_ENTRIES,     /* the log's entries for the reports received twice or more */
  TR_COUNT_NEVER,             /* of them, TR_OUTCOME_NEVER */
  TR_COUNT_OTHER_SOURCE,      /* entries of the log dated in the year that are not in the
                                 sent list */
  TR_COUNT_LOGGED,            /* entries of the log dated in the year, all of them: the
                                 figure the log yields for the year */
  TR_N_COUNTS,
} TrRecordCount;

typedef struct {
  const char *name;    /* CSV column and JSON member: "received_later" */
  const char *heading; /* text table heading: "Later" */
  const char *help;    /* one line for the docs */
} TrRecordCountColumn;

/* The columns, TR_N_COUNTS of them, indexed by TrRecordCount. */
extern const TrRecordCountColumn tr_record_count_columns[TR_N_COUNTS];

/* The counts of one country and year. A report's outcome is counted in the year it was made
 * available; other-source entries and logged entries in the year of their date. */
typedef struct {
  const TrCountry *country; /* borrowed from the country table */
  int year;
  guint64 n[TR_N_COUNTS];
} TrRecordCounts;

#define TR_RECORDS_ERROR (tr_records_error_quark ())
GQuark tr_records_error_quark (void);

/* Errors that are not about one cell of a file (those are TR_INPUT_ERROR). */
typedef enum {
  TR_RECORDS_ERROR_USAGE, /* --received-country where it does not apply, or missing */
} TrRecordsError;

/* Dates are days since 1998-01-01 (the CyberTipline's first year) up to 2099-12-31. */
#define TR_RECORDS_FIRST_YEAR 1998
#define TR_RECORDS_LAST_YEAR 2099

/* Parses an ISO 8601 date "YYYY-MM-DD", optionally followed by 'T' or a space and a time
 * (with or without seconds, fraction and offset: 2023-12-31T23:59:59Z); the date is taken as
 * written, whatever the offset. Sets *day and returns TRUE; on failure returns FALSE and
 * sets *out_of_range when the text is a valid date outside the range above. */
gboolean tr_records_parse_date (const char *text, gsize len, guint16 *day,
                                gboolean *out_of_range);

/* The year of a day of tr_records_parse_date(). */
int tr_records_day_year (guint16 day);

/* Writes a day as YYYY-MM-DD into buf (at least 11 bytes). */
void tr_records_format_day (guint16 day, char *buf);

/* TRUE when `text` is a report identifier: 1 to 64 ASCII letters, digits, '-', '_', '.', ':'
 * or '/'. */
gboolean tr_records_valid_id (const char *text, gsize len);

typedef struct TrRecords TrRecords;

TrRecords *tr_records_new (const TrCountryTable *countries);
void tr_records_free (TrRecords *records);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrRecords, tr_records_free)

/* Adds one report of the sent list: `id` (valid, see tr_records_valid_id), made available to
 * `country` (a country of the table) on `day`; `line` is where it was read, for the message
 * of a second one. Returns FALSE, with *first_line the line of the first, when the report is
 * already there for that country. Must come before any tr_records_add_entry(). */
gboolean tr_records_add_sent (TrRecords *records, const char *id, gsize len,
                              const TrCountry *country, guint16 day, guint line,
                              guint *first_line);

/* What tr_records_add_entry() found. */
typedef enum {
  TR_ENTRY_MATCHED,      /* an entry of a report of the sent list */
  TR_ENTRY_OTHER_SOURCE, /* not in the sent list for that country */
  TR_ENTRY_EARLY,        /* dated before the report was made available: not counted;
                            *sent_day says when it was */
} TrEntryResult;

/* Adds one entry of the log: `id` logged for `country` on `day`. */
TrEntryResult tr_records_add_entry (TrRecords *records, const char *id, gsize len,
                                    const TrCountry *country, guint16 day, guint16 *sent_day);

/* Reads the sent list at `sent` and the intake log at `received` at once (the log in a thread
 * of its own), then matches them: each list sorted by (identifier, country), the two walked
 * together. Columns are found by their names (see docs/records.md): in the sent list, report
 * identifier, country, date made available, others read past; in the log, report
 * identifier, date received, and optionally country and case reference. Without a country
 * column every entry is for `country` (the log's country), or for the one country of the
 * sent list when `country` is NULL; with one, `country` must be NULL
 * (TR_RECORDS_ERROR_USAGE otherwise). Must be called once, on a TrRecords with no report
 * added. Returns FALSE with a TR_INPUT_ERROR naming file, line and column on any bad cell, a
 * missing or doubled column, a report twice for one country, an entry dated before its
 * report was made available, or a syntax error: an error of the sent list before any of the
 * log, and in each list the first in file order. */
gboolean tr_records_read (TrRecords *records, const char *sent, const char *received,
                          const TrCountry *country, GError **error);

/* The counts per country and year (TrRecordCounts), sorted by country code and year, every
 * country-year with a count above 0. Valid until the next tr_records_add_*(). */
const GArray *tr_records_counts (TrRecords *records);

/* The sums of the counts over every country-year. */
void tr_records_totals (TrRecords *records, guint64 totals[TR_N_COUNTS]);

/* The rows of the lists read: data rows of the sent list and of the log, and their names. */
guint64 tr_records_n_sent_rows (const TrRecords *records);
guint64 tr_records_n_received_rows (const TrRecords *records);
const char *tr_records_sent_name (const TrRecords *records);
const char *tr_records_received_name (const TrRecords *records);

/* Writes, as CSV (outcome,country,report_id,date_made_available,date_received,
 * case_reference), every entry of the log that is not of a report received once the same
 * year, in log order (the log is read again), then every report never received, in the
 * order of the sent list (read again when the lists were read by tr_records_read()). FALSE
 * with an error if a list cannot be read again or has changed. */
gboolean tr_records_write_details (TrRecords *records, FILE *out, GError **error);
