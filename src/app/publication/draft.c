/* Who may see the draft report now: see draft.h. */
#include "app/publication/draft.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "app/access/authz.h"
#include "app/setup/stage.h"

int
app_draft_check(struct store *st, const struct actor *who, long id, struct cairn_err *err)
{
	struct cairn_err perm = { 0 };
	struct stage_state s;
	char at[120] = "another stage";
	bool open;
	int rc;

	rc = authz_check(st, who, id, ACTION_VIEW_DRAFT_REPORT, NULL, &perm);
	if (rc == CAIRN_OK || rc != CAIRN_EPERM || perm.code == CAIRN_CODE_UNKNOWN) {
		if (rc != CAIRN_OK && err != NULL)
			*err = perm;
		return rc;
	}
	if (authz_check(st, who, id, ACTION_FACTUAL_ACCURACY, NULL, NULL) != CAIRN_OK)
		return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, NULL,
		    "Your role on this inspection does not include the draft report; the report "
		    "and news release can be seen once they are published");
	if ((rc = app_stage_state(st, id, &s, err)) != CAIRN_OK)
		return rc;
	open =
	    s.current < s.plan.n && strcmp(s.plan.stages[s.current].code, DRAFT_SHARED_STAGE) == 0;
	if (s.current < s.plan.n)
		snprintf(at, sizeof(at), "the %s stage", s.plan.stages[s.current].title);
	stage_state_free(&s);
	if (open)
		return CAIRN_OK;
	return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, "stage",
	    "The draft report and news release are shared with the partnership only while the "
	    "inspection is at the factual accuracy stage; inspection %ld is at %s",
	    id, at);
}
