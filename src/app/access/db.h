/*
 * The database as the front ends open, close and watch it: thin wrappers
 * over store/store.h, so that cli/ and web/ reach the data only through
 * app/ (issue 16).  struct store stays opaque (core/database.h).
 */
#ifndef CAIRN_APP_DB_H
#define CAIRN_APP_DB_H

#include <stdbool.h>

#include "core/database.h"
#include "core/err.h"

/* Opens the database at path (applying pending migrations); on success
 * *out owns the connection, closed with app_db_close(). */
int app_db_open(const char *path, enum store_mode mode, struct store **out, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Closes the connection; NULL is a no-op. */
void app_db_close(struct store *st);
/* Returns the schema version. */
int app_db_version(struct store *st);
/* Copies the whole database to a new file at path while others keep
 * using it; CAIRN_ECANTCREAT on failure. */
int app_db_backup(struct store *st, const char *path, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Deletes the sessions signed in before created_before or idle since
 * before idle_before (Unix seconds). */
int app_db_session_purge(struct store *st, long long created_before, long long idle_before,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Reads the database's generation (see core/database.h) into *g. */
int app_db_generation(struct store *st, struct store_gen *g, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Returns true if a and b are the same generation. */
bool app_db_gen_equal(const struct store_gen *a, const struct store_gen *b);

/* Starts a read transaction (one snapshot until app_db_read_end()). */
int app_db_read_begin(struct store *st, struct cairn_err *err) __attribute__((warn_unused_result));
/* Ends a read transaction (safe when none is open). */
void app_db_read_end(struct store *st);
/* Returns true while a transaction is open on st. */
bool app_db_in_transaction(struct store *st);

#endif
