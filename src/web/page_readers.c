/*
 * Records readers: add, pair and assign, and reassign a record.
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
#include "app/access/lookup.h"
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

/* ---- readers ---- */

/* Writes how a page names the reader id of plan p into out ("" when
 * unknown): by their account's name among the nacc accounts acc, as
 * web_person_named; returns out. */
static const char *
reader_name(const struct reading_plan *p, long id, const struct account *acc, size_t nacc,
    char *out, size_t outsz)
{
	const struct reader *rd = reading_plan_reader(p, id);

	if (rd == NULL) {
		snprintf(out, outsz, "%s", "");
		return out;
	}
	return web_person_named(acc, nacc, rd->name, out, outsz);
}

/* Writes the form that removes a reader, handing their records to
 * another reader chosen from the list (each named as among the nacc
 * accounts acc). */
static void
remove_form(struct web_req *r, struct html *h, long id, const struct reading_plan *p,
    const struct account *acc, size_t nacc, const struct ui_error *errors, size_t nerr)
{
	struct ui_option *names = xcalloc(p->nreaders + 1, sizeof(*names));
	char(*labels)[300] = xcalloc(p->nreaders + 1, sizeof(*labels));
	struct buf action = BUF_INIT;
	struct ui_field f;
	size_t n = 0;

	/* Each reader by their account's name. */
	for (size_t i = 0; i < p->nreaders; i++) {
		if (p->readers[i].removed)
			continue;
		web_person_named(acc, nacc, p->readers[i].name, labels[n], sizeof(labels[n]));
		names[n] = (struct ui_option){ p->readers[i].name, labels[n] };
		n++;
	}
	if (n == 0)
		goto out;
	html_elem(h, HE_H2, NULL, "Remove a reader");
	html_elem(h, HE_P, NULL,
	    "Their submitted readings are kept and stay theirs. The records they have not "
	    "yet submitted go, with their place in each pair, to the reader you choose: "
	    "another inspector for an inspector, another local reader for a local reader.");
	buf_printf(&action, "/inspections/%ld/readers/remove", id);
	ui_form_begin(h, buf_str(&action), r->sess.csrf, false);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "reader";
	f.label = "Reader to remove";
	f.value = nerr > 0 ? web_form(r, "reader") : NULL;
	f.error = ui_error_for(errors, nerr, "reader");
	ui_select(h, &f, names, n);
	names[n] = (struct ui_option){ "", "Nobody (only if they have nothing left to read)" };
	memset(&f, 0, sizeof(f));
	f.id = f.name = "to";
	f.label = "Reader who takes over their records";
	f.value = nerr > 0 ? web_form(r, "to") : "";
	f.error = ui_error_for(errors, nerr, "to");
	ui_select(h, &f, names, n + 1);
	ui_button(h, "Remove the reader", UI_BUTTON_SECONDARY);
	ui_form_end(h);
out:
	buf_free(&action);
	free(labels);
	free(names);
}

/* Writes the readers page: readers, pairs, assignments and the forms. */
static void
readers_page(struct web_req *r, struct web_resp *w, long id, const struct ui_error *errors,
    size_t nerr)
{
	static const char *const rcols[] = { "Reader", "Kind", "Agency", "Status" };
	static const char *const pcols[] = { "Pair", "Inspector", "Local reader", "Records" };
	static const char *const acols[] = { "Record", "Reading", "Pair" };
	static const struct ui_option kinds[] = { { "inspector", "Inspector" },
		{ "local", "Local reader from the partnership" } };
	struct reading_plan p = { 0 };
	struct sample s = { 0 };
	struct cairn_err err = { 0 };
	struct buf action = BUF_INIT;
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	const char *done = web_query(r, "done");
	struct account *acc = NULL;
	const char **by;
	size_t nacc = 0;
	bool have_sample;
	char num[32], num2[32], who[300], who2[300];

	if (app_reader_plan(r->st, id, &p, &err) != CAIRN_OK) {
		web_internal(r, w, "readers", &err);
		return;
	}
	/* Readers are named "Name (username)" (one read for the page; a
	 * disabled account keeps its name), as `cairn reader list`. */
	by = xcalloc(p.nreaders > 0 ? p.nreaders : 1, sizeof(*by));
	for (size_t i = 0; i < p.nreaders; i++)
		by[i] = p.readers[i].name;
	web_people_named(r, id, ACTION_VIEW_INSPECTION, by, p.nreaders, &acc, &nacc);
	free(by);
	have_sample = app_sample_load(r->st, id, &s, &err) == CAIRN_OK;
	if (p.nassigns > 0 && !web_view_audited(r, w, id, "reader.plan.view", "web"))
		goto out;
	web_frame_begin(r, w, &h, &fr, id, "Readers", true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (done != NULL && nerr == 0)
		ui_notification(&h,
		    strcmp(done, "assigned") == 0      ? "Readers paired and records "
		                                         "assigned."
		        : strcmp(done, "moved") == 0   ? "Reading moved to the other pair."
		        : strcmp(done, "removed") == 0 ? "Reader removed; their records not yet "
		                                         "read went to the reader you chose."
		                                       : "Reader added.");
	html_elem(&h, HE_H2, NULL, "Readers");
	if (p.nreaders == 0) {
		html_elem(&h, HE_P, NULL, "No readers yet.");
	} else {
		ui_table_begin(&h, "Readers of children's records", rcols, 4);
		for (size_t i = 0; i < p.nreaders; i++) {
			ui_row_begin(&h);
			ui_cell(&h,
			    web_person_named(acc, nacc, p.readers[i].name, who, sizeof(who)), true);
			ui_cell(&h,
			    p.readers[i].kind == READER_LOCAL ? "Local reader" : "Inspector",
			    false);
			ui_cell(&h, p.readers[i].agency != NULL ? p.readers[i].agency : "", false);
			ui_cell(&h,
			    p.readers[i].removed ? "Removed (submitted readings kept)" : "Reading",
			    false);
			ui_row_end(&h);
		}
		ui_table_end(&h);
		remove_form(r, &h, id, &p, acc, nacc, errors, nerr);
	}
	html_elem(&h, HE_H2, NULL, "Add a reader");
	buf_printf(&action, "/inspections/%ld/readers", id);
	ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "name";
	f.label = "Reader";
	f.hint = "They see the records assigned to them under 'My records to read'.";
	f.value = nerr > 0 ? web_form(r, "name") : NULL;
	f.error = ui_error_for(errors, nerr, "name");
	web_person_select(r, &h, &f, id, ACTION_MANAGE_READERS);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "kind";
	f.label = "Kind of reader";
	f.value = nerr > 0 ? web_form(r, "kind") : NULL;
	f.error = ui_error_for(errors, nerr, "kind");
	ui_radios(&h, &f, kinds, 2);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "agency";
	f.label = "Agency (optional)";
	f.value = nerr > 0 ? web_form(r, "agency") : NULL;
	f.error = ui_error_for(errors, nerr, "agency");
	ui_input(&h, &f);
	ui_button(&h, "Add reader", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	html_elem(&h, HE_H2, NULL, "Pairs");
	if (p.npairs == 0) {
		html_elem(&h, HE_P, NULL, "Readers are not paired yet.");
	} else {
		ui_table_begin(&h, "Reading pairs", pcols, 4);
		for (size_t i = 0; i < p.npairs; i++) {
			long count = 0;

			for (size_t k = 0; k < p.nassigns; k++)
				count += p.assigns[k].pair_id == p.pairs[i].id;
			snprintf(num, sizeof(num), "%ld", p.pairs[i].position);
			snprintf(num2, sizeof(num2), "%ld", count);
			ui_row_begin(&h);
			ui_cell(&h, num, true);
			ui_cell(&h,
			    reader_name(&p, p.pairs[i].inspector_id, acc, nacc, who, sizeof(who)),
			    false);
			ui_cell(&h,
			    reader_name(&p, p.pairs[i].local_id, acc, nacc, who2, sizeof(who2)),
			    false);
			ui_cell(&h, num2, false);
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	if (!have_sample) {
		html_elem(&h, HE_P, NULL, "Records can be assigned once the sample is drawn.");
	} else {
		html_elem(&h, HE_P, NULL,
		    "Pairing makes each local reader a pair with an inspector "
		    "(the first time) and spreads every unassigned selected record over the pairs; "
		    "a "
		    "double-read record's second reading goes to another pair.");
		buf_reset(&action);
		buf_printf(&action, "/inspections/%ld/readers/assign", id);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		ui_button(&h, "Pair readers and assign records", UI_BUTTON_SECONDARY);
		ui_form_end(&h);
	}
	if (p.nassigns > 0 && p.npairs > 1) {
		static const struct ui_option rounds[] = { { "1", "First reading" },
			{ "2", "Second reading" } };
		struct ui_option *refs = xcalloc(s.nmembers ? s.nmembers : 1, sizeof(*refs));
		struct ui_option *pairs = xcalloc(p.npairs, sizeof(*pairs));
		char(*pnum)[24] = xcalloc(p.npairs, sizeof(*pnum));
		char(*plab)[660] = xcalloc(p.npairs, sizeof(*plab));
		size_t nrefs = 0;

		for (size_t i = 0; i < s.nmembers; i++)
			if (s.members[i].status == SAMPLE_SELECTED)
				refs[nrefs++] =
				    (struct ui_option){ s.members[i].ref, s.members[i].ref };
		for (size_t i = 0; i < p.npairs; i++) {
			snprintf(pnum[i], sizeof(pnum[i]), "%ld", p.pairs[i].position);
			/* Each pair by its number and who reads in it. */
			snprintf(plab[i], sizeof(plab[i]), "Pair %ld: %s and %s",
			    p.pairs[i].position,
			    reader_name(&p, p.pairs[i].inspector_id, acc, nacc, who, sizeof(who)),
			    reader_name(&p, p.pairs[i].local_id, acc, nacc, who2, sizeof(who2)));
			pairs[i] = (struct ui_option){ pnum[i], plab[i] };
		}
		html_elem(&h, HE_H2, NULL, "Move a reading to another pair");
		buf_reset(&action);
		buf_printf(&action, "/inspections/%ld/readers/reassign", id);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "ref";
		f.label = "Record";
		f.value = nerr > 0 ? web_form(r, "ref") : NULL;
		f.error = ui_error_for(errors, nerr, "ref");
		ui_select(&h, &f, refs, nrefs);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "round";
		f.label = "Which reading";
		f.value = nerr > 0 ? web_form(r, "round") : "1";
		f.error = ui_error_for(errors, nerr, "round");
		ui_radios(&h, &f, rounds, 2);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "pair";
		f.label = "To pair";
		f.value = nerr > 0 ? web_form(r, "pair") : NULL;
		f.error = ui_error_for(errors, nerr, "pair");
		ui_select(&h, &f, pairs, p.npairs);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "reason";
		f.label = "Reason";
		f.hint = "Kept with the change, e.g. a reader knows the family.";
		f.value = nerr > 0 ? web_form(r, "reason") : NULL;
		f.error = ui_error_for(errors, nerr, "reason");
		ui_input(&h, &f);
		ui_button(&h, "Move the reading", UI_BUTTON_SECONDARY);
		ui_form_end(&h);
		free(refs);
		free(pairs);
		free(plab);
		free(pnum);
	}
	if (p.nassigns > 0) {
		html_elem(&h, HE_H2, NULL, "Assignments");
		ui_table_begin(&h, "Which pair reads each record", acols, 3);
		for (size_t i = 0; i < p.nassigns; i++) {
			const char *ref = "";
			const struct reader_pair *pr = reading_plan_pair(&p, p.assigns[i].pair_id);

			for (size_t k = 0; k < s.nmembers; k++)
				if (s.members[k].id == p.assigns[i].member_id)
					ref = s.members[k].ref;
			snprintf(num, sizeof(num), "%ld", pr != NULL ? pr->position : 0L);
			ui_row_begin(&h);
			ui_cell(&h, ref, true);
			ui_cell(&h, p.assigns[i].round == 2 ? "Second" : "First", false);
			ui_cell(&h, num, false);
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	{
		char tpl[80];

		snprintf(tpl, sizeof(tpl), "/inspections/%ld/template", id);
		web_para_link(&h, tpl, "Choose the reading template");
	}
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
out:
	buf_free(&action);
	accounts_free(acc, nacc);
	if (have_sample)
		sample_free(&s);
	reading_plan_free(&p);
}

void
page_readers(struct web_req *r, struct web_resp *w)
{
	long id;

	id = r->insp;
	readers_page(r, w, id, NULL, 0);
}

void
page_reader_add(struct web_req *r, struct web_resp *w)
{
	const char *name = web_field(r, "name"), *kind = web_field(r, "kind");
	struct ui_error errors[3];
	struct cairn_err err = { 0 };
	struct account acc = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80];
	size_t nerr = 0;
	long id, rid = 0;

	id = r->insp;
	if (name == NULL)
		errors[nerr++] = (struct ui_error){ "name", "Choose the reader to add" };
	else if (app_account_lookup(r->st, &r->actor, id, ACTION_MANAGE_READERS, name, &acc,
	             &err) != CAIRN_OK)
		errors[nerr++] =
		    (struct ui_error){ "name", "There is no account with that username" };
	account_free(&acc);
	if (kind == NULL || (strcmp(kind, "inspector") != 0 && strcmp(kind, "local") != 0))
		errors[nerr++] = (struct ui_error){ "kind", "Choose the kind of reader" };
	cairn_err_clear(&err);
	if (nerr == 0 &&
	    app_reader_add(r->st, &r->actor, id, name, kind, web_field(r, "agency"), &rid, &err) !=
	        CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "reader add", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ web_err_input(&err, "name"), msg };
	}
	if (nerr > 0) {
		readers_page(r, w, id, errors, nerr);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/readers?done=added", id);
	web_redirect(w, loc);
}

void
page_reader_assign(struct web_req *r, struct web_resp *w)
{
	struct reading_plan p = { 0 };
	struct cairn_err err = { 0 };
	struct ui_error e;
	char msg[CAIRN_ERR_MSG], loc[80];
	long id;

	id = r->insp;
	if (app_reader_assign(r->st, &r->actor, id, &p, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "reader assign", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		e = (struct ui_error){ "name", msg };
		readers_page(r, w, id, &e, 1);
		return;
	}
	reading_plan_free(&p);
	snprintf(loc, sizeof(loc), "/inspections/%ld/readers?done=assigned", id);
	web_redirect(w, loc);
}

void
page_reader_reassign(struct web_req *r, struct web_resp *w)
{
	const char *ref = web_field(r, "ref"), *round = web_field(r, "round"),
	           *pair = web_field(r, "pair");
	const char *reason = web_field(r, "reason");
	struct ui_error errors[4];
	struct cairn_err err = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80];
	size_t nerr = 0;
	long id, rnd = 0, pr = 0;

	id = r->insp;
	if (ref == NULL)
		errors[nerr++] = (struct ui_error){ "ref", "Choose the record" };
	if (round == NULL || !text_parse_long(round, 1, 2, &rnd))
		errors[nerr++] =
		    (struct ui_error){ "round", "Choose the first or the second reading" };
	if (pair == NULL || !text_parse_long(pair, 1, 100000, &pr))
		errors[nerr++] = (struct ui_error){ "pair", "Choose a pair" };
	if (reason == NULL)
		errors[nerr++] =
		    (struct ui_error){ "reason", "Give the reason for moving the reading" };
	if (nerr == 0 &&
	    app_reader_reassign(r->st, &r->actor, id, ref, (int)rnd, pr, reason, &err) !=
	        CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "reader reassign", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ web_err_input(&err, "ref"), msg };
	}
	if (nerr > 0) {
		readers_page(r, w, id, errors, nerr);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/readers?done=moved", id);
	web_redirect(w, loc);
}

void
page_reader_remove(struct web_req *r, struct web_resp *w)
{
	const char *reader = web_field(r, "reader"), *to = web_field(r, "to");
	struct reader_remove_result res;
	struct ui_error errors[2];
	struct cairn_err err = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80];
	size_t nerr = 0;

	if (reader == NULL)
		errors[nerr++] = (struct ui_error){ "reader", "Choose the reader to remove" };
	if (nerr == 0 &&
	    app_reader_remove(r->st, &r->actor, r->insp, reader, to, &res, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "reader remove", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ web_err_input(&err, "reader"), msg };
	}
	if (nerr > 0) {
		readers_page(r, w, r->insp, errors, nerr);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/readers?done=removed", r->insp);
	web_redirect(w, loc);
}

/* Removing a reader: who takes over their records not yet read. */
static const struct api_field remove_fields[] = {
	{ "to", AT_STRING, false, true, 1, 200, 0 },
};
const struct api_schema api_reader_remove_schema = { "ReaderRemoveBody", remove_fields,
	sizeof(remove_fields) / sizeof(remove_fields[0]) };

void
api_reader_remove(struct web_req *r, struct web_resp *w)
{
	struct reader_remove_result res;
	struct cairn_err err = { 0 };
	const char *name = r->nargs > 1 ? r->args[1] : "", *to;
	json_t *body;

	if ((body = api_body(r, w, &api_reader_remove_schema)) == NULL)
		return;
	to = json_string_value(json_object_get(body, "to"));
	if (app_reader_remove(r->st, &r->actor, r->insp, name, to, &res, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM)
			web_json_err(w, 403, &err, NULL);
		else if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE)
			web_json_err(w,
			    err.code == CAIRN_CODE_UNKNOWN && strcmp(err.field, "reader") == 0 ? 404
			        : err.code == CAIRN_CODE_CONFLICT                              ? 409
			                                          : 422,
			    &err, NULL);
		else
			web_json_error(w, 500,
			    "the reader could not be removed; nothing was changed", NULL);
	} else {
		web_send_json(w, 200,
		    json_pack("{s:s, s:s?, s:I, s:I}", "removed", name, "to", to, "handed_over",
		        (json_int_t)res.outstanding, "submitted_kept", (json_int_t)res.submitted));
	}
	json_decref(body);
}
