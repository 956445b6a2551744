/*
 * The side-by-side comparison of paired (double) readings and their
 * resolution.
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
#include "app/records/compare.h"
#include "app/records/population.h"
#include "app/records/reader.h"
#include "app/records/reading.h"
#include "app/access/role.h"
#include "app/records/sample.h"
#include "app/setup/team.h"
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

/* ---- paired-reading comparison and resolution ---- */

void
page_compare_list(struct web_req *r, struct web_resp *w)
{
	static const char *const cols[] = { "Record", "Readings", "Differences", "Resolved",
		"Action" };
	struct reading_ctx x;
	struct comparison cmp;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	size_t shown = 0;
	long id;

	id = r->insp;
	if (app_reading_ctx(r->st, id, &x, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA) {
			web_internal(r, w, "reading", &err);
			return;
		}
		web_frame_begin(r, w, &h, &fr, id, "Paired readings", false);
		html_elem(&h, HE_P, NULL,
		    "There is nothing to compare yet: no sample has been drawn.");
		web_para_link(&h, fr.back, "Back to the inspection");
		ui_page_end(&h);
		return;
	}
	if (!web_view_audited(r, w, id, "reading.compare.view", NULL))
		goto out;
	web_frame_begin(r, w, &h, &fr, id, "Paired readings", true);
	html_elem(&h, HE_P, NULL,
	    "Records read twice, with the items where the two submitted "
	    "readings differ. Open a record to compare the readings side by side and record the "
	    "agreed answers.");
	reading_compare(&x, NULL, &cmp);
	for (size_t i = 0; i < cmp.nrecords; i++) {
		const struct compare_record *c = &cmp.records[i];
		const struct sample_member *m = c->member;
		const struct reading *const *rd = c->reading;
		char a[32], b[32];
		struct buf href = BUF_INIT;

		if (shown++ == 0)
			ui_table_begin(&h, "Double-read records", cols, 5);
		snprintf(a, sizeof(a), "%zu", c->ndiff);
		snprintf(b, sizeof(b), "%zu", c->nresolved);
		ui_row_begin(&h);
		ui_cell(&h, m->ref, true);
		ui_cell(&h,
		    rd[1] != NULL       ? "Both submitted"
		        : rd[0] != NULL ? "One submitted"
		                        : "None submitted",
		    false);
		ui_cell(&h, rd[1] != NULL ? a : "", false);
		ui_cell(&h, rd[1] != NULL ? b : "", false);
		html_open(&h, HE_TD, HA__MAX);
		if (rd[1] != NULL) {
			char label[200];

			buf_printf(&href, "/inspections/%ld/compare/", id);
			web_put_segment(&href, m->ref);
			snprintf(label, sizeof(label), "Compare %s", m->ref);
			ui_link(&h, buf_str(&href), label);
		}
		html_close(&h);
		ui_row_end(&h);
		buf_free(&href);
	}
	if (shown > 0)
		ui_table_end(&h);
	else
		html_elem(&h, HE_P, NULL, "No record of the sample is marked to be read twice.");
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	comparison_free(&cmp);
out:
	reading_ctx_free(&x);
}

/* Writes the side-by-side page of member m; err_item/err_agency name the
 * item whose resolution form has errors. */
static void
compare_page(struct web_req *r, struct web_resp *w, const struct reading_ctx *x,
    const struct sample_member *m, const char *err_item, const char *err_agency,
    const struct ui_error *errors, size_t nerr)
{
	static const char *const cols[] = { "Question", "First reading", "Second reading",
		"Agreed answer" };
	struct comparison cmp;
	const struct compare_record *c;
	struct buf title = BUF_INIT, action = BUF_INIT, c1 = BUF_INIT, c2 = BUF_INIT;
	struct web_frame fr;
	struct html h;

	reading_compare(x, m->ref, &cmp);
	if (cmp.nrecords == 0 || cmp.records[0].reading[1] == NULL) {
		comparison_free(&cmp);
		web_error_page(r, w, 404, "Page not found",
		    "There is no pair of readings to compare at this address.");
		return;
	}
	c = &cmp.records[0];
	buf_printf(&title, "Paired readings of record %s", m->ref);
	web_frame_begin(r, w, &h, &fr, x->insp, buf_str(&title), true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (web_query(r, "resolved") != NULL && nerr == 0)
		ui_notification(&h, "Agreed answer recorded.");
	{
		char line[160];

		snprintf(line, sizeof(line), "%zu difference%s between the readings, %zu resolved.",
		    c->ndiff, c->ndiff == 1 ? "" : "s", c->nresolved);
		html_elem(&h, HE_P, NULL, line);
	}
	buf_printf(&c1, "First reading (%s)", c->reader[0]);
	buf_printf(&c2, "Second reading (%s)", c->reader[1]);
	{
		const char *hc[4] = { cols[0], buf_str(&c1), buf_str(&c2), cols[3] };

		ui_table_begin(&h, "The two readings side by side", hc, 4);
	}
	for (size_t k = 0; k < c->nitems; k++) {
		const struct compare_item *ci = &c->items[k];
		struct buf q = BUF_INIT;

		buf_printf(&q, "%s%s%s%s", ci->item->text, ci->agency ? " (" : "",
		    ci->agency ? ci->agency->name : "", ci->agency ? ")" : "");
		ui_row_begin(&h);
		ui_cell(&h, buf_str(&q), true);
		ui_cell(&h, ci->first != NULL ? ci->first : "Not answered", false);
		ui_cell(&h, ci->second != NULL ? ci->second : "Not answered", false);
		html_open(&h, HE_TD, HA__MAX);
		if (!ci->differ)
			html_text(&h, "Same");
		else if (ci->resolution != NULL)
			ui_tag(&h, ci->resolution->answer, "green");
		else
			ui_tag(&h, "Differs", "orange");
		html_close(&h);
		ui_row_end(&h);
		buf_free(&q);
	}
	ui_table_end(&h);
	/* One resolution form per differing item, so each works without script. */
	for (size_t k = 0; k < c->nitems; k++) {
		const struct compare_item *ci = &c->items[k];
		const struct template_item *it = ci->item;
		const char *ag = ci->agency_code;
		const struct resolution *res = ci->resolution;
		bool mine = err_item != NULL && strcmp(err_item, it->code) == 0 &&
		    strcmp(err_agency, ag) == 0;
		struct ui_option opts[32];
		char lab[32][160], val[32][16], aid[200], nid[200];
		struct ui_field f = { 0 };
		struct buf legend = BUF_INIT;
		size_t nopt;

		if (!ci->differ)
			continue;
		snprintf(aid, sizeof(aid), "answer-%s%s%s", it->code, ag[0] ? "-" : "", ag);
		snprintf(nid, sizeof(nid), "note-%s%s%s", it->code, ag[0] ? "-" : "", ag);
		buf_printf(&legend, "Agreed answer: %s%s%s%s", it->text, ci->agency ? " (" : "",
		    ci->agency ? ci->agency->name : "", ci->agency ? ")" : "");
		html_elem(&h, HE_H2, NULL, buf_str(&legend));
		buf_reset(&action);
		buf_printf(&action, "/inspections/%ld/compare/", x->insp);
		web_put_segment(&action, m->ref);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		ui_hidden(&h, "item", it->code);
		ui_hidden(&h, "agency", ag);
		f.id = aid;
		f.name = "answer";
		f.label = "The answer both readers agree on";
		f.value = mine ? web_form(r, "answer") : res != NULL ? res->answer : NULL;
		f.error = mine ? ui_error_for(errors, nerr, aid) : NULL;
		nopt = web_item_options(it, &x->fw.scale, opts, lab, val, 32);
		if (nopt > 0)
			ui_radios(&h, &f, opts, nopt);
		else
			ui_textarea(&h, &f, 3);
		memset(&f, 0, sizeof(f));
		f.id = nid;
		f.name = "note";
		f.label = "How it was agreed";
		f.hint = "Kept with the agreed answer, e.g. what the readers found on "
		         "discussing it.";
		f.value = mine ? web_form(r, "note") : res != NULL ? res->note : NULL;
		f.error = mine ? ui_error_for(errors, nerr, nid) : NULL;
		ui_textarea(&h, &f, 2);
		ui_button(&h, res != NULL ? "Change the agreed answer" : "Record the agreed answer",
		    UI_BUTTON_SECONDARY);
		ui_form_end(&h);
		buf_free(&legend);
	}
	buf_reset(&action);
	buf_printf(&action, "/inspections/%ld/compare", x->insp);
	web_para_link(&h, buf_str(&action), "Back to paired readings");
	ui_page_end(&h);
	buf_free(&title);
	buf_free(&action);
	buf_free(&c1);
	buf_free(&c2);
	comparison_free(&cmp);
}

/* Loads the context and the selected record {ref}; false (page
 * written) otherwise.  *ready tells whether it is double-read with two
 * submitted readings. */
static bool
compare_target(struct web_req *r, struct web_resp *w, long *id, struct reading_ctx *x,
    const struct sample_member **m, bool *ready)
{
	const struct reading *rd[2] = { NULL, NULL };

	*id = r->insp;
	if (!web_reading_ctx(r, w, *id, x))
		return false;
	*m = r->nargs > 1 ? sample_find(&x->sample, r->args[1]) : NULL;
	if (*m == NULL || (*m)->status != SAMPLE_SELECTED) {
		reading_ctx_free(x);
		web_error_page(r, w, 404, "Page not found",
		    "There is no selected record of the "
		    "sample at this address.");
		return false;
	}
	reading_ctx_pair(x, (*m)->id, rd);
	*ready = (*m)->double_read && rd[1] != NULL;
	return true;
}

void
page_compare(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	const struct sample_member *m;
	struct web_frame fr;
	struct html h;
	bool ready;
	long id;

	if (!compare_target(r, w, &id, &x, &m, &ready))
		return;
	if (!web_view_audited(r, w, id, "reading.compare.view", m->ref))
		goto out;
	if (ready) {
		compare_page(r, w, &x, m, NULL, NULL, NULL, 0);
		goto out;
	}
	web_frame_begin(r, w, &h, &fr, id, "Paired readings", false);
	html_elem(&h, HE_P, NULL,
	    m->double_read ? "This record does not have two submitted "
	                     "readings yet."
	                   : "This record is not read twice, so there is nothing to compare.");
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
out:
	reading_ctx_free(&x);
}

void
page_resolve(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	const struct sample_member *m;
	const char *item = web_form(r, "item"), *agency = web_form(r, "agency");
	const char *answer = web_field(r, "answer"), *note = web_field(r, "note");
	const struct template_item *it;
	struct ui_error errors[2];
	struct cairn_err err = { 0 };
	char aid[200], nid[200], msg[CAIRN_ERR_MSG];
	struct buf loc = BUF_INIT;
	size_t nerr = 0;
	bool ready;
	long id;

	if (!compare_target(r, w, &id, &x, &m, &ready))
		return;
	if (!ready) {
		web_error_page(r, w, 400, "Nothing was recorded",
		    "Only differences between two "
		    "submitted readings of a double-read record are resolved.");
		goto out;
	}
	if (agency == NULL)
		agency = "";
	if (item == NULL || (it = template_item(&x.tpl, item)) == NULL ||
	    (agency[0] != '\0' && template_agency(&x.tpl, agency) == NULL)) {
		web_error_page(r, w, 400, "Nothing was recorded",
		    "The form named no question of "
		    "this inspection's reading template. Go back and use the form on the page.");
		goto out;
	}
	snprintf(aid, sizeof(aid), "answer-%s%s%s", item, agency[0] ? "-" : "", agency);
	snprintf(nid, sizeof(nid), "note-%s%s%s", item, agency[0] ? "-" : "", agency);
	if (answer == NULL)
		errors[nerr++] = (struct ui_error){ aid, "Choose the agreed answer" };
	if (note == NULL)
		errors[nerr++] = (struct ui_error){ nid, "Say how the answer was agreed" };
	if (nerr == 0 &&
	    app_reading_resolve(r->st, &r->actor, id, m->ref, item, agency[0] ? agency : NULL,
	        answer, note, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "resolve", &err);
			goto out;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] =
		    (struct ui_error){ strcmp(err.field, "note") == 0 ? nid : aid, msg };
	}
	if (nerr > 0) {
		compare_page(r, w, &x, m, item, agency, errors, nerr);
		goto out;
	}
	buf_printf(&loc, "/inspections/%ld/compare/", id);
	web_put_segment(&loc, m->ref);
	buf_puts(&loc, "?resolved=1");
	web_redirect(w, buf_str(&loc));
out:
	buf_free(&loc);
	reading_ctx_free(&x);
}
