/* Text utilities: see text.h. */
#include "core/text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static const char *const ones[20] = {
	"zero",
	"one",
	"two",
	"three",
	"four",
	"five",
	"six",
	"seven",
	"eight",
	"nine",
	"ten",
	"eleven",
	"twelve",
	"thirteen",
	"fourteen",
	"fifteen",
	"sixteen",
	"seventeen",
	"eighteen",
	"nineteen",
};
static const char *const tens[10] = {
	"",
	"",
	"twenty",
	"thirty",
	"forty",
	"fifty",
	"sixty",
	"seventy",
	"eighty",
	"ninety",
};

const char *
text_number_word(long n, char *out, size_t outsz)
{
	if (n >= 0 && n < 20)
		snprintf(out, outsz, "%s", ones[n]);
	else if (n >= 20 && n < 100 && n % 10 == 0)
		snprintf(out, outsz, "%s", tens[n / 10]);
	else if (n > 20 && n < 100)
		snprintf(out, outsz, "%s-%s", tens[n / 10], ones[n % 10]);
	else
		snprintf(out, outsz, "%ld", n);
	return out;
}

uint64_t
text_hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

int
text_casecmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	for (;; x++, y++) {
		int cx = tolower(*x), cy = tolower(*y);

		if (cx != cy || cx == '\0')
			return cx - cy;
	}
}

/* Returns the length of the valid UTF-8 sequence that starts the n bytes
 * at p (1 to 4), or 0 if they do not start with one. */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	size_t len;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

bool
text_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t len = utf8_seq(p + i, n - i);

		if (len == 0)
			return false;
		i += len;
	}
	return true;
}

size_t
text_utf8_repair(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t n, i = 0, bad = 0;

	if (s == NULL)
		return 0;
	n = strlen(s);
	while (i < n) {
		size_t len = utf8_seq(p + i, n - i);

		if (len == 0) {
			p[i++] = '?';
			bad++;
		} else {
			i += len;
		}
	}
	return bad;
}

bool
text_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool
text_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return false;
	/* Decimal only: strtod would also take "0x10", "inf" and "nan". */
	if (s[strspn(s, "0123456789+-.eE")] != '\0' || strpbrk(s, "0123456789") == NULL)
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v))
		return false;
	*out = v;
	return true;
}

void
text_lower(const char *s, char *out, size_t outsz)
{
	size_t i = 0;

	if (outsz == 0)
		return;
	for (; s[i] != '\0' && i + 1 < outsz; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[i] = '\0';
}

bool
text_copy(char *out, size_t outsz, const char *s)
{
	size_t n = strlen(s);

	if (outsz == 0)
		return false;
	if (n >= outsz) {
		memcpy(out, s, outsz - 1);
		out[outsz - 1] = '\0';
		return false;
	}
	memcpy(out, s, n + 1);
	return true;
}

char *
text_trim(char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

size_t
text_bidi_control(const char *text, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned c;

	if (n >= 2 && s[0] == 0xD8 && s[1] == 0x9C) {
		*cp = 0x061C;
		return 2;
	}
	if (n >= 3 && s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81) && (s[2] & 0xC0) == 0x80) {
		c = 0x2000u | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3Fu);
		if (c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
		    (c >= 0x2066 && c <= 0x2069)) {
			*cp = c;
			return 3;
		}
	}
	return 0;
}

void
text_bidi_show(struct buf *out, const char *s, size_t n, text_escape_fn *esc, const char *open,
    const char *close)
{
	size_t run = 0;

	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = text_bidi_control(s + i, n - i, &cp);

		if (len == 0) {
			i++;
			continue;
		}
		if (esc != NULL)
			esc(out, s + run, i - run);
		else
			buf_append(out, s + run, i - run);
		buf_printf(out, "%sU+%04X%s", open, cp, close);
		i += len;
		run = i;
	}
	if (esc != NULL)
		esc(out, s + run, n - run);
	else
		buf_append(out, s + run, n - run);
}

bool
text_has_bidi(const char *s)
{
	unsigned cp;

	if (s == NULL)
		return false;
	for (size_t i = 0, n = strlen(s); i < n; i++)
		if (((unsigned char)s[i] == 0xE2 || (unsigned char)s[i] == 0xD8) &&
		    text_bidi_control(s + i, n - i, &cp) > 0)
			return true;
	return false;
}

char *
text_bidi_shown(const char *s)
{
	struct buf b = BUF_INIT;

	if (s == NULL)
		return NULL;
	text_bidi_show(&b, s, strlen(s), NULL, "<", ">");
	return buf_take(&b);
}

int
text_check(const char *field, const char *what, const char *s, size_t max, struct cairn_err *err)
{
	size_t n = strlen(s);

	if (n == 0 || s[strspn(s, " \t\r\n")] == '\0')
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_REQUIRED, field,
		    "%s must not be empty", what);
	if (n > max)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
		    "%s is too long (%zu bytes; the limit is %zu)", what, n, max);
	if (!text_utf8_valid(s, n))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
		    "%s is not valid UTF-8", what);
	if (text_has_unreadable(s))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field, "%s %s", what,
		    text_unreadable_msg);
	return CAIRN_OK;
}

const char text_unreadable_msg[] = "holds a character that cannot be stored (an invisible "
                                   "control character, or one that could not be read); remove it";

bool
text_has_unreadable(const char *s)
{
	/* U+FFFD stands for a character that could not be read: the web's
	 * forms show a NUL as it (web/form.h), so it is never stored. */
	return s != NULL && strstr(s, "\xEF\xBF\xBD") != NULL;
}
