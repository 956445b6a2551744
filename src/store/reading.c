/* Reading templates, readers, pairs, assignments, readings, resolutions
 * (matters of concern: store/concern.c): see records.h. */
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "store/records.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_TPL_EXISTS[] = "SELECT COUNT(*) FROM reading_template WHERE code = ?1";
static const char SQL_TPL_PUT[] = "INSERT INTO reading_template (code, framework_code, body, "
                                  "imported_at) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_TPL_GET[] = "SELECT body FROM reading_template WHERE code = ?1";
static const char SQL_TPL_CODES[] = "SELECT code FROM reading_template ORDER BY code";
static const char SQL_ITPL_DEL[] = "DELETE FROM inspection_template WHERE inspection_id = ?1";
static const char SQL_ITPL_ADD[] =
    "INSERT INTO inspection_template (inspection_id, template_code) VALUES (?1, ?2)";
static const char SQL_ITPL_GET[] =
    "SELECT template_code FROM inspection_template WHERE inspection_id = ?1";
static const char SQL_READER_EXISTS[] =
    "SELECT COUNT(*) FROM reader WHERE inspection_id = ?1 AND name = ?2";
static const char SQL_READER_ADD[] =
    "INSERT INTO reader (inspection_id, name, kind, agency, added_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_READER_LIST[] =
    "SELECT id, name, kind, agency, removed_at FROM reader WHERE inspection_id = ?1 ORDER BY id";
static const char SQL_READER_REMOVE[] =
    "UPDATE reader SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL";
static const char SQL_PAIR_SWAP_INSPECTOR[] =
    "UPDATE reader_pair SET inspector_id = ?2 WHERE inspector_id = ?1";
static const char SQL_PAIR_SWAP_LOCAL[] =
    "UPDATE reader_pair SET local_id = ?2 WHERE local_id = ?1";
static const char SQL_PAIR_ADD[] =
    "INSERT INTO reader_pair (inspection_id, position, inspector_id, local_id) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char SQL_PAIR_LIST[] =
    "SELECT id, position, inspector_id, local_id FROM reader_pair WHERE inspection_id = ?1 "
    "ORDER BY position";
static const char SQL_ASSIGN_LIST[] =
    "SELECT a.member_id, a.round, a.pair_id FROM assignment a JOIN sample_member m "
    "ON m.id = a.member_id WHERE m.inspection_id = ?1 ORDER BY m.stratum, m.draw_order, a.round";
static const char SQL_ASSIGN_DEL[] = "DELETE FROM assignment WHERE member_id = ?1 AND round = ?2";
static const char SQL_ASSIGN_ADD[] =
    "INSERT INTO assignment (member_id, round, pair_id, assigned_at) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_ASSIGN_CHANGE[] =
    "INSERT INTO assignment_change (member_id, round, from_pair, to_pair, reason, actor, "
    "changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_ASSIGN_MOVE[] = "UPDATE assignment SET member_id = ?2 WHERE member_id = ?1";
static const char SQL_READING_FIND[] =
    "SELECT id, status, agencies FROM reading WHERE member_id = ?1 AND reader_id = ?2";
static const char SQL_READING_ADD[] =
    "INSERT INTO reading (member_id, reader_id, status, created_at) VALUES (?1, ?2, 'draft', ?3)";
static const char SQL_READING_AGENCIES[] = "UPDATE reading SET agencies = ?2 WHERE id = ?1";
static const char SQL_READING_SUBMIT[] =
    "UPDATE reading SET status = 'submitted', submitted_at = ?2 WHERE id = ?1 AND status = 'draft'";
static const char SQL_ANSWER_GET[] =
    "SELECT answer FROM reading_answer WHERE reading_id = ?1 AND item_code = ?2 AND agency = ?3";
static const char SQL_ANSWER_DEL[] =
    "DELETE FROM reading_answer WHERE reading_id = ?1 AND item_code = ?2 AND agency = ?3";
static const char SQL_ANSWER_ADD[] =
    "INSERT INTO reading_answer (reading_id, item_code, agency, answer, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_ANSWER_CHANGE[] =
    "INSERT INTO reading_answer_change (reading_id, item_code, agency, old_answer, new_answer, "
    "reason, actor, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_ANSWER_CHANGES[] =
    "SELECT COUNT(*) FROM reading_answer_change WHERE reading_id = ?1";
static const char SQL_ANSWER_CHANGE_LIST[] =
    "SELECT item_code, agency, old_answer, new_answer, reason, actor, changed_at "
    "FROM reading_answer_change WHERE reading_id = ?1 ORDER BY id";
static const char SQL_READING_LIST[] =
    "SELECT r.id, r.member_id, r.reader_id, r.status, r.agencies FROM reading r "
    "JOIN sample_member m ON m.id = r.member_id WHERE m.inspection_id = ?1 ORDER BY r.id";
static const char SQL_ANSWER_LIST[] =
    "SELECT a.reading_id, a.item_code, a.agency, a.answer, a.note FROM reading_answer a "
    "JOIN reading r ON r.id = a.reading_id JOIN sample_member m ON m.id = r.member_id "
    "WHERE m.inspection_id = ?1 ORDER BY a.reading_id, a.item_code, a.agency";
static const char SQL_RESOLUTION_DEL[] =
    "DELETE FROM resolution WHERE member_id = ?1 AND item_code = ?2 AND agency = ?3";
static const char SQL_RESOLUTION_ADD[] =
    "INSERT INTO resolution (member_id, item_code, agency, answer, note, actor, resolved_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_RESOLUTION_LIST[] =
    "SELECT x.member_id, x.item_code, x.agency, x.answer, x.note FROM resolution x "
    "JOIN sample_member m ON m.id = x.member_id WHERE m.inspection_id = ?1 "
    "ORDER BY x.member_id, x.item_code, x.agency";
/* Steps a bound write to completion. */
static int
done(struct store *st, sqlite3_stmt *s, struct cairn_err *err, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, what);
}

/* Steps a COUNT(*) query into *n. */
static int
count(struct store *st, sqlite3_stmt *s, long *n, struct cairn_err *err)
{
	int rc = store_step_one(st, s, err, "a count");

	*n = 0;
	if (rc == STORE_NONE) /* COUNT(*) always returns a row */
		return cairn_errf(err, CAIRN_ESOFTWARE, "a count is missing");
	if (rc != STORE_ROW)
		return rc;
	*n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_template_put(struct store *st, const char *code, const char *framework, const char *body,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TPL_EXISTS, err);
	char now[21];
	long n;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, code, 0);
	if (count(st, s, &n, err) != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (n > 0)
		return cairn_errf(err, CAIRN_EDATA,
		    "a template called '%s' already exists; give the "
		    "new one another code",
		    code);
	if ((s = store_stmt(st, SQL_TPL_PUT, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	store_bind_text(s, 1, code, 0);
	store_bind_text(s, 2, framework, 0);
	store_bind_text(s, 3, body, 0);
	store_bind_text(s, 4, now, 0);
	return done(st, s, err, "storing a template");
}

int
store_template_get(struct store *st, const char *code, char **body, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TPL_GET, err);
	int rc;

	*body = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, code, 0);
	rc = store_step_one(st, s, err, "a reading template");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*body = store_col_text(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_template_codes(struct store *st, char ***codes, size_t *n, struct cairn_err *err)
{
	return store_rows(st, store_stmt(st, SQL_TPL_CODES, err), &store_text_rows, codes, n, err,
	    "reading the template codes");
}

int
store_inspection_template_set(struct store *st, long insp, const char *code, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ITPL_DEL, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	if (done(st, s, err, "choosing a template") != CAIRN_OK ||
	    (s = store_stmt(st, SQL_ITPL_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	store_bind_text(s, 2, code, 0);
	return done(st, s, err, "choosing a template");
}

int
store_inspection_template_get(struct store *st, long insp, char **code, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ITPL_GET, err);
	int rc;

	*code = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	rc = store_step_one(st, s, err, "the inspection's reading template");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*code = store_col_text(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_reader_add(struct store *st, long insp, const char *name, enum reader_kind kind,
    const char *agency, long *id, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_READER_EXISTS, err);
	char now[21];
	long n;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	store_bind_text(s, 2, name, 0);
	if (count(st, s, &n, err) != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (n > 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "name",
		    "inspection %ld already has a reader called '%s'", insp, name);
	if ((s = store_stmt(st, SQL_READER_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, insp);
	store_bind_text(s, 2, name, 0);
	store_bind_text(s, 3, reader_kind_code[kind], 0);
	store_bind_text(s, 4, agency, 1);
	store_bind_text(s, 5, now, 0);
	if (done(st, s, err, "adding a reader") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	*id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

/* Reads a row of SQL_READER_LIST into a struct reader. */
static void
read_reader(sqlite3_stmt *s, void *row)
{
	struct reader *r = row;
	const char *kind = (const char *)sqlite3_column_text(s, 2);

	r->id = (long)sqlite3_column_int64(s, 0);
	r->name = store_col_text(s, 1);
	r->kind = kind != NULL && strcmp(kind, "local") == 0 ? READER_LOCAL : READER_INSPECTOR;
	r->agency = store_col_text(s, 3);
	r->removed = sqlite3_column_type(s, 4) != SQLITE_NULL;
}

STORE_ROWTYPE(reader_rows, struct reader, read_reader, readers_free);

int
store_reader_list(struct store *st, long insp, struct reader **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_READER_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, insp);
	return store_rows(st, s, &reader_rows, out, n, err, "reading the readers");
}

int
store_pair_add(struct store *st, long insp, long position, long inspector_id, long local_id,
    long *id, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PAIR_ADD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, position);
	sqlite3_bind_int64(s, 3, inspector_id);
	sqlite3_bind_int64(s, 4, local_id);
	if (done(st, s, err, "adding a reading pair") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	*id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

/* Puts reader to_id in reader_id's place through one of the two swaps. */
static int
pair_swap(struct store *st, sqlite3_stmt *s, long reader_id, long to_id, struct cairn_err *err)
{
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, reader_id);
	sqlite3_bind_int64(s, 2, to_id);
	return done(st, s, err, "handing a reader's pairs to another reader") != CAIRN_OK
	    ? CAIRN_ESOFTWARE
	    : CAIRN_OK;
}

int
store_reader_remove(struct store *st, long reader_id, long to_id, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_READER_REMOVE, err);
	char now[32];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, reader_id);
	store_bind_text(s, 2, now, 0);
	if (done(st, s, err, "removing a reader") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (to_id <= 0)
		return CAIRN_OK;
	if (pair_swap(st, store_stmt(st, SQL_PAIR_SWAP_INSPECTOR, err), reader_id, to_id, err) !=
	        CAIRN_OK ||
	    pair_swap(st, store_stmt(st, SQL_PAIR_SWAP_LOCAL, err), reader_id, to_id, err) !=
	        CAIRN_OK)
		return CAIRN_ESOFTWARE;
	return CAIRN_OK;
}

/* Reads a row of SQL_PAIR_LIST into a struct reader_pair. */
static void
read_reader_pair(sqlite3_stmt *s, void *row)
{
	struct reader_pair *p = row;

	p->id = (long)sqlite3_column_int64(s, 0);
	p->position = (long)sqlite3_column_int64(s, 1);
	p->inspector_id = (long)sqlite3_column_int64(s, 2);
	p->local_id = (long)sqlite3_column_int64(s, 3);
}

static const struct store_rowtype reader_pair_rows = { sizeof(struct reader_pair), read_reader_pair,
	NULL };

int
store_pair_list(struct store *st, long insp, struct reader_pair **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PAIR_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, insp);
	return store_rows(st, s, &reader_pair_rows, out, n, err, "reading the pairs");
}

/* Reads a row of SQL_ASSIGN_LIST into a struct assignment. */
static void
read_assignment(sqlite3_stmt *s, void *row)
{
	struct assignment *a = row;

	a->member_id = (long)sqlite3_column_int64(s, 0);
	a->round = sqlite3_column_int(s, 1);
	a->pair_id = (long)sqlite3_column_int64(s, 2);
}

static const struct store_rowtype assignment_rows = { sizeof(struct assignment), read_assignment,
	NULL };

int
store_assignment_list(struct store *st, long insp, struct assignment **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ASSIGN_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, insp);
	return store_rows(st, s, &assignment_rows, out, n, err, "reading the assignments");
}

int
store_assignment_set(struct store *st, long member_id, int round, long pair_id,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ASSIGN_DEL, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, member_id);
	sqlite3_bind_int(s, 2, round);
	if (done(st, s, err, "assigning a record") != CAIRN_OK ||
	    (s = store_stmt(st, SQL_ASSIGN_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, member_id);
	sqlite3_bind_int(s, 2, round);
	sqlite3_bind_int64(s, 3, pair_id);
	store_bind_text(s, 4, now, 0);
	return done(st, s, err, "assigning a record");
}

int
store_assignment_change_add(struct store *st, long member_id, int round, long from_pair,
    long to_pair, const char *reason, const char *actor, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ASSIGN_CHANGE, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, member_id);
	sqlite3_bind_int(s, 2, round);
	if (from_pair > 0)
		sqlite3_bind_int64(s, 3, from_pair);
	else
		sqlite3_bind_null(s, 3);
	sqlite3_bind_int64(s, 4, to_pair);
	store_bind_text(s, 5, reason, 0);
	store_bind_text(s, 6, actor, 0);
	store_bind_text(s, 7, now, 0);
	return done(st, s, err, "recording a reassignment");
}

int
store_assignment_move(struct store *st, long from, long to, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ASSIGN_MOVE, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	return done(st, s, err, "moving assignments to a replacement");
}

int
store_reading_find(struct store *st, long member_id, long reader_id, struct reading *out,
    bool *found, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_READING_FIND, err);
	const char *status;
	int rc;

	memset(out, 0, sizeof(*out));
	*found = false;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, member_id);
	sqlite3_bind_int64(s, 2, reader_id);
	rc = store_step_one(st, s, err, "a reading");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*found = true;
	out->id = (long)sqlite3_column_int64(s, 0);
	out->member_id = member_id;
	out->reader_id = reader_id;
	status = (const char *)sqlite3_column_text(s, 1);
	out->submitted = status != NULL && strcmp(status, "submitted") == 0;
	out->agencies = store_col_text(s, 2);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_reading_add(struct store *st, long member_id, long reader_id, long *id, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_READING_ADD, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, member_id);
	sqlite3_bind_int64(s, 2, reader_id);
	store_bind_text(s, 3, now, 0);
	if (done(st, s, err, "starting a reading") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	*id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

int
store_reading_set_agencies(struct store *st, long id, const char *agencies, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_READING_AGENCIES, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, agencies, 1);
	return done(st, s, err, "recording the agencies read");
}

int
store_reading_submit(struct store *st, long id, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_READING_SUBMIT, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, now, 0);
	if (done(st, s, err, "submitting a reading") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (sqlite3_changes(st->db) != 1)
		return cairn_errf(err, CAIRN_EDATA, "the reading has already been submitted");
	return CAIRN_OK;
}

int
store_answer_get(struct store *st, long reading_id, const char *item, const char *agency,
    char **answer, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ANSWER_GET, err);
	int rc;

	*answer = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, reading_id);
	store_bind_text(s, 2, item, 0);
	store_bind_text(s, 3, agency, 0);
	rc = store_step_one(st, s, err, "an answer");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*answer = store_col_text(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_answer_put(struct store *st, long reading_id, const char *item, const char *agency,
    const char *answer, const char *note, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ANSWER_DEL, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, reading_id);
	store_bind_text(s, 2, item, 0);
	store_bind_text(s, 3, agency, 0);
	if (done(st, s, err, "storing an answer") != CAIRN_OK ||
	    (s = store_stmt(st, SQL_ANSWER_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, reading_id);
	store_bind_text(s, 2, item, 0);
	store_bind_text(s, 3, agency, 0);
	store_bind_text(s, 4, answer, 0);
	store_bind_text(s, 5, note, 1);
	return done(st, s, err, "storing an answer");
}

int
store_answer_change_add(struct store *st, long reading_id, const char *item, const char *agency,
    const char *old_answer, const char *new_answer, const char *reason, const char *actor,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ANSWER_CHANGE, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, reading_id);
	store_bind_text(s, 2, item, 0);
	store_bind_text(s, 3, agency, 0);
	store_bind_text(s, 4, old_answer, 0);
	store_bind_text(s, 5, new_answer, 0);
	store_bind_text(s, 6, reason, 0);
	store_bind_text(s, 7, actor, 0);
	store_bind_text(s, 8, now, 0);
	return done(st, s, err, "recording an answer change");
}

int
store_answer_change_count(struct store *st, long reading_id, long *n, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ANSWER_CHANGES, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, reading_id);
	return count(st, s, n, err);
}

/* Reads a row of SQL_ANSWER_CHANGE_LIST into a struct answer_change. */
static void
read_answer_change(sqlite3_stmt *s, void *row)
{
	struct answer_change *c = row;

	c->item = store_col_text(s, 0);
	c->agency = store_col_text(s, 1);
	c->old_answer = store_col_text(s, 2);
	c->new_answer = store_col_text(s, 3);
	c->reason = store_col_text(s, 4);
	c->actor = store_col_text(s, 5);
	store_col_copy(s, 6, c->at, sizeof(c->at));
}

STORE_ROWTYPE(answer_change_rows, struct answer_change, read_answer_change, answer_changes_free);

int
store_answer_change_list(struct store *st, long reading_id, struct answer_change **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ANSWER_CHANGE_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, reading_id);
	return store_rows(st, s, &answer_change_rows, out, n, err, "reading the answer changes");
}

/* Reads a row of SQL_READING_LIST into a struct reading. */
static void
read_reading(sqlite3_stmt *s, void *row)
{
	struct reading *r = row;
	const char *status = (const char *)sqlite3_column_text(s, 3);

	r->id = (long)sqlite3_column_int64(s, 0);
	r->member_id = (long)sqlite3_column_int64(s, 1);
	r->reader_id = (long)sqlite3_column_int64(s, 2);
	r->submitted = status != NULL && strcmp(status, "submitted") == 0;
	r->agencies = store_col_text(s, 4);
}

STORE_ROWTYPE(reading_rows, struct reading, read_reading, readings_free);

int
store_reading_list(struct store *st, long insp, struct reading **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_READING_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, insp);
	return store_rows(st, s, &reading_rows, out, n, err, "reading the readings");
}

/* Reads a row of SQL_ANSWER_LIST into a struct reading_answer. */
static void
read_reading_answer(sqlite3_stmt *s, void *row)
{
	struct reading_answer *a = row;

	a->reading_id = (long)sqlite3_column_int64(s, 0);
	a->item = store_col_text(s, 1);
	a->agency = store_col_text(s, 2);
	a->answer = store_col_text(s, 3);
	a->note = store_col_text(s, 4);
}

STORE_ROWTYPE(reading_answer_rows, struct reading_answer, read_reading_answer,
    reading_answers_free);

int
store_answer_list(struct store *st, long insp, struct reading_answer **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ANSWER_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, insp);
	return store_rows(st, s, &reading_answer_rows, out, n, err, "reading the answers");
}

int
store_resolution_put(struct store *st, long member_id, const char *item, const char *agency,
    const char *answer, const char *note, const char *actor, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RESOLUTION_DEL, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, member_id);
	store_bind_text(s, 2, item, 0);
	store_bind_text(s, 3, agency, 0);
	if (done(st, s, err, "storing a resolution") != CAIRN_OK ||
	    (s = store_stmt(st, SQL_RESOLUTION_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, member_id);
	store_bind_text(s, 2, item, 0);
	store_bind_text(s, 3, agency, 0);
	store_bind_text(s, 4, answer, 0);
	store_bind_text(s, 5, note, 0);
	store_bind_text(s, 6, actor, 0);
	store_bind_text(s, 7, now, 0);
	return done(st, s, err, "storing a resolution");
}

/* Reads a row of SQL_RESOLUTION_LIST into a struct resolution. */
static void
read_resolution(sqlite3_stmt *s, void *row)
{
	struct resolution *r = row;

	r->member_id = (long)sqlite3_column_int64(s, 0);
	r->item = store_col_text(s, 1);
	r->agency = store_col_text(s, 2);
	r->answer = store_col_text(s, 3);
	r->note = store_col_text(s, 4);
}

STORE_ROWTYPE(resolution_rows, struct resolution, read_resolution, resolutions_free);

int
store_resolution_list(struct store *st, long insp, struct resolution **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RESOLUTION_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, insp);
	return store_rows(st, s, &resolution_rows, out, n, err, "reading the resolutions");
}
