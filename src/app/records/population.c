/* The population: see population.h. */
#include "app/access/authz.h"
#include "app/records/population.h"

#include <ctype.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/popindex.h"
#include "app/records/population_fast.h"
#include "core/buf.h"
#include "core/identify.h"
#include "core/mapfile.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/records.h"
#include "store/store.h"

const char *
population_identifier_like(const char *header)
{
	return identify_header(header);
}

/* Returns the FNV-1a hash of ref s (n bytes) with ASCII letters folded to
 * lower case: "c1" and "C1" are the same child. */
static uint64_t
ref_hash(const char *s, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		h ^= c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* Returns true if refs a and b (n bytes each) are equal ignoring ASCII
 * case. */
static bool
ref_equal(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x != y && !(x >= 'A' && x <= 'Z' && x + ('a' - 'A') == y) &&
		    !(y >= 'A' && y <= 'Z' && y + ('a' - 'A') == x))
			return false;
	}
	return true;
}

/* Nettle's SHA-256 rather than libsodium's: several times faster on a
 * million rows (it uses the CPU's SHA instructions where present); the
 * digest is the same. */
struct population_hash {
	struct sha256_ctx s; /* the running hash */
};

struct population_hash *
population_hash_new(char *const *columns, size_t n)
{
	struct population_hash *h = xmalloc(sizeof(*h));

	sha256_init(&h->s);
	for (size_t i = 0; i < n; i++) {
		sha256_update(&h->s, strlen(columns[i]), (const uint8_t *)columns[i]);
		sha256_update(&h->s, 1, (const uint8_t *)"\x1f");
	}
	sha256_update(&h->s, 1, (const uint8_t *)"\x1e");
	return h;
}

void
population_hash_row(struct population_hash *h, const char *ref, size_t reflen, const char *attrs,
    size_t attrslen)
{
	sha256_update(&h->s, reflen, (const uint8_t *)ref);
	sha256_update(&h->s, 1, (const uint8_t *)"\x1f");
	sha256_update(&h->s, attrslen, (const uint8_t *)attrs);
	sha256_update(&h->s, 1, (const uint8_t *)"\x1e");
}

void
population_hash_final(struct population_hash *h, char out[static 65])
{
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_digest(&h->s, sizeof(d), d);
	sodium_bin2hex(out, 65, d, sizeof(d));
	free(h);
}

void
population_json_string(struct buf *b, const char *s, size_t n)
{
	size_t start = 0;

	buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(b, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default: buf_printf(b, "\\u%04x", c); break;
		}
	}
	buf_append(b, s + start, n - start);
	buf_putc(b, '"');
}

/* The refs seen, for finding duplicates once the file is read: entries
 * appended in file order (sequential writes only), then sorted by hash. */
struct refset {
	struct refent {
		uint64_t hash; /* FNV-1a of the ref */
		size_t off;    /* start of the ref in arena */
		uint32_t len;  /* its length */
		long line;     /* line it is on */
		long column;   /* its column */
	} * ents;              /* n entries in file order, cap allocated */
	size_t n, cap;
	char *arena;       /* ref bytes back to back */
	size_t alen, acap; /* arena bytes used and allocated */
};

/* Remembers ref s (n bytes) seen at line and column. */
static void
refset_add(struct refset *rs, const char *s, size_t n, long line, long column)
{
	struct refent *e;

	if (rs->acap - rs->alen < n) {
		while (rs->acap - rs->alen < n)
			rs->acap = rs->acap ? rs->acap * 2 : (size_t)1 << 20;
		rs->arena = xreallocarray(rs->arena, rs->acap, 1);
	}
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 65536;
		rs->ents = xreallocarray(rs->ents, rs->cap, sizeof(*rs->ents));
	}
	memcpy(rs->arena + rs->alen, s, n);
	e = &rs->ents[rs->n++];
	e->hash = ref_hash(s, n);
	e->hash ^= e->hash >> 29;
	e->off = rs->alen;
	e->len = (uint32_t)n;
	e->line = line;
	e->column = column;
	rs->alen += n;
}

/* A (hash, entry) pair for sorting. */
struct refkey {
	uint64_t hash;
	size_t idx;
};

/*
 * Reports every ref that appears more than once (at each later
 * occurrence, naming the first) into errs.  Sorts by hash with a stable
 * LSD radix sort (16 bits a pass), so equal refs stay in file order.
 */
static void
refset_duplicates(const struct refset *rs, struct csv_errors *errs)
{
	struct refkey *a = xcalloc(rs->n + 1, sizeof(*a)), *b = xcalloc(rs->n + 1, sizeof(*b)), *t;
	size_t *count = xcalloc(65536, sizeof(size_t));

	for (size_t i = 0; i < rs->n; i++) {
		a[i].hash = rs->ents[i].hash;
		a[i].idx = i;
	}
	for (int shift = 0; shift < 64; shift += 16) {
		size_t sum = 0;

		memset(count, 0, 65536 * sizeof(size_t));
		for (size_t i = 0; i < rs->n; i++)
			count[(a[i].hash >> shift) & 0xffff]++;
		for (size_t d = 0; d < 65536; d++) {
			size_t c = count[d];

			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < rs->n; i++)
			b[count[(a[i].hash >> shift) & 0xffff]++] = a[i];
		t = a;
		a = b;
		b = t;
	}
	for (size_t i = 0; i < rs->n;) {
		size_t j = i + 1;

		while (j < rs->n && a[j].hash == a[i].hash)
			j++;
		for (size_t x = i + 1; x < j; x++) {
			const struct refent *ex = &rs->ents[a[x].idx];

			for (size_t y = i; y < x; y++) {
				const struct refent *ey = &rs->ents[a[y].idx];

				if (ey->len == ex->len &&
				    ref_equal(rs->arena + ey->off, rs->arena + ex->off, ex->len)) {
					int xl = (int)(ex->len > 60 ? 60 : ex->len);

					if (memcmp(rs->arena + ey->off, rs->arena + ex->off,
					        ex->len) == 0)
						csv_errors_add(errs, ex->line, ex->column,
						    "ref '%.*s' appears twice (first on line %ld); "
						    "each child must appear once",
						    xl, rs->arena + ex->off, ey->line);
					else
						csv_errors_add(errs, ex->line, ex->column,
						    "ref '%.*s' appears twice (first on line %ld "
						    "as "
						    "'%.*s'; refs are the same whatever their "
						    "case); "
						    "each child must appear once",
						    xl, rs->arena + ex->off, ey->line, xl,
						    rs->arena + ey->off);
					break;
				}
			}
		}
		i = j;
	}
	free(a);
	free(b);
	free(count);
}

static void
refset_free(struct refset *rs)
{
	free(rs->ents);
	free(rs->arena);
	memset(rs, 0, sizeof(*rs));
}

/* Returns the bucket (0..65535) of a ref hash: its top 16 bits after a
 * multiplicative mix, so that buckets fill evenly. */
static inline size_t
hash_bucket(uint64_t h)
{
	return (size_t)((h * UINT64_C(0x9e3779b97f4a7c15)) >> 48);
}

/* Orders two hashes. */
static int
hash_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Returns true if two of the n hashes at h are equal (so that two refs
 * may be the same; the general reader then decides exactly).  One pass
 * counts the hashes per bucket, one places them, and each bucket (about
 * n / 65536 hashes) is sorted and its neighbours compared: far cheaper
 * than sorting them all, and no ref bytes are kept.
 */
static bool
hashes_repeat(const uint64_t *h, size_t n)
{
	size_t *start = xcalloc(65537, sizeof(size_t));
	uint64_t *b = xcalloc(n + 1, sizeof(uint64_t));
	bool repeat = false;

	for (size_t i = 0; i < n; i++)
		start[hash_bucket(h[i]) + 1]++;
	for (size_t d = 1; d <= 65536; d++)
		start[d] += start[d - 1];
	for (size_t i = 0; i < n; i++)
		b[start[hash_bucket(h[i])]++] = h[i];
	/* start[d] is now the end of bucket d, and the start of bucket d + 1. */
	for (size_t d = 0, from = 0; d < 65536 && !repeat; from = start[d++]) {
		size_t k = start[d] - from;
		uint64_t *x = b + from;

		if (k < 2)
			continue;
		if (k > 32) {
			qsort(x, k, sizeof(*x), hash_cmp);
		} else {
			for (size_t i = 1; i < k; i++) {
				uint64_t v = x[i];
				size_t j = i;

				for (; j > 0 && x[j - 1] > v; j--)
					x[j] = x[j - 1];
				x[j] = v;
			}
		}
		for (size_t i = 1; i < k && !repeat; i++)
			repeat = x[i] == x[i - 1];
	}
	free(start);
	free(b);
	return repeat;
}

struct storer;

/* State of one import, shared by the CSV callbacks. */
struct import {
	struct store *st;              /* the database (inside a transaction) */
	long insp;                     /* the inspection */
	const char *allow;             /* allowed identifier-like headers, comma-separated */
	struct population_result *res; /* where on_header reports identifier-like columns */
	bool header_ok;                /* the header is usable: rows are checked and stored */
	size_t ref_col;                /* index of the ref column */
	char **columns;                /* attribute column names (owned) */
	size_t ncolumns;
	char **hdr;                   /* every header name, trimmed (owned) */
	bool *hallow;                 /* per header column: named in the allow list, so its
	                                  values are not checked for identifiers */
	size_t nhdr;                  /* entries in hdr and hallow */
	struct refset refs;           /* refs seen (general reader) */
	uint64_t *fhash;              /* hashes of the refs seen by the fast path, in file
	                                 order (malloc'd) */
	size_t nfhash, capfhash;      /* entries used and allocated in fhash */
	char *block;                  /* lines "REF\tATTRS\n" not yet stored (malloc'd) */
	size_t blen, bcap;            /* bytes used and allocated in block */
	long nblock;                  /* rows in block */
	long nblocks;                 /* blocks stored */
	struct population_hash *hash; /* running checksum */
	long nrows;                   /* rows stored */
	long header_line;             /* line of the header */
	struct cairn_err *err;        /* for database failures */
	struct storer *storer;        /* the fast path's storing thread, or NULL: full
	                                 blocks go to it, and it (not store_row) adds
	                                 them to the checksum */
};

/* Returns true if header h is in the comma-separated list allow. */
static bool
allowed(const char *allow, const char *h)
{
	return identify_allowed(allow, h);
}

void
population_idcol_note(struct population_idcol *cols, size_t *n, const char *name, const char *word,
    bool ok)
{
	struct population_idcol *c;

	for (size_t i = 0; i < *n; i++)
		if (strcmp(cols[i].name, name) == 0)
			return; /* noted for its header, or for an earlier value */
	if (*n >= POPULATION_IDCOLS_MAX || strlen(name) >= POPULATION_IDCOL_NAME ||
	    strchr(name, ',') != NULL)
		return;
	c = &cols[(*n)++];
	text_copy(c->name, sizeof(c->name), name);
	c->word = word;
	c->allowed = ok;
}

/* Checks the header: a ref column, no empty or repeated names, no
 * identifier-like columns unless allowed. */
static int
on_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct import *im = arg;
	long before = errs->total;
	bool have_ref = false;
	char **names = xcalloc(h->ncells, sizeof(char *));

	im->header_line = h->line;
	for (size_t i = 0; i < h->ncells; i++) {
		char *name = text_trim(xstrdup(h->cells[i]));
		const char *word;

		names[i] = name;
		if (name[0] == '\0') {
			csv_errors_add(errs, h->lines[i], (long)i + 1,
			    "the header of this column is "
			    "empty; every column needs a name");
			continue;
		}
		for (size_t k = 0; k < i; k++) {
			if (text_casecmp(names[k], name) == 0) {
				csv_errors_add(errs, h->lines[i], (long)i + 1,
				    "column '%.60s' appears "
				    "twice (also column %zu)",
				    name, k + 1);
				break;
			}
		}
		if (text_casecmp(name, "ref") == 0) {
			have_ref = true;
			im->ref_col = i;
			continue;
		}
		if ((word = population_identifier_like(name)) == NULL)
			continue;
		population_idcol_note(im->res->idcols, &im->res->nidcols, name, word,
		    allowed(im->allow, name));
		if (!allowed(im->allow, name))
			csv_errors_add(errs, h->lines[i], (long)i + 1,
			    "column '%.60s' looks like a "
			    "personal identifier (%s); the return must not carry identifiers: "
			    "remove "
			    "it, or allow the column '%.60s' if it is not one",
			    name, word, name);
	}
	if (!have_ref)
		csv_errors_add(errs, h->line, 0,
		    "there is no 'ref' column; the first row must name "
		    "the columns and one must be 'ref' (the partnership's pseudonymous reference)");
	if (errs->total == before) {
		im->header_ok = true;
		im->columns = xcalloc(h->ncells, sizeof(char *));
		for (size_t i = 0; i < h->ncells; i++)
			if (i != im->ref_col)
				im->columns[im->ncolumns++] = xstrdup(names[i]);
		im->hash = population_hash_new(im->columns, im->ncolumns);
		im->nhdr = h->ncells;
		im->hdr = xcalloc(h->ncells, sizeof(char *));
		im->hallow = xcalloc(h->ncells, sizeof(bool));
		for (size_t i = 0; i < h->ncells; i++) {
			im->hdr[i] = xstrdup(names[i]);
			im->hallow[i] = allowed(im->allow, names[i]);
		}
		for (size_t i = 0; i < im->ncolumns; i++)
			if (store_population_column_add(im->st, im->insp, (long)i + 1,
			        im->columns[i], im->err) != CAIRN_OK) {
				strv_free(names, h->ncells);
				return CAIRN_ESOFTWARE;
			}
	}
	strv_free(names, h->ncells);
	return CAIRN_OK;
}

/* Writes s (n bytes) at p as a JSON string literal; returns the end.
 * p must have room for 6 n + 2 bytes. */
static char *
json_string_to(char *p, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t start = 0;

	*p++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		memcpy(p, s + start, i - start);
		p += i - start;
		start = i + 1;
		*p++ = '\\';
		switch (c) {
		case '"': *p++ = '"'; break;
		case '\\': *p++ = '\\'; break;
		case '\n': *p++ = 'n'; break;
		case '\r': *p++ = 'r'; break;
		case '\t': *p++ = 't'; break;
		default:
			*p++ = 'u';
			*p++ = '0';
			*p++ = '0';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
			break;
		}
	}
	memcpy(p, s + start, n - start);
	p += n - start;
	*p++ = '"';
	return p;
}

/* Stores the rows gathered in im->block as one block. */
static int
flush(struct import *im)
{
	int rc;

	if (im->nblock == 0)
		return CAIRN_OK;
	rc = store_population_block_add(im->st, im->insp, ++im->nblocks, im->nrows - im->nblock + 1,
	    im->nblock, im->block, im->blen, im->err);
	im->blen = 0;
	im->nblock = 0;
	return rc;
}

/*
 * The storing thread of the fast path: while the reading thread splits
 * rows and builds blocks, this one stores each full block and adds it to
 * the checksum, so that the two halves of the work overlap on two cores.
 * One block is handed over at a time, in order; the connection and the
 * checksum belong to the storing thread until it is joined.
 */
struct storer {
	pthread_t thread;   /* the storing thread */
	pthread_mutex_t mu; /* guards everything below */
	pthread_cond_t cv;  /* signalled on every change */
	struct import *im;  /* the import (its st, insp, hash and err) */
	char *data;         /* the block handed over, or NULL (owned) */
	size_t len, cap;    /* its bytes used and allocated */
	long nrows;         /* its rows */
	long first_row;     /* number of its first row, from 1 */
	long position;      /* its block number, from 1 */
	char *spare;        /* a stored block's buffer for the reader to reuse, or NULL */
	size_t sparecap;    /* bytes allocated in spare */
	bool done;          /* the reader hands over no more blocks */
	int rc;             /* the first storing failure (err set), or CAIRN_OK */
};

/*
 * Adds a stored block to the checksum.  In a block each row is
 * "REF\tATTRS\n" and neither a ref nor the JSON of the attributes holds a
 * tab or a line break, so with the tabs made 0x1f and the line ends 0x1e
 * it is exactly the checksum's stream for its rows (see population.h).
 * Changes the block.
 */
static void
hash_block(struct population_hash *h, char *data, size_t len)
{
	char *p = data, *end = data + len, *c;

	while (p < end) {
		if ((c = memchr(p, '\t', (size_t)(end - p))) == NULL)
			break;
		*c = '\x1f';
		if ((c = memchr(c, '\n', (size_t)(end - c))) == NULL)
			break;
		*c = '\x1e';
		p = c + 1;
	}
	sha256_update(&h->s, len, (const uint8_t *)data);
}

/* The storing thread: stores and hashes each block handed over until
 * the reader is done; after a failure it only takes blocks and drops them. */
static void *
storer_main(void *arg)
{
	struct storer *s = arg;
	struct import *im = s->im;
	int rc = CAIRN_OK;

	for (;;) {
		char *data;
		size_t len, cap;
		long nrows, first, position;

		pthread_mutex_lock(&s->mu);
		while (s->data == NULL && !s->done)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->data == NULL) {
			pthread_mutex_unlock(&s->mu);
			break;
		}
		data = s->data;
		len = s->len;
		cap = s->cap;
		nrows = s->nrows;
		first = s->first_row;
		position = s->position;
		s->data = NULL;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		if (rc == CAIRN_OK)
			rc = store_population_block_add(im->st, im->insp, position, first, nrows,
			    data, len, im->err);
		if (rc == CAIRN_OK)
			hash_block(im->hash, data, len);
		pthread_mutex_lock(&s->mu);
		if (rc != CAIRN_OK && s->rc == CAIRN_OK)
			s->rc = rc;
		if (s->spare == NULL) {
			s->spare = data;
			s->sparecap = cap;
			data = NULL;
		}
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		free(data);
	}
	return NULL;
}

/* Starts the storing thread for im; returns NULL (the caller stores
 * without it) when a thread cannot be made. */
static struct storer *
storer_start(struct import *im)
{
	struct storer *s = xcalloc(1, sizeof(*s));

	s->im = im;
	if (pthread_mutex_init(&s->mu, NULL) != 0) {
		free(s);
		return NULL;
	}
	if (pthread_cond_init(&s->cv, NULL) != 0) {
		pthread_mutex_destroy(&s->mu);
		free(s);
		return NULL;
	}
	if (pthread_create(&s->thread, NULL, storer_main, s) != 0) {
		pthread_cond_destroy(&s->cv);
		pthread_mutex_destroy(&s->mu);
		free(s);
		return NULL;
	}
	return s;
}

/* Hands im->block to the storing thread (waiting while it holds one) and
 * gives the reader an empty buffer.  Returns the thread's first failure. */
static int
storer_put(struct import *im)
{
	struct storer *s = im->storer;
	int rc;

	pthread_mutex_lock(&s->mu);
	while (s->data != NULL && s->rc == CAIRN_OK)
		pthread_cond_wait(&s->cv, &s->mu);
	if ((rc = s->rc) == CAIRN_OK) {
		s->data = im->block;
		s->len = im->blen;
		s->cap = im->bcap;
		s->nrows = im->nblock;
		s->first_row = im->nrows - im->nblock + 1;
		s->position = ++im->nblocks;
		im->block = s->spare;
		im->bcap = s->spare != NULL ? s->sparecap : 0;
		s->spare = NULL;
		pthread_cond_broadcast(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
	im->blen = 0;
	im->nblock = 0;
	return rc;
}

/* Tells the storing thread that no more blocks come, waits for it to
 * store what it has, and frees it.  Returns its first failure. */
static int
storer_finish(struct import *im)
{
	struct storer *s = im->storer;
	int rc;

	pthread_mutex_lock(&s->mu);
	s->done = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
	rc = s->rc;
	free(s->data);
	free(s->spare);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
	im->storer = NULL;
	return rc;
}

/* Makes room in im->block for need more bytes. */
static void
block_reserve(struct import *im, size_t need)
{
	if (im->bcap - im->blen >= need)
		return;
	while (im->bcap - im->blen < need)
		im->bcap = im->bcap ? im->bcap * 2 : (size_t)1 << 20;
	im->block = xreallocarray(im->block, im->bcap, 1);
}

/*
 * Appends one checked row to the block as "REF\tATTRS\n" (ATTRS the JSON
 * array of every cell but the ref), adds it to the checksum (unless the
 * storing thread does) and stores the block when it is full.  cells and lens hold ncells cells; escape false
 * promises that no cell needs a JSON escape (the fast path knows).
 */
static int
store_row(struct import *im, const char *const *cells, const size_t *lens, size_t ncells,
    bool escape)
{
	const char *ref = cells[im->ref_col];
	size_t reflen = lens[im->ref_col], need;
	char *p, *attrs;

	/* Worst case: every byte escaped as \u00XX, plus quotes and commas. */
	need = reflen + 4;
	for (size_t i = 0; i < ncells; i++)
		need += (escape ? 6 : 1) * lens[i] + 3;
	block_reserve(im, need);
	p = im->block + im->blen;
	memcpy(p, ref, reflen);
	p += reflen;
	*p++ = '\t';
	attrs = p;
	*p++ = '[';
	for (size_t i = 0, k = 0; i < ncells; i++) {
		if (i == im->ref_col)
			continue;
		if (k++ > 0)
			*p++ = ',';
		if (escape) {
			p = json_string_to(p, cells[i], lens[i]);
		} else {
			*p++ = '"';
			memcpy(p, cells[i], lens[i]);
			p += lens[i];
			*p++ = '"';
		}
	}
	*p++ = ']';
	if (im->storer == NULL)
		population_hash_row(im->hash, ref, reflen, attrs, (size_t)(p - attrs));
	*p++ = '\n';
	im->blen = (size_t)(p - im->block);
	im->nrows++;
	if (++im->nblock == POPULATION_BLOCK_ROWS)
		return im->storer != NULL ? storer_put(im) : flush(im);
	return CAIRN_OK;
}

/*
 * Checks the cells of a row (ref and attributes) for values that look like
 * personal identifiers (core/identify.h).  A column in the allow list is
 * noted in im->res, once; a value anywhere else is reported to errs at
 * lines[i] and its column noted as refused (when errs is not NULL: the
 * fast path only counts).  Returns
 * the number of values reported or counted.
 */
static long
check_values(struct import *im, const char *const *cells, const size_t *lens, size_t ncells,
    const long *lines, struct csv_errors *errs)
{
	long found = 0;

	for (size_t i = 0; i < ncells && i < im->nhdr; i++) {
		const char *word = identify_value(cells[i], lens[i]);

		if (word == NULL)
			continue;
		if (im->hallow[i]) {
			population_idcol_note(im->res->idcols, &im->res->nidcols, im->hdr[i], word,
			    true);
			continue;
		}
		found++;
		if (errs == NULL)
			continue;
		population_idcol_note(im->res->idcols, &im->res->nidcols, im->hdr[i], word,
		    false); /* the web offers to allow it */
		csv_errors_add(errs, lines[i], (long)i + 1,
		    "this value in column '%.60s' looks like a personal identifier (%s); "
		    "the return must not "
		    "carry identifiers: remove it, or allow the column '%.60s' if it is "
		    "not one",
		    im->hdr[i], word, im->hdr[i]);
	}
	return found;
}

/* Checks a row's ref and stores the row while the file is error-free. */
static int
on_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct import *im = arg;
	const char *ref;
	size_t reflen;

	if (!im->header_ok)
		return CAIRN_OK;
	ref = r->cells[im->ref_col];
	reflen = r->lens[im->ref_col];
	if (reflen == 0 || isspace((unsigned char)ref[0]) ||
	    isspace((unsigned char)ref[reflen - 1])) {
		csv_errors_add(errs, r->lines[im->ref_col], (long)im->ref_col + 1,
		    reflen == 0 ? "the ref is empty; every child needs the partnership's reference"
		                : "the ref '%.60s' has leading or trailing spaces",
		    ref);
		return CAIRN_OK;
	}
	for (size_t i = 0; i < reflen; i++)
		if ((unsigned char)ref[i] < 0x20 || ref[i] == 0x7f) {
			csv_errors_add(errs, r->lines[im->ref_col], (long)im->ref_col + 1,
			    "the ref contains a control character (tab or line break); refs are "
			    "one line");
			return CAIRN_OK;
		}
	if (reflen > POPULATION_REF_MAX) {
		csv_errors_add(errs, r->lines[im->ref_col], (long)im->ref_col + 1,
		    "the ref is %zu bytes long; the limit is %d", reflen, POPULATION_REF_MAX);
		return CAIRN_OK;
	}
	refset_add(&im->refs, ref, reflen, r->lines[im->ref_col], (long)im->ref_col + 1);
	if (check_values(im, r->cells, r->lens, r->ncells, r->lines, errs) > 0)
		return CAIRN_OK;
	if (errs->total > 0)
		return CAIRN_OK; /* nothing will be imported: only look for more errors */
	return store_row(im, r->cells, r->lens, r->ncells, true);
}

/*
 * The fast path's row callback: the same rules as on_row, except that a
 * row on_row would report an error for is declined (the general reader
 * then reads the file and reports it).  The scanner has already refused
 * control bytes, so a ref can only fail by being empty, too long or
 * padded with spaces.
 */
static int
on_fast_row(void *arg, const char *const *cells, const size_t *lens, bool escape, long line)
{
	struct import *im = arg;
	const char *ref = cells[im->ref_col];
	size_t reflen = lens[im->ref_col];

	if (reflen == 0 || reflen > POPULATION_REF_MAX || isspace((unsigned char)ref[0]) ||
	    isspace((unsigned char)ref[reflen - 1]))
		return POPULATION_FAST_DECLINE;
	(void)line; /* only the general reader names lines (for repeated refs) */
	if (check_values(im, cells, lens, im->ncolumns + 1, NULL, NULL) > 0)
		return POPULATION_FAST_DECLINE; /* the general reader reports it */
	if (im->nfhash == im->capfhash) {
		im->capfhash = im->capfhash ? im->capfhash * 2 : 65536;
		im->fhash = xreallocarray(im->fhash, im->capfhash, sizeof(*im->fhash));
	}
	im->fhash[im->nfhash++] = ref_hash(ref, reflen);
	return store_row(im, cells, lens, im->ncolumns + 1, escape);
}

/* Forgets everything an import has read (not the database's state). */
static void
import_reset(struct import *im)
{
	if (im->hash != NULL) {
		char junk[65];

		population_hash_final(im->hash, junk);
	}
	strv_free(im->columns, im->ncolumns);
	strv_free(im->hdr, im->nhdr);
	free(im->hallow);
	im->hdr = NULL;
	im->hallow = NULL;
	im->nhdr = 0;
	refset_free(&im->refs);
	free(im->block);
	free(im->fhash);
	im->fhash = NULL;
	im->nfhash = im->capfhash = 0;
	im->header_ok = false;
	im->ref_col = 0;
	im->columns = NULL;
	im->ncolumns = 0;
	im->block = NULL;
	im->blen = im->bcap = 0;
	im->nblock = im->nblocks = 0;
	im->hash = NULL;
	im->nrows = 0;
	im->header_line = 0;
}

/*
 * Reads the file through the fast path (app/records/population_fast.h): the
 * header through the general reader (so its checks, errors and stored
 * columns are the usual ones), then the rows in one pass over the mmap'd
 * file, stored as they come.  Returns true when the fast path read every
 * row and no two refs have the same hash; false when the file must be read by the
 * general reader (it is not a regular file, the header has an error, a
 * row is anything but plain and error-free, a ref may repeat, or storing
 * failed), with im holding what was read (the caller resets it and clears
 * the population) and errs possibly non-empty (the caller clears it).
 * *rc is set to a storing failure, if any (err set).
 */
static bool
import_fast(struct import *im, const struct population_import *req, struct csv_errors *errs,
    int *rc)
{
	struct csv_opts co;
	struct population_fast_opts fo;
	struct csv_reader *rd = NULL;
	struct mapfile mf;
	size_t pos = 0;
	long line = 1, rows = 0;
	bool ok = false;

	*rc = CAIRN_OK;
	if (!mapfile_open(&mf, req->path))
		goto out;
	memset(&co, 0, sizeof(co));
	co.max_cell = POPULATION_CELL_MAX;
	co.on_header = on_header;
	co.on_row = on_row;
	co.arg = im;
	rd = csv_reader_new(&co, errs);
	if ((*rc = csv_reader_feed_header(rd, mf.data, mf.n, &pos, &line)) != CAIRN_OK ||
	    csv_reader_header(rd) == NULL)
		goto out;
	if (errs->total > 0 || csv_reader_rows(rd) != 0 || !im->header_ok)
		goto out;
	memset(&fo, 0, sizeof(fo));
	fo.ncols = im->ncolumns + 1;
	fo.max_cell = POPULATION_CELL_MAX;
	fo.release = true;
	fo.on_row = on_fast_row;
	fo.arg = im;
	fo.progress = req->progress;
	fo.progress_arg = req->progress_arg;
	im->storer = storer_start(im);
	*rc = population_fast_scan(mf.data, mf.n, pos, line, &fo, &rows);
	if (*rc == CAIRN_OK && im->nblock > 0)
		*rc = im->storer != NULL ? storer_put(im) : flush(im);
	if (im->storer != NULL) {
		int src = storer_finish(im);

		if (src != CAIRN_OK)
			*rc = src; /* a storing failure outranks a decline */
	}
	if (*rc == POPULATION_FAST_DECLINE)
		*rc = CAIRN_OK;
	else if (*rc == CAIRN_OK && rows > 0)
		ok = !hashes_repeat(im->fhash, im->nfhash);
out:
	csv_reader_free(rd);
	mapfile_close(&mf);
	return ok && *rc == CAIRN_OK;
}

/* Returns the audit entry's detail of a stored import (malloc'd): counts,
 * checksum, and the identifier-like columns kept because they were
 * allowed, so the override is on record. */
static char *
import_detail(const struct import *im, const struct population_result *res)
{
	struct buf b = BUF_INIT;
	size_t nallowed = 0;

	buf_printf(&b, "%ld children, %zu attribute columns, sha256 %s%s", im->nrows, im->ncolumns,
	    res->checksum, res->replaced ? " (replaced the earlier population)" : "");
	for (size_t i = 0; i < res->nidcols; i++)
		if (res->idcols[i].allowed)
			buf_printf(&b, "%s'%s'",
			    nallowed++ ? ", "
			               : "; allowed although "
			                 "identifier-like: ",
			    res->idcols[i].name);
	return buf_take(&b);
}

int
app_population_import(struct store *st, const struct actor *who, long insp,
    const struct population_import *req, struct population_result *res, struct csv_errors *errs,
    struct cairn_err *err)
{
	struct import im;
	struct inspection in = { 0 };
	struct population_info old = { 0 };
	struct csv_opts o = { 0 };
	struct cairn_err ignore = { 0 };
	bool sampled = false, began = false;
	char *detail = NULL;
	int rc;

	if ((rc = authz_check(st, who, insp, ACTION_IMPORT_POPULATION, NULL, err)) != CAIRN_OK)
		return rc;

	memset(&im, 0, sizeof(im));
	memset(res, 0, sizeof(*res));
	csv_errors_clear(errs);
	if ((rc = store_inspection_load(st, insp, &in, err)) != CAIRN_OK)
		return rc;
	inspection_free(&in);
	if ((rc = store_sample_exists(st, insp, &sampled, err)) != CAIRN_OK)
		return rc;
	if (sampled)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, NULL,
		    "inspection %ld already has a sample drawn from "
		    "its population; the population can no longer be replaced",
		    insp);
	res->replaced = store_population_info(st, insp, &old, &ignore) == CAIRN_OK;
	population_info_free(&old);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	began = true;
	if ((rc = store_population_clear(st, insp, err)) != CAIRN_OK)
		goto out;
	im.st = st;
	im.insp = insp;
	im.allow = req->allow;
	im.res = res;
	im.err = err;
	if (!req->general_reader) {
		if (import_fast(&im, req, errs, &rc)) {
			res->fast = true;
			goto stored;
		}
		if (rc != CAIRN_OK)
			goto out;
		/* Not plain enough: forget it all and read the file again in full. */
		import_reset(&im);
		res->nidcols = 0; /* on_header reports them again */
		csv_errors_clear(errs);
		cairn_err_clear(err);
		if ((rc = store_population_clear(st, insp, err)) != CAIRN_OK)
			goto out;
	}
	o.max_cell = POPULATION_CELL_MAX;
	o.on_header = on_header;
	o.on_row = on_row;
	o.on_progress = req->progress;
	o.progress_arg = req->progress_arg;
	o.arg = &im;
	rc = csv_read_file(req->path, &o, errs, err);
	if ((rc == CAIRN_OK || rc == CAIRN_EDATA) && im.header_ok) {
		struct csv_errors *dups = xcalloc(1, sizeof(*dups));

		refset_duplicates(&im.refs, dups);
		if (dups->total > 0) {
			csv_errors_merge(errs, dups);
			cairn_err_clear(err);
			rc = csv_errors_summary(errs, req->path, err);
		}
		free(dups);
	}
stored:
	if (rc == CAIRN_OK && errs->total == 0)
		rc = flush(&im);
	if (rc == CAIRN_OK && im.nrows == 0) {
		csv_errors_add(errs, im.header_line + 1, 0,
		    "the file has a header but no children; "
		    "give one row per child");
		rc = csv_errors_summary(errs, req->path, err);
	}
	if (rc != CAIRN_OK)
		goto out;
	/* The stratum index, from the stored blocks (app/records/popindex.h). */
	if ((rc = popindex_rebuild(st, insp, im.ncolumns, NULL, NULL, &res->ncells, err)) !=
	    CAIRN_OK)
		goto out;
	population_hash_final(im.hash, res->checksum);
	im.hash = NULL;
	res->nrows = im.nrows;
	res->ncolumns = (long)im.ncolumns;
	detail = import_detail(&im, res);
	if ((rc = store_population_put(st, insp, req->path, im.nrows, res->checksum, err)) !=
	        CAIRN_OK ||
	    (rc = audit_record(st, who, "population.import", insp, req->path, detail, err)) !=
	        CAIRN_OK)
		goto out;
	rc = store_commit(st, err);
	began = rc != CAIRN_OK;
out:
	if (began)
		store_rollback(st);
	import_reset(&im);
	free(detail);
	return rc;
}
