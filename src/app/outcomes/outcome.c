/* Importing outcome indicators: see outcome.h. */
#include "app/access/authz.h"
#include "app/outcomes/outcome.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/outcomes/outcome_fast.h"
#include "core/mapfile.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/outcome.h"
#include "store/store.h"

/* Longest area code or period, in bytes. */
#define CODE_MAX 64
/* Longest area name or title, in bytes. */
#define NAME_MAX_LEN 200
/* Bytes read from a data file at a time. */
#define IMPORT_CHUNK ((size_t)1 << 18)
/* Most indicator columns in a child-level file. */
#define CHILD_INDICATORS_MAX 64

const char *const outcome_q1_code[OUTCOME_Q1__MAX] = {
	[OUTCOME_Q1_MOST] = "most-deprived",
	[OUTCOME_Q1_LEAST] = "least-deprived",
};
_Static_assert(sizeof(outcome_q1_code) / sizeof(outcome_q1_code[0]) == OUTCOME_Q1__MAX,
    "outcome_q1_code: one entry per value");

const char *const outcome_measure_code[OUTCOME_MEASURE__MAX] = {
	[OUTCOME_PROPORTION] = "proportion",
	[OUTCOME_RATE] = "rate",
	[OUTCOME_COUNT] = "count",
};
_Static_assert(sizeof(outcome_measure_code) / sizeof(outcome_measure_code[0]) ==
        OUTCOME_MEASURE__MAX,
    "outcome_measure_code: one entry per value");

const char *const outcome_polarity_code[OUTCOME_POLARITY__MAX] = {
	[OUTCOME_HIGHER_BETTER] = "higher-better",
	[OUTCOME_HIGHER_WORSE] = "higher-worse",
	[OUTCOME_NO_POLARITY] = "none",
};
_Static_assert(sizeof(outcome_polarity_code) / sizeof(outcome_polarity_code[0]) ==
        OUTCOME_POLARITY__MAX,
    "outcome_polarity_code: one entry per value");

int
outcome_measure_parse(const char *code)
{
	for (int i = 0; i < OUTCOME_MEASURE__MAX; i++)
		if (text_casecmp(code, outcome_measure_code[i]) == 0)
			return i;
	return -1;
}

int
outcome_polarity_parse(const char *code)
{
	static const struct {
		const char *text;
		enum outcome_polarity p;
	} alias[] = {
		{ "higher is better", OUTCOME_HIGHER_BETTER },
		{ "H", OUTCOME_HIGHER_BETTER },
		{ "higher is worse", OUTCOME_HIGHER_WORSE },
		{ "L", OUTCOME_HIGHER_WORSE },
		{ "lower is better", OUTCOME_HIGHER_WORSE },
	};

	for (int i = 0; i < OUTCOME_POLARITY__MAX; i++)
		if (text_casecmp(code, outcome_polarity_code[i]) == 0)
			return i;
	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (text_casecmp(code, alias[i].text) == 0)
			return (int)alias[i].p;
	return -1;
}

/* ---- a string-keyed hash map from key to index ---- */

/* Open-addressed map from a byte string to a size_t; keys are copied. */
struct keymap {
	char **keys;      /* NULL for a free slot; owned */
	size_t *lens;     /* key lengths */
	size_t *vals;     /* the index stored under each key */
	uint64_t *hashes; /* each key's hash */
	size_t cap;       /* slots, a power of two */
	size_t used;      /* keys stored */
};

/* Frees a map's contents. */
static void
keymap_free(struct keymap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->lens);
	free(m->vals);
	free(m->hashes);
	memset(m, 0, sizeof(*m));
}

/* Returns the slot of key (found or the free slot where it would go). */
static size_t
keymap_slot(const struct keymap *m, const char *key, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->keys[i] != NULL &&
	    !(m->hashes[i] == h && m->lens[i] == n && memcmp(m->keys[i], key, n) == 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* Doubles the map's capacity (or makes the first 1024 slots). */
static void
keymap_grow(struct keymap *m)
{
	struct keymap old = *m;

	m->cap = old.cap ? old.cap * 2 : 1024;
	m->keys = xcalloc(m->cap, sizeof(char *));
	m->lens = xcalloc(m->cap, sizeof(size_t));
	m->vals = xcalloc(m->cap, sizeof(size_t));
	m->hashes = xcalloc(m->cap, sizeof(uint64_t));
	for (size_t i = 0; i < old.cap; i++) {
		if (old.keys[i] != NULL) {
			size_t j = keymap_slot(m, old.keys[i], old.lens[i], old.hashes[i]);

			m->keys[j] = old.keys[i];
			m->lens[j] = old.lens[i];
			m->vals[j] = old.vals[i];
			m->hashes[j] = old.hashes[i];
		}
	}
	free(old.keys);
	free(old.lens);
	free(old.vals);
	free(old.hashes);
}

/* Looks key up; when absent, stores it with value val and sets *added.
 * Returns the value stored under key. */
static size_t
keymap_get_or_add(struct keymap *m, const char *key, size_t n, size_t val, bool *added)
{
	uint64_t h = text_hash(key, n);
	size_t i;

	if ((m->used + 1) * 2 > m->cap)
		keymap_grow(m);
	i = keymap_slot(m, key, n, h);
	*added = m->keys[i] == NULL;
	if (*added) {
		m->keys[i] = xstrndup(key, n);
		m->lens[i] = n;
		m->vals[i] = val;
		m->hashes[i] = h;
		m->used++;
	}
	return m->vals[i];
}

/* ---- header handling ---- */

/* Returns the index of the column called name (any case) in h, or -1. */
static int
column_of(const struct csv_row *h, const char *name)
{
	for (size_t i = 0; i < h->ncells; i++) {
		char cell[64];

		text_copy(cell, sizeof(cell), h->cells[i]);
		if (text_casecmp(text_trim(cell), name) == 0)
			return (int)i;
	}
	return -1;
}

/* Records an error about cell col (0-based) of row r. */
#define CELL_ERR(errs, r, col, ...)                                                                \
	csv_errors_add((errs), (r)->lines[(col)], (long)(col) + 1, __VA_ARGS__)

/* Checks that cell col of r is non-empty UTF-8 of at most max bytes. */
static bool
check_name(const struct csv_row *r, int col, const char *what, size_t max, struct csv_errors *errs)
{
	if (r->lens[col] == 0) {
		CELL_ERR(errs, r, col, "%s is empty", what);
		return false;
	}
	if (r->lens[col] > max) {
		CELL_ERR(errs, r, col, "%s is too long (%zu bytes; the limit is %zu)", what,
		    r->lens[col], max);
		return false;
	}
	return true;
}

/* The largest numerator or denominator accepted: more people than there
 * are, and well inside a long (the counts are converted for disclosure
 * control). */
#define OUTCOME_COUNT_MAX 1e12

/* Parses cell col of r as a decimal number >= min (strictly greater when
 * strict) and at most OUTCOME_COUNT_MAX. */
static bool
check_number(const struct csv_row *r, int col, const char *what, double min, bool strict,
    double *out, struct csv_errors *errs)
{
	if (!text_parse_double(r->cells[col], out)) {
		CELL_ERR(errs, r, col, "%s '%.40s' is not a number; write it in decimal digits",
		    what, r->cells[col]);
		return false;
	}
	if (!(*out <= OUTCOME_COUNT_MAX)) {
		CELL_ERR(errs, r, col, "%s '%.40s' is out of range: at most %.0f", what,
		    r->cells[col], OUTCOME_COUNT_MAX);
		return false;
	}
	if (strict ? !(*out > min) : !(*out >= min)) {
		CELL_ERR(errs, r, col, "%s %g must be %s %g", what, *out,
		    strict ? "more than" : "at least", min);
		return false;
	}
	return true;
}

/* Parses cell col of r as a deprivation group 1..10. */
static bool
check_group(const struct csv_row *r, int col, int *out, struct csv_errors *errs)
{
	long g;

	if (!text_parse_long(r->cells[col], 1, 10, &g)) {
		CELL_ERR(errs, r, col,
		    "group '%.20s' is not a deprivation group: use 1 to 5 "
		    "(quintiles) or 1 to 10 (deciles)",
		    r->cells[col]);
		return false;
	}
	*out = (int)g;
	return true;
}

/* ---- indicator metadata ---- */

/* State while reading the metadata file. */
struct meta_read {
	int col[6];                  /* code, title, measure, polarity, source, per (-1 absent) */
	struct outcome_indicator *v; /* indicators read; owned */
	size_t n, cap;
	struct keymap seen; /* codes seen, for duplicates */
};

static const char *const META_COLS[6] = { "code", "title", "measure", "polarity", "source", "per" };

static int
meta_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct meta_read *m = arg;

	for (int i = 0; i < 6; i++) {
		m->col[i] = column_of(h, META_COLS[i]);
		if (m->col[i] < 0 && i < 4)
			csv_errors_add(errs, h->line, 0,
			    "missing column '%s'; the columns are code, "
			    "title, measure, polarity and optionally source and per",
			    META_COLS[i]);
	}
	return CAIRN_OK;
}

static int
meta_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct meta_read *m = arg;
	struct outcome_indicator ind = { 0 };
	long per = 1;
	bool ok = true, added;
	int meas = -1, pol = -1;
	char mtext[64];

	if (m->col[0] < 0 || m->col[1] < 0 || m->col[2] < 0 || m->col[3] < 0)
		return CAIRN_OK;
	ok &= check_name(r, m->col[0], "the indicator code", CODE_MAX, errs);
	ok &= check_name(r, m->col[1], "the title", NAME_MAX_LEN, errs);
	/* "rate per 1000" is accepted as measure rate with per 1000. */
	text_copy(mtext, sizeof(mtext), r->cells[m->col[2]]);
	if (strncmp(mtext, "rate per ", 9) == 0) {
		if (!text_parse_long(mtext + 9, 1, 100000000L, &per)) {
			CELL_ERR(errs, r, m->col[2], "'%s' does not give a number after 'rate per'",
			    mtext);
			ok = false;
		}
		mtext[4] = '\0';
	}
	if ((meas = outcome_measure_parse(mtext)) < 0) {
		CELL_ERR(errs, r, m->col[2],
		    "measure '%.40s' is not known; use proportion, "
		    "rate (with per), 'rate per N' or count",
		    r->cells[m->col[2]]);
		ok = false;
	}
	if ((pol = outcome_polarity_parse(r->cells[m->col[3]])) < 0) {
		CELL_ERR(errs, r, m->col[3],
		    "polarity '%.40s' is not known; use higher-better, "
		    "higher-worse or none",
		    r->cells[m->col[3]]);
		ok = false;
	}
	if (m->col[5] >= 0 && r->lens[m->col[5]] > 0 &&
	    !text_parse_long(r->cells[m->col[5]], 1, 100000000L, &per)) {
		CELL_ERR(errs, r, m->col[5], "per '%.20s' is not a whole number of at least 1",
		    r->cells[m->col[5]]);
		ok = false;
	}
	if (!ok)
		return CAIRN_OK;
	keymap_get_or_add(&m->seen, r->cells[m->col[0]], r->lens[m->col[0]], m->n, &added);
	if (!added) {
		CELL_ERR(errs, r, m->col[0], "indicator '%s' is defined twice",
		    r->cells[m->col[0]]);
		return CAIRN_OK;
	}
	if (meas == OUTCOME_COUNT && per == 1)
		per = 1000;
	ind.code = xstrdup(r->cells[m->col[0]]);
	ind.title = xstrdup(r->cells[m->col[1]]);
	ind.measure = xstrdup(outcome_measure_code[meas]);
	ind.per = meas == OUTCOME_PROPORTION ? 1 : per;
	ind.polarity = xstrdup(outcome_polarity_code[pol]);
	ind.source = m->col[4] >= 0 && r->lens[m->col[4]] > 0 ? xstrdup(r->cells[m->col[4]]) : NULL;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->v = xreallocarray(m->v, m->cap, sizeof(*m->v));
	}
	m->v[m->n++] = ind;
	return CAIRN_OK;
}

/* ---- the import as a whole ---- */

/* Everything known while importing one data file. */
struct import_state {
	struct store *st;       /* for looking up stored indicators */
	struct meta_read *meta; /* indicators from the metadata file */
	struct keymap known;    /* indicator codes known -> measure (0..2) */
	struct keymap unknown;  /* indicator codes reported unknown (once each) */
	/* aggregate files */
	int col[7];                 /* indicator, area_code, area_name, period, group,
	                                   numerator, denominator */
	struct outcome_cell *cells; /* cells read; owned */
	size_t ncells, capcells;
	struct keymap cellkeys; /* indicator/area/period/group -> cell */
	/* child-level files */
	int ccode, cname, cperiod, cgroup;   /* columns; ccode or cname may be -1 */
	int nind;                            /* indicator columns */
	int indcol[CHILD_INDICATORS_MAX];    /* their column numbers */
	char *indcode[CHILD_INDICATORS_MAX]; /* their codes (owned) */
	struct keymap aggkeys;               /* area/period/group -> aggregate */
	struct child_agg *aggs;              /* aggregates; owned */
	size_t naggs, capaggs;
	long *counts; /* per aggregate: nind pairs (numerator, denominator) */
	int maxgroup; /* highest group seen */
};

/* One area, period and group of a child-level file. */
struct child_agg {
	char *area_code; /* owned */
	char *area_name; /* owned */
	char *period;    /* owned */
	int group;       /* as given */
	long line;       /* first line it was seen on */
};

/* Returns the measure of a known indicator (checking the database once
 * per code), or -1 if it is unknown. */
static int
known_measure(struct import_state *s, const char *code, size_t len)
{
	struct outcome_indicator ind;
	bool added, found = false;
	size_t v;
	int meas = -1;

	v = keymap_get_or_add(&s->known, code, len, SIZE_MAX, &added);
	if (!added)
		return v == SIZE_MAX ? -1 : (int)v;
	for (size_t i = 0; i < s->meta->n; i++)
		if (strcmp(s->meta->v[i].code, code) == 0)
			meas = outcome_measure_parse(s->meta->v[i].measure);
	if (meas < 0 && store_outcome_indicator_get(s->st, code, &ind, &found, NULL) == CAIRN_OK &&
	    found) {
		meas = outcome_measure_parse(ind.measure);
		outcome_indicator_free(&ind);
	}
	s->known.vals[keymap_slot(&s->known, code, len, text_hash(code, len))] =
	    meas < 0 ? SIZE_MAX : (size_t)meas;
	return meas;
}

static const char *const AGG_COLS[7] = { "indicator", "area_code", "area_name", "period", "group",
	"numerator", "denominator" };

static int
agg_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct import_state *s = arg;

	for (int i = 0; i < 7; i++) {
		s->col[i] = column_of(h, AGG_COLS[i]);
		if (s->col[i] < 0)
			csv_errors_add(errs, h->line, 0,
			    "missing column '%s'; the columns are indicator, "
			    "area_code, area_name, period, group, numerator, denominator",
			    AGG_COLS[i]);
	}
	for (size_t c = 0; c < h->ncells; c++) {
		bool used = false;

		for (int i = 0; i < 7; i++)
			used |= s->col[i] == (int)c;
		if (!used)
			csv_errors_add(errs, h->line, (long)c + 1,
			    "unknown column '%.40s'; the columns "
			    "are indicator, area_code, area_name, period, group, numerator, "
			    "denominator",
			    h->cells[c]);
	}
	return CAIRN_OK;
}

static int
agg_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct import_state *s = arg;
	struct outcome_cell c;
	double num = 0, den = 0;
	int grp = 0, meas;
	bool ok = true, added;
	char key[4 * (CODE_MAX + 2) + 16];
	int klen;

	for (int i = 0; i < 7; i++)
		if (s->col[i] < 0)
			return CAIRN_OK;
	ok &= check_name(r, s->col[0], "the indicator", CODE_MAX, errs);
	ok &= check_name(r, s->col[1], "the area code", CODE_MAX, errs);
	ok &= check_name(r, s->col[2], "the area name", NAME_MAX_LEN, errs);
	ok &= check_name(r, s->col[3], "the period", CODE_MAX, errs);
	ok &= check_group(r, s->col[4], &grp, errs);
	ok &= check_number(r, s->col[5], "the numerator", 0, false, &num, errs);
	ok &= check_number(r, s->col[6], "the denominator", 0, true, &den, errs);
	if (r->lens[s->col[0]] > 0 && r->lens[s->col[0]] <= CODE_MAX) {
		meas = known_measure(s, r->cells[s->col[0]], r->lens[s->col[0]]);
		if (meas < 0) {
			keymap_get_or_add(&s->unknown, r->cells[s->col[0]], r->lens[s->col[0]], 0,
			    &added);
			if (added)
				CELL_ERR(errs, r, s->col[0],
				    "unknown indicator '%s'; define it in an indicators file "
				    "(code, title, measure, polarity, source)",
				    r->cells[s->col[0]]);
			ok = false;
		} else if (meas == OUTCOME_PROPORTION && ok && num > den) {
			CELL_ERR(errs, r, s->col[5],
			    "the numerator %g is more than the denominator %g, "
			    "which a proportion cannot be",
			    num, den);
			ok = false;
		}
	}
	if (!ok)
		return CAIRN_OK;
	klen = snprintf(key, sizeof(key), "%s\x1f%s\x1f%s\x1f%d", r->cells[s->col[0]],
	    r->cells[s->col[1]], r->cells[s->col[3]], grp);
	keymap_get_or_add(&s->cellkeys, key, (size_t)klen, s->ncells, &added);
	if (!added) {
		CELL_ERR(errs, r, s->col[4], "group %d of %s, %s, %s is given twice", grp,
		    r->cells[s->col[0]], r->cells[s->col[1]], r->cells[s->col[3]]);
		return CAIRN_OK;
	}
	memset(&c, 0, sizeof(c));
	c.indicator = xstrdup(r->cells[s->col[0]]);
	c.area_code = xstrdup(r->cells[s->col[1]]);
	c.area_name = xstrdup(r->cells[s->col[2]]);
	c.period = xstrdup(r->cells[s->col[3]]);
	c.grp_given = grp;
	c.numerator = num;
	c.denominator = den;
	if (grp > s->maxgroup)
		s->maxgroup = grp;
	if (s->ncells == s->capcells) {
		s->capcells = s->capcells ? s->capcells * 2 : 256;
		s->cells = xreallocarray(s->cells, s->capcells, sizeof(*s->cells));
	}
	s->cells[s->ncells++] = c;
	return CAIRN_OK;
}

static int
child_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct import_state *s = arg;

	s->ccode = column_of(h, "area_code");
	s->cname = column_of(h, "area_name");
	if (s->cname < 0)
		s->cname = column_of(h, "area");
	s->cperiod = column_of(h, "period");
	s->cgroup = column_of(h, "group");
	if (s->ccode < 0 && s->cname < 0)
		csv_errors_add(errs, h->line, 0,
		    "missing column 'area_code' or 'area_name' (or 'area')");
	if (s->cperiod < 0)
		csv_errors_add(errs, h->line, 0, "missing column 'period'");
	if (s->cgroup < 0)
		csv_errors_add(errs, h->line, 0, "missing column 'group'");
	for (size_t c = 0; c < h->ncells; c++) {
		if ((int)c == s->ccode || (int)c == s->cname || (int)c == s->cperiod ||
		    (int)c == s->cgroup)
			continue;
		if (s->nind == CHILD_INDICATORS_MAX) {
			csv_errors_add(errs, h->line, (long)c + 1, "more than %d indicator columns",
			    CHILD_INDICATORS_MAX);
			break;
		}
		if (h->lens[c] == 0 || h->lens[c] > CODE_MAX ||
		    known_measure(s, h->cells[c], h->lens[c]) < 0) {
			csv_errors_add(errs, h->line, (long)c + 1,
			    "column '%.40s' is not a known "
			    "indicator; define it in an indicators file, or use the columns "
			    "area_code, area_name, period, group",
			    h->cells[c]);
			continue;
		}
		s->indcol[s->nind] = (int)c;
		s->indcode[s->nind++] = xstrdup(h->cells[c]);
	}
	if (s->nind == 0)
		csv_errors_add(errs, h->line, 0,
		    "no indicator columns: add one 0/1 column per "
		    "indicator, named by its code");
	return CAIRN_OK;
}

static int
child_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct import_state *s = arg;
	const char *code, *name;
	size_t codelen, namelen;
	char key[2 * (CODE_MAX + 2) + 16];
	int grp = 0, klen;
	bool ok = true, added;
	size_t a;
	long *cnt;
	char v[CHILD_INDICATORS_MAX];

	if ((s->ccode < 0 && s->cname < 0) || s->cperiod < 0 || s->cgroup < 0 || s->nind == 0)
		return CAIRN_OK;
	code = s->ccode >= 0 ? r->cells[s->ccode] : r->cells[s->cname];
	codelen = s->ccode >= 0 ? r->lens[s->ccode] : r->lens[s->cname];
	name = s->cname >= 0 ? r->cells[s->cname] : code;
	namelen = s->cname >= 0 ? r->lens[s->cname] : codelen;
	if (codelen == 0 || codelen > CODE_MAX) {
		int col = s->ccode >= 0 ? s->ccode : s->cname;

		CELL_ERR(errs, r, col,
		    codelen == 0 ? "the area is empty"
		                 : "the area code is too long (the limit is 64 bytes)");
		ok = false;
	}
	if (namelen > NAME_MAX_LEN) {
		CELL_ERR(errs, r, s->cname, "the area name is too long (the limit is %d bytes)",
		    NAME_MAX_LEN);
		ok = false;
	}
	ok &= check_name(r, s->cperiod, "the period", CODE_MAX, errs);
	ok &= check_group(r, s->cgroup, &grp, errs);
	for (int k = 0; k < s->nind; k++) {
		const char *cell = r->cells[s->indcol[k]];
		size_t len = r->lens[s->indcol[k]];

		if (len == 0)
			v[k] = 2; /* not recorded for this child */
		else if (len == 1 && (cell[0] == '0' || cell[0] == '1'))
			v[k] = (char)(cell[0] - '0');
		else {
			CELL_ERR(errs, r, s->indcol[k],
			    "'%.20s' is not 0, 1 or empty (not recorded)", cell);
			ok = false;
		}
	}
	if (!ok)
		return CAIRN_OK;
	/* The key is built by hand: this runs once per child. */
	memcpy(key, code, codelen);
	klen = (int)codelen;
	key[klen++] = '\x1f';
	memcpy(key + klen, r->cells[s->cperiod], r->lens[s->cperiod]);
	klen += (int)r->lens[s->cperiod];
	key[klen++] = '\x1f';
	key[klen++] = (char)('0' + grp / 10);
	key[klen++] = (char)('0' + grp % 10);
	a = keymap_get_or_add(&s->aggkeys, key, (size_t)klen, s->naggs, &added);
	if (added) {
		if (s->naggs == s->capaggs) {
			s->capaggs = s->capaggs ? s->capaggs * 2 : 256;
			s->aggs = xreallocarray(s->aggs, s->capaggs, sizeof(*s->aggs));
			s->counts = xreallocarray(s->counts, s->capaggs * (size_t)s->nind * 2,
			    sizeof(long));
		}
		s->aggs[a].area_code = xstrndup(code, codelen);
		s->aggs[a].area_name = xstrndup(name, namelen);
		s->aggs[a].period = xstrdup(r->cells[s->cperiod]);
		s->aggs[a].group = grp;
		s->aggs[a].line = r->line;
		memset(s->counts + a * (size_t)s->nind * 2, 0, (size_t)s->nind * 2 * sizeof(long));
		s->naggs++;
		if (grp > s->maxgroup)
			s->maxgroup = grp;
	} else if (s->cname >= 0 && s->ccode >= 0 &&
	    (strlen(s->aggs[a].area_name) != namelen ||
	        memcmp(s->aggs[a].area_name, name, namelen) != 0)) {
		CELL_ERR(errs, r, s->cname, "area %s is called '%s' on line %ld but '%.60s' here",
		    s->aggs[a].area_code, s->aggs[a].area_name, s->aggs[a].line, name);
		return CAIRN_OK;
	}
	cnt = s->counts + a * (size_t)s->nind * 2;
	for (int k = 0; k < s->nind; k++) {
		if (v[k] == 2)
			continue;
		cnt[2 * k] += v[k];
		cnt[2 * k + 1]++;
	}
	return CAIRN_OK;
}

/* Frees everything an import state owns. */
static void
import_state_free(struct import_state *s)
{
	keymap_free(&s->known);
	keymap_free(&s->unknown);
	keymap_free(&s->cellkeys);
	keymap_free(&s->aggkeys);
	for (size_t i = 0; i < s->ncells; i++) {
		free(s->cells[i].indicator);
		free(s->cells[i].area_code);
		free(s->cells[i].area_name);
		free(s->cells[i].period);
	}
	free(s->cells);
	for (size_t i = 0; i < s->naggs; i++) {
		free(s->aggs[i].area_code);
		free(s->aggs[i].area_name);
		free(s->aggs[i].period);
	}
	free(s->aggs);
	free(s->counts);
	for (int k = 0; k < s->nind; k++)
		free(s->indcode[k]);
}

/* Turns the child-level aggregates into cells (only indicator/group
 * combinations with at least one child recorded). */
static void
child_cells(struct import_state *s)
{
	for (size_t a = 0; a < s->naggs; a++) {
		const long *cnt = s->counts + a * (size_t)s->nind * 2;

		for (int k = 0; k < s->nind; k++) {
			struct outcome_cell c;

			if (cnt[2 * k + 1] == 0)
				continue;
			memset(&c, 0, sizeof(c));
			c.indicator = xstrdup(s->indcode[k]);
			c.area_code = xstrdup(s->aggs[a].area_code);
			c.area_name = xstrdup(s->aggs[a].area_name);
			c.period = xstrdup(s->aggs[a].period);
			c.grp_given = s->aggs[a].group;
			c.numerator = (double)cnt[2 * k];
			c.denominator = (double)cnt[2 * k + 1];
			if (s->ncells == s->capcells) {
				s->capcells = s->capcells ? s->capcells * 2 : 256;
				s->cells = xreallocarray(s->cells, s->capcells, sizeof(*s->cells));
			}
			s->cells[s->ncells++] = c;
		}
	}
}

/*
 * Reads a child-level file through the fast path (app/outcomes/outcome_fast.h):
 * the header through the general reader (so its checks and errors are the
 * usual ones), then the rows in one pass over the mmap'd file.  Returns
 * true with s->aggs, s->counts and *rows filled when the fast path read
 * every row; false when the file must be read by the general reader (it
 * is not a regular file, the header has an error, or a row is anything
 * but plain), with s holding whatever the header left (the caller resets
 * it) and errs possibly non-empty (the caller clears it).
 */
static bool
child_import_fast(struct import_state *s, const char *path, struct csv_errors *errs, long *rows)
{
	struct csv_opts co;
	struct csv_reader *rd = NULL;
	struct child_fast f;
	struct child_fast_cols cols;
	struct mapfile mf;
	size_t pos = 0;
	long line = 1;
	bool ok = false;

	memset(&f, 0, sizeof(f));
	if (!mapfile_open(&mf, path))
		goto out;
	memset(&co, 0, sizeof(co));
	co.on_header = child_header;
	co.on_row = child_row;
	co.arg = s;
	rd = csv_reader_new(&co, errs);
	if (csv_reader_feed_header(rd, mf.data, mf.n, &pos, &line) != CAIRN_OK ||
	    csv_reader_header(rd) == NULL)
		goto out;
	if (errs->total > 0 || csv_reader_rows(rd) != 0 || s->nind == 0 || s->cperiod < 0 ||
	    s->cgroup < 0 || (s->ccode < 0 && s->cname < 0))
		goto out;
	cols.ncols = csv_reader_header(rd)->ncells;
	cols.code = s->ccode >= 0 ? s->ccode : s->cname;
	cols.name = s->ccode >= 0 ? s->cname : -1;
	cols.period = s->cperiod;
	cols.group = s->cgroup;
	cols.nind = s->nind;
	cols.ind = s->indcol;
	cols.release = true;
	if (!child_fast_scan(mf.data, mf.n, pos, line, &cols, &f))
		goto out;
	s->capaggs = f.naggs;
	s->aggs = xcalloc(f.naggs, sizeof(*s->aggs));
	s->counts = xcalloc(f.naggs * (size_t)s->nind * 2, sizeof(long));
	for (size_t a = 0; a < f.naggs; a++) {
		const struct child_fast_agg *g = &f.aggs[a];

		s->aggs[a].area_code = xstrndup(g->code, g->codelen);
		s->aggs[a].area_name = xstrndup(g->name, g->namelen);
		s->aggs[a].period = xstrndup(g->period, g->periodlen);
		s->aggs[a].group = g->group;
		s->aggs[a].line = g->line;
		memcpy(s->counts + a * (size_t)s->nind * 2, g->counts,
		    (size_t)s->nind * 2 * sizeof(long));
	}
	s->naggs = f.naggs;
	s->maxgroup = f.maxgroup;
	*rows = f.rows;
	ok = true;
out:
	child_fast_free(&f);
	csv_reader_free(rd);
	mapfile_close(&mf);
	return ok;
}

/* Returns the last path component of path. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Stores the metadata, the import record, the cells and the audit entry
 * in one transaction. */
static int
save_import(struct store *st, const struct actor *who, const struct outcome_import_req *req,
    enum outcome_q1 q1, struct import_state *s, struct meta_read *meta, long rows,
    struct outcome_import_result *res, struct cairn_err *err)
{
	struct outcome_import_rec rec = { base_name(req->path),
		req->child_level ? "child-level" : "aggregate", outcome_q1_code[q1], req->simd,
		rows, who->name };
	char detail[256];
	int rc, ngroups = s->maxgroup > 5 ? 10 : 5;

	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; rc == CAIRN_OK && i < meta->n; i++)
		rc = store_outcome_indicator_put(st, &meta->v[i], err);
	if (rc == CAIRN_OK)
		rc = store_outcome_import_insert(st, &rec, &res->import_id, err);
	for (size_t i = 0; rc == CAIRN_OK && i < s->ncells; i++) {
		struct outcome_cell *c = &s->cells[i];

		c->ngroups = ngroups;
		c->grp = q1 == OUTCOME_Q1_MOST ? c->grp_given : ngroups + 1 - c->grp_given;
		rc = store_outcome_cell_put(st, c, res->import_id, err);
	}
	snprintf(detail, sizeof(detail),
	    "%s; %zu cells from %ld rows; group 1 = %s; SIMD %s; "
	    "%zu indicators defined",
	    rec.kind, s->ncells, rows, rec.q1, rec.simd, meta->n);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "outcome.import", 0, rec.file_name, detail, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK) {
		store_rollback(st);
		return rc;
	}
	res->rows = rows;
	res->cells = (long)s->ncells;
	res->indicators = (long)meta->n;
	res->ngroups = ngroups;
	return CAIRN_OK;
}

int
app_outcome_import(struct store *st, const struct actor *who, const struct outcome_import_req *req,
    struct outcome_import_result *res, struct csv_errors *errs, const char **errs_file,
    struct cairn_err *err)
{
	struct meta_read meta;
	struct import_state s;
	struct csv_opts co;
	enum outcome_q1 q1;
	long rows = 0;
	int rc;

	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_REFERENCE, NULL, err)) != CAIRN_OK)
		return rc;

	memset(&meta, 0, sizeof(meta));
	memset(&s, 0, sizeof(s));
	memset(res, 0, sizeof(*res));
	csv_errors_clear(errs);
	*errs_file = req->path;
	if (req->q1 == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "q1",
		    "the meaning of group 1 is required: say whether group 1 is "
		    "most-deprived or least-deprived in this file");
	if (strcmp(req->q1, outcome_q1_code[OUTCOME_Q1_MOST]) == 0)
		q1 = OUTCOME_Q1_MOST;
	else if (strcmp(req->q1, outcome_q1_code[OUTCOME_Q1_LEAST]) == 0)
		q1 = OUTCOME_Q1_LEAST;
	else
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "q1",
		    "group 1 '%s' is not valid; use most-deprived or "
		    "least-deprived",
		    req->q1);
	if (req->simd == NULL || (strcmp(req->simd, "2016") != 0 && strcmp(req->simd, "2020") != 0))
		return cairn_err_field(err, CAIRN_EUSAGE,
		    req->simd ? CAIRN_CODE_INVALID : CAIRN_CODE_REQUIRED, "simd",
		    "the SIMD version %s%s%s: give the SIMD version the groups "
		    "come from, 2016 or 2020",
		    req->simd ? "'" : "is required", req->simd ? req->simd : "",
		    req->simd ? "' is not valid" : "");
	if (req->indicators != NULL) {
		memset(&co, 0, sizeof(co));
		co.on_header = meta_header;
		co.on_row = meta_row;
		co.arg = &meta;
		*errs_file = req->indicators;
		if ((rc = csv_read_file(req->indicators, &co, errs, err)) != CAIRN_OK)
			goto out;
		*errs_file = req->path;
	}
	s.st = st;
	s.meta = &meta;
	memset(&co, 0, sizeof(co));
	co.on_header = req->child_level ? child_header : agg_header;
	co.on_row = req->child_level ? child_row : agg_row;
	co.arg = &s;
	if (req->child_level && !req->general_reader) {
		if (child_import_fast(&s, req->path, errs, &rows)) {
			res->fast = true;
			goto aggregated;
		}
		/* Not plain enough: read it all again with the general reader. */
		import_state_free(&s);
		memset(&s, 0, sizeof(s));
		s.st = st;
		s.meta = &meta;
		csv_errors_clear(errs);
	}
	{
		struct csv_reader *rd;
		FILE *f = fopen(req->path, "rb");
		char *chunk;
		size_t got;

		if (f == NULL) {
			rc = cairn_errf(err, CAIRN_ENOINPUT, "cannot read %s", req->path);
			goto out;
		}
		rd = csv_reader_new(&co, errs);
		chunk = xmalloc(IMPORT_CHUNK);
		rc = CAIRN_OK;
		while (rc == CAIRN_OK && (got = fread(chunk, 1, IMPORT_CHUNK, f)) > 0)
			rc = csv_reader_feed(rd, chunk, got);
		if (rc == CAIRN_OK && ferror(f))
			rc = cairn_errf(err, CAIRN_ENOINPUT, "cannot read %s", req->path);
		if (rc == CAIRN_OK)
			rc = csv_reader_finish(rd);
		rows = csv_reader_rows(rd);
		csv_reader_free(rd);
		free(chunk);
		fclose(f);
		if (rc != CAIRN_OK)
			goto out;
	}
	if (errs->total > 0) {
		rc = csv_errors_summary(errs, req->path, err);
		goto out;
	}
aggregated:
	if (req->child_level)
		child_cells(&s);
	if (s.ncells == 0) {
		rc = cairn_errf(err, CAIRN_EDATA, "%s has no data rows; nothing was imported",
		    req->path);
		goto out;
	}
	rc = save_import(st, who, req, q1, &s, &meta, rows, res, err);
out:
	import_state_free(&s);
	keymap_free(&meta.seen);
	outcome_indicators_free(meta.v, meta.n);
	return rc;
}

/* ---- the group CSV of `cairn stats sii` ---- */

/* State while reading a group CSV. */
struct sii_read {
	int col[5]; /* group, population, value, lower, upper (-1 absent) */
	struct outcome_sii_file *out;
	bool seen[STATS_GROUPS_MAX + 1]; /* groups seen */
};

static const char *const SII_COLS[5] = { "group", "population", "value", "lower", "upper" };

static int
sii_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct sii_read *s = arg;

	for (int i = 0; i < 5; i++) {
		s->col[i] = column_of(h, SII_COLS[i]);
		if (s->col[i] < 0 && i < 3)
			csv_errors_add(errs, h->line, 0,
			    "missing column '%s'; the columns are group "
			    "(1 = most deprived), population, value and optionally lower, upper",
			    SII_COLS[i]);
	}
	if ((s->col[3] < 0) != (s->col[4] < 0))
		csv_errors_add(errs, h->line, 0, "give both 'lower' and 'upper', or neither");
	return CAIRN_OK;
}

static int
sii_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct sii_read *s = arg;
	struct stats_group g = { 0, 0, 0, NAN, NAN };
	bool ok = true;
	long grp = 0;

	if (s->col[0] < 0 || s->col[1] < 0 || s->col[2] < 0)
		return CAIRN_OK;
	if (!text_parse_long(r->cells[s->col[0]], 1, STATS_GROUPS_MAX, &grp)) {
		CELL_ERR(errs, r, s->col[0],
		    "group '%.20s' is not a whole number from 1 (most "
		    "deprived) to %d",
		    r->cells[s->col[0]], STATS_GROUPS_MAX);
		ok = false;
	} else if (s->seen[grp]) {
		CELL_ERR(errs, r, s->col[0], "group %ld is given twice", grp);
		ok = false;
	}
	ok &= check_number(r, s->col[1], "the population", 0, true, &g.population, errs);
	if (!text_parse_double(r->cells[s->col[2]], &g.value)) {
		CELL_ERR(errs, r, s->col[2], "the value '%.40s' is not a number",
		    r->cells[s->col[2]]);
		ok = false;
	}
	if (s->col[3] >= 0 && s->col[4] >= 0 &&
	    (r->lens[s->col[3]] > 0 || r->lens[s->col[4]] > 0)) {
		if (!text_parse_double(r->cells[s->col[3]], &g.lower)) {
			CELL_ERR(errs, r, s->col[3], "lower '%.40s' is not a number",
			    r->cells[s->col[3]]);
			ok = false;
		}
		if (!text_parse_double(r->cells[s->col[4]], &g.upper)) {
			CELL_ERR(errs, r, s->col[4], "upper '%.40s' is not a number",
			    r->cells[s->col[4]]);
			ok = false;
		}
		if (ok && !(g.lower <= g.value && g.value <= g.upper)) {
			CELL_ERR(errs, r, s->col[3],
			    "the interval %g to %g does not contain the value %g", g.lower, g.upper,
			    g.value);
			ok = false;
		}
	}
	if (!ok)
		return CAIRN_OK;
	if (s->out->ngroups == STATS_GROUPS_MAX) {
		csv_errors_add(errs, r->line, 0, "more than %d groups", STATS_GROUPS_MAX);
		return CAIRN_OK;
	}
	g.group = (int)grp;
	s->seen[grp] = true;
	s->out->groups[s->out->ngroups++] = g;
	return CAIRN_OK;
}

int
app_sii_file(const char *path, const struct stats_sii_opts *opts, struct outcome_sii_file *out,
    struct csv_errors *errs, struct cairn_err *err)
{
	struct sii_read s;
	struct csv_opts co;
	const char *why = NULL;
	int rc;

	memset(&s, 0, sizeof(s));
	memset(out, 0, sizeof(*out));
	s.out = out;
	memset(&co, 0, sizeof(co));
	co.on_header = sii_header;
	co.on_row = sii_row;
	co.arg = &s;
	if ((rc = csv_read_file(path, &co, errs, err)) != CAIRN_OK)
		return rc;
	out->have_limits = out->ngroups > 0;
	for (size_t i = 0; i < out->ngroups; i++)
		out->have_limits &=
		    isfinite(out->groups[i].lower) && isfinite(out->groups[i].upper);
	if (!stats_sii(out->groups, out->ngroups, opts, &out->sii, &why) ||
	    !stats_ranges(out->groups, out->ngroups, &out->ranges, &why))
		return cairn_errf(err, CAIRN_EDATA, "cannot compute the SII for %s: %s", path, why);
	return CAIRN_OK;
}
