/* records-source.h — the counts of record-level lists (`tiprecon records`) as observations of
 * their own source, and what they explain of the aggregate gap.
 *
 * `tiprecon --records FILE` reads the CSV that `tiprecon records --format csv` writes (one
 * row per country and year, the columns of tr_record_count_columns) and adds each count to
 * the dataset (tr_dataset_add()) as an observation of the series "records", measure
 * "records_" + its column ("records_sent", "records_never_received", …), for the calendar
 * year of the row, cited as the user's file (a source user:LABEL of the catalogue). The
 * report then sets, for each country and year, the lists' counts beside the gap between the
 * reference and the declared figure (tr_records_gaps()).
 *
 * Ownership: tr_records_gaps() returns an array that owns its TrRecordsGap structs; they
 * borrow the dataset's observations and countries and the reconciliation's pairs, which must
 * outlive it. */
#pragma once

#include <glib.h>

#include "catalogue.h"
#include "dataset.h"
#include "match.h"
#include "records.h"

/* The series the counts are observations of. */
#define TR_RECORDS_SERIES "records"

/* The measure of a count: "records_" + tr_record_count_columns[count].name (static). */
const char *tr_records_measure (TrRecordCount count);

/* Reads `source`'s file (source->path, named source->display in messages), a CSV of counts
 * as `tiprecon records --format csv` writes it: the header exactly
 * country,year,sent,received,received_later,received_twice_or_more,twice_or_more_entries,
 * never_received,other_source,logged; then one row per country and year, the country a
 * country of the table (code or name), the year from 1998 to 2099, each count an integer of
 * zero or more written in digits, and sent = received + received_later +
 * received_twice_or_more + never_received, twice_or_more_entries at least twice
 * received_twice_or_more, logged at least received + other_source. Adds every count as an
 * observation (TR_RECORDS_SERIES, origin `source`, the cell as its provenance) and the file as
 * an input of the dataset. Returns FALSE with a TR_INPUT_ERROR "FILE:LINE:COLUMN: found …;
 * expected …" on the first bad cell or row (the dataset may then hold part of the file). */
gboolean tr_records_source_load (TrDataset *dataset, const TrSource *source, GError **error);

/* One country and year of the lists, beside the aggregate figures. */
typedef struct {
  const TrCountry *country;
  int year;
  const TrSource *origin;  /* the lists' source (borrowed) */
  guint64 n[TR_N_COUNTS];  /* the counts */
  const TrPair *pair;      /* the pair of the reconciliation for the country and year (both
                              figures or not), or NULL when it has none */
  gboolean explains;       /* TRUE when the pair is matched and both figures are exact: the
                              gap is a number the counts can be set against */
  gint64 gap;              /* when `explains`: reference − declared */
  gint64 lists_gap;        /* sent − logged: the gap the lists show */
  gint64 extra_entries;    /* twice_or_more_entries − received_twice_or_more */
  gint64 carried;          /* logged − received − twice_or_more_entries − other_source: the
                              entries dated in the year of reports made available in earlier
                              years, less the entries dated later of the year's reports
                              logged twice or more */
  gint64 unexplained;      /* when `explains`: gap − lists_gap */
} TrRecordsGap;

/* The country-years of the series TR_RECORDS_SERIES that `rec`'s filter shows (its
 * countries and years; every country of the lists, in scope or not), by country code then
 * year, with the pair of `rec` for each (matched on rec->measure, which must be "reports"
 * for a gap to be explained). A GArray of TrRecordsGap, empty when no list was read. */
GArray *tr_records_gaps (const TrDataset *dataset, const TrReconciliation *rec);
