/*
 * The news release, written only from a dossier so that its counts and
 * named indicators can never disagree with the stored grades.
 */
#ifndef CAIRN_RENDER_RELEASE_H
#define CAIRN_RENDER_RELEASE_H

#include <stddef.h>

#include "core/err.h"
#include "core/model.h"

/* A generated release.  Owned by the struct; free with release_free(). */
struct release {
	size_t indicator_count; /* indicators graded */
	size_t nlevels;         /* levels in the scale, highest first */
	size_t *counts;         /* counts[i]: indicators graded at scale level i */
	char *summary;          /* the opening summary sentence(s) */
	char *text;             /* the whole release, plain text */
};

/* Writes the release for d into *r.  CAIRN_EDATA if nothing is graded. */
int release_build(const struct dossier *d, struct release *r, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Releases the contents of r. */
void release_free(struct release *r);

/* Writes the summary sentences for a grade profile alone (used by
 * release_build and by the release consistency check).  Returns a
 * malloc'd string. */
char *release_summary(const struct dossier *d);

#endif
