/* render-chart.c — the charts, drawn as SVG by hand: coverage, gap and trends.
 *
 * Honest charts: bars start at zero, the coverage axis is logarithmic and says so, every axis
 * names its unit, every chart has a <title> and a <desc>, colours come from the Okabe–Ito
 * palette (safe for colour-blind readers), and every mark has a tooltip naming its figures. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "render.h"

/* Okabe–Ito: one colour per year, in order; then per series. */
static const char *const palette[] = { "#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                       "#56B4E9", "#D55E00", "#F0E442", "#000000" };

static const char *
year_colour (const TrReconciliation *rec, int year)
{
  for (guint i = 0; i < rec->years->len; i++)
    if (((const TrYear *) g_ptr_array_index (rec->years, i))->year == year)
      return palette[i % G_N_ELEMENTS (palette)];
  return palette[7];
}

static void
append_escaped (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

static void
open_svg (GString *out, int width, int height, const char *id, const char *title,
          const char *desc)
{
  g_string_append_printf (out,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                          "width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"%s-title "
                          "%s-desc\" class=\"chart\" font-family=\"sans-serif\" "
                          "font-size=\"12\">\n<title id=\"%s-title\">",
                          width, height, width, height, id, id, id);
  append_escaped (out, title);
  g_string_append_printf (out, "</title>\n<desc id=\"%s-desc\">", id);
  append_escaped (out, desc);
  g_string_append (out, "</desc>\n");
}

/* A matched pair with a coverage that a log axis can show. */
static gboolean
plottable (const TrPair *p)
{
  return p->matched && p->coverage.defined;
}

static int
compare_coverage (gconstpointer a, gconstpointer b)
{
  const TrPair *x = *(const TrPair *const *) a, *y = *(const TrPair *const *) b;
  if (x->coverage.value != y->coverage.value)
    return x->coverage.value < y->coverage.value ? -1 : 1;
  int c = strcmp (x->country->code, y->country->code);
  return c != 0 ? c : (x->year > y->year) - (x->year < y->year);
}

void
tr_chart_coverage (const TrReport *report, GString *out)
{
  const TrReconciliation *rec = report->rec;
  g_autoptr (GPtrArray) pairs = g_ptr_array_new ();
  for (guint i = 0; i < rec->pairs->len; i++)
    if (plottable (g_ptr_array_index (rec->pairs, i)))
      g_ptr_array_add (pairs, g_ptr_array_index (rec->pairs, i));
  g_ptr_array_sort (pairs, compare_coverage);

  /* Log axis from 10^lo to 10^hi, wide enough for every mark, the thresholds and 1. */
  double lo = -1, hi = log10 (2);
  for (guint i = 0; i < pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (pairs, i);
      double v = p->coverage.value > 0 ? log10 (p->coverage.value) : -4;
      lo = MIN (lo, floor (v));
      hi = MAX (hi, v);
    }
  hi = ceil (hi * 2) / 2;
  int left = 130, right = 30, top = 40, row = 12;
  int width = 760, plot = width - left - right;
  int height = top + (int) pairs->len * row + 50;
#define X(v) (left + (int) lround (((v) > 0 ? (log10 (v) - lo) : 0) / (hi - lo) * plot))
  open_svg (out, width, height, "coverage",
            "Coverage: declared reports as a share of NCMEC's, per country and year",
            "One dot per country and year with both figures, sorted from the lowest share to "
            "the highest, on a logarithmic scale. The solid line marks 1 (declared equals "
            "NCMEC); dashed lines mark the rule thresholds.");
  /* Grid: powers of ten and the thresholds. */
  for (int e = (int) lo; e <= (int) ceil (hi); e++)
    {
      double v = pow (10, e);
      if (log10 (v) > hi)
        break;
      g_string_append_printf (out,
                              "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%g</text>\n",
                              X (v), X (v), top - 5, height - 40, X (v), height - 25, v);
    }
  const struct {
    int rule;
    int param;
    const char *label;
  } marks[] = { { TR_RULE_COVERAGE_LOW, 1, "critical" },
                { TR_RULE_COVERAGE_LOW, 0, "low" },
                { TR_RULE_COVERAGE_EXCESS, 0, "excess" } };
  for (gsize k = 0; k < G_N_ELEMENTS (marks); k++)
    {
      double v = report->config->params[marks[k].rule][marks[k].param];
      if (v <= 0 || log10 (v) < lo || log10 (v) > hi)
        continue;
      g_string_append_printf (out,
                              "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#D55E00\" "
                              "stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%d\" "
                              "text-anchor=\"middle\" fill=\"#D55E00\">%s %g</text>\n",
                              X (v), X (v), top - 5, height - 40, X (v), top - 10,
                              marks[k].label, v);
    }
  g_string_append_printf (out,
                          "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#000\" "
                          "stroke-width=\"1.5\"/>\n",
                          X (1.0), X (1.0), top - 5, height - 40);
  for (guint i = 0; i < pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (pairs, i);
      int y = top + (int) i * row + row / 2;
      char cov[48];
      tr_format_ratio (p->declared->value.count, p->reference->value.count, TR_RATIO_DECIMALS,
                       cov, sizeof cov);
      g_string_append_printf (out,
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\">"
                              "%s %d</text>",
                              left - 6, y + 3, p->country->code, p->year);
      g_string_append_printf (out,
                              "<circle class=\"mark\" cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\">"
                              "<title>",
                              X (p->coverage.value), y, year_colour (rec, p->year));
      g_autofree char *tip = g_strdup_printf ("%s %d: coverage %s (declared %" G_GINT64_FORMAT
                                              " of %" G_GINT64_FORMAT ")",
                                              p->country->name_en, p->year, cov,
                                              p->declared->value.count,
                                              p->reference->value.count);
      append_escaped (out, tip);
      g_string_append (out, "</title></circle>\n");
    }
  g_string_append_printf (out,
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">coverage = declared "
                          "÷ NCMEC (logarithmic scale)</text>\n",
                          left + plot / 2, height - 8);
  /* Legend: the colour of each year. */
  for (guint i = 0; i < rec->years->len; i++)
    {
      const TrYear *y = g_ptr_array_index (rec->years, i);
      g_string_append_printf (out,
                              "<circle cx=\"%d\" cy=\"14\" r=\"4\" fill=\"%s\"/><text x=\"%d\" "
                              "y=\"18\">%d</text>\n",
                              left + (int) i * 60, palette[i % G_N_ELEMENTS (palette)],
                              left + (int) i * 60 + 8, y->year);
    }
#undef X
  g_string_append (out, "</svg>\n");
}

typedef struct {
  const TrCountry *country;
  gint64 gap;
  guint years;
} CountryGap;

static int
compare_gaps (gconstpointer a, gconstpointer b)
{
  const CountryGap *x = a, *y = b;
  if (x->gap != y->gap)
    return x->gap > y->gap ? -1 : 1;
  return strcmp (x->country->code, y->country->code);
}

void
tr_chart_gap (const TrReport *report, GString *out)
{
  const TrReconciliation *rec = report->rec;
  g_autoptr (GArray) gaps = g_array_new (FALSE, TRUE, sizeof (CountryGap));
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (rec->pairs, i);
      if (!p->matched)
        continue;
      CountryGap *last = gaps->len > 0 ? &g_array_index (gaps, CountryGap, gaps->len - 1) : NULL;
      if (last == NULL || last->country != p->country)
        {
          CountryGap g = { p->country, 0, 0 };
          g_array_append_val (gaps, g);
          last = &g_array_index (gaps, CountryGap, gaps->len - 1);
        }
      last->gap += p->gap;
      last->years++;
    }
  g_array_sort (gaps, compare_gaps);
  gint64 max = 1, min = 0;
  for (guint i = 0; i < gaps->len; i++)
    {
      max = MAX (max, g_array_index (gaps, CountryGap, i).gap);
      min = MIN (min, g_array_index (gaps, CountryGap, i).gap);
    }
  int left = 130, right = 90, top = 20, row = 16;
  int width = 760, plot = width - left - right;
  int height = top + (int) gaps->len * row + 40;
  double span = (double) (max - min);
  int zero = left + (int) lround ((double) -min / span * plot);
#define X(v) (left + (int) lround (((double) (v) - (double) min) / span * plot))
  open_svg (out, width, height, "gap",
            "Reports NCMEC sent that the Member State does not account for, by country",
            "One bar per country: NCMEC's reports minus the declared reports, added up over "
            "the years with both figures, largest first. Bars start at zero; a bar to the "
            "left of zero means more reports were declared than NCMEC sent.");
  for (guint i = 0; i < gaps->len; i++)
    {
      const CountryGap *g = &g_array_index (gaps, CountryGap, i);
      int y = top + (int) i * row;
      int x0 = MIN (zero, X (g->gap)), x1 = MAX (zero, X (g->gap));
      char n[48];
      tr_format_count (g->gap, n, sizeof n);
      g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 6,
                              y + 12);
      append_escaped (out, g->country->name_en);
      g_string_append_printf (out,
                              "</text><rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" "
                              "height=\"%d\" fill=\"%s\"><title>",
                              x0, y + 2, MAX (1, x1 - x0), row - 4,
                              g->gap >= 0 ? palette[0] : palette[1]);
      g_autofree char *tip = g_strdup_printf ("%s: %s reports over %u year%s", g->country->name_en,
                                              n, g->years, g->years == 1 ? "" : "s");
      append_escaped (out, tip);
      g_string_append_printf (out, "</title></rect><text x=\"%d\" y=\"%d\">%s</text>\n",
                              x1 + 4, y + 12, n);
    }
  g_string_append_printf (out,
                          "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n"
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">reports not accounted "
                          "for (NCMEC − declared, all years with both figures)</text>\n",
                          zero, zero, top, height - 30, left + plot / 2, height - 10);
#undef X
  g_string_append (out, "</svg>\n");
}

/* One series of points (year, count) to draw. */
typedef struct {
  const char *label;
  const char *colour;
  const char *dash;
  GArray *points; /* of const TrObservation * */
} Line;

static void
collect (const TrReport *report, const TrCountry *country, const char *source,
         const char *measure, GPtrArray *into)
{
  const TrDataset *ds = report->dataset;
  for (guint i = 0; i < ds->observations->len; i++)
    {
      const TrObservation *o = g_ptr_array_index (ds->observations, i);
      if (o->country == country && o->value.present && strcmp (o->source, source) == 0
          && strcmp (o->measure, measure) == 0)
        g_ptr_array_add (into, (gpointer) o);
    }
}

void
tr_chart_trend_country (const TrReport *report, const TrCountry *country, GString *out)
{
  const char *measure = report->rec->measure;
  struct {
    const char *source;
    const char *label;
    const char *colour;
    const char *dash;
  } lines[] = { { "ncmec", "NCMEC by country", "#999999", "3 2" },
                { "reference", "NCMEC (Table 7)", palette[0], "" },
                { "declared", "declared", palette[5], "" } };
  GPtrArray *points[G_N_ELEMENTS (lines)];
  int y0 = 9999, y1 = 0;
  gint64 max = 1;
  for (gsize k = 0; k < G_N_ELEMENTS (lines); k++)
    {
      points[k] = g_ptr_array_new ();
      collect (report, country, lines[k].source, measure, points[k]);
      for (guint i = 0; i < points[k]->len; i++)
        {
          const TrObservation *o = g_ptr_array_index (points[k], i);
          y0 = MIN (y0, o->year);
          y1 = MAX (y1, o->year);
          max = MAX (max, o->value.count);
        }
    }
  int width = 240, height = 150, left = 50, right = 10, top = 20, bottom = 25;
  int pw = width - left - right, ph = height - top - bottom;
  g_autofree char *id = g_strdup_printf ("trend-%s", country->code);
  g_autofree char *title = g_strdup_printf ("%s: reports per year", country->name_en);
  open_svg (out, width, height, id, title,
            "NCMEC's reports for the country (grey dashes: NCMEC's by-country table; blue: "
            "Table 7) and the reports the country declared (vermilion), per year, from zero.");
  g_autofree char *heading = g_markup_escape_text (country->name_en, -1);
  g_string_append_printf (out, "<text x=\"%d\" y=\"13\" font-weight=\"bold\">%s</text>\n", left,
                          heading);
  if (y0 > y1)
    {
      g_string_append_printf (out, "<text x=\"%d\" y=\"%d\">no figures</text></svg>\n", left,
                              top + ph / 2);
      for (gsize k = 0; k < G_N_ELEMENTS (lines); k++)
        g_ptr_array_unref (points[k]);
      return;
    }
  int span = MAX (1, y1 - y0);
#define PX(year) (left + (int) lround ((double) ((year) - y0) / span * pw))
#define PY(v) (top + ph - (int) lround ((double) (v) / (double) max * ph))
  char top_label[48];
  g_string_append_printf (out,
                          "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>"
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"9\">0</text>"
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"9\">%s</text>\n",
                          left, left + pw, top + ph, top + ph, left - 3, top + ph + 3, left - 3,
                          top + 4, tr_format_count (max, top_label, sizeof top_label));
  for (int year = y0; year <= y1; year++)
    g_string_append_printf (out,
                            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\">"
                            "%02d</text>\n",
                            PX (year), top + ph + 12, year % 100);
  for (gsize k = 0; k < G_N_ELEMENTS (lines); k++)
    {
      g_autoptr (GString) path = g_string_new (NULL);
      for (guint i = 0; i < points[k]->len; i++)
        {
          const TrObservation *o = g_ptr_array_index (points[k], i);
          g_string_append_printf (path, "%s%d,%d", i == 0 ? "M" : " L", PX (o->year),
                                  PY (o->value.count));
        }
      if (points[k]->len > 1)
        g_string_append_printf (out,
                                "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
                                "stroke-dasharray=\"%s\"/>\n",
                                path->str, lines[k].colour, lines[k].dash);
      for (guint i = 0; i < points[k]->len; i++)
        {
          const TrObservation *o = g_ptr_array_index (points[k], i);
          char n[48];
          g_string_append_printf (out,
                                  "<circle class=\"point\" cx=\"%d\" cy=\"%d\" r=\"2.5\" "
                                  "fill=\"%s\"><title>%s %d: %s</title></circle>\n",
                                  PX (o->year), PY (o->value.count), lines[k].colour,
                                  lines[k].label, o->year,
                                  tr_format_count (o->value.count, n, sizeof n));
        }
      g_ptr_array_unref (points[k]);
    }
  g_string_append_printf (out,
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\">year; "
                          "reports (count)</text>\n",
                          left + pw / 2, height - 2);
#undef PX
#undef PY
  g_string_append (out, "</svg>\n");
}

void
tr_chart_trend_eu (const TrReport *report, GString *out)
{
  /* Per year, the sums over the countries reconciled: NCMEC by-country, Table 7, declared. */
  const TrReconciliation *rec = report->rec;
  g_autoptr (GHashTable) in_scope = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < rec->pairs->len; i++)
    g_hash_table_add (in_scope, (gpointer) ((const TrPair *) g_ptr_array_index (rec->pairs, i))->country);
  const char *sources[] = { "ncmec", "reference", "declared" };
  const char *labels[] = { "NCMEC by-country table", "NCMEC, Table 7", "declared, Table 6" };
  const char *colours[] = { "#999999", palette[0], palette[5] };
  gint64 sums[3][200] = { { 0 } };
  gboolean has[3][200] = { { FALSE } };
  int y0 = 2099, y1 = 1900;
  const TrDataset *ds = report->dataset;
  for (guint i = 0; i < ds->observations->len; i++)
    {
      const TrObservation *o = g_ptr_array_index (ds->observations, i);
      if (o->country == NULL || !o->value.present || !g_hash_table_contains (in_scope, o->country)
          || strcmp (o->measure, rec->measure) != 0 || o->year < 1900 || o->year >= 2100)
        continue;
      for (int k = 0; k < 3; k++)
        if (strcmp (o->source, sources[k]) == 0)
          {
            sums[k][o->year - 1900] += o->value.count;
            has[k][o->year - 1900] = TRUE;
            y0 = MIN (y0, o->year);
            y1 = MAX (y1, o->year);
          }
    }
  gint64 max = 1;
  for (int k = 0; k < 3; k++)
    for (int y = y0; y <= y1; y++)
      max = MAX (max, sums[k][y - 1900]);
  int width = 640, height = 320, left = 90, right = 170, top = 20, bottom = 40;
  int pw = width - left - right, ph = height - top - bottom;
  int span = MAX (1, y1 - y0);
  open_svg (out, width, height, "trend",
            "Reports per year: NCMEC's figures and the Member States' declared figures",
            "Sums over the countries reconciled, per year, from zero: NCMEC's by-country table, "
            "NCMEC's figures as the Commission tabulates them (Table 7) and the declared "
            "figures (Table 6).");
#define PX(year) (left + (int) lround ((double) ((year) - y0) / span * pw))
#define PY(v) (top + ph - (int) lround ((double) (v) / (double) max * ph))
  for (int t = 0; t <= 4; t++)
    {
      char n[48];
      gint64 v = max * t / 4;
      g_string_append_printf (out,
                              "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                              left, left + pw, PY (v), PY (v), left - 5, PY (v) + 4,
                              tr_format_count (v, n, sizeof n));
    }
  for (int y = y0; y <= y1 && y0 <= y1; y++)
    g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
                            PX (y), top + ph + 16, y);
  for (int k = 0; k < 3; k++)
    {
      g_autoptr (GString) path = g_string_new (NULL);
      for (int y = y0; y <= y1; y++)
        if (has[k][y - 1900])
          g_string_append_printf (path, "%s%d,%d", path->len == 0 ? "M" : " L", PX (y),
                                  PY (sums[k][y - 1900]));
      if (path->len > 0)
        g_string_append_printf (out,
                                "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>"
                                "\n<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>\n",
                                path->str, colours[k], left + pw + 8, top + 14 + k * 16,
                                colours[k], labels[k]);
    }
  g_string_append_printf (out,
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">year; reports "
                          "(count, from zero)</text>\n",
                          left + pw / 2, height - 4);
#undef PX
#undef PY
  g_string_append (out, "</svg>\n");
}
