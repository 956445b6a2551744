/* Results of records reading: see readstat.h. */
#include "app/records/readstat.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/authz.h"
#include "app/publication/disclose.h"
#include "core/mem.h"
#include "stats/quantifier.h"

/* Values of yes/no/na answers in display order. */
static const char *const yes_no_na[] = { "yes", "no", "na" };
/* Six-point levels as stored, highest first. */
static const char *const levels[] = { "6", "5", "4", "3", "2", "1" };

const char *
readstat_answer(const struct reading_ctx *x, long member, const char *item, const char *agency)
{
	const struct reading *r[2];

	for (size_t i = 0; i < x->nresolutions; i++)
		if (x->resolutions[i].member_id == member &&
		    strcmp(x->resolutions[i].item, item) == 0 &&
		    strcmp(x->resolutions[i].agency, agency) == 0)
			return x->resolutions[i].answer;
	reading_ctx_pair(x, member, r);
	return r[0] != NULL ? reading_ctx_answer(x, r[0]->id, item, agency) : NULL;
}

/* Fills the possible values of an item. */
static void
set_values(struct item_summary *s)
{
	const struct template_item *it = s->item;

	s->nvalues = 0;
	if (it->answer == ANSWER_SIX_POINT)
		for (size_t i = 0; i < 6; i++)
			s->values[s->nvalues++] = levels[i];
	else if (it->answer == ANSWER_YES_NO_NA)
		for (size_t i = 0; i < 3; i++)
			s->values[s->nvalues++] = yes_no_na[i];
	else if (it->answer == ANSWER_LIST)
		for (size_t i = 0; i < it->nchoices && i < READSTAT_VALUES_MAX; i++)
			s->values[s->nvalues++] = it->choices[i];
}

/* Computes one summary row. */
static int
summarise(const struct reading_ctx *x, const struct stats_bands *bands, struct item_summary *s,
    struct cairn_err *err)
{
	size_t k = x->sample.nstrata;
	struct stats_stratum_count *sc = xcalloc(k + 1, sizeof(*sc));
	int rc = CAIRN_OK;

	set_values(s);
	for (size_t h = 0; h < k; h++)
		sc[h].population = x->sample.strata[h].population;
	for (size_t i = 0; i < x->sample.nmembers; i++) {
		const struct sample_member *m = &x->sample.members[i];
		const char *a;
		bool counted = false, success = false;

		if (m->status != SAMPLE_SELECTED)
			continue;
		if ((a = readstat_answer(x, m->id, s->item->code, s->agency)) == NULL)
			continue;
		s->n++;
		for (size_t v = 0; v < s->nvalues; v++)
			if (strcmp(a, s->values[v]) == 0)
				s->counts[v]++;
		if (s->item->answer == ANSWER_SIX_POINT) {
			counted = true;
			success = a[0] >= '0' + READSTAT_GOOD && a[0] <= '6' && a[1] == '\0';
		} else if (s->item->answer == ANSWER_YES_NO_NA && strcmp(a, "na") != 0) {
			counted = true;
			success = strcmp(a, "yes") == 0;
		}
		if (counted && m->stratum >= 0 && (size_t)m->stratum < k) {
			s->nprop++;
			s->x += success;
			sc[m->stratum].sampled++;
			sc[m->stratum].successes += success;
		}
	}
	s->has_prop =
	    (s->item->answer == ANSWER_SIX_POINT || s->item->answer == ANSWER_YES_NO_NA) &&
	    s->nprop > 0;
	s->measure = s->item->answer == ANSWER_SIX_POINT ? "good or better" : "yes";
	if (s->has_prop) {
		struct cairn_err ignore = { 0 };

		if (!stats_proportion((double)s->x, (double)s->nprop, 0.95, STATS_CI_WILSON,
		        &s->wilson)) {
			rc = cairn_errf(err, CAIRN_ESOFTWARE, "cannot compute the interval of %s",
			    s->item->code);
			goto out;
		}
		s->has_strat =
		    stats_stratified_proportion(sc, k, 0.95, &s->strat, &ignore) == CAIRN_OK;
		{
			const char *w = stats_quantifier(bands, (double)s->x, (double)s->nprop);

			snprintf(s->quantifier, sizeof(s->quantifier), "%s", w ? w : "");
		}
	}
out:
	free(sc);
	return rc;
}

int
app_reading_summary(const struct reading_ctx *x, struct item_summary **out, size_t *n,
    struct cairn_err *err)
{
	struct stats_bands bands;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = stats_bands_for(x->fw.code, &bands, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < x->tpl.nitems; i++) {
		const struct template_item *it = &x->tpl.items[i];
		size_t nag = it->per_agency ? x->tpl.nagencies : 1;

		for (size_t g = 0; g < nag; g++) {
			struct item_summary *s;

			if (*n == cap) {
				cap = cap ? cap * 2 : 16;
				*out = xreallocarray(*out, cap, sizeof(**out));
			}
			s = &(*out)[*n];
			memset(s, 0, sizeof(*s));
			s->item = it;
			s->agency = it->per_agency ? x->tpl.agencies[g].code : "";
			if ((rc = summarise(x, &bands, s, err)) != CAIRN_OK) {
				free(*out);
				*out = NULL;
				*n = 0;
				return rc;
			}
			/* Per-agency rows with no answer at all are left out. */
			if (it->per_agency && s->n == 0)
				continue;
			(*n)++;
		}
	}
	return CAIRN_OK;
}

/* Returns the numeric code of answer a for agreement: the level for
 * six-point items, the index of the value otherwise; NaN when missing. */
static double
code_of(const struct template_item *it, const char *a)
{
	if (a == NULL)
		return NAN;
	if (it->answer == ANSWER_SIX_POINT)
		return a[0] >= '1' && a[0] <= '6' && a[1] == '\0' ? (double)(a[0] - '0') : NAN;
	if (it->answer == ANSWER_YES_NO_NA) {
		for (size_t i = 0; i < 3; i++)
			if (strcmp(a, yes_no_na[i]) == 0)
				return (double)i;
		return NAN;
	}
	for (size_t i = 0; i < it->nchoices; i++)
		if (strcmp(a, it->choices[i]) == 0)
			return (double)i;
	return NAN;
}

/* Computes agreement over n pairs in xy (n x 2, row-major). */
static void
agree(double *xy, size_t n, bool ordinal, struct item_agreement *g)
{
	static const double scale[] = { 1, 2, 3, 4, 5, 6 };
	struct stats_kappa_req req = { 0 };
	struct cairn_err e = { 0 };
	double *a = xcalloc(n + 1, sizeof(double)), *b = xcalloc(n + 1, sizeof(double));
	size_t used;

	g->n = n;
	g->ordinal = ordinal;
	g->pct = NAN;
	for (size_t i = 0; i < n; i++) {
		a[i] = xy[2 * i];
		b[i] = xy[2 * i + 1];
	}
	if (n == 0) {
		snprintf(g->why, sizeof(g->why), "no double-read record has both answers");
		goto out;
	}
	if (stats_agreement_pct(xy, n, 2, 0, &g->pct, &used, &e) != CAIRN_OK)
		g->pct = NAN;
	req.level = 0.95;
	req.weights = STATS_W_NONE;
	cairn_err_clear(&e);
	g->has_kappa = stats_kappa(a, b, n, &req, &g->kappa, &e) == CAIRN_OK;
	if (!g->has_kappa)
		snprintf(g->why, sizeof(g->why), "kappa: %.140s", e.msg);
	if (ordinal) {
		req.levels = STATS_LEVELS_SCALE;
		req.scale = scale;
		req.nscale = 6;
		req.weights = STATS_W_LINEAR;
		g->has_linear = stats_kappa(a, b, n, &req, &g->linear, &e) == CAIRN_OK;
		req.weights = STATS_W_QUADRATIC;
		g->has_quadratic = stats_kappa(a, b, n, &req, &g->quadratic, &e) == CAIRN_OK;
		req.levels = STATS_LEVELS_PRESENT;
		req.scale = NULL;
		req.nscale = 0;
		g->has_quadratic_present =
		    stats_kappa(a, b, n, &req, &g->quadratic_present, &e) == CAIRN_OK;
		req.weights = STATS_W_LINEAR;
		g->has_linear_present =
		    stats_kappa(a, b, n, &req, &g->linear_present, &e) == CAIRN_OK;
	}
	cairn_err_clear(&e);
	g->has_alpha = stats_alpha(xy, n, 2, ordinal ? STATS_METRIC_ORDINAL : STATS_METRIC_NOMINAL,
	                   &g->alpha, &e) == CAIRN_OK;
	if (!g->has_alpha && g->why[0] == '\0')
		snprintf(g->why, sizeof(g->why), "alpha: %.140s", e.msg);
	if (g->has_alpha)
		g->has_boot =
		    stats_alpha_bootstrap(xy, n, 2,
		        ordinal ? STATS_METRIC_ORDINAL : STATS_METRIC_NOMINAL, READSTAT_BOOT_REPS,
		        0.95, READSTAT_BOOT_SEED, &g->boot, &e) == CAIRN_OK;
	g->poor = (g->has_kappa && g->kappa.kappa < READSTAT_POOR_KAPPA) ||
	    (g->has_alpha && g->alpha.alpha < READSTAT_POOR_ALPHA);
out:
	free(a);
	free(b);
}

int
app_agreement(const struct reading_ctx *x, struct item_agreement **out, size_t *n,
    struct cairn_err *err)
{
	size_t cap = 0, nall = 0;
	double *xy = xcalloc(2 * x->sample.nmembers + 2, sizeof(double));
	double *all = NULL;
	size_t allcap = 0;

	(void)err;
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < x->tpl.nitems; i++) {
		const struct template_item *it = &x->tpl.items[i];
		size_t nag = it->per_agency ? x->tpl.nagencies : 1;

		if (it->answer == ANSWER_TEXT)
			continue;
		for (size_t g = 0; g < nag; g++) {
			const char *agency = it->per_agency ? x->tpl.agencies[g].code : "";
			struct item_agreement *row;
			size_t np = 0;

			for (size_t k = 0; k < x->sample.nmembers; k++) {
				const struct sample_member *m = &x->sample.members[k];
				const struct reading *r[2];
				double va, vb;

				if (m->status != SAMPLE_SELECTED || !m->double_read)
					continue;
				reading_ctx_pair(x, m->id, r);
				if (r[1] == NULL)
					continue;
				va = code_of(it, reading_ctx_answer(x, r[0]->id, it->code, agency));
				vb = code_of(it, reading_ctx_answer(x, r[1]->id, it->code, agency));
				if (isnan(va) || isnan(vb))
					continue;
				xy[2 * np] = va;
				xy[2 * np + 1] = vb;
				np++;
			}
			if (it->per_agency && np == 0)
				continue;
			if (*n == cap) {
				cap = cap ? cap * 2 : 16;
				*out = xreallocarray(*out, cap, sizeof(**out));
			}
			row = &(*out)[(*n)++];
			memset(row, 0, sizeof(*row));
			row->item = it;
			row->agency = agency;
			agree(xy, np, it->answer == ANSWER_SIX_POINT, row);
			if (it->answer == ANSWER_SIX_POINT && np > 0) {
				if (nall + np > allcap) {
					allcap = (nall + np) * 2;
					all = xreallocarray(all, allcap, 2 * sizeof(double));
				}
				memcpy(all + 2 * nall, xy, np * 2 * sizeof(double));
				nall += np;
			}
		}
	}
	/* Overall: every six-point item of every double-read record pooled. */
	*out = xreallocarray(*out, *n + 1, sizeof(**out));
	memset(&(*out)[*n], 0, sizeof(**out));
	(*out)[*n].agency = "";
	agree(all ? all : xy, nall, true, &(*out)[*n]);
	(*n)++;
	free(all);
	free(xy);
	return CAIRN_OK;
}

int
app_agreement_load(struct store *st, const struct actor *who, long insp, struct reading_ctx *x,
    struct item_agreement **out, size_t *n, struct cairn_err *err)
{
	int rc;

	*out = NULL;
	*n = 0;
	memset(x, 0, sizeof(*x));
	if ((rc = authz_check(st, who, insp, ACTION_VIEW_AGGREGATES, NULL, err)) != CAIRN_OK ||
	    (rc = app_reading_ctx(st, insp, x, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_agreement(x, out, n, err)) != CAIRN_OK) {
		reading_ctx_free(x);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
app_reading_summary_load(struct store *st, const struct actor *who, long insp,
    struct reading_ctx *x, struct item_summary **out, size_t *n, long *threshold,
    struct cairn_err *err)
{
	int rc;

	*out = NULL;
	*n = 0;
	memset(x, 0, sizeof(*x));
	if ((rc = authz_check(st, who, insp, ACTION_VIEW_AGGREGATES, NULL, err)) != CAIRN_OK ||
	    (threshold != NULL &&
	        (rc = disclose_threshold_load(st, insp, threshold, err)) != CAIRN_OK) ||
	    (rc = app_reading_ctx(st, insp, x, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_reading_summary(x, out, n, err)) != CAIRN_OK) {
		reading_ctx_free(x);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* Returns true when the comma-separated list has code as one of its
 * entries (spaces around an entry ignored). */
static bool
list_has(const char *list, const char *code)
{
	size_t len = strlen(code);

	for (const char *p = list; *p != '\0';) {
		const char *end = strchr(p, ',');
		size_t n;

		if (end == NULL)
			end = p + strlen(p);
		while (p < end && *p == ' ')
			p++;
		n = (size_t)(end - p);
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n == len && memcmp(p, code, len) == 0)
			return true;
		p = *end != '\0' ? end + 1 : end;
	}
	return false;
}

void
readstat_agency_counts(const struct reading_ctx *x, long *counts, long *children)
{
	assert(x != NULL && counts != NULL && children != NULL);
	*children = 0;
	for (size_t a = 0; a < x->tpl.nagencies; a++)
		counts[a] = 0;
	for (size_t i = 0; i < x->sample.nmembers; i++) {
		const struct reading *r[2];

		reading_ctx_pair(x, x->sample.members[i].id, r);
		if (r[0] == NULL)
			continue;
		(*children)++;
		if (r[0]->agencies == NULL)
			continue;
		for (size_t a = 0; a < x->tpl.nagencies; a++)
			counts[a] += list_has(r[0]->agencies, x->tpl.agencies[a].code);
	}
}

/* Returns a number, or JSON null for NaN or infinity. */
static json_t *
num(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

static json_t *
kappa_json(bool has, const struct stats_kappa *k)
{
	if (!has)
		return json_null();
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:I}", "kappa", num(k->kappa), "se",
	    num(k->se), "z", num(k->z), "p", num(k->p), "ci_low", num(k->ci_low), "ci_high",
	    num(k->ci_high), "n", (json_int_t)k->n);
}

json_t *
readstat_agreement_json(long insp, const struct item_agreement *v, size_t n)
{
	json_t *items = json_array(), *overall = NULL;
	size_t npoor = 0;

	for (size_t i = 0; i < n; i++) {
		const struct item_agreement *g = &v[i];
		json_t *j = json_pack("{s:s?, s:s?, s:I, s:o, s:o, s:o, s:o}", "item",
		    g->item ? g->item->code : NULL, "agency", g->agency[0] ? g->agency : NULL, "n",
		    (json_int_t)g->n, "percent_agreement", num(100 * g->pct), "kappa",
		    kappa_json(g->has_kappa, &g->kappa), "weighted_kappa_linear",
		    kappa_json(g->has_linear, &g->linear), "weighted_kappa_quadratic",
		    kappa_json(g->has_quadratic, &g->quadratic));

		npoor += g->poor;
		json_object_set_new(j, "weight_levels", json_string(g->ordinal ? "scale" : "none"));
		json_object_set_new(j, "weighted_kappa_linear_present",
		    kappa_json(g->has_linear_present, &g->linear_present));
		json_object_set_new(j, "weighted_kappa_quadratic_present",
		    kappa_json(g->has_quadratic_present, &g->quadratic_present));
		json_object_set_new(j, "alpha",
		    g->has_alpha
		        ? json_pack("{s:o, s:o, s:o, s:I, s:s, s:o, s:o, s:I, s:I}", "alpha",
		              num(g->alpha.alpha), "d_o", num(g->alpha.d_o), "d_e",
		              num(g->alpha.d_e), "n_pairable", (json_int_t)g->alpha.n_pairable,
		              "level", g->ordinal ? "ordinal" : "nominal", "ci_low",
		              g->has_boot ? num(g->boot.lower) : json_null(), "ci_high",
		              g->has_boot ? num(g->boot.upper) : json_null(), "bootstrap_reps",
		              (json_int_t)READSTAT_BOOT_REPS, "seed",
		              (json_int_t)READSTAT_BOOT_SEED)
		        : json_null());
		json_object_set_new(j, "poor", json_boolean(g->poor));
		if (g->why[0])
			json_object_set_new(j, "note", json_string(g->why));
		if (g->item == NULL)
			overall = j;
		else
			json_array_append_new(items, j);
	}
	return json_pack("{s:I, s:o, s:o, s:I}", "inspection", (json_int_t)insp, "items", items,
	    "overall", overall ? overall : json_null(), "poor", (json_int_t)npoor);
}

json_t *
readstat_summary_json(long insp, const char *tpl, const struct item_summary *v, size_t n)
{
	json_t *items = json_array();

	for (size_t i = 0; i < n; i++) {
		const struct item_summary *s = &v[i];
		json_t *dist = json_object(), *j;

		for (size_t k = 0; k < s->nvalues; k++)
			json_object_set_new(dist, s->values[k], json_integer(s->counts[k]));
		j = json_pack("{s:s, s:s?, s:s, s:s, s:I, s:o}", "item", s->item->code, "agency",
		    s->agency[0] ? s->agency : NULL, "text", s->item->text, "answer",
		    answer_type_code[s->item->answer], "n", (json_int_t)s->n, "distribution", dist);
		if (s->has_prop) {
			json_object_set_new(j, "measure", json_string(s->measure));
			json_object_set_new(j, "proportion",
			    json_pack("{s:I, s:I, s:o, s:o, s:o, s:s}", "x", (json_int_t)s->x, "n",
			        (json_int_t)s->nprop, "estimate", num(s->wilson.estimate), "lower",
			        num(s->wilson.lower), "upper", num(s->wilson.upper), "method",
			        "wilson"));
			json_object_set_new(j, "population_estimate",
			    s->has_strat
			        ? json_pack("{s:o, s:o, s:o, s:o, s:I, s:I, s:s}", "estimate",
			              num(s->strat.estimate), "se", num(s->strat.se), "lower",
			              num(s->strat.lower), "upper", num(s->strat.upper),
			              "population", (json_int_t)s->strat.population, "sampled",
			              (json_int_t)s->strat.sampled, "method", "stratified, fpc")
			        : json_null());
			json_object_set_new(j, "quantifier",
			    s->quantifier[0] ? json_string(s->quantifier) : json_null());
		}
		json_array_append_new(items, j);
	}
	return json_pack("{s:I, s:s, s:o}", "inspection", (json_int_t)insp, "template", tpl,
	    "items", items);
}
