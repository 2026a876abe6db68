/* fuzz-render.c — libFuzzer harness: every renderer on a dataset made from the fuzz input.
 *
 * The input is read as a small program that writes a valid long table (so that the fuzzer
 * spends its time on datasets, not on CSV syntax): a header of two bytes (duplicates summed or
 * not, the measure reconciled, a year or country filter, a rule configuration), then rows of
 * eight bytes (source, country, year, measure, kind of value and its digits, note). Values
 * range from 0 to 2^53 − 1, printed exact, approximate, as bounds, as missing markers; notes
 * and sources carry HTML, CSV formula and Markdown payloads. The table is read with
 * tr_dataset_load_bytes(), reconciled, the rules run, and every output is rendered into
 * memory: text, CSV (pairs, anomalies), JSON, Markdown, HTML, tidy, --explain for each
 * country, --list-rules and every chart. Each must be valid UTF-8, JSON must parse into an
 * object, HTML and SVG must hold no script or event handler from the input (checks.c).
 * FUZZ_RENDER_TRACE=1 says how many observations an input made (0: it stopped at reading). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "render.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static TrCountryTable *table;

/* Chosen so that pairs match: EU members, other countries, pseudo rows, totals. */
static const char *const countries[]
    = { "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "EL", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "US",
        "GB", "XK", "XNC", "Total", "Autriche", "Österreich", "GRC", "UE-27", "EU27", "Norway" };
static const char *const sources[] = { "reference", "declared", "reference", "declared",
                                       "ncmec", "x" FUZZ_PAYLOAD, "=1+1" };
static const char *const measures[]
    = { "reports", "reports", "reports", "children_identified", "children_identified_girls",
        "children_identified_boys", "children_identified_unknown", "convictions" };
static const char *const missing[]
    = { "-", "–", "", "s.o.", "n/a", "n.d.", "..", "x", "Données indisponibles", "Non disponible" };
static const char *const notes[]
    = { "", "", "provisional", FUZZ_PAYLOAD, "=HYPERLINK(\"x\")", "a|b`c`*d*", "\\| [x](y)",
        "line\nbreak", "\xe2\x80\x8b zero-width", "\"quoted\"" };
static const char *const years_filter[] = { NULL, "2023", "2022-2024", "1900-2099" };
static const char *const configs[] = {
  "",
  "[COVERAGE_LOW]\nthreshold = 0\n[YOY_JUMP]\nminimum = 0\n",
  "[YOY_JUMP]\nfactor = 1\nminimum = 1\n[NEAR_IDENTICAL]\ntolerance = 1\n",
  "[COVERAGE_OUTLIER]\nthreshold = 0\n[TREND_DIVERGENCE]\nmin_years = 1\n",
  "[COVERAGE_EXCESS]\nthreshold = 0\n[COVERAGE_LOW]\ncritical = 1\nthreshold = 1\n",
};

#define PICK(array, byte) ((array)[(byte) % G_N_ELEMENTS (array)])

/* Appends one CSV field, quoted (RFC 4180). */
static void
field (GString *csv, const char *text, gboolean last)
{
  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append (csv, last ? "\"\n" : "\",");
}

/* A value cell from a kind byte and the row's digits. */
static char *
value_cell (guint8 kind, const guint8 *digits)
{
  guint64 v = 0;
  for (int i = 0; i < 3; i++)
    v = (v << 8) | digits[i];
  switch (kind % 12)
    {
    case 0: return g_strdup_printf ("%u", digits[0]);
    case 1: return g_strdup_printf ("%" G_GUINT64_FORMAT, v);
    case 2: /* up to 2^53 − 1, the largest count accepted */
      return g_strdup_printf ("%" G_GUINT64_FORMAT, ((guint64) 1 << 53) - 1 - v);
    case 3: return g_strdup_printf ("%" G_GUINT64_FORMAT, v << 20);
    case 4: return g_strdup_printf ("environ %u", digits[0] * 1000u);
    case 5: return g_strdup_printf ("plus de %" G_GUINT64_FORMAT, v);
    case 6: return g_strdup_printf ("<%u", digits[0] % 20);
    case 7: return g_strdup_printf ("%u,%u millions", digits[0] % 10, digits[1] % 10);
    case 8: return g_strdup (PICK (missing, digits[0]));
    case 9: return g_strdup ("0");
    case 10: return g_strdup_printf ("%u %03u", digits[0], digits[1] % 1000);
    default: return g_strdup_printf ("%" G_GUINT64_FORMAT, v % 1000);
    }
}

typedef void (*Renderer) (const TrReport *report, FILE *out);

static void
check (const char *format, const char *bytes, gsize n)
{
  g_autofree char *problem = fuzz_check_document (format, bytes, n);
  if (problem != NULL)
    {
      fprintf (stderr, "fuzz-render: %s\n", problem);
      abort ();
    }
}

static void
render_to_memory (const char *format, const TrReport *report, Renderer renderer)
{
  char *bytes = NULL;
  size_t n = 0;
  FILE *out = open_memstream (&bytes, &n);
  g_assert (out != NULL);
  renderer (report, out);
  g_assert (fclose (out) == 0);
  check (format, bytes, n);
  free (bytes);
}

/* tr_render_html() says FALSE only when memory ran out, which does not happen here. */
static void
render_html (const TrReport *report, FILE *out)
{
  g_assert (tr_render_html (report, out));
}

static void
chart (const TrReport *report, void (*draw) (const TrReport *, GString *))
{
  g_autoptr (GString) svg = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  draw (report, svg);
  check ("svg", svg->str, svg->len);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (table == NULL)
    {
      const char *dir = g_getenv ("TIPRECON_DATA_DIR");
      table = tr_country_table_load (dir != NULL ? dir : "data", NULL);
      g_assert (table != NULL);
    }
  if (size < 2)
    return -1;
  guint8 h0 = data[0], h1 = data[1];
  data += 2;
  size -= 2;

  g_autoptr (GString) csv = g_string_new ("source,country,year,measure,value,note\n");
  for (; size >= 8; data += 8, size -= 8)
    {
      field (csv, PICK (sources, data[0]), FALSE);
      field (csv, PICK (countries, data[1]), FALSE);
      g_autofree char *year = g_strdup_printf ("%d", 2015 + data[2] % 12);
      field (csv, year, FALSE);
      field (csv, PICK (measures, data[3]), FALSE);
      g_autofree char *value = value_cell (data[4], data + 5);
      field (csv, value, FALSE);
      field (csv, PICK (notes, data[7] >> 4), TRUE);
    }

  g_autoptr (TrDataset) dataset = tr_dataset_new (table);
  TrTableSpec spec = { .path = "fuzz.csv", .source = "declared", .sum_duplicates = h0 & 1 };
  g_autoptr (GError) error = NULL;
  if (!tr_dataset_load_bytes (dataset, &spec, csv->str, csv->len, &error))
    {
      g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.csv"));
      return 0;
    }

  TrRuleConfig config;
  tr_rule_config_init (&config);
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  const char *config_text = PICK (configs, h0 >> 1);
  g_assert (g_key_file_load_from_data (key_file, config_text, strlen (config_text),
                                       G_KEY_FILE_NONE, NULL));
  if (!tr_rule_config_apply (&config, key_file, "fuzz.ini", NULL))
    tr_rule_config_init (&config); /* a range the rules no longer accept: the defaults */

  TrFilter filter = { 0 };
  const char *years = PICK (years_filter, h1);
  if (years != NULL)
    {
      filter.year_from = atoi (years);
      filter.year_to = strchr (years, '-') != NULL ? atoi (strchr (years, '-') + 1)
                                                   : filter.year_from;
    }
  const char *only[] = { "AT", "EL", NULL };
  if (h1 & 0x10)
    filter.countries = only;
  const char *measure = (h1 & 0x20) ? "children_identified" : "reports";

  if (g_getenv ("FUZZ_RENDER_TRACE") != NULL)
    fprintf (stderr, "fuzz-render: %u observations\n", dataset->n_observations);
  g_autoptr (TrReconciliation) rec
      = tr_reconcile (dataset, measure, "reference", "declared", &filter);
  g_autoptr (GPtrArray) anomalies = tr_rules_run (rec, NULL, &config);
  TrReport report = { .dataset = dataset,
                      .rec = rec,
                      .anomalies = anomalies,
                      .config = &config,
                      .fail_on = (h1 & 0x40) ? "info" : NULL };

  render_to_memory ("text", &report, tr_render_text);
  render_to_memory ("csv", &report, tr_render_csv_pairs);
  render_to_memory ("csv", &report, tr_render_csv_anomalies);
  render_to_memory ("json", &report, tr_render_json);
  render_to_memory ("markdown", &report, tr_render_markdown);
  render_to_memory ("html", &report, render_html);
  chart (&report, tr_chart_coverage);
  chart (&report, tr_chart_gap);
  chart (&report, tr_chart_trend_eu);

  char *bytes = NULL;
  size_t n = 0;
  FILE *out = open_memstream (&bytes, &n);
  g_assert (out != NULL);
  tr_render_tidy (dataset, out);
  tr_render_rules (&config, out);
  g_assert (fclose (out) == 0);
  check ("csv", bytes, n);
  free (bytes);

  /* --explain and the country trend chart, for each country with a pair. */
  const TrCountry *last = NULL;
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrPair *pair = g_ptr_array_index (rec->pairs, i);
      if (pair->country == last)
        continue;
      last = pair->country;
      bytes = NULL;
      out = open_memstream (&bytes, &n);
      g_assert (out != NULL);
      tr_render_explain (&report, pair->country, out);
      g_assert (fclose (out) == 0);
      check ("text", bytes, n);
      free (bytes);
      g_autoptr (GString) svg = g_string_new ("");
      tr_chart_trend_country (&report, pair->country, svg);
      check ("svg", svg->str, svg->len);
    }
  return 0;
}
