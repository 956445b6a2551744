/*
 * Confidence intervals for a proportion x/n.  Pure functions.
 */
#ifndef CAIRN_STATS_PROPORTION_H
#define CAIRN_STATS_PROPORTION_H

#include <stdbool.h>

/* Interval methods; indexes stats_ci_method_name. */
enum stats_ci_method {
	STATS_CI_WILSON = 0,  /* Wilson score interval (Newcombe 1998 method 3) */
	STATS_CI__MAX
};
extern const char *const stats_ci_method_name[STATS_CI__MAX];

/* A proportion with its interval. */
struct stats_prop {
	double estimate; /* x / n */
	double lower;    /* lower confidence limit */
	double upper;    /* upper confidence limit */
};

/*
 * Computes the interval for x successes out of n at confidence level
 * (e.g. 0.95).  Returns false (leaving *out untouched) when n <= 0,
 * x < 0, x > n or level is not in (0, 1).
 */
bool stats_proportion(double x, double n, double level, enum stats_ci_method method,
    struct stats_prop *out);

/* Returns the standard normal quantile z such that P(Z < z) = p. */
double stats_norm_quantile(double p);

#endif
