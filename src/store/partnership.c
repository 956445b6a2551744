/* The partnership's side of an inspection: see partnership.h. */
#include "store/partnership.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_CONTACT_SET[] =
    "INSERT INTO partnership_contact (inspection_id, kind, name, job, updated_by, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (inspection_id, kind) DO UPDATE SET "
    "name = excluded.name, job = excluded.job, updated_by = excluded.updated_by, "
    "updated_at = excluded.updated_at";
static const char SQL_CONTACT_LIST[] =
    "SELECT kind, name, job, updated_by, updated_at FROM partnership_contact "
    "WHERE inspection_id = ?1";
static const char SQL_NOTE_NEXT[] =
    "SELECT COALESCE(MAX(number), 0) + 1 FROM notification WHERE inspection_id = ?1";
static const char SQL_NOTE_ADD[] =
    "INSERT INTO notification (inspection_id, number, dated, body, sha256, created_by, "
    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_NOTE_LIST[] =
    "SELECT number, dated, body, sha256, created_by, created_at FROM notification "
    "WHERE inspection_id = ?1 ORDER BY number";
static const char SQL_NOTE_GET[] =
    "SELECT number, dated, body, sha256, created_by, created_at FROM notification "
    "WHERE inspection_id = ?1 AND number = ?2";
static const char SQL_RET_NEXT[] =
    "SELECT COALESCE(MAX(version), 0) + 1 FROM preret_return WHERE inspection_id = ?1";
static const char SQL_RET_ADD[] =
    "INSERT INTO preret_return (inspection_id, version, allowed, sha256, returned_by, "
    "returned_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_RET_SHEET_ADD[] =
    "INSERT INTO preret_sheet (return_id, sheet, nrows, body) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_RET_LATEST[] =
    "SELECT id, version, allowed, sha256, returned_by, returned_at FROM preret_return "
    "WHERE inspection_id = ?1 ORDER BY version DESC LIMIT 1";
static const char SQL_RET_SHEETS[] =
    "SELECT sheet, nrows, body FROM preret_sheet WHERE return_id = ?1 ORDER BY sheet";
static const char SQL_POS_NEXT[] =
    "SELECT COALESCE(MAX(version), 0) + 1 FROM position_statement WHERE inspection_id = ?1";
static const char SQL_POS_ADD[] =
    "INSERT INTO position_statement (inspection_id, version, words, sha256, submitted_by, "
    "submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_POS_SECTION_ADD[] =
    "INSERT INTO position_section (statement_id, code, body) VALUES (?1, ?2, ?3)";
static const char SQL_POS_LATEST[] =
    "SELECT id, version, words, sha256, submitted_by, submitted_at FROM position_statement "
    "WHERE inspection_id = ?1 ORDER BY version DESC LIMIT 1";
static const char SQL_POS_SECTIONS[] =
    "SELECT code, body FROM position_section WHERE statement_id = ?1 ORDER BY code";
static const char SQL_DOC_NEXT[] =
    "SELECT COALESCE(MAX(number), 0) + 1 FROM partnership_document WHERE inspection_id = ?1";
static const char SQL_DOC_ADD[] =
    "INSERT INTO partnership_document (inspection_id, number, title, created_by, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_DOC_ID[] =
    "SELECT id FROM partnership_document WHERE inspection_id = ?1 AND number = ?2";
static const char SQL_DOC_VNEXT[] =
    "SELECT COALESCE(MAX(version), 0) + 1 FROM partnership_document_version "
    "WHERE document_id = ?1";
static const char SQL_DOC_VADD[] =
    "INSERT INTO partnership_document_version (document_id, version, filename, size, sha256, "
    "body, uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_DOC_LIST[] =
    "SELECT d.id, d.number, d.title, v.version, v.filename, v.size, v.sha256, v.uploaded_by, "
    "v.uploaded_at FROM partnership_document d JOIN partnership_document_version v "
    "ON v.document_id = d.id WHERE d.inspection_id = ?1 AND v.version = "
    "(SELECT MAX(version) FROM partnership_document_version w WHERE w.document_id = d.id) "
    "ORDER BY d.number";
static const char SQL_DOC_BODY[] =
    "SELECT v.body, v.filename FROM partnership_document d JOIN partnership_document_version v "
    "ON v.document_id = d.id WHERE d.inspection_id = ?1 AND d.number = ?2 AND v.version = "
    "CASE WHEN ?3 > 0 THEN ?3 ELSE (SELECT MAX(version) FROM partnership_document_version w "
    "WHERE w.document_id = d.id) END";
static const char SQL_CLAIM_NEXT[] =
    "SELECT COALESCE(MAX(number), 0) + 1 FROM position_claim WHERE inspection_id = ?1";
static const char SQL_CLAIM_ADD[] =
    "INSERT INTO position_claim (inspection_id, number, section, body, created_by, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_CLAIM_DOC_ADD[] =
    "INSERT INTO claim_document (claim_id, document_id) VALUES (?1, ?2)";
static const char SQL_CLAIM_ID[] =
    "SELECT id FROM position_claim WHERE inspection_id = ?1 AND number = ?2";
static const char SQL_CLAIM_LIST[] =
    "SELECT id, number, section, body, created_by, created_at FROM position_claim "
    "WHERE inspection_id = ?1 ORDER BY number";
static const char SQL_CLAIM_DOCS[] =
    "SELECT d.number FROM claim_document c JOIN partnership_document d ON d.id = c.document_id "
    "WHERE c.claim_id = ?1 ORDER BY d.number";
static const char SQL_CLAIM_TESTS[] =
    "SELECT qi, verdict, evidence, note, tested_by, tested_at FROM claim_test "
    "WHERE claim_id = ?1 ORDER BY qi";
static const char SQL_CLAIM_TEST_SET[] =
    "INSERT INTO claim_test (claim_id, qi, verdict, evidence, note, tested_by, tested_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (claim_id, qi) DO UPDATE SET "
    "verdict = excluded.verdict, evidence = excluded.evidence, note = excluded.note, "
    "tested_by = excluded.tested_by, tested_at = excluded.tested_at";

/* Runs s, a "next number" statement (NULL: store_stmt failed), for key;
 * sets *next. */
static int
next_number(struct store *st, sqlite3_stmt *s, long key, long *next, struct cairn_err *err,
    const char *what)
{
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, key);
	rc = store_step_one(st, s, err, what);
	if (rc != STORE_ROW)
		return rc == STORE_NONE ? store_fail(st, err, what) : rc;
	*next = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

/* Looks up the row id of number with s, an id statement (NULL: store_stmt
 * failed). */
static int
row_id(struct store *st, sqlite3_stmt *s, long inspection, long number, long *id, const char *field,
    const char *what, struct cairn_err *err)
{
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, number);
	rc = store_step_one(st, s, err, what);
	if (rc == STORE_ROW) {
		*id = (long)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return CAIRN_OK;
	}
	if (rc != STORE_NONE)
		return rc;
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, field,
	    "inspection %ld has no %s %ld", inspection, what, number);
}

int
store_contact_set(struct store *st, long inspection, const struct partnership_contact *c,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CONTACT_SET, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, contact_kind_table[c->kind].code, 0);
	store_bind_text(s, 3, c->name, 0);
	store_bind_text(s, 4, c->job, 1);
	store_bind_text(s, 5, c->updated_by, 0);
	store_bind_text(s, 6, now, 0);
	return store_step_done(st, s, err, "recording a co-ordinator");
}

int
store_contact_list(struct store *st, long inspection, struct partnership_contact out[CONTACT__MAX],
    bool have[CONTACT__MAX], struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CONTACT_LIST, err);
	int rc;

	memset(out, 0, CONTACT__MAX * sizeof(*out));
	memset(have, 0, CONTACT__MAX * sizeof(*have));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char code[40];
		int k;

		store_col_copy(s, 0, code, sizeof(code));
		if ((k = contact_kind_parse(code)) < 0 || have[k])
			continue;
		have[k] = true;
		out[k].kind = (enum contact_kind)k;
		out[k].name = store_col_text(s, 1);
		out[k].job = store_col_text(s, 2);
		out[k].updated_by = store_col_text(s, 3);
		store_col_copy(s, 4, out[k].updated_at, sizeof(out[k].updated_at));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		for (int k = 0; k < CONTACT__MAX; k++)
			partnership_contact_free(&out[k]);
		memset(have, 0, CONTACT__MAX * sizeof(*have));
		return store_fail(st, err, "reading the co-ordinators");
	}
	return CAIRN_OK;
}

int
store_notification_insert(struct store *st, long inspection, struct notification *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = next_number(st, store_stmt(st, SQL_NOTE_NEXT, err), inspection, &n->number, err,
	         "the next notification number")) != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_NOTE_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(n->created_at);
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, n->number);
	store_bind_text(s, 3, n->dated, 0);
	store_bind_text(s, 4, n->body, 0);
	store_bind_text(s, 5, n->sha256, 0);
	store_bind_text(s, 6, n->created_by, 0);
	store_bind_text(s, 7, n->created_at, 0);
	return store_step_done(st, s, err, "storing the notification");
}

/* Reads a row of SQL_NOTE_LIST or SQL_NOTE_GET into a struct notification. */
static void
read_note(sqlite3_stmt *s, void *row)
{
	struct notification *n = row;

	n->number = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, n->dated, sizeof(n->dated));
	n->body = store_col_text(s, 2);
	store_col_copy(s, 3, n->sha256, sizeof(n->sha256));
	n->created_by = store_col_text(s, 4);
	store_col_copy(s, 5, n->created_at, sizeof(n->created_at));
}

STORE_ROWTYPE(note_rows, struct notification, read_note, notifications_free);

int
store_notification_list(struct store *st, long inspection, struct notification **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_NOTE_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &note_rows, out, n, err, "listing the notifications");
}

int
store_notification_get(struct store *st, long inspection, long number, struct notification *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_NOTE_GET, err);
	int rc;

	if (s != NULL) {
		sqlite3_bind_int64(s, 1, inspection);
		sqlite3_bind_int64(s, 2, number);
	}
	rc = store_row(st, s, &note_rows, n, err, "a notification");
	if (rc != STORE_NONE)
		return rc;
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "notification",
	    "inspection %ld has no notification %ld", inspection, number);
}

int
store_preret_insert(struct store *st, long inspection, struct preret_return *r,
    struct cairn_err *err)
{
	sqlite3_stmt *s;
	long id;
	int rc;

	if ((rc = next_number(st, store_stmt(st, SQL_RET_NEXT, err), inspection, &r->version, err,
	         "the next return version")) != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_RET_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(r->returned_at);
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, r->version);
	store_bind_text(s, 3, r->allowed, 1);
	store_bind_text(s, 4, r->sha256, 0);
	store_bind_text(s, 5, r->returned_by, 0);
	store_bind_text(s, 6, r->returned_at, 0);
	if ((rc = store_step_done(st, s, err, "storing the return")) != CAIRN_OK)
		return rc;
	id = (long)sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < r->nsheets; i++) {
		if ((s = store_stmt(st, SQL_RET_SHEET_ADD, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, r->sheets[i], 0);
		sqlite3_bind_int64(s, 3, r->rows[i]);
		store_bind_text(s, 4, r->bodies[i], 0);
		if ((rc = store_step_done(st, s, err, "storing a sheet of the return")) != CAIRN_OK)
			return rc;
	}
	return CAIRN_OK;
}

int
store_preret_latest(struct store *st, long inspection, struct preret_return *r,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RET_LATEST, err);
	size_t cap = 0;
	long id;
	int rc;

	memset(r, 0, sizeof(*r));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	rc = store_step_one(st, s, err, "the pre-inspection return");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	id = (long)sqlite3_column_int64(s, 0);
	r->version = (long)sqlite3_column_int64(s, 1);
	r->allowed = store_col_text(s, 2);
	store_col_copy(s, 3, r->sha256, sizeof(r->sha256));
	r->returned_by = store_col_text(s, 4);
	store_col_copy(s, 5, r->returned_at, sizeof(r->returned_at));
	sqlite3_reset(s);
	if ((s = store_stmt(st, SQL_RET_SHEETS, err)) == NULL) {
		preret_return_free(r);
		return CAIRN_ESOFTWARE;
	}
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (r->nsheets == cap) {
			cap = cap ? cap * 2 : 4;
			r->sheets = xreallocarray(r->sheets, cap, sizeof(*r->sheets));
			r->bodies = xreallocarray(r->bodies, cap, sizeof(*r->bodies));
			r->rows = xreallocarray(r->rows, cap, sizeof(*r->rows));
		}
		r->sheets[r->nsheets] = store_col_text(s, 0);
		r->rows[r->nsheets] = (long)sqlite3_column_int64(s, 1);
		r->bodies[r->nsheets] = store_col_text(s, 2);
		r->nsheets++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		preret_return_free(r);
		return store_fail(st, err, "reading the sheets of the return");
	}
	return CAIRN_OK;
}

int
store_position_insert(struct store *st, long inspection, struct position_statement *p,
    struct cairn_err *err)
{
	sqlite3_stmt *s;
	long id;
	int rc;

	if ((rc = next_number(st, store_stmt(st, SQL_POS_NEXT, err), inspection, &p->version, err,
	         "the next statement version")) != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_POS_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(p->submitted_at);
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, p->version);
	sqlite3_bind_int64(s, 3, p->words);
	store_bind_text(s, 4, p->sha256, 0);
	store_bind_text(s, 5, p->submitted_by, 0);
	store_bind_text(s, 6, p->submitted_at, 0);
	if ((rc = store_step_done(st, s, err, "storing the position statement")) != CAIRN_OK)
		return rc;
	id = (long)sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < p->n; i++) {
		if ((s = store_stmt(st, SQL_POS_SECTION_ADD, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, p->codes[i], 0);
		store_bind_text(s, 3, p->bodies[i], 0);
		if ((rc = store_step_done(st, s, err, "storing a section of the statement")) !=
		    CAIRN_OK)
			return rc;
	}
	return CAIRN_OK;
}

int
store_position_latest(struct store *st, long inspection, struct position_statement *p,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_POS_LATEST, err);
	size_t cap = 0;
	long id;
	int rc;

	memset(p, 0, sizeof(*p));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	rc = store_step_one(st, s, err, "the position statement");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	id = (long)sqlite3_column_int64(s, 0);
	p->version = (long)sqlite3_column_int64(s, 1);
	p->words = (long)sqlite3_column_int64(s, 2);
	store_col_copy(s, 3, p->sha256, sizeof(p->sha256));
	p->submitted_by = store_col_text(s, 4);
	store_col_copy(s, 5, p->submitted_at, sizeof(p->submitted_at));
	sqlite3_reset(s);
	if ((s = store_stmt(st, SQL_POS_SECTIONS, err)) == NULL) {
		position_statement_free(p);
		return CAIRN_ESOFTWARE;
	}
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (p->n == cap) {
			cap = cap ? cap * 2 : 8;
			p->codes = xreallocarray(p->codes, cap, sizeof(*p->codes));
			p->bodies = xreallocarray(p->bodies, cap, sizeof(*p->bodies));
		}
		p->codes[p->n] = store_col_text(s, 0);
		p->bodies[p->n] = store_col_text(s, 1);
		p->n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		position_statement_free(p);
		return store_fail(st, err, "reading the sections of the statement");
	}
	return CAIRN_OK;
}

int
store_document_insert(struct store *st, long inspection, const char *title, const char *by,
    long *number, long *id, struct cairn_err *err)
{
	sqlite3_stmt *s;
	char now[21];
	int rc;

	if ((rc = next_number(st, store_stmt(st, SQL_DOC_NEXT, err), inspection, number, err,
	         "the next document number")) != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_DOC_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, *number);
	store_bind_text(s, 3, title, 0);
	store_bind_text(s, 4, by, 0);
	store_bind_text(s, 5, now, 0);
	if ((rc = store_step_done(st, s, err, "storing a document")) != CAIRN_OK)
		return rc;
	*id = (long)sqlite3_last_insert_rowid(st->db);
	return CAIRN_OK;
}

int
store_document_id(struct store *st, long inspection, long number, long *id, struct cairn_err *err)
{
	return row_id(st, store_stmt(st, SQL_DOC_ID, err), inspection, number, id, "document",
	    "document", err);
}

int
store_document_version_add(struct store *st, long id, const char *filename, const char *data,
    size_t len, const char *sha256, const char *by, long *version, struct cairn_err *err)
{
	sqlite3_stmt *s;
	char now[21];
	int rc;

	if ((rc = next_number(st, store_stmt(st, SQL_DOC_VNEXT, err), id, version, err,
	         "the next document version")) != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_DOC_VADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, *version);
	store_bind_text(s, 3, filename, 0);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)len);
	store_bind_text(s, 5, sha256, 0);
	sqlite3_bind_blob64(s, 6, len > 0 ? data : "", (sqlite3_uint64)len, SQLITE_STATIC);
	store_bind_text(s, 7, by, 0);
	store_bind_text(s, 8, now, 0);
	return store_step_done(st, s, err, "storing a document version");
}

/* Reads a row of SQL_DOC_LIST into a struct partnership_document. */
static void
read_document(sqlite3_stmt *s, void *row)
{
	struct partnership_document *d = row;

	d->id = (long)sqlite3_column_int64(s, 0);
	d->number = (long)sqlite3_column_int64(s, 1);
	d->title = store_col_text(s, 2);
	d->version = (long)sqlite3_column_int64(s, 3);
	d->filename = store_col_text(s, 4);
	d->size = (long)sqlite3_column_int64(s, 5);
	store_col_copy(s, 6, d->sha256, sizeof(d->sha256));
	d->uploaded_by = store_col_text(s, 7);
	store_col_copy(s, 8, d->uploaded_at, sizeof(d->uploaded_at));
}

STORE_ROWTYPE(document_rows, struct partnership_document, read_document,
    partnership_documents_free);

int
store_document_list(struct store *st, long inspection, struct partnership_document **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_DOC_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &document_rows, out, n, err, "listing the documents");
}

int
store_document_body(struct store *st, long inspection, long number, long version, char **data,
    size_t *len, char **filename, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_DOC_BODY, err);
	int rc;

	*data = NULL;
	*len = 0;
	*filename = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, number);
	sqlite3_bind_int64(s, 3, version);
	rc = store_step_one(st, s, err, "a document");
	if (rc == STORE_ROW) {
		const void *p = sqlite3_column_blob(s, 0);
		size_t n = (size_t)sqlite3_column_bytes(s, 0);

		*data = xmalloc(n + 1);
		if (n > 0)
			memcpy(*data, p, n);
		(*data)[n] = '\0';
		*len = n;
		*filename = store_col_text(s, 1);
		sqlite3_reset(s);
		return CAIRN_OK;
	}
	if (rc != STORE_NONE)
		return rc;
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "document",
	    "inspection %ld has no document %ld%s", inspection, number,
	    version > 0 ? " in that version" : "");
}

int
store_claim_insert(struct store *st, long inspection, const char *section, const char *body,
    const long *docs, size_t ndocs, const char *by, long *number, struct cairn_err *err)
{
	sqlite3_stmt *s;
	char now[21];
	long id;
	int rc;

	if ((rc = next_number(st, store_stmt(st, SQL_CLAIM_NEXT, err), inspection, number, err,
	         "the next claim number")) != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_CLAIM_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, *number);
	store_bind_text(s, 3, section, 0);
	store_bind_text(s, 4, body, 0);
	store_bind_text(s, 5, by, 0);
	store_bind_text(s, 6, now, 0);
	if ((rc = store_step_done(st, s, err, "storing a claim")) != CAIRN_OK)
		return rc;
	id = (long)sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < ndocs; i++) {
		if ((s = store_stmt(st, SQL_CLAIM_DOC_ADD, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, docs[i]);
		if ((rc = store_step_done(st, s, err, "linking a claim to a document")) != CAIRN_OK)
			return rc;
	}
	return CAIRN_OK;
}

int
store_claim_id(struct store *st, long inspection, long number, long *id, struct cairn_err *err)
{
	return row_id(st, store_stmt(st, SQL_CLAIM_ID, err), inspection, number, id, "claim",
	    "claim", err);
}

/* Reads a row of SQL_CLAIM_TESTS into a struct claim_test. */
static void
read_test(sqlite3_stmt *s, void *row)
{
	struct claim_test *t = row;
	char code[24];
	int v;

	t->qi = store_col_text(s, 0);
	store_col_copy(s, 1, code, sizeof(code));
	v = code[0] != '\0' ? claim_verdict_parse(code) : VERDICT_UNTESTED;
	t->verdict = v < 0 ? VERDICT_UNTESTED : (enum claim_verdict)v;
	t->evidence = (long)sqlite3_column_int64(s, 2);
	t->note = store_col_text(s, 3);
	t->tested_by = store_col_text(s, 4);
	store_col_copy(s, 5, t->tested_at, sizeof(t->tested_at));
}

STORE_ROWTYPE(test_rows, struct claim_test, read_test, claim_tests_free);

/* Loads claim c's documents and tests. */
static int
claim_details(struct store *st, struct position_claim *c, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CLAIM_DOCS, err);
	int rc;

	if (s != NULL)
		sqlite3_bind_int64(s, 1, c->id);
	if ((rc = store_rows(st, s, &store_long_rows, &c->documents, &c->ndocuments, err,
	         "reading a claim's documents")) != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_CLAIM_TESTS, err)) != NULL)
		sqlite3_bind_int64(s, 1, c->id);
	return store_rows(st, s, &test_rows, &c->tests, &c->ntests, err, "reading a claim's tests");
}

/* Reads a row of SQL_CLAIM_LIST into a struct position_claim (without its
 * documents and tests). */
static void
read_claim(sqlite3_stmt *s, void *row)
{
	struct position_claim *c = row;

	c->id = (long)sqlite3_column_int64(s, 0);
	c->number = (long)sqlite3_column_int64(s, 1);
	c->section = store_col_text(s, 2);
	c->body = store_col_text(s, 3);
	c->created_by = store_col_text(s, 4);
	store_col_copy(s, 5, c->created_at, sizeof(c->created_at));
}

STORE_ROWTYPE(claim_rows, struct position_claim, read_claim, position_claims_free);

int
store_claim_list(struct store *st, long inspection, struct position_claim **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CLAIM_LIST, err);
	int rc;

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	if ((rc = store_rows(st, s, &claim_rows, out, n, err, "listing the claims")) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < *n; i++)
		if ((rc = claim_details(st, &(*out)[i], err)) != CAIRN_OK) {
			position_claims_free(*out, *n);
			*out = NULL;
			*n = 0;
			return rc;
		}
	return CAIRN_OK;
}

int
store_claim_test_set(struct store *st, long claim_id, const struct claim_test *t,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CLAIM_TEST_SET, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, claim_id);
	store_bind_text(s, 2, t->qi, 0);
	store_bind_text(s, 3,
	    t->verdict == VERDICT_UNTESTED ? NULL : claim_verdict_code[t->verdict], 1);
	if (t->evidence > 0)
		sqlite3_bind_int64(s, 4, t->evidence);
	else
		sqlite3_bind_null(s, 4);
	store_bind_text(s, 5, t->note, 1);
	store_bind_text(s, 6, t->tested_by, 0);
	store_bind_text(s, 7, now, 0);
	return store_step_done(st, s, err, "recording a claim's test");
}
