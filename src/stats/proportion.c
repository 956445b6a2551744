/* Intervals for a proportion: see proportion.h. */
#include "stats/proportion.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

const char *const stats_ci_method_name[STATS_CI__MAX] = {
	[STATS_CI_WILSON] = "wilson",
};

double
stats_norm_quantile(double p)
{
	return gsl_cdf_ugaussian_Pinv(p);
}

/* Wilson score interval without continuity correction. */
static void
wilson(double x, double n, double z, struct stats_prop *out)
{
	double p = x / n, z2 = z * z;
	double centre = 2.0 * n * p + z2;
	double half = z * sqrt(z2 + 4.0 * n * p * (1.0 - p));
	double denom = 2.0 * (n + z2);

	out->estimate = p;
	out->lower = x == 0 ? 0.0 : (centre - half) / denom;
	out->upper = x == n ? 1.0 : (centre + half) / denom;
}

bool
stats_proportion(double x, double n, double level, enum stats_ci_method method,
    struct stats_prop *out)
{
	double z;

	if (!(n > 0) || x < 0 || x > n || !(level > 0 && level < 1) || !isfinite(x) ||
	    !isfinite(n))
		return false;
	z = stats_norm_quantile(1.0 - (1.0 - level) / 2.0);
	switch (method) {
	case STATS_CI_WILSON:
		wilson(x, n, z, out);
		return true;
	case STATS_CI__MAX:
		break;
	}
	return false;
}
