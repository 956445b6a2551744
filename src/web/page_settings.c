/*
 * The report settings of an inspection (issue 17): the publication date,
 * the organisations' names and logo on the outputs, and the council area
 * the partnership matches (for the context and outcomes chapters), chosen
 * from the known areas, and for the lead (who publishes) the news
 * release's quote, who is quoted and the report's address.  The page, its form and the JSON API
 * (GET/PUT /api/v1/inspections/{id}/settings) all call
 * app_publish_settings_get/_set (app/publication/publish.h), as
 * `cairn publication set --inspection ID` does.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/role.h"
#include "app/publication/publish.h"
#include "app/setup/lookup.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* Writes the settings page; errors (may be NULL) are a refused save's. */
static void
settings_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr)
{
	struct publish_settings s;
	struct publish_area *areas = NULL;
	struct ui_option *opts = NULL;
	struct inspection in;
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	size_t nareas = 0, nopts = 0;
	char action[80], pub[80], byname[200];
	bool again = nerr > 0;

	if (app_inspection_get(r->st, &r->actor, r->insp, &in, NULL) != CAIRN_OK ||
	    app_publish_settings_get(r->st, &r->actor, r->insp, &s, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	if (publish_area_list(&areas, &nareas, NULL) != CAIRN_OK)
		nareas = 0;
	snprintf(byname, sizeof(byname), "Match by the partnership's name (%s)", in.partnership);
	opts = xcalloc(nareas + 1, sizeof(*opts));
	opts[nopts++] = (struct ui_option){ "", byname };
	for (size_t i = 0; i < nareas; i++)
		opts[nopts++] = (struct ui_option){ areas[i].code, areas[i].name };

	snprintf(pub, sizeof(pub), "/inspections/%ld/publish", r->insp);
	web_frame_init(&fr, r->insp, in.partnership, "Report settings", false);
	web_frame_crumb(&fr, pub, "Preview and publish");
	fr.p.label = in.title;
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0) {
		w->status = 400;
		ui_error_summary(&h, errors, nerr);
	} else if (web_query(r, "saved") != NULL) {
		ui_notification(&h, "The report settings are saved.");
	}
	html_elem(&h, HE_P, NULL,
	    "What the published report shows: its publication date, the organisations that "
	    "publish it with their logo, and the council area whose open data and outcomes "
	    "the report's context and outcomes chapters use.");
	snprintf(action, sizeof(action), "/inspections/%ld/details", r->insp);
	web_para_link(&h, action,
	    "The inspection's details: partnership, title, dates, inspectorates, methods");

	snprintf(action, sizeof(action), "/inspections/%ld/settings", r->insp);
	ui_form_begin(&h, action, r->sess.csrf, true);
	f = (struct ui_field){ .id = "published",
		.name = "published",
		.label = "Publication date",
		.hint = "For example 2026-03-02 (year, month, day). Leave it empty while it is not "
		        "decided.",
		.value = again ? web_form(r, "published") : s.published,
		.error = ui_error_for(errors, nerr, "published"),
		.width = "fixed-10" };
	ui_input(&h, &f);
	f = (struct ui_field){ .id = "organisation",
		.name = "organisation",
		.label = "Organisations named on the report",
		.hint =
		    "For example: Care Inspectorate, Education Scotland, Healthcare Improvement "
		    "Scotland and HM Inspectorate of Constabulary in Scotland. Leave it empty "
		    "for the default.",
		.value = again ? web_form(r, "organisation") : s.organisation,
		.error = ui_error_for(errors, nerr, "organisation") };
	ui_input(&h, &f);
	f = (struct ui_field){ .id = "logo",
		.name = "logo",
		.label = "Logo for the report's cover",
		.hint = s.logo != NULL ? "A logo is set. Choose a file to replace it: a PNG or "
		                         "JPEG image of at most 1 MB."
		                       : "A PNG or JPEG image of at most 1 MB.",
		.error = ui_error_for(errors, nerr, "logo") };
	ui_file(&h, &f, "image/png,image/jpeg");
	if (s.logo != NULL) {
		static const struct ui_option rm[] = { { "remove", "Remove the logo" } };
		bool checked[1] = { false };

		f = (struct ui_field){ .id = "logo-remove",
			.name = "logo-remove",
			.label = "The current logo" };
		ui_checkboxes(&h, &f, rm, checked, 1);
	}
	f = (struct ui_field){ .id = "area",
		.name = "area",
		.label = "The council area the partnership matches",
		.hint = "The report's context and outcomes chapters use this area's open data.",
		.value = again ? web_form(r, "area") : (s.area != NULL ? s.area : ""),
		.error = ui_error_for(errors, nerr, "area") };
	ui_select(&h, &f, opts, nopts);
	if (role_may(r->role, ACTION_PUBLISH)) {
		html_elem(&h, HE_H2, NULL, "The news release");
		html_elem(&h, HE_P, NULL,
		    "The news release quotes the text below as typed, and gives the address where "
		    "the report is published.");
		f = (struct ui_field){ .id = "quote",
			.name = "quote",
			.label = "Quote for the news release",
			.hint = "As a rule the chief executive's. Leave it empty for no quote.",
			.value = again ? web_form(r, "quote") : s.quote,
			.error = ui_error_for(errors, nerr, "quote") };
		ui_textarea(&h, &f, 5);
		f = (struct ui_field){ .id = "quote-by",
			.name = "quote-by",
			.label = "Who is quoted",
			.hint = "Name and role, for example: Jackie Irvine, Chief Executive of the "
			        "Care Inspectorate. Needed with a quote.",
			.value = again ? web_form(r, "quote-by") : s.quote_by,
			.error = ui_error_for(errors, nerr, "quote-by") };
		ui_input(&h, &f);
		f = (struct ui_field){ .id = "report-url",
			.name = "report-url",
			.label = "Address of the published report",
			.hint = "Starting https://, for example "
			        "https://www.careinspectorate.com/index.php/publications",
			.value = again ? web_form(r, "report-url") : s.report_url,
			.error = ui_error_for(errors, nerr, "report-url"),
			.type = "url" };
		ui_input(&h, &f);
	}
	ui_button(&h, "Save the report settings", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	snprintf(action, sizeof(action), "/inspections/%ld/context", r->insp);
	html_open(&h, HE_P, HA__MAX);
	ui_link(&h, action, "The area's context from the open data (the report's context chapter)");
	html_close(&h);
	ui_page_end(&h);
	free(opts);
	free(areas);
	publish_settings_free(&s);
	inspection_free(&in);
}

void
page_settings(struct web_req *r, struct web_resp *w)
{
	settings_page(r, w, NULL, 0);
}

void
page_settings_save(struct web_req *r, struct web_resp *w)
{
	const struct form_file *logo = web_file(r, "logo");
	const char *rm = web_form(r, "logo-remove");
	struct publish_settings_req req = { .published = web_form(r, "published"),
		.organisation = web_form(r, "organisation"),
		.area = web_form(r, "area") };
	struct cairn_err err = { 0 }, errs[8];
	struct ui_error e[8];
	char loc[96];
	size_t n;

	if (req.published == NULL)
		req.published = "";
	if (req.organisation == NULL)
		req.organisation = "";
	if (req.area == NULL)
		req.area = "";
	req.published += strspn(req.published, " \t");
	/* The release text, only from who may publish (the only ones shown it). */
	if (role_may(r->role, ACTION_PUBLISH)) {
		req.quote = web_form(r, "quote");
		req.quote_by = web_form(r, "quote-by");
		req.report_url = web_form(r, "report-url");
	}
	req.logo_remove = rm != NULL && strcmp(rm, "remove") == 0;
	if (!req.logo_remove && logo != NULL &&
	    (logo->len > 0 || (logo->filename != NULL && logo->filename[0] != '\0'))) {
		req.logo = logo->data != NULL ? logo->data : "";
		req.logo_len = logo->len;
	}
	/* Every field's error at once, then the one call that stores. */
	if ((n = app_publish_settings_check(&req, errs, 8)) > 0) {
		for (size_t i = 0; i < n; i++)
			e[i] =
			    (struct ui_error){ web_err_input(&errs[i], "published"), errs[i].msg };
		settings_page(r, w, e, n);
		return;
	}
	if (app_publish_settings_set(r->st, &r->actor, r->insp, &req, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "report settings", &err);
			return;
		}
		e[0] = (struct ui_error){ web_err_input(&err, "published"), err.msg };
		settings_page(r, w, e, 1);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/settings?saved=1", r->insp);
	web_redirect(w, loc);
}

/* ---- the JSON API ---- */

/* Returns the settings as the API's JSON. */
static json_t *
settings_json(long id, const struct publish_settings *s)
{
	return json_pack("{s:I, s:s?, s:s?, s:b, s:s?, s:s?, s:s?, s:s?, s:s?}", "inspection",
	    (json_int_t)id, "published", s->published[0] ? s->published : NULL, "organisation",
	    s->organisation, "logo", s->logo != NULL, "area", s->area, "area_name", s->area_name,
	    "quote", s->quote, "quote-by", s->quote_by, "report-url", s->report_url);
}

void
api_settings(struct web_req *r, struct web_resp *w)
{
	struct publish_settings s;
	struct cairn_err err = { 0 };

	if (app_publish_settings_get(r->st, &r->actor, r->insp, &s, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the settings could not be read", NULL);
		return;
	}
	web_send_json(w, 200, settings_json(r->insp, &s));
	publish_settings_free(&s);
}

static const struct api_field settings_fields[] = {
	{ "published", AT_STRING, false, true, 0, 10, 0 },
	{ "organisation", AT_STRING, false, true, 0, 200, 0 },
	{ "area", AT_STRING, false, true, 0, 64, 0 },
	{ "logo", AT_STRING, false, true, 0, 60000,
	    0 }, /* base64; the API body is at most 64 KiB */
	{ "logo_remove", AT_BOOLEAN, false, true, 0, 0, 0 },
	{ "quote", AT_STRING, false, true, 0, 20000, 0 },
	{ "quote-by", AT_STRING, false, true, 0, 200, 0 },
	{ "report-url", AT_STRING, false, true, 0, 500, 0 },
};
const struct api_schema api_settings_schema = { "SettingsBody", settings_fields,
	sizeof(settings_fields) / sizeof(settings_fields[0]) };

/* Returns member name of o as a string, or NULL when absent or null. */
static const char *
member(json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

void
api_settings_put(struct web_req *r, struct web_resp *w)
{
	struct publish_settings_req req = { 0 };
	struct publish_settings s;
	struct cairn_err err = { 0 };
	const char *b64;
	unsigned char *logo = NULL;
	json_t *body;

	if ((body = api_body(r, w, &api_settings_schema)) == NULL)
		return;
	req.published = member(body, "published");
	req.organisation = member(body, "organisation");
	req.area = member(body, "area");
	req.quote = member(body, "quote");
	req.quote_by = member(body, "quote-by");
	req.report_url = member(body, "report-url");
	req.logo_remove = json_is_true(json_object_get(body, "logo_remove"));
	if ((b64 = member(body, "logo")) != NULL && !req.logo_remove) {
		size_t max = strlen(b64) / 4 * 3 + 3, len = 0;

		logo = xmalloc(max + 1);
		if (sodium_base642bin(logo, max, b64, strlen(b64), " \r\n", &len, NULL,
		        sodium_base64_VARIANT_ORIGINAL) != 0) {
			web_json_error(w, 400, "the logo must be the image's bytes in base64",
			    "logo");
			goto out;
		}
		req.logo = (const char *)logo;
		req.logo_len = len;
	}
	if (app_publish_settings_set(r->st, &r->actor, r->insp, &req, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE)
			web_json_err(w, 400, &err, "published");
		else if (err.rc == CAIRN_EPERM)
			web_json_err(w, 403, &err, NULL);
		else
			web_json_error(w, 500,
			    "the settings could not be saved; nothing was changed", NULL);
		goto out;
	}
	if (app_publish_settings_get(r->st, &r->actor, r->insp, &s, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the settings were saved but could not be read", NULL);
		goto out;
	}
	web_send_json(w, 200, settings_json(r->insp, &s));
	publish_settings_free(&s);
out:
	free(logo);
	json_decref(body);
}

/* Publishes the report, or supersedes the published version with a reason:
 * POST /api/v1/inspections/{id}/publish {"reason": ...}. */
static const struct api_field publish_fields[] = {
	{ "reason", AT_STRING, false, true, 0, 2000, 0 },
};
const struct api_schema api_publish_schema = { "PublishBody", publish_fields,
	sizeof(publish_fields) / sizeof(publish_fields[0]) };

void
api_publish(struct web_req *r, struct web_resp *w)
{
	struct publish_result res;
	struct buf failures = BUF_INIT;
	struct cairn_err err = { 0 };
	json_t *body, *files, *fl;

	memset(&res, 0, sizeof(res));
	if ((body = api_body(r, w, &api_publish_schema)) == NULL)
		return;
	if (publish_freeze(r->st, &r->actor, r->insp, member(body, "reason"), NULL, &res, &failures,
	        &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE) {
			/* As web_json_err's error, with each failed check listed. */
			int status = err.rc == CAIRN_EUSAGE ? 400 : 409;
			char ptr[CAIRN_ERR_FIELD + 2];
			json_t *o;

			snprintf(ptr, sizeof(ptr), "/%s", err.field[0] ? err.field : "checks");
			o = json_pack("{s:i, s:s, s:s, s:s}", "status", status, "code",
			    cairn_err_code(&err), "message", err.msg, "field", ptr);

			fl = json_array();
			for (const char *p = buf_str(&failures); *p;) {
				const char *end = strchr(p, '\n');
				size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

				json_array_append_new(fl, json_stringn(p, n));
				p += n + (end != NULL);
			}
			json_object_set_new(o, "failures", fl);
			web_send_json(w, status, json_pack("{s:o}", "error", o));
		} else if (err.rc == CAIRN_EPERM) {
			web_json_err(w, 403, &err, NULL);
		} else {
			web_json_error(w, 500, "the report was not published; nothing was changed",
			    NULL);
		}
		goto out;
	}
	files = json_array();
	for (size_t i = 0; i < res.nfiles; i++)
		json_array_append_new(files,
		    json_pack("{s:s, s:s, s:I}", "name", res.files[i].name, "sha256",
		        res.files[i].sha256, "bytes", (json_int_t)res.files[i].size));
	web_send_json(w, 201,
	    json_pack("{s:I, s:I, s:s, s:I, s:o}", "inspection", (json_int_t)r->insp, "version",
	        (json_int_t)res.version, "at", res.at, "supersedes", (json_int_t)res.supersedes,
	        "files", files));
out:
	publish_result_free(&res);
	buf_free(&failures);
	json_decref(body);
}
