/*
 * The audit log through the JSON API: a page of entries, newest first, of
 * the whole log (an administrator) or of one inspection (its lead too),
 * and signing a checkpoint of the log (an administrator).  Each is the one
 * app/ call the audit pages (page_inspection.c) and `cairn audit list|
 * checkpoint` make; who may is app/'s (app_audit_page, audit_checkpoint).
 * Verifying the chain is not here: it is the audit page's and the CLI's.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/checkpoint.h"
#include "app/access/lookup.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* The API's default and largest number of entries on a page. */
#define API_AUDIT_LIMIT     200
#define API_AUDIT_LIMIT_MAX 1000

/* What a page of entries collects. */
struct audit_json_ctx {
	json_t *arr; /* the entries, as `cairn audit list --json` writes each */
	long oldest; /* the id of the last (oldest) entry collected */
	long n;      /* entries collected */
};

/* Appends one entry as JSON (callback of app_audit_page). */
static int
entry_json(const struct audit_entry *e, void *arg)
{
	struct audit_json_ctx *t = arg;

	json_array_append_new(t->arr,
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s?, s:s?, s:b}", "id", (json_int_t)e->id,
	        "at", e->at, "actor", e->actor, "origin", e->origin, "action", e->action,
	        "inspection", (json_int_t)e->inspection, "subject", e->subject, "detail", e->detail,
	        "redacted", e->redacted != 0));
	t->oldest = e->id;
	t->n++;
	return 0;
}

/*
 * Answers one page of the log of inspection id (0: the whole log, or the
 * one ?inspection= names): ?limit= entries (1 to 1000, default 200) with an
 * id below ?before= (default: from the newest); "next" is the before of the
 * next page, or null on the last.
 */
static void
audit_answer(struct web_req *r, struct web_resp *w, long id, bool filter)
{
	const char *qlimit = web_query(r, "limit"), *qbefore = web_query(r, "before");
	const char *qinsp = web_query(r, "inspection");
	struct audit_json_ctx t = { NULL, 0, 0 };
	struct cairn_err err = { 0 };
	long limit = API_AUDIT_LIMIT, before = 0;

	for (size_t i = 0; i < r->nquery; i++) {
		const char *q = r->query[i].name;

		if (strcmp(q, "limit") != 0 && strcmp(q, "before") != 0 &&
		    (!filter || strcmp(q, "inspection") != 0)) {
			web_json_error(w, 400,
			    filter ? "unknown parameter; inspection filters the log, and limit and "
			             "before choose the page"
			           : "unknown parameter; limit and before choose the page",
			    q);
			return;
		}
	}
	if (qlimit != NULL && !text_parse_long(qlimit, 1, API_AUDIT_LIMIT_MAX, &limit)) {
		web_json_error(w, 400, "limit must be a whole number from 1 to 1000", "limit");
		return;
	}
	if (qbefore != NULL && !text_parse_long(qbefore, 1, LONG_MAX, &before)) {
		web_json_error(w, 400,
		    "before must be the id of an audit entry; leave it out for the newest",
		    "before");
		return;
	}
	if (filter && qinsp != NULL && !text_parse_long(qinsp, 1, LONG_MAX, &id)) {
		web_json_error(w, 400, "inspection must be the number of an inspection",
		    "inspection");
		return;
	}
	t.arr = json_array();
	if (app_audit_page(r->st, &r->actor, id, before, limit, entry_json, &t, &err) != CAIRN_OK) {
		json_decref(t.arr);
		/* An inspection that is not there (app/'s CAIRN_EDATA) is as
		 * unknown as one whose team the account is not on. */
		if ((err.rc == CAIRN_EPERM && err.code == CAIRN_CODE_UNKNOWN) ||
		    err.rc == CAIRN_EDATA)
			web_json_error(w, 404, "there is no such inspection", "inspection");
		else if (err.rc == CAIRN_EPERM)
			web_json_err(w, 403, &err, NULL);
		else
			web_json_error(w, 500, "the audit log could not be read", NULL);
		return;
	}
	web_send_json(w, 200,
	    json_pack("{s:o, s:o, s:o}", "inspection", id > 0 ? json_integer(id) : json_null(),
	        "entries", t.arr, "next",
	        t.n == limit && t.oldest > 1 ? json_integer(t.oldest) : json_null()));
}

void
api_audit(struct web_req *r, struct web_resp *w)
{
	audit_answer(r, w, 0, true);
}

void
api_inspection_audit(struct web_req *r, struct web_resp *w)
{
	audit_answer(r, w, r->insp, false);
}

void
api_audit_checkpoint(struct web_req *r, struct web_resp *w)
{
	char line[CHECKPOINT_LINE_MAX], pub[CHECKPOINT_PUB_HEX];
	struct cairn_err err = { 0 };
	bool created = false;

	if (audit_checkpoint(r->st, &r->actor, line, &created, pub, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM)
			web_json_err(w, 403, &err, NULL);
		else if (err.rc == CAIRN_EDATA)
			web_json_err(w, 409, &err, NULL);
		else
			web_json_error(w, 500, "no checkpoint could be signed", NULL);
		return;
	}
	/* As `cairn audit checkpoint --json`. */
	web_send_json(w, 201,
	    json_pack("{s:s, s:s?}", "checkpoint", line, "new_public_key", created ? pub : NULL));
}

/* The longest one step of the chain's check runs, as the audit page's. */
#define API_AUDIT_STEP_MS 150

/*
 * Runs one bounded step of the check of the whole chain, as the audit
 * page's "Check the chain" and "Continue checking" buttons (?full=true:
 * from the first entry again, as "Check the whole chain again"); who may is
 * app/'s (app_audit_check).  Answers {checked, total, done, intact,
 * first_bad, resumed}: call again until done; a broken chain is an answer
 * (intact false, first_bad its entry, problem the plain words), not an
 * error of the request.
 */
void
api_audit_check(struct web_req *r, struct web_resp *w)
{
	const char *qfull = web_query(r, "full");
	struct audit_check c;
	struct cairn_err err = { 0 };
	bool full = false;
	int rc;

	for (size_t i = 0; i < r->nquery; i++) {
		if (strcmp(r->query[i].name, "full") != 0) {
			web_json_error(w, 400,
			    "unknown parameter; full=true checks the whole chain from the first "
			    "entry",
			    r->query[i].name);
			return;
		}
	}
	if (qfull != NULL && strcmp(qfull, "true") != 0 && strcmp(qfull, "false") != 0) {
		web_json_error(w, 400, "full must be true or false", "full");
		return;
	}
	full = qfull != NULL && strcmp(qfull, "true") == 0;
	rc = app_audit_check(r->st, &r->actor, 0, full, API_AUDIT_STEP_MS, &c, &err);
	if (rc == CAIRN_EPERM) {
		web_json_err(w, 403, &err, NULL);
		return;
	}
	if (rc != CAIRN_OK && rc != CAIRN_EDATA) {
		web_json_error(w, 500, "the audit log could not be checked", NULL);
		return;
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:I, s:b, s:b, s:o, s:b, s:s?}", "checked", (json_int_t)c.checked,
	        "total", (json_int_t)c.total, "done", rc == CAIRN_OK && c.done, "intact",
	        rc == CAIRN_OK, "first_bad", rc == CAIRN_OK ? json_null() : json_integer(c.bad),
	        "resumed", c.resumed, "problem", rc == CAIRN_OK ? NULL : err.msg));
}
