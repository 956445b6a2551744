/* Unit tests for core/text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/text.h"

static void
test_number_words(void **state)
{
	char w[32];

	(void)state;
	assert_string_equal(text_number_word(0, w, sizeof(w)), "zero");
	assert_string_equal(text_number_word(1, w, sizeof(w)), "one");
	assert_string_equal(text_number_word(9, w, sizeof(w)), "nine");
	assert_string_equal(text_number_word(10, w, sizeof(w)), "ten");
	assert_string_equal(text_number_word(19, w, sizeof(w)), "nineteen");
	assert_string_equal(text_number_word(20, w, sizeof(w)), "twenty");
	assert_string_equal(text_number_word(22, w, sizeof(w)), "twenty-two");
	assert_string_equal(text_number_word(99, w, sizeof(w)), "ninety-nine");
	assert_string_equal(text_number_word(100, w, sizeof(w)), "100");
}

static void
test_utf8(void **state)
{
	(void)state;
	assert_true(text_utf8_valid("plain", 5));
	assert_true(text_utf8_valid("caf\xc3\xa9", 5));
	assert_true(text_utf8_valid("\xf0\x9f\x98\x80", 4));
	assert_false(text_utf8_valid("\xc3", 1));             /* truncated */
	assert_false(text_utf8_valid("\xc0\xaf", 2));         /* overlong */
	assert_false(text_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(text_utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
	assert_false(text_utf8_valid("\xff", 1));
}

static void
test_parse_numbers(void **state)
{
	long v;
	double d;

	(void)state;
	assert_true(text_parse_long("42", 0, 100, &v));
	assert_int_equal(v, 42);
	assert_false(text_parse_long("42x", 0, 100, &v));
	assert_false(text_parse_long("", 0, 100, &v));
	assert_false(text_parse_long(" 4", 0, 100, &v));
	assert_false(text_parse_long("101", 0, 100, &v));
	assert_false(text_parse_long("99999999999999999999", 0, 100, &v));
	assert_true(text_parse_double("0.95", &d));
	assert_true(d > 0.9499 && d < 0.9501);
	assert_false(text_parse_double("nan", &d));
	assert_false(text_parse_double("1e999", &d));
	/* Issue 18: decimal only: strtod alone reads 0x10 as 16 and takes infinity. */
	assert_false(text_parse_double("0x10", &d));
	assert_false(text_parse_double("0X1p4", &d));
	assert_false(text_parse_double("inf", &d));
	assert_false(text_parse_double("-infinity", &d));
	assert_false(text_parse_double(".", &d));
	assert_true(text_parse_double("-2.5e3", &d));
	assert_true(d == -2500.0);
}

static void
test_casecmp_and_trim(void **state)
{
	char s[] = "  Very good \n";

	(void)state;
	assert_int_equal(text_casecmp("Very Good", "very good"), 0);
	assert_true(text_casecmp("good", "goods") < 0);
	assert_string_equal(text_trim(s), "Very good");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_words),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_parse_numbers),
		cmocka_unit_test(test_casecmp_and_trim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
