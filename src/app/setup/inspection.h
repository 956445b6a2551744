/*
 * Inspections: creating them, grading indicators, recording findings and
 * the confidence statement.  The dossier every output is made from is
 * loaded by app/evaluation/dossier.h.  The rules (what is a valid grade, which indicators exist) live
 * here; cli/ and web/ only translate.
 */
#ifndef CAIRN_APP_INSPECTION_H
#define CAIRN_APP_INSPECTION_H

#include "core/err.h"
#include "app/access/audit.h"
#include "core/model.h"

struct store;

/* What a new inspection needs; strings are borrowed. */
struct inspection_new {
	const char *partnership; /* required */
	const char *framework;   /* framework code, required */
	const char *title;       /* optional; a default is made from the partnership */
	const char *notified;    /* optional YYYY-MM-DD */
	const char *fieldwork;   /* optional "YYYY-MM-DD..YYYY-MM-DD" */
	const char *published;   /* optional YYYY-MM-DD */
	const char *agencies;    /* optional comma-separated list */
	const char *methods;     /* optional ';'-separated list */
	const char *context;     /* optional Markdown */
};

/* Creates an inspection; sets *id.  Validates every field first. */
int app_inspection_create(struct store *st, const struct actor *who,
    const struct inspection_new *req, long *id, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Creates an inspection as app_inspection_create does and, in the same
 * transaction, puts lead (a person's name, or NULL for none) on its team
 * as the inspection lead; both changes are audited, or neither is made. */
int app_inspection_create_led(struct store *st, const struct actor *who,
    const struct inspection_new *req, const char *lead, long *id, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Changes fields of an existing inspection; NULL fields are left alone. */
int app_inspection_update(struct store *st, const struct actor *who, long id,
    const struct inspection_new *req, struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Grades one indicator.  grade is a level number or label in any case;
 * an indicator the framework lacks or a level the scale lacks is refused
 * with the valid choices.  evidence lists the numbers of the evidence the
 * grade rests on ("1,4"; NULL keeps the current links, "" clears them;
 * each must exist and inform qi).  The grade joins its history, and a
 * change to the grade, the rationale or the links voids a standing panel
 * sign-off (app/evaluation/evaluation.h).  Sets *value to the stored level if not NULL.
 */
int app_grade(struct store *st, const struct actor *who, long id, const char *qi, const char *grade,
    const char *rationale, const char *evidence, int *value, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Adds a strength or area for improvement; qis is a comma-separated list
 * of indicator codes or NULL.  Sets *finding_id if not NULL. */
int app_finding_add(struct store *st, const struct actor *who, long id, const char *kind,
    const char *text, const char *qis, long *finding_id, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* As app_finding_add, linking the finding to evidence too: evidence lists
 * numbers of the inspection's evidence log ("1,4"; NULL or "" for none),
 * each present and listed once.  The finding goes after the others. */
int app_finding_add_linked(struct store *st, const struct actor *who, long id, const char *kind,
    const char *text, const char *qis, const char *evidence, long *finding_id,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads inspection id's findings in the team's order (who must be able to
 * see the inspection). */
int app_finding_list(struct store *st, const struct actor *who, long id, struct finding **out,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

/* Replaces finding fid's kind, text, indicators and evidence (the same
 * rules as app_finding_add_linked; NULL qis or evidence clears them).  An
 * area for improvement with actions in the action plan keeps its kind. */
int app_finding_update(struct store *st, const struct actor *who, long id, long fid,
    const char *kind, const char *text, const char *qis, const char *evidence,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Removes finding fid; refused for an area for improvement with actions in
 * the action plan (they would be lost). */
int app_finding_remove(struct store *st, const struct actor *who, long id, long fid,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Moves finding fid one place up (delta -1) or down (+1) among the
 * findings of its kind; the action plan numbers its areas in this order. */
int app_finding_move(struct store *st, const struct actor *who, long id, long fid, int delta,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Sets the confidence statement: level is a confidence code. */
int app_confidence_set(struct store *st, const struct actor *who, long id, const char *level,
    const char *text, struct cairn_err *err) __attribute__((warn_unused_result));

/* Parses an inspection id given on a command line or in a URL. */
/*
 * The news release's stored text: the quote (the chief executive's, as a
 * rule), who is quoted ("NAME, ROLE"), and the published report's address
 * (https://...).  NULL leaves a field as it is, "" clears it; a quote
 * needs its attribution.  One transaction with its audit entry; needs
 * ACTION_PUBLISH.
 */
int app_release_text_set(struct store *st, const struct actor *who, long id, const char *quote,
    const char *quote_by, const char *report_url, struct cairn_err *err)
    __attribute__((warn_unused_result));
/*
 * Checks the release text's fields as app_release_text_set does, without
 * storing anything, so a form can show every error at once: fills errs (at
 * most max, each naming its field: quote, quote-by, report-url) and returns
 * how many there are.  A quote given with "" as its attribution is an
 * error of quote-by; whether a stored attribution is missing is known
 * only when it is applied.
 */
size_t app_release_text_check(const char *quote, const char *quote_by, const char *report_url,
    struct cairn_err *errs, size_t max);
/*
 * Checks and stores the release text within the caller's transaction,
 * with its audit entry (release.text); the caller has checked
 * ACTION_PUBLISH (app_publish_settings_set, the report settings page and
 * API, and app_release_text_set).  Same rules as app_release_text_set.
 */
int app_release_text_apply(struct store *st, const struct actor *who, long id, const char *quote,
    const char *quote_by, const char *report_url, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Reads them (each malloc'd or NULL); needs ACTION_VIEW_INSPECTION. */
int app_release_text_get(struct store *st, const struct actor *who, long id, char **quote,
    char **quote_by, char **report_url, struct cairn_err *err) __attribute__((warn_unused_result));
int app_parse_id(const char *text, long *id, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
