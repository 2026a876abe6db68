/* main.c — tiprecon's command line: options, wiring of the stages, exit status. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "baseline.h"
#include "bundle.h"
#include "catalogue.h"
#include "country.h"
#include "dataset.h"
#include "escape.h"
#include "fingerprint.h"
#include "history.h"
#include "output.h"
#include "records.h"
#include "records-source.h"
#include "notes.h"
#include "render.h"
#include "rules.h"
#include "scope.h"
#include "statement.h"
#include "comparison.h"

/* Exit statuses (DESIGN §6). */
enum {
  EXIT_DONE = 0,      /* done, no anomaly at or above --fail-on */
  EXIT_ANOMALIES = 1, /* anomalies at or above --fail-on */
  EXIT_INPUT = 2,     /* usage or input error */
};

/* A file of the user's, in the order of the command line. */
typedef struct {
  char *path;         /* as given */
  const char *series; /* "reference", "declared" or "records" (TR_RECORDS_SERIES) */
  char *label;        /* --label right after it, or NULL: cited as its path */
} UserFile;

static void
user_file_free (gpointer data)
{
  UserFile *file = data;
  g_free (file->path);
  g_free (file->label);
  g_free (file);
}

typedef struct {
  GPtrArray *files;   /* UserFile *: the --reference and --declared files, replacing the
                         bundled tables of their series, and the --records files */
  char *reference_layout; /* layout file for the --reference files */
  char *declared_layout;  /* layout file for the --declared files */
  char *on_duplicate; /* "error" or "sum" */
  char *output;       /* NULL: standard output */
  char *format;       /* text (default), csv, json, tidy */
  char *config;       /* rule thresholds (GLib key file) */
  char *fail_on;      /* info, warning, critical */
  char **statements;  /* --statements files, checked after the bundled statements */
  char *countries;    /* comma-separated country labels to keep */
  char *years;        /* YYYY or YYYY-YYYY */
  char *explain;      /* a country label */
  char *measure;      /* the measure matched (default: reports) */
  char *chart;        /* with --format svg: coverage, gap, trend, per-capita or map */
  char *metric;       /* with --chart map: coverage, per-capita or gap */
  gboolean anomalies; /* with --format csv: one row per anomaly */
  char *history;      /* --history FILE: the run history (SQLite) */
  char *fail_on_new;  /* info, warning, critical: only new anomalies count */
  char *baseline;     /* --baseline FILE: the accepted anomalies */
  char *write_baseline; /* --write-baseline FILE */
  gboolean list_rules;
  gboolean tidy;
  gboolean version;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->files, g_ptr_array_unref);
  g_free (options->reference_layout);
  g_free (options->declared_layout);
  g_free (options->on_duplicate);
  g_free (options->output);
  g_free (options->format);
  g_free (options->config);
  g_free (options->fail_on);
  g_strfreev (options->statements);
  g_free (options->countries);
  g_free (options->years);
  g_free (options->explain);
  g_free (options->measure);
  g_free (options->chart);
  g_free (options->metric);
  g_free (options->history);
  g_free (options->fail_on_new);
  g_free (options->baseline);
  g_free (options->write_baseline);
}

/* Prints one line on standard error, with any control or invisible character it quotes from
 * the input or the command line shown as "<U+001B>", never sent to the terminal. */
static void
print_line (const char *message)
{
  g_autofree char *safe = tr_escape_terminal (message, -1, FALSE);
  fprintf (stderr, "%s\n", safe);
}

static int
fail (const char *message)
{
  print_line (message);
  return EXIT_INPUT;
}

/* TRUE when the user gave a file of `series`. */
static gboolean
has_files (const Options *options, const char *series)
{
  for (guint i = 0; options->files != NULL && i < options->files->len; i++)
    if (strcmp (((const UserFile *) g_ptr_array_index (options->files, i))->series, series)
        == 0)
      return TRUE;
  return FALSE;
}

/* --reference FILE, --declared FILE, --records FILE: kept in command-line order, so that --label
 * can name the file just before it. */
static gboolean
add_file (const char *option_name, const char *value, gpointer data, GError **error)
{
  (void) error;
  Options *options = data;
  UserFile *file = g_new0 (UserFile, 1);
  file->path = g_strdup (value);
  file->series = strcmp (option_name, "-r") == 0 || strcmp (option_name, "--reference") == 0
                     ? "reference"
                 : strcmp (option_name, "--records") == 0 ? TR_RECORDS_SERIES
                                                           : "declared";
  if (options->files == NULL)
    options->files = g_ptr_array_new_with_free_func (user_file_free);
  g_ptr_array_add (options->files, file);
  return TRUE;
}

/* --label TEXT: how the outputs cite the file given just before it. */
static gboolean
add_label (const char *option_name, const char *value, gpointer data, GError **error)
{
  (void) option_name;
  Options *options = data;
  UserFile *file = options->files != NULL && options->files->len > 0
                       ? g_ptr_array_index (options->files, options->files->len - 1)
                       : NULL;
  g_autofree char *label = g_strstrip (g_strdup (value));
  if (file == NULL || file->label != NULL || label[0] == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--label %s: %s; expected one non-empty --label right after the "
                   "--reference, --declared or --records file it names",
                   value,
                   label[0] == '\0'    ? "found an empty label"
                   : file == NULL      ? "found no file before it"
                                       : "found a second label for one file");
      return FALSE;
    }
  file->label = g_steal_pointer (&label);
  return TRUE;
}

/* Adds the bundled tables of the roles not replaced by a file of the user's, then the
 * user's files (reference files first, the --records files last), each the source user:LABEL
 * of the catalogue. */
static gboolean
load_inputs (const Options *options, TrDataset *dataset, TrCatalogue *catalogue,
             GError **error)
{
  gboolean own_reference = has_files (options, "reference");
  gboolean own_declared = has_files (options, "declared");
  gboolean sum = g_strcmp0 (options->on_duplicate, "sum") == 0;

  const GPtrArray *sources = tr_catalogue_sources (catalogue);
  guint n_bundled = sources->len;
  for (guint i = 0; i < n_bundled; i++)
    {
      const TrSource *source = g_ptr_array_index (sources, i);
      if (source->path == NULL)
        continue;
      gboolean replaced = (strcmp (source->role, "reference") == 0 && own_reference)
                          || (strcmp (source->role, "declared") == 0 && own_declared)
                          || (strcmp (source->role, "context") == 0
                              && (own_reference || own_declared));
      if (replaced)
        continue;
      TrTableSpec spec;
      tr_dataset_spec_of (source, &spec);
      if (!tr_dataset_load (dataset, &spec, error))
        return FALSE;
    }

  static const char *const series[] = { "reference", "declared", TR_RECORDS_SERIES };
  for (gsize r = 0; r < G_N_ELEMENTS (series); r++)
    for (guint i = 0; options->files != NULL && i < options->files->len; i++)
      {
        const UserFile *file = g_ptr_array_index (options->files, i);
        if (strcmp (file->series, series[r]) != 0)
          continue;
        const TrSource *source = tr_catalogue_add_user (
            catalogue, file->path, file->label, file->series,
            r == 0   ? options->reference_layout
            : r == 1 ? options->declared_layout
                     : NULL,
            error);
        if (source == NULL)
          {
            g_prefix_error (error, "tiprecon: --%s %s: ",
                            file->label != NULL ? "label" : file->series,
                            file->label != NULL ? file->label : file->path);
            return FALSE;
          }
        /* The counts of record-level lists are observations of their own series. */
        if (strcmp (file->series, TR_RECORDS_SERIES) == 0)
          {
            if (!tr_records_source_load (dataset, source, error))
              return FALSE;
            continue;
          }
        /* A user's file adds to its series, or to a source of its own; never to another
         * series or to a bundled source. */
        g_auto (GStrv) foreign = tr_catalogue_foreign_series (catalogue, file->series);
        TrTableSpec spec;
        tr_dataset_spec_of (source, &spec);
        spec.foreign_sources = (const char *const *) foreign;
        spec.sum_duplicates = sum;
        if (!tr_dataset_load (dataset, &spec, error))
          return FALSE;
      }
  return TRUE;
}

/* Reads the statements files: DATA_DIR/statements.txt when the bundled tables are read (no
 * --reference, no --declared), cited as data/statements.txt, then every --statements file. */
static gboolean
load_statements (const Options *options, const char *data_dir, GPtrArray *files,
                 GError **error)
{
  if (!has_files (options, "reference") && !has_files (options, "declared"))
    {
      g_autofree char *path = g_build_filename (data_dir, "statements.txt", NULL);
      g_autofree char *name = tr_bundle_display_name (data_dir, "statements.txt");
      g_autofree char *text = NULL;
      gsize n = 0;
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          if (!g_file_get_contents (path, &text, &n, error))
            return FALSE;
          TrStatementFile *file = tr_statement_file_parse (name, text, (gssize) n, error);
          if (file == NULL)
            return FALSE;
          tr_statement_file_set_identity (file, "bundled:statements.txt");
          g_ptr_array_add (files, file);
        }
    }
  for (char **path = options->statements; path != NULL && *path != NULL; path++)
    {
      TrStatementFile *file = tr_statement_file_load (*path, error);
      if (file == NULL)
        return FALSE;
      g_ptr_array_add (files, file);
    }
  return TRUE;
}

/* Parses --years: "2023" or "2022-2024". */
static gboolean
parse_years (const char *text, TrFilter *filter)
{
  g_auto (GStrv) parts = g_strsplit (text, "-", 2);
  guint64 from = 0, to = 0;
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1900, 2099, &from, NULL))
    return FALSE;
  to = from;
  if (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, from, 2099, &to, NULL))
    return FALSE;
  filter->year_from = (int) from;
  filter->year_to = (int) to;
  return TRUE;
}

/* Renders the chosen output into `out`, which tr_output_commit() checks; FALSE when memory
 * ran out (a part of the document could not be built). */
static gboolean
render (const Options *options, const TrReport *report, const TrCountry *explain, FILE *out)
{
  const char *format = options->format != NULL ? options->format : "text";
  if (options->tidy || strcmp (format, "tidy") == 0)
    tr_render_tidy (report->dataset, out);
  else if (explain != NULL)
    tr_render_explain (report, explain, out);
  else if (strcmp (format, "json") == 0)
    tr_render_json (report, out);
  else if (strcmp (format, "markdown") == 0)
    tr_render_markdown (report, out);
  else if (strcmp (format, "html") == 0)
    return tr_render_html (report, out);
  else if (strcmp (format, "svg") == 0)
    {
      g_autoptr (GString) svg = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      if (g_strcmp0 (options->chart, "gap") == 0)
        tr_chart_gap (report, svg);
      else if (g_strcmp0 (options->chart, "trend") == 0)
        tr_chart_trend_eu (report, svg);
      else if (g_strcmp0 (options->chart, "per-capita") == 0)
        tr_chart_per_capita (report, svg);
      else if (g_strcmp0 (options->chart, "map") == 0)
        {
          TrMapMetric metric = TR_MAP_COVERAGE;
          if (options->metric != NULL)
            tr_map_metric_parse (options->metric, &metric); /* checked by check_usage() */
          tr_chart_map (report, metric, svg);
        }
      else
        tr_chart_coverage (report, svg);
      fwrite (svg->str, 1, svg->len, out);
    }
  else if (strcmp (format, "csv") == 0 && options->anomalies)
    tr_render_csv_anomalies (report, out);
  else if (strcmp (format, "csv") == 0)
    tr_render_csv_pairs (report, out);
  else
    tr_render_text (report, out);
  return TRUE;
}

/* TRUE when the run shows or keeps the SHA-256 of the tables it reads: the JSON and HTML
 * reports print them, a run history (--history) records them. The other formats do not: the
 * checksums are then not computed. */
static gboolean
prints_checksums (const Options *options)
{
  const char *format = options->format != NULL ? options->format : "text";
  gboolean tidy = options->tidy || strcmp (format, "tidy") == 0;
  return options->history != NULL
         || (!tidy && options->explain == NULL
             && (strcmp (format, "json") == 0 || strcmp (format, "html") == 0));
}

/* Every file the run reads (NULL-terminated, borrowed from `options`): --output may not be
 * one of them. */
static GPtrArray *
input_files (const Options *options)
{
  GPtrArray *files = g_ptr_array_new ();
  for (guint i = 0; options->files != NULL && i < options->files->len; i++)
    g_ptr_array_add (files, ((const UserFile *) g_ptr_array_index (options->files, i))->path);
  const char *singles[] = { options->reference_layout, options->declared_layout,
                            options->config };
  for (gsize i = 0; i < G_N_ELEMENTS (singles); i++)
    if (singles[i] != NULL)
      g_ptr_array_add (files, (gpointer) singles[i]);
  for (char **file = options->statements; file != NULL && *file != NULL; file++)
    g_ptr_array_add (files, *file);
  if (options->baseline != NULL)
    g_ptr_array_add (files, options->baseline);
  if (options->history != NULL)
    g_ptr_array_add (files, options->history);
  g_ptr_array_add (files, NULL);
  return files;
}

/* Refuses an option that the chosen output would ignore (DESIGN §7): --list-rules takes only
 * --config and --output; --tidy (or --format tidy) takes only the inputs and --output;
 * --explain prints text and names its own country; --chart needs --format svg; --anomalies
 * needs --format csv. Returns a message, or NULL. */
static char *
check_applies (const Options *options)
{
  const char *format = options->format != NULL ? options->format : "text";
  gboolean tidy = options->tidy || strcmp (format, "tidy") == 0;
  struct {
    const char *name;
    gboolean given;
    gboolean with_rules; /* applies to --list-rules */
    gboolean with_tidy;  /* applies to --tidy */
  } given[] = {
    { "--reference", has_files (options, "reference"), FALSE, TRUE },
    { "--declared", has_files (options, "declared"), FALSE, TRUE },
    { "--records", has_files (options, TR_RECORDS_SERIES), FALSE, TRUE },
    { "--reference-layout", options->reference_layout != NULL, FALSE, TRUE },
    { "--declared-layout", options->declared_layout != NULL, FALSE, TRUE },
    { "--on-duplicate", options->on_duplicate != NULL, FALSE, TRUE },
    { "--format", options->format != NULL, FALSE, strcmp (format, "tidy") == 0 },
    { "--chart", options->chart != NULL, FALSE, FALSE },
    { "--metric", options->metric != NULL, FALSE, FALSE },
    { "--anomalies", options->anomalies, FALSE, FALSE },
    { "--config", options->config != NULL, TRUE, FALSE },
    { "--fail-on", options->fail_on != NULL, FALSE, FALSE },
    { "--statements", options->statements != NULL, FALSE, FALSE },
    { "--country", options->countries != NULL, FALSE, FALSE },
    { "--years", options->years != NULL, FALSE, FALSE },
    { "--explain", options->explain != NULL, FALSE, FALSE },
    { "--measure", options->measure != NULL, FALSE, FALSE },
    { "--tidy", options->tidy, FALSE, TRUE },
    { "--history", options->history != NULL, FALSE, FALSE },
    { "--fail-on-new", options->fail_on_new != NULL, FALSE, FALSE },
    { "--baseline", options->baseline != NULL, FALSE, FALSE },
    { "--write-baseline", options->write_baseline != NULL, FALSE, FALSE },
  };
  if (options->tidy && strcmp (format, "text") != 0 && strcmp (format, "tidy") != 0)
    return g_strdup_printf ("tiprecon: --tidy prints long CSV; found --format %s, expected no "
                            "--format or --format tidy",
                            format);
  for (gsize i = 0; i < G_N_ELEMENTS (given); i++)
    {
      if (!given[i].given)
        continue;
      if (options->list_rules && !given[i].with_rules)
        return g_strdup_printf ("tiprecon: --list-rules does not use %s; expected only "
                                "--config and --output with it",
                                given[i].name);
      if (!options->list_rules && tidy && !given[i].with_tidy)
        return g_strdup_printf ("tiprecon: --tidy does not use %s (it prints every "
                                "observation read, unfiltered); expected only --reference, "
                                "--declared, their layouts, --records, --on-duplicate and "
                                "--output with it",
                                given[i].name);
    }
  if (options->explain != NULL && strcmp (format, "text") != 0)
    return g_strdup_printf ("tiprecon: --explain prints text; found --format %s, expected no "
                            "--format or --format text",
                            format);
  if (options->explain != NULL && options->countries != NULL)
    return g_strdup ("tiprecon: --explain names its own country; expected no --country "
                     "with it");
  if (options->chart != NULL && strcmp (format, "svg") != 0)
    return g_strdup_printf ("tiprecon: --chart %s draws an SVG chart; expected --format svg "
                            "with it",
                            options->chart);
  if (options->metric != NULL && g_strcmp0 (options->chart, "map") != 0)
    return g_strdup_printf ("tiprecon: --metric %s colours the map; expected --format svg "
                            "--chart map with it",
                            options->metric);
  if (options->anomalies && strcmp (format, "csv") != 0)
    return g_strdup ("tiprecon: --anomalies lists anomalies as CSV; expected --format csv "
                     "with it");
  if (options->fail_on_new != NULL && options->history == NULL)
    return g_strdup ("tiprecon: --fail-on-new judges what is new since the last run; expected "
                     "--history FILE with it");
  if (options->explain != NULL && options->history != NULL)
    return g_strdup ("tiprecon: --explain tells one country and is not a run to record; "
                     "expected no --history with it");
  if (options->write_baseline != NULL && options->output != NULL
      && strcmp (options->write_baseline, options->output) == 0)
    return g_strdup_printf ("tiprecon: --write-baseline and --output name one file (%s); "
                            "expected two files",
                            options->output);
  return NULL;
}

/* The line that goes with exit status 1: how many anomalies are at or above `threshold`, and
 * of which rules (catalogue order); NULL when there are none. */
static char *
fail_on_summary (const GPtrArray *anomalies, TrSeverity threshold, gboolean only_new)
{
  guint per_rule[TR_N_RULES] = { 0 };
  guint n = 0;
  for (guint i = 0; i < anomalies->len; i++)
    {
      const TrAnomaly *a = g_ptr_array_index (anomalies, i);
      if (a->severity < threshold || (only_new && g_strcmp0 (a->since, "new") != 0))
        continue;
      per_rule[a->rule->id]++;
      n++;
    }
  if (n == 0)
    return NULL;
  g_autoptr (GString) line = g_string_new (NULL);
  g_string_printf (line, "tiprecon: %u %s%s at or above %s (", n, only_new ? "new " : "",
                   n == 1 ? "anomaly" : "anomalies", tr_severity_name (threshold));
  const TrRule *rules = tr_rules_catalogue ();
  const char *separator = "";
  for (int r = 0; r < TR_N_RULES; r++)
    if (per_rule[r] > 0)
      {
        g_string_append_printf (line, "%s%s %u", separator, rules[r].name, per_rule[r]);
        separator = ", ";
      }
  g_string_append_c (line, ')');
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* The SHA-256 of the file at `path` (64 hex digits, newly allocated), or NULL when it cannot
 * be read. */
static char *
file_sha256 (const char *path)
{
  g_autofree char *text = NULL;
  gsize n = 0;
  if (!g_file_get_contents (path, &text, &n, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, n);
}

/* What makes two runs comparable (newly allocated): the measure, the filter, the sources by
 * identity (a user's file by its label or file name, never its directory), the statements
 * files by name, and the thresholds by their file's SHA-256. The output format, --fail-on and
 * the baseline are not part of it: they change what is shown, not what is found. */
static char *
run_parameters (const Options *options, const TrDataset *dataset, const char *measure)
{
  GString *text = g_string_new (NULL);
  g_string_append_printf (text, "measure=%s; country=%s; years=%s; on-duplicate=%s; sources=",
                          measure, options->countries != NULL ? options->countries : "",
                          options->years != NULL ? options->years : "",
                          options->on_duplicate != NULL ? options->on_duplicate : "error");
  for (guint i = 0; i < dataset->inputs->len; i++)
    {
      const TrInput *in = g_ptr_array_index (dataset->inputs, i);
      g_autofree char *base = g_path_get_basename (in->path);
      g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                              in->origin != NULL ? tr_fingerprint_identity (in->origin) : base);
    }
  g_string_append (text, "; statements=");
  for (char **file = options->statements; file != NULL && *file != NULL; file++)
    {
      g_autofree char *base = g_path_get_basename (*file);
      g_string_append_printf (text, "%s%s", file != options->statements ? "," : "", base);
    }
  g_autofree char *config = options->config != NULL ? file_sha256 (options->config) : NULL;
  g_string_append_printf (text, "; config=%s", config != NULL ? config : "default");
  return g_string_free (text, FALSE);
}

/* Every file the run read, with its SHA-256, for the history (inputs that are the dataset's
 * give their source identity). `shas` keeps the strings computed here. */
static GArray *
history_inputs (const Options *options, const TrDataset *dataset, GPtrArray *shas)
{
  GArray *inputs = g_array_new (FALSE, FALSE, sizeof (TrHistoryInput));
  for (guint i = 0; i < dataset->inputs->len; i++)
    {
      const TrInput *in = g_ptr_array_index (dataset->inputs, i);
      TrHistoryInput h = { in->path, in->origin != NULL ? in->origin->identity : NULL,
                           in->sha256 };
      g_array_append_val (inputs, h);
    }
  g_autoptr (GPtrArray) others = g_ptr_array_new ();
  if (options->config != NULL)
    g_ptr_array_add (others, options->config);
  for (char **file = options->statements; file != NULL && *file != NULL; file++)
    g_ptr_array_add (others, *file);
  if (options->baseline != NULL)
    g_ptr_array_add (others, options->baseline);
  for (guint i = 0; i < others->len; i++)
    {
      char *sha = file_sha256 (g_ptr_array_index (others, i));
      if (sha == NULL)
        continue;
      g_ptr_array_add (shas, sha);
      TrHistoryInput h = { g_ptr_array_index (others, i), NULL, sha };
      g_array_append_val (inputs, h);
    }
  return inputs;
}

/* --write-baseline: the anomalies found (accepted ones included), accepted for a year from
 * today, all or nothing. */
static gboolean
write_baseline (const Options *options, const GPtrArray *anomalies, const char *const *inputs,
                const GDate *today, GError **error)
{
  TrOutput *output = tr_output_open (options->write_baseline, inputs, error);
  if (output == NULL)
    return FALSE;
  GDate until = *today;
  g_date_add_years (&until, 1);
  tr_baseline_write (anomalies, &until, tr_output_stream (output));
  return tr_output_commit (output, error);
}

/* --list-rules: writes the rule catalogue to the output (the config file is its one input). */
static gboolean
write_rules (const Options *options, const TrRuleConfig *config, GError **error)
{
  const char *inputs[] = { options->config, NULL };
  TrOutput *output = tr_output_open (options->output, inputs, error);
  if (output == NULL)
    return FALSE;
  tr_render_rules (config, tr_output_stream (output));
  return tr_output_commit (output, error);
}

/* Checks the options that need no input; returns a message for a usage error, or NULL. */
static char *
check_usage (const Options *options, int argc, char **argv, TrSeverity *fail_on,
             gboolean *has_fail_on)
{
  static const char *const formats[] = { "text", "csv", "json", "markdown", "html", "svg",
                                         "tidy", NULL };
  static const char *const charts[] = { "coverage", "gap", "trend", "per-capita", "map",
                                        NULL };
  if (argc > 1)
    return g_strdup_printf ("tiprecon: found the argument '%s'; expected only options (input "
                            "files go after --reference or --declared)",
                            argv[1]);
  if (options->on_duplicate != NULL && strcmp (options->on_duplicate, "sum") != 0
      && strcmp (options->on_duplicate, "error") != 0)
    return g_strdup_printf ("tiprecon: --on-duplicate %s; expected error or sum",
                            options->on_duplicate);
  if (options->format != NULL && !g_strv_contains (formats, options->format))
    return g_strdup_printf ("tiprecon: --format %s; expected text, csv, json, markdown, "
                            "html, svg or tidy",
                            options->format);
  if (options->chart != NULL && !g_strv_contains (charts, options->chart))
    return g_strdup_printf ("tiprecon: --chart %s; expected coverage, gap, trend, "
                            "per-capita or map",
                            options->chart);
  TrMapMetric metric;
  if (options->metric != NULL && !tr_map_metric_parse (options->metric, &metric))
    return g_strdup_printf ("tiprecon: --metric %s; expected coverage, per-capita or gap",
                            options->metric);
  *has_fail_on = options->fail_on != NULL;
  if (*has_fail_on && !tr_severity_parse (options->fail_on, fail_on))
    return g_strdup_printf ("tiprecon: --fail-on %s; expected info, warning or critical",
                            options->fail_on);
  TrSeverity ignored;
  if (options->fail_on_new != NULL && !tr_severity_parse (options->fail_on_new, &ignored))
    return g_strdup_printf ("tiprecon: --fail-on-new %s; expected info, warning or critical",
                            options->fail_on_new);
  return check_applies (options);
}

/* `tiprecon records`: the options of the subcommand. */
typedef struct {
  char *sent, *received;  /* the two lists */
  char *received_country; /* the log's country, when it has no country column */
  char *format;           /* text (default), csv, json */
  char *output;           /* NULL: standard output */
  char *details;          /* --details FILE, or NULL */
} RecordsOptions;

static void
records_options_clear (RecordsOptions *o)
{
  g_free (o->sent);
  g_free (o->received);
  g_free (o->received_country);
  g_free (o->format);
  g_free (o->output);
  g_free (o->details);
}

/* The lists are read, then --details is written and committed, then the counts: an error at
 * any step leaves neither file behind and nothing on standard output. */
static int
records_run (const RecordsOptions *o, GError **error)
{
  g_autofree char *data_dir = tr_bundle_data_dir ();
  g_autoptr (TrCountryTable) countries = tr_country_table_load (data_dir, error);
  if (countries == NULL)
    return EXIT_INPUT;
  const TrCountry *log_country = NULL;
  if (o->received_country != NULL)
    {
      log_country = tr_country_table_lookup (countries, o->received_country);
      if (log_country == NULL || !tr_subject_is_country (log_country))
        {
          g_set_error (error, TR_RECORDS_ERROR, TR_RECORDS_ERROR_USAGE,
                       "tiprecon records: --received-country %s: not a country; expected a "
                       "country's code or name",
                       o->received_country);
          return EXIT_INPUT;
        }
    }
  g_autoptr (TrRecords) records = tr_records_new (countries);
  if (!tr_records_read (records, o->sent, o->received, log_country, error))
    return EXIT_INPUT;
  const char *inputs[] = { o->sent, o->received, NULL };
  if (o->details != NULL)
    {
      TrOutput *details = tr_output_open (o->details, inputs, error);
      if (details == NULL)
        return EXIT_INPUT;
      if (!tr_records_write_details (records, tr_output_stream (details), error))
        {
          tr_output_abort (details);
          return EXIT_INPUT;
        }
      if (!tr_output_commit (details, error))
        return EXIT_INPUT;
    }
  TrOutput *output = tr_output_open (o->output, inputs, error);
  if (output == NULL)
    return EXIT_INPUT;
  const char *format = o->format != NULL ? o->format : "text";
  FILE *out = tr_output_stream (output);
  if (strcmp (format, "csv") == 0)
    tr_render_records_csv (records, out);
  else if (strcmp (format, "json") == 0)
    tr_render_records_json (records, out);
  else
    tr_render_records_text (records, out);
  return tr_output_commit (output, error) ? EXIT_DONE : EXIT_INPUT;
}

/* `tiprecon records --sent FILE --received FILE [...]`: argv[0] is "records". */
static int
records_main (int argc, char **argv)
{
  RecordsOptions o = { 0 };
  GOptionEntry entries[] = {
    { "sent", 's', 0, G_OPTION_ARG_FILENAME, &o.sent,
      "The reports NCMEC made available: report id, country, date made available", "FILE" },
    { "received", 'r', 0, G_OPTION_ARG_FILENAME, &o.received,
      "The intake log: report id, date received, optionally country and case reference",
      "FILE" },
    { "received-country", 0, 0, G_OPTION_ARG_STRING, &o.received_country,
      "The country of every entry of a log that has no country column", "COUNTRY" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &o.format,
      "Output format: text (default), csv or json", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      "Write the counts to FILE (all or nothing) instead of standard output", "FILE" },
    { "details", 0, 0, G_OPTION_ARG_FILENAME, &o.details,
      "Write every report never received, received later or twice or more, and every entry "
      "from another source to FILE as CSV (all or nothing)", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (
      "- match NCMEC's list of reports with a national intake log, report by report");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (
      context, "See docs/records.md. Exit status: 0 done, 2 usage or input error.\n");
  g_autoptr (GError) error = NULL;
  int status = EXIT_INPUT;
  g_autofree char *usage = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    usage = g_strdup_printf ("tiprecon records: %s (try tiprecon records --help)",
                             error->message);
  else if (argc > 1)
    usage = g_strdup_printf ("tiprecon records: found the argument '%s'; expected only options "
                             "(try tiprecon records --help)",
                             argv[1]);
  else if (o.sent == NULL || o.received == NULL)
    usage = g_strdup_printf ("tiprecon records: found no %s; expected --sent FILE and "
                             "--received FILE",
                             o.sent == NULL ? "--sent" : "--received");
  else if (o.format != NULL && strcmp (o.format, "text") != 0 && strcmp (o.format, "csv") != 0
           && strcmp (o.format, "json") != 0)
    usage = g_strdup_printf ("tiprecon records: --format %s; expected text, csv or json",
                             o.format);
  else if (o.details != NULL && o.output != NULL && strcmp (o.details, o.output) == 0)
    usage = g_strdup_printf ("tiprecon records: --details and --output name one file (%s); "
                             "expected two files",
                             o.output);
  if (usage != NULL)
    status = fail (usage);
  else
    {
      status = records_run (&o, &error);
      if (status != EXIT_DONE)
        fail (error->message);
    }
  records_options_clear (&o);
  return status;
}

/* `tiprecon history FILE [--run N | --fingerprint HEX]`: argv[0] is "history". */
static int
history_main (int argc, char **argv)
{
  gint64 run = 0;
  char *fingerprint = NULL, *output_path = NULL;
  GOptionEntry entries[] = {
    { "run", 'n', 0, G_OPTION_ARG_INT64, &run,
      "Show the anomalies of run N and those it resolved", "N" },
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, &fingerprint,
      "Show every run that found the anomaly of this fingerprint (its first digits, at least "
      "6)", "HEX" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      "Write to FILE (all or nothing) instead of standard output", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context
      = g_option_context_new ("FILE - the runs a --history file recorded");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (
      context, "See docs/scheduled-runs.md. Exit status: 0 done, 2 usage or input error.\n");
  g_autoptr (GError) error = NULL;
  g_autofree char *usage = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    usage = g_strdup_printf ("tiprecon history: %s (try tiprecon history --help)",
                             error->message);
  else if (argc != 2)
    usage = g_strdup ("tiprecon history: expected one history FILE (try tiprecon history "
                      "--help)");
  else if (run < 0)
    usage = g_strdup_printf ("tiprecon history: --run %" G_GINT64_FORMAT
                             "; expected the number of a run, from 1",
                             run);
  else if (fingerprint != NULL && run != 0)
    usage = g_strdup ("tiprecon history: --run and --fingerprint; expected one of them");
  else if (fingerprint != NULL
           && (strlen (fingerprint) < 6 || strlen (fingerprint) > 64
               || strspn (fingerprint, "0123456789abcdefABCDEF") != strlen (fingerprint)))
    usage = g_strdup_printf ("tiprecon history: --fingerprint %s; expected 6 to 64 hex digits",
                             fingerprint);
  int status = EXIT_DONE;
  if (usage != NULL)
    status = fail (usage);
  else
    {
      g_autoptr (TrHistory) history = tr_history_open (argv[1], TRUE, &error);
      const char *inputs[] = { argv[1], NULL };
      TrOutput *output = history != NULL ? tr_output_open (output_path, inputs, &error) : NULL;
      if (output != NULL
          && !tr_history_list (history, run, fingerprint, tr_output_stream (output), &error))
        {
          tr_output_abort (output);
          output = NULL;
        }
      if (output == NULL || !tr_output_commit (output, &error))
        {
          g_autofree char *m = g_strdup_printf ("tiprecon history: %s", error->message);
          status = fail (m);
        }
    }
  g_free (fingerprint);
  g_free (output_path);
  return status;
}

int
main (int argc, char **argv)
{
  /* Output never depends on the locale: numbers are formatted by hand or in the C locale. */
  setlocale (LC_ALL, "C.UTF-8");
  if (argc > 1 && strcmp (argv[1], "records") == 0)
    return records_main (argc - 1, argv + 1);
  if (argc > 1 && strcmp (argv[1], "history") == 0)
    return history_main (argc - 1, argv + 1);

  Options options = { 0 };
  GOptionEntry entries[] = {
    { "reference", 'r', G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, (gpointer) add_file,
      "Read the reference series (NCMEC's figures) from FILE instead of the bundled Table 7; "
      "repeatable", "FILE" },
    { "declared", 'd', G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, (gpointer) add_file,
      "Read the declared series (Member States' figures) from FILE instead of the bundled "
      "Tables 6, 8 and 9; repeatable", "FILE" },
    { "records", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, (gpointer) add_file,
      "Read the counts of record-level lists from FILE, as tiprecon records --format csv "
      "writes them, and tell for each country and year how much of the gap they explain; "
      "repeatable", "FILE" },
    { "label", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) add_label,
      "How the outputs cite the --reference, --declared or --records file given just before "
      "it (default: its path as given)", "TEXT" },
    { "reference-layout", 0, 0, G_OPTION_ARG_FILENAME, &options.reference_layout,
      "Layout file (GLib key file) saying what the columns of the --reference files hold, when "
      "the header alone cannot tell", "FILE" },
    { "declared-layout", 0, 0, G_OPTION_ARG_FILENAME, &options.declared_layout,
      "Layout file saying what the columns of the --declared files hold", "FILE" },
    { "on-duplicate", 0, 0, G_OPTION_ARG_STRING, &options.on_duplicate,
      "What to do with two rows for one country, year and measure: error (default) or sum",
      "error|sum" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options.format,
      "Output format: text (default), csv, json, markdown, html, svg or tidy", "FORMAT" },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &options.chart,
      "With --format svg: which chart (default: coverage)",
      "coverage|gap|trend|per-capita|map" },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &options.metric,
      "With --chart map: what colours the states (default: coverage)",
      "coverage|per-capita|gap" },
    { "anomalies", 'a', 0, G_OPTION_ARG_NONE, &options.anomalies,
      "With --format csv: one row per anomaly instead of one per country-year", NULL },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &options.config,
      "Rule thresholds (GLib key file: [RULE] parameter = value, enabled = false)", "FILE" },
    { "list-rules", 0, 0, G_OPTION_ARG_NONE, &options.list_rules,
      "Print the anomaly rules and the thresholds in force", NULL },
    { "statements", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.statements,
      "Check the statements of FILE (docs/statements.md) besides the bundled ones; repeatable",
      "FILE" },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &options.fail_on,
      "Exit with status 1 when an anomaly of this severity or above is found",
      "info|warning|critical" },
    { "country", 0, 0, G_OPTION_ARG_STRING, &options.countries,
      "Keep only these countries (codes or names, comma-separated)", "LIST" },
    { "years", 0, 0, G_OPTION_ARG_STRING, &options.years,
      "Keep only this year or range of years", "YYYY[-YYYY]" },
    { "explain", 'e', 0, G_OPTION_ARG_STRING, &options.explain,
      "Tell everything known about one country, with its flags, in plain words", "COUNTRY" },
    { "measure", 0, 0, G_OPTION_ARG_STRING, &options.measure,
      "The measure to reconcile (default: reports)", "MEASURE" },
    { "tidy", 't', 0, G_OPTION_ARG_NONE, &options.tidy,
      "Print every observation of the inputs as long CSV (the tables as tidy data)", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      "Write to FILE (all or nothing: a temporary file renamed into place) instead of standard "
      "output", "FILE" },
    { "history", 0, 0, G_OPTION_ARG_FILENAME, &options.history,
      "Record the run in the history FILE (SQLite; created when missing) and mark each anomaly "
      "new or persisting since the previous run of the same parameters, listing those resolved",
      "FILE" },
    { "fail-on-new", 0, 0, G_OPTION_ARG_STRING, &options.fail_on_new,
      "With --history: exit with status 1 when a new anomaly of this severity or above is "
      "found", "info|warning|critical" },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &options.baseline,
      "Accepted anomalies (GLib key file: [FINGERPRINT] reason, who, until, figures), "
      "reported apart and not counted by --fail-on or --fail-on-new", "FILE" },
    { "write-baseline", 0, 0, G_OPTION_ARG_FILENAME, &options.write_baseline,
      "Write every anomaly found to FILE as a starting baseline (all or nothing)", "FILE" },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &options.version, "Print the version and exit",
      NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context
      = g_option_context_new ("- reconcile NCMEC CyberTipline counts with EU Member States' figures");
  /* The main group carries the options, for the callbacks of --reference, --declared and
   * --label. */
  GOptionGroup *group = g_option_group_new (PACKAGE_NAME, "", "", &options, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_description (
      context,
      "With no option, tiprecon reads the bundled tables of COM(2025) 740.\n"
      "Exit status: 0 done, 1 anomalies at or above --fail-on, 2 usage or input error.\n");
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_autofree char *message = g_strdup_printf ("tiprecon: %s (try --help)", error->message);
      options_clear (&options);
      return fail (message);
    }
  int status = EXIT_DONE;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *started = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  if (options.version)
    {
      printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      goto done;
    }
  TrSeverity fail_on = TR_SEVERITY_CRITICAL;
  gboolean has_fail_on = FALSE;
  {
    g_autofree char *usage = check_usage (&options, argc, argv, &fail_on, &has_fail_on);
    if (usage != NULL)
      {
        status = fail (usage);
        goto done;
      }
  }
  {
    TrRuleConfig config;
    tr_rule_config_init (&config);
    if (options.config != NULL && !tr_rule_config_load (&config, options.config, &error))
      {
        status = fail (error->message);
        goto done;
      }
    if (options.list_rules)
      {
        /* The catalogue and the thresholds in force: no data is read. */
        status = write_rules (&options, &config, &error) ? EXIT_DONE : fail (error->message);
        goto done;
      }
    g_autoptr (TrBaseline) baseline = NULL;
    if (options.baseline != NULL
        && (baseline = tr_baseline_load (options.baseline, &error)) == NULL)
      {
        g_autofree char *m = g_strdup_printf ("tiprecon: --baseline %s", error->message);
        status = fail (m);
        goto done;
      }
    /* A history that cannot be used is refused before any work is done. */
    g_autoptr (TrHistory) history = NULL;
    if (options.history != NULL
        && (history = tr_history_open (options.history, FALSE, &error)) == NULL)
      {
        g_autofree char *m = g_strdup_printf ("tiprecon: --history %s", error->message);
        status = fail (m);
        goto done;
      }
    g_autofree char *data_dir = tr_bundle_data_dir ();
    g_autoptr (TrCountryTable) countries = tr_country_table_load (data_dir, &error);
    g_autofree char *catalogue_path = g_build_filename (data_dir, "sources.ini", NULL);
    g_autoptr (TrCatalogue) catalogue
        = countries != NULL ? tr_catalogue_load (catalogue_path, data_dir, &error) : NULL;
    if (catalogue == NULL)
      {
        status = fail (error->message);
        goto done;
      }
    TrFilter filter = { 0 };
    g_autoptr (GPtrArray) codes = g_ptr_array_new ();
    if (options.countries != NULL)
      {
        g_auto (GStrv) labels = g_strsplit (options.countries, ",", -1);
        for (char **label = labels; *label != NULL; label++)
          {
            if (tr_scope_group (countries, *label, codes))
              continue;
            const TrCountry *c = tr_country_table_lookup (countries, *label);
            if (c == NULL)
              {
                g_autofree char *m = g_strdup_printf (
                    "tiprecon: --country %s: found '%s', which is not a known country; "
                    "expected codes or names separated by commas",
                    options.countries, *label);
                status = fail (m);
                goto done;
              }
            if (c->kind == TR_SUBJECT_ORGANISATION)
              {
                g_autofree char *m = g_strdup_printf (
                    "tiprecon: --country %s: found '%s', the organisation %s, which is not a "
                    "country; expected countries: the comparison is country by country",
                    options.countries, *label, c->code);
                status = fail (m);
                goto done;
              }
            if (c->kind == TR_SUBJECT_AGGREGATE)
              {
                g_autofree char *m = g_strdup_printf (
                    "tiprecon: --country %s: found '%s', the aggregate %s, which is not a "
                    "country and has no members to compare; expected countries, or EU27 for "
                    "the 27 Member States",
                    options.countries, *label, c->code);
                status = fail (m);
                goto done;
              }
            g_ptr_array_add (codes, (gpointer) c->code);
          }
        g_ptr_array_add (codes, NULL);
        filter.countries = (const char *const *) codes->pdata;
      }
    if (options.years != NULL && !parse_years (options.years, &filter))
      {
        g_autofree char *m = g_strdup_printf (
            "tiprecon: --years %s; expected a year (2023) or a range (2022-2024)", options.years);
        status = fail (m);
        goto done;
      }
    const TrCountry *explain = NULL;
    if (options.explain != NULL)
      {
        explain = tr_country_table_lookup (countries, options.explain);
        if (explain != NULL && explain->kind == TR_SUBJECT_ORGANISATION)
          {
            g_autofree char *m = g_strdup_printf (
                "tiprecon: --explain %s: found the organisation %s, which is not a country; "
                "expected a country's code or name",
                options.explain, explain->code);
            status = fail (m);
            goto done;
          }
        if (explain != NULL && explain->kind == TR_SUBJECT_AGGREGATE)
          {
            g_autofree char *m = g_strdup_printf (
                "tiprecon: --explain %s: found the aggregate %s, which is not a country; "
                "expected a country's code or name (--explain tells one country's figures)",
                options.explain, explain->code);
            status = fail (m);
            goto done;
          }
        if (explain == NULL)
          {
            g_autofree char *m = g_strdup_printf (
                "tiprecon: --explain %s: not a known country; expected a code or a name",
                options.explain);
            status = fail (m);
            goto done;
          }
      }

    g_autoptr (TrDataset) dataset = tr_dataset_new (countries);
    dataset->checksums_unused = !prints_checksums (&options);
    if (!load_inputs (&options, dataset, catalogue, &error))
      {
        status = fail (error->message);
        goto done;
      }
    g_autofree char *notes_path = g_build_filename (data_dir, "notes.csv", NULL);
    g_autofree char *notes_name = tr_bundle_display_name (data_dir, "notes.csv");
    g_autoptr (GPtrArray) notes = tr_notes_load (notes_path, notes_name, catalogue, dataset, &error);
    if (notes == NULL)
      {
        status = fail (error->message);
        goto done;
      }
    /* A figure a note calls rounded (the Netherlands' convictions, to the ten) is approximate. */
    tr_notes_apply_rounding (notes, dataset);
    /* The comparisons of data/comparisons.ini: the main one, which the rules judge, and the
     * others, made over the same countries and years once the main one is. */
    g_autofree char *comparisons_path = g_build_filename (data_dir, "comparisons.ini", NULL);
    g_autofree char *comparisons_name = tr_bundle_display_name (data_dir, "comparisons.ini");
    g_autoptr (GPtrArray) comparisons
        = tr_comparisons_load (comparisons_path, comparisons_name, catalogue, &error);
    if (comparisons == NULL)
      {
        status = fail (error->message);
        goto done;
      }
    TrComparison *main_comparison = tr_comparisons_main (comparisons);
    const char *measure
        = options.measure != NULL ? options.measure : main_comparison->declared_measure;
    const char *reference_series = main_comparison->reference_series;
    const char *declared_series = main_comparison->declared_series;
    /* By default the comparison covers the countries the declared series speaks of, those
     * --country names and the one --explain names; the others are counted in one line. */
    g_autoptr (GPtrArray) scope = tr_scope_declared (dataset, declared_series);
    if (scope->len > 0)
      {
        for (guint i = 0; filter.countries != NULL && filter.countries[i] != NULL; i++)
          g_ptr_array_add (scope, (gpointer) filter.countries[i]);
        if (explain != NULL)
          g_ptr_array_add (scope, (gpointer) explain->code);
        g_ptr_array_add (scope, NULL);
        filter.scope = (const char *const *) scope->pdata;
        filter.n_outside
            = tr_scope_count_outside (dataset, reference_series, measure, filter.scope);
      }
    /* Owned by the main comparison from here. */
    TrReconciliation *rec
        = tr_reconcile (dataset, measure, reference_series, declared_series, &filter);
    main_comparison->rec = rec;
    main_comparison->made = TRUE;
    main_comparison->reference_measure = g_strdup (measure);
    if (!tr_scope_check_found (rec, &error))
      {
        const char *option = error->code == TR_SCOPE_ERROR_MEASURE     ? "--measure"
                             : error->code == TR_SCOPE_ERROR_COUNTRIES ? "--country"
                                                                       : "--years";
        const char *value = error->code == TR_SCOPE_ERROR_MEASURE     ? measure
                            : error->code == TR_SCOPE_ERROR_COUNTRIES ? options.countries
                                                                      : options.years;
        g_autofree char *m = g_strdup_printf ("tiprecon: %s %s: %s", option,
                                              value != NULL ? value : "(not given)",
                                              error->message);
        status = fail (m);
        goto done;
      }
    if (!tr_comparisons_make (comparisons, dataset, &filter, &error))
      {
        status = fail (error->message);
        goto done;
      }
    /* Statements: the bundled ones when the bundled tables are read, then the user's. */
    g_autoptr (GPtrArray) statement_files
        = g_ptr_array_new_with_free_func ((GDestroyNotify) tr_statement_file_free);
    g_autoptr (GPtrArray) statements = g_ptr_array_new_with_free_func (
        (GDestroyNotify) tr_statement_result_free);
    if (!load_statements (&options, data_dir, statement_files, &error))
      {
        status = fail (error->message);
        goto done;
      }
    /* First, what the tables say by their layout: a span of years beside each of its years. */
    g_ptr_array_insert (statement_files, 0, tr_statement_file_of_periods (dataset));
    for (guint f = 0; f < statement_files->len; f++)
      {
        const TrStatementFile *file = g_ptr_array_index (statement_files, f);
        if (!tr_statement_file_resolve (file, catalogue, countries, &error))
          {
            status = fail (error->message);
            goto done;
          }
        for (guint i = 0; i < file->statements->len; i++)
          g_ptr_array_add (statements,
                           tr_statement_check (g_ptr_array_index (file->statements, i), dataset,
                                               countries, catalogue));
      }
    g_autoptr (GPtrArray) anomalies = tr_rules_run (rec, notes, &config);
    tr_rules_add_statements (anomalies, rec, statements, &config);
    /* The figures the statements quote are figures of their documents too: --tidy and
     * --explain list them (after the rules, which judge the tables' series). */
    for (guint f = 0; f < statement_files->len; f++)
      tr_statement_file_add_quoted (g_ptr_array_index (statement_files, f), dataset, catalogue,
                                    countries);
    /* The baseline sets the accepted anomalies apart: `listed` are the others. */
    GDate today;
    g_date_clear (&today, 1);
    g_date_set_time_t (&today, time (NULL));
    g_autoptr (GPtrArray) listed = g_ptr_array_new ();
    g_autoptr (GPtrArray) accepted = g_ptr_array_new_with_free_func (g_free);
    g_autoptr (GHashTable) accepted_set = g_hash_table_new (g_str_hash, g_str_equal);
    if (baseline != NULL)
      {
        tr_baseline_apply (baseline, &today, anomalies, listed, accepted);
        for (guint i = 0; i < accepted->len; i++)
          g_hash_table_add (accepted_set,
                            ((const TrAccepted *) g_ptr_array_index (accepted, i))
                                ->anomaly->fingerprint);
      }
    else
      for (guint i = 0; i < anomalies->len; i++)
        g_ptr_array_add (listed, g_ptr_array_index (anomalies, i));
    /* The statements listed are those the filter shows, as for the anomalies. */
    g_autoptr (GPtrArray) shown_statements = g_ptr_array_new ();
    for (guint i = 0; i < statements->len; i++)
      if (tr_rules_statement_shown (rec, g_ptr_array_index (statements, i)))
        g_ptr_array_add (shown_statements, g_ptr_array_index (statements, i));

    /* The run's transaction: from here to tr_history_commit(), after the output is written,
     * so that a run that fails or is killed records nothing. */
    g_autoptr (TrSince) since = NULL;
    if (history != NULL)
      {
        g_autofree char *parameters = run_parameters (&options, dataset, measure);
        g_autoptr (GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
        g_autoptr (GArray) run_inputs = history_inputs (&options, dataset, shas);
        TrHistoryRun run = { started, PACKAGE_VERSION, parameters, run_inputs };
        if (!tr_history_begin (history, &error)
            || (since = tr_history_record (history, &run, anomalies,
                                           baseline != NULL ? accepted_set : NULL, dataset,
                                           &error))
                   == NULL)
          {
            g_autofree char *m = g_strdup_printf ("tiprecon: --history %s", error->message);
            status = fail (m);
            goto done;
          }
      }
    /* With --records: what the lists say of each country and year shown. */
    g_autoptr (GArray) record_gaps
        = has_files (&options, TR_RECORDS_SERIES) ? tr_records_gaps (dataset, rec) : NULL;
    TrReport report = { .dataset = dataset, .rec = rec, .anomalies = listed, .notes = notes,
                        .records = record_gaps,
                        .config = &config, .fail_on = options.fail_on,
                        .statements = shown_statements, .comparisons = comparisons,
                        .since = since, .accepted = baseline != NULL ? accepted : NULL };

    g_autoptr (GPtrArray) inputs = input_files (&options);
    TrOutput *output
        = tr_output_open (options.output, (const char *const *) inputs->pdata, &error);
    if (output == NULL)
      {
        status = fail (error->message);
        goto done;
      }
    if (!render (&options, &report, explain, tr_output_stream (output)))
      {
        tr_output_abort (output);
        status = fail ("tiprecon: out of memory while writing the output");
        goto done;
      }
    if (!tr_output_commit (output, &error))
      {
        status = fail (error->message);
        goto done;
      }
    if (options.write_baseline != NULL
        && !write_baseline (&options, anomalies, (const char *const *) inputs->pdata, &today,
                            &error))
      {
        status = fail (error->message);
        goto done;
      }
    if (history != NULL && !tr_history_commit (history, &error))
      {
        g_autofree char *m = g_strdup_printf ("tiprecon: --history %s (the run is not "
                                              "recorded)",
                                              error->message);
        status = fail (m);
        goto done;
      }
    /* --fail-on judges a reconciliation (check_applies() keeps it off the listings); the
     * accepted anomalies are not in `listed`. */
    g_autofree char *summary = NULL;
    if (has_fail_on)
      summary = fail_on_summary (listed, fail_on, FALSE);
    TrSeverity fail_on_new;
    if (summary == NULL && options.fail_on_new != NULL
        && tr_severity_parse (options.fail_on_new, &fail_on_new))
      summary = fail_on_summary (listed, fail_on_new, TRUE);
    if (summary != NULL)
      {
        print_line (summary);
        status = EXIT_ANOMALIES;
      }
  }

done:
  options_clear (&options);
  return status;
}
