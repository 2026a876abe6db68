/* statement.h — what the documents say about their own figures: a file of statements (sums,
 * parts within a whole, equalities, bounds, printed ratios and changes, lists of subjects
 * with no figure), parsed with GLib's GScanner and checked against a dataset.
 *
 * The format is documented in docs/statements.md; in short, one statement is
 *
 *     ID ['(' SUBJECT ',' PERIOD ')'] ':' SIDE ('=' | '<=' | '>=') SIDE
 *
 * where a side is a dataset figure SOURCE[SUBJECT, PERIOD, MEASURE], a quoted figure
 * "42 596" @ SOURCE:LINE, sum(…), ratio(a, b), change(a, b), missing(SOURCE[*, PERIOD,
 * MEASURE]), none(SOURCE[*, PERIOD, MEASURE]) or a set of subjects {PT, ES}. A statement is checked on intervals (interval.h):
 * it fails only when no values its figures allow make it true; a figure missing from the
 * dataset, or a span whose yearly figures do not tile it, makes it "not checkable", never
 * zero and never a failure.
 *
 * Ownership: a TrStatementFile owns its statements and their strings; a TrStatementResult
 * owns its sentence and figures, and borrows strings from the file, the dataset and the
 * sources it was checked with. */
#pragma once

#include <glib.h>

#include "catalogue.h"
#include "dataset.h"
#include "interval.h"
#include "period.h"
#include "value.h"

#define TR_STATEMENT_ERROR (tr_statement_error_quark ())
GQuark tr_statement_error_quark (void);

typedef enum {
  TR_STATEMENT_ERROR_SYNTAX, /* "FILE:LINE:COLUMN: found …; expected …" */
  TR_STATEMENT_ERROR_FILE,   /* the file could not be read */
} TrStatementError;

/* The kinds, each with its own sentence. */
typedef enum {
  TR_STATEMENT_EQUAL,   /* a = b */
  TR_STATEMENT_SUM,     /* sum(a, b, …) = whole */
  TR_STATEMENT_PARTS,   /* sum(a, b, …) <= whole: parts within a whole */
  TR_STATEMENT_BOUND,   /* a <= b, a >= b */
  TR_STATEMENT_RATIO,   /* ratio(num, den) = "1,14 %" */
  TR_STATEMENT_CHANGE,  /* change(before, after) = "+12,3 %" */
  TR_STATEMENT_MISSING, /* missing(source[*, period, measure]) = {PT, ES} */
} TrStatementKind;

typedef enum {
  TR_STATEMENT_HOLDS,
  TR_STATEMENT_FAILS,
  TR_STATEMENT_NOT_CHECKABLE,
} TrStatementStatus;

/* "equal", "sum", "parts", "bound", "ratio", "change", "missing"; static. */
const char *tr_statement_kind_name (TrStatementKind kind);
/* "holds", "fails", "not_checkable"; static. */
const char *tr_statement_status_name (TrStatementStatus status);

/* One figure as the statement names it. */
typedef struct {
  gboolean quoted;        /* TRUE: a printed figure with its citation; FALSE: a dataset key */
  char *source;           /* source identity ("table7", "com740-t6-remarks") */
  /* quoted */
  char *printed;          /* as quoted, e.g. "42 596", "1,14 %" */
  guint cited_line;       /* line of the cited document */
  gboolean percent;       /* a printed percentage ("1,14 %"): `interval` is in percent */
  TrValue value;          /* a count: as tr_number_parse() read it */
  TrInterval interval;    /* the values the printed figure allows */
  /* dataset key */
  char *subject;          /* as written ("BG", "Google"); NULL for '*' */
  TrPeriod period;
  char *measure;
  /* where the figure is written in the statements file */
  guint line, column;
  guint source_line, source_column;   /* where its source identity is written */
  guint subject_line, subject_column; /* where its subject is written (a dataset figure) */
} TrStatementFigure;

typedef enum {
  TR_SIDE_FIGURE,  /* one figure */
  TR_SIDE_SUM,     /* sum(figures…) */
  TR_SIDE_RATIO,   /* ratio(num, den) */
  TR_SIDE_CHANGE,  /* change(before, after) */
  TR_SIDE_MISSING, /* missing(source[*, period, measure]): no figure for some year of it */
  TR_SIDE_SET,     /* {subject, …} */
} TrSideKind;

typedef struct {
  TrSideKind kind;
  GPtrArray *figures;     /* TrStatementFigure *: one, the parts, num and den, before and
                             after, or the key of `missing` */
  GPtrArray *subjects;    /* char *, for a set */
  gboolean none;          /* missing: written none(…), no figure for any year of the period */
  char *cite_source;      /* a set's citation: source identity and line, or NULL */
  guint cite_line;
  guint cite_source_line, cite_source_column; /* where that identity is written */
} TrStatementSide;

typedef enum {
  TR_RELATION_EQUAL,
  TR_RELATION_AT_MOST,
  TR_RELATION_AT_LEAST,
} TrRelation;

typedef struct {
  char *id;
  TrStatementKind kind;
  TrStatementSide left, right;
  TrRelation relation;
  char *subject;          /* "ID (SUBJECT, PERIOD):" — what a statement of quoted figures
                             only is about, for the outputs; NULL when not written */
  TrPeriod period;        /* with `subject` */
  guint subject_line, subject_column;
  const char *file;       /* the statements file, as given (the file's own string) */
  guint line, column;     /* where the statement starts */
  const char *identity;   /* interned identity of its file for fingerprints: "user:NAME"
                             (NAME without directories) unless set otherwise
                             (tr_statement_file_set_identity); a table's own total, the
                             identity of its table */
} TrStatement;

typedef struct {
  char *path;             /* as given */
  GPtrArray *statements;  /* TrStatement *, in file order */
} TrStatementFile;

/* Parses statements from `text` (`length` bytes, or up to NUL when -1); `name` is used in
 * messages and provenance. Returns NULL with a TR_STATEMENT_ERROR_SYNTAX error whose message
 * is "NAME:LINE:COLUMN: found …; expected …" (the first error only). Two statements with one
 * id, a quoted figure tr_number_parse() refuses, a percentage that is not one, an unknown
 * period, a ratio or change not compared with '=' to a percentage, or a set not compared to
 * missing(…) are errors too. */
TrStatementFile *tr_statement_file_parse (const char *name, const char *text, gssize length,
                                          GError **error);
/* Checks that every source identity of `file` names a source of `catalogue` (a user's file
 * by "user:LABEL" or its label) and every subject a country or organisation of `countries`.
 * Returns FALSE with a TR_STATEMENT_ERROR_SYNTAX error "NAME:LINE:COLUMN: found 'tabel7';
 * expected …" on the first that does not. */
gboolean tr_statement_file_resolve (const TrStatementFile *file, const TrCatalogue *catalogue,
                                    const TrCountryTable *countries, GError **error);
/* What the tables say by their own layout: for every figure a table prints for a span of
 * whole years ("2022-2024") beside a figure for each of its years, the statement that the
 * yearly figures add up to it (kind sum), placed at the span's cell. Every source identity is
 * an observation's own (catalogue.h), so the file needs no resolving. The file's path is a
 * description, not a file. */
TrStatementFile *tr_statement_file_of_periods (const TrDataset *dataset);
/* Adds each quoted figure that is one side of a statement of `file` on its own (an equality,
 * a bound, or the whole of a sum) to `dataset` through tr_dataset_add(), as an observation of
 * its source (series: the source's identity, "com740-t6-remarks") about the subject, period
 * and measure of the statement's first dataset figure, its provenance the document's citation
 * and line (column 0): "42 596" @ com740-t6-remarks:288 is BG, 2022-2024, reports. Quoted
 * parts of a sum, ratios and changes, figures of no subject, and a key already held are left
 * out, and so are the figures of a source that is read (a table gives its own). Returns how
 * many were added. */
guint tr_statement_file_add_quoted (const TrStatementFile *file, TrDataset *dataset,
                                    const TrCatalogue *catalogue,
                                    const TrCountryTable *countries);
/* Sets the identity the fingerprints of `file`'s statements use (the bundled statements:
 * "bundled:statements.txt"), so that it does not depend on where the file is. */
void tr_statement_file_set_identity (TrStatementFile *file, const char *identity);
/* Reads and parses the file at `path`. */
TrStatementFile *tr_statement_file_load (const char *path, GError **error);
void tr_statement_file_free (TrStatementFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrStatementFile, tr_statement_file_free)

/* One figure as checked: its interval and where it comes from. */
typedef struct {
  const char *role;       /* "left", "right" */
  const char *citation;   /* the source's citation, or its identity when not declared */
  gboolean quoted;
  char *printed;          /* the figure as a sentence writes it ("80 347", "about 254 500",
                             "1,14 %"); newly allocated */
  const char *subject;    /* the subject's code, or NULL (quoted figure, set) */
  TrPeriod period;        /* dataset figure */
  const char *measure;    /* dataset figure, or NULL */
  TrWhere where;          /* the dataset cell, or for a quoted figure the cited document
                             (file = citation, line = its line, column 0) */
} TrCheckedFigure;

typedef struct {
  const TrStatement *statement;
  TrStatementStatus status;
  char *sentence;          /* one plain sentence; newly allocated */
  GArray *figures;         /* TrCheckedFigure, every figure of both sides (yearly figures of
                              a span one by one) */
  const TrCountry *subject; /* the subject of the first dataset figure, else the one the
                              statement names, or NULL */
  int year;                /* the first year of its period (or of the statement's), or 0 */
  TrPeriod period;         /* that period itself (a year, a part of one, a span); months 0
                              when year is 0 */
  const char *measure;     /* its measure, or NULL */
  gboolean has_counts;     /* the two figures compared, as counts (a side's sum; for a
                              ratio or change its two arguments), for the evidence: */
  const char *left_name, *right_name; /* "left"/"right", "numerator"/"denominator",
                              "before"/"after" */
  gint64 left_count, right_count;
} TrStatementResult;

void tr_statement_result_free (TrStatementResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrStatementResult, tr_statement_result_free)

/* Checks one statement against `dataset`. A source identity is looked up in `catalogue`
 * (a user's file by its identity "user:LABEL" or by its label alone); a dataset figure is an
 * observation read from that source. An identity the catalogue lacks is cited as itself and
 * has no figure. Never fails: a statement that cannot be decided is
 * TR_STATEMENT_NOT_CHECKABLE with a sentence that says why. */
TrStatementResult *tr_statement_check (const TrStatement *statement, const TrDataset *dataset,
                                       const TrCountryTable *countries,
                                       const TrCatalogue *catalogue);
