/* Surveys: see survey.h. */
#include "store/survey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_INSERT[] =
    "INSERT INTO survey (inspection_id, name, kind, scale_code, scale_name, invited, "
    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_SET_INVITED[] = "UPDATE survey SET invited = ?2 WHERE id = ?1";
static const char SQL_LEVEL_ADD[] =
    "INSERT INTO survey_level (survey_id, position, label, positive, dont_know) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_ALIAS_ADD[] =
    "INSERT INTO survey_level_alias (survey_id, position, alias) VALUES (?1, ?2, ?3)";
static const char SQL_STATEMENT_ADD[] =
    "INSERT INTO survey_statement (survey_id, position, code, text) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_STATEMENT_QI_ADD[] =
    "INSERT INTO survey_statement_qi (survey_id, position, qi_code) VALUES (?1, ?2, ?3)";
static const char SQL_ATTRIBUTE_ADD[] =
    "INSERT INTO survey_attribute (survey_id, position, name) VALUES (?1, ?2, ?3)";
static const char SQL_FIND[] = "SELECT id FROM survey WHERE inspection_id = ?1 AND name = ?2";
static const char SQL_GET[] =
    "SELECT id, inspection_id, name, kind, scale_code, scale_name, invited, created_at, "
    "(SELECT COUNT(*) FROM survey_respondent r WHERE r.survey_id = survey.id), "
    "(SELECT COUNT(*) FROM survey_comment c WHERE c.survey_id = survey.id) "
    "FROM survey WHERE id = ?1";
static const char SQL_LIST[] = "SELECT id FROM survey WHERE inspection_id = ?1 ORDER BY name";
static const char SQL_NAMES[] = "SELECT name FROM survey WHERE inspection_id = ?1 ORDER BY name";
static const char SQL_LEVEL_LIST[] =
    "SELECT position, label, positive, dont_know FROM survey_level WHERE survey_id = ?1 "
    "ORDER BY position";
static const char SQL_ALIAS_LIST[] =
    "SELECT alias FROM survey_level_alias WHERE survey_id = ?1 AND position = ?2 "
    "ORDER BY alias";
static const char SQL_STATEMENT_LIST[] =
    "SELECT position, code, text FROM survey_statement WHERE survey_id = ?1 ORDER BY position";
static const char SQL_STATEMENT_QI_LIST[] =
    "SELECT qi_code FROM survey_statement_qi WHERE survey_id = ?1 AND position = ?2 "
    "ORDER BY qi_code";
static const char SQL_ATTRIBUTE_LIST[] =
    "SELECT name FROM survey_attribute WHERE survey_id = ?1 ORDER BY position";
static const char SQL_CLEAR[] = "DELETE FROM survey_respondent WHERE survey_id = ?1";
static const char SQL_CLEAR_COMMENTS[] = "DELETE FROM survey_comment WHERE survey_id = ?1";
static const char SQL_RESPONDENT_EXISTS[] =
    "SELECT 1 FROM survey_respondent WHERE survey_id = ?1 AND ext_id = ?2";
static const char SQL_RESPONDENT_ADD[] =
    "INSERT INTO survey_respondent (survey_id, ext_id) VALUES (?1, ?2)";
static const char SQL_RESPONDENT_ATTR_ADD[] =
    "INSERT INTO survey_respondent_attribute (respondent_id, position, value) "
    "VALUES (?1, ?2, ?3)";
static const char SQL_ANSWER_ADD[] =
    "INSERT INTO survey_answer (respondent_id, position, level) VALUES (?1, ?2, ?3)";
static const char SQL_COMMENT_ADD[] =
    "INSERT INTO survey_comment (survey_id, number, respondent_id, question, text) "
    "SELECT ?1, COALESCE(MAX(number), 0) + 1, ?2, ?3, ?4 FROM survey_comment "
    "WHERE survey_id = ?1";
static const char SQL_GROUPS[] =
    "SELECT COALESCE(a.value, ''), COUNT(*) FROM survey_respondent r "
    "LEFT JOIN survey_respondent_attribute a ON a.respondent_id = r.id AND a.position = ?2 "
    "WHERE r.survey_id = ?1 GROUP BY COALESCE(a.value, '') ORDER BY COALESCE(a.value, '')";
static const char SQL_TALLY[] =
    "SELECT s.position, s.level, COALESCE(a.value, ''), COUNT(*) FROM survey_answer s "
    "JOIN survey_respondent r ON r.id = s.respondent_id "
    "LEFT JOIN survey_respondent_attribute a ON a.respondent_id = r.id AND a.position = ?2 "
    "WHERE r.survey_id = ?1 GROUP BY s.position, s.level, COALESCE(a.value, '')";
static const char SQL_COMMENT_LIST[] =
    "SELECT c.id, c.number, r.ext_id, c.question, c.text, c.kind, c.tagged_at, "
    "(SELECT e.number FROM evidence e WHERE e.id = c.evidence_id) "
    "FROM survey_comment c JOIN survey_respondent r ON r.id = c.respondent_id "
    "WHERE c.survey_id = ?1 ORDER BY c.number";
static const char SQL_COMMENT_QI_LIST[] =
    "SELECT qi_code FROM survey_comment_qi WHERE comment_id = ?1 ORDER BY qi_code";
static const char SQL_COMMENT_ID[] =
    "SELECT id FROM survey_comment WHERE survey_id = ?1 AND number = ?2";
static const char SQL_COMMENT_TAG[] =
    "UPDATE survey_comment SET kind = ?2, tagged_at = ?3 WHERE id = ?1";
static const char SQL_COMMENT_LINK[] =
    "UPDATE survey_comment SET evidence_id = ?3 WHERE survey_id = ?1 AND number = ?2";
static const char SQL_COMMENT_QI_DEL[] = "DELETE FROM survey_comment_qi WHERE comment_id = ?1";
static const char SQL_COMMENT_QI_ADD[] =
    "INSERT INTO survey_comment_qi (comment_id, qi_code) VALUES (?1, ?2)";

/* Runs a write of (id, position, text) rows: one for each of v[0..n);
 * sql_write is a static SQL literal from the table above. */
static int
put_texts(struct store *st, const char *sql_write, long id, long position, char *const *v, size_t n,
    struct cairn_err *err)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s = store_stmt(st, sql_write, err);

		if (s == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, position);
		store_bind_text(s, 3, v[i], 0);
		if (store_step_done(st, s, err, "storing a survey") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

/* Stores the scale's levels and their aliases. */
static int
put_levels(struct store *st, const struct survey *sv, struct cairn_err *err)
{
	for (size_t i = 0; i < sv->scale.nlevels; i++) {
		const struct survey_level *l = &sv->scale.levels[i];
		sqlite3_stmt *s = store_stmt(st, SQL_LEVEL_ADD, err);

		if (s == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, sv->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		store_bind_text(s, 3, l->label, 0);
		sqlite3_bind_int(s, 4, l->positive);
		sqlite3_bind_int(s, 5, l->dont_know);
		if (store_step_done(st, s, err, "storing a survey's scale") != CAIRN_OK ||
		    put_texts(st, SQL_ALIAS_ADD, sv->id, (long)i, l->aliases, l->naliases, err))
			return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

/* Stores the statements with their indicators, and the attributes. */
static int
put_statements(struct store *st, const struct survey *sv, struct cairn_err *err)
{
	for (size_t i = 0; i < sv->nstatements; i++) {
		const struct survey_statement *t = &sv->statements[i];
		sqlite3_stmt *s = store_stmt(st, SQL_STATEMENT_ADD, err);

		if (s == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, sv->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		store_bind_text(s, 3, t->code, 0);
		store_bind_text(s, 4, t->text, 0);
		if (store_step_done(st, s, err, "storing a survey statement") != CAIRN_OK ||
		    put_texts(st, SQL_STATEMENT_QI_ADD, sv->id, (long)i, t->qis, t->nqis, err))
			return CAIRN_ESOFTWARE;
	}
	for (size_t i = 0; i < sv->nattributes; i++)
		if (put_texts(st, SQL_ATTRIBUTE_ADD, sv->id, (long)i, &sv->attributes[i], 1, err))
			return CAIRN_ESOFTWARE;
	return CAIRN_OK;
}

int
store_survey_insert(struct store *st, struct survey *sv, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_INSERT, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(sv->created_at);
	sqlite3_bind_int64(s, 1, sv->inspection);
	store_bind_text(s, 2, sv->name, 0);
	store_bind_text(s, 3, survey_kind_table[sv->kind].code, 0);
	store_bind_text(s, 4, sv->scale.code, 0);
	store_bind_text(s, 5, sv->scale.name, 0);
	if (sv->invited > 0)
		sqlite3_bind_int64(s, 6, sv->invited);
	else
		sqlite3_bind_null(s, 6);
	store_bind_text(s, 7, sv->created_at, 0);
	if (store_step_done(st, s, err, "creating a survey") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	sv->id = (long)sqlite3_last_insert_rowid(st->db);
	if (put_levels(st, sv, err) != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	return put_statements(st, sv, err);
}

int
store_survey_set_invited(struct store *st, long survey, long invited, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SET_INVITED, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	if (invited > 0)
		sqlite3_bind_int64(s, 2, invited);
	else
		sqlite3_bind_null(s, 2);
	return store_step_done(st, s, err, "recording the number invited");
}

long
store_survey_find(struct store *st, long inspection, const char *name)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FIND, NULL);
	long id;

	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, name, 0);
	/* A failure reads as 0 here (the signature has no err). */
	if (store_step_one(st, s, NULL, "a survey") != STORE_ROW)
		return 0;
	id = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return id;
}

/* Loads the strings of column 0 of a query bound to (id, position), or
 * to id alone when position is -1; sql_query is a static SQL literal. */
static int
get_texts(struct store *st, const char *sql_query, long id, long position, char ***out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql_query, err);
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	if (position >= 0)
		sqlite3_bind_int64(s, 2, position);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xreallocarray(*out, cap, sizeof(char *));
		}
		(*out)[(*n)++] = store_col_text(s, 0);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_fail(st, err, "reading a survey's texts");
	return CAIRN_OK;
}

/* Loads the scale levels of survey sv->id. */
static int
load_levels(struct store *st, struct survey *sv, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LEVEL_LIST, err);
	size_t cap = 0;
	int step;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, sv->id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct survey_level *l;

		if (sv->scale.nlevels == cap) {
			cap = cap ? cap * 2 : 8;
			sv->scale.levels = xreallocarray(sv->scale.levels, cap, sizeof(*l));
		}
		l = &sv->scale.levels[sv->scale.nlevels++];
		memset(l, 0, sizeof(*l));
		l->label = store_col_text(s, 1);
		l->positive = sqlite3_column_int(s, 2) != 0;
		l->dont_know = sqlite3_column_int(s, 3) != 0;
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_fail(st, err, "reading a survey's scale");
	for (size_t i = 0; i < sv->scale.nlevels; i++) {
		struct survey_level *l = &sv->scale.levels[i];

		if (get_texts(st, SQL_ALIAS_LIST, sv->id, (long)i, &l->aliases, &l->naliases, err))
			return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

/* Loads the statements (with indicators) and attributes of sv->id. */
static int
load_statements(struct store *st, struct survey *sv, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STATEMENT_LIST, err);
	size_t cap = 0;
	int step;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, sv->id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct survey_statement *t;

		if (sv->nstatements == cap) {
			cap = cap ? cap * 2 : 16;
			sv->statements = xreallocarray(sv->statements, cap, sizeof(*t));
		}
		t = &sv->statements[sv->nstatements++];
		memset(t, 0, sizeof(*t));
		t->code = store_col_text(s, 1);
		t->text = store_col_text(s, 2);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_fail(st, err, "reading a survey's statements");
	for (size_t i = 0; i < sv->nstatements; i++) {
		struct survey_statement *t = &sv->statements[i];

		if (get_texts(st, SQL_STATEMENT_QI_LIST, sv->id, (long)i, &t->qis, &t->nqis, err))
			return CAIRN_ESOFTWARE;
	}
	return get_texts(st, SQL_ATTRIBUTE_LIST, sv->id, -1, &sv->attributes, &sv->nattributes,
	    err);
}

int
store_survey_load(struct store *st, long id, struct survey *sv, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET, err);
	char kind[32];
	int rc;

	memset(sv, 0, sizeof(*sv));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_step_one(st, s, err, "a survey")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_EDATA, "no survey with id %ld", id);
	}
	sv->id = (long)sqlite3_column_int64(s, 0);
	sv->inspection = (long)sqlite3_column_int64(s, 1);
	sv->name = store_col_text(s, 2);
	store_col_copy(s, 3, kind, sizeof(kind));
	sv->kind =
	    survey_kind_parse(kind) >= 0 ? (enum survey_kind)survey_kind_parse(kind) : SURVEY_STAFF;
	sv->scale.code = store_col_text(s, 4);
	sv->scale.name = store_col_text(s, 5);
	sv->invited = (long)sqlite3_column_int64(s, 6);
	store_col_copy(s, 7, sv->created_at, sizeof(sv->created_at));
	sv->nrespondents = (long)sqlite3_column_int64(s, 8);
	sv->ncomments = (long)sqlite3_column_int64(s, 9);
	sqlite3_reset(s);
	if (load_levels(st, sv, err) != CAIRN_OK || load_statements(st, sv, err) != CAIRN_OK) {
		survey_free(sv);
		return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

int
store_survey_list(struct store *st, long inspection, struct survey **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LIST, err);
	long *ids = NULL;
	size_t nids = 0, cap = 0;
	int rc = CAIRN_OK;
	int step;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (nids == cap) {
			cap = cap ? cap * 2 : 8;
			ids = xreallocarray(ids, cap, sizeof(long));
		}
		ids[nids++] = (long)sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		free(ids);
		return store_fail(st, err, "reading the surveys");
	}
	*out = xcalloc(nids + 1, sizeof(**out));
	for (size_t i = 0; i < nids && rc == CAIRN_OK; i++)
		if ((rc = store_survey_load(st, ids[i], &(*out)[i], err)) == CAIRN_OK)
			*n = i + 1;
	free(ids);
	if (rc != CAIRN_OK) {
		surveys_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
store_survey_names(struct store *st, long inspection, char *out, size_t outsz)
{
	char **v = NULL;
	size_t n = 0, len = 0;

	if (outsz == 0)
		return;
	text_copy(out, outsz, "(none yet)");
	if (get_texts(st, SQL_NAMES, inspection, -1, &v, &n, NULL) != CAIRN_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(out + len, outsz - len, "%s%s", len ? ", " : "", v[i]);

		if (w < 0 || (size_t)w >= outsz - len)
			break;
		len += (size_t)w;
	}
	strv_free(v, n);
}

int
store_survey_attribute_add(struct store *st, long survey, long position, const char *name,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ATTRIBUTE_ADD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	sqlite3_bind_int64(s, 2, position);
	store_bind_text(s, 3, name, 0);
	return store_step_done(st, s, err, "storing a survey attribute");
}

int
store_survey_statement_add(struct store *st, long survey, long position, const char *code,
    const char *text, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STATEMENT_ADD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	sqlite3_bind_int64(s, 2, position);
	store_bind_text(s, 3, code, 0);
	store_bind_text(s, 4, text, 0);
	return store_step_done(st, s, err, "storing a survey statement");
}

int
store_survey_clear(struct store *st, long survey, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CLEAR_COMMENTS, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	if (store_step_done(st, s, err, "removing comments") != CAIRN_OK ||
	    (s = store_stmt(st, SQL_CLEAR, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	return store_step_done(st, s, err, "removing respondents");
}

bool
store_survey_respondent_exists(struct store *st, long survey, const char *ext_id)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RESPONDENT_EXISTS, NULL);

	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, survey);
	store_bind_text(s, 2, ext_id, 0);
	/* A failure reads as false here (the signature has no err). */
	if (store_step_one(st, s, NULL, "a survey respondent") != STORE_ROW)
		return false;
	sqlite3_reset(s);
	return true;
}

int
store_survey_respondent_add(struct store *st, long survey, const char *ext_id, char *const *attrs,
    size_t nattrs, const int *levels, size_t nlevels, long *respondent, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RESPONDENT_ADD, err);
	long rid;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	store_bind_text(s, 2, ext_id, 0);
	if (store_step_done(st, s, err, "storing a respondent") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	rid = (long)sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < nattrs; i++) {
		if (attrs[i] == NULL || attrs[i][0] == '\0')
			continue;
		if (put_texts(st, SQL_RESPONDENT_ATTR_ADD, rid, (long)i, &attrs[i], 1, err))
			return CAIRN_ESOFTWARE;
	}
	for (size_t i = 0; i < nlevels; i++) {
		if (levels[i] < 0)
			continue;
		if ((s = store_stmt(st, SQL_ANSWER_ADD, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, rid);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		sqlite3_bind_int(s, 3, levels[i]);
		if (store_step_done(st, s, err, "storing an answer") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	*respondent = rid;
	return CAIRN_OK;
}

int
store_survey_comment_add(struct store *st, long survey, long respondent, const char *question,
    const char *text, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_COMMENT_ADD, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	sqlite3_bind_int64(s, 2, respondent);
	store_bind_text(s, 3, question, 0);
	store_bind_text(s, 4, text, 0);
	return store_step_done(st, s, err, "storing a comment");
}

int
store_survey_groups(struct store *st, long survey, int attr, char ***names, long **respondents,
    size_t *n, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GROUPS, err);
	size_t cap = 0;
	int step;

	*names = NULL;
	*respondents = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	sqlite3_bind_int(s, 2, attr);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*names = xreallocarray(*names, cap, sizeof(char *));
			*respondents = xreallocarray(*respondents, cap, sizeof(long));
		}
		(*names)[*n] = store_col_text(s, 0);
		(*respondents)[(*n)++] = (long)sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "reading a survey's groups");
}

int
store_survey_tally(struct store *st, long survey, int attr,
    void (*fn)(int statement, int level, const char *group, long count, void *arg), void *arg,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TALLY, err);
	int step;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	sqlite3_bind_int(s, 2, attr);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *g = sqlite3_column_text(s, 2);

		fn(sqlite3_column_int(s, 0), sqlite3_column_int(s, 1),
		    g != NULL ? (const char *)g : "", (long)sqlite3_column_int64(s, 3), arg);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "reading a survey's tally");
}

int
store_survey_comment_list(struct store *st, long survey, struct survey_comment **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_COMMENT_LIST, err);
	long *ids = NULL;
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct survey_comment *c;
		char kind[32];

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, cap, sizeof(**out));
			ids = xreallocarray(ids, cap, sizeof(long));
		}
		ids[*n] = (long)sqlite3_column_int64(s, 0);
		c = &(*out)[(*n)++];
		memset(c, 0, sizeof(*c));
		c->number = (long)sqlite3_column_int64(s, 1);
		c->respondent = store_col_text(s, 2);
		c->question = store_col_text(s, 3);
		c->text = store_col_text(s, 4);
		store_col_copy(s, 5, kind, sizeof(kind));
		c->kind = kind[0] ? finding_kind_parse(kind) : -1;
		store_col_copy(s, 6, c->tagged_at, sizeof(c->tagged_at));
		c->evidence = (long)sqlite3_column_int64(s, 7);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		free(ids);
		return store_fail(st, err, "reading the survey comments");
	}
	for (size_t i = 0; i < *n; i++) {
		struct survey_comment *c = &(*out)[i];

		if (get_texts(st, SQL_COMMENT_QI_LIST, ids[i], -1, &c->qis, &c->nqis, err)) {
			survey_comments_free(*out, *n);
			free(ids);
			*out = NULL;
			*n = 0;
			return CAIRN_ESOFTWARE;
		}
	}
	free(ids);
	return CAIRN_OK;
}

int
store_survey_comment_tag(struct store *st, long survey, long number, const char *kind,
    char *const *qis, size_t nqis, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_COMMENT_ID, err);
	char now[21];
	long id = 0;
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	sqlite3_bind_int64(s, 2, number);
	rc = store_step_one(st, s, err, "a survey comment");
	if (rc == STORE_ROW) {
		id = (long)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	} else if (rc != STORE_NONE) {
		return rc;
	}
	if (id == 0)
		return cairn_errf(err, CAIRN_EDATA,
		    "the survey has no comment %ld; "
		    "the survey's comments list shows them",
		    number);
	if ((s = store_stmt(st, SQL_COMMENT_TAG, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, kind, 1);
	store_bind_text(s, 3, now, 0);
	if (store_step_done(st, s, err, "tagging a comment") != CAIRN_OK ||
	    (s = store_stmt(st, SQL_COMMENT_QI_DEL, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, id);
	if (store_step_done(st, s, err, "tagging a comment") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	for (size_t i = 0; i < nqis; i++) {
		if ((s = store_stmt(st, SQL_COMMENT_QI_ADD, err)) == NULL)
			return CAIRN_ESOFTWARE;
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, qis[i], 0);
		if (store_step_done(st, s, err, "tagging a comment") != CAIRN_OK)
			return CAIRN_ESOFTWARE;
	}
	return CAIRN_OK;
}

int
store_survey_comment_link(struct store *st, long survey, long number, long evidence_id,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_COMMENT_LINK, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, survey);
	sqlite3_bind_int64(s, 2, number);
	sqlite3_bind_int64(s, 3, evidence_id);
	return store_step_done(st, s, err, "linking a comment to evidence");
}
