/* fault-alloc.c — test build only: makes the Nth memory allocation of the process fail.
 *
 * Linked into tests/tiprecon-faults (never into the program that is installed), it stands in
 * for malloc, calloc and realloc and counts every call, whoever makes it (the program, GLib,
 * json-glib, libcsv, the C library). TIPRECON_FAULT_ALLOC_AT=N makes call number N (from 1)
 * return NULL with errno ENOMEM, once; every other call goes to the real allocator (the C
 * library's, or the sanitizer's in a sanitizer build). TIPRECON_FAULT_ALLOC_COUNT=FILE writes
 * the number of calls made to FILE when the program exits, so that a test can try every N
 * (tests/alloc-failures.sh). Counting starts when the program's own start-up code runs, after
 * the shared libraries' constructors: a failure inside GLib's own initialisation is GLib's to
 * handle (it deadlocks), not the program's. Like SQLite's out-of-memory tests, it proves that running out of
 * memory at any point never crashes the program uncleanly or leaves a partial output file. */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* malloc, calloc, realloc and free below replace the C library's (prototypes in <stdlib.h>)
 * for the whole process, shared libraries included, because the executable comes first in
 * symbol lookup. */

static void *(*next_malloc) (size_t);
static void *(*next_calloc) (size_t, size_t);
static void *(*next_realloc) (void *, size_t);
static void (*next_free) (void *);

/* dlsym() may allocate while the real allocator is being looked up: such requests are served
 * from this static buffer, which is never freed. Only the process's first calls can get here,
 * all on one thread (the loader's), so no lock is needed. */
static _Alignas (max_align_t) char bootstrap[8192];
static size_t bootstrap_used;
static int resolving;

static int armed;             /* set once the libraries are initialised */
static unsigned long calls;   /* allocations so far */
static unsigned long fail_at; /* the one to fail, from 1; 0: none */

static void
resolve (void)
{
  if (next_free != NULL || resolving)
    return;
  resolving = 1;
  next_malloc = (void *(*) (size_t)) dlsym (RTLD_NEXT, "malloc");
  next_calloc = (void *(*) (size_t, size_t)) dlsym (RTLD_NEXT, "calloc");
  next_realloc = (void *(*) (void *, size_t)) dlsym (RTLD_NEXT, "realloc");
  next_free = (void (*) (void *)) dlsym (RTLD_NEXT, "free");
  resolving = 0;
}

static void *
from_bootstrap (size_t size)
{
  size = (size + sizeof (max_align_t) - 1) / sizeof (max_align_t) * sizeof (max_align_t);
  if (size > sizeof bootstrap - bootstrap_used)
    return NULL;
  void *p = bootstrap + bootstrap_used;
  bootstrap_used += size;
  return p; /* static storage: already zeroed */
}

static int
in_bootstrap (const void *ptr)
{
  return (uintptr_t) ptr >= (uintptr_t) bootstrap
         && (uintptr_t) ptr < (uintptr_t) (bootstrap + sizeof bootstrap);
}

/* TRUE when this call is the one chosen to fail. */
static int
should_fail (void)
{
  if (!armed)
    return 0;
  calls++;
  if (fail_at != 0 && calls == fail_at)
    {
      errno = ENOMEM;
      return 1;
    }
  return 0;
}

void *
malloc (size_t size)
{
  resolve ();
  if (next_malloc == NULL)
    return from_bootstrap (size);
  return should_fail () ? NULL : next_malloc (size);
}

void *
calloc (size_t n, size_t size)
{
  resolve ();
  if (next_calloc == NULL)
    return n != 0 && size > SIZE_MAX / n ? NULL : from_bootstrap (n * size);
  return should_fail () ? NULL : next_calloc (n, size);
}

void *
realloc (void *ptr, size_t size)
{
  resolve ();
  if (in_bootstrap (ptr))
    {
      /* Never happens in practice (the loader does not grow its buffers); kept correct. */
      void *moved = malloc (size);
      if (moved != NULL)
        {
          size_t held = (size_t) (bootstrap + sizeof bootstrap - (char *) ptr);
          memcpy (moved, ptr, size < held ? size : held);
        }
      return moved;
    }
  if (next_realloc == NULL)
    return ptr == NULL ? from_bootstrap (size) : NULL;
  return should_fail () ? NULL : next_realloc (ptr, size);
}

void
free (void *ptr)
{
  if (ptr == NULL || in_bootstrap (ptr))
    return;
  resolve ();
  next_free (ptr);
}

/* The executable's constructors run after those of the libraries it links (and after the
 * environment is set up: a sanitizer's run-time library allocates before that). */
__attribute__ ((constructor)) static void
arm (void)
{
  const char *at = getenv ("TIPRECON_FAULT_ALLOC_AT");
  fail_at = at != NULL ? strtoul (at, NULL, 10) : 0;
  armed = 1;
}

/* Writes the number of allocations made to $TIPRECON_FAULT_ALLOC_COUNT, at exit. */
__attribute__ ((destructor)) static void
report_count (void)
{
  const char *path = getenv ("TIPRECON_FAULT_ALLOC_COUNT");
  if (path == NULL)
    return;
  char line[32];
  int n = snprintf (line, sizeof line, "%lu\n", calls);
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return;
  if (write (fd, line, (size_t) n) != n)
    (void) 0; /* a test reading the file will see it short */
  close (fd);
}
