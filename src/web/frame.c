/* The frame shared by an inspection's pages and small helpers of every
 * page: see http.h. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/lookup.h"
#include "core/model.h"
#include "web/http.h"
#include "web/pages.h"

void
web_frame_init(struct web_frame *f, long id, const char *insp, const char *title, bool wide)
{
	assert(f != NULL && title != NULL);
	memset(f, 0, sizeof(*f));
	f->p.title = title;
	f->p.wide = wide;
	if (id < 0)
		return;
	f->crumbs[f->p.ncrumbs++] = (struct ui_crumb){ "/", "Your inspections" };
	if (id > 0) {
		snprintf(f->back, sizeof(f->back), "/inspections/%ld", id);
		if (insp != NULL)
			snprintf(f->insp, sizeof(f->insp), "%s", insp);
		f->crumbs[f->p.ncrumbs++] = (struct ui_crumb){ f->back, f->insp };
	}
	f->p.crumbs = f->crumbs;
}

void
web_frame_crumb(struct web_frame *f, const char *href, const char *label)
{
	assert(f != NULL && href != NULL && label != NULL);
	assert(f->p.ncrumbs < sizeof(f->crumbs) / sizeof(f->crumbs[0]));
	snprintf(f->href, sizeof(f->href), "%s", href);
	f->crumbs[f->p.ncrumbs++] = (struct ui_crumb){ f->href, label };
	f->p.crumbs = f->crumbs;
}

/* Names the inspection's breadcrumb by its partnership, as every page
 * does, when the page did not name it: "Inspection" only if it cannot be
 * read. */
static void
insp_name(struct web_req *r, struct web_frame *f)
{
	struct inspection in;
	long id;

	if (f->p.ncrumbs < 2 || f->insp[0] != '\0')
		return;
	id = strtol(f->back + strlen("/inspections/"), NULL, 10);
	if (app_inspection_get(r->st, &r->actor, id, &in, NULL) == CAIRN_OK) {
		snprintf(f->insp, sizeof(f->insp), "%s",
		    in.partnership != NULL ? in.partnership : "Inspection");
		inspection_free(&in);
	} else
		snprintf(f->insp, sizeof(f->insp), "Inspection");
}

void
web_frame_start(struct web_req *r, struct web_resp *w, struct html *h, struct web_frame *f)
{
	assert(r != NULL && w != NULL && h != NULL && f != NULL);
	insp_name(r, f);
	web_page_begin(r, w, h, &f->p);
}

void
web_frame_begin(struct web_req *r, struct web_resp *w, struct html *h, struct web_frame *f, long id,
    const char *title, bool wide)
{
	web_frame_init(f, id, NULL, title, wide);
	web_frame_start(r, w, h, f);
}

void
web_para_link(struct html *h, const char *href, const char *label)
{
	html_open(h, HE_P, HA__MAX);
	ui_link(h, href, label);
	html_close(h);
}

void
web_internal(struct web_req *r, struct web_resp *w, const char *what, const struct cairn_err *err)
{
	fprintf(stderr, "cairn serve: %s: %s\n", what, err->msg);
	web_error_page(r, w, 500, "Sorry, there is a problem",
	    "Something went wrong on the "
	    "server. Nothing was changed. Try again.");
}

const char *
web_field(struct web_req *r, const char *name)
{
	const char *v = web_form(r, name);

	if (v == NULL || v[strspn(v, " \t\r\n")] == '\0')
		return NULL;
	return v;
}
