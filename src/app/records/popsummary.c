/* The population's counts by stratum: see popsummary.h. */
#include "app/records/popsummary.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/authz.h"
#include "app/records/popindex.h"
#include "app/records/population.h"
#include "app/records/sample.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/records.h"
#include "store/store.h"

/* Most stratum columns (as a draw takes). */

/* Distinct keys (raw bytes) with their counts. */
struct tally {
	char **keys;   /* owned, NUL-terminated */
	long *counts;  /* by key */
	size_t n, cap; /* keys used and allocated */
	size_t *slots; /* hash table of key indexes + 1 (0 free), owned */
	size_t nslots; /* a power of two */
};

/* Adds w to the count of the len bytes at k. */
static void
tally_add(struct tally *t, const char *k, size_t len, long w)
{
	size_t i;

	if ((t->n + 1) * 2 > t->nslots) {
		size_t n = t->nslots ? t->nslots * 2 : 64;

		free(t->slots);
		t->slots = xcalloc(n, sizeof(*t->slots));
		t->nslots = n;
		for (size_t j = 0; j < t->n; j++) {
			for (i = (size_t)text_hash(t->keys[j], strlen(t->keys[j])) & (n - 1);
			     t->slots[i] != 0; i = (i + 1) & (n - 1))
				;
			t->slots[i] = j + 1;
		}
	}
	for (i = (size_t)text_hash(k, len) & (t->nslots - 1); t->slots[i] != 0;
	     i = (i + 1) & (t->nslots - 1)) {
		const char *s = t->keys[t->slots[i] - 1];

		if (strncmp(s, k, len) == 0 && s[len] == '\0') {
			t->counts[t->slots[i] - 1] += w;
			return;
		}
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->keys = xreallocarray(t->keys, t->cap, sizeof(*t->keys));
		t->counts = xreallocarray(t->counts, t->cap, sizeof(*t->counts));
	}
	t->keys[t->n] = xmalloc(len + 1);
	memcpy(t->keys[t->n], k, len);
	t->keys[t->n][len] = '\0';
	t->counts[t->n] = w;
	t->slots[i] = ++t->n;
}

static void
tally_free(struct tally *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->counts);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

/* What a pass over the children (or the index's cells) fills. */
struct pass {
	size_t ncols;                     /* attribute columns */
	struct tally *cols;               /* per column; counted only where want_col[c] */
	bool *want_col;                   /* columns whose index has no cells */
	size_t strata[SAMPLE_STRATA_MAX]; /* the stratum columns' indexes */
	const char *names[SAMPLE_STRATA_MAX];
	size_t nstrata;     /* 0: no joint count */
	struct tally joint; /* by stratum key */
	struct buf key;     /* scratch */
	bool damaged;       /* a row was not a JSON array of strings */
};

/* Counts one row of attributes (a stored JSON array of strings, len
 * bytes) w times, for the columns and strata the pass wants. */
static void
pass_row(struct pass *p, const char *attrs, size_t len, long w, bool joint)
{
	const char *v;
	size_t n;

	for (size_t c = 0; c < p->ncols; c++) {
		if (!p->want_col[c])
			continue;
		if (!popindex_element(attrs, len, c, &v, &n)) {
			p->damaged = true;
			return;
		}
		tally_add(&p->cols[c], v, n, w);
	}
	if (!joint || p->nstrata == 0)
		return;
	buf_reset(&p->key);
	buf_putc(&p->key, '{');
	for (size_t i = 0; i < p->nstrata; i++) {
		if (!popindex_element(attrs, len, p->strata[i], &v, &n)) {
			p->damaged = true;
			return;
		}
		if (i > 0)
			buf_putc(&p->key, ',');
		population_json_string(&p->key, p->names[i], strlen(p->names[i]));
		buf_putc(&p->key, ':');
		buf_append(&p->key, v, n); /* stored as population_json_string wrote it */
	}
	buf_putc(&p->key, '}');
	tally_add(&p->joint, buf_str(&p->key), p->key.len, w);
}

/* Scan state: the pass, and whether it also counts strata. */
struct scan {
	struct pass *p;
	bool joint;
};

static int
scan_row(void *arg, long position, const char *ref, const char *attrs)
{
	struct scan *s = arg;

	(void)position;
	(void)ref;
	pass_row(s->p, attrs, strlen(attrs), 1, s->joint);
	return s->p->damaged ? 1 : 0;
}

/* Returns a malloc'd copy of the JSON string literal of len bytes at raw
 * (with its quotes), decoded; "" when it is not one. */
static char *
decode_value(const char *raw, size_t len)
{
	json_t *j = json_loadb(raw, len, JSON_DECODE_ANY, NULL);
	char *s = xstrdup(json_is_string(j) ? json_string_value(j) : "");

	json_decref(j);
	return s;
}

static int
cmp_value(const void *a, const void *b)
{
	return strcmp(((const struct popsummary_value *)a)->value,
	    ((const struct popsummary_value *)b)->value);
}

static int
cmp_stratum(const void *a, const void *b)
{
	return strcmp(((const struct popsummary_stratum *)a)->key,
	    ((const struct popsummary_stratum *)b)->key);
}

void
population_summary_free(struct population_summary *s)
{
	for (size_t c = 0; c < s->ncolumns; c++) {
		for (size_t i = 0; i < s->columns[c].nvalues; i++)
			free(s->columns[c].values[i].value);
		free(s->columns[c].values);
	}
	free(s->columns);
	for (size_t i = 0; i < s->ncells; i++)
		free(s->cells[i].key);
	free(s->cells);
	free(s->strata);
	population_info_free(&s->info);
	memset(s, 0, sizeof(*s));
}

int
app_population_summary(struct store *st, const struct actor *who, long insp, const char *strata,
    struct population_summary *out, struct cairn_err *err)
{
	struct pass p;
	struct buf canon = BUF_INIT;
	struct popindex rows = { 0 };
	bool need_scan = false;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	if ((rc = authz_check(st, who, insp, ACTION_IMPORT_POPULATION, NULL, err)) != CAIRN_OK ||
	    (rc = store_population_info(st, insp, &out->info, err)) != CAIRN_OK)
		return rc;
	if (strata != NULL &&
	    (rc = sample_strata_parse(strata, &out->info, p.strata, p.names, &p.nstrata, &canon,
	         err)) != CAIRN_OK)
		goto out;
	p.ncols = out->info.ncolumns;
	p.cols = xcalloc(p.ncols + 1, sizeof(*p.cols));
	p.want_col = xcalloc(p.ncols + 1, sizeof(*p.want_col));
	/* The whole rows' cells give everything; else each column's cells. */
	if ((rc = popindex_load(st, insp, 0, &rows, err)) != CAIRN_OK)
		goto out;
	if (rows.ncells > 0) {
		for (size_t c = 0; c < p.ncols; c++)
			p.want_col[c] = true;
		for (size_t k = 0; k < rows.ncells && !p.damaged; k++)
			pass_row(&p, rows.cells[k].attrs, rows.cells[k].len, rows.cells[k].nrows,
			    true);
	} else {
		for (size_t c = 0; c < p.ncols; c++) {
			struct popindex ix = { 0 };

			if ((rc = popindex_load(st, insp, (long)c + 1, &ix, err)) != CAIRN_OK)
				goto out;
			for (size_t k = 0; k < ix.ncells; k++)
				tally_add(&p.cols[c], ix.cells[k].attrs, ix.cells[k].len,
				    ix.cells[k].nrows);
			p.want_col[c] = ix.ncells == 0;
			need_scan |= ix.ncells == 0;
			popindex_free(&ix);
		}
		if (need_scan || p.nstrata > 0) {
			struct scan s = { &p, true };

			rc = store_population_each(st, insp, scan_row, &s, err);
			if (rc != CAIRN_OK && !p.damaged)
				goto out;
		}
	}
	if (p.damaged) {
		rc = cairn_errf(err, CAIRN_ESOFTWARE,
		    "a stored row of the population of inspection %ld is damaged; check the "
		    "population",
		    insp);
		goto out;
	}
	rc = CAIRN_OK;
	out->columns = xcalloc(p.ncols + 1, sizeof(*out->columns));
	out->ncolumns = p.ncols;
	for (size_t c = 0; c < p.ncols; c++) {
		struct popsummary_column *col = &out->columns[c];

		col->name = out->info.columns[c];
		col->ndistinct = p.cols[c].n;
		if (col->ndistinct > POPSUMMARY_VALUES_MAX)
			continue;
		col->values = xcalloc(p.cols[c].n + 1, sizeof(*col->values));
		for (size_t i = 0; i < p.cols[c].n; i++)
			col->values[i] = (struct popsummary_value){ decode_value(p.cols[c].keys[i],
				                                        strlen(p.cols[c].keys[i])),
				p.cols[c].counts[i] };
		col->nvalues = p.cols[c].n;
		qsort(col->values, col->nvalues, sizeof(*col->values), cmp_value);
	}
	if (p.nstrata > 0) {
		out->strata = buf_take(&canon);
		out->ndistinct = p.joint.n;
		if (p.joint.n <= POPSUMMARY_STRATA_MAX) {
			out->cells = xcalloc(p.joint.n + 1, sizeof(*out->cells));
			for (size_t i = 0; i < p.joint.n; i++) {
				out->cells[i] = (struct popsummary_stratum){ p.joint.keys[i],
					p.joint.counts[i] };
				p.joint.keys[i] = NULL;
			}
			out->ncells = p.joint.n;
			qsort(out->cells, out->ncells, sizeof(*out->cells), cmp_stratum);
		}
	}
out:
	for (size_t c = 0; p.cols != NULL && c < p.ncols; c++)
		tally_free(&p.cols[c]);
	free(p.cols);
	free(p.want_col);
	tally_free(&p.joint);
	buf_free(&p.key);
	buf_free(&canon);
	popindex_free(&rows);
	if (rc != CAIRN_OK)
		population_summary_free(out);
	return rc;
}
