/* render-text.c — the readable outputs: the report, --explain COUNTRY and --list-rules. */
#include "config.h"

#include <string.h>

#include "escape.h"
#include "fingerprint.h"
#include "population.h"
#include "funnel.h"
#include "render.h"
#include "scorecard.h"

static const char *
ratio (gint64 num, gint64 den, char *buf, gsize size)
{
  if (!tr_format_ratio (num, den, TR_RATIO_DECIMALS, buf, size))
    g_strlcpy (buf, "n/a", size);
  return buf;
}

static const char *
count_or_dash (const TrObservation *obs, char *buf, gsize size)
{
  if (obs == NULL)
    return g_strlcpy (buf, "(no row)", size), buf;
  return tr_format_value (&obs->value, TR_VALUE_CELL, buf, size);
}

const char *
tr_render_gap_cell (const TrPair *p, char *buf, gsize size)
{
  TrValue gap = tr_value_subtract (&p->reference->value, &p->declared->value);
  if (!gap.present)
    return g_strlcpy (buf, "n/a", size), buf;
  return tr_format_value (&gap, TR_VALUE_CELL, buf, size);
}

const char *
tr_render_coverage_cell (const TrPair *p, char *buf, gsize size)
{
  char r[48];
  ratio (p->declared->value.count, p->reference->value.count, r, sizeof r);
  TrQualifier q = tr_value_ratio_qualifier (&p->declared->value, &p->reference->value);
  g_snprintf (buf, size, "%s%s", strcmp (r, "n/a") == 0 ? "" : tr_qualifier_mark (q, TR_VALUE_CELL), r);
  return buf;
}

static const char *
where (const TrWhere *w, char *buf, gsize size)
{
  /* A figure quoted in a document has a line and no column: "CITATION:LINE". */
  if (w->column == 0)
    g_snprintf (buf, size, "%s:%u", w->file, w->line);
  else
    g_snprintf (buf, size, "%s:%u:%u", w->file, w->line, w->column);
  return buf;
}

/* TRUE when `word` is a group of three digits, perhaps followed by punctuation ("503",
 * "431.", "894),"), or a percent sign ("%", "%)."): after a word ending in a digit it
 * continues a figure ("1 503 431", "48.3 %"). */
static gboolean
is_digit_group (const char *word)
{
  if (word[0] == '%')
    return TRUE;
  for (int i = 0; i < 3; i++)
    if (!g_ascii_isdigit (word[i]))
      return FALSE;
  return !g_ascii_isdigit (word[3]);
}

/* The end of the unit of text that starts at `p` (not a space): a word, and the groups of
 * three digits that continue it when it ends in a digit ("1 503 431"). */
static const char *
unit_end (const char *p)
{
  const char *end = p + strcspn (p, " ");
  while (g_ascii_isdigit (end[-1]))
    {
      const char *next = end;
      while (*next == ' ')
        next++;
      if (*next == '\0' || !is_digit_group (next))
        break;
      end = next + strcspn (next, " ");
    }
  return end;
}

/* Prints `text` wrapped at `width` columns, every line after the first indented by `indent`.
 * Lines break at spaces, never inside a number printed with space-separated thousands. The
 * text is walked in place, with no allocation per word: a remark of millions of words costs
 * its own size and no more. */
static void
wrap (FILE *out, const char *text, guint first_used, guint indent, guint width)
{
  guint col = first_used;
  gboolean first = TRUE;
  for (const char *p = text; *p != '\0';)
    {
      if (*p == ' ')
        {
          p++;
          continue;
        }
      const char *end = unit_end (p);
      /* Within a unit, runs of spaces between digit groups print as one space. */
      guint len = 0;
      for (const char *q = p; q < end; q = g_utf8_next_char (q))
        if (*q != ' ' || q[-1] != ' ')
          len++;
      if (!first && col + 1 + len > width)
        {
          fprintf (out, "\n%*s", (int) indent, "");
          col = indent;
        }
      else if (!first)
        {
          fputc (' ', out);
          col++;
        }
      /* The unit a run at a time, each space after a space left out. */
      const char *run = p;
      for (const char *q = p; q < end; q++)
        if (*q == ' ' && q[-1] == ' ')
          {
            if (q > run)
              fwrite (run, 1, (size_t) (q - run), out);
            run = q + 1;
          }
      if (end > run)
        fwrite (run, 1, (size_t) (end - run), out);
      col += len;
      first = FALSE;
      p = end;
    }
  fputc ('\n', out);
}

/* One side of a pair in words: "NCMEC sent 42 674 reports", "Portugal declared no figure
 * (not reported)", "Portugal has no row"; `ncmec` when `who` is the reference. Writes into
 * buf. */
static const char *
side_words (const char *who, gboolean ncmec, const TrObservation *obs, const char *what,
            char *buf, gsize size)
{
  char n[48];
  if (obs == NULL)
    g_snprintf (buf, size, "%s has no figure (no row)", who);
  else if (!obs->value.present)
    {
      g_autofree char *reason = g_strdelimit (g_strdup (tr_missing_name (obs->value.missing)),
                                              "_", ' ');
      g_snprintf (buf, size, "%s %s no figure (%s)", who, ncmec ? "gives" : "declared",
                  reason);
    }
  else
    g_snprintf (buf, size, "%s %s %s %s", who, ncmec ? "sent" : "declared",
                tr_format_value (&obs->value, TR_VALUE_WORDS, n, sizeof n), what);
  return buf;
}

static int
compare_by_gap (gconstpointer a, gconstpointer b)
{
  const TrPair *x = *(const TrPair *const *) a, *y = *(const TrPair *const *) b;
  if (x->matched != y->matched)
    return x->matched ? -1 : 1;
  if (x->matched && x->gap != y->gap)
    return x->gap > y->gap ? -1 : 1;
  int c = strcmp (x->country->code, y->country->code);
  return c != 0 ? c : (x->year > y->year) - (x->year < y->year);
}

static const char *
countries_word (guint n)
{
  return n == 1 ? "country" : "countries";
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/* "Portugal", "Portugal and Spain", "Austria, Belgium and Czechia", or "7 countries" past
 * five names: the shown countries of `year` whose figure on one side is missing. */
static char *
left_out_names (const TrReconciliation *rec, int year, gboolean reference_side)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (rec->pairs, i);
      gboolean r = p->reference != NULL && p->reference->value.present;
      gboolean d = p->declared != NULL && p->declared->value.present;
      if (p->year == year && (reference_side ? r && !d : d && !r))
        g_ptr_array_add (names, (gpointer) p->country->name_en);
    }
  g_ptr_array_sort (names, compare_names);
  if (names->len > 5)
    return g_strdup_printf ("%u countries", names->len);
  g_autoptr (GString) out = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == names->len ? " and " : ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
tr_render_headline (const TrReconciliation *rec, const TrYear *y)
{
  char sent[64], declared[64], rm[64], dm[64], pct[48], net[64], short_by[64], excess[64];
  char left[64], left_decl[64];
  g_autofree char *what = tr_measure_words (rec->measure);
  /* Each sum as a figure: "about …", "more than …" when a part of it is inexact. */
  const TrYearFigures *f = &y->figures;
  tr_format_value (&f->reference_all, TR_VALUE_WORDS, sent, sizeof sent);
  tr_format_value (&f->declared_all, TR_VALUE_WORDS, declared, sizeof declared);
  tr_format_value (&f->reference_matched, TR_VALUE_WORDS, rm, sizeof rm);
  tr_format_value (&f->declared_matched, TR_VALUE_WORDS, dm, sizeof dm);
  /* A gap between two bounds of one direction determines nothing, nor a sum that holds it. */
  if (f->shortfall.present)
    tr_format_value (&f->shortfall, TR_VALUE_WORDS, short_by, sizeof short_by);
  else
    g_strlcpy (short_by, "an undetermined number of", sizeof short_by);
  if (f->excess.present)
    tr_format_value (&f->excess, TR_VALUE_WORDS, excess, sizeof excess);
  else
    g_strlcpy (excess, "an undetermined number", sizeof excess);
  tr_format_value (&f->reference_left_out, TR_VALUE_WORDS, left, sizeof left);
  tr_format_value (&f->declared_left_out, TR_VALUE_WORDS, left_decl, sizeof left_decl);
  gint64 unaccounted = y->reference_matched - y->declared_matched;
  TrValue net_value = unaccounted < 0 ? tr_value_subtract (&f->declared_matched,
                                                           &f->reference_matched)
                                      : f->net;
  tr_format_value (&net_value, TR_VALUE_WORDS, net, sizeof net);
  TrQualifier share_q = tr_value_ratio_qualifier (&f->declared_matched, &f->reference_matched);
  g_autoptr (GString) out = g_string_new (NULL);
  /* Under --country the sums are over the countries shown, and the sentence says so. */
  if (rec->some_countries)
    g_string_append_printf (out, "%d, the countries shown only: ", y->year);
  else
    g_string_append_printf (out, "%d: ", y->year);
  /* A source with no figure for the year says so: missing is not zero. */
  const char *ncmec = rec->reference_label;
  g_autofree char *ncmecs = tr_possessive (ncmec);
  if (y->n_reference == 0)
    g_string_append_printf (out, "%s has no figure; ", ncmec);
  else
    g_string_append_printf (out, "%s figures add up to %s %s for %u %s; ", ncmecs, sent, what,
                            y->n_reference, countries_word (y->n_reference));
  if (y->n_declared == 0)
    g_string_append (out, "no country declared a figure.");
  else
    g_string_append_printf (out, "the countries declared %s (%u with a figure).", declared,
                            y->n_declared);
  if (y->n_matched == 0)
    g_string_append (out, " No country has both figures, so none can be compared.");
  else if (!tr_format_share (f->declared_matched.count, f->reference_matched.count, pct, sizeof pct))
    g_string_append_printf (out, " Where both figures exist (%u %s), %s were declared of 0 "
                                 "sent.",
                            y->n_matched, countries_word (y->n_matched), dm);
  else
    {
      g_string_append_printf (out, " Where both figures exist (%u %s), %s %s were declared of "
                                   "%s sent (%s%s %%). ",
                              y->n_matched, countries_word (y->n_matched), dm, what, rm,
                              tr_share_mark (share_q), pct);
      /* Gross shortfall and gross excess apart: a net never hides a shortfall. */
      if (y->n_short > 0)
        g_string_append_printf (out, "%u %s declared %s fewer %s than %s sent them",
                                y->n_short, countries_word (y->n_short), short_by, what, ncmec);
      else
        g_string_append_printf (out, "No country declared fewer than %s sent it", ncmec);
      if (y->n_excess > 0)
        g_string_append_printf (out, "; %u declared %s more", y->n_excess, excess);
      else
        g_string_append (out, "; none declared more");
      if (!net_value.present)
        g_string_append (out, "; the net cannot be determined from these figures.");
      else if (unaccounted > 0)
        g_string_append_printf (out, "; net, %s %s are unaccounted for.", net, what);
      else if (unaccounted < 0)
        g_string_append_printf (out, "; net, %s more %s were declared than sent.", net, what);
      else if (net_value.qualifier == TR_QUALIFIER_EXACT)
        g_string_append (out, "; net, every one is accounted for.");
      else
        g_string_append (out, "; net, about every one is accounted for.");
    }
  if (y->n_reference_left_out > 0)
    {
      g_autofree char *names = left_out_names (rec, y->year, TRUE);
      g_string_append_printf (out, " Left out: %s, with %s %s from %s and no declared "
                                   "figure.",
                              names, left, what, ncmec);
    }
  if (y->n_declared_left_out > 0)
    {
      g_autofree char *names = left_out_names (rec, y->year, FALSE);
      g_string_append_printf (out, " Left out%s: %s, with %s %s declared and no figure from "
                                   "%s.",
                              y->n_reference_left_out > 0 ? " too" : "", names, left_decl, what,
                              ncmec);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
tr_render_title (const TrReconciliation *rec)
{
  g_autofree char *what = tr_measure_words (rec->measure);
  return g_strdup_printf ("%s %s and the %s EU Member States declared", rec->reference_label,
                          what, what);
}

char *
tr_render_scope_note (const TrReconciliation *rec)
{
  guint n = rec->filter.n_outside;
  if (n == 0)
    return NULL;
  return g_strdup_printf ("The %s series also has figures for %u other %s, not compared: by "
                          "default the comparison covers the countries the %s series speaks "
                          "of (use --country to choose others).",
                          rec->reference, n,
                          n == 1 ? "country or territory" : "countries and territories",
                          rec->declared);
}

static void
headline (const TrReport *report, FILE *out)
{
  const TrReconciliation *rec = report->rec;
  fprintf (out, "Headline\n\n");
  for (guint i = 0; i < rec->years->len; i++)
    {
      g_autofree char *text = tr_render_headline (rec, g_ptr_array_index (rec->years, i));
      fputs ("  ", out);
      wrap (out, text, 2, 8, 100);
    }
  g_autofree char *scope = tr_render_scope_note (rec);
  if (scope != NULL)
    {
      fputs ("\n  ", out);
      wrap (out, scope, 2, 2, 100);
    }
  fputc ('\n', out);
}

static void
totals (const TrReport *report, FILE *out)
{
  const GPtrArray *t = report->rec->totals;
  fprintf (out, "Published totals checked against the sum of their rows\n\n");
  /* The check column is as wide as its longest word ("ok (within rounding)"). */
  int check_width = 8;
  /* The period column is as wide as its longest period ("H1 2024", "2022–2024"), or a year. */
  int period_width = 4;
  g_autoptr (GPtrArray) periods = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < t->len; i++)
    {
      const TrTotalCheck *c = g_ptr_array_index (t, i);
      check_width = MAX (check_width, (int) strlen (tr_total_check_words (c)));
      char *period = tr_period_describe (c->period);
      period_width = MAX (period_width, (int) g_utf8_strlen (period, -1));
      g_ptr_array_add (periods, period);
    }
  if (t->len > 0)
    fprintf (out, "  %-9s %-19s %-*s %10s %10s %-*s %s\n", "Source", "Measure", period_width,
             period_width > 4 ? "Period" : "Year", "Published", "Sum", check_width, "Check",
             "Printed at");
  if (t->len == 0)
    fprintf (out, "  (the inputs print no total)\n");
  for (guint i = 0; i < t->len; i++)
    {
      const TrTotalCheck *c = g_ptr_array_index (t, i);
      char p[48], s[48], w[160];
      const char *period = g_ptr_array_index (periods, i);
      /* Padded by characters, not bytes ("2022–2024" has a three-byte dash). */
      int pad = period_width - (int) g_utf8_strlen (period, -1);
      fprintf (out, "  %-9s %-19s %s%*s %10s %10s %-*s %s\n", c->source, c->measure, period,
               pad, "",
               tr_format_value (&c->published->value, TR_VALUE_CELL, p, sizeof p),
               tr_format_value (&c->sum_value, TR_VALUE_CELL, s, sizeof s), check_width,
               c->exact && !c->ok ? "MISMATCH" : tr_total_check_words (c),
               where (&c->published->where, w, sizeof w));
    }
  fputc ('\n', out);
}

/* The years shown, increasing, for tr_population_note() (newly allocated, n set). */
static int *
years_shown (const TrReconciliation *rec, gsize *n)
{
  int *years = g_new (int, rec->years->len + 1);
  for (guint i = 0; i < rec->years->len; i++)
    years[i] = ((const TrYear *) g_ptr_array_index (rec->years, i))->year;
  *n = rec->years->len;
  return years;
}

/* Reports per 100 000 inhabitants, country by country (population.h): each side's rate and
 * the population divided by, with the year of that population. */
static void
per_capita_table (const TrReport *report, FILE *out)
{
  const TrReconciliation *rec = report->rec;
  if (rec->pairs->len == 0)
    return;
  const char *ncmec = rec->reference_label;
  g_autofree char *cite = tr_dataset_cite (report->dataset, TR_POPULATION_SERIES,
                                           TR_POPULATION_MEASURE, FALSE);
  g_autofree char *what = tr_measure_words (rec->measure);
  g_autofree char *title = g_strdup_printf ("%c%s per 100 000 inhabitants (population on 1 "
                                            "January: %s)", g_ascii_toupper (what[0]),
                                            what + 1, cite != NULL ? cite : "none read");
  wrap (out, title, 0, 0, 100);
  fputc ('\n', out);
  if (cite == NULL)
    {
      /* No population read (a user's files replace the bundled data sets): one line, not a
       * table of n/a. */
      fputs ("  No population figures were read: no per-capita rate.\n\n", out);
      return;
    }
  gsize n_years = 0;
  g_autofree int *years = years_shown (rec, &n_years);
  g_autofree char *note = tr_population_note (report->dataset, years, n_years);
  if (note != NULL)
    {
      fputs ("  ", out);
      wrap (out, note, 2, 2, 100);
      fputc ('\n', out);
    }
  fprintf (out, "  %-22s %4s %11s %11s %12s %s\n", "Country", "Year",
           g_utf8_strlen (ncmec, -1) <= 11 ? ncmec : "Reference", "Declared", "Population",
           "on 1 Jan.");
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (rec->pairs, i);
      TrRate rr = tr_per_capita (report->dataset, p->reference, p->country->code, p->year);
      TrRate rd = tr_per_capita (report->dataset, p->declared, p->country->code, p->year);
      char a[48], b[48], c[48] = "", y[16] = "";
      if (rr.population != NULL)
        {
          tr_format_count (rr.population->value.count, c, sizeof c);
          g_snprintf (y, sizeof y, "%d", rr.population_year);
        }
      g_autofree char *full = g_strdup_printf ("%s %s", p->country->code, p->country->name_en);
      g_autofree char *name = g_utf8_strlen (full, -1) > 22 ? g_utf8_substring (full, 0, 22)
                                                            : g_strdup (full);
      int pad = 22 - (int) g_utf8_strlen (name, -1);
      fprintf (out, "  %s%*s %4d %11s %11s %12s%s%s\n", name, pad, "", p->year,
               p->reference != NULL && p->reference->value.present
                   ? tr_format_rate (&rr, TR_VALUE_CELL, a, sizeof a) : "missing",
               p->declared != NULL && p->declared->value.present
                   ? tr_format_rate (&rd, TR_VALUE_CELL, b, sizeof b) : "missing",
               c[0] != '\0' ? c : "none", y[0] != '\0' ? " " : "", y);
    }
  fputc ('\n', out);
}

static void
pairs_table (const TrReport *report, FILE *out)
{
  const TrReconciliation *rec = report->rec;
  g_autoptr (GPtrArray) sorted = g_ptr_array_new (); /* borrows the pairs */
  g_ptr_array_extend (sorted, rec->pairs, NULL, NULL);
  g_ptr_array_sort (sorted, compare_by_gap);
  const char *ncmec = rec->reference_label;
  fprintf (out, "Country-years, largest gap first (gap = %s - declared; coverage = declared "
                "/ %s)\n\n", ncmec, ncmec);
  /* The reference's column is headed by its label when it fits. */
  fprintf (out, "  %-22s %4s %11s %11s %11s %8s  %s\n", "Country", "Year",
           g_utf8_strlen (ncmec, -1) <= 11 ? ncmec : "Reference", "Declared", "Gap", "Coverage",
           "Status");
  for (guint i = 0; i < sorted->len; i++)
    {
      const TrPair *p = g_ptr_array_index (sorted, i);
      char r[48], d[48], g[48], c[48];
      g_autofree char *full = g_strdup_printf ("%s %s", p->country->code, p->country->name_en);
      g_autofree char *name = NULL;
      if (g_utf8_strlen (full, -1) > 22)
        {
          g_autofree char *head = g_utf8_substring (full, 0, 21);
          name = g_strconcat (head, "…", NULL);
        }
      else
        name = g_strdup (full);
      int pad = 22 - (int) g_utf8_strlen (name, -1);
      fprintf (out, "  %s%*s %4d %11s %11s %11s %8s  %s\n", name, pad, "", p->year,
               count_or_dash (p->reference, r, sizeof r), count_or_dash (p->declared, d, sizeof d),
               p->matched ? tr_render_gap_cell (p, g, sizeof g) : "",
               p->matched ? tr_render_coverage_cell (p, c, sizeof c) : "",
               tr_status_name (p->status));
    }
  if (rec->non_countries->len > 0)
    {
      fprintf (out, "\n  Rows that are not countries, never matched:\n");
      for (guint i = 0; i < rec->non_countries->len; i++)
        {
          const TrObservation *o = g_ptr_array_index (rec->non_countries, i);
          char v[48], w[160];
          g_autofree char *period = tr_period_to_string (o->period);
          fprintf (out, "    %-4s %-22s %s %11s  %s\n", o->country->code, o->country->name_en,
                   period, count_or_dash (o, v, sizeof v), where (&o->where, w, sizeof w));
        }
    }
  fputc ('\n', out);
}

static void
anomaly_lines (const TrAnomaly *a, FILE *out)
{
  char head[96];
  g_autofree char *period = tr_period_words (a->period, a->year);
  g_snprintf (head, sizeof head, "    %-19s %-3s %s  ", a->rule->name,
              a->country != NULL ? a->country->code : "-", period);
  fputs (head, out);
  wrap (out, a->message, (guint) strlen (head), 8, 100);
  g_autoptr (GString) from = g_string_new ("from:");
  for (guint k = 0; k < a->provenance->len; k++)
    {
      const TrProvenanceRef *p = &g_array_index (a->provenance, TrProvenanceRef, k);
      g_string_append_printf (from, "%s %s %s:%u:%u", k > 0 ? ";" : "", p->role, p->where.file,
                              p->where.line, p->where.column);
    }
  if (a->provenance->len > 0)
    {
      fputs ("        ", out);
      wrap (out, from->str, 8, 14, 100);
    }
  fprintf (out, "        fingerprint %.*s%s%s\n", TR_FINGERPRINT_SHORT, a->fingerprint,
           a->since != NULL ? ", " : "", a->since != NULL ? a->since : "");
}

static void
anomalies (const TrReport *report, FILE *out)
{
  const GPtrArray *list = report->anomalies;
  fprintf (out, "Anomalies (%u)\n", list->len);
  for (int s = TR_SEVERITY_CRITICAL; s >= TR_SEVERITY_INFO; s--)
    {
      guint n = 0;
      for (guint i = 0; i < list->len; i++)
        n += ((const TrAnomaly *) g_ptr_array_index (list, i))->severity == (TrSeverity) s;
      if (n == 0)
        continue;
      fprintf (out, "\n  %s (%u)\n", tr_severity_name ((TrSeverity) s), n);
      for (guint i = 0; i < list->len; i++)
        {
          const TrAnomaly *a = g_ptr_array_index (list, i);
          if (a->severity == (TrSeverity) s)
            anomaly_lines (a, out);
        }
    }
}

/* With --history: the counts since the previous run, under the headline. */
static void
since_headline (const TrReport *report, FILE *out)
{
  const TrSince *since = report->since;
  if (since == NULL && report->accepted == NULL)
    return;
  fprintf (out, "Since the last run\n\n");
  g_autofree char *text = NULL;
  if (since != NULL && since->previous != 0)
    text = g_strdup_printf ("Run %" G_GINT64_FORMAT ", compared with run %" G_GINT64_FORMAT
                            " of %s: %u new, %u persisting, %u resolved.",
                            since->run, since->previous, since->previous_started, since->n_new,
                            since->n_persisting, since->n_resolved);
  else if (since != NULL)
    text = g_strdup_printf ("Run %" G_GINT64_FORMAT ", the first of its parameters: every "
                            "anomaly is new (%u).",
                            since->run, since->n_new);
  if (text != NULL)
    {
      fputs ("  ", out);
      wrap (out, text, 2, 2, 100);
    }
  if (report->accepted != NULL)
    fprintf (out, "  %u %s accepted in the baseline, listed apart.\n", report->accepted->len,
             report->accepted->len == 1 ? "anomaly is" : "anomalies are");
  fputc ('\n', out);
}

/* With --history: the anomalies of the previous run this one no longer finds, and the
 * figures that resolved them; with --baseline: the accepted anomalies. */
static void
resolved_and_accepted (const TrReport *report, FILE *out)
{
  if (report->since != NULL && report->since->resolved->len > 0)
    {
      const GPtrArray *list = report->since->resolved;
      fprintf (out, "\nResolved since the last run (%u)\n\n", list->len);
      for (guint i = 0; i < list->len; i++)
        {
          const TrResolved *r = g_ptr_array_index (list, i);
          char head[96];
          g_snprintf (head, sizeof head, "    %-19s %-3s %d  ", r->rule,
                      r->subject != NULL ? r->subject : "-", r->year);
          fputs (head, out);
          wrap (out, r->message, (guint) strlen (head), 8, 100);
          g_autofree char *was = g_strdup_printf ("was: %s", r->was[0] != '\0' ? r->was
                                                                    : "(no figure kept)");
          g_autofree char *now = g_strdup_printf ("now: %s", r->now[0] != '\0' ? r->now
                                                                    : "(no figure kept)");
          fputs ("        ", out);
          wrap (out, was, 8, 13, 100);
          fputs ("        ", out);
          wrap (out, now, 8, 13, 100);
          fprintf (out, "        fingerprint %.*s, resolved\n", TR_FINGERPRINT_SHORT,
                   r->fingerprint);
        }
    }
  if (report->accepted != NULL && report->accepted->len > 0)
    {
      fprintf (out, "\nAccepted in the baseline (%u)\n\n", report->accepted->len);
      for (guint i = 0; i < report->accepted->len; i++)
        {
          const TrAccepted *x = g_ptr_array_index (report->accepted, i);
          anomaly_lines (x->anomaly, out);
          g_autofree char *why = g_strdup_printf ("accepted until %s%s%s%s%s",
                                                  x->entry->until_text,
                                                  x->entry->who[0] != '\0' ? " by " : "",
                                                  x->entry->who,
                                                  x->entry->reason[0] != '\0' ? ": " : "",
                                                  x->entry->reason);
          fputs ("        ", out);
          wrap (out, why, 8, 10, 100);
        }
    }
}

/* What the documents say about themselves: every statement checked, with its status. */
static void
statements (const TrReport *report, FILE *out)
{
  const GPtrArray *list = report->statements;
  if (list == NULL || list->len == 0)
    return;
  guint n[3] = { 0 };
  for (guint i = 0; i < list->len; i++)
    n[((const TrStatementResult *) g_ptr_array_index (list, i))->status]++;
  fprintf (out, "\nWhat the documents say about themselves (%u %s: %u %s, %u %s, "
                "%u not checkable)\n",
           list->len, list->len == 1 ? "statement" : "statements", n[TR_STATEMENT_HOLDS],
           n[TR_STATEMENT_HOLDS] == 1 ? "holds" : "hold", n[TR_STATEMENT_FAILS],
           n[TR_STATEMENT_FAILS] == 1 ? "fails" : "fail", n[TR_STATEMENT_NOT_CHECKABLE]);
  static const char *const words[] = { "holds", "FAILS", "not checkable" };
  for (guint i = 0; i < list->len; i++)
    {
      const TrStatementResult *r = g_ptr_array_index (list, i);
      g_autofree char *head = g_strdup_printf ("    %-13s %s  ", words[r->status],
                                               r->statement->id);
      fputs (head, out);
      wrap (out, r->sentence, (guint) g_utf8_strlen (head, -1), 8, 100);
      g_autoptr (GString) from = g_string_new (NULL);
      g_string_append_printf (from, "from: statement %s:%u:%u", r->statement->file,
                              r->statement->line, r->statement->column);
      for (guint k = 0; k < r->figures->len; k++)
        {
          const TrCheckedFigure *f = &g_array_index (r->figures, TrCheckedFigure, k);
          g_string_append_printf (from, "; %s %s:%u:%u", f->role, f->where.file, f->where.line,
                                  f->where.column);
        }
      fputs ("        ", out);
      wrap (out, from->str, 8, 14, 100);
    }
}

/* Text reports end up on terminals, and any string read from input may carry escape
 * sequences, bells or invisible characters: each public renderer here prints into memory
 * (capture_open) and writes the result through tr_escape_terminal (capture_close), which
 * shows them as "<U+001B>". Running out of memory aborts, as any GLib allocation does. */
typedef struct {
  char *bytes;
  size_t size;
  FILE *mem;
} Capture;

static FILE *
capture_open (Capture *capture)
{
  capture->bytes = NULL;
  capture->size = 0;
  capture->mem = open_memstream (&capture->bytes, &capture->size);
  if (capture->mem == NULL)
    g_error ("cannot allocate memory for the text report");
  return capture->mem;
}

static void
capture_close (Capture *capture, FILE *out)
{
  /* A write into the memory stream that failed for want of memory leaves a report cut short:
   * end as any other allocation failure does (output.c removes the temporary file). glibc's
   * fclose() of a memory stream returns 0 even when its last realloc() fails: it then leaves
   * the buffer NULL, which is the only sign. */
  gboolean failed = ferror (capture->mem) != 0;
  if (fclose (capture->mem) != 0 || failed || capture->bytes == NULL)
    g_error ("cannot allocate memory for the text report");
  tr_escape_terminal_write (out, capture->bytes, capture->size, TRUE);
  free (capture->bytes);
}

char *
tr_render_comparison_sentence (const TrComparison *c, const TrYear *y)
{
  const TrReconciliation *rec = c->rec;
  g_autofree char *what = tr_measure_words (rec->declared_measure);
  g_autofree char *parts = g_strjoinv (" + ", c->reference_measures);
  g_strdelimit (parts, "_", ' ');
  g_autoptr (GString) out = g_string_new (NULL);
  /* Under --country the sums are over the countries shown, and the sentence says so. */
  g_string_append_printf (out, rec->some_countries ? "%d, the countries shown only: " : "%d: ",
                          y->year);
  if (y->n_matched == 0)
    {
      g_string_append_printf (out, "no country has both figures (%s of %s; %s of %s).",
                              c->declared_words, c->declared->citation, c->reference_words,
                              c->reference->citation);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  char a[64], b[64], share[48];
  tr_format_value (&y->figures.declared_matched, TR_VALUE_WORDS, b, sizeof b);
  tr_format_value (&y->figures.reference_matched, TR_VALUE_WORDS, a, sizeof a);
  gboolean has_share = tr_format_percent (y->declared_matched, y->reference_matched,
                                          TR_PERCENT_DECIMALS, share, sizeof share);
  g_string_append_printf (out, "for the %u %s with both figures, the %s figures of %s add up to "
                               "%s %s",
                          y->n_matched, y->n_matched == 1 ? "country" : "countries",
                          c->declared_words, c->declared->citation, b, what);
  if (has_share)
    g_string_append_printf (out, ", %s %% of", share);
  else
    g_string_append (out, " against");
  g_string_append_printf (out, " the %s %s (%s) of %s", a, c->reference_words, parts,
                          c->reference->citation);
  /* The lowest and highest share by country, and the countries above 100 %. */
  const TrPair *low = NULL, *high = NULL;
  guint above = 0;
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (rec->pairs, i);
      if (p->year != y->year || !p->matched || !p->coverage.defined)
        continue;
      if (low == NULL || p->coverage.value < low->coverage.value)
        low = p;
      if (high == NULL || p->coverage.value > high->coverage.value)
        high = p;
      above += p->declared->value.count > p->reference->value.count;
    }
  if (low != NULL && low != high)
    {
      char lo[48], hi[48];
      tr_format_percent (low->declared->value.count, low->reference->value.count,
                         TR_PERCENT_DECIMALS, lo, sizeof lo);
      tr_format_percent (high->declared->value.count, high->reference->value.count,
                         TR_PERCENT_DECIMALS, hi, sizeof hi);
      g_string_append_printf (out, "; by country, from %s %% (%s) to %s %% (%s)", lo,
                              low->country->name_en, hi, high->country->name_en);
    }
  g_string_append_c (out, '.');
  if (above > 0)
    g_string_append_printf (out, " %u %s a %s figure above the %s one.", above,
                            above == 1 ? "country has" : "countries have", c->declared_words,
                            c->reference_words);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Appends the items of `items` (char *) joined as a list: "a", "a and b", "a, b and c". */
static void
append_list (GString *out, const GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == items->len ? " and " : ", ");
      g_string_append (out, g_ptr_array_index (items, i));
    }
}

static char *
records_sentence (const TrReconciliation *rec, const TrRecordsGap *g, gboolean with_country)
{
  char a[48], b[48], c[48], d[48];
  const guint64 *n = g->n;
  const char *label = rec->reference_label;
  g_autoptr (GString) out = g_string_new (NULL);
  if (with_country)
    g_string_append_printf (out, "%s (%s): ", g->country->name_en, g->country->code);
  /* What became of the year's reports: the causes of a shortfall. */
  g_autoptr (GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_free);
  if (n[TR_COUNT_NEVER] > 0)
    g_ptr_array_add (outcomes, g_strdup_printf ("%s %s never received",
                                                tr_format_count ((gint64) n[TR_COUNT_NEVER], a,
                                                                 sizeof a),
                                                n[TR_COUNT_NEVER] == 1 ? "was" : "were"));
  if (n[TR_COUNT_LATER] > 0)
    g_ptr_array_add (outcomes, g_strdup_printf ("%s %s logged in a later year",
                                                tr_format_count ((gint64) n[TR_COUNT_LATER], a,
                                                                 sizeof a),
                                                n[TR_COUNT_LATER] == 1 ? "was" : "were"));
  if (n[TR_COUNT_TWICE] > 0)
    g_ptr_array_add (outcomes,
                     g_strdup_printf ("%s %s logged twice or more (%s entries)",
                                      tr_format_count ((gint64) n[TR_COUNT_TWICE], a, sizeof a),
                                      n[TR_COUNT_TWICE] == 1 ? "was" : "were",
                                      tr_format_count ((gint64) n[TR_COUNT_TWICE_ENTRIES], b,
                                                       sizeof b)));
  if (g->carried < 0)
    g_ptr_array_add (outcomes,
                     g_strdup_printf ("%s more duplicate entries were dated after %d than "
                                      "entries of earlier years' reports in it",
                                      tr_format_count (-g->carried, a, sizeof a), g->year));
  /* What the log counts besides: the entries that make the declared figure larger. */
  g_autoptr (GPtrArray) offsets = g_ptr_array_new_with_free_func (g_free);
  if (g->extra_entries > 0)
    g_ptr_array_add (offsets, g_strdup_printf ("%s extra %s of the reports logged twice or more",
                                               tr_format_count (g->extra_entries, a, sizeof a),
                                               g->extra_entries == 1 ? "entry" : "entries"));
  if (n[TR_COUNT_OTHER_SOURCE] > 0)
    g_ptr_array_add (offsets,
                     g_strdup_printf ("%s %s from another source",
                                      tr_format_count ((gint64) n[TR_COUNT_OTHER_SOURCE], a,
                                                       sizeof a),
                                      n[TR_COUNT_OTHER_SOURCE] == 1 ? "entry" : "entries"));
  if (g->carried > 0)
    g_ptr_array_add (offsets,
                     g_strdup_printf ("%s %s of reports of earlier years (net of duplicates "
                                      "dated after %d)",
                                      tr_format_count (g->carried, a, sizeof a),
                                      g->carried == 1 ? "entry" : "entries", g->year));
  const TrPair *p = g->pair;
  if (g->explains && g->gap > 0)
    g_string_append_printf (out, "of the %s reports not accounted for in %d (%s %s, declared "
                                 "%s), ",
                            tr_format_count (g->gap, a, sizeof a), g->year, label,
                            tr_format_count (p->reference->value.count, b, sizeof b),
                            tr_format_count (p->declared->value.count, c, sizeof c));
  else if (g->explains)
    {
      g_string_append_printf (out, "in %d, %s reports were declared against the %s of %s",
                              g->year, tr_format_count (p->declared->value.count, a, sizeof a),
                              tr_format_count (p->reference->value.count, b, sizeof b), label);
      if (g->gap < 0)
        g_string_append_printf (out, " (%s more)", tr_format_count (-g->gap, c, sizeof c));
      else
        g_string_append (out, " (as many)");
      g_string_append (out, "; in the record lists, ");
    }
  else
    g_string_append_printf (out, "of the %s reports made available in %d, ",
                            tr_format_count ((gint64) n[TR_COUNT_SENT], a, sizeof a), g->year);
  if (outcomes->len > 0)
    append_list (out, outcomes);
  else
    g_string_append (out, "none was never received, logged in a later year or logged twice");
  if (offsets->len > 0)
    {
      g_string_append (out, "; against these, the log counts ");
      append_list (out, offsets);
    }
  g_string_append (out, ". ");
  /* The lists' own gap, and how it stands against the published figures. */
  g_string_append_printf (out, "The lists (%s) ", g->origin->citation);
  tr_format_count ((gint64) n[TR_COUNT_SENT], a, sizeof a);
  tr_format_count ((gint64) n[TR_COUNT_LOGGED], b, sizeof b);
  if (g->lists_gap > 0)
    g_string_append_printf (out, "thus show a gap of %s: %s reports made available less %s "
                                 "entries dated %d.",
                            tr_format_count (g->lists_gap, c, sizeof c), a, b, g->year);
  else if (g->lists_gap < 0)
    g_string_append_printf (out, "thus show %s more entries than reports: %s reports made "
                                 "available, %s entries dated %d.",
                            tr_format_count (-g->lists_gap, c, sizeof c), a, b, g->year);
  else
    g_string_append_printf (out, "thus show no gap: %s reports made available, %s entries "
                                 "dated %d.",
                            a, b, g->year);
  if (!g->explains)
    {
      g_autofree char *why
          = strcmp (rec->measure, "reports") != 0
                ? g_strdup_printf ("the report compares the measure %s, not reports",
                                   rec->measure)
            : p == NULL   ? g_strdup ("neither figure is compared for that country and year")
            : !p->matched && (p->declared == NULL || !p->declared->value.present)
                ? g_strdup_printf ("%s declared no figure", g->country->name_en)
            : !p->matched ? g_strdup_printf ("%s gives no figure", rec->reference_label)
                          : g_strdup ("a figure is not exact");
      g_string_append_printf (out, " There is no gap of the tables to set them against (%s).",
                              why);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  gboolean same_sent = (gint64) n[TR_COUNT_SENT] == p->reference->value.count;
  gboolean same_logged = (gint64) n[TR_COUNT_LOGGED] == p->declared->value.count;
  if (same_sent && same_logged)
    {
      g_string_append_printf (out, " They hold %s's figure and the declared one: they account "
                                   "for the whole %s.",
                              label, g->gap > 0 ? "gap" : "difference");
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  g_string_append (out, " But ");
  if (!same_sent)
    g_string_append_printf (out, "the lists hold %s reports made available, not the %s %s "
                                 "published",
                            a, tr_format_count (p->reference->value.count, c, sizeof c), label);
  if (!same_sent && !same_logged)
    g_string_append (out, ", and ");
  if (!same_logged)
    g_string_append_printf (out, "the log has %s entries dated %d, not the %s declared", b,
                            g->year, tr_format_count (p->declared->value.count, c, sizeof c));
  if (g->unexplained > 0)
    g_string_append_printf (out, ": %s %s of the gap %s left unexplained.",
                            tr_format_count (g->unexplained, d, sizeof d),
                            g->unexplained == 1 ? "report" : "reports",
                            g->unexplained == 1 ? "is" : "are");
  else if (g->unexplained < 0)
    g_string_append_printf (out, ": the lists show %s more than the gap.",
                            tr_format_count (-g->unexplained, d, sizeof d));
  else
    g_string_append (out, ": the differences offset each other, so the lists match the gap "
                          "only in sum.");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
tr_render_records_sentence (const TrReconciliation *rec, const TrRecordsGap *gap,
                            gboolean with_country)
{
  char *text = records_sentence (rec, gap, with_country);
  /* Without the country's name first, the sentence starts with its own word. */
  if (!with_country)
    text[0] = g_ascii_toupper (text[0]);
  return text;
}

char *
tr_render_records_heading (const TrReport *report)
{
  g_autoptr (GString) out = g_string_new ("Record-level lists (");
  const char *separator = "";
  for (guint i = 0; i < report->dataset->inputs->len; i++)
    {
      const TrInput *in = g_ptr_array_index (report->dataset->inputs, i);
      if (in->origin == NULL || g_strcmp0 (in->origin->series, TR_RECORDS_SERIES) != 0)
        continue;
      g_string_append_printf (out, "%s%s", separator, tr_input_citation (in));
      separator = "; ";
    }
  g_string_append_c (out, ')');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The record-level section: a paragraph per country and year of the lists shown. */
static void
records_section (const TrReport *report, FILE *out)
{
  if (report->records == NULL)
    return;
  g_autofree char *heading = tr_render_records_heading (report);
  fprintf (out, "%s\n\n", heading);
  if (report->records->len == 0)
    fprintf (out, "  (no country and year of the lists in the countries and years shown)\n");
  for (guint i = 0; i < report->records->len; i++)
    {
      g_autofree char *text = tr_render_records_sentence (
          report->rec, &g_array_index (report->records, TrRecordsGap, i), TRUE);
      fputs ("  ", out);
      wrap (out, text, 2, 4, 100);
    }
  fputc ('\n', out);
}

GPtrArray *
tr_render_comparisons_shown (const TrReport *report)
{
  GPtrArray *shown = g_ptr_array_new ();
  for (guint k = 0; report->comparisons != NULL && k < report->comparisons->len; k++)
    {
      const TrComparison *c = g_ptr_array_index (report->comparisons, k);
      if (c->made && !c->main && c->rec->pairs->len > 0)
        g_ptr_array_add (shown, (gpointer) c);
    }
  return shown;
}

GPtrArray *
tr_render_comparison_paragraphs (const TrComparison *c)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
  for (guint y = 0; y < c->rec->years->len; y++)
    g_ptr_array_add (paragraphs,
                     tr_render_comparison_sentence (c, g_ptr_array_index (c->rec->years, y)));
  return paragraphs;
}

/* The other comparisons (comparison.h) with a pair in the countries and years shown: what
 * each finds in words, and its pairs. (One not made, its sources not read because a user's
 * file replaced one, is only listed in JSON.) */
static void
other_comparisons (const TrReport *report, FILE *out)
{
  g_autoptr (GPtrArray) shown = tr_render_comparisons_shown (report);
  if (shown->len > 0)
    fprintf (out, "Other comparisons\n\n");
  for (guint k = 0; k < shown->len; k++)
    {
      const TrComparison *c = g_ptr_array_index (shown, k);
      g_autofree char *heading = g_strdup_printf ("%s: %s", c->id, c->title);
      fputs ("  ", out);
      wrap (out, heading, 2, 4, 100);
      g_autoptr (GPtrArray) paragraphs = tr_render_comparison_paragraphs (c);
      for (guint y = 0; y < paragraphs->len; y++)
        {
          fputs ("    ", out);
          wrap (out, g_ptr_array_index (paragraphs, y), 4, 6, 100);
        }
      fprintf (out, "\n    %-22s %4s %14s %14s %11s %8s\n", "Country", "Year",
               c->reference_words, c->declared_words, "Difference", "Ratio");
      for (guint i = 0; i < c->rec->pairs->len; i++)
        {
          const TrPair *p = g_ptr_array_index (c->rec->pairs, i);
          char r[48], d[48], g[48], q[48];
          g_autofree char *name = g_strdup_printf ("%s %s", p->country->code,
                                                   p->country->name_en);
          fprintf (out, "    %-22.22s %4d %14s %14s %11s %8s\n", name, p->year,
                   count_or_dash (p->reference, r, sizeof r),
                   count_or_dash (p->declared, d, sizeof d),
                   p->matched ? tr_render_gap_cell (p, g, sizeof g) : "",
                   p->matched ? tr_render_coverage_cell (p, q, sizeof q) : "");
        }
      fputc ('\n', out);
    }
}

/* A scorecard row's four marks, each with its reason, a line each. */
static void
scorecard_marks (const TrScorecardRow *row, FILE *out)
{
  for (guint m = 0; m < TR_SCORECARD_N_MARKS; m++)
    {
      g_autofree char *line = g_strdup_printf ("%s (%s): %s", tr_scorecard_mark_heading (m),
                                               tr_scorecard_mark (row, m),
                                               tr_scorecard_mark_reason (row, m));
      fputs ("    ", out);
      wrap (out, line, 4, 6, 100);
    }
}

/* A country as the first cell of a row, "BG Bulgaria", cut to `width` with an ellipsis and
 * padded to it. Newly allocated. */
static char *
country_cell (const TrCountry *country, int width)
{
  g_autofree char *full = g_strdup_printf ("%s %s", country->code, country->name_en);
  g_autofree char *name = NULL;
  if (g_utf8_strlen (full, -1) > width)
    {
      g_autofree char *head = g_utf8_substring (full, 0, width - 1);
      name = g_strconcat (head, "…", NULL);
    }
  else
    name = g_strdup (full);
  int pad = width - (int) g_utf8_strlen (name, -1);
  return g_strdup_printf ("%s%*s", name, pad, "");
}

/* The citation of a funnel step's figures, or "no figure read". Newly allocated. */
static char *
step_citation (const TrReport *report, TrFunnelStepId step)
{
  const TrFunnelStepSpec *spec = &tr_funnel_steps ()[step];
  const TrReconciliation *rec = report->rec;
  char *cite = tr_dataset_cite (report->dataset, spec->reference ? rec->reference : rec->declared,
                                spec->measure, FALSE);
  return cite != NULL ? cite : g_strdup ("no figure read");
}

/* What each column of the funnel holds, with its citation, as one paragraph. Newly
 * allocated. */
char *
tr_render_funnel_legend (const TrReport *report)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const TrFunnelStepSpec *steps = tr_funnel_steps ();
  for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
    {
      g_autofree char *cite = step_citation (report, (TrFunnelStepId) s);
      g_autofree char *what = s == TR_FUNNEL_SENT
                                  ? g_strdup_printf ("reports %s sent", report->rec->reference_label)
                              : s == TR_FUNNEL_DECLARED ? g_strdup ("reports declared")
                                                        : tr_measure_words (steps[s].measure);
      g_string_append_printf (out, "%s%s: %s (%s)", s > 0 ? "; " : "", steps[s].heading, what,
                              cite);
    }
  g_string_append (out, ". A figure marked * is qualified by a note (listed under the table); "
                        "a missing figure shows its reason in parentheses, never zero. "
                        "Declared/sent is given only where no note says either counts "
                        "differently (\"(notes)\" otherwise); children and convictions are "
                        "not divided by reports, which the tables do not say they come from.");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* From report to conviction: a row per country and year, then the notes it cites. */
static void
funnel (const TrReport *report, FILE *out)
{
  g_autoptr (GPtrArray) rows = tr_funnel_build (report->rec, report->notes);
  if (rows->len == 0)
    return;
  fprintf (out, "From report to conviction, by country and year\n\n  ");
  g_autofree char *legend = tr_render_funnel_legend (report);
  wrap (out, legend, 2, 2, 100);
  fprintf (out, "\n  %-15s %4s %16s %16s %16s %16s %9s\n", "Country", "Year", "Sent", "Declared",
           "Children", "Convictions", "Decl/sent");
  for (guint i = 0; i < rows->len; i++)
    {
      const TrFunnelRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = country_cell (row->country, 15);
      char cells[TR_FUNNEL_N_STEPS][64], r[48];
      for (int s = 0; s < TR_FUNNEL_N_STEPS; s++)
        tr_funnel_cell (row, (TrFunnelStepId) s, cells[s], sizeof cells[s]);
      fprintf (out, "  %s %4d %16s %16s %16s %16s %9s\n", name, row->year, cells[0], cells[1],
               cells[2], cells[3], tr_funnel_ratio_cell (row, r, sizeof r));
    }
  g_autoptr (GPtrArray) notes = tr_funnel_notes (rows, report->notes, NULL);
  if (notes->len > 0)
    fprintf (out, "\n  Notes on the figures marked *\n");
  for (guint k = 0; k < notes->len; k++)
    {
      g_autofree char *text = tr_render_note_line (g_ptr_array_index (notes, k));
      fputs ("    ", out);
      wrap (out, text, 4, 6, 100);
    }
  fputc ('\n', out);
}

char *
tr_render_note_line (const TrNote *note)
{
  g_autofree char *measure = tr_measure_words (note->measure);
  g_autofree char *years = note->year_from == note->year_to
                               ? g_strdup_printf ("%d", note->year_from)
                               : g_strdup_printf ("%d-%d", note->year_from, note->year_to);
  g_autofree char *kind = g_strdelimit (g_strdup (note->kind), "_", '-');
  return g_strdup_printf ("%s %s %s (%s): %s", note->country != NULL ? note->country->code : "-",
                          measure, years, kind, note->summary);
}

/* The scorecard: a table of marks, then each state's verdict and the reason for each mark. */
static void
scorecard (const TrReport *report, FILE *out)
{
  g_autoptr (GPtrArray) rows
      = tr_scorecard_build (report->rec, report->notes, report->statements, report->config);
  if (rows->len == 0)
    return;
  fprintf (out, "Scorecard, one row per Member State\n\n  ");
  wrap (out, "Given: the figures Article 8(1) asks for, (a) reports, (b) children identified "
             "and (c) convictions, one each per year. Checks: breakdowns and statements about "
             "the state that hold or fail. Coverage: reports declared against those sent, "
             "year by year, against the thresholds of COVERAGE_LOW and COVERAGE_EXCESS. "
             "Caveats: the notes on its figures. Each mark's reason follows the table.",
       2, 2, 100);
  fprintf (out, "\n  %-15s %7s %-8s %14s %-8s %7s\n", "Country", "Given", "Checks", "Lowest cov.",
           "Coverage", "Caveats");
  for (guint i = 0; i < rows->len; i++)
    {
      const TrScorecardRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = country_cell (row->country, 15);
      g_autofree char *given = g_strdup_printf ("%u/%u", row->given, row->asked);
      g_autofree char *checks = row->holds + row->fails == 0
                                    ? g_strdup ("none")
                                    : g_strdup_printf ("%u/%u ok", row->holds,
                                                       row->holds + row->fails);
      char low[48] = "(none)";
      if (row->n_years > 0)
        {
          char share[48];
          tr_format_share (row->low_num, row->low_den, share, sizeof share);
          g_snprintf (low, sizeof low, "%s %%", share);
        }
      fprintf (out, "  %s %7s %-8s %14s %-8s %7u\n", name, given, checks, low,
               tr_coverage_mark_name (row->coverage), row->notes->len);
    }
  fputc ('\n', out);
  for (guint i = 0; i < rows->len; i++)
    {
      const TrScorecardRow *row = g_ptr_array_index (rows, i);
      g_autofree char *head = g_strdup_printf ("%s %s: %s", row->country->code,
                                               row->country->name_en, row->verdict);
      fputs ("  ", out);
      wrap (out, head, 2, 6, 100);
      scorecard_marks (row, out);
    }
  fputc ('\n', out);
}

static void
render_text (const TrReport *report, FILE *out)
{
  const TrReconciliation *rec = report->rec;
  fprintf (out, "%s %s: %s figures against %s figures, measure '%s'\n", PACKAGE_NAME,
           PACKAGE_VERSION, rec->reference, rec->declared, rec->measure);
  /* What was read for each side, cited as the catalogue or the user names it. */
  g_autofree char *reference = tr_dataset_cite (report->dataset, rec->reference, rec->measure,
                                                FALSE);
  g_autofree char *declared = tr_dataset_cite (report->dataset, rec->declared, rec->measure,
                                               FALSE);
  g_autofree char *first = g_strdup_printf ("Sources: %s %s;", rec->reference,
                                            reference != NULL ? reference : "no figure read");
  g_autofree char *second = g_strdup_printf ("%s %s", rec->declared,
                                             declared != NULL ? declared : "no figure read");
  /* One line when it fits, else one side a line. */
  if (g_utf8_strlen (first, -1) + 1 + g_utf8_strlen (second, -1) <= 100)
    fprintf (out, "%s %s\n", first, second);
  else
    {
      wrap (out, first, 0, 9, 100);
      fputs ("         ", out);
      wrap (out, second, 9, 9, 100);
    }
  fputc ('\n', out);
  headline (report, out);
  since_headline (report, out);
  scorecard (report, out);
  totals (report, out);
  pairs_table (report, out);
  per_capita_table (report, out);
  records_section (report, out);
  funnel (report, out);
  other_comparisons (report, out);
  anomalies (report, out);
  resolved_and_accepted (report, out);
  statements (report, out);
}

void
tr_render_text (const TrReport *report, FILE *out)
{
  Capture capture;
  render_text (report, capture_open (&capture));
  capture_close (&capture, out);
}

/* "population 8 978 929 on 1 January 2022, marked provisional", with "; the latest read"
 * when it is not the figure's year. Newly allocated. */
static char *
population_words (const TrDataset *ds, const TrRate *rate)
{
  char n[48];
  g_autofree char *flag = tr_population_flag_words (tr_population_flag (ds, rate->population));
  return g_strdup_printf ("population %s on 1 January %d%s%s%s",
                          tr_format_count (rate->population->value.count, n, sizeof n),
                          rate->population_year, flag != NULL ? ", marked " : "",
                          flag != NULL ? flag : "",
                          rate->population_year != rate->year ? "; the latest read" : "");
}

/* --explain: the country's figures per 100 000 inhabitants (population.h), year by year, and
 * those of NCMEC's own by-country data set where it has more years. */
static void
explain_per_capita (const TrReport *report, const TrCountry *country, FILE *out)
{
  const TrDataset *ds = report->dataset;
  const TrReconciliation *rec = report->rec;
  g_autofree char *what = tr_measure_words (rec->measure);
  g_autofree char *cite = tr_dataset_cite (ds, TR_POPULATION_SERIES, TR_POPULATION_MEASURE,
                                           FALSE);
  fprintf (out, "\nPer 100 000 inhabitants (%s)\n", cite != NULL ? cite : "no population read");
  for (guint i = 0; i < rec->pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (rec->pairs, i);
      if (p->country != country)
        continue;
      TrRate rr = tr_per_capita (ds, p->reference, country->code, p->year);
      TrRate rd = tr_per_capita (ds, p->declared, country->code, p->year);
      char a[48], b[48];
      g_autofree char *text = NULL;
      if (rr.population == NULL)
        text = g_strdup_printf ("%d: no population was read for %d or before: no rate.",
                                p->year, p->year);
      else
        {
          g_autofree char *pop = population_words (ds, &rr);
          g_autofree char *ref = rr.defined
              ? g_strdup_printf ("%s sent %s %s per 100 000 inhabitants", rec->reference_label,
                                 tr_format_rate (&rr, TR_VALUE_WORDS, a, sizeof a), what)
              : g_strdup_printf ("%s's figure is missing: no rate", rec->reference_label);
          g_autofree char *dec = rd.defined
              ? g_strdup_printf ("%s declared %s", country->name_en,
                                 tr_format_rate (&rd, TR_VALUE_WORDS, b, sizeof b))
              : g_strdup_printf ("%s's declared figure is missing: no rate", country->name_en);
          text = g_strdup_printf ("%d: %s; %s (%s).", p->year, ref, dec, pop);
        }
      fputs ("  ", out);
      wrap (out, text, 2, 8, 100);
    }
  /* NCMEC's by-country data set covers more years than the comparison: its rates too. */
  g_autoptr (GString) more = g_string_new (NULL);
  const char *cited = NULL;
  for (int y = 1998; y <= 2100; y++)
    {
      const TrObservation *o = tr_dataset_find (ds, "ncmec", country->code, y, rec->measure);
      if (o == NULL || tr_dataset_is_derived (ds, o))
        continue;
      TrRate r = tr_per_capita (ds, o, country->code, y);
      char a[48];
      if (more->len > 0)
        g_string_append (more, ", ");
      g_string_append_printf (more, "%d %s", y,
                              o->value.present ? tr_format_rate (&r, TR_VALUE_WORDS, a, sizeof a)
                                               : "missing");
      if (r.defined && r.population_year != y)
        g_string_append_printf (more, " (population of %d)", r.population_year);
      if (cited == NULL && o->origin != NULL)
        cited = o->origin->citation;
    }
  if (more->len > 0)
    {
      g_autofree char *text = g_strdup_printf ("%s per 100 000 inhabitants in %s: %s.", what,
                                               cited != NULL ? cited : "ncmec", more->str);
      text[0] = g_ascii_toupper (text[0]);
      fputs ("  ", out);
      wrap (out, text, 2, 2, 100);
    }
}

static void
render_explain (const TrReport *report, const TrCountry *country, FILE *out)
{
  const TrDataset *ds = report->dataset;
  fprintf (out, "%s (%s; %s in French, %s in German)\n\n", country->name_en, country->code,
           country->name_fr, country->name_de);
  fprintf (out, "Figures\n");
  for (guint i = 0; i < ds->n_observations; i++)
    {
      const TrObservation *o = tr_dataset_observation (ds, i);
      if (o->country != country || tr_dataset_is_derived (ds, o))
        continue;
      char v[48], w[160];
      g_autofree char *measure = g_strdelimit (g_strdup (o->measure), "_", ' ');
      const char *qualifier = o->value.present && o->value.qualifier != TR_QUALIFIER_EXACT
                                  ? tr_qualifier_name (o->value.qualifier)
                                  : "";
      g_autofree char *reason = g_strdelimit (g_strdup (tr_missing_name (o->value.missing)),
                                              "_", ' ');
      /* The qualifier has its own column here, in words. */
      g_autofree char *period = tr_period_to_string (o->period);
      fprintf (out, "  %-4s  %-9s %-30s %11s %s%s  %s\n", period, o->source, measure,
               o->value.present ? tr_format_count (o->value.count, v, sizeof v) : "missing", qualifier, o->value.present ? "" : reason,
               where (&o->where, w, sizeof w));
    }
  fprintf (out, "\nReconciliation (%s)\n", report->rec->measure);
  for (guint i = 0; i < report->rec->pairs->len; i++)
    {
      const TrPair *p = g_ptr_array_index (report->rec->pairs, i);
      if (p->country != country)
        continue;
      char r[48], d[48], g[48], pct[48];
      g_autofree char *text = NULL;
      g_autofree char *what = tr_measure_words (report->rec->measure);
      if (p->matched && p->coverage.defined)
        {
          tr_format_share (p->declared->value.count, p->reference->value.count, pct,
                           sizeof pct);
          const TrValue *rv = &p->reference->value, *dv = &p->declared->value;
          /* The gap in words: fewer, more or as many, never a negative number; "about" or
           * "more than" when a figure is inexact. */
          TrValue diff = p->gap < 0 ? tr_value_subtract (dv, rv) : tr_value_subtract (rv, dv);
          tr_format_value (&diff, TR_VALUE_WORDS, g, sizeof g);
          const char *ncmec = report->rec->reference_label;
          g_autofree char *gap
              = !diff.present ? g_strdup ("a gap these figures cannot determine")
                : p->gap > 0  ? g_strdup_printf ("%s fewer than %s sent", g, ncmec)
                : p->gap < 0  ? g_strdup_printf ("%s more than %s sent", g, ncmec)
                : diff.qualifier == TR_QUALIFIER_EXACT
                    ? g_strdup_printf ("exactly as many as %s sent", ncmec)
                    : g_strdup_printf ("about as many as %s sent", ncmec);
          text = g_strdup_printf ("%d: %s sent %s %s; %s declared %s, that is %s%s %%: %s.",
                                  p->year, ncmec, tr_format_value (rv, TR_VALUE_WORDS, r, sizeof r),
                                  what, country->name_en,
                                  tr_format_value (dv, TR_VALUE_WORDS, d, sizeof d),
                                  tr_share_mark (tr_value_ratio_qualifier (dv, rv)),
                                  pct, gap);
        }
      else
        {
          char rw[200], dw[200];
          text = g_strdup_printf ("%d: %s; %s.", p->year,
                                  side_words (report->rec->reference_label, TRUE, p->reference,
                                              what, rw, sizeof rw),
                                  side_words (country->name_en, FALSE, p->declared, what, dw,
                                              sizeof dw));
        }
      fputs ("  ", out);
      wrap (out, text, 2, 8, 100);
    }
  if (report->records != NULL)
    {
      g_autofree char *heading = tr_render_records_heading (report);
      fprintf (out, "\n%s\n", heading);
      guint shown = 0;
      for (guint i = 0; i < report->records->len; i++)
        {
          const TrRecordsGap *g = &g_array_index (report->records, TrRecordsGap, i);
          if (g->country != country)
            continue;
          g_autofree char *sentence = tr_render_records_sentence (report->rec, g, FALSE);
          g_autofree char *text = g_strdup_printf ("%d: %s", g->year, sentence);
          fputs ("  ", out);
          wrap (out, text, 2, 8, 100);
          shown++;
        }
      if (shown == 0)
        fprintf (out, "  (none for %s)\n", country->name_en);
    }
  explain_per_capita (report, country, out);
  g_autoptr (GPtrArray) rows = tr_funnel_build (report->rec, report->notes);
  guint shown = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const TrFunnelRow *row = g_ptr_array_index (rows, i);
      if (row->country != country)
        continue;
      if (shown++ == 0)
        fprintf (out, "\nFrom report to conviction\n");
      g_autofree char *text = tr_funnel_sentence (row, report->rec->reference_label);
      fputs ("  ", out);
      wrap (out, text, 2, 8, 100);
    }
  g_autoptr (GPtrArray) notes = tr_funnel_notes (rows, report->notes, country);
  for (guint k = 0; k < notes->len; k++)
    {
      g_autofree char *text = tr_render_note_line (g_ptr_array_index (notes, k));
      g_autofree char *line = g_strconcat ("note: ", text, NULL);
      fputs ("  ", out);
      wrap (out, line, 2, 8, 100);
    }
  g_autoptr (GPtrArray) cards
      = tr_scorecard_build (report->rec, report->notes, report->statements, report->config);
  for (guint i = 0; i < cards->len; i++)
    {
      const TrScorecardRow *row = g_ptr_array_index (cards, i);
      if (row->country != country)
        continue;
      fprintf (out, "\nScorecard\n  ");
      wrap (out, row->verdict, 2, 4, 100);
      scorecard_marks (row, out);
    }
  fprintf (out, "\nRemarks printed in the tables\n");
  guint n = 0;
  for (guint i = 0; i < ds->annotations->len; i++)
    {
      const TrAnnotation *a = g_ptr_array_index (ds->annotations, i);
      if (a->country != country)
        continue;
      char w[160];
      g_autofree char *text = g_strdup_printf ("%s (%s): %s", a->header,
                                               where (&a->where, w, sizeof w), a->text);
      fputs ("  ", out);
      wrap (out, text, 2, 4, 100);
      n++;
    }
  if (n == 0)
    fprintf (out, "  (none)\n");
  fprintf (out, "\nFlags\n");
  n = 0;
  for (guint i = 0; i < report->anomalies->len; i++)
    {
      const TrAnomaly *a = g_ptr_array_index (report->anomalies, i);
      if (a->country != country)
        continue;
      anomaly_lines (a, out);
      n++;
    }
  if (n == 0)
    fprintf (out, "  (none)\n");
}

void
tr_render_explain (const TrReport *report, const TrCountry *country, FILE *out)
{
  Capture capture;
  render_explain (report, country, capture_open (&capture));
  capture_close (&capture, out);
}

void
tr_render_rules (const TrRuleConfig *config, FILE *out)
{
  const TrRule *rules = tr_rules_catalogue ();
  for (int r = 0; r < TR_N_RULES; r++)
    {
      fprintf (out, "%-20s %-8s %s%s\n", rules[r].name, tr_severity_name (rules[r].severity),
               rules[r].summary, config->enabled[r] ? "" : " (disabled)");
      for (int p = 0; p < TR_RULE_MAX_PARAMS && rules[r].params[p].key != NULL; p++)
        fprintf (out, "%-20s   %s = %g (default %g): %s\n", "", rules[r].params[p].key,
                 config->params[r][p], rules[r].params[p].value, rules[r].params[p].meaning);
    }
}
