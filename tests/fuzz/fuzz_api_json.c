/*
 * Fuzz the JSON API body validator (web/apibody.h) with every real schema
 * of the server's routes: each route whose api_route_schema (web/api.c)
 * is not NULL, each distinct schema once.  The first byte chooses the
 * schema (its remainder by their number) and the content type (its
 * quotient); the rest is the body.  Any input is either accepted,
 * and then the object keeps every promise of the schema (only its fields,
 * the required ones present, each of its type and within its limits), or
 * refused with 400, 413, 415 or 422 and a message.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* Every distinct body schema of the routes, found once (web/api.c). */
static const struct api_schema *schemas[WR__MAX];
static size_t nschemas;
/* Content types tried (the first is by far the most common). */
static const char *const types[] = { "application/json", "application/json; charset=utf-8",
	"text/plain", NULL };

/* Aborts unless string v keeps field f's length limit. */
static void
string_ok(const struct api_field *f, json_t *v)
{
	size_t len;

	if (!json_is_string(v))
		abort();
	len = json_string_length(v);
	if (strlen(json_string_value(v)) != len || (long long)len > f->max ||
	    (long long)len < f->min)
		abort();
}

/* Aborts unless v (present, not null) keeps field f's promises. */
static void
value_ok(const struct api_field *f, json_t *v)
{
	size_t i;
	const char *k;
	json_t *m;

	switch (f->type) {
	case AT_STRING: string_ok(f, v); break;
	case AT_INTEGER:
		if (!json_is_integer(v) || json_integer_value(v) < f->min ||
		    json_integer_value(v) > f->max)
			abort();
		break;
	case AT_BOOLEAN:
		if (!json_is_boolean(v))
			abort();
		break;
	case AT_TEXT_OR_INT:
		if (json_is_integer(v)) {
			if (json_integer_value(v) < f->min || json_integer_value(v) > f->max)
				abort();
		} else {
			string_ok(f, v);
		}
		break;
	case AT_STRING_ARRAY:
		if (!json_is_array(v) || json_array_size(v) > f->max_items)
			abort();
		json_array_foreach(v, i, m) string_ok(f, m);
		break;
	case AT_STRING_MAP:
		if (!json_is_object(v) || json_object_size(v) > f->max_items)
			abort();
		json_object_foreach(v, k, m) string_ok(f, m);
		break;
	case AT__MAX: abort();
	}
}

/* Fills schemas with each route's schema, each once; aborts if a schema
 * has no name or no fields, or if no route has one. */
static void
find_schemas(void)
{
	for (size_t r = 0; r < WR__MAX; r++) {
		const struct api_schema *s = api_route_schema((enum web_route)r);
		size_t i;

		if (s == NULL)
			continue;
		if (s->name == NULL || s->nfields == 0 || s->fields == NULL)
			abort();
		for (i = 0; i < nschemas && schemas[i] != s; i++)
			;
		if (i == nschemas)
			schemas[nschemas++] = s;
	}
	if (nschemas == 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct api_schema *s;
	struct api_error e;
	const char *ct;
	json_t *obj, *v;
	const char *key;
	size_t q;

	if (nschemas == 0)
		find_schemas();
	if (size < 1)
		return 0;
	s = schemas[data[0] % nschemas];
	q = data[0] / nschemas;
	ct = types[q % 8 < 5 ? 0 : q % 4];
	obj = api_body_check(s, ct, (const char *)data + 1, size - 1, &e);
	if (obj == NULL) {
		if ((e.status != 400 && e.status != 413 && e.status != 415 && e.status != 422) ||
		    e.message[0] == '\0' || memchr(e.field, '\0', sizeof(e.field)) == NULL)
			abort();
		return 0;
	}
	if (!json_is_object(obj))
		abort();
	json_object_foreach(obj, key, v)
	{
		const struct api_field *f = NULL;

		for (size_t i = 0; i < s->nfields; i++)
			if (strcmp(s->fields[i].name, key) == 0)
				f = &s->fields[i];
		if (f == NULL || (json_is_null(v) && !f->nullable))
			abort();
		if (!json_is_null(v))
			value_ok(f, v);
	}
	for (size_t i = 0; i < s->nfields; i++) {
		v = json_object_get(obj, s->fields[i].name);
		if (s->fields[i].required && (v == NULL || json_is_null(v)))
			abort();
	}
	json_decref(obj);
	return 0;
}
