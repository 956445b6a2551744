/* Unit tests for core/buf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static void
test_append_and_printf(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_string_equal(buf_str(&b), "");
	buf_puts(&b, "abc");
	buf_putc(&b, '-');
	buf_printf(&b, "%d/%s", 42, "x");
	assert_string_equal(buf_str(&b), "abc-42/x");
	assert_int_equal(b.len, 8);
	assert_false(buf_failed(&b));
	buf_free(&b);
}

static void
test_limit_is_sticky(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 5);
	buf_puts(&b, "12345");
	assert_false(buf_failed(&b));
	buf_putc(&b, '6');
	assert_true(buf_failed(&b));
	buf_puts(&b, "");
	assert_true(buf_failed(&b));
	assert_string_equal(buf_str(&b), "12345");
	buf_reset(&b);
	assert_false(buf_failed(&b));
	buf_printf(&b, "%s", "too long for five");
	assert_true(buf_failed(&b));
	buf_free(&b);
}

static void
test_growth_and_take(void **state)
{
	struct buf b = BUF_INIT;
	char *s;

	(void)state;
	for (int i = 0; i < 10000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 10000);
	assert_int_equal(buf_str(&b)[9999], 'a' + 9999 % 26);
	s = buf_take(&b);
	assert_int_equal(strlen(s), 10000);
	assert_string_equal(buf_str(&b), "");
	free(s);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_and_printf),
		cmocka_unit_test(test_limit_is_sticky),
		cmocka_unit_test(test_growth_and_take),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
