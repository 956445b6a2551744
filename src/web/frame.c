/* The frame shared by an inspection's pages and small helpers of every
 * page: see http.h. */
#include <stdio.h>
#include <string.h>

#include "web/http.h"
#include "web/pages.h"

void
web_frame_begin(struct web_req *r, struct web_resp *w, struct html *h, struct web_frame *f, long id,
    const char *title, bool wide)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->back, sizeof(f->back), "/inspections/%ld", id);
	f->crumbs[0] = (struct ui_crumb){ "/", "Your inspections" };
	f->crumbs[1] = (struct ui_crumb){ f->back, "Inspection" };
	f->p.title = title;
	f->p.crumbs = f->crumbs;
	f->p.ncrumbs = 2;
	f->p.wide = wide;
	web_page_begin(r, w, h, &f->p);
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
