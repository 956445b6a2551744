/* HTML, Markdown and CSV of a document: see docfmt.h. */
#include "render/docfmt.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/csvout.h"
#include "core/text.h"
#include "render/html.h"
#include "render/markdown.h"
#include "render/svg.h"

/* Screen and print styles: readable measure, tables with borders, the
 * marking fixed at the top of every printed page, A4 pages. */
static const char DOC_CSS[] =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:50em;margin:2em auto;"
    "padding:0 1em;line-height:1.5;color:#333}"
    "h1,h2,h3{color:#0065bd;line-height:1.25}"
    "table{border-collapse:collapse;width:100%;margin:1em 0}"
    "th,td{border:1px solid #b3b3b3;padding:.4em .6em;text-align:left;vertical-align:top}"
    "thead th,th[scope=colgroup]{background:#ebebeb}"
    "caption{text-align:left;font-weight:bold;padding:.4em 0}"
    "dt{font-weight:bold}dd{margin:0 0 .6em 1.5em}"
    ".organisation{font-weight:bold;color:#555}.summary{font-size:1.1em}"
    ".marking{border:2px solid #b00;color:#b00;font-weight:bold;padding:.3em .6em;"
    "text-align:center}"
    ".chart svg{max-width:100%;height:auto}figure.chart{margin:1em 0}"
    "nav ol{padding-left:1.2em}"
    "@page{size:A4;margin:2cm}"
    "@media print{body{max-width:none;margin:0;padding:0}a{color:inherit;text-decoration:none}"
    "h1,h2,h3{break-after:avoid}tr,.chart{break-inside:avoid}thead{display:table-header-group}"
    "section.chapter{break-before:page}"
    ".marking{position:fixed;top:0;left:0;right:0;background:#fff}"
    "body.internal{padding-top:3em}}";

/* Writes a table. */
static void
html_table(struct html *h, const struct doc_table *t)
{
	char span[16], tid[160];

	snprintf(span, sizeof(span), "%zu", t->ncols);
	snprintf(tid, sizeof(tid), "%s-table", t->id); /* the section takes t->id */
	/* Inside a web page a wide table scrolls in its own region, as
	 * ui_table_begin()'s do (cairn.css); a document alone ignores it. */
	html_open(h, HE_SECTION, HA_CLASS, "cairn-table-scroll", HA_ARIA_LABEL, t->caption,
	    HA_TABINDEX, "0", HA__MAX);
	html_open(h, HE_TABLE, HA_ID, tid, HA_CLASS, "ds_table", HA__MAX);
	html_elem(h, HE_CAPTION, NULL, t->caption);
	html_open(h, HE_THEAD, HA__MAX);
	html_open(h, HE_TR, HA__MAX);
	for (size_t c = 0; c < t->ncols; c++) {
		html_open(h, HE_TH, HA_SCOPE, "col", HA__MAX);
		html_text(h, t->head[c]);
		html_close(h);
	}
	html_close(h);
	html_close(h);
	html_open(h, HE_TBODY, HA__MAX);
	for (size_t r = 0; r < t->nrows; r++) {
		html_open(h, HE_TR, HA__MAX);
		if (t->kinds[r] == DOC_ROW_GROUP) {
			html_open(h, HE_TH, HA_SCOPE, "colgroup", HA_COLSPAN, span, HA__MAX);
			html_text(h, doc_cell(t, r, 0));
			html_close(h);
		} else {
			for (size_t c = 0; c < t->ncols; c++) {
				if (c == 0)
					html_open(h, HE_TH, HA_SCOPE, "row", HA__MAX);
				else
					html_open(h, HE_TD, HA__MAX);
				if (t->kinds[r] == DOC_ROW_TOTAL)
					html_open(h, HE_STRONG, HA__MAX);
				html_text(h, doc_cell(t, r, c));
				if (t->kinds[r] == DOC_ROW_TOTAL)
					html_close(h);
				html_close(h);
			}
		}
		html_close(h);
	}
	html_close(h); /* tbody */
	html_close(h); /* table */
	html_close(h); /* scroll region */
}

/* Writes one block. */
static void
html_block(struct html *h, const struct doc_block *b)
{
	switch (b->kind) {
	case DOC_PARA: html_elem(h, HE_P, NULL, b->text); break;
	case DOC_MARKDOWN:
		html_open(h, HE_DIV, HA_CLASS, "narrative", HA__MAX);
		markdown_html(b->text, h->out);
		html_close(h);
		break;
	case DOC_LIST:
		html_open(h, HE_UL, HA__MAX);
		for (size_t i = 0; i < b->nitems; i++)
			html_elem(h, HE_LI, NULL, b->items[i]);
		html_close(h);
		break;
	case DOC_TERMS:
		html_open(h, HE_DL, HA__MAX);
		for (size_t i = 0; i + 1 < b->nitems; i += 2) {
			html_elem(h, HE_DT, NULL, b->items[i]);
			html_elem(h, HE_DD, NULL, b->items[i + 1]);
		}
		html_close(h);
		break;
	case DOC_TABLE: html_table(h, b->table); break;
	case DOC_CHART:
		html_open(h, HE_FIGURE, HA_CLASS, "chart", HA_ID, b->chart->id, HA__MAX);
		svg_chart(b->chart, h->out);
		html_close(h);
		break;
	case DOC_BLOCK__MAX: break;
	}
}

void
docfmt_html(const struct doc *d, struct buf *out)
{
	struct html h;
	size_t sec_depth = 0;

	html_init(&h, out);
	html_doctype(&h);
	html_open(&h, HE_HTML, HA_LANG, "en-GB", HA__MAX);
	html_open(&h, HE_HEAD, HA__MAX);
	html_open(&h, HE_META, HA_CHARSET, "utf-8", HA__MAX);
	html_open(&h, HE_META, HA_NAME, "viewport", HA_CONTENT,
	    "width=device-width, initial-scale=1", HA__MAX);
	if (d->organisation != NULL)
		html_open(&h, HE_META, HA_NAME, "author", HA_CONTENT, d->organisation, HA__MAX);
	html_elem(&h, HE_TITLE, NULL, d->title);
	html_open(&h, HE_STYLE, HA__MAX);
	html_lit_(&h, DOC_CSS, sizeof(DOC_CSS) - 1);
	html_close(&h);
	html_close(&h);
	html_open(&h, HE_BODY, HA_CLASS, d->marking != NULL ? "internal" : NULL, HA__MAX);
	if (d->marking != NULL)
		html_elem(&h, HE_DIV, "marking", d->marking);
	html_open(&h, HE_HEADER, HA__MAX);
	if (d->organisation != NULL)
		html_elem(&h, HE_P, "organisation", d->organisation);
	html_elem(&h, HE_H1, NULL, d->title);
	if (d->subtitle != NULL)
		html_elem(&h, HE_P, NULL, d->subtitle);
	if (d->summary != NULL)
		html_elem(&h, HE_P, "summary", d->summary);
	html_close(&h);
	html_open(&h, HE_NAV, HA_ARIA_LABEL, "Contents", HA__MAX);
	html_elem(&h, HE_H2, NULL, "Contents");
	html_open(&h, HE_OL, HA__MAX);
	for (size_t s = 0; s < d->nsections; s++) {
		char href[160];

		if (d->sections[s].level > 1)
			continue;
		snprintf(href, sizeof(href), "#%s", d->sections[s].id);
		html_open(&h, HE_LI, HA__MAX);
		html_open(&h, HE_A, HA_HREF, href, HA__MAX);
		html_text(&h, d->sections[s].title);
		html_close(&h);
		html_close(&h);
	}
	html_close(&h);
	html_close(&h);
	html_open(&h, HE_MAIN, HA__MAX);
	sec_depth = h.depth;
	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *sec = &d->sections[s];
		char hid[160];

		snprintf(hid, sizeof(hid), "%s-heading", sec->id);
		if (sec->level <= 1)
			html_close_to(&h, sec_depth);
		html_open(&h, HE_SECTION, HA_ID, sec->id, HA_ARIA_LABELLEDBY, hid, HA_CLASS,
		    sec->level <= 1 ? "chapter" : NULL, HA__MAX);
		html_open(&h, sec->level <= 1 ? HE_H2 : HE_H3, HA_ID, hid, HA__MAX);
		html_text(&h, sec->title);
		html_close(&h);
		for (size_t b = 0; b < sec->nblocks; b++)
			html_block(&h, &sec->blocks[b]);
		if (sec->level > 1)
			html_close(&h);
	}
	html_close_to(&h, sec_depth);
	html_close(&h);
	if (d->marking != NULL) {
		html_open(&h, HE_FOOTER, HA__MAX);
		html_elem(&h, HE_DIV, "marking", d->marking);
		html_close(&h);
	}
	html_close_to(&h, 0);
}

void
docfmt_html_sections(const struct doc *d, struct html *h)
{
	size_t base = h->depth;

	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *sec = &d->sections[s];
		char hid[160];

		snprintf(hid, sizeof(hid), "%s-heading", sec->id);
		if (sec->level <= 1)
			html_close_to(h, base);
		html_open(h, HE_SECTION, HA_ID, sec->id, HA_ARIA_LABELLEDBY, hid, HA__MAX);
		html_open(h, sec->level <= 1 ? HE_H2 : HE_H3, HA_ID, hid, HA__MAX);
		html_text(h, sec->title);
		html_close(h);
		for (size_t b = 0; b < sec->nblocks; b++)
			html_block(h, &sec->blocks[b]);
		if (sec->level > 1)
			html_close(h);
	}
	html_close_to(h, base);
}

/* ---- Markdown ---- */

/* Appends the n bytes at s with Markdown's special characters escaped
 * (text_escape_fn). */
static void
md_escape_n(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\0' && strchr("\\`*_[]<>#|", s[i]) != NULL)
			buf_putc(b, '\\');
		buf_putc(b, s[i]);
	}
}

/* Appends text with Markdown's special characters escaped and its
 * bidirectional controls shown ("<U+202E>", core/text.h). */
static void
md_text(struct buf *b, const char *s)
{
	if (s != NULL)
		text_bidi_show(b, s, strlen(s), md_escape_n, "\\<", "\\>");
}

void
docfmt_md_text(struct buf *out, const char *s)
{
	md_text(out, s);
}

/* Appends a table as a pipe table (group rows in bold). */
static void
md_table(struct buf *b, const struct doc_table *t)
{
	buf_puts(b, "**");
	md_text(b, t->caption);
	buf_puts(b, "**\n\n|");
	for (size_t c = 0; c < t->ncols; c++) {
		buf_putc(b, ' ');
		md_text(b, t->head[c]);
		buf_puts(b, " |");
	}
	buf_puts(b, "\n|");
	for (size_t c = 0; c < t->ncols; c++)
		buf_puts(b, "---|");
	buf_putc(b, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		buf_putc(b, '|');
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = doc_cell(t, r, c);
			bool strong = t->kinds[r] != DOC_ROW_DATA && v[0];

			buf_puts(b, strong ? " **" : " ");
			md_text(b, v);
			buf_puts(b, strong ? "** |" : " |");
		}
		buf_putc(b, '\n');
	}
	buf_putc(b, '\n');
}

void
docfmt_md(const struct doc *d, struct buf *b)
{
	if (d->marking != NULL) {
		buf_puts(b, "**");
		md_text(b, d->marking);
		buf_puts(b, "**\n\n");
	}
	buf_puts(b, "# ");
	md_text(b, d->title);
	buf_puts(b, "\n\n");
	if (d->organisation != NULL) {
		md_text(b, d->organisation);
		buf_puts(b, "\n\n");
	}
	if (d->subtitle != NULL) {
		md_text(b, d->subtitle);
		buf_puts(b, "\n\n");
	}
	if (d->summary != NULL) {
		md_text(b, d->summary);
		buf_puts(b, "\n\n");
	}
	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *sec = &d->sections[s];

		buf_puts(b, sec->level <= 1 ? "## " : "### ");
		md_text(b, sec->title);
		buf_puts(b, "\n\n");
		for (size_t i = 0; i < sec->nblocks; i++) {
			const struct doc_block *bl = &sec->blocks[i];

			switch (bl->kind) {
			case DOC_PARA:
				md_text(b, bl->text);
				buf_puts(b, "\n\n");
				break;
			case DOC_MARKDOWN:
				/* Narrative is Markdown already; only checked links stay links. */
				if (markdown_check(bl->text, NULL) == 0)
					text_bidi_show(b, bl->text, strlen(bl->text), NULL, "\\<",
					    "\\>");
				else
					md_text(b, bl->text);
				buf_puts(b, "\n\n");
				break;
			case DOC_LIST:
				for (size_t k = 0; k < bl->nitems; k++) {
					buf_puts(b, "- ");
					md_text(b, bl->items[k]);
					buf_putc(b, '\n');
				}
				buf_putc(b, '\n');
				break;
			case DOC_TERMS:
				for (size_t k = 0; k + 1 < bl->nitems; k += 2) {
					buf_puts(b, "- **");
					md_text(b, bl->items[k]);
					buf_puts(b, "**: ");
					md_text(b, bl->items[k + 1]);
					buf_putc(b, '\n');
				}
				buf_putc(b, '\n');
				break;
			case DOC_TABLE: md_table(b, bl->table); break;
			case DOC_CHART:
				buf_puts(b, "*Chart: ");
				md_text(b, bl->chart->title);
				buf_puts(b, ".* ");
				md_text(b, bl->chart->desc);
				buf_puts(b, "\n\n");
				break;
			case DOC_BLOCK__MAX: break;
			}
		}
	}
	if (d->marking != NULL) {
		buf_puts(b, "**");
		md_text(b, d->marking);
		buf_puts(b, "**\n");
	}
}

/* ---- CSV ---- */

/* Names of row kinds in CSV, indexed by enum doc_row_kind. */
static const char *const row_kind_name[] = {
	[DOC_ROW_DATA] = "data",
	[DOC_ROW_GROUP] = "group",
	[DOC_ROW_TOTAL] = "total",
};
_Static_assert(sizeof(row_kind_name) / sizeof(row_kind_name[0]) == DOC_ROW__MAX,
    "row_kind_name: one entry per value");

void
docfmt_csv(const struct doc *d, struct buf *out)
{
	bool first = true;

	for (size_t s = 0; s < d->nsections; s++) {
		for (size_t i = 0; i < d->sections[s].nblocks; i++) {
			const struct doc_block *bl = &d->sections[s].blocks[i];

			if (bl->kind == DOC_TABLE) {
				const struct doc_table *t = bl->table;

				if (!first)
					buf_puts(out, "\r\n");
				first = false;
				buf_puts(out, "table,row");
				for (size_t c = 0; c < t->ncols; c++) {
					buf_putc(out, ',');
					csvout_field(out, t->head[c]);
				}
				buf_puts(out, "\r\n");
				for (size_t r = 0; r < t->nrows; r++) {
					csvout_field(out, t->id);
					buf_putc(out, ',');
					assert((unsigned)t->kinds[r] < DOC_ROW__MAX &&
					    row_kind_name[t->kinds[r]] != NULL);
					buf_puts(out, row_kind_name[t->kinds[r]]);
					for (size_t c = 0; c < t->ncols; c++) {
						buf_putc(out, ',');
						csvout_field(out, doc_cell(t, r, c));
					}
					buf_puts(out, "\r\n");
				}
			} else if (bl->kind == DOC_CHART) {
				const struct doc_chart *c = bl->chart;

				if (!first)
					buf_puts(out, "\r\n");
				first = false;
				buf_puts(out, "table,row,Label,Value,Lower,Upper,Shown as\r\n");
				for (size_t k = 0; k < c->n; k++) {
					csvout_field(out, c->id);
					buf_puts(out, ",data,");
					csvout_field(out, c->labels[k]);
					if (isfinite(c->values[k]))
						buf_printf(out, ",%g", c->values[k]);
					else
						buf_puts(out, ",");
					if (c->lo != NULL && isfinite(c->lo[k]))
						buf_printf(out, ",%g,%g", c->lo[k], c->hi[k]);
					else
						buf_puts(out, ",,");
					buf_putc(out, ',');
					csvout_field(out, c->value_text[k]);
					buf_puts(out, "\r\n");
				}
			}
		}
	}
}

/* Returns v as a JSON number, or null when it is not finite. */
static json_t *
json_num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* Returns a table as JSON: id, caption, columns and rows (kind, cells). */
static json_t *
table_json(const struct doc_table *t)
{
	static const char *const kinds[] = { "data", "group", "total" };
	json_t *cols = json_array(), *rows = json_array();

	for (size_t c = 0; c < t->ncols; c++)
		json_array_append_new(cols, json_string(t->head[c] != NULL ? t->head[c] : ""));
	for (size_t r = 0; r < t->nrows; r++) {
		json_t *cells = json_array();

		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = doc_cell(t, r, c);

			json_array_append_new(cells, s != NULL ? json_string(s) : json_null());
		}
		json_array_append_new(rows,
		    json_pack("{s:s, s:o}", "kind", kinds[t->kinds[r]], "cells", cells));
	}
	return json_pack("{s:s, s:s, s:o, s:o}", "id", t->id, "caption", t->caption, "columns",
	    cols, "rows", rows);
}

/* Returns the numbers behind a chart as JSON. */
static json_t *
chart_json(const struct doc_chart *ch)
{
	json_t *bars = json_array();

	for (size_t i = 0; i < ch->n; i++)
		json_array_append_new(bars,
		    json_pack("{s:s, s:o, s:o, s:o, s:s}", "label",
		        ch->labels[i] != NULL ? ch->labels[i] : "", "value",
		        json_num(ch->values[i]), "lower",
		        ch->lo != NULL ? json_num(ch->lo[i]) : json_null(), "upper",
		        ch->hi != NULL ? json_num(ch->hi[i]) : json_null(), "shown_as",
		        ch->value_text[i] != NULL ? ch->value_text[i] : ""));
	return json_pack("{s:s, s:s, s:s?, s:s?, s:o}", "id", ch->id, "title", ch->title, "desc",
	    ch->desc, "axis", ch->axis, "bars", bars);
}

json_t *
docfmt_json(const struct doc *d)
{
	json_t *secs = json_array();

	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *sec = &d->sections[s];
		json_t *tables = json_array(), *charts = json_array();

		for (size_t b = 0; b < sec->nblocks; b++) {
			if (sec->blocks[b].kind == DOC_TABLE)
				json_array_append_new(tables, table_json(sec->blocks[b].table));
			else if (sec->blocks[b].kind == DOC_CHART)
				json_array_append_new(charts, chart_json(sec->blocks[b].chart));
		}
		json_array_append_new(secs,
		    json_pack("{s:s, s:s, s:i, s:b, s:o, s:o}", "id", sec->id, "title", sec->title,
		        "level", sec->level, "appendix", sec->appendix, "tables", tables, "charts",
		        charts));
	}
	return json_pack("{s:s, s:s?, s:o}", "title", d->title, "marking", d->marking, "sections",
	    secs);
}
