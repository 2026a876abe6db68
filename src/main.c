/* main.c — tiprecon's command line: options, wiring of the stages, exit status. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "country.h"
#include "dataset.h"
#include "output.h"
#include "render.h"

/* Exit statuses (DESIGN §6). */
enum {
  EXIT_DONE = 0,      /* done, no anomaly at or above --fail-on */
  EXIT_ANOMALIES = 1, /* anomalies at or above --fail-on */
  EXIT_INPUT = 2,     /* usage or input error */
};

typedef struct {
  char **reference;   /* files replacing the bundled reference series */
  char **declared;    /* files replacing the bundled declared series */
  char *reference_layout; /* layout file for the --reference files */
  char *declared_layout;  /* layout file for the --declared files */
  char *on_duplicate; /* "error" or "sum" */
  char *output;       /* NULL: standard output */
  char *format;
  gboolean tidy;
  gboolean version;
} Options;

static void
options_clear (Options *options)
{
  g_strfreev (options->reference);
  g_strfreev (options->declared);
  g_free (options->reference_layout);
  g_free (options->declared_layout);
  g_free (options->on_duplicate);
  g_free (options->output);
  g_free (options->format);
}

static int
fail (const char *message)
{
  fprintf (stderr, "%s\n", message);
  return EXIT_INPUT;
}

/* Adds the bundled tables of the roles not replaced by a file of the user's, then the
 * user's files. */
static gboolean
load_inputs (const Options *options, TrDataset *dataset, const char *data_dir, GError **error)
{
  gboolean own_reference = options->reference != NULL;
  gboolean own_declared = options->declared != NULL;
  gboolean sum = g_strcmp0 (options->on_duplicate, "sum") == 0;

  g_autoptr (GPtrArray) bundled = tr_bundle_load (data_dir, error);
  if (bundled == NULL)
    return FALSE;
  for (guint i = 0; i < bundled->len; i++)
    {
      const TrBundledTable *table = g_ptr_array_index (bundled, i);
      gboolean replaced = (strcmp (table->role, "reference") == 0 && own_reference)
                          || (strcmp (table->role, "declared") == 0 && own_declared)
                          || (strcmp (table->role, "context") == 0
                              && (own_reference || own_declared));
      if (replaced)
        continue;
      TrTableSpec spec;
      tr_bundle_spec (table, &spec);
      if (!tr_dataset_load (dataset, &spec, error))
        return FALSE;
    }

  struct {
    char **files;
    const char *source;
    const char *layout;
  } roles[] = { { options->reference, "reference", options->reference_layout },
                { options->declared, "declared", options->declared_layout } };
  for (gsize r = 0; r < G_N_ELEMENTS (roles); r++)
    for (char **file = roles[r].files; file != NULL && *file != NULL; file++)
      {
        TrTableSpec spec = { 0 };
        spec.path = *file;
        spec.source = roles[r].source;
        spec.layout_path = roles[r].layout;
        spec.sum_duplicates = sum;
        if (!tr_dataset_load (dataset, &spec, error))
          return FALSE;
      }
  return TRUE;
}

int
main (int argc, char **argv)
{
  /* Output never depends on the locale: numbers are formatted by hand or in the C locale. */
  setlocale (LC_ALL, "C.UTF-8");

  Options options = { 0 };
  GOptionEntry entries[] = {
    { "reference", 'r', 0, G_OPTION_ARG_FILENAME_ARRAY, &options.reference,
      "Read the reference series (NCMEC's figures) from FILE instead of the bundled Table 7; "
      "repeatable", "FILE" },
    { "declared", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &options.declared,
      "Read the declared series (Member States' figures) from FILE instead of the bundled "
      "Tables 6, 8 and 9; repeatable", "FILE" },
    { "reference-layout", 0, 0, G_OPTION_ARG_FILENAME, &options.reference_layout,
      "Layout file (GLib key file) saying what the columns of the --reference files hold, when "
      "the header alone cannot tell", "FILE" },
    { "declared-layout", 0, 0, G_OPTION_ARG_FILENAME, &options.declared_layout,
      "Layout file saying what the columns of the --declared files hold", "FILE" },
    { "on-duplicate", 0, 0, G_OPTION_ARG_STRING, &options.on_duplicate,
      "What to do with two rows for one country, year and measure: error (default) or sum",
      "error|sum" },
    { "tidy", 't', 0, G_OPTION_ARG_NONE, &options.tidy,
      "Print every observation of the inputs as long CSV (the tables as tidy data)", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      "Write to FILE (all or nothing: a temporary file renamed into place) instead of standard "
      "output", "FILE" },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &options.version, "Print the version and exit",
      NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context
      = g_option_context_new ("- reconcile NCMEC CyberTipline counts with EU Member States' figures");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (
      context,
      "With no option, tiprecon reads the bundled tables of COM(2025) 740.\n"
      "Exit status: 0 done, 1 anomalies at or above --fail-on, 2 usage or input error.\n");
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_autofree char *message = g_strdup_printf ("tiprecon: %s (try --help)", error->message);
      options_clear (&options);
      return fail (message);
    }
  int status = EXIT_DONE;
  if (options.version)
    {
      printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      goto done;
    }
  if (argc > 1)
    {
      g_autofree char *message
          = g_strdup_printf ("tiprecon: found the argument '%s'; expected only options (input "
                             "files go after --reference or --declared)",
                             argv[1]);
      status = fail (message);
      goto done;
    }
  if (options.on_duplicate != NULL && strcmp (options.on_duplicate, "sum") != 0
      && strcmp (options.on_duplicate, "error") != 0)
    {
      g_autofree char *message = g_strdup_printf (
          "tiprecon: --on-duplicate %s; expected error or sum", options.on_duplicate);
      status = fail (message);
      goto done;
    }

  {
    g_autofree char *data_dir = tr_bundle_data_dir ();
    g_autoptr (TrCountryTable) countries = tr_country_table_load (data_dir, &error);
    if (countries == NULL)
      {
        status = fail (error->message);
        goto done;
      }
    g_autoptr (TrDataset) dataset = tr_dataset_new (countries);
    if (!load_inputs (&options, dataset, data_dir, &error))
      {
        status = fail (error->message);
        goto done;
      }

    char *bytes = NULL;
    size_t n = 0;
    FILE *out = open_memstream (&bytes, &n);
    if (out == NULL)
      {
        status = fail ("tiprecon: out of memory");
        goto done;
      }
    tr_render_tidy (dataset, out);
    fclose (out);
    if (!tr_output_write (options.output, bytes, n, &error))
      status = fail (error->message);
    free (bytes);
  }

done:
  options_clear (&options);
  return status;
}
