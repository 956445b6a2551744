/*
 * Pages over the records reading (app/records/sample.h, app/records/reader.h,
 * app/records/reading.h): the sample of an inspection (roles that see every
 * child-level record), the records assigned to the signed-in reader with
 * their status, and the reading form for one record (save a draft,
 * submit; a submitted reading is shown read-only).  A reader is matched to
 * the signed-in account by name (the reader's name is the username, as
 * with 'cairn --as').  Every view of child-level data is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/reader.h"
#include "app/records/reading.h"
#include "app/access/role.h"
#include "app/records/sample.h"
#include "app/records/template.h"
#include "core/buf.h"
#include "core/concern.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/database.h"
#include "core/model.h"
#include "core/work.h"
#include "web/http.h"
#include "web/pages.h"

/* Most answer fields on one reading form (items x agencies). */
#define READ_FIELDS_MAX 160

void
page_sample(struct web_req *r, struct web_resp *w)
{
	static const char *const scols[] = { "Stratum", "Population", "Allocated" };
	static const char *const mcols[] = { "Record", "Stratum", "Reserve", "Double-read",
		"Status" };
	struct sample s = { 0 };
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	struct buf label = BUF_INIT;
	char num[64], num2[32];
	enum role role;
	bool loaded;
	long id;

	id = r->insp;
	role = r->role;
	loaded = app_sample_load(r->st, id, &s, &err) == CAIRN_OK;
	if (!loaded && err.rc != CAIRN_EDATA) {
		fprintf(stderr, "cairn serve: sample: %s\n", err.msg);
		web_error_page(r, w, 500, "Sorry, there is a problem",
		    "The sample could not be read.");
		return;
	}
	if (loaded && !web_view_audited(r, w, id, "sample.view", "web"))
		goto out;
	web_frame_begin(r, w, &h, &fr, id, "Records sample", true);
	if (!loaded) {
		html_elem(&h, HE_P, NULL, "No sample has been drawn yet.");
		if (role_may(role, ACTION_DRAW_SAMPLE)) {
			snprintf(num, sizeof(num), "/inspections/%ld/sample/draw", id);
			ui_button_link(&h, num, "Draw the sample", UI_BUTTON_PRIMARY);
		}
		ui_page_end(&h);
		goto out;
	}
	if (web_query(r, "drawn") != NULL)
		ui_notification(&h, "Sample drawn.");
	if (web_query(r, "replaced") != NULL && web_query(r, "by") != NULL) {
		buf_reset(&label);
		buf_printf(&label, "Record %s was replaced by the reserve %s.",
		    web_query(r, "replaced"), web_query(r, "by"));
		ui_notification(&h, buf_str(&label));
	}
	ui_summary_begin(&h);
	snprintf(num, sizeof(num), "%ld", s.info.size);
	ui_summary_row(&h, "Records to read", num);
	snprintf(num, sizeof(num), "%ld", s.info.population_size);
	ui_summary_row(&h, "Population", num);
	ui_summary_row(&h, "Strata by", s.info.strata);
	ui_summary_row(&h, "Seed", s.info.seed);
	ui_summary_row_date(&h, "Drawn", s.info.drawn_at, NULL);
	ui_summary_end(&h);
	html_elem(&h, HE_H2, NULL, "Strata");
	ui_table_begin(&h, "Strata: children in the population and records allocated", scols, 3);
	for (size_t i = 0; i < s.nstrata; i++) {
		snprintf(num, sizeof(num), "%ld", s.strata[i].population);
		snprintf(num2, sizeof(num2), "%ld", s.strata[i].allocated);
		ui_row_begin(&h);
		ui_cell(&h, ui_stratum_text(s.strata[i].key, &label), true);
		ui_cell(&h, num, false);
		ui_cell(&h, num2, false);
		ui_row_end(&h);
	}
	ui_table_end(&h);
	html_elem(&h, HE_H2, NULL, "Members");
	ui_table_begin(&h, "Sampled records", mcols, 5);
	for (size_t i = 0; i < s.nmembers; i++) {
		const struct sample_member *m = &s.members[i];
		const char *key = "";

		for (size_t k = 0; k < s.nstrata; k++)
			if (s.strata[k].position == m->stratum)
				key = s.strata[k].key;
		ui_row_begin(&h);
		html_open(&h, HE_TH, HA_SCOPE, "row", HA__MAX);
		ui_ref(&h, m->ref);
		html_close(&h);
		ui_cell(&h, ui_stratum_text(key, &label), false);
		ui_cell(&h, m->reserve ? "Reserve" : "No", false);
		ui_cell(&h, m->double_read ? "Yes" : "No", false);
		ui_cell(&h, sample_status_label[m->status], false);
		ui_row_end(&h);
	}
	ui_table_end(&h);
	if (role_may(role, ACTION_DRAW_SAMPLE)) {
		snprintf(num, sizeof(num), "/inspections/%ld/sample/replace", id);
		web_para_link(&h, num, "Replace a record that cannot be read");
	}
	ui_page_end(&h);
out:
	buf_free(&label);
	if (loaded)
		sample_free(&s);
}

/* Returns the reading of member by reader in x, or NULL. */
static const struct reading *
reading_of(const struct reading_ctx *x, long member, long reader)
{
	for (size_t i = 0; i < x->nreadings; i++)
		if (x->readings[i].member_id == member && x->readings[i].reader_id == reader)
			return &x->readings[i];
	return NULL;
}

bool
web_reader_ctx(struct web_req *r, struct web_resp *w, long id, struct reading_ctx *x,
    const struct reader **me)
{
	struct cairn_err err = { 0 };

	if (app_reading_ctx(r->st, id, x, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA)
			fprintf(stderr, "cairn serve: reading: %s\n", err.msg);
		if (r->api && err.rc == CAIRN_EDATA)
			web_json_error(w, 404,
			    "this inspection has no sample or no reading template yet", NULL);
		else if (r->api)
			web_json_error(w, 500, "the readings could not be read", NULL);
		else if (err.rc == CAIRN_EDATA)
			web_reading_none(r, w, id, "My records to read");
		else
			web_error_page(r, w, 500, "Sorry, there is a problem",
			    "The readings could not be read.");
		return false;
	}
	*me = reading_plan_reader_named(&x->plan, web_account(r)->username);
	return true;
}

void
page_my_records(struct web_req *r, struct web_resp *w)
{
	static const char *const cols[] = { "Record", "Status", "Action" };
	struct reading_ctx x;
	const struct reader *me = NULL;
	struct web_frame fr;
	struct html h;
	size_t shown = 0;
	long id;

	id = r->insp;
	if (!web_reader_ctx(r, w, id, &x, &me))
		return;
	if (me != NULL && !web_view_audited(r, w, id, "reading.list", r->sess.who.username))
		goto out;
	web_frame_begin(r, w, &h, &fr, id, "My records to read", true);
	if (web_query(r, "submitted") != NULL)
		ui_notification(&h, "Reading submitted.");
	for (size_t i = 0; me != NULL && i < x.sample.nmembers; i++) {
		const struct sample_member *m = &x.sample.members[i];
		const struct reading *rd;
		struct buf href = BUF_INIT;

		if (m->status != SAMPLE_SELECTED || !reading_plan_assigned(&x.plan, m->id, me->id))
			continue;
		if (shown++ == 0)
			ui_table_begin(&h, "Records assigned to you", cols, 3);
		rd = reading_of(&x, m->id, me->id);
		buf_printf(&href, "/inspections/%ld/reading/", id);
		web_put_segment(&href, m->ref);
		ui_row_begin(&h);
		ui_cell(&h, m->ref, true);
		html_open(&h, HE_TD, HA__MAX);
		ui_tag(&h,
		    rd == NULL          ? "Not started"
		        : rd->submitted ? "Submitted"
		                        : "In progress",
		    rd == NULL          ? "grey"
		        : rd->submitted ? "green"
		                        : "blue");
		html_close(&h);
		html_open(&h, HE_TD, HA__MAX);
		ui_link(&h, buf_str(&href), rd != NULL && rd->submitted ? "View" : "Read");
		html_close(&h);
		ui_row_end(&h);
		buf_free(&href);
	}
	if (shown > 0)
		ui_table_end(&h);
	else
		html_elem(&h, HE_P, NULL, "No records are assigned to you on this inspection.");
	if (shown > 0) {
		struct buf imp = BUF_INIT;

		buf_printf(&imp, "/inspections/%ld/readings/import", id);
		web_para_link(&h, buf_str(&imp), "Import readings from a file");
		buf_free(&imp);
	}
	ui_page_end(&h);
out:
	reading_ctx_free(&x);
}

/* One answer field of the form: an item, for one agency or for all. */
struct read_field {
	const struct template_item *it; /* the item (borrowed from the context) */
	const char *agency;             /* agency code, "" for items answered once */
	const char *agency_name;        /* agency name or NULL */
	char name[160];                 /* form field name "a.ITEM" or "a.ITEM@AGENCY" */
	char id[160];                   /* element id "item-ITEM" or "item-ITEM-AGENCY" */
};

/* Lists the answer fields of the template into f; returns how many. */
static size_t
read_fields(const struct template *t, struct read_field *f, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nitems; i++) {
		const struct template_item *it = &t->items[i];
		size_t nag = it->per_agency ? t->nagencies : 1;

		for (size_t k = 0; k < nag && n < max; k++, n++) {
			f[n].it = it;
			f[n].agency = it->per_agency ? t->agencies[k].code : "";
			f[n].agency_name = it->per_agency ? t->agencies[k].name : NULL;
			if (it->per_agency) {
				snprintf(f[n].name, sizeof(f[n].name), "a.%s@%s", it->code,
				    f[n].agency);
				snprintf(f[n].id, sizeof(f[n].id), "item-%s-%s", it->code,
				    f[n].agency);
			} else {
				snprintf(f[n].name, sizeof(f[n].name), "a.%s", it->code);
				snprintf(f[n].id, sizeof(f[n].id), "item-%s", it->code);
			}
		}
	}
	return n;
}

size_t
web_item_options(const struct template_item *it, const struct scale *sc, struct ui_option *opts,
    char (*lab)[160], char (*val)[16], size_t max)
{
	static const struct ui_option yna[] = { { "yes", "Yes" }, { "no", "No" },
		{ "na", "Not applicable" } };
	size_t n = 0;

	switch (it->answer) {
	case ANSWER_SIX_POINT:
		for (size_t i = 0; i < sc->nlevels && n < max; i++, n++) {
			snprintf(val[n], sizeof(val[n]), "%d", sc->levels[i].value);
			snprintf(lab[n], sizeof(lab[n]), "%d %s", sc->levels[i].value,
			    sc->levels[i].label);
			opts[n] = (struct ui_option){ val[n], lab[n] };
		}
		break;
	case ANSWER_YES_NO_NA:
		for (; n < 3 && n < max; n++)
			opts[n] = yna[n];
		break;
	case ANSWER_LIST:
		for (; n < it->nchoices && n < max; n++)
			opts[n] = (struct ui_option){ it->choices[n], it->choices[n] };
		break;
	case ANSWER_TEXT:
	case ANSWER__MAX: break;
	}
	return n;
}

/* Most agencies a template names that the agencies form offers. */
#define READ_AGENCIES_MAX 32

/* Returns true when the comma-separated list (may be NULL) holds code. */
static bool
agency_listed(const char *list, const char *code)
{
	size_t len = strlen(code);

	for (const char *p = list; p != NULL && *p != '\0';) {
		size_t n = strcspn(p, ",");

		if (n == len && strncmp(p, code, len) == 0)
			return true;
		p += n;
		if (*p == ',')
			p++;
	}
	return false;
}

/* Returns true when the posted form's field name has value among its
 * values (several ticked boxes). */
static bool
posted_has(const struct web_req *r, const char *name, const char *value)
{
	const char *v[READ_AGENCIES_MAX];
	size_t n = web_form_all(r, name, v, READ_AGENCIES_MAX);

	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], value) == 0)
			return true;
	return false;
}

/* Writes the form recording whose records were read for m (as `reading
 * agencies` does), when the template names agencies and the reading is
 * not submitted: a box per agency, ticked as stored (or as posted after a
 * refusal). */
static void
reading_agencies_form(struct web_req *r, struct html *h, const struct reading_ctx *x,
    const struct sample_member *m, const struct reading *rd, const struct ui_error *errors,
    size_t nerr)
{
	struct ui_option opts[READ_AGENCIES_MAX];
	bool ticked[READ_AGENCIES_MAX];
	struct ui_field f = { 0 };
	struct buf action = BUF_INIT;
	size_t n = x->tpl.nagencies < READ_AGENCIES_MAX ? x->tpl.nagencies : READ_AGENCIES_MAX;
	bool posted = nerr > 0 && web_form(r, "agencies-form") != NULL;

	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		opts[i] = (struct ui_option){ x->tpl.agencies[i].code, x->tpl.agencies[i].name };
		ticked[i] = posted ? posted_has(r, "agencies", x->tpl.agencies[i].code)
		                   : rd != NULL && agency_listed(rd->agencies, opts[i].value);
	}
	html_elem(h, HE_H2, NULL, "Agencies whose records you read");
	buf_printf(&action, "/inspections/%ld/reading/", x->insp);
	web_put_segment(&action, m->ref);
	buf_puts(&action, "/agencies");
	if (web_query(r, "agencies") != NULL && nerr == 0)
		ui_notification(h, "The agencies read were recorded.");
	ui_form_begin(h, buf_str(&action), r->sess.csrf, false);
	ui_hidden(h, "agencies-form", "1");
	f.id = "agencies";
	f.name = "agencies";
	f.label = "Whose records did you read for this child?";
	f.hint = "Questions answered for each agency are then required for these agencies.";
	f.error = ui_error_for(errors, nerr, "agencies");
	ui_checkboxes(h, &f, opts, ticked, n);
	ui_button(h, "Record the agencies", UI_BUTTON_SECONDARY);
	ui_form_end(h);
	buf_free(&action);
}

/* Writes the reading page of member m for reader me: the form (values
 * from the form when posted, else the stored draft) or, once submitted,
 * the answers read-only. */
static void
reading_page(struct web_req *r, struct web_resp *w, const struct reading_ctx *x,
    const struct sample_member *m, const struct reader *me, const struct ui_error *errors,
    size_t nerr)
{
	struct read_field *f = calloc(READ_FIELDS_MAX, sizeof(*f));
	const struct reading *rd = reading_of(x, m->id, me->id);
	struct web_frame fr;
	struct html h;
	struct buf action = BUF_INIT, title = BUF_INIT;
	size_t n;

	if (f == NULL) {
		web_error_page(r, w, 500, "Sorry, there is a problem", "Out of memory.");
		return;
	}
	n = read_fields(&x->tpl, f, READ_FIELDS_MAX);
	buf_printf(&title, "Reading of record %s", m->ref);
	web_frame_init(&fr, x->insp, NULL, buf_str(&title), false);
	fr.p.label = x->tpl.title;
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (web_query(r, "saved") != NULL && nerr == 0)
		ui_notification(&h, "Draft saved.");
	if (rd != NULL && rd->submitted) {
		html_elem(&h, HE_P, NULL,
		    "This reading has been submitted and is locked. An answer "
		    "can be changed only with a reason, by the inspection's lead or depute.");
		ui_summary_begin(&h);
		for (size_t i = 0; i < n; i++) {
			const char *a = reading_ctx_answer(x, rd->id, f[i].it->code, f[i].agency);
			struct buf key = BUF_INIT;

			if (f[i].agency_name != NULL && a == NULL)
				continue;
			buf_printf(&key, "%s%s%s%s", f[i].it->text, f[i].agency_name ? " (" : "",
			    f[i].agency_name ? f[i].agency_name : "", f[i].agency_name ? ")" : "");
			ui_summary_row(&h, buf_str(&key), a);
			buf_free(&key);
		}
		ui_summary_end(&h);
		goto done;
	}
	reading_agencies_form(r, &h, x, m, rd, errors, nerr);
	buf_printf(&action, "/inspections/%ld/reading/", x->insp);
	web_put_segment(&action, m->ref);
	ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
	for (size_t i = 0; i < n; i++) {
		struct ui_option opts[32];
		char lab[32][160], val[32][16];
		struct ui_field fld = { 0 };
		struct buf label = BUF_INIT;
		size_t nopt = web_item_options(f[i].it, &x->fw.scale, opts, lab, val, 32);
		const char *v = nerr > 0 || r->method == WM_POST ? web_form(r, f[i].name)
		    : rd != NULL ? reading_ctx_answer(x, rd->id, f[i].it->code, f[i].agency)
		                 : NULL;

		buf_printf(&label, "%s%s%s%s", f[i].it->text, f[i].agency_name ? " (" : "",
		    f[i].agency_name ? f[i].agency_name : "", f[i].agency_name ? ")" : "");
		fld.id = f[i].id;
		fld.name = f[i].name;
		fld.label = buf_str(&label);
		fld.hint = f[i].agency_name != NULL  ? "Answer if you read this agency's records."
		    : f[i].it->answer == ANSWER_TEXT ? "Optional."
		                                     : NULL;
		fld.value = v;
		fld.error = ui_error_for(errors, nerr, f[i].id);
		if (f[i].it->answer == ANSWER_TEXT)
			ui_textarea(&h, &fld, 4);
		else
			ui_radios(&h, &fld, opts, nopt);
		buf_free(&label);
	}
	ui_button_named(&h, "Save draft", UI_BUTTON_SECONDARY, "do", "save");
	ui_button_named(&h, "Submit reading", UI_BUTTON_PRIMARY, "do", "submit");
	ui_form_end(&h);
done:
	/* A matter of concern about the child can be raised from the reading
	 * (page_records.c handles it). */
	html_elem(&h, HE_H2, NULL, "A matter of concern about this child");
	html_elem(&h, HE_P, NULL,
	    "If something in these records worries you about the child's "
	    "safety or wellbeing now, raise it here: the inspection lead sees it at once.");
	buf_reset(&action);
	buf_printf(&action, "/inspections/%ld/reading/", x->insp);
	web_put_segment(&action, m->ref);
	buf_puts(&action, "/concern");
	if (web_query(r, "concern") != NULL && nerr == 0)
		ui_notification(&h, "Matter of concern raised.");
	ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
	{
		struct ui_field cf = { 0 };
		struct ui_option kinds[CONCERN_KIND__MAX];

		/* The kind, as on the matters of concern page (core/concern.h). */
		for (int k = 0; k < CONCERN_KIND__MAX; k++)
			kinds[k] = (struct ui_option){ concern_kind_table[k].code,
				concern_kind_table[k].label };
		cf.id = "concern-kind";
		cf.name = "kind";
		cf.label = "Kind";
		cf.value = "child";
		ui_select(&h, &cf, kinds, CONCERN_KIND__MAX);
		memset(&cf, 0, sizeof(cf));
		cf.id = "concern-text";
		cf.name = "text";
		cf.label = "The concern";
		ui_textarea(&h, &cf, 3);
	}
	ui_button(&h, "Raise concern", UI_BUTTON_SECONDARY);
	ui_form_end(&h);
	html_open(&h, HE_P, HA__MAX);
	buf_reset(&action);
	buf_printf(&action, "/inspections/%ld/reading", x->insp);
	ui_link(&h, buf_str(&action), "Back to my records");
	html_close(&h);
	ui_page_end(&h);
	buf_free(&action);
	buf_free(&title);
	free(f);
}

bool
web_reading_target(struct web_req *r, struct web_resp *w, long *id, struct reading_ctx *x,
    const struct reader **me, const struct sample_member **m)
{
	struct cairn_err err = { 0 };

	*id = r->insp; /* the route checked read-assigned-records on it */
	/* Whether the record is assigned to this reader is app/'s to decide. */
	if (app_reading_target(r->st, &r->actor, *id, r->nargs > 1 ? r->args[1] : NULL, x, me, m,
	        &err) == CAIRN_OK)
		return true;
	if (err.rc != CAIRN_EPERM && err.rc != CAIRN_EDATA) {
		fprintf(stderr, "cairn serve: reading: %s\n", err.msg);
		if (r->api)
			web_json_error(w, 500, "the readings could not be read", NULL);
		else
			web_error_page(r, w, 500, "Sorry, there is a problem",
			    "The readings could not be read.");
	} else if (r->api) {
		web_json_error(w, 404, "no record to read at this address", NULL);
	} else {
		web_error_page(r, w, 404, "Page not found",
		    "There is no record to read at this address.");
	}
	return false;
}

void
page_reading_form(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	const struct reader *me;
	const struct sample_member *m;
	long id;

	if (!web_reading_target(r, w, &id, &x, &me, &m))
		return;
	if (web_view_audited(r, w, id, "reading.view", m->ref))
		reading_page(r, w, &x, m, me, NULL, 0);
	reading_ctx_free(&x);
}

/* Returns the form field of f[0..n) that a problem concerns, or NULL. */
static const struct read_field *
field_of(const struct read_field *f, size_t n, const struct reading_problem *p)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].it->code, p->item) == 0 && strcmp(f[i].agency, p->agency) == 0)
			return &f[i];
	return NULL;
}

void
page_reading(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	const struct reader *me;
	const struct sample_member *m;
	const struct reading *rd;
	struct read_field *f = NULL;
	struct ui_error errors[READ_FIELDS_MAX + 1];
	struct reading_problems pr = { 0 };
	struct reading_entry *e = NULL;
	struct cairn_err err = { 0 };
	const char *op = web_form(r, "do");
	bool submit = op != NULL && strcmp(op, "submit") == 0;
	size_t n, ne = 0, nerr = 0;
	struct buf loc = BUF_INIT;
	long id;

	if (!web_reading_target(r, w, &id, &x, &me, &m))
		return;
	rd = reading_of(&x, m->id, me->id);
	if (rd != NULL && rd->submitted) {
		web_error_page(r, w, 409, "This reading is already submitted",
		    "A submitted reading "
		    "is locked; nothing was changed.");
		goto out;
	}
	if ((f = calloc(READ_FIELDS_MAX, sizeof(*f))) == NULL)
		goto out;
	n = read_fields(&x.tpl, f, READ_FIELDS_MAX);
	/* Every changed answer, and the submission, in one transaction; app/
	 * checks every answer and, on submit, what is still unanswered. */
	e = xcalloc(n ? n : 1, sizeof(*e));
	for (size_t i = 0; i < n; i++) {
		const char *v = web_form(r, f[i].name), *old;

		if (v == NULL || v[strspn(v, " \t\r\n")] == '\0')
			continue;
		old =
		    rd != NULL ? reading_ctx_answer(&x, rd->id, f[i].it->code, f[i].agency) : NULL;
		if (old != NULL && strcmp(old, v) == 0)
			continue;
		e[ne].ref = m->ref;
		e[ne].reader = me->name;
		e[ne].item = f[i].it->code;
		e[ne].agency = f[i].agency[0] ? f[i].agency : NULL;
		e[ne].answer = v;
		ne++;
	}
	if ((ne > 0 || submit) &&
	    app_reading_save(r->st, &r->actor, id, m->ref, me->name, e, ne, submit, &pr, &err) !=
	        CAIRN_OK) {
		if (err.rc == CAIRN_EPERM) {
			web_error_page(r, w, 404, "Page not found",
			    "There is no record to read at this address.");
			goto out;
		}
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE)
			goto fail;
		for (size_t k = 0; k < pr.n && nerr < READ_FIELDS_MAX; k++) {
			const struct read_field *fd = field_of(f, n, &pr.v[k]);

			if (fd != NULL)
				errors[nerr++] = (struct ui_error){ fd->id, pr.v[k].msg };
		}
		if (nerr == 0)
			errors[nerr++] = (struct ui_error){ n > 0 ? f[0].id : "do", err.msg };
	}
	if (nerr > 0) {
		reading_page(r, w, &x, m, me, errors, nerr);
		goto out;
	}
	if (submit) {
		buf_printf(&loc, "/inspections/%ld/reading?submitted=1", id);
	} else {
		buf_printf(&loc, "%s?saved=1", r->path);
	}
	web_redirect(w, buf_str(&loc));
	goto out;
fail:
	fprintf(stderr, "cairn serve: reading: %s\n", err.msg);
	web_error_page(r, w, 500, "Sorry, there is a problem",
	    "The reading could not be saved. "
	    "Try again.");
out:
	buf_free(&loc);
	free(e);
	free(f);
	reading_problems_free(&pr);
	reading_ctx_free(&x);
}

/* POST /inspections/{id}/reading/{ref}/agencies: records whose records the
 * signed-in reader read for the record (app_reading_agencies, as `reading
 * agencies`); a refusal shows at the agencies' boxes. */
void
page_reading_agencies(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	const struct reader *me;
	const struct sample_member *m;
	struct cairn_err err = { 0 };
	struct buf list = BUF_INIT, loc = BUF_INIT;
	struct ui_error e;
	long id;

	if (!web_reading_target(r, w, &id, &x, &me, &m))
		return;
	for (size_t i = 0; i < x.tpl.nagencies; i++)
		if (posted_has(r, "agencies", x.tpl.agencies[i].code))
			buf_printf(&list, "%s%s", list.len ? "," : "", x.tpl.agencies[i].code);
	if (app_reading_agencies(r->st, &r->actor, id, m->ref, me->name, buf_str(&list), &err) !=
	    CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_EPERM) {
			web_internal(r, w, "reading agencies", &err);
			goto out;
		}
		e = (struct ui_error){ "agencies", err.msg };
		if (web_view_audited(r, w, id, "reading.view", m->ref))
			reading_page(r, w, &x, m, me, &e, 1);
		goto out;
	}
	buf_printf(&loc, "/inspections/%ld/reading/", id);
	web_put_segment(&loc, m->ref);
	buf_puts(&loc, "?agencies=1");
	web_redirect(w, buf_str(&loc));
out:
	buf_free(&list);
	buf_free(&loc);
	reading_ctx_free(&x);
}
