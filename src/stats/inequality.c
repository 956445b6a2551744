/* Inequality measures between deprivation groups: see inequality.h. */
#include "stats/inequality.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "stats/proportion.h"
#include "stats/rng.h"

const struct stats_sii_convention_info stats_sii_convention_table[STATS_SII__MAX] = {
	[STATS_SII_SCOTPHO] = { "scotpho", "ScotPHO (calculate_inequality_measures.R)",
	    "minus the slope from the most to the least deprived: positive when values are higher "
	    "in the more deprived groups",
	    "SII divided by the overall value" },
	[STATS_SII_PHE] = { "phe", "PHE (PHEindicatormethods phe_sii)",
	    "the slope from the most to the least deprived (fitted least minus fitted most "
	    "deprived), times the multiplier",
	    "fitted value at the least deprived end divided by that at the most deprived end" },
};
_Static_assert(sizeof(stats_sii_convention_table) / sizeof(stats_sii_convention_table[0]) ==
        STATS_SII__MAX,
    "stats_sii_convention_table: one entry per value");

const char *const stats_scale_name[STATS_SCALE__MAX] = {
	[STATS_SCALE_NORMAL] = "normal",
	[STATS_SCALE_RATE] = "rate",
	[STATS_SCALE_PROPORTION] = "proportion",
};
_Static_assert(sizeof(stats_scale_name) / sizeof(stats_scale_name[0]) == STATS_SCALE__MAX,
    "stats_scale_name: one entry per value");

const char *const stats_trend_verdict_name[STATS_TREND__MAX] = {
	[STATS_TREND_NO_CLEAR_CHANGE] = "no clear change",
	[STATS_TREND_NARROWING] = "narrowing",
	[STATS_TREND_WIDENING] = "widening",
};
_Static_assert(sizeof(stats_trend_verdict_name) / sizeof(stats_trend_verdict_name[0]) ==
        STATS_TREND__MAX,
    "stats_trend_verdict_name: one entry per value");

int
stats_sii_convention_parse(const char *code)
{
	for (int i = 0; i < STATS_SII__MAX; i++)
		if (code != NULL && strcmp(code, stats_sii_convention_table[i].code) == 0)
			return i;
	return -1;
}

void
stats_sii_defaults(struct stats_sii_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->convention = STATS_SII_SCOTPHO;
	o->scale = STATS_SCALE_NORMAL;
	o->multiplier = 1.0;
	o->level = 0.95;
	o->overall = NAN;
	o->seed = 1;
}

/* Maps a value to the scale on which its interval is symmetric. */
static double
to_scale(enum stats_scale s, double v)
{
	switch (s) {
	case STATS_SCALE_RATE: return log(v);
	case STATS_SCALE_PROPORTION: return log(v / (1.0 - v));
	case STATS_SCALE_NORMAL:
	case STATS_SCALE__MAX: break;
	}
	return v;
}

/* The inverse of to_scale(). */
static double
from_scale(enum stats_scale s, double t)
{
	switch (s) {
	case STATS_SCALE_RATE: return exp(t);
	case STATS_SCALE_PROPORTION: return 1.0 / (1.0 + exp(-t));
	case STATS_SCALE_NORMAL:
	case STATS_SCALE__MAX: break;
	}
	return t;
}

/*
 * Checks groups g[0..n-1] and copies them into sorted[0..n-1] in group
 * order (1 first); returns false with *why on a missing, repeated or
 * invalid group.
 */
static bool
order_groups(const struct stats_group *g, size_t n, struct stats_group *sorted, const char **why)
{
	bool seen[STATS_GROUPS_MAX + 1];

	if (n < STATS_GROUPS_MIN || n > STATS_GROUPS_MAX) {
		*why = "the SII needs every deprivation group: 5 (quintiles) to 100";
		return false;
	}
	memset(seen, 0, sizeof(seen));
	for (size_t i = 0; i < n; i++) {
		if (g[i].group < 1 || (size_t)g[i].group > n) {
			*why = "a group is missing: groups must be numbered 1 (most deprived) to N "
			       "with "
			       "none left out";
			return false;
		}
		if (seen[g[i].group]) {
			*why = "a group appears twice";
			return false;
		}
		if (!(g[i].population > 0) || !isfinite(g[i].population)) {
			*why = "every group needs a positive population";
			return false;
		}
		if (!isfinite(g[i].value)) {
			*why = "every group needs a value";
			return false;
		}
		seen[g[i].group] = true;
		sorted[g[i].group - 1] = g[i];
	}
	return true;
}

/* Computes each group's population share a[i] and relative rank x[i]
 * (midpoint of its cumulative share, most deprived first). */
static void
ranks(const struct stats_group *s, size_t n, double *a, double *x)
{
	double total = 0, cum = 0;

	for (size_t i = 0; i < n; i++)
		total += s[i].population;
	for (size_t i = 0; i < n; i++) {
		a[i] = s[i].population / total;
		x[i] = cum + a[i] / 2.0;
		cum += a[i];
	}
}

/* Turns a fitted intercept and slope (fitting scale) into the SII and RII
 * of convention o; overall is the ScotPHO denominator. */
static void
measures(const struct stats_sii_opts *o, double overall, double ic, double sl, double *sii,
    double *rii)
{
	if (o->convention == STATS_SII_SCOTPHO) {
		*sii = -sl;
		*rii = *sii == 0 ? 0.0 : *sii / overall;
		return;
	}
	if (o->transform) {
		double y0 = from_scale(o->scale, ic), y1 = from_scale(o->scale, ic + sl);

		*sii = o->multiplier * (y1 - y0);
		*rii = y1 / y0;
	} else {
		*sii = o->multiplier * sl;
		*rii = (ic + sl) / ic;
	}
	if (o->multiplier < 0)
		*rii = 1.0 / *rii;
}

/* Sorts doubles ascending (qsort callback). */
static int
cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* Returns the PHE simulated limit at 1-based position round(reps*q) of
 * the sorted draws v[0..reps-1]. */
static double
sim_pick(const double *v, long reps, double q)
{
	double pos = nearbyint((double)reps * q);

	if (pos < 1)
		pos = 1;
	if (pos > (double)reps)
		pos = (double)reps;
	return v[(long)pos - 1];
}

/* Returns a standard normal deviate by inversion of one uniform draw. */
static double
normal(struct stats_rng *r)
{
	double u;

	do
		u = stats_rng_uniform(r);
	while (u == 0.0);
	return stats_norm_quantile(u);
}

/*
 * The PHE simulation: draws every group's value from a normal
 * distribution on its symmetric scale (mean the value, standard error
 * from its 95% limits), refits, and takes the percentiles of the SII and
 * RII.  m0[i], m1[i] map the values to the fitted intercept and slope.
 * With the transform (phe_sii transform = TRUE, as issue 19 describes
 * it), the percentiles are those of the slope on the log/logit scale,
 * each back-transformed around the fitted midpoint fit_ic + fit_sl/2:
 * SII = f(mid + L/2) - f(mid - L/2), RII = f(mid + L/2) / f(mid - L/2).
 * Random numbers: Cairn's seeded xoshiro256** (stats/rng.h) seeded with
 * o->seed; each normal deviate is the standard normal quantile of one
 * uniform draw (inversion; a draw of exactly 0 is skipped), so the same
 * seed gives the same limits on every machine.
 */
static void
simulate(const struct stats_group *s, size_t n, const double *m0, const double *m1,
    const struct stats_sii_opts *o, double overall, double fit_ic, double fit_sl,
    struct stats_sii *out)
{
	double mean[STATS_GROUPS_MAX], se[STATS_GROUPS_MAX];
	double z95 = stats_norm_quantile(0.975), cv = o->level + (1.0 - o->level) / 2.0;
	double *sv, *rv;
	struct stats_rng r;

	for (size_t i = 0; i < n; i++) {
		if (!isfinite(s[i].lower) || !isfinite(s[i].upper))
			return;
		mean[i] = to_scale(o->scale, s[i].value);
		se[i] =
		    (to_scale(o->scale, s[i].upper) - to_scale(o->scale, s[i].lower)) / z95 / 2.0;
		if (!isfinite(mean[i]) || !(se[i] >= 0))
			return;
	}
	sv = xcalloc((size_t)o->reps, sizeof(double));
	rv = xcalloc((size_t)o->reps, sizeof(double));
	stats_rng_seed(&r, o->seed);
	for (long k = 0; k < o->reps; k++) {
		double ic = 0, sl = 0;

		for (size_t i = 0; i < n; i++) {
			double t = mean[i] + se[i] * normal(&r);
			double y = o->transform ? t : from_scale(o->scale, t);

			ic += m0[i] * y;
			sl += m1[i] * y;
		}
		if (o->transform)
			sv[k] = sl; /* the slope on the log/logit scale */
		else
			measures(o, overall, ic, sl, &sv[k], &rv[k]);
	}
	qsort(sv, (size_t)o->reps, sizeof(double), cmp_double);
	if (o->transform) {
		/* Percentiles of the slope, each back-transformed around the fitted
		 * midpoint (rank 1/2): the SII and RII are monotone in the slope. */
		double mid = fit_ic + fit_sl / 2.0, lo[2], hi[2];
		double l = sim_pick(sv, o->reps, 1.0 - cv), u = sim_pick(sv, o->reps, cv);

		measures(o, overall, mid - l / 2.0, l, &lo[0], &lo[1]);
		measures(o, overall, mid - u / 2.0, u, &hi[0], &hi[1]);
		out->sim_sii_lower = fmin(lo[0], hi[0]);
		out->sim_sii_upper = fmax(lo[0], hi[0]);
		out->sim_rii_lower = fmin(lo[1], hi[1]);
		out->sim_rii_upper = fmax(lo[1], hi[1]);
	} else {
		qsort(rv, (size_t)o->reps, sizeof(double), cmp_double);
		out->sim_sii_lower = sim_pick(sv, o->reps, 1.0 - cv);
		out->sim_sii_upper = sim_pick(sv, o->reps, cv);
		out->sim_rii_lower = sim_pick(rv, o->reps, 1.0 - cv);
		out->sim_rii_upper = sim_pick(rv, o->reps, cv);
	}
	out->simulated = true;
	free(sv);
	free(rv);
}

/* Delta-method interval of f(ic, sl) with covariance v (2x2, row-major)
 * and critical value t; which picks the SII (0) or the RII (1). */
static void
delta_interval(const struct stats_sii_opts *o, double overall, double ic, double sl,
    const double v[4], double t, int which, double *lo, double *hi)
{
	double f0, g[2], hstep[2], sii, rii, var;
	double p[2] = { ic, sl };

	measures(o, overall, ic, sl, &sii, &rii);
	f0 = which ? rii : sii;
	for (int j = 0; j < 2; j++) {
		double q[2] = { p[0], p[1] }, fp, fm;

		hstep[j] = 1e-6 * (fabs(p[j]) > 1 ? fabs(p[j]) : 1.0);
		q[j] = p[j] + hstep[j];
		measures(o, overall, q[0], q[1], &sii, &rii);
		fp = which ? rii : sii;
		q[j] = p[j] - hstep[j];
		measures(o, overall, q[0], q[1], &sii, &rii);
		fm = which ? rii : sii;
		g[j] = (fp - fm) / (2.0 * hstep[j]);
	}
	var = g[0] * g[0] * v[0] + 2.0 * g[0] * g[1] * v[1] + g[1] * g[1] * v[3];
	*lo = f0 - t * sqrt(var);
	*hi = f0 + t * sqrt(var);
}

/*
 * The SII's standard error from the groups' sampling errors se[0..n-1]
 * (group order, value units): the fitted intercept and slope are linear
 * in the fitted values (m0, m1), so their covariance is sum(m m' se^2),
 * with se moved to the log/logit scale (se/v, se/(v(1-v))) when the fit is
 * transformed; the SII is minus (ScotPHO) or multiplier times (PHE) the
 * slope, or, transformed, a function of both (delta method).  NaN when a
 * standard error is missing or negative.
 */
static double
sampling_se(const struct stats_group *s, const double *se, size_t n, const double *m0,
    const double *m1, const struct stats_sii_opts *o, double overall, double ic, double sl)
{
	bool fit_scale = o->convention == STATS_SII_PHE && o->transform;
	double v[4] = { 0, 0, 0, 0 }, lo, hi;

	for (size_t i = 0; i < n; i++) {
		double e = se[i], val = s[i].value;

		if (!isfinite(e) || !(e >= 0))
			return NAN;
		if (fit_scale && o->scale == STATS_SCALE_RATE)
			e /= val;
		else if (fit_scale && o->scale == STATS_SCALE_PROPORTION)
			e /= val * (1.0 - val);
		v[0] += m0[i] * m0[i] * e * e;
		v[1] += m0[i] * m1[i] * e * e;
		v[3] += m1[i] * m1[i] * e * e;
	}
	v[2] = v[1];
	if (o->convention == STATS_SII_SCOTPHO)
		return sqrt(v[3]);
	if (!fit_scale)
		return fabs(o->multiplier) * sqrt(v[3]);
	delta_interval(o, overall, ic, sl, v, 1.0, 0, &lo, &hi);
	return (hi - lo) / 2.0;
}

bool
stats_sii(const struct stats_group *g, size_t n, const struct stats_sii_opts *o,
    struct stats_sii *out, const char **why)
{
	struct stats_group s[STATS_GROUPS_MAX];
	double a[STATS_GROUPS_MAX], x[STATS_GROUPS_MAX], m0[STATS_GROUPS_MAX], m1[STATS_GROUPS_MAX];
	double se[STATS_GROUPS_MAX];
	double overall = 0, chisq, v[4], t, ic, sl, lo, hi;
	gsl_matrix *X = NULL, *cov = NULL;
	gsl_vector *y = NULL, *w = NULL, *c = NULL;
	gsl_multifit_linear_workspace *ws = NULL;
	gsl_error_handler_t *old;
	bool ok = false;
	int grc;

	*why = NULL;
	if (!order_groups(g, n, s, why))
		return false;
	if (!(o->level > 0 && o->level < 1)) {
		*why = "the confidence level must be between 0 and 1";
		return false;
	}
	if (o->convention == STATS_SII_PHE && (!isfinite(o->multiplier) || o->multiplier == 0)) {
		*why = "the multiplier must be a non-zero number";
		return false;
	}
	ranks(s, n, a, x);
	for (size_t i = 0; i < n; i++)
		overall += a[i] * s[i].value;
	if (isfinite(o->overall))
		overall = o->overall;
	memset(out, 0, sizeof(*out));
	out->convention = o->convention;
	out->ngroups = n;
	out->level = o->level;
	out->overall = overall;
	out->sim_sii_lower = out->sim_sii_upper = out->sim_rii_lower = out->sim_rii_upper = NAN;
	out->se_sampling = NAN;
	for (size_t i = 0; o->group_se != NULL && i < n; i++)
		se[g[i].group - 1] = o->group_se[i];

	X = gsl_matrix_alloc(n, 2);
	y = gsl_vector_alloc(n);
	w = gsl_vector_alloc(n);
	c = gsl_vector_alloc(2);
	cov = gsl_matrix_alloc(2, 2);
	ws = gsl_multifit_linear_alloc(n, 2);
	for (size_t i = 0; i < n; i++) {
		bool fit_scale = o->convention == STATS_SII_PHE && o->transform;
		double yi = fit_scale ? to_scale(o->scale, s[i].value) : s[i].value;

		if (!isfinite(yi)) {
			*why = "a value is outside the range of the log/logit transform";
			goto out;
		}
		gsl_matrix_set(X, i, 0, 1.0);
		gsl_matrix_set(X, i, 1, x[i]);
		gsl_vector_set(y, i, yi);
		gsl_vector_set(w, i, a[i]);
	}
	old = gsl_set_error_handler_off();
	grc = gsl_multifit_wlinear(X, w, y, c, cov, &chisq, ws);
	gsl_set_error_handler(old);
	if (grc != GSL_SUCCESS) {
		*why = "the regression could not be fitted";
		goto out;
	}
	ic = gsl_vector_get(c, 0);
	sl = gsl_vector_get(c, 1);
	/* wlinear's covariance is (X'WX)^-1; lm scales it by the residual variance. */
	for (int i = 0; i < 4; i++)
		v[i] =
		    gsl_matrix_get(cov, (size_t)(i / 2), (size_t)(i % 2)) * chisq / (double)(n - 2);
	for (size_t i = 0; i < n; i++) {
		m0[i] = (gsl_matrix_get(cov, 0, 0) + gsl_matrix_get(cov, 0, 1) * x[i]) * a[i];
		m1[i] = (gsl_matrix_get(cov, 1, 0) + gsl_matrix_get(cov, 1, 1) * x[i]) * a[i];
	}
	out->slope = sl;
	out->se_slope = sqrt(v[3]);
	out->intercept =
	    o->convention == STATS_SII_PHE && o->transform ? from_scale(o->scale, ic) : ic;
	measures(o, overall, ic, sl, &out->sii, &out->rii);
	t = gsl_cdf_tdist_Pinv(1.0 - (1.0 - o->level) / 2.0, (double)(n - 2));
	if (o->convention == STATS_SII_SCOTPHO) {
		out->sii_lower = -(sl + t * out->se_slope);
		out->sii_upper = -(sl - t * out->se_slope);
		lo = out->sii_lower / overall;
		hi = out->sii_upper / overall;
		out->rii_lower = lo < hi ? lo : hi;
		out->rii_upper = lo < hi ? hi : lo;
	} else {
		delta_interval(o, overall, ic, sl, v, t, 0, &out->sii_lower, &out->sii_upper);
		delta_interval(o, overall, ic, sl, v, t, 1, &out->rii_lower, &out->rii_upper);
	}
	if (o->group_se != NULL)
		out->se_sampling = sampling_se(s, se, n, m0, m1, o, overall, ic, sl);
	if (o->reps > 0)
		simulate(s, n, m0, m1, o, overall, ic, sl, out);
	ok = true;
out:
	gsl_multifit_linear_free(ws);
	gsl_matrix_free(cov);
	gsl_vector_free(c);
	gsl_vector_free(w);
	gsl_vector_free(y);
	gsl_matrix_free(X);
	return ok;
}

bool
stats_ranges(const struct stats_group *g, size_t n, struct stats_ranges *out, const char **why)
{
	struct stats_group s[STATS_GROUPS_MAX];
	double a[STATS_GROUPS_MAX], x[STATS_GROUPS_MAX], sum = 0;

	*why = NULL;
	if (!order_groups(g, n, s, why))
		return false;
	ranks(s, n, a, x);
	out->most = s[0].value;
	out->least = s[n - 1].value;
	out->abs_range = out->most - out->least;
	if (out->least == 0) {
		out->rel_range = NAN;
		out->par = NAN;
		return true;
	}
	out->rel_range = out->most / out->least;
	for (size_t i = 0; i < n; i++)
		sum += (s[i].value / out->least - 1.0) * a[i];
	out->par = sum / (sum + 1.0) * 100.0;
	return true;
}

bool
stats_sii_trend(const double *t, const double *sii, const double *se, size_t n, double level,
    struct stats_trend *out, const char **why)
{
	double z, sw = 0, st = 0, sy = 0, stt = 0, sty = 0, chisq = 0, tbar, ybar, var, crit;
	bool weighted = se != NULL;

	*why = NULL;
	if (n < 2) {
		*why = "a trend needs at least two periods with an SII";
		return false;
	}
	if (!(level > 0 && level < 1)) {
		*why = "the confidence level must be between 0 and 1";
		return false;
	}
	z = stats_norm_quantile(1.0 - (1.0 - level) / 2.0);
	for (size_t i = 0; weighted && i < n; i++)
		if (!isfinite(se[i]) || !(se[i] > 0))
			weighted = false;
	if (!weighted && n < 3) {
		*why = "a trend without the sampling error of every period needs at least three "
		       "periods";
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		double wi = weighted ? 1.0 / (se[i] * se[i]) : 1.0;

		if (!isfinite(t[i]) || !isfinite(sii[i])) {
			*why = "every period needs a date and an SII";
			return false;
		}
		sw += wi;
		st += wi * t[i];
		sy += wi * sii[i];
	}
	tbar = st / sw;
	ybar = sy / sw;
	for (size_t i = 0; i < n; i++) {
		double wi = weighted ? 1.0 / (se[i] * se[i]) : 1.0;

		stt += wi * (t[i] - tbar) * (t[i] - tbar);
		sty += wi * (t[i] - tbar) * (sii[i] - ybar);
	}
	if (!(stt > 0)) {
		*why = "the periods must differ";
		return false;
	}
	memset(out, 0, sizeof(*out));
	out->n = n;
	out->weighted = weighted;
	out->change = sty / stt;
	for (size_t i = 0; i < n; i++) {
		double wi = weighted ? 1.0 / (se[i] * se[i]) : 1.0;
		double e = sii[i] - (ybar + out->change * (t[i] - tbar));

		chisq += wi * e * e;
	}
	crit = n > 2 ? gsl_cdf_tdist_Pinv(1.0 - (1.0 - level) / 2.0, (double)(n - 2)) : z;
	if (weighted) {
		out->dispersion = n > 2 ? chisq / (double)(n - 2) : NAN;
		var = 1.0 / stt;
		if (out->dispersion > 1.0)
			var *= out->dispersion;
		else
			crit = z;
	} else {
		out->dispersion = NAN;
		var = chisq / (double)(n - 2) / stt;
	}
	if (!isfinite(crit) || !isfinite(var)) {
		*why = "the trend's interval could not be computed";
		return false;
	}
	out->lower = out->change - crit * sqrt(var);
	out->upper = out->change + crit * sqrt(var);
	out->latest_fit = ybar + out->change * (t[n - 1] - tbar);
	out->verdict = STATS_TREND_NO_CLEAR_CHANGE;
	if (out->lower > 0 || out->upper < 0) {
		/* The mean fitted gap's sign says which way is "towards zero". */
		bool towards_zero = (ybar > 0 && out->change < 0) || (ybar < 0 && out->change > 0);

		out->verdict = towards_zero ? STATS_TREND_NARROWING : STATS_TREND_WIDENING;
	}
	return true;
}

/* Reads 4 digits at p into *y; returns the number of digits read (0 or 4)
 * or 2 for a two-digit year when two is true. */
static int
year_digits(const char *p, bool two, int *y)
{
	int k = 0, v = 0;

	while (k < 4 && p[k] >= '0' && p[k] <= '9')
		v = v * 10 + (p[k++] - '0');
	if (k == 4 && (p[k] < '0' || p[k] > '9')) {
		*y = v;
		return 4;
	}
	if (two && k == 2 && (p[k] < '0' || p[k] > '9')) {
		*y = v;
		return 2;
	}
	return 0;
}

bool
stats_period_year(const char *label, double *year)
{
	int y0, y1, k;

	if (label == NULL || year_digits(label, false, &y0) != 4)
		return false;
	if (label[4] == '\0') {
		*year = y0;
		return true;
	}
	if (label[4] != '/' && label[4] != '-')
		return false;
	k = year_digits(label + 5, true, &y1);
	if (k == 0 || label[5 + k] != '\0')
		return false;
	if (k == 2) {
		y1 += y0 - y0 % 100;
		if (y1 < y0)
			y1 += 100;
	}
	if (y1 <= y0)
		return false;
	*year = (y0 + y1) / 2.0;
	return true;
}
