/*
 * The pages of the records-reading workflow that a lead runs in the
 * browser: creating an inspection (administrators, naming its lead), the
 * team (list, add, remove), uploading the population (multipart, the same
 * all-or-nothing import as 'cairn population import'), drawing the
 * sample, readers (add, pair and assign), the side-by-side comparison of
 * double readings with their resolution, and matters of concern.  Every
 * handler asks the role table through web_allow() first; every change is
 * one transaction with its audit entry (made by app/); every view of
 * child-level data is audited.
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
#include "core/buf.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/account.h"
#include "store/records.h"
#include "store/store.h"
#include "store/work.h"
#include "web/http.h"

/* Most problems listed in an upload's error summary (as the CLI). */
#define UPLOAD_ERRORS_SHOWN 20

/* Page frame shared by the inspection's pages: breadcrumbs to home and
 * the inspection (back is filled with its href). */
struct frame {
	struct ui_page p;          /* the page settings */
	struct ui_crumb crumbs[2]; /* home, inspection */
	char back[64];             /* "/inspections/ID" */
};

/* Starts an inspection page titled title; wide for tables. */
static void
frame_begin(struct web_req *r, struct web_resp *w, struct html *h, struct frame *f, long id,
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

/* Writes a paragraph with one link. */
static void
para_link(struct html *h, const char *href, const char *label)
{
	html_open(h, HE_P, HA__MAX);
	ui_link(h, href, label);
	html_close(h);
}

/* Writes the 500 page after logging what went wrong. */
static void
internal(struct web_req *r, struct web_resp *w, const char *what, const struct cairn_err *err)
{
	fprintf(stderr, "cairn serve: %s: %s\n", what, err->msg);
	web_error_page(r, w, 500, "Sorry, there is a problem",
	    "Something went wrong on the "
	    "server. Nothing was changed. Try again.");
}

/* Returns the trimmed form value of name, or NULL when absent or blank
 * (the returned pointer is into the request or into tmp). */
static const char *
field(struct web_req *r, const char *name)
{
	const char *v = web_form(r, name);

	if (v == NULL || v[strspn(v, " \t\r\n")] == '\0')
		return NULL;
	return v;
}

/* ---- uploads ---- */

int
web_upload_save(const struct form_file *f, const char *fallback, struct web_upload *u,
    struct cairn_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char name[101];
	size_t n = 0;
	int fd;

	memset(u, 0, sizeof(*u));
	for (const char *c = f->filename; *c != '\0' && n < sizeof(name) - 1; c++) {
		unsigned char ch = (unsigned char)*c;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || (ch == '.' && n > 0))
			name[n++] = (char)ch;
	}
	name[n] = '\0';
	if (n == 0)
		text_copy(name, sizeof(name), fallback);
	if (tmp == NULL || tmp[0] != '/' || strlen(tmp) > 32)
		tmp = "/tmp";
	snprintf(u->dir, sizeof(u->dir), "%s/cairn-upload-XXXXXX", tmp);
	if (mkdtemp(u->dir) == NULL) {
		u->dir[0] = '\0';
		return cairn_errf(err, CAIRN_ECANTCREAT,
		    "cannot make a directory for the upload: %s", strerror(errno));
	}
	snprintf(u->path, sizeof(u->path), "%s/%s", u->dir, name);
	fd = open(u->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot write the upload: %s",
		    strerror(errno));
	for (size_t off = 0; off < f->len;) {
		ssize_t k = write(fd, f->data + off, f->len - off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			close(fd);
			return cairn_errf(err, CAIRN_ECANTCREAT, "cannot write the upload: %s",
			    strerror(errno));
		}
		off += (size_t)k;
	}
	if (close(fd) != 0)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot write the upload: %s",
		    strerror(errno));
	return CAIRN_OK;
}

/* Removes what web_upload_save made. */
void
web_upload_remove(struct web_upload *u)
{
	if (u->path[0] != '\0')
		(void)unlink(u->path);
	if (u->dir[0] != '\0')
		(void)rmdir(u->dir);
	memset(u, 0, sizeof(*u));
}

/* ---- create an inspection ---- */

/* One field of the create form. */
struct new_field {
	const char *name;  /* field name and element id */
	const char *label; /* visible label */
	const char *hint;  /* hint text, or NULL */
	const char *width; /* ds_input width modifier, or NULL */
};

/* The create form's fields, in order ("framework" is a select of the
 * frameworks held; the rest are text inputs). */
static const struct new_field new_form[] = {
	{ "partnership", "Partnership",
	    "The community planning partnership inspected, e.g. Perth and Kinross.", NULL },
	{ "framework", "Framework", NULL, NULL },
	{ "title", "Title (optional)", "Made from the partnership's name when left empty.", NULL },
	{ "notified", "Notified (optional)",
	    "The date the partnership was told, as YYYY-MM-DD, e.g. 2026-09-01.", "fixed-10" },
	{ "fieldwork-from", "Fieldwork starts (optional)", "YYYY-MM-DD.", "fixed-10" },
	{ "fieldwork-to", "Fieldwork ends (optional)", "YYYY-MM-DD, on or after the start.",
	    "fixed-10" },
	{ "agencies", "Agencies taking part (optional)",
	    "Separated by commas, e.g. Care Inspectorate, Education Scotland.", NULL },
	{ "lead", "Inspection lead",
	    "The username of the lead, who then adds the rest of the team.", NULL },
};

/* Writes the create-inspection form with its values and errors. */
static void
new_page(struct web_req *r, struct web_resp *w, const struct ui_error *errors, size_t nerr)
{
	struct framework_summary *fw = NULL;
	struct ui_option *opts = NULL;
	struct cairn_err err = { 0 };
	struct ui_crumb crumbs[] = { { "/", "Your inspections" } };
	struct ui_page p = { 0 };
	struct ui_field f;
	struct html h;
	size_t nfw = 0;

	if (store_framework_list(r->st, &fw, &nfw, &err) != CAIRN_OK) {
		internal(r, w, "frameworks", &err);
		return;
	}
	opts = xcalloc(nfw ? nfw : 1, sizeof(*opts));
	for (size_t i = 0; i < nfw; i++)
		opts[i] = (struct ui_option){ fw[i].code, fw[i].title };
	p.title = "Create an inspection";
	p.crumbs = crumbs;
	p.ncrumbs = 1;
	web_page_begin(r, w, &h, &p);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	ui_form_begin(&h, "/new-inspection", r->sess.csrf, false);
	for (size_t i = 0; i < sizeof(new_form) / sizeof(new_form[0]); i++) {
		const struct new_field *d = &new_form[i];

		memset(&f, 0, sizeof(f));
		f.id = f.name = d->name;
		f.label = d->label;
		f.hint = d->hint;
		f.width = d->width;
		f.value = web_form(r, d->name);
		f.error = ui_error_for(errors, nerr, d->name);
		if (strcmp(d->name, "lead") == 0) {
			/* The lead defaults to the person creating the inspection. */
			if (r->method != WM_POST)
				f.value = r->sess.who.username;
			f.autocomplete = "off";
		}
		if (strcmp(d->name, "framework") == 0)
			ui_select(&h, &f, opts, nfw);
		else
			ui_input(&h, &f);
	}
	ui_button(&h, "Create inspection", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	ui_page_end(&h);
	free(opts);
	framework_summaries_free(fw, nfw);
}

void
page_new_inspection_form(struct web_req *r, struct web_resp *w)
{
	if (web_allow(r, w, 0, ACTION_CREATE_INSPECTION, NULL))
		new_page(r, w, NULL, 0);
}

/* Returns the id of the create form's field an app/ message is about. */
static const char *
new_field_of(const char *msg)
{
	if (strstr(msg, "fieldwork") != NULL)
		return "fieldwork-from";
	if (strstr(msg, "notified") != NULL)
		return "notified";
	if (strstr(msg, "agenc") != NULL)
		return "agencies";
	if (strstr(msg, "title") != NULL)
		return "title";
	if (strstr(msg, "framework") != NULL)
		return "framework";
	if (strstr(msg, "person") != NULL || strstr(msg, "lead") != NULL)
		return "lead";
	return new_form[0].name;
}

void
page_new_inspection(struct web_req *r, struct web_resp *w)
{
	struct inspection_new req = { 0 };
	struct ui_error errors[4];
	struct cairn_err err = { 0 };
	struct account acc = { 0 };
	struct buf fieldwork = BUF_INIT;
	const char *from = field(r, "fieldwork-from"), *to = field(r, "fieldwork-to");
	const char *lead = field(r, "lead");
	char loc[64], msg[CAIRN_ERR_MSG];
	size_t nerr = 0;
	long id = 0;

	if (!web_allow(r, w, 0, ACTION_CREATE_INSPECTION, NULL))
		return;
	req.partnership = field(r, "partnership");
	req.framework = field(r, "framework");
	req.title = field(r, "title");
	req.notified = field(r, "notified");
	req.agencies = field(r, "agencies");
	if (req.partnership == NULL)
		errors[nerr++] = (struct ui_error){ "partnership", "Enter the partnership's name" };
	if (req.framework == NULL)
		errors[nerr++] = (struct ui_error){ "framework", "Choose a framework" };
	if ((from == NULL) != (to == NULL))
		errors[nerr++] =
		    (struct ui_error){ from == NULL ? "fieldwork-from" : "fieldwork-to",
			    "Enter both the first and the last day of fieldwork, or neither" };
	if (lead == NULL)
		errors[nerr++] =
		    (struct ui_error){ "lead", "Enter the username of the inspection lead" };
	else if (store_account_get(r->st, lead, &acc, &err) != CAIRN_OK)
		errors[nerr++] =
		    (struct ui_error){ "lead", "There is no account with that username" };
	account_free(&acc);
	if (from != NULL && to != NULL) {
		buf_printf(&fieldwork, "%s..%s", from, to);
		req.fieldwork = buf_str(&fieldwork);
	}
	cairn_err_clear(&err);
	if (nerr == 0 &&
	    app_inspection_create_led(r->st, &r->actor, &req, lead, &id, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			internal(r, w, "create inspection", &err);
			goto out;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ new_field_of(msg), msg };
	}
	if (nerr > 0) {
		new_page(r, w, errors, nerr);
		goto out;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld", id);
	web_redirect(w, loc);
out:
	buf_free(&fieldwork);
}

/* ---- the team ---- */

/* Writes the team page with the add form's errors. */
static void
team_page(struct web_req *r, struct web_resp *w, long id, enum role role,
    const struct ui_error *errors, size_t nerr)
{
	static const char *const cols[] = { "Person", "Role", "Agency", "Added", "Action" };
	struct team_member *v = NULL;
	struct ui_option opts[ROLE__MAX];
	struct cairn_err err = { 0 };
	struct frame fr;
	struct ui_field f;
	struct html h;
	struct buf action = BUF_INIT;
	bool manage = role_may(role, ACTION_MANAGE_TEAM);
	const char *done = web_query(r, "done");
	size_t n = 0, nopt = 0;

	if (app_team_list(r->st, id, &v, &n, &err) != CAIRN_OK) {
		internal(r, w, "team", &err);
		return;
	}
	frame_begin(r, w, &h, &fr, id, "Team", true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (done != NULL && nerr == 0)
		ui_notification(&h,
		    strcmp(done, "removed") == 0 ? "Removed from the team." : "Added to the team.");
	ui_table_begin(&h, "Who is on this inspection's team", cols, manage ? 5 : 4);
	for (size_t i = 0; i < n; i++) {
		enum role mr;

		ui_row_begin(&h);
		ui_cell(&h, v[i].person, true);
		ui_cell(&h, role_parse(v[i].role, &mr) ? role_table[mr].label : v[i].role, false);
		ui_cell(&h, v[i].agency != NULL ? v[i].agency : "", false);
		ui_cell(&h, v[i].added_at, false);
		if (manage) {
			char label[300];

			buf_reset(&action);
			buf_printf(&action, "/inspections/%ld/team/remove", id);
			snprintf(label, sizeof(label), "Remove %s", v[i].person);
			html_open(&h, HE_TD, HA__MAX);
			ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
			ui_hidden(&h, "person", v[i].person);
			html_open(&h, HE_BUTTON, HA_TYPE, "submit", HA_CLASS,
			    "ds_button ds_button--small ds_button--secondary", HA_ARIA_LABEL, label,
			    HA__MAX);
			html_text(&h, "Remove");
			html_close(&h);
			ui_form_end(&h);
			html_close(&h);
		}
		ui_row_end(&h);
	}
	ui_table_end(&h);
	if (manage) {
		for (int k = 0; k < ROLE__MAX; k++)
			if (role_table[k].team)
				opts[nopt++] =
				    (struct ui_option){ role_table[k].code, role_table[k].label };
		html_elem(&h, HE_H2, NULL, "Add someone to the team");
		buf_reset(&action);
		buf_printf(&action, "/inspections/%ld/team", id);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "person";
		f.label = "Username";
		f.hint = "The person's account username.";
		f.autocomplete = "off";
		f.value = nerr > 0 ? web_form(r, "person") : NULL;
		f.error = ui_error_for(errors, nerr, "person");
		ui_input(&h, &f);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "role";
		f.label = "Role";
		f.value = nerr > 0 ? web_form(r, "role") : NULL;
		f.error = ui_error_for(errors, nerr, "role");
		ui_select(&h, &f, opts, nopt);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "agency";
		f.label = "Agency (optional)";
		f.value = nerr > 0 ? web_form(r, "agency") : NULL;
		f.error = ui_error_for(errors, nerr, "agency");
		ui_input(&h, &f);
		ui_button(&h, "Add to the team", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	buf_free(&action);
	team_members_free(v, n);
}

void
page_team(struct web_req *r, struct web_resp *w)
{
	enum role role;
	long id;

	if (web_path_id(r, w, &id) && web_allow(r, w, id, ACTION_VIEW_INSPECTION, &role))
		team_page(r, w, id, role, NULL, 0);
}

void
page_team_add(struct web_req *r, struct web_resp *w)
{
	const char *person = field(r, "person"), *role_code = field(r, "role");
	struct ui_error errors[2];
	struct cairn_err err = { 0 };
	struct account acc = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80];
	enum role role, want;
	size_t nerr = 0;
	long id;

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_MANAGE_TEAM, &role))
		return;
	if (person == NULL)
		errors[nerr++] = (struct ui_error){ "person", "Enter the person's username" };
	else if (store_account_get(r->st, person, &acc, &err) != CAIRN_OK)
		errors[nerr++] =
		    (struct ui_error){ "person", "There is no account with that username" };
	account_free(&acc);
	if (role_code == NULL || !role_parse(role_code, &want) || !role_table[want].team)
		errors[nerr++] = (struct ui_error){ "role", "Choose one of the roles listed" };
	cairn_err_clear(&err);
	if (nerr == 0 &&
	    app_team_add(r->st, &r->actor, id, person, role_code, field(r, "agency"), &err) !=
	        CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			internal(r, w, "team add", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] =
		    (struct ui_error){ strstr(msg, "agency") ? "agency" : "person", msg };
	}
	if (nerr > 0) {
		team_page(r, w, id, role, errors, nerr);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/team?done=added", id);
	web_redirect(w, loc);
}

void
page_team_remove(struct web_req *r, struct web_resp *w)
{
	const char *person = field(r, "person");
	struct cairn_err err = { 0 };
	char loc[80];
	long id;

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_MANAGE_TEAM, NULL))
		return;
	if (person != NULL && strcmp(person, r->sess.who.username) == 0) {
		/* Removing oneself would lock the person out of the inspection at once. */
		web_error_page(r, w, 400, "Nobody was removed",
		    "You cannot remove yourself from the "
		    "team. Ask another lead or depute, or an administrator with 'cairn team "
		    "remove'.");
		return;
	}
	if (person == NULL || app_team_remove(r->st, &r->actor, id, person, &err) != CAIRN_OK) {
		if (person != NULL && err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			internal(r, w, "team remove", &err);
			return;
		}
		web_error_page(r, w, 400, "Nobody was removed",
		    person == NULL
		        ? "No person was "
		          "named. Go back and use a Remove button on the team page."
		        : "That person is not on this inspection's team. Nothing was changed.");
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/team?done=removed", id);
	web_redirect(w, loc);
}

/* ---- the population ---- */

/* The sentence every identifier-like column's checkbox carries. */
#define ALLOW_LABEL "This column holds no personal identifier: import it"

/* Writes one fieldset per identifier-like column of the last upload (res),
 * each with the checkbox that re-posts the upload with allow=COLUMN, as
 * `cairn population import --allow-column` does; ticked if it was allowed. */
static void
allow_boxes(struct html *h, const struct population_result *res)
{
	for (size_t i = 0; i < res->nidcols; i++) {
		const struct population_idcol *c = &res->idcols[i];
		struct ui_option opt = { c->name, ALLOW_LABEL };
		struct ui_field f = { 0 };
		char id[32], legend[POPULATION_IDCOL_NAME + 96];

		snprintf(id, sizeof(id), "allow-%zu", i + 1);
		snprintf(legend, sizeof(legend),
		    "Column '%s' looks like a personal identifier (%s)", c->name, c->word);
		f.id = id;
		f.name = "allow";
		f.label = legend;
		f.hint = "Tick only if it holds no name, date of birth, CHI or other identifier; "
		         "the import then records that it was allowed in the audit log.";
		ui_checkboxes(h, &f, &opt, &c->allowed, 1);
	}
}

/* Writes the population page: the current population and the upload
 * form, with the upload's problems (ce) when it was refused, or one
 * problem; res (may be NULL) is the refused upload's result, whose
 * identifier-like columns get an explanation and a checkbox each. */
static void
population_page(struct web_req *r, struct web_resp *w, long id, const struct csv_errors *ce,
    const char *problem, const struct population_result *res)
{
	struct population_info pi = { 0 };
	struct ui_error *errors = NULL;
	char(*msgs)[CSV_ERROR_MSG + 64] = NULL, (*ids)[32] = NULL, num[32];
	char(*allow_msgs)[POPULATION_IDCOL_NAME + 256] = NULL, (*allow_ids)[32] = NULL;
	struct cairn_err err = { 0 };
	struct frame fr;
	struct html h;
	struct buf action = BUF_INIT;
	size_t nerr = 0, nshown = 0, nrefused = 0;
	bool have;

	have = store_population_info(r->st, id, &pi, &err) == CAIRN_OK;
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
			snprintf(allow_ids[i], sizeof(allow_ids[i]), "allow-%zu", i + 1);
			snprintf(allow_msgs[i], sizeof(allow_msgs[i]),
			    "Column '%s' looks like a personal identifier (%s). If it holds "
			    "none, tick '" ALLOW_LABEL "' and upload the file again",
			    res->idcols[i].name, res->idcols[i].word);
			errors[nerr++] = (struct ui_error){ allow_ids[i], allow_msgs[i] };
		}
	}
	frame_begin(r, w, &h, &fr, id, "Population", false);
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
			html_elem(&h, HE_P, NULL,
			    "A column whose name looks like a personal identifier is refused, "
			    "because the return must not carry identifiers. If such a column only "
			    "looks like one (a team's name, for example), tick its box in the form "
			    "below and choose the file again: the browser does not keep it.");
	}
	if (web_query(r, "imported") != NULL && ce == NULL && problem == NULL)
		ui_notification(&h, "Population imported.");
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
		ui_summary_row(&h, "Imported", pi.imported_at);
		ui_summary_row(&h, "Checksum (SHA-256)", pi.checksum);
		ui_summary_end(&h);
		buf_free(&cols);
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
		allow_boxes(&h, res);
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
	para_link(&h, fr.back, "Back to the inspection");
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

	if (web_path_id(r, w, &id) && web_allow(r, w, id, ACTION_IMPORT_POPULATION, NULL))
		population_page(r, w, id, NULL, NULL, NULL);
}

/* Most allow fields one upload may carry. */
#define ALLOW_FIELDS_MAX 64

void
page_population_upload(struct web_req *r, struct web_resp *w)
{
	const struct form_file *f = web_file(r, "file");
	const char *allow[ALLOW_FIELDS_MAX];
	struct population_import req = { 0 };
	struct population_result *res = NULL;
	struct csv_errors *ce = NULL;
	struct cairn_err err = { 0 };
	struct web_upload u = { 0 };
	struct buf allowed = BUF_INIT;
	size_t nallow;
	char loc[80];
	long id;

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_IMPORT_POPULATION, NULL))
		return;
	if (f == NULL || f->len == 0) {
		population_page(r, w, id, NULL, "Choose a CSV file to upload", NULL);
		return;
	}
	/* The ticked columns, as --allow-column's comma-separated list. */
	nallow = web_form_all(r, "allow", allow, ALLOW_FIELDS_MAX);
	if (nallow > ALLOW_FIELDS_MAX) {
		population_page(r, w, id, NULL,
		    "Too many columns ticked: at most 64 columns can be allowed at once", NULL);
		return;
	}
	for (size_t i = 0; i < nallow; i++)
		if (allow[i][strspn(allow[i], " \t")] != '\0')
			buf_printf(&allowed, "%s%s", allowed.len ? "," : "", allow[i]);
	if (web_upload_save(f, "population.csv", &u, &err) != CAIRN_OK) {
		internal(r, w, "population upload", &err);
		goto out;
	}
	ce = xcalloc(1, sizeof(*ce));
	res = xcalloc(1, sizeof(*res));
	req.path = u.path;
	req.allow = allowed.len > 0 ? buf_str(&allowed) : NULL;
	if (app_population_import(r->st, &r->actor, id, &req, res, ce, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE && err.rc != CAIRN_ENOINPUT) {
			internal(r, w, "population import", &err);
			goto out;
		}
		if (ce->nkept > 0)
			population_page(r, w, id, ce, NULL, res);
		else
			population_page(r, w, id, NULL, err.msg, NULL);
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
	struct frame fr;
	struct html h;
	bool have = store_population_info(r->st, id, &pi, &err) == CAIRN_OK;

	frame_begin(r, w, &h, &fr, id, "Draw the records sample", false);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (!have) {
		html_elem(&h, HE_P, NULL,
		    "Upload the population first: the sample is drawn from it.");
		buf_printf(&action, "/inspections/%ld/population", id);
		para_link(&h, buf_str(&action), "Upload the population");
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
	para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	buf_free(&action);
	buf_free(&cols);
	population_info_free(&pi);
}

void
page_sample_draw_form(struct web_req *r, struct web_resp *w)
{
	long id;

	if (web_path_id(r, w, &id) && web_allow(r, w, id, ACTION_DRAW_SAMPLE, NULL))
		draw_page(r, w, id, NULL, 0);
}

/* Returns the draw form's field an app/ message is about. */
static const char *
draw_field_of(const char *msg)
{
	static const struct {
		const char *word, *field;
	} map[] = {
		{ "--size", "size" },
		{ "--strata", "strata" },
		{ "column", "strata" },
		{ "--min", "min-per" },
		{ "--seed", "seed" },
		{ "--reserve", "reserve" },
		{ "--double", "double-read" },
		{ "double", "double-read" },
		{ "seed", "seed" },
		{ "reserve", "reserve" },
		{ "stratum", "min-per" },
		{ "size", "size" },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strstr(msg, map[i].word) != NULL)
			return map[i].field;
	return "size";
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

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_DRAW_SAMPLE, NULL))
		return;
	req.size = field(r, "size");
	req.strata = field(r, "strata");
	req.min_per = field(r, "min-per");
	req.seed = field(r, "seed");
	req.reserve = field(r, "reserve");
	req.double_read = field(r, "double-read");
	if (req.size == NULL)
		errors[nerr++] = (struct ui_error){ "size", "Enter how many records to read" };
	if (req.strata == NULL)
		errors[nerr++] = (struct ui_error){ "strata", "Enter the columns to stratify by" };
	if (req.seed == NULL)
		errors[nerr++] = (struct ui_error){ "seed", "Enter a seed, a whole number from 0" };
	if (nerr == 0 && app_sample_draw(r->st, &r->actor, id, &req, &s, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			internal(r, w, "sample draw", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ draw_field_of(msg), msg };
	}
	if (nerr > 0) {
		draw_page(r, w, id, errors, nerr);
		return;
	}
	sample_free(&s);
	snprintf(loc, sizeof(loc), "/inspections/%ld/sample?drawn=1", id);
	web_redirect(w, loc);
}

/* ---- readers ---- */

/* Returns a reader's name in plan p ("" when unknown). */
static const char *
reader_name(const struct reading_plan *p, long id)
{
	const struct reader *rd = reading_plan_reader(p, id);

	return rd != NULL ? rd->name : "";
}

/* Writes the readers page: readers, pairs, assignments and the forms. */
static void
readers_page(struct web_req *r, struct web_resp *w, long id, const struct ui_error *errors,
    size_t nerr)
{
	static const char *const rcols[] = { "Reader", "Kind", "Agency" };
	static const char *const pcols[] = { "Pair", "Inspector", "Local reader", "Records" };
	static const char *const acols[] = { "Record", "Reading", "Pair" };
	static const struct ui_option kinds[] = { { "inspector", "Inspector" },
		{ "local", "Local reader from the partnership" } };
	struct reading_plan p = { 0 };
	struct sample s = { 0 };
	struct cairn_err err = { 0 };
	struct buf action = BUF_INIT;
	struct frame fr;
	struct ui_field f;
	struct html h;
	const char *done = web_query(r, "done");
	bool have_sample;
	char num[32], num2[32];

	if (app_reader_plan(r->st, id, &p, &err) != CAIRN_OK) {
		internal(r, w, "readers", &err);
		return;
	}
	have_sample = app_sample_load(r->st, id, &s, &err) == CAIRN_OK;
	if (p.nassigns > 0 && !web_view_audited(r, w, id, "reader.plan.view", "web"))
		goto out;
	frame_begin(r, w, &h, &fr, id, "Readers", true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (done != NULL && nerr == 0)
		ui_notification(&h,
		    strcmp(done, "assigned") == 0    ? "Readers paired and records "
		                                       "assigned."
		        : strcmp(done, "moved") == 0 ? "Reading moved to the other pair."
		                                     : "Reader added.");
	html_elem(&h, HE_H2, NULL, "Readers");
	if (p.nreaders == 0) {
		html_elem(&h, HE_P, NULL, "No readers yet.");
	} else {
		ui_table_begin(&h, "Readers of children's records", rcols, 3);
		for (size_t i = 0; i < p.nreaders; i++) {
			ui_row_begin(&h);
			ui_cell(&h, p.readers[i].name, true);
			ui_cell(&h,
			    p.readers[i].kind == READER_LOCAL ? "Local reader" : "Inspector",
			    false);
			ui_cell(&h, p.readers[i].agency != NULL ? p.readers[i].agency : "", false);
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	html_elem(&h, HE_H2, NULL, "Add a reader");
	buf_printf(&action, "/inspections/%ld/readers", id);
	ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "name";
	f.label = "Username";
	f.hint = "The reader's account username: they see the records assigned to them under "
	         "'My records to read'.";
	f.autocomplete = "off";
	f.value = nerr > 0 ? web_form(r, "name") : NULL;
	f.error = ui_error_for(errors, nerr, "name");
	ui_input(&h, &f);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "kind";
	f.label = "Kind of reader";
	f.value = nerr > 0 ? web_form(r, "kind") : NULL;
	f.error = ui_error_for(errors, nerr, "kind");
	ui_radios(&h, &f, kinds, 2);
	memset(&f, 0, sizeof(f));
	f.id = f.name = "agency";
	f.label = "Agency (optional)";
	f.value = nerr > 0 ? web_form(r, "agency") : NULL;
	f.error = ui_error_for(errors, nerr, "agency");
	ui_input(&h, &f);
	ui_button(&h, "Add reader", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	html_elem(&h, HE_H2, NULL, "Pairs");
	if (p.npairs == 0) {
		html_elem(&h, HE_P, NULL, "Readers are not paired yet.");
	} else {
		ui_table_begin(&h, "Reading pairs", pcols, 4);
		for (size_t i = 0; i < p.npairs; i++) {
			long count = 0;

			for (size_t k = 0; k < p.nassigns; k++)
				count += p.assigns[k].pair_id == p.pairs[i].id;
			snprintf(num, sizeof(num), "%ld", p.pairs[i].position);
			snprintf(num2, sizeof(num2), "%ld", count);
			ui_row_begin(&h);
			ui_cell(&h, num, true);
			ui_cell(&h, reader_name(&p, p.pairs[i].inspector_id), false);
			ui_cell(&h, reader_name(&p, p.pairs[i].local_id), false);
			ui_cell(&h, num2, false);
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	if (!have_sample) {
		html_elem(&h, HE_P, NULL, "Records can be assigned once the sample is drawn.");
	} else {
		html_elem(&h, HE_P, NULL,
		    "Pairing makes each local reader a pair with an inspector "
		    "(the first time) and spreads every unassigned selected record over the pairs; "
		    "a "
		    "double-read record's second reading goes to another pair.");
		buf_reset(&action);
		buf_printf(&action, "/inspections/%ld/readers/assign", id);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		ui_button(&h, "Pair readers and assign records", UI_BUTTON_SECONDARY);
		ui_form_end(&h);
	}
	if (p.nassigns > 0 && p.npairs > 1) {
		static const struct ui_option rounds[] = { { "1", "First reading" },
			{ "2", "Second reading" } };
		struct ui_option *refs = xcalloc(s.nmembers ? s.nmembers : 1, sizeof(*refs));
		struct ui_option *pairs = xcalloc(p.npairs, sizeof(*pairs));
		char(*pnum)[24] = xcalloc(p.npairs, sizeof(*pnum));
		size_t nrefs = 0;

		for (size_t i = 0; i < s.nmembers; i++)
			if (s.members[i].status == SAMPLE_SELECTED)
				refs[nrefs++] =
				    (struct ui_option){ s.members[i].ref, s.members[i].ref };
		for (size_t i = 0; i < p.npairs; i++) {
			snprintf(pnum[i], sizeof(pnum[i]), "%ld", p.pairs[i].position);
			pairs[i] = (struct ui_option){ pnum[i], pnum[i] };
		}
		html_elem(&h, HE_H2, NULL, "Move a reading to another pair");
		buf_reset(&action);
		buf_printf(&action, "/inspections/%ld/readers/reassign", id);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "ref";
		f.label = "Record";
		f.value = nerr > 0 ? web_form(r, "ref") : NULL;
		f.error = ui_error_for(errors, nerr, "ref");
		ui_select(&h, &f, refs, nrefs);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "round";
		f.label = "Which reading";
		f.value = nerr > 0 ? web_form(r, "round") : "1";
		f.error = ui_error_for(errors, nerr, "round");
		ui_radios(&h, &f, rounds, 2);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "pair";
		f.label = "To pair";
		f.value = nerr > 0 ? web_form(r, "pair") : NULL;
		f.error = ui_error_for(errors, nerr, "pair");
		ui_select(&h, &f, pairs, p.npairs);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "reason";
		f.label = "Reason";
		f.hint = "Kept with the change, e.g. a reader knows the family.";
		f.value = nerr > 0 ? web_form(r, "reason") : NULL;
		f.error = ui_error_for(errors, nerr, "reason");
		ui_input(&h, &f);
		ui_button(&h, "Move the reading", UI_BUTTON_SECONDARY);
		ui_form_end(&h);
		free(refs);
		free(pairs);
		free(pnum);
	}
	if (p.nassigns > 0) {
		html_elem(&h, HE_H2, NULL, "Assignments");
		ui_table_begin(&h, "Which pair reads each record", acols, 3);
		for (size_t i = 0; i < p.nassigns; i++) {
			const char *ref = "";
			const struct reader_pair *pr = reading_plan_pair(&p, p.assigns[i].pair_id);

			for (size_t k = 0; k < s.nmembers; k++)
				if (s.members[k].id == p.assigns[i].member_id)
					ref = s.members[k].ref;
			snprintf(num, sizeof(num), "%ld", pr != NULL ? pr->position : 0L);
			ui_row_begin(&h);
			ui_cell(&h, ref, true);
			ui_cell(&h, p.assigns[i].round == 2 ? "Second" : "First", false);
			ui_cell(&h, num, false);
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
out:
	buf_free(&action);
	if (have_sample)
		sample_free(&s);
	reading_plan_free(&p);
}

void
page_readers(struct web_req *r, struct web_resp *w)
{
	long id;

	if (web_path_id(r, w, &id) && web_allow(r, w, id, ACTION_MANAGE_READERS, NULL))
		readers_page(r, w, id, NULL, 0);
}

void
page_reader_add(struct web_req *r, struct web_resp *w)
{
	const char *name = field(r, "name"), *kind = field(r, "kind");
	struct ui_error errors[3];
	struct cairn_err err = { 0 };
	struct account acc = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80];
	size_t nerr = 0;
	long id, rid = 0;

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_MANAGE_READERS, NULL))
		return;
	if (name == NULL)
		errors[nerr++] = (struct ui_error){ "name", "Enter the reader's username" };
	else if (store_account_get(r->st, name, &acc, &err) != CAIRN_OK)
		errors[nerr++] =
		    (struct ui_error){ "name", "There is no account with that username" };
	account_free(&acc);
	if (kind == NULL || (strcmp(kind, "inspector") != 0 && strcmp(kind, "local") != 0))
		errors[nerr++] = (struct ui_error){ "kind", "Choose the kind of reader" };
	cairn_err_clear(&err);
	if (nerr == 0 &&
	    app_reader_add(r->st, &r->actor, id, name, kind, field(r, "agency"), &rid, &err) !=
	        CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			internal(r, w, "reader add", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] =
		    (struct ui_error){ strstr(msg, "agency") ? "agency" : "name", msg };
	}
	if (nerr > 0) {
		readers_page(r, w, id, errors, nerr);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/readers?done=added", id);
	web_redirect(w, loc);
}

void
page_reader_assign(struct web_req *r, struct web_resp *w)
{
	struct reading_plan p = { 0 };
	struct cairn_err err = { 0 };
	struct ui_error e;
	char msg[CAIRN_ERR_MSG], loc[80];
	long id;

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_MANAGE_READERS, NULL))
		return;
	if (app_reader_assign(r->st, &r->actor, id, &p, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			internal(r, w, "reader assign", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		e = (struct ui_error){ "name", msg };
		readers_page(r, w, id, &e, 1);
		return;
	}
	reading_plan_free(&p);
	snprintf(loc, sizeof(loc), "/inspections/%ld/readers?done=assigned", id);
	web_redirect(w, loc);
}

void
page_reader_reassign(struct web_req *r, struct web_resp *w)
{
	const char *ref = field(r, "ref"), *round = field(r, "round"), *pair = field(r, "pair");
	const char *reason = field(r, "reason");
	struct ui_error errors[4];
	struct cairn_err err = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80];
	size_t nerr = 0;
	long id, rnd = 0, pr = 0;

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_MANAGE_READERS, NULL))
		return;
	if (ref == NULL)
		errors[nerr++] = (struct ui_error){ "ref", "Choose the record" };
	if (round == NULL || !text_parse_long(round, 1, 2, &rnd))
		errors[nerr++] =
		    (struct ui_error){ "round", "Choose the first or the second reading" };
	if (pair == NULL || !text_parse_long(pair, 1, 100000, &pr))
		errors[nerr++] = (struct ui_error){ "pair", "Choose a pair" };
	if (reason == NULL)
		errors[nerr++] =
		    (struct ui_error){ "reason", "Give the reason for moving the reading" };
	if (nerr == 0 &&
	    app_reader_reassign(r->st, &r->actor, id, ref, (int)rnd, pr, reason, &err) !=
	        CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			internal(r, w, "reader reassign", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ strstr(msg, "pair") ? "pair"
			    : strstr(msg, "round")                      ? "round"
			                                                : "ref",
			msg };
	}
	if (nerr > 0) {
		readers_page(r, w, id, errors, nerr);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/readers?done=moved", id);
	web_redirect(w, loc);
}

/* ---- paired-reading comparison and resolution ---- */

/* Returns the agreed answer of (member, item, agency) in x, or NULL. */
static const struct resolution *
resolution_of(const struct reading_ctx *x, long member, const char *item, const char *agency)
{
	for (size_t i = 0; i < x->nresolutions; i++)
		if (x->resolutions[i].member_id == member &&
		    strcmp(x->resolutions[i].item, item) == 0 &&
		    strcmp(x->resolutions[i].agency, agency) == 0)
			return &x->resolutions[i];
	return NULL;
}

/* Counts the items where the two readings r[0], r[1] of m differ, and
 * how many of those are resolved. */
static void
count_differences(const struct reading_ctx *x, const struct sample_member *m,
    const struct reading *const rd[2], size_t *ndiff, size_t *nres)
{
	*ndiff = *nres = 0;
	for (size_t k = 0; k < x->tpl.nitems; k++) {
		const struct template_item *it = &x->tpl.items[k];
		size_t nag = it->per_agency ? x->tpl.nagencies : 1;

		for (size_t g = 0; g < nag; g++) {
			const char *ag = it->per_agency ? x->tpl.agencies[g].code : "";
			const char *a = reading_ctx_answer(x, rd[0]->id, it->code, ag);
			const char *b = reading_ctx_answer(x, rd[1]->id, it->code, ag);

			if ((a == NULL && b == NULL) ||
			    (a != NULL && b != NULL && strcmp(a, b) == 0))
				continue;
			(*ndiff)++;
			*nres += resolution_of(x, m->id, it->code, ag) != NULL;
		}
	}
}

/* Loads the reading context; false (page written) when there is none. */
static bool
load_ctx(struct web_req *r, struct web_resp *w, long id, struct reading_ctx *x)
{
	struct cairn_err err = { 0 };

	if (app_reading_ctx(r->st, id, x, &err) == CAIRN_OK)
		return true;
	if (err.rc == CAIRN_EDATA)
		web_error_page(r, w, 404, "No records reading yet",
		    "This inspection has no sample "
		    "or no reading template yet.");
	else
		internal(r, w, "reading", &err);
	return false;
}

void
page_compare_list(struct web_req *r, struct web_resp *w)
{
	static const char *const cols[] = { "Record", "Readings", "Differences", "Resolved",
		"Action" };
	struct reading_ctx x;
	struct cairn_err err = { 0 };
	struct frame fr;
	struct html h;
	size_t shown = 0;
	long id;

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_VIEW_CHILD_RECORDS, NULL))
		return;
	if (app_reading_ctx(r->st, id, &x, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA) {
			internal(r, w, "reading", &err);
			return;
		}
		frame_begin(r, w, &h, &fr, id, "Paired readings", false);
		html_elem(&h, HE_P, NULL,
		    "There is nothing to compare yet: no sample has been drawn.");
		para_link(&h, fr.back, "Back to the inspection");
		ui_page_end(&h);
		return;
	}
	if (!web_view_audited(r, w, id, "reading.compare.view", NULL))
		goto out;
	frame_begin(r, w, &h, &fr, id, "Paired readings", true);
	html_elem(&h, HE_P, NULL,
	    "Records read twice, with the items where the two submitted "
	    "readings differ. Open a record to compare the readings side by side and record the "
	    "agreed answers.");
	for (size_t i = 0; i < x.sample.nmembers; i++) {
		const struct sample_member *m = &x.sample.members[i];
		const struct reading *rd[2];
		size_t ndiff = 0, nres = 0;
		char a[32], b[32];
		struct buf href = BUF_INIT;

		if (m->status != SAMPLE_SELECTED || !m->double_read)
			continue;
		reading_ctx_pair(&x, m->id, rd);
		if (shown++ == 0)
			ui_table_begin(&h, "Double-read records", cols, 5);
		if (rd[1] != NULL)
			count_differences(&x, m, rd, &ndiff, &nres);
		snprintf(a, sizeof(a), "%zu", ndiff);
		snprintf(b, sizeof(b), "%zu", nres);
		ui_row_begin(&h);
		ui_cell(&h, m->ref, true);
		ui_cell(&h,
		    rd[1] != NULL       ? "Both submitted"
		        : rd[0] != NULL ? "One submitted"
		                        : "None submitted",
		    false);
		ui_cell(&h, rd[1] != NULL ? a : "", false);
		ui_cell(&h, rd[1] != NULL ? b : "", false);
		html_open(&h, HE_TD, HA__MAX);
		if (rd[1] != NULL) {
			char label[200];

			buf_printf(&href, "/inspections/%ld/compare/", id);
			web_put_segment(&href, m->ref);
			snprintf(label, sizeof(label), "Compare %s", m->ref);
			ui_link(&h, buf_str(&href), label);
		}
		html_close(&h);
		ui_row_end(&h);
		buf_free(&href);
	}
	if (shown > 0)
		ui_table_end(&h);
	else
		html_elem(&h, HE_P, NULL, "No record of the sample is marked to be read twice.");
	para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
out:
	reading_ctx_free(&x);
}

/* Writes the side-by-side page of member m; err_item/err_agency name the
 * item whose resolution form has errors. */
static void
compare_page(struct web_req *r, struct web_resp *w, const struct reading_ctx *x,
    const struct sample_member *m, const char *err_item, const char *err_agency,
    const struct ui_error *errors, size_t nerr)
{
	static const char *const cols[] = { "Question", "First reading", "Second reading",
		"Agreed answer" };
	const struct reading *rd[2];
	struct buf title = BUF_INIT, action = BUF_INIT, c1 = BUF_INIT, c2 = BUF_INIT;
	struct frame fr;
	struct html h;
	size_t ndiff = 0, nres = 0;

	reading_ctx_pair(x, m->id, rd);
	buf_printf(&title, "Paired readings of record %s", m->ref);
	frame_begin(r, w, &h, &fr, x->insp, buf_str(&title), true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (web_query(r, "resolved") != NULL && nerr == 0)
		ui_notification(&h, "Agreed answer recorded.");
	count_differences(x, m, rd, &ndiff, &nres);
	{
		char line[160];

		snprintf(line, sizeof(line), "%zu difference%s between the readings, %zu resolved.",
		    ndiff, ndiff == 1 ? "" : "s", nres);
		html_elem(&h, HE_P, NULL, line);
	}
	buf_printf(&c1, "First reading (%s)", reading_ctx_reader(x, rd[0]));
	buf_printf(&c2, "Second reading (%s)", reading_ctx_reader(x, rd[1]));
	{
		const char *hc[4] = { cols[0], buf_str(&c1), buf_str(&c2), cols[3] };

		ui_table_begin(&h, "The two readings side by side", hc, 4);
	}
	for (size_t k = 0; k < x->tpl.nitems; k++) {
		const struct template_item *it = &x->tpl.items[k];
		size_t nag = it->per_agency ? x->tpl.nagencies : 1;

		for (size_t g = 0; g < nag; g++) {
			const char *ag = it->per_agency ? x->tpl.agencies[g].code : "";
			const char *a = reading_ctx_answer(x, rd[0]->id, it->code, ag);
			const char *b = reading_ctx_answer(x, rd[1]->id, it->code, ag);
			const struct resolution *res = resolution_of(x, m->id, it->code, ag);
			bool differ = !((a == NULL && b == NULL) ||
			    (a != NULL && b != NULL && strcmp(a, b) == 0));
			struct buf q = BUF_INIT;

			if (a == NULL && b == NULL)
				continue;
			buf_printf(&q, "%s%s%s%s", it->text, it->per_agency ? " (" : "",
			    it->per_agency ? x->tpl.agencies[g].name : "",
			    it->per_agency ? ")" : "");
			ui_row_begin(&h);
			ui_cell(&h, buf_str(&q), true);
			ui_cell(&h, a != NULL ? a : "Not answered", false);
			ui_cell(&h, b != NULL ? b : "Not answered", false);
			html_open(&h, HE_TD, HA__MAX);
			if (!differ)
				html_text(&h, "Same");
			else if (res != NULL)
				ui_tag(&h, res->answer, "green");
			else
				ui_tag(&h, "Differs", "orange");
			html_close(&h);
			ui_row_end(&h);
			buf_free(&q);
		}
	}
	ui_table_end(&h);
	/* One resolution form per differing item, so each works without script. */
	for (size_t k = 0; k < x->tpl.nitems; k++) {
		const struct template_item *it = &x->tpl.items[k];
		size_t nag = it->per_agency ? x->tpl.nagencies : 1;

		for (size_t g = 0; g < nag; g++) {
			const char *ag = it->per_agency ? x->tpl.agencies[g].code : "";
			const char *a = reading_ctx_answer(x, rd[0]->id, it->code, ag);
			const char *b = reading_ctx_answer(x, rd[1]->id, it->code, ag);
			const struct resolution *res = resolution_of(x, m->id, it->code, ag);
			bool mine = err_item != NULL && strcmp(err_item, it->code) == 0 &&
			    strcmp(err_agency, ag) == 0;
			struct ui_option opts[32];
			char lab[32][160], val[32][16], aid[200], nid[200];
			struct ui_field f = { 0 };
			struct buf legend = BUF_INIT;
			size_t nopt;

			if ((a == NULL && b == NULL) ||
			    (a != NULL && b != NULL && strcmp(a, b) == 0))
				continue;
			snprintf(aid, sizeof(aid), "answer-%s%s%s", it->code, ag[0] ? "-" : "", ag);
			snprintf(nid, sizeof(nid), "note-%s%s%s", it->code, ag[0] ? "-" : "", ag);
			buf_printf(&legend, "Agreed answer: %s%s%s%s", it->text, ag[0] ? " (" : "",
			    ag[0] ? x->tpl.agencies[g].name : "", ag[0] ? ")" : "");
			html_elem(&h, HE_H2, NULL, buf_str(&legend));
			buf_reset(&action);
			buf_printf(&action, "/inspections/%ld/compare/", x->insp);
			web_put_segment(&action, m->ref);
			ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
			ui_hidden(&h, "item", it->code);
			ui_hidden(&h, "agency", ag);
			f.id = aid;
			f.name = "answer";
			f.label = "The answer both readers agree on";
			f.value = mine ? web_form(r, "answer") : res != NULL ? res->answer : NULL;
			f.error = mine ? ui_error_for(errors, nerr, aid) : NULL;
			nopt = web_item_options(it, &x->fw.scale, opts, lab, val, 32);
			if (nopt > 0)
				ui_radios(&h, &f, opts, nopt);
			else
				ui_textarea(&h, &f, 3);
			memset(&f, 0, sizeof(f));
			f.id = nid;
			f.name = "note";
			f.label = "How it was agreed";
			f.hint = "Kept with the agreed answer, e.g. what the readers found on "
			         "discussing it.";
			f.value = mine ? web_form(r, "note") : res != NULL ? res->note : NULL;
			f.error = mine ? ui_error_for(errors, nerr, nid) : NULL;
			ui_textarea(&h, &f, 2);
			ui_button(&h,
			    res != NULL ? "Change the agreed answer" : "Record the agreed answer",
			    UI_BUTTON_SECONDARY);
			ui_form_end(&h);
			buf_free(&legend);
		}
	}
	buf_reset(&action);
	buf_printf(&action, "/inspections/%ld/compare", x->insp);
	para_link(&h, buf_str(&action), "Back to paired readings");
	ui_page_end(&h);
	buf_free(&title);
	buf_free(&action);
	buf_free(&c1);
	buf_free(&c2);
}

/* Loads the context and the selected record {ref}; false (page
 * written) otherwise.  *ready tells whether it is double-read with two
 * submitted readings. */
static bool
compare_target(struct web_req *r, struct web_resp *w, long *id, struct reading_ctx *x,
    const struct sample_member **m, bool *ready)
{
	const struct reading *rd[2] = { NULL, NULL };

	if (!web_path_id(r, w, id) || !web_allow(r, w, *id, ACTION_VIEW_CHILD_RECORDS, NULL))
		return false;
	if (!load_ctx(r, w, *id, x))
		return false;
	*m = r->nargs > 1 ? sample_find(&x->sample, r->args[1]) : NULL;
	if (*m == NULL || (*m)->status != SAMPLE_SELECTED) {
		reading_ctx_free(x);
		web_error_page(r, w, 404, "Page not found",
		    "There is no selected record of the "
		    "sample at this address.");
		return false;
	}
	reading_ctx_pair(x, (*m)->id, rd);
	*ready = (*m)->double_read && rd[1] != NULL;
	return true;
}

void
page_compare(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	const struct sample_member *m;
	struct frame fr;
	struct html h;
	bool ready;
	long id;

	if (!compare_target(r, w, &id, &x, &m, &ready))
		return;
	if (!web_view_audited(r, w, id, "reading.compare.view", m->ref))
		goto out;
	if (ready) {
		compare_page(r, w, &x, m, NULL, NULL, NULL, 0);
		goto out;
	}
	frame_begin(r, w, &h, &fr, id, "Paired readings", false);
	html_elem(&h, HE_P, NULL,
	    m->double_read ? "This record does not have two submitted "
	                     "readings yet."
	                   : "This record is not read twice, so there is nothing to compare.");
	para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
out:
	reading_ctx_free(&x);
}

void
page_resolve(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	const struct sample_member *m;
	const char *item = web_form(r, "item"), *agency = web_form(r, "agency");
	const char *answer = field(r, "answer"), *note = field(r, "note");
	const struct template_item *it;
	struct ui_error errors[2];
	struct cairn_err err = { 0 };
	char aid[200], nid[200], msg[CAIRN_ERR_MSG];
	struct buf loc = BUF_INIT;
	size_t nerr = 0;
	bool ready;
	long id;

	if (!compare_target(r, w, &id, &x, &m, &ready))
		return;
	if (!ready) {
		web_error_page(r, w, 400, "Nothing was recorded",
		    "Only differences between two "
		    "submitted readings of a double-read record are resolved.");
		goto out;
	}
	if (agency == NULL)
		agency = "";
	if (item == NULL || (it = template_item(&x.tpl, item)) == NULL ||
	    (agency[0] != '\0' && template_agency(&x.tpl, agency) == NULL)) {
		web_error_page(r, w, 400, "Nothing was recorded",
		    "The form named no question of "
		    "this inspection's reading template. Go back and use the form on the page.");
		goto out;
	}
	snprintf(aid, sizeof(aid), "answer-%s%s%s", item, agency[0] ? "-" : "", agency);
	snprintf(nid, sizeof(nid), "note-%s%s%s", item, agency[0] ? "-" : "", agency);
	if (answer == NULL)
		errors[nerr++] = (struct ui_error){ aid, "Choose the agreed answer" };
	if (note == NULL)
		errors[nerr++] = (struct ui_error){ nid, "Say how the answer was agreed" };
	if (nerr == 0 &&
	    app_reading_resolve(r->st, &r->actor, id, m->ref, item, agency[0] ? agency : NULL,
	        answer, note, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			internal(r, w, "resolve", &err);
			goto out;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ strstr(msg, "note") ? nid : aid, msg };
	}
	if (nerr > 0) {
		compare_page(r, w, &x, m, item, agency, errors, nerr);
		goto out;
	}
	buf_printf(&loc, "/inspections/%ld/compare/", id);
	web_put_segment(&loc, m->ref);
	buf_puts(&loc, "?resolved=1");
	web_redirect(w, buf_str(&loc));
out:
	buf_free(&loc);
	reading_ctx_free(&x);
}

/* ---- matters of concern ---- */

/* Writes the concerns page with the raise form's errors. */
static void
concerns_page(struct web_req *r, struct web_resp *w, long id, const struct ui_error *errors,
    size_t nerr)
{
	static const char *const cols[] = { "Number", "Record", "Raised", "By", "Concern",
		"Status" };
	struct concern *v = NULL;
	struct sample s = { 0 };
	struct ui_option *opts = NULL;
	struct cairn_err err = { 0 };
	struct buf action = BUF_INIT;
	struct frame fr;
	struct ui_field f;
	struct html h;
	const char *done = web_query(r, "done");
	const char *close_id = web_form(r, "concern");
	size_t n = 0, nopt = 0;
	bool have_sample;

	if (store_concern_list(r->st, id, &v, &n, &err) != CAIRN_OK) {
		internal(r, w, "concerns", &err);
		return;
	}
	have_sample = app_sample_load(r->st, id, &s, &err) == CAIRN_OK;
	if (!web_view_audited(r, w, id, "concern.view", "web"))
		goto out;
	frame_begin(r, w, &h, &fr, id, "Matters of concern", true);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	if (done != NULL && nerr == 0)
		ui_notification(&h,
		    strcmp(done, "closed") == 0 ? "Concern marked as followed up."
		                                : "Concern raised.");
	html_elem(&h, HE_P, NULL,
	    "A matter of concern is something about a child's safety or "
	    "wellbeing found while reading their records. It stays open until the lead has "
	    "followed it up with the partnership.");
	if (n == 0) {
		html_elem(&h, HE_P, NULL, "No matters of concern have been raised.");
	} else {
		ui_table_begin(&h, "Matters of concern", cols, 6);
		for (size_t i = 0; i < n; i++) {
			char num[32];

			snprintf(num, sizeof(num), "%ld", v[i].id);
			ui_row_begin(&h);
			ui_cell(&h, num, true);
			ui_cell(&h, v[i].ref, false);
			ui_cell(&h, v[i].raised_at, false);
			ui_cell(&h, v[i].raised_by, false);
			ui_cell(&h, v[i].text, false);
			html_open(&h, HE_TD, HA__MAX);
			if (v[i].closed_by != NULL) {
				ui_tag(&h, "Followed up", "green");
				html_open(&h, HE_P, HA__MAX);
				html_textf(&h, "%s, %s: %s", v[i].closed_by, v[i].closed_at,
				    v[i].close_note != NULL ? v[i].close_note : "");
				html_close(&h);
			} else {
				char nid[48], lab[80];
				long posted = 0;
				bool mine = close_id != NULL &&
				    text_parse_long(close_id, 1, 2000000000L, &posted) &&
				    posted == v[i].id;

				ui_tag(&h, "Open", "orange");
				snprintf(nid, sizeof(nid), "close-note-%ld", v[i].id);
				snprintf(lab, sizeof(lab), "What was done about concern %ld",
				    v[i].id);
				buf_reset(&action);
				buf_printf(&action, "/inspections/%ld/concerns/%ld/close", id,
				    v[i].id);
				ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
				ui_hidden(&h, "concern", num);
				memset(&f, 0, sizeof(f));
				f.id = nid;
				f.name = "note";
				f.label = lab;
				f.value = mine ? web_form(r, "note") : NULL;
				f.error = mine ? ui_error_for(errors, nerr, nid) : NULL;
				ui_textarea(&h, &f, 2);
				ui_button(&h, "Mark followed up", UI_BUTTON_SMALL);
				ui_form_end(&h);
			}
			html_close(&h);
			ui_row_end(&h);
		}
		ui_table_end(&h);
	}
	if (have_sample) {
		opts = xcalloc(s.nmembers ? s.nmembers : 1, sizeof(*opts));
		for (size_t i = 0; i < s.nmembers; i++)
			if (s.members[i].status == SAMPLE_SELECTED)
				opts[nopt++] =
				    (struct ui_option){ s.members[i].ref, s.members[i].ref };
		html_elem(&h, HE_H2, NULL, "Raise a matter of concern");
		buf_reset(&action);
		buf_printf(&action, "/inspections/%ld/concerns", id);
		ui_form_begin(&h, buf_str(&action), r->sess.csrf, false);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "ref";
		f.label = "Record";
		f.value = close_id == NULL ? web_form(r, "ref") : NULL;
		f.error = ui_error_for(errors, nerr, "ref");
		ui_select(&h, &f, opts, nopt);
		memset(&f, 0, sizeof(f));
		f.id = f.name = "text";
		f.label = "The concern";
		f.value = close_id == NULL ? web_form(r, "text") : NULL;
		f.error = ui_error_for(errors, nerr, "text");
		ui_textarea(&h, &f, 4);
		ui_button(&h, "Raise concern", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
	}
	para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
out:
	buf_free(&action);
	free(opts);
	if (have_sample)
		sample_free(&s);
	concerns_free(v, n);
}

void
page_concerns(struct web_req *r, struct web_resp *w)
{
	long id;

	if (web_path_id(r, w, &id) && web_allow(r, w, id, ACTION_VIEW_CHILD_RECORDS, NULL))
		concerns_page(r, w, id, NULL, 0);
}

void
page_concern_raise(struct web_req *r, struct web_resp *w)
{
	const char *ref = field(r, "ref"), *text = field(r, "text");
	struct ui_error errors[2];
	struct cairn_err err = { 0 };
	char msg[CAIRN_ERR_MSG], loc[80];
	size_t nerr = 0;
	long id, cid = 0;

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_VIEW_CHILD_RECORDS, NULL))
		return;
	if (ref == NULL)
		errors[nerr++] = (struct ui_error){ "ref", "Choose the record" };
	if (text == NULL)
		errors[nerr++] = (struct ui_error){ "text", "Describe the concern" };
	if (nerr == 0 &&
	    app_concern_raise(r->st, &r->actor, id, ref, NULL, text, &cid, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			internal(r, w, "concern raise", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		errors[nerr++] = (struct ui_error){ strstr(msg, "sample") ? "ref" : "text", msg };
	}
	if (nerr > 0) {
		concerns_page(r, w, id, errors, nerr);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/concerns?done=raised", id);
	web_redirect(w, loc);
}

void
page_concern_close(struct web_req *r, struct web_resp *w)
{
	const char *note = field(r, "note");
	struct ui_error e;
	struct cairn_err err = { 0 };
	char nid[48], msg[CAIRN_ERR_MSG], loc[80];
	long id, cid;

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_VIEW_CHILD_RECORDS, NULL))
		return;
	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 2000000000L, &cid)) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	snprintf(nid, sizeof(nid), "close-note-%ld", cid);
	if (note == NULL) {
		e = (struct ui_error){ nid, "Say what was done to follow the concern up" };
		concerns_page(r, w, id, &e, 1);
		return;
	}
	if (app_concern_close(r->st, &r->actor, id, cid, note, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE) {
			internal(r, w, "concern close", &err);
			return;
		}
		text_copy(msg, sizeof(msg), err.msg);
		e = (struct ui_error){ nid, msg };
		concerns_page(r, w, id, &e, 1);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld/concerns?done=closed", id);
	web_redirect(w, loc);
}

/* ---- a concern raised from a reading ---- */

void
page_reading_concern(struct web_req *r, struct web_resp *w)
{
	const char *text = field(r, "text");
	struct reading_ctx x;
	const struct reader *me;
	const struct sample_member *m;
	struct cairn_err err = { 0 };
	struct buf loc = BUF_INIT;
	long id, cid = 0;

	if (!web_path_id(r, w, &id) || !web_allow(r, w, id, ACTION_READ_ASSIGNED_RECORDS, NULL))
		return;
	if (!load_ctx(r, w, id, &x))
		return;
	me = reading_plan_reader_named(&x.plan, r->sess.who.username);
	m = r->nargs > 1 ? sample_find(&x.sample, r->args[1]) : NULL;
	if (me == NULL || m == NULL || m->status != SAMPLE_SELECTED ||
	    !reading_plan_assigned(&x.plan, m->id, me->id)) {
		web_error_page(r, w, 404, "Page not found",
		    "There is no record to read at this "
		    "address.");
		goto out;
	}
	buf_printf(&loc, "/inspections/%ld/reading/", id);
	web_put_segment(&loc, m->ref);
	if (text == NULL) {
		struct ui_error e = { "concern-text", "Describe the concern" };
		struct ui_field f = { 0 };
		struct frame fr;
		struct html h;

		buf_puts(&loc, "/concern");
		frame_begin(r, w, &h, &fr, id, "Raise a matter of concern", false);
		w->status = 400;
		ui_error_summary(&h, &e, 1);
		ui_form_begin(&h, buf_str(&loc), r->sess.csrf, false);
		f.id = "concern-text";
		f.name = "text";
		f.label = "The concern";
		f.error = e.message;
		ui_textarea(&h, &f, 3);
		ui_button(&h, "Raise concern", UI_BUTTON_PRIMARY);
		ui_form_end(&h);
		ui_page_end(&h);
		goto out;
	}
	if (app_concern_raise(r->st, &r->actor, id, m->ref, me->name, text, &cid, &err) !=
	    CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EUSAGE)
			internal(r, w, "concern raise", &err);
		else
			web_error_page(r, w, 400, "The concern was not raised", err.msg);
		goto out;
	}
	buf_puts(&loc, "?concern=1");
	web_redirect(w, buf_str(&loc));
out:
	buf_free(&loc);
	reading_ctx_free(&x);
}
