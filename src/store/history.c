/* Published results of earlier inspections: see history.h. */
#include "store/history.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_DEL_GRADES[] =
    "DELETE FROM history_grade WHERE partnership = ?1 AND published = ?2 AND framework_id = "
    "(SELECT id FROM framework WHERE code = ?3)";
static const char SQL_DEL_COUNTS[] =
    "DELETE FROM history_count WHERE partnership = ?1 AND published = ?2 AND framework_id = "
    "(SELECT id FROM framework WHERE code = ?3)";
static const char SQL_ADD_GRADE[] =
    "INSERT INTO history_grade (partnership, published, framework_id, qi_code, grade, basis, "
    "source, imported_at) SELECT ?1, ?2, f.id, ?4, ?5, ?6, ?7, ?8 FROM framework f "
    "WHERE f.code = ?3";
static const char SQL_ADD_COUNT[] =
    "INSERT INTO history_count (partnership, published, framework_id, grade, indicator_count, "
    "source, imported_at) SELECT ?1, ?2, f.id, ?4, ?5, ?6, ?7 FROM framework f "
    "WHERE f.code = ?3";
static const char SQL_LIST[] =
    "SELECT g.partnership, g.published, f.code, g.qi_code, g.grade, 1, g.basis, g.source, 0 "
    "FROM history_grade g JOIN framework f ON f.id = g.framework_id "
    "WHERE ?1 IS NULL OR f.code = ?1 "
    "UNION ALL "
    "SELECT c.partnership, c.published, f.code, NULL, c.grade, c.indicator_count, 'stated', "
    "c.source, 1 FROM history_count c JOIN framework f ON f.id = c.framework_id "
    "WHERE ?1 IS NULL OR f.code = ?1 "
    "ORDER BY 3, 2, 1, 9, 4, 5 DESC";

/* Returns true if rows a and b belong to the same publication. */
static bool
same_publication(const struct history_row *a, const struct history_row *b)
{
	return strcmp(a->partnership, b->partnership) == 0 &&
	    strcmp(a->published, b->published) == 0 && strcmp(a->framework, b->framework) == 0;
}

/* Runs one of the DELETE statements for the publication of r; adds the
 * rows deleted to *replaced. */
static int
delete_publication(struct store *st, const char *sql_delete, const struct history_row *r,
    long *replaced, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql_delete, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, r->partnership, 0);
	store_bind_text(s, 2, r->published, 0);
	store_bind_text(s, 3, r->framework, 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "replacing published results");
	*replaced += sqlite3_changes(st->db);
	return CAIRN_OK;
}

/* Inserts one row into history_grade or history_count. */
static int
insert_row(struct store *st, const struct history_row *r, const char *now, struct cairn_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (r->qi != NULL)
		s = store_stmt(st, SQL_ADD_GRADE, err);
	else
		s = store_stmt(st, SQL_ADD_COUNT, err);
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, r->partnership, 0);
	store_bind_text(s, 2, r->published, 0);
	store_bind_text(s, 3, r->framework, 0);
	if (r->qi != NULL) {
		store_bind_text(s, 4, r->qi, 0);
		sqlite3_bind_int(s, 5, r->grade);
		store_bind_text(s, 6, r->inferred ? "inferred" : "stated", 0);
		store_bind_text(s, 7, r->source, 0);
		store_bind_text(s, 8, now, 0);
	} else {
		sqlite3_bind_int(s, 4, r->grade);
		sqlite3_bind_int64(s, 5, r->count);
		store_bind_text(s, 6, r->source, 0);
		store_bind_text(s, 7, now, 0);
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "storing a published result");
	if (sqlite3_changes(st->db) != 1)
		return cairn_errf(err, CAIRN_EDATA, "unknown framework '%s'", r->framework);
	return CAIRN_OK;
}

int
store_history_replace(struct store *st, const struct history_row *v, size_t n, long *replaced,
    struct cairn_err *err)
{
	char now[21];

	*replaced = 0;
	store_now(now);
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = same_publication(&v[i], &v[j]);
		if (seen)
			continue;
		if (delete_publication(st, SQL_DEL_GRADES, &v[i], replaced, err) != CAIRN_OK ||
		    delete_publication(st, SQL_DEL_COUNTS, &v[i], replaced, err) != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	for (size_t i = 0; i < n; i++) {
		int rc = insert_row(st, &v[i], now, err);

		if (rc != CAIRN_OK)
			return rc;
	}
	return CAIRN_OK;
}

/* Reads a row of SQL_LIST into a struct history_row. */
static void
read_history_row(sqlite3_stmt *s, void *row)
{
	struct history_row *r = row;
	char basis[16];

	r->partnership = store_col_text(s, 0);
	store_col_copy(s, 1, r->published, sizeof(r->published));
	r->framework = store_col_text(s, 2);
	r->qi = store_col_text(s, 3);
	r->grade = sqlite3_column_int(s, 4);
	r->count = (long)sqlite3_column_int64(s, 5);
	store_col_copy(s, 6, basis, sizeof(basis));
	r->inferred = strcmp(basis, "inferred") == 0;
	r->source = store_col_text(s, 7);
}

STORE_ROWTYPE(history_row_rows, struct history_row, read_history_row, history_rows_free);

int
store_history_list(struct store *st, const char *framework, struct history_row **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LIST, err);

	if (s != NULL)
		store_bind_text(s, 1, framework, 0);
	return store_rows(st, s, &history_row_rows, out, n, err, "listing published results");
}
