/*
 * What a backup needs from the database besides its pages: the evidence
 * files it refers to.  SQL only; the backup's rules are in
 * app/access/backup.c.
 */
#ifndef CAIRN_STORE_BACKUP_H
#define CAIRN_STORE_BACKUP_H

#include <stddef.h>

#include "core/err.h"

struct store;

/* Sets *shas (malloc'd array of malloc'd hex SHA-256 names) to every stored
 * evidence file, in order. */
int store_backup_files(struct store *st, char ***shas, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
