/* test-catalogue.c — unit tests of the catalogue of sources: data/sources.ini and its errors. */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "comparison.h"
#include "testutil.h"

/* A complete table source, to build the files of the tests from. */
#define TABLE_6                                                                               \
  "[com740-t6]\n"                                                                             \
  "kind = table\n"                                                                            \
  "name = Reports declared\n"                                                                 \
  "publisher = European Commission\n"                                                         \
  "document = COM(2025) 740\n"                                                                \
  "section = 2.2.1\n"                                                                         \
  "table = 6\n"                                                                               \
  "licence = Commission Decision 2011/833/EU\n"                                               \
  "citation = COM(2025) 740, Table 6\n"                                                       \
  "file = table6.csv\n"                                                                       \
  "series = declared\n"                                                                       \
  "measure = reports\n"

/* The error of loading `text` as a catalogue, with the scratch path replaced by "S", or ""
 * when it loads. Newly allocated. */
static char *
load_error (const char *text)
{
  g_autofree char *path = tr_test_write_file ("sources.ini", text);
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCatalogue) catalogue = tr_catalogue_load (path, "/data", &error);
  if (catalogue != NULL)
    return g_strdup ("");
  CU_ASSERT_TRUE (g_str_has_prefix (error->message, path));
  return g_strconcat ("S", error->message + strlen (path), NULL);
}

static void
assert_error (const char *text, const char *expected)
{
  g_autofree char *message = load_error (text);
  CU_ASSERT_STRING_EQUAL (message, expected);
  if (strcmp (message, expected) != 0)
    fprintf (stderr, "\n  got:      %s\n  expected: %s\n", message, expected);
}

static void
test_fields (void)
{
  g_autofree char *path = tr_test_write_file (
      "sources.ini", "# comment\n" TABLE_6 "\n[com740-t6-remarks]\nkind = remark\n"
                     "name = Remarks\npublisher = European Commission\n"
                     "licence = Commission Decision 2011/833/EU\n"
                     "citation = COM(2025) 740, remarks under Table 6\nof = com740-t6\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCatalogue) catalogue = tr_catalogue_load (path, "/data", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (catalogue);
  CU_ASSERT_EQUAL (tr_catalogue_sources (catalogue)->len, 2);
  const TrSource *t6 = tr_catalogue_get (catalogue, "com740-t6");
  CU_ASSERT_PTR_NOT_NULL_FATAL (t6);
  CU_ASSERT_EQUAL (t6->kind, TR_SOURCE_TABLE);
  CU_ASSERT_STRING_EQUAL (t6->citation, "COM(2025) 740, Table 6");
  CU_ASSERT_STRING_EQUAL (t6->section, "2.2.1");
  CU_ASSERT_STRING_EQUAL (t6->table, "6");
  CU_ASSERT_PTR_NULL (t6->page);
  CU_ASSERT_STRING_EQUAL (t6->path, "/data/table6.csv");
  CU_ASSERT_STRING_EQUAL (t6->series, "declared");
  CU_ASSERT_STRING_EQUAL (t6->role, "declared");
  const TrSource *remarks = tr_catalogue_get (catalogue, "com740-t6-remarks");
  CU_ASSERT_PTR_NOT_NULL_FATAL (remarks);
  CU_ASSERT_EQUAL (remarks->kind, TR_SOURCE_REMARK);
  CU_ASSERT_PTR_EQUAL (remarks->of, t6);
  CU_ASSERT_PTR_NULL (remarks->path);
}

static void
test_missing_key (void)
{
  assert_error ("[a]\nkind = table\nname = A\npublisher = P\nlicence = L\n",
                "S:1: found [a] with no citation; expected a value");
  assert_error ("[a]\nkind = table\nname = A\npublisher = P\nlicence = L\ncitation =\n",
                "S:6: found [a] with an empty citation; expected a value");
  assert_error (TABLE_6 "[r]\nkind = remark\nname = R\npublisher = P\nlicence = L\n"
                        "citation = C\n",
                "S:13: found [r] with no of; expected a value");
  assert_error ("[a]\nkind = table\nname = A\npublisher = P\nlicence = L\ncitation = C\n"
                "file = a.csv\n",
                "S:1: found [a] with no series; expected file and series together");
}

static void
test_unknown_kind_and_key (void)
{
  assert_error ("[a]\nname = A\nkind = spreadsheet\npublisher = P\nlicence = L\ncitation = C\n",
                "S:3: found kind = spreadsheet in [a]; expected table, remark, prose, document "
                "or dataset (a user's file is given on the command line)");
  assert_error ("[a]\nkind = user\nname = A\npublisher = P\nlicence = L\ncitation = C\n",
                "S:2: found kind = user in [a]; expected table, remark, prose, document or "
                "dataset (a user's file is given on the command line)");
  assert_error ("[a]\nkind = table\nname = A\npublisher = P\nlicence = L\ncitation = C\n"
                "license = L\n",
                "S:7: found the key 'license' in [a]; expected kind, name, publisher, licence, "
                "citation, document, section, table, page, file, layout, series, role, "
                "measure, on-duplicate, of or label");
  assert_error (TABLE_6 "role = both\n",
                "S:13: found role = both in [com740-t6]; expected reference, declared or "
                "context");
}

static void
test_duplicate_identity (void)
{
  /* GKeyFile would merge the two groups into one: the catalogue refuses them. */
  assert_error (TABLE_6 "\n" TABLE_6,
                "S:14: found the source [com740-t6] a second time; expected each identity once "
                "(the first is on line 1)");
}

static void
test_remark_of_unknown_table (void)
{
  assert_error (TABLE_6 "[r]\nkind = remark\nname = R\npublisher = P\nlicence = L\n"
                        "citation = C\nof = com740-t7\n",
                "S:19: found of = com740-t7 in [r]; expected a table or dataset of the "
                "catalogue");
}

static void
test_user_sources (void)
{
  g_autofree char *path = tr_test_write_file ("sources.ini", TABLE_6);
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCatalogue) catalogue = tr_catalogue_load (path, "/data", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (catalogue);
  const TrSource *mine = tr_catalogue_add_user (catalogue, "dir/mine.csv",
                                                "Ministry of Justice 2024", "declared", NULL,
                                                &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (mine);
  CU_ASSERT_STRING_EQUAL (mine->identity, "user:Ministry of Justice 2024");
  CU_ASSERT_STRING_EQUAL (mine->citation, "Ministry of Justice 2024");
  CU_ASSERT_STRING_EQUAL (mine->path, "dir/mine.csv");
  CU_ASSERT_STRING_EQUAL (mine->label, "Ministry of Justice 2024");
  CU_ASSERT_EQUAL (mine->kind, TR_SOURCE_USER);
  const TrSource *plain
      = tr_catalogue_add_user (catalogue, "other.csv", NULL, "reference", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (plain);
  CU_ASSERT_STRING_EQUAL (plain->identity, "user:other.csv");
  CU_ASSERT_STRING_EQUAL (plain->citation, "other.csv");
  CU_ASSERT_STRING_EQUAL (plain->label, "other.csv");
  const TrSource *deep
      = tr_catalogue_add_user (catalogue, "../in/deep.csv", NULL, "reference", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (deep);
  CU_ASSERT_STRING_EQUAL (deep->citation, "../in/deep.csv");
  CU_ASSERT_STRING_EQUAL (deep->label, "deep.csv");
  CU_ASSERT_PTR_EQUAL (tr_catalogue_get (catalogue, "user:other.csv"), plain);
  /* Two files cited alike could not be told apart. */
  CU_ASSERT_PTR_NULL (tr_catalogue_add_user (catalogue, "third.csv",
                                             "Ministry of Justice 2024", "declared", NULL,
                                             &error));
  CU_ASSERT_STRING_EQUAL (error->message,
                          "found two declared files cited as 'Ministry of Justice 2024'; "
                          "expected each file of a series cited once (give each its own "
                          "--label)");
  /* One file read as both series is two sources. */
  g_clear_error (&error);
  const TrSource *both
      = tr_catalogue_add_user (catalogue, "other.csv", NULL, "declared", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (both);
  CU_ASSERT_STRING_EQUAL (both->series, "declared");
  CU_ASSERT_PTR_EQUAL (tr_catalogue_get (catalogue, "user:other.csv"), plain);
}

/* The bundled catalogue of the data directory (TIPRECON_DATA_DIR, else data), whose path
 * *data is set to (newly allocated); NULL, its error printed, when it does not load. */
static TrCatalogue *
bundled_catalogue (char **data)
{
  const char *dir = g_getenv ("TIPRECON_DATA_DIR");
  *data = g_strdup (dir != NULL ? dir : "data");
  g_autofree char *path = g_build_filename (*data, "sources.ini", NULL);
  g_autoptr (GError) error = NULL;
  TrCatalogue *catalogue = tr_catalogue_load (path, *data, &error);
  if (catalogue == NULL)
    fprintf (stderr, "\n  %s\n", error->message);
  return catalogue;
}

/* The bundled catalogue loads, and every source that is read names a file that exists. */
static void
test_bundled (void)
{
  g_autofree char *data = NULL;
  g_autoptr (TrCatalogue) catalogue = bundled_catalogue (&data);
  CU_ASSERT_PTR_NOT_NULL_FATAL (catalogue);
  const GPtrArray *sources = tr_catalogue_sources (catalogue);
  for (guint i = 0; i < sources->len; i++)
    {
      const TrSource *s = g_ptr_array_index (sources, i);
      if (s->path != NULL)
        CU_ASSERT_TRUE (g_file_test (s->path, G_FILE_TEST_IS_REGULAR));
    }
  CU_ASSERT_STRING_EQUAL (tr_catalogue_get (catalogue, "com740-t7")->series, "reference");
  CU_ASSERT_STRING_EQUAL (tr_catalogue_get (catalogue, "com740-t7")->label, "NCMEC");
  CU_ASSERT_PTR_EQUAL (tr_catalogue_get (catalogue, "com740-t9-remarks")->of,
                       tr_catalogue_get (catalogue, "com740-t9"));
  /* A secondary document is quoted by statements only: declared, never read. */
  const TrSource *document = tr_catalogue_get (catalogue, "childfocus-csa-qa");
  CU_ASSERT_PTR_NOT_NULL_FATAL (document);
  CU_ASSERT_EQUAL (document->kind, TR_SOURCE_DOCUMENT);
  CU_ASSERT_PTR_NULL (document->path);
  CU_ASSERT_STRING_EQUAL (document->licence, "reuse terms not stated");
}

/* data/comparisons.ini loads against the bundled catalogue; every bad key is an error that
 * names the group and the key. */
static void
test_comparisons (void)
{
  g_autofree char *data = NULL;
  g_autoptr (TrCatalogue) catalogue = bundled_catalogue (&data);
  CU_ASSERT_PTR_NOT_NULL_FATAL (catalogue);
  g_autoptr (GError) error = NULL;
  g_autofree char *bundled = g_build_filename (data, "comparisons.ini", NULL);
  g_autoptr (GPtrArray) list = tr_comparisons_load (bundled, "comparisons.ini", catalogue, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (list);
  CU_ASSERT_EQUAL_FATAL (list->len, 2);
  /* The main one, first: series, not sources, on one measure. */
  TrComparison *main_one = tr_comparisons_main (list);
  CU_ASSERT_PTR_EQUAL (main_one, g_ptr_array_index (list, 0));
  CU_ASSERT_STRING_EQUAL (main_one->reference_series, "reference");
  CU_ASSERT_STRING_EQUAL (main_one->declared_series, "declared");
  CU_ASSERT_STRING_EQUAL (main_one->declared_measure, "reports");
  CU_ASSERT_PTR_NULL (main_one->reference_id);
  const TrComparison *dedup = g_ptr_array_index (list, 1);
  CU_ASSERT_FALSE (dedup->main);
  CU_ASSERT_STRING_EQUAL (dedup->id, "dedup-2024");
  CU_ASSERT_STRING_EQUAL (dedup->reference_measures[0], "referrals");
  CU_ASSERT_STRING_EQUAL (dedup->reference_measures[1], "informational_reports");
  CU_ASSERT_PTR_NULL (dedup->reference_measures[2]);
  CU_ASSERT_EQUAL (dedup->year_from, 2024);
  CU_ASSERT_EQUAL (dedup->year_to, 2024);
  static const char *const head = "[x]\ntitle = t\nreference-words = a\ndeclared-words = b\n";
  static const struct {
    const char *text;
    const char *message;
  } bad[] = {
    { "reference = com740-t6\nreference-measure = reports\ndeclared = com740-t7\n",
      "c.ini: [x] has no declared-measure; expected declared-measure = … (see docs/model.md, "
      "Comparison)" },
    { "reference = com740-t6-remarks\nreference-measure = reports\ndeclared = com740-t7\n"
      "declared-measure = reports\n",
      "c.ini: [x] reference = com740-t6-remarks; expected the identity of a source of figures "
      "in data/sources.ini" },
    { "reference = com740-t6\nreference-measure = reports + \ndeclared = com740-t7\n"
      "declared-measure = reports\n",
      "c.ini: [x] reference-measure = reports +; expected a measure name, or names joined by "
      "'+' (referrals + informational_reports)" },
    { "reference = com740-t6\nreference-measure = reports\ndeclared = com740-t7\n"
      "declared-measure = reports\nyears = 2024-2023\n",
      "c.ini: [x] years = 2024-2023; expected a year or a range of years, 2024 or 2022-2024" },
    { "reference = com740-t6\nreference-measure = reports\ndeclared = com740-t7\n"
      "declared-measure = reports\nyear = 2024\n",
      "c.ini: [x] year; expected one of title, main, reference, reference-series, "
      "reference-measure, reference-words, declared, declared-series, declared-measure, "
      "declared-words, years" },
    /* Every group well formed, but none is the main one. */
    { "reference = com740-t6\nreference-measure = reports\ndeclared = com740-t7\n"
      "declared-measure = reports\n",
      "c.ini: found 0 comparisons with main = true; expected exactly one (the one the rules "
      "judge)" },
    { "main = true\nreference-series = reference\nreference-measure = referrals\n"
      "declared-series = declared\ndeclared-measure = reports\n",
      "c.ini: [x] reference-measure = referrals; expected the declared-measure, reports, in the "
      "main comparison" },
    { "main = true\nreference = com740-t7\nreference-measure = reports\n"
      "declared-series = declared\ndeclared-measure = reports\n",
      "c.ini: [x] reference; expected reference-series and declared-series in the main "
      "comparison" },
    { "main = yes please\nreference-series = reference\n",
      "c.ini: [x] main = yes please; expected true or false" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strconcat (head, bad[i].text, NULL);
      g_autofree char *path = tr_test_write_file ("c.ini", text);
      g_autoptr (GError) inner = NULL;
      g_autoptr (GPtrArray) none = tr_comparisons_load (path, "c.ini", catalogue, &inner);
      CU_ASSERT_PTR_NULL (none);
      CU_ASSERT_PTR_NOT_NULL_FATAL (inner);
      CU_ASSERT_STRING_EQUAL (inner->message, bad[i].message);
      if (strcmp (inner->message, bad[i].message) != 0)
        fprintf (stderr, "\n  %s\n", inner->message);
    }
}

int
main (void)
{
  if (CU_initialize_registry () != CUE_SUCCESS)
    return EXIT_FAILURE;
  CU_pSuite suite = CU_add_suite ("catalogue", NULL, NULL);
  CU_add_test (suite, "fields of a table and its remarks", test_fields);
  CU_add_test (suite, "a missing key", test_missing_key);
  CU_add_test (suite, "an unknown kind or key", test_unknown_kind_and_key);
  CU_add_test (suite, "a duplicate identity", test_duplicate_identity);
  CU_add_test (suite, "a remark of an unknown table", test_remark_of_unknown_table);
  CU_add_test (suite, "users' files", test_user_sources);
  CU_add_test (suite, "the bundled catalogue", test_bundled);
  CU_add_test (suite, "comparisons", test_comparisons);
  return tr_test_run ();
}
