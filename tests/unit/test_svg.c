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

/* Returns the number after attr=" at the first match of attr after from. */
static double
attr_after(const char *from, const char *attr)
{
	char key[32];
	const char *p;

	snprintf(key, sizeof(key), " %s=\"", attr);
	p = strstr(from, key);
	return p != NULL ? strtod(p + strlen(key), NULL) : NAN;
}

/* Returns the text of the <tspan>s of the first <text> with class cls whose
 * index is k (0-based) among those, joined with single spaces, with &amp;
 * and &lt; decoded (malloc'd); NULL when there is none.  *maxright gets the
 * rightmost estimated end of its lines, *minx the leftmost start. */
static char *
text_of(const char *svg, const char *cls, size_t k, double *minx, double *maxright)
{
	char key[64];
	const char *p = svg, *end;
	char *out = calloc(1, strlen(svg) + 1);
	size_t n = 0;

	snprintf(key, sizeof(key), "class=\"%s\"", cls);
	for (size_t i = 0; i <= k; i++) {
		if ((p = strstr(p, key)) == NULL) {
			free(out);
			return NULL;
		}
		p += strlen(key);
	}
	end = strstr(p, "</text>");
	*minx = INFINITY;
	*maxright = -INFINITY;
	while ((p = strstr(p, "<tspan")) != NULL && p < end) {
		double x = attr_after(p, "x");
		const char *t = strchr(p, '>') + 1, *e = strstr(t, "</tspan>");
		char line[1024];
		size_t m = 0;

		for (const char *q = t; q < e && m + 1 < sizeof(line); q++) {
			if (strncmp(q, "&amp;", 5) == 0)
				line[m++] = '&', q += 4;
			else if (strncmp(q, "&lt;", 4) == 0)
				line[m++] = '<', q += 3;
			else
				line[m++] = *q;
		}
		line[m] = '\0';
		if (x < *minx)
			*minx = x;
		if (x + svg_text_width(line) > *maxright)
			*maxright = x + svg_text_width(line);
		if (n > 0)
			out[n++] = ' ';
		memcpy(out + n, line, m);
		n += m;
		p = e;
	}
	return out;
}

static void
test_chart_is_well_formed(void **state)
{
	struct doc d;
	struct buf b = BUF_INIT;
	const char *why;
	char *label;
	double minx, right;

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
	/* Issue 20: the long label is wrapped onto lines, whole: no ellipsis,
	 * every word in order (its whole text in its <title> too); the
	 * suppressed bar has no rect. */
	assert_null(strstr(buf_str(&b), "\xE2\x80\xA6"));
	assert_non_null(strstr(buf_str(&b),
	    "<title>B &amp; a label much longer than thirty-six characters in all, and then "
	    "some more words</title>"));
	label = text_of(buf_str(&b), "chart-label", 1, &minx, &right);
	assert_non_null(label);
	assert_string_equal(label,
	    "B & a label much longer than thirty-six characters in all, and then some more words");
	free(label);
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
	const char *r1, *r2, *ln;
	double x0, full;

	(void)state;
	memset(&d, 0, sizeof(d));
	make_chart(doc_section(&d, "s", "S", 1, false), false);
	c = d.sections[0].blocks[0].chart;
	svg_chart(c, &b);
	/* Exactly two bars: the missing value draws none. */
	r1 = strstr(buf_str(&b), "<rect");
	assert_non_null(r1);
	r2 = strstr(r1 + 1, "<rect");
	assert_non_null(r2);
	assert_null(strstr(r2 + 1, "<rect"));
	/* Both start at the axis; 50 of 0..100 is half of the 100 bar. */
	x0 = attr_after(r1, "x");
	assert_true(fabs(attr_after(r2, "x") - x0) < 1e-9);
	full = attr_after(r2, "width");
	assert_true(full > 0.3 * SVG_CHART_WIDTH);
	assert_true(fabs(attr_after(r1, "width") - full / 2) <= 0.1);
	/* The interval 40..60 runs from 40% to 60% of the bar area. */
	ln = strstr(r1, "<line");
	assert_true(fabs(attr_after(ln, "x1") - (x0 + 0.4 * full)) <= 0.1);
	assert_true(fabs(attr_after(ln, "x2") - (x0 + 0.6 * full)) <= 0.1);
	/* The drawing is as tall as the layout says. */
	assert_true(attr_after(buf_str(&b), "height") == round(svg_chart_height(c)));
	buf_free(&b);
	doc_free(&d);
}

/* Issue 20: a chart of survey statements at the page's width: every label
 * and value whole, each inside its column, nothing past the chart's edge,
 * the value text on one line. */
static void
test_labels_are_never_clipped(void **state)
{
	static const char *const labels[] = {
		"Children looked after away from home (foster care)",
		"I feel safe in the place I live and I know who to talk to if I am worried "
		"about anything at all, at home, at school or anywhere else",
		"Staff",
		"Supercalifragilisticexpialidociousnessandthensomemorewithoutanyspaceatall",
	};
	const char *value = "68.3% (55.8% to 78.7%)";
	const char *title =
	    "Share of children in each placement type whose plans were reviewed on "
	    "time, by quarter, with 95% intervals, for every statement of the survey";
	struct doc d;
	struct buf b = BUF_INIT;
	struct doc_chart *c;
	double width, x0, minx, right;
	char *t;

	(void)state;
	memset(&d, 0, sizeof(d));
	c = doc_chart(doc_section(&d, "s", "S", 1, false), "wide", title, 4, true);
	c->min = 0;
	c->max = 100;
	c->axis = strdup("Per cent of people who answered");
	for (size_t i = 0; i < 4; i++)
		doc_chart_bar(c, i, labels[i], 68.3, 55.8, 78.7, value);
	doc_chart_tick(c, 0, "0%");
	doc_chart_tick(c, 100, "100%");
	svg_chart(c, &b);
	assert_null(xml_check(buf_str(&b)));
	width = attr_after(buf_str(&b), "width");
	assert_true(width == SVG_CHART_WIDTH);
	x0 = attr_after(strstr(buf_str(&b), "<rect"), "x");
	for (size_t i = 0; i < 4; i++) {
		t = text_of(buf_str(&b), "chart-label", i, &minx, &right);
		assert_non_null(t);
		/* whole (the word with no space is broken between letters) */
		if (i < 3)
			assert_string_equal(t, labels[i]);
		free(t);
		assert_true(minx >= 0);
		assert_true(right <= x0);
		t = text_of(buf_str(&b), "chart-value", i, &minx, &right);
		assert_string_equal(t, value); /* one line: no space added */
		free(t);
		assert_true(right <= width);
	}
	/* The word too long for the column is all there, broken between
	 * letters over several lines (never hyphenated). */
	t = text_of(buf_str(&b), "chart-label", 3, &minx, &right);
	assert_non_null(strchr(t, ' '));
	{
		size_t m = 0;

		for (size_t k = 0; t[k] != '\0'; k++)
			if (t[k] != ' ')
				t[m++] = t[k];
		t[m] = '\0';
	}
	assert_string_equal(t, labels[3]);
	free(t);
	t = text_of(buf_str(&b), "chart-title", 0, &minx, &right);
	assert_string_equal(t, title);
	free(t);
	assert_true(right * 1.15 <= width + 1e-9);
	t = text_of(buf_str(&b), "chart-tick", 1, &minx, &right);
	assert_string_equal(t, "100%");
	free(t);
	assert_true(right <= width);
	t = text_of(buf_str(&b), "chart-axis", 0, &minx, &right);
	assert_string_equal(t, "Per cent of people who answered");
	free(t);
	assert_true(minx >= 0 && right <= width);
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
