/* The document model: see doc.h. */
#include "render/doc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/model.h"

const char *const doc_block_name[DOC_BLOCK__MAX] = {
	[DOC_PARA] = "paragraph",
	[DOC_MARKDOWN] = "markdown",
	[DOC_LIST] = "list",
	[DOC_TABLE] = "table",
	[DOC_CHART] = "chart",
	[DOC_TERMS] = "terms",
};
_Static_assert(sizeof(doc_block_name) / sizeof(doc_block_name[0]) == DOC_BLOCK__MAX,
    "doc_block_name: one entry per value");

/* Frees a table and its contents. */
static void
table_free(struct doc_table *t)
{
	if (t == NULL)
		return;
	free(t->id);
	free(t->caption);
	strv_free(t->head, t->ncols);
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->kinds);
	free(t->widths);
	free(t);
}

void
doc_chart_free(struct doc_chart *c)
{
	if (c == NULL)
		return;
	free(c->id);
	free(c->title);
	free(c->desc);
	free(c->axis);
	strv_free(c->labels, c->n);
	strv_free(c->value_text, c->n);
	free(c->values);
	free(c->lo);
	free(c->hi);
	free(c->tick_at);
	strv_free(c->tick_label, c->nticks);
	memset(c, 0, sizeof(*c));
}

void
doc_free(struct doc *d)
{
	for (size_t s = 0; s < d->nsections; s++) {
		struct doc_section *sec = &d->sections[s];

		for (size_t b = 0; b < sec->nblocks; b++) {
			struct doc_block *bl = &sec->blocks[b];

			free(bl->text);
			strv_free(bl->items, bl->nitems);
			table_free(bl->table);
			doc_chart_free(bl->chart);
			free(bl->chart);
		}
		free(sec->blocks);
		free(sec->id);
		free(sec->title);
	}
	free(d->sections);
	free(d->title);
	free(d->subtitle);
	free(d->organisation);
	free(d->logo_path);
	free(d->marking);
	free(d->summary);
	memset(d, 0, sizeof(*d));
}

struct doc_section *
doc_section(struct doc *d, const char *id, const char *title, int level, bool appendix)
{
	struct doc_section *s;

	d->sections = xreallocarray(d->sections, d->nsections + 1, sizeof(*d->sections));
	s = &d->sections[d->nsections++];
	memset(s, 0, sizeof(*s));
	s->id = xstrdup(id);
	s->title = xstrdup(title);
	s->level = level;
	s->appendix = appendix;
	return s;
}

/* Appends a zeroed block of a kind and returns it. */
static struct doc_block *
block_add(struct doc_section *s, enum doc_block_kind kind)
{
	struct doc_block *b;

	s->blocks = xreallocarray(s->blocks, s->nblocks + 1, sizeof(*s->blocks));
	b = &s->blocks[s->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

void
doc_para(struct doc_section *s, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	block_add(s, DOC_PARA)->text = buf_take(&b);
}

void
doc_markdown(struct doc_section *s, const char *md)
{
	block_add(s, DOC_MARKDOWN)->text = xstrdup(md);
}

struct doc_block *
doc_list(struct doc_section *s, enum doc_block_kind kind)
{
	return block_add(s, kind);
}

void
doc_item(struct doc_block *b, const char *text)
{
	b->items = xreallocarray(b->items, b->nitems + 1, sizeof(*b->items));
	b->items[b->nitems++] = xstrdup(text != NULL ? text : "");
}

struct doc_table *
doc_table(struct doc_section *s, const char *id, const char *caption, size_t ncols,
    const char *const *heads, const double *widths)
{
	struct doc_table *t = xcalloc(1, sizeof(*t));

	t->id = xstrdup(id);
	t->caption = xstrdup(caption);
	t->ncols = ncols;
	t->head = xcalloc(ncols, sizeof(*t->head));
	t->widths = xcalloc(ncols, sizeof(*t->widths));
	for (size_t i = 0; i < ncols; i++) {
		t->head[i] = xstrdup(heads[i]);
		t->widths[i] = widths != NULL ? widths[i] : 1.0;
	}
	block_add(s, DOC_TABLE)->table = t;
	return t;
}

void
doc_row(struct doc_table *t, enum doc_row_kind kind, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols, sizeof(*t->cells));
		t->kinds = xreallocarray(t->kinds, t->cap, sizeof(*t->kinds));
	}
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = xstrdup(cells[c]);
	t->kinds[t->nrows++] = kind;
}

const char *
doc_cell(const struct doc_table *t, size_t row, size_t col)
{
	const char *s = t->cells[row * t->ncols + col];

	return s != NULL ? s : "";
}

struct doc_chart *
doc_chart(struct doc_section *s, const char *id, const char *title, size_t n, bool intervals)
{
	struct doc_chart *c = xcalloc(1, sizeof(*c));

	c->id = xstrdup(id);
	c->title = xstrdup(title);
	c->n = n;
	c->labels = xcalloc(n ? n : 1, sizeof(*c->labels));
	c->value_text = xcalloc(n ? n : 1, sizeof(*c->value_text));
	c->values = xcalloc(n ? n : 1, sizeof(*c->values));
	if (intervals) {
		c->lo = xcalloc(n ? n : 1, sizeof(*c->lo));
		c->hi = xcalloc(n ? n : 1, sizeof(*c->hi));
	}
	block_add(s, DOC_CHART)->chart = c;
	return c;
}

void
doc_chart_bar(struct doc_chart *c, size_t i, const char *label, double value, double lo, double hi,
    const char *value_text)
{
	if (i >= c->n)
		return;
	free(c->labels[i]);
	free(c->value_text[i]);
	c->labels[i] = xstrdup(label);
	c->value_text[i] = xstrdup(value_text);
	c->values[i] = value;
	if (c->lo != NULL) {
		c->lo[i] = lo;
		c->hi[i] = hi;
	}
}

void
doc_chart_tick(struct doc_chart *c, double at, const char *label)
{
	c->tick_at = xreallocarray(c->tick_at, c->nticks + 1, sizeof(*c->tick_at));
	c->tick_label = xreallocarray(c->tick_label, c->nticks + 1, sizeof(*c->tick_label));
	c->tick_at[c->nticks] = at;
	c->tick_label[c->nticks++] = xstrdup(label);
}
