/* output.h — writing a finished document to a file atomically, or to standard output. */
#pragma once

#include <glib.h>

/* Writes `n` bytes to `path`: to a temporary file in the same directory, flushed and synced,
 * then renamed over `path`. On any failure the temporary file is removed, an existing file at
 * `path` is left as it was, and FALSE is returned with an error naming the path.
 * A NULL path writes to standard output. */
gboolean tr_output_write (const char *path, const char *bytes, gsize n, GError **error);
