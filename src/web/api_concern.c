/*
 * Matters of concern through the JSON API: the list (step, age, due date,
 * overdue), one concern with its steps, raising one and making a step.
 * Each is the one call into app/records/concern.h that the pages
 * (page_concerns.c) and `cairn concern ...` make; every view is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/concern.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

static const struct api_field raise_fields[] = {
	{ "ref", AT_STRING, true, false, 1, 64, 0 },
	{ "kind", AT_STRING, false, true, 1, 40, 0 },
	{ "text", AT_STRING, true, false, 1, CONCERN_TEXT_MAX, 0 },
	{ "reader", AT_STRING, false, true, 1, 200, 0 },
};
static const struct api_schema raise_schema = { "ConcernRaiseBody", raise_fields,
	sizeof(raise_fields) / sizeof(raise_fields[0]) };

static const struct api_field step_fields[] = {
	{ "step", AT_STRING, true, false, 1, 40, 0 },
	{ "text", AT_STRING, true, false, 1, CONCERN_TEXT_MAX, 0 },
	{ "officer", AT_STRING, false, true, 1, CONCERN_OFFICER_MAX, 0 },
	{ "date", AT_STRING, false, true, 1, 10, 0 },
	{ "referral", AT_STRING, false, true, 1, 10, 0 },
};
static const struct api_schema step_schema = { "ConcernStepBody", step_fields,
	sizeof(step_fields) / sizeof(step_fields[0]) };

const struct api_schema *
api_concern_schema(enum web_route route)
{
	switch (route) {
	case WR_API_CONCERN_RAISE: return &raise_schema;
	case WR_API_CONCERN_STEP: return &step_schema;
	default: return NULL;
	}
}

/* The members that name a person by username, each given its "_name". */
static const char *const concern_people[] = { "raised_by", "closed_by", "by" };

/* Answers a refusal: 403, 404 for no such concern, 409 for a step that
 * cannot come next, 422 for bad input, 500 otherwise. */
static void
refused(struct web_resp *w, const struct cairn_err *err, const char *fallback)
{
	if (err->rc == CAIRN_EPERM)
		web_json_err(w, 403, err, NULL);
	else if (err->rc == CAIRN_EDATA && err->code == CAIRN_CODE_UNKNOWN &&
	    strcmp(err->field, "concern") == 0)
		web_json_err(w, 404, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT)
		web_json_err(w, 409, err, fallback);
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE)
		web_json_err(w, 422, err, fallback);
	else
		web_json_error(w, 500, "the matters of concern could not be read or changed", NULL);
}

/* Parses the concern number in the path; a 404 if it is not one. */
static bool
path_concern(struct web_req *r, struct web_resp *w, long *cid)
{
	if (r->nargs > 1 && text_parse_long(r->args[1], 1, 2000000000L, cid))
		return true;
	web_json_error(w, 404, "there is no such concern", NULL);
	return false;
}

void
api_concerns(struct web_req *r, struct web_resp *w)
{
	struct concern *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0, nover = 0;
	json_t *a;

	if (app_concern_list(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	if (!web_view_audited(r, w, r->insp, "concern.view", "api")) {
		concerns_free(v, n);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		nover += v[i].overdue;
		json_array_append_new(a, concern_json(&v[i], false));
	}
	concerns_free(v, n);
	api_name_people(r, r->insp, ACTION_VIEW_CHILD_RECORDS, a, concern_people,
	    sizeof(concern_people) / sizeof(concern_people[0]));
	web_send_json(w, 200,
	    json_pack("{s:I, s:I, s:o}", "inspection", (json_int_t)r->insp, "overdue",
	        (json_int_t)nover, "concerns", a));
}

void
api_concern(struct web_req *r, struct web_resp *w)
{
	struct concern c;
	struct cairn_err err = { 0 };
	char subject[40];
	long cid;

	if (!path_concern(r, w, &cid))
		return;
	if (app_concern_get(r->st, &r->actor, r->insp, cid, &c, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	snprintf(subject, sizeof(subject), "concern %ld", cid);
	if (web_view_audited(r, w, r->insp, "concern.view", subject)) {
		json_t *o = concern_json(&c, true);

		api_name_people(r, r->insp, ACTION_VIEW_CHILD_RECORDS, o, concern_people,
		    sizeof(concern_people) / sizeof(concern_people[0]));
		web_send_json(w, 200, o);
	}
	concern_free(&c);
}

void
api_concern_raise(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	const char *ref;
	json_t *body;
	long cid = 0;

	if ((body = api_body(r, w, &raise_schema)) == NULL)
		return;
	ref = json_string_value(json_object_get(body, "ref"));
	if (app_concern_raise(r->st, &r->actor, r->insp, ref,
	        json_string_value(json_object_get(body, "reader")),
	        json_string_value(json_object_get(body, "kind")),
	        json_string_value(json_object_get(body, "text")), &cid, &err) != CAIRN_OK)
		refused(w, &err, "text");
	else
		web_send_json(w, 201,
		    json_pack("{s:I, s:I, s:s, s:s}", "inspection", (json_int_t)r->insp, "id",
		        (json_int_t)cid, "ref", ref, "step", "raised"));
	json_decref(body);
}

void
api_concern_step(struct web_req *r, struct web_resp *w)
{
	struct concern_step_req req = { 0 };
	struct cairn_err err = { 0 };
	enum concern_step to = CONCERN_RAISED;
	json_t *body;
	long cid;

	if (!path_concern(r, w, &cid))
		return;
	if ((body = api_body(r, w, &step_schema)) == NULL)
		return;
	req.step = json_string_value(json_object_get(body, "step"));
	req.text = json_string_value(json_object_get(body, "text"));
	req.officer = json_string_value(json_object_get(body, "officer"));
	req.date = json_string_value(json_object_get(body, "date"));
	req.referral = json_string_value(json_object_get(body, "referral"));
	if (app_concern_step(r->st, &r->actor, r->insp, cid, &req, &to, &err) != CAIRN_OK)
		refused(w, &err, "step");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:I, s:s, s:b}", "inspection", (json_int_t)r->insp, "id",
		        (json_int_t)cid, "step", concern_step_code[to], "open",
		        to != CONCERN_CLOSED));
	json_decref(body);
}
