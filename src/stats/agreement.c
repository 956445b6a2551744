/* Agreement statistics: see agreement.h for the formulas and sources. */
#include "stats/agreement.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "stats/rng.h"

const char *const stats_weights_name[STATS_W__MAX] = {
	[STATS_W_NONE] = "none",
	[STATS_W_LINEAR] = "linear",
	[STATS_W_QUADRATIC] = "quadratic",
};
_Static_assert(sizeof(stats_weights_name) / sizeof(stats_weights_name[0]) == STATS_W__MAX,
    "stats_weights_name: one entry per value");

const char *const stats_levels_name[STATS_LEVELS__MAX] = {
	[STATS_LEVELS_PRESENT] = "present",
	[STATS_LEVELS_SCALE] = "scale",
};
_Static_assert(sizeof(stats_levels_name) / sizeof(stats_levels_name[0]) == STATS_LEVELS__MAX,
    "stats_levels_name: one entry per value");

const char *const stats_boot_draw_name[STATS_BOOT__MAX] = {
	[STATS_BOOT_MULTINOMIAL] = "multinomial",
	[STATS_BOOT_UNITS] = "units",
};
_Static_assert(sizeof(stats_boot_draw_name) / sizeof(stats_boot_draw_name[0]) == STATS_BOOT__MAX,
    "stats_boot_draw_name: one entry per value");

const char *const stats_metric_name[STATS_METRIC__MAX] = {
	[STATS_METRIC_NOMINAL] = "nominal",
	[STATS_METRIC_ORDINAL] = "ordinal",
	[STATS_METRIC_INTERVAL] = "interval",
	[STATS_METRIC_RATIO] = "ratio",
};
_Static_assert(sizeof(stats_metric_name) / sizeof(stats_metric_name[0]) == STATS_METRIC__MAX,
    "stats_metric_name: one entry per value");

/* Finds name in a table of n names; returns its index or -1. */
static int
name_index(const char *const *table, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(table[i], name) == 0)
			return i;
	return -1;
}

bool
stats_weights_parse(const char *name, enum stats_weights *out)
{
	int i = name_index(stats_weights_name, STATS_W__MAX, name);

	if (i >= 0)
		*out = (enum stats_weights)i;
	return i >= 0;
}

bool
stats_levels_parse(const char *name, enum stats_levels *out)
{
	int i = name_index(stats_levels_name, STATS_LEVELS__MAX, name);

	if (i >= 0)
		*out = (enum stats_levels)i;
	return i >= 0;
}

bool
stats_metric_parse(const char *name, enum stats_metric *out)
{
	int i = name_index(stats_metric_name, STATS_METRIC__MAX, name);

	if (i >= 0)
		*out = (enum stats_metric)i;
	return i >= 0;
}

const char *
stats_kappa_strength(double kappa)
{
	if (isnan(kappa))
		return "undefined";
	if (kappa < 0)
		return "poor";
	if (kappa <= 0.20)
		return "slight";
	if (kappa <= 0.40)
		return "fair";
	if (kappa <= 0.60)
		return "moderate";
	if (kappa <= 0.80)
		return "substantial";
	return "almost perfect";
}

const char *
stats_alpha_strength(double alpha)
{
	if (isnan(alpha))
		return "undefined";
	if (alpha >= 0.800)
		return "reliable";
	if (alpha >= 0.667)
		return "tentative";
	return "unreliable";
}

/* qsort comparison of doubles, ascending. */
static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Distinct values sort_unique collects by a linear search before it falls
 * back to sorting everything (ratings are mostly a few grades). */
#define UNIQUE_SCAN_MAX 64

/*
 * Sorts v[0..n) and removes duplicates; returns the new length.  While
 * there are at most UNIQUE_SCAN_MAX distinct values they are gathered at the
 * front by a linear search, so 20,000 grades cost one pass, not a sort.
 */
static size_t
sort_unique(double *v, size_t n)
{
	size_t k = 0, i;

	for (i = 0; i < n && k <= UNIQUE_SCAN_MAX; i++) {
		size_t j = 0;

		while (j < k && v[j] != v[i])
			j++;
		if (j == k)
			v[k++] = v[i];
	}
	if (i < n) {
		/* Too many distinct values: sort what is left with them. */
		memmove(v + k, v + i, (n - i) * sizeof(*v));
		n = k + (n - i);
	} else {
		n = k;
	}
	qsort(v, n, sizeof(*v), cmp_double);
	k = 0;
	for (i = 0; i < n; i++)
		if (k == 0 || v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

/* Returns the index of x in the sorted array v[0..n), or -1. */
static long
find_value(const double *v, size_t n, double x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == x ? (long)lo : -1;
}

/* Two-sided p-value of a standard normal z. */
static double
two_sided_p(double z)
{
	return isnan(z) ? NAN : 2.0 * gsl_cdf_ugaussian_Q(fabs(z));
}

/* Agreement weight of categories i and j (of k) under req. */
static double
kappa_weight(const struct stats_kappa_req *req, size_t i, size_t j, size_t k, double cmin,
    double cmax)
{
	size_t d = i > j ? i - j : j - i;

	if (req->custom != NULL)
		return 1.0 - (req->custom[d] - cmin) / (cmax - cmin);
	switch (req->weights) {
	case STATS_W_LINEAR: return 1.0 - (double)d / (double)(k - 1);
	case STATS_W_QUADRATIC: return 1.0 - (double)(d * d) / ((double)(k - 1) * (double)(k - 1));
	case STATS_W_NONE:
	case STATS_W__MAX: break;
	}
	return d == 0 ? 1.0 : 0.0;
}

int
stats_kappa(const double *r1, const double *r2, size_t n, const struct stats_kappa_req *req,
    struct stats_kappa *out, struct cairn_err *err)
{
	double *cats = NULL, *t = NULL, *w = NULL, *p1 = NULL, *p2 = NULL, *wr = NULL, *wc = NULL;
	double cmin = 0, cmax = 0, po = 0, pe = 0, kappa, s0 = 0, s1 = 0, dn, zq;
	size_t k = 0, used = 0;
	int rc = CAIRN_OK;

	if (!(req->level > 0 && req->level < 1))
		return cairn_errf(err, CAIRN_EUSAGE, "confidence level must be between 0 and 1");
	if ((unsigned)req->weights >= STATS_W__MAX || (unsigned)req->levels >= STATS_LEVELS__MAX)
		return cairn_errf(err, CAIRN_EUSAGE, "unknown weights or levels");
	/* The categories. */
	if (req->levels == STATS_LEVELS_SCALE) {
		if (req->scale == NULL || req->nscale == 0)
			return cairn_errf(err, CAIRN_EUSAGE,
			    "the scale convention needs the scale's levels");
		for (size_t i = 1; i < req->nscale; i++)
			if (!(req->scale[i] > req->scale[i - 1]))
				return cairn_errf(err, CAIRN_EUSAGE,
				    "the scale must be strictly ascending");
		cats = xmalloc(req->nscale * sizeof(*cats));
		memcpy(cats, req->scale, req->nscale * sizeof(*cats));
		k = req->nscale;
	} else {
		cats = xmalloc((2 * n + 1) * sizeof(*cats));
		for (size_t i = 0; i < n; i++) {
			if (isnan(r1[i]) || isnan(r2[i]))
				continue;
			cats[k++] = r1[i];
			cats[k++] = r2[i];
		}
		k = sort_unique(cats, k);
	}
	for (size_t i = 0; i < n; i++)
		if (!isnan(r1[i]) && !isnan(r2[i]))
			used++;
	if (used == 0) {
		rc = cairn_errf(err, CAIRN_EDATA, "no unit has ratings from both raters");
		goto out;
	}
	if (req->custom != NULL) {
		if (req->ncustom < k) {
			rc = cairn_errf(err, CAIRN_EUSAGE,
			    "custom weights: %zu given but there are %zu categories", req->ncustom,
			    k);
			goto out;
		}
		cmin = cmax = req->custom[0];
		for (size_t i = 1; i < req->ncustom; i++) {
			cmin = fmin(cmin, req->custom[i]);
			cmax = fmax(cmax, req->custom[i]);
		}
		if (!(cmax > cmin)) {
			rc = cairn_errf(err, CAIRN_EUSAGE, "custom weights must not all be equal");
			goto out;
		}
	}
	if (k < 2) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "kappa is undefined: every rating is in one category, so chance agreement is "
		    "1");
		goto out;
	}
	t = xcalloc(k * k, sizeof(*t));
	w = xcalloc(k * k, sizeof(*w));
	p1 = xcalloc(k, sizeof(*p1));
	p2 = xcalloc(k, sizeof(*p2));
	wr = xcalloc(k, sizeof(*wr));
	wc = xcalloc(k, sizeof(*wc));
	for (size_t i = 0; i < n; i++) {
		long a, b;

		if (isnan(r1[i]) || isnan(r2[i]))
			continue;
		a = find_value(cats, k, r1[i]);
		b = find_value(cats, k, r2[i]);
		if (a < 0 || b < 0) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "unit %zu: rating %g is not one of the scale's %zu levels (%g to %g)",
			    i + 1, a < 0 ? r1[i] : r2[i], k, cats[0], cats[k - 1]);
			goto out;
		}
		t[(size_t)a * k + (size_t)b] += 1.0;
	}
	dn = (double)used;
	for (size_t i = 0; i < k; i++) {
		for (size_t j = 0; j < k; j++) {
			w[i * k + j] = kappa_weight(req, i, j, k, cmin, cmax);
			t[i * k + j] /= dn; /* now proportions p_ij */
			p1[i] += t[i * k + j];
			p2[j] += t[i * k + j];
		}
	}
	for (size_t i = 0; i < k; i++) {
		for (size_t j = 0; j < k; j++) {
			po += t[i * k + j] * w[i * k + j];
			pe += p1[i] * p2[j] * w[i * k + j];
			wr[i] += p2[j] * w[i * k + j]; /* mean weight of row i */
			wc[j] += p1[i] * w[i * k + j]; /* mean weight of column j */
		}
	}
	if (!(1.0 - pe > 1e-12)) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "kappa is undefined: chance agreement is 1 (each rater used one category)");
		goto out;
	}
	kappa = (po - pe) / (1.0 - pe);
	for (size_t i = 0; i < k; i++) {
		for (size_t j = 0; j < k; j++) {
			double a = w[i * k + j] - (wr[i] + wc[j]);
			double b = w[i * k + j] - (wr[i] + wc[j]) * (1.0 - kappa);

			s0 += p1[i] * p2[j] * a * a;
			s1 += t[i * k + j] * b * b;
		}
	}
	s0 = (s0 - pe * pe) / (dn * (1.0 - pe) * (1.0 - pe));
	s1 = (s1 - pow(kappa - pe * (1.0 - kappa), 2)) / (dn * (1.0 - pe) * (1.0 - pe));
	zq = gsl_cdf_ugaussian_Pinv(1.0 - (1.0 - req->level) / 2.0);
	out->kappa = kappa;
	out->p_o = po;
	out->p_e = pe;
	out->se0 = sqrt(fmax(0.0, s0));
	out->se = sqrt(fmax(0.0, s1));
	out->z = out->se0 > 0 ? kappa / out->se0 : NAN;
	out->p = two_sided_p(out->z);
	out->ci_low = kappa - zq * out->se;
	out->ci_high = kappa + zq * out->se;
	out->n = used;
	out->ncat = k;
out:
	free(cats);
	free(t);
	free(w);
	free(p1);
	free(p2);
	free(wr);
	free(wc);
	return rc;
}

int
stats_agreement_pct(const double *x, size_t units, size_t raters, double tolerance, double *pct,
    size_t *n_used, struct cairn_err *err)
{
	size_t used = 0, agree = 0;

	if (raters < 2)
		return cairn_errf(err, CAIRN_EDATA, "agreement needs at least two raters");
	for (size_t u = 0; u < units; u++) {
		const double *row = x + u * raters;
		double lo = row[0], hi = row[0];
		bool complete = true;

		for (size_t r = 0; r < raters; r++) {
			if (isnan(row[r]))
				complete = false;
			lo = fmin(lo, row[r]);
			hi = fmax(hi, row[r]);
		}
		if (!complete)
			continue;
		used++;
		if (hi - lo <= tolerance)
			agree++;
	}
	if (used == 0)
		return cairn_errf(err, CAIRN_EDATA, "no unit has ratings from every rater");
	*pct = (double)agree / (double)used;
	*n_used = used;
	return CAIRN_OK;
}

int
stats_fleiss(const long *counts, size_t subjects, size_t ncat, struct stats_fleiss *out,
    double *cat_kappa, struct cairn_err *err)
{
	double *pj = NULL, pbar = 0, pe = 0, spq = 0, spqqp = 0, nm, m, var0;
	long mm = -1;
	int rc = CAIRN_OK;

	if (subjects == 0 || ncat == 0)
		return cairn_errf(err, CAIRN_EDATA, "Fleiss' kappa needs at least one subject");
	for (size_t i = 0; i < subjects; i++) {
		long sum = 0;

		for (size_t j = 0; j < ncat; j++) {
			if (counts[i * ncat + j] < 0)
				return cairn_errf(err, CAIRN_EDATA, "subject %zu: negative count",
				    i + 1);
			sum += counts[i * ncat + j];
		}
		if (mm < 0)
			mm = sum;
		if (sum != mm)
			return cairn_errf(err, CAIRN_EDATA,
			    "subject %zu has %ld ratings but subject 1 has %ld; Fleiss' kappa "
			    "needs the "
			    "same number of ratings for every subject",
			    i + 1, sum, mm);
	}
	if (mm < 2)
		return cairn_errf(err, CAIRN_EDATA, "Fleiss' kappa needs at least two raters");
	m = (double)mm;
	nm = (double)subjects * m;
	pj = xcalloc(ncat, sizeof(*pj));
	for (size_t i = 0; i < subjects; i++) {
		double sq = 0;

		for (size_t j = 0; j < ncat; j++) {
			double c = (double)counts[i * ncat + j];

			sq += c * c;
			pj[j] += c / nm;
		}
		pbar += (sq - m) / (m * (m - 1.0));
	}
	pbar /= (double)subjects;
	for (size_t j = 0; j < ncat; j++) {
		pe += pj[j] * pj[j];
		spq += pj[j] * (1.0 - pj[j]);
		spqqp += pj[j] * (1.0 - pj[j]) * ((1.0 - pj[j]) - pj[j]);
	}
	if (!(1.0 - pe > 1e-12)) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "Fleiss' kappa is undefined: every rating is in one category");
		goto out;
	}
	out->kappa = (pbar - pe) / (1.0 - pe);
	out->p_bar = pbar;
	out->p_e = pe;
	/* Fleiss, Nee & Landis (1979): var0 = 2 / (N m (m-1)) *
	 * ((sum p q)^2 - sum p q (q - p)) / (sum p q)^2 */
	var0 = 2.0 / (nm * (m - 1.0)) * (spq * spq - spqqp) / (spq * spq);
	out->se0 = sqrt(fmax(0.0, var0));
	out->z = out->se0 > 0 ? out->kappa / out->se0 : NAN;
	out->p = two_sided_p(out->z);
	out->subjects = subjects;
	out->raters = mm;
	if (cat_kappa != NULL) {
		for (size_t j = 0; j < ncat; j++) {
			double dis = 0;

			for (size_t i = 0; i < subjects; i++) {
				double c = (double)counts[i * ncat + j];

				dis += c * (m - c);
			}
			cat_kappa[j] = pj[j] > 0 && pj[j] < 1
			    ? 1.0 - dis / (nm * (m - 1.0) * pj[j] * (1.0 - pj[j]))
			    : NAN;
		}
	}
out:
	free(pj);
	return rc;
}

int
stats_fleiss_counts(const double *x, size_t units, size_t raters, long **counts, size_t *subjects,
    double **cats, size_t *ncat, struct cairn_err *err)
{
	double *v = xmalloc((units * raters + 1) * sizeof(*v));
	size_t nv = 0, kept = 0, k;
	long *c;

	for (size_t u = 0; u < units; u++) {
		bool complete = true;

		for (size_t r = 0; r < raters; r++)
			complete = complete && !isnan(x[u * raters + r]);
		if (!complete)
			continue;
		for (size_t r = 0; r < raters; r++)
			v[nv++] = x[u * raters + r];
	}
	if (nv == 0) {
		free(v);
		return cairn_errf(err, CAIRN_EDATA, "no unit has ratings from every rater");
	}
	k = sort_unique(v, nv);
	c = xcalloc(units * k, sizeof(*c));
	for (size_t u = 0; u < units; u++) {
		bool complete = true;

		for (size_t r = 0; r < raters; r++)
			complete = complete && !isnan(x[u * raters + r]);
		if (!complete)
			continue;
		for (size_t r = 0; r < raters; r++)
			c[kept * k + (size_t)find_value(v, k, x[u * raters + r])]++;
		kept++;
	}
	*counts = c;
	*subjects = kept;
	*cats = v;
	*ncat = k;
	return CAIRN_OK;
}

/* Squared difference of values index a and b (of the sorted values v;
 * cum[g] is the sum of the marginal totals n_0 .. n_{g-1}, for ordinal
 * data) under metric. */
static double
delta2(enum stats_metric metric, const double *v, const double *cum, size_t a, size_t b)
{
	double d;

	if (a == b)
		return 0.0;
	switch (metric) {
	case STATS_METRIC_NOMINAL: return 1.0;
	case STATS_METRIC_ORDINAL: {
		size_t lo = a < b ? a : b, hi = a < b ? b : a;
		double nlo = cum[lo + 1] - cum[lo], nhi = cum[hi + 1] - cum[hi];

		/* sum of n_g for g = lo..hi, less half of n_lo and n_hi */
		d = (cum[hi + 1] - cum[lo]) - (nlo + nhi) / 2.0;
		return d * d;
	}
	case STATS_METRIC_INTERVAL: d = v[a] - v[b]; return d * d;
	case STATS_METRIC_RATIO:
		d = v[a] + v[b] == 0 ? 0.0 : (v[a] - v[b]) / (v[a] + v[b]);
		return d * d;
	case STATS_METRIC__MAX: break;
	}
	return 0.0;
}

/*
 * Alpha over the units listed in pick (npick indexes into x's rows; NULL for
 * all units in order).  vals/nvals are the sorted distinct values of x.
 * Workspace o (nvals^2) and nc (nvals + 1: the marginals, then their
 * prefix sums) are supplied by the caller.
 */
static int
alpha_core(const double *x, size_t units, size_t coders, const size_t *pick, size_t npick,
    enum stats_metric metric, const double *vals, size_t nv, double *o, double *nc, long *idx,
    struct stats_alpha *out, struct cairn_err *err)
{
	double n = 0, dobs = 0, dexp = 0;
	size_t used = 0, present = 0;

	memset(o, 0, nv * nv * sizeof(*o));
	memset(nc, 0, (nv + 1) * sizeof(*nc));
	for (size_t p = 0; p < (pick != NULL ? npick : units); p++) {
		const double *row = x + (pick != NULL ? pick[p] : p) * coders;
		size_t m = 0;

		for (size_t c = 0; c < coders; c++)
			if (!isnan(row[c]))
				idx[m++] = find_value(vals, nv, row[c]);
		if (m < 2)
			continue;
		used++;
		for (size_t i = 0; i < m; i++)
			for (size_t j = 0; j < m; j++)
				if (i != j)
					o[(size_t)idx[i] * nv + (size_t)idx[j]] +=
					    1.0 / (double)(m - 1);
	}
	for (size_t a = 0; a < nv; a++)
		for (size_t b = 0; b < nv; b++)
			nc[a] += o[a * nv + b];
	for (size_t a = 0; a < nv; a++) {
		n += nc[a];
		if (nc[a] > 0)
			present++;
	}
	/* nc becomes the prefix sums: nc[g] = n_0 + ... + n_{g-1}. */
	{
		double run = 0;

		for (size_t a = 0; a <= nv; a++) {
			double here = a < nv ? nc[a] : 0;

			nc[a] = run;
			run += here;
		}
	}
	if (n < 2)
		return cairn_errf(err, CAIRN_EDATA,
		    "Krippendorff's alpha needs at least one unit with two or more values");
	for (size_t a = 0; a < nv; a++) {
		for (size_t b = 0; b < nv; b++) {
			double d = delta2(metric, vals, nc, a, b);
			double na = nc[a + 1] - nc[a], nb = nc[b + 1] - nc[b];

			dobs += o[a * nv + b] * d;
			dexp += na * nb * d;
		}
	}
	dobs /= n;
	dexp /= n * (n - 1.0);
	if (!(dexp > 0))
		return cairn_errf(err, CAIRN_EDATA,
		    "Krippendorff's alpha is undefined: all pairable values are the same");
	out->alpha = 1.0 - dobs / dexp;
	out->d_o = dobs;
	out->d_e = dexp;
	out->n_pairable = lround(n);
	out->units = used;
	out->values = present;
	return CAIRN_OK;
}

/* Collects the sorted distinct values of x into a malloc'd array; checks
 * the metric's domain.  Returns CAIRN_OK or an error. */
static int
alpha_values(const double *x, size_t units, size_t coders, enum stats_metric metric, double **vals,
    size_t *nv, struct cairn_err *err)
{
	double *v = xmalloc((units * coders + 1) * sizeof(*v));
	size_t k = 0;

	if ((unsigned)metric >= STATS_METRIC__MAX) {
		free(v);
		return cairn_errf(err, CAIRN_EUSAGE, "unknown level of measurement");
	}
	for (size_t i = 0; i < units * coders; i++) {
		if (isnan(x[i]))
			continue;
		if (metric == STATS_METRIC_RATIO && x[i] < 0) {
			free(v);
			return cairn_errf(err, CAIRN_EDATA,
			    "ratio data cannot be negative (unit %zu has %g); use --level interval",
			    i / coders + 1, x[i]);
		}
		v[k++] = x[i];
	}
	*nv = sort_unique(v, k);
	*vals = v;
	if (*nv > STATS_ALPHA_MAX_VALUES) {
		free(v);
		*vals = NULL;
		return cairn_errf(err, CAIRN_EDATA,
		    "the ratings have %zu distinct values; alpha takes at most %d", *nv,
		    STATS_ALPHA_MAX_VALUES);
	}
	return CAIRN_OK;
}

int
stats_alpha(const double *x, size_t units, size_t coders, enum stats_metric metric,
    struct stats_alpha *out, struct cairn_err *err)
{
	double *vals = NULL, *o, *nc;
	long *idx;
	size_t nv = 0;
	int rc;

	if ((rc = alpha_values(x, units, coders, metric, &vals, &nv, err)) != CAIRN_OK)
		return rc;
	o = xcalloc(nv * nv + 1, sizeof(*o));
	nc = xcalloc(nv + 1, sizeof(*nc));
	idx = xcalloc(coders + 1, sizeof(*idx));
	rc = alpha_core(x, units, coders, NULL, 0, metric, vals, nv, o, nc, idx, out, err);
	free(vals);
	free(o);
	free(nc);
	free(idx);
	return rc;
}

/* Percentile q of sorted v[0..n) by linear interpolation (R type 7). */
static double
quantile7(const double *v, size_t n, double q)
{
	double h = (double)(n - 1) * q;
	size_t lo = (size_t)floor(h);

	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]);
}

/*
 * The units of a bootstrap, grouped by pattern: units whose pairable
 * values (as sorted value indices) are the same add the same to the
 * coincidence matrix, so a replicate only counts how often each pattern
 * was picked.  With two coders and six grades there are at most 36
 * patterns, however many units.
 */
struct alpha_patterns {
	long *of_unit; /* per unit: its pattern, or -1 (fewer than two values) (owned) */
	long *idx;     /* per pattern: m value indices, sorted (owned; stride coders) */
	size_t *m;     /* per pattern: how many values */
	size_t n;      /* patterns */
};

/* Frees a pattern table. */
static void
alpha_patterns_free(struct alpha_patterns *p)
{
	free(p->of_unit);
	free(p->idx);
	free(p->m);
	memset(p, 0, sizeof(*p));
}

/* Orders value indices. */
static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Groups the units of x by pattern (see struct alpha_patterns); idx is
 * workspace of coders + 1 entries. */
static void
alpha_patterns_make(const double *x, size_t units, size_t coders, const double *vals, size_t nv,
    long *idx, struct alpha_patterns *p)
{
	size_t cap = 64, hcap = 256;
	long *slot = NULL; /* hash table of pattern numbers, -1 free */

	memset(p, 0, sizeof(*p));
	p->of_unit = xcalloc(units + 1, sizeof(*p->of_unit));
	p->idx = xcalloc(cap * coders, sizeof(*p->idx));
	p->m = xcalloc(cap, sizeof(*p->m));
	slot = xmalloc(hcap * sizeof(*slot));
	for (size_t i = 0; i < hcap; i++)
		slot[i] = -1;
	for (size_t u = 0; u < units; u++) {
		const double *row = x + u * coders;
		uint64_t h = 1469598103934665603ULL;
		size_t m = 0, s;

		for (size_t c = 0; c < coders; c++)
			if (!isnan(row[c]))
				idx[m++] = find_value(vals, nv, row[c]);
		if (m < 2) {
			p->of_unit[u] = -1;
			continue;
		}
		qsort(idx, m, sizeof(*idx), cmp_long);
		for (size_t i = 0; i < m; i++)
			h = (h ^ (uint64_t)idx[i]) * 1099511628211ULL;
		h = (h ^ m) * 1099511628211ULL;
		for (s = (size_t)h & (hcap - 1); slot[s] >= 0; s = (s + 1) & (hcap - 1)) {
			size_t q = (size_t)slot[s];

			if (p->m[q] == m && memcmp(p->idx + q * coders, idx, m * sizeof(*idx)) == 0)
				break;
		}
		if (slot[s] < 0) {
			if (p->n == cap) {
				cap *= 2;
				p->idx = xreallocarray(p->idx, cap * coders, sizeof(*p->idx));
				p->m = xreallocarray(p->m, cap, sizeof(*p->m));
			}
			memcpy(p->idx + p->n * coders, idx, m * sizeof(*idx));
			p->m[p->n] = m;
			slot[s] = (long)p->n++;
			if (p->n * 2 > hcap) {
				/* Rehash into a table twice the size. */
				long *old = slot;
				size_t ocap = hcap;

				hcap *= 2;
				slot = xmalloc(hcap * sizeof(*slot));
				for (size_t i = 0; i < hcap; i++)
					slot[i] = -1;
				for (size_t i = 0; i < ocap; i++) {
					uint64_t g = 1469598103934665603ULL;
					size_t q = (size_t)old[i], r;

					if (old[i] < 0)
						continue;
					for (size_t j = 0; j < p->m[q]; j++)
						g = (g ^ (uint64_t)p->idx[q * coders + j]) *
						    1099511628211ULL;
					g = (g ^ p->m[q]) * 1099511628211ULL;
					for (r = (size_t)g & (hcap - 1); slot[r] >= 0;
					     r = (r + 1) & (hcap - 1))
						;
					slot[r] = old[i];
				}
				free(old);
			}
			p->of_unit[u] = (long)(p->n - 1);
			continue;
		}
		p->of_unit[u] = slot[s];
	}
	free(slot);
}

/*
 * Alpha from the pattern counts of one replicate: the coincidence matrix
 * is the sum over patterns of count x the pattern's pairs, then alpha as
 * alpha_core computes it.
 */
static int
alpha_from_counts(const struct alpha_patterns *p, const long *count, size_t coders,
    enum stats_metric metric, const double *vals, size_t nv, double *o, double *nc,
    struct stats_alpha *out)
{
	double n = 0, dobs = 0, dexp = 0;
	long used = 0;

	memset(o, 0, nv * nv * sizeof(*o));
	for (size_t q = 0; q < p->n; q++) {
		const long *ix = p->idx + q * coders;
		size_t m = p->m[q];
		double w;

		if (count[q] == 0)
			continue;
		used += count[q];
		w = (double)count[q] / (double)(m - 1);
		for (size_t i = 0; i < m; i++)
			for (size_t j = 0; j < m; j++)
				if (i != j)
					o[(size_t)ix[i] * nv + (size_t)ix[j]] += w;
	}
	memset(nc, 0, (nv + 1) * sizeof(*nc));
	for (size_t a = 0; a < nv; a++)
		for (size_t b = 0; b < nv; b++)
			nc[a] += o[a * nv + b];
	{
		double run = 0;

		for (size_t a = 0; a <= nv; a++) {
			double here = a < nv ? nc[a] : 0;

			n += here;
			nc[a] = run;
			run += here;
		}
	}
	if (n < 2)
		return CAIRN_EDATA;
	for (size_t a = 0; a < nv; a++) {
		for (size_t b = 0; b < nv; b++) {
			double d = delta2(metric, vals, nc, a, b);
			double na = nc[a + 1] - nc[a], nb = nc[b + 1] - nc[b];

			dobs += o[a * nv + b] * d;
			dexp += na * nb * d;
		}
	}
	dobs /= n;
	dexp /= n * (n - 1.0);
	if (!(dexp > 0))
		return CAIRN_EDATA;
	out->alpha = 1.0 - dobs / dexp;
	out->d_o = dobs;
	out->d_e = dexp;
	out->n_pairable = lround(n);
	out->units = (size_t)used;
	return CAIRN_OK;
}

/*
 * The multinomial draw costs one binomial per pattern (GSL's BTPE: a few
 * uniforms and logarithms each), the unit draw one uniform per unit; the
 * multinomial is used when there are at least this many units per pattern.
 * Measured (x86-64, -O2): about 4.5 ns per unit draw and 25-30 ns per
 * binomial, so 10,000 units in 37 patterns take 1.4 us per replicate
 * (alpha included) against 45 us; the break-even is near 6 units per
 * pattern.
 */
#define ALPHA_BOOT_UNITS_PER_PATTERN 8

/* A GSL generator over the seeded xoshiro256** of stats/rng.h, so GSL's
 * samplers draw from Cairn's portable stream.  state is a struct
 * stats_rng. */
static void
boot_rng_set(void *state, unsigned long seed)
{
	stats_rng_seed(state, (uint64_t)seed);
}

/* The generator's next 32 bits (GSL's integer interface). */
static unsigned long
boot_rng_get(void *state)
{
	return (unsigned long)(stats_rng_next(state) >> 32);
}

/* A uniform double in [0, 1), as gsl_rng_uniform requires. */
static double
boot_rng_get_double(void *state)
{
	return stats_rng_uniform(state);
}

/* The GSL type of the generator above. */
static const gsl_rng_type boot_rng_type = {
	.name = "cairn-xoshiro256**",
	.max = 0xffffffffUL,
	.min = 0,
	.size = sizeof(struct stats_rng),
	.set = boot_rng_set,
	.get = boot_rng_get,
	.get_double = boot_rng_get_double,
};

/* Mean and standard deviation (n - 1) of v[0..n), n >= 2. */
static void
mean_sd(const double *v, size_t n, double *mean, double *sd)
{
	double m = 0, ss = 0;

	for (size_t i = 0; i < n; i++)
		m += v[i];
	m /= (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - m) * (v[i] - m);
	*mean = m;
	*sd = sqrt(ss / (double)(n - 1));
}

int
stats_alpha_bootstrap(const double *x, size_t units, size_t coders, enum stats_metric metric,
    long reps, double level, uint64_t seed, struct stats_boot *out, struct cairn_err *err)
{
	double *vals = NULL, *o = NULL, *nc = NULL, *reps_alpha = NULL;
	size_t nv = 0, used = 0;
	long *idx = NULL, *count = NULL;
	double *prob = NULL;        /* multinomial: units of each pattern */
	unsigned int *drawn = NULL; /* multinomial: one replicate's counts */
	struct alpha_patterns pat = { 0 };
	struct stats_rng rng;
	enum stats_boot_draw draw;
	int rc;

	if (reps < 2 || reps > 1000000)
		return cairn_errf(err, CAIRN_EUSAGE,
		    "bootstrap replicates must be from 2 to 1000000");
	if (!(level > 0 && level < 1))
		return cairn_errf(err, CAIRN_EUSAGE, "confidence level must be between 0 and 1");
	if (units == 0)
		return cairn_errf(err, CAIRN_EDATA, "there are no units to resample");
	if ((rc = alpha_values(x, units, coders, metric, &vals, &nv, err)) != CAIRN_OK)
		return rc;
	o = xcalloc(nv * nv + 1, sizeof(*o));
	nc = xcalloc(nv + 1, sizeof(*nc));
	idx = xcalloc(coders + 1, sizeof(*idx));
	reps_alpha = xcalloc((size_t)reps, sizeof(*reps_alpha));
	alpha_patterns_make(x, units, coders, vals, nv, idx, &pat);
	/* Category pat.n holds the units with fewer than two values. */
	count = xcalloc(pat.n + 1, sizeof(*count));
	stats_rng_seed(&rng, seed);
	draw = (pat.n + 1) * ALPHA_BOOT_UNITS_PER_PATTERN <= units && units <= UINT_MAX
	    ? STATS_BOOT_MULTINOMIAL
	    : STATS_BOOT_UNITS;
	if (draw == STATS_BOOT_MULTINOMIAL) {
		prob = xcalloc(pat.n + 1, sizeof(*prob));
		drawn = xcalloc(pat.n + 1, sizeof(*drawn));
		for (size_t u = 0; u < units; u++)
			prob[pat.of_unit[u] >= 0 ? (size_t)pat.of_unit[u] : pat.n] += 1.0;
	}
	for (long b = 0; b < reps; b++) {
		struct stats_alpha a;

		if (draw == STATS_BOOT_MULTINOMIAL) {
			/* gsl_ran_multinomial normalises prob (the unit counts). */
			gsl_rng g = { &boot_rng_type, &rng };

			gsl_ran_multinomial(&g, pat.n + 1, (unsigned)units, prob, drawn);
			for (size_t q = 0; q <= pat.n; q++)
				count[q] = (long)drawn[q];
		} else {
			memset(count, 0, (pat.n + 1) * sizeof(*count));
			for (size_t u = 0; u < units; u++) {
				long q = pat.of_unit[stats_rng_below(&rng, units)];

				if (q >= 0)
					count[q]++;
			}
		}
		if (alpha_from_counts(&pat, count, coders, metric, vals, nv, o, nc, &a) == CAIRN_OK)
			reps_alpha[used++] = a.alpha;
	}
	if (used < 2) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "the bootstrap interval is undefined: alpha was defined in %zu of %ld "
		    "replicates",
		    used, reps);
		goto out;
	}
	qsort(reps_alpha, used, sizeof(*reps_alpha), cmp_double);
	out->lower = quantile7(reps_alpha, used, (1.0 - level) / 2.0);
	out->upper = quantile7(reps_alpha, used, (1.0 + level) / 2.0);
	out->reps = reps;
	out->used = (long)used;
	out->seed = seed;
	out->draw = draw;
	mean_sd(reps_alpha, used, &out->mean, &out->sd);
	rc = CAIRN_OK;
out:
	alpha_patterns_free(&pat);
	free(vals);
	free(o);
	free(nc);
	free(idx);
	free(count);
	free(prob);
	free(drawn);
	free(reps_alpha);
	return rc;
}

int
stats_agreement_item(const struct stats_item_req *req, struct stats_item *item)
{
	struct stats_kappa_req plain = req->weighted;
	struct stats_kappa_req weighted = req->weighted;
	double *a = xcalloc(item->units + 1, sizeof(*a));
	double *b = xcalloc(item->units + 1, sizeof(*b));
	const char *what = "unweighted kappa";
	int rc;

	cairn_err_clear(&item->err);
	for (size_t i = 0; i < item->units; i++) {
		a[i] = item->x[2 * i];
		b[i] = item->x[2 * i + 1];
	}
	if (item->scale != NULL) {
		plain.scale = weighted.scale = item->scale;
		plain.nscale = weighted.nscale = item->nscale;
	}
	plain.weights = STATS_W_NONE;
	plain.custom = NULL;
	plain.ncustom = 0;
	if ((rc = stats_kappa(a, b, item->units, &plain, &item->kappa, &item->err)) != CAIRN_OK)
		goto out;
	what = "weighted kappa";
	if ((rc = stats_kappa(a, b, item->units, &weighted, &item->wkappa, &item->err)) != CAIRN_OK)
		goto out;
	what = "alpha";
	if ((rc = stats_alpha(item->x, item->units, 2, req->metric, &item->alpha, &item->err)) !=
	    CAIRN_OK)
		goto out;
	what = "alpha's bootstrap";
	memset(&item->boot, 0, sizeof(item->boot));
	item->boot.lower = item->boot.upper = NAN;
	if (req->reps > 0)
		rc = stats_alpha_bootstrap(item->x, item->units, 2, req->metric, req->reps,
		    req->boot_level, req->seed, &item->boot, &item->err);
out:
	if (rc != CAIRN_OK) {
		char msg[CAIRN_ERR_MSG];

		/* Name the statistic that failed in front of its own message. */
		snprintf(msg, sizeof(msg), "%s", item->err.msg);
		cairn_err_clear(&item->err);
		cairn_errf(&item->err, rc, "%s: %s", what, msg);
	}
	item->rc = rc;
	free(a);
	free(b);
	return rc;
}

/* Work shared by the threads of stats_agreement_items. */
struct item_pool {
	const struct stats_item_req *req; /* what to compute (borrowed) */
	struct stats_item *items;         /* the items (borrowed) */
	size_t n;                         /* entries of items */
	size_t next;                      /* next item to take, under lock */
	pthread_mutex_t lock;             /* guards next */
};

/* A thread of the pool: takes the next item until none is left. */
static void *
item_worker(void *arg)
{
	struct item_pool *p = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&p->lock);
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			break;
		stats_agreement_item(p->req, &p->items[i]);
	}
	return NULL;
}

int
stats_agreement_items(const struct stats_item_req *req, struct stats_item *items, size_t n,
    unsigned threads)
{
	struct item_pool pool = { req, items, n, 0, PTHREAD_MUTEX_INITIALIZER };
	pthread_t tid[STATS_ITEM_THREADS_MAX];
	size_t started = 0;

	if (threads > STATS_ITEM_THREADS_MAX)
		threads = STATS_ITEM_THREADS_MAX;
	if (threads > n)
		threads = (unsigned)n;
	/* The caller's thread works too, so threads - 1 are started. */
	for (unsigned t = 1; t < threads; t++)
		if (pthread_create(&tid[started], NULL, item_worker, &pool) == 0)
			started++;
	item_worker(&pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&pool.lock);
	for (size_t i = 0; i < n; i++)
		if (items[i].rc != CAIRN_OK)
			return items[i].rc;
	return CAIRN_OK;
}
