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

/* Most blocks, and bytes of codes, kept before they are stored. */
#define CODES_RUN_BLOCKS 64
#define CODES_RUN_BYTES  ((size_t)1 << 20)

/* One column's codes of the last few blocks, stored together so that a
 * column's blocks lie side by side in the database. */
struct run {
	unsigned char *bytes; /* the blocks' codes one after another */
	size_t len, cap;
	long position[CODES_RUN_BLOCKS]; /* each block's number */
	int width[CODES_RUN_BLOCKS];     /* its codes' width */
	size_t end[CODES_RUN_BLOCKS];    /* where its codes end in bytes */
};

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
	struct store *st; /* where the value codes are stored, block by block */
	long insp;        /* the population's inspection */
	uint16_t *codes;  /* the block's codes: column k's child i at (k - 1) * rows + i */
	size_t rows;      /* children of the block being read (room in codes) */
	size_t caprows;   /* codes room, per column */
	size_t row;       /* the child of the block being read */
	struct run *run;  /* per column (k - 1), its codes not yet stored */
	size_t runblocks; /* blocks in each run */
	size_t runbytes;  /* bytes in all the runs */
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

/* Counts one child of block blk whose key is the len bytes at a in t;
 * returns its cell's index (from 0), or -1 once t has too many cells. */
static long
table_add(struct build *b, struct table *t, size_t blk, const char *a, size_t len)
{
	bool found;
	size_t i;

	if (t->overflow)
		return -1;
	cell_grow(&t->x);
	i = cell_slot(t->x.slots, t->x.nslots, t->x.cells, a, len, &found);
	if (!found) {
		struct popindex_cell *c;

		if (t->x.ncells == POPINDEX_CELLS_MAX ||
		    (t->x.ncells + 1) * b->capblocks > POPINDEX_COUNTS_MAX) {
			t->overflow = true;
			return -1;
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
	return (long)t->x.slots[i] - 1;
}

/* Counts element k (from 1) of the child being read, a len bytes at a,
 * and keeps its code. */
static void
column_add(struct build *b, size_t k, size_t blk, const char *a, size_t len)
{
	long cell = table_add(b, &b->t[k], blk, a, len);

	/* At most POPINDEX_CELLS_MAX cells, so a code fits 16 bits. */
	if (cell >= 0 && b->row < b->rows)
		b->codes[(k - 1) * b->rows + b->row] = (uint16_t)cell;
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
				column_add(b, k, blk, s, (size_t)(p - s));
			k++;
			if (p < end && *p == ']') {
				p++;
				break;
			}
			if (p == end || *p++ != ',')
				return false;
		}
	for (; k < b->ntables; k++)
		column_add(b, k, blk, "\"\"", 2);
	return p == end;
}

/*
 * Stores the codes of the blocks kept in the runs, column after column (a
 * column that has overflowed meanwhile is skipped: its codes are deleted
 * at the end), and empties the runs.
 */
static int
flush_codes(struct build *b)
{
	for (size_t k = 1; k < b->ntables && b->runblocks > 0; k++) {
		struct run *r = &b->run[k - 1];

		for (size_t i = 0; i < b->runblocks && !b->t[k].overflow; i++) {
			size_t from = i > 0 ? r->end[i - 1] : 0;
			int rc = store_population_codes_add(b->st, b->insp, (long)k, r->position[i],
			    r->width[i], r->bytes + from, r->end[i] - from, b->err);

			if (rc != CAIRN_OK)
				return rc;
		}
		r->len = 0;
	}
	b->runblocks = 0;
	b->runbytes = 0;
	return CAIRN_OK;
}

/*
 * Keeps the value codes of block position for every column whose cells
 * are still kept: one byte a child when every code of the block is below
 * 256, else two (little-endian).  They are stored every
 * CODES_RUN_BLOCKS blocks (or CODES_RUN_BYTES), column after
 * column, so that a draw reading two columns' codes reads little of the
 * others' pages.  A column that overflows later has its codes deleted at
 * the end.
 */
static int
store_codes(struct build *b, long position)
{
	for (size_t k = 1; k < b->ntables; k++) {
		const uint16_t *c = b->codes + (k - 1) * b->rows;
		struct run *r = &b->run[k - 1];
		uint16_t max = 0;
		int width;

		if (b->t[k].overflow)
			continue;
		for (size_t i = 0; i < b->rows; i++)
			if (c[i] > max)
				max = c[i];
		width = max < 256 ? 1 : 2;
		if (r->len + b->rows * 2 > r->cap) {
			r->cap =
			    r->len + b->rows * 2 > 2 * r->cap ? r->len + b->rows * 2 : 2 * r->cap;
			r->bytes = xreallocarray(r->bytes, r->cap, 1);
		}
		for (size_t i = 0; i < b->rows; i++) {
			if (width == 1) {
				r->bytes[r->len + i] = (unsigned char)c[i];
			} else {
				r->bytes[r->len + 2 * i] = (unsigned char)(c[i] & 0xff);
				r->bytes[r->len + 2 * i + 1] = (unsigned char)(c[i] >> 8);
			}
		}
		r->len += b->rows * (size_t)width;
		r->position[b->runblocks] = position;
		r->width[b->runblocks] = width;
		r->end[b->runblocks] = r->len;
		b->runbytes += b->rows * (size_t)width;
	}
	b->runblocks++;
	if (b->runblocks == CODES_RUN_BLOCKS || b->runbytes >= CODES_RUN_BYTES)
		return flush_codes(b);
	return CAIRN_OK;
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
	if (nrows < 0)
		return cairn_errf(b->err, CAIRN_ESOFTWARE, "stored population block %ld is damaged",
		    position);
	b->rows = (size_t)nrows;
	b->row = 0;
	if (b->ntables > 1 && (b->codes == NULL || b->rows > b->caprows)) {
		b->caprows = b->rows > 0 ? b->rows : 1;
		free(b->codes);
		b->codes = xcalloc((b->ntables - 1) * b->caprows, sizeof(*b->codes));
	}
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
		b->row = (size_t)seen++;
		p = nl + 1;
		(void)table_add(b, &b->t[0], blk, a, (size_t)(nl - a));
		if (b->ntables > 1 && !split_row(b, blk, a, (size_t)(nl - a)))
			return cairn_errf(b->err, CAIRN_ESOFTWARE,
			    "stored population block %ld is damaged", position);
	}
	if (seen != nrows)
		return cairn_errf(b->err, CAIRN_ESOFTWARE,
		    "stored population block %ld holds %ld children, not %ld", position, seen,
		    nrows);
	return b->broken ? CAIRN_OK : store_codes(b, position);
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
	b.st = st;
	b.insp = insp;
	b.err = err;
	b.ntables = ncols + 1;
	b.t = xcalloc(b.ntables, sizeof(*b.t));
	b.run = xcalloc(b.ntables, sizeof(*b.run));
	*ncells = 0;
	/* The codes are stored as the blocks are read, in runs (store_codes). */
	if ((rc = store_population_codes_clear(st, insp, -1, err)) != CAIRN_OK ||
	    (rc = store_population_blocks_each(st, insp, build_block, &b, err)) != CAIRN_OK ||
	    (!b.broken && (rc = flush_codes(&b)) != CAIRN_OK))
		goto out;
	if ((rc = store_population_cells_clear(st, insp, err)) != CAIRN_OK)
		goto out;
	if (b.broken) {
		rc = store_population_codes_clear(st, insp, -1, err);
		goto out;
	}
	for (size_t k = 1; k < b.ntables; k++)
		if (b.t[k].overflow &&
		    (rc = store_population_codes_clear(st, insp, (long)k, err)) != CAIRN_OK)
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
	free(b.codes);
	for (size_t k = 0; k < b.ntables; k++) {
		popindex_free(&b.t[k].x);
		free(b.run[k].bytes);
	}
	free(b.run);
	free(b.t);
	return rc;
}

/* Loading state. */
struct loader {
	struct popindex *x;
	size_t cap;
	bool first;
	bool counts; /* keep each cell's counts before each block */
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
	c->before = NULL;
	if (l->counts) {
		c->before = xcalloc(x->nblocks + 1, sizeof(uint32_t));
		for (size_t j = 0; j < x->nblocks; j++)
			c->before[j] = (uint32_t)p[4 * j] | (uint32_t)p[4 * j + 1] << 8 |
			    (uint32_t)p[4 * j + 2] << 16 | (uint32_t)p[4 * j + 3] << 24;
	}
	x->slots[i] = ++x->ncells;
	return CAIRN_OK;
}

/* Loads the index of col into *out, with the counts before each block if
 * counts. */
static int
load_index(struct store *st, long insp, long col, bool counts, struct popindex *out,
    struct cairn_err *err)
{
	struct loader l = { .x = out, .first = true, .counts = counts, .err = err };
	int rc;

	memset(out, 0, sizeof(*out));
	out->col = col;
	if ((rc = store_population_cells_each(st, insp, col, load_cell, &l, err)) != CAIRN_OK)
		popindex_free(out);
	return rc;
}

int
popindex_load(struct store *st, long insp, long col, struct popindex *out, struct cairn_err *err)
{
	return load_index(st, insp, col, true, out, err);
}

/* ---- joint strata of several columns, from the value codes ---- */

/* Most entries of the direct table of a stage; more, and a hash table. */
#define JOINT_DIRECT_MAX ((size_t)1 << 16)
/* Most keys counted by summing every key's tallies once a block. */
#define JOINT_DENSE_MAX 256
/* What joint_side returns to stop the reading when a column has no codes. */
#define JOINT_NO_CODES (-1)

/*
 * One stage: the combinations of the columns so far.  Stage 0's are the
 * first column's cells; stage k's, each combination of stage k - 1 with a
 * cell of column k that some child has, found through a direct table of
 * (combination, cell) when every combination of the columns so far times
 * column k's cells fits JOINT_DIRECT_MAX entries (it does not depend on
 * how many the children turn out to have), else a hash table.
 */
struct popindex_stage {
	size_t radix;     /* the column's cells */
	uint32_t *parent; /* per combination, the combination of the columns before */
	uint16_t *code;   /* per combination, this column's cell */
	size_t n, cap;    /* combinations (stage 0: radix, without parent or code) */
	uint32_t *direct; /* combination + 1 by prev * radix + code, or NULL */
	uint64_t *hkeys;  /* hash table: prev * radix + code + 1 (0 free) */
	uint32_t *hvals;  /* and its combination */
	size_t nslots;    /* a power of two */
};

/* Reading the codes of every block, the columns side by side. */
struct joint_read {
	struct popindex_joint *j;
	size_t child;     /* the next child, from 0 */
	size_t capblocks; /* j->first and j->bcounts room */
	size_t capcounts; /* j->counts room */
	size_t capcombos; /* j->nrows and cnt room */
	uint32_t *combo;  /* the block's children's combinations or keys (room for caprows) */
	uint32_t *touch;  /* the block's combinations or keys, in order of first child */
	size_t caprows;
	uint32_t *cnt; /* per combination or key, its children in the block (0 outside) */
	bool none;     /* a column has no codes */
	struct cairn_err *err;
};

/* Sets err for codes that do not fit the population; returns its code. */
static int
joint_damaged(struct cairn_err *err)
{
	return cairn_errf(err, CAIRN_ESOFTWARE,
	    "the value codes of the population are damaged; check the population");
}

/* Adds to stage s a new combination of combination prev and cell code;
 * returns its number. */
static uint32_t
stage_add(struct popindex_stage *s, uint32_t prev, uint16_t code)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->parent = xreallocarray(s->parent, s->cap, sizeof(*s->parent));
		s->code = xreallocarray(s->code, s->cap, sizeof(*s->code));
	}
	s->parent[s->n] = prev;
	s->code[s->n] = code;
	return (uint32_t)s->n++;
}

/* The hash table's slot of key in s: where it is, or the free slot that
 * ends its run. */
static size_t
stage_slot(const struct popindex_stage *s, uint64_t key)
{
	size_t i = (size_t)text_hash((const char *)&key, sizeof(key)) & (s->nslots - 1);

	while (s->hkeys[i] != 0 && s->hkeys[i] != key)
		i = (i + 1) & (s->nslots - 1);
	return i;
}

/* Returns the combination of prev and code in stage s, or UINT32_MAX if
 * no child has it. */
static uint32_t
stage_find(const struct popindex_stage *s, uint32_t prev, uint16_t code)
{
	uint64_t key = (uint64_t)prev * s->radix + code;
	size_t i;

	if (s->direct != NULL)
		return s->direct[key] - 1; /* 0 - 1: UINT32_MAX */
	if (s->nslots == 0)
		return UINT32_MAX;
	i = stage_slot(s, key + 1);
	return s->hkeys[i] != 0 ? s->hvals[i] : UINT32_MAX;
}

/* Returns the combination of prev and code in stage s, adding it when
 * new. */
static uint32_t
stage_combine(struct popindex_stage *s, uint32_t prev, uint16_t code)
{
	uint64_t key = (uint64_t)prev * s->radix + code;
	size_t i;

	if (s->direct != NULL) {
		if (s->direct[key] == 0)
			s->direct[key] = stage_add(s, prev, code) + 1;
		return s->direct[key] - 1;
	}
	if ((s->n + 1) * 2 > s->nslots) {
		struct popindex_stage g = { .nslots = s->nslots ? s->nslots * 2 : 1024 };

		g.hkeys = xcalloc(g.nslots, sizeof(*g.hkeys));
		g.hvals = xcalloc(g.nslots, sizeof(*g.hvals));
		for (size_t k = 0; k < s->nslots; k++) {
			if (s->hkeys[k] == 0)
				continue;
			i = stage_slot(&g, s->hkeys[k]);
			g.hkeys[i] = s->hkeys[k];
			g.hvals[i] = s->hvals[k];
		}
		free(s->hkeys);
		free(s->hvals);
		s->hkeys = g.hkeys;
		s->hvals = g.hvals;
		s->nslots = g.nslots;
	}
	i = stage_slot(s, key + 1);
	if (s->hkeys[i] == 0) {
		s->hkeys[i] = key + 1;
		s->hvals[i] = stage_add(s, prev, code);
	}
	return s->hvals[i];
}

/* Reads the n codes of width bytes at p as cells below radix into *out;
 * false if one is not. */
static bool
joint_code(const unsigned char *p, int width, size_t i, size_t radix, uint16_t *out)
{
	*out = width == 1 ? p[i] : (uint16_t)(p[2 * i] | p[2 * i + 1] << 8);
	return *out < radix;
}

/* Sets key[i], for the n children of a block, to key[i] * radix + their
 * code in codes (width bytes each), or to the code alone if first.  False
 * if a code is radix or more. */
static bool
joint_keys(uint32_t *restrict key, size_t n, const unsigned char *restrict codes, int width,
    size_t radix, bool first)
{
	uint32_t mul = first ? 0 : (uint32_t)radix;
	unsigned max = 0;
	size_t i = 0;

	if (width == 1) {
		unsigned char m[16] = { 0 };

		/* Runs of 16, each code's greatest kept in its lane of m, which
		 * the compiler turns into vector instructions. */
		for (; i + 16 <= n; i += 16)
			for (size_t t = 0; t < 16; t++) {
				key[i + t] = key[i + t] * mul + codes[i + t];
				m[t] = codes[i + t] > m[t] ? codes[i + t] : m[t];
			}
		for (; i < n; i++) {
			key[i] = key[i] * mul + codes[i];
			m[0] = codes[i] > m[0] ? codes[i] : m[0];
		}
		for (size_t t = 0; t < 16; t++)
			max = m[t] > max ? m[t] : max;
	} else {
		for (; i < n; i++) {
			unsigned c = (unsigned)codes[2 * i] | (unsigned)codes[2 * i + 1] << 8;

			key[i] = key[i] * mul + c;
			max = c > max ? c : max;
		}
	}
	return max < radix;
}

/* Returns the combination of key (the columns' codes in mixed radix, the
 * first column's the most significant), adding it to the stages of j when
 * new. */
static uint32_t
joint_key_combo(struct popindex_joint *j, uint32_t key)
{
	uint16_t code[STORE_CODES_SIDE_MAX] = { 0 };
	uint32_t c;

	for (size_t k = j->ncols; k-- > 0;) {
		code[k] = (uint16_t)(key % j->stages[k].radix);
		key /= (uint32_t)j->stages[k].radix;
	}
	c = code[0];
	for (size_t k = 1; k < j->ncols; k++)
		c = stage_combine(&j->stages[k], c, code[k]);
	return c;
}

/* Makes room in r's counts (and, without keys, its cnt) for every
 * combination of the last stage so far. */
static void
joint_room(struct joint_read *r)
{
	struct popindex_joint *j = r->j;
	size_t need = j->stages[j->ncols - 1].n, cap = r->capcombos ? r->capcombos : 256;

	if (need <= r->capcombos)
		return;
	while (cap < need)
		cap *= 2;
	j->nrows = xreallocarray(j->nrows, cap, sizeof(*j->nrows));
	memset(j->nrows + r->capcombos, 0, (cap - r->capcombos) * sizeof(*j->nrows));
	if (j->nkeys == 0) {
		r->cnt = xreallocarray(r->cnt, cap, sizeof(*r->cnt));
		memset(r->cnt + r->capcombos, 0, (cap - r->capcombos) * sizeof(*r->cnt));
	}
	r->capcombos = cap;
}

/*
 * Counts one block (arg: the joint_read): each child's combination, the
 * columns one after another over the block, then each combination's
 * children in it, appended to j->counts.  When every combination of the
 * columns' cells fits a direct table (j->nkeys), each child's key is
 * counted and only the block's distinct keys are turned into
 * combinations; else each child goes through the stages.  Returns
 * CAIRN_OK, JOINT_NO_CODES (a column without codes: stop), or
 * CAIRN_ESOFTWARE if the codes do not fit.
 */
static int
joint_side(void *arg, const long *blocks, const int *widths, const void *const *codes,
    const size_t *lens)
{
	struct joint_read *r = arg;
	struct popindex_joint *j = r->j;
	size_t n = 0, nt = 0;

	for (size_t k = 0; k < j->ncols; k++) {
		if (blocks[k] == 0 && j->nblocks == 0) {
			r->none = true; /* imported before the codes, until checked */
			return JOINT_NO_CODES;
		}
		if (blocks[k] != (long)j->nblocks + 1 || (widths[k] != 1 && widths[k] != 2) ||
		    lens[k] % (size_t)widths[k] != 0 || (k > 0 && lens[k] / (size_t)widths[k] != n))
			return joint_damaged(r->err);
		n = lens[k] / (size_t)widths[k];
	}
	if (n > j->nchildren - r->child)
		return joint_damaged(r->err);
	if (n > r->caprows || r->touch == NULL) {
		r->caprows = n;
		free(r->combo);
		free(r->touch);
		r->combo = xcalloc(n + 1, sizeof(*r->combo));
		r->touch = xcalloc(n + 1, sizeof(*r->touch)); /* a block holds at most n */
	}
	for (size_t k = 0; k < j->ncols; k++) {
		struct popindex_stage *s = &j->stages[k];

		if (j->nkeys > 0) {
			if (!joint_keys(r->combo, n, codes[k], widths[k], s->radix, k == 0))
				return joint_damaged(r->err);
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			uint16_t code;

			if (!joint_code(codes[k], widths[k], i, s->radix, &code))
				return joint_damaged(r->err);
			r->combo[i] = k == 0 ? code : stage_combine(s, r->combo[i], code);
		}
	}
	joint_room(r);
	if (j->nkeys > 0 && j->nkeys <= JOINT_DENSE_MAX) {
		/* Few keys: four tallies side by side, so that a key met twice in
		 * a row does not wait for its count, then every key's sum. */
		uint32_t *t0 = r->cnt, *t1 = t0 + j->nkeys, *t2 = t1 + j->nkeys,
		         *t3 = t2 + j->nkeys;
		size_t i = 0;

		for (; i + 4 <= n; i += 4) {
			t0[r->combo[i]]++;
			t1[r->combo[i + 1]]++;
			t2[r->combo[i + 2]]++;
			t3[r->combo[i + 3]]++;
		}
		for (; i < n; i++)
			t0[r->combo[i]]++;
		for (uint32_t key = 0; key < j->nkeys; key++) {
			t0[key] += t1[key] + t2[key] + t3[key];
			t1[key] = t2[key] = t3[key] = 0;
			if (t0[key] > 0)
				r->touch[nt++] = key;
		}
	} else {
		/* Only the keys or combinations the block holds are touched (and reset). */
		for (size_t i = 0; i < n; i++)
			if (r->cnt[r->combo[i]]++ == 0)
				r->touch[nt++] = r->combo[i];
	}
	if (j->nkeys > 0)
		for (size_t t = 0; t < nt; t++) {
			uint32_t key = r->touch[t];

			if (j->keycombo[key] == 0)
				j->keycombo[key] = joint_key_combo(j, key) + 1;
		}
	joint_room(r);
	if (j->nblocks + 2 > r->capblocks) {
		r->capblocks = r->capblocks ? r->capblocks * 2 : 256;
		j->first = xreallocarray(j->first, r->capblocks, sizeof(*j->first));
		j->bcounts = xreallocarray(j->bcounts, r->capblocks, sizeof(*j->bcounts));
		j->first[0] = 0;
		j->bcounts[0] = 0;
	}
	if (j->ncounts + nt > r->capcounts) {
		while (j->ncounts + nt > r->capcounts)
			r->capcounts = r->capcounts ? r->capcounts * 2 : 1024;
		j->counts = xreallocarray(j->counts, r->capcounts, sizeof(*j->counts));
	}
	for (size_t t = 0; t < nt; t++) {
		uint32_t x = r->touch[t], c = j->nkeys > 0 ? j->keycombo[x] - 1 : x;

		j->counts[j->ncounts++] =
		    (struct popindex_joint_count){ .combo = c, .n = r->cnt[x] };
		j->nrows[c] += r->cnt[x];
		r->cnt[x] = 0;
	}
	r->child += n;
	if (n > j->maxrows)
		j->maxrows = n;
	j->nblocks++;
	j->first[j->nblocks] = r->child;
	j->bcounts[j->nblocks] = j->ncounts;
	return CAIRN_OK;
}

void
popindex_joint_free(struct popindex_joint *j)
{
	if (j->cols != NULL)
		for (size_t k = 0; k < j->ncols; k++)
			popindex_free(&j->cols[k]);
	if (j->stages != NULL)
		for (size_t k = 0; k < j->ncols; k++) {
			free(j->stages[k].parent);
			free(j->stages[k].code);
			free(j->stages[k].direct);
			free(j->stages[k].hkeys);
			free(j->stages[k].hvals);
		}
	free(j->stages);
	free(j->keycombo);
	free(j->cols);
	free(j->codecols);
	free(j->tuple);
	free(j->nrows);
	free(j->first);
	free(j->counts);
	free(j->bcounts);
	memset(j, 0, sizeof(*j));
}

int
popindex_joint_load(struct store *st, long insp, const size_t *cols, size_t ncols, long nrows,
    struct popindex_joint *out, struct cairn_err *err)
{
	struct joint_read r = { .j = out, .err = err };
	size_t bound = 1; /* every combination of the columns so far, at most */
	int rc = CAIRN_OK;

	memset(out, 0, sizeof(*out));
	if (ncols == 0 || ncols > STORE_CODES_SIDE_MAX || nrows <= 0 ||
	    (uint64_t)nrows > UINT32_MAX)
		return CAIRN_OK;
	out->ncols = ncols;
	out->cols = xcalloc(ncols, sizeof(*out->cols));
	out->codecols = xcalloc(ncols, sizeof(*out->codecols));
	out->stages = xcalloc(ncols, sizeof(*out->stages));
	for (size_t k = 0; k < ncols; k++) {
		struct popindex_stage *s = &out->stages[k];

		out->codecols[k] = (long)cols[k] + 1;
		if ((rc = load_index(st, insp, out->codecols[k], false, &out->cols[k], err)) !=
		    CAIRN_OK)
			goto fail;
		if (out->cols[k].ncells == 0)
			goto none; /* more values than the index keeps */
		s->radix = out->cols[k].ncells;
		if (k == 0)
			s->n = s->radix;
		else if (bound * s->radix <= JOINT_DIRECT_MAX)
			s->direct = xcalloc(bound * s->radix, sizeof(*s->direct));
		/* Saturates above the direct tables' size: hash tables from there. */
		bound =
		    bound * s->radix <= JOINT_DIRECT_MAX ? bound * s->radix : JOINT_DIRECT_MAX + 1;
	}
	/* Every combination of the cells fits a direct table: count keys. */
	if (bound <= JOINT_DIRECT_MAX) {
		out->nkeys = bound;
		out->keycombo = xcalloc(out->nkeys, sizeof(*out->keycombo));
		r.cnt = xcalloc(bound <= JOINT_DENSE_MAX ? 4 * bound : bound, sizeof(*r.cnt));
	}
	out->nchildren = (size_t)nrows;
	rc = store_population_codes_side(st, insp, out->codecols, ncols, joint_side, &r, err);
	if (r.none)
		goto none;
	if (rc != CAIRN_OK)
		goto fail;
	if (out->nblocks == 0)
		goto none; /* no codes: imported before them, until checked */
	if (r.child != out->nchildren) {
		rc = joint_damaged(err);
		goto fail;
	}
	/* Each combination's cells, from the last stage back to the first. */
	out->ncombos = out->stages[ncols - 1].n;
	out->tuple = xcalloc(out->ncombos * ncols, sizeof(*out->tuple));
	for (size_t c = 0; c < out->ncombos; c++) {
		uint32_t id = (uint32_t)c;

		for (size_t k = ncols - 1; k > 0; k--) {
			out->tuple[c * ncols + k] = out->stages[k].code[id];
			id = out->stages[k].parent[id];
		}
		out->tuple[c * ncols] = (uint16_t)id;
	}
	goto out;
none:
	rc = CAIRN_OK;
fail:
	popindex_joint_free(out);
out:
	free(r.combo);
	free(r.touch);
	free(r.cnt);
	return rc;
}

int
popindex_joint_block(struct store *st, long insp, const struct popindex_joint *j, size_t block,
    uint32_t *combo, struct cairn_err *err)
{
	size_t n = j->first[block + 1] - j->first[block];
	int rc = CAIRN_OK;

	for (size_t k = 0; k < j->ncols && rc == CAIRN_OK; k++) {
		const struct popindex_stage *s = &j->stages[k];
		unsigned char *codes;
		size_t len;
		int width;

		if ((rc = store_population_codes_get(st, insp, j->codecols[k], (long)block + 1,
		         &width, &codes, &len, err)) != CAIRN_OK)
			return rc;
		if ((width != 1 && width != 2) || len != n * (size_t)width)
			rc = joint_damaged(err);
		else if (j->nkeys > 0 && !joint_keys(combo, n, codes, width, s->radix, k == 0))
			rc = joint_damaged(err);
		for (size_t i = 0; i < n && rc == CAIRN_OK && j->nkeys == 0; i++) {
			uint16_t code;

			if (!joint_code(codes, width, i, s->radix, &code))
				rc = joint_damaged(err);
			else if ((combo[i] = k == 0 ? code : stage_find(s, combo[i], code)) ==
			    UINT32_MAX)
				rc = joint_damaged(err);
		}
		free(codes);
	}
	/* Keys: each child's combination from its key, if some child had it. */
	for (size_t i = 0; i < n && rc == CAIRN_OK && j->nkeys > 0; i++)
		if ((combo[i] = j->keycombo[combo[i]] - 1) == UINT32_MAX)
			rc = joint_damaged(err);
	return rc;
}
