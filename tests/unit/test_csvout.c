/* Unit tests for core/csvout: the one CSV writer (RFC 4180 quoting and
 * formula neutralisation, OWASP "CSV injection"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvout.h"

static void
expect_field(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	csvout_field(&b, in);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
test_plain_and_quoted(void **state)
{
	(void)state;
	expect_field("C001", "C001");
	expect_field("", "");
	expect_field(NULL, "");
	expect_field("a,b", "\"a,b\"");
	expect_field("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_field("two\nlines", "\"two\nlines\"");
}

static void
test_formulas_neutralised(void **state)
{
	(void)state;
	expect_field("=HYPERLINK(\"http://x\",\"y\")",
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	expect_field("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\"");
	expect_field("-2+3", "\"'-2+3\"");
	expect_field("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"");
	expect_field("\t=1", "\"'\t=1\"");
	expect_field("\r=1", "\"'\r=1\"");
	expect_field("-", "\"'-\"");
}

static void
test_numbers_stay_numbers(void **state)
{
	(void)state;
	expect_field("-3.5", "-3.5");
	expect_field("+2", "+2");
	expect_field("-1e-05", "-1e-05");
	expect_field("-.5", "-.5");
	assert_true(csvout_risky("-1e"));
	assert_true(csvout_risky("-0x10"));
	assert_false(csvout_risky("12"));
}

static void
test_row(void **state)
{
	struct buf b = BUF_INIT;
	const char *f[] = { "T056", "=1+1", NULL, "x,y" };

	(void)state;
	csvout_row(&b, f, 4);
	assert_string_equal(buf_str(&b), "T056,\"'=1+1\",,\"x,y\"\r\n");
	buf_free(&b);
}

static void
test_bidi_shown(void **state)
{
	(void)state;
	/* U+202E (right-to-left override) would show "C001\u202Efdp.exe" reversed. */
	expect_field("C001\xe2\x80\xae"
	             "fdp.exe",
	    "C001<U+202E>fdp.exe");
	expect_field("\xe2\x81\xa6x\xe2\x81\xa9", "<U+2066>x<U+2069>");
	expect_field("=\xe2\x80\x8f"
	             "1+1",
	    "\"'=<U+200F>1+1\"");
	expect_field("caf\xc3\xa9 \xe2\x80\x94 ok", "caf\xc3\xa9 \xe2\x80\x94 ok");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quoted),
		cmocka_unit_test(test_bidi_shown),
		cmocka_unit_test(test_formulas_neutralised),
		cmocka_unit_test(test_numbers_stay_numbers),
		cmocka_unit_test(test_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
