/* fuzz-main.c — libFuzzer harness: the whole program, from its arguments to its output bytes.
 *
 * src/main.c is compiled in with its main() renamed (fuzz/tiprecon-main.c). One fuzz input is six
 * sections separated by lines "~~~~":
 *
 *     the arguments, one per line
 *     ~~~~
 *     in.layout      (a layout file)
 *     ~~~~
 *     rules.ini      (a rule configuration)
 *     ~~~~
 *     a.csv          (an input table)
 *     ~~~~
 *     b.csv          (another one)
 *     ~~~~
 *     claims.txt     (a statements file)
 *
 * Each file present is written to a private directory, in which the program runs (so the
 * arguments name them as a.csv, in.layout…); "@X" in a file becomes a string that would run
 * script if a renderer let it through, "@Q" the same with its quotes doubled (to sit inside a
 * quoted CSV field). The program runs with "--output report.out" added
 * after the arguments, or on standard output when the first argument is "-" (dropped). Its
 * standard output and error go to files in that directory. Then:
 *   - the exit status is 0, 1 or 2;
 *   - on 2: nothing on standard output, one line on standard error, no output file, the inputs
 *     unchanged; on every status, no temporary file (".*") left;
 *   - on 0 or 1: JSON output parses (json-glib) into an object; HTML and SVG output have no
 *     event-handler attribute and no script from the inputs; every output is valid UTF-8.
 * The directory is emptied after each run. Arguments holding '/' (they could reach files
 * outside the directory) or asking for --help (GLib exits) are rejected.
 *
 * FUZZ_MAIN_TRACE=1 prints each run's exit status.
 *
 * State that persists across runs in one process: main() calls setlocale() (same value every
 * run) and GLib's option parser sets the program name once; src/ has no other static mutable
 * state. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);
int tiprecon_main (int argc, char **argv);
/* In the sanitizers' run-time library; absent (NULL) in a build without sanitizers. */
void __sanitizer_set_report_fd (void *fd) __attribute__ ((weak));

#define SEPARATOR "\n~~~~\n"
#define MAX_WORDS 40
#define TARGET "report.out"

static const char *const files[] = { "in.layout", "rules.ini", "a.csv", "b.csv", "claims.txt" };

static char *work_dir;
static int report_fd = 2; /* the real standard error, whatever the program's is */

/* A finding: said on the real standard error, then abort() (libFuzzer saves the input). */
G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN static void
finding (const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_autofree char *line = g_strdup_printf ("fuzz-main: %s\n", message);
  if (write (report_fd, line, strlen (line)) < 0)
    abort ();
  abort ();
}

#define CHECK(condition, ...)                                                                  \
  do                                                                                           \
    {                                                                                          \
      if (!(condition))                                                                        \
        finding (__VA_ARGS__);                                                                 \
    }                                                                                          \
  while (0)

/* GLib's messages (criticals, errors) go to the real standard error too. */
static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  (void) data;
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);
  g_autofree char *with_end = g_strconcat (line, "\n", NULL);
  if (write (report_fd, with_end, strlen (with_end)) < 0)
    return G_LOG_WRITER_UNHANDLED;
  return G_LOG_WRITER_HANDLED;
}

/* At exit: the work directory is empty between runs. */
static void
remove_work_dir (void)
{
  g_rmdir (work_dir);
  g_clear_pointer (&work_dir, g_free);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  /* Sanitizer reports go to the real standard error even while the program's is captured. */
  report_fd = dup (2);
  g_assert (report_fd >= 0);
  if (__sanitizer_set_report_fd != NULL)
    __sanitizer_set_report_fd ((void *) (intptr_t) report_fd);
  g_log_set_writer_func (log_writer, NULL, NULL);
  work_dir = g_dir_make_tmp ("tiprecon-fuzz-main-XXXXXX", NULL);
  g_assert (work_dir != NULL);
  atexit (remove_work_dir);
  return 0;
}

/* Removes every entry of the work directory (only plain files and directories are ever
 * created in it; a directory argument such as --output x/ cannot happen: no '/'). */
static void
empty_work_dir (void)
{
  g_autoptr (GDir) dir = g_dir_open (work_dir, 0, NULL);
  g_assert (dir != NULL);
  const char *name;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (work_dir, name, NULL);
      if (g_unlink (path) != 0)
        g_assert (g_rmdir (path) == 0);
    }
}

static gboolean
is_help (const char *word)
{
  if (g_str_has_prefix (word, "--"))
    return g_str_has_prefix (word, "--help");
  /* A group of short options: GLib prints help for -h or -? anywhere in it. */
  return word[0] == '-' && (strchr (word, 'h') != NULL || strchr (word, '?') != NULL);
}

/* The format the output should be in, from the last --format given, or NULL when the
 * arguments make it hard to tell (a group of short options) or the output is not a report
 * in that format (--tidy, --list-rules, --explain, --version). */
static const char *
expected_format (char **words, int n)
{
  const char *format = "text";
  for (int i = 0; i < n; i++)
    {
      const char *w = words[i];
      if (strcmp (w, "--") == 0)
        break;
      if ((strcmp (w, "--format") == 0 || strcmp (w, "-f") == 0) && i + 1 < n)
        format = words[++i];
      else if (g_str_has_prefix (w, "--format="))
        format = w + strlen ("--format=");
      else if (strcmp (w, "--tidy") == 0 || strcmp (w, "-t") == 0
               || strcmp (w, "--list-rules") == 0 || g_str_has_prefix (w, "--explain")
               || strcmp (w, "-e") == 0 || strcmp (w, "--version") == 0
               || strcmp (w, "-V") == 0)
        return NULL;
      else if (w[0] == '-' && w[1] != '-' && strlen (w) > 2)
        return NULL;
      else if (g_str_has_prefix (w, "--") || (w[0] == '-' && w[1] != '\0'))
        {
          /* Options taking a value: skip it, so that "--country --tidy" is read as GLib does. */
          static const char *const with_value[]
              = { "--reference", "-r", "--declared", "-d", "--reference-layout",
                  "--declared-layout", "--on-duplicate", "--chart", "--config", "-c",
                  "--fail-on", "--country", "--years", "--measure", "--output", "-o",
                  "--label", "--statements", NULL };
          if (g_strv_contains (with_value, w) && i + 1 < n)
            i++;
        }
    }
  return format;
}

static void
check_output (const char *format, const char *bytes, gsize n)
{
  g_autofree char *problem = fuzz_check_document (format != NULL ? format : "", bytes, n);
  CHECK (problem == NULL, "%s", problem);
}

static char *
read_work_file (const char *name, gsize *n)
{
  g_autofree char *path = g_build_filename (work_dir, name, NULL);
  char *bytes = NULL;
  if (!g_file_get_contents (path, &bytes, n, NULL))
    return NULL;
  return bytes;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  if (strlen (text) != size)
    return -1; /* a NUL byte: arguments cannot hold one, and files get them from other harnesses */
  g_auto (GStrv) sections = g_strsplit (text, SEPARATOR, G_N_ELEMENTS (files) + 1);
  if (sections[0] == NULL)
    return -1; /* empty */
  g_auto (GStrv) lines = g_strsplit (sections[0], "\n", MAX_WORDS + 1);
  if (g_strv_length (lines) > MAX_WORDS)
    return -1;

  /* argv: the program name, the words, then the output option. */
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (args, g_strdup ("tiprecon"));
  gboolean to_stdout = lines[0] != NULL && strcmp (lines[0], "-") == 0;
  for (char **w = lines + (to_stdout ? 1 : 0); *w != NULL; w++)
    {
      if (**w == '\0' && w[1] == NULL)
        break; /* the line end of the last word */
      if (strchr (*w, '/') != NULL || is_help (*w))
        return -1;
      g_ptr_array_add (args, g_strdup (*w));
    }
  const char *format = expected_format ((char **) args->pdata + 1, (int) args->len - 1);
  if (!to_stdout)
    {
      g_ptr_array_add (args, g_strdup ("--output"));
      g_ptr_array_add (args, g_strdup (TARGET));
    }

  /* The files, with the payload planted. */
  char *inputs[G_N_ELEMENTS (files)] = { NULL }; /* as written, to check them afterwards */
  for (gsize f = 0; f < G_N_ELEMENTS (files); f++)
    {
      if (g_strv_length (sections) <= f + 1)
        break;
      g_auto (GStrv) parts = g_strsplit (sections[f + 1], "@X", -1);
      g_autofree char *planted = g_strjoinv (FUZZ_PAYLOAD, parts);
      g_auto (GStrv) quoted_parts = g_strsplit (planted, "@Q", -1);
      g_autofree char *content = g_strjoinv (FUZZ_PAYLOAD_CSV, quoted_parts);
      g_autofree char *path = g_build_filename (work_dir, files[f], NULL);
      g_assert (g_file_set_contents (path, content, -1, NULL));
      inputs[f] = g_steal_pointer (&content);
    }

  /* Run it in the work directory, standard output and error captured. */
  int cwd = open (".", O_RDONLY | O_DIRECTORY);
  g_assert (cwd >= 0);
  g_assert (chdir (work_dir) == 0);
  fflush (stdout);
  fflush (stderr);
  int saved_out = dup (1), saved_err = dup (2);
  int out_fd = open ("stdout", O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err_fd = open ("stderr", O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert (saved_out >= 0 && saved_err >= 0 && out_fd >= 0 && err_fd >= 0);
  dup2 (out_fd, 1);
  dup2 (err_fd, 2);
  close (out_fd);
  close (err_fd);

  g_autofree char **argv = g_new0 (char *, args->len + 1);
  memcpy (argv, args->pdata, args->len * sizeof (char *));
  int status = tiprecon_main ((int) args->len, argv);

  fflush (stdout);
  clearerr (stdout);
  dup2 (saved_out, 1);
  dup2 (saved_err, 2);
  close (saved_out);
  close (saved_err);
  g_assert (fchdir (cwd) == 0);
  close (cwd);

  if (g_getenv ("FUZZ_MAIN_TRACE") != NULL)
    {
      g_autofree char *line = g_strdup_printf ("fuzz-main: exit %d\n", status);
      if (write (report_fd, line, strlen (line)) < 0)
        abort ();
    }

  /* The checks. */
  gsize n_out = 0, n_err = 0, n_target = 0;
  g_autofree char *out = read_work_file ("stdout", &n_out);
  g_autofree char *err = read_work_file ("stderr", &n_err);
  g_autofree char *target = to_stdout ? NULL : read_work_file (TARGET, &n_target);
  g_assert (out != NULL && err != NULL);
  CHECK (status >= 0 && status <= 2, "exit status %d; expected 0, 1 or 2", status);
  if (status == 2)
    {
      CHECK (n_out == 0, "exit 2 with %zu bytes on standard output", (size_t) n_out);
      CHECK (n_err > 0 && strchr (err, '\n') == err + n_err - 1,
             "exit 2; expected one line on standard error, got: %s", err);
      CHECK (target == NULL, "exit 2, and the output file was written");
      for (gsize f = 0; f < G_N_ELEMENTS (files); f++)
        if (inputs[f] != NULL)
          {
            gsize n = 0;
            g_autofree char *now = read_work_file (files[f], &n);
            CHECK (now != NULL && strcmp (now, inputs[f]) == 0, "exit 2, and %s changed",
                   files[f]);
          }
    }
  else if (target != NULL)
    check_output (format, target, n_target);
  else if (to_stdout && n_out > 0) /* nothing there: an -o of the fuzzer's wrote elsewhere */
    check_output (format, out, n_out);

  g_autoptr (GDir) dir = g_dir_open (work_dir, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (dir)) != NULL)
    CHECK (name[0] != '.', "a temporary file was left: %s", name);

  for (gsize f = 0; f < G_N_ELEMENTS (files); f++)
    g_free (inputs[f]);
  empty_work_dir ();
  return 0;
}
