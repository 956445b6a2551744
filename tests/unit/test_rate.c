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
#include "stats/isr.h"
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

/* A blank PHE cell is 0 (phe_dsr and calculate_ISRatio read NA as 0). */
static double
num0(const char *s)
{
	return s[0] == '\0' ? 0.0 : testcsv_num(s);
}

/* |got - want| within the 8 decimals PHE publishes its non-independent
 * results to (half a unit in the last place), or 1e-9 relative. */
static bool
near8(double got, double want)
{
	return fabs(got - want) <= 5e-9 + 1e-12 * fabs(want);
}

/*
 * DSRs of non-independent events against PHEindicatormethods' published
 * results (testresults_DSR, method "Dobson, with confidence adjusted for
 * non-independent events", per 100,000, 95% and 99.8%, given to 8
 * decimals) on testdata_nonindepe: f1..f4 are the numbers of people with
 * 1..4 events in each band (a blank is 0).  testdata_nonind_big and
 * _dummy have the same events but different spreads of events per person,
 * so the same DSR with different limits; testdata_nonind_tiny (9 events)
 * has none.
 */
static void
test_dsr_nonindependent(void **state)
{
	struct testcsv c;
	size_t rows = 0;
	const double freq[4] = { 1, 2, 3, 4 };

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/phe/testdata_DSR_ISR__testresults_DSR.csv"), 0);
	assert_int_equal(testcsv_next(&c), 10);
	while (testcsv_next(&c) == 10) {
		double people[STATS_ESP2013_BANDS * 4], pop[STATS_ESP2013_BANDS], want[7];
		struct stats_dsr d95, d998, ind;
		struct testcsv a;
		const char *why;
		size_t n = 0;

		if (strncmp(c.field[9], "Dobson, with confidence adjusted", 32) != 0)
			continue;
		assert_int_equal(testcsv_open(&a,
		                     "stats/phe/testdata_DSR_ISR__testdata_nonindepe.csv"),
		    0);
		assert_int_equal(testcsv_next(&a), 8);
		while (testcsv_next(&a) == 8) {
			double events = 0, count[STATS_ESP2013_BANDS];

			if (strcmp(a.field[0], c.field[0]) != 0)
				continue;
			assert_true(n < STATS_ESP2013_BANDS);
			count[n] = num0(a.field[2]);
			pop[n] = num0(a.field[3]);
			for (int k = 0; k < 4; k++) {
				people[n * 4 + k] = num0(a.field[4 + k]);
				events += freq[k] * people[n * 4 + k];
			}
			/* The file's count is the events the frequencies make. */
			assert_true(events == count[n]);
			n++;
		}
		testcsv_close(&a);
		assert_int_equal(n, STATS_ESP2013_BANDS);
		if (c.field[3][0] == '\0') {
			assert_false(stats_dsr_nonindependent(people, freq, 4, pop, stats_esp2013,
			    n, 100000, 0.95, &d95, &why));
			assert_non_null(strstr(why, "at least 10 events"));
			rows++;
			continue;
		}
		assert_non_null(strstr(c.field[8], "per 100000"));
		for (int k = 0; k < 7; k++)
			assert_true(text_parse_double(c.field[1 + k], &want[k]));
		assert_true(stats_dsr_nonindependent(people, freq, 4, pop, stats_esp2013, n, 100000,
		    0.95, &d95, &why));
		assert_true(stats_dsr_nonindependent(people, freq, 4, pop, stats_esp2013, n, 100000,
		    0.998, &d998, &why));
		assert_true(d95.events == want[0] && d95.population == want[1]);
		if (!near8(d95.value, want[2]) || !near8(d95.lower, want[3]) ||
		    !near8(d95.upper, want[4]) || !near8(d998.lower, want[5]) ||
		    !near8(d998.upper, want[6]))
			fail_msg("%s: got %.10f (%.10f to %.10f; 99.8%% %.10f to %.10f)",
			    c.field[0], d95.value, d95.lower, d95.upper, d998.lower, d998.upper);
		/* Repeated events widen the interval around the same DSR. */
		{
			double x[STATS_ESP2013_BANDS];

			for (size_t i = 0; i < n; i++)
				x[i] = people[i * 4] + 2 * people[i * 4 + 1] +
				    3 * people[i * 4 + 2] + 4 * people[i * 4 + 3];
			assert_true(
			    stats_dsr_compute(x, pop, stats_esp2013, n, 100000, 0.95, &ind, &why));
			assert_true(fabs(ind.value - d95.value) <= 1e-9 * d95.value);
			assert_true(d95.lower < ind.lower && d95.upper > ind.upper);
		}
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 4);
}

/* With one event per person the adjustment changes nothing: the closed
 * form is the independent DSR.  Bad frequencies are refused. */
static void
test_dsr_nonindependent_closed(void **state)
{
	double x[STATS_ESP2013_BANDS], pop[STATS_ESP2013_BANDS], f1 = 1, f[2] = { 2, 2 };
	double people[STATS_ESP2013_BANDS * 2] = { 0 };
	struct stats_dsr a, b;
	const char *why;

	(void)state;
	for (size_t i = 0; i < STATS_ESP2013_BANDS; i++) {
		x[i] = (double)(3 + i);
		pop[i] = 1000.0 + 37.0 * (double)i;
	}
	assert_true(
	    stats_dsr_compute(x, pop, stats_esp2013, STATS_ESP2013_BANDS, 1e5, 0.95, &a, &why));
	assert_true(stats_dsr_nonindependent(x, &f1, 1, pop, stats_esp2013, STATS_ESP2013_BANDS,
	    1e5, 0.95, &b, &why));
	assert_true(a.value == b.value && a.lower == b.lower && a.upper == b.upper);
	assert_false(stats_dsr_nonindependent(people, f, 2, pop, stats_esp2013, STATS_ESP2013_BANDS,
	    1e5, 0.95, &b, &why));
	assert_non_null(strstr(why, "twice"));
	f[1] = 2.5;
	assert_false(stats_dsr_nonindependent(people, f, 2, pop, stats_esp2013, STATS_ESP2013_BANDS,
	    1e5, 0.95, &b, &why));
	assert_non_null(strstr(why, "whole number"));
	f[1] = 3;
	people[5] = -1;
	assert_false(stats_dsr_nonindependent(people, f, 2, pop, stats_esp2013, STATS_ESP2013_BANDS,
	    1e5, 0.95, &b, &why));
}

/* The PHE reference rates (testdata_DSR_ISR refdata: band, refcount,
 * refpop; a blank count is 0). */
static void
read_ref(double *rx, double *rn)
{
	struct testcsv c;
	size_t n = 0;

	assert_int_equal(testcsv_open(&c, "stats/phe/testdata_DSR_ISR__refdata.csv"), 0);
	assert_true(testcsv_next(&c) >= 3);
	while (testcsv_next(&c) >= 3) {
		assert_true(n < STATS_ESP2013_BANDS);
		rx[n] = num0(c.field[1]);
		rn[n] = testcsv_num(c.field[2]);
		n++;
	}
	testcsv_close(&c);
	assert_int_equal(n, STATS_ESP2013_BANDS);
}

/* Reads an area's observed total and populations from a PHE ISR test file
 * (counts in column cc, populations in cc + 1; blanks are 0, as
 * calculate_ISRatio reads them); checks its own reference columns (when
 * ref_col >= 0) equal refdata's.  Returns the bands read. */
static size_t
read_isr_area(const char *file, const char *area, int cc, int ref_col, const double *rx,
    const double *rn, double *observed, double *pop)
{
	struct testcsv c;
	size_t n = 0;

	*observed = 0;
	assert_int_equal(testcsv_open(&c, file), 0);
	assert_true(testcsv_next(&c) >= 3);
	while (testcsv_next(&c) >= 3) {
		if (strcmp(c.field[0], area) != 0)
			continue;
		assert_true(n < STATS_ESP2013_BANDS);
		*observed += num0(c.field[cc]);
		pop[n] = num0(c.field[cc + 1]);
		if (ref_col >= 0) {
			assert_true(num0(c.field[ref_col]) == rx[n]);
			assert_true(num0(c.field[ref_col + 1]) == rn[n]);
		}
		n++;
	}
	testcsv_close(&c);
	return n;
}

/*
 * Indirectly standardised ratios (x 1, x 100) and rates (per 1,000 and
 * 100,000) against every row of PHEindicatormethods' published
 * testresults_ISR, to 1e-9: testdata_big, _small and _tiny
 * (testdata_multiarea_isr, whose own reference columns are refdata's) and
 * Area1/Area2 of testdata_err2 (a population of 0 in one band, which
 * calculate_ISRatio accepts).  testdata_tiny (9 events) takes the exact
 * interval; the totals of testdata_multiarea_lookup are the observed.
 */
static void
test_isr_phe(void **state)
{
	double rx[STATS_ESP2013_BANDS], rn[STATS_ESP2013_BANDS], rate;
	struct testcsv c, l;
	const char *why;
	size_t rows = 0;

	(void)state;
	read_ref(rx, rn);
	assert_true(stats_isr_ref_rate(rx, rn, STATS_ESP2013_BANDS, &rate, &why));
	assert_int_equal(testcsv_open(&c, "stats/phe/testdata_DSR_ISR__testresults_ISR.csv"), 0);
	assert_int_equal(testcsv_next(&c), 11);
	while (testcsv_next(&c) == 11) {
		double pop[STATS_ESP2013_BANDS], obs, exp_, want[9], scale;
		bool is_rate = strstr(c.field[9], "rate per") != NULL;
		bool err2 = strncmp(c.field[0], "Area", 4) == 0;
		struct stats_isr i95, i998;
		size_t n;

		n = err2 ? read_isr_area("stats/phe/testdata_DSR_ISR__testdata_err2.csv",
		               c.field[0], 1, -1, rx, rn, &obs, pop)
		         : read_isr_area("stats/phe/testdata_DSR_ISR__testdata_multiarea_isr.csv",
		               c.field[0], 2, 4, rx, rn, &obs, pop);
		assert_int_equal(n, STATS_ESP2013_BANDS);
		for (int k = 0; k < 8; k++)
			want[k] = testcsv_num(c.field[1 + k]);
		assert_true(stats_isr_expected(pop, rx, rn, n, &exp_, &why));
		assert_true(obs == want[0]);
		if (fabs(exp_ - want[1]) > 1e-9 * want[1])
			fail_msg("%s: expected %.17g, published %.17g", c.field[0], exp_, want[1]);
		if (is_rate) {
			double per = strstr(c.field[9], "per 100000") != NULL ? 100000 : 1000;

			assert_true(fabs(rate * per - want[2]) <= 1e-9 * want[2]);
			scale = rate * per;
		} else {
			assert_true(c.field[3][0] == '\0');
			scale = strstr(c.field[9], "x 100") != NULL ? 100 : 1;
		}
		assert_true(stats_isr(obs, exp_, scale, 0.95, &i95, &why));
		assert_true(stats_isr(obs, exp_, scale, 0.998, &i998, &why));
		assert_string_equal(strcmp(c.field[10], "Exact") == 0 ? "exact" : "byars",
		    stats_rate_method_name[i95.method]);
		near(i95.value, want[3], "ISR", (int)rows + 2);
		near(i95.lower, want[4], "95% lower", (int)rows + 2);
		near(i95.upper, want[5], "95% upper", (int)rows + 2);
		if (!isnan(want[6])) {
			near(i998.lower, want[6], "99.8% lower", (int)rows + 2);
			near(i998.upper, want[7], "99.8% upper", (int)rows + 2);
		}
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 16);
	/* calculate_ISRate's observed_totals: the lookup's totals are the sums. */
	assert_int_equal(testcsv_open(&l,
	                     "stats/phe/testdata_DSR_ISR__testdata_multiarea_lookup.csv"),
	    0);
	assert_true(testcsv_next(&l) >= 2);
	rows = 0;
	while (testcsv_next(&l) >= 2) {
		double pop[STATS_ESP2013_BANDS], obs;

		read_isr_area("stats/phe/testdata_DSR_ISR__testdata_multiarea_isr.csv", l.field[0],
		    2, 4, rx, rn, &obs, pop);
		assert_true(obs == testcsv_num(l.field[1]));
		rows++;
	}
	testcsv_close(&l);
	assert_int_equal(rows, 3);
}

/* The ISR refuses what PHE refuses (testdata_err3: a negative population)
 * and what would divide by zero. */
static void
test_isr_refusals(void **state)
{
	double pop[2] = { 100, -5 }, rx[2] = { 1, 2 }, rn[2] = { 10, 20 }, e, r;
	struct stats_isr out;
	const char *why;

	(void)state;
	assert_false(stats_isr_expected(pop, rx, rn, 2, &e, &why));
	assert_non_null(strstr(why, "population"));
	pop[1] = 5;
	rn[0] = 0;
	assert_false(stats_isr_expected(pop, rx, rn, 2, &e, &why));
	assert_false(stats_isr_ref_rate(rx, rn, 2, &r, &why));
	rn[0] = 10;
	rx[1] = -1;
	assert_false(stats_isr_expected(pop, rx, rn, 2, &e, &why));
	assert_false(stats_isr(-1, 10, 1, 0.95, &out, &why));
	assert_false(stats_isr(5, 0, 1, 0.95, &out, &why));
	assert_false(stats_isr(5, 10, 1, 1.5, &out, &why));
	/* No events: the exact interval runs from 0. */
	assert_true(stats_isr(0, 10, 1, 0.95, &out, &why));
	assert_true(out.value == 0 && out.lower == 0 && out.upper > 0);
	assert_int_equal(out.method, STATS_RATE_EXACT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byars_wilson),
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_rate_refusals),
		cmocka_unit_test(test_dsr_phe),
		cmocka_unit_test(test_dsr_nonindependent),
		cmocka_unit_test(test_dsr_nonindependent_closed),
		cmocka_unit_test(test_isr_phe),
		cmocka_unit_test(test_isr_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
