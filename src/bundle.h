/* bundle.h — the bundled tables: where the data directory is and what data/tables.ini lists.
 *
 * Ownership: tr_bundle_load() returns a GPtrArray that owns its TrBundledTable entries and
 * their strings (g_ptr_array_unref frees all). */
#pragma once

#include <glib.h>

#include "dataset.h"

typedef struct {
  char *name;     /* group name in tables.ini, e.g. "table6" */
  char *path;     /* full path of the CSV file */
  char *display;  /* how outputs name it: see tr_bundle_display_name() */
  char *layout;   /* full path of its layout file, or NULL */
  char *source;   /* "reference", "declared", "ncmec", … */
  char *measure;  /* default measure, or NULL */
  char *table;    /* provenance: document, section, table */
  char *role;     /* "reference", "declared" or "context": which option replaces it */
  gboolean sum_duplicates;
} TrBundledTable;

/* The directory of the bundled data: $TIPRECON_DATA_DIR if set; the source tree's data/ when
 * the running program is the one in the build tree; else the installed package data
 * directory. Newly allocated. */
char *tr_bundle_data_dir (void);

/* How outputs cite `file` of `data_dir` (newly allocated): "data/FILE" when `data_dir` is the
 * program's own bundled data (the source tree's data/ for the program in the build tree, or
 * the installed package data directory, links resolved), else the path actually read,
 * DATA_DIR/FILE — a copy of the data set with TIPRECON_DATA_DIR is cited as itself. */
char *tr_bundle_display_name (const char *data_dir, const char *file);

/* Reads DATA_DIR/tables.ini. Returns NULL with an error naming the file on failure. */
GPtrArray *tr_bundle_load (const char *data_dir, GError **error);

/* The sources a user's file read as `role` ("reference" or "declared") may not add to: the
 * other role and every bundled table's source but `role` itself. A NULL-terminated, newly
 * allocated array (g_strfreev) for TrTableSpec.foreign_sources. */
char **tr_bundle_foreign_sources (const GPtrArray *bundled, const char *role);

/* Fills a table spec that reads `table` (borrowing its strings); rows may name organisations
 * only in a context table. */
void tr_bundle_spec (const TrBundledTable *table, TrTableSpec *spec);
