/*
 * The audit log's table and its anchor file.  The chain itself (hashes,
 * key, what verifies) is computed in app/access/audit.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_LAST[] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
static const char SQL_APPEND[] =
    "INSERT INTO audit (id, at, actor, origin, action, inspection_id, subject, detail, "
    "prev_hash, hash, form, subject_sha256, detail_sha256) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char SQL_EACH[] =
    "SELECT id, at, actor, origin, action, inspection_id, subject, detail, prev_hash, hash, "
    "form, subject_sha256, detail_sha256, redacted FROM audit ORDER BY id";
/* The entries after id ?1 up to id ?2, oldest first: one step of the chain's check. */
static const char SQL_RANGE[] =
    "SELECT id, at, actor, origin, action, inspection_id, subject, detail, prev_hash, hash, "
    "form, subject_sha256, detail_sha256, redacted FROM audit WHERE id > ?1 AND id <= ?2 "
    "ORDER BY id";
/* One page of the log, newest first: entries before id ?1 (?2 of them). */
static const char SQL_PAGE[] =
    "SELECT id, at, actor, origin, action, inspection_id, subject, detail, prev_hash, hash, "
    "form, subject_sha256, detail_sha256, redacted FROM audit WHERE id < ?1 "
    "ORDER BY id DESC LIMIT ?2";
/* The same for one inspection ?3, through the audit_inspection index (migration 23). */
static const char SQL_PAGE_INSPECTION[] =
    "SELECT id, at, actor, origin, action, inspection_id, subject, detail, prev_hash, hash, "
    "form, subject_sha256, detail_sha256, redacted FROM audit WHERE inspection_id = ?3 "
    "AND id < ?1 ORDER BY id DESC LIMIT ?2";
static const char SQL_KEYED[] = "SELECT COUNT(*) FROM audit WHERE form = 2";
static const char SQL_REDACT[] =
    "UPDATE audit SET subject = NULL, detail = NULL, redacted = 1 "
    "WHERE inspection_id = ?1 AND action = ?2 AND (subject IS NOT NULL OR detail IS NOT NULL)";

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

/* Appends "ID HASH\n" to the anchor file; best effort (the entry is
 * already committed; a missing line only weakens what verify can find). */
static void
anchor_write(const struct store *st, long id, const char *hash)
{
	char path[4096], line[128];
	int fd, n;

	if (strcmp(st->path, ":memory:") == 0 ||
	    snprintf(path, sizeof(path), "%s.anchor", st->path) >= (int)sizeof(path))
		return;
	n = snprintf(line, sizeof(line), "%ld %s\n", id, hash);
	if (n <= 0 || n >= (int)sizeof(line))
		return;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return;
	/* One write() of a short line to an O_APPEND file is not interleaved
	 * with another process's. */
	if (write(fd, line, (size_t)n) == n && fsync(fd) != 0)
		n = 0; /* nothing more to do: the line may be lost in a crash */
	close(fd);
}

void
store_audit_committed(struct store *st)
{
	if (st->anchor_id > 0)
		anchor_write(st, st->anchor_id, st->anchor_hash);
	st->anchor_id = 0;
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
	sqlite3_bind_int64(s, 11, e->form);
	store_bind_text(s, 12, e->subject_sha256, 0);
	store_bind_text(s, 13, e->detail_sha256, 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "writing the audit log");
	/* The anchor line is written once the entry is committed: at once
	 * outside a transaction, else by store_commit(). */
	st->anchor_id = e->id;
	snprintf(st->anchor_hash, sizeof(st->anchor_hash), "%s", e->hash);
	if (sqlite3_get_autocommit(st->db))
		store_audit_committed(st);
	return CAIRN_OK;
}

/* Reads the current row of an SQL_EACH or SQL_PAGE statement into *e
 * (its strings borrowed from the statement until the next step). */
static void
read_entry(sqlite3_stmt *s, struct audit_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->id = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, e->at, sizeof(e->at));
	e->actor = (const char *)sqlite3_column_text(s, 2);
	e->origin = (const char *)sqlite3_column_text(s, 3);
	e->action = (const char *)sqlite3_column_text(s, 4);
	e->inspection = (long)sqlite3_column_int64(s, 5);
	e->subject = (const char *)sqlite3_column_text(s, 6);
	e->detail = (const char *)sqlite3_column_text(s, 7);
	e->prev_hash = (const char *)sqlite3_column_text(s, 8);
	e->hash = (const char *)sqlite3_column_text(s, 9);
	e->form = sqlite3_column_int(s, 10);
	e->subject_sha256 = (const char *)sqlite3_column_text(s, 11);
	e->detail_sha256 = (const char *)sqlite3_column_text(s, 12);
	e->redacted = sqlite3_column_int(s, 13);
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

		read_entry(s, &e);
		if (fn(&e, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "reading the audit log");
}

int
store_audit_page(struct store *st, long inspection, long before, long limit,
    int (*fn)(const struct audit_entry *e, void *arg), void *arg, struct cairn_err *err)
{
	const char *sql_page = inspection > 0 ? SQL_PAGE_INSPECTION : SQL_PAGE;
	sqlite3_stmt *s = store_stmt(st, sql_page, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, before > 0 ? before : INT64_MAX);
	sqlite3_bind_int64(s, 2, limit);
	if (inspection > 0)
		sqlite3_bind_int64(s, 3, inspection);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_entry e;

		read_entry(s, &e);
		if (fn(&e, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "reading the audit log");
}

int
store_audit_keyed(struct store *st, bool *any, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_KEYED, err);
	int rc;

	*any = false;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	rc = store_step_one(st, s, err, "the audit log's keyed entries");
	if (rc == STORE_NONE)
		return cairn_errf(err, CAIRN_ESOFTWARE,
		    "the count of keyed audit entries is missing");
	if (rc != STORE_ROW)
		return rc;
	*any = sqlite3_column_int64(s, 0) > 0;
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_audit_redact(struct store *st, long inspection, const char *action, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_REDACT, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, action, 0);
	return store_step_done(st, s, err, "removing child-level text from the audit log");
}

int
store_audit_range(struct store *st, long after, long upto,
    int (*fn)(const struct audit_entry *e, void *arg), void *arg, long *n, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RANGE, err);
	int rc;

	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, after);
	sqlite3_bind_int64(s, 2, upto);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_entry e;

		read_entry(s, &e);
		(*n)++;
		if (fn(&e, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "reading the audit log");
}

/* Orders anchor lines by entry id. */
static int
anchor_cmp(const void *a, const void *b)
{
	const struct audit_anchor *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

int
store_audit_anchor_read(const struct store *st, struct audit_anchor **out, size_t *n, bool *exists,
    struct cairn_err *err)
{
	char path[4096], line[256];
	struct audit_anchor *v = NULL;
	size_t len = 0;
	long lineno = 0;
	FILE *f;

	*out = NULL;
	*n = 0;
	*exists = false;
	if (snprintf(path, sizeof(path), "%s.anchor", st->path) >= (int)sizeof(path))
		return cairn_errf(err, CAIRN_ESOFTWARE, "the audit anchor's file name is too long");
	if ((f = fopen(path, "re")) == NULL) {
		if (errno == ENOENT)
			return CAIRN_OK;
		return cairn_errf(err, CAIRN_EIO, "cannot read the audit anchor %s: %s", path,
		    strerror(errno));
	}
	*exists = true;
	while (fgets(line, sizeof(line), f) != NULL) {
		struct audit_anchor a;
		char *end;

		lineno++;
		memset(&a, 0, sizeof(a));
		errno = 0;
		a.id = strtol(line, &end, 10);
		if (errno != 0 || end == line || a.id <= 0 || *end != ' ' ||
		    strlen(end + 1) != 65 || end[65] != '\n') {
			free(v);
			fclose(f);
			return cairn_errf(err, CAIRN_EDATA,
			    "the audit anchor %s is damaged at line %ld: each line is an entry "
			    "number and its 64-character hash",
			    path, lineno);
		}
		memcpy(a.hash, end + 1, 64);
		a.hash[64] = '\0';
		v = xreallocarray(v, len + 1, sizeof(*v));
		v[len++] = a;
	}
	fclose(f);
	qsort(v, len, sizeof(*v), anchor_cmp);
	*out = v;
	*n = len;
	return CAIRN_OK;
}

int
store_audit_anchor_read_from(const struct store *st, long *offset, long upto,
    struct audit_anchor **out, size_t *n, bool *exists, struct cairn_err *err)
{
	char path[4096], line[256];
	struct audit_anchor *v = NULL;
	size_t len = 0;
	long at;
	FILE *f;

	*out = NULL;
	*n = 0;
	*exists = false;
	if (snprintf(path, sizeof(path), "%s.anchor", st->path) >= (int)sizeof(path))
		return cairn_errf(err, CAIRN_ESOFTWARE, "the audit anchor's file name is too long");
	if ((f = fopen(path, "re")) == NULL) {
		if (errno == ENOENT)
			return CAIRN_OK;
		return cairn_errf(err, CAIRN_EIO, "cannot read the audit anchor %s: %s", path,
		    strerror(errno));
	}
	*exists = true;
	if (fseek(f, *offset, SEEK_SET) != 0) {
		fclose(f);
		return cairn_errf(err, CAIRN_EIO, "cannot read the audit anchor %s: %s", path,
		    strerror(errno));
	}
	at = *offset;
	while (fgets(line, sizeof(line), f) != NULL) {
		struct audit_anchor a;
		char *end;

		memset(&a, 0, sizeof(a));
		errno = 0;
		a.id = strtol(line, &end, 10);
		if (errno != 0 || end == line || a.id <= 0 || *end != ' ' ||
		    strlen(end + 1) != 65 || end[65] != '\n') {
			free(v);
			fclose(f);
			return cairn_errf(err, CAIRN_EDATA,
			    "the audit anchor %s is damaged at byte %ld: each line is an entry "
			    "number and its 64-character hash",
			    path, at);
		}
		if (a.id > upto)
			break;
		memcpy(a.hash, end + 1, 64);
		a.hash[64] = '\0';
		v = xreallocarray(v, len + 1, sizeof(*v));
		v[len++] = a;
		at += (long)strlen(line);
	}
	fclose(f);
	if (len > 1)
		qsort(v, len, sizeof(*v), anchor_cmp);
	*offset = at;
	*out = v;
	*n = len;
	return CAIRN_OK;
}
