/*
 * The partnership page (app/partnership/): the co-ordinators, the
 * notification letters with their downloads, the pre-inspection return
 * (the blank XLSX, the upload of a CSV per sheet with every problem listed
 * by sheet, line and column and the identifier override), the position
 * statement with its word limit, the supporting documents and their
 * versions, the claims and, for inspectors, the form to tag and test each
 * claim.  Every form posts to its own route and, when app/ refuses it,
 * the page comes back with the message against the input it names.  The
 * grade page lists the claims tagged to its indicator (web_grade_claims).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/access/role.h"
#include "app/partnership/notification.h"
#include "app/partnership/position.h"
#include "app/partnership/preret.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* Most problems of a refused return listed on the page. */
#define RETURN_PROBLEMS_SHOWN 40

/* What a person calls each verdict. */
static const char *const verdict_label[VERDICT__MAX] = {
	[VERDICT_UNTESTED] = "Not yet tested",
	[VERDICT_CONFIRMED] = "Confirmed",
	[VERDICT_QUALIFIED] = "Qualified",
	[VERDICT_CONTRADICTED] = "Contradicted",
};
_Static_assert(sizeof(verdict_label) / sizeof(verdict_label[0]) == VERDICT__MAX,
    "a label for every verdict");
/* And the colour of its tag. */
static const char *const verdict_colour[VERDICT__MAX] = {
	[VERDICT_UNTESTED] = "grey",
	[VERDICT_CONFIRMED] = "green",
	[VERDICT_QUALIFIED] = "orange",
	[VERDICT_CONTRADICTED] = "red",
};
_Static_assert(sizeof(verdict_colour) / sizeof(verdict_colour[0]) == VERDICT__MAX,
    "a colour for every verdict");

/* Writes an ISO date as "3 March 2026" into out (the text itself if not a date). */
static void
long_date(const char *iso, char *out, size_t outsz)
{
	struct cdate d;

	if (date_parse(iso, &d))
		date_long(&d, out, outsz);
	else
		text_copy(out, outsz, iso);
}

/* Returns the form's value of name after an error, else NULL. */
static const char *
again(struct web_req *r, size_t nerr, const char *name)
{
	return nerr > 0 ? web_form(r, name) : NULL;
}

/* Writes a text input: id is prefix + name. */
static void
input(struct web_req *r, struct html *h, const struct ui_error *errors, size_t nerr,
    const char *prefix, const char *name, const char *label, const char *hint)
{
	char id[64];
	struct ui_field f = { 0 };

	snprintf(id, sizeof(id), "%s%s", prefix, name);
	f.id = id;
	f.name = name;
	f.label = label;
	f.hint = hint;
	f.value = again(r, nerr, name);
	f.error = ui_error_for(errors, nerr, id);
	ui_input(h, &f);
}

/* The co-ordinators and the form to record one. */
static void
contacts_section(struct web_req *r, struct html *h, const struct ui_error *errors, size_t nerr)
{
	struct partnership_contact ct[CONTACT__MAX];
	bool have[CONTACT__MAX];
	struct cairn_err err = { 0 };
	long id = r->insp;

	html_elem(h, HE_H2, NULL, "Co-ordinators");
	if (app_contact_list(r->st, &r->actor, id, ct, have, &err) != CAIRN_OK)
		memset(have, 0, sizeof(have));
	ui_summary_begin(h);
	for (int k = 0; k < CONTACT__MAX; k++) {
		struct buf b = BUF_INIT;

		if (have[k])
			buf_printf(&b, "%s%s%s", ct[k].name, ct[k].job ? ", " : "",
			    ct[k].job ? ct[k].job : "");
		ui_summary_row(h, contact_kind_table[k].label,
		    have[k] ? buf_str(&b) : "Not recorded yet");
		buf_free(&b);
		partnership_contact_free(&ct[k]);
	}
	ui_summary_end(h);
	if (role_may(r->role, ACTION_NOTIFY)) {
		struct ui_option kinds[CONTACT__MAX];
		struct ui_field f = { 0 };
		char action[96];

		for (int k = 0; k < CONTACT__MAX; k++)
			kinds[k] = (struct ui_option){ contact_kind_table[k].code,
				contact_kind_table[k].label };
		html_elem(h, HE_H3, NULL, "Record a co-ordinator");
		snprintf(action, sizeof(action), "/inspections/%ld/partnership/contact", id);
		ui_form_begin(h, action, r->sess.csrf, false);
		f.id = "contact-kind";
		f.name = "kind";
		f.label = "Co-ordinator";
		f.value = again(r, nerr, "kind");
		f.error = ui_error_for(errors, nerr, "contact-kind");
		ui_select(h, &f, kinds, CONTACT__MAX);
		input(r, h, errors, nerr, "contact-", "name", "Name",
		    "A member of the partnership's staff.");
		input(r, h, errors, nerr, "contact-", "job", "Job title (optional)", NULL);
		ui_button(h, "Record the co-ordinator", UI_BUTTON_SECONDARY);
		ui_form_end(h);
	}
}

/* The notifications, their downloads and the form to generate one. */
static void
notification_section(struct web_req *r, struct html *h, const struct ui_error *errors, size_t nerr)
{
	struct notification *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	long id = r->insp;

	html_elem(h, HE_H2, NULL, "Notification");
	if (app_notification_list(r->st, &r->actor, id, &v, &n, &err) != CAIRN_OK)
		n = 0;
	if (n == 0) {
		html_elem(h, HE_P, NULL, "No notification has been sent yet.");
	} else {
		static const char *const cols[] = { "Letter", "Dated", "SHA-256", "Download" };

		ui_table_begin(h,
		    "Notification letters (frozen when generated; SHA-256 of the text)", cols, 4);
		for (size_t i = 0; i < n; i++) {
			char num[32], when[40], sha[24];

			snprintf(num, sizeof(num), "Notification %ld", v[i].number);
			long_date(v[i].dated, when, sizeof(when));
			ui_row_begin(h);
			ui_cell(h, num, true);
			ui_cell(h, when, false);
			snprintf(sha, sizeof(sha), "%.16s...", v[i].sha256);
			ui_cell(h, sha, false);
			html_open(h, HE_TD, HA_CLASS, "ds_table__cell", HA__MAX);
			for (int f = 0; f < NOTE__MAX; f++) {
				char href[128], label[64];

				snprintf(href, sizeof(href),
				    "/inspections/%ld/partnership/notification/%ld/letter.%s", id,
				    v[i].number, notification_ext[f]);
				snprintf(label, sizeof(label), "%s of notification %ld",
				    f == NOTE_MD         ? "Markdown"
				        : f == NOTE_HTML ? "HTML"
				                         : "PDF",
				    v[i].number);
				ui_link(h, href, label);
				html_text(h, " ");
			}
			html_close(h);
			ui_row_end(h);
		}
		ui_table_end(h);
	}
	notifications_free(v, n);
	if (role_may(r->role, ACTION_NOTIFY)) {
		char action[96];

		html_elem(h, HE_H3, NULL, "Generate the notification");
		html_elem(h, HE_P, NULL,
		    "The letter is made from the programme's template and this inspection's "
		    "details (partnership, lead, fieldwork dates, the due dates on the timeline), "
		    "and kept exactly as generated.");
		snprintf(action, sizeof(action), "/inspections/%ld/partnership/notification", id);
		ui_form_begin(h, action, r->sess.csrf, false);
		input(r, h, errors, nerr, "notify-", "council", "Council",
		    "As the letter addresses it, e.g. Testshire Council.");
		input(r, h, errors, nerr, "notify-", "health-board", "NHS board",
		    "E.g. NHS Testshire.");
		input(r, h, errors, nerr, "notify-", "date", "Date of the letter (optional)",
		    "YYYY-MM-DD; today if left empty.");
		ui_button(h, "Generate the notification", UI_BUTTON_SECONDARY);
		ui_form_end(h);
	}
}

/* The pre-inspection return: due date, status (who returned it named from
 * the n accounts people), blank form, upload.  s is the return's status
 * (NULL when it could not be read: serr's message instead). */
static void
return_section(struct web_req *r, struct html *h, const struct ui_error *errors, size_t nerr,
    const struct preret_result *res, const struct preret_status *s, const struct cairn_err *serr,
    const struct account *people, size_t npeople)
{
	long id = r->insp;
	char href[96], when[40], who[300];

	if (s == NULL) {
		html_elem(h, HE_P, NULL, serr->msg);
		return;
	}
	html_elem(h, HE_H2, NULL, s->layout.title);
	ui_summary_begin(h);
	if (s->due[0]) {
		long_date(s->due, when, sizeof(when));
		ui_summary_row(h, "Due by", when);
	} else {
		ui_summary_row(h, "Due by", "Not planned: the inspection has no notification date");
	}
	if (s->ret.version > 0) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "Version %ld, returned by %s on %.10s:", s->ret.version,
		    web_person_named(people, npeople, s->ret.returned_by, who, sizeof(who)),
		    s->ret.returned_at);
		for (size_t i = 0; i < s->ret.nsheets; i++)
			buf_printf(&b, "%s %s %ld row%s", i ? "," : "", s->ret.sheets[i],
			    s->ret.rows[i], s->ret.rows[i] == 1 ? "" : "s");
		ui_summary_row(h, "Returned", buf_str(&b));
		buf_free(&b);
	} else {
		ui_summary_row(h, "Returned", "Not yet");
	}
	ui_summary_end(h);
	if (s->overdue)
		ui_warning(h, "The pre-inspection return is overdue.");
	snprintf(href, sizeof(href), "/inspections/%ld/partnership/return.xlsx", id);
	web_para_link(h, href, "Download the blank return (XLSX)");
	if (res != NULL && res->total > 0) {
		char line[160];
		size_t shown = 0;

		html_elem(h, HE_H3, NULL, "Problems in the return");
		snprintf(line, sizeof(line), "The return has %ld problem%s; nothing was stored.",
		    res->total, res->total == 1 ? "" : "s");
		html_elem(h, HE_P, NULL, line);
		html_open(h, HE_OL, HA_CLASS, "ds_list", HA_ID, "return-problems", HA__MAX);
		for (size_t i = 0; i < res->nerrors; i++)
			for (size_t k = 0;
			     k < res->errors[i].e.nkept && shown < RETURN_PROBLEMS_SHOWN;
			     k++, shown++) {
				struct buf b = BUF_INIT;

				preret_error_where(&res->errors[i], &res->errors[i].e.kept[k], &b);
				buf_printf(&b, ": %s", res->errors[i].e.kept[k].msg);
				html_elem(h, HE_LI, NULL, buf_str(&b));
				buf_free(&b);
			}
		html_close(h);
		web_allow_explain(h);
	}
	if (role_may(r->role, ACTION_RETURN_PREINSPECTION)) {
		char action[96];

		html_elem(h, HE_H3, NULL, "Return it");
		html_elem(h, HE_P, NULL,
		    "Choose the filled-in spreadsheet (XLSX) as it was saved, or save each sheet "
		    "as a CSV file and choose them here, one for each sheet. The whole return is "
		    "checked first; a return with any problem stores nothing. A formula's saved "
		    "result is read. It must carry no names, dates of birth or other "
		    "identifiers.");
		snprintf(action, sizeof(action), "/inspections/%ld/partnership/return", id);
		ui_form_begin(h, action, r->sess.csrf, true);
		if (res != NULL && res->nidcols > 0)
			web_allow_boxes(h, res->idcols, res->nidcols);
		{
			struct ui_field f = { 0 };

			f.id = f.name = "workbook";
			f.label = "The filled-in spreadsheet (XLSX)";
			f.hint = res != NULL ? "Choose the file again" : NULL;
			f.error = ui_error_for(errors, nerr, "workbook");
			ui_file(h, &f,
			    ".xlsx,application/"
			    "vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		}
		for (size_t i = 0; i < s->layout.n; i++) {
			char fid[64], label[200];
			struct ui_field f = { 0 };

			snprintf(fid, sizeof(fid), "sheet-%s", s->layout.sheets[i].name);
			snprintf(label, sizeof(label), "Sheet '%s': %s (CSV)%s",
			    s->layout.sheets[i].name, s->layout.sheets[i].title,
			    s->layout.sheets[i].required ? "" : " (optional)");
			f.id = f.name = fid;
			f.label = label;
			f.hint = i == 0 && res != NULL ? "Or choose the CSV files again" : NULL;
			f.error = ui_error_for(errors, nerr, fid);
			ui_file(h, &f, ".csv,text/csv");
		}
		ui_button(h, "Return the pre-inspection return", UI_BUTTON_PRIMARY);
		ui_form_end(h);
	}
}

/* The statement (who submitted it named from the n accounts people),
 * documents and claims, with their forms.  s is the statement's state
 * (NULL when it could not be read: serr's message instead). */
static void
statement_section(struct web_req *r, struct html *h, const struct ui_error *errors, size_t nerr,
    const struct position_state *s, const struct cairn_err *serr, const struct account *people,
    size_t npeople)
{
	long id = r->insp;
	char action[96], when[40], line[600], who[300];

	if (s == NULL) {
		html_elem(h, HE_P, NULL, serr->msg);
		return;
	}
	html_elem(h, HE_H2, NULL, s->layout.title);
	ui_summary_begin(h);
	if (s->due[0]) {
		long_date(s->due, when, sizeof(when));
		ui_summary_row(h, "Due by", when);
	}
	if (s->layout.word_limit > 0) {
		snprintf(line, sizeof(line), "%ld words, sections and claims together",
		    s->layout.word_limit);
		ui_summary_row(h, "Word limit", line);
	}
	if (s->stmt.version > 0) {
		snprintf(line, sizeof(line), "Version %ld, %ld words, by %s on %.10s",
		    s->stmt.version, s->stmt.words,
		    web_person_named(people, npeople, s->stmt.submitted_by, who, sizeof(who)),
		    s->stmt.submitted_at);
		ui_summary_row(h, "Submitted", line);
	} else {
		ui_summary_row(h, "Submitted", "Not yet");
	}
	ui_summary_end(h);
	if (s->overdue)
		ui_warning(h, "The position statement is overdue.");
	if (role_may(r->role, ACTION_UPLOAD_POSITION_STATEMENT)) {
		html_elem(h, HE_H3, NULL, "Submit the statement");
		snprintf(action, sizeof(action), "/inspections/%ld/partnership/statement", id);
		ui_form_begin(h, action, r->sess.csrf, false);
		if (ui_error_for(errors, nerr, "statement-statement") != NULL)
			html_elem(h, HE_P, "ds_question__error-message",
			    ui_error_for(errors, nerr, "statement-statement"));
		for (size_t i = 0; i < s->layout.n; i++) {
			char fid[64], label[1100];
			struct ui_field f = { 0 };
			const char *value = NULL;

			snprintf(fid, sizeof(fid), "section-%s", s->layout.sections[i].code);
			snprintf(label, sizeof(label), "%s: %s", s->layout.sections[i].code,
			    s->layout.sections[i].title);
			for (size_t k = 0; k < s->stmt.n; k++)
				if (strcmp(s->stmt.codes[k], s->layout.sections[i].code) == 0)
					value = s->stmt.bodies[k];
			if (nerr > 0 && web_form(r, fid) != NULL)
				value = web_form(r, fid);
			f.id = f.name = fid;
			f.label = label;
			f.value = value;
			f.error = ui_error_for(errors, nerr, fid);
			ui_textarea(h, &f, 8);
		}
		html_open(h, HE_DIV, HA_ID, "statement-statement", HA__MAX);
		html_close(h);
		ui_button(h, "Submit the position statement", UI_BUTTON_PRIMARY);
		ui_form_end(h);
	} else if (s->stmt.version > 0) {
		for (size_t k = 0; k < s->stmt.n; k++) {
			html_elem(h, HE_H3, NULL, s->stmt.codes[k]);
			html_elem(h, HE_P, NULL, s->stmt.bodies[k]);
		}
	}
	html_elem(h, HE_H3, NULL, "Supporting documents");
	if (s->ndocs == 0) {
		html_elem(h, HE_P, NULL, "No supporting documents yet.");
	} else {
		static const char *const cols[] = { "No.", "Title", "Latest version", "File" };

		ui_table_begin(h, "Supporting documents", cols, 4);
		for (size_t i = 0; i < s->ndocs; i++) {
			char num[24], ver[64], href[96];

			snprintf(num, sizeof(num), "%ld", s->docs[i].number);
			snprintf(ver, sizeof(ver), "%ld (%.10s)", s->docs[i].version,
			    s->docs[i].uploaded_at);
			snprintf(href, sizeof(href), "/inspections/%ld/partnership/documents/%ld",
			    id, s->docs[i].number);
			ui_row_begin(h);
			ui_cell(h, num, true);
			ui_cell(h, s->docs[i].title, false);
			ui_cell(h, ver, false);
			html_open(h, HE_TD, HA_CLASS, "ds_table__cell", HA__MAX);
			ui_link(h, href, s->docs[i].filename);
			html_close(h);
			ui_row_end(h);
		}
		ui_table_end(h);
	}
	if (role_may(r->role, ACTION_UPLOAD_POSITION_STATEMENT)) {
		struct ui_option *docs = xcalloc(s->ndocs + 1, sizeof(*docs));
		char(*vals)[24] = xcalloc(s->ndocs + 1, sizeof(*vals));
		char(*labels)[260] = xcalloc(s->ndocs + 1, sizeof(*labels));
		struct ui_field f = { 0 };

		html_elem(h, HE_H3, NULL, "Upload a supporting document");
		snprintf(action, sizeof(action), "/inspections/%ld/partnership/documents", id);
		ui_form_begin(h, action, r->sess.csrf, true);
		docs[0] = (struct ui_option){ "", "A new document" };
		for (size_t i = 0; i < s->ndocs; i++) {
			snprintf(vals[i + 1], sizeof(vals[i + 1]), "%ld", s->docs[i].number);
			snprintf(labels[i + 1], sizeof(labels[i + 1]),
			    "A new version of %ld: %.200s", s->docs[i].number, s->docs[i].title);
			docs[i + 1] = (struct ui_option){ vals[i + 1], labels[i + 1] };
		}
		f.id = "doc-document";
		f.name = "document";
		f.label = "Document";
		f.value = again(r, nerr, "document");
		f.error = ui_error_for(errors, nerr, "doc-document");
		ui_select(h, &f, docs, s->ndocs + 1);
		input(r, h, errors, nerr, "doc-", "title", "Title (a new document)", NULL);
		memset(&f, 0, sizeof(f));
		f.id = "doc-file";
		f.name = "file";
		f.label = "File";
		f.error = ui_error_for(errors, nerr, "doc-file");
		ui_file(h, &f, NULL);
		ui_button(h, "Upload the document", UI_BUTTON_SECONDARY);
		ui_form_end(h);
		free(docs);
		free(vals);
		free(labels);
	}
	html_elem(h, HE_H3, NULL, "Claims");
	if (s->nclaims == 0)
		html_elem(h, HE_P, NULL, "No claims yet.");
	for (size_t i = 0; i < s->nclaims; i++) {
		const struct position_claim *c = &s->claims[i];
		struct buf b = BUF_INIT;
		char cid[32];

		snprintf(cid, sizeof(cid), "claim-%ld", c->number);
		html_open(h, HE_DIV, HA_ID, cid, HA_CLASS, "claim", HA__MAX);
		snprintf(line, sizeof(line), "Claim %ld (section %s)", c->number, c->section);
		html_elem(h, HE_H4, NULL, line);
		html_elem(h, HE_P, NULL, c->body);
		for (size_t k = 0; k < c->ndocuments; k++)
			buf_printf(&b, "%s%ld",
			    k ? ", " : "Supporting documents: ", c->documents[k]);
		if (b.len)
			html_elem(h, HE_P, NULL, buf_str(&b));
		buf_free(&b);
		for (size_t k = 0; k < c->ntests; k++) {
			html_open(h, HE_P, HA__MAX);
			html_text(h, "Indicator ");
			html_text(h, c->tests[k].qi);
			html_text(h, ": ");
			ui_tag(h, verdict_label[c->tests[k].verdict],
			    verdict_colour[c->tests[k].verdict]);
			if (c->tests[k].evidence > 0) {
				char ev[48];

				snprintf(ev, sizeof(ev), " against evidence %ld",
				    c->tests[k].evidence);
				html_text(h, ev);
			}
			if (c->tests[k].note != NULL) {
				html_text(h, " - ");
				html_text(h, c->tests[k].note);
			}
			html_close(h);
		}
		if (role_may(r->role, ACTION_TEST_CLAIM)) {
			static const struct ui_option verdicts[] = {
				{ "", "Tag only: not yet tested" },
				{ "confirmed", "Confirmed by the evidence" },
				{ "qualified", "Qualified by the evidence" },
				{ "contradicted", "Contradicted by the evidence" },
			};
			char prefix[40], fid[64];
			struct ui_field f = { 0 };
			bool mine = nerr > 0 && web_form(r, "claim") != NULL &&
			    strcmp(web_form(r, "claim"), cid + 6) == 0;
			size_t ne = mine ? nerr : 0;

			snprintf(prefix, sizeof(prefix), "test-%ld-", c->number);
			snprintf(action, sizeof(action),
			    "/inspections/%ld/partnership/claims/%ld/test", id, c->number);
			ui_form_begin(h, action, r->sess.csrf, false);
			ui_hidden(h, "claim", cid + 6);
			input(r, h, errors, ne, prefix, "qi", "Quality indicator", "E.g. 2.1.");
			snprintf(fid, sizeof(fid), "%sverdict", prefix);
			f.id = fid;
			f.name = "verdict";
			f.label = "Tested against the evidence";
			f.value = again(r, ne, "verdict");
			f.error = ui_error_for(errors, ne, fid);
			ui_select(h, &f, verdicts, 4);
			input(r, h, errors, ne, prefix, "evidence", "Evidence number (optional)",
			    NULL);
			input(r, h, errors, ne, prefix, "note", "Note (optional)", NULL);
			ui_button(h, "Record the test", UI_BUTTON_SECONDARY);
			ui_form_end(h);
		}
		html_close(h);
	}
	if (role_may(r->role, ACTION_UPLOAD_POSITION_STATEMENT)) {
		struct ui_option *secs = xcalloc(s->layout.n, sizeof(*secs));
		struct ui_field f = { 0 };

		html_elem(h, HE_H3, NULL, "Add a claim");
		snprintf(action, sizeof(action), "/inspections/%ld/partnership/claims", id);
		ui_form_begin(h, action, r->sess.csrf, false);
		for (size_t i = 0; i < s->layout.n; i++)
			secs[i] = (struct ui_option){ s->layout.sections[i].code,
				s->layout.sections[i].code };
		f.id = "claim-section";
		f.name = "section";
		f.label = "Section";
		f.value = again(r, nerr, "section");
		f.error = ui_error_for(errors, nerr, "claim-section");
		ui_select(h, &f, secs, s->layout.n);
		free(secs);
		input(r, h, errors, nerr, "claim-", "text", "Claim",
		    "One thing the partnership says it does well or is improving, to be tested.");
		input(r, h, errors, nerr, "claim-", "documents", "Supporting documents (optional)",
		    "Their numbers, comma-separated, e.g. 1, 3.");
		ui_button(h, "Add the claim", UI_BUTTON_SECONDARY);
		ui_form_end(h);
	}
}

/* Writes the partnership page with a refused form's errors (the ids of
 * their inputs) and a refused return's result. */
static void
partnership_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr,
    const struct preret_result *res)
{
	struct web_frame fr;
	struct html h;
	const char *done = web_query(r, "done");
	struct preret_status rs;
	struct position_state ps;
	struct cairn_err rerr = { 0 }, perr = { 0 };
	struct account *people = NULL;
	size_t npeople = 0;
	bool have_rs = app_preret_status(r->st, &r->actor, r->insp, &rs, &rerr) == CAIRN_OK;
	bool have_ps = app_position_state(r->st, &r->actor, r->insp, &ps, &perr) == CAIRN_OK;
	/* Who returned the return and who submitted the statement, "Name
	 * (username)" (one read for the page; a disabled account keeps its
	 * name), as `cairn partnership show`. */
	const char *by[2] = { have_rs && rs.ret.version > 0 ? rs.ret.returned_by : NULL,
		have_ps && ps.stmt.version > 0 ? ps.stmt.submitted_by : NULL };

	web_people_named(r, r->insp, ACTION_VIEW_PARTNERSHIP, by, 2, &people, &npeople);
	web_frame_begin(r, w, &h, &fr, r->insp, "Partnership", true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (done != NULL && nerr == 0)
		ui_notification(&h,
		    strcmp(done, "notify") == 0          ? "The notification was generated."
		        : strcmp(done, "contact") == 0   ? "The co-ordinator was recorded."
		        : strcmp(done, "return") == 0    ? "The pre-inspection return was stored."
		        : strcmp(done, "statement") == 0 ? "The position statement was stored."
		        : strcmp(done, "document") == 0  ? "The document was uploaded."
		        : strcmp(done, "claim") == 0     ? "The claim was added."
		                                         : "The test was recorded.");
	html_elem(&h, HE_P, NULL,
	    "The partnership's side of the inspection: the notification, the pre-inspection "
	    "return and the position statement with its supporting documents and claims.");
	contacts_section(r, &h, errors, nerr);
	notification_section(r, &h, errors, nerr);
	return_section(r, &h, errors, nerr, res, have_rs ? &rs : NULL, &rerr, people, npeople);
	statement_section(r, &h, errors, nerr, have_ps ? &ps : NULL, &perr, people, npeople);
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	accounts_free(people, npeople);
	if (have_rs)
		preret_status_free(&rs);
	if (have_ps)
		position_state_free(&ps);
}

void
page_partnership(struct web_req *r, struct web_resp *w)
{
	partnership_page(r, w, NULL, 0, NULL);
}

/* Answers a refused form: the page again with app/'s message against the
 * input prefix + the field it names (or fallback); 403 when not allowed. */
static void
refused(struct web_req *r, struct web_resp *w, const struct cairn_err *err, const char *prefix,
    const char *fallback, const struct preret_result *res)
{
	char msg[CAIRN_ERR_MSG], fid[96];
	struct ui_error e;

	if (err->rc != CAIRN_EDATA && err->rc != CAIRN_EUSAGE && err->rc != CAIRN_EPERM) {
		web_internal(r, w, "partnership", err);
		return;
	}
	text_copy(msg, sizeof(msg), err->msg);
	snprintf(fid, sizeof(fid), "%s%s", prefix, web_err_input(err, fallback));
	e = (struct ui_error){ fid, msg };
	partnership_page(r, w, &e, 1, res);
	w->status = err->rc == CAIRN_EPERM ? 403 : err->code == CAIRN_CODE_CONFLICT ? 409 : 400;
}

/* Redirects back to the page with the notification for what was done. */
static void
back(struct web_req *r, struct web_resp *w, const char *done, const char *anchor)
{
	char loc[128];

	snprintf(loc, sizeof(loc), "/inspections/%ld/partnership?done=%s%s%s", r->insp, done,
	    anchor ? "#" : "", anchor ? anchor : "");
	web_redirect(w, loc);
}

void
page_partnership_contact(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };

	if (app_contact_set(r->st, &r->actor, r->insp, web_field(r, "kind"), web_field(r, "name"),
	        web_field(r, "job"), &err) != CAIRN_OK) {
		refused(r, w, &err, "contact-", "name", NULL);
		return;
	}
	back(r, w, "contact", NULL);
}

void
page_partnership_notify(struct web_req *r, struct web_resp *w)
{
	struct notification_req req = { 0 };
	struct cairn_err err = { 0 };
	long number;

	req.council = web_field(r, "council");
	req.health_board = web_field(r, "health-board");
	req.date = web_field(r, "date");
	if (app_notification_generate(r->st, &r->actor, r->insp, &req, &number, &err) != CAIRN_OK) {
		refused(r, w, &err, "notify-", "council", NULL);
		return;
	}
	back(r, w, "notify", NULL);
}

/* Sets w's Content-Disposition to an attachment called name (ASCII
 * letters, digits, '.', '-' and '_' kept, every other byte '_'). */
static void
attachment(struct web_resp *w, const char *name)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "attachment; filename=\"");
	for (const char *p = name; *p; p++)
		buf_putc(&b,
		    ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		        (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')
		        ? *p
		        : '_');
	buf_putc(&b, '"');
	free(w->disposition);
	w->disposition = buf_take(&b);
}

void
page_partnership_letter(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	char name[64];
	long number;
	int f = -1;

	if (r->nargs > 2 && strncmp(r->args[2], "letter.", 7) == 0)
		f = notification_format_parse(r->args[2] + 7);
	if (r->nargs < 3 || !text_parse_long(r->args[1], 1, 1000000, &number) || f < 0) {
		web_error_page(r, w, 404, "Page not found", "There is no such letter.");
		return;
	}
	buf_init(&w->body, (size_t)64 << 20);
	if (app_notification_render(r->st, &r->actor, r->insp, number, (enum notification_format)f,
	        &w->body, &err) != CAIRN_OK) {
		buf_reset(&w->body);
		if (err.rc == CAIRN_EDATA)
			web_error_page(r, w, 404, "Page not found",
			    "There is no such notification.");
		else
			web_internal(r, w, "notification", &err);
		return;
	}
	snprintf(name, sizeof(name), "notification-%ld-inspection-%ld.%s", number, r->insp,
	    notification_ext[f]);
	w->content_type = notification_media[f];
	attachment(w, name);
}

void
page_partnership_return_form(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	const char *tmp = getenv("TMPDIR");
	char dir[96], path[128], name[64], *data = NULL;
	size_t len = 0;

	if (tmp == NULL || tmp[0] != '/' || strlen(tmp) > 32)
		tmp = "/tmp";
	snprintf(dir, sizeof(dir), "%s/cairn-return-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		cairn_errf(&err, CAIRN_ECANTCREAT, "cannot make a directory: %s", strerror(errno));
		web_internal(r, w, "blank return", &err);
		return;
	}
	snprintf(path, sizeof(path), "%s/return.xlsx", dir);
	if (app_preret_xlsx(r->st, &r->actor, r->insp, path, &err) != CAIRN_OK ||
	    file_read_all(path, (size_t)64 << 20, &data, &len, &err) != CAIRN_OK) {
		unlink(path);
		rmdir(dir);
		web_internal(r, w, "blank return", &err);
		return;
	}
	unlink(path);
	rmdir(dir);
	buf_init(&w->body, len + 1);
	buf_append(&w->body, data, len);
	free(data);
	snprintf(name, sizeof(name), "pre-inspection-return-%ld.xlsx", r->insp);
	w->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	attachment(w, name);
}

void
page_partnership_return(struct web_req *r, struct web_resp *w)
{
	struct preret_status s;
	struct preret_file files[PRERET_SHEETS_MAX];
	struct preret_result *res = NULL;
	struct cairn_err err = { 0 };
	struct buf allowed = BUF_INIT;
	size_t n = 0;

	if (app_preret_status(r->st, &r->actor, r->insp, &s, &err) != CAIRN_OK) {
		refused(r, w, &err, "", "file", NULL);
		return;
	}
	if (!web_allow_list(r, &allowed)) {
		cairn_err_field(&err, CAIRN_EDATA, CAIRN_CODE_INVALID, "file",
		    "Too many columns ticked: at most 64 columns can be allowed at once");
		refused(r, w, &err, "", "file", NULL);
		goto out;
	}
	{
		const struct form_file *f = web_file(r, "workbook");

		if (f != NULL && f->len > 0)
			files[n++] = (struct preret_file){ "", NULL, f->data, f->len };
	}
	for (size_t i = 0; i < s.layout.n && n < PRERET_SHEETS_MAX; i++) {
		char fid[64];
		const struct form_file *f;

		snprintf(fid, sizeof(fid), "sheet-%s", s.layout.sheets[i].name);
		if ((f = web_file(r, fid)) != NULL && f->len > 0)
			files[n++] =
			    (struct preret_file){ s.layout.sheets[i].name, NULL, f->data, f->len };
	}
	res = xcalloc(1, sizeof(*res));
	if (app_preret_return(r->st, &r->actor, r->insp, files, n,
	        allowed.len > 0 ? buf_str(&allowed) : NULL, res, &err) != CAIRN_OK) {
		char fid[96] = "return-problems";

		if (res->total == 0)
			snprintf(fid, sizeof(fid), "workbook");
		if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE) {
			struct ui_error e = { fid, err.msg };
			char msg[CAIRN_ERR_MSG];

			text_copy(msg, sizeof(msg), err.msg);
			e.message = msg;
			partnership_page(r, w, &e, 1, res);
		} else {
			refused(r, w, &err, "", "file", NULL);
		}
		goto out;
	}
	back(r, w, "return", NULL);
out:
	free(res);
	buf_free(&allowed);
	preret_status_free(&s);
}

void
page_partnership_statement(struct web_req *r, struct web_resp *w)
{
	struct position_state s;
	struct position_text secs[64];
	struct cairn_err err = { 0 };
	long version, words;
	size_t n = 0;

	if (app_position_state(r->st, &r->actor, r->insp, &s, &err) != CAIRN_OK) {
		refused(r, w, &err, "statement-", "statement", NULL);
		return;
	}
	for (size_t i = 0; i < s.layout.n && n < 64; i++) {
		char fid[64];

		snprintf(fid, sizeof(fid), "section-%s", s.layout.sections[i].code);
		secs[n++] = (struct position_text){ s.layout.sections[i].code, web_form(r, fid) };
	}
	if (app_position_submit(r->st, &r->actor, r->insp, secs, n, &version, &words, &err) !=
	    CAIRN_OK) {
		const char *field = web_err_input(&err, "statement");

		/* A statement with no section written: shown at the first
		 * section, where the person starts writing. */
		if (strcmp(field, "statement") == 0 && s.layout.n > 0)
			snprintf(err.field, sizeof(err.field), "section-%s",
			    s.layout.sections[0].code);
		position_state_free(&s);
		refused(r, w, &err, strncmp(field, "section-", 8) == 0 ? "" : "statement-",
		    "statement", NULL);
		return;
	}
	position_state_free(&s);
	back(r, w, "statement", NULL);
}

void
page_partnership_document(struct web_req *r, struct web_resp *w)
{
	const struct form_file *f = web_file(r, "file");
	const char *doc = web_field(r, "document");
	struct cairn_err err = { 0 };
	long number = 0, version;

	if (doc != NULL && doc[0] != '\0' && !text_parse_long(doc, 1, 1000000, &number)) {
		cairn_err_field(&err, CAIRN_EDATA, CAIRN_CODE_INVALID, "document",
		    "choose a document or a new one");
		refused(r, w, &err, "doc-", "file", NULL);
		return;
	}
	if (app_position_document(r->st, &r->actor, r->insp, &number, web_field(r, "title"),
	        f != NULL ? f->filename : NULL, f != NULL ? f->data : NULL, f != NULL ? f->len : 0,
	        &version, &err) != CAIRN_OK) {
		refused(r, w, &err, "doc-", "file", NULL);
		return;
	}
	back(r, w, "document", NULL);
}

void
page_partnership_document_file(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	char *data = NULL, *filename = NULL;
	size_t len = 0;
	long number;

	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 1000000, &number)) {
		web_error_page(r, w, 404, "Page not found", "There is no such document.");
		return;
	}
	if (app_position_document_get(r->st, &r->actor, r->insp, number, 0, &data, &len, &filename,
	        &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_error_page(r, w, 404, "Page not found", "There is no such document.");
		else
			web_internal(r, w, "document", &err);
		return;
	}
	buf_init(&w->body, len + 1);
	buf_append(&w->body, data, len);
	w->content_type = "application/octet-stream";
	attachment(w, filename);
	free(data);
	free(filename);
}

void
page_partnership_claim(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	long number;

	if (app_position_claim(r->st, &r->actor, r->insp, web_field(r, "section"),
	        web_field(r, "text"), web_field(r, "documents"), &number, &err) != CAIRN_OK) {
		refused(r, w, &err, "claim-", "text", NULL);
		return;
	}
	back(r, w, "claim", NULL);
}

void
page_partnership_test(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	char prefix[40], anchor[32];
	long number;

	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 1000000, &number)) {
		web_error_page(r, w, 404, "Page not found", "There is no such claim.");
		return;
	}
	if (app_position_test(r->st, &r->actor, r->insp, number, web_field(r, "qi"),
	        web_field(r, "verdict"), web_field(r, "evidence"), web_field(r, "note"),
	        &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA && strcmp(err.field, "claim") == 0) {
			web_error_page(r, w, 404, "Page not found", "There is no such claim.");
			return;
		}
		snprintf(prefix, sizeof(prefix), "test-%ld-", number);
		refused(r, w, &err, prefix, "qi", NULL);
		return;
	}
	snprintf(anchor, sizeof(anchor), "claim-%ld", number);
	back(r, w, "test", anchor);
}

void
web_grade_claims(struct web_req *r, struct html *h, long id, const char *qi)
{
	struct claim_for_qi *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;

	if (app_position_claims_for(r->st, &r->actor, id, qi, &v, &n, &err) != CAIRN_OK || n == 0) {
		claims_for_qi_free(v, n);
		return;
	}
	html_open(h, HE_DIV, HA_ID, "position-claims", HA__MAX);
	html_elem(h, HE_H2, NULL, "The partnership's claims tested against the evidence");
	for (size_t i = 0; i < n; i++) {
		char head[64];

		snprintf(head, sizeof(head), "Claim %ld (section %s): ", v[i].number, v[i].section);
		html_open(h, HE_P, HA__MAX);
		html_text(h, head);
		ui_tag(h, verdict_label[v[i].verdict], verdict_colour[v[i].verdict]);
		html_text(h, " ");
		html_text(h, v[i].body);
		if (v[i].evidence > 0) {
			char ev[48];

			snprintf(ev, sizeof(ev), " (evidence %ld)", v[i].evidence);
			html_text(h, ev);
		}
		if (v[i].note != NULL) {
			html_text(h, " - ");
			html_text(h, v[i].note);
		}
		html_close(h);
	}
	html_close(h);
	claims_for_qi_free(v, n);
}
