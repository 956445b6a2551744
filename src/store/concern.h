/*
 * Matters of concern and the steps each has made (migrations 2 and 19):
 * the concern, its kind and last step, and one row per step with who, when,
 * the date it happened and what was recorded.
 */
#ifndef CAIRN_STORE_CONCERN_H
#define CAIRN_STORE_CONCERN_H

#include <stddef.h>

#include "core/concern.h"
#include "core/err.h"

struct store;

/* One step to store; strings borrowed. */
struct concern_step_write {
	enum concern_step step;
	const char *actor;       /* who made it */
	const char *at;          /* when recorded, ISO 8601 UTC */
	const char *on;          /* the date it happened, YYYY-MM-DD */
	const char *text;        /* reasons, response or note; may be NULL */
	const char *officer;     /* may be NULL */
	const char *referral_on; /* may be NULL or "" */
};

/* Stores a new concern about sample member member_id, raised by actor on
 * date on (YYYY-MM-DD), with its "raised" step (caller's transaction);
 * sets *id. */
int store_concern_add(struct store *st, long member_id, enum concern_kind kind, const char *text,
    const char *actor, const char *on, long *id, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists inspection insp's concerns by number, without their steps (caller
 * frees with concerns_free). */
int store_concern_list(struct store *st, long insp, struct concern **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads concern id of inspection insp with its steps (caller frees with
 * concern_free); CAIRN_EDATA (field "concern", code unknown) if there is
 * none. */
int store_concern_get(struct store *st, long insp, long id, struct concern *c,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Records step ev of concern id, which must still stand at step from
 * (caller's transaction): the step row, the concern's step and date, and
 * for a close its closing fields.  CAIRN_EDATA (code conflict) if the
 * concern moved meanwhile. */
int store_concern_step(struct store *st, long id, enum concern_step from,
    const struct concern_step_write *ev, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
