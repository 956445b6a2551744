/* The row types of core/plan.h: their free functions and code tables. */
#include "core/plan.h"

#include <stdlib.h>
#include <string.h>

const char *const plan_status_code[PLAN_STATUS__MAX] = {
	[PLAN_PLANNED] = "planned",
	[PLAN_IN_PROGRESS] = "in-progress",
	[PLAN_DONE] = "done",
	[PLAN_DROPPED] = "dropped",
};
_Static_assert(sizeof(plan_status_code) / sizeof(plan_status_code[0]) == PLAN_STATUS__MAX,
    "plan_status_code: one entry per value");

int
plan_status_parse(const char *code)
{
	for (int i = 0; code != NULL && i < PLAN_STATUS__MAX; i++)
		if (strcmp(code, plan_status_code[i]) == 0)
			return i;
	return -1;
}

void
plan_action_free(struct plan_action *a)
{
	if (a == NULL)
		return;
	free(a->text);
	free(a->owner);
	free(a->agency);
	memset(a, 0, sizeof(*a));
}

void
plan_actions_free(struct plan_action *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++)
		plan_action_free(&v[i]);
	free(v);
}

void
plan_events_free(struct plan_event *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].actor);
		free(v[i].change);
		free(v[i].note);
		free(v[i].evidence);
	}
	free(v);
}
