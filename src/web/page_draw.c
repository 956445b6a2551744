/*
 * Drawing the records sample.
 * Every handler asks the role table through web_allow() first; every
 * change is one transaction with its audit entry (made by app/); every
 * view of child-level data is audited.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/setup/inspection.h"
#include "app/records/population.h"
#include "app/records/reader.h"
#include "app/records/reading.h"
#include "app/access/role.h"
#include "app/records/sample.h"
#include "app/setup/team.h"
#include "app/records/lookup.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/account.h"
#include "core/database.h"
#include "core/model.h"
#include "core/records.h"
#include "core/work.h"
#include "web/http.h"
#include "web/pages.h"

/* ---- drawing the sample ---- */

/* The draw form's fields: id and name, label, hint, width. */
static const struct {
	const char *name;
	const char *label;
	const char *hint;
} draw_fields[] = {
	{ "size", "Records to read", "How many children's records the sample selects." },
	{ "strata", "Strata", "Population columns to stratify by, separated by commas." },
	{ "min-per", "Minimum per stratum (optional)",
	    "At least this many from every stratum; "
	    "default 0." },
	{ "seed", "Seed",
	    "A whole number from 0; the same population, settings and seed always "
	    "give the same sample." },
	{ "reserve", "Reserves per stratum (optional)",
	    "Drawn to replace records that cannot be "
	    "read; default 0." },
	{ "double-read", "Double-read share (optional)",
	    "Percent of the selected records read a "
	    "second time by another pair, 0 to 100; default 0." },
};
#define NDRAW (sizeof(draw_fields) / sizeof(draw_fields[0]))

/* Writes the draw form with its errors. */
static void
draw_page(struct web_req *r, struct web_resp *w, long id, const struct ui_error *errors,
    size_t nerr)
{
	struct population_info pi = { 0 };
	struct cairn_err err = { 0 };
	struct buf action = BUF_INIT, cols = BUF_INIT;
	struct web_frame fr;
	struct html h;
	bool have = app_population_info(r->st, &r->actor, id, &pi, &err) == CAIRN_OK;

	web_frame_begin(r, w, &h, &fr, id, "Draw the records sample", false);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (!have) {
		html_elem(&h, HE_P, NULL,
		    "Upload the population first: the sample is drawn from it.");
		buf_printf(&action, "/inspections/%ld/population", id);
		web_para_link(&h, buf_str(&action), "Upload the population");
		goto done;
	}
	for (size_t i = 0; i < pi.ncolumns; i++)
		buf_printf(&cols, "%s%s", i ? ", " : "", pi.columns[i]);
	{
		char line[120];

		snprintf(line, sizeof(line), "The population has %ld children.", pi.nrows);
		html_elem(&h, HE_P, NULL, line);
	}
	buf_printf(&action, "/inspections/%ld/sample/draw", id);
	ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
	for (size_t i = 0; i < NDRAW; i++) {
		struct ui_field f = { 0 };
		struct buf hint = BUF_INIT;

		buf_puts(&hint, draw_fields[i].hint);
		if (strcmp(draw_fields[i].name, "strata") == 0)
			buf_printf(&hint, " Columns: %s.", cols.len ? buf_str(&cols) : "none");
		f.id = f.name = draw_fields[i].name;
		f.label = draw_fields[i].label;
		f.hint = buf_str(&hint);
		f.value = web_form(r, draw_fields[i].name);
		f.error = ui_error_for(errors, nerr, draw_fields[i].name);
		f.width = strcmp(draw_fields[i].name, "strata") == 0 ? NULL : "fixed-10";
		f.autocomplete = "off";
		ui_input(&h, &f);
		buf_free(&hint);
	}
	ui_button(&h, "Draw the sample", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
done:
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	buf_free(&action);
	buf_free(&cols);
	population_info_free(&pi);
}

void
page_sample_draw_form(struct web_req *r, struct web_resp *w)
{
	long id;

	id = r->insp;
	draw_page(r, w, id, NULL, 0);
}

void
page_sample_draw(struct web_req *r, struct web_resp *w)
{
	struct sample_request req = { 0 };
	struct sample s = { 0 };
	struct ui_error errors[NDRAW];
	struct cairn_err err = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80];
	size_t nerr = 0;
	long id;

	id = r->insp;
	req.size = web_field(r, "size");
	req.strata = web_field(r, "strata");
	req.min_per = web_field(r, "min-per");
	req.seed = web_field(r, "seed");
	req.reserve = web_field(r, "reserve");
	req.double_read = web_field(r, "double-read");
	if (req.size == NULL)
		errors[nerr++] = (struct ui_error){ "size", "Enter how many records to read" };
	if (req.strata == NULL)
		errors[nerr++] = (struct ui_error){ "strata", "Enter the columns to stratify by" };
	if (req.seed == NULL)
		errors[nerr++] = (struct ui_error){ "seed", "Enter a seed, a whole number from 0" };
	if (nerr == 0 && app_sample_draw(r->st, &r->actor, id, &req, &s, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			web_internal(r, w, "sample draw", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ web_err_input(&err, "size"), msg };
	}
	if (nerr > 0) {
		draw_page(r, w, id, errors, nerr);
		return;
	}
	sample_free(&s);
	snprintf(loc, sizeof(loc), "/inspections/%ld/sample?drawn=1", id);
	web_redirect(w, loc);
}
