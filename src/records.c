/* records.c — the sent list kept compactly (16 bytes a report, an open-addressing index of
 * 32-bit slots), the intake log streamed against it, and the counts per country and year. */
#include "config.h"

#include "records.h"

#include <string.h>

#include "csvout.h"
#include "csvstream.h"
#include "input-error.h"

G_DEFINE_QUARK (tr-records-error-quark, tr_records_error)

const TrRecordCountColumn tr_record_count_columns[TR_N_COUNTS] = {
  [TR_COUNT_SENT] = { "sent", "Sent", "reports NCMEC made available in the year" },
  [TR_COUNT_RECEIVED] = { "received", "Received",
                          "of them, logged once, in the same year" },
  [TR_COUNT_LATER] = { "received_later", "Later", "of them, logged once, in a later year" },
  [TR_COUNT_TWICE] = { "received_twice_or_more", "Twice+",
                       "of them, logged twice or more" },
  [TR_COUNT_TWICE_ENTRIES] = { "twice_or_more_entries", "Their entries",
                               "the log's entries for the reports logged twice or more" },
  [TR_COUNT_NEVER] = { "never_received", "Never", "of them, not in the log" },
  [TR_COUNT_OTHER_SOURCE] = { "other_source", "Other source",
                              "entries of the log dated in the year that are not in the sent "
                              "list" },
  [TR_COUNT_LOGGED] = { "logged", "Logged",
                        "every entry of the log dated in the year: the figure the log yields" },
};

const char *
tr_outcome_name (TrOutcome outcome)
{
  static const char *const names[] = {
    [TR_OUTCOME_RECEIVED] = "received",
    [TR_OUTCOME_LATER] = "received_later",
    [TR_OUTCOME_TWICE] = "received_twice_or_more",
    [TR_OUTCOME_NEVER] = "never_received",
    [TR_OUTCOME_OTHER_SOURCE] = "other_source",
  };
  return names[outcome];
}

TrOutcome
tr_outcome_classify (int sent_year, guint entries, int first_year)
{
  if (entries == 0)
    return TR_OUTCOME_NEVER;
  if (entries >= 2)
    return TR_OUTCOME_TWICE;
  return first_year > sent_year ? TR_OUTCOME_LATER : TR_OUTCOME_RECEIVED;
}

/* Dates --------------------------------------------------------------------------------- */

static guint32
julian_of (int year, int month, int day)
{
  GDate date;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

static gboolean
digits (const char *p, guint n, int *value)
{
  int v = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *value = v;
  return TRUE;
}

gboolean
tr_records_parse_date (const char *text, gsize len, guint16 *day, gboolean *out_of_range)
{
  *out_of_range = FALSE;
  int y, m, d;
  if (len < 10 || text[4] != '-' || text[7] != '-' || !digits (text, 4, &y)
      || !digits (text + 5, 2, &m) || !digits (text + 8, 2, &d))
    return FALSE;
  if (len > 10)
    {
      /* A time after the date: GLib checks it whole; the date is the one written. */
      if (text[10] != 'T' && text[10] != 't' && text[10] != ' ')
        return FALSE;
      g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (text, utc);
      if (time == NULL)
        return FALSE;
    }
  if (y < 1 || m < 1 || m > 12 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  if (y < TR_RECORDS_FIRST_YEAR || y > TR_RECORDS_LAST_YEAR)
    {
      *out_of_range = TRUE;
      return FALSE;
    }
  *day = (guint16) (julian_of (y, m, d) - julian_of (TR_RECORDS_FIRST_YEAR, 1, 1));
  return TRUE;
}

static void
day_date (guint16 day, GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, julian_of (TR_RECORDS_FIRST_YEAR, 1, 1) + day);
}

int
tr_records_day_year (guint16 day)
{
  GDate date;
  day_date (day, &date);
  return g_date_get_year (&date);
}

void
tr_records_format_day (guint16 day, char *buf)
{
  GDate date;
  day_date (day, &date);
  g_snprintf (buf, 11, "%04d-%02d-%02d", (int) g_date_get_year (&date),
              (int) g_date_get_month (&date), (int) g_date_get_day (&date));
}

/* Identifiers ----------------------------------------------------------------------------- */

#define ID_MAX_CHARS 64

gboolean
tr_records_valid_id (const char *text, gsize len)
{
  if (len == 0 || len > ID_MAX_CHARS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && strchr ("-_.:/", text[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* An identifier as kept: a number written without leading zeros below 2^63 as itself; any
 * other as this bit and the address of its one interned copy. */
#define ID_STRING ((guint64) 1 << 63)

/* The numeric key of `text`, or FALSE when it is not a plain number below 2^63. */
static gboolean
numeric_id (const char *text, gsize len, guint64 *key)
{
  if (len > 19 || (text[0] == '0' && len > 1))
    return FALSE;
  guint64 v = 0;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (guint64) (text[i] - '0');
    }
  if (v >= ID_STRING)
    return FALSE;
  *key = v;
  return TRUE;
}

/* The table ----------------------------------------------------------------------------- */

typedef struct {
  guint64 id;        /* numeric, or ID_STRING | address of the interned text */
  guint16 country;   /* index into TrRecords.countries */
  guint16 sent_day;
  guint16 first_day; /* the first entry's day; while the sent list is read, with `entries`,
                        the line the report was read on */
  guint16 entries;   /* entries in the log, at most G_MAXUINT16 */
} Record;

G_STATIC_ASSERT (sizeof (Record) == 16);

typedef struct {
  guint64 other, logged;
} Tally;

/* A reading of a list, kept for the second reading of the log (--details). */
typedef struct {
  char *path, *name;
  guint64 n_rows;
  int id, country, date, reference; /* 0-based columns, -1 when absent */
  int fixed_country;                /* the log's country without a country column, or -1 */
} ListInfo;

struct TrRecords {
  const TrCountryTable *table;
  GArray *records;          /* Record, in the order of the sent list */
  guint32 *slots;           /* index + 1 into records, 0: empty */
  guint32 mask;             /* slots - 1, a power of two less one */
  GStringChunk *strings;    /* the texts of identifiers that are not numbers */
  GHashTable *string_ids;   /* interned text -> itself */
  GPtrArray *countries;     /* const TrCountry *, by index */
  GHashTable *country_index; /* const TrCountry * -> index + 1 */
  GHashTable *labels;       /* label as printed (owned) -> const TrCountry * */
  GHashTable *tallies;      /* key (country, year) -> Tally *, per entry of the log */
  gboolean entries_started;
  guint32 year_start[TR_RECORDS_LAST_YEAR - TR_RECORDS_FIRST_YEAR + 2];
  GArray *counts;           /* TrRecordCounts, built by tr_records_counts() */
  ListInfo sent, received;
};

static void
list_info_clear (ListInfo *info)
{
  g_clear_pointer (&info->path, g_free);
  g_clear_pointer (&info->name, g_free);
}

TrRecords *
tr_records_new (const TrCountryTable *countries)
{
  TrRecords *r = g_new0 (TrRecords, 1);
  r->table = countries;
  r->records = g_array_new (FALSE, FALSE, sizeof (Record));
  r->mask = 1023;
  r->slots = g_new0 (guint32, r->mask + 1);
  r->strings = g_string_chunk_new (64 * 1024);
  r->string_ids = g_hash_table_new (g_str_hash, g_str_equal);
  r->countries = g_ptr_array_new ();
  r->country_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  r->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->tallies = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  guint32 base = julian_of (TR_RECORDS_FIRST_YEAR, 1, 1);
  for (int y = TR_RECORDS_FIRST_YEAR; y <= TR_RECORDS_LAST_YEAR + 1; y++)
    r->year_start[y - TR_RECORDS_FIRST_YEAR] = julian_of (y, 1, 1) - base;
  return r;
}

void
tr_records_free (TrRecords *r)
{
  if (r == NULL)
    return;
  g_array_unref (r->records);
  g_free (r->slots);
  g_string_chunk_free (r->strings);
  g_hash_table_unref (r->string_ids);
  g_ptr_array_unref (r->countries);
  g_hash_table_unref (r->country_index);
  g_hash_table_unref (r->labels);
  g_hash_table_unref (r->tallies);
  if (r->counts != NULL)
    g_array_unref (r->counts);
  list_info_clear (&r->sent);
  list_info_clear (&r->received);
  g_free (r);
}

/* The year of a day, from the table of the years' first days. */
static int
year_of (const TrRecords *r, guint16 day)
{
  guint y = day / 366u;
  while (r->year_start[y + 1] <= day)
    y++;
  return TR_RECORDS_FIRST_YEAR + (int) y;
}

static guint16
country_index (TrRecords *r, const TrCountry *country)
{
  gpointer found = g_hash_table_lookup (r->country_index, country);
  if (found != NULL)
    return (guint16) (GPOINTER_TO_UINT (found) - 1);
  g_ptr_array_add (r->countries, (gpointer) country);
  g_hash_table_insert (r->country_index, (gpointer) country,
                       GUINT_TO_POINTER (r->countries->len));
  return (guint16) (r->countries->len - 1);
}

static guint32
hash_key (guint64 id, guint16 country)
{
  /* splitmix64's finaliser: sequential identifiers spread over every slot. */
  guint64 z = id ^ ((guint64) country << 47);
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  z ^= z >> 31;
  return (guint32) z;
}

/* The slot of (id, country): the one that holds it, or the empty one where it would go. */
static guint32 *
find_slot (const TrRecords *r, guint64 id, guint16 country)
{
  guint32 i = hash_key (id, country) & r->mask;
  const Record *records = (const Record *) (void *) r->records->data;
  for (;;)
    {
      guint32 *slot = &r->slots[i];
      if (*slot == 0)
        return slot;
      const Record *rec = &records[*slot - 1];
      if (rec->id == id && rec->country == country)
        return slot;
      i = (i + 1) & r->mask;
    }
}

static void
grow (TrRecords *r)
{
  g_free (r->slots);
  r->mask = r->mask * 2 + 1;
  r->slots = g_new0 (guint32, (gsize) r->mask + 1);
  const Record *records = (const Record *) (void *) r->records->data;
  for (guint32 k = 0; k < r->records->len; k++)
    *find_slot (r, records[k].id, records[k].country) = k + 1;
}

/* The key of an identifier of the sent list, its text interned when it is not a number. */
static guint64
sent_key (TrRecords *r, const char *text, gsize len)
{
  guint64 key;
  if (numeric_id (text, len, &key))
    return key;
  char buf[ID_MAX_CHARS + 1];
  memcpy (buf, text, len);
  buf[len] = '\0';
  gpointer interned = g_hash_table_lookup (r->string_ids, buf);
  if (interned == NULL)
    {
      interned = g_string_chunk_insert_len (r->strings, buf, (gssize) len);
      g_hash_table_add (r->string_ids, interned);
    }
  return ID_STRING | (guint64) GPOINTER_TO_SIZE (interned);
}

/* The key of an identifier of the log; FALSE when it cannot be in the sent list. */
static gboolean
entry_key (const TrRecords *r, const char *text, gsize len, guint64 *key)
{
  if (numeric_id (text, len, key))
    return TRUE;
  char buf[ID_MAX_CHARS + 1];
  memcpy (buf, text, len);
  buf[len] = '\0';
  gpointer interned = g_hash_table_lookup (r->string_ids, buf);
  if (interned == NULL)
    return FALSE;
  *key = ID_STRING | (guint64) GPOINTER_TO_SIZE (interned);
  return TRUE;
}

gboolean
tr_records_add_sent (TrRecords *r, const char *id, gsize len, const TrCountry *country,
                     guint16 day, guint line, guint *first_line)
{
  g_return_val_if_fail (!r->entries_started, FALSE);
  guint16 c = country_index (r, country);
  guint64 key = sent_key (r, id, len);
  if ((guint64) (r->records->len + 1) * 2 > (guint64) r->mask + 1)
    grow (r);
  guint32 *slot = find_slot (r, key, c);
  if (*slot != 0)
    {
      const Record *rec = &g_array_index (r->records, Record, *slot - 1);
      *first_line = (guint) rec->first_day | ((guint) rec->entries << 16);
      return FALSE;
    }
  Record rec = { key, c, day, (guint16) (line & 0xFFFF), (guint16) (line >> 16) };
  g_array_append_val (r->records, rec);
  *slot = r->records->len;
  return TRUE;
}

/* A country and a year as a key of a hash table of direct keys (never 0). */
static guint
tally_key (guint16 country, int year)
{
  return ((guint) country << 8 | (guint) (year - TR_RECORDS_FIRST_YEAR)) + 1;
}

static Tally *
tally_of (TrRecords *r, guint16 country, int year)
{
  gpointer key = GUINT_TO_POINTER (tally_key (country, year));
  Tally *t = g_hash_table_lookup (r->tallies, key);
  if (t == NULL)
    {
      t = g_new0 (Tally, 1);
      g_hash_table_insert (r->tallies, key, t);
    }
  return t;
}

/* The record of (id, country), or NULL. */
static Record *
lookup (const TrRecords *r, const char *id, gsize len, guint16 country)
{
  guint64 key;
  if (!entry_key (r, id, len, &key))
    return NULL;
  guint32 slot = *find_slot (r, key, country);
  return slot == 0 ? NULL : &g_array_index (r->records, Record, slot - 1);
}

TrEntryResult
tr_records_add_entry (TrRecords *r, const char *id, gsize len, const TrCountry *country,
                      guint16 day, guint16 *sent_day)
{
  if (!r->entries_started)
    {
      /* The lines kept for the messages of the sent list make way for the entries. */
      r->entries_started = TRUE;
      Record *records = (Record *) (void *) r->records->data;
      for (guint32 k = 0; k < r->records->len; k++)
        records[k].first_day = records[k].entries = 0;
    }
  guint16 c = country_index (r, country);
  Record *rec = lookup (r, id, len, c);
  if (rec != NULL && day < rec->sent_day)
    {
      *sent_day = rec->sent_day;
      return TR_ENTRY_EARLY;
    }
  Tally *t = tally_of (r, c, year_of (r, day));
  t->logged++;
  if (rec == NULL)
    {
      t->other++;
      return TR_ENTRY_OTHER_SOURCE;
    }
  if (rec->entries == 0 || day < rec->first_day)
    rec->first_day = day;
  if (rec->entries < G_MAXUINT16)
    rec->entries++;
  return TR_ENTRY_MATCHED;
}

/* Counts -------------------------------------------------------------------------------- */

static int
compare_counts (gconstpointer a, gconstpointer b)
{
  const TrRecordCounts *x = a, *y = b;
  int c = strcmp (x->country->code, y->country->code);
  return c != 0 ? c : (x->year > y->year) - (x->year < y->year);
}

/* The index in r->counts of the counts of (country, year), added when missing. */
static guint
counts_of (TrRecords *r, GHashTable *index, guint16 country, int year)
{
  gpointer key = GUINT_TO_POINTER (tally_key (country, year));
  gpointer at = g_hash_table_lookup (index, key);
  if (at == NULL)
    {
      TrRecordCounts counts = { g_ptr_array_index (r->countries, country), year, { 0 } };
      g_array_append_val (r->counts, counts);
      at = GUINT_TO_POINTER (r->counts->len);
      g_hash_table_insert (index, key, at);
    }
  return GPOINTER_TO_UINT (at) - 1;
}

const GArray *
tr_records_counts (TrRecords *r)
{
  if (r->counts != NULL)
    g_array_unref (r->counts);
  r->counts = g_array_new (FALSE, FALSE, sizeof (TrRecordCounts));
  g_autoptr (GHashTable) index = g_hash_table_new (g_direct_hash, g_direct_equal);
  const Record *records = (const Record *) (void *) r->records->data;
  guint16 last_country = G_MAXUINT16;
  int last_year = 0;
  guint at = 0;
  for (guint32 k = 0; k < r->records->len; k++)
    {
      const Record *rec = &records[k];
      int year = year_of (r, rec->sent_day);
      /* The sent list is mostly in runs of one country and year. */
      if (k == 0 || rec->country != last_country || year != last_year)
        {
          at = counts_of (r, index, rec->country, year);
          last_country = rec->country;
          last_year = year;
        }
      guint64 *n = g_array_index (r->counts, TrRecordCounts, at).n;
      guint entries = r->entries_started ? rec->entries : 0;
      n[TR_COUNT_SENT]++;
      switch (tr_outcome_classify (year, entries,
                                   entries > 0 ? year_of (r, rec->first_day) : year))
        {
        case TR_OUTCOME_RECEIVED: n[TR_COUNT_RECEIVED]++; break;
        case TR_OUTCOME_LATER: n[TR_COUNT_LATER]++; break;
        case TR_OUTCOME_TWICE:
          n[TR_COUNT_TWICE]++;
          n[TR_COUNT_TWICE_ENTRIES] += entries;
          break;
        case TR_OUTCOME_NEVER:
        case TR_OUTCOME_OTHER_SOURCE: n[TR_COUNT_NEVER]++; break;
        }
    }
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, r->tallies);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint packed = GPOINTER_TO_UINT (key) - 1;
      const Tally *t = value;
      guint c = counts_of (r, index, (guint16) (packed >> 8),
                           TR_RECORDS_FIRST_YEAR + (int) (packed & 0xFF));
      g_array_index (r->counts, TrRecordCounts, c).n[TR_COUNT_OTHER_SOURCE] += t->other;
      g_array_index (r->counts, TrRecordCounts, c).n[TR_COUNT_LOGGED] += t->logged;
    }
  g_array_sort (r->counts, compare_counts);
  return r->counts;
}

void
tr_records_totals (TrRecords *r, guint64 totals[TR_N_COUNTS])
{
  const GArray *counts = r->counts != NULL ? r->counts : tr_records_counts (r);
  memset (totals, 0, sizeof (guint64) * TR_N_COUNTS);
  for (guint i = 0; i < counts->len; i++)
    for (guint k = 0; k < TR_N_COUNTS; k++)
      totals[k] += g_array_index (counts, TrRecordCounts, i).n[k];
}

guint64
tr_records_n_sent_rows (const TrRecords *r)
{
  return r->sent.n_rows;
}

guint64
tr_records_n_received_rows (const TrRecords *r)
{
  return r->received.n_rows;
}

const char *
tr_records_sent_name (const TrRecords *r)
{
  return r->sent.name;
}

const char *
tr_records_received_name (const TrRecords *r)
{
  return r->received.name;
}

/* Reading the lists ------------------------------------------------------------------------ */

typedef enum { ROLE_ID, ROLE_COUNTRY, ROLE_DATE, ROLE_REFERENCE, ROLE_OTHER, N_ROLES } Role;

/* The names a column may have, as keys: lower case, letters and digits only ("Report ID" ->
 * "reportid"). The first of each is the one messages suggest. */
static const char *const id_names[] = {
  "id", "reportid", "report", "reportnumber", "reportno", "reportidentifier", "cybertipid",
  "cybertiplineid", "cybertiplinereportid", "cybertipreportid", "cybertip", "tipid",
  "ncmecid", "ncmecreportid", NULL,
};
static const char *const country_names[] = {
  "country", "countrycode", "countryname", "memberstate", "iso", "iso2", "alpha2", NULL,
};
static const char *const sent_date_names[] = {
  "date", "datemadeavailable", "madeavailable", "madeavailableon", "dateavailable",
  "available", "datesent", "sent", "sentdate", "senton", "sentat", NULL,
};
static const char *const received_date_names[] = {
  "date", "datereceived", "received", "receiveddate", "receivedon", "receivedat",
  "dateofreceipt", "intakedate", "datelogged", "logged", "loggedon", "registrationdate",
  "dateregistered", "registered", NULL,
};
static const char *const reference_names[] = {
  "casereference", "case", "caseref", "caseid", "casenumber", "caseno", "reference", NULL,
};
static const char *const sent_other_names[] = {
  "provider", "esp", "electronicserviceprovider", "platform", "company", "incidenttype",
  "incident", "type", "category", NULL,
};

typedef struct {
  TrRecords *r;
  ListInfo *info;
  gboolean received;        /* the log, not the sent list */
  const char *const *names[N_ROLES];
  const char *what[N_ROLES]; /* "the report identifier" */
  int columns[N_ROLES];
  const TrCountry *fixed;   /* the log's country, when it has no country column */
  /* The last date cell read and its day: dates repeat from row to row. */
  char last_date[11];
  guint16 last_day;
  FILE *details;            /* the second reading of the log, for --details */
} Reading;

static char *
column_key (const char *text)
{
  GString *key = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));
  return g_string_free (key, FALSE);
}

static gboolean
on_header (const TrField *fields, guint n, guint line, gpointer data, GError **error)
{
  Reading *rd = data;
  for (guint k = 0; k < N_ROLES; k++)
    rd->columns[k] = -1;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = column_key (fields[i].text);
      for (guint k = 0; k < N_ROLES; k++)
        {
          if (rd->names[k] == NULL || !g_strv_contains (rd->names[k], key))
            continue;
          if (rd->columns[k] >= 0 && k != ROLE_OTHER)
            {
              g_autofree char *first = tr_input_excerpt (fields[rd->columns[k]].text, 40);
              g_autofree char *second = tr_input_excerpt (fields[i].text, 40);
              tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, rd->info->name, line, i + 1,
                                  "found a second column for %s ('%s', after '%s' in column "
                                  "%d); expected one",
                                  rd->what[k], second, first, rd->columns[k] + 1);
              return FALSE;
            }
          rd->columns[k] = (int) i;
          break;
        }
    }
  static const Role required[] = { ROLE_ID, ROLE_COUNTRY, ROLE_DATE };
  for (gsize j = 0; j < G_N_ELEMENTS (required); j++)
    {
      Role k = required[j];
      if (rd->columns[k] >= 0 || (k == ROLE_COUNTRY && rd->received))
        continue;
      g_autoptr (GString) header = g_string_new (NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *cell = tr_input_excerpt (fields[i].text, 40);
          g_string_append_printf (header, "%s'%s'", i > 0 ? ", " : "", cell);
        }
      tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, rd->info->name, line, 1,
                          "found no column for %s in the header (%s); expected one named %s "
                          "(or another name docs/records.md lists)",
                          rd->what[k], header->str,
                          k == ROLE_ID        ? "id, report_id or report id"
                          : k == ROLE_COUNTRY ? "country or country_code"
                          : rd->received      ? "date_received or date"
                                              : "date_made_available or date");
      return FALSE;
    }
  if (rd->received && rd->columns[ROLE_COUNTRY] >= 0 && rd->fixed != NULL)
    {
      g_set_error (error, TR_RECORDS_ERROR, TR_RECORDS_ERROR_USAGE,
                   "tiprecon records: --received-country %s: %s has a country column (column %d); expected no "
                   "--received-country with it",
                   rd->fixed->code, rd->info->name, rd->columns[ROLE_COUNTRY] + 1);
      return FALSE;
    }
  if (rd->received && rd->columns[ROLE_COUNTRY] < 0 && rd->fixed == NULL)
    {
      if (rd->r->countries->len != 1)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, rd->info->name, line, 1,
                              "found no country column, and the sent list names %u "
                              "countries; expected a column named country, or "
                              "--received-country naming the log's country",
                              rd->r->countries->len);
          return FALSE;
        }
      rd->fixed = g_ptr_array_index (rd->r->countries, 0);
    }
  rd->info->id = rd->columns[ROLE_ID];
  rd->info->country = rd->columns[ROLE_COUNTRY];
  rd->info->date = rd->columns[ROLE_DATE];
  rd->info->reference = rd->columns[ROLE_REFERENCE];
  return TRUE;
}

/* The country a cell names (labels looked up once, then remembered). */
static const TrCountry *
cell_country (Reading *rd, const TrField *field, guint line, GError **error)
{
  TrRecords *r = rd->r;
  const TrCountry *c = g_hash_table_lookup (r->labels, field->text);
  if (c != NULL)
    return c;
  c = tr_country_table_lookup (r->table, field->text);
  if (c == NULL || !tr_subject_is_country (c))
    {
      g_autofree char *cell = tr_input_excerpt (field->text, 40);
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, rd->info->name, line,
                          (guint) rd->columns[ROLE_COUNTRY] + 1,
                          c == NULL   ? "found '%s', which is not a known country; expected a "
                                        "country's code or name"
                                      : "found '%s', which is not a country (an aggregate or "
                                        "an organisation); expected a country's code or name",
                          cell);
      return NULL;
    }
  g_hash_table_insert (r->labels, g_strdup (field->text), (gpointer) c);
  return c;
}

static gboolean
cell_id (Reading *rd, const TrField *field, guint line, GError **error)
{
  if (tr_records_valid_id (field->text, field->len))
    return TRUE;
  g_autofree char *cell = tr_input_excerpt (field->text, 40);
  tr_input_error_set (error, TR_INPUT_ERROR_VALUE, rd->info->name, line,
                      (guint) rd->columns[ROLE_ID] + 1,
                      "found %s%s%s as the report identifier; expected 1 to 64 letters, "
                      "digits, '-', '_', '.', ':' or '/'",
                      field->len == 0 ? "an empty cell" : "'", cell,
                      field->len == 0 ? "" : "'");
  return FALSE;
}

static gboolean
cell_day (Reading *rd, const TrField *field, guint line, guint16 *day, GError **error)
{
  if (field->len == 10 && memcmp (field->text, rd->last_date, 10) == 0)
    {
      *day = rd->last_day;
      return TRUE;
    }
  gboolean out_of_range = FALSE;
  if (tr_records_parse_date (field->text, field->len, day, &out_of_range))
    {
      if (field->len == 10)
        {
          memcpy (rd->last_date, field->text, 10);
          rd->last_day = *day;
        }
      return TRUE;
    }
  g_autofree char *cell = tr_input_excerpt (field->text, 40);
  guint column = (guint) rd->columns[ROLE_DATE] + 1;
  if (out_of_range)
    tr_input_error_set (error, TR_INPUT_ERROR_VALUE, rd->info->name, line, column,
                        "found '%s' as %s, out of range; expected a date from %d-01-01 to "
                        "%d-12-31",
                        cell, rd->what[ROLE_DATE], TR_RECORDS_FIRST_YEAR, TR_RECORDS_LAST_YEAR);
  else
    tr_input_error_set (error, TR_INPUT_ERROR_VALUE, rd->info->name, line, column,
                        "found '%s' as %s; expected a date written YYYY-MM-DD (ISO 8601), "
                        "optionally with a time (2023-12-31T23:59:59Z)",
                        cell, rd->what[ROLE_DATE]);
  return FALSE;
}

static gboolean
on_sent_row (const TrField *fields, guint n, guint line, gpointer data, GError **error)
{
  (void) n;
  Reading *rd = data;
  const TrField *id = &fields[rd->columns[ROLE_ID]];
  guint16 day;
  if (!cell_id (rd, id, line, error))
    return FALSE;
  const TrCountry *country = cell_country (rd, &fields[rd->columns[ROLE_COUNTRY]], line, error);
  if (country == NULL || !cell_day (rd, &fields[rd->columns[ROLE_DATE]], line, &day, error))
    return FALSE;
  guint first = 0;
  if (!tr_records_add_sent (rd->r, id->text, id->len, country, day, line, &first))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_DUPLICATE, rd->info->name, line,
                          (guint) rd->columns[ROLE_ID] + 1,
                          "found the report %s for %s a second time (first on line %u); "
                          "expected each report once per country",
                          id->text, country->code, first);
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_received_row (const TrField *fields, guint n, guint line, gpointer data, GError **error)
{
  (void) n;
  Reading *rd = data;
  const TrField *id = &fields[rd->columns[ROLE_ID]];
  guint16 day, sent_day = 0;
  if (!cell_id (rd, id, line, error))
    return FALSE;
  const TrCountry *country = rd->fixed;
  if (country == NULL
      && (country = cell_country (rd, &fields[rd->columns[ROLE_COUNTRY]], line, error)) == NULL)
    return FALSE;
  if (!cell_day (rd, &fields[rd->columns[ROLE_DATE]], line, &day, error))
    return FALSE;
  if (tr_records_add_entry (rd->r, id->text, id->len, country, day, &sent_day)
      == TR_ENTRY_EARLY)
    {
      char logged[11], sent[11];
      tr_records_format_day (day, logged);
      tr_records_format_day (sent_day, sent);
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, rd->info->name, line,
                          (guint) rd->columns[ROLE_DATE] + 1,
                          "found %s, before the report %s was made available to %s (%s in "
                          "%s); expected a date on or after the date made available",
                          logged, id->text, country->code, sent, rd->r->sent.name);
      return FALSE;
    }
  return TRUE;
}

static void
reading_init (Reading *rd, TrRecords *r, ListInfo *info, gboolean received)
{
  *rd = (Reading){ .r = r, .info = info, .received = received };
  rd->names[ROLE_ID] = id_names;
  rd->names[ROLE_COUNTRY] = country_names;
  rd->names[ROLE_DATE] = received ? received_date_names : sent_date_names;
  rd->names[ROLE_REFERENCE] = received ? reference_names : NULL;
  rd->names[ROLE_OTHER] = received ? NULL : sent_other_names;
  rd->what[ROLE_ID] = "the report identifier";
  rd->what[ROLE_COUNTRY] = "the country";
  rd->what[ROLE_DATE] = received ? "the date received" : "the date made available";
  rd->what[ROLE_REFERENCE] = "the case reference";
}

gboolean
tr_records_read_sent (TrRecords *r, const char *path, const char *name, GError **error)
{
  list_info_clear (&r->sent);
  r->sent.path = g_strdup (path);
  r->sent.name = g_strdup (name != NULL ? name : path);
  Reading rd;
  reading_init (&rd, r, &r->sent, FALSE);
  return tr_csv_stream (path, r->sent.name, on_header, on_sent_row, &rd, &r->sent.n_rows,
                        error);
}

gboolean
tr_records_read_received (TrRecords *r, const char *path, const char *name,
                          const TrCountry *country, GError **error)
{
  list_info_clear (&r->received);
  r->received.path = g_strdup (path);
  r->received.name = g_strdup (name != NULL ? name : path);
  Reading rd;
  reading_init (&rd, r, &r->received, TRUE);
  rd.fixed = country;
  if (!tr_csv_stream (path, r->received.name, on_header, on_received_row, &rd,
                      &r->received.n_rows, error))
    return FALSE;
  r->received.fixed_country = rd.fixed != NULL ? country_index (r, rd.fixed) : -1;
  return TRUE;
}

/* Details ------------------------------------------------------------------------------- */

static void
write_id (FILE *out, guint64 id)
{
  if (id & ID_STRING)
    tr_csv_write_field (out, GSIZE_TO_POINTER ((gsize) (id & ~ID_STRING)), FALSE, TRUE);
  else
    fprintf (out, ",%" G_GUINT64_FORMAT, id);
}

static gboolean
on_details_row (const TrField *fields, guint n, guint line, gpointer data, GError **error)
{
  (void) n;
  Reading *rd = data;
  TrRecords *r = rd->r;
  const ListInfo *info = &r->received;
  const TrField *id = &fields[info->id];
  const TrCountry *country = info->fixed_country >= 0
                                 ? g_ptr_array_index (r->countries, info->fixed_country)
                                 : g_hash_table_lookup (r->labels, fields[info->country].text);
  if (country == NULL || !tr_records_valid_id (id->text, id->len))
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, info->name, line, 0,
                          "found another row on the second reading; expected a file that "
                          "does not change while it is read");
      return FALSE;
    }
  guint16 c = country_index (r, country);
  const Record *rec = lookup (r, id->text, id->len, c);
  TrOutcome outcome = TR_OUTCOME_OTHER_SOURCE;
  if (rec != NULL)
    {
      int year = year_of (r, rec->sent_day);
      outcome = tr_outcome_classify (year, rec->entries, year_of (r, rec->first_day));
      if (outcome == TR_OUTCOME_RECEIVED)
        return TRUE;
    }
  FILE *out = rd->details;
  fputs (tr_outcome_name (outcome), out);
  tr_csv_write_field (out, country->code, FALSE, TRUE);
  tr_csv_write_field (out, id->text, FALSE, TRUE);
  char sent[11] = "";
  if (rec != NULL)
    tr_records_format_day (rec->sent_day, sent);
  tr_csv_write_field (out, sent, FALSE, TRUE);
  tr_csv_write_field (out, fields[info->date].text, FALSE, TRUE);
  tr_csv_write_field (out, info->reference >= 0 ? fields[info->reference].text : "", FALSE,
                      TRUE);
  fputc ('\n', out);
  return TRUE;
}

static gboolean
on_details_header (const TrField *fields, guint n, guint line, gpointer data, GError **error)
{
  (void) fields;
  (void) n;
  (void) line;
  (void) data;
  (void) error;
  return TRUE;
}

gboolean
tr_records_write_details (TrRecords *r, FILE *out, GError **error)
{
  fputs ("outcome,country,report_id,date_made_available,date_received,case_reference\n", out);
  if (r->received.path != NULL)
    {
      Reading rd;
      reading_init (&rd, r, &r->received, TRUE);
      rd.details = out;
      guint64 n_rows = 0;
      if (!tr_csv_stream (r->received.path, r->received.name, on_details_header,
                          on_details_row, &rd, &n_rows, error))
        return FALSE;
      if (n_rows != r->received.n_rows)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_IO, r->received.name, 0, 0,
                              "found %" G_GUINT64_FORMAT " rows on the second reading, %"
                              G_GUINT64_FORMAT " on the first; expected a file that does not "
                              "change while it is read",
                              n_rows, r->received.n_rows);
          return FALSE;
        }
    }
  const Record *records = (const Record *) (void *) r->records->data;
  for (guint32 k = 0; k < r->records->len; k++)
    {
      const Record *rec = &records[k];
      if (r->entries_started && rec->entries > 0)
        continue;
      char sent[11];
      tr_records_format_day (rec->sent_day, sent);
      const TrCountry *country = g_ptr_array_index (r->countries, rec->country);
      fprintf (out, "%s,%s", tr_outcome_name (TR_OUTCOME_NEVER), country->code);
      write_id (out, rec->id);
      fprintf (out, ",%s,,\n", sent);
    }
  return TRUE;
}
