/*
 * A small XML well-formedness check for the chart tests (test_svg.c,
 * test_report_area.c): included by one test file each, so the function is
 * static.
 */
#ifndef CAIRN_TESTS_XMLCHECK_H
#define CAIRN_TESTS_XMLCHECK_H

#include <ctype.h>
#include <stddef.h>
#include <string.h>

/*
 * A small XML well-formedness check: elements nest and close in order,
 * attribute values are quoted and hold no '<', every '&' starts an entity,
 * and there is exactly one root element.  Returns NULL or what is wrong.
 */
static const char *
xml_check(const char *s)
{
	char stack[64][32];
	size_t depth = 0, roots = 0;

	while (*s) {
		if (*s == '&') {
			const char *e = s + 1;

			if (*e == '#')
				e++;
			while (isalnum((unsigned char)*e))
				e++;
			if (*e != ';' || e == s + 1)
				return "bare '&'";
			s = e + 1;
		} else if (*s != '<') {
			s++;
		} else if (s[1] == '/') {
			size_t n = 0;

			s += 2;
			while (isalnum((unsigned char)s[n]) || s[n] == '-' || s[n] == ':')
				n++;
			if (depth == 0 || strlen(stack[depth - 1]) != n ||
			    strncmp(stack[depth - 1], s, n) != 0)
				return "mismatched end tag";
			depth--;
			s += n;
			if (*s++ != '>')
				return "bad end tag";
		} else {
			size_t n = 0;

			s++;
			while (isalnum((unsigned char)s[n]) || s[n] == '-' || s[n] == ':')
				n++;
			if (n == 0 || n >= 32)
				return "bad element name";
			if (depth == 0)
				roots++;
			if (depth == 64)
				return "too deep";
			memcpy(stack[depth], s, n);
			stack[depth][n] = '\0';
			s += n;
			for (;;) {
				while (isspace((unsigned char)*s))
					s++;
				if (*s == '>') {
					depth++;
					s++;
					break;
				}
				if (s[0] == '/' && s[1] == '>') {
					s += 2;
					break;
				}
				while (isalnum((unsigned char)*s) || *s == '-' || *s == ':')
					s++;
				if (*s++ != '=' || *s++ != '"')
					return "unquoted attribute";
				while (*s && *s != '"') {
					if (*s == '<')
						return "'<' in an attribute";
					s++;
				}
				if (*s++ != '"')
					return "unterminated attribute";
			}
		}
	}
	if (depth != 0)
		return "unclosed element";
	return roots == 1 ? NULL : "not exactly one root element";
}

#endif
