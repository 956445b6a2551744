/*
 * Rates and their confidence intervals: events x in a population n,
 * expressed per `per` people.  Byar's approximation for 10 or more events
 * and the exact Poisson (chi-square) interval below 10, as
 * PHEindicatormethods' phe_rate does.  Pure functions, no I/O.
 */
#ifndef CAIRN_STATS_RATE_H
#define CAIRN_STATS_RATE_H

#include <stdbool.h>

/* Below this many events the exact Poisson interval is used. */
#define STATS_RATE_EXACT_BELOW 10

/* Interval methods for a count; indexes stats_rate_method_name. */
enum stats_rate_method {
	STATS_RATE_EXACT = 0, /* exact Poisson limits from chi-square quantiles */
	STATS_RATE_BYARS,     /* Byar's approximation (Breslow & Day 1987) */
	STATS_RATE__MAX
};
/* Names as printed and stored ("exact", "byars"), by enum. */
extern const char *const stats_rate_method_name[STATS_RATE__MAX];

/* A rate with its interval and the method used. */
struct stats_rate {
	double value;                  /* x / n * per */
	double lower;                  /* lower confidence limit, same scale */
	double upper;                  /* upper confidence limit, same scale */
	enum stats_rate_method method; /* which interval was used */
};

/*
 * Byar's limits for a count x at confidence level (e.g. 0.95).  *lower is
 * NaN when the approximation goes negative (very small x or very high
 * level), as PHE returns NA.  Returns false for x < 0 or a level outside
 * (0, 1).
 */
bool stats_byars(double x, double level, double *lower, double *upper);

/* Exact Poisson limits for a count x: chi-square quantiles with 2x and
 * 2x+2 degrees of freedom, halved; lower is 0 when x is 0. */
bool stats_poisson_exact(double x, double level, double *lower, double *upper);

/*
 * The rate x/n*per with the PHE choice of interval: exact below 10
 * events, Byar's otherwise.  Returns false (leaving *out untouched) when
 * x < 0, n <= 0, per <= 0 or level is not in (0, 1).
 */
bool stats_rate(double x, double n, double per, double level, struct stats_rate *out);

#endif
