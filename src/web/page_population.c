/*
 * Uploading the population (multipart, the same all-or-nothing import as
 * the command line's), with the override for identifier-like columns.
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
#include "app/records/popcheck.h"
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

/* ---- the population ---- */

/* Writes what the population check found, in plain words. */
static void
check_result(struct html *h, const struct population_check *k)
{
	char msg[400], cells[120];

	if (k->ncells > 0)
		snprintf(cells, sizeof(cells),
		    "Its stratum index was rebuilt (%ld cell%s), so a draw need not read every "
		    "child.",
		    k->ncells, k->ncells == 1 ? "" : "s");
	else
		snprintf(cells, sizeof(cells),
		    "It has too many distinct rows to index, so a draw reads every child.");
	if (k->matches) {
		snprintf(msg, sizeof(msg),
		    "The population is intact: its %ld children match the checksum recorded when "
		    "it was uploaded. %s",
		    k->nrows, cells);
		ui_notification(h, msg);
		return;
	}
	snprintf(msg, sizeof(msg),
	    "The population has changed since it was uploaded: its %ld children no longer match "
	    "the checksum recorded then. Nothing was changed by this check.",
	    k->nrows);
	ui_warning(h, msg);
	ui_summary_begin(h);
	ui_summary_row(h, "Checksum at upload", k->stored);
	ui_summary_row(h, "Checksum now", k->computed);
	ui_summary_end(h);
}

/* Writes the population page: the current population and the upload
 * form, with the upload's problems (ce) when it was refused, or one
 * problem; res (may be NULL) is the refused upload's result, whose
 * identifier-like columns get an explanation and a checkbox each; chk
 * (may be NULL) is what the population check found. */
static void
population_page(struct web_req *r, struct web_resp *w, long id, const struct csv_errors *ce,
    const char *problem, const struct population_result *res, const struct population_check *chk)
{
	struct population_info pi = { 0 };
	struct ui_error *errors = NULL;
	char(*msgs)[CSV_ERROR_MSG + 64] = NULL, (*ids)[32] = NULL, num[32];
	char(*allow_msgs)[POPULATION_IDCOL_NAME + 256] = NULL, (*allow_ids)[32] = NULL;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	struct buf action = BUF_INIT;
	size_t nerr = 0, nshown = 0, nrefused = 0;
	bool have;

	have = app_population_info(r->st, &r->actor, id, &pi, &err) == CAIRN_OK;
	for (size_t i = 0; res != NULL && i < res->nidcols; i++)
		nrefused += !res->idcols[i].allowed;
	if (ce != NULL && ce->nkept > 0) {
		errors = xcalloc(ce->nkept + POPULATION_IDCOLS_MAX, sizeof(*errors));
		msgs = xcalloc(ce->nkept, sizeof(*msgs));
		ids = xcalloc(ce->nkept, sizeof(*ids));
		allow_msgs = xcalloc(POPULATION_IDCOLS_MAX, sizeof(*allow_msgs));
		allow_ids = xcalloc(POPULATION_IDCOLS_MAX, sizeof(*allow_ids));
		for (size_t i = 0; i < ce->nkept && i < UPLOAD_ERRORS_SHOWN; i++, nerr++) {
			snprintf(ids[i], sizeof(ids[i]), "problem-%zu", i + 1);
			if (ce->kept[i].line > 0 && ce->kept[i].column > 0)
				snprintf(msgs[i], sizeof(msgs[i]), "Line %ld, column %ld: %s",
				    ce->kept[i].line, ce->kept[i].column, ce->kept[i].msg);
			else if (ce->kept[i].line > 0)
				snprintf(msgs[i], sizeof(msgs[i]), "Line %ld: %s", ce->kept[i].line,
				    ce->kept[i].msg);
			else
				snprintf(msgs[i], sizeof(msgs[i]), "%s", ce->kept[i].msg);
			errors[i] = (struct ui_error){ ids[i], msgs[i] };
		}
		nshown = nerr;
		/* Each refused identifier-like column: what to do, linking to its box. */
		for (size_t i = 0; res != NULL && i < res->nidcols; i++) {
			if (res->idcols[i].allowed)
				continue;
			web_allow_error(&res->idcols[i], i, allow_ids[i], sizeof(allow_ids[i]),
			    allow_msgs[i], sizeof(allow_msgs[i]));
			errors[nerr++] = (struct ui_error){ allow_ids[i], allow_msgs[i] };
		}
	}
	web_frame_begin(r, w, &h, &fr, id, "Population", false);
	if (ce != NULL || problem != NULL)
		w->status = 400;
	if (problem != NULL) {
		struct ui_error one = { "file", problem };

		ui_error_summary(&h, &one, 1);
	} else {
		ui_error_summary(&h, errors, nerr);
	}
	if (ce != NULL && nshown > 0) {
		char line[160];

		html_elem(&h, HE_H2, NULL, "Problems in the file");
		snprintf(line, sizeof(line), "The file has %ld problem%s; nothing was imported.%s",
		    ce->total, ce->total == 1 ? "" : "s",
		    (size_t)ce->total > nshown ? " The first are listed." : "");
		html_elem(&h, HE_P, NULL, line);
		html_open(&h, HE_OL, HA_CLASS, "ds_list", HA__MAX);
		for (size_t i = 0; i < nshown; i++) {
			html_open(&h, HE_LI, HA_ID, ids[i], HA__MAX);
			html_text(&h, msgs[i]);
			html_close(&h);
		}
		html_close(&h);
		if (nrefused > 0)
			web_allow_explain(&h);
	}
	if (web_query(r, "imported") != NULL && ce == NULL && problem == NULL && chk == NULL)
		ui_notification(&h, "Population imported.");
	if (chk != NULL)
		check_result(&h, chk);
	html_elem(&h, HE_H2, NULL, "Current population");
	if (have) {
		struct buf cols = BUF_INIT;

		buf_puts(&cols, "ref");
		for (size_t i = 0; i < pi.ncolumns; i++)
			buf_printf(&cols, ", %s", pi.columns[i]);
		ui_summary_begin(&h);
		snprintf(num, sizeof(num), "%ld", pi.nrows);
		ui_summary_row(&h, "Children", num);
		ui_summary_row(&h, "Columns", buf_str(&cols));
		ui_summary_row_date(&h, "Imported", pi.imported_at, NULL);
		ui_summary_row(&h, "Checksum (SHA-256)", pi.checksum);
		ui_summary_end(&h);
		buf_free(&cols);
		buf_printf(&action, "/inspections/%ld/population/check", id);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		html_elem(&h, HE_P, NULL,
		    "Check that the stored population is still exactly what was uploaded, and "
		    "rebuild the index a sample is drawn from. Nothing else changes.");
		ui_button(&h, "Check the population", UI_BUTTON_SECONDARY);
		ui_form_end(&h);
		buf_reset(&action);
	} else {
		html_elem(&h, HE_P, NULL, "No population has been uploaded yet.");
	}
	html_elem(&h, HE_H2, NULL, have ? "Replace the population" : "Upload the population");
	html_elem(&h, HE_P, NULL,
	    "A CSV file with a header row: a column 'ref' with each child's "
	    "unique pseudonymous reference, then any attribute columns (no names, dates of birth "
	    "or other identifiers). The whole file is checked first; a file with any problem "
	    "imports nothing. A population from which a sample has been drawn cannot be "
	    "replaced.");
	buf_printf(&action, "/inspections/%ld/population", id);
	ui_form_begin(&h, buf_str(&action), r->sess.csrf, true);
	if (res != NULL && ce != NULL)
		web_allow_boxes(&h, res->idcols, res->nidcols);
	{
		struct ui_field f = { 0 };

		f.id = f.name = "file";
		f.label = "Population file (CSV)";
		f.hint = nrefused > 0 ? "Choose the file again" : NULL;
		f.error = problem;
		ui_file(&h, &f, ".csv,text/csv");
	}
	ui_button(&h, "Upload population", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	buf_free(&action);
	free(errors);
	free(msgs);
	free(ids);
	free(allow_msgs);
	free(allow_ids);
	population_info_free(&pi);
}

void
page_population(struct web_req *r, struct web_resp *w)
{
	long id;

	id = r->insp;
	population_page(r, w, id, NULL, NULL, NULL, NULL);
}

void
page_population_upload(struct web_req *r, struct web_resp *w)
{
	const struct form_file *f = web_file(r, "file");
	struct population_import req = { 0 };
	struct population_result *res = NULL;
	struct csv_errors *ce = NULL;
	struct cairn_err err = { 0 };
	struct web_upload u = { 0 };
	struct buf allowed = BUF_INIT;
	char loc[80];
	long id;

	id = r->insp;
	if (f == NULL || f->len == 0) {
		population_page(r, w, id, NULL, "Choose a CSV file to upload", NULL, NULL);
		return;
	}
	/* The ticked columns, as --allow-column's comma-separated list. */
	if (!web_allow_list(r, &allowed)) {
		population_page(r, w, id, NULL,
		    "Too many columns ticked: at most 64 columns can be allowed at once", NULL,
		    NULL);
		return;
	}
	if (web_upload_save(f, "population.csv", &u, &err) != CAIRN_OK) {
		web_internal(r, w, "population upload", &err);
		goto out;
	}
	ce = xcalloc(1, sizeof(*ce));
	res = xcalloc(1, sizeof(*res));
	req.path = u.path;
	req.allow = allowed.len > 0 ? buf_str(&allowed) : NULL;
	if (app_population_import(r->st, &r->actor, id, &req, res, ce, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_ENOINPUT) {
			web_internal(r, w, "population import", &err);
			goto out;
		}
		if (ce->nkept > 0)
			population_page(r, w, id, ce, NULL, res, NULL);
		else
			population_page(r, w, id, NULL, err.msg, NULL, NULL);
		goto out;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/population?imported=1", id);
	web_redirect(w, loc);
out:
	web_upload_remove(&u);
	buf_free(&allowed);
	free(res);
	free(ce);
}

/* POST /inspections/{id}/population/check: checks the stored population
 * against its checksum and rebuilds its stratum index (app_population_check,
 * as `cairn population check`), and shows the result on the population
 * page in plain words. */
void
page_population_check(struct web_req *r, struct web_resp *w)
{
	struct population_check k;
	struct cairn_err err = { 0 };
	int rc;

	memset(&k, 0, sizeof(k));
	rc = app_population_check(r->st, &r->actor, r->insp, &k, &err);
	if (rc == CAIRN_OK || (rc == CAIRN_EDATA && k.computed[0] != '\0')) {
		population_page(r, w, r->insp, NULL, NULL, NULL, &k);
		if (rc != CAIRN_OK)
			w->status = 409;
	} else if (rc == CAIRN_EDATA || rc == CAIRN_EUSAGE || rc == CAIRN_ENOINPUT) {
		population_page(r, w, r->insp, NULL, err.msg, NULL, NULL);
		w->status = 409;
	} else {
		web_internal(r, w, "population check", &err);
	}
}
