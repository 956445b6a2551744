/* Fieldwork vocabulary: see fieldwork.h. */
#include "core/fieldwork.h"

#include <stdlib.h>
#include <string.h>

const struct activity_kind_info activity_kind_table[ACTIVITY__MAX] = {
	[ACTIVITY_FOCUS_GROUP] = { "focus-group", "Focus group", "focus group", "focus groups",
	    "focus-group" },
	[ACTIVITY_INTERVIEW] = { "interview", "One-to-one interview", "one-to-one interview",
	    "one-to-one interviews", "interview" },
	[ACTIVITY_PARTNERSHIP_DISCUSSION] = { "partnership-discussion",
	    "Partnership (professional) discussion", "partnership discussion",
	    "partnership discussions", "professional-discussion" },
	[ACTIVITY_OBSERVATION] = { "observation", "Observation of practice",
	    "observation of practice", "observations of practice", "observation" },
	[ACTIVITY_CASE_DISCUSSION] = { "case-discussion",
	    "Case discussion of a child's network of support",
	    "case discussion of a child's network of support",
	    "case discussions of a child's network of support", "professional-discussion" },
	[ACTIVITY_YOUNG_INSPECTORS] = { "young-inspectors",
	    "Young inspectors' meeting with children and young people",
	    "young inspectors' meeting with children and young people",
	    "young inspectors' meetings with children and young people", "young-inspectors" },
};
_Static_assert(sizeof(activity_kind_table) / sizeof(activity_kind_table[0]) == ACTIVITY__MAX,
    "activity_kind_table: one entry per value");

const char *const activity_status_code[ACTIVITY_STATUS__MAX] = {
	[ACTIVITY_PLANNED] = "planned",
	[ACTIVITY_HELD] = "held",
	[ACTIVITY_CANCELLED] = "cancelled",
};
_Static_assert(sizeof(activity_status_code) / sizeof(activity_status_code[0]) ==
        ACTIVITY_STATUS__MAX,
    "activity_status_code: one entry per value");

const struct people_kind_info people_kind_table[PEOPLE__MAX] = {
	[PEOPLE_STAFF] = { "staff", "Staff", "member of staff", "members of staff" },
	[PEOPLE_LEADERS] = { "leaders", "Leaders", "leader", "leaders" },
	[PEOPLE_CHILDREN] = { "children", "Children", "child", "children" },
	[PEOPLE_YOUNG_PEOPLE] = { "young-people", "Young people", "young person", "young people" },
	[PEOPLE_PARENTS_CARERS] = { "parents-carers", "Parents and carers", "parent or carer",
	    "parents and carers" },
};
_Static_assert(sizeof(people_kind_table) / sizeof(people_kind_table[0]) == PEOPLE__MAX,
    "people_kind_table: one entry per value");

int
activity_kind_parse(const char *code)
{
	for (int k = 0; code != NULL && k < ACTIVITY__MAX; k++)
		if (strcmp(code, activity_kind_table[k].code) == 0)
			return k;
	return -1;
}

int
activity_status_parse(const char *code)
{
	for (int k = 0; code != NULL && k < ACTIVITY_STATUS__MAX; k++)
		if (strcmp(code, activity_status_code[k]) == 0)
			return k;
	return -1;
}

void
activity_free(struct activity *a)
{
	if (a == NULL)
		return;
	free(a->place);
	free(a->lead);
	free(a->agencies);
	free(a->roles);
	free(a->cancel_reason);
	free(a->created_by);
	memset(a, 0, sizeof(*a));
}

void
activity_list_free(struct activity *a, size_t n)
{
	for (size_t i = 0; a != NULL && i < n; i++)
		activity_free(&a[i]);
	free(a);
}
