/*
 * The Quality and Consistency Panel: its view of each grade beside the
 * team's (the final grade is the panel's where they differ; both are
 * kept), its sign-off, which freezes the evaluations until a later change
 * to a grade, a rationale or linked evidence voids it, and the benchmark
 * of each grade against the same indicator elsewhere.
 */
#ifndef CAIRN_APP_PANEL_H
#define CAIRN_APP_PANEL_H

#include "app/audit.h"
#include "core/err.h"

struct store;

/*
 * Voids inspection id's standing sign-off, if there is one, recording
 * what changed (reason) in the sign-off and the audit log.  Call inside
 * the caller's transaction, with the change that voids it.
 */
int panel_void_signoff(struct store *st, const struct actor *who, long id, const char *reason,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
