/* cairn stats sii|rate|dsr (isr in cmd_stats_isr.c): inequality and rate statistics on the command line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/outcomes/outcome.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/text.h"
#include "stats/dsr.h"
#include "stats/inequality.h"
#include "stats/rate.h"

/* Default simulation repetitions (PHEindicatormethods' default). */
#define SII_REPS_DEFAULT 100000
/* Default simulation seed. */
#define SII_SEED_DEFAULT 1

/* Returns v as a JSON real, or null when it is not finite. */
static json_t *
jnum(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* Parses a confidence level given as 0.95 or 95. */
static int
parse_level(struct cli *c, const char *text, double *level)
{
	if (text == NULL)
		return CAIRN_OK;
	if (!text_parse_double(text, level) || !(*level > 0 && *level < 100))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--level '%s' is not a confidence level; "
		    "use e.g. 0.95 or 95",
		    text);
	if (*level >= 1)
		*level /= 100.0;
	return CAIRN_OK;
}

static int
stats_sii_cmd(struct cli *c, int argc, char **argv)
{
	const char *conv = NULL, *scale = NULL, *mult = NULL, *reps = NULL, *seed = NULL,
	           *level = NULL, *overall = NULL, *pos[1];
	bool transform = false;
	const struct cli_opt opts[] = {
		{ "convention", &conv, NULL,
		    "scotpho|phe  which published convention (default scotpho)" },
		{ "scale", &scale, NULL,
		    "normal|rate|proportion  kind of value, for the simulation "
		    "(default normal)" },
		{ "transform", NULL, &transform,
		    "PHE: fit on the log (rate) or logit (proportion) scale" },
		{ "multiplier", &mult, NULL,
		    "M  PHE: multiply the SII by M (negative inverts the RII)" },
		{ "overall", &overall, NULL,
		    "V  ScotPHO: overall value for the RII (default: the "
		    "population-weighted mean)" },
		{ "level", &level, NULL, "L  confidence level of the SII interval (default 0.95)" },
		{ "reps", &reps, NULL, "N  simulation repetitions (default 100000; 0 for none)" },
		{ "seed", &seed, NULL, "S  simulation seed (default 1)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct outcome_sii_file *r = NULL;
	struct stats_sii_opts o;
	struct csv_errors errs;
	const struct stats_sii_convention_info *ci;
	const struct stats_sii *s;
	double lo, hi, rlo, rhi;
	bool use_sim;
	long v;
	int rc;

	stats_sii_defaults(&o);
	o.reps = SII_REPS_DEFAULT;
	o.seed = SII_SEED_DEFAULT;
	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "FILE [--convention scotpho|phe] "
	         "[--scale normal|rate|proportion] [--reps N] [--seed S]",
	         "Slope and relative index of inequality, PAR and ranges from a CSV with the\n"
	         "columns group (1 = most deprived), population, value and optionally lower,\n"
	         "upper (95% limits of each value).  The SII interval is analytic (the\n"
	         "regression's t interval) for ScotPHO, and simulated from the group limits\n"
	         "(PHE's method, seeded) for PHE when limits are given.")) != 0)
		return rc;
	if (conv != NULL && (rc = stats_sii_convention_parse(conv)) < 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--convention '%s' is not known; use scotpho "
		    "or phe",
		    conv);
	if (conv != NULL)
		o.convention = (enum stats_sii_convention)rc;
	if (scale != NULL) {
		o.scale = STATS_SCALE__MAX;
		for (int i = 0; i < STATS_SCALE__MAX; i++)
			if (strcmp(scale, stats_scale_name[i]) == 0)
				o.scale = (enum stats_scale)i;
		if (o.scale == STATS_SCALE__MAX)
			return cairn_errf(&c->err, CAIRN_EUSAGE,
			    "--scale '%s' is not known; use normal, "
			    "rate or proportion",
			    scale);
	}
	o.transform = transform;
	if (transform && (o.convention != STATS_SII_PHE || o.scale == STATS_SCALE_NORMAL))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--transform needs --convention phe and "
		    "--scale rate or proportion");
	if (mult != NULL && (!text_parse_double(mult, &o.multiplier) || o.multiplier == 0))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--multiplier '%s' is not a non-zero number", mult);
	if (overall != NULL && (!text_parse_double(overall, &o.overall) || o.overall == 0))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--overall '%s' is not a non-zero number",
		    overall);
	if ((rc = parse_level(c, level, &o.level)) != 0)
		return rc;
	if (reps != NULL) {
		if (!text_parse_long(reps, 0, 10000000L, &v) || (v > 0 && v < 1000))
			return cairn_errf(&c->err, CAIRN_EUSAGE,
			    "--reps '%s' must be 0 (no simulation) "
			    "or 1000 to 10000000",
			    reps);
		o.reps = v;
	}
	if (seed != NULL) {
		if (!text_parse_long(seed, 0, 2000000000L, &v))
			return cairn_errf(&c->err, CAIRN_EUSAGE,
			    "--seed '%s' is not a whole number", seed);
		o.seed = (uint64_t)v;
	}
	r = xcalloc(1, sizeof(*r));
	if ((rc = app_sii_file(pos[0], &o, r, &errs, &c->err)) != CAIRN_OK) {
		if (errs.total > 0)
			cli_print_import_errors(c, &errs, pos[0]);
		free(r);
		return rc;
	}
	s = &r->sii;
	ci = &stats_sii_convention_table[o.convention];
	use_sim = o.convention == STATS_SII_PHE && s->simulated;
	lo = use_sim ? s->sim_sii_lower : s->sii_lower;
	hi = use_sim ? s->sim_sii_upper : s->sii_upper;
	rlo = use_sim ? s->sim_rii_lower : s->rii_lower;
	rhi = use_sim ? s->sim_rii_upper : s->rii_upper;
	if (c->json) {
		json_t *sim = json_null();

		if (s->simulated)
			sim = json_pack("{s:o, s:o, s:o, s:o, s:I, s:I, s:s}", "sii_lower",
			    jnum(s->sim_sii_lower), "sii_upper", jnum(s->sim_sii_upper),
			    "rii_lower", jnum(s->sim_rii_lower), "rii_upper",
			    jnum(s->sim_rii_upper), "reps", (json_int_t)o.reps, "seed",
			    (json_int_t)o.seed, "method",
			    "PHE simulation: group values drawn from normal distributions on the "
			    "value's scale (xoshiro256** seeded, inversion), refitted, "
			    "percentiles");
		cli_print_json(json_pack(
		    "{s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:{s:s, s:s, s:s, s:s}, "
		    "s:f, s:s, s:{s:o, s:o, s:o, s:o}, s:o, s:o, s:o, s:o, s:o, s:I, s:s, s:o}",
		    "sii", jnum(s->sii), "sii_lower", jnum(lo), "sii_upper", jnum(hi), "rii",
		    jnum(s->rii), "rii_lower", jnum(rlo), "rii_upper", jnum(rhi), "interval",
		    use_sim ? "simulation" : "analytic", "convention", "code", ci->code, "label",
		    ci->label, "sii_meaning", ci->sii_meaning, "rii_meaning", ci->rii_meaning,
		    "level", o.level, "scale", stats_scale_name[o.scale], "analytic", "sii_lower",
		    jnum(s->sii_lower), "sii_upper", jnum(s->sii_upper), "rii_lower",
		    jnum(s->rii_lower), "rii_upper", jnum(s->rii_upper), "simulation", sim, "par",
		    jnum(r->ranges.par), "abs_range", jnum(r->ranges.abs_range), "rel_range",
		    jnum(r->ranges.rel_range), "intercept", jnum(s->intercept), "groups",
		    (json_int_t)s->ngroups, "file", pos[0], "overall", jnum(s->overall)));
	} else {
		printf("Convention: %s\n  SII: %s\n  RII: %s\n", ci->label, ci->sii_meaning,
		    ci->rii_meaning);
		printf("Groups: %zu (1 = most deprived)\n", s->ngroups);
		printf("SII  %.6g  (%g%% %s interval %.6g to %.6g)\n", s->sii, o.level * 100,
		    use_sim ? "simulated" : "analytic", lo, hi);
		printf("RII  %.6g  (%.6g to %.6g)\n", s->rii, rlo, rhi);
		if (s->simulated && !use_sim)
			printf("Simulated (PHE, %ld reps, seed %llu): SII %.6g to %.6g, RII %.6g "
			       "to %.6g\n",
			    o.reps, (unsigned long long)o.seed, s->sim_sii_lower, s->sim_sii_upper,
			    s->sim_rii_lower, s->sim_rii_upper);
		else if (use_sim)
			printf("Analytic: SII %.6g to %.6g, RII %.6g to %.6g\n", s->sii_lower,
			    s->sii_upper, s->rii_lower, s->rii_upper);
		printf("PAR  %.4g%%\nAbsolute range %.6g; relative range %.6g\n", r->ranges.par,
		    r->ranges.abs_range, r->ranges.rel_range);
	}
	free(r);
	return CAIRN_OK;
}

static int
stats_rate_cmd(struct cli *c, int argc, char **argv)
{
	const char *per = NULL, *level = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "per", &per, NULL, "N  express the rate per N (default 1000)" },
		{ "level", &level, NULL, "L  confidence level (default 0.95)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct stats_rate r;
	double x, n, p = 1000, lv = 0.95;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2, "X N [--per 1000] [--level 0.95]",
	         "The rate of X events in a population of N, per --per people, with its\n"
	         "interval: exact Poisson below 10 events, Byar's method from 10 (as\n"
	         "PHEindicatormethods phe_rate).")) != 0)
		return rc;
	if (!text_parse_double(pos[0], &x) || x < 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "X '%s' is not a count of events (0 or more)", pos[0]);
	if (!text_parse_double(pos[1], &n) || !(n > 0))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "N '%s' is not a population (more than 0)",
		    pos[1]);
	if (per != NULL && (!text_parse_double(per, &p) || !(p > 0)))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--per '%s' is not a positive number",
		    per);
	if ((rc = parse_level(c, level, &lv)) != 0)
		return rc;
	if (!stats_rate(x, n, p, lv, &r))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "cannot compute a rate for %s in %s",
		    pos[0], pos[1]);
	if (c->json)
		cli_print_json(
		    json_pack("{s:f, s:f, s:f, s:o, s:o, s:o, s:s, s:f}", "events", x, "population",
		        n, "per", p, "rate", jnum(r.value), "lower", jnum(r.lower), "upper",
		        jnum(r.upper), "method", stats_rate_method_name[r.method], "level", lv));
	else
		printf("%.6g per %g (%g%% %s interval %.6g to %.6g)\n", r.value, p, lv * 100,
		    r.method == STATS_RATE_EXACT ? "exact Poisson" : "Byar's", r.lower, r.upper);
	return CAIRN_OK;
}

/* Most age bands a DSR file may have. */
#define DSR_BANDS_MAX (STATS_ESP2013_BANDS * 2)

/* The age bands of a DSR file, as read. */
struct dsr_file {
	double x[DSR_BANDS_MAX];         /* counts */
	double pop[DSR_BANDS_MAX];       /* populations */
	double std[DSR_BANDS_MAX];       /* standard weights (4th column) */
	size_t n;                        /* bands read */
	bool has_std;                    /* the file gives its own standard */
	bool nonind;                     /* --non-independent: people by events per person follow */
	size_t nfreq;                    /* event-frequency columns (with nonind) */
	size_t freq_col;                 /* index of the first of them */
	double freq[STATS_DSR_FREQ_MAX]; /* events per person, by column */
	double people[DSR_BANDS_MAX * STATS_DSR_FREQ_MAX]; /* [band * nfreq + k] */
};

/* Parses a header cell naming a number of events per person, "3" or "f3";
 * returns false when it is not one. */
static bool
dsr_freq_name(const char *cell, double *freq)
{
	if (cell[0] == 'f' || cell[0] == 'F')
		cell++;
	return cell[0] >= '0' && cell[0] <= '9' && text_parse_double(cell, freq) && *freq >= 1 &&
	    *freq <= 1e6 && *freq == floor(*freq);
}

/* Checks the header of a DSR file: band,count,population[,standard], and
 * with --non-independent one column per number of events per person. */
static int
dsr_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct dsr_file *f = arg;
	double fr;

	if (!f->nonind) {
		if (h->ncells != 3 && h->ncells != 4) {
			csv_errors_add(errs, h->line, 0,
			    "the header has %zu columns; a DSR file has band,count,population and "
			    "optionally standard%s",
			    h->ncells,
			    h->ncells > 4 ? " (for columns of people by events per person, give "
			                    "--non-independent)"
			                  : "");
			return CAIRN_EDATA;
		}
		f->has_std = h->ncells == 4;
		return CAIRN_OK;
	}
	f->has_std = h->ncells > 3 && !dsr_freq_name(h->cells[3], &fr);
	f->freq_col = f->has_std ? 4 : 3;
	if (h->ncells <= f->freq_col || h->ncells - f->freq_col > STATS_DSR_FREQ_MAX) {
		csv_errors_add(errs, h->line, 0,
		    "with --non-independent the header is band,count,population, optionally "
		    "standard, then 1 to %d columns named by the events per person (1, 2, 3, ... "
		    "or f1, f2, f3, ...)",
		    STATS_DSR_FREQ_MAX);
		return CAIRN_EDATA;
	}
	f->nfreq = h->ncells - f->freq_col;
	for (size_t k = 0; k < f->nfreq; k++) {
		const char *cell = h->cells[f->freq_col + k];

		if (!dsr_freq_name(cell, &f->freq[k])) {
			csv_errors_add(errs, h->line, (long)(f->freq_col + k + 1),
			    "'%s' is not a number of events per person (1, 2, 3, ... or f1, f2, "
			    "f3, ...)",
			    cell);
			return CAIRN_EDATA;
		}
		for (size_t j = 0; j < k; j++)
			if (f->freq[j] == f->freq[k]) {
				csv_errors_add(errs, h->line, (long)(f->freq_col + k + 1),
				    "'%s' names %g events per person a second time", cell,
				    f->freq[k]);
				return CAIRN_EDATA;
			}
	}
	return CAIRN_OK;
}

/* Reads one cell of a DSR row into *v: a blank is 0 when blank_zero, and
 * the value must be at least 0 (positive when positive).  Records an
 * error at the cell and returns false otherwise. */
static bool
dsr_cell(const struct csv_row *r, size_t k, bool blank_zero, bool positive, double *v,
    struct csv_errors *errs)
{
	*v = 0;
	if (blank_zero && r->cells[k][0] == '\0')
		return true;
	if (!text_parse_double(r->cells[k], v) || !isfinite(*v) || *v < 0 ||
	    (positive && *v == 0)) {
		csv_errors_add(errs, r->lines[k], (long)k + 1,
		    positive     ? "'%s' is not a positive number"
		        : k == 1 ? "the count '%s' is not a number of at least 0"
		                 : "the number of people '%s' is not a number of at least 0",
		    r->cells[k]);
		return false;
	}
	return true;
}

/* Reads one age band: a count (blank is 0, as phe_dsr), a population,
 * perhaps a standard weight, and with --non-independent the people with
 * each number of events (blank is 0), whose events must make the count. */
static int
dsr_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct dsr_file *f = arg;
	bool ok = true;
	double events = 0;

	if (f->n == DSR_BANDS_MAX) {
		csv_errors_add(errs, r->line, 0, "too many age bands (at most %zu)", f->n);
		return CAIRN_EDATA;
	}
	ok &= dsr_cell(r, 1, true, false, &f->x[f->n], errs);
	ok &= dsr_cell(r, 2, false, true, &f->pop[f->n], errs);
	f->std[f->n] = 0;
	if (f->has_std)
		ok &= dsr_cell(r, 3, false, true, &f->std[f->n], errs);
	for (size_t k = 0; f->nonind && k < f->nfreq; k++) {
		double *p = &f->people[f->n * f->nfreq + k];

		ok &= dsr_cell(r, f->freq_col + k, true, false, p, errs);
		events += f->freq[k] * *p;
	}
	if (ok && f->nonind && events != f->x[f->n])
		csv_errors_add(errs, r->lines[1], 2,
		    "the count %g is not the %g events that the people by events per person "
		    "make",
		    f->x[f->n], events);
	f->n++;
	return CAIRN_OK;
}

static int
stats_dsr_cmd(struct cli *c, int argc, char **argv)
{
	const char *per_s = NULL, *level_s = NULL, *pos[1];
	bool nonind = false;
	const struct cli_opt opts[] = {
		{ "per", &per_s, NULL, "N  the rate per N people (default 100000)" },
		{ "level", &level_s, NULL, "P  confidence level (default 0.95)" },
		{ "non-independent", NULL, &nonind,
		    "people may have several events: columns 1, 2, 3... (or f1, f2...) after the "
		    "population give the people with that many (PHE independent_events = FALSE)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct csv_opts o = { 0 };
	struct csv_errors errs;
	struct cairn_err e = { 0 };
	struct dsr_file *f;
	struct stats_dsr d;
	double per = 100000, level = 0.95;
	const char *why;
	bool ok;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "FILE [--per 100000] [--level 0.95] [--non-independent]",
	         "Directly standardised rate (PHEindicatormethods phe_dsr): FILE has the\n"
	         "columns band,count,population, one row per age band, and optionally a\n"
	         "fourth column, the standard population.  Without it the standard is the\n"
	         "European Standard Population 2013 and the file has its 19 bands in\n"
	         "order (0-4, 5-9, ..., 85-89, 90+).  A blank count is 0.  The interval is\n"
	         "Dobson et al.'s (1991) with Byar's limits for the total count; there is\n"
	         "no rate below 10 events.")) != 0)
		return rc;
	if (per_s != NULL && (!text_parse_double(per_s, &per) || !(per > 0) || !isfinite(per)))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--per '%s' is not a positive number",
		    per_s);
	if ((rc = parse_level(c, level_s, &level)) != 0)
		return rc;
	f = xcalloc(1, sizeof(*f));
	f->nonind = nonind;
	o.on_header = dsr_header;
	o.on_row = dsr_row;
	o.arg = f;
	rc = csv_read_file(pos[0], &o, &errs, &e);
	if (rc == CAIRN_EDATA && errs.nkept > 0) {
		const struct csv_error *x = &errs.kept[0];

		rc = cairn_errf(&c->err, CAIRN_EDATA, "%s: line %ld%s%.0ld: %s%s", pos[0], x->line,
		    x->column ? ", column " : "", x->column, x->msg,
		    errs.total > 1 ? " (and more errors)" : "");
		goto out;
	}
	if (rc != CAIRN_OK) {
		rc = cairn_errf(&c->err, rc, "%s", e.msg);
		goto out;
	}
	if (!f->has_std) {
		if (f->n != STATS_ESP2013_BANDS) {
			rc = cairn_errf(&c->err, CAIRN_EDATA,
			    "%s has %zu age bands; against the European Standard Population 2013 "
			    "it needs its 19 (0-4 to 90+), or give a fourth column, the standard",
			    pos[0], f->n);
			goto out;
		}
		memcpy(f->std, stats_esp2013, sizeof(stats_esp2013));
	}
	ok = nonind ? stats_dsr_nonindependent(f->people, f->freq, f->nfreq, f->pop, f->std, f->n,
	                  per, level, &d, &why)
	            : stats_dsr_compute(f->x, f->pop, f->std, f->n, per, level, &d, &why);
	if (!ok) {
		rc = cairn_errf(&c->err, CAIRN_EDATA, "%s: %s", pos[0], why);
		goto out;
	}
	if (c->json)
		cli_print_json(json_pack("{s:o, s:o, s:o, s:o, s:f, s:f, s:f, s:f, s:s, s:s, s:b}",
		    "value", jnum(d.value), "lower", jnum(d.lower), "upper", jnum(d.upper), "se",
		    jnum(d.se), "events", d.events, "population", d.population, "per", per, "level",
		    level, "standard", f->has_std ? "file" : "esp2013", "method",
		    nonind ? "Dobson, Byar's limits for the total, variance adjusted for "
		             "non-independent events"
		           : "Dobson, Byar's limits for the total",
		    "independent_events", !nonind));
	else
		printf("DSR %.2f per %g (%g%% Dobson interval %.2f to %.2f%s); %g events in %g "
		       "people; standard %s\n",
		    d.value, per, 100 * level, d.lower, d.upper,
		    nonind ? ", adjusted for non-independent events" : "", d.events, d.population,
		    f->has_std ? "from the file" : "European Standard Population 2013");
	rc = CAIRN_OK;
out:
	free(f);
	return rc;
}

int
cmd_stats(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "sii", stats_sii_cmd, "slope and relative index of inequality from a group CSV" },
		{ "rate", stats_rate_cmd, "a rate with its exact or Byar's interval" },
		{ "dsr", stats_dsr_cmd,
		    "directly standardised rate (European Standard Population 2013, Dobson)" },
		{ "isr", cmd_stats_isr,
		    "indirectly standardised ratio or rate against reference rates (Byar's)" },
		{ "kappa", cmd_stats_kappa, "Cohen's kappa, unweighted or weighted, two raters" },
		{ "fleiss", cmd_stats_fleiss, "Fleiss' kappa for m raters" },
		{ "alpha", cmd_stats_alpha, "Krippendorff's alpha with a bootstrap interval" },
		{ "agreement", cmd_stats_agreement,
		    "kappa, weighted kappa and alpha with its interval, for many items at once" },
		{ "agree", cmd_stats_agree, "percentage agreement (with a tolerance)" },
		{ "proportion", cmd_stats_proportion, "interval for a proportion X/N" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "stats", table, argc, argv);
}
