/*
 * Where every text and bar of a chart goes, laid out from the measured
 * width of its text (issue 20): the same layout draws the chart as SVG
 * (svg.c, widths estimated for the stylesheet's fonts) and in the PDF
 * (pdf.c, widths measured by Pango in the font it draws with), so that no
 * glyph falls outside the chart or its own box in either.
 *
 * Within the width it is given, a chart is:
 *   - the title (drawn bold), wrapped onto as many lines as it needs;
 *   - a label column at the left, as wide as the widest label or, when the
 *     labels are long, as wide as leaves the bars their minimum share: a
 *     longer label (a survey statement) wraps onto more lines at spaces,
 *     never cut or ellipsised, and its row grows to hold it;
 *   - a value column at the right, as wide as the widest value text
 *     ("68.3% (55.8% to 78.7%)" on one line), wrapped only if a value alone
 *     would take more than CHARTLAY_VALUE_SHARE of the width;
 *   - the bars between them, with the axis, its tick labels (kept inside
 *     the chart at its ends) and the axis caption below.
 * Everything is in the caller's units (px for SVG, points for PDF).
 */
#ifndef CAIRN_RENDER_CHARTLAY_H
#define CAIRN_RENDER_CHARTLAY_H

#include <stddef.h>

#include "render/doc.h"

/* Share of the width the bars always keep, and the most a value column may
 * take, before labels and then values wrap. */
#define CHARTLAY_PLOT_SHARE  0.30
#define CHARTLAY_VALUE_SHARE 0.45

/* Returns the advance width of the n bytes at s (a part of one line) at the
 * chart's font size, in the caller's units; ctx is the caller's. */
typedef double chartlay_measure_fn(void *ctx, const char *s, size_t n);

/* One line of a placed text: bytes [off, off + len) of the text, whose left
 * edge is at x and whose measured width is w. */
struct chartlay_line {
	size_t off, len;
	double x, w;
};

/* A text of the chart, placed.  Line k's top is at y + k * line_h (the
 * layout's line pitch); every line lies within [box_x, box_x + box_w]. */
struct chartlay_text {
	const char *s;               /* the text (borrowed from the chart; NULL: none) */
	struct chartlay_line *lines; /* nlines lines (malloc'd, owned) */
	size_t nlines;
	double y;            /* top of the first line */
	double box_x, box_w; /* the box the text must stay inside */
};

/* A chart laid out.  Owned by the struct; free with chartlay_free. */
struct chartlay {
	double width, height; /* the whole chart */
	double font;          /* font size */
	double line_h;        /* distance between the tops of two lines */
	double ascent;        /* a line's baseline below its top */
	double bar_h;         /* thickness of a bar */
	double plot_x0;       /* where the axis (the chart's min) is */
	double plot_x1;       /* where the chart's max is */
	struct chartlay_text title;
	size_t n;                     /* bars, as in the chart */
	struct chartlay_text *labels; /* n bar labels */
	struct chartlay_text *values; /* n value texts */
	double *bar_y;                /* n tops of the bars */
	double axis_y;                /* the axis line */
	size_t nticks;                /* ticks, as in the chart */
	struct chartlay_text *ticks;  /* nticks tick labels (one line each) */
	struct chartlay_text axis;    /* the axis caption (no lines when none) */
};

/* Lays c out at width (at least 8 font sizes wide) with text of font
 * size font measured by measure(ctx, ...), into *l (caller frees with
 * chartlay_free). */
void chartlay_make(struct chartlay *l, const struct doc_chart *c, double width, double font,
    chartlay_measure_fn *measure, void *ctx);
/* Releases the contents of l; no-op on a zeroed one. */
void chartlay_free(struct chartlay *l);
/* Returns the x position of value v on l's axis (v clamped to the chart's
 * range). */
double chartlay_x(const struct chartlay *l, const struct doc_chart *c, double v);

#endif
