/*
 * Surveys through the JSON API: the inspection's surveys with their
 * results (aggregates only: survey_out_json, as `cairn survey summary
 * --json` and the survey page show them, groups and counts below the
 * disclosure threshold suppressed), creating a survey, importing its
 * responses (CSV text in the body; all or nothing, every problem with its
 * line and column), and the free-text comments with their tagging.  Each
 * is the call into app/surveys/survey.h that page_survey.c and `cairn
 * survey ...` make; who may do what is app/'s and the route table's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/surveys/survey.h"
#include "core/model.h"
#include "core/text.h"
#include "render/survey_out.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* A new survey: as `cairn survey create`; items is the items file's JSON
 * text (statements and attributes, docs/guide-surveys.md). */
static const struct api_field create_fields[] = {
	{ "name", AT_STRING, true, false, 1, 200, 0 },
	{ "kind", AT_STRING, true, false, 1, 40, 0 },
	{ "scale", AT_STRING, true, false, 1, 40, 0 },
	{ "invited", AT_INTEGER, false, true, 1, 10000000, 0 },
	{ "items", AT_STRING, false, true, 2, 60000, 0 },
};
static const struct api_schema create_schema = { "SurveyCreateBody", create_fields,
	sizeof(create_fields) / sizeof(create_fields[0]) };

/* An import: the CSV text and how to read it, as the survey page's form. */
static const struct api_field import_fields[] = {
	{ "csv", AT_STRING, true, false, 1, 60000, 0 },
	{ "id_column", AT_STRING, false, true, 1, 200, 0 },
	{ "attribute_columns", AT_STRING, false, true, 1, 2000, 0 },
	{ "comment_columns", AT_STRING, false, true, 1, 2000, 0 },
	{ "replace", AT_BOOLEAN, false, true, 0, 0, 0 },
	{ "allow_columns", AT_STRING_ARRAY, false, true, 1, 200, 64 },
};
static const struct api_schema import_schema = { "SurveyImportBody", import_fields,
	sizeof(import_fields) / sizeof(import_fields[0]) };

/* Tagging a comment: the indicators it informs, the kind of evidence it is. */
static const struct api_field tag_fields[] = {
	{ "qis", AT_STRING_ARRAY, false, true, 1, 20, 64 },
	{ "as_evidence", AT_STRING, false, true, 1, 40, 0 },
};
static const struct api_schema tag_schema = { "SurveyCommentBody", tag_fields,
	sizeof(tag_fields) / sizeof(tag_fields[0]) };

/* The number invited, set after creation: as `cairn survey invited`. */
static const struct api_field invited_fields[] = {
	{ "invited", AT_INTEGER, true, false, 1, 10000000, 0 },
};
static const struct api_schema invited_schema = { "SurveyInvitedBody", invited_fields,
	sizeof(invited_fields) / sizeof(invited_fields[0]) };

const struct api_schema *
api_survey_schema(enum web_route route)
{
	switch (route) {
	case WR_API_SURVEY_CREATE: return &create_schema;
	case WR_API_SURVEY_IMPORT: return &import_schema;
	case WR_API_SURVEY_COMMENT: return &tag_schema;
	case WR_API_SURVEY_INVITED: return &invited_schema;
	default: return NULL;
	}
}

/* The body's name of each input app/surveys names differently. */
static const struct {
	const char *app;  /* app/'s field */
	const char *body; /* the body's member */
} renames[] = {
	{ "qi", "qis" },
	{ "as-evidence", "as_evidence" },
};

/* Answers a refusal of app/surveys: 403 not allowed, 404 for a survey or a
 * comment that does not exist, 409 for a name already taken, 422 for bad
 * input at its field (fallback when app/ names none), 500 otherwise. */
static void
refused(struct web_resp *w, struct cairn_err *err, const char *fallback)
{
	for (size_t i = 0; i < sizeof(renames) / sizeof(renames[0]); i++)
		if (strcmp(err->field, renames[i].app) == 0)
			text_copy(err->field, sizeof(err->field), renames[i].body);
	if (err->rc == CAIRN_EPERM)
		web_json_err(w, err->code == CAIRN_CODE_UNKNOWN ? 404 : 403, err, NULL);
	else if (err->code == CAIRN_CODE_UNKNOWN &&
	    (strcmp(err->field, "survey") == 0 || strcmp(err->field, "comment") == 0))
		web_json_err(w, 404, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT)
		web_json_err(w, 409, err, fallback);
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE || err->rc == CAIRN_ENOINPUT)
		web_json_err(w, 422, err, fallback);
	else
		web_json_error(w, 500, "the survey could not be read or changed", NULL);
}

/* Appends the strings of array a to b, separated by commas (the lists
 * app/surveys takes). */
static void
join(struct buf *b, json_t *a)
{
	for (size_t i = 0; i < json_array_size(a); i++)
		buf_printf(b, "%s%s", i ? "," : "", json_string_value(json_array_get(a, i)));
}

void
api_surveys(struct web_req *r, struct web_resp *w)
{
	struct survey *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *a;

	if (app_survey_list(r->st, r->insp, &v, &n, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		struct survey_report rep;
		struct survey_view view;
		json_t *o, *at = json_array();

		memset(&rep, 0, sizeof(rep));
		if (app_survey_summary(r->st, r->insp, v[i].name, NULL, &rep, &err) != CAIRN_OK) {
			survey_report_free(&rep);
			json_decref(at);
			json_decref(a);
			surveys_free(v, n);
			refused(w, &err, NULL);
			return;
		}
		/* The summary as the page and `cairn survey summary --json` give it:
		 * the number of respondents and every share withheld below the
		 * threshold. */
		view = (struct survey_view){ &rep.sv, &rep.sum, NULL, rep.groups, false };
		o = survey_out_json(&view);
		for (size_t k = 0; k < v[i].nattributes; k++)
			json_array_append_new(at, json_string(v[i].attributes[k]));
		json_object_set_new(o, "name", json_string(v[i].name));
		json_object_set_new(o, "kind_label",
		    json_string(survey_kind_table[v[i].kind].label));
		json_object_set_new(o, "attributes", at);
		json_array_append_new(a, o);
		survey_report_free(&rep);
	}
	surveys_free(v, n);
	web_send_json(w, 200,
	    json_pack("{s:I, s:o}", "inspection", (json_int_t)r->insp, "surveys", a));
}

void
api_survey_create(struct web_req *r, struct web_resp *w)
{
	struct survey_new req = { 0 };
	struct cairn_err err = { 0 };
	struct web_upload u = { 0 };
	char invited[32];
	json_t *body, *inv;
	long sid = 0;

	if ((body = api_body(r, w, &create_schema)) == NULL)
		return;
	req.name = api_member(body, "name");
	req.kind = api_member(body, "kind");
	req.scale = api_member(body, "scale");
	inv = json_object_get(body, "invited");
	if (json_is_integer(inv)) {
		snprintf(invited, sizeof(invited), "%lld", (long long)json_integer_value(inv));
		req.invited = invited;
	}
	if (api_member(body, "items") != NULL) {
		if (!api_save_text(w, api_member(body, "items"), "items.json", &u))
			goto out;
		req.items = u.path;
	}
	if (app_survey_create(r->st, &r->actor, r->insp, &req, &sid, &err) != CAIRN_OK)
		refused(w, &err, req.items != NULL ? "items" : NULL);
	else
		web_send_json(w, 201,
		    json_pack("{s:I, s:s, s:s, s:s}", "inspection", (json_int_t)r->insp, "name",
		        req.name, "kind", req.kind, "scale", req.scale));
out:
	web_upload_remove(&u);
	json_decref(body);
}

/* Answers a refused import: every problem kept with its line and column,
 * and the identifier-like columns refused, at the body's "csv". */
static void
import_refused(struct web_resp *w, const struct survey_import_result *res, struct cairn_err *err)
{
	json_t *a, *ids, *o;
	char msg[sizeof(err->msg) + 16];
	size_t refused_ids = 0;

	for (size_t i = 0; i < res->nidcols; i++)
		refused_ids += !res->idcols[i].allowed;
	if (res->errors.total == 0 && refused_ids == 0) {
		refused(w, err, "csv");
		return;
	}
	a = json_array();
	for (size_t i = 0; i < res->errors.nkept; i++)
		json_array_append_new(a,
		    json_pack("{s:I, s:I, s:s}", "line", (json_int_t)res->errors.kept[i].line,
		        "column", (json_int_t)res->errors.kept[i].column, "message",
		        res->errors.kept[i].msg));
	ids = json_array();
	for (size_t i = 0; i < res->nidcols; i++)
		json_array_append_new(ids,
		    json_pack("{s:s, s:s, s:b}", "column", res->idcols[i].name, "looks_like",
		        res->idcols[i].word, "allowed", res->idcols[i].allowed));
	if (res->errors.total > 0)
		snprintf(msg, sizeof(msg), "the file has %ld error%s; nothing was imported",
		    res->errors.total, res->errors.total == 1 ? "" : "s");
	else
		snprintf(msg, sizeof(msg), "%s", err->msg);
	o = json_pack("{s:i, s:s, s:s, s:s, s:I, s:o, s:o}", "status", 422, "code", "invalid",
	    "message", msg, "field", "/csv", "total", (json_int_t)res->errors.total, "errors", a,
	    "identifier_columns", ids);
	web_send_json(w, 422, json_pack("{s:o}", "error", o));
}

void
api_survey_import(struct web_req *r, struct web_resp *w)
{
	struct survey_import_opts opts = { 0 };
	struct survey_import_result res;
	struct cairn_err err = { 0 };
	struct web_upload u = { 0 };
	struct buf allow = BUF_INIT;
	const char *name = r->nargs > 1 ? r->args[1] : "";
	json_t *body, *ign;

	memset(&res, 0, sizeof(res));
	if ((body = api_body(r, w, &import_schema)) == NULL)
		return;
	if (!api_save_text(w, api_member(body, "csv"), "responses.csv", &u))
		goto out;
	join(&allow, json_object_get(body, "allow_columns"));
	opts.id_column = api_member(body, "id_column");
	opts.attribute_columns = api_member(body, "attribute_columns");
	opts.comment_columns = api_member(body, "comment_columns");
	opts.replace = json_is_true(json_object_get(body, "replace"));
	opts.allow = allow.len > 0 ? buf_str(&allow) : NULL;
	if (app_survey_import(r->st, &r->actor, r->insp, name, u.path, &opts, &res, &err) !=
	    CAIRN_OK) {
		import_refused(w, &res, &err);
		goto out;
	}
	ign = json_array();
	for (size_t i = 0; i < res.nignored; i++)
		json_array_append_new(ign, json_string(res.ignored[i]));
	web_send_json(w, 201,
	    json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:o}", "inspection", (json_int_t)r->insp,
	        "survey", name, "respondents", (json_int_t)res.respondents, "answers",
	        (json_int_t)res.answers, "comments", (json_int_t)res.comments, "new_statements",
	        (json_int_t)res.new_statements, "new_attributes", (json_int_t)res.new_attributes,
	        "ignored_columns", ign));
out:
	survey_import_result_free(&res);
	buf_free(&allow);
	web_upload_remove(&u);
	json_decref(body);
}

void
api_survey_comments(struct web_req *r, struct web_resp *w)
{
	struct survey_comment *v = NULL;
	struct cairn_err err = { 0 };
	const char *name = r->nargs > 1 ? r->args[1] : "";
	size_t n = 0;
	json_t *a;

	/* app/ records the viewing in the audit log. */
	if (app_survey_comments(r->st, &r->actor, r->insp, name, &v, &n, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *q = json_array();

		for (size_t k = 0; k < v[i].nqis; k++)
			json_array_append_new(q, json_string(v[i].qis[k]));
		json_array_append_new(a,
		    json_pack("{s:I, s:s, s:s, s:s, s:s?, s:o, s:o}", "number",
		        (json_int_t)v[i].number, "respondent", v[i].respondent, "question",
		        v[i].question, "text", v[i].text, "evidence",
		        v[i].kind >= 0 ? finding_kind_code[v[i].kind] : NULL, "qis", q,
		        "evidence_number",
		        v[i].evidence > 0 ? json_integer(v[i].evidence) : json_null()));
	}
	survey_comments_free(v, n);
	web_send_json(w, 200,
	    json_pack("{s:I, s:s, s:o}", "inspection", (json_int_t)r->insp, "survey", name,
	        "comments", a));
}

void
api_survey_comment(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct buf qis = BUF_INIT;
	const char *name = r->nargs > 1 ? r->args[1] : "";
	const char *number = r->nargs > 2 ? r->args[2] : "";
	json_t *body, *q;
	long ev = 0;

	if ((body = api_body(r, w, &tag_schema)) == NULL)
		return;
	q = json_object_get(body, "qis");
	join(&qis, q);
	if (app_survey_comment_tag(r->st, &r->actor, r->insp, name, number,
	        json_is_array(q) ? buf_str(&qis) : NULL, api_member(body, "as_evidence"), &ev,
	        &err) != CAIRN_OK) {
		/* A comment number that is not a number names no comment. */
		if (strcmp(err.field, "comment") == 0)
			err.code = CAIRN_CODE_UNKNOWN;
		refused(w, &err, NULL);
	} else {
		web_send_json(w, 200,
		    json_pack("{s:I, s:s, s:s, s:o}", "inspection", (json_int_t)r->insp, "survey",
		        name, "comment", number, "evidence_number",
		        ev > 0 ? json_integer(ev) : json_null()));
	}
	buf_free(&qis);
	json_decref(body);
}

void
api_survey(struct web_req *r, struct web_resp *w)
{
	struct survey_report rep;
	struct survey_view view;
	struct cairn_err err = { 0 };
	const char *by = web_query(r, "by");
	const char *name = r->nargs > 1 ? r->args[1] : "";
	json_t *o, *at;

	if (by != NULL && by[0] == '\0')
		by = NULL;
	memset(&rep, 0, sizeof(rep));
	/* As the survey page: an unknown survey is not found whatever the
	 * breakdown, an unknown breakdown is bad input at "by". */
	if (app_survey_summary(r->st, r->insp, name, NULL, &rep, &err) != CAIRN_OK) {
		survey_report_free(&rep);
		refused(w, &err, NULL);
		return;
	}
	if (by != NULL) {
		survey_report_free(&rep);
		memset(&rep, 0, sizeof(rep));
		if (app_survey_summary(r->st, r->insp, name, by, &rep, &err) != CAIRN_OK) {
			survey_report_free(&rep);
			if (strcmp(err.field, "by") == 0)
				err.code = CAIRN_CODE_INVALID;
			refused(w, &err, "by");
			return;
		}
	}
	view = (struct survey_view){ &rep.sv, &rep.sum, by, rep.groups, false };
	o = survey_out_json(&view);
	at = json_array();
	for (size_t k = 0; k < rep.sv.nattributes; k++)
		json_array_append_new(at, json_string(rep.sv.attributes[k]));
	json_object_set_new(o, "name", json_string(rep.sv.name));
	json_object_set_new(o, "kind_label", json_string(survey_kind_table[rep.sv.kind].label));
	json_object_set_new(o, "attributes", at);
	web_send_json(w, 200, o);
	survey_report_free(&rep);
}

/* PUT the number invited to survey {name}: app_survey_set_invited, as
 * `cairn survey invited` and the survey page's form. */
void
api_survey_invited(struct web_req *r, struct web_resp *w)
{
	const char *name = r->nargs > 1 ? r->args[1] : "";
	struct cairn_err err = { 0 };
	char invited[32];
	json_int_t n;
	json_t *body;

	if ((body = api_body(r, w, &invited_schema)) == NULL)
		return;
	n = json_integer_value(json_object_get(body, "invited"));
	snprintf(invited, sizeof(invited), "%lld", (long long)n);
	if (app_survey_set_invited(r->st, &r->actor, r->insp, name, invited, &err) != CAIRN_OK)
		refused(w, &err, "invited");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:s, s:I}", "inspection", (json_int_t)r->insp, "survey", name,
		        "invited", n));
	json_decref(body);
}
