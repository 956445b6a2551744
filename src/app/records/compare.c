/* The comparison of double readings: see compare.h. */
#include "app/records/compare.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/* Returns the agreed answer of (member, item, agency) in x, or NULL. */
static const struct resolution *
resolution_of(const struct reading_ctx *x, long member, const char *item, const char *agency)
{
	for (size_t i = 0; i < x->nresolutions; i++)
		if (x->resolutions[i].member_id == member &&
		    strcmp(x->resolutions[i].item, item) == 0 &&
		    strcmp(x->resolutions[i].agency, agency) == 0)
			return &x->resolutions[i];
	return NULL;
}

/* Fills the items of record c (which has two readings). */
static void
compare_items(const struct reading_ctx *x, struct compare_record *c)
{
	size_t cap = 0;

	for (size_t k = 0; k < x->tpl.nitems; k++)
		cap += x->tpl.items[k].per_agency ? x->tpl.nagencies : 1;
	c->items = xcalloc(cap ? cap : 1, sizeof(*c->items));
	for (size_t k = 0; k < x->tpl.nitems; k++) {
		const struct template_item *it = &x->tpl.items[k];
		size_t nag = it->per_agency ? x->tpl.nagencies : 1;

		for (size_t g = 0; g < nag; g++) {
			struct compare_item *ci = &c->items[c->nitems];
			const char *ag = it->per_agency ? x->tpl.agencies[g].code : "";
			const char *a = reading_ctx_answer(x, c->reading[0]->id, it->code, ag);
			const char *b = reading_ctx_answer(x, c->reading[1]->id, it->code, ag);

			if (a == NULL && b == NULL)
				continue;
			ci->item = it;
			ci->agency = it->per_agency ? &x->tpl.agencies[g] : NULL;
			ci->agency_code = ag;
			ci->first = a;
			ci->second = b;
			ci->differ = a == NULL || b == NULL || strcmp(a, b) != 0;
			ci->resolution = resolution_of(x, c->member->id, it->code, ag);
			c->nitems++;
			if (ci->differ) {
				c->ndiff++;
				c->nresolved += ci->resolution != NULL;
			}
		}
	}
}

void
reading_compare(const struct reading_ctx *x, const char *ref, struct comparison *out)
{
	memset(out, 0, sizeof(*out));
	out->records = xcalloc(x->sample.nmembers ? x->sample.nmembers : 1, sizeof(*out->records));
	for (size_t i = 0; i < x->sample.nmembers; i++) {
		const struct sample_member *m = &x->sample.members[i];
		struct compare_record *c = &out->records[out->nrecords];

		if (m->status != SAMPLE_SELECTED || !m->double_read ||
		    (ref != NULL && strcmp(m->ref, ref) != 0))
			continue;
		c->member = m;
		reading_ctx_pair(x, m->id, c->reading);
		for (int k = 0; k < 2; k++)
			c->reader[k] =
			    c->reading[k] != NULL ? reading_ctx_reader(x, c->reading[k]) : NULL;
		out->nrecords++;
		if (c->reading[1] == NULL) {
			out->awaiting++;
			continue;
		}
		out->compared++;
		compare_items(x, c);
		out->differences += c->ndiff;
	}
}

void
comparison_free(struct comparison *c)
{
	for (size_t i = 0; i < c->nrecords; i++)
		free(c->records[i].items);
	free(c->records);
	memset(c, 0, sizeof(*c));
}

json_t *
comparison_json(const struct comparison *c)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < c->nrecords; i++) {
		const struct compare_record *r = &c->records[i];

		for (size_t k = 0; k < r->nitems; k++) {
			const struct compare_item *ci = &r->items[k];

			if (!ci->differ)
				continue;
			json_array_append_new(arr,
			    json_pack("{s:s, s:s, s:s?, s:{s:s, s:s?}, s:{s:s, s:s?}, s:s?}", "ref",
			        r->member->ref, "item", ci->item->code, "agency",
			        ci->agency != NULL ? ci->agency_code : NULL, "first", "reader",
			        r->reader[0], "answer", ci->first, "second", "reader", r->reader[1],
			        "answer", ci->second, "resolved",
			        ci->resolution != NULL ? ci->resolution->answer : NULL));
		}
	}
	return json_pack("{s:I, s:I, s:I, s:o}", "compared", (json_int_t)c->compared,
	    "awaiting_second_reading", (json_int_t)c->awaiting, "differences",
	    (json_int_t)c->differences, "items", arr);
}
