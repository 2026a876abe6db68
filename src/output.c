/* output.c — all-or-nothing output: a temporary file renamed into place. */
#include "config.h"

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

static gboolean
write_all (int fd, const char *bytes, gsize n)
{
#ifdef TR_FAULT_INJECTION
  /* Test builds only: TIPRECON_FAULT_WRITE_AFTER=N makes the write fail with ENOSPC after N
   * bytes, to prove that a failed write leaves nothing behind. */
  const char *limit = g_getenv ("TIPRECON_FAULT_WRITE_AFTER");
  if (limit != NULL && n > g_ascii_strtoull (limit, NULL, 10))
    {
      gsize allowed = (gsize) g_ascii_strtoull (limit, NULL, 10);
      if (write (fd, bytes, allowed) < 0)
        return FALSE;
      errno = ENOSPC;
      return FALSE;
    }
#endif
  while (n > 0)
    {
      ssize_t done = write (fd, bytes, n);
      if (done < 0 && errno == EINTR)
        continue;
      if (done <= 0)
        return FALSE;
      bytes += done;
      n -= (gsize) done;
    }
  return TRUE;
}

gboolean
tr_output_write (const char *path, const char *bytes, gsize n, GError **error)
{
  if (path == NULL)
    {
      if (fwrite (bytes, 1, n, stdout) != n || fflush (stdout) != 0)
        {
          int err = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                       "standard output: cannot write: %s", g_strerror (err));
          return FALSE;
        }
      return TRUE;
    }
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd = g_mkstemp (tmpl);
  if (fd < 0)
    {
      int err = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                   "%s: cannot write the output: %s", path, g_strerror (err));
      return FALSE;
    }
  gboolean ok = write_all (fd, bytes, n) && fsync (fd) == 0;
  int err = errno;
  if (close (fd) != 0 && ok)
    {
      ok = FALSE;
      err = errno;
    }
  /* The file gets the permissions a newly created file would get (mkstemp makes it 0600). */
  if (ok)
    {
      mode_t mask = umask (0);
      umask (mask);
      if (g_chmod (tmpl, 0666 & ~mask) != 0)
        {
          ok = FALSE;
          err = errno;
        }
    }
  if (ok && g_rename (tmpl, path) != 0)
    {
      ok = FALSE;
      err = errno;
    }
  if (!ok)
    {
      g_unlink (tmpl);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                   "%s: cannot write the output: %s", path, g_strerror (err));
    }
  return ok;
}
