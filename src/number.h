/* number.h — reading one table cell as printed: a count, a zero word, or a missing marker.
 *
 * Forms (DESIGN §3): "10 130" (space, no-break or narrow no-break space, thin space), "10,130",
 * "10.130", "10'130"; "3,6 millions", "1,5 million", "2 Mio." (approximate, to the last
 * printed digit: a precision of 100 000, 100 000 and 1 000 000); "environ 254 500"
 * (approximate, to its last non-zero digit); "plus de 5 800" (lower bound); "<10", "moins de
 * 10" (upper bound); "Aucune condamnation", "keine", "nessuno", "brak", "ninguno"… (a word
 * meaning none: zero); "-", "s.o.", "n.d.", "..", "x", "Données indisponibles", "keine
 * Angaben", "brak danych"… (missing, with a reason). A count is a whole number from 0 to
 * 2^53: a separator followed by exactly three digits groups thousands; a decimal separator is
 * allowed only before a scale word. A ratio cell prints a percentage, alone or with its
 * numerator and denominator: "20 %", "1,14 % (18/1576).", "0,32 % (11 600/3,6 millions)".
 * No heap memory is kept: values are returned by copy. */
#pragma once

#include <glib.h>

#include "value.h"

#define TR_NUMBER_ERROR (tr_number_error_quark ())
GQuark tr_number_error_quark (void);

typedef enum {
  TR_NUMBER_ERROR_INVALID,
  TR_NUMBER_ERROR_FRACTIONAL,
  TR_NUMBER_ERROR_NEGATIVE,
  TR_NUMBER_ERROR_TOO_LARGE,
  TR_NUMBER_ERROR_UNIT,      /* a figure followed by a unit the caller did not declare */
} TrNumberError;

/* Parses one cell (UTF-8; NULL counts as empty). Returns TRUE and fills *out, or FALSE with
 * error set ("found '1,5', a fractional count; expected …") and *out untouched. */
gboolean tr_number_parse (const char *text, TrValue *out, GError **error);

/* Parses a cell that may print a unit after its figure: "1 558 éléments de contenu", "7 720
 * cas", "Plus de 5 800 éléments de contenu", "3,6 millions d'éléments de contenu" (the elision
 * "d'" joins a scale word to its unit). `units` (NULL-terminated, or NULL) are the units the
 * column declares, compared case-folded with white space collapsed; a unit must end the cell
 * and follow a present figure. Returns TRUE with *out filled and *unit the index of the unit
 * read in `units`, or -1 when the cell has none. A figure followed by words that are not a
 * declared unit is an error TR_NUMBER_ERROR_UNIT, with *unknown (when not NULL) set to those
 * words, case-folded and newly allocated; any other bad cell fails as in tr_number_parse(). */
gboolean tr_number_parse_unit (const char *text, const char *const *units, TrValue *out,
                               int *unit, char **unknown, GError **error);

/* Parses a breakdown cell "4/2", "408/470/11", "14 979/ 4 795": 2 or 3 counts separated by
 * '/'. Returns TRUE with *n_parts and parts[] filled and *missing = TR_MISSING_NONE; or, for
 * a cell that is one missing marker ("-"), TRUE with *n_parts = 0 and *missing its reason;
 * or FALSE with error set naming the bad part. */
gboolean tr_breakdown_parse (const char *text, TrValue parts[3], guint *n_parts,
                             TrMissing *missing, GError **error);

/* Parses a printed percentage: digits, optionally a decimal comma or point and at most
 * TR_PERCENT_SCALE decimals, then '%' (a space before it or not): "1,14 %", "0.5%", "20 %",
 * "0 %". No sign, no thousands separator, no qualifier. Returns TRUE with *out a present
 * value of unit TR_UNIT_PERCENT, exact, its precision the unit of the last digit printed
 * ("1,14 %": 1 140 000 to 10 000, in units of 10^-6 percent); or FALSE with error set and
 * *out untouched. */
gboolean tr_percent_parse (const char *text, TrValue *out, GError **error);

/* Parses a ratio cell as a table prints it: a percentage alone ("20 %"), or followed by the
 * numerator and the denominator it was computed from, in parentheses and separated by '/'
 * ("1,14 % (18/1576)", "0,32 % (11 600/3,6 millions)"), the whole optionally ended by one
 * full stop ("0 % (0/0)."); or a missing marker ("s.o."), or an empty cell. Returns TRUE
 * with *percent the percentage (tr_percent_parse(); missing with its reason for a marker),
 * and *n_parts 2 with parts[0] the numerator and parts[1] the denominator (present counts,
 * as tr_number_parse() reads them), or 0 when the cell prints none. Returns FALSE with
 * error set ("found '…'; expected …", naming the bad part) for anything else: a figure
 * without '%', a parenthesis not closed, one count or three, a part that is not a count, or
 * words after the cell. */
gboolean tr_ratio_parse (const char *text, TrValue *percent, TrValue parts[2], guint *n_parts,
                         GError **error);
