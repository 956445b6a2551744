/*
 * Requests and responses: decoding form and query data into validated
 * UTF-8 values, the response helpers, cookies, error pages and the page
 * frame every handler starts with.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

const char *const web_method_name[WM__MAX] = {
	[WM_GET] = "GET",
	[WM_POST] = "POST",
	[WM_PUT] = "PUT",
	[WM_DELETE] = "DELETE",
	[WM_PATCH] = "PATCH",
};
_Static_assert(sizeof(web_method_name) / sizeof(web_method_name[0]) == WM__MAX,
    "web_method_name: one entry per value");

const struct form_limits web_form_limits = {
	.max_fields = WEB_FIELDS_MAX,
	.max_value = WEB_FIELD_LEN_MAX,
	.max_files = WEB_FILES_MAX,
	.max_file = WEB_FILE_MAX,
	.nul_shown = true,
};

void
web_req_free(struct web_req *r)
{
	for (size_t i = 0; i < r->nargs; i++)
		free(r->args[i]);
	r->nargs = 0;
	form_params_free(r->query, r->nquery);
	form_params_free(r->form, r->nform);
	r->query = r->form = NULL;
	r->nquery = r->nform = 0;
	for (size_t i = 0; i < r->nfiles; i++) {
		free(r->files[i].field);
		free(r->files[i].filename);
		free(r->files[i].content_type);
	}
	free(r->files);
	r->files = NULL;
	r->nfiles = 0;
	session_free(&r->sess);
	account_free(&r->api_account);
	free(r->page_key);
	r->page_key = NULL;
}

bool
web_req_decode_body(struct web_req *r)
{
	const char *ct = r->content_type;
	struct form_data d;

	if (r->method == WM_GET || ct == NULL)
		return true;
	if (strncmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		return form_urlencoded(r->body, r->body_len, &web_form_limits, &r->form, &r->nform);
	if (strncmp(ct, "multipart/form-data", 19) != 0)
		return true;
	if (form_multipart(r->body, r->body_len, ct, &web_form_limits, &d) != FORM_OK)
		return false;
	r->form = d.fields;
	r->nform = d.nfields;
	r->files = d.files;
	r->nfiles = d.nfiles;
	return true;
}

/* Returns the first value called name among v, or NULL. */
static const char *
param(const struct form_param *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return v[i].value;
	return NULL;
}

const char *
web_form(const struct web_req *r, const char *name)
{
	assert(r != NULL && name != NULL);
	return param(r->form, r->nform, name);
}

size_t
web_form_all(const struct web_req *r, const char *name, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].name, name) == 0) {
			if (n < max)
				out[n] = r->form[i].value;
			n++;
		}
	return n;
}

void
web_put_segment(struct buf *b, const char *s)
{
	for (const char *c = s; *c; c++) {
		unsigned char ch = (unsigned char)*c;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.')
			buf_putc(b, (char)ch);
		else
			buf_printf(b, "%%%02X", ch);
	}
}

const char *
web_query(const struct web_req *r, const char *name)
{
	assert(r != NULL && name != NULL);
	return param(r->query, r->nquery, name);
}

const struct form_file *
web_file(const struct web_req *r, const char *name)
{
	assert(r != NULL && name != NULL);
	for (size_t i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, name) == 0)
			return &r->files[i];
	return NULL;
}

const struct account *
web_account(const struct web_req *r)
{
	/* On a token route the token alone decides (the actor is the token's
	 * account too), whatever session cookie the client also sends. */
	if (r->api)
		return &r->api_account;
	if (r->signed_in)
		return &r->sess.who;
	return NULL;
}

void
web_resp_init(struct web_resp *w)
{
	memset(w, 0, sizeof(*w));
	w->status = 200;
	w->fd = -1;
	buf_init(&w->body, 0);
}

struct web_body *
web_body_new(const char *data, size_t len)
{
	struct web_body *b = xmalloc(sizeof(*b) + len + 1);

	atomic_init(&b->refs, 1);
	b->len = len;
	if (len > 0)
		memcpy(b->data, data, len);
	b->data[len] = '\0';
	return b;
}

struct web_body *
web_body_hold(struct web_body *b)
{
	assert(b != NULL);
	atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
	return b;
}

void
web_body_release(struct web_body *b)
{
	if (b != NULL && atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) == 1)
		free(b);
}

void
web_resp_free(struct web_resp *w)
{
	buf_free(&w->body);
	web_body_release(w->shared);
	w->shared = NULL;
	free(w->location);
	free(w->disposition);
	w->disposition = NULL;
	for (size_t i = 0; i < w->ncookies; i++)
		free(w->cookies[i]);
	w->ncookies = 0;
	w->location = NULL;
}

void
web_redirect(struct web_resp *w, const char *location)
{
	assert(w != NULL && location != NULL);
	w->status = 303;
	free(w->location);
	w->location = xstrdup(location);
	buf_reset(&w->body);
}

void
web_set_cookie(struct web_resp *w, const char *value)
{
	if (w->ncookies < sizeof(w->cookies) / sizeof(w->cookies[0]))
		w->cookies[w->ncookies++] = xstrdup(value);
}

const char *
web_cookie_session(const struct web_config *c)
{
	return c->secure_cookies ? "__Host-cairn_session" : "cairn_session";
}

const char *
web_cookie_pre(const struct web_config *c)
{
	return c->secure_cookies ? "__Host-cairn_signin" : "cairn_signin";
}

void
web_page_begin(struct web_req *r, struct web_resp *w, struct html *h, struct ui_page *p)
{
	assert(r != NULL && w != NULL && h != NULL && p != NULL);
	w->content_type = "text/html; charset=utf-8";
	buf_reset(&w->body);
	html_init(h, &w->body);
	if (r->signed_in) {
		p->user = r->sess.who.full_name;
		p->csrf = r->sess.csrf;
	}
	ui_page_begin(h, p);
}

void
web_error_page(struct web_req *r, struct web_resp *w, int status, const char *title,
    const char *text)
{
	struct html h;
	struct ui_page p = { 0 };

	assert(status >= 400 && status <= 599 && title != NULL && text != NULL);
	if (r->api) {
		/* The JSON API answers every refusal in JSON. */
		web_json_error(w, status, text, NULL);
		return;
	}
	p.title = title;
	web_page_begin(r, w, &h, &p);
	w->status = status;
	html_elem(&h, HE_P, NULL, text);
	html_open(&h, HE_P, HA__MAX);
	ui_link(&h, "/", r->signed_in ? "Go to your inspections" : "Sign in");
	html_close(&h);
	ui_page_end(&h);
}

/* Returns the stable code of an HTTP error status, for the JSON error's "code". */
static const char *
status_code(int status)
{
	switch (status) {
	case 401: return "unauthenticated";
	case 403: return "forbidden";
	case 404: return "not-found";
	case 405: return "method-not-allowed";
	case 409: return "conflict";
	case 413: return "too-large";
	case 415: return "unsupported-media-type";
	case 429: return "too-many-requests";
	default: return status >= 500 ? "internal" : "invalid";
	}
}

/* Writes the JSON error object: field (NULL for none) becomes a JSON pointer.
 * The message and field are copied as valid UTF-8 (a message cut to its
 * buffer may end in half a character, which JSON cannot hold), so the
 * answer is always a JSON error. */
static void
json_error(struct web_resp *w, int status, const char *code, const char *message, const char *field)
{
	char pointer[CAIRN_ERR_FIELD + 256];
	char *text = xstrdup(message != NULL ? message : "");
	json_t *e;
	char *s;

	text_utf8_repair(text);
	if (field != NULL && field[0] != '\0') {
		snprintf(pointer, sizeof(pointer), "%s%s", field[0] == '/' ? "" : "/", field);
		text_utf8_repair(pointer);
	}
	e = json_pack("{s:{s:i, s:s, s:s, s:s?}}", "error", "status", status, "code", code,
	    "message", text, "field", field != NULL && field[0] != '\0' ? pointer : NULL);
	free(text);
	s = json_dumps(e, JSON_COMPACT);

	assert(status >= 400 && status <= 599 && message != NULL);
	w->status = status;
	w->content_type = "application/json";
	buf_reset(&w->body);
	buf_puts(&w->body, s);
	buf_putc(&w->body, '\n');
	free(s);
	json_decref(e);
}

void
web_json_error(struct web_resp *w, int status, const char *message, const char *field)
{
	json_error(w, status, status_code(status), message, field);
}

void
web_json_err(struct web_resp *w, int status, const struct cairn_err *err, const char *fallback)
{
	json_error(w, status, status >= 500 ? "internal" : cairn_err_code(err), err->msg,
	    web_err_input(err, fallback));
}

const char *
web_err_input(const struct cairn_err *err, const char *fallback)
{
	return err->field[0] != '\0' ? err->field : fallback;
}
