/* Unit tests for render/svg: charts are well-formed XML with a title and
 * a description, and bars are where the values put them. */
#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "render/svg.h"

#include "xmlcheck.h"

/* A chart with awkward text: markup characters and a long label. */
static void
make_chart(struct doc_section *s)
{
	struct doc_chart *c = doc_chart(s, "test-chart", "Grades <&> \"quoted\"", 3, true);

	c->desc = strdup("Bars for A & B; C is missing.");
	c->axis = strdup("Per cent");
	c->min = 0;
	c->max = 100;
	doc_chart_bar(c, 0, "A <b>", 50, 40, 60, "50%");
	doc_chart_bar(c, 1, "B & a label much longer than thirty-six characters in all", 100, NAN,
	    NAN, "100%");
	doc_chart_bar(c, 2, "C", NAN, NAN, NAN, "fewer than 5");
	doc_chart_tick(c, 0, "0");
	doc_chart_tick(c, 100, "100");
}

static void
test_chart_is_well_formed(void **state)
{
	struct doc d;
	struct buf b = BUF_INIT;
	const char *why;

	(void)state;
	memset(&d, 0, sizeof(d));
	make_chart(doc_section(&d, "s", "S", 1, false));
	svg_chart(d.sections[0].blocks[0].chart, &b);
	why = xml_check(buf_str(&b));
	if (why != NULL)
		print_error("%s in:\n%s\n", why, buf_str(&b));
	assert_null(why);
	assert_non_null(strstr(buf_str(&b),
	    "<title id=\"test-chart-title\">Grades &lt;&amp;&gt; "
	    "&quot;quoted&quot;</title>"));
	assert_non_null(strstr(buf_str(&b),
	    "<desc id=\"test-chart-desc\">Bars for A &amp; B; C is "
	    "missing.</desc>"));
	assert_non_null(
	    strstr(buf_str(&b), "aria-labelledby=\"test-chart-title test-chart-desc\""));
	assert_non_null(strstr(buf_str(&b), "role=\"img\""));
	/* The long label is cut with an ellipsis; the suppressed bar has no rect. */
	assert_non_null(
	    strstr(buf_str(&b), "B &amp; a label much longer than thirty-\xE2\x80\xA6"));
	assert_non_null(strstr(buf_str(&b), ">fewer than 5<"));
	buf_free(&b);
	doc_free(&d);
}

static void
test_bars_scale_with_values(void **state)
{
	struct doc d;
	struct buf b = BUF_INIT;
	const struct doc_chart *c;
	char want[128];
	double full = SVG_CHART_WIDTH - SVG_LABEL_WIDTH - SVG_VALUE_WIDTH;

	(void)state;
	memset(&d, 0, sizeof(d));
	make_chart(doc_section(&d, "s", "S", 1, false));
	c = d.sections[0].blocks[0].chart;
	svg_chart(c, &b);
	/* 50 of 0..100 is half the bar area; 100 the whole of it. */
	snprintf(want, sizeof(want), "width=\"%.1f\"", full / 2);
	assert_non_null(strstr(buf_str(&b), want));
	snprintf(want, sizeof(want), "width=\"%.1f\"", full);
	assert_non_null(strstr(buf_str(&b), want));
	/* Exactly two bars: the missing value draws none. */
	{
		size_t n = 0;

		for (const char *p = buf_str(&b); (p = strstr(p, "<rect")) != NULL; p++)
			n++;
		assert_int_equal(n, 2);
	}
	/* The interval 40..60 runs from 40% to 60% of the bar area. */
	snprintf(want, sizeof(want), "x1=\"%.1f\" x2=\"%.1f\"", SVG_LABEL_WIDTH + full * 0.4,
	    SVG_LABEL_WIDTH + full * 0.6);
	assert_non_null(strstr(buf_str(&b), want));
	assert_true(svg_chart_height(c) == SVG_TOP + 3 * SVG_BAR_PITCH + SVG_BOTTOM);
	buf_free(&b);
	doc_free(&d);
}

static void
test_checker_rejects_bad_xml(void **state)
{
	(void)state;
	assert_non_null(xml_check("<svg><g></svg></g>"));
	assert_non_null(xml_check("<svg a=1></svg>"));
	assert_non_null(xml_check("<svg>a & b</svg>"));
	assert_non_null(xml_check("<svg></svg><svg></svg>"));
	assert_null(xml_check("<svg a=\"1\"><g/>x &amp; y</svg>"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker_rejects_bad_xml),
		cmocka_unit_test(test_chart_is_well_formed),
		cmocka_unit_test(test_bars_scale_with_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
