/*
 * Retention of child-level data (tables of migration 009 and the
 * child-level columns of migrations 002 and 003).  SQL only; the rules
 * (published, retention period passed, who may) are in app/access/purge.c.
 */
#ifndef CAIRN_STORE_PURGE_H
#define CAIRN_STORE_PURGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/purge.h"

struct store;

/* Returns the retention period in days for an inspection (its own row,
 * else the default row 0) in *days; *set is false when neither exists. */
int store_retention_get(struct store *st, long inspection, long *days, bool *set,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Sets the period for inspection (0: the default).  Call inside a transaction. */
int store_retention_set(struct store *st, long inspection, long days, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Fills *rec and sets *found if the inspection has been purged. */
int store_purge_get(struct store *st, long inspection, struct purge_record *rec, bool *found,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Counts what a purge of inspection would remove. */
int store_purge_count(struct store *st, long inspection, struct purge_counts *c,
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Removes the inspection's child-level data: the population's rows (its
 * size, checksum and columns stay), each sample member's reference
 * (replaced by "purged-N"), notes of readings, resolutions, reassignments
 * and answer changes, the text of matters of concern, every survey
 * respondent's id (replaced by "purged-N"), a children's survey's
 * respondent attributes and free-text comments, and the evidence
 * attachments (the evidence text stays).  Stores the purge row.  Sets
 * *orphans (malloc'd array of malloc'd SHA-256 hex strings) to the files
 * no evidence refers to any more, for the caller to delete from disk
 * after commit.  Call inside a transaction.
 */
int store_purge_child_level(struct store *st, long inspection, const struct purge_record *rec,
    char ***orphans, size_t *norphans, struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Leaves no deleted byte in the database file, its free pages or its WAL:
 * secure_delete, checkpoint(TRUNCATE), VACUUM, checkpoint(TRUNCATE).
 * Call outside a transaction.  CAIRN_EIO when another connection's open
 * read kept the WAL from being emptied.
 */
int store_scrub(struct store *st, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
