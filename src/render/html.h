/*
 * An escaping HTML writer in the style of kcgi's khtml: elements and
 * attributes are enums, every text and attribute value passes through one
 * escaping path, attributes are always double-quoted, and the only way to
 * write raw markup is html_lit() with a string literal.  Output goes to a
 * struct buf (sticky error); the writer tracks open elements so that
 * html_close() can never produce mismatched tags.
 */
#ifndef CAIRN_RENDER_HTML_H
#define CAIRN_RENDER_HTML_H

#include <stddef.h>

#include "core/buf.h"

/* Elements the writer knows; indexes html_elem_name. */
enum html_elem {
	HE_A,
	HE_ABBR,
	HE_ARTICLE,
	HE_ASIDE,
	HE_BODY,
	HE_BUTTON,
	HE_CAPTION,
	HE_CODE,
	HE_DD,
	HE_DETAILS,
	HE_DIV,
	HE_DL,
	HE_DT,
	HE_EM,
	HE_FIELDSET,
	HE_FOOTER,
	HE_FORM,
	HE_H1,
	HE_H2,
	HE_H3,
	HE_H4,
	HE_HEAD,
	HE_HEADER,
	HE_HTML,
	HE_INPUT,
	HE_LABEL,
	HE_LEGEND,
	HE_LI,
	HE_LINK,
	HE_MAIN,
	HE_META,
	HE_NAV,
	HE_OL,
	HE_OPTION,
	HE_P,
	HE_SCRIPT,
	HE_SECTION,
	HE_SELECT,
	HE_SMALL,
	HE_SPAN,
	HE_STRONG,
	HE_STYLE,
	HE_SUMMARY,
	HE_TABLE,
	HE_TBODY,
	HE_TD,
	HE_TEXTAREA,
	HE_TFOOT,
	HE_TH,
	HE_THEAD,
	HE_TITLE,
	HE_TR,
	HE_UL,
	HE_IMG,
	HE_BR,
	HE_HR,
	HE_TIME,
	HE_FIGURE,
	HE__MAX
};

/* Attributes the writer knows; indexes html_attr_name. */
enum html_attr {
	HA_ACTION,
	HA_ALT,
	HA_ARIA_DESCRIBEDBY,
	HA_ARIA_HIDDEN,
	HA_ARIA_LABEL,
	HA_AUTOCOMPLETE,
	HA_CHARSET,
	HA_CHECKED,
	HA_CLASS,
	HA_COLSPAN,
	HA_CONTENT,
	HA_DATA_MODULE,
	HA_DISABLED,
	HA_ENCTYPE,
	HA_FOR,
	HA_HREF,
	HA_ID,
	HA_LANG,
	HA_METHOD,
	HA_NAME,
	HA_REL,
	HA_REQUIRED,
	HA_ROLE,
	HA_ROWSPAN,
	HA_SCOPE,
	HA_SELECTED,
	HA_SRC,
	HA_TYPE,
	HA_VALUE,
	HA_ARIA_CURRENT,
	HA_MEDIA,
	HA_ACCEPT,
	HA_ROWS,
	HA_TITLE,
	HA_ARIA_LABELLEDBY,
	/* Added for the web application's forms (render/ui.c). */
	HA_ARIA_INVALID,
	HA_MAXLENGTH,
	HA_SPELLCHECK,
	HA_TABINDEX,
	HA_INPUTMODE,
	HA_NOVALIDATE,
	HA_DATETIME,
	HA_MULTIPLE,
	HA__MAX
};

/* Deepest nesting of open elements. */
#define HTML_DEPTH_MAX 64

/* A writer over a buffer it borrows. */
struct html {
	struct buf *out;                      /* borrowed; receives the markup */
	enum html_elem stack[HTML_DEPTH_MAX]; /* open elements, innermost last */
	size_t depth;                         /* number of open elements */
};

/* Starts writing to out. */
void html_init(struct html *h, struct buf *out);
/* Writes "<!DOCTYPE html>" and a newline. */
void html_doctype(struct html *h);
/*
 * Opens an element with attributes given as (enum html_attr, const char *)
 * pairs ending with HA__MAX, e.g.
 *   html_open(h, HE_A, HA_HREF, url, HA_CLASS, "ds_link", HA__MAX);
 * A NULL value skips the attribute.  Void elements (input, meta, link,
 * img, br, hr) are not pushed and need no close.
 */
void html_open(struct html *h, enum html_elem e, ...);
/* Closes the innermost open element. */
void html_close(struct html *h);
/* Closes open elements until depth is reached (0 closes all). */
void html_close_to(struct html *h, size_t depth);
/* Writes escaped text. */
void html_text(struct html *h, const char *s);
/* Writes escaped formatted text. */
void html_textf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Opens e with one class, writes escaped text and closes it. */
void html_elem(struct html *h, enum html_elem e, const char *cls, const char *text);
/* Writes markup that is a compile-time string literal only. */
#define html_lit(h, s) html_lit_((h), "" s "", sizeof(s) - 1)
void html_lit_(struct html *h, const char *s, size_t n);
/* Appends s to b with & < > " ' escaped. */
void html_escape(struct buf *b, const char *s);
/* Returns true if url is safe for href/src: a relative path (not
 * starting with "//"), a fragment, or an http:, https: or mailto: URL. */
int html_url_safe(const char *url);

extern const char *const html_elem_name[HE__MAX];
extern const char *const html_attr_name[HA__MAX];

#endif
