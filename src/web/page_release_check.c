/*
 * The check of a news release written elsewhere, in the browser (issue
 * 17): the text pasted or its file uploaded, compared with the stored
 * grades by app_release_check (app/publication/release_check.h), the same
 * call as `cairn release check` and POST /api/v1/inspections/{id}/release/check.
 * Each disagreement is shown in plain words in the error summary and at the
 * text; nothing is stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/release_check.h"
#include "app/setup/lookup.h"
#include "core/mem.h"
#include "core/model.h"
#include "web/http.h"
#include "web/pages.h"

/* Writes the page: the form with text (may be NULL), a refusal err (may be
 * NULL) or a check's result c (may be NULL). */
static void
check_page(struct web_req *r, struct web_resp *w, const struct inspection *in, const char *text,
    const char *err, const struct release_check *c)
{
	struct web_frame fr;
	struct ui_field f = { 0 };
	struct ui_error *sum = NULL;
	char(*ids)[40] = NULL;
	char href[128], action[128], head[160];
	struct html h;
	size_t n = c != NULL ? c->nissues : 0;

	web_frame_init(&fr, r->insp, in->partnership, "Check a news release", true);
	snprintf(href, sizeof(href), "/inspections/%ld/release", r->insp);
	web_frame_crumb(&fr, href, "News release");
	fr.p.label = in->title;
	web_frame_start(r, w, &h, &fr);
	if (err != NULL) {
		struct ui_error e = { "text", err };

		w->status = 400;
		ui_error_summary(&h, &e, 1);
	} else if (n > 0) {
		/* As the model pack check: a text with problems answers 400. */
		w->status = 400;
		sum = xcalloc(n, sizeof(*sum));
		ids = xcalloc(n, sizeof(*ids));
		for (size_t i = 0; i < n; i++) {
			snprintf(ids[i], sizeof(ids[i]), "disagreement-%zu", i + 1);
			sum[i] = (struct ui_error){ ids[i], c->issues[i] };
		}
		ui_error_summary(&h, sum, n);
	} else if (c != NULL) {
		ui_notification(&h,
		    "The text agrees with the grades stored for this inspection: the number of "
		    "indicators, the count at each level and every indicator it names.");
	}
	html_elem(&h, HE_P, NULL,
	    "Paste a news release written elsewhere (by a council or a partner) or choose its "
	    "file. Its account of the grades is read sentence by sentence: how many quality "
	    "indicators, how many at each level and the indicators it names with a grade. Each "
	    "place where it disagrees with the grades stored here is listed. Nothing is stored.");
	snprintf(action, sizeof(action), "/inspections/%ld/release/check", r->insp);
	ui_form_begin(&h, action, r->sess.csrf, true);
	f.id = f.name = "text";
	f.label = "The news release's text";
	f.value = text;
	if (err != NULL)
		f.error = err;
	else if (n > 0) {
		snprintf(head, sizeof(head),
		    "The text disagrees with the stored grades in %zu "
		    "place%s",
		    n, n == 1 ? "" : "s");
		f.error = head;
	}
	ui_textarea(&h, &f, 12);
	if (n > 0) {
		html_open(&h, HE_OL, HA_CLASS, "ds_list", HA__MAX);
		for (size_t i = 0; i < n; i++) {
			html_open(&h, HE_LI, HA_ID, ids[i], HA__MAX);
			html_text(&h, c->issues[i]);
			html_close(&h);
		}
		html_close(&h);
	}
	memset(&f, 0, sizeof(f));
	f.id = f.name = "file";
	f.label = "Or choose the release's file (plain text)";
	ui_file(&h, &f, ".txt,.md,text/plain");
	ui_button(&h, "Check the release", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	ui_page_end(&h);
	free(sum);
	free(ids);
}

/* Loads the inspection or answers 404; returns false when answered. */
static bool
load(struct web_req *r, struct web_resp *w, struct inspection *in)
{
	memset(in, 0, sizeof(*in));
	if (app_inspection_get(r->st, &r->actor, r->insp, in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return false;
	}
	return true;
}

void
page_release_check_form(struct web_req *r, struct web_resp *w)
{
	struct inspection in;

	if (!load(r, w, &in))
		return;
	check_page(r, w, &in, NULL, NULL, NULL);
	inspection_free(&in);
}

void
page_release_check(struct web_req *r, struct web_resp *w)
{
	struct inspection in;
	struct cairn_err err = { 0 };
	struct release_check c;
	struct dossier d;
	const char *text = web_form(r, "text");
	size_t len = text != NULL ? strlen(text) : 0;

	memset(&c, 0, sizeof(c));
	memset(&d, 0, sizeof(d));
	if (!load(r, w, &in))
		return;
	for (size_t i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, "file") == 0 && r->files[i].len > 0) {
			text = r->files[i].data;
			len = r->files[i].len;
		}
	if (app_release_check(r->st, &r->actor, r->insp, text, len, &d, &c, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM)
			web_error_page(r, w, 403, "You cannot do this", err.msg);
		else if (err.rc == CAIRN_EUSAGE || err.rc == CAIRN_EDATA)
			check_page(r, w, &in, web_form(r, "text"), err.msg, NULL);
		else
			web_internal(r, w, "release check", &err);
	} else {
		check_page(r, w, &in, web_form(r, "text"), NULL, &c);
	}
	release_check_free(&c);
	dossier_free(&d);
	inspection_free(&in);
}
