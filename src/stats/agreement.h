/*
 * Agreement between raters: percentage agreement, Cohen's kappa
 * (unweighted and weighted), Fleiss' kappa and Krippendorff's alpha with a
 * bootstrap interval.  Pure functions: numbers in, numbers out, no I/O.
 *
 * Ratings are doubles; a missing rating is NaN (use STATS_NA).  A matrix of
 * ratings is units x raters, row-major: x[u * raters + r].
 *
 * Sources (formulas implemented from the publications, checked against the
 * published values in tests/reference/stats/agreement/):
 * - Cohen (1960) Educ Psychol Meas 20:37-46; Cohen (1968) Psychol Bull
 *   70:213-220 (weighted kappa); standard errors from Fleiss, Cohen &
 *   Everitt (1969) Psychol Bull 72:323-327.
 * - Fleiss (1971) Psychol Bull 76:378-382; the standard error under H0 from
 *   Fleiss, Nee & Landis (1979) Psychol Bull 86:974-977.
 * - Krippendorff (2004/2011) Content Analysis, ch. 11, and "Computing
 *   Krippendorff's alpha-reliability" (2011): coincidence matrices and the
 *   difference functions for nominal, ordinal, interval and ratio data.
 */
#ifndef CAIRN_STATS_AGREEMENT_H
#define CAIRN_STATS_AGREEMENT_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* A missing rating. */
#define STATS_NA ((double)NAN)

/* Weights for Cohen's kappa; indexes stats_weights_name. */
enum stats_weights {
	STATS_W_NONE = 0,  /* unweighted: only exact agreement counts */
	STATS_W_LINEAR,    /* 1 - |i-j|/(k-1) (irr "equal") */
	STATS_W_QUADRATIC, /* 1 - (i-j)^2/(k-1)^2 (irr "squared") */
	STATS_W__MAX
};
extern const char *const stats_weights_name[STATS_W__MAX];

/* Which categories weighted kappa is built on; indexes stats_levels_name. */
enum stats_levels {
	STATS_LEVELS_PRESENT = 0, /* the values either rater used, sorted (as R irr::kappa2) */
	STATS_LEVELS_SCALE,       /* the full scale given by the caller (e.g. 1..6) */
	STATS_LEVELS__MAX
};
extern const char *const stats_levels_name[STATS_LEVELS__MAX];

/* Options for Cohen's kappa. */
struct stats_kappa_req {
	enum stats_weights weights; /* weighting scheme (ignored when custom is set) */
	enum stats_levels levels;   /* which categories the weights are built on */
	const double *scale;        /* STATS_LEVELS_SCALE: the categories, ascending */
	size_t nscale;              /* entries of scale */
	const double *custom;       /* optional disagreement weights by distance in
	                             * categories (custom[d] for |i-j| = d, as irr's
	                             * numeric weight), or NULL */
	size_t ncustom;             /* entries of custom: at least the number of categories */
	double level;               /* confidence level of the interval, e.g. 0.95 */
};

/* Cohen's kappa with its tests. */
struct stats_kappa {
	double kappa; /* (p_o - p_e) / (1 - p_e) */
	double p_o;   /* observed (weighted) agreement */
	double p_e;   /* chance (weighted) agreement from the margins */
	double se;  /* asymptotic standard error (Fleiss, Cohen & Everitt 1969), for the interval */
	double se0; /* standard error under H0: kappa = 0, for z and p (as irr) */
	double z;   /* kappa / se0 */
	double p;   /* two-sided p-value of z */
	double ci_low;  /* kappa - z(level) se */
	double ci_high; /* kappa + z(level) se */
	size_t n;       /* units rated by both raters (units with a missing rating are dropped) */
	size_t ncat;    /* categories the table was built on */
};

/*
 * Cohen's kappa for two raters over n units (r1[i], r2[i]; NaN missing,
 * such units dropped).  Returns CAIRN_OK; CAIRN_EDATA with err set when no
 * unit has both ratings, a rating is not on the given scale, or kappa is
 * undefined (chance agreement 1: one category only); CAIRN_EUSAGE for bad
 * options (level, scale not ascending, too few custom weights).
 */
int stats_kappa(const double *r1, const double *r2, size_t n, const struct stats_kappa_req *req,
    struct stats_kappa *out, struct cairn_err *err);

/*
 * Percentage agreement (irr::agree): the share of units, among those with
 * no missing rating, whose ratings all lie within tolerance of each other
 * (max - min <= tolerance; 0 for exact agreement, 1 for "within one
 * grade").  x is units x raters.  Stores the proportion (0..1) in *pct and
 * the units used in *n_used.  Returns CAIRN_OK, or CAIRN_EDATA when no
 * unit is complete or raters < 2.
 */
int stats_agreement_pct(const double *x, size_t units, size_t raters, double tolerance, double *pct,
    size_t *n_used, struct cairn_err *err);

/* Fleiss' kappa for m raters. */
struct stats_fleiss {
	double kappa;    /* (P_bar - P_e) / (1 - P_e) */
	double p_bar;    /* mean agreement per subject */
	double p_e;      /* chance agreement: sum of p_j^2 */
	double se0;      /* standard error under H0 (Fleiss, Nee & Landis 1979, as irr) */
	double z;        /* kappa / se0 */
	double p;        /* two-sided p-value of z */
	size_t subjects; /* subjects (rows) */
	long raters;     /* ratings per subject, m */
};

/*
 * Fleiss' kappa from counts (subjects x ncat, row-major: how many raters put
 * subject i in category j); every row must add up to the same m >= 2.
 * cat_kappa (ncat entries, may be NULL) receives each category's kappa
 * (Fleiss 1971 eq. 9; NaN for a category nobody used).  No interval is
 * given: the standard error is valid only under H0 (JASP #4509).
 * Returns CAIRN_OK or CAIRN_EDATA with err set.
 */
int stats_fleiss(const long *counts, size_t subjects, size_t ncat, struct stats_fleiss *out,
    double *cat_kappa, struct cairn_err *err);

/*
 * Builds Fleiss counts from ratings (units x raters, NaN missing): units
 * with a missing rating are dropped (listwise, as irr::kappam.fleiss); the
 * categories are the values present, sorted.  On success *counts (subjects
 * x ncat, row-major) and *cats (ncat values) are malloc'd for the caller to
 * free.  Returns CAIRN_OK, or CAIRN_EDATA when no unit is complete.
 */
int stats_fleiss_counts(const double *x, size_t units, size_t raters, long **counts,
    size_t *subjects, double **cats, size_t *ncat, struct cairn_err *err);

/* Most distinct values alpha takes (its coincidence matrix is values^2). */
#define STATS_ALPHA_MAX_VALUES 1000

/* Levels of measurement for Krippendorff's alpha; indexes stats_metric_name. */
enum stats_metric {
	STATS_METRIC_NOMINAL = 0, /* delta^2 = 0 if c = k, else 1 */
	STATS_METRIC_ORDINAL,     /* (sum_{g=c..k} n_g - (n_c + n_k)/2)^2 */
	STATS_METRIC_INTERVAL,    /* (c - k)^2 */
	STATS_METRIC_RATIO,       /* ((c - k)/(c + k))^2 */
	STATS_METRIC__MAX
};
extern const char *const stats_metric_name[STATS_METRIC__MAX];

/* Krippendorff's alpha. */
struct stats_alpha {
	double alpha;    /* 1 - d_o / d_e */
	double d_o;      /* observed disagreement: (1/n) sum o_ck delta^2_ck */
	double d_e;      /* expected disagreement: 1/(n(n-1)) sum n_c n_k delta^2_ck */
	long n_pairable; /* n: values in units with at least two values */
	size_t units;    /* units with at least two values */
	size_t values;   /* distinct values among them */
};

/*
 * Krippendorff's alpha for x (units x coders, NaN missing) at the given
 * level of measurement.  Units with fewer than two values are not
 * pairable and are left out.  Returns CAIRN_OK; CAIRN_EDATA when fewer than
 * two pairable values exist, when there is no variation (d_e = 0: alpha
 * undefined), (ratio) a negative value, or more than STATS_ALPHA_MAX_VALUES
 * distinct values.
 */
int stats_alpha(const double *x, size_t units, size_t coders, enum stats_metric metric,
    struct stats_alpha *out, struct cairn_err *err);

/* How a bootstrap replicate is drawn; indexes stats_boot_draw_name. */
enum stats_boot_draw {
	STATS_BOOT_MULTINOMIAL = 0, /* the count of each unit pattern from one multinomial */
	STATS_BOOT_UNITS,           /* as many uniform unit draws as there are units */
	STATS_BOOT__MAX
};
extern const char *const stats_boot_draw_name[STATS_BOOT__MAX];

/* A bootstrap interval. */
struct stats_boot {
	double lower;  /* percentile at (1 - level)/2 */
	double upper;  /* percentile at (1 + level)/2 */
	long reps;     /* replicates asked for */
	long used;     /* replicates with a defined value (d_e > 0) */
	uint64_t seed; /* generator seed (stats/rng.h) */
	double mean;   /* mean of the defined replicates */
	double sd;     /* their standard deviation (n - 1), the bootstrap standard error */
	enum stats_boot_draw draw; /* how the replicates were drawn */
};

/*
 * Bootstrap interval for Krippendorff's alpha: reps times, resample the
 * units of x with replacement (as many as x has, each equally likely) and
 * compute alpha on them; the interval is the pair of percentiles (linear
 * interpolation between order statistics, R's type 7) of the replicates
 * whose alpha is defined.  This is the plain nonparametric bootstrap over
 * units, not Krippendorff's own (Hayes & Krippendorff 2007) resampling of
 * pairable values.
 *
 * Units with the same pairable values (the same "pattern") add the same to
 * the coincidence matrix, so a replicate only needs how often each pattern
 * is drawn.  When the patterns are few beside the units (two readers on a
 * six-point scale: at most 36 patterns), those counts are drawn from their
 * multinomial distribution directly (GSL's gsl_ran_multinomial: one binomial
 * per pattern, fed by the seeded generator of stats/rng.h); otherwise
 * (STATS_BOOT_UNITS) each unit is drawn with stats_rng_below.  Both are
 * exactly the bootstrap distribution; they are different random streams, so
 * the same seed gives different intervals under the two.  The same data,
 * seed and reps give the same interval every time.  Returns CAIRN_OK;
 * CAIRN_EUSAGE for reps < 2 or level outside (0, 1); CAIRN_EDATA when fewer
 * than two replicates are defined.
 */
int stats_alpha_bootstrap(const double *x, size_t units, size_t coders, enum stats_metric metric,
    long reps, double level, uint64_t seed, struct stats_boot *out, struct cairn_err *err);

/* Most threads stats_agreement_items starts. */
#define STATS_ITEM_THREADS_MAX 64

/* What stats_agreement_item computes for one item of a double reading. */
struct stats_item_req {
	struct stats_kappa_req weighted; /* the weighted kappa (weights, levels, scale,
	                                  * level); the unweighted one uses the same
	                                  * levels, scale and level without weights */
	enum stats_metric metric;        /* alpha's level of measurement */
	long reps;                       /* bootstrap replicates of alpha (0: none) */
	double boot_level;               /* confidence level of the bootstrap interval */
	uint64_t seed;                   /* bootstrap seed: every item is seeded with it */
};

/* The statistics of one item: two raters' ratings of the same units. */
struct stats_item {
	const double *x;           /* input: units x 2 ratings, NaN missing (borrowed) */
	size_t units;              /* input: rows of x */
	const double *scale;       /* input: weighted.levels == SCALE: this item's scale, or
	                       * NULL for weighted.scale (borrowed) */
	size_t nscale;             /* input: entries of scale */
	struct stats_kappa kappa;  /* output: unweighted Cohen's kappa */
	struct stats_kappa wkappa; /* output: weighted Cohen's kappa */
	struct stats_alpha alpha;  /* output: Krippendorff's alpha */
	struct stats_boot boot;    /* output: alpha's bootstrap interval (reps > 0) */
	int rc;                    /* output: CAIRN_OK, or the first failure's code */
	struct cairn_err err;      /* output: the first failure (which statistic, why) */
};

/*
 * Computes kappa, weighted kappa, alpha and (reps > 0) alpha's bootstrap
 * interval for item->x, as stats_kappa, stats_alpha and
 * stats_alpha_bootstrap would one by one (the same numbers); stops at the
 * first failure, recording it in item->rc and item->err.  Returns item->rc.
 */
int stats_agreement_item(const struct stats_item_req *req, struct stats_item *item);

/*
 * stats_agreement_item for items[0..n) on up to threads threads (POSIX
 * threads; 1 or less: in the caller's thread).  Each item has its own
 * generator seeded with req->seed, so the results do not depend on the
 * number of threads or the order the items are taken in.  Returns the rc
 * of the first item (in order) that failed, or CAIRN_OK.
 */
int stats_agreement_items(const struct stats_item_req *req, struct stats_item *items, size_t n,
    unsigned threads);

/*
 * Words for the strength of agreement, for warnings where agreement is
 * poor.  Kappa: Landis & Koch (1977) Biometrics 33:159-174 - below 0
 * "poor", to 0.20 "slight", to 0.40 "fair", to 0.60 "moderate", to 0.80
 * "substantial", above "almost perfect".  Alpha: Krippendorff (2004,
 * p.241) - at least 0.800 "reliable", at least 0.667 "tentative" (for
 * tentative conclusions only), below "unreliable".  NaN gives "undefined".
 */
const char *stats_kappa_strength(double kappa);
const char *stats_alpha_strength(double alpha);

/* Parses a name ("none", "linear", ...) into the enum; false if unknown. */
bool stats_weights_parse(const char *name, enum stats_weights *out);
bool stats_levels_parse(const char *name, enum stats_levels *out);
bool stats_metric_parse(const char *name, enum stats_metric *out);

#endif
