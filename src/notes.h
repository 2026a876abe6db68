/* notes.h — structured notes derived from the tables' remarks: series breaks and caveats.
 *
 * data/notes.csv has one row per note: table (the remark source of data/sources.ini the note
 * is derived from, such as com740-t6-remarks: the remarks under Table 6), country (as
 * printed), years ("2024" or "2022-2024"), measure, kind (method, source, scope, provisional,
 * one_off, rounded), a short English summary and, optionally, a precision column: what a
 * rounded note's figures are rounded to (10 for "rounded to the ten"), empty for every other
 * kind. A note applies to the observations read from its table's file: when a table is
 * replaced by --declared/--reference, its notes no longer apply. A figure a table marks
 * provisional where it prints the year ("2024 (provisional)", a TrMark of the dataset) is a
 * note of kind provisional too, its header or cell in place of a row of notes.csv.
 *
 * Ownership: the GPtrArray returned owns the notes and their strings; it borrows the dataset
 * (for the original remark) and the country table. */
#pragma once

#include <glib.h>

#include "dataset.h"

typedef struct {
  const char *file;         /* display name of the table file the note is about */
  const TrCountry *country;
  int year_from, year_to;   /* inclusive */
  char *measure;
  char *kind;
  char *summary;
  gint64 precision;         /* a rounded note's precision (10: to the ten); 0 for other kinds */
  TrWhere where;            /* the note's own row in notes.csv */
  const TrAnnotation *remark; /* the original remark in the table, or NULL */
  const TrSource *origin;   /* the table the note is about (borrowed), or NULL when it was
                               read with no source */
} TrNote;

/* Reads the notes at `path` (called `name` in messages and provenance: it must outlive the
 * notes, e.g. a string literal). `catalogue` resolves each note's remark source. Notes on the
 * remarks of a table that was not read into `dataset` are dropped. */
GPtrArray *tr_notes_load (const char *path, const char *name, const TrCatalogue *catalogue,
                          const TrDataset *dataset, GError **error);

/* Marks approximate, with the note's precision, every exact present figure a rounded note
 * covers (its file, country, measure and years): a figure rounded to the ten is not exact, and
 * the rules that need exact figures must not read it as such. Returns how many it marked. */
guint tr_notes_apply_rounding (const GPtrArray *notes, TrDataset *dataset);

/* The first note on (observation's file, country, measure) covering `year`, or NULL. */
const TrNote *tr_notes_find (const GPtrArray *notes, const TrObservation *obs, int year);
/* Appends to `out` (const TrNote *) every note on (observation's file, country, measure)
 * covering `year`, in notes.csv order. Returns how many it appended. */
guint tr_notes_find_all (const GPtrArray *notes, const TrObservation *obs, int year,
                         GPtrArray *out);
/* The first note on (observation's file, country, measure) that marks a change between
 * `before` and `year`: it covers one of the two years and not the other. A note covering
 * both (a scope remark on 2022-2024) says nothing about a change between them: NULL. */
const TrNote *tr_notes_find_change (const GPtrArray *notes, const TrObservation *obs,
                                    int before, int year);
