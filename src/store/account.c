/* Accounts, sessions, sign-in failures, API tokens, backup: see account.h. */
#include "store/account.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/mem.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_ACC_INSERT[] =
    "INSERT INTO account (username, full_name, password_hash, is_admin, disabled, created_at) "
    "VALUES (?1, ?2, ?3, ?4, 0, ?5)";
static const char SQL_ACC_EXISTS[] = "SELECT 1 FROM account WHERE username = ?1";
static const char SQL_ACC_GET[] =
    "SELECT id, username, full_name, password_hash, is_admin, disabled, created_at, "
    "last_signin_at "
    "FROM account WHERE username = ?1";
static const char SQL_ACC_GET_ID[] =
    "SELECT id, username, full_name, password_hash, is_admin, disabled, created_at, "
    "last_signin_at "
    "FROM account WHERE id = ?1";
static const char SQL_ACC_LIST[] =
    "SELECT id, username, full_name, password_hash, is_admin, disabled, created_at, "
    "last_signin_at "
    "FROM account ORDER BY username";
static const char SQL_ACC_PASSWD[] = "UPDATE account SET password_hash = ?2 WHERE id = ?1";
static const char SQL_ACC_DISABLE[] = "UPDATE account SET disabled = ?2 WHERE id = ?1";

static const char SQL_SES_INSERT[] =
    "INSERT INTO web_session (id_hash, account_id, csrf, created_at, last_seen, address) "
    "VALUES (?1, ?2, ?3, ?4, ?4, ?5)";
static const char SQL_SES_GET[] =
    "SELECT account_id, csrf, created_at, last_seen FROM web_session WHERE id_hash = ?1";
static const char SQL_SES_TOUCH[] = "UPDATE web_session SET last_seen = ?2 WHERE id_hash = ?1";
static const char SQL_SES_DELETE[] = "DELETE FROM web_session WHERE id_hash = ?1";
static const char SQL_SES_DELETE_ACC[] = "DELETE FROM web_session WHERE account_id = ?1";
static const char SQL_SES_PURGE[] =
    "DELETE FROM web_session WHERE created_at < ?1 OR last_seen < ?2";

static const char SQL_FAIL_ADD[] =
    "INSERT INTO signin_failure (username, address, at) VALUES (?1, ?2, ?3)";
static const char SQL_FAIL_USER[] =
    "SELECT COUNT(*) FROM signin_failure WHERE username = ?1 AND at >= ?2";
static const char SQL_FAIL_ADDR[] =
    "SELECT COUNT(*) FROM signin_failure WHERE address = ?1 AND at >= ?2";
static const char SQL_FAIL_ADDR_LAST[] =
    "SELECT MAX(at) FROM signin_failure WHERE address = ?1 AND at >= ?2";
static const char SQL_FAIL_CLEAR[] = "DELETE FROM signin_failure WHERE username = ?1";

static const char SQL_TOK_INSERT[] =
    "INSERT INTO api_token (token_hash, account_id, label, created_at, revoked) "
    "VALUES (?1, ?2, ?3, ?4, 0)";
static const char SQL_TOK_GET[] =
    "SELECT account_id FROM api_token WHERE token_hash = ?1 AND revoked = 0";
static const char SQL_ACC_ADMIN[] = "UPDATE account SET is_admin = ?2 WHERE id = ?1";
static const char SQL_TOK_LIST[] =
    "SELECT t.id, a.username, t.label, t.created_at, t.revoked, t.last_used_at FROM api_token t "
    "JOIN account a ON a.id = t.account_id ORDER BY t.id DESC";
static const char SQL_TOK_LIST_ACC[] =
    "SELECT t.id, a.username, t.label, t.created_at, t.revoked, t.last_used_at FROM api_token t "
    "JOIN account a ON a.id = t.account_id WHERE t.account_id = ?1 ORDER BY t.id DESC";
static const char SQL_TOK_BY_LABEL[] =
    "SELECT id FROM api_token WHERE account_id = ?1 AND label = ?2 AND revoked = 0 "
    "ORDER BY id";
static const char SQL_TOK_GET_USE[] =
    "SELECT id, account_id, last_used_at FROM api_token WHERE token_hash = ?1 AND revoked = 0";
static const char SQL_TOK_USED[] = "UPDATE api_token SET last_used_at = ?2 WHERE id = ?1";
static const char SQL_ACC_SIGNED_IN[] = "UPDATE account SET last_signin_at = ?2 WHERE id = ?1";
static const char SQL_ACC_NAME[] = "UPDATE account SET full_name = ?2 WHERE id = ?1";
static const char SQL_ACC_ADMINS[] =
    "SELECT COUNT(*) FROM account WHERE is_admin = 1 AND disabled = 0";
static const char SQL_TOK_OWNER[] =
    "SELECT a.username FROM api_token t JOIN account a ON a.id = t.account_id "
    "WHERE t.id = ?1 AND t.revoked = 0";
/* SQL_ACC_LIST's columns without the password hash or the dates. */
static const char SQL_ACC_NAMES[] =
    "SELECT id, username, full_name, NULL, is_admin, disabled, NULL, NULL "
    "FROM account ORDER BY username";
static const char SQL_TOK_REVOKE[] = "UPDATE api_token SET revoked = 1 WHERE id = ?1";

int
store_account_insert(struct store *st, const char *username, const char *full_name,
    const char *hash, bool admin, long *id, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ACC_EXISTS, err);
	char now[21];
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, username, 0);
	rc = store_step_one(st, s, err, "the existing accounts");
	if (rc == STORE_ROW) {
		sqlite3_reset(s);
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "username",
		    "an account called '%s' already exists", username);
	}
	if (rc != STORE_NONE)
		return rc;
	if ((s = store_stmt(st, SQL_ACC_INSERT, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	store_bind_text(s, 1, username, 0);
	store_bind_text(s, 2, full_name, 0);
	store_bind_text(s, 3, hash, 0);
	sqlite3_bind_int(s, 4, admin ? 1 : 0);
	store_bind_text(s, 5, now, 0);
	if (store_step_done(st, s, err, "creating an account") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	*id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

/* Reads one row of SQL_ACC_GET, _GET_ID or _LIST into a struct account. */
static void
read_account(sqlite3_stmt *s, void *row)
{
	struct account *a = row;

	a->id = (long)sqlite3_column_int64(s, 0);
	a->username = store_col_text(s, 1);
	a->full_name = store_col_text(s, 2);
	a->password_hash = store_col_text(s, 3);
	a->admin = sqlite3_column_int(s, 4) != 0;
	a->disabled = sqlite3_column_int(s, 5) != 0;
	store_col_copy(s, 6, a->created_at, sizeof(a->created_at));
	store_col_copy(s, 7, a->last_signin_at, sizeof(a->last_signin_at));
}

STORE_ROWTYPE(account_rows, struct account, read_account, accounts_free);

int
store_account_get(struct store *st, const char *username, struct account *a, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ACC_GET, err);
	int rc;

	if (s != NULL)
		store_bind_text(s, 1, username, 0);
	if ((rc = store_row(st, s, &account_rows, a, err, "an account")) != STORE_NONE)
		return rc;
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "username",
	    "no account called '%s'; the list of accounts shows "
	    "them",
	    username);
}

int
store_account_get_id(struct store *st, long id, struct account *a, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ACC_GET_ID, err);
	int rc;

	if (s != NULL)
		sqlite3_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, &account_rows, a, err, "an account")) != STORE_NONE)
		return rc;
	return cairn_errf(err, CAIRN_EDATA, "no account with id %ld", id);
}

int
store_account_list(struct store *st, struct account **out, size_t *n, struct cairn_err *err)
{
	return store_rows(st, store_stmt(st, SQL_ACC_LIST, err), &account_rows, out, n, err,
	    "reading the accounts");
}

int
store_account_set_password(struct store *st, long id, const char *hash, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ACC_PASSWD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, hash, 0);
	return store_step_done(st, s, err, "changing a password");
}

int
store_account_set_disabled(struct store *st, long id, bool disabled, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ACC_DISABLE, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, disabled ? 1 : 0);
	return store_step_done(st, s, err, "disabling an account");
}

int
store_session_insert(struct store *st, const char *id_hash, long account_id, const char *csrf,
    long long now, const char *address, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SES_INSERT, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, id_hash, 0);
	sqlite3_bind_int64(s, 2, account_id);
	store_bind_text(s, 3, csrf, 0);
	sqlite3_bind_int64(s, 4, now);
	store_bind_text(s, 5, address, 0);
	return store_step_done(st, s, err, "creating a session");
}

int
store_session_get(struct store *st, const char *id_hash, struct session_row *out,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SES_GET, err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, id_hash, 0);
	if ((rc = store_step_one(st, s, err, "a session")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_EDATA, "no such session");
	}
	out->account_id = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, out->csrf, sizeof(out->csrf));
	out->created = sqlite3_column_int64(s, 2);
	out->last_seen = sqlite3_column_int64(s, 3);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_session_touch(struct store *st, const char *id_hash, long long now, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SES_TOUCH, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, id_hash, 0);
	sqlite3_bind_int64(s, 2, now);
	return store_step_done(st, s, err, "updating a session");
}

int
store_session_delete(struct store *st, const char *id_hash, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SES_DELETE, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, id_hash, 0);
	return store_step_done(st, s, err, "ending a session");
}

int
store_session_delete_account(struct store *st, long account_id, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SES_DELETE_ACC, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, account_id);
	return store_step_done(st, s, err, "ending an account's sessions");
}

int
store_session_purge(struct store *st, long long created_before, long long idle_before,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SES_PURGE, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, created_before);
	sqlite3_bind_int64(s, 2, idle_before);
	return store_step_done(st, s, err, "removing expired sessions");
}

int
store_signin_failure_add(struct store *st, const char *username, const char *address, long long now,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FAIL_ADD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, username, 0);
	store_bind_text(s, 2, address, 0);
	sqlite3_bind_int64(s, 3, now);
	return store_step_done(st, s, err, "recording a failed sign-in");
}

/*
 * Reads the COUNT(*) of a statement bound with (text, since) into *n.  A
 * count that cannot be read is a failure, never 0: sign-in throttling
 * must fail closed.
 */
static int
count_since(struct store *st, sqlite3_stmt *s, const char *key, long long since, long *n,
    struct cairn_err *err)
{
	int rc;

	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, key, 0);
	sqlite3_bind_int64(s, 2, since);
	rc = store_step_one(st, s, err, "the count of failed sign-ins");
	if (rc == STORE_NONE) /* COUNT(*) always returns a row */
		return cairn_errf(err, CAIRN_ESOFTWARE, "the count of failed sign-ins is missing");
	if (rc != STORE_ROW)
		return rc;
	*n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_signin_failure_count(struct store *st, const char *username, const char *address,
    long long since, long *by_user, long *by_address, struct cairn_err *err)
{
	int rc = count_since(st, store_stmt(st, SQL_FAIL_USER, err), username, since, by_user, err);

	*by_address = 0;
	if (rc == CAIRN_OK)
		rc = count_since(st, store_stmt(st, SQL_FAIL_ADDR, err), address, since, by_address,
		    err);
	return rc;
}

int
store_signin_failure_last(struct store *st, const char *address, long long since, long long *last,
    struct cairn_err *err)
{
	long n = 0;
	int rc = count_since(st, store_stmt(st, SQL_FAIL_ADDR_LAST, err), address, since, &n, err);

	*last = rc == CAIRN_OK ? (long long)n : 0; /* MAX of no rows is NULL: 0 */
	return rc;
}

int
store_signin_failure_clear(struct store *st, const char *username, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FAIL_CLEAR, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, username, 0);
	return store_step_done(st, s, err, "clearing failed sign-ins");
}

int
store_token_insert(struct store *st, const char *token_hash, long account_id, const char *label,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TOK_INSERT, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	store_bind_text(s, 1, token_hash, 0);
	sqlite3_bind_int64(s, 2, account_id);
	store_bind_text(s, 3, label, 0);
	store_bind_text(s, 4, now, 0);
	return store_step_done(st, s, err, "storing an API token");
}

int
store_token_account(struct store *st, const char *token_hash, long *account_id,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TOK_GET, err);
	int rc;

	*account_id = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, token_hash, 0);
	if ((rc = store_step_one(st, s, err, "an API token")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_EDATA, "unknown or revoked API token");
	}
	*account_id = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_backup(struct store *st, const char *path, struct cairn_err *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	struct stat sb;
	int rc;

	if (stat(path, &sb) == 0)
		return cairn_errf(err, CAIRN_ECANTCREAT,
		    "%s already exists; give a new file name for the backup", path);
	if (sqlite3_open_v2(path, &dst,
	        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW,
	        NULL) != SQLITE_OK) {
		rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot create %s: %s", path,
		    dst != NULL ? sqlite3_errmsg(dst) : "out of memory");
		sqlite3_close(dst);
		return rc;
	}
	if ((b = sqlite3_backup_init(dst, "main", st->db, "main")) == NULL) {
		rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot back up to %s: %s", path,
		    sqlite3_errmsg(dst));
		sqlite3_close(dst);
		remove(path);
		return rc;
	}
	/* Copy in steps so that writers are held up only briefly. */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		int e = cairn_errf(err, CAIRN_ECANTCREAT, "backup to %s failed: %s", path,
		    sqlite3_errstr(rc));

		sqlite3_close(dst);
		remove(path);
		return e;
	}
	sqlite3_close(dst);
	return CAIRN_OK;
}

int
store_account_set_admin(struct store *st, long id, bool admin, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ACC_ADMIN, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, admin ? 1 : 0);
	return store_step_done(st, s, err, "changing an administrator");
}

/* Reads a row of SQL_TOK_LIST or _LIST_ACC into a struct api_token. */
static void
read_token(sqlite3_stmt *s, void *row)
{
	struct api_token *t = row;

	t->id = (long)sqlite3_column_int64(s, 0);
	t->username = store_col_text(s, 1);
	t->label = store_col_text(s, 2);
	store_col_copy(s, 3, t->created_at, sizeof(t->created_at));
	t->revoked = sqlite3_column_int(s, 4) != 0;
	store_col_copy(s, 5, t->last_used_at, sizeof(t->last_used_at));
}

STORE_ROWTYPE(token_rows, struct api_token, read_token, api_tokens_free);

int
store_token_list(struct store *st, struct api_token **out, size_t *n, struct cairn_err *err)
{
	return store_rows(st, store_stmt(st, SQL_TOK_LIST, err), &token_rows, out, n, err,
	    "reading the API tokens");
}

int
store_token_list_account(struct store *st, long account_id, struct api_token **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TOK_LIST_ACC, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, account_id);
	return store_rows(st, s, &token_rows, out, n, err, "reading the API tokens");
}

int
store_token_by_label(struct store *st, long account_id, const char *label, long *id,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TOK_BY_LABEL, err);
	int rc;

	*id = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, account_id);
	store_bind_text(s, 2, label, 0);
	if ((rc = store_step_one(st, s, err, "an API token")) == STORE_ROW) {
		*id = (long)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return CAIRN_OK;
	}
	return rc == STORE_NONE ? CAIRN_OK : rc;
}

int
store_token_use(struct store *st, const char *token_hash, bool per_minute, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TOK_GET_USE, err);
	char last[21], now[21];
	long id;
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, token_hash, 0);
	if ((rc = store_step_one(st, s, err, "an API token")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_EDATA, "unknown or revoked API token");
	}
	id = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 2, last, sizeof(last));
	sqlite3_reset(s);
	store_now(now);
	/* At most once per clock minute: the times are ISO strings of one
	 * format, equal in their first 16 bytes within one minute. */
	if (last[0] != '\0' && per_minute && strncmp(last, now, 16) == 0)
		return CAIRN_OK;
	if ((s = store_stmt(st, SQL_TOK_USED, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, now, 0);
	return store_step_done(st, s, err, "recording an API token's use");
}

int
store_account_signed_in(struct store *st, long id, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ACC_SIGNED_IN, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, now, 0);
	return store_step_done(st, s, err, "recording a sign-in");
}

int
store_account_set_name(struct store *st, long id, const char *full_name, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ACC_NAME, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, full_name, 0);
	return store_step_done(st, s, err, "changing an account's name");
}

int
store_account_admins(struct store *st, long *n, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ACC_ADMINS, err);
	int rc;

	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	if ((rc = store_step_one(st, s, err, "the administrators")) != STORE_ROW)
		return rc == STORE_NONE ? CAIRN_OK : rc;
	*n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_token_revoke(struct store *st, long id, char **username, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TOK_OWNER, err);
	int rc;

	*username = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_step_one(st, s, err, "an API token")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "token",
		    "there is no API token %ld in use; it may have been revoked already", id);
	}
	*username = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if ((s = store_stmt(st, SQL_TOK_REVOKE, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	return store_step_done(st, s, err, "revoking an API token");
}

int
store_account_names(struct store *st, struct account **out, size_t *n, struct cairn_err *err)
{
	return store_rows(st, store_stmt(st, SQL_ACC_NAMES, err), &account_rows, out, n, err,
	    "reading the names of the accounts");
}
