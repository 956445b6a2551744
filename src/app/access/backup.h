/*
 * Backups as one consistent unit: the database (SQLite's online backup, so
 * safe while the server runs), the evidence files it refers to
 * (DATABASE.files/), the audit key and anchor, and a manifest of SHA-256
 * hashes in sha256sum's format.  A backup to FILE writes FILE, FILE.files/,
 * FILE.key, FILE.anchor and, last, FILE.manifest: the same layout as a live
 * database, so the backup is itself a working database.
 */
#ifndef CAIRN_APP_BACKUP_H
#define CAIRN_APP_BACKUP_H

#include "core/err.h"

struct store;

/* What a backup or restore copied. */
struct backup_summary {
	long files;   /* evidence files */
	long entries; /* audit entries (restore: verified) */
};

/*
 * Backs up the open database to dest (which, with its .files, .key,
 * .anchor and .manifest, must not exist).  CAIRN_ECANTCREAT or CAIRN_EDATA
 * (an evidence file missing or not matching its hash) on failure, and
 * nothing is left at dest.
 */
int app_backup(struct store *st, const char *dest, struct backup_summary *sum,
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Restores the backup at backup into target (which must not exist):
 * checks every file against the manifest first and refuses (CAIRN_EDATA,
 * naming the file and the manifest's line) on any difference, copies, and
 * verifies the restored audit log.
 */
int app_restore(const char *backup, const char *target, struct backup_summary *sum,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
