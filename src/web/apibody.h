/*
 * The one validator of JSON API request bodies.  Each body is described by
 * a schema: a table of fields (name, JSON type, required, limits).  A body
 * is accepted only if it is declared JSON, at most API_BODY_MAX bytes,
 * well-formed UTF-8 JSON without duplicate keys, an object, with no field
 * outside the table, every required field present, each of its type and
 * within its limits.  Otherwise the result names the status to answer
 * with (413, 415, 400 or 422), one sentence and the field.  Pure: no I/O,
 * no database; the fuzz harness tests/fuzz/fuzz_api_json.c drives it.
 */
#ifndef CAIRN_WEB_APIBODY_H
#define CAIRN_WEB_APIBODY_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* Largest JSON API body, in bytes. */
#define API_BODY_MAX ((size_t)64 << 10)

/* JSON types a field may have. */
enum api_type {
	AT_STRING = 0,   /* a string without NUL; min/max bound its length in bytes */
	AT_INTEGER,      /* an integer; min/max bound its value */
	AT_BOOLEAN,      /* true or false */
	AT_TEXT_OR_INT,  /* a string (length bounded by max) or an integer (value by min/max) */
	AT_STRING_ARRAY, /* an array of at most max_items strings, each bounded by max */
	AT_STRING_MAP,   /* an object of at most max_items string values, each bounded by max */
	AT__MAX
};
/* The types' names as the error messages and the OpenAPI check use them. */
extern const char *const api_type_name[AT__MAX];

/* One field of a body. */
struct api_field {
	const char *name;   /* the key */
	enum api_type type; /* its JSON type */
	bool required;      /* must be present (not null) */
	bool nullable;      /* null is accepted (as absent) */
	long long min;      /* smallest length or value */
	long long max;      /* largest length (bytes) or value */
	size_t max_items;   /* AT_STRING_ARRAY, AT_STRING_MAP: most members */
};

/* A body: a name (for messages and the OpenAPI check) and its fields. */
struct api_schema {
	const char *name;               /* e.g. "GradeBody" (the OpenAPI schema's name) */
	const struct api_field *fields; /* the table */
	size_t nfields;
};

/* Why a body was refused. */
struct api_error {
	int status;        /* 400, 413, 415 or 422 */
	char message[256]; /* one sentence naming what was wrong and what is valid */
	char field[80];    /* the field concerned, or "" */
};

/*
 * Checks a request body against schema s.  content_type may be NULL.
 * Returns the parsed object (caller owns the reference) or NULL with *e
 * filled.
 */
json_t *api_body_check(const struct api_schema *s, const char *content_type, const char *body,
    size_t len, struct api_error *e);

/* Returns the schema as JSON {"name":..., "fields":[{name, type, required,
 * nullable, min, max, max_items}]} for the OpenAPI check (caller owns). */
json_t *api_schema_json(const struct api_schema *s);

/* Returns the string member name of object o, or NULL when absent, null
 * or not a string (borrowed from o). */
const char *api_member(json_t *o, const char *name);

struct web_resp;
struct web_upload;
/* Writes text (a member of an API body; NULL is an empty file) to a
 * private temporary file named name, which the file imports read, filling
 * u (the caller removes it with web_upload_remove).  Returns false after
 * answering 500, with the file removed. */
bool api_save_text(struct web_resp *w, const char *text, const char *name, struct web_upload *u);
struct web_req;
/* Writes a request's body, a CSV file (Content-Type text/csv), to a private
 * temporary file named name, as api_save_text.  Returns false after
 * answering 415 (another type), 422 ("the body is empty: send " what) or
 * 500. */
bool api_save_csv_body(const struct web_req *r, struct web_resp *w, const char *name,
    const char *what, struct web_upload *u);

#endif
