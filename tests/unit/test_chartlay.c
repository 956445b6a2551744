/* Unit tests for render/chartlay (issue 20): charts laid out at the PDF
 * page's text width from text measured by Pango in DejaVu Sans, the font
 * the PDF draws with, and every glyph's ink (as Pango measures it, not as
 * the layout assumed) checked to lie inside the chart and inside its own
 * box; the SVG's width estimate checked to be no narrower than the real
 * font. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/chartlay.h"
#include "render/svg.h"

/* The PDF's text width (A4 less two margins of 56.7 pt) and chart font. */
#define TEXT_W  (595.276 - 2 * 56.7)
#define FONT_PT 8.5

/* A Pango context for measuring in a font size. */
struct meas {
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoFontDescription *font;
};

static void
meas_open(struct meas *m, const char *desc)
{
	m->surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	m->cr = cairo_create(m->surf);
	m->font = pango_font_description_from_string(desc);
}

static void
meas_close(struct meas *m)
{
	pango_font_description_free(m->font);
	cairo_destroy(m->cr);
	cairo_surface_destroy(m->surf);
}

/* Returns a layout of the n bytes at s (caller unrefs). */
static PangoLayout *
meas_layout(struct meas *m, const char *s, size_t n)
{
	PangoLayout *l = pango_cairo_create_layout(m->cr);

	pango_layout_set_font_description(l, m->font);
	pango_layout_set_text(l, s, (int)n);
	return l;
}

/* chartlay_measure_fn: logical width, as pdf.c measures. */
static double
measure(void *ctx, const char *s, size_t n)
{
	PangoLayout *l = meas_layout(ctx, s, n);
	int w, h;

	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

/* The ink of a placed text: its leftmost, rightmost, top and bottom. */
struct ink {
	double x0, x1, y0, y1;
};

/* Measures the ink of every line of t as drawn (baseline at the line's top
 * plus the ascent) and checks it lies inside t's box; returns its extent. */
static struct ink
check_text(struct meas *m, const struct chartlay *cl, const struct chartlay_text *t,
    const char *what)
{
	struct ink k = { INFINITY, -INFINITY, INFINITY, -INFINITY };

	for (size_t i = 0; i < t->nlines; i++) {
		PangoLayout *l = meas_layout(m, t->s + t->lines[i].off, t->lines[i].len);
		PangoRectangle ink, logical;
		double base = (double)pango_layout_get_baseline(l) / PANGO_SCALE;
		double bl = t->y + (double)i * cl->line_h + cl->ascent;
		double x0, x1, y0, y1;

		pango_layout_get_extents(l, &ink, &logical);
		x0 = t->lines[i].x + (double)ink.x / PANGO_SCALE;
		x1 = x0 + (double)ink.width / PANGO_SCALE;
		y0 = bl + (double)ink.y / PANGO_SCALE - base;
		y1 = y0 + (double)ink.height / PANGO_SCALE;
		if (x0 < t->box_x - 0.01 || x1 > t->box_x + t->box_w + 0.01)
			fail_msg("%s line %zu \"%.*s\": ink %.2f..%.2f outside its box %.2f..%.2f",
			    what, i, (int)t->lines[i].len, t->s + t->lines[i].off, x0, x1, t->box_x,
			    t->box_x + t->box_w);
		k.x0 = fmin(k.x0, x0);
		k.x1 = fmax(k.x1, x1);
		k.y0 = fmin(k.y0, y0);
		k.y1 = fmax(k.y1, y1);
		g_object_unref(l);
	}
	return k;
}

/* Returns the concatenation of t's lines with single spaces (malloc'd). */
static char *
joined(const struct chartlay_text *t)
{
	char *s = calloc(1, (t->s != NULL ? strlen(t->s) : 0) + t->nlines + 1);
	size_t n = 0;

	for (size_t i = 0; i < t->nlines; i++) {
		if (i > 0)
			s[n++] = ' ';
		memcpy(s + n, t->s + t->lines[i].off, t->lines[i].len);
		n += t->lines[i].len;
	}
	return s;
}

/* Labels of the hostile chart: a long statement, a short one, a word too
 * long for any column, markup characters, non-ASCII letters. */
static const char *const labels[] = {
	"When I think about everything that has happened to me and my family over the past "
	"year, I feel that the people who work with us listened to what I had to say, took my "
	"views seriously and explained clearly what would happen next and why",
	"Staff",
	"Pneumonoultramicroscopicsilicovolcanoconiosisandotherextraordinarilylongwords are "
	"explained",
	"How well were the child's views sought and taken into account? - social-work",
	"Ça & <b> \xC3\xA9l\xC3\xA8ves WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW mmmmmmmm",
};
#define NLABELS (sizeof(labels) / sizeof(labels[0]))
static const char *const values[NLABELS] = {
	"68.3% (55.8% to 78.7%)",
	"100.0% (96.3% to 100.0%)",
	"fewer than 5",
	"3.4% (0.6% to 17.2%)",
	"not shown",
};

/* Makes the hostile chart in d. */
static struct doc_chart *
hostile(struct doc *d)
{
	struct doc_chart *c = doc_chart(doc_section(d, "s", "S", 1, false), "hostile",
	    "Survey \"a statement survey with a long name\": share agreeing with each statement, "
	    "with 95% confidence intervals, by statement and by agency",
	    NLABELS, true);

	c->min = 0;
	c->max = 100;
	c->axis = strdup("Per cent agreeing (of those who answered)");
	for (size_t i = 0; i < NLABELS; i++)
		doc_chart_bar(c, i, labels[i], i == 2 ? NAN : 10.0 + 20.0 * (double)i, 1, 99,
		    values[i]);
	for (int v = 0; v <= 100; v += 25) {
		char t[16];

		snprintf(t, sizeof(t), "%d%%", v);
		doc_chart_tick(c, v, t);
	}
	return c;
}

static void
test_every_glyph_inside(void **state)
{
	struct doc d;
	struct meas m;
	struct chartlay cl;
	struct doc_chart *c;
	struct ink k, prev = { 0, 0, -INFINITY, -INFINITY };

	(void)state;
	memset(&d, 0, sizeof(d));
	c = hostile(&d);
	meas_open(&m, "DejaVu Sans 8.5");
	chartlay_make(&cl, c, TEXT_W, FONT_PT, measure, &m);
	assert_true(cl.width == TEXT_W);
	/* The bars keep their share; labels left of them, values right. */
	assert_true(cl.plot_x1 - cl.plot_x0 >= CHARTLAY_PLOT_SHARE * TEXT_W - 1e-9);
	k = check_text(&m, &cl, &cl.title, "title");
	assert_true(k.x0 >= 0 && k.x1 <= TEXT_W && k.y0 >= 0);
	assert_true(cl.title.nlines >= 2); /* wrapped, not cut */
	prev = k;
	for (size_t i = 0; i < NLABELS; i++) {
		struct ink a = check_text(&m, &cl, &cl.labels[i], "label");
		struct ink v = check_text(&m, &cl, &cl.values[i], "value");
		char *s = joined(&cl.values[i]);

		/* inside the chart and clear of the bars */
		assert_true(a.x0 >= 0 && a.x1 <= cl.plot_x0);
		assert_true(v.x0 >= cl.plot_x1 && v.x1 <= TEXT_W);
		/* below what came before */
		assert_true(a.y0 >= prev.y1 && v.y0 >= prev.y1);
		/* the bar within its row */
		assert_true(cl.bar_y[i] >= prev.y1 &&
		    cl.bar_y[i] + cl.bar_h <= fmax(a.y1, v.y1) + cl.line_h);
		/* the value text whole on one line */
		assert_int_equal(cl.values[i].nlines, 1);
		assert_string_equal(s, values[i]);
		free(s);
		prev.y1 = fmax(fmax(a.y1, v.y1), cl.bar_y[i] + cl.bar_h);
	}
	/* The long statement is all there, over several lines. */
	{
		char *s = joined(&cl.labels[0]);

		assert_true(cl.labels[0].nlines >= 3);
		assert_string_equal(s, labels[0]);
		free(s);
	}
	/* The word too long for its column is broken between letters, all of
	 * it kept. */
	{
		char *s = joined(&cl.labels[2]);
		size_t n = 0;

		for (size_t i = 0; s[i] != '\0'; i++)
			if (s[i] != ' ')
				s[n++] = s[i];
		s[n] = '\0';
		assert_string_equal(s,
		    "Pneumonoultramicroscopicsilicovolcanoconiosisandotherextraordinarilylongwords"
		    "areexplained");
		free(s);
	}
	/* The axis and its ticks below the last row, inside the chart. */
	assert_true(cl.axis_y >= prev.y1);
	for (size_t t = 0; t < cl.nticks; t++) {
		k = check_text(&m, &cl, &cl.ticks[t], "tick");
		assert_true(k.x0 >= 0 && k.x1 <= TEXT_W && k.y0 >= cl.axis_y);
	}
	k = check_text(&m, &cl, &cl.axis, "axis caption");
	assert_true(k.x0 >= 0 && k.x1 <= TEXT_W && k.y1 <= cl.height);
	chartlay_free(&cl);
	meas_close(&m);
	doc_free(&d);
}

/* The bold title: wrapped so that DejaVu Sans Bold still fits. */
static void
test_bold_title_fits(void **state)
{
	struct doc d;
	struct meas m, bold;
	struct chartlay cl;

	(void)state;
	memset(&d, 0, sizeof(d));
	meas_open(&m, "DejaVu Sans 8.5");
	meas_open(&bold, "DejaVu Sans Bold 8.5");
	chartlay_make(&cl, hostile(&d), TEXT_W, FONT_PT, measure, &m);
	for (size_t i = 0; i < cl.title.nlines; i++) {
		const struct chartlay_line *ln = &cl.title.lines[i];

		assert_true(ln->x + measure(&bold, cl.title.s + ln->off, ln->len) <= TEXT_W);
	}
	chartlay_free(&cl);
	meas_close(&m);
	meas_close(&bold);
	doc_free(&d);
}

/* The SVG's estimate of a text's width is never narrower than DejaVu Sans
 * at 12 px really is, so a text the SVG layout fits does fit. */
static void
test_svg_estimate_is_wide_enough(void **state)
{
	struct meas m;
	static const char *const more[] = {
		"Records good or better, with 95% intervals",
		"Per cent of records read",
		"0123456789 %()., to",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz",
		"\"Quoted?\" a/b - c; d: e! [f] {g} #h =i +j ~k <l> &m",
	};

	(void)state;
	meas_open(&m, "DejaVu Sans 12px");
	for (size_t i = 0; i < NLABELS; i++) {
		assert_true(svg_text_width(labels[i]) >= measure(&m, labels[i], strlen(labels[i])));
		assert_true(svg_text_width(values[i]) >= measure(&m, values[i], strlen(values[i])));
	}
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		assert_true(svg_text_width(more[i]) >= measure(&m, more[i], strlen(more[i])));
	/* every printable ASCII character on its own */
	for (char ch = ' '; ch <= '~'; ch++) {
		char one[2] = { ch, '\0' };

		if (svg_text_width(one) < measure(&m, one, 1))
			fail_msg("'%c': estimated %.2f px, DejaVu Sans %.2f px", ch,
			    svg_text_width(one), measure(&m, one, 1));
	}
	meas_close(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_glyph_inside),
		cmocka_unit_test(test_bold_title_fits),
		cmocka_unit_test(test_svg_estimate_is_wide_enough),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
