/* The team and stage moves: see work.h. */
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/work.h"

static const char SQL_TEAM_FIND[] =
    "SELECT role FROM team_member WHERE inspection_id = ?1 AND person = ?2";
static const char SQL_TEAM_ADD[] =
    "INSERT INTO team_member (inspection_id, person, role, agency, added_at, added_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_TEAM_DEL[] =
    "DELETE FROM team_member WHERE inspection_id = ?1 AND person = ?2";
static const char SQL_TEAM_LIST[] =
    "SELECT person, role, agency, added_at, added_by FROM team_member "
    "WHERE inspection_id = ?1 ORDER BY added_at, person";
static const char SQL_STAGE_ADD[] =
    "INSERT INTO stage_move (inspection_id, stage, moved_on, moved_by, recorded_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_STAGE_LIST[] =
    "SELECT id, stage, moved_on, moved_by, recorded_at FROM stage_move "
    "WHERE inspection_id = ?1 ORDER BY id";

const char *
store_path(const struct store *st)
{
	return st->path;
}

int
store_team_role(struct store *st, long inspection, const char *person, char *role, size_t rolesz,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TEAM_FIND, err);
	int rc;

	role[0] = '\0';
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, person, 0);
	rc = store_step_one(st, s, err, "a team member's role");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	store_col_copy(s, 0, role, rolesz);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_team_add(struct store *st, long inspection, const char *person, const char *role,
    const char *agency, const char *by, struct cairn_err *err)
{
	sqlite3_stmt *s;
	char now[21], old[32];

	if (store_team_role(st, inspection, person, old, sizeof(old), err) != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	if (old[0] != '\0')
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "person",
		    "%s is already on the team of inspection %ld as %s; remove them first to "
		    "change the role",
		    person, inspection, old);
	if ((s = store_stmt(st, SQL_TEAM_ADD, err)) == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, person, 0);
	store_bind_text(s, 3, role, 0);
	store_bind_text(s, 4, agency, 1);
	store_bind_text(s, 5, now, 0);
	store_bind_text(s, 6, by, 0);
	return store_step_done(st, s, err, "adding a team member");
}

int
store_team_remove(struct store *st, long inspection, const char *person, bool *removed,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TEAM_DEL, err);

	*removed = false;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, person, 0);
	if (store_step_done(st, s, err, "removing a team member") != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	*removed = sqlite3_changes(st->db) > 0;
	return CAIRN_OK;
}

/* Reads a row of SQL_TEAM_LIST into a struct team_member. */
static void
read_team_member(sqlite3_stmt *s, void *row)
{
	struct team_member *m = row;

	m->person = store_col_text(s, 0);
	m->role = store_col_text(s, 1);
	m->agency = store_col_text(s, 2);
	store_col_copy(s, 3, m->added_at, sizeof(m->added_at));
	m->added_by = store_col_text(s, 4);
}

STORE_ROWTYPE(team_member_rows, struct team_member, read_team_member, team_members_free);

int
store_team_list(struct store *st, long inspection, struct team_member **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_TEAM_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &team_member_rows, out, n, err, "reading the team");
}

int
store_stage_move(struct store *st, long inspection, const char *stage, const char *on,
    const char *by, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STAGE_ADD, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, inspection);
	store_bind_text(s, 2, stage, 0);
	store_bind_text(s, 3, on, 0);
	store_bind_text(s, 4, by, 0);
	store_bind_text(s, 5, now, 0);
	return store_step_done(st, s, err, "recording a stage move");
}

/* Reads a row of SQL_STAGE_LIST into a struct stage_move. */
static void
read_stage_move(sqlite3_stmt *s, void *row)
{
	struct stage_move *m = row;

	m->id = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, m->stage, sizeof(m->stage));
	store_col_copy(s, 2, m->moved_on, sizeof(m->moved_on));
	m->moved_by = store_col_text(s, 3);
	store_col_copy(s, 4, m->recorded_at, sizeof(m->recorded_at));
}

STORE_ROWTYPE(stage_move_rows, struct stage_move, read_stage_move, stage_moves_free);

int
store_stage_list(struct store *st, long inspection, struct stage_move **out, size_t *n,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STAGE_LIST, err);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, inspection);
	return store_rows(st, s, &stage_move_rows, out, n, err, "reading the stages");
}
