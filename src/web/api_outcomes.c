/*
 * Outcomes and the area's context through the JSON API (issue 17): one
 * indicator's gap for the partnership's area, the same call into
 * app/publication/report_area.h that the outcomes page (page_outcomes.c)
 * makes, answered as the object `cairn outcomes gap --json` prints
 * (app/outcomes/gap.h); and the area's context from the open data, the
 * report's context chapter, as `cairn context --json` prints it
 * (app/outcomes/context.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/outcomes/context.h"
#include "app/outcomes/gap.h"
#include "app/publication/report_area.h"
#include "app/publication/report_model.h"
#include "app/setup/lookup.h"
#include "core/model.h"
#include "web/http.h"
#include "web/pages.h"

/* The inspection r names (answered 403 or 404 when the actor may not see
 * it or it does not exist: returns -1) and its partnership's area as the
 * report settings choose it: 0 when found, 1 when none.  The caller frees
 * in, set and a (zeroed first) whatever the result. */
static int
area_load(struct web_req *r, struct web_resp *w, struct inspection *in, struct report_settings *set,
    struct report_area *a)
{
	struct cairn_err err = { 0 };
	int rc;

	memset(in, 0, sizeof(*in));
	memset(set, 0, sizeof(*set));
	memset(a, 0, sizeof(*a));
	if ((rc = app_inspection_get(r->st, &r->actor, r->insp, in, &err)) != CAIRN_OK) {
		if (rc == CAIRN_EPERM)
			web_json_err(w, 403, &err, NULL);
		else
			web_json_error(w, 404, "there is no such inspection", NULL);
		return -1;
	}
	if (report_settings_load(r->st, r->insp, set, &err) != CAIRN_OK ||
	    report_area_find(r->st, in->partnership, set->area, set->open_data, a, &err) !=
	        CAIRN_OK)
		return 1;
	return 0;
}

void
api_outcome_gap(struct web_req *r, struct web_resp *w)
{
	const char *code = r->nargs > 1 ? r->args[1] : NULL;
	struct inspection in;
	struct report_settings set;
	struct report_area a;
	struct gap_result g;
	struct cairn_err err = { 0 };
	int rc = area_load(r, w, &in, &set, &a);

	memset(&g, 0, sizeof(g));
	if (rc > 0)
		web_json_error(w, 404, "there are no outcome data for this partnership's area",
		    "indicator");
	if (rc != 0)
		goto out;
	rc = report_area_gap(r->st, &a, code, set.threshold, &g, &err);
	if (rc == CAIRN_EDATA)
		web_json_error(w, 404,
		    "there are no outcome data for this indicator in the partnership's area",
		    "indicator");
	else if (rc != CAIRN_OK)
		web_json_error(w, 500, "the outcome data could not be read", NULL);
	else
		web_send_json(w, 200, gap_result_json(&g));
	gap_result_free(&g);
out:
	report_area_free(&a);
	report_settings_free(&set);
	inspection_free(&in);
}

void
api_context(struct web_req *r, struct web_resp *w)
{
	struct inspection in;
	struct report_settings set;
	struct report_area a;
	int rc = area_load(r, w, &in, &set, &a);

	if (rc > 0 || (rc == 0 && !a.has_context))
		web_json_error(w, 404,
		    "there is no open-data context for this partnership's area: its name matches "
		    "no council area, and the report's area setting names none",
		    "area");
	else if (rc == 0)
		web_send_json(w, 200, context_json(a.ctx));
	report_area_free(&a);
	report_settings_free(&set);
	inspection_free(&in);
}
