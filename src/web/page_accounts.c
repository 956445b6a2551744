/*
 * Accounts (administrators): the list, adding an account, disabling and
 * enabling it, making it an administrator or not, resetting its password
 * (a generated password shown once), and API tokens (create, shown once;
 * list; revoke).  Each change is one call into app/access/account.c, the
 * same the command line makes, which checks the role table and writes the
 * change with its audit entry in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/access/account.h"
#include "app/access/lookup.h"
#include "core/account.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* The banners a redirect back to the list names (?done=...). */
static const struct {
	const char *code;
	const char *text;
} done_text[] = {
	{ "disabled", "The account was disabled and signed out everywhere." },
	{ "enabled", "The account can sign in again." },
	{ "admin", "The account is now an administrator; it signs in again to use the role." },
	{ "unadmin", "The account is no longer an administrator." },
	{ "revoked", "The API token was revoked; it no longer works." },
};

/* Writes a one-button form posting to action (a small button whose
 * accessible name says which account it acts on). */
static void
row_button(struct web_req *r, struct html *h, const char *action, const char *text,
    const char *aria)
{
	ui_form_begin(h, action, r->sess.csrf, false);
	html_open(h, HE_BUTTON, HA_TYPE, "submit", HA_CLASS,
	    "ds_button ds_button--small ds_button--secondary", HA_ARIA_LABEL, aria, HA__MAX);
	html_text(h, text);
	html_close(h);
	ui_form_end(h);
}

/* Writes a table cell holding the stored time when (as ui_date), or
 * "Never" when there is none. */
static void
when_cell(struct html *h, const char *when)
{
	if (when == NULL || when[0] == '\0')
		ui_cell(h, "Never", false);
	else
		ui_cell_date(h, when, NULL);
}

/* Writes the accounts page: the list with its actions, the add form, the
 * API tokens and the token form, with the errors of a failed form. */
static void
accounts_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr,
    const char *failed)
{
	static const char *const cols[] = { "Username", "Name", "Administrator", "Status",
		"Last signed in", "Actions" };
	static const char *const tcols[] = { "Number", "Account", "Label", "Created", "Status",
		"Last used", "Action" };
	static const struct ui_option yes[] = { { "yes", "Make this account an administrator" } };
	struct account *v = NULL;
	struct api_token *t = NULL;
	struct ui_option *who = NULL;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	struct buf act = BUF_INIT;
	const char *done = web_query(r, "done");
	bool add_failed = failed != NULL && strcmp(failed, "add") == 0;
	bool tok_failed = failed != NULL && strcmp(failed, "token") == 0;
	bool admin_ticked[1];
	char(*labels)[300] = NULL;
	size_t n = 0, nt = 0, nwho = 0;

	if (app_account_list(r->st, &r->actor, &v, &n, &err) != CAIRN_OK ||
	    app_token_list(r->st, &r->actor, &t, &nt, &err) != CAIRN_OK) {
		accounts_free(v, n);
		web_internal(r, w, "accounts", &err);
		return;
	}
	web_frame_begin(r, w, &h, &fr, 0, "Accounts", true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	for (size_t i = 0; done != NULL && nerr == 0 && i < sizeof(done_text) / sizeof(*done_text);
	     i++)
		if (strcmp(done, done_text[i].code) == 0)
			ui_notification(&h, done_text[i].text);
	ui_table_begin(&h, "Accounts", cols, 6);
	for (size_t i = 0; i < n; i++) {
		const char *u = v[i].username;
		bool self = strcmp(u, r->sess.who.username) == 0;
		char aria[200];

		ui_row_begin(&h);
		ui_cell(&h, u, true);
		ui_cell(&h, v[i].full_name, false);
		ui_cell(&h, v[i].admin ? "Yes" : "No", false);
		ui_cell(&h, v[i].disabled ? "Disabled" : "Active", false);
		when_cell(&h, v[i].last_signin_at);
		html_open(&h, HE_TD, HA__MAX);
		if (!self) {
			buf_reset(&act);
			buf_printf(&act, "/accounts/%s/%s", u,
			    v[i].disabled ? "enable" : "disable");
			snprintf(aria, sizeof(aria), "%s %s", v[i].disabled ? "Enable" : "Disable",
			    u);
			row_button(r, &h, buf_str(&act), v[i].disabled ? "Enable" : "Disable",
			    aria);
			buf_reset(&act);
			buf_printf(&act, "/accounts/%s/%s", u, v[i].admin ? "unadmin" : "admin");
			snprintf(aria, sizeof(aria), "%s %s",
			    v[i].admin ? "Remove administrator for" : "Make administrator", u);
			row_button(r, &h, buf_str(&act),
			    v[i].admin ? "Remove administrator" : "Make administrator", aria);
		}
		buf_reset(&act);
		buf_printf(&act, "/accounts/%s/password", u);
		snprintf(aria, sizeof(aria), "Reset password for %s", u);
		row_button(r, &h, buf_str(&act), "Reset password", aria);
		html_close(&h);
		ui_row_end(&h);
	}
	ui_table_end(&h);

	html_elem(&h, HE_H2, NULL, "Add an account");
	html_elem(&h, HE_P, NULL,
	    "Cairn makes a password for the new account and shows it once, for you to give to "
	    "the person.");
	ui_form_begin(&h, "/accounts", r->sess.csrf, false);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "username";
	f.label = "Username";
	f.hint = "2 to 64 of a-z, 0-9, '.', '_' or '-', starting with a letter, e.g. j.smith.";
	f.autocomplete = "off";
	f.value = add_failed ? web_form(r, "username") : NULL;
	f.error = add_failed ? ui_error_for(errors, nerr, "username") : NULL;
	ui_input(&h, &f);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "name";
	f.label = "Full name (optional)";
	f.hint = "Shown on pages; the username when left empty.";
	f.autocomplete = "off";
	f.value = add_failed ? web_form(r, "name") : NULL;
	f.error = add_failed ? ui_error_for(errors, nerr, "name") : NULL;
	ui_input(&h, &f);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "admin";
	f.label = "Administrator";
	admin_ticked[0] = add_failed && web_form(r, "admin") != NULL;
	ui_checkboxes(&h, &f, yes, admin_ticked, 1);
	ui_button(&h, "Add account", UI_BUTTON_PRIMARY);
	ui_form_end(&h);

	html_elem(&h, HE_H2, NULL, "API tokens");
	html_elem(&h, HE_P, NULL,
	    "A token lets a script act as its account through the JSON API. Only its hash is "
	    "kept: it is shown once, when it is made.");
	if (nt == 0) {
		html_elem(&h, HE_P, NULL, "There are no API tokens.");
	} else {
		ui_table_begin(&h, "API tokens", tcols, 7);
		for (size_t i = 0; i < nt; i++) {
			char num[24], aria[300];

			snprintf(num, sizeof(num), "%ld", t[i].id);
			ui_row_begin(&h);
			ui_cell(&h, num, true);
			ui_cell(&h, t[i].username, false);
			ui_cell(&h, t[i].label, false);
			ui_cell_date(&h, t[i].created_at, NULL);
			ui_cell(&h, t[i].revoked ? "Revoked" : "Active", false);
			when_cell(&h, t[i].last_used_at);
			html_open(&h, HE_TD, HA__MAX);
			if (!t[i].revoked) {
				buf_reset(&act);
				buf_printf(&act, "/accounts/tokens/%ld/revoke", t[i].id);
				snprintf(aria, sizeof(aria), "Revoke token %ld of %s", t[i].id,
				    t[i].username);
				row_button(r, &h, buf_str(&act), "Revoke", aria);
			}
			html_close(&h);
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	html_elem(&h, HE_H3, NULL, "Make an API token");
	/* Only an account that can sign in is offered a token. */
	who = xcalloc(n + 1, sizeof(*who));
	labels = xcalloc(n + 1, sizeof(*labels));
	who[nwho++] = (struct ui_option){ "", "Choose an account" };
	for (size_t i = 0; i < n; i++)
		if (!v[i].disabled)
			who[nwho++] = (struct ui_option){ v[i].username,
				web_person_label(&v[i], labels[i], sizeof(labels[i])) };
	ui_form_begin(&h, "/accounts/tokens", r->sess.csrf, false);
	memset(&f, 0, sizeof(f));
	f.id = "token-account";
	f.name = "username";
	f.label = "Account";
	f.value = tok_failed ? web_form(r, "username") : NULL;
	f.error = tok_failed ? ui_error_for(errors, nerr, "token-account") : NULL;
	ui_select(&h, &f, who, nwho);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "label";
	f.label = "What it is for (optional)";
	f.hint = "For example: nightly export. \"api\" when left empty.";
	f.autocomplete = "off";
	f.value = tok_failed ? web_form(r, "label") : NULL;
	f.error = tok_failed ? ui_error_for(errors, nerr, "label") : NULL;
	ui_input(&h, &f);
	ui_button(&h, "Make token", UI_BUTTON_SECONDARY);
	ui_form_end(&h);
	ui_page_end(&h);
	free(labels);
	free(who);
	buf_free(&act);
	api_tokens_free(t, nt);
	accounts_free(v, n);
}

void
page_accounts(struct web_req *r, struct web_resp *w)
{
	accounts_page(r, w, NULL, 0, NULL);
}

/* Writes the page that shows a secret once (a new password or token):
 * never cached, never stored. */
static void
secret_page(struct web_req *r, struct web_resp *w, const char *title, const char *intro,
    const char *label, const char *secret, const char *after)
{
	struct web_frame fr;
	struct html h;

	web_frame_init(&fr, 0, NULL, title, false);
	web_frame_crumb(&fr, "/accounts", "Accounts");
	web_frame_start(r, w, &h, &fr);
	w->cache_control = "private, no-store";
	ui_notification(&h, intro);
	ui_summary_begin(&h);
	ui_summary_row(&h, label, secret);
	ui_summary_end(&h);
	html_elem(&h, HE_P, NULL, after);
	web_para_link(&h, "/accounts", "Back to the accounts");
	ui_page_end(&h);
}

/* Answers a failed change of one account: the list with the message in
 * its error summary (400), 403 when the role table refused, 500 for an
 * internal failure. */
static void
change_failed(struct web_req *r, struct web_resp *w, const struct cairn_err *err, const char *what)
{
	char msg[CAIRN_ERR_MSG];
	struct ui_error e;

	if (err->rc != CAIRN_EDATA && err->rc != CAIRN_EUSAGE && err->rc != CAIRN_EPERM) {
		web_internal(r, w, what, err);
		return;
	}
	text_copy(msg, sizeof(msg), err->msg);
	/* The account table has no input to link to: the form below does. */
	e = (struct ui_error){ "username", msg };
	accounts_page(r, w, &e, 1, "add");
	w->status = err->rc == CAIRN_EPERM ? 403 : 400;
}

void
page_account_add(struct web_req *r, struct web_resp *w)
{
	const char *username = web_field(r, "username"), *name = web_field(r, "name");
	char pw[ACCOUNT_GENERATED_PASSWORD + 1], intro[300], msg[CAIRN_ERR_MSG];
	char msg2[CAIRN_ERR_MSG];
	struct cairn_err err = { 0 };
	struct ui_error e, es[2];
	bool admin = web_field(r, "admin") != NULL;
	size_t nerr = 0;

	/* Both inputs are checked first, so that the summary lists every problem. */
	if (username == NULL) {
		es[nerr++] =
		    (struct ui_error){ "username", "Enter a username for the new account" };
	} else if (app_username_check(username, &err) != CAIRN_OK) {
		text_copy(msg, sizeof(msg), err.msg);
		es[nerr++] = (struct ui_error){ "username", msg };
	}
	cairn_err_clear(&err);
	if (app_full_name_check(name, &err) != CAIRN_OK) {
		text_copy(msg2, sizeof(msg2), err.msg);
		es[nerr++] = (struct ui_error){ "name", msg2 };
	}
	if (nerr > 0) {
		accounts_page(r, w, es, nerr, "add");
		return;
	}
	/* The password is made here, shown once, and only its hash is kept. */
	if (app_password_generate(pw, &err) != CAIRN_OK) {
		web_internal(r, w, "account add", &err);
		return;
	}
	if (app_user_add(r->st, &r->actor, username, name, pw, admin, &err) != CAIRN_OK) {
		sodium_memzero(pw, sizeof(pw));
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_EPERM) {
			web_internal(r, w, "account add", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		e = (struct ui_error){ web_err_input(&err, "username"), msg };
		accounts_page(r, w, &e, 1, "add");
		if (err.rc == CAIRN_EPERM)
			w->status = 403;
		return;
	}
	snprintf(intro, sizeof(intro), "Account %s was added%s.", username,
	    admin ? " as an administrator" : "");
	secret_page(r, w, "Account added", intro, "Password", pw,
	    "Copy the password now and give it to the person: it is not shown again. If it is "
	    "lost, reset it from the accounts page.");
	sodium_memzero(pw, sizeof(pw));
}

/* Disables, enables, makes administrator or not: the account {name}. */
static void
account_change(struct web_req *r, struct web_resp *w, const char *what)
{
	const char *username = r->nargs > 0 ? r->args[0] : "";
	struct cairn_err err = { 0 };
	char loc[64];
	int rc;

	if (strcmp(what, "disabled") == 0 || strcmp(what, "enabled") == 0)
		rc = app_user_disable(r->st, &r->actor, username, strcmp(what, "enabled") == 0,
		    &err);
	else
		rc = app_user_set_admin(r->st, &r->actor, username, strcmp(what, "admin") == 0,
		    &err);
	if (rc != CAIRN_OK) {
		change_failed(r, w, &err, "account change");
		return;
	}
	snprintf(loc, sizeof(loc), "/accounts?done=%s", what);
	web_redirect(w, loc);
}

void
page_account_disable(struct web_req *r, struct web_resp *w)
{
	account_change(r, w, "disabled");
}

void
page_account_enable(struct web_req *r, struct web_resp *w)
{
	account_change(r, w, "enabled");
}

void
page_account_admin(struct web_req *r, struct web_resp *w)
{
	account_change(r, w, "admin");
}

void
page_account_unadmin(struct web_req *r, struct web_resp *w)
{
	account_change(r, w, "unadmin");
}

void
page_account_password(struct web_req *r, struct web_resp *w)
{
	const char *username = r->nargs > 0 ? r->args[0] : "";
	char pw[ACCOUNT_GENERATED_PASSWORD + 1], intro[300];
	struct cairn_err err = { 0 };

	if (app_user_reset_password(r->st, &r->actor, username, pw, &err) != CAIRN_OK) {
		change_failed(r, w, &err, "password reset");
		return;
	}
	snprintf(intro, sizeof(intro),
	    "The password of %s was reset and the account was signed out everywhere.", username);
	secret_page(r, w, "Password reset", intro, "New password", pw,
	    "Copy the password now and give it to the person: it is not shown again.");
	sodium_memzero(pw, sizeof(pw));
}

void
page_token_create(struct web_req *r, struct web_resp *w)
{
	const char *username = web_field(r, "username");
	char token[ACCOUNT_TOKEN_HEX + 1], intro[300], msg[CAIRN_ERR_MSG];
	struct cairn_err err = { 0 };
	struct ui_error e;

	if (username == NULL) {
		e = (struct ui_error){ "token-account", "Choose the account the token acts as" };
		accounts_page(r, w, &e, 1, "token");
		return;
	}
	if (app_token_create(r->st, &r->actor, username, web_field(r, "label"), token, &err) !=
	    CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_EPERM) {
			web_internal(r, w, "token create", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		e = (struct ui_error){ web_err_input(&err, "token-account"), msg };
		if (strcmp(e.field, "username") == 0)
			e.field = "token-account";
		accounts_page(r, w, &e, 1, "token");
		return;
	}
	snprintf(intro, sizeof(intro), "An API token for %s was made.", username);
	secret_page(r, w, "API token made", intro, "Token", token,
	    "Copy the token now: it is not shown again. A script sends it as the header "
	    "\"Authorization: Bearer\" followed by the token.");
	sodium_memzero(token, sizeof(token));
}

void
page_token_revoke(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	long id = 0;

	if (r->nargs < 1 || !text_parse_long(r->args[0], 1, 2147483647L, &id)) {
		web_error_page(r, w, 404, "Page not found", "There is no such API token.");
		return;
	}
	if (app_token_revoke(r->st, &r->actor, id, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA) {
			web_error_page(r, w, 400, "Nothing was revoked", err.msg);
			return;
		}
		change_failed(r, w, &err, "token revoke");
		return;
	}
	web_redirect(w, "/accounts?done=revoked");
}

const char *
web_person_label(const struct account *a, char *out, size_t outsz)
{
	return account_label(a, out, outsz);
}

const char *
web_person_named(const struct account *v, size_t n, const char *username, char *out, size_t outsz)
{
	return account_named(v, n, username, out, outsz);
}

void
web_people_named(struct web_req *r, long id, enum action action, const char *const *usernames,
    size_t n, struct account **out, size_t *nout)
{
	struct cairn_err err = { 0 };

	if (app_person_names(r->st, &r->actor, id, action, usernames, n, out, nout, &err) !=
	    CAIRN_OK) {
		/* A refusal only means no names; a failure is worth a line. */
		if (err.rc != CAIRN_EPERM && err.rc != CAIRN_EDATA)
			fprintf(stderr, "cairn serve: names of people: %s\n", err.msg);
		cairn_err_clear(&err);
	}
}

/* Writes f as a select of the n accounts v, labelled by web_person_label,
 * after a first empty option saying none (e.g. "Choose a person"). */
static void
person_select_of(struct html *h, const struct ui_field *f, const struct account *v, size_t n,
    const char *none)
{
	struct ui_option *opts = xcalloc(n + 1, sizeof(*opts));
	char(*labels)[300] = xcalloc(n + 1, sizeof(*labels));

	opts[0] = (struct ui_option){ "", none };
	for (size_t i = 0; i < n; i++)
		opts[i + 1] = (struct ui_option){ v[i].username,
			web_person_label(&v[i], labels[i], sizeof(labels[i])) };
	ui_select(h, f, opts, n + 1);
	free(labels);
	free(opts);
}

void
web_person_select(struct web_req *r, struct html *h, const struct ui_field *f, long id,
    enum action action)
{
	struct account *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;

	if (app_account_choices(r->st, &r->actor, id, action, &v, &n, &err) != CAIRN_OK) {
		ui_input(h, f);
		return;
	}
	person_select_of(h, f, v, n, "Choose a person");
	accounts_free(v, n);
}

void
web_team_select(struct web_req *r, struct html *h, const struct ui_field *f, long id,
    enum action action)
{
	struct account *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;

	if (app_team_choices(r->st, &r->actor, id, action, &v, &n, &err) != CAIRN_OK)
		cairn_err_clear(&err);
	person_select_of(h, f, v, n, "Choose a team member");
	accounts_free(v, n);
}
