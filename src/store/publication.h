/*
 * Publication settings and frozen report versions (tables of migration
 * 007).  SQL only; the rules are in app/publication/publish.c.
 */
#ifndef CAIRN_STORE_PUBLICATION_H
#define CAIRN_STORE_PUBLICATION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/publication.h"

struct store;

/* Returns the value of setting name for an inspection (falling back to
 * inspection 0, the defaults) as a malloc'd string in *out, or NULL when
 * unset. */
int store_setting_get(struct store *st, long inspection, const char *name, char **out,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Sets (or with value NULL removes) a setting for inspection (0: default). */
int store_setting_set(struct store *st, long inspection, const char *name, const char *value,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Lists an inspection's published versions, oldest first. */
int store_publication_list(struct store *st, long inspection, struct publication **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Inserts a version (p->id is set).  Call inside a transaction. */
int store_publication_insert(struct store *st, struct publication *p, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores one file of a version.  Call inside a transaction. */
int store_publication_file_add(struct store *st, long publication, const char *name,
    const char *sha256, const void *data, size_t len, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Loads the files of a version in name order: with their contents when
 * contents, otherwise names, digests and sizes only (data NULL). */
int store_publication_files(struct store *st, long publication, bool contents,
    struct publication_file **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Returns the references of the children in an inspection's population
 * and sample (malloc'd array of malloc'd strings). */
int store_child_refs(struct store *st, long inspection, char ***out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
