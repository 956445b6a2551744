/* The escaping HTML writer: see html.h. */
#include "render/html.h"

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"

const char *const html_elem_name[HE__MAX] = {
	[HE_A] = "a",
	[HE_ABBR] = "abbr",
	[HE_ARTICLE] = "article",
	[HE_ASIDE] = "aside",
	[HE_BODY] = "body",
	[HE_BUTTON] = "button",
	[HE_CAPTION] = "caption",
	[HE_CODE] = "code",
	[HE_DD] = "dd",
	[HE_DETAILS] = "details",
	[HE_DIV] = "div",
	[HE_DL] = "dl",
	[HE_DT] = "dt",
	[HE_EM] = "em",
	[HE_FIELDSET] = "fieldset",
	[HE_FOOTER] = "footer",
	[HE_FORM] = "form",
	[HE_H1] = "h1",
	[HE_H2] = "h2",
	[HE_H3] = "h3",
	[HE_H4] = "h4",
	[HE_HEAD] = "head",
	[HE_HEADER] = "header",
	[HE_HTML] = "html",
	[HE_INPUT] = "input",
	[HE_LABEL] = "label",
	[HE_LEGEND] = "legend",
	[HE_LI] = "li",
	[HE_LINK] = "link",
	[HE_MAIN] = "main",
	[HE_META] = "meta",
	[HE_NAV] = "nav",
	[HE_OL] = "ol",
	[HE_OPTION] = "option",
	[HE_P] = "p",
	[HE_SCRIPT] = "script",
	[HE_SECTION] = "section",
	[HE_SELECT] = "select",
	[HE_SMALL] = "small",
	[HE_SPAN] = "span",
	[HE_STRONG] = "strong",
	[HE_STYLE] = "style",
	[HE_SUMMARY] = "summary",
	[HE_TABLE] = "table",
	[HE_TBODY] = "tbody",
	[HE_TD] = "td",
	[HE_TEXTAREA] = "textarea",
	[HE_TFOOT] = "tfoot",
	[HE_TH] = "th",
	[HE_THEAD] = "thead",
	[HE_TITLE] = "title",
	[HE_TR] = "tr",
	[HE_UL] = "ul",
	[HE_IMG] = "img",
	[HE_BR] = "br",
	[HE_HR] = "hr",
	[HE_TIME] = "time",
	[HE_FIGURE] = "figure",
};
_Static_assert(sizeof(html_elem_name) / sizeof(html_elem_name[0]) == HE__MAX,
    "html_elem_name: one entry per value");

const char *const html_attr_name[HA__MAX] = {
	[HA_ACTION] = "action",
	[HA_ALT] = "alt",
	[HA_ARIA_DESCRIBEDBY] = "aria-describedby",
	[HA_ARIA_HIDDEN] = "aria-hidden",
	[HA_ARIA_LABEL] = "aria-label",
	[HA_AUTOCOMPLETE] = "autocomplete",
	[HA_CHARSET] = "charset",
	[HA_CHECKED] = "checked",
	[HA_CLASS] = "class",
	[HA_COLSPAN] = "colspan",
	[HA_CONTENT] = "content",
	[HA_DATA_MODULE] = "data-module",
	[HA_DISABLED] = "disabled",
	[HA_ENCTYPE] = "enctype",
	[HA_FOR] = "for",
	[HA_HREF] = "href",
	[HA_ID] = "id",
	[HA_LANG] = "lang",
	[HA_METHOD] = "method",
	[HA_NAME] = "name",
	[HA_REL] = "rel",
	[HA_REQUIRED] = "required",
	[HA_ROLE] = "role",
	[HA_ROWSPAN] = "rowspan",
	[HA_SCOPE] = "scope",
	[HA_SELECTED] = "selected",
	[HA_SRC] = "src",
	[HA_TYPE] = "type",
	[HA_VALUE] = "value",
	[HA_ARIA_CURRENT] = "aria-current",
	[HA_MEDIA] = "media",
	[HA_ACCEPT] = "accept",
	[HA_ROWS] = "rows",
	[HA_TITLE] = "title",
	[HA_ARIA_LABELLEDBY] = "aria-labelledby",
	[HA_ARIA_INVALID] = "aria-invalid",
	[HA_MAXLENGTH] = "maxlength",
	[HA_SPELLCHECK] = "spellcheck",
	[HA_TABINDEX] = "tabindex",
	[HA_INPUTMODE] = "inputmode",
	[HA_NOVALIDATE] = "novalidate",
	[HA_DATETIME] = "datetime",
	[HA_MULTIPLE] = "multiple",
};
_Static_assert(sizeof(html_attr_name) / sizeof(html_attr_name[0]) == HA__MAX,
    "html_attr_name: one entry per value");

static bool
is_void(enum html_elem e)
{
	return e == HE_INPUT || e == HE_META || e == HE_LINK || e == HE_IMG || e == HE_BR ||
	    e == HE_HR;
}

void
html_init(struct html *h, struct buf *out)
{
	assert(h != NULL && out != NULL);
	memset(h, 0, sizeof(*h));
	h->out = out;
}

void
html_doctype(struct html *h)
{
	buf_puts(h->out, "<!DOCTYPE html>\n");
}

/* Appends the n bytes at s with & < > " and ' escaped (text_escape_fn). */
static void
escape_n(struct buf *b, const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	buf_append(b, s + run, n - run);
}

void
html_escape(struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	/* bidirectional controls shown, not obeyed: a name cannot read backwards */
	text_bidi_show(b, s, strlen(s), escape_n, "&lt;", "&gt;");
}

int
html_url_safe(const char *url)
{
	static const char *const schemes[] = { "https:", "http:", "mailto:" };
	const char *colon, *slash, *q, *hash;

	if (url == NULL || url[0] == '\0')
		return 0;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return 0;
	if (url[0] == '/' && url[1] == '/')
		return 0;
	colon = strchr(url, ':');
	slash = strchr(url, '/');
	q = strchr(url, '?');
	hash = strchr(url, '#');
	/* A colon before any '/', '?' or '#' starts a scheme. */
	if (colon != NULL && (slash == NULL || colon < slash) && (q == NULL || colon < q) &&
	    (hash == NULL || colon < hash)) {
		for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
			size_t n = strlen(schemes[i]);
			char lower[16];

			text_lower(url, lower, n + 1 < sizeof(lower) ? n + 1 : sizeof(lower));
			if (strcmp(lower, schemes[i]) == 0)
				return 1;
		}
		return 0;
	}
	return 1;
}

void
html_open(struct html *h, enum html_elem e, ...)
{
	va_list ap;
	int a;

	assert(h != NULL && h->out != NULL && (unsigned)e < HE__MAX);
	buf_putc(h->out, '<');
	buf_puts(h->out, html_elem_name[e]);
	va_start(ap, e);
	while ((a = va_arg(ap, int)) != HA__MAX) {
		const char *v = va_arg(ap, const char *);

		if (a < 0 || a >= HA__MAX || v == NULL)
			continue;
		if ((a == HA_HREF || a == HA_SRC || a == HA_ACTION) && !html_url_safe(v))
			v = "#";
		buf_putc(h->out, ' ');
		buf_puts(h->out, html_attr_name[a]);
		buf_puts(h->out, "=\"");
		html_escape(h->out, v);
		buf_putc(h->out, '"');
	}
	va_end(ap);
	buf_putc(h->out, '>');
	if (is_void(e))
		return;
	if (h->depth < HTML_DEPTH_MAX)
		h->stack[h->depth++] = e;
	else
		h->out->failed = true;
}

void
html_close(struct html *h)
{
	assert(h != NULL && h->depth <= HTML_DEPTH_MAX);
	if (h->depth == 0)
		return;
	h->depth--;
	buf_puts(h->out, "</");
	buf_puts(h->out, html_elem_name[h->stack[h->depth]]);
	buf_putc(h->out, '>');
	if (h->stack[h->depth] != HE_SPAN && h->stack[h->depth] != HE_A &&
	    h->stack[h->depth] != HE_STRONG && h->stack[h->depth] != HE_EM &&
	    h->stack[h->depth] != HE_ABBR && h->stack[h->depth] != HE_CODE &&
	    h->stack[h->depth] != HE_TIME)
		buf_putc(h->out, '\n');
}

void
html_close_to(struct html *h, size_t depth)
{
	while (h->depth > depth)
		html_close(h);
}

void
html_text(struct html *h, const char *s)
{
	html_escape(h->out, s);
}

void
html_textf(struct html *h, const char *fmt, ...)
{
	struct buf tmp = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&tmp, fmt, ap);
	va_end(ap);
	html_escape(h->out, buf_str(&tmp));
	buf_free(&tmp);
}

void
html_elem(struct html *h, enum html_elem e, const char *cls, const char *text)
{
	assert((unsigned)e < HE__MAX);
	html_open(h, e, HA_CLASS, cls, HA__MAX);
	html_text(h, text);
	html_close(h);
}

void
html_lit_(struct html *h, const char *s, size_t n)
{
	assert(h != NULL && s != NULL);
	buf_append(h->out, s, n);
}
