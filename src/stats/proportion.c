/* Intervals for a proportion: see proportion.h. */
#include "stats/proportion.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

const char *const stats_ci_method_name[STATS_CI__MAX] = {
	[STATS_CI_WILSON] = "wilson",
	[STATS_CI_WILSON_CC] = "wilson-cc",
	[STATS_CI_EXACT] = "exact",
	[STATS_CI_MIDP] = "midp",
};
_Static_assert(sizeof(stats_ci_method_name) / sizeof(stats_ci_method_name[0]) == STATS_CI__MAX,
    "stats_ci_method_name: one entry per value");

bool
stats_ci_method_parse(const char *name, enum stats_ci_method *out)
{
	for (int m = 0; m < STATS_CI__MAX; m++) {
		if (strcmp(stats_ci_method_name[m], name) == 0) {
			*out = (enum stats_ci_method)m;
			return true;
		}
	}
	return false;
}

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

/* Wilson score interval with continuity correction (Newcombe 1998, method 4). */
static void
wilson_cc(double x, double n, double z, struct stats_prop *out)
{
	double p = x / n, z2 = z * z, denom = 2.0 * (n + z2);
	double lo_arg = z2 - 2.0 - 1.0 / n + 4.0 * p * (n * (1.0 - p) + 1.0);
	double hi_arg = z2 + 2.0 - 1.0 / n + 4.0 * p * (n * (1.0 - p) - 1.0);

	out->estimate = p;
	out->lower = x == 0
	    ? 0.0
	    : fmax(0.0, (2.0 * n * p + z2 - 1.0 - z * sqrt(fmax(0.0, lo_arg))) / denom);
	out->upper = x == n
	    ? 1.0
	    : fmin(1.0, (2.0 * n * p + z2 + 1.0 + z * sqrt(fmax(0.0, hi_arg))) / denom);
}

/* Clopper-Pearson interval from beta quantiles (Newcombe 1998, method 5). */
static void
exact(double x, double n, double alpha, struct stats_prop *out)
{
	out->estimate = x / n;
	out->lower = x == 0 ? 0.0 : gsl_cdf_beta_Pinv(alpha / 2.0, x, n - x + 1.0);
	out->upper = x == n ? 1.0 : gsl_cdf_beta_Qinv(alpha / 2.0, x + 1.0, n - x);
}

/* Mid-p tail: P(X > x) + P(X = x)/2 when upper_tail, else
 * P(X < x) + P(X = x)/2, for X ~ Binomial(n, p). */
static double
midp_tail(unsigned x, unsigned n, double p, bool upper_tail)
{
	double half = 0.5 * gsl_ran_binomial_pdf(x, p, n);

	if (upper_tail)
		return gsl_cdf_binomial_Q(x, p, n) + half;
	return (x == 0 ? 0.0 : gsl_cdf_binomial_P(x - 1, p, n)) + half;
}

/* Mid-p exact interval (Newcombe 1998, method 6): bisection on p. */
static void
midp(unsigned x, unsigned n, double alpha, struct stats_prop *out)
{
	out->estimate = (double)x / (double)n;
	out->lower = 0.0;
	out->upper = 1.0;
	if (x > 0) {
		/* the upper tail rises with p: find where it reaches alpha/2 */
		double lo = 0.0, hi = 1.0;

		for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
			double mid = 0.5 * (lo + hi);

			if (midp_tail(x, n, mid, true) < alpha / 2.0)
				lo = mid;
			else
				hi = mid;
		}
		out->lower = 0.5 * (lo + hi);
	}
	if (x < n) {
		/* the lower tail falls with p */
		double lo = 0.0, hi = 1.0;

		for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
			double mid = 0.5 * (lo + hi);

			if (midp_tail(x, n, mid, false) > alpha / 2.0)
				lo = mid;
			else
				hi = mid;
		}
		out->upper = 0.5 * (lo + hi);
	}
}

bool
stats_proportion(double x, double n, double level, enum stats_ci_method method,
    struct stats_prop *out)
{
	double z;

	if (!(n > 0) || x < 0 || x > n || !(level > 0 && level < 1) || !isfinite(x) || !isfinite(n))
		return false;
	z = stats_norm_quantile(1.0 - (1.0 - level) / 2.0);
	switch (method) {
	case STATS_CI_WILSON: wilson(x, n, z, out); return true;
	case STATS_CI_WILSON_CC: wilson_cc(x, n, z, out); return true;
	case STATS_CI_EXACT:
	case STATS_CI_MIDP:
		if (x != floor(x) || n != floor(n) || n > 1e9)
			return false;
		if (method == STATS_CI_EXACT)
			exact(x, n, 1.0 - level, out);
		else
			midp((unsigned)x, (unsigned)n, 1.0 - level, out);
		return true;
	case STATS_CI__MAX: break;
	}
	return false;
}
