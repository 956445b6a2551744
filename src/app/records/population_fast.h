/*
 * The fast path of the population import: one tight pass over a file
 * already in memory (mmap'd), splitting plain rows on commas with a table
 * of byte classes and handing each row's cells to a callback as pointers
 * into the file, with no per-cell copy.
 *
 * It accepts only rows it can split exactly as the general RFC 4180 reader
 * (core/csv.h) would, without any error: printable ASCII and valid UTF-8,
 * LF or CRLF line ends, the header's number of cells, cells of at most
 * max_cell bytes, and quotes only around a whole cell that holds no quote
 * and no line break.  Anything else (a doubled or stray quote, a control
 * byte such as a tab or NUL, a lone CR, invalid UTF-8, a cell too long, a
 * row of the wrong width) makes it decline, and the caller reads the whole
 * file again with the general reader, which reports the errors with their
 * lines and columns.  The callback may decline too (for a row its own
 * rules would reject).  So the fast path never decides what is valid; it
 * only reads faster.
 */
#ifndef CAIRN_APP_POPULATION_FAST_H
#define CAIRN_APP_POPULATION_FAST_H

#include <stdbool.h>
#include <stddef.h>

/* Returned by a row callback (and by population_fast_scan) when the file
 * must be read by the general reader instead; no CAIRN_* code has it. */
#define POPULATION_FAST_DECLINE (-1)

/*
 * Called for each data row: ncols cells (not NUL-terminated, pointing into
 * the scanned buffer, valid only during the call) and their lengths;
 * escape is true when some cell holds a backslash (which JSON must
 * escape; no other byte of a fast row needs it); line is the physical
 * line of the row, from 1.  Returns CAIRN_OK to go on,
 * POPULATION_FAST_DECLINE to give the file to the general reader, or
 * another code to stop with it.
 */
typedef int (*population_fast_row_fn)(void *arg, const char *const *cells, const size_t *lens,
    bool escape, long line);

/* How to scan. */
struct population_fast_opts {
	size_t ncols;                  /* cells in the header; every row must have as many */
	size_t max_cell;               /* longest cell accepted, in bytes */
	bool release;                  /* data is a read-only private file mapping starting on a
	                                  page boundary: give back the pages already read
	                                  (MADV_DONTNEED) so that a large file does not stay
	                                  resident; the callback must copy what it keeps */
	population_fast_row_fn on_row; /* called for each row; required */
	void *arg;                     /* passed to on_row */
	void (*progress)(void *arg, size_t done, size_t total); /* may be NULL */
	void *progress_arg;                                     /* passed to progress */
};

/*
 * Scans data[start..n), which begins on line `line` right after the
 * header, and hands every row to o->on_row.  Returns CAIRN_OK with *rows
 * set when every row was plain and taken; POPULATION_FAST_DECLINE when
 * the file must be read by the general reader (rows already handed over
 * are then to be discarded by the caller); or the first other code a
 * callback returned.
 */
int population_fast_scan(const char *data, size_t n, size_t start, long line,
    const struct population_fast_opts *o, long *rows) __attribute__((warn_unused_result));

#endif
