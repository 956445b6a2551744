/* Factual accuracy comments and the embargo: see accuracy.h. */
#include "store/accuracy.h"

#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_NEXT[] =
    "SELECT COALESCE(MAX(number), 0) + 1 FROM accuracy_comment WHERE inspection_id = ?1";
static const char SQL_ADD[] =
    "INSERT INTO accuracy_comment (inspection_id, number, section, paragraph, passage, comment, "
    "made_by, made_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_RESPOND[] =
    "UPDATE accuracy_comment SET response = ?2, before_text = ?3, after_text = ?4, reason = ?5, "
    "responded_by = ?6, responded_at = ?7 WHERE id = ?1 AND response IS NULL";
static const char SQL_GET[] =
    "SELECT id, inspection_id, number, section, paragraph, passage, comment, made_by, made_at, "
    "response, before_text, after_text, reason, responded_by, responded_at "
    "FROM accuracy_comment WHERE inspection_id = ?1 AND number = ?2";
static const char SQL_LIST[] =
    "SELECT id, inspection_id, number, section, paragraph, passage, comment, made_by, made_at, "
    "response, before_text, after_text, reason, responded_by, responded_at "
    "FROM accuracy_comment WHERE inspection_id = ?1 ORDER BY number";
static const char SQL_EMBARGO_GET[] =
    "SELECT lifts_local, lifts_utc, media_contact, set_by, updated_at FROM embargo "
    "WHERE inspection_id = ?1";
static const char SQL_EMBARGO_PUT[] =
    "INSERT INTO embargo (inspection_id, lifts_local, lifts_utc, media_contact, set_by, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (inspection_id) DO UPDATE SET "
    "lifts_local = ?2, lifts_utc = ?3, media_contact = ?4, set_by = ?5, updated_at = ?6";

int
store_accuracy_insert(struct store *st, struct accuracy_comment *c, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_NEXT, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, c->inspection);
	rc = store_step_one(st, s, err, "the next comment number");
	if (rc != STORE_ROW)
		return rc == STORE_NONE ? store_fail(st, err, "numbering a comment") : rc;
	c->number = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if ((s = store_stmt(st, SQL_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(c->made_at);
	sqlite3_bind_int64(s, 1, c->inspection);
	sqlite3_bind_int64(s, 2, c->number);
	store_bind_text(s, 3, c->section, 0);
	sqlite3_bind_int64(s, 4, c->paragraph);
	store_bind_text(s, 5, c->passage, 0);
	store_bind_text(s, 6, c->comment, 0);
	store_bind_text(s, 7, c->made_by, 0);
	store_bind_text(s, 8, c->made_at, 0);
	if (store_step_done(st, s, err, "storing a factual accuracy comment") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	c->id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

int
store_accuracy_respond(struct store *st, struct accuracy_comment *c, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RESPOND, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(c->responded_at);
	sqlite3_bind_int64(s, 1, c->id);
	store_bind_text(s, 2, accuracy_response_table[c->response].code, 0);
	store_bind_text(s, 3, c->before, 1);
	store_bind_text(s, 4, c->after, 1);
	store_bind_text(s, 5, c->reason, 1);
	store_bind_text(s, 6, c->responded_by, 0);
	store_bind_text(s, 7, c->responded_at, 0);
	if (store_step_done(st, s, err, "storing the answer to a comment") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (sqlite3_changes(st->db) != 1)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "comment",
		    "comment %ld has already been answered", c->number);
	return CAIRN_OK;
}

/* Reads a row of SQL_GET or SQL_LIST into a struct accuracy_comment. */
static void
read_comment(sqlite3_stmt *s, void *row)
{
	struct accuracy_comment *c = row;
	char code[24];
	int k;

	c->id = (long)sqlite3_column_int64(s, 0);
	c->inspection = (long)sqlite3_column_int64(s, 1);
	c->number = (long)sqlite3_column_int64(s, 2);
	c->section = store_col_text(s, 3);
	c->paragraph = (long)sqlite3_column_int64(s, 4);
	c->passage = store_col_text(s, 5);
	c->comment = store_col_text(s, 6);
	c->made_by = store_col_text(s, 7);
	store_col_copy(s, 8, c->made_at, sizeof(c->made_at));
	store_col_copy(s, 9, code, sizeof(code));
	k = accuracy_response_parse(code);
	c->response = k < 0 ? ACCURACY_OPEN : (enum accuracy_response)k;
	c->before = store_col_text(s, 10);
	c->after = store_col_text(s, 11);
	c->reason = store_col_text(s, 12);
	c->responded_by = store_col_text(s, 13);
	store_col_copy(s, 14, c->responded_at, sizeof(c->responded_at));
}

STORE_ROWTYPE(comment_rows, struct accuracy_comment, read_comment, accuracy_comments_free);

int
store_accuracy_get(struct store *st, long inspection, long number, struct accuracy_comment *c,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET, err);
	int rc;

	if (s != NULL) {
		sqlite3_bind_int64(s, 1, inspection);
		sqlite3_bind_int64(s, 2, number);
	}
	rc = store_row(st, s, &comment_rows, c, err, "a factual accuracy comment");
	if (rc != STORE_NONE)
		return rc;
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "comment",
	    "inspection %ld has no factual accuracy comment %ld; the log lists them", inspection,
	    number);
}

int
store_accuracy_list(struct store *st, long inspection, struct accuracy_comment **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &comment_rows, out, n, err,
	    "listing the factual accuracy comments");
}

/* Reads the row of SQL_EMBARGO_GET into a struct embargo, marked set. */
static void
read_embargo(sqlite3_stmt *s, void *row)
{
	struct embargo *e = row;

	e->set = true;
	store_col_copy(s, 0, e->lifts_local, sizeof(e->lifts_local));
	e->lifts_at = (long long)sqlite3_column_int64(s, 1);
	e->media_contact = store_col_text(s, 2);
	e->set_by = store_col_text(s, 3);
	store_col_copy(s, 4, e->updated_at, sizeof(e->updated_at));
}

static const struct store_rowtype embargo_row = { sizeof(struct embargo), read_embargo, NULL };

int
store_embargo_get(struct store *st, long inspection, struct embargo *e, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EMBARGO_GET, err);
	int rc;

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	rc = store_row(st, s, &embargo_row, e, err, "the embargo");
	return rc == STORE_NONE ? CAIRN_OK : rc;
}

int
store_embargo_put(struct store *st, long inspection, struct embargo *e, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EMBARGO_PUT, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(e->updated_at);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, e->lifts_local, 0);
	sqlite3_bind_int64(s, 3, e->lifts_at);
	store_bind_text(s, 4, e->media_contact, 1);
	store_bind_text(s, 5, e->set_by, 0);
	store_bind_text(s, 6, e->updated_at, 0);
	return store_step_done(st, s, err, "storing the embargo");
}
