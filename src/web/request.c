/*
 * Requests and responses: decoding form and query data into validated
 * UTF-8 values, the response helpers, cookies, error pages and the page
 * frame every handler starts with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"

const char *const web_method_name[WM__MAX] = {
	[WM_GET] = "GET", [WM_POST] = "POST", [WM_PUT] = "PUT",
};

void
web_params_free(struct web_param *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

void
web_req_free(struct web_req *r)
{
	for (size_t i = 0; i < r->nargs; i++)
		free(r->args[i]);
	r->nargs = 0;
	web_params_free(r->query, r->nquery);
	web_params_free(r->form, r->nform);
	r->query = r->form = NULL;
	r->nquery = r->nform = 0;
	session_free(&r->sess);
	account_free(&r->api_account);
}

/* Returns the value of a hex digit, or -1. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
web_decode(const char *s, size_t len, bool plus_is_space)
{
	char *out = xmalloc(len + 1);
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '%') {
			int hi, lo;

			if (i + 2 >= len)
				goto bad;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				goto bad;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0')
			goto bad;
		out[o++] = c;
	}
	out[o] = '\0';
	if (!text_utf8_valid(out, o))
		goto bad;
	return out;
bad:
	free(out);
	return NULL;
}

bool
web_parse_urlencoded(const char *s, size_t len, struct web_param **out, size_t *n)
{
	size_t i = 0, cap = 0;

	*out = NULL;
	*n = 0;
	while (i < len) {
		size_t start = i, eq = (size_t)-1;
		char *name, *value;

		while (i < len && s[i] != '&') {
			if (s[i] == '=' && eq == (size_t)-1)
				eq = i;
			i++;
		}
		if (i > start) {
			size_t nend = eq != (size_t)-1 ? eq : i;
			size_t vstart = eq != (size_t)-1 ? eq + 1 : i;

			if (*n == WEB_FIELDS_MAX || i - vstart > WEB_FIELD_LEN_MAX * 3)
				goto bad;
			name = web_decode(s + start, nend - start, true);
			value = web_decode(s + vstart, i - vstart, true);
			if (name == NULL || value == NULL || strlen(value) > WEB_FIELD_LEN_MAX) {
				free(name);
				free(value);
				goto bad;
			}
			if (*n == cap) {
				cap = cap ? cap * 2 : 8;
				*out = xreallocarray(*out, cap, sizeof(**out));
			}
			(*out)[*n].name = name;
			(*out)[*n].value = value;
			(*n)++;
		}
		i++; /* skip '&' */
	}
	return true;
bad:
	web_params_free(*out, *n);
	*out = NULL;
	*n = 0;
	return false;
}

/* Returns the first value called name among v, or NULL. */
static const char *
param(const struct web_param *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return v[i].value;
	return NULL;
}

const char *
web_form(const struct web_req *r, const char *name)
{
	return param(r->form, r->nform, name);
}

const char *
web_query(const struct web_req *r, const char *name)
{
	return param(r->query, r->nquery, name);
}

const struct account *
web_account(const struct web_req *r)
{
	if (r->signed_in)
		return &r->sess.who;
	if (r->api)
		return &r->api_account;
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

void
web_resp_free(struct web_resp *w)
{
	buf_free(&w->body);
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
	struct ui_page p = {0};

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

void
web_json_error(struct web_resp *w, int status, const char *message, const char *field)
{
	json_t *e = json_pack("{s:{s:i, s:s, s:s?}}", "error", "status", status, "message",
	    message, "field", field);
	char *s = json_dumps(e, JSON_COMPACT);

	w->status = status;
	w->content_type = "application/json";
	buf_reset(&w->body);
	buf_puts(&w->body, s);
	buf_putc(&w->body, '\n');
	free(s);
	json_decref(e);
}
