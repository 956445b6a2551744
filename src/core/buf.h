/*
 * A bounded, growable byte buffer with a sticky error, used for every text
 * output (HTML, JSON, CSV, Markdown, plain text).  Append freely; check
 * buf_failed() once at the end.  The buffer is always NUL-terminated.
 */
#ifndef CAIRN_CORE_BUF_H
#define CAIRN_CORE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Default limit on a buffer's length: 64 MiB. */
#define BUF_DEFAULT_MAX ((size_t)64 << 20)

/* A growable buffer.  Zero-initialise or use BUF_INIT / buf_init(). */
struct buf {
	char *data;  /* malloc'd, NUL-terminated; owned by the buffer */
	size_t len;  /* bytes used, excluding the terminating NUL */
	size_t cap;  /* bytes allocated */
	size_t max;  /* largest len allowed; 0 means BUF_DEFAULT_MAX */
	bool failed; /* set when an append would pass max; sticky */
};

#define BUF_INIT                                                                                   \
	{                                                                                          \
		NULL, 0, 0, 0, false                                                               \
	}

/* Initialises b with a length limit (0 for the default). */
void buf_init(struct buf *b, size_t max);
/* Frees the buffer's memory and resets it; safe on a zeroed buffer. */
void buf_free(struct buf *b);
/* Empties the buffer and clears its error, keeping its memory. */
void buf_reset(struct buf *b);
/* Appends n bytes of p. */
void buf_append(struct buf *b, const void *p, size_t n);
/* Appends a NUL-terminated string (nothing for NULL). */
void buf_puts(struct buf *b, const char *s);
/* Appends one byte. */
void buf_putc(struct buf *b, char c);
/* Appends formatted text. */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends formatted text from a va_list. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Returns the contents (never NULL: "" for an empty buffer). */
const char *buf_str(const struct buf *b);
/* Returns true if an append failed because the limit was reached. */
bool buf_failed(const struct buf *b);
/* Returns the malloc'd contents for the caller to free and resets b. */
char *buf_take(struct buf *b);

#endif
