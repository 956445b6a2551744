/* The JSON API body validator: see apibody.h. */
#include "web/apibody.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/text.h"
#include "web/http.h"

const char *const api_type_name[AT__MAX] = {
	[AT_STRING] = "string",
	[AT_INTEGER] = "integer",
	[AT_BOOLEAN] = "boolean",
	[AT_TEXT_OR_INT] = "string or integer",
	[AT_STRING_ARRAY] = "array of strings",
	[AT_STRING_MAP] = "object of strings",
};
_Static_assert(sizeof(api_type_name) / sizeof(api_type_name[0]) == AT__MAX,
    "api_type_name: one entry per value");

/* Fills *e and returns false. */
static bool __attribute__((format(printf, 4, 5)))
fail(struct api_error *e, int status, const char *field, const char *fmt, ...)
{
	va_list ap;

	e->status = status;
	snprintf(e->field, sizeof(e->field), "%s", field != NULL ? field : "");
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	/* A key or value cut to its place in the message ("%.60s") or to
	 * field[] may end in half a character: the answer stays UTF-8. */
	text_utf8_repair(e->field);
	text_utf8_repair(e->message);
	return false;
}

/* Returns true if content type ct is application/json (parameters such
 * as "; charset=utf-8" allowed). */
static bool
is_json_type(const char *ct)
{
	static const char want[] = "application/json";
	size_t n = sizeof(want) - 1;

	if (ct == NULL || strncmp(ct, want, n) != 0)
		return false;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t';
}

/* Checks a string value against field f's length limits. */
static bool
check_string(const struct api_field *f, json_t *v, const char *what, struct api_error *e)
{
	size_t len = json_string_length(v);

	if (strlen(json_string_value(v)) != len)
		return fail(e, 400, f->name, "'%s' must not contain NUL characters", f->name);
	if ((long long)len > f->max)
		return fail(e, 422, f->name, "%s '%s' is %zu bytes long; the limit is %lld bytes",
		    what, f->name, len, f->max);
	if ((long long)len < f->min)
		return fail(e, 422, f->name, "%s '%s' must be at least %lld bytes long", what,
		    f->name, f->min);
	return true;
}

/* Checks an integer value against field f's range. */
static bool
check_integer(const struct api_field *f, json_t *v, struct api_error *e)
{
	long long x = (long long)json_integer_value(v);

	if (x < f->min || x > f->max)
		return fail(e, 422, f->name, "'%s' must be from %lld to %lld, not %lld", f->name,
		    f->min, f->max, x);
	return true;
}

/* Checks one present, non-null value against its field. */
static bool
check_value(const struct api_field *f, json_t *v, struct api_error *e)
{
	size_t i;
	const char *k;
	json_t *m;

	switch (f->type) {
	case AT_STRING:
		if (!json_is_string(v))
			break;
		return check_string(f, v, "the string", e);
	case AT_INTEGER:
		if (!json_is_integer(v))
			break;
		return check_integer(f, v, e);
	case AT_BOOLEAN:
		if (!json_is_boolean(v))
			break;
		return true;
	case AT_TEXT_OR_INT:
		if (json_is_string(v))
			return check_string(f, v, "the string", e);
		if (json_is_integer(v))
			return check_integer(f, v, e);
		break;
	case AT_STRING_ARRAY:
		if (!json_is_array(v))
			break;
		if (json_array_size(v) > f->max_items)
			return fail(e, 422, f->name, "'%s' has %zu members; the limit is %zu",
			    f->name, json_array_size(v), f->max_items);
		json_array_foreach(v, i, m)
		{
			if (!json_is_string(m))
				return fail(e, 400, f->name, "'%s' must be an array of strings",
				    f->name);
			if (!check_string(f, m, "a member of", e))
				return false;
		}
		return true;
	case AT_STRING_MAP:
		if (!json_is_object(v))
			break;
		if (json_object_size(v) > f->max_items)
			return fail(e, 422, f->name, "'%s' has %zu members; the limit is %zu",
			    f->name, json_object_size(v), f->max_items);
		json_object_foreach(v, k, m)
		{
			if (!json_is_string(m))
				return fail(e, 400, f->name,
				    "'%s' must map names to strings ('%.60s' does "
				    "not)",
				    f->name, k);
			if (strlen(k) == 0 || strlen(k) > 200)
				return fail(e, 422, f->name,
				    "'%s' has a key of %zu bytes; keys are 1 to 200 "
				    "bytes",
				    f->name, strlen(k));
			if (!check_string(f, m, "a value of", e))
				return false;
		}
		return true;
	case AT__MAX: break;
	}
	return fail(e, 400, f->name, "'%s' must be %s%s", f->name,
	    f->type == AT_INTEGER || f->type == AT_STRING_ARRAY ? "an " : "a ",
	    f->type < AT__MAX ? api_type_name[f->type] : "?");
}

/* Returns the field called key in s, or NULL. */
static const struct api_field *
field_of(const struct api_schema *s, const char *key)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].name, key) == 0)
			return &s->fields[i];
	return NULL;
}

json_t *
api_body_check(const struct api_schema *s, const char *content_type, const char *body, size_t len,
    struct api_error *e)
{
	json_error_t je;
	json_t *obj, *v;
	const char *key;

	memset(e, 0, sizeof(*e));
	if (!is_json_type(content_type)) {
		fail(e, 415, NULL, "the body must be JSON (Content-Type: application/json)");
		return NULL;
	}
	if (len > API_BODY_MAX) {
		fail(e, 413, NULL, "the body is %zu bytes; the limit is %zu bytes", len,
		    API_BODY_MAX);
		return NULL;
	}
	if (body == NULL)
		body = "";
	obj = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (obj == NULL) {
		fail(e, 400, NULL, "the body is not valid JSON: %.150s (line %d, column %d)",
		    je.text, je.line, je.column);
		return NULL;
	}
	if (!json_is_object(obj)) {
		fail(e, 400, NULL, "the body must be a JSON object (%s)", s->name);
		goto bad;
	}
	json_object_foreach(obj, key, v)
	{
		const struct api_field *f = field_of(s, key);

		if (f == NULL) {
			char field[80];

			snprintf(field, sizeof(field), "%s", key);
			fail(e, 400, field, "unknown field '%.60s'", key);
			goto bad;
		}
		if (json_is_null(v)) {
			if (!f->nullable) {
				fail(e, 400, f->name, "'%s' must not be null", f->name);
				goto bad;
			}
			continue;
		}
		if (!check_value(f, v, e))
			goto bad;
	}
	for (size_t i = 0; i < s->nfields; i++) {
		const struct api_field *f = &s->fields[i];

		v = json_object_get(obj, f->name);
		if (f->required && (v == NULL || json_is_null(v))) {
			fail(e, 400, f->name, "'%s' is required (%s)", f->name,
			    api_type_name[f->type]);
			goto bad;
		}
	}
	return obj;
bad:
	json_decref(obj);
	return NULL;
}

json_t *
api_schema_json(const struct api_schema *s)
{
	json_t *a = json_array();

	for (size_t i = 0; i < s->nfields; i++) {
		const struct api_field *f = &s->fields[i];

		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:b, s:b, s:I, s:I, s:I}", "name", f->name, "type",
		        api_type_name[f->type], "required", f->required, "nullable", f->nullable,
		        "min", (json_int_t)f->min, "max", (json_int_t)f->max, "max_items",
		        (json_int_t)f->max_items));
	}
	return json_pack("{s:s, s:o}", "name", s->name, "fields", a);
}

const char *
api_member(json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

/* Writes len bytes of data to a private temporary file named name, filling
 * u; false after answering 500, the file removed. */
static bool
save_bytes(struct web_resp *w, const char *data, size_t len, const char *name, struct web_upload *u)
{
	struct form_file f = { 0 };
	struct cairn_err err = { 0 };
	char fname[32];

	text_copy(fname, sizeof(fname), name);
	f.filename = fname;
	f.data = data;
	f.len = len;
	if (web_upload_save(&f, name, u, &err) != CAIRN_OK) {
		web_upload_remove(u);
		web_json_error(w, 500, "the file could not be read; nothing was changed", NULL);
		return false;
	}
	return true;
}

bool
api_save_text(struct web_resp *w, const char *text, const char *name, struct web_upload *u)
{
	const char *data = text != NULL ? text : "";

	return save_bytes(w, data, strlen(data), name, u);
}

/* True if Content-Type ct is text/csv (with or without parameters). */
static bool
is_csv(const char *ct)
{
	size_t n = strlen("text/csv");

	return ct != NULL && strncasecmp(ct, "text/csv", n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

bool
api_save_csv_body(const struct web_req *r, struct web_resp *w, const char *name, const char *what,
    struct web_upload *u)
{
	if (!is_csv(r->content_type)) {
		web_json_error(w, 415, "the body must be the CSV file (Content-Type: text/csv)",
		    NULL);
		return false;
	}
	if (r->body == NULL || r->body_len == 0) {
		char msg[256];

		snprintf(msg, sizeof(msg), "the body is empty: send %s", what);
		web_json_error(w, 422, msg, NULL);
		return false;
	}
	/* The importer reads a file, as for the page's upload (the server's
	 * body limit, WEB_BODY_MAX, has already bounded it). */
	return save_bytes(w, r->body, r->body_len, name, u);
}
