/*
 * The identifier detector (core/identify.h): the headers issue 18 found
 * getting past the old filter, ordinary headers that must still pass, and
 * cell values -- CHI numbers whose check digits are computed by hand below
 * (not by the code), UK postcodes, email addresses and phone numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/identify.h"

/* Every header issue 18 reproduced as passing the old filter, and the
 * ones the old filter already caught. */
static void
test_headers_refused(void **state)
{
	static const char *const refused[] = {
		"DOB (dd/mm/yyyy)",
		"Name (full)",
		"names",
		"name of child",
		"mobile no",
		"Tel. no.",
		"DOB1",
		"Age/DOB",
		"\xef\xbc\xae\xef\xbd\x81\xef\xbd\x8d\xef\xbd\x85", /* fullwidth "Ｎａｍｅ" */
		"n\xd0\xb0me",                                      /* Cyrillic a: "nаme" */
		"\xce\x9d\xce\xb1me",                               /* Greek "Να" + "me" */
		"na\xe2\x80\x8bme",                                 /* a zero-width space inside */
		"Name",
		"first_name",
		"FirstName",
		"date-of-birth",
		"DoB",
		"CHI",
		"CHI no",
		"Home address",
		"Post code",
		"postcode",
		"E-mail",
		"email address",
		"telephone",
		"NHS number",
		"nhs_no",
		"Surname",
		"child's name",
		"ChildDOB",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		if (identify_header(refused[i]) == NULL)
			fail_msg("header '%s' was not recognised as an identifier", refused[i]);
	}
	assert_string_equal(identify_header("DOB (dd/mm/yyyy)"), "date of birth");
	assert_string_equal(identify_header("Tel. no."), "phone");
	assert_string_equal(identify_header("n\xd0\xb0me"), "name");
}

/* Attribute headers a return carries that are not identifiers. */
static void
test_headers_passed(void **state)
{
	static const char *const passed[] = {
		"ref",
		"sex",
		"age",
		"age band",
		"ethnicity",
		"locality",
		"disability",
		"looked after",
		"placement type",
		"agency",
		"team",
		"number of moves",
		"child protection",
		"CP plan",
		"school stage",
		"gender",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(passed) / sizeof(passed[0]); i++) {
		const char *w = identify_header(passed[i]);

		if (w != NULL)
			fail_msg("header '%s' was taken for an identifier (%s)", passed[i], w);
	}
}

static void
test_normalise(void **state)
{
	char out[64];

	(void)state;
	identify_normalise("Age/DOB", out, sizeof(out));
	assert_string_equal(out, "age dob");
	identify_normalise("DOB1", out, sizeof(out));
	assert_string_equal(out, "dob 1");
	identify_normalise("  Tel. no.  ", out, sizeof(out));
	assert_string_equal(out, "tel no");
	identify_normalise("\xef\xbc\xae\xef\xbd\x81\xef\xbd\x8d\xef\xbd\x85", out, sizeof(out));
	assert_string_equal(out, "name");
	identify_normalise("\xef\xac\x81rst", out, sizeof(out)); /* the ligature "ﬁ" */
	assert_string_equal(out, "first");
}

/*
 * CHI numbers, check digits computed by hand (weights 10..2 on the first
 * nine digits; check = 11 - sum mod 11, 11 written 0, 10 never issued):
 *   010101 123x: 0*10+1*9+0*8+1*7+0*6+1*5+1*4+2*3+3*2 = 37; 37 mod 11 = 4;
 *                check 7, so 0101011237 is valid and 0101011234 is not.
 *   150382 123x: 10+45+0+21+48+10+4+6+6 = 150; 150 mod 11 = 7; check 4:
 *                1503821234 is valid.
 *   010101 121x: 0+9+0+7+0+5+4+6+2 = 33; 33 mod 11 = 0; check 11 -> 0:
 *                0101011210 is valid.
 *   010101 127x: 0+9+0+7+0+5+4+6+14 = 45; 45 mod 11 = 1; check 10: never
 *                issued, so no 010101127x is valid.
 *   310201 123x: 31 February is no date, whatever the check digit.
 *   290204 1234 and 290203 1234: the 9-digit sums are 2*10+9*9+0+2*7+0+4*5
 *                +1*4+2*3+3*2 = 151 (mod 11 = 8, check 3) and 2*10+9*9+0+2*7
 *                +0+3*5+4+6+6 = 146 (mod 11 = 3, check 8): 2902041233 is a
 *                valid leap day, 2902031238 has a valid check digit but 2003
 *                had no 29 February.
 */
static void
test_chi(void **state)
{
	(void)state;
	assert_true(identify_chi("0101011237"));
	assert_false(identify_chi("0101011234"));
	assert_true(identify_chi("1503821234"));
	assert_true(identify_chi("0101011210"));
	for (char c = '0'; c <= '9'; c++) {
		char d[11] = "010101127";

		d[9] = c;
		d[10] = '\0';
		assert_false(identify_chi(d));
	}
	for (char c = '0'; c <= '9'; c++) {
		char d[11] = "310201123";

		d[9] = c;
		d[10] = '\0';
		assert_false(identify_chi(d));
	}
	assert_true(identify_chi("2902041233"));
	assert_false(identify_chi("2902031238"));
	assert_false(identify_chi("01010112a7"));
}

static void
test_values(void **state)
{
	static const struct {
		const char *v;
		const char *want;
	} cases[] = {
		{ "0101011237", "CHI number" },
		{ "010101 1237", "CHI number" },
		{ "CHI 1503821234", "CHI number" },
		{ "0101011234", NULL }, /* wrong check digit */
		{ "EH1 1YZ", "postcode" },
		{ "eh11yz", "postcode" },
		{ "G2 3AB", "postcode" },
		{ "SW1A 1AA", "postcode" },
		{ "M60 1NW", "postcode" },
		{ "12 High St, DD1 4HN", "postcode" },
		{ "jo.bloggs@example.org", "email address" },
		{ "write to a@b.co", "email address" },
		{ "07700 900123", "phone number" },
		{ "0131-496-0000", "phone number" },
		{ "+44 7700 900123", "phone number" },
		{ "0044 131 496 0000", "phone number" },
		{ "T056", NULL },
		{ "C1", NULL },
		{ "F", NULL },
		{ "12-15", NULL },
		{ "S1", NULL },
		{ "2024-03-01", NULL },
		{ "@home", NULL },
		{ "1234567", NULL },
		{ "P123456", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = identify_value(cases[i].v, strlen(cases[i].v));

		if ((got == NULL) != (cases[i].want == NULL) ||
		    (got != NULL && strcmp(got, cases[i].want) != 0))
			fail_msg("value '%s': got %s, want %s", cases[i].v, got ? got : "nothing",
			    cases[i].want ? cases[i].want : "nothing");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers_refused),
		cmocka_unit_test(test_headers_passed),
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_chi),
		cmocka_unit_test(test_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
