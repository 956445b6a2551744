/* The one CSV writer: see csvout.h. */
#include "core/csvout.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* True if s is a plain decimal number: [+-]digits[.digits][e[+-]digits]. */
static bool
plain_number(const char *s)
{
	const char *p = s;
	bool digits = false;

	if (*p == '+' || *p == '-')
		p++;
	for (; *p >= '0' && *p <= '9'; p++)
		digits = true;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits = true;
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

bool
csvout_risky(const char *s)
{
	if (s == NULL || s[0] == '\0' || strchr("=+-@\t\r", s[0]) == NULL)
		return false;
	return !plain_number(s);
}

void
csvout_field(struct buf *out, const char *s)
{
	char *shown = NULL;
	bool risky;

	if (s == NULL)
		s = "";
	/* A bidirectional control would reorder what a spreadsheet shows. */
	if (text_has_bidi(s))
		s = shown = text_bidi_shown(s);
	risky = csvout_risky(s);
	if (!risky && strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(out, s);
	} else {
		buf_putc(out, '"');
		if (risky)
			buf_putc(out, '\'');
		for (; *s; s++) {
			if (*s == '"')
				buf_putc(out, '"');
			buf_putc(out, *s);
		}
		buf_putc(out, '"');
	}
	free(shown);
}

void
csvout_row(struct buf *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ',');
		csvout_field(out, fields[i]);
	}
	buf_puts(out, "\r\n");
}
