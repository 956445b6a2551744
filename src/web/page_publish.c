/*
 * Publishing in the browser: the preview of the report (full or young
 * people's version) shown inside the page, the downloads the report page
 * lacks (the young people's version and the news release), the checks a
 * report must pass, the publish form (app/publication/publish.h's publish_freeze, as
 * `cairn publish`) and the published versions with their files and SHA-256.  The partnership's co-ordinator sees
 * the draft only while the inspection is at the factual accuracy stage.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/evaluation/dossier.h"
#include "app/publication/draft.h"
#include "app/publication/publish.h"
#include "app/publication/report_model.h"
#include "app/publication/signoff.h"
#include "app/access/role.h"
#include "app/setup/stage.h"
#include "app/publication/lookup.h"
#include "app/setup/lookup.h"
#include "core/mem.h"
#include "core/text.h"
#include "render/doc.h"
#include "render/docfmt.h"
#include "render/release.h"
#include "core/database.h"
#include "core/model.h"
#include "core/publication.h"
#include "web/http.h"
#include "web/pages.h"

/*
 * Returns true if the person may see the draft now, as app/ decides
 * (app_draft_check); writes the refusal page otherwise.  Sets *role.
 */
static bool
may_see_draft(struct web_req *r, struct web_resp *w, long id, enum role *role)
{
	struct cairn_err err = { 0 };
	int rc;

	assert(id == r->insp);
	*role = r->role; /* the route checked view-inspection on id */
	if ((rc = app_draft_check(r->st, &r->actor, id, &err)) == CAIRN_OK)
		return true;
	web_draft_refused(r, w, &err);
	return false;
}

/* Writes a list of links (href, label pairs, n of them). */
static void
link_list(struct html *h, const char *const (*links)[2], size_t n)
{
	html_open(h, HE_UL, HA__MAX);
	for (size_t i = 0; i < n; i++) {
		html_open(h, HE_LI, HA__MAX);
		ui_link(h, links[i][0], links[i][1]);
		html_close(h);
	}
	html_close(h);
}

/* Writes the published versions and the current one's files. */
static void
versions_table(struct web_req *r, struct html *h, const struct publication *v, size_t n)
{
	static const char *const cols[] = { "Version", "Published", "By", "Status", "Reason" };
	static const char *const fcols[] = { "File", "Bytes", "SHA-256" };
	struct publication_file *files = NULL;
	struct account *people = NULL;
	const char **by;
	size_t nfiles = 0, npeople = 0;

	html_open(h, HE_H2, HA_ID, "versions", HA__MAX);
	html_text(h, "Published versions");
	html_close(h);
	if (n == 0) {
		html_elem(h, HE_P, NULL, "The report has not been published.");
		return;
	}
	/* Who published each version, named "Name (username)" (one read). */
	by = xcalloc(n, sizeof(*by));
	for (size_t i = 0; i < n; i++)
		by[i] = v[i].actor;
	web_people_named(r, v[0].inspection, ACTION_PUBLISH, by, n, &people, &npeople);
	free(by);
	ui_table_begin(h, "Published versions", cols, 5);
	for (size_t i = 0; i < n; i++) {
		char ver[24], who[300];

		snprintf(ver, sizeof(ver), "%ld", v[i].version);
		ui_row_begin(h);
		ui_cell(h, ver, true);
		ui_cell_date(h, v[i].at, NULL);
		ui_cell(h, web_person_named(people, npeople, v[i].actor, who, sizeof(who)), false);
		ui_cell(h, i + 1 == n ? "Current" : "Superseded", false);
		ui_cell(h, v[i].reason != NULL ? v[i].reason : "", false);
		ui_row_end(h);
	}
	ui_table_end(h);
	accounts_free(people, npeople);
	if (app_publication_files(r->st, &r->actor, v[n - 1].inspection, v[n - 1].id, false, &files,
	        &nfiles, NULL) != CAIRN_OK)
		return;
	{
		char cap[64];

		snprintf(cap, sizeof(cap), "Files of version %ld", v[n - 1].version);
		ui_table_begin(h, cap, fcols, 3);
	}
	for (size_t i = 0; i < nfiles; i++) {
		char bytes[24];

		char href[160];

		snprintf(bytes, sizeof(bytes), "%zu", files[i].len);
		snprintf(href, sizeof(href), "/inspections/%ld/published/%ld/%s",
		    v[n - 1].inspection, v[n - 1].version, files[i].name);
		ui_row_begin(h);
		html_open(h, HE_TH, HA_SCOPE, "row", HA__MAX);
		ui_link(h, href, files[i].name);
		html_close(h);
		ui_cell(h, bytes, false);
		html_open(h, HE_TD, HA__MAX);
		html_elem(h, HE_CODE, NULL, files[i].sha256);
		html_close(h);
		ui_row_end(h);
	}
	ui_table_end(h);
	publication_files_free(files, nfiles);
}

/* Writes the links to the pages where what the checks find missing is
 * put right, those role may open. */
static void
publish_fix_links(struct html *h, long id, enum role role)
{
	static const struct {
		const char *path;  /* after /inspections/ID */
		const char *label; /* the link's text */
		enum action need;  /* what the page asks of the role */
	} fix[] = {
		{ "", "Grades of the quality indicators (the inspection's page)",
		    ACTION_VIEW_INSPECTION },
		{ "/findings", "Strengths, areas for improvement and the confidence statement",
		    ACTION_VIEW_INSPECTION },
		{ "/panel", "The panel's review and sign-off", ACTION_VIEW_EVALUATION },
		{ "/stage", "The stage and the week plan", ACTION_VIEW_INSPECTION },
		{ "/settings",
		    "The report settings: the publication date, organisations, logo and area",
		    ACTION_EDIT_INSPECTION },
	};
	char href[96];

	html_elem(h, HE_P, NULL, "Where to put them right:");
	html_open(h, HE_UL, HA__MAX);
	for (size_t i = 0; i < sizeof(fix) / sizeof(fix[0]); i++) {
		if (!role_may(role, fix[i].need))
			continue;
		snprintf(href, sizeof(href), "/inspections/%ld%s", id, fix[i].path);
		html_open(h, HE_LI, HA__MAX);
		ui_link(h, href, fix[i].label);
		html_close(h);
	}
	html_close(h);
}

/* Writes the publish page.  errors (may be NULL) are a refused publish's
 * problems: the failed checks or the missing reason. */
static void
publish_page(struct web_req *r, struct web_resp *w, long id, enum role role,
    const struct ui_error *errors, size_t nerr)
{
	struct inspection in;
	struct publication *pubs = NULL;
	struct buf failures = BUF_INIT;
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	size_t npubs = 0, nfail = 0;
	char u[7][96], action[64];
	bool checked;

	if (app_inspection_get(r->st, &r->actor, id, &in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	if (app_publication_list(r->st, &r->actor, id, &pubs, &npubs, NULL) != CAIRN_OK)
		npubs = 0;
	checked = publish_check(r->st, id, &failures, &nfail, NULL) == CAIRN_OK;
	web_frame_init(&fr, id, in.partnership, "Preview and publish", true);
	fr.p.label = in.title;
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0) {
		w->status = 409;
		ui_error_summary(&h, errors, nerr);
	} else if (web_query(r, "published") != NULL && npubs > 0) {
		char msg[96];

		snprintf(msg, sizeof(msg), "Version %ld of the report is published.",
		    pubs[npubs - 1].version);
		ui_notification(&h, msg);
	}

	html_elem(&h, HE_H2, NULL, "Preview and downloads");
	snprintf(u[0], sizeof(u[0]), "/inspections/%ld/preview", id);
	snprintf(u[1], sizeof(u[1]), "/inspections/%ld/preview?version=young-people", id);
	snprintf(u[2], sizeof(u[2]), "/inspections/%ld/report", id);
	snprintf(u[3], sizeof(u[3]), "/inspections/%ld/download/young-people.pdf", id);
	snprintf(u[4], sizeof(u[4]), "/inspections/%ld/download/young-people.html", id);
	snprintf(u[5], sizeof(u[5]), "/inspections/%ld/download/release.txt", id);
	snprintf(u[6], sizeof(u[6]), "/inspections/%ld/release", id);
	{
		const char *const links[][2] = {
			{ u[0], "Preview the report" },
			{ u[1], "Preview the young people's version" },
			{ u[6],
			    npubs > 0 ? "Read the published news release"
			              : "Read the draft news release" },
			{ u[2], "Download the report (PDF, HTML, XLSX, Markdown, JSON, CSV)" },
			{ u[3], "Download the young people's version (PDF)" },
			{ u[4], "Download the young people's version (HTML)" },
			{ u[5], "Download the draft news release (text)" },
		};

		link_list(&h, links, 7);
	}

	html_open(&h, HE_H2, HA_ID, "checks", HA__MAX);
	html_text(&h, "Checks before publication");
	html_close(&h);
	{
		struct signoff_status so;

		if (app_signoff_status(r->st, id, &so, NULL) == CAIRN_OK && so.required &&
		    so.voided && !so.standing) {
			char msg[512];

			snprintf(msg, sizeof(msg),
			    "The panel's sign-off was withdrawn on %s because %s; the panel must "
			    "sign off again.",
			    so.voided_long, so.void_reason);
			html_open(&h, HE_DIV, HA_ID, "signoff-withdrawn", HA__MAX);
			ui_warning(&h, msg);
			html_close(&h);
		}
		signoff_status_free(&so);
	}
	if (!checked) {
		html_elem(&h, HE_P, NULL, "The checks could not be run.");
	} else if (nfail == 0) {
		html_open(&h, HE_P, HA__MAX);
		ui_tag(&h, "Ready to publish", "green");
		html_text(&h, " Every check passed.");
		html_close(&h);
	} else {
		ui_warning(&h, "The report cannot be published until these are put right.");
		html_open(&h, HE_UL, HA__MAX);
		for (const char *s = buf_str(&failures); *s;) {
			const char *end = strchr(s, '\n');
			size_t len = end != NULL ? (size_t)(end - s) : strlen(s);
			char *line = xstrndup(s, len);

			html_elem(&h, HE_LI, NULL, line);
			free(line);
			s += len + (end != NULL);
		}
		html_close(&h);
		publish_fix_links(&h, id, role);
	}

	if (role_may(role, ACTION_EDIT_INSPECTION)) {
		char st[80];

		snprintf(st, sizeof(st), "/inspections/%ld/settings", id);
		html_open(&h, HE_P, HA__MAX);
		ui_link(&h, st, "Report settings: publication date, organisations, logo and area");
		html_close(&h);
	}
	versions_table(r, &h, pubs, npubs);

	if (role_may(role, ACTION_PUBLISH)) {
		snprintf(action, sizeof(action), "/inspections/%ld/publish", id);
		html_elem(&h, HE_H2, NULL, npubs == 0 ? "Publish" : "Publish a new version");
		ui_form_begin(&h, action, r->sess.csrf, false);
		if (npubs == 0) {
			html_elem(&h, HE_P, NULL,
			    "Publishing freezes the public report (PDF, HTML, XLSX, "
			    "CSV, JSON), the young people's version and the news release, each "
			    "with its "
			    "SHA-256. A published version is never changed, only superseded.");
			ui_hidden(&h, "confirm", "publish");
			ui_button(&h, "Publish the report", UI_BUTTON_PRIMARY);
		} else {
			f = (struct ui_field){ .id = "reason",
				.name = "reason",
				.label = "Why the new "
				         "version supersedes the current one",
				.value = web_form(r, "reason"),
				.error = ui_error_for(errors, nerr, "reason") };
			ui_textarea(&h, &f, 3);
			ui_hidden(&h, "confirm", "publish");
			ui_button(&h, "Publish a new version", UI_BUTTON_PRIMARY);
		}
		ui_form_end(&h);
	}
	ui_page_end(&h);
	buf_free(&failures);
	publications_free(pubs, npubs);
	inspection_free(&in);
}

void
page_publish_form(struct web_req *r, struct web_resp *w)
{
	enum role role;
	long id;

	id = r->insp;
	if (!may_see_draft(r, w, id, &role))
		return;
	publish_page(r, w, id, role, NULL, 0);
}

/* Most failed checks shown in the error summary. */
#define PUBLISH_ERRORS_MAX 20

void
page_publish(struct web_req *r, struct web_resp *w)
{
	const char *reason = web_form(r, "reason");
	struct ui_error errors[PUBLISH_ERRORS_MAX + 1];
	char *lines[PUBLISH_ERRORS_MAX];
	struct publication *pubs = NULL;
	struct publish_result res;
	struct buf failures = BUF_INIT;
	struct cairn_err err = { 0 };
	size_t nerr = 0, nl = 0, npubs = 0;
	enum role role;
	char loc[96];
	long id;

	memset(&res, 0, sizeof(res));
	id = r->insp;
	role = r->role;
	if (web_form(r, "confirm") == NULL || strcmp(web_form(r, "confirm"), "publish") != 0) {
		web_error_page(r, w, 400, "The form was incomplete",
		    "Nothing was published. Go back, "
		    "reload the page and use the Publish button.");
		return;
	}
	if (reason != NULL && reason[strspn(reason, " \t\r\n")] == '\0')
		reason = NULL;
	if (app_publication_list(r->st, &r->actor, id, &pubs, &npubs, &err) != CAIRN_OK)
		goto internal;
	publications_free(pubs, npubs);
	if (npubs > 0 && reason == NULL) {
		errors[nerr++] = (struct ui_error){ "reason",
			"Enter why the new version supersedes "
			"the published one" };
		goto refused;
	}
	if (npubs == 0)
		reason = NULL;
	if (publish_freeze(r->st, &r->actor, id, reason, NULL, &res, &failures, &err) != CAIRN_OK) {
		if (failures.len == 0 && err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE)
			goto internal;
		for (const char *s = buf_str(&failures); *s && nl < PUBLISH_ERRORS_MAX;) {
			const char *end = strchr(s, '\n');
			size_t len = end != NULL ? (size_t)(end - s) : strlen(s);

			lines[nl] = xstrndup(s, len);
			errors[nerr++] = (struct ui_error){ "checks", lines[nl++] };
			s += len + (end != NULL);
		}
		/* An error about the reason is shown at it; the rest at the checks. */
		if (nerr == 0)
			errors[nerr++] = (struct ui_error){
				strcmp(err.field, "reason") == 0 ? "reason" : "checks", err.msg
			};
		goto refused;
	}
	publish_result_free(&res);
	buf_free(&failures);
	snprintf(loc, sizeof(loc), "/inspections/%ld/publish?published=1", id);
	web_redirect(w, loc);
	return;
refused:
	publish_page(r, w, id, role, errors, nerr);
	for (size_t i = 0; i < nl; i++)
		free(lines[i]);
	buf_free(&failures);
	return;
internal:
	fprintf(stderr, "cairn serve: publish: %s\n", err.msg);
	web_error_page(r, w, 500, "The report was not published",
	    "Nothing was changed. Try "
	    "again.");
	buf_free(&failures);
}

void
page_preview(struct web_req *r, struct web_resp *w)
{
	const char *ver = web_query(r, "version");
	enum report_version version = REPORT_FULL;
	struct report_settings set;
	struct dossier d;
	struct doc doc;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	char pub[64];
	enum role role;
	long id;
	int rc;

	id = r->insp;
	if (!may_see_draft(r, w, id, &role))
		return;
	if (ver != NULL && strcmp(ver, "young-people") == 0)
		version = REPORT_YOUNG_PEOPLE;
	if (app_dossier_load(r->st, id, &d, &err) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	if ((rc = report_settings_load(r->st, id, &set, &err)) == CAIRN_OK) {
		rc = report_model_build(r->st, &d, &set, REPORT_PUBLIC, version, &doc, &err);
		report_settings_free(&set);
	}
	if (rc != CAIRN_OK) {
		fprintf(stderr, "cairn serve: preview: %s\n", err.msg);
		web_error_page(r, w, rc == CAIRN_EDATA ? 409 : 500, "The preview could not be made",
		    rc == CAIRN_EDATA ? err.msg : "Try again later.");
		dossier_free(&d);
		return;
	}
	snprintf(pub, sizeof(pub), "/inspections/%ld/publish", id);
	web_frame_init(&fr, id, d.in.partnership,
	    version == REPORT_YOUNG_PEOPLE ? "Preview: the young people's version"
	                                   : "Preview: the report",
	    false);
	web_frame_crumb(&fr, pub, "Preview and publish");
	fr.p.label = d.in.title;
	web_frame_start(r, w, &h, &fr);
	ui_warning(&h, "This is the draft as it would be published now. It is not published.");
	html_open(&h, HE_DIV, HA_CLASS, "cairn-preview", HA__MAX);
	if (doc.summary != NULL)
		html_elem(&h, HE_P, NULL, doc.summary);
	docfmt_html_sections(&doc, &h);
	html_close(&h);
	ui_page_end(&h);
	doc_free(&doc);
	dossier_free(&d);
}

/* Draft files the report page does not offer: name, format (PUB_FORMAT__MAX
 * for the news release), version, content type. */
static const struct {
	const char *name;
	enum publish_format format;
	enum report_version version;
	const char *type;
} draft_files[] = {
	{ "young-people.pdf", PUB_PDF, REPORT_YOUNG_PEOPLE, "application/pdf" },
	{ "young-people.html", PUB_HTML, REPORT_YOUNG_PEOPLE, "text/html; charset=utf-8" },
	{ "young-people.md", PUB_MD, REPORT_YOUNG_PEOPLE, "text/markdown; charset=utf-8" },
	{ "release.txt", PUB_FORMAT__MAX, REPORT_FULL, "text/plain; charset=utf-8" },
};

void
page_draft_file(struct web_req *r, struct web_resp *w)
{
	struct publish_request req;
	struct cairn_err err = { 0 };
	struct dossier d;
	char disp[160];
	enum role role;
	size_t k, nk = sizeof(draft_files) / sizeof(draft_files[0]);
	long id;
	int rc;

	id = r->insp;
	if (!may_see_draft(r, w, id, &role))
		return;
	for (k = 0; k < nk && strcmp(r->args[1], draft_files[k].name) != 0; k++)
		;
	if (k == nk) {
		web_error_page(r, w, 404, "Page not found", "There is no such file.");
		return;
	}
	if (app_dossier_load(r->st, id, &d, &err) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	buf_reset(&w->body);
	if (draft_files[k].format == PUB_FORMAT__MAX) {
		struct release rel;

		if ((rc = release_build(&d, &rel, &err)) == CAIRN_OK) {
			buf_puts(&w->body, rel.text);
			release_free(&rel);
		}
	} else {
		req = (struct publish_request){ id, draft_files[k].format, REPORT_PUBLIC,
			draft_files[k].version, NULL };
		rc = publish_render(r->st, &d, &req, &w->body, &err);
	}
	dossier_free(&d);
	if (rc == CAIRN_OK)
		rc = app_audit_event(r->st, &r->actor, "report.download", id, r->args[1], &err);
	if (rc != CAIRN_OK) {
		fprintf(stderr, "cairn serve: draft file: %s\n", err.msg);
		web_error_page(r, w, rc == CAIRN_EDATA ? 409 : 500, "The file could not be made",
		    rc == CAIRN_EDATA ? err.msg : "Try again later.");
		return;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"inspection-%ld-draft-%s\"", id,
	    draft_files[k].name);
	w->content_type = draft_files[k].type;
	w->disposition = xstrdup(disp);
}

void
page_publish_link(struct html *h, long id)
{
	char buf[96];

	snprintf(buf, sizeof(buf), "/inspections/%ld/publish", id);
	html_open(h, HE_P, HA__MAX);
	ui_link(h, buf, "Preview, checks and publish");
	html_close(h);
}
