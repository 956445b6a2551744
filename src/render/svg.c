/* SVG charts: see svg.h. */
#include "render/svg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"

#include "render/html.h"

/* Bar fill and interval colours (the Scottish Government palette's blue). */
#define SVG_BAR_COLOUR      "#0065bd"
#define SVG_INTERVAL_COLOUR "#333333"

double
svg_chart_height(const struct doc_chart *c)
{
	return SVG_TOP + (double)c->n * SVG_BAR_PITCH + SVG_BOTTOM;
}

double
svg_chart_x(const struct doc_chart *c, double v)
{
	double span = c->max - c->min;
	double w = SVG_CHART_WIDTH - SVG_LABEL_WIDTH - SVG_VALUE_WIDTH;

	if (!(span > 0))
		return SVG_LABEL_WIDTH;
	if (v < c->min)
		v = c->min;
	if (v > c->max)
		v = c->max;
	return SVG_LABEL_WIDTH + (v - c->min) / span * w;
}

/*
 * Text widths are estimated, not measured (no font is loaded to write an
 * SVG): per character at 12 px in DejaVu Sans, rounded up so that a label
 * estimated to fit does fit in the fonts the stylesheet names.
 */
#define SVG_FONT_PX 12.0

/* Returns the estimated advance of one character (its first byte c). */
static double
char_width(unsigned char c)
{
	if (c >= 0x80)
		return 0.70 * SVG_FONT_PX; /* a non-ASCII letter: a wide guess */
	if (strchr(" .,:;'!|()[]ijlrtfI", c) != NULL)
		return 0.36 * SVG_FONT_PX;
	if (strchr("mwMW@%", c) != NULL)
		return 0.98 * SVG_FONT_PX;
	if (c >= 'A' && c <= 'Z')
		return 0.72 * SVG_FONT_PX;
	return 0.62 * SVG_FONT_PX; /* lower-case letters, digits, signs */
}

double
svg_text_width(const char *s)
{
	double w = 0;

	for (size_t i = 0; s != NULL && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w += char_width((unsigned char)s[i]);
	return w;
}

/* Widest label column, in px, before a label is cut with an ellipsis. */
#define SVG_LABEL_MAX 340.0
/* Narrowest space for the bars, in px. */
#define SVG_PLOT_MIN 260.0
/* Space between a column's text and the next column. */
#define SVG_GAP 10.0

/* Where a chart's columns go: wide enough for its own labels and values. */
struct layout {
	double label_w; /* label column at the left */
	double value_w; /* value text column at the right */
	double width;   /* whole chart */
};

/* Fits the columns of c to its text. */
static void
layout_of(const struct doc_chart *c, struct layout *l)
{
	double lw = 0, vw = 0, plot;

	for (size_t i = 0; i < c->n; i++) {
		double a = svg_text_width(c->labels[i]), b = svg_text_width(c->value_text[i]);

		lw = a > lw ? a : lw;
		vw = b > vw ? b : vw;
	}
	l->label_w = (lw > SVG_LABEL_MAX ? SVG_LABEL_MAX : lw) + SVG_GAP;
	if (l->label_w < SVG_LABEL_WIDTH)
		l->label_w = SVG_LABEL_WIDTH;
	l->value_w = vw + 2 * SVG_GAP;
	if (l->value_w < SVG_VALUE_WIDTH)
		l->value_w = SVG_VALUE_WIDTH;
	plot = SVG_CHART_WIDTH - l->label_w - l->value_w;
	if (plot < SVG_PLOT_MIN)
		plot = SVG_PLOT_MIN;
	l->width = l->label_w + plot + l->value_w;
	/* The title and the axis caption are single lines: make room. */
	if (svg_text_width(c->title) + SVG_GAP > l->width)
		l->width = svg_text_width(c->title) + SVG_GAP;
}

/* Returns the x position of value v on c's axis laid out as l. */
static double
x_of(const struct doc_chart *c, const struct layout *l, double v)
{
	double span = c->max - c->min, w = l->width - l->label_w - l->value_w;

	if (!(span > 0))
		return l->label_w;
	if (v < c->min)
		v = c->min;
	if (v > c->max)
		v = c->max;
	return l->label_w + (v - c->min) / span * w;
}

/* Appends a bar label, escaped, cut with an ellipsis where it would be
 * wider than SVG_LABEL_MAX. */
static void
label(struct buf *b, const char *s)
{
	double w = 0, ell = svg_text_width("\xE2\x80\xA6");
	size_t i = 0;
	char *cut;

	if (s == NULL)
		return;
	if (svg_text_width(s) <= SVG_LABEL_MAX) {
		html_escape(b, s);
		return;
	}
	for (; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (w + char_width((unsigned char)s[i]) + ell > SVG_LABEL_MAX)
			break;
		w += char_width((unsigned char)s[i]);
	}
	cut = xstrndup(s, i);
	html_escape(b, text_trim(cut));
	buf_puts(b, "\xE2\x80\xA6");
	free(cut);
}

/* Appends an attribute-safe number. */
static void
num(struct buf *b, double v)
{
	buf_printf(b, "%.1f", isfinite(v) ? v : 0.0);
}

void
svg_chart(const struct doc_chart *c, struct buf *out)
{
	double h = svg_chart_height(c), axis_y = SVG_TOP + (double)c->n * SVG_BAR_PITCH + 4;
	struct layout l;

	layout_of(c, &l);

	buf_printf(out,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" aria-labelledby=\"",
	    l.width, h, l.width, h);
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
	    "fill=\"#333333\">\n<text x=\"0\" y=\"16\" font-weight=\"bold\">");
	html_escape(out, c->title);
	buf_puts(out, "</text>\n");
	for (size_t i = 0; i < c->n; i++) {
		double y = SVG_TOP + (double)i * SVG_BAR_PITCH;
		double x0 = x_of(c, &l, c->min), x1;

		buf_puts(out, "<text x=\"0\" y=\"");
		num(out, y + SVG_BAR_HEIGHT - 2);
		buf_puts(out, "\"><title>");
		html_escape(out, c->labels[i] != NULL ? c->labels[i] : "");
		buf_puts(out, "</title>");
		label(out, c->labels[i]);
		buf_puts(out, "</text>\n");
		if (isfinite(c->values[i])) {
			x1 = x_of(c, &l, c->values[i]);
			buf_puts(out, "<rect x=\"");
			num(out, x0);
			buf_puts(out, "\" y=\"");
			num(out, y);
			buf_puts(out, "\" width=\"");
			num(out, x1 - x0);
			buf_printf(out, "\" height=\"%.1f\" fill=\"" SVG_BAR_COLOUR "\"/>\n",
			    SVG_BAR_HEIGHT);
			if (c->lo != NULL && isfinite(c->lo[i]) && isfinite(c->hi[i])) {
				buf_puts(out, "<line x1=\"");
				num(out, x_of(c, &l, c->lo[i]));
				buf_puts(out, "\" x2=\"");
				num(out, x_of(c, &l, c->hi[i]));
				buf_puts(out, "\" y1=\"");
				num(out, y + SVG_BAR_HEIGHT / 2);
				buf_puts(out, "\" y2=\"");
				num(out, y + SVG_BAR_HEIGHT / 2);
				buf_puts(out,
				    "\" stroke=\"" SVG_INTERVAL_COLOUR
				    "\" stroke-width=\"1.5\"/>\n");
			}
		}
		buf_puts(out, "<text x=\"");
		num(out, l.width - l.value_w + SVG_GAP);
		buf_puts(out, "\" y=\"");
		num(out, y + SVG_BAR_HEIGHT - 2);
		buf_puts(out, "\">");
		html_escape(out, c->value_text[i] != NULL ? c->value_text[i] : "");
		buf_puts(out, "</text>\n");
	}
	buf_puts(out, "<line x1=\"");
	num(out, x_of(c, &l, c->min));
	buf_puts(out, "\" x2=\"");
	num(out, x_of(c, &l, c->max));
	buf_puts(out, "\" y1=\"");
	num(out, axis_y);
	buf_puts(out, "\" y2=\"");
	num(out, axis_y);
	buf_puts(out, "\" stroke=\"#333333\"/>\n");
	for (size_t t = 0; t < c->nticks; t++) {
		double x = x_of(c, &l, c->tick_at[t]);

		buf_puts(out, "<line x1=\"");
		num(out, x);
		buf_puts(out, "\" x2=\"");
		num(out, x);
		buf_puts(out, "\" y1=\"");
		num(out, axis_y);
		buf_puts(out, "\" y2=\"");
		num(out, axis_y + 4);
		buf_puts(out, "\" stroke=\"#333333\"/>\n<text text-anchor=\"middle\" x=\"");
		num(out, x);
		buf_puts(out, "\" y=\"");
		num(out, axis_y + 16);
		buf_puts(out, "\">");
		html_escape(out, c->tick_label[t]);
		buf_puts(out, "</text>\n");
	}
	if (c->axis != NULL) {
		buf_puts(out, "<text text-anchor=\"middle\" x=\"");
		num(out, (x_of(c, &l, c->min) + x_of(c, &l, c->max)) / 2);
		buf_puts(out, "\" y=\"");
		num(out, axis_y + 32);
		buf_puts(out, "\">");
		html_escape(out, c->axis);
		buf_puts(out, "</text>\n");
	}
	buf_puts(out, "</g>\n</svg>\n");
}
