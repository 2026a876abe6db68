/* output.c — where a document goes: streamed to standard output, a device or a pipe directly,
 * or to a temporary file renamed over a regular file only when every byte was written.
 *
 * The document is streamed, never built whole in memory, so GLib's g_file_set_contents_full()
 * (which takes the whole content as one buffer) does not fit; this file does what it does
 * (temporary file beside the target, fsync, rename) on a stream instead. */
#include "config.h"

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Symbolic links followed before giving up, as the kernel does (ELOOP). */
#define MAX_LINKS 40

struct TrOutput {
  char *name;        /* the destination as given, for messages */
  char *target;      /* the file renamed over (links followed), or NULL when writing directly */
  gboolean temp;     /* TRUE: writing to the temporary file named in pending_temp */
  gboolean existed;  /* the target existed: keep its mode, owner and group */
  GStatBuf info;     /* the target's, when it existed */
  int fd;
  gboolean owns_fd;  /* FALSE for standard output */
  FILE *stream;
  int write_errno;   /* the first write error, 0 if none */
  guint64 written;   /* bytes written so far */
};

/* The one piece of static state in the program. A signal handler can reach no caller's data
 * and may only do async-signal-safe work (unlink, raise), so the path of the temporary file it
 * must remove lives here, in a fixed buffer filled (by mkstemp) before the file exists. One
 * temporary file at a time: tr_output_open() refuses a second one. */
static char pending_temp[PATH_MAX];
static volatile sig_atomic_t pending_set;

/* SIGABRT and SIGTRAP too: GLib ends the program with one of them when an allocation fails
 * (g_malloc() never returns NULL), and a report cut short must not stay behind. */
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGABRT, SIGTRAP };

static void
on_signal (int sig)
{
  if (pending_set)
    unlink (pending_temp);
  /* SA_RESETHAND restored the default action: the signal ends the program as it would have. */
  raise (sig);
}

/* Blocks (or unblocks) the cleanup signals around the changes of pending_temp. */
static void
block_signals (gboolean block)
{
  sigset_t set;
  sigemptyset (&set);
  for (gsize i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    sigaddset (&set, cleanup_signals[i]);
  sigprocmask (block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* Installs on_signal for the cleanup signals, except those the caller ignores (nohup). */
static void
install_handlers (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    {
      struct sigaction old;
      if (sigaction (cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        continue;
      struct sigaction action = { 0 };
      action.sa_handler = on_signal;
      action.sa_flags = SA_RESETHAND;
      sigemptyset (&action.sa_mask);
      sigaction (cleanup_signals[i], &action, NULL);
    }
}

/* Removes the temporary file (if `unlink_it`) and forgets it, with no signal in between. */
static void
forget_temp (gboolean unlink_it)
{
  block_signals (TRUE);
  if (unlink_it && pending_set)
    unlink (pending_temp);
  pending_set = 0;
  block_signals (FALSE);
}

/* fopencookie write function: every byte, or the bytes written before an error (remembered
 * for the message). It never returns -1: glibc's fwrite() takes a cookie's -1 for a count
 * (new_do_write), adds one to what is left to write, and copies that from past the end of
 * the caller's buffer (a read overflow AddressSanitizer found on a failing write of a
 * 126 KB report); a short count sets the stream's error flag all the same. */
static ssize_t
stream_write (void *cookie, const char *bytes, size_t n)
{
  TrOutput *output = cookie;
  size_t want = n;
#ifdef TR_FAULT_INJECTION
  /* Test builds only: TIPRECON_FAULT_WRITE_AFTER=N makes the write fail with ENOSPC after N
   * bytes, to prove that a failed write leaves nothing behind. */
  const char *limit_text = g_getenv ("TIPRECON_FAULT_WRITE_AFTER");
  guint64 limit = limit_text != NULL ? g_ascii_strtoull (limit_text, NULL, 10) : G_MAXUINT64;
  if (output->written + n > limit)
    want = (size_t) (limit - output->written);
  /* TIPRECON_FAULT_STALL_AFTER=N waits for a signal once N bytes are written, so that a test
   * can interrupt a run while its temporary file exists. */
  const char *stall_text = g_getenv ("TIPRECON_FAULT_STALL_AFTER");
  if (stall_text != NULL && output->written + n > g_ascii_strtoull (stall_text, NULL, 10))
    for (;;)
      pause ();
#endif
  size_t done = 0;
  while (done < want)
    {
      ssize_t step = write (output->fd, bytes + done, want - done);
      if (step < 0 && errno == EINTR)
        continue;
      if (step <= 0)
        {
          if (output->write_errno == 0)
            output->write_errno = step < 0 ? errno : EIO;
          errno = output->write_errno;
          return (ssize_t) done;
        }
      done += (size_t) step;
      output->written += (guint64) step;
    }
  if (want < n)
    {
      if (output->write_errno == 0)
        output->write_errno = ENOSPC;
      errno = ENOSPC;
      return (ssize_t) done;
    }
  return (ssize_t) n;
}

static void
set_io_error (GError **error, const char *name, int err)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
               "%s: cannot write the output: %s", name, g_strerror (err));
}

/* The file `path` names once symbolic links are followed (newly allocated); it need not
 * exist. NULL with error set on a loop or an unreadable link. */
static char *
follow_links (const char *name, const char *path, GError **error)
{
  g_autofree char *current = g_strdup (path);
  for (int hops = 0; hops <= MAX_LINKS; hops++)
    {
      GStatBuf info;
      if (g_lstat (current, &info) != 0 || !S_ISLNK (info.st_mode))
        return g_steal_pointer (&current);
      g_autoptr (GError) link_error = NULL;
      g_autofree char *next = g_file_read_link (current, &link_error);
      if (next == NULL)
        {
          g_set_error (error, G_FILE_ERROR, link_error->code, "%s: cannot write the output: %s",
                       name, link_error->message);
          return NULL;
        }
      if (!g_path_is_absolute (next))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          g_autofree char *joined = g_build_filename (dir, next, NULL);
          g_free (next);
          next = g_steal_pointer (&joined);
        }
      g_free (current);
      current = g_steal_pointer (&next);
    }
  set_io_error (error, name, ELOOP);
  return NULL;
}

/* FALSE with error set when the regular file `info` is one of `inputs`. */
static gboolean
check_not_input (const char *name, const GStatBuf *info, const char *const *inputs,
                 GError **error)
{
  for (const char *const *in = inputs; in != NULL && *in != NULL; in++)
    {
      GStatBuf other;
      if (g_stat (*in, &other) == 0 && other.st_dev == info->st_dev
          && other.st_ino == info->st_ino)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                       "%s: found the input file %s; expected an output file that is not one "
                       "of the inputs (writing it would replace the input)",
                       name, *in);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
attach_stream (TrOutput *output, GError **error)
{
  cookie_io_functions_t io = { NULL, stream_write, NULL, NULL };
  output->stream = fopencookie (output, "w", io);
  if (output->stream == NULL)
    {
      set_io_error (error, output->name, errno);
      return FALSE;
    }
  return TRUE;
}

static void
output_free (TrOutput *output)
{
  g_free (output->name);
  g_free (output->target);
  g_free (output);
}

TrOutput *
tr_output_open (const char *path, const char *const *inputs, GError **error)
{
  /* A write past the file size limit (ulimit -f) must fail with EFBIG, and be reported, not
   * end the run with a temporary file left behind. */
  signal (SIGXFSZ, SIG_IGN);

  TrOutput *output = g_new0 (TrOutput, 1);
  output->fd = -1;
  if (path == NULL)
    {
      output->name = g_strdup ("standard output");
      output->fd = STDOUT_FILENO;
      fflush (stdout);
      if (!attach_stream (output, error))
        return output_free (output), NULL;
      return output;
    }
  output->name = g_strdup (path);
  g_autofree char *target = follow_links (path, path, error);
  if (target == NULL)
    return output_free (output), NULL;

  output->existed = g_stat (target, &output->info) == 0;
  const GStatBuf *info = &output->info;
  if (output->existed && !S_ISREG (info->st_mode))
    {
      if (S_ISCHR (info->st_mode) || S_ISFIFO (info->st_mode))
        {
          /* Written directly: a device or a pipe is never replaced by a file. */
          output->fd = open (target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
          output->owns_fd = TRUE;
          if (output->fd < 0)
            {
              set_io_error (error, path, errno);
              return output_free (output), NULL;
            }
          if (!attach_stream (output, error))
            {
              close (output->fd);
              return output_free (output), NULL;
            }
          return output;
        }
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "%s: found a %s; expected a regular file, a character device or a named "
                   "pipe to write the output to",
                   path,
                   S_ISDIR (info->st_mode)   ? "directory"
                   : S_ISBLK (info->st_mode) ? "block device"
                   : S_ISSOCK (info->st_mode) ? "socket"
                                              : "special file");
      return output_free (output), NULL;
    }
  if (output->existed && !check_not_input (path, info, inputs, error))
    return output_free (output), NULL;

  g_return_val_if_fail (!pending_set, (output_free (output), NULL));
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  if (strlen (tmpl) >= sizeof pending_temp)
    {
      set_io_error (error, path, ENAMETOOLONG);
      return output_free (output), NULL;
    }
  install_handlers ();
  block_signals (TRUE);
  memcpy (pending_temp, tmpl, strlen (tmpl) + 1);
  output->fd = g_mkstemp_full (pending_temp, O_WRONLY | O_CLOEXEC, 0600);
  int err = errno;
  pending_set = output->fd >= 0;
  block_signals (FALSE);
  if (output->fd < 0)
    {
      set_io_error (error, path, err);
      return output_free (output), NULL;
    }
  output->temp = TRUE;
  output->owns_fd = TRUE;
  output->target = g_steal_pointer (&target);
  if (!attach_stream (output, error))
    {
      close (output->fd);
      forget_temp (TRUE);
      return output_free (output), NULL;
    }
  return output;
}

FILE *
tr_output_stream (TrOutput *output)
{
  return output->stream;
}

/* The temporary file gets the mode, owner and group of the file it replaces, or the mode a
 * new file would get (mkstemp made it 0600). */
static gboolean
set_mode (TrOutput *output)
{
  if (!output->existed)
    {
      mode_t mask = umask (0);
      umask (mask);
      return fchmod (output->fd, 0666 & ~mask) == 0;
    }
  /* The owner and group are kept where the system allows it (root, or a group of the user's);
   * a user who may write someone else's file cannot give a new file away, and that is no
   * reason to refuse the write: the mode bits are what protect the content, and they are
   * always kept. */
  if (output->info.st_uid != geteuid () || output->info.st_gid != getegid ())
    if (fchown (output->fd, output->info.st_uid, output->info.st_gid) != 0)
      (void) !fchown (output->fd, (uid_t) -1, output->info.st_gid);
  return fchmod (output->fd, output->info.st_mode & 07777) == 0;
}

gboolean
tr_output_commit (TrOutput *output, GError **error)
{
  int err = 0;
  gboolean ok = fflush (output->stream) == 0 && !ferror (output->stream);
  if (!ok)
    err = output->write_errno != 0 ? output->write_errno : (errno != 0 ? errno : EIO);
  if (fclose (output->stream) != 0 && ok)
    {
      ok = FALSE;
      err = output->write_errno != 0 ? output->write_errno : errno;
    }
  if (ok && output->temp && (fsync (output->fd) != 0 || !set_mode (output)))
    {
      ok = FALSE;
      err = errno;
    }
  if (output->owns_fd && close (output->fd) != 0 && ok)
    {
      ok = FALSE;
      err = errno;
    }
  if (output->temp)
    {
      block_signals (TRUE);
      if (ok && g_rename (pending_temp, output->target) != 0)
        {
          ok = FALSE;
          err = errno;
        }
      if (!ok)
        unlink (pending_temp);
      pending_set = 0;
      block_signals (FALSE);
    }
  if (!ok)
    set_io_error (error, output->name, err);
  output_free (output);
  return ok;
}

void
tr_output_abort (TrOutput *output)
{
  fclose (output->stream);
  if (output->owns_fd)
    close (output->fd);
  if (output->temp)
    forget_temp (TRUE);
  output_free (output);
}
