/*
 * The Quality and Consistency Panel's page: per quality indicator the
 * team's grade and rationale, the evidence balance, the benchmark against
 * the same indicator elsewhere and the panel's view (agree, or query with
 * another grade), each with a note; and the panel's sign-off.  The rules
 * are app/publication/panel.h's, exactly as `cairn panel review|signoff` uses them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/evaluation/dossier.h"
#include "app/publication/panel.h"
#include "app/access/role.h"
#include "core/text.h"
#include "core/database.h"
#include "core/model.h"
#include "core/work.h"
#include "web/http.h"
#include "web/pages.h"

/* Returns the label of grade value v on scale s ("Not graded" for 0). */
static const char *
grade_label(const struct scale *s, int v)
{
	const struct scale_level *l = v ? scale_level_of(s, v) : NULL;

	return l != NULL ? l->label : "Not graded";
}

/* Writes "N Label" for grade v into out. */
static void
grade_text(const struct scale *s, int v, char *out, size_t outsz)
{
	if (v == 0)
		snprintf(out, outsz, "Not graded");
	else
		snprintf(out, outsz, "%d %s", v, grade_label(s, v));
}

/* Returns the benchmark item of indicator code, or NULL. */
static const struct benchmark_item *
bench_of(const struct benchmark *b, const char *code)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->items[i].qi->code, code) == 0)
			return &b->items[i];
	return NULL;
}

/* Writes the panel's view of one indicator as one sentence that never
 * contradicts itself: agreeing or querying is judged against the team's
 * grade when the panel reviewed, and a later regrade is said. */
static void
panel_view_text(const struct evaluation_view *v, const struct qi_evaluation *it, char *out,
    size_t outsz)
{
	const struct scale *s = &v->d.fw.scale;
	int then = 0;
	enum panel_state st;

	st = panel_state_of(it->qi->code, it->team_grade, it->panel, v->events, v->nevents, &then);
	switch (st) {
	case PANEL_AGREES:
		snprintf(out, outsz, "Agrees with the team's grade (%s): %s", it->panel->reviewer,
		    it->panel->reason);
		break;
	case PANEL_QUERIED:
		snprintf(out, outsz, "Queried: the panel grades it %d %s (%s): %s",
		    it->panel->grade, grade_label(s, it->panel->grade), it->panel->reviewer,
		    it->panel->reason);
		break;
	case PANEL_OUTDATED:
		snprintf(out, outsz,
		    "Not reviewed since the team regraded it: the panel gave %d %s when "
		    "the team's grade was %d %s (%s): %s",
		    it->panel->grade, grade_label(s, it->panel->grade), then, grade_label(s, then),
		    it->panel->reviewer, it->panel->reason);
		break;
	case PANEL_NOT_REVIEWED:
	case PANEL_STATE__MAX:
	default: snprintf(out, outsz, "Not reviewed"); break;
	}
}

/* A form's problem, kept for re-showing the page: which indicator's form
 * (NULL for the sign-off form) and the errors. */
struct panel_form_state {
	const char *qi;                /* the indicator whose form was posted, or NULL */
	const struct ui_error *errors; /* borrowed */
	size_t nerr;
};

/* Writes the panel's form for one indicator (the panel role only). */
static void
review_form(struct web_req *r, struct html *h, long id, const struct qi_evaluation *it,
    const struct scale *s, const struct panel_form_state *fs)
{
	static const struct ui_option views[] = {
		{ "agree", "Agree with the team's grade" },
		{ "query", "Query it: the panel grades it differently" },
	};
	struct ui_option levels[16];
	bool mine = fs != NULL && fs->qi != NULL && strcmp(fs->qi, it->qi->code) == 0;
	const struct ui_error *e = mine ? fs->errors : NULL;
	size_t ne = mine ? fs->nerr : 0, nl = 0;
	char action[160], fid[3][48], lab[16][64], gv[16][8], legend[128], start[8];
	struct ui_field f;

	snprintf(action, sizeof(action), "/inspections/%ld/panel/%s", id, it->qi->code);
	snprintf(fid[0], sizeof(fid[0]), "view-%s", it->qi->code);
	snprintf(fid[1], sizeof(fid[1]), "grade-%s", it->qi->code);
	snprintf(fid[2], sizeof(fid[2]), "note-%s", it->qi->code);
	for (size_t l = 0; l < s->nlevels && nl < 16; l++, nl++) {
		snprintf(gv[nl], sizeof(gv[nl]), "%d", s->levels[l].value);
		snprintf(lab[nl], sizeof(lab[nl]), "%d %s", s->levels[l].value, s->levels[l].label);
		levels[nl] = (struct ui_option){ gv[nl], lab[nl] };
	}
	snprintf(start, sizeof(start), "%d",
	    it->panel != NULL && it->panel->grade != it->team_grade ? it->panel->grade
	                                                            : it->team_grade);
	ui_form_begin(h, action, r->sess.csrf, false);
	snprintf(legend, sizeof(legend), "The panel's view of %s", it->qi->code);
	f = (struct ui_field){ .id = fid[0],
		.name = "view",
		.label = legend,
		.value = mine ? web_form(r, "view") : NULL,
		.error = ui_error_for(e, ne, fid[0]) };
	ui_radios(h, &f, views, 2);
	f = (struct ui_field){ .id = fid[1],
		.name = "grade",
		.label = "The panel's grade",
		.hint = "Only when the panel queries the grade: it starts from the "
		        "team's grade, so choose the grade the panel gives",
		.value = mine && web_form(r, "grade") != NULL ? web_form(r, "grade") : start,
		.error = ui_error_for(e, ne, fid[1]) };
	ui_select(h, &f, levels, nl);
	f = (struct ui_field){ .id = fid[2],
		.name = "note",
		.label = "Note",
		.hint = "Why the panel agrees or queries the grade (needed to query)",
		.value = mine ? web_form(r, "note") : NULL,
		.error = ui_error_for(e, ne, fid[2]) };
	ui_textarea(h, &f, 3);
	ui_button(h, "Record the panel's view", UI_BUTTON_SECONDARY);
	ui_form_end(h);
}

/* Writes the panel page; fs (may be NULL) carries a posted form's errors. */
/* Writes the panel's decision on a progress review and, for the panel,
 * the form to record it (fs: the form's errors, when it was posted). */
static void
progress_section(struct web_req *r, struct html *h, long id, enum role role,
    const struct panel_form_state *fs)
{
	static const struct ui_option yesno[] = { { "yes", "Yes, a progress review is needed" },
		{ "no", "No progress review is needed" } };
	struct progress_need p;
	struct cairn_err err = { 0 };
	const struct ui_error *errors = fs != NULL ? fs->errors : NULL;
	size_t nerr = fs != NULL ? fs->nerr : 0;
	bool posted = fs != NULL && fs->qi != NULL && strcmp(fs->qi, "progress") == 0;
	struct ui_field f;
	char action[96];

	html_open(h, HE_H2, HA_ID, "progress-review", HA__MAX);
	html_text(h, "Progress review");
	html_close(h);
	if (app_progress_need_get(r->st, &r->actor, id, &p, &err) != CAIRN_OK || !p.recorded) {
		html_elem(h, HE_P, NULL,
		    "The panel has not yet recorded whether a progress review is needed.");
	} else {
		html_open(h, HE_P, HA_ID, "progress-decision", HA__MAX);
		if (p.needed) {
			html_text(h, "A progress review is needed, by ");
			ui_date(h, p.due);
			html_textf(h, ", on: %s", p.focus != NULL ? p.focus : "");
		} else {
			html_text(h, "No progress review is needed.");
		}
		const char *by[1] = { p.actor };
		struct account *people = NULL;
		size_t npeople = 0;
		char who[300];

		web_people_named(r, id, ACTION_VIEW_EVALUATION, by, 1, &people, &npeople);
		html_textf(h, " (recorded by %s on ",
		    web_person_named(people, npeople, p.actor, who, sizeof(who)));
		accounts_free(people, npeople);
		ui_date(h, p.at);
		html_text(h, ")");
		html_close(h);
	}
	progress_need_free(&p);
	if (!role_may(role, ACTION_PROGRESS_REVIEW_NEED))
		return;
	snprintf(action, sizeof(action), "/inspections/%ld/progress-review", id);
	ui_form_begin(h, action, r->sess.csrf, false);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "needed";
	f.label = "Is a progress review needed?";
	f.value = posted ? web_form(r, "needed") : NULL;
	f.error = posted ? ui_error_for(errors, nerr, "needed") : NULL;
	ui_radios(h, &f, yesno, 2);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "due";
	f.label = "By when";
	f.hint = "Only when a progress review is needed";
	f.type = "date";
	f.value = posted ? web_form(r, "due") : NULL;
	f.error = posted ? ui_error_for(errors, nerr, "due") : NULL;
	ui_input(h, &f);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "focus";
	f.label = "What it will look at";
	f.value = posted ? web_form(r, "focus") : NULL;
	f.error = posted ? ui_error_for(errors, nerr, "focus") : NULL;
	ui_textarea(h, &f, 3);
	ui_button(h, "Record the decision", UI_BUTTON_PRIMARY);
	ui_form_end(h);
}

static void
panel_page(struct web_req *r, struct web_resp *w, long id, enum role role,
    const struct panel_form_state *fs)
{
	static const char *const cols[] = { "Indicator", "Team's grade", "Rationale",
		"Evidence balance", "Elsewhere (lower / same / higher)", "Panel's view" };
	struct evaluation_view v;
	struct benchmark b;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	struct account *people = NULL;
	size_t npeople = 0;
	char who[300];
	char action[96];
	bool bench = false, may_review = role_may(role, ACTION_PANEL_REVIEW);

	if (app_evaluation_load_parts(r->st, id, NULL, EVAL_PART_BALANCE, &v, &err) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	bench = app_benchmark(r->st, id, &b, &err) == CAIRN_OK;
	web_frame_init(&fr, id, v.d.in.partnership, "Panel review", true);
	fr.p.label = v.d.in.title;
	web_frame_start(r, w, &h, &fr);
	if (fs != NULL && fs->nerr > 0) {
		w->status = fs->qi == NULL ? 409 : 400;
		ui_error_summary(&h, fs->errors, fs->nerr);
	} else if (web_query(r, "reviewed") != NULL) {
		ui_notification(&h, "The panel's view was recorded.");
	} else if (web_query(r, "signed") != NULL) {
		ui_notification(&h, "The evaluations are signed off.");
	} else if (web_query(r, "progress") != NULL) {
		ui_notification(&h, "The panel's decision on a progress review was recorded.");
	}

	html_open(&h, HE_H2, HA_ID, "signoff", HA__MAX);
	html_text(&h, "Sign-off");
	html_close(&h);
	if (v.nsignoffs > 0) {
		/* Who signed off and who voided it, "Name (username)" (one read;
		 * a disabled account keeps its name), as `cairn evaluation show`. */
		const struct panel_signoff *so = &v.signoffs[v.nsignoffs - 1];
		const char *by[2] = { so->signed_by, so->voided_by };

		web_people_named(r, id, ACTION_VIEW_EVALUATION, by, 2, &people, &npeople);
	}
	if (v.signed_off && v.nsignoffs > 0) {
		const struct panel_signoff *so = &v.signoffs[v.nsignoffs - 1];

		html_open(&h, HE_P, HA__MAX);
		ui_tag(&h, "Signed off", "green");
		html_textf(&h, " by %s on ",
		    web_person_named(people, npeople, so->signed_by, who, sizeof(who)));
		ui_date(&h, so->signed_at);
		html_text(&h, ".");
		html_close(&h);
	} else {
		html_open(&h, HE_P, HA__MAX);
		ui_tag(&h, "Not signed off", "grey");
		if (v.nsignoffs > 0 && v.signoffs[v.nsignoffs - 1].void_reason != NULL) {
			const struct panel_signoff *so = &v.signoffs[v.nsignoffs - 1];

			html_text(&h, " The last sign-off was voided on ");
			ui_date(&h, so->voided_at);
			if (so->voided_by != NULL)
				html_textf(&h, " by %s",
				    web_person_named(people, npeople, so->voided_by, who,
				        sizeof(who)));
			html_textf(&h, ": %s.", so->void_reason);
		}
		html_close(&h);
	}
	accounts_free(people, npeople);

	ui_table_begin(&h, "Evaluations and the panel's view", cols, 6);
	for (size_t i = 0; i < v.n; i++) {
		const struct qi_evaluation *it = &v.items[i];
		const struct benchmark_item *bi = bench ? bench_of(&b, it->qi->code) : NULL;
		char name[160], g[64], bal[160], el[128], pv[600], p1[48], p2[48], p3[48], p4[48];

		snprintf(name, sizeof(name), "%s %s", it->qi->code, it->qi->title);
		grade_text(&v.d.fw.scale, it->team_grade, g, sizeof(g));
		snprintf(bal, sizeof(bal), "%s, %s, %s, %s",
		    ui_plural(p1, sizeof(p1), it->total.strength, "strength", "strengths"),
		    ui_plural(p2, sizeof(p2), it->total.improvement, "area for improvement",
		        "areas for improvement"),
		    ui_plural(p3, sizeof(p3), it->total.concern, "concern", "concerns"),
		    ui_plural(p4, sizeof(p4), it->total.uncertainty, "open uncertainty",
		        "open uncertainties"));
		if (bi == NULL || bi->held + bi->published == 0)
			snprintf(el, sizeof(el), "No grades elsewhere");
		else if (it->team_grade == 0)
			snprintf(el, sizeof(el), "%s elsewhere",
			    ui_plural(p1, sizeof(p1), bi->held + bi->published, "grade", "grades"));
		else
			snprintf(el, sizeof(el), "%s elsewhere: %d lower, %d same, %d higher",
			    ui_plural(p1, sizeof(p1), bi->held + bi->published, "grade", "grades"),
			    bi->below, bi->same, bi->above);
		panel_view_text(&v, it, pv, sizeof(pv));
		ui_row_begin(&h);
		ui_cell(&h, name, true);
		ui_cell(&h, g, false);
		ui_cell(&h, it->rationale, false);
		ui_cell(&h, bal, false);
		ui_cell(&h, el, false);
		ui_cell(&h, pv, false);
		ui_row_end(&h);
	}
	ui_table_end(&h);

	if (may_review) {
		html_elem(&h, HE_H2, NULL, "Record the panel's view");
		for (size_t i = 0; i < v.n; i++) {
			char head[160];

			if (v.items[i].team_grade == 0)
				continue;
			snprintf(head, sizeof(head), "%s %s", v.items[i].qi->code,
			    v.items[i].qi->title);
			html_elem(&h, HE_H3, NULL, head);
			review_form(r, &h, id, &v.items[i], &v.d.fw.scale, fs);
		}
	}
	progress_section(r, &h, id, role, fs);
	if (role_may(role, ACTION_PANEL_SIGNOFF) && !v.signed_off) {
		html_elem(&h, HE_H2, NULL, "Sign off the evaluations");
		html_elem(&h, HE_P, NULL,
		    "Signing off freezes the evaluations until a later change to "
		    "a grade, a rationale or linked evidence voids it.");
		snprintf(action, sizeof(action), "/inspections/%ld/signoff", id);
		ui_form_begin(&h, action, r->sess.csrf, false);
		ui_hidden(&h, "confirm", "signoff");
		ui_button(&h, "Sign off the evaluations", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	ui_page_end(&h);
	if (bench)
		benchmark_free(&b);
	evaluation_view_free(&v);
}

void
page_panel(struct web_req *r, struct web_resp *w)
{
	enum role role;
	long id;

	id = r->insp;
	role = r->role;
	panel_page(r, w, id, role, NULL);
}

/* Returns the team's grade of qi on inspection id (0 if none). */
static int
team_grade(struct web_req *r, long id, const char *qi)
{
	struct evaluation_view v;
	int g = 0;

	if (app_evaluation_load_parts(r->st, id, qi, 0, &v, NULL) != CAIRN_OK)
		return 0;
	if (v.n == 1)
		g = v.items[0].team_grade;
	evaluation_view_free(&v);
	return g;
}

void
page_panel_review(struct web_req *r, struct web_resp *w)
{
	const char *qi;
	struct panel_form_state fs = { 0 };
	struct ui_error errors[3];
	struct cairn_err errs[3] = { 0 };
	size_t nerr;
	char fid[3][48], loc[96];
	enum role role;
	long id;
	int value = 0;

	id = r->insp;
	role = r->role;
	qi = r->args[1];
	if (team_grade(r, id, qi) == 0) {
		web_error_page(r, w, 404, "Page not found",
		    "That indicator is not graded on this "
		    "inspection, so the panel has nothing to review.");
		return;
	}
	snprintf(fid[0], sizeof(fid[0]), "view-%s", qi);
	snprintf(fid[1], sizeof(fid[1]), "grade-%s", qi);
	snprintf(fid[2], sizeof(fid[2]), "note-%s", qi);
	/* What agreeing and querying mean (the team's grade, the default note,
	 * a query's own grade and note) is app/'s rule, as for the API and CLI;
	 * the form's problems are all shown at once. */
	nerr = app_panel_view_check(web_form(r, "view"), web_form(r, "grade"), web_form(r, "note"),
	    errs, sizeof(errs) / sizeof(errs[0]));
	if (nerr == 0 &&
	    app_panel_view(r->st, &r->actor, id, qi, web_form(r, "view"), web_form(r, "grade"),
	        web_form(r, "note"), &value, &errs[0]) != CAIRN_OK) {
		if (errs[0].rc != CAIRN_EDATA && errs[0].rc != CAIRN_EUSAGE) {
			fprintf(stderr, "cairn serve: panel review: %s\n", errs[0].msg);
			web_error_page(r, w, 500, "The panel's view was not recorded",
			    "Nothing was "
			    "changed. Try again.");
			return;
		}
		nerr = 1;
	}
	if (nerr > 0) {
		for (size_t i = 0; i < nerr; i++)
			errors[i] = (struct ui_error){ strcmp(errs[i].field, "view") == 0 ? fid[0]
				    : strcmp(errs[i].field, "grade") == 0                 ? fid[1]
				                                                          : fid[2],
				errs[i].msg };
		fs = (struct panel_form_state){ qi, errors, nerr };
		panel_page(r, w, id, role, &fs);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/panel?reviewed=1", id);
	web_redirect(w, loc);
}

void
page_panel_signoff(struct web_req *r, struct web_resp *w)
{
	struct panel_form_state fs = { 0 };
	struct ui_error e;
	struct cairn_err err = { 0 };
	char loc[96];
	enum role role;
	long id;

	id = r->insp;
	role = r->role;
	if (web_form(r, "confirm") == NULL || strcmp(web_form(r, "confirm"), "signoff") != 0) {
		web_error_page(r, w, 400, "The form was incomplete",
		    "Nothing was signed off. Go back, "
		    "reload the page and use the sign-off button.");
		return;
	}
	if (app_panel_signoff(r->st, &r->actor, id, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			fprintf(stderr, "cairn serve: panel sign-off: %s\n", err.msg);
			web_error_page(r, w, 500, "The evaluations were not signed off",
			    "Nothing was "
			    "changed. Try again.");
			return;
		}
		e = (struct ui_error){ "signoff", err.msg };
		fs = (struct panel_form_state){ NULL, &e, 1 };
		panel_page(r, w, id, role, &fs);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/panel?signed=1", id);
	web_redirect(w, loc);
}

/* The links page_panel_links offers, in order: each is shown when the
 * role may do any of its actions. */
static const struct {
	const char *path;   /* after /inspections/ID */
	const char *label;  /* the link's text */
	enum action any[3]; /* the actions, any of which shows it */
	size_t nany;        /* entries used in any */
	bool draft;         /* shown only when app/ lets the person see the draft now */
} panel_links[] = {
	{ "panel", "Panel review and sign-off", { ACTION_VIEW_EVALUATION }, 1, false },
	{ "publish", "Preview and publish", { ACTION_VIEW_DRAFT_REPORT, ACTION_FACTUAL_ACCURACY },
	    2, true },
	{ "plan", "Joint action plan",
	    { ACTION_VIEW_EVALUATION, ACTION_COMMENT_ACTION_PLAN, ACTION_MAINTAIN_ACTION_PLAN }, 3,
	    false },
	{ "surveys", "Surveys", { ACTION_VIEW_AGGREGATES }, 1, false },
	{ "outcomes", "Outcomes for the partnership's area", { ACTION_VIEW_AGGREGATES }, 1, false },
	{ "followup", "Follow-up: progress reviews and history", { ACTION_VIEW_EVALUATION }, 1,
	    false },
};

void
page_panel_links(struct html *h, long id, enum role role, bool draft)
{
	char buf[96];
	bool open = false;

	for (size_t i = 0; i < sizeof(panel_links) / sizeof(panel_links[0]); i++) {
		bool may = false;

		for (size_t k = 0; k < panel_links[i].nany && !may; k++)
			may = role_may(role, panel_links[i].any[k]);
		if (!may || (panel_links[i].draft && !draft))
			continue;
		if (!open) {
			html_open(h, HE_UL, HA_CLASS, "ds_no-bullets", HA__MAX);
			open = true;
		}
		snprintf(buf, sizeof(buf), "/inspections/%ld/%s", id, panel_links[i].path);
		html_open(h, HE_LI, HA__MAX);
		ui_link(h, buf, panel_links[i].label);
		html_close(h);
	}
	if (open)
		html_close(h);
}

void
page_progress_need(struct web_req *r, struct web_resp *w)
{
	struct panel_form_state fs;
	struct ui_error e;
	struct cairn_err err = { 0 };
	char loc[96], msg[CAIRN_ERR_MSG];

	if (app_progress_need_set(r->st, &r->actor, r->insp, web_field(r, "needed"),
	        web_field(r, "due"), web_field(r, "focus"), &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "progress review", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		e = (struct ui_error){ web_err_input(&err, "needed"), msg };
		fs = (struct panel_form_state){ "progress", &e, 1 };
		panel_page(r, w, r->insp, r->role, &fs);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/panel?progress=1#progress-review", r->insp);
	web_redirect(w, loc);
}
