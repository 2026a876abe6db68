/* render-json.c — the reconciliation as one JSON object, built with json-glib. */
#include "config.h"

#include <json-glib/json-glib.h>

#include <math.h>

#include "escape.h"
#include "population.h"
#include "funnel.h"
#include "render.h"
#include "scorecard.h"

/* Every double goes through here: JSON has no infinity or NaN (json-glib would write
 * "inf.0"), so a non-finite value is written as null. The rules never produce one; this is
 * the last guard that keeps the document parseable. */
static void
add_number (JsonBuilder *b, double value)
{
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* Every string goes through here: a file name need not be UTF-8, and JSON must be; a byte
 * that is not UTF-8 becomes U+FFFD. */
static void
add_string (JsonBuilder *b, const char *value)
{
  g_autofree char *valid = tr_escape_utf8 (value);
  json_builder_add_string_value (b, valid);
}

static void
count_or_null (JsonBuilder *b, const char *name, const TrObservation *obs)
{
  json_builder_set_member_name (b, name);
  if (obs != NULL && obs->value.present)
    json_builder_add_int_value (b, obs->value.count);
  else
    json_builder_add_null_value (b);
}

/* A computed figure (a sum, a gap) as two members: `name`, its count (null when the figures
 * cannot determine it), and `name`_qualifier: "exact", "approximate", "lower_bound" (the
 * figure is above the count), "upper_bound" (below it), or null. */
static void
figure (JsonBuilder *b, const char *name, const TrValue *value)
{
  json_builder_set_member_name (b, name);
  if (value->present)
    json_builder_add_int_value (b, value->count);
  else
    json_builder_add_null_value (b);
  g_autofree char *qualifier = g_strconcat (name, "_qualifier", NULL);
  json_builder_set_member_name (b, qualifier);
  if (value->present)
    json_builder_add_string_value (b, tr_qualifier_name (value->qualifier));
  else
    json_builder_add_null_value (b);
}

static void
stat_or_null (JsonBuilder *b, const char *name, TrStat stat)
{
  json_builder_set_member_name (b, name);
  if (stat.defined)
    add_number (b, stat.value);
  else
    json_builder_add_null_value (b);
}

static void
where_or_null (JsonBuilder *b, const char *name, const TrObservation *obs)
{
  json_builder_set_member_name (b, name);
  if (obs == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  g_autofree char *text
      = g_strdup_printf ("%s:%u:%u", obs->where.file, obs->where.line, obs->where.column);
  add_string (b, text);
}

static void
member_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    add_string (b, value);
  else
    json_builder_add_null_value (b);
}

static void
member_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
inputs (JsonBuilder *b, const TrDataset *ds)
{
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint i = 0; i < ds->inputs->len; i++)
    {
      const TrInput *in = g_ptr_array_index (ds->inputs, i);
      json_builder_begin_object (b);
      member_string (b, "path", in->path);
      member_string (b, "sha256", in->sha256);
      member_int (b, "rows", in->rows);
      member_string (b, "source", in->origin != NULL ? in->origin->identity : NULL);
      member_string (b, "citation", tr_input_citation (in));
      member_string (b, "licence", in->origin != NULL ? in->origin->licence : NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
parameters (JsonBuilder *b, const TrReport *r)
{
  const TrRule *rules = tr_rules_catalogue ();
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  member_string (b, "measure", r->rec->measure);
  member_string (b, "reference", r->rec->reference);
  member_string (b, "declared", r->rec->declared);
  /* Who states the reference figures, as every sentence names it ("NCMEC", a --label). */
  member_string (b, "reference_label", r->rec->reference_label);
  member_string (b, "fail_on", r->fail_on);
  /* Countries of the reference series outside the comparison's scope, and the sentence
   * every report prints about them (null when none is left out). */
  member_int (b, "countries_not_compared", r->rec->filter.n_outside);
  g_autofree char *scope = tr_render_scope_note (r->rec);
  member_string (b, "scope_note", scope);
  json_builder_set_member_name (b, "rules");
  json_builder_begin_object (b);
  for (int i = 0; i < TR_N_RULES; i++)
    {
      json_builder_set_member_name (b, rules[i].name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "enabled");
      json_builder_add_boolean_value (b, r->config->enabled[i]);
      for (int p = 0; p < TR_RULE_MAX_PARAMS && rules[i].params[p].key != NULL; p++)
        {
          json_builder_set_member_name (b, rules[i].params[p].key);
          add_number (b, r->config->params[i][p]);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* A pair's rates per 100 000 inhabitants (population.h): both sides (null when missing), the
 * population divided by, its year and Eurostat's flag. */
static void
per_capita (JsonBuilder *b, const TrDataset *dataset, const TrPair *p)
{
  TrRate rr = tr_per_capita (dataset, p->reference, p->country->code, p->year);
  TrRate rd = tr_per_capita (dataset, p->declared, p->country->code, p->year);
  json_builder_set_member_name (b, "per_100k");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "reference");
  if (rr.defined)
    add_number (b, rr.value);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "declared");
  if (rd.defined)
    add_number (b, rd.value);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "population");
  if (rr.population != NULL)
    json_builder_add_int_value (b, rr.population->value.count);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "population_year");
  if (rr.population != NULL)
    json_builder_add_int_value (b, rr.population_year);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "population_flag");
  const char *flag = tr_population_flag (dataset, rr.population);
  if (flag != NULL)
    add_string (b, flag);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
pairs_element (JsonBuilder *b, gconstpointer item, gconstpointer context)
{
  const TrReconciliation *rec = context;
  const TrPair *p = item;
  json_builder_begin_object (b);
  member_string (b, "country", p->country->code);
  member_string (b, "eu_code", p->country->eu_code);
  member_int (b, "year", p->year);
  count_or_null (b, "reference", p->reference);
  count_or_null (b, "declared", p->declared);
  /* "3,6 millions" is not 3 600 000 exactly: each figure says how it was printed. */
  member_string (b, "reference_qualifier",
                 p->reference != NULL && p->reference->value.present
                     ? tr_qualifier_name (p->reference->value.qualifier)
                     : NULL);
  member_string (b, "declared_qualifier",
                 p->declared != NULL && p->declared->value.present
                     ? tr_qualifier_name (p->declared->value.qualifier)
                     : NULL);
  member_string (b, "status", tr_status_name (p->status));
  json_builder_set_member_name (b, "gap");
  if (p->matched)
    json_builder_add_int_value (b, p->gap);
  else
    json_builder_add_null_value (b);
  stat_or_null (b, "coverage", p->coverage);
  stat_or_null (b, "log2_coverage", p->log2_coverage);
  stat_or_null (b, "pct_difference", p->pct_difference);
  stat_or_null (b, "robust_z", p->robust_z);
  per_capita (b, rec->dataset, p);
  json_builder_set_member_name (b, "provenance");
  json_builder_begin_object (b);
  where_or_null (b, "reference", p->reference);
  where_or_null (b, "declared", p->declared);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
series_element (JsonBuilder *b, gconstpointer item, gconstpointer context)
{
  (void) context;
  const TrSeries *s = item;
  json_builder_begin_object (b);
  member_string (b, "country", s->country->code);
  member_string (b, "source", s->source);
  json_builder_set_member_name (b, "values");
  json_builder_begin_object (b);
  for (guint k = 0; k < s->points->len; k++)
    {
      const TrObservation *o = g_ptr_array_index (s->points, k);
      char year[16];
      g_snprintf (year, sizeof year, "%d", tr_observation_year (o));
      member_int (b, year, o->value.count);
    }
  json_builder_end_object (b);
  stat_or_null (b, "change_pct", s->trend.change_pct);
  stat_or_null (b, "cagr", s->trend.cagr);
  stat_or_null (b, "slope", s->trend.slope);
  stat_or_null (b, "r2", s->trend.r2);
  json_builder_end_object (b);
}

static void
years_element (JsonBuilder *b, gconstpointer item, gconstpointer context)
{
  const TrReconciliation *rec = context;
  const TrYear *y = item;
  json_builder_begin_object (b);
  member_int (b, "year", y->year);
  member_int (b, "matched", y->n_matched);
  const TrYearFigures *f = &y->figures;
  figure (b, "reference_matched", &f->reference_matched);
  figure (b, "declared_matched", &f->declared_matched);
  figure (b, "reference_all", &f->reference_all);
  figure (b, "declared_all", &f->declared_all);
  /* The headline's figures: sums over the countries shown (all but under --country). */
  json_builder_set_member_name (b, "countries_shown_only");
  json_builder_add_boolean_value (b, rec->some_countries);
  figure (b, "shortfall", &f->shortfall);
  member_int (b, "countries_short", y->n_short);
  figure (b, "excess", &f->excess);
  member_int (b, "countries_excess", y->n_excess);
  figure (b, "net_gap", &f->net);
  figure (b, "reference_left_out", &f->reference_left_out);
  member_int (b, "countries_reference_left_out", y->n_reference_left_out);
  figure (b, "declared_left_out", &f->declared_left_out);
  member_int (b, "countries_declared_left_out", y->n_declared_left_out);
  stat_or_null (b, "coverage", y->coverage);
  stat_or_null (b, "median_log2_coverage", y->median_log2);
  stat_or_null (b, "mad_log2_coverage", y->mad_log2);
  stat_or_null (b, "spearman", y->spearman);
  json_builder_end_object (b);
}

static void
totals_element (JsonBuilder *b, gconstpointer item, gconstpointer context)
{
  (void) context;
  const TrTotalCheck *t = item;
  json_builder_begin_object (b);
  member_string (b, "source", t->source);
  member_string (b, "measure", t->measure);
  /* year: the year it is filed under (a part's or a span's first year); period: what the
   * total covers ("2024", "2024-H1", "2022-2024"). */
  member_int (b, "year", t->year);
  g_autofree char *period = tr_period_to_string (t->period);
  member_string (b, "period", period);
  figure (b, "sum", &t->sum_value);
  figure (b, "published", &t->published->value);
  /* ok: the total holds, exactly or, for inexact figures, within rounding (check). */
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, t->exact ? t->ok : t->within_rounding);
  member_string (b, "check", tr_total_check_name (t));
  member_int (b, "rows", t->n_rows);
  member_int (b, "missing_rows", t->n_missing);
  where_or_null (b, "provenance", t->published);
  json_builder_end_object (b);
}

static void
anomalies_element (JsonBuilder *b, gconstpointer item, gconstpointer context)
{
  (void) context;
  const TrAnomaly *a = item;
  json_builder_begin_object (b);
  member_string (b, "rule", a->rule->name);
  member_string (b, "severity", tr_severity_name (a->severity));
  member_string (b, "country", a->country != NULL ? a->country->code : NULL);
  member_int (b, "year", a->year);
  g_autofree char *period = a->period.months != 0 ? tr_period_to_string (a->period) : NULL;
  member_string (b, "period", period);
  member_string (b, "measure", a->measure);
  member_string (b, "message", a->message);
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_object (b);
  for (guint k = 0; k < a->evidence->len; k++)
    {
      const TrEvidence *e = &g_array_index (a->evidence, TrEvidence, k);
      json_builder_set_member_name (b, e->name);
      if (e->is_count)
        json_builder_add_int_value (b, e->count);
      else
        add_number (b, e->number);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "provenance");
  json_builder_begin_object (b);
  for (guint k = 0; k < a->provenance->len; k++)
    {
      const TrProvenanceRef *p = &g_array_index (a->provenance, TrProvenanceRef, k);
      g_autofree char *text
          = g_strdup_printf ("%s:%u:%u", p->where.file, p->where.line, p->where.column);
      member_string (b, p->role, text);
    }
  json_builder_end_object (b);
  member_string (b, "fingerprint", a->fingerprint);
  /* null without --history */
  member_string (b, "since", a->since);
  json_builder_end_object (b);
}

/* Every statement checked: what it says, its status, and each figure with its provenance. */
static void
statements (JsonBuilder *b, const GPtrArray *list)
{
  json_builder_set_member_name (b, "statements");
  json_builder_begin_array (b);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const TrStatementResult *r = g_ptr_array_index (list, i);
      json_builder_begin_object (b);
      member_string (b, "id", r->statement->id);
      member_string (b, "kind", tr_statement_kind_name (r->statement->kind));
      member_string (b, "status", tr_statement_status_name (r->status));
      member_string (b, "sentence", r->sentence);
      g_autofree char *at = g_strdup_printf ("%s:%u:%u", r->statement->file, r->statement->line,
                                             r->statement->column);
      member_string (b, "statement", at);
      json_builder_set_member_name (b, "figures");
      json_builder_begin_array (b);
      for (guint k = 0; k < r->figures->len; k++)
        {
          const TrCheckedFigure *f = &g_array_index (r->figures, TrCheckedFigure, k);
          json_builder_begin_object (b);
          member_string (b, "side", f->role);
          member_string (b, "source", f->citation);
          member_string (b, "value", f->printed);
          member_string (b, "country", f->subject);
          if (f->measure != NULL)
            {
              g_autofree char *period = tr_period_to_string (f->period);
              member_string (b, "period", period);
            }
          else
            member_string (b, "period", NULL);
          member_string (b, "measure", f->measure);
          g_autofree char *where = g_strdup_printf ("%s:%u:%u", f->where.file, f->where.line,
                                                    f->where.column);
          member_string (b, "provenance", where);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
summary (JsonBuilder *b, const TrReport *r)
{
  guint by[3] = { 0 };
  for (guint i = 0; i < r->anomalies->len; i++)
    by[((const TrAnomaly *) g_ptr_array_index (r->anomalies, i))->severity]++;
  guint matched = 0;
  for (guint i = 0; i < r->rec->pairs->len; i++)
    matched += ((const TrPair *) g_ptr_array_index (r->rec->pairs, i))->matched;
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  member_int (b, "pairs", r->rec->pairs->len);
  member_int (b, "matched", matched);
  member_int (b, "anomalies", r->anomalies->len);
  member_int (b, "critical", by[TR_SEVERITY_CRITICAL]);
  member_int (b, "warning", by[TR_SEVERITY_WARNING]);
  member_int (b, "info", by[TR_SEVERITY_INFO]);
  json_builder_end_object (b);
}

/* The JSON text of `node`, pretty-printed with an indent of 2 (newly allocated). */
static char *
generate (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}

/* Writes `text` (generated at depth 0) as json-glib writes it `indent` spaces deeper: each
 * line indented, and an empty object, which json-glib writes as "{" and as many spaces as its
 * depth's indent, "}", given the spaces of its real depth. Quoted strings are copied as
 * they are. */
static void
write_indented (FILE *out, const char *text, guint indent)
{
  fprintf (out, "%*s", (int) indent, "");
  gboolean quoted = FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      fputc (*p, out);
      if (quoted)
        {
          if (*p == '\\' && p[1] != '\0')
            fputc (*++p, out);
          else if (*p == '"')
            quoted = FALSE;
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == '\n')
        fprintf (out, "%*s", (int) indent, "");
      else if (*p == '{' && p[1] == ' ' && p[strspn (p + 1, " ") + 1] == '}')
        fprintf (out, "%*s", (int) indent, "");
    }
}

typedef void (*AddMember) (JsonBuilder *b, const TrReport *report);
typedef void (*AddElement) (JsonBuilder *b, gconstpointer item, gconstpointer context);

/* Writes one member of the top-level object, as `add` builds it (name and value). */
static void
write_member (FILE *out, gboolean *first, AddMember add, const TrReport *report)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  add (b, report);
  json_builder_end_object (b);
  g_autoptr (JsonNode) node = json_builder_get_root (b);
  g_autofree char *text = generate (node);
  /* "{\n  \"name\" : value\n}": the member is the text between the braces' lines. */
  gsize length = strlen (text);
  fputs (*first ? "\n" : ",\n", out);
  *first = FALSE;
  fwrite (text + 2, 1, length - 4, out);
}

/* Writes the top-level member `name`, an array of one object per item, generated one item at
 * a time: the document is never held whole, nor is its tree. The bytes are those json-glib
 * writes for the whole tree. */
static void
write_array (FILE *out, gboolean *first, const char *name, const GPtrArray *items,
             AddElement add, gconstpointer context)
{
  fprintf (out, "%s  \"%s\" : [", *first ? "\n" : ",\n", name);
  *first = FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      add (b, g_ptr_array_index (items, i), context);
      g_autoptr (JsonNode) node = json_builder_get_root (b);
      g_autofree char *text = generate (node);
      fputs (i == 0 ? "\n" : ",\n", out);
      write_indented (out, text, 4);
    }
  fputs (items->len > 0 ? "\n  ]" : "]", out);
}

static void
add_tool (JsonBuilder *b, const TrReport *report)
{
  (void) report;
  member_string (b, "tool", PACKAGE_NAME);
  member_string (b, "version", PACKAGE_VERSION);
}

static void
add_inputs (JsonBuilder *b, const TrReport *report)
{
  inputs (b, report->dataset);
}

/* One side of a comparison: its source, citation, measure and words. */
static void
comparison_side (JsonBuilder *b, const char *name, const char *identity, const TrSource *source,
                 const char *measure, const char *words)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  member_string (b, "source", identity);
  member_string (b, "citation", source != NULL ? source->citation : NULL);
  member_string (b, "measure", measure);
  member_string (b, "words", words);
  json_builder_end_object (b);
}

/* The other comparisons (comparison.h), made or not, each with its sentences, years and
 * pairs in the forms of the main comparison's. */
static void
add_comparisons (JsonBuilder *b, const TrReport *report)
{
  json_builder_set_member_name (b, "comparisons");
  json_builder_begin_array (b);
  for (guint k = 0; report->comparisons != NULL && k < report->comparisons->len; k++)
    {
      const TrComparison *c = g_ptr_array_index (report->comparisons, k);
      if (c->main)
        continue; /* the report's own pairs, years and anomalies */
      json_builder_begin_object (b);
      member_string (b, "id", c->id);
      member_string (b, "title", c->title);
      json_builder_set_member_name (b, "made");
      json_builder_add_boolean_value (b, c->made);
      member_string (b, "why", c->why);
      g_autofree char *parts = g_strjoinv ("+", c->reference_measures);
      comparison_side (b, "reference", c->reference_id, c->reference, parts,
                       c->reference_words);
      comparison_side (b, "declared", c->declared_id, c->declared, c->declared_measure,
                       c->declared_words);
      if (c->made)
        {
          json_builder_set_member_name (b, "sentences");
          json_builder_begin_array (b);
          g_autoptr (GPtrArray) paragraphs = tr_render_comparison_paragraphs (c);
          for (guint y = 0; y < paragraphs->len; y++)
            json_builder_add_string_value (b, g_ptr_array_index (paragraphs, y));
          json_builder_end_array (b);
          json_builder_set_member_name (b, "years");
          json_builder_begin_array (b);
          for (guint y = 0; y < c->rec->years->len; y++)
            years_element (b, g_ptr_array_index (c->rec->years, y), c->rec);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "pairs");
          json_builder_begin_array (b);
          for (guint i = 0; i < c->rec->pairs->len; i++)
            pairs_element (b, g_ptr_array_index (c->rec->pairs, i), c->rec);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* With --history: "history", the counts since the previous run, and "resolved". */
static void
add_history (JsonBuilder *b, const TrReport *r)
{
  const TrSince *since = r->since;
  json_builder_set_member_name (b, "history");
  json_builder_begin_object (b);
  member_int (b, "run", since->run);
  json_builder_set_member_name (b, "previous_run");
  if (since->previous != 0)
    json_builder_add_int_value (b, since->previous);
  else
    json_builder_add_null_value (b);
  member_string (b, "previous_started", since->previous_started);
  member_int (b, "new", since->n_new);
  member_int (b, "persisting", since->n_persisting);
  member_int (b, "resolved", since->n_resolved);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "resolved");
  json_builder_begin_array (b);
  for (guint i = 0; i < since->resolved->len; i++)
    {
      const TrResolved *x = g_ptr_array_index (since->resolved, i);
      json_builder_begin_object (b);
      member_string (b, "fingerprint", x->fingerprint);
      member_string (b, "rule", x->rule);
      member_string (b, "severity", x->severity);
      member_string (b, "country", x->subject);
      member_int (b, "year", x->year);
      member_string (b, "measure", x->measure);
      member_string (b, "message", x->message);
      member_string (b, "was", x->was);
      member_string (b, "now", x->now);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* With --baseline: every accepted anomaly, as in "anomalies", with its entry. */
static void
accepted_element (JsonBuilder *b, gconstpointer item, gconstpointer context)
{
  const TrAccepted *x = item;
  anomalies_element (b, x->anomaly, context);
  JsonNode *node = json_builder_get_root (b);
  JsonObject *object = json_node_get_object (node);
  json_object_set_string_member (object, "reason", x->entry->reason);
  json_object_set_string_member (object, "who", x->entry->who);
  json_object_set_string_member (object, "until", x->entry->until_text);
  json_node_unref (node);
}

static void
add_statements (JsonBuilder *b, const TrReport *report)
{
  statements (b, report->statements);
}

/* With --records: each country and year of the lists shown, its counts (the measures of
 * records-source.h without their prefix), what they explain of the gap, and the sentence. */
static void
add_records (JsonBuilder *b, const TrReport *report)
{
  json_builder_set_member_name (b, "records");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->records->len; i++)
    {
      const TrRecordsGap *g = &g_array_index (report->records, TrRecordsGap, i);
      json_builder_begin_object (b);
      member_string (b, "country", g->country->code);
      member_int (b, "year", g->year);
      member_string (b, "source", g->origin->identity);
      member_string (b, "citation", g->origin->citation);
      json_builder_set_member_name (b, "counts");
      json_builder_begin_object (b);
      for (guint k = 0; k < TR_N_COUNTS; k++)
        member_int (b, tr_record_count_columns[k].name, (gint64) g->n[k]);
      json_builder_end_object (b);
      member_int (b, "lists_gap", g->lists_gap);
      member_int (b, "extra_entries", g->extra_entries);
      member_int (b, "earlier_years_entries", g->carried);
      /* The aggregate figures and what is left unexplained, when there is a gap to explain. */
      json_builder_set_member_name (b, "gap");
      if (g->explains)
        json_builder_add_int_value (b, g->gap);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "unexplained");
      if (g->explains)
        json_builder_add_int_value (b, g->unexplained);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "sent_matches_reference");
      if (g->explains)
        json_builder_add_boolean_value (
            b, (gint64) g->n[TR_COUNT_SENT] == g->pair->reference->value.count);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "logged_matches_declared");
      if (g->explains)
        json_builder_add_boolean_value (
            b, (gint64) g->n[TR_COUNT_LOGGED] == g->pair->declared->value.count);
      else
        json_builder_add_null_value (b);
      g_autofree char *sentence = tr_render_records_sentence (report->rec, g, FALSE);
      member_string (b, "sentence", sentence);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* A figure of the funnel or the scorecard: "value" (null when missing), "qualifier",
 * "missing" (its reason, "no_row" when the table has no row, null when present), "citation"
 * (its source's, from the catalogue) and "where". */
static void
observation_members (JsonBuilder *b, const TrObservation *obs)
{
  count_or_null (b, "value", obs);
  member_string (b, "qualifier", obs != NULL && obs->value.present
                                     ? tr_qualifier_name (obs->value.qualifier)
                                     : NULL);
  member_string (b, "missing", obs == NULL             ? "no_row"
                               : !obs->value.present ? tr_missing_name (obs->value.missing)
                                                     : NULL);
  member_string (b, "citation", obs == NULL          ? NULL
                                : obs->origin != NULL ? obs->origin->citation
                                                      : obs->where.file);
  where_or_null (b, "where", obs);
}

/* The notes (const TrNote *) as an array of objects: country, measure, years, kind, summary,
 * where (the note's row). */
static void
notes_member (JsonBuilder *b, const char *name, const GPtrArray *notes)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint k = 0; k < notes->len; k++)
    {
      const TrNote *note = g_ptr_array_index (notes, k);
      json_builder_begin_object (b);
      member_string (b, "measure", note->measure);
      member_int (b, "year_from", note->year_from);
      member_int (b, "year_to", note->year_to);
      member_string (b, "kind", note->kind);
      member_string (b, "summary", note->summary);
      g_autofree char *where = g_strdup_printf ("%s:%u:%u", note->where.file, note->where.line,
                                                note->where.column);
      member_string (b, "where", where);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
funnel_element (JsonBuilder *b, gconstpointer item, gconstpointer context)
{
  const TrFunnelRow *row = item;
  (void) context;
  const TrFunnelStepSpec *specs = tr_funnel_steps ();
  json_builder_begin_object (b);
  member_string (b, "country", row->country->code);
  member_int (b, "year", row->year);
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
    {
      const TrFunnelStep *step = &row->steps[s];
      json_builder_begin_object (b);
      member_string (b, "step", specs[s].key);
      member_string (b, "measure", specs[s].measure);
      observation_members (b, step->obs);
      json_builder_set_member_name (b, "counts_differently");
      json_builder_add_boolean_value (b, step->differs);
      notes_member (b, "notes", step->notes);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "declared_over_sent");
  if (row->has_ratio)
    add_number (b, (double) row->ratio_num / (double) row->ratio_den);
  else
    json_builder_add_null_value (b);
  member_string (b, "declared_over_sent_qualifier",
                 row->has_ratio ? tr_qualifier_name (row->ratio_qualifier) : NULL);
  member_string (b, "no_ratio_because", row->no_ratio);
  json_builder_end_object (b);
}

static void
scorecard_element (JsonBuilder *b, gconstpointer item, gconstpointer context)
{
  const TrScorecardRow *row = item;
  (void) context;
  json_builder_begin_object (b);
  member_string (b, "country", row->country->code);
  member_string (b, "verdict", row->verdict);
  json_builder_set_member_name (b, "completeness");
  json_builder_begin_object (b);
  member_string (b, "mark", tr_scorecard_mark (row, 0));
  member_string (b, "reason", tr_scorecard_mark_reason (row, 0));
  member_int (b, "asked", row->asked);
  member_int (b, "given", row->given);
  member_int (b, "not_exact", row->inexact);
  json_builder_set_member_name (b, "figures");
  json_builder_begin_array (b);
  for (guint k = 0; k < row->figures->len; k++)
    {
      const TrScoreFigure *f = &g_array_index (row->figures, TrScoreFigure, k);
      json_builder_begin_object (b);
      member_int (b, "year", f->year);
      g_autofree char *article = g_strdup_printf ("8(1)(%c)", f->letter);
      member_string (b, "article", article);
      member_string (b, "measure", f->measure);
      observation_members (b, f->obs);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "consistency");
  json_builder_begin_object (b);
  member_string (b, "mark", tr_scorecard_mark (row, 1));
  member_string (b, "reason", tr_scorecard_mark_reason (row, 1));
  member_int (b, "holds", row->holds);
  member_int (b, "fails", row->fails);
  member_int (b, "not_checkable", row->unchecked);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "coverage");
  json_builder_begin_object (b);
  member_string (b, "mark", tr_scorecard_mark (row, 2));
  member_string (b, "reason", tr_scorecard_mark_reason (row, 2));
  member_int (b, "years", row->n_years);
  json_builder_set_member_name (b, "lowest");
  if (row->n_years > 0)
    add_number (b, (double) row->low_num / (double) row->low_den);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "highest");
  if (row->n_years > 0)
    add_number (b, (double) row->high_num / (double) row->high_den);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "counted_differently");
  json_builder_add_boolean_value (b, row->coverage_differs);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "caveats");
  json_builder_begin_object (b);
  member_string (b, "mark", tr_scorecard_mark (row, 3));
  member_string (b, "reason", tr_scorecard_mark_reason (row, 3));
  notes_member (b, "notes", row->notes);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

void
tr_render_json (const TrReport *report, FILE *out)
{
  /* Streamed member by member, and the long arrays item by item. */
  gboolean first = TRUE;
  const TrReconciliation *rec = report->rec;
  fputc ('{', out);
  write_member (out, &first, add_tool, report);
  write_member (out, &first, add_inputs, report);
  write_member (out, &first, parameters, report);
  write_array (out, &first, "pairs", rec->pairs, pairs_element, rec);
  write_array (out, &first, "series", rec->series, series_element, rec);
  write_array (out, &first, "years", rec->years, years_element, rec);
  write_array (out, &first, "totals", rec->totals, totals_element, rec);
  write_member (out, &first, add_comparisons, report);
  if (report->records != NULL)
    write_member (out, &first, add_records, report);
  write_array (out, &first, "anomalies", report->anomalies, anomalies_element, rec);
  if (report->since != NULL)
    write_member (out, &first, add_history, report);
  if (report->accepted != NULL)
    write_array (out, &first, "accepted", report->accepted, accepted_element, rec);
  write_member (out, &first, add_statements, report);
  /* From report to conviction, and the scorecard: only when the later steps were read. */
  g_autoptr (GPtrArray) funnel = tr_funnel_build (rec, report->notes);
  if (funnel->len > 0)
    write_array (out, &first, "funnel", funnel, funnel_element, rec);
  g_autoptr (GPtrArray) cards
      = tr_scorecard_build (rec, report->notes, report->statements, report->config);
  if (cards->len > 0)
    write_array (out, &first, "scorecard", cards, scorecard_element, rec);
  write_member (out, &first, summary, report);
  fputs ("\n}\n", out);
}
