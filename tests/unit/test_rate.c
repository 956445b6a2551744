/*
 * Rates (Byar's, exact Poisson) and Wilson proportions against the
 * PHEindicatormethods test data (testdata_Byars_Wilson, testdata_Rate),
 * read from $CAIRN_TESTDATA/stats/phe.
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
#include "stats/proportion.h"
#include "stats/rate.h"
#include "testcsv.h"

/* Asserts |got - want| is within 1e-9 relative (or absolute near 0). */
static void
near(double got, double want, const char *what, int line)
{
	double tol = 1e-9 * (fabs(want) > 1 ? fabs(want) : 1.0);

	if (!(fabs(got - want) <= tol))
		fail_msg("%s on data line %d: got %.17g, published %.17g", what, line, got, want);
}

static void
test_byars_wilson(void **state)
{
	struct testcsv c;
	char **fl = c.field;
	int ln = 1, checked = 0;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/phe/testdata_Byars_Wilson__testdata_B_W.csv"), 0);
	assert_int_equal(testcsv_next(&c), 6);
	while (testcsv_next(&c) != 0) {
		double x, n, lo, hi, level, glo, ghi;

		ln++;
		assert_int_equal(c.nfield, 6);
		x = testcsv_num(fl[0]);
		n = testcsv_num(fl[1]);
		lo = testcsv_num(fl[2]);
		hi = testcsv_num(fl[3]);
		level = strcmp(fl[4], "95%") == 0 ? 0.95 : 0.998;
		if (strcmp(fl[5], "Byars") == 0) {
			assert_true(stats_byars(x, level, &glo, &ghi));
			if (isnan(lo))
				assert_true(isnan(glo)); /* PHE returns NA when negative */
			else
				near(glo, lo, "Byar's lower", ln);
			near(ghi, hi, "Byar's upper", ln);
		} else {
			struct stats_prop p;

			assert_true(stats_proportion(x, n, level, STATS_CI_WILSON, &p));
			near(p.lower, lo, "Wilson lower", ln);
			near(p.upper, hi, "Wilson upper", ln);
		}
		checked++;
	}
	testcsv_close(&c);
	assert_int_equal(checked, 13);
}

static void
test_rates(void **state)
{
	struct testcsv c;
	char **fl = c.field;
	int ln = 1, checked = 0, refused = 0;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/phe/testdata_Rate__testdata_Rate.csv"), 0);
	assert_int_equal(testcsv_next(&c), 11);
	while (testcsv_next(&c) != 0) {
		struct stats_rate r95, r998;
		double x, n, per;

		ln++;
		assert_int_equal(c.nfield, 11);
		x = testcsv_num(fl[1]);
		n = testcsv_num(fl[2]);
		per = testcsv_num(fl[10]);
		if (isnan(x) || isnan(n)) {
			/* Missing inputs: PHE returns NA; Cairn refuses. */
			assert_false(stats_rate(x, n, per, 0.95, &r95));
			refused++;
			continue;
		}
		assert_true(stats_rate(x, n, per, 0.95, &r95));
		assert_true(stats_rate(x, n, per, 0.998, &r998));
		near(r95.value, testcsv_num(fl[3]), "rate", ln);
		near(r95.lower, testcsv_num(fl[4]), "95% lower", ln);
		near(r95.upper, testcsv_num(fl[5]), "95% upper", ln);
		near(r998.lower, testcsv_num(fl[6]), "99.8% lower", ln);
		near(r998.upper, testcsv_num(fl[7]), "99.8% upper", ln);
		assert_string_equal(stats_rate_method_name[r95.method],
		    strcmp(fl[9], "Exact") == 0 ? "exact" : "byars");
		checked++;
	}
	testcsv_close(&c);
	assert_int_equal(checked, 17);
	assert_int_equal(refused, 3);
}

static void
test_rate_refusals(void **state)
{
	struct stats_rate r;
	double lo, hi;

	(void)state;
	assert_false(stats_rate(-1, 100, 1000, 0.95, &r));
	assert_false(stats_rate(5, 0, 1000, 0.95, &r));
	assert_false(stats_rate(5, 100, 0, 0.95, &r));
	assert_false(stats_rate(5, 100, 1000, 1.5, &r));
	assert_true(stats_poisson_exact(0, 0.95, &lo, &hi));
	assert_true(lo == 0.0);
	assert_true(stats_rate(9, 100, 100, 0.95, &r));
	assert_int_equal(r.method, STATS_RATE_EXACT);
	assert_true(stats_rate(10, 100, 100, 0.95, &r));
	assert_int_equal(r.method, STATS_RATE_BYARS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byars_wilson),
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_rate_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
