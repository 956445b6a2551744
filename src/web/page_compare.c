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

#include "app/access/lookup.h"
#include "app/setup/inspection.h"
#include "app/records/compare.h"
#include "app/records/population.h"
#include "app/records/reader.h"
#include "app/records/lookup.h"
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
#include "web/apibody.h"
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
	struct account *people = NULL;
	size_t npeople = 0;
	char who[300];

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
	/* The two readers, "Name (username)" (one read). */
	web_people_named(r, x->insp, ACTION_VIEW_CHILD_RECORDS, c->reader, 2, &people, &npeople);
	buf_printf(&c1, "First reading (%s)",
	    web_person_named(people, npeople, c->reader[0], who, sizeof(who)));
	buf_printf(&c2, "Second reading (%s)",
	    web_person_named(people, npeople, c->reader[1], who, sizeof(who)));
	accounts_free(people, npeople);
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
	if (role_may(r->role, ACTION_MANAGE_READERS)) {
		struct buf fix = BUF_INIT;

		buf_printf(&fix, "/inspections/%ld/correct?ref=", x->insp);
		web_put_segment(&fix, m->ref);
		web_para_link(&h, buf_str(&fix), "Correct one of these submitted readings");
		buf_free(&fix);
	}
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

/* ---- correcting a submitted reading (the lead or depute) ---- */

/* Most item/agency choices on the correction form. */
#define CORRECT_CHOICES_MAX 200

/* Writes the list of records with a submitted reading, each linking to
 * its correction form; the readers named "Name (username)" (one read). */
static void
correct_list(struct web_req *r, struct html *h, const struct reading_ctx *x)
{
	static const char *const cols[] = { "Record", "Submitted readings", "Action" };
	const char **by = xcalloc(x->nreadings > 0 ? x->nreadings : 1, sizeof(*by));
	struct account *people = NULL;
	size_t shown = 0, npeople = 0;
	char name[300];

	for (size_t k = 0; k < x->nreadings; k++)
		by[k] = x->readings[k].submitted ? reading_ctx_reader(x, &x->readings[k]) : NULL;
	web_people_named(r, x->insp, ACTION_MANAGE_READERS, by, x->nreadings, &people, &npeople);
	free(by);

	for (size_t i = 0; i < x->sample.nmembers; i++) {
		const struct sample_member *m = &x->sample.members[i];
		struct buf href = BUF_INIT, who = BUF_INIT;
		char label[200];

		for (size_t k = 0; k < x->nreadings; k++)
			if (x->readings[k].member_id == m->id && x->readings[k].submitted)
				buf_printf(&who, "%s%s", who.len ? ", " : "",
				    web_person_named(people, npeople,
				        reading_ctx_reader(x, &x->readings[k]), name,
				        sizeof(name)));
		if (who.len == 0) {
			buf_free(&who);
			continue;
		}
		if (shown++ == 0)
			ui_table_begin(h, "Records with a submitted reading", cols, 3);
		buf_printf(&href, "/inspections/%ld/correct?ref=", x->insp);
		web_put_segment(&href, m->ref);
		snprintf(label, sizeof(label), "Correct a reading of %s", m->ref);
		ui_row_begin(h);
		ui_cell(h, m->ref, true);
		ui_cell(h, buf_str(&who), false);
		html_open(h, HE_TD, HA__MAX);
		ui_link(h, buf_str(&href), label);
		html_close(h);
		ui_row_end(h);
		buf_free(&href);
		buf_free(&who);
	}
	if (shown > 0)
		ui_table_end(h);
	else
		html_elem(h, HE_P, NULL, "No reading has been submitted yet.");
	accounts_free(people, npeople);
}

/* Writes the submitted readings of m with their answers and history, and
 * the correction form. */
static void
correct_record(struct web_req *r, struct html *h, const struct reading_ctx *x,
    const struct sample_member *m, const struct ui_error *errors, size_t nerr)
{
	static const char *const acols[] = { "Question", "Answer" };
	static const char *const hcols[] = { "Question", "Was", "Now", "Reason", "By", "When" };
	struct ui_option readers[16], *items;
	char(*ival)[200], (*ilab)[300], rlab[16][300], who[300], by[300];
	struct buf action = BUF_INIT;
	struct ui_field f;
	struct account *people = NULL;
	size_t nreaders = 0, nitems = 0, npeople = 0;

	/* Readers and who changed their readings, "Name (username)": one read of
	 * every account's name (the changes are read reading by reading), a
	 * disabled account keeping its name. */
	web_people_named(r, x->insp, ACTION_MANAGE_READERS, NULL, 0, &people, &npeople);

	for (size_t k = 0; k < x->nreadings; k++) {
		const struct reading *rd = &x->readings[k];
		struct answer_change *ch = NULL;
		struct cairn_err err = { 0 };
		size_t nch = 0;
		char title[400];

		if (rd->member_id != m->id || !rd->submitted)
			continue;
		web_person_named(people, npeople, reading_ctx_reader(x, rd), who, sizeof(who));
		if (nreaders < sizeof(readers) / sizeof(readers[0])) {
			snprintf(rlab[nreaders], sizeof(rlab[0]), "%s", who);
			readers[nreaders] =
			    (struct ui_option){ reading_ctx_reader(x, rd), rlab[nreaders] };
			nreaders++;
		}
		snprintf(title, sizeof(title), "Reading by %s (submitted)", who);
		html_elem(h, HE_H2, NULL, title);
		ui_table_begin(h, title, acols, 2);
		for (size_t i = 0; i < x->nanswers; i++) {
			const struct reading_answer *a = &x->answers[i];
			const struct template_item *it;
			const struct template_agency *ag;
			struct buf q = BUF_INIT;

			if (a->reading_id != rd->id)
				continue;
			it = template_item(&x->tpl, a->item);
			ag = a->agency[0] ? template_agency(&x->tpl, a->agency) : NULL;
			buf_printf(&q, "%s%s%s%s", it ? it->text : a->item, ag ? " (" : "",
			    ag ? ag->name : "", ag ? ")" : "");
			ui_row_begin(h);
			ui_cell(h, buf_str(&q), true);
			ui_cell(h, a->answer, false);
			ui_row_end(h);
			buf_free(&q);
		}
		ui_table_end(h);
		if (app_answer_change_list(r->st, &r->actor, x->insp, rd->id, &ch, &nch, &err) ==
		        CAIRN_OK &&
		    nch > 0) {
			snprintf(title, sizeof(title),
			    "Changes to the reading by %s after it was "
			    "submitted",
			    who);
			ui_table_begin(h, title, hcols, 6);
			for (size_t i = 0; i < nch; i++) {
				const struct template_item *cit =
				    template_item(&x->tpl, ch[i].item);
				const struct template_agency *cag =
				    ch[i].agency[0] ? template_agency(&x->tpl, ch[i].agency) : NULL;
				struct buf q = BUF_INIT;

				/* The question and agency by their names, as the answers above. */
				buf_printf(&q, "%s%s%s%s", cit ? cit->text : ch[i].item,
				    ch[i].agency[0] ? " (" : "", cag ? cag->name : ch[i].agency,
				    ch[i].agency[0] ? ")" : "");
				ui_row_begin(h);
				ui_cell(h, buf_str(&q), true);
				ui_cell(h, ch[i].old_answer ? ch[i].old_answer : "Not answered",
				    false);
				ui_cell(h, ch[i].new_answer, false);
				ui_cell(h, ch[i].reason, false);
				ui_cell(h,
				    web_person_named(people, npeople, ch[i].actor, by, sizeof(by)),
				    false);
				ui_cell_date(h, ch[i].at, NULL);
				ui_row_end(h);
				buf_free(&q);
			}
			ui_table_end(h);
		}
		answer_changes_free(ch, nch);
	}
	if (nreaders == 0) {
		html_elem(h, HE_P, NULL,
		    "This record has no submitted reading. A reading that is not yet submitted "
		    "is changed by its reader.");
		if (nerr == 0)
			goto done;
		/* After a refusal, the form again so that the error sits at its input. */
		for (size_t k = 0; k < x->nreadings && nreaders < 16; k++)
			if (x->readings[k].member_id == m->id) {
				web_person_named(people, npeople,
				    reading_ctx_reader(x, &x->readings[k]), rlab[nreaders],
				    sizeof(rlab[0]));
				readers[nreaders] =
				    (struct ui_option){ reading_ctx_reader(x, &x->readings[k]),
					    rlab[nreaders] };
				nreaders++;
			}
		if (nreaders == 0)
			goto done;
	}
	items = xcalloc(CORRECT_CHOICES_MAX, sizeof(*items));
	ival = xcalloc(CORRECT_CHOICES_MAX, sizeof(*ival));
	ilab = xcalloc(CORRECT_CHOICES_MAX, sizeof(*ilab));
	for (size_t i = 0; i < x->tpl.nitems; i++) {
		const struct template_item *it = &x->tpl.items[i];

		for (size_t g = 0; g < (it->per_agency ? x->tpl.nagencies : 1); g++) {
			if (nitems == CORRECT_CHOICES_MAX)
				break;
			if (it->per_agency) {
				snprintf(ival[nitems], sizeof(ival[0]), "%s@%s", it->code,
				    x->tpl.agencies[g].code);
				snprintf(ilab[nitems], sizeof(ilab[0]), "%s (%s)", it->text,
				    x->tpl.agencies[g].name);
			} else {
				snprintf(ival[nitems], sizeof(ival[0]), "%s", it->code);
				snprintf(ilab[nitems], sizeof(ilab[0]), "%s", it->text);
			}
			items[nitems] = (struct ui_option){ ival[nitems], ilab[nitems] };
			nitems++;
		}
	}
	html_elem(h, HE_H2, NULL, "Correct an answer");
	html_elem(h, HE_P, NULL,
	    "The reading stays its reader's and stays submitted; the old answer is kept in its "
	    "history with your reason.");
	buf_printf(&action, "/inspections/%ld/correct", x->insp);
	ui_form_begin(h, buf_str(&action), r->sess.csrf, false);
	ui_hidden(h, "ref", m->ref);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "reader";
	f.label = "Reading by";
	f.value = nerr > 0 ? web_form(r, "reader") : NULL;
	f.error = ui_error_for(errors, nerr, "reader");
	ui_select(h, &f, readers, nreaders);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "item";
	f.label = "Question";
	f.value = nerr > 0 ? web_form(r, "item") : NULL;
	f.error = ui_error_for(errors, nerr, "item");
	ui_select(h, &f, items, nitems);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "answer";
	f.label = "Corrected answer";
	f.hint = "A level from 1 to 6 or its label, yes, no or na, or one of the item's "
	         "choices.";
	f.value = nerr > 0 ? web_form(r, "answer") : NULL;
	f.error = ui_error_for(errors, nerr, "answer");
	ui_input(h, &f);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "reason";
	f.label = "Reason for the correction";
	f.hint = "Kept with the change, e.g. what the moderation meeting found.";
	f.value = nerr > 0 ? web_form(r, "reason") : NULL;
	f.error = ui_error_for(errors, nerr, "reason");
	ui_textarea(h, &f, 3);
	ui_button(h, "Correct the reading", UI_BUTTON_PRIMARY);
	ui_form_end(h);
	buf_free(&action);
	free(items);
	free(ival);
	free(ilab);
done:
	accounts_free(people, npeople);
}

/* Writes the correction page: the list, or one record's readings and the
 * form. */
static void
correct_page(struct web_req *r, struct web_resp *w, const char *ref, const struct ui_error *errors,
    size_t nerr)
{
	struct reading_ctx x;
	const struct sample_member *m = NULL;
	struct web_frame fr;
	struct html h;
	struct buf title = BUF_INIT;
	struct cairn_err err = { 0 };

	/* The list before there is a sample is empty, not missing. */
	if (ref == NULL && nerr == 0 && app_reading_ctx(r->st, r->insp, &x, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_reading_none(r, w, r->insp, "Correct a submitted reading");
		else
			web_internal(r, w, "reading", &err);
		return;
	}
	if ((ref != NULL || nerr > 0) && !web_reading_ctx(r, w, r->insp, &x))
		return;
	if (ref != NULL) {
		m = sample_find(&x.sample, ref);
		if (m == NULL || m->status != SAMPLE_SELECTED) {
			reading_ctx_free(&x);
			web_error_page(r, w, 404, "Page not found",
			    "There is no selected record of the sample at this address.");
			return;
		}
		if (!web_view_audited(r, w, r->insp, "reading.view", m->ref))
			goto out;
	}
	if (m != NULL)
		buf_printf(&title, "Correct a reading of record %s", m->ref);
	else
		buf_printf(&title, "Correct a submitted reading");
	web_frame_begin(r, w, &h, &fr, r->insp, buf_str(&title), true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (nerr == 0 && web_query(r, "done") != NULL)
		ui_notification(&h, "Reading corrected; the old answer is kept in its history.");
	if (m == NULL)
		correct_list(r, &h, &x);
	else
		correct_record(r, &h, &x, m, errors, nerr);
	if (m != NULL) {
		char back[80];

		snprintf(back, sizeof(back), "/inspections/%ld/correct", r->insp);
		web_para_link(&h, back, "Back to the records with submitted readings");
	} else {
		web_para_link(&h, fr.back, "Back to the inspection");
	}
	ui_page_end(&h);
out:
	buf_free(&title);
	reading_ctx_free(&x);
}

void
page_correct_form(struct web_req *r, struct web_resp *w)
{
	correct_page(r, w, web_query(r, "ref"), NULL, 0);
}

/* Splits "ITEM@AGENCY" into e's item and agency (copy is the caller's). */
static void
split_item(char *copy, struct reading_entry *e)
{
	char *at = strchr(copy, '@');

	if (at != NULL)
		*at++ = '\0';
	e->item = copy;
	e->agency = at;
}

/* The form input an error of app_reading_correct belongs to: its own
 * field when the form has it; an item's code (a bad answer) is the
 * answer's input. */
static const char *
correct_input(const struct cairn_err *err)
{
	static const char *const inputs[] = { "reader", "item", "answer", "reason" };

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		if (strcmp(err->field, inputs[i]) == 0)
			return inputs[i];
	return strcmp(err->field, "ref") == 0 ? "reader" : "answer";
}

void
page_correct(struct web_req *r, struct web_resp *w)
{
	const char *ref = web_field(r, "ref"), *reader = web_field(r, "reader");
	const char *item = web_field(r, "item"), *answer = web_field(r, "answer");
	const char *reason = web_field(r, "reason");
	struct reading_entry e = { 0 };
	struct ui_error errors[5];
	struct cairn_err err = { 0 };
	char msg[CAIRN_ERR_MSG], *copy = NULL;
	struct buf loc = BUF_INIT;
	size_t nerr = 0;
	long changed = 0;

	if (ref == NULL) {
		web_error_page(r, w, 400, "Choose a record",
		    "Choose the record whose reading you want to correct.");
		return;
	}
	if (reader == NULL)
		errors[nerr++] = (struct ui_error){ "reader", "Choose whose reading to correct" };
	if (item == NULL)
		errors[nerr++] = (struct ui_error){ "item", "Choose the question to correct" };
	if (answer == NULL)
		errors[nerr++] = (struct ui_error){ "answer", "Enter the corrected answer" };
	if (reason == NULL)
		errors[nerr++] =
		    (struct ui_error){ "reason", "Give the reason for the correction" };
	if (nerr == 0) {
		copy = xstrdup(item);
		split_item(copy, &e);
		e.ref = ref;
		e.reader = reader;
		e.answer = answer;
		if (app_reading_correct(r->st, &r->actor, r->insp, ref, reader, &e, 1, reason,
		        &changed, &err) != CAIRN_OK) {
			if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
				free(copy);
				web_internal(r, w, "reading correct", &err);
				return;
			}
			text_copy(msg, sizeof(msg), err.msg);
			errors[nerr++] = (struct ui_error){ correct_input(&err), msg };
		}
	}
	free(copy);
	if (nerr > 0) {
		correct_page(r, w, ref, errors, nerr);
		return;
	}
	buf_printf(&loc, "/inspections/%ld/correct?done=1&ref=", r->insp);
	web_put_segment(&loc, ref);
	web_redirect(w, buf_str(&loc));
	buf_free(&loc);
}

/* A correction: the reader, the reason, and answers keyed "ITEM" or
 * "ITEM@AGENCY". */
static const struct api_field correct_fields[] = {
	{ "reader", AT_STRING, true, false, 1, 200, 0 },
	{ "reason", AT_STRING, true, false, 1, READING_TEXT_MAX, 0 },
	{ "answers", AT_STRING_MAP, true, false, 0, READING_TEXT_MAX, 64 },
};
const struct api_schema api_correct_schema = { "CorrectionBody", correct_fields,
	sizeof(correct_fields) / sizeof(correct_fields[0]) };

void
api_correct(struct web_req *r, struct web_resp *w)
{
	struct reading_entry e[64];
	char *copies[64] = { 0 };
	struct cairn_err err = { 0 };
	const char *key, *ref = r->nargs > 1 ? r->args[1] : "";
	json_t *body, *answers, *v;
	size_t n = 0;
	long changed = 0;

	if ((body = api_body(r, w, &api_correct_schema)) == NULL)
		return;
	answers = json_object_get(body, "answers");
	json_object_foreach(answers, key, v)
	{
		if (n == 64)
			break;
		copies[n] = xstrdup(key);
		memset(&e[n], 0, sizeof(e[n]));
		split_item(copies[n], &e[n]);
		e[n].ref = ref;
		e[n].reader = json_string_value(json_object_get(body, "reader"));
		e[n].answer = json_string_value(v);
		n++;
	}
	if (app_reading_correct(r->st, &r->actor, r->insp, ref,
	        json_string_value(json_object_get(body, "reader")), e, n,
	        json_string_value(json_object_get(body, "reason")), &changed, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM)
			web_json_err(w, 403, &err, NULL);
		else if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE)
			web_json_err(w, err.code == CAIRN_CODE_CONFLICT ? 409 : 422, &err, NULL);
		else
			web_json_error(w, 500,
			    "the reading could not be corrected; nothing was changed", NULL);
	} else {
		web_send_json(w, 200,
		    json_pack("{s:s, s:s, s:I, s:s}", "ref", ref, "reader",
		        json_string_value(json_object_get(body, "reader")), "changed",
		        (json_int_t)changed, "status", "submitted"));
	}
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
	json_decref(body);
}
