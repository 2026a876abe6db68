/* render-map.c — the EU tile map and the per-capita chart, drawn as SVG by hand.
 *
 * The tile map gives every Member State one square of the same size, placed roughly where it
 * lies on a map, so that Malta, Luxembourg and Cyprus are as visible as France. Each tile is
 * coloured by one metric of one year (coverage, NCMEC's reports per 100 000 inhabitants, or
 * the gap), in bins a legend names, and carries its code and its value as text. A missing
 * value is hatched grey and labelled "n/a", and the legend says so: never drawn as 0. No map
 * tiles, no network: the grid is a table of this file. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "escape.h"
#include "population.h"
#include "render.h"

/* The grid: column and row of each Member State (ISO codes), west to east, north to south. */
static const struct {
  const char *code;
  int col, row;
} tiles[] = {
  { "SE", 4, 0 }, { "FI", 5, 0 },
  { "IE", 0, 1 }, { "DK", 3, 1 }, { "EE", 5, 1 },
  { "NL", 1, 2 }, { "DE", 2, 2 }, { "PL", 3, 2 }, { "LT", 4, 2 }, { "LV", 5, 2 },
  { "BE", 1, 3 }, { "LU", 2, 3 }, { "CZ", 3, 3 }, { "SK", 4, 3 },
  { "FR", 1, 4 }, { "AT", 2, 4 }, { "HU", 3, 4 }, { "RO", 4, 4 },
  { "PT", 0, 5 }, { "ES", 1, 5 }, { "SI", 2, 5 }, { "HR", 3, 5 }, { "BG", 4, 5 },
  { "IT", 2, 6 }, { "GR", 4, 6 },
  { "MT", 2, 7 }, { "CY", 5, 7 },
};

/* Bins: a value v falls in bin k when bounds[k-1] <= v < bounds[k]. Colours are light to
 * dark (sequential), or two hues either side of the neutral bin (diverging), with text in
 * black or white to stay readable. */
typedef struct {
  const char *name;        /* --metric NAME */
  int n_bins;
  double bounds[7];        /* n_bins - 1 upper bounds, increasing */
  const char *labels[8];   /* legend text of each bin */
  const char *fill[8];
  const char *ink[8];
} Scale;

static const Scale scales[] = {
  [TR_MAP_COVERAGE] = {
    "coverage", 6, { 0.1, 0.5, 0.9, 1.1, 1.5 },
    { "below 0.1", "0.1 to 0.5", "0.5 to 0.9", "0.9 to 1.1", "1.1 to 1.5", "1.5 and above" },
    { "#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3" },
    { "#ffffff", "#000000", "#000000", "#000000", "#000000", "#000000" } },
  [TR_MAP_PER_CAPITA] = {
    "per-capita", 5, { 50, 100, 200, 400 },
    { "below 50", "50 to 100", "100 to 200", "200 to 400", "400 and above" },
    { "#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c" },
    { "#000000", "#000000", "#000000", "#ffffff", "#ffffff" } },
  [TR_MAP_GAP] = {
    "gap", 6, { 0, 1000, 10000, 50000, 100000 },
    { "below 0 (more declared)", "0 to 1 000", "1 000 to 10 000", "10 000 to 50 000",
      "50 000 to 100 000", "100 000 and above" },
    { "#998ec3", "#f7f7f7", "#fee0b6", "#f1a340", "#b35806", "#7f3b08" },
    { "#000000", "#000000", "#000000", "#000000", "#ffffff", "#ffffff" } },
};

gboolean
tr_map_metric_parse (const char *name, TrMapMetric *metric)
{
  for (gsize i = 0; i < G_N_ELEMENTS (scales); i++)
    if (g_strcmp0 (name, scales[i].name) == 0)
      {
        *metric = (TrMapMetric) i;
        return TRUE;
      }
  return FALSE;
}

/* What the map shows, in words for its title and legend (newly allocated). */
static char *
metric_words (TrMapMetric metric, const TrReconciliation *rec)
{
  const char *ncmec = rec->reference_label;
  g_autofree char *measure = tr_measure_words (rec->measure);
  switch (metric)
    {
    case TR_MAP_COVERAGE:
      return g_strdup_printf ("coverage of %s (declared ÷ %s)", measure, ncmec);
    case TR_MAP_PER_CAPITA:
      return g_strdup_printf ("%s %s per 100 000 inhabitants", ncmec, measure);
    case TR_MAP_GAP:
    default:
      return g_strdup_printf ("gap in %s (%s − declared)", measure, ncmec);
    }
}

static int
bin_of (const Scale *scale, double v)
{
  int k = 0;
  while (k < scale->n_bins - 1 && v >= scale->bounds[k])
    k++;
  return k;
}

/* One tile's value: defined, its bin, its label as the tables print it, and why not. */
typedef struct {
  gboolean defined;
  double value;
  char label[48];
  const char *why; /* when undefined: "no figure", "not matched", … */
} TileValue;

static TileValue
tile_value (const TrReport *report, TrMapMetric metric, const TrCountry *country, int year)
{
  TileValue t = { .why = "no figure" };
  const TrPair *p = tr_reconciliation_pair (report->rec, country->code, year);
  if (p == NULL)
    {
      t.why = "not shown";
      return t;
    }
  switch (metric)
    {
    case TR_MAP_COVERAGE:
      if (p->matched && p->coverage.defined)
        {
          t.defined = TRUE;
          t.value = p->coverage.value;
          tr_render_coverage_cell (p, t.label, sizeof t.label);
        }
      else
        t.why = p->matched ? "no ratio (reference figure 0)" : tr_status_name (p->status);
      break;
    case TR_MAP_GAP:
      {
        char g[48];
        if (p->matched && strcmp (tr_render_gap_cell (p, g, sizeof g), "n/a") != 0)
          {
            t.defined = TRUE;
            t.value = (double) p->gap;
            g_strlcpy (t.label, g, sizeof t.label);
          }
        else
          t.why = p->matched ? "not determined" : tr_status_name (p->status);
        break;
      }
    case TR_MAP_PER_CAPITA:
      {
        TrRate r = tr_per_capita (report->dataset, p->reference, country->code, year);
        if (r.defined)
          {
            t.defined = TRUE;
            t.value = r.value;
            tr_format_rate (&r, TR_VALUE_CELL, t.label, sizeof t.label);
          }
        else
          t.why = r.population == NULL ? "no population" : "no figure";
        break;
      }
    }
  if (!t.defined)
    g_strlcpy (t.label, "n/a", sizeof t.label);
  return t;
}

/* The year a chart of the report draws: the last year shown, or 0. */
static int
last_year (const TrReconciliation *rec)
{
  return rec->years->len > 0
             ? ((const TrYear *) g_ptr_array_index (rec->years, rec->years->len - 1))->year
             : 0;
}

/* The sources a chart draws from, for its source line: both sides' citations and, when
 * `population`, the population's. Newly allocated. */
static char *
source_line (const TrReport *report, gboolean population)
{
  const TrReconciliation *rec = report->rec;
  g_autofree char *r = tr_dataset_cite (report->dataset, rec->reference,
                                        rec->reference_measure, FALSE);
  g_autofree char *d = tr_dataset_cite (report->dataset, rec->declared, rec->declared_measure,
                                        FALSE);
  g_autofree char *p = population ? tr_dataset_cite (report->dataset, TR_POPULATION_SERIES,
                                                     TR_POPULATION_MEASURE, FALSE)
                                  : NULL;
  return g_strdup_printf ("Sources: %s; %s%s%s.", r != NULL ? r : rec->reference,
                          d != NULL ? d : rec->declared, p != NULL ? "; population: " : "",
                          p != NULL ? p : "");
}

/* Appends `text` in lines of at most `columns` characters from (x, y); returns the lines. */
static int
text_lines (GString *out, const char *text, int x, int y, int leading, glong columns,
            const char *attributes)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr (GString) line = g_string_new (NULL);
  int n = 0;
  for (char **w = words;; w++)
    {
      if (*w != NULL
          && (line->len == 0
              || g_utf8_strlen (line->str, -1) + 1 + g_utf8_strlen (*w, -1) <= columns))
        {
          if (line->len > 0)
            g_string_append_c (line, ' ');
          g_string_append (line, *w);
          continue;
        }
      if (line->len > 0)
        {
          g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" %s>", x, y + n * leading,
                                  attributes);
          tr_escape_html (out, line->str);
          g_string_append (out, "</text>\n");
          n++;
          g_string_truncate (line, 0);
        }
      if (*w == NULL)
        break;
      g_string_append (line, *w);
    }
  return n;
}

void
tr_chart_map (const TrReport *report, TrMapMetric metric, GString *out)
{
  const TrReconciliation *rec = report->rec;
  const Scale *scale = &scales[metric];
  const TrCountryTable *countries = report->dataset->countries;
  int year = last_year (rec);
  g_autofree char *what = metric_words (metric, rec);
  g_autofree char *title = g_strdup_printf ("EU Member States, %d: %s", year, what);
  g_autofree char *sources = source_line (report, metric == TR_MAP_PER_CAPITA);
  g_autofree char *note = NULL;
  if (metric == TR_MAP_PER_CAPITA)
    note = tr_population_note (report->dataset, &year, 1);

  /* Every tile's value first: the description counts them. */
  TileValue values[G_N_ELEMENTS (tiles)];
  guint n_defined = 0;
  for (gsize i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      const TrCountry *c = tr_country_table_get (countries, tiles[i].code);
      values[i] = c != NULL ? tile_value (report, metric, c, year) : (TileValue) { 0 };
      if (c == NULL)
        {
          values[i].why = "unknown country";
          g_strlcpy (values[i].label, "n/a", sizeof values[i].label);
        }
      n_defined += values[i].defined;
    }
  g_autofree char *desc = g_strdup_printf (
      "A tile map of the 27 EU Member States, one square each, placed roughly as on a map, "
      "coloured by %s in %d. %u states have a value; %u have none and are hatched grey. "
      "Each tile shows the state's code and its value.%s%s %s",
      what, year, n_defined, (guint) G_N_ELEMENTS (tiles) - n_defined,
      note != NULL ? " " : "", note != NULL ? note : "", sources);

  int tile = 64, gap = 6, left = 20, top = 70;
  int grid_w = 6 * (tile + gap), grid_h = 8 * (tile + gap);
  int legend_x = left + grid_w + 20;
  int width = legend_x + 220, height = top + grid_h + 70;
  g_string_append_printf (out,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                          "width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"map-title "
                          "map-desc\" class=\"chart map\" font-family=\"sans-serif\" "
                          "font-size=\"12\">\n<title id=\"map-title\">",
                          width, height, width, height);
  tr_escape_html (out, title);
  g_string_append (out, "</title>\n<desc id=\"map-desc\">");
  tr_escape_html (out, desc);
  g_string_append (out, "</desc>\n");
  g_string_append (out, "<defs><pattern id=\"map-missing\" width=\"6\" height=\"6\" "
                        "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                        "<rect width=\"6\" height=\"6\" fill=\"#d9d9d9\"/>"
                        "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#737373\" "
                        "stroke-width=\"2\"/></pattern></defs>\n");
  /* The visible title, and the note on the population's year. */
  text_lines (out, title, left, 24, 16, 80, "font-size=\"15\" font-weight=\"bold\"");
  if (note != NULL)
    text_lines (out, note, left, 44, 14, 95, "font-size=\"11\"");

  for (gsize i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      const TrCountry *c = tr_country_table_get (countries, tiles[i].code);
      const TileValue *v = &values[i];
      int x = left + tiles[i].col * (tile + gap), y = top + tiles[i].row * (tile + gap);
      int k = v->defined ? bin_of (scale, v->value) : -1;
      const char *fill = k >= 0 ? scale->fill[k] : "url(#map-missing)";
      const char *ink = k >= 0 ? scale->ink[k] : "#000000";
      g_string_append_printf (out, "<g class=\"tile\" data-country=\"%s\" data-value=\"%s\">"
                                   "<title>", tiles[i].code, v->label);
      g_autofree char *tip = g_strdup_printf ("%s, %d: %s %s%s%s", c != NULL ? c->name_en
                                                                            : tiles[i].code,
                                              year, what, v->label,
                                              v->defined ? "" : " — ",
                                              v->defined ? "" : v->why);
      tr_escape_html (out, tip);
      g_string_append_printf (out, "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                                   "rx=\"4\" fill=\"%s\" stroke=\"#4d4d4d\"/>", x, y, tile,
                              tile, fill);
      g_string_append_printf (out, "<text class=\"code\" x=\"%d\" y=\"%d\" "
                                   "text-anchor=\"middle\" font-weight=\"bold\" "
                                   "font-size=\"15\" fill=\"%s\">%s</text>",
                              x + tile / 2, y + 26, ink, tiles[i].code);
      g_string_append_printf (out, "<text class=\"value\" x=\"%d\" y=\"%d\" "
                                   "text-anchor=\"middle\" font-size=\"11\" fill=\"%s\">",
                              x + tile / 2, y + 46, ink);
      tr_escape_html (out, v->label);
      g_string_append (out, "</text></g>\n");
    }

  /* The legend: every bin, then the missing tiles. */
  g_string_append (out, "<g class=\"legend\">\n");
  g_autofree char *legend_title = g_strdup (what);
  legend_title[0] = g_ascii_toupper (legend_title[0]);
  text_lines (out, legend_title, legend_x, top + 10, 14, 30, "font-weight=\"bold\"");
  int ly = top + 44;
  for (int k = 0; k < scale->n_bins; k++, ly += 22)
    {
      g_string_append_printf (out, "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"16\" "
                                   "fill=\"%s\" stroke=\"#4d4d4d\"/><text x=\"%d\" y=\"%d\">",
                              legend_x, ly, scale->fill[k], legend_x + 24, ly + 13);
      tr_escape_html (out, scale->labels[k]);
      g_string_append (out, "</text>\n");
    }
  g_string_append_printf (out, "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"16\" "
                               "fill=\"url(#map-missing)\" stroke=\"#4d4d4d\"/>"
                               "<text x=\"%d\" y=\"%d\">n/a: no value (never 0)</text></g>\n",
                          legend_x, ly, legend_x + 24, ly + 13);
  text_lines (out, sources, left, top + grid_h + 16, 14, 110, "font-size=\"11\"");
  g_string_append (out, "</svg>\n");
}

/* Pairs of the year, sorted by the reference's rate, highest first; undefined rates last. */
typedef struct {
  const TrPair *pair;
  TrRate reference, declared;
} RateRow;

static int
compare_rate_rows (gconstpointer a, gconstpointer b)
{
  const RateRow *x = a, *y = b;
  if (x->reference.defined != y->reference.defined)
    return x->reference.defined ? -1 : 1;
  if (x->reference.defined && x->reference.value != y->reference.value)
    return x->reference.value > y->reference.value ? -1 : 1;
  return strcmp (x->pair->country->code, y->pair->country->code);
}

void
tr_chart_per_capita (const TrReport *report, GString *out)
{
  const TrReconciliation *rec = report->rec;
  int year = last_year (rec);
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (RateRow));
  double max = 0;
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (rec->pairs, i);
      if (p->year != year)
        continue;
      RateRow r = { p, tr_per_capita (report->dataset, p->reference, p->country->code, year),
                    tr_per_capita (report->dataset, p->declared, p->country->code, year) };
      if (r.reference.defined)
        max = MAX (max, r.reference.value);
      if (r.declared.defined)
        max = MAX (max, r.declared.value);
      g_array_append_val (rows, r);
    }
  g_array_sort (rows, compare_rate_rows);
  /* Round ticks: a step of 1, 2 or 5 times a power of ten, four or five of them. */
  double step = 1;
  if (max > 0)
    {
      double raw = max / 4, mag = pow (10, floor (log10 (raw)));
      step = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag;
    }
  double axis_max = max > 0 ? ceil (max / step) * step : 1;
  g_autofree char *measure = tr_measure_words (rec->measure);
  const char *ncmec = rec->reference_label;
  g_autofree char *title = g_strdup_printf ("%s per 100 000 inhabitants, %d: %s and declared",
                                            measure, year, ncmec);
  title[0] = g_ascii_toupper (title[0]);
  g_autofree char *sources = source_line (report, TRUE);
  g_autofree char *note = tr_population_note (report->dataset, &year, 1);
  g_autofree char *desc = g_strdup_printf (
      "For each Member State with a figure in %d, %s's %s and the declared %s per 100 000 "
      "inhabitants, highest first by %s's rate; a missing figure is drawn as a hollow mark at "
      "the axis and labelled n/a, never as 0.%s%s %s", year, ncmec, measure, measure, ncmec,
      note != NULL ? " " : "", note != NULL ? note : "", sources);
  int left = 150, right = 30, top = 80, row = 16;
  int width = 760, plot = width - left - right;
  int bottom = top + (int) rows->len * row + 6;
  int height = bottom + 80;
  g_string_append_printf (out,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                          "width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"percap-title "
                          "percap-desc\" class=\"chart\" font-family=\"sans-serif\" "
                          "font-size=\"12\">\n<title id=\"percap-title\">",
                          width, height, width, height);
  tr_escape_html (out, title);
  g_string_append (out, "</title>\n<desc id=\"percap-desc\">");
  tr_escape_html (out, desc);
  g_string_append (out, "</desc>\n");
  text_lines (out, title, 10, 22, 16, 90, "font-size=\"15\" font-weight=\"bold\"");
  if (note != NULL)
    text_lines (out, note, 10, 40, 14, 110, "font-size=\"11\"");
  /* Legend: NCMEC a filled circle, declared a diamond; a hollow mark is missing. */
  g_string_append_printf (out, "<g class=\"legend\"><circle cx=\"%d\" cy=\"%d\" r=\"5\" "
                               "fill=\"#0072B2\"/><text x=\"%d\" y=\"%d\">", left, top - 14,
                          left + 10, top - 10);
  tr_escape_html (out, ncmec);
  g_string_append_printf (out, "</text><path d=\"M %d %d l 5 5 l -5 5 l -5 -5 z\" "
                               "fill=\"#D55E00\"/><text x=\"%d\" y=\"%d\">declared</text>"
                               "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"none\" "
                               "stroke=\"#000000\"/><text x=\"%d\" y=\"%d\">n/a: no figure"
                               "</text></g>\n",
                          left + 130, top - 19, left + 140, top - 10, left + 250, top - 14,
                          left + 260, top - 10);
#define PX(v) (left + (int) lround ((v) / axis_max * plot))
  for (double t = 0; t <= axis_max + step / 2; t += step)
    {
      char tick[48];
      g_snprintf (tick, sizeof tick, "%.0f", t);
      tr_group_thousands (tick, sizeof tick);
      g_string_append_printf (out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                                   "stroke=\"#d9d9d9\"/><text x=\"%d\" y=\"%d\" "
                                   "text-anchor=\"middle\">%s</text>\n",
                              PX (t), top - 4, PX (t), bottom, PX (t), bottom + 14, tick);
    }
  g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", left + plot / 2,
                          bottom + 32);
  g_autofree char *axis = g_strdup_printf ("%s per 100 000 inhabitants (axis from 0)", measure);
  tr_escape_html (out, axis);
  g_string_append (out, "</text>\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const RateRow *r = &g_array_index (rows, RateRow, i);
      int y = top + (int) i * row + row / 2;
      char a[48], b[48];
      tr_format_rate (&r->reference, TR_VALUE_CELL, a, sizeof a);
      tr_format_rate (&r->declared, TR_VALUE_CELL, b, sizeof b);
      g_autofree char *tip = g_strdup_printf ("%s, %d: %s %s, declared %s per 100 000",
                                              r->pair->country->name_en, year, ncmec, a, b);
      g_string_append (out, "<g class=\"rate\" data-country=\"");
      tr_escape_html (out, r->pair->country->code);
      g_string_append (out, "\"><title>");
      tr_escape_html (out, tip);
      g_string_append_printf (out, "</title><text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
                              left - 8, y + 4);
      g_autofree char *name = g_strdup_printf ("%s %s", r->pair->country->code,
                                               r->pair->country->name_en);
      tr_escape_html (out, name);
      g_string_append (out, "</text>");
      if (r->reference.defined)
        g_string_append_printf (out, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"#0072B2\"/>",
                                PX (r->reference.value), y);
      else
        g_string_append_printf (out, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"none\" "
                                     "stroke=\"#0072B2\"/>", left, y);
      if (r->declared.defined)
        g_string_append_printf (out, "<path d=\"M %d %d l 5 5 l -5 5 l -5 -5 z\" "
                                     "fill=\"#D55E00\"/>", PX (r->declared.value), y - 5);
      else
        g_string_append_printf (out, "<path d=\"M %d %d l 5 5 l -5 5 l -5 -5 z\" "
                                     "fill=\"none\" stroke=\"#D55E00\"/><text x=\"%d\" "
                                     "y=\"%d\" font-size=\"10\">n/a</text>", left, y - 5,
                                left + 10, y + 4);
      g_string_append (out, "</g>\n");
    }
#undef PX
  text_lines (out, sources, 10, bottom + 52, 14, 120, "font-size=\"11\"");
  g_string_append (out, "</svg>\n");
}
