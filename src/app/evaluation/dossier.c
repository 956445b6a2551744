/* The dossier, loaded in one place: see dossier.h. */
#include "app/evaluation/dossier.h"

#include <stdlib.h>
#include <string.h>

#include "app/records/readstat.h"
#include "core/buf.h"
#include "core/mem.h"
#include "store/activity.h"
#include "app/access/role.h"
#include "store/model.h"
#include "store/release_text.h"
#include "store/accuracy.h"
#include "store/store.h"
#include "store/work.h"

/* Counts the young inspectors on inspection id's team. */
static int
young_inspectors(struct store *st, long id, size_t *n, struct cairn_err *err)
{
	struct team_member *v = NULL;
	size_t nv = 0;
	int rc;

	*n = 0;
	if ((rc = store_team_list(st, id, &v, &nv, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < nv; i++)
		*n += strcmp(v[i].role, role_table[ROLE_YOUNG_INSPECTOR].code) == 0;
	team_members_free(v, nv);
	return CAIRN_OK;
}

/* Sets the release's embargo line and media contact from the stored
 * embargo (migration 18), when there is one. */
static int
embargo_text(struct store *st, long id, struct dossier *d, struct cairn_err *err)
{
	struct embargo e;
	char line[64];
	int rc;

	if ((rc = store_embargo_get(st, id, &e, err)) != CAIRN_OK)
		return rc;
	if (e.set) {
		embargo_line(&e, line, sizeof(line));
		d->embargo_line = xstrdup(line);
		d->media_contact = e.media_contact;
		e.media_contact = NULL;
	}
	embargo_free(&e);
	return CAIRN_OK;
}

int
app_dossier_load(struct store *st, long id, struct dossier *d, struct cairn_err *err)
{
	struct evaluation *raw = NULL;
	size_t nraw = 0;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = store_inspection_load(st, id, &d->in, err)) != CAIRN_OK ||
	    (rc = store_framework_load(st, d->in.framework_code, &d->fw, err)) != CAIRN_OK ||
	    (rc = store_evaluation_list(st, id, &raw, &nraw, err)) != CAIRN_OK ||
	    (rc = store_finding_list(st, id, &d->findings, &d->nfindings, err)) != CAIRN_OK ||
	    (rc = store_methods_load(st, id, &d->methods, err)) != CAIRN_OK) {
		evaluations_free(raw, nraw);
		dossier_free(d);
		return rc;
	}
	/* Order the grades as the framework orders its indicators. */
	d->evals = xcalloc(nraw, sizeof(*d->evals));
	for (size_t q = 0; q < d->fw.nqis; q++) {
		for (size_t i = 0; i < nraw; i++) {
			if (raw[i].qi != NULL && strcmp(raw[i].qi, d->fw.qis[q].code) == 0) {
				d->evals[d->nevals++] = raw[i];
				raw[i].qi = NULL;
				raw[i].rationale = NULL;
			}
		}
	}
	evaluations_free(raw, nraw);
	/* The release's stored text and whether young inspectors took part. */
	if ((rc = store_release_text_get(st, id, &d->quote, &d->quote_by, &d->report_url, err)) !=
	        CAIRN_OK ||
	    (rc = young_inspectors(st, id, &d->young_inspectors, err)) != CAIRN_OK ||
	    (rc = store_model_file_get(st, d->fw.code, "release.json", &d->release_template,
	         err)) != CAIRN_OK ||
	    (rc = embargo_text(st, id, d, err)) != CAIRN_OK) {
		dossier_free(d);
		return rc;
	}
	/* Every output shows the final grade: the panel's where it differs. */
	if ((rc = evaluation_apply_final(st, d, err)) != CAIRN_OK)
		dossier_free(d);
	return rc;
}

void
evaluation_view_free(struct evaluation_view *v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < v->n && v->items != NULL; i++) {
		free(v->items[i].rationale);
		free(v->items[i].links);
		free(v->items[i].history);
		for (size_t j = 0; j < v->items[i].nreading; j++) {
			struct reading_result *r = &v->items[i].reading[j];

			free(r->item);
			free(r->text);
			free(r->agency);
			free(r->measure);
			free(r->quantifier);
		}
		free(v->items[i].reading);
	}
	free(v->items);
	dossier_free(&v->d);
	evidence_items_free(v->evidence, v->nevidence);
	panel_reviews_free(v->reviews, v->nreviews);
	grade_events_free(v->events, v->nevents);
	panel_signoffs_free(v->signoffs, v->nsignoffs);
	memset(v, 0, sizeof(*v));
}

const struct evidence_item *
evaluation_evidence(const struct evaluation_view *v, long number)
{
	for (size_t i = 0; i < v->nevidence; i++)
		if (v->evidence[i].number == number)
			return &v->evidence[i];
	return NULL;
}

/* Adds one piece of evidence to counts by its status. */
static void
count(struct evidence_counts *c, const char *status)
{
	switch (evidence_status_parse(status)) {
	case STATUS_STRENGTH: c->strength++; break;
	case STATUS_IMPROVEMENT: c->improvement++; break;
	case STATUS_UNCERTAINTY: c->uncertainty++; break;
	case STATUS_CONCERN: c->concern++; break;
	default: c->no_concern++; break;
	}
}

/* Adds n items of one source and status to an indicator's balance
 * (callback of store_evidence_balance). */
static void
tally(void *arg, const char *source, const char *status, long n)
{
	struct qi_evaluation *it = arg;
	int s = evidence_source_parse(source);

	for (long k = 0; k < n; k++) {
		count(&it->total, status);
		if (s >= 0)
			count(&it->by_source[s], status);
	}
}

/* Adds the linked evidence item number to the view's evidence, once. */
static int
load_linked(struct store *st, struct evaluation_view *v, long number, struct cairn_err *err)
{
	struct evidence_item e;
	int rc;

	if (evaluation_evidence(v, number) != NULL)
		return CAIRN_OK;
	if ((rc = store_evidence_get(st, v->d.in.id, number, &e, err)) != CAIRN_OK)
		return rc;
	/* A withdrawn item counts nowhere: not in the balance, nor on a grade's page. */
	if (e.withdrawn_at[0] != '\0') {
		evidence_item_free(&e);
		return CAIRN_OK;
	}
	v->evidence = xreallocarray(v->evidence, v->nevidence + 1, sizeof(*v->evidence));
	v->evidence[v->nevidence++] = e;
	return CAIRN_OK;
}

/* Fills one item: grades, links, balance and history.  The balance is
 * counted in SQL and only the linked items are loaded (issue 17: the
 * whole evidence log was loaded for every grade and panel page). */
static int
fill_item(struct store *st, struct evaluation_view *v, const struct evaluation *team,
    struct qi_evaluation *it, unsigned parts, struct cairn_err *err)
{
	const char *code = it->qi->code;
	int rc;

	it->team_grade = team != NULL ? team->grade : 0;
	it->rationale = team != NULL ? xstrdup(team->rationale) : NULL;
	for (size_t i = 0; i < v->nreviews; i++)
		if (strcmp(v->reviews[i].qi, code) == 0)
			it->panel = &v->reviews[i];
	it->final_grade =
	    it->panel != NULL && it->team_grade != 0 ? it->panel->grade : it->team_grade;
	if ((rc = store_grade_links_list(st, v->d.in.id, code, &it->links, &it->nlinks, err)) ||
	    ((parts & EVAL_PART_BALANCE) &&
	        (rc = store_evidence_balance(st, v->d.in.id, code, tally, it, err))))
		return rc;
	for (size_t i = 0; i < it->nlinks && (parts & EVAL_PART_LINKED); i++)
		if ((rc = load_linked(st, v, it->links[i], err)) != CAIRN_OK)
			return rc;
	it->history = xcalloc(v->nevents + 1, sizeof(*it->history));
	for (size_t i = 0; i < v->nevents; i++)
		if (strcmp(v->events[i].qi, code) == 0)
			it->history[it->nhistory++] = &v->events[i];
	return CAIRN_OK;
}

/*
 * Adds to each item the records-reading results that inform it.  An
 * inspection without records reading (no template or no sample yet:
 * CAIRN_EDATA from app_reading_ctx) has none; other errors are returned.
 */
static int
load_reading(struct store *st, struct evaluation_view *v, struct cairn_err *err)
{
	struct reading_ctx x;
	struct item_summary *sum = NULL;
	struct cairn_err quiet = { 0 };
	size_t nsum = 0;
	int rc;

	if ((rc = app_reading_ctx(st, v->d.in.id, &x, &quiet)) != CAIRN_OK)
		return rc == CAIRN_EDATA ? CAIRN_OK : cairn_errf(err, rc, "%s", quiet.msg);
	v->has_reading = true;
	if ((rc = app_reading_summary(&x, &sum, &nsum, err)) != CAIRN_OK)
		goto out;
	for (size_t i = 0; i < v->n; i++) {
		struct qi_evaluation *it = &v->items[i];

		it->reading = xcalloc(nsum + 1, sizeof(*it->reading));
		for (size_t k = 0; k < nsum; k++) {
			const struct item_summary *s = &sum[k];
			struct reading_result *r;
			bool informs = false;

			for (size_t q = 0; q < s->item->nqis; q++)
				informs |= strcmp(s->item->qis[q], it->qi->code) == 0;
			if (!informs)
				continue;
			r = &it->reading[it->nreading++];
			r->item = xstrdup(s->item->code);
			r->text = xstrdup(s->item->text);
			r->agency = xstrdup(s->agency != NULL ? s->agency : "");
			r->n = s->n;
			r->has_prop = s->has_prop && s->nprop > 0;
			r->measure = r->has_prop ? xstrdup(s->measure) : NULL;
			r->x = s->x;
			r->nprop = s->nprop;
			r->estimate = s->wilson.estimate;
			r->lower = s->wilson.lower;
			r->upper = s->wilson.upper;
			r->quantifier = xstrdup(s->quantifier);
		}
	}
out:
	free(sum);
	reading_ctx_free(&x);
	return rc;
}

int
app_evaluation_load(struct store *st, long id, const char *qi, struct evaluation_view *v,
    struct cairn_err *err)
{
	return app_evaluation_load_parts(st, id, qi, EVAL_PART_ALL, v, err);
}

int
app_evaluation_load_parts(struct store *st, long id, const char *qi, unsigned parts,
    struct evaluation_view *v, struct cairn_err *err)
{
	struct evaluation *team = NULL;
	size_t nteam = 0;
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = app_dossier_load(st, id, &v->d, err)) != CAIRN_OK)
		return rc;
	if (qi != NULL && framework_qi(&v->d.fw, qi) == NULL) {
		struct buf b = BUF_INIT;

		for (size_t i = 0; i < v->d.fw.nqis; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", v->d.fw.qis[i].code);
		rc = cairn_errf(err, CAIRN_EDATA,
		    "unknown quality indicator '%s' for framework %s; "
		    "valid: %s",
		    qi, v->d.fw.code, buf_str(&b));
		buf_free(&b);
		goto out;
	}
	if ((rc = store_evaluation_list(st, id, &team, &nteam, err)) != CAIRN_OK ||
	    (rc = store_panel_review_list(st, id, &v->reviews, &v->nreviews, err)) != CAIRN_OK ||
	    (rc = store_grade_event_list(st, id, &v->events, &v->nevents, err)) != CAIRN_OK ||
	    (rc = store_signoff_list(st, id, &v->signoffs, &v->nsignoffs, err)) != CAIRN_OK)
		goto out;
	v->signed_off = v->nsignoffs > 0 && v->signoffs[v->nsignoffs - 1].voided_at[0] == '\0';
	v->items = xcalloc(v->d.fw.nqis, sizeof(*v->items));
	for (size_t q = 0; q < v->d.fw.nqis; q++) {
		const struct qi *code = &v->d.fw.qis[q];
		const struct evaluation *t = NULL;

		for (size_t i = 0; i < nteam; i++)
			if (strcmp(team[i].qi, code->code) == 0)
				t = &team[i];
		if (qi != NULL ? strcmp(qi, code->code) != 0 : (!code->evaluated && t == NULL))
			continue;
		v->items[v->n].qi = code;
		if ((rc = fill_item(st, v, t, &v->items[v->n++], parts, err)) != CAIRN_OK)
			goto out;
	}
	rc = (parts & EVAL_PART_READING) ? load_reading(st, v, err) : CAIRN_OK;
out:
	evaluations_free(team, nteam);
	if (rc != CAIRN_OK)
		evaluation_view_free(v);
	return rc;
}

int
evaluation_apply_final(struct store *st, struct dossier *d, struct cairn_err *err)
{
	struct panel_review *r = NULL;
	size_t n = 0;
	int rc;

	if ((rc = store_panel_review_list(st, d->in.id, &r, &n, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < d->nevals; j++)
			if (strcmp(d->evals[j].qi, r[i].qi) == 0)
				d->evals[j].grade = r[i].grade;
	panel_reviews_free(r, n);
	return CAIRN_OK;
}
