/* Reads of the follow-up for the front ends: see lookup.h. */
#include "app/followup/lookup.h"

#include "app/access/authz.h"
#include "store/history.h"
#include "store/plan.h"

int
app_plan_action_get(struct store *st, const struct actor *who, long aid, struct plan_action *a,
    struct cairn_err *err)
{
	int rc = store_plan_action_load(st, aid, a, err);

	if (rc != CAIRN_OK)
		return rc;
	if ((rc = authz_check(st, who, a->inspection, ACTION_VIEW_INSPECTION, NULL, err)) !=
	    CAIRN_OK)
		plan_action_free(a);
	return rc;
}

int
app_history_list(struct store *st, const char *framework, struct history_row **out, size_t *n,
    struct cairn_err *err)
{
	return store_history_list(st, framework, out, n, err);
}
