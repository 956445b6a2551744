/* Progress reviews: see review.h. */
#include "store/review.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_ADD[] =
    "INSERT INTO review (inspection_id, seq, review_date, created_at) "
    "SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3 FROM review WHERE inspection_id = ?1";
static const char SQL_SEQ[] = "SELECT seq FROM review WHERE id = ?1";
static const char SQL_LIST[] =
    "SELECT id, inspection_id, seq, review_date, further, decision_text FROM review "
    "WHERE inspection_id = ?1 ORDER BY seq";
static const char SQL_DECIDE[] = "UPDATE review SET further = ?2, decision_text = ?3 WHERE id = ?1";
static const char SQL_PROGRESS_DEL[] =
    "DELETE FROM review_progress WHERE review_id = ?1 AND finding_id = ?2";
static const char SQL_PROGRESS_ADD[] =
    "INSERT INTO review_progress (review_id, finding_id, judgement, text, evidence, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_PROGRESS_LIST[] =
    "SELECT review_id, finding_id, judgement, text, evidence FROM review_progress "
    "WHERE review_id = ?1 ORDER BY finding_id";
static const char SQL_GRADE_DEL[] =
    "DELETE FROM review_grade WHERE review_id = ?1 AND qi_code = ?2";
static const char SQL_GRADE_ADD[] =
    "INSERT INTO review_grade (review_id, qi_code, grade, rationale, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_GRADE_LIST[] =
    "SELECT g.review_id, g.qi_code, g.grade, g.rationale FROM review_grade g "
    "JOIN review r ON r.id = g.review_id WHERE r.inspection_id = ?1 ORDER BY r.seq, g.qi_code";

int
store_review_insert(struct store *st, struct review *r, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ADD, err);
	char now[21];
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, r->inspection);
	store_bind_text(s, 2, r->date, 0);
	store_bind_text(s, 3, now, 0);
	if (store_step_done(st, s, err, "creating a review") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	r->id = (long)sqlite3_last_insert_rowid(st->db);
	if ((s = store_stmt(st, SQL_SEQ, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, r->id);
	rc = store_step_one(st, s, err, "the review's number");
	if (rc == STORE_NONE)
		return cairn_errf(err, CAIRN_ESOFTWARE, "the review's number is missing");
	if (rc != STORE_ROW)
		return rc;
	r->seq = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

/* Reads a row of SQL_LIST into a struct review. */
static void
read_review(sqlite3_stmt *s, void *row)
{
	struct review *r = row;
	char further[16];

	r->id = (long)sqlite3_column_int64(s, 0);
	r->inspection = (long)sqlite3_column_int64(s, 1);
	r->seq = sqlite3_column_int(s, 2);
	store_col_copy(s, 3, r->date, sizeof(r->date));
	store_col_copy(s, 4, further, sizeof(further));
	r->further = strcmp(further, "needed") == 0 ? FURTHER_NEEDED
	    : strcmp(further, "not-needed") == 0    ? FURTHER_NOT_NEEDED
	                                            : FURTHER_UNDECIDED;
	r->decision_text = store_col_text(s, 5);
}

STORE_ROWTYPE(review_rows, struct review, read_review, reviews_free);

int
store_review_list(struct store *st, long inspection, struct review **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &review_rows, out, n, err, "listing reviews");
}

int
store_review_decide(struct store *st, long id, enum review_further further, const char *text,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_DECIDE, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, further == FURTHER_UNDECIDED ? NULL : review_further_code[further],
	    0);
	store_bind_text(s, 3, text, 1);
	return store_step_done(st, s, err, "recording a review's decision");
}

int
store_review_progress_set(struct store *st, const struct review_progress *p, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PROGRESS_DEL, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, p->review);
	sqlite3_bind_int64(s, 2, p->finding);
	if (store_step_done(st, s, err, "replacing a progress judgement") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if ((s = store_stmt(st, SQL_PROGRESS_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, p->review);
	sqlite3_bind_int64(s, 2, p->finding);
	store_bind_text(s, 3, p->judgement, 0);
	store_bind_text(s, 4, p->text, 0);
	store_bind_text(s, 5, p->evidence, 1);
	store_bind_text(s, 6, now, 0);
	return store_step_done(st, s, err, "storing a progress judgement");
}

/* Reads a row of SQL_PROGRESS_LIST into a struct review_progress. */
static void
read_review_progress(sqlite3_stmt *s, void *row)
{
	struct review_progress *p = row;

	p->review = (long)sqlite3_column_int64(s, 0);
	p->finding = (long)sqlite3_column_int64(s, 1);
	p->judgement = store_col_text(s, 2);
	p->text = store_col_text(s, 3);
	p->evidence = store_col_text(s, 4);
}

STORE_ROWTYPE(review_progress_rows, struct review_progress, read_review_progress,
    review_progress_free);

int
store_review_progress_list(struct store *st, long review, struct review_progress **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PROGRESS_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, review);
	return store_rows(st, s, &review_progress_rows, out, n, err, "listing progress judgements");
}

int
store_review_grade_set(struct store *st, const struct review_grade *g, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GRADE_DEL, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, g->review);
	store_bind_text(s, 2, g->qi, 0);
	if (store_step_done(st, s, err, "replacing a re-evaluation") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if ((s = store_stmt(st, SQL_GRADE_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, g->review);
	store_bind_text(s, 2, g->qi, 0);
	sqlite3_bind_int(s, 3, g->grade);
	store_bind_text(s, 4, g->rationale, 1);
	store_bind_text(s, 5, now, 0);
	return store_step_done(st, s, err, "storing a re-evaluation");
}

/* Reads a row of SQL_GRADE_LIST into a struct review_grade. */
static void
read_review_grade(sqlite3_stmt *s, void *row)
{
	struct review_grade *g = row;

	g->review = (long)sqlite3_column_int64(s, 0);
	g->qi = store_col_text(s, 1);
	g->grade = sqlite3_column_int(s, 2);
	g->rationale = store_col_text(s, 3);
}

STORE_ROWTYPE(review_grade_rows, struct review_grade, read_review_grade, review_grades_free);

int
store_review_grade_list(struct store *st, long inspection, struct review_grade **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GRADE_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &review_grade_rows, out, n, err, "listing re-evaluations");
}
