/* render-chart.c — the charts, drawn as SVG by hand: coverage, gap and trends.
 *
 * Honest charts: bars start at zero, the coverage axis is logarithmic and says so, every axis
 * names its unit, every chart has a <title> and a <desc>, colours come from the Okabe–Ito
 * palette (safe for colour-blind readers), and every mark has a tooltip naming its figures.
 * A missing figure is shown as missing — a hollow mark or a cross, and words saying which side
 * lacks which years — never dropped and never drawn as zero; sums compare like with like (the
 * same years for every bar, the same countries on every line), and a chart with nothing to
 * draw says why. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "escape.h"
#include "funnel.h"
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
  tr_escape_html (out, text);
}

/* `text` escaped for SVG text or an attribute, newly allocated, for a printf argument. */
static char *
escaped (const char *text)
{
  GString *out = g_string_new (NULL);
  tr_escape_html (out, text);
  return g_string_free (out, FALSE);
}

/* Appends `text` as lines of at most `columns` characters (broken at spaces), the first at
 * (x, y), each next one `leading` lower, with `attributes` on each. Returns the lines used. */
static int
append_wrapped (GString *out, const char *text, int x, int y, int leading, glong columns,
                const char *attributes)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr (GString) line = g_string_new (NULL);
  int lines = 0;
  for (char **w = words;; w++)
    {
      if (*w != NULL
          && (line->len == 0
              || g_utf8_strlen (line->str, -1) + 1 + g_utf8_strlen (*w, -1) <= columns))
        {
          g_string_append_printf (line, "%s%s", line->len > 0 ? " " : "", *w);
          continue;
        }
      g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" %s>", x, y + lines * leading,
                              attributes);
      append_escaped (out, line->str);
      g_string_append (out, "</text>\n");
      lines++;
      if (*w == NULL)
        break;
      g_string_assign (line, *w);
    }
  return lines;
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

/* A matched pair with a coverage that a log axis can show (a share of 0 cannot be). */
static gboolean
plottable (const TrPair *p)
{
  return p->matched && p->coverage.defined && p->coverage.value > 0;
}

/* Appends the years of `years` (ints, ascending) as "2022", "2022–2024" or "2019, 2022–2024". */
static void
append_years (GString *out, const GArray *years)
{
  for (guint i = 0; i < years->len;)
    {
      guint j = i;
      while (j + 1 < years->len
             && g_array_index (years, int, j + 1) == g_array_index (years, int, j) + 1)
        j++;
      g_string_append_printf (out, "%s%d", i > 0 ? ", " : "", g_array_index (years, int, i));
      if (j > i)
        g_string_append_printf (out, "–%d", g_array_index (years, int, j));
      i = j + 1;
    }
}

/* Why a pair has no coverage. */
typedef enum {
  NO_DECLARED,     /* no declared figure */
  NO_REFERENCE,    /* no figure of the reference */
  NO_FIGURE,       /* no pair: no figure on either side */
  REFERENCE_ZERO,  /* the reference's figure is 0 */
  DECLARED_ZERO,   /* declared 0 */
} Lack;

static Lack
lack_of (const TrPair *p)
{
  if (p == NULL)
    return NO_FIGURE;
  switch (p->status)
    {
    case TR_STATUS_REFERENCE_ONLY:
    case TR_STATUS_DECLARED_MISSING:
      return NO_DECLARED;
    case TR_STATUS_DECLARED_ONLY:
    case TR_STATUS_REFERENCE_MISSING:
      return NO_REFERENCE;
    case TR_STATUS_MATCHED:
      break;
    }
  return !p->coverage.defined ? REFERENCE_ZERO : DECLARED_ZERO;
}

/* The lack in a few words, the reference named by its label. Newly allocated. */
static char *
lack_words (const TrReconciliation *rec, Lack lack)
{
  switch (lack)
    {
    case NO_DECLARED:
      return g_strdup ("no declared figure");
    case NO_REFERENCE:
      return g_strdup_printf ("no %s figure", rec->reference_label);
    case NO_FIGURE:
      return g_strdup ("no figure on either side");
    case REFERENCE_ZERO:
      {
        g_autofree char *whose = tr_possessive (rec->reference_label);
        return g_strdup_printf ("%s figure is 0: no share", whose);
      }
    case DECLARED_ZERO:
    default:
      return g_strdup ("declared 0: a share of 0 is off the logarithmic scale");
    }
}

/* Appends what `country` lacks over the reconciliation's years, e.g. "no declared figure for
 * 2023–2024; no figure on either side for 2022". Appends nothing when every year is matched. */
static void
append_missing (GString *out, const TrReconciliation *rec, const TrCountry *country)
{
  static const Lack kinds[] = { NO_DECLARED, NO_REFERENCE, NO_FIGURE };
  gboolean first = TRUE;
  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
      for (guint y = 0; y < rec->years->len; y++)
        {
          int year = ((const TrYear *) g_ptr_array_index (rec->years, y))->year;
          const TrPair *p = tr_reconciliation_pair (rec, country->code, year);
          if ((p == NULL || !p->matched) && lack_of (p) == kinds[k])
            g_array_append_val (years, year);
        }
      if (years->len == 0)
        continue;
      g_autofree char *words = lack_words (rec, kinds[k]);
      g_string_append_printf (out, "%s%s for ", first ? "" : "; ", words);
      append_years (out, years);
      first = FALSE;
    }
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

/* The coverage chart's grid: powers of ten, the rule thresholds, and 1. */
static void
draw_coverage_grid (const TrReport *report, GString *out, double lo, double hi, int left,
                    int plot, int top, int bottom)
{
#define X(v) (left + (int) lround ((log10 (v) - lo) / (hi - lo) * plot))
  for (int e = (int) lo; e <= (int) ceil (hi); e++)
    {
      double v = pow (10, e);
      if (log10 (v) > hi)
        break;
      g_string_append_printf (out,
                              "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%g</text>\n",
                              X (v), X (v), top - 5, bottom, X (v), bottom + 15, v);
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
                              X (v), X (v), top - 5, bottom, X (v), top - 10, marks[k].label, v);
    }
  g_string_append_printf (out,
                          "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#000\" "
                          "stroke-width=\"1.5\"/>\n",
                          X (1.0), X (1.0), top - 5, bottom);
#undef X
}

void
tr_chart_coverage (const TrReport *report, GString *out)
{
  const TrReconciliation *rec = report->rec;
  g_autoptr (GPtrArray) pairs = g_ptr_array_new ();
  g_autoptr (GPtrArray) unplotted = g_ptr_array_new (); /* by country, then year */
  for (guint i = 0; i < rec->pairs->len; i++)
    g_ptr_array_add (plottable (g_ptr_array_index (rec->pairs, i)) ? pairs : unplotted,
                     g_ptr_array_index (rec->pairs, i));
  g_ptr_array_sort (pairs, compare_coverage);

  /* Log axis from 10^lo to 10^hi, wide enough for every mark, the thresholds and 1. */
  double lo = -1, hi = log10 (2);
  for (guint i = 0; i < pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (pairs, i);
      double v = log10 (p->coverage.value);
      lo = MIN (lo, floor (v));
      hi = MAX (hi, v);
    }
  hi = ceil (hi * 2) / 2;
  /* The plot, its axis, then the country-years it cannot show, each named with the reason. */
  int left = 130, right = 30, top = 40, row = 12, missing_row = 14;
  int width = 760, plot = width - left - right;
  int bottom = top + (int) pairs->len * row + 5;
  int missing_top = bottom + 58;
  int height = unplotted->len > 0 ? missing_top + (int) unplotted->len * missing_row + 8
                                  : bottom + 45;
#define X(v) (left + (int) lround ((log10 (v) - lo) / (hi - lo) * plot))
  g_autofree char *what = tr_measure_words (rec->measure);
  const char *ncmec = rec->reference_label;
  g_autofree char *ncmecs = tr_possessive (ncmec);
  g_autofree char *coverage_title = g_strdup_printf ("Coverage: declared %s as a share of "
                                                     "%s, per country and year", what, ncmecs);
  g_autofree char *coverage_desc = g_strdup_printf (
      "One dot per country and year with both figures, sorted from the lowest share to "
      "the highest, on a logarithmic scale. The solid line marks 1 (declared equals "
      "%s); dashed lines mark the rule thresholds. Under the chart, each country and "
      "year with no share to show, marked with a hollow circle and the reason.", ncmec);
  open_svg (out, width, height, "coverage", coverage_title, coverage_desc);
  /* Grid: powers of ten and the thresholds; none when there is no dot to place. */
  if (pairs->len > 0)
    draw_coverage_grid (report, out, lo, hi, left, plot, top, bottom);
  for (guint i = 0; i < pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (pairs, i);
      int y = top + (int) i * row + row / 2;
      g_autofree char *code = escaped (p->country->code);
      char cov[48], dn[64], rn[64];
      tr_render_coverage_cell (p, cov, sizeof cov);
      g_string_append_printf (out,
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\">"
                              "%s %d</text>",
                              left - 6, y + 3, code, p->year);
      g_string_append_printf (out,
                              "<circle class=\"mark\" cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\">"
                              "<title>",
                              X (p->coverage.value), y, year_colour (rec, p->year));
      g_autofree char *tip
          = g_strdup_printf ("%s %d: coverage %s (declared %s of %s)", p->country->name_en,
                             p->year, cov,
                             tr_format_value (&p->declared->value, TR_VALUE_WORDS, dn, sizeof dn),
                             tr_format_value (&p->reference->value, TR_VALUE_WORDS, rn,
                                              sizeof rn));
      append_escaped (out, tip);
      g_string_append (out, "</title></circle>\n");
    }
  if (pairs->len == 0)
    g_string_append_printf (out,
                            "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">No country and year "
                            "has both figures: no share to draw.</text>\n",
                            left - 120, top + 10);
  else
    {
      g_autofree char *shown = escaped (ncmec);
      g_string_append_printf (out,
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">coverage = "
                              "declared ÷ %s (logarithmic scale)</text>\n",
                              left + plot / 2, bottom + 33, shown);
    }
  if (unplotted->len > 0)
    g_string_append_printf (out,
                            "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">Not on the chart "
                            "(%u country-year%s with no share to show):</text>\n",
                            left - 120, missing_top - 10, unplotted->len,
                            unplotted->len == 1 ? "" : "s");
  for (guint i = 0; i < unplotted->len; i++)
    {
      const TrPair *p = g_ptr_array_index (unplotted, i);
      int y = missing_top + (int) i * missing_row + missing_row / 2;
      g_autofree char *code = escaped (p->country->code);
      /* The reason, then the figures there are. */
      g_autofree char *why = lack_words (rec, lack_of (p));
      g_autoptr (GString) label = g_string_new (why);
      const char *sep = " (";
      char n[48];
      if (p->reference != NULL && p->reference->value.present)
        {
          g_string_append_printf (label, "%s%s %s", sep, rec->reference_label,
                                  tr_format_value (&p->reference->value, TR_VALUE_CELL, n,
                                                   sizeof n));
          sep = "; ";
        }
      if (p->declared != NULL && p->declared->value.present)
        {
          g_string_append_printf (label, "%sdeclared %s", sep,
                                  tr_format_value (&p->declared->value, TR_VALUE_CELL, n,
                                                   sizeof n));
          sep = "; ";
        }
      if (sep[0] == ';')
        g_string_append_c (label, ')');
      g_string_append_printf (out,
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\">"
                              "%s %d</text><circle class=\"missing\" cx=\"%d\" cy=\"%d\" r=\"4\" "
                              "fill=\"none\" stroke=\"%s\" stroke-dasharray=\"2 1\"/><text "
                              "x=\"%d\" y=\"%d\" font-size=\"11\">",
                              left - 6, y + 3, code, p->year, left + 6, y,
                              year_colour (rec, p->year), left + 16, y + 4);
      g_autofree char *text
          = g_strdup_printf ("%s %d: %s", p->country->name_en, p->year, label->str);
      append_escaped (out, text);
      g_string_append (out, "</text>\n");
    }
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

/* One country of the gap chart: the gap added up over the years with both figures. */
typedef struct {
  const TrCountry *country;
  gint64 gap;
  TrValue reference, declared; /* the figures added up, with their qualifiers */
  GArray *years; /* int: the years added up */
} CountryGap;

static void
country_gap_clear (gpointer data)
{
  g_array_unref (((CountryGap *) data)->years);
}

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
  /* Bars that add up years compare like with like only when they add up the same years: the
   * countries with both figures in every year come first, ranked; those with both figures in
   * some years only come next, each bar labelled with its years; the countries with no year
   * to add up come last, marked and named with what they lack. */
  const TrReconciliation *rec = report->rec;
  g_autoptr (GArray) gaps = g_array_new (FALSE, TRUE, sizeof (CountryGap));
  g_array_set_clear_func (gaps, country_gap_clear);
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (rec->pairs, i);
      CountryGap *last = gaps->len > 0 ? &g_array_index (gaps, CountryGap, gaps->len - 1) : NULL;
      if (last == NULL || last->country != p->country)
        {
          CountryGap g = { p->country, 0, tr_value_exact (0), tr_value_exact (0),
                           g_array_new (FALSE, FALSE, sizeof (int)) };
          g_array_append_val (gaps, g);
          last = &g_array_index (gaps, CountryGap, gaps->len - 1);
        }
      if (!p->matched)
        continue;
      last->gap += p->gap;
      last->reference = tr_value_add (&last->reference, &p->reference->value);
      last->declared = tr_value_add (&last->declared, &p->declared->value);
      g_array_append_val (last->years, p->year);
    }
  g_autoptr (GArray) all_years = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint y = 0; y < rec->years->len; y++)
    g_array_append_val (all_years, ((const TrYear *) g_ptr_array_index (rec->years, y))->year);
  g_autoptr (GString) period = g_string_new (NULL);
  append_years (period, all_years);

  enum { FULL, PARTIAL, NONE, N_GROUPS };
  GPtrArray *groups[N_GROUPS];
  for (int k = 0; k < N_GROUPS; k++)
    groups[k] = g_ptr_array_new ();
  g_array_sort (gaps, compare_gaps);
  gint64 max = 1, min = 0;
  for (guint i = 0; i < gaps->len; i++)
    {
      CountryGap *g = &g_array_index (gaps, CountryGap, i);
      int k = g->years->len == all_years->len ? FULL : g->years->len > 0 ? PARTIAL : NONE;
      g_ptr_array_add (groups[k], g);
      if (k != NONE)
        {
          max = MAX (max, g->gap);
          min = MIN (min, g->gap);
        }
    }
  static const int row_height[N_GROUPS] = { 16, 28, 16 };
  int left = 130, right = 90, top = 20, heading = 20;
  int width = 760, plot = width - left - right;
  /* The groups get a heading when there is more than one. */
  gboolean headed = groups[PARTIAL]->len + groups[NONE]->len > 0;
  int height = top;
  for (int k = 0; k < N_GROUPS; k++)
    height += (headed && groups[k]->len > 0 ? heading : 0)
              + (int) groups[k]->len * row_height[k];
  int bars_bottom = height - (int) groups[NONE]->len * row_height[NONE]
                    - (headed && groups[NONE]->len > 0 ? heading : 0);
  height += 40;
  double span = (double) (max - min);
  int zero = left + (int) lround ((double) -min / span * plot);
#define X(v) (left + (int) lround (((double) (v) - (double) min) / span * plot))
  g_autofree char *what = tr_measure_words (rec->measure);
  const char *ncmec = rec->reference_label;
  g_autofree char *ncmecs = tr_possessive (ncmec);
  g_autofree char *desc = g_strdup_printf (
      "One bar per country: %s %s minus the declared %s, added up over %s, "
      "largest first. Bars start at zero; a bar to the left of zero means more %s were "
      "declared than %s sent. A country with both figures in some years only has its bar "
      "apart, labelled with the years it adds up; a country with no year to add up is marked "
      "with a hollow box and named with what it lacks.",
      ncmecs, what, what, period->str, what, ncmec);
  g_autofree char *gap_title = g_strdup_printf ("%s %s sent that the Member State does not "
                                                "account for, by country", what, ncmec);
  gap_title[0] = g_ascii_toupper (gap_title[0]);
  open_svg (out, width, height, "gap", gap_title, desc);
  g_autofree char *full_heading = g_strdup_printf ("Both figures in every year, %s", period->str);
  const char *const headings[N_GROUPS]
      = { full_heading, "Both figures in some years only: each bar adds up only the years under it",
          "No year with both figures: nothing to add up" };
  int y = top;
  for (int k = 0; k < N_GROUPS; k++)
    {
      if (groups[k]->len == 0)
        continue;
      if (headed)
        {
          g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n",
                                  left - 120, y + 14, headings[k]);
          y += heading;
        }
      for (guint i = 0; i < groups[k]->len; i++, y += row_height[k])
        {
          const CountryGap *g = g_ptr_array_index (groups[k], i);
          g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 6,
                                  y + 12);
          append_escaped (out, g->country->name_en);
          g_string_append (out, "</text>");
          g_autoptr (GString) lacks = g_string_new (NULL);
          append_missing (lacks, rec, g->country);
          if (k == NONE)
            {
              g_string_append_printf (out,
                                      "<rect class=\"missing\" x=\"%d\" y=\"%d\" width=\"10\" "
                                      "height=\"%d\" fill=\"none\" stroke=\"#555\" "
                                      "stroke-dasharray=\"2 1\"/><text x=\"%d\" y=\"%d\" "
                                      "fill=\"#333\">",
                                      zero + 2, y + 2, row_height[k] - 4, zero + 16, y + 12);
              append_escaped (out, lacks->str);
              g_string_append (out, "</text>\n");
              continue;
            }
          int x0 = MIN (zero, X (g->gap)), x1 = MAX (zero, X (g->gap));
          /* The label is as exact as the figures added up ("~300", ">90"). */
          char n[64];
          TrValue gap = tr_value_subtract (&g->reference, &g->declared);
          if (gap.present)
            tr_format_value (&gap, TR_VALUE_CELL, n, sizeof n);
          else
            g_strlcpy (n, "n/a", sizeof n);
          g_autoptr (GString) years = g_string_new (NULL);
          append_years (years, g->years);
          g_string_append_printf (out,
                                  "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" "
                                  "height=\"12\" fill=\"%s\"%s><title>",
                                  x0, y + 2, MAX (1, x1 - x0), g->gap >= 0 ? palette[0] : palette[1],
                                  k == PARTIAL ? " fill-opacity=\"0.55\"" : "");
          g_autofree char *tip = g_strdup_printf ("%s: %s %s over %s", g->country->name_en,
                                                  n, what, years->str);
          append_escaped (out, tip);
          g_string_append_printf (out, "</title></rect><text x=\"%d\" y=\"%d\">", x1 + 4,
                                  y + 12);
          append_escaped (out, n);
          g_string_append (out, "</text>\n");
          if (k == PARTIAL)
            {
              /* Under the bar, on the side of the zero line with room for it. */
              gboolean room_right = zero < left + plot / 2;
              g_string_append_printf (out,
                                      "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#333\" "
                                      "text-anchor=\"%s\">",
                                      room_right ? zero + 4 : zero - 4, y + 25,
                                      room_right ? "start" : "end");
              g_autofree char *label = g_strdup_printf ("%s only; %s", years->str, lacks->str);
              append_escaped (out, label);
              g_string_append (out, "</text>\n");
            }
        }
    }
  if (groups[FULL]->len + groups[PARTIAL]->len > 0)
    g_string_append_printf (out, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n",
                            zero, zero, top + (headed ? heading : 0), bars_bottom);
  g_string_append_printf (out,
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
                          left + plot / 2, height - 10);
  g_autofree char *axis = g_strdup_printf ("%s not accounted for (%s − declared), added up "
                                           "over %s", what, ncmec, period->str);
  append_escaped (out, axis);
  g_string_append (out, "</text>\n");
#undef X
  g_string_append (out, "</svg>\n");
  for (int k = 0; k < N_GROUPS; k++)
    g_ptr_array_unref (groups[k]);
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
  for (guint i = 0; i < ds->n_observations; i++)
    {
      const TrObservation *o = tr_dataset_observation (ds, i);
      if (o->country == country && o->value.present && tr_observation_year (o) != 0
          && strcmp (o->source, source) == 0 && strcmp (o->measure, measure) == 0)
        g_ptr_array_add (into, (gpointer) o);
    }
}

void
tr_chart_trend_country (const TrReport *report, const TrCountry *country, GString *out)
{
  const char *measure = report->rec->measure;
  g_autofree char *reference_line = g_strdup_printf ("%s (reference)",
                                                     report->rec->reference_label);
  struct {
    const char *source;
    const char *label;
    const char *colour;
    const char *dash;
  } lines[] = { { "ncmec", "NCMEC by country", "#999999", "3 2" },
                { report->rec->reference, reference_line, palette[0], "" },
                { report->rec->declared, "declared", palette[5], "" } };
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
          y0 = MIN (y0, tr_observation_year (o));
          y1 = MAX (y1, tr_observation_year (o));
          max = MAX (max, o->value.count);
        }
    }
  /* The years compared, so that a year with one side missing has its place on the axis. */
  const TrReconciliation *rec = report->rec;
  for (guint i = 0; i < rec->years->len; i++)
    {
      int year = ((const TrYear *) g_ptr_array_index (rec->years, i))->year;
      if (tr_reconciliation_pair (rec, country->code, year) != NULL)
        {
          y0 = MIN (y0, year);
          y1 = MAX (y1, year);
        }
    }
  int width = 240, height = 170, left = 50, right = 10, top = 30, bottom = 35;
  int pw = width - left - right, ph = height - top - bottom;
  g_autofree char *token = tr_escape_html_id (country->code);
  g_autofree char *id = g_strdup_printf ("trend-%s", token);
  g_autofree char *what = tr_measure_words (rec->measure);
  g_autofree char *title = g_strdup_printf ("%s: %s per year", country->name_en, what);
  g_autofree char *ncmecs = tr_possessive (rec->reference_label);
  g_autofree char *desc = g_strdup_printf (
      "%s %s for the country (grey dashes: NCMEC's by-country table; blue: the "
      "reference figures) and the %s the country declared (vermilion), per year, "
      "from zero. A cross under a year marks a figure missing on that side, as the note "
      "under the name says.", ncmecs, what, what);
  open_svg (out, width, height, id, title, desc);
  g_autofree char *heading = escaped (country->name_en);
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
                            PX (year), top + ph + 22, year % 100);
  /* A year compared with one side missing: a cross under the axis, never a point at zero. */
  g_autoptr (GString) lacks = g_string_new (NULL);
  append_missing (lacks, rec, country);
  if (lacks->len > 0)
    {
      g_string_append_printf (out, "<text x=\"4\" y=\"25\" font-size=\"9\" fill=\"#333\">× ");
      append_escaped (out, lacks->str);
      g_string_append (out, "</text>\n");
    }
  for (guint i = 0; i < rec->years->len; i++)
    {
      int year = ((const TrYear *) g_ptr_array_index (rec->years, i))->year;
      const TrPair *p = tr_reconciliation_pair (rec, country->code, year);
      if (p == NULL || p->matched)
        continue;
      Lack lack = lack_of (p);
      g_autofree char *words = lack_words (rec, lack);
      g_autofree char *shown = escaped (words);
      g_string_append_printf (out,
                              "<text class=\"missing\" x=\"%d\" y=\"%d\" "
                              "text-anchor=\"middle\" font-size=\"11\" fill=\"%s\">×<title>%d: "
                              "%s</title></text>\n",
                              PX (year), top + ph + 12,
                              lack == NO_REFERENCE ? palette[0] : palette[5], year, shown);
    }
  for (gsize k = 0; k < G_N_ELEMENTS (lines); k++)
    {
      g_autoptr (GString) path = g_string_new (NULL);
      for (guint i = 0; i < points[k]->len; i++)
        {
          const TrObservation *o = g_ptr_array_index (points[k], i);
          g_string_append_printf (path, "%s%d,%d", i == 0 ? "M" : " L", PX (tr_observation_year (o)),
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
                                  PX (tr_observation_year (o)), PY (o->value.count), lines[k].colour,
                                  lines[k].label, tr_observation_year (o),
                                  tr_format_value (&o->value, TR_VALUE_WORDS, n, sizeof n));
        }
      g_ptr_array_unref (points[k]);
    }
  g_string_append_printf (out,
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\">",
                          left + pw / 2, height - 2);
  g_autofree char *axis = g_strdup_printf ("year; %s (count)", what);
  append_escaped (out, axis);
  g_string_append (out, "</text>\n");
#undef PX
#undef PY
  g_string_append (out, "</svg>\n");
}

void
tr_chart_trend_eu (const TrReport *report, GString *out)
{
  /* Per year, sums over the same countries on every line: those with both an NCMEC and a
   * declared figure that year. A line of another source is drawn at a year only when every
   * one of those countries has a figure in it too. */
  const TrReconciliation *rec = report->rec;
  const TrDataset *ds = report->dataset;
  guint n_years = rec->years->len;
  enum { NCMEC, REFERENCE, DECLARED, N_LINES };
  const char *sources[N_LINES] = { "ncmec", rec->reference, rec->declared };
  g_autofree char *ncmecs = tr_possessive (rec->reference_label);
  g_autofree char *reference_name = g_strdup_printf ("%s figures (reference)", ncmecs);
  const char *names[N_LINES] = { "NCMEC's by-country table", reference_name,
                                 "declared figures" };
  const char *colours[N_LINES] = { "#999999", palette[0], palette[5] };
  g_autofree gint64 *sums = g_new0 (gint64, N_LINES * MAX (n_years, 1));
  g_autofree gboolean *has = g_new0 (gboolean, N_LINES * MAX (n_years, 1));
  /* The same sums as figures, for their labels: inexact when a part is. */
  g_autofree TrValue *figures = g_new0 (TrValue, N_LINES * MAX (n_years, 1));
  for (guint i = 0; i < N_LINES * MAX (n_years, 1); i++)
    figures[i] = tr_value_exact (0);
  g_autofree guint *n_all = g_new0 (guint, MAX (n_years, 1));
  gboolean any = FALSE;
  gint64 max = 1;
  for (guint y = 0; y < n_years; y++)
    {
      const TrYear *year = g_ptr_array_index (rec->years, y);
      guint n_context = 0;
      for (guint i = 0; i < rec->pairs->len; i++)
        {
          const TrPair *p = g_ptr_array_index (rec->pairs, i);
          if (p->year != year->year)
            continue;
          n_all[y]++;
          if (!p->matched)
            continue;
          const TrObservation *o
              = tr_dataset_find (ds, sources[NCMEC], p->country->code, p->year, rec->measure);
          if (o != NULL && o->value.present)
            {
              sums[NCMEC * n_years + y] += o->value.count;
              figures[NCMEC * n_years + y]
                  = tr_value_add (&figures[NCMEC * n_years + y], &o->value);
              n_context++;
            }
        }
      if (year->n_matched == 0)
        continue;
      any = TRUE;
      sums[REFERENCE * n_years + y] = year->reference_matched;
      sums[DECLARED * n_years + y] = year->declared_matched;
      figures[REFERENCE * n_years + y] = year->figures.reference_matched;
      figures[DECLARED * n_years + y] = year->figures.declared_matched;
      has[REFERENCE * n_years + y] = has[DECLARED * n_years + y] = TRUE;
      has[NCMEC * n_years + y] = n_context == year->n_matched;
      for (int k = 0; k < N_LINES; k++)
        if (has[k * n_years + y])
          max = MAX (max, sums[k * n_years + y]);
    }
  /* Each line's legend names what was read for it. */
  char *cites[N_LINES];
  for (int k = 0; k < N_LINES; k++)
    cites[k] = tr_dataset_cite (ds, sources[k], rec->measure, FALSE);

  int width = 640, left = 90, right = 60, top = 20, plot_height = 260;
  int legend_top = top + plot_height + 48;
  int pw = width - left - right, ph = plot_height;
  int span = MAX (1, (int) n_years - 1);
  /* Legend, under the chart: one entry per series drawn, with its source. */
  g_autoptr (GString) legend = g_string_new (NULL);
  int ly = legend_top;
  for (int k = N_LINES - 1; k >= 0; k--)
    {
      gboolean drawn = FALSE;
      for (guint y = 0; y < n_years; y++)
        drawn = drawn || has[k * n_years + y];
      if (!drawn)
        continue;
      g_string_append_printf (legend,
                              "<line x1=\"10\" x2=\"30\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
                              "stroke-width=\"2\"%s/>\n",
                              ly - 4, ly - 4, colours[k],
                              k == NCMEC ? " stroke-dasharray=\"5 3\"" : "");
      g_autofree char *label
          = g_strdup_printf ("%s: %s", names[k], cites[k] != NULL ? cites[k] : sources[k]);
      ly += 14 * append_wrapped (legend, label, 35, ly, 14, 95, "font-size=\"11\"") + 2;
    }
  g_autofree char *left_out = g_strdup_printf ("Each year adds up only the countries with both "
                                               "a figure of %s and a declared figure that "
                                               "year (how many under the year); the others "
                                               "are left out.", rec->reference_label);
  ly += 14 * append_wrapped (legend, left_out, 10, ly, 14, 100, "font-size=\"11\"");
  int height = ly + 4;
  g_autofree char *what = tr_measure_words (rec->measure);
  g_autofree char *trend_title = g_strdup_printf ("%s per year: %s figures and the Member "
                                                  "States' declared figures", what, ncmecs);
  trend_title[0] = g_ascii_toupper (trend_title[0]);
  g_autofree char *trend_desc = g_strdup_printf (
      "Per year, from zero, sums over the same countries on every line: those with both "
      "a figure of %s and a declared figure that year (how many is under each year; the "
      "others are left out). Lines: NCMEC's by-country table where it has a figure for each "
      "of those countries, %s figures as compared, and the declared figures; the legend "
      "names the source of each.", rec->reference_label, ncmecs);
  open_svg (out, width, height, "trend", trend_title, trend_desc);
#define PX(i) (left + (int) lround ((double) (i) / span * pw))
#define PY(v) (top + ph - (int) lround ((double) (v) / (double) max * ph))
  for (int t = 0; t <= 4 && any; t++)
    {
      char n[48];
      gint64 v = max * t / 4;
      g_string_append_printf (out,
                              "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                              left, left + pw, PY (v), PY (v), left - 5, PY (v) + 4,
                              tr_format_count (v, n, sizeof n));
    }
  for (guint y = 0; y < n_years; y++)
    {
      const TrYear *year = g_ptr_array_index (rec->years, y);
      g_string_append_printf (out,
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>"
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">"
                              "%u of %u countr%s</text>\n",
                              PX (y), top + ph + 16, year->year, PX (y), top + ph + 29,
                              year->n_matched, n_all[y], n_all[y] == 1 ? "y" : "ies");
    }
  if (!any)
    {
      /* Nothing to compare: say why, country by country (a few), instead of an empty frame. */
      g_string_append_printf (out,
                              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
                              "font-weight=\"bold\">No country has both figures in any year: "
                              "nothing to compare.</text>\n",
                              left + pw / 2, top + 30);
      guint shown = 0;
      for (guint i = 0; i < rec->pairs->len && shown < 8; i++)
        {
          const TrPair *p = g_ptr_array_index (rec->pairs, i);
          if (i > 0 && ((const TrPair *) g_ptr_array_index (rec->pairs, i - 1))->country == p->country)
            continue;
          g_autoptr (GString) line = g_string_new (p->country->name_en);
          g_string_append (line, ": ");
          append_missing (line, rec, p->country);
          g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
                                  left + pw / 2, top + 50 + (int) shown * 16);
          append_escaped (out, line->str);
          g_string_append (out, "</text>\n");
          shown++;
        }
    }
  /* NCMEC's by-country table last, dashed: it often equals the reference and would hide. */
  for (int k = N_LINES - 1; k >= 0; k--)
    {
      g_autoptr (GString) path = g_string_new (NULL);
      for (guint y = 0; y < n_years; y++)
        if (has[k * n_years + y])
          {
            char n[48];
            const TrYear *year = g_ptr_array_index (rec->years, y);
            g_string_append_printf (path, "%s%d,%d", path->len == 0 ? "M" : " L", PX (y),
                                    PY (sums[k * n_years + y]));
            g_string_append_printf (out,
                                    "<circle class=\"point\" cx=\"%d\" cy=\"%d\" r=\"3\" "
                                    "fill=\"%s\"><title>%s, %d, %u countries: %s</title>"
                                    "</circle>\n",
                                    PX (y), PY (sums[k * n_years + y]), colours[k], names[k],
                                    year->year, year->n_matched,
                                    tr_format_value (&figures[k * n_years + y], TR_VALUE_WORDS,
                                                     n, sizeof n));
          }
      if (path->len > 0)
        g_string_append_printf (out,
                                "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                                path->str, colours[k],
                                k == NCMEC ? " stroke-dasharray=\"5 3\"" : "");
    }
  g_string_append (out, legend->str);
  for (int k = 0; k < N_LINES; k++)
    g_free (cites[k]);
#undef PX
#undef PY
  g_string_append (out, "</svg>\n");
}

/* From report to conviction for one country: for each year, the four steps as bars on a
 * logarithmic axis (reports number tens of thousands, convictions tens: on a linear axis the
 * later steps would not show), each labelled with its figure, "*" when a note qualifies it; a
 * missing step is written as missing with its reason, never drawn; a step of zero is written
 * "0" with no bar (a log axis has no zero). One colour for every bar: the steps are told apart
 * by their labels. */
void
tr_chart_funnel_country (const TrReport *report, const GPtrArray *rows, const TrCountry *country,
                         GString *out)
{
  const TrFunnelStepSpec *steps = tr_funnel_steps ();
  gint64 max = 1;
  guint n = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const TrFunnelRow *row = g_ptr_array_index (rows, i);
      if (row->country != country)
        continue;
      n++;
      for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
        if (row->steps[s].obs != NULL && row->steps[s].obs->value.present)
          max = MAX (max, row->steps[s].obs->value.count);
    }
  /* The axis runs from 1 to the power of ten at or above the largest figure. */
  int decades = MAX (1, (int) ceil (log10 ((double) max)));
  int left = 72, pw = 150, width = 320, step_h = 13, block = 18 + TR_FUNNEL_N_STEPS * step_h;
  int top = 32, height = top + (int) n * block + 30;
  g_autofree char *token = tr_escape_html_id (country->code);
  g_autofree char *id = g_strdup_printf ("funnel-%s", token);
  g_autofree char *title = g_strdup_printf ("%s: from report to conviction", country->name_en);
  g_autofree char *desc = g_strdup_printf (
      "For each year, the reports %s sent, the reports %s declared, the children identified "
      "and the convictions, as bars on a logarithmic axis from 1 to 10^%d, each with its "
      "figure; * marks a figure a note qualifies; a missing figure is written as missing with "
      "its reason, never drawn as zero.",
      report->rec->reference_label, country->name_en, decades);
  open_svg (out, width, height, id, title, desc);
  g_autofree char *heading = escaped (country->name_en);
  g_string_append_printf (out,
                          "<text x=\"4\" y=\"14\" font-weight=\"bold\">%s</text>\n"
                          "<text x=\"4\" y=\"27\" font-size=\"10\" fill=\"#333\">log scale; "
                          "* a note qualifies the figure</text>\n",
                          heading);
  int y = top;
  for (guint i = 0; i < rows->len; i++)
    {
      const TrFunnelRow *row = g_ptr_array_index (rows, i);
      if (row->country != country)
        continue;
      g_string_append_printf (out, "<text x=\"4\" y=\"%d\" font-size=\"11\" "
                                   "font-weight=\"bold\">%d</text>\n",
                              y + 12, row->year);
      y += 16;
      for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
        {
          char cell[64];
          tr_funnel_cell (row, (TrFunnelStepId) s, cell, sizeof cell);
          g_autofree char *label = escaped (cell);
          const TrObservation *obs = row->steps[s].obs;
          g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" "
                                       "text-anchor=\"end\">%s</text>\n",
                                  left - 4, y + 10, steps[s].key);
          if (obs == NULL || !obs->value.present)
            {
              g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" "
                                           "font-style=\"italic\" fill=\"#555\">missing "
                                           "%s</text>\n",
                                      left, y + 10, label);
              y += step_h;
              continue;
            }
          int w = obs->value.count >= 1
                      ? (int) lround (log10 ((double) obs->value.count) / decades * pw)
                      : 0;
          w = obs->value.count >= 1 ? MAX (w, 1) : 0;
          if (w > 0)
            {
              g_autofree char *what = tr_measure_words (steps[s].measure);
              g_autofree char *tip = g_strdup_printf ("%s, %d, %s: %s", country->name_en,
                                                      row->year, what, cell);
              g_autofree char *tip_escaped = escaped (tip);
              g_string_append_printf (out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                                           "fill=\"#555555\"><title>%s</title></rect>\n",
                                      left, y + 2, w, step_h - 3, tip_escaped);
            }
          g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>\n",
                                  left + w + 3, y + 10, label);
          y += step_h;
        }
      y += 2;
    }
  /* The axis: a tick at every power of ten, labelled at both ends. */
  char end_label[48];
  const char *end = tr_format_count ((gint64) llround (pow (10, decades)), end_label,
                                     sizeof end_label);
  g_string_append_printf (out, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n",
                          left, left + pw, y + 4, y + 4);
  for (int d = 0; d <= decades; d++)
    {
      int x = left + (int) lround ((double) d / decades * pw);
      g_string_append_printf (out, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" "
                                   "stroke=\"#000\"/>\n",
                              x, x, y + 4, y + 8);
    }
  g_string_append_printf (out,
                          "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">1"
                          "</text><text x=\"%d\" y=\"%d\" font-size=\"10\" "
                          "text-anchor=\"middle\">%s</text>\n</svg>\n",
                          left, y + 19, left + pw, y + 19, end);
}
