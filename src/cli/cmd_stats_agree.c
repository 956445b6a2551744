/*
 * cairn stats kappa|fleiss|alpha|agreement|agree|proportion, and "cairn sample size"
 * (listed in the tables of cmd_stats.c and cmd_sample.c):
 * the statistics of stats/ exposed directly for analysts and for checking.
 * No database is needed.  Rating files are CSV (read with core/csv.h): the
 * first column is the unit id, then one column per rater; a blank cell or
 * NA is a missing rating.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/text.h"
#include "stats/agreement.h"
#include "stats/proportion.h"
#include "stats/quantifier.h"
#include "stats/sampling.h"

/* Ratings read from a CSV file: rows x cols, row-major. */
struct ratings {
	double *x;    /* values, NaN missing; malloc'd */
	size_t rows;  /* data rows (units, or raters with --raters-in rows) */
	size_t cols;  /* rating columns (raters, or units) */
	size_t cap;   /* rows allocated */
	char **names; /* the header's rating column names (cols); malloc'd */
};

/* Frees a ratings table. */
static void
ratings_free(struct ratings *r)
{
	for (size_t i = 0; r->names != NULL && i < r->cols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->x);
	memset(r, 0, sizeof(*r));
}

/* CSV header callback: needs a unit column and at least one rater column. */
static int
ratings_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct ratings *r = arg;

	if (h->ncells < 2) {
		csv_errors_add(errs, h->line, 0,
		    "the header needs a unit id column and at least one rater column");
		return CAIRN_OK;
	}
	r->cols = h->ncells - 1;
	r->names = xcalloc(r->cols, sizeof(*r->names));
	for (size_t i = 0; i < r->cols; i++)
		r->names[i] = xstrdup(h->cells[i + 1]);
	return CAIRN_OK;
}

/* CSV row callback: each rating cell is a number, blank, or NA. */
static int
ratings_row(void *arg, const struct csv_row *row, struct csv_errors *errs)
{
	struct ratings *r = arg;

	if (r->cols == 0)
		return CAIRN_OK;
	if (r->rows == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->x = xreallocarray(r->x, r->cap * r->cols, sizeof(*r->x));
	}
	for (size_t i = 0; i < r->cols; i++) {
		const char *cell = i + 1 < row->ncells ? row->cells[i + 1] : "";
		char tmp[64];
		double v = NAN;

		if (!text_copy(tmp, sizeof(tmp), cell)) {
			csv_errors_add(errs, row->lines[i + 1], (long)i + 2,
			    "the rating is too long; ratings are numbers, blank or NA");
			continue;
		}
		text_trim(tmp);
		if (tmp[0] != '\0' && strcmp(tmp, "NA") != 0 && !text_parse_double(tmp, &v))
			csv_errors_add(errs, row->lines[i + 1], (long)i + 2,
			    "'%s' is not a number; ratings are numbers, blank or NA", tmp);
		r->x[r->rows * r->cols + i] = v;
	}
	r->rows++;
	return CAIRN_OK;
}

/* Reads path into r.  Returns CAIRN_OK, CAIRN_ENOINPUT, or CAIRN_EDATA with
 * a one-line message naming the first error's line and column. */
static int
ratings_read(struct cli *c, const char *path, struct ratings *r)
{
	struct csv_opts o = { 0 };
	struct csv_errors errs;
	struct cairn_err e = { 0 };
	int rc;

	memset(r, 0, sizeof(*r));
	o.on_header = ratings_header;
	o.on_row = ratings_row;
	o.arg = r;
	rc = csv_read_file(path, &o, &errs, &e);
	if (rc == CAIRN_EDATA && errs.nkept > 0) {
		const struct csv_error *f = &errs.kept[0];

		rc = cairn_errf(&c->err, CAIRN_EDATA, "%s: line %ld%s%.0ld: %s%s", path, f->line,
		    f->column ? ", column " : "", f->column, f->msg,
		    errs.total > 1 ? " (and more errors)" : "");
	} else if (rc != CAIRN_OK) {
		rc = cairn_errf(&c->err, rc, "%s", e.msg);
	} else if (r->rows == 0) {
		rc = cairn_errf(&c->err, CAIRN_EDATA, "%s has a header but no rows of ratings",
		    path);
	}
	if (rc != CAIRN_OK)
		ratings_free(r);
	return rc;
}

/* Transposes r in place (rows <-> cols); column names become "1", "2"... */
static void
ratings_transpose(struct ratings *r)
{
	double *t = xcalloc(r->rows * r->cols + 1, sizeof(*t));
	size_t rows = r->rows, cols = r->cols;

	for (size_t i = 0; i < rows; i++)
		for (size_t j = 0; j < cols; j++)
			t[j * rows + i] = r->x[i * cols + j];
	for (size_t i = 0; i < cols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->x);
	r->x = t;
	r->rows = cols;
	r->cols = rows;
	r->cap = cols;
	r->names = xcalloc(r->cols, sizeof(*r->names));
	for (size_t i = 0; i < r->cols; i++)
		r->names[i] = xasprintf("%zu", i + 1);
}

/* Parses a number option with a range; name is for the message. */
static int
opt_double(struct cli *c, const char *name, const char *text, double lo, double hi, bool open_ends,
    double *out)
{
	double v;

	if (text == NULL)
		return CAIRN_OK;
	if (!text_parse_double(text, &v) ||
	    (open_ends ? !(v > lo && v < hi) : !(v >= lo && v <= hi)))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--%s '%s': give a number %s %g and %g",
		    name, text, open_ends ? "strictly between" : "from", lo, hi);
	*out = v;
	return CAIRN_OK;
}

/* A JSON number, or null for NaN and infinities. */
static json_t *
jnum(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* A JSON integer for a whole number, else a real. */
static json_t *
jcount(double v)
{
	return v == floor(v) && fabs(v) < 9e15 ? json_integer((json_int_t)v) : json_real(v);
}

/* Parses "--scale LO..HI" (integers) or "a,b,c" into a malloc'd array. */
static int
parse_scale(struct cli *c, const char *text, double **out, size_t *n)
{
	const char *dots = strstr(text, "..");

	if (dots != NULL) {
		char lo_s[32], hi_s[32];
		long lo, hi;

		snprintf(lo_s, sizeof(lo_s), "%.*s", (int)(dots - text), text);
		snprintf(hi_s, sizeof(hi_s), "%s", dots + 2);
		if (!text_parse_long(lo_s, -1000000, 1000000, &lo) ||
		    !text_parse_long(hi_s, -1000000, 1000000, &hi) || hi <= lo || hi - lo > 1000)
			return cairn_errf(&c->err, CAIRN_EUSAGE,
			    "--scale '%s': give LO..HI with whole numbers LO < HI, e.g. 1..6",
			    text);
		*n = (size_t)(hi - lo + 1);
		*out = xcalloc(*n, sizeof(**out));
		for (long v = lo; v <= hi; v++)
			(*out)[v - lo] = (double)v;
		return CAIRN_OK;
	}
	{
		char *copy = xstrdup(text), *p = copy;
		size_t k = 0, cap = 8;

		*out = xcalloc(cap, sizeof(**out));
		for (;;) {
			char *comma = strchr(p, ',');

			if (comma != NULL)
				*comma = '\0';
			if (k == cap)
				*out = xreallocarray(*out, cap *= 2, sizeof(**out));
			if (!text_parse_double(text_trim(p), &(*out)[k++])) {
				free(copy);
				free(*out);
				*out = NULL;
				return cairn_errf(&c->err, CAIRN_EUSAGE,
				    "--scale '%s': give LO..HI (e.g. 1..6) or a list of values "
				    "(e.g. 0,1,2)",
				    text);
			}
			if (comma == NULL)
				break;
			p = comma + 1;
		}
		free(copy);
		*n = k;
	}
	return CAIRN_OK;
}

/* The integers from the smallest to the largest complete rating, for
 * --levels scale without --scale; x is n pairs of ratings (n x 2). */
static int
scale_from_data(struct cli *c, const double *x, size_t n, double **out, size_t *k)
{
	double lo = INFINITY, hi = -INFINITY;

	for (size_t i = 0; i < n; i++) {
		double a = x[2 * i], b = x[2 * i + 1];

		if (isnan(a) || isnan(b))
			continue;
		lo = fmin(lo, fmin(a, b));
		hi = fmax(hi, fmax(a, b));
	}
	if (!isfinite(lo) || lo != floor(lo) || hi != floor(hi) || hi - lo > 1000)
		return cairn_errf(&c->err, CAIRN_EDATA,
		    "--levels scale without --scale needs whole-number ratings; give --scale");
	*k = (size_t)(hi - lo) + 1;
	*out = xcalloc(*k, sizeof(**out));
	for (size_t i = 0; i < *k; i++)
		(*out)[i] = lo + (double)i;
	return CAIRN_OK;
}

/* The numbers of a kappa as JSON: kappa, se, z, p, ci_low, ci_high, n, se0,
 * p_o, p_e (the keys of "cairn stats kappa --json"); a new object. */
static json_t *
kappa_json(const struct stats_kappa *k)
{
	json_t *o = json_object();

	json_object_set_new(o, "kappa", jnum(k->kappa));
	json_object_set_new(o, "se", jnum(k->se));
	json_object_set_new(o, "z", jnum(k->z));
	json_object_set_new(o, "p", jnum(k->p));
	json_object_set_new(o, "ci_low", jnum(k->ci_low));
	json_object_set_new(o, "ci_high", jnum(k->ci_high));
	json_object_set_new(o, "n", json_integer((json_int_t)k->n));
	json_object_set_new(o, "se0", jnum(k->se0));
	json_object_set_new(o, "p_o", jnum(k->p_o));
	json_object_set_new(o, "p_e", jnum(k->p_e));
	return o;
}

/* What "bootstrap.method" says for a draw. */
static const char *const boot_method[] = {
	[STATS_BOOT_MULTINOMIAL] = "percentile bootstrap over units (type 7); each replicate's "
	                           "pattern counts from one multinomial draw (GSL binomials); "
	                           "xoshiro256** seeded by SplitMix64",
	[STATS_BOOT_UNITS] = "percentile bootstrap over units (type 7); units drawn one by one; "
	                     "xoshiro256** seeded by SplitMix64",
};
_Static_assert(sizeof(boot_method) / sizeof(boot_method[0]) == STATS_BOOT__MAX,
    "boot_method: one entry per value");

int
cmd_stats_kappa(struct cli *c, int argc, char **argv)
{
	const char *weights = NULL, *levels = NULL, *scale = NULL, *conf = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "weights", &weights, NULL, "none|linear|quadratic  (default none)" },
		{ "levels", &levels, NULL,
		    "present|scale  categories the weights use (default present)" },
		{ "scale", &scale, NULL, "LO..HI|A,B,...  the full scale for --levels scale" },
		{ "confidence", &conf, NULL, "P  confidence level of the interval (default 0.95)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct stats_kappa_req req = { STATS_W_NONE, STATS_LEVELS_PRESENT, NULL, 0, NULL, 0, 0.95 };
	struct stats_kappa k;
	struct ratings r = { 0 };
	double *a = NULL, *b = NULL, *sc = NULL;
	size_t nsc = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "FILE [--weights none|linear|quadratic] [--levels present|scale] [--scale 1..6]",
	         "Cohen's kappa for two raters (Cohen 1960, 1968), with the asymptotic standard\n"
	         "error and interval and the z test under H0 of Fleiss, Cohen & Everitt (1969).\n"
	         "FILE is CSV: unit id, then the two raters' columns; blank or NA is missing\n"
	         "(such units are dropped).  --levels present builds the categories from the\n"
	         "values either rater used, as R irr::kappa2 does; --levels scale uses the\n"
	         "full scale (--scale, or the whole numbers from the lowest to the highest\n"
	         "rating).  The two differ for weighted kappa when a level is unused.")) != 0)
		return rc;
	if (weights != NULL && !stats_weights_parse(weights, &req.weights))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--weights '%s': valid: none, linear, quadratic", weights);
	if (levels != NULL && !stats_levels_parse(levels, &req.levels))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--levels '%s': valid: present, scale",
		    levels);
	if (scale != NULL && req.levels != STATS_LEVELS_SCALE)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--scale goes with --levels scale");
	if ((rc = opt_double(c, "confidence", conf, 0, 1, true, &req.level)) != 0)
		return rc;
	if (scale != NULL && (rc = parse_scale(c, scale, &sc, &nsc)) != 0)
		return rc;
	if ((rc = ratings_read(c, pos[0], &r)) != 0)
		goto out;
	if (r.cols != 2) {
		rc = cairn_errf(&c->err, CAIRN_EDATA,
		    "%s has %zu rater columns; kappa needs exactly 2 (use 'cairn stats fleiss' or "
		    "'cairn stats alpha' for more)",
		    pos[0], r.cols);
		goto out;
	}
	a = xcalloc(r.rows, sizeof(*a));
	b = xcalloc(r.rows, sizeof(*b));
	for (size_t i = 0; i < r.rows; i++) {
		a[i] = r.x[2 * i];
		b[i] = r.x[2 * i + 1];
	}
	if (req.levels == STATS_LEVELS_SCALE && sc == NULL &&
	    (rc = scale_from_data(c, r.x, r.rows, &sc, &nsc)) != 0)
		goto out;
	req.scale = sc;
	req.nscale = nsc;
	if ((rc = stats_kappa(a, b, r.rows, &req, &k, &c->err)) != 0)
		goto out;
	{
		const char *conv = req.levels == STATS_LEVELS_PRESENT
		    ? "levels present in the data (as R irr::kappa2)"
		    : "levels of the full scale";

		if (c->json) {
			json_t *o = kappa_json(&k);

			json_object_set_new(o, "confidence", json_real(req.level));
			json_object_set_new(o, "weights",
			    json_string(stats_weights_name[req.weights]));
			json_object_set_new(o, "levels",
			    json_string(stats_levels_name[req.levels]));
			json_object_set_new(o, "categories", json_integer((json_int_t)k.ncat));
			json_object_set_new(o, "method",
			    json_string("Cohen's kappa; se: Fleiss, Cohen & Everitt (1969) "
			                "asymptotic; z and p: "
			                "under H0 (se0), as irr::kappa2"));
			json_object_set_new(o, "convention", json_string(conv));
			json_object_set_new(o, "strength",
			    json_string(stats_kappa_strength(k.kappa)));
			cli_print_json(o);
		} else {
			printf("Cohen's kappa, %s weights, %s: %zu categories\n",
			    stats_weights_name[req.weights], conv, k.ncat);
			printf("  kappa   %.7g\n  se      %.7g  (%g%% CI %.4f to %.4f)\n", k.kappa,
			    k.se, 100 * req.level, k.ci_low, k.ci_high);
			printf("  z       %.7g  (se under H0 %.7g)\n  p       %.7g\n  n       %zu "
			       "units\n",
			    k.z, k.se0, k.p, k.n);
			printf("  agreement is %s (Landis & Koch 1977)\n",
			    stats_kappa_strength(k.kappa));
		}
	}
out:
	free(a);
	free(b);
	free(sc);
	ratings_free(&r);
	return rc;
}

int
cmd_stats_fleiss(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	struct ratings r = { 0 };
	struct stats_fleiss f;
	long *counts = NULL;
	double *cats = NULL, *ck = NULL;
	size_t subjects = 0, ncat = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "FILE",
	         "Fleiss' kappa for m raters (Fleiss 1971), with the z test under H0 of\n"
	         "Fleiss, Nee & Landis (1979) as R irr::kappam.fleiss, and each category's\n"
	         "kappa.  FILE is CSV: unit id, then one column per rater; units with a\n"
	         "missing rating are dropped.  No interval is given: that standard error is\n"
	         "valid only under H0.")) != 0 ||
	    (rc = ratings_read(c, pos[0], &r)) != 0)
		return rc;
	if ((rc = stats_fleiss_counts(r.x, r.rows, r.cols, &counts, &subjects, &cats, &ncat,
	         &c->err)) != 0)
		goto out;
	ck = xcalloc(ncat, sizeof(*ck));
	if ((rc = stats_fleiss(counts, subjects, ncat, &f, ck, &c->err)) != 0)
		goto out;
	if (c->json) {
		json_t *o = json_object(), *a = json_array();

		json_object_set_new(o, "kappa", jnum(f.kappa));
		json_object_set_new(o, "se0", jnum(f.se0));
		json_object_set_new(o, "z", jnum(f.z));
		json_object_set_new(o, "p", jnum(f.p));
		json_object_set_new(o, "p_bar", jnum(f.p_bar));
		json_object_set_new(o, "p_e", jnum(f.p_e));
		json_object_set_new(o, "n", json_integer((json_int_t)f.subjects));
		json_object_set_new(o, "raters", json_integer(f.raters));
		for (size_t j = 0; j < ncat; j++)
			json_array_append_new(a,
			    json_pack("{s:f, s:o}", "value", cats[j], "kappa", jnum(ck[j])));
		json_object_set_new(o, "categories", a);
		json_object_set_new(o, "strength", json_string(stats_kappa_strength(f.kappa)));
		json_object_set_new(o, "method",
		    json_string("Fleiss (1971) kappa; se0, z and p under H0 (Fleiss, Nee & Landis "
		                "1979), as "
		                "irr::kappam.fleiss"));
		cli_print_json(o);
	} else {
		printf("Fleiss' kappa, %ld raters, %zu subjects\n", f.raters, f.subjects);
		printf("  kappa   %.7g\n  z       %.7g  (se under H0 %.7g)\n  p       %.7g\n",
		    f.kappa, f.z, f.se0, f.p);
		printf("  P_bar   %.4f\n  P_e     %.4f\n", f.p_bar, f.p_e);
		for (size_t j = 0; j < ncat; j++)
			printf("  category %-8g kappa %.3f\n", cats[j], ck[j]);
	}
out:
	free(counts);
	free(cats);
	free(ck);
	ratings_free(&r);
	return rc;
}

int
cmd_stats_alpha(struct cli *c, int argc, char **argv)
{
	const char *level = NULL, *in = NULL, *boot = NULL, *seed_s = NULL, *conf = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "level", &level, NULL, "nominal|ordinal|interval|ratio  level of measurement" },
		{ "raters-in", &in, NULL,
		    "rows|columns  where FILE has its raters (default columns)" },
		{ "bootstrap", &boot, NULL,
		    "N  bootstrap replicates for the interval (default 1000; 0: none)" },
		{ "seed", &seed_s, NULL, "S  seed of the bootstrap generator (default 1)" },
		{ "confidence", &conf, NULL, "P  confidence level of the interval (default 0.95)" },
		{ NULL, NULL, NULL, NULL },
	};
	enum stats_metric m;
	struct ratings r = { 0 };
	struct stats_alpha a;
	struct stats_boot b = { .lower = NAN, .upper = NAN, .seed = 1 };
	long reps = 1000, seed = 1;
	double level_ci = 0.95;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "FILE --level nominal|ordinal|interval|ratio [--raters-in rows|columns] "
	         "[--bootstrap N] [--seed S]",
	         "Krippendorff's alpha with missing values (coincidence matrices, Krippendorff\n"
	         "2011), and a percentile bootstrap interval over units from the seeded\n"
	         "xoshiro256** generator (same seed, same interval); with many units in few\n"
	         "patterns each replicate's pattern counts are one multinomial draw.  FILE is\n"
	         "CSV: unit id, then one column per rater (or, with --raters-in rows, rater\n"
	         "id, then one column per unit); blank or NA is missing.")) != 0)
		return rc;
	if (level == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--level is required: nominal, ordinal, interval or ratio");
	if (!stats_metric_parse(level, &m))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--level '%s': valid: nominal, ordinal, interval, ratio", level);
	if (in != NULL && strcmp(in, "rows") != 0 && strcmp(in, "columns") != 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--raters-in '%s': valid: rows, columns",
		    in);
	if (boot != NULL && !text_parse_long(boot, 0, 100000, &reps))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--bootstrap '%s': give a whole number from 0 to 100000", boot);
	if (reps == 1)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--bootstrap needs 0 or at least 2 replicates");
	if (seed_s != NULL && !text_parse_long(seed_s, 0, 0x7fffffffffffffffL, &seed))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--seed '%s': give a whole number from 0 to 2^63-1", seed_s);
	if ((rc = opt_double(c, "confidence", conf, 0, 1, true, &level_ci)) != 0 ||
	    (rc = ratings_read(c, pos[0], &r)) != 0)
		return rc;
	if (in != NULL && strcmp(in, "rows") == 0)
		ratings_transpose(&r);
	if ((rc = stats_alpha(r.x, r.rows, r.cols, m, &a, &c->err)) != 0 ||
	    (reps > 0 &&
	        (rc = stats_alpha_bootstrap(r.x, r.rows, r.cols, m, reps, level_ci, (uint64_t)seed,
	             &b, &c->err)) != 0))
		goto out;
	if (c->json) {
		json_t *o = json_object();

		json_object_set_new(o, "alpha", jnum(a.alpha));
		json_object_set_new(o, "d_o", jnum(a.d_o));
		json_object_set_new(o, "d_e", jnum(a.d_e));
		json_object_set_new(o, "n_pairable", json_integer(a.n_pairable));
		json_object_set_new(o, "units", json_integer((json_int_t)a.units));
		json_object_set_new(o, "level", json_string(stats_metric_name[m]));
		json_object_set_new(o, "strength", json_string(stats_alpha_strength(a.alpha)));
		if (reps > 0) {
			json_object_set_new(o, "ci_low", jnum(b.lower));
			json_object_set_new(o, "ci_high", jnum(b.upper));
			json_object_set_new(o, "bootstrap",
			    json_pack("{s:I, s:I, s:I, s:f, s:o, s:s, s:s}", "reps",
			        (json_int_t)b.reps, "used", (json_int_t)b.used, "seed",
			        (json_int_t)seed, "confidence", level_ci, "se", jnum(b.sd), "draw",
			        stats_boot_draw_name[b.draw], "method", boot_method[b.draw]));
		}
		cli_print_json(o);
	} else {
		printf("Krippendorff's alpha, %s: %zu units with two or more values\n",
		    stats_metric_name[m], a.units);
		printf("  alpha   %.4f\n  D_o     %.4f\n  D_e     %.4f\n  n       %ld pairable "
		       "values\n",
		    a.alpha, a.d_o, a.d_e, a.n_pairable);
		if (reps > 0)
			printf("  %g%% bootstrap interval %.4f to %.4f (%ld replicates, seed "
			       "%ld)\n",
			    100 * level_ci, b.lower, b.upper, b.reps, seed);
		printf("  %s (Krippendorff: reliable >= 0.800, tentative >= 0.667)\n",
		    stats_alpha_strength(a.alpha));
	}
out:
	ratings_free(&r);
	return rc;
}

/* Prefixes c->err's message with path ("path: message"), keeping its code. */
static int
err_in_file(struct cli *c, const char *path)
{
	char msg[CAIRN_ERR_MSG];
	int rc = c->err.rc;

	snprintf(msg, sizeof(msg), "%s", c->err.msg);
	cairn_err_clear(&c->err);
	return cairn_errf(&c->err, rc, "%s: %s", path, msg);
}

/* The JSON object of one item of "cairn stats agreement". */
static json_t *
item_json(const char *path, const struct stats_item *it, long reps)
{
	json_t *o = json_object(), *a = json_object();

	json_object_set_new(o, "file", json_string(path));
	json_object_set_new(o, "n", json_integer((json_int_t)it->kappa.n));
	json_object_set_new(o, "units", json_integer((json_int_t)it->units));
	json_object_set_new(o, "kappa", kappa_json(&it->kappa));
	json_object_set_new(o, "weighted_kappa", kappa_json(&it->wkappa));
	json_object_set_new(a, "alpha", jnum(it->alpha.alpha));
	json_object_set_new(a, "d_o", jnum(it->alpha.d_o));
	json_object_set_new(a, "d_e", jnum(it->alpha.d_e));
	json_object_set_new(a, "n_pairable", json_integer(it->alpha.n_pairable));
	json_object_set_new(a, "units", json_integer((json_int_t)it->alpha.units));
	if (reps > 0) {
		json_object_set_new(a, "ci_low", jnum(it->boot.lower));
		json_object_set_new(a, "ci_high", jnum(it->boot.upper));
		json_object_set_new(a, "se", jnum(it->boot.sd));
		json_object_set_new(a, "used", json_integer(it->boot.used));
		json_object_set_new(a, "draw", json_string(stats_boot_draw_name[it->boot.draw]));
	}
	json_object_set_new(a, "strength", json_string(stats_alpha_strength(it->alpha.alpha)));
	json_object_set_new(o, "alpha", a);
	return o;
}

/* Default threads for "cairn stats agreement": the processors online, at
 * most 8. */
static unsigned
default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 8 ? 8 : (unsigned)n;
}

int
cmd_stats_agreement(struct cli *c, int argc, char **argv)
{
	const char *weights = NULL, *levels = NULL, *scale = NULL, *level = NULL, *boot = NULL,
	           *seed_s = NULL, *conf = NULL, *threads_s = NULL, **pos;
	const struct cli_opt opts[] = {
		{ "weights", &weights, NULL,
		    "linear|quadratic  weighted kappa's (default quadratic)" },
		{ "levels", &levels, NULL,
		    "present|scale  categories kappa uses (default present)" },
		{ "scale", &scale, NULL, "LO..HI|A,B,...  the full scale for --levels scale" },
		{ "level", &level, NULL,
		    "nominal|ordinal|interval|ratio  alpha's level of measurement (default "
		    "ordinal)" },
		{ "bootstrap", &boot, NULL,
		    "N  bootstrap replicates for alpha's interval (default 1000; 0: none)" },
		{ "seed", &seed_s, NULL,
		    "S  seed of every item's bootstrap generator (default 1)" },
		{ "confidence", &conf, NULL,
		    "P  confidence level of the intervals (default 0.95)" },
		{ "threads", &threads_s, NULL,
		    "N  items computed at once (default: processors online, at most 8)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct stats_item_req req = {
		.weighted = { STATS_W_QUADRATIC, STATS_LEVELS_PRESENT, NULL, 0, NULL, 0, 0.95 },
		.metric = STATS_METRIC_ORDINAL,
		.reps = 1000,
		.boot_level = 0.95,
		.seed = 1,
	};
	struct ratings *r = NULL;
	struct stats_item *items = NULL;
	double *sc = NULL, **item_sc = NULL;
	size_t nsc = 0, nfiles = 0;
	long reps = 1000, seed = 1, threads = (long)default_threads();
	int rc;

	pos = xcalloc((size_t)argc + 1, sizeof(*pos));
	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, (size_t)argc,
	         "FILE... [--weights linear|quadratic] [--level ordinal] [--bootstrap N] "
	         "[--seed S]",
	         "Every agreement statistic of a double reading, item by item, in one run:\n"
	         "for each FILE (one item: unit id, then the two readers' columns) Cohen's\n"
	         "kappa, weighted kappa (--weights), Krippendorff's alpha (--level) and its\n"
	         "bootstrap interval (--bootstrap replicates, every item seeded with --seed).\n"
	         "Each number is the one 'cairn stats kappa' and 'cairn stats alpha' give for\n"
	         "that file alone.  Items are computed on --threads threads; the results do\n"
	         "not depend on how many.")) != 0)
		goto out;
	while (pos[nfiles] != NULL)
		nfiles++;
	if (weights != NULL &&
	    (!stats_weights_parse(weights, &req.weighted.weights) ||
	        req.weighted.weights == STATS_W_NONE)) {
		rc = cairn_errf(&c->err, CAIRN_EUSAGE, "--weights '%s': valid: linear, quadratic",
		    weights);
		goto out;
	}
	if (levels != NULL && !stats_levels_parse(levels, &req.weighted.levels)) {
		rc = cairn_errf(&c->err, CAIRN_EUSAGE, "--levels '%s': valid: present, scale",
		    levels);
		goto out;
	}
	if (scale != NULL && req.weighted.levels != STATS_LEVELS_SCALE) {
		rc = cairn_errf(&c->err, CAIRN_EUSAGE, "--scale goes with --levels scale");
		goto out;
	}
	if (level != NULL && !stats_metric_parse(level, &req.metric)) {
		rc = cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--level '%s': valid: nominal, ordinal, interval, ratio", level);
		goto out;
	}
	if ((boot != NULL && !text_parse_long(boot, 0, 100000, &reps)) || reps == 1) {
		rc = cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--bootstrap '%s': give 0 (none) or a whole number from 2 to 100000", boot);
		goto out;
	}
	if (seed_s != NULL && !text_parse_long(seed_s, 0, 0x7fffffffffffffffL, &seed)) {
		rc = cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--seed '%s': give a whole number from 0 to 2^63-1", seed_s);
		goto out;
	}
	if (threads_s != NULL && !text_parse_long(threads_s, 1, STATS_ITEM_THREADS_MAX, &threads)) {
		rc = cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--threads '%s': give a whole number from 1 to %d", threads_s,
		    STATS_ITEM_THREADS_MAX);
		goto out;
	}
	if ((rc = opt_double(c, "confidence", conf, 0, 1, true, &req.weighted.level)) != 0 ||
	    (scale != NULL && (rc = parse_scale(c, scale, &sc, &nsc)) != 0))
		goto out;
	req.weighted.scale = sc;
	req.weighted.nscale = nsc;
	req.reps = reps;
	req.boot_level = req.weighted.level;
	req.seed = (uint64_t)seed;
	r = xcalloc(nfiles, sizeof(*r));
	items = xcalloc(nfiles, sizeof(*items));
	item_sc = xcalloc(nfiles, sizeof(*item_sc));
	/* Read every file first: the first bad one (in order) stops the run. */
	for (size_t f = 0; f < nfiles; f++) {
		if ((rc = ratings_read(c, pos[f], &r[f])) != 0)
			goto out;
		if (r[f].cols != 2) {
			rc = cairn_errf(&c->err, CAIRN_EDATA,
			    "%s has %zu rater columns; an item of a double reading has exactly 2 "
			    "(use 'cairn stats alpha' or 'cairn stats fleiss' for more)",
			    pos[f], r[f].cols);
			goto out;
		}
		if (req.weighted.levels == STATS_LEVELS_SCALE && sc == NULL &&
		    (rc = scale_from_data(c, r[f].x, r[f].rows, &item_sc[f], &items[f].nscale)) !=
		        0) {
			rc = err_in_file(c, pos[f]);
			goto out;
		}
		items[f].x = r[f].x;
		items[f].units = r[f].rows;
		items[f].scale = item_sc[f];
	}
	if (stats_agreement_items(&req, items, nfiles, (unsigned)threads) != CAIRN_OK) {
		for (size_t f = 0; f < nfiles; f++)
			if (items[f].rc != CAIRN_OK) {
				rc = cairn_errf(&c->err, items[f].rc, "%s: %s", pos[f],
				    items[f].err.msg);
				goto out;
			}
	}
	if (c->json) {
		json_t *o = json_object(), *arr = json_array();

		json_object_set_new(o, "weights",
		    json_string(stats_weights_name[req.weighted.weights]));
		json_object_set_new(o, "levels",
		    json_string(stats_levels_name[req.weighted.levels]));
		json_object_set_new(o, "level", json_string(stats_metric_name[req.metric]));
		json_object_set_new(o, "confidence", json_real(req.weighted.level));
		if (reps > 0)
			json_object_set_new(o, "bootstrap",
			    json_pack("{s:I, s:I, s:s}", "reps", (json_int_t)reps, "seed",
			        (json_int_t)seed, "method",
			        "percentile bootstrap over units (type 7), every item from its own "
			        "xoshiro256** generator seeded with the seed; each item's 'draw' "
			        "says "
			        "whether its replicates' pattern counts came from one multinomial "
			        "draw or units were drawn one by one"));
		for (size_t f = 0; f < nfiles; f++)
			json_array_append_new(arr, item_json(pos[f], &items[f], reps));
		json_object_set_new(o, "items", arr);
		cli_print_json(o);
	} else {
		printf("Agreement of %zu items: Cohen's kappa, %s weighted kappa (levels %s), %s "
		       "alpha",
		    nfiles, stats_weights_name[req.weighted.weights],
		    stats_levels_name[req.weighted.levels], stats_metric_name[req.metric]);
		if (reps > 0)
			printf(" with a %g%% bootstrap interval (%ld replicates, seed %ld)",
			    100 * req.weighted.level, reps, seed);
		printf("\n%-24s %7s %8s %8s %8s  %s\n", "item", "n", "kappa", "wkappa", "alpha",
		    reps > 0 ? "interval" : "");
		for (size_t f = 0; f < nfiles; f++) {
			const struct stats_item *it = &items[f];

			printf("%-24s %7zu %8.4f %8.4f %8.4f", pos[f], it->kappa.n, it->kappa.kappa,
			    it->wkappa.kappa, it->alpha.alpha);
			if (reps > 0)
				printf("  %.4f to %.4f", it->boot.lower, it->boot.upper);
			printf("\n");
		}
	}
	rc = CAIRN_OK;
out:
	for (size_t f = 0; r != NULL && f < nfiles; f++)
		ratings_free(&r[f]);
	for (size_t f = 0; item_sc != NULL && f < nfiles; f++)
		free(item_sc[f]);
	free(item_sc);
	free(r);
	free(items);
	free(sc);
	free(pos);
	return rc;
}

int
cmd_stats_agree(struct cli *c, int argc, char **argv)
{
	const char *tol_s = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "tolerance", &tol_s, NULL,
		    "D  ratings within D of each other agree (default 0)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct ratings r = { 0 };
	double tol = 0, pct = 0;
	size_t used = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "FILE [--tolerance D]",
	         "Percentage agreement, as R irr::agree: the share of units (with no missing\n"
	         "rating) whose ratings all lie within D of each other.")) != 0 ||
	    (rc = opt_double(c, "tolerance", tol_s, 0, 1e9, false, &tol)) != 0 ||
	    (rc = ratings_read(c, pos[0], &r)) != 0)
		return rc;
	if ((rc = stats_agreement_pct(r.x, r.rows, r.cols, tol, &pct, &used, &c->err)) != 0)
		goto out;
	if (c->json)
		cli_print_json(json_pack("{s:f, s:I, s:I, s:f}", "agreement", pct, "n",
		    (json_int_t)used, "raters", (json_int_t)r.cols, "tolerance", tol));
	else
		printf("Percentage agreement (tolerance %g): %.1f%% of %zu units\n", tol, 100 * pct,
		    used);
out:
	ratings_free(&r);
	return rc;
}

int
cmd_stats_proportion(struct cli *c, int argc, char **argv)
{
	const char *method_s = NULL, *level_s = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "method", &method_s, NULL, "wilson|wilson-cc|exact|midp  (default wilson)" },
		{ "level", &level_s, NULL, "P  confidence level (default 0.95)" },
		{ NULL, NULL, NULL, NULL },
	};
	enum stats_ci_method m = STATS_CI_WILSON;
	struct stats_prop p;
	struct stats_bands bands;
	double x, n, level = 0.95;
	const char *word = NULL;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "X N [--method wilson|wilson-cc|exact|midp] [--level 0.95]",
	         "A confidence interval for the proportion X/N (Newcombe 1998 methods 3-6:\n"
	         "Wilson score, Wilson with continuity correction, Clopper-Pearson exact,\n"
	         "mid-p), with the quantifier word a report would use.")) != 0 ||
	    (rc = opt_double(c, "level", level_s, 0, 1, true, &level)) != 0)
		return rc;
	if (method_s != NULL && !stats_ci_method_parse(method_s, &m))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--method '%s': valid: wilson, wilson-cc, exact, midp", method_s);
	if (!text_parse_double(pos[0], &x) || !text_parse_double(pos[1], &n) || !(n > 0) || x < 0 ||
	    x > n)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "X and N must be numbers with N > 0 and 0 <= X <= N (got '%s' and '%s')",
		    pos[0], pos[1]);
	if (!stats_proportion(x, n, level, m, &p))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "the %s interval needs whole numbers X and N (N up to 10^9)",
		    stats_ci_method_name[m]);
	if (stats_bands_default(&bands, &c->err) == CAIRN_OK)
		word = stats_quantifier(&bands, x, n);
	if (c->json)
		cli_print_json(
		    json_pack("{s:f, s:f, s:f, s:s, s:o, s:o, s:f, s:s?}", "estimate", p.estimate,
		        "lower", p.lower, "upper", p.upper, "method", stats_ci_method_name[m], "x",
		        jcount(x), "n", jcount(n), "level", level, "quantifier", word));
	else
		printf("%g/%g = %.4f (%s); %g%% %s interval %.4f to %.4f\n", x, n, p.estimate,
		    word ? word : "-", 100 * level, stats_ci_method_name[m], p.lower, p.upper);
	return CAIRN_OK;
}

int
cmd_sample_size(struct cli *c, int argc, char **argv)
{
	const char *pop_s = NULL, *margin_s = NULL, *conf_s = NULL, *prop_s = NULL, *round_s = NULL;
	const char *pos[1];
	bool exact = false, km = false;
	const struct cli_opt opts[] = {
		{ "population", &pop_s, NULL, "N  children in the population (required)" },
		{ "margin", &margin_s, NULL, "D  margin of error as a proportion (default 0.1)" },
		{ "confidence", &conf_s, NULL, "P  confidence level (default 0.95)" },
		{ "proportion", &prop_s, NULL,
		    "P  anticipated proportion (default 0.5, the safest)" },
		{ "round", &round_s, NULL,
		    "nearest|up  rounding (default up, as Cochran: the margin is always met)" },
		{ "krejcie-morgan", NULL, &km,
		    "Krejcie & Morgan's (1970) table: tabled 3.841 and the nearest whole number "
		    "(about half the time the margin is missed)" },
		{ "exact-chi2", NULL, &exact,
		    "with --krejcie-morgan: chi-square to full precision, not the tabled 3.841" },
		{ NULL, NULL, NULL, NULL },
	};
	struct stats_size_req req;
	long pop, n;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 0,
	         "--population N [--margin 0.1] [--confidence 0.95] [--proportion 0.5]",
	         "Sample size for estimating a proportion with the finite population\n"
	         "correction (Cochran 1977, eq. 4.1-4.2; Krejcie & Morgan 1970):\n"
	         "  s = X2 N P (1 - P) / (d^2 (N - 1) + X2 P (1 - P))\n"
	         "with X2 the chi-square value for 1 degree of freedom at the confidence\n"
	         "level, rounded up so that the margin is met.  --krejcie-morgan uses\n"
	         "their tabled 3.841 and the nearest whole number, as their Table 1.")) != 0)
		return rc;
	stats_size_defaults(&req);
	if (km) {
		req.round = STATS_ROUND_NEAREST;
		req.exact_chi2 = exact;
	}
	if (pop_s == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--population N is required");
	if (!text_parse_long(pop_s, 1, 1000000000L, &pop))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--population '%s': give a whole number from 1 to 1000000000", pop_s);
	if ((rc = opt_double(c, "margin", margin_s, 0, 1, true, &req.margin)) != 0 ||
	    (rc = opt_double(c, "confidence", conf_s, 0, 1, true, &req.confidence)) != 0 ||
	    (rc = opt_double(c, "proportion", prop_s, 0, 1, true, &req.proportion)) != 0)
		return rc;
	if (round_s != NULL && strcmp(round_s, "nearest") != 0 && strcmp(round_s, "up") != 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--round '%s': valid: nearest, up",
		    round_s);
	if (round_s != NULL && strcmp(round_s, "up") == 0)
		req.round = STATS_ROUND_UP;
	if (round_s != NULL && strcmp(round_s, "nearest") == 0)
		req.round = STATS_ROUND_NEAREST;
	req.population = pop;
	if ((rc = stats_sample_size(&req, &n, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:f, s:f, s:f, s:s, s:s, s:s, s:f}", "size",
		    (json_int_t)n, "population", (json_int_t)pop, "margin", req.margin,
		    "confidence", req.confidence, "proportion", req.proportion, "rounding",
		    stats_round_name[req.round], "chi2",
		    req.exact_chi2 ? "exact" : "tabled (3 decimals)", "convention",
		    km ? "krejcie-morgan" : "cochran", "achieved_margin",
		    stats_sample_margin(&req, n)));
	else
		printf("%ld (population %ld, margin %g, confidence %g, proportion %g)\n", n, pop,
		    req.margin, req.confidence, req.proportion);
	return CAIRN_OK;
}
