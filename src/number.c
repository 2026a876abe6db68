/* number.c — counts as official documents print them, read exactly, with integer arithmetic. */
#include "config.h"

#include "number.h"

#include <string.h>

#include "input-error.h"

G_DEFINE_QUARK (tr-number-error-quark, tr_number_error)

/* Whole-cell words, compared case-folded with runs of white space made one space. */
typedef struct {
  const char *word;
  gboolean present; /* TRUE: a zero; FALSE: missing for `missing` */
  TrMissing missing;
} Marker;

static const Marker markers[] = {
  { "-", FALSE, TR_MISSING_NOT_REPORTED },
  { "–", FALSE, TR_MISSING_NOT_REPORTED },
  { "—", FALSE, TR_MISSING_NOT_REPORTED },
  { "données non communiquées", FALSE, TR_MISSING_NOT_REPORTED },
  { "non communiqué", FALSE, TR_MISSING_NOT_REPORTED },
  { "non communiquée", FALSE, TR_MISSING_NOT_REPORTED },
  { "non communiquées", FALSE, TR_MISSING_NOT_REPORTED },
  { "non communiqués", FALSE, TR_MISSING_NOT_REPORTED },
  { "not reported", FALSE, TR_MISSING_NOT_REPORTED },
  { "données indisponibles", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "données non disponibles", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "non disponible", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "non disponibles", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "indisponible", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "n/a", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "n.a.", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "data not available", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "not available", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "nicht verfügbar", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "k.a.", FALSE, TR_MISSING_NOT_AVAILABLE },
  /* Statistical offices' signs: ".." and "n.d." (no data), "x" (suppressed or not
   * applicable: tiprecon does not guess which, and says only that there is no figure). */
  { "..", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "…", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "n.d.", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "n.d", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "x", FALSE, TR_MISSING_NOT_AVAILABLE },
  /* "No data" in the EU's languages: missing, whereas a word meaning "none" is a zero. */
  { "no data", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "pas de données", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "keine angaben", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "keine daten", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "nessun dato", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "dati non disponibili", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "non disponibile", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "sin datos", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "no disponible", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "sem dados", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "não disponível", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "geen gegevens", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "niet beschikbaar", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "brak danych", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "ingen uppgift", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "ingen data", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "ei tietoja", FALSE, TR_MISSING_NOT_AVAILABLE },
  { "s.o.", FALSE, TR_MISSING_NOT_APPLICABLE },
  { "sans objet", FALSE, TR_MISSING_NOT_APPLICABLE },
  { "not applicable", FALSE, TR_MISSING_NOT_APPLICABLE },
  { "aucune condamnation", TRUE, TR_MISSING_NONE },
  { "aucun", TRUE, TR_MISSING_NONE },
  { "aucune", TRUE, TR_MISSING_NONE },
  { "néant", TRUE, TR_MISSING_NONE },
  { "none", TRUE, TR_MISSING_NONE },
  { "nil", TRUE, TR_MISSING_NONE },
  /* A word meaning "none", alone in a count cell, states a zero (as "Aucune condamnation"
   * does, DESIGN §3); "no data" above does not. */
  { "keine", TRUE, TR_MISSING_NONE },
  { "kein", TRUE, TR_MISSING_NONE },
  { "keiner", TRUE, TR_MISSING_NONE },
  { "nessuno", TRUE, TR_MISSING_NONE },
  { "nessuna", TRUE, TR_MISSING_NONE },
  { "ninguno", TRUE, TR_MISSING_NONE },
  { "ninguna", TRUE, TR_MISSING_NONE },
  { "nenhum", TRUE, TR_MISSING_NONE },
  { "nenhuma", TRUE, TR_MISSING_NONE },
  { "geen", TRUE, TR_MISSING_NONE },
  { "ingen", TRUE, TR_MISSING_NONE },
  { "inga", TRUE, TR_MISSING_NONE },
  { "brak", TRUE, TR_MISSING_NONE },
  { "żaden", TRUE, TR_MISSING_NONE },
  { "žádný", TRUE, TR_MISSING_NONE },
  { "žiadny", TRUE, TR_MISSING_NONE },
  { "nincs", TRUE, TR_MISSING_NONE },
  { "niciunul", TRUE, TR_MISSING_NONE },
  { "nijedan", TRUE, TR_MISSING_NONE },
  { "ei yhtään", TRUE, TR_MISSING_NONE },
};

/* Words before a number that qualify it. A word prefix must be followed by a space; a
 * symbol may touch the digits. */
typedef struct {
  const char *prefix;
  TrQualifier qualifier;
} Qualifier;

static const Qualifier qualifiers[] = {
  { "environ", TR_QUALIFIER_APPROXIMATE },    { "env.", TR_QUALIFIER_APPROXIMATE },
  { "quelque", TR_QUALIFIER_APPROXIMATE },    { "près de", TR_QUALIFIER_APPROXIMATE },
  { "some", TR_QUALIFIER_APPROXIMATE },
  { "approximately", TR_QUALIFIER_APPROXIMATE }, { "approx.", TR_QUALIFIER_APPROXIMATE },
  { "about", TR_QUALIFIER_APPROXIMATE },      { "around", TR_QUALIFIER_APPROXIMATE },
  { "circa", TR_QUALIFIER_APPROXIMATE },      { "ca.", TR_QUALIFIER_APPROXIMATE },
  { "rund", TR_QUALIFIER_APPROXIMATE },       { "etwa", TR_QUALIFIER_APPROXIMATE },
  { "ungefähr", TR_QUALIFIER_APPROXIMATE },   { "~", TR_QUALIFIER_APPROXIMATE },
  { "≈", TR_QUALIFIER_APPROXIMATE },
  { "plus de", TR_QUALIFIER_LOWER_BOUND },    { "au moins", TR_QUALIFIER_LOWER_BOUND },
  { "more than", TR_QUALIFIER_LOWER_BOUND },  { "over", TR_QUALIFIER_LOWER_BOUND },
  { "at least", TR_QUALIFIER_LOWER_BOUND },   { "mehr als", TR_QUALIFIER_LOWER_BOUND },
  { "über", TR_QUALIFIER_LOWER_BOUND },       { "≥", TR_QUALIFIER_LOWER_BOUND },
  { ">", TR_QUALIFIER_LOWER_BOUND },
  { "moins de", TR_QUALIFIER_UPPER_BOUND },   { "au plus", TR_QUALIFIER_UPPER_BOUND },
  { "less than", TR_QUALIFIER_UPPER_BOUND },  { "fewer than", TR_QUALIFIER_UPPER_BOUND },
  { "under", TR_QUALIFIER_UPPER_BOUND },      { "below", TR_QUALIFIER_UPPER_BOUND },
  { "at most", TR_QUALIFIER_UPPER_BOUND },    { "weniger als", TR_QUALIFIER_UPPER_BOUND },
  { "unter", TR_QUALIFIER_UPPER_BOUND },      { "höchstens", TR_QUALIFIER_UPPER_BOUND },
  { "≤", TR_QUALIFIER_UPPER_BOUND },          { "<", TR_QUALIFIER_UPPER_BOUND },
};

/* Scale words after a number, and their power of ten. */
static const struct {
  const char *word;
  guint power;
} scales[] = {
  { "million", 6 },  { "millions", 6 },  { "mio", 6 },      { "mio.", 6 },
  { "milliard", 9 }, { "milliards", 9 }, { "billion", 9 },  { "billions", 9 },
  { "mrd", 9 },      { "mrd.", 9 },
};

/* Separator classes: a group separator must be of one class throughout a number. */
typedef enum { SEP_NONE, SEP_SPACE, SEP_COMMA, SEP_POINT, SEP_APOSTROPHE } SepClass;

static SepClass
separator_class (gunichar c)
{
  switch (c)
    {
    case ' ': case 0x00A0: case 0x202F: case 0x2009:
      return SEP_SPACE;
    case ',':
      return SEP_COMMA;
    case '.':
      return SEP_POINT;
    case '\'': case 0x2019:
      return SEP_APOSTROPHE;
    default:
      return SEP_NONE;
    }
}

static gboolean
is_footnote (gunichar c)
{
  return c == 0x00B9 || c == 0x00B2 || c == 0x00B3 || (c >= 0x2070 && c <= 0x2079);
}

/* The cell without surrounding white space and trailing footnote markers, NFC, with runs of
 * white space made one ASCII space and case-folded (for the word tables); newly allocated. */
static char *
fold_cell (const char *trimmed)
{
  /* ASCII text is its own NFC form and folds to its ASCII lower case; its white space is
   * the space, tab, line feed, carriage return and form feed (g_unichar_isspace()). */
  gsize len = 0;
  while (trimmed[len] != '\0' && (guchar) trimmed[len] < 0x80)
    len++;
  if (trimmed[len] == '\0')
    {
      char *out = g_malloc (len + 1);
      char *o = out;
      gboolean space = FALSE;
      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            {
              space = TRUE;
              continue;
            }
          if (space && o > out)
            *o++ = ' ';
          space = FALSE;
          *o++ = g_ascii_tolower (*p);
        }
      *o = '\0';
      return out;
    }
  g_autofree char *nfc = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC);
  g_autofree char *folded = g_utf8_casefold (nfc != NULL ? nfc : trimmed, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009)
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
trim_cell (const char *text)
{
  const char *start = text;
  while (*start != '\0')
    {
      gunichar c = g_utf8_get_char (start);
      if (!(g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009))
        break;
      start = g_utf8_next_char (start);
    }
  const char *end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL)
        break; /* no character start before `end`: not UTF-8, which the callers refuse */
      gunichar c = g_utf8_get_char (prev);
      if (!(g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009
            || is_footnote (c)))
        break;
      end = prev;
    }
  return g_strndup (start, (gsize) (end - start));
}

static gboolean
fail (GError **error, TrNumberError code, const char *shown, const char *reason,
      const char *expected)
{
  g_autofree char *excerpt = tr_input_excerpt (shown, 60);
  g_set_error (error, TR_NUMBER_ERROR, code, "found '%s'%s%s; expected %s", excerpt,
               reason != NULL ? ", " : "", reason != NULL ? reason : "", expected);
  return FALSE;
}

static const char *const expected_count
    = "a count such as '10 130', or a missing marker such as '-'";
static const char *const expected_whole
    = "a whole number (a decimal comma or point is only allowed before a scale word such as "
      "'millions')";

/* Parses the digits of `p` (folded text after any qualifier) into *count, and sets *scaled
 * when a scale word follows them, with *precision the unit of the last printed digit
 * ("3,6 millions": 100 000; "10 millions": 1 000 000; without a scale word: 1). */
static gboolean
parse_digits (const char *p, const char *shown, gint64 *count, gboolean *scaled,
              gint64 *precision, GError **error)
{
  /* Groups of digits and the separators between them. */
  GString *digits = g_string_new (NULL); /* all digits, in order */
  guint group_len[64];
  SepClass seps[64];
  guint n_groups = 0;
  guint cur = 0;
  gboolean ok_shape = TRUE;
  const char *q = p;
  while (*q != '\0')
    {
      gunichar c = g_utf8_get_char (q);
      if (c >= '0' && c <= '9')
        {
          g_string_append_c (digits, (char) c);
          cur++;
          q = g_utf8_next_char (q);
          continue;
        }
      SepClass sep = separator_class (c);
      const char *next = g_utf8_next_char (q);
      gunichar after = g_utf8_get_char (next);
      if (sep != SEP_NONE && cur > 0 && after >= '0' && after <= '9' && n_groups < 63)
        {
          group_len[n_groups] = cur;
          seps[n_groups] = sep;
          n_groups++;
          cur = 0;
          q = next;
          continue;
        }
      break;
    }
  if (cur == 0)
    ok_shape = FALSE;
  group_len[n_groups++] = cur;

  /* What follows: nothing, or a scale word. */
  while (*q == ' ')
    q++;
  guint power = 0;
  if (*q != '\0')
    {
      gsize k = 0;
      while (k < G_N_ELEMENTS (scales) && strcmp (q, scales[k].word) != 0)
        k++;
      if (k == G_N_ELEMENTS (scales))
        ok_shape = FALSE;
      else
        power = scales[k].power;
    }
  if (!ok_shape)
    {
      g_string_free (digits, TRUE);
      return fail (error, TR_NUMBER_ERROR_INVALID, shown, NULL, expected_count);
    }

  /* Split the digits into a whole part and a decimal part. */
  guint decimals = 0;
  gboolean grouped = TRUE;
  for (guint i = 1; i < n_groups; i++)
    grouped &= group_len[i] == 3 && seps[i - 1] == seps[0];
  grouped &= group_len[0] >= 1 && group_len[0] <= 3;
  SepClass last = n_groups > 1 ? seps[n_groups - 2] : SEP_NONE;
  gboolean decimal_sep = last == SEP_COMMA || last == SEP_POINT;
  if (power > 0 && n_groups == 2 && decimal_sep)
    decimals = group_len[1]; /* "3,6 millions", "1,500 millions" */
  else if (n_groups > 1 && !grouped)
    {
      g_string_free (digits, TRUE);
      if (decimal_sep && group_len[n_groups - 1] != 3)
        return fail (error, TR_NUMBER_ERROR_FRACTIONAL, shown, "a fractional count",
                     expected_whole);
      return fail (error, TR_NUMBER_ERROR_INVALID, shown, NULL, expected_count);
    }

  /* Exact value: digits × 10^power / 10^decimals, which must be whole and at most 2^53. */
  const char *d = digits->str;
  while (d[0] == '0' && d[1] != '\0')
    d++;
  gboolean too_large = strlen (d) > 30;
  unsigned __int128 mantissa = 0;
  for (; !too_large && *d != '\0'; d++)
    mantissa = mantissa * 10 + (unsigned) (*d - '0');
  g_string_free (digits, TRUE);
  if (!too_large)
    {
      for (guint i = 0; i < power; i++)
        mantissa *= 10;
      unsigned __int128 divisor = 1;
      for (guint i = 0; i < decimals && i < 30; i++)
        divisor *= 10;
      if (decimals > 30 || mantissa % divisor != 0)
        return fail (error, TR_NUMBER_ERROR_FRACTIONAL, shown, "a fractional count",
                     expected_whole);
      mantissa /= divisor;
      too_large = mantissa > (unsigned __int128) TR_VALUE_MAX;
    }
  if (too_large)
    return fail (error, TR_NUMBER_ERROR_TOO_LARGE, shown, "past 2^53",
                 "a count of at most 9007199254740992");
  *count = (gint64) mantissa;
  *scaled = power > 0;
  *precision = 1;
  for (guint i = decimals; i < power; i++)
    *precision *= 10;
  return TRUE;
}

gboolean
tr_number_parse (const char *text, TrValue *out, GError **error)
{
  /* Most cells are plain digits: read them without folding. Fifteen digits stay below
   * 2^53; anything else (separators, words, longer runs) takes the general path below. */
  if (text != NULL)
    {
      gsize n = 0;
      while (n < 16 && g_ascii_isdigit (text[n]))
        n++;
      if (n > 0 && n < 16 && text[n] == '\0')
        {
          *out = (TrValue) { .present = TRUE, .count = (gint64) g_ascii_strtoull (text, NULL, 10),
                             .qualifier = TR_QUALIFIER_EXACT, .precision = 1 };
          return TRUE;
        }
    }
  g_autofree char *shown = trim_cell (text != NULL ? text : "");
  /* No figure, word or marker is this long: decide without folding megabytes of text. */
  if (strlen (shown) > 256)
    {
      gboolean digits = TRUE;
      for (const char *p = shown; *p != '\0' && digits; p++)
        digits = g_ascii_isdigit (*p) || *p == ' ' || *p == ',' || *p == '.' || *p == '\'';
      if (digits)
        return fail (error, TR_NUMBER_ERROR_TOO_LARGE, shown, "past 2^53",
                     "a count of at most 9007199254740992");
      return fail (error, TR_NUMBER_ERROR_INVALID, shown, NULL, expected_count);
    }
  g_autofree char *folded = fold_cell (shown);
  if (folded[0] == '\0')
    {
      *out = (TrValue) { .present = FALSE, .missing = TR_MISSING_NOT_REPORTED };
      return TRUE;
    }
  /* A word is compared only when its first byte is the cell's. */
  for (gsize i = 0; i < G_N_ELEMENTS (markers); i++)
    if (folded[0] == markers[i].word[0] && strcmp (folded, markers[i].word) == 0)
      {
        *out = (TrValue) { .present = markers[i].present, .missing = markers[i].missing,
                           .precision = markers[i].present ? 1 : 0 };
        return TRUE;
      }

  const char *p = folded;
  TrQualifier qualifier = TR_QUALIFIER_EXACT;
  for (gsize i = 0; i < G_N_ELEMENTS (qualifiers); i++)
    {
      const char *prefix = qualifiers[i].prefix;
      if (p[0] != prefix[0])
        continue;
      gsize len = strlen (prefix);
      gboolean symbol = !g_unichar_isalpha (g_utf8_get_char (prefix));
      if (strncmp (p, prefix, len) == 0 && (symbol || p[len] == ' ' || prefix[len - 1] == '.'))
        {
          qualifier = qualifiers[i].qualifier;
          p += len;
          while (*p == ' ')
            p++;
          break;
        }
    }
  if ((p[0] == '-' && g_ascii_isdigit (p[1]))
      || (g_str_has_prefix (p, "−") && g_ascii_isdigit (p[strlen ("−")])))
    return fail (error, TR_NUMBER_ERROR_NEGATIVE, shown, "a negative count",
                 "a count of zero or more");
  gint64 count = 0, precision = 1;
  gboolean scaled = FALSE;
  if (!g_ascii_isdigit (p[0]) || !parse_digits (p, shown, &count, &scaled, &precision, error))
    {
      if (!g_ascii_isdigit (p[0]))
        return fail (error, TR_NUMBER_ERROR_INVALID, shown, NULL, expected_count);
      return FALSE;
    }
  /* A scale word rounds: "3,6 millions" is approximate to its last printed digit. A word
   * such as "environ" makes the figure approximate to its last non-zero digit ("environ
   * 254 500": to the hundred). */
  if (scaled && qualifier == TR_QUALIFIER_EXACT)
    qualifier = TR_QUALIFIER_APPROXIMATE;
  if (qualifier == TR_QUALIFIER_APPROXIMATE && !scaled)
    for (gint64 rest = count; rest > 0 && rest % 10 == 0; rest /= 10)
      precision *= 10;
  *out = (TrValue) { .present = TRUE, .count = count, .qualifier = qualifier,
                     .precision = precision };
  return TRUE;
}

gboolean
tr_breakdown_parse (const char *text, TrValue parts[3], guint *n_parts, TrMissing *missing,
                    GError **error)
{
  const char *cell = text != NULL ? text : "";
  g_auto (GStrv) pieces = g_strsplit (cell, "/", -1);
  guint n = g_strv_length (pieces);
  if (n <= 1)
    {
      TrValue value;
      if (!tr_number_parse (cell, &value, error))
        return FALSE;
      if (!value.present)
        {
          *n_parts = 0;
          *missing = value.missing;
          return TRUE;
        }
    }
  if (n < 2 || n > 3)
    {
      g_autofree char *shown = tr_input_excerpt (cell, 60);
      g_set_error (error, TR_NUMBER_ERROR, TR_NUMBER_ERROR_INVALID,
                   "found '%s'; expected 2 or 3 counts separated by '/', such as '4/2' or "
                   "'408/470/11'",
                   shown);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) inner = NULL;
      if (!tr_number_parse (pieces[i], &parts[i], &inner) || !parts[i].present)
        {
          g_autofree char *piece = trim_cell (pieces[i]);
          g_autofree char *shown = tr_input_excerpt (cell, 60);
          g_set_error (error, TR_NUMBER_ERROR, TR_NUMBER_ERROR_INVALID,
                       "found '%s' as part %u of '%s'; expected a count", piece, i + 1, shown);
          return FALSE;
        }
    }
  *n_parts = n;
  *missing = TR_MISSING_NONE;
  return TRUE;
}

static const char *const expected_percent
    = "a printed percentage such as '1,14 %' or '20 %'";
static const char *const expected_ratio
    = "a printed percentage, optionally followed by its numerator and denominator in "
      "parentheses, such as '1,14 % (18/1576)', or a missing marker such as 's.o.'";

/* Reads the percentage that `folded` (trimmed and folded) starts with, up to and including
 * its '%'; sets *end past it. */
static gboolean
read_percent (const char *folded, const char *shown, TrValue *out, const char **end,
              GError **error)
{
  const char *p = folded;
  if (*p == '-' || *p == '+' || g_str_has_prefix (p, "−"))
    return fail (error, TR_NUMBER_ERROR_NEGATIVE, shown, "a signed percentage",
                 "a percentage of zero or more, without a sign, such as '1,14 %'");
  gint64 scaled = 0;
  guint digits = 0, decimals = 0;
  gboolean fraction = FALSE;
  for (;; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (digits >= 15)
            return fail (error, TR_NUMBER_ERROR_TOO_LARGE, shown, "too many digits",
                         expected_percent);
          scaled = 10 * scaled + (*p - '0');
          digits++;
          decimals += fraction;
        }
      else if ((*p == ',' || *p == '.') && !fraction && digits > 0 && g_ascii_isdigit (p[1]))
        fraction = TRUE;
      else
        break;
    }
  while (*p == ' ')
    p++;
  if (digits == 0 || *p != '%')
    return fail (error, TR_NUMBER_ERROR_INVALID, shown, NULL, expected_percent);
  if (decimals > TR_PERCENT_SCALE)
    return fail (error, TR_NUMBER_ERROR_INVALID, shown, "a percentage with more than six decimals",
                 expected_percent);
  gint64 precision = 1;
  for (guint i = decimals; i < TR_PERCENT_SCALE; i++)
    precision *= 10;
  if (scaled > TR_VALUE_MAX / precision)
    return fail (error, TR_NUMBER_ERROR_TOO_LARGE, shown, "past 2^53 millionths of a percent",
                 expected_percent);
  *out = (TrValue) { .present = TRUE, .count = scaled * precision, .precision = precision,
                     .qualifier = TR_QUALIFIER_EXACT, .unit = TR_UNIT_PERCENT };
  *end = p + 1;
  return TRUE;
}

gboolean
tr_percent_parse (const char *text, TrValue *out, GError **error)
{
  g_autofree char *shown = trim_cell (text != NULL ? text : "");
  g_autofree char *folded = fold_cell (shown);
  TrValue value;
  const char *end = NULL;
  if (!read_percent (folded, shown, &value, &end, error))
    return FALSE;
  if (*end != '\0')
    return fail (error, TR_NUMBER_ERROR_INVALID, shown, NULL, expected_percent);
  *out = value;
  return TRUE;
}

gboolean
tr_ratio_parse (const char *text, TrValue *percent, TrValue parts[2], guint *n_parts,
                GError **error)
{
  g_autofree char *shown = trim_cell (text != NULL ? text : "");
  if (strlen (shown) > 256)
    return fail (error, TR_NUMBER_ERROR_INVALID, shown, NULL, expected_ratio);
  g_autofree char *folded = fold_cell (shown);
  if (strchr (folded, '%') == NULL)
    {
      /* No percentage: a missing marker, or an error (a count is not a percentage). */
      TrValue value;
      g_autoptr (GError) inner = NULL;
      if (tr_number_parse (shown, &value, &inner) && !value.present)
        {
          *percent = value;
          *n_parts = 0;
          return TRUE;
        }
      return fail (error, TR_NUMBER_ERROR_INVALID, shown,
                   inner == NULL ? "a count without '%'" : NULL, expected_ratio);
    }
  TrValue value;
  const char *p = NULL;
  if (!read_percent (folded, shown, &value, &p, error))
    return FALSE;
  while (*p == ' ')
    p++;
  /* One full stop may end the cell, as a sentence ends ("1,14 % (18/1576)."). */
  gsize len = strlen (p);
  if (len > 0 && p[len - 1] == '.')
    len--;
  if (len == 0)
    {
      *percent = value;
      *n_parts = 0;
      return TRUE;
    }
  if (p[0] != '(' || p[len - 1] != ')')
    return fail (error, TR_NUMBER_ERROR_INVALID, shown, NULL, expected_ratio);
  g_autofree char *inside = g_strndup (p + 1, len - 2);
  g_auto (GStrv) pieces = g_strsplit (inside, "/", -1);
  if (g_strv_length (pieces) != 2)
    return fail (error, TR_NUMBER_ERROR_INVALID, shown,
                 "not two counts in the parentheses",
                 "a numerator and a denominator separated by '/', such as '1,14 % (18/1576)'");
  TrValue counts[2];
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) inner = NULL;
      if (!tr_number_parse (pieces[i], &counts[i], &inner) || !counts[i].present)
        {
          g_autofree char *piece = trim_cell (pieces[i]);
          g_autofree char *excerpt = tr_input_excerpt (shown, 60);
          g_set_error (error, TR_NUMBER_ERROR, TR_NUMBER_ERROR_INVALID,
                       "found '%s' as the %s of '%s'; expected a count", piece,
                       i == 0 ? "numerator" : "denominator", excerpt);
          return FALSE;
        }
    }
  *percent = value;
  parts[0] = counts[0];
  parts[1] = counts[1];
  *n_parts = 2;
  return TRUE;
}

/* TRUE when `text` ends with a scale word ("3,6 millions"). */
static gboolean
ends_with_scale (const char *text)
{
  const char *space = strrchr (text, ' ');
  const char *word = space != NULL ? space + 1 : text;
  for (gsize k = 0; k < G_N_ELEMENTS (scales); k++)
    if (strcmp (word, scales[k].word) == 0)
      return TRUE;
  return FALSE;
}

/* The length of the elision "d'" or "d’" that ends the first `len` bytes of `text` (a unit
 * follows it), else 0. */
static gsize
elision_length (const char *text, gsize len)
{
  static const char right_quote[] = "d\u2019";
  if (len >= 2 && memcmp (text + len - 2, "d'", 2) == 0)
    return 2;
  if (len >= sizeof right_quote - 1
      && memcmp (text + len - (sizeof right_quote - 1), right_quote, sizeof right_quote - 1) == 0)
    return sizeof right_quote - 1;
  return 0;
}

/* The figure of `folded` before its unit, which starts at `at`: the text before it, without
 * the space or the elision after a scale word that joins them; NULL when nothing joins them. */
static char *
figure_before (const char *folded, gsize at)
{
  g_autofree char *before = g_strndup (folded, at);
  gsize len = strlen (before);
  gsize elision = elision_length (before, len);
  if (elision > 0)
    {
      before[len - elision] = '\0';
      g_strchomp (before);
      return ends_with_scale (before) ? g_steal_pointer (&before) : NULL;
    }
  if (len == 0 || before[len - 1] != ' ')
    return NULL;
  g_strchomp (before);
  return g_steal_pointer (&before);
}

gboolean
tr_number_parse_unit (const char *text, const char *const *units, TrValue *out, int *unit,
                      char **unknown, GError **error)
{
  *unit = -1;
  g_autoptr (GError) plain = NULL;
  if (tr_number_parse (text, out, &plain))
    return TRUE;
  g_autofree char *shown = trim_cell (text != NULL ? text : "");
  g_autofree char *folded = fold_cell (shown);
  gsize len = strlen (folded);
  for (int k = 0; units != NULL && units[k] != NULL; k++)
    {
      g_autofree char *word = fold_cell (units[k]);
      gsize n = strlen (word);
      if (n == 0 || n >= len || strcmp (folded + len - n, word) != 0)
        continue;
      g_autofree char *figure = figure_before (folded, len - n);
      if (figure == NULL)
        continue;
      TrValue value;
      g_autoptr (GError) inner = NULL;
      if (!tr_number_parse (figure, &value, &inner) || !value.present)
        return fail (error, TR_NUMBER_ERROR_INVALID, shown, NULL,
                     "a count followed by its unit, such as '1 558 éléments de contenu'");
      *out = value;
      *unit = k;
      return TRUE;
    }
  /* A figure followed by words: the first split whose head is a present figure and whose
   * tail starts with a letter names the unit not declared. */
  for (gsize at = 1; at < len; at++)
    {
      if ((folded[at] & 0xC0) == 0x80 || !g_unichar_isalpha (g_utf8_get_char (folded + at))
          || (folded[at - 1] != ' ' && elision_length (folded, at) == 0))
        continue;
      g_autofree char *figure = figure_before (folded, at);
      TrValue value;
      if (figure == NULL || !tr_number_parse (figure, &value, NULL) || !value.present)
        continue;
      /* "millions d'éléments": the unit is what follows the elision. */
      const char *words = folded + at;
      for (gsize n = 2; n <= 4 && at + n < len; n++)
        if (elision_length (folded, at + n) == n && ends_with_scale (figure))
          words = folded + at + n;
      if (unknown != NULL)
        *unknown = g_strdup (words);
      g_autofree char *excerpt = tr_input_excerpt (shown, 60);
      g_set_error (error, TR_NUMBER_ERROR, TR_NUMBER_ERROR_UNIT,
                   "found '%s', a count followed by '%s', which is not a declared unit; "
                   "expected a count alone, or a unit the layout declares",
                   excerpt, words);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&plain));
  return FALSE;
}
