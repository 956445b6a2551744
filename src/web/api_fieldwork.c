/*
 * The fieldwork plan through the JSON API: the plan, a new activity, and
 * recording an activity's notes as evidence.  Each is the one call into
 * app/fieldwork/activity.h that the pages (page_fieldwork.c) and
 * `cairn fieldwork ...` make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/fieldwork/activity.h"
#include "core/buf.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* The people counts of a body: the app's own input names. */
#define PEOPLE_FIELDS                                                                              \
	{ "staff", AT_INTEGER, false, true, 0, 10000, 0 },                                         \
	    { "leaders", AT_INTEGER, false, true, 0, 10000, 0 },                                   \
	    { "children", AT_INTEGER, false, true, 0, 10000, 0 },                                  \
	    { "young-people", AT_INTEGER, false, true, 0, 10000, 0 },                              \
	{                                                                                          \
		"parents-carers", AT_INTEGER, false, true, 0, 10000, 0                             \
	}

static const struct api_field activity_fields[] = {
	{ "kind", AT_STRING, true, false, 1, 40, 0 },
	{ "date", AT_STRING, true, false, 1, 10, 0 },
	{ "place", AT_STRING, true, false, 1, ACTIVITY_TEXT_MAX, 0 },
	{ "lead", AT_STRING, true, false, 1, 200, 0 },
	{ "agencies", AT_STRING, false, true, 0, ACTIVITY_TEXT_MAX, 0 },
	{ "roles", AT_STRING, false, true, 0, ACTIVITY_TEXT_MAX, 0 },
	PEOPLE_FIELDS,
};
static const struct api_schema activity_schema = { "ActivityBody", activity_fields,
	sizeof(activity_fields) / sizeof(activity_fields[0]) };

static const struct api_field record_fields[] = {
	{ "notes", AT_STRING, true, false, 1, 20000, 0 },
	{ "qis", AT_STRING_ARRAY, false, true, 1, 16, 40 },
	{ "status", AT_STRING, false, true, 1, 20, 0 },
	PEOPLE_FIELDS,
};
static const struct api_schema record_schema = { "ActivityRecordBody", record_fields,
	sizeof(record_fields) / sizeof(record_fields[0]) };

/* Cancelling a planned activity: the reason, as `cairn fieldwork cancel`. */
static const struct api_field cancel_fields[] = {
	{ "reason", AT_STRING, true, false, 1, ACTIVITY_TEXT_MAX, 0 },
};
static const struct api_schema cancel_schema = { "ActivityCancelBody", cancel_fields,
	sizeof(cancel_fields) / sizeof(cancel_fields[0]) };

const struct api_schema *
api_fieldwork_schema(enum web_route route)
{
	switch (route) {
	case WR_API_FIELDWORK_ADD: return &activity_schema;
	case WR_API_FIELDWORK_RECORD: return &record_schema;
	case WR_API_FIELDWORK_CANCEL: return &cancel_schema;
	default: return NULL;
	}
}

/* Copies the body's people counts as text into vals and points out at them. */
static void
people(json_t *body, char vals[PEOPLE__MAX][24], const char *out[PEOPLE__MAX])
{
	for (int p = 0; p < PEOPLE__MAX; p++) {
		json_t *v = json_object_get(body, people_kind_table[p].code);

		out[p] = NULL;
		if (json_is_integer(v)) {
			snprintf(vals[p], sizeof(vals[p]), "%lld",
			    (long long)json_integer_value(v));
			out[p] = vals[p];
		}
	}
}

/* Answers a refused change: 422 for bad input, 403, 404 for no such
 * activity, 409 for a conflict, 500 otherwise. */
static void
refused(struct web_resp *w, const struct cairn_err *err, const char *fallback)
{
	if (err->rc == CAIRN_EPERM)
		web_json_err(w, 403, err, NULL);
	else if (err->rc == CAIRN_EDATA && err->code == CAIRN_CODE_UNKNOWN &&
	    strcmp(err->field, "activity") == 0)
		web_json_err(w, 404, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT)
		web_json_err(w, 409, err, fallback);
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE)
		web_json_err(w, 422, err, fallback);
	else
		web_json_error(w, 500,
		    "the fieldwork plan could not be changed; nothing was changed", NULL);
}

/* Returns an activity as JSON. */
static json_t *
activity_json(const struct activity *a)
{
	json_t *pp = json_object();

	for (int p = 0; p < PEOPLE__MAX; p++)
		json_object_set_new(pp, people_kind_table[p].code, json_integer(a->people[p]));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:s, s:s?, s:I}",
	    "number", (json_int_t)a->number, "kind", activity_kind_table[a->kind].code,
	    "kind_label", activity_kind_table[a->kind].label, "date", a->date, "place", a->place,
	    "lead", a->lead, "agencies", a->agencies, "roles", a->roles, "people", pp, "status",
	    activity_status_code[a->status], "cancel_reason", a->cancel_reason, "evidence",
	    (json_int_t)a->nevidence);
}

void
api_fieldwork(struct web_req *r, struct web_resp *w)
{
	struct activity *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *a;

	if (app_activity_list(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, activity_json(&v[i]));
	activity_list_free(v, n);
	web_send_json(w, 200,
	    json_pack("{s:I, s:o}", "inspection", (json_int_t)r->insp, "activities", a));
}

void
api_fieldwork_add(struct web_req *r, struct web_resp *w)
{
	struct activity_req req;
	struct cairn_err err = { 0 };
	char vals[PEOPLE__MAX][24];
	json_t *body;
	long number = 0;

	if ((body = api_body(r, w, &activity_schema)) == NULL)
		return;
	memset(&req, 0, sizeof(req));
	req.kind = json_string_value(json_object_get(body, "kind"));
	req.date = json_string_value(json_object_get(body, "date"));
	req.place = json_string_value(json_object_get(body, "place"));
	req.lead = json_string_value(json_object_get(body, "lead"));
	req.agencies = json_string_value(json_object_get(body, "agencies"));
	req.roles = json_string_value(json_object_get(body, "roles"));
	people(body, vals, req.people);
	if (app_activity_add(r->st, &r->actor, r->insp, &req, &number, &err) != CAIRN_OK)
		refused(w, &err, "kind");
	else
		web_send_json(w, 201,
		    json_pack("{s:I, s:I, s:s}", "inspection", (json_int_t)r->insp, "number",
		        (json_int_t)number, "status", "planned"));
	json_decref(body);
}

void
api_fieldwork_record(struct web_req *r, struct web_resp *w)
{
	struct activity_record_req req;
	struct cairn_err err = { 0 };
	struct buf qis = BUF_INIT;
	char vals[PEOPLE__MAX][24];
	json_t *body, *q, *m;
	size_t i;
	long number, evidence = 0;

	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 1000000, &number)) {
		web_json_error(w, 404, "there is no such activity", NULL);
		return;
	}
	if ((body = api_body(r, w, &record_schema)) == NULL)
		return;
	memset(&req, 0, sizeof(req));
	req.notes = json_string_value(json_object_get(body, "notes"));
	req.status = json_string_value(json_object_get(body, "status"));
	if ((q = json_object_get(body, "qis")) != NULL && json_is_array(q)) {
		json_array_foreach(q, i, m)
		{
			if (strchr(json_string_value(m), ',') != NULL) {
				web_json_error(w, 422, "each member of 'qis' is one indicator code",
				    "qis");
				goto out;
			}
			buf_printf(&qis, "%s%s", i > 0 ? "," : "", json_string_value(m));
		}
		if (qis.len > 0)
			req.qis = buf_str(&qis);
	}
	people(body, vals, req.people);
	if (app_activity_record(r->st, &r->actor, r->insp, number, &req, &evidence, &err) !=
	    CAIRN_OK)
		refused(w, &err, "notes");
	else
		web_send_json(w, 201,
		    json_pack("{s:I, s:I, s:s, s:I}", "inspection", (json_int_t)r->insp, "number",
		        (json_int_t)number, "status", "held", "evidence", (json_int_t)evidence));
out:
	buf_free(&qis);
	json_decref(body);
}

/* POST the cancelling of planned activity {n} with its reason:
 * app_activity_cancel, as `cairn fieldwork cancel` and the activity page. */
void
api_fieldwork_cancel(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body;
	long number;

	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 1000000, &number)) {
		web_json_error(w, 404, "there is no such activity", NULL);
		return;
	}
	if ((body = api_body(r, w, &cancel_schema)) == NULL)
		return;
	if (app_activity_cancel(r->st, &r->actor, r->insp, number,
	        json_string_value(json_object_get(body, "reason")), &err) != CAIRN_OK)
		refused(w, &err, "reason");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:I, s:s}", "inspection", (json_int_t)r->insp, "number",
		        (json_int_t)number, "status", "cancelled"));
	json_decref(body);
}

/* GET activity {n}: as `cairn fieldwork show --json`, with the evidence
 * recorded from it and its balance for who may see the evidence. */
void
api_fieldwork_activity(struct web_req *r, struct web_resp *w)
{
	struct activity a;
	struct activity_evidence ev;
	struct cairn_err err = { 0 };
	long number;
	json_t *o;
	int rc;

	memset(&ev, 0, sizeof(ev));
	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 1000000, &number)) {
		web_json_error(w, 404, "there is no such activity", NULL);
		return;
	}
	if (app_activity_get(r->st, &r->actor, r->insp, number, &a, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	rc = app_activity_evidence(r->st, &r->actor, r->insp, number, &ev, &err);
	if (rc != CAIRN_OK && rc != CAIRN_EPERM) {
		activity_free(&a);
		web_json_error(w, 500, "the activity could not be read", NULL);
		return;
	}
	o = activity_json(&a);
	if (rc == CAIRN_OK) {
		json_t *items = json_array(), *bal = json_object();

		for (size_t i = 0; i < ev.n; i++)
			json_array_append_new(items,
			    json_pack("{s:I, s:s, s:s, s:s}", "number",
			        (json_int_t)ev.items[i].number, "source", ev.items[i].source,
			        "status", ev.items[i].status, "text", ev.items[i].text));
		for (int s = 0; s < STATUS__MAX; s++)
			json_object_set_new(bal, evidence_status_code[s],
			    json_integer(ev.counts[s]));
		json_object_set_new(o, "evidence_items", items);
		json_object_set_new(o, "balance", bal);
	}
	activity_evidence_free(&ev);
	activity_free(&a);
	web_send_json(w, 200, o);
}
