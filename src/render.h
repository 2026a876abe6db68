/* render.h — the output formats. Each renderer writes one whole document to a stream.
 *
 * Renderers only read what they are given and write as they go; they do not check each write:
 * the stream's error indicator is checked once the document is written (tr_output_commit). */
#pragma once

#include <stdio.h>

#include "dataset.h"

/* Every observation as long CSV with the header
 * source,country,year,measure,value,qualifier,missing_reason,file,line,column.
 * A published total has the country "TOTAL". A value summed from several cells gives the
 * provenance of the first and lists the others in the same cell, separated by ';'. */
void tr_render_tidy (const TrDataset *dataset, FILE *out);

#include "comparison.h"
#include "baseline.h"
#include "history.h"
#include "match.h"
#include "records-source.h"
#include "rules.h"
#include "statement.h"

/* What every report renderer reads. Borrowed: the caller owns everything. */
typedef struct {
  const TrDataset *dataset;
  const TrReconciliation *rec;
  const GPtrArray *anomalies;   /* TrAnomaly *, sorted; without those a baseline accepts */
  const GPtrArray *notes;       /* TrNote *, or NULL */
  const TrRuleConfig *config;
  const char *fail_on;          /* as given, or NULL */
  const GPtrArray *statements;  /* TrStatementResult *, in file order, or NULL */
  const GPtrArray *comparisons; /* TrComparison *, every comparison (comparison.h) in file
                                   order, made or not: the main one (whose reconciliation is
                                   `rec`) and the others; or NULL */
  const TrSince *since;         /* with --history: this run against the previous one (each
                                   anomaly's `since` is set), else NULL */
  const GPtrArray *accepted;    /* with --baseline: TrAccepted *, sorted as the anomalies,
                                   else NULL */
  const GArray *records;        /* with --records: TrRecordsGap (records-source.h), the
                                   country-years of the lists shown, else NULL */
} TrReport;

/* Ratios are printed with this many decimals, percentages with TR_PERCENT_DECIMALS, both
 * rounded half-to-even from the exact fraction (tr_format_ratio). */
#define TR_RATIO_DECIMALS 4
#define TR_PERCENT_DECIMALS 1

/* The readable report: headline, verified totals, pairs sorted by gap, anomalies by
 * severity; fits in 100 columns. Like every text renderer, it shows control and invisible
 * characters from input as "<U+001B>" (tr_escape_terminal), never as themselves. */
void tr_render_text (const TrReport *report, FILE *out);
/* One CSV row per pair with its metrics (RFC 4180, libcsv). */
void tr_render_csv_pairs (const TrReport *report, FILE *out);
/* One CSV row per anomaly. */
void tr_render_csv_anomalies (const TrReport *report, FILE *out);
/* The whole reconciliation as one JSON object (json-glib); stable key order. */
void tr_render_json (const TrReport *report, FILE *out);
/* Everything known about one country, in plain words. */
void tr_render_explain (const TrReport *report, const TrCountry *country, FILE *out);
/* The rule catalogue with the thresholds in force. */
void tr_render_rules (const TrRuleConfig *config, FILE *out);

/* The headline sentences of one of rec's years (newly allocated): what NCMEC sent, what was
 * declared, the share accounted for where both figures exist, the gross shortfall and the
 * gross excess apart (and the net when both exist), and the countries left out with their
 * figures. Under --country it says the sums are over the countries shown only. */
char *tr_render_headline (const TrReconciliation *rec, const TrYear *year);

/* A matched pair's gap (NCMEC - declared) and coverage as table cells, marked when a figure
 * is inexact ("~300", ">90", "<0.1000"; tr_format_value); the gap is "n/a" when the figures
 * cannot determine it. Plain text: HTML and Markdown escape it. Writes into buf. */
const char *tr_render_gap_cell (const TrPair *pair, char *buf, gsize size);
const char *tr_render_coverage_cell (const TrPair *pair, char *buf, gsize size);

/* The title of a report in the words of its measure: "NCMEC reports and the reports EU Member
 * States declared". Newly allocated. */
char *tr_render_title (const TrReconciliation *rec);

/* The sentence saying which countries of the reference series the comparison leaves out
 * (newly allocated), or NULL when it leaves none out. */
char *tr_render_scope_note (const TrReconciliation *rec);
/* What a comparison (comparison.h) finds in one year, in one paragraph: the sums of the
 * countries with both figures and their share, the lowest and highest share by country, and
 * how many are above 100 %. Newly allocated. */
char *tr_render_comparison_sentence (const TrComparison *comparison, const TrYear *year);
/* The other comparisons a report shows: made, with a pair in the countries and years shown
 * (const TrComparison *, borrowed), in file order. */
GPtrArray *tr_render_comparisons_shown (const TrReport *report);
/* tr_render_comparison_sentence() for each year of `comparison` (char *, owned). */
GPtrArray *tr_render_comparison_paragraphs (const TrComparison *comparison);

/* What the record-level lists say of one country and year (newly allocated): beside the
 * gap of the tables when there is one to explain ("Of the 1 500 reports not accounted for in
 * 2022 (…), 900 were never received, …"), how much of it the lists account for, and plainly
 * where the lists' sent count or entries differ from the published figures, with what is
 * left unexplained; else what the lists show and why there is no gap to set them against.
 * `with_country`: the sentence starts with the country's name and code. */
char *tr_render_records_sentence (const TrReconciliation *rec, const TrRecordsGap *gap,
                                  gboolean with_country);
/* The heading of the record-level section: "Record-level lists (CITATION)" for the lists'
 * sources, in the order read (newly allocated). */
char *tr_render_records_heading (const TrReport *report);
/* The funnel's legend: what each step's column holds and its citation (tr_dataset_cite),
 * what * and parentheses mean, and which ratio is given. Newly allocated. */
char *tr_render_funnel_legend (const TrReport *report);
/* A note in one line: "CZ children identified 2024 (scope): SUMMARY". Newly allocated. */
char *tr_render_note_line (const TrNote *note);

/* GitHub-flavoured Markdown: headline, totals, pairs table, anomalies. */
void tr_render_markdown (const TrReport *report, FILE *out);
/* One self-contained HTML page (inline CSS and SVG, no network) with charts, streamed section
 * by section. FALSE when memory ran out for a part of it (what was written is incomplete). */
gboolean tr_render_html (const TrReport *report, FILE *out);

/* Charts (SVG elements appended to `out`). */
void tr_chart_coverage (const TrReport *report, GString *out);
void tr_chart_gap (const TrReport *report, GString *out);
void tr_chart_trend_country (const TrReport *report, const TrCountry *country, GString *out);
void tr_chart_trend_eu (const TrReport *report, GString *out);
/* One country's funnel (funnel.h): for each of its rows in `rows` (tr_funnel_build), the four
 * steps as bars on a logarithmic axis, a missing step written as missing. */
void tr_chart_funnel_country (const TrReport *report, const GPtrArray *rows,
                              const TrCountry *country, GString *out);

/* The EU tile map (render-map.c): the 27 Member States one square each, placed roughly as on
 * a map, coloured by one metric of the last year shown, with a legend, each state's code and
 * value as text, a visible title and source line; a missing value hatched grey, never 0. */
typedef enum {
  TR_MAP_COVERAGE,   /* declared / reference */
  TR_MAP_PER_CAPITA, /* the reference's figure per 100 000 inhabitants (population.h) */
  TR_MAP_GAP,        /* reference - declared */
} TrMapMetric;
/* `name` as --metric spells it ("coverage", "per-capita", "gap"): TRUE and *metric set. */
gboolean tr_map_metric_parse (const char *name, TrMapMetric *metric);
void tr_chart_map (const TrReport *report, TrMapMetric metric, GString *out);
/* Both figures per 100 000 inhabitants for the last year shown, one row per country. */
void tr_chart_per_capita (const TrReport *report, GString *out);

#include "records.h"

/* `tiprecon records`: the counts per country and year (tr_records_counts) and their totals.
 * Text: a title naming both lists, one paragraph of sentences per country-year, then a table
 * with a row per country-year and the totals. CSV: a header and one row per country-year,
 * the columns of tr_record_count_columns. JSON: one object with the inputs, the counts and
 * the totals (json-glib; integers only). */
void tr_render_records_text (TrRecords *records, FILE *out);
void tr_render_records_csv (TrRecords *records, FILE *out);
void tr_render_records_json (TrRecords *records, FILE *out);
