/*
 * The tables of an inspection's working life (migration 003): the team,
 * stage moves, the evidence log with its files and history, the links
 * from grades to evidence, grade history, and the Quality and Consistency
 * Panel.  Declared apart from store.h so that the shared header stays
 * small; the same rules hold (SQL only in store/, every function returns
 * an enum cairn_rc and fills err on failure, writes run inside the
 * caller's transaction).
 */
#ifndef CAIRN_STORE_WORK_H
#define CAIRN_STORE_WORK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "store/store.h"

/* Returns the database file's path (owned by the store). */
const char *store_path(const struct store *st);

/* ---- team (store/team.c) ---- */

/* One member of an inspection's team. */
struct team_member {
	char *person;     /* person or account name; malloc'd */
	char *role;       /* role code (app/role.h), malloc'd */
	char *agency;     /* agency, malloc'd, may be NULL */
	char added_at[21];/* UTC time added */
	char *added_by;   /* who added them, malloc'd */
};
/* Frees an array of members and the array. */
void team_members_free(struct team_member *v, size_t n);

/* Adds a member; CAIRN_EDATA if the person is already on the team. */
int store_team_add(struct store *st, long inspection, const char *person, const char *role,
    const char *agency, const char *by, struct cairn_err *err) __attribute__((warn_unused_result));
/* Removes a member; sets *removed to whether a row was deleted. */
int store_team_remove(struct store *st, long inspection, const char *person, bool *removed,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Copies the person's role code into role (at least 32 bytes) or "" if
 * the person is not on the team. */
int store_team_role(struct store *st, long inspection, const char *person, char *role,
    size_t rolesz, struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists the team in the order members were added. */
int store_team_list(struct store *st, long inspection, struct team_member **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* ---- stages (store/team.c) ---- */

/* One stage move. */
struct stage_move {
	long id;            /* row id, increasing */
	char stage[48];     /* stage code */
	char moved_on[11];  /* the date given, YYYY-MM-DD */
	char *moved_by;     /* who moved it; malloc'd */
	char recorded_at[21];
};
/* Frees an array of moves and the array. */
void stage_moves_free(struct stage_move *v, size_t n);
/* Records a move. */
int store_stage_move(struct store *st, long inspection, const char *stage, const char *on,
    const char *by, struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists an inspection's moves, oldest first. */
int store_stage_list(struct store *st, long inspection, struct stage_move **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
