/* Unit tests for render/svg: charts are well-formed XML with a title and
 * a description, and bars are where the values put them. */
#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/svg.h"

#include "xmlcheck.h"

/* A chart with awkward text: markup characters and (when long) a label too
 * long for any column, else a short one. */
static void
make_chart(struct doc_section *s, bool long_label)
{
	struct doc_chart *c = doc_chart(s, "test-chart", "Grades <&> \"quoted\"", 3, true);

	c->desc = strdup("Bars for A & B; C is missing.");
	c->axis = strdup("Per cent");
	c->min = 0;
	c->max = 100;
	doc_chart_bar(c, 0, "A <b>", 50, 40, 60, "50%");
	doc_chart_bar(c, 1,
	    long_label ? "B & a label much longer than thirty-six characters in all, and then "
	                 "some more words"
	               : "B & b",
	    100, NAN, NAN, "100%");
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
	make_chart(doc_section(&d, "s", "S", 1, false), true);
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
	/* The long label is cut with an ellipsis at the widest label column (its
	 * whole text in its <title>); the suppressed bar has no rect. */
	assert_non_null(strstr(buf_str(&b), "then some more words</title>B &amp; a label much"));
	assert_non_null(strstr(buf_str(&b), "\xE2\x80\xA6</text>"));
	assert_null(strstr(buf_str(&b), "more words</text>"));
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
	make_chart(doc_section(&d, "s", "S", 1, false), false);
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

/* Returns the number after attr=" at the first match of attr after from. */
static double
attr_after(const char *from, const char *attr)
{
	char key[32];
	const char *p;

	snprintf(key, sizeof(key), "%s=\"", attr);
	p = strstr(from, key);
	return p != NULL ? strtod(p + strlen(key), NULL) : NAN;
}

static void
test_labels_are_never_clipped(void **state)
{
	struct doc d;
	struct buf b = BUF_INIT;
	struct doc_chart *c;
	const char *label = "Children looked after away from home (foster care)";
	const char *value = "100.0% (95% CI 96.3% to 100.0%)";
	const char *title = "Share of children in each placement type whose plans were reviewed on "
	                    "time, by quarter";
	double width, bar_x, text_x;
	const char *p;

	(void)state;
	memset(&d, 0, sizeof(d));
	c = doc_chart(doc_section(&d, "s", "S", 1, false), "wide", title, 1, false);
	c->min = 0;
	c->max = 100;
	doc_chart_bar(c, 0, label, 100, NAN, NAN, value);
	doc_chart_tick(c, 0, "0");
	doc_chart_tick(c, 100, "100");
	svg_chart(c, &b);
	assert_null(xml_check(buf_str(&b)));
	/* Hand count: the label is 51 characters, the value 31; at 12 px even a
	 * narrow estimate (0.5 em a character) is 306 px and 186 px, wider than
	 * the fixed columns of 250 and 110 px that clipped them. */
	assert_true(svg_text_width(label) >= 51 * 6.0);
	assert_true(svg_text_width(value) >= 31 * 6.0);
	width = attr_after(buf_str(&b), "width");
	/* The label is written whole and the bar starts after it. */
	assert_non_null(strstr(buf_str(&b),
	    "</title>Children looked after away from home "
	    "(foster care)</text>"));
	p = strstr(buf_str(&b), "<rect");
	assert_non_null(p);
	bar_x = attr_after(p, "x");
	assert_true(bar_x >= svg_text_width(label));
	/* The value text ends inside the drawing. */
	p = strstr(buf_str(&b), ">100.0% (95% CI");
	assert_non_null(p);
	while (p > buf_str(&b) && strncmp(p, "<text", 5) != 0)
		p--;
	text_x = attr_after(p, "x");
	assert_true(text_x + svg_text_width(value) <= width);
	/* So does the title. */
	assert_true(svg_text_width(title) <= width);
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
		cmocka_unit_test(test_labels_are_never_clipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
