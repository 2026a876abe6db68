/* output.h — where a document goes: standard output, a device or a pipe directly, a regular
 * file all or nothing.
 *
 * Ownership: tr_output_open() returns a TrOutput that tr_output_commit() or tr_output_abort()
 * frees (exactly one of them, once). The FILE * it lends is the TrOutput's: never fclose it. */
#pragma once

#include <stdio.h>

#include <glib.h>

typedef struct TrOutput TrOutput;

/* Opens the destination of a document. `path` NULL: standard output. A symbolic link is
 * followed to the file it names (a dangling link gets that file created); the link itself
 * stays. A character device or a named pipe is written directly. A regular file, or a path
 * where nothing is yet, is written to a temporary file beside it, renamed over it by
 * tr_output_commit(): an existing file keeps its permission bits (and its owner and group
 * where the system allows it); a new one gets 0666 less the umask. While that temporary file
 * exists, SIGINT, SIGTERM and SIGHUP remove it before ending the program; SIGXFSZ is ignored
 * from here on, so that a write past the file size limit fails with EFBIG instead of killing
 * the run.
 * `inputs` (NULL-terminated, may be NULL) are the files the run read: a destination that is
 * one of them (the same file, by any name) is refused, so that an input is never replaced.
 * Returns NULL with error set (G_FILE_ERROR, "PATH: …") for a directory, a block device, a
 * socket, an input, a link loop, or a file that cannot be created or opened. */
TrOutput *tr_output_open (const char *path, const char *const *inputs, GError **error);

/* The stream to write the document to. Writes need not be checked one by one: the stream's
 * error indicator is checked by tr_output_commit(). */
FILE *tr_output_stream (TrOutput *output);

/* Finishes the document and frees `output`. Fails if any write failed (including before
 * this call), or the flush, sync, close, permissions or rename fail; then a temporary file is
 * removed and the file at the destination is left as it was, and FALSE is returned with an
 * error "PATH: cannot write the output: REASON". For standard output, a device or a pipe,
 * what was written before the failure has been written. */
gboolean tr_output_commit (TrOutput *output, GError **error);

/* Abandons the document: closes the stream, removes a temporary file, frees `output`. */
void tr_output_abort (TrOutput *output);
