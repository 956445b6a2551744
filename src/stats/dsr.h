/*
 * Directly standardised rates (DSR) with Dobson's interval, as
 * PHEindicatormethods phe_dsr: comparing areas with different age
 * structures by applying each area's age-specific rates to one standard
 * population (by default the European Standard Population 2013).  Pure
 * functions, no I/O.
 */
#ifndef CAIRN_STATS_DSR_H
#define CAIRN_STATS_DSR_H

#include <stdbool.h>
#include <stddef.h>

/* Age bands of the European Standard Population 2013. */
#define STATS_ESP2013_BANDS 19

/* The European Standard Population 2013 (Eurostat 2013, Revision of the
 * European Standard Population, table 3.5): 0-4, 5-9, ..., 85-89, 90+,
 * summing to 100,000. */
extern const double stats_esp2013[STATS_ESP2013_BANDS];
/* Its band labels ("0-4", ..., "90+"). */
extern const char *const stats_esp2013_band[STATS_ESP2013_BANDS];

/* Fewest events for which a DSR is given (phe_dsr gives NA below 10). */
#define STATS_DSR_MIN_EVENTS 10

/* A directly standardised rate. */
struct stats_dsr {
	double events;     /* total events O = sum x_i */
	double population; /* total population sum n_i */
	double value;      /* DSR per multiplier */
	double lower;      /* Dobson limits at the level */
	double upper;
	double se; /* standard error of the DSR, per multiplier */
};

/*
 * The DSR of counts x[0..n-1] in populations pop[0..n-1] against the
 * standard stdpop[0..n-1] (weights w), per multiplier (e.g. 100000):
 *     DSR = sum(w x / pop) / sum(w)
 *     var = sum(w^2 x / pop^2) / sum(w)^2
 * and Dobson et al.'s (1991, Stat Med 10:457-462) interval, with Byar's
 * limits (O_L, O_U) for the total O:
 *     DSR + sqrt(var / O) (O_L - O),   DSR + sqrt(var / O) (O_U - O)
 * Refuses with *why (static) when n is 0, a count is negative or not
 * finite, a population or standard weight is not positive, the multiplier
 * is not positive, the total is below STATS_DSR_MIN_EVENTS, or level is
 * not in (0, 1).  Counts may exceed populations (repeated events).
 */
bool stats_dsr_compute(const double *x, const double *pop, const double *stdpop, size_t n,
    double multiplier, double level, struct stats_dsr *out, const char **why);

/* Most event frequencies (distinct numbers of events per person) that a
 * DSR of non-independent events takes. */
#define STATS_DSR_FREQ_MAX 32

/*
 * The DSR of non-independent events, as PHEindicatormethods' calculate_dsr
 * with independent_events = FALSE (a person may have several events).
 * people[i * nfreq + k] is the number of people in band i who had freq[k]
 * events each (freq[k] >= 1, all different).  The events in band i are
 * x_i = sum_k freq[k] people_ik, and the DSR is that of stats_dsr_compute.
 * The variance is that of people rather than of events:
 *     var = sum_k freq[k]^2 sum_i(w_i^2 people_ik / pop_i^2) / sum(w)^2
 * and Dobson's interval uses it in place of the independent variance.
 * Refuses with *why (static) as stats_dsr_compute does, and when nfreq is 0
 * or above STATS_DSR_FREQ_MAX, a frequency is not a whole number of at
 * least 1 or is repeated, or a number of people is negative or not finite.
 * out->events is the total of events, as the DSR's.
 */
bool stats_dsr_nonindependent(const double *people, const double *freq, size_t nfreq,
    const double *pop, const double *stdpop, size_t n, double multiplier, double level,
    struct stats_dsr *out, const char **why);

#endif
