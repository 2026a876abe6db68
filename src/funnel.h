/* funnel.h — from report to conviction: per country and year, the reports the reference
 * sent, the reports declared, the children identified and the offenders convicted, each step
 * with the notes that qualify it.
 *
 * The four steps are four figures of four tables; they count different things (reports,
 * children, offenders) and the notes say where one step's scope differs from the others'.
 * So a row gives the steps' figures, missing ones with their reason (never zero), and one
 * ratio only: reports declared ÷ reports sent, both counts of reports, and only when no note
 * on either says it counts differently (kind scope, source or method). No ratio is made
 * between reports and children or convictions: the tables do not say those were found
 * through the reports counted.
 *
 * Ownership: tr_funnel_build() returns a GPtrArray owning its TrFunnelRow entries; rows
 * borrow observations, countries and notes from the reconciliation's dataset and `notes`. */
#pragma once

#include <glib.h>

#include "match.h"
#include "notes.h"

typedef enum {
  TR_FUNNEL_SENT,        /* reports the reference sent (rec->reference, "reports") */
  TR_FUNNEL_DECLARED,    /* reports declared (rec->declared, "reports") */
  TR_FUNNEL_CHILDREN,    /* children identified (rec->declared, "children_identified") */
  TR_FUNNEL_CONVICTIONS, /* offenders convicted (rec->declared, "convictions") */
  TR_FUNNEL_N_STEPS,
} TrFunnelStepId;

/* What a step reads, and what it counts: one static table. */
typedef struct {
  TrFunnelStepId id;
  const char *key;       /* "sent", "declared", "children", "convictions": JSON, ids */
  gboolean reference;    /* TRUE: the reference series, else the declared series */
  const char *measure;   /* "reports", "children_identified", "convictions" */
  const char *heading;   /* a column heading: "Sent", "Declared", "Children", "Convictions" */
  const char *unit;      /* what one counts, for a sentence: "reports", "children", "offenders" */
} TrFunnelStepSpec;

/* The TR_FUNNEL_N_STEPS steps, in funnel order. Static. */
const TrFunnelStepSpec *tr_funnel_steps (void);

typedef struct {
  const TrObservation *obs; /* the figure, or NULL when the table has no row for it */
  GPtrArray *notes;         /* const TrNote *, every note covering it, in notes.csv order */
  gboolean differs;         /* a note of kind scope, source or method covers it */
} TrFunnelStep;

typedef struct {
  const TrCountry *country;
  int year;
  TrFunnelStep steps[TR_FUNNEL_N_STEPS];
  gboolean has_ratio;       /* declared ÷ sent is given: both present, sent above 0, and
                               neither step `differs` */
  gint64 ratio_num, ratio_den; /* its counts (declared, sent) */
  TrQualifier ratio_qualifier; /* tr_value_ratio_qualifier() of the two figures */
  const char *no_ratio;     /* when !has_ratio, why, in words (static); NULL otherwise */
} TrFunnelRow;

void tr_funnel_row_free (TrFunnelRow *row);

/* TRUE when the declared series of rec's dataset has any figure of the later steps (children
 * identified, convictions): the funnel is shown only then (a user's file of reports alone
 * makes no funnel). */
gboolean tr_funnel_applies (const TrReconciliation *rec);

/* One row per country and year shown (the countries of rec->pairs, the years of rec->years),
 * by country code then year; an empty array when !tr_funnel_applies(). `notes` may be NULL. */
GPtrArray *tr_funnel_build (const TrReconciliation *rec, const GPtrArray *notes);

/* The notes of `notes` (as given to tr_funnel_build) that cover a step of `rows` whose
 * country is `country` (NULL: any), in their order (const TrNote *, borrowed); newly
 * allocated array. */
GPtrArray *tr_funnel_notes (const GPtrArray *rows, const GPtrArray *notes,
                            const TrCountry *country);

/* The step `step` of one row as a table cell: its figure (tr_format_value), "*" after it when
 * a note covers it; a missing figure as its reason in parentheses ("(not available)",
 * "(no row)"). Writes into buf. */
const char *tr_funnel_cell (const TrFunnelRow *row, TrFunnelStepId step, char *buf, gsize size);
/* The row's ratio declared ÷ sent as a cell ("0.7923", "~0.4000"), or why there is none in
 * parentheses ("(notes)", "(missing)"). Writes into buf. */
const char *tr_funnel_ratio_cell (const TrFunnelRow *row, char *buf, gsize size);
/* One sentence for the row: "2024: NCMEC sent 21 589 reports; Czechia declared 22 580
 * reports, identified 20 children (scope: …) and convicted 12 offenders." `label` names the
 * reference. Newly allocated. */
char *tr_funnel_sentence (const TrFunnelRow *row, const char *label);
