/* comparison.h — the comparisons a report makes, declared in data/comparisons.ini: the main
 * one (the declared figures against the reference, which the rules judge) and the others.
 *
 * A comparison pairs the figures of two sources on a measure each, by country and year, as
 * the main reconciliation does (match.h): Table 7's deduplicated 2024 figures against the sum
 * of NCMEC's undeduplicated referral and informational columns. Each side is a source
 * identity of the catalogue and a measure, or several measures that are added up (a missing
 * part makes the sum missing). A comparison whose sources were not both read (a user's file
 * replaced one) is not made, and says so.
 *
 * The main comparison (`main = true`, exactly one) pairs two series rather than two sources
 * (`reference-series`, `declared-series`), because a user's --reference or --declared file
 * takes the place of the bundled table in its series; its measure is the default of
 * --measure. main.c reconciles it in full (tr_reconcile) and the rules (rules.h) judge it;
 * every other comparison is shown, with its sums and ratios, in every output format, and what
 * it finds is said in words.
 *
 * Ownership: a TrComparison owns its strings and its reconciliation; it borrows the catalogue's
 * sources and the dataset, which must outlive it. */
#pragma once

#include <glib.h>

#include "catalogue.h"
#include "dataset.h"
#include "match.h"

typedef struct {
  char *id;                 /* the group name: "dedup-2024" */
  char *title;              /* one line: what is compared with what */
  gboolean main;            /* the comparison the rules judge; its sides are series: */
  char *reference_series;   /* "reference" (main only, else NULL) */
  char *declared_series;    /* "declared" (main only, else NULL) */
  char *reference_id;       /* source identity of side a ("ncmec-by-country"); NULL in main */
  char **reference_measures; /* its measure, or the measures added up, NULL-terminated */
  char *reference_words;    /* what its figures are, for column heads: "undeduplicated" */
  char *declared_id;        /* source identity of side b ("com740-t7"); NULL in main */
  char *declared_measure;
  char *declared_words;     /* "deduplicated" */
  int year_from, year_to;   /* the years compared; 0, 0: every year of both */
  /* Made by tr_comparisons_make(): */
  const TrSource *reference, *declared; /* borrowed from the catalogue */
  char *reference_measure;  /* the measure of side a: one of them, or their sum's name
                               ("referrals+informational_reports") */
  gboolean made;            /* FALSE: a source was not read (`why` says which) */
  char *why;                /* or NULL */
  TrReconciliation *rec;    /* NULL when not made; the main one's is set by its maker */
} TrComparison;

void tr_comparison_free (TrComparison *comparison);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrComparison, tr_comparison_free)

/* Reads the comparisons of `path` (shown as `name` in messages), in file order. Every key is
 * checked: an unknown key, a missing one, a source identity the catalogue lacks, a measure
 * that is not a measure name, a year range that is not one: "NAME: [GROUP] KEY = …; expected
 * …", a TR_INPUT_ERROR. Returns a GPtrArray of TrComparison * (owning them), or NULL. */
GPtrArray *tr_comparisons_load (const char *path, const char *name,
                                const TrCatalogue *catalogue, GError **error);
/* The main comparison of a loaded list (tr_comparisons_load() makes sure there is one). */
TrComparison *tr_comparisons_main (GPtrArray *comparisons);

/* Makes each comparison but the main one over `dataset`: adds the sums its sides need (tr_dataset_add_sum())
 * and reconciles them with `filter` (its countries, years and scope; the comparison's own
 * years narrow it). A comparison whose sources were not both read is left unmade with its
 * reason. Returns FALSE only when adding a sum fails (a sum past 2^53). */
gboolean tr_comparisons_make (GPtrArray *comparisons, TrDataset *dataset, const TrFilter *filter,
                              GError **error);
