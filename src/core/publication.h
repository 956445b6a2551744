/*
 * The rows of publication that the front ends and app/ share: moved from
 * store/publication.h (issue 16), which includes this header.  Depends only on libc.
 */
#ifndef CAIRN_CORE_PUBLICATION_H
#define CAIRN_CORE_PUBLICATION_H

#include <stdbool.h>
#include <stddef.h>

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

/* One stored file of a version; strings and data malloc'd. */
struct publication_file {
	char *name;   /* e.g. "report.pdf" */
	char *sha256; /* hex digest */
	void *data;   /* contents */
	size_t len;   /* bytes */
};
/* Frees an array of files and the array. */
void publication_files_free(struct publication_file *v, size_t n);

#endif
