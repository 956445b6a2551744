/* Factual accuracy: see accuracy.h. */
#include "app/publication/accuracy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
#include "app/access/authz.h"
#include "app/evaluation/dossier.h"
#include "app/publication/draft.h"
#include "app/publication/report_model.h"
#include "app/setup/stage.h"
#include "core/csvout.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/accuracy.h"
#include "store/store.h"

/* Most blocks a section could have (a bound for the paragraph number). */
#define PARAGRAPH_MAX 10000L

int
app_accuracy_open(struct store *st, long id, bool *open, struct cairn_err *err)
{
	struct stage_state s;
	int rc;

	*open = false;
	if ((rc = app_stage_state(st, id, &s, err)) != CAIRN_OK)
		return rc;
	*open = s.current < s.plan.n && strcmp(s.plan.stages[s.current].code, ACCURACY_STAGE) == 0;
	stage_state_free(&s);
	return CAIRN_OK;
}

/* Refuses the draft (or a comment) outside the factual accuracy stage, in
 * plain words naming the stage the inspection is at. */
static int
not_open(struct store *st, long id, int rc, enum cairn_code code, const char *what,
    struct cairn_err *err)
{
	struct stage_state s;
	char at[80] = "another";

	if (app_stage_state(st, id, &s, NULL) == CAIRN_OK) {
		if (s.current < s.plan.n)
			snprintf(at, sizeof(at), "the %s", s.plan.stages[s.current].title);
		stage_state_free(&s);
	}
	return cairn_err_field(err, rc, code, "stage",
	    "%s only while the inspection is at the factual accuracy stage; inspection %ld is at "
	    "%s stage",
	    what, id, at);
}

int
app_accuracy_draft(struct store *st, const struct actor *who, long id, struct doc *out,
    struct cairn_err *err)
{
	struct report_settings set;
	struct dossier d;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = app_draft_check(st, who, id, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_dossier_load(st, id, &d, err)) != CAIRN_OK)
		return rc;
	if ((rc = report_settings_load(st, id, &set, err)) == CAIRN_OK) {
		rc = report_model_build(st, &d, &set, REPORT_PUBLIC, REPORT_FULL, out, err);
		report_settings_free(&set);
	}
	dossier_free(&d);
	return rc;
}

/* Returns true if block b contains passage. */
static bool
block_has(const struct doc_block *b, const char *passage)
{
	if (b->text != NULL && strstr(b->text, passage) != NULL)
		return true;
	for (size_t i = 0; i < b->nitems; i++)
		if (b->items[i] != NULL && strstr(b->items[i], passage) != NULL)
			return true;
	if (b->table != NULL) {
		const struct doc_table *t = b->table;

		if (t->caption != NULL && strstr(t->caption, passage) != NULL)
			return true;
		for (size_t i = 0; i < t->nrows * t->ncols; i++)
			if (t->cells[i] != NULL && strstr(t->cells[i], passage) != NULL)
				return true;
	}
	if (b->chart != NULL &&
	    ((b->chart->title != NULL && strstr(b->chart->title, passage) != NULL) ||
	        (b->chart->desc != NULL && strstr(b->chart->desc, passage) != NULL)))
		return true;
	return false;
}

int
accuracy_passage_check(const struct doc *doc, const char *section, long paragraph,
    const char *passage, struct cairn_err *err)
{
	const struct doc_section *s = NULL;

	for (size_t i = 0; i < doc->nsections && s == NULL; i++)
		if (doc->sections[i].id != NULL && strcmp(doc->sections[i].id, section) == 0)
			s = &doc->sections[i];
	if (s == NULL)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "section",
		    "the draft report has no section '%s'; the draft shows each passage's section",
		    section);
	if (paragraph < 1 || (size_t)paragraph > s->nblocks)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "paragraph",
		    "the section '%s' of the draft has paragraphs 1 to %zu, not %ld", section,
		    s->nblocks, paragraph);
	if (!block_has(&s->blocks[paragraph - 1], passage))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "passage",
		    "the quoted passage is not in paragraph %ld of the section '%s'; quote the "
		    "words exactly as the draft shows them",
		    paragraph, section);
	return CAIRN_OK;
}

int
app_accuracy_comment(struct store *st, const struct actor *who, long id,
    const struct accuracy_comment_req *req, long *number, struct cairn_err *err)
{
	struct accuracy_comment c;
	struct doc doc;
	char subject[40], detail[160];
	long paragraph;
	bool open;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_COMMENT_ACCURACY, NULL, err)) != CAIRN_OK ||
	    (rc = app_accuracy_open(st, id, &open, err)) != CAIRN_OK)
		return rc;
	if (!open)
		return not_open(st, id, CAIRN_EDATA, CAIRN_CODE_CONFLICT,
		    "Comments on the draft report are taken", err);
	if (req->section == NULL || req->section[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "section",
		    "the section of the passage is required");
	if (req->paragraph == NULL || req->paragraph[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "paragraph",
		    "the paragraph of the passage is required");
	if (!text_parse_long(req->paragraph, 1, PARAGRAPH_MAX, &paragraph))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "paragraph",
		    "the paragraph '%s' is not a paragraph number (1, 2, ...)", req->paragraph);
	if (req->passage == NULL || req->passage[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "passage",
		    "the passage commented on is required: quote it from the draft");
	if (req->comment == NULL || req->comment[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "comment",
		    "the comment is required");
	if ((rc = text_check("section", "the section", req->section, 80, err)) != CAIRN_OK ||
	    (rc = text_check("passage", "the passage", req->passage, ACCURACY_TEXT_MAX, err)) !=
	        CAIRN_OK ||
	    (rc = text_check("comment", "the comment", req->comment, ACCURACY_TEXT_MAX, err)) !=
	        CAIRN_OK)
		return rc;
	if ((rc = app_accuracy_draft(st, who, id, &doc, err)) != CAIRN_OK)
		return rc;
	rc = accuracy_passage_check(&doc, req->section, paragraph, req->passage, err);
	doc_free(&doc);
	if (rc != CAIRN_OK)
		return rc;
	memset(&c, 0, sizeof(c));
	c.inspection = id;
	c.section = xstrdup(req->section);
	c.paragraph = paragraph;
	c.passage = xstrdup(req->passage);
	c.comment = xstrdup(req->comment);
	c.made_by = xstrdup(who->name);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_accuracy_insert(st, &c, err);
	if (rc == CAIRN_OK) {
		snprintf(subject, sizeof(subject), "comment %ld", c.number);
		snprintf(detail, sizeof(detail), "on %s paragraph %ld", c.section, c.paragraph);
		rc = audit_record(st, who, "accuracy.comment", id, subject, detail, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK) {
		store_rollback(st);
		goto out;
	}
	*number = c.number;
out:
	accuracy_comment_free(&c);
	return rc;
}

/* Returns true if s is NULL or blank. */
static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

int
app_accuracy_respond(struct store *st, const struct actor *who, long id, long number,
    const struct accuracy_response_req *req, struct cairn_err *err)
{
	struct accuracy_comment c;
	char subject[40];
	int rc, resp;

	memset(&c, 0, sizeof(c));
	if ((rc = authz_check(st, who, id, ACTION_RESPOND_ACCURACY, NULL, err)) != CAIRN_OK)
		return rc;
	/* The answer is checked before the comment is looked up. */
	resp = accuracy_response_parse(req->response);
	if (req->response == NULL || req->response[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "response",
		    "the answer is required: accepted or not-accepted");
	if (resp != ACCURACY_ACCEPTED && resp != ACCURACY_NOT_ACCEPTED)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "response",
		    "'%s' is not an answer; valid: accepted, not-accepted", req->response);
	if ((rc = store_accuracy_get(st, id, number, &c, err)) != CAIRN_OK)
		return rc;
	if (c.response != ACCURACY_OPEN) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "comment",
		    "comment %ld was already answered (%s) by %s; the log keeps the first answer",
		    number, accuracy_response_table[c.response].label,
		    c.responded_by != NULL ? c.responded_by : "the team");
		goto out;
	}
	c.response = (enum accuracy_response)resp;
	if (resp == ACCURACY_ACCEPTED) {
		const char *before = blank(req->before) ? c.passage : req->before;

		if (blank(req->after)) {
			rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "after",
			    "an accepted comment needs the text as changed");
			goto out;
		}
		if ((rc = text_check("before", "the text before", before, ACCURACY_TEXT_MAX,
		         err)) != CAIRN_OK ||
		    (rc = text_check("after", "the text after", req->after, ACCURACY_TEXT_MAX,
		         err)) != CAIRN_OK)
			goto out;
		if (strcmp(before, req->after) == 0) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "after",
			    "the text after is the same as the text before; an accepted comment "
			    "changes the text");
			goto out;
		}
		if (!blank(req->reason)) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "reason",
			    "a reason is given only when a comment is not accepted");
			goto out;
		}
		c.before = xstrdup(before);
		c.after = xstrdup(req->after);
	} else {
		if (blank(req->reason)) {
			rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "reason",
			    "a comment that is not accepted needs the reason");
			goto out;
		}
		if (!blank(req->after)) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "after",
			    "the text after is given only when a comment is accepted");
			goto out;
		}
		if ((rc = text_check("reason", "the reason", req->reason, ACCURACY_TEXT_MAX,
		         err)) != CAIRN_OK)
			goto out;
		c.reason = xstrdup(req->reason);
	}
	c.responded_by = xstrdup(who->name);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_accuracy_respond(st, &c, err);
	snprintf(subject, sizeof(subject), "comment %ld", number);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "accuracy.respond", id, subject,
		    accuracy_response_table[c.response].code, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	accuracy_comment_free(&c);
	return rc;
}

int
app_accuracy_list(struct store *st, const struct actor *who, long id, struct accuracy_comment **out,
    size_t *n, struct cairn_err *err)
{
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = authz_check(st, who, id, ACTION_VIEW_ACCURACY, NULL, err)) != CAIRN_OK)
		return rc;
	return store_accuracy_list(st, id, out, n, err);
}

void
accuracy_csv(const struct accuracy_comment *v, size_t n, struct buf *out)
{
	static const char *const head[] = { "number", "section", "paragraph", "passage", "comment",
		"commented_by", "commented_at", "response", "before", "after", "reason",
		"answered_by", "answered_at" };

	csvout_row(out, head, sizeof(head) / sizeof(head[0]));
	for (size_t i = 0; i < n; i++) {
		char num[24], para[24];
		const char *row[sizeof(head) / sizeof(head[0])];

		snprintf(num, sizeof(num), "%ld", v[i].number);
		snprintf(para, sizeof(para), "%ld", v[i].paragraph);
		row[0] = num;
		row[1] = v[i].section;
		row[2] = para;
		row[3] = v[i].passage;
		row[4] = v[i].comment;
		row[5] = v[i].made_by;
		row[6] = v[i].made_at;
		row[7] = accuracy_response_table[v[i].response].code;
		row[8] = v[i].before;
		row[9] = v[i].after;
		row[10] = v[i].reason;
		row[11] = v[i].responded_by;
		row[12] = v[i].responded_at;
		csvout_row(out, row, sizeof(row) / sizeof(row[0]));
	}
}

int
app_accuracy_export(struct store *st, const struct actor *who, long id, struct buf *out,
    struct cairn_err *err)
{
	struct accuracy_comment *v = NULL;
	size_t n = 0;
	int rc;

	if ((rc = app_accuracy_list(st, who, id, &v, &n, err)) != CAIRN_OK)
		return rc;
	accuracy_csv(v, n, out);
	accuracy_comments_free(v, n);
	if (buf_failed(out))
		return cairn_errf(err, CAIRN_ESOFTWARE, "the factual accuracy log is too long");
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = audit_record(st, who, "accuracy.export", id, "factual accuracy log", "csv", err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
}
