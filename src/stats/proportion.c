/* Intervals for a proportion: see proportion.h. */
#include "stats/proportion.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_roots.h>
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

/* The beta CDF's distance from its target, for root-finding: params
 * are { p, a, b, upper }; returns P(X <= x) - p, or p - P(X > x) when
 * upper (both rise with x). */
static double
beta_tail(double x, void *params)
{
	const double *q = params;

	if (q[3] != 0.0)
		return q[0] - gsl_cdf_beta_Q(x, q[1], q[2]);
	return gsl_cdf_beta_P(x, q[1], q[2]) - q[0];
}

/*
 * The beta quantile: the x in [0, 1] where P(X <= x) = p for X ~ Beta(a, b),
 * or P(X > x) = p when upper.  GSL's inverse (gsl_cdf_beta_Pinv/Qinv) is
 * not used: it fails to converge for some small p (issue 19) and runs for
 * minutes when a and b are in the millions.  The root is bracketed in
 * [0, 1] and found by Brent's method on the beta CDF (gsl_cdf_beta_P/Q),
 * to a relative tolerance of 4e-16.  Returns NaN when no root is found.
 */
static double
beta_quantile(double p, double a, double b, bool upper)
{
	gsl_root_fsolver *s;
	gsl_function f;
	double params[4] = { p, a, b, upper ? 1.0 : 0.0 }, lo = 0.0, hi = 1.0, r = NAN;
	int status = GSL_CONTINUE;

	f.function = beta_tail;
	f.params = params;
	s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
	if (s == NULL || gsl_root_fsolver_set(s, &f, lo, hi) != GSL_SUCCESS) {
		gsl_root_fsolver_free(s);
		return NAN;
	}
	for (int i = 0; i < 1000 && status == GSL_CONTINUE; i++) {
		if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
			break;
		r = gsl_root_fsolver_root(s);
		lo = gsl_root_fsolver_x_lower(s);
		hi = gsl_root_fsolver_x_upper(s);
		status = gsl_root_test_interval(lo, hi, 0.0, 4e-16);
		if (beta_tail(r, params) == 0.0)
			status = GSL_SUCCESS;
	}
	gsl_root_fsolver_free(s);
	return status == GSL_SUCCESS && r >= 0.0 && r <= 1.0 ? r : NAN;
}

/* Clopper-Pearson interval from beta quantiles (Newcombe 1998, method 5).
 * Returns false when a quantile cannot be found. */
static bool
exact(double x, double n, double alpha, struct stats_prop *out)
{
	double lower = x == 0 ? 0.0 : beta_quantile(alpha / 2.0, x, n - x + 1.0, false);
	double upper = x == n ? 1.0 : beta_quantile(alpha / 2.0, x + 1.0, n - x, true);

	if (!isfinite(lower) || !isfinite(upper))
		return false;
	out->estimate = x / n;
	out->lower = lower;
	out->upper = upper;
	return true;
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

/* Mid-p exact interval (Newcombe 1998, method 6): bisection on p.
 * Returns false when a binomial tail cannot be computed (NaN). */
static bool
midp(unsigned x, unsigned n, double alpha, struct stats_prop *out)
{
	double lower = 0.0, upper = 1.0;

	if (x > 0) {
		/* the upper tail rises with p: find where it reaches alpha/2 */
		double lo = 0.0, hi = 1.0;

		for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
			double mid = 0.5 * (lo + hi), tail = midp_tail(x, n, mid, true);

			if (isnan(tail))
				return false;
			if (tail < alpha / 2.0)
				lo = mid;
			else
				hi = mid;
		}
		lower = 0.5 * (lo + hi);
	}
	if (x < n) {
		/* the lower tail falls with p */
		double lo = 0.0, hi = 1.0;

		for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
			double mid = 0.5 * (lo + hi), tail = midp_tail(x, n, mid, false);

			if (isnan(tail))
				return false;
			if (tail > alpha / 2.0)
				lo = mid;
			else
				hi = mid;
		}
		upper = 0.5 * (lo + hi);
	}
	out->estimate = (double)x / (double)n;
	out->lower = lower;
	out->upper = upper;
	return true;
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
			return exact(x, n, 1.0 - level, out);
		return midp((unsigned)x, (unsigned)n, 1.0 - level, out);
	case STATS_CI__MAX: break;
	}
	return false;
}

bool
stats_proportion_diff(double x1, double n1, double x2, double n2, double level,
    struct stats_prop_diff *out)
{
	struct stats_prop a, b;
	double d;

	if (!stats_proportion(x1, n1, level, STATS_CI_WILSON, &a) ||
	    !stats_proportion(x2, n2, level, STATS_CI_WILSON, &b))
		return false;
	d = a.estimate - b.estimate;
	out->diff = d;
	out->lower = d - hypot(a.estimate - a.lower, b.upper - b.estimate);
	out->upper = d + hypot(a.upper - a.estimate, b.estimate - b.lower);
	return true;
}

bool
stats_beta_interval(double x, double n, double level, struct stats_prop *out)
{
	if (!(n > 0) || !isfinite(n) || !(x >= 0) || x > n || !(level > 0 && level < 1))
		return false;
	return exact(x, n, 1.0 - level, out);
}
