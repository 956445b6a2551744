/*
 * An inspection's team through the JSON API: the list (person, role, agency,
 * when and by whom added), adding a person in a role and removing one.
 * Each is the one call into app/setup/team.h that the team page
 * (page_team.c) and `cairn team ...` make; who may do what is app/'s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/lookup.h"
#include "app/setup/team.h"
#include "core/account.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

static const struct api_field add_fields[] = {
	{ "username", AT_STRING, true, false, 1, 200, 0 },
	{ "role", AT_STRING, true, false, 1, 40, 0 },
	{ "agency", AT_STRING, false, true, 1, 200, 0 },
};
static const struct api_schema add_schema = { "TeamAddBody", add_fields,
	sizeof(add_fields) / sizeof(add_fields[0]) };

const struct api_schema *
api_team_schema(enum web_route route)
{
	return route == WR_API_TEAM_ADD ? &add_schema : NULL;
}

/* Answers a refusal: 403 not allowed, 404 for a person not on the team
 * (when gone404), 409 for a refusal by the state of the team (already on
 * it), 422 for bad input at its field (app/'s "person" is the body's
 * "username"), 500 otherwise. */
static void
refused(struct web_resp *w, struct cairn_err *err, bool gone404)
{
	if (strcmp(err->field, "person") == 0)
		text_copy(err->field, sizeof(err->field), "username");
	if (err->rc == CAIRN_EPERM)
		web_json_err(w, 403, err, NULL);
	else if (gone404 && err->rc == CAIRN_EDATA && err->code == CAIRN_CODE_UNKNOWN)
		web_json_err(w, 404, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT)
		web_json_err(w, 409, err, "username");
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE)
		web_json_err(w, 422, err, "username");
	else
		web_json_error(w, 500, "the team could not be read or changed", NULL);
}

/* Returns the JSON of one member (caller owns it). */
static json_t *
member_json(const struct team_member *m)
{
	enum role r;

	return json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s?}", "username", m->person, "role", m->role,
	    "role_label", role_parse(m->role, &r) ? role_table[r].label : m->role, "agency",
	    m->agency, "added_at", m->added_at, "added_by", m->added_by);
}

/* The members of the team's JSON that name a person by username: who
 * added each member, given its "_name" as `cairn team list --json` gives
 * it (the member's own username keeps the team's answer as it was). */
static const char *const team_people[] = { "added_by" };

void
api_team(struct web_req *r, struct web_resp *w)
{
	struct team_member *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *a;

	if (app_team_list(r->st, r->insp, &v, &n, &err) != CAIRN_OK) {
		refused(w, &err, false);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, member_json(&v[i]));
	team_members_free(v, n);
	api_name_people(r, r->insp, ACTION_VIEW_INSPECTION, a, team_people,
	    sizeof(team_people) / sizeof(team_people[0]));
	web_send_json(w, 200,
	    json_pack("{s:I, s:o}", "inspection", (json_int_t)r->insp, "team", a));
}

void
api_team_add(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct account acc = { 0 };
	const char *person, *role, *agency;
	json_t *body;

	if ((body = api_body(r, w, &add_schema)) == NULL)
		return;
	person = json_string_value(json_object_get(body, "username"));
	role = json_string_value(json_object_get(body, "role"));
	agency = json_string_value(json_object_get(body, "agency"));
	/* As the team page: the person must hold an account. */
	if (app_account_lookup(r->st, &r->actor, r->insp, ACTION_MANAGE_TEAM, person, &acc, &err) !=
	    CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_error(w, 422, "there is no account with that username",
			    "username");
		else
			refused(w, &err, false);
	} else if (app_team_add(r->st, &r->actor, r->insp, person, role, agency, &err) != CAIRN_OK)
		refused(w, &err, false);
	else
		web_send_json(w, 201,
		    json_pack("{s:I, s:s, s:s, s:s?}", "inspection", (json_int_t)r->insp,
		        "username", person, "role", role, "agency", agency));
	account_free(&acc);
	json_decref(body);
}

void
api_team_remove(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	const char *person = r->nargs > 1 ? r->args[1] : NULL;

	if (person == NULL || person[0] == '\0') {
		web_json_error(w, 404, "there is no such team member", NULL);
		return;
	}
	if (app_team_remove(r->st, &r->actor, r->insp, person, &err) != CAIRN_OK)
		refused(w, &err, true);
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:s}", "inspection", (json_int_t)r->insp, "removed", person));
}
