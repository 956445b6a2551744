/*
 * The inspection's stage: where it is, since when, and each stage of its
 * programme on the week plan (done, current, due, overdue), with the form
 * to move it on.  A refused move shows app/'s reason against the input.
 * ?holidays= lays the plan out without its school-holiday weeks, as the
 * CLI's --holidays and the API's ?holidays= do (app_timeline); the dates
 * are read as people write them (holidays_parse_written) and a bad one is
 * named at its input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/access/role.h"
#include "app/setup/stage.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* What a person calls each timeline status. */
static const char *const status_label[TIMELINE__MAX] = {
	[TIMELINE_DONE] = "Done",
	[TIMELINE_CURRENT] = "Current stage",
	[TIMELINE_DUE] = "Due",
	[TIMELINE_OVERDUE] = "Overdue",
	[TIMELINE_UNPLANNED] = "Not planned",
};
_Static_assert(sizeof(status_label) / sizeof(status_label[0]) == TIMELINE__MAX,
    "a label for every timeline status");

/* Writes today's date (UTC) as YYYY-MM-DD into out. */
static void
today(char out[static 11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Writes the GET form that lays the plan out without the school holidays
 * (value: what was entered; error: why it was refused, or NULL). */
static void
holidays_form(struct html *h, long id, const char *value, const char *error)
{
	struct ui_field f;
	char action[80];

	html_open(h, HE_H2, HA_ID, "school-holidays", HA__MAX);
	html_text(h, "School holidays");
	html_close(h);
	html_elem(h, HE_P, NULL,
	    "The week plan does not count a week when three or more of its weekdays are "
	    "school holidays. Enter the holidays to see the plan without them; nothing is "
	    "saved.");
	snprintf(action, sizeof(action), "/inspections/%ld/stage", id);
	html_open(h, HE_FORM, HA_METHOD, "get", HA_ACTION, action, HA__MAX);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "holidays";
	f.label = "School holidays";
	f.hint = "One holiday a line: a date, or its first and last days joined by \"to\", for "
	         "example 12 October 2026 to 23 October 2026, or 12/10/2026.";
	f.value = value;
	f.error = error;
	ui_textarea(h, &f, 4);
	ui_button(h, "Show the plan without the holidays", UI_BUTTON_SECONDARY);
	html_close(h);
}

/* Returns true when the plan shown leaves out holidays entered (qhol, not
 * refused at e). */
static bool
hol_shown(const char *qhol, const struct ui_error *e)
{
	return qhol != NULL && qhol[strspn(qhol, " \t\r\n,")] != '\0' && e->message == NULL;
}

/* Writes the moves that brought the inspection to its stage, each maker
 * named "Name (username)" as `cairn stage` names them (one read for the
 * page; a disabled account keeps its name); nothing when none. */
static void
moves_table(struct web_req *r, struct html *h, const struct stage_state *s)
{
	static const char *const cols[] = { "Date", "Moved to", "Moved by" };
	const char **by;
	struct account *people = NULL;
	size_t npeople = 0;
	char who[300];

	if (s->nmoves == 0)
		return;
	by = xcalloc(s->nmoves, sizeof(*by));
	for (size_t i = 0; i < s->nmoves; i++)
		by[i] = s->moves[i].moved_by;
	web_people_named(r, r->insp, ACTION_VIEW_INSPECTION, by, s->nmoves, &people, &npeople);
	free(by);
	html_elem(h, HE_H2, NULL, "Moves so far");
	ui_table_begin(h, "The moves from stage to stage, oldest first", cols, 3);
	for (size_t i = 0; i < s->nmoves; i++) {
		const char *title = s->moves[i].stage;

		for (size_t k = 0; k < s->plan.n; k++)
			if (strcmp(s->plan.stages[k].code, s->moves[i].stage) == 0)
				title = s->plan.stages[k].title;
		ui_row_begin(h);
		ui_cell_date(h, s->moves[i].moved_on, NULL);
		ui_cell(h, title, false);
		ui_cell(h,
		    web_person_named(people, npeople, s->moves[i].moved_by, who, sizeof(who)),
		    false);
		ui_row_end(h);
	}
	ui_table_end(h);
	accounts_free(people, npeople);
}

/* Writes the stage page with the move form's errors. */
static void
stage_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr)
{
	static const char *const cols[] = { "Stage", "Due from", "Reached", "Status" };
	long id = r->insp;
	struct stage_state s;
	struct timeline t;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	struct ui_option *opts;
	bool planned, manage = role_may(r->role, ACTION_MOVE_STAGE);
	const char *done = web_query(r, "done"), *qhol = web_query(r, "holidays");
	struct holidays hol = { 0 };
	struct ui_error herr = { "holidays", NULL };
	char on[11], line[256], hmsg[CAIRN_ERR_MSG];

	memset(&t, 0, sizeof(t));
	memset(&s, 0, sizeof(s));
	if (app_stage_state(r->st, id, &s, &err) != CAIRN_OK) {
		web_internal(r, w, "stage", &err);
		return;
	}
	/* The school holidays asked for, as the API reads ?holidays=. */
	if (qhol != NULL && holidays_parse_written(qhol, &hol, &err) != CAIRN_OK) {
		text_copy(hmsg, sizeof(hmsg), err.msg);
		herr.message = hmsg;
		cairn_err_clear(&err);
	}
	planned = app_timeline(r->st, id, 0, &hol, &t, &err) == CAIRN_OK;
	if (!planned && hol.n > 0 && err.rc == CAIRN_EDATA) {
		/* Holidays that leave no working week: said at their input, and
		 * the plan shown without them. */
		text_copy(hmsg, sizeof(hmsg), err.msg);
		herr.message = hmsg;
		cairn_err_clear(&err);
		timeline_free(&t);
		memset(&t, 0, sizeof(t));
		planned = app_timeline(r->st, id, 0, NULL, &t, &err) == CAIRN_OK;
	}
	holidays_free(&hol);
	cairn_err_clear(&err);
	if (!planned)
		herr.message = NULL; /* no plan, so no holidays form to point at */
	web_frame_begin(r, w, &h, &fr, id, "Stage", true);
	if (nerr > 0 || herr.message != NULL)
		w->status = 400;
	if (herr.message != NULL)
		ui_error_summary(&h, &herr, 1);
	else
		ui_error_summary(&h, errors, nerr);
	if (done != NULL && nerr == 0)
		ui_notification(&h, "The inspection moved to its new stage.");
	ui_summary_begin(&h);
	ui_summary_row(&h, "Current stage", s.plan.stages[s.current].title);
	ui_summary_row_date(&h, "Since", s.since, NULL);
	ui_summary_row(&h, "Programme", s.plan.title);
	ui_summary_end(&h);
	if (planned) {
		size_t overdue = 0;

		for (size_t i = 0; i < t.n; i++)
			overdue += t.rows[i].status == TIMELINE_OVERDUE;
		if (overdue > 0) {
			snprintf(line, sizeof(line), "%zu stage%s overdue on the week plan.",
			    overdue, overdue == 1 ? " is" : "s are");
			ui_warning(&h, line);
		}
		if (hol_shown(qhol, &herr)) {
			html_open(&h, HE_P, HA_ID, "holiday-weeks", HA__MAX);
			if (t.holiday_weeks == 0)
				html_text(&h, "No week of the plan is a holiday week.");
			else
				html_textf(&h, "%ld holiday week%s not counted.", t.holiday_weeks,
				    t.holiday_weeks == 1 ? " is" : "s are");
			html_close(&h);
		}
		ui_table_begin(&h, "The stages on the week plan from notification", cols, 4);
		for (size_t i = 0; i < t.n; i++) {
			ui_row_begin(&h);
			ui_cell(&h, t.rows[i].stage->title, true);
			if (t.rows[i].due[0])
				ui_cell_date(&h, t.rows[i].due, NULL);
			else
				ui_cell(&h, "Not planned", false);
			if (t.rows[i].done[0])
				ui_cell_date(&h, t.rows[i].done, NULL);
			else
				ui_cell(&h, "", false);
			ui_cell(&h, status_label[t.rows[i].status], false);
			ui_row_end(&h);
		}
		ui_table_end(&h);
		holidays_form(&h, id, qhol, herr.message);
	} else {
		html_elem(&h, HE_P, NULL,
		    "There is no week plan until the inspection has a notification date.");
	}
	moves_table(r, &h, &s);
	if (manage && s.current + 1 < s.plan.n) {
		char action[80];
		size_t n = 0;

		html_elem(&h, HE_H2, NULL, "Move to another stage");
		opts = xcalloc(s.plan.n, sizeof(*opts));
		for (size_t i = s.current + 1; i < s.plan.n; i++)
			opts[n++] =
			    (struct ui_option){ s.plan.stages[i].code, s.plan.stages[i].title };
		snprintf(action, sizeof(action), "/inspections/%ld/stage", id);
		ui_form_begin(&h, action, r->sess.csrf, false);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "stage";
		f.label = "Stage";
		f.hint = "A stage marked required on the plan cannot be skipped; some stages "
		         "need every indicator graded or the panel's sign-off first.";
		f.value = nerr > 0 ? web_form(r, "stage") : s.plan.stages[s.current + 1].code;
		f.error = ui_error_for(errors, nerr, "stage");
		ui_select(&h, &f, opts, n);
		today(on);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "date";
		f.label = "Date of the move";
		f.hint = "YYYY-MM-DD, on or after the day the current stage began.";
		f.width = "fixed-10";
		f.value = nerr > 0 ? web_form(r, "date") : on;
		f.error = ui_error_for(errors, nerr, "date");
		ui_input(&h, &f);
		ui_button(&h, "Move the inspection", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
		free(opts);
	}
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	timeline_free(&t);
	stage_state_free(&s);
}

void
page_stage(struct web_req *r, struct web_resp *w)
{
	stage_page(r, w, NULL, 0);
}

void
page_stage_move(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct ui_error e;
	char msg[CAIRN_ERR_MSG], loc[80];

	if (app_stage_move(r->st, &r->actor, r->insp, web_field(r, "stage"), web_field(r, "date"),
	        &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_EPERM) {
			web_internal(r, w, "stage move", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		e = (struct ui_error){ web_err_input(&err, "stage"), msg };
		stage_page(r, w, &e, 1);
		w->status = err.rc == CAIRN_EPERM ? 403 : 409;
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/stage?done=moved", r->insp);
	web_redirect(w, loc);
}
