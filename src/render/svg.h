/*
 * Charts as SVG, drawn by Cairn from a doc_chart: one horizontal bar per
 * label (long labels wrapped onto several lines, never cut), optional
 * interval whiskers, an axis with ticks, and a <title> and
 * <desc> so that the chart has a text alternative.  The output is a
 * well-formed, standalone XML fragment that can be embedded in HTML or
 * written to its own file.
 */
#ifndef CAIRN_RENDER_SVG_H
#define CAIRN_RENDER_SVG_H

#include "core/buf.h"
#include "render/doc.h"

/* A chart's width and font size, in px; its columns and rows are laid out
 * from its text (render/chartlay.h), with widths estimated by
 * svg_text_width, and it scales down with the page (max-width: 100%). */
#define SVG_CHART_WIDTH 640.0
#define SVG_FONT_PX     12.0

/* Returns the height of a chart's drawing. */
double svg_chart_height(const struct doc_chart *c);

/* Appends the chart as an <svg> element. */
void svg_chart(const struct doc_chart *c, struct buf *out);
/* Returns the estimated width in px of s at the charts' 12 px font (a
 * bidirectional control counted as the "<U+XXXX>" shown for it), rounded
 * up so that a text estimated to fit does fit in the fonts the chart
 * names; svg_text_width_n measures the n bytes at s. */
double svg_text_width(const char *s);
double svg_text_width_n(const char *s, size_t n);

#endif
