/*
 * Progress reviews through the JSON API: the follow-up history, one
 * review's report as JSON, and the four changes (start a review, judge the
 * progress on an area for improvement, re-evaluate an indicator, decide).
 * Each is the one call into app/followup/review.h that the browser's forms
 * (page_review.c) and `cairn review ...` make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/followup/review.h"
#include "core/database.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

static const struct api_field review_fields[] = {
	{ "date", AT_STRING, true, false, 1, 10, 0 },
};
static const struct api_schema review_schema = { "ReviewBody", review_fields,
	sizeof(review_fields) / sizeof(review_fields[0]) };

static const struct api_field progress_fields[] = {
	{ "judgement", AT_STRING, true, false, 1, 16, 0 },
	{ "text", AT_STRING, true, false, 1, 20000, 0 },
	{ "evidence", AT_STRING, false, true, 0, 20000, 0 },
};
static const struct api_schema progress_schema = { "ProgressBody", progress_fields,
	sizeof(progress_fields) / sizeof(progress_fields[0]) };

static const struct api_field regrade_fields[] = {
	{ "grade", AT_TEXT_OR_INT, true, false, 0, 63, 0 },
	{ "rationale", AT_STRING, false, true, 0, 20000, 0 },
};
static const struct api_schema regrade_schema = { "ReviewGradeBody", regrade_fields,
	sizeof(regrade_fields) / sizeof(regrade_fields[0]) };

static const struct api_field decision_fields[] = {
	{ "further", AT_STRING, true, false, 1, 16, 0 },
	{ "text", AT_STRING, false, true, 0, 20000, 0 },
};
static const struct api_schema decision_schema = { "DecisionBody", decision_fields,
	sizeof(decision_fields) / sizeof(decision_fields[0]) };

const struct api_schema *
api_review_schema(enum web_route route)
{
	switch (route) {
	case WR_API_REVIEW_CREATE: return &review_schema;
	case WR_API_REVIEW_PROGRESS: return &progress_schema;
	case WR_API_REVIEW_GRADE: return &regrade_schema;
	case WR_API_REVIEW_DECIDE: return &decision_schema;
	default: return NULL;
	}
}

/* Returns the string member name of body, or NULL (absent or null). */
static const char *
member(json_t *body, const char *name)
{
	return json_string_value(json_object_get(body, name));
}

/* Parses the review number in the path; answers 404 if it is not one. */
static bool
path_seq(struct web_req *r, struct web_resp *w, int *seq)
{
	long v;

	if (!text_parse_long(r->args[1], 1, 1000, &v)) {
		web_json_error(w, 404, "there is no such progress review", NULL);
		return false;
	}
	*seq = (int)v;
	return true;
}

/* Answers a refused change: 422 with app/'s field (or fallback) for bad
 * data, 500 otherwise. */
static void
refused(struct web_resp *w, const struct cairn_err *err, const char *fallback)
{
	if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE)
		web_json_err(w, 422, err, fallback);
	else
		web_json_error(w, 500, "the review could not be changed; nothing was changed",
		    NULL);
}

void
api_reviews(struct web_req *r, struct web_resp *w)
{
	struct followup f;
	struct cairn_err err = { 0 };

	if (app_followup_load(r->st, r->insp, &f, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the follow-up could not be read", NULL);
		return;
	}
	web_send_json(w, 200, followup_history_json(&f));
	followup_free(&f);
}

void
api_review(struct web_req *r, struct web_resp *w)
{
	struct followup f;
	struct cairn_err err = { 0 };
	int seq, i;

	if (!path_seq(r, w, &seq))
		return;
	if (app_followup_load(r->st, r->insp, &f, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the follow-up could not be read", NULL);
		return;
	}
	if ((i = followup_review(&f, seq, &err)) < 0)
		web_json_error(w, 404, "there is no such progress review", NULL);
	else
		web_send_json(w, 200, review_json(&f, (size_t)i));
	followup_free(&f);
}

void
api_review_create(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body;
	int seq = 0;

	if ((body = api_body(r, w, &review_schema)) == NULL)
		return;
	if (app_review_create(r->st, &r->actor, r->insp, member(body, "date"), &seq, &err) !=
	    CAIRN_OK)
		refused(w, &err, "date");
	else
		web_send_json(w, 201,
		    json_pack("{s:I, s:i}", "inspection", (json_int_t)r->insp, "review", seq));
	json_decref(body);
}

void
api_review_progress(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body;
	long area = 0;
	int seq;

	if (!path_seq(r, w, &seq) || (body = api_body(r, w, &progress_schema)) == NULL)
		return;
	/* {improvement} is the area's number within the inspection (1, 2, 3). */
	if (app_review_progress(r->st, &r->actor, r->insp, seq, r->args[2],
	        member(body, "judgement"), member(body, "text"), member(body, "evidence"),
	        &err) != CAIRN_OK)
		refused(w, &err, "judgement");
	else if (!text_parse_long(r->args[2], 1, 2000000000L, &area))
		web_json_error(w, 500, "the area's number could not be read", NULL);
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:i, s:I, s:s}", "inspection", (json_int_t)r->insp, "review",
		        seq, "improvement", (json_int_t)area, "judgement",
		        member(body, "judgement")));
	json_decref(body);
}

void
api_review_grade(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body, *g;
	char grade[64];
	int seq, value = 0;

	if (!path_seq(r, w, &seq) || (body = api_body(r, w, &regrade_schema)) == NULL)
		return;
	g = json_object_get(body, "grade");
	if (json_is_integer(g))
		snprintf(grade, sizeof(grade), "%lld", (long long)json_integer_value(g));
	else
		snprintf(grade, sizeof(grade), "%s", json_string_value(g));
	if (app_review_grade(r->st, &r->actor, r->insp, seq, r->args[2], grade,
	        member(body, "rationale"), &value, &err) != CAIRN_OK)
		refused(w, &err, "grade");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:i, s:s, s:i}", "inspection", (json_int_t)r->insp, "review",
		        seq, "qi", r->args[2], "grade", value));
	json_decref(body);
}

void
api_review_decide(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body;
	int seq;

	if (!path_seq(r, w, &seq) || (body = api_body(r, w, &decision_schema)) == NULL)
		return;
	if (app_review_decide(r->st, &r->actor, r->insp, seq, member(body, "further"),
	        member(body, "text"), &err) != CAIRN_OK)
		refused(w, &err, "further");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:i, s:s}", "inspection", (json_int_t)r->insp, "review", seq,
		        "further", member(body, "further")));
	json_decref(body);
}
