/*
 * The connection: opening, settings, migrations, transactions and the
 * statement cache.  See store.h and store_internal.h.
 */
#include "store/store.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/embed.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/store_internal.h"

static const char *const SQL_PRAGMAS[] = {
	"PRAGMA journal_mode = WAL",
	"PRAGMA foreign_keys = ON",
	"PRAGMA synchronous = NORMAL",
	"PRAGMA trusted_schema = OFF",
	"PRAGMA secure_delete = ON", /* deleted rows are zeroed, not left in free space */
	/* 16 MiB of pages per connection (SQLite's default is 2 MiB), so that a web
	 * worker keeps a large inspection's indexes and evidence in memory instead
	 * of reading them again from the kernel on every page (issue 17). */
	"PRAGMA cache_size = -16384",
};
static const char SQL_USER_VERSION[] = "PRAGMA user_version";
static const char SQL_DATA_VERSION[] = "PRAGMA data_version";
static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_BEGIN_READ[] = "BEGIN DEFERRED";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";

int
store_fail(struct store *st, struct cairn_err *err, const char *what)
{
	int code = st != NULL && st->db != NULL ? sqlite3_errcode(st->db) : SQLITE_ERROR;

	/* The storage itself failed: say so, with the exit status for I/O. */
	switch (code & 0xff) {
	case SQLITE_FULL:
		return cairn_errf(err, CAIRN_EIO,
		    "the disk is full while %s (%s); nothing was "
		    "changed: free some space and try again",
		    what, sqlite3_errmsg(st->db));
	case SQLITE_IOERR:
		return cairn_errf(err, CAIRN_EIO,
		    "the database file could not be written while %s "
		    "(%s); nothing was changed: check the disk",
		    what, sqlite3_errmsg(st->db));
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
		return cairn_errf(err, CAIRN_ECANTCREAT,
		    "the database cannot be written while %s "
		    "(%s); nothing was changed: the database and its directory must be writable",
		    what, sqlite3_errmsg(st->db));
	default: break;
	}
	return cairn_errf(err, CAIRN_ESOFTWARE, "database error while %s: %s", what,
	    st != NULL && st->db != NULL ? sqlite3_errmsg(st->db) : "no connection");
}

static size_t
slot_of(const char *sql)
{
	uintptr_t h = (uintptr_t)sql;

	h ^= h >> 17;
	h *= (uintptr_t)0x9e3779b97f4a7c15ULL;
	return (size_t)(h >> 7) % STORE_CACHE_SLOTS;
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql, struct cairn_err *err)
{
	size_t i = slot_of(sql);

	for (size_t probe = 0; probe < STORE_CACHE_SLOTS;
	     probe++, i = (i + 1) % STORE_CACHE_SLOTS) {
		struct store_cached *c = &st->cache[i];

		if (c->sql == sql) {
			sqlite3_reset(c->stmt);
			sqlite3_clear_bindings(c->stmt);
			return c->stmt;
		}
		if (c->sql == NULL) {
			if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->stmt,
			        NULL) != SQLITE_OK) {
				int code = sqlite3_errcode(st->db) & 0xff;

				/* Preparing reads the schema, so the disk can fail here too. */
				if (code == SQLITE_FULL || code == SQLITE_IOERR ||
				    code == SQLITE_READONLY || code == SQLITE_CANTOPEN)
					store_fail(st, err, "reading the database schema");
				else
					cairn_errf(err, CAIRN_ESOFTWARE,
					    "database error preparing \"%.60s\": %s", sql,
					    sqlite3_errmsg(st->db));
				c->stmt = NULL;
				return NULL;
			}
			c->sql = sql;
			return c->stmt;
		}
	}
	cairn_errf(err, CAIRN_ESOFTWARE, "statement cache full");
	return NULL;
}

int
store_step_done(struct store *st, sqlite3_stmt *s, struct cairn_err *err, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, what);
}

int
store_step_one(struct store *st, sqlite3_stmt *s, struct cairn_err *err, const char *what)
{
	int rc;

	if (s == NULL)
		return cairn_errf(err, CAIRN_ESOFTWARE, "could not read %s", what);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return STORE_ROW;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return STORE_NONE;
	}
	/* The message is taken before the reset, which may replace it.  An EIO
	 * from the disk while reading comes back as SQLITE_CORRUPT. */
	switch (rc & 0xff) {
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		rc = cairn_errf(err, CAIRN_EIO,
		    "could not read %s: the database file could not be read (%s); check the disk",
		    what, sqlite3_errmsg(st->db));
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		rc = cairn_errf(err, CAIRN_ESOFTWARE,
		    "could not read %s: the database is busy (%s); try again", what,
		    sqlite3_errmsg(st->db));
		break;
	default:
		rc = cairn_errf(err, CAIRN_ESOFTWARE, "could not read %s: %s", what,
		    sqlite3_errmsg(st->db));
		break;
	}
	sqlite3_reset(s);
	return rc;
}

int
store_rows(struct store *st, sqlite3_stmt *s, const struct store_rowtype *t, void *out, size_t *n,
    struct cairn_err *err, const char *what)
{
	unsigned char *rows = NULL;
	size_t cap = 0, k = 0;
	int rc;

	memcpy(out, &(void *){ NULL }, sizeof(void *));
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			rows = xreallocarray(rows, cap, t->size);
		}
		memset(rows + k * t->size, 0, t->size);
		t->read(s, rows + k * t->size);
		k++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		if (t->free != NULL)
			t->free(rows, k);
		else
			free(rows);
		return store_fail(st, err, what);
	}
	memcpy(out, &(void *){ rows }, sizeof(void *));
	*n = k;
	return CAIRN_OK;
}

int
store_row(struct store *st, sqlite3_stmt *s, const struct store_rowtype *t, void *row,
    struct cairn_err *err, const char *what)
{
	int rc;

	memset(row, 0, t->size);
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	rc = store_step_one(st, s, err, what);
	if (rc != STORE_ROW)
		return rc;
	t->read(s, row);
	sqlite3_reset(s);
	return CAIRN_OK;
}

/* Reads the first column of a row into a long. */
static void
read_long(sqlite3_stmt *s, void *row)
{
	*(long *)row = (long)sqlite3_column_int64(s, 0);
}

const struct store_rowtype store_long_rows = { sizeof(long), read_long, NULL };

/* Reads the first column of a row into a malloc'd string. */
static void
read_text(sqlite3_stmt *s, void *row)
{
	*(char **)row = store_col_text(s, 0);
}

/* Frees n strings read by read_text and their array. */
static void
free_texts(void *rows, size_t n)
{
	char **v = rows;

	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

const struct store_rowtype store_text_rows = { sizeof(char *), read_text, free_texts };

int
store_bind_text(sqlite3_stmt *s, int i, const char *v, int empty_is_null)
{
	if (v == NULL || (empty_is_null && v[0] == '\0'))
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

char *
store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t == NULL ? NULL : xstrdup((const char *)t);
}

void
store_col_copy(sqlite3_stmt *s, int i, char *out, size_t outsz)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	text_copy(out, outsz, t == NULL ? "" : (const char *)t);
}

void
store_now(char out[static 21])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Runs one static statement to completion. */
static int
exec_static(struct store *st, const char *sql, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, sql);
	return CAIRN_OK;
}

int
store_schema_version(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, SQL_USER_VERSION, NULL);
	int v;

	/* -1 (never a version) says it could not be read. */
	if (store_step_one(st, s, NULL, "the schema version") != STORE_ROW)
		return -1;
	v = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return v;
}

int
store_generation(struct store *st, struct store_gen *g, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_DATA_VERSION, err);
	int rc;

	memset(g, 0, sizeof(*g));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	if ((rc = store_step_one(st, s, err, "the data version")) != STORE_ROW)
		return rc == STORE_NONE
		    ? cairn_errf(err, CAIRN_ESOFTWARE, "the data version is missing")
		    : rc;
	g->data_version = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	g->changes = (long long)sqlite3_total_changes64(st->db);
	return CAIRN_OK;
}

bool
store_gen_equal(const struct store_gen *a, const struct store_gen *b)
{
	return a->data_version == b->data_version && a->changes == b->changes;
}

int
store_read_begin(struct store *st, struct cairn_err *err)
{
	return exec_static(st, SQL_BEGIN_READ, err);
}

bool
store_in_transaction(struct store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

void
store_read_end(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		(void)exec_static(st, SQL_COMMIT, NULL);
}

int
store_begin(struct store *st, struct cairn_err *err)
{
	return exec_static(st, SQL_BEGIN, err);
}

int
store_commit(struct store *st, struct cairn_err *err)
{
	int rc = exec_static(st, SQL_COMMIT, err);

	if (rc == CAIRN_OK)
		store_audit_committed(st);
	return rc;
}

void
store_rollback(struct store *st)
{
	if (st != NULL && !sqlite3_get_autocommit(st->db))
		(void)exec_static(st, SQL_ROLLBACK, NULL);
	if (st != NULL)
		st->anchor_id = 0; /* its audit entry is gone */
}

/*
 * Returns the version number of an embedded migration named
 * "sql/NNN_name.sql", or 0 if name is not a migration.
 */
static int
migration_version(const char *name)
{
	long v = 0;
	char num[8];
	const char *p = name + 4;
	size_t n = 0;

	if (strncmp(name, "sql/", 4) != 0)
		return 0;
	while (p[n] >= '0' && p[n] <= '9' && n < sizeof(num) - 1) {
		num[n] = p[n];
		n++;
	}
	num[n] = '\0';
	if (n == 0 || p[n] != '_' || !text_parse_long(num, 1, 9999, &v))
		return 0;
	return (int)v;
}

/*
 * Applies every embedded migration newer than the schema, in order, each
 * in its own transaction.  Each migration file ends by setting
 * PRAGMA user_version to its own number, which is checked.
 */
static int
store_migrate(struct store *st, struct cairn_err *err)
{
	int current = store_schema_version(st);

	if (current < 0)
		return store_fail(st, err, "reading the schema version");
	for (;;) {
		const struct embed_file *next = NULL;
		int nextv = 0;
		char *msg = NULL;

		for (const struct embed_file *f = embed_files; f->name != NULL; f++) {
			int v = migration_version(f->name);

			if (v > current && (nextv == 0 || v < nextv)) {
				next = f;
				nextv = v;
			}
		}
		if (next == NULL)
			return CAIRN_OK;
		if (store_begin(st, err) != CAIRN_OK)
			return CAIRN_ESOFTWARE;
		if (sqlite3_exec(st->db, next->data, NULL, NULL, &msg) != SQLITE_OK) {
			cairn_errf(err, CAIRN_ESOFTWARE, "migration %s failed: %s", next->name,
			    msg != NULL ? msg : sqlite3_errmsg(st->db));
			sqlite3_free(msg);
			store_rollback(st);
			return CAIRN_ESOFTWARE;
		}
		if (store_schema_version(st) != nextv) {
			store_rollback(st);
			return cairn_errf(err, CAIRN_ESOFTWARE,
			    "migration %s does not set user_version to %d", next->name, nextv);
		}
		if (store_commit(st, err) != CAIRN_OK) {
			store_rollback(st);
			return CAIRN_ESOFTWARE;
		}
		current = nextv;
	}
}

/* Applies the connection's safety settings. */
static int
store_configure(struct store *st, struct cairn_err *err)
{
	sqlite3 *db = st->db;

	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 5000);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL);
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 16 << 20);
	sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
	sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 200);
	for (size_t i = 0; i < sizeof(SQL_PRAGMAS) / sizeof(SQL_PRAGMAS[0]); i++) {
		int rc = exec_static(st, SQL_PRAGMAS[i], err);

		if (rc != CAIRN_OK)
			return rc;
	}
	return CAIRN_OK;
}

/* Once per process, before SQLite starts: no statistics of SQLite's memory
 * (nothing reads them), so that its allocations no longer take one mutex
 * shared by every connection, i.e. by every web worker (issue 22). */
static void
store_global_config(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
store_open(const char *path, enum store_mode mode, struct store **out, struct cairn_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct store *st;
	struct stat sb;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW;
	int rc;

	*out = NULL;
	pthread_once(&once, store_global_config);
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return cairn_errf(err, CAIRN_ENOINPUT, "cannot open database %s: %s", path,
			    strerror(errno));
		if (mode != STORE_CREATE)
			return cairn_errf(err, CAIRN_ENOINPUT,
			    "no database at %s; run 'cairn init' first (or give --db FILE)", path);
		flags |= SQLITE_OPEN_CREATE;
	} else if (!S_ISREG(sb.st_mode)) {
		return cairn_errf(err, CAIRN_ENOINPUT,
		    "cannot open database %s: not a regular file", path);
	}
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		rc = cairn_errf(err,
		    (flags & SQLITE_OPEN_CREATE) ? CAIRN_ECANTCREAT : CAIRN_ENOINPUT,
		    "cannot open database %s: %s", path,
		    st->db != NULL ? sqlite3_errmsg(st->db) : "out of memory");
		store_close(st);
		return rc;
	}
	if ((rc = store_configure(st, err)) != CAIRN_OK ||
	    (rc = store_migrate(st, err)) != CAIRN_OK) {
		store_close(st);
		return rc;
	}
	*out = st;
	return CAIRN_OK;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < STORE_CACHE_SLOTS; i++)
		if (st->cache[i].stmt != NULL)
			sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}
