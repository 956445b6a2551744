/*
 * The joint action plan and the news release through the JSON API.
 *
 * The plan: its areas for improvement with their actions, each named by its
 * number within the inspection (areas 1, 2, 3 in findings order; actions
 * 1, 2, 3 in the order added), never by database id; adding an action,
 * changing one (PUT and PATCH alike: the fields given are changed, as the
 * plan page's form), marking the plan agreed.  Each is the call into
 * app/followup/plan.h that the plan page (page_followup.c) and `cairn
 * action ...` make; who may do what, and what the status rules allow, is
 * app/'s.
 *
 * The release: the draft or the published news release as
 * app_release_view (app/publication/release_view.h) gives it to the
 * release page, with its title, paragraphs and Markdown
 * (render/release.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/followup/lookup.h"
#include "app/followup/plan.h"
#include "app/publication/release_view.h"
#include "core/date.h"
#include "core/plan.h"
#include "core/text.h"
#include "render/release.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* A new action: the area for improvement's number, what, who, when. */
static const struct api_field add_fields[] = {
	{ "improvement", AT_INTEGER, true, false, 1, 1000, 0 },
	{ "text", AT_STRING, true, false, 1, 20000, 0 },
	{ "owner", AT_STRING, true, false, 1, 300, 0 },
	{ "due", AT_STRING, true, false, 1, 40, 0 },
	{ "agency", AT_STRING, false, true, 1, 300, 0 },
};
static const struct api_schema add_schema = { "ActionAddBody", add_fields,
	sizeof(add_fields) / sizeof(add_fields[0]) };

/* A change to an action: any of a new status, a note, evidence, a due date. */
static const struct api_field change_fields[] = {
	{ "status", AT_STRING, false, true, 1, 40, 0 },
	{ "note", AT_STRING, false, true, 1, 20000, 0 },
	{ "evidence", AT_STRING, false, true, 1, 20000, 0 },
	{ "due", AT_STRING, false, true, 1, 40, 0 },
};
static const struct api_schema change_schema = { "ActionChangeBody", change_fields,
	sizeof(change_fields) / sizeof(change_fields[0]) };

const struct api_schema *
api_plan_schema(enum web_route route)
{
	switch (route) {
	case WR_API_ACTION_ADD: return &add_schema;
	case WR_API_ACTION_PUT:
	case WR_API_ACTION_PATCH: return &change_schema;
	default: return NULL;
	}
}

/* Answers a refusal of app/followup/plan.h: 403 not allowed, 404 for an
 * action number the plan does not have, 409 for a refusal by the state of
 * the plan (a status the rules do not allow from the current one, an
 * agreed plan, areas without an action), 422 for bad input at its field,
 * 500 otherwise. */
static void
refused(struct web_resp *w, const struct cairn_err *err, bool state)
{
	if (err->rc == CAIRN_EPERM)
		web_json_err(w, err->code == CAIRN_CODE_UNKNOWN ? 404 : 403, err, NULL);
	else if (err->rc == CAIRN_EDATA && err->code == CAIRN_CODE_UNKNOWN &&
	    strcmp(err->field, "action") == 0)
		web_json_err(w, 404, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT ||
	    (state && err->rc == CAIRN_EDATA && err->field[0] == '\0'))
		web_json_err(w, 409, err, NULL);
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE)
		web_json_err(w, 422, err, NULL);
	else
		web_json_error(w, 500, "the action plan could not be read or changed", NULL);
}

/* Returns the history of action a as a JSON array (caller owns it). */
static json_t *
history_json(const struct plan *p, const struct plan_action *a)
{
	json_t *v = json_array();

	for (size_t i = 0; i < p->nevents; i++) {
		const struct plan_event *e = &p->events[i];

		if (e->action != a->id)
			continue;
		json_array_append_new(v,
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?}", "at", e->at, "actor",
		        e->actor, "change", e->change, "status", plan_status_code[e->status], "due",
		        e->due, "note", e->note, "evidence", e->evidence));
	}
	return v;
}

/* Returns action a as JSON (caller owns it). */
static json_t *
action_json(const struct plan *p, const struct plan_action *a, const struct cdate *today)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s?, s:s, s:s, s:b, s:o}", "number",
	    (json_int_t)a->number, "improvement", (json_int_t)plan_area_number(p, a->finding),
	    "text", a->text, "owner", a->owner, "agency", a->agency, "due", a->due, "status",
	    plan_status_code[a->status], "overdue", plan_action_overdue(a, today), "history",
	    history_json(p, a));
}

/* The members that name a person by username, each given its "_name". */
static const char *const plan_people[] = { "agreed_by", "actor" };

/* Answers inspection id's plan as who may see it (status on success). */
static void
send_plan(struct web_req *r, struct web_resp *w, int status)
{
	struct plan p;
	struct cairn_err err = { 0 };
	struct cdate today;
	char iso[11];
	json_t *areas, *o;

	if (app_plan_view(r->st, &r->actor, r->insp, &p, &err) != CAIRN_OK) {
		refused(w, &err, false);
		return;
	}
	date_today(&today);
	date_iso(&today, iso);
	areas = json_array();
	for (size_t k = 0; k < p.nimprovements; k++) {
		json_t *acts = json_array();

		for (size_t i = 0; i < p.nactions; i++)
			if (p.actions[i].finding == p.improvements[k].id)
				json_array_append_new(acts, action_json(&p, &p.actions[i], &today));
		json_array_append_new(areas,
		    json_pack("{s:I, s:s, s:o}", "number", (json_int_t)(k + 1), "text",
		        p.improvements[k].text, "actions", acts));
	}
	o = json_pack("{s:I, s:s, s:b, s:s?, s:s?, s:o}", "inspection", (json_int_t)r->insp,
	    "today", iso, "agreed", p.agreed, "agreed_at", p.agreed ? p.agreed_at : NULL,
	    "agreed_by", p.agreed ? p.agreed_by : NULL, "improvements", areas);
	/* Who agreed and who made each change, by name beside the username. */
	api_name_people(r, r->insp, ACTION_VIEW_INSPECTION, o, plan_people,
	    sizeof(plan_people) / sizeof(plan_people[0]));
	web_send_json(w, status, o);
	plan_free(&p);
}

void
api_actions(struct web_req *r, struct web_resp *w)
{
	send_plan(r, w, 200);
}

void
api_action_add(struct web_req *r, struct web_resp *w)
{
	struct action_new req = { 0 };
	struct cairn_err err = { 0 };
	char area[32];
	json_t *body, *k;
	long num = 0;

	if ((body = api_body(r, w, &add_schema)) == NULL)
		return;
	k = json_object_get(body, "improvement");
	snprintf(area, sizeof(area), "%lld", (long long)json_integer_value(k));
	req.improvement = area;
	req.text = api_member(body, "text");
	req.owner = api_member(body, "owner");
	req.due = api_member(body, "due");
	req.agency = api_member(body, "agency");
	if (app_action_add(r->st, &r->actor, r->insp, &req, &num, &err) != CAIRN_OK)
		refused(w, &err, false);
	else
		web_send_json(w, 201,
		    json_pack("{s:I, s:I, s:s}", "inspection", (json_int_t)r->insp, "number",
		        (json_int_t)num, "status", plan_status_code[PLAN_PLANNED]));
	json_decref(body);
}

void
api_action_put(struct web_req *r, struct web_resp *w)
{
	struct action_change req = { 0 };
	struct cairn_err err = { 0 };
	struct plan_action a;
	json_t *body;
	long num = 0;

	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 2000000000L, &num)) {
		web_json_error(w, 404,
		    "there is no such action: actions are numbered 1, 2, 3 "
		    "within the inspection's plan",
		    "action");
		return;
	}
	if ((body = api_body(r, w, &change_schema)) == NULL)
		return;
	req.status = api_member(body, "status");
	req.note = api_member(body, "note");
	req.evidence = api_member(body, "evidence");
	req.due = api_member(body, "due");
	if (app_action_update(r->st, &r->actor, r->insp, num, &req, &err) != CAIRN_OK)
		refused(w, &err, false);
	else if (app_plan_action_get(r->st, &r->actor, r->insp, num, &a, &err) != CAIRN_OK)
		refused(w, &err, false);
	else {
		web_send_json(w, 200,
		    json_pack("{s:I, s:I, s:s, s:s}", "inspection", (json_int_t)r->insp, "number",
		        (json_int_t)num, "status", plan_status_code[a.status], "due", a.due));
		plan_action_free(&a);
	}
	json_decref(body);
}

void
api_action_agree(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };

	if (app_action_agree(r->st, &r->actor, r->insp, &err) != CAIRN_OK)
		refused(w, &err, true);
	else
		send_plan(r, w, 200);
}

void
api_release(struct web_req *r, struct web_resp *w)
{
	struct release_view v;
	struct release_parts parts = { 0 };
	struct cairn_err err = { 0 };
	struct buf md = BUF_INIT;
	json_t *paras = json_array(), *o;

	if (app_release_view(r->st, &r->actor, r->insp, &v, &err) != CAIRN_OK) {
		json_decref(paras);
		if (err.rc == CAIRN_EPERM)
			web_json_err(w, err.code == CAIRN_CODE_UNKNOWN ? 404 : 403, &err, NULL);
		else if (err.rc == CAIRN_EDATA)
			web_json_err(w, 404, &err, NULL);
		else
			web_json_error(w, 500, "the news release could not be made", NULL);
		release_view_free(&v);
		return;
	}
	if (v.text != NULL) {
		release_parts_read(v.text, strlen(v.text), &parts);
		release_parts_md(&parts, &md);
	}
	for (size_t i = 0; i < parts.nparas; i++)
		json_array_append_new(paras, json_string(parts.paras[i]));
	o = json_pack("{s:I, s:s, s:s?, s:s?, s:o, s:s?, s:s?}", "inspection", (json_int_t)r->insp,
	    "state", release_state_code[v.state], "embargo", parts.embargo, "title", parts.title,
	    "paragraphs", paras, "markdown", v.text != NULL ? buf_str(&md) : NULL, "text", v.text);
	if (v.state == RELEASE_PUBLISHED) {
		json_object_set_new(o, "version", json_integer(v.version));
		json_object_set_new(o, "published_at", json_string(v.published_at));
		json_object_set_new(o, "sha256", json_string(v.sha256));
	}
	web_send_json(w, 200, o);
	buf_free(&md);
	release_parts_free(&parts);
	release_view_free(&v);
}
