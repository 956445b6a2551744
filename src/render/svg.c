/* SVG charts: see svg.h. */
#include "render/svg.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"

#include "render/chartlay.h"
#include "render/html.h"

/* Bar fill and interval colours (the Scottish Government palette's blue). */
#define SVG_BAR_COLOUR      "#0065bd"
#define SVG_INTERVAL_COLOUR "#333333"

/*
 * Text widths are estimated, not measured (no font is loaded to write an
 * SVG): per character at 12 px in DejaVu Sans, each class at least the
 * widest advance of its characters as Pango gives it at 12 px with hinting
 * (digits and most lower-case letters 8 px, "m" and "W" 12 px), so that a
 * text estimated to fit does fit (tests/unit/test_chartlay.c checks it).
 */

/* Returns the estimated advance of one character (its first byte c). */
static double
char_width(unsigned char c)
{
	if (c >= 0x80)
		return 1.00 * SVG_FONT_PX; /* a non-ASCII character: a wide guess */
	if (strchr(" .,:;'!|()[]ijlrtfI-", c) != NULL)
		return 0.42 * SVG_FONT_PX;
	if (strchr("mwMW@%", c) != NULL)
		return 1.00 * SVG_FONT_PX;
	if (strchr("&<>#=+~^_{}", c) != NULL)
		return 0.84 * SVG_FONT_PX;
	if (c >= 'A' && c <= 'Z')
		return 0.75 * SVG_FONT_PX;
	return 0.67 * SVG_FONT_PX; /* lower-case letters, digits, signs */
}

double
svg_text_width_n(const char *s, size_t n)
{
	double w = 0;

	for (size_t i = 0; s != NULL && i < n && s[i] != '\0'; i++) {
		unsigned cp;
		size_t bidi = text_bidi_control(s + i, n - i, &cp);

		if (bidi > 0) {
			/* shown as "<U+XXXX>" (html_escape) */
			w += svg_text_width_n("<U+202E>", 8);
			i += bidi - 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			w += char_width((unsigned char)s[i]);
		}
	}
	return w;
}

double
svg_text_width(const char *s)
{
	return s != NULL ? svg_text_width_n(s, strlen(s)) : 0;
}

/* chartlay_measure_fn over the estimate. */
static double
measure(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	return svg_text_width_n(s, n);
}

double
svg_chart_height(const struct doc_chart *c)
{
	struct chartlay l;
	double h;

	chartlay_make(&l, c, SVG_CHART_WIDTH, SVG_FONT_PX, measure, NULL);
	h = l.height;
	chartlay_free(&l);
	return h;
}

/* Appends an attribute-safe number. */
static void
num(struct buf *b, double v)
{
	buf_printf(b, "%.1f", isfinite(v) ? v : 0.0);
}

/* Appends the lines of a placed text as <tspan>s of one <text> (with the
 * whole text as its <title> when tip), escaped, each at its place; attrs
 * (a literal) go on the <text>. */
static void
text_lines(struct buf *b, const struct chartlay *l, const struct chartlay_text *t,
    const char *attrs, bool tip)
{
	if (t->s == NULL || t->nlines == 0)
		return;
	buf_printf(b, "<text%s>", attrs);
	if (tip) {
		buf_puts(b, "<title>");
		html_escape(b, t->s);
		buf_puts(b, "</title>");
	}
	for (size_t k = 0; k < t->nlines; k++) {
		char *part = xstrndup(t->s + t->lines[k].off, t->lines[k].len);

		buf_puts(b, "<tspan x=\"");
		num(b, t->lines[k].x);
		buf_puts(b, "\" y=\"");
		num(b, t->y + (double)k * l->line_h + l->ascent);
		buf_puts(b, "\">");
		html_escape(b, part);
		buf_puts(b, "</tspan>");
		free(part);
	}
	buf_puts(b, "</text>\n");
}

void
svg_chart(const struct doc_chart *c, struct buf *out)
{
	struct chartlay l;
	double x0;

	chartlay_make(&l, c, SVG_CHART_WIDTH, SVG_FONT_PX, measure, NULL);
	x0 = chartlay_x(&l, c, c->min);
	buf_printf(out,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" aria-labelledby=\"",
	    l.width, l.height, l.width, l.height);
	html_escape(out, c->id);
	buf_puts(out, "-title ");
	html_escape(out, c->id);
	buf_puts(out, "-desc\">\n<title id=\"");
	html_escape(out, c->id);
	buf_puts(out, "-title\">");
	html_escape(out, c->title);
	buf_puts(out, "</title>\n<desc id=\"");
	html_escape(out, c->id);
	buf_puts(out, "-desc\">");
	html_escape(out, c->desc != NULL ? c->desc : c->title);
	buf_puts(out,
	    "</desc>\n<g font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\" "
	    "fill=\"#333333\">\n");
	text_lines(out, &l, &l.title, " font-weight=\"bold\" class=\"chart-title\"", false);
	for (size_t i = 0; i < c->n; i++) {
		double y = l.bar_y[i];

		text_lines(out, &l, &l.labels[i], " class=\"chart-label\"", true);
		if (isfinite(c->values[i])) {
			buf_puts(out, "<rect x=\"");
			num(out, x0);
			buf_puts(out, "\" y=\"");
			num(out, y);
			buf_puts(out, "\" width=\"");
			num(out, chartlay_x(&l, c, c->values[i]) - x0);
			buf_puts(out, "\" height=\"");
			num(out, l.bar_h);
			buf_puts(out, "\" fill=\"" SVG_BAR_COLOUR "\"/>\n");
			if (c->lo != NULL && isfinite(c->lo[i]) && isfinite(c->hi[i])) {
				buf_puts(out, "<line x1=\"");
				num(out, chartlay_x(&l, c, c->lo[i]));
				buf_puts(out, "\" x2=\"");
				num(out, chartlay_x(&l, c, c->hi[i]));
				buf_puts(out, "\" y1=\"");
				num(out, y + l.bar_h / 2);
				buf_puts(out, "\" y2=\"");
				num(out, y + l.bar_h / 2);
				buf_puts(out,
				    "\" stroke=\"" SVG_INTERVAL_COLOUR
				    "\" stroke-width=\"1.5\"/>\n");
			}
		}
		text_lines(out, &l, &l.values[i], " class=\"chart-value\"", false);
	}
	buf_puts(out, "<line x1=\"");
	num(out, x0);
	buf_puts(out, "\" x2=\"");
	num(out, chartlay_x(&l, c, c->max));
	buf_puts(out, "\" y1=\"");
	num(out, l.axis_y);
	buf_puts(out, "\" y2=\"");
	num(out, l.axis_y);
	buf_puts(out, "\" stroke=\"#333333\"/>\n");
	for (size_t t = 0; t < c->nticks; t++) {
		double x = chartlay_x(&l, c, c->tick_at[t]);

		buf_puts(out, "<line x1=\"");
		num(out, x);
		buf_puts(out, "\" x2=\"");
		num(out, x);
		buf_puts(out, "\" y1=\"");
		num(out, l.axis_y);
		buf_puts(out, "\" y2=\"");
		num(out, l.ticks[t].y);
		buf_puts(out, "\" stroke=\"#333333\"/>\n");
		text_lines(out, &l, &l.ticks[t], " class=\"chart-tick\"", false);
	}
	text_lines(out, &l, &l.axis, " class=\"chart-axis\"", false);
	buf_puts(out, "</g>\n</svg>\n");
	chartlay_free(&l);
}
