/*
 * Factual accuracy, the embargo and the media pack through the JSON API.
 * Each is the one call into app/publication/accuracy.h or embargo.h that
 * the pages (page_accuracy.c, page_embargo.c) and `cairn accuracy ...`,
 * `cairn embargo ...` make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/accuracy.h"
#include "app/publication/embargo.h"
#include "core/clock.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

static const struct api_field comment_fields[] = {
	{ "section", AT_STRING, true, false, 1, 80, 0 },
	{ "paragraph", AT_INTEGER, true, false, 1, 10000, 0 },
	{ "passage", AT_STRING, true, false, 1, ACCURACY_TEXT_MAX, 0 },
	{ "comment", AT_STRING, true, false, 1, ACCURACY_TEXT_MAX, 0 },
};
static const struct api_schema comment_schema = { "AccuracyCommentBody", comment_fields,
	sizeof(comment_fields) / sizeof(comment_fields[0]) };

static const struct api_field response_fields[] = {
	{ "response", AT_STRING, true, false, 1, 20, 0 },
	{ "before", AT_STRING, false, true, 0, ACCURACY_TEXT_MAX, 0 },
	{ "after", AT_STRING, false, true, 0, ACCURACY_TEXT_MAX, 0 },
	{ "reason", AT_STRING, false, true, 0, ACCURACY_TEXT_MAX, 0 },
};
static const struct api_schema response_schema = { "AccuracyResponseBody", response_fields,
	sizeof(response_fields) / sizeof(response_fields[0]) };

static const struct api_field embargo_fields[] = {
	{ "date", AT_STRING, true, false, 1, 10, 0 },
	{ "time", AT_STRING, false, true, 0, 5, 0 },
	{ "media_contact", AT_STRING, false, true, 0, EMBARGO_CONTACT_MAX, 0 },
};
static const struct api_schema embargo_schema = { "EmbargoBody", embargo_fields,
	sizeof(embargo_fields) / sizeof(embargo_fields[0]) };

const struct api_schema *
api_accuracy_schema(enum web_route route)
{
	switch (route) {
	case WR_API_ACCURACY_COMMENT: return &comment_schema;
	case WR_API_ACCURACY_RESPOND: return &response_schema;
	case WR_API_EMBARGO_PUT: return &embargo_schema;
	default: return NULL;
	}
}

/* Answers a refused request: 403, 404 for no such comment, 409 for a
 * conflict (the stage, an answered comment), 422 for bad input, 500
 * otherwise.  app/'s field "media-contact" is the body's "media_contact". */
static void
refused(struct web_resp *w, struct cairn_err *err, const char *fallback)
{
	if (strcmp(err->field, "media-contact") == 0)
		text_copy(err->field, sizeof(err->field), "media_contact");
	if (err->rc == CAIRN_EPERM)
		web_json_err(w, 403, err, NULL);
	else if (err->rc == CAIRN_EDATA && err->code == CAIRN_CODE_UNKNOWN &&
	    strcmp(err->field, "comment") == 0)
		web_json_err(w, 404, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT)
		web_json_err(w, 409, err, fallback);
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE)
		web_json_err(w, 422, err, fallback);
	else
		web_json_error(w, 500, "the request could not be carried out; nothing was changed",
		    NULL);
}

/* The members of a comment's JSON that name a person by username, each
 * given its "_name" as `cairn accuracy list --json` gives it. */
static const char *const comment_people[] = { "commented_by", "answered_by" };

/* Returns a comment and its answer as JSON. */
static json_t *
comment_json(const struct accuracy_comment *v)
{
	return json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?}",
	    "number", (json_int_t)v->number, "section", v->section, "paragraph",
	    (json_int_t)v->paragraph, "passage", v->passage, "comment", v->comment, "commented_by",
	    v->made_by, "commented_at", v->made_at, "response",
	    accuracy_response_table[v->response].code, "before", v->before, "after", v->after,
	    "reason", v->reason, "answered_by", v->responded_by, "answered_at",
	    v->responded_at[0] ? v->responded_at : NULL);
}

void
api_accuracy(struct web_req *r, struct web_resp *w)
{
	struct accuracy_comment *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	bool open = false;
	json_t *a;

	if (app_accuracy_list(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK ||
	    app_accuracy_open(r->st, r->insp, &open, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, comment_json(&v[i]));
	accuracy_comments_free(v, n);
	api_name_people(r, r->insp, ACTION_VIEW_ACCURACY, a, comment_people,
	    sizeof(comment_people) / sizeof(comment_people[0]));
	web_send_json(w, 200,
	    json_pack("{s:I, s:b, s:o}", "inspection", (json_int_t)r->insp, "open", open,
	        "comments", a));
}

void
api_accuracy_comment(struct web_req *r, struct web_resp *w)
{
	struct accuracy_comment_req req;
	struct cairn_err err = { 0 };
	char para[24];
	json_t *body;
	long number = 0;

	if ((body = api_body(r, w, &comment_schema)) == NULL)
		return;
	memset(&req, 0, sizeof(req));
	snprintf(para, sizeof(para), "%lld",
	    (long long)json_integer_value(json_object_get(body, "paragraph")));
	req.section = json_string_value(json_object_get(body, "section"));
	req.paragraph = para;
	req.passage = json_string_value(json_object_get(body, "passage"));
	req.comment = json_string_value(json_object_get(body, "comment"));
	if (app_accuracy_comment(r->st, &r->actor, r->insp, &req, &number, &err) != CAIRN_OK)
		refused(w, &err, "section");
	else
		web_send_json(w, 201,
		    json_pack("{s:I, s:I, s:s}", "inspection", (json_int_t)r->insp, "number",
		        (json_int_t)number, "response", "open"));
	json_decref(body);
}

void
api_accuracy_respond(struct web_req *r, struct web_resp *w)
{
	struct accuracy_response_req req;
	struct cairn_err err = { 0 };
	json_t *body;
	long number;

	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 1000000, &number)) {
		web_json_error(w, 404, "there is no such comment", NULL);
		return;
	}
	if ((body = api_body(r, w, &response_schema)) == NULL)
		return;
	memset(&req, 0, sizeof(req));
	req.response = json_string_value(json_object_get(body, "response"));
	req.before = json_string_value(json_object_get(body, "before"));
	req.after = json_string_value(json_object_get(body, "after"));
	req.reason = json_string_value(json_object_get(body, "reason"));
	if (app_accuracy_respond(r->st, &r->actor, r->insp, number, &req, &err) != CAIRN_OK)
		refused(w, &err, "response");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:I, s:s}", "inspection", (json_int_t)r->insp, "number",
		        (json_int_t)number, "response", req.response));
	json_decref(body);
}

/* Returns an embargo as JSON. */
static json_t *
embargo_json(long id, const struct embargo *e)
{
	char line[64], utc[24];

	embargo_line(e, line, sizeof(line));
	clock_iso(e->lifts_at, utc, sizeof(utc));
	return json_pack("{s:I, s:b, s:s?, s:s?, s:s?, s:b, s:s?}", "inspection", (json_int_t)id,
	    "set", e->set, "lifts", e->set ? e->lifts_local : NULL, "lifts_utc",
	    e->set ? utc : NULL, "line", e->set ? line : NULL, "lifted",
	    embargo_lifted(e, clock_now()), "media_contact", e->media_contact);
}

void
api_embargo(struct web_req *r, struct web_resp *w)
{
	struct embargo e;
	struct cairn_err err = { 0 };

	if (app_embargo_get(r->st, &r->actor, r->insp, &e, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	web_send_json(w, 200, embargo_json(r->insp, &e));
	embargo_free(&e);
}

void
api_embargo_put(struct web_req *r, struct web_resp *w)
{
	struct embargo_req req;
	struct embargo e;
	struct cairn_err err = { 0 };
	json_t *body;

	if ((body = api_body(r, w, &embargo_schema)) == NULL)
		return;
	memset(&req, 0, sizeof(req));
	req.date = json_string_value(json_object_get(body, "date"));
	req.time = json_string_value(json_object_get(body, "time"));
	req.media_contact = json_string_value(json_object_get(body, "media_contact"));
	if (app_embargo_set(r->st, &r->actor, r->insp, &req, &err) != CAIRN_OK ||
	    app_embargo_get(r->st, &r->actor, r->insp, &e, &err) != CAIRN_OK) {
		refused(w, &err, "date");
	} else {
		web_send_json(w, 200, embargo_json(r->insp, &e));
		embargo_free(&e);
	}
	json_decref(body);
}

void
api_media_pack(struct web_req *r, struct web_resp *w)
{
	struct media_pack m;
	struct cairn_err err = { 0 };
	json_t *ex;

	if (app_media_pack(r->st, &r->actor, r->insp, &m, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	ex = json_array();
	for (size_t i = 0; i < m.nextracts; i++)
		json_array_append_new(ex, json_string(m.extracts[i]));
	web_send_json(w, 200,
	    json_pack("{s:I, s:s?, s:b, s:s, s:s?, s:s?, s:o, s:s?, s:s?}", "inspection",
	        (json_int_t)r->insp, "embargo", m.line[0] ? m.line : NULL, "published", m.published,
	        "release", m.release, "quote", m.quote, "quote_by", m.quote_by, "extracts", ex,
	        "media_contact", m.embargo.media_contact, "report_url", m.report_url));
	media_pack_free(&m);
}

/*
 * GET the draft report's passages with the references a comment names
 * (section and paragraph, as `cairn accuracy draft` lists them), each with
 * its kind and its whole text: app_accuracy_draft, who may see the draft
 * now (the co-ordinator only at the factual accuracy stage) is app/'s.
 */
void
api_accuracy_draft(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct doc doc;
	json_t *secs;

	if (app_accuracy_draft(r->st, &r->actor, r->insp, &doc, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	secs = json_array();
	for (size_t s = 0; s < doc.nsections; s++) {
		const struct doc_section *sec = &doc.sections[s];
		json_t *blocks = json_array();

		for (size_t b = 0; b < sec->nblocks; b++) {
			const struct doc_block *k = &sec->blocks[b];
			const char *text = k->text != NULL                  ? k->text
			    : k->nitems > 0                                 ? k->items[0]
			    : k->table != NULL && k->table->caption != NULL ? k->table->caption
			    : k->chart != NULL                              ? k->chart->title
			                                                    : "";

			json_array_append_new(blocks,
			    json_pack("{s:I, s:s, s:s}", "paragraph", (json_int_t)(b + 1), "kind",
			        doc_block_name[k->kind], "text", text));
		}
		json_array_append_new(secs,
		    json_pack("{s:s, s:s, s:o}", "section", sec->id, "title", sec->title,
		        "passages", blocks));
	}
	doc_free(&doc);
	web_send_json(w, 200,
	    json_pack("{s:I, s:o}", "inspection", (json_int_t)r->insp, "sections", secs));
}
