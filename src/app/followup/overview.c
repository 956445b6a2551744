/* The national overview: see overview.h. */
#include "app/followup/overview.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "stats/grades.h"
#include "store/history.h"
#include "store/store.h"
#include "app/access/authz.h"
#include "app/access/role.h"
#include "app/setup/crosswalk.h"
#include "app/setup/team.h"

/* Frees one publication's contents. */
static void
pub_free(struct overview_pub *p)
{
	free(p->partnership);
	free(p->grade);
	free(p->inferred);
	free(p->count_only);
}

void
overview_free(struct overview *ov)
{
	if (ov == NULL)
		return;
	for (size_t i = 0; i < ov->npubs; i++)
		pub_free(&ov->pubs[i]);
	free(ov->pubs);
	for (size_t i = 0; i < ov->npending; i++)
		pub_free(&ov->pending[i]);
	free(ov->pending);
	for (size_t i = 0; i < ov->nqis; i++)
		free(ov->qis[i].counts);
	free(ov->qis);
	for (size_t i = 0; i < ov->nyears; i++)
		free(ov->years[i].counts);
	free(ov->years);
	free(ov->pooled);
	free(ov->count_only);
	strv_free(ov->notes, ov->nnotes);
	framework_free(&ov->fw);
	memset(ov, 0, sizeof(*ov));
}

/* Returns the index of level value v in the scale, or -1. */
static int
level_index(const struct scale *s, int v)
{
	for (size_t i = 0; i < s->nlevels; i++)
		if (s->levels[i].value == v)
			return (int)i;
	return -1;
}

/* Returns the index of indicator code in the framework, or -1. */
static int
qi_index(const struct framework *fw, const char *code)
{
	for (size_t i = 0; i < fw->nqis; i++)
		if (strcmp(fw->qis[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* Appends a new, zeroed publication to *v and returns it. */
static struct overview_pub *
pub_new(const struct framework *fw, struct overview_pub **v, size_t *n, size_t *cap,
    const char *partnership, const char *published)
{
	struct overview_pub *p;
	long y = 0;
	char year[5];

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	p = &(*v)[(*n)++];
	memset(p, 0, sizeof(*p));
	p->partnership = xstrdup(partnership);
	text_copy(p->published, sizeof(p->published), published);
	text_copy(year, sizeof(year), published);
	p->year = text_parse_long(year, 1, 9999, &y) ? (int)y : 0;
	p->grade = xcalloc(fw->nqis + 1, sizeof(int));
	p->inferred = xcalloc(fw->nqis + 1, sizeof(bool));
	p->count_only = xcalloc(fw->scale.nlevels, sizeof(long));
	return p;
}

/* Adds a grade of indicator q (or a count when q < 0) to p. */
static void
pub_add(const struct framework *fw, struct overview_pub *p, int q, int grade, long count,
    bool inferred)
{
	int l = level_index(&fw->scale, grade);

	if (l < 0)
		return;
	if (q >= 0) {
		p->grade[q] = grade;
		p->inferred[q] = inferred;
		p->named++;
		p->known++;
	} else {
		p->count_only[l] += count;
		p->known += count;
	}
}

/* Orders publications by date then partnership. */
static int
pub_cmp(const void *a, const void *b)
{
	const struct overview_pub *x = a, *y = b;
	int c = strcmp(x->published, y->published);

	return c != 0 ? c : strcmp(x->partnership, y->partnership);
}

/* Appends a formatted note. */
static void note(struct overview *ov, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
note(struct overview *ov, size_t *cap, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (ov->nnotes == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		ov->notes = xreallocarray(ov->notes, *cap, sizeof(char *));
	}
	ov->notes[ov->nnotes++] = buf_take(&b);
}

/* Loads the imported results of the framework as publications. */
static int
load_imported(struct store *st, struct overview *ov, size_t *cap, struct cairn_err *err)
{
	struct history_row *v = NULL;
	size_t n = 0;
	int rc;

	if ((rc = store_history_list(st, ov->fw.code, &v, &n, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct overview_pub *p = NULL;

		for (size_t k = 0; k < ov->npubs && p == NULL; k++)
			if (strcmp(ov->pubs[k].partnership, v[i].partnership) == 0 &&
			    strcmp(ov->pubs[k].published, v[i].published) == 0)
				p = &ov->pubs[k];
		if (p == NULL)
			p = pub_new(&ov->fw, &ov->pubs, &ov->npubs, cap, v[i].partnership,
			    v[i].published);
		pub_add(&ov->fw, p, v[i].qi != NULL ? qi_index(&ov->fw, v[i].qi) : -1, v[i].grade,
		    v[i].count, v[i].inferred);
	}
	history_rows_free(v, n);
	return CAIRN_OK;
}

/* Returns true if imported publication p is the same as held inspection
 * in (same partnership, and p's date a prefix of the held one's). */
static bool
same_as_held(const struct overview_pub *p, const struct inspection *in)
{
	return text_casecmp(p->partnership, in->partnership) == 0 &&
	    strncmp(in->published, p->published, strlen(p->published)) == 0;
}

/* Loads the inspections held here that use the framework. */
static int
load_held(struct store *st, struct overview *ov, size_t *cap, size_t *ncap, struct cairn_err *err)
{
	struct inspection *v = NULL;
	size_t n = 0, pcap = 0;
	int rc;

	if ((rc = store_inspection_list(st, &v, &n, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < n && rc == CAIRN_OK; i++) {
		struct evaluation *ev = NULL;
		struct overview_pub *p;
		size_t nev = 0;

		if (strcmp(v[i].framework_code, ov->fw.code) != 0)
			continue;
		if ((rc = store_evaluation_list(st, v[i].id, &ev, &nev, err)) != CAIRN_OK)
			break;
		if (nev == 0) {
			evaluations_free(ev, nev);
			continue;
		}
		if (v[i].published[0]) {
			for (size_t k = 0; k < ov->npubs; k++) {
				if (ov->pubs[k].held || !same_as_held(&ov->pubs[k], &v[i]))
					continue;
				note(ov, ncap,
				    "%s (%s): inspection %ld held here replaces the imported "
				    "result.",
				    v[i].partnership, ov->pubs[k].published, v[i].id);
				pub_free(&ov->pubs[k]);
				ov->pubs[k] = ov->pubs[--ov->npubs];
				break;
			}
			p = pub_new(&ov->fw, &ov->pubs, &ov->npubs, cap, v[i].partnership,
			    v[i].published);
		} else {
			p = pub_new(&ov->fw, &ov->pending, &ov->npending, &pcap, v[i].partnership,
			    "");
		}
		p->held = true;
		p->inspection = v[i].id;
		for (size_t e = 0; e < nev; e++)
			pub_add(&ov->fw, p, qi_index(&ov->fw, ev[e].qi), ev[e].grade, 1, false);
		evaluations_free(ev, nev);
	}
	inspections_free(v, n);
	return rc;
}

/* Fills the per-indicator, pooled and yearly figures. */
static void
aggregate(struct overview *ov)
{
	size_t nl = ov->fw.scale.nlevels;
	int *values = xcalloc(nl, sizeof(int));
	struct grades_summary sum;

	for (size_t l = 0; l < nl; l++)
		values[l] = ov->fw.scale.levels[l].value;
	ov->pooled = xcalloc(nl, sizeof(long));
	ov->count_only = xcalloc(nl, sizeof(long));
	ov->qis = xcalloc(ov->fw.nqis + 1, sizeof(*ov->qis));
	for (size_t q = 0; q < ov->fw.nqis; q++) {
		struct overview_qi *oq = &ov->qis[ov->nqis];

		memset(oq, 0, sizeof(*oq));
		oq->qi = &ov->fw.qis[q];
		oq->counts = xcalloc(nl, sizeof(long));
		for (size_t p = 0; p < ov->npubs; p++) {
			int l = level_index(&ov->fw.scale, ov->pubs[p].grade[q]);

			if (l < 0) {
				oq->unknown++;
				continue;
			}
			oq->counts[l]++;
			oq->inferred += ov->pubs[p].inferred[q];
		}
		grades_summarise(values, oq->counts, nl, ov->threshold, &sum);
		oq->total = sum.total;
		oq->median = sum.median;
		oq->mean = sum.mean;
		oq->good_or_better = sum.at_least;
		if (oq->qi->evaluated || oq->total > 0)
			ov->nqis++;
		else
			free(oq->counts);
	}
	for (size_t p = 0; p < ov->npubs; p++) {
		const struct overview_pub *pb = &ov->pubs[p];
		struct overview_year *y = NULL;

		for (size_t i = 0; i < ov->nyears; i++)
			if (ov->years[i].year == pb->year)
				y = &ov->years[i];
		if (y == NULL) {
			ov->years = xreallocarray(ov->years, ov->nyears + 1, sizeof(*ov->years));
			y = &ov->years[ov->nyears++];
			memset(y, 0, sizeof(*y));
			y->year = pb->year;
			y->counts = xcalloc(nl, sizeof(long));
		}
		y->publications++;
		for (size_t l = 0; l < nl; l++) {
			long k = pb->count_only[l];

			for (size_t q = 0; q < ov->fw.nqis; q++)
				k += pb->grade[q] == values[l];
			y->counts[l] += k;
			ov->pooled[l] += k;
			ov->count_only[l] += pb->count_only[l];
			ov->count_only_total += pb->count_only[l];
		}
	}
	for (size_t l = 0; l < nl; l++)
		ov->pooled_total += ov->pooled[l];
	for (size_t i = 0; i < ov->nyears; i++) {
		grades_summarise(values, ov->years[i].counts, nl, ov->threshold, &sum);
		ov->years[i].total = sum.total;
		ov->years[i].good_or_better = sum.at_least;
	}
	/* years ascending (few of them: insertion sort) */
	for (size_t i = 1; i < ov->nyears; i++)
		for (size_t j = i; j > 0 && ov->years[j - 1].year > ov->years[j].year; j--) {
			struct overview_year t = ov->years[j];

			ov->years[j] = ov->years[j - 1];
			ov->years[j - 1] = t;
		}
	free(values);
}

/* Writes the notes on partial data. */
static void
partial_notes(struct overview *ov, size_t *cap)
{
	size_t count_pubs = 0;

	for (size_t p = 0; p < ov->npubs; p++) {
		const struct overview_pub *pb = &ov->pubs[p];
		long named_inferred = 0;

		for (size_t q = 0; q < ov->fw.nqis; q++)
			named_inferred += pb->grade[q] != 0 && pb->inferred[q];
		count_pubs += pb->known > pb->named;
		if ((size_t)pb->known > ov->nevaluated)
			note(ov, cap,
			    "%s (%s): the published grades number %ld, but the framework "
			    "evaluates %zu indicators.",
			    pb->partnership, pb->published, pb->known, ov->nevaluated);
		else if ((size_t)pb->known < ov->nevaluated) {
			note(ov, cap,
			    "%s (%s): only %ld of the %zu evaluated indicators' grades are "
			    "known.",
			    pb->partnership, pb->published, pb->known, ov->nevaluated);
		}
		if (named_inferred > 0)
			note(ov, cap,
			    "%s (%s): %ld grades are inferred (not stated in the sources).",
			    pb->partnership, pb->published, named_inferred);
	}
	if (ov->count_only_total > 0)
		note(ov, cap,
		    "%ld grades from %zu publications are known only as counts by level, "
		    "not by indicator: they are in the pooled distribution and the trends by year, "
		    "but in no indicator's distribution.",
		    ov->count_only_total, count_pubs);
	if (ov->npending > 0)
		note(ov, cap,
		    "%zu inspection%s held here %s not yet published: shown against the "
		    "national picture but not part of it.",
		    ov->npending, ov->npending == 1 ? "" : "s", ov->npending == 1 ? "is" : "are");
	if (ov->npubs == 0)
		note(ov, cap,
		    "No published results are held or imported for %s; import the published "
		    "results of earlier inspections to see them here.",
		    ov->fw.code);
}

int
app_overview_build(struct store *st, const char *framework, struct overview *ov,
    struct cairn_err *err)
{
	size_t cap = 0, ncap = 0;
	int rc;

	memset(ov, 0, sizeof(*ov));
	if ((rc = store_framework_load(st, framework, &ov->fw, err)) != CAIRN_OK)
		return rc;
	ov->nevaluated = framework_evaluated_count(&ov->fw);
	for (size_t l = 0; l < ov->fw.scale.nlevels; l++)
		if (text_casecmp(ov->fw.scale.levels[l].label, "Good") == 0)
			ov->threshold = ov->fw.scale.levels[l].value;
	if ((rc = load_imported(st, ov, &cap, err)) != CAIRN_OK ||
	    (rc = load_held(st, ov, &cap, &ncap, err)) != CAIRN_OK) {
		overview_free(ov);
		return rc;
	}
	if (ov->npubs > 1)
		qsort(ov->pubs, ov->npubs, sizeof(*ov->pubs), pub_cmp);
	aggregate(ov);
	partial_notes(ov, &ncap);
	return CAIRN_OK;
}

/* ---- output ---- */

/* Returns a JSON object {label: count} over the scale's levels. */
static json_t *
counts_json(const struct overview *ov, const long *counts)
{
	json_t *o = json_object();

	for (size_t l = 0; l < ov->fw.scale.nlevels; l++)
		json_object_set_new(o, ov->fw.scale.levels[l].label, json_integer(counts[l]));
	return o;
}

/* Returns the label of level value v, or NULL. */
static const char *
label_of(const struct overview *ov, int v)
{
	const struct scale_level *l = scale_level_of(&ov->fw.scale, v);

	return l != NULL ? l->label : NULL;
}

/* Returns "complete", "counts only", "partial" or "over-count". */
static const char *
completeness(const struct overview *ov, const struct overview_pub *p)
{
	if ((size_t)p->known > ov->nevaluated)
		return "over-count";
	if ((size_t)p->known < ov->nevaluated)
		return "partial";
	return p->named == 0      ? "counts only"
	    : p->named < p->known ? "complete, partly counts"
	                          : "complete";
}

/* Returns the profile of held inspection p against the publications
 * other than itself. */
static json_t *
profile_json(const struct overview *ov, const struct overview_pub *p)
{
	json_t *a = json_array();
	size_t nl = ov->fw.scale.nlevels;
	int *values = xcalloc(nl, sizeof(int));
	long *others = xcalloc(nl, sizeof(long));

	for (size_t l = 0; l < nl; l++)
		values[l] = ov->fw.scale.levels[l].value;
	for (size_t q = 0; q < ov->fw.nqis; q++) {
		struct grades_summary s;
		long above, same, below;

		if (p->grade[q] == 0)
			continue;
		memset(others, 0, nl * sizeof(long));
		for (size_t i = 0; i < ov->npubs; i++) {
			int l;

			if (&ov->pubs[i] == p)
				continue;
			if ((l = level_index(&ov->fw.scale, ov->pubs[i].grade[q])) >= 0)
				others[l]++;
		}
		grades_summarise(values, others, nl, ov->threshold, &s);
		grades_compare(values, others, nl, p->grade[q], &above, &same, &below);
		json_array_append_new(a,
		    json_pack("{s:s, s:i, s:s?, s:I, s:s?, s:I, s:I, s:I}", "qi",
		        ov->fw.qis[q].code, "grade", p->grade[q], "label",
		        label_of(ov, p->grade[q]), "national_n", (json_int_t)s.total,
		        "national_median", s.total ? label_of(ov, s.median) : NULL, "higher",
		        (json_int_t)above, "same", (json_int_t)same, "lower", (json_int_t)below));
	}
	free(values);
	free(others);
	return json_pack("{s:I, s:s, s:s?, s:b, s:o}", "inspection", (json_int_t)p->inspection,
	    "partnership", p->partnership, "published", p->published[0] ? p->published : NULL,
	    "published_yet", p->published[0] != '\0', "indicators", a);
}

json_t *
overview_json(const struct overview *ov)
{
	json_t *pubs = json_array(), *qis = json_array(), *years = json_array();
	json_t *profiles = json_array(), *notes = json_array(), *scale = json_array();

	for (size_t l = 0; l < ov->fw.scale.nlevels; l++)
		json_array_append_new(scale,
		    json_pack("{s:i, s:s}", "value", ov->fw.scale.levels[l].value, "label",
		        ov->fw.scale.levels[l].label));
	for (size_t p = 0; p < ov->npubs; p++) {
		const struct overview_pub *pb = &ov->pubs[p];

		json_array_append_new(pubs,
		    json_pack("{s:s, s:s, s:i, s:s, s:I, s:I, s:I, s:s}", "partnership",
		        pb->partnership, "published", pb->published, "year", pb->year, "source",
		        pb->held ? "held" : "imported", "inspection", (json_int_t)pb->inspection,
		        "known", (json_int_t)pb->known, "named", (json_int_t)pb->named,
		        "completeness", completeness(ov, pb)));
	}
	for (size_t q = 0; q < ov->nqis; q++) {
		const struct overview_qi *oq = &ov->qis[q];
		json_t *who = json_object();
		int qx = qi_index(&ov->fw, oq->qi->code);

		for (size_t l = 0; l < ov->fw.scale.nlevels; l++) {
			json_t *names = json_array();

			for (size_t p = 0; p < ov->npubs; p++)
				if (ov->pubs[p].grade[qx] == ov->fw.scale.levels[l].value)
					json_array_append_new(names,
					    json_pack("{s:s, s:s, s:b}", "partnership",
					        ov->pubs[p].partnership, "published",
					        ov->pubs[p].published, "inferred",
					        ov->pubs[p].inferred[qx]));
			json_object_set_new(who, ov->fw.scale.levels[l].label, names);
		}
		json_array_append_new(qis,
		    json_pack("{s:s, s:s, s:I, s:I, s:I, s:o, s:s?, s:f, "
		              "s:I, s:o}",
		        "qi", oq->qi->code, "title", oq->qi->title, "n", (json_int_t)oq->total,
		        "inferred", (json_int_t)oq->inferred, "unknown", (json_int_t)oq->unknown,
		        "counts", counts_json(ov, oq->counts), "median",
		        oq->total ? label_of(ov, oq->median) : NULL, "mean", oq->mean,
		        "good_or_better", (json_int_t)oq->good_or_better, "partnerships", who));
	}
	for (size_t y = 0; y < ov->nyears; y++)
		json_array_append_new(years,
		    json_pack("{s:i, s:I, s:I, s:o, s:I}", "year", ov->years[y].year,
		        "publications", (json_int_t)ov->years[y].publications, "grades",
		        (json_int_t)ov->years[y].total, "counts",
		        counts_json(ov, ov->years[y].counts), "good_or_better",
		        (json_int_t)ov->years[y].good_or_better));
	for (size_t p = 0; p < ov->npubs; p++)
		if (ov->pubs[p].held)
			json_array_append_new(profiles, profile_json(ov, &ov->pubs[p]));
	for (size_t p = 0; p < ov->npending; p++)
		json_array_append_new(profiles, profile_json(ov, &ov->pending[p]));
	for (size_t i = 0; i < ov->nnotes; i++)
		json_array_append_new(notes, json_string(ov->notes[i]));
	return json_pack("{s:s, s:s, s:o, s:s?, s:I, s:o, s:{s:o, s:I, s:o, s:I}, s:o, s:o, s:o, "
	                 "s:o}",
	    "framework", ov->fw.code, "title", ov->fw.title, "scale", scale, "good_or_better_from",
	    ov->threshold ? label_of(ov, ov->threshold) : NULL, "evaluated_indicators",
	    (json_int_t)ov->nevaluated, "publications", pubs, "pooled", "counts",
	    counts_json(ov, ov->pooled), "total", (json_int_t)ov->pooled_total, "counts_only",
	    counts_json(ov, ov->count_only), "counts_only_total", (json_int_t)ov->count_only_total,
	    "indicators", qis, "years", years, "profiles", profiles, "notes", notes);
}

/* Adds a bar chart of every grade known, by level. */
static void
add_level_chart(const struct overview *ov, struct doc_section *s)
{
	size_t nl = ov->fw.scale.nlevels;
	struct doc_chart *c = doc_chart(s, "levels", "All grades known, by level", nl, false);
	struct buf desc = BUF_INIT;
	long top = 1;

	buf_printf(&desc, "Bar chart of the %ld grade%s known across %zu publication%s, by level: ",
	    ov->pooled_total, ov->pooled_total == 1 ? "" : "s", ov->npubs,
	    ov->npubs == 1 ? "" : "s");
	for (size_t l = 0; l < nl; l++) {
		char v[32];

		snprintf(v, sizeof(v), "%ld", ov->pooled[l]);
		doc_chart_bar(c, l, ov->fw.scale.levels[l].label, (double)ov->pooled[l], NAN, NAN,
		    v);
		buf_printf(&desc, "%s%s %ld", l ? ", " : "", ov->fw.scale.levels[l].label,
		    ov->pooled[l]);
		if (ov->pooled[l] > top)
			top = ov->pooled[l];
	}
	buf_puts(&desc, ".");
	c->desc = buf_take(&desc);
	c->axis = xstrdup("Grades");
	c->min = 0;
	c->max = (double)top;
	doc_chart_tick(c, 0, "0");
	{
		char t[32];

		snprintf(t, sizeof(t), "%ld", top);
		doc_chart_tick(c, (double)top, t);
	}
}

/* Adds a bar chart of the share of grades good or better, by year. */
static void
add_year_chart(const struct overview *ov, struct doc_section *s)
{
	struct doc_chart *c;
	struct buf desc = BUF_INIT;

	if (ov->threshold == 0 || ov->nyears == 0)
		return;
	c = doc_chart(s, "good-or-better", "Grades good or better, by year of publication",
	    ov->nyears, false);
	buf_puts(&desc, "Bar chart of the percentage of grades good or better by year: ");
	for (size_t y = 0; y < ov->nyears; y++) {
		const struct overview_year *oy = &ov->years[y];
		double pc =
		    oy->total ? 100.0 * (double)oy->good_or_better / (double)oy->total : NAN;
		char label[16], v[48];

		snprintf(label, sizeof(label), "%d", oy->year);
		snprintf(v, sizeof(v), "%ld of %ld", oy->good_or_better, oy->total);
		doc_chart_bar(c, y, label, pc, NAN, NAN, v);
		buf_printf(&desc, "%s%d %s", y ? ", " : "", oy->year, v);
	}
	buf_puts(&desc, ".");
	c->desc = buf_take(&desc);
	c->axis = xstrdup("Per cent good or better");
	c->min = 0;
	c->max = 100;
	doc_chart_tick(c, 0, "0");
	doc_chart_tick(c, 50, "50");
	doc_chart_tick(c, 100, "100");
}

/* Appends a row of strings to t from a NULL-padded array. */
static void
row(struct doc_table *t, const char *const *cells)
{
	doc_row(t, DOC_ROW_DATA, cells);
}

void
overview_doc_build(const struct overview *ov, struct doc *out)
{
	size_t nl = ov->fw.scale.nlevels, ncols = nl + 4;
	const char **heads = xcalloc(ncols + 4, sizeof(char *));
	double *widths = xcalloc(ncols + 4, sizeof(double));
	char **cells = xcalloc(ncols + 4, sizeof(char *));
	struct doc_section *s;
	struct doc_table *t;
	json_t *j;

	memset(out, 0, sizeof(*out));
	out->title = xasprintf("National overview: %s", ov->fw.title);
	out->subtitle = xasprintf("%zu publication%s", ov->npubs, ov->npubs == 1 ? "" : "s");
	out->organisation = xstrdup("Care Inspectorate");
	s = doc_section(out, "indicators", "Grades by quality indicator", 1, false);
	heads[0] = "Indicator";
	widths[0] = 4;
	for (size_t l = 0; l < nl; l++) {
		heads[l + 1] = ov->fw.scale.levels[l].label;
		widths[l + 1] = 1;
	}
	heads[nl + 1] = "Known";
	heads[nl + 2] = "Not known";
	heads[nl + 3] = "Median";
	widths[nl + 1] = widths[nl + 2] = 1;
	widths[nl + 3] = 1.5;
	t = doc_table(s, "indicators", "Grades by quality indicator (held and imported)", ncols,
	    heads, widths);
	for (size_t q = 0; q < ov->nqis; q++) {
		const struct overview_qi *oq = &ov->qis[q];

		cells[0] = xasprintf("%s %s", oq->qi->code, oq->qi->title);
		for (size_t l = 0; l < nl; l++)
			cells[l + 1] = xasprintf("%ld", oq->counts[l]);
		cells[nl + 1] = xasprintf("%ld", oq->total);
		cells[nl + 2] = xasprintf("%ld", oq->unknown);
		cells[nl + 3] = xstrdup(oq->total ? label_of(ov, oq->median) : "");
		row(t, (const char *const *)cells);
		for (size_t c = 0; c < ncols; c++) {
			free(cells[c]);
			cells[c] = NULL;
		}
	}
	cells[0] = xstrdup("All grades, pooled (including counts)");
	for (size_t l = 0; l < nl; l++)
		cells[l + 1] = xasprintf("%ld", ov->pooled[l]);
	cells[nl + 1] = xasprintf("%ld", ov->pooled_total);
	doc_row(t, DOC_ROW_TOTAL, (const char *const *)cells);
	for (size_t c = 0; c < ncols; c++) {
		free(cells[c]);
		cells[c] = NULL;
	}
	add_level_chart(ov, s);
	s = doc_section(out, "years", "Trends by year of publication", 1, false);
	add_year_chart(ov, s);
	heads[0] = "Year";
	widths[0] = 1;
	heads[nl + 1] = "Publications";
	heads[nl + 2] = "Grades";
	heads[nl + 3] = "Good or better";
	t = doc_table(s, "years", "Grades by year of publication", ncols, heads, widths);
	for (size_t y = 0; y < ov->nyears; y++) {
		const struct overview_year *oy = &ov->years[y];

		cells[0] = xasprintf("%d", oy->year);
		for (size_t l = 0; l < nl; l++)
			cells[l + 1] = xasprintf("%ld", oy->counts[l]);
		cells[nl + 1] = xasprintf("%ld", oy->publications);
		cells[nl + 2] = xasprintf("%ld", oy->total);
		cells[nl + 3] = xasprintf("%ld", oy->good_or_better);
		row(t, (const char *const *)cells);
		for (size_t c = 0; c < ncols; c++) {
			free(cells[c]);
			cells[c] = NULL;
		}
	}
	s = doc_section(out, "publications", "Publications", 1, false);
	{
		static const char *const ph[] = { "Partnership", "Published", "Source",
			"Grades known", "Of which by indicator", "Completeness" };
		static const double pw[] = { 3, 1.5, 1.2, 1, 1, 2 };

		t = doc_table(s, "publications", "Publications in the overview", 6, ph, pw);
		for (size_t p = 0; p < ov->npubs; p++) {
			const struct overview_pub *pb = &ov->pubs[p];
			char known[32], named[32];
			const char *r[6];

			snprintf(known, sizeof(known), "%ld", pb->known);
			snprintf(named, sizeof(named), "%ld", pb->named);
			r[0] = pb->partnership;
			r[1] = pb->published;
			r[2] = pb->held ? "held" : "imported";
			r[3] = known;
			r[4] = named;
			r[5] = completeness(ov, pb);
			row(t, r);
		}
	}
	j = overview_json(ov);
	s = doc_section(out, "profiles", "Each inspection against the national picture", 1, false);
	{
		static const char *const fh[] = { "Inspection", "Indicator", "Grade", "National n",
			"National median", "Higher", "Same", "Lower" };
		static const double fw[] = { 3, 1, 1.2, 1, 1.2, 1, 1, 1 };
		json_t *pr = json_object_get(j, "profiles");

		t = doc_table(s, "profiles",
		    "Each inspection's grades against the other publications", 8, fh, fw);
		for (size_t i = 0; i < json_array_size(pr); i++) {
			json_t *p = json_array_get(pr, i), *inds = json_object_get(p, "indicators");
			char *name = xasprintf("%s (inspection %lld%s)",
			    json_string_value(json_object_get(p, "partnership")),
			    (long long)json_integer_value(json_object_get(p, "inspection")),
			    json_is_true(json_object_get(p, "published_yet")) ? ""
			                                                      : ", not published");

			for (size_t k = 0; k < json_array_size(inds); k++) {
				json_t *e = json_array_get(inds, k);
				char n[4][32];
				const char *r[8];

				snprintf(n[0], sizeof(n[0]), "%lld",
				    (long long)json_integer_value(
				        json_object_get(e, "national_n")));
				snprintf(n[1], sizeof(n[1]), "%lld",
				    (long long)json_integer_value(json_object_get(e, "higher")));
				snprintf(n[2], sizeof(n[2]), "%lld",
				    (long long)json_integer_value(json_object_get(e, "same")));
				snprintf(n[3], sizeof(n[3]), "%lld",
				    (long long)json_integer_value(json_object_get(e, "lower")));
				r[0] = name;
				r[1] = json_string_value(json_object_get(e, "qi"));
				r[2] = json_string_value(json_object_get(e, "label"));
				r[3] = n[0];
				r[4] = json_string_value(json_object_get(e, "national_median"));
				r[5] = n[1];
				r[6] = n[2];
				r[7] = n[3];
				row(t, r);
			}
			free(name);
		}
	}
	json_decref(j);
	s = doc_section(out, "partial", "Where the data is partial", 1, false);
	if (ov->nnotes == 0) {
		doc_para(s, "Every publication's grades are known by indicator.");
	} else {
		struct doc_block *b = doc_list(s, DOC_LIST);

		for (size_t i = 0; i < ov->nnotes; i++)
			doc_item(b, ov->notes[i]);
	}
	free(heads);
	free(widths);
	free(cells);
}

/* Returns true if person may see the evaluations of inspection id. */
static bool
may_see_grades(struct store *st, const char *person, long id)
{
	enum role r;

	return app_team_role(st, id, person, &r, NULL) == CAIRN_OK &&
	    role_may(r, ACTION_VIEW_EVALUATION);
}

int
app_overview_authorise(struct store *st, const char *person, struct cairn_err *err)
{
	struct inspection *v = NULL;
	size_t n = 0;
	bool ok = false;
	int rc;

	if (person == NULL)
		return CAIRN_OK;
	if ((rc = app_person_check(person, err)) != CAIRN_OK ||
	    (rc = store_inspection_list(st, &v, &n, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < n && !ok; i++)
		ok = may_see_grades(st, person, v[i].id);
	inspections_free(v, n);
	if (!ok) {
		struct buf b = BUF_INIT;

		(void)authz_roles_may(ACTION_VIEW_EVALUATION, &b);
		rc = cairn_errf(err, CAIRN_EPERM,
		    "you may not see the national overview: only %s on at least one "
		    "inspection may",
		    buf_str(&b));
		buf_free(&b);
		return rc;
	}
	return CAIRN_OK;
}

void
overview_keep_visible(struct store *st, const char *person, struct overview *ov)
{
	size_t keep = 0;

	if (person == NULL)
		return;
	for (size_t i = 0; i < ov->npending; i++) {
		if (may_see_grades(st, person, ov->pending[i].inspection))
			ov->pending[keep++] = ov->pending[i];
		else
			pub_free(&ov->pending[i]);
	}
	ov->npending = keep;
}

/* ---- across programmes ---- */

void
overview_cmp_free(struct overview_cmp *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nrows; i++) {
		for (size_t k = 0; k < c->rows[i].ncodes; k++)
			free(c->rows[i].codes[k]);
		free(c->rows[i].codes);
		free(c->rows[i].sentence);
	}
	free(c->rows);
	overview_free(&c->a);
	overview_free(&c->b);
	memset(c, 0, sizeof(*c));
}

/* The overview's indicator code, or NULL when it has no grades or
 * evaluation. */
static const struct overview_qi *
ov_qi(const struct overview *ov, const char *code)
{
	for (size_t q = 0; q < ov->nqis; q++)
		if (strcmp(ov->qis[q].qi->code, code) == 0)
			return &ov->qis[q];
	return NULL;
}

/* Writes "2.1 Impact on children and young people" or "9.1 and 9.2". */
static void
put_codes(struct buf *b, const struct framework *fw, char **codes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct qi *q = framework_qi(fw, codes[i]);

		if (i > 0)
			buf_puts(b, i == n - 1 ? " and " : ", ");
		buf_printf(b, "%s", codes[i]);
		if (n == 1 && q != NULL)
			buf_printf(b, " %s", q->title);
	}
}

/* Fills row r for indicator q of c->a. */
static void
cmp_row(struct overview_cmp *c, const struct crosswalk_set *cw, const struct overview_qi *oq,
    struct overview_cmp_row *r)
{
	struct crosswalk_match m;
	struct buf b = BUF_INIT;
	const char *later, *succ;

	r->qi = oq->qi;
	r->n_a = oq->total;
	r->good_a = oq->good_or_better;
	r->linked = crosswalk_resolve(cw, c->a.fw.code, oq->qi->code, c->b.fw.code, &m);
	if (!r->linked) {
		buf_printf(&b, "not comparable: no crosswalk joins %s and %s", c->a.fw.code,
		    c->b.fw.code);
		r->sentence = buf_take(&b);
		return;
	}
	r->rel = (int)m.rel;
	later = m.forward ? "successor" : "predecessor";
	succ = m.forward ? "became" : "was, earlier,";
	if (m.rel == CROSSWALK_NONE) {
		buf_printf(&b, "not comparable: no %s indicator in %s", later, m.broke);
	} else {
		r->comparable = true;
		r->codes = m.codes;
		r->ncodes = m.ncodes;
		m.codes = NULL;
		m.ncodes = 0;
		for (size_t k = 0; k < r->ncodes; k++) {
			const struct overview_qi *ob = ov_qi(&c->b, r->codes[k]);

			if (ob != NULL) {
				r->n_b += ob->total;
				r->good_b += ob->good_or_better;
			}
		}
		switch (m.rel) {
		case CROSSWALK_SAME:
			buf_puts(&b, "comparable: the same indicator, ");
			put_codes(&b, &c->b.fw, r->codes, r->ncodes);
			buf_printf(&b, " in %s", c->b.fw.code);
			break;
		case CROSSWALK_SPLIT:
			buf_printf(&b, "comparable with care: it %s several indicators in %s (",
			    succ, c->b.fw.code);
			put_codes(&b, &c->b.fw, r->codes, r->ncodes);
			buf_puts(&b, "), whose grades are pooled");
			break;
		default:
			buf_printf(&b,
			    "comparable with care: it and others %s one indicator in %s, ", succ,
			    c->b.fw.code);
			put_codes(&b, &c->b.fw, r->codes, r->ncodes);
			break;
		}
	}
	crosswalk_match_free(&m);
	r->sentence = buf_take(&b);
}

int
app_overview_compare(struct store *st, const char *a, const char *b, struct overview_cmp *out,
    struct cairn_err *err)
{
	struct crosswalk_set cw;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = app_crosswalk_load(st, &cw, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_overview_build(st, a, &out->a, err)) != CAIRN_OK ||
	    (rc = app_overview_build(st, b, &out->b, err)) != CAIRN_OK) {
		crosswalk_set_free(&cw);
		overview_cmp_free(out);
		return rc;
	}
	out->rows = xcalloc(out->a.nqis + 1, sizeof(*out->rows));
	for (size_t q = 0; q < out->a.nqis; q++)
		cmp_row(out, &cw, &out->a.qis[q], &out->rows[out->nrows++]);
	crosswalk_set_free(&cw);
	return CAIRN_OK;
}

json_t *
overview_cmp_json(const struct overview_cmp *c)
{
	json_t *rows = json_array();

	for (size_t i = 0; i < c->nrows; i++) {
		const struct overview_cmp_row *r = &c->rows[i];
		json_t *codes = json_array();

		for (size_t k = 0; k < r->ncodes; k++)
			json_array_append_new(codes, json_string(r->codes[k]));
		json_array_append_new(rows,
		    json_pack("{s:s, s:s, s:s?, s:o, s:b, s:s, s:{s:I, s:I}, s:{s:I, s:I}}", "qi",
		        r->qi->code, "title", r->qi->title, "relation",
		        r->linked ? crosswalk_rel_name[r->rel] : NULL, "counterparts", codes,
		        "comparable", r->comparable, "sentence", r->sentence, "first", "n",
		        (json_int_t)r->n_a, "good_or_better", (json_int_t)r->good_a, "second", "n",
		        (json_int_t)r->n_b, "good_or_better", (json_int_t)r->good_b));
	}
	return json_pack("{s:s, s:s, s:I, s:I, s:o}", "first", c->a.fw.code, "second", c->b.fw.code,
	    "first_publications", (json_int_t)c->a.npubs, "second_publications",
	    (json_int_t)c->b.npubs, "indicators", rows);
}
