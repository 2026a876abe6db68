/* render-html.c — the journalist's report: one self-contained HTML page with inline SVG charts.
 *
 * No network: no external script, font, style or image; a Content-Security-Policy forbids
 * them, and allows only the page's own style and script by their SHA-256 hashes (no
 * 'unsafe-inline': an event handler or a script that got into the page would not run). Every
 * piece of source text goes through tr_escape_html (tr_escape_html_id for ids and links).
 * The page is complete without JavaScript; a few lines of inline script only make tables
 * sortable. */
#include "config.h"

#include <string.h>

#include "escape.h"
#include "fingerprint.h"
#include "population.h"
#include "funnel.h"
#include "render.h"
#include "scorecard.h"

/* Appends `text` escaped. A space between thousands groups ("1 460 757") or before a percent
 * sign becomes a no-break space, so that a browser never breaks a figure across two lines. */
static void
esc_len (GString *out, const char *text, gsize n)
{
  g_autoptr (GString) buffer = g_string_new (NULL);
  tr_escape_html_len (buffer, text, n);
  const char *escaped = buffer->str;
  for (const char *p = escaped; *p != '\0'; p++)
    {
      gboolean after_digit = *p == ' ' && p > escaped && g_ascii_isdigit (p[-1]);
      if (after_digit
          && (p[1] == '%'
              || (g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3])
                  && !g_ascii_isdigit (p[4]))))
        g_string_append (out, "&#160;");
      else
        g_string_append_c (out, *p);
    }
}

static void
esc (GString *out, const char *text)
{
  esc_len (out, text != NULL ? text : "", text != NULL ? strlen (text) : 0);
}

/* A stream that writes what it is given to another, escaped as esc() escapes it, whole lines
 * at a time (a figure is never cut between two writes): a story with a remark of tens of
 * megabytes is written as it is made, never held whole. */
typedef struct {
  FILE *out;
  GString *line;    /* the start of a line, until its end is written */
  GString *escaped; /* reused */
} StoryStream;

/* Writes the lines `stream` holds, all of it when `at_end`. */
static gboolean
story_flush (StoryStream *stream, gboolean at_end)
{
  const char *last = memrchr (stream->line->str, '\n', stream->line->len);
  gsize n = at_end ? stream->line->len : last != NULL ? (gsize) (last - stream->line->str) + 1 : 0;
  if (n == 0)
    return TRUE;
  g_string_truncate (stream->escaped, 0);
  esc_len (stream->escaped, stream->line->str, n);
  g_string_erase (stream->line, 0, (gssize) n);
  return fwrite (stream->escaped->str, 1, stream->escaped->len, stream->out)
         == stream->escaped->len;
}

static ssize_t
story_write (void *cookie, const char *buffer, size_t size)
{
  StoryStream *stream = cookie;
  /* A slice at a time, so that what is escaped at once stays small when lines are. */
  const gsize slice = 64 * 1024;
  for (size_t done = 0; done < size; done += MIN (size - done, slice))
    {
      g_string_append_len (stream->line, buffer + done, (gssize) MIN (size - done, slice));
      /* A short count, never -1, on failure: see stream_write() in output.c. */
      if (!story_flush (stream, FALSE))
        return 0;
    }
  return (ssize_t) size;
}

static int
story_close (void *cookie)
{
  StoryStream *stream = cookie;
  gboolean ok = story_flush (stream, TRUE);
  g_string_free (stream->line, TRUE);
  g_string_free (stream->escaped, TRUE);
  g_free (stream);
  return ok ? 0 : EOF;
}

/* A stream into `out` as above (fclose() it; `out` stays open), or NULL. */
static FILE *
story_open (FILE *out)
{
  StoryStream *stream = g_new0 (StoryStream, 1);
  stream->out = out;
  stream->line = g_string_new (NULL);
  stream->escaped = g_string_new (NULL);
  FILE *file = fopencookie (stream, "w", (cookie_io_functions_t){ .write = story_write,
                                                                   .close = story_close });
  if (file == NULL)
    story_close (stream);
  return file;
}

static const char *const style =
    "body{font-family:system-ui,sans-serif;max-width:62rem;margin:0 auto;padding:1rem;"
    "line-height:1.45;color:#111;background:#fff}"
    "h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}"
    "th,td{padding:.2rem .5rem;border-bottom:1px solid #e5e5e5;text-align:right}"
    "th:first-child,td:first-child{text-align:left}th{cursor:pointer;background:#f4f4f4}"
    ".chart{max-width:100%;height:auto}.multiples{display:flex;flex-wrap:wrap;gap:.5rem}"
    ".sev-critical{border-left:4px solid #D55E00;padding-left:.5rem}"
    ".sev-warning{border-left:4px solid #E69F00;padding-left:.5rem}"
    ".sev-info{border-left:4px solid #56B4E9;padding-left:.5rem}"
    ".src{font-size:.8rem;color:#444}pre.story{white-space:pre-wrap;font-size:.8rem;"
    "background:#f8f8f8;padding:.5rem;overflow-x:auto}.lead{font-size:1.05rem}"
    "@media print{th{cursor:auto}.chart{page-break-inside:avoid}}";

/* Sorting of tables by a click on a header: optional comfort, the page reads without it. A
 * cell's data-v, when it has one, is its sort key; an empty data-v, a cell reading "missing" or
 * a reason in parentheses ("(not reported)") is missing and sorts last either way. */
static const char *const script =
    "document.querySelectorAll('table.sortable th').forEach(function(th,i){"
    "th.addEventListener('click',function(){var t=th.closest('table'),b=t.tBodies[0],"
    "r=Array.from(b.rows),d=th.dataset.d=th.dataset.d==='1'?'-1':'1',"
    "k=function(x){var c=x.cells[i],v=c.dataset.v;if(v!==undefined)return v===''?null:"
    "parseFloat(v);var s=c.textContent.replace(/\\s/g,'');if(s==='missing'||s[0]==='(')"
    "return null;var n=parseFloat(s);return isNaN(n)?s:n;};r.sort(function(a,c){var p=k(a),"
    "q=k(c);if(p===null||q===null)return p===q?0:p===null?1:-1;"
    "return (p>q?1:p<q?-1:0)*d;});r.forEach(function(x){b.appendChild(x);});});});";

static void
headline (const TrReport *report, GString *out)
{
  g_string_append (out, "<section id=\"headline\"><h2>Headline</h2>\n");
  for (guint i = 0; i < report->rec->years->len; i++)
    {
      g_autofree char *text = tr_render_headline (report->rec, g_ptr_array_index (report->rec->years, i));
      g_string_append (out, "<p class=\"lead\">");
      esc (out, text);
      g_string_append (out, "</p>\n");
    }
  g_autofree char *scope = tr_render_scope_note (report->rec);
  if (scope != NULL)
    {
      g_string_append (out, "<p class=\"scope\">");
      esc (out, scope);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</section>\n");
}

static void
count_cell (GString *out, const TrObservation *obs)
{
  char n[48];
  g_string_append (out, "<td>");
  if (obs == NULL)
    g_string_append (out, "(no row)");
  else
    tr_escape_html (out, tr_format_value (&obs->value, TR_VALUE_CELL, n, sizeof n));
  g_string_append (out, "</td>");
}

/* A pair's four figure cells: both figures, the gap and the coverage. */
static void
figure_cells (GString *out, const TrPair *p)
{
  count_cell (out, p->reference);
  count_cell (out, p->declared);
  char g[48] = "", c[48] = "";
  if (p->matched)
    {
      tr_render_gap_cell (p, g, sizeof g);
      tr_render_coverage_cell (p, c, sizeof c);
    }
  /* Table cells keep plain spaces (as before); "<10" is escaped. */
  g_string_append (out, "<td>");
  tr_escape_html (out, g);
  g_string_append (out, "</td><td>");
  tr_escape_html (out, c);
  g_string_append (out, "</td>");
}

static void
pairs_table (const TrReport *report, GString *out)
{
  g_string_append (out, "<section id=\"pairs\"><h2>Every country and year</h2>\n"
                        "<table class=\"sortable\"><caption>");
  g_autofree char *what = tr_measure_words (report->rec->measure);
  const char *ncmec = report->rec->reference_label;
  g_autofree char *ncmecs = tr_possessive (ncmec);
  esc (out, ncmecs);
  g_string_append (out, " and declared ");
  esc (out, what);
  g_string_append (out, "; gap = ");
  esc (out, ncmec);
  g_string_append (out, " − declared; coverage = declared ÷ ");
  esc (out, ncmec);
  g_string_append (out, " (4 decimals, rounded half to even); ~ approximate, &lt; and &gt; "
                        "bounds");
  {
    /* Per 100 000 inhabitants: whose population, and which year's where it is not the
     * figure's own (population.h). */
    g_autofree char *cite = tr_dataset_cite (report->dataset, TR_POPULATION_SERIES,
                                             TR_POPULATION_MEASURE, FALSE);
    const GPtrArray *ys = report->rec->years;
    g_autofree int *years = g_new (int, ys->len + 1);
    for (guint i = 0; i < ys->len; i++)
      years[i] = ((const TrYear *) g_ptr_array_index (ys, i))->year;
    g_autofree char *note = tr_population_note (report->dataset, years, ys->len);
    g_string_append (out, "; per 100 000 inhabitants: population on 1 January of the year (");
    esc (out, cite != NULL ? cite : "none read");
    g_string_append_printf (out, "), %d decimals", TR_RATE_DECIMALS);
    if (note != NULL)
      {
        g_string_append (out, ". ");
        esc (out, note);
      }
  }
  g_string_append (out, "</caption>\n<thead><tr><th scope=\"col\">Country</th>"
                        "<th scope=\"col\">Year</th><th scope=\"col\">");
  esc (out, ncmec);
  g_string_append (out, "</th>"
                        "<th scope=\"col\">Declared</th><th scope=\"col\">Gap</th>"
                        "<th scope=\"col\">Coverage</th><th scope=\"col\">");
  esc (out, ncmec);
  g_string_append (out, " per 100 000</th><th scope=\"col\">Declared per 100 000</th>"
                        "<th scope=\"col\">Status</th></tr></thead><tbody>\n");
  for (guint i = 0; i < report->rec->pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (report->rec->pairs, i);
      g_autofree char *id = tr_escape_html_id (p->country->code);
      g_string_append_printf (out, "<tr><td><a href=\"#country-%s\">", id);
      esc (out, p->country->name_en);
      g_string_append_printf (out, "</a></td><td>%d</td>", p->year);
      figure_cells (out, p);
      /* Per 100 000 inhabitants (population.h); empty where a figure is missing. */
      TrRate rr = tr_per_capita (report->dataset, p->reference, p->country->code, p->year);
      TrRate rd = tr_per_capita (report->dataset, p->declared, p->country->code, p->year);
      char a[48], b[48];
      g_string_append (out, "<td>");
      tr_escape_html (out, rr.defined ? tr_format_rate (&rr, TR_VALUE_CELL, a, sizeof a) : "");
      g_string_append (out, "</td><td>");
      tr_escape_html (out, rd.defined ? tr_format_rate (&rd, TR_VALUE_CELL, b, sizeof b) : "");
      g_string_append (out, "</td>");
      g_string_append_printf (out, "<td>%s</td></tr>\n", tr_status_name (p->status));
    }
  g_string_append (out, "</tbody></table></section>\n");
}

/* With --records: what the record-level lists say of each country and year shown. */
static void
records_section (const TrReport *report, GString *out)
{
  if (report->records == NULL)
    return;
  g_autofree char *heading = tr_render_records_heading (report);
  g_string_append (out, "<section id=\"records\"><h2>");
  esc (out, heading);
  g_string_append (out, "</h2>\n");
  if (report->records->len == 0)
    g_string_append (out, "<p>No country and year of the lists in the countries and years "
                          "shown.</p>\n");
  for (guint i = 0; i < report->records->len; i++)
    {
      const TrRecordsGap *g = &g_array_index (report->records, TrRecordsGap, i);
      g_autofree char *text = tr_render_records_sentence (report->rec, g, TRUE);
      g_string_append (out, "<p>");
      esc (out, text);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</section>\n");
}

/* The other comparisons with a pair shown: what each finds, and its pairs. */
static void
other_comparisons (const TrReport *report, GString *out)
{
  g_autoptr (GPtrArray) shown = tr_render_comparisons_shown (report);
  if (shown->len == 0)
    return;
  g_string_append (out, "<section id=\"comparisons\"><h2>Other comparisons</h2>\n");
  for (guint k = 0; k < shown->len; k++)
    {
      const TrComparison *c = g_ptr_array_index (shown, k);
      g_autofree char *id = tr_escape_html_id (c->id);
      g_string_append_printf (out, "<h3 id=\"comparison-%s\">", id);
      esc (out, c->title);
      g_string_append (out, "</h3>\n");
      g_autoptr (GPtrArray) paragraphs = tr_render_comparison_paragraphs (c);
      for (guint y = 0; y < paragraphs->len; y++)
        {
          g_string_append (out, "<p>");
          esc (out, g_ptr_array_index (paragraphs, y));
          g_string_append (out, "</p>\n");
        }
      g_string_append (out, "<table class=\"sortable\"><thead><tr><th scope=\"col\">Country"
                            "</th><th scope=\"col\">Year</th><th scope=\"col\">");
      esc (out, c->reference_words);
      g_string_append (out, "</th><th scope=\"col\">");
      esc (out, c->declared_words);
      g_string_append (out, "</th><th scope=\"col\">Difference</th><th scope=\"col\">Ratio"
                            "</th></tr></thead><tbody>\n");
      for (guint i = 0; i < c->rec->pairs->len; i++)
        {
          const TrPair *p = g_ptr_array_index (c->rec->pairs, i);
          g_string_append (out, "<tr><td>");
          esc (out, p->country->name_en);
          g_string_append_printf (out, "</td><td>%d</td>", p->year);
          figure_cells (out, p);
          g_string_append (out, "</tr>\n");
        }
      g_string_append (out, "</tbody></table>\n");
    }
  g_string_append (out, "</section>\n");
}

static void
totals (const TrReport *report, GString *out)
{
  g_string_append (out, "<section id=\"totals\"><h2>Published totals</h2>\n<table><thead><tr>"
                        "<th scope=\"col\">Source</th><th scope=\"col\">Measure</th>"
                        "<th scope=\"col\">Year</th><th scope=\"col\">Published</th>"
                        "<th scope=\"col\">Sum of rows</th><th scope=\"col\">Check</th></tr>"
                        "</thead><tbody>\n");
  for (guint i = 0; i < report->rec->totals->len; i++)
    {
      const TrTotalCheck *t = g_ptr_array_index (report->rec->totals, i);
      char p[48], s[48];
      g_string_append (out, "<tr><td>");
      esc (out, t->source);
      g_string_append (out, "</td><td>");
      esc (out, t->measure);
      g_autofree char *period = tr_period_describe (t->period);
      g_string_append (out, "</td><td>");
      esc (out, period);
      g_string_append (out, "</td><td>");
      tr_escape_html (out, tr_format_value (&t->published->value, TR_VALUE_CELL, p, sizeof p));
      g_string_append (out, "</td><td>");
      tr_escape_html (out, tr_format_value (&t->sum_value, TR_VALUE_CELL, s, sizeof s));
      g_string_append_printf (out, "</td><td>%s%s%s</td></tr>\n",
                              t->exact && !t->ok ? "<strong>" : "", tr_total_check_words (t),
                              t->exact && !t->ok ? "</strong>" : "");
    }
  g_string_append (out, "</tbody></table></section>\n");
}

/* With --history and --baseline: what changed since the last run, and what is accepted. */
static void
since_and_accepted (const TrReport *report, GString *out)
{
  const TrSince *since = report->since;
  if (since != NULL)
    {
      g_string_append (out, "<section id=\"since\"><h2>Since the last run</h2>\n<p>");
      if (since->previous != 0)
        {
          g_string_append_printf (out, "Run %" G_GINT64_FORMAT ", compared with run %"
                                  G_GINT64_FORMAT " of ", since->run, since->previous);
          esc (out, since->previous_started);
          g_string_append_printf (out, ": %u new, %u persisting, %u resolved.</p>\n",
                                  since->n_new, since->n_persisting, since->n_resolved);
        }
      else
        g_string_append_printf (out, "Run %" G_GINT64_FORMAT ", the first of its parameters: "
                                "every anomaly is new (%u).</p>\n", since->run, since->n_new);
      if (since->resolved->len > 0)
        g_string_append (out, "<ul>\n");
      for (guint i = 0; i < since->resolved->len; i++)
        {
          const TrResolved *r = g_ptr_array_index (since->resolved, i);
          g_string_append (out, "<li><strong>");
          esc (out, r->rule);
          g_string_append_printf (out, "</strong> <code class=\"fp\">%.*s</code> "
                                  "<span class=\"since\">resolved</span> ",
                                  TR_FINGERPRINT_SHORT, r->fingerprint);
          esc (out, r->subject != NULL ? r->subject : "");
          g_string_append_printf (out, " %d: <span class=\"msg\">", r->year);
          esc (out, r->message);
          g_string_append (out, "</span><br><span class=\"src\">Was: ");
          esc (out, r->was);
          g_string_append (out, "; now: ");
          esc (out, r->now);
          g_string_append (out, "</span></li>\n");
        }
      if (since->resolved->len > 0)
        g_string_append (out, "</ul>\n");
      g_string_append (out, "</section>\n");
    }
  if (report->accepted != NULL)
    {
      g_string_append_printf (out, "<section id=\"accepted\"><h2>Accepted in the baseline "
                              "(%u)</h2>\n<ul>\n", report->accepted->len);
      for (guint i = 0; i < report->accepted->len; i++)
        {
          const TrAccepted *x = g_ptr_array_index (report->accepted, i);
          g_string_append_printf (out, "<li><strong>%s</strong> <code class=\"fp\">%.*s</code> ",
                                  x->anomaly->rule->name, TR_FINGERPRINT_SHORT,
                                  x->anomaly->fingerprint);
          esc (out, x->anomaly->country != NULL ? x->anomaly->country->name_en : "");
          g_string_append_printf (out, " %d: <span class=\"msg\">", x->anomaly->year);
          esc (out, x->anomaly->message);
          g_string_append (out, "</span><br><span class=\"src\">Accepted until ");
          esc (out, x->entry->until_text);
          if (x->entry->who[0] != '\0')
            {
              g_string_append (out, " by ");
              esc (out, x->entry->who);
            }
          if (x->entry->reason[0] != '\0')
            {
              g_string_append (out, ": ");
              esc (out, x->entry->reason);
            }
          g_string_append (out, "</span></li>\n");
        }
      g_string_append (out, "</ul></section>\n");
    }
}

/* anomalies(): `told` are the countries whose story the page tells (a link leads to it); a
 * provider, an aggregate or a country left out has its name without a link. */
static void
anomalies (const TrReport *report, GPtrArray *told, GString *out)
{
  g_string_append_printf (out, "<section id=\"anomalies\"><h2>Anomalies (%u)</h2>\n",
                          report->anomalies->len);
  for (int s = TR_SEVERITY_CRITICAL; s >= TR_SEVERITY_INFO; s--)
    {
      guint n = 0;
      for (guint i = 0; i < report->anomalies->len; i++)
        n += ((const TrAnomaly *) g_ptr_array_index (report->anomalies, i))->severity
             == (TrSeverity) s;
      if (n == 0)
        continue;
      const char *name = tr_severity_name ((TrSeverity) s);
      g_string_append_printf (out, "<h3>%s (%u)</h3>\n<ul class=\"sev-%s\">\n", name, n, name);
      for (guint i = 0; i < report->anomalies->len; i++)
        {
          const TrAnomaly *a = g_ptr_array_index (report->anomalies, i);
          if (a->severity != (TrSeverity) s)
            continue;
          g_string_append_printf (out, "<li><strong>%s</strong> <code class=\"fp\">%.*s</code> ",
                                  a->rule->name, TR_FINGERPRINT_SHORT, a->fingerprint);
          if (a->since != NULL)
            g_string_append_printf (out, "<span class=\"since\">%s</span> ", a->since);
          g_autofree char *period = tr_period_words (a->period, a->year);
          if (a->country != NULL && g_ptr_array_find (told, a->country, NULL))
            {
              g_autofree char *id = tr_escape_html_id (a->country->code);
              g_string_append_printf (out, "<a href=\"#country-%s\">", id);
              esc (out, a->country->name_en);
              g_string_append (out, "</a> ");
            }
          else if (a->country != NULL)
            {
              esc (out, a->country->name_en);
              g_string_append_c (out, ' ');
            }
          esc (out, period);
          g_string_append (out, ": ");
          g_string_append (out, "<span class=\"msg\">");
          esc (out, a->message);
          g_string_append (out, "</span><br><span class=\"src\">Figures: ");
          for (guint k = 0; k < a->evidence->len; k++)
            {
              const TrEvidence *e = &g_array_index (a->evidence, TrEvidence, k);
              char v[64];
              if (e->is_count)
                tr_format_count (e->count, v, sizeof v);
              else
                g_ascii_formatd (v, sizeof v, "%.4f", e->number);
              g_string_append_printf (out, "%s%s %s", k > 0 ? "; " : "", e->name, v);
            }
          g_string_append (out, ". Sources: ");
          for (guint k = 0; k < a->provenance->len; k++)
            {
              const TrProvenanceRef *p = &g_array_index (a->provenance, TrProvenanceRef, k);
              g_autofree char *where
                  = g_strdup_printf ("%s %s:%u:%u", p->role, p->where.file, p->where.line,
                                     p->where.column);
              g_string_append (out, k > 0 ? "; " : "");
              esc (out, where);
            }
          g_string_append (out, ".</span></li>\n");
        }
      g_string_append (out, "</ul>\n");
    }
  g_string_append (out, "</section>\n");
}

/* Every statement checked, held or failed, with the provenance of each figure. */
static void
statements (const TrReport *report, GString *out)
{
  const GPtrArray *list = report->statements;
  if (list == NULL || list->len == 0)
    return;
  g_string_append (out, "<section id=\"statements\"><h2>What the documents say about "
                        "themselves</h2>\n<ul>\n");
  for (guint i = 0; i < list->len; i++)
    {
      const TrStatementResult *r = g_ptr_array_index (list, i);
      g_string_append_printf (out, "<li><strong>%s</strong> <code>",
                              r->status == TR_STATEMENT_HOLDS    ? "holds"
                              : r->status == TR_STATEMENT_FAILS ? "fails"
                                                                 : "not checkable");
      esc (out, r->statement->id);
      g_string_append (out, "</code>: <span class=\"msg\">");
      esc (out, r->sentence);
      g_string_append (out, "</span><br><span class=\"src\">Sources: ");
      g_autofree char *at = g_strdup_printf ("statement %s:%u:%u", r->statement->file,
                                             r->statement->line, r->statement->column);
      esc (out, at);
      for (guint k = 0; k < r->figures->len; k++)
        {
          const TrCheckedFigure *f = &g_array_index (r->figures, TrCheckedFigure, k);
          g_autofree char *where = g_strdup_printf ("; %s %s:%u:%u", f->role, f->where.file,
                                                    f->where.line, f->where.column);
          esc (out, where);
        }
      g_string_append (out, ".</span></li>\n");
    }
  g_string_append (out, "</ul></section>\n");
}

/* The countries reconciled, in code order. */
static GPtrArray *
countries (const TrReport *report)
{
  GPtrArray *list = g_ptr_array_new ();
  for (guint i = 0; i < report->rec->pairs->len; i++)
    {
      const TrCountry *c = ((const TrPair *) g_ptr_array_index (report->rec->pairs, i))->country;
      if (list->len == 0 || g_ptr_array_index (list, list->len - 1) != c)
        g_ptr_array_add (list, (gpointer) c);
    }
  return list;
}

/* Writes what `page` holds to `out` and empties it: the page is streamed section by section,
 * never held whole. */
static void
flush_page (GString *page, FILE *out)
{
  fwrite (page->str, 1, page->len, out);
  g_string_truncate (page, 0);
}

/* FALSE when memory ran out for a country's story; a failed write is left to the caller, which
 * finds it in the stream's error flag. */
static gboolean
stories (const TrReport *report, const GPtrArray *list, GString *out, FILE *file)
{
  g_string_append (out, "<section id=\"countries\"><h2>Country by country</h2>\n");
  for (guint i = 0; i < list->len; i++)
    {
      const TrCountry *c = g_ptr_array_index (list, i);
      g_autofree char *id = tr_escape_html_id (c->code);
      g_string_append_printf (out, "<h3 id=\"country-%s\">", id);
      esc (out, c->name_en);
      g_string_append (out, "</h3>\n<pre class=\"story\">");
      flush_page (out, file);
      FILE *story = story_open (file);
      if (story == NULL)
        return FALSE;
      tr_render_explain (report, c, story);
      /* A write that failed is the output's error, which the caller reports. */
      fclose (story);
      g_string_append (out, "</pre>\n");
      flush_page (out, file);
    }
  g_string_append (out, "</section>\n");
  return TRUE;
}

/* The scorecard: a sortable row per Member State, each mark with its reason. The sort keys
 * (data-v): the figures given, the share of checks that hold, the lowest coverage, the number
 * of caveats; a state with no check or no coverage sorts last. */
static void
scorecard (const TrReport *report, GString *out)
{
  g_autoptr (GPtrArray) rows
      = tr_scorecard_build (report->rec, report->notes, report->statements, report->config);
  if (rows->len == 0)
    return;
  g_string_append (out, "<section id=\"scorecard\"><h2>Scorecard</h2>\n<table class=\"sortable\">"
                        "<caption>One row per Member State. Given: the figures Article 8(1) asks "
                        "for, (a) reports, (b) children identified and (c) convictions, one each "
                        "per year. Checks: breakdowns and statements about the state that hold "
                        "or fail. Coverage: reports declared against those sent (lowest year "
                        "first), against the thresholds of COVERAGE_LOW and COVERAGE_EXCESS in "
                        "force. Caveats: the notes on its figures. Click a heading to sort; "
                        "missing values sort last.</caption>\n<thead><tr><th scope=\"col\">"
                        "Country</th><th scope=\"col\">Verdict</th><th scope=\"col\">Given</th>"
                        "<th scope=\"col\">Checks</th><th scope=\"col\">Coverage</th>"
                        "<th scope=\"col\">Caveats</th></tr></thead><tbody>\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const TrScorecardRow *row = g_ptr_array_index (rows, i);
      g_autofree char *id = tr_escape_html_id (row->country->code);
      g_string_append_printf (out, "<tr><td><a href=\"#country-%s\">", id);
      esc (out, row->country->name_en);
      g_string_append (out, "</a></td><td>");
      esc (out, row->verdict);
      g_string_append (out, "</td>");
      char keys[TR_SCORECARD_N_MARKS][48];
      g_snprintf (keys[0], sizeof keys[0], "%u", row->given);
      guint checked = row->holds + row->fails;
      if (checked > 0)
        g_snprintf (keys[1], sizeof keys[1], "%.6f", (double) row->holds / checked);
      else
        keys[1][0] = '\0';
      if (row->n_years > 0)
        g_snprintf (keys[2], sizeof keys[2], "%.9g", (double) row->low_num / row->low_den);
      else
        keys[2][0] = '\0';
      g_snprintf (keys[3], sizeof keys[3], "%u", row->notes->len);
      for (guint m = 0; m < TR_SCORECARD_N_MARKS; m++)
        {
          g_string_append_printf (out, "<td data-v=\"%s\" class=\"mark\"><strong>", keys[m]);
          esc (out, tr_scorecard_mark (row, m));
          g_string_append (out, "</strong> <span class=\"src\">");
          esc (out, tr_scorecard_mark_reason (row, m));
          g_string_append (out, "</span></td>");
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody></table></section>\n");
}

/* From report to conviction: the table of every country and year, the notes it cites, and a
 * small chart per country. */
static void
funnel (const TrReport *report, GString *out, FILE *file)
{
  g_autoptr (GPtrArray) rows = tr_funnel_build (report->rec, report->notes);
  if (rows->len == 0)
    return;
  g_autofree char *legend = tr_render_funnel_legend (report);
  g_string_append (out, "<section id=\"funnel\"><h2>From report to conviction</h2>\n<p>");
  esc (out, legend);
  g_string_append (out, "</p>\n<div class=\"multiples\">\n");
  const TrCountry *last = NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      const TrFunnelRow *row = g_ptr_array_index (rows, i);
      if (row->country == last)
        continue;
      last = row->country;
      tr_chart_funnel_country (report, rows, row->country, out);
      flush_page (out, file);
    }
  g_string_append (out, "</div>\n<table class=\"sortable\"><thead><tr><th scope=\"col\">Country"
                        "</th><th scope=\"col\">Year</th>");
  const TrFunnelStepSpec *steps = tr_funnel_steps ();
  for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
    g_string_append_printf (out, "<th scope=\"col\">%s</th>", steps[s].heading);
  g_string_append (out, "<th scope=\"col\">Declared/sent</th></tr></thead><tbody>\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const TrFunnelRow *row = g_ptr_array_index (rows, i);
      char cell[64];
      g_string_append (out, "<tr><td>");
      esc (out, row->country->name_en);
      g_string_append_printf (out, "</td><td>%d</td>", row->year);
      for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
        {
          g_string_append (out, "<td>");
          esc (out, tr_funnel_cell (row, (TrFunnelStepId) s, cell, sizeof cell));
          g_string_append (out, "</td>");
        }
      g_string_append (out, "<td>");
      esc (out, tr_funnel_ratio_cell (row, cell, sizeof cell));
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
  g_autoptr (GPtrArray) notes = tr_funnel_notes (rows, report->notes, NULL);
  if (notes->len > 0)
    g_string_append (out, "<p>Notes on the figures marked *:</p>\n<ul>\n");
  for (guint k = 0; k < notes->len; k++)
    {
      g_autofree char *text = tr_render_note_line (g_ptr_array_index (notes, k));
      g_string_append (out, "<li>");
      esc (out, text);
      g_string_append (out, "</li>\n");
    }
  if (notes->len > 0)
    g_string_append (out, "</ul>\n");
  g_string_append (out, "</section>\n");
}

static void
method (const TrReport *report, GString *out)
{
  /* The citations come from what was read: a file of the user's is cited as itself. */
  const TrReconciliation *rec = report->rec;
  g_autofree char *reference = tr_dataset_cite (report->dataset, rec->reference, rec->measure, TRUE);
  g_autofree char *declared = tr_dataset_cite (report->dataset, rec->declared, rec->measure, TRUE);
  g_string_append (out, "<section id=\"method\"><h2>Method and sources</h2>\n"
                        "<p>Reference (the figures of ");
  esc (out, rec->reference_label);
  g_string_append (out, "): ");
  esc (out, reference != NULL ? reference : "no figure read");
  g_string_append (out, ". Declared (the reports each Member State says it received): ");
  esc (out, declared != NULL ? declared : "no figure read");
  g_string_append (out, ". Gap = ");
  esc (out, rec->reference_label);
  g_string_append (out, " − declared; coverage = declared ÷ ");
  esc (out, rec->reference_label);
  g_string_append (out, ". A missing "
                        "figure is never counted as zero. Every figure on this page names the "
                        "file, line and column it was read from.</p>\n<p>Inputs:</p><ul>\n");
  for (guint i = 0; i < report->dataset->inputs->len; i++)
    {
      const TrInput *in = g_ptr_array_index (report->dataset->inputs, i);
      g_string_append (out, "<li><code>");
      esc (out, in->path);
      g_string_append (out, "</code>");
      if (in->origin != NULL && strcmp (in->origin->citation, in->path) != 0)
        {
          g_string_append (out, ": ");
          esc (out, in->origin->citation);
        }
      if (in->origin != NULL && in->origin->licence != NULL)
        {
          g_string_append (out, "; licence: ");
          esc (out, in->origin->licence);
        }
      g_string_append_printf (out, " (%u rows, sha256 %.12s…)</li>\n", in->rows, in->sha256);
    }
  g_string_append (out, "</ul>\n<p>Anomaly rules and thresholds in force:</p><ul>\n");
  const TrRule *rules = tr_rules_catalogue ();
  for (int r = 0; r < TR_N_RULES; r++)
    {
      g_string_append_printf (out, "<li><strong>%s</strong> (%s%s): ", rules[r].name,
                              tr_severity_name (rules[r].severity),
                              report->config->enabled[r] ? "" : ", disabled");
      esc (out, rules[r].summary);
      for (int p = 0; p < TR_RULE_MAX_PARAMS && rules[r].params[p].key != NULL; p++)
        g_string_append_printf (out, "; %s = %g", rules[r].params[p].key,
                                report->config->params[r][p]);
      g_string_append (out, "</li>\n");
    }
  g_string_append_printf (out, "</ul>\n<p>Made by %s %s.</p></section>\n", PACKAGE_NAME,
                          PACKAGE_VERSION);
}

/* The CSP source that allows exactly `text` as an inline script or style:
 * 'sha256-BASE64' of its bytes. Newly allocated. */
static char *
csp_hash (const char *text)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, (const guchar *) text, (gssize) strlen (text));
  guint8 digest[32];
  gsize length = sizeof digest;
  g_checksum_get_digest (sum, digest, &length);
  g_autofree char *base64 = g_base64_encode (digest, length);
  return g_strdup_printf ("'sha256-%s'", base64);
}

gboolean
tr_render_html (const TrReport *report, FILE *out)
{
  g_autofree char *style_hash = csp_hash (style);
  g_autofree char *script_hash = csp_hash (script);
  g_autoptr (GString) page = g_string_new (NULL);
  g_autofree char *plain_title = tr_render_title (report->rec);
  g_autoptr (GString) escaped_title = g_string_new (NULL);
  tr_escape_html (escaped_title, plain_title);
  const char *title = escaped_title->str;
  g_autofree char *what = tr_measure_words (report->rec->measure);
  g_string_append_printf (page,
                          "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, "
                          "initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" "
                          "content=\"default-src 'none'; style-src %s; script-src %s\">\n"
                          "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n"
                          "<h1>%s</h1>\n",
                          style_hash, script_hash, title, style, title);
  headline (report, page);
  /* The map near the top: every Member State at a glance (render-map.c). */
  g_string_append (page, "<section id=\"map\"><h2>The Member States at a glance</h2>\n");
  tr_chart_map (report, TR_MAP_COVERAGE, page);
  g_string_append (page, "</section>\n");
  scorecard (report, page);
  flush_page (page, out);
  g_string_append (page, "<section id=\"coverage\"><h2>");
  g_autofree char *ncmecs = tr_possessive (report->rec->reference_label);
  g_string_append (page, "Share of ");
  esc (page, ncmecs);
  g_string_append (page, " ");
  esc (page, what);
  g_string_append (page, " that each Member State declared");
  g_string_append (page, "</h2>\n");
  tr_chart_coverage (report, page);
  g_autofree char *gap_title = g_strdup_printf ("%s not accounted for", what);
  gap_title[0] = g_ascii_toupper (gap_title[0]);
  g_string_append (page, "</section>\n<section id=\"gap\"><h2>");
  esc (page, gap_title);
  g_string_append (page, "</h2>\n");
  tr_chart_gap (report, page);
  g_string_append (page, "</section>\n<section id=\"per-capita\"><h2>");
  g_autofree char *per_title = g_strdup_printf ("%s per 100 000 inhabitants", what);
  per_title[0] = g_ascii_toupper (per_title[0]);
  esc (page, per_title);
  g_string_append (page, "</h2>\n");
  tr_chart_per_capita (report, page);
  g_string_append (page, "</section>\n<section id=\"trends\"><h2>Year by year, country by "
                         "country</h2>\n<div class=\"multiples\">\n");
  g_autoptr (GPtrArray) list = countries (report);
  for (guint i = 0; i < list->len; i++)
    {
      tr_chart_trend_country (report, g_ptr_array_index (list, i), page);
      flush_page (page, out);
    }
  g_string_append (page, "</div></section>\n");
  flush_page (page, out);
  funnel (report, page, out);
  flush_page (page, out);
  anomalies (report, list, page);
  since_and_accepted (report, page);
  flush_page (page, out);
  statements (report, page);
  flush_page (page, out);
  totals (report, page);
  flush_page (page, out);
  pairs_table (report, page);
  flush_page (page, out);
  records_section (report, page);
  other_comparisons (report, page);
  flush_page (page, out);
  if (!stories (report, list, page, out))
    return FALSE;
  method (report, page);
  g_string_append_printf (page, "<script>%s</script>\n</body>\n</html>\n", script);
  flush_page (page, out);
  return TRUE;
}
