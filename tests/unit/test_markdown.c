/* Unit tests for render/markdown: raw HTML is text, only safe links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "render/markdown.h"

/* Returns the HTML of md (static buffer for the test). */
static const char *
html_of(const char *md)
{
	static struct buf b;

	buf_free(&b);
	markdown_html(md, &b);
	return buf_str(&b);
}

static void
test_raw_html_is_text(void **state)
{
	const char *h = html_of("Hello <script>alert(1)</script> and <b onclick=x>bold</b>\n");

	(void)state;
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<b "));
	assert_non_null(strstr(h, "&lt;script&gt;"));
	assert_int_equal(markdown_check("<img src=x onerror=alert(1)>", NULL), 0);
	assert_null(strstr(html_of("<img src=x onerror=alert(1)>"), "<img"));
}

static void
test_markdown_is_rendered(void **state)
{
	const char *h =
	    html_of("Some **bold** and *em*, a [link](https://www.careinspectorate.com/)"
	            " and [mail](mailto:enquiries@example.org).\n\n- one\n- two\n");

	(void)state;
	assert_non_null(strstr(h, "<strong>bold</strong>"));
	assert_non_null(strstr(h, "<em>em</em>"));
	assert_non_null(strstr(h, "href=\"https://www.careinspectorate.com/\""));
	assert_non_null(strstr(h, "href=\"mailto:enquiries@example.org\""));
	assert_non_null(strstr(h, "<li>two</li>"));
}

static void
test_link_schemes_checked(void **state)
{
	struct buf p = BUF_INIT;

	(void)state;
	assert_int_equal(markdown_check("[a](https://x.org) [b](http://x.org) [c](mailto:a@b) "
	                                "[d](annex.html#s2) [e](#top)",
	                     NULL),
	    0);
	assert_int_equal(markdown_check("[a](javascript:alert(1))", &p), 1);
	assert_non_null(strstr(buf_str(&p), "javascript:alert(1)"));
	assert_int_equal(markdown_check("[a](JavaScript:alert(1))", NULL), 1);
	assert_int_equal(markdown_check("[a](javascript&#58;alert(1))", NULL), 1);
	assert_int_equal(markdown_check("[a](data:text/html;base64,PHNjcmlwdD4=)", NULL), 1);
	assert_int_equal(markdown_check("[a](vbscript:x)", NULL), 1);
	assert_int_equal(markdown_check("[a](//evil.example/x)", NULL), 1);
	assert_int_equal(markdown_check("<javascript:alert(1)>", NULL), 1);
	assert_int_equal(markdown_check("![chart](https://tracker.example/p.png)", NULL), 1);
	assert_int_equal(markdown_check("[x]: javascript:alert(1)\n\n[click][x]", NULL), 1);
	buf_free(&p);
}

static void
test_unsafe_link_is_not_a_link(void **state)
{
	const char *h = html_of("[click](javascript:alert(1))");

	(void)state;
	assert_null(strstr(h, "href"));
	assert_non_null(strstr(h, "click"));
	h = html_of("[click](javascript&#58;alert(1))");
	assert_null(strstr(h, "href"));
}

static void
test_pango_paragraphs(void **state)
{
	struct markdown_para *v;
	size_t n;

	(void)state;
	markdown_pango("Intro with <b>tag</b> & **strong**.\n\n- a\n- b\n\n3. x\n4. y\n", &v, &n);
	assert_int_equal(n, 5);
	assert_int_equal(v[0].kind, MDP_PARA);
	assert_string_equal(v[0].markup, "Intro with &lt;b&gt;tag&lt;/b&gt; &amp; <b>strong</b>.");
	assert_int_equal(v[1].kind, MDP_BULLET);
	assert_string_equal(v[1].markup, "a");
	assert_int_equal(v[2].kind, MDP_BULLET);
	assert_int_equal(v[3].kind, MDP_NUMBER);
	assert_int_equal(v[3].number, 3);
	assert_int_equal(v[4].number, 4);
	assert_string_equal(v[4].markup, "y");
	markdown_paras_free(v, n);
}
/* Issue 18: a bidirectional control in narrative is shown as text in the
 * HTML (md4c's output) and in the PDF's Pango markup, never obeyed. */
static void
test_bidi_controls_shown(void **state)
{
	struct markdown_para *v;
	size_t n;
	const char *h;

	(void)state;
	h = html_of("Glen\xE2\x80\xAEroom and **\xE2\x81\xA6x\xE2\x81\xA9**");
	assert_null(strstr(h, "\xE2\x80\xAE"));
	assert_null(strstr(h, "\xE2\x81\xA6"));
	assert_non_null(strstr(h, "Glen&lt;U+202E&gt;room"));
	assert_non_null(strstr(h, "<strong>&lt;U+2066&gt;x&lt;U+2069&gt;</strong>"));
	markdown_pango("a \xE2\x80\x8F<b> \xD8\x9C", &v, &n);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].markup, "a &lt;U+200F&gt;&lt;b&gt; &lt;U+061C&gt;");
	markdown_paras_free(v, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_raw_html_is_text),
		cmocka_unit_test(test_markdown_is_rendered),
		cmocka_unit_test(test_link_schemes_checked),
		cmocka_unit_test(test_unsafe_link_is_not_a_link),
		cmocka_unit_test(test_pango_paragraphs),
		cmocka_unit_test(test_bidi_controls_shown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
