/* Disclosure control: see disclose.h. */
#include "app/publication/disclose.h"

#include "core/mem.h"

#include <stdint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "store/publication.h"

const char *const disclose_state_name[DISCLOSE_STATE__MAX] = {
	[DISCLOSE_SHOWN] = "shown",
	[DISCLOSE_PRIMARY] = "primary",
	[DISCLOSE_SECONDARY] = "secondary",
};
_Static_assert(sizeof(disclose_state_name) / sizeof(disclose_state_name[0]) == DISCLOSE_STATE__MAX,
    "disclose_state_name: one entry per value");

int
disclose_threshold_load(struct store *st, long id, long *threshold, struct cairn_err *err)
{
	char *text = NULL;
	int rc;

	*threshold = DISCLOSE_THRESHOLD_DEFAULT;
	if ((rc = store_setting_get(st, id, "threshold", &text, err)) != CAIRN_OK)
		return rc;
	if (text != NULL &&
	    !text_parse_long(text, DISCLOSE_THRESHOLD_MIN, DISCLOSE_THRESHOLD_MAX, threshold))
		*threshold = DISCLOSE_THRESHOLD_DEFAULT;
	free(text);
	return CAIRN_OK;
}

bool
disclose_count_ok(long n, long threshold)
{
	return n <= 0 || n >= threshold;
}

bool
disclose_percent_ok(long n, long threshold)
{
	return n >= threshold && n > 0;
}

/* One line of a table: its member cells and its total cell. */
struct line {
	size_t cells[512]; /* indexes of member cells */
	size_t n;          /* members */
	size_t total;      /* index of the total cell */
};

/*
 * If a line's equation total = sum(members) has exactly one unknown
 * (suppressed) value, suppresses one more cell: the smallest non-zero
 * shown member, else any shown member, else the total.  Returns true if
 * it suppressed something.
 */
static bool
protect_line(struct disclose_table *t, const struct line *l)
{
	size_t unknown = t->state[l->total] != DISCLOSE_SHOWN, pick = (size_t)-1;

	for (size_t i = 0; i < l->n; i++)
		unknown += t->state[l->cells[i]] != DISCLOSE_SHOWN;
	if (unknown != 1)
		return false;
	for (size_t i = 0; i < l->n; i++) {
		size_t c = l->cells[i];

		if (t->state[c] != DISCLOSE_SHOWN)
			continue;
		if (pick == (size_t)-1 ||
		    (t->counts[c] > 0 && (t->counts[pick] == 0 || t->counts[c] < t->counts[pick])))
			pick = c;
	}
	if (pick == (size_t)-1)
		pick = l->total;
	t->state[pick] = DISCLOSE_SECONDARY;
	return true;
}

size_t
disclose_apply(struct disclose_table *t, long threshold)
{
	size_t total = t->nrows * t->ncols, suppressed = 0;
	bool changed = true;
	struct line l;

	for (size_t i = 0; i < total; i++)
		t->state[i] =
		    disclose_count_ok(t->counts[i], threshold) ? DISCLOSE_SHOWN : DISCLOSE_PRIMARY;
	/* Each pass suppresses at least one cell or stops. */
	for (size_t guard = 0; changed && guard <= total; guard++) {
		changed = false;
		if (t->row_totals && t->ncols >= 2 && t->ncols - 1 <= 512) {
			for (size_t r = 0; r < t->nrows; r++) {
				l.n = 0;
				for (size_t c = 0; c + 1 < t->ncols; c++)
					l.cells[l.n++] = r * t->ncols + c;
				l.total = r * t->ncols + t->ncols - 1;
				changed |= protect_line(t, &l);
			}
		}
		if (t->col_totals && t->nrows >= 2 && t->nrows - 1 <= 512) {
			for (size_t c = 0; c < t->ncols; c++) {
				l.n = 0;
				for (size_t r = 0; r + 1 < t->nrows; r++)
					l.cells[l.n++] = r * t->ncols + c;
				l.total = (t->nrows - 1) * t->ncols + c;
				changed |= protect_line(t, &l);
			}
		}
	}
	for (size_t i = 0; i < total; i++)
		suppressed += t->state[i] != DISCLOSE_SHOWN;
	return suppressed;
}

const char *
disclose_text(long n, enum disclose_state s, long threshold, char *out, size_t outsz)
{
	switch (s) {
	case DISCLOSE_PRIMARY: snprintf(out, outsz, "fewer than %ld", threshold); break;
	case DISCLOSE_SECONDARY: snprintf(out, outsz, "suppressed"); break;
	default: snprintf(out, outsz, "%ld", n); break;
	}
	return out;
}

/* FNV-1a of len bytes at p. */
static uint64_t
ref_hash(const char *p, size_t len)
{
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
	return h;
}

/* The most distinct reference lengths the hashed search handles; more fall
 * back to one search of the text per reference. */
#define REF_LENGTHS_MAX 64

/*
 * Finds the first (lowest index) reference in text.  The references are put
 * in a hash table, and every substring of the text of each of their lengths
 * is looked up in it (issue 17: one memmem per reference of a 50,000-child
 * population over the whole report took half a second).  The answer is the
 * one the plain search gives: the lowest index among the references found.
 */
long
disclose_find_ref(const char *text, size_t len, char *const *refs, size_t n)
{
	size_t lens[REF_LENGTHS_MAX], nlens = 0, cap = 16, *slot;
	long best = -1;

	for (size_t i = 0; i < n; i++) {
		size_t rl = refs[i] != NULL ? strlen(refs[i]) : 0, k;

		if (rl == 0 || rl > len)
			continue;
		for (k = 0; k < nlens && lens[k] != rl; k++)
			;
		if (k == nlens && nlens == REF_LENGTHS_MAX)
			goto plain;
		if (k == nlens)
			lens[nlens++] = rl;
	}
	while (cap < 2 * n)
		cap *= 2;
	/* Slots hold index + 1 (0: empty); the first of equal references wins. */
	slot = xcalloc(cap, sizeof(*slot));
	for (size_t i = 0; i < n; i++) {
		size_t rl = refs[i] != NULL ? strlen(refs[i]) : 0, j;

		if (rl == 0 || rl > len)
			continue;
		for (j = ref_hash(refs[i], rl) & (cap - 1); slot[j] != 0; j = (j + 1) & (cap - 1))
			if (strcmp(refs[slot[j] - 1], refs[i]) == 0)
				break;
		if (slot[j] == 0)
			slot[j] = i + 1;
	}
	for (size_t k = 0; k < nlens; k++) {
		size_t rl = lens[k];

		for (size_t p = 0; p + rl <= len; p++) {
			for (size_t j = ref_hash(text + p, rl) & (cap - 1); slot[j] != 0;
			     j = (j + 1) & (cap - 1)) {
				const char *r = refs[slot[j] - 1];

				if (strlen(r) == rl && memcmp(r, text + p, rl) == 0) {
					if (best < 0 || (long)(slot[j] - 1) < best)
						best = (long)(slot[j] - 1);
					break;
				}
			}
		}
	}
	free(slot);
	return best;
plain:
	for (size_t i = 0; i < n; i++) {
		size_t rl = refs[i] != NULL ? strlen(refs[i]) : 0;

		if (rl == 0 || rl > len)
			continue;
		if (memmem(text, len, refs[i], rl) != NULL)
			return (long)i;
	}
	return -1;
}
