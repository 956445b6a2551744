/* Unit tests for web/timing (the histogram behind `cairn serve --timing`). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/timing.h"

static void
test_empty(void **state)
{
	static struct timing t;

	(void)state;
	assert_int_equal(timing_total(&t), 0);
	assert_int_equal(timing_quantile(&t, 0.5), 0);
	assert_int_equal(timing_quantile(&t, 1.0), 0);
}

/* Below 64 us each microsecond has its bucket: quantiles are exact. */
static void
test_exact_below_64(void **state)
{
	static struct timing t;

	(void)state;
	for (int us = 0; us < 60; us++)
		timing_add(&t, us);
	assert_int_equal(timing_total(&t), 60);
	assert_int_equal(timing_quantile(&t, 0.5), 29); /* the 30th of 60 */
	assert_int_equal(timing_quantile(&t, 0.9), 53); /* the 54th */
	assert_int_equal(timing_quantile(&t, 1.0), 59);
	assert_int_equal(timing_quantile(&t, 0.01), 0);
	timing_add(&t, -5); /* a clock step backwards counts as 0 */
	assert_int_equal(timing_total(&t), 61);
}

/* Any single duration: the maximum reported is at or above it and within a
 * sixteenth of it (plus the microsecond of rounding). */
static void
test_bound_everywhere(void **state)
{
	long long v[] = { 64, 65, 67, 68, 99, 100, 127, 128, 129, 1000, 4095, 4096, 12345, 999999,
		1000000, 7654321, 60000000, (1LL << 30) - 1 };

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct timing *t = calloc(1, sizeof(*t));
		long long top;

		assert_non_null(t);
		timing_add(t, v[i]);
		top = timing_quantile(t, 1.0);
		assert_true(top >= v[i]);
		assert_true(top <= v[i] + v[i] / 16 + 1);
		/* The next microsecond up starts the next bucket (below the last). */
		timing_add(t, top + 1);
		if (top < (1LL << 30) - 1)
			assert_true(timing_quantile(t, 1.0) > top);
		free(t);
	}
}

/* From 2^30 us (about 18 minutes) on, everything lands in the last
 * bucket, reported as 2^30 - 1. */
static void
test_overflow(void **state)
{
	static struct timing t;
	long long huge;

	(void)state;
	timing_add(&t, 1LL << 62);
	huge = timing_quantile(&t, 1.0);
	timing_add(&t, (1LL << 40));
	assert_int_equal(timing_quantile(&t, 1.0), huge);
	assert_int_equal(huge, (1LL << 30) - 1);
}

static void
test_report(void **state)
{
	static struct timing t;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	for (int i = 0; i < 1000; i++)
		timing_add(&t, i < 990 ? 10 : 40000);
	timing_report(&t, "answered", f);
	fclose(f);
	/* p99 is the 990th duration (10 us); p99.9 a 40 ms one, 40,000 us in
	 * the bucket [39936, 40960) of the doubling from 32,768. */
	assert_string_equal(text,
	    "answered: 1000 requests, p50 0.010 ms, p90 0.010 ms, p99 "
	    "0.010 ms, p99.9 40.959 ms, max below 40.959 ms\n");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_exact_below_64),
		cmocka_unit_test(test_bound_everywhere),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
