/* test-country.c — CUnit tests of the country reference: loading, label lookup, keys, and every label of the EU report and of NCMEC's table. */
#include <CUnit/Basic.h>
#include <csv.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "country.h"

static const char *data_dir;   /* $TIPRECON_DATA_DIR, else argv[1], else "data" */
static const char *ncmec_csv;  /* $TIPRECON_NCMEC_CSV, else argv[2], else data/ncmec-reports-by-country-2019-2024.csv */
static TrCountryTable *table;  /* loaded from data_dir */

/* Asserts that `label` names the entry whose code is `code`, and says which label failed. */
static void
assert_code (const char *label, const char *code)
{
  const TrCountry *c = tr_country_table_lookup (table, label);
  CU_ASSERT_PTR_NOT_NULL (c);
  if (c == NULL)
    fprintf (stderr, "\n  '%s' is unknown, expected %s\n", label, code);
  else if (strcmp (c->code, code) != 0)
    {
      fprintf (stderr, "\n  '%s' gives %s, expected %s\n", label, c->code, code);
      CU_FAIL ("wrong entry");
    }
}

/* ---- The EU report's labels ---- */

static void
test_report_codes (void)
{
  static const char *const codes[] = { "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                       "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
                                       "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK" };
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      assert_code (codes[i], codes[i]);
      const TrCountry *c = tr_country_table_lookup (table, codes[i]);
      CU_ASSERT (c != NULL && c->eu_member && !c->pseudo);
    }
  assert_code ("EL", "GR");
  CU_ASSERT_TRUE (tr_country_table_lookup (table, "EL")->eu_member);
  assert_code ("UK", "GB");
  CU_ASSERT_FALSE (tr_country_table_lookup (table, "UK")->eu_member);
}

static void
test_report_french_names (void)
{
  static const char *const french[][2] = {
    { "Autriche", "AT" }, { "Belgique", "BE" }, { "Bulgarie", "BG" }, { "Croatie", "HR" },
    { "Chypre", "CY" },   { "Tchéquie", "CZ" }, { "Danemark", "DK" }, { "Estonie", "EE" },
    { "Finlande", "FI" }, { "France", "FR" },   { "Allemagne", "DE" }, { "Grèce", "GR" },
    { "Hongrie", "HU" },  { "Irlande", "IE" },  { "Italie", "IT" },   { "Lettonie", "LV" },
    { "Lituanie", "LT" }, { "Luxembourg", "LU" }, { "Malte", "MT" },  { "Pays-Bas", "NL" },
    { "Pologne", "PL" },  { "Portugal", "PT" }, { "Roumanie", "RO" }, { "Slovaquie", "SK" },
    { "Slovénie", "SI" }, { "Espagne", "ES" },  { "Suède", "SE" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (french); i++)
    assert_code (french[i][0], french[i][1]);
  assert_code ("Tchéquie, République", "CZ");
  assert_code ("République tchèque", "CZ");
}

/* ---- Names, short forms, insensitivity ---- */

static void
test_three_languages (void)
{
  static const char *const names[][4] = {
    { "CZ", "Czechia", "Tchéquie", "Tschechien" },
    { "GR", "Greece", "Grèce", "Griechenland" },
    { "DE", "Germany", "Allemagne", "Deutschland" },
    { "NL", "Netherlands", "Pays-Bas", "Niederlande" },
    { "AT", "Austria", "Autriche", "Österreich" },
    { "SE", "Sweden", "Suède", "Schweden" },
    { "HU", "Hungary", "Hongrie", "Ungarn" },
    { "CY", "Cyprus", "Chypre", "Zypern" },
    { "GB", "United Kingdom", "Royaume-Uni", "Vereinigtes Königreich" },
    { "US", "United States", "États-Unis", "Vereinigte Staaten" },
    { "ES", "Spain", "Espagne", "Spanien" },
    { "MK", "North Macedonia", "Macédoine du Nord", "Nordmazedonien" },
    { "XK", "Kosovo", "Kosovo", "Kosovo" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      for (guint k = 1; k < 4; k++)
        assert_code (names[i][k], names[i][0]);
      const TrCountry *c = tr_country_table_get (table, names[i][0]);
      CU_ASSERT_PTR_NOT_NULL_FATAL (c);
      CU_ASSERT_STRING_EQUAL (c->name_en, names[i][1]);
      CU_ASSERT_STRING_EQUAL (c->name_fr, names[i][2]);
      CU_ASSERT_STRING_EQUAL (c->name_de, names[i][3]);
    }
}

static void
test_short_forms (void)
{
  static const char *const forms[][2] = {
    { "CZE", "CZ" },          { "Czech Republic", "CZ" }, { "Slovakia", "SK" },
    { "Slovak Republic", "SK" }, { "the Netherlands", "NL" }, { "Holland", "NL" },
    { "GRC", "GR" },          { "Great Britain", "GB" },  { "GBR", "GB" },
    { "USA", "US" },          { "US", "US" },             { "United States of America", "US" },
    { "Russia", "RU" },       { "South Korea", "KR" },    { "North Korea", "KP" },
    { "Iran", "IR" },         { "Syria", "SY" },          { "Vietnam", "VN" },
    { "Bolivia", "BO" },      { "Venezuela", "VE" },      { "Tanzania", "TZ" },
    { "Moldova", "MD" },      { "Laos", "LA" },           { "Türkiye", "TR" },
    { "Turkey", "TR" },       { "Türkei", "TR" },         { "Ivory Coast", "CI" },
    { "Côte d'Ivoire", "CI" }, { "Côte d’Ivoire", "CI" }, { "Cape Verde", "CV" },
    { "Cabo Verde", "CV" },   { "Vatican", "VA" },        { "Holy See", "VA" },
    { "Palestine", "PS" },    { "Taiwan", "TW" },         { "Micronesia", "FM" },
    { "Swaziland", "SZ" },    { "Eswatini", "SZ" },       { "Burma", "MM" },
    { "Kosovo*", "XK" },      { "XKX", "XK" },            { "DRC", "CD" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (forms); i++)
    assert_code (forms[i][0], forms[i][1]);
}

static void
test_insensitivity (void)
{
  assert_code ("GRÈCE", "GR");
  assert_code ("grece", "GR");
  assert_code ("  Pays-Bas  ", "NL");
  assert_code ("pays-bas", "NL");
  assert_code ("PAYS-BAS", "NL");
  assert_code ("Tche\xCC\x81quie", "CZ");           /* decomposed é */
  assert_code ("Slov\u00E9nie\u00A0", "SI");        /* trailing no-break space */
  assert_code ("Royaume-Uni\u202F", "GB");               /* trailing narrow no-break space */
  assert_code ("United   Kingdom", "GB");
  assert_code ("United\u00A0Kingdom", "GB");
  assert_code ("\tunited kingdom\n", "GB");
  assert_code ("AT¹", "AT");
  assert_code ("Autriche¹²", "AT");
  assert_code ("Belgique ³", "BE");
  assert_code ("Bel⁴gique", "BE");
  assert_code ("at", "AT");
  assert_code ("el", "GR");
  assert_code ("ÖSTERREICH", "AT");
  assert_code ("osterreich", "AT");
  assert_code ("GROSSBRITANNIEN", "GB");
}

static void
test_unknown (void)
{
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "Atlantis"));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, ""));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "   "));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "¹"));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, NULL));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "Total"));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "TOTAL"));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "Pays"));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "EU"));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "Czech"));
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (table, "Pays-Bas Pays-Bas"));
  CU_ASSERT_PTR_NULL (tr_country_table_get (table, "EL"));
  CU_ASSERT_PTR_NULL (tr_country_table_get (table, "gr"));
  CU_ASSERT_PTR_NULL (tr_country_table_get (table, "GRC"));
  CU_ASSERT_PTR_NULL (tr_country_table_get (table, NULL));
}

static void
test_key (void)
{
  static const char *const cases[][2] = {
    { "  Pays-Bas¹  ", "pays-bas" },
    { "A\u00A0\u202F  B", "a b" },
    { "Gr\u00E8ce\u00B2\u00B3", "grece" },
    { "Gre\xCC\x80" "ce", "grece" },
    { "Straße", "strasse" },
    { "Ko\u00ADso\u200Bvo", "kosovo" },
    { "\u2070\u00B9\u2074\u2079", "" },
    { "CZ", "cz" },
    { "", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = tr_country_key (cases[i][0]);
      CU_ASSERT_STRING_EQUAL (key, cases[i][1]);
    }
  g_autofree char *null_key = tr_country_key (NULL);
  CU_ASSERT_STRING_EQUAL (null_key, "");
  g_autofree char *invalid = tr_country_key ("Gr\xFF" "ece");
  CU_ASSERT_TRUE (g_utf8_validate (invalid, -1, NULL));
}

/* ---- Entries ---- */

static void
test_entries (void)
{
  const GPtrArray *entries = tr_country_table_entries (table);
  guint iso = 0, pseudo = 0, eu = 0;
  for (guint i = 0; i < entries->len; i++)
    {
      const TrCountry *c = g_ptr_array_index (entries, i);
      if (i > 0)
        CU_ASSERT (strcmp (((const TrCountry *) g_ptr_array_index (entries, i - 1))->code,
                           c->code) < 0);
      CU_ASSERT_PTR_EQUAL (tr_country_table_get (table, c->code), c);
      if (c->pseudo)
        {
          pseudo++;
          CU_ASSERT_EQUAL (strlen (c->code), 3);
          CU_ASSERT_FALSE (c->eu_member);
        }
      else
        {
          CU_ASSERT_EQUAL (strlen (c->code), 2);
          iso += strcmp (c->code, "XK") != 0;
        }
      eu += c->eu_member;
      if (strcmp (c->code, "GR") != 0 && strcmp (c->code, "GB") != 0)
        CU_ASSERT_STRING_EQUAL (c->eu_code, c->code);
    }
  CU_ASSERT_EQUAL (iso, 249);
  CU_ASSERT_PTR_NOT_NULL (tr_country_table_get (table, "XK"));
  CU_ASSERT_EQUAL (entries->len, 249 + 1 + 3);
  CU_ASSERT_EQUAL (pseudo, 3);
  CU_ASSERT_EQUAL (eu, 27);
  const TrCountry *gr = tr_country_table_get (table, "GR");
  CU_ASSERT_PTR_NOT_NULL_FATAL (gr);
  CU_ASSERT_STRING_EQUAL (gr->eu_code, "EL");
  CU_ASSERT_STRING_EQUAL (gr->alpha3, "GRC");
  CU_ASSERT_STRING_EQUAL (tr_country_table_get (table, "GB")->eu_code, "UK");
  const TrCountry *xk = tr_country_table_get (table, "XK");
  CU_ASSERT_STRING_EQUAL (xk->alpha3, "XKX");
  CU_ASSERT_FALSE (xk->pseudo);
  CU_ASSERT_FALSE (xk->eu_member);
  const TrCountry *xnc = tr_country_table_get (table, "XNC");
  CU_ASSERT_PTR_NOT_NULL_FATAL (xnc);
  CU_ASSERT_TRUE (xnc->pseudo);
  CU_ASSERT_STRING_EQUAL (xnc->alpha3, "");
  CU_ASSERT_STRING_EQUAL (xnc->name_en, "No Country Listed");
  CU_ASSERT_TRUE (tr_country_table_get (table, "EEE")->pseudo);
  CU_ASSERT_TRUE (tr_country_table_get (table, "ANT")->pseudo);
}

/* ---- NCMEC's table ---- */

typedef struct {
  GPtrArray *rows;  /* GStrv: the cells of each row, header first */
  GPtrArray *cells; /* char *, the row being read */
} NcmecReader;

static void
ncmec_field (void *s, size_t len, void *data)
{
  NcmecReader *reader = data;
  g_ptr_array_add (reader->cells, g_strndup (s != NULL ? s : "", len));
}

static void
ncmec_row (int c, void *data)
{
  (void) c;
  NcmecReader *reader = data;
  g_ptr_array_add (reader->cells, NULL);
  g_ptr_array_add (reader->rows, g_ptr_array_free (reader->cells, FALSE));
  reader->cells = g_ptr_array_new_with_free_func (g_free);
}

/* The rows of a CSV file (GStrv each, header first), or NULL when it cannot be read or parsed. */
static GPtrArray *
read_ncmec (const char *path)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  if (!g_file_get_contents (path, &text, &length, NULL))
    return NULL;
  struct csv_parser parser;
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    return NULL;
  NcmecReader reader = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev),
                         g_ptr_array_new_with_free_func (g_free) };
  gboolean ok = csv_parse (&parser, text, length, ncmec_field, ncmec_row, &reader) == length
                && csv_fini (&parser, ncmec_field, ncmec_row, &reader) == 0;
  csv_free (&parser);
  g_ptr_array_unref (reader.cells);
  if (!ok)
    g_clear_pointer (&reader.rows, g_ptr_array_unref);
  return reader.rows;
}

/* Every label and every non-blank ISO3 code of NCMEC's by-country table resolves, to the same
 * entry both ways; the pseudo-entries are pseudo. */
static void
test_ncmec_table (void)
{
  g_autoptr (GPtrArray) rows = read_ncmec (ncmec_csv);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rows);
  CU_ASSERT_EQUAL (rows->len, 1 + 252);
  char **header = g_ptr_array_index (rows, 0);
  CU_ASSERT_FATAL (g_strv_length (header) >= 2);
  CU_ASSERT_STRING_EQUAL (header[0], "country");
  CU_ASSERT_STRING_EQUAL (header[1], "iso3");
  guint pseudo = 0;
  for (guint r = 1; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      CU_ASSERT_FATAL (g_strv_length (cells) >= 2);
      const TrCountry *by_name = tr_country_table_lookup (table, cells[0]);
      CU_ASSERT_PTR_NOT_NULL (by_name);
      if (by_name == NULL)
        {
          fprintf (stderr, "\n  NCMEC's '%s' is unknown\n", cells[0]);
          continue;
        }
      pseudo += by_name->pseudo;
      if (cells[1][0] == '\0')
        continue;
      const TrCountry *by_code = tr_country_table_lookup (table, cells[1]);
      CU_ASSERT_PTR_EQUAL (by_code, by_name);
      if (by_code != by_name)
        fprintf (stderr, "\n  NCMEC's '%s' gives %s but its code %s gives %s\n", cells[0],
                 by_name->code, cells[1], by_code != NULL ? by_code->code : "nothing");
    }
  CU_ASSERT_EQUAL (pseudo, 3);
}

static void
test_ncmec_spot_checks (void)
{
  static const char *const cases[][2] = {
    { "Romania/Rumania", "RO" },  { "Eretria", "ER" },       { "Sierre Leone", "SL" },
    { "Guiana, French", "GF" },   { "French Guiana", "GF" }, { "GUF", "GF" },
    { "Kosovo", "XK" },           { "XKX", "XK" },           { "Burma/Myanmar", "MM" },
    { "Swaziland", "SZ" },        { "Macedonia", "MK" },     { "Turks and Calcos Islands", "TC" },
    { "Bahrain/Bahrein", "BH" },  { "Czech Republic", "CZ" }, { "Yemen Arab Republic", "YE" },
    { "Cote d'Ivoire (Ivory Coast)", "CI" },                  { "Vatican City", "VA" },
    { "Palestinian Territory", "PS" },                        { "People's Republic of China", "CN" },
    { "Saint Bartelemey", "BL" }, { "Aland Islands", "AX" },  { "Curaçao", "CW" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_code (cases[i][0], cases[i][1]);
  static const char *const pseudo[][2] = {
    { "No Country Listed", "XNC" }, { "Europe", "EEE" }, { "EEE", "EEE" },
    { "Netherlands Antilles", "ANT" }, { "ANT", "ANT" }, { "XNC", "XNC" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (pseudo); i++)
    {
      assert_code (pseudo[i][0], pseudo[i][1]);
      const TrCountry *c = tr_country_table_lookup (table, pseudo[i][0]);
      CU_ASSERT (c != NULL && c->pseudo);
    }
  CU_ASSERT_FALSE (tr_country_table_lookup (table, "Kosovo")->pseudo);
}

/* ---- Load errors ---- */

static const char *const data_files[] = { "countries.csv", "country-exceptions.csv",
                                          "country-common-names.csv", "country-aliases.csv" };

/* Loads a copy of the reference whose file `file` reads `text` instead. Returns the table, or
 * NULL with *error set; the copy is removed. */
static TrCountryTable *
load_variant (const char *file, const char *text, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-country-XXXXXX", &local);
  g_assert_no_error (local);
  for (gsize i = 0; i < G_N_ELEMENTS (data_files); i++)
    {
      g_autofree char *from = g_build_filename (data_dir, data_files[i], NULL);
      g_autofree char *to = g_build_filename (dir, data_files[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      if (strcmp (data_files[i], file) == 0)
        g_file_set_contents (to, text, -1, &local);
      else if (g_file_get_contents (from, &contents, &length, &local))
        g_file_set_contents (to, contents, (gssize) length, &local);
      g_assert_no_error (local);
    }
  TrCountryTable *variant = tr_country_table_load (dir, error);
  for (gsize i = 0; i < G_N_ELEMENTS (data_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, data_files[i], NULL);
      g_remove (path);
    }
  g_rmdir (dir);
  return variant;
}

/* Asserts that the variant fails to load with `code` and a message containing `where`. */
static void
assert_load_error (const char *file, const char *text, TrCountryError code, const char *where)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCountryTable) variant = load_variant (file, text, &error);
  CU_ASSERT_PTR_NULL (variant);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  CU_ASSERT_TRUE (g_error_matches (error, TR_COUNTRY_ERROR, code));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, where));
  if (strstr (error->message, where) == NULL)
    fprintf (stderr, "\n  '%s' does not name %s\n", error->message, where);
}

static void
test_load_errors (void)
{
  /* An alias must not take an official name, code or common name from another entry. */
  assert_load_error ("country-aliases.csv", "label,code\nGermania,DE\nAllemagne,FR\n",
                     TR_COUNTRY_ERROR_FORMAT, "country-aliases.csv:3:");
  assert_load_error ("country-aliases.csv", "label,code\n\nGreat Britain,GB\nel,GB\n",
                     TR_COUNTRY_ERROR_FORMAT, "country-aliases.csv:4:");
  assert_load_error ("country-aliases.csv", "label,code\nIran,IQ\n", TR_COUNTRY_ERROR_FORMAT,
                     "country-aliases.csv:2:");
  /* ... nor name an unknown code, nor be blank. */
  assert_load_error ("country-aliases.csv", "label,code\nAtlantis,QQ\n",
                     TR_COUNTRY_ERROR_FORMAT, "country-aliases.csv:2:");
  assert_load_error ("country-aliases.csv", "label,code\nGermania,DE\n\"¹ \",DE\n",
                     TR_COUNTRY_ERROR_FORMAT, "country-aliases.csv:3:");
  assert_load_error ("country-aliases.csv", "label,kode\n", TR_COUNTRY_ERROR_FORMAT,
                     "country-aliases.csv:1:");
  assert_load_error ("country-aliases.csv", "label,code\nGermania,DE,x\n",
                     TR_COUNTRY_ERROR_FORMAT, "country-aliases.csv:2:");
  assert_load_error ("country-aliases.csv", "label,code\n\"Ger\"mania,DE\n",
                     TR_COUNTRY_ERROR_FORMAT, "country-aliases.csv:2:");
  assert_load_error ("country-aliases.csv", "label,code\nGermania,DE\n\"Germ\nania,DE\n",
                     TR_COUNTRY_ERROR_FORMAT, "country-aliases.csv:3:");
  assert_load_error ("country-aliases.csv", "label,code\nGr\xFF" "ce,GR\n",
                     TR_COUNTRY_ERROR_FORMAT, "country-aliases.csv:2:");
  /* An exception's codes must be its own; a pseudo code has three letters. */
  static const char *const header
      = "code,alpha3,name_en,name_fr,name_de,eu_code,eu_member,kind\n";
  g_autofree char *clash = g_strconcat (header, "XK,FRA,Kosovo,Kosovo,Kosovo,XK,0,country\n", NULL);
  assert_load_error ("country-exceptions.csv", clash, TR_COUNTRY_ERROR_FORMAT,
                     "country-exceptions.csv:2:");
  g_autofree char *twice = g_strconcat (header, "FR,,France,France,Frankreich,FR,1,country\n", NULL);
  assert_load_error ("country-exceptions.csv", twice, TR_COUNTRY_ERROR_FORMAT,
                     "country-exceptions.csv:2:");
  g_autofree char *short_pseudo = g_strconcat (header, "XN,,None,,,XN,0,pseudo\n", NULL);
  assert_load_error ("country-exceptions.csv", short_pseudo, TR_COUNTRY_ERROR_FORMAT,
                     "country-exceptions.csv:2:");
  g_autofree char *kind = g_strconcat (header, "XK,XKX,Kosovo,,,XK,0,region\n", NULL);
  assert_load_error ("country-exceptions.csv", kind, TR_COUNTRY_ERROR_FORMAT,
                     "country-exceptions.csv:2:");
  /* A missing file. */
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCountryTable) none = tr_country_table_load ("/nonexistent/tiprecon", &error);
  CU_ASSERT_PTR_NULL (none);
  CU_ASSERT_TRUE (g_error_matches (error, TR_COUNTRY_ERROR, TR_COUNTRY_ERROR_FILE));
  CU_ASSERT_PTR_NOT_NULL (error != NULL ? strstr (error->message, "countries.csv") : NULL);
}

static void
test_load_variants (void)
{
  /* An alias may repeat its own entry's name; blank lines are skipped; CRLF and a BOM are fine;
   * an exception with a blank French or German name falls back to the English one. */
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCountryTable) variant
      = load_variant ("country-aliases.csv",
                      "\xEF\xBB\xBFlabel,code\r\nDeutschland,DE\r\n\r\n\"Germania\",DE\r\n", &error);
  g_assert_no_error (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (variant);
  CU_ASSERT_STRING_EQUAL (tr_country_table_lookup (variant, "germania")->code, "DE");
  CU_ASSERT_PTR_NULL (tr_country_table_lookup (variant, "Holland"));
  g_autoptr (TrCountryTable) bare
      = load_variant ("country-exceptions.csv",
                      "code,alpha3,name_en,name_fr,name_de,eu_code,eu_member,kind\n"
                      "XK,XKX,Kosovo,,,,0,country\n"
                      "XNC,,No Country Listed,,,,0,pseudo\n"
                      "EEE,EEE,Europe,,,,0,pseudo\n"
                      "ANT,ANT,Netherlands Antilles,,,,0,pseudo\n",
                      &error);
  g_assert_no_error (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (bare);
  const TrCountry *xk = tr_country_table_get (bare, "XK");
  CU_ASSERT_STRING_EQUAL (xk->name_de, "Kosovo");
  CU_ASSERT_STRING_EQUAL (xk->eu_code, "XK");
}

int
main (int argc, char **argv)
{
  data_dir = g_getenv ("TIPRECON_DATA_DIR");
  if (data_dir == NULL)
    data_dir = argc > 1 ? argv[1] : "data";
  ncmec_csv = g_getenv ("TIPRECON_NCMEC_CSV");
  if (ncmec_csv == NULL)
    ncmec_csv = argc > 2 ? argv[2] : "data/ncmec-reports-by-country-2019-2024.csv";
  g_autoptr (GError) error = NULL;
  table = tr_country_table_load (data_dir, &error);
  if (table == NULL)
    {
      fprintf (stderr, "test-country: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (CU_initialize_registry () != CUE_SUCCESS)
    {
      tr_country_table_free (table);
      return EXIT_FAILURE;
    }
  CU_pSuite suite = CU_add_suite ("country", NULL, NULL);
  CU_add_test (suite, "codes of the report's tables", test_report_codes);
  CU_add_test (suite, "French names of Table 7", test_report_french_names);
  CU_add_test (suite, "English, French and German names", test_three_languages);
  CU_add_test (suite, "short forms and aliases", test_short_forms);
  CU_add_test (suite, "case, accents, white space, footnotes", test_insensitivity);
  CU_add_test (suite, "unknown labels", test_unknown);
  CU_add_test (suite, "keys", test_key);
  CU_add_test (suite, "entries", test_entries);
  CU_add_test (suite, "every label and code of NCMEC's table", test_ncmec_table);
  CU_add_test (suite, "NCMEC's aliases, misspellings and pseudo-entries", test_ncmec_spot_checks);
  CU_add_test (suite, "load errors name file:line", test_load_errors);
  CU_add_test (suite, "load variants", test_load_variants);
  CU_basic_set_mode (CU_BRM_VERBOSE);
  CU_basic_run_tests ();
  unsigned failures = CU_get_number_of_failures ();
  CU_ErrorCode status = CU_get_error ();
  CU_cleanup_registry ();
  tr_country_table_free (table);
  return failures == 0 && status == CUE_SUCCESS ? EXIT_SUCCESS : EXIT_FAILURE;
}
