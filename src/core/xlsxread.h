/*
 * XLSX input: reads the sheets of an Office Open XML workbook (a zip of
 * XML parts) into the same rows the CSV reader delivers (core/csv.h), so
 * that an import validates an uploaded spreadsheet with the callbacks it
 * uses for CSV.  libzip opens the archive and expat parses
 * xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/sharedStrings.xml and
 * each worksheet.
 *
 * Cells: shared strings, inline strings, numbers (their text, plain
 * decimal only: an exponent is refused; in a date style, read from
 * xl/styles.xml, the date it shows as YYYY-MM-DD), booleans (as "yes" and "no"),
 * formula results (the cached value the spreadsheet saved; the formula
 * itself is ignored), spreadsheet errors (refused).  A row's line is its
 * spreadsheet row number and a cell's column its column number (A = 1);
 * missing cells are empty.  The first row with a non-empty cell is the
 * header; empty rows are skipped.
 *
 * Hostile files are refused with a plain message: not a zip; any entry
 * or all the entries read together uncompressing past xlsx_bytes_max()
 * (50 MB, or CAIRN_XLSX_MAX); any DOCTYPE or entity declaration; more
 * than XLSX_ROWS_MAX rows or a column past the reader's cell limit; cell
 * references out of order or past XFD1048576; missing parts.  Depends on
 * libzip, expat and core/.
 */
#ifndef CAIRN_CORE_XLSXREAD_H
#define CAIRN_CORE_XLSXREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/csv.h"
#include "core/err.h"

/* Default most uncompressed bytes read from one workbook: 50 MB.  The
 * environment variable CAIRN_XLSX_MAX (bytes, or with K, M or G) replaces it. */
#define XLSX_BYTES_MAX_DEFAULT ((size_t)50 << 20)
/* Most sheets in a workbook. */
#define XLSX_SHEETS_MAX 64
/* Most rows read from one sheet. */
#define XLSX_ROWS_MAX 100000L
/* Most shared strings. */
#define XLSX_STRINGS_MAX 1000000L

/* A workbook opened for reading; opaque. */
struct xlsx_book;

/* Returns true if data starts with a zip signature ("PK\3\4"). */
bool xlsx_is_zip(const char *data, size_t n);
/* Returns the most uncompressed bytes read from a workbook. */
size_t xlsx_bytes_max(void);

/*
 * Opens the workbook in data[0..n) (borrowed: it must outlive the book),
 * reading its sheet list and shared strings.  Returns CAIRN_OK with *out
 * set (free with xlsx_book_free), or CAIRN_EDATA with the problems in errs
 * (line and column 0) and err set to a one-line summary.
 */
int xlsx_book_open(const char *data, size_t n, struct xlsx_book **out, struct csv_errors *errs,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Frees a book; NULL is a no-op. */
void xlsx_book_free(struct xlsx_book *b);
/* Returns the number of sheets. */
size_t xlsx_book_nsheets(const struct xlsx_book *b);
/* Returns sheet i's name (borrowed from the book). */
const char *xlsx_book_sheet(const struct xlsx_book *b, size_t i);

/*
 * Reads sheet i, calling opts->on_header and opts->on_row as csv_read_mem
 * does (max_cells bounds the columns, max_cell a cell's bytes; no_header
 * and allow_ragged are honoured).  Problems go to errs with the row and
 * column; a row with a problem is not delivered.  Returns CAIRN_OK, a
 * callback's non-OK result, or CAIRN_EDATA when errs holds any problem.
 */
int xlsx_read_sheet(struct xlsx_book *b, size_t i, const struct csv_opts *opts,
    struct csv_errors *errs) __attribute__((warn_unused_result));

/* Writes column number col (from 1) as letters ("A", "AB") to out (at
 * least 4 bytes). */
void xlsx_column_name(long col, char *out, size_t size);

#endif
