/* rules.c — the anomaly catalogue and the checks behind each rule. */
#include "config.h"

#include "rules.h"

#include <math.h>
#include <string.h>

#include "fingerprint.h"
#include "input-error.h"
#include "records-source.h"

/* The largest value any parameter takes: a count's bound (2^53), so that every parameter
 * compares exactly with a count and converts to an integer without overflow. */
#define MAX_PARAM 9007199254740992.0

/* The catalogue: the single place where rules, defaults, parameters and their bounds are
 * written down. */
static const TrRule catalogue[TR_N_RULES] = {
  { TR_RULE_COVERAGE_LOW, "COVERAGE_LOW", TR_SEVERITY_WARNING,
    "declared figure far below NCMEC's: coverage (declared / reference) under the threshold",
    { { "threshold", 0.5, "coverage below this is a warning", 0, 1, TRUE, FALSE,
        "a coverage ratio greater than 0 and at most 1" },
      { "critical", 0.1, "coverage below this is critical", 0, 1, FALSE, FALSE,
        "a coverage ratio from 0 (never critical) to 1" } } },
  { TR_RULE_COVERAGE_EXCESS, "COVERAGE_EXCESS", TR_SEVERITY_WARNING,
    "declared figure well above NCMEC's: coverage over the threshold",
    { { "threshold", 1.5, "coverage above this is a warning", 1, MAX_PARAM, FALSE, FALSE,
        "a coverage ratio of at least 1 and at most 2^53" } } },
  { TR_RULE_DECLARED_MISSING, "DECLARED_MISSING", TR_SEVERITY_WARNING,
    "NCMEC has a figure for the country and year, the Member State declared none", { { 0 } } },
  { TR_RULE_REFERENCE_MISSING, "REFERENCE_MISSING", TR_SEVERITY_INFO,
    "the Member State declared a figure, NCMEC's table has none", { { 0 } } },
  { TR_RULE_IDENTICAL_FIGURES, "IDENTICAL_FIGURES", TR_SEVERITY_INFO,
    "declared figure exactly equal to NCMEC's: copied rather than counted?", { { 0 } } },
  { TR_RULE_NEAR_IDENTICAL, "NEAR_IDENTICAL", TR_SEVERITY_INFO,
    "declared figure within a hair of NCMEC's, but not equal",
    { { "tolerance", 0.001, "largest |declared - reference| / reference still called near", 0,
        1, TRUE, FALSE, "a fraction greater than 0 and at most 1" } } },
  { TR_RULE_DIGIT_TRANSPOSITION, "DIGIT_TRANSPOSITION", TR_SEVERITY_WARNING,
    "declared figure has NCMEC's digits with exactly two of them swapped: a typing error?",
    { { 0 } } },
  { TR_RULE_YOY_JUMP, "YOY_JUMP", TR_SEVERITY_WARNING,
    "a series multiplies or divides by the factor or more from one year to the next",
    { { "factor", 3.0, "smallest change, as a ratio, that is a jump", 1, MAX_PARAM, TRUE, FALSE,
        "a ratio greater than 1 and at most 2^53" },
      { "minimum", 100.0, "both figures must be at least this", 0, MAX_PARAM, FALSE, TRUE,
        "a whole count from 0 to 2^53" } } },
  { TR_RULE_TREND_DIVERGENCE, "TREND_DIVERGENCE", TR_SEVERITY_INFO,
    "over the years, NCMEC's and the declared series move in opposite directions",
    { { "min_years", 3.0, "fewest years with both figures", 2, 200, FALSE, TRUE,
        "a whole number of years from 2 to 200" },
      { "change_pct", 10.0, "each series must change by more than this percentage", 0,
        MAX_PARAM, FALSE, FALSE, "a percentage of 0 or more, at most 2^53" } } },
  { TR_RULE_COVERAGE_OUTLIER, "COVERAGE_OUTLIER", TR_SEVERITY_WARNING,
    "a country's coverage far from the other countries' that year (robust z of log2 coverage)",
    { { "z", 3.5, "smallest |robust z| that is an outlier", 0, MAX_PARAM, TRUE, FALSE,
        "a robust z-score greater than 0 and at most 2^53" } } },
  { TR_RULE_TOTAL_MISMATCH, "TOTAL_MISMATCH", TR_SEVERITY_CRITICAL,
    "a published total differs from the sum of the rows it totals", { { 0 } } },
  { TR_RULE_BREAKDOWN_MISMATCH, "BREAKDOWN_MISMATCH", TR_SEVERITY_WARNING,
    "parts (girls/boys/unknown) that do not add up to the total printed beside them",
    { { 0 } } },
  { TR_RULE_SERIES_BREAK, "SERIES_BREAK", TR_SEVERITY_INFO,
    "a remark marks a change of method, source or scope, a provisional figure or a one-off",
    { { 0 } } },
  { TR_RULE_CLAIM_MISMATCH, "CLAIM_MISMATCH", TR_SEVERITY_WARNING,
    "a statement about figures (a sum, a part, a ratio, a change) that no value they allow "
    "makes true",
    { { 0 } } },
};

const TrRule *
tr_rules_catalogue (void)
{
  return catalogue;
}

const char *
tr_severity_name (TrSeverity severity)
{
  static const char *const names[] = { "info", "warning", "critical" };
  return names[severity];
}

gboolean
tr_severity_parse (const char *name, TrSeverity *out)
{
  for (int s = TR_SEVERITY_INFO; s <= TR_SEVERITY_CRITICAL; s++)
    if (strcmp (name, tr_severity_name ((TrSeverity) s)) == 0)
      {
        *out = (TrSeverity) s;
        return TRUE;
      }
  return FALSE;
}

void
tr_rule_config_init (TrRuleConfig *config)
{
  memset (config, 0, sizeof *config);
  for (int r = 0; r < TR_N_RULES; r++)
    {
      config->enabled[r] = TRUE;
      for (int p = 0; p < TR_RULE_MAX_PARAMS && catalogue[r].params[p].key != NULL; p++)
        config->params[r][p] = catalogue[r].params[p].value;
    }
}

gboolean
tr_rule_config_load (TrRuleConfig *config, const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) inner = NULL;
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &inner))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, path, 0, 0, "cannot read the configuration: %s",
                          inner->message);
      return FALSE;
    }
  return tr_rule_config_apply (config, file, path, error);
}

/* TRUE when `value` is within the bounds of `param`. */
static gboolean
param_in_bounds (const TrRuleParam *param, double value)
{
  return isfinite (value) && (param->min_open ? value > param->min : value >= param->min)
         && value <= param->max && (!param->whole || value == floor (value));
}

/* A parameter's value as a config file may have written it: "0.3", "0.3 (the default)". */
static char *
shown_value (const TrRuleConfig *config, const gboolean set[TR_N_RULES][TR_RULE_MAX_PARAMS],
             int r, int p)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (number, sizeof number, "%g", config->params[r][p]);
  return g_strdup_printf ("%s%s", number, set[r][p] ? "" : " (the default)");
}

gboolean
tr_rule_config_apply (TrRuleConfig *config, GKeyFile *file, const char *path, GError **error)
{
  gboolean set[TR_N_RULES][TR_RULE_MAX_PARAMS] = { { FALSE } };
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);
  for (char **group = groups; *group != NULL; group++)
    {
      int r = 0;
      while (r < TR_N_RULES && strcmp (catalogue[r].name, *group) != 0)
        r++;
      if (r == TR_N_RULES)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, 0, 0,
                              "found the group [%s]; expected a rule name (see --list-rules)",
                              *group);
          return FALSE;
        }
      g_auto (GStrv) keys = g_key_file_get_keys (file, *group, NULL, NULL);
      for (char **key = keys; *key != NULL; key++)
        {
          g_autoptr (GError) bad = NULL;
          g_autofree char *raw = g_key_file_get_value (file, *group, *key, NULL);
          g_autofree char *shown = tr_input_excerpt (raw, 60);
          if (strcmp (*key, "enabled") == 0)
            {
              config->enabled[r] = g_key_file_get_boolean (file, *group, *key, &bad);
              if (bad == NULL)
                continue;
              tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, 0, 0,
                                  "[%s] enabled = %s; expected true or false", *group, shown);
              return FALSE;
            }
          int p = 0;
          while (p < TR_RULE_MAX_PARAMS && catalogue[r].params[p].key != NULL
                 && strcmp (catalogue[r].params[p].key, *key) != 0)
            p++;
          if (p == TR_RULE_MAX_PARAMS || catalogue[r].params[p].key == NULL)
            {
              tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, 0, 0,
                                  "found [%s] %s; expected enabled or a parameter that "
                                  "--list-rules names",
                                  *group, *key);
              return FALSE;
            }
          const TrRuleParam *param = &catalogue[r].params[p];
          double value = g_key_file_get_double (file, *group, *key, &bad);
          if (bad != NULL || !param_in_bounds (param, value))
            {
              tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, 0, 0,
                                  "[%s] %s = %s; expected %s", *group, *key, shown,
                                  param->expected);
              return FALSE;
            }
          config->params[r][p] = value;
          set[r][p] = TRUE;
        }
    }
  /* A coverage below `critical` is critical, below `threshold` a warning: a critical
   * threshold above the warning one would leave no warning and say nothing. */
  const int low = TR_RULE_COVERAGE_LOW;
  if (config->params[low][1] > config->params[low][0])
    {
      g_autofree char *critical = shown_value (config, set, low, 1);
      g_autofree char *threshold = shown_value (config, set, low, 0);
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, path, 0, 0,
                          "[COVERAGE_LOW] critical = %s is above threshold = %s; expected "
                          "threshold (coverage below which a figure is a warning) to be at "
                          "least critical (below which it is critical)",
                          critical, threshold);
      return FALSE;
    }
  return TRUE;
}

const char *
tr_format_count (gint64 n, char *buf, gsize size)
{
  char digits[32];
  g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, n < 0 ? -n : n);
  gsize len = strlen (digits);
  GString *out = g_string_new (n < 0 ? "-" : "");
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, digits[i]);
    }
  g_strlcpy (buf, out->str, size);
  g_string_free (out, TRUE);
  return buf;
}

const char *
tr_qualifier_mark (TrQualifier qualifier, TrValueStyle style)
{
  static const char *const cell[] = {
    [TR_QUALIFIER_EXACT] = "", [TR_QUALIFIER_APPROXIMATE] = "~",
    [TR_QUALIFIER_LOWER_BOUND] = ">", [TR_QUALIFIER_UPPER_BOUND] = "<",
  };
  static const char *const words[] = {
    [TR_QUALIFIER_EXACT] = "", [TR_QUALIFIER_APPROXIMATE] = "about ",
    [TR_QUALIFIER_LOWER_BOUND] = "more than ", [TR_QUALIFIER_UPPER_BOUND] = "fewer than ",
  };
  return style == TR_VALUE_CELL ? cell[qualifier] : words[qualifier];
}

const char *
tr_share_mark (TrQualifier qualifier)
{
  static const char *const words[] = {
    [TR_QUALIFIER_EXACT] = "", [TR_QUALIFIER_APPROXIMATE] = "about ",
    [TR_QUALIFIER_LOWER_BOUND] = "over ", [TR_QUALIFIER_UPPER_BOUND] = "under ",
  };
  return words[qualifier];
}

const char *
tr_format_value (const TrValue *value, TrValueStyle style, char *buf, gsize size)
{
  if (!value->present)
    {
      if (style == TR_VALUE_CELL)
        g_strlcpy (buf, "missing", size);
      else
        {
          g_autofree char *reason = g_strdelimit (g_strdup (tr_missing_name (value->missing)),
                                                  "_", ' ');
          g_snprintf (buf, size, "no figure (%s)", reason);
        }
      return buf;
    }
  char n[48];
  tr_format_count (value->count, n, sizeof n);
  g_snprintf (buf, size, "%s%s", tr_qualifier_mark (value->qualifier, style), n);
  return buf;
}

char *
tr_measure_words (const char *measure)
{
  return g_strdelimit (g_strdup (measure), "_", ' ');
}

char *
tr_possessive (const char *name)
{
  return g_str_has_suffix (name, "s") ? g_strconcat (name, "'", NULL)
                                      : g_strconcat (name, "'s", NULL);
}

/* ---- building anomalies ------------------------------------------------------------------ */

typedef struct {
  const TrReconciliation *rec;
  const GPtrArray *notes;
  const TrRuleConfig *config;
  GPtrArray *out;
} Run;

static void
anomaly_free (gpointer data)
{
  TrAnomaly *a = data;
  g_free (a->message);
  g_array_unref (a->evidence);
  g_array_unref (a->provenance);
  g_free (a->fingerprint);
  g_free (a);
}

static TrAnomaly *
add (Run *run, TrRuleId rule, TrSeverity severity, const TrCountry *country, int year,
     const char *measure, const char *source, char *message)
{
  TrAnomaly *a = g_new0 (TrAnomaly, 1);
  a->rule = &catalogue[rule];
  a->severity = severity;
  a->country = country;
  a->year = year;
  if (year != 0)
    a->period = tr_period_year (year);
  a->measure = measure;
  a->source = source;
  a->message = message;
  a->evidence = g_array_new (FALSE, FALSE, sizeof (TrEvidence));
  a->provenance = g_array_new (FALSE, FALSE, sizeof (TrProvenanceRef));
  g_ptr_array_add (run->out, a);
  return a;
}

static void
evidence_count (TrAnomaly *a, const char *name, gint64 count)
{
  TrEvidence e = { name, TRUE, count, 0 };
  g_array_append_val (a->evidence, e);
}

/* Adds a figure an anomaly used. A non-finite number is no figure and is never recorded: a
 * rule that cannot state a ratio says so in its sentence (see check_jumps), and no output
 * then has an infinity or a NaN to print. */
static void
evidence_number (TrAnomaly *a, const char *name, double number)
{
  if (!isfinite (number))
    return;
  TrEvidence e = { name, FALSE, 0, number };
  g_array_append_val (a->evidence, e);
}

static void
provenance (TrAnomaly *a, const char *role, const TrObservation *obs)
{
  if (obs == NULL)
    return;
  TrProvenanceRef p = { role, obs->where, obs,
                        obs->origin != NULL ? tr_fingerprint_identity (obs->origin) : NULL };
  g_array_append_val (a->provenance, p);
}

/* Sets a->fingerprint from its rule, subject, year and measure and the identities of its
 * provenance (fingerprint.h); `detail` tells apart findings of one rule on one key. */
static void
fingerprint (TrAnomaly *a, const char *detail)
{
  g_autoptr (GPtrArray) identities = g_ptr_array_new ();
  for (guint k = 0; k < a->provenance->len; k++)
    {
      const TrProvenanceRef *p = &g_array_index (a->provenance, TrProvenanceRef, k);
      if (p->identity != NULL)
        g_ptr_array_add (identities, (gpointer) p->identity);
    }
  g_ptr_array_add (identities, NULL);
  g_free (a->fingerprint);
  a->fingerprint = tr_fingerprint_compute (a->rule->name,
                                           a->country != NULL ? a->country->code : NULL,
                                           a->year, a->measure,
                                           (const char *const *) identities->pdata, detail);
}

/* The figures and sources of a pair. */
static void
pair_evidence (TrAnomaly *a, const TrPair *pair)
{
  if (pair->reference != NULL && pair->reference->value.present)
    evidence_count (a, "reference", pair->reference->value.count);
  if (pair->declared != NULL && pair->declared->value.present)
    evidence_count (a, "declared", pair->declared->value.count);
  if (pair->matched)
    evidence_count (a, "gap", pair->gap);
  if (pair->coverage.defined)
    evidence_number (a, "coverage", pair->coverage.value);
  provenance (a, "reference", pair->reference);
  provenance (a, "declared", pair->declared);
}

static double
param (const Run *run, TrRuleId rule, int p)
{
  return run->config->params[rule][p];
}

static const char *
country_name (const TrCountry *c)
{
  return c != NULL ? c->name_en : "the table";
}

/* ---- the rules --------------------------------------------------------------------------- */

/* A bound allows any value on one side: a coverage computed from it is only a bound too.
 * TRUE when the true coverage may be above (`above`) or below the computed one. */
static gboolean
coverage_may_be (const TrPair *pair, gboolean above)
{
  TrQualifier d = pair->declared->value.qualifier, r = pair->reference->value.qualifier;
  return above ? d == TR_QUALIFIER_LOWER_BOUND || r == TR_QUALIFIER_UPPER_BOUND
               : d == TR_QUALIFIER_UPPER_BOUND || r == TR_QUALIFIER_LOWER_BOUND;
}

static void
check_coverage (Run *run, const TrPair *pair)
{
  if (!pair->coverage.defined)
    return;
  gint64 ref = pair->reference->value.count, decl = pair->declared->value.count;
  char r[64], d[64], pct[48];
  tr_format_value (&pair->reference->value, TR_VALUE_WORDS, r, sizeof r);
  tr_format_value (&pair->declared->value, TR_VALUE_WORDS, d, sizeof d);
  /* The percentage is as sure as its figures: "under 1.0 %" from "fewer than 10". */
  const char *pct_word = coverage_may_be (pair, FALSE) ? "under "
                         : coverage_may_be (pair, TRUE) ? "over "
                         : pair->declared->value.qualifier == TR_QUALIFIER_APPROXIMATE
                                 || pair->reference->value.qualifier == TR_QUALIFIER_APPROXIMATE
                             ? "about "
                             : "";
  tr_format_share (decl, ref, pct, sizeof pct);
  g_autofree char *what = tr_measure_words (pair->reference->measure);
  double low = param (run, TR_RULE_COVERAGE_LOW, 0), critical = param (run, TR_RULE_COVERAGE_LOW, 1);
  /* A coverage that may be higher than computed (declared "more than …") is no sure
   * shortfall, nor one that may be lower a sure excess. */
  if (run->config->enabled[TR_RULE_COVERAGE_LOW] && pair->coverage.value < low
      && !coverage_may_be (pair, TRUE))
    {
      char gap[48];
      tr_format_count (pair->gap, gap, sizeof gap);
      TrSeverity severity
          = pair->coverage.value < critical ? TR_SEVERITY_CRITICAL : TR_SEVERITY_WARNING;
      TrAnomaly *a = add (run, TR_RULE_COVERAGE_LOW, severity, pair->country, pair->year,
                          pair->reference->measure, NULL,
                          g_strdup_printf ("%s declared %s %s for %d, %s%s %% of the %s "
                                           "that %s sent it: %s%s %s are not accounted for.",
                                           country_name (pair->country), d, what, pair->year,
                                           pct_word, pct, r, run->rec->reference_label,
                                           strcmp (pct_word, "under ") == 0 ? "more than "
                                                                             : pct_word,
                                           gap, what));
      pair_evidence (a, pair);
    }
  double excess = param (run, TR_RULE_COVERAGE_EXCESS, 0);
  if (run->config->enabled[TR_RULE_COVERAGE_EXCESS] && pair->coverage.value > excess
      && !coverage_may_be (pair, FALSE))
    {
      TrAnomaly *a = add (run, TR_RULE_COVERAGE_EXCESS, TR_SEVERITY_WARNING, pair->country,
                          pair->year, pair->reference->measure, NULL,
                          g_strdup_printf ("%s declared %s %s for %d, %s%s %% of the %s "
                                           "that %s sent it: more than %s alone sent, so "
                                           "the figure counts other sources or counts "
                                           "differently.",
                                           country_name (pair->country), d, what, pair->year,
                                           pct_word, pct, r, run->rec->reference_label,
                                           run->rec->reference_label));
      pair_evidence (a, pair);
    }
}

/* TRUE when the declared source has a row for the country in some year. */
static gboolean
has_declared_row (const TrReconciliation *rec, const TrCountry *country)
{
  for (guint i = 0; i < rec->all_pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (rec->all_pairs, i);
      if (p->country == country && p->declared != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
check_missing (Run *run, const TrPair *pair)
{
  char n[48];
  if ((pair->status == TR_STATUS_DECLARED_MISSING || pair->status == TR_STATUS_REFERENCE_ONLY)
      && pair->reference != NULL && pair->reference->value.present
      && run->config->enabled[TR_RULE_DECLARED_MISSING])
    {
      TrMissing missing = pair->declared != NULL ? pair->declared->value.missing
                                                 : TR_MISSING_NONE;
      const char *why = missing == TR_MISSING_PART_OF_YEAR
                            ? "only figures for parts of the year that do not make it up, "
                              "which are not comparable with the year"
                        : missing == TR_MISSING_OTHER_PERIOD
                            ? "only a figure for a longer or another period that covers it, "
                              "such as several years together or a fiscal year, which is "
                              "not comparable with the year"
                        : pair->declared != NULL ? tr_missing_name (pair->declared->value.missing)
                        : has_declared_row (run->rec, pair->country)
                            ? "its row has no figure for that year"
                            : "its row is absent";
      g_autofree char *reason = g_strdelimit (g_strdup (why), "_", ' ');
      g_autofree char *what = tr_measure_words (pair->reference->measure);
      TrAnomaly *a = add (run, TR_RULE_DECLARED_MISSING, TR_SEVERITY_WARNING, pair->country,
                          pair->year, pair->reference->measure, NULL,
                          g_strdup_printf ("%s declared no figure for %d (%s), although %s "
                                           "sent it %s %s.",
                                           country_name (pair->country), pair->year, reason,
                                           run->rec->reference_label,
                                           tr_format_value (&pair->reference->value, TR_VALUE_WORDS, n,
                                                            sizeof n),
                                           what));
      pair_evidence (a, pair);
    }
  if ((pair->status == TR_STATUS_REFERENCE_MISSING || pair->status == TR_STATUS_DECLARED_ONLY)
      && pair->declared != NULL && pair->declared->value.present
      && run->config->enabled[TR_RULE_REFERENCE_MISSING])
    {
      g_autofree char *what = tr_measure_words (pair->declared->measure);
      TrAnomaly *a = add (run, TR_RULE_REFERENCE_MISSING, TR_SEVERITY_INFO, pair->country,
                          pair->year, pair->declared->measure, NULL,
                          g_strdup_printf ("%s declared %s %s for %d, but the reference "
                                           "has no figure to compare it with.",
                                           country_name (pair->country),
                                           tr_format_value (&pair->declared->value, TR_VALUE_WORDS, n,
                                                            sizeof n),
                                           what,
                                           pair->year));
      pair_evidence (a, pair);
    }
}

/* TRUE when a and b have the same digits with exactly two positions swapped. */
static gboolean
is_transposition (gint64 a, gint64 b)
{
  char x[32], y[32];
  g_snprintf (x, sizeof x, "%" G_GINT64_FORMAT, a);
  g_snprintf (y, sizeof y, "%" G_GINT64_FORMAT, b);
  if (strlen (x) != strlen (y))
    return FALSE;
  int diff[3], n = 0;
  for (int i = 0; x[i] != '\0'; i++)
    if (x[i] != y[i])
      {
        if (n == 2)
          return FALSE;
        diff[n++] = i;
      }
  return n == 2 && x[diff[0]] == y[diff[1]] && x[diff[1]] == y[diff[0]];
}

static void
check_identical (Run *run, const TrPair *pair)
{
  /* Equal, nearly equal or transposed digits say something only of figures printed in full:
   * "3,6 millions" equal to NCMEC's 3 600 000 is a rounding, not a copy. */
  if (!pair->matched || pair->reference->value.qualifier != TR_QUALIFIER_EXACT
      || pair->declared->value.qualifier != TR_QUALIFIER_EXACT)
    return;
  gint64 ref = pair->reference->value.count, decl = pair->declared->value.count;
  char r[48], d[48];
  tr_format_count (ref, r, sizeof r);
  tr_format_count (decl, d, sizeof d);
  const char *name = country_name (pair->country);
  g_autofree char *names = tr_possessive (name);
  const char *ncmec = run->rec->reference_label;
  g_autofree char *ncmecs = tr_possessive (ncmec);
  if (ref == decl && ref > 0 && run->config->enabled[TR_RULE_IDENTICAL_FIGURES])
    {
      TrAnomaly *a = add (run, TR_RULE_IDENTICAL_FIGURES, TR_SEVERITY_INFO, pair->country,
                          pair->year, pair->reference->measure, NULL,
                          g_strdup_printf ("%s declared %d figure, %s, is exactly %s: it "
                                           "may have been copied from %s rather than counted "
                                           "nationally.",
                                           names, pair->year, d, ncmecs, ncmec));
      pair_evidence (a, pair);
      return;
    }
  if (ref == decl)
    return;
  gboolean transposed = is_transposition (ref, decl);
  if (transposed && run->config->enabled[TR_RULE_DIGIT_TRANSPOSITION])
    {
      TrAnomaly *a = add (run, TR_RULE_DIGIT_TRANSPOSITION, TR_SEVERITY_WARNING, pair->country,
                          pair->year, pair->reference->measure, NULL,
                          g_strdup_printf ("The declared %d figure for %s, %s, has the digits "
                                           "of %s figure %s with two of them swapped: "
                                           "probably a typing error.",
                                           pair->year, name, d, ncmecs, r));
      pair_evidence (a, pair);
      return; /* a transposition explains the closeness: no NEAR_IDENTICAL as well */
    }
  double tolerance = param (run, TR_RULE_NEAR_IDENTICAL, 0);
  if (ref > 0 && fabs ((double) (decl - ref)) / (double) ref <= tolerance
      && run->config->enabled[TR_RULE_NEAR_IDENTICAL])
    {
      char gap[48], pct[48];
      tr_format_count (pair->gap < 0 ? -pair->gap : pair->gap, gap, sizeof gap);
      tr_format_share (decl - ref, ref, pct, sizeof pct);
      TrAnomaly *a = add (run, TR_RULE_NEAR_IDENTICAL, TR_SEVERITY_INFO, pair->country,
                          pair->year, pair->reference->measure, NULL,
                          g_strdup_printf ("%s declared %d figure, %s, is within %s of "
                                           "%s %s (%s %%): it may have been taken from "
                                           "%s figures.",
                                           names, pair->year, d, gap, ncmecs, r, pct, ncmecs));
      pair_evidence (a, pair);
    }
}

static void
check_outlier (Run *run, const TrPair *pair)
{
  double limit = param (run, TR_RULE_COVERAGE_OUTLIER, 0);
  if (!pair->robust_z.defined || fabs (pair->robust_z.value) < limit
      || !run->config->enabled[TR_RULE_COVERAGE_OUTLIER])
    return;
  char cov[48];
  tr_format_ratio (pair->declared->value.count, pair->reference->value.count, 3, cov, sizeof cov);
  g_autofree char *names = tr_possessive (country_name (pair->country));
  TrAnomaly *a = add (run, TR_RULE_COVERAGE_OUTLIER, TR_SEVERITY_WARNING, pair->country,
                      pair->year, pair->reference->measure, NULL,
                      g_strdup_printf ("%s %d coverage, %s, is far %s that of the other "
                                       "countries that year (robust z-score %.1f).",
                                       names, pair->year, cov,
                                       pair->robust_z.value < 0 ? "below" : "above",
                                       pair->robust_z.value));
  pair_evidence (a, pair);
  evidence_number (a, "robust_z", pair->robust_z.value);
}

static const char *
source_label (const Run *run, const char *source)
{
  if (strcmp (source, run->rec->reference) == 0)
    return run->rec->reference_label;
  if (strcmp (source, "declared") == 0)
    return "declared";
  if (strcmp (source, "ncmec") == 0)
    return "NCMEC by-country";
  return source;
}

static gboolean
is_breakdown_part (const char *measure)
{
  return g_str_has_suffix (measure, "_girls") || g_str_has_suffix (measure, "_boys")
         || g_str_has_suffix (measure, "_unknown");
}

static int
compare_observations (gconstpointer a, gconstpointer b)
{
  const TrObservation *x = *(const TrObservation *const *) a;
  const TrObservation *y = *(const TrObservation *const *) b;
  int c = strcmp (x->source, y->source);
  if (c == 0)
    c = strcmp (x->country->code, y->country->code);
  if (c == 0)
    c = strcmp (x->measure, y->measure);
  return c != 0 ? c : tr_period_compare (&x->period, &y->period);
}

/* Year-over-year jumps in every series of counts (every source, every measure). */
static void
check_jumps (Run *run)
{
  if (!run->config->enabled[TR_RULE_YOY_JUMP])
    return;
  double factor = param (run, TR_RULE_YOY_JUMP, 0), minimum = param (run, TR_RULE_YOY_JUMP, 1);
  const TrDataset *ds = run->rec->dataset;
  /* Only the countries being reconciled: the NCMEC table covers the whole world. */
  g_autoptr (GHashTable) in_scope = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < run->rec->all_pairs->len; i++)
    g_hash_table_add (in_scope, (gpointer) ((const TrPair *) g_ptr_array_index (
                                                run->rec->all_pairs, i))->country);
  g_autoptr (GPtrArray) obs = g_ptr_array_new ();
  for (guint i = 0; i < ds->n_observations; i++)
    {
      const TrObservation *o = tr_dataset_observation (ds, i);
      /* The counts of record-level lists (--records) are not a published series: a year
       * the lists barely cover (the year after, holding only late entries) is no jump. */
      if (o->country != NULL && g_hash_table_contains (in_scope, o->country) && o->value.present
          && tr_observation_year (o) != 0 && !is_breakdown_part (o->measure)
          && strcmp (o->source, TR_RECORDS_SERIES) != 0)
        g_ptr_array_add (obs, (gpointer) o);
    }
  g_ptr_array_sort (obs, compare_observations);
  const TrReconciliation *rec = run->rec;
  for (guint i = 1; i < obs->len; i++)
    {
      const TrObservation *a = g_ptr_array_index (obs, i - 1), *b = g_ptr_array_index (obs, i);
      int a_year = tr_observation_year (a), b_year = tr_observation_year (b);
      if (a->country != b->country || strcmp (a->source, b->source) != 0
          || strcmp (a->measure, b->measure) != 0 || b_year != a_year + 1)
        continue;
      /* A context series (such as NCMEC's by-country table) repeats the reference in the
       * years both have: a jump there is reported once, on the reference. */
      if (strcmp (b->source, rec->reference) != 0 && strcmp (b->source, rec->declared) != 0
          && tr_dataset_find (ds, rec->reference, b->country->code, a_year, b->measure) != NULL
          && tr_dataset_find (ds, rec->reference, b->country->code, b_year, b->measure) != NULL)
        continue;
      double x = (double) a->value.count, y = (double) b->value.count;
      /* No change is never a jump (this also keeps 0 -> 0 out when minimum = 0). */
      if (x == y || x < minimum || y < minimum || (y < factor * x && x < factor * y))
        continue;
      /* A bound ("<10", "plus de 5 800") has no ratio to another figure: no jump is sure. */
      if (a->value.qualifier == TR_QUALIFIER_LOWER_BOUND
          || a->value.qualifier == TR_QUALIFIER_UPPER_BOUND
          || b->value.qualifier == TR_QUALIFIER_LOWER_BOUND
          || b->value.qualifier == TR_QUALIFIER_UPPER_BOUND)
        continue;
      char from[64], to[64], ratio[48];
      tr_format_value (&a->value, TR_VALUE_WORDS, from, sizeof from);
      tr_format_value (&b->value, TR_VALUE_WORDS, to, sizeof to);
      gboolean up = y > x;
      /* From or to 0 (possible with minimum = 0) there is no ratio to state: the sentence
       * says so, and the evidence carries none. */
      gboolean has_ratio = x > 0 && y > 0;
      g_autofree char *change = NULL;
      if (has_ratio)
        {
          tr_format_ratio (up ? b->value.count : a->value.count,
                           up ? a->value.count : b->value.count, 1, ratio, sizeof ratio);
          tr_group_thousands (ratio, sizeof ratio);
          gboolean about = a->value.qualifier != TR_QUALIFIER_EXACT
                           || b->value.qualifier != TR_QUALIFIER_EXACT;
          change = g_strdup_printf (", %s%s times %s", about ? "about " : "", ratio,
                                    up ? "more" : "fewer");
        }
      else
        change = g_strdup_printf (" (no ratio: the %s figure is 0)", up ? "earlier" : "later");
      /* Only a note that marks a change between the two years can explain a jump. */
      const TrNote *note = tr_notes_find_change (run->notes, b, a_year, b_year);
      g_autofree char *span = note == NULL || note->year_from == note->year_to
                                  ? g_strdup_printf ("%d", note != NULL ? note->year_from : 0)
                                  : g_strdup_printf ("%d-%d", note->year_from, note->year_to);
      g_autofree char *tail = note != NULL
                                  ? g_strdup_printf (" A note on %s may explain it: %s", span,
                                                     note->summary)
                                  : g_strdup ("");
      g_autofree char *measure = g_strdelimit (g_strdup (b->measure), "_", ' ');
      TrAnomaly *an = add (run, TR_RULE_YOY_JUMP, TR_SEVERITY_WARNING, b->country, b_year,
                           b->measure, b->source,
                           g_strdup_printf ("%s: the %s %s went from %s in %d to %s in %d%s.%s",
                                            country_name (b->country), source_label (run, b->source),
                                            measure, from, a_year, to, b_year, change, tail));
      evidence_count (an, "previous", a->value.count);
      evidence_count (an, "current", b->value.count);
      if (has_ratio)
        evidence_number (an, "ratio", y / x);
      provenance (an, "previous", a);
      provenance (an, "current", b);
      if (note != NULL)
        {
          TrProvenanceRef p = { "note", note->where, NULL, NULL };
          g_array_append_val (an->provenance, p);
        }
    }
}

static void
check_divergence (Run *run)
{
  if (!run->config->enabled[TR_RULE_TREND_DIVERGENCE])
    return;
  guint min_years = (guint) param (run, TR_RULE_TREND_DIVERGENCE, 0);
  double limit = param (run, TR_RULE_TREND_DIVERGENCE, 1);
  g_autofree char *ncmecs = tr_possessive (run->rec->reference_label);
  const GPtrArray *pairs = run->rec->all_pairs;
  for (guint i = 0; i < pairs->len;)
    {
      /* The matched pairs of one country, in year order. */
      const TrCountry *country = ((const TrPair *) g_ptr_array_index (pairs, i))->country;
      const TrPair *first = NULL, *last = NULL;
      guint n = 0;
      for (; i < pairs->len && ((const TrPair *) g_ptr_array_index (pairs, i))->country == country; i++)
        {
          const TrPair *p = g_ptr_array_index (pairs, i);
          if (!p->matched)
            continue;
          if (first == NULL)
            first = p;
          last = p;
          n++;
        }
      if (n < min_years || n < 2 || first->reference->value.count == 0
          || first->declared->value.count == 0)
        continue;
      gint64 r0 = first->reference->value.count, r1 = last->reference->value.count;
      gint64 d0 = first->declared->value.count, d1 = last->declared->value.count;
      double rc = 100.0 * (double) (r1 - r0) / (double) r0;
      double dc = 100.0 * (double) (d1 - d0) / (double) d0;
      if (!((rc > limit && dc < -limit) || (rc < -limit && dc > limit)))
        continue;
      char rp[48], dp[48];
      tr_format_share (r1 - r0 < 0 ? r0 - r1 : r1 - r0, r0, rp, sizeof rp);
      tr_format_share (d1 - d0 < 0 ? d0 - d1 : d1 - d0, d0, dp, sizeof dp);
      g_autofree char *what = tr_measure_words (last->reference->measure);
      TrAnomaly *a = add (run, TR_RULE_TREND_DIVERGENCE, TR_SEVERITY_INFO, country, last->year,
                          last->reference->measure, NULL,
                          g_strdup_printf ("From %d to %d, %s %s for %s %s by %s %% "
                                           "while the declared figure %s by %s %%.",
                                           first->year, last->year, ncmecs, what,
                                           country_name (country),
                                           rc > 0 ? "rose" : "fell", rp,
                                           dc > 0 ? "rose" : "fell", dp));
      evidence_number (a, "reference_change_pct", rc);
      evidence_number (a, "declared_change_pct", dc);
      provenance (a, "reference_first", first->reference);
      provenance (a, "reference_last", last->reference);
      provenance (a, "declared_first", first->declared);
      provenance (a, "declared_last", last->declared);
    }
}

/* TRUE when every row a published total adds up is printed in full (not rounded, not a
 * bound): only then can their sum be compared with the total to the unit. */
static gboolean
rows_exact (const TrDataset *ds, const TrTotalCheck *t)
{
  for (guint i = 0; i < ds->n_observations; i++)
    {
      const TrObservation *o = tr_dataset_observation (ds, i);
      if (o->country != NULL && o->value.present && tr_period_equal (o->period, t->period)
          && o->value.qualifier != TR_QUALIFIER_EXACT && strcmp (o->source, t->source) == 0
          && strcmp (o->measure, t->measure) == 0)
        return FALSE;
    }
  return TRUE;
}

static void
check_totals (Run *run)
{
  if (!run->config->enabled[TR_RULE_TOTAL_MISMATCH])
    return;
  for (guint i = 0; i < run->rec->totals->len; i++)
    {
      const TrTotalCheck *t = g_ptr_array_index (run->rec->totals, i);
      if (t->ok || t->published->value.qualifier != TR_QUALIFIER_EXACT
          || !rows_exact (run->rec->dataset, t))
        continue;
      char p[48], s[48], d[48];
      tr_format_count (t->published->value.count, p, sizeof p);
      tr_format_count (t->sum, s, sizeof s);
      tr_format_count (t->published->value.count - t->sum, d, sizeof d);
      g_autofree char *measure = g_strdelimit (g_strdup (t->measure), "_", ' ');
      g_autofree char *period = tr_period_describe (t->period);
      TrAnomaly *a = add (run, TR_RULE_TOTAL_MISMATCH, TR_SEVERITY_CRITICAL, NULL, t->year,
                          t->measure, t->source,
                          g_strdup_printf ("The published %s total of %s %s, %s, differs from "
                                           "the sum of its rows, %s (published minus sum: %s).",
                                           period, source_label (run, t->source), measure, p, s, d));
      evidence_count (a, "published", t->published->value.count);
      evidence_count (a, "sum", t->sum);
      evidence_count (a, "difference", t->published->value.count - t->sum);
      provenance (a, "total", t->published);
      a->period = t->period;
      /* A total for a part of a year or a span is told apart from the year's by its period. */
      if (tr_observation_year (t->published) == 0)
        {
          g_autofree char *canonical = tr_period_to_string (t->period);
          fingerprint (a, canonical);
        }
    }
}

static void
check_breakdowns (Run *run)
{
  if (!run->config->enabled[TR_RULE_BREAKDOWN_MISMATCH])
    return;
  for (guint i = 0; i < run->rec->breakdowns->len; i++)
    {
      const TrBreakdownCheck *b = g_ptr_array_index (run->rec->breakdowns, i);
      gboolean exact = b->total->value.qualifier == TR_QUALIFIER_EXACT;
      for (guint k = 0; k < 3; k++)
        exact &= b->parts[k] == NULL || b->parts[k]->value.qualifier == TR_QUALIFIER_EXACT;
      if (b->ok || !exact)
        continue;
      g_autoptr (GString) parts = g_string_new (NULL);
      char n[48];
      for (guint k = 0; k < 3; k++)
        if (b->parts[k] != NULL)
          g_string_append_printf (parts, "%s%s %s", parts->len > 0 ? " + " : "",
                                  tr_format_count (b->parts[k]->value.count, n, sizeof n),
                                  b->part_names[k]);
      char s[48], t[48];
      tr_format_count (b->sum, s, sizeof s);
      tr_format_count (b->total->value.count, t, sizeof t);
      g_autofree char *measure = tr_measure_words (b->measure);
      g_autofree char *names = tr_possessive (country_name (b->country));
      TrAnomaly *a = add (run, TR_RULE_BREAKDOWN_MISMATCH, TR_SEVERITY_WARNING, b->country,
                          b->year, b->measure, b->total->source,
                          g_strdup_printf ("%s %d breakdown of %s, %s = %s, does not add up "
                                           "to the total of %s printed beside it.",
                                           names, b->year, measure,
                                           parts->str, s, t));
      for (guint k = 0; k < 3; k++)
        if (b->parts[k] != NULL)
          evidence_count (a, b->part_names[k], b->parts[k]->value.count);
      evidence_count (a, "sum", b->sum);
      evidence_count (a, "total", b->total->value.count);
      provenance (a, "total", b->total);
      provenance (a, "parts", b->parts[0] != NULL ? b->parts[0] : b->parts[1]);
    }
}

static void
check_series_breaks (Run *run)
{
  if (!run->config->enabled[TR_RULE_SERIES_BREAK] || run->notes == NULL)
    return;
  static const struct {
    const char *kind;
    const char *words;
  } kinds[] = {
    { "method", "a change of method" }, { "source", "a change of source" },
    { "scope", "a difference of scope" }, { "provisional", "provisional figures" },
    { "one_off", "a one-off operation" }, { "rounded", "rounded figures" },
  };
  for (guint i = 0; i < run->notes->len; i++)
    {
      const TrNote *note = g_ptr_array_index (run->notes, i);
      const char *words = note->kind;
      for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (strcmp (kinds[k].kind, note->kind) == 0)
          words = kinds[k].words;
      for (int year = note->year_from; year <= note->year_to; year++)
        {
          g_autofree char *measure = tr_measure_words (note->measure);
          g_autofree char *names = tr_possessive (country_name (note->country));
          TrAnomaly *a = add (run, TR_RULE_SERIES_BREAK, TR_SEVERITY_INFO, note->country, year,
                              note->measure, NULL,
                              g_strdup_printf ("%s %d %s figure comes with a remark on %s: "
                                               "%s",
                                               names, year, measure,
                                               words, note->summary));
          /* The table the note is about identifies it, not notes.csv's line. */
          TrProvenanceRef p = { "note", note->where, NULL,
                                note->origin != NULL ? tr_fingerprint_identity (note->origin)
                                                     : NULL };
          g_array_append_val (a->provenance, p);
          if (note->remark != NULL)
            {
              TrProvenanceRef r = { "remark", note->remark->where, NULL, NULL };
              g_array_append_val (a->provenance, r);
            }
          /* Two notes of one kind may speak of one figure (Italy's 2024 convictions): the
           * note's own words tell them apart. */
          g_autofree char *detail = g_strconcat (note->kind, " ", note->summary, NULL);
          fingerprint (a, detail);
        }
    }
}

static int
compare_anomalies (gconstpointer x, gconstpointer y)
{
  const TrAnomaly *a = *(const TrAnomaly *const *) x, *b = *(const TrAnomaly *const *) y;
  if (a->severity != b->severity)
    return a->severity > b->severity ? -1 : 1;
  if (a->rule->id != b->rule->id)
    return a->rule->id < b->rule->id ? -1 : 1;
  const char *ca = a->country != NULL ? a->country->code : "";
  const char *cb = b->country != NULL ? b->country->code : "";
  int c = strcmp (ca, cb);
  if (c != 0)
    return c;
  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  c = g_strcmp0 (a->source, b->source);
  return c != 0 ? c : g_strcmp0 (a->measure, b->measure);
}

/* TRUE when the filter shows the anomaly: its year, and its country (a table-wide finding
 * has none and is shown in every --country run). */
static gboolean
shown (const TrFilter *filter, const TrAnomaly *a)
{
  return tr_filter_keeps_year (filter, a->year)
         && (a->country == NULL || tr_filter_keeps_country (filter, a->country));
}

GPtrArray *
tr_rules_run (const TrReconciliation *rec, const GPtrArray *notes, const TrRuleConfig *config)
{
  Run run = { rec, notes, config, g_ptr_array_new_with_free_func (anomaly_free) };
  for (guint i = 0; i < rec->all_pairs->len; i++)
    {
      const TrPair *pair = g_ptr_array_index (rec->all_pairs, i);
      check_coverage (&run, pair);
      check_missing (&run, pair);
      check_identical (&run, pair);
      check_outlier (&run, pair);
    }
  check_jumps (&run);
  check_divergence (&run);
  check_totals (&run);
  check_breakdowns (&run);
  check_series_breaks (&run);
  for (guint i = 0; i < run.out->len; i++)
    {
      TrAnomaly *a = g_ptr_array_index (run.out, i);
      if (a->fingerprint == NULL)
        fingerprint (a, NULL);
    }
  /* Found over the whole comparison; shown as the filter says. */
  for (guint i = run.out->len; i > 0; i--)
    if (!shown (&rec->filter, g_ptr_array_index (run.out, i - 1)))
      g_ptr_array_remove_index (run.out, i - 1);
  g_ptr_array_sort (run.out, compare_anomalies);
  return run.out;
}

void
tr_rules_add_statements (GPtrArray *anomalies, const TrReconciliation *rec,
                         const GPtrArray *results, const TrRuleConfig *config)
{
  if (!config->enabled[TR_RULE_CLAIM_MISMATCH] || results == NULL)
    return;
  Run run = { rec, NULL, config, anomalies };
  for (guint i = 0; i < results->len; i++)
    {
      const TrStatementResult *r = g_ptr_array_index (results, i);
      if (r->status != TR_STATEMENT_FAILS)
        continue;
      /* A country, or an organisation (a provider of Tables 1 to 5): never a pseudo row. */
      const TrCountry *country = r->subject != NULL && !r->subject->pseudo ? r->subject : NULL;
      TrAnomaly *a = add (&run, TR_RULE_CLAIM_MISMATCH,
                          catalogue[TR_RULE_CLAIM_MISMATCH].severity, country, r->year,
                          r->measure, NULL, g_strdup (r->sentence));
      if (r->period.months != 0)
        a->period = r->period;
      if (!shown (&rec->filter, a))
        {
          g_ptr_array_remove_index (anomalies, anomalies->len - 1);
          continue;
        }
      if (r->has_counts)
        {
          evidence_count (a, r->left_name, r->left_count);
          evidence_count (a, r->right_name, r->right_count);
        }
      TrWhere at = { r->statement->file, r->statement->line, r->statement->column };
      TrProvenanceRef self = { "statement", at, NULL, NULL };
      g_array_append_val (a->provenance, self);
      /* A statement is the statement of its file, whatever figures it reads. */
      const char *identity[] = { r->statement->identity, NULL };
      a->fingerprint = tr_fingerprint_compute (a->rule->name, NULL, 0, NULL, identity,
                                               r->statement->id);
      /* Roles name each figure once ("left", or "left 1", "left 2" for a side of several),
       * for outputs key provenance by role. */
      guint n_left = 0, n_right = 0, i_left = 0, i_right = 0;
      for (guint k = 0; k < r->figures->len; k++)
        {
          const TrCheckedFigure *f = &g_array_index (r->figures, TrCheckedFigure, k);
          if (strcmp (f->role, "left") == 0)
            n_left++;
          else
            n_right++;
        }
      for (guint k = 0; k < r->figures->len; k++)
        {
          const TrCheckedFigure *f = &g_array_index (r->figures, TrCheckedFigure, k);
          gboolean left = strcmp (f->role, "left") == 0;
          guint n = left ? n_left : n_right, index = left ? ++i_left : ++i_right;
          g_autofree char *role = n > 1 ? g_strdup_printf ("%s %u", f->role, index)
                                        : g_strdup (f->role);
          TrProvenanceRef p = { g_intern_string (role), f->where, NULL, NULL };
          g_array_append_val (a->provenance, p);
        }
    }
  g_ptr_array_sort (anomalies, compare_anomalies);
}

gboolean
tr_rules_statement_shown (const TrReconciliation *rec, const TrStatementResult *result)
{
  const TrCountry *subject
      = result->subject != NULL && !result->subject->pseudo ? result->subject : NULL;
  return (result->year == 0 || tr_filter_keeps_year (&rec->filter, result->year))
         && (subject == NULL || tr_filter_keeps_country (&rec->filter, subject));
}
