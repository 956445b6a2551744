/* The partnership's context from the shipped open data: see context.h. */
#include "app/outcomes/context.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/text.h"

/* The files read, in data/scotland/. */
#define F_LOOKUP "council_area_lookup.csv"
#define F_SAPE   "nrs_sape_2021_datazone_children_0_17.csv"
#define F_SIMD   "simd2020v2_datazone_ranks_indicators.csv"
#define F_LGBF   "lgbf_childrens_services_indicators_2010_2021.csv"
#define F_CARE   "care_inspectorate_childrens_services_2026-05.csv"

/* Data zone codes run S01006506..S01013481 (2011 data zones). */
#define DZ_FIRST 6506L
#define DZ_COUNT 6976L
/* Most spellings of one council area kept. */
#define NAMES_MAX 6

static const char *const OGL = "Open Government Licence v3.0";

/* The LGBF indicators reported, in order. */
static const char *const LGBF_CODES[CONTEXT_LGBF_MAX] = {
	"CHN9",
	"CHN17",
	"CHN22",
	"CHN23",
	"CHN19b",
	"CHN20b",
	"CHN11",
	"CHN21",
	"CHN12a",
	"CHN12b",
	"CHN12f",
	"CHN24",
};

const char *
context_data_dir(const char *dir)
{
	const char *env;

	if (dir != NULL && dir[0] != '\0')
		return dir;
	env = getenv("CAIRN_OPEN_DATA");
	return env != NULL && env[0] != '\0' ? env : "data/scotland";
}

/* State shared by the readers. */
struct ctx_read {
	struct context *out;
	const char *want;          /* the area asked for */
	char names[NAMES_MAX][64]; /* the area's spellings */
	size_t nnames;
	struct buf all;   /* every area name, for errors */
	signed char *dzq; /* SIMD quintile by data zone index (0 = unknown) */
	int col[8];       /* column numbers of the current file */
};

/* Returns the column called name in header h, or -1. */
static int
col_of(const struct csv_row *h, const char *name)
{
	for (size_t i = 0; i < h->ncells; i++)
		if (text_casecmp(h->cells[i], name) == 0)
			return (int)i;
	return -1;
}

/* Finds the columns in names[0..n-1]; records an error for a missing one. */
static int
find_cols(struct ctx_read *s, const struct csv_row *h, const char *const *names, int n,
    struct csv_errors *errs)
{
	for (int i = 0; i < n; i++)
		if ((s->col[i] = col_of(h, names[i])) < 0)
			csv_errors_add(errs, h->line, 0, "missing column '%s'", names[i]);
	return CAIRN_OK;
}

/* Returns true if name is one of the area's spellings. */
static bool
is_area(const struct ctx_read *s, const char *name)
{
	for (size_t i = 0; i < s->nnames; i++)
		if (text_casecmp(s->names[i], name) == 0)
			return true;
	return false;
}

static const char *const LOOKUP_COLS[] = { "ca_code", "ca_name", "ca_name_aliases" };

static int
lookup_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	return find_cols(arg, h, LOOKUP_COLS, 3, errs);
}

static int
lookup_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct ctx_read *s = arg;
	const char *code = r->cells[s->col[0]], *name = r->cells[s->col[1]];
	char aliases[512], *p, *next;
	bool match;

	(void)errs;
	if (strcmp(code, "S92000003") == 0)
		return CAIRN_OK;
	buf_printf(&s->all, "%s%s", s->all.len ? ", " : "", name);
	text_copy(aliases, sizeof(aliases), r->cells[s->col[2]]);
	match = strcmp(code, s->want) == 0 || text_casecmp(name, s->want) == 0;
	for (p = aliases; !match && p != NULL; p = next) {
		next = strchr(p, ';');
		if (next != NULL)
			*next++ = '\0';
		match = text_casecmp(text_trim(p), s->want) == 0;
	}
	if (!match || s->nnames > 0)
		return CAIRN_OK;
	text_copy(s->out->area_code, sizeof(s->out->area_code), code);
	text_copy(s->out->area_name, sizeof(s->out->area_name), name);
	text_copy(s->names[s->nnames++], sizeof(s->names[0]), name);
	text_copy(aliases, sizeof(aliases), r->cells[s->col[2]]);
	for (p = aliases; p != NULL && *p && s->nnames < NAMES_MAX; p = next) {
		next = strchr(p, ';');
		if (next != NULL)
			*next++ = '\0';
		text_copy(s->names[s->nnames++], sizeof(s->names[0]), text_trim(p));
	}
	return CAIRN_OK;
}

/* Returns the index of a data zone code, or -1. */
static long
dz_index(const char *code)
{
	long n;

	if (strncmp(code, "S01", 3) != 0 ||
	    !text_parse_long(code + 3, DZ_FIRST, DZ_FIRST + DZ_COUNT - 1, &n))
		return -1;
	return n - DZ_FIRST;
}

static const char *const SIMD_COLS[] = { "Data_Zone", "SIMD2020v2_Quintile" };

static int
simd_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	return find_cols(arg, h, SIMD_COLS, 2, errs);
}

static int
simd_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct ctx_read *s = arg;
	long i = dz_index(r->cells[s->col[0]]), q;

	if (i < 0 || !text_parse_long(r->cells[s->col[1]], 1, 5, &q)) {
		csv_errors_add(errs, r->line, 0, "unexpected data zone or quintile");
		return CAIRN_OK;
	}
	s->dzq[i] = (signed char)q;
	return CAIRN_OK;
}

static const char *const SAPE_COLS[] = { "Data zone code", "Council area code", "Age 0" };

static int
sape_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct ctx_read *s = arg;

	find_cols(s, h, SAPE_COLS, 3, errs);
	if (s->col[2] >= 0 && (size_t)s->col[2] + 18 > h->ncells)
		csv_errors_add(errs, h->line, 0, "expected the columns Age 0 to Age 17");
	return CAIRN_OK;
}

static int
sape_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct ctx_read *s = arg;
	long i = dz_index(r->cells[s->col[0]]), kids = 0, v;
	int q;

	for (int a = 0; a < 18; a++) {
		if (!text_parse_long(r->cells[s->col[2] + a], 0, 100000, &v)) {
			csv_errors_add(errs, r->line, s->col[2] + a + 1, "not a population count");
			return CAIRN_OK;
		}
		kids += v;
	}
	q = i >= 0 ? s->dzq[i] : 0;
	s->out->scotland_children += kids;
	if (q >= 1 && q <= 5)
		s->out->scotland_quintile[q - 1] += kids;
	if (strcmp(r->cells[s->col[1]], s->out->area_code) == 0) {
		s->out->children += kids;
		if (q >= 1 && q <= 5)
			s->out->children_quintile[q - 1] += kids;
	}
	return CAIRN_OK;
}

static const char *const LGBF_COLS[] = { "local_authority", "indicator_code", "indicator_title",
	"year", "value", "one_is_high" };

static int
lgbf_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	return find_cols(arg, h, LGBF_COLS, 6, errs);
}

/* Returns the year slot of an indicator (kept sorted), adding it. */
static struct context_year *
year_slot(struct context_lgbf *l, const char *year)
{
	size_t i = 0;

	while (i < l->nyears && strcmp(l->years[i].year, year) < 0)
		i++;
	if (i < l->nyears && strcmp(l->years[i].year, year) == 0)
		return &l->years[i];
	if (l->nyears == CONTEXT_YEARS_MAX)
		return NULL;
	memmove(&l->years[i + 1], &l->years[i], (l->nyears - i) * sizeof(l->years[0]));
	l->nyears++;
	text_copy(l->years[i].year, sizeof(l->years[i].year), year);
	l->years[i].area = l->years[i].scotland = NAN;
	return &l->years[i];
}

static int
lgbf_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct ctx_read *s = arg;
	const char *la = r->cells[s->col[0]], *code = r->cells[s->col[1]];
	bool scot = strcmp(la, "Scotland") == 0;
	struct context_year *y;
	double v = NAN;

	(void)errs;
	if (!scot && !is_area(s, la))
		return CAIRN_OK;
	for (int k = 0; k < CONTEXT_LGBF_MAX; k++) {
		struct context_lgbf *l = &s->out->lgbf[k];

		if (strcmp(code, LGBF_CODES[k]) != 0)
			continue;
		l->code = LGBF_CODES[k];
		text_copy(l->title, sizeof(l->title), r->cells[s->col[2]]);
		l->higher_is_better = strcmp(r->cells[s->col[5]], "Yes") == 0;
		if ((y = year_slot(l, r->cells[s->col[3]])) == NULL)
			break;
		if (r->lens[s->col[4]] > 0 && !text_parse_double(r->cells[s->col[4]], &v))
			v = NAN;
		if (scot)
			y->scotland = v;
		else
			y->area = v;
	}
	return CAIRN_OK;
}

static const char *const CARE_COLS[] = { "CareService", "ServiceStatus", "Council_Area_Name",
	"Registered_Places", "MinGrade" };

static int
care_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	return find_cols(arg, h, CARE_COLS, 5, errs);
}

static int
care_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct ctx_read *s = arg;
	struct context *o = s->out;
	long places, grade;
	size_t k;

	(void)errs;
	if (!is_area(s, r->cells[s->col[2]]) || strcmp(r->cells[s->col[1]], "Active") != 0)
		return CAIRN_OK;
	o->services++;
	for (k = 0; k < o->nkinds; k++)
		if (strcmp(o->kinds[k].kind, r->cells[s->col[0]]) == 0)
			break;
	if (k == o->nkinds && o->nkinds < CONTEXT_SERVICE_KINDS)
		text_copy(o->kinds[o->nkinds++].kind, sizeof(o->kinds[0].kind),
		    r->cells[s->col[0]]);
	if (k < o->nkinds)
		o->kinds[k].count++;
	if (text_parse_long(r->cells[s->col[3]], 0, 100000, &places))
		o->places += places;
	if (text_parse_long(r->cells[s->col[4]], 1, 6, &grade))
		o->min_grade[grade]++;
	else
		o->min_grade[0]++;
	return CAIRN_OK;
}

/* Reads one file of the data directory with the given callbacks. */
static int
read_one(const char *dir, const char *name, csv_header_fn h, csv_row_fn r, struct ctx_read *s,
    struct cairn_err *err)
{
	struct csv_opts o;
	struct csv_errors errs;
	char path[4096];
	int rc;

	memset(&o, 0, sizeof(o));
	o.on_header = h;
	o.on_row = r;
	o.arg = s;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	rc = csv_read_file(path, &o, &errs, err);
	if (rc == CAIRN_ENOINPUT)
		return cairn_err_field(err, CAIRN_ENOINPUT, CAIRN_CODE_NONE, "data",
		    "cannot read the open data file %s; give the open data folder "
		    "(data/scotland) or set CAIRN_OPEN_DATA to it",
		    path);
	if (rc != CAIRN_OK && errs.nkept > 0)
		return cairn_errf(err, CAIRN_EDATA, "%s, line %ld: %s", path, errs.kept[0].line,
		    errs.kept[0].msg);
	return rc;
}

int
app_context(const char *dir, const char *area, struct context *out, struct cairn_err *err)
{
	struct ctx_read s;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&s, 0, sizeof(s));
	s.out = out;
	s.want = area;
	dir = context_data_dir(dir);
	if ((rc = read_one(dir, F_LOOKUP, lookup_header, lookup_row, &s, err)) != CAIRN_OK)
		goto out;
	if (s.nnames == 0) {
		rc = cairn_errf(err, CAIRN_EDATA, "unknown council area '%s'; use one of: %s", area,
		    buf_str(&s.all));
		goto out;
	}
	s.dzq = xcalloc((size_t)DZ_COUNT, 1);
	if ((rc = read_one(dir, F_SIMD, simd_header, simd_row, &s, err)) != CAIRN_OK ||
	    (rc = read_one(dir, F_SAPE, sape_header, sape_row, &s, err)) != CAIRN_OK ||
	    (rc = read_one(dir, F_LGBF, lgbf_header, lgbf_row, &s, err)) != CAIRN_OK ||
	    (rc = read_one(dir, F_CARE, care_header, care_row, &s, err)) != CAIRN_OK)
		goto out;
	for (int k = 0; k < CONTEXT_LGBF_MAX; k++)
		if (out->lgbf[k].code != NULL)
			out->lgbf[out->nlgbf++] = out->lgbf[k];
	out->population_year = 2021;
	out->population_source = (struct context_source){ "National Records of Scotland",
		"Small area population estimates, mid-2021 (persons aged 0-17 by data zone)",
		F_SAPE, "Open Government Licence v3.0 (Crown copyright 2022)" };
	out->simd_source = (struct context_source){ "Scottish Government",
		"Scottish Index of Multiple Deprivation 2020v2, national quintiles of data zones "
		"(1 = most deprived)",
		F_SIMD, OGL };
	out->lgbf_source = (struct context_source){ "Improvement Service",
		"Local Government Benchmarking Framework, children's services (January 2022 "
		"release)",
		F_LGBF, OGL };
	out->services_source = (struct context_source){ "Care Inspectorate",
		"Datastore of registered care services, children (monthly copy, May 2026)", F_CARE,
		OGL };
	text_copy(out->services_as_at, sizeof(out->services_as_at), "2026-05");
out:
	free(s.dzq);
	buf_free(&s.all);
	return rc;
}

/* Appends one council area to the list (issue 17: the report settings). */
static int
areas_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct ctx_read *s = arg;
	const char *code = r->cells[s->col[0]], *name = r->cells[s->col[1]];

	(void)errs;
	if (strcmp(code, "S92000003") != 0 && code[0] != '\0' && name[0] != '\0' &&
	    strchr(name, '\t') == NULL && strchr(name, '\n') == NULL)
		buf_printf(&s->all, "%s\t%s\n", code, name);
	return CAIRN_OK;
}

int
context_areas(const char *dir, struct buf *out, struct cairn_err *err)
{
	struct ctx_read s;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = read_one(context_data_dir(dir), F_LOOKUP, lookup_header, areas_row, &s, err);
	if (rc == CAIRN_OK)
		buf_append(out, buf_str(&s.all), s.all.len);
	buf_free(&s.all);
	return rc;
}

/* Returns v as a JSON real, or null when it is not finite. */
static json_t *
jnum(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* A source as JSON, with its year. */
static json_t *
source_json(const struct context_source *s, const char *year)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "publisher", s->publisher, "dataset",
	    s->dataset, "file", s->file, "licence", s->licence, "year", year);
}

/* Returns 100 * part / whole, or NaN. */
static double
context_pct(long part, long whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : NAN;
}

json_t *
context_json(const struct context *x)
{
	json_t *q = json_array(), *lg = json_array(), *kinds = json_array(),
	       *grades = json_object();
	char year[8];

	for (int i = 0; i < 5; i++)
		json_array_append_new(q,
		    json_pack("{s:i, s:I, s:o, s:o}", "quintile", i + 1, "children",
		        (json_int_t)x->children_quintile[i], "share",
		        jnum(context_pct(x->children_quintile[i], x->children)), "scotland_share",
		        jnum(context_pct(x->scotland_quintile[i], x->scotland_children))));
	for (size_t k = 0; k < x->nlgbf; k++) {
		json_t *ys = json_array();

		for (size_t y = 0; y < x->lgbf[k].nyears; y++)
			json_array_append_new(ys,
			    json_pack("{s:s, s:o, s:o}", "year", x->lgbf[k].years[y].year, "value",
			        jnum(x->lgbf[k].years[y].area), "scotland",
			        jnum(x->lgbf[k].years[y].scotland)));
		json_array_append_new(lg,
		    json_pack("{s:s, s:s, s:b, s:o}", "code", x->lgbf[k].code, "title",
		        x->lgbf[k].title, "higher_is_better", x->lgbf[k].higher_is_better, "years",
		        ys));
	}
	for (size_t k = 0; k < x->nkinds; k++)
		json_array_append_new(kinds,
		    json_pack("{s:s, s:I}", "service", x->kinds[k].kind, "count",
		        (json_int_t)x->kinds[k].count));
	for (int g = 6; g >= 1; g--) {
		char key[4];

		snprintf(key, sizeof(key), "%d", g);
		json_object_set_new(grades, key, json_integer(x->min_grade[g]));
	}
	json_object_set_new(grades, "not_graded", json_integer(x->min_grade[0]));
	snprintf(year, sizeof(year), "%d", x->population_year);
	return json_pack("{s:{s:s, s:s}, s:{s:I, s:I, s:o, s:o, s:o}, "
	                 "s:{s:o, s:o}, s:{s:I, s:I, s:o, s:o, s:s, s:o}}",
	    "area", "code", x->area_code, "name", x->area_name, "children", "aged_0_17",
	    (json_int_t)x->children, "scotland_aged_0_17", (json_int_t)x->scotland_children,
	    "by_simd_quintile", q, "source", source_json(&x->population_source, year),
	    "simd_source", source_json(&x->simd_source, "2020"), "benchmarking", "indicators", lg,
	    "source", source_json(&x->lgbf_source, "2010-11 to 2020-21"), "care_services", "active",
	    (json_int_t)x->services, "registered_places", (json_int_t)x->places, "by_service",
	    kinds, "by_lowest_latest_grade", grades, "as_at", x->services_as_at, "source",
	    source_json(&x->services_source, x->services_as_at));
}
