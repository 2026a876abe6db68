/* escape.h — making untrusted text safe for each place it is written: one function per context.
 *
 * Any string read from input (a cell, a remark, a country code or name from the data
 * directory, a file name from the command line) may hold markup, control bytes, invisible
 * characters or invalid UTF-8. Renderers never write such a string directly: they pass it
 * through the function for the context it lands in. Every function accepts any bytes
 * (invalid UTF-8 included) and NULL (as ""), and never fails. */
#pragma once

#include <glib.h>
#include <stdio.h>

/* Appends `text` as HTML or SVG character data, or as the value of an attribute in double
 * or single quotes: & < > " ' escaped, a control character (which XML forbids) shown as
 * "&lt;U+001B&gt;", invalid UTF-8 replaced by U+FFFD. */
void tr_escape_html (GString *out, const char *text);

/* The same, for the first `n` bytes of `text` (a NUL among them is shown as U+0000). */
void tr_escape_html_len (GString *out, const char *text, gsize n);

/* `text` as a token for an HTML id and a "#…" link to it: ASCII letters, digits, '-' and '_'
 * kept, every other byte written as '.' and two hex digits ("A B" -> "A.20B"). Newly
 * allocated; the same text always gives the same token. */
char *tr_escape_html_id (const char *text);

/* Appends `text` as Markdown inline text, safe in a table cell: characters Markdown reads
 * as markup are backslash-escaped, < > & written as entities, line breaks and other control
 * characters as a space, invalid UTF-8 replaced by U+FFFD. */
void tr_escape_markdown (GString *out, const char *text);

/* Appends `text` as one Markdown code span: delimited by one backtick more than the longest
 * run of backticks inside, padded with a space when it starts or ends with a backtick or a
 * space; line breaks and control characters become spaces, invalid UTF-8 U+FFFD. Not for
 * table cells (a '|' would split the cell). */
void tr_escape_markdown_code (GString *out, const char *text);

/* `text` (its first `length` bytes, or up to NUL when length is -1) made safe to print on a
 * terminal: control characters (C0, DEL, C1; LF kept when `keep_newlines`) and invisible
 * ones (format characters such as U+FEFF and U+200B, line and paragraph separators) are
 * written as "<U+XXXX>", and a byte that is not UTF-8 as "<0xXX>". Newly allocated. */
char *tr_escape_terminal (const char *text, gssize length, gboolean keep_newlines);

/* The same, the first `n` bytes of `text` written to `out` as they are escaped (runs of text
 * that need no escape are written as they are, never copied). */
void tr_escape_terminal_write (FILE *out, const char *text, gsize n, gboolean keep_newlines);

/* `text` as valid UTF-8 (invalid bytes replaced by U+FFFD), for JSON and CSV. Newly
 * allocated. */
char *tr_escape_utf8 (const char *text);

/* `text` as valid UTF-8 with its control characters (C0 but TAB, LF and CR; DEL; C1) shown as
 * "<U+001B>", for CSV, which a terminal or a spreadsheet may show. Newly allocated. */
char *tr_escape_visible (const char *text);
