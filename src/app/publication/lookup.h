/*
 * What the front ends read of an inspection's publications, through app/
 * rather than store/ (issue 16).  Each takes the actor and checks the role
 * table (authz_check, ACTION_VIEW_INSPECTION) first.
 */
#ifndef CAIRN_APP_PUBLICATION_LOOKUP_H
#define CAIRN_APP_PUBLICATION_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/actor.h"
#include "core/database.h"
#include "core/err.h"
#include "core/publication.h"

/* Lists inspection id's published versions, oldest first (free with
 * publications_free). */
int app_publication_list(struct store *st, const struct actor *who, long id,
    struct publication **out, size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the files of published version publication of inspection id
 * (free with publication_files_free), with their contents when contents,
 * otherwise names, digests and sizes only (a listing); CAIRN_EDATA if that
 * version is not one of the inspection's. */
int app_publication_files(struct store *st, const struct actor *who, long id, long publication,
    bool contents, struct publication_file **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
