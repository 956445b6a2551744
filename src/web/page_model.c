/*
 * Model packs in the browser and the JSON API (issue 17), as `cairn model
 * list|import`: the list of packs loaded (code, version, title, years,
 * shipped or imported, sources), a pack's page showing its files in
 * readable form (the framework's indicators by key question, the stage
 * plan, the report's sections), and the import of a pack's files, uploaded
 * together through one file input or sent as {name: text} in a JSON body.
 * Both reach app_model_import_files, the call the command line's folder
 * import makes; a refused pack's error names the file and the field and
 * is shown beside the input, and nothing is stored.  A "check only" upload
 * (and POST /api/v1/models/check) reaches app_model_check_files, which
 * lists every problem of a pack and stores nothing.  The pages and the
 * import are the administrator's (ACTION_MANAGE_REFERENCE, asked by the
 * route table and again by app/ for the import); the API's reads are
 * reference data, as the command line's list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/model.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* Longest text of one file in an API body (the body is at most
 * API_BODY_MAX). */
#define MODEL_API_FILE_MAX 60000

/* Returns true when err is a refusal of the files a person can correct. */
static bool
refused(const struct cairn_err *err)
{
	return err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE || err->rc == CAIRN_ENOINPUT;
}

/* ---- the list ---- */

/* Writes the table of the packs loaded, each linking to its page. */
static void
models_table(struct web_req *r, struct html *h)
{
	static const char *const heads[] = { "Pack", "Version", "Title", "Years", "Where from",
		"Inspections" };
	struct pack_info *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;

	if (app_model_list(r->st, &v, &n, &err) != CAIRN_OK) {
		html_elem(h, HE_P, NULL, "The model packs could not be read.");
		return;
	}
	if (n == 0) {
		html_elem(h, HE_P, NULL, "No model packs are loaded.");
		return;
	}
	ui_table_begin(h, "Model packs loaded", heads, sizeof(heads) / sizeof(heads[0]));
	for (size_t i = 0; i < n; i++) {
		struct model_detail d;
		char href[160], count[32];

		snprintf(href, sizeof(href), "/models/%s", v[i].code);
		snprintf(count, sizeof(count), "%d", v[i].inspections);
		ui_row_begin(h);
		html_open(h, HE_TH, HA_SCOPE, "row", HA__MAX);
		ui_link(h, href, v[i].code);
		html_close(h);
		ui_cell(h, v[i].version, false);
		ui_cell(h, v[i].title, false);
		if (app_model_get(r->st, v[i].code, &d, &err) == CAIRN_OK) {
			ui_cell(h, d.years != NULL ? d.years : "", false);
			model_detail_free(&d);
		} else {
			ui_cell(h, "", false);
		}
		ui_cell(h, v[i].builtin ? "Shipped with Cairn" : "Imported", false);
		ui_cell(h, count, false);
		ui_row_end(h);
	}
	ui_table_end(h);
	pack_infos_free(v, n);
}

/* What a "check only" upload found, as the packs page shows it: each
 * problem in the error summary, linking to it in the list beside the
 * check's input. */
struct check_shown {
	const struct model_check *c; /* the check */
	struct ui_error *summary;    /* one per problem (malloc'd) */
	char (*ids)[48];             /* "check-files-problem-N" (malloc'd) */
	char head[160];              /* the message beside the input */
};

/* Fills k from check c (free with check_shown_free). */
static void
check_shown_build(struct check_shown *k, const struct model_check *c)
{
	k->c = c;
	k->summary = xcalloc(c->nproblems + 1, sizeof(*k->summary));
	k->ids = xcalloc(c->nproblems + 1, sizeof(*k->ids));
	for (size_t i = 0; i < c->nproblems; i++) {
		snprintf(k->ids[i], sizeof(k->ids[i]), "check-files-problem-%zu", i + 1);
		k->summary[i] = (struct ui_error){ k->ids[i], c->problems[i] };
	}
	snprintf(k->head, sizeof(k->head), "The pack has %zu problem%s; nothing was stored",
	    c->nproblems, c->nproblems == 1 ? "" : "s");
}

static void
check_shown_free(struct check_shown *k)
{
	free(k->summary);
	free(k->ids);
}

/* Writes the "check only" form, with what a check found (k may be NULL;
 * err, a refusal before checking, may be NULL). */
static void
check_form(struct web_req *r, struct html *h, const struct check_shown *k, const char *err)
{
	struct ui_field f = { 0 };

	html_elem(h, HE_H2, NULL, "Check a model pack without importing it");
	html_elem(h, HE_P, NULL,
	    "Choose the pack's files as for an import. Every problem is listed, each naming its "
	    "file and field, and nothing is stored, whatever the result.");
	ui_form_begin(h, "/models/check", r->sess.csrf, true);
	f.id = f.name = "check-files";
	f.label = "The pack's files to check (JSON)";
	f.multiple = true;
	f.error = err != NULL ? err : (k != NULL && k->c->nproblems > 0 ? k->head : NULL);
	ui_file(h, &f, ".json,application/json");
	if (k != NULL && k->c->nproblems > 0) {
		html_open(h, HE_OL, HA_CLASS, "ds_list", HA__MAX);
		for (size_t i = 0; i < k->c->nproblems; i++) {
			html_open(h, HE_LI, HA_ID, k->ids[i], HA__MAX);
			html_text(h, k->c->problems[i]);
			html_close(h);
		}
		html_close(h);
	}
	ui_button(h, "Check only", UI_BUTTON_SECONDARY);
	ui_form_end(h);
}

/* Writes the packs page; errs (nerr of them) are a refused import's or a
 * refused check's (keyed by their input); k (may be NULL) a check's result. */
static void
models_page(struct web_req *r, struct web_resp *w, const struct ui_error *errs, size_t nerr,
    const struct check_shown *k)
{
	struct web_frame fr;
	struct ui_field f = { 0 };
	struct html h;

	web_frame_init(&fr, 0, NULL, "Model packs", true);
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0) {
		w->status = 400;
		ui_error_summary(&h, errs, nerr);
	} else if (k != NULL && k->c->nproblems > 0) {
		w->status = 400;
		ui_error_summary(&h, k->summary, k->c->nproblems);
	} else if (k != NULL) {
		char msg[400];

		snprintf(msg, sizeof(msg),
		    "The model pack %s version %s is valid. Nothing was stored: import it to load "
		    "it.",
		    k->c->info.code, k->c->info.version);
		ui_notification(&h, msg);
	} else if (web_query(r, "imported") != NULL) {
		char msg[200];
		const char *code = web_query(r, "imported");

		snprintf(msg, sizeof(msg), "The model pack %s was imported.", code);
		ui_notification(&h, msg);
	}
	html_elem(&h, HE_P, NULL,
	    "Everything that differs between inspection programmes: the framework of quality "
	    "indicators, the stages and their timeline, the report's sections, the reading "
	    "template, the news release and the partnership's forms. An inspection is created "
	    "under one pack and keeps its version.");
	html_elem(&h, HE_H2, NULL, "Packs loaded");
	models_table(r, &h);
	html_elem(&h, HE_H2, NULL, "Import a model pack");
	html_elem(&h, HE_P, NULL,
	    "Choose all the pack's files at once: pack.json and framework.json, and any of "
	    "stages.json, report.json, quantifiers.json, records.json, release.json, "
	    "notification.json, return.json and position.json. The whole pack is checked "
	    "first: a pack with any problem imports nothing, and the problem is named by its "
	    "file and field. A pack's code must be new.");
	ui_form_begin(&h, "/models", r->sess.csrf, true);
	f.id = f.name = "files";
	f.label = "The pack's files (JSON)";
	f.multiple = true;
	f.error = ui_error_for(errs, nerr, "files");
	ui_file(&h, &f, ".json,application/json");
	ui_button(&h, "Import the pack", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	check_form(r, &h, k, ui_error_for(errs, nerr, "check-files"));
	html_elem(&h, HE_H2, NULL, "Frameworks, templates and crosswalks");
	html_open(&h, HE_UL, HA_CLASS, "ds_list ds_list--bulleted", HA__MAX);
	html_open(&h, HE_LI, HA__MAX);
	ui_link(&h, "/frameworks", "Frameworks: list, show and import");
	html_close(&h);
	html_open(&h, HE_LI, HA__MAX);
	ui_link(&h, "/templates", "Reading templates: list and import");
	html_close(&h);
	html_open(&h, HE_LI, HA__MAX);
	ui_link(&h, "/crosswalks", "Crosswalks between model packs");
	html_close(&h);
	html_close(&h);
	ui_page_end(&h);
}

void
page_models(struct web_req *r, struct web_resp *w)
{
	models_page(r, w, NULL, 0, NULL);
}

void
page_model_check(struct web_req *r, struct web_resp *w)
{
	struct model_upload *up = xcalloc(r->nfiles + 1, sizeof(*up));
	struct cairn_err err = { 0 };
	struct model_check c = { 0 };
	struct check_shown k = { 0 };
	struct ui_error e;
	size_t n = 0;

	for (size_t i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, "check-files") == 0 && r->files[i].len > 0)
			up[n++] = (struct model_upload){ r->files[i].filename, r->files[i].data,
				r->files[i].len };
	if (n == 0) {
		e = (struct ui_error){ "check-files", "Choose the pack's files to check" };
		models_page(r, w, &e, 1, NULL);
	} else if (app_model_check_files(NULL, up, n, &c, &err) != CAIRN_OK && c.nproblems == 0) {
		if (refused(&err)) {
			e = (struct ui_error){ "check-files", err.msg };
			models_page(r, w, &e, 1, NULL);
		} else {
			web_internal(r, w, "model check", &err);
		}
	} else {
		check_shown_build(&k, &c);
		models_page(r, w, NULL, 0, &k);
		check_shown_free(&k);
	}
	model_check_free(&c);
	free(up);
}

void
page_model_import(struct web_req *r, struct web_resp *w)
{
	struct model_upload *up = xcalloc(r->nfiles + 1, sizeof(*up));
	struct cairn_err err = { 0 };
	struct pack_info p = { 0 };
	struct ui_error e;
	size_t n = 0;

	for (size_t i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, "files") == 0 && r->files[i].len > 0)
			up[n++] = (struct model_upload){ r->files[i].filename, r->files[i].data,
				r->files[i].len };
	if (n == 0) {
		e = (struct ui_error){ "files", "Choose the pack's files to import" };
		models_page(r, w, &e, 1, NULL);
	} else if (app_model_import_files(r->st, &r->actor, NULL, up, n, &p, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE || err.rc == CAIRN_ENOINPUT) {
			e = (struct ui_error){ "files", err.msg };
			models_page(r, w, &e, 1, NULL);
		} else {
			web_internal(r, w, "model import", &err);
		}
	} else {
		char loc[160];

		snprintf(loc, sizeof(loc), "/models/%s?imported=%s", p.code, p.code);
		web_redirect(w, loc);
	}
	pack_info_free(&p);
	free(up);
}

/* ---- one pack ---- */

/* Writes a list of texts as a bulleted list. */
static void
text_list(struct html *h, char *const *v, size_t n)
{
	html_open(h, HE_UL, HA_CLASS, "ds_list ds_list--bulleted", HA__MAX);
	for (size_t i = 0; i < n; i++)
		html_elem(h, HE_LI, NULL, v[i]);
	html_close(h);
}

void
page_framework_tables(struct html *h, const struct framework *fw)
{
	static const char *const heads[] = { "Indicator", "Title", "Graded in reports" };

	for (size_t k = 0; k < fw->nkqs; k++) {
		char caption[600];
		bool any = false;

		for (size_t i = 0; i < fw->nqis && !any; i++)
			any = strcmp(fw->qis[i].kq, fw->kqs[k].code) == 0;
		if (!any)
			continue;
		snprintf(caption, sizeof(caption), "%s: %s", fw->kqs[k].code, fw->kqs[k].title);
		ui_table_begin(h, caption, heads, sizeof(heads) / sizeof(heads[0]));
		for (size_t i = 0; i < fw->nqis; i++) {
			if (strcmp(fw->qis[i].kq, fw->kqs[k].code) != 0)
				continue;
			ui_row_begin(h);
			ui_cell(h, fw->qis[i].code, true);
			ui_cell(h, fw->qis[i].title, false);
			ui_cell(h, fw->qis[i].evaluated ? "Yes" : "No", false);
			ui_row_end(h);
		}
		ui_table_end(h);
	}
}

/* Writes the stage plan as a table. */
static void
stages_table(struct html *h, const struct model_detail *d)
{
	static const char *const heads[] = { "Stage", "Due in week", "May be skipped" };
	char caption[160];

	snprintf(caption, sizeof(caption), "Stages%s, over %d week%s",
	    d->stages_default ? " (the default plan)" : "", d->weeks, d->weeks == 1 ? "" : "s");
	ui_table_begin(h, caption, heads, sizeof(heads) / sizeof(heads[0]));
	for (size_t i = 0; i < d->nstages; i++) {
		char week[16];

		if (d->stages[i].week > 0)
			snprintf(week, sizeof(week), "%d", d->stages[i].week);
		else
			text_copy(week, sizeof(week), "Not planned");
		ui_row_begin(h);
		ui_cell(h, d->stages[i].title, true);
		ui_cell(h, week, false);
		ui_cell(h, d->stages[i].required ? "No" : "Yes", false);
		ui_row_end(h);
	}
	ui_table_end(h);
}

void
page_model(struct web_req *r, struct web_resp *w)
{
	const char *code = r->nargs > 0 ? r->args[0] : "";
	struct model_detail d;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	struct buf files;
	char title[200];

	if (app_model_get(r->st, code, &d, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_ENOINPUT)
			web_error_page(r, w, 404, "Page not found",
			    "No model pack of that code is loaded.");
		else
			web_internal(r, w, "model pack", &err);
		return;
	}
	snprintf(title, sizeof(title), "Model pack %s", d.info.code);
	web_frame_init(&fr, 0, NULL, title, true);
	web_frame_crumb(&fr, "/models", "Model packs");
	web_frame_start(r, w, &h, &fr);
	if (web_query(r, "imported") != NULL)
		ui_notification(&h, "The model pack was imported.");
	html_elem(&h, HE_P, NULL, d.info.title);
	buf_init(&files, 2000);
	for (int i = 0; i < MODEL_FILE__MAX; i++)
		if (d.present[i])
			buf_printf(&files, "%s%s", files.len > 0 ? ", " : "", model_file_name[i]);
	ui_summary_begin(&h);
	ui_summary_row(&h, "Code", d.info.code);
	ui_summary_row(&h, "Version", d.info.version);
	ui_summary_row(&h, "Years", d.years);
	ui_summary_row(&h, "Children and young people", d.ages);
	ui_summary_row(&h, "Where from", d.info.builtin ? "Shipped with Cairn" : "Imported");
	ui_summary_row(&h, "Files", buf_str(&files));
	ui_summary_end(&h);
	buf_free(&files);
	html_elem(&h, HE_H2, NULL, "Partners");
	text_list(&h, d.partners, d.npartners);
	html_elem(&h, HE_H2, NULL, "Sources");
	text_list(&h, d.sources, d.nsources);
	html_elem(&h, HE_H2, NULL, "Quality indicators by key question");
	html_elem(&h, HE_P, NULL, d.fw.title);
	page_framework_tables(&h, &d.fw);
	html_elem(&h, HE_H2, NULL, "Stages");
	stages_table(&h, &d);
	html_elem(&h, HE_H2, NULL, "Report sections");
	if (d.report_default)
		html_elem(&h, HE_P, NULL, "The pack uses the default report template.");
	html_open(&h, HE_OL, HA_CLASS, "ds_list ds_list--numbered", HA__MAX);
	for (size_t i = 0; i < d.nsections; i++)
		html_elem(&h, HE_LI, NULL, d.sections[i]);
	html_close(&h);
	web_para_link(&h, "/models", "Back to the model packs");
	ui_page_end(&h);
	model_detail_free(&d);
}

/* ---- the API ---- */

/* Returns one pack of the list as the API's JSON. */
static json_t *
pack_json(const struct pack_info *p)
{
	return json_pack("{s:s, s:s, s:s, s:b, s:i}", "code", p->code, "version", p->version,
	    "title", p->title, "builtin", p->builtin, "inspections", p->inspections);
}

/* Returns n texts as a JSON array. */
static json_t *
texts_json(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* GET /api/v1/models: the packs loaded, as `cairn model list --json`. */
void
api_models(struct web_req *r, struct web_resp *w)
{
	struct pack_info *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *a;

	if (app_model_list(r->st, &v, &n, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the model packs could not be read", NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, pack_json(&v[i]));
	pack_infos_free(v, n);
	web_send_json(w, 200, a);
}

/* GET /api/v1/models/{code}: one pack in readable form. */
void
api_model(struct web_req *r, struct web_resp *w)
{
	struct model_detail d;
	struct cairn_err err = { 0 };
	json_t *o, *files, *kqs, *stages, *sections;

	if (app_model_get(r->st, r->nargs > 0 ? r->args[0] : "", &d, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_ENOINPUT)
			web_json_error(w, 404, "no model pack of that code is loaded", NULL);
		else
			web_json_error(w, 500, "the model pack could not be read", NULL);
		return;
	}
	o = pack_json(&d.info);
	files = json_array();
	for (int i = 0; i < MODEL_FILE__MAX; i++)
		if (d.present[i])
			json_array_append_new(files, json_string(model_file_name[i]));
	kqs = json_array();
	for (size_t k = 0; k < d.fw.nkqs; k++) {
		json_t *qis = json_array();

		for (size_t i = 0; i < d.fw.nqis; i++)
			if (strcmp(d.fw.qis[i].kq, d.fw.kqs[k].code) == 0)
				json_array_append_new(qis,
				    json_pack("{s:s, s:s, s:b}", "code", d.fw.qis[i].code, "title",
				        d.fw.qis[i].title, "evaluated", d.fw.qis[i].evaluated));
		json_array_append_new(kqs,
		    json_pack("{s:s, s:s, s:o}", "code", d.fw.kqs[k].code, "title",
		        d.fw.kqs[k].title, "indicators", qis));
	}
	stages = json_array();
	for (size_t i = 0; i < d.nstages; i++)
		json_array_append_new(stages,
		    json_pack("{s:s, s:s, s:i, s:b}", "code", d.stages[i].code, "title",
		        d.stages[i].title, "week", d.stages[i].week, "required",
		        d.stages[i].required));
	sections = texts_json(d.sections, d.nsections);
	json_object_set_new(o, "years", d.years != NULL ? json_string(d.years) : json_null());
	json_object_set_new(o, "ages", d.ages != NULL ? json_string(d.ages) : json_null());
	json_object_set_new(o, "partners", texts_json(d.partners, d.npartners));
	json_object_set_new(o, "sources", texts_json(d.sources, d.nsources));
	json_object_set_new(o, "files", files);
	json_object_set_new(o, "framework",
	    json_pack("{s:s, s:s, s:o}", "code", d.fw.code, "title", d.fw.title, "key_questions",
	        kqs));
	json_object_set_new(o, "stages",
	    json_pack("{s:b, s:i, s:o}", "default", d.stages_default, "weeks", d.weeks, "stages",
	        stages));
	json_object_set_new(o, "report",
	    json_pack("{s:b, s:o}", "default", d.report_default, "sections", sections));
	model_detail_free(&d);
	web_send_json(w, 200, o);
}

static const struct api_field model_fields[] = {
	{ "files", AT_STRING_MAP, true, false, 0, MODEL_API_FILE_MAX, MODEL_FILE__MAX },
};
static const struct api_schema model_schema = { "ModelImportBody", model_fields,
	sizeof(model_fields) / sizeof(model_fields[0]) };
static const struct api_schema model_check_schema = { "ModelCheckBody", model_fields,
	sizeof(model_fields) / sizeof(model_fields[0]) };

/* POST /api/v1/models {"files": {name: text}}: imports a pack. */
void
api_model_import(struct web_req *r, struct web_resp *w)
{
	struct model_upload up[MODEL_FILE__MAX];
	struct cairn_err err = { 0 };
	struct pack_info p = { 0 };
	const char *key;
	json_t *body, *v;
	size_t n = 0;

	if ((body = api_body(r, w, &model_schema)) == NULL)
		return;
	json_object_foreach(json_object_get(body, "files"), key, v)
	{
		if (n < MODEL_FILE__MAX)
			up[n++] = (struct model_upload){ key, json_string_value(v),
				json_string_length(v) };
	}
	if (n == 0) {
		web_json_error(w, 422,
		    "give the pack's files: at least pack.json and framework.json", "files");
	} else if (app_model_import_files(r->st, &r->actor, NULL, up, n, &p, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE || err.rc == CAIRN_ENOINPUT)
			web_json_err(w, 422, &err, "files");
		else if (err.rc == CAIRN_EPERM)
			web_json_err(w, 403, &err, NULL);
		else
			web_json_error(w, 500,
			    "the pack could not be imported; nothing was changed", NULL);
	} else {
		web_send_json(w, 201,
		    json_pack("{s:s, s:s, s:s}", "code", p.code, "version", p.version, "title",
		        p.title));
	}
	pack_info_free(&p);
	json_decref(body);
}

/* POST /api/v1/models/check {"files": {name: text}}: checks a pack and
 * stores nothing: 200 with "valid" and every problem. */
void
api_model_check(struct web_req *r, struct web_resp *w)
{
	struct model_upload up[MODEL_FILE__MAX];
	struct cairn_err err = { 0 };
	struct model_check c = { 0 };
	const char *key;
	json_t *body, *v;
	size_t n = 0;
	int rc;

	if ((body = api_body(r, w, &model_check_schema)) == NULL)
		return;
	json_object_foreach(json_object_get(body, "files"), key, v)
	{
		if (n < MODEL_FILE__MAX)
			up[n++] = (struct model_upload){ key, json_string_value(v),
				json_string_length(v) };
	}
	rc = app_model_check_files(NULL, up, n, &c, &err);
	if (rc == CAIRN_OK) {
		web_send_json(w, 200,
		    json_pack("{s:b, s:s, s:s, s:s, s:[]}", "valid", 1, "code", c.info.code,
		        "version", c.info.version, "title", c.info.title, "problems"));
	} else if (c.nproblems > 0) {
		json_t *a = json_array();

		for (size_t i = 0; i < c.nproblems; i++)
			json_array_append_new(a, json_string(c.problems[i]));
		web_send_json(w, 200, json_pack("{s:b, s:o}", "valid", 0, "problems", a));
	} else if (refused(&err)) {
		web_json_err(w, 422, &err, "files");
	} else {
		web_json_error(w, 500, "the pack could not be checked", NULL);
	}
	model_check_free(&c);
	json_decref(body);
}

/* GET /api/v1/inspections/{id}/model: the pack and version the inspection
 * was created under, as `cairn model inspection ID --json`. */
void
api_inspection_model(struct web_req *r, struct web_resp *w)
{
	char *pack = NULL, *version = NULL;
	struct cairn_err err = { 0 };

	if (app_model_of_inspection(r->st, &r->actor, r->insp, &pack, &version, &err) != CAIRN_OK)
		web_json_error(w, 500, "the inspection's model pack could not be read", NULL);
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:s?, s:s?}", "inspection", (json_int_t)r->insp, "pack", pack,
		        "version", version));
	free(pack);
	free(version);
}

const struct api_schema *
api_model_schema(enum web_route route)
{
	switch (route) {
	case WR_API_MODEL_IMPORT: return &model_schema;
	case WR_API_MODEL_CHECK: return &model_check_schema;
	default: return NULL;
	}
}
