/*
 * Fuzz the multipart/form-data decoder (web/form.h).  The first byte picks
 * one of a few Content-Type headers; the rest is the body.  Properties: on
 * success every field is valid UTF-8 within the limits and every file lies
 * inside the body within the limits; writing the form out again as
 * multipart (unless some content holds the new delimiter) and decoding
 * that gives the same fields and files.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "fuzz.h"
#include "web/form.h"

static const struct form_limits lim = {
	.max_fields = 8,
	.max_value = 256,
	.max_files = 2,
	.max_file = 1024,
};

/* Appends s as a quoted-string with '"' and '\' escaped. */
static void
quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* Writes d as a multipart body with boundary "B0und" into b. */
static void
write_form(const struct form_data *d, struct buf *b)
{
	for (size_t i = 0; i < d->nfields; i++) {
		buf_puts(b, "--B0und\r\nContent-Disposition: form-data; name=");
		quoted(b, d->fields[i].name);
		buf_puts(b, "\r\n\r\n");
		buf_puts(b, d->fields[i].value);
		buf_puts(b, "\r\n");
	}
	for (size_t i = 0; i < d->nfiles; i++) {
		buf_puts(b, "--B0und\r\nContent-Disposition: form-data; name=");
		quoted(b, d->files[i].field);
		buf_puts(b, "; filename=");
		quoted(b, d->files[i].filename);
		if (d->files[i].content_type != NULL)
			buf_printf(b, "\r\nContent-Type: %s", d->files[i].content_type);
		buf_puts(b, "\r\n\r\n");
		buf_append(b, d->files[i].data, d->files[i].len);
		buf_puts(b, "\r\n");
	}
	buf_puts(b, "--B0und--\r\n");
}

/* Returns true if n bytes at p hold the delimiter write_form uses. */
static bool
holds(const char *p, size_t n)
{
	static const char delim[] = "\r\n--B0und";

	for (size_t i = 0; i + sizeof(delim) - 1 <= n; i++)
		if (memcmp(p + i, delim, sizeof(delim) - 1) == 0)
			return true;
	return false;
}

/* Returns true if some field or file of d holds the delimiter. */
static bool
find_delim(const struct form_data *d)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (holds(d->fields[i].value, strlen(d->fields[i].value)))
			return true;
	for (size_t i = 0; i < d->nfiles; i++)
		if (holds(d->files[i].data, d->files[i].len))
			return true;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = {
		"multipart/form-data; boundary=xYz",
		"multipart/form-data; boundary=\"a'b\"",
		"Multipart/Form-Data; charset=utf-8; boundary=--x",
		"multipart/form-data; boundary=-",
	};
	struct form_data d, d2;
	struct buf b = BUF_INIT;
	const char *body;
	size_t len;

	if (size == 0)
		return 0;
	body = (const char *)data + 1;
	len = size - 1;
	if (form_multipart(body, len, types[data[0] % 4], &lim, &d) != FORM_OK) {
		if (d.fields != NULL || d.files != NULL || d.nfields + d.nfiles != 0)
			abort();
		return 0;
	}
	if (d.nfields > lim.max_fields || d.nfiles > lim.max_files)
		abort();
	for (size_t i = 0; i < d.nfields; i++)
		if (strlen(d.fields[i].value) > lim.max_value || d.fields[i].name[0] == '\0' ||
		    !text_utf8_valid(d.fields[i].value, strlen(d.fields[i].value)))
			abort();
	for (size_t i = 0; i < d.nfiles; i++)
		if (d.files[i].len > lim.max_file || d.files[i].data < body ||
		    d.files[i].data + d.files[i].len > body + len ||
		    strchr(d.files[i].filename, '/') != NULL ||
		    strchr(d.files[i].filename, '\\') != NULL)
			abort();
	/* Content holding the new delimiter cannot be written out the same way. */
	if (find_delim(&d))
		goto out;
	write_form(&d, &b);
	if (form_multipart(buf_str(&b), b.len, "multipart/form-data; boundary=B0und", &lim, &d2) !=
	    FORM_OK)
		abort();
	if (d2.nfields != d.nfields || d2.nfiles != d.nfiles)
		abort();
	for (size_t i = 0; i < d.nfields; i++)
		if (strcmp(d.fields[i].name, d2.fields[i].name) != 0 ||
		    strcmp(d.fields[i].value, d2.fields[i].value) != 0)
			abort();
	for (size_t i = 0; i < d.nfiles; i++)
		if (strcmp(d.files[i].field, d2.files[i].field) != 0 ||
		    strcmp(d.files[i].filename, d2.files[i].filename) != 0 ||
		    d.files[i].len != d2.files[i].len ||
		    memcmp(d.files[i].data, d2.files[i].data, d.files[i].len) != 0)
			abort();
	form_data_free(&d2);
out:
	form_data_free(&d);
	buf_free(&b);
	return 0;
}
