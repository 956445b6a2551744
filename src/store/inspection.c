/* Inspections, their agencies and methods, evaluations and findings. */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_INSERT[] =
    "INSERT INTO inspection (partnership, title, framework_id, notified, fieldwork_from, "
    "fieldwork_to, published, context, confidence, confidence_text, created_at) "
    "SELECT ?1, ?2, f.id, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 FROM framework f WHERE f.code = ?3";
static const char SQL_UPDATE[] =
    "UPDATE inspection SET partnership = ?2, title = ?3, notified = ?4, fieldwork_from = ?5, "
    "fieldwork_to = ?6, published = ?7, context = ?8, confidence = ?9, confidence_text = ?10 "
    "WHERE id = ?1";
static const char SQL_GET[] =
    "SELECT i.id, i.partnership, i.title, f.code, i.notified, i.fieldwork_from, "
    "i.fieldwork_to, i.published, i.context, i.confidence, i.confidence_text "
    "FROM inspection i JOIN framework f ON f.id = i.framework_id WHERE i.id = ?1";
static const char SQL_EXISTS[] =
    "SELECT 1 FROM inspection i JOIN framework f ON f.id = i.framework_id WHERE i.id = ?1";
static const char SQL_LIST[] =
    "SELECT i.id, i.partnership, i.title, f.code, i.notified, i.fieldwork_from, "
    "i.fieldwork_to, i.published, i.context, i.confidence, i.confidence_text "
    "FROM inspection i JOIN framework f ON f.id = i.framework_id ORDER BY i.id";
static const char SQL_AGENCY_DEL[] = "DELETE FROM inspection_agency WHERE inspection_id = ?1";
static const char SQL_AGENCY_ADD[] =
    "INSERT INTO inspection_agency (inspection_id, position, name) VALUES (?1, ?2, ?3)";
static const char SQL_AGENCY_LIST[] =
    "SELECT name FROM inspection_agency WHERE inspection_id = ?1 ORDER BY position";
static const char SQL_METHOD_DEL[] = "DELETE FROM inspection_method WHERE inspection_id = ?1";
static const char SQL_METHOD_ADD[] =
    "INSERT INTO inspection_method (inspection_id, position, text) VALUES (?1, ?2, ?3)";
static const char SQL_METHOD_LIST[] =
    "SELECT text FROM inspection_method WHERE inspection_id = ?1 ORDER BY position";
static const char SQL_EVAL_DEL[] =
    "DELETE FROM evaluation WHERE inspection_id = ?1 AND qi_code = ?2";
static const char SQL_EVAL_ADD[] =
    "INSERT INTO evaluation (inspection_id, qi_code, grade, rationale, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_EVAL_LIST[] =
    "SELECT qi_code, grade, rationale FROM evaluation WHERE inspection_id = ?1";
static const char SQL_FINDING_ADD[] =
    "INSERT INTO finding (inspection_id, kind, text, created_at, position) "
    "SELECT ?1, ?2, ?3, ?4, COALESCE(MAX(position), 0) + 1 FROM finding WHERE inspection_id = ?1";
static const char SQL_FINDING_QI_ADD[] =
    "INSERT INTO finding_qi (finding_id, qi_code) VALUES (?1, ?2)";
static const char SQL_FINDING_LIST[] =
    "SELECT id, kind, text FROM finding WHERE inspection_id = ?1 ORDER BY position, id";
static const char SQL_FINDING_QI_LIST[] =
    "SELECT qi_code FROM finding_qi WHERE finding_id = ?1 ORDER BY qi_code";
static const char SQL_FINDING_UPDATE[] =
    "UPDATE finding SET kind = ?3, text = ?4 WHERE id = ?2 AND inspection_id = ?1";
static const char SQL_FINDING_DELETE[] = "DELETE FROM finding WHERE id = ?2 AND inspection_id = ?1";
static const char SQL_FINDING_POSITION[] =
    "UPDATE finding SET position = ?3 WHERE id = ?2 AND inspection_id = ?1";
static const char SQL_FINDING_QI_DEL[] = "DELETE FROM finding_qi WHERE finding_id = ?1";
static const char SQL_FINDING_EV_DEL[] = "DELETE FROM finding_evidence WHERE finding_id = ?1";
static const char SQL_FINDING_EV_ADD[] =
    "INSERT INTO finding_evidence (finding_id, evidence_number) VALUES (?1, ?2)";
static const char SQL_FINDING_EV_LIST[] =
    "SELECT fe.evidence_number, e.withdrawn_at IS NOT NULL FROM finding_evidence fe "
    "JOIN finding f ON f.id = fe.finding_id "
    "LEFT JOIN evidence e ON e.inspection_id = f.inspection_id AND e.number = fe.evidence_number "
    "WHERE fe.finding_id = ?1 ORDER BY fe.evidence_number";

/* Replaces the ordered list of strings stored for an inspection; sql_del and
 * sql_add are static SQL literals from the table above. */
static int
put_list(struct store *st, long id, const char *sql_del, const char *sql_add, char **v, size_t n,
    struct cairn_err *err)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, sql_del, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	if (store_step_done(st, s, err, "replacing a list") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	for (size_t i = 0; i < n; i++) {
		if ((s = store_stmt(st, sql_add, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		store_bind_text(s, 3, v[i], 0);
		if (store_step_done(st, s, err, "storing a list item") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

/* Loads an ordered list of strings stored for an inspection. */
static int
get_list(struct store *st, long id, const char *sql_list, char ***out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql_list, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, id);
	return store_rows(st, s, &store_text_rows, out, n, err, "reading an inspection's list");
}

/* Binds the fields shared by insert and update (positions 4 to 10). */
static void
bind_fields(sqlite3_stmt *s, const struct inspection *in)
{
	store_bind_text(s, 4, in->notified, 1);
	store_bind_text(s, 5, in->fieldwork_from, 1);
	store_bind_text(s, 6, in->fieldwork_to, 1);
	store_bind_text(s, 7, in->published, 1);
	store_bind_text(s, 8, in->context, 1);
	store_bind_text(s, 9,
	    in->confidence == CONFIDENCE_NONE ? NULL : confidence_table[in->confidence].code, 1);
	store_bind_text(s, 10, in->confidence_text, 1);
}

static int
put_lists(struct store *st, const struct inspection *in, struct cairn_err *err)
{
	if (put_list(st, in->id, SQL_AGENCY_DEL, SQL_AGENCY_ADD, in->agencies, in->nagencies,
	        err) != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	return put_list(st, in->id, SQL_METHOD_DEL, SQL_METHOD_ADD, in->methods, in->nmethods, err);
}

int
store_inspection_insert(struct store *st, struct inspection *in, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_INSERT, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	store_bind_text(s, 1, in->partnership, 0);
	store_bind_text(s, 2, in->title, 0);
	store_bind_text(s, 3, in->framework_code, 0);
	bind_fields(s, in);
	store_bind_text(s, 11, now, 0);
	if (store_step_done(st, s, err, "creating an inspection") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (sqlite3_changes(st->db) != 1)
		return cairn_errf(err, CAIRN_EDATA, "unknown framework '%s'", in->framework_code);
	in->id = (long)sqlite3_last_insert_rowid(st->db);
	return put_lists(st, in, err);
}

int
store_inspection_update(struct store *st, const struct inspection *in, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_UPDATE, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, in->id);
	store_bind_text(s, 2, in->partnership, 0);
	store_bind_text(s, 3, in->title, 0);
	bind_fields(s, in);
	if (store_step_done(st, s, err, "updating an inspection") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	return put_lists(st, in, err);
}

/* Reads one row of SQL_GET or SQL_LIST into a struct inspection (without
 * its lists). */
static void
read_inspection(sqlite3_stmt *s, void *row)
{
	struct inspection *in = row;
	char conf[32];

	in->id = (long)sqlite3_column_int64(s, 0);
	in->partnership = store_col_text(s, 1);
	in->title = store_col_text(s, 2);
	in->framework_code = store_col_text(s, 3);
	store_col_copy(s, 4, in->notified, sizeof(in->notified));
	store_col_copy(s, 5, in->fieldwork_from, sizeof(in->fieldwork_from));
	store_col_copy(s, 6, in->fieldwork_to, sizeof(in->fieldwork_to));
	store_col_copy(s, 7, in->published, sizeof(in->published));
	in->context = store_col_text(s, 8);
	store_col_copy(s, 9, conf, sizeof(conf));
	in->confidence = conf[0] ? confidence_parse(conf) : CONFIDENCE_NONE;
	in->confidence_text = store_col_text(s, 10);
}

STORE_ROWTYPE(inspection_rows, struct inspection, read_inspection, inspections_free);

static int
load_lists(struct store *st, struct inspection *in, struct cairn_err *err)
{
	if (get_list(st, in->id, SQL_AGENCY_LIST, &in->agencies, &in->nagencies, err) != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	return get_list(st, in->id, SQL_METHOD_LIST, &in->methods, &in->nmethods, err);
}

int
store_inspection_load(struct store *st, long id, struct inspection *in, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET, err);
	int rc;

	if (s != NULL)
		sqlite3_bind_int64(s, 1, id);
	if ((rc = store_row(st, s, &inspection_rows, in, err, "an inspection")) == STORE_NONE)
		return cairn_errf(err, CAIRN_EDATA,
		    "no inspection with id %ld; the list of inspections shows them", id);
	if (rc != CAIRN_OK)
		return rc;
	if (load_lists(st, in, err) != CAIRN_OK) {
		inspection_free(in);
		return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

int
store_inspection_exists(struct store *st, long id, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EXISTS, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_step_one(st, s, err, "an inspection")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_EDATA,
		    "no inspection with id %ld; the list of inspections shows them", id);
	}
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_inspection_list(struct store *st, struct inspection **out, size_t *n, struct cairn_err *err)
{
	if (store_rows(st, store_stmt(st, SQL_LIST, err), &inspection_rows, out, n, err,
	        "reading the inspections") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	for (size_t i = 0; i < *n; i++) {
		if (load_lists(st, &(*out)[i], err) != CAIRN_OK) {
			inspections_free(*out, *n);
			*out = NULL;
			*n = 0;
			return CAIRN_ESOFTWARE;
		}
	}
	return CAIRN_OK;
}

int
store_evaluation_set(struct store *st, long inspection, const char *qi, int grade,
    const char *rationale, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EVAL_DEL, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, qi, 0);
	if (store_step_done(st, s, err, "replacing a grade") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if ((s = store_stmt(st, SQL_EVAL_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, qi, 0);
	sqlite3_bind_int(s, 3, grade);
	store_bind_text(s, 4, rationale, 1);
	store_bind_text(s, 5, now, 0);
	return store_step_done(st, s, err, "storing a grade");
}

/* Reads a row of SQL_EVAL_LIST into a struct evaluation. */
static void
read_evaluation(sqlite3_stmt *s, void *row)
{
	struct evaluation *e = row;

	e->qi = store_col_text(s, 0);
	e->grade = sqlite3_column_int(s, 1);
	e->rationale = store_col_text(s, 2);
}

STORE_ROWTYPE(evaluation_rows, struct evaluation, read_evaluation, evaluations_free);

int
store_evaluation_list(struct store *st, long inspection, struct evaluation **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EVAL_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &evaluation_rows, out, n, err, "reading the evaluations");
}

/* Stores finding f's indicators and evidence numbers (after any old ones
 * were deleted). */
static int
finding_links(struct store *st, const struct finding *f, struct cairn_err *err)
{
	sqlite3_stmt *s;

	for (size_t i = 0; i < f->nqis; i++) {
		if ((s = store_stmt(st, SQL_FINDING_QI_ADD, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, f->id);
		store_bind_text(s, 2, f->qis[i], 0);
		if (store_step_done(st, s, err, "linking a finding to an indicator") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	for (size_t i = 0; i < f->nevidence; i++) {
		if ((s = store_stmt(st, SQL_FINDING_EV_ADD, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, f->id);
		sqlite3_bind_int64(s, 2, f->evidence[i]);
		if (store_step_done(st, s, err, "linking a finding to evidence") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

/* Deletes finding fid's indicator and evidence links. */
static int
finding_unlink(struct store *st, long fid, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FINDING_QI_DEL, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, fid);
	if (store_step_done(st, s, err, "unlinking a finding") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if ((s = store_stmt(st, SQL_FINDING_EV_DEL, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, fid);
	if (store_step_done(st, s, err, "unlinking a finding") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	return CAIRN_OK;
}

int
store_finding_update(struct store *st, long inspection, const struct finding *f,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FINDING_UPDATE, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, f->id);
	store_bind_text(s, 3, finding_kind_code[f->kind], 0);
	store_bind_text(s, 4, f->text, 0);
	if (store_step_done(st, s, err, "changing a finding") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (sqlite3_changes(st->db) == 0)
		return cairn_errf(err, CAIRN_EDATA, "inspection %ld has no finding %ld", inspection,
		    f->id);
	if ((rc = finding_unlink(st, f->id, err)) != CAIRN_OK)
		return rc;
	return finding_links(st, f, err);
}

int
store_finding_delete(struct store *st, long inspection, long fid, struct cairn_err *err)
{
	sqlite3_stmt *s;
	int rc = finding_unlink(st, fid, err);

	if (rc != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_FINDING_DELETE, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, fid);
	if (store_step_done(st, s, err, "removing a finding") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (sqlite3_changes(st->db) == 0)
		return cairn_errf(err, CAIRN_EDATA, "inspection %ld has no finding %ld", inspection,
		    fid);
	return CAIRN_OK;
}

int
store_finding_position(struct store *st, long inspection, long fid, long position,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FINDING_POSITION, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, fid);
	sqlite3_bind_int64(s, 3, position);
	if (store_step_done(st, s, err, "ordering the findings") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (sqlite3_changes(st->db) == 0)
		return cairn_errf(err, CAIRN_EDATA, "inspection %ld has no finding %ld", inspection,
		    fid);
	return CAIRN_OK;
}

int
store_finding_insert(struct store *st, long inspection, struct finding *f, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FINDING_ADD, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, finding_kind_code[f->kind], 0);
	store_bind_text(s, 3, f->text, 0);
	store_bind_text(s, 4, now, 0);
	if (store_step_done(st, s, err, "storing a finding") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	f->id = (long)sqlite3_last_insert_rowid(st->db);
	return finding_links(st, f, err);
}

/* Loads finding f's evidence numbers and, beside them, whether each was
 * withdrawn (both arrays malloc'd into f). */
static int
get_numbers(struct store *st, struct finding *f, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FINDING_EV_LIST, err);
	size_t cap = 0;
	int step;

	f->evidence = NULL;
	f->evidence_withdrawn = NULL;
	f->nevidence = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, f->id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (f->nevidence == cap) {
			cap = cap ? cap * 2 : 8;
			f->evidence = xreallocarray(f->evidence, cap, sizeof(long));
			f->evidence_withdrawn =
			    xreallocarray(f->evidence_withdrawn, cap, sizeof(bool));
		}
		f->evidence[f->nevidence] = (long)sqlite3_column_int64(s, 0);
		f->evidence_withdrawn[f->nevidence++] = sqlite3_column_int(s, 1) != 0;
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_fail(st, err, "reading a finding's evidence");
	return CAIRN_OK;
}

/* Reads a row of SQL_FINDING_LIST into a struct finding (without its
 * indicators and evidence). */
static void
read_finding(sqlite3_stmt *s, void *row)
{
	struct finding *f = row;
	char kind[32];

	f->id = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, kind, sizeof(kind));
	f->kind = finding_kind_parse(kind) == FINDING_IMPROVEMENT ? FINDING_IMPROVEMENT
	                                                          : FINDING_STRENGTH;
	f->text = store_col_text(s, 2);
}

STORE_ROWTYPE(finding_rows, struct finding, read_finding, findings_free);

int
store_finding_list(struct store *st, long inspection, struct finding **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FINDING_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	if (store_rows(st, s, &finding_rows, out, n, err, "reading the findings") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	for (size_t i = 0; i < *n; i++) {
		struct finding *f = &(*out)[i];

		if (get_list(st, f->id, SQL_FINDING_QI_LIST, &f->qis, &f->nqis, err) != CAIRN_OK ||
		    get_numbers(st, f, err) != CAIRN_OK) {
			findings_free(*out, *n);
			*out = NULL;
			*n = 0;
			return CAIRN_ESOFTWARE;
		}
	}
	return CAIRN_OK;
}
