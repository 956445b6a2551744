/* Model packs: see model.h. */
#include "store/model.h"

#include <stdlib.h>

#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_MODEL_VERSION[] = "SELECT version FROM model_pack WHERE code = ?1";
static const char SQL_MODEL_INSERT[] =
    "INSERT INTO model_pack (code, version, title, builtin, manifest, loaded_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_MODEL_FILE_PUT[] =
    "INSERT INTO model_file (pack, name, body) VALUES (?1, ?2, ?3)";
static const char SQL_MODEL_LIST[] =
    "SELECT p.code, p.version, p.title, p.builtin, "
    "(SELECT COUNT(*) FROM inspection_model m WHERE m.pack = p.code) "
    "FROM model_pack p ORDER BY p.code";
static const char SQL_INSP_MODEL_SET[] =
    "INSERT INTO inspection_model (inspection_id, pack, version) VALUES (?1, ?2, ?3)";
static const char SQL_INSP_MODEL_GET[] =
    "SELECT pack, version FROM inspection_model WHERE inspection_id = ?1";

int
store_model_version(struct store *st, const char *code, char **version, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MODEL_VERSION, err);
	int rc;

	*version = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, code, 0);
	rc = store_step_one(st, s, err, "a model pack");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*version = store_col_text(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_model_insert(struct store *st, const struct pack_info *p, const char *manifest,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MODEL_INSERT, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	store_bind_text(s, 1, p->code, 0);
	store_bind_text(s, 2, p->version, 0);
	store_bind_text(s, 3, p->title, 0);
	sqlite3_bind_int(s, 4, p->builtin);
	store_bind_text(s, 5, manifest, 0);
	store_bind_text(s, 6, now, 0);
	return store_step_done(st, s, err, "storing a model pack");
}

int
store_model_file_put(struct store *st, const char *pack, const char *name, const char *body,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MODEL_FILE_PUT, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, pack, 0);
	store_bind_text(s, 2, name, 0);
	store_bind_text(s, 3, body, 0);
	return store_step_done(st, s, err, "storing a model pack's file");
}

/* Reads a row of SQL_MODEL_LIST into a struct pack_info. */
static void
read_pack_info(sqlite3_stmt *s, void *row)
{
	struct pack_info *p = row;

	p->code = store_col_text(s, 0);
	p->version = store_col_text(s, 1);
	p->title = store_col_text(s, 2);
	p->builtin = sqlite3_column_int(s, 3) != 0;
	p->inspections = sqlite3_column_int(s, 4);
}

STORE_ROWTYPE(pack_info_rows, struct pack_info, read_pack_info, pack_infos_free);

int
store_model_list(struct store *st, struct pack_info **out, size_t *n, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MODEL_LIST, err);

	return store_rows(st, s, &pack_info_rows, out, n, err, "reading the model packs");
}

int
store_inspection_model_set(struct store *st, long insp, const char *pack, const char *version,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_INSP_MODEL_SET, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	store_bind_text(s, 2, pack, 0);
	store_bind_text(s, 3, version, 0);
	return store_step_done(st, s, err, "recording an inspection's model pack");
}

int
store_inspection_model_get(struct store *st, long insp, char **pack, char **version,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_INSP_MODEL_GET, err);
	int rc;

	*pack = *version = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	rc = store_step_one(st, s, err, "an inspection's model pack");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*pack = store_col_text(s, 0);
	*version = store_col_text(s, 1);
	sqlite3_reset(s);
	return CAIRN_OK;
}

static const char SQL_MODEL_FILE_GET[] =
    "SELECT body FROM model_file WHERE pack = ?1 AND name = ?2";

int
store_model_file_get(struct store *st, const char *pack, const char *name, char **body,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MODEL_FILE_GET, err);
	int rc;

	*body = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_bind_text(s, 1, pack, 0);
	store_bind_text(s, 2, name, 0);
	rc = store_step_one(st, s, err, "a model pack's file");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*body = store_col_text(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}
