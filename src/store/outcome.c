/* Outcome indicators by deprivation group: see outcome.h. */
#include "store/outcome.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_IND_PUT[] =
    "INSERT INTO outcome_indicator (code, title, measure, per, polarity, source, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (code) DO UPDATE SET title = ?2, "
    "measure = ?3, per = ?4, polarity = ?5, source = ?6, updated_at = ?7";
static const char SQL_IND_GET[] =
    "SELECT code, title, measure, per, polarity, source FROM outcome_indicator WHERE code = ?1";
static const char SQL_IND_LIST[] =
    "SELECT code, title, measure, per, polarity, source FROM outcome_indicator ORDER BY code";
static const char SQL_IMPORT_ADD[] =
    "INSERT INTO outcome_import (file_name, kind, q1, simd, rows_read, imported_at, imported_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_CELL_PUT[] =
    "INSERT INTO outcome_value (indicator, area_code, area_name, period, ngroups, grp, grp_given, "
    "numerator, denominator, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT (indicator, area_code, period, ngroups, grp) DO UPDATE SET area_name = ?3, "
    "grp_given = ?7, numerator = ?8, denominator = ?9, import_id = ?10";
static const char SQL_CELLS[] =
    "SELECT v.indicator, v.area_code, v.area_name, v.period, v.ngroups, v.grp, v.grp_given, "
    "v.numerator, v.denominator, i.simd FROM outcome_value v "
    "JOIN outcome_import i ON i.id = v.import_id "
    "WHERE v.indicator = ?1 AND (lower(v.area_name) = lower(?2) OR v.area_code = ?2) "
    "ORDER BY v.period, v.ngroups, v.grp";
static const char SQL_AREA_CODES[] =
    "SELECT DISTINCT area_code FROM outcome_value WHERE indicator = ?1 ORDER BY area_code";
static const char SQL_AREAS[] =
    "SELECT DISTINCT area_name FROM outcome_value WHERE indicator = ?1 ORDER BY area_name";

int
store_outcome_indicator_put(struct store *st, const struct outcome_indicator *ind,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_IND_PUT, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	store_bind_text(s, 1, ind->code, 0);
	store_bind_text(s, 2, ind->title, 0);
	store_bind_text(s, 3, ind->measure, 0);
	sqlite3_bind_int64(s, 4, ind->per);
	store_bind_text(s, 5, ind->polarity, 0);
	store_bind_text(s, 6, ind->source, 1);
	store_bind_text(s, 7, now, 0);
	return store_step_done(st, s, err, "storing an outcome indicator");
}

/* Reads an indicator row (columns as SQL_IND_GET) into a struct outcome_indicator. */
static void
read_indicator(sqlite3_stmt *s, void *row)
{
	struct outcome_indicator *ind = row;

	ind->code = store_col_text(s, 0);
	ind->title = store_col_text(s, 1);
	ind->measure = store_col_text(s, 2);
	ind->per = (long)sqlite3_column_int64(s, 3);
	ind->polarity = store_col_text(s, 4);
	ind->source = store_col_text(s, 5);
}

STORE_ROWTYPE(indicator_rows, struct outcome_indicator, read_indicator, outcome_indicators_free);

int
store_outcome_indicator_get(struct store *st, const char *code, struct outcome_indicator *ind,
    bool *found, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_IND_GET, err);
	int rc;

	if (s != NULL)
		store_bind_text(s, 1, code, 0);
	rc = store_row(st, s, &indicator_rows, ind, err, "an outcome indicator");
	*found = rc == CAIRN_OK;
	return rc == STORE_NONE ? CAIRN_OK : rc;
}

int
store_outcome_indicator_list(struct store *st, struct outcome_indicator **out, size_t *n,
    struct cairn_err *err)
{
	return store_rows(st, store_stmt(st, SQL_IND_LIST, err), &indicator_rows, out, n, err,
	    "listing outcome indicators");
}

int
store_outcome_import_insert(struct store *st, const struct outcome_import_rec *rec, long *id,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_IMPORT_ADD, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	store_bind_text(s, 1, rec->file_name, 0);
	store_bind_text(s, 2, rec->kind, 0);
	store_bind_text(s, 3, rec->q1, 0);
	store_bind_text(s, 4, rec->simd, 0);
	sqlite3_bind_int64(s, 5, rec->rows);
	store_bind_text(s, 6, now, 0);
	store_bind_text(s, 7, rec->by, 0);
	if (store_step_done(st, s, err, "recording an outcome import") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	*id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

int
store_outcome_cell_put(struct store *st, const struct outcome_cell *c, long import_id,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CELL_PUT, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, c->indicator, 0);
	store_bind_text(s, 2, c->area_code, 0);
	store_bind_text(s, 3, c->area_name, 0);
	store_bind_text(s, 4, c->period, 0);
	sqlite3_bind_int(s, 5, c->ngroups);
	sqlite3_bind_int(s, 6, c->grp);
	sqlite3_bind_int(s, 7, c->grp_given);
	sqlite3_bind_double(s, 8, c->numerator);
	sqlite3_bind_double(s, 9, c->denominator);
	sqlite3_bind_int64(s, 10, import_id);
	return store_step_done(st, s, err, "storing an outcome value");
}

int
store_outcome_cells(struct store *st, const char *indicator, const char *area,
    struct outcome_cell **out, size_t *n, char **simd, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CELLS, err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*simd = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, indicator, 0);
	store_bind_text(s, 2, area, 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct outcome_cell *c;

		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		c = &(*out)[(*n)++];
		c->indicator = store_col_text(s, 0);
		c->area_code = store_col_text(s, 1);
		c->area_name = store_col_text(s, 2);
		c->period = store_col_text(s, 3);
		c->ngroups = sqlite3_column_int(s, 4);
		c->grp = sqlite3_column_int(s, 5);
		c->grp_given = sqlite3_column_int(s, 6);
		c->numerator = sqlite3_column_double(s, 7);
		c->denominator = sqlite3_column_double(s, 8);
		if (*simd == NULL)
			*simd = store_col_text(s, 9);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "loading outcome values");
}

void
store_outcome_area_names(struct store *st, const char *indicator, char *buf, size_t bufsz)
{
	sqlite3_stmt *s = store_stmt(st, SQL_AREAS, NULL);
	size_t used = 0;

	if (bufsz == 0)
		return;
	buf[0] = '\0';
	if (s == NULL)
		return;
	store_bind_text(s, 1, indicator, 0);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		size_t len = name ? strlen(name) : 0;

		if (used + len + 3 >= bufsz)
			break;
		if (used > 0) {
			memcpy(buf + used, ", ", 2);
			used += 2;
		}
		memcpy(buf + used, name, len);
		used += len;
		buf[used] = '\0';
	}
	sqlite3_reset(s);
}

int
store_outcome_area_codes(struct store *st, const char *indicator, char ***out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_AREA_CODES, err);

	if (s != NULL)
		store_bind_text(s, 1, indicator, 0);
	return store_rows(st, s, &store_text_rows, out, n, err, "listing outcome areas");
}
