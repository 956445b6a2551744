/* Joint action plans: see plan.h. */
#include "app/access/authz.h"
#include "app/followup/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/store.h"

/* Longest action text, note or evidence, and owner or agency, in bytes. */
#define PLAN_TEXT_MAX 20000
#define PLAN_NAME_MAX 300

/* Whether a change from one status to another is allowed, by [from][to]. */
static const bool transition[PLAN_STATUS__MAX][PLAN_STATUS__MAX] = {
	[PLAN_PLANNED] = { [PLAN_IN_PROGRESS] = true, [PLAN_DONE] = true, [PLAN_DROPPED] = true },
	[PLAN_IN_PROGRESS] = { [PLAN_DONE] = true, [PLAN_DROPPED] = true },
	[PLAN_DONE] = { [PLAN_IN_PROGRESS] = true },
	[PLAN_DROPPED] = { [PLAN_PLANNED] = true },
};
_Static_assert(sizeof(transition) / sizeof(transition[0]) == PLAN_STATUS__MAX,
    "transition: one entry per value");

/* Parses a due date into out. */
static int
check_due(const char *s, char out[static 11], struct cairn_err *err)
{
	struct cdate d;

	if (!date_parse(s, &d))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "due",
		    "due date '%s' is not a date; use YYYY-MM-DD", s);
	date_iso(&d, out);
	return CAIRN_OK;
}

/* Finds area for improvement number k (1, 2, 3 in findings order) among
 * an inspection's findings and sets *fid to its finding; returns
 * CAIRN_EDATA listing the valid numbers if there is no such area. */
static int
check_improvement(struct store *st, long id, long k, long *fid, struct cairn_err *err)
{
	struct finding *v = NULL;
	size_t n = 0;
	struct buf b = BUF_INIT;
	long num = 0;
	int rc;

	if ((rc = store_finding_list(st, id, &v, &n, err)) != CAIRN_OK)
		return rc;
	rc = CAIRN_EDATA;
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind != FINDING_IMPROVEMENT)
			continue;
		if (++num == k) {
			*fid = v[i].id;
			rc = CAIRN_OK;
		}
		buf_printf(&b, "%s%ld", b.len ? ", " : "", num);
	}
	if (rc != CAIRN_OK)
		cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "improvement",
		    "%ld is not an area for improvement of inspection %ld; "
		    "valid: %s",
		    k, id,
		    b.len ? buf_str(&b)
		          : "none (record areas for improvement in the findings first)");
	buf_free(&b);
	findings_free(v, n);
	return rc;
}

/* Numbers an inspection's actions v[0..n) within its plan: 1, 2, 3 in the
 * order they were added (by database id, which only grows; actions are
 * never deleted), whatever order v is in. */
static void
number_actions(struct plan_action *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		v[i].number = 1;
		for (size_t j = 0; j < n; j++)
			v[i].number += v[j].id < v[i].id;
	}
}

int
plan_action_find(struct store *st, long id, long number, struct plan_action *a,
    struct cairn_err *err)
{
	struct plan_action *v = NULL;
	struct inspection in;
	size_t n = 0;
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	inspection_free(&in);
	if ((rc = store_plan_action_list(st, id, &v, &n, err)) != CAIRN_OK)
		return rc;
	number_actions(v, n);
	rc = CAIRN_EDATA;
	for (size_t i = 0; i < n; i++) {
		if (v[i].number == number) {
			*a = v[i];
			memset(&v[i], 0, sizeof(v[i]));
			rc = CAIRN_OK;
			break;
		}
	}
	plan_actions_free(v, n);
	if (rc == CAIRN_OK)
		return rc;
	if (n == 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "action",
		    "there is no action %ld: the action plan of inspection %ld has no actions yet",
		    number, id);
	if (n == 1)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "action",
		    "there is no action %ld in the action plan of inspection %ld; valid: 1", number,
		    id);
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "action",
	    "there is no action %ld in the action plan of inspection %ld; valid: 1 to %zu", number,
	    id, n);
}

long
plan_area_number(const struct plan *p, long fid)
{
	for (size_t i = 0; i < p->nimprovements; i++)
		if (p->improvements[i].id == fid)
			return (long)i + 1;
	return 0;
}

int
app_action_add(struct store *st, const struct actor *who, long id, const struct action_new *req,
    long *number, struct cairn_err *err)
{
	struct plan_action a;
	struct plan_event e;
	struct inspection in;
	char detail[96];
	long fid = 0, num = 0, k = 0;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_MAINTAIN_ACTION_PLAN, NULL, err)) != CAIRN_OK)
		return rc;

	memset(&a, 0, sizeof(a));
	memset(&e, 0, sizeof(e));
	if (req->improvement == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "improvement",
		    "the area for improvement is required");
	if (req->text == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "text",
		    "the action's text is required: what will be done");
	if (req->owner == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "owner",
		    "the owner is required: who is responsible");
	if (req->due == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "due",
		    "the due date is required (YYYY-MM-DD)");
	if (!text_parse_long(req->improvement, 1, 2000000000L, &num))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "improvement",
		    "the area for improvement '%s' is not an area's number (1, "
		    "2, 3, ...)",
		    req->improvement);
	if ((rc = text_check("text", "the action's text", req->text, PLAN_TEXT_MAX, err)) !=
	        CAIRN_OK ||
	    (rc = text_check("owner", "the owner", req->owner, PLAN_NAME_MAX, err)) != CAIRN_OK ||
	    (req->agency != NULL &&
	        (rc = text_check("agency", "the agency", req->agency, PLAN_NAME_MAX, err)) !=
	            CAIRN_OK) ||
	    (rc = check_due(req->due, a.due, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	inspection_free(&in);
	if ((rc = check_improvement(st, id, num, &fid, err)) != CAIRN_OK)
		return rc;
	a.inspection = id;
	a.finding = fid;
	a.text = xstrdup(req->text);
	a.owner = xstrdup(req->owner);
	a.agency = xstrdup(req->agency);
	a.status = PLAN_PLANNED;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_plan_action_insert(st, &a, err);
	if (rc == CAIRN_OK) {
		struct plan_action *v = NULL;
		size_t n = 0;

		/* Its number: the count of the plan's actions, itself the newest. */
		if ((rc = store_plan_action_list(st, id, &v, &n, err)) == CAIRN_OK)
			k = (long)n;
		plan_actions_free(v, n);
	}
	if (rc == CAIRN_OK) {
		e.action = a.id;
		memcpy(e.at, a.created_at, sizeof(e.at));
		e.actor = xstrdup(who->name);
		e.status = PLAN_PLANNED;
		memcpy(e.due, a.due, sizeof(e.due));
		e.change = xstrdup("created");
		rc = store_plan_event_add(st, &e, err);
	}
	snprintf(detail, sizeof(detail), "action %ld for improvement %ld, due %s", k, num, a.due);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "action.add", id, req->text, detail, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	else
		*number = k;
out:
	plan_action_free(&a);
	free(e.actor);
	free(e.change);
	return rc;
}

/* Returns the number of actions of the plan, other than skip, answering
 * finding fid that are not dropped. */
static size_t
live_actions(const struct plan_action *v, size_t n, long fid, long skip)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += v[i].finding == fid && v[i].id != skip && v[i].status != PLAN_DROPPED;
	return k;
}

/* Checks that dropping action a leaves its area for improvement covered
 * when the plan is agreed. */
static int
check_drop(struct store *st, const struct plan_action *a, struct cairn_err *err)
{
	struct plan_action *v = NULL;
	size_t n = 0;
	char at[21], *by = NULL;
	bool agreed;
	int rc;

	if ((rc = store_plan_agreement(st, a->inspection, &agreed, at, &by, err)) != CAIRN_OK)
		return rc;
	free(by);
	if (!agreed)
		return CAIRN_OK;
	if ((rc = store_plan_action_list(st, a->inspection, &v, &n, err)) != CAIRN_OK)
		return rc;
	if (live_actions(v, n, a->finding, a->id) == 0) {
		struct finding *f = NULL;
		size_t nf = 0;
		long num = 0;

		if ((rc = store_finding_list(st, a->inspection, &f, &nf, err)) != CAIRN_OK)
			goto out;
		for (size_t i = 0, k = 0; i < nf; i++)
			if (f[i].kind == FINDING_IMPROVEMENT && (++k, f[i].id == a->finding))
				num = (long)k;
		findings_free(f, nf);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "status",
		    "cannot drop action %ld: it is the last live action "
		    "for area for improvement %ld of an agreed plan; add another action first",
		    a->number, num);
	}
out:
	plan_actions_free(v, n);
	return rc;
}

int
app_action_update(struct store *st, const struct actor *who, long id, long number,
    const struct action_change *req, struct cairn_err *err)
{
	struct plan_action a;
	struct plan_event e;
	struct buf change = BUF_INIT;
	enum plan_status old;
	char due[11] = "";
	int rc, k = -1;

	memset(&e, 0, sizeof(e));
	/* Who may comes first, on the inspection: a note alone is a comment,
	 * anything else maintains the plan. */
	if ((rc = authz_check(st, who, id,
	         req->status == NULL && req->evidence == NULL && req->due == NULL
	             ? ACTION_COMMENT_ACTION_PLAN
	             : ACTION_MAINTAIN_ACTION_PLAN,
	         NULL, err)) != CAIRN_OK)
		return rc;
	if (req->status == NULL && req->note == NULL && req->evidence == NULL && req->due == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "status",
		    "nothing to change; give a new status, due date, note "
		    "or evidence");
	if (req->status != NULL && (k = plan_status_parse(req->status)) < 0)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "status",
		    "unknown status '%s'; valid: planned, "
		    "in-progress, done, dropped",
		    req->status);
	if ((req->note != NULL &&
	        (rc = text_check("note", "the note", req->note, PLAN_TEXT_MAX, err)) != CAIRN_OK) ||
	    (req->evidence != NULL &&
	        (rc = text_check("evidence", "the evidence", req->evidence, PLAN_TEXT_MAX, err)) !=
	            CAIRN_OK) ||
	    (req->due != NULL && (rc = check_due(req->due, due, err)) != CAIRN_OK))
		return rc;
	if ((rc = plan_action_find(st, id, number, &a, err)) != CAIRN_OK)
		return rc;
	old = a.status;
	if (k >= 0 && (enum plan_status)k != old) {
		if (!transition[old][k]) {
			struct buf b = BUF_INIT;

			for (int t = 0; t < PLAN_STATUS__MAX; t++)
				if (transition[old][t])
					buf_printf(&b, "%s%s", b.len ? ", " : "",
					    plan_status_code[t]);
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "status",
			    "action %ld is %s and cannot become %s; "
			    "valid: %s",
			    a.number, plan_status_code[old], plan_status_code[k], buf_str(&b));
			buf_free(&b);
			goto out;
		}
		if (k == PLAN_DONE && req->evidence == NULL) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_REQUIRED, "evidence",
			    "marking action %ld done needs evidence "
			    "saying what shows it is done",
			    a.number);
			goto out;
		}
		if ((k == PLAN_DROPPED || old == PLAN_DONE || old == PLAN_DROPPED) &&
		    req->note == NULL) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_REQUIRED, "note",
			    "%s action %ld needs a note giving the reason",
			    k == PLAN_DROPPED ? "dropping" : "reopening", a.number);
			goto out;
		}
		if (k == PLAN_DROPPED && (rc = check_drop(st, &a, err)) != CAIRN_OK)
			goto out;
		buf_printf(&change, "status %s -> %s", plan_status_code[old], plan_status_code[k]);
		a.status = (enum plan_status)k;
	} else if (k >= 0 && req->due == NULL && req->note == NULL && req->evidence == NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "status",
		    "action %ld is already %s", a.number, plan_status_code[old]);
		goto out;
	}
	if (due[0] && strcmp(due, a.due) != 0) {
		buf_printf(&change, "%sdue %s -> %s", change.len ? "; " : "", a.due, due);
		memcpy(a.due, due, sizeof(a.due));
	}
	if (change.len == 0)
		buf_puts(&change, req->evidence != NULL ? "evidence" : "comment");
	store_now(a.updated_at);
	e.action = a.id;
	memcpy(e.at, a.updated_at, sizeof(e.at));
	e.actor = xstrdup(who->name);
	e.status = a.status;
	memcpy(e.due, a.due, sizeof(e.due));
	e.change = xstrdup(buf_str(&change));
	e.note = xstrdup(req->note);
	e.evidence = xstrdup(req->evidence);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_plan_action_update(st, &a, err);
	if (rc == CAIRN_OK)
		rc = store_plan_event_add(st, &e, err);
	if (rc == CAIRN_OK) {
		char subject[32];

		snprintf(subject, sizeof(subject), "action %ld", a.number);
		rc = audit_record(st, who, "action.update", a.inspection, subject, buf_str(&change),
		    err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	buf_free(&change);
	plan_action_free(&a);
	free(e.actor);
	free(e.change);
	free(e.note);
	free(e.evidence);
	return rc;
}

int
app_plan_load(struct store *st, long id, struct plan *p, struct cairn_err *err)
{
	struct inspection in;
	struct finding *all = NULL;
	size_t nall = 0;
	int rc;

	memset(p, 0, sizeof(*p));
	p->inspection = id;
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	inspection_free(&in);
	if ((rc = store_finding_list(st, id, &all, &nall, err)) != CAIRN_OK)
		return rc;
	p->improvements = xcalloc(nall + 1, sizeof(*p->improvements));
	for (size_t i = 0; i < nall; i++) {
		if (all[i].kind == FINDING_IMPROVEMENT) {
			p->improvements[p->nimprovements++] = all[i];
			memset(&all[i], 0, sizeof(all[i]));
		}
	}
	findings_free(all, nall);
	if ((rc = store_plan_action_list(st, id, &p->actions, &p->nactions, err)) != CAIRN_OK ||
	    (rc = store_plan_event_list(st, id, &p->events, &p->nevents, err)) != CAIRN_OK ||
	    (rc = store_plan_agreement(st, id, &p->agreed, p->agreed_at, &p->agreed_by, err)) !=
	        CAIRN_OK) {
		plan_free(p);
		return rc;
	}
	number_actions(p->actions, p->nactions);
	return CAIRN_OK;
}

int
app_plan_view(struct store *st, const struct actor *who, long id, struct plan *p,
    struct cairn_err *err)
{
	static const enum action may[] = { ACTION_MAINTAIN_ACTION_PLAN, ACTION_COMMENT_ACTION_PLAN,
		ACTION_VIEW_EVALUATION };
	struct cairn_err e = { 0 };
	int rc = CAIRN_EPERM;

	memset(p, 0, sizeof(*p));
	/* Someone not on the team stays "unknown" (answered as not found). */
	for (size_t i = 0; i < sizeof(may) / sizeof(may[0]); i++)
		if ((rc = authz_check(st, who, id, may[i], NULL, &e)) != CAIRN_EPERM ||
		    e.code == CAIRN_CODE_UNKNOWN)
			break;
	if (rc == CAIRN_EPERM && e.code != CAIRN_CODE_UNKNOWN)
		return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, NULL,
		    "your role on inspection %ld does not include the action plan", id);
	if (rc != CAIRN_OK) {
		if (err != NULL)
			*err = e;
		return rc;
	}
	return app_plan_load(st, id, p, err);
}

void
plan_free(struct plan *p)
{
	if (p == NULL)
		return;
	findings_free(p->improvements, p->nimprovements);
	plan_actions_free(p->actions, p->nactions);
	plan_events_free(p->events, p->nevents);
	free(p->agreed_by);
	memset(p, 0, sizeof(*p));
}

int
app_action_agree(struct store *st, const struct actor *who, long id, struct cairn_err *err)
{
	struct plan p;
	struct buf b = BUF_INIT;
	size_t missing = 0;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_AGREE_ACTION_PLAN, NULL, err)) != CAIRN_OK)
		return rc;

	if ((rc = app_plan_load(st, id, &p, err)) != CAIRN_OK)
		return rc;
	if (p.agreed) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "the action plan of inspection %ld was already "
		    "agreed at %s by %s",
		    id, p.agreed_at, p.agreed_by ? p.agreed_by : "?");
		goto out;
	}
	if (p.nimprovements == 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld has no areas for improvement to "
		    "plan for; record areas for improvement in the findings first",
		    id);
		goto out;
	}
	for (size_t i = 0; i < p.nimprovements; i++) {
		if (live_actions(p.actions, p.nactions, p.improvements[i].id, 0) > 0)
			continue;
		buf_printf(&b, "%s%zu", missing++ ? ", " : "", i + 1);
	}
	if (missing > 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "cannot agree the action plan: %s %s %s no action "
		    "(other than dropped ones); add an action for each first",
		    missing == 1 ? "area for improvement" : "areas for improvement", buf_str(&b),
		    missing == 1 ? "has" : "have");
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_plan_agree(st, id, who->name, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "action.agree", id, "action plan", NULL, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	buf_free(&b);
	plan_free(&p);
	return rc;
}

bool
plan_action_overdue(const struct plan_action *a, const struct cdate *today)
{
	struct cdate due;

	if (a->status == PLAN_DONE || a->status == PLAN_DROPPED || !date_parse(a->due, &due))
		return false;
	return date_cmp(&due, today) < 0;
}
