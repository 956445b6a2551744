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
	char *person;      /* person or account name; malloc'd */
	char *role;        /* role code (app/access/role.h), malloc'd */
	char *agency;      /* agency, malloc'd, may be NULL */
	char added_at[21]; /* UTC time added */
	char *added_by;    /* who added them, malloc'd */
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
	long id;           /* row id, increasing */
	char stage[48];    /* stage code */
	char moved_on[11]; /* the date given, YYYY-MM-DD */
	char *moved_by;    /* who moved it; malloc'd */
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

/* ---- the Quality and Consistency Panel, grade history, grade links
 * (store/panel.c) ---- */

/* The panel's view of one grade. */
struct panel_review {
	char *qi;             /* indicator code, malloc'd */
	int grade;            /* the panel's grade (scale level value) */
	char *reason;         /* why, malloc'd */
	char *reviewer;       /* panel member, malloc'd */
	char reviewed_at[21]; /* UTC time */
};
/* Frees an array of reviews and the array. */
void panel_reviews_free(struct panel_review *v, size_t n);
/* Sets (inserts or replaces) the panel's grade for one indicator. */
int store_panel_review_set(struct store *st, long inspection, const char *qi, int grade,
    const char *reason, const char *reviewer, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists an inspection's panel reviews by indicator code. */
int store_panel_review_list(struct store *st, long inspection, struct panel_review **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* A panel sign-off; voided_at is "" while it stands. */
struct panel_signoff {
	long id;            /* row id, increasing */
	char *signed_by;    /* malloc'd */
	char signed_at[21]; /* UTC time */
	char voided_at[21]; /* UTC time it was voided, or "" */
	char *voided_by;    /* malloc'd, NULL while it stands */
	char *void_reason;  /* what changed, malloc'd, NULL while it stands */
};
/* Frees an array of sign-offs and the array. */
void panel_signoffs_free(struct panel_signoff *v, size_t n);
/* Records a sign-off. */
int store_signoff_add(struct store *st, long inspection, const char *by, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Voids the standing sign-off, if any; sets *voided to whether one was. */
int store_signoff_void(struct store *st, long inspection, const char *by, const char *reason,
    bool *voided, struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists an inspection's sign-offs, oldest first. */
int store_signoff_list(struct store *st, long inspection, struct panel_signoff **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Sets *standing to whether a sign-off stands (is not voided). */
int store_signoff_standing(struct store *st, long inspection, bool *standing, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* One entry of a grade's history. */
struct grade_event {
	long id;         /* row id, increasing */
	char *qi;        /* indicator, malloc'd */
	char kind[8];    /* "team" or "panel" */
	int grade;       /* the grade given */
	char *rationale; /* rationale or panel reason, malloc'd, may be NULL */
	char *evidence;  /* linked evidence numbers "1,4", malloc'd, may be NULL */
	char *actor;     /* who, malloc'd */
	char at[21];     /* UTC time */
};
/* Frees an array of grade events and the array. */
void grade_events_free(struct grade_event *v, size_t n);
/* Appends to a grade's history. */
int store_grade_event_add(struct store *st, long inspection, const char *qi, const char *kind,
    int grade, const char *rationale, const char *evidence, const char *actor,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists an inspection's grade history, oldest first. */
int store_grade_event_list(struct store *st, long inspection, struct grade_event **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Replaces the evidence linked to a grade: ids are evidence row ids. */
int store_grade_links_set(struct store *st, long inspection, const char *qi, const long *ids,
    size_t n, struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists the numbers (not row ids) of the evidence linked to a grade, in
 * number order, into a malloc'd array. */
int store_grade_links_list(struct store *st, long inspection, const char *qi, long **numbers,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

/* One final grade of an indicator in another inspection held. */
struct held_grade {
	long inspection;    /* its id */
	char *partnership;  /* malloc'd */
	char published[11]; /* its publication date, or "" */
	char *qi;           /* indicator code, malloc'd */
	int grade;          /* the final grade: the panel's where it reviewed */
};
/* Frees an array of held grades and the array. */
void held_grades_free(struct held_grade *v, size_t n);
/* Lists the final grades of every inspection on framework except one. */
int store_benchmark_held(struct store *st, const char *framework, long except,
    struct held_grade **out, size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

/* ---- the evidence log (store/evidence.c) ---- */

/* One piece of evidence. */
struct evidence_item {
	long id;              /* row id */
	long number;          /* number within the inspection, from 1 */
	char *source;         /* source code (app/evaluation/evidence.h), malloc'd */
	char *text;           /* what was found, malloc'd */
	char status[16];      /* status code */
	char *participants;   /* who took part, malloc'd, may be NULL */
	char gathered_on[11]; /* date gathered, or "" */
	char *recorded_by;    /* person who gathered it, malloc'd */
	bool young_inspector; /* gathered by a young inspector */
	char file_sha256[65]; /* attached file's hex SHA-256, or "" */
	char *file_name;      /* attached file's original name (metadata only), may be NULL */
	long file_size;       /* attached file's size in bytes, 0 if none */
	char created_at[21];  /* UTC time recorded */
	char updated_at[21];  /* UTC time last changed */
	char **qis;           /* indicator codes it informs, malloc'd */
	size_t nqis;
	bool linked; /* linked to at least one grade */
};
/* Releases one item's contents. */
void evidence_item_free(struct evidence_item *e);
/* Frees an array of items and the array. */
void evidence_items_free(struct evidence_item *v, size_t n);

/* Stores a new item with its indicators; sets e->id, e->number and the
 * times.  The file, if any, must be recorded first. */
int store_evidence_insert(struct store *st, long inspection, struct evidence_item *e,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Stores the changed fields and indicators of an existing item. */
int store_evidence_update(struct store *st, struct evidence_item *e, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads item number of an inspection; CAIRN_EDATA if there is none. */
int store_evidence_get(struct store *st, long inspection, long number, struct evidence_item *e,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists an inspection's evidence by number. */
int store_evidence_list(struct store *st, long inspection, struct evidence_item **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* What a page of the log is filtered by; each NULL for any (borrowed). */
struct evidence_filter {
	const char *qi;     /* an indicator code the item informs */
	const char *status; /* a status code */
	const char *source; /* a source code */
};
/* Counts an inspection's evidence matching f into *count. */
int store_evidence_count(struct store *st, long inspection, const struct evidence_filter *f,
    long *count, struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads up to limit items matching f, newest (highest number) first,
 * skipping the first offset; caller frees with evidence_items_free. */
int store_evidence_page(struct store *st, long inspection, const struct evidence_filter *f,
    long limit, long offset, struct evidence_item **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Records a stored file's hash and size (once; a second call is a no-op). */
int store_evidence_file_record(struct store *st, const char *sha256, long size,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* One change to a piece of evidence. */
struct evidence_change {
	char at[21];     /* UTC time */
	char *actor;     /* who, malloc'd */
	char *field;     /* which field ("created", "status", "text", ...), malloc'd */
	char *old_value; /* malloc'd, may be NULL */
	char *new_value; /* malloc'd, may be NULL */
};
/* Frees an array of changes and the array. */
void evidence_changes_free(struct evidence_change *v, size_t n);
/* Appends a change to an item's history. */
int store_evidence_change_add(struct store *st, long evidence_id, const char *actor,
    const char *field, const char *old_value, const char *new_value, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists an item's history, oldest first. */
int store_evidence_change_list(struct store *st, long evidence_id, struct evidence_change **out,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
