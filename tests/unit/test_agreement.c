/*
 * Agreement statistics against every published vector in
 * $CAIRN_TESTDATA/stats/agreement/expected_agreement.csv (read at run
 * time: each row names its input, weights or level, quantities, expected
 * values and published tolerance), plus conventions and bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "stats/agreement.h"
#include "testcsv.h"

/* Most units, raters and values in a test input. */
#define MAXU 64
#define MAXR 8
#define MAXV 64

/* A ratings matrix loaded for one case. */
struct ratings {
	double x[MAXU * MAXR]; /* units x raters, NaN missing */
	size_t units;          /* rows */
	size_t raters;         /* columns */
};

/* Splits s at sep into at most max pieces (in place); returns the count. */
static size_t
split(char *s, char sep, char **out, size_t max)
{
	size_t n = 0;

	while (n < max) {
		char *e = strchr(s, sep);

		out[n++] = s;
		if (e == NULL)
			break;
		*e = '\0';
		s = e + 1;
	}
	return n;
}

/* Loads the rating columns of a testdata CSV (first column the unit id);
 * cols is NULL for all columns or "a,b" for the named ones. */
static void
load_file(const char *rel, const char *cols, struct ratings *r)
{
	struct testcsv c;
	char path[256], want[128], *names[MAXR];
	size_t nwant = 0, colidx[MAXR], nh;

	snprintf(path, sizeof(path), "stats/%s", rel);
	assert_int_equal(testcsv_open(&c, path), 0);
	nh = testcsv_next(&c);
	if (cols != NULL) {
		snprintf(want, sizeof(want), "%s", cols);
		nwant = split(want, ',', names, MAXR);
		for (size_t w = 0; w < nwant; w++) {
			colidx[w] = 0;
			for (size_t h = 1; h < nh; h++)
				if (strcmp(c.field[h], names[w]) == 0)
					colidx[w] = h;
			assert_true(colidx[w] > 0);
		}
	} else {
		for (size_t h = 1; h < nh; h++)
			colidx[nwant++] = h;
	}
	r->raters = nwant;
	r->units = 0;
	while (testcsv_next(&c) == nh) {
		for (size_t w = 0; w < nwant; w++) {
			const char *cell = c.field[colidx[w]];
			double v = STATS_NA;

			if (strcmp(cell, "NA") != 0 && cell[0] != '\0')
				assert_true(text_parse_double(cell, &v));
			r->x[r->units * nwant + w] = v;
		}
		r->units++;
		assert_true(r->units < MAXU);
	}
	testcsv_close(&c);
}

/* Expands "table:a,b;c,d" (row = rater 1's category) into two raters. */
static void
load_table(char *spec, struct ratings *r)
{
	char *rows[16], *cells[16];
	size_t nr = split(spec, ';', rows, 16), u = 0;

	for (size_t i = 0; i < nr; i++) {
		size_t nc = split(rows[i], ',', cells, 16);

		for (size_t j = 0; j < nc; j++) {
			long count;

			assert_true(text_parse_long(cells[j], 0, 1000, &count));
			for (long k = 0; k < count; k++, u++) {
				assert_true(2 * u + 1 < MAXU * MAXR);
				r->x[2 * u] = (double)i;
				r->x[2 * u + 1] = (double)j;
			}
		}
	}
	r->units = u;
	r->raters = 2;
}

/* Parses "(0,0),(1,1),..." into two raters. */
static void
load_pairs(const char *spec, struct ratings *r)
{
	const char *p = spec;

	r->units = 0;
	r->raters = 2;
	while ((p = strchr(p, '(')) != NULL) {
		char a[16], b[16];
		const char *comma = strchr(p, ','), *close = strchr(p, ')');

		assert_non_null(comma);
		assert_non_null(close);
		snprintf(a, sizeof(a), "%.*s", (int)(comma - p - 1), p + 1);
		snprintf(b, sizeof(b), "%.*s", (int)(close - comma - 1), comma + 1);
		assert_true(text_parse_double(a, &r->x[2 * r->units]));
		assert_true(text_parse_double(b, &r->x[2 * r->units + 1]));
		r->units++;
		p = close;
	}
}

/* Fleiss counts from "counts:a,b,...;..." into counts; returns subjects. */
static size_t
load_counts(char *spec, long *counts, size_t *ncat)
{
	char *rows[MAXU], *cells[MAXV];
	size_t nr = split(spec, ';', rows, MAXU);

	for (size_t i = 0; i < nr; i++) {
		*ncat = split(rows[i], ',', cells, MAXV);
		for (size_t j = 0; j < *ncat; j++)
			assert_true(text_parse_long(cells[j], 0, 1000, &counts[i * *ncat + j]));
	}
	return nr;
}

/* The 10 items x 3 raters of dkpro's MultiRaterAgreementTest.createExample
 * (high = 1, low = 0); the CSV row refers to it as "see md". */
static void
load_dkpro_multirater(struct ratings *r)
{
	static const double d[10][3] = {
		{ 1, 1, 1 },
		{ 1, 1, 0 },
		{ 1, 0, 1 },
		{ 0, 1, 1 },
		{ 0, 0, 1 },
		{ 0, 0, 0 },
		{ 0, 0, 0 },
		{ 0, 1, 0 },
		{ 0, 0, 1 },
		{ 0, 0, 1 },
	};

	r->units = 10;
	r->raters = 3;
	for (size_t u = 0; u < 10; u++)
		for (size_t k = 0; k < 3; k++)
			r->x[u * 3 + k] = d[u][k];
}

/* Loads the input column of a row into r (not for counts:). */
static void
load_input(const char *input, struct ratings *r)
{
	char buf[1024];

	snprintf(buf, sizeof(buf), "%s", input);
	if (strncmp(buf, "table:", 6) == 0) {
		load_table(buf + 6, r);
	} else if (strncmp(buf, "pairs:", 6) == 0) {
		load_pairs(buf + 6, r);
	} else if (strncmp(buf, "file:", 5) == 0) {
		char *sp = strchr(buf, ' ');
		const char *cols = NULL;

		if (sp != NULL) {
			*sp = '\0';
			assert_int_equal(strncmp(sp + 1, "cols ", 5), 0);
			cols = sp + 6;
		}
		load_file(buf + 5, cols, r);
	} else if (strncmp(buf, "raters x3 high/low", 18) == 0) {
		load_dkpro_multirater(r);
	} else {
		fail_msg("unknown input form: %s", input);
	}
}

/* The tolerance for an expected value: "7 s.f." means half a unit in the
 * seventh significant figure; otherwise the leading number. */
static double
tolerance(const char *tol, double expected)
{
	char num[32];
	double t;

	if (strncmp(tol, "7 s.f.", 6) == 0) {
		if (expected == 0)
			return 5e-8; /* R prints p < 1e-16 as 0 */
		return 0.5 * pow(10, floor(log10(fabs(expected))) - 6) * 1.0001;
	}
	snprintf(num, sizeof(num), "%s", tol);
	num[strcspn(num, " ")] = '\0';
	assert_true(text_parse_double(num, &t));
	return t;
}

/* Checks one quantity; reports it by name on failure. */
static void
check(const char *kase, const char *what, double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("%s %s: got %.9g, published %.9g (tolerance %g)", kase, what, got, want,
		    tol);
}

/* Reads custom disagreement weights "c(0,0,1,1,2)" from a description. */
static size_t
custom_weights(const char *desc, double *w)
{
	const char *p = strstr(desc, "c(");
	char buf[128], *cells[16];
	size_t n;

	if (p == NULL)
		return 0;
	snprintf(buf, sizeof(buf), "%s", p + 2);
	buf[strcspn(buf, ")")] = '\0';
	n = split(buf, ',', cells, 16);
	for (size_t i = 0; i < n; i++)
		assert_true(text_parse_double(cells[i], &w[i]));
	return n;
}

/* Every row of expected_agreement.csv. */
static void
test_published_vectors(void **state)
{
	struct testcsv c;
	size_t rows = 0, values = 0;
	static struct ratings r;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/agreement/expected_agreement.csv"), 0);
	assert_int_equal(testcsv_next(&c), 8);
	while (testcsv_next(&c) == 8) {
		const char *kase = c.field[0], *stat = c.field[1], *input = c.field[2];
		const char *wl = c.field[3], *tol = c.field[6];
		char qbuf[256], ebuf[256], *q[16], *e[16];
		double want[16];
		size_t nq, ne;
		struct cairn_err err = { 0 };

		snprintf(qbuf, sizeof(qbuf), "%s", c.field[4]);
		snprintf(ebuf, sizeof(ebuf), "%s", c.field[5]);
		nq = split(qbuf, ';', q, 16);
		ne = split(ebuf, ';', e, 16);
		for (size_t i = 0; i < ne; i++)
			assert_true(text_parse_double(e[i], &want[i]));
		if (strcmp(stat, "cohen_kappa") == 0 || strcmp(stat, "weighted_kappa") == 0) {
			struct stats_kappa_req req = { STATS_W_NONE, STATS_LEVELS_PRESENT, NULL, 0,
				NULL, 0, 0.95 };
			struct stats_kappa k;
			double cw[16];

			load_input(input, &r);
			assert_int_equal(r.raters, 2);
			if (strstr(wl, "linear") != NULL)
				req.weights = STATS_W_LINEAR;
			else if (strstr(wl, "quadratic") != NULL)
				req.weights = STATS_W_QUADRATIC;
			req.ncustom = custom_weights(wl, cw);
			req.custom = req.ncustom > 0 ? cw : NULL;
			{
				double a[MAXU * MAXR], b[MAXU * MAXR];

				for (size_t u = 0; u < r.units; u++) {
					a[u] = r.x[2 * u];
					b[u] = r.x[2 * u + 1];
				}
				assert_int_equal(stats_kappa(a, b, r.units, &req, &k, &err),
				    CAIRN_OK);
			}
			assert_int_equal(nq, ne);
			for (size_t i = 0; i < nq; i++) {
				double got = strcmp(q[i], "kappa") == 0 ? k.kappa
				    : strcmp(q[i], "z") == 0            ? k.z
				    : strcmp(q[i], "p") == 0            ? k.p
				                                        : NAN;

				check(kase, q[i], got, want[i], tolerance(tol, want[i]));
				values++;
			}
		} else if (strcmp(stat, "fleiss_kappa") == 0) {
			static long counts[MAXU * MAXV];
			long *cp = counts, *alloc = NULL;
			double cats_k[MAXV], *cats = NULL;
			size_t subjects, ncat = 0;
			struct stats_fleiss f;

			if (strncmp(input, "counts:", 7) == 0) {
				char buf[1024];

				snprintf(buf, sizeof(buf), "%s", input + 7);
				subjects = load_counts(buf, counts, &ncat);
			} else {
				load_input(input, &r);
				assert_int_equal(stats_fleiss_counts(r.x, r.units, r.raters, &alloc,
				                     &subjects, &cats, &ncat, &err),
				    CAIRN_OK);
				cp = alloc;
			}
			assert_int_equal(stats_fleiss(cp, subjects, ncat, &f, cats_k, &err),
			    CAIRN_OK);
			if (strncmp(q[0], "category kappas", 15) == 0) {
				assert_int_equal(ne, ncat);
				for (size_t j = 0; j < ncat; j++) {
					check(kase, "category kappa", cats_k[j], want[j],
					    tolerance(tol, want[j]));
					values++;
				}
			} else {
				assert_int_equal(nq, ne);
				for (size_t i = 0; i < nq; i++) {
					double got = strcmp(q[i], "kappa") == 0 ? f.kappa
					    : strcmp(q[i], "z") == 0            ? f.z
					    : strcmp(q[i], "p") == 0            ? f.p
					    : strcmp(q[i], "P_bar") == 0        ? f.p_bar
					    : strcmp(q[i], "P_e") == 0          ? f.p_e
					                                        : NAN;

					check(kase, q[i], got, want[i], tolerance(tol, want[i]));
					values++;
				}
			}
			free(alloc);
			free(cats);
		} else if (strcmp(stat, "krippendorff_alpha") == 0) {
			enum stats_metric m;
			struct stats_alpha a;

			assert_true(stats_metric_parse(wl, &m));
			load_input(input, &r);
			assert_int_equal(stats_alpha(r.x, r.units, r.raters, m, &a, &err),
			    CAIRN_OK);
			assert_int_equal(nq, ne);
			for (size_t i = 0; i < nq; i++) {
				double got = strcmp(q[i], "alpha") == 0 ? a.alpha
				    : strcmp(q[i], "D_o") == 0          ? a.d_o
				    : strcmp(q[i], "D_e") == 0          ? a.d_e
				                                        : NAN;

				check(kase, q[i], got, want[i], tolerance(tol, want[i]));
				values++;
			}
		} else {
			fail_msg("unknown statistic %s", stat);
		}
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 19); /* every row of the file */
	assert_true(values >= 40);
}

/* dkpro's generalised percentage agreement for the same example is the
 * mean pairwise agreement, P_bar = 0.533; irr::agree's all-raters-agree
 * share is 3/10 there (units 1, 6 and 7). */
static void
test_percentage_agreement(void **state)
{
	static struct ratings r;
	double pct;
	size_t n;
	struct cairn_err err = { 0 };
	double x[] = { 1, 1, 2, 3, 4, 6, 5, STATS_NA, 6, 6 };

	(void)state;
	load_dkpro_multirater(&r);
	assert_int_equal(stats_agreement_pct(r.x, 10, 3, 0, &pct, &n, &err), CAIRN_OK);
	assert_int_equal(n, 10);
	assert_true(fabs(pct - 0.3) < 1e-12);
	/* 5 units x 2 raters: (1,1) (2,3) (4,6) (5,NA) (6,6) */
	assert_int_equal(stats_agreement_pct(x, 5, 2, 0, &pct, &n, &err), CAIRN_OK);
	assert_int_equal(n, 4);
	assert_true(fabs(pct - 0.5) < 1e-12);
	assert_int_equal(stats_agreement_pct(x, 5, 2, 1, &pct, &n, &err), CAIRN_OK);
	assert_true(fabs(pct - 0.75) < 1e-12);
	assert_int_equal(stats_agreement_pct(x, 5, 1, 0, &pct, &n, &err), CAIRN_EDATA);
}

/* The two level conventions: on the anxiety data (raters 2 and 3 use
 * {1,2,3,4,6}) the full scale 1..6 changes weighted kappa, but not the
 * unweighted one; a value off the scale is an error. */
static void
test_level_conventions(void **state)
{
	static struct ratings r;
	double a[32], b[32], scale[6] = { 1, 2, 3, 4, 5, 6 }, shortscale[3] = { 1, 2, 3 };
	struct stats_kappa_req req = { STATS_W_LINEAR, STATS_LEVELS_PRESENT, NULL, 0, NULL, 0,
		0.95 };
	struct stats_kappa present, full;
	struct cairn_err err = { 0 };

	(void)state;
	load_file("agreement/irr_anxiety.csv", "rater2,rater3", &r);
	for (size_t u = 0; u < r.units; u++) {
		a[u] = r.x[2 * u];
		b[u] = r.x[2 * u + 1];
	}
	assert_int_equal(stats_kappa(a, b, r.units, &req, &present, &err), CAIRN_OK);
	assert_int_equal(present.ncat, 5);
	check("present", "kappa", present.kappa, 0.1459075, 5e-8);
	req.levels = STATS_LEVELS_SCALE;
	req.scale = scale;
	req.nscale = 6;
	assert_int_equal(stats_kappa(a, b, r.units, &req, &full, &err), CAIRN_OK);
	assert_int_equal(full.ncat, 6);
	assert_true(fabs(full.kappa - present.kappa) > 0.01);
	/* The interval is kappa +- 1.96 se and contains kappa. */
	assert_true(full.ci_low < full.kappa && full.kappa < full.ci_high);
	assert_true(fabs((full.ci_high - full.ci_low) / 2 - 1.959964 * full.se) < 1e-5);
	req.weights = STATS_W_NONE;
	assert_int_equal(stats_kappa(a, b, r.units, &req, &full, &err), CAIRN_OK);
	check("scale unweighted", "kappa", full.kappa, -0.006289308, 5e-10);
	req.scale = shortscale;
	req.nscale = 3;
	assert_int_equal(stats_kappa(a, b, r.units, &req, &full, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "not one of the scale"));
}

/*
 * The asymptotic standard error and interval against SAS PROC FREQ's
 * printout for the table 0,4,1;0,8,0;0,1,5 (quoted, 4 decimals, in
 * statsmodels stats/tests/test_inter_rater.py @ 039c320d): unweighted and
 * linear (Cicchetti-Allison) weights.
 */
static void
test_kappa_se_sas(void **state)
{
	static const long table[3][3] = { { 0, 4, 1 }, { 0, 8, 0 }, { 0, 1, 5 } };
	static const struct {
		enum stats_weights w;
		double kappa, se, lo, hi, se0, z, p;
	} cases[] = {
		{ STATS_W_NONE, 0.4842, 0.1380, 0.2137, 0.7547, 0.1484, 3.2626, 0.0011 },
		{ STATS_W_LINEAR, 0.4701, 0.1457, 0.1845, 0.7558, 0.1426, 3.2971, 0.0010 },
	};
	double a[32], b[32];
	size_t n = 0;
	struct cairn_err err = { 0 };

	(void)state;
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			for (long k = 0; k < table[i][j]; k++, n++) {
				a[n] = i + 1;
				b[n] = j + 1;
			}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct stats_kappa_req req = { cases[i].w, STATS_LEVELS_PRESENT, NULL, 0, NULL, 0,
			0.95 };
		struct stats_kappa k;

		assert_int_equal(stats_kappa(a, b, n, &req, &k, &err), CAIRN_OK);
		check("sas", "kappa", k.kappa, cases[i].kappa, 5e-5);
		check("sas", "ASE", k.se, cases[i].se, 5e-5);
		check("sas", "lower", k.ci_low, cases[i].lo, 5e-5);
		check("sas", "upper", k.ci_high, cases[i].hi, 5e-5);
		check("sas", "ASE under H0", k.se0, cases[i].se0, 5e-5);
		check("sas", "Z", k.z, cases[i].z, 5e-5);
		check("sas", "two-sided p", k.p, cases[i].p, 5e-5);
	}
}

/* Missing ratings are dropped pairwise; undefined cases are errors. */
static void
test_kappa_edges(void **state)
{
	double a[] = { 1, 2, STATS_NA, 2, 1 }, b[] = { 1, 2, 3, STATS_NA, 2 };
	double one[] = { 3, 3, 3 };
	struct stats_kappa_req req = { STATS_W_NONE, STATS_LEVELS_PRESENT, NULL, 0, NULL, 0, 0.95 };
	struct stats_kappa k;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(stats_kappa(a, b, 5, &req, &k, &err), CAIRN_OK);
	assert_int_equal(k.n, 3);
	/* table (1,1) (2,2) (1,2): p_o = 2/3, p_e = 2/3*1/3 + 1/3*2/3 = 4/9 */
	assert_true(fabs(k.kappa - (2.0 / 3 - 4.0 / 9) / (1 - 4.0 / 9)) < 1e-12);
	assert_int_equal(stats_kappa(one, one, 3, &req, &k, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	req.level = 1.5;
	assert_int_equal(stats_kappa(a, b, 5, &req, &k, &err), CAIRN_EUSAGE);
}

/* Alpha: missing values, every level, the undefined case, and the
 * bootstrap's determinism. */
static void
test_alpha_bootstrap(void **state)
{
	static struct ratings r;
	struct stats_alpha a;
	struct stats_boot b1, b2, b3;
	struct cairn_err err = { 0 };
	double same[] = { 2, 2, 2, 2, STATS_NA, 2 };

	(void)state;
	load_file("agreement/hayes_krippendorff2007_units_x_coders.csv", NULL, &r);
	assert_int_equal(stats_alpha(r.x, r.units, r.raters, STATS_METRIC_ORDINAL, &a, &err),
	    CAIRN_OK);
	check("hayes", "alpha", a.alpha, 0.7598, 0.0001);
	assert_int_equal(a.units, 40);
	assert_int_equal(stats_alpha_bootstrap(r.x, r.units, r.raters, STATS_METRIC_ORDINAL, 1000,
	                     0.95, 12345, &b1, &err),
	    CAIRN_OK);
	assert_int_equal(stats_alpha_bootstrap(r.x, r.units, r.raters, STATS_METRIC_ORDINAL, 1000,
	                     0.95, 12345, &b2, &err),
	    CAIRN_OK);
	assert_int_equal(stats_alpha_bootstrap(r.x, r.units, r.raters, STATS_METRIC_ORDINAL, 1000,
	                     0.95, 54321, &b3, &err),
	    CAIRN_OK);
	assert_true(b1.lower == b2.lower && b1.upper == b2.upper);
	assert_true(b1.lower != b3.lower || b1.upper != b3.upper);
	assert_true(b1.lower < a.alpha && a.alpha < b1.upper);
	/* Hayes & Krippendorff (2007) report 0.6793 to 0.8328 from their own
	 * resampling; the unit bootstrap is of the same width. */
	assert_true(b1.lower > 0.6 && b1.lower < 0.75);
	assert_true(b1.upper > 0.8 && b1.upper < 0.9);
	assert_int_equal(b1.used, 1000);
	assert_int_equal(stats_alpha(same, 3, 2, STATS_METRIC_NOMINAL, &a, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	assert_int_equal(stats_alpha_bootstrap(r.x, r.units, r.raters, STATS_METRIC_ORDINAL, 1,
	                     0.95, 1, &b1, &err),
	    CAIRN_EUSAGE);
}

/* Jackknife standard error of alpha over the units of r (leave one unit
 * out), an estimate independent of any random stream. */
static double
alpha_jackknife_se(const struct ratings *r, enum stats_metric metric)
{
	static double sub[MAXU * MAXR];
	double th[MAXU], mean = 0, ss = 0;
	struct stats_alpha a;
	struct cairn_err err = { 0 };
	size_t n = r->units, k = r->raters;

	for (size_t u = 0; u < n; u++) {
		size_t rows = 0;

		for (size_t v = 0; v < n; v++)
			if (v != u)
				memcpy(sub + k * rows++, r->x + k * v, k * sizeof(*sub));
		assert_int_equal(stats_alpha(sub, rows, k, metric, &a, &err), CAIRN_OK);
		th[u] = a.alpha;
		mean += a.alpha;
	}
	mean /= (double)n;
	for (size_t u = 0; u < n; u++)
		ss += (th[u] - mean) * (th[u] - mean);
	return sqrt((double)(n - 1) / (double)n * ss);
}

/*
 * The multinomial bootstrap (units in few patterns).  The Hayes &
 * Krippendorff (2007) data repeated 25 times (1,000 units, at most 40
 * patterns) has, to first order, the same alpha and a standard error 5
 * (sqrt 25) times smaller than the 40 units: so the replicates must centre
 * on alpha, their SD must be near the jackknife SE of the 40 units / 5, and
 * the interval near the normal one, alpha -/+ 1.96 SE.  (Hayes &
 * Krippendorff's own interval, 0.6793 to 0.8328, resamples pairable values
 * and is about a quarter narrower than any bootstrap over units, so it is
 * not the yardstick here.)  The 40 units themselves are too few for the
 * multinomial (they are drawn unit by unit).
 */
static void
test_alpha_bootstrap_multinomial(void **state)
{
	static struct ratings r;
	enum { REP = 25 };
	double *big, se_jack, half;
	struct stats_alpha a, a40;
	struct stats_boot b, b2, small;
	struct cairn_err err = { 0 };

	(void)state;
	load_file("agreement/hayes_krippendorff2007_units_x_coders.csv", NULL, &r);
	big = malloc(REP * r.units * r.raters * sizeof(*big));
	assert_non_null(big);
	for (size_t t = 0; t < REP; t++)
		memcpy(big + t * r.units * r.raters, r.x, r.units * r.raters * sizeof(*big));
	assert_int_equal(stats_alpha(r.x, r.units, r.raters, STATS_METRIC_ORDINAL, &a40, &err),
	    CAIRN_OK);
	assert_int_equal(stats_alpha(big, REP * r.units, r.raters, STATS_METRIC_ORDINAL, &a, &err),
	    CAIRN_OK);
	/* Repeating the data k times scales o, n_c and n by k (and ordinal
	 * delta^2 by k^2), so 1 - alpha_k = (1 - alpha) (kn - 1) / (k (n - 1)). */
	{
		double n = (double)a40.n_pairable;

		check("hayes x25", "alpha", a.alpha,
		    1 - (1 - 0.7598) * (REP * n - 1) / (REP * (n - 1)), 0.0001);
	}
	assert_int_equal(stats_alpha_bootstrap(big, REP * r.units, r.raters, STATS_METRIC_ORDINAL,
	                     4000, 0.95, 7, &b, &err),
	    CAIRN_OK);
	assert_int_equal(b.draw, STATS_BOOT_MULTINOMIAL);
	assert_int_equal(b.used, 4000);
	se_jack = alpha_jackknife_se(&r, STATS_METRIC_ORDINAL);
	half = 1.959964 * se_jack / 5;
	print_message("# alpha %.4f mean %.4f sd %.5f jackknife/5 %.5f interval %.4f %.4f\n",
	    a.alpha, b.mean, b.sd, se_jack / 5, b.lower, b.upper);
	/* The replicates centre on alpha (their SE of the mean is sd/63). */
	assert_true(fabs(b.mean - a.alpha) < 0.003);
	/* Bootstrap SE against the jackknife's, within 20%. */
	assert_true(fabs(b.sd / (se_jack / 5) - 1) < 0.2);
	/* The interval: each end within a fifth of the half-width of the normal
	 * interval's. */
	assert_true(fabs(b.lower - (a.alpha - half)) < 0.2 * half);
	assert_true(fabs(b.upper - (a.alpha + half)) < 0.2 * half);
	/* Same seed, same interval; another seed, another. */
	assert_int_equal(stats_alpha_bootstrap(big, REP * r.units, r.raters, STATS_METRIC_ORDINAL,
	                     4000, 0.95, 7, &b2, &err),
	    CAIRN_OK);
	assert_true(b.lower == b2.lower && b.upper == b2.upper);
	assert_int_equal(stats_alpha_bootstrap(big, REP * r.units, r.raters, STATS_METRIC_ORDINAL,
	                     4000, 0.95, 8, &b2, &err),
	    CAIRN_OK);
	assert_true(b.lower != b2.lower || b.upper != b2.upper);
	/* 40 units in up to 40 patterns: unit draws. */
	assert_int_equal(stats_alpha_bootstrap(r.x, r.units, r.raters, STATS_METRIC_ORDINAL, 200,
	                     0.95, 7, &small, &err),
	    CAIRN_OK);
	assert_int_equal(small.draw, STATS_BOOT_UNITS);
	print_message("# 40 units: sd %.4f jack %.4f\n", small.sd, se_jack);
	assert_true(fabs(small.sd / se_jack - 1) < 0.3);
	free(big);
}

/*
 * stats_agreement_items: each item's numbers are those of the functions
 * one by one, the published ones for irr's anxiety raters 2 and 3, and the
 * same on 1 or 2 threads.
 */
static void
test_agreement_items(void **state)
{
	static struct ratings r23, all;
	struct stats_item_req req = {
		.weighted = { STATS_W_QUADRATIC, STATS_LEVELS_PRESENT, NULL, 0, NULL, 0, 0.95 },
		.metric = STATS_METRIC_ORDINAL,
		.reps = 500,
		.boot_level = 0.95,
		.seed = 3,
	};
	struct stats_item one[4], two[4];
	double pair[3][2 * MAXU], bad[6] = { 1, 1, 1, 1, 1, 1 };
	struct stats_boot b;
	struct stats_alpha a;
	struct cairn_err err = { 0 };

	(void)state;
	load_file("agreement/irr_anxiety.csv", "rater2,rater3", &r23);
	load_file("agreement/irr_anxiety.csv", NULL, &all);
	/* Items: raters (2,3), (1,2), (1,3), then one with a single category. */
	for (size_t u = 0; u < all.units; u++) {
		const double *row = all.x + u * 3;

		pair[0][2 * u] = row[1], pair[0][2 * u + 1] = row[2];
		pair[1][2 * u] = row[0], pair[1][2 * u + 1] = row[1];
		pair[2][2 * u] = row[0], pair[2][2 * u + 1] = row[2];
	}
	memset(one, 0, sizeof(one));
	for (size_t i = 0; i < 3; i++) {
		one[i].x = pair[i];
		one[i].units = all.units;
	}
	one[3].x = bad;
	one[3].units = 3;
	memcpy(two, one, sizeof(one));
	assert_int_equal(stats_agreement_items(&req, one, 3, 1), CAIRN_OK);
	assert_int_equal(stats_agreement_items(&req, two, 4, 2), CAIRN_EDATA);
	assert_int_equal(two[3].rc, CAIRN_EDATA);
	assert_non_null(strstr(two[3].err.msg, "unweighted kappa: "));
	check("irr_anxiety_r2r3", "kappa", one[0].kappa.kappa, -0.006289308, 1e-7);
	check("irr_anxiety_r2r3", "z", one[0].kappa.z, -0.0604067, 1e-6);
	check("irr_anxiety_r2r3", "quadratic kappa", one[0].wkappa.kappa, 0.2520325, 1e-7);
	check("irr_anxiety_r2r3", "quadratic z", one[0].wkappa.z, 1.437451, 1e-6);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(two[i].rc, CAIRN_OK);
		assert_memory_equal(&one[i].kappa, &two[i].kappa, sizeof(one[i].kappa));
		assert_memory_equal(&one[i].wkappa, &two[i].wkappa, sizeof(one[i].wkappa));
		assert_memory_equal(&one[i].alpha, &two[i].alpha, sizeof(one[i].alpha));
		assert_true(one[i].boot.lower == two[i].boot.lower &&
		    one[i].boot.upper == two[i].boot.upper);
		assert_int_equal(stats_alpha(pair[i], all.units, 2, STATS_METRIC_ORDINAL, &a, &err),
		    CAIRN_OK);
		assert_true(a.alpha == one[i].alpha.alpha);
		assert_int_equal(stats_alpha_bootstrap(pair[i], all.units, 2, STATS_METRIC_ORDINAL,
		                     500, 0.95, 3, &b, &err),
		    CAIRN_OK);
		assert_true(b.lower == one[i].boot.lower && b.upper == one[i].boot.upper);
	}
	assert_memory_equal(r23.x, pair[0], 2 * r23.units * sizeof(double));
}

/* The strength words at their published edges. */
static void
test_strength_words(void **state)
{
	(void)state;
	assert_string_equal(stats_kappa_strength(-0.01), "poor");
	assert_string_equal(stats_kappa_strength(0.0), "slight");
	assert_string_equal(stats_kappa_strength(0.20), "slight");
	assert_string_equal(stats_kappa_strength(0.21), "fair");
	assert_string_equal(stats_kappa_strength(0.40), "fair");
	assert_string_equal(stats_kappa_strength(0.41), "moderate");
	assert_string_equal(stats_kappa_strength(0.61), "substantial");
	assert_string_equal(stats_kappa_strength(0.80), "substantial");
	assert_string_equal(stats_kappa_strength(0.81), "almost perfect");
	assert_string_equal(stats_kappa_strength(STATS_NA), "undefined");
	assert_string_equal(stats_alpha_strength(0.800), "reliable");
	assert_string_equal(stats_alpha_strength(0.7999), "tentative");
	assert_string_equal(stats_alpha_strength(0.667), "tentative");
	assert_string_equal(stats_alpha_strength(0.6669), "unreliable");
}

/* Fleiss needs the same number of ratings per subject. */
static void
test_fleiss_bad(void **state)
{
	long counts[] = { 2, 1, 0, 3, 0, 1 };
	struct stats_fleiss f;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(stats_fleiss(counts, 2, 3, &f, NULL, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "same number"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published_vectors),
		cmocka_unit_test(test_percentage_agreement),
		cmocka_unit_test(test_level_conventions),
		cmocka_unit_test(test_kappa_se_sas),
		cmocka_unit_test(test_kappa_edges),
		cmocka_unit_test(test_alpha_bootstrap),
		cmocka_unit_test(test_alpha_bootstrap_multinomial),
		cmocka_unit_test(test_agreement_items),
		cmocka_unit_test(test_fleiss_bad),
		cmocka_unit_test(test_strength_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
