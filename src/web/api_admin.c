/*
 * Accounts, API tokens, creating and changing inspections, and the people
 * to choose from, through the JSON API.  Each handler makes the one call
 * into app/ that the accounts page (page_accounts.c), the create and team
 * pages (page_team.c) and `cairn user|inspection ...` make, so the rules
 * (who may, the last administrator, a token's label) are app/'s:
 *   - accounts (administrators): list, add (the generated password is in
 *     the answer once), one account, change (name, disabled, administrator),
 *     reset a password (the new one in the answer once);
 *   - API tokens: list, make (the secret in the answer once), revoke by
 *     label; one's own, or an administrator anyone's (app_token_may);
 *   - inspections: create (201 with its id and Location), change;
 *   - the people to choose from on an inspection (app_people_choices).
 * A secret is never stored or listed: only its hash is kept, and the
 * answer that carries it is never cached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/access/account.h"
#include "app/access/lookup.h"
#include "app/setup/inspection.h"
#include "core/account.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* The bodies, each limited as app/ limits the field (app/ checks again). */
static const struct api_field account_add_fields[] = {
	{ "username", AT_STRING, true, false, 1, 64, 0 },
	{ "name", AT_STRING, false, true, 0, 200, 0 },
	{ "admin", AT_BOOLEAN, false, true, 0, 0, 0 },
};
static const struct api_schema account_add_schema = { "AccountAddBody", account_add_fields,
	sizeof(account_add_fields) / sizeof(account_add_fields[0]) };

static const struct api_field account_patch_fields[] = {
	{ "name", AT_STRING, false, true, 0, 200, 0 },
	{ "disabled", AT_BOOLEAN, false, true, 0, 0, 0 },
	{ "admin", AT_BOOLEAN, false, true, 0, 0, 0 },
};
static const struct api_schema account_patch_schema = { "AccountPatchBody", account_patch_fields,
	sizeof(account_patch_fields) / sizeof(account_patch_fields[0]) };

static const struct api_field token_fields[] = {
	{ "label", AT_STRING, false, true, 0, 200, 0 },
};
static const struct api_schema token_schema = { "TokenBody", token_fields,
	sizeof(token_fields) / sizeof(token_fields[0]) };

/* An inspection's fields, by app/'s names (app/setup/inspection.h); the
 * agencies and methods as arrays. */
#define INSPECTION_FIELDS                                                                          \
	{ "title", AT_STRING, false, true, 1, 300, 0 },                                            \
	    { "notified", AT_STRING, false, true, 0, 10, 0 },                                      \
	    { "fieldwork-from", AT_STRING, false, true, 1, 10, 0 },                                \
	    { "fieldwork-to", AT_STRING, false, true, 1, 10, 0 },                                  \
	    { "published", AT_STRING, false, true, 0, 10, 0 },                                     \
	    { "agencies", AT_STRING_ARRAY, false, true, 1, 300, 20 },                              \
	    { "methods", AT_STRING_ARRAY, false, true, 1, 300, 40 },                               \
	{                                                                                          \
		"context", AT_STRING, false, true, 0, 20000, 0                                     \
	}

static const struct api_field inspection_create_fields[] = {
	{ "partnership", AT_STRING, true, false, 1, 300, 0 },
	{ "framework", AT_STRING, true, false, 1, 64, 0 },
	{ "lead", AT_STRING, false, true, 1, 64, 0 },
	INSPECTION_FIELDS,
};
static const struct api_schema inspection_create_schema = { "InspectionCreateBody",
	inspection_create_fields,
	sizeof(inspection_create_fields) / sizeof(inspection_create_fields[0]) };

static const struct api_field inspection_patch_fields[] = {
	{ "partnership", AT_STRING, false, true, 1, 300, 0 },
	INSPECTION_FIELDS,
};
static const struct api_schema inspection_patch_schema = { "InspectionPatchBody",
	inspection_patch_fields,
	sizeof(inspection_patch_fields) / sizeof(inspection_patch_fields[0]) };

const struct api_schema *
api_admin_schema(enum web_route route)
{
	switch (route) {
	case WR_API_ACCOUNT_ADD: return &account_add_schema;
	case WR_API_ACCOUNT_PATCH: return &account_patch_schema;
	case WR_API_TOKEN_CREATE: return &token_schema;
	case WR_API_INSPECTION_CREATE: return &inspection_create_schema;
	case WR_API_INSPECTION_PATCH: return &inspection_patch_schema;
	default: return NULL;
	}
}

/*
 * Answers an app/ refusal: 403 not allowed (404 when the person is not on
 * the inspection's team, as if it did not exist), 404 for an unknown
 * account or token, 409 for a conflict with the stored state (the last
 * administrator, a label in use), 422 for bad input at its field
 * (fallback when app/ names none), 500 otherwise.
 */
static void
refused(struct web_resp *w, const struct cairn_err *err, const char *fallback)
{
	if (err->rc == CAIRN_EPERM)
		web_json_err(w, err->code == CAIRN_CODE_UNKNOWN ? 404 : 403, err, NULL);
	else if (err->rc == CAIRN_EDATA && err->code == CAIRN_CODE_UNKNOWN &&
	    (strcmp(err->field, "username") == 0 || strcmp(err->field, "label") == 0))
		web_json_err(w, 404, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT)
		web_json_err(w, 409, err, fallback);
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE)
		web_json_err(w, 422, err, fallback);
	else
		web_json_error(w, 500, "the request could not be completed; nothing was changed",
		    NULL);
}

/* Returns a UTC time as JSON, or null when it is "" (never). */
static json_t *
time_or_null(const char *t)
{
	return t != NULL && t[0] != '\0' ? json_string(t) : json_null();
}

/* Returns the JSON of one account (never its password hash; caller owns). */
static json_t *
account_json(const struct account *a)
{
	return json_pack("{s:s, s:s, s:b, s:b, s:s, s:o}", "username", a->username, "name",
	    a->full_name, "admin", a->admin, "disabled", a->disabled, "created_at", a->created_at,
	    "last_signin_at", time_or_null(a->last_signin_at));
}

/* The path's {username} (the first argument). */
static const char *
path_user(const struct web_req *r)
{
	return r->nargs > 0 ? r->args[0] : "";
}

void
api_accounts(struct web_req *r, struct web_resp *w)
{
	struct account *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *a;

	if (app_account_list(r->st, &r->actor, &v, &n, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, account_json(&v[i]));
	accounts_free(v, n);
	web_send_json(w, 200, json_pack("{s:o}", "accounts", a));
}

void
api_account(struct web_req *r, struct web_resp *w)
{
	struct account a = { 0 };
	struct cairn_err err = { 0 };

	if (app_account_lookup(r->st, &r->actor, 0, ACTION_MANAGE_ACCOUNTS, path_user(r), &a,
	        &err) != CAIRN_OK)
		refused(w, &err, "username");
	else
		web_send_json(w, 200, account_json(&a));
	account_free(&a);
}

/* Sends a new secret once: 200 or 201, never cached. */
static void
send_secret(struct web_resp *w, int status, json_t *v)
{
	w->cache_control = "private, no-store";
	web_send_json(w, status, v);
}

void
api_account_add(struct web_req *r, struct web_resp *w)
{
	char pw[ACCOUNT_GENERATED_PASSWORD + 1], loc[128];
	struct cairn_err err = { 0 };
	const char *username, *name;
	bool admin;
	json_t *body;

	if ((body = api_body(r, w, &account_add_schema)) == NULL)
		return;
	username = json_string_value(json_object_get(body, "username"));
	name = json_string_value(json_object_get(body, "name"));
	admin = json_is_true(json_object_get(body, "admin"));
	/* As the accounts page: Cairn makes the password, shown once. */
	if (app_username_check(username, &err) != CAIRN_OK) {
		text_copy(err.field, sizeof(err.field), "username");
		refused(w, &err, "username");
	} else if (app_password_generate(pw, &err) != CAIRN_OK) {
		refused(w, &err, NULL);
	} else if (app_user_add(r->st, &r->actor, username, name, pw, admin, &err) != CAIRN_OK) {
		refused(w, &err, "username");
	} else {
		snprintf(loc, sizeof(loc), "/api/v1/accounts/%s", username);
		free(w->location);
		w->location = xstrdup(loc);
		send_secret(w, 201,
		    json_pack("{s:s, s:s, s:b, s:b, s:s}", "username", username, "name",
		        name != NULL && name[0] != '\0' ? name : username, "admin", admin,
		        "disabled", 0, "password", pw));
	}
	sodium_memzero(pw, sizeof(pw));
	json_decref(body);
}

void
api_account_patch(struct web_req *r, struct web_resp *w)
{
	struct account_change ch = { 0 };
	struct account a = { 0 };
	struct cairn_err err = { 0 };
	json_t *body, *v;

	if ((body = api_body(r, w, &account_patch_schema)) == NULL)
		return;
	ch.full_name = json_string_value(json_object_get(body, "name"));
	if ((v = json_object_get(body, "disabled")) != NULL && json_is_boolean(v)) {
		ch.set_disabled = true;
		ch.disabled = json_is_true(v);
	}
	if ((v = json_object_get(body, "admin")) != NULL && json_is_boolean(v)) {
		ch.set_admin = true;
		ch.admin = json_is_true(v);
	}
	if (app_user_update(r->st, &r->actor, path_user(r), &ch, &err) != CAIRN_OK)
		refused(w, &err, NULL);
	else if (app_account_lookup(r->st, &r->actor, 0, ACTION_MANAGE_ACCOUNTS, path_user(r), &a,
	             &err) != CAIRN_OK)
		refused(w, &err, NULL);
	else
		web_send_json(w, 200, account_json(&a));
	account_free(&a);
	json_decref(body);
}

void
api_account_reset(struct web_req *r, struct web_resp *w)
{
	char pw[ACCOUNT_GENERATED_PASSWORD + 1];
	struct cairn_err err = { 0 };

	if (app_username_check(path_user(r), &err) != CAIRN_OK) {
		text_copy(err.field, sizeof(err.field), "username");
		refused(w, &err, "username");
	} else if (app_user_reset_password(r->st, &r->actor, path_user(r), pw, &err) != CAIRN_OK) {
		refused(w, &err, "username");
	} else {
		send_secret(w, 200,
		    json_pack("{s:s, s:s, s:b}", "username", path_user(r), "password", pw,
		        "signed_out", 1));
	}
	sodium_memzero(pw, sizeof(pw));
}

/* Returns the JSON of one API token (never the secret; caller owns). */
static json_t *
token_json(const struct api_token *t)
{
	return json_pack("{s:s, s:s, s:b, s:o}", "label", t->label, "created_at", t->created_at,
	    "revoked", t->revoked, "last_used_at", time_or_null(t->last_used_at));
}

void
api_tokens(struct web_req *r, struct web_resp *w)
{
	struct api_token *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *a;

	if (app_token_list_account(r->st, &r->actor, path_user(r), &v, &n, &err) != CAIRN_OK) {
		refused(w, &err, "username");
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, token_json(&v[i]));
	api_tokens_free(v, n);
	web_send_json(w, 200, json_pack("{s:s, s:o}", "username", path_user(r), "tokens", a));
}

void
api_token_create(struct web_req *r, struct web_resp *w)
{
	char token[ACCOUNT_TOKEN_HEX + 1], label[256];
	struct cairn_err err = { 0 };
	json_t *body;

	/* Who may, before the body is read: a refusal never depends on it. */
	if (app_token_may(r->st, &r->actor, path_user(r), &err) != CAIRN_OK) {
		refused(w, &err, NULL);
		return;
	}
	if ((body = api_body(r, w, &token_schema)) == NULL)
		return;
	if (app_token_create_labelled(r->st, &r->actor, path_user(r),
	        json_string_value(json_object_get(body, "label")), token, label, sizeof(label),
	        &err) != CAIRN_OK)
		refused(w, &err, "label");
	else
		send_secret(w, 201,
		    json_pack("{s:s, s:s, s:s}", "username", path_user(r), "label", label, "token",
		        token));
	sodium_memzero(token, sizeof(token));
	json_decref(body);
}

void
api_token_revoke(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	const char *label = r->nargs > 1 ? r->args[1] : "";

	if (app_token_revoke_label(r->st, &r->actor, path_user(r), label, &err) != CAIRN_OK)
		refused(w, &err, "label");
	else
		web_send_json(w, 200,
		    json_pack("{s:s, s:s, s:b}", "username", path_user(r), "label", label,
		        "revoked", 1));
}

/*
 * Joins a body's array of strings into one sep-separated list (app/'s form
 * of the agencies and methods) in b; false, with *err at field, when an
 * item holds sep itself.
 */
static bool
join_list(json_t *a, char sep, const char *field, struct buf *b, struct cairn_err *err)
{
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v)
	{
		const char *s = json_string_value(v);

		if (strchr(s, sep) != NULL) {
			cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
			    "'%s' holds a '%c', which separates the items; give each as its own "
			    "string",
			    s, sep);
			return false;
		}
		buf_printf(b, "%s%s", i > 0 ? (sep == ',' ? ", " : "; ") : "", s);
	}
	return true;
}

/*
 * Reads an inspection body into req (strings borrowed from body; the lists
 * and the fieldwork range built in the three buffers).  False, with *err at
 * its field, for fieldwork with one end only or a list item holding its
 * separator.
 */
static bool
inspection_req(json_t *body, struct inspection_new *req, struct buf *fieldwork,
    struct buf *agencies, struct buf *methods, struct cairn_err *err)
{
	const char *from = json_string_value(json_object_get(body, "fieldwork-from"));
	const char *to = json_string_value(json_object_get(body, "fieldwork-to"));
	json_t *a;

	memset(req, 0, sizeof(*req));
	req->partnership = json_string_value(json_object_get(body, "partnership"));
	req->framework = json_string_value(json_object_get(body, "framework"));
	req->title = json_string_value(json_object_get(body, "title"));
	req->notified = json_string_value(json_object_get(body, "notified"));
	req->published = json_string_value(json_object_get(body, "published"));
	req->context = json_string_value(json_object_get(body, "context"));
	if ((from == NULL) != (to == NULL)) {
		cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_REQUIRED,
		    from == NULL ? "fieldwork-from" : "fieldwork-to",
		    "give both the first and the last day of fieldwork, or neither");
		return false;
	}
	if (from != NULL) {
		buf_printf(fieldwork, "%s..%s", from, to);
		req->fieldwork = buf_str(fieldwork);
	}
	if ((a = json_object_get(body, "agencies")) != NULL && json_is_array(a)) {
		if (!join_list(a, ',', "agencies", agencies, err))
			return false;
		req->agencies = buf_str(agencies);
	}
	if ((a = json_object_get(body, "methods")) != NULL && json_is_array(a)) {
		if (!join_list(a, ';', "methods", methods, err))
			return false;
		req->methods = buf_str(methods);
	}
	return true;
}

void
api_inspection_create(struct web_req *r, struct web_resp *w)
{
	struct buf fieldwork = BUF_INIT, agencies = BUF_INIT, methods = BUF_INIT;
	struct inspection_new req;
	struct cairn_err err = { 0 };
	struct account acc = { 0 };
	const char *lead;
	char loc[64];
	long id = 0;
	json_t *body;

	if ((body = api_body(r, w, &inspection_create_schema)) == NULL)
		return;
	lead = json_string_value(json_object_get(body, "lead"));
	if (!inspection_req(body, &req, &fieldwork, &agencies, &methods, &err)) {
		refused(w, &err, NULL);
		goto out;
	}
	/* As the create page: the lead named must hold an account. */
	if (lead != NULL &&
	    app_account_lookup(r->st, &r->actor, 0, ACTION_CREATE_INSPECTION, lead, &acc, &err) !=
	        CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_error(w, 422, "there is no account with that username", "lead");
		else
			refused(w, &err, "lead");
		goto out;
	}
	if (app_inspection_create_led(r->st, &r->actor, &req, lead, &id, &err) != CAIRN_OK) {
		if (strcmp(err.field, "person") == 0)
			text_copy(err.field, sizeof(err.field), "lead");
		refused(w, &err, "partnership");
		goto out;
	}
	snprintf(loc, sizeof(loc), "/api/v1/inspections/%ld", id);
	free(w->location);
	w->location = xstrdup(loc);
	web_send_json(w, 201,
	    json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)id, "partnership", req.partnership,
	        "framework", req.framework, "lead", lead));
out:
	account_free(&acc);
	buf_free(&fieldwork);
	buf_free(&agencies);
	buf_free(&methods);
	json_decref(body);
}

void
api_inspection_patch(struct web_req *r, struct web_resp *w)
{
	struct buf fieldwork = BUF_INIT, agencies = BUF_INIT, methods = BUF_INIT;
	struct inspection_new req;
	struct cairn_err err = { 0 };
	json_t *body;

	if ((body = api_body(r, w, &inspection_patch_schema)) == NULL)
		return;
	if (!inspection_req(body, &req, &fieldwork, &agencies, &methods, &err))
		refused(w, &err, NULL);
	else if (json_object_size(body) == 0)
		web_json_error(w, 422,
		    "nothing to change: give at least one of the inspection's fields", NULL);
	else if (app_inspection_update(r->st, &r->actor, r->insp, &req, &err) != CAIRN_OK)
		refused(w, &err, NULL);
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:b}", "id", (json_int_t)r->insp, "updated", 1));
	buf_free(&fieldwork);
	buf_free(&agencies);
	buf_free(&methods);
	json_decref(body);
}

void
api_people(struct web_req *r, struct web_resp *w)
{
	struct account *v = NULL;
	struct cairn_err err = { 0 };
	const char *role = web_query(r, "role");
	size_t n = 0;
	json_t *a;

	if (app_people_choices(r->st, &r->actor, r->insp, role, &v, &n, &err) != CAIRN_OK) {
		refused(w, &err, "role");
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s}", "username", v[i].username, "name", v[i].full_name));
	accounts_free(v, n);
	web_send_json(w, 200,
	    json_pack("{s:I, s:s, s:o}", "inspection", (json_int_t)r->insp, "role",
	        role != NULL && role[0] != '\0' ? role : "team", "people", a));
}
