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

bool
stats_dsr_compute(const double *x, const double *pop, const double *stdpop, size_t n,
    double multiplier, double level, struct stats_dsr *out, const char **why)
{
	double sw = 0, o = 0, np = 0, rate = 0, var = 0, ol, ou;

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
		if (!(x[i] >= 0) || !isfinite(x[i])) {
			*why = "every count must be a number of at least 0";
			return false;
		}
		if (!(pop[i] > 0) || !isfinite(pop[i])) {
			*why = "every population must be positive";
			return false;
		}
		if (!(stdpop[i] > 0) || !isfinite(stdpop[i])) {
			*why = "every standard population weight must be positive";
			return false;
		}
		sw += stdpop[i];
		o += x[i];
		np += pop[i];
		rate += stdpop[i] * x[i] / pop[i];
		var += stdpop[i] * stdpop[i] * x[i] / (pop[i] * pop[i]);
	}
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
