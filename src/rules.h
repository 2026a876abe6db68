/* rules.h — the anomaly rules: one catalogue, configurable thresholds, explained findings.
 *
 * The catalogue (tr_rules_catalogue()) is the single table that --list-rules, the docs and
 * the tests read: identifier, default severity, what it flags, and its parameters with their
 * defaults. A GLib key file (--config) overrides parameters per rule:
 *
 *     [COVERAGE_LOW]
 *     threshold = 0.4
 *     enabled = false
 *
 * Ownership: tr_rules_run() returns a GPtrArray owning its TrAnomaly entries (messages,
 * evidence, provenance); anomalies borrow countries and strings from the dataset. */
#pragma once

#include <glib.h>

#include "match.h"
#include "notes.h"
#include "statement.h"

typedef enum {
  TR_SEVERITY_INFO,
  TR_SEVERITY_WARNING,
  TR_SEVERITY_CRITICAL,
} TrSeverity;

/* "info", "warning", "critical". */
const char *tr_severity_name (TrSeverity severity);
/* Parses a severity name; FALSE when unknown. */
gboolean tr_severity_parse (const char *name, TrSeverity *out);

#define TR_RULE_MAX_PARAMS 3

typedef struct {
  const char *key;      /* name in the config file */
  double value;         /* default */
  const char *meaning;  /* one line for --list-rules */
  double min, max;      /* the values a config file may set: from min (excluded when
                           min_open) to max, always finite */
  gboolean min_open;
  gboolean whole;       /* TRUE: a whole number (a count of years, of reports) */
  const char *expected; /* those bounds in words, for error messages */
} TrRuleParam;

typedef struct TrRule TrRule;

/* Rule identifiers, in catalogue order. */
typedef enum {
  TR_RULE_COVERAGE_LOW,
  TR_RULE_COVERAGE_EXCESS,
  TR_RULE_DECLARED_MISSING,
  TR_RULE_REFERENCE_MISSING,
  TR_RULE_IDENTICAL_FIGURES,
  TR_RULE_NEAR_IDENTICAL,
  TR_RULE_DIGIT_TRANSPOSITION,
  TR_RULE_YOY_JUMP,
  TR_RULE_TREND_DIVERGENCE,
  TR_RULE_COVERAGE_OUTLIER,
  TR_RULE_TOTAL_MISMATCH,
  TR_RULE_BREAKDOWN_MISMATCH,
  TR_RULE_SERIES_BREAK,
  TR_RULE_CLAIM_MISMATCH,
  TR_N_RULES,
} TrRuleId;

struct TrRule {
  TrRuleId id;
  const char *name;        /* stable identifier, e.g. "COVERAGE_LOW" */
  TrSeverity severity;     /* default severity */
  const char *summary;     /* what it flags, one line */
  TrRuleParam params[TR_RULE_MAX_PARAMS]; /* key NULL ends the list */
};

/* The catalogue: TR_N_RULES rules, in order. Static. */
const TrRule *tr_rules_catalogue (void);

/* Thresholds in force: defaults, overridden by a config file. A plain value struct. */
typedef struct {
  gboolean enabled[TR_N_RULES];
  double params[TR_N_RULES][TR_RULE_MAX_PARAMS];
} TrRuleConfig;

/* The defaults of the catalogue. */
void tr_rule_config_init (TrRuleConfig *config);
/* Applies a key file; unknown groups, keys, values outside a parameter's bounds (non-finite
 * ones included) and a COVERAGE_LOW critical threshold above its warning threshold are
 * errors naming the file, the group, the key and the value: "rules.ini: [YOY_JUMP] factor =
 * 1; expected a ratio greater than 1 and at most 2^53". */
gboolean tr_rule_config_load (TrRuleConfig *config, const char *path, GError **error);
/* The same from a key file already read; `name` is used in messages. */
gboolean tr_rule_config_apply (TrRuleConfig *config, GKeyFile *file, const char *name,
                               GError **error);

typedef struct {
  const char *name;  /* "reference", "declared", "gap", "published", "sum", … */
  gboolean is_count; /* TRUE: `count`; FALSE: `number` (a ratio or statistic) */
  gint64 count;
  double number;
} TrEvidence;

typedef struct {
  const char *role;  /* "reference", "declared", "total", "note", … */
  TrWhere where;
  const TrObservation *observation; /* the figure at `where` (the dataset's), or NULL (a
                                       note, a remark, a statement) */
  const char *identity; /* interned identity of its source for the fingerprint
                           (tr_fingerprint_identity), or NULL when it takes no part in it */
} TrProvenanceRef;

typedef struct {
  const TrRule *rule;
  TrSeverity severity;
  const TrCountry *country;  /* NULL for a table-wide finding (a total) */
  int year;                  /* the year it is filed under: its period's first year, or 0 */
  TrPeriod period;           /* the period it is about: a calendar year, or a part of a year
                                or a span of years (a total printed for H1 2024, a statement
                                on 2022-2024); months 0 when year is 0 */
  const char *measure;
  const char *source;        /* the series concerned, where one; else NULL */
  char *message;             /* one plain-English sentence */
  GArray *evidence;          /* TrEvidence */
  GArray *provenance;        /* TrProvenanceRef */
  char *fingerprint;         /* 64 hex digits (fingerprint.h): rule, subject, year, measure
                                and the identities of the provenance; a statement's: its
                                file's identity and its id */
  const char *since;         /* with a run history: "new" or "persisting" since the previous
                                run of the same parameters (static strings); else NULL */
} TrAnomaly;

/* Runs every enabled rule over the whole comparison (all of rec's pairs, every year), then
 * keeps the anomalies rec's filter shows: a filter never changes what is found, only what is
 * shown. The result is sorted: severity (critical first), rule, country, year. `notes` may be
 * NULL. */
GPtrArray *tr_rules_run (const TrReconciliation *rec, const GPtrArray *notes,
                         const TrRuleConfig *config);

/* Adds to `anomalies` (as tr_rules_run() returned it) one CLAIM_MISMATCH for each failed
 * statement among `results` (TrStatementResult *) that rec's filter shows, when the rule is
 * enabled, and sorts the list again. The anomaly's sentence is the statement's; its
 * provenance is the statement's line ("statement") and every figure of both sides ("left",
 * "right"); its country is the subject of the first dataset figure when that is a country. */
void tr_rules_add_statements (GPtrArray *anomalies, const TrReconciliation *rec,
                              const GPtrArray *results, const TrRuleConfig *config);

/* TRUE when rec's filter shows the statement `result` (its subject and year, as for its
 * CLAIM_MISMATCH): a statement about no subject is always shown. */
gboolean tr_rules_statement_shown (const TrReconciliation *rec,
                                   const TrStatementResult *result);

/* Writes n with a space between groups of three digits ("1 503 431"), into buf. */
const char *tr_format_count (gint64 n, char *buf, gsize size);

/* How tr_format_value prints a figure: in a table cell, or inside a sentence. */
typedef enum {
  TR_VALUE_CELL,  /* "10 130", "~3 600 000", ">5 800", "<10"; missing: "missing" */
  TR_VALUE_WORDS, /* "10 130", "about 3 600 000", "more than 5 800", "fewer than 10";
                     missing: "no figure (not reported)" */
} TrValueStyle;

/* Every figure any output prints (count, sum, gap) goes through here, so that an inexact
 * figure never prints as a plain, exact-looking number. Writes into buf and returns it. */
const char *tr_format_value (const TrValue *value, TrValueStyle style, char *buf, gsize size);
/* The mark or words put before a figure or a ratio of that qualifier ("~" / "about ", ">" /
 * "more than ", "<" / "fewer than "; "" when exact). Static strings. */
const char *tr_qualifier_mark (TrQualifier qualifier, TrValueStyle style);
/* The words put before a percentage of that qualifier in a sentence: "about ", "over ",
 * "under " ("" when exact). Static strings. */
const char *tr_share_mark (TrQualifier qualifier);
/* A measure in words for a sentence ("children_identified" -> "children identified").
 * Newly allocated. */
char *tr_measure_words (const char *measure);
/* The English possessive of a name: "Poland's", "the Netherlands'". Newly allocated. */
char *tr_possessive (const char *name);
