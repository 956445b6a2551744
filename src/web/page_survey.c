/*
 * Surveys in the browser: the inspection's surveys, and one survey's
 * summary (app/surveys/survey.h, as `cairn survey summary`): for each statement
 * the answers, the share agreeing with its 95% Wilson interval, "don't
 * know" counted apart, overall or by one attribute, groups below the
 * disclosure threshold suppressed; with the same SVG chart the report
 * uses (render/survey_out.h).  Free-text comments are not shown here:
 * page_survey_comments.c lists and tags them.  Roles that may import
 * surveys also create them on the list page (app_survey_create).
 * Roles that may import surveys upload a responses file on the survey's
 * page (app_survey_import, all or nothing, as `cairn survey import`).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/surveys/rscale.h"
#include "app/surveys/survey.h"
#include "app/setup/lookup.h"
#include "core/text.h"
#include "render/survey_out.h"
#include "core/database.h"
#include "core/model.h"
#include "web/http.h"
#include "web/pages.h"

/* Most answer scales the create form offers. */
#define SURVEY_SCALES_MAX 16

/* Writes the form creating a survey (as `survey create`), with a refused
 * attempt's errors beside their inputs. */
static void
create_form(struct web_req *r, struct html *h, long id, const struct ui_error *errors, size_t nerr)
{
	struct ui_option kinds[SURVEY_KIND__MAX], scales[SURVEY_SCALES_MAX];
	char codes[512], action[96];
	struct ui_field f;
	size_t nscales = 0;

	for (int k = 0; k < SURVEY_KIND__MAX; k++)
		kinds[k] =
		    (struct ui_option){ survey_kind_table[k].code, survey_kind_table[k].label };
	rscale_codes(codes, sizeof(codes));
	for (char *p = codes; *p != '\0' && nscales < SURVEY_SCALES_MAX;) {
		size_t n = strcspn(p, ",");
		char *next = p + n;

		if (*next == ',')
			*next++ = '\0';
		scales[nscales] = (struct ui_option){ p, p };
		nscales++;
		p = next + strspn(next, " ");
	}
	html_elem(h, HE_H2, NULL, "Create a survey");
	snprintf(action, sizeof(action), "/inspections/%ld/surveys", id);
	ui_form_begin(h, action, r->sess.csrf, true);
	f = (struct ui_field){ .id = "name",
		.name = "name",
		.label = "Name",
		.hint = "Unique within the inspection: letters, digits, '-', '_' or '.', for "
		        "example staff",
		.value = nerr ? web_form(r, "name") : NULL,
		.error = ui_error_for(errors, nerr, "name"),
		.width = "fixed-20" };
	ui_input(h, &f);
	f = (struct ui_field){ .id = "kind",
		.name = "kind",
		.label = "Who is asked",
		.value = nerr ? web_form(r, "kind") : NULL,
		.error = ui_error_for(errors, nerr, "kind") };
	ui_radios(h, &f, kinds, SURVEY_KIND__MAX);
	f = (struct ui_field){ .id = "scale",
		.name = "scale",
		.label = "Answer scale",
		.value = nerr ? web_form(r, "scale") : NULL,
		.error = ui_error_for(errors, nerr, "scale") };
	ui_select(h, &f, scales, nscales);
	f = (struct ui_field){ .id = "items",
		.name = "items",
		.label = "Statements file (JSON, optional)",
		.hint = "Statements with their code, text and indicators, and the attributes to "
		        "break down by (docs/guide-surveys.md). Without it the statements are "
		        "taken from the header of the first responses file.",
		.error = ui_error_for(errors, nerr, "items") };
	ui_file(h, &f, ".json,application/json");
	f = (struct ui_field){ .id = "invited",
		.name = "invited",
		.label = "Number of people invited (optional)",
		.hint = "For the response rate",
		.value = nerr ? web_form(r, "invited") : NULL,
		.error = ui_error_for(errors, nerr, "invited"),
		.width = "fixed-10" };
	ui_input(h, &f);
	ui_button(h, "Create the survey", UI_BUTTON_PRIMARY);
	ui_form_end(h);
}

/* Writes the list of surveys and, for roles that may make them, the
 * create form with errors (may be NULL). */
static void
surveys_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr)
{
	static const char *const cols[] = { "Survey", "Kind", "Statements", "Invited",
		"Respondents" };
	struct survey *v = NULL;
	struct inspection in;
	struct web_frame fr;
	struct html h;
	size_t n = 0;
	long id;

	id = r->insp;
	if (app_inspection_get(r->st, &r->actor, id, &in, NULL) != CAIRN_OK ||
	    app_survey_list(r->st, id, &v, &n, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	web_frame_init(&fr, id, in.partnership, "Surveys", true);
	fr.p.label = in.title;
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0) {
		w->status = 400;
		ui_error_summary(&h, errors, nerr);
	} else if (web_query(r, "created") != NULL) {
		ui_notification(&h, "The survey was created.");
	}
	if (n == 0) {
		html_elem(&h, HE_P, NULL,
		    "No survey yet. The inspection's lead, depute and inspectors create surveys "
		    "and import their responses.");
	} else {
		ui_table_begin(&h, "Surveys of this inspection", cols, 5);
		for (size_t i = 0; i < n; i++) {
			char href[160], a[24], b[24], c[24];

			snprintf(href, sizeof(href), "/inspections/%ld/surveys/%s", id, v[i].name);
			snprintf(a, sizeof(a), "%zu", v[i].nstatements);
			if (v[i].invited > 0)
				snprintf(b, sizeof(b), "%ld", v[i].invited);
			else
				snprintf(b, sizeof(b), "Not recorded");
			snprintf(c, sizeof(c), "%ld", v[i].nrespondents);
			ui_row_begin(&h);
			html_open(&h, HE_TH, HA_SCOPE, "row", HA__MAX);
			ui_link(&h, href, v[i].name);
			html_close(&h);
			ui_cell(&h, survey_kind_table[v[i].kind].label, false);
			ui_cell(&h, a, false);
			ui_cell(&h, b, false);
			ui_cell(&h, c, false);
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	if (role_may(r->role, ACTION_IMPORT_SURVEY))
		create_form(r, &h, id, errors, nerr);
	ui_page_end(&h);
	surveys_free(v, n);
	inspection_free(&in);
}

void
page_surveys(struct web_req *r, struct web_resp *w)
{
	surveys_page(r, w, NULL, 0);
}

/* POST /inspections/{id}/surveys: creates a survey (app_survey_create, as
 * `survey create`), its statements from an uploaded JSON file if one is
 * chosen; a refusal shows beside the input app/ names. */
void
page_survey_create(struct web_req *r, struct web_resp *w)
{
	const struct form_file *items = web_file(r, "items");
	struct survey_new req = { 0 };
	struct cairn_err err = { 0 };
	struct web_upload u = { 0 };
	struct ui_error e;
	char loc[96];
	long sid = 0;

	req.name = web_field(r, "name");
	req.kind = web_field(r, "kind");
	req.scale = web_field(r, "scale");
	req.invited = web_field(r, "invited");
	if (items != NULL && items->len > 0) {
		if (web_upload_save(items, "items.json", &u, &err) != CAIRN_OK) {
			web_internal(r, w, "survey items upload", &err);
			goto out;
		}
		req.items = u.path;
		req.items_name =
		    items->filename != NULL && items->filename[0] ? items->filename : "items.json";
	}
	if (app_survey_create(r->st, &r->actor, r->insp, &req, &sid, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_ENOINPUT) {
			web_internal(r, w, "survey create", &err);
			goto out;
		}
		e = (struct ui_error){ web_err_input(&err, "name"), err.msg };
		surveys_page(r, w, &e, 1);
		goto out;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/surveys?created=1", r->insp);
	web_redirect(w, loc);
out:
	web_upload_remove(&u);
}

/* Writes one summary cell's numbers into the row: answers, agree, share,
 * interval, don't know; or "Suppressed" across them. */
static void
cells(struct html *h, const struct survey_cell *c, long threshold)
{
	char t[5][64];

	if (c->suppressed != SURVEY_SHOWN) {
		snprintf(t[0], sizeof(t[0]), "Suppressed (fewer than %ld)", threshold);
		ui_cell(h, t[0], false);
		for (int i = 0; i < 4; i++)
			ui_cell(h, "", false);
		return;
	}
	snprintf(t[0], sizeof(t[0]), "%s", "-"); /* withheld with the share */
	snprintf(t[1], sizeof(t[1]), "%s", "-");
	if (c->has_share) {
		snprintf(t[0], sizeof(t[0]), "%ld", c->base);
		snprintf(t[1], sizeof(t[1]), "%ld", c->positive);
		snprintf(t[2], sizeof(t[2]), "%.1f%%", 100.0 * c->share.estimate);
		snprintf(t[3], sizeof(t[3]), "%.1f%% to %.1f%%", 100.0 * c->share.lower,
		    100.0 * c->share.upper);
	} else {
		snprintf(t[2], sizeof(t[2]), "Withheld (too few to show)");
		snprintf(t[3], sizeof(t[3]), "-");
	}
	snprintf(t[4], sizeof(t[4]), "%ld", c->dont_know);
	for (int i = 0; i < 5; i++)
		ui_cell(h, t[i], false);
}

/* Returns true when the inspection has a survey called r->args[1];
 * otherwise answers the normal not-found page (404) and returns false. */
static bool
survey_exists(struct web_req *r, struct web_resp *w, long id)
{
	struct survey sv;

	if (app_survey_load(r->st, id, r->args[1], &sv, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return false;
	}
	survey_free(&sv);
	return true;
}

/* Writes the survey page; errors (may be NULL) are a refused upload's,
 * res (may be NULL) its result, whose identifier-like columns get a
 * checkbox each (web/allow.c). */
static void
survey_page(struct web_req *r, struct web_resp *w, long id, bool may_import,
    const struct ui_error *errors, size_t nerr, const struct survey_import_result *res)
{
	static const char *const cols[] = { "Statement", "Group", "Answers", "Agree",
		"Share agreeing", "95% interval", "Don't know" };
	const char *by = web_query(r, "by");
	struct survey_report rep;
	struct survey_view view;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct ui_option opts[33];
	struct ui_field f;
	struct html h;
	char list[80], action[160], line[200];
	size_t nopts = 0;
	long threshold;
	bool shown;

	if (by != NULL && by[0] == '\0')
		by = NULL;
	memset(&rep, 0, sizeof(rep));
	/* An unknown survey is an unknown page (404), whatever the breakdown. */
	if (!survey_exists(r, w, id))
		return;
	if (app_survey_summary(r->st, id, r->args[1], by, &rep, &err) != CAIRN_OK) {
		survey_report_free(&rep);
		if (by != NULL && err.rc == CAIRN_EDATA) {
			web_error_page(r, w, 400, "There is no such breakdown", err.msg);
			return;
		}
		fprintf(stderr, "cairn serve: survey summary: %s\n", err.msg);
		web_error_page(r, w, 500, "The survey could not be shown",
		    "Something went wrong on the server; nothing was changed.");
		return;
	}
	view = (struct survey_view){ &rep.sv, &rep.sum, by, rep.groups, false };
	threshold = rep.sum.threshold;
	/* Nothing about the respondents is shown below the threshold. */
	shown = rep.sum.respondents >= threshold;
	snprintf(list, sizeof(list), "/inspections/%ld/surveys", id);
	snprintf(line, sizeof(line), "Survey: %s", rep.sv.name);
	web_frame_init(&fr, id, NULL, line, true);
	web_frame_crumb(&fr, list, "Surveys");
	fr.p.label = survey_kind_table[rep.sv.kind].label;
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0) {
		w->status = 400;
		ui_error_summary(&h, errors, nerr);
	} else if (web_query(r, "imported") != NULL) {
		ui_notification(&h, "The responses were imported.");
	} else if (web_query(r, "invited") != NULL) {
		ui_notification(&h, "The number invited was saved.");
	}
	ui_summary_begin(&h);
	if (shown)
		snprintf(line, sizeof(line), "%ld", rep.sum.respondents);
	else
		snprintf(line, sizeof(line), "Fewer than %ld (suppressed)", threshold);
	ui_summary_row(&h, "Respondents", line);
	if (shown && rep.sum.has_rate)
		snprintf(line, sizeof(line), "%.0f%% of %ld invited", 100.0 * rep.sum.rate,
		    rep.sv.invited);
	else
		snprintf(line, sizeof(line), "Not known");
	ui_summary_row(&h, "Response rate", line);
	snprintf(line, sizeof(line),
	    "Groups of fewer than %ld respondents are not shown, so that "
	    "nobody can be identified",
	    threshold);
	ui_summary_row(&h, "Disclosure control", line);
	ui_summary_row(&h, "Interval",
	    "95% Wilson score interval; \"don't know\" is left out of "
	    "the share and counted apart");
	ui_summary_end(&h);

	if (rep.sv.nattributes > 0) {
		snprintf(action, sizeof(action), "/inspections/%ld/surveys/%s", id, rep.sv.name);
		opts[nopts++] = (struct ui_option){ "", "Everyone (no breakdown)" };
		for (size_t a = 0; a < rep.sv.nattributes && nopts < 33; a++, nopts++)
			opts[nopts] =
			    (struct ui_option){ rep.sv.attributes[a], rep.sv.attributes[a] };
		html_open(&h, HE_FORM, HA_METHOD, "get", HA_ACTION, action, HA__MAX);
		f = (struct ui_field){ .id = "by",
			.name = "by",
			.label = "Break down by",
			.value = by != NULL ? by : "" };
		ui_select(&h, &f, opts, nopts);
		ui_button(&h, "Show", UI_BUTTON_SECONDARY);
		html_close(&h);
	}

	ui_table_begin(&h, "Share agreeing with each statement", cols, 7);
	assert(rep.sum.nstatements <= rep.sv.nstatements);
	for (size_t s = 0; s < rep.sum.nstatements; s++) {
		const struct survey_statement *st = &rep.sv.statements[s];
		char name[400];

		snprintf(name, sizeof(name), "%s %s", st->code, st->text);
		ui_row_begin(&h);
		ui_cell(&h, name, true);
		ui_cell(&h, "Everyone", false);
		cells(&h, &rep.sum.overall[s], threshold);
		ui_row_end(&h);
		for (size_t g = 0; by != NULL && g < rep.sum.ngroups; g++) {
			ui_row_begin(&h);
			ui_cell(&h, name, true);
			ui_cell(&h, survey_out_group(&view, g), false);
			cells(&h, survey_summary_cell(&rep.sum, s, g), threshold);
			ui_row_end(&h);
		}
	}
	ui_table_end(&h);
	html_open(&h, HE_FIGURE, HA_CLASS, "chart", HA_ARIA_LABEL,
	    "Share agreeing with each statement, with 95% intervals", HA__MAX);
	/* The chart is markup made by render/ (its text escaped there), as
	 * docfmt_html writes the report's charts. */
	survey_out_svg(&view, h.out);
	html_close(&h);
	if (role_may(r->role, ACTION_VIEW_EVIDENCE) && rep.sv.ncomments > 0) {
		snprintf(action, sizeof(action), "/inspections/%ld/surveys/%s/comments", id,
		    rep.sv.name);
		web_para_link(&h, action, "Free-text comments and their tags (internal)");
	}
	if (may_import) {
		struct ui_field uf;
		char current[24] = "";

		/* The number invited, set or changed after creation (as
		 * `cairn survey invited`). */
		html_elem(&h, HE_H2, NULL, "Number invited");
		if (rep.sv.invited > 0)
			snprintf(current, sizeof(current), "%ld", rep.sv.invited);
		snprintf(action, sizeof(action), "/inspections/%ld/surveys/%s/invited", id,
		    rep.sv.name);
		ui_form_begin(&h, action, r->sess.csrf, false);
		uf = (struct ui_field){ .id = "invited",
			.name = "invited",
			.label = "Number of people invited",
			.hint = "For the response rate",
			.value = nerr && web_form(r, "invited") != NULL ? web_form(r, "invited")
			                                                : current,
			.error = ui_error_for(errors, nerr, "invited"),
			.width = "fixed-10" };
		ui_input(&h, &uf);
		ui_button(&h, "Save the number invited", UI_BUTTON_SECONDARY);
		ui_form_end(&h);

		html_elem(&h, HE_H2, NULL, "Import responses");
		html_elem(&h, HE_P, NULL,
		    "A CSV file exported from the survey tool, one row per "
		    "respondent with a header row. A file with any error imports nothing.");
		snprintf(action, sizeof(action), "/inspections/%ld/surveys/%s", id, rep.sv.name);
		ui_form_begin(&h, action, r->sess.csrf, true);
		if (res != NULL && res->nidcols > 0) {
			web_allow_explain(&h);
			web_allow_boxes(&h, res->idcols, res->nidcols);
		}
		uf = (struct ui_field){ .id = "file",
			.name = "file",
			.label = "Responses file (CSV)",
			.type = "file",
			.error = ui_error_for(errors, nerr, "file") };
		ui_input(&h, &uf);
		uf = (struct ui_field){ .id = "attribute-columns",
			.name = "attribute-columns",
			.label = "Columns to break down by (optional)",
			.hint = "Headers separated by "
			        "commas, for example agency",
			.value = nerr ? web_form(r, "attribute-columns") : NULL };
		ui_input(&h, &uf);
		uf = (struct ui_field){ .id = "comment-columns",
			.name = "comment-columns",
			.label = "Free-text columns (optional)",
			.hint = "Headers separated by commas; "
			        "comments stay internal",
			.value = nerr ? web_form(r, "comment-columns") : NULL };
		ui_input(&h, &uf);
		{
			static const struct ui_option rep_opts[] = {
				{ "no", "Add to the responses imported before" },
				{ "yes", "Replace the responses imported before" },
			};
			uf = (struct ui_field){ .id = "replace",
				.name = "replace",
				.label = "Earlier "
				         "responses",
				.value = nerr && web_form(r, "replace") ? web_form(r, "replace")
				                                        : "no" };
			ui_radios(&h, &uf, rep_opts, 2);
		}
		ui_button(&h, "Import the responses", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	ui_page_end(&h);
	survey_report_free(&rep);
}

void
page_survey(struct web_req *r, struct web_resp *w)
{
	enum role role;
	long id;

	id = r->insp;
	role = r->role;
	survey_page(r, w, id, role_may(role, ACTION_IMPORT_SURVEY), NULL, 0, NULL);
}

/* Returns the value of form field name, or NULL when absent or blank. */
static const char *
field_or_null(const struct web_req *r, const char *name)
{
	const char *v = web_form(r, name);

	return v != NULL && v[strspn(v, " \t\r\n")] != '\0' ? v : NULL;
}

void
page_survey_import(struct web_req *r, struct web_resp *w)
{
	const struct form_file *f = web_file(r, "file");
	struct survey_import_opts opts = { 0 };
	struct survey_import_result res;
	struct cairn_err err = { 0 };
	struct ui_error errors[CSV_ERRORS_KEPT + 2 + POPULATION_IDCOLS_MAX];
	char msgs[CSV_ERRORS_KEPT + 1][sizeof(err.msg) + 64];
	char allow_msgs[POPULATION_IDCOLS_MAX][POPULATION_IDCOL_NAME + 256];
	char allow_ids[POPULATION_IDCOLS_MAX][32];
	struct buf allowed = BUF_INIT;
	struct web_upload u = { 0 };
	char loc[160];
	size_t nerr = 0;
	long id;

	memset(&res, 0, sizeof(res));
	id = r->insp;
	if (!survey_exists(r, w, id))
		return;
	if (f == NULL || f->len == 0) {
		errors[nerr++] = (struct ui_error){ "file", "Choose a CSV file to upload" };
		goto refused;
	}
	/* The ticked columns, as --allow-column's comma-separated list. */
	if (!web_allow_list(r, &allowed)) {
		errors[nerr++] = (struct ui_error){ "file",
			"Too many columns ticked: at most 64 columns can be allowed at once" };
		goto refused;
	}
	if (web_upload_save(f, "responses.csv", &u, &err) != CAIRN_OK)
		goto internal;
	opts.allow = allowed.len > 0 ? buf_str(&allowed) : NULL;
	opts.attribute_columns = field_or_null(r, "attribute-columns");
	opts.comment_columns = field_or_null(r, "comment-columns");
	opts.replace = web_form(r, "replace") != NULL && strcmp(web_form(r, "replace"), "yes") == 0;
	if (app_survey_import(r->st, &r->actor, id, r->args[1], u.path, &opts, &res, &err) !=
	    CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_ENOINPUT)
			goto internal;
		for (size_t i = 0; i < res.errors.nkept; i++) {
			const struct csv_error *e = &res.errors.kept[i];

			if (e->line > 0 && e->column > 0)
				snprintf(msgs[nerr], sizeof(msgs[nerr]), "Line %ld, column %ld: %s",
				    e->line, e->column, e->msg);
			else if (e->line > 0)
				snprintf(msgs[nerr], sizeof(msgs[nerr]), "Line %ld: %s", e->line,
				    e->msg);
			else
				snprintf(msgs[nerr], sizeof(msgs[nerr]), "%s", e->msg);
			errors[nerr] = (struct ui_error){ "file", msgs[nerr] };
			nerr++;
		}
		if (nerr == 0 || res.errors.total > (long)res.errors.nkept) {
			if (nerr == 0)
				snprintf(msgs[nerr], sizeof(msgs[nerr]), "%s", err.msg);
			else
				snprintf(msgs[nerr], sizeof(msgs[nerr]),
				    "%ld errors in all; nothing was "
				    "imported",
				    res.errors.total);
			errors[nerr] = (struct ui_error){ "file", msgs[nerr] };
			nerr++;
		}
		/* Each refused identifier-like column: what to do, linking to its box. */
		for (size_t i = 0; i < res.nidcols; i++) {
			if (res.idcols[i].allowed)
				continue;
			web_allow_error(&res.idcols[i], i, allow_ids[i], sizeof(allow_ids[i]),
			    allow_msgs[i], sizeof(allow_msgs[i]));
			errors[nerr++] = (struct ui_error){ allow_ids[i], allow_msgs[i] };
		}
		goto refused;
	}
	web_upload_remove(&u);
	buf_free(&allowed);
	survey_import_result_free(&res);
	snprintf(loc, sizeof(loc), "/inspections/%ld/surveys/%s?imported=1", id, r->args[1]);
	web_redirect(w, loc);
	return;
refused:
	web_upload_remove(&u);
	survey_page(r, w, id, true, errors, nerr, &res);
	survey_import_result_free(&res);
	buf_free(&allowed);
	return;
internal:
	web_upload_remove(&u);
	buf_free(&allowed);
	survey_import_result_free(&res);
	fprintf(stderr, "cairn serve: survey import: %s\n", err.msg);
	web_error_page(r, w, 500, "The responses were not imported",
	    "Nothing was changed. Try "
	    "again.");
}

/* POST /inspections/{id}/surveys/{name}/invited: sets the number invited
 * (app_survey_set_invited, as `cairn survey invited`); a refusal shows at
 * the input on the survey page. */
void
page_survey_invited(struct web_req *r, struct web_resp *w)
{
	const char *invited = web_form(r, "invited");
	struct cairn_err err = { 0 };
	struct ui_error e;
	char loc[160];
	long id = r->insp;

	if (!survey_exists(r, w, id))
		return;
	if (invited == NULL || invited[strspn(invited, " \t\r\n")] == '\0') {
		e = (struct ui_error){ "invited", "Enter the number of people invited" };
		survey_page(r, w, id, true, &e, 1, NULL);
		return;
	}
	if (app_survey_set_invited(r->st, &r->actor, id, r->args[1], invited, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM) {
			web_error_page(r, w, 403, "The number invited was not saved", err.msg);
			return;
		}
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "survey invited", &err);
			return;
		}
		e = (struct ui_error){ web_err_input(&err, "invited"), err.msg };
		survey_page(r, w, id, true, &e, 1, NULL);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/surveys/%s?invited=1", id, r->args[1]);
	web_redirect(w, loc);
}
