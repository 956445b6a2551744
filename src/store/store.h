/*
 * The database: the only module that knows SQL.  A struct store is one
 * SQLite connection with its prepared statements; use one per thread.
 * Every function returns an enum cairn_rc and fills in err on failure.
 */
#ifndef CAIRN_STORE_STORE_H
#define CAIRN_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/audit.h"
#include "core/database.h"
#include "core/model.h"

/*
 * Opens the database at path, applies the connection settings (WAL,
 * foreign keys, defensive mode, limits) and any pending migrations.
 * On success *out owns the connection; free it with store_close().
 */
int store_open(const char *path, enum store_mode mode, struct store **out, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Closes the connection and frees its statements; NULL is a no-op. */
void store_close(struct store *st);
/* Returns the schema version (PRAGMA user_version). */
int store_schema_version(struct store *st);

/* Reads the current generation into *g; CAIRN_ESOFTWARE on failure. */
int store_generation(struct store *st, struct store_gen *g, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Returns true if a and b are the same generation. */
bool store_gen_equal(const struct store_gen *a, const struct store_gen *b);

/*
 * A read transaction: every statement until store_read_end() reads the
 * same snapshot, and the connection takes its locks once instead of once
 * per statement.  Nothing may be written inside it (store_begin fails).
 */
int store_read_begin(struct store *st, struct cairn_err *err) __attribute__((warn_unused_result));
/* Ends a read transaction (safe to call when none is open). */
void store_read_end(struct store *st);
/* Returns true while a transaction is open on st. */
bool store_in_transaction(struct store *st);

/* Transactions.  store_begin() takes the write lock at once (BEGIN
 * IMMEDIATE); store_rollback() is safe to call after a failed commit. */
int store_begin(struct store *st, struct cairn_err *err) __attribute__((warn_unused_result));
int store_commit(struct store *st, struct cairn_err *err) __attribute__((warn_unused_result));
void store_rollback(struct store *st);

/* ---- frameworks ---- */

/* Returns true if a framework with this code is stored. */
bool store_framework_exists(struct store *st, const char *code);
/* Stores a new framework (within the caller's transaction). */
int store_framework_insert(struct store *st, const struct framework *f, bool builtin,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the framework with this code into *f (caller frees with
 * framework_free); CAIRN_EDATA naming the valid codes if unknown. */
int store_framework_load(struct store *st, const char *code, struct framework *f,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists all frameworks by code into a malloc'd array (free with
 * framework_summaries_free). */
int store_framework_list(struct store *st, struct framework_summary **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Writes a comma-separated list of framework codes into buf (for errors). */
void store_framework_codes(struct store *st, char *buf, size_t bufsz);

/* ---- inspections ---- */

/* Creates an inspection (within the caller's transaction); sets in->id. */
int store_inspection_insert(struct store *st, struct inspection *in, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Updates the stored fields of an inspection (not its evaluations). */
int store_inspection_update(struct store *st, const struct inspection *in, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads inspection id into *in (caller frees with inspection_free);
 * CAIRN_EDATA if there is no such inspection. */
int store_inspection_load(struct store *st, long id, struct inspection *in, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Checks that inspection id exists without loading it: CAIRN_OK, or
 * CAIRN_EDATA with the same message as store_inspection_load. */
int store_inspection_exists(struct store *st, long id, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists all inspections (id order) into a malloc'd array. */
int store_inspection_list(struct store *st, struct inspection **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* ---- evaluations and findings ---- */

/* Sets (inserts or replaces) the grade of one indicator. */
int store_evaluation_set(struct store *st, long inspection, const char *qi, int grade,
    const char *rationale, struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads an inspection's evaluations, in no particular order. */
int store_evaluation_list(struct store *st, long inspection, struct evaluation **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Adds a finding after the inspection's others, with its indicators and
 * evidence; sets f->id. */
int store_finding_insert(struct store *st, long inspection, struct finding *f,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads an inspection's findings in the team's order (position, then the
 * order they were added), with their indicators and evidence numbers. */
int store_finding_list(struct store *st, long inspection, struct finding **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Replaces finding f->id's kind, text, indicators and evidence. */
int store_finding_update(struct store *st, long inspection, const struct finding *f,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Deletes finding fid of the inspection with its links. */
int store_finding_delete(struct store *st, long inspection, long fid, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Sets finding fid's position in its inspection's order. */
int store_finding_position(struct store *st, long inspection, long fid, long position,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* ---- audit log ---- */

/* Returns the last entry's id (0 if none) and hash ("" if none). */
int store_audit_last(struct store *st, long *id, char hash[static 65], struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Appends an entry with the given id. */
int store_audit_append(struct store *st, const struct audit_entry *e, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Calls fn for every entry in id order until it returns non-zero. */
int store_audit_each(struct store *st, int (*fn)(const struct audit_entry *e, void *arg), void *arg,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Calls fn for up to limit entries with an id below before (0: from the
 * newest), newest first, only those of inspection when it is above 0 (through
 * the audit_inspection index); stops early when fn returns non-zero.  The
 * entry's strings are borrowed for the call only. */
int store_audit_page(struct store *st, long inspection, long before, long limit,
    int (*fn)(const struct audit_entry *e, void *arg), void *arg, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Sets *any when the log holds keyed (form 2) entries. */
int store_audit_keyed(struct store *st, bool *any, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Removes subject and detail (keeping their hashes) of the inspection's
 * entries of one action, marking them redacted.  Call inside a transaction. */
int store_audit_redact(struct store *st, long inspection, const char *action, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* One line of the anchor file DATABASE.anchor: an entry committed, and its hash. */
struct audit_anchor {
	long id;
	char hash[65];
};
/* Reads the anchor file, ordered by id; *exists is false when there is
 * none.  *out is malloc'd. */
int store_audit_anchor_read(const struct store *st, struct audit_anchor **out, size_t *n,
    bool *exists, struct cairn_err *err) __attribute__((warn_unused_result));
/* Calls fn for the entries with an id above after and at most upto, in id
 * order, until it returns non-zero; sets *n to the entries read (issue 17:
 * the chain is checked in bounded steps). */
int store_audit_range(struct store *st, long after, long upto,
    int (*fn)(const struct audit_entry *e, void *arg), void *arg, long *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Reads the anchor file from byte offset *offset, stopping before the first
 * line whose id is above upto (the file is appended in commit order, so in
 * id order); *out (malloc'd, sorted by id) gets the lines read, *offset
 * moves past them; *exists is false when there is no anchor file. */
int store_audit_anchor_read_from(const struct store *st, long *offset, long upto,
    struct audit_anchor **out, size_t *n, bool *exists, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Returns the current UTC time as "YYYY-MM-DDTHH:MM:SSZ" in out. */
void store_now(char out[static 21]);

#endif
