/*
 * Indirectly standardised ratios and rates, as PHEindicatormethods'
 * calculate_ISRatio and calculate_ISRate: an area's observed events
 * against those expected had its population in each age band had the
 * reference population's rate there.  Byar's interval for 10 or more
 * observed events, the exact Poisson interval below.  Pure functions, no
 * I/O.
 */
#ifndef CAIRN_STATS_ISR_H
#define CAIRN_STATS_ISR_H

#include <stdbool.h>
#include <stddef.h>

#include "stats/rate.h"

/* An indirectly standardised ratio or rate. */
struct stats_isr {
	double observed; /* O, the area's events */
	double expected; /* E = sum(refx_i / refn_i * pop_i) */
	double value;    /* O / E * scale */
	double lower;    /* limits at the level, same scale */
	double upper;
	enum stats_rate_method method; /* exact below 10 observed, else Byar's */
};

/*
 * The expected events E = sum_i refx[i] / refn[i] * pop[i] over n bands,
 * into *expected.  A blank band is the caller's 0 (PHE reads a missing
 * population or reference count as 0).  Returns false with *why (static)
 * when n is 0, a population or reference count is negative or not
 * finite, or a reference population is not positive.
 */
bool stats_isr_expected(const double *pop, const double *refx, const double *refn, size_t n,
    double *expected, const char **why);

/*
 * The reference rate sum(refx) / sum(refn) over n bands into *rate (per
 * person; calculate_ISRate's ref_rate is this times its multiplier).
 * Returns false with *why (static) under the same conditions as
 * stats_isr_expected.
 */
bool stats_isr_ref_rate(const double *refx, const double *refn, size_t n, double *rate,
    const char **why);

/*
 * The indirectly standardised value O / E * scale with its interval: the
 * limits of O (exact chi-square limits below STATS_RATE_EXACT_BELOW
 * events, Byar's otherwise) divided by E and times scale.  For the ratio
 * scale is the reference value (1, or 100 for a percentage); for the rate
 * it is the reference rate times the multiplier (e.g. per 100,000).
 * Returns false with *why (static) when O is negative or not finite, E
 * is not positive, scale is not positive or level is not in (0, 1).
 */
bool stats_isr(double observed, double expected, double scale, double level, struct stats_isr *out,
    const char **why);

#endif
