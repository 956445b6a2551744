/* Importing published results: see history.h. */
#include "app/access/authz.h"
#include "app/followup/history.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/crosswalk.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "store/store.h"

/* Longest partnership name and source, in bytes. */
#define HISTORY_NAME_MAX   300
#define HISTORY_SOURCE_MAX 2000
/* Most frameworks one file may name. */
#define HISTORY_FRAMEWORKS_MAX 16

/* The columns of an import file; indexes column_name. */
enum column {
	COL_PARTNERSHIP = 0,
	COL_PUBLISHED,
	COL_FRAMEWORK,
	COL_QI,
	COL_GRADE,
	COL_COUNT,
	COL_BASIS,
	COL_SOURCE,
	COL__MAX
};

/* Header names of the columns, by enum column. */
static const char *const column_name[] = {
	[COL_PARTNERSHIP] = "partnership",
	[COL_PUBLISHED] = "published",
	[COL_FRAMEWORK] = "framework",
	[COL_QI] = "qi",
	[COL_GRADE] = "grade",
	[COL_COUNT] = "count",
	[COL_BASIS] = "basis",
	[COL_SOURCE] = "source",
};
_Static_assert(sizeof(column_name) / sizeof(column_name[0]) == COL__MAX,
    "column_name: one entry per value");

/* Whether each column must be in the header, by enum column. */
static const bool column_required[COL__MAX] = {
	[COL_PARTNERSHIP] = true,
	[COL_PUBLISHED] = true,
	[COL_FRAMEWORK] = true,
	[COL_GRADE] = true,
	[COL_SOURCE] = true,
};
_Static_assert(sizeof(column_required) / sizeof(column_required[0]) == COL__MAX,
    "column_required: one entry per value");

/* The parser's state while the CSV reader (core/csv.h) calls back. */
struct parse {
	struct store *st;         /* to look frameworks up */
	struct history_import *r; /* errors and totals */
	struct csv_errors *errs;  /* where errors go (r->errors) */
	long rec_line;            /* line where the current record started */
	long last_line;           /* line of the last record read */
	char **fields;            /* the current record's trimmed fields (malloc'd) */
	size_t nfields;
	bool header_done;                             /* the header row was read */
	int colpos[COL__MAX];                         /* field index of each column, -1 if absent */
	struct framework fws[HISTORY_FRAMEWORKS_MAX]; /* frameworks named so far */
	size_t nfws;
	struct history_row *rows; /* valid rows so far */
	size_t nrows, caprows;
};

void
history_import_free(struct history_import *r)
{
	if (r != NULL)
		csv_errors_clear(&r->errors);
}

/* Records an error at line:col. */
static void issue(struct parse *p, long line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void
issue(struct parse *p, long line, size_t col, const char *fmt, ...)
{
	char msg[CSV_ERROR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	csv_errors_add(p->errs, line, (long)col, "%s", msg);
}

bool
history_date_valid(const char *s)
{
	struct cdate d;
	long y, m;
	char part[8];
	size_t n = strlen(s);

	if (n == 10)
		return date_parse(s, &d);
	if (n != 4 && n != 7)
		return false;
	for (size_t i = 0; i < n; i++)
		if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	memcpy(part, s, 4);
	part[4] = '\0';
	if (!text_parse_long(part, 1, 9999, &y))
		return false;
	if (n == 4)
		return true;
	memcpy(part, s + 5, 2);
	part[2] = '\0';
	return text_parse_long(part, 1, 12, &m);
}

/* Returns the framework with this code, loading it on first use, or
 * NULL if no framework has the code. */
static const struct framework *
framework_for(struct parse *p, const char *code)
{
	struct cairn_err e = { 0 };

	for (size_t i = 0; i < p->nfws; i++)
		if (strcmp(p->fws[i].code, code) == 0)
			return &p->fws[i];
	if (p->nfws == HISTORY_FRAMEWORKS_MAX)
		return NULL;
	if (store_framework_load(p->st, code, &p->fws[p->nfws], &e) != CAIRN_OK)
		return NULL;
	return &p->fws[p->nfws++];
}

/* Returns the trimmed field of column c of the current record ("" when the
 * column is absent). */
static const char *
field(struct parse *p, enum column c)
{
	return p->colpos[c] < 0 ? "" : p->fields[p->colpos[c]];
}

/* Returns the 1-based column number of c, for messages. */
static size_t
colno(const struct parse *p, enum column c)
{
	return p->colpos[c] < 0 ? 1 : (size_t)p->colpos[c] + 1;
}

/* Reads the header row. */
static void
read_header(struct parse *p)
{
	for (int c = 0; c < COL__MAX; c++)
		p->colpos[c] = -1;
	for (size_t i = 0; i < p->nfields; i++) {
		int found = -1;

		for (int c = 0; c < COL__MAX; c++)
			if (text_casecmp(p->fields[i], column_name[c]) == 0)
				found = c;
		if (found < 0) {
			issue(p, p->rec_line, i + 1,
			    "unknown column '%s'; valid: partnership, "
			    "published, framework, qi, grade, count, basis, source",
			    p->fields[i]);
		} else if (p->colpos[found] >= 0) {
			issue(p, p->rec_line, i + 1, "column '%s' appears twice",
			    column_name[found]);
		} else {
			p->colpos[found] = (int)i;
		}
	}
	for (int c = 0; c < COL__MAX; c++)
		if (column_required[c] && p->colpos[c] < 0)
			issue(p, p->rec_line, 1, "the header lacks the required column '%s'",
			    column_name[c]);
	if (p->colpos[COL_QI] < 0 && p->colpos[COL_COUNT] < 0)
		issue(p, p->rec_line, 1,
		    "the header needs a 'qi' column, a 'count' column or both");
	p->header_done = true;
}

/* Checks a text field: non-empty, valid UTF-8, at most max bytes. */
static bool
check_text(struct parse *p, enum column c, size_t max)
{
	const char *s = field(p, c);
	size_t n = strlen(s);

	if (n == 0)
		issue(p, p->rec_line, colno(p, c), "%s is empty", column_name[c]);
	else if (n > max)
		issue(p, p->rec_line, colno(p, c), "%s is too long (%zu bytes; the limit is %zu)",
		    column_name[c], n, max);
	else if (!text_utf8_valid(s, n))
		issue(p, p->rec_line, colno(p, c), "%s is not valid UTF-8", column_name[c]);
	else
		return true;
	return false;
}

/* Checks the current row against the rows before it: the same indicator,
 * or the same level of counts, twice in one publication. */
static bool
check_duplicate(struct parse *p, const struct history_row *row)
{
	for (size_t i = 0; i < p->nrows; i++) {
		const struct history_row *o = &p->rows[i];

		if (strcmp(o->partnership, row->partnership) != 0 ||
		    strcmp(o->published, row->published) != 0 ||
		    strcmp(o->framework, row->framework) != 0)
			continue;
		if (row->qi != NULL && o->qi != NULL && strcmp(o->qi, row->qi) == 0) {
			issue(p, p->rec_line, colno(p, COL_QI),
			    "indicator %s of %s (%s) is already on line %ld", row->qi,
			    row->partnership, row->published, o->line);
			return false;
		}
		if (row->qi == NULL && o->qi == NULL && o->grade == row->grade) {
			issue(p, p->rec_line, colno(p, COL_GRADE),
			    "a count at this level for %s (%s) is already on line %ld",
			    row->partnership, row->published, o->line);
			return false;
		}
	}
	return true;
}

/* Validates the current record as a data row and keeps it. */
static void
read_row(struct parse *p)
{
	struct history_row row;
	const struct framework *fw = NULL;
	const char *qi, *count, *basis;
	bool ok = true;
	long n = 1;

	memset(&row, 0, sizeof(row));
	ok &= check_text(p, COL_PARTNERSHIP, HISTORY_NAME_MAX);
	ok &= check_text(p, COL_SOURCE, HISTORY_SOURCE_MAX);
	if (!history_date_valid(field(p, COL_PUBLISHED))) {
		issue(p, p->rec_line, colno(p, COL_PUBLISHED),
		    "published '%s' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY",
		    field(p, COL_PUBLISHED));
		ok = false;
	}
	if ((fw = framework_for(p, field(p, COL_FRAMEWORK))) == NULL) {
		char codes[512];

		store_framework_codes(p->st, codes, sizeof(codes));
		issue(p, p->rec_line, colno(p, COL_FRAMEWORK), "unknown framework '%s'; valid: %s",
		    field(p, COL_FRAMEWORK), codes);
		return;
	}
	qi = field(p, COL_QI);
	count = field(p, COL_COUNT);
	basis = field(p, COL_BASIS);
	if (qi[0] != '\0' && framework_qi(fw, qi) == NULL) {
		issue(p, p->rec_line, colno(p, COL_QI),
		    "unknown quality indicator '%s' for framework %s", qi, fw->code);
		ok = false;
	}
	if (!scale_parse(&fw->scale, field(p, COL_GRADE), &row.grade)) {
		struct buf b = BUF_INIT;

		for (size_t i = 0; i < fw->scale.nlevels; i++)
			buf_printf(&b, "%s%d %s", i ? ", " : "", fw->scale.levels[i].value,
			    fw->scale.levels[i].label);
		issue(p, p->rec_line, colno(p, COL_GRADE),
		    "unknown grade '%s' on the %s; valid: %s", field(p, COL_GRADE), fw->scale.name,
		    buf_str(&b));
		buf_free(&b);
		ok = false;
	}
	if (qi[0] != '\0' && count[0] != '\0' && strcmp(count, "1") != 0) {
		issue(p, p->rec_line, colno(p, COL_COUNT),
		    "count '%s' on a row naming indicator %s; leave it empty or 1", count, qi);
		ok = false;
	} else if (qi[0] == '\0' && !text_parse_long(count, 1, (long)fw->nqis, &n)) {
		issue(p, p->rec_line, colno(p, count[0] ? COL_COUNT : COL_QI),
		    "a row without an indicator needs a count of indicators (1 to %zu, the "
		    "indicators of framework %s), not '%s'",
		    fw->nqis, fw->code, count);
		ok = false;
	} else {
		/* Every row of one inspection together grades at most each indicator
		 * of its framework once. */
		long total = qi[0] ? 1 : n;

		for (size_t i = 0; i < p->nrows; i++)
			if (strcmp(p->rows[i].partnership, field(p, COL_PARTNERSHIP)) == 0 &&
			    strcmp(p->rows[i].published, field(p, COL_PUBLISHED)) == 0 &&
			    strcmp(p->rows[i].framework, fw->code) == 0)
				total += p->rows[i].count;
		if (total > (long)fw->nqis) {
			issue(p, p->rec_line, colno(p, qi[0] ? COL_QI : COL_COUNT),
			    "this row brings the grades of %s published %s to %ld; framework %s "
			    "has %zu indicators",
			    field(p, COL_PARTNERSHIP), field(p, COL_PUBLISHED), total, fw->code,
			    fw->nqis);
			ok = false;
		}
	}
	if (basis[0] != '\0' && strcmp(basis, "stated") != 0 && strcmp(basis, "inferred") != 0) {
		issue(p, p->rec_line, colno(p, COL_BASIS),
		    "unknown basis '%s'; valid: stated, inferred", basis);
		ok = false;
	} else if (qi[0] == '\0' && strcmp(basis, "inferred") == 0) {
		issue(p, p->rec_line, colno(p, COL_BASIS),
		    "a count cannot be inferred; give inferred grades per indicator");
		ok = false;
	}
	if (!ok)
		return;
	row.partnership = xstrdup(field(p, COL_PARTNERSHIP));
	text_copy(row.published, sizeof(row.published), field(p, COL_PUBLISHED));
	row.framework = xstrdup(fw->code);
	row.qi = qi[0] ? xstrdup(qi) : NULL;
	row.count = qi[0] ? 1 : n;
	row.inferred = strcmp(basis, "inferred") == 0;
	row.source = xstrdup(field(p, COL_SOURCE));
	row.line = p->rec_line;
	if (!check_duplicate(p, &row)) {
		free(row.partnership);
		free(row.framework);
		free(row.qi);
		free(row.source);
		return;
	}
	if (p->nrows == p->caprows) {
		p->caprows = p->caprows ? p->caprows * 2 : 64;
		p->rows = xreallocarray(p->rows, p->caprows, sizeof(*p->rows));
	}
	p->rows[p->nrows++] = row;
}

/* Copies a row's cells, trimmed, into p->fields. */
static void
take_fields(struct parse *p, const struct csv_row *row)
{
	p->fields = xreallocarray(p->fields, row->ncells + 1, sizeof(char *));
	for (size_t i = 0; i < row->ncells; i++) {
		char *raw = xstrdup(row->cells[i]);

		p->fields[i] = xstrdup(text_trim(raw));
		free(raw);
	}
	p->nfields = row->ncells;
	p->rec_line = row->line;
	p->last_line = row->line;
}

/* Frees the current record's fields. */
static void
drop_fields(struct parse *p)
{
	for (size_t i = 0; i < p->nfields; i++)
		free(p->fields[i]);
	p->nfields = 0;
}

/* core/csv: the header row. */
static int
on_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct parse *p = arg;

	(void)errs;
	take_fields(p, h);
	read_header(p);
	drop_fields(p);
	return CAIRN_OK;
}

/* core/csv: one data row (rows with a CSV error are not delivered). */
static int
on_row(void *arg, const struct csv_row *row, struct csv_errors *errs)
{
	struct parse *p = arg;

	(void)errs;
	take_fields(p, row);
	read_row(p);
	drop_fields(p);
	return CAIRN_OK;
}

/* Counts the distinct publications among rows. */
static size_t
count_publications(const struct history_row *v, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(v[i].partnership, v[j].partnership) == 0 &&
			    strcmp(v[i].published, v[j].published) == 0 &&
			    strcmp(v[i].framework, v[j].framework) == 0;
		k += !seen;
	}
	return k;
}

/* Reads path (or, when path is NULL, the len bytes of text) into rows,
 * every error going to r->errors; the shared part of history_parse and
 * app_history_import. */
static int
parse_csv(struct store *st, const char *path, const char *text, size_t len, const char *name,
    struct history_row **rows, size_t *nrows, struct history_import *r, struct cairn_err *err)
{
	struct csv_opts o;
	struct parse p;
	int rc;

	*rows = NULL;
	*nrows = 0;
	memset(&p, 0, sizeof(p));
	memset(&o, 0, sizeof(o));
	p.st = st;
	p.r = r;
	p.errs = &r->errors;
	o.on_header = on_header;
	o.on_row = on_row;
	o.arg = &p;
	if (path != NULL)
		rc = csv_read_file(path, &o, &r->errors, err);
	else
		rc = csv_read_mem(text, len, name, &o, &r->errors, err);
	drop_fields(&p);
	free(p.fields);
	for (size_t i = 0; i < p.nfws; i++)
		framework_free(&p.fws[i]);
	if (rc != CAIRN_OK && rc != CAIRN_EDATA) {
		history_rows_free(p.rows, p.nrows);
		return rc; /* the file cannot be read (66) */
	}
	if (!p.header_done && r->errors.total == 0)
		issue(&p, 1, 1,
		    "the file is empty; it needs a header row (partnership,published,"
		    "framework,qi,grade,count,basis,source)");
	else if (p.header_done && p.nrows == 0 && r->errors.total == 0)
		issue(&p, p.last_line, 1, "the file has a header but no rows");
	if (r->errors.total > 0) {
		history_rows_free(p.rows, p.nrows);
		return csv_errors_summary(&r->errors, name, err);
	}
	*rows = p.rows;
	*nrows = p.nrows;
	return CAIRN_OK;
}

int
history_parse(struct store *st, const char *text, size_t len, const char *name,
    struct history_row **rows, size_t *nrows, struct history_import *r, struct cairn_err *err)
{
	return parse_csv(st, NULL, text, len, name, rows, nrows, r, err);
}

int
app_history_import(struct store *st, const struct actor *who, const char *path,
    struct history_import *r, struct cairn_err *err)
{
	struct history_row *rows = NULL;
	size_t nrows = 0;
	char detail[160];
	int rc;

	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_REFERENCE, NULL, err)) != CAIRN_OK)
		return rc;

	if ((rc = parse_csv(st, path, NULL, 0, path, &rows, &nrows, r, err)) != CAIRN_OK)
		goto out;
	for (size_t i = 0; i < nrows; i++) {
		if (rows[i].qi != NULL)
			r->grades++;
		else
			r->counts++;
	}
	r->publications = count_publications(rows, nrows);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_history_replace(st, rows, nrows, &r->replaced, err);
	snprintf(detail, sizeof(detail), "%zu grades, %zu counts, %zu publications, %ld replaced",
	    r->grades, r->counts, r->publications, r->replaced);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "history.import", 0, path, detail, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	history_rows_free(rows, nrows);
	return rc;
}

/* ---- one indicator's published results in other programmes ---- */

void
history_across_free(struct history_across *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].framework);
		free(v[i].sentence);
	}
	free(v);
}

/* Counts the published grades of the counterparts m in framework code
 * against grade into a. */
static int
across_count(struct store *st, const char *code, const struct crosswalk_match *m, int grade,
    struct history_across *a, struct cairn_err *err)
{
	struct history_row *rows = NULL;
	size_t n = 0;
	int rc;

	if ((rc = store_history_list(st, code, &rows, &n, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < m->ncodes; k++) {
			if (rows[i].qi == NULL || strcmp(rows[i].qi, m->codes[k]) != 0)
				continue;
			a->n++;
			if (grade != 0) {
				a->below += rows[i].grade < grade;
				a->same += rows[i].grade == grade;
				a->above += rows[i].grade > grade;
			}
		}
	history_rows_free(rows, n);
	return CAIRN_OK;
}

int
app_history_across(struct store *st, const char *framework, const char *qi, int grade,
    struct history_across **out, size_t *nout, struct cairn_err *err)
{
	struct framework_summary *fws = NULL, *self = NULL;
	struct crosswalk_set cw;
	size_t nfws = 0, cap = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = app_crosswalk_load(st, &cw, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_framework_list(st, &fws, &nfws, err)) != CAIRN_OK)
		goto out;
	for (size_t f = 0; f < nfws; f++)
		if (strcmp(fws[f].code, framework) == 0)
			self = &fws[f];
	for (size_t f = 0; f < nfws && rc == CAIRN_OK; f++) {
		struct crosswalk_match m;
		struct history_across *a;

		if (self == NULL || &fws[f] == self ||
		    !crosswalk_resolve(&cw, framework, qi, fws[f].code, &m))
			continue;
		if (*nout == cap) {
			cap = cap ? 2 * cap : 4;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		a = &(*out)[(*nout)++];
		memset(a, 0, sizeof(*a));
		a->framework = xstrdup(fws[f].code);
		a->rel = (int)m.rel;
		if (m.rel == CROSSWALK_NONE) {
			a->sentence = xasprintf("not comparable: no %s indicator in %s",
			    m.forward ? "successor" : "predecessor", m.broke);
		} else if (strcmp(fws[f].scale_name, self->scale_name) != 0) {
			a->sentence =
			    xasprintf("not comparable: %s grades on another scale", fws[f].code);
		} else {
			struct buf b = BUF_INIT;

			a->comparable = true;
			buf_printf(&b, "%s %s in %s",
			    m.rel == CROSSWALK_SAME        ? "the same indicator as"
			        : m.rel == CROSSWALK_SPLIT ? "split into"
			                                   : "merged into",
			    m.codes[0], fws[f].code);
			if (m.ncodes > 1) {
				b.len = 0;
				buf_printf(&b, "split into %zu indicators in %s", m.ncodes,
				    fws[f].code);
			}
			a->sentence = buf_take(&b);
			rc = across_count(st, fws[f].code, &m, grade, a, err);
		}
		crosswalk_match_free(&m);
	}
out:
	framework_summaries_free(fws, nfws);
	crosswalk_set_free(&cw);
	if (rc != CAIRN_OK) {
		history_across_free(*out, *nout);
		*out = NULL;
		*nout = 0;
	}
	return rc;
}
