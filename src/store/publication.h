/*
 * Publication settings and frozen report versions (tables of migration
 * 007).  SQL only; the rules are in app/publication/publish.c.
 */
#ifndef CAIRN_STORE_PUBLICATION_H
#define CAIRN_STORE_PUBLICATION_H

#include <stddef.h>

#include "core/err.h"

struct store;

/* Returns the value of setting name for an inspection (falling back to
 * inspection 0, the defaults) as a malloc'd string in *out, or NULL when
 * unset. */
int store_setting_get(struct store *st, long inspection, const char *name, char **out,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Sets (or with value NULL removes) a setting for inspection (0: default). */
int store_setting_set(struct store *st, long inspection, const char *name, const char *value,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* One published version, as listed. */
struct publication {
	long id;         /* database id */
	long inspection; /* inspection id */
	long version;    /* 1, 2, ... per inspection */
	char at[21];     /* UTC time it was frozen */
	char *actor;     /* who published it */
	long supersedes; /* id of the version it replaced, 0 if none */
	char *reason;    /* why it replaced it; NULL for the first */
};
/* Frees an array of publications and the array. */
void publications_free(struct publication *v, size_t n);

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

/* One stored file of a version; strings and data malloc'd. */
struct publication_file {
	char *name;   /* e.g. "report.pdf" */
	char *sha256; /* hex digest */
	void *data;   /* contents */
	size_t len;   /* bytes */
};
/* Frees an array of files and the array. */
void publication_files_free(struct publication_file *v, size_t n);
/* Loads the files of a version in name order. */
int store_publication_files(struct store *st, long publication, struct publication_file **out,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

/* Returns the references of the children in an inspection's population
 * and sample (malloc'd array of malloc'd strings). */
int store_child_refs(struct store *st, long inspection, char ***out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
