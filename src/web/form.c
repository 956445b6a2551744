/*
 * Form decoding (see form.h): URL-encoded pairs and multipart/form-data
 * parts, bounded, over a byte buffer, with no I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "web/form.h"

/* Longest header block of one multipart part, in bytes. */
#define PART_HEADERS_MAX 8192
/* Longest boundary (RFC 2046). */
#define BOUNDARY_MAX 70

const char *const form_error_text[FORM__MAX] = {
	[FORM_OK] = "the form was read",
	[FORM_BAD_TYPE] = "the form is not multipart/form-data with a boundary",
	[FORM_MALFORMED] = "the form data is malformed",
	[FORM_TOO_MANY] = "the form has too many fields or files",
	[FORM_TOO_LARGE] = "a field or a file of the form is too large",
	[FORM_NOT_TEXT] = "a field of the form is not valid UTF-8 text",
};
_Static_assert(sizeof(form_error_text) / sizeof(form_error_text[0]) == FORM__MAX,
    "form_error_text: one entry per value");

/* Returns the value of a hex digit, or -1. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* U+FFFD, the replacement character, in UTF-8. */
static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Returns a malloc'd NUL-terminated copy of the len bytes at s (a
 * multipart text value, not escaped), each NUL byte as U+FFFD. */
static char *
raw_value(const char *s, size_t len)
{
	char *out = xmalloc(3 * len + 1);
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\0') {
			memcpy(out + o, REPLACEMENT, sizeof(REPLACEMENT) - 1);
			o += sizeof(REPLACEMENT) - 1;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

char *
form_decode(const char *s, size_t len, bool plus_is_space)
{
	return form_decode_value(s, len, plus_is_space, false);
}

char *
form_decode_value(const char *s, size_t len, bool plus_is_space, bool nul_shown)
{
	/* A NUL, escaped (3 bytes) or not (1), becomes at most 3 bytes. */
	char *out = xmalloc((nul_shown ? 3 * len : len) + 1);
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '%') {
			int hi, lo;

			if (i + 2 >= len)
				goto bad;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				goto bad;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0' && !nul_shown)
			goto bad;
		if (c == '\0') {
			memcpy(out + o, REPLACEMENT, sizeof(REPLACEMENT) - 1);
			o += sizeof(REPLACEMENT) - 1;
			continue;
		}
		out[o++] = c;
	}
	out[o] = '\0';
	if (!text_utf8_valid(out, o))
		goto bad;
	return out;
bad:
	free(out);
	return NULL;
}

void
form_params_free(struct form_param *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

/* Appends (name, value) to *v (taking both); grows the array. */
static void
param_push(struct form_param **v, size_t *n, size_t *cap, char *name, char *value)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[*n].name = name;
	(*v)[*n].value = value;
	(*n)++;
}

bool
form_urlencoded(const char *s, size_t len, const struct form_limits *lim, struct form_param **out,
    size_t *n)
{
	size_t i = 0, cap = 0;

	*out = NULL;
	*n = 0;
	while (i < len) {
		size_t start = i, eq = (size_t)-1;
		char *name, *value;

		while (i < len && s[i] != '&') {
			if (s[i] == '=' && eq == (size_t)-1)
				eq = i;
			i++;
		}
		if (i > start) {
			size_t nend = eq != (size_t)-1 ? eq : i;
			size_t vstart = eq != (size_t)-1 ? eq + 1 : i;

			/* An escaped value is at most three times its decoded length. */
			if (*n == lim->max_fields || i - vstart > lim->max_value * 3 ||
			    nend - start > lim->max_value * 3)
				goto bad;
			name = form_decode(s + start, nend - start, true);
			value = form_decode_value(s + vstart, i - vstart, true, lim->nul_shown);
			if (name == NULL || value == NULL || strlen(value) > lim->max_value ||
			    strlen(name) > lim->max_value) {
				free(name);
				free(value);
				goto bad;
			}
			param_push(out, n, &cap, name, value);
		}
		i++; /* skip '&' */
	}
	return true;
bad:
	form_params_free(*out, *n);
	*out = NULL;
	*n = 0;
	return false;
}

/* Returns true if a and b (n bytes) are equal ignoring ASCII case. */
static bool
same_ci(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

/* Returns true for a character RFC 2046 allows in a boundary. */
static bool
boundary_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    strchr("'()+_,-./:=? ", c) != NULL;
}

bool
form_boundary(const char *content_type, char *out, size_t outsz)
{
	static const char type[] = "multipart/form-data";
	const char *p = content_type;

	if (p == NULL || strlen(p) < sizeof(type) - 1 || !same_ci(p, type, sizeof(type) - 1))
		return false;
	p += sizeof(type) - 1;
	while (*p != '\0') {
		size_t n = 0;
		bool quoted;

		if (*p != ';' && *p != ' ' && *p != '\t')
			return false;
		p += strspn(p, "; \t");
		if (strlen(p) < 9 || !same_ci(p, "boundary=", 9)) {
			p += strcspn(p, ";");
			continue;
		}
		p += 9;
		quoted = *p == '"';
		p += quoted;
		while (p[n] != '\0' &&
		    (quoted ? p[n] != '"' : p[n] != ';' && p[n] != ' ' && p[n] != '\t'))
			n++;
		if (n == 0 || n > BOUNDARY_MAX || n >= outsz || (quoted && p[n] != '"') ||
		    p[n - 1] == ' ')
			return false;
		for (size_t i = 0; i < n; i++)
			if (!boundary_char(p[i]))
				return false;
		memcpy(out, p, n);
		out[n] = '\0';
		return true;
	}
	return false;
}

/* Returns the offset of the first needle (nlen > 0 bytes) in hay
 * (hlen bytes), or (size_t)-1. */
static size_t
find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	size_t i = 0;

	while (hlen >= nlen && i <= hlen - nlen) {
		const char *p = memchr(hay + i, needle[0], hlen - nlen - i + 1);

		if (p == NULL)
			return (size_t)-1;
		i = (size_t)(p - hay);
		if (memcmp(p, needle, nlen) == 0)
			return i;
		i++;
	}
	return (size_t)-1;
}

/* Headers of one part that matter. */
struct part_head {
	char *name;         /* the name parameter (malloc'd) */
	char *filename;     /* the filename parameter (malloc'd) or NULL: a text field */
	char *content_type; /* Content-Type value (malloc'd) or NULL */
};

/* Frees a part's headers. */
static void
part_head_free(struct part_head *h)
{
	free(h->name);
	free(h->filename);
	free(h->content_type);
	memset(h, 0, sizeof(*h));
}

/* Copies n bytes of s into a new string if they are valid UTF-8 without
 * NUL or other control characters (tab allowed); NULL otherwise. */
static char *
text_dup(const char *s, size_t n)
{
	char *out;

	if (!text_utf8_valid(s, n))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			return NULL;
	out = xmalloc(n + 1);
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/*
 * Parses the parameters of a Content-Disposition value after "form-data"
 * (p .. end) into h: name and filename, quoted (with backslash escapes)
 * or bare.  Returns FORM_OK or why not.
 */
static enum form_error
disposition_params(const char *p, const char *end, struct part_head *h)
{
	while (p < end) {
		const char *key;
		size_t klen;
		char val[1024];
		size_t vlen = 0;

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		if (*p != ';')
			return FORM_MALFORMED;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		key = p;
		while (p < end && *p != '=' && *p != ';' && *p != ' ')
			p++;
		klen = (size_t)(p - key);
		if (p == end || *p != '=')
			return FORM_MALFORMED;
		p++;
		if (p < end && *p == '"') {
			for (p++; p < end && *p != '"'; p++) {
				if (*p == '\\' && p + 1 < end)
					p++;
				if (vlen == sizeof(val))
					return FORM_TOO_LARGE;
				val[vlen++] = *p;
			}
			if (p == end)
				return FORM_MALFORMED;
			p++;
		} else {
			for (; p < end && *p != ';' && *p != ' ' && *p != '\t'; p++) {
				if (vlen == sizeof(val))
					return FORM_TOO_LARGE;
				val[vlen++] = *p;
			}
		}
		if (klen == 4 && same_ci(key, "name", 4)) {
			free(h->name);
			if ((h->name = text_dup(val, vlen)) == NULL)
				return FORM_NOT_TEXT;
		} else if (klen == 8 && same_ci(key, "filename", 8)) {
			size_t base = 0;

			/* Keep only the last path component some browsers send. */
			for (size_t i = 0; i < vlen; i++)
				if (val[i] == '/' || val[i] == '\\')
					base = i + 1;
			free(h->filename);
			h->filename = NULL;
			if (!text_utf8_valid(val + base, vlen - base))
				return FORM_NOT_TEXT;
			h->filename = xmalloc(vlen - base + 1);
			for (size_t i = base; i < vlen; i++)
				h->filename[i - base] =
				    (unsigned char)val[i] < 0x20 || val[i] == 0x7f ? '_' : val[i];
			h->filename[vlen - base] = '\0';
		}
	}
	return FORM_OK;
}

/* Parses a part's header block (s, n bytes, CRLF-separated lines). */
static enum form_error
part_headers(const char *s, size_t n, struct part_head *h)
{
	const char *p = s, *end = s + n;
	bool disposition = false;

	while (p < end) {
		size_t eol = find(p, (size_t)(end - p), "\r\n", 2);
		const char *le = eol == (size_t)-1 ? end : p + eol;
		const char *colon = memchr(p, ':', (size_t)(le - p));
		const char *v;

		if (colon == NULL)
			return FORM_MALFORMED;
		v = colon + 1;
		while (v < le && (*v == ' ' || *v == '\t'))
			v++;
		if (colon - p == 19 && same_ci(p, "Content-Disposition", 19)) {
			enum form_error e;

			if (disposition || le - v < 9 || !same_ci(v, "form-data", 9))
				return FORM_MALFORMED;
			disposition = true;
			if ((e = disposition_params(v + 9, le, h)) != FORM_OK)
				return e;
		} else if (colon - p == 12 && same_ci(p, "Content-Type", 12)) {
			const char *ve = le;

			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			free(h->content_type);
			if ((h->content_type = text_dup(v, (size_t)(ve - v))) == NULL)
				return FORM_NOT_TEXT;
		}
		p = le == end ? end : le + 2;
	}
	if (!disposition || h->name == NULL || h->name[0] == '\0')
		return FORM_MALFORMED;
	return FORM_OK;
}

void
form_data_free(struct form_data *d)
{
	form_params_free(d->fields, d->nfields);
	for (size_t i = 0; i < d->nfiles; i++) {
		free(d->files[i].field);
		free(d->files[i].filename);
		free(d->files[i].content_type);
	}
	free(d->files);
	memset(d, 0, sizeof(*d));
}

/* Adds one parsed part (headers h, content data/len) to out, taking h's
 * strings; counts against the limits. */
static enum form_error
add_part(struct form_data *out, size_t *fcap, size_t *filecap, struct part_head *h,
    const char *data, size_t len, const struct form_limits *lim)
{
	if (h->filename != NULL) {
		struct form_file *f;

		if (out->nfiles == lim->max_files)
			return FORM_TOO_MANY;
		if (len > lim->max_file)
			return FORM_TOO_LARGE;
		if (out->nfiles == *filecap) {
			*filecap = *filecap ? *filecap * 2 : 2;
			out->files = xreallocarray(out->files, *filecap, sizeof(*out->files));
		}
		f = &out->files[out->nfiles++];
		f->field = h->name;
		f->filename = h->filename;
		f->content_type = h->content_type;
		f->data = data;
		f->len = len;
		memset(h, 0, sizeof(*h));
		return FORM_OK;
	}
	{
		char *value;

		if (out->nfields == lim->max_fields)
			return FORM_TOO_MANY;
		if (len > lim->max_value)
			return FORM_TOO_LARGE;
		if ((!lim->nul_shown && memchr(data, '\0', len) != NULL) ||
		    !text_utf8_valid(data, len))
			return FORM_NOT_TEXT;
		value = raw_value(data, len);
		param_push(&out->fields, &out->nfields, fcap, h->name, value);
		h->name = NULL;
		part_head_free(h);
		return FORM_OK;
	}
}

enum form_error
form_multipart(const char *body, size_t len, const char *content_type,
    const struct form_limits *lim, struct form_data *out)
{
	char b[BOUNDARY_MAX + 1], delim[BOUNDARY_MAX + 5];
	size_t dlen, pos, fcap = 0, filecap = 0;
	enum form_error e = FORM_MALFORMED;
	struct part_head h = { 0 };

	memset(out, 0, sizeof(*out));
	if (!form_boundary(content_type, b, sizeof(b)))
		return FORM_BAD_TYPE;
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", b);
	/* The first delimiter may open the body without the CRLF. */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		pos = dlen - 2;
	} else {
		size_t at = find(body, len, delim, dlen);

		if (at == (size_t)-1)
			goto fail;
		pos = at + dlen;
	}
	for (;;) {
		size_t hend, cend;

		/* After a delimiter: "--" closes, else optional padding and CRLF. */
		if (len - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
			break;
		while (pos < len && (body[pos] == ' ' || body[pos] == '\t'))
			pos++;
		if (len - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n')
			goto fail;
		pos += 2;
		if (len - pos >= 2 && body[pos] == '\r' && body[pos + 1] == '\n') {
			hend = pos; /* no headers at all */
		} else {
			hend = find(body + pos, len - pos, "\r\n\r\n", 4);
			if (hend == (size_t)-1 || hend > PART_HEADERS_MAX) {
				e = hend == (size_t)-1 ? FORM_MALFORMED : FORM_TOO_LARGE;
				goto fail;
			}
			hend += pos;
		}
		if ((e = part_headers(body + pos, hend - pos, &h)) != FORM_OK)
			goto fail;
		pos = hend + (hend == pos ? 2 : 4);
		cend = find(body + pos, len - pos, delim, dlen);
		if (cend == (size_t)-1) {
			e = FORM_MALFORMED;
			goto fail;
		}
		if ((e = add_part(out, &fcap, &filecap, &h, body + pos, cend, lim)) != FORM_OK)
			goto fail;
		pos += cend + dlen;
	}
	return FORM_OK;
fail:
	part_head_free(&h);
	form_data_free(out);
	return e == FORM_OK ? FORM_MALFORMED : e;
}
