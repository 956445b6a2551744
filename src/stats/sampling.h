/*
 * Survey sampling: sample size for a proportion with the finite population
 * correction, proportional allocation of a sample across strata by largest
 * remainder with a minimum per stratum, simple random sampling without
 * replacement from the seeded generator in stats/rng.h, and the stratified
 * estimate of a proportion.  Pure functions: numbers in, numbers out.
 *
 * Typical use for "cairn sample draw":
 *   stats_allocate(stratum_sizes, NULL, k, size, min, alloc, &err);
 *   stats_rng_seed(&rng, seed);
 *   for each stratum h in a fixed order (e.g. sorted by its key):
 *       stats_srswor(&rng, N_h, min(alloc[h] + reserve, N_h), idx);
 *       idx[0..alloc[h]) are the sample (in draw order), the next ones
 *       the reserves in the order they are to be used.
 * One generator is used for all strata in that order, so the whole draw is
 * fixed by the seed, the population order within each stratum and the
 * options.
 */
#ifndef CAIRN_STATS_SAMPLING_H
#define CAIRN_STATS_SAMPLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "stats/proportion.h"
#include "stats/rng.h"

/* How the sample size is rounded to a whole number; indexes
 * stats_round_name. */
enum stats_round {
	STATS_ROUND_NEAREST = 0, /* nearest whole number, as Krejcie & Morgan (1970) */
	STATS_ROUND_UP,          /* next whole number up (never below the target) */
	STATS_ROUND__MAX
};
extern const char *const stats_round_name[STATS_ROUND__MAX];

/* Inputs of a sample-size calculation. */
struct stats_size_req {
	long population;        /* N, the size of the population (>= 1) */
	double margin;          /* d, the margin of error as a proportion, in (0, 1) */
	double confidence;      /* confidence level, in (0, 1), e.g. 0.95 */
	double proportion;      /* P, the anticipated proportion, in (0, 1); 0.5 is the safest */
	enum stats_round round; /* rounding of the result */
	bool exact_chi2;        /* true: X^2 to full precision; false: X^2 rounded to
	                       * 3 decimals as in printed tables (Krejcie & Morgan
	                       * used 3.841; needed to reproduce their table) */
};

/*
 * Sample size for estimating a proportion with the finite population
 * correction (Krejcie & Morgan 1970, Educ Psychol Meas 30:607-610):
 *     s = X^2 N P (1 - P) / (d^2 (N - 1) + X^2 P (1 - P))
 * where X^2 is the chi-square value with 1 degree of freedom at the
 * confidence level (= z^2: 3.841459 at 95%, or 3.841 when req->exact_chi2
 * is false, the tabled value Krejcie & Morgan used; with the full value
 * their N = 40000 row would round to 381, not 380).  The result is rounded as
 * req->round says and never exceeds N.  Stores it in *out and returns
 * CAIRN_OK, or CAIRN_EUSAGE with err set for an input out of range.
 */
int stats_sample_size(const struct stats_size_req *req, long *out, struct cairn_err *err);

/*
 * Fills req with Cochran's convention (Cochran 1977, Sampling Techniques,
 * eq. 4.1-4.2, the same formula): X^2 to full precision and the size
 * rounded up, so the stated margin is always achieved; margin 0.1,
 * confidence 0.95, proportion 0.5, population 0 (to be set).  Krejcie &
 * Morgan's table needs round = STATS_ROUND_NEAREST and exact_chi2 = false.
 */
void stats_size_defaults(struct stats_size_req *req);

/*
 * The margin of error that a sample of n achieves under req's population,
 * confidence and proportion: sqrt(X^2 P(1-P) (N-n) / (n (N-1))), with X^2
 * as req->exact_chi2 says; 0 when n >= N.  NaN when n < 1.
 */
double stats_sample_margin(const struct stats_size_req *req, long n);

/*
 * Allocates total sample units across k strata in proportion to weights
 * (usually the stratum population sizes) by the largest-remainder method
 * (Hamilton / Hare-Niemeyer), with at least min_per units per stratum.
 *
 * caps[h] is the most stratum h can receive (its population size); NULL
 * means no cap.  A stratum's minimum is min(min_per, caps[h]).  Method:
 * quotas q_h = R w_h / W over the strata not yet fixed; any stratum whose
 * quota is below its minimum is fixed at the minimum, any whose quota is
 * above its cap is fixed at the cap, and the rest is re-apportioned among
 * the others until nothing changes; then each free stratum gets floor(q_h)
 * and the units left over go one each to the largest remainders (ties: the
 * larger weight, then the earlier stratum).  Arithmetic is exact (integer),
 * so the result is the same on every machine.
 *
 * out receives k counts.  Returns CAIRN_OK; CAIRN_EDATA when the minimum
 * is impossible (the minimums add up to more than total) or total exceeds
 * the sum of caps (a sample larger than the population); CAIRN_EUSAGE for
 * k == 0, all weights zero with total > 0, or numbers too large.
 */
int stats_allocate(const long *weights, const long *caps, size_t k, long total, long min_per,
    long *out, struct cairn_err *err);

/* Divisor (highest averages) apportionment methods; indexes
 * stats_divisor_name. */
enum stats_divisor {
	STATS_DIV_DHONDT = 0,   /* d'Hondt / Jefferson: divisors 1, 2, 3, ... */
	STATS_DIV_SAINTE_LAGUE, /* Sainte-Lague / Webster: divisors 1, 3, 5, ... */
	STATS_DIV__MAX
};
extern const char *const stats_divisor_name[STATS_DIV__MAX];

/*
 * Apportions total units across k strata by a divisor (highest averages)
 * method, for comparison with the largest remainder: each unit in turn goes
 * to the stratum with the largest w_h / d(s_h), where s_h is what it has so
 * far (ties: the larger weight, then the earlier stratum).  Exact integer
 * comparisons.  out receives k counts.  Returns CAIRN_OK or CAIRN_EUSAGE
 * (k == 0, negative numbers, all weights zero, numbers too large).
 */
int stats_apportion_divisor(const long *weights, size_t k, long total, enum stats_divisor m,
    long *out, struct cairn_err *err);

/*
 * Simple random sampling without replacement of k of the n indexes
 * 0..n-1 (k <= n; k is cut to n).  idx must hold n elements; on return
 * idx[0..k) are the chosen indexes in the order drawn (partial
 * Fisher-Yates shuffle: for i = 0..k-1, j = i + stats_rng_below(r, n - i),
 * swap idx[i] and idx[j], starting from idx[i] = i).  Drawing k + R gives
 * the same first k as drawing k, so reserves can be taken from the tail.
 * Consumes exactly k draws of stats_rng_below.
 */
void stats_srswor(struct stats_rng *r, size_t n, size_t k, size_t *idx);

/* One stratum's counts for the stratified estimate of a proportion. */
struct stats_stratum_count {
	long population; /* N_h, units in the stratum's population */
	long sampled;    /* n_h, units read (0 <= n_h <= N_h) */
	long successes;  /* x_h, units with the property (0 <= x_h <= n_h) */
};

/* What a stratum with a single answer adds to the variance (R survey's
 * options(survey.lonely.psu)); indexes stats_lonely_name. */
enum stats_lonely {
	STATS_LONELY_ADJUST = 0, /* "adjust" (default): its answer's deviation from the
	                            overall estimate, (1 - 1/N_h) W_h^2 (y - p)^2 */
	STATS_LONELY_AVERAGE,    /* "average": the variance is scaled by H / (H - lonely),
	                            as if each lonely stratum had the average variance */
	STATS_LONELY_CERTAINTY,  /* "certainty": nothing (understates the variance) */
	STATS_LONELY__MAX
};
/* "adjust", "average", "certainty", by enum. */
extern const char *const stats_lonely_name[STATS_LONELY__MAX];

/* How to compute a stratified estimate; zero-initialised is the default. */
struct stats_strat_opts {
	enum stats_lonely lonely; /* strata with one answer (default adjust) */
	bool drop_empty;          /* false (default): refuse when a stratum with a
	                             population has no answers; true: leave it out
	                             (and its population), counted in strata_empty */
};

/* A stratified estimate with its standard error and interval. */
struct stats_strat_est {
	double estimate; /* sum of W_h p_h, W_h = N_h / N */
	double se;       /* standard error with the finite population correction */
	double lower;    /* Korn-Graubard interval (R svyciprop method "beta") */
	double upper;
	double n_eff;             /* the interval's effective sample size (df-adjusted) */
	long population;          /* N, the sum of the strata populations used */
	long sampled;             /* n, the sum of the strata samples used */
	enum stats_lonely lonely; /* how strata with one answer were treated */
	size_t lonely_strata;     /* strata with one answer (N_h > 1) */
	size_t strata_empty;      /* strata left out for having no answers */
	long population_empty;    /* their population */
};

/*
 * Stratified estimator of a population proportion (Cochran 1977, Sampling
 * Techniques, 3rd ed., sections 5.3 and 5A.6), as R's survey::svymean on
 * svydesign(ids = ~1, strata, fpc):
 *     p = sum W_h p_h,   var = sum W_h^2 (1 - n_h/N_h) p_h (1 - p_h) / (n_h - 1)
 * A stratum with one answer is treated as o->lonely says (NULL o: the
 * defaults, adjust and refuse empty strata); a stratum whose whole
 * population of one was read adds nothing.  The interval is Korn &
 * Graubard's (1998), as svyciprop(method = "beta"): Clopper-Pearson at
 * the effective sample size n* = p(1-p)/var times (t(n-1)/t(n-H))^2
 * (H strata answered).  When the variance is 0: every stratum read in
 * full (a census) gives the point; otherwise (p is 0 or 1) n* is the
 * number of answers n (where R gives NaN).  Returns CAIRN_OK;
 * CAIRN_EUSAGE for inconsistent counts, nothing sampled or level outside
 * (0, 1); CAIRN_EDATA when a stratum with a population has no answers
 * and o->drop_empty is false (the estimate would describe only the
 * strata answered).
 */
int stats_stratified_proportion_opts(const struct stats_stratum_count *s, size_t k, double level,
    const struct stats_strat_opts *o, struct stats_strat_est *out, struct cairn_err *err);

/* stats_stratified_proportion_opts() with the defaults. */
int stats_stratified_proportion(const struct stats_stratum_count *s, size_t k, double level,
    struct stats_strat_est *out, struct cairn_err *err);

#endif
