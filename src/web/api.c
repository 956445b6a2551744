/*
 * The JSON API under /api/v1: the same resources and access rules as the
 * pages, for scripts holding an API token.  Request bodies are validated
 * strictly before anything else happens: JSON only, at most WEB_JSON_MAX
 * bytes, no duplicate keys, an object with only the documented fields and
 * each of the documented type; any problem is a 400 whose error names the
 * field.  docs/openapi.yaml describes every route here (a test checks it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/evaluation/dossier.h"
#include "app/setup/inspection.h"
#include "app/access/lookup.h"
#include "app/access/role.h"
#include "app/setup/team.h"
#include "app/setup/lookup.h"
#include "core/mem.h"
#include "core/text.h"
#include "render/dossier.h"
#include "core/database.h"
#include "core/model.h"
#include "core/work.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

void
api_name_people(struct web_req *r, long id, enum action action, json_t *v, const char *const *keys,
    size_t nkeys)
{
	struct cairn_err err = { 0 };

	if (app_person_names_json(r->st, &r->actor, id, action, v, keys, nkeys, &err) != CAIRN_OK) {
		/* A refusal only means no names; a failure is worth a line. */
		if (err.rc != CAIRN_EPERM && err.rc != CAIRN_EDATA)
			fprintf(stderr, "cairn serve: names of people: %s\n", err.msg);
		cairn_err_clear(&err);
	}
}

void
web_send_json(struct web_resp *w, int status, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);

	w->status = status;
	w->content_type = "application/json";
	buf_reset(&w->body);
	buf_puts(&w->body, s != NULL ? s : "null");
	buf_putc(&w->body, '\n');
	free(s);
	json_decref(v);
}

void
api_inspections(struct web_req *r, struct web_resp *w)
{
	struct inspection *v = NULL;
	struct cairn_err err = { 0 };
	json_t *a;
	size_t n = 0;

	if (app_inspection_list(r->st, &v, &n, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the inspections could not be listed", NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		struct stage_move *m = NULL;
		size_t nm = 0;
		enum role role;

		if (app_team_role(r->st, v[i].id, r->api_account.username, &role, NULL) != CAIRN_OK)
			continue;
		if (app_stage_list(r->st, &r->actor, v[i].id, &m, &nm, NULL) != CAIRN_OK)
			nm = 0; /* shown without a stage */
		json_array_append_new(a,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "id",
		        (json_int_t)v[i].id, "title", v[i].title, "partnership", v[i].partnership,
		        "framework", v[i].framework_code, "role", role_table[role].code, "stage",
		        nm > 0 ? m[nm - 1].stage : NULL, "fieldwork_from",
		        v[i].fieldwork_from[0] ? v[i].fieldwork_from : NULL, "fieldwork_to",
		        v[i].fieldwork_to[0] ? v[i].fieldwork_to : NULL));
		stage_moves_free(m, nm);
	}
	inspections_free(v, n);
	web_send_json(w, 200, json_pack("{s:o}", "inspections", a));
}

void
api_inspection(struct web_req *r, struct web_resp *w)
{
	struct dossier d;
	struct cairn_err err = { 0 };
	enum role role;
	long id;

	id = r->insp;
	role = r->role;
	if (app_dossier_load(r->st, id, &d, &err) != CAIRN_OK) {
		web_json_error(w, 404, "no such inspection", NULL);
		return;
	}
	if (role_may(role, ACTION_VIEW_EVALUATION)) {
		web_send_json(w, 200, dossier_json(&d));
	} else {
		web_send_json(w, 200,
		    json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "title", d.in.title,
		        "partnership", d.in.partnership, "framework", d.in.framework_code));
	}
	dossier_free(&d);
}

/* Returns the evaluations of a dossier as a JSON array. */
static json_t *
evaluations_json(const struct dossier *d)
{
	json_t *a = json_array();

	for (size_t i = 0; i < d->nevals; i++) {
		const struct scale_level *l = scale_level_of(&d->fw.scale, d->evals[i].grade);

		json_array_append_new(a,
		    json_pack("{s:s, s:i, s:s?, s:s?}", "qi", d->evals[i].qi, "grade",
		        d->evals[i].grade, "label", l != NULL ? l->label : NULL, "rationale",
		        d->evals[i].rationale));
	}
	return a;
}

void
api_evaluations(struct web_req *r, struct web_resp *w)
{
	struct dossier d;
	struct cairn_err err = { 0 };
	long id;

	id = r->insp;
	if (app_dossier_load(r->st, id, &d, &err) != CAIRN_OK) {
		web_json_error(w, 404, "no such inspection", NULL);
		return;
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:o}", "inspection", (json_int_t)id, "evaluations",
	        evaluations_json(&d)));
	dossier_free(&d);
}

/* The grade body: a level (number or label) and an optional rationale. */
static const struct api_field grade_fields[] = {
	{ "grade", AT_TEXT_OR_INT, true, false, 0, 63, 0 },
	{ "rationale", AT_STRING, false, true, 0, 20000, 0 },
};
static const struct api_schema grade_schema = { "GradeBody", grade_fields,
	sizeof(grade_fields) / sizeof(grade_fields[0]) };

/*
 * Checks the request body against schema s (web/apibody.h); returns the
 * object or NULL after writing the error (400, 413, 415 or 422 naming the
 * field).
 */
json_t *
api_body(struct web_req *r, struct web_resp *w, const struct api_schema *s)
{
	struct api_error e;
	json_t *v = api_body_check(s, r->content_type, r->body, r->body_len, &e);

	if (v == NULL)
		web_json_error(w, e.status, e.message, e.field[0] ? e.field : NULL);
	return v;
}

void
api_grade(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body = NULL, *g, *ra;
	const char *rationale = NULL;
	char grade[64];
	int stored = 0;
	long id;

	id = r->insp;
	if ((body = api_body(r, w, &grade_schema)) == NULL)
		goto out;
	g = json_object_get(body, "grade");
	ra = json_object_get(body, "rationale");
	if (json_is_integer(g))
		snprintf(grade, sizeof(grade), "%lld", (long long)json_integer_value(g));
	else
		snprintf(grade, sizeof(grade), "%s", json_string_value(g));
	if (ra != NULL && json_is_string(ra))
		rationale = json_string_value(ra);
	if (app_grade(r->st, &r->actor, id, r->args[1], grade, rationale, NULL, &stored, &err) !=
	    CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_err(w, 400, &err, "grade");
		else
			web_json_error(w, 500, "the grade could not be saved; nothing was changed",
			    NULL);
		goto out;
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:s, s:i}", "inspection", (json_int_t)id, "qi", r->args[1], "grade",
	        stored));
out:
	json_decref(body);
}

const struct api_schema *
api_route_schema(enum web_route route)
{
	switch (route) {
	case WR_API_GRADE: return &grade_schema;
	case WR_API_READING_PUT:
	case WR_API_READING_POST: return &api_reading_schema;
	case WR_API_EVIDENCE_ADD: return &api_evidence_schema;
	case WR_API_FIELDWORK_ADD:
	case WR_API_FIELDWORK_RECORD: return api_fieldwork_schema(route);
	case WR_API_READER_REMOVE: return &api_reader_remove_schema;
	case WR_API_CORRECT: return &api_correct_schema;
	case WR_API_SETTINGS_PUT: return &api_settings_schema;
	case WR_API_PUBLISH: return &api_publish_schema;
	case WR_API_HISTORY_IMPORT:
	case WR_API_OUTCOME_IMPORT:
	case WR_API_TEMPLATE_PUT: return api_reference_schema(route);
	case WR_API_ACCURACY_COMMENT:
	case WR_API_ACCURACY_RESPOND:
	case WR_API_EMBARGO_PUT: return api_accuracy_schema(route);
	case WR_API_PARTNERSHIP_CONTACT:
	case WR_API_PARTNERSHIP_NOTIFY:
	case WR_API_PARTNERSHIP_RETURN:
	case WR_API_PARTNERSHIP_STATEMENT:
	case WR_API_PARTNERSHIP_DOCUMENT:
	case WR_API_PARTNERSHIP_CLAIM:
	case WR_API_PARTNERSHIP_TEST: return api_partnership_schema(route);
	case WR_API_CONCERN_RAISE:
	case WR_API_CONCERN_STEP: return api_concern_schema(route);
	case WR_API_FINDING_ADD:
	case WR_API_FINDING_PUT:
	case WR_API_FINDING_PATCH:
	case WR_API_FINDING_MOVE:
	case WR_API_CONFIDENCE_PUT:
	case WR_API_STAGE_MOVE:
	case WR_API_EVIDENCE_WITHDRAW:
	case WR_API_EVIDENCE_REINSTATE:
	case WR_API_PROGRESS_REVIEW_PUT: return api_findings_schema(route);
	case WR_API_MODEL_IMPORT:
	case WR_API_MODEL_CHECK: return api_model_schema(route);
	case WR_API_FRAMEWORK_IMPORT:
	case WR_API_TEMPLATE_IMPORT: return api_setup_schema(route);
	case WR_API_TEAM_ADD: return api_team_schema(route);
	case WR_API_PANEL_REVIEW: return api_panel_schema(route);
	case WR_API_READER_ADD:
	case WR_API_READER_REASSIGN:
	case WR_API_SAMPLE_DRAW:
	case WR_API_SAMPLE_REPLACE:
	case WR_API_RESOLVE: return api_records_schema(route);
	case WR_API_ACCOUNT_ADD:
	case WR_API_ACCOUNT_PATCH:
	case WR_API_TOKEN_CREATE:
	case WR_API_INSPECTION_CREATE:
	case WR_API_INSPECTION_PATCH: return api_admin_schema(route);
	case WR_API_ACTION_ADD:
	case WR_API_ACTION_PUT:
	case WR_API_ACTION_PATCH: return api_plan_schema(route);
	case WR_API_SURVEY_CREATE:
	case WR_API_SURVEY_IMPORT:
	case WR_API_SURVEY_COMMENT:
	case WR_API_SURVEY_INVITED: return api_survey_schema(route);
	case WR_API_FIELDWORK_CANCEL: return api_fieldwork_schema(route);
	case WR_API_EVIDENCE_PATCH: return api_evidence_item_schema(route);
	case WR_API_READING_AGENCIES: return api_reading_agencies_schema(route);
	case WR_API_RELEASE_CHECK: return api_release_check_schema(route);
	default: return api_review_schema(route);
	}
}
