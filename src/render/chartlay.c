/* Chart layout from measured text: see chartlay.h. */
#include "render/chartlay.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/* Proportions of the font size. */
#define LINE_PITCH 1.30 /* line pitch */
#define ASCENT     0.99 /* baseline below a line's top (DejaVu Sans, centred) */
#define BAR        1.10 /* bar thickness */
#define GAP        0.60 /* space between columns */
#define ROW_PAD    1.00 /* space between rows */
#define TICK       0.35 /* tick mark length */
/* The title is drawn bold: measured in the regular font, it is wrapped to
 * the width divided by this (DejaVu Sans Bold is at most 12% wider). */
#define TITLE_BOLD 1.15

/* Returns true for the bytes a line may break at. */
static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Returns the offset of the character after the one at i (UTF-8). */
static size_t
next_char(const char *s, size_t n, size_t i)
{
	i++;
	while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Appends a line [off, off + len) at x to t. */
static void
add_line(struct chartlay_text *t, size_t off, size_t len, double x, double w)
{
	t->lines = xreallocarray(t->lines, t->nlines + 1, sizeof(*t->lines));
	t->lines[t->nlines++] = (struct chartlay_line){ off, len, x, w };
}

/*
 * Sets t to s wrapped to the box [box_x, box_x + box_w]: greedily at
 * spaces, each line as many whole words as fit; a word wider than the box
 * alone is broken between two characters (never hyphenated).  Lines start
 * at box_x.
 */
static void
wrap(struct chartlay_text *t, const char *s, double box_x, double box_w, chartlay_measure_fn *m,
    void *ctx)
{
	size_t n = s != NULL ? strlen(s) : 0, i = 0;

	t->s = s;
	t->box_x = box_x;
	t->box_w = box_w;
	while (i < n) {
		size_t start, end, j;

		while (i < n && is_space(s[i]))
			i++;
		if (i >= n)
			break;
		start = end = j = i;
		/* Whole words while they fit. */
		while (j < n) {
			size_t k = j;

			while (k < n && !is_space(s[k]))
				k++;
			if (m(ctx, s + start, k - start) > box_w)
				break;
			end = k;
			j = k;
			while (j < n && is_space(s[j]))
				j++;
		}
		/* A first word too wide for the box: as many characters as fit,
		 * and at least one. */
		if (end == start) {
			size_t k = start;

			do {
				k = next_char(s, n, k);
				if (end > start && m(ctx, s + start, k - start) > box_w)
					break;
				end = k;
			} while (k < n && !is_space(s[k]));
		}
		add_line(t, start, end - start, box_x, m(ctx, s + start, end - start));
		i = end;
	}
}

/* Centres every line of t on cx, keeping each inside its box. */
static void
centre(struct chartlay_text *t, double cx)
{
	for (size_t k = 0; k < t->nlines; k++) {
		struct chartlay_line *ln = &t->lines[k];

		ln->x = cx - ln->w / 2;
		if (ln->x + ln->w > t->box_x + t->box_w)
			ln->x = t->box_x + t->box_w - ln->w;
		if (ln->x < t->box_x)
			ln->x = t->box_x;
	}
}

/* Returns the widest of the texts v[0..n) measured on one line. */
static double
widest(char *const *v, size_t n, chartlay_measure_fn *m, void *ctx)
{
	double w = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] != NULL && m(ctx, v[i], strlen(v[i])) > w)
			w = m(ctx, v[i], strlen(v[i]));
	return w;
}

void
chartlay_make(struct chartlay *l, const struct doc_chart *c, double width, double font,
    chartlay_measure_fn *m, void *ctx)
{
	double gap = GAP * font, label_w, value_w, label_max, y;

	assert(width >= 8 * font && font > 0);
	memset(l, 0, sizeof(*l));
	l->width = width;
	l->font = font;
	l->line_h = LINE_PITCH * font;
	l->ascent = ASCENT * font;
	l->bar_h = BAR * font;
	l->n = c->n;
	l->nticks = c->nticks;
	l->labels = xcalloc(c->n + 1, sizeof(*l->labels));
	l->values = xcalloc(c->n + 1, sizeof(*l->values));
	l->bar_y = xcalloc(c->n + 1, sizeof(*l->bar_y));
	l->ticks = xcalloc(c->nticks + 1, sizeof(*l->ticks));

	/* The columns: values as wide as the widest (up to its share), labels
	 * as wide as the widest while the bars keep their share. */
	value_w = widest(c->value_text, c->n, m, ctx);
	if (value_w > CHARTLAY_VALUE_SHARE * width)
		value_w = CHARTLAY_VALUE_SHARE * width;
	value_w += gap;
	label_w = widest(c->labels, c->n, m, ctx) + gap;
	label_max = width - value_w - CHARTLAY_PLOT_SHARE * width;
	if (label_w > label_max)
		label_w = label_max;
	if (label_w < gap + font)
		label_w = gap + font;
	l->plot_x0 = label_w;
	l->plot_x1 = width - value_w;

	/* The title, on as many lines as it needs. */
	wrap(&l->title, c->title, 0, width / TITLE_BOLD, m, ctx);
	l->title.box_w = width;
	l->title.y = 0;
	y = (double)l->title.nlines * l->line_h + 0.5 * font;

	/* One row per bar, as tall as its label or value text. */
	for (size_t i = 0; i < c->n; i++) {
		size_t lines;

		wrap(&l->labels[i], c->labels[i], 0, label_w - gap, m, ctx);
		wrap(&l->values[i], c->value_text[i], l->plot_x1 + gap, value_w - gap, m, ctx);
		l->labels[i].y = l->values[i].y = y;
		l->bar_y[i] = y + (l->line_h - l->bar_h) / 2;
		lines = l->labels[i].nlines > l->values[i].nlines ? l->labels[i].nlines
		                                                  : l->values[i].nlines;
		y += (double)(lines > 0 ? lines : 1) * l->line_h + ROW_PAD * font;
	}

	/* The axis, its ticks' labels and its caption, under the plot. */
	l->axis_y = y;
	for (size_t t = 0; t < c->nticks; t++) {
		wrap(&l->ticks[t], c->tick_label[t], 0, width, m, ctx);
		l->ticks[t].y = y + TICK * font;
		centre(&l->ticks[t], chartlay_x(l, c, c->tick_at[t]));
	}
	y += TICK * font + (c->nticks > 0 ? l->line_h : 0);
	wrap(&l->axis, c->axis, 0, width, m, ctx);
	l->axis.y = y;
	centre(&l->axis, (l->plot_x0 + l->plot_x1) / 2);
	y += (double)l->axis.nlines * l->line_h;
	l->height = ceil(y + 0.4 * font);
}

void
chartlay_free(struct chartlay *l)
{
	if (l->labels != NULL)
		for (size_t i = 0; i < l->n; i++) {
			free(l->labels[i].lines);
			free(l->values[i].lines);
		}
	if (l->ticks != NULL)
		for (size_t t = 0; t < l->nticks; t++)
			free(l->ticks[t].lines);
	free(l->title.lines);
	free(l->axis.lines);
	free(l->labels);
	free(l->values);
	free(l->bar_y);
	free(l->ticks);
	memset(l, 0, sizeof(*l));
}

double
chartlay_x(const struct chartlay *l, const struct doc_chart *c, double v)
{
	double span = c->max - c->min;

	if (!(span > 0) || !isfinite(v))
		return l->plot_x0;
	if (v < c->min)
		v = c->min;
	if (v > c->max)
		v = c->max;
	return l->plot_x0 + (v - c->min) / span * (l->plot_x1 - l->plot_x0);
}
