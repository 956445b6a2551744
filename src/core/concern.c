/* Matters of concern: see concern.h. */
#include "core/concern.h"

#include <stdlib.h>
#include <string.h>

const struct concern_kind_info concern_kind_table[CONCERN_KIND__MAX] = {
	[CONCERN_KIND_CHILD_PROTECTION] = { "child-protection", "Child protection concern",
	    CONCERN_PROC_CONCERN },
	[CONCERN_KIND_CHILD] = { "child", "Matter of concern about a child", CONCERN_PROC_CONCERN },
	[CONCERN_KIND_PRACTICE] = { "practice", "Concern about practice", CONCERN_PROC_CONCERN },
	[CONCERN_KIND_REVIEW] = { "review",
	    "Request for a management or learning review (such as a significant case review)",
	    CONCERN_PROC_REVIEW },
};
_Static_assert(sizeof(concern_kind_table) / sizeof(concern_kind_table[0]) == CONCERN_KIND__MAX,
    "one row per kind");

const char *const concern_step_code[CONCERN_STEP__MAX] = {
	[CONCERN_RAISED] = "raised",
	[CONCERN_ESCALATED] = "escalated",
	[CONCERN_NOT_ESCALATED] = "not-escalated",
	[CONCERN_PASSED] = "passed",
	[CONCERN_RESPONDED] = "responded",
	[CONCERN_CLOSED] = "closed",
};
_Static_assert(sizeof(concern_step_code) / sizeof(concern_step_code[0]) == CONCERN_STEP__MAX,
    "one code per step");

int
concern_kind_parse(const char *code)
{
	for (int k = 0; code != NULL && k < CONCERN_KIND__MAX; k++)
		if (strcmp(code, concern_kind_table[k].code) == 0)
			return k;
	return -1;
}

int
concern_step_parse(const char *code)
{
	for (int s = 0; code != NULL && s < CONCERN_STEP__MAX; s++)
		if (strcmp(code, concern_step_code[s]) == 0)
			return s;
	return -1;
}

void
concern_events_free(struct concern_event *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].actor);
		free(v[i].text);
		free(v[i].officer);
	}
	free(v);
}

void
concern_free(struct concern *c)
{
	if (c == NULL)
		return;
	free(c->ref);
	free(c->text);
	free(c->raised_by);
	free(c->closed_by);
	free(c->close_note);
	concern_events_free(c->events, c->nevents);
	memset(c, 0, sizeof(*c));
}

void
concerns_free(struct concern *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		concern_free(&v[i]);
	free(v);
}
