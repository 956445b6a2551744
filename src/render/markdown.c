/* Markdown narrative: see markdown.h. */
#include "render/markdown.h"

#include <md4c-html.h>
#include <md4c.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "render/html.h"

/* The md4c dialect: CommonMark with raw HTML off (shown as text). */
#define MD_FLAGS (MD_FLAG_NOHTML)

/* State of the link check. */
struct check {
	struct buf *problems; /* borrowed; may be NULL */
	size_t count;         /* problems found */
};

/* Returns the destination of an attribute as a malloc'd string and sets
 * *entity if any part of it was written as an entity (which md4c-html
 * would decode, so that "javascript&#58;" could hide a scheme). */
static char *
attr_text(const MD_ATTRIBUTE *a, bool *entity)
{
	*entity = false;
	for (size_t i = 0; a->substr_offsets != NULL && a->substr_offsets[i] < a->size; i++)
		if (a->substr_types[i] != MD_TEXT_NORMAL)
			*entity = true;
	return xstrndup(a->text, a->size);
}

/* Records one problem. */
static void
check_problem(struct check *c, const char *what, const char *url)
{
	c->count++;
	if (c->problems != NULL)
		buf_printf(c->problems, "%s '%.80s'\n", what, url);
}

static int
check_enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct check *c = arg;
	bool entity;
	char *url;

	if (type == MD_SPAN_A) {
		url = attr_text(&((MD_SPAN_A_DETAIL *)detail)->href, &entity);
		if (entity || strpbrk(url, " \t\r\n") != NULL || !html_url_safe(url))
			check_problem(c, "unsafe link (allowed: https, http, mailto, relative)",
			    url);
		free(url);
	} else if (type == MD_SPAN_IMG) {
		url = attr_text(&((MD_SPAN_IMG_DETAIL *)detail)->src, &entity);
		check_problem(c, "image not allowed in narrative (reports are self-contained)",
		    url);
		free(url);
	}
	return 0;
}

static int
check_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	(void)type;
	(void)detail;
	(void)arg;
	return 0;
}

static int
check_span_leave(MD_SPANTYPE type, void *detail, void *arg)
{
	(void)type;
	(void)detail;
	(void)arg;
	return 0;
}

static int
check_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *arg)
{
	(void)type;
	(void)text;
	(void)size;
	(void)arg;
	return 0;
}

size_t
markdown_check(const char *md, struct buf *problems)
{
	struct check c = { problems, 0 };
	MD_PARSER p;

	if (md == NULL)
		return 0;
	memset(&p, 0, sizeof(p));
	p.abi_version = 0;
	p.flags = MD_FLAGS;
	p.enter_block = check_block;
	p.leave_block = check_block;
	p.enter_span = check_enter_span;
	p.leave_span = check_span_leave;
	p.text = check_text;
	if (md_parse(md, (MD_SIZE)strlen(md), &p, &c) != 0)
		check_problem(&c, "Markdown could not be parsed", "");
	return c.count;
}

/* md4c-html output callback: appends to the buffer. */
static void
html_out(const MD_CHAR *s, MD_SIZE n, void *arg)
{
	/* md4c's output is HTML already: only bidirectional controls change,
	 * shown as text (in an href too, where they are harmless as text). */
	text_bidi_show(arg, s, n, NULL, "&lt;", "&gt;");
}

void
markdown_html(const char *md, struct buf *out)
{
	struct html h;

	if (md == NULL)
		return;
	if (markdown_check(md, NULL) == 0 &&
	    md_html(md, (MD_SIZE)strlen(md), html_out, out, MD_FLAGS, 0) == 0)
		return;
	/* Something was unsafe: show the text itself, escaped. */
	html_init(&h, out);
	html_elem(&h, HE_P, NULL, md);
}

/* Appends the n bytes at s escaped for Pango markup (text_escape_fn). */
static void
pango_escape_n(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, s[i]); break;
		}
	}
}

void
markdown_pango_escape(struct buf *b, const char *s, size_t n)
{
	text_bidi_show(b, s, n, pango_escape_n, "&lt;", "&gt;");
}

/* State of the conversion to Pango markup. */
struct pango {
	struct markdown_para *v; /* paragraphs so far */
	size_t n;
	struct buf cur;               /* markup of the open paragraph */
	bool open;                    /* a paragraph is open */
	enum markdown_para_kind kind; /* kind of the open paragraph */
	int depth;                    /* list nesting */
	int number[16];               /* next item number per nesting level */
	bool ordered[16];             /* list at each level is numbered */
	int item_number;              /* number of the current item */
};

/* Ends the open paragraph, keeping it if it has text. */
static void
pango_flush(struct pango *p)
{
	if (p->open && p->cur.len > 0) {
		p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
		p->v[p->n].kind = p->kind;
		p->v[p->n].depth = p->depth;
		p->v[p->n].number = p->item_number;
		p->v[p->n].markup = xstrdup(buf_str(&p->cur));
		p->n++;
	}
	buf_reset(&p->cur);
	p->open = false;
}

/* Opens a paragraph of a kind unless one is open. */
static void
pango_start(struct pango *p, enum markdown_para_kind kind)
{
	if (!p->open) {
		p->open = true;
		p->kind = kind;
	}
}

static int
pango_enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct pango *p = arg;
	int lvl;

	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		pango_flush(p);
		if (p->depth < 15) {
			p->depth++;
			p->ordered[p->depth] = type == MD_BLOCK_OL;
			p->number[p->depth] =
			    type == MD_BLOCK_OL ? (int)((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
		}
		break;
	case MD_BLOCK_LI:
		pango_flush(p);
		lvl = p->depth;
		p->item_number = p->ordered[lvl] ? p->number[lvl]++ : 0;
		pango_start(p, p->ordered[lvl] ? MDP_NUMBER : MDP_BULLET);
		break;
	case MD_BLOCK_H:
		pango_flush(p);
		pango_start(p, MDP_HEADING);
		break;
	case MD_BLOCK_CODE:
		pango_flush(p);
		pango_start(p, MDP_CODE);
		break;
	case MD_BLOCK_P:
		/* A paragraph inside a list item continues the item. */
		if (!p->open)
			pango_start(p, MDP_PARA);
		else if (p->cur.len > 0)
			buf_putc(&p->cur, '\n');
		break;
	default: break;
	}
	return 0;
}

static int
pango_leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct pango *p = arg;

	(void)detail;
	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		pango_flush(p);
		if (p->depth > 0)
			p->depth--;
		break;
	case MD_BLOCK_P:
		if (p->kind == MDP_PARA)
			pango_flush(p);
		break;
	case MD_BLOCK_LI:
	case MD_BLOCK_H:
	case MD_BLOCK_CODE: pango_flush(p); break;
	default: break;
	}
	return 0;
}

/* Pango markup for spans, indexed by MD_SPANTYPE (NULL: no markup). */
static const char *
span_tag(MD_SPANTYPE type, bool open)
{
	switch (type) {
	case MD_SPAN_EM: return open ? "<i>" : "</i>";
	case MD_SPAN_STRONG: return open ? "<b>" : "</b>";
	case MD_SPAN_CODE: return open ? "<tt>" : "</tt>";
	case MD_SPAN_A: return open ? "<u>" : "</u>";
	case MD_SPAN_DEL: return open ? "<s>" : "</s>";
	default: return NULL;
	}
}

static int
pango_enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct pango *p = arg;
	const char *t = span_tag(type, true);

	(void)detail;
	pango_start(p, MDP_PARA);
	if (t != NULL)
		buf_puts(&p->cur, t);
	return 0;
}

static int
pango_leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct pango *p = arg;
	const char *t = span_tag(type, false);

	(void)detail;
	if (t != NULL)
		buf_puts(&p->cur, t);
	return 0;
}

static int
pango_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *arg)
{
	struct pango *p = arg;

	pango_start(p, MDP_PARA);
	switch (type) {
	case MD_TEXT_BR: buf_putc(&p->cur, '\n'); break;
	case MD_TEXT_SOFTBR: buf_putc(&p->cur, ' '); break;
	case MD_TEXT_NULLCHAR: buf_puts(&p->cur, "\xEF\xBF\xBD"); break;
	case MD_TEXT_ENTITY:
		/* Only the common entities are decoded; others stay as written. */
		if (size == 5 && memcmp(text, "&amp;", 5) == 0)
			buf_puts(&p->cur, "&amp;");
		else if (size == 4 && memcmp(text, "&lt;", 4) == 0)
			buf_puts(&p->cur, "&lt;");
		else if (size == 4 && memcmp(text, "&gt;", 4) == 0)
			buf_puts(&p->cur, "&gt;");
		else if (size == 6 && memcmp(text, "&quot;", 6) == 0)
			buf_puts(&p->cur, "&quot;");
		else if (size == 6 && memcmp(text, "&nbsp;", 6) == 0)
			buf_puts(&p->cur, "\xC2\xA0");
		else
			markdown_pango_escape(&p->cur, text, size);
		break;
	default: markdown_pango_escape(&p->cur, text, size); break;
	}
	return 0;
}

void
markdown_pango(const char *md, struct markdown_para **out, size_t *n)
{
	struct pango p;
	MD_PARSER parser;

	memset(&p, 0, sizeof(p));
	*out = NULL;
	*n = 0;
	if (md == NULL)
		return;
	memset(&parser, 0, sizeof(parser));
	parser.flags = MD_FLAGS;
	parser.enter_block = pango_enter_block;
	parser.leave_block = pango_leave_block;
	parser.enter_span = pango_enter_span;
	parser.leave_span = pango_leave_span;
	parser.text = pango_text;
	if (md_parse(md, (MD_SIZE)strlen(md), &parser, &p) != 0) {
		markdown_paras_free(p.v, p.n);
		p.v = NULL;
		p.n = 0;
		buf_reset(&p.cur);
		pango_start(&p, MDP_PARA);
		markdown_pango_escape(&p.cur, md, strlen(md));
	}
	pango_flush(&p);
	buf_free(&p.cur);
	*out = p.v;
	*n = p.n;
}

void
markdown_paras_free(struct markdown_para *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].markup);
	free(v);
}
