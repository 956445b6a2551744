/*
 * Decoding form data: application/x-www-form-urlencoded (query strings
 * and ordinary forms) and multipart/form-data (forms with a file), as pure
 * functions over a byte buffer with explicit limits.  Nothing here does
 * I/O or knows about HTTP beyond the two formats, so both can be fuzzed.
 *
 * Every name and every text value comes out as NUL-terminated valid
 * UTF-8 without NUL bytes (a NUL in a value is refused, or shown as U+FFFD
 * when the limits say nul_shown); uploaded file contents are left as bytes
 * and point into the caller's buffer.
 */
#ifndef CAIRN_WEB_FORM_H
#define CAIRN_WEB_FORM_H

#include <stdbool.h>
#include <stddef.h>

/* One decoded name=value pair of a form or query string (both malloc'd). */
struct form_param {
	char *name;  /* decoded name */
	char *value; /* decoded value, valid UTF-8 */
};

/* One uploaded file of a multipart form. */
struct form_file {
	char *field;        /* the form field's name (malloc'd, UTF-8) */
	char *filename;     /* the name the browser gave, malloc'd UTF-8 without
	                     * control characters; metadata only, never a path */
	char *content_type; /* the part's Content-Type (malloc'd) or NULL */
	const char *data;   /* the content, borrowed from the body buffer */
	size_t len;         /* its length in bytes */
};

/* Limits a decoder enforces; exceeding one fails the whole form. */
struct form_limits {
	size_t max_fields; /* text fields, at most */
	size_t max_value;  /* bytes of one decoded text value, at most */
	size_t max_files;  /* file parts, at most */
	size_t max_file;   /* bytes of one file, at most */
	bool nul_shown;    /* a NUL in a text value becomes U+FFFD (the replacement
	                    * character, which app/'s text check refuses at its
	                    * field) rather than failing the whole form: a person
	                    * can paste one into a field; names never hold one */
};

/* A decoded form: text fields and files (free with form_data_free). */
struct form_data {
	struct form_param *fields; /* text fields in order, malloc'd */
	size_t nfields;
	struct form_file *files; /* file parts in order, malloc'd */
	size_t nfiles;
};

/* Why a multipart body was refused, for the one-line error. */
enum form_error {
	FORM_OK = 0,
	FORM_BAD_TYPE,  /* not multipart/form-data or no usable boundary */
	FORM_MALFORMED, /* the body does not follow the format */
	FORM_TOO_MANY,  /* more fields or files than the limits allow */
	FORM_TOO_LARGE, /* a value or a file over its limit */
	FORM_NOT_TEXT,  /* a text value or name that is not UTF-8 or holds NUL */
	FORM__MAX
};
/* One sentence per form_error, indexed by it. */
extern const char *const form_error_text[FORM__MAX];

/*
 * Decodes %XX and (when plus_is_space) '+' of s (len bytes) into a new
 * malloc'd string; NULL if an escape is malformed, the result holds a NUL
 * byte or is not valid UTF-8.
 */
char *form_decode(const char *s, size_t len, bool plus_is_space);
/* As form_decode, but each NUL byte of the result becomes U+FFFD when
 * nul_shown is true (a form value; see form_limits). */
char *form_decode_value(const char *s, size_t len, bool plus_is_space, bool nul_shown);

/*
 * Parses an application/x-www-form-urlencoded string (query or body) of
 * len bytes into *out (malloc'd array of *n pairs); returns false, with
 * *out NULL and *n 0, if it is malformed, has more than lim->max_fields
 * pairs or a value longer than lim->max_value.
 */
bool form_urlencoded(const char *s, size_t len, const struct form_limits *lim,
    struct form_param **out, size_t *n);

/* Frees an array of n params (NULL is fine). */
void form_params_free(struct form_param *v, size_t n);

/*
 * Copies the boundary parameter of a multipart/form-data Content-Type
 * into out (at most 70 bytes, RFC 2046); false if the type is not
 * multipart/form-data or the boundary is missing or invalid.
 */
bool form_boundary(const char *content_type, char *out, size_t outsz);

/*
 * Parses a multipart/form-data body (len bytes) sent with content_type.
 * Parts with a filename parameter become files (their data borrowed from
 * body, which must outlive *out); other parts become text fields.
 * Returns FORM_OK and fills *out, or another code with *out empty.
 */
enum form_error form_multipart(const char *body, size_t len, const char *content_type,
    const struct form_limits *lim, struct form_data *out);

/* Frees what form_multipart filled; a zeroed form_data is fine. */
void form_data_free(struct form_data *d);

#endif
