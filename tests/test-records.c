/* test-records.c — unit tests of the record-level reconciliation: the classification of a
 * report on both sides of each boundary, dates and identifiers at their limits, and counts
 * from records added in memory, each figure worked out by hand in the comment beside it. */
#include "config.h"

#include <CUnit/Basic.h>
#include <string.h>

#include "testutil.h"

#include "csvstream.h"
#include "records.h"

static void
test_classify (void)
{
  CU_ASSERT_EQUAL (tr_outcome_classify (2023, 0, 0), TR_OUTCOME_NEVER);
  CU_ASSERT_EQUAL (tr_outcome_classify (2023, 1, 2023), TR_OUTCOME_RECEIVED);
  CU_ASSERT_EQUAL (tr_outcome_classify (2023, 1, 2024), TR_OUTCOME_LATER);
  CU_ASSERT_EQUAL (tr_outcome_classify (2023, 1, 2030), TR_OUTCOME_LATER);
  /* Twice or more whatever the years: the duplicate is the finding. */
  CU_ASSERT_EQUAL (tr_outcome_classify (2023, 2, 2023), TR_OUTCOME_TWICE);
  CU_ASSERT_EQUAL (tr_outcome_classify (2023, 2, 2024), TR_OUTCOME_TWICE);
  CU_ASSERT_EQUAL (tr_outcome_classify (2023, G_MAXUINT16, 2023), TR_OUTCOME_TWICE);
  CU_ASSERT_STRING_EQUAL (tr_outcome_name (TR_OUTCOME_LATER), "received_later");
  CU_ASSERT_STRING_EQUAL (tr_outcome_name (TR_OUTCOME_OTHER_SOURCE), "other_source");
}

static guint16
day_of (const char *text)
{
  guint16 day = 0;
  gboolean out = FALSE;
  CU_ASSERT_TRUE (tr_records_parse_date (text, strlen (text), &day, &out));
  return day;
}

static gboolean
refused (const char *text, gboolean want_out_of_range)
{
  guint16 day = 0;
  gboolean out = !want_out_of_range;
  return !tr_records_parse_date (text, strlen (text), &day, &out) && out == want_out_of_range;
}

static void
test_dates (void)
{
  char buf[11];
  CU_ASSERT_EQUAL (day_of ("1998-01-01"), 0);
  CU_ASSERT_EQUAL (day_of ("1998-12-31"), 364);
  /* 1998-2023: 26 years, 6 of them leap (2000, 2004, ..., 2020): 26 * 365 + 6 = 9496. */
  CU_ASSERT_EQUAL (day_of ("2024-01-01"), 9496);
  CU_ASSERT_EQUAL (day_of ("2024-02-29"), 9496 + 59);
  CU_ASSERT_EQUAL (tr_records_day_year (9495), 2023);
  CU_ASSERT_EQUAL (tr_records_day_year (9496), 2024);
  tr_records_format_day (9496 + 59, buf);
  CU_ASSERT_STRING_EQUAL (buf, "2024-02-29");
  tr_records_format_day (day_of ("2099-12-31"), buf);
  CU_ASSERT_STRING_EQUAL (buf, "2099-12-31");
  /* A time is checked whole; the date is the one written, whatever the offset. */
  CU_ASSERT_EQUAL (day_of ("2023-12-31T23:59:59Z"), day_of ("2023-12-31"));
  CU_ASSERT_EQUAL (day_of ("2023-12-31T23:30:00-05:00"), day_of ("2023-12-31"));
  CU_ASSERT_EQUAL (day_of ("2023-12-31 08:00:00"), day_of ("2023-12-31"));
  CU_ASSERT_TRUE (refused ("2023-02-29", FALSE));
  CU_ASSERT_TRUE (refused ("2023-13-01", FALSE));
  CU_ASSERT_TRUE (refused ("2023-1-01", FALSE));
  CU_ASSERT_TRUE (refused ("31/12/2023", FALSE));
  CU_ASSERT_TRUE (refused ("2023-12-31T24:00:01", FALSE));
  CU_ASSERT_TRUE (refused ("2023-12-31x", FALSE));
  CU_ASSERT_TRUE (refused ("", FALSE));
  CU_ASSERT_TRUE (refused ("1997-12-31", TRUE));
  CU_ASSERT_TRUE (refused ("2100-01-01", TRUE));
}

static void
test_ids (void)
{
  CU_ASSERT_TRUE (tr_records_valid_id ("123", 3));
  CU_ASSERT_TRUE (tr_records_valid_id ("HL-2023/7:a_b.c", 15));
  CU_ASSERT_FALSE (tr_records_valid_id ("", 0));
  CU_ASSERT_FALSE (tr_records_valid_id ("12 3", 4));
  CU_ASSERT_FALSE (tr_records_valid_id ("12,3", 4));
  CU_ASSERT_FALSE (tr_records_valid_id ("é", 2));
  char id[66];
  memset (id, '7', 65);
  id[65] = '\0';
  CU_ASSERT_TRUE (tr_records_valid_id (id, 64));
  CU_ASSERT_FALSE (tr_records_valid_id (id, 65));
}

static const TrRecordCounts *
find (const GArray *counts, const char *code, int year)
{
  for (guint i = 0; i < counts->len; i++)
    {
      const TrRecordCounts *c = &g_array_index (counts, TrRecordCounts, i);
      if (strcmp (c->country->code, code) == 0 && c->year == year)
        return c;
    }
  return NULL;
}

#define ADD_SENT(id, country, date) \
  tr_records_add_sent (r, id, strlen (id), country, day_of (date), line++, &first)
#define ADD_ENTRY(id, country, date) \
  tr_records_add_entry (r, id, strlen (id), country, day_of (date), &sent_day)

static void
test_counts (void)
{
  g_autoptr (TrCountryTable) table = tr_test_countries ();
  const TrCountry *be = tr_country_table_get (table, "BE");
  const TrCountry *fr = tr_country_table_get (table, "FR");
  g_autoptr (TrRecords) r = tr_records_new (table);
  guint line = 2, first = 0;
  guint16 sent_day = 0;
  CU_ASSERT_TRUE (ADD_SENT ("1", be, "2023-01-01"));
  CU_ASSERT_TRUE (ADD_SENT ("2", be, "2023-06-30"));
  CU_ASSERT_TRUE (ADD_SENT ("3", be, "2023-12-31"));
  CU_ASSERT_TRUE (ADD_SENT ("4", be, "2023-03-03"));
  /* One identifier for two countries; a text identifier; 007 is not 7. */
  CU_ASSERT_TRUE (ADD_SENT ("1", fr, "2023-01-01"));
  CU_ASSERT_TRUE (ADD_SENT ("X-1", fr, "2024-05-05"));
  CU_ASSERT_TRUE (ADD_SENT ("7", fr, "2024-05-05"));
  CU_ASSERT_TRUE (ADD_SENT ("007", fr, "2024-05-05"));
  CU_ASSERT_FALSE (ADD_SENT ("3", be, "2023-01-01"));
  CU_ASSERT_EQUAL (first, 4);
  CU_ASSERT_FALSE (ADD_SENT ("X-1", fr, "2024-01-01"));
  CU_ASSERT_EQUAL (first, 7);
  /* Past the first growth of the index (1024 slots, half full). */
  char id[32];
  for (guint i = 0; i < 3000; i++)
    {
      g_snprintf (id, sizeof id, "%u", 100000 + i * 7919);
      CU_ASSERT_TRUE (ADD_SENT (id, be, "2022-02-02"));
    }

  CU_ASSERT_EQUAL (ADD_ENTRY ("1", be, "2023-01-01"), TR_ENTRY_MATCHED);     /* received */
  CU_ASSERT_EQUAL (ADD_ENTRY ("2", be, "2023-07-01"), TR_ENTRY_MATCHED);     /* twice */
  CU_ASSERT_EQUAL (ADD_ENTRY ("2", be, "2024-07-01"), TR_ENTRY_MATCHED);
  CU_ASSERT_EQUAL (ADD_ENTRY ("3", be, "2024-01-01"), TR_ENTRY_MATCHED);     /* later */
  CU_ASSERT_EQUAL (ADD_ENTRY ("4", be, "2023-03-02"), TR_ENTRY_EARLY);       /* a day early */
  CU_ASSERT_EQUAL (sent_day, day_of ("2023-03-03"));
  CU_ASSERT_EQUAL (ADD_ENTRY ("1", fr, "2024-01-02"), TR_ENTRY_MATCHED);     /* later */
  CU_ASSERT_EQUAL (ADD_ENTRY ("X-1", fr, "2024-05-05"), TR_ENTRY_MATCHED);   /* received */
  CU_ASSERT_EQUAL (ADD_ENTRY ("X-2", fr, "2024-05-05"), TR_ENTRY_OTHER_SOURCE);
  CU_ASSERT_EQUAL (ADD_ENTRY ("0007", fr, "2024-05-05"), TR_ENTRY_OTHER_SOURCE);
  CU_ASSERT_EQUAL (ADD_ENTRY ("X-1", be, "2024-05-05"), TR_ENTRY_OTHER_SOURCE);
  g_snprintf (id, sizeof id, "%u", 100000 + 2999 * 7919);
  CU_ASSERT_EQUAL (ADD_ENTRY (id, be, "2022-12-31"), TR_ENTRY_MATCHED);      /* received */

  const GArray *counts = tr_records_counts (r);
  /* BE 2022, 2023, 2024; FR 2023, 2024. */
  CU_ASSERT_EQUAL (counts->len, 5);
  const TrRecordCounts *c = find (counts, "BE", 2022);
  CU_ASSERT_FATAL (c != NULL);
  CU_ASSERT_EQUAL (c->n[TR_COUNT_SENT], 3000);
  CU_ASSERT_EQUAL (c->n[TR_COUNT_RECEIVED], 1);
  CU_ASSERT_EQUAL (c->n[TR_COUNT_NEVER], 2999);
  CU_ASSERT_EQUAL (c->n[TR_COUNT_LOGGED], 1);
  c = find (counts, "BE", 2023);
  CU_ASSERT_FATAL (c != NULL);
  /* 1 received, 2 twice (2 entries), 3 later, 4 never (its early entry is not counted). */
  guint64 want_be[TR_N_COUNTS] = { 4, 1, 1, 1, 2, 1, 0, 2 };
  for (guint k = 0; k < TR_N_COUNTS; k++)
    CU_ASSERT_EQUAL (c->n[k], want_be[k]);
  c = find (counts, "BE", 2024);
  CU_ASSERT_FATAL (c != NULL);
  /* No report sent; logged: 2's second entry, 3, X-1 (another source for BE). */
  guint64 want_be24[TR_N_COUNTS] = { 0, 0, 0, 0, 0, 0, 1, 3 };
  for (guint k = 0; k < TR_N_COUNTS; k++)
    CU_ASSERT_EQUAL (c->n[k], want_be24[k]);
  c = find (counts, "FR", 2024);
  CU_ASSERT_FATAL (c != NULL);
  /* X-1 received; 7 and 007 never; logged: 1 (late from 2023), X-1, X-2, 0007. */
  guint64 want_fr24[TR_N_COUNTS] = { 3, 1, 0, 0, 0, 2, 2, 4 };
  for (guint k = 0; k < TR_N_COUNTS; k++)
    CU_ASSERT_EQUAL (c->n[k], want_fr24[k]);
  guint64 totals[TR_N_COUNTS];
  tr_records_totals (r, totals);
  CU_ASSERT_EQUAL (totals[TR_COUNT_SENT], 3008);
  CU_ASSERT_EQUAL (totals[TR_COUNT_LOGGED], 10);
}

/* csvstream: a line without a double quote is split in place (the fast path), any other by
 * libcsv; both must give the same rows. Each row is written "line:field|field|...;". */
static gboolean
collect_row (const TrField *fields, guint n, guint line, gpointer data, GError **error)
{
  (void) error;
  GString *out = data;
  g_string_append_printf (out, "%u:", line);
  for (guint i = 0; i < n; i++)
    {
      CU_ASSERT_EQUAL (strlen (fields[i].text), fields[i].len);
      g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", fields[i].text);
    }
  g_string_append_c (out, ';');
  return TRUE;
}

static char *
stream_text (const char *text, GError **error)
{
  g_autofree char *path = tr_test_write_file ("stream.csv", text);
  GString *out = g_string_new (NULL);
  guint64 n_rows = 0;
  if (!tr_csv_stream (path, "s.csv", collect_row, collect_row, out, &n_rows, error))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, n_rows);
  return g_string_free (out, FALSE);
}

static void
check_stream (const char *text, const char *want)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = stream_text (text, &error);
  CU_ASSERT_PTR_NOT_NULL (got);
  if (got != NULL && strcmp (got, want) != 0)
    fprintf (stderr, "\n%s\n  got  %s\n  want %s\n", text, got, want);
  CU_ASSERT_STRING_EQUAL (got != NULL ? got : "", want);
}

static void
check_stream_error (const char *text, const char *want)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = stream_text (text, &error);
  CU_ASSERT_PTR_NULL (got);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  if (strcmp (error->message, want) != 0)
    fprintf (stderr, "\n%s\n  got  %s\n  want %s\n", text, error->message, want);
  CU_ASSERT_STRING_EQUAL (error->message, want);
}

static void
test_stream_paths (void)
{
  /* The same rows unquoted (fast path) and quoted (libcsv): spaces trimmed, empty fields,
   * blank rows read past, LF, CRLF and CR, a last line without an end. */
  const char *want = "1:a|b|c;2:1| x y |;4:3|4|5;5:6|7|8;6:9||z;4";
  check_stream ("a,b,c\n1,  x y  ,\n\n3,4,5\r\n6,7,8\r9,,z", "1:a|b|c;2:1|x y|;4:3|4|5;5:6|7|8;6:9||z;4");
  check_stream ("\"a\",b,c\n1,\" x y \",\n\n\"3\",4,5\r\n6,\"7\",8\r9,,\"z\"", want);
  /* Mixed: a quoted field over two lines, then unquoted lines again; ';' as delimiter. */
  check_stream ("id;text\n1;\"two\nlines\"\n2;plain\n3;\"a \"\"q\"\"\"\n4; end \n",
                "1:id|text;2:1|two\nlines;4:2|plain;5:3|a \"q\";6:4|end;4");
  /* Blank rows of spaces or delimiters only, and a row of many fields (past 256: libcsv). */
  check_stream ("a,b\n , \n,\n   \nc,d\n", "1:a|b;5:c|d;1");
  GString *wide = g_string_new (NULL);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < 300; i++)
        g_string_append_printf (wide, "%s%u", i > 0 ? "," : "", i + pass);
      g_string_append_c (wide, '\n');
    }
  g_autofree char *wide_text = g_string_free (wide, FALSE);
  g_autoptr (GError) error = NULL;
  g_autofree char *got = stream_text (wide_text, &error);
  CU_ASSERT_PTR_NOT_NULL (got);
  CU_ASSERT_TRUE (got != NULL && g_str_has_suffix (got, "|299|300;1"));
  /* UTF-8 is checked on both paths; errors name line and column alike. */
  check_stream ("a,b\n\xc3\xa9,\"\xc3\xa9\"\n", "1:a|b;2:\xc3\xa9|\xc3\xa9;1");
  check_stream_error ("a,b\n1,2\nx,\xff\n",
                      "s.csv:3:3: found the byte 0xFF at byte 3 of the line, which is not "
                      "valid UTF-8; expected UTF-8 text (convert the file, e.g. with iconv)");
  check_stream_error ("a,b\n1,2\nx,\"\xff\"\n",
                      "s.csv:3:4: found the byte 0xFF at byte 4 of the line, which is not "
                      "valid UTF-8; expected UTF-8 text (convert the file, e.g. with iconv)");
  check_stream_error ("a,b\n1,2\n3,4,5\n",
                      "s.csv:3:3: found a row of 3 fields; expected 2 fields, as in the header "
                      "on line 1");
  check_stream_error ("a,b\n1,2\n\"3\",4,5\n",
                      "s.csv:3:3: found a row of 3 fields; expected 2 fields, as in the header "
                      "on line 1");
}

int
main (void)
{
  CU_initialize_registry ();
  CU_pSuite suite = CU_add_suite ("records", NULL, NULL);
  CU_add_test (suite, "classification", test_classify);
  CU_add_test (suite, "dates", test_dates);
  CU_add_test (suite, "identifiers", test_ids);
  CU_add_test (suite, "counts", test_counts);
  CU_add_test (suite, "stream: fast path and libcsv", test_stream_paths);
  return tr_test_run ();
}
