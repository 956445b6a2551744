/*
 * Factual accuracy (domain.md 2.6): while the inspection is at the
 * programme's "factual-accuracy" stage (its stage plan, app/setup/stage.h)
 * the partnership's co-ordinator reads the draft report and comments on
 * passages; the lead or depute answers each comment, accepted with the
 * change shown (the text before and after) or not accepted with the
 * reason.  The log of comments and answers is kept whole and can be
 * downloaded as CSV (core/csvout.h, cells a spreadsheet would run as a
 * formula neutralised).
 *
 * A passage is named by the draft's report model (render/doc.h): the id of
 * its section ("evaluations") and the number of the block within that
 * section, counted from 1 (a paragraph, a list, a table...).  The quoted
 * passage must be found in that block, so a reference cannot point at
 * text that is not there.
 *
 * Roles (app/access/role.c): view-accuracy sees the log (the team, the
 * panel, the co-ordinator); comment-accuracy comments (the co-ordinator),
 * only at the factual accuracy stage; respond-accuracy answers (the lead
 * and depute).  Who sees the draft: view-draft-report at any stage,
 * factual-accuracy only at the factual accuracy stage.
 */
#ifndef CAIRN_APP_PUBLICATION_ACCURACY_H
#define CAIRN_APP_PUBLICATION_ACCURACY_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/actor.h"
#include "core/accuracy.h"
#include "core/buf.h"
#include "core/err.h"
#include "render/doc.h"

struct store;

/* The stage code during which comments are taken. */
#define ACCURACY_STAGE "factual-accuracy"
/* Longest passage, comment, before, after or reason text, in bytes. */
#define ACCURACY_TEXT_MAX 4000

/* Sets *open to whether inspection id is at the factual accuracy stage. */
int app_accuracy_open(struct store *st, long id, bool *open, struct cairn_err *err)
    __attribute__((warn_unused_result));

/*
 * Builds the draft report of inspection id as the public would read it
 * (REPORT_PUBLIC, the full version) into *out (caller frees with
 * doc_free), for who may see it now: view-draft-report at any stage,
 * factual-accuracy only at the factual accuracy stage (otherwise
 * CAIRN_EPERM, saying when the draft is shared).
 */
int app_accuracy_draft(struct store *st, const struct actor *who, long id, struct doc *out,
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Checks that doc has a section with id section whose block paragraph
 * (from 1) contains passage: CAIRN_OK, or CAIRN_EDATA naming the field
 * ("section", "paragraph" or "passage") and what is valid.
 */
int accuracy_passage_check(const struct doc *doc, const char *section, long paragraph,
    const char *passage, struct cairn_err *err) __attribute__((warn_unused_result));

/* A new comment; strings borrowed. */
struct accuracy_comment_req {
	const char *section;   /* report model section id, required */
	const char *paragraph; /* block number in the section, as text, required */
	const char *passage;   /* the quoted passage, required, found in that block */
	const char *comment;   /* the comment, required */
};

/* Records a comment on inspection id's draft (comment-accuracy, only at
 * the factual accuracy stage: otherwise CAIRN_EDATA, code conflict, field
 * "stage") in one transaction with its audit entry; sets *number. */
int app_accuracy_comment(struct store *st, const struct actor *who, long id,
    const struct accuracy_comment_req *req, long *number, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* An answer to a comment; strings borrowed. */
struct accuracy_response_req {
	const char *response; /* "accepted" or "not-accepted", required */
	const char *before;   /* accepted: the text before (default: the quoted passage) */
	const char *after;    /* accepted: the text after, required and different */
	const char *reason;   /* not accepted: why, required */
};

/* Answers comment number of inspection id (respond-accuracy) in one
 * transaction with its audit entry.  A comment is answered once (a second
 * answer is CAIRN_EDATA, code conflict). */
int app_accuracy_respond(struct store *st, const struct actor *who, long id, long number,
    const struct accuracy_response_req *req, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Lists inspection id's comments with their answers, by number
 * (view-accuracy; free with accuracy_comments_free). */
int app_accuracy_list(struct store *st, const struct actor *who, long id,
    struct accuracy_comment **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Writes the log of n comments as CSV (a header row, then one row per
 * comment) into out, through the one CSV writer. */
void accuracy_csv(const struct accuracy_comment *v, size_t n, struct buf *out);

/* Loads inspection id's log (view-accuracy) and writes it as CSV into out,
 * recording the download in the audit log. */
int app_accuracy_export(struct store *st, const struct actor *who, long id, struct buf *out,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
