/* The audit log's table.  The chain itself is computed in app/access/audit.c. */
#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_LAST[] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
static const char SQL_APPEND[] =
    "INSERT INTO audit (id, at, actor, origin, action, inspection_id, subject, detail, "
    "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char SQL_EACH[] =
    "SELECT id, at, actor, origin, action, inspection_id, subject, detail, prev_hash, hash "
    "FROM audit ORDER BY id";

int
store_audit_last(struct store *st, long *id, char hash[static 65], struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LAST, err);
	int rc;

	*id = 0;
	hash[0] = '\0';
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	/* An empty log starts a new chain; a log that cannot be read must
	 * not, so a failure is returned as such. */
	rc = store_step_one(st, s, err, "the audit log's last entry");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*id = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, hash, 65);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_audit_append(struct store *st, const struct audit_entry *e, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_APPEND, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, e->id);
	store_bind_text(s, 2, e->at, 0);
	store_bind_text(s, 3, e->actor, 0);
	store_bind_text(s, 4, e->origin, 0);
	store_bind_text(s, 5, e->action, 0);
	if (e->inspection > 0)
		sqlite3_bind_int64(s, 6, e->inspection);
	else
		sqlite3_bind_null(s, 6);
	store_bind_text(s, 7, e->subject, 0);
	store_bind_text(s, 8, e->detail, 0);
	store_bind_text(s, 9, e->prev_hash, 0);
	store_bind_text(s, 10, e->hash, 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "writing the audit log");
}

int
store_audit_each(struct store *st, int (*fn)(const struct audit_entry *e, void *arg), void *arg,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EACH, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_entry e;

		memset(&e, 0, sizeof(e));
		e.id = (long)sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, e.at, sizeof(e.at));
		e.actor = (const char *)sqlite3_column_text(s, 2);
		e.origin = (const char *)sqlite3_column_text(s, 3);
		e.action = (const char *)sqlite3_column_text(s, 4);
		e.inspection = (long)sqlite3_column_int64(s, 5);
		e.subject = (const char *)sqlite3_column_text(s, 6);
		e.detail = (const char *)sqlite3_column_text(s, 7);
		e.prev_hash = (const char *)sqlite3_column_text(s, 8);
		e.hash = (const char *)sqlite3_column_text(s, 9);
		if (fn(&e, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "reading the audit log");
}
