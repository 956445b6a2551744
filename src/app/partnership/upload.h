/*
 * A new version of what the partnership uploads against its pack (the
 * pre-inspection return, the position statement): its SHA-256 over named
 * parts, its storing with the audit entry in one transaction, and whether
 * it is overdue.
 */
#ifndef CAIRN_APP_PARTNERSHIP_UPLOAD_H
#define CAIRN_APP_PARTNERSHIP_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct actor;
struct store;

/* Writes to hex the SHA-256 (lower-case hex) of n parts in order: each
 * name and each body with its terminating NUL. */
void partnership_upload_sha256(char *const *names, char *const *bodies, size_t n,
    char hex[static 65]);

/*
 * Ends the transaction store_begin() opened for storing version `version`
 * of an upload, rc being how the storing went: on success records the
 * audit entry (action, subject "what version", detail) and commits;
 * otherwise, or when either fails, rolls back.  Returns CAIRN_OK or the
 * failure, with err set.
 */
int partnership_upload_commit(struct store *st, const struct actor *who, long id, int rc,
    const char *action, const char *what, long version, const char *detail, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Writes to due (YYYY-MM-DD, or "") the first day of stage's week on
 * inspection id's timeline and returns whether no version has been
 * uploaded yet (version 0) although that day has passed. */
bool partnership_upload_overdue(struct store *st, long id, const char *stage, long version,
    char due[static 11]);

#endif
