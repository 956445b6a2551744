/*
 * The panel's sign-off as the lower modules see it: a change to a grade,
 * its rationale or the evidence it rests on voids a standing sign-off.
 * The evidence log and the grades call this; signing off is the panel's
 * (app/publication/panel.h), which sits above the dossier.
 */
#ifndef CAIRN_APP_SIGNOFF_H
#define CAIRN_APP_SIGNOFF_H

#include "app/access/audit.h"
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
