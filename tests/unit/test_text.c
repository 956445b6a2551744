/* Unit tests for core/text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
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

/* A message cut in the middle of a character ("%.60s") is made valid
 * UTF-8 in place: only the bytes that start no valid sequence change. */
static void
test_utf8_repair(void **state)
{
	char cut[] = "unknown field 'caf\xc3'";
	char mixed[] = "a\xff\xc0\xaf"
	               "b\xc3\xa9\xf0\x9f\x98";
	char good[] = "caf\xc3\xa9 \xe2\x80\xae \xf0\x9f\x98\x80";

	(void)state;
	assert_int_equal(text_utf8_repair(cut), 1);
	assert_string_equal(cut, "unknown field 'caf?'");
	assert_int_equal(text_utf8_repair(mixed), 6);
	assert_string_equal(mixed, "a???b\xc3\xa9???");
	assert_true(text_utf8_valid(mixed, strlen(mixed)));
	assert_int_equal(text_utf8_repair(good), 0);
	assert_string_equal(good, "caf\xc3\xa9 \xe2\x80\xae \xf0\x9f\x98\x80");
	assert_int_equal(text_utf8_repair(NULL), 0);
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
/* A text_escape_fn for the test: & < > as HTML entities. */
static void
amp_escape(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '&')
			buf_puts(b, "&amp;");
		else if (s[i] == '<')
			buf_puts(b, "&lt;");
		else if (s[i] == '>')
			buf_puts(b, "&gt;");
		else
			buf_putc(b, s[i]);
	}
}

/* Issue 18: every bidirectional control (U+061C, U+200E, U+200F, U+202A to
 * U+202E, U+2066 to U+2069) is shown as <U+XXXX>, in each format's own
 * escaping; the characters around them, and lookalikes just outside the
 * ranges (U+2029, U+202F, U+2065, U+206A, U+200D), are left alone. */
static void
test_bidi_shown(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "Report\xE2\x80\xAE"
		  "fdp.exe",
		    "Report<U+202E>fdp.exe" },
		{ "\xD8\x9C"
		  "a\xE2\x80\x8E"
		  "b\xE2\x80\x8F",
		    "<U+061C>a<U+200E>b<U+200F>" },
		{ "\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD",
		    "<U+202A><U+202B><U+202C><U+202D>" },
		{ "\xE2\x81\xA6x\xE2\x81\xA7y\xE2\x81\xA8z\xE2\x81\xA9",
		    "<U+2066>x<U+2067>y<U+2068>z<U+2069>" },
		{ "\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA\xE2\x80\x8D",
		    "\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA\xE2\x80\x8D" },
		{ "", "" },
		{ "caf\xC3\xA9 \xE2\x80\xAE", "caf\xC3\xA9 <U+202E>" },
	};
	struct buf b = BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = text_bidi_shown(cases[i].in);

		assert_string_equal(got, cases[i].want);
		free(got);
	}
	assert_null(text_bidi_shown(NULL));
	/* A control cut short at the end of the bytes given is not one. */
	text_bidi_show(&b, "a\xE2\x80\xAE", 3, NULL, "<", ">");
	assert_int_equal(b.len, 3);
	assert_memory_equal(buf_str(&b), "a\xE2\x80", 3);
	buf_reset(&b);
	/* The visible form in an escaping format: open and close are given
	 * escaped, the rest goes through the escape function. */
	text_bidi_show(&b, "x\xE2\x80\xAEy", 5, NULL, "&lt;", "&gt;");
	assert_string_equal(buf_str(&b), "x&lt;U+202E&gt;y");
	buf_reset(&b);
	text_bidi_show(&b, "<&\xE2\x80\xAE&>", 7, amp_escape, "&lt;", "&gt;");
	assert_string_equal(buf_str(&b), "&lt;&amp;&lt;U+202E&gt;&amp;&gt;");
	buf_free(&b);
}

/* A text holding U+FFFD (how the web's forms show a NUL) is refused at its
 * field, in words; other text passes. */
static void
test_check_unreadable(void **state)
{
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(text_check("note", "the note", "fine text", 100, &err), CAIRN_OK);
	assert_int_equal(text_check("note", "the note",
	                     "a\xef\xbf\xbd"
	                     "b",
	                     100, &err),
	    CAIRN_EDATA);
	assert_string_equal(err.field, "note");
	assert_non_null(strstr(err.msg, "the note holds a character that cannot be stored"));
	assert_true(text_has_unreadable("x\xef\xbf\xbd"));
	assert_false(text_has_unreadable("x\xef\xbf"));
	assert_false(text_has_unreadable(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_words),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_utf8_repair),
		cmocka_unit_test(test_parse_numbers),
		cmocka_unit_test(test_casecmp_and_trim),
		cmocka_unit_test(test_bidi_shown),
		cmocka_unit_test(test_check_unreadable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
