/* The Quality and Consistency Panel: see panel.h. */
#include "app/access/authz.h"
#include "app/publication/panel.h"

#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/evaluation/dossier.h"
#include "app/followup/history.h"
#include "app/publication/signoff.h"
#include "app/setup/crosswalk.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/history.h"
#include "store/store.h"
#include "store/work.h"

/* Longest panel reason, in bytes. */
#define REASON_MAX 20000

/* Lists the framework's indicator codes into b. */
static void
qi_codes(const struct framework *fw, struct buf *b)
{
	for (size_t i = 0; i < fw->nqis; i++)
		buf_printf(b, "%s%s", i ? ", " : "", fw->qis[i].code);
}

const char *const panel_view_name[PANEL_VIEW__MAX] = {
	[PANEL_VIEW_GRADE] = "grade",
	[PANEL_VIEW_AGREE] = "agree",
	[PANEL_VIEW_QUERY] = "query",
};

/* The note an agreement carries when the panel gives none. */
static const char AGREE_NOTE[] = "The panel agrees with the team's grade.";

/* Returns true when s is NULL or only white space. */
static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* Records the panel's review of qi as the view asks (see app_panel_view). */
static int
panel_review(struct store *st, const struct actor *who, long id, const char *qi,
    enum panel_view view, const char *grade, const char *reason, int *value, struct cairn_err *err)
{
	struct dossier d;
	const struct evaluation *team;
	struct evaluation *raw = NULL;
	struct buf b = BUF_INIT;
	size_t nraw = 0;
	int rc, v = 0, tg = 0;

	if ((rc = authz_check(st, who, id, ACTION_PANEL_REVIEW, NULL, err)) != CAIRN_OK)
		return rc;

	/* A blank note is no note; an agreement needs none, a query does. */
	if (view != PANEL_VIEW_GRADE && reason != NULL && blank(reason))
		reason = NULL;
	if (view == PANEL_VIEW_AGREE && reason == NULL)
		reason = AGREE_NOTE;
	if (view != PANEL_VIEW_AGREE && grade == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "grade",
		    "the panel's grade is required");
	if (reason == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "reason",
		    "a reason is required: why the panel "
		    "grades as it does");
	if (reason[strspn(reason, " \t\r\n")] == '\0' || strlen(reason) > REASON_MAX ||
	    !text_utf8_valid(reason, strlen(reason)))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "reason",
		    "the reason must be 1 to %d bytes of UTF-8 text", REASON_MAX);
	if ((rc = app_dossier_load(st, id, &d, err)) != CAIRN_OK)
		return rc;
	if (framework_qi(&d.fw, qi) == NULL) {
		qi_codes(&d.fw, &b);
		rc = cairn_errf(err, CAIRN_EDATA,
		    "unknown quality indicator '%s' for framework %s; "
		    "valid: %s",
		    qi, d.fw.code, buf_str(&b));
		goto out;
	}
	if (view != PANEL_VIEW_AGREE && !scale_parse(&d.fw.scale, grade, &v)) {
		for (size_t i = 0; i < d.fw.scale.nlevels; i++)
			buf_printf(&b, "%s%d %s", i ? ", " : "", d.fw.scale.levels[i].value,
			    d.fw.scale.levels[i].label);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "grade",
		    "unknown grade '%s' on the %s; valid: %s", grade, d.fw.scale.name, buf_str(&b));
		goto out;
	}
	/* The team's grade, not the final one the dossier holds. */
	if ((rc = store_evaluation_list(st, id, &raw, &nraw, err)) != CAIRN_OK)
		goto out;
	for (size_t i = 0; i < nraw; i++)
		if (strcmp(raw[i].qi, qi) == 0)
			tg = raw[i].grade;
	team = dossier_grade(&d, qi);
	if (team == NULL || tg == 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "%s is not graded yet; the panel reviews the team's "
		    "grade, so the team grades %s first",
		    qi, qi);
		goto out;
	}
	if (view == PANEL_VIEW_AGREE) {
		v = tg; /* agreeing gives the team's grade, whatever else was sent */
	} else if (view == PANEL_VIEW_QUERY && v == tg) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "grade",
		    "a query gives a grade other than the team's (%d); choose the panel's "
		    "grade, or agree with the team's grade",
		    tg);
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_panel_review_set(st, id, qi, v, reason, who->name, err);
	if (rc == CAIRN_OK)
		rc = store_grade_event_add(st, id, qi, "panel", v, reason, NULL, who->name, err);
	if (rc == CAIRN_OK) {
		char why[96];

		snprintf(why, sizeof(why), "panel reviewed %s (%d)", qi, v);
		rc = panel_void_signoff(st, who, id, why, err);
	}
	if (rc == CAIRN_OK) {
		char detail[64];

		snprintf(detail, sizeof(detail), "team %d, panel %d", tg, v);
		rc = audit_record(st, who, "panel.review", id, qi, detail, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	else if (value != NULL)
		*value = v;
out:
	evaluations_free(raw, nraw);
	buf_free(&b);
	dossier_free(&d);
	return rc;
}

int
app_panel_review(struct store *st, const struct actor *who, long id, const char *qi,
    const char *grade, const char *reason, int *value, struct cairn_err *err)
{
	return panel_review(st, who, id, qi, PANEL_VIEW_GRADE, grade, reason, value, err);
}

size_t
app_panel_view_check(const char *view, const char *grade, const char *reason,
    struct cairn_err *errs, size_t max)
{
	size_t n = 0;
	bool query = view != NULL && strcmp(view, panel_view_name[PANEL_VIEW_QUERY]) == 0;

	if (!query && (view == NULL || strcmp(view, panel_view_name[PANEL_VIEW_AGREE]) != 0) &&
	    n < max)
		cairn_err_field(&errs[n++], CAIRN_EUSAGE,
		    view == NULL ? CAIRN_CODE_REQUIRED : CAIRN_CODE_INVALID, "view",
		    "choose whether the panel agrees with the team's grade (agree) or "
		    "queries it (query)");
	if (query && (grade == NULL || grade[0] == '\0') && n < max)
		cairn_err_field(&errs[n++], CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "grade",
		    "choose the panel's grade: a query gives a grade other than the team's");
	if (query && blank(reason) && n < max)
		cairn_err_field(&errs[n++], CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "reason",
		    "enter a note saying why the panel queries the grade");
	return n;
}

int
app_panel_view(struct store *st, const struct actor *who, long id, const char *qi, const char *view,
    const char *grade, const char *reason, int *value, struct cairn_err *err)
{
	int rc, k;

	if ((rc = authz_check(st, who, id, ACTION_PANEL_REVIEW, NULL, err)) != CAIRN_OK)
		return rc;
	if (app_panel_view_check(view, grade, reason, err, 1) > 0)
		return err->rc;
	k = strcmp(view, panel_view_name[PANEL_VIEW_AGREE]) == 0 ? PANEL_VIEW_AGREE
	                                                         : PANEL_VIEW_QUERY;
	return panel_review(st, who, id, qi, (enum panel_view)k, grade, reason, value, err);
}

enum panel_state
panel_state_of(const char *qi, int team_now, const struct panel_review *pr,
    const struct grade_event *ev, size_t nev, int *team_then)
{
	int team = 0, then = team_now;
	bool seen = false;

	assert(qi != NULL);
	for (size_t i = 0; i < nev; i++) {
		if (strcmp(ev[i].qi, qi) != 0)
			continue;
		if (strcmp(ev[i].kind, "team") == 0) {
			team = ev[i].grade;
		} else if (strcmp(ev[i].kind, "panel") == 0) {
			then = team;
			seen = true;
		}
	}
	if (!seen || then == 0)
		then = team_now;
	if (team_then != NULL)
		*team_then = then;
	if (pr == NULL)
		return PANEL_NOT_REVIEWED;
	if (then != team_now)
		return PANEL_OUTDATED;
	return pr->grade == team_now ? PANEL_AGREES : PANEL_QUERIED;
}

/* Lists into b the graded indicators the panel has not reviewed, or
 * reviewed before the team regraded them; sets *n to how many. */
static int
unreviewed(struct store *st, long id, struct buf *b, size_t *n, struct cairn_err *err)
{
	struct evaluation *team = NULL;
	struct panel_review *pr = NULL;
	struct grade_event *ev = NULL;
	size_t nteam = 0, npr = 0, nev = 0;
	int rc;

	*n = 0;
	if ((rc = store_evaluation_list(st, id, &team, &nteam, err)) != CAIRN_OK ||
	    (rc = store_panel_review_list(st, id, &pr, &npr, err)) != CAIRN_OK ||
	    (rc = store_grade_event_list(st, id, &ev, &nev, err)) != CAIRN_OK)
		goto out;
	for (size_t i = 0; i < nteam; i++) {
		const struct panel_review *r = NULL;
		enum panel_state s;

		if (team[i].grade == 0)
			continue;
		for (size_t k = 0; k < npr; k++)
			if (strcmp(pr[k].qi, team[i].qi) == 0)
				r = &pr[k];
		s = panel_state_of(team[i].qi, team[i].grade, r, ev, nev, NULL);
		if (s == PANEL_NOT_REVIEWED || s == PANEL_OUTDATED) {
			buf_printf(b, "%s%s%s", *n ? ", " : "", team[i].qi,
			    s == PANEL_OUTDATED ? " (regraded since the panel's review)" : "");
			(*n)++;
		}
	}
out:
	evaluations_free(team, nteam);
	panel_reviews_free(pr, npr);
	grade_events_free(ev, nev);
	return rc;
}

int
app_panel_signoff(struct store *st, const struct actor *who, long id, struct cairn_err *err)
{
	struct dossier d;
	struct panel_signoff *so = NULL;
	struct buf b = BUF_INIT;
	size_t nso = 0, missing = 0;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_PANEL_SIGNOFF, NULL, err)) != CAIRN_OK)
		return rc;

	if ((rc = app_dossier_load(st, id, &d, err)) != CAIRN_OK)
		return rc;
	for (size_t q = 0; q < d.fw.nqis; q++) {
		if (d.fw.qis[q].evaluated && dossier_grade(&d, d.fw.qis[q].code) == NULL) {
			buf_printf(&b, "%s%s", missing ? ", " : "", d.fw.qis[q].code);
			missing++;
		}
	}
	if (missing > 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "cannot sign off: %zu evaluated indicator%s not "
		    "graded (%s)",
		    missing, missing == 1 ? " is" : "s are", buf_str(&b));
		goto out;
	}
	if ((rc = unreviewed(st, id, &b, &missing, err)) != CAIRN_OK)
		goto out;
	if (missing > 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "cannot sign off: the panel has not reviewed %zu graded indicator%s (%s); "
		    "record the panel's view of each graded indicator first",
		    missing, missing == 1 ? "" : "s", buf_str(&b));
		goto out;
	}
	if ((rc = store_signoff_list(st, id, &so, &nso, err)) != CAIRN_OK)
		goto out;
	if (nso > 0 && so[nso - 1].voided_at[0] == '\0') {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld is already signed off (by %s at %s)", id, so[nso - 1].signed_by,
		    so[nso - 1].signed_at);
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_signoff_add(st, id, who->name, err);
	if (rc == CAIRN_OK) {
		char detail[64];

		snprintf(detail, sizeof(detail), "%zu grades", d.nevals);
		rc = audit_record(st, who, "panel.signoff", id, NULL, detail, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	panel_signoffs_free(so, nso);
	buf_free(&b);
	dossier_free(&d);
	return rc;
}

void
benchmark_free(struct benchmark *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n && b->items != NULL; i++)
		free(b->items[i].counts);
	free(b->items);
	dossier_free(&b->d);
	memset(b, 0, sizeof(*b));
}

/* Returns true if a published date given as precisely as known ("2016",
 * "2016-10" or "2016-10-04") covers the full date full. */
static bool
date_covers(const char *partial, const char *full)
{
	size_t n = strlen(partial);

	return n > 0 && full[0] != '\0' && strncmp(partial, full, n) == 0;
}

/* Returns true if an imported result is one of the inspections held
 * (this one included): same partnership, same publication. */
static bool
is_held(const struct history_row *r, const struct held_grade *held, size_t nheld,
    const struct inspection *self)
{
	if (text_casecmp(r->partnership, self->partnership) == 0 &&
	    date_covers(r->published, self->published))
		return true;
	for (size_t i = 0; i < nheld; i++)
		if (text_casecmp(r->partnership, held[i].partnership) == 0 &&
		    date_covers(r->published, held[i].published))
			return true;
	return false;
}

/* Adds grade g to an item's distribution. */
static void
add_grade(const struct scale *s, struct benchmark_item *it, int g)
{
	for (size_t l = 0; l < s->nlevels; l++)
		if (s->levels[l].value == g)
			it->counts[l]++;
	if (it->grade != 0) {
		if (g < it->grade)
			it->below++;
		else if (g == it->grade)
			it->same++;
		else
			it->above++;
	}
}

int
app_benchmark(struct store *st, long id, struct benchmark *b, struct cairn_err *err)
{
	struct held_grade *held = NULL;
	struct history_row *hist = NULL;
	size_t nheld = 0, nhist = 0;
	int rc;

	memset(b, 0, sizeof(*b));
	if ((rc = app_dossier_load(st, id, &b->d, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_benchmark_held(st, b->d.fw.code, id, &held, &nheld, err)) != CAIRN_OK ||
	    (rc = store_history_list(st, b->d.fw.code, &hist, &nhist, err)) != CAIRN_OK)
		goto out;
	b->items = xcalloc(b->d.fw.nqis, sizeof(*b->items));
	for (size_t q = 0; q < b->d.fw.nqis; q++) {
		const struct qi *code = &b->d.fw.qis[q];
		const struct evaluation *e = dossier_grade(&b->d, code->code);
		struct benchmark_item *it;

		if (!code->evaluated && e == NULL)
			continue;
		it = &b->items[b->n++];
		it->qi = code;
		it->grade = e != NULL ? e->grade : 0;
		it->counts = xcalloc(b->d.fw.scale.nlevels, sizeof(int));
		for (size_t i = 0; i < nheld; i++) {
			if (strcmp(held[i].qi, code->code) != 0)
				continue;
			add_grade(&b->d.fw.scale, it, held[i].grade);
			it->held++;
		}
		for (size_t i = 0; i < nhist; i++) {
			if (hist[i].qi == NULL || strcmp(hist[i].qi, code->code) != 0 ||
			    is_held(&hist[i], held, nheld, &b->d.in))
				continue;
			add_grade(&b->d.fw.scale, it, hist[i].grade);
			it->published++;
		}
	}
out:
	held_grades_free(held, nheld);
	history_rows_free(hist, nhist);
	if (rc != CAIRN_OK)
		benchmark_free(b);
	return rc;
}

/* Longest focus of a progress review, in bytes. */
#define PROGRESS_FOCUS_MAX 2000

int
app_progress_need_set(struct store *st, const struct actor *who, long id, const char *needed,
    const char *due, const char *focus, struct cairn_err *err)
{
	struct cdate d, today;
	char detail[64], on[11] = "";
	bool yes = false;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_PROGRESS_REVIEW_NEED, NULL, err)) != CAIRN_OK)
		return rc;
	if (needed == NULL || needed[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "needed",
		    "say whether a progress review is needed: yes or no");
	if (strcmp(needed, "yes") == 0)
		yes = true;
	else if (strcmp(needed, "no") != 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "needed",
		    "'%s' is not yes or no", needed);
	if (yes) {
		if (due == NULL || due[0] == '\0')
			return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "due",
			    "say by when the progress review is to take place (YYYY-MM-DD)");
		if (!date_parse(due, &d))
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "due",
			    "'%s' is not a date written as YYYY-MM-DD", due);
		date_today(&today);
		if (date_cmp(&d, &today) < 0)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "due",
			    "the progress review's date %s is in the past", due);
		if (focus == NULL || focus[strspn(focus, " \t\r\n")] == '\0')
			return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "focus",
			    "say what the progress review will look at");
		if ((rc = text_check("focus", "what the progress review will look at", focus,
		         PROGRESS_FOCUS_MAX, err)) != CAIRN_OK)
			return rc;
		text_copy(on, sizeof(on), due);
	}
	snprintf(detail, sizeof(detail), "needed=%s%s%s", yes ? "yes" : "no", yes ? " by " : "",
	    on);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_progress_need_put(st, id, yes, on, yes ? focus : NULL, who->name, err)) !=
	        CAIRN_OK ||
	    (rc = audit_record(st, who, "panel.progress-review", id, NULL, detail, err)) !=
	        CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
	return rc;
}

int
app_progress_need_get(struct store *st, const struct actor *who, long id, struct progress_need *out,
    struct cairn_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = authz_check(st, who, id, ACTION_VIEW_INSPECTION, NULL, err)) != CAIRN_OK)
		return rc;
	return store_progress_need_get(st, id, out, err);
}

json_t *
progress_need_json(long id, const struct progress_need *p)
{
	bool needed = p->recorded && p->needed;

	return json_pack("{s:I, s:b, s:o, s:o, s:o, s:o, s:o}", "inspection", (json_int_t)id,
	    "recorded", p->recorded, "needed", p->recorded ? json_boolean(p->needed) : json_null(),
	    "due", needed && p->due[0] != '\0' ? json_string(p->due) : json_null(), "focus",
	    needed && p->focus != NULL ? json_string(p->focus) : json_null(), "recorded_by",
	    p->recorded && p->actor != NULL ? json_string(p->actor) : json_null(), "recorded_at",
	    p->recorded ? json_string(p->at) : json_null());
}

json_t *
benchmark_json(struct store *st, long id, const struct benchmark *b)
{
	const struct scale *s = &b->d.fw.scale;
	json_t *items = json_array(), *across = json_array();

	for (size_t i = 0; i < b->n; i++) {
		const struct benchmark_item *it = &b->items[i];
		struct history_across *v = NULL;
		struct cairn_err e = { 0 };
		size_t n = 0;
		json_t *dist = json_array();

		for (size_t l = 0; l < s->nlevels; l++)
			json_array_append_new(dist,
			    json_pack("{s:i, s:s, s:i}", "grade", s->levels[l].value, "label",
			        s->levels[l].label, "count", it->counts[l]));
		json_array_append_new(items,
		    json_pack("{s:s, s:o, s:i, s:i, s:i, s:o, s:o, s:o, s:o}", "qi", it->qi->code,
		        "grade", it->grade ? json_integer(it->grade) : json_null(), "n",
		        it->held + it->published, "held", it->held, "published", it->published,
		        "below", it->grade ? json_integer(it->below) : json_null(), "same",
		        it->grade ? json_integer(it->same) : json_null(), "above",
		        it->grade ? json_integer(it->above) : json_null(), "distribution", dist));
		if (app_history_across(st, b->d.fw.code, it->qi->code, it->grade, &v, &n, &e) !=
		    CAIRN_OK)
			continue;
		for (size_t k = 0; k < n; k++)
			json_array_append_new(across,
			    json_pack("{s:s, s:s, s:s, s:b, s:s, s:I, s:I, s:I, s:I}", "qi",
			        it->qi->code, "framework", v[k].framework, "relation",
			        crosswalk_rel_name[v[k].rel], "comparable", v[k].comparable,
			        "sentence", v[k].sentence, "n", (json_int_t)v[k].n, "below",
			        (json_int_t)v[k].below, "same", (json_int_t)v[k].same, "above",
			        (json_int_t)v[k].above));
		history_across_free(v, n);
	}
	return json_pack("{s:I, s:s, s:o, s:o}", "inspection", (json_int_t)id, "framework",
	    b->d.fw.code, "indicators", items, "across_programmes", across);
}
