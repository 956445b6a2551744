/*
 * Progress reviews: where an inspection found significant weaknesses the
 * inspectorate returns (South Ayrshire 2016 had one in 2018; Dumfries and
 * Galloway and Orkney two each), judges the progress made on each area for
 * improvement, may re-evaluate indicators on the framework's scale, and
 * decides whether a further review is needed.
 *
 * Rules: a review's date is after the publication (when known) and after
 * the previous review; a new review needs the previous one decided, and
 * none follows a decision that no further review is needed; a decided
 * review is closed; deciding needs a progress judgement on every area for
 * improvement.  Re-evaluations are validated like 'cairn grade'.
 */
#ifndef CAIRN_APP_REVIEW_H
#define CAIRN_APP_REVIEW_H

#include <stddef.h>

#include <jansson.h>

#include "app/access/audit.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/model.h"
#include "render/doc.h"
#include "store/review.h"

struct store;

/* A progress judgement; indexes progress_table. */
enum progress {
	PROGRESS_SIGNIFICANT = 0,
	PROGRESS_SOME,
	PROGRESS_LIMITED,
	PROGRESS_NONE,
	PROGRESS__MAX
};

/* Names of a judgement, by enum progress. */
struct progress_info {
	const char *code;  /* stored and typed: "significant", "some", "limited", "none" */
	const char *label; /* e.g. "Significant progress" */
};
extern const struct progress_info progress_table[PROGRESS__MAX];
/* Returns the judgement for a code, or -1. */
int progress_parse(const char *code);

/* Creates the next review of inspection id on date; sets *seq. */
int app_review_create(struct store *st, const struct actor *who, long id, const char *date,
    int *seq, struct cairn_err *err) __attribute__((warn_unused_result));

/* Records the progress on an area for improvement at review seq; area is
 * the area's number within the inspection as text ("1", "2", ... in
 * findings order, as the action plan and the report number them; never a
 * finding's id), and an error names the valid range.  Replaces an earlier
 * judgement of the same area. */
int app_review_progress(struct store *st, const struct actor *who, long id, int seq,
    const char *area, const char *judgement, const char *text, const char *evidence,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Re-evaluates indicator qi at review seq (grade as for 'cairn grade');
 * sets *value to the stored level if not NULL. */
int app_review_grade(struct store *st, const struct actor *who, long id, int seq, const char *qi,
    const char *grade, const char *rationale, int *value, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Decides review seq: further is "needed" or "not-needed". */
int app_review_decide(struct store *st, const struct actor *who, long id, int seq,
    const char *further, const char *text, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* An inspection with its whole follow-up.  Owned; free with
 * followup_free(). */
struct followup {
	struct dossier d;       /* the inspection as published */
	struct review *reviews; /* by seq */
	size_t nreviews;
	struct review_progress **progress; /* progress[i]: judgements of reviews[i] */
	size_t *nprogress;
	struct review_grade *grades; /* every re-evaluation, by seq then indicator */
	size_t ngrades;
};

/* Loads inspection id with its reviews. */
int app_followup_load(struct store *st, long id, struct followup *f, struct cairn_err *err)
    __attribute__((warn_unused_result));
void followup_free(struct followup *f);
/* Returns the index of review seq in f->reviews, or -1 (with err set). */
int followup_review(const struct followup *f, int seq, struct cairn_err *err);
/* Returns the number of the area for improvement that is finding fid (1,
 * 2, 3 in findings order, as the action plan numbers them), or 0 if fid
 * is not one. */
long followup_area_number(const struct followup *f, long fid);
/* Returns the re-evaluation of qi at review index r, or NULL. */
const struct review_grade *followup_grade(const struct followup *f, size_t r, const char *qi);

/* Builds the report of review index r as a document (for PDF, HTML,
 * Markdown); caller frees with doc_free. */
void review_doc_build(const struct followup *f, size_t r, const char *organisation,
    struct doc *out);
/* Returns review index r as JSON (caller owns the reference). */
json_t *review_json(const struct followup *f, size_t r);
/* Returns the history as JSON: for each indicator graded at any time, the
 * original grade and each review's re-evaluation with dates. */
json_t *followup_history_json(const struct followup *f);

/* The formats of a review's report; index review_format_name. */
enum review_format { REVIEW_PDF = 0, REVIEW_HTML, REVIEW_MD, REVIEW_JSON, REVIEW_FORMAT__MAX };
extern const char *const review_format_name[REVIEW_FORMAT__MAX];
/* Returns the format named name ("pdf", "html", "md", "json"), or -1. */
int review_format_parse(const char *name);

/* Writes the report of review seq of inspection id in format to out: the
 * one call behind the command line's and the browser's review report.
 * CAIRN_EDATA (with err) if there is no such review. */
int app_review_report(struct store *st, long id, int seq, enum review_format format,
    struct buf *out, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
