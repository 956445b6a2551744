/* Sample size, allocation, sampling without replacement, stratified
 * estimate: see sampling.h. */
#include "stats/sampling.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "stats/proportion.h"

const char *const stats_round_name[STATS_ROUND__MAX] = {
	[STATS_ROUND_NEAREST] = "nearest",
	[STATS_ROUND_UP] = "up",
};
_Static_assert(sizeof(stats_round_name) / sizeof(stats_round_name[0]) == STATS_ROUND__MAX,
    "stats_round_name: one entry per value");

int
stats_sample_size(const struct stats_size_req *req, long *out, struct cairn_err *err)
{
	double chi2, pq, s;
	long n;

	if (req->population < 1)
		return cairn_errf(err, CAIRN_EUSAGE,
		    "population must be a whole number of at least 1");
	if (!(req->margin > 0 && req->margin < 1))
		return cairn_errf(err, CAIRN_EUSAGE,
		    "margin must be a proportion between 0 and 1 (e.g. 0.05), not %g", req->margin);
	if (!(req->confidence > 0 && req->confidence < 1))
		return cairn_errf(err, CAIRN_EUSAGE,
		    "confidence must be between 0 and 1 (e.g. 0.95), not %g", req->confidence);
	if (!(req->proportion > 0 && req->proportion < 1))
		return cairn_errf(err, CAIRN_EUSAGE,
		    "proportion must be between 0 and 1 (e.g. 0.5), not %g", req->proportion);
	if ((unsigned)req->round >= STATS_ROUND__MAX)
		return cairn_errf(err, CAIRN_EUSAGE, "unknown rounding");
	chi2 = gsl_cdf_chisq_Pinv(req->confidence, 1.0);
	if (!isfinite(chi2))
		return cairn_errf(err, CAIRN_EUSAGE, "confidence %g is out of range",
		    req->confidence);
	if (!req->exact_chi2)
		chi2 = round(chi2 * 1000.0) / 1000.0;
	pq = req->proportion * (1.0 - req->proportion);
	s = chi2 * (double)req->population * pq /
	    (req->margin * req->margin * (double)(req->population - 1) + chi2 * pq);
	/* A hair of tolerance so that a value that is a whole number in exact
	 * arithmetic is not pushed up by rounding error. */
	n = req->round == STATS_ROUND_UP ? (long)ceil(s - 1e-9) : (long)floor(s + 0.5);
	if (n > req->population)
		n = req->population;
	if (n < 1)
		n = 1;
	*out = n;
	return CAIRN_OK;
}

void
stats_size_defaults(struct stats_size_req *req)
{
	req->population = 0;
	req->margin = 0.1;
	req->confidence = 0.95;
	req->proportion = 0.5;
	req->round = STATS_ROUND_UP;
	req->exact_chi2 = true;
}

double
stats_sample_margin(const struct stats_size_req *req, long n)
{
	double chi2 = gsl_cdf_chisq_Pinv(req->confidence, 1.0);
	double pq = req->proportion * (1.0 - req->proportion);

	if (n < 1 || !isfinite(chi2))
		return NAN;
	if (n >= req->population)
		return 0.0;
	if (!req->exact_chi2)
		chi2 = round(chi2 * 1000.0) / 1000.0;
	return sqrt(chi2 * pq * (double)(req->population - n) /
	    ((double)n * (double)(req->population - 1)));
}

/* Stores a*b in *out; returns false on overflow or negative operands. */
static bool
mul(long a, long b, long *out)
{
	return a >= 0 && b >= 0 && !__builtin_mul_overflow(a, b, out);
}

/* States of a stratum during allocation. */
enum alloc_state {
	ALLOC_FREE = 0, /* takes a share of what is left */
	ALLOC_FIXED,    /* held at its minimum or its cap */
	ALLOC_ROUNDED,  /* free, and already given its largest-remainder unit */
};

int
stats_allocate(const long *weights, const long *caps, size_t k, long total, long min_per, long *out,
    struct cairn_err *err)
{
	long sum_min = 0, sum_cap = 0, left = total, wsum = 0, given = 0;
	unsigned char *st = NULL;
	bool changed;
	int rc = CAIRN_OK;

	if (k == 0)
		return cairn_errf(err, CAIRN_EUSAGE, "there are no strata to allocate to");
	if (total < 0 || min_per < 0)
		return cairn_errf(err, CAIRN_EUSAGE,
		    "sample size and minimum must not be negative");
	for (size_t h = 0; h < k; h++) {
		long lo = min_per;

		if (weights[h] < 0 || (caps != NULL && caps[h] < 0))
			return cairn_errf(err, CAIRN_EUSAGE, "stratum sizes must not be negative");
		if (caps != NULL && caps[h] < lo)
			lo = caps[h];
		if (__builtin_add_overflow(sum_min, lo, &sum_min) ||
		    (caps != NULL && __builtin_add_overflow(sum_cap, caps[h], &sum_cap)))
			return cairn_errf(err, CAIRN_EUSAGE, "stratum sizes are too large");
	}
	if (caps != NULL && total > sum_cap)
		return cairn_errf(err, CAIRN_EDATA,
		    "a sample of %ld is larger than the population of %ld", total, sum_cap);
	if (sum_min > total)
		return cairn_errf(err, CAIRN_EDATA,
		    "impossible minimum: %ld per stratum over %zu strata needs %ld but the sample "
		    "is %ld; lower the minimum or raise the sample size",
		    min_per, k, sum_min, total);
	st = xcalloc(k, 1);
	/* Fix strata whose quota falls below their minimum or above their cap,
	 * until the quotas of the free strata all fit. */
	do {
		changed = false;
		left = total;
		wsum = 0;
		for (size_t h = 0; h < k; h++) {
			if (st[h] == ALLOC_FIXED)
				left -= out[h];
			else if (__builtin_add_overflow(wsum, weights[h], &wsum)) {
				rc = cairn_errf(err, CAIRN_EUSAGE, "stratum sizes are too large");
				goto out;
			}
		}
		if (wsum == 0)
			break;
		for (size_t h = 0; h < k; h++) {
			long lo = min_per, rw, lw, cw = 0;

			if (st[h] == ALLOC_FIXED)
				continue;
			if (caps != NULL && caps[h] < lo)
				lo = caps[h];
			/* quota = left * w / wsum, compared exactly. */
			if (!mul(left, weights[h], &rw) || !mul(lo, wsum, &lw) ||
			    (caps != NULL && !mul(caps[h], wsum, &cw))) {
				rc = cairn_errf(err, CAIRN_EUSAGE, "stratum sizes are too large");
				goto out;
			}
			if (rw < lw) {
				out[h] = lo;
				st[h] = ALLOC_FIXED;
				changed = true;
			} else if (caps != NULL && rw > cw) {
				out[h] = caps[h];
				st[h] = ALLOC_FIXED;
				changed = true;
			}
		}
	} while (changed);
	if (wsum == 0) {
		if (left != 0) {
			rc = cairn_errf(err, CAIRN_EUSAGE,
			    "cannot allocate %ld units: every remaining stratum has size 0", left);
			goto out;
		}
		for (size_t h = 0; h < k; h++)
			if (st[h] != ALLOC_FIXED)
				out[h] = 0;
		goto out;
	}
	/* Floors of the quotas, then one unit each to the largest remainders. */
	for (size_t h = 0; h < k; h++) {
		long rw = 0;

		if (st[h] == ALLOC_FIXED)
			continue;
		(void)mul(left, weights[h], &rw); /* checked in the loop above */
		out[h] = rw / wsum;
		given += out[h];
	}
	for (long extra = left - given; extra > 0; extra--) {
		size_t best = k;
		long brem = -1;

		for (size_t h = 0; h < k; h++) {
			long rw = 0, rem;

			if (st[h] != ALLOC_FREE)
				continue;
			(void)mul(left, weights[h], &rw);
			rem = rw % wsum;
			if (best == k || rem > brem ||
			    (rem == brem && weights[h] > weights[best])) {
				best = h;
				brem = rem;
			}
		}
		if (best == k)
			break; /* cannot happen: fewer extras than free strata */
		out[best]++;
		st[best] = ALLOC_ROUNDED;
	}
out:
	free(st);
	return rc;
}

const char *const stats_divisor_name[STATS_DIV__MAX] = {
	[STATS_DIV_DHONDT] = "dhondt",
	[STATS_DIV_SAINTE_LAGUE] = "sainte-lague",
};
_Static_assert(sizeof(stats_divisor_name) / sizeof(stats_divisor_name[0]) == STATS_DIV__MAX,
    "stats_divisor_name: one entry per value");

int
stats_apportion_divisor(const long *weights, size_t k, long total, enum stats_divisor m, long *out,
    struct cairn_err *err)
{
	long wsum = 0;

	if (k == 0 || total < 0 || (unsigned)m >= STATS_DIV__MAX)
		return cairn_errf(err, CAIRN_EUSAGE,
		    "divisor apportionment needs strata, a method and "
		    "a total of at least 0");
	for (size_t h = 0; h < k; h++) {
		if (weights[h] < 0 || __builtin_add_overflow(wsum, weights[h], &wsum))
			return cairn_errf(err, CAIRN_EUSAGE, "stratum weights must be 0 or more");
		out[h] = 0;
	}
	if (wsum == 0 && total > 0)
		return cairn_errf(err, CAIRN_EUSAGE, "every stratum has weight 0");
	for (long unit = 0; unit < total; unit++) {
		size_t best = k;
		long bd = 1;

		for (size_t h = 0; h < k; h++) {
			long d = m == STATS_DIV_DHONDT ? out[h] + 1 : 2 * out[h] + 1, lhs, rhs;

			if (weights[h] == 0)
				continue;
			if (best == k) {
				best = h;
				bd = d;
				continue;
			}
			/* weights[h] / d > weights[best] / bd, exactly */
			if (!mul(weights[h], bd, &lhs) || !mul(weights[best], d, &rhs))
				return cairn_errf(err, CAIRN_EUSAGE,
				    "stratum weights are too large");
			if (lhs > rhs || (lhs == rhs && weights[h] > weights[best])) {
				best = h;
				bd = d;
			}
		}
		out[best]++;
	}
	return CAIRN_OK;
}

void
stats_srswor(struct stats_rng *r, size_t n, size_t k, size_t *idx)
{
	if (k > n)
		k = n;
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	for (size_t i = 0; i < k; i++) {
		size_t j = i + (size_t)stats_rng_below(r, (uint64_t)(n - i));
		size_t t = idx[i];

		idx[i] = idx[j];
		idx[j] = t;
	}
}

const char *const stats_lonely_name[STATS_LONELY__MAX] = {
	[STATS_LONELY_ADJUST] = "adjust",
	[STATS_LONELY_AVERAGE] = "average",
	[STATS_LONELY_CERTAINTY] = "certainty",
};

/* Korn & Graubard's (1998) interval for the estimate e (see sampling.h);
 * census: every stratum read in full. */
static bool
korn_graubard(struct stats_strat_est *e, double var, size_t strata, bool census, double level)
{
	double alpha = 1.0 - level, n = (double)e->sampled, df = n - (double)strata, f = 1.0;
	struct stats_prop cp;

	if (var == 0 && census) {
		e->n_eff = INFINITY;
		e->lower = e->upper = e->estimate;
		return true;
	}
	if (n > 1 && df >= 1) {
		double t1 = gsl_cdf_tdist_Pinv(alpha / 2.0, n - 1.0);
		double t2 = gsl_cdf_tdist_Pinv(alpha / 2.0, df);

		f = (t1 / t2) * (t1 / t2);
	}
	e->n_eff = (var > 0 ? e->estimate * (1.0 - e->estimate) / var : n) * f;
	/* The Clopper-Pearson limits at a non-integer size: beta quantiles
	 * B(a/2; n*p, n*(1-p) + 1) and B(1 - a/2; n*p + 1, n*(1-p)). */
	if (!stats_beta_interval(e->n_eff * e->estimate, e->n_eff, level, &cp))
		return false;
	e->lower = cp.lower;
	e->upper = cp.upper;
	return true;
}

int
stats_stratified_proportion(const struct stats_stratum_count *s, size_t k, double level,
    struct stats_strat_est *out, struct cairn_err *err)
{
	return stats_stratified_proportion_opts(s, k, level, NULL, out, err);
}

int
stats_stratified_proportion_opts(const struct stats_stratum_count *s, size_t k, double level,
    const struct stats_strat_opts *o, struct stats_strat_est *out, struct cairn_err *err)
{
	static const struct stats_strat_opts defaults = { STATS_LONELY_ADJUST, false };
	double big_n = 0, est = 0, var = 0;
	long npop = 0, nsam = 0, empty_pop = 0;
	size_t strata = 0, lonely = 0, empty = 0;
	bool census = true;

	if (o == NULL)
		o = &defaults;
	if (!(level > 0 && level < 1))
		return cairn_errf(err, CAIRN_EUSAGE, "confidence level must be between 0 and 1");
	if ((unsigned)o->lonely >= STATS_LONELY__MAX)
		return cairn_errf(err, CAIRN_EUSAGE, "unknown treatment of lonely strata");
	for (size_t h = 0; h < k; h++) {
		if (s[h].population < 0 || s[h].sampled < 0 || s[h].sampled > s[h].population ||
		    s[h].successes < 0 || s[h].successes > s[h].sampled)
			return cairn_errf(err, CAIRN_EUSAGE,
			    "stratum %zu: counts must satisfy 0 <= successes <= sampled <= "
			    "population",
			    h + 1);
		if (s[h].sampled > 0) {
			big_n += (double)s[h].population;
			npop += s[h].population;
			nsam += s[h].sampled;
			strata++;
			census = census && s[h].sampled == s[h].population;
		} else if (s[h].population > 0) {
			if (!o->drop_empty)
				return cairn_errf(err, CAIRN_EDATA,
				    "stratum %zu (%ld units) has no answers: an estimate would "
				    "describe "
				    "only the strata answered",
				    h + 1, s[h].population);
			empty++;
			empty_pop += s[h].population;
		}
	}
	if (nsam == 0)
		return cairn_errf(err, CAIRN_EUSAGE, "no stratum has any units sampled");
	for (size_t h = 0; h < k; h++) {
		double nh = (double)s[h].sampled, bigh = (double)s[h].population;

		if (s[h].sampled > 0)
			est += bigh / big_n * (double)s[h].successes / nh;
	}
	for (size_t h = 0; h < k; h++) {
		double w, p, nh = (double)s[h].sampled, bigh = (double)s[h].population;

		if (s[h].sampled == 0)
			continue;
		w = bigh / big_n;
		p = (double)s[h].successes / nh;
		if (s[h].sampled > 1) {
			var += w * w * (1.0 - nh / bigh) * p * (1.0 - p) / (nh - 1.0);
		} else if (s[h].population > 1) {
			lonely++;
			if (o->lonely == STATS_LONELY_ADJUST)
				var += w * w * (1.0 - 1.0 / bigh) * (p - est) * (p - est);
		}
	}
	if (o->lonely == STATS_LONELY_AVERAGE && lonely > 0 && lonely < strata)
		var *= (double)strata / (double)(strata - lonely);
	memset(out, 0, sizeof(*out));
	out->estimate = est;
	out->se = sqrt(var);
	out->population = npop;
	out->sampled = nsam;
	out->lonely = o->lonely;
	out->lonely_strata = lonely;
	out->strata_empty = empty;
	out->population_empty = empty_pop;
	if (!korn_graubard(out, var, strata, census, level))
		return cairn_errf(err, CAIRN_ESOFTWARE, "the interval could not be computed");
	return CAIRN_OK;
}
