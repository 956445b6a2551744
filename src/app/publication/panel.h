/*
 * The Quality and Consistency Panel: its view of each grade beside the
 * team's (the final grade is the panel's where they differ; both are
 * kept), its sign-off, which freezes the evaluations until a later change
 * to a grade, a rationale or linked evidence voids it, and the benchmark
 * of each grade against the same indicator elsewhere.
 */
#ifndef CAIRN_APP_PANEL_H
#define CAIRN_APP_PANEL_H

#include <stddef.h>

#include <jansson.h>

#include "app/access/audit.h"
#include "core/err.h"
#include "core/model.h"
#include "core/work.h"

struct store;

/*
 * Records the panel's grade for indicator qi of inspection id with its
 * reason, beside the team's grade (which must exist).  The panel's grade
 * becomes the final grade; the review joins the grade's history and voids
 * a standing sign-off.  Sets *value to the panel's level if not NULL.
 */
int app_panel_review(struct store *st, const struct actor *who, long id, const char *qi,
    const char *grade, const char *reason, int *value, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* How a review gives the panel's grade. */
enum panel_view {
	PANEL_VIEW_GRADE = 0, /* the grade given, whatever it is (app_panel_review) */
	PANEL_VIEW_AGREE,     /* the team's grade */
	PANEL_VIEW_QUERY,     /* a grade other than the team's, with a note */
	PANEL_VIEW__MAX
};
/* The views' names by enum panel_view ("grade", "agree", "query"). */
extern const char *const panel_view_name[PANEL_VIEW__MAX];

/*
 * Records the panel's view of indicator qi, the one rule behind the panel
 * page, the API and `cairn panel review --view`: view "agree" gives the
 * team's grade (any grade sent is ignored), with the note "The panel agrees
 * with the team's grade." when reason is NULL or blank; "query" needs a
 * grade other than the team's ("grade") and a reason ("reason").  Errors
 * name the field: "view" (missing or unknown), "grade", "reason"; the rest
 * as app_panel_review.
 */
/*
 * Checks a panel view's form without reading the store: the view is
 * "agree" or "query", and a query has a grade and a note (blank is none).
 * Fills errs[0..max) and returns how many problems there are, each naming
 * its field ("view", "grade", "reason"), so a form shows them all at once;
 * app_panel_view makes the same checks.
 */
size_t app_panel_view_check(const char *view, const char *grade, const char *reason,
    struct cairn_err *errs, size_t max);
int app_panel_view(struct store *st, const struct actor *who, long id, const char *qi,
    const char *view, const char *grade, const char *reason, int *value, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Where the panel stands on one graded indicator. */
enum panel_state {
	PANEL_NOT_REVIEWED = 0, /* no review yet */
	PANEL_AGREES,           /* it gave the team's grade */
	PANEL_QUERIED,          /* it gave another grade */
	PANEL_OUTDATED,         /* the team regraded after the review */
	PANEL_STATE__MAX
};

/*
 * Returns where the panel stands on indicator qi, from its review pr (NULL
 * if none), the team's grade now and the grade history ev (oldest first).
 * Agreeing and querying are judged against the team's grade when the
 * panel reviewed, never against a later one; sets *team_then (may be NULL)
 * to that grade.
 */
enum panel_state panel_state_of(const char *qi, int team_now, const struct panel_review *pr,
    const struct grade_event *ev, size_t nev, int *team_then);

/* Signs off inspection id's evaluations.  Refused while an evaluated
 * indicator is ungraded, while a graded indicator has no review by the
 * panel or was regraded by the team after it, or while a sign-off already
 * stands. */
int app_panel_signoff(struct store *st, const struct actor *who, long id, struct cairn_err *err)
    __attribute__((warn_unused_result));

/*
 * Records the panel's decision on whether a progress review is needed
 * (needed "yes" or "no"), and, when it is, by when (YYYY-MM-DD, not before
 * today) and on what (focus); replaces an earlier decision.  Needs
 * ACTION_PROGRESS_REVIEW_NEED; audited.  The report states it where the
 * pack's report has a "progress-review" section.
 */
int app_progress_need_set(struct store *st, const struct actor *who, long id, const char *needed,
    const char *due, const char *focus, struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads it once who may see the inspection; out->recorded is false if the
 * panel has recorded none (free with progress_need_free). */
int app_progress_need_get(struct store *st, const struct actor *who, long id,
    struct progress_need *out, struct cairn_err *err) __attribute__((warn_unused_result));
/* Returns the decision p of inspection id as JSON (new reference):
 * inspection, recorded, needed, due and focus (null when not needed),
 * recorded_by and recorded_at (null until recorded).  The same for the
 * command line and the API. */
json_t *progress_need_json(long id, const struct progress_need *p);

/* How one indicator's grade sits among the same indicator's grades
 * elsewhere. */
struct benchmark_item {
	const struct qi *qi; /* borrowed from the benchmark's framework */
	int grade;           /* this inspection's final grade, 0 if not graded */
	int *counts;   /* grades elsewhere per scale level (index as fw.scale.levels); malloc'd */
	int held;      /* grades from other inspections held */
	int published; /* grades from imported published results */
	int below;     /* grades elsewhere below this one */
	int same;      /* equal to it */
	int above;     /* above it */
};

/* The benchmark of an inspection. */
struct benchmark {
	struct dossier d;             /* the inspection (final grades) */
	struct benchmark_item *items; /* evaluated or graded indicators, framework order */
	size_t n;
};
/* Releases a benchmark's contents. */
void benchmark_free(struct benchmark *b);

/*
 * Sets each of inspection id's grades beside the distribution of final
 * grades for the same indicator in every other inspection held on the
 * same framework, and in imported published results (cairn history
 * import) other than those of the inspections held (same partnership and
 * publication date) and of this inspection's own publication.
 */
int app_benchmark(struct store *st, long id, struct benchmark *b, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Inspection id's benchmark b as JSON (each indicator's grade beside the
 * distribution elsewhere, and across_programmes: the graded indicators in
 * the programmes the crosswalks join, app_history_across, an indicator
 * whose crosswalk cannot be read left out): the one builder of `cairn
 * benchmark --json` and GET /api/v1/inspections/{id}/benchmark.  The caller
 * owns the reference. */
json_t *benchmark_json(struct store *st, long id, const struct benchmark *b);

#endif
