/* Matters of concern and their steps: see concern.h. */
#include "store/concern.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_ADD[] =
    "INSERT INTO concern (member_id, text, raised_by, raised_at, kind, step, step_on) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 'raised', ?6)";
static const char SQL_STEP_ADD[] =
    "INSERT INTO concern_step (concern_id, step, actor, at, on_date, note, officer, "
    "referral_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_LIST[] =
    "SELECT c.id, m.ref, c.text, c.raised_by, c.raised_at, c.closed_by, c.closed_at, "
    "c.close_note, c.kind, c.step, c.step_on, (SELECT MIN(x.on_date) FROM concern_step x "
    "WHERE x.concern_id = c.id AND x.step = 'raised') FROM concern c "
    "JOIN sample_member m ON m.id = c.member_id WHERE m.inspection_id = ?1 ORDER BY c.id";
static const char SQL_GET[] =
    "SELECT c.id, m.ref, c.text, c.raised_by, c.raised_at, c.closed_by, c.closed_at, "
    "c.close_note, c.kind, c.step, c.step_on, (SELECT MIN(x.on_date) FROM concern_step x "
    "WHERE x.concern_id = c.id AND x.step = 'raised') FROM concern c "
    "JOIN sample_member m ON m.id = c.member_id WHERE m.inspection_id = ?1 AND c.id = ?2";
static const char SQL_STEPS[] =
    "SELECT step, actor, at, on_date, note, officer, referral_date FROM concern_step "
    "WHERE concern_id = ?1 ORDER BY id";
static const char SQL_MOVE[] =
    "UPDATE concern SET step = ?2, step_on = ?3 WHERE id = ?1 AND step = ?4";
static const char SQL_CLOSE[] =
    "UPDATE concern SET closed_by = ?2, closed_at = ?3, close_note = ?4 WHERE id = ?1";

/* Inserts one step row. */
static int
step_add(struct store *st, long id, const struct concern_step_write *ev, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STEP_ADD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, concern_step_code[ev->step], 0);
	store_bind_text(s, 3, ev->actor, 0);
	store_bind_text(s, 4, ev->at, 0);
	store_bind_text(s, 5, ev->on, 0);
	store_bind_text(s, 6, ev->text, 1);
	store_bind_text(s, 7, ev->officer, 1);
	store_bind_text(s, 8, ev->referral_on, 1);
	return store_step_done(st, s, err, "recording a step of a concern");
}

int
store_concern_add(struct store *st, long member_id, enum concern_kind kind, const char *text,
    const char *actor, const char *on, long *id, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ADD, err);
	struct concern_step_write ev;
	char now[21];
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, member_id);
	store_bind_text(s, 2, text, 0);
	store_bind_text(s, 3, actor, 0);
	store_bind_text(s, 4, now, 0);
	store_bind_text(s, 5, concern_kind_table[kind].code, 0);
	store_bind_text(s, 6, on, 0);
	if ((rc = store_step_done(st, s, err, "recording a concern")) != CAIRN_OK)
		return rc;
	*id = (long)sqlite3_last_insert_rowid(st->db);
	memset(&ev, 0, sizeof(ev));
	ev.step = CONCERN_RAISED;
	ev.actor = actor;
	ev.at = now;
	ev.on = on;
	return step_add(st, *id, &ev, err);
}

/* Reads a row of SQL_LIST or SQL_GET into a struct concern. */
static void
read_concern(sqlite3_stmt *s, void *row)
{
	struct concern *c = row;
	char code[32];
	int v;

	c->id = (long)sqlite3_column_int64(s, 0);
	c->ref = store_col_text(s, 1);
	c->text = store_col_text(s, 2);
	c->raised_by = store_col_text(s, 3);
	store_col_copy(s, 4, c->raised_at, sizeof(c->raised_at));
	c->closed_by = store_col_text(s, 5);
	store_col_copy(s, 6, c->closed_at, sizeof(c->closed_at));
	c->close_note = store_col_text(s, 7);
	store_col_copy(s, 8, code, sizeof(code));
	c->kind = (v = concern_kind_parse(code)) >= 0 ? (enum concern_kind)v : CONCERN_KIND_CHILD;
	store_col_copy(s, 9, code, sizeof(code));
	c->step = (v = concern_step_parse(code)) >= 0 ? (enum concern_step)v : CONCERN_RAISED;
	store_col_copy(s, 10, c->step_on, sizeof(c->step_on));
	store_col_copy(s, 11, c->raised_on, sizeof(c->raised_on));
}

STORE_ROWTYPE(concern_rows, struct concern, read_concern, concerns_free);

/* Reads a row of SQL_STEPS into a struct concern_event. */
static void
read_event(sqlite3_stmt *s, void *row)
{
	struct concern_event *e = row;
	char code[32];
	int v;

	store_col_copy(s, 0, code, sizeof(code));
	e->step = (v = concern_step_parse(code)) >= 0 ? (enum concern_step)v : CONCERN_RAISED;
	e->actor = store_col_text(s, 1);
	store_col_copy(s, 2, e->at, sizeof(e->at));
	store_col_copy(s, 3, e->on, sizeof(e->on));
	e->text = store_col_text(s, 4);
	e->officer = store_col_text(s, 5);
	store_col_copy(s, 6, e->referral_on, sizeof(e->referral_on));
}

STORE_ROWTYPE(event_rows, struct concern_event, read_event, concern_events_free);

int
store_concern_list(struct store *st, long insp, struct concern **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, insp);
	return store_rows(st, s, &concern_rows, out, n, err, "reading the concerns");
}

int
store_concern_get(struct store *st, long insp, long id, struct concern *c, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET, err);
	int rc;

	if (s != NULL) {
		sqlite3_bind_int64(s, 1, insp);
		sqlite3_bind_int64(s, 2, id);
	}
	if ((rc = store_row(st, s, &concern_rows, c, err, "the concern")) == STORE_NONE)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "concern",
		    "inspection %ld has no concern %ld; the list of concerns shows them", insp, id);
	if (rc != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_STEPS, err)) != NULL)
		sqlite3_bind_int64(s, 1, id);
	if ((rc = store_rows(st, s, &event_rows, &c->events, &c->nevents, err,
	         "reading the steps of a concern")) != CAIRN_OK)
		concern_free(c);
	return rc;
}

int
store_concern_step(struct store *st, long id, enum concern_step from,
    const struct concern_step_write *ev, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MOVE, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, concern_step_code[ev->step], 0);
	store_bind_text(s, 3, ev->on, 0);
	store_bind_text(s, 4, concern_step_code[from], 0);
	if ((rc = store_step_done(st, s, err, "moving a concern to its next step")) != CAIRN_OK)
		return rc;
	if (sqlite3_changes(st->db) != 1)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "step",
		    "concern %ld has moved on since it was read; read it again", id);
	if (ev->step == CONCERN_CLOSED) {
		if ((s = store_stmt(st, SQL_CLOSE, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, ev->actor, 0);
		store_bind_text(s, 3, ev->at, 0);
		store_bind_text(s, 4, ev->text, 1);
		if ((rc = store_step_done(st, s, err, "closing a concern")) != CAIRN_OK)
			return rc;
	}
	return step_add(st, id, ev, err);
}
