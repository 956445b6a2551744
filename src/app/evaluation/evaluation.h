/*
 * Evaluations traced to evidence: recording a grade with the evidence it
 * rests on and its history (the team's and the panel's).  Loading the
 * whole evaluation of an inspection as one view is the dossier's
 * (app/evaluation/dossier.h).
 */
#ifndef CAIRN_APP_EVALUATION_H
#define CAIRN_APP_EVALUATION_H

#include "app/access/audit.h"
#include "core/err.h"

struct store;

/*
 * Called by app_grade() inside its transaction, before the new grade is
 * stored: links the grade to the evidence listed in evidence (comma-
 * separated evidence numbers; NULL keeps the current links, "" clears
 * them), appends the grade to its history, and voids a standing panel
 * sign-off if the grade, the rationale or the links change.  Each linked
 * piece of evidence must exist and inform qi.  Sets *links_out to the
 * numbers linked (malloc'd text "1,4", or NULL) if not NULL.
 */
int evaluation_record(struct store *st, const struct actor *who, long id, const char *qi, int grade,
    const char *rationale, const char *evidence, char **links_out, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
