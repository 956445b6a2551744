/*
 * CSV input for every import in Cairn: a streaming RFC 4180 reader
 * (quoted cells, doubled quotes, embedded commas and newlines, CRLF or LF
 * or CR line ends, UTF-8 with or without a byte-order mark) and an error
 * collector that keeps the first CSV_ERRORS_KEPT errors with their line and
 * column and counts the rest.
 *
 * The reader never stops at the first bad row: it reports every problem
 * (invalid UTF-8, a cell over the size limit, a row whose number of cells
 * differs from the header's, a stray or unterminated quote) to the
 * collector and goes on, so that an import can list all that is wrong with
 * a file and then import nothing.  Rows with an error are not delivered.
 *
 * Lines are physical lines of the file counted from 1 (a quoted cell with
 * embedded newlines spans several); columns are cell numbers counted from 1.
 * Completely empty lines are skipped.  Depends only on libc.
 */
#ifndef CAIRN_CORE_CSV_H
#define CAIRN_CORE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* Errors kept in full by a collector; later ones are only counted. */
#define CSV_ERRORS_KEPT 20
/* Longest message kept for one error, in bytes. */
#define CSV_ERROR_MSG 200
/* Default longest cell, in bytes. */
#define CSV_CELL_MAX_DEFAULT ((size_t)64 << 10)
/* Default most cells in one row. */
#define CSV_CELLS_MAX_DEFAULT ((size_t)1024)

/* Default most bytes read from one input file or standard input: 2 GiB.
 * The environment variable CAIRN_INPUT_MAX (bytes, or with a K, M or G
 * suffix) replaces it. */
#define CSV_BYTES_MAX_DEFAULT ((size_t)2 << 30)

/* Returns the most bytes an import reads (CAIRN_INPUT_MAX or the default). */
size_t csv_bytes_max(void);
/*
 * Opens an import's input: "-" is standard input (returned as is); any
 * other path must be a regular file (a directory, FIFO, device such as
 * /dev/zero or socket is refused, and opening never blocks) no larger than
 * csv_bytes_max().  Returns the descriptor and sets *size (0 for standard
 * input), or returns -1 with err set and *rc its result (CAIRN_ENOINPUT, or
 * CAIRN_EDATA for a file over the limit).
 */
int csv_open_input(const char *path, size_t *size, int *rc, struct cairn_err *err);

/* One error found in an input file. */
struct csv_error {
	long line;               /* physical line, from 1; 0 when not about a line */
	long column;             /* cell number, from 1; 0 when about the whole row */
	char msg[CSV_ERROR_MSG]; /* one line saying what is wrong and what is valid */
};

/* The errors found in one file: the first CSV_ERRORS_KEPT and a count. */
struct csv_errors {
	struct csv_error kept[CSV_ERRORS_KEPT]; /* the first errors, in file order */
	size_t nkept;                           /* entries of kept in use */
	long total;                             /* every error found, kept or not */
};

/* Empties a collector. */
void csv_errors_clear(struct csv_errors *e);
/* Records an error at line and column (either may be 0). */
void csv_errors_add(struct csv_errors *e, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Adds the errors of src to dst, keeping the first CSV_ERRORS_KEPT of both
 * in (line, column) order and adding the totals. */
void csv_errors_merge(struct csv_errors *dst, const struct csv_errors *src);
/*
 * Appends the kept errors to out, one per line, each as
 * "FILE: line L, column C: message" (file may be NULL), followed by
 * "... and N more errors" when some were not kept.
 */
void csv_errors_format(const struct csv_errors *e, const char *file, struct buf *out);
/*
 * Records in err (CAIRN_EDATA) the one-line summary of a failed import:
 * "FILE has N errors; nothing was imported".  Returns CAIRN_EDATA.
 */
int csv_errors_summary(const struct csv_errors *e, const char *file, struct cairn_err *err);

/* One row as delivered to a callback; everything is borrowed and valid
 * only during the call. */
struct csv_row {
	size_t ncells;            /* number of cells */
	const char *const *cells; /* NUL-terminated cell texts (may contain NUL-free UTF-8) */
	const size_t *lens;       /* byte length of each cell */
	const long *lines;        /* line on which each cell starts */
	long line;                /* line on which the row starts */
	long number;              /* data row number, from 1 (0 for the header) */
};

/* Called for the header row (when the reader expects one); return
 * CAIRN_OK to go on, anything else to stop reading with that result. */
typedef int (*csv_header_fn)(void *arg, const struct csv_row *header, struct csv_errors *errs);
/* Called for each data row without errors, and only after a header
 * without errors (a header with a NUL, invalid UTF-8 or a stray quote is
 * never delivered, nor are the rows after it); same return convention. */
typedef int (*csv_row_fn)(void *arg, const struct csv_row *row, struct csv_errors *errs);
/* Called now and then while a file is read, with bytes read and the
 * file's size (0 when unknown). */
typedef void (*csv_progress_fn)(void *arg, size_t done, size_t total);

/* How to read; zero-initialise for the defaults. */
struct csv_opts {
	size_t max_cell;         /* longest cell in bytes; 0 for CSV_CELL_MAX_DEFAULT */
	size_t max_cells;        /* most cells per row; 0 for CSV_CELLS_MAX_DEFAULT */
	bool no_header;          /* the first row is data, not a header */
	bool allow_ragged;       /* deliver rows whose cell count differs from the first row's */
	csv_header_fn on_header; /* may be NULL */
	csv_row_fn on_row;       /* may be NULL */
	csv_progress_fn on_progress; /* may be NULL; only csv_read_file calls it */
	void *arg;                   /* passed to on_header and on_row */
	void *progress_arg;          /* passed to on_progress */
};

/* A streaming reader; opaque. */
struct csv_reader;

/* Returns a new reader for opts (copied); free with csv_reader_free(). */
struct csv_reader *csv_reader_new(const struct csv_opts *opts, struct csv_errors *errs);
/* Frees a reader; NULL is a no-op. */
void csv_reader_free(struct csv_reader *r);
/* Feeds n bytes; returns CAIRN_OK or the first non-OK callback result. */
int csv_reader_feed(struct csv_reader *r, const char *data, size_t n);
/*
 * Feeds data[*pos..n) one physical line (through its '\n') at a time
 * until r has its header, moving *pos past the lines fed and counting
 * them in *line; stops without the header when no '\n' is left.  For a
 * fast path that reads the rows itself after the header.  Returns CAIRN_OK
 * (csv_reader_header tells whether the header was read) or the first
 * non-OK callback result.
 */
int csv_reader_feed_header(struct csv_reader *r, const char *data, size_t n, size_t *pos,
    long *line);
/* Ends the input: finishes the last row and reports an empty input or an
 * unterminated quote.  Returns CAIRN_OK or a callback's result. */
int csv_reader_finish(struct csv_reader *r);
/* Returns the number of data rows delivered or rejected so far. */
long csv_reader_rows(const struct csv_reader *r);
/* Returns the header (NULL before it is read or with no_header); valid
 * until the reader is freed. */
const struct csv_row *csv_reader_header(const struct csv_reader *r);

/*
 * Reads a whole file (opened by csv_open_input: a regular file, or "-"
 * for standard input, at most csv_bytes_max() bytes) through a reader.
 * Returns CAIRN_ENOINPUT (err set) if it cannot be opened or read or is
 * not a regular file, CAIRN_EDATA (err set) past the byte limit, a callback's non-OK result, CAIRN_EDATA
 * (err set to the summary) if errs holds any error, else CAIRN_OK.
 * errs is cleared first.
 */
int csv_read_file(const char *path, const struct csv_opts *opts, struct csv_errors *errs,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* The same over n bytes in memory; name is used in the summary. */
int csv_read_mem(const char *data, size_t n, const char *name, const struct csv_opts *opts,
    struct csv_errors *errs, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
