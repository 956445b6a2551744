/*
 * The reference data a team reads through the JSON API: the frameworks
 * (the list, and one with its scale, key questions and indicators) and the
 * reading templates (their codes, and one with its questions), each as
 * `cairn framework list|show --json` and `cairn template list|show --json`
 * print it, from the same app/ calls the pages (page_setup.c) make.
 * Frameworks and templates are reference data, read without an actor (as
 * the model packs, GET /api/v1/models): any API token may read them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/template.h"
#include "app/setup/framework.h"
#include "app/setup/lookup.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* Answers a failed read of reference data: 404 when there is no such
 * code, 500 otherwise. */
static void
not_read(struct web_resp *w, const struct cairn_err *err, const char *what)
{
	char msg[120];

	if (err->rc == CAIRN_EDATA || err->rc == CAIRN_ENOINPUT || err->rc == CAIRN_EUSAGE) {
		snprintf(msg, sizeof(msg), "there is no %s with that code", what);
		web_json_error(w, 404, msg, NULL);
	} else {
		snprintf(msg, sizeof(msg), "the %s could not be read", what);
		web_json_error(w, 500, msg, NULL);
	}
}

void
api_frameworks(struct web_req *r, struct web_resp *w)
{
	struct framework_summary *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	json_t *a;

	if (app_framework_list(r->st, &v, &n, &err) != CAIRN_OK) {
		not_read(w, &err, "framework");
		return;
	}
	a = framework_summaries_json(v, n);
	framework_summaries_free(v, n);
	web_send_json(w, 200, json_pack("{s:o}", "frameworks", a));
}

void
api_framework(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct framework f;
	json_t *o;

	if (r->nargs < 1 || app_framework_get(r->st, r->args[0], &f, &err) != CAIRN_OK) {
		not_read(w, &err, "framework");
		return;
	}
	o = framework_json(&f);
	framework_free(&f);
	web_send_json(w, 200, o);
}

void
api_templates(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	char **codes = NULL;
	size_t n = 0;
	json_t *a;

	if (app_template_codes(r->st, &codes, &n, &err) != CAIRN_OK) {
		not_read(w, &err, "reading template");
		return;
	}
	a = template_codes_json(codes, n);
	strv_free(codes, n);
	web_send_json(w, 200, json_pack("{s:o}", "templates", a));
}

void
api_template_show(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct template t;

	if (r->nargs < 1 || app_template_load(r->st, r->args[0], &t, &err) != CAIRN_OK) {
		not_read(w, &err, "reading template");
		return;
	}
	web_send_json(w, 200, template_show_json(&t));
	template_free(&t);
}
