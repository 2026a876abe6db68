/* statement.c — statements files: parsing with GScanner, and checking each statement on the
 * intervals of its figures. */
#include "config.h"

#include "statement.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "csvread.h"
#include "fingerprint.h"
#include "number.h"
#include "rules.h"

G_DEFINE_QUARK (tr-statement-error-quark, tr_statement_error)

static const char *const kind_names[] = { "equal", "sum", "parts", "bound",
                                          "ratio", "change", "missing" };
static const char *const status_names[] = { "holds", "fails", "not_checkable" };

const char *
tr_statement_kind_name (TrStatementKind kind)
{
  return kind_names[kind];
}

const char *
tr_statement_status_name (TrStatementStatus status)
{
  return status_names[status];
}

/* ---- Data ---------------------------------------------------------------------------------- */

static void
figure_free (gpointer data)
{
  TrStatementFigure *figure = data;
  g_free (figure->source);
  g_free (figure->printed);
  g_free (figure->subject);
  g_free (figure->measure);
  g_free (figure);
}

static void
side_clear (TrStatementSide *side)
{
  g_clear_pointer (&side->figures, g_ptr_array_unref);
  g_clear_pointer (&side->subjects, g_ptr_array_unref);
  g_clear_pointer (&side->cite_source, g_free);
}

static void
statement_free (gpointer data)
{
  TrStatement *statement = data;
  g_free (statement->id);
  g_free (statement->subject);
  side_clear (&statement->left);
  side_clear (&statement->right);
  g_free (statement);
}

void
tr_statement_file_free (TrStatementFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_ptr_array_unref (file->statements);
  g_free (file);
}

/* ---- Tokens -------------------------------------------------------------------------------- */

/* One token, with where its text starts and ends in the input (byte offsets). */
typedef struct {
  GTokenType type;
  char *text;      /* identifier or string value, else NULL */
  guint64 number;  /* G_TOKEN_INT */
  gsize start, end;
  GErrorType scan_error; /* G_TOKEN_ERROR */
} Token;

typedef struct {
  GScanner *scanner;
  const char *name;
  const char *text;
  gsize length;
  Token cur;       /* the next token, not yet taken */
  GError *error;   /* the first error */
  gsize located;   /* the offset last located (locate()), on the line and column below */
  guint located_line, located_column;
} Parser;

/* Skips white space and '#' comments from offset `at`, as the scanner does. */
static gsize
skip_blank (const Parser *p, gsize at)
{
  while (at < p->length)
    {
      char c = p->text[at];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        at++;
      else if (c == '#')
        {
          while (at < p->length && p->text[at] != '\n')
            at++;
        }
      else
        break;
    }
  return at;
}

static gboolean error_at (Parser *p, const Token *t, const char *message);

static void
advance (Parser *p)
{
  g_clear_pointer (&p->cur.text, g_free);
  gsize before = (gsize) (p->scanner->text - p->text);
  GTokenType type = g_scanner_get_next_token (p->scanner);
  Token t = { 0 };
  t.type = type;
  t.start = skip_blank (p, before);
  t.end = (gsize) (p->scanner->text - p->text);
  if (type == G_TOKEN_EOF)
    t.start = t.end = p->length;
  else if (type == G_TOKEN_IDENTIFIER || type == G_TOKEN_STRING)
    t.text = g_strdup (p->scanner->value.v_string);
  else if (type == G_TOKEN_INT)
    t.number = p->scanner->value.v_int64;
  else if (type == G_TOKEN_ERROR)
    t.scan_error = p->scanner->value.v_error;
  if (t.end < t.start)
    t.end = t.start;
  /* The file is UTF-8, but an escape in a string ("\\605") may make any byte: refused here,
   * for every later stage takes text as UTF-8. */
  if (type == G_TOKEN_STRING && !g_utf8_validate (t.text, -1, NULL))
    {
      g_autofree char *shown = g_strndup (p->text + t.start, MIN (t.end - t.start, (gsize) 40));
      g_autofree char *message
          = g_strdup_printf ("found the string %s, whose escapes make a byte that is not "
                             "UTF-8 text; expected text (write each character itself, not as "
                             "an octal or hexadecimal escape)",
                             shown);
      error_at (p, &t, message);
      g_clear_pointer (&t.text, g_free);
      t.type = G_TOKEN_ERROR;
      t.scan_error = G_ERR_UNKNOWN;
    }
  p->cur = t;
}

/* Line and column (1-based, in characters) of byte offset `at`. Offsets are asked for in
 * reading order: each count goes on from the last one (counting from the start of the file
 * each time made a file of statements quadratic to read). */
static void
locate (Parser *p, gsize at, guint *line, guint *column)
{
  if (at < p->located || p->located_line == 0)
    {
      p->located = 0;
      p->located_line = p->located_column = 1;
    }
  guint l = p->located_line, c = p->located_column;
  gsize i = p->located;
  for (; i < at && i < p->length; i++)
    {
      guchar b = (guchar) p->text[i];
      if (b == '\n')
        {
          l++;
          c = 1;
        }
      else if ((b & 0xC0) != 0x80)
        c++;
    }
  p->located = i;
  p->located_line = l;
  p->located_column = c;
  *line = l;
  *column = c;
}

/* How an error message names the token: "'['", "'\"42 596\"'", "the end of the file". */
static char *
describe (const Parser *p, const Token *t)
{
  if (t->type == G_TOKEN_EOF)
    return g_strdup ("the end of the file");
  if (t->type == G_TOKEN_ERROR && t->scan_error == G_ERR_UNEXP_EOF_IN_STRING)
    return g_strdup ("a string that is not closed");
  gsize end = t->end;
  if (end <= t->start)
    end = t->start + 1;
  /* A character outside strings: the whole UTF-8 sequence when it is one. */
  if (t->type != G_TOKEN_STRING && end == t->start + 1 && (guchar) p->text[t->start] >= 0x80)
    {
      const char *s = p->text + t->start;
      const char *next = g_utf8_find_next_char (s, p->text + p->length);
      if (next == NULL)
        next = p->text + p->length;
      if (g_utf8_validate (s, next - s, NULL))
        end = (gsize) (next - p->text);
    }
  if (end > p->length)
    end = p->length;
  gsize n = end - t->start;
  if (n > 40)
    return g_strdup_printf ("'%.40s…'", p->text + t->start);
  return g_strdup_printf ("'%.*s'", (int) n, p->text + t->start);
}

/* Records the first error, at the current token: "NAME:L:C: found X; expected WHAT". */
static gboolean
expected (Parser *p, const char *what)
{
  if (p->error == NULL)
    {
      guint line, column;
      locate (p, p->cur.start, &line, &column);
      g_autofree char *found = describe (p, &p->cur);
      g_set_error (&p->error, TR_STATEMENT_ERROR, TR_STATEMENT_ERROR_SYNTAX,
                   "%s:%u:%u: found %s; expected %s", p->name, line, column, found, what);
    }
  return FALSE;
}

/* The same, with a message of its own ("found …; expected …") at a token. */
static gboolean
error_at (Parser *p, const Token *t, const char *message)
{
  if (p->error == NULL)
    {
      guint line, column;
      locate (p, t->start, &line, &column);
      g_set_error (&p->error, TR_STATEMENT_ERROR, TR_STATEMENT_ERROR_SYNTAX, "%s:%u:%u: %s",
                   p->name, line, column, message);
    }
  return FALSE;
}

static gboolean
is_char (const Parser *p, char c)
{
  return p->cur.type == (GTokenType) (guchar) c;
}

static gboolean
take_char (Parser *p, char c, const char *what)
{
  if (!is_char (p, c))
    return expected (p, what);
  advance (p);
  return TRUE;
}

/* ---- Grammar ------------------------------------------------------------------------------- */

/* A source identity: an identifier, or a string (a user file's label). Newly allocated. */
static char *
take_source (Parser *p, const char *what)
{
  if (p->cur.type != G_TOKEN_IDENTIFIER && p->cur.type != G_TOKEN_STRING)
    {
      expected (p, what);
      return NULL;
    }
  char *source = g_steal_pointer (&p->cur.text);
  advance (p);
  return source;
}

/* '@' SOURCE ':' LINE; *at_line and *at_column say where SOURCE is written. */
static gboolean
parse_cite (Parser *p, char **source, guint *line, guint *at_line, guint *at_column)
{
  if (!take_char (p, '@', "'@'"))
    return FALSE;
  locate (p, p->cur.start, at_line, at_column);
  *source = take_source (p, "the source of the quoted figure (an identity such as com740-t6-remarks)");
  if (*source == NULL)
    return FALSE;
  if (!take_char (p, ':', "':' and the line of the source"))
    return FALSE;
  if (p->cur.type != G_TOKEN_INT || p->cur.number < 1 || p->cur.number > G_MAXUINT32)
    return expected (p, "a line number (1 or more)");
  *line = (guint) p->cur.number;
  advance (p);
  return TRUE;
}

/* A year token: 1900..2099. */
static gboolean
take_year (Parser *p, int *year)
{
  if (p->cur.type != G_TOKEN_INT || p->cur.number < TR_PERIOD_YEAR_MIN
      || p->cur.number > TR_PERIOD_YEAR_MAX)
    return expected (p, "a year from 1900 to 2099");
  *year = (int) p->cur.number;
  advance (p);
  return TRUE;
}

/* PERIOD: YEAR, YEAR '..' YEAR, YEAR '-' YEAR, or a string tr_period_parse() reads. */
static gboolean
parse_period (Parser *p, TrPeriod *out)
{
  if (p->cur.type == G_TOKEN_STRING)
    {
      Token t = p->cur;
      g_autoptr (GError) inner = NULL;
      if (!tr_period_parse (t.text, NULL, out, NULL, &inner))
        return error_at (p, &t, inner->message);
      advance (p);
      return TRUE;
    }
  int first, last;
  if (!take_year (p, &first))
    return FALSE;
  last = first;
  if (is_char (p, '.'))
    {
      advance (p);
      if (!take_char (p, '.', "'..' and the last year"))
        return FALSE;
      if (!take_year (p, &last))
        return FALSE;
    }
  else if (is_char (p, '-'))
    {
      advance (p);
      if (!take_year (p, &last))
        return FALSE;
    }
  if (last < first)
    {
      g_autofree char *message = g_strdup_printf (
          "found the span %d..%d, which ends before it starts; expected the first year first",
          first, last);
      return error_at (p, &p->cur, message);
    }
  out->start = 12 * first;
  out->months = 12 * (last - first + 1);
  return TRUE;
}

/* '[' SUBJECT ',' PERIOD ',' MEASURE ']' after a source; `star` allows '*' as subject. */
static TrStatementFigure *
parse_key (Parser *p, char *source, guint line, guint column, gboolean star)
{
  g_autoptr (GPtrArray) owner = g_ptr_array_new_with_free_func (figure_free);
  TrStatementFigure *figure = g_new0 (TrStatementFigure, 1);
  g_ptr_array_add (owner, figure);
  figure->source = source;
  figure->line = figure->source_line = line;
  figure->column = figure->source_column = column;
  if (!take_char (p, '[', "'[' and the subject, period and measure of the figure"))
    return NULL;
  if (star)
    {
      if (!take_char (p, '*', "'*' (missing(…) is about every subject)"))
        return NULL;
    }
  else if (p->cur.type == G_TOKEN_IDENTIFIER || p->cur.type == G_TOKEN_STRING)
    {
      locate (p, p->cur.start, &figure->subject_line, &figure->subject_column);
      figure->subject = g_steal_pointer (&p->cur.text);
      advance (p);
    }
  else
    {
      expected (p, star ? "a subject or '*'" : "a subject (a country or organisation)");
      return NULL;
    }
  if (!take_char (p, ',', "',' and the period"))
    return NULL;
  if (!parse_period (p, &figure->period))
    return NULL;
  if (!take_char (p, ',', "',' and the measure"))
    return NULL;
  if (p->cur.type != G_TOKEN_IDENTIFIER)
    {
      expected (p, "a measure (such as reports)");
      return NULL;
    }
  figure->measure = g_steal_pointer (&p->cur.text);
  advance (p);
  if (!take_char (p, ']', "']'"))
    return NULL;
  return g_ptr_array_steal_index (owner, 0);
}

/* Reads a printed percentage: "1,14 %", "0.5%", "+12,3 %", "-5 %", "−5 %". */
static gboolean
parse_percent (const char *text, TrInterval *out)
{
  const char *s = text;
  gboolean negative = FALSE;
  while (g_unichar_isspace (g_utf8_get_char (s)))
    s = g_utf8_next_char (s);
  gboolean sign = TRUE;
  if (*s == '+' || *s == '-')
    negative = *s++ == '-';
  else if (g_str_has_prefix (s, "\xe2\x88\x92")) /* U+2212 minus sign */
    {
      negative = TRUE;
      s += 3;
    }
  else
    sign = FALSE;
  /* "+ 6 %": a space may follow the sign. */
  while (sign && g_unichar_isspace (g_utf8_get_char (s)))
    s = g_utf8_next_char (s);
  gint64 scaled = 0;
  guint decimals = 0, digits = 0;
  gboolean in_fraction = FALSE;
  for (;; s++)
    {
      if (g_ascii_isdigit (*s))
        {
          if (digits >= 15)
            return FALSE;
          scaled = 10 * scaled + (*s - '0');
          digits++;
          if (in_fraction)
            decimals++;
        }
      else if ((*s == ',' || *s == '.') && !in_fraction && digits > 0
               && g_ascii_isdigit (s[1]))
        in_fraction = TRUE;
      else
        break;
    }
  if (digits == 0 || decimals >= TR_INTERVAL_MAX_DECIMALS)
    return FALSE;
  while (*s != '\0' && *s != '%' && g_unichar_isspace (g_utf8_get_char (s)))
    s = g_utf8_next_char (s);
  if (*s != '%' || s[1] != '\0')
    return FALSE;
  *out = tr_interval_printed_decimal (negative ? -scaled : scaled, decimals);
  return TRUE;
}

/* A quoted figure: STRING, with its own citation when '@' follows and `own_cite`. */
static TrStatementFigure *
parse_quoted (Parser *p, gboolean percent, gboolean own_cite)
{
  g_autoptr (GPtrArray) owner = g_ptr_array_new_with_free_func (figure_free);
  TrStatementFigure *figure = g_new0 (TrStatementFigure, 1);
  g_ptr_array_add (owner, figure);
  Token t = p->cur;
  figure->quoted = TRUE;
  figure->percent = percent;
  figure->printed = g_steal_pointer (&p->cur.text);
  locate (p, t.start, &figure->line, &figure->column);
  if (percent)
    {
      if (!parse_percent (figure->printed, &figure->interval))
        {
          g_autofree char *found = describe (p, &t);
          g_autofree char *message = g_strdup_printf (
              "found %s; expected a printed percentage such as \"1,14 %%\"", found);
          error_at (p, &t, message);
          return NULL;
        }
    }
  else
    {
      g_autoptr (GError) inner = NULL;
      if (!tr_number_parse (figure->printed, &figure->value, &inner))
        {
          error_at (p, &t, inner->message);
          return NULL;
        }
      if (!figure->value.present)
        {
          g_autofree char *found = describe (p, &t);
          g_autofree char *message = g_strdup_printf (
              "found %s, a missing marker; expected a figure (a statement about a figure that "
              "is not given is missing(…))", found);
          error_at (p, &t, message);
          return NULL;
        }
      figure->interval = tr_value_interval (&figure->value);
    }
  advance (p);
  if (own_cite && is_char (p, '@'))
    if (!parse_cite (p, &figure->source, &figure->cited_line, &figure->source_line,
                     &figure->source_column))
      return NULL;
  return g_ptr_array_steal_index (owner, 0);
}

/* A figure: SOURCE[KEY] or a quoted figure. */
static TrStatementFigure *
parse_figure (Parser *p, gboolean percent)
{
  guint line, column;
  locate (p, p->cur.start, &line, &column);
  if (p->cur.type == G_TOKEN_STRING)
    {
      /* A string before '[' is a source's label; otherwise a quoted figure. The scanner
       * reads one token at a time, so look at the character after the string. */
      gsize after = skip_blank (p, p->cur.end);
      if (after < p->length && p->text[after] == '[')
        {
          char *source = take_source (p, "a source");
          return parse_key (p, source, line, column, FALSE);
        }
      return parse_quoted (p, percent, TRUE);
    }
  if (p->cur.type == G_TOKEN_IDENTIFIER)
    {
      char *source = take_source (p, "a source");
      return parse_key (p, source, line, column, FALSE);
    }
  expected (p, percent ? "a printed percentage in quotes (\"1,14 %\") or a table's percentage "
                         "SOURCE[SUBJECT, PERIOD, MEASURE]"
                       : "a figure: SOURCE[SUBJECT, PERIOD, MEASURE] or a quoted figure "
                         "(\"42 596\" @ SOURCE:LINE)");
  return NULL;
}

/* ( figure {, figure} ) with exactly `n` figures, or at least one when n is 0. */
static gboolean
parse_arguments (Parser *p, GPtrArray *figures, guint n, const char *function)
{
  if (!take_char (p, '(', "'('"))
    return FALSE;
  for (;;)
    {
      TrStatementFigure *figure = parse_figure (p, FALSE);
      if (figure == NULL)
        return FALSE;
      g_ptr_array_add (figures, figure);
      if (is_char (p, ',') && (n == 0 || figures->len < n))
        {
          advance (p);
          continue;
        }
      if (n != 0 && figures->len < n)
        {
          g_autofree char *what = g_strdup_printf ("',' and the second figure of %s(…)",
                                                   function);
          return expected (p, what);
        }
      return take_char (p, ')', n != 0 ? "')' (two figures only)" : "',' or ')'");
    }
}

/* Gives every quoted figure of `side` without a citation the side's own ('@' after it). */
static gboolean
cite_side (Parser *p, TrStatementSide *side)
{
  gboolean uncited = FALSE;
  for (guint i = 0; i < side->figures->len; i++)
    {
      TrStatementFigure *f = g_ptr_array_index (side->figures, i);
      uncited |= f->quoted && f->source == NULL;
    }
  if (!uncited && !(side->kind == TR_SIDE_SET && is_char (p, '@')))
    return TRUE;
  if (!is_char (p, '@'))
    return expected (p, "'@ SOURCE:LINE', the source of the quoted figures");
  char *source = NULL;
  guint line = 0, at_line = 0, at_column = 0;
  if (!parse_cite (p, &source, &line, &at_line, &at_column))
    {
      g_free (source);
      return FALSE;
    }
  if (side->kind == TR_SIDE_SET)
    {
      side->cite_source = source;
      side->cite_line = line;
      side->cite_source_line = at_line;
      side->cite_source_column = at_column;
      return TRUE;
    }
  for (guint i = 0; i < side->figures->len; i++)
    {
      TrStatementFigure *f = g_ptr_array_index (side->figures, i);
      if (f->quoted && f->source == NULL)
        {
          f->source = g_strdup (source);
          f->cited_line = line;
          f->source_line = at_line;
          f->source_column = at_column;
        }
    }
  g_free (source);
  return TRUE;
}

/* What the right side of a statement may be, given its left side. */
typedef enum {
  RIGHT_FIGURE,  /* a figure or a sum */
  RIGHT_PERCENT, /* a printed percentage */
  RIGHT_SET,     /* a set of subjects */
} RightKind;

static gboolean
parse_side (Parser *p, TrStatementSide *side, gboolean left, RightKind right)
{
  side->figures = g_ptr_array_new_with_free_func (figure_free);
  if (!left && right == RIGHT_SET)
    {
      side->kind = TR_SIDE_SET;
      side->subjects = g_ptr_array_new_with_free_func (g_free);
      if (!take_char (p, '{', "'{' and the subjects said to have no figure"))
        return FALSE;
      while (!is_char (p, '}'))
        {
          if (p->cur.type != G_TOKEN_IDENTIFIER && p->cur.type != G_TOKEN_STRING)
            return expected (p, side->subjects->len == 0 ? "a subject or '}'"
                                                         : "a subject");
          g_ptr_array_add (side->subjects, g_steal_pointer (&p->cur.text));
          advance (p);
          if (is_char (p, ','))
            advance (p);
          else if (!is_char (p, '}'))
            return expected (p, "',' or '}'");
        }
      advance (p);
      return cite_side (p, side);
    }
  if (!left && right == RIGHT_PERCENT)
    {
      side->kind = TR_SIDE_FIGURE;
      TrStatementFigure *figure = parse_figure (p, TRUE);
      if (figure == NULL)
        return FALSE;
      g_ptr_array_add (side->figures, figure);
      return cite_side (p, side);
    }
  if (p->cur.type == G_TOKEN_IDENTIFIER)
    {
      const char *word = p->cur.text;
      gsize after = skip_blank (p, p->cur.end);
      gboolean call = after < p->length && p->text[after] == '(';
      if (call && strcmp (word, "sum") == 0)
        {
          side->kind = TR_SIDE_SUM;
          advance (p);
          if (!parse_arguments (p, side->figures, 0, "sum"))
            return FALSE;
          return cite_side (p, side);
        }
      if (call && left && (strcmp (word, "ratio") == 0 || strcmp (word, "change") == 0))
        {
          side->kind = strcmp (word, "ratio") == 0 ? TR_SIDE_RATIO : TR_SIDE_CHANGE;
          g_autofree char *function = g_strdup (word);
          advance (p);
          if (!parse_arguments (p, side->figures, 2, function))
            return FALSE;
          return cite_side (p, side);
        }
      if (call && left && (strcmp (word, "missing") == 0 || strcmp (word, "none") == 0))
        {
          side->kind = TR_SIDE_MISSING;
          side->none = strcmp (word, "none") == 0;
          advance (p);
          if (!take_char (p, '(', "'('"))
            return FALSE;
          /* One key, or several of one period: the subjects lacking a figure in any of them
           * (a sentence about every statistic of a report at once). */
          for (;;)
            {
              guint line, column;
              locate (p, p->cur.start, &line, &column);
              Token key_start = p->cur;
              key_start.text = NULL;
              char *source = take_source (p, "a source");
              if (source == NULL)
                return FALSE;
              TrStatementFigure *key = parse_key (p, source, line, column, TRUE);
              if (key == NULL)
                return FALSE;
              g_ptr_array_add (side->figures, key);
              const TrStatementFigure *first = g_ptr_array_index (side->figures, 0);
              if (key->period.start != first->period.start
                  || key->period.months != first->period.months)
                {
                  g_autofree char *theirs = tr_period_describe (key->period);
                  g_autofree char *ours = tr_period_describe (first->period);
                  g_autofree char *message = g_strdup_printf (
                      "found a key for %s; expected one for %s, the period of the first key",
                      theirs, ours);
                  return error_at (p, &key_start, message);
                }
              if (!is_char (p, ','))
                break;
              advance (p);
            }
          return take_char (p, ')', "')'");
        }
    }
  side->kind = TR_SIDE_FIGURE;
  TrStatementFigure *figure = parse_figure (p, FALSE);
  if (figure == NULL)
    return FALSE;
  g_ptr_array_add (side->figures, figure);
  return cite_side (p, side);
}

static gboolean
parse_relation (Parser *p, TrRelation *relation)
{
  Token first = p->cur;
  if (is_char (p, '='))
    {
      advance (p);
      *relation = TR_RELATION_EQUAL;
      return TRUE;
    }
  if (is_char (p, '<') || is_char (p, '>'))
    {
      gboolean less = is_char (p, '<');
      advance (p);
      if (is_char (p, '=') && p->cur.start == first.end)
        {
          advance (p);
          *relation = less ? TR_RELATION_AT_MOST : TR_RELATION_AT_LEAST;
          return TRUE;
        }
      return error_at (p, &first, less ? "found '<'; expected '=', '<=' or '>='"
                                       : "found '>'; expected '=', '<=' or '>='");
    }
  return expected (p, "'=', '<=' or '>='");
}

static TrStatement *
parse_statement (Parser *p, GHashTable *ids)
{
  g_autoptr (GPtrArray) owner = g_ptr_array_new_with_free_func (statement_free);
  TrStatement *s = g_new0 (TrStatement, 1);
  g_ptr_array_add (owner, s);
  s->file = p->name;
  if (p->cur.type != G_TOKEN_IDENTIFIER)
    {
      expected (p, "a statement: ID ':' and a side");
      return NULL;
    }
  Token id = p->cur;
  locate (p, id.start, &s->line, &s->column);
  s->id = g_steal_pointer (&p->cur.text);
  if (g_hash_table_contains (ids, s->id))
    {
      g_autofree char *message = g_strdup_printf (
          "found '%s', an id given to an earlier statement; expected a new id", s->id);
      error_at (p, &id, message);
      return NULL;
    }
  advance (p);
  if (is_char (p, '('))
    {
      advance (p);
      if (p->cur.type != G_TOKEN_IDENTIFIER && p->cur.type != G_TOKEN_STRING)
        {
          expected (p, "the subject the statement is about");
          return NULL;
        }
      locate (p, p->cur.start, &s->subject_line, &s->subject_column);
      s->subject = g_steal_pointer (&p->cur.text);
      advance (p);
      if (!take_char (p, ',', "',' and the period the statement is about"))
        return NULL;
      if (!parse_period (p, &s->period))
        return NULL;
      if (!take_char (p, ')', "')'"))
        return NULL;
    }
  if (!take_char (p, ':', s->subject != NULL ? "':' after the statement's subject and period"
                                               : "':' after the statement's id"))
    return NULL;
  if (!parse_side (p, &s->left, TRUE, RIGHT_FIGURE))
    return NULL;
  Token relation_token = p->cur;
  if (!parse_relation (p, &s->relation))
    return NULL;

  TrSideKind lk = s->left.kind;
  gboolean special = lk == TR_SIDE_RATIO || lk == TR_SIDE_CHANGE || lk == TR_SIDE_MISSING;
  if (special && s->relation != TR_RELATION_EQUAL)
    {
      const char *what = lk == TR_SIDE_RATIO ? "ratio" : lk == TR_SIDE_CHANGE ? "change" : "missing";
      g_autofree char *message = g_strdup_printf (
          "found '%s' after %s(…); expected '='",
          s->relation == TR_RELATION_AT_MOST ? "<=" : ">=", what);
      error_at (p, &relation_token, message);
      return NULL;
    }
  RightKind right = lk == TR_SIDE_MISSING                            ? RIGHT_SET
                    : (lk == TR_SIDE_RATIO || lk == TR_SIDE_CHANGE) ? RIGHT_PERCENT
                                                                     : RIGHT_FIGURE;
  if (!parse_side (p, &s->right, FALSE, right))
    return NULL;

  TrSideKind rk = s->right.kind;
  switch (lk)
    {
    case TR_SIDE_RATIO:
      s->kind = TR_STATEMENT_RATIO;
      break;
    case TR_SIDE_CHANGE:
      s->kind = TR_STATEMENT_CHANGE;
      break;
    case TR_SIDE_MISSING:
      s->kind = TR_STATEMENT_MISSING;
      break;
    default:
      if (lk == TR_SIDE_SUM && s->left.figures->len > 1)
        s->kind = s->relation == TR_RELATION_EQUAL     ? TR_STATEMENT_SUM
                  : s->relation == TR_RELATION_AT_MOST ? TR_STATEMENT_PARTS
                                                       : TR_STATEMENT_BOUND;
      else if (rk == TR_SIDE_SUM && s->right.figures->len > 1)
        s->kind = s->relation == TR_RELATION_EQUAL      ? TR_STATEMENT_SUM
                  : s->relation == TR_RELATION_AT_LEAST ? TR_STATEMENT_PARTS
                                                        : TR_STATEMENT_BOUND;
      else
        s->kind = s->relation == TR_RELATION_EQUAL ? TR_STATEMENT_EQUAL : TR_STATEMENT_BOUND;
      break;
    }
  g_hash_table_add (ids, s->id);
  return g_ptr_array_steal_index (owner, 0);
}

static GScannerConfig
scanner_config (void)
{
  GScannerConfig c = { 0 };
  c.cset_skip_characters = (char *) " \t\n\r";
  c.cset_identifier_first = (char *) G_CSET_a_2_z G_CSET_A_2_Z "_";
  c.cset_identifier_nth = (char *) G_CSET_a_2_z G_CSET_A_2_Z "_-.0123456789";
  c.cpair_comment_single = (char *) "#\n";
  c.case_sensitive = TRUE;
  c.skip_comment_multi = TRUE;
  c.skip_comment_single = TRUE;
  c.scan_comment_multi = FALSE;
  c.scan_identifier = TRUE;
  c.scan_identifier_1char = TRUE;
  c.scan_identifier_NULL = FALSE;
  c.scan_symbols = FALSE;
  c.scan_binary = FALSE;
  c.scan_octal = FALSE;
  c.scan_float = FALSE;
  c.scan_hex = FALSE;
  c.scan_hex_dollar = FALSE;
  c.scan_string_sq = FALSE;
  c.scan_string_dq = TRUE;
  c.numbers_2_int = TRUE;
  c.int_2_float = FALSE;
  c.identifier_2_string = FALSE;
  c.char_2_token = TRUE;
  c.symbol_2_token = FALSE;
  c.scope_0_fallback = FALSE;
  c.store_int64 = TRUE;
  return c;
}

TrStatementFile *
tr_statement_file_parse (const char *name, const char *text, gssize length, GError **error)
{
  g_return_val_if_fail (name != NULL && text != NULL, NULL);
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  g_autoptr (TrStatementFile) file = g_new0 (TrStatementFile, 1);
  file->path = g_strdup (name);
  file->statements = g_ptr_array_new_with_free_func (statement_free);

  Parser p = { 0 };
  p.name = file->path;
  p.text = text;
  p.length = n;
  const char *nul = memchr (text, '\0', n);
  if (nul != NULL)
    {
      guint line, column;
      locate (&p, (gsize) (nul - text), &line, &column);
      g_set_error (error, TR_STATEMENT_ERROR, TR_STATEMENT_ERROR_SYNTAX,
                   "%s:%u:%u: found a NUL byte; expected text", name, line, column);
      return NULL;
    }
  if (!g_utf8_validate (text, (gssize) n, NULL))
    {
      const char *bad = NULL;
      g_utf8_validate (text, (gssize) n, &bad);
      guint line, column;
      locate (&p, (gsize) (bad - text), &line, &column);
      g_set_error (error, TR_STATEMENT_ERROR, TR_STATEMENT_ERROR_SYNTAX,
                   "%s:%u:%u: found the byte 0x%02X, which is not UTF-8; expected UTF-8 text",
                   name, line, column, (guchar) *bad);
      return NULL;
    }
  GScannerConfig config = scanner_config ();
  p.scanner = g_scanner_new (&config);
  p.scanner->input_name = name;
  g_scanner_input_text (p.scanner, text, (guint) MIN (n, G_MAXUINT));
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  advance (&p);
  while (p.cur.type != G_TOKEN_EOF)
    {
      TrStatement *s = parse_statement (&p, ids);
      if (s == NULL)
        break;
      g_ptr_array_add (file->statements, s);
    }
  g_free (p.cur.text);
  g_scanner_destroy (p.scanner);
  if (p.error != NULL)
    {
      g_propagate_error (error, p.error);
      return NULL;
    }
  /* Statements borrow the file's name. */
  for (guint i = 0; i < file->statements->len; i++)
    ((TrStatement *) g_ptr_array_index (file->statements, i))->file = file->path;
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *identity = g_strconcat ("user:", base, NULL);
  tr_statement_file_set_identity (file, identity);
  return g_steal_pointer (&file);
}

void
tr_statement_file_set_identity (TrStatementFile *file, const char *identity)
{
  const char *interned = g_intern_string (identity);
  for (guint i = 0; i < file->statements->len; i++)
    ((TrStatement *) g_ptr_array_index (file->statements, i))->identity = interned;
}

static const TrSource *
lookup_source (const TrCatalogue *catalogue, const char *identity)
{
  const TrSource *source = tr_catalogue_get (catalogue, identity);
  if (source == NULL)
    {
      g_autofree char *user = g_strconcat ("user:", identity, NULL);
      source = tr_catalogue_get (catalogue, user);
    }
  return source;
}

static gboolean
unknown (const TrStatementFile *file, guint line, guint column, const char *found,
         const char *what, GError **error)
{
  g_set_error (error, TR_STATEMENT_ERROR, TR_STATEMENT_ERROR_SYNTAX,
               "%s:%u:%u: found '%s'; expected %s", file->path, line, column, found, what);
  return FALSE;
}

gboolean
tr_statement_file_resolve (const TrStatementFile *file, const TrCatalogue *catalogue,
                           const TrCountryTable *countries, GError **error)
{
  static const char source_words[]
      = "a source of the catalogue (data/sources.ini, such as com740-t7) or a user's file "
        "label";
  for (guint i = 0; i < file->statements->len; i++)
    {
      const TrStatement *s = g_ptr_array_index (file->statements, i);
      if (s->subject != NULL && tr_country_table_lookup (countries, s->subject) == NULL)
        return unknown (file, s->subject_line, s->subject_column, s->subject,
                        "a country or organisation (a code, a name or an alias)", error);
      const TrStatementSide *sides[] = { &s->left, &s->right };
      for (gsize k = 0; k < 2; k++)
        {
          const TrStatementSide *side = sides[k];
          for (guint j = 0; j < side->figures->len; j++)
            {
              const TrStatementFigure *f = g_ptr_array_index (side->figures, j);
              if (f->source != NULL && lookup_source (catalogue, f->source) == NULL)
                return unknown (file, f->source_line, f->source_column, f->source,
                                source_words, error);
              if (f->subject != NULL && tr_country_table_lookup (countries, f->subject) == NULL)
                return unknown (file, f->subject_line, f->subject_column, f->subject,
                                "a country or organisation (a code, a name or an alias)",
                                error);
            }
          if (side->cite_source != NULL && lookup_source (catalogue, side->cite_source) == NULL)
            return unknown (file, side->cite_source_line, side->cite_source_column,
                            side->cite_source, source_words, error);
          for (guint j = 0; side->subjects != NULL && j < side->subjects->len; j++)
            {
              const char *label = g_ptr_array_index (side->subjects, j);
              if (tr_country_table_lookup (countries, label) == NULL)
                return unknown (file, s->line, s->column, label,
                                "a country or organisation in the set", error);
            }
        }
    }
  return TRUE;
}

TrStatementFile *
tr_statement_file_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize n = 0;
  g_autoptr (GError) inner = NULL;
  /* A statements file is a small text file: a device (/dev/zero) or a file past the input
   * limit is refused before reading. */
  GStatBuf st;
  if (g_stat (path, &st) == 0 && (!S_ISREG (st.st_mode) || (gsize) st.st_size > TR_CSV_MAX_BYTES))
    {
      g_set_error (error, TR_STATEMENT_ERROR, TR_STATEMENT_ERROR_FILE,
                   S_ISREG (st.st_mode) ? "%s: found a file of more than 64 MiB; expected a "
                                          "statements file"
                                        : "%s: found a directory or device; expected a "
                                          "statements file",
                   path);
      return NULL;
    }
  if (!g_file_get_contents (path, &text, &n, &inner))
    {
      g_set_error (error, TR_STATEMENT_ERROR, TR_STATEMENT_ERROR_FILE, "%s: %s", path,
                   inner->message);
      return NULL;
    }
  return tr_statement_file_parse (path, text, (gssize) n, error);
}

/* ---- Checking ------------------------------------------------------------------------------ */

typedef struct {
  const TrDataset *dataset;
  const TrCountryTable *countries;
  const TrCatalogue *catalogue;
  TrStatementResult *result;
  GString *why_not;       /* the first reason the statement cannot be checked */
} Check;

/* The value of a side: its interval, and what a sentence prints for it. */
typedef struct {
  TrInterval interval;
  gint64 point;           /* sum of the printed counts */
  gboolean approximate, more, less;
  guint n;                /* figures added */
  char percent[40];       /* a table's percentage as a sentence writes it ("1.14 %"), or "" */
  guint decimals;         /* ... and the decimals it was printed with */
} Eval;

void
tr_statement_result_free (TrStatementResult *result)
{
  if (result == NULL)
    return;
  g_free (result->sentence);
  for (guint i = 0; i < result->figures->len; i++)
    g_free (g_array_index (result->figures, TrCheckedFigure, i).printed);
  g_array_unref (result->figures);
  g_free (result);
}

static const TrSource *lookup_source (const TrCatalogue *catalogue, const char *identity);

static const TrSource *
resolve (const Check *c, const char *identity)
{
  return lookup_source (c->catalogue, identity);
}

static const char *
citation (const Check *c, const char *identity)
{
  const TrSource *s = resolve (c, identity);
  return s != NULL ? s->citation : identity;
}

static void
not_checkable (Check *c, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
not_checkable (Check *c, const char *format, ...)
{
  if (c->why_not != NULL)
    return;
  va_list args;
  va_start (args, format);
  c->why_not = g_string_new (NULL);
  g_string_vprintf (c->why_not, format, args);
  va_end (args);
}

static char *
count_words (gint64 n, gboolean approximate, gboolean more, gboolean less)
{
  char buf[40];
  tr_format_count (n, buf, sizeof buf);
  const char *prefix = more && !less ? "more than " : less && !more ? "less than "
                       : approximate || (more && less) ? "about " : "";
  return g_strconcat (prefix, buf, NULL);
}

static void
eval_add (Eval *e, TrInterval interval, const TrValue *value)
{
  e->interval = e->n == 0 ? interval : tr_interval_add (e->interval, interval);
  e->point += value->count;
  e->approximate |= value->qualifier == TR_QUALIFIER_APPROXIMATE;
  e->more |= value->qualifier == TR_QUALIFIER_LOWER_BOUND;
  e->less |= value->qualifier == TR_QUALIFIER_UPPER_BOUND;
  e->n++;
}

static const char *
subject_name (const TrCountry *subject)
{
  return subject->name_en != NULL && *subject->name_en != '\0' ? subject->name_en
                                                                : subject->code;
}

static gboolean
observation_matches (const TrObservation *o, const TrSource *s)
{
  return o != NULL && o->origin == s;
}

/* ---- What a table says by its own layout -------------------------------------------------- */

static TrStatementFigure *
table_figure (const TrObservation *o, TrPeriod period)
{
  TrStatementFigure *f = g_new0 (TrStatementFigure, 1);
  f->source = g_strdup (o->origin->identity);
  f->subject = g_strdup (o->country->code);
  f->period = period;
  f->measure = g_strdup (o->measure);
  f->line = f->source_line = f->subject_line = o->where.line;
  f->column = f->source_column = f->subject_column = o->where.column;
  return f;
}

TrStatementFile *
tr_statement_file_of_periods (const TrDataset *dataset)
{
  TrStatementFile *file = g_new0 (TrStatementFile, 1);
  file->path = g_strdup ("the tables' own totals");
  file->statements = g_ptr_array_new_with_free_func (statement_free);
  for (guint i = 0; i < dataset->n_observations; i++)
    {
      const TrObservation *o = tr_dataset_observation (dataset, i);
      TrPeriod p = o->period;
      if (o->country == NULL || o->origin == NULL || !o->value.present || p.start % 12 != 0
          || p.months % 12 != 0 || p.months == 12)
        continue;
      /* Only when the table prints a figure for every year of the span. */
      int first = p.start / 12, years = p.months / 12;
      gboolean all = TRUE;
      for (int y = first; y < first + years && all; y++)
        {
          const TrObservation *one
              = tr_dataset_find (dataset, o->source, o->country->code, y, o->measure);
          all = one != NULL && one->origin == o->origin
                && one->value.missing != TR_MISSING_OTHER_PERIOD;
        }
      if (!all)
        continue;
      TrStatement *s = g_new0 (TrStatement, 1);
      g_autofree char *span = tr_period_to_string (p);
      s->id = g_strdup_printf ("%s-%s-%s", o->country->code, span, o->measure);
      s->kind = TR_STATEMENT_SUM;
      s->relation = TR_RELATION_EQUAL;
      s->left.kind = TR_SIDE_SUM;
      s->left.figures = g_ptr_array_new_with_free_func (figure_free);
      for (int y = first; y < first + years; y++)
        g_ptr_array_add (s->left.figures, table_figure (o, tr_period_year (y)));
      s->right.kind = TR_SIDE_FIGURE;
      s->right.figures = g_ptr_array_new_with_free_func (figure_free);
      g_ptr_array_add (s->right.figures, table_figure (o, p));
      s->period = p;
      s->file = o->where.file;
      s->identity = tr_fingerprint_identity (o->origin);
      s->line = o->where.line;
      s->column = o->where.column;
      g_ptr_array_add (file->statements, s);
    }
  return file;
}

/* Adds the present observation `o` of `subject`, read from `s`, to `e` and, as `checked`
 * says it, to the result's figures. `percent`: it must be a percentage (the right side of
 * ratio(…) or change(…)), else a count; the other unit makes the statement not checkable
 * (FALSE). A statement is about its first dataset figure, or about the table's percentage
 * that its ratio or change is said to print. */
static gboolean
add_dataset_figure (Check *c, Eval *e, TrCheckedFigure *checked, const TrSource *s,
                    const TrCountry *subject, const TrObservation *o, gboolean percent)
{
  if ((o->value.unit == TR_UNIT_PERCENT) != percent)
    {
      g_autofree char *measure = tr_measure_words (o->measure);
      g_autofree char *period = tr_period_describe (o->period);
      not_checkable (c, "%s gives the %s for %s in %s as a %s, not a %s", s->citation, measure,
                     subject_name (subject), period, percent ? "count" : "percentage",
                     percent ? "percentage" : "count");
      return FALSE;
    }
  if (percent)
    {
      char digits[32];
      checked->printed
          = g_strconcat (tr_value_digits (&o->value, digits, sizeof digits), " %", NULL);
      g_strlcpy (e->percent, checked->printed, sizeof e->percent);
      e->decimals = TR_PERCENT_SCALE;
      for (gint64 p = MAX (o->value.precision, 1); p >= 10 && e->decimals > 0; p /= 10)
        e->decimals--;
    }
  else
    checked->printed = count_words (o->value.count,
                                    o->value.qualifier == TR_QUALIFIER_APPROXIMATE,
                                    o->value.qualifier == TR_QUALIFIER_LOWER_BOUND,
                                    o->value.qualifier == TR_QUALIFIER_UPPER_BOUND);
  checked->subject = subject->code;
  checked->period = o->period;
  checked->measure = o->measure;
  checked->where = o->where;
  g_array_append_val (c->result->figures, *checked);
  eval_add (e, tr_value_interval (&o->value), &o->value);
  if (c->result->subject == NULL || percent)
    {
      c->result->subject = subject;
      c->result->year = tr_period_first_year (o->period);
      c->result->period = o->period;
      c->result->measure = o->measure;
    }
  return TRUE;
}

/* Adds one figure of the statement to `e` and to the result's figures. `percent`: the figure
 * must be a percentage (the right side of ratio(…) or change(…)); otherwise a count. A
 * dataset figure of the other unit makes the statement not checkable: a table's percentage
 * is never added or compared as a count. */
static void
eval_figure (Check *c, const TrStatementFigure *f, const char *role, gboolean percent, Eval *e)
{
  TrCheckedFigure checked = { 0 };
  checked.role = role;
  checked.citation = citation (c, f->source);
  checked.quoted = f->quoted;
  if (f->quoted)
    {
      checked.where.file = checked.citation;
      checked.where.line = f->cited_line;
      if (f->percent)
        checked.printed = g_strdup (f->printed);
      else
        {
          checked.printed = count_words (f->value.count,
                                         f->value.qualifier == TR_QUALIFIER_APPROXIMATE,
                                         f->value.qualifier == TR_QUALIFIER_LOWER_BOUND,
                                         f->value.qualifier == TR_QUALIFIER_UPPER_BOUND);
          eval_add (e, f->interval, &f->value);
        }
      g_array_append_val (c->result->figures, checked);
      return;
    }
  const TrSource *s = resolve (c, f->source);
  if (s == NULL)
    {
      not_checkable (c, "no source %s was read", f->source);
      return;
    }
  if (s->series == NULL)
    {
      not_checkable (c, "%s is not a table of figures; quote its figure instead", s->citation);
      return;
    }
  const TrCountry *subject = tr_country_table_lookup (c->countries, f->subject);
  if (subject == NULL)
    {
      not_checkable (c, "%s names no country or organisation", f->subject);
      return;
    }
  g_autofree char *period = tr_period_describe (f->period);
  g_autofree char *measure = tr_measure_words (f->measure);
  /* A figure the source prints for the period itself (a quarter, a span of years, a fiscal
   * year) is that figure; a run of whole years the source does not print is the sum of its
   * yearly figures. */
  const TrObservation *own
      = tr_period_is_year (f->period, NULL)
            ? NULL
            : tr_dataset_find_period (c->dataset, s->series, subject->code, f->period,
                                      f->measure);
  if (observation_matches (own, s))
    {
      if (!own->value.present)
        {
          g_autofree char *reason
              = g_strdelimit (g_strdup (tr_missing_name (own->value.missing)), "_", ' ');
          not_checkable (c, "%s gives no %s figure for %s in %s (%s)", s->citation, measure,
                         subject_name (subject), period, reason);
          return;
        }
      add_dataset_figure (c, e, &checked, s, subject, own, percent);
      return;
    }
  if (f->period.start % 12 != 0 || f->period.months % 12 != 0)
    {
      not_checkable (c, "%s gives yearly figures, and no run of whole years covers %s",
                     s->citation, period);
      return;
    }
  int first = f->period.start / 12, years = f->period.months / 12;
  if (percent && years != 1)
    {
      not_checkable (c, "%s gives percentages, which do not add up over %s", s->citation,
                     period);
      return;
    }
  g_autofree TrPeriod *parts = g_new0 (TrPeriod, years);
  for (int i = 0; i < years; i++)
    {
      const TrObservation *o
          = tr_dataset_find (c->dataset, s->series, subject->code, first + i, f->measure);
      if (!observation_matches (o, s))
        o = NULL;
      if (o == NULL || !o->value.present)
        {
          g_autofree char *reason
              = o == NULL ? g_strdup ("")
                          : g_strdelimit (g_strdup_printf (" (%s)",
                                                           tr_missing_name (o->value.missing)),
                                          "_", ' ');
          not_checkable (c, "%s gives no %s figure for %s in %d%s", s->citation, measure,
                         subject_name (subject), first + i, reason);
          return;
        }
      parts[i] = o->period;
      if (!add_dataset_figure (c, e, &checked, s, subject, o, percent))
        return;
    }
  /* Yearly figures, one for each year of the span: they tile it by construction; the check
   * stays for when the dataset holds other runs of months. */
  if (!tr_period_tiles (parts, (gsize) years, f->period))
    not_checkable (c, "the figures of %s do not cover %s exactly", s->citation, period);
}

static Eval
eval_side (Check *c, const TrStatementSide *side, const char *role, gboolean percent)
{
  Eval e = { 0 };
  for (guint i = 0; i < side->figures->len; i++)
    {
      Eval one = { 0 };
      eval_figure (c, g_ptr_array_index (side->figures, i), role, percent, &one);
      if (one.n == 0)
        continue;
      if (e.n == 0)
        e = one;
      else
        {
          e.interval = tr_interval_add (e.interval, one.interval);
          e.point += one.point;
          e.approximate |= one.approximate;
          e.more |= one.more;
          e.less |= one.less;
          e.n += one.n;
        }
    }
  return e;
}

static const char *
number_word (guint n)
{
  static const char *const words[] = { "no",    "one",   "two",   "three", "four", "five",
                                       "six",   "seven", "eight", "nine",  "ten",  "eleven",
                                       "twelve" };
  return n < G_N_ELEMENTS (words) ? words[n] : NULL;
}

static void
append_number_word (GString *out, guint n)
{
  const char *word = number_word (n);
  if (word != NULL)
    g_string_append (out, word);
  else
    g_string_append_printf (out, "%u", n);
}

/* The first dataset figure of a statement: what a quoted figure is about. */
static const TrStatementFigure *
context_figure (const TrStatement *s)
{
  const TrStatementSide *sides[] = { &s->left, &s->right };
  for (gsize i = 0; i < 2; i++)
    for (guint j = 0; j < sides[i]->figures->len; j++)
      {
        const TrStatementFigure *f = g_ptr_array_index (sides[i]->figures, j);
        if (!f->quoted)
          return f;
      }
  return NULL;
}

guint
tr_statement_file_add_quoted (const TrStatementFile *file, TrDataset *dataset,
                              const TrCatalogue *catalogue, const TrCountryTable *countries)
{
  guint added = 0;
  for (guint i = 0; i < file->statements->len; i++)
    {
      const TrStatement *s = g_ptr_array_index (file->statements, i);
      const TrStatementFigure *context = context_figure (s);
      const TrCountry *subject
          = context != NULL ? tr_country_table_lookup (countries, context->subject) : NULL;
      if (subject == NULL || s->kind == TR_STATEMENT_RATIO || s->kind == TR_STATEMENT_CHANGE)
        continue;
      const TrStatementSide *sides[] = { &s->left, &s->right };
      for (gsize k = 0; k < G_N_ELEMENTS (sides); k++)
        {
          if (sides[k]->kind != TR_SIDE_FIGURE)
            continue;
          const TrStatementFigure *f = g_ptr_array_index (sides[k]->figures, 0);
          const TrSource *source = lookup_source (catalogue, f->source);
          /* A table that is read gives its figures itself. */
          if (!f->quoted || f->percent || source == NULL || source->series != NULL)
            continue;
          TrObservation obs = { .source = source->identity, .country = subject,
                                .period = context->period, .measure = context->measure,
                                .origin = source, .value = f->value,
                                .where = { source->citation, f->cited_line, 0 } };
          /* A figure quoted twice for one key is listed once (the statements compare them). */
          if (tr_dataset_find_period (dataset, obs.source, subject->code, obs.period,
                                      obs.measure)
              != NULL)
            continue;
          if (tr_dataset_add (dataset, &obs, NULL, 0, NULL))
            added++;
        }
    }
  return added;
}

/* "{measure} for {Subject} in {period}" of a dataset figure. */
static void
append_key (Check *c, GString *out, const TrStatementFigure *f)
{
  g_autofree char *measure = tr_measure_words (f->measure);
  g_autofree char *period = tr_period_describe (f->period);
  const TrCountry *subject = tr_country_table_lookup (c->countries, f->subject);
  g_string_append_printf (out, "%s for %s in %s", measure,
                          subject != NULL ? subject_name (subject) : f->subject, period);
}

/* One figure in words: "COM(2025) 740, Table 6 gives 22 580 reports for Czechia in 2024",
 * "the three yearly figures of … add up to 80 347 reports", "… (line 288) says 42 596". */
static void
append_figure (Check *c, GString *out, const TrStatementFigure *f, const Eval *e,
               const TrStatementFigure *context)
{
  g_autofree char *value = count_words (e->point, e->approximate, e->more, e->less);
  const char *cite = citation (c, f->source);
  if (f->quoted)
    {
      g_string_append_printf (out, "%s (line %u) says %s", cite, f->cited_line, value);
      if (context != NULL)
        {
          g_string_append_c (out, ' ');
          append_key (c, out, context);
        }
      return;
    }
  g_autofree char *measure = tr_measure_words (f->measure);
  const TrCountry *subject = tr_country_table_lookup (c->countries, f->subject);
  g_autofree char *period = tr_period_describe (f->period);
  /* A year, or a period the source prints a figure for ("2022-2024" beside its years). */
  const TrSource *s = resolve (c, f->source);
  const TrCountry *printed_subject = s != NULL && s->series != NULL ? subject : NULL;
  if (f->period.months == 12
      || (printed_subject != NULL
          && observation_matches (tr_dataset_find_period (c->dataset, s->series,
                                                          printed_subject->code, f->period,
                                                          f->measure),
                                  s)))
    {
      g_string_append_printf (out, "%s gives %s ", cite, value);
      append_key (c, out, f);
      return;
    }
  g_string_append (out, "the ");
  append_number_word (out, (guint) (f->period.months / 12));
  g_string_append_printf (out, " yearly figures of %s for %s in %s add up to %s %s", cite,
                          subject != NULL ? subject_name (subject) : f->subject, period, value,
                          measure);
}

/* A side in words. */
static void
append_side (Check *c, GString *out, const TrStatement *s, const TrStatementSide *side,
             const Eval *e)
{
  const TrStatementFigure *context = context_figure (s);
  GPtrArray *figures = side->figures;
  if (figures->len == 1)
    {
      append_figure (c, out, g_ptr_array_index (figures, 0), e, context);
      return;
    }
  /* Quoted figures of one citation: "X (line 290) gives nine figures, a + b + … = sum". */
  const TrStatementFigure *first = g_ptr_array_index (figures, 0);
  gboolean one_cite = TRUE;
  for (guint i = 0; i < figures->len; i++)
    {
      const TrStatementFigure *f = g_ptr_array_index (figures, i);
      one_cite &= f->quoted && !f->percent && strcmp (f->source, first->source) == 0
                  && f->cited_line == first->cited_line;
    }
  g_autofree char *value = count_words (e->point, e->approximate, e->more, e->less);
  if (one_cite)
    {
      g_string_append_printf (out, "%s (line %u) gives ", citation (c, first->source),
                              first->cited_line);
      append_number_word (out, figures->len);
      g_string_append (out, " figures, ");
      for (guint i = 0; i < figures->len; i++)
        {
          const TrStatementFigure *f = g_ptr_array_index (figures, i);
          g_autofree char *v = count_words (f->value.count,
                                            f->value.qualifier == TR_QUALIFIER_APPROXIMATE,
                                            f->value.qualifier == TR_QUALIFIER_LOWER_BOUND,
                                            f->value.qualifier == TR_QUALIFIER_UPPER_BOUND);
          g_string_append_printf (out, "%s%s", i > 0 ? " + " : "", v);
        }
      g_string_append_printf (out, " = %s", value);
      if (context != NULL)
        {
          g_string_append (out, " (");
          append_key (c, out, context);
          g_string_append_c (out, ')');
        }
      return;
    }
  /* Figures of one table for one subject and period: "X gives a referrals and b
   * informational reports for Poland in 2024, v in all". */
  gboolean one_key = TRUE;
  for (guint i = 0; i < figures->len; i++)
    {
      const TrStatementFigure *f = g_ptr_array_index (figures, i);
      one_key &= !f->quoted && !first->quoted && strcmp (f->source, first->source) == 0
                 && g_strcmp0 (f->subject, first->subject) == 0
                 && tr_period_equal (f->period, first->period) && f->period.months == 12;
    }
  if (one_key)
    {
      g_string_append_printf (out, "%s gives ", citation (c, first->source));
      /* The figures were added to the result in order, one per part (yearly periods). */
      for (guint i = 0; i < figures->len; i++)
        {
          const TrStatementFigure *f = g_ptr_array_index (figures, i);
          g_autofree char *measure = tr_measure_words (f->measure);
          const char *v = NULL;
          for (guint k = 0; k < c->result->figures->len && v == NULL; k++)
            {
              const TrCheckedFigure *cf = &g_array_index (c->result->figures, TrCheckedFigure, k);
              if (!cf->quoted && cf->measure != NULL && strcmp (cf->measure, f->measure) == 0
                  && g_strcmp0 (cf->citation, citation (c, f->source)) == 0)
                v = cf->printed;
            }
          if (i > 0)
            g_string_append (out, i + 1 == figures->len ? " and " : ", ");
          g_string_append_printf (out, "%s %s", v != NULL ? v : "?", measure);
        }
      const TrCountry *subject = tr_country_table_lookup (c->countries, first->subject);
      g_autofree char *period = tr_period_describe (first->period);
      g_string_append_printf (out, " for %s in %s, %s in all",
                              subject != NULL ? subject_name (subject) : first->subject, period,
                              value);
      return;
    }
  /* Anything else: each figure with its origin, then the sum. */
  g_string_append (out, "the sum of ");
  for (guint i = 0; i < figures->len; i++)
    {
      const TrStatementFigure *f = g_ptr_array_index (figures, i);
      if (i > 0)
        g_string_append (out, i + 1 == figures->len ? " and " : ", ");
      g_string_append_printf (out, "%s's ", citation (c, f->source));
      if (f->quoted)
        g_string_append_printf (out, "figure on line %u", f->cited_line);
      else
        append_key (c, out, f);
    }
  g_string_append_printf (out, " is %s", value);
}

/* A ratio or change in percent, for display only (the decision is exact, on intervals): two
 * digits more than the printed figure has (`decimals`). */
static void
append_percent (GString *out, double value, guint decimals)
{
  g_string_append_printf (out, "%.*f %%", decimals + 2, value);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (subject_name (a), subject_name (b));
}

/* Joins words as a sentence lists them: "a", "a and b", "a, b and c" (`last` before the
 * last word, `sep` before the others); "no one" for none. */
static char *
join_words (GPtrArray *words, const char *sep, const char *last)
{
  GString *w = g_string_new (NULL);
  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append (w, i + 1 == words->len ? last : sep);
      g_string_append (w, g_ptr_array_index (words, i));
    }
  if (words->len == 0)
    g_string_append (w, "no one");
  return g_string_free (w, FALSE);
}

static void
check_missing (Check *c, const TrStatement *s, GString *sentence)
{
  /* One key, or several of one period (the parser sees to it): a subject lacks a figure when
   * a source it has a row in has none for it (missing(…): for some year of the period);
   * none(…): when no source has a figure for it for any year of the period. */
  GPtrArray *keys = s->left.figures;
  const TrStatementFigure *key = g_ptr_array_index (keys, 0);
  guint n_keys = keys->len;
  g_autofree const TrSource **srcs = g_new0 (const TrSource *, n_keys);
  g_autofree char *period = tr_period_describe (key->period);
  g_autoptr (GPtrArray) citations = g_ptr_array_new ();
  g_autoptr (GPtrArray) measures = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < n_keys; k++)
    {
      const TrStatementFigure *kf = g_ptr_array_index (keys, k);
      const TrSource *src = resolve (c, kf->source);
      if (src == NULL || src->series == NULL)
        {
          not_checkable (c, src == NULL ? "no source %s was read"
                                        : "%s is not a table of figures",
                         citation (c, kf->source));
          return;
        }
      srcs[k] = src;
      g_ptr_array_add (citations, (gpointer) src->citation);
      gboolean seen = FALSE;
      for (guint m = 0; m < k; m++)
        seen |= strcmp (((const TrStatementFigure *) g_ptr_array_index (keys, m))->measure,
                        kf->measure) == 0;
      if (!seen)
        g_ptr_array_add (measures, tr_measure_words (kf->measure));
    }
  g_autofree char *measure = join_words (measures, ", ", " or ");
  g_autofree char *sources = join_words (citations, "; ", " and ");
  if (key->period.start % 12 != 0 || key->period.months % 12 != 0)
    {
      not_checkable (c, "%s gives yearly figures, and no run of whole years covers %s",
                     sources, period);
      return;
    }
  int first = key->period.start / 12, years = key->period.months / 12;
  c->result->year = first;
  c->result->period = key->period;
  c->result->measure = key->measure;
  /* The subjects each source has a row for. */
  g_autofree GHashTable **rows = g_new0 (GHashTable *, n_keys);
  g_autoptr (GHashTable) all_rows = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean empty = FALSE;
  for (guint k = 0; k < n_keys; k++)
    {
      const TrStatementFigure *kf = g_ptr_array_index (keys, k);
      rows[k] = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < c->dataset->n_observations; i++)
        {
          const TrObservation *o = tr_dataset_observation (c->dataset, i);
          if (o->country != NULL && strcmp (o->source, srcs[k]->series) == 0
              && strcmp (o->measure, kf->measure) == 0 && observation_matches (o, srcs[k]))
            {
              g_hash_table_insert (rows[k], (gpointer) o->country->code, (gpointer) o->country);
              g_hash_table_insert (all_rows, (gpointer) o->country->code,
                                   (gpointer) o->country);
            }
        }
      if (g_hash_table_size (rows[k]) == 0 && !empty)
        {
          g_autofree char *words = tr_measure_words (kf->measure);
          not_checkable (c, "%s gives no %s figure", srcs[k]->citation, words);
          empty = TRUE;
        }
    }
  if (empty)
    {
      for (guint k = 0; k < n_keys; k++)
        g_hash_table_unref (rows[k]);
      return;
    }
  g_autoptr (GPtrArray) lacking = g_ptr_array_new ();
  g_autoptr (GList) subjects = g_hash_table_get_values (all_rows);
  subjects = g_list_sort (subjects, compare_names);
  for (GList *l = subjects; l != NULL; l = l->next)
    {
      const TrCountry *subject = l->data;
      /* none(…): a figure in any source for any year keeps the subject out. */
      int with_figure = 0;
      for (guint k = 0; s->left.none && k < n_keys; k++)
        for (int y = first; g_hash_table_contains (rows[k], subject->code) && y < first + years;
             y++)
          {
            const TrStatementFigure *kf = g_ptr_array_index (keys, k);
            const TrObservation *o
                = tr_dataset_find (c->dataset, srcs[k]->series, subject->code, y, kf->measure);
            with_figure += observation_matches (o, srcs[k]) && o->value.present;
          }
      if (with_figure > 0)
        continue;
      gboolean lacks = FALSE;
      for (guint k = 0; k < n_keys; k++)
        {
          if (!g_hash_table_contains (rows[k], subject->code))
            continue;
          const TrStatementFigure *kf = g_ptr_array_index (keys, k);
          /* missing(…): the first year without a figure; none(…): the last year. */
          for (int y = s->left.none ? first + years - 1 : first; y < first + years; y++)
            {
              const TrObservation *o
                  = tr_dataset_find (c->dataset, srcs[k]->series, subject->code, y, kf->measure);
              if (!observation_matches (o, srcs[k]) || !o->value.present)
                {
                  lacks = TRUE;
                  TrCheckedFigure checked = { 0 };
                  checked.role = "left";
                  checked.citation = srcs[k]->citation;
                  checked.printed = g_strdelimit (
                      g_strdup (observation_matches (o, srcs[k])
                                    ? tr_missing_name (o->value.missing)
                                    : "no row"),
                      "_", ' ');
                  checked.subject = subject->code;
                  checked.period = tr_period_year (y);
                  checked.measure = kf->measure;
                  if (observation_matches (o, srcs[k]))
                    checked.where = o->where;
                  g_array_append_val (c->result->figures, checked);
                  break;
                }
            }
        }
      if (lacks)
        g_ptr_array_add (lacking, (gpointer) subject);
    }
  for (guint k = 0; k < n_keys; k++)
    g_hash_table_unref (rows[k]);
  /* The subjects the document names. */
  g_autoptr (GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) named_list = g_ptr_array_new ();
  for (guint i = 0; i < s->right.subjects->len; i++)
    {
      const char *label = g_ptr_array_index (s->right.subjects, i);
      const TrCountry *subject = tr_country_table_lookup (c->countries, label);
      if (subject == NULL)
        {
          not_checkable (c, "%s names no country or organisation", label);
          return;
        }
      if (g_hash_table_add (named, (gpointer) subject->code))
        g_ptr_array_add (named_list, (gpointer) subject);
    }
  const char *cite = s->right.cite_source != NULL ? citation (c, s->right.cite_source) : NULL;
  if (cite != NULL)
    {
      TrCheckedFigure checked = { 0 };
      checked.role = "right";
      checked.citation = cite;
      checked.quoted = TRUE;
      GString *list = g_string_new (NULL);
      for (guint i = 0; i < named_list->len; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                                ((const TrCountry *) g_ptr_array_index (named_list, i))->code);
      checked.printed = g_string_free (list, FALSE);
      checked.where.file = cite;
      checked.where.line = s->right.cite_line;
      g_array_append_val (c->result->figures, checked);
    }
  gboolean same = lacking->len == g_hash_table_size (named);
  for (guint i = 0; same && i < lacking->len; i++)
    same = g_hash_table_contains (named,
                                  ((const TrCountry *) g_ptr_array_index (lacking, i))->code);
  c->result->status = same ? TR_STATEMENT_HOLDS : TR_STATEMENT_FAILS;

  GPtrArray *lists[] = { named_list, lacking };
  char *words[2] = { NULL, NULL };
  for (gsize k = 0; k < 2; k++)
    {
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      for (guint i = 0; i < lists[k]->len; i++)
        g_ptr_array_add (names, (gpointer) subject_name (g_ptr_array_index (lists[k], i)));
      words[k] = join_words (names, ", ", " and ");
    }
  const char *scope = years == 1 ? "" : s->left.none ? "any year of " : "some year of ";
  if (cite != NULL)
    g_string_append_printf (sentence, "%s (line %u) names %s as giving no %s figure for %s%s; ",
                            cite, s->right.cite_line, words[0], measure, scope, period);
  else
    g_string_append_printf (sentence,
                            "The statement names %s as giving no %s figure for %s%s; ",
                            words[0], measure, scope, period);
  const char *these = same ? "exactly these" : words[1];
  if (n_keys == 1)
    g_string_append_printf (sentence, "%s has no figure for %s.", sources, these);
  else if (s->left.none)
    g_string_append_printf (sentence, "none of %s has a figure for %s.", sources, these);
  else
    g_string_append_printf (sentence, "at least one of %s has no figure for %s.", sources,
                            these);
  g_free (words[0]);
  g_free (words[1]);
}

TrStatementResult *
tr_statement_check (const TrStatement *statement, const TrDataset *dataset,
                    const TrCountryTable *countries, const TrCatalogue *catalogue)
{
  TrStatementResult *result = g_new0 (TrStatementResult, 1);
  result->statement = statement;
  result->figures = g_array_new (FALSE, TRUE, sizeof (TrCheckedFigure));
  Check c = { dataset, countries, catalogue, result, NULL };
  g_autoptr (GString) sentence = g_string_new (NULL);

  if (statement->kind == TR_STATEMENT_MISSING)
    check_missing (&c, statement, sentence);
  else
    {
      gboolean percent = statement->kind == TR_STATEMENT_RATIO
                         || statement->kind == TR_STATEMENT_CHANGE;
      Eval left = { 0 }, a = { 0 }, b = { 0 };
      if (percent)
        {
          eval_figure (&c, g_ptr_array_index (statement->left.figures, 0), "left", FALSE, &a);
          eval_figure (&c, g_ptr_array_index (statement->left.figures, 1), "left", FALSE, &b);
        }
      else
        left = eval_side (&c, &statement->left, "left", FALSE);
      Eval right = eval_side (&c, &statement->right, "right", percent);
      if (c.why_not == NULL)
        {
          gboolean holds = FALSE;
          const TrStatementFigure *pf = g_ptr_array_index (statement->right.figures, 0);
          switch (statement->kind)
            {
            case TR_STATEMENT_RATIO:
            case TR_STATEMENT_CHANGE:
              {
                gboolean ratio = statement->kind == TR_STATEMENT_RATIO;
                result->has_counts = TRUE;
                result->left_name = ratio ? "numerator" : "before";
                result->right_name = ratio ? "denominator" : "after";
                result->left_count = a.point;
                result->right_count = b.point;
                /* The printed percentage: quoted, or a table's (its interval from the
                 * dataset, its decimals as printed). */
                TrInterval printed_interval = pf->quoted ? pf->interval : right.interval;
                const char *printed = pf->quoted ? pf->printed : right.percent;
                guint decimals = pf->quoted ? (guint) pf->interval.decimals - 1 : right.decimals;
                holds = ratio ? tr_interval_ratio_can_be (a.interval, b.interval, printed_interval)
                              : tr_interval_change_can_be (a.interval, b.interval,
                                                           printed_interval);
                g_autofree char *av = count_words (a.point, a.approximate, a.more, a.less);
                g_autofree char *bv = count_words (b.point, b.approximate, b.more, b.less);
                if (pf->quoted)
                  g_string_append_printf (sentence, "%s (line %u) prints %s ",
                                          citation (&c, pf->source), pf->cited_line, printed);
                else
                  {
                    g_string_append_printf (sentence, "%s prints %s (the ",
                                            citation (&c, pf->source), printed);
                    append_key (&c, sentence, pf);
                    g_string_append (sentence, ") ");
                  }
                if (ratio)
                  g_string_append_printf (sentence, "for %s / %s; %s / %s is ", av, bv, av, bv);
                else
                  g_string_append_printf (sentence, "for the change from %s to %s; it is ",
                                          av, bv);
                if ((ratio ? b.point : a.point) == 0)
                  g_string_append_printf (sentence, "undefined, for the %s figure is 0",
                                          ratio ? "second" : "first");
                else
                  append_percent (sentence,
                                  ratio ? 100.0 * (double) a.point / (double) b.point
                                        : 100.0 * (double) (b.point - a.point)
                                              / (double) a.point,
                                  decimals);
                g_string_append_printf (sentence, ", which %s to %s.",
                                        holds ? "rounds" : "does not round", printed);
                break;
              }
            case TR_STATEMENT_EQUAL:
            case TR_STATEMENT_SUM:
              holds = tr_interval_overlaps (left.interval, right.interval);
              break;
            case TR_STATEMENT_PARTS:
            case TR_STATEMENT_BOUND:
              holds = statement->relation == TR_RELATION_AT_LEAST
                          ? tr_interval_can_be_at_most (right.interval, left.interval)
                          : tr_interval_can_be_at_most (left.interval, right.interval);
              break;
            case TR_STATEMENT_MISSING:
              break;
            }
          result->status = holds ? TR_STATEMENT_HOLDS : TR_STATEMENT_FAILS;
          if (statement->kind != TR_STATEMENT_RATIO && statement->kind != TR_STATEMENT_CHANGE)
            {
              result->has_counts = TRUE;
              result->left_name = "left";
              result->right_name = "right";
              result->left_count = left.point;
              result->right_count = right.point;
              GString *l = g_string_new (NULL);
              append_side (&c, l, statement, &statement->left, &left);
              g_string_append (sentence, l->str);
              g_string_free (l, TRUE);
              g_string_append (sentence, holds && (statement->kind == TR_STATEMENT_EQUAL
                                                   || statement->kind == TR_STATEMENT_SUM)
                                             ? ", and "
                                             : "; ");
              append_side (&c, sentence, statement, &statement->right, &right);
              const char *end = "";
              gboolean at_least = statement->relation == TR_RELATION_AT_LEAST;
              if (statement->kind == TR_STATEMENT_EQUAL || statement->kind == TR_STATEMENT_SUM)
                end = holds ? ": they agree" : "";
              else if (statement->kind == TR_STATEMENT_PARTS)
                end = holds ? ": the parts fit within the whole" : ": the parts exceed the whole";
              else if (at_least)
                end = holds ? ": the first is at least the second"
                            : ": the first is less than the second";
              else
                end = holds ? ": the first is at most the second"
                            : ": the first is more than the second";
              g_string_append_printf (sentence, "%s.", end);
            }
        }
    }
  if (c.why_not != NULL)
    {
      result->status = TR_STATEMENT_NOT_CHECKABLE;
      g_string_assign (sentence, "Not checkable: ");
      g_string_append (sentence, c.why_not->str);
      g_string_append_c (sentence, '.');
      g_string_free (c.why_not, TRUE);
    }
  if (result->subject == NULL && statement->subject != NULL)
    {
      result->subject = tr_country_table_lookup (countries, statement->subject);
      result->year = tr_period_first_year (statement->period);
      result->period = statement->period;
    }
  /* A sentence that starts with "the" starts with "The"; a citation keeps its own case. */
  if (g_str_has_prefix (sentence->str, "the "))
    sentence->str[0] = 'T';
  result->sentence = g_string_free (g_steal_pointer (&sentence), FALSE);
  return result;
}
