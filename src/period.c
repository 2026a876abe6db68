/* period.c — reading, comparing and printing periods (see period.h).
 *
 * Parsing folds the text to lower-case ASCII, cuts it into tokens (numbers, words, '-', '/',
 * '(' and ')'), and tries each printed form in turn on the token list. Forms are small
 * functions rather than regular expressions so that each says in code what it accepts. */
#include "config.h"

#include "period.h"

#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (tr-period-error-quark, tr_period_error)

#define MAX_TOKENS 12

typedef enum { TOK_NUM, TOK_WORD, TOK_SYM } TokKind;

typedef struct {
  TokKind kind;
  int value;          /* TOK_NUM: its value (at most 9 digits are kept) */
  int digits;         /* TOK_NUM: how many digits were printed */
  char sym;           /* TOK_SYM: '-', '/', '(' or ')' */
  char word[16];      /* TOK_WORD: folded, NUL-terminated (longer words match no form) */
} Token;

typedef struct {
  Token tok[MAX_TOKENS];
  int n;
} Tokens;

/* Month names and abbreviations, folded, in the languages the header documents. */
static const struct {
  const char *name;
  int month;
} month_names[] = {
  { "january", 1 },  { "jan", 1 },   { "janvier", 1 },  { "janv", 1 },   { "januar", 1 },
  { "januari", 1 },  { "gennaio", 1 }, { "gen", 1 },    { "enero", 1 },  { "ene", 1 },
  { "february", 2 }, { "feb", 2 },   { "fevrier", 2 },  { "fevr", 2 },   { "fev", 2 },
  { "februar", 2 },  { "februari", 2 }, { "febbraio", 2 }, { "febrero", 2 },
  { "march", 3 },    { "mar", 3 },   { "mars", 3 },     { "marz", 3 },   { "maart", 3 },
  { "mrt", 3 },      { "marzo", 3 },
  { "april", 4 },    { "apr", 4 },   { "avril", 4 },    { "avr", 4 },    { "aprile", 4 },
  { "abril", 4 },    { "abr", 4 },
  { "may", 5 },      { "mai", 5 },   { "mei", 5 },      { "maggio", 5 }, { "mag", 5 },
  { "mayo", 5 },
  { "june", 6 },     { "jun", 6 },   { "juin", 6 },     { "juni", 6 },   { "giugno", 6 },
  { "giu", 6 },      { "junio", 6 },
  { "july", 7 },     { "jul", 7 },   { "juillet", 7 },  { "juil", 7 },   { "juli", 7 },
  { "luglio", 7 },   { "lug", 7 },   { "julio", 7 },
  { "august", 8 },   { "aug", 8 },   { "aout", 8 },     { "augustus", 8 }, { "agosto", 8 },
  { "ago", 8 },
  { "september", 9 }, { "sep", 9 },  { "sept", 9 },     { "septembre", 9 }, { "settembre", 9 },
  { "set", 9 },      { "septiembre", 9 },
  { "october", 10 }, { "oct", 10 },  { "octobre", 10 }, { "oktober", 10 }, { "okt", 10 },
  { "ottobre", 10 }, { "ott", 10 },  { "octubre", 10 },
  { "november", 11 }, { "nov", 11 }, { "novembre", 11 }, { "noviembre", 11 },
  { "december", 12 }, { "dec", 12 }, { "decembre", 12 }, { "dezember", 12 }, { "dez", 12 },
  { "dicembre", 12 }, { "dic", 12 }, { "diciembre", 12 },
};

static const char *const month_words[12] = { "January", "February", "March",     "April",
                                             "May",     "June",     "July",      "August",
                                             "September", "October", "November", "December" };

/* Words that mark a figure as provisional, alone or in parentheses after the year. */
static const char *const provisional_words[]
    = { "p", "provisional", "prov", "provisoire", "preliminary", "prelim", "vorlaufig",
        "voorlopig", "provvisorio", "provisorio", NULL };

/* Ordinals that may follow or replace the number of a half or a quarter ("1er", "first"). */
static const char *const ordinal_suffixes[] = { "er", "re", "e", "eme", "st", "nd", "rd", "th",
                                                "o", NULL };
static const struct {
  const char *word;
  int n;
} ordinal_words[] = { { "first", 1 },   { "second", 2 },  { "third", 3 },  { "fourth", 4 },
                      { "premier", 1 }, { "premiere", 1 }, { "deuxieme", 2 },
                      { "troisieme", 3 }, { "quatrieme", 4 } };

static const char *const quarter_words[] = { "quarter", "trimestre", "quartal", "kwartaal",
                                             NULL };
static const char *const half_words[] = { "half", "semestre", "halbjahr", "semester",
                                          "halfjaar", NULL };
static const char *const span_words[] = { "to", "a", "bis", "tot", "al", NULL };

static gboolean
is_word (const Token *t, const char *const *words)
{
  return t->kind == TOK_WORD && g_strv_contains (words, t->word);
}

static gboolean
is_sym (const Token *t, char sym)
{
  return t->kind == TOK_SYM && t->sym == sym;
}

static gboolean
is_year (const Token *t)
{
  return t->kind == TOK_NUM && t->digits == 4 && t->value >= TR_PERIOD_YEAR_MIN
         && t->value <= TR_PERIOD_YEAR_MAX;
}

static int
month_of (const Token *t)
{
  if (t->kind != TOK_WORD)
    return 0;
  for (gsize i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (strcmp (month_names[i].name, t->word) == 0)
      return month_names[i].month;
  return 0;
}

/* Folds `text` to lower-case ASCII (dashes as '-') and cuts it into tokens. FALSE when the
 * text has a character no form uses, a word longer than any form's, or too many tokens. */
static gboolean
tokenize (const char *text, Tokens *tokens)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  tokens->n = 0;
  const char *p = ascii;
  while (*p != '\0')
    {
      if (g_ascii_isspace (*p) || *p == '.' || *p == ',')
        {
          p++;
          continue;
        }
      if (tokens->n == MAX_TOKENS)
        return FALSE;
      Token *t = &tokens->tok[tokens->n++];
      if (g_ascii_isdigit (*p))
        {
          t->kind = TOK_NUM;
          t->value = 0;
          t->digits = 0;
          for (; g_ascii_isdigit (*p); p++, t->digits++)
            if (t->digits < 9)
              t->value = t->value * 10 + (*p - '0');
        }
      else if (g_ascii_isalpha (*p))
        {
          t->kind = TOK_WORD;
          gsize len = 0;
          for (; g_ascii_isalpha (*p); p++, len++)
            {
              if (len + 1 >= sizeof t->word)
                return FALSE;
              t->word[len] = g_ascii_tolower (*p);
            }
          t->word[len] = '\0';
        }
      else if (*p == '-' || *p == '/' || *p == '(' || *p == ')' || *p == '\'')
        {
          t->kind = TOK_SYM;
          t->sym = *p++;
          while (t->sym == '-' && *p == '-') /* an em dash folds to "--" */
            p++;
        }
      else
        return FALSE;
    }
  return TRUE;
}

static TrPeriod
months_of (int year, int first_month, int n)
{
  return (TrPeriod){ 12 * year + first_month - 1, n };
}

/* The number of a half or a quarter at t[i], printed as "1", "1er", "first": returns how many
 * tokens it took (0 when there is none) and sets *n. */
static int
ordinal_at (const Tokens *ts, int i, int *n)
{
  if (i >= ts->n)
    return 0;
  const Token *t = &ts->tok[i];
  if (t->kind == TOK_NUM && t->digits == 1)
    {
      *n = t->value;
      return i + 1 < ts->n && is_word (&ts->tok[i + 1], ordinal_suffixes) ? 2 : 1;
    }
  if (t->kind == TOK_WORD)
    for (gsize k = 0; k < G_N_ELEMENTS (ordinal_words); k++)
      if (strcmp (ordinal_words[k].word, t->word) == 0)
        {
          *n = ordinal_words[k].n;
          return 1;
        }
  return 0;
}

typedef enum { PART_NONE, PART_HALF, PART_QUARTER } PartKind;

/* "q1", "t1", "h1", "s1" as one letter then a number. */
static PartKind
part_letter (const Token *t)
{
  if (t->kind != TOK_WORD || t->word[1] != '\0')
    return PART_NONE;
  if (t->word[0] == 'q' || t->word[0] == 't')
    return PART_QUARTER;
  if (t->word[0] == 'h' || t->word[0] == 's')
    return PART_HALF;
  return PART_NONE;
}

static gboolean
make_part (PartKind kind, int n, int year, TrPeriod *out)
{
  int per_year = kind == PART_HALF ? 2 : 4;
  if (n < 1 || n > per_year)
    return FALSE;
  int len = 12 / per_year;
  *out = months_of (year, (n - 1) * len + 1, len);
  return TRUE;
}

/* Halves and quarters: "Q1 2024", "2024 Q1", "2024-Q1", "1er trimestre 2024", "first half of
 * 2024". */
static gboolean
parse_part (const Tokens *ts, TrPeriod *out)
{
  const Token *t = ts->tok;
  int n = ts->n;
  /* Letter form before the year. */
  if (n == 3 && part_letter (&t[0]) != PART_NONE && t[1].kind == TOK_NUM && is_year (&t[2]))
    return make_part (part_letter (&t[0]), t[1].value, t[2].value, out);
  /* Letter form after the year, with or without a dash. */
  int k = n == 4 && (is_sym (&t[1], '-') || is_sym (&t[1], '/')) ? 2 : 1;
  if (n == k + 2 && is_year (&t[0]) && part_letter (&t[k]) != PART_NONE
      && t[k + 1].kind == TOK_NUM)
    return make_part (part_letter (&t[k]), t[k + 1].value, t[0].value, out);
  /* Words: ordinal, "quarter"/"half", optional "of", year. */
  int number = 0;
  int used = ordinal_at (ts, 0, &number);
  if (used == 0 || used >= n)
    return FALSE;
  PartKind kind = is_word (&t[used], quarter_words) ? PART_QUARTER
                  : is_word (&t[used], half_words) ? PART_HALF
                                                   : PART_NONE;
  if (kind == PART_NONE)
    return FALSE;
  int y = used + 1;
  static const char *const of[] = { "of", "de", "des", "du", "del", NULL };
  if (y < n && is_word (&t[y], of))
    y++;
  if (y != n - 1 || !is_year (&t[y]))
    return FALSE;
  return make_part (kind, number, t[y].value, out);
}

/* Months: "March 2024", "Jan-Jun 2024", "Jul 2023-Jun 2024", "2024-03". */
static gboolean
parse_months (const Tokens *ts, TrPeriod *out)
{
  const Token *t = ts->tok;
  int n = ts->n;
  if (n == 2 && month_of (&t[0]) && is_year (&t[1]))
    {
      *out = months_of (t[1].value, month_of (&t[0]), 1);
      return TRUE;
    }
  if (n == 4 && month_of (&t[0]) && is_sym (&t[1], '-') && month_of (&t[2]) && is_year (&t[3])
      && month_of (&t[2]) > month_of (&t[0]))
    {
      *out = months_of (t[3].value, month_of (&t[0]), month_of (&t[2]) - month_of (&t[0]) + 1);
      return TRUE;
    }
  if (n == 5 && month_of (&t[0]) && is_year (&t[1]) && is_sym (&t[2], '-') && month_of (&t[3])
      && is_year (&t[4]))
    {
      TrPeriod first = months_of (t[1].value, month_of (&t[0]), 1);
      TrPeriod last = months_of (t[4].value, month_of (&t[3]), 1);
      if (last.start <= first.start)
        return FALSE;
      *out = (TrPeriod){ first.start, last.start - first.start + 1 };
      return TRUE;
    }
  /* The canonical first and last month, "2022-07/2023-06". */
  if (n == 7 && is_year (&t[0]) && is_sym (&t[1], '-') && t[2].kind == TOK_NUM
      && t[2].digits == 2 && is_sym (&t[3], '/') && is_year (&t[4]) && is_sym (&t[5], '-')
      && t[6].kind == TOK_NUM && t[6].digits == 2 && t[2].value >= 1 && t[2].value <= 12
      && t[6].value >= 1 && t[6].value <= 12)
    {
      TrPeriod first = months_of (t[0].value, t[2].value, 1);
      TrPeriod last = months_of (t[4].value, t[6].value, 1);
      if (last.start <= first.start)
        return FALSE;
      *out = (TrPeriod){ first.start, last.start - first.start + 1 };
      return TRUE;
    }
  return FALSE;
}

static gboolean
fiscal (const TrPeriodOptions *options, int first_year, const char *text, TrPeriod *out,
        GError **error)
{
  if (options == NULL || options->fiscal_first_month < 1 || options->fiscal_first_month > 12)
    {
      g_set_error (error, TR_PERIOD_ERROR, TR_PERIOD_ERROR_FISCAL,
                   "found '%s', a fiscal or split year; expected a calendar period (a layout "
                   "file must say in which month its fiscal years start)",
                   text);
      return FALSE;
    }
  *out = months_of (first_year, options->fiscal_first_month, 12);
  return TRUE;
}

gboolean
tr_period_parse (const char *text, const TrPeriodOptions *options, TrPeriod *out,
                 gboolean *provisional, GError **error)
{
  g_return_val_if_fail (text != NULL && out != NULL, FALSE);
  gboolean prov = FALSE;
  TrPeriod period = { 0, 0 };
  Tokens tokens;
  gboolean ok = tokenize (text, &tokens);
  Token *t = tokens.tok;
  int n = ok ? tokens.n : 0;

  /* A provisional mark at the end: "2024p", "2024 (provisional)", "2024 provisoire". */
  if (n >= 2 && is_word (&t[n - 1], provisional_words))
    {
      prov = TRUE;
      n--;
    }
  else if (n >= 4 && is_sym (&t[n - 1], ')') && is_word (&t[n - 2], provisional_words)
           && is_sym (&t[n - 3], '('))
    {
      prov = TRUE;
      n -= 3;
    }
  tokens.n = n;

  gboolean found = FALSE;
  if (n == 1 && is_year (&t[0]))
    {
      period = tr_period_year (t[0].value);
      found = TRUE;
    }
  else if (n >= 2 && (parse_part (&tokens, &period) || parse_months (&tokens, &period)))
    found = TRUE;
  else if (n == 3 && is_year (&t[0]) && t[2].kind == TOK_NUM
           && (is_sym (&t[1], '-') || is_sym (&t[1], '/')))
    {
      int a = t[0].value;
      int next2 = (a + 1) % 100;
      gboolean split = (t[2].digits == 2 && t[2].value == next2)
                       || (is_sym (&t[1], '/') && t[2].digits == 4 && t[2].value == a + 1);
      gboolean month = is_sym (&t[1], '-') && t[2].digits == 2 && t[2].value >= 1
                       && t[2].value <= 12;
      if (split && month)
        {
          g_set_error (error, TR_PERIOD_ERROR, TR_PERIOD_ERROR_AMBIGUOUS,
                       "found '%s', which reads as month %d of %d or as the split year "
                       "%d/%02d; expected an unambiguous period (a month as '%s %d', a "
                       "split year as '%d/%02d')",
                       text, t[2].value, a, a, next2, month_words[t[2].value - 1], a, a,
                       next2);
          return FALSE;
        }
      if (split)
        {
          if (!fiscal (options, a, text, &period, error))
            return FALSE;
          found = TRUE;
        }
      else if (month)
        {
          period = months_of (a, t[2].value, 1);
          found = TRUE;
        }
      else if (is_sym (&t[1], '-') && is_year (&t[2]) && t[2].value > a)
        {
          period = (TrPeriod){ 12 * a, 12 * (t[2].value - a + 1) };
          found = TRUE;
        }
    }
  else if (n == 3 && is_year (&t[0]) && is_word (&t[1], span_words) && is_year (&t[2])
           && t[2].value > t[0].value)
    {
      period = (TrPeriod){ 12 * t[0].value, 12 * (t[2].value - t[0].value + 1) };
      found = TRUE;
    }
  else if ((n == 2 || n == 3) && t[0].kind == TOK_WORD && strcmp (t[0].word, "fy") == 0
           && t[n - 1].kind == TOK_NUM && (n == 2 || is_sym (&t[1], '\''))
           && (t[n - 1].digits == 2 || is_year (&t[n - 1])))
    {
      int last = t[n - 1].digits == 2 ? 2000 + t[n - 1].value : t[n - 1].value;
      int first_month = options != NULL ? options->fiscal_first_month : 0;
      if (!fiscal (options, first_month == 1 ? last : last - 1, text, &period, error))
        return FALSE;
      found = TRUE;
    }

  if (!found)
    {
      g_set_error (error, TR_PERIOD_ERROR, TR_PERIOD_ERROR_INVALID,
                   "found '%s'; expected a period: a year (2024), a half (H1 2024), a quarter "
                   "(Q1 2024), a month (March 2024), months (Jan-Jun 2024) or years "
                   "(2022-2024)",
                   text);
      return FALSE;
    }
  *out = period;
  if (provisional != NULL)
    *provisional = prov;
  return TRUE;
}

TrPeriod
tr_period_year (int year)
{
  return (TrPeriod){ 12 * year, 12 };
}

gboolean
tr_period_is_year (TrPeriod period, int *year)
{
  if (period.months != 12 || period.start % 12 != 0)
    return FALSE;
  if (year != NULL)
    *year = period.start / 12;
  return TRUE;
}

int
tr_period_first_year (TrPeriod period)
{
  return period.start / 12;
}

gboolean
tr_period_equal (TrPeriod a, TrPeriod b)
{
  return a.start == b.start && a.months == b.months;
}

int
tr_period_compare (const TrPeriod *a, const TrPeriod *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->months != b->months)
    return a->months < b->months ? -1 : 1;
  return 0;
}

gboolean
tr_period_contains (TrPeriod outer, TrPeriod inner)
{
  return inner.start >= outer.start
         && inner.start + inner.months <= outer.start + outer.months;
}

static int
compare_for_sort (const void *a, const void *b)
{
  return tr_period_compare (a, b);
}

gboolean
tr_period_tiles (const TrPeriod *parts, gsize n, TrPeriod whole)
{
  if (n == 0)
    return FALSE;
  g_autofree TrPeriod *sorted = g_memdup2 (parts, n * sizeof *parts);
  qsort (sorted, n, sizeof *sorted, compare_for_sort);
  gint32 next = whole.start;
  for (gsize i = 0; i < n; i++)
    {
      if (sorted[i].start != next || sorted[i].months < 1)
        return FALSE;
      next += sorted[i].months;
    }
  return next == whole.start + whole.months;
}

/* Which printed kind a period is. */
typedef enum { KIND_YEAR, KIND_YEARS, KIND_HALF, KIND_QUARTER, KIND_MONTH, KIND_RUN } Kind;

static Kind
kind_of (TrPeriod p)
{
  int month0 = p.start % 12;
  if (month0 == 0 && p.months == 12)
    return KIND_YEAR;
  if (month0 == 0 && p.months % 12 == 0)
    return KIND_YEARS;
  if (p.months == 6 && month0 % 6 == 0)
    return KIND_HALF;
  if (p.months == 3 && month0 % 3 == 0)
    return KIND_QUARTER;
  if (p.months == 1)
    return KIND_MONTH;
  return KIND_RUN;
}

char *
tr_period_to_string (TrPeriod p)
{
  int year = p.start / 12, month0 = p.start % 12;
  int last = p.start + p.months - 1;
  switch (kind_of (p))
    {
    case KIND_YEAR:
      return g_strdup_printf ("%d", year);
    case KIND_YEARS:
      return g_strdup_printf ("%d-%d", year, last / 12);
    case KIND_HALF:
      return g_strdup_printf ("%d-H%d", year, month0 / 6 + 1);
    case KIND_QUARTER:
      return g_strdup_printf ("%d-Q%d", year, month0 / 3 + 1);
    case KIND_MONTH:
      return g_strdup_printf ("%d-%02d", year, month0 + 1);
    case KIND_RUN:
    default:
      return g_strdup_printf ("%d-%02d/%d-%02d", year, month0 + 1, last / 12, last % 12 + 1);
    }
}

char *
tr_period_describe (TrPeriod p)
{
  int year = p.start / 12, month0 = p.start % 12;
  int last = p.start + p.months - 1;
  switch (kind_of (p))
    {
    case KIND_YEAR:
      return g_strdup_printf ("%d", year);
    case KIND_YEARS:
      return g_strdup_printf ("%d\u2013%d", year, last / 12);
    case KIND_HALF:
      return g_strdup_printf ("H%d %d", month0 / 6 + 1, year);
    case KIND_QUARTER:
      return g_strdup_printf ("Q%d %d", month0 / 3 + 1, year);
    case KIND_MONTH:
      return g_strdup_printf ("%s %d", month_words[month0], year);
    case KIND_RUN:
    default:
      if (last / 12 == year)
        return g_strdup_printf ("%s\u2013%s %d", month_words[month0], month_words[last % 12],
                                year);
      return g_strdup_printf ("%s %d\u2013%s %d", month_words[month0], year,
                              month_words[last % 12], last / 12);
    }
}

char *
tr_period_words (TrPeriod period, int year)
{
  return period.months != 0 ? tr_period_describe (period) : g_strdup_printf ("%d", year);
}
