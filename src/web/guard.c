/*
 * The checks made before anything is shown or changed: the inspection
 * named in the path and the person's right to act on it (the role table),
 * which the dispatcher makes for every route's action, and the audit entry
 * for a view of child-level data.  Each writes
 * the refusal itself, as a page or, for the API, a JSON error.
 */
#include <assert.h>
#include <stdio.h>

#include "app/access/authz.h"
#include "app/records/reading.h"
#include "app/setup/team.h"
#include "core/text.h"
#include "web/cache.h"
#include "web/http.h"
#include "web/pages.h"

bool
web_allow(struct web_req *r, struct web_resp *w, long id, enum action a, enum role *role)
{
	struct cairn_err err = { 0 };
	enum role held = ROLE_ADMIN;
	int rc;

	assert(r != NULL && w != NULL && id >= 0 && (unsigned)a < ACTION__MAX);
	if (web_account(r) == NULL)
		goto notfound;
	/* Within cached_page's snapshot, a grant the role table gave since the
	 * database last changed is still its answer (web/cache.h). */
	if (r->cache_snapshot &&
	    web_cache_grant_get(r->cache, r->actor.person, r->actor.admin, id, a, &held)) {
		if (role != NULL)
			*role = held;
		return true;
	}
	rc = authz_check(r->st, &r->actor, id, a, &held, &err);
	if (rc == CAIRN_OK) {
		if (r->cache_snapshot)
			web_cache_grant_put(r->cache, r->actor.person, r->actor.admin, id, a, held);
		if (role != NULL)
			*role = held;
		return true;
	}
	if (rc == CAIRN_ESOFTWARE || rc == CAIRN_EIO) {
		fprintf(stderr, "cairn serve: authorisation: %s\n", err.msg);
		if (r->api)
			web_json_error(w, 500, "the request could not be checked", NULL);
		else
			web_error_page(r, w, 500, "Sorry, there is a problem",
			    "Something went wrong on the server. Nothing was changed. Try again.");
		return false;
	}
	/* Someone not on the team learns nothing, not even that it exists. */
	if (rc != CAIRN_EPERM || err.code == CAIRN_CODE_UNKNOWN)
		goto notfound;
	/* The role table's own words: the person's role and who may. */
	if (r->api)
		web_json_err(w, 403, &err, NULL);
	else
		web_error_page(r, w, 403, "You cannot do this", err.msg);
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
	assert(r != NULL && w != NULL && id != NULL);
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

void
web_reading_none(struct web_req *r, struct web_resp *w, long id, const char *title)
{
	struct web_frame fr;
	struct html h;

	web_frame_begin(r, w, &h, &fr, id, title, false);
	html_elem(&h, HE_P, NULL,
	    "There is nothing here yet: this inspection has no records sample or no reading "
	    "template yet.");
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
}

bool
web_reading_ctx(struct web_req *r, struct web_resp *w, long id, struct reading_ctx *x)
{
	struct cairn_err err = { 0 };

	if (app_reading_ctx(r->st, id, x, &err) == CAIRN_OK)
		return true;
	if (err.rc == CAIRN_EDATA)
		web_error_page(r, w, 404, "No records reading yet",
		    "This inspection has no sample "
		    "or no reading template yet.");
	else
		web_internal(r, w, "reading", &err);
	return false;
}
