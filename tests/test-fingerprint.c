/* test-fingerprint.c — anomaly fingerprints: the canonical string, its hash (checked against
 * Python's hashlib.sha256 of the same string), what changes it and what does not. */
#include "config.h"

#include <CUnit/Basic.h>
#include <string.h>

#include "catalogue.h"
#include "fingerprint.h"
#include "testutil.h"

static const char *const t6_t7[] = { "com740-t6", "com740-t7", NULL };

/* The canonical string, field by field; identities sorted whatever their order. */
static void
test_canonical (void)
{
  static const char *const t7_t6[] = { "com740-t7", "com740-t6", "com740-t7", NULL };
  g_autofree char *text = tr_fingerprint_canonical ("COVERAGE_LOW", "FR", 2024, "reports",
                                                    t7_t6, NULL);
  CU_ASSERT_STRING_EQUAL (text, "tiprecon-fingerprint-1\nCOVERAGE_LOW\nFR\n2024\nreports\n"
                                "com740-t6 com740-t7\n");
  g_autofree char *none = tr_fingerprint_canonical ("TOTAL_MISMATCH", NULL, 2022, NULL, NULL,
                                                    NULL);
  CU_ASSERT_STRING_EQUAL (none, "tiprecon-fingerprint-1\nTOTAL_MISMATCH\n\n2022\n\n\n");
}

/* python3 -c "import hashlib; print(hashlib.sha256(b'tiprecon-fingerprint-1\nCOVERAGE_LOW\n
 * FR\n2024\nreports\ncom740-t6 com740-t7\n').hexdigest())" (one line) gives the first;
 * the second is the statement BG-ncmec-2022-2024 of the bundled statements. */
static void
test_hash (void)
{
  g_autofree char *fp = tr_fingerprint_compute ("COVERAGE_LOW", "FR", 2024, "reports", t6_t7,
                                                NULL);
  CU_ASSERT_STRING_EQUAL (fp, "208e1a8343b2f688d07b6a621d4519ba0d8e250fe1bf7a456da1c79264636110");
  static const char *const statements[] = { "bundled:statements.txt", NULL };
  g_autofree char *claim = tr_fingerprint_compute ("CLAIM_MISMATCH", NULL, 0, NULL, statements,
                                                   "BG-ncmec-2022-2024");
  CU_ASSERT_STRING_EQUAL (claim,
                          "98334611682477ce018db16b697a1649a6f19300b9de742ee2238ad11f34a414");
  CU_ASSERT_EQUAL (strlen (fp), 64);
}

/* Each part of the key changes it; the order and repeats of identities do not. */
static void
test_parts (void)
{
  g_autofree char *base = tr_fingerprint_compute ("COVERAGE_LOW", "FR", 2024, "reports", t6_t7,
                                                  NULL);
  static const char *const t7_t6_t6[] = { "com740-t7", "com740-t6", "com740-t6", NULL };
  static const char *const t6_user[] = { "com740-t6", "user:ncmec.csv", NULL };
  g_autofree char *same = tr_fingerprint_compute ("COVERAGE_LOW", "FR", 2024, "reports",
                                                  t7_t6_t6, NULL);
  CU_ASSERT_STRING_EQUAL (base, same);
  char *other[] = {
    tr_fingerprint_compute ("COVERAGE_EXCESS", "FR", 2024, "reports", t6_t7, NULL),
    tr_fingerprint_compute ("COVERAGE_LOW", "DE", 2024, "reports", t6_t7, NULL),
    tr_fingerprint_compute ("COVERAGE_LOW", "FR", 2023, "reports", t6_t7, NULL),
    tr_fingerprint_compute ("COVERAGE_LOW", "FR", 2024, "convictions", t6_t7, NULL),
    tr_fingerprint_compute ("COVERAGE_LOW", "FR", 2024, "reports", t6_user, NULL),
    tr_fingerprint_compute ("COVERAGE_LOW", "FR", 2024, "reports", t6_t7, "scope"),
    /* Fields cannot run into each other: "F" + "R2024" is not "FR" + "2024". */
    tr_fingerprint_compute ("COVERAGE_LOW", "F", 2024, "Rreports", t6_t7, NULL),
  };
  for (gsize i = 0; i < G_N_ELEMENTS (other); i++)
    {
      CU_ASSERT_STRING_NOT_EQUAL (base, other[i]);
      for (gsize k = 0; k < i; k++)
        CU_ASSERT_STRING_NOT_EQUAL (other[k], other[i]);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (other); i++)
    g_free (other[i]);
}

/* A bundled source by its catalogue identity; a user's file by its label, or its name without
 * directories: moving the file keeps it. */
static void
test_identity (void)
{
  g_autofree char *sources = tr_test_write_file (
      "sources.ini", "[com740-t6]\nkind = table\nname = D\npublisher = P\nlicence = L\n"
                     "citation = Table 6\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (TrCatalogue) catalogue = tr_catalogue_load (sources, ".", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (catalogue);
  CU_ASSERT_STRING_EQUAL (tr_fingerprint_identity (tr_catalogue_get (catalogue, "com740-t6")),
                          "com740-t6");
  const TrSource *here = tr_catalogue_add_user (catalogue, "a/b/mine.csv", NULL, "declared",
                                                NULL, &error);
  const TrSource *there = tr_catalogue_add_user (catalogue, "/elsewhere/mine.csv", NULL,
                                                 "reference", NULL, &error);
  const TrSource *labelled = tr_catalogue_add_user (catalogue, "x.csv", "Ministry", "declared",
                                                    NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (labelled);
  CU_ASSERT_STRING_EQUAL (tr_fingerprint_identity (here), "user:mine.csv");
  CU_ASSERT_PTR_EQUAL (tr_fingerprint_identity (here), tr_fingerprint_identity (there));
  CU_ASSERT_STRING_EQUAL (tr_fingerprint_identity (labelled), "user:Ministry");
}

int
main (void)
{
  if (CU_initialize_registry () != CUE_SUCCESS)
    return CU_get_error ();
  CU_pSuite suite = CU_add_suite ("fingerprint", NULL, NULL);
  CU_add_test (suite, "canonical string", test_canonical);
  CU_add_test (suite, "SHA-256 of the canonical string", test_hash);
  CU_add_test (suite, "what changes a fingerprint", test_parts);
  CU_add_test (suite, "source identities", test_identity);
  return tr_test_run ();
}
