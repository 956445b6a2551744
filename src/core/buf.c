/* Bounded buffers: see buf.h. */
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

static size_t
buf_max(const struct buf *b)
{
	return b->max ? b->max : BUF_DEFAULT_MAX;
}

void
buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
}

void
buf_free(struct buf *b)
{
	size_t max = b->max;

	free(b->data);
	memset(b, 0, sizeof(*b));
	b->max = max;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Makes room for n more bytes plus a NUL; returns false (and fails b) if
 * that would pass the limit. */
static bool
buf_grow(struct buf *b, size_t n)
{
	size_t need, cap;

	if (b->failed)
		return false;
	if (n > buf_max(b) - b->len) {
		b->failed = true;
		return false;
	}
	need = b->len + n + 1;
	if (need <= b->cap)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->data = xreallocarray(b->data, cap, 1);
	b->cap = cap;
	return true;
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	if (!buf_grow(b, n))
		return;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	if (s != NULL)
		buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || !buf_grow(b, (size_t)n)) {
		b->failed = true;
		return;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
buf_str(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

bool
buf_failed(const struct buf *b)
{
	return b->failed;
}

char *
buf_take(struct buf *b)
{
	char *p = b->data != NULL ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = false;
	return p;
}
