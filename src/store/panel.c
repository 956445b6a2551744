/* The Quality and Consistency Panel, grade history and the evidence a
 * grade rests on: see work.h. */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "store/work.h"

static const char SQL_NEED_PUT[] =
    "INSERT OR REPLACE INTO progress_review_need (inspection_id, needed, due, focus, actor, at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_NEED_GET[] =
    "SELECT needed, due, focus, actor, at FROM progress_review_need WHERE inspection_id = ?1";
static const char SQL_REVIEW_DEL[] =
    "DELETE FROM panel_review WHERE inspection_id = ?1 AND qi_code = ?2";
static const char SQL_REVIEW_ADD[] =
    "INSERT INTO panel_review (inspection_id, qi_code, grade, reason, reviewer, reviewed_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_REVIEW_LIST[] =
    "SELECT qi_code, grade, reason, reviewer, reviewed_at FROM panel_review "
    "WHERE inspection_id = ?1 ORDER BY qi_code";
static const char SQL_SIGNOFF_ADD[] =
    "INSERT INTO panel_signoff (inspection_id, signed_by, signed_at) VALUES (?1, ?2, ?3)";
static const char SQL_SIGNOFF_VOID[] =
    "UPDATE panel_signoff SET voided_at = ?2, voided_by = ?3, void_reason = ?4 "
    "WHERE inspection_id = ?1 AND voided_at IS NULL";
static const char SQL_SIGNOFF_LIST[] =
    "SELECT id, signed_by, signed_at, voided_at, voided_by, void_reason FROM panel_signoff "
    "WHERE inspection_id = ?1 ORDER BY id";
static const char SQL_SIGNOFF_STANDING[] =
    "SELECT count(*) FROM panel_signoff WHERE inspection_id = ?1 AND voided_at IS NULL";
static const char SQL_EVENT_ADD[] =
    "INSERT INTO evaluation_history (inspection_id, qi_code, kind, grade, rationale, evidence, "
    "actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_EVENT_LIST[] =
    "SELECT id, qi_code, kind, grade, rationale, evidence, actor, at FROM evaluation_history "
    "WHERE inspection_id = ?1 ORDER BY id";
static const char SQL_LINK_DEL[] =
    "DELETE FROM evaluation_evidence WHERE inspection_id = ?1 AND qi_code = ?2";
static const char SQL_LINK_ADD[] =
    "INSERT INTO evaluation_evidence (inspection_id, qi_code, evidence_id) VALUES (?1, ?2, ?3)";
static const char SQL_LINK_LIST[] =
    "SELECT e.number FROM evaluation_evidence l JOIN evidence e ON e.id = l.evidence_id "
    "WHERE l.inspection_id = ?1 AND l.qi_code = ?2 AND e.withdrawn_at IS NULL "
    "ORDER BY e.number";

static const char SQL_HELD[] =
    "SELECT e.inspection_id, i.partnership, i.published, e.qi_code, "
    "COALESCE(p.grade, e.grade) FROM evaluation e "
    "JOIN inspection i ON i.id = e.inspection_id "
    "JOIN framework f ON f.id = i.framework_id "
    "LEFT JOIN panel_review p ON p.inspection_id = e.inspection_id AND p.qi_code = e.qi_code "
    "WHERE f.code = ?1 AND e.inspection_id <> ?2 ORDER BY e.inspection_id, e.qi_code";

int
store_panel_review_set(struct store *st, long inspection, const char *qi, int grade,
    const char *reason, const char *reviewer, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_REVIEW_DEL, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, qi, 0);
	if (store_step_done(st, s, err, "replacing a panel review") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if ((s = store_stmt(st, SQL_REVIEW_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, qi, 0);
	sqlite3_bind_int(s, 3, grade);
	store_bind_text(s, 4, reason, 0);
	store_bind_text(s, 5, reviewer, 0);
	store_bind_text(s, 6, now, 0);
	return store_step_done(st, s, err, "storing a panel review");
}

/* Reads a row of SQL_REVIEW_LIST into a struct panel_review. */
static void
read_panel_review(sqlite3_stmt *s, void *row)
{
	struct panel_review *r = row;

	r->qi = store_col_text(s, 0);
	r->grade = sqlite3_column_int(s, 1);
	r->reason = store_col_text(s, 2);
	r->reviewer = store_col_text(s, 3);
	store_col_copy(s, 4, r->reviewed_at, sizeof(r->reviewed_at));
}

STORE_ROWTYPE(panel_review_rows, struct panel_review, read_panel_review, panel_reviews_free);

int
store_panel_review_list(struct store *st, long inspection, struct panel_review **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_REVIEW_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &panel_review_rows, out, n, err, "reading the panel reviews");
}

int
store_signoff_add(struct store *st, long inspection, const char *by, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SIGNOFF_ADD, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, by, 0);
	store_bind_text(s, 3, now, 0);
	return store_step_done(st, s, err, "recording a sign-off");
}

int
store_signoff_void(struct store *st, long inspection, const char *by, const char *reason,
    bool *voided, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SIGNOFF_VOID, err);
	char now[21];

	*voided = false;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, now, 0);
	store_bind_text(s, 3, by, 0);
	store_bind_text(s, 4, reason, 0);
	if (store_step_done(st, s, err, "voiding a sign-off") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	*voided = sqlite3_changes(st->db) > 0;
	return CAIRN_OK;
}

/* Reads a row of SQL_SIGNOFF_LIST into a struct panel_signoff. */
static void
read_panel_signoff(sqlite3_stmt *s, void *row)
{
	struct panel_signoff *o = row;

	o->id = (long)sqlite3_column_int64(s, 0);
	o->signed_by = store_col_text(s, 1);
	store_col_copy(s, 2, o->signed_at, sizeof(o->signed_at));
	store_col_copy(s, 3, o->voided_at, sizeof(o->voided_at));
	o->voided_by = store_col_text(s, 4);
	o->void_reason = store_col_text(s, 5);
}

STORE_ROWTYPE(panel_signoff_rows, struct panel_signoff, read_panel_signoff, panel_signoffs_free);

int
store_signoff_list(struct store *st, long inspection, struct panel_signoff **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SIGNOFF_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &panel_signoff_rows, out, n, err, "reading the sign-offs");
}

int
store_signoff_standing(struct store *st, long inspection, bool *standing, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SIGNOFF_STANDING, err);
	int rc;

	*standing = false;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	rc = store_step_one(st, s, err, "the standing sign-offs");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*standing = sqlite3_column_int(s, 0) > 0;
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_grade_event_add(struct store *st, long inspection, const char *qi, const char *kind,
    int grade, const char *rationale, const char *evidence, const char *actor,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EVENT_ADD, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, qi, 0);
	store_bind_text(s, 3, kind, 0);
	sqlite3_bind_int(s, 4, grade);
	store_bind_text(s, 5, rationale, 1);
	store_bind_text(s, 6, evidence, 1);
	store_bind_text(s, 7, actor, 0);
	store_bind_text(s, 8, now, 0);
	return store_step_done(st, s, err, "recording a grade's history");
}

/* Reads a row of SQL_EVENT_LIST into a struct grade_event. */
static void
read_grade_event(sqlite3_stmt *s, void *row)
{
	struct grade_event *e = row;

	e->id = (long)sqlite3_column_int64(s, 0);
	e->qi = store_col_text(s, 1);
	store_col_copy(s, 2, e->kind, sizeof(e->kind));
	e->grade = sqlite3_column_int(s, 3);
	e->rationale = store_col_text(s, 4);
	e->evidence = store_col_text(s, 5);
	e->actor = store_col_text(s, 6);
	store_col_copy(s, 7, e->at, sizeof(e->at));
}

STORE_ROWTYPE(grade_event_rows, struct grade_event, read_grade_event, grade_events_free);

int
store_grade_event_list(struct store *st, long inspection, struct grade_event **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EVENT_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &grade_event_rows, out, n, err, "reading the grade events");
}

int
store_grade_links_set(struct store *st, long inspection, const char *qi, const long *ids, size_t n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LINK_DEL, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, qi, 0);
	if (store_step_done(st, s, err, "replacing a grade's evidence") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	for (size_t i = 0; i < n; i++) {
		if ((s = store_stmt(st, SQL_LINK_ADD, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, inspection);
		store_bind_text(s, 2, qi, 0);
		sqlite3_bind_int64(s, 3, ids[i]);
		if (store_step_done(st, s, err, "linking evidence to a grade") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

int
store_grade_links_list(struct store *st, long inspection, const char *qi, long **numbers, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LINK_LIST, err);
	size_t cap = 0;
	int step;

	*numbers = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, qi, 0);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*numbers = xreallocarray(*numbers, cap, sizeof(long));
		}
		(*numbers)[(*n)++] = (long)sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "reading the grade links");
}

int
store_benchmark_held(struct store *st, const char *framework, long except, struct held_grade **out,
    size_t *n, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_HELD, err);
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, framework, 0);
	sqlite3_bind_int64(s, 2, except);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct held_grade *g;

		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		g = &(*out)[(*n)++];
		memset(g, 0, sizeof(*g));
		g->inspection = (long)sqlite3_column_int64(s, 0);
		g->partnership = store_col_text(s, 1);
		store_col_copy(s, 2, g->published, sizeof(g->published));
		g->qi = store_col_text(s, 3);
		g->grade = sqlite3_column_int(s, 4);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE
	    ? CAIRN_OK
	    : store_fail(st, err, "reading the inspections held for the benchmark");
}

int
store_progress_need_put(struct store *st, long inspection, bool needed, const char *due,
    const char *focus, const char *actor, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_NEED_PUT, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int(s, 2, needed ? 1 : 0);
	store_bind_text(s, 3, due, 1);
	store_bind_text(s, 4, focus, 1);
	store_bind_text(s, 5, actor, 0);
	store_bind_text(s, 6, now, 0);
	return store_step_done(st, s, err, "recording the panel's decision on a progress review");
}

int
store_progress_need_get(struct store *st, long inspection, struct progress_need *p,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_NEED_GET, err);
	int rc;

	memset(p, 0, sizeof(*p));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	rc = store_step_one(st, s, err, "the panel's decision on a progress review");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	p->recorded = true;
	p->needed = sqlite3_column_int(s, 0) != 0;
	store_col_copy(s, 1, p->due, sizeof(p->due));
	p->focus = store_col_text(s, 2);
	p->actor = store_col_text(s, 3);
	store_col_copy(s, 4, p->at, sizeof(p->at));
	sqlite3_reset(s);
	return CAIRN_OK;
}
