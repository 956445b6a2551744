/*
 * Progress reviews in the browser: start the next review, judge the
 * progress on each area for improvement, re-evaluate quality indicators,
 * decide whether a further review is needed, and download the review's
 * report.  Each form is one call into app/followup/review.h, the same call
 * `cairn review create|progress|grade|decide|report` makes; the rules
 * (dates, order, a decided review closed, a decision needing a judgement
 * on every area) are app/'s.  The forms sit on the follow-up page
 * (page_followup.c), which shows them again with the errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/role.h"
#include "app/followup/review.h"
#include "core/database.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* The input ids of the forms, by app/'s field names. */
static const struct {
	enum review_form form; /* which form */
	const char *field;     /* app/'s field */
	const char *id;        /* the input's id */
} field_ids[] = {
	{ REVIEW_FORM_CREATE, "date", "review-date" },
	{ REVIEW_FORM_PROGRESS, "improvement", "improvement" },
	{ REVIEW_FORM_PROGRESS, "judgement", "judgement" },
	{ REVIEW_FORM_PROGRESS, "text", "progress-text" },
	{ REVIEW_FORM_PROGRESS, "evidence", "progress-evidence" },
	{ REVIEW_FORM_GRADE, "qi", "review-qi" },
	{ REVIEW_FORM_GRADE, "grade", "review-grade" },
	{ REVIEW_FORM_GRADE, "rationale", "review-rationale" },
	{ REVIEW_FORM_DECIDE, "further", "further" },
	{ REVIEW_FORM_DECIDE, "text", "decision-text" },
};

/* The input a form's error belongs to: app/'s field's input, else the
 * form's first input. */
static const char *
input_of(enum review_form form, const char *field)
{
	const char *first = NULL;

	for (size_t i = 0; i < sizeof(field_ids) / sizeof(field_ids[0]); i++) {
		if (field_ids[i].form != form)
			continue;
		if (first == NULL)
			first = field_ids[i].id;
		if (field != NULL && strcmp(field, field_ids[i].field) == 0)
			return field_ids[i].id;
	}
	return first;
}

/* Returns the posted value of name, or NULL when it is absent or blank. */
static const char *
posted(struct web_req *r, const char *name)
{
	const char *v = web_form(r, name);

	return v != NULL && v[strspn(v, " \t\r\n")] != '\0' ? v : NULL;
}

/* The form's value of name when it is the form re-shown, else NULL. */
static const char *
again(struct web_req *r, const struct review_form_state *fs, enum review_form form,
    const char *name)
{
	return fs != NULL && fs->form == form ? web_form(r, name) : NULL;
}

/* The error of input id when fs is form's, else NULL. */
static const char *
error_of(const struct review_form_state *fs, enum review_form form, const char *id)
{
	return fs != NULL && fs->form == form ? ui_error_for(fs->errors, fs->nerr, id) : NULL;
}

/* Writes the form to start the next review (its date, today by default). */
static void
create_form(struct web_req *r, struct html *h, long id, const struct review_form_state *fs)
{
	char action[96], today[11];
	struct cdate d;
	struct ui_field f;

	date_today(&d);
	date_iso(&d, today);
	snprintf(action, sizeof(action), "/inspections/%ld/reviews", id);
	html_elem(h, HE_H3, NULL, "Start a progress review");
	ui_form_begin(h, action, r->sess.csrf, false);
	f = (struct ui_field){ .id = "review-date",
		.name = "date",
		.label = "Date of the review",
		.hint = "For example 2026-03-02; after the publication and any earlier review",
		.value = again(r, fs, REVIEW_FORM_CREATE, "date") != NULL
		    ? again(r, fs, REVIEW_FORM_CREATE, "date")
		    : today,
		.error = error_of(fs, REVIEW_FORM_CREATE, "review-date"),
		.type = "date",
		.width = "fixed-10" };
	ui_input(h, &f);
	ui_button(h, "Start the review", UI_BUTTON_PRIMARY);
	ui_form_end(h);
}

/* Writes the forms of open review index ri: progress on an area for
 * improvement, a re-evaluation, the decision. */
static void
open_forms(struct web_req *r, struct html *h, long id, const struct followup *f, size_t ri,
    const struct review_form_state *fs)
{
	static const struct ui_option furthers[] = {
		{ "needed", "A further review is needed" },
		{ "not-needed", "No further review is needed" },
	};
	struct ui_option judgements[PROGRESS__MAX], *areas, *qis, *levels;
	char action[128], head[64], (*alab)[200], (*aval)[24], (*qlab)[160], (*glab)[64],
	    (*gval)[8];
	size_t na = 0, nq = 0, nl = 0;
	int seq = f->reviews[ri].seq;
	struct ui_field fd;

	areas = xcalloc(f->d.nfindings + 1, sizeof(*areas));
	alab = xcalloc(f->d.nfindings + 1, sizeof(*alab));
	aval = xcalloc(f->d.nfindings + 1, sizeof(*aval));
	qis = xcalloc(f->d.fw.nqis + 1, sizeof(*qis));
	qlab = xcalloc(f->d.fw.nqis + 1, sizeof(*qlab));
	levels = xcalloc(f->d.fw.scale.nlevels + 1, sizeof(*levels));
	glab = xcalloc(f->d.fw.scale.nlevels + 1, sizeof(*glab));
	gval = xcalloc(f->d.fw.scale.nlevels + 1, sizeof(*gval));
	areas[na++] = (struct ui_option){ "", "Choose an area for improvement" };
	for (size_t i = 0, k = 0; i < f->d.nfindings; i++) {
		if (f->d.findings[i].kind != FINDING_IMPROVEMENT)
			continue;
		snprintf(aval[na], sizeof(aval[na]), "%zu", ++k);
		snprintf(alab[na], sizeof(alab[na]), "Area for improvement %zu: %.160s", k,
		    f->d.findings[i].text);
		areas[na] = (struct ui_option){ aval[na], alab[na] };
		na++;
	}
	for (int j = 0; j < PROGRESS__MAX; j++)
		judgements[j] =
		    (struct ui_option){ progress_table[j].code, progress_table[j].label };
	qis[nq++] = (struct ui_option){ "", "Choose a quality indicator" };
	for (size_t q = 0; q < f->d.fw.nqis; q++) {
		snprintf(qlab[nq], sizeof(qlab[nq]), "%s %.140s", f->d.fw.qis[q].code,
		    f->d.fw.qis[q].title);
		qis[nq] = (struct ui_option){ f->d.fw.qis[q].code, qlab[nq] };
		nq++;
	}
	levels[nl++] = (struct ui_option){ "", "Choose a grade" };
	for (size_t l = 0; l < f->d.fw.scale.nlevels; l++) {
		snprintf(gval[nl], sizeof(gval[nl]), "%d", f->d.fw.scale.levels[l].value);
		snprintf(glab[nl], sizeof(glab[nl]), "%d %s", f->d.fw.scale.levels[l].value,
		    f->d.fw.scale.levels[l].label);
		levels[nl] = (struct ui_option){ gval[nl], glab[nl] };
		nl++;
	}

	snprintf(head, sizeof(head), "Progress at review %d", seq);
	html_elem(h, HE_H3, NULL, head);
	if (na == 1) {
		html_elem(h, HE_P, NULL,
		    "The inspection has no area for improvement to judge progress on.");
	} else {
		snprintf(action, sizeof(action), "/inspections/%ld/reviews/%d/progress", id, seq);
		ui_form_begin(h, action, r->sess.csrf, false);
		fd = (struct ui_field){ .id = "improvement",
			.name = "improvement",
			.label = "Area for improvement",
			.value = again(r, fs, REVIEW_FORM_PROGRESS, "improvement"),
			.error = error_of(fs, REVIEW_FORM_PROGRESS, "improvement") };
		ui_select(h, &fd, areas, na);
		fd = (struct ui_field){ .id = "judgement",
			.name = "judgement",
			.label = "Progress made",
			.value = again(r, fs, REVIEW_FORM_PROGRESS, "judgement"),
			.error = error_of(fs, REVIEW_FORM_PROGRESS, "judgement") };
		ui_radios(h, &fd, judgements, PROGRESS__MAX);
		fd = (struct ui_field){ .id = "progress-text",
			.name = "text",
			.label = "What inspectors found",
			.value = again(r, fs, REVIEW_FORM_PROGRESS, "text"),
			.error = error_of(fs, REVIEW_FORM_PROGRESS, "progress-text") };
		ui_textarea(h, &fd, 4);
		fd = (struct ui_field){ .id = "progress-evidence",
			.name = "evidence",
			.label = "What the judgement rests on (optional)",
			.value = again(r, fs, REVIEW_FORM_PROGRESS, "evidence"),
			.error = error_of(fs, REVIEW_FORM_PROGRESS, "progress-evidence") };
		ui_textarea(h, &fd, 3);
		ui_button(h, "Record the progress", UI_BUTTON_SECONDARY);
		ui_form_end(h);
	}

	snprintf(head, sizeof(head), "Re-evaluate a quality indicator at review %d", seq);
	html_elem(h, HE_H3, NULL, head);
	snprintf(action, sizeof(action), "/inspections/%ld/reviews/%d/grade", id, seq);
	ui_form_begin(h, action, r->sess.csrf, false);
	fd = (struct ui_field){ .id = "review-qi",
		.name = "qi",
		.label = "Quality indicator",
		.value = again(r, fs, REVIEW_FORM_GRADE, "qi"),
		.error = error_of(fs, REVIEW_FORM_GRADE, "review-qi") };
	ui_select(h, &fd, qis, nq);
	fd = (struct ui_field){ .id = "review-grade",
		.name = "grade",
		.label = "Grade at this review",
		.hint = "The published grade is kept beside it",
		.value = again(r, fs, REVIEW_FORM_GRADE, "grade"),
		.error = error_of(fs, REVIEW_FORM_GRADE, "review-grade") };
	ui_select(h, &fd, levels, nl);
	fd = (struct ui_field){ .id = "review-rationale",
		.name = "rationale",
		.label = "Rationale (optional)",
		.value = again(r, fs, REVIEW_FORM_GRADE, "rationale"),
		.error = error_of(fs, REVIEW_FORM_GRADE, "review-rationale") };
	ui_textarea(h, &fd, 3);
	ui_button(h, "Record the re-evaluation", UI_BUTTON_SECONDARY);
	ui_form_end(h);

	snprintf(head, sizeof(head), "Decide review %d", seq);
	html_elem(h, HE_H3, NULL, head);
	html_elem(h, HE_P, NULL,
	    "Deciding closes the review; it needs a progress judgement on every area for "
	    "improvement.");
	snprintf(action, sizeof(action), "/inspections/%ld/reviews/%d/decide", id, seq);
	ui_form_begin(h, action, r->sess.csrf, false);
	fd = (struct ui_field){ .id = "further",
		.name = "further",
		.label = "Is a further review needed?",
		.value = again(r, fs, REVIEW_FORM_DECIDE, "further"),
		.error = error_of(fs, REVIEW_FORM_DECIDE, "further") };
	ui_radios(h, &fd, furthers, 2);
	fd = (struct ui_field){ .id = "decision-text",
		.name = "text",
		.label = "The reasons (optional)",
		.value = again(r, fs, REVIEW_FORM_DECIDE, "text"),
		.error = error_of(fs, REVIEW_FORM_DECIDE, "decision-text") };
	ui_textarea(h, &fd, 3);
	ui_button(h, "Decide the review", UI_BUTTON_PRIMARY);
	ui_form_end(h);

	free(areas);
	free(alab);
	free(aval);
	free(qis);
	free(qlab);
	free(levels);
	free(glab);
	free(gval);
}

void
page_review_forms(struct web_req *r, struct html *h, long id, const struct followup *f, long shown,
    const struct review_form_state *fs)
{
	const struct review *last = f->nreviews > 0 ? &f->reviews[f->nreviews - 1] : NULL;

	if (!role_may(r->role, ACTION_REVIEW_PROGRESS))
		return;
	for (size_t i = 0; i < f->nreviews; i++)
		if (f->reviews[i].seq == shown && f->reviews[i].further == FURTHER_UNDECIDED)
			open_forms(r, h, id, f, i, fs);
	if (last == NULL || last->further == FURTHER_NEEDED)
		create_form(r, h, id, fs);
	else if (last->further == FURTHER_UNDECIDED)
		html_elem(h, HE_P, NULL,
		    "The next progress review can start once this one is decided.");
	else
		html_elem(h, HE_P, NULL,
		    "The last review decided that no further review is needed.");
}

void
page_review_links(struct html *h, long id, int seq)
{
	static const char *const label[REVIEW_FORMAT__MAX] = {
		[REVIEW_PDF] = "Download the review's report (PDF)",
		[REVIEW_HTML] = "Download the review's report (HTML)",
		[REVIEW_MD] = "Download the review's report (Markdown)",
		[REVIEW_JSON] = "Download the review's report (JSON)",
	};
	char href[128];

	html_open(h, HE_UL, HA_CLASS, "ds_no-bullets", HA__MAX);
	for (int k = 0; k < REVIEW_FORMAT__MAX; k++) {
		snprintf(href, sizeof(href), "/inspections/%ld/reviews/%d/report.%s", id, seq,
		    review_format_name[k]);
		html_open(h, HE_LI, HA__MAX);
		ui_link(h, href, label[k]);
		html_close(h);
	}
	html_close(h);
}

/* Parses the review number in the path; writes a 404 and returns false
 * if it is not one. */
static bool
path_seq(struct web_req *r, struct web_resp *w, int *seq)
{
	long v;

	if (!text_parse_long(r->args[1], 1, 1000, &v)) {
		web_error_page(r, w, 404, "Page not found", "There is no such progress review.");
		return false;
	}
	*seq = (int)v;
	return true;
}

/* Finishes a form post: on success redirects to the review shown with a
 * banner; on a refusal the people can put right, shows the follow-up page
 * again with the errors (400); otherwise an error page. */
static void
finish(struct web_req *r, struct web_resp *w, enum review_form form, int seq, int rc,
    const struct cairn_err *err, struct ui_error *errors, size_t nerr, const char *saved)
{
	struct review_form_state fs;
	char loc[128];

	if (nerr == 0 && rc != CAIRN_OK) {
		if (rc != CAIRN_EDATA && rc != CAIRN_EUSAGE) {
			fprintf(stderr, "cairn serve: review: %s\n", err->msg);
			web_error_page(r, w, 500, "The review was not changed",
			    "Nothing was changed. Try again.");
			return;
		}
		errors[nerr++] =
		    (struct ui_error){ input_of(form, err->field[0] ? err->field : NULL),
			    err->msg };
	}
	if (nerr > 0) {
		fs = (struct review_form_state){ form, seq, errors, nerr };
		page_followup_show(r, w, &fs);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/followup?review=%d&saved=%s", r->insp, seq,
	    saved);
	web_redirect(w, loc);
}

void
page_review_create(struct web_req *r, struct web_resp *w)
{
	struct ui_error errors[1];
	struct cairn_err err = { 0 };
	const char *date = posted(r, "date");
	size_t nerr = 0;
	int rc = CAIRN_OK, seq = 0;

	if (date == NULL)
		errors[nerr++] = (struct ui_error){ "review-date",
			"Enter the date of the review, for example 2026-03-02" };
	else
		rc = app_review_create(r->st, &r->actor, r->insp, date, &seq, &err);
	finish(r, w, REVIEW_FORM_CREATE, seq, rc, &err, errors, nerr, "created");
}

void
page_review_progress(struct web_req *r, struct web_resp *w)
{
	struct ui_error errors[4];
	struct cairn_err err = { 0 };
	const char *area = posted(r, "improvement"), *judgement = posted(r, "judgement");
	const char *text = posted(r, "text"), *evidence = posted(r, "evidence");
	size_t nerr = 0;
	int rc = CAIRN_OK, seq;

	if (!path_seq(r, w, &seq))
		return;
	if (area == NULL)
		errors[nerr++] =
		    (struct ui_error){ "improvement", "Choose the area for improvement" };
	if (judgement == NULL)
		errors[nerr++] = (struct ui_error){ "judgement", "Choose the progress made" };
	if (text == NULL)
		errors[nerr++] =
		    (struct ui_error){ "progress-text", "Enter what inspectors found" };
	if (nerr == 0)
		rc = app_review_progress(r->st, &r->actor, r->insp, seq, area, judgement, text,
		    evidence, &err);
	finish(r, w, REVIEW_FORM_PROGRESS, seq, rc, &err, errors, nerr, "progress");
}

void
page_review_grade(struct web_req *r, struct web_resp *w)
{
	struct ui_error errors[3];
	struct cairn_err err = { 0 };
	const char *qi = posted(r, "qi"), *grade = posted(r, "grade");
	const char *rationale = posted(r, "rationale");
	size_t nerr = 0;
	int rc = CAIRN_OK, seq;

	if (!path_seq(r, w, &seq))
		return;
	if (qi == NULL)
		errors[nerr++] = (struct ui_error){ "review-qi", "Choose the quality indicator" };
	if (grade == NULL)
		errors[nerr++] = (struct ui_error){ "review-grade", "Choose the grade" };
	if (nerr == 0)
		rc = app_review_grade(r->st, &r->actor, r->insp, seq, qi, grade, rationale, NULL,
		    &err);
	finish(r, w, REVIEW_FORM_GRADE, seq, rc, &err, errors, nerr, "grade");
}

void
page_review_decide(struct web_req *r, struct web_resp *w)
{
	struct ui_error errors[2];
	struct cairn_err err = { 0 };
	const char *further = posted(r, "further"), *text = posted(r, "text");
	size_t nerr = 0;
	int rc = CAIRN_OK, seq;

	if (!path_seq(r, w, &seq))
		return;
	if (further == NULL)
		errors[nerr++] =
		    (struct ui_error){ "further", "Choose whether a further review is needed" };
	else
		rc = app_review_decide(r->st, &r->actor, r->insp, seq, further, text, &err);
	finish(r, w, REVIEW_FORM_DECIDE, seq, rc, &err, errors, nerr, "decided");
}

/* Content types of the report's formats. */
static const char *const format_type[REVIEW_FORMAT__MAX] = {
	[REVIEW_PDF] = "application/pdf",
	[REVIEW_HTML] = "text/html; charset=utf-8",
	[REVIEW_MD] = "text/markdown; charset=utf-8",
	[REVIEW_JSON] = "application/json",
};

void
page_review_report(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	const char *file = r->args[2];
	char disp[160];
	int seq, fmt = -1, rc;

	if (strncmp(file, "report.", 7) == 0)
		fmt = review_format_parse(file + 7);
	if (fmt < 0) {
		web_error_page(r, w, 404, "Page not found",
		    "There is no such file: the review's report is report.pdf, report.html, "
		    "report.md or report.json.");
		return;
	}
	if (!path_seq(r, w, &seq))
		return;
	buf_reset(&w->body);
	rc = app_review_report(r->st, r->insp, seq, (enum review_format)fmt, &w->body, &err);
	if (rc != CAIRN_OK) {
		buf_reset(&w->body);
		if (rc == CAIRN_EDATA) {
			web_error_page(r, w, 404, "Page not found",
			    "There is no such progress review.");
			return;
		}
		fprintf(stderr, "cairn serve: review report: %s\n", err.msg);
		web_error_page(r, w, 500, "The report could not be made", "Try again later.");
		return;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"inspection-%ld-review-%d.%s\"",
	    r->insp, seq, review_format_name[fmt]);
	w->content_type = format_type[fmt];
	w->disposition = xstrdup(disp);
}
