/*
 * Matters of concern: the list with each one's step, age and due date,
 * raising one (with its kind; also from a reading), one concern's page
 * with its timeline and the forms of the next steps the viewer's role may
 * make, and making a step (app/records/concern.h decides).
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
#include "app/records/lookup.h"
#include "app/records/concern.h"
#include "core/date.h"
#include "core/buf.h"
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

/* ---- matters of concern ---- */

/* Writes a long date ("7 December 2026") for YYYY-MM-DD, or the text. */
static void
long_date(const char *iso, char *out, size_t outsz)
{
	struct cdate d;

	if (iso != NULL && date_parse(iso, &d))
		date_long(&d, out, outsz);
	else
		text_copy(out, outsz, iso != NULL ? iso : "");
}

/* Writes the due column: the date, with an "Overdue" tag when it is past. */
static void
due_cell(struct html *h, const struct concern *c)
{
	char when[40];

	html_open(h, HE_TD, HA__MAX);
	if (c->due_on[0] == '\0') {
		html_text(h, c->step == CONCERN_CLOSED ? "Closed" : "");
	} else {
		long_date(c->due_on, when, sizeof(when));
		if (c->overdue)
			ui_tag(h, "Overdue", "red");
		html_textf(h, "%s%s", c->overdue ? " since " : "", when);
	}
	html_close(h);
}

/* Writes the concerns page with the raise form's errors. */
static void
concerns_page(struct web_req *r, struct web_resp *w, long id, const struct ui_error *errors,
    size_t nerr)
{
	static const char *const cols[] = { "Number", "Record", "Kind", "Step", "Age",
		"Next step due" };
	struct concern *v = NULL;
	struct sample s = { 0 };
	struct ui_option *opts = NULL;
	struct ui_option kinds[CONCERN_KIND__MAX];
	struct cairn_err err = { 0 };
	struct buf action = BUF_INIT;
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	const char *done = web_query(r, "done");
	size_t n = 0, nopt = 0, nover = 0;
	bool have_sample;

	if (app_concern_list(r->st, &r->actor, id, &v, &n, &err) != CAIRN_OK) {
		web_internal(r, w, "concerns", &err);
		return;
	}
	have_sample = app_sample_load(r->st, id, &s, &err) == CAIRN_OK;
	if (!web_view_audited(r, w, id, "concern.view", "web"))
		goto out;
	web_frame_begin(r, w, &h, &fr, id, "Matters of concern", true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (done != NULL && nerr == 0)
		ui_notification(&h,
		    strcmp(done, "closed") == 0 ? "Concern closed." : "Concern raised.");
	html_elem(&h, HE_P, NULL,
	    "A matter of concern is something about a child's safety or wellbeing, or about "
	    "practice, found during the inspection. The inspection lead decides whether it is "
	    "escalated; an escalated concern is passed to the partnership's designated senior "
	    "officer, whose response and any local referral are recorded before it is closed. "
	    "Open a concern to see its steps and make the next one.");
	for (size_t i = 0; i < n; i++)
		nover += v[i].overdue;
	if (nover > 0) {
		char msg[120];

		snprintf(msg, sizeof(msg), "%zu %s overdue: the next step is past its due date.",
		    nover, nover == 1 ? "concern is" : "concerns are");
		ui_warning(&h, msg);
	}
	if (n == 0) {
		html_elem(&h, HE_P, NULL, "No matters of concern have been raised.");
	} else {
		ui_table_begin(&h, "Matters of concern", cols, 6);
		for (size_t i = 0; i < n; i++) {
			enum concern_proc proc = concern_kind_table[v[i].kind].proc;
			char num[32], age[32], href[96];

			snprintf(num, sizeof(num), "%ld", v[i].id);
			snprintf(age, sizeof(age), "%ld %s", v[i].age_days,
			    v[i].age_days == 1 ? "day" : "days");
			snprintf(href, sizeof(href), "/inspections/%ld/concerns/%ld", id, v[i].id);
			ui_row_begin(&h);
			html_open(&h, HE_TH, HA_SCOPE, "row", HA__MAX);
			html_open(&h, HE_A, HA_HREF, href, HA_CLASS, "ds_link", HA__MAX);
			html_textf(&h, "Concern %s", num);
			html_close(&h);
			html_close(&h);
			ui_cell(&h, v[i].ref, false);
			ui_cell(&h, concern_kind_table[v[i].kind].label, false);
			ui_cell(&h, concern_step_table[v[i].step].label[proc], false);
			ui_cell(&h, age, false);
			due_cell(&h, &v[i]);
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	if (have_sample) {
		opts = xcalloc(s.nmembers ? s.nmembers : 1, sizeof(*opts));
		for (size_t i = 0; i < s.nmembers; i++)
			if (s.members[i].status == SAMPLE_SELECTED)
				opts[nopt++] =
				    (struct ui_option){ s.members[i].ref, s.members[i].ref };
		for (int k = 0; k < CONCERN_KIND__MAX; k++)
			kinds[k] = (struct ui_option){ concern_kind_table[k].code,
				concern_kind_table[k].label };
		html_elem(&h, HE_H2, NULL, "Raise a matter of concern");
		buf_reset(&action);
		buf_printf(&action, "/inspections/%ld/concerns", id);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "kind";
		f.label = "Kind";
		f.value = web_form(r, "kind") != NULL ? web_form(r, "kind") : "child";
		f.error = ui_error_for(errors, nerr, "kind");
		ui_select(&h, &f, kinds, CONCERN_KIND__MAX);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "ref";
		f.label = "Record";
		f.value = web_form(r, "ref");
		f.error = ui_error_for(errors, nerr, "ref");
		ui_select(&h, &f, opts, nopt);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "text";
		f.label = "The concern";
		f.value = web_form(r, "text");
		f.error = ui_error_for(errors, nerr, "text");
		ui_textarea(&h, &f, 4);
		ui_button(&h, "Raise concern", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
out:
	buf_free(&action);
	free(opts);
	if (have_sample)
		sample_free(&s);
	concerns_free(v, n);
}

void
page_concerns(struct web_req *r, struct web_resp *w)
{
	concerns_page(r, w, r->insp, NULL, 0);
}

void
page_concern_raise(struct web_req *r, struct web_resp *w)
{
	const char *ref = web_field(r, "ref"), *text = web_field(r, "text");
	struct ui_error errors[2];
	struct cairn_err err = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80];
	size_t nerr = 0;
	long id, cid = 0;

	id = r->insp;
	if (ref == NULL)
		errors[nerr++] = (struct ui_error){ "ref", "Choose the record" };
	if (text == NULL)
		errors[nerr++] = (struct ui_error){ "text", "Describe the concern" };
	if (nerr == 0 &&
	    app_concern_raise(r->st, &r->actor, id, ref, NULL, web_field(r, "kind"), text, &cid,
	        &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "concern raise", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ web_err_input(&err, "text"), msg };
	}
	if (nerr > 0) {
		concerns_page(r, w, id, errors, nerr);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/concerns/%ld?done=raised", id, cid);
	web_redirect(w, loc);
}

/* Parses the concern number in the path; a 404 page if it is not one. */
static bool
path_concern(struct web_req *r, struct web_resp *w, long *cid)
{
	if (r->nargs > 1 && text_parse_long(r->args[1], 1, 2000000000L, cid))
		return true;
	web_error_page(r, w, 404, "Page not found", "There is no such concern.");
	return false;
}

/* Writes the form for step s of concern c; posted is the step posted
 * (its values and errors are shown again), or -1. */
static void
step_form(struct web_req *r, struct html *h, const struct concern *c, enum concern_step s,
    int posted, const struct ui_error *errors, size_t nerr)
{
	const struct concern_step_info *si = &concern_step_table[s];
	enum concern_proc proc = concern_kind_table[c->kind].proc;
	const char *code = concern_step_code[s];
	struct ui_field f;
	char action[96], id_text[48], id_officer[48], id_date[48], id_referral[48];
	bool mine = posted == (int)s;

	snprintf(action, sizeof(action), "/inspections/%ld/concerns/%ld/step", r->insp, c->id);
	snprintf(id_text, sizeof(id_text), "%s-text", code);
	snprintf(id_officer, sizeof(id_officer), "%s-officer", code);
	snprintf(id_date, sizeof(id_date), "%s-date", code);
	snprintf(id_referral, sizeof(id_referral), "%s-referral", code);
	html_elem(h, HE_H3, NULL, si->label[proc]);
	ui_form_begin(h, action, r->sess.csrf, false);
	ui_hidden(h, "step", code);
	if (si->needs & CONCERN_NEEDS_OFFICER) {
		memset(&f, 0, sizeof(f));
		f.id = id_officer;
		f.name = "officer";
		f.label = "The partnership's designated senior officer";
		f.hint = "Their name and post";
		f.value = mine ? web_form(r, "officer") : NULL;
		f.error = ui_error_for(errors, nerr, id_officer);
		ui_input(h, &f);
	}
	if (si->needs & CONCERN_NEEDS_DATE) {
		memset(&f, 0, sizeof(f));
		f.id = id_date;
		f.name = "date";
		f.label = s == CONCERN_PASSED ? "Date passed" : "Date of the response";
		f.type = "date";
		f.value = mine ? web_form(r, "date") : NULL;
		f.error = ui_error_for(errors, nerr, id_date);
		ui_input(h, &f);
	}
	if (si->needs & CONCERN_MAY_REFERRAL) {
		memset(&f, 0, sizeof(f));
		f.id = id_referral;
		f.name = "referral";
		f.label = "Date of the local referral (if one was made)";
		f.type = "date";
		f.value = mine ? web_form(r, "referral") : NULL;
		f.error = ui_error_for(errors, nerr, id_referral);
		ui_input(h, &f);
	}
	memset(&f, 0, sizeof(f));
	f.id = id_text;
	f.name = "text";
	f.label = si->text_label;
	f.value = mine ? web_form(r, "text") : NULL;
	f.error = ui_error_for(errors, nerr, id_text);
	ui_textarea(h, &f, 3);
	ui_button(h, si->label[proc], UI_BUTTON_PRIMARY);
	ui_form_end(h);
}

/* Writes one concern's page: what it is, where it stands, its timeline
 * and the forms of the next steps the viewer's role may make. */
static void
concern_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr)
{
	static const char *const cols[] = { "Date", "Step", "By", "Details" };
	struct concern c;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	enum concern_proc proc;
	char title[64], crumb[80], subject[40], when[40], age[32], who[300];
	const char **by;
	struct account *people = NULL;
	size_t npeople = 0;
	const char *posted = web_form(r, "step");
	int posted_step = posted != NULL ? concern_step_parse(posted) : -1;
	long cid;
	bool any = false;

	if (!path_concern(r, w, &cid))
		return;
	if (app_concern_get(r->st, &r->actor, r->insp, cid, &c, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_error_page(r, w, 404, "Page not found", "There is no such concern.");
		else
			web_internal(r, w, "concern", &err);
		return;
	}
	snprintf(subject, sizeof(subject), "concern %ld", cid);
	if (!web_view_audited(r, w, r->insp, "concern.view", subject))
		goto out;
	proc = concern_kind_table[c.kind].proc;
	snprintf(title, sizeof(title), "Concern %ld", cid);
	snprintf(crumb, sizeof(crumb), "/inspections/%ld/concerns", r->insp);
	web_frame_init(&fr, r->insp, NULL, title, true);
	web_frame_crumb(&fr, crumb, "Matters of concern");
	web_frame_start(r, w, &h, &fr);
	ui_error_summary(&h, errors, nerr);
	if (web_query(r, "done") != NULL && nerr == 0)
		ui_notification(&h, "The step was recorded.");
	if (c.overdue) {
		char msg[160];

		long_date(c.due_on, when, sizeof(when));
		snprintf(msg, sizeof(msg), "Overdue: the next step was due by %s.", when);
		ui_warning(&h, msg);
	}
	ui_summary_begin(&h);
	ui_summary_row(&h, "Kind", concern_kind_table[c.kind].label);
	ui_summary_row(&h, "Record", c.ref);
	ui_summary_row(&h, "Concern", c.text);
	ui_summary_row(&h, "Step", concern_step_table[c.step].label[proc]);
	snprintf(age, sizeof(age), "%ld %s", c.age_days, c.age_days == 1 ? "day" : "days");
	ui_summary_row(&h, "Age", age);
	if (c.due_on[0]) {
		long_date(c.due_on, when, sizeof(when));
		ui_summary_row(&h, "Next step due", when);
	}
	ui_summary_end(&h);
	/* Who made each step, named "Name (username)" (one read for them all). */
	by = xcalloc(c.nevents > 0 ? c.nevents : 1, sizeof(*by));
	for (size_t i = 0; i < c.nevents; i++)
		by[i] = c.events[i].actor;
	web_people_named(r, r->insp, ACTION_VIEW_CHILD_RECORDS, by, c.nevents, &people, &npeople);
	free(by);
	html_elem(&h, HE_H2, NULL, "Timeline");
	ui_table_begin(&h, "Every step of this concern", cols, 4);
	for (size_t i = 0; i < c.nevents; i++) {
		const struct concern_event *e = &c.events[i];

		long_date(e->on, when, sizeof(when));
		ui_row_begin(&h);
		ui_cell(&h, when, false);
		ui_cell(&h, concern_step_table[e->step].label[proc], false);
		ui_cell(&h, web_person_named(people, npeople, e->actor, who, sizeof(who)), false);
		html_open(&h, HE_TD, HA__MAX);
		if (e->officer != NULL)
			html_textf(&h, "To %s. ", e->officer);
		if (e->referral_on[0]) {
			long_date(e->referral_on, when, sizeof(when));
			html_textf(&h, "Local referral %s. ", when);
		}
		if (e->text != NULL)
			html_text(&h, e->text);
		html_close(&h);
		ui_row_end(&h);
	}
	ui_table_end(&h);
	accounts_free(people, npeople);
	for (int s = 0; s < CONCERN_STEP__MAX; s++) {
		if (!concern_may_follow(c.step, (enum concern_step)s) ||
		    !role_may(r->role, (enum action)concern_step_table[s].action))
			continue;
		if (!any)
			html_elem(&h, HE_H2, NULL, "Next step");
		any = true;
		step_form(r, &h, &c, (enum concern_step)s, posted_step, errors, nerr);
	}
	if (!any && c.step != CONCERN_CLOSED) {
		html_open(&h, HE_P, HA__MAX);
		html_textf(&h, "Next: %s.", concern_step_table[c.step].then[proc]);
		html_close(&h);
	}
	web_para_link(&h, crumb, "Back to the matters of concern");
	ui_page_end(&h);
out:
	concern_free(&c);
}

void
page_concern(struct web_req *r, struct web_resp *w)
{
	concern_page(r, w, NULL, 0);
}

void
page_concern_step(struct web_req *r, struct web_resp *w)
{
	struct concern_step_req req = { 0 };
	struct cairn_err err = { 0 };
	char msg[CAIRN_ERR_MSG], eid[64], loc[96];
	struct ui_error e;
	long cid;

	if (!path_concern(r, w, &cid))
		return;
	req.step = web_field(r, "step");
	req.text = web_field(r, "text");
	req.officer = web_field(r, "officer");
	req.date = web_field(r, "date");
	req.referral = web_field(r, "referral");
	if (app_concern_step(r->st, &r->actor, r->insp, cid, &req, NULL, &err) != CAIRN_OK) {
		int status = 400;

		if (err.rc == CAIRN_EDATA && err.code == CAIRN_CODE_UNKNOWN &&
		    strcmp(err.field, "concern") == 0) {
			web_error_page(r, w, 404, "Page not found", "There is no such concern.");
			return;
		}
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_EPERM) {
			web_internal(r, w, "concern step", &err);
			return;
		}
		if (err.rc == CAIRN_EPERM)
			status = 403;
		else if (err.code == CAIRN_CODE_CONFLICT)
			status = 409;
		text_copy(msg, sizeof(msg), err.msg);
		if (req.step != NULL && concern_step_parse(req.step) > 0 &&
		    strcmp(web_err_input(&err, "text"), "step") != 0)
			snprintf(eid, sizeof(eid), "%s-%s", req.step, web_err_input(&err, "text"));
		else
			text_copy(eid, sizeof(eid), "step");
		e = (struct ui_error){ eid, msg };
		concern_page(r, w, &e, 1);
		w->status = status;
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/concerns/%ld?done=1", r->insp, cid);
	web_redirect(w, loc);
}

void
page_concern_close(struct web_req *r, struct web_resp *w)
{
	const char *note = web_field(r, "note");
	struct ui_error e;
	struct cairn_err err = { 0 };
	char msg[CAIRN_ERR_MSG], loc[96];
	long cid;

	if (!path_concern(r, w, &cid))
		return;
	if (app_concern_close(r->st, &r->actor, r->insp, cid, note, &err) != CAIRN_OK) {
		if (err.code == CAIRN_CODE_UNKNOWN) {
			web_error_page(r, w, 404, "Page not found",
			    "There is no open concern at this address.");
			return;
		}
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_EPERM) {
			web_internal(r, w, "concern close", &err);
			return;
		}
		text_copy(msg, sizeof(msg),
		    note == NULL && err.code == CAIRN_CODE_REQUIRED
		        ? "Say what was done to follow the concern up"
		        : err.msg);
		e = (struct ui_error){ strcmp(err.field, "step") == 0 ? "step" : "closed-text",
			msg };
		concern_page(r, w, &e, 1);
		w->status = err.rc == CAIRN_EPERM     ? 403
		    : err.code == CAIRN_CODE_CONFLICT ? 409
		                                      : 400;
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/concerns/%ld?done=1", r->insp, cid);
	web_redirect(w, loc);
}

/* ---- a concern raised from a reading ---- */

void
page_reading_concern(struct web_req *r, struct web_resp *w)
{
	const char *text = web_field(r, "text");
	struct reading_ctx x;
	const struct reader *me;
	const struct sample_member *m;
	struct cairn_err err = { 0 };
	struct buf loc = BUF_INIT;
	long id, cid = 0;

	/* The record must be assigned to this reader: app/ decides. */
	if (!web_reading_target(r, w, &id, &x, &me, &m))
		return;
	buf_printf(&loc, "/inspections/%ld/reading/", id);
	web_put_segment(&loc, m->ref);
	if (text == NULL) {
		struct ui_error e = { "concern-text", "Describe the concern" };
		struct ui_field f = { 0 };
		struct web_frame fr;
		struct html h;

		buf_puts(&loc, "/concern");
		web_frame_begin(r, w, &h, &fr, id, "Raise a matter of concern", false);
		w->status = 400;
		ui_error_summary(&h, &e, 1);
		ui_form_begin(&h, buf_str(&loc), r->sess.csrf, false);
		if (web_field(r, "kind") != NULL)
			ui_hidden(&h, "kind", web_field(r, "kind"));
		f.id = "concern-text";
		f.name = "text";
		f.label = "The concern";
		f.error = e.message;
		ui_textarea(&h, &f, 3);
		ui_button(&h, "Raise concern", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
		ui_page_end(&h);
		goto out;
	}
	if (app_concern_raise(r->st, &r->actor, id, m->ref, me->name, web_field(r, "kind"), text,
	        &cid, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM)
			web_error_page(r, w, 404, "Page not found",
			    "There is no record to read at this address.");
		else if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE)
			web_internal(r, w, "concern raise", &err);
		else
			web_error_page(r, w, 400, "The concern was not raised", err.msg);
		goto out;
	}
	buf_puts(&loc, "?concern=1");
	web_redirect(w, buf_str(&loc));
out:
	buf_free(&loc);
	reading_ctx_free(&x);
}
