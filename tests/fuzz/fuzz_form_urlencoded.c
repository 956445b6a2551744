/*
 * Fuzz the URL-encoded form decoder (web/form.h).  Properties: on success
 * every name and value is valid UTF-8 without NUL, within the limits; and
 * encoding the pairs again and decoding that gives exactly the same pairs.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "fuzz.h"
#include "web/form.h"

static const struct form_limits lim = {
	.max_fields = 16,
	.max_value = 64,
	.max_files = 0,
	.max_file = 0,
};

/* Appends s percent-encoded (every byte but unreserved ones). */
static void
encode(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~')
			buf_putc(b, (char)*p);
		else if (*p == ' ')
			buf_putc(b, '+');
		else
			buf_printf(b, "%%%02X", *p);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form_param *v = NULL, *v2 = NULL;
	size_t n = 0, n2 = 0;
	struct buf b = BUF_INIT;

	if (!form_urlencoded((const char *)data, size, &lim, &v, &n)) {
		if (v != NULL || n != 0)
			abort();
		return 0;
	}
	if (n > lim.max_fields)
		abort();
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(v[i].name), vl = strlen(v[i].value);

		if (vl > lim.max_value || !text_utf8_valid(v[i].name, nl) ||
		    !text_utf8_valid(v[i].value, vl))
			abort();
		if (i)
			buf_putc(&b, '&');
		encode(&b, v[i].name);
		buf_putc(&b, '=');
		encode(&b, v[i].value);
	}
	/* Empty names decode to nothing on the way back ("=x" keeps them). */
	if (!form_urlencoded(buf_str(&b), b.len, &lim, &v2, &n2) || n2 != n)
		abort();
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, v2[i].name) != 0 || strcmp(v[i].value, v2[i].value) != 0)
			abort();
	form_params_free(v, n);
	form_params_free(v2, n2);
	buf_free(&b);
	return 0;
}
