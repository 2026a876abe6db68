/* input-error.c — formatting of input errors as FILE:LINE:COLUMN: found …; expected …. */
#include "config.h"

#include "input-error.h"

G_DEFINE_QUARK (tr-input-error-quark, tr_input_error)

void
tr_input_error_set (GError **error, TrInputError code, const char *file, guint line,
                    guint column, const char *format, ...)
{
  if (error == NULL)
    return;
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);

  g_autoptr (GString) where = g_string_new (file);
  if (line > 0)
    g_string_append_printf (where, ":%u", line);
  if (line > 0 && column > 0)
    g_string_append_printf (where, ":%u", column);
  g_set_error (error, TR_INPUT_ERROR, code, "%s: %s", where->str, message);
}

char *
tr_input_excerpt (const char *text, guint max_chars)
{
  if (text == NULL)
    return g_strdup ("");
  GString *out = g_string_new (NULL);
  guint n = 0;
  const char *p = text;
  /* Invalid UTF-8 is reported elsewhere; here walk bytes safely either way. */
  gboolean valid = g_utf8_validate (text, -1, NULL);
  while (*p != '\0')
    {
      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      const char *next = valid ? g_utf8_next_char (p) : p + 1;
      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, next - p);
      p = next;
      n++;
    }
  return g_string_free (out, FALSE);
}
