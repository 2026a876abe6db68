/* testutil.h — what the CUnit test programs share: the country table, a scratch directory,
 * and running the registered suites with an exit status that reflects failures. */
#pragma once

#include <glib.h>

#include "country.h"

/* Loads the country reference from $TIPRECON_DATA_DIR (default "data"); aborts on failure.
 * The caller frees it with tr_country_table_free(). */
TrCountryTable *tr_test_countries (void);

/* Writes `text` to a file called `name` in the scratch directory (made on first use) and
 * returns its path (newly allocated). tr_test_run() removes the directory and its files. */
char *tr_test_write_file (const char *name, const char *text);

/* Runs every registered suite verbosely, cleans the registry and the scratch directory, and
 * returns EXIT_SUCCESS only when no assertion failed: CUnit does not do that by itself. */
int tr_test_run (void);
