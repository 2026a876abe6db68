/* checks.h — what the harnesses that reach the renderers assert about an output document. */
#pragma once

#include <glib.h>

/* Closes any quoted attribute and any open tag, then opens a script and a tag with an event
 * handler: planted in inputs, it must come out escaped in HTML and SVG. */
#define FUZZ_PAYLOAD                                                                           \
  "\"'></textarea></title><script>tiprecon_marker()</script><b onclick=tiprecon_marker()>"

/* Checks one document in `format` ("json", "html", "svg", anything else: only UTF-8): valid
 * UTF-8; JSON parses into an object; HTML and SVG hold no script from the payload and no
 * event-handler attribute. Returns NULL when it holds, else what is wrong (newly allocated). */
/* The same, its double quotes doubled: what a CSV field in double quotes holds. */
#define FUZZ_PAYLOAD_CSV                                                                       \
  "\"\"'></textarea></title><script>tiprecon_marker()</script><b onclick=tiprecon_marker()>"

char *fuzz_check_document (const char *format, const char *bytes, gsize n);
