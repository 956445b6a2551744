/* Reads of the follow-up for the front ends: see lookup.h. */
#include "app/followup/lookup.h"

#include <string.h>

#include "app/access/authz.h"
#include "app/followup/plan.h"
#include "store/history.h"
#include "store/plan.h"

int
app_plan_action_get(struct store *st, const struct actor *who, long id, long number,
    struct plan_action *a, struct cairn_err *err)
{
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = authz_check(st, who, id, ACTION_VIEW_INSPECTION, NULL, err)) != CAIRN_OK)
		return rc;
	return plan_action_find(st, id, number, a, err);
}

int
app_history_list(struct store *st, const char *framework, struct history_row **out, size_t *n,
    struct cairn_err *err)
{
	return store_history_list(st, framework, out, n, err);
}
