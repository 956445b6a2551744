/*
 * Shared by the files of store/ only: the connection, the statement
 * cache and column helpers.  Nothing outside store/ includes this (but
 * its own unit tests, tests/unit/test_store_lookup.c).
 */
#ifndef CAIRN_STORE_INTERNAL_H
#define CAIRN_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/err.h"

/* Prepared statements cached per connection, keyed by the address of the
 * static SQL text (every statement is a string literal in a table). */
#define STORE_CACHE_SLOTS 512

struct store_cached {
	const char *sql;    /* the static SQL text (its address is the key) */
	sqlite3_stmt *stmt; /* prepared once with SQLITE_PREPARE_PERSISTENT */
};

struct store {
	sqlite3 *db;                                  /* the connection */
	char *path;                                   /* database file name */
	struct store_cached cache[STORE_CACHE_SLOTS]; /* open-addressed by pointer */
	long anchor_id;                               /* audit entry to anchor at commit, or 0 */
	char anchor_hash[65];                         /* and its hash */
};

/* Appends the pending audit entry to the anchor file (store/audit.c);
 * store_commit() calls it once the transaction is committed. */
void store_audit_committed(struct store *st);

/*
 * Returns the cached, reset statement for sql (a string literal from a
 * static table), preparing it on first use; NULL with err set on failure.
 * The statement belongs to the cache: never finalize it.
 */
sqlite3_stmt *store_stmt(struct store *st, const char *sql, struct cairn_err *err);

/* Records the connection's last error in err and returns CAIRN_ESOFTWARE. */
int store_fail(struct store *st, struct cairn_err *err, const char *what);

/* Steps a bound write to completion and resets it; returns CAIRN_OK, or
 * CAIRN_ESOFTWARE with err saying what was being done. */
int store_step_done(struct store *st, sqlite3_stmt *s, struct cairn_err *err, const char *what);

/* What store_step_one() found (negative, so never a cairn_rc). */
enum store_found {
	STORE_NONE = -2, /* no row: the statement is reset */
	STORE_ROW = -1,  /* one row, ready for the column readers: reset after */
};

/*
 * Steps s, a bound lookup that returns zero or one row: every lookup in
 * store/ goes through it, because "none" and "failed" are different
 * results.  Returns STORE_ROW (read the columns, then sqlite3_reset(s)),
 * STORE_NONE, or, when the database could not be read (busy, locked, an
 * I/O error...), a failure code with err saying that what (e.g. "the
 * audit log's last entry") could not be read: CAIRN_EIO for the disk
 * (an I/O error, a full disk, a file that reads as corrupt), CAIRN_ESOFTWARE
 * otherwise (busy, locked...); never CAIRN_OK.  A NULL s (store_stmt
 * failed, err already set) returns CAIRN_ESOFTWARE.
 */
int store_step_one(struct store *st, sqlite3_stmt *s, struct cairn_err *err, const char *what)
    __attribute__((warn_unused_result));

/* Fills row (zeroed before the call) from the current result row of s. */
typedef void store_read_fn(sqlite3_stmt *s, void *row);
/* Frees n rows filled by a store_read_fn and the array that holds them. */
typedef void store_free_fn(void *rows, size_t n);

/* One kind of row, as store_rows() and store_row() read it. */
struct store_rowtype {
	size_t size;         /* sizeof one row */
	store_read_fn *read; /* copies the columns into a row */
	store_free_fn *free; /* frees rows read so far; NULL when a row owns nothing */
};

/*
 * Defines name, the static struct store_rowtype of rows of type, each read by
 * read (a store_read_fn), the rows freed by free_rows (core's
 * void x_free(type *v, size_t n), called through name_free).
 */
#define STORE_ROWTYPE(name, type, read, free_rows)                                                 \
	static void name##_free(void *rows, size_t n)                                              \
	{                                                                                          \
		free_rows(rows, n);                                                                \
	}                                                                                          \
	static const struct store_rowtype name = { sizeof(type), read, name##_free }

/*
 * Steps s, a bound statement, to its end and reads every row with t into a
 * new array: out is the address of the caller's array pointer (struct x **,
 * t->size being sizeof(struct x)), set to the rows (NULL when none), *n to
 * their number.  The caller owns the rows (t->free).  Returns CAIRN_OK, or,
 * with no rows kept, CAIRN_ESOFTWARE for a NULL s (store_stmt() failed, err
 * already set) or a failing step (err saying that what failed).
 */
int store_rows(struct store *st, sqlite3_stmt *s, const struct store_rowtype *t, void *out,
    size_t *n, struct cairn_err *err, const char *what);

/*
 * Steps s, a bound lookup of zero or one row, through store_step_one() and
 * reads the row with t into row (zeroed first, whatever the result).
 * Returns CAIRN_OK with the row read (the caller owns what it holds),
 * STORE_NONE when there is none, CAIRN_ESOFTWARE for a NULL s (err already
 * set), or store_step_one()'s failure.
 */
int store_row(struct store *st, sqlite3_stmt *s, const struct store_rowtype *t, void *row,
    struct cairn_err *err, const char *what) __attribute__((warn_unused_result));

/* Rows of one integer column, each read into a long (for store_rows()). */
extern const struct store_rowtype store_long_rows;
/* Rows of one text column, each read into a malloc'd char * (NULL for SQL
 * NULL), for store_rows(); the caller frees each string and the array. */
extern const struct store_rowtype store_text_rows;

/* Binds text or NULL (for NULL or "" when empty_is_null). */
int store_bind_text(sqlite3_stmt *s, int i, const char *v, int empty_is_null);
/* Returns a malloc'd copy of a text column, or NULL for SQL NULL. */
char *store_col_text(sqlite3_stmt *s, int i);
/* Copies a text column into a fixed buffer ("" for NULL). */
void store_col_copy(sqlite3_stmt *s, int i, char *out, size_t outsz);

#endif
