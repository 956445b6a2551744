/*
 * Sampling: the generator against its published reference outputs, the
 * Krejcie & Morgan (1970) table, largest-remainder apportionment against
 * the published vectors, sampling without replacement, and the stratified
 * estimator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "core/text.h"
#include "stats/rng.h"
#include "stats/sampling.h"
#include "testcsv.h"

/* SplitMix64 from seed 1234567: the sequence published with the algorithm's
 * description on Rosetta Code ("Pseudo-random numbers/Splitmix64"). */
static void
test_splitmix64_reference(void **state)
{
	static const uint64_t want[] = {
		UINT64_C(6457827717110365317),
		UINT64_C(3203168211198807973),
		UINT64_C(9817491932198370423),
		UINT64_C(4593380528125082431),
		UINT64_C(16408922859458223821),
	};
	uint64_t s = 1234567;

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_true(stats_splitmix64(&s) == want[i]);
}

/* xoshiro256** from the state {1, 2, 3, 4}: the first outputs follow by
 * hand from the published recurrence (rotl(5*2, 7)*9 = 11520, then 0, then
 * rotl(5*262149, 7)*9 = 1509978240); the fourth is the value quoted by the
 * reference-vector tests of other implementations. */
static void
test_xoshiro_reference(void **state)
{
	static const uint64_t want[] = {
		UINT64_C(11520),
		UINT64_C(0),
		UINT64_C(1509978240),
		UINT64_C(1215971899390074240),
	};
	struct stats_rng r = { { 1, 2, 3, 4 } };

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_true(stats_rng_next(&r) == want[i]);
}

/* Seeding is SplitMix64: the state is its first four outputs. */
static void
test_seed_is_splitmix(void **state)
{
	struct stats_rng r;

	(void)state;
	stats_rng_seed(&r, 1234567);
	assert_true(r.s[0] == UINT64_C(6457827717110365317));
	assert_true(r.s[3] == UINT64_C(4593380528125082431));
}

/* below(n) stays in range, hits every value, and uniform() is in [0, 1). */
static void
test_below_and_uniform(void **state)
{
	struct stats_rng r;
	unsigned seen[7] = { 0 };

	(void)state;
	stats_rng_seed(&r, 42);
	for (int i = 0; i < 7000; i++) {
		uint64_t v = stats_rng_below(&r, 7);

		assert_true(v < 7);
		seen[v]++;
	}
	for (int i = 0; i < 7; i++)
		assert_true(seen[i] > 800 && seen[i] < 1200);
	for (int i = 0; i < 1000; i++) {
		double u = stats_rng_uniform(&r);

		assert_true(u >= 0.0 && u < 1.0);
	}
	assert_true(stats_rng_below(&r, 1) == 0);
	assert_true(stats_rng_below(&r, 0) == 0);
}

/* Every row of Table 1 of Krejcie & Morgan (1970), d = 0.05, P = 0.5, 95%. */
static void
test_krejcie_morgan_table(void **state)
{
	struct testcsv c;
	struct cairn_err err = { 0 };
	size_t rows = 0;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/sampling/krejcie_morgan1970_table1.csv"), 0);
	assert_int_equal(testcsv_next(&c), 2); /* header */
	while (testcsv_next(&c) == 2) {
		long pop, want, got = -1;
		struct stats_size_req req = { 0, 0.05, 0.95, 0.5, STATS_ROUND_NEAREST, false };

		assert_true(text_parse_long(c.field[0], 1, 100000000, &pop));
		assert_true(text_parse_long(c.field[1], 1, 100000000, &want));
		req.population = pop;
		assert_int_equal(stats_sample_size(&req, &got, &err), CAIRN_OK);
		if (got != want)
			fprintf(stderr, "# N=%ld: want %ld got %ld\n", pop, want, got);
		assert_int_equal(got, want);
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 90); /* every row of the table */
}

/*
 * The default (Cochran: full-precision X^2, rounded up) against R
 * (stats/sampling/sample_size_R.csv, made by R/sample_size.R): the size
 * exactly and the margin it achieves to 1e-12, never above the target
 * (issue 19: rounding to the nearest missed it about half the time).
 */
static void
test_sample_size_cochran_R(void **state)
{
	struct testcsv c;
	struct cairn_err err = { 0 };
	size_t rows = 0;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/sampling/sample_size_R.csv"), 0);
	while (testcsv_next(&c) > 0) {
		struct stats_size_req req;
		double want_margin, got_margin;
		long want, got = -1;

		if (c.nfield != 6 || c.field[0][0] < '0' || c.field[0][0] > '9')
			continue;
		stats_size_defaults(&req);
		assert_true(text_parse_long(c.field[0], 1, 100000000, &req.population));
		assert_true(text_parse_double(c.field[1], &req.margin));
		assert_true(text_parse_double(c.field[2], &req.confidence));
		assert_true(text_parse_double(c.field[3], &req.proportion));
		assert_true(text_parse_long(c.field[4], 1, 100000000, &want));
		assert_true(text_parse_double(c.field[5], &want_margin));
		assert_int_equal(stats_sample_size(&req, &got, &err), CAIRN_OK);
		if (got != want)
			fail_msg("N=%ld d=%g conf=%g P=%g: want %ld got %ld", req.population,
			    req.margin, req.confidence, req.proportion, want, got);
		got_margin = stats_sample_margin(&req, got);
		assert_true(fabs(got_margin - want_margin) <= 1e-12 * fmax(want_margin, 1e-300));
		assert_true(got_margin <= req.margin);
		rows++;
	}
	testcsv_close(&c);
	assert_true(rows >= 200);
}

/* Conventions and bad input for the sample size. */
static void
test_sample_size_options(void **state)
{
	struct cairn_err err = { 0 };
	struct stats_size_req req = { 40000, 0.05, 0.95, 0.5, STATS_ROUND_NEAREST, true };
	long n = 0;

	(void)state;
	/* With the full chi-square value 3.84146 the N = 40000 row is 380.50. */
	assert_int_equal(stats_sample_size(&req, &n, &err), CAIRN_OK);
	assert_int_equal(n, 381);
	req.exact_chi2 = false;
	req.round = STATS_ROUND_UP;
	assert_int_equal(stats_sample_size(&req, &n, &err), CAIRN_OK);
	assert_int_equal(n, 381); /* 380.49 rounded up */
	req.population = 10;
	assert_int_equal(stats_sample_size(&req, &n, &err), CAIRN_OK);
	assert_int_equal(n, 10);
	req.population = 0;
	assert_int_equal(stats_sample_size(&req, &n, &err), CAIRN_EUSAGE);
	req.population = 100;
	req.margin = 0;
	cairn_err_clear(&err);
	assert_int_equal(stats_sample_size(&req, &n, &err), CAIRN_EUSAGE);
	assert_non_null(strstr(err.msg, "margin"));
	req.margin = 0.05;
	req.proportion = 1.0;
	assert_int_equal(stats_sample_size(&req, &n, &err), CAIRN_EUSAGE);
}

/* Splits "a;b;c" into longs; returns the count. */
static size_t
split_longs(const char *s, long *v, size_t max)
{
	char tmp[512], *p = tmp, *semi;
	size_t n = 0;

	snprintf(tmp, sizeof(tmp), "%s", s);
	while (n < max) {
		semi = strchr(p, ';');
		if (semi != NULL)
			*semi = '\0';
		assert_true(text_parse_long(p, 0, 1000000000, &v[n]));
		n++;
		if (semi == NULL)
			break;
		p = semi + 1;
	}
	return n;
}

/* Every largest-remainder and divisor-method row of
 * apportionment_expected.csv (the minimum rows are in the next test). */
static void
test_largest_remainder_vectors(void **state)
{
	struct testcsv c;
	struct cairn_err err = { 0 };
	size_t rows = 0, divisor_rows = 0;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/sampling/apportionment_expected.csv"), 0);
	assert_int_equal(testcsv_next(&c), 7);
	while (testcsv_next(&c) == 7) {
		long w[32], want[32], got[32], total;
		size_t k, kw;

		if (strncmp(c.field[3], "dhondt (", 8) == 0 ||
		    strncmp(c.field[3], "sainte_lague", 12) == 0) {
			enum stats_divisor m =
			    c.field[3][0] == 'd' ? STATS_DIV_DHONDT : STATS_DIV_SAINTE_LAGUE;

			k = split_longs(c.field[1], w, 32);
			kw = split_longs(c.field[5], want, 32);
			assert_int_equal(k, kw);
			assert_true(text_parse_long(c.field[2], 0, 1000000, &total));
			assert_int_equal(stats_apportion_divisor(w, k, total, m, got, &err),
			    CAIRN_OK);
			for (size_t i = 0; i < k; i++)
				if (got[i] != want[i])
					fail_msg("%s stratum %zu: want %ld got %ld", c.field[0], i,
					    want[i], got[i]);
			divisor_rows++;
			continue;
		}
		if (strcmp(c.field[3], "largest_remainder_hare") != 0)
			continue;
		k = split_longs(c.field[1], w, 32);
		kw = split_longs(c.field[5], want, 32);
		assert_int_equal(k, kw);
		assert_true(text_parse_long(c.field[2], 0, 1000000, &total));
		assert_int_equal(stats_allocate(w, NULL, k, total, 0, got, &err), CAIRN_OK);
		for (size_t i = 0; i < k; i++) {
			if (got[i] != want[i])
				fprintf(stderr, "# %s stratum %zu: want %ld got %ld\n", c.field[0],
				    i, want[i], got[i]);
			assert_int_equal(got[i], want[i]);
		}
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 5);
	assert_int_equal(divisor_rows, 2);
}

/*
 * The minimum-per-stratum rows of apportionment_expected.csv (marberts/sps
 * test-prop_allocation.R).  Their "stratum sizes" are size measures: a has
 * 5 units of size 1 (weight 5), b 5 units of size 10 (weight 50); in
 * sps_min3 a has 8 units of size 10 (weight 80), b 2 of size 1 (weight 2,
 * so its minimum of 3 is capped at its 2 units).  sps uses d'Hondt after
 * the minimum; largest remainder gives the same published allocations.
 */
static void
test_minimum_vectors(void **state)
{
	static const struct {
		long w[2], cap[2], total, min, want[2];
	} cases[] = {
		{ { 5, 50 }, { 5, 5 }, 4, 1, { 1, 3 } }, /* sps_min1 */
		{ { 5, 50 }, { 5, 5 }, 4, 2, { 2, 2 } }, /* sps_min2 */
		{ { 5, 50 }, { 5, 5 }, 4, 0, { 0, 4 } }, /* sps_min0 */
		{ { 80, 2 }, { 8, 2 }, 5, 3, { 3, 2 } }, /* sps_min3 */
	};
	struct cairn_err err = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long got[2] = { -1, -1 };

		assert_int_equal(stats_allocate(cases[i].w, cases[i].cap, 2, cases[i].total,
		                     cases[i].min, got, &err),
		    CAIRN_OK);
		assert_int_equal(got[0], cases[i].want[0]);
		assert_int_equal(got[1], cases[i].want[1]);
	}
}

/* An impossible minimum and an oversized sample are errors, not silent
 * changes; caps hold; a typical stratified frame adds up. */
static void
test_allocation_errors_and_caps(void **state)
{
	long pop[4] = { 400, 300, 20, 5 }, got[4];
	struct cairn_err err = { 0 };
	long sum = 0;

	(void)state;
	assert_int_equal(stats_allocate(pop, pop, 4, 10, 3, got, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "impossible minimum"));
	cairn_err_clear(&err);
	assert_int_equal(stats_allocate(pop, pop, 4, 800, 0, got, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "larger than the population"));
	cairn_err_clear(&err);
	/* 100 over 725 units, at least 10 each: the stratum of 5 gets all 5, the
	 * stratum of 20 is raised to 10, the rest is shared 400:300. */
	assert_int_equal(stats_allocate(pop, pop, 4, 100, 10, got, &err), CAIRN_OK);
	assert_int_equal(got[3], 5);
	assert_int_equal(got[2], 10);
	assert_int_equal(got[0], 49); /* 85 * 400/700 = 48.57 */
	assert_int_equal(got[1], 36); /* 85 * 300/700 = 36.43 */
	for (int i = 0; i < 4; i++)
		sum += got[i];
	assert_int_equal(sum, 100);
	assert_int_equal(stats_allocate(pop, NULL, 0, 10, 0, got, &err), CAIRN_EUSAGE);
}

/* Sampling without replacement: distinct, in range, repeatable, prefix
 * property, and a fixed draw for a fixed seed. */
static void
test_srswor(void **state)
{
	struct stats_rng r1, r2;
	size_t a[50], b[50];
	unsigned char seen[50] = { 0 };

	(void)state;
	stats_rng_seed(&r1, 20261126);
	stats_srswor(&r1, 50, 10, a);
	for (int i = 0; i < 10; i++) {
		assert_true(a[i] < 50);
		assert_int_equal(seen[a[i]], 0);
		seen[a[i]] = 1;
	}
	stats_rng_seed(&r2, 20261126);
	stats_srswor(&r2, 50, 15, b);
	assert_memory_equal(a, b, 10 * sizeof(size_t));
	/* The draw is fixed by the algorithm: index 0 is swapped with
	 * below(50) of the generator seeded the same way. */
	stats_rng_seed(&r2, 20261126);
	assert_true(a[0] == (size_t)stats_rng_below(&r2, 50));
	stats_srswor(&r1, 3, 10, a); /* k cut to n */
	assert_true(a[0] + a[1] + a[2] == 3);
}

/* Stratified estimate: with every unit read the variance is 0, and a
 * worked example (Cochran's formula by hand). */
static void
test_stratified(void **state)
{
	struct stats_stratum_count all[2] = { { 10, 10, 7 }, { 30, 30, 15 } };
	struct stats_stratum_count s[2] = { { 100, 20, 10 }, { 300, 30, 6 } };
	struct stats_strat_est e;
	struct cairn_err err = { 0 };
	double var;

	(void)state;
	assert_int_equal(stats_stratified_proportion(all, 2, 0.95, &e, &err), CAIRN_OK);
	assert_true(fabs(e.estimate - (0.25 * 0.7 + 0.75 * 0.5)) < 1e-12);
	assert_true(e.se == 0.0);
	assert_int_equal(stats_stratified_proportion(s, 2, 0.95, &e, &err), CAIRN_OK);
	/* W = .25, .75; p = .5, .2 */
	assert_true(fabs(e.estimate - 0.275) < 1e-12);
	var = 0.0625 * 0.8 * 0.25 / 19 + 0.5625 * 0.9 * 0.16 / 29;
	assert_true(fabs(e.se - sqrt(var)) < 1e-12);
	/* The interval is Korn-Graubard's: checked against R in
	 * test_stratified_survey_R (case b is this example). */
	s[0].successes = 21;
	assert_int_equal(stats_stratified_proportion(s, 2, 0.95, &e, &err), CAIRN_EUSAGE);
}

/*
 * The stratified estimate against R's survey package (svymean on a
 * stratified design with fpc, under each survey.lonely.psu, and
 * svyciprop(method = "beta")): stats/sampling/stratified_R.csv, made by
 * R/stratified.R, to 1e-10.  Issue 19: a lonely stratum added nothing by
 * default, and every answer good gave the interval 100 to 100.
 */
static void
test_stratified_survey_R(void **state)
{
	struct testcsv c;
	size_t rows = 0;

	(void)state;
	assert_int_equal(testcsv_open(&c, "stats/sampling/stratified_R.csv"), 0);
	while (testcsv_next(&c) > 0) {
		struct stats_stratum_count st[8];
		struct stats_strat_opts o = { STATS_LONELY_ADJUST, false };
		struct stats_strat_est e;
		struct cairn_err err = { 0 };
		double want[4];
		size_t k = 0;
		char *p, *save = NULL;
		int l;

		if (c.nfield != 7 || strcmp(c.field[0], "case") == 0 || c.field[0][0] == '#')
			continue;
		for (p = strtok_r(c.field[1], " ", &save); p != NULL;
		     p = strtok_r(NULL, " ", &save)) {
			assert_true(k < 8);
			assert_int_equal(sscanf(p, "%ld;%ld;%ld", &st[k].population, &st[k].sampled,
			                     &st[k].successes),
			    3);
			k++;
		}
		for (l = 0; l < STATS_LONELY__MAX; l++)
			if (strcmp(stats_lonely_name[l], c.field[2]) == 0)
				o.lonely = (enum stats_lonely)l;
		for (int i = 0; i < 4; i++)
			assert_true(text_parse_double(c.field[3 + i], &want[i]));
		assert_int_equal(stats_stratified_proportion_opts(st, k, 0.95, &o, &e, &err),
		    CAIRN_OK);
		if (fabs(e.estimate - want[0]) > 1e-12 ||
		    fabs(e.se - want[1]) > 1e-10 * fmax(want[1], 1) ||
		    fabs(e.lower - want[2]) > 1e-10 || fabs(e.upper - want[3]) > 1e-10)
			fail_msg("case %s %s: got %.12g se %.12g (%.12g to %.12g), R %s se %s (%s "
			         "to %s)",
			    c.field[0], c.field[2], e.estimate, e.se, e.lower, e.upper, c.field[3],
			    c.field[4], c.field[5], c.field[6]);
		rows++;
	}
	testcsv_close(&c);
	assert_int_equal(rows, 15);
}

/* A stratum with a population and no answers: refused by default, or left
 * out and counted. */
static void
test_stratified_empty(void **state)
{
	struct stats_stratum_count s[3] = { { 100, 20, 10 }, { 50, 0, 0 }, { 300, 30, 6 } };
	struct stats_strat_opts o = { STATS_LONELY_ADJUST, true };
	struct stats_strat_est e;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(stats_stratified_proportion(s, 3, 0.95, &e, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "stratum 2 (50 units) has no answers"));
	assert_int_equal(stats_stratified_proportion_opts(s, 3, 0.95, &o, &e, &err), CAIRN_OK);
	assert_int_equal(e.strata_empty, 1);
	assert_int_equal(e.population_empty, 50);
	assert_int_equal(e.population, 400);
	/* A census: no sampling error, the interval is the point. */
	s[1] = (struct stats_stratum_count){ 0, 0, 0 };
	s[0].sampled = 100;
	s[0].successes = 50;
	s[2].sampled = 300;
	s[2].successes = 60;
	assert_int_equal(stats_stratified_proportion(s, 3, 0.95, &e, &err), CAIRN_OK);
	assert_true(e.se == 0 && e.lower == e.estimate && e.upper == e.estimate);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_splitmix64_reference),
		cmocka_unit_test(test_xoshiro_reference),
		cmocka_unit_test(test_seed_is_splitmix),
		cmocka_unit_test(test_below_and_uniform),
		cmocka_unit_test(test_krejcie_morgan_table),
		cmocka_unit_test(test_sample_size_options),
		cmocka_unit_test(test_sample_size_cochran_R),
		cmocka_unit_test(test_stratified_survey_R),
		cmocka_unit_test(test_stratified_empty),
		cmocka_unit_test(test_largest_remainder_vectors),
		cmocka_unit_test(test_minimum_vectors),
		cmocka_unit_test(test_allocation_errors_and_caps),
		cmocka_unit_test(test_srswor),
		cmocka_unit_test(test_stratified),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
