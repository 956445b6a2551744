/* Directly standardised rates: see dsr.h. */
#include "stats/dsr.h"

#include <math.h>
#include <string.h>

#include "stats/rate.h"

const double stats_esp2013[STATS_ESP2013_BANDS] = { 5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000,
	7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000 };

const char *const stats_esp2013_band[STATS_ESP2013_BANDS] = { "0-4", "5-9", "10-14", "15-19",
	"20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69",
	"70-74", "75-79", "80-84", "85-89", "90+" };

/* Checks the level, the multiplier and every band's population and
 * standard weight; returns false with *why (static) on the first fault. */
static bool
dsr_check(const double *pop, const double *stdpop, size_t n, double multiplier, double level,
    const char **why)
{
	*why = NULL;
	if (n == 0) {
		*why = "a DSR needs at least one age band";
		return false;
	}
	if (!(level > 0 && level < 1)) {
		*why = "the confidence level must be between 0 and 1";
		return false;
	}
	if (!(multiplier > 0) || !isfinite(multiplier)) {
		*why = "the multiplier must be a positive number";
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!(pop[i] > 0) || !isfinite(pop[i])) {
			*why = "every population must be positive";
			return false;
		}
		if (!(stdpop[i] > 0) || !isfinite(stdpop[i])) {
			*why = "every standard population weight must be positive";
			return false;
		}
	}
	return true;
}

/* Fills *out from the total events o, total population np, the weighted
 * sum of rates, the variance sum and the sum of weights sw (var and rate
 * not yet divided by sw); Dobson's interval with Byar's limits for o.
 * Returns false with *why (static) below STATS_DSR_MIN_EVENTS events. */
static bool
dsr_finish(double o, double np, double rate, double var, double sw, double multiplier, double level,
    struct stats_dsr *out, const char **why)
{
	double ol, ou;

	if (o < STATS_DSR_MIN_EVENTS) {
		*why = "a DSR needs at least 10 events in total (PHE gives none below 10)";
		return false;
	}
	if (!stats_byars(o, level, &ol, &ou) || !isfinite(ol)) {
		*why = "the interval could not be computed";
		return false;
	}
	memset(out, 0, sizeof(*out));
	out->events = o;
	out->population = np;
	out->value = rate / sw * multiplier;
	var /= sw * sw;
	out->se = sqrt(var) * multiplier;
	out->lower = out->value + sqrt(var / o) * (ol - o) * multiplier;
	out->upper = out->value + sqrt(var / o) * (ou - o) * multiplier;
	return true;
}

bool
stats_dsr_compute(const double *x, const double *pop, const double *stdpop, size_t n,
    double multiplier, double level, struct stats_dsr *out, const char **why)
{
	double sw = 0, o = 0, np = 0, rate = 0, var = 0;

	if (!dsr_check(pop, stdpop, n, multiplier, level, why))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!(x[i] >= 0) || !isfinite(x[i])) {
			*why = "every count must be a number of at least 0";
			return false;
		}
		sw += stdpop[i];
		o += x[i];
		np += pop[i];
		rate += stdpop[i] * x[i] / pop[i];
		var += stdpop[i] * stdpop[i] * x[i] / (pop[i] * pop[i]);
	}
	return dsr_finish(o, np, rate, var, sw, multiplier, level, out, why);
}

bool
stats_dsr_nonindependent(const double *people, const double *freq, size_t nfreq, const double *pop,
    const double *stdpop, size_t n, double multiplier, double level, struct stats_dsr *out,
    const char **why)
{
	double sw = 0, o = 0, np = 0, rate = 0, var = 0;

	if (!dsr_check(pop, stdpop, n, multiplier, level, why))
		return false;
	if (nfreq == 0 || nfreq > STATS_DSR_FREQ_MAX) {
		*why = "a DSR of non-independent events needs 1 to 32 event frequencies";
		return false;
	}
	for (size_t k = 0; k < nfreq; k++) {
		if (!(freq[k] >= 1) || !isfinite(freq[k]) || freq[k] != floor(freq[k])) {
			*why = "every event frequency must be a whole number of at least 1";
			return false;
		}
		for (size_t j = 0; j < k; j++)
			if (freq[j] == freq[k]) {
				*why = "an event frequency is given twice";
				return false;
			}
	}
	for (size_t i = 0; i < n; i++) {
		double xi = 0, vi = 0;

		for (size_t k = 0; k < nfreq; k++) {
			double p = people[i * nfreq + k];

			if (!(p >= 0) || !isfinite(p)) {
				*why = "every number of people must be a number of at least 0";
				return false;
			}
			xi += freq[k] * p;
			vi += freq[k] * freq[k] * p;
		}
		sw += stdpop[i];
		o += xi;
		np += pop[i];
		rate += stdpop[i] * xi / pop[i];
		var += stdpop[i] * stdpop[i] * vi / (pop[i] * pop[i]);
	}
	return dsr_finish(o, np, rate, var, sw, multiplier, level, out, why);
}
