/* Importing published results: see history.h. */
#include "app/history.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/file.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "store/store.h"

/* Largest import file accepted, in bytes. */
#define HISTORY_FILE_MAX ((size_t)8 << 20)
/* Longest partnership name and source, in bytes. */
#define HISTORY_NAME_MAX 300
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
static const char *const column_name[COL__MAX] = {
	[COL_PARTNERSHIP] = "partnership", [COL_PUBLISHED] = "published",
	[COL_FRAMEWORK] = "framework",     [COL_QI] = "qi",
	[COL_GRADE] = "grade",             [COL_COUNT] = "count",
	[COL_BASIS] = "basis",             [COL_SOURCE] = "source",
};

/* Whether each column must be in the header, by enum column. */
static const bool column_required[COL__MAX] = {
	[COL_PARTNERSHIP] = true, [COL_PUBLISHED] = true, [COL_FRAMEWORK] = true,
	[COL_GRADE] = true,       [COL_SOURCE] = true,
};

/* The parser's state while libcsv calls back. */
struct parse {
	struct store *st;                /* to look frameworks up */
	struct history_import *r;        /* errors and totals */
	long line;                       /* physical line being fed */
	long rec_line;                   /* line where the current record started */
	char **fields;                   /* the current record's fields (malloc'd) */
	size_t nfields, capfields;
	bool header_done;                /* the header row was read */
	int colpos[COL__MAX];            /* field index of each column, -1 if absent */
	size_t ncols;                    /* fields in the header */
	struct framework fws[HISTORY_FRAMEWORKS_MAX]; /* frameworks named so far */
	size_t nfws;
	struct history_row *rows;        /* valid rows so far */
	size_t nrows, caprows;
};

void
history_import_free(struct history_import *r)
{
	if (r != NULL)
		buf_free(&r->errors);
}

/* Records an error at line:col. */
static void
issue(struct parse *p, long line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void
issue(struct parse *p, long line, size_t col, const char *fmt, ...)
{
	va_list ap;

	if (p->r->nerrors++ >= HISTORY_ERRORS_LISTED)
		return;
	buf_printf(&p->r->errors, "%ld:%zu: ", line, col);
	va_start(ap, fmt);
	buf_vprintf(&p->r->errors, fmt, ap);
	va_end(ap);
	buf_putc(&p->r->errors, '\n');
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
	struct cairn_err e = {0};

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
	p->ncols = p->nfields;
	for (size_t i = 0; i < p->nfields; i++) {
		int found = -1;

		for (int c = 0; c < COL__MAX; c++)
			if (text_casecmp(p->fields[i], column_name[c]) == 0)
				found = c;
		if (found < 0) {
			issue(p, p->rec_line, i + 1, "unknown column '%s'; valid: partnership, "
			    "published, framework, qi, grade, count, basis, source", p->fields[i]);
		} else if (p->colpos[found] >= 0) {
			issue(p, p->rec_line, i + 1, "column '%s' appears twice", column_name[found]);
		} else {
			p->colpos[found] = (int)i;
		}
	}
	for (int c = 0; c < COL__MAX; c++)
		if (column_required[c] && p->colpos[c] < 0)
			issue(p, p->rec_line, 1, "the header lacks the required column '%s'",
			    column_name[c]);
	if (p->colpos[COL_QI] < 0 && p->colpos[COL_COUNT] < 0)
		issue(p, p->rec_line, 1, "the header needs a 'qi' column, a 'count' column or both");
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
	if (p->nfields != p->ncols) {
		issue(p, p->rec_line, p->nfields, "%zu fields where the header has %zu", p->nfields,
		    p->ncols);
		return;
	}
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
		issue(p, p->rec_line, colno(p, COL_GRADE), "unknown grade '%s' on the %s; valid: %s",
		    field(p, COL_GRADE), fw->scale.name, buf_str(&b));
		buf_free(&b);
		ok = false;
	}
	if (qi[0] != '\0' && count[0] != '\0' && strcmp(count, "1") != 0) {
		issue(p, p->rec_line, colno(p, COL_COUNT),
		    "count '%s' on a row naming indicator %s; leave it empty or 1", count, qi);
		ok = false;
	} else if (qi[0] == '\0' && !text_parse_long(count, 1, 1000, &n)) {
		issue(p, p->rec_line, colno(p, count[0] ? COL_COUNT : COL_QI),
		    "a row without an indicator needs a count of indicators (1 to 1000), not '%s'",
		    count);
		ok = false;
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

/* libcsv: one field ended. */
static void
on_field(void *s, size_t len, void *data)
{
	struct parse *p = data;
	char *raw = xstrndup(s != NULL ? s : "", s != NULL ? len : 0);
	char *f = xstrdup(text_trim(raw));

	free(raw);
	if (p->nfields == 0)
		p->rec_line = p->line;
	if (p->nfields == p->capfields) {
		p->capfields = p->capfields ? p->capfields * 2 : 16;
		p->fields = xreallocarray(p->fields, p->capfields, sizeof(char *));
	}
	p->fields[p->nfields++] = f;
}

/* libcsv: one record ended. */
static void
on_row(int c, void *data)
{
	struct parse *p = data;

	(void)c;
	if (p->nfields == 1 && p->fields[0][0] == '\0')
		; /* a blank line */
	else if (!p->header_done)
		read_header(p);
	else
		read_row(p);
	for (size_t i = 0; i < p->nfields; i++)
		free(p->fields[i]);
	p->nfields = 0;
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

int
history_parse(struct store *st, const char *text, size_t len, const char *name,
    struct history_row **rows, size_t *nrows, struct history_import *r, struct cairn_err *err)
{
	struct csv_parser csv;
	struct parse p;
	const char *s = text, *end = text + len;
	int rc = CAIRN_OK;

	*rows = NULL;
	*nrows = 0;
	memset(&p, 0, sizeof(p));
	p.st = st;
	p.r = r;
	if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return cairn_errf(err, CAIRN_ESOFTWARE, "cannot start the CSV parser");
	/* Feed one physical line at a time so that errors carry line numbers. */
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl != NULL ? (size_t)(nl - s) + 1 : (size_t)(end - s);

		p.line++;
		if (csv_parse(&csv, s, n, on_field, on_row, &p) != n) {
			issue(&p, p.line, p.nfields + 1, "malformed CSV: %s",
			    csv_strerror(csv_error(&csv)));
			break;
		}
		s += n;
	}
	if (s >= end && csv_fini(&csv, on_field, on_row, &p) != 0)
		issue(&p, p.line, p.nfields + 1, "malformed CSV: %s", csv_strerror(csv_error(&csv)));
	csv_free(&csv);
	for (size_t i = 0; i < p.nfields; i++)
		free(p.fields[i]);
	free(p.fields);
	if (!p.header_done)
		issue(&p, 1, 1, "the file is empty; it needs a header row (partnership,published,"
		    "framework,qi,grade,count,basis,source)");
	else if (p.nrows == 0 && r->nerrors == 0)
		issue(&p, p.line, 1, "the file has a header but no rows");
	for (size_t i = 0; i < p.nfws; i++)
		framework_free(&p.fws[i]);
	if (r->nerrors > 0) {
		history_rows_free(p.rows, p.nrows);
		return cairn_errf(err, CAIRN_EDATA, "%s has %zu error%s; nothing was imported", name,
		    r->nerrors, r->nerrors == 1 ? "" : "s");
	}
	*rows = p.rows;
	*nrows = p.nrows;
	return rc;
}

int
app_history_import(struct store *st, const struct actor *who, const char *path,
    struct history_import *r, struct cairn_err *err)
{
	struct history_row *rows = NULL;
	size_t nrows = 0, len = 0;
	char *text = NULL, detail[160];
	int rc;

	if ((rc = file_read_all(path, HISTORY_FILE_MAX, &text, &len, err)) != CAIRN_OK)
		return rc;
	if ((rc = history_parse(st, text, len, path, &rows, &nrows, r, err)) != CAIRN_OK)
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
	free(text);
	return rc;
}
