/*
 * A survey's free-text comments in the browser (issue 17), as `survey
 * comments` and `survey comment`: the list with each comment's tags
 * (app_survey_comments, which checks that the person may see the evidence
 * and records the viewing in the audit log, since comments are internal
 * and may come from children), and for those who may add evidence a form
 * per comment tagging it to indicators and as a strength or an area for
 * improvement (app_survey_comment_tag, which makes it an item of the
 * evidence log in the same transaction).  Refusals show beside the
 * comment's inputs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/surveys/survey.h"
#include "core/buf.h"
#include "core/model.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* A refused tagging: the comment it was for and the error, keyed by the
 * comment's input id. */
struct tag_refusal {
	long number;       /* the comment */
	struct ui_error e; /* field: "qi-N" or "as-evidence-N" */
};

/* Writes the comments page of survey r->args[1]; refused (may be NULL)
 * is a refused tagging to show beside its inputs. */
static void
comments_page(struct web_req *r, struct web_resp *w, const struct tag_refusal *refused)
{
	static const struct ui_option kinds[] = {
		{ "", "Leave as it is" },
		{ "strength", "A strength" },
		{ "improvement", "An area for improvement" },
	};
	struct survey_comment *v = NULL;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	struct buf title = BUF_INIT, back = BUF_INIT;
	bool may_tag = role_may(r->role, ACTION_ADD_EVIDENCE);
	size_t n = 0;

	if (app_survey_comments(r->st, &r->actor, r->insp, r->args[1], &v, &n, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EPERM)
			web_error_page(r, w, 404, "Page not found",
			    "There is no page at this address.");
		else
			web_internal(r, w, "survey comments", &err);
		return;
	}
	buf_printf(&title, "Comments: %s", r->args[1]);
	buf_printf(&back, "/inspections/%ld/surveys/", r->insp);
	web_put_segment(&back, r->args[1]);
	web_frame_init(&fr, r->insp, NULL, buf_str(&title), false);
	web_frame_crumb(&fr, buf_str(&back), r->args[1]);
	web_frame_start(r, w, &h, &fr);
	if (refused != NULL) {
		w->status = 400;
		ui_error_summary(&h, &refused->e, 1);
	} else if (web_query(r, "tagged") != NULL) {
		ui_notification(&h, "The comment was tagged.");
	}
	html_elem(&h, HE_P, NULL,
	    "Free-text comments are internal: they are never published, and each time this "
	    "list is shown it is recorded in the audit log. A comment tagged as a strength or "
	    "an area for improvement becomes an item of the evidence log.");
	if (n == 0)
		html_elem(&h, HE_P, NULL, "This survey has no comments.");
	for (size_t i = 0; i < n; i++) {
		const struct survey_comment *c = &v[i];
		struct buf tags = BUF_INIT, action = BUF_INIT, qi = BUF_INIT;
		char qid[40], kid[40], head[200];
		const char *qerr = NULL, *kerr = NULL;
		struct ui_field f;

		snprintf(head, sizeof(head), "Comment %ld", c->number);
		html_elem(&h, HE_H2, NULL, head);
		ui_summary_begin(&h);
		ui_summary_row(&h, "Question", c->question);
		ui_summary_row(&h, "Comment", c->text);
		if (c->kind >= 0)
			buf_printf(&tags, "%s",
			    c->kind == FINDING_STRENGTH ? "A strength" : "An area for improvement");
		for (size_t k = 0; k < c->nqis; k++) {
			buf_printf(&tags, "%s%s",
			    k              ? ", "
			        : tags.len ? "; indicators "
			                   : "Indicators ",
			    c->qis[k]);
			buf_printf(&qi, "%s%s", k ? "," : "", c->qis[k]);
		}
		if (c->evidence > 0)
			buf_printf(&tags, "; evidence %ld in the evidence log", c->evidence);
		ui_summary_row(&h, "Tagged", tags.len ? buf_str(&tags) : "Not tagged");
		ui_summary_end(&h);
		if (may_tag) {
			snprintf(qid, sizeof(qid), "qi-%ld", c->number);
			snprintf(kid, sizeof(kid), "as-evidence-%ld", c->number);
			if (refused != NULL && refused->number == c->number) {
				qerr = ui_error_for(&refused->e, 1, qid);
				kerr = ui_error_for(&refused->e, 1, kid);
			}
			buf_printf(&action, "%s/comments/%ld", buf_str(&back), c->number);
			ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
			f = (struct ui_field){ .id = qid,
				.name = "qi",
				.label = "Quality indicators it informs",
				.hint = "Codes separated by commas, for example 2.1, 5.3",
				.value = qerr || kerr ? web_form(r, "qi") : buf_str(&qi),
				.error = qerr,
				.width = "fixed-20" };
			ui_input(&h, &f);
			f = (struct ui_field){ .id = kid,
				.name = "as-evidence",
				.label = "As evidence",
				.value = qerr || kerr ? web_form(r, "as-evidence") : "",
				.error = kerr };
			ui_radios(&h, &f, kinds, sizeof(kinds) / sizeof(kinds[0]));
			snprintf(head, sizeof(head), "Tag comment %ld", c->number);
			ui_button(&h, head, UI_BUTTON_SECONDARY);
			ui_form_end(&h);
		}
		buf_free(&tags);
		buf_free(&action);
		buf_free(&qi);
	}
	web_para_link(&h, buf_str(&back), "Back to the survey");
	ui_page_end(&h);
	survey_comments_free(v, n);
	buf_free(&title);
	buf_free(&back);
}

/* GET /inspections/{id}/surveys/{name}/comments. */
void
page_survey_comments(struct web_req *r, struct web_resp *w)
{
	comments_page(r, w, NULL);
}

/* POST /inspections/{id}/surveys/{name}/comments/{n}: tags comment n. */
void
page_survey_comment_tag(struct web_req *r, struct web_resp *w)
{
	const char *qi = web_field(r, "qi"), *kind = web_field(r, "as-evidence");
	struct cairn_err err = { 0 };
	struct tag_refusal t = { 0 };
	struct buf loc = BUF_INIT;
	char id[48];

	if (app_survey_comment_tag(r->st, &r->actor, r->insp, r->args[1], r->args[2], qi, kind,
	        NULL, &err) != CAIRN_OK) {
		long num;

		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "survey comment tag", &err);
			return;
		}
		/* An error naming no input, or naming the survey or comment of
		 * the address, is about the address: no such page. */
		if (err.field[0] == '\0' || strcmp(err.field, "survey") == 0 ||
		    strcmp(err.field, "comment") == 0 ||
		    !text_parse_long(r->args[2], 1, 2000000000L, &num)) {
			web_error_page(r, w, 404, "Page not found",
			    "There is no page at this address.");
			return;
		}
		snprintf(id, sizeof(id), "%s-%ld",
		    strcmp(web_err_input(&err, "qi"), "as-evidence") == 0 ? "as-evidence" : "qi",
		    num);
		t.number = num;
		t.e = (struct ui_error){ id, err.msg };
		comments_page(r, w, &t);
		return;
	}
	buf_printf(&loc, "/inspections/%ld/surveys/", r->insp);
	web_put_segment(&loc, r->args[1]);
	buf_puts(&loc, "/comments?tagged=1");
	web_redirect(w, buf_str(&loc));
	buf_free(&loc);
}
