/* Publication settings and versions: see publication.h. */
#include "store/publication.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_SETTING_GET[] =
    "SELECT value FROM publication_setting WHERE name = ?2 AND inspection_id IN (?1, 0) "
    "ORDER BY inspection_id DESC";
static const char SQL_SETTING_DEL[] =
    "DELETE FROM publication_setting WHERE inspection_id = ?1 AND name = ?2";
static const char SQL_SETTING_ADD[] =
    "INSERT INTO publication_setting (inspection_id, name, value) VALUES (?1, ?2, ?3)";
static const char SQL_PUB_LIST[] =
    "SELECT id, inspection_id, version, published_at, actor, supersedes, reason "
    "FROM publication WHERE inspection_id = ?1 ORDER BY version";
static const char SQL_PUB_ADD[] =
    "INSERT INTO publication (inspection_id, version, published_at, actor, supersedes, reason) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_FILE_ADD[] =
    "INSERT INTO publication_file (publication_id, name, sha256, size, content) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_FILE_LIST[] =
    "SELECT name, sha256, content FROM publication_file WHERE publication_id = ?1 "
    "ORDER BY name";
static const char SQL_FILE_NAMES[] =
    "SELECT name, sha256, size FROM publication_file WHERE publication_id = ?1 "
    "ORDER BY name";

static const char SQL_SAMPLE_REFS[] = "SELECT ref FROM sample_member WHERE inspection_id = ?1";
static const char SQL_POPULATION_BLOCKS[] =
    "SELECT body FROM population_block WHERE inspection_id = ?1 ORDER BY position";

int
store_setting_get(struct store *st, long inspection, const char *name, char **out,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SETTING_GET, err);
	int rc;

	*out = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, name, 0);
	rc = store_step_one(st, s, err, "a publication setting");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*out = store_col_text(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_setting_set(struct store *st, long inspection, const char *name, const char *value,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SETTING_DEL, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, name, 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "changing a publication setting");
	if (value == NULL)
		return CAIRN_OK;
	if ((s = store_stmt(st, SQL_SETTING_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, name, 0);
	store_bind_text(s, 3, value, 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "changing a publication setting");
}

/* Reads a row of SQL_PUB_LIST into a struct publication. */
static void
read_publication(sqlite3_stmt *s, void *row)
{
	struct publication *p = row;

	p->id = (long)sqlite3_column_int64(s, 0);
	p->inspection = (long)sqlite3_column_int64(s, 1);
	p->version = (long)sqlite3_column_int64(s, 2);
	store_col_copy(s, 3, p->at, sizeof(p->at));
	p->actor = store_col_text(s, 4);
	p->supersedes = (long)sqlite3_column_int64(s, 5);
	p->reason = store_col_text(s, 6);
}

STORE_ROWTYPE(publication_rows, struct publication, read_publication, publications_free);

int
store_publication_list(struct store *st, long inspection, struct publication **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PUB_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &publication_rows, out, n, err, "listing published versions");
}

int
store_publication_insert(struct store *st, struct publication *p, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PUB_ADD, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, p->inspection);
	sqlite3_bind_int64(s, 2, p->version);
	store_bind_text(s, 3, p->at, 0);
	store_bind_text(s, 4, p->actor, 0);
	if (p->supersedes > 0)
		sqlite3_bind_int64(s, 5, p->supersedes);
	else
		sqlite3_bind_null(s, 5);
	store_bind_text(s, 6, p->reason, 1);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "recording a published version");
	p->id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

int
store_publication_file_add(struct store *st, long publication, const char *name, const char *sha256,
    const void *data, size_t len, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FILE_ADD, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, publication);
	store_bind_text(s, 2, name, 0);
	store_bind_text(s, 3, sha256, 0);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)len);
	sqlite3_bind_blob64(s, 5, len ? data : "", (sqlite3_uint64)len, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "storing a published file");
}

int
store_publication_files(struct store *st, long publication, bool contents,
    struct publication_file **out, size_t *n, struct cairn_err *err)
{
	sqlite3_stmt *s =
	    contents ? store_stmt(st, SQL_FILE_LIST, err) : store_stmt(st, SQL_FILE_NAMES, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, publication);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct publication_file *f;
		size_t len = contents ? (size_t)sqlite3_column_bytes(s, 2)
		                      : (size_t)sqlite3_column_int64(s, 2);

		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		f = &(*out)[(*n)++];
		f->name = store_col_text(s, 0);
		f->sha256 = store_col_text(s, 1);
		f->data = NULL;
		if (contents) {
			f->data = xmalloc(len ? len : 1);
			if (len)
				memcpy(f->data, sqlite3_column_blob(s, 2), len);
		}
		f->len = len;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		publication_files_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, err, "reading published files");
	}
	return CAIRN_OK;
}

/* Appends a malloc'd copy of n bytes of ref to the list. */
static void
ref_add(char ***out, size_t *n, const char *ref, size_t len)
{
	if (len == 0)
		return;
	*out = xreallocarray(*out, *n + 1, sizeof(**out));
	(*out)[(*n)++] = xstrndup(ref, len);
}

int
store_child_refs(struct store *st, long inspection, char ***out, size_t *n, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SAMPLE_REFS, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *ref = (const char *)sqlite3_column_text(s, 0);

		if (ref != NULL)
			ref_add(out, n, ref, strlen(ref));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE && (s = store_stmt(st, SQL_POPULATION_BLOCKS, err)) != NULL) {
		sqlite3_bind_int64(s, 1, inspection);
		/* Each line of a block is "ref<TAB>attributes". */
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *p = (const char *)sqlite3_column_text(s, 0);

			while (p != NULL && *p != '\0') {
				size_t len = strcspn(p, "\t\n");

				ref_add(out, n, p, len);
				p += len;
				p += strcspn(p, "\n");
				if (*p == '\n')
					p++;
			}
		}
		sqlite3_reset(s);
	} else if (s == NULL) {
		rc = SQLITE_ERROR;
	}
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *n; i++)
			free((*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, err, "reading children's references");
	}
	return CAIRN_OK;
}
