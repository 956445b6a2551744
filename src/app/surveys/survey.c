/* Surveys: see survey.h. */
#include "app/access/authz.h"
#include "app/surveys/survey.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/disclose.h"
#include "app/evaluation/evidence.h"
#include "core/file.h"
#include "app/surveys/rscale.h"
#include "app/setup/jsonfield.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "store/model.h"
#include "store/store.h"
#include "store/survey.h"
#include "store/work.h"

/* Longest survey name, statement code or attribute name, in bytes. */
#define SURVEY_CODE_MAX 64
/* Longest statement text, in bytes. */
#define SURVEY_TEXT_MAX 1000
/* Most statements and attributes in a survey. */
#define SURVEY_STATEMENTS_MAX 500
#define SURVEY_ATTRIBUTES_MAX 20
/* Largest items file read, in bytes. */
#define SURVEY_ITEMS_FILE_MAX ((size_t)1 << 20)
/* Largest number invited accepted. */
#define SURVEY_INVITED_MAX 10000000L

/* Checks that s is 1 to max bytes of UTF-8 without control characters. */
static bool
good_text(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max || !text_utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* Returns true if s is a valid survey name: letters, digits, '-', '_', '.'. */
static bool
good_name(const char *s)
{
	if (s == NULL || s[0] == '\0' || strlen(s) > SURVEY_CODE_MAX)
		return false;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		        (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.'))
			return false;
	return true;
}

/* Returns a malloc'd copy of the string v if it is good_text, else NULL
 * with err naming name and path. */
static char *
json_text(json_t *v, size_t max, const char *name, const char *path, struct cairn_err *err)
{
	if (!json_is_string(v) || !good_text(json_string_value(v), max)) {
		cairn_errf(err, CAIRN_EDATA,
		    "%s: field %s: required, a string of 1 to %zu bytes "
		    "without control characters",
		    name, path, max);
		return NULL;
	}
	return xstrdup(json_string_value(v));
}

/* Parses one statement object into t. */
static int
parse_statement(json_t *o, const char *name, const char *path, struct survey_statement *t,
    struct cairn_err *err)
{
	static const char *const keys[] = { "code", "text", "qis", NULL };
	char p[96];
	json_t *qis, *q;
	size_t k;

	if (!json_is_object(o))
		return cairn_errf(err, CAIRN_EDATA, "%s: field %s: must be an object", name, path);
	if (jsonfield_only(o, keys, name, path, err))
		return CAIRN_EDATA;
	snprintf(p, sizeof(p), "%scode", path);
	if ((t->code = json_text(json_object_get(o, "code"), SURVEY_CODE_MAX, name, p, err)) ==
	    NULL)
		return CAIRN_EDATA;
	snprintf(p, sizeof(p), "%stext", path);
	if ((t->text = json_text(json_object_get(o, "text"), SURVEY_TEXT_MAX, name, p, err)) ==
	    NULL)
		return CAIRN_EDATA;
	if ((qis = json_object_get(o, "qis")) == NULL)
		return CAIRN_OK;
	if (!json_is_array(qis) || json_array_size(qis) > 50)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field %sqis: must be an array of indicator "
		    "codes",
		    name, path);
	t->qis = xcalloc(json_array_size(qis) + 1, sizeof(char *));
	json_array_foreach(qis, k, q)
	{
		snprintf(p, sizeof(p), "%sqis[%zu]", path, k);
		if ((t->qis[k] = json_text(q, SURVEY_CODE_MAX, name, p, err)) == NULL)
			return CAIRN_EDATA;
		t->nqis = k + 1;
		for (size_t j = 0; j < k; j++)
			if (strcmp(t->qis[j], t->qis[k]) == 0)
				return cairn_errf(err, CAIRN_EDATA,
				    "%s: field %s: '%s' is listed twice", name, p, t->qis[k]);
	}
	return CAIRN_OK;
}

/* Parses the statements and attributes of an items document. */
static int
parse_items(json_t *root, const char *name, struct survey *sv, struct cairn_err *err)
{
	static const char *const keys[] = { "statements", "attributes", NULL };
	json_t *arr, *v;
	size_t i;

	if (!json_is_object(root))
		return cairn_errf(err, CAIRN_EDATA, "%s: the top level must be an object", name);
	if (jsonfield_only(root, keys, name, "", err))
		return CAIRN_EDATA;
	arr = json_object_get(root, "statements");
	if (!json_is_array(arr) || json_array_size(arr) == 0 ||
	    json_array_size(arr) > SURVEY_STATEMENTS_MAX)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field statements: required, an array of 1 to "
		    "%d statements",
		    name, SURVEY_STATEMENTS_MAX);
	sv->statements = xcalloc(json_array_size(arr), sizeof(*sv->statements));
	json_array_foreach(arr, i, v)
	{
		char path[64];

		snprintf(path, sizeof(path), "statements[%zu].", i);
		sv->nstatements = i + 1;
		if (parse_statement(v, name, path, &sv->statements[i], err))
			return CAIRN_EDATA;
		for (size_t j = 0; j < i; j++)
			if (text_casecmp(sv->statements[j].code, sv->statements[i].code) == 0)
				return cairn_errf(err, CAIRN_EDATA,
				    "%s: field %scode: duplicate code '%s'", name, path,
				    sv->statements[i].code);
	}
	if ((arr = json_object_get(root, "attributes")) == NULL)
		return CAIRN_OK;
	if (!json_is_array(arr) || json_array_size(arr) > SURVEY_ATTRIBUTES_MAX)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field attributes: must be an array of at most "
		    "%d names",
		    name, SURVEY_ATTRIBUTES_MAX);
	sv->attributes = xcalloc(json_array_size(arr) + 1, sizeof(char *));
	json_array_foreach(arr, i, v)
	{
		char path[64];

		snprintf(path, sizeof(path), "attributes[%zu]", i);
		if ((sv->attributes[i] = json_text(v, SURVEY_CODE_MAX, name, path, err)) == NULL)
			return CAIRN_EDATA;
		sv->nattributes = i + 1;
		if (survey_attribute_find(sv, sv->attributes[i]) != (int)i)
			return cairn_errf(err, CAIRN_EDATA, "%s: field %s: duplicate name '%s'",
			    name, path, sv->attributes[i]);
	}
	return CAIRN_OK;
}

int
survey_items_from_json(const char *text, size_t len, const char *name, struct survey *sv,
    struct cairn_err *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	int rc;

	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: line %d column %d: %s", name, jerr.line,
		    jerr.column, jerr.text);
	rc = parse_items(root, name, sv, err);
	json_decref(root);
	return rc;
}

/* Loads the framework of inspection id into *fw. */
static int
load_framework(struct store *st, long id, struct framework *fw, struct cairn_err *err)
{
	struct inspection in;
	int rc;

	memset(fw, 0, sizeof(*fw));
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	rc = store_framework_load(st, in.framework_code, fw, err);
	inspection_free(&in);
	return rc;
}

/* Refuses an indicator code the framework lacks, naming the valid ones. */
static int
check_qi(const struct framework *fw, const char *code, const char *where, struct cairn_err *err)
{
	struct buf b = BUF_INIT;
	int rc;

	if (framework_qi(fw, code) != NULL)
		return CAIRN_OK;
	for (size_t i = 0; i < fw->nqis; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", fw->qis[i].code);
	rc = cairn_errf(err, CAIRN_EDATA,
	    "%sunknown quality indicator '%s' for framework %s; "
	    "valid: %s",
	    where, code, fw->code, buf_str(&b));
	buf_free(&b);
	return rc;
}

/* Parses the number invited. */
static int
parse_invited(const char *text, long *out, struct cairn_err *err)
{
	if (!text_parse_long(text, 1, SURVEY_INVITED_MAX, out))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "invited",
		    "the number invited '%s' is not a number of people "
		    "(1 to %ld)",
		    text, SURVEY_INVITED_MAX);
	return CAIRN_OK;
}

/* Names field as the input err concerns when err names none yet; returns
 * rc (for errors from loaders that know no input names). */
static int
err_at(struct cairn_err *err, int rc, const char *field)
{
	if (rc != CAIRN_OK && err != NULL && err->field[0] == '\0')
		text_copy(err->field, sizeof(err->field), field);
	return rc;
}

/* Validates req into sv (all but the id and the database checks). */
static int
build_survey(struct store *st, long id, const struct survey_new *req, struct survey *sv,
    struct cairn_err *err)
{
	struct framework fw;
	const char *items_name = req->items_name != NULL ? req->items_name : req->items;
	char *text = NULL;
	size_t len = 0;
	int rc, kind;

	if (req->name == NULL || req->kind == NULL || req->scale == NULL) {
		char codes[256];

		rscale_codes(codes, sizeof(codes));
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED,
		    req->name == NULL       ? "name"
		        : req->kind == NULL ? "kind"
		                            : "scale",
		    "%s is required (kinds: staff, cyp, parents; "
		    "scales: %s)",
		    req->name == NULL       ? "the survey's name"
		        : req->kind == NULL ? "the kind of survey"
		                            : "the answer scale",
		    codes);
	}
	if (!good_name(req->name))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "name",
		    "survey name '%s' is not valid; use 1 to %d "
		    "letters, digits, '-', '_' or '.'",
		    req->name, SURVEY_CODE_MAX);
	if ((kind = survey_kind_parse(req->kind)) < 0)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "kind",
		    "unknown survey kind '%s'; valid: staff, cyp, "
		    "parents",
		    req->kind);
	if (req->invited != NULL && (rc = parse_invited(req->invited, &sv->invited, err)))
		return rc;
	sv->inspection = id;
	sv->kind = (enum survey_kind)kind;
	sv->name = xstrdup(req->name);
	if ((rc = rscale_load(req->scale, &sv->scale, err)) != CAIRN_OK)
		return err_at(err, rc, "scale");
	if (req->items == NULL)
		return CAIRN_OK;
	if ((rc = file_read_all(req->items, SURVEY_ITEMS_FILE_MAX, &text, &len, err)) != CAIRN_OK)
		return err_at(err, rc, "items");
	rc = survey_items_from_json(text, len, items_name, sv, err);
	free(text);
	if (rc != CAIRN_OK)
		return err_at(err, rc, "items");
	if ((rc = load_framework(st, id, &fw, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < sv->nstatements && rc == CAIRN_OK; i++) {
		char where[SURVEY_CODE_MAX + 600];

		snprintf(where, sizeof(where), "%s: statement %s: ", items_name,
		    sv->statements[i].code);
		for (size_t k = 0; k < sv->statements[i].nqis && rc == CAIRN_OK; k++)
			rc = check_qi(&fw, sv->statements[i].qis[k], where, err);
	}
	framework_free(&fw);
	return err_at(err, rc, "items");
}

/* Runs fn's store writes and an audit entry in one transaction. */
static int
commit_or_rollback(struct store *st, int rc, struct cairn_err *err)
{
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
}

int
app_survey_create(struct store *st, const struct actor *who, long id, const struct survey_new *req,
    long *survey_id, struct cairn_err *err)
{
	struct inspection in;
	struct survey sv;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_IMPORT_SURVEY, NULL, err)) != CAIRN_OK)
		return rc;

	memset(&sv, 0, sizeof(sv));
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	inspection_free(&in);
	if ((rc = build_survey(st, id, req, &sv, err)) != CAIRN_OK)
		goto out;
	if (store_survey_find(st, id, sv.name) != 0) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "name",
		    "inspection %ld already has a survey called '%s'", id, sv.name);
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_survey_insert(st, &sv, err);
	if (rc == CAIRN_OK) {
		char detail[256];

		snprintf(detail, sizeof(detail), "%s survey, scale %s, %zu statements",
		    survey_kind_table[sv.kind].code, sv.scale.code, sv.nstatements);
		rc = audit_record(st, who, "survey.create", id, sv.name, detail, err);
	}
	if ((rc = commit_or_rollback(st, rc, err)) == CAIRN_OK && survey_id != NULL)
		*survey_id = sv.id;
out:
	survey_free(&sv);
	return rc;
}

int
app_survey_load(struct store *st, long id, const char *name, struct survey *sv,
    struct cairn_err *err)
{
	struct inspection in;
	char names[512];
	long sid;
	int rc;

	memset(sv, 0, sizeof(*sv));
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	inspection_free(&in);
	if ((sid = store_survey_find(st, id, name)) == 0) {
		store_survey_names(st, id, names, sizeof(names));
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "survey",
		    "inspection %ld has no survey called '%s'; "
		    "its surveys: %s",
		    id, name, names);
	}
	return store_survey_load(st, sid, sv, err);
}

int
app_survey_set_invited(struct store *st, const struct actor *who, long id, const char *name,
    const char *invited, struct cairn_err *err)
{
	struct survey sv;
	long n = 0;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_IMPORT_SURVEY, NULL, err)) != CAIRN_OK)
		return rc;

	if ((rc = parse_invited(invited, &n, err)) != CAIRN_OK ||
	    (rc = app_survey_load(st, id, name, &sv, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_begin(st, err)) == CAIRN_OK) {
		char detail[64];

		snprintf(detail, sizeof(detail), "invited %ld -> %ld", sv.invited, n);
		rc = store_survey_set_invited(st, sv.id, n, err);
		if (rc == CAIRN_OK)
			rc = audit_record(st, who, "survey.invited", id, sv.name, detail, err);
		rc = commit_or_rollback(st, rc, err);
	}
	survey_free(&sv);
	return rc;
}

int
app_survey_list(struct store *st, long id, struct survey **out, size_t *n, struct cairn_err *err)
{
	struct inspection in;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	inspection_free(&in);
	return store_survey_list(st, id, out, n, err);
}

int
survey_threshold(struct store *st, long id, long *threshold, struct cairn_err *err)
{
	return disclose_threshold_load(st, id, threshold, err);
}

/* Where the tally callback writes. */
struct tally_ctx {
	const struct survey_report *r; /* groups and sizes */
	size_t ngroups;                /* groups in n (1 when not broken down) */
	long *n;                       /* counts [(s * ngroups + g) * nlevels + l] */
	bool bad;                      /* a row fell outside the survey */
};

/* Adds one row of store_survey_tally to the counts. */
static void
tally_row(int statement, int level, const char *group, long count, void *arg)
{
	struct tally_ctx *t = arg;
	size_t g = 0, nl = t->r->sv.scale.nlevels;

	if (statement < 0 || (size_t)statement >= t->r->sv.nstatements || level < 0 ||
	    (size_t)level >= nl) {
		t->bad = true;
		return;
	}
	if (t->r->ngroups > 0) {
		while (g < t->r->ngroups && strcmp(t->r->groups[g], group) != 0)
			g++;
		if (g == t->r->ngroups) {
			t->bad = true;
			return;
		}
	}
	t->n[((size_t)statement * t->ngroups + g) * nl + (size_t)level] += count;
}

/* The proportion words of inspection id's model pack. */
static int
survey_bands(struct store *st, long id, struct stats_bands *bands, struct cairn_err *err)
{
	char *pack = NULL, *version = NULL;
	int rc;

	char *body = NULL;
	struct cairn_err e = { 0 };

	if ((rc = store_inspection_model_get(st, id, &pack, &version, err)) == CAIRN_OK &&
	    pack != NULL)
		rc = store_model_file_get(st, pack, "quantifiers.json", &body, err);
	if (rc == CAIRN_OK && body != NULL && stats_bands_parse(body, strlen(body), bands, &e))
		rc = cairn_errf(err, CAIRN_ESOFTWARE, "pack %s: quantifiers.json: %s", pack, e.msg);
	else if (rc == CAIRN_OK && body == NULL)
		rc = stats_bands_for(pack, bands, err); /* shipped, or the default */
	free(body);
	free(pack);
	free(version);
	return rc;
}

int
app_survey_summary(struct store *st, long id, const char *name, const char *by,
    struct survey_report *out, struct cairn_err *err)
{
	struct tally_ctx t = { 0 };
	struct stats_bands bands;
	long *resp = NULL, all = 0, threshold = DISCLOSE_THRESHOLD_DEFAULT;
	struct survey_counts c;
	int rc;

	memset(out, 0, sizeof(*out));
	out->by = -1;
	if ((rc = app_survey_load(st, id, name, &out->sv, err)) != CAIRN_OK)
		return rc;
	if (by != NULL && (out->by = survey_attribute_find(&out->sv, by)) < 0) {
		struct buf b = BUF_INIT;

		for (size_t i = 0; i < out->sv.nattributes; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", out->sv.attributes[i]);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "by",
		    "survey '%s' has no attribute '%s'; valid: %s", out->sv.name, by,
		    out->sv.nattributes ? buf_str(&b)
		                        : "(none: name attribute columns when importing)");
		buf_free(&b);
		goto fail;
	}
	if (out->by >= 0 &&
	    (rc = store_survey_groups(st, out->sv.id, out->by, &out->groups, &resp, &out->ngroups,
	         err)) != CAIRN_OK)
		goto fail;
	t.r = out;
	t.ngroups = out->ngroups ? out->ngroups : 1;
	t.n = xcalloc(out->sv.nstatements * t.ngroups * out->sv.scale.nlevels + 1, sizeof(long));
	if ((rc = store_survey_tally(st, out->sv.id, out->by, tally_row, &t, err)) != CAIRN_OK)
		goto fail;
	if (t.bad) {
		rc = cairn_errf(err, CAIRN_ESOFTWARE,
		    "survey '%s': stored answers do not match its "
		    "statements or scale",
		    out->sv.name);
		goto fail;
	}
	all = out->sv.nrespondents;
	c = (struct survey_counts){ out->sv.nstatements, out->ngroups, out->sv.scale.nlevels, t.n,
		out->ngroups ? resp : &all, out->sv.invited };
	/* The words of the inspection's own programme (its model pack). */
	if ((rc = survey_bands(st, id, &bands, err)) != CAIRN_OK ||
	    (rc = survey_threshold(st, id, &threshold, err)) != CAIRN_OK)
		goto fail;
	if (!survey_summarize(&out->sv.scale, &c, threshold, &bands, &out->sum)) {
		rc = cairn_errf(err, CAIRN_ESOFTWARE,
		    "survey '%s': the counts could not be "
		    "summarised",
		    out->sv.name);
		goto fail;
	}
	free(t.n);
	free(resp);
	return CAIRN_OK;
fail:
	free(t.n);
	free(resp);
	survey_report_free(out);
	return rc;
}

void
survey_report_free(struct survey_report *r)
{
	if (r == NULL)
		return;
	survey_free(&r->sv);
	strv_free(r->groups, r->ngroups);
	survey_summary_free(&r->sum);
	memset(r, 0, sizeof(*r));
	r->by = -1;
}

int
app_survey_comments(struct store *st, const struct actor *who, long id, const char *name,
    struct survey_comment **out, size_t *n, struct cairn_err *err)
{
	struct survey sv;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_VIEW_EVIDENCE, NULL, err)) != CAIRN_OK)
		return rc;

	*out = NULL;
	*n = 0;
	if ((rc = app_survey_load(st, id, name, &sv, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_begin(st, err)) == CAIRN_OK) {
		rc = store_survey_comment_list(st, sv.id, out, n, err);
		if (rc == CAIRN_OK)
			rc = audit_record(st, who, "survey.comments.view", id, sv.name, NULL, err);
		rc = commit_or_rollback(st, rc, err);
	}
	if (rc != CAIRN_OK) {
		survey_comments_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	survey_free(&sv);
	return rc;
}

/* Splits a comma-separated list of indicator codes, checking each. */
static int
split_qis(const struct framework *fw, const char *list, char ***out, size_t *n,
    struct cairn_err *err)
{
	char *copy = xstrdup(list), *p = copy;
	int rc = CAIRN_OK;

	*out = xcalloc(strlen(list) / 2 + 2, sizeof(char *));
	*n = 0;
	while (p != NULL && rc == CAIRN_OK) {
		char *next = strchr(p, ','), *item;

		if (next != NULL)
			*next++ = '\0';
		item = text_trim(p);
		p = next;
		if (*item == '\0')
			continue;
		if ((rc = check_qi(fw, item, "", err)) != CAIRN_OK)
			break;
		for (size_t j = 0; j < *n; j++)
			if (strcmp((*out)[j], item) == 0)
				rc = cairn_errf(err, CAIRN_EDATA, "indicator '%s' is listed twice",
				    item);
		if (rc == CAIRN_OK)
			(*out)[(*n)++] = xstrdup(item);
	}
	free(copy);
	return rc;
}

/* The evidence source of each kind of survey, by enum survey_kind. */
static const enum evidence_source kind_source[] = {
	[SURVEY_STAFF] = SOURCE_STAFF_SURVEY,
	[SURVEY_CYP] = SOURCE_CYP_SURVEY,
	[SURVEY_PARENTS] = SOURCE_PARENT_CARER_SURVEY,
};
_Static_assert(sizeof(kind_source) / sizeof(kind_source[0]) == SURVEY_KIND__MAX,
    "kind_source: one entry per value");

/* Joins codes with commas into b. */
static void
join_codes(char *const *codes, size_t n, struct buf *b)
{
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? "," : "", codes[i]);
}

/*
 * Makes comment c of survey sv an item of the evidence log with status
 * kind (a finding_kind) and indicators codes, or updates the item it
 * already is; within the caller's transaction.  Sets *number.
 */
static int
comment_evidence(struct store *st, const struct actor *who, const struct survey *sv,
    const struct survey_comment *c, int kind, char *const *codes, size_t ncodes, long *number,
    struct cairn_err *err)
{
	const char *status = kind == FINDING_STRENGTH ? evidence_status_code[STATUS_STRENGTH]
	                                              : evidence_status_code[STATUS_IMPROVEMENT];
	struct evidence_item e;
	struct buf oldq = BUF_INIT, newq = BUF_INIT;
	char subject[32], detail[160], role[32] = "";
	int rc = CAIRN_OK;

	memset(&e, 0, sizeof(e));
	join_codes(codes, ncodes, &newq);
	if (c->evidence == 0) {
		if ((rc = store_team_role(st, sv->inspection, who->name, role, sizeof(role), err)))
			goto out;
		e.source = xstrdup(evidence_source_table[kind_source[sv->kind]].code);
		e.text = xasprintf("%s survey '%s', comment %ld (%s): %s",
		    survey_kind_table[sv->kind].label, sv->name, c->number, c->question, c->text);
		text_copy(e.status, sizeof(e.status), status);
		e.recorded_by = xstrdup(who->name);
		e.young_inspector = strcmp(role, "young-inspector") == 0;
		e.qis = xcalloc(ncodes + 1, sizeof(char *));
		for (size_t i = 0; i < ncodes; i++)
			e.qis[e.nqis++] = xstrdup(codes[i]);
		if ((rc = store_evidence_insert(st, sv->inspection, &e, err)) != CAIRN_OK ||
		    (rc = store_evidence_change_add(st, e.id, who->name, "created", NULL, e.status,
		         err)) != CAIRN_OK ||
		    (rc = store_survey_comment_link(st, sv->id, c->number, e.id, err)) != CAIRN_OK)
			goto out;
		snprintf(detail, sizeof(detail), "%s, %s, from survey %s comment %ld", e.source,
		    e.status, sv->name, c->number);
		snprintf(subject, sizeof(subject), "evidence %ld", e.number);
		rc = audit_record(st, who, "evidence.add", sv->inspection, subject, detail, err);
		*number = e.number;
		goto out;
	}
	if ((rc = store_evidence_get(st, sv->inspection, c->evidence, &e, err)) != CAIRN_OK)
		goto out;
	*number = e.number;
	if (strcmp(e.status, status) != 0) {
		int from = evidence_status_parse(e.status);

		if (from < 0 ||
		    !evidence_status_may_change((enum evidence_status)from,
		        (enum evidence_status)evidence_status_parse(status))) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "comment %ld is evidence %ld, which is %s; it "
			    "cannot become %s directly (reopen the evidence as an uncertainty "
			    "first)",
			    c->number, e.number, e.status, status);
			goto out;
		}
		if ((rc = store_evidence_change_add(st, e.id, who->name, "status", e.status, status,
		         err)) != CAIRN_OK)
			goto out;
		text_copy(e.status, sizeof(e.status), status);
	}
	join_codes(e.qis, e.nqis, &oldq);
	if (strcmp(buf_str(&oldq), buf_str(&newq)) != 0) {
		if ((rc = store_evidence_change_add(st, e.id, who->name, "qis", buf_str(&oldq),
		         buf_str(&newq), err)) != CAIRN_OK)
			goto out;
		strv_free(e.qis, e.nqis);
		e.qis = xcalloc(ncodes + 1, sizeof(char *));
		e.nqis = 0;
		for (size_t i = 0; i < ncodes; i++)
			e.qis[e.nqis++] = xstrdup(codes[i]);
	}
	if ((rc = store_evidence_update(st, &e, err)) != CAIRN_OK)
		goto out;
	snprintf(subject, sizeof(subject), "evidence %ld", e.number);
	snprintf(detail, sizeof(detail), "%s; from survey %s comment %ld", e.status, sv->name,
	    c->number);
	rc = audit_record(st, who, "evidence.update", sv->inspection, subject, detail, err);
out:
	buf_free(&oldq);
	buf_free(&newq);
	evidence_item_free(&e);
	return rc;
}

int
app_survey_comment_tag(struct store *st, const struct actor *who, long id, const char *name,
    const char *number, const char *qis, const char *kind, long *evidence, struct cairn_err *err)
{
	struct survey_comment *all = NULL;
	const struct survey_comment *old = NULL;
	struct framework fw = { 0 };
	struct survey sv;
	char **codes = NULL;
	size_t ncodes = 0, nall = 0;
	long num, ev = 0;
	int rc, k = -1;

	if ((rc = authz_check(st, who, id, ACTION_ADD_EVIDENCE, NULL, err)) != CAIRN_OK)
		return rc;

	if (evidence != NULL)
		*evidence = 0;
	if (!text_parse_long(number, 1, 2000000000L, &num))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "comment",
		    "'%s' is not a comment number (a positive whole "
		    "number, as the survey's comments list shows)",
		    number);
	if (qis == NULL && kind == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "qi",
		    "give the indicators the comment informs, the kind of evidence it is, or both");
	if (kind != NULL && (k = finding_kind_parse(kind)) < 0)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "as-evidence",
		    "unknown evidence kind '%s'; valid: strength, "
		    "improvement",
		    kind);
	if ((rc = app_survey_load(st, id, name, &sv, err)) != CAIRN_OK)
		return rc;
	if ((rc = load_framework(st, id, &fw, err)) != CAIRN_OK ||
	    (rc = store_survey_comment_list(st, sv.id, &all, &nall, err)) != CAIRN_OK)
		goto out;
	for (size_t i = 0; i < nall; i++)
		if (all[i].number == num)
			old = &all[i];
	if (old == NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "comment",
		    "survey '%s' has no comment %ld (it has %zu); "
		    "the survey's comments list shows them",
		    sv.name, num, nall);
		goto out;
	}
	if (qis != NULL) {
		if ((rc = split_qis(&fw, qis, &codes, &ncodes, err)) != CAIRN_OK) {
			err_at(err, rc, "qi");
			goto out;
		}
	} else {
		codes = xcalloc(old->nqis + 1, sizeof(char *));
		for (size_t i = 0; i < old->nqis; i++)
			codes[ncodes++] = xstrdup(old->qis[i]);
	}
	if (k < 0)
		k = old->kind;
	if ((rc = store_begin(st, err)) == CAIRN_OK) {
		struct buf d = BUF_INIT;

		buf_printf(&d, "comment %ld: %s;", num, k >= 0 ? finding_kind_code[k] : "untagged");
		for (size_t i = 0; i < ncodes; i++)
			buf_printf(&d, " %s", codes[i]);
		rc = store_survey_comment_tag(st, sv.id, num, k >= 0 ? finding_kind_code[k] : NULL,
		    codes, ncodes, err);
		if (rc == CAIRN_OK)
			rc = audit_record(st, who, "survey.comment.tag", id, sv.name, buf_str(&d),
			    err);
		if (rc == CAIRN_OK && k >= 0)
			rc = comment_evidence(st, who, &sv, old, k, codes, ncodes, &ev, err);
		buf_free(&d);
		rc = commit_or_rollback(st, rc, err);
		if (rc == CAIRN_OK && evidence != NULL)
			*evidence = ev;
	}
out:
	strv_free(codes, ncodes);
	survey_comments_free(all, nall);
	framework_free(&fw);
	survey_free(&sv);
	return rc;
}
