/* Unit tests for web/form: multipart/form-data decoding (RFC 7578) with
 * its limits, and the boundary parameter.  Bodies are written out byte
 * for byte as browsers send them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "web/form.h"

static const struct form_limits lim = {
	.max_fields = 4,
	.max_value = 32,
	.max_files = 1,
	.max_file = 64,
};

#define CT "multipart/form-data; boundary=----WebKitFormBoundaryx7Ab"
#define B  "------WebKitFormBoundaryx7Ab"

static void
test_boundary(void **state)
{
	char b[80];

	(void)state;
	assert_true(form_boundary(CT, b, sizeof(b)));
	assert_string_equal(b, "----WebKitFormBoundaryx7Ab");
	assert_true(
	    form_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"", b, sizeof(b)));
	assert_string_equal(b, "a b:c");
	assert_false(form_boundary("multipart/form-data", b, sizeof(b)));
	assert_false(form_boundary("multipart/form-data; boundary=", b, sizeof(b)));
	assert_false(form_boundary("multipart/mixed; boundary=abc", b, sizeof(b)));
	assert_false(form_boundary("multipart/form-data; boundary=a<b", b, sizeof(b)));
	assert_false(form_boundary("multipart/form-data; boundary=\"abc", b, sizeof(b)));
	assert_false(
	    form_boundary("multipart/form-data; boundary="
	                  "01234567890123456789012345678901234567890123456789012345678901234567890",
	        b, sizeof(b)));
	assert_false(form_boundary(NULL, b, sizeof(b)));
}

static void
test_fields_and_file(void **state)
{
	static const char body[] = B "\r\n"
	                             "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	                             "tok\r\n" B "\r\n"
	                             "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
	                             "J\xc3\xb6rg\r\nline two\r\n" B "\r\n"
	                             "content-disposition: form-data; name=\"file\"; "
	                             "filename=\"C:\\\\x\\\\pop\\\"1.csv\"\r\n"
	                             "Content-Type: text/csv\r\n\r\n"
	                             "ref,age\r\nC1,4\r\n\r\n" B "--\r\n";
	struct form_data d;

	(void)state;
	assert_int_equal(form_multipart(body, sizeof(body) - 1, CT, &lim, &d), FORM_OK);
	assert_int_equal(d.nfields, 2);
	assert_string_equal(d.fields[0].name, "csrf");
	assert_string_equal(d.fields[0].value, "tok");
	assert_string_equal(d.fields[1].value, "J\xc3\xb6rg\r\nline two");
	assert_int_equal(d.nfiles, 1);
	assert_string_equal(d.files[0].field, "file");
	assert_string_equal(d.files[0].filename, "pop\"1.csv");
	assert_string_equal(d.files[0].content_type, "text/csv");
	assert_int_equal(d.files[0].len, 15);
	assert_memory_equal(d.files[0].data, "ref,age\r\nC1,4\r\n", 15);
	form_data_free(&d);
}

static void
test_empty_file_and_preamble(void **state)
{
	static const char body[] = "preamble to ignore\r\n" B "  \r\n"
	                           "Content-Disposition: form-data; name=file; filename=\"\"\r\n"
	                           "Content-Type: application/octet-stream\r\n\r\n"
	                           "\r\n" B "--";
	struct form_data d;

	(void)state;
	assert_int_equal(form_multipart(body, sizeof(body) - 1, CT, &lim, &d), FORM_OK);
	assert_int_equal(d.nfields, 0);
	assert_int_equal(d.nfiles, 1);
	assert_string_equal(d.files[0].filename, "");
	assert_int_equal(d.files[0].len, 0);
	form_data_free(&d);
}

/* Each malformed or over-limit body fails with its reason and leaves
 * nothing behind. */
static void
test_refusals(void **state)
{
	static const struct {
		const char *body;
		enum form_error want;
	} cases[] = {
		{ "", FORM_MALFORMED },
		{ B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", FORM_MALFORMED },
		{ B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n" B,
		    FORM_MALFORMED },
		{ B "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n" B "--",
		    FORM_MALFORMED },
		{ B "\r\nContent-Type: text/plain\r\n\r\nx\r\n" B "--", FORM_MALFORMED },
		{ B "\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n" B "--",
		    FORM_MALFORMED },
		{ B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n" B "--",
		    FORM_MALFORMED },
		{ B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n" B "--",
		    FORM_NOT_TEXT },
		{ B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "0123456789012345678901234567890123\r\n" B "--",
		    FORM_TOO_LARGE },
		{ B "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\nx\r\n" B
		    "\r\nContent-Disposition: form-data; name=\"g\"; filename=\"b\"\r\n\r\ny\r\n" B
		    "--",
		    FORM_TOO_MANY },
		{ B "\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n" B
		    "\r\nContent-Disposition: form-data; name=b\r\n\r\n2\r\n" B
		    "\r\nContent-Disposition: form-data; name=c\r\n\r\n3\r\n" B
		    "\r\nContent-Disposition: form-data; name=d\r\n\r\n4\r\n" B
		    "\r\nContent-Disposition: form-data; name=e\r\n\r\n5\r\n" B "--",
		    FORM_TOO_MANY },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct form_data d;
		enum form_error e =
		    form_multipart(cases[i].body, strlen(cases[i].body), CT, &lim, &d);

		if (e != cases[i].want)
			fail_msg("case %zu: got %d, want %d", i, (int)e, (int)cases[i].want);
		assert_null(d.fields);
		assert_null(d.files);
		assert_int_equal(d.nfields + d.nfiles, 0);
	}
	{
		struct form_data d;

		assert_int_equal(form_multipart("x", 1, "text/plain", &lim, &d), FORM_BAD_TYPE);
	}
}

/* A file one byte over the limit is refused; at the limit it is read. */
static void
test_file_limit(void **state)
{
	struct buf b = BUF_INIT;
	struct form_data d;

	(void)state;
	for (int over = 0; over < 2; over++) {
		buf_reset(&b);
		buf_puts(&b,
		    B "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n");
		for (size_t i = 0; i < lim.max_file + (size_t)over; i++)
			buf_putc(&b, 'a');
		buf_puts(&b, "\r\n" B "--\r\n");
		assert_int_equal(form_multipart(buf_str(&b), b.len, CT, &lim, &d),
		    over ? FORM_TOO_LARGE : FORM_OK);
		if (!over)
			assert_int_equal(d.files[0].len, lim.max_file);
		form_data_free(&d);
	}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_fields_and_file),
		cmocka_unit_test(test_empty_file_and_preamble),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_file_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
