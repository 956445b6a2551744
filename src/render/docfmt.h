/*
 * Writers of a document (render/doc.h) as HTML (one self-contained,
 * accessible file with charts as inline SVG and a print stylesheet),
 * Markdown and CSV.  The PDF is in pdf.c and the spreadsheet in xlsx.c;
 * all of them show the same document.
 */
#ifndef CAIRN_RENDER_DOCFMT_H
#define CAIRN_RENDER_DOCFMT_H

#include <jansson.h>

#include "core/buf.h"
#include "render/doc.h"

/* Appends d as a complete HTML page. */
void docfmt_html(const struct doc *d, struct buf *out);
/* Appends d as Markdown. */
/* Writes only the document's sections (h2 chapters, h3 parts, with their
 * paragraphs, lists, tables and SVG charts) into an open writer, for
 * showing a document inside a web page; no style, no head. */
struct html;
void docfmt_html_sections(const struct doc *d, struct html *h);
void docfmt_md(const struct doc *d, struct buf *out);
/* Appends every table of d, and the data behind every chart, as CSV:
 * columns table, row kind, then the table's own columns (a header line
 * per table), through the one CSV writer (core/csvout.h): cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe. */
void docfmt_csv(const struct doc *d, struct buf *out);
/* Returns the document's sections with every table and the numbers behind
 * every chart as JSON (caller decrefs): {title, marking, sections: [{id,
 * title, level, appendix, tables: [{id, caption, columns, rows: [{kind,
 * cells}]}], charts: [{id, title, desc, axis, bars: [{label, value, lower,
 * upper, shown_as}]}]}]}. */
json_t *docfmt_json(const struct doc *d);

/* Appends text s with Markdown's special characters escaped and its
 * bidirectional controls shown, as docfmt_md writes every text (for other
 * Markdown writers: the news release, render/release.h). */
void docfmt_md_text(struct buf *out, const char *s);

#endif
