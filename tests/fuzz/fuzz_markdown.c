/*
 * Fuzz the Markdown sanitiser (render/markdown.h).  Properties, checked
 * here independently of markdown.c:
 *   - the HTML holds only the tags Markdown itself makes (an allowlist),
 *     so no raw HTML tag from the input ever passes; no event handler or
 *     style attribute; no image;
 *   - every href, decoded as a browser would (entities, leading spaces
 *     and control characters, tabs and newlines removed), is relative or
 *     uses https:, http: or mailto: (never javascript:, data:, vbscript:,
 *     never "//host" or a backslash);
 *   - every '&' in the HTML starts an entity;
 *   - the Pango markup holds only <b>, <i>, <tt>, <u>, <s> and their ends,
 *     and every '&' starts an entity.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "render/markdown.h"

/* Tags Markdown may produce (CommonMark blocks and spans). */
static const char *const html_tags[] = { "p", "em", "strong", "code", "pre", "ul", "ol", "li", "a",
	"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "hr", "del", "u", "table", "thead",
	"tbody", "tr", "th", "td", NULL };
/* Attributes those tags may carry. */
static const char *const html_attrs[] = { "href", "title", "start", "class", "align", NULL };
/* Pango tags. */
static const char *const pango_tags[] = { "b", "i", "tt", "u", "s", NULL };

/* Returns true if name (n bytes) is in the NULL-terminated list. */
static bool
listed(const char *const *list, const char *name, size_t n)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && strncmp(list[i], name, n) == 0)
			return true;
	return false;
}

/* Returns the length of the entity at p ("&amp;", "&#39;", "&#x27;"), or 0. */
static size_t
entity_len(const char *p)
{
	size_t i = 1;

	if (p[i] == '#') {
		i++;
		if (p[i] == 'x' || p[i] == 'X') {
			i++;
			while (isxdigit((unsigned char)p[i]))
				i++;
		} else {
			while (isdigit((unsigned char)p[i]))
				i++;
		}
	} else {
		while (isalnum((unsigned char)p[i]))
			i++;
	}
	return i > 1 && p[i] == ';' ? i + 1 : 0;
}

/* Decodes the entities a browser would in an attribute value (the common
 * named ones and numeric ones) into a malloc'd string. */
static char *
decode_attr(const char *v, size_t n)
{
	char *out = malloc(n + 1);
	size_t o = 0;

	if (out == NULL)
		abort();
	for (size_t i = 0; i < n;) {
		size_t e = v[i] == '&' ? entity_len(v + i) : 0;

		if (e == 0 || i + e > n) {
			out[o++] = v[i++];
			continue;
		}
		if (v[i + 1] == '#') {
			long cp = v[i + 2] == 'x' || v[i + 2] == 'X' ? strtol(v + i + 3, NULL, 16)
			                                             : strtol(v + i + 2, NULL, 10);
			out[o++] = cp > 0 && cp < 128 ? (char)cp : '?';
		} else if (strncmp(v + i, "&amp;", 5) == 0) {
			out[o++] = '&';
		} else if (strncmp(v + i, "&lt;", 4) == 0) {
			out[o++] = '<';
		} else if (strncmp(v + i, "&gt;", 4) == 0) {
			out[o++] = '>';
		} else if (strncmp(v + i, "&quot;", 6) == 0) {
			out[o++] = '"';
		} else if (strncmp(v + i, "&colon;", 7) == 0) {
			out[o++] = ':';
		} else {
			out[o++] = '?';
		}
		i += e;
	}
	out[o] = '\0';
	return out;
}

/* Aborts unless the decoded href is relative or uses a safe scheme. */
static void
check_href(const char *v, size_t n)
{
	char *d = decode_attr(v, n), *p = d, *w;
	size_t i;

	/* Browsers drop leading C0 controls and spaces, and every tab and newline. */
	while (*p != '\0' && (unsigned char)*p <= 0x20)
		p++;
	for (w = p, i = 0; p[i] != '\0'; i++)
		if (p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
			*w++ = (char)tolower((unsigned char)p[i]);
	*w = '\0';
	if (strchr(p, '\\') != NULL || strncmp(p, "//", 2) == 0)
		abort();
	for (i = 0; isalnum((unsigned char)p[i]) || p[i] == '+' || p[i] == '-' || p[i] == '.'; i++)
		;
	if (p[i] == ':' && i > 0 && strncmp(p, "https:", 6) != 0 && strncmp(p, "http:", 5) != 0 &&
	    strncmp(p, "mailto:", 7) != 0)
		abort();
	if (strstr(p, "javascript:") == p || strstr(p, "data:") == p || strstr(p, "vbscript:") == p)
		abort();
	free(d);
}

/* Checks one tag starting at s[0] == '<'; returns its length. */
static size_t
check_tag(const char *s, const char *const *tags, bool attrs_allowed)
{
	size_t i = 1, n;

	if (s[i] == '/')
		i++;
	for (n = 0; isalnum((unsigned char)s[i + n]); n++)
		;
	if (!listed(tags, s + i, n))
		abort();
	i += n;
	for (;;) {
		size_t an, vs;

		while (s[i] == ' ')
			i++;
		if (s[i] == '>')
			return i + 1;
		if (s[i] == '/' && s[i + 1] == '>')
			return i + 2;
		if (!attrs_allowed)
			abort();
		for (an = 0; isalpha((unsigned char)s[i + an]); an++)
			;
		if (!listed(html_attrs, s + i, an) || s[i + an] != '=' || s[i + an + 1] != '"')
			abort();
		vs = i + an + 2;
		for (n = 0; s[vs + n] != '"'; n++)
			if (s[vs + n] == '\0' || s[vs + n] == '<' || s[vs + n] == '>')
				abort();
		if (an == 4 && strncmp(s + i, "href", 4) == 0)
			check_href(s + vs, n);
		i = vs + n + 1;
	}
}

/* Aborts unless every '<' in out starts an allowed tag and every '&' an entity. */
static void
check_markup(const char *out, const char *const *tags, bool attrs_allowed)
{
	for (const char *p = out; *p;) {
		if (*p == '<') {
			p += check_tag(p, tags, attrs_allowed);
			continue;
		}
		if (*p == '>')
			abort(); /* text never holds a raw '>' */
		if (*p == '&' && entity_len(p) == 0)
			abort();
		p++;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *md = malloc(size + 1);
	struct buf html = BUF_INIT;
	struct markdown_para *paras = NULL;
	size_t n = 0;

	if (md == NULL)
		return 0;
	memcpy(md, data, size);
	md[size] = '\0';
	markdown_html(md, &html);
	if (!buf_failed(&html))
		check_markup(buf_str(&html), html_tags, true);
	if (strstr(buf_str(&html), "<img") != NULL)
		abort();
	markdown_pango(md, &paras, &n);
	for (size_t i = 0; i < n; i++)
		check_markup(paras[i].markup, pango_tags, false);
	markdown_paras_free(paras, n);
	buf_free(&html);
	free(md);
	return 0;
}
