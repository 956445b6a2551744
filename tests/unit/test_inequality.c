/*
 * SII, RII, PAR and the trend verdict.  Point estimates against the
 * PHEindicatormethods test data (testdata_SII, every block with published
 * results, to 1e-9); the simulated intervals against PHE's Monte Carlo
 * limits (within PHE's own test tolerance); PAR and ranges against
 * ScotPHO's published definitions on the ScotPHO smoking-in-pregnancy
 * quintiles quoted in the data README.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "stats/inequality.h"
#include "testcsv.h"

#define MAXROWS 600

/* One row of testdata_SII. */
struct row {
	int record;
	char desc[128];
	char area[32];
	int quantile;
	double population, value, lower, upper;
	int value_type;
	double sii, rii, sii_lo, sii_hi, rii_lo, rii_hi, intercept;
};

static struct row rows[MAXROWS];
static size_t nrows;

/* Loads testdata_SII__testdata_SII.csv into rows[]. */
static int
load(void **state)
{
	struct testcsv c;
	char **f = c.field;

	(void)state;
	if (testcsv_open(&c, "stats/phe/testdata_SII__testdata_SII.csv") != 0 ||
	    testcsv_next(&c) < 26)
		return -1;
	while (testcsv_next(&c) != 0 && nrows < MAXROWS) {
		struct row *r = &rows[nrows];

		if (c.nfield < 26)
			continue;
		r->record = (int)testcsv_num(f[0]);
		text_copy(r->desc, sizeof(r->desc), f[1]);
		text_copy(r->area, sizeof(r->area), f[2]);
		r->quantile = (int)testcsv_num(f[5]);
		r->population = testcsv_num(f[6]);
		r->value = testcsv_num(f[8]);
		r->value_type = (int)testcsv_num(f[9]);
		r->lower = testcsv_num(f[10]);
		r->upper = testcsv_num(f[11]);
		r->sii = testcsv_num(f[15]);
		r->rii = testcsv_num(f[16]);
		r->sii_lo = testcsv_num(f[17]);
		r->sii_hi = testcsv_num(f[18]);
		r->rii_lo = testcsv_num(f[19]);
		r->rii_hi = testcsv_num(f[20]);
		r->intercept = testcsv_num(f[25]);
		nrows++;
	}
	testcsv_close(&c);
	return nrows == 505 ? 0 : -1;
}

/* The block starting at rows[i]: same area and test description. */
static size_t
block_len(size_t i)
{
	size_t j = i + 1;

	while (j < nrows && strcmp(rows[j].area, rows[i].area) == 0 &&
	    strcmp(rows[j].desc, rows[i].desc) == 0)
		j++;
	return j - i;
}

/* The phe_sii arguments the package's testSII.R passes for a block,
 * read from its description. */
static void
block_opts(const struct row *r, struct stats_sii_opts *o)
{
	stats_sii_defaults(o);
	o->convention = STATS_SII_PHE;
	o->scale = (enum stats_scale)r->value_type;
	o->transform = strstr(r->desc, "transform") != NULL;
	if (strstr(r->desc, "x 100") != NULL)
		o->multiplier = 100;
	else if (strstr(r->desc, "x -100") != NULL)
		o->multiplier = -100;
	else if (strstr(r->desc, "negative multiplier") != NULL)
		o->multiplier = -1;
	if (strstr(r->desc, "99% confidence") != NULL)
		o->level = 0.99;
	else if (strstr(r->desc, "98% CI") != NULL || strstr(r->desc, "with 98% cis") != NULL)
		o->level = 0.98;
}

/* Copies a block into groups. */
static void
to_groups(size_t i, size_t n, struct stats_group *g)
{
	for (size_t k = 0; k < n; k++) {
		g[k].group = rows[i + k].quantile;
		g[k].population = rows[i + k].population;
		g[k].value = rows[i + k].value;
		g[k].lower = rows[i + k].lower;
		g[k].upper = rows[i + k].upper;
	}
}

static void
near(double got, double want, double reltol, const char *what, int record)
{
	double tol = reltol * (fabs(want) > 1 ? fabs(want) : 1.0);

	if (!(fabs(got - want) <= tol))
		fail_msg("%s, record %d: got %.17g, published %.17g", what, record, got, want);
}

static void
test_phe_point_estimates(void **state)
{
	int blocks = 0, with_rii = 0, with_icpt = 0;

	(void)state;
	for (size_t i = 0; i < nrows;) {
		size_t n = block_len(i);
		struct stats_group g[STATS_GROUPS_MAX];
		struct stats_sii_opts o;
		struct stats_sii s;
		const char *why;

		if (isnan(rows[i].sii) || strstr(rows[i].desc, "error") != NULL ||
		    strstr(rows[i].desc, "warning") != NULL) {
			i += n;
			continue;
		}
		block_opts(&rows[i], &o);
		to_groups(i, n, g);
		if (!stats_sii(g, n, &o, &s, &why))
			fail_msg("record %d refused: %s", rows[i].record, why);
		near(s.sii, rows[i].sii, 1e-9, "SII", rows[i].record);
		if (!isnan(rows[i].rii)) {
			near(s.rii, rows[i].rii, 1e-9, "RII", rows[i].record);
			with_rii++;
		}
		if (!isnan(rows[i].intercept)) {
			near(s.intercept, rows[i].intercept, 1e-9, "intercept", rows[i].record);
			with_icpt++;
		}
		/* ScotPHO's SII is minus the same slope. */
		if (!o.transform && o.multiplier == 1) {
			o.convention = STATS_SII_SCOTPHO;
			assert_true(stats_sii(g, n, &o, &s, &why));
			near(s.sii, -rows[i].sii, 1e-9, "ScotPHO SII", rows[i].record);
			assert_true(s.sii_lower < s.sii && s.sii < s.sii_upper);
		}
		blocks++;
		i += n;
	}
	/* 44 blocks carry published results outside the error cases. */
	assert_int_equal(blocks, 44);
	assert_int_equal(with_rii, 40);
	assert_int_equal(with_icpt, 26);
}

static void
test_phe_simulated_limits(void **state)
{
	int checked = 0;

	(void)state;
	for (size_t i = 0; i < nrows;) {
		size_t n = block_len(i);
		struct stats_group g[STATS_GROUPS_MAX];
		struct stats_sii_opts o;
		struct stats_sii s;
		const char *why;

		if (isnan(rows[i].sii_lo) || strstr(rows[i].desc, "error") != NULL ||
		    strstr(rows[i].desc, "warning") != NULL) {
			i += n;
			continue;
		}
		block_opts(&rows[i], &o);
		o.reps = 20000; /* testSII.R uses 10000 */
		o.seed = 20241213;
		to_groups(i, n, g);
		assert_true(stats_sii(g, n, &o, &s, &why));
		assert_true(s.simulated);
		/* PHE's own tests allow 5% between runs of the simulation. */
		near(s.sim_sii_lower, rows[i].sii_lo, 0.05, "simulated SII lower", rows[i].record);
		near(s.sim_sii_upper, rows[i].sii_hi, 0.05, "simulated SII upper", rows[i].record);
		if (!isnan(rows[i].rii_lo)) {
			near(s.sim_rii_lower, rows[i].rii_lo, 0.05, "simulated RII lower",
			    rows[i].record);
			near(s.sim_rii_upper, rows[i].rii_hi, 0.05, "simulated RII upper",
			    rows[i].record);
		}
		checked++;
		i += n;
	}
	assert_int_equal(checked, 42);
}

static void
test_simulation_is_seeded(void **state)
{
	struct stats_group g[STATS_GROUPS_MAX];
	struct stats_sii_opts o;
	struct stats_sii a, b, c;
	const char *why;

	(void)state;
	to_groups(0, 10, g);
	block_opts(&rows[0], &o);
	o.reps = 2000;
	o.seed = 5;
	assert_true(stats_sii(g, 10, &o, &a, &why));
	assert_true(stats_sii(g, 10, &o, &b, &why));
	assert_true(a.sim_sii_lower == b.sim_sii_lower && a.sim_sii_upper == b.sim_sii_upper);
	o.seed = 6;
	assert_true(stats_sii(g, 10, &o, &c, &why));
	assert_true(a.sim_sii_lower != c.sim_sii_lower);
}

static void
test_refusals(void **state)
{
	struct stats_group g[STATS_GROUPS_MAX];
	struct stats_sii_opts o;
	struct stats_sii s;
	const char *why;

	(void)state;
	stats_sii_defaults(&o);
	to_groups(60, 5, g); /* quintiles, area 1 */
	assert_true(stats_sii(g, 5, &o, &s, &why));
	/* A missing group: only 4 of 5. */
	assert_false(stats_sii(g, 4, &o, &s, &why));
	assert_non_null(why);
	/* Group 5 given twice instead of 4. */
	g[3].group = 5;
	assert_false(stats_sii(g, 5, &o, &s, &why));
	assert_non_null(strstr(why, "missing") != NULL ? why : strstr(why, "twice"));
	to_groups(60, 5, g);
	g[2].population = 0;
	assert_false(stats_sii(g, 5, &o, &s, &why));
	assert_non_null(strstr(why, "population"));
}

static void
test_par_and_ranges(void **state)
{
	/*
	 * ScotPHO smoking during pregnancy, Scotland 2018 (2017/18-2019/20),
	 * quintile 1 to 5: 26.9, 18.6, 12.0, 6.8, 2.9 % (data README).  With
	 * equal populations the ScotPHO formulas give: absolute range 24.0,
	 * relative range 26.9/2.9, PAR = S/(S+1)*100 with
	 * S = 0.2 * sum(v/2.9 - 1).
	 */
	static const double v[5] = { 26.9, 18.6, 12.0, 6.8, 2.9 };
	struct stats_group g[5];
	struct stats_ranges r;
	const char *why;
	double s = 0;

	(void)state;
	for (int i = 0; i < 5; i++) {
		g[i] = (struct stats_group){ i + 1, 1000, v[i], NAN, NAN };
		s += 0.2 * (v[i] / 2.9 - 1);
	}
	assert_true(stats_ranges(g, 5, &r, &why));
	near(r.abs_range, 24.0, 1e-12, "absolute range", 0);
	near(r.rel_range, 26.9 / 2.9, 1e-12, "relative range", 0);
	near(r.par, s / (s + 1) * 100, 1e-12, "PAR", 0);
	assert_true(r.par > 70 && r.par < 80);
}

static void
test_trend_verdict(void **state)
{
	/* A gap of 10 falling by 1 each period with tight intervals: narrowing. */
	double t[5] = { 0, 1, 2, 3, 4 }, y[5], lo[5], hi[5];
	struct stats_trend tr;
	const char *why;

	(void)state;
	for (int i = 0; i < 5; i++) {
		y[i] = 10 - i;
		lo[i] = y[i] - 0.5;
		hi[i] = y[i] + 0.5;
	}
	assert_true(stats_sii_trend(t, y, lo, hi, 5, 0.95, &tr, &why));
	assert_true(tr.weighted);
	near(tr.change, -1.0, 1e-12, "change", 0);
	assert_int_equal(tr.verdict, STATS_TREND_NARROWING);
	/* Rising: widening. */
	for (int i = 0; i < 5; i++) {
		y[i] = 5 + i;
		lo[i] = y[i] - 0.5;
		hi[i] = y[i] + 0.5;
	}
	assert_true(stats_sii_trend(t, y, lo, hi, 5, 0.95, &tr, &why));
	assert_int_equal(tr.verdict, STATS_TREND_WIDENING);
	/* Wide intervals: the interval of the change includes zero. */
	for (int i = 0; i < 5; i++) {
		lo[i] = y[i] - 30;
		hi[i] = y[i] + 30;
	}
	assert_true(stats_sii_trend(t, y, lo, hi, 5, 0.95, &tr, &why));
	assert_true(tr.lower < 0 && tr.upper > 0);
	assert_int_equal(tr.verdict, STATS_TREND_NO_CLEAR_CHANGE);
	/* Without intervals: OLS with t; two periods are not enough. */
	assert_false(stats_sii_trend(t, y, NULL, NULL, 2, 0.95, &tr, &why));
	assert_true(stats_sii_trend(t, y, NULL, NULL, 5, 0.95, &tr, &why));
	assert_false(tr.weighted);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phe_point_estimates),
		cmocka_unit_test(test_phe_simulated_limits),
		cmocka_unit_test(test_simulation_is_seeded),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_par_and_ranges),
		cmocka_unit_test(test_trend_verdict),
	};

	return cmocka_run_group_tests(tests, load, NULL);
}
