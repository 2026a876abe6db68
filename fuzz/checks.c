/* checks.c — assertions on output documents shared by the harnesses (see checks.h). */
#include "config.h"

#include "checks.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* TRUE when `markup` (HTML or SVG) has an event-handler attribute (on…=) in a tag. The text of
 * <script> and <style> elements is skipped: it is the renderer's own, not markup. */
static gboolean
has_event_handler (const char *markup, gsize n)
{
  g_autofree char *lower = g_ascii_strdown (markup, (gssize) n);
  for (const char *p = strchr (lower, '<'); p != NULL; p = strchr (p, '<'))
    {
      p++;
      if (!g_ascii_isalpha (*p))
        continue;
      const char *close = strchr (p, '>');
      if (close == NULL)
        close = p + strlen (p);
      for (const char *a = p; a < close; a++)
        if ((g_ascii_isspace (*a) || *a == '"' || *a == '\'' || *a == '/') && a[1] == 'o'
            && a[2] == 'n')
          {
            const char *q = a + 3;
            while (g_ascii_isalpha (*q))
              q++;
            while (g_ascii_isspace (*q))
              q++;
            if (q > a + 3 && *q == '=')
              return TRUE;
          }
      const char *end = NULL;
      if (g_str_has_prefix (p, "script"))
        end = strstr (close, "</script");
      else if (g_str_has_prefix (p, "style"))
        end = strstr (close, "</style");
      p = end != NULL ? end + 1 : close;
    }
  return FALSE;
}

char *
fuzz_check_document (const char *format, const char *bytes, gsize n)
{
  if (!g_utf8_validate (bytes, (gssize) n, NULL))
    return g_strdup_printf ("the %s output is not valid UTF-8", format);
  if (strcmp (format, "json") == 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      if (!json_parser_load_from_data (parser, bytes, (gssize) n, &error))
        return g_strdup_printf ("the JSON output does not parse: %s", error->message);
      if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        return g_strdup ("the JSON output is not an object");
    }
  if (strcmp (format, "html") == 0 || strcmp (format, "svg") == 0)
    {
      if (g_strstr_len (bytes, (gssize) n, "<script>tiprecon_marker") != NULL)
        return g_strdup_printf ("the %s output runs a script from the input", format);
      if (memchr (bytes, '\0', n) != NULL)
        return g_strdup_printf ("the %s output holds a NUL byte", format);
      if (has_event_handler (bytes, n))
        return g_strdup_printf ("the %s output has an event-handler attribute", format);
    }
  return NULL;
}
