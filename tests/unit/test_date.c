/* Unit tests for core/date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/date.h"

static void
test_parse_valid_and_invalid(void **state)
{
	struct cdate d;

	(void)state;
	assert_true(date_parse("2016-10-04", &d));
	assert_int_equal(d.year, 2016);
	assert_int_equal(d.month, 10);
	assert_int_equal(d.day, 4);
	assert_true(date_parse("2024-02-29", &d));
	assert_false(date_parse("2023-02-29", &d));
	assert_false(date_parse("1900-02-29", &d));
	assert_true(date_parse("2000-02-29", &d));
	assert_false(date_parse("2016-13-01", &d));
	assert_false(date_parse("2016-04-31", &d));
	assert_false(date_parse("2016-4-01", &d));
	assert_false(date_parse("2016-04-01x", &d));
	assert_false(date_parse("", &d));
	assert_false(date_parse("04/10/2016", &d));
}

static void
test_long_form(void **state)
{
	struct cdate d;
	char out[32];

	(void)state;
	assert_true(date_parse("2016-04-25", &d));
	date_long(&d, out, sizeof(out));
	assert_string_equal(out, "25 April 2016");
}

static void
test_day_numbers_and_weekdays(void **state)
{
	struct cdate d, e;

	(void)state;
	assert_true(date_parse("1970-01-01", &d));
	assert_int_equal(date_to_days(&d), 0);
	assert_true(date_parse("2000-03-01", &d));
	assert_int_equal(date_to_days(&d), 11017);
	/* 4 October 2016 was a Tuesday; 26 November 2026 is a Thursday. */
	assert_true(date_parse("2016-10-04", &d));
	assert_int_equal(date_weekday(&d), 1);
	assert_true(date_parse("2026-11-26", &d));
	assert_int_equal(date_weekday(&d), 3);
	for (long z = -800000; z < 800000; z += 997) {
		date_from_days(z, &e);
		assert_int_equal(date_to_days(&e), z);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid_and_invalid),
		cmocka_unit_test(test_long_form),
		cmocka_unit_test(test_day_numbers_and_weekdays),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
