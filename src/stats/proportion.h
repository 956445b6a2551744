/*
 * Confidence intervals for a proportion x/n.  Pure functions.
 */
#ifndef CAIRN_STATS_PROPORTION_H
#define CAIRN_STATS_PROPORTION_H

#include <stdbool.h>

/* Interval methods; indexes stats_ci_method_name. */
enum stats_ci_method {
	STATS_CI_WILSON = 0, /* Wilson score interval (Newcombe 1998 method 3) */
	STATS_CI_WILSON_CC,  /* Wilson with continuity correction (Newcombe method 4) */
	STATS_CI_EXACT,      /* Clopper-Pearson "exact" interval (Newcombe method 5) */
	STATS_CI_MIDP,       /* mid-p exact interval (Newcombe method 6) */
	STATS_CI__MAX
};
extern const char *const stats_ci_method_name[STATS_CI__MAX];

/* Returns the method called name ("wilson", "wilson-cc", "exact", "midp")
 * in *out; false for an unknown name. */
bool stats_ci_method_parse(const char *name, enum stats_ci_method *out);

/* A proportion with its interval. */
struct stats_prop {
	double estimate; /* x / n */
	double lower;    /* lower confidence limit */
	double upper;    /* upper confidence limit */
};

/*
 * Computes the two-sided interval for x successes out of n at confidence
 * level (e.g. 0.95), following Newcombe (1998) Stat Med 17:857-872:
 * - Wilson: the roots of |p - x/n| = z sqrt(p(1-p)/n).
 * - Wilson-CC: the same with |p - x/n| - 1/(2n) (Newcombe's closed form).
 * - exact: Clopper-Pearson, the beta quantiles B(a/2; x, n-x+1) and
 *   B(1-a/2; x+1, n-x): GSL's beta inverse when it converges, otherwise
 *   Brent's method on the beta CDF bracketed in [0, 1].
 * - mid-p: the p at which P(X > x) + P(X = x)/2 = a/2 (lower) and
 *   P(X < x) + P(X = x)/2 = a/2 (upper), found by bisection to 1e-12.
 * For x = 0 the lower limit is 0 and for x = n the upper limit is 1 in
 * every method.  Returns false (leaving *out untouched) when n <= 0, x < 0,
 * x > n, level is not in (0, 1), (exact, mid-p) x or n is not a whole
 * number or n > 1e9, or a quantile or tail cannot be computed (never
 * seen up to n = 10^7).
 */
bool stats_proportion(double x, double n, double level, enum stats_ci_method method,
    struct stats_prop *out);

/*
 * The Clopper-Pearson interval at a possibly non-integer x of n (an
 * effective sample size, as Korn & Graubard's): the beta quantiles
 * B(a/2; x, n-x+1) and B(1-a/2; x+1, n-x), 0 when x = 0 and 1 when x = n.
 * Returns false for n <= 0, x outside 0..n or level outside (0, 1), or
 * when a quantile cannot be found.
 */
bool stats_beta_interval(double x, double n, double level, struct stats_prop *out);

/* A difference between two proportions with its interval. */
struct stats_prop_diff {
	double diff;  /* x1/n1 - x2/n2 */
	double lower; /* interval of the difference */
	double upper;
};

/*
 * The interval of x1/n1 - x2/n2 for independent samples, Newcombe (1998,
 * Stat Med 17:873-890) method 10, the hybrid score ("square and add")
 * interval from the two Wilson intervals (l, u) at level:
 *     lower = d - sqrt((p1 - l1)^2 + (u2 - p2)^2)
 *     upper = d + sqrt((u1 - p1)^2 + (p2 - l2)^2)
 * A difference is shown by the data at that level when the interval
 * excludes 0; two overlapping Wilson intervals can still do so (Schenker &
 * Gentleman 2001).  Returns false, leaving *out untouched, for the inputs
 * stats_proportion() refuses.
 */
bool stats_proportion_diff(double x1, double n1, double x2, double n2, double level,
    struct stats_prop_diff *out);

/* Returns the standard normal quantile z such that P(Z < z) = p. */
double stats_norm_quantile(double p);

#endif
