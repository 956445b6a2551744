/*
 * Results of records reading, computed with the functions of stats/:
 * per template item the number read, the distribution of answers, the
 * proportion good or better (levels 4-6 of the six-point scale; "yes" of
 * yes/no answers) with its 95% Wilson interval, the population estimate
 * weighted by stratum (stratified estimator with the finite population
 * correction, stats_stratified_proportion) and the quantifier word from
 * the bands in data/quantifiers.json; and the agreement between the two
 * readings of double-read records.
 */
#ifndef CAIRN_APP_READSTAT_H
#define CAIRN_APP_READSTAT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/records/reading.h"
#include "stats/agreement.h"
#include "stats/proportion.h"
#include "stats/quantifier.h"
#include "stats/sampling.h"

/* Most distinct answers counted per item. */
#define READSTAT_VALUES_MAX 16
/* The lowest level counted as good or better on the six-point scale. */
#define READSTAT_GOOD 4
/* Bootstrap replicates and seed for alpha's interval. */
#define READSTAT_BOOT_REPS 2000
#define READSTAT_BOOT_SEED 20140101u
/* Below this kappa or alpha agreement is flagged as poor (Landis & Koch
 * 1977: below 0.40 is fair or poor; Krippendorff 2004: alpha below 0.667
 * does not support even tentative conclusions). */
#define READSTAT_POOR_KAPPA 0.40
#define READSTAT_POOR_ALPHA 0.667

/* Summary of one item (per agency for per-agency items). */
struct item_summary {
	const struct template_item *item;        /* borrowed from the context */
	const char *agency;                      /* "" or the agency code (borrowed) */
	long n;                                  /* children with an answer */
	size_t nvalues;                          /* distinct possible answers */
	const char *values[READSTAT_VALUES_MAX]; /* the answers, in scale/choice order */
	long counts[READSTAT_VALUES_MAX];        /* how many gave each */
	bool has_prop;                           /* six-point or yes-no-na: a proportion */
	const char *measure;                     /* "good or better" or "yes" */
	long x, nprop;                           /* successes and the answers they are out of */
	struct stats_prop wilson;                /* 95% Wilson interval */
	bool has_strat;                          /* the stratified estimate exists */
	struct stats_strat_est strat;            /* stratified estimate with its interval */
	char quantifier[STATS_BAND_WORD];        /* "most", ... or "" */
};

/* Agreement on one item (or overall). */
struct item_agreement {
	const struct template_item *item; /* NULL for the overall row */
	const char *agency;               /* "" or the agency code */
	size_t n;                         /* double-read records with both answers */
	double pct;                       /* proportion of exact agreement, NaN if none */
	bool ordinal;                     /* six-point (weights and ordinal alpha apply) */
	bool has_kappa, has_linear, has_quadratic, has_alpha, has_boot;
	struct stats_kappa kappa;     /* unweighted */
	struct stats_kappa linear;    /* linear weights, levels = the scale */
	struct stats_kappa quadratic; /* quadratic weights, levels = the scale */
	bool has_linear_present, has_quadratic_present;
	struct stats_kappa linear_present;    /* linear weights, levels = values present (irr) */
	struct stats_kappa quadratic_present; /* quadratic weights, levels = values present (irr) */
	struct stats_alpha alpha;             /* ordinal (six-point) or nominal */
	struct stats_boot boot;               /* bootstrap interval of alpha */
	bool poor;                            /* kappa or alpha below the thresholds */
	char why[160];                        /* why a statistic is missing, or "" */
};

/* Computes the summary rows; *out malloc'd (free()), borrowing from x. */
int app_reading_summary(const struct reading_ctx *x, struct item_summary **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Computes agreement per item and overall (last row, item NULL). */
int app_agreement(const struct reading_ctx *x, struct item_agreement **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads x and computes the agreement rows for the inspection, as the
 * actor who (needs ACTION_VIEW_AGGREGATES): the one door the command
 * line, the agreement page and the API share.  On success the caller
 * frees x and *out. */
int app_agreement_load(struct store *st, const struct actor *who, long insp, struct reading_ctx *x,
    struct item_agreement **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads x, computes the summary rows and reads the disclosure threshold
 * (app/publication/disclose.h) into *threshold unless threshold is NULL,
 * for the inspection, as the actor who (needs ACTION_VIEW_AGGREGATES): the
 * one door the readings summary page, the API and the command line's
 * summary share.  On success the caller frees x and *out. */
int app_reading_summary_load(struct store *st, const struct actor *who, long insp,
    struct reading_ctx *x, struct item_summary **out, size_t *n, long *threshold,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Counts, for each agency of x's template (counts[0..x->tpl.nagencies)),
 * the children whose counted reading (the first submitted) records that
 * agency's records as read; *children is the number of children with a
 * submitted reading.  counts is the caller's. */
void readstat_agency_counts(const struct reading_ctx *x, long *counts, long *children);
/* The agreement rows as JSON (cairn agreement --json and the API):
 * {"inspection", "items": [...], "overall", "poor"}; caller owns. */
json_t *readstat_agreement_json(long insp, const struct item_agreement *v, size_t n);

/* The summary rows as JSON (cairn reading summary --json and the API):
 * {"inspection", "template", "items": [...]}; caller owns. */
json_t *readstat_summary_json(long insp, const char *tpl, const struct item_summary *v, size_t n);

/* Returns the answer that counts for a child: resolution, else the first
 * submitted reading's, else NULL. */
const char *readstat_answer(const struct reading_ctx *x, long member, const char *item,
    const char *agency);

#endif
