/* bundle.h — the bundled data: where its directory is, and how outputs name its files. What
 * it holds is listed in data/sources.ini (catalogue.h). */
#pragma once

#include <glib.h>

/* The directory of the bundled data: $TIPRECON_DATA_DIR if set; the source tree's data/ when
 * the running program is the one in the build tree; else the installed package data
 * directory. Newly allocated. */
char *tr_bundle_data_dir (void);

/* How outputs cite `file` of `data_dir` (newly allocated): "data/FILE" when `data_dir` is the
 * program's own bundled data (the source tree's data/ for the program in the build tree, or
 * the installed package data directory, links resolved), else the path actually read,
 * DATA_DIR/FILE — a copy of the data set with TIPRECON_DATA_DIR is cited as itself. */
char *tr_bundle_display_name (const char *data_dir, const char *file);
