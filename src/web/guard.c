/*
 * The checks every handler makes before it shows or changes anything: the
 * inspection named in the path, the person's right to act on it (the role
 * table), and the audit entry for a view of child-level data.  Each writes
 * the refusal itself, as a page or, for the API, a JSON error.
 */
#include <stdio.h>

#include "app/reading.h"
#include "app/team.h"
#include "core/text.h"
#include "web/http.h"

bool
web_allow(struct web_req *r, struct web_resp *w, long id, enum action a, enum role *role)
{
	const struct account *acc = web_account(r);
	struct cairn_err err = { 0 };
	enum role held;

	if (acc == NULL)
		goto notfound;
	if (id <= 0) {
		if (acc->admin && role_may(ROLE_ADMIN, a)) {
			if (role != NULL)
				*role = ROLE_ADMIN;
			return true;
		}
		goto forbidden;
	}
	if (app_team_role(r->st, id, acc->username, &held, &err) != CAIRN_OK)
		goto notfound;
	if (role != NULL)
		*role = held;
	if (role_may(held, a))
		return true;
forbidden:
	if (r->api)
		web_json_error(w, 403, "your role does not allow this", NULL);
	else
		web_error_page(r, w, 403, "You cannot do this",
		    "Your role on this inspection does "
		    "not allow it. Ask the inspection lead if you need to.");
	return false;
notfound:
	if (r->api)
		web_json_error(w, 404, "no such inspection", NULL);
	else
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
	return false;
}

bool
web_path_id(struct web_req *r, struct web_resp *w, long *id)
{
	if (r->nargs >= 1 && text_parse_long(r->args[0], 1, 2000000000L, id))
		return true;
	if (r->api)
		web_json_error(w, 404, "no such inspection", NULL);
	else
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
	return false;
}

bool
web_view_audited(struct web_req *r, struct web_resp *w, long id, const char *action,
    const char *subject)
{
	struct cairn_err err = { 0 };

	if (app_reading_viewed(r->st, &r->actor, id, action, subject, &err) == CAIRN_OK)
		return true;
	fprintf(stderr, "cairn serve: %s: %s\n", action, err.msg);
	if (r->api)
		web_json_error(w, 500,
		    "the read could not be recorded in the audit log, so it is "
		    "not answered",
		    NULL);
	else
		web_error_page(r, w, 500, "Sorry, there is a problem",
		    "The view could not be "
		    "recorded in the audit log, so it is not shown.");
	return false;
}
