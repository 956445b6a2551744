/*
 * Factual accuracy in the browser (app/publication/accuracy.h): one page
 * with the draft report's passages, each labelled with its reference (the
 * section and the paragraph's number) and a link that fills in the comment
 * form; the comment form for the co-ordinator while the inspection is at
 * factual accuracy; the log of comments with the team's answers and, for
 * the lead and depute, a form to answer each open comment; and the log as
 * CSV.  Every refusal is app/'s, worded for the person, shown beside the
 * input it concerns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/role.h"
#include "app/publication/accuracy.h"
#include "core/account.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* Longest passage shown in the draft's list, in bytes. */
#define SHOWN_MAX 400

/* Returns the text a reader sees of a block (its first item, caption or
 * title where it has no text of its own). */
static const char *
block_text(const struct doc_block *k)
{
	if (k->text != NULL)
		return k->text;
	if (k->nitems > 0 && k->items[0] != NULL)
		return k->items[0];
	if (k->table != NULL && k->table->caption != NULL)
		return k->table->caption;
	if (k->chart != NULL && k->chart->title != NULL)
		return k->chart->title;
	return "";
}

/* Writes the draft's passages with their references and a link that
 * fills in the comment form (when comment is true). */
static void
draft_passages(struct html *h, long id, const struct doc *doc, bool comment)
{
	html_elem(h, HE_H2, NULL, "The draft report");
	html_elem(h, HE_P, NULL,
	    "Each passage is shown with its reference: the section and the number of the "
	    "paragraph within it. A comment names the reference and quotes the words exactly.");
	for (size_t s = 0; s < doc->nsections; s++) {
		const struct doc_section *sec = &doc->sections[s];

		if (sec->nblocks == 0)
			continue;
		html_elem(h, HE_H3, NULL, sec->title);
		ui_summary_begin(h);
		for (size_t b = 0; b < sec->nblocks; b++) {
			const char *text = block_text(&sec->blocks[b]);
			char key[120], *shown;

			snprintf(key, sizeof(key), "%s, paragraph %zu", sec->id, b + 1);
			shown =
			    strlen(text) > SHOWN_MAX ? xstrndup(text, SHOWN_MAX) : xstrdup(text);
			html_open(h, HE_LI, HA_CLASS, "ds_summary-list__item", HA__MAX);
			html_elem(h, HE_SPAN, "ds_summary-list__key", key);
			html_open(h, HE_SPAN, HA_CLASS, "ds_summary-list__value", HA__MAX);
			html_open(h, HE_SPAN, HA_CLASS, "ds_summary-list__answer", HA__MAX);
			html_text(h, shown);
			if (strlen(text) > SHOWN_MAX)
				html_text(h, "\u2026");
			html_close(h);
			if (comment) {
				char href[200], label[160];

				snprintf(href, sizeof(href),
				    "/inspections/%ld/"
				    "accuracy?section=%s&paragraph=%zu#comment-form",
				    id, sec->id, b + 1);
				snprintf(label, sizeof(label), "Comment on %s", key);
				html_open(h, HE_SPAN, HA_CLASS, "ds_summary-list__actions",
				    HA__MAX);
				ui_link(h, href, label);
				html_close(h);
			}
			html_close(h);
			html_close(h);
			free(shown);
		}
		ui_summary_end(h);
	}
}

/* Writes the comment form, with values from the form after an error or
 * from the query (a passage's link). */
static void
comment_form(struct web_req *r, struct html *h, const struct doc *doc,
    const struct ui_error *errors, size_t nerr)
{
	struct ui_option *opts;
	struct ui_field f;
	char action[80];
	size_t n = 0;
	const char *sec = nerr > 0 ? web_form(r, "section") : web_query(r, "section");
	const char *para = nerr > 0 ? web_form(r, "paragraph") : web_query(r, "paragraph");

	html_open(h, HE_H2, HA_ID, "comment-form", HA__MAX);
	html_text(h, "Comment on a passage");
	html_close(h);
	snprintf(action, sizeof(action), "/inspections/%ld/accuracy", r->insp);
	ui_form_begin(h, action, r->sess.csrf, false);
	opts = xcalloc(doc->nsections + 1, sizeof(*opts));
	opts[n++] = (struct ui_option){ "", "Choose the section" };
	for (size_t s = 0; s < doc->nsections; s++)
		if (doc->sections[s].nblocks > 0)
			opts[n++] =
			    (struct ui_option){ doc->sections[s].id, doc->sections[s].title };
	f = (struct ui_field){ .id = "section",
		.name = "section",
		.label = "Section",
		.value = sec,
		.error = ui_error_for(errors, nerr, "section") };
	ui_select(h, &f, opts, n);
	free(opts);
	f = (struct ui_field){ .id = "paragraph",
		.name = "paragraph",
		.label = "Paragraph",
		.hint = "Its number in the section, as the draft above shows it.",
		.value = para,
		.width = "fixed-4",
		.error = ui_error_for(errors, nerr, "paragraph") };
	ui_input(h, &f);
	f = (struct ui_field){ .id = "passage",
		.name = "passage",
		.label = "The passage",
		.hint = "Quote the words exactly as the draft shows them.",
		.value = nerr > 0 ? web_form(r, "passage") : NULL,
		.error = ui_error_for(errors, nerr, "passage") };
	ui_textarea(h, &f, 3);
	f = (struct ui_field){ .id = "comment",
		.name = "comment",
		.label = "Your comment",
		.hint = "What is not accurate, and what it should say.",
		.value = nerr > 0 ? web_form(r, "comment") : NULL,
		.error = ui_error_for(errors, nerr, "comment") };
	ui_textarea(h, &f, 4);
	ui_button(h, "Send the comment", UI_BUTTON_PRIMARY);
	ui_form_end(h);
}

/* Writes the form answering comment c; its inputs' ids carry the comment's
 * number ("after-3") so that several forms share a page. */
static void
answer_form(struct web_req *r, struct html *h, const struct accuracy_comment *c,
    const struct ui_error *errors, size_t nerr, long failed)
{
	static const struct ui_option answers[] = {
		{ "accepted", "Accepted: the text is changed" },
		{ "not-accepted", "Not accepted" },
	};
	struct ui_field f;
	char action[96], id_resp[32], id_before[32], id_after[32], id_reason[32], legend[64];
	bool again = nerr > 0 && failed == c->number;

	snprintf(action, sizeof(action), "/inspections/%ld/accuracy/%ld/response", r->insp,
	    c->number);
	snprintf(id_resp, sizeof(id_resp), "response-%ld", c->number);
	snprintf(id_before, sizeof(id_before), "before-%ld", c->number);
	snprintf(id_after, sizeof(id_after), "after-%ld", c->number);
	snprintf(id_reason, sizeof(id_reason), "reason-%ld", c->number);
	snprintf(legend, sizeof(legend), "Answer comment %ld", c->number);
	ui_form_begin(h, action, r->sess.csrf, false);
	f = (struct ui_field){ .id = id_resp,
		.name = "response",
		.label = legend,
		.value = again ? web_form(r, "response") : NULL,
		.error = again ? ui_error_for(errors, nerr, id_resp) : NULL };
	ui_radios(h, &f, answers, 2);
	f = (struct ui_field){ .id = id_before,
		.name = "before",
		.label = "Text before (if accepted)",
		.hint = "Leave empty for the quoted passage.",
		.value = again ? web_form(r, "before") : NULL,
		.error = again ? ui_error_for(errors, nerr, id_before) : NULL };
	ui_textarea(h, &f, 2);
	f = (struct ui_field){ .id = id_after,
		.name = "after",
		.label = "Text after (if accepted)",
		.value = again ? web_form(r, "after") : NULL,
		.error = again ? ui_error_for(errors, nerr, id_after) : NULL };
	ui_textarea(h, &f, 2);
	f = (struct ui_field){ .id = id_reason,
		.name = "reason",
		.label = "Reason (if not accepted)",
		.value = again ? web_form(r, "reason") : NULL,
		.error = again ? ui_error_for(errors, nerr, id_reason) : NULL };
	ui_textarea(h, &f, 2);
	ui_button(h, "Save the answer", UI_BUTTON_SECONDARY);
	ui_form_end(h);
}

/* Writes the log: each comment with its answer or, for who may answer,
 * the form; who commented and who answered named "Name (username)" (one
 * read for the page). */
static void
comment_log(struct web_req *r, struct html *h, const struct accuracy_comment *v, size_t n,
    const struct ui_error *errors, size_t nerr, long failed)
{
	struct account *people = NULL;
	const char **by;
	size_t npeople = 0;
	char href[96], who[300];

	html_elem(h, HE_H2, NULL, "Comments and answers");
	if (n == 0) {
		html_elem(h, HE_P, NULL, "No comments have been made.");
		return;
	}
	by = xcalloc(2 * n, sizeof(*by));
	for (size_t i = 0; i < n; i++) {
		by[2 * i] = v[i].made_by;
		by[2 * i + 1] = v[i].responded_by;
	}
	web_people_named(r, r->insp, ACTION_VIEW_ACCURACY, by, 2 * n, &people, &npeople);
	free(by);
	snprintf(href, sizeof(href), "/inspections/%ld/accuracy/export", r->insp);
	web_para_link(h, href, "Download the log of comments and answers (CSV)");
	for (size_t i = 0; i < n; i++) {
		const struct accuracy_comment *c = &v[i];
		char title[64], ref[120], when[340];

		snprintf(title, sizeof(title), "comment-%ld", c->number);
		html_open(h, HE_H3, HA_ID, title, HA__MAX);
		html_textf(h, "Comment %ld", c->number);
		html_close(h);
		snprintf(ref, sizeof(ref), "%s, paragraph %ld", c->section, c->paragraph);
		ui_summary_begin(h);
		ui_summary_row(h, "Reference", ref);
		ui_summary_row(h, "Passage", c->passage);
		ui_summary_row(h, "Comment", c->comment);
		snprintf(when, sizeof(when), "%s, %.10s",
		    web_person_named(people, npeople, c->made_by, who, sizeof(who)), c->made_at);
		ui_summary_row(h, "Made by", when);
		ui_summary_row(h, "Answer", accuracy_response_table[c->response].label);
		if (c->response == ACCURACY_ACCEPTED) {
			ui_summary_row(h, "Text before", c->before);
			ui_summary_row(h, "Text after", c->after);
		} else if (c->response == ACCURACY_NOT_ACCEPTED) {
			ui_summary_row(h, "Reason", c->reason);
		}
		if (c->response != ACCURACY_OPEN) {
			snprintf(when, sizeof(when), "%s, %.10s",
			    web_person_named(people, npeople, c->responded_by, who, sizeof(who)),
			    c->responded_at);
			ui_summary_row(h, "Answered by", when);
		}
		ui_summary_end(h);
		if (c->response == ACCURACY_OPEN && role_may(r->role, ACTION_RESPOND_ACCURACY))
			answer_form(r, h, c, errors, nerr, failed);
	}
	accounts_free(people, npeople);
}

/* Writes the page; errors (may be NULL) are a refused form's, failed the
 * comment whose answer was refused (0 for the comment form). */
static void
accuracy_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr,
    long failed)
{
	struct accuracy_comment *v = NULL;
	struct cairn_err err = { 0 }, derr = { 0 };
	struct web_frame fr;
	struct doc doc;
	struct html h;
	size_t n = 0;
	bool open = false, draft, comment;

	memset(&doc, 0, sizeof(doc));
	if (app_accuracy_list(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK ||
	    app_accuracy_open(r->st, r->insp, &open, &err) != CAIRN_OK) {
		web_internal(r, w, "factual accuracy", &err);
		return;
	}
	draft = app_accuracy_draft(r->st, &r->actor, r->insp, &doc, &derr) == CAIRN_OK;
	comment = draft && open && role_may(r->role, ACTION_COMMENT_ACCURACY);
	web_frame_begin(r, w, &h, &fr, r->insp, "Factual accuracy", true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (nerr == 0 && web_query(r, "commented") != NULL)
		ui_notification(&h, "Your comment was recorded. The team will answer it.");
	if (nerr == 0 && web_query(r, "answered") != NULL)
		ui_notification(&h, "The answer was recorded.");
	html_elem(&h, HE_P, NULL,
	    open ? "The inspection is at the factual accuracy stage: the partnership comments on "
	           "the draft report and the team answers each comment."
	         : "The inspection is not at the factual accuracy stage: no comments are taken "
	           "now. The log below is kept.");
	if (!draft && derr.rc == CAIRN_EPERM)
		html_elem(&h, HE_P, NULL, derr.msg);
	if (comment)
		comment_form(r, &h, &doc, failed == 0 ? errors : NULL, failed == 0 ? nerr : 0);
	comment_log(r, &h, v, n, errors, nerr, failed);
	if (draft)
		draft_passages(&h, r->insp, &doc, comment);
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	doc_free(&doc);
	accuracy_comments_free(v, n);
}

void
page_accuracy(struct web_req *r, struct web_resp *w)
{
	accuracy_page(r, w, NULL, 0, 0);
}

/* Answers a refused form: the page again with app/'s message against the
 * input (its id suffixed with the comment's number for an answer), 400
 * for bad input, 403, 409 for a conflict. */
static void
refused(struct web_req *r, struct web_resp *w, const struct cairn_err *err, const char *fallback,
    long number)
{
	char msg[CAIRN_ERR_MSG], input[48];
	struct ui_error e;
	int status = 400;

	if (err->rc != CAIRN_EDATA && err->rc != CAIRN_EUSAGE && err->rc != CAIRN_EPERM) {
		web_internal(r, w, "factual accuracy", err);
		return;
	}
	if (number > 0 && err->code == CAIRN_CODE_UNKNOWN && strcmp(err->field, "comment") == 0) {
		web_error_page(r, w, 404, "Page not found", "There is no such comment.");
		return;
	}
	if (err->rc == CAIRN_EPERM)
		status = 403;
	else if (err->code == CAIRN_CODE_CONFLICT)
		status = 409;
	text_copy(msg, sizeof(msg), err->msg);
	if (number > 0)
		snprintf(input, sizeof(input), "%s-%ld",
		    strcmp(web_err_input(err, fallback), "comment") == 0
		        ? "response"
		        : web_err_input(err, fallback),
		    number);
	else
		text_copy(input, sizeof(input),
		    strcmp(web_err_input(err, fallback), "stage") == 0
		        ? "section"
		        : web_err_input(err, fallback));
	e = (struct ui_error){ input, msg };
	accuracy_page(r, w, &e, 1, number);
	w->status = status;
}

void
page_accuracy_comment(struct web_req *r, struct web_resp *w)
{
	struct accuracy_comment_req req;
	struct cairn_err err = { 0 };
	char loc[96];
	long number = 0;

	memset(&req, 0, sizeof(req));
	req.section = web_field(r, "section");
	req.paragraph = web_field(r, "paragraph");
	req.passage = web_field(r, "passage");
	req.comment = web_field(r, "comment");
	if (app_accuracy_comment(r->st, &r->actor, r->insp, &req, &number, &err) != CAIRN_OK) {
		refused(r, w, &err, "section", 0);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/accuracy?commented=%ld#comment-%ld", r->insp,
	    number, number);
	web_redirect(w, loc);
}

void
page_accuracy_respond(struct web_req *r, struct web_resp *w)
{
	struct accuracy_response_req req;
	struct cairn_err err = { 0 };
	char loc[96];
	long number;

	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 1000000, &number)) {
		web_error_page(r, w, 404, "Page not found", "There is no such comment.");
		return;
	}
	memset(&req, 0, sizeof(req));
	req.response = web_field(r, "response");
	req.before = web_field(r, "before");
	req.after = web_field(r, "after");
	req.reason = web_field(r, "reason");
	if (app_accuracy_respond(r->st, &r->actor, r->insp, number, &req, &err) != CAIRN_OK) {
		refused(r, w, &err, "response", number);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/accuracy?answered=%ld#comment-%ld", r->insp,
	    number, number);
	web_redirect(w, loc);
}

void
page_accuracy_export(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	char disp[96];

	buf_reset(&w->body);
	if (app_accuracy_export(r->st, &r->actor, r->insp, &w->body, &err) != CAIRN_OK) {
		buf_reset(&w->body);
		web_internal(r, w, "factual accuracy log", &err);
		return;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"inspection-%ld-factual-accuracy.csv\"",
	    r->insp);
	w->content_type = "text/csv; charset=utf-8";
	w->disposition = xstrdup(disp);
}
