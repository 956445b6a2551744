/*
 * Follow-up in the browser: the joint action plan (app/followup/plan.h: the
 * partnership's co-ordinator and the leads add actions and change their
 * status, inspectors comment, the leads mark the plan agreed), and the
 * progress reviews with the inspection's history, original grades beside
 * each review's re-evaluations (app/followup/review.h).  The same rules as `cairn
 * action ...` and `cairn review ...`; every change is one transaction
 * with its audit entry, made by app/.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/followup/plan.h"
#include "app/followup/review.h"
#include "app/access/role.h"
#include "app/followup/lookup.h"
#include "app/setup/lookup.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/text.h"
#include "render/doc.h"
#include "render/docfmt.h"
#include "core/database.h"
#include "core/model.h"
#include "core/plan.h"
#include "web/http.h"
#include "web/pages.h"

/* Labels of the action statuses, by enum plan_status. */
static const char *const status_label[] = {
	[PLAN_PLANNED] = "Planned",
	[PLAN_IN_PROGRESS] = "In progress",
	[PLAN_DONE] = "Done",
	[PLAN_DROPPED] = "Dropped",
};
_Static_assert(sizeof(status_label) / sizeof(status_label[0]) == PLAN_STATUS__MAX,
    "status_label: one entry per value");

/* What a refused form left: which form (0 the add form, else the action's
 * number within the plan; -1 the agree button) and its errors. */
struct plan_form_state {
	long form;
	const struct ui_error *errors; /* borrowed */
	size_t nerr;
};

/* Writes the form to change (or only comment on) action a. */
static void
action_form(struct web_req *r, struct html *h, long id, const struct plan_action *a, bool maintain,
    const struct plan_form_state *fs)
{
	struct ui_option st[PLAN_STATUS__MAX + 1];
	bool mine = fs != NULL && fs->form == a->number;
	const struct ui_error *e = mine ? fs->errors : NULL;
	size_t ne = mine ? fs->nerr : 0;
	char action[96], fid[4][32];
	struct ui_field f;

	snprintf(action, sizeof(action), "/inspections/%ld/plan/%ld", id, a->number);
	snprintf(fid[0], sizeof(fid[0]), "status-%ld", a->number);
	snprintf(fid[1], sizeof(fid[1]), "note-%ld", a->number);
	snprintf(fid[2], sizeof(fid[2]), "evidence-%ld", a->number);
	snprintf(fid[3], sizeof(fid[3]), "due-%ld", a->number);
	ui_form_begin(h, action, r->sess.csrf, false);
	if (maintain) {
		st[0] = (struct ui_option){ "", "No change" };
		for (int i = 0; i < PLAN_STATUS__MAX; i++) {
			assert(status_label[i] != NULL);
			st[i + 1] = (struct ui_option){ plan_status_code[i], status_label[i] };
		}
		f = (struct ui_field){ .id = fid[0],
			.name = "status",
			.label = "New status",
			.value = mine ? web_form(r, "status") : "",
			.error = ui_error_for(e, ne, fid[0]) };
		ui_select(h, &f, st, PLAN_STATUS__MAX + 1);
		f = (struct ui_field){ .id = fid[2],
			.name = "evidence",
			.label = "Evidence",
			.hint = "What shows it is done (needed to mark it done)",
			.value = mine ? web_form(r, "evidence") : NULL,
			.error = ui_error_for(e, ne, fid[2]) };
		ui_input(h, &f);
		f = (struct ui_field){ .id = fid[3],
			.name = "due",
			.label = "New due date",
			.hint = "YYYY-MM-DD, only to change it",
			.value = mine ? web_form(r, "due") : NULL,
			.error = ui_error_for(e, ne, fid[3]),
			.width = "fixed-10" };
		ui_input(h, &f);
	}
	f = (struct ui_field){ .id = fid[1],
		.name = "note",
		.label = maintain ? "Note" : "Comment",
		.hint = maintain ? "A comment; the reason when dropping or reopening" : NULL,
		.value = mine ? web_form(r, "note") : NULL,
		.error = ui_error_for(e, ne, fid[1]) };
	ui_textarea(h, &f, 2);
	ui_button(h, maintain ? "Save the change" : "Add the comment", UI_BUTTON_SMALL);
	ui_form_end(h);
}

/* Writes the action plan page; fs (may be NULL) is a refused form. */
static void
plan_page(struct web_req *r, struct web_resp *w, long id, enum role role,
    const struct plan_form_state *fs)
{
	static const char *const cols[] = { "No.", "Action", "Owner", "Lead agency", "Due",
		"Status" };
	bool maintain = role_may(role, ACTION_MAINTAIN_ACTION_PLAN);
	bool comment = role_may(role, ACTION_COMMENT_ACTION_PLAN);
	struct plan pl;
	struct inspection in;
	struct cdate today;
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	struct cairn_err err = { 0 };
	struct account *people = NULL;
	const char **by;
	size_t npeople = 0;
	char action[96], who[300];

	if (app_inspection_get(r->st, &r->actor, id, &in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	/* Who may see the plan is app/'s rule, as for the API. */
	if (app_plan_view(r->st, &r->actor, id, &pl, &err) != CAIRN_OK) {
		inspection_free(&in);
		if (err.rc == CAIRN_EPERM && err.code == CAIRN_CODE_FORBIDDEN)
			web_error_page(r, w, 403, "You cannot do this",
			    "Your role on this inspection does not include the action plan.");
		else
			web_error_page(r, w, 404, "Page not found",
			    "There is no page at this address.");
		return;
	}
	/* Who agreed the plan and who made each change, named "Name (username)"
	 * (one read for them all). */
	by = xcalloc(pl.nevents + 1, sizeof(*by));
	by[0] = pl.agreed ? pl.agreed_by : NULL;
	for (size_t e = 0; e < pl.nevents; e++)
		by[e + 1] = pl.events[e].actor;
	web_people_named(r, id, ACTION_VIEW_INSPECTION, by, pl.nevents + 1, &people, &npeople);
	free(by);
	date_today(&today);
	web_frame_init(&fr, id, in.partnership, "Joint action plan", true);
	fr.p.label = in.title;
	web_frame_start(r, w, &h, &fr);
	if (fs != NULL && fs->nerr > 0) {
		w->status = fs->form == -1 ? 409 : 400;
		ui_error_summary(&h, fs->errors, fs->nerr);
	} else if (web_query(r, "saved") != NULL) {
		ui_notification(&h, "The action plan was updated.");
	}
	html_open(&h, HE_P, HA_ID, "agreed", HA__MAX);
	if (pl.agreed) {
		ui_tag(&h, "Agreed", "green");
		html_textf(&h, " by %s on ",
		    pl.agreed_by != NULL
		        ? web_person_named(people, npeople, pl.agreed_by, who, sizeof(who))
		        : "");
		ui_date(&h, pl.agreed_at);
		html_text(&h, ".");
	} else {
		ui_tag(&h, "Not agreed yet", "grey");
	}
	html_close(&h);
	if (pl.nimprovements == 0)
		html_elem(&h, HE_P, NULL,
		    "The inspection has no areas for improvement, so there is "
		    "nothing to plan.");
	for (size_t k = 0; k < pl.nimprovements; k++) {
		const struct finding *fd = &pl.improvements[k];
		char head[64];
		size_t shown = 0;

		snprintf(head, sizeof(head), "Area for improvement %zu", k + 1);
		html_elem(&h, HE_H2, NULL, head);
		html_elem(&h, HE_P, NULL, fd->text);
		for (size_t i = 0; i < pl.nactions; i++) {
			const struct plan_action *a = &pl.actions[i];
			char num[24];

			if (a->finding != fd->id)
				continue;
			if (shown++ == 0)
				ui_table_begin(&h, "Actions", cols, 6);
			snprintf(num, sizeof(num), "%ld", a->number);
			ui_row_begin(&h);
			ui_cell(&h, num, true);
			ui_cell(&h, a->text, false);
			ui_cell(&h, a->owner, false);
			ui_cell(&h, a->agency, false);
			ui_cell_date(&h, a->due, NULL);
			html_open(&h, HE_TD, HA__MAX);
			assert((unsigned)a->status < PLAN_STATUS__MAX &&
			    status_label[a->status] != NULL);
			html_text(&h, status_label[a->status]);
			if (plan_action_overdue(a, &today)) {
				html_text(&h, " ");
				ui_tag(&h, "Overdue", "red");
			}
			html_close(&h);
			ui_row_end(&h);
		}
		if (shown > 0)
			ui_table_end(&h);
		else
			html_elem(&h, HE_P, NULL, "No action yet.");
		for (size_t i = 0; i < pl.nactions; i++) {
			const struct plan_action *a = &pl.actions[i];
			char sum[64];
			size_t nev = 0;

			if (a->finding != fd->id)
				continue;
			for (size_t e = 0; e < pl.nevents; e++)
				nev += pl.events[e].action == a->id;
			if (nev == 0 && !maintain && !comment)
				continue;
			snprintf(sum, sizeof(sum), "Action %ld: history (%zu)%s", a->number, nev,
			    maintain      ? " and changes"
			        : comment ? " and comments"
			                  : "");
			html_open(&h, HE_DETAILS, HA_CLASS, "ds_details", HA__MAX);
			html_elem(&h, HE_SUMMARY, "ds_details__summary", sum);
			html_open(&h, HE_DIV, HA_CLASS, "ds_details__text", HA__MAX);
			if (nev > 0) {
				html_open(&h, HE_UL, HA__MAX);
				for (size_t e = 0; e < pl.nevents; e++) {
					const struct plan_event *ev = &pl.events[e];

					if (ev->action != a->id)
						continue;
					html_open(&h, HE_LI, HA__MAX);
					ui_date(&h, ev->at);
					html_textf(&h, ", %s: %s",
					    web_person_named(people, npeople, ev->actor, who,
					        sizeof(who)),
					    ev->change);
					if (ev->note != NULL)
						html_textf(&h, ". Note: %s", ev->note);
					if (ev->evidence != NULL)
						html_textf(&h, ". Evidence: %s", ev->evidence);
					html_close(&h);
				}
				html_close(&h);
			}
			if (maintain || comment)
				action_form(r, &h, id, a, maintain, fs);
			html_close(&h);
			html_close(&h);
		}
	}
	if (maintain && pl.nimprovements > 0) {
		struct ui_option areas[64];
		char ids[64][24];
		size_t na = 0;
		const struct ui_error *e = fs != NULL && fs->form == 0 ? fs->errors : NULL;
		size_t ne = e != NULL ? fs->nerr : 0;
		bool again = e != NULL;

		for (size_t k = 0; k < pl.nimprovements && na < 64; k++, na++) {
			snprintf(ids[na], sizeof(ids[na]), "%zu", k + 1);
			areas[na] = (struct ui_option){ ids[na], pl.improvements[k].text };
		}
		html_elem(&h, HE_H2, NULL, "Add an action");
		snprintf(action, sizeof(action), "/inspections/%ld/plan", id);
		ui_form_begin(&h, action, r->sess.csrf, false);
		f = (struct ui_field){ .id = "improvement",
			.name = "improvement",
			.label = "Area for improvement",
			.value = again ? web_form(r, "improvement") : NULL,
			.error = ui_error_for(e, ne, "improvement") };
		ui_select(&h, &f, areas, na);
		f = (struct ui_field){ .id = "text",
			.name = "text",
			.label = "What will be done",
			.value = again ? web_form(r, "text") : NULL,
			.error = ui_error_for(e, ne, "text") };
		ui_textarea(&h, &f, 3);
		f = (struct ui_field){ .id = "owner",
			.name = "owner",
			.label = "Who is responsible",
			.value = again ? web_form(r, "owner") : NULL,
			.error = ui_error_for(e, ne, "owner"),
			.width = "fixed-20" };
		ui_input(&h, &f);
		f = (struct ui_field){ .id = "agency",
			.name = "agency",
			.label = "Lead agency (optional)",
			.value = again ? web_form(r, "agency") : NULL,
			.width = "fixed-20",
			.error = ui_error_for(e, ne, "agency") };
		ui_input(&h, &f);
		f = (struct ui_field){ .id = "due",
			.name = "due",
			.label = "Due date",
			.hint = "YYYY-MM-DD",
			.value = again ? web_form(r, "due") : NULL,
			.error = ui_error_for(e, ne, "due"),
			.width = "fixed-10" };
		ui_input(&h, &f);
		ui_button(&h, "Add the action", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	if (role_may(role, ACTION_AGREE_ACTION_PLAN) && !pl.agreed && pl.nimprovements > 0) {
		html_elem(&h, HE_H2, NULL, "Agree the plan");
		html_elem(&h, HE_P, NULL,
		    "The plan can be agreed when every area for improvement has "
		    "at least one action that is not dropped.");
		snprintf(action, sizeof(action), "/inspections/%ld/plan-agree", id);
		ui_form_begin(&h, action, r->sess.csrf, false);
		ui_hidden(&h, "confirm", "agree");
		ui_button(&h, "Mark the plan agreed", UI_BUTTON_SECONDARY);
		ui_form_end(&h);
	}
	ui_page_end(&h);
	accounts_free(people, npeople);
	plan_free(&pl);
	inspection_free(&in);
}

void
page_plan(struct web_req *r, struct web_resp *w)
{
	plan_page(r, w, r->insp, r->role, NULL);
}

/* Returns the id of the form input an app/followup/plan.h error concerns:
 * fields[i] is the id of the input app/ calls names[i] (NULL when the form
 * has none); the first present input when the error names none of them. */
static const char *
field_of(const struct cairn_err *err, const char *const fields[6])
{
	static const char *const names[6] = { "status", "note", "evidence", "due", "text",
		"improvement" };

	for (int i = 0; i < 6; i++)
		if (fields[i] != NULL && strcmp(err->field, names[i]) == 0)
			return fields[i];
	return fields[0] != NULL ? fields[0] : fields[4];
}

void
page_plan_add(struct web_req *r, struct web_resp *w)
{
	struct action_new req = { 0 };
	struct plan_form_state fs = { 0 };
	struct ui_error errors[6];
	struct cairn_err err = { 0 };
	const char *const fields[6] = { "improvement", NULL, NULL, "due", "text", "improvement" };
	char loc[96];
	size_t nerr = 0;
	enum role role;
	long id, num = 0;

	id = r->insp;
	role = r->role;
	req.improvement = web_form(r, "improvement");
	req.text = web_form(r, "text");
	req.owner = web_form(r, "owner");
	req.due = web_form(r, "due");
	req.agency = web_form(r, "agency");
	if (req.agency != NULL && req.agency[0] == '\0')
		req.agency = NULL;
	if (req.improvement == NULL || req.improvement[0] == '\0')
		errors[nerr++] =
		    (struct ui_error){ "improvement", "Choose the area for improvement" };
	if (req.text == NULL || req.text[strspn(req.text, " \t\r\n")] == '\0')
		errors[nerr++] = (struct ui_error){ "text", "Enter what will be done" };
	if (req.owner == NULL || req.owner[strspn(req.owner, " \t\r\n")] == '\0')
		errors[nerr++] = (struct ui_error){ "owner", "Enter who is responsible" };
	if (req.due == NULL || req.due[0] == '\0')
		errors[nerr++] = (struct ui_error){ "due", "Enter the due date as YYYY-MM-DD" };
	if (nerr == 0 && app_action_add(r->st, &r->actor, id, &req, &num, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			fprintf(stderr, "cairn serve: action add: %s\n", err.msg);
			web_error_page(r, w, 500, "The action was not added",
			    "Nothing was changed. Try "
			    "again.");
			return;
		}
		errors[nerr++] = (struct ui_error){ strcmp(err.field, "owner") == 0 ||
			        strcmp(err.field, "agency") == 0
			    ? err.field
			    : field_of(&err, fields),
			err.msg };
	}
	if (nerr > 0) {
		fs = (struct plan_form_state){ 0, errors, nerr };
		plan_page(r, w, id, role, &fs);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/plan?saved=%ld", id, num);
	web_redirect(w, loc);
}

/* Returns true if inspection id's plan has an action number num. */
static bool
action_of(struct web_req *r, long id, long num)
{
	struct plan_action a;

	if (num <= 0 || app_plan_action_get(r->st, &r->actor, id, num, &a, NULL) != CAIRN_OK)
		return false;
	plan_action_free(&a);
	return true;
}

void
page_plan_update(struct web_req *r, struct web_resp *w)
{
	struct action_change req = { 0 };
	struct plan_form_state fs = { 0 };
	struct ui_error errors[2];
	struct cairn_err err = { 0 };
	char loc[96], fid[5][32];
	const char *fields[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
	size_t nerr = 0;
	enum role role;
	long id, num;
	bool comment_only;

	id = r->insp;
	role = r->role;
#define EMPTY_TO_NULL(s) ((s) != NULL && (s)[strspn((s), " \t\r\n")] == '\0' ? NULL : (s))
	req.status = EMPTY_TO_NULL(web_form(r, "status"));
	req.note = EMPTY_TO_NULL(web_form(r, "note"));
	req.evidence = EMPTY_TO_NULL(web_form(r, "evidence"));
	req.due = EMPTY_TO_NULL(web_form(r, "due"));
#undef EMPTY_TO_NULL
	comment_only = req.status == NULL && req.evidence == NULL && req.due == NULL;
	if (!text_parse_long(r->args[1], 1, 2000000000L, &num))
		num = 0;
	snprintf(fid[0], sizeof(fid[0]), "status-%ld", num);
	snprintf(fid[1], sizeof(fid[1]), "note-%ld", num);
	snprintf(fid[2], sizeof(fid[2]), "evidence-%ld", num);
	snprintf(fid[3], sizeof(fid[3]), "due-%ld", num);
	snprintf(fid[4], sizeof(fid[4]), "note-%ld", num);
	for (int i = 0; i < 5; i++)
		fields[i] = fid[i];
	if (!action_of(r, id, num)) {
		web_error_page(r, w, 404, "Page not found", "There is no such action.");
		return;
	}
	if (comment_only && req.note == NULL) {
		errors[nerr++] =
		    (struct ui_error){ role_may(role, ACTION_MAINTAIN_ACTION_PLAN) ? fid[0]
			                                                           : fid[1],
			    role_may(role, ACTION_MAINTAIN_ACTION_PLAN)
			        ? "Choose a new status, "
			          "a new due date, or enter a note"
			        : "Enter a comment" };
	} else if (app_action_update(r->st, &r->actor, id, num, &req, &err) != CAIRN_OK) {
		/* A comment is for more roles than a change: app/ decides which. */
		if (err.rc == CAIRN_EPERM) {
			web_error_page(r, w, 403, "You cannot do this",
			    "Your role on this inspection does not allow this change to the "
			    "action plan.");
			return;
		}
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			fprintf(stderr, "cairn serve: action update: %s\n", err.msg);
			web_error_page(r, w, 500, "The action was not changed",
			    "Nothing was changed. "
			    "Try again.");
			return;
		}
		errors[nerr++] = (struct ui_error){ field_of(&err, fields), err.msg };
	}
	if (nerr > 0) {
		fs = (struct plan_form_state){ num, errors, nerr };
		plan_page(r, w, id, role, &fs);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/plan?saved=%ld", id, num);
	web_redirect(w, loc);
}

void
page_plan_agree(struct web_req *r, struct web_resp *w)
{
	struct plan_form_state fs = { 0 };
	struct ui_error e;
	struct cairn_err err = { 0 };
	char loc[96];
	enum role role;
	long id;

	id = r->insp;
	role = r->role;
	if (web_form(r, "confirm") == NULL || strcmp(web_form(r, "confirm"), "agree") != 0) {
		web_error_page(r, w, 400, "The form was incomplete",
		    "Nothing was changed. Go back, "
		    "reload the page and use the button.");
		return;
	}
	if (app_action_agree(r->st, &r->actor, id, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			fprintf(stderr, "cairn serve: plan agree: %s\n", err.msg);
			web_error_page(r, w, 500, "The plan was not agreed",
			    "Nothing was changed. Try "
			    "again.");
			return;
		}
		e = (struct ui_error){ "agreed", err.msg };
		fs = (struct plan_form_state){ -1, &e, 1 };
		plan_page(r, w, id, role, &fs);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/plan?saved=agreed", id);
	web_redirect(w, loc);
}

void
page_followup(struct web_req *r, struct web_resp *w)
{
	page_followup_show(r, w, NULL);
}

/* Banners after a review form, by its ?saved= value. */
static const struct {
	const char *saved; /* the query value */
	const char *text;  /* the banner */
} review_saved[] = {
	{ "created", "The progress review was started." },
	{ "progress", "The progress was recorded." },
	{ "grade", "The re-evaluation was recorded." },
	{ "decided", "The review was decided and is now closed." },
};

void
page_followup_show(struct web_req *r, struct web_resp *w, const struct review_form_state *fs)
{
	struct followup f;
	struct web_frame fr;
	struct html h;
	const char **cols = NULL;
	char(*heads)[48] = NULL, day[48];
	long id;

	id = r->insp;
	if (app_followup_load(r->st, id, &f, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	web_frame_init(&fr, id, f.d.in.partnership, "Follow-up: progress reviews and history",
	    true);
	fr.p.label = f.d.in.title;
	web_frame_start(r, w, &h, &fr);
	if (fs != NULL && fs->nerr > 0) {
		w->status = 400;
		ui_error_summary(&h, fs->errors, fs->nerr);
	} else if (web_query(r, "saved") != NULL) {
		for (size_t i = 0; i < sizeof(review_saved) / sizeof(review_saved[0]); i++)
			if (strcmp(web_query(r, "saved"), review_saved[i].saved) == 0)
				ui_notification(&h, review_saved[i].text);
	}

	/* The history: each indicator's original grade beside every review's. */
	html_elem(&h, HE_H2, NULL, "History of the grades");
	cols = xcalloc(f.nreviews + 2, sizeof(*cols));
	heads = xcalloc(f.nreviews + 1, sizeof(*heads));
	{
		cols[0] = "Indicator";
		snprintf(heads[0], sizeof(heads[0]), "Published%s%s",
		    f.d.in.published[0] ? " " : "",
		    ui_date_text(f.d.in.published, day, sizeof(day)));
		cols[1] = heads[0];
		for (size_t i = 0; i < f.nreviews; i++) {
			snprintf(heads[i + 1], sizeof(heads[i + 1]), "Review %d (%s)",
			    f.reviews[i].seq, ui_date_text(f.reviews[i].date, day, sizeof(day)));
			cols[i + 2] = heads[i + 1];
		}
		ui_table_begin(&h, "Original grades and re-evaluations", cols, f.nreviews + 2);
		for (size_t q = 0; q < f.d.fw.nqis; q++) {
			const struct qi *qi = &f.d.fw.qis[q];
			const struct evaluation *ev = dossier_grade(&f.d, qi->code);
			bool any = ev != NULL;
			char name[160], g[64];

			for (size_t i = 0; i < f.nreviews && !any; i++)
				any = followup_grade(&f, i, qi->code) != NULL;
			if (!any)
				continue;
			snprintf(name, sizeof(name), "%s %s", qi->code, qi->title);
			ui_row_begin(&h);
			ui_cell(&h, name, true);
			if (ev != NULL) {
				const struct scale_level *l =
				    scale_level_of(&f.d.fw.scale, ev->grade);

				snprintf(g, sizeof(g), "%d %s", ev->grade,
				    l != NULL ? l->label : "");
			} else {
				snprintf(g, sizeof(g), "Not graded");
			}
			ui_cell(&h, g, false);
			for (size_t i = 0; i < f.nreviews; i++) {
				const struct review_grade *rg = followup_grade(&f, i, qi->code);
				const struct scale_level *l =
				    rg != NULL ? scale_level_of(&f.d.fw.scale, rg->grade) : NULL;

				if (rg != NULL)
					snprintf(g, sizeof(g), "%d %s", rg->grade,
					    l != NULL ? l->label : "");
				else
					snprintf(g, sizeof(g), "Not re-evaluated");
				ui_cell(&h, g, false);
			}
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	free(cols);
	free(heads);

	html_elem(&h, HE_H2, NULL, "Progress reviews");
	if (f.nreviews == 0) {
		html_elem(&h, HE_P, NULL, "No progress review yet.");
		page_review_forms(r, &h, id, &f, 0, fs);
	} else {
		const char *want = web_query(r, "review");
		long seq = f.reviews[f.nreviews - 1].seq;
		size_t show = f.nreviews - 1;
		struct doc doc;

		if (fs != NULL && fs->seq > 0)
			seq = fs->seq;
		else if (want != NULL && text_parse_long(want, 1, 100000, &seq))
			for (size_t i = 0; i < f.nreviews; i++)
				if (f.reviews[i].seq == seq)
					show = i;
		html_open(&h, HE_UL, HA__MAX);
		for (size_t i = 0; i < f.nreviews; i++) {
			char href[96], label[96];

			snprintf(href, sizeof(href), "/inspections/%ld/followup?review=%d", id,
			    f.reviews[i].seq);
			snprintf(label, sizeof(label), "Review %d, %s%s", f.reviews[i].seq,
			    ui_date_text(f.reviews[i].date, day, sizeof(day)),
			    i == show ? " (shown below)" : "");
			html_open(&h, HE_LI, HA__MAX);
			ui_link(&h, href, label);
			html_close(&h);
		}
		html_close(&h);
		html_open(&h, HE_DIV, HA_CLASS, "cairn-preview", HA__MAX);
		review_doc_build(&f, show, NULL, &doc);
		docfmt_html_sections(&doc, &h);
		doc_free(&doc);
		html_close(&h);
		page_review_links(&h, id, f.reviews[show].seq);
		page_review_forms(r, &h, id, &f, f.reviews[show].seq, fs);
	}
	ui_page_end(&h);
	followup_free(&f);
}
