/*
 * The audit log: who did what, when and from where.  Every change, every
 * view of child-level data and every export is recorded through
 * audit_record(), inside the same transaction as the change it describes,
 * so that an operation and its audit entry are both present or both absent.
 * Entries are hash-chained (SHA-256 over the previous hash and the entry's
 * fields) so that audit_verify() finds any edited or deleted entry.
 */
#ifndef CAIRN_APP_AUDIT_H
#define CAIRN_APP_AUDIT_H

#include "app/access/actor.h"
#include "core/err.h"
#include "store/store.h"

struct store;

/*
 * Appends an entry.  Call inside the caller's transaction.  inspection is
 * 0 when the action is not about one inspection; subject and detail may be
 * NULL.  Returns CAIRN_OK or CAIRN_ESOFTWARE.
 */
int audit_record(struct store *st, const struct actor *who, const char *action, long inspection,
    const char *subject, const char *detail, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Recomputes the chain; sets *checked to the number of entries read and
 * returns CAIRN_OK, or CAIRN_EDATA naming the first broken entry. */
int audit_verify(struct store *st, long *checked, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Calls fn for every entry, oldest first, until it returns non-zero. */
int audit_list(struct store *st, int (*fn)(const struct audit_entry *e, void *arg), void *arg,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
