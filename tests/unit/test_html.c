/* Unit tests for render/html: escaping and structure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "render/html.h"

static void
test_text_and_attributes_are_escaped(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;

	(void)state;
	html_init(&h, &b);
	html_open(&h, HE_P, HA_CLASS, "a\"b'<c>&", HA__MAX);
	html_text(&h, "<script>alert('x') & \"y\"</script>");
	html_close(&h);
	assert_string_equal(buf_str(&b),
	    "<p class=\"a&quot;b&#39;&lt;c&gt;&amp;\">&lt;script&gt;alert(&#39;x&#39;) &amp; "
	    "&quot;y&quot;&lt;/script&gt;</p>\n");
	buf_free(&b);
}

static void
test_every_byte_escaped(void **state)
{
	struct buf b = BUF_INIT;
	char all[256];

	(void)state;
	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	html_escape(&b, all);
	assert_null(strpbrk(buf_str(&b), "<>\"'"));
	buf_free(&b);
}

/* Issue 18: a bidirectional control is shown, never obeyed, so a file
 * name cannot read backwards; other non-ASCII text is left as it is. */
static void
test_bidi_controls_shown(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	html_escape(&b,
	    "Report\xE2\x80\xAE"
	    "fdp.exe & \xE2\x81\xA6x\xE2\x81\xA9 caf\xC3\xA9 \xE2\x80\x94");
	assert_string_equal(buf_str(&b),
	    "Report&lt;U+202E&gt;fdp.exe &amp; &lt;U+2066&gt;x&lt;U+2069&gt; caf\xC3\xA9 "
	    "\xE2\x80\x94");
	buf_free(&b);
}

static void
test_close_to_balances(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;

	(void)state;
	html_init(&h, &b);
	html_open(&h, HE_DIV, HA__MAX);
	html_open(&h, HE_UL, HA__MAX);
	html_open(&h, HE_LI, HA__MAX);
	html_open(&h, HE_INPUT, HA_TYPE, "text", HA__MAX); /* void: not pushed */
	html_close_to(&h, 0);
	assert_string_equal(buf_str(&b),
	    "<div><ul><li><input type=\"text\"></li>\n</ul>\n</div>\n");
	buf_free(&b);
}

static void
test_unsafe_urls_replaced(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;

	(void)state;
	assert_true(html_url_safe("/inspections/1"));
	assert_true(html_url_safe("https://www.careinspectorate.com/"));
	assert_true(html_url_safe("report.html#evaluations"));
	assert_false(html_url_safe("javascript:alert(1)"));
	assert_false(html_url_safe("JavaScript:alert(1)"));
	assert_false(html_url_safe("//evil.example/"));
	assert_false(html_url_safe("data:text/html,x"));
	assert_false(html_url_safe("java\tscript:alert(1)"));
	html_init(&h, &b);
	html_open(&h, HE_A, HA_HREF, "javascript:alert(1)", HA__MAX);
	html_close(&h);
	assert_string_equal(buf_str(&b), "<a href=\"#\"></a>");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_and_attributes_are_escaped),
		cmocka_unit_test(test_every_byte_escaped),
		cmocka_unit_test(test_bidi_controls_shown),
		cmocka_unit_test(test_close_to_balances),
		cmocka_unit_test(test_unsafe_urls_replaced),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
