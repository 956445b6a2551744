/* The PDF report: see pdf.h. */
#include "render/pdf.h"

#include <assert.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "render/chartlay.h"
#include "render/markdown.h"

/* A4 in points, and the text area. */
#define PAGE_W      595.276
#define PAGE_H      841.890
#define MARGIN_X    56.7
#define TEXT_TOP    72.0
#define TEXT_BOTTOM (PAGE_H - 64.0)
#define TEXT_W      (PAGE_W - 2 * MARGIN_X)
#define CELL_PAD    4.0
/* The charts' font size in points (font_desc's PF_CHART). */
#define CHART_FONT_PT 8.5

/* Fonts; indexes font_desc. */
enum pdf_font {
	PF_BODY = 0,   /* body text */
	PF_BOLD,       /* table headers, group rows */
	PF_H1,         /* chapter headings */
	PF_H2,         /* sub-section headings */
	PF_SMALL,      /* headers, footers, captions */
	PF_TITLE,      /* the cover title */
	PF_MONO,       /* code */
	PF_CHART,      /* chart text */
	PF_CHART_BOLD, /* chart titles */
	PF__MAX
};

/* Pango descriptions of the fonts, indexed by enum pdf_font. */
static const char *const font_desc[] = {
	[PF_BODY] = "DejaVu Sans 10",
	[PF_BOLD] = "DejaVu Sans Bold 10",
	[PF_H1] = "DejaVu Sans Bold 17",
	[PF_H2] = "DejaVu Sans Bold 12.5",
	[PF_SMALL] = "DejaVu Sans 8",
	[PF_TITLE] = "DejaVu Sans Bold 24",
	[PF_MONO] = "DejaVu Sans Mono 9",
	[PF_CHART] = "DejaVu Sans 8.5",
	[PF_CHART_BOLD] = "DejaVu Sans Bold 8.5",
};
_Static_assert(sizeof(font_desc) / sizeof(font_desc[0]) == PF__MAX,
    "font_desc: one entry per value");

/* State of one layout pass. */
struct pdf {
	cairo_surface_t *surf;               /* the PDF surface */
	cairo_t *cr;                         /* drawing context */
	const struct doc *d;                 /* borrowed document */
	bool final;                          /* second pass: page numbers are known */
	int page;                            /* current page, 1-based */
	double y;                            /* cursor, points from the top of the page */
	int *sec_page;                       /* page of each section, filled by the first pass */
	int pages;                           /* total pages, known in the second pass */
	int toc_pages;                       /* pages the contents take */
	PangoFontDescription *font[PF__MAX]; /* loaded fonts */
};

/* cairo stream callback: appends PDF bytes to a buffer. */
static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *b = closure;

	buf_append(b, data, len);
	return buf_failed(b) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Returns a new layout of text (plain, or Pango markup when markup) in a
 * font, wrapped to width points (0: no wrapping).  Caller unrefs. */
static PangoLayout *
layout(struct pdf *p, enum pdf_font f, const char *text, bool markup, double width)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);

	pango_layout_set_font_description(l, p->font[f]);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	if (markup) {
		/* markup is made by markdown_pango_escape: its controls are shown */
		pango_layout_set_markup(l, text != NULL ? text : "", -1);
	} else {
		/* a bidirectional control is shown ("<U+202E>"), not obeyed */
		char *shown = text_bidi_shown(text != NULL ? text : "");

		pango_layout_set_text(l, shown, -1);
		free(shown);
	}
	return l;
}

/* Returns the height of a layout in points. */
static double
layout_h(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Returns the width of a layout in points. */
static double
layout_w(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* Draws a layout with its top-left corner at (x, y). */
static void
draw_at(struct pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* Draws one line of small text, then frees the layout. */
static void
small_text(struct pdf *p, const char *text, double x, double y, int align, bool bold)
{
	PangoLayout *l = layout(p, bold ? PF_BOLD : PF_SMALL, text, false, 0);
	double w = layout_w(l);

	draw_at(p, l, align < 0 ? x : align == 0 ? x - w / 2 : x - w, y);
	g_object_unref(l);
}

/* Draws the header (marking) of the current page. */
static void
page_header(struct pdf *p)
{
	if (p->d->marking != NULL) {
		cairo_set_source_rgb(p->cr, 0.75, 0.0, 0.0);
		small_text(p, p->d->marking, PAGE_W / 2, 28, 0, true);
		cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
	}
}

/* Draws the footer of the current page and ends it. */
static void
page_end(struct pdf *p)
{
	char num[64];

	cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	cairo_move_to(p->cr, MARGIN_X, PAGE_H - 46);
	cairo_line_to(p->cr, PAGE_W - MARGIN_X, PAGE_H - 46);
	cairo_set_line_width(p->cr, 0.5);
	cairo_stroke(p->cr);
	if (p->d->organisation != NULL)
		small_text(p, p->d->organisation, MARGIN_X, PAGE_H - 40, -1, false);
	snprintf(num, sizeof(num), "Page %d of %d", p->page, p->final ? p->pages : p->page);
	small_text(p, num, PAGE_W - MARGIN_X, PAGE_H - 40, 1, false);
	if (p->d->marking != NULL) {
		cairo_set_source_rgb(p->cr, 0.75, 0.0, 0.0);
		small_text(p, p->d->marking, PAGE_W / 2, PAGE_H - 28, 0, true);
	}
	cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
	cairo_show_page(p->cr);
}

/* Starts a new page. */
static void
page_new(struct pdf *p)
{
	page_end(p);
	p->page++;
	p->y = TEXT_TOP;
	page_header(p);
}

/* Starts a new page unless h more points fit on this one. */
static void
ensure(struct pdf *p, double h)
{
	if (p->y + h > TEXT_BOTTOM && p->y > TEXT_TOP)
		page_new(p);
}

/* Draws a layout line by line at x, breaking pages between lines, and
 * moves the cursor below it.  (An open structure tag continues on the next
 * page: cairo records one marked-content sequence per page.) */
static void
flow(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double base = p->y;

	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle log;
		double top, bottom;

		pango_layout_iter_get_line_extents(it, NULL, &log);
		top = base + (double)log.y / PANGO_SCALE;
		bottom = top + (double)log.height / PANGO_SCALE;
		if (bottom > TEXT_BOTTOM && top > TEXT_TOP) {
			page_new(p);
			base = TEXT_TOP - (double)log.y / PANGO_SCALE;
		}
		cairo_move_to(p->cr, x + (double)log.x / PANGO_SCALE,
		    base + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
		pango_cairo_show_layout_line(p->cr, line);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y = base + layout_h(l);
}

/* Writes a paragraph of text or markup at an indent, with space after, as
 * the structure element tag ("P", "LBody", "Caption"...; see tags below). */
static void
tagged(struct pdf *p, const char *tag, enum pdf_font f, const char *text, bool markup,
    double indent, double after)
{
	PangoLayout *l = layout(p, f, text, markup, TEXT_W - indent);

	cairo_tag_begin(p->cr, tag, NULL);
	flow(p, l, MARGIN_X + indent);
	cairo_tag_end(p->cr, tag);
	g_object_unref(l);
	p->y += after;
}

/* Writes a paragraph (structure element "P"). */
static void
paragraph(struct pdf *p, enum pdf_font f, const char *text, bool markup, double indent,
    double after)
{
	tagged(p, "P", f, text, markup, indent, after);
}

/* Writes a heading, kept with at least a few lines of what follows, as a
 * link destination and a tagged heading. */
static void
heading(struct pdf *p, size_t s)
{
	const struct doc_section *sec = &p->d->sections[s];
	enum pdf_font f = sec->level <= 1 ? PF_H1 : PF_H2;
	PangoLayout *l = layout(p, f, sec->title, false, TEXT_W);
	double h = layout_h(l);
	char attr[64];

	if (sec->level <= 1 && p->y > TEXT_TOP)
		p->y += 10;
	ensure(p, h + 60);
	if (!p->final)
		p->sec_page[s] = p->page;
	snprintf(attr, sizeof(attr), "name='sec%zu'", s);
	cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attr);
	cairo_tag_begin(p->cr, sec->level <= 1 ? "H1" : "H2", NULL);
	cairo_set_source_rgb(p->cr, 0.0, 0.396, 0.741);
	draw_at(p, l, MARGIN_X, p->y);
	cairo_tag_end(p->cr, sec->level <= 1 ? "H1" : "H2");
	cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
	p->y += h + (sec->level <= 1 ? 10 : 6);
	g_object_unref(l);
}

/* Returns the width in points of the widest word (a run without spaces) of
 * text in font f. */
static double
widest_word(struct pdf *p, enum pdf_font f, const char *text)
{
	double widest = 0;
	const char *s = text != NULL ? text : "";

	while (*s != '\0') {
		size_t n = strcspn(s, " \t\n");

		if (n > 0) {
			char *word = xstrndup(s, n);
			PangoLayout *l = layout(p, f, word, false, 0);

			if (layout_w(l) > widest)
				widest = layout_w(l);
			g_object_unref(l);
			free(word);
		}
		s += n;
		s += strspn(s, " \t\n");
	}
	return widest;
}

/*
 * Returns the column widths of a table in points, in w (ncols long): the
 * table's relative widths over the text width, then every column widened
 * to hold the longest word of its heading (so that "Responses" never
 * breaks as "Respo-nses"), the room taken from the columns with some to
 * spare, in proportion to what they spare.  When the headings' words
 * cannot all fit in the text width, the relative widths stand.
 */
static void
col_widths(struct pdf *p, const struct doc_table *t, double *w)
{
	double sum = 0, need_total = 0, short_by = 0, spare = 0;
	double *need = xcalloc(t->ncols + 1, sizeof(*need));

	for (size_t c = 0; c < t->ncols; c++)
		sum += t->widths[c] > 0 ? t->widths[c] : 1;
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = TEXT_W * (t->widths[c] > 0 ? t->widths[c] : 1) / sum;
		need[c] = ceil(widest_word(p, PF_BOLD, t->head[c])) + 2 * CELL_PAD + 1;
		need_total += need[c];
		if (w[c] < need[c])
			short_by += need[c] - w[c];
		else
			spare += w[c] - need[c];
	}
	if (short_by > 0 && need_total <= TEXT_W && spare >= short_by) {
		double take = short_by / spare;

		for (size_t c = 0; c < t->ncols; c++)
			w[c] = w[c] < need[c] ? need[c] : w[c] - (w[c] - need[c]) * take;
	}
	free(need);
}

/* Draws a row of cells (texts[c], NULL for empty) at the cursor; returns
 * its height.  When measure_only, nothing is drawn.  A group row spans
 * the table with its first cell.  Tagged as a TR of TH (the header row,
 * group rows, and each row's first cell, its header) and TD cells. */
static double
table_row(struct pdf *p, const struct doc_table *t, const double *w, const char *const *texts,
    enum pdf_font f, bool shade, bool span, bool measure_only)
{
	/* The header row is the one drawn from the table's headings. */
	bool header = texts == (const char *const *)t->head;
	PangoLayout *l[32];
	size_t n = span ? 1 : (t->ncols < 32 ? t->ncols : 32);
	double h = 0, x = MARGIN_X;

	for (size_t c = 0; c < n; c++) {
		l[c] = layout(p, f, texts[c], false, (span ? TEXT_W : w[c]) - 2 * CELL_PAD);
		if (header) {
			/* Headings break between words only (col_widths made room). */
			PangoAttrList *al = pango_attr_list_new();

			pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
			pango_layout_set_attributes(l[c], al);
			pango_attr_list_unref(al);
			pango_layout_set_wrap(l[c], PANGO_WRAP_WORD);
		}
		if (layout_h(l[c]) > h)
			h = layout_h(l[c]);
	}
	h += 2 * CELL_PAD;
	if (!measure_only) {
		if (shade) {
			cairo_set_source_rgb(p->cr, 0.92, 0.92, 0.92);
			cairo_rectangle(p->cr, MARGIN_X, p->y, TEXT_W, h);
			cairo_fill(p->cr);
		}
		cairo_set_source_rgb(p->cr, 0.7, 0.7, 0.7);
		cairo_set_line_width(p->cr, 0.5);
		for (size_t c = 0; c < n; c++) {
			double cw = span ? TEXT_W : w[c];

			cairo_rectangle(p->cr, x, p->y, cw, h);
			cairo_stroke(p->cr);
			x += cw;
		}
		cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
		x = MARGIN_X;
		cairo_tag_begin(p->cr, "TR", NULL);
		for (size_t c = 0; c < n; c++) {
			const char *cell = header || span || c == 0 ? "TH" : "TD";

			cairo_tag_begin(p->cr, cell, NULL);
			draw_at(p, l[c], x + CELL_PAD, p->y + CELL_PAD);
			cairo_tag_end(p->cr, cell);
			x += span ? TEXT_W : w[c];
		}
		cairo_tag_end(p->cr, "TR");
	}
	for (size_t c = 0; c < n; c++)
		g_object_unref(l[c]);
	return h;
}

/* Draws a table's caption and header row. */
static void
table_head(struct pdf *p, const struct doc_table *t, const double *w, bool continued)
{
	char *cap = continued ? xasprintf("%s (continued)", t->caption) : xstrdup(t->caption);

	tagged(p, "Caption", PF_BOLD, cap, false, 0, 3);
	p->y += table_row(p, t, w, (const char *const *)t->head, PF_BOLD, true, false, false);
	free(cap);
}

/* Draws a table, breaking between rows and repeating the header row. */
static void
table(struct pdf *p, const struct doc_table *t)
{
	double *w = xcalloc(t->ncols, sizeof(*w)), first = 0, head;

	col_widths(p, t, w);
	head = table_row(p, t, w, (const char *const *)t->head, PF_BOLD, true, false, true);
	if (t->nrows > 0)
		first = table_row(p, t, w, (const char *const *)&t->cells[0], PF_BODY, false,
		    t->kinds[0] == DOC_ROW_GROUP, true);
	ensure(p, 20 + head + first);
	cairo_tag_begin(p->cr, "Table", NULL);
	table_head(p, t, w, false);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *const *cells = (const char *const *)&t->cells[r * t->ncols];
		bool group = t->kinds[r] == DOC_ROW_GROUP;
		enum pdf_font f = t->kinds[r] == DOC_ROW_DATA ? PF_BODY : PF_BOLD;
		double h = table_row(p, t, w, cells, f, group, group, true);

		/* A group heading is kept with the row after it. */
		if (group && r + 1 < t->nrows)
			h += table_row(p, t, w, (const char *const *)&t->cells[(r + 1) * t->ncols],
			    PF_BODY, false, false, true);
		if (p->y + h > TEXT_BOTTOM) {
			page_new(p);
			table_head(p, t, w, true);
		}
		p->y += table_row(p, t, w, cells, f, group, group, false);
	}
	cairo_tag_end(p->cr, "Table");
	p->y += 10;
	free(w);
}

/* What the chart layout measures with: the PDF's chart font. */
struct chart_measure {
	struct pdf *p;
};

/* chartlay_measure_fn: the width in points of the n bytes at s in the
 * chart font, as layout() will draw them (bidirectional controls shown). */
static double
chart_measure(void *ctx, const char *s, size_t n)
{
	struct chart_measure *cm = ctx;
	char *part = xstrndup(s, n);
	PangoLayout *l = layout(cm->p, PF_CHART, part, false, 0);
	double w = layout_w(l);

	g_object_unref(l);
	free(part);
	return w;
}

/* Draws the lines of a placed chart text in font f, each line's baseline
 * where the layout puts it. */
static void
chart_text(struct pdf *p, const struct chartlay *cl, const struct chartlay_text *t, enum pdf_font f)
{
	for (size_t k = 0; k < t->nlines; k++) {
		char *part = xstrndup(t->s + t->lines[k].off, t->lines[k].len);
		PangoLayout *l = layout(p, f, part, false, 0);

		cairo_move_to(p->cr, t->lines[k].x, t->y + (double)k * cl->line_h + cl->ascent);
		pango_cairo_show_layout_line(p->cr, pango_layout_get_line_readonly(l, 0));
		g_object_unref(l);
		free(part);
	}
}

/*
 * Draws a chart at the cursor, laid out at the text width from the text
 * as Pango measures it in the chart font (render/chartlay.h): long labels
 * wrap, values sit in a column as wide as they are, nothing runs past the
 * text area.  A chart taller than a page is scaled down to fit one.
 */
static void
chart(struct pdf *p, const struct doc_chart *c)
{
	struct chart_measure cm = { p };
	struct chartlay cl;
	double scale = 1, x0;

	chartlay_make(&cl, c, TEXT_W, CHART_FONT_PT, chart_measure, &cm);
	if (cl.height > TEXT_BOTTOM - TEXT_TOP - 8)
		scale = (TEXT_BOTTOM - TEXT_TOP - 8) / cl.height;
	ensure(p, cl.height * scale + 8);
	x0 = chartlay_x(&cl, c, c->min);
	cairo_save(p->cr);
	cairo_translate(p->cr, MARGIN_X, p->y);
	cairo_scale(p->cr, scale, scale);
	cairo_tag_begin(p->cr, "Figure", NULL);
	chart_text(p, &cl, &cl.title, PF_CHART_BOLD);
	for (size_t i = 0; i < c->n; i++) {
		double y = cl.bar_y[i];

		chart_text(p, &cl, &cl.labels[i], PF_CHART);
		if (isfinite(c->values[i])) {
			cairo_set_source_rgb(p->cr, 0.0, 0.396, 0.741);
			cairo_rectangle(p->cr, x0, y, chartlay_x(&cl, c, c->values[i]) - x0,
			    cl.bar_h);
			cairo_fill(p->cr);
			if (c->lo != NULL && isfinite(c->lo[i]) && isfinite(c->hi[i])) {
				cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
				cairo_set_line_width(p->cr, 1.2);
				cairo_move_to(p->cr, chartlay_x(&cl, c, c->lo[i]),
				    y + cl.bar_h / 2);
				cairo_line_to(p->cr, chartlay_x(&cl, c, c->hi[i]),
				    y + cl.bar_h / 2);
				cairo_stroke(p->cr);
			}
			cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
		}
		chart_text(p, &cl, &cl.values[i], PF_CHART);
	}
	cairo_set_line_width(p->cr, 0.8);
	cairo_move_to(p->cr, x0, cl.axis_y);
	cairo_line_to(p->cr, chartlay_x(&cl, c, c->max), cl.axis_y);
	cairo_stroke(p->cr);
	for (size_t t = 0; t < c->nticks; t++) {
		double x = chartlay_x(&cl, c, c->tick_at[t]);

		cairo_move_to(p->cr, x, cl.axis_y);
		cairo_line_to(p->cr, x, cl.ticks[t].y);
		cairo_stroke(p->cr);
		chart_text(p, &cl, &cl.ticks[t], PF_CHART);
	}
	chart_text(p, &cl, &cl.axis, PF_CHART);
	cairo_tag_end(p->cr, "Figure");
	cairo_restore(p->cr);
	p->y += cl.height * scale + 8;
	chartlay_free(&cl);
}

/* Draws Markdown narrative. */
static void
narrative(struct pdf *p, const char *md)
{
	struct markdown_para *v;
	size_t n;

	markdown_pango(md, &v, &n);
	for (size_t i = 0; i < n; i++) {
		double indent = 14.0 * v[i].depth;
		char mark[16];

		switch (v[i].kind) {
		case MDP_BULLET:
		case MDP_NUMBER:
			if (v[i].kind == MDP_BULLET)
				snprintf(mark, sizeof(mark), "\xE2\x80\xA2");
			else
				snprintf(mark, sizeof(mark), "%d.", v[i].number);
			ensure(p, 14);
			{
				PangoLayout *l = layout(p, PF_BODY, mark, false, 0);

				draw_at(p, l, MARGIN_X + indent - 12, p->y);
				g_object_unref(l);
			}
			paragraph(p, PF_BODY, v[i].markup, true, indent + 2, 3);
			break;
		case MDP_HEADING:
			ensure(p, 40);
			paragraph(p, PF_BOLD, v[i].markup, true, 0, 4);
			break;
		case MDP_CODE: tagged(p, "Code", PF_MONO, v[i].markup, true, 10, 6); break;
		case MDP_PARA: paragraph(p, PF_BODY, v[i].markup, true, indent, 7); break;
		}
	}
	markdown_paras_free(v, n);
}

/* Draws one block of a section. */
static void
block(struct pdf *p, const struct doc_block *b)
{
	switch (b->kind) {
	case DOC_PARA: paragraph(p, PF_BODY, b->text, false, 0, 7); break;
	case DOC_MARKDOWN: narrative(p, b->text); break;
	case DOC_LIST:
		cairo_tag_begin(p->cr, "L", NULL);
		for (size_t i = 0; i < b->nitems; i++) {
			PangoLayout *l;

			ensure(p, 14);
			cairo_tag_begin(p->cr, "LI", NULL);
			cairo_tag_begin(p->cr, "Lbl", NULL);
			l = layout(p, PF_BODY, "\xE2\x80\xA2", false, 0);
			draw_at(p, l, MARGIN_X + 4, p->y);
			g_object_unref(l);
			cairo_tag_end(p->cr, "Lbl");
			tagged(p, "LBody", PF_BODY, b->items[i], false, 16, 3);
			cairo_tag_end(p->cr, "LI");
		}
		cairo_tag_end(p->cr, "L");
		p->y += 5;
		break;
	case DOC_TERMS:
		cairo_tag_begin(p->cr, "L", NULL);
		for (size_t i = 0; i + 1 < b->nitems; i += 2) {
			ensure(p, 30);
			cairo_tag_begin(p->cr, "LI", NULL);
			tagged(p, "Lbl", PF_BOLD, b->items[i], false, 0, 1);
			tagged(p, "LBody", PF_BODY, b->items[i + 1], false, 12, 5);
			cairo_tag_end(p->cr, "LI");
		}
		cairo_tag_end(p->cr, "L");
		break;
	case DOC_TABLE: table(p, b->table); break;
	case DOC_CHART: chart(p, b->chart); break;
	case DOC_BLOCK__MAX: break;
	}
}

/* Draws the cover page. */
/* Largest logo read (the report settings accept at most 1 MB). */
#define LOGO_MAX (2L << 20)

/* Reads the width and height of a JPEG from its start-of-frame marker;
 * false if there is none. */
static bool
jpeg_size(const unsigned char *b, size_t n, int *w, int *h)
{
	size_t i = 2;

	while (i + 9 < n) {
		unsigned m;
		size_t len;

		if (b[i] != 0xff)
			return false;
		m = b[i + 1];
		if (m == 0xff) {
			i++;
			continue;
		}
		len = (size_t)b[i + 2] << 8 | b[i + 3];
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			*h = b[i + 5] << 8 | b[i + 6];
			*w = b[i + 7] << 8 | b[i + 8];
			return *w > 0 && *h > 0;
		}
		if (len < 2)
			return false;
		i += 2 + len;
	}
	return false;
}

/* Returns the logo at path as a surface: a PNG decoded, or a JPEG whose
 * bytes the PDF embeds as they are (cairo's JPEG MIME data; its size from
 * its frame header).  The surface's status says when neither worked. */
static cairo_surface_t *
logo_surface(const char *path)
{
	unsigned char *data;
	size_t n = 0;
	FILE *f;
	int w = 0, h = 0;
	cairo_surface_t *img;

	if ((f = fopen(path, "rb")) == NULL)
		return cairo_image_surface_create_from_png(path);
	data = xmalloc((size_t)LOGO_MAX);
	n = fread(data, 1, (size_t)LOGO_MAX, f);
	fclose(f);
	if (n < 3 || data[0] != 0xff || data[1] != 0xd8 || data[2] != 0xff ||
	    !jpeg_size(data, n, &w, &h) || w > 10000 || h > 10000) {
		free(data);
		return cairo_image_surface_create_from_png(path);
	}
	img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, data, n, free, data) !=
	    CAIRO_STATUS_SUCCESS)
		free(data);
	return img;
}

static void
cover(struct pdf *p)
{
	const struct doc *d = p->d;
	double y = TEXT_TOP;

	if (d->logo_path != NULL) {
		cairo_surface_t *img = logo_surface(d->logo_path);

		if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
			double iw = cairo_image_surface_get_width(img);
			double ih = cairo_image_surface_get_height(img);
			double s = fmin(70.0 / ih, 200.0 / iw);

			cairo_save(p->cr);
			cairo_translate(p->cr, MARGIN_X, y);
			cairo_scale(p->cr, s, s);
			cairo_set_source_surface(p->cr, img, 0, 0);
			cairo_paint(p->cr);
			cairo_restore(p->cr);
			y += ih * s + 16;
		}
		cairo_surface_destroy(img);
	}
	p->y = y;
	if (d->organisation != NULL)
		paragraph(p, PF_H2, d->organisation, false, 0, 80);
	else
		p->y += 80;
	cairo_set_source_rgb(p->cr, 0.0, 0.396, 0.741);
	paragraph(p, PF_TITLE, d->title, false, 0, 16);
	cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
	if (d->subtitle != NULL)
		paragraph(p, PF_H2, d->subtitle, false, 0, 24);
	if (d->summary != NULL)
		paragraph(p, PF_BODY, d->summary, false, 0, 10);
}

/* Draws the contents page(s): every chapter and appendix with its page,
 * each line a link to the heading. */
static void
contents(struct pdf *p)
{
	PangoLayout *l = layout(p, PF_H1, "Contents", false, TEXT_W);

	cairo_set_source_rgb(p->cr, 0.0, 0.396, 0.741);
	cairo_tag_begin(p->cr, "H1", NULL);
	draw_at(p, l, MARGIN_X, p->y);
	cairo_tag_end(p->cr, "H1");
	cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
	p->y += layout_h(l) + 12;
	g_object_unref(l);
	cairo_tag_begin(p->cr, "TOC", NULL);
	for (size_t s = 0; s < p->d->nsections; s++) {
		const struct doc_section *sec = &p->d->sections[s];
		char num[16], attr[64];
		PangoLayout *t, *n;
		double indent = sec->level <= 1 ? 0 : 16;

		snprintf(num, sizeof(num), "%d", p->final ? p->sec_page[s] : 0);
		t = layout(p, sec->level <= 1 ? PF_BODY : PF_SMALL, sec->title, false,
		    TEXT_W - 40 - indent);
		n = layout(p, PF_BODY, num, false, 0);
		ensure(p, layout_h(t) + 4);
		snprintf(attr, sizeof(attr), "dest='sec%zu'", s);
		cairo_tag_begin(p->cr, "TOCI", NULL);
		cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attr);
		draw_at(p, t, MARGIN_X + indent, p->y);
		draw_at(p, n, PAGE_W - MARGIN_X - layout_w(n), p->y);
		cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		cairo_tag_end(p->cr, "TOCI");
		p->y += layout_h(t) + (sec->level <= 1 ? 5 : 2);
		g_object_unref(t);
		g_object_unref(n);
	}
	cairo_tag_end(p->cr, "TOC");
}

/* Adds PDF bookmarks for the sections. */
static void
outline(struct pdf *p)
{
	int parent = CAIRO_PDF_OUTLINE_ROOT;

	for (size_t s = 0; s < p->d->nsections; s++) {
		const struct doc_section *sec = &p->d->sections[s];
		char attr[64];
		int id;

		char *title = text_bidi_shown(sec->title);

		snprintf(attr, sizeof(attr), "dest='sec%zu'", s);
		id = cairo_pdf_surface_add_outline(p->surf,
		    sec->level <= 1 ? CAIRO_PDF_OUTLINE_ROOT : parent, title, attr, 0);
		free(title);
		if (sec->level <= 1)
			parent = id;
	}
}

/* Lays the whole document out once onto surf. */
static void
pass(struct pdf *p)
{
	p->cr = cairo_create(p->surf);
	p->page = 1;
	cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
	page_header(p);
	cover(p);
	page_new(p);
	contents(p);
	for (size_t s = 0; s < p->d->nsections; s++) {
		const struct doc_section *sec = &p->d->sections[s];

		/* Chapters and the first appendix start on a new page. */
		if (sec->level <= 1 && (s == 0 || sec->appendix || p->y > TEXT_TOP + 400))
			page_new(p);
		heading(p, s);
		for (size_t b = 0; b < sec->nblocks; b++)
			block(p, &sec->blocks[b]);
	}
	page_end(p);
	if (p->final)
		outline(p);
	cairo_destroy(p->cr);
	p->cr = NULL;
}

/* Returns the last occurrence of needle in the first n bytes of hay, or NULL. */
static const char *
last_of(const char *hay, size_t n, const char *needle)
{
	const char *found = NULL, *p = hay, *end = hay + n;
	size_t k = strlen(needle);

	while (p < end && (p = memmem(p, (size_t)(end - p), needle, k)) != NULL) {
		found = p;
		p += k;
	}
	return found;
}

/* Reads "KEY N" (an integer after key) from the text at s, or -1. */
static long
key_number(const char *s, const char *end, const char *key)
{
	const char *p = memmem(s, (size_t)(end - s), key, strlen(key));
	long v = 0;

	if (p == NULL)
		return -1;
	p += strlen(key);
	while (p < end && (*p == ' ' || *p == '\r' || *p == '\n'))
		p++;
	if (p >= end || *p < '0' || *p > '9')
		return -1;
	while (p < end && *p >= '0' && *p <= '9' && v < 100000000L)
		v = v * 10 + (*p++ - '0');
	return v;
}

/* Appends text (UTF-8) to out as a PDF text string in UTF-16BE with a
 * byte-order mark, written in hex: <FEFF...>.  Invalid bytes become U+FFFD. */
static void
pdf_text_string(struct buf *out, const char *text)
{
	char *shown = text_bidi_shown(text);
	const unsigned char *p = (const unsigned char *)shown;

	buf_puts(out, "<FEFF");
	while (*p != '\0') {
		unsigned long cp = 0xFFFD;
		int n = 0;

		if (*p < 0x80)
			cp = *p, n = 1;
		else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80)
			cp = ((unsigned long)(*p & 0x1F) << 6) | (p[1] & 0x3F), n = 2;
		else if ((*p & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
			cp = ((unsigned long)(*p & 0x0F) << 12) |
			    ((unsigned long)(p[1] & 0x3F) << 6) | (p[2] & 0x3F),
			n = 3;
		else if ((*p & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
		    (p[3] & 0xC0) == 0x80)
			cp = ((unsigned long)(*p & 0x07) << 18) |
			    ((unsigned long)(p[1] & 0x3F) << 12) |
			    ((unsigned long)(p[2] & 0x3F) << 6) | (p[3] & 0x3F),
			n = 4;
		else
			n = 1;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			buf_printf(out, "%04lX%04lX", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
		} else {
			buf_printf(out, "%04lX", cp);
		}
		p += n;
	}
	buf_putc(out, '>');
	free(shown);
}

/* One object rewritten by the incremental update. */
struct pdf_patch {
	long obj;        /* object number */
	size_t from, to; /* its dictionary's entries in the original: [from, to) */
	const char *alt; /* a Figure's text alternative, or NULL for the catalog */
	size_t at;       /* offset of the new version */
};

/* Orders patches by object number. */
static int
patch_cmp(const void *a, const void *b)
{
	const struct pdf_patch *x = a, *y = b;

	return (x->obj > y->obj) - (x->obj < y->obj);
}

/* Finds the object that contains offset pos (after "N 0 obj"): sets its
 * number and the extent of its dictionary's entries (up to the closing
 * ">>" before "endobj").  Returns false if the text is not as cairo writes
 * it. */
static bool
object_at(const char *pdf, size_t len, size_t pos, struct pdf_patch *pt)
{
	const char *start = pdf, *o = NULL, *e, *close, *q;
	size_t i;

	for (i = pos; i > 0 && o == NULL; i--)
		if (i + 6 <= len && memcmp(pdf + i, " 0 obj", 6) == 0)
			o = pdf + i;
	if (o == NULL)
		return false;
	for (q = o; q > start && q[-1] >= '0' && q[-1] <= '9'; q--)
		;
	if (q == o || q == start || q[-1] != '\n')
		return false;
	pt->obj = key_number(q - 1, o, "\n");
	if ((e = memmem(o, len - (size_t)(o - pdf), "endobj", 6)) == NULL ||
	    (close = last_of(o, (size_t)(e - o), ">>")) == NULL || close < pdf + pos)
		return false;
	pt->from = (size_t)(o - pdf) + 6;
	pt->to = (size_t)(close - pdf);
	return pt->obj > 0;
}

/*
 * Completes the tagging that cairo 1.16 cannot do itself, by appending an
 * incremental update (PDF 1.7 section 7.5.6) after cairo's bytes, which
 * stay as they are:
 * - the catalog gets /MarkInfo << /Marked true >> (cairo writes the
 *   structure tree but not this, so readers report "Tagged: no"), /Lang
 *   (en-GB) and /ViewerPreferences << /DisplayDocTitle true >>;
 * - each Figure structure element gets /Alt, the chart's text alternative
 *   (cairo 1.16 cannot give structure elements attributes).  Figures are
 *   matched to the document's charts in order, and only when their numbers
 *   agree.
 * The PDF is left as it is when its trailer is not as cairo writes it.
 */
static void
mark_tagged(struct buf *out, const struct doc *d)
{
	const char *pdf = out->data, *end = out->data + out->len, *tr, *sx, *f;
	const char **alts = NULL;
	struct pdf_patch *pt = NULL;
	size_t nalts = 0, npt = 0, nfig = 0;
	long root, info, size, prev;
	char *orig = NULL;
	size_t origlen = out->len;

	if (pdf == NULL || (tr = last_of(pdf, out->len, "trailer")) == NULL ||
	    (sx = last_of(pdf, out->len, "startxref")) == NULL || sx < tr)
		return;
	root = key_number(tr, sx, "/Root");
	info = key_number(tr, sx, "/Info");
	size = key_number(tr, sx, "/Size");
	prev = key_number(sx, end, "startxref");
	if (root <= 0 || size <= root || prev <= 0)
		return;
	for (size_t s = 0; s < d->nsections; s++)
		for (size_t b = 0; b < d->sections[s].nblocks; b++)
			if (d->sections[s].blocks[b].kind == DOC_CHART) {
				const struct doc_chart *c = d->sections[s].blocks[b].chart;

				alts = xreallocarray(alts, nalts + 1, sizeof(*alts));
				alts[nalts++] = c->desc != NULL ? c->desc : c->title;
			}
	pt = xcalloc(nalts + 1, sizeof(*pt));
	/* The catalog. */
	{
		char head[32];
		const char *obj;

		snprintf(head, sizeof(head), "\n%ld 0 obj", root);
		if ((obj = last_of(pdf, (size_t)(tr - pdf), head)) == NULL ||
		    !object_at(pdf, out->len, (size_t)(obj - pdf) + strlen(head), &pt[0]) ||
		    pt[0].obj != root ||
		    memmem(pdf + pt[0].from, pt[0].to - pt[0].from, "/MarkInfo", 9) != NULL)
			goto out;
		npt = 1;
	}
	/* The Figures, in file order (the order cairo writes the tree in,
	 * which is the order they were drawn). */
	for (f = pdf; (f = memmem(f, (size_t)(tr - f), "/S /Figure", 10)) != NULL; f += 10)
		nfig++;
	if (nfig == nalts) {
		size_t k = 0;

		for (f = pdf;
		     k < nalts && (f = memmem(f, (size_t)(tr - f), "/S /Figure", 10)) != NULL;
		     f += 10, k++) {
			if (!object_at(pdf, out->len, (size_t)(f - pdf), &pt[npt]) ||
			    memmem(pdf + pt[npt].from, pt[npt].to - pt[npt].from, "/Alt", 4) !=
			        NULL)
				continue;
			pt[npt++].alt = alts[k];
		}
	}
	qsort(pt, npt, sizeof(*pt), patch_cmp);
	/* The entries are copied first: appending may move the buffer. */
	orig = xmalloc(origlen);
	memcpy(orig, pdf, origlen);
	for (size_t i = 0; i < npt; i++) {
		buf_putc(out, '\n');
		pt[i].at = out->len;
		buf_printf(out, "%ld 0 obj", pt[i].obj);
		buf_append(out, orig + pt[i].from, pt[i].to - pt[i].from);
		if (pt[i].alt != NULL) {
			buf_puts(out, "   /Alt ");
			pdf_text_string(out, pt[i].alt);
			buf_puts(out, "\n");
		} else {
			buf_puts(out,
			    "   /MarkInfo << /Marked true >>\n   /Lang (en-GB)\n"
			    "   /ViewerPreferences << /DisplayDocTitle true >>\n");
		}
		buf_puts(out, ">>\nendobj\n");
	}
	{
		size_t xref = out->len;

		buf_puts(out, "xref\n0 1\n0000000000 65535 f \n");
		for (size_t i = 0; i < npt; i++)
			buf_printf(out, "%ld 1\n%010zu 00000 n \n", pt[i].obj, pt[i].at);
		buf_printf(out, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size, root);
		if (info > 0)
			buf_printf(out, "   /Info %ld 0 R\n", info);
		buf_printf(out, "   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n", prev, xref);
	}
out:
	free(orig);
	free(pt);
	free(alts);
}

int
pdf_write(const struct doc *d, struct buf *out, struct cairn_err *err)
{
	struct pdf p;
	cairo_status_t st;
	int rc = CAIRN_OK;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.sec_page = xcalloc(d->nsections + 1, sizeof(*p.sec_page));
	for (int f = 0; f < PF__MAX; f++) {
		assert(font_desc[f] != NULL);
		p.font[f] = pango_font_description_from_string(font_desc[f]);
	}

	/* First pass: output discarded; finds each section's page. */
	p.surf = cairo_pdf_surface_create_for_stream(NULL, NULL, PAGE_W, PAGE_H);
	pass(&p);
	p.pages = p.page;
	cairo_surface_finish(p.surf);
	cairo_surface_destroy(p.surf);

	p.final = true;
	p.surf = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
	{
		char *title = text_bidi_shown(d->title), *org = text_bidi_shown(d->organisation);

		cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_TITLE, title);
		if (org != NULL)
			cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_AUTHOR, org);
		free(title);
		free(org);
	}
	cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATOR, "Cairn");
	pass(&p);
	cairo_surface_finish(p.surf);
	st = cairo_surface_status(p.surf);
	if (st == CAIRO_STATUS_SUCCESS && !buf_failed(out))
		mark_tagged(out, d);
	if (st != CAIRO_STATUS_SUCCESS || buf_failed(out))
		rc = cairn_errf(err, CAIRN_ESOFTWARE, "cannot write the PDF: %s",
		    buf_failed(out) ? "it is too large" : cairo_status_to_string(st));
	cairo_surface_destroy(p.surf);
	for (int f = 0; f < PF__MAX; f++)
		pango_font_description_free(p.font[f]);
	free(p.sec_page);
	return rc;
}
