/* country.c — loads the country reference from its CSV files (libcsv) and looks labels up by normalised key. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "country.h"

#include <csv.h>
#include <string.h>

G_DEFINE_QUARK (tr-country-error-quark, tr_country_error)

struct _TrCountryTable {
  GPtrArray *entries;    /* TrCountry *, owned, sorted by code */
  GHashTable *by_key;    /* normalised label (owned) -> entry */
  GHashTable *by_code;   /* code (in strings) -> entry */
  GStringChunk *strings; /* every string of every entry */
};

/* ---- Keys ---- */

static gboolean
is_footnote (gunichar c)
{
  return c == 0x2070 || c == 0x00B9 || c == 0x00B2 || c == 0x00B3 || (c >= 0x2074 && c <= 0x2079);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F;
}

char *
tr_country_key (const char *label)
{
  if (label == NULL)
    return g_strdup ("");
  g_autofree char *valid = g_utf8_make_valid (label, -1);
  /* Fold case first, then decompose: folding may itself yield combining marks (İ -> i̇). */
  g_autofree char *folded = g_utf8_casefold (valid, -1);
  g_autofree char *nfd = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return g_strdup ("");
  GString *key = g_string_sized_new (strlen (nfd));
  gboolean pending_space = FALSE;
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_footnote (c) || g_unichar_ismark (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      if (is_space (c))
        {
          pending_space = key->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (key, ' ');
      pending_space = FALSE;
      g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* ---- CSV reading (libcsv) ---- */

typedef struct {
  char **cells; /* NULL-terminated */
  guint n_cells;
  guint line;   /* 1-based line where the row starts */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;
  g_strfreev (row->cells);
  g_free (row);
}

typedef struct {
  GPtrArray *rows;   /* Row * */
  GPtrArray *fields; /* char *, the cells of the row being read */
  guint line;        /* physical line being parsed */
  guint row_start;   /* line where the row being read starts */
} Reader;

static void
on_field (void *s, size_t len, void *data)
{
  Reader *reader = data;
  g_ptr_array_add (reader->fields, g_strndup (s != NULL ? s : "", len));
}

static void
on_row (int c, void *data)
{
  (void) c;
  Reader *reader = data;
  Row *row = g_new0 (Row, 1);
  row->n_cells = reader->fields->len;
  row->line = reader->row_start;
  g_ptr_array_add (reader->fields, NULL);
  row->cells = (char **) g_ptr_array_free (reader->fields, FALSE);
  reader->fields = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (reader->rows, row);
  reader->row_start = reader->line + 1;
}

/* Whether the `len` bytes at `p` are only spaces, tabs and line ends (libcsv skips such lines). */
static gboolean
is_blank (const char *p, size_t len)
{
  for (size_t i = 0; i < len; i++)
    if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
      return FALSE;
  return TRUE;
}

/* The 1-based line of byte offset `end` in `text`. */
static guint
line_of (const char *text, const char *end)
{
  guint line = 1;
  for (const char *p = text; p < end; p++)
    line += *p == '\n';
  return line;
}

/* Reads a whole CSV file (UTF-8 with an optional BOM, RFC 4180) into rows (Row *), each with
 * the line it starts on; blank lines are skipped. Returns a new array, or NULL with error set
 * (naming path:line) when the file cannot be read, is not UTF-8 or is not valid CSV. */
static GPtrArray *
read_csv (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &text, &length, &local))
    {
      g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FILE, "%s: cannot read: %s", path,
                   local->message);
      return NULL;
    }
  const char *bad = NULL;
  if (!g_utf8_validate_len (text, length, &bad))
    {
      g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                   "%s:%u: found bytes that are not UTF-8; expected UTF-8 text", path,
                   line_of (text, bad));
      return NULL;
    }
  const char *start = text;
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    start += 3;
  const char *end = text + length;

  struct csv_parser parser;
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    {
      g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FILE,
                   "%s: cannot start the CSV parser", path);
      return NULL;
    }
  Reader reader = { g_ptr_array_new_with_free_func (row_free),
                    g_ptr_array_new_with_free_func (g_free), 1, 1 };
  guint bad_line = 0;
  /* Feed one physical line at a time, so that rows and errors know their line. */
  for (const char *p = start; p < end; reader.line++)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      size_t len = nl != NULL ? (size_t) (nl - p) + 1 : (size_t) (end - p);
      if (reader.fields->len == 0 && reader.row_start == reader.line && is_blank (p, len))
        reader.row_start++; /* no row began yet: the next one starts further down */
      if (csv_parse (&parser, p, len, on_field, on_row, &reader) != len)
        {
          bad_line = reader.line;
          break;
        }
      p += len;
    }
  if (bad_line == 0 && csv_fini (&parser, on_field, on_row, &reader) != 0)
    bad_line = reader.row_start; /* a quoted field left open: name the line its row starts on */
  if (bad_line != 0)
    g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                 "%s:%u: found bad CSV (%s); expected RFC 4180 CSV", path, bad_line,
                 csv_strerror (csv_error (&parser)));
  csv_free (&parser);
  g_ptr_array_unref (reader.fields);
  if (bad_line != 0)
    {
      g_ptr_array_unref (reader.rows);
      return NULL;
    }
  return reader.rows;
}

/* Reads `file` of data_dir, checks that its header is exactly `columns` (comma-separated) and
 * that every row has as many cells. Returns the rows, header first, and sets *path_out to the
 * file's path (newly allocated); or returns NULL with error set. */
static GPtrArray *
read_table (const char *data_dir, const char *file, const char *columns, char **path_out,
            GError **error)
{
  g_autofree char *path = g_build_filename (data_dir, file, NULL);
  g_autoptr (GPtrArray) rows = read_csv (path, error);
  if (rows == NULL)
    return NULL;
  g_auto (GStrv) expected = g_strsplit (columns, ",", -1);
  guint n_columns = g_strv_length (expected);
  if (rows->len == 0)
    {
      g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                   "%s:1: found an empty file; expected the header %s", path, columns);
      return NULL;
    }
  const Row *header = g_ptr_array_index (rows, 0);
  g_autofree char *found = g_strjoinv (",", header->cells);
  if (strcmp (found, columns) != 0)
    {
      g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                   "%s:%u: found the header '%s'; expected '%s'", path, header->line, found,
                   columns);
      return NULL;
    }
  for (guint r = 1; r < rows->len; r++)
    {
      const Row *row = g_ptr_array_index (rows, r);
      if (row->n_cells != n_columns)
        {
          g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                       "%s:%u: found %u cells; expected %u (%s)", path, row->line, row->n_cells,
                       n_columns, columns);
          return NULL;
        }
    }
  *path_out = g_steal_pointer (&path);
  return g_steal_pointer (&rows);
}

/* ---- The table ---- */

void
tr_country_table_free (TrCountryTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->entries, g_ptr_array_unref);
  g_clear_pointer (&table->by_key, g_hash_table_unref);
  g_clear_pointer (&table->by_code, g_hash_table_unref);
  g_clear_pointer (&table->strings, g_string_chunk_free);
  g_free (table);
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(const TrCountry *const *) a)->code, (*(const TrCountry *const *) b)->code);
}

/* Whether s is `n` ASCII capital letters. */
static gboolean
is_code (const char *s, size_t n)
{
  if (strlen (s) != n)
    return FALSE;
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

/* Gives the key of `label` to `entry` unless it already names an entry (the first is kept).
 * Returns the entry the key names afterwards; NULL for a blank label. */
static const TrCountry *
add_key (TrCountryTable *table, const char *label, const TrCountry *entry)
{
  char *key = tr_country_key (label);
  if (key[0] == '\0')
    {
      g_free (key);
      return NULL;
    }
  const TrCountry *other = g_hash_table_lookup (table->by_key, key);
  if (other != NULL)
    {
      g_free (key);
      return other;
    }
  g_hash_table_insert (table->by_key, key, (gpointer) entry);
  return entry;
}

/* The problem with one row of countries.csv (has_kind FALSE) or country-exceptions.csv
 * (has_kind TRUE), as what was expected, or NULL when the row is good. */
static const char *
entry_problem (const TrCountryTable *table, char *const *s, gboolean has_kind)
{
  gboolean pseudo = has_kind && strcmp (s[7], "pseudo") == 0;
  if (has_kind && !pseudo && strcmp (s[7], "country") != 0)
    return "kind 'country' or 'pseudo'";
  if (!pseudo && !is_code (s[0], 2))
    return "an alpha-2 code (two capital letters)";
  if (pseudo && !is_code (s[0], 3))
    return "a pseudo code of three capital letters";
  if (s[1][0] != '\0' && !is_code (s[1], 3))
    return "an alpha-3 code (three capital letters) or nothing";
  if (s[2][0] == '\0')
    return "an English name";
  if (s[5][0] != '\0' && !is_code (s[5], 2) && !is_code (s[5], 3))
    return "an EU code (two or three capital letters) or nothing";
  if (strcmp (s[6], "0") != 0 && strcmp (s[6], "1") != 0)
    return "eu_member 0 or 1";
  if (pseudo && s[6][0] == '1')
    return "eu_member 0 for a pseudo entry";
  if (g_hash_table_contains (table->by_code, s[0]))
    return "each code once across countries.csv and country-exceptions.csv";
  return NULL;
}

/* Reads countries.csv (has_kind FALSE: every row a country) or country-exceptions.csv
 * (has_kind TRUE: a last column `kind`, country or pseudo) into the table, with the keys of
 * each entry's codes (code, EU code, alpha-3). Returns FALSE with error set on a bad row or a
 * code that already names another entry. */
static gboolean
load_entries (TrCountryTable *table, const char *data_dir, const char *file, gboolean has_kind,
              GError **error)
{
  g_autofree char *path = NULL;
  const char *columns = has_kind ? "code,alpha3,name_en,name_fr,name_de,eu_code,eu_member,kind"
                                 : "alpha2,alpha3,name_en,name_fr,name_de,eu_code,eu_member";
  g_autoptr (GPtrArray) rows = read_table (data_dir, file, columns, &path, error);
  if (rows == NULL)
    return FALSE;
  for (guint r = 1; r < rows->len; r++)
    {
      const Row *row = g_ptr_array_index (rows, r);
      char *const *s = row->cells;
      const char *problem = entry_problem (table, s, has_kind);
      if (problem != NULL)
        {
          g_autofree char *found = g_strjoinv (",", row->cells);
          g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                       "%s:%u: found '%s'; expected %s", path, row->line, found, problem);
          return FALSE;
        }
      TrCountry *entry = g_new0 (TrCountry, 1);
      entry->code = g_string_chunk_insert_const (table->strings, s[0]);
      entry->alpha3 = g_string_chunk_insert_const (table->strings, s[1]);
      entry->name_en = g_string_chunk_insert_const (table->strings, s[2]);
      entry->name_fr = g_string_chunk_insert_const (table->strings, s[3][0] ? s[3] : s[2]);
      entry->name_de = g_string_chunk_insert_const (table->strings, s[4][0] ? s[4] : s[2]);
      entry->eu_code = s[5][0] ? g_string_chunk_insert_const (table->strings, s[5]) : entry->code;
      entry->eu_member = s[6][0] == '1';
      entry->pseudo = has_kind && strcmp (s[7], "pseudo") == 0;
      g_ptr_array_add (table->entries, entry);
      g_hash_table_insert (table->by_code, (gpointer) entry->code, entry);
      const char *codes[] = { entry->code, entry->eu_code, entry->alpha3 };
      for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
        {
          const TrCountry *named = add_key (table, codes[i], entry);
          if (named != NULL && named != entry)
            {
              g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                           "%s:%u: found the code %s for %s; expected a code no other entry "
                           "has (it already names %s, %s)",
                           path, row->line, codes[i], entry->code, named->code, named->name_en);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Reads an alias file (label,code). With strict, a label whose key already names another
 * entry is an error; without, the earlier key is kept. An unknown code or a blank label is
 * always an error. Returns FALSE with error set (naming file:line) on an error. */
static gboolean
load_aliases (TrCountryTable *table, const char *data_dir, const char *file, gboolean strict,
              GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) rows = read_table (data_dir, file, "label,code", &path, error);
  if (rows == NULL)
    return FALSE;
  for (guint r = 1; r < rows->len; r++)
    {
      const Row *row = g_ptr_array_index (rows, r);
      const char *label = row->cells[0], *code = row->cells[1];
      const TrCountry *entry = g_hash_table_lookup (table->by_code, code);
      if (entry == NULL)
        {
          g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                       "%s:%u: found the code '%s' for '%s'; expected a code of countries.csv "
                       "or country-exceptions.csv",
                       path, row->line, code, label);
          return FALSE;
        }
      const TrCountry *named = add_key (table, label, entry);
      if (named == NULL)
        {
          g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                       "%s:%u: found a blank label for %s; expected a label", path, row->line,
                       code);
          return FALSE;
        }
      if (named != entry && strict)
        {
          g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                       "%s:%u: found the alias '%s' for %s; expected a label no other entry "
                       "has (it already names %s, %s)",
                       path, row->line, label, entry->code, named->code, named->name_en);
          return FALSE;
        }
    }
  return TRUE;
}

TrCountryTable *
tr_country_table_load (const char *data_dir, GError **error)
{
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autoptr (TrCountryTable) table = g_new0 (TrCountryTable, 1);
  table->entries = g_ptr_array_new_with_free_func (g_free);
  table->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  table->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  table->strings = g_string_chunk_new (8192);
  /* Codes first (a clash is an error), ... */
  if (!load_entries (table, data_dir, "countries.csv", FALSE, error)
      || !load_entries (table, data_dir, "country-exceptions.csv", TRUE, error))
    return NULL;
  g_ptr_array_sort (table->entries, compare_entries);

  /* ... then English, French and German names, the first entry by code keeping a shared one, ... */
  const GPtrArray *entries = table->entries;
  for (guint language = 0; language < 3; language++)
    for (guint i = 0; i < entries->len; i++)
      {
        const TrCountry *e = g_ptr_array_index (entries, i);
        const char *names[] = { e->name_en, e->name_fr, e->name_de };
        add_key (table, names[language], e);
      }
  /* ... then common names (the first kept), then aliases (a clash is an error). */
  if (!load_aliases (table, data_dir, "country-common-names.csv", FALSE, error)
      || !load_aliases (table, data_dir, "country-aliases.csv", TRUE, error))
    return NULL;
  return g_steal_pointer (&table);
}

const TrCountry *
tr_country_table_lookup (const TrCountryTable *table, const char *label)
{
  g_return_val_if_fail (table != NULL, NULL);
  if (label == NULL)
    return NULL;
  g_autofree char *key = tr_country_key (label);
  return g_hash_table_lookup (table->by_key, key);
}

const TrCountry *
tr_country_table_get (const TrCountryTable *table, const char *code)
{
  g_return_val_if_fail (table != NULL, NULL);
  if (code == NULL)
    return NULL;
  return g_hash_table_lookup (table->by_code, code);
}

const GPtrArray *
tr_country_table_entries (const TrCountryTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->entries;
}
