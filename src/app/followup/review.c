/* Progress reviews: see review.h. */
#include "app/access/authz.h"
#include "app/followup/review.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/evaluation/dossier.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/text.h"
#include "render/docfmt.h"
#include "render/pdf.h"
#include "store/store.h"

/* Longest text accepted, in bytes. */
#define REVIEW_TEXT_MAX 20000

const struct progress_info progress_table[PROGRESS__MAX] = {
	[PROGRESS_SIGNIFICANT] = { "significant", "Significant progress" },
	[PROGRESS_SOME] = { "some", "Some progress" },
	[PROGRESS_LIMITED] = { "limited", "Limited progress" },
	[PROGRESS_NONE] = { "none", "No progress" },
};
_Static_assert(sizeof(progress_table) / sizeof(progress_table[0]) == PROGRESS__MAX,
    "progress_table: one entry per value");

int
progress_parse(const char *code)
{
	for (int i = 0; code != NULL && i < PROGRESS__MAX; i++)
		if (strcmp(code, progress_table[i].code) == 0)
			return i;
	return -1;
}

void
followup_free(struct followup *f)
{
	if (f == NULL)
		return;
	dossier_free(&f->d);
	for (size_t i = 0; i < f->nreviews && f->progress != NULL; i++)
		review_progress_free(f->progress[i], f->nprogress[i]);
	free(f->progress);
	free(f->nprogress);
	reviews_free(f->reviews, f->nreviews);
	review_grades_free(f->grades, f->ngrades);
	memset(f, 0, sizeof(*f));
}

int
app_followup_load(struct store *st, long id, struct followup *f, struct cairn_err *err)
{
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = app_dossier_load(st, id, &f->d, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_review_list(st, id, &f->reviews, &f->nreviews, err)) != CAIRN_OK)
		goto fail;
	f->progress = xcalloc(f->nreviews + 1, sizeof(*f->progress));
	f->nprogress = xcalloc(f->nreviews + 1, sizeof(*f->nprogress));
	for (size_t i = 0; i < f->nreviews; i++)
		if ((rc = store_review_progress_list(st, f->reviews[i].id, &f->progress[i],
		         &f->nprogress[i], err)) != CAIRN_OK)
			goto fail;
	if ((rc = store_review_grade_list(st, id, &f->grades, &f->ngrades, err)) != CAIRN_OK)
		goto fail;
	return CAIRN_OK;
fail:
	followup_free(f);
	return rc;
}

int
followup_review(const struct followup *f, int seq, struct cairn_err *err)
{
	for (size_t i = 0; i < f->nreviews; i++)
		if (f->reviews[i].seq == seq)
			return (int)i;
	if (f->nreviews == 0)
		cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld has no progress reviews; create one first, giving its date",
		    f->d.in.id);
	else
		cairn_errf(err, CAIRN_EDATA, "inspection %ld has no review %d; valid: 1 to %d",
		    f->d.in.id, seq, f->reviews[f->nreviews - 1].seq);
	return -1;
}

const struct review_grade *
followup_grade(const struct followup *f, size_t r, const char *qi)
{
	for (size_t i = 0; i < f->ngrades; i++)
		if (f->grades[i].review == f->reviews[r].id && strcmp(f->grades[i].qi, qi) == 0)
			return &f->grades[i];
	return NULL;
}

long
followup_area_number(const struct followup *f, long fid)
{
	long k = 0;

	for (size_t i = 0; i < f->d.nfindings; i++) {
		if (f->d.findings[i].kind != FINDING_IMPROVEMENT)
			continue;
		k++;
		if (f->d.findings[i].id == fid)
			return k;
	}
	return 0;
}

/* Returns the area for improvement number k (1, 2, 3 in findings order,
 * as the action plan numbers them), or NULL; sets *count to how many
 * areas the inspection has. */
static const struct finding *
improvement(const struct followup *f, long k, long *count)
{
	const struct finding *hit = NULL;
	long num = 0;

	for (size_t i = 0; i < f->d.nfindings; i++)
		if (f->d.findings[i].kind == FINDING_IMPROVEMENT && ++num == k)
			hit = &f->d.findings[i];
	*count = num;
	return hit;
}

/* Runs a write and its audit entry in one transaction. */
static int
commit_with_audit(struct store *st, int rc, const struct actor *who, const char *action, long id,
    const char *subject, const char *detail, struct cairn_err *err)
{
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, action, id, subject, detail, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
}

int
app_review_create(struct store *st, const struct actor *who, long id, const char *date, int *seq,
    struct cairn_err *err)
{
	struct followup f;
	struct review r;
	struct cdate d;
	char subject[32];
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_REVIEW_PROGRESS, NULL, err)) != CAIRN_OK)
		return rc;

	memset(&r, 0, sizeof(r));
	if (date == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "date",
		    "the review date is required (YYYY-MM-DD)");
	if (!date_parse(date, &d))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "date",
		    "review date '%s' is not a date; use YYYY-MM-DD", date);
	date_iso(&d, r.date);
	if ((rc = app_followup_load(st, id, &f, err)) != CAIRN_OK)
		return rc;
	if (f.d.in.published[0] && strcmp(r.date, f.d.in.published) <= 0) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "date",
		    "the review date %s is not after the report's "
		    "publication (%s)",
		    r.date, f.d.in.published);
		goto out;
	}
	if (f.nreviews > 0) {
		const struct review *last = &f.reviews[f.nreviews - 1];

		if (last->further == FURTHER_UNDECIDED) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "review %d is not decided yet; decide first whether a further "
			    "review is needed",
			    last->seq);
			goto out;
		}
		if (last->further == FURTHER_NOT_NEEDED) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "review %d (%s) decided that no further review "
			    "is needed",
			    last->seq, last->date);
			goto out;
		}
		if (strcmp(r.date, last->date) <= 0) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "the review date %s is not after review %d "
			    "(%s)",
			    r.date, last->seq, last->date);
			goto out;
		}
	}
	r.inspection = id;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_review_insert(st, &r, err);
	snprintf(subject, sizeof(subject), "review %d", r.seq);
	rc = commit_with_audit(st, rc, who, "review.create", id, subject, r.date, err);
	if (rc == CAIRN_OK)
		*seq = r.seq;
out:
	followup_free(&f);
	return rc;
}

/* Loads the follow-up and finds open review seq; on failure frees f. */
static int
open_review(struct store *st, long id, int seq, struct followup *f, int *r, struct cairn_err *err)
{
	int rc;

	if ((rc = app_followup_load(st, id, f, err)) != CAIRN_OK)
		return rc;
	if ((*r = followup_review(f, seq, err)) < 0) {
		followup_free(f);
		return CAIRN_EDATA;
	}
	if (f->reviews[*r].further != FURTHER_UNDECIDED) {
		cairn_errf(err, CAIRN_EDATA, "review %d is decided and closed", seq);
		followup_free(f);
		return CAIRN_EDATA;
	}
	return CAIRN_OK;
}

int
app_review_progress(struct store *st, const struct actor *who, long id, int seq,
    const char *finding, const char *judgement, const char *text, const char *evidence,
    struct cairn_err *err)
{
	struct followup f;
	struct review_progress p;
	const struct finding *area;
	char subject[64];
	long fid, num = 0, count = 0;
	int rc, r, j;

	if ((rc = authz_check(st, who, id, ACTION_REVIEW_PROGRESS, NULL, err)) != CAIRN_OK)
		return rc;

	if (finding == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "improvement",
		    "the area for improvement is required");
	if (judgement == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "judgement",
		    "the judgement of progress is required; valid: significant, some, limited, "
		    "none");
	if (text == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "text",
		    "the text is required: what the progress is");
	if (!text_parse_long(finding, 1, 2000000000L, &num))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "improvement",
		    "the area for improvement '%s' is not an area's number (1, 2, 3, ... as the "
		    "action plan numbers them)",
		    finding);
	if ((j = progress_parse(judgement)) < 0)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "judgement",
		    "unknown judgement '%s'; valid: significant, "
		    "some, limited, none",
		    judgement);
	if ((rc = text_check("text", "the text", text, REVIEW_TEXT_MAX, err)) != CAIRN_OK ||
	    (evidence != NULL &&
	        (rc = text_check("evidence", "the evidence", evidence, REVIEW_TEXT_MAX, err)) !=
	            CAIRN_OK))
		return rc;
	if ((rc = open_review(st, id, seq, &f, &r, err)) != CAIRN_OK)
		return rc;
	if ((area = improvement(&f, num, &count)) == NULL) {
		if (count == 0)
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "improvement",
			    "inspection %ld has no areas for improvement to judge progress on", id);
		else
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "improvement",
			    "there is no area for improvement %ld; valid: 1 to %ld", num, count);
		goto out;
	}
	fid = area->id;
	p.review = f.reviews[r].id;
	p.finding = fid;
	p.judgement = xstrdup(progress_table[j].code);
	p.text = xstrdup(text);
	p.evidence = xstrdup(evidence);
	if ((rc = store_begin(st, err)) == CAIRN_OK) {
		rc = store_review_progress_set(st, &p, err);
		snprintf(subject, sizeof(subject), "review %d, area for improvement %ld", seq, num);
		rc = commit_with_audit(st, rc, who, "review.progress", id, subject,
		    progress_table[j].code, err);
	}
	free(p.judgement);
	free(p.text);
	free(p.evidence);
out:
	followup_free(&f);
	return rc;
}

int
app_review_grade(struct store *st, const struct actor *who, long id, int seq, const char *qi,
    const char *grade, const char *rationale, int *value, struct cairn_err *err)
{
	struct followup f;
	struct review_grade g;
	struct buf b = BUF_INIT;
	char subject[64], detail[32];
	int rc, r, v = 0;

	if ((rc = authz_check(st, who, id, ACTION_REVIEW_PROGRESS, NULL, err)) != CAIRN_OK)
		return rc;

	if ((rc = open_review(st, id, seq, &f, &r, err)) != CAIRN_OK)
		return rc;
	if (qi == NULL || framework_qi(&f.d.fw, qi) == NULL) {
		for (size_t i = 0; i < f.d.fw.nqis; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", f.d.fw.qis[i].code);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "qi",
		    "unknown quality indicator '%s' for framework %s; "
		    "valid: %s",
		    qi, f.d.fw.code, buf_str(&b));
		goto out;
	}
	if (grade == NULL || !scale_parse(&f.d.fw.scale, grade, &v)) {
		for (size_t i = 0; i < f.d.fw.scale.nlevels; i++)
			buf_printf(&b, "%s%d %s", i ? ", " : "", f.d.fw.scale.levels[i].value,
			    f.d.fw.scale.levels[i].label);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "grade",
		    "unknown grade '%s' on the %s; valid: %s", grade, f.d.fw.scale.name,
		    buf_str(&b));
		goto out;
	}
	if (rationale != NULL &&
	    (rc = text_check("rationale", "the rationale", rationale, REVIEW_TEXT_MAX, err)) !=
	        CAIRN_OK)
		goto out;
	g.review = f.reviews[r].id;
	g.qi = xstrdup(qi);
	g.grade = v;
	g.rationale = xstrdup(rationale);
	if ((rc = store_begin(st, err)) == CAIRN_OK) {
		rc = store_review_grade_set(st, &g, err);
		snprintf(subject, sizeof(subject), "review %d, %s", seq, qi);
		snprintf(detail, sizeof(detail), "grade %d", v);
		rc = commit_with_audit(st, rc, who, "review.grade", id, subject, detail, err);
	}
	free(g.qi);
	free(g.rationale);
	if (rc == CAIRN_OK && value != NULL)
		*value = v;
out:
	buf_free(&b);
	followup_free(&f);
	return rc;
}

int
app_review_decide(struct store *st, const struct actor *who, long id, int seq, const char *further,
    const char *text, struct cairn_err *err)
{
	struct followup f;
	struct buf b = BUF_INIT;
	enum review_further fu;
	char subject[32];
	size_t missing = 0;
	int rc, r;

	if ((rc = authz_check(st, who, id, ACTION_REVIEW_PROGRESS, NULL, err)) != CAIRN_OK)
		return rc;

	if (further == NULL ||
	    (strcmp(further, "needed") != 0 && strcmp(further, "not-needed") != 0))
		return cairn_err_field(err, CAIRN_EUSAGE,
		    further ? CAIRN_CODE_INVALID : CAIRN_CODE_REQUIRED, "further",
		    "whether a further review is needed is required: needed or not-needed%s%s%s",
		    further ? " (got '" : "", further ? further : "", further ? "')" : "");
	fu = strcmp(further, "needed") == 0 ? FURTHER_NEEDED : FURTHER_NOT_NEEDED;
	if (text != NULL &&
	    (rc = text_check("text", "the text", text, REVIEW_TEXT_MAX, err)) != CAIRN_OK)
		return rc;
	if ((rc = open_review(st, id, seq, &f, &r, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0, num = 0; i < f.d.nfindings; i++) {
		bool judged = false;

		if (f.d.findings[i].kind != FINDING_IMPROVEMENT)
			continue;
		num++;
		for (size_t k = 0; k < f.nprogress[r]; k++)
			judged |= f.progress[r][k].finding == f.d.findings[i].id;
		if (!judged)
			buf_printf(&b, "%s%zu", missing++ ? ", " : "", num);
	}
	if (missing > 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "review %d cannot be decided: no progress judged on "
		    "%s %s; judge the progress on each first",
		    seq, missing == 1 ? "area for improvement" : "areas for improvement",
		    buf_str(&b));
		goto out;
	}
	if ((rc = store_begin(st, err)) == CAIRN_OK) {
		rc = store_review_decide(st, f.reviews[r].id, fu, text, err);
		snprintf(subject, sizeof(subject), "review %d", seq);
		rc = commit_with_audit(st, rc, who, "review.decide", id, subject,
		    review_further_code[fu], err);
	}
out:
	buf_free(&b);
	followup_free(&f);
	return rc;
}

/* Returns the label of a grade ("?" when the scale lacks it). */
static const char *
label_of(const struct followup *f, int grade)
{
	const struct scale_level *l = scale_level_of(&f->d.fw.scale, grade);

	return l != NULL ? l->label : "?";
}

/* Returns the judgement's label for a stored code. */
static const char *
judgement_label(const char *code)
{
	int j = progress_parse(code);

	return j < 0 ? code : progress_table[j].label;
}

/* Returns the judgement of area fid at review index r, or NULL. */
static const struct review_progress *
progress_of(const struct followup *f, size_t r, long fid)
{
	for (size_t k = 0; k < f->nprogress[r]; k++)
		if (f->progress[r][k].finding == fid)
			return &f->progress[r][k];
	return NULL;
}

/* Returns the grade of qi in force before review index r: the latest
 * re-evaluation of an earlier review, or the original grade; 0 if none. */
static int
grade_before(const struct followup *f, size_t r, const char *qi)
{
	const struct evaluation *e = dossier_grade(&f->d, qi);
	int g = e != NULL ? e->grade : 0;

	for (size_t i = 0; i < r; i++) {
		const struct review_grade *rg = followup_grade(f, i, qi);

		if (rg != NULL)
			g = rg->grade;
	}
	return g;
}

void
review_doc_build(const struct followup *f, size_t r, const char *organisation, struct doc *out)
{
	const struct review *rv = &f->reviews[r];
	const struct inspection *in = &f->d.in;
	struct doc_section *s;
	struct doc_table *t;
	struct cdate cd;
	char when[32], pub[32], area[PARTNERSHIP_AREA_MAX];
	size_t nre = 0;

	memset(out, 0, sizeof(*out));
	if (date_parse(rv->date, &cd))
		date_long(&cd, when, sizeof(when));
	else
		text_copy(when, sizeof(when), rv->date);
	if (date_parse(in->published, &cd))
		date_long(&cd, pub, sizeof(pub));
	else
		text_copy(pub, sizeof(pub), "(not recorded)");
	out->title = xasprintf("Progress review %d: %s", rv->seq, in->title);
	out->subtitle = xasprintf("Review of %s", when);
	out->organisation = xstrdup(organisation != NULL ? organisation : "Care Inspectorate");
	s = doc_section(out, "summary", "Summary", 1, false);
	doc_para(s,
	    "This progress review followed the joint inspection of services for children "
	    "and young people in the %s, whose report was published on %s. Inspectors reviewed "
	    "the progress made on each area for improvement on %s.",
	    partnership_area(in->partnership, area, sizeof(area)), pub, when);
	if (rv->further == FURTHER_NEEDED)
		doc_para(s, "Decision: a further progress review is needed.%s%s",
		    rv->decision_text ? " " : "", rv->decision_text ? rv->decision_text : "");
	else if (rv->further == FURTHER_NOT_NEEDED)
		doc_para(s, "Decision: no further review is needed.%s%s",
		    rv->decision_text ? " " : "", rv->decision_text ? rv->decision_text : "");
	else
		doc_para(s, "Decision: not yet made (draft).");

	s = doc_section(out, "progress", "Progress on the areas for improvement", 1, false);
	{
		static const char *const heads[] = { "Area for improvement", "Progress", "Findings",
			"Evidence" };
		static const double widths[] = { 3, 2.4, 4, 2.2 };

		t = doc_table(s, "progress", "Progress judged on each area for improvement", 4,
		    heads, widths);
		for (size_t i = 0; i < f->d.nfindings; i++) {
			const struct finding *fi = &f->d.findings[i];
			const struct review_progress *p;
			const char *cells[4];
			char *num;

			if (fi->kind != FINDING_IMPROVEMENT)
				continue;
			p = progress_of(f, r, fi->id);
			num = xasprintf("%ld. %s", followup_area_number(f, fi->id), fi->text);
			cells[0] = num;
			cells[1] = p != NULL ? judgement_label(p->judgement) : "Not yet judged";
			cells[2] = p != NULL ? p->text : NULL;
			cells[3] = p != NULL ? p->evidence : NULL;
			doc_row(t, DOC_ROW_DATA, cells);
			free(num);
		}
	}
	s = doc_section(out, "re-evaluation", "Re-evaluated quality indicators", 1, false);
	for (size_t i = 0; i < f->ngrades; i++)
		nre += f->grades[i].review == rv->id;
	if (nre == 0) {
		doc_para(s, "No quality indicators were re-evaluated at this review.");
	} else {
		static const char *const heads[] = { "Quality indicator", "Before this review",
			"Re-evaluated", "Rationale" };
		static const double widths[] = { 4, 2.2, 2.2, 3.5 };

		t = doc_table(s, "re-evaluations", "Re-evaluations on the framework's scale", 4,
		    heads, widths);
		for (size_t q = 0; q < f->d.fw.nqis; q++) {
			const struct qi *qi = &f->d.fw.qis[q];
			const struct review_grade *g = followup_grade(f, r, qi->code);
			char name[400], before[64], after[64];
			const char *cells[4];
			int b;

			if (g == NULL)
				continue;
			b = grade_before(f, r, qi->code);
			snprintf(name, sizeof(name), "%s %s", qi->code, qi->title);
			if (b > 0)
				snprintf(before, sizeof(before), "%s (%d)", label_of(f, b), b);
			else
				text_copy(before, sizeof(before), "not graded");
			snprintf(after, sizeof(after), "%s (%d)", label_of(f, g->grade), g->grade);
			cells[0] = name;
			cells[1] = before;
			cells[2] = after;
			cells[3] = g->rationale;
			doc_row(t, DOC_ROW_DATA, cells);
		}
	}
}

json_t *
review_json(const struct followup *f, size_t r)
{
	const struct review *rv = &f->reviews[r];
	json_t *progress = json_array(), *grades = json_array();

	for (size_t i = 0; i < f->d.nfindings; i++) {
		const struct finding *fi = &f->d.findings[i];
		const struct review_progress *p;

		if (fi->kind != FINDING_IMPROVEMENT)
			continue;
		p = progress_of(f, r, fi->id);
		json_array_append_new(progress,
		    json_pack("{s:I, s:s, s:s?, s:s?, s:s?}", "improvement",
		        (json_int_t)followup_area_number(f, fi->id), "area", fi->text, "judgement",
		        p ? p->judgement : NULL, "text", p ? p->text : NULL, "evidence",
		        p ? p->evidence : NULL));
	}
	for (size_t q = 0; q < f->d.fw.nqis; q++) {
		const struct review_grade *g = followup_grade(f, r, f->d.fw.qis[q].code);
		int b;

		if (g == NULL)
			continue;
		b = grade_before(f, r, g->qi);
		json_array_append_new(grades,
		    json_pack("{s:s, s:s, s:o, s:i, s:s, s:s?}", "qi", g->qi, "title",
		        f->d.fw.qis[q].title, "before", b > 0 ? json_integer(b) : json_null(),
		        "grade", g->grade, "label", label_of(f, g->grade), "rationale",
		        g->rationale));
	}
	return json_pack("{s:I, s:s, s:i, s:s, s:s?, s:s?, s:o, s:o}", "inspection",
	    (json_int_t)f->d.in.id, "partnership", f->d.in.partnership, "review", rv->seq, "date",
	    rv->date, "further",
	    rv->further == FURTHER_UNDECIDED ? NULL : review_further_code[rv->further],
	    "decision_text", rv->decision_text, "progress", progress, "re_evaluations", grades);
}

json_t *
followup_history_json(const struct followup *f)
{
	json_t *reviews = json_array(), *qis = json_array();

	for (size_t r = 0; r < f->nreviews; r++)
		json_array_append_new(reviews,
		    json_pack("{s:i, s:s, s:s?}", "review", f->reviews[r].seq, "date",
		        f->reviews[r].date, "further",
		        f->reviews[r].further == FURTHER_UNDECIDED
		            ? NULL
		            : review_further_code[f->reviews[r].further]));
	for (size_t q = 0; q < f->d.fw.nqis; q++) {
		const struct qi *qi = &f->d.fw.qis[q];
		const struct evaluation *e = dossier_grade(&f->d, qi->code);
		json_t *re = json_array();
		int current = e != NULL ? e->grade : 0;
		bool any = e != NULL;

		for (size_t r = 0; r < f->nreviews; r++) {
			const struct review_grade *g = followup_grade(f, r, qi->code);

			if (g == NULL)
				continue;
			any = true;
			current = g->grade;
			json_array_append_new(re,
			    json_pack("{s:i, s:s, s:i, s:s}", "review", f->reviews[r].seq, "date",
			        f->reviews[r].date, "grade", g->grade, "label",
			        label_of(f, g->grade)));
		}
		if (!any) {
			json_decref(re);
			continue;
		}
		json_array_append_new(qis,
		    json_pack("{s:s, s:s, s:o, s:o, s:i}", "qi", qi->code, "title", qi->title,
		        "original",
		        e != NULL ? json_pack("{s:s?, s:i, s:s}", "published",
		                        f->d.in.published[0] ? f->d.in.published : NULL, "grade",
		                        e->grade, "label", label_of(f, e->grade))
		                  : json_null(),
		        "re_evaluations", re, "current", current));
	}
	return json_pack("{s:I, s:s, s:s?, s:o, s:o}", "inspection", (json_int_t)f->d.in.id,
	    "partnership", f->d.in.partnership, "published",
	    f->d.in.published[0] ? f->d.in.published : NULL, "reviews", reviews, "indicators", qis);
}

const char *const review_format_name[REVIEW_FORMAT__MAX] = {
	[REVIEW_PDF] = "pdf",
	[REVIEW_HTML] = "html",
	[REVIEW_MD] = "md",
	[REVIEW_JSON] = "json",
};
_Static_assert(sizeof(review_format_name) / sizeof(review_format_name[0]) == REVIEW_FORMAT__MAX,
    "review_format_name: one entry per format");

int
review_format_parse(const char *name)
{
	for (int i = 0; name != NULL && i < REVIEW_FORMAT__MAX; i++)
		if (strcmp(name, review_format_name[i]) == 0)
			return i;
	return -1;
}

int
app_review_report(struct store *st, long id, int seq, enum review_format format, struct buf *out,
    struct cairn_err *err)
{
	struct followup f;
	struct doc doc;
	int rc = CAIRN_OK, r;

	assert(format < REVIEW_FORMAT__MAX);
	memset(&doc, 0, sizeof(doc));
	if ((rc = app_followup_load(st, id, &f, err)) != CAIRN_OK)
		return rc;
	if ((r = followup_review(&f, seq, err)) < 0) {
		rc = CAIRN_EDATA;
		goto out;
	}
	if (format == REVIEW_JSON) {
		json_t *j = review_json(&f, (size_t)r);
		char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		buf_puts(out, s);
		buf_putc(out, '\n');
		free(s);
		json_decref(j);
	} else {
		review_doc_build(&f, (size_t)r, NULL, &doc);
		if (format == REVIEW_PDF)
			rc = pdf_write(&doc, out, err);
		else if (format == REVIEW_HTML)
			docfmt_html(&doc, out);
		else
			docfmt_md(&doc, out);
	}
	if (rc == CAIRN_OK && buf_failed(out))
		rc = cairn_errf(err, CAIRN_ESOFTWARE, "the review report is too large");
out:
	doc_free(&doc);
	followup_free(&f);
	return rc;
}
