/*
 * The fast path of the child-level outcomes import: one tight pass over a
 * file already in memory (mmap'd), splitting plain rows on commas and
 * counting each child into a dense table (area x period x group x
 * indicator) instead of building a key per row.
 *
 * It accepts only what it can read exactly as the general RFC 4180 reader
 * (core/csv.h) and the child-level rules of app/outcomes/outcome.c would, and
 * aggregate identically: printable ASCII rows without quotes, LF or CRLF
 * line ends, the header's number of cells, a non-empty area of at most 64
 * bytes, an area name of at most 200 bytes that is the same on every row
 * of an area, a period of 1 to 64 bytes, a group written 1 to 10, and
 * indicator cells 0, 1 or empty.  Anything else (including every error)
 * makes it decline, and the caller reads the whole file again with the
 * general reader, which reports the errors with their lines and columns.
 * So the fast path never decides what is valid; it only counts faster.
 */
#ifndef CAIRN_APP_OUTCOME_FAST_H
#define CAIRN_APP_OUTCOME_FAST_H

#include <stdbool.h>
#include <stddef.h>

/* Where the fields of a child-level file are, from its header. */
struct child_fast_cols {
	size_t ncols;   /* cells in the header; every row must have as many */
	int code;       /* the column keying the area (area_code, else the name's) */
	int name;       /* the area name column to check for consistency, or -1 */
	int period;     /* the period column */
	int group;      /* the deprivation group column */
	int nind;       /* indicator columns */
	const int *ind; /* their column numbers (borrowed) */
	bool release;   /* data is a read-only private file mapping starting on a page
	                     boundary: give back the pages already read (MADV_DONTNEED), so
	                     that a large file does not stay resident; they are read again
	                     from the file if touched */
};

/* One area, period and group with at least one child; the strings point
 * into the scanned buffer and live as long as it does. */
struct child_fast_agg {
	const char *code; /* area code (or name), not NUL-terminated */
	size_t codelen;
	const char *name; /* area name (the code when there is no name column) */
	size_t namelen;
	const char *period; /* period text, not NUL-terminated */
	size_t periodlen;
	int group;          /* as written, 1..10 */
	long line;          /* first line it was seen on */
	const long *counts; /* nind pairs (numerator, denominator); owned by the scan */
};

/* The result of a scan; free with child_fast_free. */
struct child_fast {
	struct child_fast_agg *aggs; /* in the order each was first seen (owned) */
	size_t naggs;
	long rows;    /* data rows read (empty lines are not rows) */
	int maxgroup; /* highest group seen */
	long *counts; /* the dense count table behind aggs (owned) */
};

/*
 * Scans data[start..n), which begins on line `line` right after the
 * header, and aggregates every row.  Returns true with *out filled when
 * every row met the fast rules; false (out left empty) when the file must
 * be read by the general reader instead.
 */
bool child_fast_scan(const char *data, size_t n, size_t start, long line,
    const struct child_fast_cols *cols, struct child_fast *out);
/* Frees a result; no-op on a zeroed one. */
void child_fast_free(struct child_fast *f);

#endif
