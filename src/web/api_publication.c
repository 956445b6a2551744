/*
 * The published versions of an inspection's report through the JSON API:
 * each version (as `cairn publication list --json`) with its frozen files,
 * their SHA-256 and size (as `cairn publication get --json` lists them),
 * under the embargo as `publication get` is (app_embargo_check).  One
 * frozen file is downloaded by the route that reuses page_published_file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/embargo.h"
#include "app/publication/lookup.h"
#include "app/publication/publish.h"
#include "core/buf.h"
#include "web/http.h"
#include "web/pages.h"

void
api_publications(struct web_req *r, struct web_resp *w)
{
	/* Who published each version, by name beside the username ("by_name"). */
	static const char *const by[] = { "by" };
	struct publication *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *a;

	if (app_embargo_check(r->st, &r->actor, r->insp, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM && err.code == CAIRN_CODE_FORBIDDEN)
			web_json_err(w, 403, &err, NULL);
		else if (err.rc == CAIRN_EPERM || err.rc == CAIRN_EDATA)
			web_json_error(w, 404, "there is no such inspection", NULL);
		else
			web_json_error(w, 500, "the published versions could not be read", NULL);
		return;
	}
	if (app_publication_list(r->st, &r->actor, r->insp, &v, &n, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the published versions could not be read", NULL);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		struct publication_file *f = NULL;
		size_t nf = 0;
		json_t *files = json_array();

		if (app_publication_files(r->st, &r->actor, r->insp, v[i].id, false, &f, &nf,
		        &err) != CAIRN_OK) {
			json_decref(files);
			json_decref(a);
			publications_free(v, n);
			web_json_error(w, 500, "the published files could not be read", NULL);
			return;
		}
		for (size_t k = 0; k < nf; k++)
			json_array_append_new(files,
			    json_pack("{s:s, s:s, s:I}", "name", f[k].name, "sha256", f[k].sha256,
			        "bytes", (json_int_t)f[k].len));
		publication_files_free(f, nf);
		json_array_append_new(a,
		    json_pack("{s:I, s:s, s:s, s:b, s:s?, s:o}", "version",
		        (json_int_t)v[i].version, "at", v[i].at, "by", v[i].actor, "current",
		        i + 1 == n, "reason", v[i].reason, "files", files));
	}
	publications_free(v, n);
	api_name_people(r, r->insp, ACTION_VIEW_INSPECTION, a, by, 1);
	web_send_json(w, 200,
	    json_pack("{s:I, s:o}", "inspection", (json_int_t)r->insp, "versions", a));
}

/*
 * Runs the checks a report must pass before publication, changing nothing
 * (publish_check, as the publish page lists them and `cairn publish ID
 * --check`; the route checks view-draft-report as the CLI does).  Answers
 * {id, ready, failures}: each failed check's plain-words reason, none when
 * ready.
 */
void
api_publish_check(struct web_req *r, struct web_resp *w)
{
	struct buf failures = BUF_INIT;
	struct cairn_err err = { 0 };
	size_t nfail = 0;
	json_t *a;

	if (publish_check(r->st, r->insp, &failures, &nfail, &err) != CAIRN_OK) {
		buf_free(&failures);
		web_json_error(w, 500, "the checks could not be run", NULL);
		return;
	}
	a = json_array();
	for (const char *p = buf_str(&failures); *p != '\0';) {
		const char *end = strchr(p, '\n');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

		if (n > 0)
			json_array_append_new(a, json_stringn(p, n));
		p = end != NULL ? end + 1 : p + n;
	}
	buf_free(&failures);
	web_send_json(w, 200,
	    json_pack("{s:I, s:b, s:o}", "id", (json_int_t)r->insp, "ready", nfail == 0, "failures",
	        a));
}
