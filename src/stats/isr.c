/* Indirectly standardised ratios and rates: see isr.h. */
#include "stats/isr.h"

#include <math.h>
#include <string.h>

/* Checks one band's reference count and population (and population when
 * pop is not NULL); returns false with *why (static). */
static bool
band_ok(const double *pop, double refx, double refn, const char **why)
{
	if (pop != NULL && (!(*pop >= 0) || !isfinite(*pop))) {
		*why = "every population must be a number of at least 0";
		return false;
	}
	if (!(refx >= 0) || !isfinite(refx)) {
		*why = "every reference count must be a number of at least 0";
		return false;
	}
	if (!(refn > 0) || !isfinite(refn)) {
		*why = "every reference population must be positive";
		return false;
	}
	return true;
}

bool
stats_isr_expected(const double *pop, const double *refx, const double *refn, size_t n,
    double *expected, const char **why)
{
	double e = 0;

	*why = NULL;
	if (n == 0) {
		*why = "an indirectly standardised ratio needs at least one age band";
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!band_ok(&pop[i], refx[i], refn[i], why))
			return false;
		e += refx[i] / refn[i] * pop[i];
	}
	*expected = e;
	return true;
}

bool
stats_isr_ref_rate(const double *refx, const double *refn, size_t n, double *rate, const char **why)
{
	double sx = 0, sn = 0;

	*why = NULL;
	if (n == 0) {
		*why = "an indirectly standardised rate needs at least one age band";
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!band_ok(NULL, refx[i], refn[i], why))
			return false;
		sx += refx[i];
		sn += refn[i];
	}
	*rate = sx / sn;
	return true;
}

bool
stats_isr(double observed, double expected, double scale, double level, struct stats_isr *out,
    const char **why)
{
	double lo, hi;
	enum stats_rate_method m;

	*why = NULL;
	if (!(observed >= 0) || !isfinite(observed)) {
		*why = "the observed count must be a number of at least 0";
		return false;
	}
	if (!(expected > 0) || !isfinite(expected)) {
		*why = "no events are expected (the populations are 0 wherever the reference has "
		       "events)";
		return false;
	}
	if (!(scale > 0) || !isfinite(scale)) {
		*why = "the scale (reference value, or reference rate times the multiplier) must "
		       "be positive";
		return false;
	}
	if (!(level > 0 && level < 1)) {
		*why = "the confidence level must be between 0 and 1";
		return false;
	}
	m = observed < STATS_RATE_EXACT_BELOW ? STATS_RATE_EXACT : STATS_RATE_BYARS;
	if (m == STATS_RATE_EXACT ? !stats_poisson_exact(observed, level, &lo, &hi)
	                          : !stats_byars(observed, level, &lo, &hi) || !isfinite(lo)) {
		*why = "the interval could not be computed";
		return false;
	}
	memset(out, 0, sizeof(*out));
	out->observed = observed;
	out->expected = expected;
	out->value = observed / expected * scale;
	out->lower = lo / expected * scale;
	out->upper = hi / expected * scale;
	out->method = m;
	return true;
}
