/* country.h — the subject reference: every ISO 3166-1 country, its codes and names, and the
 * aliases real tables use, and the organisations (providers) the documents name; lookup of a
 * printed label, whatever its language, case or accents.
 *
 * Ownership: a TrCountryTable owns its entries and strings; entries it returns are valid as
 * long as the table. Free with tr_country_table_free(). */
#pragma once

#include <glib.h>

/* What a subject is. Only countries are compared, scoped and filtered by --country. */
typedef enum {
  TR_SUBJECT_COUNTRY,      /* a country, or a pseudo row of NCMEC's */
  TR_SUBJECT_ORGANISATION, /* a provider (data/organisations.csv): code "org:" + its id */
  TR_SUBJECT_AGGREGATE,    /* a named whole (data/aggregates.csv): EU27, WORLD */
} TrSubjectKind;

typedef struct {
  TrSubjectKind kind;
  const char *code;    /* ISO alpha-2 (GR, XK), for a pseudo entry its 3-letter code, for an
                          organisation "org:" + its id ("org:google") */
  const char *alpha3;  /* "" when none */
  const char *name_en, *name_fr, *name_de;
  const char *eu_code; /* "EL" for Greece, "UK" for the United Kingdom, else == code */
  gboolean eu_member;
  gboolean pseudo;     /* a non-country row of NCMEC's (XNC, EEE, ANT): never matched */
  const char *parent;  /* organisation: the code of the one it belongs to as the documents
                          name it ("org:meta" for Instagram), or NULL; NULL for a country */
  gboolean eu_members; /* aggregate: its members are the countries countries.csv marks
                          eu_member (EU27); FALSE when its members are not defined (WORLD) */
} TrCountry;

/* TRUE when `subject` is a country that comparisons, scopes and --country may take: not an
 * organisation, not an aggregate, not a pseudo row. */
gboolean tr_subject_is_country (const TrCountry *subject);

typedef struct _TrCountryTable TrCountryTable;

#define TR_COUNTRY_ERROR (tr_country_error_quark ())
GQuark tr_country_error_quark (void);

typedef enum {
  TR_COUNTRY_ERROR_FILE,
  TR_COUNTRY_ERROR_FORMAT,
} TrCountryError;

/* Loads countries.csv (generated), country-exceptions.csv, country-names.csv (generated: names
 * in the EU's other official languages), country-common-names.csv (generated),
 * country-aliases.csv (hand-kept), organisations.csv (hand-kept: id, name, aliases
 * separated by ';', parent id) and aggregates.csv (hand-kept: code, name, aliases separated by
 * ';', members: `eu_member` or empty) from data_dir. An aggregate is also named by each of its
 * labels with spaces, '-' and '_' dropped ("EU_27"). A label that names an unknown code, a name or
 * alias that would take a label another subject already has, or an unknown parent, is an
 * error naming file and line. Returns NULL with error set on failure. */
TrCountryTable *tr_country_table_load (const char *data_dir, GError **error);
void tr_country_table_free (TrCountryTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrCountryTable, tr_country_table_free)

/* The entry a label names: alpha-2, alpha-3, EU code, name in any of the EU's 24 official
 * languages, or an alias; an organisation's name, alias or code (org:google); an aggregate's code or alias (EU27, World); case-, accent- and white-space-insensitive, footnote superscripts ignored. NULL when
 * unknown. */
const TrCountry *tr_country_table_lookup (const TrCountryTable *table, const char *label);

/* When `aggregate` is an aggregate whose members are defined, appends their codes (const
 * char *, countries only, in code order) to `codes` and returns TRUE; otherwise appends
 * nothing and returns FALSE. */
gboolean tr_country_table_members (const TrCountryTable *table, const TrCountry *aggregate,
                                   GPtrArray *codes);

/* The entry whose code is exactly `code`, or NULL. */
const TrCountry *tr_country_table_get (const TrCountryTable *table, const char *code);

/* Every entry (const TrCountry *), countries, organisations and aggregates, sorted by code. */
const GPtrArray *tr_country_table_entries (const TrCountryTable *table);

/* The lookup key of a label, newly allocated: footnote superscripts dropped, white space
 * trimmed and collapsed, accents removed (NFD without combining marks), case-folded. */
char *tr_country_key (const char *label);

/* The same key as tr_country_key(), always by the Unicode path (NFD, marks, case folding),
 * which tr_country_key() skips for ASCII labels: for the test that the two agree. */
char *tr_country_key_full (const char *label);
