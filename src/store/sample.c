/* The sample drawn for an inspection: see records.h. */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/records.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_EXISTS[] = "SELECT COUNT(*) FROM sample WHERE inspection_id = ?1";
static const char SQL_PUT[] =
    "INSERT INTO sample (inspection_id, size, seed, strata, min_per_stratum, reserve, "
    "double_read_pct, generator, population_size, population_checksum, drawn_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char SQL_STRATUM_ADD[] =
    "INSERT INTO sample_stratum (inspection_id, position, stratum_key, population, allocated) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_MEMBER_ADD[] =
    "INSERT INTO sample_member (inspection_id, ref, stratum, draw_order, reserve, double_read, "
    "status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_GET[] =
    "SELECT size, seed, strata, min_per_stratum, reserve, double_read_pct, generator, "
    "population_size, population_checksum, drawn_at FROM sample WHERE inspection_id = ?1";
static const char SQL_STRATA[] =
    "SELECT position, stratum_key, population, allocated FROM sample_stratum "
    "WHERE inspection_id = ?1 ORDER BY position";
static const char SQL_MEMBERS[] =
    "SELECT m.id, m.ref, m.stratum, m.draw_order, m.reserve, m.double_read, m.status, "
    "m.replace_reason, r.ref FROM sample_member m LEFT JOIN sample_member r "
    "ON r.id = m.replaced_by WHERE m.inspection_id = ?1 ORDER BY m.stratum, m.draw_order";
static const char SQL_MARK_REPLACED[] =
    "UPDATE sample_member SET status = 'replaced', replaced_by = ?2, replace_reason = ?3, "
    "double_read = 0 WHERE id = ?1 AND status = 'selected'";
static const char SQL_MARK_SELECTED[] =
    "UPDATE sample_member SET status = 'selected', double_read = ?2 "
    "WHERE id = ?1 AND status = 'reserve'";

/* Steps a bound write to completion. */
static int
done(struct store *st, sqlite3_stmt *s, struct cairn_err *err, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, what);
}

int
store_sample_exists(struct store *st, long insp, bool *exists, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EXISTS, err);
	int rc;

	*exists = false;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	if ((rc = store_step_one(st, s, err, "the inspection's sample")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_ESOFTWARE, "the count of samples is missing");
	}
	*exists = sqlite3_column_int64(s, 0) > 0;
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_sample_put(struct store *st, long insp, const struct sample_info *x, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PUT, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, x->size);
	store_bind_text(s, 3, x->seed, 0);
	store_bind_text(s, 4, x->strata, 0);
	sqlite3_bind_int64(s, 5, x->min_per_stratum);
	sqlite3_bind_int64(s, 6, x->reserve);
	sqlite3_bind_int64(s, 7, x->double_read_pct);
	store_bind_text(s, 8, x->generator, 0);
	sqlite3_bind_int64(s, 9, x->population_size);
	store_bind_text(s, 10, x->population_checksum, 0);
	store_bind_text(s, 11, now, 0);
	return done(st, s, err, "storing a sample");
}

int
store_sample_stratum_add(struct store *st, long insp, const struct sample_stratum *x,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STRATUM_ADD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, x->position);
	store_bind_text(s, 3, x->key, 0);
	sqlite3_bind_int64(s, 4, x->population);
	sqlite3_bind_int64(s, 5, x->allocated);
	return done(st, s, err, "storing a stratum");
}

int
store_sample_member_add(struct store *st, long insp, struct sample_member *m, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MEMBER_ADD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	store_bind_text(s, 2, m->ref, 0);
	sqlite3_bind_int64(s, 3, m->stratum);
	sqlite3_bind_int64(s, 4, m->draw_order);
	sqlite3_bind_int(s, 5, m->reserve);
	sqlite3_bind_int(s, 6, m->double_read);
	store_bind_text(s, 7, sample_status_code[m->status], 0);
	if (done(st, s, err, "storing a sample member") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	m->id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

int
store_sample_info(struct store *st, long insp, struct sample_info *out, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET, err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	if ((rc = store_step_one(st, s, err, "a sample")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld has no sample; draw one "
		    "first (its size, strata and seed)",
		    insp);
	}
	out->size = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, out->seed, sizeof(out->seed));
	out->strata = store_col_text(s, 2);
	out->min_per_stratum = (long)sqlite3_column_int64(s, 3);
	out->reserve = (long)sqlite3_column_int64(s, 4);
	out->double_read_pct = (long)sqlite3_column_int64(s, 5);
	out->generator = store_col_text(s, 6);
	out->population_size = (long)sqlite3_column_int64(s, 7);
	out->population_checksum = store_col_text(s, 8);
	store_col_copy(s, 9, out->drawn_at, sizeof(out->drawn_at));
	sqlite3_reset(s);
	return CAIRN_OK;
}

/* Reads a row of SQL_STRATA into a struct sample_stratum. */
static void
read_sample_stratum(sqlite3_stmt *s, void *row)
{
	struct sample_stratum *x = row;

	x->position = (long)sqlite3_column_int64(s, 0);
	x->key = store_col_text(s, 1);
	x->population = (long)sqlite3_column_int64(s, 2);
	x->allocated = (long)sqlite3_column_int64(s, 3);
}

STORE_ROWTYPE(sample_stratum_rows, struct sample_stratum, read_sample_stratum, sample_strata_free);

int
store_sample_strata(struct store *st, long insp, struct sample_stratum **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STRATA, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, insp);
	return store_rows(st, s, &sample_stratum_rows, out, n, err, "reading sample strata");
}

/* Reads a row of SQL_MEMBERS into a struct sample_member. */
static void
read_sample_member(sqlite3_stmt *s, void *row)
{
	struct sample_member *m = row;
	const char *status = (const char *)sqlite3_column_text(s, 6);

	m->id = (long)sqlite3_column_int64(s, 0);
	m->ref = store_col_text(s, 1);
	m->stratum = (long)sqlite3_column_int64(s, 2);
	m->draw_order = (long)sqlite3_column_int64(s, 3);
	m->reserve = sqlite3_column_int(s, 4) != 0;
	m->double_read = sqlite3_column_int(s, 5) != 0;
	m->status = SAMPLE_SELECTED;
	for (int k = 0; k < SAMPLE__MAX; k++)
		if (status != NULL && strcmp(status, sample_status_code[k]) == 0)
			m->status = (enum sample_status)k;
	m->replace_reason = store_col_text(s, 7);
	m->replaced_by = store_col_text(s, 8);
}

STORE_ROWTYPE(sample_member_rows, struct sample_member, read_sample_member, sample_members_free);

int
store_sample_members(struct store *st, long insp, struct sample_member **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MEMBERS, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, insp);
	return store_rows(st, s, &sample_member_rows, out, n, err, "reading sample members");
}

int
store_sample_replace(struct store *st, long id, long by_id, bool double_read, const char *reason,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MARK_REPLACED, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, by_id);
	store_bind_text(s, 3, reason, 0);
	if (done(st, s, err, "replacing a sample member") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if ((s = store_stmt(st, SQL_MARK_SELECTED, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, by_id);
	sqlite3_bind_int(s, 2, double_read);
	return done(st, s, err, "selecting a reserve");
}
