/* The evidence log, its files and its history: see work.h. */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/model.h"
#include "store/store_internal.h"
#include "store/work.h"

static const char SQL_NEXT[] =
    "SELECT COALESCE(MAX(number), 0) + 1 FROM evidence WHERE inspection_id = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO evidence (inspection_id, number, source, text, status, participants, "
    "gathered_on, recorded_by, young_inspector, file_sha256, file_name, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)";
static const char SQL_UPDATE[] =
    "UPDATE evidence SET source = ?2, text = ?3, status = ?4, participants = ?5, "
    "gathered_on = ?6, file_sha256 = ?7, file_name = ?8, updated_at = ?9 WHERE id = ?1";
/* The columns every evidence query reads, in read_item()'s order (the item,
 * its file's size, how many grades it informs, its withdrawal). */
#define EVIDENCE_COLUMNS                                                                           \
	"SELECT e.id, e.number, e.source, e.text, e.status, e.participants, e.gathered_on, "       \
	"e.recorded_by, e.young_inspector, e.file_sha256, e.file_name, f.size, e.created_at, "     \
	"e.updated_at, (SELECT count(*) FROM evaluation_evidence l WHERE l.evidence_id = e.id), "  \
	"e.withdrawn_at, e.withdrawn_by, e.withdrawn_reason "
static const char SQL_COLUMNS_GET[] =
    EVIDENCE_COLUMNS "FROM evidence e LEFT JOIN evidence_file f ON f.sha256 = e.file_sha256 "
                     "WHERE e.inspection_id = ?1 AND e.number = ?2";
static const char SQL_COLUMNS_LIST[] =
    EVIDENCE_COLUMNS "FROM evidence e LEFT JOIN evidence_file f ON f.sha256 = e.file_sha256 "
                     "WHERE e.inspection_id = ?1 ORDER BY e.number";
/* One page of the log, newest first, filtered: ?2 status, ?3 source, ?4 an
 * indicator it informs (each NULL for any); ?5 rows from row ?6. */
static const char SQL_PAGE[] = EVIDENCE_COLUMNS
    "FROM evidence e LEFT JOIN evidence_file f ON f.sha256 = e.file_sha256 "
    "WHERE e.inspection_id = ?1 AND (?2 IS NULL OR e.status = ?2) "
    "AND (?3 IS NULL OR e.source = ?3) AND (?4 IS NULL OR EXISTS (SELECT 1 FROM evidence_qi q "
    "WHERE q.evidence_id = e.id AND q.qi_code = ?4)) "
    "ORDER BY e.number DESC LIMIT ?5 OFFSET ?6";
/* How many items SQL_PAGE's filters match. */
static const char SQL_COUNT[] =
    "SELECT count(*) FROM evidence e "
    "WHERE e.inspection_id = ?1 AND (?2 IS NULL OR e.status = ?2) "
    "AND (?3 IS NULL OR e.source = ?3) AND (?4 IS NULL OR EXISTS (SELECT 1 FROM evidence_qi q "
    "WHERE q.evidence_id = e.id AND q.qi_code = ?4))";
/* The evidence of inspection ?1 informing indicator ?4 (or ?2 in
 * SQL_BALANCE): one range of the evidence_qi_inspection index (migration 23). */
#define QI_RANGE "q.inspection_id = ?1 AND e.inspection_id = ?1 "
/* SQL_COUNT with an indicator ?4: through the evidence_qi_inspection index
 * (migration 23) instead of a test of every item. */
static const char SQL_COUNT_QI[] =
    "SELECT count(*) FROM evidence_qi q JOIN evidence e ON e.id = q.evidence_id "
    "WHERE q.qi_code = ?4 AND " QI_RANGE "AND (?2 IS NULL OR e.status = ?2) "
    "AND (?3 IS NULL OR e.source = ?3)";
/* SQL_COUNT_QI without a status or source: the range of the
 * evidence_qi_inspection index alone, without reading each item. */
static const char SQL_COUNT_QI_ONLY[] =
    "SELECT count(*) FROM evidence_qi WHERE inspection_id = ?1 AND qi_code = ?4";
/* The numbers of the items of inspection ?1 informing indicator ?4 that
 * pass the filters ?2 and ?3: one range of the evidence_qi_inspection index
 * (migration 23), each item's row read for its status and source only. */
#define QI_NUMBERS                                                                                 \
	"SELECT e.id AS id, e.number AS number FROM evidence_qi q JOIN evidence e "                \
	"ON e.id = q.evidence_id WHERE q.qi_code = ?4 AND " QI_RANGE                               \
	"AND (?2 IS NULL OR e.status = ?2) AND (?3 IS NULL OR e.source = ?3) "
/* SQL_PAGE with an indicator ?4: its items' numbers found through the index
 * and ordered (a few thousand at most, so a late page costs as much as the
 * first), then only the page's rows read in full: sorting whole rows, with
 * each one's count of grades, cost ten times more. */
static const char SQL_PAGE_QI[] =
    EVIDENCE_COLUMNS "FROM (" QI_NUMBERS "ORDER BY e.number DESC LIMIT ?5 OFFSET ?6) p "
                     "JOIN evidence e ON e.id = p.id "
                     "LEFT JOIN evidence_file f ON f.sha256 = e.file_sha256 "
                     "ORDER BY p.number DESC";
/* Up to ?5 items matching the filters of SQL_PAGE with a number above ?7,
 * oldest (lowest number) first: the API's pages, from a cursor. */
static const char SQL_AFTER[] = EVIDENCE_COLUMNS
    "FROM evidence e LEFT JOIN evidence_file f ON f.sha256 = e.file_sha256 "
    "WHERE e.inspection_id = ?1 AND e.number > ?7 AND (?2 IS NULL OR e.status = ?2) "
    "AND (?3 IS NULL OR e.source = ?3) AND (?4 IS NULL OR EXISTS (SELECT 1 FROM evidence_qi q "
    "WHERE q.evidence_id = e.id AND q.qi_code = ?4)) "
    "ORDER BY e.number LIMIT ?5";
/* SQL_AFTER with an indicator ?4, through its index, as SQL_PAGE_QI. */
static const char SQL_AFTER_QI[] =
    EVIDENCE_COLUMNS "FROM (" QI_NUMBERS "AND e.number > ?7 ORDER BY e.number LIMIT ?5) p "
                     "JOIN evidence e ON e.id = p.id "
                     "LEFT JOIN evidence_file f ON f.sha256 = e.file_sha256 "
                     "ORDER BY p.number";
/* The balance of the evidence informing indicator ?2: each item's source and
 * status, summed by the caller (a GROUP BY's temporary B-tree cost more than
 * the reading itself). */
static const char SQL_BALANCE[] =
    "SELECT e.source, e.status FROM evidence_qi q JOIN evidence e "
    "ON e.id = q.evidence_id WHERE q.qi_code = ?2 AND " QI_RANGE "AND e.withdrawn_at IS NULL";
/* SQL_COUNT without filters: answered from the (inspection_id, number)
 * index alone, without reading each row. */
static const char SQL_COUNT_ALL[] = "SELECT count(*) FROM evidence WHERE inspection_id = ?1";
static const char SQL_QI_DEL[] = "DELETE FROM evidence_qi WHERE evidence_id = ?1";
/* The row carries its item's inspection (migration 23), copied from the item. */
static const char SQL_QI_ADD[] = "INSERT INTO evidence_qi (evidence_id, qi_code, inspection_id) "
                                 "SELECT ?1, ?2, inspection_id FROM evidence WHERE id = ?1";
static const char SQL_QI_LIST[] =
    "SELECT qi_code FROM evidence_qi WHERE evidence_id = ?1 ORDER BY qi_code";
static const char SQL_FILE_FIND[] = "SELECT size FROM evidence_file WHERE sha256 = ?1";
static const char SQL_FILE_ADD[] =
    "INSERT INTO evidence_file (sha256, size, stored_at) VALUES (?1, ?2, ?3)";
static const char SQL_CHANGE_ADD[] =
    "INSERT INTO evidence_history (evidence_id, at, actor, field, old_value, new_value) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
/* Withdrawing (?2 when, ?3 who, ?4 why) or reinstating (all NULL). */
static const char SQL_WITHDRAW[] =
    "UPDATE evidence SET withdrawn_at = ?2, withdrawn_by = ?3, withdrawn_reason = ?4, "
    "updated_at = ?5 WHERE id = ?1";
static const char SQL_CHANGE_LIST[] =
    "SELECT at, actor, field, old_value, new_value FROM evidence_history "
    "WHERE evidence_id = ?1 ORDER BY id";

/* Replaces an item's indicators. */
static int
put_qis(struct store *st, const struct evidence_item *e, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_QI_DEL, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, e->id);
	if (store_step_done(st, s, err, "replacing evidence indicators") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	for (size_t i = 0; i < e->nqis; i++) {
		if ((s = store_stmt(st, SQL_QI_ADD, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, e->id);
		store_bind_text(s, 2, e->qis[i], 0);
		if (store_step_done(st, s, err, "linking evidence to an indicator") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

/* Loads an item's indicators. */
static int
get_qis(struct store *st, struct evidence_item *e, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_QI_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, e->id);
	return store_rows(st, s, &store_text_rows, &e->qis, &e->nqis, err,
	    "reading the indicators of evidence");
}

int
store_evidence_insert(struct store *st, long inspection, struct evidence_item *e,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_NEXT, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	if ((rc = store_step_one(st, s, err, "the next evidence number")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_ESOFTWARE, "the next evidence number is missing");
	}
	e->number = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if ((s = store_stmt(st, SQL_INSERT, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(e->created_at);
	memcpy(e->updated_at, e->created_at, sizeof(e->updated_at));
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, e->number);
	store_bind_text(s, 3, e->source, 0);
	store_bind_text(s, 4, e->text, 0);
	store_bind_text(s, 5, e->status, 0);
	store_bind_text(s, 6, e->participants, 1);
	store_bind_text(s, 7, e->gathered_on, 1);
	store_bind_text(s, 8, e->recorded_by, 0);
	sqlite3_bind_int(s, 9, e->young_inspector ? 1 : 0);
	store_bind_text(s, 10, e->file_sha256, 1);
	store_bind_text(s, 11, e->file_name, 1);
	store_bind_text(s, 12, e->created_at, 0);
	if (store_step_done(st, s, err, "storing evidence") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	e->id = (long)sqlite3_last_insert_rowid(st->db);
	return put_qis(st, e, err);
}

int
store_evidence_update(struct store *st, struct evidence_item *e, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_UPDATE, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(e->updated_at);
	sqlite3_bind_int64(s, 1, e->id);
	store_bind_text(s, 2, e->source, 0);
	store_bind_text(s, 3, e->text, 0);
	store_bind_text(s, 4, e->status, 0);
	store_bind_text(s, 5, e->participants, 1);
	store_bind_text(s, 6, e->gathered_on, 1);
	store_bind_text(s, 7, e->file_sha256, 1);
	store_bind_text(s, 8, e->file_name, 1);
	store_bind_text(s, 9, e->updated_at, 0);
	if (store_step_done(st, s, err, "updating evidence") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	return put_qis(st, e, err);
}

/* Reads one row of SQL_COLUMNS_GET, SQL_COLUMNS_LIST or SQL_PAGE* into a
 * struct evidence_item (without its indicators). */
static void
read_item(sqlite3_stmt *s, void *row)
{
	struct evidence_item *e = row;

	e->id = (long)sqlite3_column_int64(s, 0);
	e->number = (long)sqlite3_column_int64(s, 1);
	e->source = store_col_text(s, 2);
	e->text = store_col_text(s, 3);
	store_col_copy(s, 4, e->status, sizeof(e->status));
	e->participants = store_col_text(s, 5);
	store_col_copy(s, 6, e->gathered_on, sizeof(e->gathered_on));
	e->recorded_by = store_col_text(s, 7);
	e->young_inspector = sqlite3_column_int(s, 8) != 0;
	store_col_copy(s, 9, e->file_sha256, sizeof(e->file_sha256));
	e->file_name = store_col_text(s, 10);
	e->file_size = (long)sqlite3_column_int64(s, 11);
	store_col_copy(s, 12, e->created_at, sizeof(e->created_at));
	store_col_copy(s, 13, e->updated_at, sizeof(e->updated_at));
	e->linked = sqlite3_column_int(s, 14) > 0;
	store_col_copy(s, 15, e->withdrawn_at, sizeof(e->withdrawn_at));
	e->withdrawn_by = store_col_text(s, 16);
	e->withdrawn_reason = store_col_text(s, 17);
}

STORE_ROWTYPE(item_rows, struct evidence_item, read_item, evidence_items_free);

int
store_evidence_withdrawn(struct store *st, struct evidence_item *e, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_WITHDRAW, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(e->updated_at);
	sqlite3_bind_int64(s, 1, e->id);
	store_bind_text(s, 2, e->withdrawn_at, 1);
	store_bind_text(s, 3, e->withdrawn_by, 1);
	store_bind_text(s, 4, e->withdrawn_reason, 1);
	store_bind_text(s, 5, e->updated_at, 0);
	return store_step_done(st, s, err, "withdrawing or reinstating evidence");
}

int
store_evidence_get(struct store *st, long inspection, long number, struct evidence_item *e,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_COLUMNS_GET, err);
	int rc;

	if (s != NULL) {
		sqlite3_bind_int64(s, 1, inspection);
		sqlite3_bind_int64(s, 2, number);
	}
	if ((rc = store_row(st, s, &item_rows, e, err, "an evidence item")) == STORE_NONE)
		return cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld has no evidence number %ld; "
		    "the evidence log lists the numbers",
		    inspection, number);
	if (rc != CAIRN_OK)
		return rc;
	if (get_qis(st, e, err) != CAIRN_OK) {
		evidence_item_free(e);
		return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

int
store_evidence_list(struct store *st, long inspection, struct evidence_item **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_COLUMNS_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	if (store_rows(st, s, &item_rows, out, n, err, "reading the evidence log") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	for (size_t i = 0; i < *n; i++) {
		if (get_qis(st, &(*out)[i], err) != CAIRN_OK) {
			evidence_items_free(*out, *n);
			*out = NULL;
			*n = 0;
			return CAIRN_ESOFTWARE;
		}
	}
	return CAIRN_OK;
}

/* Binds the inspection and the filters of SQL_PAGE and SQL_COUNT. */
static void
bind_filter(sqlite3_stmt *s, long inspection, const struct evidence_filter *f)
{
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, f->status, 1);
	store_bind_text(s, 3, f->source, 1);
	store_bind_text(s, 4, f->qi, 1);
}

int
store_evidence_count(struct store *st, long inspection, const struct evidence_filter *f,
    long *count, struct cairn_err *err)
{
	bool unfiltered = f->status == NULL && f->source == NULL;
	bool all = f->qi == NULL && unfiltered;
	const char *sql_count = all ? SQL_COUNT_ALL
	    : f->qi == NULL         ? SQL_COUNT
	    : unfiltered            ? SQL_COUNT_QI_ONLY
	                            : SQL_COUNT_QI;
	sqlite3_stmt *s = store_stmt(st, sql_count, err);
	int rc;

	*count = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	if (all)
		sqlite3_bind_int64(s, 1, inspection);
	else
		bind_filter(s, inspection, f);
	if ((rc = store_step_one(st, s, err, "the count of the evidence log")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_ESOFTWARE, "the count of the evidence log is missing");
	}
	*count = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

/* Steps s (bound) for up to limit items into *out, with their indicators. */
static int
read_items(struct store *st, sqlite3_stmt *s, long limit, struct evidence_item **out, size_t *n,
    struct cairn_err *err)
{
	int step = SQLITE_DONE;

	*out = xcalloc((size_t)limit, sizeof(**out));
	while (*n < (size_t)limit && (step = sqlite3_step(s)) == SQLITE_ROW)
		read_item(s, &(*out)[(*n)++]);
	if (*n == (size_t)limit)
		step = SQLITE_DONE;
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		evidence_items_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, err, "reading a page of the evidence log");
	}
	for (size_t i = 0; i < *n; i++) {
		if (get_qis(st, &(*out)[i], err) != CAIRN_OK) {
			evidence_items_free(*out, *n);
			*out = NULL;
			*n = 0;
			return CAIRN_ESOFTWARE;
		}
	}
	return CAIRN_OK;
}

int
store_evidence_page(struct store *st, long inspection, const struct evidence_filter *f, long limit,
    long offset, struct evidence_item **out, size_t *n, struct cairn_err *err)
{
	const char *sql_page = f->qi != NULL ? SQL_PAGE_QI : SQL_PAGE;
	sqlite3_stmt *s = store_stmt(st, sql_page, err);

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	if (limit <= 0)
		return CAIRN_OK;
	bind_filter(s, inspection, f);
	sqlite3_bind_int64(s, 5, limit);
	sqlite3_bind_int64(s, 6, offset);
	return read_items(st, s, limit, out, n, err);
}

int
store_evidence_after(struct store *st, long inspection, const struct evidence_filter *f, long after,
    long limit, struct evidence_item **out, size_t *n, struct cairn_err *err)
{
	const char *sql_after = f->qi != NULL ? SQL_AFTER_QI : SQL_AFTER;
	sqlite3_stmt *s = store_stmt(st, sql_after, err);

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	if (limit <= 0)
		return CAIRN_OK;
	bind_filter(s, inspection, f);
	sqlite3_bind_int64(s, 5, limit);
	sqlite3_bind_int64(s, 7, after);
	return read_items(st, s, limit, out, n, err);
}

int
store_evidence_balance(struct store *st, long inspection, const char *qi,
    void (*fn)(void *arg, const char *source, const char *status, long n), void *arg,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_BALANCE, err);
	int step;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, qi, 0);
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), 1);
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_fail(st, err, "reading the evidence balance");
	return CAIRN_OK;
}

int
store_evidence_file_record(struct store *st, const char *sha256, long size, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FILE_FIND, err);
	char now[21];
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, sha256, 0);
	if ((rc = store_step_one(st, s, err, "the stored files")) == STORE_ROW) {
		sqlite3_reset(s);
		return CAIRN_OK;
	}
	if (rc != STORE_NONE)
		return rc;
	if ((s = store_stmt(st, SQL_FILE_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	store_bind_text(s, 1, sha256, 0);
	sqlite3_bind_int64(s, 2, size);
	store_bind_text(s, 3, now, 0);
	return store_step_done(st, s, err, "recording a file");
}

int
store_evidence_change_add(struct store *st, long evidence_id, const char *actor, const char *field,
    const char *old_value, const char *new_value, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CHANGE_ADD, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, evidence_id);
	store_bind_text(s, 2, now, 0);
	store_bind_text(s, 3, actor, 0);
	store_bind_text(s, 4, field, 0);
	store_bind_text(s, 5, old_value, 1);
	store_bind_text(s, 6, new_value, 1);
	return store_step_done(st, s, err, "recording evidence history");
}

/* Reads a row of SQL_CHANGE_LIST into a struct evidence_change. */
static void
read_evidence_change(sqlite3_stmt *s, void *row)
{
	struct evidence_change *c = row;

	store_col_copy(s, 0, c->at, sizeof(c->at));
	c->actor = store_col_text(s, 1);
	c->field = store_col_text(s, 2);
	c->old_value = store_col_text(s, 3);
	c->new_value = store_col_text(s, 4);
}

STORE_ROWTYPE(evidence_change_rows, struct evidence_change, read_evidence_change,
    evidence_changes_free);

int
store_evidence_change_list(struct store *st, long evidence_id, struct evidence_change **out,
    size_t *n, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CHANGE_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, evidence_id);
	return store_rows(st, s, &evidence_change_rows, out, n, err,
	    "reading the evidence history");
}
