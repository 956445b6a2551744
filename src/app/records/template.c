/* Reading templates: see template.h. */
#include "app/access/authz.h"
#include "app/records/template.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/buf.h"
#include "core/embed.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/records.h"
#include "store/store.h"

/* Largest template file accepted. */
#define TEMPLATE_FILE_MAX ((size_t)1 << 20)
/* Longest code (item, agency, template), in bytes. */
#define TEMPLATE_CODE_MAX 64
/* Longest free-text answer, in bytes. */
#define TEMPLATE_TEXT_MAX 4000

const char *const answer_type_code[ANSWER__MAX] = {
	[ANSWER_SIX_POINT] = "six-point",
	[ANSWER_YES_NO_NA] = "yes-no-na",
	[ANSWER_LIST] = "list",
	[ANSWER_TEXT] = "text",
};
_Static_assert(sizeof(answer_type_code) / sizeof(answer_type_code[0]) == ANSWER__MAX,
    "answer_type_code: one entry per value");

void
template_free(struct template *t)
{
	free(t->code);
	free(t->framework);
	free(t->title);
	for (size_t i = 0; i < t->nagencies; i++) {
		free(t->agencies[i].code);
		free(t->agencies[i].name);
	}
	free(t->agencies);
	for (size_t i = 0; i < t->nitems; i++) {
		struct template_item *it = &t->items[i];

		free(it->code);
		free(it->text);
		strv_free(it->choices, it->nchoices);
		strv_free(it->qis, it->nqis);
	}
	free(t->items);
	memset(t, 0, sizeof(*t));
}

const struct template_item *
template_item(const struct template *t, const char *code)
{
	for (size_t i = 0; i < t->nitems; i++)
		if (strcmp(t->items[i].code, code) == 0)
			return &t->items[i];
	return NULL;
}

const struct template_agency *
template_agency(const struct template *t, const char *code)
{
	for (size_t i = 0; i < t->nagencies; i++)
		if (text_casecmp(t->agencies[i].code, code) == 0)
			return &t->agencies[i];
	return NULL;
}

/* Returns true if s is a valid code: 1..64 of [a-z0-9.-]. */
static bool
code_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > TEMPLATE_CODE_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		        s[i] == '.' || s[i] == '_'))
			return false;
	return true;
}

/* Reads required string member key of o at path into *out. */
static int
get_str(json_t *o, const char *path, const char *key, bool code, char **out, struct cairn_err *err)
{
	json_t *v = json_object_get(o, key);
	const char *s;

	if (v == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s%s%s: missing", path, path[0] ? "." : "",
		    key);
	if (!json_is_string(v) || (s = json_string_value(v))[0] == '\0')
		return cairn_errf(err, CAIRN_EDATA, "%s%s%s: must be a non-empty string", path,
		    path[0] ? "." : "", key);
	if (code && !code_ok(s))
		return cairn_errf(err, CAIRN_EDATA,
		    "%s%s%s: '%s' is not a code (1 to 64 lower-case "
		    "letters, digits, '-', '.' or '_')",
		    path, path[0] ? "." : "", key, s);
	*out = xstrdup(s);
	return CAIRN_OK;
}

/* Reads an array of strings. */
static int
get_strv(json_t *o, const char *path, const char *key, bool required, char ***out, size_t *n,
    struct cairn_err *err)
{
	json_t *a = json_object_get(o, key), *v;
	size_t i;

	*out = NULL;
	*n = 0;
	if (a == NULL && !required)
		return CAIRN_OK;
	if (!json_is_array(a))
		return cairn_errf(err, CAIRN_EDATA, "%s.%s: %s", path, key,
		    a == NULL ? "missing (a list of strings)" : "must be a list of strings");
	*out = xcalloc(json_array_size(a) + 1, sizeof(char *));
	json_array_foreach(a, i, v)
	{
		if (!json_is_string(v) || json_string_value(v)[0] == '\0')
			return cairn_errf(err, CAIRN_EDATA,
			    "%s.%s[%zu]: must be a non-empty string", path, key, i);
		(*out)[(*n)++] = xstrdup(json_string_value(v));
	}
	return CAIRN_OK;
}

/* Parses one item at items[i]. */
static int
parse_item(json_t *o, size_t i, const struct framework *fw, struct template *t,
    struct cairn_err *err)
{
	struct template_item *it = &t->items[i];
	char path[32], *answer = NULL;
	json_t *pa;
	int rc;

	snprintf(path, sizeof(path), "items[%zu]", i);
	if (!json_is_object(o))
		return cairn_errf(err, CAIRN_EDATA, "%s: must be an object", path);
	if ((rc = get_str(o, path, "code", true, &it->code, err)) != CAIRN_OK ||
	    (rc = get_str(o, path, "text", false, &it->text, err)) != CAIRN_OK ||
	    (rc = get_str(o, path, "answer", false, &answer, err)) != CAIRN_OK)
		return rc;
	for (size_t k = 0; k < i; k++)
		if (strcmp(t->items[k].code, it->code) == 0) {
			free(answer);
			return cairn_errf(err, CAIRN_EDATA,
			    "%s.code: '%s' is used twice (also items[%zu])", path, it->code, k);
		}
	it->answer = ANSWER__MAX;
	for (int k = 0; k < ANSWER__MAX; k++)
		if (strcmp(answer, answer_type_code[k]) == 0)
			it->answer = (enum answer_type)k;
	if (it->answer == ANSWER__MAX) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "%s.answer: '%s' is not an answer type; valid: "
		    "six-point, yes-no-na, list, text",
		    path, answer);
		free(answer);
		return rc;
	}
	free(answer);
	if ((rc = get_strv(o, path, "choices", it->answer == ANSWER_LIST, &it->choices,
	         &it->nchoices, err)) != CAIRN_OK)
		return rc;
	if (it->answer == ANSWER_LIST && it->nchoices < 2)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s.choices: a list item needs at least two "
		    "choices",
		    path);
	for (size_t c = 1; c < it->nchoices; c++)
		for (size_t k = 0; k < c; k++)
			if (text_casecmp(it->choices[c], it->choices[k]) == 0)
				return cairn_errf(err, CAIRN_EDATA,
				    "%s.choices[%zu]: '%s' is also choice %zu; answers are matched "
				    "ignoring case, so each choice must differ from the others",
				    path, c, it->choices[c], k);
	if (it->answer != ANSWER_LIST && it->nchoices > 0)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s.choices: only items with answer \"list\" have "
		    "choices",
		    path);
	if ((rc = get_strv(o, path, "qis", true, &it->qis, &it->nqis, err)) != CAIRN_OK)
		return rc;
	for (size_t k = 0; fw != NULL && k < it->nqis; k++)
		if (framework_qi(fw, it->qis[k]) == NULL)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s.qis[%zu]: '%s' is not a quality indicator "
			    "of %s",
			    path, k, it->qis[k], fw->code);
	pa = json_object_get(o, "per_agency");
	if (pa != NULL && !json_is_boolean(pa))
		return cairn_errf(err, CAIRN_EDATA, "%s.per_agency: must be true or false", path);
	it->per_agency = json_is_true(pa);
	if (it->per_agency && t->nagencies == 0)
		return cairn_errf(err, CAIRN_EDATA, "%s.per_agency: the template lists no agencies",
		    path);
	return CAIRN_OK;
}

int
template_parse(const char *json, size_t len, const struct framework *fw, struct template *out,
    struct cairn_err *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr), *a, *v;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "line %d, column %d: %s", jerr.line,
		    jerr.column, jerr.text);
	if (!json_is_object(root)) {
		rc = cairn_errf(err, CAIRN_EDATA, "the template must be a JSON object");
		goto out;
	}
	if ((rc = get_str(root, "", "code", true, &out->code, err)) != CAIRN_OK ||
	    (rc = get_str(root, "", "framework", true, &out->framework, err)) != CAIRN_OK ||
	    (rc = get_str(root, "", "title", false, &out->title, err)) != CAIRN_OK)
		goto out;
	if (fw != NULL && strcmp(fw->code, out->framework) != 0) {
		rc = cairn_errf(err, CAIRN_EDATA, "framework: '%s' is not '%s'", out->framework,
		    fw->code);
		goto out;
	}
	a = json_object_get(root, "agencies");
	if (a != NULL && !json_is_array(a)) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "agencies: must be a list of {\"code\", \"name\"}");
		goto out;
	}
	out->agencies = xcalloc(json_array_size(a) + 1, sizeof(*out->agencies));
	json_array_foreach(a, i, v)
	{
		char path[32];

		snprintf(path, sizeof(path), "agencies[%zu]", i);
		if (!json_is_object(v)) {
			rc = cairn_errf(err, CAIRN_EDATA, "%s: must be an object", path);
			goto out;
		}
		out->nagencies++;
		if ((rc = get_str(v, path, "code", true, &out->agencies[i].code, err)) !=
		        CAIRN_OK ||
		    (rc = get_str(v, path, "name", false, &out->agencies[i].name, err)) != CAIRN_OK)
			goto out;
		for (size_t k = 0; k < i; k++)
			if (strcmp(out->agencies[k].code, out->agencies[i].code) == 0) {
				rc = cairn_errf(err, CAIRN_EDATA, "%s.code: '%s' is used twice",
				    path, out->agencies[i].code);
				goto out;
			}
	}
	a = json_object_get(root, "items");
	if (!json_is_array(a) || json_array_size(a) == 0) {
		rc = cairn_errf(err, CAIRN_EDATA, "items: must be a non-empty list of items");
		goto out;
	}
	out->items = xcalloc(json_array_size(a), sizeof(*out->items));
	json_array_foreach(a, i, v)
	{
		out->nitems++;
		if ((rc = parse_item(v, i, fw, out, err)) != CAIRN_OK)
			goto out;
	}
	rc = CAIRN_OK;
out:
	json_decref(root);
	if (rc != CAIRN_OK)
		template_free(out);
	return rc;
}

int
template_answer(const struct template_item *it, const struct scale *scale, const char *text,
    char *out, size_t outsz, struct cairn_err *err)
{
	size_t n = strlen(text);
	int level;

	switch (it->answer) {
	case ANSWER_SIX_POINT:
		if (scale_parse(scale, text, &level)) {
			snprintf(out, outsz, "%d", level);
			return CAIRN_OK;
		}
		return cairn_errf(err, CAIRN_EDATA,
		    "'%s' is not an answer to %s; valid: a level from "
		    "%d to %d or its label (e.g. good)",
		    text, it->code, scale_bottom(scale), scale_top(scale));
	case ANSWER_YES_NO_NA:
		if (text_casecmp(text, "yes") == 0 || text_casecmp(text, "y") == 0)
			text = "yes";
		else if (text_casecmp(text, "no") == 0 || text_casecmp(text, "n") == 0)
			text = "no";
		else if (text_casecmp(text, "na") == 0 || text_casecmp(text, "n/a") == 0 ||
		    text_casecmp(text, "not applicable") == 0)
			text = "na";
		else
			return cairn_errf(err, CAIRN_EDATA,
			    "'%s' is not an answer to %s; valid: yes, no, "
			    "na",
			    text, it->code);
		text_copy(out, outsz, text);
		return CAIRN_OK;
	case ANSWER_LIST:
		for (size_t i = 0; i < it->nchoices; i++)
			if (text_casecmp(text, it->choices[i]) == 0) {
				text_copy(out, outsz, it->choices[i]);
				return CAIRN_OK;
			}
		{
			struct buf b = BUF_INIT;
			int rc;

			for (size_t i = 0; i < it->nchoices; i++)
				buf_printf(&b, "%s%s", i ? ", " : "", it->choices[i]);
			rc = cairn_errf(err, CAIRN_EDATA, "'%s' is not an answer to %s; valid: %s",
			    text, it->code, buf_str(&b));
			buf_free(&b);
			return rc;
		}
	case ANSWER_TEXT:
	default:
		if (n == 0 || n > TEMPLATE_TEXT_MAX || n >= outsz || !text_utf8_valid(text, n))
			return cairn_errf(err, CAIRN_EDATA,
			    "the answer to %s must be UTF-8 text of 1 to "
			    "%d bytes",
			    it->code, TEMPLATE_TEXT_MAX);
		text_copy(out, outsz, text);
		return CAIRN_OK;
	}
}

/* Returns the shipped template called code, or NULL. */
static const struct embed_file *
shipped(const char *code)
{
	char name[128];
	size_t len = strlen(code);

	/* The pack's reading template: "PACK-records" is models/PACK/records.json. */
	if (len < 9 || strcmp(code + len - 8, "-records") != 0)
		return NULL;
	snprintf(name, sizeof(name), "models/%.*s/records.json", (int)(len - 8), code);
	return embed_find(name);
}

int
app_template_load(struct store *st, const char *code, struct template *out, struct cairn_err *err)
{
	const struct embed_file *f = shipped(code);
	char *body = NULL;
	int rc;

	if (f != NULL) {
		if ((rc = template_parse(f->data, f->len, NULL, out, err)) == CAIRN_OK)
			out->builtin = true;
		return rc;
	}
	if ((rc = store_template_get(st, code, &body, err)) != CAIRN_OK)
		return rc;
	if (body == NULL) {
		char **codes = NULL;
		size_t n = 0;
		struct buf b = BUF_INIT;

		if (app_template_codes(st, &codes, &n, err) == CAIRN_OK)
			for (size_t i = 0; i < n; i++)
				buf_printf(&b, "%s%s", i ? ", " : "", codes[i]);
		strv_free(codes, n);
		rc = cairn_errf(err, CAIRN_EDATA, "unknown template '%s'; valid: %s", code,
		    buf_str(&b));
		buf_free(&b);
		return rc;
	}
	rc = template_parse(body, strlen(body), NULL, out, err);
	free(body);
	return rc;
}

int
app_template_for(struct store *st, long insp, struct template *out, struct framework *fw,
    struct cairn_err *err)
{
	struct inspection in = { 0 };
	char *code = NULL;
	int rc;

	memset(fw, 0, sizeof(*fw));
	if ((rc = store_inspection_load(st, insp, &in, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_framework_load(st, in.framework_code, fw, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_inspection_template_get(st, insp, &code, err)) != CAIRN_OK)
		goto out;
	if (code == NULL) {
		code = xasprintf("%s-records", in.framework_code);
		if (shipped(code) == NULL) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "framework %s has no shipped reading template; "
			    "import a reading template and choose it for inspection %ld",
			    in.framework_code, insp);
			goto out;
		}
	}
	rc = app_template_load(st, code, out, err);
out:
	if (rc != CAIRN_OK)
		framework_free(fw);
	free(code);
	inspection_free(&in);
	return rc;
}

int
app_template_codes(struct store *st, char ***codes, size_t *n, struct cairn_err *err)
{
	char **stored = NULL;
	size_t nstored = 0, cap = 0;
	int rc;

	*codes = NULL;
	*n = 0;
	for (const struct embed_file *e = embed_files; e->name != NULL; e++) {
		size_t len = strlen(e->name);

		if (strncmp(e->name, "models/", 7) != 0 || len < 21 ||
		    strcmp(e->name + len - 13, "/records.json") != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*codes = xreallocarray(*codes, cap, sizeof(char *));
		}
		(*codes)[(*n)++] = xasprintf("%.*s-records", (int)(len - 20), e->name + 7);
	}
	if ((rc = store_template_codes(st, &stored, &nstored, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < nstored; i++) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*codes = xreallocarray(*codes, cap, sizeof(char *));
		}
		(*codes)[(*n)++] = stored[i];
	}
	free(stored);
	return CAIRN_OK;
}

void
template_choices_free(struct template_choice *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].code);
		free(v[i].title);
	}
	free(v);
}

int
app_template_choices(struct store *st, const struct actor *who, long insp,
    struct template_choice **out, size_t *nout, struct cairn_err *err)
{
	struct inspection in = { 0 };
	char **codes = NULL, *chosen = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = authz_check(st, who, insp, ACTION_VIEW_INSPECTION, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_inspection_load(st, insp, &in, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_inspection_template_get(st, insp, &chosen, err)) != CAIRN_OK ||
	    (rc = app_template_codes(st, &codes, &n, err)) != CAIRN_OK)
		goto out;
	if (chosen == NULL)
		chosen = xasprintf("%s-records", in.framework_code);
	*out = xcalloc(n + 1, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		struct template t = { 0 };
		struct cairn_err ignored = { 0 };

		/* A stored template that no longer parses is not offered. */
		if (app_template_load(st, codes[i], &t, &ignored) != CAIRN_OK)
			continue;
		if (strcmp(t.framework, in.framework_code) == 0)
			(*out)[(*nout)++] = (struct template_choice){ .code = xstrdup(codes[i]),
				.title = xstrdup(t.title != NULL ? t.title : codes[i]),
				.builtin = t.builtin,
				.current = strcmp(codes[i], chosen) == 0 };
		template_free(&t);
	}
out:
	strv_free(codes, n);
	free(chosen);
	inspection_free(&in);
	return rc;
}

int
app_template_import_text(struct store *st, const struct actor *who, const char *name,
    const char *body, size_t len, char **code, struct cairn_err *err)
{
	struct template t = { 0 };
	struct framework fw = { 0 };
	json_error_t jerr;
	json_t *root = NULL;
	char *fcode = NULL, *copy = NULL;
	int rc;

	*code = NULL;
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_REFERENCE, NULL, err)) != CAIRN_OK)
		return rc;
	if (len > TEMPLATE_FILE_MAX)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "file",
		    "%s: larger than %zu KiB", name, TEMPLATE_FILE_MAX >> 10);
	/* Find the framework first, so that indicator codes can be checked. */
	root = json_loadb(body, len, 0, &jerr);
	if (root == NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "file",
		    "%s: line %d column %d: %s", name, jerr.line, jerr.column, jerr.text);
		goto out;
	}
	if (json_is_string(json_object_get(root, "framework")))
		fcode = xstrdup(json_string_value(json_object_get(root, "framework")));
	json_decref(root);
	if (fcode != NULL && (rc = store_framework_load(st, fcode, &fw, err)) != CAIRN_OK) {
		char msg[CAIRN_ERR_MSG];

		snprintf(msg, sizeof(msg), "%s", err->msg);
		cairn_err_clear(err);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "file",
		    "%s: framework: %s", name, msg);
		goto out;
	}
	if ((rc = template_parse(body, len, fcode ? &fw : NULL, &t, err)) != CAIRN_OK) {
		char msg[CAIRN_ERR_MSG];

		snprintf(msg, sizeof(msg), "%s", err->msg);
		cairn_err_clear(err);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "file", "%s: %s", name,
		    msg);
		goto out;
	}
	if (shipped(t.code) != NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "file",
		    "%s: code: '%s' is a shipped template; give yours "
		    "another code",
		    name, t.code);
		goto out;
	}
	copy = xstrndup(body, len);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_template_put(st, t.code, t.framework, copy, err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "template.import", 0, t.code, name, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK) {
		store_rollback(st);
		goto out;
	}
	*code = xstrdup(t.code);
out:
	template_free(&t);
	framework_free(&fw);
	free(fcode);
	free(copy);
	return rc;
}

int
app_template_import(struct store *st, const struct actor *who, const char *path, char **code,
    struct cairn_err *err)
{
	char *body = NULL;
	size_t len = 0;
	int rc;

	*code = NULL;
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_REFERENCE, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = file_read_all(path, TEMPLATE_FILE_MAX, &body, &len, err)) != CAIRN_OK)
		return rc;
	rc = app_template_import_text(st, who, path, body, len, code, err);
	free(body);
	return rc;
}

int
app_template_use(struct store *st, const struct actor *who, long insp, const char *code,
    struct cairn_err *err)
{
	struct template t = { 0 };
	struct inspection in = { 0 };
	int rc;

	if ((rc = authz_check(st, who, insp, ACTION_MANAGE_READERS, NULL, err)) != CAIRN_OK)
		return rc;

	if (code == NULL || code[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "template",
		    "choose the reading template");
	if ((rc = store_inspection_load(st, insp, &in, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_template_load(st, code, &t, err)) != CAIRN_OK) {
		if (rc == CAIRN_EDATA && err != NULL) {
			snprintf(err->field, sizeof(err->field), "template");
			err->code = CAIRN_CODE_UNKNOWN;
		}
		goto out;
	}
	if (strcmp(t.framework, in.framework_code) != 0) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "template",
		    "template '%s' is for framework %s; inspection %ld "
		    "uses %s",
		    code, t.framework, insp, in.framework_code);
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_inspection_template_set(st, insp, code, err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "template.use", insp, code, NULL, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
out:
	template_free(&t);
	inspection_free(&in);
	return rc;
}

json_t *
template_codes_json(char *const *codes, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(codes[i]));
	return a;
}

json_t *
template_show_json(const struct template *t)
{
	json_t *items = json_array(), *agencies = json_array();

	for (size_t i = 0; i < t->nagencies; i++)
		json_array_append_new(agencies,
		    json_pack("{s:s, s:s}", "code", t->agencies[i].code, "name",
		        t->agencies[i].name));
	for (size_t i = 0; i < t->nitems; i++) {
		const struct template_item *it = &t->items[i];
		json_t *qis = json_array(), *j;

		for (size_t k = 0; k < it->nqis; k++)
			json_array_append_new(qis, json_string(it->qis[k]));
		j = json_pack("{s:s, s:s, s:s, s:o, s:b}", "code", it->code, "text", it->text,
		    "answer", answer_type_code[it->answer], "qis", qis, "per_agency",
		    it->per_agency);
		if (it->answer == ANSWER_LIST) {
			json_t *ch = json_array();

			for (size_t k = 0; k < it->nchoices; k++)
				json_array_append_new(ch, json_string(it->choices[k]));
			json_object_set_new(j, "choices", ch);
		}
		json_array_append_new(items, j);
	}
	return json_pack("{s:s, s:s, s:s, s:b, s:o, s:o}", "code", t->code, "framework",
	    t->framework, "title", t->title, "builtin", t->builtin, "agencies", agencies, "items",
	    items);
}
