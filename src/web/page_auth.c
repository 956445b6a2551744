/*
 * Signing in and out.  The sign-in form is protected by a double-submit
 * token (a random value in both a cookie and the form), since there is no
 * session yet; the dispatcher has already refused cross-site posts.  A
 * successful sign-in always starts a new session (the old one, if any, is
 * ended), so a session id planted before sign-in is useless.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/access/account.h"
#include "core/buf.h"
#include "web/http.h"
#include "web/pages.h"

/* Writes a cookie header value into b. */
static void
cookie(struct buf *b, const struct web_config *cfg, const char *name, const char *value,
    long max_age)
{
	buf_printf(b, "%s=%s; Path=/; HttpOnly; SameSite=Lax", name, value);
	if (cfg->secure_cookies)
		buf_puts(b, "; Secure");
	if (max_age >= 0)
		buf_printf(b, "; Max-Age=%ld", max_age);
}

/* Returns next if it is a local path to return to, else "/". */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strlen(next) > 500 || !html_url_safe(next))
		return "/";
	return next;
}

/* Writes the sign-in page with the given errors and a fresh form token. */
static void
signin_page(struct web_req *r, struct web_resp *w, const char *username, const char *next,
    const struct ui_error *errors, size_t nerrors)
{
	struct html h;
	struct web_frame fr;
	struct ui_field user = { 0 }, pass = { 0 };
	char pre[ACCOUNT_TOKEN_HEX + 1];
	struct buf c = BUF_INIT;

	app_random_token(pre);
	cookie(&c, r->cfg, web_cookie_pre(r->cfg), pre, 3600);
	web_set_cookie(w, buf_str(&c));
	buf_free(&c);
	web_frame_begin(r, w, &h, &fr, -1, "Sign in", false);
	ui_error_summary(&h, errors, nerrors);
	ui_form_begin(&h, "/signin", pre, false);
	ui_hidden(&h, "next", safe_next(next));
	user.id = "username";
	user.name = "username";
	user.label = "Username";
	user.value = username;
	user.autocomplete = "username";
	user.width = "fixed-20";
	user.error = ui_error_for(errors, nerrors, "username");
	ui_input(&h, &user);
	pass.id = "password";
	pass.name = "password";
	pass.label = "Password";
	pass.type = "password";
	pass.autocomplete = "current-password";
	pass.width = "fixed-20";
	pass.error = ui_error_for(errors, nerrors, "password");
	ui_input(&h, &pass);
	ui_button(&h, "Sign in", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	html_elem(&h, HE_P, "ds_hint-text",
	    "Accounts are made by your administrator. After "
	    "5 wrong passwords in 15 minutes, signing in is paused for that account.");
	ui_page_end(&h);
}

void
page_signin_form(struct web_req *r, struct web_resp *w)
{
	if (r->signed_in) {
		web_redirect(w, "/");
		return;
	}
	signin_page(r, w, NULL, web_query(r, "next"), NULL, 0);
}

void
page_signin(struct web_req *r, struct web_resp *w)
{
	const char *user = web_form(r, "username"), *pass = web_form(r, "password");
	const char *form_token = web_form(r, "csrf"), *next = web_form(r, "next");
	struct ui_error errors[2];
	size_t nerr = 0;
	char token[ACCOUNT_TOKEN_HEX + 1];
	struct cairn_err err = { 0 };
	struct buf c = BUF_INIT;

	if (form_token == NULL || r->cookie_pre == NULL ||
	    strlen(form_token) != ACCOUNT_TOKEN_HEX || strlen(r->cookie_pre) != ACCOUNT_TOKEN_HEX ||
	    sodium_memcmp(form_token, r->cookie_pre, ACCOUNT_TOKEN_HEX) != 0) {
		web_error_page(r, w, 403, "This form has expired",
		    "The sign-in form was out of "
		    "date, so it was not accepted. Go back, reload the page and try again.");
		return;
	}
	if (user == NULL || user[0] == '\0')
		errors[nerr++] = (struct ui_error){ "username", "Enter your username" };
	if (pass == NULL || pass[0] == '\0')
		errors[nerr++] = (struct ui_error){ "password", "Enter your password" };
	if (nerr > 0) {
		signin_page(r, w, user, next, errors, nerr);
		return;
	}
	switch (app_signin(r->st, user, pass, r->address, r->cookie_session, token, &err)) {
	case SIGNIN_OK:
		cookie(&c, r->cfg, web_cookie_session(r->cfg), token, -1);
		web_set_cookie(w, buf_str(&c));
		buf_reset(&c);
		cookie(&c, r->cfg, web_cookie_pre(r->cfg), "", 0);
		web_set_cookie(w, buf_str(&c));
		sodium_memzero(token, sizeof(token));
		web_redirect(w, safe_next(next));
		break;
	case SIGNIN_BAD:
		errors[0] = (struct ui_error){ "username",
			"The username or password is not right. Check them and try again" };
		signin_page(r, w, user, next, errors, 1);
		break;
	case SIGNIN_THROTTLED:
		errors[0] = (struct ui_error){ "username",
			"There have been too many failed attempts "
			"to sign in. Wait 15 minutes and try again" };
		signin_page(r, w, user, next, errors, 1);
		w->status = 429;
		break;
	case SIGNIN_SLOWED:
		errors[0] = (struct ui_error){ "username",
			"There have been many failed attempts to sign in from your network. "
			"Wait a minute and try again" };
		signin_page(r, w, user, next, errors, 1);
		w->status = 429;
		break;
	case SIGNIN_ERROR:
		fprintf(stderr, "cairn serve: sign-in: %s\n", err.msg);
		web_error_page(r, w, 500, "Sorry, there is a problem",
		    "Signing in failed because "
		    "of an internal error. Try again later.");
		break;
	}
	buf_free(&c);
}

void
page_signout(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct buf c = BUF_INIT;

	if (app_signout(r->st, &r->sess, r->address, &err) != CAIRN_OK)
		fprintf(stderr, "cairn serve: sign-out: %s\n", err.msg);
	cookie(&c, r->cfg, web_cookie_session(r->cfg), "", 0);
	web_set_cookie(w, buf_str(&c));
	buf_free(&c);
	web_redirect(w, "/signin");
}
