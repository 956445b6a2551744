/* The pre-inspection return: see preret.h. */
#include "app/partnership/preret.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
#include "app/access/authz.h"
#include "app/partnership/packfile.h"
#include "app/partnership/upload.h"
#include "app/setup/jsonfield.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/identify.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/file.h"
#include "core/xlsxread.h"
#include "render/doc.h"
#include "render/xlsx.h"
#include "store/partnership.h"
#include "store/store.h"

/* Longest title or note in a layout. */
#define LAYOUT_TEXT_MAX 2000
/* Longest sheet or column name. */
#define LAYOUT_NAME_MAX 40

/* Returns true if s is a usable sheet or column name: 1 to LAYOUT_NAME_MAX
 * of a-z, 0-9, '_' and '-'. */
static bool
plain_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > LAYOUT_NAME_MAX)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' ||
		        *p == '-'))
			return false;
	return true;
}

/* Parses column c (at path) of a sheet. */
static int
parse_column(json_t *c, const char *name, const char *path, struct preret_column *col,
    struct cairn_err *err)
{
	static const char *const keys[] = { "name", "title", "type", "required", NULL };
	char *type = NULL;
	int k;

	if (!json_is_object(c))
		return cairn_errf(err, CAIRN_EDATA, "%s: field %s: must be an object", name, path);
	if (jsonfield_only(c, keys, name, path, err) ||
	    jsonfield_str(c, "name", true, LAYOUT_NAME_MAX, name, path, &col->name, err) ||
	    jsonfield_str(c, "title", true, LAYOUT_TEXT_MAX, name, path, &col->title, err) ||
	    jsonfield_str(c, "type", true, 20, name, path, &type, err) ||
	    jsonfield_bool(c, "required", false, false, name, path, &col->required, err))
		return CAIRN_EDATA;
	k = preret_type_parse(type);
	free(type);
	if (k < 0)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field %stype: must be text, integer, number, date or yesno", name, path);
	col->type = (enum preret_type)k;
	if (!plain_name(col->name))
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field %sname: must be 1 to %d of a-z, 0-9, '_' and '-'", name, path,
		    LAYOUT_NAME_MAX);
	return CAIRN_OK;
}

/* Parses sheet s (at path). */
static int
parse_sheet(json_t *s, const char *name, const char *path, struct preret_sheet *sh,
    struct cairn_err *err)
{
	static const char *const keys[] = { "name", "title", "note", "required", "columns", NULL };
	json_t *cols = json_object_get(s, "columns"), *c;
	size_t i;

	if (!json_is_object(s))
		return cairn_errf(err, CAIRN_EDATA, "%s: field %s: must be an object", name, path);
	if (jsonfield_only(s, keys, name, path, err) ||
	    jsonfield_str(s, "name", true, LAYOUT_NAME_MAX, name, path, &sh->name, err) ||
	    jsonfield_str(s, "title", true, LAYOUT_TEXT_MAX, name, path, &sh->title, err) ||
	    jsonfield_str(s, "note", false, LAYOUT_TEXT_MAX, name, path, &sh->note, err) ||
	    jsonfield_bool(s, "required", false, true, name, path, &sh->required, err))
		return CAIRN_EDATA;
	if (!plain_name(sh->name))
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field %sname: must be 1 to %d of a-z, 0-9, '_' and '-'", name, path,
		    LAYOUT_NAME_MAX);
	if (!json_is_array(cols) || json_array_size(cols) == 0 ||
	    json_array_size(cols) > PRERET_COLUMNS_MAX)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field %scolumns: must be an array of 1 to %d columns", name, path,
		    PRERET_COLUMNS_MAX);
	sh->cols = xcalloc(json_array_size(cols), sizeof(*sh->cols));
	json_array_foreach(cols, i, c)
	{
		char p[160];

		snprintf(p, sizeof(p), "%scolumns[%zu].", path, i);
		sh->ncols++; /* freed with the sheet even when half read */
		if (parse_column(c, name, p, &sh->cols[i], err))
			return CAIRN_EDATA;
		for (size_t j = 0; j < i; j++)
			if (strcmp(sh->cols[j].name, sh->cols[i].name) == 0)
				return cairn_errf(err, CAIRN_EDATA,
				    "%s: field %sname: column '%s' is named twice", name, p,
				    sh->cols[i].name);
	}
	return CAIRN_OK;
}

int
preret_layout_parse(const char *text, size_t len, const char *name, struct preret_layout *l,
    struct cairn_err *err)
{
	static const char *const keys[] = { "title", "due_stage", "source", "sheets", NULL };
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr), *sheets, *s;
	char *source = NULL;
	size_t i;
	int rc = CAIRN_EDATA;

	memset(l, 0, sizeof(*l));
	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: line %d column %d: %s", name, jerr.line,
		    jerr.column, jerr.text);
	if (!json_is_object(root)) {
		cairn_errf(err, CAIRN_EDATA, "%s: must be a JSON object", name);
		goto out;
	}
	if (jsonfield_only(root, keys, name, "", err) ||
	    jsonfield_str(root, "title", true, LAYOUT_TEXT_MAX, name, "", &l->title, err) ||
	    jsonfield_str(root, "due_stage", false, LAYOUT_NAME_MAX, name, "", &l->due_stage,
	        err) ||
	    jsonfield_str(root, "source", false, LAYOUT_TEXT_MAX * 2, name, "", &source, err))
		goto out;
	sheets = json_object_get(root, "sheets");
	if (!json_is_array(sheets) || json_array_size(sheets) == 0 ||
	    json_array_size(sheets) > PRERET_SHEETS_MAX) {
		cairn_errf(err, CAIRN_EDATA, "%s: field sheets: must be an array of 1 to %d sheets",
		    name, PRERET_SHEETS_MAX);
		goto out;
	}
	l->sheets = xcalloc(json_array_size(sheets), sizeof(*l->sheets));
	json_array_foreach(sheets, i, s)
	{
		char p[64];

		snprintf(p, sizeof(p), "sheets[%zu].", i);
		if (parse_sheet(s, name, p, &l->sheets[i], err)) {
			l->n = i + 1;
			goto out;
		}
		l->n++;
		for (size_t j = 0; j < i; j++)
			if (strcmp(l->sheets[j].name, l->sheets[i].name) == 0) {
				cairn_errf(err, CAIRN_EDATA,
				    "%s: field %sname: sheet '%s' is named twice", name, p,
				    l->sheets[i].name);
				goto out;
			}
	}
	rc = CAIRN_OK;
out:
	free(source);
	json_decref(root);
	if (rc != CAIRN_OK)
		preret_layout_free(l);
	return rc;
}

/* Loads the layout of inspection id's pack. */
static int
load_layout(struct store *st, long id, struct preret_layout *l, struct cairn_err *err)
{
	char *text, name[120];
	size_t len;
	int rc;

	memset(l, 0, sizeof(*l));
	if ((rc = partnership_pack_file(st, id, "return.json", &text, &len, name, sizeof(name),
	         err)) != CAIRN_OK)
		return rc;
	rc = preret_layout_parse(text, len, name, l, err);
	free(text);
	return rc;
}

void
preret_status_free(struct preret_status *s)
{
	if (s == NULL)
		return;
	preret_layout_free(&s->layout);
	preret_return_free(&s->ret);
	memset(s, 0, sizeof(*s));
}

int
app_preret_status(struct store *st, const struct actor *who, long id, struct preret_status *s,
    struct cairn_err *err)
{
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = authz_check(st, who, id, ACTION_VIEW_PARTNERSHIP, NULL, err)) != CAIRN_OK ||
	    (rc = load_layout(st, id, &s->layout, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_preret_latest(st, id, &s->ret, err)) != CAIRN_OK) {
		preret_status_free(s);
		return rc;
	}
	s->overdue =
	    partnership_upload_overdue(st, id, s->layout.due_stage, s->ret.version, s->due);
	return CAIRN_OK;
}

int
app_preret_xlsx(struct store *st, const struct actor *who, long id, const char *path,
    struct cairn_err *err)
{
	struct preret_status s;
	struct doc d;
	struct doc_section *sec;
	int rc;

	if ((rc = app_preret_status(st, who, id, &s, err)) != CAIRN_OK)
		return rc;
	memset(&d, 0, sizeof(d));
	d.title = xstrdup(s.layout.title);
	d.subtitle = s.due[0] ? xasprintf("Inspection %ld; due by %s", id, s.due)
	                      : xasprintf("Inspection %ld", id);
	d.marking = xstrdup("OFFICIAL-SENSITIVE: no names or other personal identifiers");
	sec = doc_section(&d, "how", "How to return it", 1, false);
	doc_para(sec,
	    "Fill in each sheet below the first row, which names the columns: keep "
	    "those names as they are. Write numbers without units, dates as YYYY-MM-DD "
	    "and yes or no as yes or no.");
	doc_para(sec,
	    "Save the workbook as it is (XLSX) and upload it on the inspection's "
	    "partnership page; or save each sheet as a CSV file and upload those, one "
	    "for each sheet. A formula's saved result is read, not the formula.");
	doc_para(sec,
	    "Never write a child's name, date of birth, address, CHI number or other "
	    "identifier: the return counts children, it does not name them.");
	for (size_t i = 0; i < s.layout.n; i++) {
		const struct preret_sheet *sh = &s.layout.sheets[i];
		struct doc_section *ss = doc_section(&d, sh->name, sh->title, 2, false);
		struct doc_block *list;
		const char **heads = xcalloc(sh->ncols, sizeof(*heads));

		doc_para(ss, "Sheet '%s'%s.%s%s", sh->name,
		    sh->required ? " (required)" : " (optional)", sh->note ? " " : "",
		    sh->note ? sh->note : "");
		list = doc_list(ss, DOC_LIST);
		for (size_t c = 0; c < sh->ncols; c++) {
			char item[LAYOUT_TEXT_MAX + 200];

			snprintf(item, sizeof(item), "%s: %s (%s%s)", sh->cols[c].name,
			    sh->cols[c].title, preret_type_table[sh->cols[c].type].says,
			    sh->cols[c].required ? ", required" : "");
			doc_item(list, item);
			heads[c] = sh->cols[c].name;
		}
		doc_table(ss, sh->name, sh->title, sh->ncols, heads, NULL);
		free(heads);
	}
	rc = xlsx_write_form(&d, path, err);
	doc_free(&d);
	preret_status_free(&s);
	return rc;
}

/* The state of one sheet's import. */
struct sheet_ctx {
	const struct preret_sheet *sh;
	const char *allow;
	struct preret_result *res;
	int *map;        /* per file column: the layout column, or -1 */
	bool *allowed;   /* per file column: named in the allow list */
	size_t nfile;    /* columns in the file */
	struct buf body; /* the rows as JSON */
	long rows;
};

/* Checks a header: each column known (and not identifier-like unless
 * allowed), each required column present. */
static int
on_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct sheet_ctx *x = arg;
	bool *seen = xcalloc(x->sh->ncols + 1, sizeof(bool));

	x->nfile = h->ncells;
	x->map = xcalloc(h->ncells + 1, sizeof(int));
	x->allowed = xcalloc(h->ncells + 1, sizeof(bool));
	for (size_t c = 0; c < h->ncells; c++) {
		char name[256];
		const char *word;
		int k = -1;

		text_copy(name, sizeof(name), h->cells[c]);
		text_trim(name);
		x->map[c] = -1;
		x->allowed[c] = identify_allowed(x->allow, name);
		if ((word = identify_header(name)) != NULL) {
			population_idcol_note(x->res->idcols, &x->res->nidcols, name, word,
			    x->allowed[c]);
			if (!x->allowed[c]) {
				csv_errors_add(errs, h->lines[c], (long)c + 1,
				    "column '%.60s' looks like a personal identifier (%s); the "
				    "return "
				    "must not carry identifiers: remove it, or allow the column "
				    "'%.60s' "
				    "if it is not one",
				    name, word, name);
				continue;
			}
		}
		for (size_t j = 0; j < x->sh->ncols; j++)
			if (strcmp(x->sh->cols[j].name, name) == 0)
				k = (int)j;
		if (k < 0) {
			csv_errors_add(errs, h->lines[c], (long)c + 1,
			    "column '%.60s' is not in sheet '%s' of the return; keep the first row "
			    "as the blank return names the columns",
			    name, x->sh->name);
			continue;
		}
		if (seen[k]) {
			csv_errors_add(errs, h->lines[c], (long)c + 1,
			    "column '%.60s' appears twice", name);
			continue;
		}
		seen[k] = true;
		x->map[c] = k;
	}
	for (size_t j = 0; j < x->sh->ncols; j++)
		if (!seen[j] && x->sh->cols[j].required)
			csv_errors_add(errs, h->line, 0,
			    "the required column '%s' (%s) is missing from sheet '%s'",
			    x->sh->cols[j].name, x->sh->cols[j].title, x->sh->name);
	free(seen);
	return CAIRN_OK;
}

/* Checks value v of layout column col; returns an error message or NULL. */
static const char *
bad_value(const struct preret_column *col, const char *v)
{
	double d;
	long l;
	struct cdate cd;

	switch (col->type) {
	case PRERET_TEXT: return NULL;
	case PRERET_INTEGER:
		return text_parse_long(v, 0, 100000000L, &l) ? NULL
		                                             : preret_type_table[col->type].says;
	case PRERET_NUMBER:
		return text_parse_double(v, &d) && d >= 0 && d < 1e9
		    ? NULL
		    : preret_type_table[col->type].says;
	case PRERET_DATE: return date_parse(v, &cd) ? NULL : preret_type_table[col->type].says;
	case PRERET_YESNO:
		return text_casecmp(v, "yes") == 0 || text_casecmp(v, "no") == 0
		    ? NULL
		    : preret_type_table[col->type].says;
	case PRERET__MAX: break;
	}
	return "unknown";
}

/* Checks one row and appends it to the sheet's JSON. */
static int
on_row(void *arg, const struct csv_row *row, struct csv_errors *errs)
{
	struct sheet_ctx *x = arg;
	const char **vals = xcalloc(x->sh->ncols + 1, sizeof(*vals));
	long before = errs->total;

	for (size_t c = 0; c < row->ncells && c < x->nfile; c++) {
		const struct preret_column *col;
		const char *v = row->cells[c], *why, *word;

		if (x->map[c] < 0)
			continue;
		col = &x->sh->cols[x->map[c]];
		vals[x->map[c]] = v;
		if (v[0] == '\0') {
			if (col->required)
				csv_errors_add(errs, row->lines[c], (long)c + 1,
				    "column '%s' (%s) is required", col->name, col->title);
			continue;
		}
		if ((why = bad_value(col, v)) != NULL) {
			csv_errors_add(errs, row->lines[c], (long)c + 1,
			    "'%.40s' in column '%s' is not %s", v, col->name, why);
			continue;
		}
		if ((word = identify_value(v, row->lens[c])) != NULL) {
			population_idcol_note(x->res->idcols, &x->res->nidcols, col->name, word,
			    x->allowed[c]);
			if (!x->allowed[c])
				csv_errors_add(errs, row->lines[c], (long)c + 1,
				    "this value in column '%s' looks like a personal identifier "
				    "(%s); "
				    "the return must not carry identifiers: remove it, or allow "
				    "the "
				    "column '%s' if it is not one",
				    col->name, word, col->name);
		}
	}
	if (errs->total == before) {
		buf_puts(&x->body, x->rows > 0 ? "," : "");
		buf_putc(&x->body, '[');
		for (size_t j = 0; j < x->sh->ncols; j++) {
			const char *v = vals[j] != NULL ? vals[j] : "";

			buf_puts(&x->body, j > 0 ? "," : "");
			population_json_string(&x->body, v, strlen(v));
		}
		buf_putc(&x->body, ']');
		x->rows++;
	}
	free(vals);
	return CAIRN_OK;
}

/* Returns the errors entry for sheet (adding it). */
static struct csv_errors *
errors_for(struct preret_result *res, const char *sheet)
{
	struct preret_sheet_errors *e;

	for (size_t i = 0; i < res->nerrors; i++)
		if (strcmp(res->errors[i].sheet, sheet) == 0)
			return &res->errors[i].e;
	if (res->nerrors >= sizeof(res->errors) / sizeof(res->errors[0]))
		return &res->errors[res->nerrors - 1].e;
	e = &res->errors[res->nerrors++];
	text_copy(e->sheet, sizeof(e->sheet), sheet);
	csv_errors_clear(&e->e);
	return &e->e;
}

void
preret_error_where(const struct preret_sheet_errors *se, const struct csv_error *e, struct buf *out)
{
	const char *sep = "", *sheet = se->sheet;

	if (sheet[0] != '\0') {
		buf_printf(out, se->rows ? "Sheet '%s'" : "Sheet %s", sheet);
		sep = ", ";
	}
	if (e->line > 0) {
		buf_printf(out, "%s%s %ld", sep, se->rows ? "row" : "line", e->line);
		sep = ", ";
	}
	if (e->column > 0 && se->rows) {
		char cn[8];

		xlsx_column_name(e->column, cn, sizeof(cn));
		buf_printf(out, "%scolumn %s", sep, cn);
	} else if (e->column > 0) {
		buf_printf(out, "%scolumn %ld", sep, e->column);
	}
	if (sheet[0] == '\0' && e->line <= 0 && e->column <= 0)
		buf_puts(out, "The return");
}

void
preret_errors_format(const struct preret_result *res, struct buf *out)
{
	for (size_t i = 0; i < res->nerrors; i++) {
		const struct csv_errors *e = &res->errors[i].e;

		for (size_t k = 0; k < e->nkept; k++) {
			preret_error_where(&res->errors[i], &e->kept[k], out);
			buf_printf(out, ": %s\n", e->kept[k].msg);
		}
		if ((size_t)e->total > e->nkept)
			buf_printf(out, "sheet %s: ... and %ld more problems\n",
			    res->errors[i].sheet, e->total - (long)e->nkept);
	}
}

/* Reads one sheet's file (or sheet bi of workbook book, when book is not
 * NULL) into r's entry i; problems go to res. */
static int
read_sheet(const struct preret_sheet *sh, const struct preret_file *f, struct xlsx_book *book,
    size_t bi, const char *allow, struct preret_result *res, struct preret_return *r, size_t i,
    struct cairn_err *err)
{
	struct sheet_ctx x;
	struct csv_opts o;
	struct csv_errors *errs = errors_for(res, sh->name), tmp;
	int rc;

	memset(&x, 0, sizeof(x));
	memset(&o, 0, sizeof(o));
	x.sh = sh;
	x.allow = allow;
	x.res = res;
	buf_init(&x.body, (size_t)PRERET_FILE_MAX * 2);
	buf_putc(&x.body, '[');
	o.on_header = on_header;
	o.on_row = on_row;
	o.arg = &x;
	o.max_cells = PRERET_COLUMNS_MAX * 2;
	csv_errors_clear(&tmp);
	if (book != NULL)
		rc = xlsx_read_sheet(book, bi, &o, &tmp);
	else if (f->path != NULL)
		rc = csv_read_file(f->path, &o, &tmp, err);
	else
		rc = csv_read_mem(f->data, f->len, sh->name, &o, &tmp, err);
	csv_errors_merge(errs, &tmp);
	if (rc == CAIRN_ENOINPUT) {
		csv_errors_add(errs, 0, 0, "%s", err->msg);
		cairn_err_clear(err);
	} else if (rc != CAIRN_OK && rc != CAIRN_EDATA) {
		goto out;
	}
	cairn_err_clear(err);
	rc = CAIRN_OK;
	buf_putc(&x.body, ']');
	if (buf_failed(&x.body))
		csv_errors_add(errs, 0, 0, "sheet '%s' is too large", sh->name);
	r->sheets[i] = xstrdup(sh->name);
	r->rows[i] = x.rows;
	r->bodies[i] = buf_take(&x.body);
	r->nsheets = i + 1;
	res->rows += x.rows;
out:
	buf_free(&x.body);
	free(x.map);
	free(x.allowed);
	return rc;
}

/* Returns true if file f is an XLSX workbook (starts with a zip
 * signature), whatever its name. */
static bool
is_workbook(const struct preret_file *f)
{
	char head[4];
	FILE *fp;
	size_t got;

	if (f->path == NULL)
		return f->data != NULL && xlsx_is_zip(f->data, f->len);
	if (strcmp(f->path, "-") == 0 || (fp = fopen(f->path, "rb")) == NULL)
		return false;
	got = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	return xlsx_is_zip(head, got);
}

/* Marks the errors entry of sheet as from a workbook. */
static void
errors_rows(struct preret_result *res, const char *sheet)
{
	(void)errors_for(res, sheet);
	for (size_t i = 0; i < res->nerrors; i++)
		if (strcmp(res->errors[i].sheet, sheet) == 0)
			res->errors[i].rows = true;
}

/* Reads the return from the XLSX workbook f: each sheet of layout l from
 * the worksheet of the same name (an "About" sheet is ignored, any other
 * is a problem).  Problems go to res; returns CAIRN_OK or a failure that
 * is not about the data. */
static int
read_workbook(const struct preret_layout *l, const struct preret_file *f, const char *allow,
    struct preret_result *res, struct preret_return *r, struct cairn_err *err)
{
	char *owned = NULL;
	const char *data = f->data;
	size_t len = f->len;
	struct xlsx_book *book = NULL;
	struct csv_errors tmp;
	int rc = CAIRN_OK;

	if (f->path != NULL) {
		rc = file_read_all(f->path, (size_t)PRERET_FILE_MAX, &owned, &len, err);
		if (rc != CAIRN_OK) {
			csv_errors_add(errors_for(res, ""), 0, 0, "%s", err->msg);
			cairn_err_clear(err);
			return CAIRN_OK;
		}
		data = owned;
	}
	csv_errors_clear(&tmp);
	if (xlsx_book_open(data, len, &book, &tmp, err) != CAIRN_OK) {
		csv_errors_merge(errors_for(res, ""), &tmp);
		cairn_err_clear(err);
		free(owned);
		return CAIRN_OK;
	}
	for (size_t j = 0; j < xlsx_book_nsheets(book); j++) {
		const char *name = xlsx_book_sheet(book, j);
		bool known = strcmp(name, "About") == 0;

		for (size_t s = 0; s < l->n; s++)
			known = known || strcmp(l->sheets[s].name, name) == 0;
		if (!known)
			csv_errors_add(errors_for(res, ""), 0, 0,
			    "the workbook has a sheet '%.60s' that is not in the return; keep the "
			    "sheets as the blank return names them",
			    name);
	}
	for (size_t s = 0; s < l->n && rc == CAIRN_OK; s++) {
		size_t j = 0;

		while (j < xlsx_book_nsheets(book) &&
		    strcmp(xlsx_book_sheet(book, j), l->sheets[s].name) != 0)
			j++;
		errors_rows(res, l->sheets[s].name);
		if (j == xlsx_book_nsheets(book)) {
			if (l->sheets[s].required)
				csv_errors_add(errors_for(res, l->sheets[s].name), 0, 0,
				    "the required sheet '%s' (%s) is missing from the workbook",
				    l->sheets[s].name, l->sheets[s].title);
			continue;
		}
		rc = read_sheet(&l->sheets[s], f, book, j, allow, res, r, r->nsheets, err);
	}
	xlsx_book_free(book);
	free(owned);
	return rc;
}

int
app_preret_return(struct store *st, const struct actor *who, long id,
    const struct preret_file *files, size_t n, const char *allow, struct preret_result *res,
    struct cairn_err *err)
{
	struct preret_layout l;
	struct preret_return r;
	struct buf detail = BUF_INIT;
	size_t nallowed = 0;
	int rc;

	memset(res, 0, sizeof(*res));
	memset(&r, 0, sizeof(r));
	if ((rc = authz_check(st, who, id, ACTION_RETURN_PREINSPECTION, NULL, err)) != CAIRN_OK ||
	    (rc = load_layout(st, id, &l, err)) != CAIRN_OK)
		return rc;
	if (n == 0) {
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "file",
		    "choose the filled XLSX workbook, or the CSV file of each sheet of the "
		    "return");
		goto out;
	}
	r.sheets = xcalloc(l.n, sizeof(*r.sheets));
	r.rows = xcalloc(l.n, sizeof(*r.rows));
	r.bodies = xcalloc(l.n, sizeof(*r.bodies));
	for (size_t i = 0; i < n; i++)
		if (is_workbook(&files[i])) {
			if (n > 1)
				csv_errors_add(errors_for(res, ""), 0, 0,
				    "upload the XLSX workbook on its own: it holds every sheet");
			else if ((rc = read_workbook(&l, &files[i], allow, res, &r, err)) !=
			    CAIRN_OK)
				goto out;
			goto checked;
		}
	for (size_t i = 0; i < n; i++) {
		bool known = false;

		for (size_t s = 0; s < l.n; s++)
			known = known || strcmp(l.sheets[s].name, files[i].sheet) == 0;
		for (size_t j = 0; j < i; j++)
			if (strcmp(files[j].sheet, files[i].sheet) == 0)
				csv_errors_add(errors_for(res, ""), 0, 0,
				    "sheet '%.60s' is given twice", files[i].sheet);
		if (!known)
			csv_errors_add(errors_for(res, ""), 0, 0,
			    "there is no sheet '%.60s' in the return", files[i].sheet);
	}
	for (size_t s = 0; s < l.n; s++) {
		const struct preret_file *f = NULL;

		for (size_t i = 0; i < n && f == NULL; i++)
			if (strcmp(files[i].sheet, l.sheets[s].name) == 0)
				f = &files[i];
		if (f == NULL) {
			if (l.sheets[s].required)
				csv_errors_add(errors_for(res, l.sheets[s].name), 0, 0,
				    "the required sheet '%s' (%s) is missing", l.sheets[s].name,
				    l.sheets[s].title);
			continue;
		}
		if ((rc = read_sheet(&l.sheets[s], f, NULL, 0, allow, res, &r, r.nsheets, err)) !=
		    CAIRN_OK)
			goto out;
	}
checked:
	for (size_t i = 0; i < res->nerrors; i++)
		res->total += res->errors[i].e.total;
	if (res->total > 0) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "file",
		    "the return has %ld problem%s; nothing was stored", res->total,
		    res->total == 1 ? "" : "s");
		res->rows = 0;
		goto out;
	}
	partnership_upload_sha256(r.sheets, r.bodies, r.nsheets, r.sha256);
	r.returned_by = xstrdup(who->name);
	{
		struct buf al = BUF_INIT;

		for (size_t i = 0; i < res->nidcols; i++)
			if (res->idcols[i].allowed)
				buf_printf(&al, "%s%s", al.len ? "," : "", res->idcols[i].name);
		r.allowed = al.len ? buf_take(&al) : NULL;
		buf_free(&al);
	}
	buf_printf(&detail, "%zu sheets, %ld rows, sha256 %s", r.nsheets, res->rows, r.sha256);
	for (size_t i = 0; i < res->nidcols; i++)
		if (res->idcols[i].allowed)
			buf_printf(&detail, "%s'%s' (%s)",
			    nallowed++ ? ", " : "; allowed although identifier-like: ",
			    res->idcols[i].name, res->idcols[i].word);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_preret_insert(st, id, &r, err);
	if ((rc = partnership_upload_commit(st, who, id, rc, "partnership.return",
	         "pre-inspection return", r.version, buf_str(&detail), err)) != CAIRN_OK) {
		res->rows = 0;
		goto out;
	}
	res->version = r.version;
out:
	buf_free(&detail);
	preret_return_free(&r);
	preret_layout_free(&l);
	return rc;
}
