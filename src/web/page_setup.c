/*
 * Setting up what inspections are made of, in the browser and the JSON API
 * (issue 17), each the same app/ call the command line makes:
 *
 *   - frameworks: the list, one framework's scale and indicators, and the
 *     import of a framework file (app_framework_import_text, as `cairn
 *     framework list|show|import`);
 *   - reading templates: the list, one template's questions and the import
 *     of a template file (app_template_import_text, as `cairn template
 *     list|show|import`);
 *   - crosswalks between model packs: for each shipped crosswalk, each
 *     indicator of the earlier pack and what it is in the later one
 *     (app_crosswalk_load), and the check of a crosswalk file
 *     (app_crosswalk_check_text, as `cairn model crosswalk FILE`).
 *
 * The imports are all or nothing: a refused file's problem names its line
 * and column (JSON syntax) or its field, and is shown beside the file input
 * and in the error summary; nothing is stored.  The pages and the imports
 * are the administrator's (ACTION_MANAGE_REFERENCE, asked by the route
 * table and again by app/ for the imports); the crosswalks through the API
 * are reference data, as the model packs' list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/template.h"
#include "app/setup/crosswalk.h"
#include "app/setup/framework.h"
#include "app/setup/lookup.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* Longest file text the API takes in a body member (the body is at most
 * API_BODY_MAX); larger files go through the upload pages. */
#define SETUP_API_FILE_MAX 60000

/* Longest file name kept for messages. */
#define SETUP_NAME_MAX 100

/* A crosswalk's relations as a person reads them, indexed by enum
 * crosswalk_rel. */
static const char *const rel_label[CROSSWALK_REL__MAX] = {
	[CROSSWALK_SAME] = "The same indicator",
	[CROSSWALK_SPLIT] = "Split into several",
	[CROSSWALK_MERGED] = "Merged with others",
	[CROSSWALK_NONE] = "No successor",
};

/* Copies the last part of an uploaded file's name into out, or fallback
 * when it has none. */
static void
upload_name(const struct form_file *f, const char *fallback, char *out, size_t outsz)
{
	const char *b = f != NULL && f->filename != NULL ? f->filename : "";

	for (const char *c = b; *c != '\0'; c++)
		if (*c == '/' || *c == '\\')
			b = c + 1;
	text_copy(out, outsz, b[0] != '\0' ? b : fallback);
}

/* Returns true when err is a refusal of the file a person can correct. */
static bool
refused(const struct cairn_err *err)
{
	return err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE || err->rc == CAIRN_ENOINPUT;
}

/* Writes the table of the frameworks stored, each linking to its page. */
static void
frameworks_table(struct web_req *r, struct html *h)
{
	static const char *const heads[] = { "Framework", "Title", "Scale", "Indicators",
		"Where from" };
	struct framework_summary *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;

	if (app_framework_list(r->st, &v, &n, &err) != CAIRN_OK) {
		html_elem(h, HE_P, NULL, "The frameworks could not be read.");
		return;
	}
	if (n == 0) {
		html_elem(h, HE_P, NULL, "No frameworks are stored.");
		return;
	}
	ui_table_begin(h, "Frameworks stored", heads, sizeof(heads) / sizeof(heads[0]));
	for (size_t i = 0; i < n; i++) {
		char href[160], count[64];

		snprintf(href, sizeof(href), "/frameworks/%s", v[i].code);
		snprintf(count, sizeof(count), "%d, %d graded in reports", v[i].nqis,
		    v[i].nevaluated);
		ui_row_begin(h);
		html_open(h, HE_TH, HA_SCOPE, "row", HA__MAX);
		ui_link(h, href, v[i].code);
		html_close(h);
		ui_cell(h, v[i].title, false);
		ui_cell(h, v[i].scale_name, false);
		ui_cell(h, count, false);
		ui_cell(h, v[i].builtin ? "Shipped with Cairn" : "Imported", false);
		ui_row_end(h);
	}
	ui_table_end(h);
	framework_summaries_free(v, n);
}

/* Writes the table of the reading templates, shipped first. */
static void
templates_table(struct web_req *r, struct html *h)
{
	static const char *const heads[] = { "Template", "Title", "Framework", "Questions" };
	struct cairn_err err = { 0 };
	char **codes = NULL;
	size_t n = 0;

	if (app_template_codes(r->st, &codes, &n, &err) != CAIRN_OK) {
		html_elem(h, HE_P, NULL, "The reading templates could not be read.");
		return;
	}
	if (n == 0) {
		html_elem(h, HE_P, NULL, "No reading templates are stored.");
		free(codes);
		return;
	}
	ui_table_begin(h, "Reading templates", heads, sizeof(heads) / sizeof(heads[0]));
	for (size_t i = 0; i < n; i++) {
		struct template t = { 0 };
		char count[32], href[200];

		snprintf(href, sizeof(href), "/templates/%s", codes[i]);
		ui_row_begin(h);
		html_open(h, HE_TH, HA_SCOPE, "row", HA__MAX);
		ui_link(h, href, codes[i]);
		html_close(h);
		if (app_template_load(r->st, codes[i], &t, &err) == CAIRN_OK) {
			snprintf(count, sizeof(count), "%zu", t.nitems);
			ui_cell(h, t.title != NULL ? t.title : "", false);
			ui_cell(h, t.framework != NULL ? t.framework : "", false);
			ui_cell(h, count, false);
		} else {
			cairn_err_clear(&err);
			ui_cell(h, "", false);
			ui_cell(h, "", false);
			ui_cell(h, "", false);
		}
		ui_row_end(h);
		template_free(&t);
		free(codes[i]);
	}
	ui_table_end(h);
	free(codes);
}

/* Returns the string member name of o, or NULL (absent or null). */
static const char *
member(json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

/* Answers a refused import through the API: 422 with the field (the body's
 * "file"), 403 when not allowed, else 500. */
static void
api_refused(struct web_resp *w, const struct cairn_err *err)
{
	if (refused(err))
		web_json_err(w, 422, err, "file");
	else if (err->rc == CAIRN_EPERM)
		web_json_err(w, 403, err, NULL);
	else
		web_json_error(w, 500, "the file could not be imported; nothing was changed", NULL);
}

static const struct api_field file_fields[] = {
	{ "file", AT_STRING, true, false, 1, SETUP_API_FILE_MAX, 0 },
	{ "name", AT_STRING, false, true, 1, SETUP_NAME_MAX, 0 },
};
static const struct api_schema framework_schema = { "FrameworkImportBody", file_fields,
	sizeof(file_fields) / sizeof(file_fields[0]) };
static const struct api_schema template_schema = { "TemplateImportBody", file_fields,
	sizeof(file_fields) / sizeof(file_fields[0]) };

/* ---- what the frameworks' and the templates' pages share ---- */

/* Imports a file of one kind (app_framework_import_text,
 * app_template_import_text): sets *code (malloc'd) to what was imported. */
typedef int setup_import_fn(struct store *st, const struct actor *who, const char *name,
    const char *text, size_t len, char **code, struct cairn_err *err);

/* One kind of file an administrator keeps: the page listing what is stored
 * with the import of a file (refused at the file input), its import in the
 * browser and through the API. */
struct setup_kind {
	const char *title;  /* the list page's title, "Frameworks" */
	const char *path;   /* its address, where the import form posts */
	const char *noun;   /* "framework", in "The framework X was imported." */
	const char *about;  /* the paragraph under the title */
	const char *stored; /* the table's heading */
	void (*table)(struct web_req *r, struct html *h); /* writes the table */
	const char *import_head;                          /* the import's heading */
	const char *import_about;      /* what the file holds and how it is checked */
	const char *file_label;        /* the file input's label */
	const char *button;            /* the import button */
	void (*after)(struct html *h); /* anything below the form, or NULL */
	const char *no_file;           /* the error when no file was chosen */
	const char *fallback;          /* the file's name when it has none */
	const char *what;              /* what failed, for the log */
	setup_import_fn *import;
	const char *done, *done_after;   /* the address after an import: done CODE done_after */
	const struct api_schema *schema; /* the API's import body */
};

/* Writes k's list page; errs (nerr of them) are a refused import's. */
static void
kind_page(struct web_req *r, struct web_resp *w, const struct setup_kind *k,
    const struct ui_error *errs, size_t nerr)
{
	struct web_frame fr;
	struct ui_field f = { 0 };
	struct html h;

	web_frame_init(&fr, 0, NULL, k->title, true);
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0) {
		w->status = 400;
		ui_error_summary(&h, errs, nerr);
	} else if (web_query(r, "imported") != NULL) {
		char msg[200];

		snprintf(msg, sizeof(msg), "The %s %s was imported.", k->noun,
		    web_query(r, "imported"));
		ui_notification(&h, msg);
	}
	html_elem(&h, HE_P, NULL, k->about);
	html_elem(&h, HE_H2, NULL, k->stored);
	k->table(r, &h);
	html_elem(&h, HE_H2, NULL, k->import_head);
	html_elem(&h, HE_P, NULL, k->import_about);
	ui_form_begin(&h, k->path, r->sess.csrf, true);
	f.id = f.name = "file";
	f.label = k->file_label;
	f.error = ui_error_for(errs, nerr, "file");
	ui_file(&h, &f, ".json,application/json");
	ui_button(&h, k->button, UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	if (k->after != NULL)
		k->after(&h);
	ui_page_end(&h);
}

/* Imports the uploaded file of kind k: on success redirects to what was
 * imported; a refused file is shown at the file input of k's page. */
static void
kind_import(struct web_req *r, struct web_resp *w, const struct setup_kind *k)
{
	const struct form_file *f = web_file(r, "file");
	struct cairn_err err = { 0 };
	struct ui_error e;
	char name[SETUP_NAME_MAX + 1], *code = NULL;

	if (f == NULL || f->len == 0) {
		e = (struct ui_error){ "file", k->no_file };
		kind_page(r, w, k, &e, 1);
		return;
	}
	upload_name(f, k->fallback, name, sizeof(name));
	if (k->import(r->st, &r->actor, name, f->data, f->len, &code, &err) != CAIRN_OK) {
		if (refused(&err)) {
			e = (struct ui_error){ "file", err.msg };
			kind_page(r, w, k, &e, 1);
		} else {
			web_internal(r, w, k->what, &err);
		}
	} else {
		struct buf loc = BUF_INIT;

		buf_puts(&loc, k->done);
		web_put_segment(&loc, code);
		buf_puts(&loc, k->done_after);
		web_redirect(w, buf_str(&loc));
		buf_free(&loc);
	}
	free(code);
}

/* Imports the file of kind k in the API body {"file": JSON text, "name":
 * file name}: 201 with its code, or the refusal at "file". */
static void
kind_api_import(struct web_req *r, struct web_resp *w, const struct setup_kind *k)
{
	struct cairn_err err = { 0 };
	const char *name, *text;
	char *code = NULL;
	json_t *body;

	if ((body = api_body(r, w, k->schema)) == NULL)
		return;
	name = member(body, "name") != NULL ? member(body, "name") : k->fallback;
	text = member(body, "file");
	if (k->import(r->st, &r->actor, name, text, strlen(text), &code, &err) != CAIRN_OK)
		api_refused(w, &err);
	else
		web_send_json(w, 201, json_pack("{s:s}", "code", code));
	free(code);
	json_decref(body);
}

/* Answers a show page whose item could not be loaded: 404 with missing
 * when there is none of that code, else the internal error (what). */
static void
show_refused(struct web_req *r, struct web_resp *w, const struct cairn_err *err,
    const char *missing, const char *what)
{
	if (err->rc == CAIRN_EDATA || err->rc == CAIRN_ENOINPUT)
		web_error_page(r, w, 404, "Page not found", missing);
	else
		web_internal(r, w, what, err);
}

/* Writes the links under the frameworks' import form. */
static void
frameworks_after(struct html *h)
{
	html_open(h, HE_P, HA__MAX);
	ui_link(h, "/models", "Model packs");
	html_text(h, " carry a framework with the rest of a programme; ");
	ui_link(h, "/crosswalks", "crosswalks");
	html_text(h, " say what each indicator of one programme is in the next.");
	html_close(h);
}

static const struct setup_kind framework_kind = {
	.title = "Frameworks",
	.path = "/frameworks",
	.noun = "framework",
	.about = "A framework is the set of quality indicators an inspection grades, grouped by "
	         "key question, with the scale its grades are given on. Each model pack brings "
	         "its own; a framework may also be imported on its own.",
	.stored = "Frameworks stored",
	.table = frameworks_table,
	.import_head = "Import a framework",
	.import_about = "A JSON file with the framework's code, title, programme, scale, key "
	                "questions and indicators. The whole file is checked first: a file with "
	                "any problem imports nothing, and the problem is named by its line and "
	                "column or its field. A framework's code must be new.",
	.file_label = "Framework file (JSON)",
	.button = "Import the framework",
	.after = frameworks_after,
	.no_file = "Choose a framework file (JSON) to import",
	.fallback = "framework.json",
	.what = "framework import",
	.import = app_framework_import_text,
	.done = "/frameworks/",
	.done_after = "?imported=1",
	.schema = &framework_schema,
};

static const struct setup_kind template_kind = {
	.title = "Reading templates",
	.path = "/templates",
	.noun = "reading template",
	.about = "The questions readers answer about each child's records. An inspection reads "
	         "with its programme's template unless its lead chooses another of the same "
	         "framework on the inspection's reading template page.",
	.stored = "Templates stored",
	.table = templates_table,
	.import_head = "Import a reading template",
	.import_about = "A JSON file with the template's code, title, framework and items. The "
	                "whole file is checked first: a file with any problem imports nothing, "
	                "and the problem is named by its line and column or its field. A shipped "
	                "template's code cannot be taken.",
	.file_label = "Template file (JSON)",
	.button = "Import the template",
	.after = NULL,
	.no_file = "Choose a template file (JSON) to import",
	.fallback = "template.json",
	.what = "template import",
	.import = app_template_import_text,
	.done = "/templates?imported=",
	.done_after = "",
	.schema = &template_schema,
};

/* ---- frameworks ---- */

void
page_frameworks(struct web_req *r, struct web_resp *w)
{
	kind_page(r, w, &framework_kind, NULL, 0);
}

void
page_framework_import(struct web_req *r, struct web_resp *w)
{
	kind_import(r, w, &framework_kind);
}

/* POST /api/v1/frameworks {"file": JSON text, "name": file name}: imports a
 * framework, as `cairn framework import`. */
void
api_framework_import(struct web_req *r, struct web_resp *w)
{
	kind_api_import(r, w, &framework_kind);
}

void
page_framework(struct web_req *r, struct web_resp *w)
{
	static const char *const heads[] = { "Level", "Label", "In short" };
	const char *code = r->nargs > 0 ? r->args[0] : "";
	struct cairn_err err = { 0 };
	struct framework f;
	struct web_frame fr;
	struct html h;
	char title[200];

	if (app_framework_get(r->st, code, &f, &err) != CAIRN_OK) {
		show_refused(r, w, &err, "No framework of that code is stored.", "framework");
		return;
	}
	snprintf(title, sizeof(title), "Framework %s", f.code);
	web_frame_init(&fr, 0, NULL, title, true);
	web_frame_crumb(&fr, "/frameworks", "Frameworks");
	web_frame_start(r, w, &h, &fr);
	if (web_query(r, "imported") != NULL)
		ui_notification(&h, "The framework was imported.");
	html_elem(&h, HE_P, NULL, f.title);
	ui_summary_begin(&h);
	ui_summary_row(&h, "Code", f.code);
	ui_summary_row(&h, "Programme", f.programme);
	if (f.note != NULL)
		ui_summary_row(&h, "Note", f.note);
	ui_summary_row(&h, "Scale", f.scale.name);
	ui_summary_end(&h);
	html_elem(&h, HE_H2, NULL, "Scale");
	ui_table_begin(&h, f.scale.name, heads, sizeof(heads) / sizeof(heads[0]));
	for (size_t i = 0; i < f.scale.nlevels; i++) {
		char v[16];

		snprintf(v, sizeof(v), "%d", f.scale.levels[i].value);
		ui_row_begin(&h);
		ui_cell(&h, v, true);
		ui_cell(&h, f.scale.levels[i].label, false);
		ui_cell(&h, f.scale.levels[i].short_desc, false);
		ui_row_end(&h);
	}
	ui_table_end(&h);
	html_elem(&h, HE_H2, NULL, "Quality indicators by key question");
	page_framework_tables(&h, &f);
	web_para_link(&h, "/frameworks", "Back to the frameworks");
	ui_page_end(&h);
	framework_free(&f);
}

/* ---- reading templates ---- */

void
page_templates(struct web_req *r, struct web_resp *w)
{
	kind_page(r, w, &template_kind, NULL, 0);
}

void
page_template_import(struct web_req *r, struct web_resp *w)
{
	kind_import(r, w, &template_kind);
}

/* POST /api/v1/templates {"file": JSON text, "name": file name}: imports a
 * reading template, as `cairn template import`. */
void
api_template_import(struct web_req *r, struct web_resp *w)
{
	kind_api_import(r, w, &template_kind);
}

void
page_template_show(struct web_req *r, struct web_resp *w)
{
	static const char *const heads[] = { "Question", "Answer", "Indicators", "Per agency" };
	const char *code = r->nargs > 0 ? r->args[0] : "";
	struct cairn_err err = { 0 };
	struct template t = { 0 };
	struct web_frame fr;
	struct buf cell = BUF_INIT;
	struct html h;
	char title[200];

	if (app_template_load(r->st, code, &t, &err) != CAIRN_OK) {
		show_refused(r, w, &err, "No reading template of that code is stored.",
		    "reading template");
		return;
	}
	snprintf(title, sizeof(title), "Reading template %s", t.code);
	web_frame_init(&fr, 0, NULL, title, true);
	web_frame_crumb(&fr, "/templates", "Reading templates");
	web_frame_start(r, w, &h, &fr);
	html_elem(&h, HE_P, NULL, t.title);
	ui_summary_begin(&h);
	ui_summary_row(&h, "Code", t.code);
	ui_summary_row(&h, "Framework", t.framework);
	ui_summary_row(&h, "Where from", t.builtin ? "Shipped with Cairn" : "Imported");
	for (size_t i = 0; i < t.nagencies; i++)
		buf_printf(&cell, "%s%s", i > 0 ? ", " : "", t.agencies[i].name);
	ui_summary_row(&h, "Agencies", buf_str(&cell));
	ui_summary_end(&h);
	ui_table_begin(&h, "Questions", heads, sizeof(heads) / sizeof(heads[0]));
	for (size_t i = 0; i < t.nitems; i++) {
		const struct template_item *it = &t.items[i];

		ui_row_begin(&h);
		ui_cell(&h, it->text, true);
		buf_reset(&cell);
		if (it->answer == ANSWER_LIST)
			for (size_t k = 0; k < it->nchoices; k++)
				buf_printf(&cell, "%s%s",
				    k > 0 ? "; " : "One of: ", it->choices[k]);
		else
			buf_puts(&cell, answer_type_code[it->answer]);
		ui_cell(&h, buf_str(&cell), false);
		buf_reset(&cell);
		for (size_t k = 0; k < it->nqis; k++)
			buf_printf(&cell, "%s%s", k > 0 ? ", " : "", it->qis[k]);
		ui_cell(&h, buf_str(&cell), false);
		ui_cell(&h, it->per_agency ? "Yes" : "No", false);
		ui_row_end(&h);
	}
	ui_table_end(&h);
	web_para_link(&h, "/templates", "Back to the reading templates");
	ui_page_end(&h);
	buf_free(&cell);
	template_free(&t);
}

/* ---- crosswalks ---- */

/* Writes codes, each with its title in fw (may be NULL), separated by
 * semicolons, into out. */
static void
codes_text(const char *const *codes, size_t n, const struct framework *fw, struct buf *out)
{
	buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		const char *title = NULL;

		for (size_t k = 0; fw != NULL && k < fw->nqis && title == NULL; k++)
			if (strcmp(fw->qis[k].code, codes[i]) == 0)
				title = fw->qis[k].title;
		buf_printf(out, "%s%s%s%s", i > 0 ? "; " : "", codes[i], title ? " " : "",
		    title ? title : "");
	}
}

/* Writes one crosswalk as a table: each link's indicators in both packs. */
static void
crosswalk_table(struct web_req *r, struct html *h, const struct crosswalk *c)
{
	struct framework from = { 0 }, to = { 0 };
	struct cairn_err err = { 0 };
	bool have_from, have_to;
	struct buf cell = BUF_INIT;
	char caption[300], hfrom[120], hto[120];
	const char *heads[4];

	have_from = app_framework_get(r->st, c->from, &from, &err) == CAIRN_OK;
	cairn_err_clear(&err);
	have_to = app_framework_get(r->st, c->to, &to, &err) == CAIRN_OK;
	snprintf(hfrom, sizeof(hfrom), "In %s", c->from);
	snprintf(hto, sizeof(hto), "In %s", c->to);
	heads[0] = hfrom;
	heads[1] = "Relation";
	heads[2] = hto;
	heads[3] = "Note";
	snprintf(caption, sizeof(caption), "%s to %s: %zu link%s", c->from, c->to, c->nlinks,
	    c->nlinks == 1 ? "" : "s");
	ui_table_begin(h, caption, heads, 4);
	for (size_t i = 0; i < c->nlinks; i++) {
		const struct crosswalk_link *l = &c->links[i];

		ui_row_begin(h);
		codes_text((const char *const *)l->from, l->nfrom, have_from ? &from : NULL, &cell);
		ui_cell(h, buf_str(&cell), true);
		ui_cell(h, rel_label[l->rel], false);
		codes_text((const char *const *)l->to, l->nto, have_to ? &to : NULL, &cell);
		ui_cell(h, l->nto > 0 ? buf_str(&cell) : "None", false);
		ui_cell(h, l->note != NULL ? l->note : "", false);
		ui_row_end(h);
	}
	ui_table_end(h);
	buf_free(&cell);
	if (have_from)
		framework_free(&from);
	if (have_to)
		framework_free(&to);
}

/* Writes the crosswalks page; errs (nerr of them) are a refused check's,
 * ok (may be NULL) a checked file's crosswalk. */
static void
crosswalks_page(struct web_req *r, struct web_resp *w, const struct ui_error *errs, size_t nerr,
    const struct crosswalk *ok)
{
	struct crosswalk_set s = { 0 };
	struct cairn_err err = { 0 };
	struct ui_field f = { 0 };
	struct web_frame fr;
	struct html h;

	if (app_crosswalk_load(r->st, &s, &err) != CAIRN_OK) {
		web_internal(r, w, "crosswalks", &err);
		return;
	}
	web_frame_init(&fr, 0, NULL, "Crosswalks between model packs", true);
	web_frame_crumb(&fr, "/models", "Model packs");
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0) {
		w->status = 400;
		ui_error_summary(&h, errs, nerr);
	} else if (ok != NULL) {
		char msg[400];

		snprintf(msg, sizeof(msg),
		    "The crosswalk from %s to %s is valid (%zu link%s). Nothing was stored.",
		    ok->from, ok->to, ok->nlinks, ok->nlinks == 1 ? "" : "s");
		ui_notification(&h, msg);
	}
	html_elem(&h, HE_P, NULL,
	    "For each quality indicator of one programme, what it became in the next: the same "
	    "indicator, split into several, merged with others, or no successor. Comparisons "
	    "of grades across programmes follow these links.");
	if (s.n == 0)
		html_elem(&h, HE_P, NULL, "No crosswalks are loaded.");
	for (size_t i = 0; i < s.n; i++) {
		char head[300];

		snprintf(head, sizeof(head), "From %s to %s", s.v[i].from, s.v[i].to);
		html_elem(&h, HE_H2, NULL, head);
		crosswalk_table(r, &h, &s.v[i]);
	}
	html_elem(&h, HE_H2, NULL, "Check a crosswalk file");
	html_elem(&h, HE_P, NULL,
	    "A JSON file linking the indicators of two loaded packs. Every indicator code and "
	    "relation is checked, and that each indicator the earlier pack grades has a link; "
	    "the first problem is named by its line and column or its field. Nothing is "
	    "stored.");
	ui_form_begin(&h, "/crosswalks/check", r->sess.csrf, true);
	f.id = f.name = "file";
	f.label = "Crosswalk file (JSON)";
	f.error = ui_error_for(errs, nerr, "file");
	ui_file(&h, &f, ".json,application/json");
	ui_button(&h, "Check the crosswalk", UI_BUTTON_SECONDARY);
	ui_form_end(&h);
	web_para_link(&h, "/models", "Back to the model packs");
	ui_page_end(&h);
	crosswalk_set_free(&s);
}

void
page_crosswalks(struct web_req *r, struct web_resp *w)
{
	crosswalks_page(r, w, NULL, 0, NULL);
}

void
page_crosswalk_check(struct web_req *r, struct web_resp *w)
{
	const struct form_file *f = web_file(r, "file");
	struct cairn_err err = { 0 };
	struct crosswalk c = { 0 };
	struct ui_error e;
	char name[SETUP_NAME_MAX + 1];

	if (f == NULL || f->len == 0) {
		e = (struct ui_error){ "file", "Choose a crosswalk file (JSON) to check" };
		crosswalks_page(r, w, &e, 1, NULL);
		return;
	}
	upload_name(f, "crosswalk.json", name, sizeof(name));
	if (app_crosswalk_check_text(r->st, name, f->data, f->len, &c, &err) != CAIRN_OK) {
		if (refused(&err)) {
			e = (struct ui_error){ "file", err.msg };
			crosswalks_page(r, w, &e, 1, NULL);
		} else {
			web_internal(r, w, "crosswalk check", &err);
		}
		return;
	}
	crosswalks_page(r, w, NULL, 0, &c);
	crosswalk_free(&c);
}

/* Returns n codes as a JSON array. */
static json_t *
codes_json(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* GET /api/v1/crosswalks: every crosswalk loaded with its links. */
void
api_crosswalks(struct web_req *r, struct web_resp *w)
{
	struct crosswalk_set s = { 0 };
	struct cairn_err err = { 0 };
	json_t *a;

	if (app_crosswalk_load(r->st, &s, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the crosswalks could not be read", NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < s.n; i++) {
		json_t *links = json_array();

		for (size_t k = 0; k < s.v[i].nlinks; k++) {
			const struct crosswalk_link *l = &s.v[i].links[k];

			json_array_append_new(links,
			    json_pack("{s:o, s:o, s:s, s:s?}", "from",
			        codes_json(l->from, l->nfrom), "to", codes_json(l->to, l->nto),
			        "relation", crosswalk_rel_name[l->rel], "note", l->note));
		}
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:o}", "from", s.v[i].from, "to", s.v[i].to, "links",
		        links));
	}
	crosswalk_set_free(&s);
	web_send_json(w, 200, a);
}

const struct api_schema *
api_setup_schema(enum web_route route)
{
	switch (route) {
	case WR_API_FRAMEWORK_IMPORT: return &framework_schema;
	case WR_API_TEMPLATE_IMPORT: return &template_schema;
	default: return NULL;
	}
}
