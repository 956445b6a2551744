/*
 * Matters of concern about a child: the list, raising one (also from a
 * reading) and closing one.
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

/* Writes the concerns page with the raise form's errors. */
static void
concerns_page(struct web_req *r, struct web_resp *w, long id, const struct ui_error *errors,
    size_t nerr)
{
	static const char *const cols[] = { "Number", "Record", "Raised", "By", "Concern",
		"Status" };
	struct concern *v = NULL;
	struct sample s = { 0 };
	struct ui_option *opts = NULL;
	struct cairn_err err = { 0 };
	struct buf action = BUF_INIT;
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	const char *done = web_query(r, "done");
	const char *close_id = web_form(r, "concern");
	size_t n = 0, nopt = 0;
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
		    strcmp(done, "closed") == 0 ? "Concern marked as followed up."
		                                : "Concern raised.");
	html_elem(&h, HE_P, NULL,
	    "A matter of concern is something about a child's safety or "
	    "wellbeing found while reading their records. It stays open until the lead has "
	    "followed it up with the partnership.");
	if (n == 0) {
		html_elem(&h, HE_P, NULL, "No matters of concern have been raised.");
	} else {
		ui_table_begin(&h, "Matters of concern", cols, 6);
		for (size_t i = 0; i < n; i++) {
			char num[32];

			snprintf(num, sizeof(num), "%ld", v[i].id);
			ui_row_begin(&h);
			ui_cell(&h, num, true);
			ui_cell(&h, v[i].ref, false);
			ui_cell_date(&h, v[i].raised_at, NULL);
			ui_cell(&h, v[i].raised_by, false);
			ui_cell(&h, v[i].text, false);
			html_open(&h, HE_TD, HA__MAX);
			if (v[i].closed_by != NULL) {
				ui_tag(&h, "Followed up", "green");
				html_open(&h, HE_P, HA__MAX);
				html_textf(&h, "%s, ", v[i].closed_by);
				ui_date(&h, v[i].closed_at);
				html_textf(&h, ": %s",
				    v[i].close_note != NULL ? v[i].close_note : "");
				html_close(&h);
			} else {
				char nid[48], lab[80];
				long posted = 0;
				bool mine = close_id != NULL &&
				    text_parse_long(close_id, 1, 2000000000L, &posted) &&
				    posted == v[i].id;

				ui_tag(&h, "Open", "orange");
				snprintf(nid, sizeof(nid), "close-note-%ld", v[i].id);
				snprintf(lab, sizeof(lab), "What was done about concern %ld",
				    v[i].id);
				buf_reset(&action);
				buf_printf(&action, "/inspections/%ld/concerns/%ld/close", id,
				    v[i].id);
				ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
				ui_hidden(&h, "concern", num);
				memset(&f, 0, sizeof(f));
				f.id = nid;
				f.name = "note";
				f.label = lab;
				f.value = mine ? web_form(r, "note") : NULL;
				f.error = mine ? ui_error_for(errors, nerr, nid) : NULL;
				ui_textarea(&h, &f, 2);
				ui_button(&h, "Mark followed up", UI_BUTTON_SMALL);
				ui_form_end(&h);
			}
			html_close(&h);
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
		html_elem(&h, HE_H2, NULL, "Raise a matter of concern");
		buf_reset(&action);
		buf_printf(&action, "/inspections/%ld/concerns", id);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "ref";
		f.label = "Record";
		f.value = close_id == NULL ? web_form(r, "ref") : NULL;
		f.error = ui_error_for(errors, nerr, "ref");
		ui_select(&h, &f, opts, nopt);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "text";
		f.label = "The concern";
		f.value = close_id == NULL ? web_form(r, "text") : NULL;
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
	long id;

	id = r->insp;
	concerns_page(r, w, id, NULL, 0);
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
	    app_concern_raise(r->st, &r->actor, id, ref, NULL, web_field(r, "kind"), text, &cid, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "concern raise", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] =
		    (struct ui_error){ strcmp(err.field, "ref") == 0 ? "ref" : "text", msg };
	}
	if (nerr > 0) {
		concerns_page(r, w, id, errors, nerr);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/concerns?done=raised", id);
	web_redirect(w, loc);
}

void
page_concern_close(struct web_req *r, struct web_resp *w)
{
	const char *note = web_field(r, "note");
	struct ui_error e;
	struct cairn_err err = { 0 };
	char nid[48], msg[CAIRN_ERR_MSG], loc[80];
	long id, cid;

	id = r->insp;
	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 2000000000L, &cid)) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	snprintf(nid, sizeof(nid), "close-note-%ld", cid);
	if (app_concern_close(r->st, &r->actor, id, cid, note, &err) != CAIRN_OK) {
		if (err.code == CAIRN_CODE_UNKNOWN) {
			web_error_page(r, w, 404, "Page not found",
			    "There is no open concern at this address.");
			return;
		}
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "concern close", &err);
			return;
		}
		text_copy(msg, sizeof(msg),
		    note == NULL ? "Say what was done to follow the concern up" : err.msg);
		e = (struct ui_error){ nid, msg };
		concerns_page(r, w, id, &e, 1);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/concerns?done=closed", id);
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
	if (app_concern_raise(r->st, &r->actor, id, m->ref, me->name, NULL, text, &cid, &err) !=
	    CAIRN_OK) {
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
