/* Model packs: see model.h. */
#include "app/setup/model.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/authz.h"
#include "app/publication/report_model.h"
#include "app/records/template.h"
#include "app/partnership/notification.h"
#include "app/partnership/position.h"
#include "app/partnership/preret.h"
#include "app/setup/crosswalk.h"
#include "app/setup/framework.h"
#include "app/setup/jsonfield.h"
#include "app/setup/stage.h"
#include "core/embed.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/text.h"
#include "render/release.h"
#include "stats/quantifier.h"
#include "store/model.h"
#include "store/records.h"
#include "store/store.h"

#define MODEL_TEXT_MAX 4000
#define MODEL_FILE_MAX (4 << 20)

const char *const model_file_name[MODEL_FILE__MAX] = {
	[MODEL_PACK] = "pack.json",
	[MODEL_FRAMEWORK] = "framework.json",
	[MODEL_STAGES] = "stages.json",
	[MODEL_REPORT] = "report.json",
	[MODEL_QUANTIFIERS] = "quantifiers.json",
	[MODEL_RECORDS] = "records.json",
	[MODEL_RELEASE] = "release.json",
	[MODEL_NOTIFICATION] = "notification.json",
	[MODEL_RETURN] = "return.json",
	[MODEL_POSITION] = "position.json",
};
_Static_assert(sizeof(model_file_name) / sizeof(model_file_name[0]) == MODEL_FILE__MAX,
    "one name per pack file");

/* Reads a non-empty array of strings at key of obj. */
static int
string_list(json_t *obj, const char *key, const char *name, struct cairn_err *err)
{
	json_t *a = json_object_get(obj, key), *v;
	size_t i;

	if (a == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: field %s: required", name, key);
	if (!json_is_array(a) || json_array_size(a) == 0)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field %s: must be a non-empty array of text", name, key);
	json_array_foreach(a, i, v)
	{
		char path[64], *tmp = NULL;

		snprintf(path, sizeof(path), "%s[%zu]", key, i);
		if (jsonfield_text(v, MODEL_TEXT_MAX, name, "", path, &tmp, err))
			return CAIRN_EDATA;
		free(tmp);
	}
	return CAIRN_OK;
}

/* Checks pack.json and fills *p. */
static int
parse_manifest(const char *text, size_t len, const char *name, struct pack_info *p,
    struct cairn_err *err)
{
	static const char *const keys[] = { "code", "version", "title", "years", "ages", "partners",
		"sources", NULL };
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	char *years = NULL, *ages = NULL;
	int rc = CAIRN_EDATA;

	memset(p, 0, sizeof(*p));
	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: line %d column %d: %s", name, jerr.line,
		    jerr.column, jerr.text);
	if (!json_is_object(root)) {
		cairn_errf(err, CAIRN_EDATA, "%s: the top level must be an object", name);
		goto out;
	}
	if (jsonfield_only(root, keys, name, "", err) ||
	    jsonfield_str(root, "code", true, 64, name, "", &p->code, err) ||
	    jsonfield_str(root, "version", true, 32, name, "", &p->version, err) ||
	    jsonfield_str(root, "title", true, MODEL_TEXT_MAX, name, "", &p->title, err) ||
	    jsonfield_str(root, "years", true, 64, name, "", &years, err) ||
	    jsonfield_str(root, "ages", true, MODEL_TEXT_MAX, name, "", &ages, err) ||
	    string_list(root, "partners", name, err) || string_list(root, "sources", name, err))
		goto out;
	for (const char *c = p->version; *c; c++)
		if (!((*c >= '0' && *c <= '9') || *c == '.' || (*c >= 'a' && *c <= 'z') ||
		        *c == '-')) {
			cairn_errf(err, CAIRN_EDATA,
			    "%s: field version: use digits, lower-case letters, '.' or '-' (e.g. "
			    "\"2\" "
			    "or \"2.1\")",
			    name);
			goto out;
		}
	rc = CAIRN_OK;
out:
	free(years);
	free(ages);
	json_decref(root);
	if (rc != CAIRN_OK)
		pack_info_free(p);
	return rc;
}

/* Repeats a message from a checker that does not name the file. */
static int
prefixed(const char *name, const struct cairn_err *e, struct cairn_err *err)
{
	return cairn_errf(err, CAIRN_EDATA, "%s: %s", name, e->msg);
}

/* The problems a check collects: every one, or only the first (max 1). */
struct problems {
	struct cairn_err first; /* the first problem */
	char **v;               /* every problem's message (malloc'd), or NULL */
	size_t n;
	size_t max; /* stop after this many */
};

/* Notes the problem in e (then cleared); true when the check should stop. */
static bool
note(struct problems *c, struct cairn_err *e)
{
	if (c->n == 0)
		c->first = *e;
	if (c->max != 1) {
		c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
		c->v[c->n] = xstrdup(e->msg);
	}
	c->n++;
	cairn_err_clear(e);
	return c->n >= c->max;
}

/* Checks each file of a pack on its own, then the files against each
 * other where both are good, noting each problem in c; fills *p from
 * pack.json when it is good. */
static void
check_texts(const char *dir, const struct model_texts *t, struct pack_info *p, struct problems *c)
{
	char name[MODEL_FILE__MAX][512];
	struct framework fw = { 0 };
	struct cairn_err e = { 0 };
	bool have_p = false, have_fw = false;

	for (int i = 0; i < MODEL_FILE__MAX; i++)
		snprintf(name[i], sizeof(name[i]), "%s%s%s", dir != NULL ? dir : "",
		    dir != NULL ? "/" : "", model_file_name[i]);
	for (int i = MODEL_PACK; i <= MODEL_FRAMEWORK; i++)
		if (t->text[i] == NULL) {
			cairn_errf(&e, CAIRN_EDATA,
			    "%s: required: every pack has pack.json and framework.json", name[i]);
			if (note(c, &e))
				goto out;
		}
	if (t->text[MODEL_PACK] != NULL) {
		if (parse_manifest(t->text[MODEL_PACK], t->len[MODEL_PACK], name[MODEL_PACK], p,
		        &e)) {
			if (note(c, &e))
				goto out;
		} else {
			have_p = true;
		}
	}
	if (t->text[MODEL_FRAMEWORK] != NULL) {
		if (framework_from_json(t->text[MODEL_FRAMEWORK], t->len[MODEL_FRAMEWORK],
		        name[MODEL_FRAMEWORK], &fw, &e)) {
			if (note(c, &e))
				goto out;
		} else {
			have_fw = true;
		}
	}
	if (have_p && have_fw && strcmp(fw.code, p->code) != 0) {
		cairn_errf(&e, CAIRN_EDATA,
		    "%s: field code: '%s' must be the pack's code '%s' (pack.json)",
		    name[MODEL_FRAMEWORK], fw.code, p->code);
		if (note(c, &e))
			goto out;
	}
	if (t->text[MODEL_STAGES] != NULL) {
		struct stage_plan sp;

		if (stage_plan_parse(t->text[MODEL_STAGES], t->len[MODEL_STAGES],
		        name[MODEL_STAGES], &sp, &e)) {
			if (note(c, &e))
				goto out;
		} else {
			if (have_p && strcmp(sp.framework, p->code) != 0)
				cairn_errf(&e, CAIRN_EDATA,
				    "%s: field framework: '%s' must be the pack's code '%s' "
				    "(pack.json)",
				    name[MODEL_STAGES], sp.framework, p->code);
			stage_plan_free(&sp);
			if (e.rc != 0 && note(c, &e))
				goto out;
		}
	}
	if (t->text[MODEL_REPORT] != NULL &&
	    report_template_check(t->text[MODEL_REPORT], t->len[MODEL_REPORT], name[MODEL_REPORT],
	        &e) &&
	    note(c, &e))
		goto out;
	if (t->text[MODEL_QUANTIFIERS] != NULL) {
		struct stats_bands b;
		struct cairn_err q = { 0 };

		if (stats_bands_parse(t->text[MODEL_QUANTIFIERS], t->len[MODEL_QUANTIFIERS], &b,
		        &q)) {
			prefixed(name[MODEL_QUANTIFIERS], &q, &e);
			if (note(c, &e))
				goto out;
		}
	}
	if (t->text[MODEL_RELEASE] != NULL &&
	    release_template_check(t->text[MODEL_RELEASE], t->len[MODEL_RELEASE],
	        name[MODEL_RELEASE], &e) &&
	    note(c, &e))
		goto out;
	if (t->text[MODEL_NOTIFICATION] != NULL &&
	    notification_template_check(t->text[MODEL_NOTIFICATION], t->len[MODEL_NOTIFICATION],
	        name[MODEL_NOTIFICATION], &e) &&
	    note(c, &e))
		goto out;
	if (t->text[MODEL_RETURN] != NULL) {
		struct preret_layout l;

		if (preret_layout_parse(t->text[MODEL_RETURN], t->len[MODEL_RETURN],
		        name[MODEL_RETURN], &l, &e)) {
			if (note(c, &e))
				goto out;
		} else {
			preret_layout_free(&l);
		}
	}
	if (t->text[MODEL_POSITION] != NULL) {
		struct position_layout l;

		if (position_layout_parse(t->text[MODEL_POSITION], t->len[MODEL_POSITION],
		        name[MODEL_POSITION], &l, &e)) {
			if (note(c, &e))
				goto out;
		} else {
			position_layout_free(&l);
		}
	}
	if (t->text[MODEL_RECORDS] != NULL) {
		struct template tp;
		struct cairn_err q = { 0 };

		if (template_parse(t->text[MODEL_RECORDS], t->len[MODEL_RECORDS],
		        have_fw ? &fw : NULL, &tp, &q)) {
			prefixed(name[MODEL_RECORDS], &q, &e);
			if (note(c, &e))
				goto out;
		} else {
			template_free(&tp);
		}
	}
out:
	framework_free(&fw);
	if (!have_p || c->n > 0)
		pack_info_free(p);
}

int
model_validate(const char *dir, const struct model_texts *t, struct pack_info *out,
    struct cairn_err *err)
{
	struct problems c = { .max = 1 };
	struct pack_info p = { 0 };

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	check_texts(dir, t, &p, &c);
	if (c.n > 0) {
		if (err != NULL && err->rc == 0)
			*err = c.first;
		return CAIRN_EDATA;
	}
	if (out != NULL)
		*out = p;
	else
		pack_info_free(&p);
	return CAIRN_OK;
}

int
model_builtin_texts(const char *code, struct model_texts *t, struct cairn_err *err)
{
	memset(t, 0, sizeof(*t));
	for (int i = 0; i < MODEL_FILE__MAX; i++) {
		char name[160];
		const struct embed_file *f;

		snprintf(name, sizeof(name), "models/%s/%s", code, model_file_name[i]);
		if ((f = embed_find(name)) != NULL) {
			t->text[i] = f->data;
			t->len[i] = f->len;
		}
	}
	if (t->text[MODEL_PACK] == NULL)
		return cairn_errf(err, CAIRN_EDATA, "no model pack '%s' is shipped", code);
	return CAIRN_OK;
}

/* The files of the pack in dir, read (free with uploads_free). */
struct dir_files {
	struct model_upload f[MODEL_FILE__MAX];
	char *text[MODEL_FILE__MAX]; /* malloc'd, f[i].data points here */
	size_t n;
};

static void
uploads_free(struct dir_files *d)
{
	for (int i = 0; i < MODEL_FILE__MAX; i++)
		free(d->text[i]);
	memset(d, 0, sizeof(*d));
}

/* Reads the files of the pack in dir into *d: each file a pack may have
 * that is present, as (name, bytes). */
static int
read_dir(const char *dir, struct dir_files *d, struct cairn_err *err)
{
	memset(d, 0, sizeof(*d));
	for (int i = 0; i < MODEL_FILE__MAX; i++) {
		char path[1024];
		char *text = NULL;
		size_t len = 0;
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, model_file_name[i]);
		if ((f = fopen(path, "rb")) == NULL)
			continue; /* absent: model_validate says which are required */
		fclose(f);
		if (file_read_all(path, MODEL_FILE_MAX, &text, &len, err) != CAIRN_OK)
			return err != NULL && err->rc ? err->rc : CAIRN_EIO;
		d->text[i] = text;
		d->f[d->n++] = (struct model_upload){ model_file_name[i], text, len };
	}
	return CAIRN_OK;
}

/* Returns the last part of a path or file name. */
static const char *
base_name(const char *name)
{
	const char *b = name;

	for (const char *c = name; *c; c++)
		if (*c == '/' || *c == '\\')
			b = c + 1;
	return b;
}

/* Sorts the n files into t by their names (t borrows their bytes): a name
 * that is not one of a pack's files, a file given twice or one too large
 * is CAIRN_EDATA, field "files". */
static int
texts_of(const char *where, const struct model_upload *files, size_t n, struct model_texts *t,
    struct cairn_err *err)
{
	const char *pre = where != NULL ? where : "", *sep = where != NULL ? "/" : "";

	memset(t, 0, sizeof(*t));
	for (size_t k = 0; k < n; k++) {
		const char *b = base_name(files[k].name != NULL ? files[k].name : "");
		int i;

		for (i = 0; i < MODEL_FILE__MAX; i++)
			if (strcmp(b, model_file_name[i]) == 0)
				break;
		if (i == MODEL_FILE__MAX)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "files",
			    "%s%s%s: not a file of a model pack; a pack's files are pack.json, "
			    "framework.json, stages.json, report.json, quantifiers.json, "
			    "records.json, release.json, notification.json, return.json and "
			    "position.json",
			    pre, sep, b[0] ? b : "(a file without a name)");
		if (t->text[i] != NULL)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "files",
			    "%s%s%s: given twice; give each file of the pack once", pre, sep, b);
		if (files[k].len > MODEL_FILE_MAX)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "files",
			    "%s%s%s: larger than %d MiB", pre, sep, b, MODEL_FILE_MAX >> 20);
		t->text[i] = files[k].data != NULL ? files[k].data : "";
		t->len[i] = files[k].len;
	}
	return CAIRN_OK;
}

/* As model_validate, with the error's field "files" (the pack's files are
 * one input on every front end). */
static int
validate_files(const char *where, const struct model_texts *t, struct pack_info *out,
    struct cairn_err *err)
{
	int rc = model_validate(where, t, out, err);

	if (rc == CAIRN_EDATA && err != NULL && err->field[0] == '\0')
		text_copy(err->field, sizeof(err->field), "files");
	return rc;
}

int
app_model_validate_dir(const char *dir, struct pack_info *out, struct cairn_err *err)
{
	struct dir_files d;
	struct model_texts t;
	int rc;

	if ((rc = read_dir(dir, &d, err)) == CAIRN_OK &&
	    (rc = texts_of(dir, d.f, d.n, &t, err)) == CAIRN_OK)
		rc = validate_files(dir, &t, out, err);
	uploads_free(&d);
	return rc;
}

/* Stores a validated pack, its framework (unless present and shipped) and
 * its files; inside the caller's transaction. */
static int
store_pack(struct store *st, const struct model_texts *t, const struct pack_info *p, bool builtin,
    const char *name, struct cairn_err *err)
{
	struct framework fw;
	char *tpl = NULL;
	int rc;

	if ((rc = store_model_insert(st, p, t->text[MODEL_PACK], err)) != CAIRN_OK)
		return rc;
	if (builtin)
		return CAIRN_OK; /* its files are in the binary; init loads its framework */
	if ((rc = framework_from_json(t->text[MODEL_FRAMEWORK], t->len[MODEL_FRAMEWORK], name, &fw,
	         err)) != CAIRN_OK)
		return rc;
	rc = store_framework_insert(st, &fw, false, err);
	framework_free(&fw);
	for (int i = 0; rc == CAIRN_OK && i < MODEL_FILE__MAX; i++) {
		char *body;

		if (t->text[i] == NULL)
			continue;
		body = xstrndup(t->text[i], t->len[i]);
		rc = store_model_file_put(st, p->code, model_file_name[i], body, err);
		if (rc == CAIRN_OK && i == MODEL_RECORDS) {
			tpl = xasprintf("%s-records", p->code);
			rc = store_template_put(st, tpl, p->code, body, err);
		}
		free(body);
	}
	free(tpl);
	return rc;
}

int
app_model_import_files(struct store *st, const struct actor *who, const char *where,
    const struct model_upload *files, size_t n, struct pack_info *out, struct cairn_err *err)
{
	struct model_texts t;
	struct pack_info p = { 0 };
	char *have = NULL;
	char name[1024];
	const char *pre = where != NULL ? where : "", *sep = where != NULL ? "/" : "";
	int rc;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_REFERENCE, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = texts_of(where, files, n, &t, err)) != CAIRN_OK ||
	    (rc = validate_files(where, &t, &p, err)) != CAIRN_OK)
		goto out;
	snprintf(name, sizeof(name), "%s%s%s", pre, sep, model_file_name[MODEL_PACK]);
	if ((rc = store_model_version(st, p.code, &have, err)) != CAIRN_OK)
		goto out;
	if (have != NULL || store_framework_exists(st, p.code)) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "files",
		    "%s: field code: a pack or framework '%s' is already loaded%s%s%s; give the "
		    "new "
		    "pack its own code",
		    name, p.code, have ? " (version " : "", have ? have : "", have ? ")" : "");
		goto out;
	}
	snprintf(name, sizeof(name), "%s%s%s", pre, sep, model_file_name[MODEL_FRAMEWORK]);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_pack(st, &t, &p, false, name, err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "model.import", 0, p.code, p.version, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK) {
		store_rollback(st);
		goto out;
	}
	if (out != NULL) {
		*out = p;
		memset(&p, 0, sizeof(p));
	}
out:
	free(have);
	pack_info_free(&p);
	return rc;
}

void
model_check_free(struct model_check *c)
{
	for (size_t i = 0; i < c->nproblems; i++)
		free(c->problems[i]);
	free(c->problems);
	memset(c, 0, sizeof(*c));
}

int
app_model_check_files(const char *where, const struct model_upload *files, size_t n,
    struct model_check *out, struct cairn_err *err)
{
	const char *pre = where != NULL ? where : "", *sep = where != NULL ? "/" : "";
	struct problems c = { .max = MODEL_PROBLEMS_MAX };
	struct model_texts t;
	struct pack_info p = { 0 };
	struct cairn_err e = { 0 };

	memset(out, 0, sizeof(*out));
	memset(&t, 0, sizeof(t));
	if (n == 0)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "files",
		    "give the pack's files: at least pack.json and framework.json");
	/* Each file by its name: one that is not a pack's, given twice or too
	 * large is a problem, and the rest are still checked. */
	for (size_t k = 0; k < n && c.n < c.max; k++) {
		const char *b = base_name(files[k].name != NULL ? files[k].name : "");
		int i;

		for (i = 0; i < MODEL_FILE__MAX; i++)
			if (strcmp(b, model_file_name[i]) == 0)
				break;
		if (i == MODEL_FILE__MAX)
			cairn_errf(&e, CAIRN_EDATA,
			    "%s%s%s: not a file of a model pack; a pack's files are pack.json, "
			    "framework.json, stages.json, report.json, quantifiers.json, "
			    "records.json, release.json, notification.json, return.json and "
			    "position.json",
			    pre, sep, b[0] ? b : "(a file without a name)");
		else if (t.text[i] != NULL)
			cairn_errf(&e, CAIRN_EDATA,
			    "%s%s%s: given twice; give each file of the pack once", pre, sep, b);
		else if (files[k].len > MODEL_FILE_MAX)
			cairn_errf(&e, CAIRN_EDATA, "%s%s%s: larger than %d MiB", pre, sep, b,
			    MODEL_FILE_MAX >> 20);
		if (e.rc != 0) {
			(void)note(&c, &e);
			continue;
		}
		t.text[i] = files[k].data != NULL ? files[k].data : "";
		t.len[i] = files[k].len;
	}
	if (c.n < c.max)
		check_texts(where, &t, &p, &c);
	if (c.n == 0) {
		out->info = p;
		return CAIRN_OK;
	}
	pack_info_free(&p);
	out->problems = c.v;
	out->nproblems = c.n;
	if (err != NULL && err->rc == 0) {
		*err = c.first;
		text_copy(err->field, sizeof(err->field), "files");
	}
	return CAIRN_EDATA;
}

int
app_model_import(struct store *st, const struct actor *who, const char *dir, struct pack_info *out,
    struct cairn_err *err)
{
	struct dir_files d;
	int rc;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_REFERENCE, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = read_dir(dir, &d, err)) == CAIRN_OK)
		rc = app_model_import_files(st, who, dir, d.f, d.n, out, err);
	uploads_free(&d);
	return rc;
}

int
app_model_list(struct store *st, struct pack_info **out, size_t *n, struct cairn_err *err)
{
	return store_model_list(st, out, n, err);
}

int
app_model_of_inspection(struct store *st, const struct actor *who, long insp, char **pack,
    char **version, struct cairn_err *err)
{
	int rc;

	*pack = *version = NULL;
	if ((rc = authz_check(st, who, insp, ACTION_VIEW_INSPECTION, NULL, err)) != CAIRN_OK)
		return rc;
	return store_inspection_model_get(st, insp, pack, version, err);
}

int
app_model_load_builtin(struct store *st, struct cairn_err *err)
{
	struct actor system = actor_system("cairn", "init");

	for (const struct embed_file *e = embed_files; e->name != NULL; e++) {
		size_t len = strlen(e->name);
		struct model_texts t;
		struct pack_info p;
		char code[128], dir[160], *have = NULL;
		int rc;

		if (strncmp(e->name, "models/", 7) != 0 || len < 18 ||
		    strcmp(e->name + len - 10, "/pack.json") != 0 || len - 17 >= sizeof(code))
			continue;
		snprintf(code, sizeof(code), "%.*s", (int)(len - 17), e->name + 7);
		snprintf(dir, sizeof(dir), "models/%s", code);
		if ((rc = model_builtin_texts(code, &t, err)) != CAIRN_OK ||
		    (rc = model_validate(dir, &t, &p, err)) != CAIRN_OK)
			return rc == CAIRN_EDATA ? CAIRN_ESOFTWARE : rc;
		if ((rc = store_model_version(st, code, &have, err)) == CAIRN_OK && have == NULL) {
			if ((rc = store_begin(st, err)) == CAIRN_OK) {
				p.builtin = true;
				if ((rc = store_pack(st, &t, &p, true, dir, err)) != CAIRN_OK ||
				    (rc = audit_record(st, &system, "model.load", 0, p.code,
				         p.version, err)) != CAIRN_OK ||
				    (rc = store_commit(st, err)) != CAIRN_OK)
					store_rollback(st);
			}
		}
		free(have);
		pack_info_free(&p);
		if (rc != CAIRN_OK)
			return rc;
	}
	/* The shipped crosswalks must check against the shipped frameworks. */
	{
		struct crosswalk_set cw;
		int rc = app_crosswalk_load(st, &cw, err);

		crosswalk_set_free(&cw);
		return rc;
	}
}

void
model_detail_free(struct model_detail *d)
{
	if (d == NULL)
		return;
	pack_info_free(&d->info);
	free(d->years);
	free(d->ages);
	for (size_t i = 0; i < d->npartners; i++)
		free(d->partners[i]);
	free(d->partners);
	for (size_t i = 0; i < d->nsources; i++)
		free(d->sources[i]);
	free(d->sources);
	framework_free(&d->fw);
	for (size_t i = 0; i < d->nstages; i++) {
		free(d->stages[i].code);
		free(d->stages[i].title);
	}
	free(d->stages);
	for (size_t i = 0; i < d->nsections; i++)
		free(d->sections[i]);
	free(d->sections);
	memset(d, 0, sizeof(*d));
}

/* Returns a malloc'd copy of the strings of array a, their number in *n. */
static char **
strings_of(json_t *a, size_t *n)
{
	char **v;
	json_t *x;
	size_t i;

	*n = 0;
	if (!json_is_array(a))
		return NULL;
	v = xcalloc(json_array_size(a) + 1, sizeof(*v));
	json_array_foreach(a, i, x)
	{
		if (json_is_string(x))
			v[(*n)++] = xstrdup(json_string_value(x));
	}
	return v;
}

/* Fills d's members from pack.json (already validated). */
static void
detail_manifest(struct model_detail *d, const char *text, size_t len)
{
	json_t *root = json_loadb(text, len, 0, NULL);
	const char *s;

	if (root == NULL)
		return;
	if ((s = json_string_value(json_object_get(root, "years"))) != NULL)
		d->years = xstrdup(s);
	if ((s = json_string_value(json_object_get(root, "ages"))) != NULL)
		d->ages = xstrdup(s);
	d->partners = strings_of(json_object_get(root, "partners"), &d->npartners);
	d->sources = strings_of(json_object_get(root, "sources"), &d->nsources);
	json_decref(root);
}

/* Fills d's report sections from a report template's text: each section's
 * title, or what it holds where it has none. */
static void
detail_sections(struct model_detail *d, const char *text, size_t len)
{
	json_t *root = json_loadb(text, len, 0, NULL), *a, *x;
	size_t i;

	if (root == NULL)
		return;
	a = json_object_get(root, "sections");
	if (json_is_array(a)) {
		d->sections = xcalloc(json_array_size(a) + 1, sizeof(*d->sections));
		json_array_foreach(a, i, x)
		{
			const char *title = json_string_value(json_object_get(x, "title"));
			const char *kind = json_string_value(json_object_get(x, "kind"));

			if (title != NULL)
				d->sections[d->nsections++] = xstrdup(title);
			else if (kind != NULL && strcmp(kind, "key-questions") == 0)
				d->sections[d->nsections++] =
				    xstrdup("One section for each key question");
			else if (kind != NULL)
				d->sections[d->nsections++] = xasprintf("(%s)", kind);
		}
	}
	json_decref(root);
}

int
app_model_get(struct store *st, const char *code, struct model_detail *out, struct cairn_err *err)
{
	struct pack_info *v = NULL;
	struct model_texts t;
	char *stored[MODEL_FILE__MAX] = { 0 };
	const struct embed_file *e;
	struct stage_plan sp = { 0 };
	size_t n = 0, k;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&t, 0, sizeof(t));
	if ((rc = store_model_list(st, &v, &n, err)) != CAIRN_OK)
		return rc;
	for (k = 0; k < n; k++)
		if (code != NULL && strcmp(v[k].code, code) == 0)
			break;
	if (k == n) {
		pack_infos_free(v, n);
		return cairn_err_field(err, CAIRN_ENOINPUT, CAIRN_CODE_UNKNOWN, "code",
		    "no model pack '%s' is loaded", code != NULL ? code : "");
	}
	out->info = v[k];
	memset(&v[k], 0, sizeof(v[k]));
	pack_infos_free(v, n);
	if (out->info.builtin) {
		if ((rc = model_builtin_texts(out->info.code, &t, err)) != CAIRN_OK)
			goto out;
	} else {
		for (int i = 0; i < MODEL_FILE__MAX; i++) {
			if ((rc = store_model_file_get(st, out->info.code, model_file_name[i],
			         &stored[i], err)) != CAIRN_OK)
				goto out;
			if (stored[i] != NULL) {
				t.text[i] = stored[i];
				t.len[i] = strlen(stored[i]);
			}
		}
	}
	for (int i = 0; i < MODEL_FILE__MAX; i++)
		out->present[i] = t.text[i] != NULL;
	if (t.text[MODEL_PACK] != NULL)
		detail_manifest(out, t.text[MODEL_PACK], t.len[MODEL_PACK]);
	if (t.text[MODEL_FRAMEWORK] == NULL ||
	    (rc = framework_from_json(t.text[MODEL_FRAMEWORK], t.len[MODEL_FRAMEWORK],
	         model_file_name[MODEL_FRAMEWORK], &out->fw, err)) != CAIRN_OK) {
		rc = rc != CAIRN_OK ? rc
		                    : cairn_errf(err, CAIRN_ESOFTWARE,
		                          "model pack '%s' has no framework.json", out->info.code);
		goto out;
	}
	out->stages_default = t.text[MODEL_STAGES] == NULL;
	if (!out->stages_default)
		rc = stage_plan_parse(t.text[MODEL_STAGES], t.len[MODEL_STAGES],
		    model_file_name[MODEL_STAGES], &sp, err);
	else if ((e = embed_find("models/default/stages.json")) != NULL)
		rc = stage_plan_parse(e->data, e->len, "default/stages.json", &sp, err);
	if (rc != CAIRN_OK)
		goto out;
	out->weeks = sp.weeks;
	out->stages = xcalloc(sp.n + 1, sizeof(*out->stages));
	for (size_t i = 0; i < sp.n; i++)
		out->stages[out->nstages++] = (struct model_stage){ xstrdup(sp.stages[i].code),
			xstrdup(sp.stages[i].title), sp.stages[i].week, sp.stages[i].required };
	out->report_default = t.text[MODEL_REPORT] == NULL;
	if (!out->report_default)
		detail_sections(out, t.text[MODEL_REPORT], t.len[MODEL_REPORT]);
	else if ((e = embed_find("models/default/report.json")) != NULL)
		detail_sections(out, e->data, e->len);
out:
	stage_plan_free(&sp);
	for (int i = 0; i < MODEL_FILE__MAX; i++)
		free(stored[i]);
	if (rc != CAIRN_OK)
		model_detail_free(out);
	return rc;
}
