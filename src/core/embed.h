/*
 * Data files compiled into the binary (see data/meson.build and
 * scripts/embed.py): SQL migrations, shipped frameworks and templates.
 */
#ifndef CAIRN_CORE_EMBED_H
#define CAIRN_CORE_EMBED_H

#include <stddef.h>

/* One embedded file. */
struct embed_file {
	const char *name; /* path below data/, e.g. "sql/001_foundation.sql" */
	const char *data; /* contents, NUL-terminated for convenience */
	size_t len;       /* length of data without the terminating NUL */
};

/* All embedded files sorted by name; the last entry has a NULL name. */
extern const struct embed_file embed_files[];

/* Returns the embedded file called name, or NULL if there is none. */
const struct embed_file *embed_find(const char *name);

#endif
