/* The fieldwork plan's activities and the methods counts: see activity.h. */
#include "store/activity.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_NEXT[] =
    "SELECT COALESCE(MAX(number), 0) + 1 FROM fieldwork_activity WHERE inspection_id = ?1";
static const char SQL_ADD[] =
    "INSERT INTO fieldwork_activity (inspection_id, number, kind, held_on, place, lead, "
    "agencies, roles, staff, leaders, children, young_people, parents_carers, status, "
    "cancel_reason, created_by, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)";
static const char SQL_UPDATE[] =
    "UPDATE fieldwork_activity SET staff = ?2, leaders = ?3, children = ?4, young_people = ?5, "
    "parents_carers = ?6, status = ?7, cancel_reason = ?8, updated_at = ?9 WHERE id = ?1";
static const char SQL_GET[] =
    "SELECT a.id, a.inspection_id, a.number, a.kind, a.held_on, a.place, a.lead, a.agencies, "
    "a.roles, a.staff, a.leaders, a.children, a.young_people, a.parents_carers, a.status, "
    "a.cancel_reason, a.created_by, a.created_at, a.updated_at, "
    "(SELECT count(*) FROM evidence e WHERE e.activity_id = a.id AND e.withdrawn_at IS NULL) "
    "FROM fieldwork_activity a WHERE a.inspection_id = ?1 AND a.number = ?2";
static const char SQL_LIST[] =
    "SELECT a.id, a.inspection_id, a.number, a.kind, a.held_on, a.place, a.lead, a.agencies, "
    "a.roles, a.staff, a.leaders, a.children, a.young_people, a.parents_carers, a.status, "
    "a.cancel_reason, a.created_by, a.created_at, a.updated_at, "
    "(SELECT count(*) FROM evidence e WHERE e.activity_id = a.id AND e.withdrawn_at IS NULL) "
    "FROM fieldwork_activity a WHERE a.inspection_id = ?1 ORDER BY a.held_on, a.number";
static const char SQL_EVIDENCE_SET[] = "UPDATE evidence SET activity_id = ?2 WHERE id = ?1";
static const char SQL_EVIDENCE_NUMBERS[] =
    "SELECT number FROM evidence WHERE activity_id = ?1 AND withdrawn_at IS NULL ORDER BY number";
static const char SQL_STATUS_COUNTS[] =
    "SELECT status, count(*) FROM evidence WHERE activity_id = ?1 AND withdrawn_at IS NULL "
    "GROUP BY status";
/* Records read: children with at least one submitted reading (a record
 * read twice counts once). */
static const char SQL_RECORDS_READ[] =
    "SELECT count(DISTINCT r.member_id) FROM reading r JOIN sample_member m "
    "ON m.id = r.member_id WHERE m.inspection_id = ?1 AND r.status = 'submitted'";
static const char SQL_HELD[] =
    "SELECT kind, count(*), SUM(staff), SUM(leaders), SUM(children), SUM(young_people), "
    "SUM(parents_carers) FROM fieldwork_activity WHERE inspection_id = ?1 AND status = 'held' "
    "GROUP BY kind";

int
store_activity_insert(struct store *st, struct activity *a, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_NEXT, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, a->inspection);
	rc = store_step_one(st, s, err, "the next activity number");
	if (rc != STORE_ROW)
		return rc == STORE_NONE ? store_fail(st, err, "numbering an activity") : rc;
	a->number = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if ((s = store_stmt(st, SQL_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(a->created_at);
	memcpy(a->updated_at, a->created_at, sizeof(a->updated_at));
	sqlite3_bind_int64(s, 1, a->inspection);
	sqlite3_bind_int64(s, 2, a->number);
	store_bind_text(s, 3, activity_kind_table[a->kind].code, 0);
	store_bind_text(s, 4, a->date, 0);
	store_bind_text(s, 5, a->place, 0);
	store_bind_text(s, 6, a->lead, 0);
	store_bind_text(s, 7, a->agencies, 1);
	store_bind_text(s, 8, a->roles, 1);
	for (int k = 0; k < PEOPLE__MAX; k++)
		sqlite3_bind_int64(s, 9 + k, a->people[k]);
	store_bind_text(s, 14, activity_status_code[a->status], 0);
	store_bind_text(s, 15, a->cancel_reason, 1);
	store_bind_text(s, 16, a->created_by, 0);
	store_bind_text(s, 17, a->created_at, 0);
	if (store_step_done(st, s, err, "storing an activity") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	a->id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

int
store_activity_update(struct store *st, const struct activity *a, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_UPDATE, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, a->id);
	for (int k = 0; k < PEOPLE__MAX; k++)
		sqlite3_bind_int64(s, 2 + k, a->people[k]);
	store_bind_text(s, 7, activity_status_code[a->status], 0);
	store_bind_text(s, 8, a->cancel_reason, 1);
	store_bind_text(s, 9, now, 0);
	return store_step_done(st, s, err, "updating an activity");
}

/* Reads a row of SQL_GET or SQL_LIST into a struct activity. */
static void
read_activity(sqlite3_stmt *s, void *row)
{
	struct activity *a = row;
	char code[40];
	int k;

	a->id = (long)sqlite3_column_int64(s, 0);
	a->inspection = (long)sqlite3_column_int64(s, 1);
	a->number = (long)sqlite3_column_int64(s, 2);
	store_col_copy(s, 3, code, sizeof(code));
	k = activity_kind_parse(code);
	a->kind = k < 0 ? ACTIVITY_FOCUS_GROUP : (enum activity_kind)k;
	store_col_copy(s, 4, a->date, sizeof(a->date));
	a->place = store_col_text(s, 5);
	a->lead = store_col_text(s, 6);
	a->agencies = store_col_text(s, 7);
	a->roles = store_col_text(s, 8);
	for (int p = 0; p < PEOPLE__MAX; p++)
		a->people[p] = (long)sqlite3_column_int64(s, 9 + p);
	store_col_copy(s, 14, code, sizeof(code));
	k = activity_status_parse(code);
	a->status = k < 0 ? ACTIVITY_PLANNED : (enum activity_status)k;
	a->cancel_reason = store_col_text(s, 15);
	a->created_by = store_col_text(s, 16);
	store_col_copy(s, 17, a->created_at, sizeof(a->created_at));
	store_col_copy(s, 18, a->updated_at, sizeof(a->updated_at));
	a->nevidence = (long)sqlite3_column_int64(s, 19);
}

STORE_ROWTYPE(activity_rows, struct activity, read_activity, activity_list_free);

int
store_activity_get(struct store *st, long inspection, long number, struct activity *a,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET, err);
	int rc;

	if (s != NULL) {
		sqlite3_bind_int64(s, 1, inspection);
		sqlite3_bind_int64(s, 2, number);
	}
	rc = store_row(st, s, &activity_rows, a, err, "an activity");
	if (rc != STORE_NONE)
		return rc;
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "activity",
	    "inspection %ld has no activity %ld; the fieldwork plan lists them", inspection,
	    number);
}

int
store_activity_list(struct store *st, long inspection, struct activity **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &activity_rows, out, n, err, "listing the fieldwork plan");
}

int
store_evidence_set_activity(struct store *st, long evidence_id, long activity_id,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EVIDENCE_SET, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, evidence_id);
	sqlite3_bind_int64(s, 2, activity_id);
	return store_step_done(st, s, err, "linking evidence to its activity");
}

int
store_activity_status_counts(struct store *st, long activity_id, const char *const *codes,
    size_t ncodes, long *counts, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STATUS_COUNTS, err);
	int rc;

	for (size_t i = 0; i < ncodes; i++)
		counts[i] = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, activity_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0);

		for (size_t i = 0; code != NULL && i < ncodes; i++)
			if (strcmp(code, codes[i]) == 0)
				counts[i] = (long)sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "counting an activity's evidence");
	return CAIRN_OK;
}

int
store_methods_load(struct store *st, long inspection, struct fieldwork_methods *m,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RECORDS_READ, err);
	int rc;

	memset(m, 0, sizeof(*m));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	rc = store_step_one(st, s, err, "the number of records read");
	if (rc == STORE_ROW) {
		m->records_read = (long)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	} else if (rc != STORE_NONE) {
		return rc;
	}
	if ((s = store_stmt(st, SQL_HELD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char code[40];
		int k;

		store_col_copy(s, 0, code, sizeof(code));
		if ((k = activity_kind_parse(code)) < 0)
			continue;
		m->held[k] += (long)sqlite3_column_int64(s, 1);
		for (int p = 0; p < PEOPLE__MAX; p++)
			m->people[p] += (long)sqlite3_column_int64(s, 2 + p);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "counting the activities held");
	return CAIRN_OK;
}

int
store_activity_evidence_numbers(struct store *st, long activity_id, long **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EVIDENCE_NUMBERS, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, activity_id);
	return store_rows(st, s, &store_long_rows, out, n, err, "listing an activity's evidence");
}
