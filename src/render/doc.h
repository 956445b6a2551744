/*
 * A report as a document: an ordered list of sections, each holding
 * blocks (paragraphs, Markdown narrative, lists, tables, charts), with no
 * notion of any output format.  app/publication/report_model.c builds one from a
 * dossier (and whatever optional sections exist) with disclosure control
 * already applied; render/ writes it as PDF, HTML, Markdown, XLSX or CSV,
 * so every format shows the same words and the same numbers.
 *
 * Everything is malloc'd and owned by the document; doc_free() releases it.
 */
#ifndef CAIRN_RENDER_DOC_H
#define CAIRN_RENDER_DOC_H

#include <stdbool.h>
#include <stddef.h>

/* Kinds of block; indexes doc_block_name. */
enum doc_block_kind {
	DOC_PARA = 0, /* plain text paragraph */
	DOC_MARKDOWN, /* narrative written by inspectors, Markdown */
	DOC_LIST,     /* bulleted list of plain text items */
	DOC_TABLE,    /* a table with a header row */
	DOC_CHART,    /* a bar chart with a text alternative */
	DOC_TERMS,    /* term and definition pairs (items[2i], items[2i+1]) */
	DOC_BLOCK__MAX
};
extern const char *const doc_block_name[DOC_BLOCK__MAX];

/* Kinds of table row. */
enum doc_row_kind {
	DOC_ROW_DATA = 0, /* an ordinary row; the first cell is its header */
	DOC_ROW_GROUP,    /* a group heading: only the first cell, spanning the row */
	DOC_ROW_TOTAL,    /* a totals row */
	DOC_ROW__MAX
};

/* A table.  cells is row-major, nrows * ncols; a NULL cell is empty. */
struct doc_table {
	char *id;                 /* stable identifier, e.g. "evaluations" (sheet name) */
	char *caption;            /* shown above the table */
	size_t ncols;             /* columns */
	char **head;              /* ncols column headings */
	double *widths;           /* ncols relative widths (sum arbitrary) */
	size_t nrows;             /* rows, excluding the header */
	char **cells;             /* nrows * ncols texts */
	enum doc_row_kind *kinds; /* nrows row kinds */
	size_t cap;               /* rows allocated */
};

/* A horizontal bar chart: one bar per label, optional intervals. */
struct doc_chart {
	char *id;          /* stable identifier, e.g. "grade-profile" */
	char *title;       /* chart title (SVG <title>, PDF caption) */
	char *desc;        /* text alternative describing the chart (SVG <desc>) */
	char *axis;        /* axis label, e.g. "Evaluation" or "Per cent" */
	size_t n;          /* bars */
	char **labels;     /* n bar labels */
	double *values;    /* n values; NAN for a suppressed or missing bar */
	double *lo, *hi;   /* n interval ends, or NULL when there are none */
	char **value_text; /* n texts shown at the end of each bar */
	double min, max;   /* axis range */
	size_t nticks;     /* axis ticks */
	double *tick_at;   /* nticks positions */
	char **tick_label; /* nticks labels */
};

/* One block of a section. */
struct doc_block {
	enum doc_block_kind kind;
	char *text;   /* DOC_PARA, DOC_MARKDOWN: the text */
	char **items; /* DOC_LIST, DOC_TERMS: the items */
	size_t nitems;
	struct doc_table *table; /* DOC_TABLE */
	struct doc_chart *chart; /* DOC_CHART */
};

/* A section: a chapter (level 1) or a part of one (level 2). */
struct doc_section {
	char *id;      /* anchor, e.g. "introduction" */
	char *title;   /* heading */
	int level;     /* 1 chapter, 2 sub-section */
	bool appendix; /* true for appendices */
	struct doc_block *blocks;
	size_t nblocks;
};

/* The document. */
struct doc {
	char *title;        /* report title */
	char *subtitle;     /* e.g. "Published 18 August 2026"; may be NULL */
	char *organisation; /* the inspectorate's name, from configuration */
	char *logo_path;    /* PNG file for the cover; may be NULL */
	char *marking;      /* e.g. "NOT FOR PUBLICATION" on every page; NULL if public */
	char *summary;      /* opening summary; may be NULL */
	struct doc_section *sections;
	size_t nsections;
};

/* Releases the contents of a document; no-op on a zeroed one. */
void doc_free(struct doc *d);
/* Appends a section and returns it (valid until the next section is added). */
struct doc_section *doc_section(struct doc *d, const char *id, const char *title, int level,
    bool appendix);
/* Appends a plain paragraph (formatted). */
void doc_para(struct doc_section *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends Markdown narrative. */
void doc_markdown(struct doc_section *s, const char *md);
/* Appends an empty list and returns it; add items with doc_item(). */
struct doc_block *doc_list(struct doc_section *s, enum doc_block_kind kind);
/* Appends an item to a list block. */
void doc_item(struct doc_block *b, const char *text);
/* Appends a table with ncols columns; heads and widths are ncols long. */
struct doc_table *doc_table(struct doc_section *s, const char *id, const char *caption,
    size_t ncols, const char *const *heads, const double *widths);
/* Appends a row of ncols cells (copied; NULL for empty). */
void doc_row(struct doc_table *t, enum doc_row_kind kind, const char *const *cells);
/* Returns a cell of a table. */
const char *doc_cell(const struct doc_table *t, size_t row, size_t col);
/* Appends an empty chart of n bars (with intervals if intervals) and
 * returns it for the caller to fill (labels and value_text are copied in
 * with doc_chart_bar). */
struct doc_chart *doc_chart(struct doc_section *s, const char *id, const char *title, size_t n,
    bool intervals);
/* Sets bar i of a chart. */
void doc_chart_bar(struct doc_chart *c, size_t i, const char *label, double value, double lo,
    double hi, const char *value_text);
/* Adds an axis tick to a chart. */
void doc_chart_tick(struct doc_chart *c, double at, const char *label);
/* Frees a chart's contents (used by doc_free). */
void doc_chart_free(struct doc_chart *c);

#endif
