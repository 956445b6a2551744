/* The population's stratum index: see popindex.h. */
#include "app/records/popindex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/model.h"
#include "core/records.h"
#include "core/text.h"
#include "store/records.h"
#include "store/store.h"

/* The cell table: open addressing over cell indexes + 1. */
static size_t
cell_slot(size_t *slots, size_t nslots, struct popindex_cell *cells, const char *attrs, size_t len,
    bool *found)
{
	size_t i = (size_t)text_hash(attrs, len) & (nslots - 1);

	*found = false;
	for (; slots[i] != 0; i = (i + 1) & (nslots - 1)) {
		const struct popindex_cell *c = &cells[slots[i] - 1];

		if (c->len == len && memcmp(c->attrs, attrs, len) == 0) {
			*found = true;
			break;
		}
	}
	return i;
}

/* Makes room for one more cell in the hash table of x. */
static void
cell_grow(struct popindex *x)
{
	size_t n;
	bool found;

	if ((x->ncells + 1) * 2 <= x->nslots)
		return;
	n = x->nslots ? x->nslots * 2 : 64;
	free(x->slots);
	x->slots = xcalloc(n, sizeof(*x->slots));
	x->nslots = n;
	for (size_t k = 0; k < x->ncells; k++)
		x->slots[cell_slot(x->slots, n, x->cells, x->cells[k].attrs, x->cells[k].len,
		    &found)] = k + 1;
}

long
popindex_find(const struct popindex *x, const char *attrs, size_t len)
{
	bool found;
	size_t i;

	if (x->nslots == 0)
		return -1;
	i = cell_slot(x->slots, x->nslots, x->cells, attrs, len, &found);
	return found ? (long)x->slots[i] - 1 : -1;
}

void
popindex_free(struct popindex *x)
{
	for (size_t k = 0; k < x->ncells; k++) {
		free(x->cells[k].attrs);
		free(x->cells[k].before);
	}
	free(x->cells);
	free(x->slots);
	memset(x, 0, sizeof(*x));
}

/* Building: each table's cells hold per block counts in before until the end. */
struct table {
	struct popindex x;
	size_t capcells; /* cells room */
	bool overflow;   /* too many cells: not kept */
};

struct build {
	struct table *t; /* t[0] whole rows, t[1..ncols] the columns */
	size_t ntables;
	size_t nblocks;
	size_t capblocks; /* blocks room in each cell's counts */
	bool broken;      /* blocks not numbered 1, 2, ...: no index */
	void (*on_row)(void *, const char *, size_t, const char *, size_t); /* or NULL */
	void *arg;                                                          /* for on_row */
	struct cairn_err *err;
};

bool
popindex_element(const char *attrs, size_t len, size_t col, const char **v, size_t *n)
{
	const char *p = attrs, *end = attrs + len;
	size_t i = 0;

	if (p == end || *p++ != '[')
		return false;
	if (p < end && *p == ']') {
		*v = "\"\"";
		*n = 2;
		return true;
	}
	for (;;) {
		const char *s = p;

		if (p == end || *p++ != '"')
			return false;
		while (p < end && *p != '"')
			p += *p == '\\' ? 2 : 1;
		if (p >= end)
			return false;
		p++;
		if (i == col) {
			*v = s;
			*n = (size_t)(p - s);
			return true;
		}
		if (p < end && *p == ']') {
			*v = "\"\"";
			*n = 2;
			return true;
		}
		if (p == end || *p++ != ',')
			return false;
		i++;
	}
}

/* Counts one child of block blk whose key is the len bytes at a in t. */
static void
table_add(struct build *b, struct table *t, size_t blk, const char *a, size_t len)
{
	bool found;
	size_t i;

	if (t->overflow)
		return;
	cell_grow(&t->x);
	i = cell_slot(t->x.slots, t->x.nslots, t->x.cells, a, len, &found);
	if (!found) {
		struct popindex_cell *c;

		if (t->x.ncells == POPINDEX_CELLS_MAX ||
		    (t->x.ncells + 1) * b->capblocks > POPINDEX_COUNTS_MAX) {
			t->overflow = true;
			return;
		}
		if (t->x.ncells == t->capcells) {
			t->capcells = t->capcells ? t->capcells * 2 : 64;
			t->x.cells = xreallocarray(t->x.cells, t->capcells, sizeof(*t->x.cells));
		}
		c = &t->x.cells[t->x.ncells];
		c->attrs = xmalloc(len + 1);
		memcpy(c->attrs, a, len);
		c->attrs[len] = '\0';
		c->len = len;
		c->nrows = 0;
		c->before = xcalloc(b->capblocks, sizeof(uint32_t));
		t->x.slots[i] = ++t->x.ncells;
	}
	t->x.cells[t->x.slots[i] - 1].nrows++;
	t->x.cells[t->x.slots[i] - 1].before[blk]++;
}

/* Counts each element of attrs (len bytes) in the table of its column, in
 * one pass; a row shorter than the columns counts "" for the rest (as the
 * draw reads it).  False if attrs is damaged. */
static bool
split_row(struct build *b, size_t blk, const char *attrs, size_t len)
{
	const char *p = attrs, *end = attrs + len;
	size_t k = 1;

	if (p == end || *p++ != '[')
		return false;
	if (p < end && *p == ']')
		p++;
	else
		for (;;) {
			const char *s = p;

			if (p == end || *p++ != '"')
				return false;
			while (p < end && *p != '"')
				p += *p == '\\' ? 2 : 1;
			if (p >= end)
				return false;
			p++;
			if (k < b->ntables)
				table_add(b, &b->t[k], blk, s, (size_t)(p - s));
			k++;
			if (p < end && *p == ']') {
				p++;
				break;
			}
			if (p == end || *p++ != ',')
				return false;
		}
	for (; k < b->ntables; k++)
		table_add(b, &b->t[k], blk, "\"\"", 2);
	return p == end;
}

static int
build_block(void *arg, long position, long first_row, long nrows, const char *body, size_t len)
{
	struct build *b = arg;
	const char *p = body, *end = body + len;
	size_t blk = b->nblocks;
	long seen = 0;

	(void)first_row;
	if ((size_t)position != blk + 1)
		b->broken = true;
	b->nblocks++;
	if (b->nblocks > b->capblocks) {
		b->capblocks = b->capblocks ? b->capblocks * 2 : 64;
		for (size_t k = 0; k < b->ntables; k++) {
			struct table *t = &b->t[k];

			if (t->overflow)
				continue;
			if (t->x.ncells * b->capblocks > POPINDEX_COUNTS_MAX) {
				t->overflow = true;
				continue;
			}
			for (size_t c = 0; c < t->x.ncells; c++) {
				t->x.cells[c].before = xreallocarray(t->x.cells[c].before,
				    b->capblocks, sizeof(uint32_t));
				memset(t->x.cells[c].before + blk, 0,
				    (b->capblocks - blk) * sizeof(uint32_t));
			}
		}
	}
	while (p < end) {
		const char *tab = memchr(p, '\t', (size_t)(end - p)), *nl, *a;

		if (tab == NULL)
			return cairn_errf(b->err, CAIRN_ESOFTWARE,
			    "stored population block %ld is damaged", position);
		a = tab + 1;
		nl = memchr(a, '\n', (size_t)(end - a));
		if (nl == NULL)
			nl = end;
		if (b->on_row != NULL)
			b->on_row(b->arg, p, (size_t)(tab - p), a, (size_t)(nl - a));
		seen++;
		p = nl + 1;
		table_add(b, &b->t[0], blk, a, (size_t)(nl - a));
		if (b->ntables > 1 && !split_row(b, blk, a, (size_t)(nl - a)))
			return cairn_errf(b->err, CAIRN_ESOFTWARE,
			    "stored population block %ld is damaged", position);
	}
	if (seen != nrows)
		return cairn_errf(b->err, CAIRN_ESOFTWARE,
		    "stored population block %ld holds %ld children, not %ld", position, seen,
		    nrows);
	return CAIRN_OK;
}

int
popindex_rebuild(struct store *st, long insp, size_t ncols,
    void (*on_row)(void *arg, const char *ref, size_t reflen, const char *attrs, size_t len),
    void *arg, long *ncells, struct cairn_err *err)
{
	struct build b;
	unsigned char *blob = NULL;
	int rc;

	memset(&b, 0, sizeof(b));
	b.on_row = on_row;
	b.arg = arg;
	b.err = err;
	b.ntables = ncols + 1;
	b.t = xcalloc(b.ntables, sizeof(*b.t));
	*ncells = 0;
	if ((rc = store_population_blocks_each(st, insp, build_block, &b, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_population_cells_clear(st, insp, err)) != CAIRN_OK || b.broken)
		goto out;
	blob = xcalloc(b.nblocks + 1, 4);
	for (size_t k = 0; k < b.ntables; k++) {
		struct table *t = &b.t[k];

		if (t->overflow)
			continue;
		for (size_t i = 0; i < t->x.ncells; i++) {
			struct popindex_cell *c = &t->x.cells[i];
			uint32_t sum = 0;

			/* Counts per block become counts before each block, little-endian. */
			for (size_t j = 0; j < b.nblocks; j++) {
				uint32_t n = c->before[j];

				blob[4 * j] = (unsigned char)(sum & 0xff);
				blob[4 * j + 1] = (unsigned char)((sum >> 8) & 0xff);
				blob[4 * j + 2] = (unsigned char)((sum >> 16) & 0xff);
				blob[4 * j + 3] = (unsigned char)(sum >> 24);
				sum += n;
			}
			if ((rc = store_population_cell_add(st, insp, (long)k, (long)i + 1,
			         c->attrs, c->nrows, blob, b.nblocks * 4, err)) != CAIRN_OK)
				goto out;
		}
	}
	*ncells = b.t[0].overflow ? 0 : (long)b.t[0].x.ncells;
out:
	free(blob);
	for (size_t k = 0; k < b.ntables; k++)
		popindex_free(&b.t[k].x);
	free(b.t);
	return rc;
}

/* Loading state. */
struct loader {
	struct popindex *x;
	size_t cap;
	bool first;
	struct cairn_err *err;
};

static int
load_cell(void *arg, long cell, const char *attrs, long nrows, const void *before, size_t len)
{
	struct loader *l = arg;
	struct popindex *x = l->x;
	const unsigned char *p = before;
	struct popindex_cell *c;
	bool found;
	size_t i;

	if (l->first) {
		x->nblocks = len / 4;
		l->first = false;
	}
	if (len != x->nblocks * 4 || nrows < 0 || cell != (long)x->ncells + 1)
		return cairn_errf(l->err, CAIRN_ESOFTWARE,
		    "the stratum index of the population is damaged; check the population");
	cell_grow(x);
	i = cell_slot(x->slots, x->nslots, x->cells, attrs, strlen(attrs), &found);
	if (found)
		return cairn_errf(l->err, CAIRN_ESOFTWARE,
		    "the stratum index of the population is damaged; check the population");
	if (x->ncells == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		x->cells = xreallocarray(x->cells, l->cap, sizeof(*x->cells));
	}
	c = &x->cells[x->ncells];
	c->attrs = xstrdup(attrs);
	c->len = strlen(attrs);
	c->nrows = nrows;
	c->before = xcalloc(x->nblocks + 1, sizeof(uint32_t));
	for (size_t j = 0; j < x->nblocks; j++)
		c->before[j] = (uint32_t)p[4 * j] | (uint32_t)p[4 * j + 1] << 8 |
		    (uint32_t)p[4 * j + 2] << 16 | (uint32_t)p[4 * j + 3] << 24;
	x->slots[i] = ++x->ncells;
	return CAIRN_OK;
}

int
popindex_load(struct store *st, long insp, long col, struct popindex *out, struct cairn_err *err)
{
	struct loader l = { .x = out, .first = true, .err = err };
	int rc;

	memset(out, 0, sizeof(*out));
	out->col = col;
	if ((rc = store_population_cells_each(st, insp, col, load_cell, &l, err)) != CAIRN_OK)
		popindex_free(out);
	return rc;
}
