/*
 * Findings, the confidence statement, stage moves, withdrawing evidence
 * and the panel's decision on a progress review through the JSON API.  Each change is the one call into app/ that the
 * pages (page_findings.c, page_stage.c, page_work.c, page_panel.c) and the command line
 * make; app/ decides every rule and words every refusal, which is sent
 * with its code and its field as a JSON pointer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "app/evaluation/evidence.h"
#include "app/publication/panel.h"
#include "app/setup/inspection.h"
#include "app/setup/lookup.h"
#include "app/setup/stage.h"
#include "core/buf.h"
#include "core/model.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* Longest finding or statement text, in bytes (as app/ accepts). */
#define FINDING_TEXT_MAX 20000
/* Most indicators named on one finding. */
#define FINDING_QIS_MAX 128

/* A new finding, or its replacement (PUT). */
static const struct api_field finding_fields[] = {
	{ "kind", AT_STRING, true, false, 1, 16, 0 },
	{ "text", AT_STRING, true, false, 1, FINDING_TEXT_MAX, 0 },
	{ "qis", AT_STRING_ARRAY, false, true, 1, 16, FINDING_QIS_MAX },
	{ "evidence", AT_STRING, false, true, 0, 2000, 0 },
};
static const struct api_schema finding_schema = { "FindingBody", finding_fields,
	sizeof(finding_fields) / sizeof(finding_fields[0]) };

/* Some of a finding's fields (PATCH): those absent keep their value. */
static const struct api_field finding_patch_fields[] = {
	{ "kind", AT_STRING, false, true, 1, 16, 0 },
	{ "text", AT_STRING, false, true, 1, FINDING_TEXT_MAX, 0 },
	{ "qis", AT_STRING_ARRAY, false, true, 1, 16, FINDING_QIS_MAX },
	{ "evidence", AT_STRING, false, true, 0, 2000, 0 },
};
static const struct api_schema finding_patch_schema = { "FindingPatchBody", finding_patch_fields,
	sizeof(finding_patch_fields) / sizeof(finding_patch_fields[0]) };

static const struct api_field move_fields[] = {
	{ "direction", AT_STRING, true, false, 1, 8, 0 },
};
static const struct api_schema move_schema = { "FindingMoveBody", move_fields,
	sizeof(move_fields) / sizeof(move_fields[0]) };

static const struct api_field confidence_fields[] = {
	{ "level", AT_STRING, true, false, 1, 40, 0 },
	{ "text", AT_STRING, false, true, 0, FINDING_TEXT_MAX, 0 },
};
static const struct api_schema confidence_schema = { "ConfidenceBody", confidence_fields,
	sizeof(confidence_fields) / sizeof(confidence_fields[0]) };

static const struct api_field stage_fields[] = {
	{ "stage", AT_STRING, false, true, 1, 64, 0 },
	{ "date", AT_STRING, true, false, 1, 10, 0 },
};
static const struct api_schema stage_schema = { "StageMoveBody", stage_fields,
	sizeof(stage_fields) / sizeof(stage_fields[0]) };

static const struct api_field withdraw_fields[] = {
	{ "reason", AT_STRING, true, false, 1, EVIDENCE_REASON_MAX, 0 },
};
static const struct api_schema withdraw_schema = { "WithdrawBody", withdraw_fields,
	sizeof(withdraw_fields) / sizeof(withdraw_fields[0]) };

static const struct api_field reinstate_fields[] = {
	{ "reason", AT_STRING, false, true, 0, EVIDENCE_REASON_MAX, 0 },
};
static const struct api_schema reinstate_schema = { "ReinstateBody", reinstate_fields,
	sizeof(reinstate_fields) / sizeof(reinstate_fields[0]) };

/* The panel's decision on a progress review: when needed, by when and on
 * what (app/ requires both then). */
static const struct api_field progress_fields[] = {
	{ "needed", AT_BOOLEAN, true, false, 0, 0, 0 },
	{ "due", AT_STRING, false, true, 1, 10, 0 },
	{ "focus", AT_STRING, false, true, 1, FINDING_TEXT_MAX, 0 },
};
static const struct api_schema progress_schema = { "ProgressReviewBody", progress_fields,
	sizeof(progress_fields) / sizeof(progress_fields[0]) };

const struct api_schema *
api_findings_schema(enum web_route route)
{
	switch (route) {
	case WR_API_FINDING_ADD:
	case WR_API_FINDING_PUT: return &finding_schema;
	case WR_API_FINDING_PATCH: return &finding_patch_schema;
	case WR_API_FINDING_MOVE: return &move_schema;
	case WR_API_CONFIDENCE_PUT: return &confidence_schema;
	case WR_API_STAGE_MOVE: return &stage_schema;
	case WR_API_EVIDENCE_WITHDRAW: return &withdraw_schema;
	case WR_API_EVIDENCE_REINSTATE: return &reinstate_schema;
	case WR_API_PROGRESS_REVIEW_PUT: return &progress_schema;
	default: return NULL;
	}
}

/*
 * Answers a refusal from app/: 403 for a person who may not, 404 for a
 * finding or evidence item that does not exist (field "finding" or
 * "number"), 409 when the state of the data refuses it (with app/'s field
 * when it names one), 422 for bad input (the field, or fallback), 500
 * otherwise.
 */
static void
refused(struct web_resp *w, const struct cairn_err *err, const char *fallback)
{
	if (err->rc == CAIRN_EPERM)
		web_json_err(w, 403, err, NULL);
	else if (err->rc == CAIRN_EDATA && err->code == CAIRN_CODE_UNKNOWN &&
	    (strcmp(err->field, "finding") == 0 || strcmp(err->field, "number") == 0))
		web_json_err(w, 404, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT)
		web_json_err(w, 409, err, NULL); /* the state refuses it, not an input */
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE)
		web_json_err(w, 422, err, fallback);
	else
		web_json_error(w, 500, "the change could not be made; nothing was changed", NULL);
}

/* Parses the number {n} in the path (args[1]); answers 404 with what if
 * it is not one. */
static bool
path_number(struct web_req *r, struct web_resp *w, const char *what, long *out)
{
	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 2000000000L, out)) {
		web_json_error(w, 404, what, NULL);
		return false;
	}
	return true;
}

/* Joins the body's "qis" array with commas into b; NULL if absent or empty. */
static const char *
body_qis(json_t *body, struct buf *b)
{
	json_t *q = json_object_get(body, "qis"), *m;
	size_t i;

	if (!json_is_array(q))
		return NULL;
	json_array_foreach(q, i, m) buf_printf(b, "%s%s", i > 0 ? "," : "", json_string_value(m));
	return b->len > 0 ? buf_str(b) : NULL;
}

/* Returns finding f, the n-th of its kind, as JSON. */
static json_t *
finding_json(const struct finding *f, size_t n)
{
	json_t *qis = json_array(), *ev = json_array();

	for (size_t i = 0; i < f->nqis; i++)
		json_array_append_new(qis, json_string(f->qis[i]));
	for (size_t i = 0; i < f->nevidence; i++)
		json_array_append_new(ev, json_integer(f->evidence[i]));
	return json_pack("{s:I, s:s, s:I, s:s, s:o, s:o}", "id", (json_int_t)f->id, "kind",
	    finding_kind_code[f->kind], "number", (json_int_t)n, "text", f->text, "qis", qis,
	    "evidence", ev);
}

/* Returns the place of v[at] among the findings of its kind, from 1. */
static size_t
kind_number(const struct finding *v, size_t at)
{
	size_t k = 0;

	for (size_t i = 0; i <= at; i++)
		k += v[i].kind == v[at].kind;
	return k;
}

/* Answers with finding fid as stored now (status 200 or 201). */
static void
send_finding(struct web_req *r, struct web_resp *w, long fid, int status)
{
	struct cairn_err err = { 0 };
	struct finding *v = NULL;
	size_t n = 0;

	if (app_finding_list(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the finding could not be read back", NULL);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (v[i].id == fid) {
			web_send_json(w, status,
			    json_pack("{s:I, s:o}", "inspection", (json_int_t)r->insp, "finding",
			        finding_json(&v[i], kind_number(v, i))));
			findings_free(v, n);
			return;
		}
	findings_free(v, n);
	web_json_error(w, 500, "the finding could not be read back", NULL);
}

void
api_findings(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct finding *v = NULL;
	size_t n = 0, counts[2] = { 0, 0 };
	json_t *a;

	if (app_finding_list(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		counts[v[i].kind == FINDING_STRENGTH ? 0 : 1]++;
		json_array_append_new(a, finding_json(&v[i], kind_number(v, i)));
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:I, s:I, s:o}", "inspection", (json_int_t)r->insp, "strengths",
	        (json_int_t)counts[0], "improvements", (json_int_t)counts[1], "findings", a));
	findings_free(v, n);
}

void
api_finding_add(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct buf qis = BUF_INIT;
	json_t *body;
	long fid = 0;

	if ((body = api_body(r, w, &finding_schema)) == NULL)
		return;
	if (app_finding_add_linked(r->st, &r->actor, r->insp, api_member(body, "kind"),
	        api_member(body, "text"), body_qis(body, &qis), api_member(body, "evidence"), &fid,
	        &err) != CAIRN_OK)
		refused(w, &err, "text");
	else
		send_finding(r, w, fid, 201);
	buf_free(&qis);
	json_decref(body);
}

/* PUT replaces a finding; PATCH changes the fields given, the others
 * keeping their stored values. */
void
api_finding_put(struct web_req *r, struct web_resp *w)
{
	bool patch = r->method == WM_PATCH;
	struct cairn_err err = { 0 };
	struct buf qis = BUF_INIT, ev = BUF_INIT;
	struct finding *v = NULL, *cur = NULL;
	const char *kind, *text, *q, *e;
	json_t *body;
	size_t n = 0;
	long fid;

	if (!path_number(r, w, "there is no such finding", &fid) ||
	    (body = api_body(r, w, patch ? &finding_patch_schema : &finding_schema)) == NULL)
		return;
	kind = api_member(body, "kind");
	text = api_member(body, "text");
	q = body_qis(body, &qis);
	e = api_member(body, "evidence");
	if (patch) {
		if (app_finding_list(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK) {
			refused(w, &err, NULL);
			goto out;
		}
		for (size_t i = 0; i < n; i++)
			if (v[i].id == fid)
				cur = &v[i];
		if (cur == NULL) {
			web_json_error(w, 404, "this inspection has no such finding", NULL);
			goto out;
		}
		if (kind == NULL)
			kind = finding_kind_code[cur->kind];
		if (text == NULL)
			text = cur->text;
		if (json_object_get(body, "qis") == NULL ||
		    json_is_null(json_object_get(body, "qis"))) {
			for (size_t i = 0; i < cur->nqis; i++)
				buf_printf(&qis, "%s%s", i ? "," : "", cur->qis[i]);
			q = qis.len > 0 ? buf_str(&qis) : NULL;
		}
		if (e == NULL) {
			for (size_t i = 0; i < cur->nevidence; i++)
				buf_printf(&ev, "%s%ld", i ? "," : "", cur->evidence[i]);
			e = buf_str(&ev);
		}
	}
	if (app_finding_update(r->st, &r->actor, r->insp, fid, kind, text, q, e, &err) != CAIRN_OK)
		refused(w, &err, "text");
	else
		send_finding(r, w, fid, 200);
out:
	findings_free(v, n);
	buf_free(&qis);
	buf_free(&ev);
	json_decref(body);
}

void
api_finding_delete(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	long fid;

	if (!path_number(r, w, "there is no such finding", &fid))
		return;
	if (app_finding_remove(r->st, &r->actor, r->insp, fid, &err) != CAIRN_OK)
		refused(w, &err, NULL);
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:I, s:b}", "inspection", (json_int_t)r->insp, "id",
		        (json_int_t)fid, "removed", 1));
}

void
api_finding_move(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	const char *dir;
	json_t *body;
	long fid;
	int delta = 0;

	if (!path_number(r, w, "there is no such finding", &fid) ||
	    (body = api_body(r, w, &move_schema)) == NULL)
		return;
	dir = api_member(body, "direction");
	if (strcmp(dir, "up") == 0)
		delta = -1;
	else if (strcmp(dir, "down") == 0)
		delta = 1;
	/* Anything else reaches app/ as 0, which it refuses on "direction". */
	if (app_finding_move(r->st, &r->actor, r->insp, fid, delta, &err) != CAIRN_OK)
		refused(w, &err, "direction");
	else
		send_finding(r, w, fid, 200);
	json_decref(body);
}

/* Answers with the confidence statement of inspection r->insp. */
static void
send_confidence(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct inspection in;

	if (app_inspection_get(r->st, &r->actor, r->insp, &in, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:s?, s:s?, s:s?}", "inspection", (json_int_t)r->insp, "level",
	        in.confidence != CONFIDENCE_NONE ? confidence_table[in.confidence].code : NULL,
	        "label",
	        in.confidence != CONFIDENCE_NONE ? confidence_table[in.confidence].label : NULL,
	        "text",
	        in.confidence_text != NULL && in.confidence_text[0] ? in.confidence_text : NULL));
	inspection_free(&in);
}

void
api_confidence(struct web_req *r, struct web_resp *w)
{
	send_confidence(r, w);
}

void
api_confidence_put(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body;

	if ((body = api_body(r, w, &confidence_schema)) == NULL)
		return;
	if (app_confidence_set(r->st, &r->actor, r->insp, api_member(body, "level"),
	        api_member(body, "text") != NULL ? api_member(body, "text") : "", &err) != CAIRN_OK)
		refused(w, &err, "level");
	else
		send_confidence(r, w);
	json_decref(body);
}

void
api_stage_move(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct stage_state s;
	json_t *body;

	if ((body = api_body(r, w, &stage_schema)) == NULL)
		return;
	if (app_stage_move(r->st, &r->actor, r->insp,
	        api_member(body, "stage") != NULL ? api_member(body, "stage") : STAGE_NEXT,
	        api_member(body, "date"), &err) != CAIRN_OK) {
		refused(w, &err, "stage");
		json_decref(body);
		return;
	}
	json_decref(body);
	memset(&s, 0, sizeof(s));
	if (app_stage_state(r->st, r->insp, &s, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the stage could not be read back", NULL);
		return;
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:s, s:s, s:s?}", "inspection", (json_int_t)r->insp, "current",
	        s.plan.stages[s.current].code, "title", s.plan.stages[s.current].title, "since",
	        s.since[0] ? s.since : NULL));
	stage_state_free(&s);
}

/* Withdraws (withdraw true) or reinstates evidence {n} from the body. */
static void
evidence_withdrawal(struct web_req *r, struct web_resp *w, bool withdraw)
{
	struct cairn_err err = { 0 };
	json_t *body;
	long number;
	int rc;

	if (!path_number(r, w, "there is no such evidence item", &number) ||
	    (body = api_body(r, w, withdraw ? &withdraw_schema : &reinstate_schema)) == NULL)
		return;
	rc = withdraw ? app_evidence_withdraw(r->st, &r->actor, r->insp, number,
	                    api_member(body, "reason"), &err)
	              : app_evidence_reinstate(r->st, &r->actor, r->insp, number,
	                    api_member(body, "reason"), &err);
	if (rc != CAIRN_OK)
		refused(w, &err, "reason");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:I, s:b}", "inspection", (json_int_t)r->insp, "number",
		        (json_int_t)number, "withdrawn", withdraw));
	json_decref(body);
}

void
api_evidence_withdraw(struct web_req *r, struct web_resp *w)
{
	evidence_withdrawal(r, w, true);
}

void
api_evidence_reinstate(struct web_req *r, struct web_resp *w)
{
	evidence_withdrawal(r, w, false);
}

/* Sends the panel's decision on a progress review (progress_need_json),
 * who recorded it by name beside the username ("recorded_by_name"). */
static void
send_progress_need(struct web_req *r, struct web_resp *w)
{
	static const char *const by[] = { "recorded_by" };
	struct cairn_err err = { 0 };
	struct progress_need p;
	json_t *o;

	if (app_progress_need_get(r->st, &r->actor, r->insp, &p, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	o = progress_need_json(r->insp, &p);
	api_name_people(r, r->insp, ACTION_VIEW_INSPECTION, o, by, 1);
	web_send_json(w, 200, o);
	progress_need_free(&p);
}

void
api_progress_need(struct web_req *r, struct web_resp *w)
{
	send_progress_need(r, w);
}

void
api_progress_need_put(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body;

	if ((body = api_body(r, w, &progress_schema)) == NULL)
		return;
	if (app_progress_need_set(r->st, &r->actor, r->insp,
	        json_is_true(json_object_get(body, "needed")) ? "yes" : "no",
	        api_member(body, "due"), api_member(body, "focus"), &err) != CAIRN_OK)
		refused(w, &err, "needed");
	else
		send_progress_need(r, w);
	json_decref(body);
}
