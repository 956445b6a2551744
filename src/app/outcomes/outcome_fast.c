/* The fast path of the child-level outcomes import: see outcome_fast.h. */
#include "app/outcomes/outcome_fast.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/text.h"

/* Longest area code or period, in bytes (as app/outcomes/outcome.c). */
#define FAST_CODE_MAX 64
/* Longest area name, in bytes (as app/outcomes/outcome.c). */
#define FAST_NAME_MAX 200
/* Bytes scanned between two releases of the pages behind (with cols->release). */
#define FAST_RELEASE_STEP ((size_t)32 << 20)
/* Groups per area and period in the dense table (deciles at most). */
#define FAST_GROUPS 10

/* What a byte is to the scan; indexes nothing, compared only. */
enum fast_class {
	FC_TEXT = 0, /* printable ASCII other than the quote and the comma */
	FC_COMMA,    /* ends a cell */
	FC_LF,       /* ends a line */
	FC_CR,       /* ends a line only as CRLF */
	FC_OTHER,    /* anything the general reader must judge (quote, control, non-ASCII) */
};

/* An open-addressed table of strings that live in the scanned buffer. */
struct fast_strings {
	const char **keys; /* NULL for a free slot; borrowed from the buffer */
	size_t *lens;      /* key lengths */
	uint64_t *hashes;  /* key hashes */
	int *ids;          /* the number given to each key, in order of first sight */
	size_t cap;        /* slots, a power of two */
	int n;             /* keys stored */
	const char **byid; /* key by id (borrowed) */
	size_t *lenbyid;   /* key length by id */
};

/* One area: its name and, per period id, the dense base of its groups. */
struct fast_area {
	const char *name; /* name on its first row (borrowed) */
	size_t namelen;
	long *base; /* per period id: first dense slot, or -1 (owned) */
	int nbase;  /* entries of base */
};

/* Frees a string table. */
static void
strings_free(struct fast_strings *t)
{
	free(t->keys);
	free(t->lens);
	free(t->hashes);
	free(t->ids);
	free(t->byid);
	free(t->lenbyid);
	memset(t, 0, sizeof(*t));
}

/* Doubles a table's capacity (or makes the first 64 slots). */
static void
strings_grow(struct fast_strings *t)
{
	struct fast_strings old = *t;

	t->cap = old.cap ? old.cap * 2 : 64;
	t->keys = xcalloc(t->cap, sizeof(*t->keys));
	t->lens = xcalloc(t->cap, sizeof(*t->lens));
	t->hashes = xcalloc(t->cap, sizeof(*t->hashes));
	t->ids = xcalloc(t->cap, sizeof(*t->ids));
	t->byid = xreallocarray(old.byid, t->cap, sizeof(*t->byid));
	t->lenbyid = xreallocarray(old.lenbyid, t->cap, sizeof(*t->lenbyid));
	for (size_t i = 0; i < old.cap; i++) {
		size_t j;

		if (old.keys[i] == NULL)
			continue;
		j = (size_t)old.hashes[i] & (t->cap - 1);
		while (t->keys[j] != NULL)
			j = (j + 1) & (t->cap - 1);
		t->keys[j] = old.keys[i];
		t->lens[j] = old.lens[i];
		t->hashes[j] = old.hashes[i];
		t->ids[j] = old.ids[i];
	}
	free(old.keys);
	free(old.lens);
	free(old.hashes);
	free(old.ids);
}

/* Returns the id of key, giving it the next id when new (*added set). */
static int
strings_id(struct fast_strings *t, const char *key, size_t n, bool *added)
{
	uint64_t h = text_hash(key, n);
	size_t i;

	if ((size_t)(t->n + 1) * 2 > t->cap)
		strings_grow(t);
	i = (size_t)h & (t->cap - 1);
	while (t->keys[i] != NULL) {
		if (t->hashes[i] == h && t->lens[i] == n && memcmp(t->keys[i], key, n) == 0) {
			*added = false;
			return t->ids[i];
		}
		i = (i + 1) & (t->cap - 1);
	}
	t->keys[i] = key;
	t->lens[i] = n;
	t->hashes[i] = h;
	t->ids[i] = t->n;
	t->byid[t->n] = key;
	t->lenbyid[t->n] = n;
	*added = true;
	return t->n++;
}

/* Everything a scan builds before its result. */
struct fast_state {
	struct fast_strings areas_by_code; /* area code -> area id */
	struct fast_strings periods;       /* period -> period id */
	struct fast_area *areas;           /* by area id (owned) */
	size_t capareas;
	long *counts;     /* per dense slot: nind pairs (owned) */
	long *lines;      /* per dense slot: first line seen, 0 when never (owned) */
	int *slot_area;   /* per block of FAST_GROUPS slots: its area id (owned) */
	int *slot_period; /* and its period id (owned) */
	size_t nblocks, capblocks;
	size_t *order; /* dense slots in order of first sight (owned) */
	size_t norder, caporder;
};

/* Frees a scan's working state. */
static void
state_free(struct fast_state *s)
{
	for (int i = 0; i < s->areas_by_code.n; i++)
		free(s->areas[i].base);
	free(s->areas);
	strings_free(&s->areas_by_code);
	strings_free(&s->periods);
	free(s->counts);
	free(s->lines);
	free(s->slot_area);
	free(s->slot_period);
	free(s->order);
}

/* Returns the first dense slot of the area's period, making the block of
 * FAST_GROUPS slots when it is new. */
static size_t
state_block(struct fast_state *s, int area, int period, int nind)
{
	struct fast_area *a = &s->areas[area];
	size_t b, per = (size_t)nind * 2;

	if (period >= a->nbase) {
		int nb = a->nbase ? a->nbase : 16;

		while (nb <= period)
			nb *= 2;
		a->base = xreallocarray(a->base, (size_t)nb, sizeof(long));
		for (int i = a->nbase; i < nb; i++)
			a->base[i] = -1;
		a->nbase = nb;
	}
	if (a->base[period] >= 0)
		return (size_t)a->base[period];
	if (s->nblocks == s->capblocks) {
		size_t old = s->capblocks;

		s->capblocks = old ? old * 2 : 256;
		s->counts =
		    xreallocarray(s->counts, s->capblocks * FAST_GROUPS * per, sizeof(long));
		s->lines = xreallocarray(s->lines, s->capblocks * FAST_GROUPS, sizeof(long));
		s->slot_area = xreallocarray(s->slot_area, s->capblocks, sizeof(int));
		s->slot_period = xreallocarray(s->slot_period, s->capblocks, sizeof(int));
		memset(s->counts + old * FAST_GROUPS * per, 0,
		    (s->capblocks - old) * FAST_GROUPS * per * sizeof(long));
		memset(s->lines + old * FAST_GROUPS, 0,
		    (s->capblocks - old) * FAST_GROUPS * sizeof(long));
	}
	b = s->nblocks++ * FAST_GROUPS;
	s->slot_area[b / FAST_GROUPS] = area;
	s->slot_period[b / FAST_GROUPS] = period;
	a->base[period] = (long)b;
	return b;
}

/* Parses a group written exactly 1..9 or 10; 0 for anything else. */
static int
fast_group(const char *p, size_t n)
{
	if (n == 1 && p[0] >= '1' && p[0] <= '9')
		return p[0] - '0';
	if (n == 2 && p[0] == '1' && p[1] == '0')
		return 10;
	return 0;
}

/* Counts one row whose cells are at cell[i] with lengths len[i]; false
 * when a rule of the fast path is not met. */
static bool
fast_row(struct fast_state *s, const struct child_fast_cols *c, const char *const *cell,
    const size_t *len, long line)
{
	const char *name;
	size_t namelen, slot;
	int area, period, grp;
	bool added;
	long *cnt;

	if (len[c->code] == 0 || len[c->code] > FAST_CODE_MAX)
		return false;
	name = c->name >= 0 ? cell[c->name] : cell[c->code];
	namelen = c->name >= 0 ? len[c->name] : len[c->code];
	if (namelen > FAST_NAME_MAX || len[c->period] == 0 || len[c->period] > FAST_CODE_MAX)
		return false;
	if ((grp = fast_group(cell[c->group], len[c->group])) == 0)
		return false;
	area = strings_id(&s->areas_by_code, cell[c->code], len[c->code], &added);
	if (added) {
		if ((size_t)area == s->capareas) {
			s->capareas = s->capareas ? s->capareas * 2 : 64;
			s->areas = xreallocarray(s->areas, s->capareas, sizeof(*s->areas));
		}
		memset(&s->areas[area], 0, sizeof(s->areas[area]));
		s->areas[area].name = name;
		s->areas[area].namelen = namelen;
	} else if (c->name >= 0 &&
	    (s->areas[area].namelen != namelen ||
	        memcmp(s->areas[area].name, name, namelen) != 0)) {
		return false; /* the general reader decides whether that is an error */
	}
	period = strings_id(&s->periods, cell[c->period], len[c->period], &added);
	slot = state_block(s, area, period, c->nind) + (size_t)(grp - 1);
	cnt = s->counts + slot * (size_t)c->nind * 2;
	for (int k = 0; k < c->nind; k++) {
		size_t l = len[c->ind[k]];
		const char *v = cell[c->ind[k]];

		if (l == 0)
			continue; /* not recorded for this child */
		if (l != 1 || (v[0] != '0' && v[0] != '1'))
			return false;
		cnt[2 * k] += v[0] - '0';
		cnt[2 * k + 1]++;
	}
	if (s->lines[slot] == 0) {
		s->lines[slot] = line;
		if (s->norder == s->caporder) {
			s->caporder = s->caporder ? s->caporder * 2 : 256;
			s->order = xreallocarray(s->order, s->caporder, sizeof(size_t));
		}
		s->order[s->norder++] = slot;
	}
	return true;
}

/* Moves a finished scan's aggregates into out, in order of first sight. */
static void
state_result(struct fast_state *s, const struct child_fast_cols *c, struct child_fast *out)
{
	out->aggs = xcalloc(s->norder ? s->norder : 1, sizeof(*out->aggs));
	out->naggs = s->norder;
	for (size_t i = 0; i < s->norder; i++) {
		size_t slot = s->order[i];
		int area = s->slot_area[slot / FAST_GROUPS];
		int period = s->slot_period[slot / FAST_GROUPS];
		struct child_fast_agg *a = &out->aggs[i];

		a->code = s->areas_by_code.byid[area];
		a->codelen = s->areas_by_code.lenbyid[area];
		a->name = s->areas[area].name;
		a->namelen = s->areas[area].namelen;
		a->period = s->periods.byid[period];
		a->periodlen = s->periods.lenbyid[period];
		a->group = (int)(slot % FAST_GROUPS) + 1;
		a->line = s->lines[slot];
		a->counts = s->counts + slot * (size_t)c->nind * 2;
		if (a->group > out->maxgroup)
			out->maxgroup = a->group;
	}
	out->counts = s->counts;
	s->counts = NULL;
}

bool
child_fast_scan(const char *data, size_t n, size_t start, long line,
    const struct child_fast_cols *cols, struct child_fast *out)
{
	unsigned char cls[256];
	struct fast_state s;
	const char **cell = NULL;
	size_t *len = NULL, i = start, released = 0, page = (size_t)sysconf(_SC_PAGESIZE);
	bool ok = true;

	memset(out, 0, sizeof(*out));
	memset(&s, 0, sizeof(s));
	if (cols->ncols == 0 || cols->nind <= 0 || cols->code < 0 || cols->period < 0 ||
	    cols->group < 0)
		return false;
	for (int b = 0; b < 256; b++)
		cls[b] = b >= 0x20 && b < 0x7f && b != '"' ? FC_TEXT : FC_OTHER;
	cls[','] = FC_COMMA;
	cls['\n'] = FC_LF;
	cls['\r'] = FC_CR;
	cell = xcalloc(cols->ncols, sizeof(*cell));
	len = xcalloc(cols->ncols, sizeof(*len));
	while (ok && i < n) {
		size_t row = i, nc = 0, eol;

		cell[0] = data + i;
		for (;;) {
			unsigned char k = i < n ? cls[(unsigned char)data[i]] : FC_LF;

			if (k == FC_TEXT) {
				i++;
				continue;
			}
			if (k == FC_COMMA) {
				len[nc] = (size_t)(data + i - cell[nc]);
				if (++nc == cols->ncols) {
					ok = false;
					break;
				}
				cell[nc] = data + ++i;
				continue;
			}
			if (k == FC_CR && i + 1 < n && data[i + 1] == '\n')
				eol = 2;
			else if (k == FC_LF)
				eol = 1;
			else
				ok = false;
			break;
		}
		if (!ok)
			break;
		len[nc] = (size_t)(data + i - cell[nc]);
		nc++;
		if (i == row) {
			/* A completely empty line is skipped, as the general reader does. */
		} else if (nc != cols->ncols || !fast_row(&s, cols, cell, len, line)) {
			ok = false;
			break;
		} else {
			out->rows++;
		}
		i += i < n ? eol : 0;
		line++;
		if (cols->release && i - released >= FAST_RELEASE_STEP && page > 0) {
			size_t upto = i / page * page;

			/* The aggregates' strings point into pages given back here; the
			 * mapping reads them again from the file when they are used. */
			if (upto > released)
				(void)madvise((void *)(uintptr_t)(data + released), upto - released,
				    MADV_DONTNEED);
			released = upto > released ? upto : released;
		}
	}
	if (ok && out->rows > 0)
		state_result(&s, cols, out);
	else
		ok = false;
	state_free(&s);
	free(cell);
	free(len);
	if (!ok)
		memset(out, 0, sizeof(*out));
	return ok;
}

void
child_fast_free(struct child_fast *f)
{
	if (f == NULL)
		return;
	free(f->aggs);
	free(f->counts);
	memset(f, 0, sizeof(*f));
}
