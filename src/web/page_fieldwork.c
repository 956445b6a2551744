/*
 * The fieldwork plan (app/fieldwork/activity.h): the list of activities by
 * date with the form to plan one; one activity with, for who may see the
 * evidence, the notes recorded from it and their balance, the form to
 * record its notes as evidence (indicators chosen by their titles) and the
 * form to cancel it; and the young inspectors' page: their activities and
 * the stream of their write-ups (evidence from source young-inspectors).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/lookup.h"
#include "app/access/role.h"
#include "app/fieldwork/activity.h"
#include "app/setup/lookup.h"
#include "app/setup/team.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* Writes an ISO date as "3 March 2026" into out (the ISO text if it is not one). */
static void
long_date(const char *iso, char *out, size_t outsz)
{
	struct cdate d;

	if (date_parse(iso, &d))
		date_long(&d, out, outsz);
	else
		text_copy(out, outsz, iso);
}

/* What a person calls each status. */
static const char *const status_label[ACTIVITY_STATUS__MAX] = {
	[ACTIVITY_PLANNED] = "Planned",
	[ACTIVITY_HELD] = "Held",
	[ACTIVITY_CANCELLED] = "Cancelled",
};
_Static_assert(sizeof(status_label) / sizeof(status_label[0]) == ACTIVITY_STATUS__MAX,
    "a label for every activity status");

/* Returns the number of people at an activity. */
static long
people_total(const struct activity *a)
{
	long n = 0;

	for (int p = 0; p < PEOPLE__MAX; p++)
		n += a->people[p];
	return n;
}

/* The team's accounts of inspection id, for naming people "Name (username)"
 * (web_person_named); none when they cannot be read.  Caller frees with
 * accounts_free. */
static void
team_people(struct web_req *r, long id, struct account **people, size_t *npeople)
{
	struct cairn_err err = { 0 };

	*people = NULL;
	*npeople = 0;
	if (app_team_choices(r->st, &r->actor, id, ACTION_VIEW_INSPECTION, people, npeople, &err) !=
	    CAIRN_OK)
		cairn_err_clear(&err);
}

/* Writes the plan's table: activities (of kind only, when only) by date,
 * their leads named among the n accounts people. */
static void
activity_table(struct html *h, long id, const struct activity *v, size_t n, int only,
    const char *caption, const struct account *people, size_t npeople)
{
	static const char *const cols[] = { "No.", "Date", "Activity", "Place", "Led by", "People",
		"Status" };

	ui_table_begin(h, caption, cols, 7);
	for (size_t i = 0; i < n; i++) {
		char num[24], when[40], href[96], count[24], who[300];

		if (only >= 0 && (int)v[i].kind != only)
			continue;
		snprintf(num, sizeof(num), "%ld", v[i].number);
		snprintf(href, sizeof(href), "/inspections/%ld/fieldwork/%ld", id, v[i].number);
		snprintf(count, sizeof(count), "%ld", people_total(&v[i]));
		long_date(v[i].date, when, sizeof(when));
		ui_row_begin(h);
		html_open(h, HE_TH, HA_SCOPE, "row", HA__MAX);
		html_open(h, HE_A, HA_HREF, href, HA_CLASS, "ds_link", HA__MAX);
		html_text(h, num);
		html_close(h);
		html_close(h);
		ui_cell(h, when, false);
		ui_cell(h, activity_kind_table[v[i].kind].label, false);
		ui_cell(h, v[i].place, false);
		ui_cell(h, web_person_named(people, npeople, v[i].lead, who, sizeof(who)), false);
		ui_cell(h, count, false);
		ui_cell(h, status_label[v[i].status], false);
		ui_row_end(h);
	}
	ui_table_end(h);
}

/* Writes the five people-count inputs, with values from the form after an
 * error or from a (NULL: empty). */
static void
people_inputs(struct web_req *r, struct html *h, const struct ui_error *errors, size_t nerr,
    const struct activity *a, const char *hint)
{
	char vals[PEOPLE__MAX][24];

	for (int p = 0; p < PEOPLE__MAX; p++) {
		struct ui_field f = { 0 };

		vals[p][0] = '\0';
		if (nerr > 0 && web_form(r, people_kind_table[p].code) != NULL)
			text_copy(vals[p], sizeof(vals[p]), web_form(r, people_kind_table[p].code));
		else if (a != NULL)
			snprintf(vals[p], sizeof(vals[p]), "%ld", a->people[p]);
		f.id = f.name = people_kind_table[p].code;
		f.label = people_kind_table[p].label;
		f.hint = p == 0 ? hint : NULL;
		f.value = vals[p];
		f.width = "fixed-4";
		f.error = ui_error_for(errors, nerr, people_kind_table[p].code);
		ui_input(h, &f);
	}
}

/* Fills the people counts of a request from the form. */
static void
people_from_form(struct web_req *r, const char *out[PEOPLE__MAX])
{
	for (int p = 0; p < PEOPLE__MAX; p++)
		out[p] = web_field(r, people_kind_table[p].code);
}

/* Writes the fieldwork plan page with the add form's errors. */
static void
plan_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr)
{
	long id = r->insp;
	struct activity *v = NULL;
	size_t n = 0;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;

	if (app_activity_list(r->st, &r->actor, id, &v, &n, &err) != CAIRN_OK) {
		web_internal(r, w, "fieldwork plan", &err);
		return;
	}
	web_frame_begin(r, w, &h, &fr, id, "Fieldwork plan", true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (web_query(r, "added") != NULL && nerr == 0)
		ui_notification(&h, "The activity was added to the plan.");
	html_elem(&h, HE_P, NULL,
	    "The engagement week and the fieldwork weeks: who is met, where and by whom. "
	    "Activities record how many people of each kind take part, never their names. "
	    "Only held activities count in the report's methods.");
	if (n == 0)
		html_elem(&h, HE_P, NULL, "No activities have been planned yet.");
	else {
		struct account *people;
		size_t npeople;

		team_people(r, id, &people, &npeople);
		activity_table(&h, id, v, n, -1, "Activities by date", people, npeople);
		accounts_free(people, npeople);
	}
	if (role_may(r->role, ACTION_VIEW_EVIDENCE)) {
		char href[80];

		snprintf(href, sizeof(href), "/inspections/%ld/young-inspectors", id);
		web_para_link(&h, href, "The young inspectors' activities and write-ups");
	}
	if (role_may(r->role, ACTION_PLAN_FIELDWORK)) {
		struct ui_option kinds[ACTIVITY__MAX];
		struct ui_field f;
		char action[80];

		html_elem(&h, HE_H2, NULL, "Plan an activity");
		snprintf(action, sizeof(action), "/inspections/%ld/fieldwork", id);
		ui_form_begin(&h, action, r->sess.csrf, false);
		for (int k = 0; k < ACTIVITY__MAX; k++)
			kinds[k] = (struct ui_option){ activity_kind_table[k].code,
				activity_kind_table[k].label };
		f = (struct ui_field){ .id = "kind",
			.name = "kind",
			.label = "Kind of activity",
			.value = nerr > 0 ? web_form(r, "kind") : NULL,
			.error = ui_error_for(errors, nerr, "kind") };
		ui_select(&h, &f, kinds, ACTIVITY__MAX);
		f = (struct ui_field){ .id = "date",
			.name = "date",
			.label = "Date",
			.hint = "YYYY-MM-DD, e.g. 2026-03-03.",
			.width = "fixed-10",
			.value = nerr > 0 ? web_form(r, "date") : NULL,
			.error = ui_error_for(errors, nerr, "date") };
		ui_input(&h, &f);
		f = (struct ui_field){ .id = "place",
			.name = "place",
			.label = "Place",
			.hint = "A building or service, never a family's address.",
			.value = nerr > 0 ? web_form(r, "place") : NULL,
			.error = ui_error_for(errors, nerr, "place") };
		ui_input(&h, &f);
		f = (struct ui_field){ .id = "lead",
			.name = "lead",
			.label = "Led by",
			.hint = "A member of the team who can sign in.",
			.value = nerr > 0 ? web_form(r, "lead") : NULL,
			.error = ui_error_for(errors, nerr, "lead") };
		web_team_select(r, &h, &f, id, ACTION_PLAN_FIELDWORK);
		f = (struct ui_field){ .id = "agencies",
			.name = "agencies",
			.label = "Agencies taking part (optional)",
			.value = nerr > 0 ? web_form(r, "agencies") : NULL,
			.error = ui_error_for(errors, nerr, "agencies") };
		ui_input(&h, &f);
		f = (struct ui_field){ .id = "roles",
			.name = "roles",
			.label = "Roles taking part (optional)",
			.hint = "Job roles, e.g. health visitors; never names.",
			.value = nerr > 0 ? web_form(r, "roles") : NULL,
			.error = ui_error_for(errors, nerr, "roles") };
		ui_input(&h, &f);
		people_inputs(r, &h, errors, nerr, NULL,
		    "How many are expected; the numbers who took part are recorded with the "
		    "notes.");
		ui_button(&h, "Add the activity", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	activity_list_free(v, n);
}

void
page_fieldwork(struct web_req *r, struct web_resp *w)
{
	plan_page(r, w, NULL, 0);
}

/* Answers a refused form: the page again with app/'s message against the
 * input it names (or fallback), 400 for bad input, 403, 409 for a conflict. */
static void
refused(struct web_req *r, struct web_resp *w, const struct cairn_err *err, const char *fallback,
    void (*page)(struct web_req *, struct web_resp *, const struct ui_error *, size_t))
{
	char msg[CAIRN_ERR_MSG]; /* the page is written before this returns */
	struct ui_error e;
	int status = 400;

	if (err->rc != CAIRN_EDATA && err->rc != CAIRN_EUSAGE && err->rc != CAIRN_EPERM) {
		web_internal(r, w, "fieldwork", err);
		return;
	}
	if (err->rc == CAIRN_EPERM)
		status = 403;
	else if (err->code == CAIRN_CODE_CONFLICT)
		status = 409;
	text_copy(msg, sizeof(msg), err->msg);
	e = (struct ui_error){ web_err_input(err, fallback), msg };
	page(r, w, &e, 1);
	w->status = status;
}

void
page_fieldwork_add(struct web_req *r, struct web_resp *w)
{
	struct activity_req req;
	struct cairn_err err = { 0 };
	char loc[80];
	long number;

	memset(&req, 0, sizeof(req));
	req.kind = web_field(r, "kind");
	req.date = web_field(r, "date");
	req.place = web_field(r, "place");
	req.lead = web_field(r, "lead");
	req.agencies = web_field(r, "agencies");
	req.roles = web_field(r, "roles");
	people_from_form(r, req.people);
	if (app_activity_add(r->st, &r->actor, r->insp, &req, &number, &err) != CAIRN_OK) {
		refused(r, w, &err, "kind", plan_page);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/fieldwork?added=%ld", r->insp, number);
	web_redirect(w, loc);
}

/* Parses the activity number in the path; a 404 page if it is not one. */
static bool
path_number(struct web_req *r, struct web_resp *w, long *number)
{
	if (r->nargs > 1 && text_parse_long(r->args[1], 1, 1000000, number))
		return true;
	web_error_page(r, w, 404, "Page not found", "There is no such activity.");
	return false;
}

/* Writes one activity's page with the forms' errors. */
static void
activity_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr)
{
	long id = r->insp, number;
	struct activity a;
	struct activity_evidence ev;
	struct framework fw;
	struct inspection in;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	char title[96], when[40], crumb[80], num[24];
	bool notes = role_may(r->role, ACTION_VIEW_EVIDENCE);
	bool record = role_may(r->role, ACTION_RECORD_FIELDWORK);

	memset(&ev, 0, sizeof(ev));
	memset(&fw, 0, sizeof(fw));
	memset(&in, 0, sizeof(in));
	if (!path_number(r, w, &number))
		return;
	if (app_activity_get(r->st, &r->actor, id, number, &a, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_error_page(r, w, 404, "Page not found", "There is no such activity.");
		else
			web_internal(r, w, "activity", &err);
		return;
	}
	/* A young inspector records only what they lead (app/ refuses the rest). */
	if (r->role == ROLE_YOUNG_INSPECTOR && r->actor.person != NULL &&
	    strcmp(r->actor.person, a.lead) != 0)
		record = false;
	if ((notes && app_activity_evidence(r->st, &r->actor, id, number, &ev, &err) != CAIRN_OK) ||
	    app_inspection_get(r->st, &r->actor, id, &in, &err) != CAIRN_OK ||
	    (record && app_framework_get(r->st, in.framework_code, &fw, &err) != CAIRN_OK)) {
		web_internal(r, w, "activity", &err);
		goto out;
	}
	snprintf(title, sizeof(title), "Activity %ld: %s", a.number,
	    activity_kind_table[a.kind].label);
	snprintf(crumb, sizeof(crumb), "/inspections/%ld/fieldwork", id);
	web_frame_init(&fr, id, in.partnership, title, true);
	fr.p.label = in.title;
	web_frame_crumb(&fr, crumb, "Fieldwork plan");
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (web_query(r, "recorded") != NULL && nerr == 0)
		ui_notification(&h,
		    "The notes were recorded as evidence and the activity marked held.");
	if (web_query(r, "cancelled") != NULL && nerr == 0)
		ui_notification(&h, "The activity was cancelled.");
	long_date(a.date, when, sizeof(when));
	ui_summary_begin(&h);
	ui_summary_row(&h, "Date", when);
	ui_summary_row(&h, "Place", a.place);
	{
		struct account *people;
		size_t npeople;
		char who[300];

		team_people(r, id, &people, &npeople);
		ui_summary_row(&h, "Led by",
		    web_person_named(people, npeople, a.lead, who, sizeof(who)));
		accounts_free(people, npeople);
	}
	ui_summary_row(&h, "Agencies", a.agencies);
	ui_summary_row(&h, "Roles", a.roles);
	for (int p = 0; p < PEOPLE__MAX; p++) {
		snprintf(num, sizeof(num), "%ld", a.people[p]);
		ui_summary_row(&h, people_kind_table[p].label, num);
	}
	ui_summary_row(&h, "Status", status_label[a.status]);
	if (a.cancel_reason != NULL)
		ui_summary_row(&h, "Why it was cancelled", a.cancel_reason);
	ui_summary_end(&h);
	if (notes) {
		static const char *const cols[] = { "No.", "Status", "Indicators", "Notes" };
		struct buf line = BUF_INIT;

		html_elem(&h, HE_H2, NULL, "Evidence from this activity");
		for (int s = 0; s < STATUS__MAX; s++)
			buf_printf(&line, "%s%ld %s", s ? ", " : "Balance: ", ev.counts[s],
			    evidence_status_label[s]);
		html_elem(&h, HE_P, NULL, buf_str(&line));
		buf_free(&line);
		if (ev.n > 0) {
			ui_table_begin(&h, "Notes recorded from this activity", cols, 4);
			for (size_t i = 0; i < ev.n; i++) {
				struct buf qis = BUF_INIT;
				int st = evidence_status_parse(ev.items[i].status);

				for (size_t q = 0; q < ev.items[i].nqis; q++)
					buf_printf(&qis, "%s%s", q ? ", " : "", ev.items[i].qis[q]);
				snprintf(num, sizeof(num), "%ld", ev.items[i].number);
				ui_row_begin(&h);
				ui_cell(&h, num, true);
				ui_cell(&h,
				    st >= 0 ? evidence_status_label[st] : ev.items[i].status,
				    false);
				ui_cell(&h, buf_str(&qis), false);
				ui_cell(&h, ev.items[i].text, false);
				ui_row_end(&h);
				buf_free(&qis);
			}
			ui_table_end(&h);
		}
	}
	if (record && a.status != ACTIVITY_CANCELLED) {
		struct ui_option statuses[STATUS__MAX], *qopts;
		bool *ticked;
		struct ui_field f;
		char action[96];

		html_elem(&h, HE_H2, NULL, "Record notes");
		snprintf(action, sizeof(action), "/inspections/%ld/fieldwork/%ld/record", id,
		    number);
		ui_form_begin(&h, action, r->sess.csrf, false);
		f = (struct ui_field){ .id = "notes",
			.name = "notes",
			.label = "Notes",
			.hint = "What was found. No names: the notes become evidence.",
			.value = nerr > 0 ? web_form(r, "notes") : NULL,
			.error = ui_error_for(errors, nerr, "notes") };
		ui_textarea(&h, &f, 6);
		qopts = xcalloc(fw.nqis ? fw.nqis : 1, sizeof(*qopts));
		ticked = xcalloc(fw.nqis ? fw.nqis : 1, sizeof(*ticked));
		for (size_t q = 0; q < fw.nqis; q++) {
			qopts[q] = (struct ui_option){ fw.qis[q].code, fw.qis[q].title };
			for (size_t k = 0; nerr > 0 && k < r->nform; k++)
				if (strcmp(r->form[k].name, "qis") == 0 &&
				    strcmp(r->form[k].value, fw.qis[q].code) == 0)
					ticked[q] = true;
		}
		f = (struct ui_field){ .id = "qis",
			.name = "qis",
			.label = "Quality indicators the notes inform",
			.error = ui_error_for(errors, nerr, "qis") };
		ui_checkboxes(&h, &f, qopts, ticked, fw.nqis);
		free(qopts);
		free(ticked);
		for (int s = 0; s < STATUS__MAX; s++)
			statuses[s] =
			    (struct ui_option){ evidence_status_code[s], evidence_status_label[s] };
		f = (struct ui_field){ .id = "status",
			.name = "status",
			.label = "What the notes show",
			.value = nerr > 0 ? web_form(r, "status") : NULL,
			.error = ui_error_for(errors, nerr, "status") };
		ui_select(&h, &f, statuses, STATUS__MAX);
		people_inputs(r, &h, errors, nerr, &a, "How many of each took part.");
		ui_button(&h, "Record the notes", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	if (role_may(r->role, ACTION_PLAN_FIELDWORK) && a.status == ACTIVITY_PLANNED) {
		struct ui_field f;
		char action[96];

		html_elem(&h, HE_H2, NULL, "Cancel the activity");
		snprintf(action, sizeof(action), "/inspections/%ld/fieldwork/%ld/cancel", id,
		    number);
		ui_form_begin(&h, action, r->sess.csrf, false);
		f = (struct ui_field){ .id = "reason",
			.name = "reason",
			.label = "Why it is cancelled",
			.value = nerr > 0 ? web_form(r, "reason") : NULL,
			.error = ui_error_for(errors, nerr, "reason") };
		ui_input(&h, &f);
		ui_button(&h, "Cancel the activity", UI_BUTTON_SECONDARY);
		ui_form_end(&h);
	}
	web_para_link(&h, crumb, "Back to the fieldwork plan");
	ui_page_end(&h);
out:
	framework_free(&fw);
	inspection_free(&in);
	activity_evidence_free(&ev);
	activity_free(&a);
}

void
page_activity(struct web_req *r, struct web_resp *w)
{
	activity_page(r, w, NULL, 0);
}

void
page_activity_record(struct web_req *r, struct web_resp *w)
{
	struct activity_record_req req;
	struct cairn_err err = { 0 };
	struct buf qis = BUF_INIT;
	const char *vals[64];
	size_t n;
	char loc[96];
	long number, evidence;

	if (!path_number(r, w, &number))
		return;
	memset(&req, 0, sizeof(req));
	n = web_form_all(r, "qis", vals, 64);
	for (size_t i = 0; i < n && i < 64; i++)
		buf_printf(&qis, "%s%s", i ? "," : "", vals[i]);
	req.notes = web_field(r, "notes");
	req.qis = qis.len > 0 ? buf_str(&qis) : NULL;
	req.status = web_field(r, "status");
	people_from_form(r, req.people);
	if (app_activity_record(r->st, &r->actor, r->insp, number, &req, &evidence, &err) !=
	    CAIRN_OK) {
		if (err.rc == CAIRN_EDATA && err.code == CAIRN_CODE_UNKNOWN &&
		    strcmp(err.field, "activity") == 0)
			web_error_page(r, w, 404, "Page not found", "There is no such activity.");
		else
			refused(r, w, &err, "notes", activity_page);
		buf_free(&qis);
		return;
	}
	buf_free(&qis);
	snprintf(loc, sizeof(loc), "/inspections/%ld/fieldwork/%ld?recorded=%ld", r->insp, number,
	    evidence);
	web_redirect(w, loc);
}

void
page_activity_cancel(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	char loc[96];
	long number;

	if (!path_number(r, w, &number))
		return;
	if (app_activity_cancel(r->st, &r->actor, r->insp, number, web_field(r, "reason"), &err) !=
	    CAIRN_OK) {
		if (err.rc == CAIRN_EDATA && err.code == CAIRN_CODE_UNKNOWN &&
		    strcmp(err.field, "activity") == 0)
			web_error_page(r, w, 404, "Page not found", "There is no such activity.");
		else
			refused(r, w, &err, "reason", activity_page);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/fieldwork/%ld?cancelled=1", r->insp, number);
	web_redirect(w, loc);
}

void
page_young_inspectors(struct web_req *r, struct web_resp *w)
{
	static const char *const cols[] = { "No.", "Date", "Status", "Indicators", "Write-up" };
	const struct evidence_filter filter = { NULL, NULL, "young-inspectors" };
	long id = r->insp;
	struct activity *v = NULL;
	struct evidence_page pg;
	size_t n = 0;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	char crumb[80];

	memset(&pg, 0, sizeof(pg));
	if (app_activity_list(r->st, &r->actor, id, &v, &n, &err) != CAIRN_OK ||
	    app_evidence_page(r->st, id, &filter, 1, 1000, &pg, &err) != CAIRN_OK) {
		web_internal(r, w, "young inspectors", &err);
		goto out;
	}
	snprintf(crumb, sizeof(crumb), "/inspections/%ld/fieldwork", id);
	web_frame_init(&fr, id, NULL, "Young inspectors", true);
	web_frame_crumb(&fr, crumb, "Fieldwork plan");
	web_frame_start(r, w, &h, &fr);
	html_elem(&h, HE_P, NULL,
	    "The young inspectors' meetings with children and young people, and their write-ups "
	    "as a stream of evidence.");
	{
		struct account *people;
		size_t npeople;

		team_people(r, id, &people, &npeople);
		activity_table(&h, id, v, n, ACTIVITY_YOUNG_INSPECTORS,
		    "The young inspectors' activities", people, npeople);
		accounts_free(people, npeople);
	}
	if (pg.n == 0) {
		html_elem(&h, HE_P, NULL, "No write-ups have been recorded yet.");
	} else {
		ui_table_begin(&h, "Their write-ups, newest first", cols, 5);
		for (size_t i = 0; i < pg.n; i++) {
			const struct evidence_item *e = &pg.items[i];
			struct buf qis = BUF_INIT;
			char num[24], when[40];
			int st = evidence_status_parse(e->status);

			for (size_t q = 0; q < e->nqis; q++)
				buf_printf(&qis, "%s%s", q ? ", " : "", e->qis[q]);
			snprintf(num, sizeof(num), "%ld", e->number);
			long_date(e->gathered_on, when, sizeof(when));
			ui_row_begin(&h);
			ui_cell(&h, num, true);
			ui_cell(&h, when, false);
			ui_cell(&h, st >= 0 ? evidence_status_label[st] : e->status, false);
			ui_cell(&h, buf_str(&qis), false);
			ui_cell(&h, e->text, false);
			ui_row_end(&h);
			buf_free(&qis);
		}
		ui_table_end(&h);
	}
	web_para_link(&h, crumb, "Back to the fieldwork plan");
	ui_page_end(&h);
out:
	evidence_page_free(&pg);
	activity_list_free(v, n);
}
