/*
 * The panel's sign-off as the lower modules see it: a change to a grade,
 * its rationale or the evidence it rests on voids a standing sign-off.
 * The evidence log and the grades call this; signing off is the panel's
 * (app/publication/panel.h), which sits above the dossier.
 */
#ifndef CAIRN_APP_SIGNOFF_H
#define CAIRN_APP_SIGNOFF_H

#include <stdbool.h>

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

/* Where an inspection's panel sign-off stands, for publishing. */
struct signoff_status {
	bool required;        /* the programme has a panel: publishing needs its sign-off */
	bool standing;        /* a sign-off stands */
	bool voided;          /* the last sign-off was voided by a later change */
	char voided_on[11];   /* the date it was voided (YYYY-MM-DD), when voided */
	char voided_long[32]; /* the same as people write it ("2 March 2026") */
	char *void_reason;    /* what changed, malloc'd, when voided */
};
/* Releases a status's contents. */
void signoff_status_free(struct signoff_status *s);

/*
 * Fills *s for inspection id.  The programme has a panel when its stage
 * plan (the model pack's stages.json) makes a standing panel sign-off a
 * condition of the "published" stage.
 */
int app_signoff_status(struct store *st, long id, struct signoff_status *s, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
