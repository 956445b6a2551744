/* The partnership's side of an inspection, as data: see partnership.h. */
#include "core/partnership.h"

#include <stdlib.h>
#include <string.h>

const struct contact_kind_info contact_kind_table[CONTACT__MAX] = {
	[CONTACT_INSPECTION] = { "inspection-coordinator", "Inspection co-ordinator" },
	[CONTACT_PARTICIPATION] = { "participation-coordinator", "Participation co-ordinator" },
};
_Static_assert(sizeof(contact_kind_table) / sizeof(contact_kind_table[0]) == CONTACT__MAX,
    "one row per contact kind");

const struct preret_type_info preret_type_table[PRERET__MAX] = {
	[PRERET_TEXT] = { "text", "text" },
	[PRERET_INTEGER] = { "integer", "a whole number of 0 or more" },
	[PRERET_NUMBER] = { "number", "a number of 0 or more" },
	[PRERET_DATE] = { "date", "a date written YYYY-MM-DD" },
	[PRERET_YESNO] = { "yesno", "yes or no" },
};
_Static_assert(sizeof(preret_type_table) / sizeof(preret_type_table[0]) == PRERET__MAX,
    "one row per column type");

const char *const claim_verdict_code[VERDICT__MAX] = {
	[VERDICT_UNTESTED] = "untested",
	[VERDICT_CONFIRMED] = "confirmed",
	[VERDICT_QUALIFIED] = "qualified",
	[VERDICT_CONTRADICTED] = "contradicted",
};
_Static_assert(sizeof(claim_verdict_code) / sizeof(claim_verdict_code[0]) == VERDICT__MAX,
    "one code per verdict");

int
contact_kind_parse(const char *code)
{
	for (int k = 0; code != NULL && k < CONTACT__MAX; k++)
		if (strcmp(code, contact_kind_table[k].code) == 0)
			return k;
	return -1;
}

int
preret_type_parse(const char *code)
{
	for (int k = 0; code != NULL && k < PRERET__MAX; k++)
		if (strcmp(code, preret_type_table[k].code) == 0)
			return k;
	return -1;
}

int
claim_verdict_parse(const char *code)
{
	for (int k = 0; code != NULL && k < VERDICT__MAX; k++)
		if (strcmp(code, claim_verdict_code[k]) == 0)
			return k;
	return -1;
}

void
partnership_contact_free(struct partnership_contact *c)
{
	if (c == NULL)
		return;
	free(c->name);
	free(c->job);
	free(c->updated_by);
	memset(c, 0, sizeof(*c));
}

void
notification_free(struct notification *n)
{
	if (n == NULL)
		return;
	free(n->body);
	free(n->created_by);
	memset(n, 0, sizeof(*n));
}

void
notifications_free(struct notification *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		notification_free(&v[i]);
	free(v);
}

void
preret_layout_free(struct preret_layout *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		struct preret_sheet *s = &l->sheets[i];

		for (size_t c = 0; c < s->ncols; c++) {
			free(s->cols[c].name);
			free(s->cols[c].title);
		}
		free(s->cols);
		free(s->name);
		free(s->title);
		free(s->note);
	}
	free(l->sheets);
	free(l->title);
	free(l->due_stage);
	memset(l, 0, sizeof(*l));
}

void
preret_return_free(struct preret_return *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nsheets; i++) {
		free(r->sheets[i]);
		if (r->bodies != NULL)
			free(r->bodies[i]);
	}
	free(r->sheets);
	free(r->bodies);
	free(r->rows);
	free(r->allowed);
	free(r->returned_by);
	memset(r, 0, sizeof(*r));
}

void
position_layout_free(struct position_layout *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->sections[i].code);
		free(l->sections[i].title);
	}
	free(l->sections);
	free(l->title);
	free(l->due_stage);
	memset(l, 0, sizeof(*l));
}

void
position_statement_free(struct position_statement *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->codes[i]);
		free(s->bodies[i]);
	}
	free(s->codes);
	free(s->bodies);
	free(s->submitted_by);
	memset(s, 0, sizeof(*s));
}

void
partnership_documents_free(struct partnership_document *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].title);
		free(v[i].filename);
		free(v[i].uploaded_by);
	}
	free(v);
}

void
claim_tests_free(struct claim_test *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].qi);
		free(v[i].note);
		free(v[i].tested_by);
	}
	free(v);
}

void
position_claims_free(struct position_claim *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		claim_tests_free(v[i].tests, v[i].ntests);
		free(v[i].section);
		free(v[i].body);
		free(v[i].documents);
		free(v[i].created_by);
	}
	free(v);
}

long
partnership_word_count(const char *s)
{
	long words = 0;
	bool counted = false;

	for (const unsigned char *p = (const unsigned char *)s; p != NULL && *p != '\0'; p++) {
		bool space =
		    *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v';
		bool alnum = *p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z');

		if (space) {
			counted = false;
			continue;
		}
		if (alnum && !counted) {
			words++;
			counted = true;
		}
	}
	return words;
}
