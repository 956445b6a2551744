/* Evaluations traced to evidence: see evaluation.h. */
#include "app/evaluation/evaluation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/signoff.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/store.h"
#include "store/work.h"

/* Most evidence linked to one grade. */
#define LINKS_MAX 200

/* Parses "1,4,7" into evidence row ids and numbers, checking that each
 * exists, informs qi and is listed once. */
static int
resolve_links(struct store *st, long id, const char *qi, const char *list, long *ids, long *numbers,
    size_t *n, struct cairn_err *err)
{
	char *copy = xstrdup(list), *p = copy;
	int rc = CAIRN_OK;

	*n = 0;
	while (p != NULL && rc == CAIRN_OK) {
		char *next = strchr(p, ','), *item;
		struct evidence_item e;
		long num;
		bool informs = false;

		if (next != NULL)
			*next++ = '\0';
		item = text_trim(p);
		p = next;
		if (*item == '\0')
			continue;
		if (!text_parse_long(item, 1, 2000000000L, &num)) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "evidence",
			    "'%s' is not an evidence number; give the numbers of the "
			    "evidence log of inspection %ld, separated by commas, e.g. 1,4",
			    item, id);
			break;
		}
		for (size_t i = 0; i < *n; i++)
			if (numbers[i] == num)
				rc = cairn_errf(err, CAIRN_EDATA, "evidence %ld is listed twice",
				    num);
		if (rc == CAIRN_OK && *n == LINKS_MAX)
			rc = cairn_errf(err, CAIRN_EDATA,
			    "more than %d pieces of evidence linked to one "
			    "grade",
			    LINKS_MAX);
		if (rc != CAIRN_OK || (rc = store_evidence_get(st, id, num, &e, err)) != CAIRN_OK)
			break;
		for (size_t i = 0; i < e.nqis; i++)
			informs |= strcmp(e.qis[i], qi) == 0;
		if (e.withdrawn_at[0] != '\0')
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "evidence",
			    "evidence %ld was withdrawn, so a grade cannot rest on it; reinstate "
			    "it first",
			    num);
		else if (!informs)
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "evidence",
			    "evidence %ld does not inform %s; add %s to the indicators of "
			    "evidence %ld first",
			    num, qi, qi, num);
		ids[*n] = e.id;
		numbers[(*n)++] = num;
		evidence_item_free(&e);
	}
	free(copy);
	return rc;
}

/* Joins numbers with commas into a malloc'd string, or NULL for none. */
static char *
join_numbers(const long *v, size_t n)
{
	struct buf b = BUF_INIT;

	if (n == 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%ld", i ? "," : "", v[i]);
	return buf_take(&b);
}

/* Compares two lists of numbers as sets. */
static bool
same_numbers(const long *a, size_t na, const long *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++) {
		bool found = false;

		for (size_t j = 0; j < nb; j++)
			found |= a[i] == b[j];
		if (!found)
			return false;
	}
	return true;
}

int
evaluation_record(struct store *st, const struct actor *who, long id, const char *qi, int grade,
    const char *rationale, const char *evidence, char **links_out, struct cairn_err *err)
{
	struct evaluation *ev = NULL;
	const struct evaluation *old = NULL;
	long ids[LINKS_MAX], numbers[LINKS_MAX], *oldn = NULL;
	size_t nev = 0, n = 0, noldn = 0;
	char *links = NULL;
	struct buf why = BUF_INIT;
	int rc;

	if (links_out != NULL)
		*links_out = NULL;
	if ((rc = store_evaluation_list(st, id, &ev, &nev, err)) != CAIRN_OK ||
	    (rc = store_grade_links_list(st, id, qi, &oldn, &noldn, err)) != CAIRN_OK)
		goto out;
	for (size_t i = 0; i < nev; i++)
		if (strcmp(ev[i].qi, qi) == 0)
			old = &ev[i];
	if (evidence != NULL) {
		if ((rc = resolve_links(st, id, qi, evidence, ids, numbers, &n, err)) != CAIRN_OK ||
		    (rc = store_grade_links_set(st, id, qi, ids, n, err)) != CAIRN_OK)
			goto out;
		links = join_numbers(numbers, n);
	} else {
		links = join_numbers(oldn, noldn);
	}
	if ((rc = store_grade_event_add(st, id, qi, "team", grade, rationale, links, who->name,
	         err)) != CAIRN_OK)
		goto out;
	if (old != NULL && old->grade != grade)
		buf_printf(&why, "grade of %s changed (%d -> %d)", qi, old->grade, grade);
	else if (old == NULL)
		buf_printf(&why, "%s graded %d", qi, grade);
	else if (strcmp(old->rationale != NULL ? old->rationale : "",
	             rationale != NULL ? rationale : "") != 0)
		buf_printf(&why, "rationale of %s changed", qi);
	else if (evidence != NULL && !same_numbers(numbers, n, oldn, noldn))
		buf_printf(&why, "evidence linked to %s changed", qi);
	if (why.len > 0)
		rc = panel_void_signoff(st, who, id, buf_str(&why), err);
out:
	if (rc == CAIRN_OK && links_out != NULL)
		*links_out = links;
	else
		free(links);
	buf_free(&why);
	free(oldn);
	evaluations_free(ev, nev);
	return rc;
}
