/*
 * Reference data and choices in the browser and the JSON API (issue 17):
 * importing the published results of earlier inspections
 * (app_history_import, as `cairn history import`) and outcome indicators
 * (app_outcome_import, as `cairn outcomes import`), each all or nothing
 * with the file's problems listed by line and column beside its input;
 * and choosing an inspection's reading template from a list by title
 * (app_template_use, as `cairn template use`).  The imports are the
 * administrator's (ACTION_MANAGE_REFERENCE, asked by the route table and
 * again by app/); an upload is written to a private temporary file and
 * read by the same call the command line makes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/followup/history.h"
#include "app/followup/lookup.h"
#include "app/outcomes/lookup.h"
#include "app/outcomes/outcome.h"
#include "app/records/template.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/history.h"
#include "core/mem.h"
#include "core/outcome.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* Longest CSV text the API takes in a body member (the body is at most
 * API_BODY_MAX); larger files go through the upload pages. */
#define REF_CSV_MAX 60000

/* ---- the problems of a refused file ---- */

/* The problems of a refused import, as a page shows them. */
struct ref_problems {
	const struct csv_errors *ce; /* the file's problems by line and column, or NULL */
	const char *input;           /* the file input they are about ("file", "indicators") */
	const struct ui_error *errs; /* other errors, each keyed by its input */
	size_t nerr;
	char (*msgs)[CSV_ERROR_MSG + 64]; /* "Line L, column C: ..." (malloc'd) */
	char (*ids)[32];                  /* "INPUT-problem-N" (malloc'd) */
	struct ui_error *summary;         /* the error summary (malloc'd) */
	size_t nsummary;
	char head[160]; /* the message beside the input */
};

/* Fills p's summary: each problem of the file by line and column, linking
 * to it in the list beside the input, then the other errors. */
static void
problems_build(struct ref_problems *p)
{
	size_t shown = p->ce != NULL ? p->ce->nkept : 0;

	if (shown > UPLOAD_ERRORS_SHOWN)
		shown = UPLOAD_ERRORS_SHOWN;
	p->msgs = xcalloc(shown + 1, sizeof(*p->msgs));
	p->ids = xcalloc(shown + 1, sizeof(*p->ids));
	p->summary = xcalloc(shown + p->nerr + 1, sizeof(*p->summary));
	for (size_t i = 0; i < shown; i++) {
		const struct csv_error *e = &p->ce->kept[i];

		snprintf(p->ids[i], sizeof(p->ids[i]), "%s-problem-%zu", p->input, i + 1);
		if (e->line > 0 && e->column > 0)
			snprintf(p->msgs[i], sizeof(p->msgs[i]), "Line %ld, column %ld: %s",
			    e->line, e->column, e->msg);
		else if (e->line > 0)
			snprintf(p->msgs[i], sizeof(p->msgs[i]), "Line %ld: %s", e->line, e->msg);
		else
			snprintf(p->msgs[i], sizeof(p->msgs[i]), "%s", e->msg);
		p->summary[p->nsummary++] = (struct ui_error){ p->ids[i], p->msgs[i] };
	}
	if (p->ce != NULL && p->ce->total > 0)
		snprintf(p->head, sizeof(p->head),
		    "The file has %ld problem%s; nothing was imported%s", p->ce->total,
		    p->ce->total == 1 ? "" : "s",
		    (size_t)p->ce->total > shown ? " (the first are listed)" : "");
	for (size_t i = 0; i < p->nerr; i++)
		p->summary[p->nsummary++] = p->errs[i];
}

static void
problems_free(struct ref_problems *p)
{
	free(p->msgs);
	free(p->ids);
	free(p->summary);
}

/* Returns the message to show beside input name, or NULL. */
static const char *
problem_for(const struct ref_problems *p, const char *name)
{
	if (p->ce != NULL && p->ce->total > 0 && strcmp(p->input, name) == 0)
		return p->head;
	return ui_error_for(p->errs, p->nerr, name);
}

/* Writes the file input name with its problems listed beside it, each
 * with its line and column. */
static void
problems_file(struct html *h, const struct ref_problems *p, struct ui_field *f, const char *accept)
{
	f->error = problem_for(p, f->name);
	ui_file(h, f, accept);
	if (p->ce == NULL || p->ce->total == 0 || strcmp(p->input, f->name) != 0)
		return;
	html_open(h, HE_OL, HA_CLASS, "ds_list", HA__MAX);
	for (size_t i = 0; i + p->nerr < p->nsummary; i++) {
		html_open(h, HE_LI, HA_ID, p->ids[i], HA__MAX);
		html_text(h, p->msgs[i]);
		html_close(h);
	}
	html_close(h);
}

/* Writes the API's answer to a refused import: 422 with the file's
 * problems by line and column (member is the body member they are
 * about), or app/'s error keyed by its field. */
static void
api_import_refused(struct web_resp *w, const struct csv_errors *ce, const char *member,
    const struct cairn_err *err)
{
	json_t *a, *o;
	char msg[128];

	if (ce == NULL || ce->total == 0) {
		if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE || err->rc == CAIRN_ENOINPUT)
			web_json_err(w, 422, err, member);
		else if (err->rc == CAIRN_EPERM)
			web_json_err(w, 403, err, NULL);
		else
			web_json_error(w, 500,
			    "the file could not be imported; nothing was changed", NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < ce->nkept; i++)
		json_array_append_new(a,
		    json_pack("{s:I, s:I, s:s}", "line", (json_int_t)ce->kept[i].line, "column",
		        (json_int_t)ce->kept[i].column, "message", ce->kept[i].msg));
	snprintf(msg, sizeof(msg), "the file has %ld error%s; nothing was imported", ce->total,
	    ce->total == 1 ? "" : "s");
	o = json_pack("{s:i, s:s, s:s, s:s+, s:I, s:o}", "status", 422, "code", "invalid",
	    "message", msg, "field", "/", member, "total", (json_int_t)ce->total, "errors", a);
	web_send_json(w, 422, json_pack("{s:o}", "error", o));
}

/* Reads query parameter name as a count (0 to 10^12) into *v. */
static bool
query_long(const struct web_req *r, const char *name, long *v)
{
	return text_parse_long(web_query(r, name), 0, 1000000000000L, v);
}

/* ---- published results of earlier inspections ---- */

/* Writes the list of imported published results, one row per publication. */
static void
history_table(struct web_req *r, struct html *h)
{
	static const char *const heads[] = { "Partnership", "Published", "Programme",
		"Indicators graded", "Of which by indicator", "Source" };
	struct history_row *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;

	if (app_history_list(r->st, NULL, &v, &n, &err) != CAIRN_OK) {
		html_elem(h, HE_P, NULL, "The imported results could not be read.");
		return;
	}
	if (n == 0) {
		html_elem(h, HE_P, NULL, "No published results have been imported yet.");
		return;
	}
	ui_table_begin(h, "Published results imported, by publication", heads,
	    sizeof(heads) / sizeof(heads[0]));
	for (size_t i = 0; i < n;) {
		size_t j = i;
		long graded = 0, byqi = 0;
		bool inferred = false;
		char a[32], b[48];

		for (; j < n && strcmp(v[j].partnership, v[i].partnership) == 0 &&
		     strcmp(v[j].published, v[i].published) == 0 &&
		     strcmp(v[j].framework, v[i].framework) == 0;
		     j++) {
			graded += v[j].count;
			byqi += v[j].qi != NULL;
			inferred |= v[j].inferred;
		}
		snprintf(a, sizeof(a), "%ld", graded);
		snprintf(b, sizeof(b), "%ld%s", byqi, inferred ? " (some inferred)" : "");
		ui_row_begin(h);
		ui_cell(h, v[i].partnership, true);
		ui_cell(h, v[i].published, false);
		ui_cell(h, v[i].framework, false);
		ui_cell(h, a, false);
		ui_cell(h, b, false);
		ui_cell(h, v[i].source, false);
		ui_row_end(h);
		i = j;
	}
	ui_table_end(h);
	history_rows_free(v, n);
}

/* Writes the history page; p (may be NULL) holds a refused upload's
 * problems. */
static void
history_page(struct web_req *r, struct web_resp *w, struct ref_problems *p)
{
	struct ref_problems none = { .input = "file" };
	struct web_frame fr;
	struct ui_field f = { 0 };
	struct html h;

	if (p == NULL)
		p = &none;
	problems_build(p);
	web_frame_init(&fr, 0, NULL, "Published results of earlier inspections", true);
	web_frame_start(r, w, &h, &fr);
	if (p->nsummary > 0 || (p->ce != NULL && p->ce->total > 0)) {
		w->status = 400;
		ui_error_summary(&h, p->summary, p->nsummary);
	} else if (web_query(r, "imported") != NULL) {
		long g, c, pubs, rep;
		char msg[200];

		if (query_long(r, "grades", &g) && query_long(r, "counts", &c) &&
		    query_long(r, "publications", &pubs) && query_long(r, "replaced", &rep))
			snprintf(msg, sizeof(msg),
			    "The published results were imported: %ld grade%s by indicator and %ld "
			    "count%s for %ld publication%s (%ld stored row%s replaced).",
			    g, g == 1 ? "" : "s", c, c == 1 ? "" : "s", pubs, pubs == 1 ? "" : "s",
			    rep, rep == 1 ? "" : "s");
		else
			text_copy(msg, sizeof(msg), "The published results were imported.");
		ui_notification(&h, msg);
	}
	html_elem(&h, HE_P, NULL,
	    "The grades that earlier inspections published, which the national overview and "
	    "the panel's benchmark compare with.");
	html_elem(&h, HE_H2, NULL, "Imported results");
	history_table(r, &h);
	html_elem(&h, HE_H2, NULL, "Import published results");
	html_elem(&h, HE_P, NULL,
	    "A CSV file with a header row naming the columns partnership, published (YYYY, "
	    "YYYY-MM or YYYY-MM-DD), framework, qi, grade, count, basis (stated or inferred) and "
	    "source. A row naming an indicator is one grade; a row with qi empty and a count "
	    "says how many indicators were graded at that level. The whole file is checked "
	    "first: a file with any problem imports nothing. Importing a publication again "
	    "replaces it.");
	ui_form_begin(&h, "/history", r->sess.csrf, true);
	f.id = f.name = "file";
	f.label = "Published results (CSV)";
	problems_file(&h, p, &f, ".csv,text/csv");
	ui_button(&h, "Import the results", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	ui_page_end(&h);
	problems_free(p);
}

void
page_history(struct web_req *r, struct web_resp *w)
{
	history_page(r, w, NULL);
}

void
page_history_import(struct web_req *r, struct web_resp *w)
{
	const struct form_file *f = web_file(r, "file");
	struct history_import res;
	struct cairn_err err = { 0 };
	struct web_upload u = { 0 };
	struct ui_error one;
	struct ref_problems p = { .input = "file" };

	memset(&res, 0, sizeof(res));
	if (f == NULL || f->len == 0) {
		one = (struct ui_error){ "file", "Choose a CSV file to import" };
		p.errs = &one;
		p.nerr = 1;
		history_page(r, w, &p);
		return;
	}
	if (web_upload_save(f, "history.csv", &u, &err) != CAIRN_OK) {
		web_internal(r, w, "history upload", &err);
		goto out;
	}
	if (app_history_import(r->st, &r->actor, u.path, &res, &err) != CAIRN_OK) {
		if (res.errors.total > 0) {
			p.ce = &res.errors;
		} else if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE ||
		    err.rc == CAIRN_ENOINPUT) {
			one = (struct ui_error){ web_err_input(&err, "file"), err.msg };
			p.errs = &one;
			p.nerr = 1;
		} else {
			web_internal(r, w, "history import", &err);
			goto out;
		}
		history_page(r, w, &p);
		goto out;
	}
	{
		char loc[160];

		snprintf(loc, sizeof(loc),
		    "/history?imported=1&grades=%zu&counts=%zu&publications=%zu&replaced=%ld",
		    res.grades, res.counts, res.publications, res.replaced);
		web_redirect(w, loc);
	}
out:
	history_import_free(&res);
	web_upload_remove(&u);
}

/* GET /api/v1/history[?framework=CODE]: the imported results. */
void
api_history(struct web_req *r, struct web_resp *w)
{
	struct history_row *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *a;

	if (app_history_list(r->st, web_query(r, "framework"), &v, &n, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the imported results could not be read", NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s, s:s?, s:i, s:I, s:s, s:s}", "partnership",
		        v[i].partnership, "published", v[i].published, "framework", v[i].framework,
		        "qi", v[i].qi, "grade", v[i].grade, "count", (json_int_t)v[i].count,
		        "basis", v[i].inferred ? "inferred" : "stated", "source", v[i].source));
	history_rows_free(v, n);
	web_send_json(w, 200, a);
}

static const struct api_field history_fields[] = {
	{ "csv", AT_STRING, true, false, 1, REF_CSV_MAX, 0 },
};
static const struct api_schema history_schema = { "HistoryImportBody", history_fields,
	sizeof(history_fields) / sizeof(history_fields[0]) };

/* POST /api/v1/history {"csv": ...}: imports published results. */
void
api_history_import(struct web_req *r, struct web_resp *w)
{
	struct history_import res;
	struct cairn_err err = { 0 };
	struct web_upload u = { 0 };
	json_t *body;

	memset(&res, 0, sizeof(res));
	if ((body = api_body(r, w, &history_schema)) == NULL)
		return;
	if (!api_save_text(w, api_member(body, "csv"), "history.csv", &u))
		goto out;
	if (app_history_import(r->st, &r->actor, u.path, &res, &err) != CAIRN_OK)
		api_import_refused(w, &res.errors, "csv", &err);
	else
		web_send_json(w, 201,
		    json_pack("{s:b, s:I, s:I, s:I, s:I}", "imported", 1, "grades",
		        (json_int_t)res.grades, "counts", (json_int_t)res.counts, "publications",
		        (json_int_t)res.publications, "replaced", (json_int_t)res.replaced));
out:
	history_import_free(&res);
	web_upload_remove(&u);
	json_decref(body);
}

/* ---- outcome indicators ---- */

/* How group 1 is coded, what the file holds and the SIMD version, as a
 * person chooses them. */
static const struct ui_option q1_opts[] = {
	{ "most-deprived", "Group 1 is the most deprived" },
	{ "least-deprived", "Group 1 is the least deprived" },
};
static const struct ui_option simd_opts[] = {
	{ "2020", "SIMD 2020" },
	{ "2016", "SIMD 2016" },
};
static const struct ui_option kind_opts[] = {
	{ "aggregate", "Counts by group: indicator, area, period, group, numerator, denominator" },
	{ "child-level", "One row per child, with a 0/1 column per indicator" },
};

/* Writes the outcome indicators page; p (may be NULL) holds a refused
 * upload's problems. */
static void
outcomes_page(struct web_req *r, struct web_resp *w, struct ref_problems *p)
{
	static const char *const heads[] = { "Code", "Indicator", "Measure", "Which way is better",
		"Source" };
	struct ref_problems none = { .input = "file" };
	struct outcome_indicator *v = NULL;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	size_t n = 0;
	bool again;

	if (p == NULL)
		p = &none;
	again = p != &none;
	problems_build(p);
	web_frame_init(&fr, 0, NULL, "Outcome indicators", true);
	web_frame_start(r, w, &h, &fr);
	if (p->nsummary > 0 || (p->ce != NULL && p->ce->total > 0)) {
		w->status = 400;
		ui_error_summary(&h, p->summary, p->nsummary);
	} else if (web_query(r, "imported") != NULL) {
		long cells, rows, groups;
		char msg[200];

		if (query_long(r, "cells", &cells) && query_long(r, "rows", &rows) &&
		    query_long(r, "groups", &groups))
			snprintf(msg, sizeof(msg),
			    "The outcome indicators were imported: %ld value%s by %s from %ld "
			    "row%s.",
			    cells, cells == 1 ? "" : "s", groups == 10 ? "decile" : "quintile",
			    rows, rows == 1 ? "" : "s");
		else
			text_copy(msg, sizeof(msg), "The outcome indicators were imported.");
		ui_notification(&h, msg);
	}
	html_elem(&h, HE_P, NULL,
	    "Outcome indicators by deprivation group, which each inspection's outcomes page and "
	    "the report's outcomes chapter show for the partnership's area.");
	html_elem(&h, HE_H2, NULL, "Indicators");
	if (app_outcome_indicator_list(r->st, &v, &n, &err) != CAIRN_OK)
		html_elem(&h, HE_P, NULL, "The indicators could not be read.");
	else if (n == 0)
		html_elem(&h, HE_P, NULL, "No outcome indicators have been imported yet.");
	else {
		ui_table_begin(&h, "Outcome indicators", heads, sizeof(heads) / sizeof(heads[0]));
		for (size_t i = 0; i < n; i++) {
			ui_row_begin(&h);
			ui_cell(&h, v[i].code, true);
			ui_cell(&h, v[i].title, false);
			ui_cell(&h, v[i].measure, false);
			ui_cell(&h, v[i].polarity, false);
			ui_cell(&h, v[i].source != NULL ? v[i].source : "", false);
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	outcome_indicators_free(v, n);
	html_elem(&h, HE_H2, NULL, "Import outcome data");
	html_elem(&h, HE_P, NULL,
	    "A CSV file by SIMD quintile (1 to 5) or decile (1 to 10), with the columns "
	    "indicator, area_code, area_name, period, group, numerator and denominator; or one "
	    "row per child with area_code, area_name, period, group and a 0 or 1 column per "
	    "indicator. New indicators need their description: a second CSV file with the "
	    "columns code, title, measure, polarity, source and optionally per. The whole file "
	    "is checked first: a file with any problem imports nothing.");
	ui_form_begin(&h, "/outcome-indicators", r->sess.csrf, true);
	f = (struct ui_field){ .id = "file", .name = "file", .label = "Outcome data (CSV)" };
	problems_file(&h, p, &f, ".csv,text/csv");
	f = (struct ui_field){ .id = "indicators",
		.name = "indicators",
		.label = "Indicator descriptions (CSV, optional)",
		.hint = "Needed for indicators not imported before." };
	problems_file(&h, p, &f, ".csv,text/csv");
	f = (struct ui_field){ .id = "kind",
		.name = "kind",
		.label = "What the file holds",
		.value = again && web_form(r, "kind") != NULL ? web_form(r, "kind") : "aggregate",
		.error = problem_for(p, "kind") };
	ui_radios(&h, &f, kind_opts, sizeof(kind_opts) / sizeof(kind_opts[0]));
	f = (struct ui_field){ .id = "q1",
		.name = "q1",
		.label = "How group 1 is coded",
		.value = again ? web_form(r, "q1") : NULL,
		.error = problem_for(p, "q1") };
	ui_radios(&h, &f, q1_opts, sizeof(q1_opts) / sizeof(q1_opts[0]));
	f = (struct ui_field){ .id = "simd",
		.name = "simd",
		.label = "SIMD version of the groups",
		.value = again ? web_form(r, "simd") : NULL,
		.error = problem_for(p, "simd") };
	ui_radios(&h, &f, simd_opts, sizeof(simd_opts) / sizeof(simd_opts[0]));
	ui_button(&h, "Import the outcome data", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	ui_page_end(&h);
	problems_free(p);
}

void
page_outcome_indicators(struct web_req *r, struct web_resp *w)
{
	outcomes_page(r, w, NULL);
}

/* Returns true if f is a file the person chose (not an empty input). */
static bool
chosen(const struct form_file *f)
{
	return f != NULL && f->len > 0;
}

void
page_outcome_import(struct web_req *r, struct web_resp *w)
{
	const struct form_file *data = web_file(r, "file"), *meta = web_file(r, "indicators");
	const char *kind = web_form(r, "kind"), *errs_file = NULL;
	struct outcome_import_req req = { .q1 = web_form(r, "q1"), .simd = web_form(r, "simd") };
	struct outcome_import_result res;
	struct csv_errors *ce = xcalloc(1, sizeof(*ce));
	struct cairn_err err = { 0 };
	struct web_upload ud = { 0 }, um = { 0 };
	struct ref_problems p = { .input = "file" };
	struct ui_error errs[4];
	size_t nerr = 0;

	if (req.q1 != NULL && req.q1[0] == '\0')
		req.q1 = NULL;
	if (req.simd != NULL && req.simd[0] == '\0')
		req.simd = NULL;
	/* What is missing, all at once; app/ checks every value again. */
	if (!chosen(data))
		errs[nerr++] =
		    (struct ui_error){ "file", "Choose the CSV file of outcome data to import" };
	if (kind != NULL && strcmp(kind, "aggregate") != 0 && strcmp(kind, "child-level") != 0)
		errs[nerr++] = (struct ui_error){ "kind", "Choose what the file holds" };
	if (req.q1 == NULL)
		errs[nerr++] = (struct ui_error){ "q1",
			"Choose how group 1 is coded: the most deprived or the least deprived" };
	if (req.simd == NULL)
		errs[nerr++] =
		    (struct ui_error){ "simd", "Choose the SIMD version the groups come from" };
	if (nerr > 0)
		goto refused;
	req.child_level = kind != NULL && strcmp(kind, "child-level") == 0;
	if (web_upload_save(data, "outcomes.csv", &ud, &err) != CAIRN_OK ||
	    (chosen(meta) && web_upload_save(meta, "indicators.csv", &um, &err) != CAIRN_OK)) {
		web_internal(r, w, "outcomes upload", &err);
		goto out;
	}
	req.path = ud.path;
	req.indicators = chosen(meta) ? um.path : NULL;
	if (app_outcome_import(r->st, &r->actor, &req, &res, ce, &errs_file, &err) == CAIRN_OK) {
		char loc[160];

		snprintf(loc, sizeof(loc),
		    "/outcome-indicators?imported=1&cells=%ld&rows=%ld&groups=%d", res.cells,
		    res.rows, res.ngroups);
		web_redirect(w, loc);
		goto out;
	}
	if (ce->total > 0) {
		p.ce = ce;
		p.input = errs_file != NULL && req.indicators != NULL &&
		        strcmp(errs_file, req.indicators) == 0
		    ? "indicators"
		    : "file";
		outcomes_page(r, w, &p);
		goto out;
	}
	if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_ENOINPUT) {
		web_internal(r, w, "outcomes import", &err);
		goto out;
	}
	errs[nerr++] = (struct ui_error){ web_err_input(&err, "file"), err.msg };
refused:
	p.errs = errs;
	p.nerr = nerr;
	outcomes_page(r, w, &p);
out:
	web_upload_remove(&ud);
	web_upload_remove(&um);
	free(ce);
}

/* GET /api/v1/outcome-indicators: the stored indicators. */
void
api_outcome_indicators(struct web_req *r, struct web_resp *w)
{
	struct outcome_indicator *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *a;

	if (app_outcome_indicator_list(r->st, &v, &n, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the indicators could not be read", NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s, s:I, s:s, s:s?}", "code", v[i].code, "title",
		        v[i].title, "measure", v[i].measure, "per", (json_int_t)v[i].per,
		        "polarity", v[i].polarity, "source", v[i].source));
	outcome_indicators_free(v, n);
	web_send_json(w, 200, a);
}

static const struct api_field outcome_fields[] = {
	{ "csv", AT_STRING, true, false, 1, REF_CSV_MAX, 0 },
	{ "indicators", AT_STRING, false, true, 1, 20000, 0 },
	{ "q1", AT_STRING, true, false, 1, 16, 0 },
	{ "simd", AT_STRING, true, false, 1, 8, 0 },
	{ "child-level", AT_BOOLEAN, false, true, 0, 0, 0 },
};
static const struct api_schema outcome_schema = { "OutcomeImportBody", outcome_fields,
	sizeof(outcome_fields) / sizeof(outcome_fields[0]) };

/* POST /api/v1/outcome-indicators: imports outcome data. */
void
api_outcome_import(struct web_req *r, struct web_resp *w)
{
	struct outcome_import_req req = { 0 };
	struct outcome_import_result res;
	struct csv_errors *ce = xcalloc(1, sizeof(*ce));
	struct cairn_err err = { 0 };
	struct web_upload ud = { 0 }, um = { 0 };
	const char *errs_file = NULL;
	json_t *body;

	if ((body = api_body(r, w, &outcome_schema)) == NULL) {
		free(ce);
		return;
	}
	if (!api_save_text(w, api_member(body, "csv"), "outcomes.csv", &ud) ||
	    (api_member(body, "indicators") != NULL &&
	        !api_save_text(w, api_member(body, "indicators"), "indicators.csv", &um)))
		goto out;
	req.path = ud.path;
	req.indicators = api_member(body, "indicators") != NULL ? um.path : NULL;
	req.q1 = api_member(body, "q1");
	req.simd = api_member(body, "simd");
	req.child_level = json_is_true(json_object_get(body, "child-level"));
	if (app_outcome_import(r->st, &r->actor, &req, &res, ce, &errs_file, &err) != CAIRN_OK)
		api_import_refused(w, ce,
		    errs_file != NULL && req.indicators != NULL &&
		            strcmp(errs_file, req.indicators) == 0
		        ? "indicators"
		        : "csv",
		    &err);
	else
		web_send_json(w, 201,
		    json_pack("{s:I, s:s, s:I, s:I, s:I, s:i, s:s, s:s}", "import",
		        (json_int_t)res.import_id, "kind",
		        req.child_level ? "child-level" : "aggregate", "rows", (json_int_t)res.rows,
		        "cells", (json_int_t)res.cells, "indicators", (json_int_t)res.indicators,
		        "groups", res.ngroups, "q1", req.q1, "simd", req.simd));
out:
	web_upload_remove(&ud);
	web_upload_remove(&um);
	json_decref(body);
	free(ce);
}

/* ---- the reading template ---- */

/* Writes the template page: the one the inspection reads with and the
 * others of its framework, chosen by title. */
static void
template_page(struct web_req *r, struct web_resp *w, const struct ui_error *errs, size_t nerr)
{
	struct template_choice *v = NULL;
	struct ui_option *opts = NULL;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	const char *current = NULL;
	char action[80], readers[80];
	size_t n = 0;

	if (app_template_choices(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK) {
		web_internal(r, w, "reading templates", &err);
		return;
	}
	opts = xcalloc(n + 1, sizeof(*opts));
	for (size_t i = 0; i < n; i++) {
		opts[i] = (struct ui_option){ v[i].code, v[i].title };
		if (v[i].current)
			current = v[i].title;
	}
	snprintf(readers, sizeof(readers), "/inspections/%ld/readers", r->insp);
	web_frame_init(&fr, r->insp, NULL, "Reading template", false);
	web_frame_crumb(&fr, readers, "Readers");
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0) {
		w->status = 400;
		ui_error_summary(&h, errs, nerr);
	} else if (web_query(r, "saved") != NULL) {
		ui_notification(&h, "The reading template is chosen.");
	}
	html_elem(&h, HE_P, NULL,
	    "The questions readers answer about each child's records. Choose the template "
	    "before the records are read.");
	ui_summary_begin(&h);
	ui_summary_row(&h, "Reads with", current != NULL ? current : "The programme's template");
	ui_summary_end(&h);
	snprintf(action, sizeof(action), "/inspections/%ld/template", r->insp);
	ui_form_begin(&h, action, r->sess.csrf, false);
	for (size_t i = 0; i < n && nerr == 0; i++)
		if (v[i].current)
			current = v[i].code;
	f = (struct ui_field){ .id = "template",
		.name = "template",
		.label = "Reading template",
		.value = nerr > 0 ? web_form(r, "template") : (n > 0 ? current : NULL),
		.error = ui_error_for(errs, nerr, "template") };
	ui_radios(&h, &f, opts, n);
	ui_button(&h, "Choose this template", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	web_para_link(&h, readers, "Back to the readers");
	ui_page_end(&h);
	free(opts);
	template_choices_free(v, n);
}

void
page_template(struct web_req *r, struct web_resp *w)
{
	template_page(r, w, NULL, 0);
}

void
page_template_use(struct web_req *r, struct web_resp *w)
{
	const char *code = web_form(r, "template");
	struct cairn_err err = { 0 };
	struct ui_error e;
	char loc[96];

	if (app_template_use(r->st, &r->actor, r->insp, code, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "reading template", &err);
			return;
		}
		e = (struct ui_error){ web_err_input(&err, "template"), err.msg };
		template_page(r, w, &e, 1);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/template?saved=1", r->insp);
	web_redirect(w, loc);
}

/* Returns the template choices as the API's JSON. */
static json_t *
template_json(long id, const struct template_choice *v, size_t n)
{
	json_t *a = json_array();
	const char *current = NULL;

	for (size_t i = 0; i < n; i++) {
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:b, s:b}", "code", v[i].code, "title", v[i].title,
		        "builtin", v[i].builtin, "current", v[i].current));
		if (v[i].current)
			current = v[i].code;
	}
	return json_pack("{s:I, s:s?, s:o}", "inspection", (json_int_t)id, "template", current,
	    "choices", a);
}

void
api_template(struct web_req *r, struct web_resp *w)
{
	struct template_choice *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;

	if (app_template_choices(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the reading templates could not be read", NULL);
		return;
	}
	web_send_json(w, 200, template_json(r->insp, v, n));
	template_choices_free(v, n);
}

static const struct api_field template_fields[] = {
	{ "template", AT_STRING, true, false, 1, 200, 0 },
};
static const struct api_schema template_schema = { "TemplateBody", template_fields,
	sizeof(template_fields) / sizeof(template_fields[0]) };

void
api_template_put(struct web_req *r, struct web_resp *w)
{
	struct template_choice *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *body;

	if ((body = api_body(r, w, &template_schema)) == NULL)
		return;
	if (app_template_use(r->st, &r->actor, r->insp, api_member(body, "template"), &err) !=
	    CAIRN_OK) {
		if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE)
			web_json_err(w, 422, &err, "template");
		else if (err.rc == CAIRN_EPERM)
			web_json_err(w, 403, &err, NULL);
		else
			web_json_error(w, 500, "the template was not chosen; nothing was changed",
			    NULL);
	} else if (app_template_choices(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the template was chosen but could not be read", NULL);
	} else {
		web_send_json(w, 200, template_json(r->insp, v, n));
	}
	template_choices_free(v, n);
	json_decref(body);
}

const struct api_schema *
api_reference_schema(enum web_route route)
{
	switch (route) {
	case WR_API_HISTORY_IMPORT: return &history_schema;
	case WR_API_OUTCOME_IMPORT: return &outcome_schema;
	case WR_API_TEMPLATE_PUT: return &template_schema;
	default: return NULL;
	}
}
