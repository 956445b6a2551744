/*
 * The national overview in the browser (app/followup/overview.h, as `cairn
 * overview`): per quality indicator the distribution of grades across the
 * published inspections held here and the imported published results,
 * the partnerships at each level, trends by year, each inspection's
 * profile against the national one and where the data is partial, with
 * the same tables and SVG charts as the overview document; and its XLSX
 * export.  Who may see it is app_overview_authorise()'s rule (someone who
 * may see evaluations on at least one inspection); profiles of inspections
 * not yet published only where the person may see their evaluations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/followup/overview.h"
#include "app/publication/publish.h"
#include "app/setup/lookup.h"
#include "core/buf.h"
#include "core/mem.h"
#include "render/doc.h"
#include "render/docfmt.h"
#include "core/database.h"
#include "core/model.h"
#include "web/http.h"
#include "web/pages.h"

/* Returns true if the signed-in person may see the overview; otherwise
 * writes the 403 page. */
static bool
may_see_overview(struct web_req *r, struct web_resp *w)
{
	const struct account *acc = web_account(r);

	if (acc != NULL && app_overview_authorise(r->st, acc->username, NULL) == CAIRN_OK)
		return true;
	web_error_page(r, w, 403, "You cannot do this",
	    "The national overview is for people who "
	    "may see evaluations on at least one inspection.");
	return false;
}

/*
 * Chooses the framework: the ?framework= one when it exists, else the
 * first with publications or inspections.  Fills the list of frameworks
 * (caller frees).  Returns the chosen code (borrowed from the list) or
 * NULL when there is none.
 */
static const char *
choose_framework(struct web_req *r, struct framework_summary **fws, size_t *nfws)
{
	const char *want = web_query(r, "framework");

	*fws = NULL;
	*nfws = 0;
	if (app_framework_list(r->st, fws, nfws, NULL) != CAIRN_OK || *nfws == 0)
		return NULL;
	for (size_t i = 0; want != NULL && i < *nfws; i++)
		if (strcmp((*fws)[i].code, want) == 0)
			return (*fws)[i].code;
	for (size_t i = 0; i < *nfws; i++) {
		struct overview ov;
		bool some;

		if (app_overview_build(r->st, (*fws)[i].code, &ov, NULL) != CAIRN_OK)
			continue;
		some = ov.npubs > 0 || ov.npending > 0;
		overview_free(&ov);
		if (some)
			return (*fws)[i].code;
	}
	return (*fws)[0].code;
}

/* Writes the partnerships at each level, per indicator, from the JSON. */
static void
partnerships(struct html *h, const struct overview *ov, json_t *j)
{
	json_t *qis = json_object_get(j, "indicators");

	html_elem(h, HE_H2, NULL, "Partnerships at each level");
	for (size_t i = 0; i < json_array_size(qis); i++) {
		json_t *q = json_array_get(qis, i), *who = json_object_get(q, "partnerships");
		char head[200];

		if (json_integer_value(json_object_get(q, "n")) == 0)
			continue;
		snprintf(head, sizeof(head), "%s %s", json_string_value(json_object_get(q, "qi")),
		    json_string_value(json_object_get(q, "title")));
		html_elem(h, HE_H3, NULL, head);
		ui_summary_begin(h);
		for (size_t l = 0; l < ov->fw.scale.nlevels; l++) {
			json_t *names = json_object_get(who, ov->fw.scale.levels[l].label);
			struct buf b = BUF_INIT;

			if (json_array_size(names) == 0)
				continue;
			for (size_t k = 0; k < json_array_size(names); k++) {
				json_t *e = json_array_get(names, k);
				char day[48];

				buf_printf(&b, "%s%s (%s)%s", k ? "; " : "",
				    json_string_value(json_object_get(e, "partnership")),
				    ui_date_text(json_string_value(json_object_get(e, "published")),
				        day, sizeof(day)),
				    json_is_true(json_object_get(e, "inferred")) ? ", inferred"
				                                                 : "");
			}
			ui_summary_row(h, ov->fw.scale.levels[l].label, buf_str(&b));
			buf_free(&b);
		}
		ui_summary_end(h);
	}
}

/*
 * Writes the comparison of framework code's indicators with programme
 * other's (?compare=, as `cairn overview --framework A --compare B`), like
 * with like through the crosswalks (app_overview_compare), and the form
 * that chooses the programme; fws: the frameworks stored (nfws).  An
 * unknown code is said at the form's input.
 */
static void
compare_section(struct web_req *r, struct html *h, const char *code,
    const struct framework_summary *fws, size_t nfws)
{
	static const char *const cols[] = { "Indicator", "Compared with", "Good or better here",
		"Good or better there" };
	const char *other = web_query(r, "compare");
	struct ui_option opts[32];
	struct overview_cmp cmp;
	struct ui_field f;
	char a[48], b[48], cap[160];
	size_t nopts = 0;
	bool known = other == NULL || other[0] == '\0';

	for (size_t i = 0; i < nfws && nopts < 32; i++) {
		known = known || (strcmp(fws[i].code, other) == 0 && strcmp(other, code) != 0);
		if (strcmp(fws[i].code, code) != 0)
			opts[nopts++] = (struct ui_option){ fws[i].code, fws[i].title };
	}
	if (nopts == 0)
		return;
	html_elem(h, HE_H2, NULL, "Compared with another programme");
	html_open(h, HE_FORM, HA_METHOD, "get", HA_ACTION, "/overview", HA__MAX);
	ui_hidden(h, "framework", code);
	f = (struct ui_field){ .id = "compare",
		.name = "compare",
		.label = "Programme to compare with",
		.hint = "Each indicator beside its counterparts in the other programme, like with "
		        "like, from published results",
		.value = known ? other : NULL,
		.error = known ? NULL : "Choose a programme from the list" };
	ui_select(h, &f, opts, nopts);
	ui_button(h, "Compare", UI_BUTTON_SECONDARY);
	html_close(h);
	if (other == NULL || other[0] == '\0' || !known ||
	    app_overview_compare(r->st, code, other, &cmp, NULL) != CAIRN_OK)
		return;
	snprintf(cap, sizeof(cap), "%s against %s", code, other);
	ui_table_begin(h, cap, cols, 4);
	for (size_t i = 0; i < cmp.nrows; i++) {
		const struct overview_cmp_row *row = &cmp.rows[i];
		struct buf qi = BUF_INIT;

		buf_printf(&qi, "%s %s", row->qi->code, row->qi->title);
		snprintf(a, sizeof(a), "%ld of %ld", row->good_a, row->n_a);
		snprintf(b, sizeof(b), "%ld of %ld", row->good_b, row->n_b);
		ui_row_begin(h);
		ui_cell(h, buf_str(&qi), true);
		ui_cell(h, row->sentence, false);
		ui_cell(h, row->comparable ? a : "", false);
		ui_cell(h, row->comparable ? b : "", false);
		ui_row_end(h);
		buf_free(&qi);
	}
	ui_table_end(h);
	overview_cmp_free(&cmp);
}

void
page_overview(struct web_req *r, struct web_resp *w)
{
	struct framework_summary *fws = NULL;
	struct ui_option opts[32];
	struct overview ov;
	struct doc doc;
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	const char *code;
	size_t nfws = 0, held = 0, nopts = 0;
	char line[256], href[160], p1[48], p2[48], p3[64], p4[48];
	json_t *j;

	if (!may_see_overview(r, w))
		return;
	code = choose_framework(r, &fws, &nfws);
	if (code == NULL || app_overview_build(r->st, code, &ov, NULL) != CAIRN_OK) {
		framework_summaries_free(fws, nfws);
		web_error_page(r, w, 404, "Page not found", "There is no framework to show.");
		return;
	}
	overview_keep_visible(r->st, r->actor.name, &ov);
	web_frame_init(&fr, 0, NULL, "National overview", true);
	fr.p.label = ov.fw.title;
	web_frame_start(r, w, &h, &fr);
	{
		const char *other = web_query(r, "compare");
		bool known = other == NULL || other[0] == '\0';

		for (size_t i = 0; i < nfws && !known; i++)
			known = strcmp(fws[i].code, other) == 0 && strcmp(other, ov.fw.code) != 0;
		if (!known) {
			const struct ui_error e = { "compare", "Choose a programme from the list" };

			w->status = 400;
			ui_error_summary(&h, &e, 1);
		}
	}

	if (nfws > 1) {
		for (size_t i = 0; i < nfws && nopts < 32; i++)
			opts[nopts++] = (struct ui_option){ fws[i].code, fws[i].title };
		html_open(&h, HE_FORM, HA_METHOD, "get", HA_ACTION, "/overview", HA__MAX);
		f = (struct ui_field){ .id = "framework",
			.name = "framework",
			.label = "Framework",
			.value = code };
		ui_select(&h, &f, opts, nopts);
		ui_button(&h, "Show", UI_BUTTON_SECONDARY);
		html_close(&h);
	}
	for (size_t i = 0; i < ov.npubs; i++)
		held += ov.pubs[i].held;
	snprintf(line, sizeof(line), "%s: %s held here and %s; %s evaluated.",
	    ui_plural(p1, sizeof(p1), (long)ov.npubs, "publication", "publications"),
	    ui_plural(p2, sizeof(p2), (long)held, "inspection", "inspections"),
	    ui_plural(p3, sizeof(p3), (long)(ov.npubs - held), "imported published result",
	        "imported published results"),
	    ui_plural(p4, sizeof(p4), (long)ov.nevaluated, "indicator", "indicators"));
	html_elem(&h, HE_P, NULL, line);
	if (ov.nnotes > 0)
		ui_warning(&h,
		    "The data is partial: some publications give only some grades, or only "
		    "counts of grades, and some grades are inferred. See \"Where the data is "
		    "partial\" "
		    "below.");
	snprintf(href, sizeof(href), "/overview/export?framework=%s", ov.fw.code);
	html_open(&h, HE_P, HA__MAX);
	ui_link(&h, href, "Download the overview as a spreadsheet (XLSX)");
	html_close(&h);

	overview_doc_build(&ov, &doc);
	html_open(&h, HE_DIV, HA_CLASS, "cairn-preview", HA__MAX);
	docfmt_html_sections(&doc, &h);
	html_close(&h);
	j = overview_json(&ov);
	partnerships(&h, &ov, j);
	json_decref(j);
	compare_section(r, &h, ov.fw.code, fws, nfws);
	ui_page_end(&h);
	doc_free(&doc);
	overview_free(&ov);
	framework_summaries_free(fws, nfws);
}

void
page_overview_export(struct web_req *r, struct web_resp *w)
{
	struct framework_summary *fws = NULL;
	struct cairn_err err = { 0 };
	struct overview ov;
	struct doc doc;
	const char *code;
	size_t nfws = 0;
	char disp[160];
	int rc;

	if (!may_see_overview(r, w))
		return;
	code = choose_framework(r, &fws, &nfws);
	if (code == NULL || app_overview_build(r->st, code, &ov, &err) != CAIRN_OK) {
		framework_summaries_free(fws, nfws);
		web_error_page(r, w, 404, "Page not found", "There is no framework to export.");
		return;
	}
	overview_keep_visible(r->st, r->actor.name, &ov);
	overview_doc_build(&ov, &doc);
	buf_reset(&w->body);
	rc = publish_xlsx_bytes(&doc, &w->body, &err);
	if (rc == CAIRN_OK)
		rc = app_audit_event(r->st, &r->actor, "overview.export", 0, ov.fw.code, &err);
	if (rc == CAIRN_OK) {
		snprintf(disp, sizeof(disp), "attachment; filename=\"overview-%s.xlsx\"",
		    ov.fw.code);
		w->content_type =
		    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		w->disposition = xstrdup(disp);
	}
	doc_free(&doc);
	overview_free(&ov);
	framework_summaries_free(fws, nfws);
	if (rc != CAIRN_OK) {
		fprintf(stderr, "cairn serve: overview export: %s\n", err.msg);
		web_error_page(r, w, 500, "The spreadsheet could not be made", "Try again later.");
	}
}

void
page_overview_link(struct web_req *r, struct html *h)
{
	const struct account *acc = web_account(r);

	if (acc == NULL || app_overview_authorise(r->st, acc->username, NULL) != CAIRN_OK)
		return;
	html_open(h, HE_P, HA__MAX);
	ui_link(h, "/overview", "National overview");
	html_close(h);
}

/*
 * GET /api/v1/overview?framework=CODE: the overview the page shows, as
 * JSON (overview_json, as `cairn overview --framework CODE --json` prints
 * it), for the same people (app_overview_authorise) with the same filter:
 * the framework asked for, else the page's choice.  Unpublished
 * inspections' profiles only where the person may see their evaluations.
 */
void
api_overview(struct web_req *r, struct web_resp *w)
{
	const struct account *acc = web_account(r);
	const char *want = web_query(r, "framework");
	const char *compare = web_query(r, "compare");
	struct framework_summary *fws = NULL;
	struct cairn_err err = { 0 };
	struct overview ov;
	const char *code;
	size_t nfws = 0;
	bool known = want == NULL;

	if (acc == NULL || app_overview_authorise(r->st, acc->username, &err) != CAIRN_OK) {
		web_json_error(w, 403,
		    "the national overview is for people who may see evaluations on at least one "
		    "inspection",
		    NULL);
		return;
	}
	code = choose_framework(r, &fws, &nfws);
	for (size_t i = 0; !known && i < nfws; i++)
		known = strcmp(fws[i].code, want) == 0;
	if (!known) {
		struct buf b = BUF_INIT;
		char msg[512];

		for (size_t i = 0; i < nfws; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", fws[i].code);
		snprintf(msg, sizeof(msg), "there is no framework '%.100s'; valid: %.300s", want,
		    buf_str(&b));
		buf_free(&b);
		framework_summaries_free(fws, nfws);
		web_json_error(w, 422, msg, "framework");
		return;
	}
	if (compare != NULL) {
		struct overview_cmp cmp;

		/* ?compare=CODE: framework's indicators against another programme's,
		 * like with like, as `cairn overview --framework A --compare B`. */
		framework_summaries_free(fws, nfws);
		if (want == NULL) {
			web_json_error(w, 422,
			    "compare needs framework: the programme to compare it with",
			    "framework");
			return;
		}
		if (!app_framework_exists(r->st, compare)) {
			web_json_error(w, 422, "there is no framework of that code to compare with",
			    "compare");
			return;
		}
		if (app_overview_compare(r->st, want, compare, &cmp, &err) != CAIRN_OK) {
			web_json_error(w, 500, "the overview could not be compared", NULL);
			return;
		}
		web_send_json(w, 200, overview_cmp_json(&cmp));
		overview_cmp_free(&cmp);
		return;
	}
	if (code == NULL || app_overview_build(r->st, code, &ov, &err) != CAIRN_OK) {
		framework_summaries_free(fws, nfws);
		web_json_error(w, 404, "there is no framework to show", NULL);
		return;
	}
	overview_keep_visible(r->st, r->actor.name, &ov);
	web_send_json(w, 200, overview_json(&ov));
	overview_free(&ov);
	framework_summaries_free(fws, nfws);
}
