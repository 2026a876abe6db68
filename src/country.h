/* country.h — the country reference: every ISO 3166-1 country, its codes and names, and the
 * aliases real tables use; lookup of a printed label, whatever its language, case or accents.
 *
 * Ownership: a TrCountryTable owns its entries and strings; entries it returns are valid as
 * long as the table. Free with tr_country_table_free(). */
#pragma once

#include <glib.h>

typedef struct {
  const char *code;    /* ISO alpha-2 (GR, XK), or for a pseudo entry its 3-letter code */
  const char *alpha3;  /* "" when none */
  const char *name_en, *name_fr, *name_de;
  const char *eu_code; /* "EL" for Greece, "UK" for the United Kingdom, else == code */
  gboolean eu_member;
  gboolean pseudo;     /* a non-country row of NCMEC's (XNC, EEE, ANT): never matched */
} TrCountry;

typedef struct _TrCountryTable TrCountryTable;

#define TR_COUNTRY_ERROR (tr_country_error_quark ())
GQuark tr_country_error_quark (void);

typedef enum {
  TR_COUNTRY_ERROR_FILE,
  TR_COUNTRY_ERROR_FORMAT,
} TrCountryError;

/* Loads countries.csv (generated), country-exceptions.csv, country-names.csv (generated: names
 * in the EU's other official languages), country-common-names.csv (generated) and
 * country-aliases.csv (hand-kept) from data_dir. A label that names an unknown code, or a
 * name or alias that would take a label another country already has, is an error naming file
 * and line. Returns NULL with error set on failure. */
TrCountryTable *tr_country_table_load (const char *data_dir, GError **error);
void tr_country_table_free (TrCountryTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrCountryTable, tr_country_table_free)

/* The entry a label names: alpha-2, alpha-3, EU code, name in any of the EU's 24 official
 * languages, or an alias; case-, accent- and white-space-insensitive, footnote superscripts ignored. NULL when
 * unknown. */
const TrCountry *tr_country_table_lookup (const TrCountryTable *table, const char *label);

/* The entry whose code is exactly `code`, or NULL. */
const TrCountry *tr_country_table_get (const TrCountryTable *table, const char *code);

/* Every entry (const TrCountry *), sorted by code. */
const GPtrArray *tr_country_table_entries (const TrCountryTable *table);

/* The lookup key of a label, newly allocated: footnote superscripts dropped, white space
 * trimmed and collapsed, accents removed (NFD without combining marks), case-folded. */
char *tr_country_key (const char *label);
