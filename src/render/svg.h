/*
 * Charts as SVG, drawn by Cairn from a doc_chart: one horizontal bar per
 * label, optional interval whiskers, an axis with ticks, and a <title> and
 * <desc> so that the chart has a text alternative.  The output is a
 * well-formed, standalone XML fragment that can be embedded in HTML or
 * written to its own file.
 */
#ifndef CAIRN_RENDER_SVG_H
#define CAIRN_RENDER_SVG_H

#include "core/buf.h"
#include "render/doc.h"

/* Geometry shared by the SVG and PDF drawings of a chart, in points/px
 * (an SVG chart widens its label and value columns to fit its text). */
#define SVG_CHART_WIDTH 640.0 /* whole chart */
#define SVG_LABEL_WIDTH 250.0 /* label column at the left */
#define SVG_VALUE_WIDTH 110.0 /* value text column at the right */
#define SVG_BAR_PITCH   24.0  /* vertical distance between bars */
#define SVG_BAR_HEIGHT  14.0  /* thickness of a bar */
#define SVG_TOP         28.0  /* space above the first bar (title) */
#define SVG_BOTTOM      40.0  /* space below the last bar (axis) */

/* Returns the height of a chart's drawing. */
double svg_chart_height(const struct doc_chart *c);
/* Returns the x position of value v on the chart's axis. */
double svg_chart_x(const struct doc_chart *c, double v);

/* Appends the chart as an <svg> element. */
void svg_chart(const struct doc_chart *c, struct buf *out);
/* Returns the estimated width in px of s at the charts' 12 px font, for
 * laying out columns so that no label is clipped (svg_chart widens its
 * label and value columns, and the whole chart, to fit). */
double svg_text_width(const char *s);

#endif
