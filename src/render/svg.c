/* SVG charts: see svg.h. */
#include "render/svg.h"

#include <math.h>
#include <stdlib.h>

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

/* Characters of a bar label shown before it is cut with an ellipsis. */
#define SVG_LABEL_CHARS 36

/* Appends a bar label, escaped, cut to SVG_LABEL_CHARS characters. */
static void
label(struct buf *b, const char *s)
{
	size_t n = 0, i = 0;
	char *cut;

	if (s == NULL)
		return;
	for (; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == SVG_LABEL_CHARS)
			break;
	}
	if (s[i] == '\0') {
		html_escape(b, s);
		return;
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

	buf_printf(out,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" aria-labelledby=\"",
	    SVG_CHART_WIDTH, h, SVG_CHART_WIDTH, h);
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
		double x0 = svg_chart_x(c, c->min), x1;

		buf_puts(out, "<text x=\"0\" y=\"");
		num(out, y + SVG_BAR_HEIGHT - 2);
		buf_puts(out, "\">");
		label(out, c->labels[i]);
		buf_puts(out, "</text>\n");
		if (isfinite(c->values[i])) {
			x1 = svg_chart_x(c, c->values[i]);
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
				num(out, svg_chart_x(c, c->lo[i]));
				buf_puts(out, "\" x2=\"");
				num(out, svg_chart_x(c, c->hi[i]));
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
		num(out, SVG_CHART_WIDTH - SVG_VALUE_WIDTH + 6);
		buf_puts(out, "\" y=\"");
		num(out, y + SVG_BAR_HEIGHT - 2);
		buf_puts(out, "\">");
		html_escape(out, c->value_text[i] != NULL ? c->value_text[i] : "");
		buf_puts(out, "</text>\n");
	}
	buf_puts(out, "<line x1=\"");
	num(out, svg_chart_x(c, c->min));
	buf_puts(out, "\" x2=\"");
	num(out, svg_chart_x(c, c->max));
	buf_puts(out, "\" y1=\"");
	num(out, axis_y);
	buf_puts(out, "\" y2=\"");
	num(out, axis_y);
	buf_puts(out, "\" stroke=\"#333333\"/>\n");
	for (size_t t = 0; t < c->nticks; t++) {
		double x = svg_chart_x(c, c->tick_at[t]);

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
		num(out, (svg_chart_x(c, c->min) + svg_chart_x(c, c->max)) / 2);
		buf_puts(out, "\" y=\"");
		num(out, axis_y + 32);
		buf_puts(out, "\">");
		html_escape(out, c->axis);
		buf_puts(out, "</text>\n");
	}
	buf_puts(out, "</g>\n</svg>\n");
}
