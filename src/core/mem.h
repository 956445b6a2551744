/*
 * Allocation wrappers.  Running out of memory is not recoverable for a
 * command or a web worker: these print a message and exit(70), so callers
 * never test for NULL.  Sizes are overflow-checked.
 */
#ifndef CAIRN_CORE_MEM_H
#define CAIRN_CORE_MEM_H

#include <stddef.h>

/* Returns size bytes from malloc; never NULL. */
void *xmalloc(size_t size) __attribute__((malloc, returns_nonnull));
/* Returns n zeroed elements of size bytes; never NULL. */
void *xcalloc(size_t n, size_t size) __attribute__((malloc, returns_nonnull));
/* Resizes p to n elements of size bytes (overflow-checked); never NULL. */
void *xreallocarray(void *p, size_t n, size_t size) __attribute__((returns_nonnull));
/* Returns a malloc'd copy of s, or NULL when s is NULL. */
char *xstrdup(const char *s) __attribute__((malloc));
/* Returns a malloc'd copy of the first n bytes of s, NUL-terminated. */
char *xstrndup(const char *s, size_t n) __attribute__((malloc, returns_nonnull));
/* Returns a malloc'd formatted string; never NULL. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2), returns_nonnull));

#endif
