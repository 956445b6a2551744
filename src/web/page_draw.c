/*
 * Drawing the records sample.
 * Every handler asks the role table through web_allow() first; every
 * change is one transaction with its audit entry (made by app/); every
 * view of child-level data is audited.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

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
#include "stats/sampling.h"
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

/* Suggests a sample size for a population of n children: Cochran's (1977)
 * size for a proportion within 10 percentage points at 95% confidence, with
 * the finite population correction (stats_sample_size), and the margin it
 * achieves.  0 when there is no population. */
static void
suggest(long n, long *size, double *margin)
{
	struct stats_size_req req;

	*size = 0;
	*margin = 0;
	if (n < 1)
		return;
	stats_size_defaults(&req);
	req.population = n;
	if (stats_sample_size(&req, size, NULL) != CAIRN_OK)
		*size = 0;
	else
		*margin = stats_sample_margin(&req, *size);
}

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
	long sug = 0;
	double margin = 0;
	char sugtext[32], seedtext[32];

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
	suggest(pi.nrows, &sug, &margin);
	{
		char line[240];

		if (sug > 0)
			snprintf(line, sizeof(line),
			    "The population has %ld children. A sample of %ld records estimates a "
			    "proportion among them within %.1f percentage points, 19 times out of "
			    "20.",
			    pi.nrows, sug, margin * 100.0);
		else
			snprintf(line, sizeof(line), "The population has %ld children.", pi.nrows);
		html_elem(&h, HE_P, NULL, line);
	}
	snprintf(sugtext, sizeof(sugtext), "%ld", sug);
	/* A new seed each time the form is first shown; kept when it comes back. */
	snprintf(seedtext, sizeof(seedtext), "%lu", (unsigned long)randombytes_uniform(1000000));
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
		if (f.value == NULL && nerr == 0 && strcmp(f.name, "size") == 0 && sug > 0)
			f.value = sugtext;
		if (f.value == NULL && nerr == 0 && strcmp(f.name, "seed") == 0)
			f.value = seedtext;
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

/* Returns true if v is a whole number from min to max (v NULL: optional,
 * fine). */
static bool
whole(const char *v, long min, long max)
{
	long n;

	return v == NULL || text_parse_long(v, min, max, &n);
}

/*
 * Checks every field of the draw form at once, so that the error summary
 * lists them all (app_sample_draw stops at the first): each problem goes
 * into errors with its message in bad[i] (badsz bytes each).  Returns the
 * number found.
 */
static size_t
check_fields(struct web_req *r, long id, const struct sample_request *req, struct ui_error *errors,
    char (*bad)[200], size_t badsz)
{
	struct population_info pi = { 0 };
	size_t n = 0;
	long rows = 1000000000L;

	bad[0][0] = '\0';
	if (app_population_info(r->st, &r->actor, id, &pi, NULL) == CAIRN_OK && pi.nrows > 0)
		rows = pi.nrows;
	if (req->size == NULL)
		snprintf(bad[n], badsz, "Enter how many records to read");
	else if (!whole(req->size, 1, rows))
		snprintf(bad[n], badsz,
		    "Enter the number of records to read as a whole number from 1 to %ld", rows);
	if (bad[n][0] != '\0') {
		errors[n] = (struct ui_error){ "size", bad[n] };
		n++;
	}
	bad[n][0] = '\0';
	if (req->strata == NULL)
		snprintf(bad[n], badsz, "Enter the columns to stratify by");
	else if (pi.ncolumns > 0) {
		char *copy = xstrdup(req->strata), *save = NULL;

		for (char *c = strtok_r(copy, ",", &save); c != NULL && bad[n][0] == '\0';
		     c = strtok_r(NULL, ",", &save)) {
			const char *name = text_trim(c);
			bool known = *name == '\0';

			for (size_t k = 0; k < pi.ncolumns && !known; k++)
				known = text_casecmp(pi.columns[k], name) == 0;
			if (!known)
				snprintf(bad[n], badsz,
				    "The population has no column called \"%.60s\"; choose from "
				    "the "
				    "columns listed",
				    name);
		}
		free(copy);
	}
	if (bad[n][0] != '\0') {
		errors[n] = (struct ui_error){ "strata", bad[n] };
		n++;
	}
	bad[n][0] = '\0';
	if (!whole(req->min_per, 0, 1000000000L))
		snprintf(bad[n], badsz, "Enter the minimum per stratum as a whole number from 0");
	if (bad[n][0] != '\0') {
		errors[n] = (struct ui_error){ "min-per", bad[n] };
		n++;
	}
	bad[n][0] = '\0';
	if (req->seed == NULL)
		snprintf(bad[n], badsz, "Enter a seed, a whole number from 0");
	else if (!whole(req->seed, 0, LONG_MAX))
		snprintf(bad[n], badsz, "Enter the seed as a whole number from 0");
	if (bad[n][0] != '\0') {
		errors[n] = (struct ui_error){ "seed", bad[n] };
		n++;
	}
	bad[n][0] = '\0';
	if (!whole(req->reserve, 0, 1000000L))
		snprintf(bad[n], badsz, "Enter the reserves per stratum as a whole number from 0");
	if (bad[n][0] != '\0') {
		errors[n] = (struct ui_error){ "reserve", bad[n] };
		n++;
	}
	bad[n][0] = '\0';
	if (!whole(req->double_read, 0, 100))
		snprintf(bad[n], badsz,
		    "Enter the double-read share as a whole number from 0 to 100");
	if (bad[n][0] != '\0') {
		errors[n] = (struct ui_error){ "double-read", bad[n] };
		n++;
	}
	population_info_free(&pi);
	return n;
}

void
page_sample_draw(struct web_req *r, struct web_resp *w)
{
	struct sample_request req = { 0 };
	struct sample s = { 0 };
	struct ui_error errors[NDRAW];
	struct cairn_err err = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80], bad[NDRAW][200];
	size_t nerr = 0;
	long id;

	id = r->insp;
	req.size = web_field(r, "size");
	req.strata = web_field(r, "strata");
	req.min_per = web_field(r, "min-per");
	req.seed = web_field(r, "seed");
	req.reserve = web_field(r, "reserve");
	req.double_read = web_field(r, "double-read");
	nerr = check_fields(r, id, &req, errors, bad, sizeof(bad[0]));
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

/* ---- replacing a sampled record ---- */

/* Writes the form to replace a selected record by the next reserve of its
 * stratum; errors (nerr of them) are a refused replacement's, keyed by
 * their input.  The records offered are child-level data: the view is
 * audited. */
static void
replace_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr)
{
	struct sample s = { 0 };
	struct cairn_err err = { 0 };
	struct ui_option *opts = NULL;
	struct buf *labels = NULL;
	struct web_frame fr;
	struct html h;
	struct ui_field f;
	char action[96], back[96];
	size_t n = 0, reserves = 0;
	long id = r->insp;
	bool loaded;

	loaded = app_sample_load(r->st, id, &s, &err) == CAIRN_OK;
	if (!loaded && err.rc != CAIRN_EDATA) {
		web_internal(r, w, "sample", &err);
		return;
	}
	if (loaded && !web_view_audited(r, w, id, "sample.view", "web"))
		goto out;
	snprintf(back, sizeof(back), "/inspections/%ld/sample", id);
	web_frame_init(&fr, id, NULL, "Replace a sampled record", false);
	web_frame_crumb(&fr, back, "Records sample");
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0) {
		w->status = 400;
		ui_error_summary(&h, errors, nerr);
	}
	if (!loaded) {
		html_elem(&h, HE_P, NULL, "No sample has been drawn yet.");
		web_para_link(&h, back, "Back to the records sample");
		ui_page_end(&h);
		goto out;
	}
	opts = xcalloc(s.nmembers + 1, sizeof(*opts));
	labels = xcalloc(s.nmembers + 1, sizeof(*labels));
	for (size_t i = 0; i < s.nmembers; i++) {
		const struct sample_member *m = &s.members[i];
		struct buf st = BUF_INIT;
		const char *key = "";

		reserves += m->status == SAMPLE_RESERVE;
		if (m->status != SAMPLE_SELECTED)
			continue;
		for (size_t k = 0; k < s.nstrata; k++)
			if (s.strata[k].position == m->stratum)
				key = s.strata[k].key;
		buf_printf(&labels[n], "%s (%s)", m->ref, ui_stratum_text(key, &st));
		buf_free(&st);
		opts[n] = (struct ui_option){ m->ref, buf_str(&labels[n]) };
		n++;
	}
	html_elem(&h, HE_P, NULL,
	    "When a child's records cannot be read, the next reserve drawn in the same stratum "
	    "takes the record's place, and any readers assigned to it are assigned to the "
	    "reserve instead. The record stays in the sample, marked as replaced with the "
	    "reason.");
	{
		char left[80];

		snprintf(left, sizeof(left), "%zu", reserves);
		ui_summary_begin(&h);
		ui_summary_row(&h, "Unused reserves", left);
		ui_summary_end(&h);
	}
	snprintf(action, sizeof(action), "/inspections/%ld/sample/replace", id);
	ui_form_begin(&h, action, r->sess.csrf, false);
	f = (struct ui_field){ .id = "ref",
		.name = "ref",
		.label = "Record to replace",
		.value = web_form(r, "ref"),
		.error = ui_error_for(errors, nerr, "ref") };
	ui_select(&h, &f, opts, n);
	f = (struct ui_field){ .id = "reason",
		.name = "reason",
		.label = "Why the record cannot be read",
		.value = web_form(r, "reason"),
		.error = ui_error_for(errors, nerr, "reason") };
	ui_textarea(&h, &f, 3);
	ui_button(&h, "Replace the record", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	web_para_link(&h, back, "Back to the records sample");
	ui_page_end(&h);
out:
	for (size_t i = 0; labels != NULL && i < n; i++)
		buf_free(&labels[i]);
	free(labels);
	free(opts);
	sample_free(&s);
}

void
page_sample_replace_form(struct web_req *r, struct web_resp *w)
{
	replace_page(r, w, NULL, 0);
}

void
page_sample_replace(struct web_req *r, struct web_resp *w)
{
	const char *ref = web_form(r, "ref"), *reason = web_form(r, "reason");
	struct cairn_err err = { 0 };
	struct ui_error e;
	char *by = NULL;

	if (ref == NULL || ref[0] == '\0') {
		e = (struct ui_error){ "ref", "Choose the record to replace" };
		replace_page(r, w, &e, 1);
		return;
	}
	if (app_sample_replace(r->st, &r->actor, r->insp, ref, reason, &by, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE) {
			e = (struct ui_error){ web_err_input(&err, "ref"), err.msg };
			replace_page(r, w, &e, 1);
		} else {
			web_internal(r, w, "sample replace", &err);
		}
	} else {
		struct buf loc = BUF_INIT;

		buf_printf(&loc, "/inspections/%ld/sample?replaced=", r->insp);
		web_put_segment(&loc, ref);
		buf_puts(&loc, "&by=");
		web_put_segment(&loc, by);
		web_redirect(w, buf_str(&loc));
		buf_free(&loc);
	}
	free(by);
}
