/*
 * Findings and the confidence statement: strengths and areas for
 * improvement listed in the team's order, each with its quality
 * indicators and evidence, with forms to add, change, move and remove
 * them; and the confidence statement shown as the report carries it, with
 * its form.  Every change is app/'s (one transaction with its audit
 * entry); the route table checks the action first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/role.h"
#include "app/evaluation/dossier.h"
#include "app/setup/inspection.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* Most indicators ticked on one form. */
#define QIS_MAX 128

/* Joins the ticked "qis" boxes with commas into b; NULL when none. */
static const char *
ticked_qis(const struct web_req *r, struct buf *b)
{
	const char *v[QIS_MAX];
	size_t n = web_form_all(r, "qis", v, QIS_MAX);

	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? "," : "", v[i]);
	return n ? buf_str(b) : NULL;
}

/* Writes the fields of a finding form: kind, text, indicators, evidence,
 * from f (NULL: empty, or the posted values when errors). */
static void
finding_fields(struct web_req *r, struct html *h, const struct dossier *d, const struct finding *f,
    const struct ui_error *errors, size_t nerr)
{
	static const struct ui_option kinds[] = {
		{ "strength", "Strength" },
		{ "improvement", "Area for improvement" },
	};
	struct ui_option *opts = xcalloc(d->fw.nqis ? d->fw.nqis : 1, sizeof(*opts));
	bool *checked = xcalloc(d->fw.nqis ? d->fw.nqis : 1, sizeof(bool));
	char **labels = xcalloc(d->fw.nqis ? d->fw.nqis : 1, sizeof(char *));
	const char *posted[QIS_MAX];
	size_t nposted = nerr > 0 ? web_form_all(r, "qis", posted, QIS_MAX) : 0;
	struct buf ev = BUF_INIT, gone = BUF_INIT, hint = BUF_INIT;
	struct ui_field fl;

	memset(&fl, 0, sizeof(fl));
	fl.id = fl.name = "kind";
	fl.label = "Kind";
	fl.value = nerr > 0 ? web_form(r, "kind") : f ? finding_kind_code[f->kind] : "strength";
	fl.error = ui_error_for(errors, nerr, "kind");
	ui_radios(h, &fl, kinds, 2);
	memset(&fl, 0, sizeof(fl));
	fl.id = fl.name = "text";
	fl.label = "The finding";
	fl.hint = "As the report will carry it.";
	fl.value = nerr > 0 ? web_form(r, "text") : f ? f->text : NULL;
	fl.error = ui_error_for(errors, nerr, "text");
	ui_textarea(h, &fl, 4);
	for (size_t i = 0; i < d->fw.nqis; i++) {
		size_t len = strlen(d->fw.qis[i].code) + strlen(d->fw.qis[i].title) + 4;

		labels[i] = xmalloc(len);
		snprintf(labels[i], len, "%s %s", d->fw.qis[i].code, d->fw.qis[i].title);
		opts[i] = (struct ui_option){ d->fw.qis[i].code, labels[i] };
		for (size_t k = 0; f != NULL && nerr == 0 && k < f->nqis; k++)
			checked[i] |= strcmp(f->qis[k], d->fw.qis[i].code) == 0;
		for (size_t k = 0; k < nposted; k++)
			checked[i] |= strcmp(posted[k], d->fw.qis[i].code) == 0;
	}
	memset(&fl, 0, sizeof(fl));
	fl.id = fl.name = "qis";
	fl.label = "Quality indicators it relates to";
	fl.error = ui_error_for(errors, nerr, "qis");
	ui_checkboxes(h, &fl, opts, checked, d->fw.nqis);
	/* Withdrawn items are left out: a finding cannot rest on them, so the
	 * form saves as it stands; the hint says which were left out. */
	for (size_t i = 0; f != NULL && i < f->nevidence; i++) {
		if (finding_evidence_withdrawn(f, i))
			buf_printf(&gone, "%s%ld", gone.len ? ", " : "", f->evidence[i]);
		else
			buf_printf(&ev, "%s%ld", ev.len ? ", " : "", f->evidence[i]);
	}
	if (gone.len)
		buf_printf(&hint,
		    "Numbers from the evidence log, separated by commas, e.g. 3, 12. "
		    "Withdrawn evidence (%s) is left out; reinstate it to link it again.",
		    buf_str(&gone));
	memset(&fl, 0, sizeof(fl));
	fl.id = fl.name = "evidence";
	fl.label = "Evidence it rests on (optional)";
	fl.hint = gone.len ? buf_str(&hint)
	                   : "Numbers from the evidence log, separated by commas, e.g. 3, 12.";
	fl.autocomplete = "off";
	fl.value = nerr > 0 ? web_form(r, "evidence") : ev.len ? buf_str(&ev) : NULL;
	fl.error = ui_error_for(errors, nerr, "evidence");
	ui_input(h, &fl);
	for (size_t i = 0; i < d->fw.nqis; i++)
		free(labels[i]);
	free(labels);
	free(checked);
	free(opts);
	buf_free(&ev);
	buf_free(&gone);
	buf_free(&hint);
}

/* Writes one small button in its own form posting finding fid (and the
 * extra field name=value, if name is not NULL) to action. */
static void
finding_button(struct web_req *r, struct html *h, const char *action, long fid, const char *name,
    const char *value, const char *text, const char *label)
{
	char num[32];

	snprintf(num, sizeof(num), "%ld", fid);
	ui_form_begin(h, action, r->sess.csrf, false);
	ui_hidden(h, "finding", num);
	if (name != NULL)
		ui_hidden(h, name, value);
	html_open(h, HE_BUTTON, HA_TYPE, "submit", HA_CLASS,
	    "ds_button ds_button--small ds_button--secondary", HA_ARIA_LABEL, label, HA__MAX);
	html_text(h, text);
	html_close(h);
	ui_form_end(h);
}

/* Writes the evidence cell of finding f: each number, a withdrawn one
 * marked as the evidence log marks it (it counts nowhere), or "None". */
static void
evidence_cell(struct html *h, const struct finding *f)
{
	char num[32];

	if (f->nevidence == 0) {
		ui_cell(h, "None", false);
		return;
	}
	html_open(h, HE_TD, HA__MAX);
	for (size_t q = 0; q < f->nevidence; q++) {
		snprintf(num, sizeof(num), "%s%ld", q ? ", " : "", f->evidence[q]);
		html_text(h, num);
		if (finding_evidence_withdrawn(f, q)) {
			html_text(h, " ");
			ui_tag(h, "Withdrawn", "grey");
		}
	}
	html_close(h);
}

/* Writes the findings of one kind as a table. */
static void
findings_table(struct web_req *r, struct html *h, long id, const struct dossier *d,
    enum finding_kind kind, bool manage)
{
	static const char *const cols[] = { "No.", "Finding", "Indicators", "Evidence", "Action" };
	const char *caption = kind == FINDING_STRENGTH ? "Strengths" : "Areas for improvement";
	struct buf b = BUF_INIT, act = BUF_INIT;
	size_t shown = 0, total = 0, k = 0;

	for (size_t i = 0; i < d->nfindings; i++)
		total += d->findings[i].kind == kind;
	html_elem(h, HE_H2, NULL, caption);
	if (total == 0) {
		html_elem(h, HE_P, NULL,
		    kind == FINDING_STRENGTH ? "No strengths recorded yet."
		                             : "No areas for improvement recorded yet.");
		return;
	}
	ui_table_begin(h, caption, cols, manage ? 5 : 4);
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct finding *f = &d->findings[i];
		char num[32], label[96];

		if (f->kind != kind)
			continue;
		k++;
		ui_row_begin(h);
		snprintf(num, sizeof(num), "%zu", k);
		ui_cell(h, num, true);
		ui_cell(h, f->text, false);
		buf_reset(&b);
		for (size_t q = 0; q < f->nqis; q++)
			buf_printf(&b, "%s%s", q ? ", " : "", f->qis[q]);
		ui_cell(h, b.len ? buf_str(&b) : "None", false);
		evidence_cell(h, f);
		if (manage) {
			html_open(h, HE_TD, HA__MAX);
			buf_reset(&act);
			buf_printf(&act, "/inspections/%ld/findings?edit=%ld#change-heading", id,
			    f->id);
			snprintf(label, sizeof(label), "Change %s %zu",
			    kind == FINDING_STRENGTH ? "strength" : "area for improvement", k);
			html_open(h, HE_A, HA_HREF, buf_str(&act), HA_ARIA_LABEL, label, HA__MAX);
			html_text(h, "Change");
			html_close(h);
			buf_reset(&act);
			buf_printf(&act, "/inspections/%ld/findings/move", id);
			if (k > 1) {
				snprintf(label, sizeof(label), "Move %s %zu up",
				    kind == FINDING_STRENGTH ? "strength" : "area for improvement",
				    k);
				finding_button(r, h, buf_str(&act), f->id, "direction", "up", "Up",
				    label);
			}
			if (k < total) {
				snprintf(label, sizeof(label), "Move %s %zu down",
				    kind == FINDING_STRENGTH ? "strength" : "area for improvement",
				    k);
				finding_button(r, h, buf_str(&act), f->id, "direction", "down",
				    "Down", label);
			}
			buf_reset(&act);
			buf_printf(&act, "/inspections/%ld/findings/remove", id);
			snprintf(label, sizeof(label), "Remove %s %zu",
			    kind == FINDING_STRENGTH ? "strength" : "area for improvement", k);
			finding_button(r, h, buf_str(&act), f->id, NULL, NULL, "Remove", label);
			html_close(h);
		}
		ui_row_end(h);
		shown++;
	}
	(void)shown;
	ui_table_end(h);
	buf_free(&b);
	buf_free(&act);
}

/* The success banner for ?done=. */
static const char *
done_text(const char *done)
{
	static const struct {
		const char *code, *text;
	} t[] = {
		{ "added", "The finding was added." },
		{ "changed", "The finding was changed." },
		{ "moved", "The finding was moved." },
		{ "removed", "The finding was removed." },
		{ "confidence", "The confidence statement was recorded." },
	};

	for (size_t i = 0; done != NULL && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(done, t[i].code) == 0)
			return t[i].text;
	return NULL;
}

/* Writes the findings page; errors belong to the form named by form
 * ("add", "change" or "confidence"), editing finding edit (0: none). */
static void
findings_page(struct web_req *r, struct web_resp *w, const char *form, long edit,
    const struct ui_error *errors, size_t nerr)
{
	static const struct ui_option levels[] = {
		{ "high-confidence", "High confidence" },
		{ "confident", "Confident" },
		{ "partially-confident", "Partially confident" },
		{ "not-confident", "Not confident" },
	};
	long id = r->insp;
	bool manage = role_may(r->role, ACTION_GRADE);
	const struct finding *editing = NULL;
	const char *done = done_text(web_query(r, "done"));
	struct cairn_err err = { 0 };
	struct dossier d;
	struct web_frame fr;
	struct ui_field fl;
	struct html h;
	char action[96];

	memset(&d, 0, sizeof(d));
	if (app_dossier_load(r->st, id, &d, &err) != CAIRN_OK) {
		web_internal(r, w, "findings", &err);
		return;
	}
	/* The dossier holds the final grades; the findings are as stored. */
	for (size_t i = 0; i < d.nfindings; i++)
		if (d.findings[i].id == edit)
			editing = &d.findings[i];
	web_frame_begin(r, w, &h, &fr, id, "Findings and confidence", true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (done != NULL && nerr == 0)
		ui_notification(&h, done);
	findings_table(r, &h, id, &d, FINDING_STRENGTH, manage);
	findings_table(r, &h, id, &d, FINDING_IMPROVEMENT, manage);
	if (manage && editing != NULL) {
		char num[32];

		html_open(&h, HE_H2, HA_ID, "change-heading", HA__MAX);
		html_text(&h, "Change a finding");
		html_close(&h);
		snprintf(action, sizeof(action), "/inspections/%ld/findings/edit", id);
		ui_form_begin(&h, action, r->sess.csrf, false);
		snprintf(num, sizeof(num), "%ld", editing->id);
		ui_hidden(&h, "finding", num);
		finding_fields(r, &h, &d, editing, strcmp(form, "change") == 0 ? errors : NULL,
		    strcmp(form, "change") == 0 ? nerr : 0);
		ui_button(&h, "Save the finding", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	if (manage && editing == NULL) { /* one form at a time: its fields' ids are unique */
		html_open(&h, HE_H2, HA_ID, "add-heading", HA__MAX);
		html_text(&h, "Add a finding");
		html_close(&h);
		snprintf(action, sizeof(action), "/inspections/%ld/findings", id);
		ui_form_begin(&h, action, r->sess.csrf, false);
		finding_fields(r, &h, &d, NULL, strcmp(form, "add") == 0 ? errors : NULL,
		    strcmp(form, "add") == 0 ? nerr : 0);
		ui_button(&h, "Add the finding", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	html_open(&h, HE_H2, HA_ID, "confidence-heading", HA__MAX);
	html_text(&h, "Confidence statement");
	html_close(&h);
	if (d.in.confidence == CONFIDENCE_NONE) {
		html_elem(&h, HE_P, NULL, "The confidence statement has not been made yet.");
	} else {
		char line[96];

		snprintf(line, sizeof(line), "%s.", confidence_table[d.in.confidence].label);
		html_elem(&h, HE_P, NULL, line);
		if (d.in.confidence_text != NULL && d.in.confidence_text[0])
			html_elem(&h, HE_P, NULL, d.in.confidence_text);
	}
	if (manage) {
		bool mine = strcmp(form, "confidence") == 0;

		snprintf(action, sizeof(action), "/inspections/%ld/confidence", id);
		ui_form_begin(&h, action, r->sess.csrf, false);
		memset(&fl, 0, sizeof(fl));
		fl.id = fl.name = "level";
		fl.label = "Level of confidence";
		fl.value = mine && nerr > 0              ? web_form(r, "level")
		    : d.in.confidence != CONFIDENCE_NONE ? confidence_table[d.in.confidence].code
		                                         : NULL;
		fl.error = mine ? ui_error_for(errors, nerr, "level") : NULL;
		ui_radios(&h, &fl, levels, 4);
		memset(&fl, 0, sizeof(fl));
		fl.id = fl.name = "statement";
		fl.label = "Statement";
		fl.hint = "The paragraph the report carries after the level.";
		fl.value = mine && nerr > 0 ? web_form(r, "statement") : d.in.confidence_text;
		fl.error = mine ? ui_error_for(errors, nerr, "statement") : NULL;
		ui_textarea(&h, &fl, 5);
		ui_button(&h, "Record the confidence statement", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	dossier_free(&d);
}

void
page_findings(struct web_req *r, struct web_resp *w)
{
	const char *edit = web_query(r, "edit");
	long fid = 0;

	if (edit != NULL && !text_parse_long(edit, 1, 2000000000L, &fid))
		fid = 0;
	findings_page(r, w, "", fid, NULL, 0);
}

/* Redirects to the findings page with its banner. */
static void
findings_done(struct web_req *r, struct web_resp *w, const char *done)
{
	char loc[96];

	snprintf(loc, sizeof(loc), "/inspections/%ld/findings?done=%s", r->insp, done);
	web_redirect(w, loc);
}

/* Shows an app/ error against its input on the form named form, or the
 * internal error page. */
static void
findings_refused(struct web_req *r, struct web_resp *w, const char *form, long edit,
    const struct cairn_err *err, const char *fallback)
{
	struct ui_error e;
	char msg[CAIRN_ERR_MSG];

	if (err->rc != CAIRN_EDATA && err->rc != CAIRN_EUSAGE && err->rc != CAIRN_EPERM) {
		web_internal(r, w, "findings", err);
		return;
	}
	text_copy(msg, sizeof(msg), err->msg);
	e = (struct ui_error){ web_err_input(err, fallback), msg };
	/* A refusal about the finding itself (one the action plan holds, or one
	 * already first) has no input: show it in the summary against the text. */
	if (strcmp(e.field, "finding") == 0 || strcmp(e.field, "direction") == 0)
		e.field = "text";
	findings_page(r, w, form, edit, &e, 1);
	if (err->rc == CAIRN_EPERM)
		w->status = 403;
}

/* Reads the posted finding number; false (an error page written) if bad. */
static bool
posted_finding(struct web_req *r, struct web_resp *w, long *fid)
{
	const char *s = web_field(r, "finding");

	if (s == NULL || !text_parse_long(s, 1, 2000000000L, fid)) {
		web_error_page(r, w, 400, "Nothing was changed",
		    "No finding was named. Go back and use a button beside a finding.");
		return false;
	}
	return true;
}

void
page_finding_add(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct buf qis = BUF_INIT;

	if (app_finding_add_linked(r->st, &r->actor, r->insp, web_field(r, "kind"),
	        web_field(r, "text"), ticked_qis(r, &qis), web_field(r, "evidence"), NULL,
	        &err) != CAIRN_OK)
		findings_refused(r, w, "add", 0, &err, "text");
	else
		findings_done(r, w, "added");
	buf_free(&qis);
}

void
page_finding_edit(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct buf qis = BUF_INIT;
	long fid;

	if (!posted_finding(r, w, &fid))
		return;
	if (app_finding_update(r->st, &r->actor, r->insp, fid, web_field(r, "kind"),
	        web_field(r, "text"), ticked_qis(r, &qis), web_field(r, "evidence"),
	        &err) != CAIRN_OK)
		findings_refused(r, w, "change", fid, &err, "text");
	else
		findings_done(r, w, "changed");
	buf_free(&qis);
}

void
page_finding_move(struct web_req *r, struct web_resp *w)
{
	const char *dir = web_field(r, "direction");
	struct cairn_err err = { 0 };
	long fid;

	if (!posted_finding(r, w, &fid))
		return;
	if (app_finding_move(r->st, &r->actor, r->insp, fid,
	        dir != NULL && strcmp(dir, "up") == 0 ? -1 : 1, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "finding move", &err);
			return;
		}
		web_error_page(r, w, 400, "The finding was not moved", err.msg);
		return;
	}
	findings_done(r, w, "moved");
}

void
page_finding_remove(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	long fid;

	if (!posted_finding(r, w, &fid))
		return;
	if (app_finding_remove(r->st, &r->actor, r->insp, fid, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "finding remove", &err);
			return;
		}
		web_error_page(r, w, 409, "The finding was not removed", err.msg);
		return;
	}
	findings_done(r, w, "removed");
}

void
page_confidence(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	const char *text = web_form(r, "statement");

	if (app_confidence_set(r->st, &r->actor, r->insp, web_field(r, "level"),
	        text != NULL ? text : "", &err) != CAIRN_OK) {
		if (strcmp(err.field, "text") == 0)
			text_copy(err.field, sizeof(err.field), "statement");
		findings_refused(r, w, "confidence", 0, &err, "level");
		return;
	}
	findings_done(r, w, "confidence");
}
