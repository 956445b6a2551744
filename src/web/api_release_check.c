/*
 * The check of a news release written elsewhere through the JSON API
 * (issue 17): POST /api/v1/inspections/{id}/release/check with the text as
 * a text/plain body or as JSON {"text"}.  The same call into
 * app/publication/release_check.h as the release check page
 * (page_release.c) and `cairn release check`, answered as the object its
 * --json prints: the counts the text gives, the grades stored and each
 * disagreement in one sentence ("issues").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/publication/release_check.h"
#include "core/model.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

static const struct api_field check_fields[] = {
	{ "text", AT_STRING, true, false, 1, 60000, 0 },
};
static const struct api_schema check_schema = { "ReleaseCheckBody", check_fields,
	sizeof(check_fields) / sizeof(check_fields[0]) };

const struct api_schema *
api_release_check_schema(enum web_route route)
{
	return route == WR_API_RELEASE_CHECK ? &check_schema : NULL;
}

/* Returns true if the request's Content-Type is text/plain (parameters
 * such as charset allowed). */
static bool
is_plain(const char *ct)
{
	size_t n = strlen("text/plain");

	return ct != NULL && strncasecmp(ct, "text/plain", n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

void
api_release_check(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct release_check rc;
	struct dossier d;
	json_t *body = NULL;
	const char *text;
	size_t len;

	if (is_plain(r->content_type)) {
		if (r->body_len > API_BODY_MAX) {
			web_json_error(w, 413, "the release text is too long (at most 64 KiB)",
			    "text");
			return;
		}
		text = r->body;
		len = r->body != NULL ? r->body_len : 0;
	} else {
		if ((body = api_body(r, w, &check_schema)) == NULL)
			return;
		text = json_string_value(json_object_get(body, "text"));
		len = json_string_length(json_object_get(body, "text"));
	}
	if (app_release_check(r->st, &r->actor, r->insp, text, len, &d, &rc, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM)
			web_json_err(w, 403, &err, NULL);
		else if (err.rc == CAIRN_EUSAGE || err.rc == CAIRN_EDATA)
			web_json_err(w, 422, &err, "text");
		else
			web_json_error(w, 500, "the release could not be checked", NULL);
	} else {
		web_send_json(w, 200, release_check_json(&d, &rc));
	}
	release_check_free(&rc);
	dossier_free(&d);
	json_decref(body);
}
