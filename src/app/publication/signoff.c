/* The panel's sign-off, voided by a change: see signoff.h. */
#include "app/publication/signoff.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/stage.h"
#include "core/date.h"
#include "core/mem.h"
#include "store/work.h"

int
panel_void_signoff(struct store *st, const struct actor *who, long id, const char *reason,
    struct cairn_err *err)
{
	bool voided = false;
	int rc;

	if ((rc = store_signoff_void(st, id, who->name, reason, &voided, err)) != CAIRN_OK)
		return rc;
	if (!voided)
		return CAIRN_OK;
	return audit_record(st, who, "panel.signoff.void", id, NULL, reason, err);
}

void
signoff_status_free(struct signoff_status *s)
{
	free(s->void_reason);
	memset(s, 0, sizeof(*s));
}

int
app_signoff_status(struct store *st, long id, struct signoff_status *s, struct cairn_err *err)
{
	struct panel_signoff *v = NULL;
	struct stage_state ss;
	size_t n = 0;
	int rc, k;

	memset(s, 0, sizeof(*s));
	if ((rc = app_stage_state(st, id, &ss, err)) != CAIRN_OK)
		return rc;
	k = stage_plan_find(&ss.plan, "published");
	s->required = k >= 0 && (ss.plan.stages[k].checks & STAGE_CHECK_SIGNOFF) != 0;
	stage_state_free(&ss);
	if ((rc = store_signoff_list(st, id, &v, &n, err)) != CAIRN_OK)
		return rc;
	if (n > 0) {
		const struct panel_signoff *last = &v[n - 1];

		s->standing = last->voided_at[0] == '\0';
		if (!s->standing) {
			s->voided = true;
			struct cdate d;

			snprintf(s->voided_on, sizeof(s->voided_on), "%.10s", last->voided_at);
			if (date_parse(s->voided_on, &d))
				date_long(&d, s->voided_long, sizeof(s->voided_long));
			else
				snprintf(s->voided_long, sizeof(s->voided_long), "%s",
				    s->voided_on);
			s->void_reason = xstrdup(
			    last->void_reason != NULL ? last->void_reason : "a grade changed");
		}
	}
	panel_signoffs_free(v, n);
	return CAIRN_OK;
}
