/* The notification and the co-ordinators: see notification.h. */
#include "app/partnership/notification.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
#include "app/access/authz.h"
#include "app/partnership/packfile.h"
#include "app/partnership/position.h"
#include "app/partnership/preret.h"
#include "app/setup/jsonfield.h"
#include "core/date.h"
#include "core/identify.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "core/work.h"
#include "render/doc.h"
#include "render/docfmt.h"
#include "render/pdf.h"
#include "store/partnership.h"
#include "store/store.h"
#include "store/work.h"

const char *const notification_ext[NOTE__MAX] = {
	[NOTE_MD] = "md",
	[NOTE_HTML] = "html",
	[NOTE_PDF] = "pdf",
};
_Static_assert(sizeof(notification_ext) / sizeof(notification_ext[0]) == NOTE__MAX,
    "one extension per format");
const char *const notification_media[NOTE__MAX] = {
	[NOTE_MD] = "text/markdown; charset=utf-8",
	[NOTE_HTML] = "text/html; charset=utf-8",
	[NOTE_PDF] = "application/pdf",
};
_Static_assert(sizeof(notification_media) / sizeof(notification_media[0]) == NOTE__MAX,
    "one media type per format");

/* The placeholders a template may use, in the order of struct letter_values. */
enum placeholder {
	PH_PARTNERSHIP = 0,
	PH_AREA,
	PH_COUNCIL,
	PH_HEALTH_BOARD,
	PH_AGENCIES,
	PH_LEAD,
	PH_WEEKS,
	PH_RETURN_DUE,
	PH_STATEMENT_DUE,
	PH_FIELDWORK,
	PH_DATE,
	PH__MAX
};
static const char *const placeholder_name[PH__MAX] = {
	[PH_PARTNERSHIP] = "partnership",
	[PH_AREA] = "area",
	[PH_COUNCIL] = "council",
	[PH_HEALTH_BOARD] = "health_board",
	[PH_AGENCIES] = "agencies",
	[PH_LEAD] = "lead",
	[PH_WEEKS] = "weeks",
	[PH_RETURN_DUE] = "return_due",
	[PH_STATEMENT_DUE] = "statement_due",
	[PH_FIELDWORK] = "fieldwork",
	[PH_DATE] = "date",
};
_Static_assert(sizeof(placeholder_name) / sizeof(placeholder_name[0]) == PH__MAX,
    "one name per placeholder");

/* A parsed template. */
struct letter_template {
	char *title;
	char *inspectorates; /* who inspects, as the letter names them; NULL: the pack's partners */
	char **recipients;
	size_t nrecipients;
	char **paragraphs;
	size_t nparagraphs;
};

/* Frees a template's contents. */
static void
template_free(struct letter_template *t)
{
	for (size_t i = 0; i < t->nrecipients; i++)
		free(t->recipients[i]);
	for (size_t i = 0; i < t->nparagraphs; i++)
		free(t->paragraphs[i]);
	free(t->recipients);
	free(t->paragraphs);
	free(t->title);
	free(t->inspectorates);
	memset(t, 0, sizeof(*t));
}

/* Checks every {placeholder} of s is known; name and path for errors. */
static int
check_placeholders(const char *s, const char *name, const char *path, struct cairn_err *err)
{
	for (const char *p = strchr(s, '{'); p != NULL; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		bool known = false;

		for (int k = 0; end != NULL && k < PH__MAX; k++)
			known = known ||
			    ((size_t)(end - p - 1) == strlen(placeholder_name[k]) &&
			        strncmp(p + 1, placeholder_name[k], strlen(placeholder_name[k])) ==
			            0);
		if (!known)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field %s: unknown placeholder at '%.30s'; known: {partnership}, "
			    "{area}, {council}, {health_board}, {agencies}, {lead}, {weeks}, "
			    "{return_due}, {statement_due}, {fieldwork}, {date}",
			    name, path, p);
	}
	return CAIRN_OK;
}

/* Reads the array of text at key into *out. */
static int
text_array(json_t *root, const char *key, const char *name, char ***out, size_t *n,
    struct cairn_err *err)
{
	json_t *a = json_object_get(root, key), *v;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > 40)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field %s: must be an array of 1 to 40 texts", name, key);
	*out = xcalloc(json_array_size(a), sizeof(**out));
	json_array_foreach(a, i, v)
	{
		char path[40];

		snprintf(path, sizeof(path), "%s[%zu]", key, i);
		if (jsonfield_text(v, 4000, name, "", path, &(*out)[i], err))
			return CAIRN_EDATA;
		(*n)++;
		if (check_placeholders((*out)[i], name, path, err))
			return CAIRN_EDATA;
	}
	return CAIRN_OK;
}

/* Parses a notification.json. */
static int
template_parse(const char *text, size_t len, const char *name, struct letter_template *t,
    struct cairn_err *err)
{
	static const char *const keys[] = { "title", "source", "inspectorates", "recipients",
		"paragraphs", NULL };
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	char *source = NULL;
	int rc = CAIRN_EDATA;

	memset(t, 0, sizeof(*t));
	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: line %d column %d: %s", name, jerr.line,
		    jerr.column, jerr.text);
	if (!json_is_object(root)) {
		cairn_errf(err, CAIRN_EDATA, "%s: must be a JSON object", name);
		goto out;
	}
	if (jsonfield_only(root, keys, name, "", err) ||
	    jsonfield_str(root, "title", true, 400, name, "", &t->title, err) ||
	    jsonfield_str(root, "source", false, 4000, name, "", &source, err) ||
	    jsonfield_str(root, "inspectorates", false, 1000, name, "", &t->inspectorates, err) ||
	    check_placeholders(t->title, name, "title", err) ||
	    text_array(root, "recipients", name, &t->recipients, &t->nrecipients, err) ||
	    text_array(root, "paragraphs", name, &t->paragraphs, &t->nparagraphs, err))
		goto out;
	rc = CAIRN_OK;
out:
	free(source);
	json_decref(root);
	if (rc != CAIRN_OK)
		template_free(t);
	return rc;
}

int
notification_template_check(const char *text, size_t len, const char *name, struct cairn_err *err)
{
	struct letter_template t;
	int rc = template_parse(text, len, name, &t, err);

	if (rc == CAIRN_OK)
		template_free(&t);
	return rc;
}

/* Appends s to b with each placeholder replaced by its value. */
static void
fill(struct buf *b, const char *s, char *const vals[PH__MAX])
{
	while (*s != '\0') {
		const char *end;
		int k = -1;

		if (*s == '{' && (end = strchr(s, '}')) != NULL) {
			for (int i = 0; i < PH__MAX; i++)
				if ((size_t)(end - s - 1) == strlen(placeholder_name[i]) &&
				    strncmp(s + 1, placeholder_name[i],
				        strlen(placeholder_name[i])) == 0)
					k = i;
			if (k >= 0) {
				buf_puts(b, vals[k]);
				s = end + 1;
				continue;
			}
		}
		buf_putc(b, *s++);
	}
}

/* Returns a long date ("7 December 2026") of iso, or fallback. */
static char *
long_date(const char *iso, const char *fallback)
{
	struct cdate d;
	char out[40];

	if (iso == NULL || !date_parse(iso, &d))
		return xstrdup(fallback);
	date_long(&d, out, sizeof(out));
	return xstrdup(out);
}

/* Returns v[0..n) joined as "A, B and C" (malloc'd). */
static char *
join_and(char *const *v, size_t n)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", v[i]);
	return buf_take(&b);
}

/* Sets *out to the pack's partners joined (malloc'd), or the fallback. */
static void
pack_partners(struct store *st, const char *fw, char **out)
{
	struct cairn_err err = { 0 };
	char *text = NULL, **names = NULL;
	size_t len = 0, n = 0, i;
	json_t *root, *a, *v;

	*out = NULL;
	if (partnership_pack_text(st, fw, "pack.json", &text, &len, &err) == CAIRN_OK &&
	    (root = json_loadb(text, len, 0, NULL)) != NULL) {
		a = json_object_get(root, "partners");
		if (json_is_array(a) && json_array_size(a) > 0) {
			names = xcalloc(json_array_size(a), sizeof(*names));
			json_array_foreach(a, i, v)
			{
				if (!json_is_string(v))
					continue;
				/* "Name (note)": the name only. */
				names[n] = xstrdup(json_string_value(v));
				names[n][strcspn(names[n], "(")] = '\0';
				text_trim(names[n]);
				n++;
			}
			if (n > 0)
				*out = join_and(names, n);
			for (size_t k = 0; k < n; k++)
				free(names[k]);
			free(names);
		}
		json_decref(root);
	}
	free(text);
	if (*out == NULL)
		*out = xstrdup("the partner inspectorates");
}

/* Checks a name given for a body or a person. */
static int
check_name(const char *field, const char *what, const char *s, struct cairn_err *err)
{
	if (s == NULL || s[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, field,
		    "%s is required", what);
	return text_check(field, what, s, PARTNERSHIP_NAME_MAX, err);
}

/* Finds the lead's name on inspection id's team (malloc'd in *lead). */
static int
team_lead(struct store *st, long id, char **lead, struct cairn_err *err)
{
	struct team_member *v = NULL;
	size_t n = 0;
	int rc;

	*lead = NULL;
	if ((rc = store_team_list(st, id, &v, &n, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < n && *lead == NULL; i++)
		if (strcmp(v[i].role, "lead") == 0)
			*lead = xstrdup(v[i].person);
	team_members_free(v, n);
	if (*lead == NULL)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "lead",
		    "inspection %ld has no inspection lead on its team; the letter names the lead, "
		    "so appoint one first",
		    id);
	return CAIRN_OK;
}

int
app_notification_generate(struct store *st, const struct actor *who, long id,
    const struct notification_req *req, long *number, struct cairn_err *err)
{
	struct inspection in;
	struct letter_template t;
	struct preret_layout rl;
	struct position_layout pl;
	struct notification n;
	struct cdate d;
	struct buf b = BUF_INIT;
	char *vals[PH__MAX] = { 0 }, *text = NULL, name[120], due[11], area[PARTNERSHIP_AREA_MAX];
	unsigned char digest[crypto_hash_sha256_BYTES];
	size_t len = 0;
	int rc;

	*number = 0;
	memset(&t, 0, sizeof(t));
	memset(&n, 0, sizeof(n));
	memset(&rl, 0, sizeof(rl));
	memset(&pl, 0, sizeof(pl));
	if ((rc = authz_check(st, who, id, ACTION_NOTIFY, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = check_name("council", "the council's name", req->council, err)) != CAIRN_OK ||
	    (rc = check_name("health-board", "the NHS board's name", req->health_board, err)) !=
	        CAIRN_OK)
		return rc;
	if (req->date != NULL && req->date[0] != '\0') {
		if (!date_parse(req->date, &d))
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "date",
			    "the date '%s' is not a date; use YYYY-MM-DD", req->date);
	} else {
		date_today(&d);
	}
	date_iso(&d, n.dated);
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	snprintf(name, sizeof(name), "pack %s: notification.json", in.framework_code);
	if ((rc = partnership_pack_text(st, in.framework_code, "notification.json", &text, &len,
	         err)) != CAIRN_OK ||
	    (rc = template_parse(text, len, name, &t, err)) != CAIRN_OK)
		goto out;
	free(text);
	text = NULL;
	if ((rc = partnership_pack_text(st, in.framework_code, "return.json", &text, &len, err)) !=
	        CAIRN_OK ||
	    (rc = preret_layout_parse(text, len, "return.json", &rl, err)) != CAIRN_OK)
		goto out;
	free(text);
	text = NULL;
	if ((rc = partnership_pack_text(st, in.framework_code, "position.json", &text, &len,
	         err)) != CAIRN_OK ||
	    (rc = position_layout_parse(text, len, "position.json", &pl, err)) != CAIRN_OK)
		goto out;
	if ((rc = team_lead(st, id, &vals[PH_LEAD], err)) != CAIRN_OK)
		goto out;
	vals[PH_PARTNERSHIP] = xstrdup(in.partnership);
	vals[PH_AREA] = xstrdup(partnership_area(in.partnership, area, sizeof(area)));
	vals[PH_COUNCIL] = xstrdup(req->council);
	vals[PH_HEALTH_BOARD] = xstrdup(req->health_board);
	if (in.nagencies > 0)
		vals[PH_AGENCIES] = join_and(in.agencies, in.nagencies);
	else if (t.inspectorates != NULL)
		vals[PH_AGENCIES] = xstrdup(t.inspectorates);
	else
		pack_partners(st, in.framework_code, &vals[PH_AGENCIES]);
	partnership_due(st, id, rl.due_stage, due);
	vals[PH_RETURN_DUE] = long_date(due, "a date we will confirm");
	partnership_due(st, id, pl.due_stage, due);
	vals[PH_STATEMENT_DUE] = long_date(due, "a date we will confirm");
	if (in.fieldwork_from[0] && in.fieldwork_to[0]) {
		char *a = long_date(in.fieldwork_from, ""), *z = long_date(in.fieldwork_to, "");

		vals[PH_FIELDWORK] = xasprintf("%s to %s", a, z);
		free(a);
		free(z);
	} else {
		vals[PH_FIELDWORK] = xstrdup("dates we will agree with you");
	}
	vals[PH_DATE] = long_date(n.dated, n.dated);
	{
		long weeks = partnership_plan_weeks(st, in.framework_code);

		vals[PH_WEEKS] = weeks > 0 ? xasprintf("%ld", weeks) : xstrdup("several");
	}
	/* The letter as Markdown: title, date, recipients, paragraphs. */
	buf_puts(&b, "# ");
	fill(&b, t.title, vals);
	buf_printf(&b, "\n\n%s\n\nTo:\n\n", vals[PH_DATE]);
	for (size_t i = 0; i < t.nrecipients; i++) {
		buf_puts(&b, "- ");
		fill(&b, t.recipients[i], vals);
		buf_putc(&b, '\n');
	}
	for (size_t i = 0; i < t.nparagraphs; i++) {
		buf_putc(&b, '\n');
		fill(&b, t.paragraphs[i], vals);
		buf_putc(&b, '\n');
	}
	if (buf_failed(&b)) {
		rc = cairn_errf(err, CAIRN_ESOFTWARE, "the letter is too long");
		goto out;
	}
	n.body = buf_take(&b);
	crypto_hash_sha256(digest, (const unsigned char *)n.body, strlen(n.body));
	sodium_bin2hex(n.sha256, sizeof(n.sha256), digest, sizeof(digest));
	n.created_by = xstrdup(who->name);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_notification_insert(st, id, &n, err);
	if (rc == CAIRN_OK) {
		char subject[48], detail[160];

		snprintf(subject, sizeof(subject), "notification %ld", n.number);
		snprintf(detail, sizeof(detail), "dated %s, sha256 %s", n.dated, n.sha256);
		rc = audit_record(st, who, "partnership.notify", id, subject, detail, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK) {
		store_rollback(st);
		goto out;
	}
	*number = n.number;
out:
	for (int k = 0; k < PH__MAX; k++)
		free(vals[k]);
	buf_free(&b);
	free(text);
	template_free(&t);
	preret_layout_free(&rl);
	position_layout_free(&pl);
	notification_free(&n);
	inspection_free(&in);
	return rc;
}

int
app_notification_list(struct store *st, const struct actor *who, long id, struct notification **out,
    size_t *n, struct cairn_err *err)
{
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = authz_check(st, who, id, ACTION_VIEW_PARTNERSHIP, NULL, err)) != CAIRN_OK)
		return rc;
	return store_notification_list(st, id, out, n, err);
}

int
notification_format_parse(const char *ext)
{
	for (int f = 0; ext != NULL && f < NOTE__MAX; f++)
		if (strcmp(ext, notification_ext[f]) == 0)
			return f;
	return -1;
}

int
app_notification_render(struct store *st, const struct actor *who, long id, long number,
    enum notification_format f, struct buf *out, struct cairn_err *err)
{
	struct notification n;
	struct doc d;
	struct doc_section *s;
	const char *body;
	char subject[48];
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_VIEW_PARTNERSHIP, NULL, err)) != CAIRN_OK ||
	    (rc = store_notification_get(st, id, number, &n, err)) != CAIRN_OK)
		return rc;
	memset(&d, 0, sizeof(d));
	if (f == NOTE_MD) {
		buf_puts(out, n.body);
	} else {
		/* The frozen text: its first line is the title, the rest the letter. */
		body = n.body;
		if (strncmp(body, "# ", 2) == 0) {
			size_t k = strcspn(body + 2, "\n");

			d.title = xasprintf("%.*s", (int)k, body + 2);
			body += 2 + k;
		} else {
			d.title = xstrdup("Notification");
		}
		d.subtitle = xasprintf("Notification %ld of inspection %ld (SHA-256 %.16s...)",
		    number, id, n.sha256);
		s = doc_section(&d, "letter", "Letter", 1, false);
		doc_markdown(s, body);
		if (f == NOTE_HTML)
			docfmt_html(&d, out);
		else
			rc = pdf_write(&d, out, err);
	}
	if (rc == CAIRN_OK && (rc = store_begin(st, err)) == CAIRN_OK) {
		snprintf(subject, sizeof(subject), "notification %ld", number);
		rc = audit_record(st, who, "partnership.notify.download", id, subject,
		    notification_ext[f], err);
		if (rc == CAIRN_OK)
			rc = store_commit(st, err);
		if (rc != CAIRN_OK)
			store_rollback(st);
	}
	doc_free(&d);
	notification_free(&n);
	return rc;
}

int
app_contact_set(struct store *st, const struct actor *who, long id, const char *kind,
    const char *name, const char *job, struct cairn_err *err)
{
	struct partnership_contact c;
	char detail[PARTNERSHIP_NAME_MAX * 2 + 8];
	int rc, k;

	if ((rc = authz_check(st, who, id, ACTION_NOTIFY, NULL, err)) != CAIRN_OK)
		return rc;
	if (kind == NULL || (k = contact_kind_parse(kind)) < 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "kind",
		    "'%s' is not a co-ordinator; valid: inspection-coordinator, "
		    "participation-coordinator",
		    kind != NULL ? kind : "");
	if ((rc = check_name("name", "the co-ordinator's name", name, err)) != CAIRN_OK)
		return rc;
	if (job != NULL && job[0] != '\0' &&
	    (rc = text_check("job", "the job title", job, PARTNERSHIP_NAME_MAX, err)) != CAIRN_OK)
		return rc;
	memset(&c, 0, sizeof(c));
	c.kind = (enum contact_kind)k;
	c.name = xstrdup(name);
	c.job = job != NULL && job[0] ? xstrdup(job) : NULL;
	c.updated_by = xstrdup(who->name);
	snprintf(detail, sizeof(detail), "%s%s%s", name, c.job ? ", " : "", c.job ? c.job : "");
	if ((rc = store_begin(st, err)) != CAIRN_OK) {
		partnership_contact_free(&c);
		return rc;
	}
	rc = store_contact_set(st, id, &c, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "partnership.contact", id, contact_kind_table[k].code,
		    detail, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	partnership_contact_free(&c);
	return rc;
}

int
app_contact_list(struct store *st, const struct actor *who, long id,
    struct partnership_contact out[CONTACT__MAX], bool have[CONTACT__MAX], struct cairn_err *err)
{
	int rc;

	memset(out, 0, CONTACT__MAX * sizeof(*out));
	memset(have, 0, CONTACT__MAX * sizeof(*have));
	if ((rc = authz_check(st, who, id, ACTION_VIEW_PARTNERSHIP, NULL, err)) != CAIRN_OK)
		return rc;
	return store_contact_list(st, id, out, have, err);
}
