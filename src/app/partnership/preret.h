/*
 * The pre-inspection return.  The pack defines its layout (data/models/
 * PACK/return.json: sheets, each with columns that have a name, a title, a
 * type -- text, integer, number, date, yesno -- and whether they are
 * required); Cairn writes the blank spreadsheet for the partnership
 * (XLSX, render/xlsx.c: one sheet per sheet of the layout, the column
 * names in the first row), and the co-ordinator returns it.
 *
 * The co-ordinator returns the filled workbook itself (read by
 * core/xlsxread.c into the rows the CSV reader gives) or one CSV file per
 * sheet (read by core/csv.c); the same callbacks check both.  It is all or nothing: every sheet is checked, every problem is
 * reported with its sheet, line and column, and nothing is stored unless
 * every sheet is clean.  Column headers and text cells go through
 * core/identify.c exactly as the population import's do: a column that
 * looks like a personal identifier (by its header or a value) is refused
 * unless the allow list names it, and the allowed columns are written in
 * the audit entry and stored with the return.  A return replaces the one
 * before it (versions are kept); the due date is the start of the layout's
 * due_stage on the timeline.
 *
 * Roles: view-partnership sees the layout, the status and the return;
 * return-preinspection returns it (the co-ordinator, lead and depute).
 */
#ifndef CAIRN_APP_PARTNERSHIP_PRERET_H
#define CAIRN_APP_PARTNERSHIP_PRERET_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/actor.h"
#include "app/records/population.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/partnership.h"

struct store;

/* Most sheets in a layout, and columns in a sheet. */
#define PRERET_SHEETS_MAX  32
#define PRERET_COLUMNS_MAX 64
/* Longest file of one sheet (or of a whole XLSX workbook), in bytes. */
#define PRERET_FILE_MAX (8L << 20)

/* Parses a return.json (name names it in errors) into l. */
int preret_layout_parse(const char *text, size_t len, const char *name, struct preret_layout *l,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Where the return stands. */
struct preret_status {
	struct preret_layout layout; /* the pack's layout */
	char due[11];                /* due date from the timeline, or "" */
	bool overdue;                /* due before today and not returned */
	struct preret_return ret;    /* the latest return (version 0: none) */
};
/* Frees a status's contents. */
void preret_status_free(struct preret_status *s);

/* Loads the layout, due date and latest return of inspection id. */
int app_preret_status(struct store *st, const struct actor *who, long id, struct preret_status *s,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Writes the blank return of inspection id as XLSX to path. */
int app_preret_xlsx(struct store *st, const struct actor *who, long id, const char *path,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* One sheet of a return: a CSV file (path) or CSV text in memory (data);
 * or the whole return as one XLSX workbook (recognised by its zip
 * signature, not its name; sheet is then ignored and it must be the only
 * file). */
struct preret_file {
	const char *sheet; /* the sheet's name in the layout ("" for a workbook) */
	const char *path;  /* a file, or NULL */
	const char *data;  /* text, when path is NULL */
	size_t len;
};

/* The problems of one sheet. */
struct preret_sheet_errors {
	char sheet[64];
	struct csv_errors e;
	bool rows; /* from an XLSX workbook: lines are rows, columns letters */
};

/* What a return did, or why it was refused. */
struct preret_result {
	long version; /* stored version; 0 when refused */
	long rows;    /* rows stored in all sheets */
	struct preret_sheet_errors errors[PRERET_SHEETS_MAX + 1]; /* per sheet; the last
	                                 entry for problems not about one sheet */
	size_t nerrors;                                           /* entries used */
	long total;                                               /* every problem found */
	struct population_idcol idcols[POPULATION_IDCOLS_MAX];    /* identifier-like columns */
	size_t nidcols;
};

/* Writes where problem e of se is to out: "Sheet S, line L, column C"
 * (the parts known; from a workbook "Sheet 'S', row R, column C" with C in
 * letters), or "The return" when none is. */
void preret_error_where(const struct preret_sheet_errors *se, const struct csv_error *e,
    struct buf *out);

/* Writes each problem of res to out, one per line: "Sheet S, line L,
 * column C: message". */
void preret_errors_format(const struct preret_result *res, struct buf *out);

/* Returns the return of inspection id: files[0..n), allow the allow list
 * (NULL: none).  Bad data is CAIRN_EDATA with res holding every problem;
 * nothing is stored. */
int app_preret_return(struct store *st, const struct actor *who, long id,
    const struct preret_file *files, size_t n, const char *allow, struct preret_result *res,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
