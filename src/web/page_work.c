/*
 * Pages over the work other modules keep: the report preview and
 * downloads (app/publication/publish.h), and the evidence log with its filters and the
 * form to add evidence (app/evaluation/evidence.h).  Each asks the role table first.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/account.h"
#include "app/evaluation/evidence.h"
#include "app/setup/inspection.h"
#include "app/publication/draft.h"
#include "app/publication/publish.h"
#include "app/access/role.h"
#include "app/setup/stage.h"
#include "app/setup/team.h"
#include "app/setup/lookup.h"
#include "core/account.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/database.h"
#include "core/model.h"
#include "core/work.h"
#include "web/http.h"
#include "web/pages.h"

/* Content types of the report formats, by enum publish_format. */
static const char *const format_type[] = {
	[PUB_PDF] = "application/pdf",
	[PUB_HTML] = "text/html; charset=utf-8",
	[PUB_MD] = "text/markdown; charset=utf-8",
	[PUB_JSON] = "application/json",
	[PUB_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	[PUB_CSV] = "text/csv; charset=utf-8",
};
_Static_assert(sizeof(format_type) / sizeof(format_type[0]) == PUB_FORMAT__MAX,
    "format_type: one entry per value");
/* File extensions of the report formats, by enum publish_format. */
static const char *const format_ext[] = {
	[PUB_PDF] = "pdf",
	[PUB_HTML] = "html",
	[PUB_MD] = "md",
	[PUB_JSON] = "json",
	[PUB_XLSX] = "xlsx",
	[PUB_CSV] = "csv",
};
_Static_assert(sizeof(format_ext) / sizeof(format_ext[0]) == PUB_FORMAT__MAX,
    "format_ext: one entry per value");
/* Names shown for the formats, by enum publish_format. */
static const char *const format_label[] = {
	[PUB_PDF] = "PDF",
	[PUB_HTML] = "HTML",
	[PUB_MD] = "Markdown",
	[PUB_JSON] = "JSON data",
	[PUB_XLSX] = "Spreadsheet (XLSX)",
	[PUB_CSV] = "Evaluations (CSV)",
};
_Static_assert(sizeof(format_label) / sizeof(format_label[0]) == PUB_FORMAT__MAX,
    "format_label: one entry per value");

/*
 * Returns true if the person may see the draft report now, as app/ decides
 * (app_draft_check); writes the refusal page (JSON for the API) otherwise.
 */
bool
web_report_allowed(struct web_req *r, struct web_resp *w, long id)
{
	struct cairn_err err = { 0 };
	int rc;

	assert(id == r->insp);
	if ((rc = app_draft_check(r->st, &r->actor, id, &err)) == CAIRN_OK)
		return true;
	web_draft_refused(r, w, &err);
	return false;
}

/* Writes the refusal of the draft err holds (from app_draft_check): 404 for
 * someone not on the team, 403 with app/'s words otherwise, JSON for the
 * API. */
void
web_draft_refused(struct web_req *r, struct web_resp *w, const struct cairn_err *err)
{
	if (err->rc == CAIRN_EPERM && err->code == CAIRN_CODE_UNKNOWN) {
		if (r->api)
			web_json_error(w, 404, "there is no such inspection", NULL);
		else
			web_error_page(r, w, 404, "Page not found",
			    "There is no page at this address.");
	} else if (err->rc == CAIRN_EPERM) {
		if (r->api)
			web_json_err(w, 403, err, NULL);
		else
			web_error_page(r, w, 403, "You cannot do this", err->msg);
	} else {
		web_internal(r, w, "draft report", err);
	}
}

void
page_report(struct web_req *r, struct web_resp *w)
{
	struct inspection in;
	struct web_frame fr;
	struct html h;
	long id;

	id = r->insp;
	if (!web_report_allowed(r, w, id))
		return;
	if (app_inspection_get(r->st, &r->actor, id, &in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	web_frame_init(&fr, id, in.partnership, "Report", false);
	fr.p.label = in.title;
	web_frame_start(r, w, &h, &fr);
	ui_warning(&h,
	    "The internal versions are marked not for publication. Every download "
	    "is recorded in the audit log.");
	page_publish_link(&h, id);
	for (int a = 0; a < REPORT_AUDIENCE__MAX; a++) {
		html_elem(&h, HE_H2, NULL,
		    a == REPORT_PUBLIC ? "For publication" : "Internal (the inspection team)");
		html_open(&h, HE_UL, HA__MAX);
		for (int f = 0; f < PUB_FORMAT__MAX; f++) {
			char href[128], label[128];

			snprintf(href, sizeof(href), "/inspections/%ld/report/report-%s.%s", id,
			    report_audience_name[a], format_ext[f]);
			assert(format_label[f] != NULL && format_ext[f] != NULL);
			snprintf(label, sizeof(label), "%s (%s)", format_label[f],
			    a == REPORT_PUBLIC ? "public" : "internal");
			html_open(&h, HE_LI, HA__MAX);
			ui_link(&h, href, label);
			html_close(&h);
		}
		html_close(&h);
	}
	ui_page_end(&h);
	inspection_free(&in);
}

const char *
web_report_ext(int f)
{
	return f >= 0 && f < PUB_FORMAT__MAX ? format_ext[f] : NULL;
}

const char *
web_report_type(int f)
{
	return f >= 0 && f < PUB_FORMAT__MAX ? format_type[f] : NULL;
}

/* Parses "report-AUDIENCE.EXT" into a request; false if it is not one. */
static bool
parse_report_name(const char *name, long id, struct publish_request *req)
{
	memset(req, 0, sizeof(*req));
	req->id = id;
	req->version = REPORT_FULL;
	if (strncmp(name, "report-", 7) != 0)
		return false;
	name += 7;
	for (int a = 0; a < REPORT_AUDIENCE__MAX; a++) {
		size_t n = strlen(report_audience_name[a]);

		if (strncmp(name, report_audience_name[a], n) != 0 || name[n] != '.')
			continue;
		for (int f = 0; f < PUB_FORMAT__MAX; f++) {
			if (strcmp(name + n + 1, format_ext[f]) == 0) {
				req->audience = (enum report_audience)a;
				req->format = (enum publish_format)f;
				return true;
			}
		}
	}
	return false;
}

void
page_report_file(struct web_req *r, struct web_resp *w)
{
	struct publish_request req;
	struct cairn_err err = { 0 };
	char disp[128];
	long id;

	id = r->insp;
	if (!web_report_allowed(r, w, id))
		return;
	if (!parse_report_name(r->args[1], id, &req)) {
		web_error_page(r, w, 404, "Page not found", "There is no such report file.");
		return;
	}
	buf_reset(&w->body);
	/* publish_export records internal exports; record public downloads too. */
	if (publish_export(r->st, &r->actor, &req, &w->body, &err) != CAIRN_OK ||
	    (req.audience == REPORT_PUBLIC &&
	        app_audit_event(r->st, &r->actor, "report.download", id, r->args[1], &err) !=
	            CAIRN_OK)) {
		fprintf(stderr, "cairn serve: report: %s\n", err.msg);
		web_error_page(r, w, err.rc == CAIRN_EDATA ? 409 : 500,
		    "The report could not be made",
		    err.rc == CAIRN_EDATA ? err.msg : "Try again later.");
		return;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"inspection-%ld-%s\"", id, r->args[1]);
	w->content_type = format_type[req.format];
	w->disposition = xstrdup(disp);
}

/* Longest evidence text accepted from the form, in bytes. */
#define EVIDENCE_TEXT_MAX 20000

/* Writes the evidence log page: filters, one page of the table (newest
 * first, EVIDENCE_PAGE_SIZE items, ?page=N) with its count and pagination,
 * and (when the role may add) the form, with the form's errors and values.
 * A page that does not exist is 404. */
static void
evidence_page(struct web_req *r, struct web_resp *w, long id, bool may_add,
    const struct ui_error *errors, size_t nerr)
{
	static const char *const cols[] = { "No.", "Source", "Status", "Indicators",
		"What was found", "Recorded by", "File" };
	struct ui_option sources[SOURCE__MAX + 1], statuses[STATUS__MAX + 1];
	struct evidence_filter flt = { web_query(r, "qi"), web_query(r, "status"),
		web_query(r, "source") };
	const char *qpage = web_query(r, "page");
	struct evidence_page pg = { 0 };
	struct inspection in;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct ui_field f = { 0 };
	struct ui_param keep[3];
	struct html h;
	struct account *people = NULL;
	const char **by;
	size_t npeople = 0;
	char action[64], count[128], who[300];
	long page = 1;
	int rc;

	if (flt.qi != NULL && flt.qi[0] == '\0')
		flt.qi = NULL;
	if (flt.status != NULL && (flt.status[0] == '\0' || evidence_status_parse(flt.status) < 0))
		flt.status = NULL;
	if (flt.source != NULL && (flt.source[0] == '\0' || evidence_source_parse(flt.source) < 0))
		flt.source = NULL;
	if (qpage != NULL && qpage[0] != '\0' && !text_parse_long(qpage, 1, 1000000000L, &page))
		page = 0; /* not a page number: no such page */
	if (app_inspection_get(r->st, &r->actor, id, &in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	rc = app_evidence_page(r->st, id, &flt, page, EVIDENCE_PAGE_SIZE, &pg, &err);
	if (rc == CAIRN_EDATA && flt.qi != NULL) {
		/* An unknown indicator in the filter: show everything, say why. */
		flt.qi = NULL;
		rc = app_evidence_page(r->st, id, &flt, page, EVIDENCE_PAGE_SIZE, &pg, &err);
	}
	if (rc == CAIRN_EUSAGE) {
		web_error_page(r, w, 404, "Page not found",
		    "There is no such page of the evidence log. Go back to the first page.");
		inspection_free(&in);
		return;
	}
	if (rc != CAIRN_OK) {
		fprintf(stderr, "cairn serve: evidence log: %s\n", err.msg);
		web_error_page(r, w, 500, "Sorry, there is a problem",
		    "The evidence log could not be read.");
		inspection_free(&in);
		return;
	}
	/* Who recorded each item, "Name (username)" (one read for the page). */
	by = xcalloc(pg.n > 0 ? pg.n : 1, sizeof(*by));
	for (size_t i = 0; i < pg.n; i++)
		by[i] = pg.items[i].recorded_by;
	web_people_named(r, id, ACTION_VIEW_EVIDENCE, by, pg.n, &people, &npeople);
	free(by);
	snprintf(action, sizeof(action), "/inspections/%ld/evidence", id);
	web_frame_init(&fr, id, in.partnership, "Evidence log", true);
	fr.p.label = in.title;
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (web_query(r, "added") != NULL && nerr == 0)
		ui_notification(&h, "Evidence added.");
	sources[0] = (struct ui_option){ "", "Any source" };
	for (int i = 0; i < SOURCE__MAX; i++)
		sources[i + 1] = (struct ui_option){ evidence_source_table[i].code,
			evidence_source_table[i].label };
	statuses[0] = (struct ui_option){ "", "Any status" };
	for (int i = 0; i < STATUS__MAX; i++)
		statuses[i + 1] =
		    (struct ui_option){ evidence_status_code[i], evidence_status_label[i] };

	/* Filters: a GET form, so that the filtered list has its own address. */
	html_open(&h, HE_FORM, HA_METHOD, "get", HA_ACTION, action, HA__MAX);
	html_elem(&h, HE_H2, NULL, "Filter");
	f = (struct ui_field){ .id = "filter-qi",
		.name = "qi",
		.label = "Quality indicator",
		.value = flt.qi,
		.width = "fixed-5" };
	ui_input(&h, &f);
	f = (struct ui_field){ .id = "filter-source",
		.name = "source",
		.label = "Source",
		.value = flt.source };
	ui_select(&h, &f, sources, SOURCE__MAX + 1);
	f = (struct ui_field){ .id = "filter-status",
		.name = "status",
		.label = "Status",
		.value = flt.status };
	ui_select(&h, &f, statuses, STATUS__MAX + 1);
	ui_button(&h, "Apply filters", UI_BUTTON_SECONDARY);
	html_close(&h);

	if (pg.total == 0) {
		html_elem(&h, HE_P, NULL, "No evidence matches.");
	} else {
		long first = (pg.page - 1) * EVIDENCE_PAGE_SIZE + 1;

		snprintf(count, sizeof(count), "Showing items %ld to %ld of %ld, newest first.",
		    first, first + (long)pg.n - 1, pg.total);
		html_elem(&h, HE_P, "cairn-evidence-count", count);
		ui_table_begin(&h, "Evidence", cols, 7);
	}
	for (size_t i = 0; i < pg.n; i++) {
		const struct evidence_item *e = &pg.items[i];
		struct buf qis = BUF_INIT;
		char num[24];
		int src = evidence_source_parse(e->source);

		for (size_t q = 0; q < e->nqis; q++)
			buf_printf(&qis, "%s%s", q ? ", " : "", e->qis[q]);
		int stc = evidence_status_parse(e->status);
		char item[96], aria[64];

		snprintf(num, sizeof(num), "%ld", e->number);
		snprintf(item, sizeof(item), "/inspections/%ld/evidence/%ld", id, e->number);
		snprintf(aria, sizeof(aria), "Evidence %ld", e->number);
		ui_row_begin(&h);
		/* The number opens the item: its history and, for who may, the edit form. */
		html_open(&h, HE_TH, HA_SCOPE, "row", HA__MAX);
		html_open(&h, HE_A, HA_HREF, item, HA_CLASS, "ds_link", HA_ARIA_LABEL, aria,
		    HA__MAX);
		html_text(&h, num);
		html_close(&h);
		html_close(&h);
		ui_cell(&h, src >= 0 ? evidence_source_table[src].label : e->source, false);
		if (e->withdrawn_at[0] != '\0') {
			/* Still in the log, marked; it counts nowhere. */
			html_open(&h, HE_TD, HA__MAX);
			ui_tag(&h, "Withdrawn", "grey");
			html_close(&h);
		} else {
			ui_cell(&h, stc >= 0 ? evidence_status_label[stc] : e->status, false);
		}
		ui_cell(&h, buf_str(&qis), false);
		ui_cell(&h, e->text, false);
		ui_cell(&h, web_person_named(people, npeople, e->recorded_by, who, sizeof(who)),
		    false);
		html_open(&h, HE_TD, HA__MAX);
		web_evidence_file_link(&h, id, e);
		html_close(&h);
		ui_row_end(&h);
		buf_free(&qis);
	}
	if (pg.total > 0)
		ui_table_end(&h);
	keep[0] = (struct ui_param){ "qi", flt.qi };
	keep[1] = (struct ui_param){ "source", flt.source };
	keep[2] = (struct ui_param){ "status", flt.status };
	ui_pagination(&h, action, keep, 3, pg.page, pg.pages);

	if (may_add) {
		html_elem(&h, HE_H2, NULL, "Add evidence");
		ui_form_begin(&h, action, r->sess.csrf, true);
		f = (struct ui_field){ .id = "source",
			.name = "source",
			.label = "Source",
			.value = web_form(r, "source"),
			.error = ui_error_for(errors, nerr, "source") };
		ui_select(&h, &f, sources + 1, SOURCE__MAX);
		f = (struct ui_field){ .id = "text",
			.name = "text",
			.label = "What was found",
			.value = web_form(r, "text"),
			.error = ui_error_for(errors, nerr, "text") };
		ui_textarea(&h, &f, 5);
		f = (struct ui_field){ .id = "qis",
			.name = "qis",
			.label = "Quality indicators",
			.hint = "Codes separated by commas, for example 2.1, 5.3",
			.value = web_form(r, "qis"),
			.error = ui_error_for(errors, nerr, "qis"),
			.width = "fixed-20" };
		ui_input(&h, &f);
		f = (struct ui_field){ .id = "status",
			.name = "status",
			.label = "Status",
			.value =
			    web_form(r, "status") != NULL ? web_form(r, "status") : "no-concern",
			.error = ui_error_for(errors, nerr, "status") };
		ui_select(&h, &f, statuses + 1, STATUS__MAX);
		{
			struct ui_field ff = { 0 };

			ff.id = ff.name = "file";
			ff.label = "Attach a file (optional)";
			ff.hint =
			    "Up to 8 MB, e.g. notes or a document. It is kept with the evidence; "
			    "its name is kept only as a label.";
			ff.error = ui_error_for(errors, nerr, "file");
			ui_file(&h, &ff, NULL);
		}
		ui_button(&h, "Add evidence", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	ui_page_end(&h);
	accounts_free(people, npeople);
	evidence_page_free(&pg);
	inspection_free(&in);
}

void
page_evidence(struct web_req *r, struct web_resp *w)
{
	enum role role;
	long id;

	id = r->insp;
	role = r->role;
	evidence_page(r, w, id, role_may(role, ACTION_ADD_EVIDENCE), NULL, 0);
}

void
page_evidence_add(struct web_req *r, struct web_resp *w)
{
	struct evidence_req req = { 0 };
	struct ui_error errors[5];
	struct cairn_err err = { 0 };
	struct web_upload up = { 0 };
	const struct form_file *f;
	char sha[65], loc[96];
	size_t nerr = 0;
	long id, number = 0;

	id = r->insp;
	req.source = web_form(r, "source");
	req.text = web_form(r, "text");
	req.qis = web_form(r, "qis");
	req.status = web_form(r, "status");
	req.by = r->sess.who.username;
	if (req.source == NULL || evidence_source_parse(req.source) < 0)
		errors[nerr++] =
		    (struct ui_error){ "source", "Choose where the evidence came from" };
	if (req.text == NULL || req.text[strspn(req.text, " \t\r\n")] == '\0')
		errors[nerr++] = (struct ui_error){ "text", "Enter what was found" };
	else if (strlen(req.text) > EVIDENCE_TEXT_MAX)
		errors[nerr++] = (struct ui_error){ "text",
			"What was found must be 20,000 characters "
			"or fewer" };
	if (req.status == NULL || evidence_status_parse(req.status) < 0)
		errors[nerr++] = (struct ui_error){ "status", "Choose a status" };
	if (req.qis != NULL && req.qis[0] == '\0')
		req.qis = NULL;
	if (nerr == 0 && (f = web_file(r, "file")) != NULL && f->len > 0) {
		/* The attached file goes through a private temporary copy. */
		if (web_upload_save(f, "attachment", &up, &err) != CAIRN_OK) {
			fprintf(stderr, "cairn serve: evidence: %s\n", err.msg);
			web_upload_remove(&up);
			web_error_page(r, w, 500, "The evidence was not added",
			    "The file could not be "
			    "received. Nothing was changed. Try again.");
			return;
		}
		req.file = up.path;
		req.file_name = f->filename; /* kept as the label, not the reduced name */
	}
	if (nerr == 0 &&
	    app_evidence_add(r->st, &r->actor, id, &req, &number, sha, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE) {
			static const char *const inputs[] = { "source", "text", "qis", "status" };
			const char *input = "text";

			for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
				if (strcmp(err.field, inputs[i]) == 0)
					input = inputs[i];
			errors[nerr++] = (struct ui_error){ input, err.msg };
		} else {
			fprintf(stderr, "cairn serve: evidence: %s\n", err.msg);
			web_error_page(r, w, err.rc == CAIRN_EPERM ? 403 : 500,
			    "The evidence was not "
			    "added",
			    err.rc == CAIRN_EPERM ? err.msg : "Nothing was changed. Try again.");
			web_upload_remove(&up);
			return;
		}
	}
	web_upload_remove(&up);
	if (nerr > 0) {
		evidence_page(r, w, id, true, errors, nerr);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/evidence?added=%ld", id, number);
	web_redirect(w, loc);
}

/* ---- one item of the evidence log: its history and its edit form ---- */

/* Parses {n} (args[1]) into *number; false with 404 written when it is not
 * an evidence number. */
static bool
evidence_number(struct web_req *r, struct web_resp *w, long *number)
{
	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 2000000000L, number)) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return false;
	}
	return true;
}

/* Writes the page of evidence number: what it says, its history and, for
 * someone who may change it, the edit form with its errors. */
static void
evidence_item_page(struct web_req *r, struct web_resp *w, long id, long number,
    const struct ui_error *errors, size_t nerr)
{
	static const char *const hcols[] = { "When", "Who", "What changed", "From", "To" };
	struct ui_option sources[SOURCE__MAX], statuses[STATUS__MAX], *qopts = NULL;
	struct evidence_change *ch = NULL;
	struct evidence_item e = { 0 };
	struct framework fw = { 0 };
	struct inspection in;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	struct buf qis = BUF_INIT, title = BUF_INIT, act = BUF_INIT;
	bool *ticked = NULL, may;
	struct account *people = NULL;
	const char **by = NULL;
	size_t nch = 0, nst = 0, npeople = 0;
	char who[300];
	int src, cur;

	if (app_inspection_get(r->st, &r->actor, id, &in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	if (app_evidence_get(r->st, id, number, &e, &ch, &nch, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_error_page(r, w, 404, "Page not found",
			    "There is no such item in this inspection's evidence log.");
		else
			web_internal(r, w, "evidence item", &err);
		inspection_free(&in);
		return;
	}
	may = app_evidence_authorise(r->st, id, number, r->actor.person, &err) == CAIRN_OK;
	cairn_err_clear(&err);
	if (may && app_framework_get(r->st, in.framework_code, &fw, &err) != CAIRN_OK) {
		web_internal(r, w, "evidence item framework", &err);
		goto out;
	}
	/* Who recorded, withdrew and changed it, "Name (username)" (one read). */
	by = xcalloc(nch + 2, sizeof(*by));
	by[0] = e.recorded_by;
	by[1] = e.withdrawn_by;
	for (size_t i = 0; i < nch; i++)
		by[i + 2] = ch[i].actor;
	web_people_named(r, id, ACTION_VIEW_EVIDENCE, by, nch + 2, &people, &npeople);
	src = evidence_source_parse(e.source);
	cur = evidence_status_parse(e.status);
	for (size_t q = 0; q < e.nqis; q++)
		buf_printf(&qis, "%s%s", q ? ", " : "", e.qis[q]);
	buf_printf(&title, "Evidence %ld", number);
	buf_printf(&act, "/inspections/%ld/evidence", id);
	web_frame_init(&fr, id, in.partnership, buf_str(&title), true);
	fr.p.label = in.title;
	web_frame_crumb(&fr, buf_str(&act), "Evidence log");
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (web_query(r, "updated") != NULL && nerr == 0)
		ui_notification(&h, "Evidence updated. The change is kept in its history.");
	if (web_query(r, "withdrawn") != NULL && nerr == 0)
		ui_notification(&h, "Evidence withdrawn. It stays in the log and its history.");
	if (web_query(r, "reinstated") != NULL && nerr == 0)
		ui_notification(&h, "Evidence reinstated. It counts again.");
	if (e.withdrawn_at[0] != '\0') {
		struct buf wl = BUF_INIT;

		buf_printf(&wl,
		    "Withdrawn by %s: %s. It is kept here with its history but counts nowhere: "
		    "not in the evidence balance, the grades or any report.",
		    e.withdrawn_by != NULL
		        ? web_person_named(people, npeople, e.withdrawn_by, who, sizeof(who))
		        : "",
		    e.withdrawn_reason != NULL ? e.withdrawn_reason : "");
		ui_warning(&h, buf_str(&wl));
		buf_free(&wl);
	}
	ui_summary_begin(&h);
	ui_summary_row(&h, "Source", src >= 0 ? evidence_source_table[src].label : e.source);
	ui_summary_row(&h, "Status", cur >= 0 ? evidence_status_label[cur] : e.status);
	ui_summary_row(&h, "Quality indicators", buf_str(&qis));
	ui_summary_row(&h, "What was found", e.text);
	ui_summary_row(&h, "Who took part", e.participants);
	ui_summary_row(&h, "Date gathered", e.gathered_on);
	ui_summary_row(&h, "Recorded by",
	    web_person_named(people, npeople, e.recorded_by, who, sizeof(who)));
	if (e.withdrawn_at[0] != '\0') {
		ui_summary_row_date(&h, "Withdrawn on", e.withdrawn_at, NULL);
		ui_summary_row(&h, "Withdrawn by",
		    e.withdrawn_by != NULL
		        ? web_person_named(people, npeople, e.withdrawn_by, who, sizeof(who))
		        : NULL);
		ui_summary_row(&h, "Why", e.withdrawn_reason);
	}
	ui_summary_end(&h);
	if (e.file_sha256[0] != '\0')
		web_evidence_file_link(&h, id, &e);

	html_elem(&h, HE_H2, NULL, "History");
	ui_table_begin(&h, "Every change, oldest first", hcols, 5);
	for (size_t i = 0; i < nch; i++) {
		ui_row_begin(&h);
		ui_cell_date(&h, ch[i].at, NULL);
		ui_cell(&h, web_person_named(people, npeople, ch[i].actor, who, sizeof(who)),
		    false);
		ui_cell(&h, ch[i].field, false);
		ui_cell(&h, ch[i].old_value != NULL ? ch[i].old_value : "", false);
		ui_cell(&h, ch[i].new_value != NULL ? ch[i].new_value : "", false);
		ui_row_end(&h);
	}
	ui_table_end(&h);

	if (may && e.withdrawn_at[0] != '\0') {
		/* A withdrawn item is not changed; it may be reinstated. */
		html_elem(&h, HE_H2, NULL, "Reinstate this evidence");
		buf_reset(&act);
		buf_printf(&act, "/inspections/%ld/evidence/%ld/reinstate", id, number);
		ui_form_begin(&h, buf_str(&act), r->sess.csrf, false);
		f = (struct ui_field){ .id = "reason",
			.name = "reason",
			.label = "Why it is reinstated (optional)",
			.value = nerr > 0 ? web_form(r, "reason") : NULL,
			.error = ui_error_for(errors, nerr, "reason") };
		ui_textarea(&h, &f, 3);
		ui_button(&h, "Reinstate the evidence", UI_BUTTON_SECONDARY);
		ui_form_end(&h);
	}
	if (may && e.withdrawn_at[0] == '\0') {
		/* The errors are the edit form's unless they are the reason's. */
		bool posted = nerr > 0 && ui_error_for(errors, nerr, "reason") == NULL;
		const char *sv = posted ? web_form(r, "source") : e.source;
		const char *tv = posted ? web_form(r, "text") : e.text;
		const char *stv = posted ? web_form(r, "status") : e.status;
		const char *pv = posted ? web_form(r, "participants") : e.participants;
		const char *dv = posted ? web_form(r, "date") : e.gathered_on;

		for (int i = 0; i < SOURCE__MAX; i++)
			sources[i] = (struct ui_option){ evidence_source_table[i].code,
				evidence_source_table[i].label };
		/* The current status and those it may become, by their names. */
		for (int i = 0; i < STATUS__MAX; i++)
			if (i == cur ||
			    (cur >= 0 &&
			        evidence_status_may_change((enum evidence_status)cur,
			            (enum evidence_status)i)))
				statuses[nst++] = (struct ui_option){ evidence_status_code[i],
					evidence_status_label[i] };
		qopts = xcalloc(fw.nqis ? fw.nqis : 1, sizeof(*qopts));
		ticked = xcalloc(fw.nqis ? fw.nqis : 1, sizeof(*ticked));
		for (size_t q = 0; q < fw.nqis; q++) {
			qopts[q] = (struct ui_option){ fw.qis[q].code, fw.qis[q].title };
			if (posted) {
				for (size_t k = 0; k < r->nform; k++)
					if (strcmp(r->form[k].name, "qis") == 0 &&
					    strcmp(r->form[k].value, fw.qis[q].code) == 0)
						ticked[q] = true;
			} else {
				for (size_t k = 0; k < e.nqis; k++)
					if (strcmp(e.qis[k], fw.qis[q].code) == 0)
						ticked[q] = true;
			}
		}
		html_elem(&h, HE_H2, NULL, "Change this evidence");
		html_elem(&h, HE_P, NULL,
		    "Every change is kept in the history above. Changing evidence linked to a "
		    "grade voids the panel's sign-off.");
		buf_reset(&act);
		buf_printf(&act, "/inspections/%ld/evidence/%ld", id, number);
		ui_form_begin(&h, buf_str(&act), r->sess.csrf, false);
		f = (struct ui_field){ .id = "source",
			.name = "source",
			.label = "Source",
			.value = sv,
			.error = ui_error_for(errors, nerr, "source") };
		ui_select(&h, &f, sources, SOURCE__MAX);
		f = (struct ui_field){ .id = "status",
			.name = "status",
			.label = "Status",
			.hint = "An area of uncertainty is resolved into what it turned out to be.",
			.value = stv,
			.error = ui_error_for(errors, nerr, "status") };
		ui_select(&h, &f, statuses, nst);
		f = (struct ui_field){ .id = "text",
			.name = "text",
			.label = "What was found",
			.value = tv,
			.error = ui_error_for(errors, nerr, "text") };
		ui_textarea(&h, &f, 5);
		f = (struct ui_field){ .id = "qis",
			.name = "qis",
			.label = "Quality indicators",
			.error = ui_error_for(errors, nerr, "qis") };
		ui_checkboxes(&h, &f, qopts, ticked, fw.nqis);
		f = (struct ui_field){ .id = "participants",
			.name = "participants",
			.label = "Who took part (optional)",
			.value = pv,
			.error = ui_error_for(errors, nerr, "participants") };
		ui_input(&h, &f);
		f = (struct ui_field){ .id = "date",
			.name = "date",
			.label = "Date gathered (optional)",
			.hint = "YYYY-MM-DD, e.g. 2026-10-07.",
			.value = dv,
			.width = "fixed-10",
			.error = ui_error_for(errors, nerr, "date") };
		ui_input(&h, &f);
		ui_button(&h, "Save changes", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
		html_elem(&h, HE_H2, NULL, "Withdraw this evidence");
		html_elem(&h, HE_P, NULL,
		    "Withdrawn evidence stays in the log, marked, with who withdrew it, when and "
		    "why, and can be reinstated. Until then it counts nowhere: not in the evidence "
		    "balance, the grades or any report.");
		buf_reset(&act);
		buf_printf(&act, "/inspections/%ld/evidence/%ld/withdraw", id, number);
		ui_form_begin(&h, buf_str(&act), r->sess.csrf, false);
		f = (struct ui_field){ .id = "reason",
			.name = "reason",
			.label = "Why it is withdrawn",
			.value = nerr > 0 ? web_form(r, "reason") : NULL,
			.error = ui_error_for(errors, nerr, "reason") };
		ui_textarea(&h, &f, 3);
		ui_button(&h, "Withdraw the evidence", UI_BUTTON_SECONDARY);
		ui_form_end(&h);
	}
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
out:
	accounts_free(people, npeople);
	free(by);
	free(qopts);
	free(ticked);
	buf_free(&qis);
	buf_free(&title);
	buf_free(&act);
	framework_free(&fw);
	evidence_item_free(&e);
	evidence_changes_free(ch, nch);
	inspection_free(&in);
}

void
page_evidence_item(struct web_req *r, struct web_resp *w)
{
	long number;

	if (evidence_number(r, w, &number))
		evidence_item_page(r, w, r->insp, number, NULL, 0);
}

void
page_evidence_update(struct web_req *r, struct web_resp *w)
{
	struct evidence_req req = { 0 };
	struct ui_error errors[5];
	struct cairn_err err = { 0 };
	struct buf qis = BUF_INIT;
	char sha[65], loc[96], msg[CAIRN_ERR_MSG];
	size_t nerr = 0;
	long id = r->insp, number;

	if (!evidence_number(r, w, &number))
		return;
	req.source = web_form(r, "source");
	req.text = web_form(r, "text");
	req.status = web_form(r, "status");
	req.participants = web_form(r, "participants") != NULL ? web_form(r, "participants") : "";
	req.date = web_form(r, "date") != NULL ? web_form(r, "date") : "";
	/* The ticked indicators; none ticked clears them. */
	for (size_t k = 0; k < r->nform; k++)
		if (strcmp(r->form[k].name, "qis") == 0)
			buf_printf(&qis, "%s%s", buf_str(&qis)[0] != '\0' ? "," : "",
			    r->form[k].value);
	req.qis = buf_str(&qis);
	if (req.source == NULL || evidence_source_parse(req.source) < 0)
		errors[nerr++] =
		    (struct ui_error){ "source", "Choose where the evidence came from" };
	if (req.status == NULL || evidence_status_parse(req.status) < 0)
		errors[nerr++] = (struct ui_error){ "status", "Choose a status" };
	if (req.text == NULL || req.text[strspn(req.text, " \t\r\n")] == '\0')
		errors[nerr++] = (struct ui_error){ "text", "Enter what was found" };
	else if (strlen(req.text) > EVIDENCE_TEXT_MAX)
		errors[nerr++] = (struct ui_error){ "text",
			"What was found must be 20,000 characters or fewer" };
	if (nerr == 0 &&
	    app_evidence_update(r->st, &r->actor, id, number, &req, sha, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM) {
			web_error_page(r, w, 403, "The evidence was not changed", err.msg);
			goto out;
		}
		if (err.rc == CAIRN_EUSAGE && err.field[0] == '\0') {
			/* Nothing was different: nothing to do. */
			snprintf(loc, sizeof(loc), "/inspections/%ld/evidence/%ld", id, number);
			web_redirect(w, loc);
			goto out;
		}
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "evidence update", &err);
			goto out;
		}
		text_copy(msg, sizeof(msg), err.msg);
		/* A withdrawn item (a form from before it was withdrawn) has no edit
		 * form any more: its page's one input is the reinstating reason. */
		errors[nerr++] =
		    (struct ui_error){ err.code == CAIRN_CODE_CONFLICT && err.field[0] == '\0'
			        ? "reason"
			        : web_err_input(&err, "text"),
			    msg };
	}
	if (nerr > 0) {
		evidence_item_page(r, w, id, number, errors, nerr);
		goto out;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/evidence/%ld?updated=1", id, number);
	web_redirect(w, loc);
out:
	buf_free(&qis);
}

/* Withdraws (withdraw true) or reinstates the evidence item {n} with the
 * posted reason; a refusal is shown against the reason on the item page. */
static void
evidence_withdrawal(struct web_req *r, struct web_resp *w, bool withdraw)
{
	struct cairn_err err = { 0 };
	struct ui_error e;
	char loc[96], msg[CAIRN_ERR_MSG];
	long id = r->insp, number;
	int rc;

	if (!evidence_number(r, w, &number))
		return;
	rc = withdraw
	    ? app_evidence_withdraw(r->st, &r->actor, id, number, web_form(r, "reason"), &err)
	    : app_evidence_reinstate(r->st, &r->actor, id, number, web_form(r, "reason"), &err);
	if (rc != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM) {
			web_error_page(r, w, 403, "The evidence was not changed", err.msg);
			return;
		}
		if (err.rc == CAIRN_EDATA && err.code == CAIRN_CODE_UNKNOWN) {
			web_error_page(r, w, 404, "Page not found",
			    "There is no such item in this inspection's evidence log.");
			return;
		}
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "evidence withdrawal", &err);
			return;
		}
		/* Every refusal concerns the one input on the form. */
		text_copy(msg, sizeof(msg), err.msg);
		e = (struct ui_error){ "reason", msg };
		evidence_item_page(r, w, id, number, &e, 1);
		if (err.code == CAIRN_CODE_CONFLICT)
			w->status = 409;
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/evidence/%ld?%s=1", id, number,
	    withdraw ? "withdrawn" : "reinstated");
	web_redirect(w, loc);
}

void
page_evidence_withdraw(struct web_req *r, struct web_resp *w)
{
	evidence_withdrawal(r, w, true);
}

void
page_evidence_reinstate(struct web_req *r, struct web_resp *w)
{
	evidence_withdrawal(r, w, false);
}
