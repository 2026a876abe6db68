/* catalogue.h — the catalogue of sources: every source of figures or remarks, declared once.
 *
 * A source is one thing that states figures: a table of a document, the remarks under a
 * table, a published data set, a user's file. The bundled ones are declared in
 * data/sources.ini (docs/model.md, "Source"); a user's file is added from the command line as
 * the source user:LABEL, cited as LABEL. Every output cites a source by its `citation` only.
 *
 * Ownership: a TrCatalogue owns its sources and their strings; the dataset and the notes
 * borrow them, so the catalogue must outlive both. Free with tr_catalogue_free(). */
#pragma once

#include <glib.h>

typedef enum {
  TR_SOURCE_TABLE,    /* a table of a document */
  TR_SOURCE_REMARK,   /* the remarks printed under a table */
  TR_SOURCE_PROSE,    /* a paragraph of a document */
  TR_SOURCE_DOCUMENT, /* a secondary document as a whole */
  TR_SOURCE_DATASET,  /* a published data set */
  TR_SOURCE_USER,     /* a user's file (--reference, --declared); never declared in the file */
} TrSourceKind;

typedef struct TrSource TrSource;
struct TrSource {
  char *identity;  /* the group name ("com740-t6"), or "user:LABEL": stable, unique */
  TrSourceKind kind;
  char *name;      /* what it is, or NULL (a user's file) */
  char *publisher; /* or NULL (a user's file) */
  char *document;  /* or NULL */
  char *section;   /* or NULL */
  char *table;     /* the table's number in the document, or NULL */
  char *page;      /* or NULL */
  char *licence;   /* or NULL (a user's file) */
  char *citation;  /* the short form every output prints; never NULL */
  char *label;     /* who states the figures, as sentences name it ("NCMEC"; a user's file by
                      its --label, else its file name without directories, "mine.csv"), or
                      NULL: a series of this source is then named by its citation */
  const TrSource *of; /* a remark source: the table it is printed under; else NULL */
  /* A source that is read (a table, a data set, a user's file): */
  char *path;      /* the path actually read, or NULL when it is not read */
  char *display;   /* how provenance names the file: "data/FILE", or the path as given */
  char *layout;    /* full path of its layout file, or NULL */
  char *series;    /* "declared", "reference", "ncmec", …; NULL when it is not read */
  char *measure;   /* default measure, or NULL */
  char *role;      /* "reference", "declared" or "context": which option replaces it */
  gboolean sum_duplicates;
};

typedef struct _TrCatalogue TrCatalogue;

/* Reads `path`, a catalogue file; the files it names are in `data_dir`. On a bad catalogue
 * (a missing key, an unknown key or kind, a group declared twice, a remark of an unknown
 * table) returns NULL with a TR_INPUT_ERROR "PATH:LINE: found …; expected …". */
TrCatalogue *tr_catalogue_load (const char *path, const char *data_dir, GError **error);
void tr_catalogue_free (TrCatalogue *catalogue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrCatalogue, tr_catalogue_free)

/* The sources in the order of the file, then the users' in the order added (TrSource *). */
const GPtrArray *tr_catalogue_sources (const TrCatalogue *catalogue);

/* The source of that identity, or NULL. */
const TrSource *tr_catalogue_get (const TrCatalogue *catalogue, const char *identity);

/* Adds a user's file `path` of `series` ("reference" or "declared"), cited as `label` (NULL:
 * the path as given), with its layout file or NULL. Its identity is "user:" + the label (one
 * file read as both series is two sources of one identity; tr_catalogue_get() gives the
 * first). Returns the source, or NULL with a G_OPTION_ERROR when another file of the series
 * already has that label. */
const TrSource *tr_catalogue_add_user (TrCatalogue *catalogue, const char *path,
                                       const char *label, const char *series,
                                       const char *layout, GError **error);

/* The series a user's file read as `series` ("reference" or "declared") may not add to: the
 * other one and every series of the catalogue's sources but `series` itself. A
 * NULL-terminated, newly allocated array (g_strfreev) for TrTableSpec.foreign_sources. */
char **tr_catalogue_foreign_series (const TrCatalogue *catalogue, const char *series);

/* The name of a kind as sources.ini spells it ("table", …, "user"). */
const char *tr_source_kind_name (TrSourceKind kind);
