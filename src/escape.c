/* escape.c — escaping of untrusted text for HTML, Markdown, terminals and UTF-8 outputs. */
#include "config.h"

#include "escape.h"

#include <stdio.h>
#include <string.h>

char *
tr_escape_utf8 (const char *text)
{
  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

/* A control character: C0 (but TAB, LF, CR), DEL or C1. XML allows none of them, even as a
 * character reference, and a terminal acts on some. */
static gboolean
is_control (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
}

char *
tr_escape_visible (const char *text)
{
  g_autofree char *valid = tr_escape_utf8 (text);
  GString *out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_control (c))
        g_string_append_printf (out, "<U+%04X>", (guint) c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/* A byte that is not UTF-8 becomes U+FFFD, as g_utf8_make_valid() makes it. */
static void
escape_html_len (GString *out, const char *text, gsize n)
{
  const char *p = text, *end = text + n;
  while (p < end)
    {
      gunichar c = *p == '\0' ? 0 : g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\xEF\xBF\xBD");
          p++;
          continue;
        }
      const char *next = g_utf8_next_char (p);
      if (c == '&')
        g_string_append (out, "&amp;");
      else if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '>')
        g_string_append (out, "&gt;");
      else if (c == '"')
        g_string_append (out, "&quot;");
      else if (c == '\'')
        g_string_append (out, "&apos;");
      else if (is_control (c))
        g_string_append_printf (out, "&lt;U+%04X&gt;", (guint) c);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
}

void
tr_escape_html (GString *out, const char *text)
{
  escape_html_len (out, text != NULL ? text : "", text != NULL ? strlen (text) : 0);
}

void
tr_escape_html_len (GString *out, const char *text, gsize n)
{
  escape_html_len (out, text, n);
}

char *
tr_escape_html_id (const char *text)
{
  GString *out = g_string_new (NULL);
  for (const unsigned char *p = (const unsigned char *) (text != NULL ? text : ""); *p != '\0';
       p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, ".%02X", *p);
    }
  return g_string_free (out, FALSE);
}

/* A character no reader sees: a control character, or a format or separator character
 * (U+FEFF, U+200B, U+202E…). */
static gboolean
is_unseen (gunichar c)
{
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return TRUE;
  GUnicodeType type = g_unichar_type (c);
  return type == G_UNICODE_FORMAT || type == G_UNICODE_LINE_SEPARATOR
         || type == G_UNICODE_PARAGRAPH_SEPARATOR;
}

void
tr_escape_markdown (GString *out, const char *text)
{
  g_autofree char *valid = tr_escape_utf8 (text);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '>')
        g_string_append (out, "&gt;");
      else if (c == '&')
        g_string_append (out, "&amp;");
      else if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        g_string_append_c (out, ' ');
      else
        {
          if (strchr ("\\`*_[]|#", (int) c) != NULL)
            g_string_append_c (out, '\\');
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
}

void
tr_escape_markdown_code (GString *out, const char *text)
{
  g_autofree char *valid = tr_escape_utf8 (text);
  for (char *p = valid; *p != '\0'; p++)
    if ((unsigned char) *p < 0x20 || *p == 0x7F)
      *p = ' ';
  gsize longest = 0, run = 0;
  for (const char *p = valid; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  gsize len = strlen (valid);
  gboolean pad = len > 0
                 && (valid[0] == '`' || valid[0] == ' ' || valid[len - 1] == '`'
                     || valid[len - 1] == ' ');
  for (gsize i = 0; i <= longest; i++)
    g_string_append_c (out, '`');
  if (pad)
    g_string_append_c (out, ' ');
  g_string_append (out, valid);
  if (pad)
    g_string_append_c (out, ' ');
  for (gsize i = 0; i <= longest; i++)
    g_string_append_c (out, '`');
}

/* Where escaped text goes: a string, or a stream written a run at a time. */
typedef struct {
  GString *string;
  FILE *file;
} Sink;

static void
sink_write (Sink *sink, const char *p, gsize n)
{
  if (sink->string != NULL)
    g_string_append_len (sink->string, p, (gssize) n);
  else if (n > 0)
    fwrite (p, 1, n, sink->file);
}

static void
escape_terminal (Sink *sink, const char *text, gsize n, gboolean keep_newlines)
{
  const char *p = text, *end = text + n, *run = text;
  while (p < end)
    {
      /* Printable ASCII is shown as it is (no control, format or separator character is). */
      if ((guchar) *p >= 0x20 && (guchar) *p < 0x7F)
        {
          p++;
          continue;
        }
      char shown[16] = "";
      const char *next;
      /* GLib reads a NUL inside the length as invalid: it is the character U+0000. */
      gunichar c = *p == '\0' ? 0 : g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_snprintf (shown, sizeof shown, "<0x%02X>", (guint) (unsigned char) *p);
          next = p + 1;
        }
      else
        {
          next = g_utf8_next_char (p);
          if (!(c == '\n' && keep_newlines) && is_unseen (c))
            g_snprintf (shown, sizeof shown, "<U+%04X>", (guint) c);
        }
      if (shown[0] != '\0')
        {
          sink_write (sink, run, (gsize) (p - run));
          sink_write (sink, shown, strlen (shown));
          run = next;
        }
      p = next;
    }
  sink_write (sink, run, (gsize) (end - run));
}

char *
tr_escape_terminal (const char *text, gssize length, gboolean keep_newlines)
{
  if (text == NULL)
    return g_strdup ("");
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  Sink sink = { .string = g_string_sized_new (n) };
  escape_terminal (&sink, text, n, keep_newlines);
  return g_string_free (sink.string, FALSE);
}

void
tr_escape_terminal_write (FILE *out, const char *text, gsize n, gboolean keep_newlines)
{
  Sink sink = { .file = out };
  escape_terminal (&sink, text, n, keep_newlines);
}
