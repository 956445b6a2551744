/*
 * cairn stats isr (listed in the table of cmd_stats.c): indirectly
 * standardised ratios and rates for one or many areas, as
 * PHEindicatormethods' calculate_ISRatio and calculate_ISRate, from CSV
 * files read with core/csv.h.  The math is in stats/isr.h.  No database is
 * needed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/text.h"
#include "stats/isr.h"

/* Most age bands an area may have. */
#define ISR_BANDS_MAX 100
/* Longest column name compared, in bytes. */
#define ISR_NAME_MAX 32

/* The columns an ISR file may have; index isr_col_names. */
enum isr_col {
	ISR_AREA = 0, /* the area (absent: one area) */
	ISR_BAND,     /* the age band label (absent: bands matched by position) */
	ISR_COUNT,    /* observed events in the band, or an area's total */
	ISR_POP,      /* the area's population in the band */
	ISR_REFX,     /* the reference population's events in the band */
	ISR_REFN,     /* the reference population in the band */
	ISR_COL__MAX
};

/* The header names each column is known by (lower case; PHE's test files
 * use ageband, "Age Band", pop, refcount and refpop). */
static const char *const isr_col_names[ISR_COL__MAX][5] = {
	[ISR_AREA] = { "area", NULL },
	[ISR_BAND] = { "band", "ageband", "age band", "age_band", NULL },
	[ISR_COUNT] = { "count", "observed", "total_count", NULL },
	[ISR_POP] = { "population", "pop", NULL },
	[ISR_REFX] = { "ref_count", "refcount", NULL },
	[ISR_REFN] = { "ref_population", "refpop", NULL },
};
_Static_assert(sizeof(isr_col_names) / sizeof(isr_col_names[0]) == ISR_COL__MAX,
    "a name list for every ISR column");

/* One data row of an ISR file. */
struct isr_row {
	char *area;              /* malloc'd; "" without an area column */
	char *band;              /* malloc'd; "" without a band column */
	double v[ISR_COL__MAX];  /* numbers (a blank is 0, as PHE's na.zero) */
	long line[ISR_COL__MAX]; /* line of each cell */
};

/* One CSV file read for an ISR: which columns it has and its rows. */
struct isr_table {
	unsigned allowed;       /* bit per enum isr_col this file may have */
	unsigned required;      /* bit per column it must have */
	long col[ISR_COL__MAX]; /* cell index of each column, -1 when absent */
	struct isr_row *rows;   /* malloc'd */
	size_t n, cap;          /* rows in use and allocated */
};

/* Frees a table's rows. */
static void
isr_table_free(struct isr_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->rows[i].area);
		free(t->rows[i].band);
	}
	free(t->rows);
	t->rows = NULL;
	t->n = t->cap = 0;
}

/* Returns the column a header cell names, or ISR_COL__MAX. */
static enum isr_col
isr_col_of(const char *cell)
{
	char low[ISR_NAME_MAX], tmp[ISR_NAME_MAX];

	text_copy(tmp, sizeof(tmp), cell);
	text_lower(text_trim(tmp), low, sizeof(low));
	for (int c = 0; c < ISR_COL__MAX; c++)
		for (int k = 0; isr_col_names[c][k] != NULL; k++)
			if (strcmp(low, isr_col_names[c][k]) == 0)
				return (enum isr_col)c;
	return ISR_COL__MAX;
}

/* Writes the names of the columns in mask, comma-separated, into out. */
static void
isr_col_list(unsigned mask, char *out, size_t outsz)
{
	size_t used = 0;

	out[0] = '\0';
	for (int c = 0; c < ISR_COL__MAX; c++)
		if (mask & (1u << c)) {
			int w = snprintf(out + used, outsz - used, "%s%s", used ? ", " : "",
			    isr_col_names[c][0]);

			if (w < 0 || (size_t)w >= outsz - used)
				return;
			used += (size_t)w;
		}
}

/* Header callback: maps each named cell to its column.  A blank header
 * cell is a column Cairn ignores (its cells must stay blank). */
static int
isr_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct isr_table *t = arg;
	unsigned have = 0;
	char list[160];

	for (int c = 0; c < ISR_COL__MAX; c++)
		t->col[c] = -1;
	isr_col_list(t->allowed, list, sizeof(list));
	for (size_t k = 0; k < h->ncells; k++) {
		enum isr_col c;
		char tmp[ISR_NAME_MAX];

		text_copy(tmp, sizeof(tmp), h->cells[k]);
		if (text_trim(tmp)[0] == '\0')
			continue;
		c = isr_col_of(h->cells[k]);
		if (c == ISR_COL__MAX || !(t->allowed & (1u << c))) {
			csv_errors_add(errs, h->line, (long)k + 1,
			    "'%s' is not a column of this file; it has %s", h->cells[k], list);
			return CAIRN_EDATA;
		}
		if (have & (1u << c)) {
			csv_errors_add(errs, h->line, (long)k + 1, "'%s' is a second %s column",
			    h->cells[k], isr_col_names[c][0]);
			return CAIRN_EDATA;
		}
		have |= 1u << c;
		t->col[c] = (long)k;
	}
	if ((have & t->required) != t->required) {
		isr_col_list(t->required & ~have, list, sizeof(list));
		csv_errors_add(errs, h->line, 0, "the header lacks the column%s %s",
		    strchr(list, ',') != NULL ? "s" : "", list);
		return CAIRN_EDATA;
	}
	if ((have & (1u << ISR_REFX)) != ((have & (1u << ISR_REFN)) >> 1)) {
		csv_errors_add(errs, h->line, 0,
		    "the header has one of ref_count and ref_population; give both or neither");
		return CAIRN_EDATA;
	}
	return CAIRN_OK;
}

/* Row callback: reads each known cell (a blank number is 0, as PHE's
 * na.zero; a reference population must be positive) and checks that the
 * unnamed columns are blank. */
static int
isr_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct isr_table *t = arg;
	struct isr_row row;
	bool ok = true;

	memset(&row, 0, sizeof(row));
	for (size_t k = 0; k < r->ncells; k++) {
		bool named = false;

		for (int c = 0; c < ISR_COL__MAX; c++)
			named |= t->col[c] == (long)k;
		if (!named && r->cells[k][0] != '\0') {
			csv_errors_add(errs, r->lines[k], (long)k + 1,
			    "'%s' is in a column with no name in the header", r->cells[k]);
			ok = false;
		}
	}
	for (int c = ISR_COUNT; c < ISR_COL__MAX; c++) {
		long k = t->col[c];
		const char *cell;

		if (k < 0)
			continue;
		cell = r->cells[k];
		row.line[c] = r->lines[k];
		if (cell[0] == '\0' && c != ISR_REFN)
			continue;
		if (!text_parse_double(cell, &row.v[c]) || row.v[c] < 0 ||
		    (c == ISR_REFN && row.v[c] == 0)) {
			csv_errors_add(errs, r->lines[k], k + 1,
			    c == ISR_REFN ? "the reference population '%s' is not a positive number"
			                  : "the %s '%s' is not a number of at least 0",
			    c == ISR_REFN ? cell : isr_col_names[c][0], cell);
			ok = false;
		}
	}
	if (!ok)
		return CAIRN_OK;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
	}
	row.area = xstrdup(t->col[ISR_AREA] >= 0 ? r->cells[t->col[ISR_AREA]] : "");
	row.band = xstrdup(t->col[ISR_BAND] >= 0 ? r->cells[t->col[ISR_BAND]] : "");
	row.line[ISR_AREA] = row.line[ISR_BAND] = r->line;
	t->rows[t->n++] = row;
	return CAIRN_OK;
}

/* Reads path into t; on failure sets c->err (with the first error's line
 * and column) and returns its result. */
static int
isr_read(struct cli *c, const char *path, struct isr_table *t)
{
	struct csv_opts o = { 0 };
	struct csv_errors errs;
	struct cairn_err e = { 0 };
	int rc;

	o.on_header = isr_header;
	o.on_row = isr_row;
	o.arg = t;
	rc = csv_read_file(path, &o, &errs, &e);
	if (rc == CAIRN_EDATA && errs.nkept > 0) {
		const struct csv_error *x = &errs.kept[0];

		return cairn_errf(&c->err, CAIRN_EDATA, "%s: line %ld%s%.0ld: %s%s", path, x->line,
		    x->column ? ", column " : "", x->column, x->msg,
		    errs.total > 1 ? " (and more errors)" : "");
	}
	if (rc != CAIRN_OK)
		return cairn_errf(&c->err, rc, "%s", e.msg);
	if (t->n == 0)
		return cairn_errf(&c->err, CAIRN_EDATA, "%s has no rows", path);
	return CAIRN_OK;
}

/* An error at a line and column of path; returns CAIRN_EDATA. */
static int
isr_at(struct cli *c, const char *path, long line, long col, const char *msg, const char *what)
{
	return cairn_errf(&c->err, CAIRN_EDATA, "%s: line %ld%s%.0ld: %s%s", path, line,
	    col ? ", column " : "", col, msg, what);
}

/* One area: its first row in the data file and its observed total. */
struct isr_area {
	size_t first;    /* index of its first row */
	double observed; /* sum of its counts, or its total from --observed */
	bool has_total;  /* --observed gave it a total */
};

static int
stats_isr_run(struct cli *c, const char *path, const char *ref_path, const char *tot_path,
    bool rate, double per, double refvalue, double level)
{
	struct isr_table d = { 0 }, ref = { 0 }, tot = { 0 };
	struct isr_area *areas = NULL;
	size_t na = 0, nb = 0;
	double pop[ISR_BANDS_MAX], rx[ISR_BANDS_MAX], rn[ISR_BANDS_MAX];
	json_t *ja = NULL;
	int rc;

	d.allowed = (1u << ISR_COL__MAX) - 1;
	d.required = 1u << ISR_POP;
	if (tot_path == NULL)
		d.required |= 1u << ISR_COUNT;
	else
		d.allowed &= ~(1u << ISR_COUNT);
	if ((rc = isr_read(c, path, &d)) != 0)
		goto out;
	if ((d.col[ISR_REFX] >= 0) == (ref_path != NULL)) {
		rc = cairn_errf(&c->err, CAIRN_EUSAGE,
		    ref_path != NULL
		        ? "%s has its own ref_count and ref_population columns; drop --ref or them"
		        : "%s has no reference rates: give --ref REFFILE (band,ref_count,"
		          "ref_population) or the columns ref_count and ref_population",
		    path);
		goto out;
	}
	if (tot_path != NULL && d.col[ISR_AREA] < 0) {
		rc = cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--observed gives totals by area, but %s has no area column", path);
		goto out;
	}
	/* Areas: each one's rows together, each with the first area's bands. */
	areas = xreallocarray(NULL, d.n, sizeof(*areas));
	for (size_t i = 0; i < d.n; i++) {
		const struct isr_row *r = &d.rows[i];

		if (na > 0 && strcmp(r->area, d.rows[areas[na - 1].first].area) == 0) {
			areas[na - 1].observed += r->v[ISR_COUNT];
			continue;
		}
		for (size_t a = 0; a < na; a++)
			if (strcmp(d.rows[areas[a].first].area, r->area) == 0) {
				rc = isr_at(c, path, r->line[ISR_AREA], d.col[ISR_AREA] + 1,
				    "this area's rows are not together: ", r->area);
				goto out;
			}
		areas[na].first = i;
		areas[na].observed = r->v[ISR_COUNT];
		areas[na].has_total = false;
		na++;
	}
	nb = (na > 1 ? areas[1].first : d.n);
	if (nb > ISR_BANDS_MAX) {
		rc = cairn_errf(&c->err, CAIRN_EDATA, "%s: an area has %zu age bands; at most %d",
		    path, nb, ISR_BANDS_MAX);
		goto out;
	}
	for (size_t a = 0; a < na; a++) {
		size_t first = areas[a].first, end = a + 1 < na ? areas[a + 1].first : d.n;

		if (end - first != nb) {
			char msg[120];

			snprintf(msg, sizeof(msg),
			    "this area has %zu age bands and the first has %zu: ", end - first, nb);
			rc = isr_at(c, path, d.rows[first].line[ISR_AREA], 0, msg,
			    d.rows[first].area);
			goto out;
		}
		for (size_t b = 0; b < nb; b++)
			if (strcmp(d.rows[first + b].band, d.rows[b].band) != 0) {
				rc = isr_at(c, path, d.rows[first + b].line[ISR_BAND],
				    d.col[ISR_BAND] + 1,
				    "this band differs from the first area's in the same place: ",
				    d.rows[b].band);
				goto out;
			}
	}
	if (ref_path != NULL) {
		ref.allowed = (1u << ISR_BAND) | (1u << ISR_REFX) | (1u << ISR_REFN);
		ref.required = (1u << ISR_REFX) | (1u << ISR_REFN);
		if ((rc = isr_read(c, ref_path, &ref)) != 0)
			goto out;
		if (ref.n != nb) {
			rc = cairn_errf(&c->err, CAIRN_EDATA,
			    "%s has %zu age bands and each area of %s has %zu; they are matched in "
			    "order",
			    ref_path, ref.n, path, nb);
			goto out;
		}
		for (size_t b = 0; b < nb; b++)
			if (ref.col[ISR_BAND] >= 0 && d.col[ISR_BAND] >= 0 &&
			    strcmp(ref.rows[b].band, d.rows[b].band) != 0) {
				rc = isr_at(c, ref_path, ref.rows[b].line[ISR_BAND],
				    ref.col[ISR_BAND] + 1,
				    "this band differs from the data's in the same place: ",
				    d.rows[b].band);
				goto out;
			}
	}
	if (tot_path != NULL) {
		tot.allowed = tot.required = (1u << ISR_AREA) | (1u << ISR_COUNT);
		if ((rc = isr_read(c, tot_path, &tot)) != 0)
			goto out;
		for (size_t i = 0; i < tot.n; i++) {
			size_t a = 0;

			while (a < na && strcmp(d.rows[areas[a].first].area, tot.rows[i].area) != 0)
				a++;
			if (a == na || areas[a].has_total) {
				rc = isr_at(c, tot_path, tot.rows[i].line[ISR_AREA],
				    tot.col[ISR_AREA] + 1,
				    a == na ? "this area is not in the data: "
				            : "this area has a total already: ",
				    tot.rows[i].area);
				goto out;
			}
			areas[a].observed = tot.rows[i].v[ISR_COUNT];
			areas[a].has_total = true;
		}
		for (size_t a = 0; a < na; a++)
			if (!areas[a].has_total) {
				rc = cairn_errf(&c->err, CAIRN_EDATA,
				    "%s has no total for the area %s", tot_path,
				    d.rows[areas[a].first].area);
				goto out;
			}
	}
	ja = json_array();
	for (size_t a = 0; a < na; a++) {
		const struct isr_row *rows = &d.rows[areas[a].first];
		const char *name = rows[0].area, *why;
		struct stats_isr s;
		double e, rr = 0, scale = refvalue;

		for (size_t b = 0; b < nb; b++) {
			const struct isr_row *src = ref_path != NULL ? &ref.rows[b] : &rows[b];

			pop[b] = rows[b].v[ISR_POP];
			rx[b] = src->v[ISR_REFX];
			rn[b] = src->v[ISR_REFN];
		}
		if (!stats_isr_expected(pop, rx, rn, nb, &e, &why) ||
		    (rate && !stats_isr_ref_rate(rx, rn, nb, &rr, &why)) ||
		    !stats_isr(areas[a].observed, e, rate ? rr * per : refvalue, level, &s, &why)) {
			rc = cairn_errf(&c->err, CAIRN_EDATA, "%s%s%s: %s", path,
			    name[0] ? ", area " : "", name, why);
			goto out;
		}
		if (rate)
			scale = rr * per;
		json_array_append_new(ja,
		    json_pack("{s:s, s:f, s:f, s:f, s:f, s:f, s:s, s:o}", "area", name, "observed",
		        s.observed, "expected", s.expected, "value", s.value, "lower", s.lower,
		        "upper", s.upper, "method", stats_rate_method_name[s.method], "ref_rate",
		        rate ? json_real(scale) : json_null()));
		if (c->json)
			continue;
		if (rate)
			printf("%s%sISR %.6g per %g (%g%% %s interval %.6g to %.6g); %g observed, "
			       "%.6g expected; reference rate %.6g per %g\n",
			    name, name[0] ? ": " : "", s.value, per, level * 100,
			    s.method == STATS_RATE_EXACT ? "exact Poisson" : "Byar's", s.lower,
			    s.upper, s.observed, s.expected, scale, per);
		else
			printf("%s%sISR %.6g (%g%% %s interval %.6g to %.6g); %g observed, %.6g "
			       "expected\n",
			    name, name[0] ? ": " : "", s.value, level * 100,
			    s.method == STATS_RATE_EXACT ? "exact Poisson" : "Byar's", s.lower,
			    s.upper, s.observed, s.expected);
	}
	if (c->json) {
		cli_print_json(json_pack("{s:s, s:o, s:f, s:s, s:o}", "statistic",
		    rate ? "indirectly standardised rate" : "indirectly standardised ratio",
		    rate ? "per" : "refvalue", json_real(rate ? per : refvalue), "level", level,
		    "method", "Byar's for 10 or more observed, exact Poisson below", "areas", ja));
		ja = NULL;
	}
	rc = CAIRN_OK;
out:
	json_decref(ja);
	free(areas);
	isr_table_free(&d);
	isr_table_free(&ref);
	isr_table_free(&tot);
	return rc;
}

int
cmd_stats_isr(struct cli *c, int argc, char **argv)
{
	const char *ref_s = NULL, *tot_s = NULL, *per_s = NULL, *refv_s = NULL, *level_s = NULL,
	           *pos[1];
	bool rate = false;
	const struct cli_opt opts[] = {
		{ "ref", &ref_s, NULL,
		    "REFFILE  the reference: band,ref_count,ref_population, one row per band" },
		{ "observed", &tot_s, NULL,
		    "TOTALS  each area's observed total (area,count) when FILE has no counts" },
		{ "rate", NULL, &rate, "give the indirectly standardised rate, not the ratio" },
		{ "per", &per_s, NULL, "N  with --rate, the rate per N people (default 100000)" },
		{ "refvalue", &refv_s, NULL,
		    "R  the ratio times R (default 1; 100 for a percentage)" },
		{ "level", &level_s, NULL, "P  confidence level (default 0.95)" },
		{ NULL, NULL, NULL, NULL },
	};
	double per = 100000, refvalue = 1, level = 0.95;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "FILE [--ref REFFILE] [--observed TOTALS] [--rate [--per 100000]] "
	         "[--refvalue 1] [--level 0.95]",
	         "Indirectly standardised ratio (PHEindicatormethods calculate_ISRatio) or,\n"
	         "with --rate, rate (calculate_ISRate) for each area.  FILE's header names\n"
	         "its columns: area (optional), band (optional), count, population, and\n"
	         "ref_count,ref_population unless --ref gives them.  Each area has the same\n"
	         "bands in the same order, matched in order with the reference's.  A blank\n"
	         "count or population is 0.  The interval is Byar's for 10 or more observed\n"
	         "events and the exact Poisson interval below.")) != 0)
		return rc;
	if (per_s != NULL &&
	    (!rate || !text_parse_double(per_s, &per) || !(per > 0) || !isfinite(per)))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    rate ? "--per '%s' is not a positive number"
		         : "--per '%s' is for the rate: give --rate too",
		    per_s);
	if (refv_s != NULL &&
	    (rate || !text_parse_double(refv_s, &refvalue) || !(refvalue > 0) ||
	        !isfinite(refvalue)))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    rate ? "--refvalue '%s' is for the ratio; the rate takes --per"
		         : "--refvalue '%s' is not a positive number",
		    refv_s);
	if (level_s != NULL) {
		if (!text_parse_double(level_s, &level) || !(level > 0 && level < 100))
			return cairn_errf(&c->err, CAIRN_EUSAGE,
			    "--level '%s' is not a confidence level; use e.g. 0.95 or 95", level_s);
		if (level >= 1)
			level /= 100.0;
	}
	return stats_isr_run(c, pos[0], ref_s, tot_s, rate, per, refvalue, level);
}
