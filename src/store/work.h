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
#include "core/work.h"
#include "store/store.h"

/* Returns the database file's path (owned by the store). */
const char *store_path(const struct store *st);

/* ---- team (store/team.c) ---- */

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

/* Records a move. */
int store_stage_move(struct store *st, long inspection, const char *stage, const char *on,
    const char *by, struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists an inspection's moves, oldest first. */
int store_stage_list(struct store *st, long inspection, struct stage_move **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* ---- the Quality and Consistency Panel, grade history, grade links
 * (store/panel.c) ---- */

/* Sets (inserts or replaces) the panel's grade for one indicator. */
int store_panel_review_set(struct store *st, long inspection, const char *qi, int grade,
    const char *reason, const char *reviewer, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Sets (inserts or replaces) the panel's decision on a progress review. */
int store_progress_need_put(struct store *st, long inspection, bool needed, const char *due,
    const char *focus, const char *actor, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads it; p->recorded is false if there is none. */
int store_progress_need_get(struct store *st, long inspection, struct progress_need *p,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists an inspection's panel reviews by indicator code. */
int store_panel_review_list(struct store *st, long inspection, struct panel_review **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

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

/* Lists the final grades of every inspection on framework except one. */
int store_benchmark_held(struct store *st, const char *framework, long except,
    struct held_grade **out, size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

/* ---- the evidence log (store/evidence.c) ---- */

/* Stores a new item with its indicators; sets e->id, e->number and the
 * times.  The file, if any, must be recorded first. */
int store_evidence_insert(struct store *st, long inspection, struct evidence_item *e,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Stores the changed fields and indicators of an existing item. */
int store_evidence_update(struct store *st, struct evidence_item *e, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores e's withdrawal (withdrawn_at, _by, _reason; all empty or NULL
 * for a reinstatement) and sets e->updated_at. */
int store_evidence_withdrawn(struct store *st, struct evidence_item *e, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads item number of an inspection; CAIRN_EDATA if there is none. */
int store_evidence_get(struct store *st, long inspection, long number, struct evidence_item *e,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists an inspection's evidence by number. */
int store_evidence_list(struct store *st, long inspection, struct evidence_item **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Counts an inspection's evidence matching f into *count. */
int store_evidence_count(struct store *st, long inspection, const struct evidence_filter *f,
    long *count, struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads up to limit items matching f, newest (highest number) first,
 * skipping the first offset; caller frees with evidence_items_free. */
int store_evidence_page(struct store *st, long inspection, const struct evidence_filter *f,
    long limit, long offset, struct evidence_item **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads up to limit items matching f with a number above after, oldest
 * (lowest number) first; caller frees with evidence_items_free. */
int store_evidence_after(struct store *st, long inspection, const struct evidence_filter *f,
    long after, long limit, struct evidence_item **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Calls fn(arg, source, status, n) for the evidence of an inspection that
 * informs indicator qi and is not withdrawn: once per item with n 1, in no
 * particular order, so fn sums.  Read through the indexes of migration 23
 * (only the two columns, no item is loaded); not grouped in SQL, whose
 * temporary B-tree cost twice the reading (issue 17).  The strings are
 * borrowed for the call only. */
int store_evidence_balance(struct store *st, long inspection, const char *qi,
    void (*fn)(void *arg, const char *source, const char *status, long n), void *arg,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Records a stored file's hash and size (once; a second call is a no-op). */
int store_evidence_file_record(struct store *st, const char *sha256, long size,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Appends a change to an item's history. */
int store_evidence_change_add(struct store *st, long evidence_id, const char *actor,
    const char *field, const char *old_value, const char *new_value, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists an item's history, oldest first. */
int store_evidence_change_list(struct store *st, long evidence_id, struct evidence_change **out,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
