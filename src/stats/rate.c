/* Rates with Byar's and exact Poisson intervals: see rate.h. */
#include "stats/rate.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

#include "stats/proportion.h"

const char *const stats_rate_method_name[STATS_RATE__MAX] = {
	[STATS_RATE_EXACT] = "exact",
	[STATS_RATE_BYARS] = "byars",
};
_Static_assert(sizeof(stats_rate_method_name) / sizeof(stats_rate_method_name[0]) ==
        STATS_RATE__MAX,
    "stats_rate_method_name: one entry per value");

/* Returns true if level is a usable confidence level. */
static bool
level_ok(double level)
{
	return level > 0 && level < 1;
}

bool
stats_byars(double x, double level, double *lower, double *upper)
{
	double z, lo, c;

	if (!(x >= 0) || !isfinite(x) || !level_ok(level))
		return false;
	z = stats_norm_quantile(1.0 - (1.0 - level) / 2.0);
	if (x > 0) {
		c = 1.0 - 1.0 / (9.0 * x) - z / (3.0 * sqrt(x));
		lo = x * c * c * c;
	} else {
		lo = NAN;
	}
	*lower = lo >= 0 ? lo : NAN;
	c = 1.0 - 1.0 / (9.0 * (x + 1.0)) + z / (3.0 * sqrt(x + 1.0));
	*upper = (x + 1.0) * c * c * c;
	return true;
}

bool
stats_poisson_exact(double x, double level, double *lower, double *upper)
{
	double alpha = 1.0 - level;

	if (!(x >= 0) || !isfinite(x) || !level_ok(level))
		return false;
	*lower = x > 0 ? gsl_cdf_chisq_Pinv(alpha / 2.0, 2.0 * x) / 2.0 : 0.0;
	*upper = gsl_cdf_chisq_Pinv(1.0 - alpha / 2.0, 2.0 * x + 2.0) / 2.0;
	/* GSL's handler is off: a failed inverse is a NaN, never an abort. */
	return isfinite(*lower) && isfinite(*upper);
}

bool
stats_rate(double x, double n, double per, double level, struct stats_rate *out)
{
	double lo, hi;
	enum stats_rate_method m;

	if (!(n > 0) || !(per > 0) || !isfinite(n) || !isfinite(per))
		return false;
	m = x < STATS_RATE_EXACT_BELOW ? STATS_RATE_EXACT : STATS_RATE_BYARS;
	if (m == STATS_RATE_EXACT ? !stats_poisson_exact(x, level, &lo, &hi)
	                          : !stats_byars(x, level, &lo, &hi))
		return false;
	out->value = x / n * per;
	out->lower = lo / n * per;
	out->upper = hi / n * per;
	out->method = m;
	return true;
}
