/* Frameworks, their scales, key questions and indicators. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_FW_EXISTS[] = "SELECT 1 FROM framework WHERE code = ?1";
static const char SQL_FW_INSERT[] =
    "INSERT INTO framework (code, title, programme, note, scale_code, scale_name, builtin) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_LEVEL_INSERT[] =
    "INSERT INTO scale_level (framework_id, value, label, short_desc, description) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_KQ_INSERT[] =
    "INSERT INTO key_question (framework_id, position, code, title) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_QI_INSERT[] =
    "INSERT INTO quality_indicator (framework_id, position, code, title, kq_code, evaluated, "
    "uncertain, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_FW_GET[] =
    "SELECT id, code, title, programme, note, scale_code, scale_name FROM framework "
    "WHERE code = ?1";
static const char SQL_LEVEL_LIST[] =
    "SELECT value, label, short_desc, description FROM scale_level WHERE framework_id = ?1 "
    "ORDER BY value DESC";
static const char SQL_KQ_LIST[] =
    "SELECT code, title FROM key_question WHERE framework_id = ?1 ORDER BY position";
static const char SQL_QI_LIST[] =
    "SELECT code, title, kq_code, evaluated, uncertain, note FROM quality_indicator "
    "WHERE framework_id = ?1 ORDER BY position";
static const char SQL_FW_LIST[] =
    "SELECT f.code, f.title, f.programme, f.scale_name, f.builtin, "
    "(SELECT COUNT(*) FROM scale_level l WHERE l.framework_id = f.id), "
    "(SELECT COUNT(*) FROM quality_indicator q WHERE q.framework_id = f.id), "
    "(SELECT COUNT(*) FROM quality_indicator q WHERE q.framework_id = f.id AND q.evaluated = 1) "
    "FROM framework f ORDER BY f.code";
static const char SQL_FW_CODES[] = "SELECT code FROM framework ORDER BY code";

bool
store_framework_exists(struct store *st, const char *code)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FW_EXISTS, NULL);

	if (s == NULL)
		return false;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	/* A failure reads as false here (the signature has no err); callers
	 * refuse on false, and a write after it fails the same way. */
	if (store_step_one(st, s, NULL, "a framework") != STORE_ROW)
		return false;
	sqlite3_reset(s);
	return true;
}

int
store_framework_insert(struct store *st, const struct framework *f, bool builtin,
    struct cairn_err *err)
{
	sqlite3_stmt *s;
	sqlite3_int64 id;

	if ((s = store_stmt(st, SQL_FW_INSERT, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, f->code, 0);
	store_bind_text(s, 2, f->title, 0);
	store_bind_text(s, 3, f->programme, 0);
	store_bind_text(s, 4, f->note, 1);
	store_bind_text(s, 5, f->scale.code, 0);
	store_bind_text(s, 6, f->scale.name, 0);
	sqlite3_bind_int(s, 7, builtin);
	if (store_step_done(st, s, err, "storing a framework") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < f->scale.nlevels; i++) {
		const struct scale_level *l = &f->scale.levels[i];

		if ((s = store_stmt(st, SQL_LEVEL_INSERT, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int(s, 2, l->value);
		store_bind_text(s, 3, l->label, 0);
		store_bind_text(s, 4, l->short_desc, 0);
		store_bind_text(s, 5, l->description, 0);
		if (store_step_done(st, s, err, "storing a scale level") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	for (size_t i = 0; i < f->nkqs; i++) {
		if ((s = store_stmt(st, SQL_KQ_INSERT, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		store_bind_text(s, 3, f->kqs[i].code, 0);
		store_bind_text(s, 4, f->kqs[i].title, 0);
		if (store_step_done(st, s, err, "storing a key question") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	for (size_t i = 0; i < f->nqis; i++) {
		const struct qi *q = &f->qis[i];

		if ((s = store_stmt(st, SQL_QI_INSERT, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		store_bind_text(s, 3, q->code, 0);
		store_bind_text(s, 4, q->title, 0);
		store_bind_text(s, 5, q->kq, 0);
		sqlite3_bind_int(s, 6, q->evaluated);
		sqlite3_bind_int(s, 7, q->uncertain);
		store_bind_text(s, 8, q->note, 1);
		if (store_step_done(st, s, err, "storing a quality indicator") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

void
store_framework_codes(struct store *st, char *buf, size_t bufsz)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FW_CODES, NULL);
	size_t len = 0;

	if (bufsz == 0)
		return;
	buf[0] = '\0';
	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(s, 0);
		int n = snprintf(buf + len, bufsz - len, "%s%s", len ? ", " : "", c);

		if (n < 0 || (size_t)n >= bufsz - len)
			break;
		len += (size_t)n;
	}
	sqlite3_reset(s);
}

int
store_framework_load(struct store *st, const char *code, struct framework *f, struct cairn_err *err)
{
	sqlite3_stmt *s;
	sqlite3_int64 id;
	size_t cap;
	int step;

	memset(f, 0, sizeof(*f));
	if ((s = store_stmt(st, SQL_FW_GET, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	if ((step = store_step_one(st, s, err, "a framework")) != STORE_ROW) {
		char codes[512];

		if (step != STORE_NONE)
			return step;
		store_framework_codes(st, codes, sizeof(codes));
		return cairn_errf(err, CAIRN_EDATA, "unknown framework '%s'; valid: %s", code,
		    codes);
	}
	id = sqlite3_column_int64(s, 0);
	f->id = (long)id;
	f->code = store_col_text(s, 1);
	f->title = store_col_text(s, 2);
	f->programme = store_col_text(s, 3);
	f->note = store_col_text(s, 4);
	f->scale.code = store_col_text(s, 5);
	f->scale.name = store_col_text(s, 6);
	sqlite3_reset(s);

	if ((s = store_stmt(st, SQL_LEVEL_LIST, err)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	cap = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct scale_level *l;

		if (f->scale.nlevels == cap) {
			cap = cap ? cap * 2 : 8;
			f->scale.levels = xreallocarray(f->scale.levels, cap, sizeof(*l));
		}
		l = &f->scale.levels[f->scale.nlevels++];
		l->value = sqlite3_column_int(s, 0);
		l->label = store_col_text(s, 1);
		l->short_desc = store_col_text(s, 2);
		l->description = store_col_text(s, 3);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_fail(st, err, "reading a framework");

	if ((s = store_stmt(st, SQL_KQ_LIST, err)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	cap = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (f->nkqs == cap) {
			cap = cap ? cap * 2 : 8;
			f->kqs = xreallocarray(f->kqs, cap, sizeof(*f->kqs));
		}
		f->kqs[f->nkqs].code = store_col_text(s, 0);
		f->kqs[f->nkqs].title = store_col_text(s, 1);
		f->nkqs++;
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_fail(st, err, "reading a framework");

	if ((s = store_stmt(st, SQL_QI_LIST, err)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	cap = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct qi *q;

		if (f->nqis == cap) {
			cap = cap ? cap * 2 : 16;
			f->qis = xreallocarray(f->qis, cap, sizeof(*q));
		}
		q = &f->qis[f->nqis++];
		q->code = store_col_text(s, 0);
		q->title = store_col_text(s, 1);
		q->kq = store_col_text(s, 2);
		q->evaluated = sqlite3_column_int(s, 3) != 0;
		q->uncertain = sqlite3_column_int(s, 4) != 0;
		q->note = store_col_text(s, 5);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_fail(st, err, "reading a framework");
	if (f->scale.nlevels < 2) {
		framework_free(f);
		return cairn_errf(err, CAIRN_ESOFTWARE, "framework '%s' has no scale", code);
	}
	return CAIRN_OK;
fail:
	framework_free(f);
	return CAIRN_ESOFTWARE;
}

/* Reads a row of SQL_FW_LIST into a struct framework_summary. */
static void
read_framework_summary(sqlite3_stmt *s, void *row)
{
	struct framework_summary *fs = row;

	fs->code = store_col_text(s, 0);
	fs->title = store_col_text(s, 1);
	fs->programme = store_col_text(s, 2);
	fs->scale_name = store_col_text(s, 3);
	fs->builtin = sqlite3_column_int(s, 4) != 0;
	fs->nlevels = sqlite3_column_int(s, 5);
	fs->nqis = sqlite3_column_int(s, 6);
	fs->nevaluated = sqlite3_column_int(s, 7);
}

STORE_ROWTYPE(framework_summary_rows, struct framework_summary, read_framework_summary,
    framework_summaries_free);

int
store_framework_list(struct store *st, struct framework_summary **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FW_LIST, err);

	return store_rows(st, s, &framework_summary_rows, out, n, err, "reading the frameworks");
}
