/* country.c — loading the subject reference (countries, organisations and aggregates) and
 * looking labels up by normalised key. */
#include "config.h"

#include "country.h"

#include <string.h>

#include "csvread.h"

G_DEFINE_QUARK (tr-country-error-quark, tr_country_error)

struct _TrCountryTable {
  GPtrArray *entries;   /* TrCountry *, owned, sorted by code */
  GHashTable *by_key;   /* normalised label -> entry */
  GHashTable *by_code;  /* code -> entry */
  GStringChunk *strings;
  GHashTable *pieces;   /* while loading: character above ASCII -> its part of a key (see
                           load_key()); NULL after */
  GString *scratch;     /* while loading: the key load_key() is building; NULL after */
};

/* The reference files are read whole, without a checksum: no output prints theirs. */
static const TrCsvFrame unsummed = { .no_checksum = TRUE };

static gboolean
is_footnote (gunichar c)
{
  return c == 0x00B9 || c == 0x00B2 || c == 0x00B3 || (c >= 0x2070 && c <= 0x2079);
}

char *
tr_country_key_full (const char *label)
{
  g_autofree char *nfd = g_utf8_normalize (label, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return g_strdup ("");
  g_autoptr (GString) kept = g_string_new (NULL);
  gboolean space = FALSE;
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_footnote (c) || g_unichar_ismark (c))
        continue;
      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009)
        {
          space = TRUE;
          continue;
        }
      if (space && kept->len > 0)
        g_string_append_c (kept, ' ');
      space = FALSE;
      g_string_append_unichar (kept, c);
    }
  return g_utf8_casefold (kept->str, -1);
}

char *
tr_country_key (const char *label)
{
  /* tr_country_key_full() one character at a time, without normalising the whole label
   * first: every character of non-zero combining class is a mark (for every code point GLib
   * knows), so NFD's reordering moves only marks, which are dropped, and the characters kept
   * are those of each character's own canonical decomposition, in order. Case folding maps
   * character by character; an all-ASCII key folds to its ASCII lower case. The unit test
   * compares both functions over every code point and every bundled label. */
  if (!g_utf8_validate (label, -1, NULL))
    return g_strdup ("");
  GString *kept = g_string_sized_new (strlen (label));
  gboolean space = FALSE;
  gboolean ascii = TRUE;
  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar whole = g_utf8_get_char (p);
      gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n_parts = 1;
      parts[0] = whole;
      if (whole >= 0x80)
        n_parts = g_unichar_fully_decompose (whole, FALSE, parts, G_N_ELEMENTS (parts));
      for (gsize k = 0; k < n_parts; k++)
        {
          gunichar c = parts[k];
          if (c >= 0x80 && (is_footnote (c) || g_unichar_ismark (c)))
            continue;
          if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009)
            {
              space = TRUE;
              continue;
            }
          if (space && kept->len > 0)
            g_string_append_c (kept, ' ');
          space = FALSE;
          if (c < 0x80)
            g_string_append_c (kept, g_ascii_tolower ((char) c));
          else
            {
              g_string_append_unichar (kept, c);
              ascii = FALSE;
            }
        }
    }
  if (ascii)
    return g_string_free (kept, FALSE);
  g_autoptr (GString) owned = kept;
  return g_utf8_casefold (owned->str, (gssize) owned->len);
}

/* A character's part of a key, as tr_country_key() makes it: its canonical decomposition
 * without marks and footnotes, each character case-folded, a white space as the byte 0x01. */
static char *
key_piece (gunichar whole)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n_parts = g_unichar_fully_decompose (whole, FALSE, parts, G_N_ELEMENTS (parts));
  GString *piece = g_string_new (NULL);
  for (gsize k = 0; k < n_parts; k++)
    {
      gunichar c = parts[k];
      if (c >= 0x80 && (is_footnote (c) || g_unichar_ismark (c)))
        continue;
      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009)
        g_string_append_c (piece, '\x01');
      else if (c < 0x80)
        g_string_append_c (piece, g_ascii_tolower ((char) c));
      else
        {
          char utf8[8];
          gint len = g_unichar_to_utf8 (c, utf8);
          g_autofree char *folded = g_utf8_casefold (utf8, len);
          g_string_append (piece, folded);
        }
    }
  return g_string_free (piece, FALSE);
}

/* tr_country_key() of a label of the reference, each character above ASCII worked out once
 * per load (the reference has thousands of labels in 24 languages, in a few hundred
 * characters): the same key, since decomposing, dropping marks and case folding all go
 * character by character (GLib's g_utf8_casefold() too). The key is built in the table's
 * scratch buffer, reused from label to label. Newly allocated. */
static char *
load_key (TrCountryTable *table, const char *label)
{
  if (table->pieces == NULL || !g_utf8_validate (label, -1, NULL))
    return tr_country_key (label);
  GString *kept = table->scratch;
  g_string_truncate (kept, 0);
  gboolean space = FALSE;
  for (const char *p = label; *p != '\0';)
    {
      guchar byte = (guchar) *p;
      if (byte < 0x80)
        {
          p++;
          /* g_unichar_isspace() of ASCII: not the vertical tab, which is a control. */
          if (byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f')
            {
              space = TRUE;
              continue;
            }
          if (space && kept->len > 0)
            g_string_append_c (kept, ' ');
          space = FALSE;
          g_string_append_c (kept, (char) (byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A')
                                                                       : byte));
          continue;
        }
      gunichar whole = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      const char *piece = g_hash_table_lookup (table->pieces, GUINT_TO_POINTER (whole));
      if (piece == NULL)
        {
          piece = key_piece (whole);
          g_hash_table_insert (table->pieces, GUINT_TO_POINTER (whole), (gpointer) piece);
        }
      for (const char *b = piece; *b != '\0'; b++)
        {
          if (*b == '\x01')
            {
              space = TRUE;
              continue;
            }
          if (space && kept->len > 0)
            g_string_append_c (kept, ' ');
          space = FALSE;
          g_string_append_c (kept, *b);
        }
    }
  return g_strndup (kept->str, kept->len);
}

gboolean
tr_subject_is_country (const TrCountry *subject)
{
  return subject != NULL && subject->kind == TR_SUBJECT_COUNTRY && !subject->pseudo;
}

void
tr_country_table_free (TrCountryTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->entries);
  g_hash_table_unref (table->by_key);
  g_hash_table_unref (table->by_code);
  g_string_chunk_free (table->strings);
  if (table->pieces != NULL)
    g_hash_table_unref (table->pieces);
  if (table->scratch != NULL)
    g_string_free (table->scratch, TRUE);
  g_free (table);
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(const TrCountry *const *) a)->code, (*(const TrCountry *const *) b)->code);
}

/* Adds a label for an entry unless the label already names one (first come, first kept). */
static void
add_key (TrCountryTable *table, const char *label, const TrCountry *entry)
{
  if (label == NULL || label[0] == '\0')
    return;
  char *key = load_key (table, label);
  if (g_hash_table_contains (table->by_key, key))
    g_free (key);
  else
    g_hash_table_insert (table->by_key, key, (gpointer) entry);
}

/* Reads one of the entry files: countries.csv (7 columns) or country-exceptions.csv (8). */
static gboolean
load_entries (TrCountryTable *table, const char *data_dir, const char *file, GError **error)
{
  g_autofree char *path = g_build_filename (data_dir, file, NULL);
  g_autofree char *name = g_build_filename ("data", file, NULL);
  g_autoptr (TrCsv) csv = tr_csv_read_framed (path, name, &unsummed, error);
  if (csv == NULL)
    return FALSE;
  const TrRow *header = g_ptr_array_index (csv->rows, 0);
  if (header->n_cells < 7)
    {
      g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                   "%s:1: found %u columns; expected alpha2, alpha3, name_en, name_fr, "
                   "name_de, eu_code, eu_member",
                   name, header->n_cells);
      return FALSE;
    }
  for (guint r = 1; r < csv->rows->len; r++)
    {
      const TrRow *row = g_ptr_array_index (csv->rows, r);
      TrCountry *entry = g_new0 (TrCountry, 1);
      const char *s[7];
      for (guint i = 0; i < 7; i++)
        s[i] = g_string_chunk_insert_const (table->strings, row->cells[i].text);
      entry->code = s[0];
      entry->alpha3 = s[1];
      entry->name_en = s[2];
      entry->name_fr = s[3];
      entry->name_de = s[4];
      entry->eu_code = s[5];
      entry->eu_member = strcmp (s[6], "1") == 0;
      entry->pseudo = row->n_cells > 7 && strcmp (row->cells[7].text, "pseudo") == 0;
      if (g_hash_table_contains (table->by_code, entry->code))
        {
          g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                       "%s:%u: found the code %s a second time; expected each code once", name,
                       row->line, entry->code);
          g_free (entry);
          return FALSE;
        }
      g_ptr_array_add (table->entries, entry);
      g_hash_table_insert (table->by_code, (gpointer) entry->code, entry);
    }
  return TRUE;
}

/* A file of labels being read (see load_aliases()). */
typedef struct {
  TrCountryTable *table;
  const char *name;
  gboolean strict;
} AliasLoad;

/* One row of a file of labels, as it is parsed: the label, unless another entry already has
 * it (first come, first kept; an error when strict). */
static gboolean
on_alias_row (const TrCsv *csv, const TrRow *row, gpointer data, GError **error)
{
  (void) csv;
  const AliasLoad *load = data;
  TrCountryTable *table = load->table;
  const TrCountry *entry = g_hash_table_lookup (table->by_code, row->cells[1].text);
  if (entry == NULL)
    {
      g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                   "%s:%u: found the code '%s'; expected a code of countries.csv or "
                   "country-exceptions.csv",
                   load->name, row->line, row->cells[1].text);
      return FALSE;
    }
  const char *label = row->cells[0].text;
  g_autofree char *key = load_key (table, label);
  const TrCountry *other = g_hash_table_lookup (table->by_key, key);
  if (other != NULL && other != entry && load->strict)
    {
      g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                   "%s:%u: found the label '%s' for %s; expected a label no other "
                   "country has (it names %s)",
                   load->name, row->line, label, entry->code, other->code);
      return FALSE;
    }
  /* As add_key(): an empty label names nothing, a key taken stays with its entry. */
  if (label[0] != '\0' && other == NULL)
    g_hash_table_insert (table->by_key, g_steal_pointer (&key), (gpointer) entry);
  return TRUE;
}

/* Reads a file of labels (label, code[, more columns]): names in other languages or aliases,
 * row by row as it is parsed. When `strict`, a label another entry already has is an error
 * rather than skipped. */
static gboolean
load_aliases (TrCountryTable *table, const char *data_dir, const char *file, gboolean strict,
              GError **error)
{
  g_autofree char *path = g_build_filename (data_dir, file, NULL);
  g_autofree char *name = g_build_filename ("data", file, NULL);
  AliasLoad load = { table, name, strict };
  g_autoptr (TrCsv) csv
      = tr_csv_read_each (path, name, &unsummed, NULL, on_alias_row, &load, error);
  return csv != NULL;
}

/* The key of a label with spaces, '-' and '_' dropped ("eu27" for "EU-27"), newly allocated. */
static char *
compact_key (TrCountryTable *table, const char *label)
{
  char *key = load_key (table, label);
  char *kept = key;
  for (const char *p = key; *p != '\0'; p++)
    if (*p != ' ' && *p != '-' && *p != '_')
      *kept++ = *p;
  *kept = '\0';
  return key;
}

/* Adds a label of an organisation or an aggregate (an aggregate's also compacted), which no
 * other subject may already have. */
static gboolean
add_subject_key (TrCountryTable *table, const char *label, const TrCountry *entry,
                 const char *name, guint line, GError **error)
{
  g_autofree char *key = load_key (table, label);
  g_autofree char *compact
      = entry->kind == TR_SUBJECT_AGGREGATE ? compact_key (table, label) : NULL;
  const char *keys[] = { key, compact };
  for (gsize i = 0; i < G_N_ELEMENTS (keys) && keys[i] != NULL; i++)
    {
      const TrCountry *other = g_hash_table_lookup (table->by_key, keys[i]);
      if (other != NULL && other != entry)
        {
          g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                       "%s:%u: found the label '%s' for %s; expected a label no other subject "
                       "has (it names %s)",
                       name, line, label, entry->code, other->code);
          return FALSE;
        }
      if (other == NULL)
        g_hash_table_insert (table->by_key, g_strdup (keys[i]), (gpointer) entry);
    }
  return TRUE;
}

/* Reads a hand-kept file of subjects of one kind with the columns code (or id), name, aliases
 * separated by ';', and a fourth (`extra`): an organisation's parent id, or an aggregate's
 * members. Each subject is an entry of `prefix` + its code, named by its code, name and
 * aliases (an aggregate also by their compacted forms). The rows stay in *csv for checks
 * that need every entry. */
static gboolean
load_subjects (TrCountryTable *table, const char *data_dir, const char *file,
               TrSubjectKind kind, const char *prefix, const char *extra, TrCsv **csv_out,
               GError **error)
{
  g_autofree char *path = g_build_filename (data_dir, file, NULL);
  g_autofree char *name = g_build_filename ("data", file, NULL);
  g_autoptr (TrCsv) csv = tr_csv_read_framed (path, name, &unsummed, error);
  if (csv == NULL)
    return FALSE;
  const TrRow *header = g_ptr_array_index (csv->rows, 0);
  if (header->n_cells != 4)
    {
      g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                   "%s:1: found %u columns; expected %s, name, aliases, %s", name,
                   header->n_cells, kind == TR_SUBJECT_AGGREGATE ? "code" : "id", extra);
      return FALSE;
    }
  for (guint r = 1; r < csv->rows->len; r++)
    {
      const TrRow *row = g_ptr_array_index (csv->rows, r);
      g_autofree char *code = g_strconcat (prefix, row->cells[0].text, NULL);
      const char *fourth = row->cells[3].text;
      gboolean bad_members = kind == TR_SUBJECT_AGGREGATE && fourth[0] != '\0'
                             && strcmp (fourth, "eu_member") != 0;
      if (row->cells[0].text[0] == '\0' || row->cells[1].text[0] == '\0'
          || g_hash_table_contains (table->by_code, code) || bad_members)
        {
          g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                       "%s:%u: found the %s '%s' with the name '%s' and the %s '%s'; "
                       "expected a new %s, a name and %s",
                       name, row->line, kind == TR_SUBJECT_AGGREGATE ? "code" : "id",
                       row->cells[0].text, row->cells[1].text, extra, fourth,
                       kind == TR_SUBJECT_AGGREGATE ? "code" : "id",
                       kind == TR_SUBJECT_AGGREGATE ? "the members eu_member or none"
                                                    : "a parent id or none");
          return FALSE;
        }
      TrCountry *entry = g_new0 (TrCountry, 1);
      entry->kind = kind;
      entry->code = g_string_chunk_insert_const (table->strings, code);
      entry->alpha3 = entry->eu_code = "";
      entry->name_en = entry->name_fr = entry->name_de
          = g_string_chunk_insert_const (table->strings, row->cells[1].text);
      if (kind == TR_SUBJECT_AGGREGATE)
        entry->eu_members = fourth[0] != '\0';
      else if (fourth[0] != '\0')
        {
          g_autofree char *parent = g_strconcat (prefix, fourth, NULL);
          entry->parent = g_string_chunk_insert_const (table->strings, parent);
        }
      g_ptr_array_add (table->entries, entry);
      g_hash_table_insert (table->by_code, (gpointer) entry->code, entry);
      g_auto (GStrv) aliases = g_strsplit (row->cells[2].text, ";", -1);
      if (!add_subject_key (table, entry->code, entry, name, row->line, error)
          || !add_subject_key (table, entry->name_en, entry, name, row->line, error))
        return FALSE;
      for (char **alias = aliases; *alias != NULL; alias++)
        if (**alias != '\0' && !add_subject_key (table, *alias, entry, name, row->line, error))
          return FALSE;
    }
  *csv_out = g_steal_pointer (&csv);
  return TRUE;
}

/* Reads organisations.csv (id, name, aliases separated by ';', parent id): each organisation
 * is an entry of code "org:" + id. */
static gboolean
load_organisations (TrCountryTable *table, const char *data_dir, GError **error)
{
  g_autoptr (TrCsv) csv = NULL;
  if (!load_subjects (table, data_dir, "organisations.csv", TR_SUBJECT_ORGANISATION, "org:",
                      "parent", &csv, error))
    return FALSE;
  g_autofree char *name = g_build_filename ("data", "organisations.csv", NULL);
  /* A parent is an organisation of the file. */
  for (guint r = 1; r < csv->rows->len; r++)
    {
      const TrRow *row = g_ptr_array_index (csv->rows, r);
      g_autofree char *code = g_strconcat ("org:", row->cells[0].text, NULL);
      const TrCountry *entry = g_hash_table_lookup (table->by_code, code);
      const TrCountry *parent
          = entry->parent != NULL ? g_hash_table_lookup (table->by_code, entry->parent) : NULL;
      if (entry->parent != NULL && (parent == NULL || parent == entry))
        {
          g_set_error (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FORMAT,
                       "%s:%u: found the parent '%s'; expected the id of another organisation "
                       "of the file",
                       name, row->line, row->cells[3].text);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads aggregates.csv (code, name, aliases separated by ';', members): members is
 * `eu_member` (the countries countries.csv marks so) or empty (not defined). */
static gboolean
load_aggregates (TrCountryTable *table, const char *data_dir, GError **error)
{
  g_autoptr (TrCsv) csv = NULL;
  return load_subjects (table, data_dir, "aggregates.csv", TR_SUBJECT_AGGREGATE, "", "members",
                        &csv, error);
}

gboolean
tr_country_table_members (const TrCountryTable *table, const TrCountry *aggregate,
                          GPtrArray *codes)
{
  if (aggregate == NULL || aggregate->kind != TR_SUBJECT_AGGREGATE || !aggregate->eu_members)
    return FALSE;
  for (guint i = 0; i < table->entries->len; i++)
    {
      const TrCountry *c = g_ptr_array_index (table->entries, i);
      if (c->eu_member && tr_subject_is_country (c))
        g_ptr_array_add (codes, (gpointer) c->code);
    }
  return TRUE;
}

TrCountryTable *
tr_country_table_load (const char *data_dir, GError **error)
{
  g_autoptr (TrCountryTable) table = g_new0 (TrCountryTable, 1);
  table->entries = g_ptr_array_new_with_free_func (g_free);
  table->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  table->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  table->strings = g_string_chunk_new (8192);
  table->pieces = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  table->scratch = g_string_sized_new (256);
  if (!load_entries (table, data_dir, "countries.csv", error)
      || !load_entries (table, data_dir, "country-exceptions.csv", error))
    return NULL;
  g_ptr_array_sort (table->entries, compare_entries);

  /* Codes first, then names in English, French and German: an earlier key wins. */
  for (guint i = 0; i < table->entries->len; i++)
    {
      const TrCountry *e = g_ptr_array_index (table->entries, i);
      add_key (table, e->code, e);
      add_key (table, e->alpha3, e);
      add_key (table, e->eu_code, e);
    }
  for (guint i = 0; i < table->entries->len; i++)
    add_key (table, ((const TrCountry *) g_ptr_array_index (table->entries, i))->name_en,
             g_ptr_array_index (table->entries, i));
  for (guint i = 0; i < table->entries->len; i++)
    add_key (table, ((const TrCountry *) g_ptr_array_index (table->entries, i))->name_fr,
             g_ptr_array_index (table->entries, i));
  for (guint i = 0; i < table->entries->len; i++)
    add_key (table, ((const TrCountry *) g_ptr_array_index (table->entries, i))->name_de,
             g_ptr_array_index (table->entries, i));
  /* Names in the EU's other official languages: generated so that none names two entries. */
  if (!load_aliases (table, data_dir, "country-names.csv", TRUE, error)
      || !load_aliases (table, data_dir, "country-common-names.csv", FALSE, error)
      || !load_aliases (table, data_dir, "country-aliases.csv", TRUE, error)
      || !load_organisations (table, data_dir, error)
      || !load_aggregates (table, data_dir, error))
    return NULL;
  g_ptr_array_sort (table->entries, compare_entries);
  /* Lookups may come from several threads (tr_records_read()): nothing is written now. */
  g_clear_pointer (&table->pieces, g_hash_table_unref);
  g_string_free (g_steal_pointer (&table->scratch), TRUE);
  return g_steal_pointer (&table);
}

const TrCountry *
tr_country_table_lookup (const TrCountryTable *table, const char *label)
{
  g_autofree char *key = tr_country_key (label != NULL ? label : "");
  return g_hash_table_lookup (table->by_key, key);
}

const TrCountry *
tr_country_table_get (const TrCountryTable *table, const char *code)
{
  return g_hash_table_lookup (table->by_code, code);
}

const GPtrArray *
tr_country_table_entries (const TrCountryTable *table)
{
  return table->entries;
}
