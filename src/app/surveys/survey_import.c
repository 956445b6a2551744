/*
 * Importing survey responses from CSV: see app_survey_import in survey.h.
 * The file is read completely and checked first; only a file without a
 * single error is written, in one transaction with its audit entry.
 */
#include "app/access/authz.h"
#include "app/surveys/survey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/identify.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "store/store.h"
#include "store/survey.h"

/* Most respondents in one file. */
#define IMPORT_ROWS_MAX 200000L
/* Longest attribute value, statement code and statement text, in bytes. */
#define IMPORT_VALUE_MAX 200
#define IMPORT_CODE_MAX  64
#define IMPORT_TEXT_MAX  1000

/* What a column of the file is used for; indexes col_role_name. */
enum col_role {
	COL_IGNORED = 0, /* not used */
	COL_ID,          /* the respondent id */
	COL_ATTRIBUTE,   /* an attribute to break down by */
	COL_STATEMENT,   /* answers to a statement */
	COL_COMMENT,     /* free-text comments */
	COL__MAX
};
static const char *const col_role_name[] = {
	[COL_IGNORED] = "ignored",
	[COL_ID] = "the respondent id",
	[COL_ATTRIBUTE] = "an attribute",
	[COL_STATEMENT] = "a statement",
	[COL_COMMENT] = "a comment column",
};
_Static_assert(sizeof(col_role_name) / sizeof(col_role_name[0]) == COL__MAX,
    "col_role_name: one entry per value");

/* One respondent read from the file. */
struct import_row {
	char *ext_id;    /* respondent id, trimmed */
	long line;       /* line the row starts on */
	char **attrs;    /* value of each survey attribute ("" when blank) */
	int *levels;     /* level index per statement, -1 when blank */
	char **comments; /* text per comment column, NULL when blank */
};

/* Everything an import reads and decides. */
struct import_ctx {
	struct store *st;                   /* for duplicate checks against stored ids */
	struct survey *sv;                  /* the survey (statements may be added) */
	const struct survey_import_opts *o; /* options */
	struct survey_import_result *res;   /* counts and ignored columns */
	size_t ncols;                       /* columns in the header */
	enum col_role *role;                /* per column */
	size_t *index;                      /* per column: attribute/statement/comment index */
	char **comment_names;               /* headers of the comment columns */
	size_t ncomments;
	char **new_attrs; /* attributes this import sets, or NULL */
	size_t nnew_attrs;
	size_t first_new_statement; /* statements at and after this come from the header */
	struct import_row *rows;    /* rows read */
	size_t nrows, caprows;
	size_t *slots; /* hash of ext ids: row index + 1, 0 empty */
	size_t nslots;
	char **heads;              /* the headers, trimmed */
	bool *allowed;             /* per column: named in the allow list */
	const char **allowed_word; /* per column: what an allowed column looked like, or NULL */
	bool header_ok;            /* the header was usable */
	long id_col;               /* column of the respondent id, from 1 */
};

/* Returns a malloc'd copy of the n bytes at s without surrounding white space. */
static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
		s++;
		n--;
	}
	while (
	    n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

/* Returns true if s has no control characters other than tab. */
static bool
no_controls(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
			return false;
	return true;
}

/* Copies at most 40 bytes of s into out for a message, control characters
 * (an embedded line break) written as spaces. */
static const char *
quote_value(const char *s, char out[static 48])
{
	size_t n = 0;

	for (; *s != '\0' && n < 40; s++)
		out[n++] = (unsigned char)*s < 0x20 ? ' ' : *s;
	/* Do not end inside a UTF-8 sequence: drop a cut one. */
	if (((unsigned char)*s & 0xC0) == 0x80) {
		while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0)
			n--;
	}
	out[n] = '\0';
	return out;
}

/* Splits a comma-separated list into trimmed, non-empty malloc'd items. */
static void
split_names(const char *list, char ***out, size_t *n)
{
	const char *p = list;

	*out = xcalloc(strlen(list) + 1, sizeof(char *));
	*n = 0;
	while (p != NULL) {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		char *item = trimmed(p, len);

		if (item[0] != '\0')
			(*out)[(*n)++] = item;
		else
			free(item);
		p = comma != NULL ? comma + 1 : NULL;
	}
}

/* Returns the column whose trimmed header equals name ignoring case, or -1. */
static long
find_column(char *const *heads, size_t ncols, const char *name)
{
	for (size_t i = 0; i < ncols; i++)
		if (text_casecmp(heads[i], name) == 0)
			return (long)i;
	return -1;
}

/* Appends the headers, comma-separated, to b (for messages). */
static void
list_heads(char *const *heads, size_t ncols, struct buf *b)
{
	for (size_t i = 0; i < ncols; i++)
		buf_printf(b, "%s'%s'", i ? ", " : "", heads[i]);
}

/* Gives column c a role, refusing a column used twice. */
static bool
assign(struct import_ctx *x, const struct csv_row *h, struct csv_errors *errs, size_t c,
    enum col_role role, size_t index)
{
	if (x->role[c] != COL_IGNORED) {
		csv_errors_add(errs, h->line, (long)c + 1, "column '%s' cannot be both %s and %s",
		    h->cells[c], col_role_name[x->role[c]], col_role_name[role]);
		return false;
	}
	x->role[c] = role;
	x->index[c] = index;
	return true;
}

/* Finds the respondent id column. */
static void
map_id(struct import_ctx *x, const struct csv_row *h, char *const *heads, struct csv_errors *errs)
{
	static const char *const defaults[] = { "id", "response id", "respondent id", "respondent",
		NULL };
	long c = -1;

	if (x->o->id_column != NULL) {
		c = find_column(heads, x->ncols, x->o->id_column);
	} else {
		for (const char *const *d = defaults; *d != NULL && c < 0; d++)
			c = find_column(heads, x->ncols, *d);
	}
	if (c < 0) {
		struct buf b = BUF_INIT;

		list_heads(heads, x->ncols, &b);
		if (x->o->id_column != NULL)
			csv_errors_add(errs, h->line, 0,
			    "no respondent id column '%s'; the columns are %s", x->o->id_column,
			    buf_str(&b));
		else
			csv_errors_add(errs, h->line, 0,
			    "no respondent id column ('id', 'response id', "
			    "'respondent id' or 'respondent'); name the id column");
		buf_free(&b);
		return;
	}
	assign(x, h, errs, (size_t)c, COL_ID, 0);
	x->id_col = c + 1;
}

/* Finds the attribute columns; sets x->new_attrs when the survey has none. */
static void
map_attributes(struct import_ctx *x, const struct csv_row *h, char *const *heads,
    struct csv_errors *errs)
{
	char **names = NULL;
	size_t n = 0;

	if (x->o->attribute_columns != NULL) {
		split_names(x->o->attribute_columns, &names, &n);
	} else {
		names = xcalloc(x->sv->nattributes + 1, sizeof(char *));
		for (size_t i = 0; i < x->sv->nattributes; i++)
			names[n++] = xstrdup(x->sv->attributes[i]);
	}
	if (x->sv->nattributes == 0 && n > 0) {
		x->new_attrs = names;
		x->nnew_attrs = n;
	} else if (n != x->sv->nattributes) {
		csv_errors_add(errs, h->line, 0,
		    "survey '%s' is broken down by %zu attribute%s; "
		    "the attribute columns given are %zu (they must name the same ones)",
		    x->sv->name, x->sv->nattributes, x->sv->nattributes == 1 ? "" : "s", n);
	}
	for (size_t i = 0; i < n; i++) {
		long c = find_column(heads, x->ncols, names[i]);
		int a = x->new_attrs != NULL ? (int)i : survey_attribute_find(x->sv, names[i]);

		if (a < 0) {
			csv_errors_add(errs, h->line, 0, "'%s' is not an attribute of survey '%s'",
			    names[i], x->sv->name);
		} else if (c < 0) {
			csv_errors_add(errs, h->line, 0, "no attribute column '%s' in the header",
			    names[i]);
		} else {
			for (size_t j = 0; j < i; j++)
				if (text_casecmp(names[j], names[i]) == 0)
					csv_errors_add(errs, h->line, c + 1,
					    "attribute '%s' is listed twice", names[i]);
			assign(x, h, errs, (size_t)c, COL_ATTRIBUTE, (size_t)a);
		}
		if (strlen(names[i]) > IMPORT_CODE_MAX || !no_controls(names[i]))
			csv_errors_add(errs, h->line, c + 1,
			    "attribute name '%s' must be 1 to %d bytes "
			    "without control characters",
			    names[i], IMPORT_CODE_MAX);
	}
	if (x->new_attrs == NULL)
		strv_free(names, n);
}

/* Finds the comment columns. */
static void
map_comments(struct import_ctx *x, const struct csv_row *h, char *const *heads,
    struct csv_errors *errs)
{
	if (x->o->comment_columns == NULL)
		return;
	split_names(x->o->comment_columns, &x->comment_names, &x->ncomments);
	for (size_t i = 0; i < x->ncomments; i++) {
		long c = find_column(heads, x->ncols, x->comment_names[i]);

		if (c < 0)
			csv_errors_add(errs, h->line, 0, "no comment column '%s' in the header",
			    x->comment_names[i]);
		else
			assign(x, h, errs, (size_t)c, COL_COMMENT, i);
	}
}

/* Maps the statements to columns, or makes them from the free columns. */
static void
map_statements(struct import_ctx *x, const struct csv_row *h, char *const *heads,
    struct csv_errors *errs)
{
	struct survey *sv = x->sv;

	x->first_new_statement = sv->nstatements;
	if (sv->nstatements > 0) {
		for (size_t s = 0; s < sv->nstatements; s++) {
			long found = -1;

			for (size_t c = 0; c < x->ncols; c++) {
				if (text_casecmp(heads[c], sv->statements[s].code) != 0 &&
				    text_casecmp(heads[c], sv->statements[s].text) != 0)
					continue;
				if (found >= 0)
					csv_errors_add(errs, h->line, (long)c + 1,
					    "columns %ld and %zu both match "
					    "statement %s",
					    found + 1, c + 1, sv->statements[s].code);
				found = (long)c;
			}
			if (found < 0)
				csv_errors_add(errs, h->line, 0,
				    "no column for statement %s ('%.80s'); name a "
				    "column by its code or its text",
				    sv->statements[s].code, sv->statements[s].text);
			else
				assign(x, h, errs, (size_t)found, COL_STATEMENT, s);
		}
		return;
	}
	sv->statements = xcalloc(x->ncols + 1, sizeof(*sv->statements));
	for (size_t c = 0; c < x->ncols; c++) {
		struct survey_statement *t;

		if (x->role[c] != COL_IGNORED)
			continue;
		if (heads[c][0] == '\0' || strlen(heads[c]) > IMPORT_TEXT_MAX ||
		    !no_controls(heads[c])) {
			csv_errors_add(errs, h->line, (long)c + 1,
			    "a statement column needs a header of 1 "
			    "to %d bytes without control characters",
			    IMPORT_TEXT_MAX);
			continue;
		}
		for (size_t s = 0; s < sv->nstatements; s++)
			if (text_casecmp(sv->statements[s].text, heads[c]) == 0)
				csv_errors_add(errs, h->line, (long)c + 1,
				    "two statement columns are called "
				    "'%s'",
				    heads[c]);
		t = &sv->statements[sv->nstatements];
		t->text = xstrdup(heads[c]);
		if (strlen(heads[c]) <= IMPORT_CODE_MAX)
			t->code = xstrdup(heads[c]);
		else
			t->code = xasprintf("Q%zu", c + 1);
		assign(x, h, errs, c, COL_STATEMENT, sv->nstatements++);
	}
	if (sv->nstatements == 0)
		csv_errors_add(errs, h->line, 0,
		    "no statement columns: every column is the id, an "
		    "attribute or a comment");
}

/* Refuses attribute and comment columns whose header looks like a
 * personal identifier (core/identify.h), unless the allow list names them. */
static void
check_identifiers(struct import_ctx *x, const struct csv_row *h, char *const *heads,
    struct csv_errors *errs)
{
	x->allowed = xcalloc(h->ncells + 1, sizeof(bool));
	x->allowed_word = xcalloc(h->ncells + 1, sizeof(char *));
	for (size_t c = 0; c < h->ncells; c++) {
		const char *word;

		x->allowed[c] = identify_allowed(x->o->allow, heads[c]);
		if (x->role[c] != COL_ATTRIBUTE || (word = identify_header(heads[c])) == NULL)
			continue;
		population_idcol_note(x->res->idcols, &x->res->nidcols, heads[c], word,
		    x->allowed[c]);
		if (x->allowed[c])
			x->allowed_word[c] = word;
		else
			csv_errors_add(errs, h->lines[c], (long)c + 1,
			    "column '%.60s' looks like a personal identifier (%s); survey "
			    "responses must not carry identifiers: remove it, or allow the column "
			    "'%.60s' if it is not one",
			    heads[c], word, heads[c]);
	}
}

/* Checks a respondent id or attribute value v in column c for what looks
 * like a personal identifier; returns false (reported) if it does and
 * the column is not allowed. */
static bool
value_ok(struct import_ctx *x, size_t c, const char *v, long line, struct csv_errors *errs)
{
	const char *word = identify_value(v, strlen(v));

	if (word == NULL)
		return true;
	population_idcol_note(x->res->idcols, &x->res->nidcols, x->heads[c], word, x->allowed[c]);
	if (x->allowed[c]) {
		if (x->allowed_word[c] == NULL)
			x->allowed_word[c] = word;
		return true;
	}
	csv_errors_add(errs, line, (long)c + 1,
	    "this value in column '%.60s' looks like a personal identifier (%s); survey responses "
	    "must not carry "
	    "identifiers: remove it, or allow the column '%.60s' if it is not one",
	    x->heads[c], word, x->heads[c]);
	return false;
}

/* The header callback: decides what each column is. */
static int
on_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct import_ctx *x = arg;
	long before = errs->total;
	char **heads;

	x->ncols = h->ncells;
	x->role = xcalloc(h->ncells + 1, sizeof(*x->role));
	x->index = xcalloc(h->ncells + 1, sizeof(*x->index));
	heads = xcalloc(h->ncells + 1, sizeof(char *));
	for (size_t c = 0; c < h->ncells; c++)
		heads[c] = trimmed(h->cells[c], h->lens[c]);
	map_id(x, h, heads, errs);
	map_attributes(x, h, heads, errs);
	map_comments(x, h, heads, errs);
	map_statements(x, h, heads, errs);
	check_identifiers(x, h, heads, errs);
	x->res->ignored = xcalloc(h->ncells + 1, sizeof(char *));
	for (size_t c = 0; c < h->ncells; c++)
		if (x->role[c] == COL_IGNORED)
			x->res->ignored[x->res->nignored++] = xstrdup(heads[c]);
	x->heads = heads;
	x->header_ok = errs->total == before;
	/* Rows cannot be checked against a header that is wrong. */
	return x->header_ok ? CAIRN_OK : CAIRN_EDATA;
}

/* Returns the row index + 1 holding ext_id, or 0; *slot is where it
 * would go. */
static size_t
id_lookup(const struct import_ctx *x, const char *ext_id, size_t *slot)
{
	size_t i;

	*slot = 0;
	if (x->nslots == 0)
		return 0;
	i = (size_t)text_hash(ext_id, strlen(ext_id)) & (x->nslots - 1);
	while (x->slots[i] != 0) {
		if (strcmp(x->rows[x->slots[i] - 1].ext_id, ext_id) == 0)
			return x->slots[i];
		i = (i + 1) & (x->nslots - 1);
	}
	*slot = i;
	return 0;
}

/* Adds row r to the id hash, growing it as needed. */
static void
id_insert(struct import_ctx *x, size_t r)
{
	size_t slot = 0;

	if ((x->nrows + 1) * 2 > x->nslots) {
		size_t old = x->nslots, *olds = x->slots;

		x->nslots = old ? old * 2 : 64;
		x->slots = xcalloc(x->nslots, sizeof(size_t));
		for (size_t i = 0; i < old; i++)
			if (olds[i] != 0) {
				(void)id_lookup(x, x->rows[olds[i] - 1].ext_id, &slot);
				x->slots[slot] = olds[i];
			}
		free(olds);
	}
	(void)id_lookup(x, x->rows[r].ext_id, &slot);
	x->slots[slot] = r + 1;
}

/* Appends the scale's labels, comma-separated, to b. */
static void
list_labels(const struct survey_scale *s, struct buf *b)
{
	for (size_t l = 0; l < s->nlevels; l++)
		buf_printf(b, "%s%s", l ? ", " : "", s->levels[l].label);
}

/* Frees the contents of one row. */
static void
row_free(struct import_row *r, const struct import_ctx *x)
{
	free(r->ext_id);
	strv_free(r->attrs, x->sv->nattributes + x->nnew_attrs);
	free(r->levels);
	strv_free(r->comments, x->ncomments);
}

/* The row callback: checks one respondent and keeps it. */
static int
on_row(void *arg, const struct csv_row *row, struct csv_errors *errs)
{
	struct import_ctx *x = arg;
	size_t nattrs = x->sv->nattributes + x->nnew_attrs;
	struct import_row r;
	long before = errs->total;

	memset(&r, 0, sizeof(r));
	if ((long)x->nrows >= IMPORT_ROWS_MAX) {
		csv_errors_add(errs, row->line, 0, "more than %ld respondents in one file",
		    IMPORT_ROWS_MAX);
		return CAIRN_EDATA;
	}
	r.line = row->line;
	r.attrs = xcalloc(nattrs + 1, sizeof(char *));
	r.levels = xcalloc(x->sv->nstatements + 1, sizeof(int));
	r.comments = xcalloc(x->ncomments + 1, sizeof(char *));
	for (size_t s = 0; s < x->sv->nstatements; s++)
		r.levels[s] = -1;
	for (size_t c = 0; c < row->ncells && c < x->ncols; c++) {
		char *v = trimmed(row->cells[c], row->lens[c]);
		long line = row->lines[c], col = (long)c + 1;

		switch (x->role[c]) {
		case COL_ID:
			if (v[0] == '\0' || strlen(v) > IMPORT_VALUE_MAX || !no_controls(v)) {
				csv_errors_add(errs, line, col,
				    "the respondent id must be 1 to %d bytes "
				    "without control characters",
				    IMPORT_VALUE_MAX);
				break;
			}
			if (!value_ok(x, c, v, line, errs))
				break;
			r.ext_id = v;
			v = NULL;
			break;
		case COL_ATTRIBUTE:
			if (strlen(v) > IMPORT_VALUE_MAX || !no_controls(v)) {
				csv_errors_add(errs, line, col,
				    "an attribute value must be at most %d bytes "
				    "without control characters",
				    IMPORT_VALUE_MAX);
				break;
			}
			if (!value_ok(x, c, v, line, errs))
				break;
			r.attrs[x->index[c]] = v;
			v = NULL;
			break;
		case COL_STATEMENT: {
			int l = v[0] != '\0' ? survey_scale_match(&x->sv->scale, v) : -1;

			if (v[0] != '\0' && l < 0) {
				struct buf b = BUF_INIT;
				char q[48];

				list_labels(&x->sv->scale, &b);
				csv_errors_add(errs, line, col,
				    "unknown answer '%s' to %s; valid (any "
				    "case): %s",
				    quote_value(v, q), x->sv->statements[x->index[c]].code,
				    buf_str(&b));
				buf_free(&b);
			}
			r.levels[x->index[c]] = l;
			break;
		}
		case COL_COMMENT:
			if (v[0] != '\0') {
				r.comments[x->index[c]] = v;
				v = NULL;
			}
			break;
		case COL_IGNORED:
		case COL__MAX: break;
		}
		free(v);
	}
	if (r.ext_id != NULL) {
		size_t slot, prev = id_lookup(x, r.ext_id, &slot);

		if (prev != 0)
			csv_errors_add(errs, row->line, x->id_col,
			    "duplicate respondent id '%.60s' (also on line "
			    "%ld)",
			    r.ext_id, x->rows[prev - 1].line);
		else if (!x->o->replace &&
		    store_survey_respondent_exists(x->st, x->sv->id, r.ext_id))
			csv_errors_add(errs, row->line, x->id_col,
			    "respondent '%.60s' was imported before; "
			    "replace the survey's responses to import it again",
			    r.ext_id);
	}
	if (errs->total != before) {
		row_free(&r, x);
		return CAIRN_OK;
	}
	if (x->nrows == x->caprows) {
		x->caprows = x->caprows ? x->caprows * 2 : 64;
		x->rows = xreallocarray(x->rows, x->caprows, sizeof(*x->rows));
	}
	x->rows[x->nrows] = r;
	id_insert(x, x->nrows);
	x->nrows++;
	return CAIRN_OK;
}

/* Writes everything read, in the caller's transaction. */
static int
write_all(struct import_ctx *x, struct cairn_err *err)
{
	struct survey *sv = x->sv;
	int rc = CAIRN_OK;

	if (x->o->replace && (rc = store_survey_clear(x->st, sv->id, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < x->nnew_attrs && rc == CAIRN_OK; i++)
		rc = store_survey_attribute_add(x->st, sv->id, (long)i, x->new_attrs[i], err);
	for (size_t s = x->first_new_statement; s < sv->nstatements && rc == CAIRN_OK; s++)
		rc = store_survey_statement_add(x->st, sv->id, (long)s, sv->statements[s].code,
		    sv->statements[s].text, err);
	x->res->new_attributes = (long)x->nnew_attrs;
	x->res->new_statements = (long)(sv->nstatements - x->first_new_statement);
	for (size_t i = 0; i < x->nrows && rc == CAIRN_OK; i++) {
		const struct import_row *r = &x->rows[i];
		long rid = 0;

		rc = store_survey_respondent_add(x->st, sv->id, r->ext_id, r->attrs,
		    sv->nattributes + x->nnew_attrs, r->levels, sv->nstatements, &rid, err);
		for (size_t s = 0; s < sv->nstatements; s++)
			x->res->answers += r->levels[s] >= 0;
		for (size_t k = 0; k < x->ncomments && rc == CAIRN_OK; k++) {
			if (r->comments[k] == NULL)
				continue;
			rc = store_survey_comment_add(x->st, sv->id, rid, x->comment_names[k],
			    r->comments[k], err);
			x->res->comments++;
		}
		x->res->respondents++;
	}
	return rc;
}

int
app_survey_import(struct store *st, const struct actor *who, long id, const char *name,
    const char *path, const struct survey_import_opts *opts, struct survey_import_result *res,
    struct cairn_err *err)
{
	struct import_ctx x;
	struct survey sv;
	struct csv_opts co;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_IMPORT_SURVEY, NULL, err)) != CAIRN_OK)
		return rc;

	memset(res, 0, sizeof(*res));
	memset(&x, 0, sizeof(x));
	if ((rc = app_survey_load(st, id, name, &sv, err)) != CAIRN_OK)
		return rc;
	x.st = st;
	x.sv = &sv;
	x.o = opts;
	x.res = res;
	memset(&co, 0, sizeof(co));
	co.on_header = on_header;
	co.on_row = on_row;
	co.arg = &x;
	rc = csv_read_file(path, &co, &res->errors, err);
	if (rc == CAIRN_ENOINPUT)
		goto out;
	if (res->errors.total == 0 && x.header_ok && x.nrows == 0)
		csv_errors_add(&res->errors, 0, 0, "the file has a header but no responses");
	if (res->errors.total > 0 || !x.header_ok) {
		cairn_err_clear(err);
		rc = csv_errors_summary(&res->errors, path, err);
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = write_all(&x, err);
	if (rc == CAIRN_OK) {
		struct buf detail = BUF_INIT;
		size_t nallowed = 0;

		buf_printf(&detail, "%ld respondents, %ld comments%s", res->respondents,
		    res->comments, opts->replace ? ", replacing the earlier import" : "");
		for (size_t c = 0; c < x.ncols; c++)
			if (x.allowed_word[c] != NULL)
				buf_printf(&detail, "%s'%s' (%s)",
				    nallowed++ ? ", " : "; allowed although identifier-like: ",
				    x.heads[c], x.allowed_word[c]);
		rc = audit_record(st, who, "survey.import", id, sv.name, buf_str(&detail), err);
		buf_free(&detail);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK) {
		store_rollback(st);
		res->respondents = res->answers = res->comments = 0;
	}
out:
	for (size_t i = 0; i < x.nrows; i++)
		row_free(&x.rows[i], &x);
	free(x.rows);
	free(x.slots);
	free(x.role);
	free(x.index);
	strv_free(x.heads, x.ncols);
	free(x.allowed);
	free(x.allowed_word);
	strv_free(x.comment_names, x.ncomments);
	strv_free(x.new_attrs, x.nnew_attrs);
	survey_free(&sv);
	return rc;
}

void
survey_import_result_free(struct survey_import_result *r)
{
	if (r == NULL)
		return;
	strv_free(r->ignored, r->nignored);
	r->ignored = NULL;
	r->nignored = 0;
}
