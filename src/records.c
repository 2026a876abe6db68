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

/* A reading of a list, kept for the second reading (--details). */
typedef struct {
  char *path, *name;
  guint64 n_rows;
  int id, country, date, reference; /* 0-based columns, -1 when absent */
  int fixed_country;                /* the log's country without a country column, or -1 */
} ListInfo;

#define N_YEARS (TR_RECORDS_LAST_YEAR - TR_RECORDS_FIRST_YEAR + 1)
#define N_DAYS 37255 /* 1998-01-01 to 2099-12-31: 102 years, 25 of them leap */

/* The counts of the log's entries of one country, by year. */
typedef struct {
  guint64 other[N_YEARS], logged[N_YEARS];
} Tally;

struct TrRecords {
  const TrCountryTable *table;
  /* Records, in the order of the sent list while they are added one by one (with `slots`,
   * an index of them), or sorted by (id, country) once read by tr_records_read(). */
  GArray *records;
  gboolean sorted;
  guint32 *slots;           /* index + 1 into records, 0: empty; NULL until first needed */
  guint32 mask;             /* slots - 1, a power of two less one */
  GStringChunk *strings;    /* the texts of identifiers that are not numbers */
  GHashTable *string_ids;   /* interned text -> itself */
  const GPtrArray *countries; /* const TrCountry *: the table's entries, by index */
  GHashTable *country_index; /* const TrCountry * -> index + 1; read only once made */
  guint8 *in_sent;          /* by country index: 1 when the sent list names it */
  guint n_sent_countries;
  Tally **tallies;          /* by country index, NULL until the log has an entry of it */
  gboolean entries_started;
  guint8 day_year[N_DAYS];  /* year - TR_RECORDS_FIRST_YEAR of each day */
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
  r->strings = g_string_chunk_new (64 * 1024);
  r->string_ids = g_hash_table_new (g_str_hash, g_str_equal);
  r->countries = tr_country_table_entries (countries);
  r->country_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_assert (r->countries->len < G_MAXUINT16);
  for (guint i = 0; i < r->countries->len; i++)
    g_hash_table_insert (r->country_index, g_ptr_array_index (r->countries, i),
                         GUINT_TO_POINTER (i + 1));
  r->in_sent = g_new0 (guint8, r->countries->len);
  r->tallies = g_new0 (Tally *, r->countries->len);
  guint32 base = julian_of (TR_RECORDS_FIRST_YEAR, 1, 1);
  guint day = 0;
  for (int y = TR_RECORDS_FIRST_YEAR; y <= TR_RECORDS_LAST_YEAR; y++)
    for (guint32 end = julian_of (y + 1, 1, 1) - base; day < end; day++)
      r->day_year[day] = (guint8) (y - TR_RECORDS_FIRST_YEAR);
  g_assert (day == N_DAYS);
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
  g_hash_table_unref (r->country_index);
  g_free (r->in_sent);
  for (guint i = 0; i < r->countries->len; i++)
    g_free (r->tallies[i]);
  g_free (r->tallies);
  if (r->counts != NULL)
    g_array_unref (r->counts);
  list_info_clear (&r->sent);
  list_info_clear (&r->received);
  g_free (r);
}

static int
year_of (const TrRecords *r, guint16 day)
{
  return TR_RECORDS_FIRST_YEAR + r->day_year[day];
}

/* The index of a country of the table: its place among the table's entries. */
static guint16
country_index (const TrRecords *r, const TrCountry *country)
{
  gpointer found = g_hash_table_lookup (r->country_index, country);
  g_assert (found != NULL);
  return (guint16) (GPOINTER_TO_UINT (found) - 1);
}

static void
mark_sent_country (TrRecords *r, guint16 c)
{
  if (!r->in_sent[c])
    {
      r->in_sent[c] = 1;
      r->n_sent_countries++;
    }
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
  r->mask = r->slots == NULL && r->mask == 0 ? 1023 : r->mask * 2 + 1;
  while ((guint64) (r->records->len + 1) * 2 > (guint64) r->mask + 1)
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
  g_return_val_if_fail (!r->entries_started && !r->sorted, FALSE);
  guint16 c = country_index (r, country);
  guint64 key = sent_key (r, id, len);
  if (r->slots == NULL || (guint64) (r->records->len + 1) * 2 > (guint64) r->mask + 1)
    grow (r);
  guint32 *slot = find_slot (r, key, c);
  if (*slot != 0)
    {
      const Record *rec = &g_array_index (r->records, Record, *slot - 1);
      *first_line = (guint) rec->first_day | ((guint) rec->entries << 16);
      return FALSE;
    }
  mark_sent_country (r, c);
  Record rec = { key, c, day, (guint16) (line & 0xFFFF), (guint16) (line >> 16) };
  g_array_append_val (r->records, rec);
  *slot = r->records->len;
  return TRUE;
}

static Tally *
tally_of (TrRecords *r, guint16 country)
{
  if (r->tallies[country] == NULL)
    r->tallies[country] = g_new0 (Tally, 1);
  return r->tallies[country];
}

static int
compare_record_key (guint64 id, guint16 country, const Record *rec)
{
  if (id != rec->id)
    return id < rec->id ? -1 : 1;
  return (country > rec->country) - (country < rec->country);
}

/* The record of (key, country), or NULL. */
static Record *
find_record (const TrRecords *r, guint64 key, guint16 country)
{
  Record *records = (Record *) (void *) r->records->data;
  if (!r->sorted)
    {
      if (r->slots == NULL)
        return NULL;
      guint32 slot = *find_slot (r, key, country);
      return slot == 0 ? NULL : &records[slot - 1];
    }
  gsize lo = 0, hi = r->records->len;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int c = compare_record_key (key, country, &records[mid]);
      if (c == 0)
        return &records[mid];
      if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return NULL;
}

/* The record of (id, country), or NULL. */
static Record *
lookup (const TrRecords *r, const char *id, gsize len, guint16 country)
{
  guint64 key;
  if (!entry_key (r, id, len, &key))
    return NULL;
  return find_record (r, key, country);
}

/* Clears the lines kept in the records for the messages of the sent list: the entries are
 * counted there from now on. */
static void
start_entries (TrRecords *r)
{
  if (r->entries_started)
    return;
  r->entries_started = TRUE;
  Record *records = (Record *) (void *) r->records->data;
  for (guint32 k = 0; k < r->records->len; k++)
    records[k].first_day = records[k].entries = 0;
}

/* Counts one entry of the log of `country` on `day`, of the report `rec` (NULL: another
 * source). */
static void
count_entry (TrRecords *r, Record *rec, guint16 country, guint16 day)
{
  Tally *t = tally_of (r, country);
  guint y = r->day_year[day];
  t->logged[y]++;
  if (rec == NULL)
    {
      t->other[y]++;
      return;
    }
  if (rec->entries == 0 || day < rec->first_day)
    rec->first_day = day;
  if (rec->entries < G_MAXUINT16)
    rec->entries++;
}

TrEntryResult
tr_records_add_entry (TrRecords *r, const char *id, gsize len, const TrCountry *country,
                      guint16 day, guint16 *sent_day)
{
  start_entries (r);
  guint16 c = country_index (r, country);
  Record *rec = lookup (r, id, len, c);
  if (rec != NULL && day < rec->sent_day)
    {
      *sent_day = rec->sent_day;
      return TR_ENTRY_EARLY;
    }
  count_entry (r, rec, c, day);
  return rec == NULL ? TR_ENTRY_OTHER_SOURCE : TR_ENTRY_MATCHED;
}

/* Counts -------------------------------------------------------------------------------- */

const GArray *
tr_records_counts (TrRecords *r)
{
  if (r->counts != NULL)
    g_array_unref (r->counts);
  r->counts = g_array_new (FALSE, FALSE, sizeof (TrRecordCounts));
  guint n_countries = r->countries->len;
  /* Dense: a row of years for each country the lists name. */
  g_autofree guint64 (*sent)[N_YEARS][TR_N_COUNTS] = NULL;
  g_autofree gint32 *row = g_new (gint32, n_countries);
  guint n_rows = 0;
  for (guint c = 0; c < n_countries; c++)
    row[c] = r->in_sent[c] || r->tallies[c] != NULL ? (gint32) n_rows++ : -1;
  sent = g_malloc0 (sizeof *sent * MAX (n_rows, 1));
  const Record *records = (const Record *) (void *) r->records->data;
  for (guint32 k = 0; k < r->records->len; k++)
    {
      const Record *rec = &records[k];
      guint y = r->day_year[rec->sent_day];
      guint64 *n = sent[row[rec->country]][y];
      guint entries = r->entries_started ? rec->entries : 0;
      int year = TR_RECORDS_FIRST_YEAR + (int) y;
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
  /* The table's entries are sorted by code: rows come out by code, then year. */
  for (guint c = 0; c < n_countries; c++)
    {
      if (row[c] < 0)
        continue;
      const Tally *t = r->tallies[c];
      for (guint y = 0; y < N_YEARS; y++)
        {
          TrRecordCounts counts = { g_ptr_array_index (r->countries, c),
                                    TR_RECORDS_FIRST_YEAR + (int) y, { 0 } };
          memcpy (counts.n, sent[row[c]][y], sizeof counts.n);
          if (t != NULL)
            {
              counts.n[TR_COUNT_OTHER_SOURCE] = t->other[y];
              counts.n[TR_COUNT_LOGGED] = t->logged[y];
            }
          gboolean any = FALSE;
          for (guint k = 0; k < TR_N_COUNTS; k++)
            any = any || counts.n[k] > 0;
          if (any)
            g_array_append_val (r->counts, counts);
        }
    }
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

/* One reading of a list. A reading of the log runs in a thread of its own beside the sent
 * list's: it writes only here, and reads the TrRecords's table and indexes of countries. */
typedef struct {
  TrRecords *r;
  ListInfo *info;
  gboolean received;        /* the log, not the sent list */
  const char *const *names[N_ROLES];
  const char *what[N_ROLES]; /* "the report identifier" */
  int columns[N_ROLES];
  gboolean header_read;     /* the header had the columns needed */
  guint header_line;
  const TrCountry *fixed;   /* the log's country, when it has no country column */
  GHashTable *labels;       /* country label as printed (owned) -> const TrCountry * */
  char last_label[16];      /* the last label looked up, and its country's index */
  gsize last_label_len;
  guint16 last_country;
  /* The last date cell read and its day: dates repeat from row to row. */
  char last_date[11];
  guint16 last_day;
  /* The log: its entries (Entry) and the line of each, and the texts of its identifiers
   * that are not numbers (interned here, by index). */
  GArray *entries, *lines, *text_entries;
  GPtrArray *texts;
  GStringChunk *texts_chunk;
  GHashTable *texts_index;  /* text -> index + 0 in texts (GUINT_TO_POINTER) */
  gboolean ok;              /* the log's reading: its result and error */
  GError *error;
  FILE *details;            /* a second reading, for --details */
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
  /* A log without a country column and without --received-country is of the sent list's one
   * country: tr_records_read() checks that once the sent list is read. */
  rd->header_read = TRUE;
  rd->header_line = line;
  rd->info->id = rd->columns[ROLE_ID];
  rd->info->country = rd->columns[ROLE_COUNTRY];
  rd->info->date = rd->columns[ROLE_DATE];
  rd->info->reference = rd->columns[ROLE_REFERENCE];
  return TRUE;
}


/* Identifiers, countries and dates of cells, without allocating for any cell after the first
 * of its kind. */

/* The country a cell names (labels looked up once, then remembered; the last one compared
 * first, as lists come in runs of one country). */
static gboolean
cell_country (Reading *rd, const TrField *field, guint line, guint16 *index, GError **error)
{
  if (field->len == rd->last_label_len && field->len < sizeof rd->last_label
      && memcmp (field->text, rd->last_label, field->len) == 0)
    {
      *index = rd->last_country;
      return TRUE;
    }
  const TrCountry *c = g_hash_table_lookup (rd->labels, field->text);
  if (c == NULL)
    {
      c = tr_country_table_lookup (rd->r->table, field->text);
      if (c == NULL || !tr_subject_is_country (c))
        {
          g_autofree char *cell = tr_input_excerpt (field->text, 40);
          tr_input_error_set (error, TR_INPUT_ERROR_VALUE, rd->info->name, line,
                              (guint) rd->columns[ROLE_COUNTRY] + 1,
                              c == NULL ? "found '%s', which is not a known country; expected "
                                          "a country's code or name"
                                        : "found '%s', which is not a country (an aggregate "
                                          "or an organisation); expected a country's code or "
                                          "name",
                              cell);
          return FALSE;
        }
      g_hash_table_insert (rd->labels, g_strdup (field->text), (gpointer) c);
    }
  *index = country_index (rd->r, c);
  if (field->len < sizeof rd->last_label)
    {
      memcpy (rd->last_label, field->text, field->len);
      rd->last_label_len = field->len;
      rd->last_country = *index;
    }
  return TRUE;
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

/* The key of a valid identifier of the log as the reading of the log keeps it: a number as
 * itself, any other text as ID_STRING | its index in rd->texts, interned in the reading's
 * own table (the sent list's is being filled by the other thread). */
static guint64
log_key (Reading *rd, const char *text, gsize len)
{
  guint64 key;
  if (numeric_id (text, len, &key))
    return key;
  gpointer found = NULL;
  if (!g_hash_table_lookup_extended (rd->texts_index, text, NULL, &found))
    {
      char *interned = g_string_chunk_insert_len (rd->texts_chunk, text, (gssize) len);
      found = GUINT_TO_POINTER (rd->texts->len);
      g_ptr_array_add (rd->texts, interned);
      g_hash_table_insert (rd->texts_index, interned, found);
    }
  return ID_STRING | GPOINTER_TO_UINT (found);
}

/* An entry of the log, as read: sorted by (id, country) before it is matched. */
typedef struct {
  guint64 id;
  guint16 country;
  guint16 day;
  guint32 row; /* the entry's place in the log, from 0 */
} Entry;

G_STATIC_ASSERT (sizeof (Entry) == 16);

/* Country of an entry of a log without a country column whose country is the sent list's
 * one country, unknown until the sent list is read. */
#define COUNTRY_OF_SENT_LIST G_MAXUINT16

static gboolean
on_sent_row (const TrField *fields, guint n, guint line, gpointer data, GError **error)
{
  (void) n;
  Reading *rd = data;
  TrRecords *r = rd->r;
  const TrField *id = &fields[rd->columns[ROLE_ID]];
  guint16 day, country;
  if (!cell_id (rd, id, line, error)
      || !cell_country (rd, &fields[rd->columns[ROLE_COUNTRY]], line, &country, error)
      || !cell_day (rd, &fields[rd->columns[ROLE_DATE]], line, &day, error))
    return FALSE;
  mark_sent_country (r, country);
  Record rec = { sent_key (r, id->text, id->len), country, day, (guint16) (line & 0xFFFF),
                 (guint16) (line >> 16) };
  /* Not g_array_append_val(): its memcpy() of 16 bytes a row is a tenth of the reading. */
  g_array_set_size (r->records, r->records->len + 1);
  g_array_index (r->records, Record, r->records->len - 1) = rec;
  return TRUE;
}

static gboolean
on_received_row (const TrField *fields, guint n, guint line, gpointer data, GError **error)
{
  (void) n;
  Reading *rd = data;
  const TrField *id = &fields[rd->columns[ROLE_ID]];
  guint16 day, country = COUNTRY_OF_SENT_LIST;
  if (!cell_id (rd, id, line, error))
    return FALSE;
  if (rd->fixed != NULL)
    country = country_index (rd->r, rd->fixed);
  else if (rd->columns[ROLE_COUNTRY] >= 0
           && !cell_country (rd, &fields[rd->columns[ROLE_COUNTRY]], line, &country, error))
    return FALSE;
  if (!cell_day (rd, &fields[rd->columns[ROLE_DATE]], line, &day, error))
    return FALSE;
  Entry e = { log_key (rd, id->text, id->len), country, day, rd->entries->len };
  g_array_set_size (rd->entries, rd->entries->len + 1);
  g_array_index (rd->entries, Entry, rd->entries->len - 1) = e;
  g_array_set_size (rd->lines, rd->lines->len + 1);
  g_array_index (rd->lines, guint, rd->lines->len - 1) = line;
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
  rd->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rd->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  rd->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  rd->texts = g_ptr_array_new ();
  rd->texts_chunk = g_string_chunk_new (4096);
  rd->texts_index = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
reading_clear (Reading *rd)
{
  g_hash_table_unref (rd->labels);
  g_array_unref (rd->entries);
  g_array_unref (rd->lines);
  g_clear_pointer (&rd->text_entries, g_array_unref);
  g_ptr_array_unref (rd->texts);
  g_string_chunk_free (rd->texts_chunk);
  g_hash_table_unref (rd->texts_index);
  g_clear_error (&rd->error);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reading, reading_clear)

/* Sorting ------------------------------------------------------------------------------- */

/* Items are 16 bytes: a guint64 key, then a guint16 country; they are sorted by (key,
 * country). */
#define ITEM_BYTES 16

static guint64
item_key (const guint8 *item)
{
  guint64 key;
  memcpy (&key, item, sizeof key);
  return key;
}

/* The byte offsets in an item of its sort digits, least significant first: the country's two
 * bytes, then the key's eight (little- or big-endian alike). */
static void
digit_offsets (guint offsets[10])
{
  for (guint b = 0; b < 2; b++)
    offsets[b] = 8 + (G_BYTE_ORDER == G_LITTLE_ENDIAN ? b : 1 - b);
  for (guint b = 0; b < 8; b++)
    offsets[2 + b] = G_BYTE_ORDER == G_LITTLE_ENDIAN ? b : 7 - b;
}

/* A least-significant-digit radix sort of the n items at `from`, a byte at a time over the
 * first `n_digits` of digit_offsets(), stable, skipping a byte all items share; `to` holds n
 * items. Returns where the sorted items are: `from` or `to`. */
static guint8 *
lsd_sort (guint8 *from, guint8 *to, gsize n, guint n_digits)
{
  guint offsets[10];
  digit_offsets (offsets);
  gsize counts[10][256];
  memset (counts, 0, sizeof counts);
  for (gsize i = 0; i < n; i++)
    for (guint d = 0; d < n_digits; d++)
      counts[d][from[i * ITEM_BYTES + offsets[d]]]++;
  for (guint d = 0; d < n_digits; d++)
    {
      if (n == 0 || counts[d][from[offsets[d]]] == n)
        continue; /* one value for every item: the order stays */
      gsize at = 0;
      for (guint v = 0; v < 256; v++)
        {
          gsize c = counts[d][v];
          counts[d][v] = at;
          at += c;
        }
      for (gsize i = 0; i < n; i++)
        {
          const guint8 *item = from + i * ITEM_BYTES;
          memcpy (to + counts[d][item[offsets[d]]]++ * ITEM_BYTES, item, ITEM_BYTES);
        }
      guint8 *t = from;
      from = to;
      to = t;
    }
  return from;
}

/* Sorts n items by (key, country), stable, `scratch` holding n items. A first pass spreads
 * them by the top bits of their keys (the bits all keys share left out) into buckets of some
 * thirty thousand items, which are then sorted one by one by lsd_sort() while in the cache:
 * one pass over the whole in memory instead of one per byte of key. */
static void
radix_sort (void *items, void *scratch, gsize n)
{
  guint8 *a = items, *b = scratch;
  if (n == 0)
    return;
  guint64 first = item_key (a), varying = 0;
  for (gsize i = 1; i < n; i++)
    varying |= item_key (a + i * ITEM_BYTES) ^ first;
  guint bits = varying == 0 ? 0 : 64 - (guint) __builtin_clzll (varying);
  guint top = 8;
  while (top < 12 && (n >> top) > 32768)
    top++;
  if (n < 65536 || bits <= top)
    {
      if (lsd_sort (a, b, n, 10) != a)
        memcpy (a, b, n * ITEM_BYTES);
      return;
    }
  guint shift = bits - top;
  gsize n_buckets = (gsize) 1 << top;
  g_autofree gsize *starts = g_new0 (gsize, n_buckets + 1);
  for (gsize i = 0; i < n; i++)
    starts[((item_key (a + i * ITEM_BYTES) >> shift) & (n_buckets - 1)) + 1]++;
  for (gsize v = 0; v < n_buckets; v++)
    starts[v + 1] += starts[v];
  g_autofree gsize *at = g_memdup2 (starts, n_buckets * sizeof (gsize));
  for (gsize i = 0; i < n; i++)
    {
      const guint8 *item = a + i * ITEM_BYTES;
      memcpy (b + at[(item_key (item) >> shift) & (n_buckets - 1)]++ * ITEM_BYTES, item,
              ITEM_BYTES);
    }
  /* Within a bucket, the digits left: the country's, and the key's below the top bits. */
  guint n_digits = 2 + (shift + 7) / 8;
  for (gsize v = 0; v < n_buckets; v++)
    {
      gsize start = starts[v], len = starts[v + 1] - start;
      guint8 *from = b + start * ITEM_BYTES, *to = a + start * ITEM_BYTES;
      if (lsd_sort (from, to, len, n_digits) != to)
        memcpy (to, from, len * ITEM_BYTES);
    }
}

/* Sorts a GArray of 16-byte items (Record or Entry) as radix_sort() does. */
static void
sort_array (GArray *array)
{
  if (array->len < 2)
    return;
  g_autofree void *scratch = g_malloc ((gsize) array->len * ITEM_BYTES);
  radix_sort (array->data, scratch, array->len);
}

/* Reading both lists -------------------------------------------------------------------- */

/* The sent list, read (in a thread of its own) into r->records, then sorted; a report twice
 * for a country is found among the sorted records, the first in file order of the second
 * reports being the error, unless the reading stopped earlier. */
static gboolean
read_sent (Reading *rd, const char *path, GError **error)
{
  TrRecords *r = rd->r;
  GError *stream_error = NULL;
  gboolean ok = tr_csv_stream (path, r->sent.name, on_header, on_sent_row, rd, &r->sent.n_rows,
                               &stream_error);
  sort_array (r->records);
  r->sorted = TRUE;
  /* Equal keys are next to each other, and in file order among them (the sort is stable). */
  const Record *records = (const Record *) (void *) r->records->data;
  const Record *second = NULL, *first = NULL;
  guint32 run = 0; /* the first record of the run of equal keys k is in */
  for (guint32 k = 1; k < r->records->len; k++)
    {
      const Record *a = &records[k - 1], *b = &records[k];
      if (a->id != b->id || a->country != b->country)
        {
          run = k;
          continue;
        }
      /* The second of a run is the first in file order to repeat the first. */
      if (k == run + 1
          && (second == NULL
              || ((guint) b->first_day | ((guint) b->entries << 16))
                     < ((guint) second->first_day | ((guint) second->entries << 16))))
        {
          second = b;
          first = a;
        }
    }
  if (second != NULL)
    {
      g_clear_error (&stream_error);
      char text[24];
      const char *id = text;
      if (second->id & ID_STRING)
        id = GSIZE_TO_POINTER ((gsize) (second->id & ~ID_STRING));
      else
        g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, second->id);
      const TrCountry *country = g_ptr_array_index (r->countries, second->country);
      tr_input_error_set (error, TR_INPUT_ERROR_DUPLICATE, r->sent.name,
                          (guint) second->first_day | ((guint) second->entries << 16),
                          (guint) rd->columns[ROLE_ID] + 1,
                          "found the report %s for %s a second time (first on line %u); "
                          "expected each report once per country",
                          id, country->code,
                          (guint) first->first_day | ((guint) first->entries << 16));
      return FALSE;
    }
  if (!ok)
    {
      g_propagate_error (error, stream_error);
      return FALSE;
    }
  start_entries (r);
  return TRUE;
}

static gpointer
read_received_thread (gpointer data)
{
  Reading *rd = data;
  rd->ok = tr_csv_stream (rd->info->path, rd->info->name, on_header, on_received_row, rd,
                          &rd->info->n_rows, &rd->error);
  GArray *entries = rd->entries;
  /* Text identifiers are matched once the sent list is read: sorted then, apart. */
  rd->text_entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  Entry *all = (Entry *) (void *) entries->data;
  guint32 kept = 0;
  for (guint32 k = 0; k < entries->len; k++)
    {
      if (all[k].id & ID_STRING)
        g_array_append_val (rd->text_entries, all[k]);
      else
        all[kept++] = all[k];
    }
  g_array_set_size (entries, kept);
  sort_array (entries);
  return NULL;
}

/* Matches the sorted entries with the sorted records: counts each, and notes the first entry
 * in log order dated before its report was made available in *early (G_MAXUINT32: none). */
static void
match_entries (TrRecords *r, const GArray *entries, guint32 *early, guint16 *early_sent)
{
  Record *records = (Record *) (void *) r->records->data;
  guint32 n = r->records->len, i = 0;
  const Entry *e = (const Entry *) (const void *) entries->data;
  for (guint32 k = 0; k < entries->len; k++)
    {
      while (i < n && compare_record_key (e[k].id, e[k].country, &records[i]) > 0)
        i++;
      Record *rec = i < n && records[i].id == e[k].id && records[i].country == e[k].country
                        ? &records[i]
                        : NULL;
      if (rec != NULL && e[k].day < rec->sent_day)
        {
          if (e[k].row < *early)
            {
              *early = e[k].row;
              *early_sent = rec->sent_day;
            }
          continue;
        }
      count_entry (r, rec, e[k].country, e[k].day);
    }
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  if (x->country != y->country)
    return x->country < y->country ? -1 : 1;
  return (x->row > y->row) - (x->row < y->row);
}

gboolean
tr_records_read (TrRecords *r, const char *sent, const char *received,
                 const TrCountry *country, GError **error)
{
  g_return_val_if_fail (r->records->len == 0 && !r->entries_started, FALSE);
  r->sent.path = g_strdup (sent);
  r->sent.name = g_strdup (sent);
  r->received.path = g_strdup (received);
  r->received.name = g_strdup (received);
  g_auto (Reading) srd;
  g_auto (Reading) rrd;
  reading_init (&srd, r, &r->sent, FALSE);
  reading_init (&rrd, r, &r->received, TRUE);
  rrd.fixed = country;
  /* The log in a thread of its own, the sent list in this one. The log's thread touches
   * only its Reading, and reads r's table and indexes of countries, never written now. */
  GThread *thread = g_thread_new ("tiprecon-log", read_received_thread, &rrd);
  GError *sent_error = NULL;
  gboolean sent_ok = read_sent (&srd, sent, &sent_error);
  g_thread_join (thread);
  if (!sent_ok)
    {
      g_propagate_error (error, sent_error);
      return FALSE;
    }
  if (rrd.header_read && rrd.columns[ROLE_COUNTRY] < 0 && rrd.fixed == NULL)
    {
      /* A log without a country column is of the sent list's one country. */
      if (r->n_sent_countries != 1)
        {
          tr_input_error_set (error, TR_INPUT_ERROR_LAYOUT, r->received.name, rrd.header_line, 1,
                              "found no country column, and the sent list names %u "
                              "countries; expected a column named country, or "
                              "--received-country naming the log's country",
                              r->n_sent_countries);
          return FALSE;
        }
      guint16 only = 0;
      while (!r->in_sent[only])
        only++;
      rrd.fixed = g_ptr_array_index (r->countries, only);
      for (guint32 k = 0; k < rrd.entries->len; k++)
        g_array_index (rrd.entries, Entry, k).country = only;
      for (guint32 k = 0; k < rrd.text_entries->len; k++)
        g_array_index (rrd.text_entries, Entry, k).country = only;
    }
  /* Text identifiers: the sent list's key for each, or ID_STRING alone (none). */
  for (guint32 k = 0; k < rrd.text_entries->len; k++)
    {
      Entry *e = &g_array_index (rrd.text_entries, Entry, k);
      const char *text = g_ptr_array_index (rrd.texts, (guint) (e->id & ~ID_STRING));
      gpointer interned = g_hash_table_lookup (r->string_ids, text);
      e->id = ID_STRING | (guint64) GPOINTER_TO_SIZE (interned);
    }
  g_array_sort (rrd.text_entries, compare_entries);
  guint32 early = G_MAXUINT32;
  guint16 early_sent = 0;
  match_entries (r, rrd.entries, &early, &early_sent);
  match_entries (r, rrd.text_entries, &early, &early_sent);
  if (early != G_MAXUINT32)
    {
      /* The first error in the log is this entry, before any the reading stopped at. */
      const Entry *e = NULL;
      for (guint pass = 0; pass < 2 && e == NULL; pass++)
        {
          const GArray *a = pass == 0 ? rrd.entries : rrd.text_entries;
          for (guint32 k = 0; k < a->len && e == NULL; k++)
            if (g_array_index (a, Entry, k).row == early)
              e = &g_array_index (a, Entry, k);
        }
      Record *rec = find_record (r, e->id, e->country);
      char logged[11], sent_date[11], text[24];
      tr_records_format_day (e->day, logged);
      tr_records_format_day (early_sent, sent_date);
      const char *id = text;
      if (rec->id & ID_STRING)
        id = GSIZE_TO_POINTER ((gsize) (rec->id & ~ID_STRING));
      else
        g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, rec->id);
      const TrCountry *c = g_ptr_array_index (r->countries, e->country);
      tr_input_error_set (error, TR_INPUT_ERROR_VALUE, r->received.name,
                          g_array_index (rrd.lines, guint, early),
                          (guint) rrd.columns[ROLE_DATE] + 1,
                          "found %s, before the report %s was made available to %s (%s in "
                          "%s); expected a date on or after the date made available",
                          logged, id, c->code, sent_date, r->sent.name);
      return FALSE;
    }
  if (!rrd.ok)
    {
      g_propagate_error (error, g_steal_pointer (&rrd.error));
      return FALSE;
    }
  r->received.fixed_country = rrd.fixed != NULL ? country_index (r, rrd.fixed) : -1;
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

static void
write_never (TrRecords *r, FILE *out, const Record *rec)
{
  char sent[11];
  tr_records_format_day (rec->sent_day, sent);
  const TrCountry *country = g_ptr_array_index (r->countries, rec->country);
  fprintf (out, "%s,%s", tr_outcome_name (TR_OUTCOME_NEVER), country->code);
  write_id (out, rec->id);
  fprintf (out, ",%s,,\n", sent);
}

static gboolean
changed (const ListInfo *info, guint line, GError **error)
{
  tr_input_error_set (error, TR_INPUT_ERROR_IO, info->name, line, 0,
                      "found another row on the second reading; expected a file that "
                      "does not change while it is read");
  return FALSE;
}

static gboolean
on_details_row (const TrField *fields, guint n, guint line, gpointer data, GError **error)
{
  (void) n;
  Reading *rd = data;
  TrRecords *r = rd->r;
  const ListInfo *info = &r->received;
  const TrField *id = &fields[info->id];
  guint16 c;
  if (!tr_records_valid_id (id->text, id->len))
    return changed (info, line, error);
  if (info->fixed_country >= 0)
    c = (guint16) info->fixed_country;
  else if (!cell_country (rd, &fields[info->country], line, &c, NULL))
    return changed (info, line, error);
  const TrCountry *country = g_ptr_array_index (r->countries, c);
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

/* The sent list read again, when its records were sorted: each report never received, in the
 * order of the list. */
static gboolean
on_details_sent_row (const TrField *fields, guint n, guint line, gpointer data,
                     GError **error)
{
  (void) n;
  Reading *rd = data;
  TrRecords *r = rd->r;
  const ListInfo *info = &r->sent;
  const TrField *id = &fields[info->id];
  guint16 c;
  if (!tr_records_valid_id (id->text, id->len)
      || !cell_country (rd, &fields[info->country], line, &c, NULL))
    return changed (info, line, error);
  const Record *rec = lookup (r, id->text, id->len, c);
  if (rec == NULL)
    return changed (info, line, error);
  if (rec->entries == 0)
    write_never (r, rd->details, rec);
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

/* Reads `info`'s list again, each row to `on_row`. */
static gboolean
read_again (TrRecords *r, ListInfo *info, TrStreamRowFunc on_row, FILE *out, GError **error)
{
  g_auto (Reading) rd;
  reading_init (&rd, r, info, info == &r->received);
  rd.details = out;
  rd.columns[ROLE_COUNTRY] = info->country;
  guint64 n_rows = 0;
  if (!tr_csv_stream (info->path, info->name, on_details_header, on_row, &rd, &n_rows, error))
    return FALSE;
  if (n_rows != info->n_rows)
    {
      tr_input_error_set (error, TR_INPUT_ERROR_IO, info->name, 0, 0,
                          "found %" G_GUINT64_FORMAT " rows on the second reading, %"
                          G_GUINT64_FORMAT " on the first; expected a file that does not "
                          "change while it is read",
                          n_rows, info->n_rows);
      return FALSE;
    }
  return TRUE;
}

gboolean
tr_records_write_details (TrRecords *r, FILE *out, GError **error)
{
  fputs ("outcome,country,report_id,date_made_available,date_received,case_reference\n", out);
  if (r->received.path != NULL && !read_again (r, &r->received, on_details_row, out, error))
    return FALSE;
  if (r->sorted)
    return read_again (r, &r->sent, on_details_sent_row, out, error);
  const Record *records = (const Record *) (void *) r->records->data;
  for (guint32 k = 0; k < r->records->len; k++)
    if (!(r->entries_started && records[k].entries > 0))
      write_never (r, out, &records[k]);
  return TRUE;
}
