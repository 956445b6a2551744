/* Retention of child-level data: see purge.h. */
#include "store/purge.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_RETENTION_GET[] =
    "SELECT days FROM retention_setting WHERE inspection_id IN (?1, 0) "
    "ORDER BY inspection_id DESC";
static const char SQL_RETENTION_DEL[] = "DELETE FROM retention_setting WHERE inspection_id = ?1";
static const char SQL_RETENTION_ADD[] =
    "INSERT INTO retention_setting (inspection_id, days) VALUES (?1, ?2)";
static const char SQL_PURGE_GET[] =
    "SELECT purged_at, actor, retention_days, population_rows, members, notes, attachments "
    "FROM purge WHERE inspection_id = ?1";
static const char SQL_PURGE_ADD[] =
    "INSERT INTO purge (inspection_id, purged_at, actor, retention_days, population_rows, "
    "members, notes, attachments) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/* Counting what would go. */
static const char SQL_COUNT_POPULATION[] =
    "SELECT COALESCE(SUM(nrows), 0) FROM population_block WHERE inspection_id = ?1";
static const char SQL_COUNT_MEMBERS[] =
    "SELECT COUNT(*) FROM sample_member WHERE inspection_id = ?1";
static const char SQL_COUNT_NOTES[] =
    "SELECT (SELECT COUNT(*) FROM reading_answer a JOIN reading r ON r.id = a.reading_id "
    "        JOIN sample_member m ON m.id = r.member_id "
    "        WHERE m.inspection_id = ?1 AND a.note IS NOT NULL AND a.note <> '') "
    "     + (SELECT COUNT(*) FROM resolution x JOIN sample_member m ON m.id = x.member_id "
    "        WHERE m.inspection_id = ?1 AND x.note <> '') "
    "     + (SELECT COUNT(*) FROM concern x JOIN sample_member m ON m.id = x.member_id "
    "        WHERE m.inspection_id = ?1) "
    "     + (SELECT COUNT(*) FROM sample_member WHERE inspection_id = ?1 "
    "        AND replace_reason IS NOT NULL) "
    "     + (SELECT COUNT(*) FROM survey_comment c JOIN survey v ON v.id = c.survey_id "
    "        WHERE v.inspection_id = ?1 AND v.kind = 'cyp' AND c.text <> 'purged') "
    "     + (SELECT COUNT(*) FROM evidence WHERE inspection_id = ?1 "
    "        AND withdrawn_reason IS NOT NULL AND withdrawn_reason <> 'purged')";
static const char SQL_COUNT_ATTACHMENTS[] =
    "SELECT COUNT(*) FROM evidence WHERE inspection_id = ?1 AND file_sha256 IS NOT NULL";

/* Removing it. */
static const char SQL_DEL_POPULATION[] = "DELETE FROM population_block WHERE inspection_id = ?1";
static const char SQL_DEL_POPULATION_CELLS[] =
    "DELETE FROM population_cell WHERE inspection_id = ?1";
/* The value codes (migration 24): one code per child, child-level too. */
static const char SQL_DEL_POPULATION_CODES[] =
    "DELETE FROM population_code WHERE inspection_id = ?1";
static const char SQL_MEMBER_REFS[] =
    "UPDATE sample_member SET ref = 'purged-' || CAST(id AS TEXT), "
    "replace_reason = CASE WHEN replace_reason IS NULL THEN NULL ELSE 'purged' END "
    "WHERE inspection_id = ?1";
static const char SQL_ANSWER_NOTES[] =
    "UPDATE reading_answer SET note = NULL WHERE note IS NOT NULL AND reading_id IN "
    "(SELECT r.id FROM reading r JOIN sample_member m ON m.id = r.member_id "
    " WHERE m.inspection_id = ?1)";
static const char SQL_ANSWER_CHANGE_REASONS[] =
    "UPDATE reading_answer_change SET reason = 'purged' WHERE reading_id IN "
    "(SELECT r.id FROM reading r JOIN sample_member m ON m.id = r.member_id "
    " WHERE m.inspection_id = ?1)";
static const char SQL_RESOLUTION_NOTES[] =
    "UPDATE resolution SET note = '' WHERE member_id IN "
    "(SELECT id FROM sample_member WHERE inspection_id = ?1)";
static const char SQL_ASSIGNMENT_REASONS[] =
    "UPDATE assignment_change SET reason = 'purged' WHERE member_id IN "
    "(SELECT id FROM sample_member WHERE inspection_id = ?1)";
static const char SQL_CONCERN_TEXT[] =
    "UPDATE concern SET text = 'purged', close_note = NULL WHERE member_id IN "
    "(SELECT id FROM sample_member WHERE inspection_id = ?1)";
/* The text of each step of a concern (reasons, what was passed on, the
 * partnership's response, the closing note) is child-level too. */
static const char SQL_CONCERN_STEP_TEXT[] =
    "UPDATE concern_step SET note = NULL WHERE note IS NOT NULL AND concern_id IN "
    "(SELECT c.id FROM concern c JOIN sample_member m ON m.id = c.member_id "
    " WHERE m.inspection_id = ?1)";
/* Surveys: every respondent's id is replaced (the answers stay, so the
 * results can still be computed); a children's survey loses its
 * respondents' attributes and its free-text comments. */
static const char SQL_SURVEY_IDS[] =
    "UPDATE survey_respondent SET ext_id = 'purged-' || CAST(id AS TEXT) "
    "WHERE survey_id IN (SELECT id FROM survey WHERE inspection_id = ?1)";
static const char SQL_SURVEY_ATTRIBUTES[] =
    "DELETE FROM survey_respondent_attribute WHERE respondent_id IN "
    "(SELECT r.id FROM survey_respondent r JOIN survey v ON v.id = r.survey_id "
    " WHERE v.inspection_id = ?1 AND v.kind = 'cyp')";
static const char SQL_SURVEY_COMMENTS[] =
    "UPDATE survey_comment SET text = 'purged' WHERE survey_id IN "
    "(SELECT id FROM survey WHERE inspection_id = ?1 AND kind = 'cyp')";
/* Why evidence was withdrawn or reinstated: the reason may name a child. */
static const char SQL_WITHDRAW_REASONS[] =
    "UPDATE evidence SET withdrawn_reason = 'purged' WHERE inspection_id = ?1 "
    "AND withdrawn_reason IS NOT NULL";
static const char SQL_WITHDRAW_HISTORY[] =
    "UPDATE evidence_history SET new_value = 'purged' WHERE field IN ('withdrawn', "
    "'reinstated') AND new_value IS NOT NULL AND evidence_id IN "
    "(SELECT id FROM evidence WHERE inspection_id = ?1)";
static const char SQL_ATTACHED[] =
    "SELECT DISTINCT file_sha256 FROM evidence WHERE inspection_id = ?1 "
    "AND file_sha256 IS NOT NULL ORDER BY file_sha256";
static const char SQL_DETACH[] = "UPDATE evidence SET file_sha256 = NULL, file_name = NULL "
                                 "WHERE inspection_id = ?1 AND file_sha256 IS NOT NULL";
static const char SQL_FILE_USERS[] = "SELECT COUNT(*) FROM evidence WHERE file_sha256 = ?1";
static const char SQL_FILE_DEL[] = "DELETE FROM evidence_file WHERE sha256 = ?1";

/* Leaving no deleted byte on disk: zero freed space, copy the WAL into the
 * database and truncate it, rebuild the file without free pages, truncate
 * the WAL the rebuild wrote. */
static const char SQL_SECURE_DELETE[] = "PRAGMA secure_delete = ON";
static const char SQL_CHECKPOINT[] = "PRAGMA wal_checkpoint(TRUNCATE)";
static const char SQL_VACUUM[] = "VACUUM";

/* Runs sql_lit (one of the static SQL_ literals above): a one-value count
 * bound to inspection (or to text when not NULL). */
static int
count_one(struct store *st, const char *sql_lit, long inspection, const char *text, long *out,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql_lit, err);
	int rc;

	*out = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	if (text != NULL)
		store_bind_text(s, 1, text, 0);
	else
		sqlite3_bind_int64(s, 1, inspection);
	rc = store_step_one(st, s, err, "the count of child-level data");
	if (rc == STORE_NONE) /* COUNT(*) always returns a row */
		return cairn_errf(err, CAIRN_ESOFTWARE, "the count of child-level data is missing");
	if (rc != STORE_ROW)
		return rc;
	*out = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return CAIRN_OK;
}

/* Runs sql_lit (one of the static SQL_ literals above): a write bound to
 * inspection (or to text when not NULL). */
static int
write_one(struct store *st, const char *sql_lit, long inspection, const char *text,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql_lit, err);

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	if (text != NULL)
		store_bind_text(s, 1, text, 0);
	else
		sqlite3_bind_int64(s, 1, inspection);
	return store_step_done(st, s, err, "removing child-level data");
}

int
store_retention_get(struct store *st, long inspection, long *days, bool *set, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RETENTION_GET, err);
	int rc;

	*set = false;
	*days = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	rc = store_step_one(st, s, err, "the retention period");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*days = (long)sqlite3_column_int64(s, 0);
	*set = true;
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_retention_set(struct store *st, long inspection, long days, struct cairn_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = write_one(st, SQL_RETENTION_DEL, inspection, NULL, err)) != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_RETENTION_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	sqlite3_bind_int64(s, 2, days);
	return store_step_done(st, s, err, "setting the retention period");
}

int
store_purge_get(struct store *st, long inspection, struct purge_record *rec, bool *found,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PURGE_GET, err);
	int rc;

	*found = false;
	memset(rec, 0, sizeof(*rec));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	rc = store_step_one(st, s, err, "the purge record");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*found = true;
	store_col_copy(s, 0, rec->at, sizeof(rec->at));
	store_col_copy(s, 1, rec->actor, sizeof(rec->actor));
	rec->retention_days = (long)sqlite3_column_int64(s, 2);
	rec->counts.population_rows = (long)sqlite3_column_int64(s, 3);
	rec->counts.members = (long)sqlite3_column_int64(s, 4);
	rec->counts.notes = (long)sqlite3_column_int64(s, 5);
	rec->counts.attachments = (long)sqlite3_column_int64(s, 6);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_purge_count(struct store *st, long inspection, struct purge_counts *c, struct cairn_err *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = count_one(st, SQL_COUNT_POPULATION, inspection, NULL, &c->population_rows,
	         err)) != CAIRN_OK ||
	    (rc = count_one(st, SQL_COUNT_MEMBERS, inspection, NULL, &c->members, err)) !=
	        CAIRN_OK ||
	    (rc = count_one(st, SQL_COUNT_NOTES, inspection, NULL, &c->notes, err)) != CAIRN_OK)
		return rc;
	return count_one(st, SQL_COUNT_ATTACHMENTS, inspection, NULL, &c->attachments, err);
}

/* Frees an array of strings and the array. */
static void
strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
store_purge_child_level(struct store *st, long inspection, const struct purge_record *rec,
    char ***orphans, size_t *norphans, struct cairn_err *err)
{
	static const char *const writes[] = { SQL_DEL_POPULATION, SQL_DEL_POPULATION_CELLS,
		SQL_DEL_POPULATION_CODES, SQL_MEMBER_REFS, SQL_ANSWER_NOTES,
		SQL_ANSWER_CHANGE_REASONS, SQL_RESOLUTION_NOTES, SQL_ASSIGNMENT_REASONS,
		SQL_CONCERN_TEXT, SQL_CONCERN_STEP_TEXT, SQL_SURVEY_IDS, SQL_SURVEY_ATTRIBUTES,
		SQL_SURVEY_COMMENTS, SQL_WITHDRAW_REASONS, SQL_WITHDRAW_HISTORY };
	char **files = NULL, **gone = NULL;
	size_t nfiles = 0, ngone = 0;
	sqlite3_stmt *s;
	int rc = CAIRN_OK, step;

	*orphans = NULL;
	*norphans = 0;
	/* The attached files, before they are detached. */
	if ((s = store_stmt(st, SQL_ATTACHED, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		files = xreallocarray(files, nfiles + 1, sizeof(*files));
		files[nfiles++] = store_col_text(s, 0);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		rc = store_fail(st, err, "listing attached files");
		goto out;
	}
	for (size_t i = 0; i < sizeof(writes) / sizeof(writes[0]); i++)
		if ((rc = write_one(st, writes[i], inspection, NULL, err)) != CAIRN_OK)
			goto out;
	if ((rc = write_one(st, SQL_DETACH, inspection, NULL, err)) != CAIRN_OK)
		goto out;
	for (size_t i = 0; i < nfiles; i++) {
		long users;

		if (files[i] == NULL)
			continue;
		if ((rc = count_one(st, SQL_FILE_USERS, 0, files[i], &users, err)) != CAIRN_OK)
			goto out;
		if (users > 0)
			continue; /* another inspection's evidence still holds it */
		if ((rc = write_one(st, SQL_FILE_DEL, 0, files[i], err)) != CAIRN_OK)
			goto out;
		gone = xreallocarray(gone, ngone + 1, sizeof(*gone));
		gone[ngone++] = files[i];
		files[i] = NULL;
	}
	if ((s = store_stmt(st, SQL_PURGE_ADD, err)) == NULL) {
		rc = CAIRN_ESOFTWARE;
		goto out;
	}
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, rec->at, 0);
	store_bind_text(s, 3, rec->actor, 0);
	sqlite3_bind_int64(s, 4, rec->retention_days);
	sqlite3_bind_int64(s, 5, rec->counts.population_rows);
	sqlite3_bind_int64(s, 6, rec->counts.members);
	sqlite3_bind_int64(s, 7, rec->counts.notes);
	sqlite3_bind_int64(s, 8, rec->counts.attachments);
	if ((rc = store_step_done(st, s, err, "recording the purge")) != CAIRN_OK)
		goto out;
	*orphans = gone;
	*norphans = ngone;
	gone = NULL;
	ngone = 0;
out:
	strings_free(files, nfiles);
	strings_free(gone, ngone);
	return rc;
}

/* Runs a checkpoint(TRUNCATE); fails when another connection's reading
 * kept it from completing (busy), since the WAL then still holds pages. */
static int
checkpoint(struct store *st, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_CHECKPOINT, err);
	int rc, busy;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	rc = store_step_one(st, s, err, "the checkpoint of the write-ahead log");
	if (rc == STORE_NONE)
		return cairn_errf(err, CAIRN_ESOFTWARE, "the checkpoint gave no result");
	if (rc != STORE_ROW)
		return rc;
	busy = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (busy != 0)
		return cairn_errf(err, CAIRN_EIO,
		    "the write-ahead log could not be emptied: another connection was reading; "
		    "the purged data is removed, but its bytes may remain until the next "
		    "checkpoint");
	return CAIRN_OK;
}

int
store_scrub(struct store *st, struct cairn_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, SQL_SECURE_DELETE, err)) == NULL)
		return CAIRN_ESOFTWARE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "setting secure delete");
	if ((rc = checkpoint(st, err)) != CAIRN_OK)
		return rc;
	if ((s = store_stmt(st, SQL_VACUUM, err)) == NULL)
		return CAIRN_ESOFTWARE;
	if ((rc = store_step_done(st, s, err, "rebuilding the database without free pages")) !=
	    CAIRN_OK)
		return rc;
	return checkpoint(st, err);
}
