/* The frame shared by an inspection's pages and small helpers of every
 * page: see http.h. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

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
		f->crumbs[f->p.ncrumbs++] =
		    (struct ui_crumb){ f->back, insp != NULL ? insp : "Inspection" };
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

void
web_frame_start(struct web_req *r, struct web_resp *w, struct html *h, struct web_frame *f)
{
	assert(r != NULL && w != NULL && h != NULL && f != NULL);
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
