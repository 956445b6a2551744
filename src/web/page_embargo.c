/*
 * The embargo and the media pack in the browser (app/publication/
 * embargo.h): the page showing when the embargo lifts (UK time) and the
 * media contact, with the form the lead or depute sets them with; the
 * media pack as a page and as a text download; and the plain page that
 * answers a published file or release asked for before the embargo lifts
 * by someone outside the inspection team.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/role.h"
#include "app/publication/embargo.h"
#include "core/clock.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

bool
page_embargoed(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };

	if (app_embargo_check(r->st, &r->actor, r->insp, &err) == CAIRN_OK)
		return false;
	if (err.rc == CAIRN_EPERM && err.code == CAIRN_CODE_FORBIDDEN)
		web_error_page(r, w, 403, "This report is embargoed", err.msg);
	else if (err.rc == CAIRN_EPERM || err.rc == CAIRN_EDATA)
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
	else
		web_internal(r, w, "embargo", &err);
	return true;
}

/* Writes the embargo page; errors (may be NULL) are a refused save's. */
static void
embargo_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr)
{
	struct embargo e;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	char line[64], href[80], date[11] = "", time[6] = "";

	if (app_embargo_get(r->st, &r->actor, r->insp, &e, &err) != CAIRN_OK) {
		web_internal(r, w, "embargo", &err);
		return;
	}
	web_frame_begin(r, w, &h, &fr, r->insp, "Embargo and media pack", false);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (nerr == 0 && web_query(r, "saved") != NULL)
		ui_notification(&h, "The embargo was saved.");
	if (e.set) {
		embargo_line(&e, line, sizeof(line));
		ui_summary_begin(&h);
		ui_summary_row(&h, "Embargo", line);
		ui_summary_row(&h, "Lifted",
		    embargo_lifted(&e, clock_now())
		        ? "Yes: the report and release are public"
		        : "Not yet: only the inspection team can see the "
		          "published report and release");
		ui_summary_row(&h, "Media contact", e.media_contact);
		ui_summary_end(&h);
		memcpy(date, e.lifts_local, 10);
		memcpy(time, e.lifts_local + 11, 5);
	} else {
		html_elem(&h, HE_P, NULL,
		    "No embargo is set: the published report and release are public once "
		    "published.");
	}
	if (app_media_pack_check(r->st, &r->actor, r->insp, NULL) == CAIRN_OK) {
		snprintf(href, sizeof(href), "/inspections/%ld/media-pack", r->insp);
		web_para_link(&h, href, "The media pack: the release, the quotes and the contacts");
	}
	if (role_may(r->role, ACTION_SET_EMBARGO)) {
		struct ui_field f;
		char action[80];

		html_elem(&h, HE_H2, NULL, "Set the embargo");
		snprintf(action, sizeof(action), "/inspections/%ld/embargo", r->insp);
		ui_form_begin(&h, action, r->sess.csrf, false);
		f = (struct ui_field){ .id = "date",
			.name = "date",
			.label = "Date the embargo lifts",
			.hint = "YYYY-MM-DD, UK time, e.g. 2026-03-03.",
			.width = "fixed-10",
			.value = nerr > 0 ? web_form(r, "date") : date,
			.error = ui_error_for(errors, nerr, "date") };
		ui_input(&h, &f);
		f = (struct ui_field){ .id = "time",
			.name = "time",
			.label = "Time the embargo lifts",
			.hint = "HH:MM, UK time; 00:01 when left empty.",
			.width = "fixed-4",
			.value = nerr > 0 ? web_form(r, "time") : time,
			.error = ui_error_for(errors, nerr, "time") };
		ui_input(&h, &f);
		f = (struct ui_field){ .id = "media-contact",
			.name = "media-contact",
			.label = "Media contact",
			.hint = "Named in the news release and the media pack.",
			.value = nerr > 0 ? web_form(r, "media-contact") : e.media_contact,
			.error = ui_error_for(errors, nerr, "media-contact") };
		ui_input(&h, &f);
		ui_button(&h, "Save the embargo", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	embargo_free(&e);
}

void
page_embargo(struct web_req *r, struct web_resp *w)
{
	embargo_page(r, w, NULL, 0);
}

void
page_embargo_set(struct web_req *r, struct web_resp *w)
{
	struct embargo_req req;
	struct cairn_err err = { 0 };
	char loc[80], msg[CAIRN_ERR_MSG];
	struct ui_error e;

	memset(&req, 0, sizeof(req));
	req.date = web_field(r, "date");
	req.time = web_field(r, "time");
	req.media_contact = web_field(r, "media-contact");
	if (app_embargo_set(r->st, &r->actor, r->insp, &req, &err) == CAIRN_OK) {
		snprintf(loc, sizeof(loc), "/inspections/%ld/embargo?saved=1", r->insp);
		web_redirect(w, loc);
		return;
	}
	if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_EPERM) {
		web_internal(r, w, "embargo", &err);
		return;
	}
	text_copy(msg, sizeof(msg), err.msg);
	e = (struct ui_error){ web_err_input(&err, "date"), msg };
	embargo_page(r, w, &e, 1);
	w->status = err.rc == CAIRN_EPERM ? 403 : 400;
}

/* Loads the media pack or answers the refusal; returns false when refused. */
static bool
pack_or_refuse(struct web_req *r, struct web_resp *w, struct media_pack *m)
{
	struct cairn_err err = { 0 };

	if (app_media_pack(r->st, &r->actor, r->insp, m, &err) == CAIRN_OK)
		return true;
	if (err.rc == CAIRN_EPERM && err.code == CAIRN_CODE_FORBIDDEN &&
	    strcmp(err.field, "embargo") == 0)
		web_error_page(r, w, 403, "This media pack is embargoed", err.msg);
	else if (err.rc == CAIRN_EPERM)
		web_error_page(r, w, 403, "You cannot do this",
		    "The media pack is shared once the report is published.");
	else if (err.rc == CAIRN_EDATA)
		web_error_page(r, w, 409, "There is no media pack yet",
		    "There is no news release yet: no quality indicator is graded.");
	else
		web_internal(r, w, "media pack", &err);
	return false;
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

void
page_media_pack(struct web_req *r, struct web_resp *w)
{
	struct media_pack m;
	struct web_frame fr;
	struct html h;
	char href[80];

	if (!pack_or_refuse(r, w, &m))
		return;
	snprintf(href, sizeof(href), "/inspections/%ld/embargo", r->insp);
	web_frame_init(&fr, r->insp, m.partnership, "Media pack", false);
	fr.p.label = m.title;
	web_frame_crumb(&fr, href, "Embargo and media pack");
	web_frame_start(r, w, &h, &fr);
	if (m.line[0])
		ui_warning(&h, m.line);
	snprintf(href, sizeof(href), "/inspections/%ld/media-pack.txt", r->insp);
	web_para_link(&h, href, "Download the media pack (text)");
	html_elem(&h, HE_H2, NULL,
	    m.published ? "The news release, as published" : "The news release (draft)");
	paragraphs(&h, m.release);
	html_elem(&h, HE_H2, NULL, "Quotes");
	if (m.quote != NULL && m.quote_by != NULL) {
		html_open(&h, HE_P, HA__MAX);
		html_textf(&h, "%s: \u201c%s\u201d", m.quote_by, m.quote);
		html_close(&h);
	} else {
		html_elem(&h, HE_P, NULL, "No quote from the chief executive has been recorded.");
	}
	if (m.nextracts > 0) {
		html_elem(&h, HE_P, NULL, "From the report:");
		html_open(&h, HE_UL, HA_CLASS, "ds_bulleted-list", HA__MAX);
		for (size_t i = 0; i < m.nextracts; i++)
			html_elem(&h, HE_LI, NULL, m.extracts[i]);
		html_close(&h);
	}
	html_elem(&h, HE_H2, NULL, "Contacts");
	ui_summary_begin(&h);
	ui_summary_row(&h, "Media contact", m.embargo.media_contact);
	ui_summary_row(&h, "The report", m.report_url);
	ui_summary_end(&h);
	ui_page_end(&h);
	media_pack_free(&m);
}

void
page_media_pack_file(struct web_req *r, struct web_resp *w)
{
	struct media_pack m;
	char disp[96], *text;

	if (!pack_or_refuse(r, w, &m))
		return;
	text = media_pack_text(&m);
	buf_reset(&w->body);
	buf_puts(&w->body, text);
	free(text);
	snprintf(disp, sizeof(disp), "attachment; filename=\"inspection-%ld-media-pack.txt\"",
	    r->insp);
	w->content_type = "text/plain; charset=utf-8";
	w->disposition = xstrdup(disp);
	media_pack_free(&m);
}
