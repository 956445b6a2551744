/* Joint action plans: see plan.h. */
#include "store/plan.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_ADD[] =
    "INSERT INTO plan_action (inspection_id, finding_id, text, owner, agency, due, status, "
    "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)";
static const char SQL_UPDATE[] =
    "UPDATE plan_action SET status = ?2, due = ?3, updated_at = ?4 WHERE id = ?1";
static const char SQL_GET[] =
    "SELECT id, inspection_id, finding_id, text, owner, agency, due, status, created_at, "
    "updated_at FROM plan_action WHERE id = ?1";
static const char SQL_LIST[] =
    "SELECT id, inspection_id, finding_id, text, owner, agency, due, status, created_at, "
    "updated_at FROM plan_action WHERE inspection_id = ?1 ORDER BY finding_id, id";
static const char SQL_EVENT_ADD[] =
    "INSERT INTO plan_action_event (action_id, at, actor, status, due, change, note, evidence) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_EVENT_LIST[] =
    "SELECT e.action_id, e.at, e.actor, e.status, e.due, e.change, e.note, e.evidence "
    "FROM plan_action_event e JOIN plan_action a ON a.id = e.action_id "
    "WHERE a.inspection_id = ?1 ORDER BY e.action_id, e.id";
static const char SQL_AGREEMENT[] =
    "SELECT agreed_at, agreed_by FROM plan_agreement WHERE inspection_id = ?1";
static const char SQL_AGREE[] =
    "INSERT INTO plan_agreement (inspection_id, agreed_at, agreed_by) VALUES (?1, ?2, ?3)";

int
store_plan_action_insert(struct store *st, struct plan_action *a, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ADD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(a->created_at);
	memcpy(a->updated_at, a->created_at, sizeof(a->updated_at));
	sqlite3_bind_int64(s, 1, a->inspection);
	sqlite3_bind_int64(s, 2, a->finding);
	store_bind_text(s, 3, a->text, 0);
	store_bind_text(s, 4, a->owner, 0);
	store_bind_text(s, 5, a->agency, 1);
	store_bind_text(s, 6, a->due, 0);
	store_bind_text(s, 7, plan_status_code[a->status], 0);
	store_bind_text(s, 8, a->created_at, 0);
	if (store_step_done(st, s, err, "storing an action") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	a->id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

int
store_plan_action_update(struct store *st, const struct plan_action *a, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_UPDATE, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, a->id);
	store_bind_text(s, 2, plan_status_code[a->status], 0);
	store_bind_text(s, 3, a->due, 0);
	store_bind_text(s, 4, a->updated_at, 0);
	return store_step_done(st, s, err, "updating an action");
}

/* Reads a row of SQL_GET or SQL_LIST into a struct plan_action. */
static void
read_action(sqlite3_stmt *s, void *row)
{
	struct plan_action *a = row;
	char status[32];
	int k;

	a->id = (long)sqlite3_column_int64(s, 0);
	a->inspection = (long)sqlite3_column_int64(s, 1);
	a->finding = (long)sqlite3_column_int64(s, 2);
	a->text = store_col_text(s, 3);
	a->owner = store_col_text(s, 4);
	a->agency = store_col_text(s, 5);
	store_col_copy(s, 6, a->due, sizeof(a->due));
	store_col_copy(s, 7, status, sizeof(status));
	k = plan_status_parse(status);
	a->status = k < 0 ? PLAN_PLANNED : (enum plan_status)k;
	store_col_copy(s, 8, a->created_at, sizeof(a->created_at));
	store_col_copy(s, 9, a->updated_at, sizeof(a->updated_at));
}

STORE_ROWTYPE(action_rows, struct plan_action, read_action, plan_actions_free);

/* Reads a row of SQL_EVENT_LIST into a struct plan_event. */
static void
read_event(sqlite3_stmt *s, void *row)
{
	struct plan_event *e = row;
	char status[32];
	int k;

	e->action = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, e->at, sizeof(e->at));
	e->actor = store_col_text(s, 2);
	store_col_copy(s, 3, status, sizeof(status));
	k = plan_status_parse(status);
	e->status = k < 0 ? PLAN_PLANNED : (enum plan_status)k;
	store_col_copy(s, 4, e->due, sizeof(e->due));
	e->change = store_col_text(s, 5);
	e->note = store_col_text(s, 6);
	e->evidence = store_col_text(s, 7);
}

STORE_ROWTYPE(event_rows, struct plan_event, read_event, plan_events_free);

int
store_plan_action_load(struct store *st, long id, struct plan_action *a, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET, err);
	int rc;

	if (s != NULL)
		sqlite3_bind_int64(s, 1, id);
	rc = store_row(st, s, &action_rows, a, err, "an action");
	if (rc != STORE_NONE)
		return rc;
	return cairn_errf(err, CAIRN_EDATA,
	    "no action with id %ld; the inspection's action plan lists "
	    "them",
	    id);
}

int
store_plan_action_list(struct store *st, long inspection, struct plan_action **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &action_rows, out, n, err, "listing actions");
}

int
store_plan_event_add(struct store *st, const struct plan_event *e, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EVENT_ADD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, e->action);
	store_bind_text(s, 2, e->at, 0);
	store_bind_text(s, 3, e->actor, 0);
	store_bind_text(s, 4, plan_status_code[e->status], 0);
	store_bind_text(s, 5, e->due, 0);
	store_bind_text(s, 6, e->change, 0);
	store_bind_text(s, 7, e->note, 1);
	store_bind_text(s, 8, e->evidence, 1);
	return store_step_done(st, s, err, "recording an action's history");
}

int
store_plan_event_list(struct store *st, long inspection, struct plan_event **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EVENT_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &event_rows, out, n, err, "listing the actions' history");
}

int
store_plan_agreement(struct store *st, long inspection, bool *agreed, char at[static 21], char **by,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_AGREEMENT, err);
	int rc;

	*agreed = false;
	at[0] = '\0';
	*by = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	rc = store_step_one(st, s, err, "the plan's agreement");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*agreed = true;
	store_col_copy(s, 0, at, 21);
	*by = store_col_text(s, 1);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_plan_agree(struct store *st, long inspection, const char *by, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_AGREE, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, now, 0);
	store_bind_text(s, 3, by, 0);
	return store_step_done(st, s, err, "agreeing the action plan");
}
