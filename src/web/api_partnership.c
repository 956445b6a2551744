/*
 * The partnership's side through the JSON API: everything about it, a
 * co-ordinator, a notification, the pre-inspection return (each sheet's
 * CSV text in the body), the position statement, a supporting document
 * (base64, within the API's body limit), a claim and a claim's test.  Each
 * is the one call into app/partnership/ that the page (page_partnership.c)
 * and `cairn partnership ...` make.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/partnership/notification.h"
#include "app/partnership/position.h"
#include "app/partnership/preret.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

static const struct api_field contact_fields[] = {
	{ "name", AT_STRING, true, false, 1, PARTNERSHIP_NAME_MAX, 0 },
	{ "job", AT_STRING, false, true, 0, PARTNERSHIP_NAME_MAX, 0 },
};
static const struct api_schema contact_schema = { "PartnershipContactBody", contact_fields,
	sizeof(contact_fields) / sizeof(contact_fields[0]) };

static const struct api_field notify_fields[] = {
	{ "council", AT_STRING, true, false, 1, PARTNERSHIP_NAME_MAX, 0 },
	{ "health_board", AT_STRING, true, false, 1, PARTNERSHIP_NAME_MAX, 0 },
	{ "date", AT_STRING, false, true, 0, 10, 0 },
};
static const struct api_schema notify_schema = { "NotificationBody", notify_fields,
	sizeof(notify_fields) / sizeof(notify_fields[0]) };

static const struct api_field return_fields[] = {
	{ "sheets", AT_STRING_MAP, false, true, 0, 60000, PRERET_SHEETS_MAX },
	{ "allow", AT_STRING_ARRAY, false, true, 1, 127, 16 },
	{ "workbook_base64", AT_STRING, false, true, 1, 60000, 0 },
};
static const struct api_schema return_schema = { "PreInspectionReturnBody", return_fields,
	sizeof(return_fields) / sizeof(return_fields[0]) };

static const struct api_field statement_fields[] = {
	{ "sections", AT_STRING_MAP, true, false, 0, 60000, 32 },
};
static const struct api_schema statement_schema = { "PositionStatementBody", statement_fields,
	sizeof(statement_fields) / sizeof(statement_fields[0]) };

static const struct api_field document_fields[] = {
	{ "title", AT_STRING, false, true, 1, POSITION_CLAIM_MAX, 0 },
	{ "document", AT_INTEGER, false, true, 1, 1000000, 0 },
	{ "filename", AT_STRING, true, false, 1, 200, 0 },
	{ "content_base64", AT_STRING, true, false, 1, 60000, 0 },
};
static const struct api_schema document_schema = { "SupportingDocumentBody", document_fields,
	sizeof(document_fields) / sizeof(document_fields[0]) };

static const struct api_field claim_fields[] = {
	{ "section", AT_STRING, true, false, 1, 40, 0 },
	{ "text", AT_STRING, true, false, 1, POSITION_CLAIM_MAX, 0 },
	{ "documents", AT_STRING, false, true, 0, 200, 0 },
};
static const struct api_schema claim_schema = { "ClaimBody", claim_fields,
	sizeof(claim_fields) / sizeof(claim_fields[0]) };

static const struct api_field test_fields[] = {
	{ "qi", AT_STRING, true, false, 1, 40, 0 },
	{ "verdict", AT_STRING, false, true, 0, 20, 0 },
	{ "evidence", AT_INTEGER, false, true, 1, 100000000, 0 },
	{ "note", AT_STRING, false, true, 0, POSITION_CLAIM_MAX, 0 },
};
static const struct api_schema test_schema = { "ClaimTestBody", test_fields,
	sizeof(test_fields) / sizeof(test_fields[0]) };

const struct api_schema *
api_partnership_schema(enum web_route route)
{
	switch (route) {
	case WR_API_PARTNERSHIP_CONTACT: return &contact_schema;
	case WR_API_PARTNERSHIP_NOTIFY: return &notify_schema;
	case WR_API_PARTNERSHIP_RETURN: return &return_schema;
	case WR_API_PARTNERSHIP_STATEMENT: return &statement_schema;
	case WR_API_PARTNERSHIP_DOCUMENT: return &document_schema;
	case WR_API_PARTNERSHIP_CLAIM: return &claim_schema;
	case WR_API_PARTNERSHIP_TEST: return &test_schema;
	default: return NULL;
	}
}

/* Answers a refused change: 422 for bad input, 403, 404 for an unknown
 * claim, document or notification, 409 for a conflict, 500 otherwise. */
static void
refused(struct web_resp *w, const struct cairn_err *err, const char *fallback)
{
	if (err->rc == CAIRN_EPERM)
		web_json_err(w, 403, err, NULL);
	else if (err->rc == CAIRN_EDATA && err->code == CAIRN_CODE_UNKNOWN &&
	    (strcmp(err->field, "claim") == 0 || strcmp(err->field, "notification") == 0))
		web_json_err(w, 404, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT)
		web_json_err(w, 409, err, fallback);
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE)
		web_json_err(w, 422, err, fallback);
	else
		web_json_error(w, 500,
		    "the partnership's records could not be changed; nothing was "
		    "changed",
		    NULL);
}

/* The members of the partnership's JSON that name a person by username
 * (who returned the return, who submitted the statement, who tested each
 * claim), each given its "_name" as `cairn partnership show --json` gives
 * it. */
static const char *const partnership_people[] = { "returned_by", "submitted_by", "tested_by" };

void
api_partnership(struct web_req *r, struct web_resp *w)
{
	struct partnership_contact ct[CONTACT__MAX];
	bool have[CONTACT__MAX];
	struct notification *nv = NULL;
	struct preret_status rs;
	struct position_state ps;
	struct cairn_err err = { 0 };
	size_t nn = 0;
	json_t *contacts, *notes, *sheets, *secs, *docs, *claims, *all;

	memset(&rs, 0, sizeof(rs));
	memset(&ps, 0, sizeof(ps));
	memset(ct, 0, sizeof(ct));
	if (app_contact_list(r->st, &r->actor, r->insp, ct, have, &err) != CAIRN_OK ||
	    app_notification_list(r->st, &r->actor, r->insp, &nv, &nn, &err) != CAIRN_OK ||
	    app_preret_status(r->st, &r->actor, r->insp, &rs, &err) != CAIRN_OK ||
	    app_position_state(r->st, &r->actor, r->insp, &ps, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		goto out;
	}
	contacts = json_object();
	for (int k = 0; k < CONTACT__MAX; k++)
		if (have[k])
			json_object_set_new(contacts, contact_kind_table[k].code,
			    json_pack("{s:s, s:s?}", "name", ct[k].name, "job", ct[k].job));
	notes = json_array();
	for (size_t i = 0; i < nn; i++)
		json_array_append_new(notes,
		    json_pack("{s:I, s:s, s:s, s:s}", "number", (json_int_t)nv[i].number, "dated",
		        nv[i].dated, "sha256", nv[i].sha256, "markdown", nv[i].body));
	sheets = json_object();
	for (size_t i = 0; i < rs.ret.nsheets; i++)
		json_object_set_new(sheets, rs.ret.sheets[i], json_integer(rs.ret.rows[i]));
	secs = json_object();
	for (size_t i = 0; i < ps.stmt.n; i++)
		json_object_set_new(secs, ps.stmt.codes[i], json_string(ps.stmt.bodies[i]));
	docs = json_array();
	for (size_t i = 0; i < ps.ndocs; i++)
		json_array_append_new(docs,
		    json_pack("{s:I, s:s, s:I, s:s, s:I, s:s}", "number",
		        (json_int_t)ps.docs[i].number, "title", ps.docs[i].title, "version",
		        (json_int_t)ps.docs[i].version, "filename", ps.docs[i].filename, "size",
		        (json_int_t)ps.docs[i].size, "sha256", ps.docs[i].sha256));
	claims = json_array();
	for (size_t i = 0; i < ps.nclaims; i++) {
		json_t *t = json_array(), *d = json_array();

		for (size_t k = 0; k < ps.claims[i].ndocuments; k++)
			json_array_append_new(d, json_integer(ps.claims[i].documents[k]));
		for (size_t k = 0; k < ps.claims[i].ntests; k++) {
			const struct claim_test *ct2 = &ps.claims[i].tests[k];
			json_t *o = json_pack("{s:s, s:s, s:s?, s:s}", "qi", ct2->qi, "verdict",
			    claim_verdict_code[ct2->verdict], "note", ct2->note, "tested_by",
			    ct2->tested_by);

			if (ct2->evidence > 0)
				json_object_set_new(o, "evidence", json_integer(ct2->evidence));
			json_array_append_new(t, o);
		}
		json_array_append_new(claims,
		    json_pack("{s:I, s:s, s:s, s:o, s:o}", "number",
		        (json_int_t)ps.claims[i].number, "section", ps.claims[i].section, "text",
		        ps.claims[i].body, "documents", d, "tests", t));
	}
	all =
	    json_pack("{s:I, s:o, s:o, s:{s:s, s:s?, s:b, s:I, s:s?, s:o}, s:{s:s, s:s?, s:b, s:I, "
	              "s:s?, s:I, s:I, s:o}, s:o, s:o}",
	        "inspection", (json_int_t)r->insp, "contacts", contacts, "notifications", notes,
	        "return", "title", rs.layout.title, "due", rs.due[0] ? rs.due : NULL, "overdue",
	        rs.overdue, "version", (json_int_t)rs.ret.version, "returned_by",
	        rs.ret.version > 0 ? rs.ret.returned_by : NULL, "sheets", sheets, "statement",
	        "title", ps.layout.title, "due", ps.due[0] ? ps.due : NULL, "overdue", ps.overdue,
	        "version", (json_int_t)ps.stmt.version, "submitted_by",
	        ps.stmt.version > 0 ? ps.stmt.submitted_by : NULL, "words",
	        (json_int_t)ps.stmt.words, "word_limit", (json_int_t)ps.layout.word_limit,
	        "sections", secs, "documents", docs, "claims", claims);
	api_name_people(r, r->insp, ACTION_VIEW_PARTNERSHIP, all, partnership_people,
	    sizeof(partnership_people) / sizeof(partnership_people[0]));
	web_send_json(w, 200, all);
out:
	for (int k = 0; k < CONTACT__MAX; k++)
		partnership_contact_free(&ct[k]);
	notifications_free(nv, nn);
	preret_status_free(&rs);
	position_state_free(&ps);
}

void
api_partnership_contact(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body;

	if ((body = api_body(r, w, &contact_schema)) == NULL)
		return;
	if (app_contact_set(r->st, &r->actor, r->insp, r->args[1], api_member(body, "name"),
	        api_member(body, "job"), &err) != CAIRN_OK)
		refused(w, &err, "name");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:s, s:s}", "inspection", (json_int_t)r->insp, "kind",
		        r->args[1], "name", api_member(body, "name")));
	json_decref(body);
}

void
api_partnership_notify(struct web_req *r, struct web_resp *w)
{
	struct notification_req req = { 0 };
	struct cairn_err err = { 0 };
	json_t *body;
	long number = 0;

	if ((body = api_body(r, w, &notify_schema)) == NULL)
		return;
	req.council = api_member(body, "council");
	req.health_board = api_member(body, "health_board");
	req.date = api_member(body, "date");
	if (app_notification_generate(r->st, &r->actor, r->insp, &req, &number, &err) != CAIRN_OK) {
		if (strcmp(err.field, "health-board") == 0)
			snprintf(err.field, sizeof(err.field), "health_board");
		refused(w, &err, "council");
	} else {
		web_send_json(w, 201,
		    json_pack("{s:I, s:I}", "inspection", (json_int_t)r->insp, "notification",
		        (json_int_t)number));
	}
	json_decref(body);
}

void
api_partnership_return(struct web_req *r, struct web_resp *w)
{
	struct preret_file files[PRERET_SHEETS_MAX];
	struct preret_result *res = NULL;
	struct cairn_err err = { 0 };
	struct buf allow = BUF_INIT;
	unsigned char *wb = NULL;
	json_t *body, *sheets, *v, *a;
	const char *key;
	size_t n = 0, i;

	if ((body = api_body(r, w, &return_schema)) == NULL)
		return;
	sheets = json_object_get(body, "sheets");
	json_object_foreach(sheets, key, v)
	{
		if (n < PRERET_SHEETS_MAX)
			files[n++] = (struct preret_file){ key, NULL, json_string_value(v),
				json_string_length(v) };
	}
	if ((v = json_object_get(body, "workbook_base64")) != NULL && json_is_string(v) &&
	    n < PRERET_SHEETS_MAX) {
		size_t b64len = json_string_length(v), len = 0;

		wb = xmalloc(b64len + 1);
		if (sodium_base642bin(wb, b64len + 1, json_string_value(v), b64len, "\n\r ", &len,
		        NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
			web_json_error(w, 422, "workbook_base64 is not base64", "workbook_base64");
			free(wb);
			buf_free(&allow);
			json_decref(body);
			return;
		}
		files[n++] = (struct preret_file){ "", NULL, (const char *)wb, len };
	}
	if ((a = json_object_get(body, "allow")) != NULL && json_is_array(a))
		json_array_foreach(a, i, v)
		    buf_printf(&allow, "%s%s", i ? "," : "", json_string_value(v));
	res = xcalloc(1, sizeof(*res));
	if (app_preret_return(r->st, &r->actor, r->insp, files, n,
	        allow.len ? buf_str(&allow) : NULL, res, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA && res->total > 0) {
			json_t *errs = json_array();

			for (size_t s = 0; s < res->nerrors; s++)
				for (size_t k = 0; k < res->errors[s].e.nkept; k++)
					json_array_append_new(errs,
					    json_pack("{s:s, s:I, s:I, s:s}", "sheet",
					        res->errors[s].sheet, "line",
					        (json_int_t)res->errors[s].e.kept[k].line, "column",
					        (json_int_t)res->errors[s].e.kept[k].column,
					        "message", res->errors[s].e.kept[k].msg));
			web_send_json(w, 422,
			    json_pack("{s:{s:i, s:s, s:s, s:s}, s:I, s:o}", "error", "status", 422,
			        "code", "invalid", "message", err.msg, "field",
			        wb != NULL ? "/workbook_base64" : "/sheets", "total",
			        (json_int_t)res->total, "errors", errs));
		} else {
			refused(w, &err, "sheets");
		}
	} else {
		web_send_json(w, 201,
		    json_pack("{s:I, s:I, s:I}", "inspection", (json_int_t)r->insp, "version",
		        (json_int_t)res->version, "rows", (json_int_t)res->rows));
	}
	free(res);
	free(wb);
	buf_free(&allow);
	json_decref(body);
}

void
api_partnership_statement(struct web_req *r, struct web_resp *w)
{
	struct position_text secs[32];
	struct cairn_err err = { 0 };
	json_t *body, *v;
	const char *key;
	size_t n = 0;
	long version = 0, words = 0;

	if ((body = api_body(r, w, &statement_schema)) == NULL)
		return;
	json_object_foreach(json_object_get(body, "sections"), key, v)
	{
		if (n < 32)
			secs[n++] = (struct position_text){ key, json_string_value(v) };
	}
	if (app_position_submit(r->st, &r->actor, r->insp, secs, n, &version, &words, &err) !=
	    CAIRN_OK) {
		if (err.rc == CAIRN_EDATA && strcmp(err.field, "statement") == 0) {
			web_send_json(w, 422,
			    json_pack("{s:s, s:s, s:I}", "error", err.msg, "field", "sections",
			        "words", (json_int_t)words));
		} else {
			refused(w, &err, "sections");
		}
	} else {
		web_send_json(w, 200,
		    json_pack("{s:I, s:I, s:I}", "inspection", (json_int_t)r->insp, "version",
		        (json_int_t)version, "words", (json_int_t)words));
	}
	json_decref(body);
}

void
api_partnership_document(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body, *d;
	const char *b64;
	unsigned char *data = NULL;
	size_t len = 0, b64len;
	long number = 0, version = 0;

	if ((body = api_body(r, w, &document_schema)) == NULL)
		return;
	if ((d = json_object_get(body, "document")) != NULL && json_is_integer(d))
		number = (long)json_integer_value(d);
	b64 = api_member(body, "content_base64");
	b64len = strlen(b64);
	data = xmalloc(b64len + 1);
	if (sodium_base642bin(data, b64len + 1, b64, b64len, "\n\r ", &len, NULL,
	        sodium_base64_VARIANT_ORIGINAL) != 0) {
		web_json_error(w, 422, "content_base64 is not base64", "content_base64");
		goto out;
	}
	if (app_position_document(r->st, &r->actor, r->insp, &number, api_member(body, "title"),
	        api_member(body, "filename"), (const char *)data, len, &version,
	        &err) != CAIRN_OK) {
		if (strcmp(err.field, "file") == 0)
			snprintf(err.field, sizeof(err.field), "content_base64");
		refused(w, &err, "title");
	} else {
		web_send_json(w, 201,
		    json_pack("{s:I, s:I, s:I}", "inspection", (json_int_t)r->insp, "document",
		        (json_int_t)number, "version", (json_int_t)version));
	}
out:
	free(data);
	json_decref(body);
}

void
api_partnership_claim(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body;
	long number = 0;

	if ((body = api_body(r, w, &claim_schema)) == NULL)
		return;
	if (app_position_claim(r->st, &r->actor, r->insp, api_member(body, "section"),
	        api_member(body, "text"), api_member(body, "documents"), &number, &err) != CAIRN_OK)
		refused(w, &err, "text");
	else
		web_send_json(w, 201,
		    json_pack("{s:I, s:I}", "inspection", (json_int_t)r->insp, "claim",
		        (json_int_t)number));
	json_decref(body);
}

void
api_partnership_test(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	json_t *body, *e;
	char ev[24] = "";
	long number;

	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 1000000, &number)) {
		web_json_error(w, 404, "there is no such claim", NULL);
		return;
	}
	if ((body = api_body(r, w, &test_schema)) == NULL)
		return;
	if ((e = json_object_get(body, "evidence")) != NULL && json_is_integer(e))
		snprintf(ev, sizeof(ev), "%lld", (long long)json_integer_value(e));
	if (app_position_test(r->st, &r->actor, r->insp, number, api_member(body, "qi"),
	        api_member(body, "verdict"), ev[0] ? ev : NULL, api_member(body, "note"),
	        &err) != CAIRN_OK)
		refused(w, &err, "qi");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:I, s:s, s:s}", "inspection", (json_int_t)r->insp, "claim",
		        (json_int_t)number, "qi", api_member(body, "qi"), "verdict",
		        api_member(body, "verdict") != NULL && api_member(body, "verdict")[0]
		            ? api_member(body, "verdict")
		            : "untested"));
	json_decref(body);
}
