/* test-escape.c — unit tests of the escaping for each output context, on the hostile inputs
 * that reached the outputs raw (markup, quotes, backticks, pipes, escapes, invisible
 * characters, bytes that are not UTF-8). Expected strings are written out by hand. */
#include "config.h"

#include <CUnit/Basic.h>
#include <stdlib.h>

#include "testutil.h"

#include "escape.h"

typedef void (*Appender) (GString *out, const char *text);

static void
assert_appends (Appender append, const char *text, const char *expected)
{
  g_autoptr (GString) out = g_string_new (NULL);
  append (out, text);
  CU_ASSERT_STRING_EQUAL (out->str, expected);
}

static void
assert_allocates (char *got, const char *expected)
{
  CU_ASSERT_STRING_EQUAL (got, expected);
  g_free (got);
}

static void
test_html (void)
{
  assert_appends (tr_escape_html, "A\"><svg onload='x'>&",
                  "A&quot;&gt;&lt;svg onload=&apos;x&apos;&gt;&amp;");
  assert_appends (tr_escape_html, "bell\a esc\x1b tab\t", "bell&lt;U+0007&gt; esc&lt;U+001B&gt; tab\t");
  assert_appends (tr_escape_html, "\xc2\x85", "&lt;U+0085&gt;");       /* C1 NEL */
  assert_appends (tr_escape_html, "a\xff" "b", "a\xef\xbf\xbd" "b"); /* U+FFFD */
  assert_appends (tr_escape_html, NULL, "");
  assert_allocates (tr_escape_html_id ("AT"), "AT");
  assert_allocates (tr_escape_html_id ("a b\"<"), "a.20b.22.3C");
  assert_allocates (tr_escape_html_id ("x-y_z.\xff"), "x-y_z.2E.FF");
}

static void
test_markdown (void)
{
  assert_appends (tr_escape_markdown, "x|<b>*s*</b>", "x\\|&lt;b&gt;\\*s\\*&lt;/b&gt;");
  assert_appends (tr_escape_markdown, "a\nb\x1b" "c", "a b c");
  assert_appends (tr_escape_markdown, "`#[_]\\", "\\`\\#\\[\\_\\]\\\\");
  /* A code span: one backtick more than the longest run inside, padded when it starts or
   * ends with a backtick or a space (CommonMark strips one space on each side). */
  assert_appends (tr_escape_markdown_code, "file.csv:2:3", "`file.csv:2:3`");
  assert_appends (tr_escape_markdown_code, "a`b.csv", "``a`b.csv``");
  assert_appends (tr_escape_markdown_code, "a``b", "```a``b```");
  assert_appends (tr_escape_markdown_code, "`x", "`` `x ``");
  assert_appends (tr_escape_markdown_code, " x ", "`  x  `");
  assert_appends (tr_escape_markdown_code, "a\nb", "`a b`");
  assert_appends (tr_escape_markdown_code, "", "``");
}

static void
test_terminal (void)
{
  assert_allocates (tr_escape_terminal ("\x1b[31mred\a", -1, FALSE), "<U+001B>[31mred<U+0007>");
  assert_allocates (tr_escape_terminal ("a\nb", -1, FALSE), "a<U+000A>b");
  assert_allocates (tr_escape_terminal ("a\nb", -1, TRUE), "a\nb");
  assert_allocates (tr_escape_terminal ("\xef\xbb\xbf" "1\xe2\x80\x8b" "0", -1, FALSE),
                    "<U+FEFF>1<U+200B>0");
  assert_allocates (tr_escape_terminal ("\xe2\x80\xae" "txt", -1, FALSE), "<U+202E>txt");
  assert_allocates (tr_escape_terminal ("caf\xe9 \xe2\x82", -1, FALSE), "caf<0xE9> <0xE2><0x82>");
  assert_allocates (tr_escape_terminal ("a\0b", 3, FALSE), "a<U+0000>b");
  /* Printable text, no-break spaces included, is left as it is. */
  assert_allocates (tr_escape_terminal ("10\xc2\xa0" "130 \xc3\xa9", -1, FALSE),
                    "10\xc2\xa0" "130 \xc3\xa9");
  /* Every printable ASCII character as it is, DEL shown; the same written to a stream. */
  char ascii[0x7F - 0x20 + 2];
  for (int c = 0x20; c <= 0x7F; c++)
    ascii[c - 0x20] = (char) c;
  ascii[sizeof ascii - 1] = '\0';
  g_autofree char *expected = g_strdup_printf ("%.*s<U+007F>", 0x7F - 0x20, ascii);
  assert_allocates (tr_escape_terminal (ascii, -1, FALSE), expected);
  char *written = NULL;
  size_t size = 0;
  FILE *mem = open_memstream (&written, &size);
  CU_ASSERT_PTR_NOT_NULL_FATAL (mem);
  tr_escape_terminal_write (mem, "\x1b[1m" "bold\n" "\xe2\x80\xae" "x", 13, TRUE);
  CU_ASSERT_EQUAL (fclose (mem), 0);
  CU_ASSERT_STRING_EQUAL (written, "<U+001B>[1mbold\n<U+202E>x");
  free (written);
}

static void
test_utf8 (void)
{
  assert_allocates (tr_escape_utf8 ("latin1-\xe9.csv"), "latin1-\xef\xbf\xbd.csv");
  assert_allocates (tr_escape_visible ("a\x1b" "b\tc\xff"), "a<U+001B>b\tc\xef\xbf\xbd");
}

int
main (void)
{
  if (CU_initialize_registry () != CUE_SUCCESS)
    return EXIT_FAILURE;
  CU_pSuite suite = CU_add_suite ("escape", NULL, NULL);
  CU_add_test (suite, "HTML text, attributes and ids", test_html);
  CU_add_test (suite, "Markdown text, table cells and code spans", test_markdown);
  CU_add_test (suite, "terminal lines", test_terminal);
  CU_add_test (suite, "UTF-8 and visible controls", test_utf8);
  return tr_test_run ();
}
