/*
 * The inspection's details on a page (issue 17, parity with `cairn
 * inspection update`): the partnership, the report's title, the
 * notification date, the fieldwork dates, the inspectorates taking part
 * and the methods, changed by app_inspection_update, the call the command
 * line and PATCH /api/v1/inspections/{id} make.  Only the fields changed
 * are sent; a refusal shows at its input.  The publication date is the
 * report settings' (page_settings.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/inspection.h"
#include "app/setup/lookup.h"
#include "core/buf.h"
#include "core/model.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* Joins the n strings of v into b, separated by sep. */
static void
joined(struct buf *b, char **v, size_t n, const char *sep)
{
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? sep : "", v[i]);
}

/* The current values of the form's inputs, as the form shows them. */
struct details {
	struct buf agencies; /* "A, B" */
	struct buf methods;  /* one a line */
};

/* Writes the details page of in; errors (may be NULL) are a refused
 * save's, whose typed values are shown again. */
static void
details_page(struct web_req *r, struct web_resp *w, const struct inspection *in,
    const struct ui_error *errors, size_t nerr)
{
	struct details d = { BUF_INIT, BUF_INIT };
	struct web_frame fr;
	struct ui_field f;
	struct html h;
	char action[96], settings[96];
	bool again = nerr > 0;

	joined(&d.agencies, in->agencies, in->nagencies, ", ");
	joined(&d.methods, in->methods, in->nmethods, "\n");
	snprintf(settings, sizeof(settings), "/inspections/%ld/settings", r->insp);
	web_frame_init(&fr, r->insp, in->partnership, "Inspection details", false);
	fr.p.label = in->title;
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0) {
		w->status = 400;
		ui_error_summary(&h, errors, nerr);
	} else if (web_query(r, "saved") != NULL) {
		ui_notification(&h, "The inspection's details are saved.");
	}
	html_elem(&h, HE_P, NULL,
	    "What the report and the week plan are made from: the partnership inspected, the "
	    "report's title, the dates of notification and fieldwork, the inspectorates taking "
	    "part and the methods used. Every change is kept in the audit log.");
	snprintf(action, sizeof(action), "/inspections/%ld/details", r->insp);
	ui_form_begin(&h, action, r->sess.csrf, false);
	f = (struct ui_field){ .id = "partnership",
		.name = "partnership",
		.label = "Community planning partnership",
		.value = again ? web_form(r, "partnership") : in->partnership,
		.error = ui_error_for(errors, nerr, "partnership") };
	ui_input(&h, &f);
	f = (struct ui_field){ .id = "title",
		.name = "title",
		.label = "Title of the report",
		.value = again ? web_form(r, "title") : in->title,
		.error = ui_error_for(errors, nerr, "title") };
	ui_input(&h, &f);
	f = (struct ui_field){ .id = "notified",
		.name = "notified",
		.label = "Notification date",
		.hint = "For example 2026-09-01 (year, month, day)",
		.value = again ? web_form(r, "notified") : in->notified,
		.error = ui_error_for(errors, nerr, "notified"),
		.width = "fixed-10" };
	ui_input(&h, &f);
	f = (struct ui_field){ .id = "fieldwork-from",
		.name = "fieldwork-from",
		.label = "First day of fieldwork",
		.hint = "For example 2026-10-05",
		.value = again ? web_form(r, "fieldwork-from") : in->fieldwork_from,
		.error = ui_error_for(errors, nerr, "fieldwork-from"),
		.width = "fixed-10" };
	ui_input(&h, &f);
	f = (struct ui_field){ .id = "fieldwork-to",
		.name = "fieldwork-to",
		.label = "Last day of fieldwork",
		.hint = "For example 2026-10-09",
		.value = again ? web_form(r, "fieldwork-to") : in->fieldwork_to,
		.error = ui_error_for(errors, nerr, "fieldwork-to"),
		.width = "fixed-10" };
	ui_input(&h, &f);
	f = (struct ui_field){ .id = "agencies",
		.name = "agencies",
		.label = "Inspectorates taking part",
		.hint = "Separated by commas, for example: Care Inspectorate, Education Scotland",
		.value = again ? web_form(r, "agencies") : buf_str(&d.agencies),
		.error = ui_error_for(errors, nerr, "agencies") };
	ui_input(&h, &f);
	f = (struct ui_field){ .id = "methods",
		.name = "methods",
		.label = "Methods used, for the report",
		.hint = "One a line, in prose, for example: read 104 records",
		.value = again ? web_form(r, "methods") : buf_str(&d.methods),
		.error = ui_error_for(errors, nerr, "methods") };
	ui_textarea(&h, &f, 5);
	ui_button(&h, "Save the details", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	web_para_link(&h, settings, "The report settings: publication date, organisations, area");
	ui_page_end(&h);
	buf_free(&d.agencies);
	buf_free(&d.methods);
}

void
page_details(struct web_req *r, struct web_resp *w)
{
	struct inspection in;

	if (app_inspection_get(r->st, &r->actor, r->insp, &in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	details_page(r, w, &in, NULL, 0);
	inspection_free(&in);
}

/* Returns the form's value of name when it differs from current, else
 * NULL (left as it is, as it is when the form does not send name). */
static const char *
changed(struct web_req *r, const char *name, const char *current)
{
	const char *v = web_form(r, name);

	if (v == NULL)
		return NULL;
	return strcmp(v, current != NULL ? current : "") != 0 ? v : NULL;
}

void
page_details_save(struct web_req *r, struct web_resp *w)
{
	struct inspection_new req = { 0 };
	struct inspection in;
	struct cairn_err err = { 0 };
	struct buf agencies = BUF_INIT, methods = BUF_INIT, cur_ag = BUF_INIT, cur_me = BUF_INIT;
	struct buf fieldwork = BUF_INIT;
	const char *from, *to, *m;
	struct ui_error e;
	char loc[96], msg[CAIRN_ERR_MSG];

	if (app_inspection_get(r->st, &r->actor, r->insp, &in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	joined(&cur_ag, in.agencies, in.nagencies, ", ");
	joined(&cur_me, in.methods, in.nmethods, ";");
	req.partnership = changed(r, "partnership", in.partnership);
	req.title = changed(r, "title", in.title);
	req.notified = changed(r, "notified", in.notified);
	from = web_form(r, "fieldwork-from") != NULL ? web_form(r, "fieldwork-from") : "";
	to = web_form(r, "fieldwork-to") != NULL ? web_form(r, "fieldwork-to") : "";
	if ((web_form(r, "fieldwork-from") != NULL || web_form(r, "fieldwork-to") != NULL) &&
	    (strcmp(from, in.fieldwork_from) != 0 || strcmp(to, in.fieldwork_to) != 0)) {
		buf_printf(&fieldwork, "%s..%s", from, to);
		req.fieldwork = buf_str(&fieldwork);
	}
	/* "A, B" as the command line's "A,B"; the methods' lines as "A;B". */
	if ((m = changed(r, "agencies", buf_str(&cur_ag))) != NULL) {
		for (const char *p = m; *p != '\0'; p++)
			if (*p != '\r')
				buf_printf(&agencies, "%c", *p);
		req.agencies = buf_str(&agencies);
	}
	if ((m = web_form(r, "methods")) != NULL) {
		size_t start = 0;

		for (const char *p = m;; p++) {
			if (*p == '\n' || *p == '\0') {
				size_t len = (size_t)(p - m) - start;
				const char *line = m + start;

				while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' '))
					len--;
				if (len > 0)
					buf_printf(&methods, "%s%.*s", methods.len ? ";" : "",
					    (int)len, line);
				if (*p == '\0')
					break;
				start = (size_t)(p - m) + 1;
			}
		}
		if (strcmp(buf_str(&methods), buf_str(&cur_me)) != 0)
			req.methods = buf_str(&methods);
	}
	if ((req.partnership != NULL || req.title != NULL || req.notified != NULL ||
	        req.fieldwork != NULL || req.agencies != NULL || req.methods != NULL) &&
	    app_inspection_update(r->st, &r->actor, r->insp, &req, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "inspection details", &err);
			goto out;
		}
		text_copy(msg, sizeof(msg), err.msg);
		e = (struct ui_error){ web_err_input(&err,
			                   req.fieldwork != NULL ? "fieldwork-from"
			                                         : "partnership"),
			msg };
		details_page(r, w, &in, &e, 1);
		goto out;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/details?saved=1", r->insp);
	web_redirect(w, loc);
out:
	inspection_free(&in);
	buf_free(&agencies);
	buf_free(&methods);
	buf_free(&cur_ag);
	buf_free(&cur_me);
	buf_free(&fieldwork);
}
