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
		const char *a = cells[slots[i] - 1].attrs;

		if (strncmp(a, attrs, len) == 0 && a[len] == '\0') {
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
		x->slots[cell_slot(x->slots, n, x->cells, x->cells[k].attrs,
		    strlen(x->cells[k].attrs), &found)] = k + 1;
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

/* Building: x's cells hold per block counts in before until the end. */
struct build {
	struct popindex x;
	size_t capblocks; /* blocks room in each cell's counts */
	size_t capcells;  /* cells room */
	bool overflow;    /* too many cells: no index */
	void (*on_row)(void *, const char *, size_t, const char *, size_t); /* or NULL */
	void *arg;                                                          /* for on_row */
	struct cairn_err *err;
};

static int
build_block(void *arg, long position, long first_row, long nrows, const char *body, size_t len)
{
	struct build *b = arg;
	const char *p = body, *end = body + len;
	size_t blk = b->x.nblocks;
	long seen = 0;

	(void)first_row;
	if ((size_t)position != blk + 1)
		b->overflow = true; /* blocks not numbered 1, 2, ...: no index */
	b->x.nblocks++;
	if (!b->overflow && b->x.nblocks > b->capblocks) {
		b->capblocks = b->capblocks ? b->capblocks * 2 : 64;
		for (size_t k = 0; k < b->x.ncells; k++) {
			b->x.cells[k].before =
			    xreallocarray(b->x.cells[k].before, b->capblocks, sizeof(uint32_t));
			memset(b->x.cells[k].before + blk, 0,
			    (b->capblocks - blk) * sizeof(uint32_t));
		}
	}
	while (p < end) {
		const char *tab = memchr(p, '\t', (size_t)(end - p)), *nl, *a;
		bool found;
		size_t i;

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
		if (b->overflow)
			continue;
		cell_grow(&b->x);
		i = cell_slot(b->x.slots, b->x.nslots, b->x.cells, a, (size_t)(nl - a), &found);
		if (!found) {
			struct popindex_cell *c;

			if (b->x.ncells == POPINDEX_CELLS_MAX ||
			    (b->x.ncells + 1) * b->capblocks > POPINDEX_COUNTS_MAX) {
				b->overflow = true;
				continue;
			}
			if (b->x.ncells == b->capcells) {
				b->capcells = b->capcells ? b->capcells * 2 : 64;
				b->x.cells =
				    xreallocarray(b->x.cells, b->capcells, sizeof(*b->x.cells));
			}
			c = &b->x.cells[b->x.ncells];
			c->attrs = xmalloc((size_t)(nl - a) + 1);
			memcpy(c->attrs, a, (size_t)(nl - a));
			c->attrs[nl - a] = '\0';
			c->nrows = 0;
			c->before = xcalloc(b->capblocks, sizeof(uint32_t));
			b->x.slots[i] = ++b->x.ncells;
		}
		b->x.cells[b->x.slots[i] - 1].nrows++;
		b->x.cells[b->x.slots[i] - 1].before[blk]++;
	}
	if (seen != nrows)
		return cairn_errf(b->err, CAIRN_ESOFTWARE,
		    "stored population block %ld holds %ld children, not %ld", position, seen,
		    nrows);
	return CAIRN_OK;
}

int
popindex_rebuild(struct store *st, long insp,
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
	*ncells = 0;
	if ((rc = store_population_blocks_each(st, insp, build_block, &b, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_population_cells_clear(st, insp, err)) != CAIRN_OK || b.overflow)
		goto out;
	blob = xcalloc(b.x.nblocks + 1, 4);
	for (size_t k = 0; k < b.x.ncells; k++) {
		struct popindex_cell *c = &b.x.cells[k];
		uint32_t sum = 0;

		/* Counts per block become counts before each block, little-endian. */
		for (size_t j = 0; j < b.x.nblocks; j++) {
			uint32_t n = c->before[j];

			blob[4 * j] = (unsigned char)(sum & 0xff);
			blob[4 * j + 1] = (unsigned char)((sum >> 8) & 0xff);
			blob[4 * j + 2] = (unsigned char)((sum >> 16) & 0xff);
			blob[4 * j + 3] = (unsigned char)(sum >> 24);
			sum += n;
		}
		if ((rc = store_population_cell_add(st, insp, (long)k + 1, c->attrs, c->nrows, blob,
		         b.x.nblocks * 4, err)) != CAIRN_OK)
			goto out;
	}
	*ncells = (long)b.x.ncells;
out:
	free(blob);
	popindex_free(&b.x);
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
	c->nrows = nrows;
	c->before = xcalloc(x->nblocks + 1, sizeof(uint32_t));
	for (size_t j = 0; j < x->nblocks; j++)
		c->before[j] = (uint32_t)p[4 * j] | (uint32_t)p[4 * j + 1] << 8 |
		    (uint32_t)p[4 * j + 2] << 16 | (uint32_t)p[4 * j + 3] << 24;
	x->slots[i] = ++x->ncells;
	return CAIRN_OK;
}

int
popindex_load(struct store *st, long insp, struct popindex *out, struct cairn_err *err)
{
	struct loader l = { .x = out, .first = true, .err = err };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_population_cells_each(st, insp, load_cell, &l, err)) != CAIRN_OK)
		popindex_free(out);
	return rc;
}
