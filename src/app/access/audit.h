/*
 * The audit log: who did what, when and from where.  Every change, every
 * view of child-level data and every export is recorded through
 * audit_record(), inside the same transaction as the change it describes,
 * so that an operation and its audit entry are both present or both absent.
 * Entries are chained: each entry's hash is an HMAC-SHA256, keyed by the
 * file DATABASE.key beside the database, over the previous entry's hash,
 * the entry's fields and the SHA-256 of its subject and detail (not their
 * text, so a purge can remove child-level text and the chain still holds).
 * Every committed entry's id and hash are appended to DATABASE.anchor, so
 * that audit_verify() finds an edited, inserted, recomputed or deleted
 * entry, the newest ones included.  Entries from before migration 11 keep
 * their plain SHA-256 form.  docs/reliability.md: the threat model.
 */
#ifndef CAIRN_APP_AUDIT_H
#define CAIRN_APP_AUDIT_H

#include "app/access/actor.h"
#include <stdbool.h>

#include "core/buf.h"
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

/* Size of the audit key, bytes. */
#define AUDIT_KEY_BYTES 32

/* The audit key's file name (the database's name + ".key"). */
void audit_key_path(struct store *st, struct buf *out);

/* Reads the audit key; creates it (mode 0600) when create is set and the
 * log has no keyed entry yet; else a missing key is CAIRN_EDATA. */
int audit_key(struct store *st, bool create, unsigned char key[static AUDIT_KEY_BYTES],
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Removes the subject and detail of the inspection's child-level entries
 * (their hashes stay, so the chain still verifies).  Call inside the
 * purge's transaction, which then records its own entry. */
int audit_redact_child_level(struct store *st, long inspection, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Recomputes the chain; sets *checked to the number of entries read and
 * returns CAIRN_OK, or CAIRN_EDATA naming the first broken entry. */
int audit_verify(struct store *st, long *checked, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Where a check of the chain in steps stands (audit_check_step). */
struct audit_check {
	long checked; /* entries verified so far, from the first */
	long total;   /* entries in the log: the newest entry's number */
	bool done;    /* every entry up to the newest is verified: the chain is intact */
	bool resumed; /* this step went on from an earlier check's position */
	long bad;     /* the first broken entry's number when the step fails, else 0 */
};

/*
 * Verifies the chain in one bounded step, with the same checks as
 * audit_verify (issue 17: checking 10 million entries at once blocked a web
 * worker for 36 s).  It goes on from where the last step stopped, kept in
 * DATABASE.verified (the last verified entry's number and hash, the anchor
 * file's offset and the redacted entries still awaiting their purge,
 * authenticated with the audit key), so that a re-check reads only the
 * entries added since; with full set (or no usable position) it starts
 * again from the first entry.  It stops after about max_ms milliseconds
 * (0: no limit), or max_entries entries when above 0, or when the environment's
 * CAIRN_AUDIT_STEP (tests) is a smaller number.  Returns CAIRN_OK with *out
 * set (out->done when the whole log is verified), or CAIRN_EDATA naming the
 * first broken entry, as audit_verify does; a broken entry is never passed
 * over, so every later step reports it again until a full check finds it
 * mended.
 */
int audit_check_step(struct store *st, bool full, long max_entries, long max_ms,
    struct audit_check *out, struct cairn_err *err) __attribute__((warn_unused_result));

/* Calls fn for every entry, oldest first, until it returns non-zero. */
int audit_list(struct store *st, int (*fn)(const struct audit_entry *e, void *arg), void *arg,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Calls fn for one page of the log, newest first: up to limit entries
 * with an id below before (0: from the newest), only inspection's when it
 * is above 0.  Reads only that page (issue 17: the audit page no longer
 * reads, nor verifies, the whole log on each view). */
int audit_list_page(struct store *st, long inspection, long before, long limit,
    int (*fn)(const struct audit_entry *e, void *arg), void *arg, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
