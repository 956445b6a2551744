/* Intervals for a proportion against Newcombe (1998), Table I: every row of
 * $CAIRN_TESTDATA/stats/proportion/newcombe1998_tableI.csv; and the exact
 * interval against R's binom.test on a grid up to n = 10^7
 * (stats/proportion/binom_exact_R.csv, made by R/binom_exact.R). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <math.h>

#include <string.h>

#include "core/text.h"
#include "stats/proportion.h"
#include "testcsv.h"

static void
test_newcombe_1998_wilson(void **state)
{
	/* x, n, published lower and upper (4 decimals). */
	static const double cases[][4] = {
		{ 81, 263, 0.2553, 0.3662 },
		{ 15, 148, 0.0624, 0.1605 },
		{ 0, 20, 0.0000, 0.1611 },
		{ 1, 29, 0.0061, 0.1718 },
	};
	struct stats_prop p;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(stats_proportion(cases[i][0], cases[i][1], 0.95, STATS_CI_WILSON, &p));
		assert_true(fabs(p.lower - cases[i][2]) < 0.00006);
		assert_true(fabs(p.upper - cases[i][3]) < 0.00006);
	}
	assert_false(stats_proportion(3, 2, 0.95, STATS_CI_WILSON, &p));
	assert_false(stats_proportion(1, 0, 0.95, STATS_CI_WILSON, &p));
}

/* Maps the method names used in the CSV to the enum. */
static enum stats_ci_method
csv_method(const char *name)
{
	static const struct {
		const char *csv;
		enum stats_ci_method m;
	} map[] = {
		{ "wilson", STATS_CI_WILSON },
		{ "wilson_cc", STATS_CI_WILSON_CC },
		{ "clopper_pearson", STATS_CI_EXACT },
		{ "mid_p", STATS_CI_MIDP },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].csv, name) == 0)
			return map[i].m;
	fail_msg("unknown method %s in the CSV", name);
	return STATS_CI__MAX;
}

/* Every row of Newcombe's Table I (4 decimals): all four methods. */
static void
test_newcombe_1998_table(void **state)
{
	struct testcsv c;
	size_t rows = 0;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/proportion/newcombe1998_tableI.csv"), 0);
	assert_int_equal(testcsv_next(&c), 8);
	while (testcsv_next(&c) == 8) {
		double x, n, conf, lo, hi;
		long dec;
		struct stats_prop p;
		enum stats_ci_method m = csv_method(c.field[3]);

		assert_true(text_parse_double(c.field[0], &x));
		assert_true(text_parse_double(c.field[1], &n));
		assert_true(text_parse_double(c.field[2], &conf));
		assert_true(text_parse_double(c.field[4], &lo));
		assert_true(text_parse_double(c.field[5], &hi));
		assert_true(text_parse_long(c.field[6], 0, 10, &dec));
		assert_true(stats_proportion(x, n, conf, m, &p));
		/* Published to dec decimals: the exact value rounds to it. */
		if (fabs(p.lower - lo) > 0.5 * pow(10, -dec) + 1e-12 ||
		    fabs(p.upper - hi) > 0.5 * pow(10, -dec) + 1e-12)
			fail_msg("%s/%s %s: got %.6f-%.6f, published %s-%s", c.field[0], c.field[1],
			    c.field[3], p.lower, p.upper, c.field[4], c.field[5]);
		assert_true(fabs(p.estimate - x / n) < 1e-15);
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 16);
}

/* PHEindicatormethods' expected Wilson limits (Excel-computed, full
 * precision; testdata_Proportion and testdata_Byars_Wilson), at 95% and
 * 99.8%: every "proportion of 1" row with data, and every Wilson row. */
static void
test_phe_wilson(void **state)
{
	struct testcsv c;
	size_t rows = 0;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/phe/testdata_Proportion__testdata_Prop.csv"), 0);
	assert_true(testcsv_next(&c) >= 9);
	while (testcsv_next(&c) >= 9) {
		double x, n, want[4];
		struct stats_prop p95, p998;

		if (c.field[1][0] == '\0' || c.field[2][0] == '\0' ||
		    strcmp(c.field[8], "proportion of 1") != 0)
			continue;
		assert_true(text_parse_double(c.field[1], &x));
		assert_true(text_parse_double(c.field[2], &n));
		for (int i = 0; i < 4; i++)
			assert_true(text_parse_double(c.field[4 + i], &want[i]));
		assert_true(stats_proportion(x, n, 0.95, STATS_CI_WILSON, &p95));
		assert_true(stats_proportion(x, n, 0.998, STATS_CI_WILSON, &p998));
		if (fabs(p95.lower - want[0]) > 1e-9 * want[0] ||
		    fabs(p95.upper - want[1]) > 1e-9 * want[1] ||
		    fabs(p998.lower - want[2]) > 1e-9 * want[2] ||
		    fabs(p998.upper - want[3]) > 1e-9 * want[3])
			fail_msg("%s %s/%s: got %.12g-%.12g and %.12g-%.12g", c.field[0],
			    c.field[1], c.field[2], p95.lower, p95.upper, p998.lower, p998.upper);
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 8);
	rows = 0;
	assert_int_equal(testcsv_open(&c, "stats/phe/testdata_Byars_Wilson__testdata_B_W.csv"), 0);
	assert_int_equal(testcsv_next(&c), 6);
	while (testcsv_next(&c) == 6) {
		double x, n, lo, hi, level;
		struct stats_prop p;

		if (strcmp(c.field[5], "Wilson") != 0)
			continue;
		assert_true(text_parse_double(c.field[0], &x));
		assert_true(text_parse_double(c.field[1], &n));
		assert_true(text_parse_double(c.field[2], &lo));
		assert_true(text_parse_double(c.field[3], &hi));
		level = strcmp(c.field[4], "95%") == 0 ? 0.95 : 0.998;
		assert_true(stats_proportion(x, n, level, STATS_CI_WILSON, &p));
		if (fabs(p.lower - lo) > 1e-9 * lo || fabs(p.upper - hi) > 1e-9 * hi)
			fail_msg("%s/%s at %s: got %.12g-%.12g", c.field[0], c.field[1], c.field[4],
			    p.lower, p.upper);
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 6);
}

/* Returns true when got is within rel (relative) of want; 0 must be 0. */
static bool
close_rel(double got, double want, double rel)
{
	if (want == 0.0)
		return got == 0.0;
	return fabs(got - want) <= rel * fabs(want);
}

/* The exact (Clopper-Pearson) interval against R 4.2.2's binom.test on
 * every row of the grid, to 1e-10 relative (issue 19: GSL's beta inverse
 * failed to converge on 11 of 24 cases at n = 100,000). */
static void
test_exact_binom_test_R(void **state)
{
	struct testcsv c;
	size_t rows = 0, n_1e7 = 0;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/proportion/binom_exact_R.csv"), 0);
	while (testcsv_next(&c) > 0) {
		double x, n, level, lo, hi;
		struct stats_prop p;

		if (c.field[0][0] == '#' || strcmp(c.field[0], "x") == 0)
			continue;
		assert_int_equal(c.nfield, 5);
		assert_true(text_parse_double(c.field[0], &x));
		assert_true(text_parse_double(c.field[1], &n));
		assert_true(text_parse_double(c.field[2], &level));
		assert_true(text_parse_double(c.field[3], &lo));
		assert_true(text_parse_double(c.field[4], &hi));
		if (!stats_proportion(x, n, level, STATS_CI_EXACT, &p))
			fail_msg("%s/%s at %s: refused", c.field[0], c.field[1], c.field[2]);
		if (!close_rel(p.lower, lo, 1e-10) || !close_rel(p.upper, hi, 1e-10))
			fail_msg("%s/%s at %s: got %.17g-%.17g, R %s-%s", c.field[0], c.field[1],
			    c.field[2], p.lower, p.upper, c.field[3], c.field[4]);
		rows++;
		n_1e7 += n == 1e7;
	}
	testcsv_close(&c);
	assert_true(rows >= 400);
	assert_true(n_1e7 >= 40);
}

/* Newcombe's (1998) method 10 for a difference against R (prop_diff_R.csv,
 * made by R/prop_diff.R), to 1e-12; issue 19's survey example (25/28
 * against 25/38: 0.025 to 0.409) is its first row. */
static void
test_diff_newcombe_R(void **state)
{
	struct testcsv c;
	size_t rows = 0;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/proportion/prop_diff_R.csv"), 0);
	while (testcsv_next(&c) > 0) {
		double v[8];
		struct stats_prop_diff d;

		if (c.nfield != 8 || c.field[0][0] < '0' || c.field[0][0] > '9')
			continue;
		for (int k = 0; k < 8; k++)
			assert_true(text_parse_double(c.field[k], &v[k]));
		assert_true(stats_proportion_diff(v[0], v[1], v[2], v[3], v[4], &d));
		if (fabs(d.diff - v[5]) > 1e-12 || fabs(d.lower - v[6]) > 1e-12 ||
		    fabs(d.upper - v[7]) > 1e-12)
			fail_msg("%s/%s - %s/%s: got %.15g (%.15g to %.15g), R %s (%s to %s)",
			    c.field[0], c.field[1], c.field[2], c.field[3], d.diff, d.lower,
			    d.upper, c.field[5], c.field[6], c.field[7]);
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 30);
}

/* Names, parsing, and inputs the exact methods refuse. */
static void
test_methods_and_bad_input(void **state)
{
	enum stats_ci_method m;
	struct stats_prop p;

	(void)state;
	assert_true(stats_ci_method_parse("wilson-cc", &m));
	assert_int_equal(m, STATS_CI_WILSON_CC);
	assert_true(stats_ci_method_parse("midp", &m));
	assert_int_equal(m, STATS_CI_MIDP);
	assert_false(stats_ci_method_parse("wald", &m));
	assert_false(stats_proportion(1.5, 10, 0.95, STATS_CI_EXACT, &p));
	assert_false(stats_proportion(1, 10, 1.0, STATS_CI_MIDP, &p));
	/* x = n: upper limit 1 in every method, lower limits mirror x = 0. */
	for (int k = 0; k < STATS_CI__MAX; k++) {
		struct stats_prop a, b;

		assert_true(stats_proportion(20, 20, 0.95, (enum stats_ci_method)k, &a));
		assert_true(stats_proportion(0, 20, 0.95, (enum stats_ci_method)k, &b));
		assert_true(a.upper == 1.0 && b.lower == 0.0);
		assert_true(fabs(a.lower - (1.0 - b.upper)) < 1e-9);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_binom_test_R),
		cmocka_unit_test(test_diff_newcombe_R),
		cmocka_unit_test(test_newcombe_1998_wilson),
		cmocka_unit_test(test_newcombe_1998_table),
		cmocka_unit_test(test_phe_wilson),
		cmocka_unit_test(test_methods_and_bad_input),
	};

	/* As cairn's main() does: GSL reports failures as NaN, never aborts. */
	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
