/* fingerprint.h — stable identifiers of anomalies, so that runs can be compared.
 *
 * A fingerprint is the SHA-256 (GChecksum), in 64 lower-case hex digits, of a canonical
 * string made of what an anomaly is about and never of how its inputs were typed: the rule,
 * the subject's code, the year, the measure and the identities of the sources it compares
 * (catalogue.h: "com740-t6", "user:LABEL"), sorted and without repeats, plus a detail that
 * tells apart two findings of one rule on one key (a note's kind). A statement's anomaly is
 * identified by its file's identity and the statement's id instead. Paths, line numbers,
 * columns and figures are never part of it: re-typing a table, moving a file or correcting
 * another figure keeps it; correcting the figure that caused it makes the anomaly go away.
 *
 * Ownership: every function returns newly allocated strings (g_free). */
#pragma once

#include <glib.h>

#include "catalogue.h"

/* The digits outputs print where space is short (text, Markdown, HTML). */
#define TR_FINGERPRINT_SHORT 12

/* The canonical string hashed, one field a line:
 *   tiprecon-fingerprint-1 / rule / subject ("" for none) / year (0 for none) / measure
 *   ("" for none) / identities joined by ' ' / detail ("" for none)
 * `identities` is NULL-terminated (or NULL); it is sorted and deduplicated here. */
char *tr_fingerprint_canonical (const char *rule, const char *subject, int year,
                                const char *measure, const char *const *identities,
                                const char *detail);

/* The SHA-256 of tr_fingerprint_canonical() as 64 hex digits. */
char *tr_fingerprint_compute (const char *rule, const char *subject, int year,
                              const char *measure, const char *const *identities,
                              const char *detail);

/* The identity a fingerprint uses for `source`: its catalogue identity, except a user's
 * file, which is "user:" and its label (--label, or its file name without directories), so
 * that moving the file keeps it. An interned string (g_intern_string): never freed. */
const char *tr_fingerprint_identity (const TrSource *source);
