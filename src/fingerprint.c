/* fingerprint.c — stable identifiers of anomalies: a SHA-256 over a canonical string. */
#include "config.h"

#include "fingerprint.h"

#include <string.h>

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char *
tr_fingerprint_canonical (const char *rule, const char *subject, int year,
                          const char *measure, const char *const *identities,
                          const char *detail)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  for (guint i = 0; identities != NULL && identities[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) identities[i]);
  g_ptr_array_sort (sorted, compare_strings);
  GString *text = g_string_new ("tiprecon-fingerprint-1\n");
  g_string_append_printf (text, "%s\n%s\n%d\n%s\n", rule, subject != NULL ? subject : "",
                          year, measure != NULL ? measure : "");
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *id = g_ptr_array_index (sorted, i);
      if (i > 0 && strcmp (id, g_ptr_array_index (sorted, i - 1)) == 0)
        continue;
      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", id);
    }
  g_string_append_printf (text, "\n%s", detail != NULL ? detail : "");
  return g_string_free (text, FALSE);
}

char *
tr_fingerprint_compute (const char *rule, const char *subject, int year, const char *measure,
                        const char *const *identities, const char *detail)
{
  g_autofree char *text
      = tr_fingerprint_canonical (rule, subject, year, measure, identities, detail);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

const char *
tr_fingerprint_identity (const TrSource *source)
{
  if (source->kind != TR_SOURCE_USER || source->label == NULL)
    return g_intern_string (source->identity);
  g_autofree char *identity = g_strconcat ("user:", source->label, NULL);
  return g_intern_string (identity);
}
