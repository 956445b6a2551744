/*
 * Creating an inspection (administrators, naming its lead) and its team (list,
 * add, remove).
 * Every handler asks the role table through web_allow() first; every
 * change is one transaction with its audit entry (made by app/); every
 * view of child-level data is audited.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/setup/inspection.h"
#include "app/records/population.h"
#include "app/records/reader.h"
#include "app/records/reading.h"
#include "app/access/role.h"
#include "app/records/sample.h"
#include "app/setup/team.h"
#include "app/access/lookup.h"
#include "app/setup/lookup.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/account.h"
#include "core/database.h"
#include "core/model.h"
#include "core/records.h"
#include "core/work.h"
#include "web/http.h"
#include "web/pages.h"

/* ---- create an inspection ---- */

/* One field of the create form. */
struct new_field {
	const char *name;  /* field name and element id */
	const char *label; /* visible label */
	const char *hint;  /* hint text, or NULL */
	const char *width; /* ds_input width modifier, or NULL */
};

/* The create form's fields, in order ("framework" is a select of the
 * frameworks held, "lead" of the accounts that may sign in; the rest are
 * text inputs). */
static const struct new_field new_form[] = {
	{ "partnership", "Partnership",
	    "The community planning partnership inspected, e.g. Perth and Kinross.", NULL },
	{ "framework", "Framework", NULL, NULL },
	{ "title", "Title (optional)", "Made from the partnership's name when left empty.", NULL },
	{ "notified", "Notified (optional)",
	    "The date the partnership was told, as YYYY-MM-DD, e.g. 2026-09-01.", "fixed-10" },
	{ "fieldwork-from", "Fieldwork starts (optional)", "YYYY-MM-DD.", "fixed-10" },
	{ "fieldwork-to", "Fieldwork ends (optional)", "YYYY-MM-DD, on or after the start.",
	    "fixed-10" },
	{ "agencies", "Agencies taking part (optional)",
	    "Separated by commas, e.g. Care Inspectorate, Education Scotland.", NULL },
	{ "lead", "Inspection lead",
	    "Everyone with an account that can sign in. The lead then adds the rest of the team.",
	    NULL },
};

/* Writes the create-inspection form with its values and errors. */
static void
new_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr)
{
	struct framework_summary *fw = NULL;
	struct ui_option *opts = NULL;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	size_t nfw = 0;

	if (app_framework_list(r->st, &fw, &nfw, &err) != CAIRN_OK) {
		web_internal(r, w, "frameworks", &err);
		return;
	}
	opts = xcalloc(nfw ? nfw : 1, sizeof(*opts));
	for (size_t i = 0; i < nfw; i++)
		opts[i] = (struct ui_option){ fw[i].code, fw[i].title };
	web_frame_begin(r, w, &h, &fr, 0, "Create an inspection", false);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	ui_form_begin(&h, "/new-inspection", r->sess.csrf, false);
	for (size_t i = 0; i < sizeof(new_form) / sizeof(new_form[0]); i++) {
		const struct new_field *d = &new_form[i];

		memset(&f, 0, sizeof(f));
		f.id = f.name = d->name;
		f.label = d->label;
		f.hint = d->hint;
		f.width = d->width;
		f.value = web_form(r, d->name);
		f.error = ui_error_for(errors, nerr, d->name);
		if (strcmp(d->name, "lead") == 0) {
			/* The lead defaults to the person creating the inspection. */
			if (r->method != WM_POST)
				f.value = r->sess.who.username;
			web_person_select(r, &h, &f, 0, ACTION_CREATE_INSPECTION);
		} else if (strcmp(d->name, "framework") == 0)
			ui_select(&h, &f, opts, nfw);
		else
			ui_input(&h, &f);
	}
	ui_button(&h, "Create inspection", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	ui_page_end(&h);
	free(opts);
	framework_summaries_free(fw, nfw);
}

void
page_new_inspection_form(struct web_req *r, struct web_resp *w)
{
	new_page(r, w, NULL, 0);
}

/* Returns the id of the create form's input an app/ error concerns: its
 * field when the form has that input (the person checked is the lead), else
 * the first input. */
static const char *
new_field_of(const struct cairn_err *err)
{
	const char *field = strcmp(err->field, "person") == 0 ? "lead" : err->field;

	for (size_t i = 0; i < sizeof(new_form) / sizeof(new_form[0]); i++)
		if (strcmp(new_form[i].name, field) == 0)
			return new_form[i].name;
	return new_form[0].name;
}

void
page_new_inspection(struct web_req *r, struct web_resp *w)
{
	struct inspection_new req = { 0 };
	struct ui_error errors[6];
	struct cairn_err err = { 0 };
	struct account acc = { 0 };
	struct cdate d_note, d_from, d_to;
	struct buf fieldwork = BUF_INIT;
	const char *from = web_field(r, "fieldwork-from"), *to = web_field(r, "fieldwork-to");
	const char *lead = web_field(r, "lead");
	char loc[64], msg[CAIRN_ERR_MSG];
	size_t nerr = 0;
	long id = 0;

	req.partnership = web_field(r, "partnership");
	req.framework = web_field(r, "framework");
	req.title = web_field(r, "title");
	req.notified = web_field(r, "notified");
	req.agencies = web_field(r, "agencies");
	if (req.partnership == NULL)
		errors[nerr++] = (struct ui_error){ "partnership", "Enter the partnership's name" };
	if (req.framework == NULL)
		errors[nerr++] = (struct ui_error){ "framework", "Choose a framework" };
	/* Every date is checked here too, so that the summary lists them all. */
	if (req.notified != NULL && !date_parse(req.notified, &d_note))
		errors[nerr++] = (struct ui_error){ "notified",
			"Enter the notification date as a real date, for example 2026-09-01" };
	if (from != NULL && !date_parse(from, &d_from))
		errors[nerr++] = (struct ui_error){ "fieldwork-from",
			"Enter the first day of fieldwork as a real date, for example 2026-10-05" };
	else if (to != NULL && !date_parse(to, &d_to))
		errors[nerr++] = (struct ui_error){ "fieldwork-to",
			"Enter the last day of fieldwork as a real date, for example 2026-10-09" };
	else if (from != NULL && to != NULL && date_cmp(&d_to, &d_from) < 0)
		errors[nerr++] = (struct ui_error){ "fieldwork-to",
			"Enter a last day of fieldwork on or after the first day" };
	else if ((from == NULL) != (to == NULL))
		errors[nerr++] =
		    (struct ui_error){ from == NULL ? "fieldwork-from" : "fieldwork-to",
			    "Enter both the first and the last day of fieldwork, or neither" };
	if (lead == NULL)
		errors[nerr++] = (struct ui_error){ "lead", "Choose the inspection lead" };
	else if (app_account_lookup(r->st, &r->actor, 0, ACTION_CREATE_INSPECTION, lead, &acc,
	             &err) != CAIRN_OK)
		errors[nerr++] =
		    (struct ui_error){ "lead", "There is no account with that username" };
	account_free(&acc);
	if (from != NULL && to != NULL) {
		buf_printf(&fieldwork, "%s..%s", from, to);
		req.fieldwork = buf_str(&fieldwork);
	}
	cairn_err_clear(&err);
	if (nerr == 0 &&
	    app_inspection_create_led(r->st, &r->actor, &req, lead, &id, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "create inspection", &err);
			goto out;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ new_field_of(&err), msg };
	}
	if (nerr > 0) {
		new_page(r, w, errors, nerr);
		goto out;
	}
	/* The creator lands on the inspection when they lead it; otherwise
	 * they are not on its team and would find no page there, so they go
	 * home, where a banner says it was made and who leads it. */
	if (strcmp(lead, r->sess.who.username) == 0)
		snprintf(loc, sizeof(loc), "/inspections/%ld", id);
	else
		snprintf(loc, sizeof(loc), "/?created=%ld", id);
	web_redirect(w, loc);
out:
	buf_free(&fieldwork);
}

/* ---- the team ---- */

/* Writes the team page with the add form's errors. */
static void
team_page(struct web_req *r, struct web_resp *w, long id, enum role role,
    const struct ui_error *errors, size_t nerr)
{
	static const char *const cols[] = { "Person", "Role", "Agency", "Added", "Action" };
	struct team_member *v = NULL;
	struct ui_option opts[ROLE__MAX + 1];
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	struct buf action = BUF_INIT;
	bool manage = role_may(role, ACTION_MANAGE_TEAM);
	const char *done = web_query(r, "done");
	struct account *people = NULL;
	size_t n = 0, nopt = 0, npeople = 0;
	char who[300];

	if (app_team_list(r->st, id, &v, &n, &err) != CAIRN_OK) {
		web_internal(r, w, "team", &err);
		return;
	}
	/* Members are shown by their accounts' names where these can sign in. */
	if (app_team_choices(r->st, &r->actor, id, ACTION_VIEW_TEAM, &people, &npeople, &err) !=
	    CAIRN_OK)
		cairn_err_clear(&err);
	web_frame_init(&fr, id, NULL, "Team", true);
	/* An administrator on no team sees the team (to appoint its lead) but not
	 * the inspection's page: no breadcrumb to a page they may not open. */
	if (!role_may(role, ACTION_VIEW_INSPECTION))
		fr.p.ncrumbs = 1;
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (done != NULL && nerr == 0)
		ui_notification(&h,
		    strcmp(done, "removed") == 0 ? "Removed from the team." : "Added to the team.");
	ui_table_begin(&h, "Who is on this inspection's team", cols, manage ? 5 : 4);
	for (size_t i = 0; i < n; i++) {
		enum role mr;

		ui_row_begin(&h);
		ui_cell(&h, web_person_named(people, npeople, v[i].person, who, sizeof(who)), true);
		ui_cell(&h, role_parse(v[i].role, &mr) ? role_table[mr].label : v[i].role, false);
		ui_cell(&h, v[i].agency != NULL ? v[i].agency : "", false);
		ui_cell_date(&h, v[i].added_at, NULL);
		if (manage &&
		    !(role_parse(v[i].role, &mr) &&
		        app_team_removable(&r->actor, role, v[i].person, mr))) {
			/* app/ would refuse it: no button (a depute removes no lead). */
			ui_cell(&h, "", false);
		} else if (manage) {
			char label[320], bid[300];

			buf_reset(&action);
			buf_printf(&action, "/inspections/%ld/team/remove", id);
			snprintf(label, sizeof(label), "Remove %s", who);
			html_open(&h, HE_TD, HA__MAX);
			ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
			ui_hidden(&h, "person", v[i].person);
			/* The id an error about this removal links to: the member's
			 * place in the list (a name may hold spaces, an id may not). */
			snprintf(bid, sizeof(bid), "remove-%zu", i + 1);
			html_open(&h, HE_BUTTON, HA_TYPE, "submit", HA_ID, bid, HA_CLASS,
			    "ds_button ds_button--small ds_button--secondary", HA_ARIA_LABEL, label,
			    HA__MAX);
			html_text(&h, "Remove");
			html_close(&h);
			ui_form_end(&h);
			html_close(&h);
		}
		ui_row_end(&h);
	}
	ui_table_end(&h);
	if (manage) {
		/* No role is chosen for them: a first option asks for one. */
		opts[nopt++] = (struct ui_option){ "", "Choose a role" };
		for (int k = 0; k < ROLE__MAX; k++)
			if (role_table[k].team)
				opts[nopt++] =
				    (struct ui_option){ role_table[k].code, role_table[k].label };
		html_elem(&h, HE_H2, NULL, "Add someone to the team");
		buf_reset(&action);
		buf_printf(&action, "/inspections/%ld/team", id);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "person";
		f.label = "Person";
		f.hint = "Everyone with an account that can sign in.";
		f.value = nerr > 0 ? web_form(r, "person") : NULL;
		f.error = ui_error_for(errors, nerr, "person");
		web_person_select(r, &h, &f, id, ACTION_MANAGE_TEAM);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "role";
		f.label = "Role";
		f.value = nerr > 0 ? web_form(r, "role") : NULL;
		f.error = ui_error_for(errors, nerr, "role");
		ui_select(&h, &f, opts, nopt);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "agency";
		f.label = "Agency (optional)";
		f.value = nerr > 0 ? web_form(r, "agency") : NULL;
		f.error = ui_error_for(errors, nerr, "agency");
		ui_input(&h, &f);
		ui_button(&h, "Add to the team", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	if (role_may(role, ACTION_VIEW_INSPECTION))
		web_para_link(&h, fr.back, "Back to the inspection");
	else
		web_para_link(&h, "/", "Back to your inspections");
	ui_page_end(&h);
	buf_free(&action);
	accounts_free(people, npeople);
	team_members_free(v, n);
}

void
page_team(struct web_req *r, struct web_resp *w)
{
	enum role role;
	long id;

	id = r->insp;
	role = r->role;
	team_page(r, w, id, role, NULL, 0);
}

void
page_team_add(struct web_req *r, struct web_resp *w)
{
	const char *person = web_field(r, "person"), *role_code = web_field(r, "role");
	struct ui_error errors[3];
	struct cairn_err err = { 0 };
	struct account acc = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80];
	enum role role;
	size_t nerr = 0;
	long id;

	id = r->insp;
	role = r->role;
	if (person == NULL)
		errors[nerr++] = (struct ui_error){ "person", "Choose the person to add" };
	else if (app_account_lookup(r->st, &r->actor, id, ACTION_MANAGE_TEAM, person, &acc, &err) !=
	    CAIRN_OK)
		errors[nerr++] =
		    (struct ui_error){ "person", "There is no account with that username" };
	if (role_code == NULL)
		errors[nerr++] =
		    (struct ui_error){ "role", "Choose the role they take in the inspection" };
	account_free(&acc);
	cairn_err_clear(&err);
	/* Which roles may be given, and by whom, is app/'s to decide. */
	if (nerr == 0 &&
	    app_team_add(r->st, &r->actor, id, person, role_code, web_field(r, "agency"), &err) !=
	        CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_EPERM) {
			web_internal(r, w, "team add", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ web_err_input(&err, "person"), msg };
	}
	if (nerr > 0) {
		team_page(r, w, id, role, errors, nerr);
		if (err.rc == CAIRN_EPERM)
			w->status = 403;
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/team?done=added", id);
	web_redirect(w, loc);
}

void
page_team_remove(struct web_req *r, struct web_resp *w)
{
	const char *person = web_field(r, "person");
	struct cairn_err err = { 0 };
	struct ui_error e;
	struct team_member *v = NULL;
	size_t n = 0;
	char loc[80], bid[300], msg[CAIRN_ERR_MSG];
	bool refused;
	long id;

	id = r->insp;
	if (person == NULL) {
		web_error_page(r, w, 400, "Nobody was removed",
		    "No person was named. Go back and use a Remove button on the team page.");
		return;
	}
	/* Whether this person may be removed (not oneself), and by whom, is
	 * app/'s to decide. */
	if (app_team_remove(r->st, &r->actor, id, person, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_EPERM) {
			web_internal(r, w, "team remove", &err);
			return;
		}
		/* The team page again, the reason at the member's Remove button
		 * (or at the add form's person when they are not on the team). */
		text_copy(msg, sizeof(msg), err.msg);
		refused = err.rc == CAIRN_EPERM;
		cairn_err_clear(&err);
		snprintf(bid, sizeof(bid), "person");
		if (app_team_list(r->st, id, &v, &n, &err) == CAIRN_OK)
			for (size_t i = 0; i < n; i++) {
				enum role mr;

				if (strcmp(v[i].person, person) == 0 &&
				    role_parse(v[i].role, &mr) &&
				    app_team_removable(&r->actor, r->role, person, mr))
					snprintf(bid, sizeof(bid), "remove-%zu", i + 1);
			}
		cairn_err_clear(&err);
		team_members_free(v, n);
		e = (struct ui_error){ bid, msg };
		team_page(r, w, id, r->role, &e, 1);
		if (refused)
			w->status = 403;
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/team?done=removed", id);
	web_redirect(w, loc);
}
