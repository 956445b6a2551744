/* The records sample: see sample.h. */
#include "app/access/authz.h"
#include "app/records/sample.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/popindex.h"
#include "app/records/population.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "stats/rng.h"
#include "stats/sampling.h"
#include "store/store.h"

/* Most stratum columns. */
/* Longest reason or note accepted, in bytes. */
#define SAMPLE_REASON_MAX 2000

void
sample_free(struct sample *s)
{
	sample_info_free(&s->info);
	sample_strata_free(s->strata, s->nstrata);
	sample_members_free(s->members, s->nmembers);
	memset(s, 0, sizeof(*s));
}

const struct sample_member *
sample_find(const struct sample *s, const char *ref)
{
	for (size_t i = 0; i < s->nmembers; i++)
		if (strcmp(s->members[i].ref, ref) == 0)
			return &s->members[i];
	return NULL;
}

int
app_sample_load(struct store *st, long insp, struct sample *out, struct cairn_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_sample_info(st, insp, &out->info, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_sample_strata(st, insp, &out->strata, &out->nstrata, err)) != CAIRN_OK ||
	    (rc = store_sample_members(st, insp, &out->members, &out->nmembers, err)) != CAIRN_OK)
		sample_free(out);
	return rc;
}

/* One child of the population while drawing. */
struct unit {
	size_t ref;     /* offset of its NUL-terminated ref in load.refs */
	size_t stratum; /* index of its stratum key in load.keys (in order of first sight) */
	long position;  /* row in the population */
};

/* Loading state for store_population_each. */
struct load {
	size_t cols[SAMPLE_STRATA_MAX];       /* indexes of the stratum columns in attrs */
	const char *names[SAMPLE_STRATA_MAX]; /* their names (borrowed) */
	size_t ncols;
	struct unit *units; /* every child */
	size_t n, cap;
	char *refs; /* every ref, NUL-terminated, one after another (owned) */
	size_t refs_len, refs_cap;
	char **keys; /* distinct stratum keys (JSON objects), owned */
	size_t nkeys, capkeys;
	size_t *slots;                /* hash table of key indexes + 1 (0 free), owned */
	size_t nslots;                /* a power of two */
	struct buf key;               /* scratch */
	struct population_hash *hash; /* checksum recomputed from the stored rows */
	struct cairn_err *err;
};

/* Returns the index of key among the distinct keys, adding it when new. */
static size_t
load_key(struct load *l, const char *key)
{
	uint64_t h = text_hash(key, strlen(key));
	size_t i;

	if ((l->nkeys + 1) * 2 > l->nslots) {
		size_t n = l->nslots ? l->nslots * 2 : 64;

		free(l->slots);
		l->slots = xcalloc(n, sizeof(*l->slots));
		l->nslots = n;
		for (size_t k = 0; k < l->nkeys; k++) {
			for (i = (size_t)text_hash(l->keys[k], strlen(l->keys[k])) & (n - 1);
			     l->slots[i] != 0; i = (i + 1) & (n - 1))
				;
			l->slots[i] = k + 1;
		}
	}
	for (i = (size_t)h & (l->nslots - 1); l->slots[i] != 0; i = (i + 1) & (l->nslots - 1))
		if (strcmp(l->keys[l->slots[i] - 1], key) == 0)
			return l->slots[i] - 1;
	if (l->nkeys == l->capkeys) {
		l->capkeys = l->capkeys ? l->capkeys * 2 : 16;
		l->keys = xreallocarray(l->keys, l->capkeys, sizeof(*l->keys));
	}
	l->keys[l->nkeys] = xstrdup(key);
	l->slots[i] = ++l->nkeys;
	return l->nkeys - 1;
}

/*
 * Finds element col of attrs, a stored JSON array of strings as the
 * population import writes it (["a","b",...], no spaces), without a JSON
 * parser: sets *v and *n to its raw bytes.  Returns false when the row is
 * not in that plain form or the element has an escape (the caller then
 * parses the row with jansson).
 */
static bool
attr_plain(const char *attrs, size_t col, const char **v, size_t *n)
{
	const char *p = attrs;
	size_t i = 0;

	if (*p++ != '[')
		return false;
	for (;;) {
		const char *s;

		if (*p++ != '"')
			return false;
		s = p;
		while (*p != '"') {
			if (*p == '\0')
				return false;
			if (*p == '\\') {
				if (i == col || p[1] == '\0')
					return false;
				p++;
			}
			p++;
		}
		if (i == col) {
			*v = s;
			*n = (size_t)(p - s);
			return true;
		}
		p++;
		if (*p++ != ',')
			return false; /* ']' before col: the general path says what is missing */
		i++;
	}
}

/*
 * Writes into l->key the stratum key of a child whose stored attributes
 * are attrs: the JSON object of the stratum columns and their values.
 * position names the row in the message if attrs is damaged.
 */
static int
stratum_key(struct load *l, long position, const char *attrs)
{
	json_t *a = NULL;

	buf_reset(&l->key);
	buf_putc(&l->key, '{');
	for (size_t i = 0; i < l->ncols; i++) {
		const char *v = NULL;
		size_t vn = 0;

		if (a == NULL && !attr_plain(attrs, l->cols[i], &v, &vn)) {
			json_error_t jerr;

			a = json_loads(attrs, 0, &jerr);
			if (!json_is_array(a)) {
				json_decref(a);
				return cairn_errf(l->err, CAIRN_ESOFTWARE,
				    "stored population row %ld is "
				    "damaged",
				    position);
			}
		}
		if (a != NULL) {
			v = json_string_value(json_array_get(a, l->cols[i]));
			if (v == NULL)
				v = "";
			vn = strlen(v);
		}
		if (i > 0)
			buf_putc(&l->key, ',');
		population_json_string(&l->key, l->names[i], strlen(l->names[i]));
		buf_putc(&l->key, ':');
		if (a != NULL) {
			population_json_string(&l->key, v, vn);
		} else {
			/* Plain bytes without escapes: their JSON string is themselves. */
			buf_putc(&l->key, '"');
			buf_append(&l->key, v, vn);
			buf_putc(&l->key, '"');
		}
	}
	buf_putc(&l->key, '}');
	json_decref(a);
	return CAIRN_OK;
}

static int
load_row(void *arg, long position, const char *ref, const char *attrs)
{
	struct load *l = arg;
	struct unit *u;
	size_t reflen = strlen(ref);
	int rc;

	population_hash_row(l->hash, ref, reflen, attrs, strlen(attrs));
	if ((rc = stratum_key(l, position, attrs)) != CAIRN_OK)
		return rc;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->units = xreallocarray(l->units, l->cap, sizeof(*l->units));
	}
	if (l->refs_len + reflen + 1 > l->refs_cap) {
		l->refs_cap = l->refs_cap ? l->refs_cap * 2 : (size_t)1 << 16;
		while (l->refs_len + reflen + 1 > l->refs_cap)
			l->refs_cap *= 2;
		l->refs = xreallocarray(l->refs, l->refs_cap, 1);
	}
	u = &l->units[l->n++];
	u->ref = l->refs_len;
	memcpy(l->refs + l->refs_len, ref, reflen + 1);
	l->refs_len += reflen + 1;
	u->stratum = load_key(l, buf_str(&l->key));
	u->position = position;
	return CAIRN_OK;
}

/* Orders units by position. */
static int
unit_position_cmp(const void *a, const void *b)
{
	const struct unit *x = a, *y = b;

	return (x->position > y->position) - (x->position < y->position);
}

/* Orders key indexes by their key text (arg: the load). */
static int
key_index_cmp(const void *a, const void *b, void *arg)
{
	const struct load *l = arg;

	return strcmp(l->keys[*(const size_t *)a], l->keys[*(const size_t *)b]);
}

/* Sets rank[k] to the place of key k in key order. */
static void
rank_keys(struct load *l, size_t *rank)
{
	size_t *order = xcalloc(l->nkeys + 1, sizeof(*order));

	for (size_t k = 0; k < l->nkeys; k++)
		order[k] = k;
	qsort_r(order, l->nkeys, sizeof(*order), key_index_cmp, l);
	for (size_t h = 0; h < l->nkeys; h++)
		rank[order[h]] = h;
	free(order);
}

/*
 * Orders the units by stratum key, then by position (as sorting every
 * unit by key and position would), by a counting sort over the few
 * distinct keys; sets first[h] to the first unit of the h-th stratum in
 * key order and rank[k] to the place of key k in that order.
 */

static void
group_units(struct load *l, size_t *first, size_t *rank)
{
	struct unit *sorted = xcalloc(l->n + 1, sizeof(*sorted));
	size_t *next = xcalloc(l->nkeys + 1, sizeof(*next));

	rank_keys(l, rank);
	for (size_t i = 0; i < l->n; i++)
		next[rank[l->units[i].stratum] + 1]++;
	for (size_t h = 0; h < l->nkeys; h++)
		next[h + 1] += next[h];
	for (size_t h = 0; h <= l->nkeys; h++)
		first[h] = next[h];
	for (size_t i = 0; i < l->n; i++)
		sorted[next[rank[l->units[i].stratum]]++] = l->units[i];
	/* Rows arrive in position order; sort a stratum only if they did not. */
	for (size_t h = 0; h < l->nkeys; h++) {
		for (size_t i = first[h] + 1; i < first[h + 1]; i++) {
			if (sorted[i].position < sorted[i - 1].position) {
				qsort(sorted + first[h], first[h + 1] - first[h], sizeof(*sorted),
				    unit_position_cmp);
				break;
			}
		}
	}
	free(l->units);
	l->units = sorted;
	l->cap = l->n + 1;
	free(next);
}

/*
 * stats_srswor's partial Fisher-Yates shuffle without its array of n
 * indexes: the positions it has swapped are kept in a small table, so a
 * draw of k costs k whatever n is.  idx[0..k) are exactly stats_srswor's
 * (the same draws of stats_rng_below in the same order); idx holds k.
 */
static void
srswor_sparse(struct stats_rng *r, size_t n, size_t k, size_t *idx)
{
	size_t cap = 16, *keys, *vals;

	if (k > n)
		k = n;
	while (cap < 4 * k)
		cap *= 2;
	keys = xcalloc(cap, sizeof(*keys)); /* position + 1, 0 free */
	vals = xcalloc(cap, sizeof(*vals));
	for (size_t i = 0; i < k; i++) {
		size_t j = i + (size_t)stats_rng_below(r, (uint64_t)(n - i));
		size_t si, sj, vi, vj;

		for (si = (size_t)text_hash((const char *)&i, sizeof(i)) & (cap - 1);
		     keys[si] != 0 && keys[si] != i + 1; si = (si + 1) & (cap - 1))
			;
		vi = keys[si] != 0 ? vals[si] : i;
		keys[si] = i + 1;
		vals[si] = vi;
		for (sj = (size_t)text_hash((const char *)&j, sizeof(j)) & (cap - 1);
		     keys[sj] != 0 && keys[sj] != j + 1; sj = (sj + 1) & (cap - 1))
			;
		vj = keys[sj] != 0 ? vals[sj] : j;
		keys[sj] = j + 1;
		vals[sj] = vi;
		vals[si] = vj;
		idx[i] = vj;
	}
	free(keys);
	free(vals);
}

/* The chosen children of one stratum, found through the stratum index. */
struct chosen {
	char **refs;      /* their refs in draw order (owned until handed over) */
	size_t cap;       /* refs room */
	uint32_t *before; /* per block, the stratum's children before it */
	long position;    /* the block in body, or -1 */
	char *body;       /* its lines (owned) */
};

/*
 * Sets c->refs[0..take) to the idx[i]-th children (from 0, in population
 * order) of stratum h: the block is found from the counts of the cells of
 * the stratum before each block, and only that block is read.
 */
static int
find_chosen(struct store *st, long insp, const struct popindex *ix, const size_t *cell_stratum,
    size_t h, const size_t *idx, size_t take, struct chosen *c, struct cairn_err *err)
{
	int rc;

	if (take > c->cap) {
		c->cap = take;
		c->refs = xreallocarray(c->refs, take, sizeof(*c->refs));
	}
	free(c->before);
	c->before = xcalloc(ix->nblocks + 1, sizeof(*c->before));
	for (size_t k = 0; k < ix->ncells; k++)
		if (cell_stratum[k] == h)
			for (size_t j = 0; j < ix->nblocks; j++)
				c->before[j] += ix->cells[k].before[j];
	for (size_t i = 0; i < take; i++) {
		size_t lo = 0, hi = ix->nblocks, want;
		const char *p;
		long first_row;

		/* The last block with at most idx[i] of the stratum before it. */
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;

			if (c->before[mid] <= idx[i])
				lo = mid;
			else
				hi = mid;
		}
		want = idx[i] - c->before[lo];
		if (c->position != (long)lo + 1) {
			free(c->body);
			c->body = NULL;
			c->position = -1;
			if ((rc = store_population_block_get(st, insp, (long)lo + 1, &first_row,
			         &c->body, err)) != CAIRN_OK)
				return rc;
			c->position = (long)lo + 1;
		}
		c->refs[i] = NULL;
		for (p = c->body; *p != '\0';) {
			const char *tab = strchr(p, '\t'), *nl;
			long cell;

			if (tab == NULL)
				break;
			if ((nl = strchr(tab, '\n')) == NULL)
				nl = tab + strlen(tab);
			if (ix->col == 0) {
				cell = popindex_find(ix, tab + 1, (size_t)(nl - tab - 1));
			} else {
				const char *v;
				size_t vn;

				cell = -1;
				if (popindex_element(tab + 1, (size_t)(nl - tab - 1),
				        (size_t)ix->col - 1, &v, &vn))
					cell = popindex_find(ix, v, vn);
			}
			if (cell >= 0 && cell_stratum[cell] == h && want-- == 0) {
				c->refs[i] = xmalloc((size_t)(tab - p) + 1);
				memcpy(c->refs[i], p, (size_t)(tab - p));
				c->refs[i][tab - p] = '\0';
				break;
			}
			p = *nl != '\0' ? nl + 1 : nl;
		}
		if (c->refs[i] == NULL) {
			for (size_t k = 0; k < i; k++)
				free(c->refs[k]);
			return cairn_errf(err, CAIRN_ESOFTWARE,
			    "the stratum index of the population does not match its block %ld; "
			    "check the population",
			    (long)lo + 1);
		}
	}
	return CAIRN_OK;
}

/* A chosen child of the joint strata: the idx-th child (from 0, in
 * population order) of stratum h, for members[member]. */
struct want {
	size_t h;      /* its stratum, in key order */
	size_t idx;    /* its place in the stratum */
	size_t member; /* the member it becomes */
	size_t block;  /* the block that holds it (from 0), once found */
	size_t rank;   /* its place among the stratum's children of that block */
	size_t pos;    /* its place in the block, once found */
};

/* Orders wants by stratum, then place in it. */
static int
want_stratum_cmp(const void *a, const void *b)
{
	const struct want *x = a, *y = b;

	if (x->h != y->h)
		return (x->h > y->h) - (x->h < y->h);
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Orders wants by block, then place in it. */
static int
want_pos_cmp(const void *a, const void *b)
{
	const struct want *x = a, *y = b;

	if (x->block != y->block)
		return (x->block > y->block) - (x->block < y->block);
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Orders wants by block, then stratum, then place among the stratum's
 * children of the block. */
static int
want_block_cmp(const void *a, const void *b)
{
	const struct want *x = a, *y = b;

	if (x->block != y->block)
		return (x->block > y->block) - (x->block < y->block);
	if (x->h != y->h)
		return (x->h > y->h) - (x->h < y->h);
	return (x->rank > y->rank) - (x->rank < y->rank);
}

/* Sets next[h] and end[h] to the first and past the last of the nw wants
 * (ordered by stratum) of each stratum h; the others' are left as they are. */
static void
want_spans(const struct want *w, size_t nw, size_t *next, size_t *end)
{
	for (size_t i = nw; i-- > 0;) {
		next[w[i].h] = i;
		if (end[w[i].h] < i + 1)
			end[w[i].h] = i + 1;
	}
}

/*
 * Finds the place of each of the nw wants of block w[0].block of the joint
 * strata jx (whose combination c is in stratum combo_stratum[c]) from the
 * block's codes, then reads the block and sets the ref of members[w[i].member]
 * to the child found there, checked against its combination's values.  The
 * wants are ordered by stratum then rank; next and end (per stratum, all 0)
 * and combo (room for jx->maxrows) are scratch; next and end are left 0.
 */
static int
joint_block_refs(struct store *st, long insp, const struct popindex_joint *jx, const size_t *cols,
    const size_t *combo_stratum, struct want *w, size_t nw, size_t *next, size_t *end,
    uint32_t *combo, struct sample_member *members, struct cairn_err *err)
{
	size_t blk = w[0].block, n = jx->first[blk + 1] - jx->first[blk], found = 0, i;
	char *body = NULL;
	const char *p;
	long first_row;
	int rc;

	if ((rc = popindex_joint_block(st, insp, jx, blk, combo, err)) != CAIRN_OK)
		return rc;
	/* end[h] counts the stratum's children so far; next[h] its next want. */
	want_spans(w, nw, next, end);
	for (size_t j = 0; j < nw; j++)
		end[w[j].h] = 0;
	for (i = 0; i < n && found < nw; i++) {
		size_t h = combo_stratum[combo[i]];

		if (next[h] < nw && w[next[h]].h == h && w[next[h]].rank == end[h]) {
			w[next[h]++].pos = i;
			found++;
		}
		end[h]++;
	}
	for (size_t j = 0; j < i; j++)
		end[combo_stratum[combo[j]]] = 0;
	for (size_t j = 0; j < nw; j++)
		next[w[j].h] = end[w[j].h] = 0;
	if (found != nw)
		return cairn_errf(err, CAIRN_ESOFTWARE,
		    "the value codes of the population do not match its block %zu; "
		    "check the population",
		    blk + 1);
	qsort(w, nw, sizeof(*w), want_pos_cmp);
	if ((rc = store_population_block_get(st, insp, (long)blk + 1, &first_row, &body, err)) !=
	    CAIRN_OK)
		return rc;
	i = 0;
	p = body;
	for (size_t k = 0; k < nw && rc == CAIRN_OK; k++) {
		const uint16_t *tuple = jx->tuple + (size_t)combo[w[k].pos] * jx->ncols;
		char *ref = NULL;

		/* The lines before the child's: to the next newline each. */
		for (; *p != '\0' && i < w[k].pos; i++) {
			const char *nl = strchr(p, '\n');

			p = nl != NULL ? nl + 1 : p + strlen(p);
		}
		if (*p != '\0') {
			const char *tab = strchr(p, '\t'), *nl = NULL;
			bool same = tab != NULL;

			if (tab != NULL && (nl = strchr(tab, '\n')) == NULL)
				nl = tab + strlen(tab);
			for (size_t c = 0; c < jx->ncols && same; c++) {
				const struct popindex_cell *v = &jx->cols[c].cells[tuple[c]];
				const char *e;
				size_t en;

				same = popindex_element(tab + 1, (size_t)(nl - tab - 1), cols[c],
				           &e, &en) &&
				    en == v->len && memcmp(e, v->attrs, en) == 0;
			}
			if (same) {
				ref = xmalloc((size_t)(tab - p) + 1);
				memcpy(ref, p, (size_t)(tab - p));
				ref[tab - p] = '\0';
			}
		}
		if (ref == NULL)
			rc = cairn_errf(err, CAIRN_ESOFTWARE,
			    "the value codes of the population do not match its block %zu; "
			    "check the population",
			    blk + 1);
		else
			members[w[k].member].ref = ref;
	}
	free(body);
	return rc;
}

/*
 * Sets the ref of members[w[i].member] for each of the nw wants from the
 * joint strata jx, whose combination c is in stratum combo_stratum[c]
 * (of nstrata): one pass over the counts of each block finds the block
 * of each want and its place among its stratum's children there; then
 * only those blocks' codes are decoded and only those blocks read, and
 * each child found is checked against its combination's values.
 */
static int
joint_refs(struct store *st, long insp, const struct popindex_joint *jx, const size_t *cols,
    const size_t *combo_stratum, size_t nstrata, struct want *w, size_t nw,
    struct sample_member *members, struct cairn_err *err)
{
	size_t *next = xcalloc(nstrata + 1, sizeof(*next)),
	       *end = xcalloc(nstrata + 1, sizeof(*end));
	size_t *seen = xcalloc(nstrata + 1, sizeof(*seen)),
	       *base = xcalloc(nstrata + 1, sizeof(*base));
	size_t *mark = xcalloc(nstrata + 1, sizeof(*mark)), found = 0;
	uint32_t *combo = xcalloc(jx->maxrows + 1, sizeof(*combo));
	int rc = CAIRN_OK;

	qsort(w, nw, sizeof(*w), want_stratum_cmp);
	want_spans(w, nw, next, end);
	/* seen[h]: the stratum's children in the blocks so far; base[h]: in
	 * those before block mark[h] - 1, the last that holds some. */
	for (size_t b = 0; b < jx->nblocks && found < nw; b++) {
		for (size_t e = jx->bcounts[b]; e < jx->bcounts[b + 1]; e++) {
			size_t h = combo_stratum[jx->counts[e].combo];

			if (mark[h] != b + 1) {
				mark[h] = b + 1;
				base[h] = seen[h];
			}
			seen[h] += jx->counts[e].n;
			for (; next[h] < end[h] && w[next[h]].idx < seen[h]; next[h]++) {
				w[next[h]].block = b;
				w[next[h]].rank = w[next[h]].idx - base[h];
				found++;
			}
		}
	}
	memset(next, 0, (nstrata + 1) * sizeof(*next));
	memset(end, 0, (nstrata + 1) * sizeof(*end));
	if (found != nw) {
		rc = cairn_errf(err, CAIRN_ESOFTWARE,
		    "the value codes of the population are damaged; check the population");
		goto out;
	}
	qsort(w, nw, sizeof(*w), want_block_cmp);
	for (size_t i = 0, j; i < nw && rc == CAIRN_OK; i = j) {
		for (j = i + 1; j < nw && w[j].block == w[i].block; j++)
			;
		rc = joint_block_refs(st, insp, jx, cols, combo_stratum, w + i, j - i, next, end,
		    combo, members, err);
	}
out:
	free(combo);
	free(next);
	free(end);
	free(seen);
	free(base);
	free(mark);
	return rc;
}

/* Parses an optional whole number option into *out (default def). */
static int
opt_long(const char *field, const char *what, const char *s, long min, long max, long def,
    long *out, struct cairn_err *err)
{
	if (s == NULL) {
		*out = def;
		return CAIRN_OK;
	}
	if (!text_parse_long(s, min, max, out))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, field,
		    "%s '%s' is not a whole number from %ld to %ld", what, s, min, max);
	return CAIRN_OK;
}

int
sample_strata_parse(const char *list, const struct population_info *p, size_t *cols,
    const char **names, size_t *ncols, struct buf *canon, struct cairn_err *err)
{
	char *copy = xstrdup(list), *s = copy;
	int rc = CAIRN_OK;

	*ncols = 0;
	while (s != NULL) {
		char *comma = strchr(s, ','), *name;
		size_t k;

		if (comma != NULL)
			*comma++ = '\0';
		name = text_trim(s);
		s = comma;
		if (*name == '\0')
			continue;
		for (k = 0; k < p->ncolumns; k++)
			if (text_casecmp(p->columns[k], name) == 0)
				break;
		if (k == p->ncolumns) {
			struct buf v = BUF_INIT;

			for (size_t i = 0; i < p->ncolumns; i++)
				buf_printf(&v, "%s%s", i ? ", " : "", p->columns[i]);
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "strata",
			    "unknown stratum column '%s'; the population's "
			    "columns are: %s",
			    name, p->ncolumns ? buf_str(&v) : "(none but ref)");
			buf_free(&v);
			goto out;
		}
		for (size_t i = 0; i < *ncols; i++)
			if (cols[i] == k) {
				rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID,
				    "strata", "stratum column '%s' is given twice", name);
				goto out;
			}
		if (*ncols == SAMPLE_STRATA_MAX) {
			rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "strata",
			    "at most %d stratum columns", SAMPLE_STRATA_MAX);
			goto out;
		}
		cols[*ncols] = k;
		names[(*ncols)++] = p->columns[k];
		buf_printf(canon, "%s%s", canon->len ? "," : "", p->columns[k]);
	}
	if (*ncols == 0)
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "strata",
		    "the strata need at least one column of the population");
out:
	free(copy);
	return rc;
}

int
app_sample_draw(struct store *st, const struct actor *who, long insp,
    const struct sample_request *req, struct sample *out, struct cairn_err *err)
{
	struct population_info pop = { 0 };
	struct load l;
	struct buf canon = BUF_INIT;
	struct sample_info info = { 0 };
	struct stats_rng rng;
	struct sample_stratum *strata = NULL;
	struct sample_member *members = NULL;
	long size, min_per, seed, reserve, pct, *weights = NULL, *alloc = NULL;
	size_t nstrata = 0, nmembers = 0, *idx = NULL, *first = NULL, *rank = NULL;
	bool exists = false, began = false;
	char checksum[65], *detail = NULL;
	struct popindex ix = { 0 };
	size_t *cell_stratum = NULL;
	const char **skey = NULL;
	struct chosen blk = { .position = -1 };
	struct popindex_joint jx = { 0 };
	struct want *wants = NULL;
	size_t nwants = 0;
	int rc;

	if ((rc = authz_check(st, who, insp, ACTION_DRAW_SAMPLE, NULL, err)) != CAIRN_OK)
		return rc;

	memset(&l, 0, sizeof(l));
	memset(out, 0, sizeof(*out));
	if (req->size == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "size",
		    "the sample size is required: how many records to read");
	if (req->strata == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "strata",
		    "the strata are required: the population columns to stratify by, "
		    "separated by commas");
	if (req->seed == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "seed",
		    "the seed is required: a whole number from 0");
	if ((rc = opt_long("size", "the sample size", req->size, 1, 1000000000L, 0, &size, err)) !=
	        CAIRN_OK ||
	    (rc = opt_long("seed", "the seed", req->seed, 0, INT64_MAX, 0, &seed, err)) !=
	        CAIRN_OK ||
	    (rc = opt_long("min-per", "the minimum per stratum", req->min_per, 0, 1000000000L, 0,
	         &min_per, err)) ||
	    (rc = opt_long("reserve", "the number of reserves", req->reserve, 0, 1000000L, 0,
	         &reserve, err)) != CAIRN_OK ||
	    (rc = opt_long("double-read", "the double-read percentage", req->double_read, 0, 100, 0,
	         &pct, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_population_info(st, insp, &pop, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_sample_exists(st, insp, &exists, err)) != CAIRN_OK)
		goto out;
	if (exists) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, NULL,
		    "inspection %ld already has a sample; it is listed on the sample page", insp);
		goto out;
	}
	if ((rc = sample_strata_parse(req->strata, &pop, l.cols, l.names, &l.ncols, &canon, err)) !=
	    CAIRN_OK)
		goto out;
	if (size > pop.nrows) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "size",
		    "a sample of %ld is larger than the population "
		    "of %ld children",
		    size, pop.nrows);
		goto out;
	}
	l.err = err;
	/* One stratum column: the index of its values; several: of whole rows. */
	if (l.ncols == 1 &&
	    (rc = popindex_load(st, insp, (long)l.cols[0] + 1, &ix, err)) != CAIRN_OK)
		goto out;
	if (ix.ncells == 0 && (rc = popindex_load(st, insp, 0, &ix, err)) != CAIRN_OK)
		goto out;
	/* Several columns over more distinct rows than that index keeps: the
	 * columns' value codes, whatever the other columns hold. */
	if (ix.ncells == 0 && l.ncols > 1 &&
	    (rc = popindex_joint_load(st, insp, l.cols, l.ncols, pop.nrows, &jx, err)) != CAIRN_OK)
		goto out;
	if (ix.ncells > 0) {
		/* The stratum index: each cell's stratum, no child read. */
		struct buf row = BUF_INIT;
		long total = 0;

		cell_stratum = xcalloc(ix.ncells, sizeof(*cell_stratum));
		for (size_t k = 0; k < ix.ncells; k++) {
			/* A column's value is read as element col - 1 of a row. */
			buf_reset(&row);
			if (ix.col > 0) {
				buf_putc(&row, '[');
				for (long c = 1; c < ix.col; c++)
					buf_append(&row, "\"\",", 3);
				buf_append(&row, ix.cells[k].attrs, strlen(ix.cells[k].attrs));
				buf_putc(&row, ']');
			}
			rc = stratum_key(&l, (long)k + 1,
			    ix.col > 0 ? buf_str(&row) : ix.cells[k].attrs);
			if (rc != CAIRN_OK) {
				buf_free(&row);
				goto out;
			}
			cell_stratum[k] = load_key(&l, buf_str(&l.key));
			total += ix.cells[k].nrows;
		}
		buf_free(&row);
		if (total != pop.nrows) {
			rc = cairn_errf(err, CAIRN_ESOFTWARE,
			    "the stratum index of the population is damaged; check the population");
			goto out;
		}
		rank = xcalloc(l.nkeys + 1, sizeof(*rank));
		rank_keys(&l, rank);
		nstrata = l.nkeys;
		weights = xcalloc(nstrata, sizeof(*weights));
		for (size_t k = 0; k < ix.ncells; k++) {
			cell_stratum[k] = rank[cell_stratum[k]];
			weights[cell_stratum[k]] += ix.cells[k].nrows;
		}
		snprintf(checksum, sizeof(checksum), "%s", pop.checksum);
	} else if (jx.ncombos > 0) {
		/* Each combination of the columns' values is read as a row with
		 * those values in their columns (and "" in the others). */
		struct buf row = BUF_INIT;
		size_t maxcol = 0;
		long total = 0;

		for (size_t k = 0; k < l.ncols; k++)
			if (l.cols[k] > maxcol)
				maxcol = l.cols[k];
		cell_stratum = xcalloc(jx.ncombos, sizeof(*cell_stratum));
		for (size_t c = 0; c < jx.ncombos; c++) {
			buf_reset(&row);
			buf_putc(&row, '[');
			for (size_t col = 0; col <= maxcol; col++) {
				size_t k;

				for (k = 0; k < l.ncols && l.cols[k] != col; k++)
					;
				if (col > 0)
					buf_putc(&row, ',');
				if (k < l.ncols) {
					const struct popindex_cell *v =
					    &jx.cols[k].cells[jx.tuple[c * jx.ncols + k]];

					buf_append(&row, v->attrs, v->len);
				} else {
					buf_append(&row, "\"\"", 2);
				}
			}
			buf_putc(&row, ']');
			if ((rc = stratum_key(&l, (long)c + 1, buf_str(&row))) != CAIRN_OK) {
				buf_free(&row);
				goto out;
			}
			cell_stratum[c] = load_key(&l, buf_str(&l.key));
			total += jx.nrows[c];
		}
		buf_free(&row);
		if (total != pop.nrows) {
			rc = cairn_errf(err, CAIRN_ESOFTWARE,
			    "the value codes of the population are damaged; check the population");
			goto out;
		}
		rank = xcalloc(l.nkeys + 1, sizeof(*rank));
		rank_keys(&l, rank);
		nstrata = l.nkeys;
		weights = xcalloc(nstrata, sizeof(*weights));
		for (size_t c = 0; c < jx.ncombos; c++) {
			cell_stratum[c] = rank[cell_stratum[c]];
			weights[cell_stratum[c]] += jx.nrows[c];
		}
		snprintf(checksum, sizeof(checksum), "%s", pop.checksum);
	} else {
		/* No index (more distinct rows than it keeps, or imported before
		 * it): read every child, and check the checksum on the way. */
		l.hash = population_hash_new(pop.columns, pop.ncolumns);
		rc = store_population_each(st, insp, load_row, &l, err);
		population_hash_final(l.hash, checksum);
		if (rc != CAIRN_OK)
			goto out;
		if (strcmp(checksum, pop.checksum) != 0) {
			rc = cairn_errf(err, CAIRN_ESOFTWARE,
			    "the stored population does not match its "
			    "checksum; import it again");
			goto out;
		}
		/* Group into strata, in key order. */
		first = xcalloc(l.nkeys + 1, sizeof(*first));
		rank = xcalloc(l.nkeys + 1, sizeof(*rank));
		group_units(&l, first, rank);
		nstrata = l.nkeys;
		weights = xcalloc(nstrata, sizeof(*weights));
		for (size_t h = 0; h < nstrata; h++)
			weights[h] = (long)(first[h + 1] - first[h]);
	}
	skey = xcalloc(nstrata + 1, sizeof(*skey));
	for (size_t q = 0; q < l.nkeys; q++)
		skey[rank[q]] = l.keys[q];
	alloc = xcalloc(nstrata, sizeof(*alloc));
	if ((rc = stats_allocate(weights, weights, nstrata, size, min_per, alloc, err)) != CAIRN_OK)
		goto out;
	strata = xcalloc(nstrata, sizeof(*strata));
	members = xcalloc((size_t)size + (size_t)reserve * nstrata, sizeof(*members));
	idx = xcalloc((size_t)size + (size_t)reserve * nstrata + 1, sizeof(*idx));
	if (jx.ncombos > 0)
		wants = xcalloc((size_t)size + (size_t)reserve * nstrata + 1, sizeof(*wants));
	stats_rng_seed(&rng, (uint64_t)seed);
	for (size_t h = 0; h < nstrata; h++) {
		size_t nh = (size_t)weights[h], take = (size_t)alloc[h] + (size_t)reserve;

		if (take > nh)
			take = nh;
		strata[h].position = (long)h;
		strata[h].key = xstrdup(skey[h]);
		strata[h].population = (long)nh;
		strata[h].allocated = alloc[h];
		srswor_sparse(&rng, nh, take, idx);
		if (ix.ncells > 0 &&
		    (rc = find_chosen(st, insp, &ix, cell_stratum, h, idx, take, &blk, err)) !=
		        CAIRN_OK)
			goto out;
		for (size_t i = 0; i < take; i++) {
			struct sample_member *m = &members[nmembers++];

			if (ix.ncells > 0) {
				m->ref = blk.refs[i];
			} else if (jx.ncombos > 0) {
				/* Found below, in one pass for every stratum. */
				wants[nwants++] =
				    (struct want){ .h = h, .idx = idx[i], .member = nmembers - 1 };
			} else {
				m->ref = xstrdup(l.refs + l.units[first[h] + idx[i]].ref);
			}
			m->stratum = (long)h;
			m->draw_order = (long)i + 1;
			m->reserve = i >= (size_t)alloc[h];
			m->status = m->reserve ? SAMPLE_RESERVE : SAMPLE_SELECTED;
		}
	}
	if (jx.ncombos > 0 &&
	    (rc = joint_refs(st, insp, &jx, l.cols, cell_stratum, nstrata, wants, nwants, members,
	         err)) != CAIRN_OK)
		goto out;
	/* Double reads: pct percent of the selected records, rounded half up,
	 * drawn with the same generator from the selected records in order. */
	{
		size_t nsel = 0, ndouble = (size_t)((size * pct + 50) / 100);
		size_t *sel = xcalloc(nmembers + 1, sizeof(*sel));

		for (size_t i = 0; i < nmembers; i++)
			if (!members[i].reserve)
				sel[nsel++] = i;
		srswor_sparse(&rng, nsel, ndouble, idx);
		for (size_t i = 0; i < ndouble && i < nsel; i++)
			members[sel[idx[i]]].double_read = true;
		free(sel);
	}
	info.size = size;
	snprintf(info.seed, sizeof(info.seed), "%ld", seed);
	info.strata = buf_take(&canon);
	info.min_per_stratum = min_per;
	info.reserve = reserve;
	info.double_read_pct = pct;
	info.generator = xstrdup(SAMPLE_GENERATOR);
	info.population_size = pop.nrows;
	info.population_checksum = xstrdup(checksum);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	began = true;
	if ((rc = store_sample_put(st, insp, &info, err)) != CAIRN_OK)
		goto out;
	for (size_t h = 0; h < nstrata; h++)
		if ((rc = store_sample_stratum_add(st, insp, &strata[h], err)) != CAIRN_OK)
			goto out;
	for (size_t i = 0; i < nmembers; i++)
		if ((rc = store_sample_member_add(st, insp, &members[i], err)) != CAIRN_OK)
			goto out;
	detail = xasprintf("size %ld, strata %s, %zu strata, min %ld, seed %ld, reserve %ld, "
	                   "double-read %ld%%, population %ld sha256 %s",
	    size, info.strata, nstrata, min_per, seed, reserve, pct, pop.nrows, checksum);
	if ((rc = audit_record(st, who, "sample.draw", insp, NULL, detail, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		goto out;
	began = false;
	out->info = info;
	memset(&info, 0, sizeof(info));
	out->strata = strata;
	out->nstrata = nstrata;
	out->members = members;
	out->nmembers = nmembers;
	strata = NULL;
	members = NULL;
	nstrata = nmembers = 0;
out:
	if (began)
		store_rollback(st);
	for (size_t k = 0; k < l.nkeys; k++)
		free(l.keys[k]);
	free(l.keys);
	free(l.slots);
	free(l.refs);
	free(l.units);
	free(rank);
	free(skey);
	free(cell_stratum);
	free(blk.refs);
	free(blk.body);
	free(blk.before);
	popindex_free(&ix);
	popindex_joint_free(&jx);
	free(wants);
	buf_free(&l.key);
	buf_free(&canon);
	sample_info_free(&info);
	sample_strata_free(strata, nstrata);
	sample_members_free(members, nmembers);
	population_info_free(&pop);
	free(weights);
	free(alloc);
	free(idx);
	free(first);
	free(detail);
	return rc;
}

int
app_sample_replace(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reason, char **by, struct cairn_err *err)
{
	struct sample s;
	const struct sample_member *m, *next = NULL;
	char *detail = NULL;
	int rc;

	if ((rc = authz_check(st, who, insp, ACTION_DRAW_SAMPLE, NULL, err)) != CAIRN_OK)
		return rc;

	*by = NULL;
	if (reason == NULL || reason[strspn(reason, " \t\r\n")] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "reason",
		    "a reason is required: say why the record "
		    "cannot be read");
	if (strlen(reason) > SAMPLE_REASON_MAX || !text_utf8_valid(reason, strlen(reason)))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "reason",
		    "the reason must be UTF-8 text of at most %d bytes", SAMPLE_REASON_MAX);
	if ((rc = app_sample_load(st, insp, &s, err)) != CAIRN_OK)
		return rc;
	if ((m = sample_find(&s, ref)) == NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "ref",
		    "'%s' is not in the sample of inspection %ld", ref, insp);
		goto out;
	}
	if (m->status != SAMPLE_SELECTED) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "ref",
		    "'%s' is %s, not a selected record; only selected "
		    "records can be replaced",
		    ref, m->status == SAMPLE_RESERVE ? "an unused reserve" : "already replaced");
		goto out;
	}
	for (size_t i = 0; i < s.nmembers; i++) {
		const struct sample_member *x = &s.members[i];

		if (x->stratum == m->stratum && x->status == SAMPLE_RESERVE &&
		    (next == NULL || x->draw_order < next->draw_order))
			next = x;
	}
	if (next == NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "ref",
		    "no reserve is left in the stratum of '%s' (%s); "
		    "a sample needs reserves drawn with it to replace records",
		    ref, s.strata[m->stratum].key);
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	detail = xasprintf("%s replaced by %s: %s", ref, next->ref, reason);
	if ((rc = store_sample_replace(st, m->id, next->id, m->double_read, reason, err)) !=
	        CAIRN_OK ||
	    (rc = store_assignment_move(st, m->id, next->id, err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "sample.replace", insp, ref, detail, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK) {
		store_rollback(st);
		goto out;
	}
	*by = xstrdup(next->ref);
out:
	free(detail);
	sample_free(&s);
	return rc;
}
