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
#include "stats/dsr.h"
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

/* Reads one area's bands from a PHE DSR test file: columns count, pop
 * (and the standard, when std_col >= 0) from row 2 on, for rows whose
 * first column is area (or every row when area is NULL). */
static size_t
read_bands(const char *file, const char *area, int count_col, int std_col, double *x, double *pop,
    double *std)
{
	struct testcsv c;
	size_t n = 0;

	assert_int_equal(testcsv_open(&c, file), 0);
	assert_true(testcsv_next(&c) >= 3); /* header */
	while (testcsv_next(&c) >= 3) {
		if (area != NULL && strcmp(c.field[0], area) != 0)
			continue;
		assert_true(n < STATS_ESP2013_BANDS);
		/* phe_dsr reads a missing count as 0 (testdata_tiny has one). */
		x[n] = 0;
		if (c.field[count_col][0] != '\0')
			assert_true(text_parse_double(c.field[count_col], &x[n]));
		assert_true(text_parse_double(c.field[count_col + 1], &pop[n]));
		std[n] = stats_esp2013[n];
		if (std_col >= 0)
			assert_true(text_parse_double(c.field[std_col], &std[n]));
		n++;
	}
	testcsv_close(&c);
	return n;
}

/*
 * DSRs with Dobson's interval against PHEindicatormethods' published
 * results (testdata_DSR_ISR testresults_DSR, Excel-computed): every
 * "Dobson" row -- testdata_big and testdata_small against the European
 * Standard Population 2013, testdata_1976 against its own 1976 standard
 * (its 99.8% limits are known to be wrong by x10 and are skipped), per
 * 10,000 and per 100,000, at 95% and 99.8% -- to 1e-9; testdata_tiny
 * (9 events) refused, as phe_dsr gives NA.
 */
static void
test_dsr_phe(void **state)
{
	struct testcsv c;
	size_t rows = 0;
	double esp = 0;

	(void)state;
	for (size_t i = 0; i < STATS_ESP2013_BANDS; i++)
		esp += stats_esp2013[i];
	assert_true(esp == 100000);
	assert_int_equal(testcsv_open(&c, "stats/phe/testdata_DSR_ISR__testresults_DSR.csv"), 0);
	assert_int_equal(testcsv_next(&c), 10);
	while (testcsv_next(&c) == 10) {
		double x[STATS_ESP2013_BANDS], pop[STATS_ESP2013_BANDS], std[STATS_ESP2013_BANDS];
		double mult = strstr(c.field[8], "100000") != NULL ? 100000 : 10000, want[6];
		bool is1976 = strcmp(c.field[0], "testdata_1976") == 0;
		struct stats_dsr d95, d998;
		const char *why;
		size_t n;

		if (strcmp(c.field[9], "Dobson") != 0)
			continue;
		n = is1976 ? read_bands("stats/phe/testdata_DSR_ISR__testdata_1976.csv", NULL, 1, 3,
		                 x, pop, std)
		           : read_bands("stats/phe/testdata_DSR_ISR__testdata_multiarea.csv",
		                 c.field[0], 2, -1, x, pop, std);
		assert_true(n == (is1976 ? 18 : 19));
		if (c.field[3][0] == '\0') {
			assert_false(stats_dsr_compute(x, pop, std, n, mult, 0.95, &d95, &why));
			assert_non_null(strstr(why, "at least 10 events"));
			rows++;
			continue;
		}
		for (int k = 0; k < 6; k++)
			assert_true(text_parse_double(c.field[1 + k], &want[k]));
		assert_true(stats_dsr_compute(x, pop, std, n, mult, 0.95, &d95, &why));
		assert_true(stats_dsr_compute(x, pop, std, n, mult, 0.998, &d998, &why));
		assert_true(d95.events == want[0] && d95.population == want[1]);
		if (fabs(d95.value - want[2]) > 1e-9 * want[2] ||
		    fabs(d95.lower - want[3]) > 1e-9 * want[3] ||
		    fabs(d95.upper - want[4]) > 1e-9 * want[4] ||
		    (!is1976 && (fabs(d998.lower - want[5]) > 1e-9 * want[5])))
			fail_msg("%s per %g: got %.12g (%.12g to %.12g; 99.8%% %.12g to %.12g)",
			    c.field[0], mult, d95.value, d95.lower, d95.upper, d998.lower,
			    d998.upper);
		if (!is1976) {
			double up998;

			assert_true(text_parse_double(c.field[7], &up998));
			assert_true(fabs(d998.upper - up998) <= 1e-9 * up998);
		}
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byars_wilson),
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_rate_refusals),
		cmocka_unit_test(test_dsr_phe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
