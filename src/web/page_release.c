/*
 * The news release as a page and as a download, always named by its state:
 * the published release (the frozen text of the current version, with its
 * SHA-256) once the report is published, else the draft made now from the
 * stored grades (render/release.h, as the draft download and the command
 * line's release).  And the frozen files of every published version,
 * downloaded exactly as stored, with their hashes shown on the publish
 * page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/authz.h"
#include "app/access/account.h"
#include "app/access/role.h"
#include "app/evaluation/dossier.h"
#include "app/publication/draft.h"
#include "app/publication/lookup.h"
#include "app/publication/release_view.h"
#include "app/setup/lookup.h"
#include "app/setup/stage.h"
#include "core/database.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/publication.h"
#include "core/text.h"
#include "render/release.h"
#include "web/http.h"
#include "web/pages.h"

/* The frozen file name of the news release. */
#define RELEASE_FILE "release.txt"

/* Content types of the frozen files, by extension. */
static const struct {
	const char *ext;  /* after the last dot */
	const char *type; /* Content-Type */
} file_types[] = {
	{ "pdf", "application/pdf" },
	{ "html", "text/html; charset=utf-8" },
	{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "csv", "text/csv; charset=utf-8" },
	{ "json", "application/json" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "md", "text/markdown; charset=utf-8" },
};

/* Returns the content type of file name. */
static const char *
type_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot != NULL && i < sizeof(file_types) / sizeof(file_types[0]); i++)
		if (strcmp(dot + 1, file_types[i].ext) == 0)
			return file_types[i].type;
	return "application/octet-stream";
}

/* Writes text as paragraphs, one per block between blank lines. */
static void
paragraphs(struct html *h, const char *text)
{
	const char *s = text;

	while (*s != '\0') {
		const char *end = strstr(s, "\n\n");
		size_t len = end != NULL ? (size_t)(end - s) : strlen(s);
		char *para = xstrndup(s, len);

		if (para[strspn(para, " \t\r\n")] != '\0')
			html_elem(h, HE_P, NULL, para);
		free(para);
		s += len;
		while (*s == '\n')
			s++;
	}
}

/* Finds the frozen file name of published version pub; returns it (free
 * the array with publication_files_free) or NULL. */
static const struct publication_file *
frozen(struct web_req *r, long id, const struct publication *pub, const char *name,
    struct publication_file **files, size_t *nfiles)
{
	*files = NULL;
	*nfiles = 0;
	if (app_publication_files(r->st, &r->actor, id, pub->id, true, files, nfiles, NULL) !=
	    CAIRN_OK)
		return NULL;
	for (size_t i = 0; i < *nfiles; i++)
		if (strcmp((*files)[i].name, name) == 0)
			return &(*files)[i];
	return NULL;
}

void
page_release(struct web_req *r, struct web_resp *w)
{
	struct inspection in;
	struct release_view v;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	long id = r->insp;
	char href[128], label[160];

	if (app_inspection_get(r->st, &r->actor, id, &in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	/* Which release, and whether this person may see it now, is app/'s rule
	 * (the embargo for the published one, the draft report's roles for the
	 * draft), as for the API. */
	if (app_release_view(r->st, &r->actor, id, &v, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM && err.code == CAIRN_CODE_FORBIDDEN &&
		    v.state == RELEASE_PUBLISHED)
			web_error_page(r, w, 403, "This report is embargoed", err.msg);
		else if (err.rc == CAIRN_EPERM && err.code == CAIRN_CODE_FORBIDDEN)
			web_error_page(r, w, 403, "You cannot do this", err.msg);
		else if (err.rc == CAIRN_EPERM || err.rc == CAIRN_EDATA)
			web_error_page(r, w, 404, "Page not found",
			    "There is no page at this address.");
		else
			web_internal(r, w, "release", &err);
		goto out;
	}
	web_frame_init(&fr, id, in.partnership,
	    v.state == RELEASE_PUBLISHED ? "News release (published)" : "News release (draft)",
	    false);
	fr.p.label = in.title;
	if (app_draft_check(r->st, &r->actor, id, NULL) == CAIRN_OK) {
		snprintf(href, sizeof(href), "/inspections/%ld/publish", id);
		web_frame_crumb(&fr, href, "Preview and publish");
	}
	web_frame_start(r, w, &h, &fr);
	if (v.state == RELEASE_PUBLISHED) {
		html_open(&h, HE_P, HA__MAX);
		ui_tag(&h, "Published", "green");
		html_textf(&h, " Version %ld, published ", v.version);
		ui_date(&h, v.published_at);
		html_text(&h, ". This is the text as published.");
		html_close(&h);
		paragraphs(&h, v.text);
		snprintf(href, sizeof(href), "/inspections/%ld/published/%ld/%s", id, v.version,
		    RELEASE_FILE);
		snprintf(label, sizeof(label),
		    "Download the published news release, version %ld (text)", v.version);
		html_open(&h, HE_P, HA__MAX);
		ui_link(&h, href, label);
		html_close(&h);
		html_open(&h, HE_P, HA__MAX);
		html_text(&h, "SHA-256 of the published file: ");
		html_elem(&h, HE_CODE, NULL, v.sha256);
		html_close(&h);
	} else {
		html_open(&h, HE_P, HA__MAX);
		ui_tag(&h, "Draft", "grey");
		html_text(&h,
		    " Made now from the grades as they stand; it is not published and may "
		    "change.");
		html_close(&h);
		if (v.text != NULL) {
			paragraphs(&h, v.text);
			snprintf(href, sizeof(href), "/inspections/%ld/download/release.txt", id);
			html_open(&h, HE_P, HA__MAX);
			ui_link(&h, href, "Download the draft news release (text)");
			html_close(&h);
		} else {
			html_elem(&h, HE_P, NULL,
			    "There is no news release yet: no quality indicator is graded.");
		}
	}
	if (authz_check(r->st, &r->actor, id, ACTION_VIEW_EVALUATION, NULL, NULL) == CAIRN_OK) {
		snprintf(href, sizeof(href), "/inspections/%ld/release/check", id);
		html_open(&h, HE_P, HA__MAX);
		ui_link(&h, href, "Check a news release written elsewhere against the grades");
		html_close(&h);
	}
	ui_page_end(&h);
out:
	release_view_free(&v);
	inspection_free(&in);
}

void
page_published_file(struct web_req *r, struct web_resp *w)
{
	struct publication *pubs = NULL;
	struct publication_file *files = NULL;
	const struct publication_file *f = NULL;
	struct cairn_err err = { 0 };
	size_t npubs = 0, nfiles = 0, k;
	long id = r->insp, version = 0;
	char disp[200], subject[160];

	if (page_embargoed(r, w))
		return;
	if (!text_parse_long(r->args[1], 1, 1000000, &version) ||
	    app_publication_list(r->st, &r->actor, id, &pubs, &npubs, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no such published file.");
		goto out;
	}
	for (k = 0; k < npubs && pubs[k].version != version; k++)
		;
	if (k < npubs)
		f = frozen(r, id, &pubs[k], r->args[2], &files, &nfiles);
	if (f == NULL) {
		web_error_page(r, w, 404, "Page not found", "There is no such published file.");
		goto out;
	}
	snprintf(subject, sizeof(subject), "published version %ld, %s", version, f->name);
	if (app_audit_event(r->st, &r->actor, "report.download", id, subject, &err) != CAIRN_OK) {
		fprintf(stderr, "cairn serve: published file: %s\n", err.msg);
		web_error_page(r, w, 500, "The file could not be sent", "Try again later.");
		goto out;
	}
	buf_reset(&w->body);
	buf_append(&w->body, f->data, f->len);
	snprintf(disp, sizeof(disp), "attachment; filename=\"inspection-%ld-published-v%ld-%s\"",
	    id, version, f->name);
	w->content_type = type_of(f->name);
	w->disposition = xstrdup(disp);
out:
	publication_files_free(files, nfiles);
	publications_free(pubs, npubs);
}
