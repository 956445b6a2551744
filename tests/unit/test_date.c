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

/* Dates as people write them (the stage page's holidays). */
static void
test_parse_written(void **state)
{
	static const char *const same[] = { "2026-10-12", " 12/10/2026 ", "12 October 2026",
		"12 oct 2026", "12th October 2026", "12 OCTOBER 2026", "12 Oct. 2026" };
	static const char *const bad[] = { "", "soon", "2026-13-01", "31/9/2026", "12/10/26",
		"31 September 2026", "12 Octember 2026", "12 October", "12-10-2026", "12/10/2026x",
		"123/10/2026", "12 October 20266", "12 Oc 2026" };
	struct cdate d;

	(void)state;
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		memset(&d, 0, sizeof(d));
		assert_true(date_parse_written(same[i], &d));
		assert_int_equal(d.year, 2026);
		assert_int_equal(d.month, 10);
		assert_int_equal(d.day, 12);
	}
	assert_true(date_parse_written("1 Sept 2026", &d));
	assert_int_equal(d.month, 9);
	assert_true(date_parse_written("29/2/2028", &d));
	assert_false(date_parse_written("29/2/2027", &d));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(date_parse_written(bad[i], &d));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid_and_invalid),
		cmocka_unit_test(test_long_form),
		cmocka_unit_test(test_day_numbers_and_weekdays),
		cmocka_unit_test(test_parse_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
