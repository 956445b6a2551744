/*
 * Narrative written by inspectors is Markdown.  It is parsed with md4c
 * with raw HTML disabled (MD_FLAG_NOHTML: any tag is shown as text), and
 * every link destination is checked by Cairn's own code: only https:,
 * http:, mailto: and relative links are allowed; images are not (a
 * published report is self-contained).  HTML goes through md4c-html only
 * when every link passed; otherwise the text is written escaped, as plain
 * paragraphs.  The PDF gets the same text as Pango markup.
 */
#ifndef CAIRN_RENDER_MARKDOWN_H
#define CAIRN_RENDER_MARKDOWN_H

#include <stddef.h>

#include "core/buf.h"

/* Checks md; appends one line per problem ("unsafe link 'javascript:x'")
 * to problems (may be NULL) and returns the number of problems. */
size_t markdown_check(const char *md, struct buf *problems);

/* Appends md as an HTML fragment (safe to place inside <body>). */
void markdown_html(const char *md, struct buf *out);

/* Kinds of paragraph in the Pango form. */
enum markdown_para_kind {
	MDP_PARA = 0, /* a paragraph */
	MDP_BULLET,   /* an item of a bulleted list */
	MDP_NUMBER,   /* an item of a numbered list (number in .number) */
	MDP_HEADING,  /* a heading inside the narrative */
	MDP_CODE,     /* a code block */
};

/* One paragraph as Pango markup. */
struct markdown_para {
	enum markdown_para_kind kind;
	int depth;    /* list nesting, 0 outside lists */
	int number;   /* item number for MDP_NUMBER */
	char *markup; /* Pango markup (escaped text with <b>, <i>, <tt>, <u>) */
};

/* Converts md to paragraphs of Pango markup in *out (caller frees with
 * markdown_paras_free).  Unsafe links keep their text, without a link. */
void markdown_pango(const char *md, struct markdown_para **out, size_t *n);
/* Frees paragraphs made by markdown_pango. */
void markdown_paras_free(struct markdown_para *v, size_t n);
/* Appends s to b escaped for Pango markup (& < > " '), bidirectional
 * controls shown as text ("<U+202E>", core/text.h text_bidi_show). */
void markdown_pango_escape(struct buf *b, const char *s, size_t n);

#endif
