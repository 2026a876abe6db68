/* baseline.c — accepted anomalies: reading, applying and writing a baseline key file. */
#include "config.h"

#include "baseline.h"

#include <string.h>

#include "escape.h"
#include "fingerprint.h"

struct TrBaseline {
  GHashTable *entries; /* fingerprint -> TrBaselineEntry * (owned) */
};

static void
entry_free (gpointer data)
{
  TrBaselineEntry *e = data;
  g_free (e->fingerprint);
  g_free (e->reason);
  g_free (e->who);
  g_free (e->until_text);
  g_free (e->figures);
  g_free (e);
}

void
tr_baseline_free (TrBaseline *baseline)
{
  if (baseline == NULL)
    return;
  g_hash_table_unref (baseline->entries);
  g_free (baseline);
}

static gboolean
is_fingerprint (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isxdigit (*c) || g_ascii_isupper (*c))
      return FALSE;
  return TRUE;
}

/* Reads YYYY-MM-DD into `date`. */
static gboolean
parse_date (const char *text, GDate *date)
{
  guint64 y, m, d;
  g_auto (GStrv) parts = g_strsplit (text, "-", -1);
  if (g_strv_length (parts) != 3 || strlen (parts[0]) != 4 || strlen (parts[1]) != 2
      || strlen (parts[2]) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &y, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL)
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

TrBaseline *
tr_baseline_load (const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  g_autoptr (TrBaseline) baseline = g_new0 (TrBaseline, 1);
  baseline->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);
  for (char **group = groups; *group != NULL; group++)
    {
      if (!is_fingerprint (*group))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "%s: found the group [%s]; expected a fingerprint of 64 lower-case "
                       "hex digits, as the outputs print it in full (JSON, CSV)",
                       path, *group);
          return NULL;
        }
      g_auto (GStrv) keys = g_key_file_get_keys (file, *group, NULL, NULL);
      static const char *const known[] = { "rule", "reason", "who", "until", "figures", NULL };
      for (char **key = keys; key != NULL && *key != NULL; key++)
        if (!g_strv_contains (known, *key))
          {
            g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                         "%s: [%s] found the key '%s'; expected rule, reason, who, until or "
                         "figures",
                         path, *group, *key);
            return NULL;
          }
      TrBaselineEntry *e = g_new0 (TrBaselineEntry, 1);
      e->fingerprint = g_strdup (*group);
      e->reason = g_key_file_get_string (file, *group, "reason", NULL);
      e->who = g_key_file_get_string (file, *group, "who", NULL);
      e->until_text = g_key_file_get_string (file, *group, "until", NULL);
      e->figures = g_key_file_get_string (file, *group, "figures", NULL);
      if (e->reason == NULL)
        e->reason = g_strdup ("");
      if (e->who == NULL)
        e->who = g_strdup ("");
      if (e->figures != NULL && e->figures[0] == '\0')
        g_clear_pointer (&e->figures, g_free);
      if (e->until_text == NULL || !parse_date (e->until_text, &e->until))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "%s: [%.12s…] until = %s; expected the last day it is accepted, "
                       "YYYY-MM-DD",
                       path, *group, e->until_text != NULL ? e->until_text : "(none)");
          entry_free (e);
          return NULL;
        }
      g_hash_table_replace (baseline->entries, e->fingerprint, e);
    }
  return g_steal_pointer (&baseline);
}

const TrBaselineEntry *
tr_baseline_get (const TrBaseline *baseline, const char *fingerprint)
{
  return g_hash_table_lookup (baseline->entries, fingerprint);
}

char *
tr_baseline_figures (const TrAnomaly *a)
{
  GString *text = g_string_new (NULL);
  for (guint k = 0; k < a->evidence->len; k++)
    {
      const TrEvidence *e = &g_array_index (a->evidence, TrEvidence, k);
      if (e->is_count)
        g_string_append_printf (text, "%s%s=%" G_GINT64_FORMAT, text->len > 0 ? "; " : "",
                                e->name, e->count);
    }
  return g_string_free (text, FALSE);
}

void
tr_baseline_apply (const TrBaseline *baseline, const GDate *today, const GPtrArray *anomalies,
                   GPtrArray *listed, GPtrArray *accepted)
{
  for (guint i = 0; i < anomalies->len; i++)
    {
      const TrAnomaly *a = g_ptr_array_index (anomalies, i);
      const TrBaselineEntry *e = tr_baseline_get (baseline, a->fingerprint);
      gboolean accepts = e != NULL && g_date_compare (today, &e->until) <= 0;
      if (accepts && e->figures != NULL)
        {
          g_autofree char *figures = tr_baseline_figures (a);
          accepts = strcmp (figures, e->figures) == 0;
        }
      if (!accepts)
        {
          g_ptr_array_add (listed, (gpointer) a);
          continue;
        }
      TrAccepted *x = g_new0 (TrAccepted, 1);
      x->anomaly = a;
      x->entry = e;
      g_ptr_array_add (accepted, x);
    }
}

void
tr_baseline_write (const GPtrArray *anomalies, const GDate *until, FILE *out)
{
  char date[16];
  g_date_strftime (date, sizeof date, "%Y-%m-%d", until);
  fputs ("# tiprecon baseline: the anomalies accepted, each by its fingerprint, with a reason,\n"
         "# who accepted it and the last day it is accepted (until). An anomaly comes back\n"
         "# when that day has passed or its figures change. Written by --write-baseline:\n"
         "# review each reason and who before relying on it.\n",
         out);
  for (guint i = 0; i < anomalies->len; i++)
    {
      const TrAnomaly *a = g_ptr_array_index (anomalies, i);
      g_autofree char *figures = tr_baseline_figures (a);
      /* The sentence as a comment, on one line, with nothing that could end it. */
      g_autofree char *sentence = tr_escape_terminal (a->message, -1, FALSE);
      g_strdelimit (sentence, "\r\n", ' ');
      fprintf (out, "\n# %s %s %s %d: %s\n[%s]\nrule = %s\nreason = to review\nwho =\n"
                    "until = %s\nfigures = %s\n",
               tr_severity_name (a->severity), a->rule->name,
               a->country != NULL ? a->country->code : "-", a->year, sentence,
               a->fingerprint, a->rule->name, date, figures);
    }
}
