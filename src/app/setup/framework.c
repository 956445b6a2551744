/* Frameworks as data: see framework.h. */
#include "app/access/authz.h"
#include "app/setup/framework.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "app/setup/jsonfield.h"
#include "core/embed.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/store.h"

/* Longest code or label accepted, in bytes. */
#define FW_CODE_MAX 64
#define FW_TEXT_MAX 4000
/* Largest framework file read. */
#define FRAMEWORK_FILE_MAX (4 << 20)

/* Returns the array member key of obj, or NULL with err set. */
static json_t *
get_array(json_t *obj, const char *key, const char *name, const char *path, struct cairn_err *err)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL) {
		cairn_errf(err, CAIRN_EDATA, "%s: field %s%s: required", name, path, key);
		return NULL;
	}
	if (!json_is_array(v) || json_array_size(v) == 0) {
		cairn_errf(err, CAIRN_EDATA, "%s: field %s%s: must be a non-empty array", name,
		    path, key);
		return NULL;
	}
	return v;
}

static int
parse_scale(json_t *sc, const char *name, struct scale *s, struct cairn_err *err)
{
	static const char *const keys[] = { "code", "name", "levels", NULL };
	static const char *const lkeys[] = { "value", "label", "short", "description", NULL };
	json_t *levels, *lv;
	size_t i;

	if (!json_is_object(sc))
		return cairn_errf(err, CAIRN_EDATA, "%s: field scale: must be an object", name);
	if (jsonfield_only(sc, keys, name, "scale.", err) ||
	    jsonfield_str(sc, "code", true, FW_CODE_MAX, name, "scale.", &s->code, err) ||
	    jsonfield_str(sc, "name", true, FW_TEXT_MAX, name, "scale.", &s->name, err))
		return CAIRN_EDATA;
	if ((levels = get_array(sc, "levels", name, "scale.", err)) == NULL)
		return CAIRN_EDATA;
	if (json_array_size(levels) < 2 || json_array_size(levels) > 20)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field scale.levels: must have 2 to 20 levels", name);
	s->levels = xcalloc(json_array_size(levels), sizeof(*s->levels));
	json_array_foreach(levels, i, lv)
	{
		struct scale_level *l = &s->levels[i];
		char path[64];
		json_t *val;

		snprintf(path, sizeof(path), "scale.levels[%zu].", i);
		s->nlevels = i + 1;
		if (!json_is_object(lv))
			return cairn_errf(err, CAIRN_EDATA, "%s: field %s: must be an object", name,
			    path);
		if (jsonfield_only(lv, lkeys, name, path, err))
			return CAIRN_EDATA;
		val = json_object_get(lv, "value");
		if (!json_is_integer(val) || json_integer_value(val) < 0 ||
		    json_integer_value(val) > 100)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field %svalue: required, an integer from 0 to 100", name, path);
		l->value = (int)json_integer_value(val);
		if (jsonfield_str(lv, "label", true, FW_CODE_MAX, name, path, &l->label, err) ||
		    jsonfield_str(lv, "short", true, FW_TEXT_MAX, name, path, &l->short_desc,
		        err) ||
		    jsonfield_str(lv, "description", true, FW_TEXT_MAX, name, path, &l->description,
		        err))
			return CAIRN_EDATA;
		if (i > 0 && l->value >= s->levels[i - 1].value)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field %svalue: levels must be listed from highest to lowest value",
			    name, path);
		for (size_t k = 0; k < i; k++)
			if (text_casecmp(s->levels[k].label, l->label) == 0)
				return cairn_errf(err, CAIRN_EDATA,
				    "%s: field %slabel: duplicate label '%s'", name, path,
				    l->label);
	}
	return CAIRN_OK;
}

static int
parse_kqs(json_t *root, const char *name, struct framework *f, struct cairn_err *err)
{
	static const char *const keys[] = { "code", "title", NULL };
	json_t *arr = get_array(root, "key_questions", name, "", err), *kv;
	size_t i;

	if (arr == NULL)
		return CAIRN_EDATA;
	f->kqs = xcalloc(json_array_size(arr), sizeof(*f->kqs));
	json_array_foreach(arr, i, kv)
	{
		char path[64];

		snprintf(path, sizeof(path), "key_questions[%zu].", i);
		f->nkqs = i + 1;
		if (!json_is_object(kv))
			return cairn_errf(err, CAIRN_EDATA, "%s: field %s: must be an object", name,
			    path);
		if (jsonfield_only(kv, keys, name, path, err) ||
		    jsonfield_str(kv, "code", true, FW_CODE_MAX, name, path, &f->kqs[i].code,
		        err) ||
		    jsonfield_str(kv, "title", true, FW_TEXT_MAX, name, path, &f->kqs[i].title,
		        err))
			return CAIRN_EDATA;
		for (size_t k = 0; k < i; k++)
			if (strcmp(f->kqs[k].code, f->kqs[i].code) == 0)
				return cairn_errf(err, CAIRN_EDATA,
				    "%s: field %scode: duplicate code '%s'", name, path,
				    f->kqs[i].code);
	}
	return CAIRN_OK;
}

static int
parse_qis(json_t *root, const char *name, struct framework *f, struct cairn_err *err)
{
	static const char *const keys[] = { "code", "title", "key_question", "evaluated",
		"uncertain", "note", NULL };
	json_t *arr = get_array(root, "indicators", name, "", err), *qv;
	size_t i;

	if (arr == NULL)
		return CAIRN_EDATA;
	f->qis = xcalloc(json_array_size(arr), sizeof(*f->qis));
	json_array_foreach(arr, i, qv)
	{
		struct qi *q = &f->qis[i];
		char path[64];

		snprintf(path, sizeof(path), "indicators[%zu].", i);
		f->nqis = i + 1;
		if (!json_is_object(qv))
			return cairn_errf(err, CAIRN_EDATA, "%s: field %s: must be an object", name,
			    path);
		if (jsonfield_only(qv, keys, name, path, err) ||
		    jsonfield_str(qv, "code", true, FW_CODE_MAX, name, path, &q->code, err) ||
		    jsonfield_str(qv, "title", true, FW_TEXT_MAX, name, path, &q->title, err) ||
		    jsonfield_str(qv, "key_question", true, FW_CODE_MAX, name, path, &q->kq, err) ||
		    jsonfield_bool(qv, "evaluated", true, false, name, path, &q->evaluated, err) ||
		    jsonfield_bool(qv, "uncertain", false, false, name, path, &q->uncertain, err) ||
		    jsonfield_str(qv, "note", false, FW_TEXT_MAX, name, path, &q->note, err))
			return CAIRN_EDATA;
		if (framework_kq(f, q->kq) == NULL)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field %skey_question: '%s' is not one of the key_questions codes",
			    name, path, q->kq);
		for (size_t k = 0; k < i; k++)
			if (strcmp(f->qis[k].code, q->code) == 0)
				return cairn_errf(err, CAIRN_EDATA,
				    "%s: field %scode: duplicate code '%s'", name, path, q->code);
	}
	return CAIRN_OK;
}

int
framework_from_json(const char *text, size_t len, const char *name, struct framework *f,
    struct cairn_err *err)
{
	static const char *const keys[] = { "code", "title", "programme", "note", "scale",
		"key_questions", "indicators", NULL };
	json_error_t jerr;
	json_t *root;
	int rc = CAIRN_EDATA;

	memset(f, 0, sizeof(*f));
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: line %d column %d: %s", name, jerr.line,
		    jerr.column, jerr.text);
	if (!json_is_object(root)) {
		cairn_errf(err, CAIRN_EDATA, "%s: the top level must be an object", name);
		goto out;
	}
	if (jsonfield_only(root, keys, name, "", err) ||
	    jsonfield_str(root, "code", true, FW_CODE_MAX, name, "", &f->code, err) ||
	    jsonfield_str(root, "title", true, FW_TEXT_MAX, name, "", &f->title, err) ||
	    jsonfield_str(root, "programme", true, FW_TEXT_MAX, name, "", &f->programme, err) ||
	    jsonfield_str(root, "note", false, FW_TEXT_MAX, name, "", &f->note, err))
		goto out;
	for (const char *c = f->code; *c; c++) {
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		        *c == '_' || *c == '.')) {
			cairn_errf(err, CAIRN_EDATA,
			    "%s: field code: use lower-case letters, digits, '-', '_' or '.'",
			    name);
			goto out;
		}
	}
	if (json_object_get(root, "scale") == NULL) {
		cairn_errf(err, CAIRN_EDATA, "%s: field scale: required", name);
		goto out;
	}
	if (parse_scale(json_object_get(root, "scale"), name, &f->scale, err) ||
	    parse_kqs(root, name, f, err) || parse_qis(root, name, f, err))
		goto out;
	rc = CAIRN_OK;
out:
	json_decref(root);
	if (rc != CAIRN_OK)
		framework_free(f);
	return rc;
}

/* Stores f in one transaction unless its code is taken. */
static int
store_new_framework(struct store *st, const struct actor *who, const struct framework *f,
    bool builtin, const char *name, struct cairn_err *err)
{
	if (store_framework_exists(st, f->code))
		return cairn_errf(err, CAIRN_EDATA, "%s: a framework with code '%s' already exists",
		    name, f->code);
	if (store_begin(st, err) != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (store_framework_insert(st, f, builtin, err) != CAIRN_OK ||
	    audit_record(st, who, "framework.import", 0, f->code, name, err) != CAIRN_OK ||
	    store_commit(st, err) != CAIRN_OK) {
		store_rollback(st);
		return err != NULL && err->rc ? err->rc : CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

int
app_framework_import_text(struct store *st, const struct actor *who, const char *name,
    const char *text, size_t len, char **code_out, struct cairn_err *err)
{
	struct framework f;
	int rc;

	if (code_out != NULL)
		*code_out = NULL;
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_REFERENCE, NULL, err)) != CAIRN_OK)
		return rc;
	if (len > FRAMEWORK_FILE_MAX)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "file",
		    "%s: larger than %d MiB", name, FRAMEWORK_FILE_MAX >> 20);
	if ((rc = framework_from_json(text, len, name, &f, err)) != CAIRN_OK) {
		if (err != NULL && err->field[0] == '\0')
			text_copy(err->field, sizeof(err->field), "file");
		return rc;
	}
	rc = store_new_framework(st, who, &f, false, name, err);
	if (rc == CAIRN_EDATA && err != NULL && err->field[0] == '\0')
		text_copy(err->field, sizeof(err->field), "file");
	if (rc == CAIRN_OK && code_out != NULL)
		*code_out = xstrdup(f.code);
	framework_free(&f);
	return rc;
}

int
app_framework_import(struct store *st, const struct actor *who, const char *path, char **code_out,
    struct cairn_err *err)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (code_out != NULL)
		*code_out = NULL;
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_REFERENCE, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = file_read_all(path, FRAMEWORK_FILE_MAX, &text, &len, err)) != CAIRN_OK)
		return rc;
	rc = app_framework_import_text(st, who, path, text, len, code_out, err);
	free(text);
	return rc;
}

int
app_framework_load_builtin(struct store *st, struct cairn_err *err)
{
	for (const struct embed_file *e = embed_files; e->name != NULL; e++) {
		struct framework f;
		int rc;

		size_t len = strlen(e->name);

		if (strncmp(e->name, "models/", 7) != 0 || len < 22 ||
		    strcmp(e->name + len - 15, "/framework.json") != 0)
			continue;
		if ((rc = framework_from_json(e->data, e->len, e->name, &f, err)) != CAIRN_OK)
			return rc;
		struct actor system = actor_system("cairn", "init");

		rc = store_framework_exists(st, f.code)
		    ? CAIRN_OK
		    : store_new_framework(st, &system, &f, true, e->name, err);
		framework_free(&f);
		if (rc != CAIRN_OK)
			return rc;
	}
	return CAIRN_OK;
}

json_t *
framework_summaries_json(const struct framework_summary *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:b}", "code", v[i].code,
		        "title", v[i].title, "programme", v[i].programme, "scale", v[i].scale_name,
		        "levels", v[i].nlevels, "indicators", v[i].nqis, "evaluated",
		        v[i].nevaluated, "builtin", v[i].builtin));
	return a;
}

json_t *
framework_json(const struct framework *f)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s?}", "code", f->code, "title", f->title,
	    "programme", f->programme, "note", f->note);
	json_t *levels = json_array(), *kqs = json_array(), *qis = json_array();

	for (size_t i = 0; i < f->scale.nlevels; i++)
		json_array_append_new(levels,
		    json_pack("{s:i, s:s, s:s, s:s}", "value", f->scale.levels[i].value, "label",
		        f->scale.levels[i].label, "short", f->scale.levels[i].short_desc,
		        "description", f->scale.levels[i].description));
	json_object_set_new(o, "scale",
	    json_pack("{s:s, s:s, s:o}", "code", f->scale.code, "name", f->scale.name, "levels",
	        levels));
	for (size_t i = 0; i < f->nkqs; i++)
		json_array_append_new(kqs,
		    json_pack("{s:s, s:s}", "code", f->kqs[i].code, "title", f->kqs[i].title));
	json_object_set_new(o, "key_questions", kqs);
	for (size_t i = 0; i < f->nqis; i++)
		json_array_append_new(qis,
		    json_pack("{s:s, s:s, s:s, s:b, s:b, s:s?}", "code", f->qis[i].code, "title",
		        f->qis[i].title, "key_question", f->qis[i].kq, "evaluated",
		        f->qis[i].evaluated, "uncertain", f->qis[i].uncertain, "note",
		        f->qis[i].note));
	json_object_set_new(o, "indicators", qis);
	return o;
}
