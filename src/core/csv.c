/* CSV input: see csv.h.  A byte-at-a-time state machine with fast spans
 * for the common case (runs of ordinary bytes inside a cell). */
#include "core/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/text.h"

/* Bytes read from a file at a time. */
#define CSV_CHUNK ((size_t)256 << 10)

void
csv_errors_clear(struct csv_errors *e)
{
	e->nkept = 0;
	e->total = 0;
}

void
csv_errors_add(struct csv_errors *e, long line, long column, const char *fmt, ...)
{
	va_list ap;

	e->total++;
	if (e->nkept >= CSV_ERRORS_KEPT)
		return;
	e->kept[e->nkept].line = line;
	e->kept[e->nkept].column = column;
	va_start(ap, fmt);
	vsnprintf(e->kept[e->nkept].msg, sizeof(e->kept[e->nkept].msg), fmt, ap);
	va_end(ap);
	/* A header name or cell cut to its place ("%.60s") or to the buffer
	 * may end in half a character: every output of the message (a JSON
	 * error among them) needs UTF-8. */
	text_utf8_repair(e->kept[e->nkept].msg);
	e->nkept++;
}

/* Orders errors by line, then column. */
static int
error_cmp(const void *a, const void *b)
{
	const struct csv_error *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->column > y->column) - (x->column < y->column);
}

void
csv_errors_merge(struct csv_errors *dst, const struct csv_errors *src)
{
	struct csv_error all[2 * CSV_ERRORS_KEPT];
	size_t n = 0;

	for (size_t i = 0; i < dst->nkept; i++)
		all[n++] = dst->kept[i];
	for (size_t i = 0; i < src->nkept; i++)
		all[n++] = src->kept[i];
	qsort(all, n, sizeof(all[0]), error_cmp);
	dst->nkept = n < CSV_ERRORS_KEPT ? n : CSV_ERRORS_KEPT;
	memcpy(dst->kept, all, dst->nkept * sizeof(all[0]));
	dst->total += src->total;
}

void
csv_errors_format(const struct csv_errors *e, const char *file, struct buf *out)
{
	for (size_t i = 0; i < e->nkept; i++) {
		const struct csv_error *x = &e->kept[i];

		if (file != NULL)
			buf_printf(out, "%s: ", file);
		if (x->line > 0 && x->column > 0)
			buf_printf(out, "line %ld, column %ld: ", x->line, x->column);
		else if (x->line > 0)
			buf_printf(out, "line %ld: ", x->line);
		buf_printf(out, "%s\n", x->msg);
	}
	if (e->total > (long)e->nkept)
		buf_printf(out, "%s%s... and %ld more error%s\n", file ? file : "",
		    file ? ": " : "", e->total - (long)e->nkept,
		    e->total - (long)e->nkept == 1 ? "" : "s");
}

int
csv_errors_summary(const struct csv_errors *e, const char *file, struct cairn_err *err)
{
	return cairn_errf(err, CAIRN_EDATA, "%s has %ld error%s%s; nothing was imported",
	    file ? file : "the input", e->total, e->total == 1 ? "" : "s",
	    e->total > (long)e->nkept ? " (the first 20 are listed)" : "");
}

/* Where the machine is within the input. */
enum csv_state {
	ST_ROW_START = 0, /* before the first byte of a row */
	ST_CELL_START,    /* just after a delimiter */
	ST_UNQUOTED,      /* inside an unquoted cell */
	ST_QUOTED,        /* inside a quoted cell */
	ST_QUOTE,         /* a quote seen inside a quoted cell: end or escape */
	ST_AFTER_QUOTE,   /* junk after a closing quote: read on as unquoted */
};

/* A row being assembled, or a stored copy (the header). */
struct csv_rowbuf {
	char *text;        /* cell texts, each NUL-terminated, back to back */
	size_t tlen;       /* bytes of text used */
	size_t tcap;       /* bytes of text allocated */
	size_t *offs;      /* start of each cell in text */
	size_t *lens;      /* length of each cell */
	long *lines;       /* line on which each cell starts */
	const char **ptrs; /* cell pointers, filled on delivery */
	size_t n;          /* cells */
	size_t cap;        /* entries allocated in the arrays */
};

struct csv_reader {
	struct csv_opts o;       /* the options, defaults filled in */
	struct csv_errors *errs; /* where errors go (borrowed) */
	enum csv_state state;    /* machine state */
	long line;               /* line of the next byte, from 1 */
	bool last_cr;         /* the previous byte was a CR (a following LF is the same line end) */
	unsigned char bom[3]; /* bytes held while deciding whether the input starts with a BOM */
	size_t nbom;          /* bytes in bom */
	bool bom_done;        /* the BOM question is settled */
	struct csv_rowbuf row;    /* the row being read */
	long row_line;            /* line on which the current row started */
	bool row_bad;             /* the current row has an error: do not deliver it */
	size_t cell_len;          /* bytes of the current cell (even past the limit) */
	bool cell_high;           /* the current cell has a byte >= 0x80 */
	bool cell_nul;            /* the current cell has a NUL byte */
	bool cell_quoted;         /* the current cell began with a quote */
	long cell_line;           /* line on which the current cell started */
	struct csv_rowbuf header; /* stored header cells */
	bool have_header;         /* header (or, with no_header, the first row) seen */
	bool header_bad;          /* the header had an error: its rows are read for their
	                             own errors but never delivered (on_row would read
	                             them against a header it never saw) */
	size_t expect;            /* cells every row should have */
	long rows;                /* data rows seen */
	struct csv_row hrow;      /* the header as a struct csv_row */
	int stop;                 /* non-OK callback result: stop reading */
};

/* Grows the arrays of rb to hold at least n cells. */
static void
rowbuf_reserve(struct csv_rowbuf *rb, size_t n)
{
	if (n <= rb->cap)
		return;
	rb->cap = rb->cap ? rb->cap * 2 : 16;
	if (rb->cap < n)
		rb->cap = n;
	rb->offs = xreallocarray(rb->offs, rb->cap, sizeof(*rb->offs));
	rb->lens = xreallocarray(rb->lens, rb->cap, sizeof(*rb->lens));
	rb->lines = xreallocarray(rb->lines, rb->cap, sizeof(*rb->lines));
	rb->ptrs = xreallocarray(rb->ptrs, rb->cap, sizeof(*rb->ptrs));
}

/* Grows the text of rb to hold at least n more bytes. */
static void
rowbuf_text(struct csv_rowbuf *rb, size_t n)
{
	if (rb->tcap - rb->tlen >= n)
		return;
	while (rb->tcap - rb->tlen < n)
		rb->tcap = rb->tcap ? rb->tcap * 2 : 4096;
	rb->text = xreallocarray(rb->text, rb->tcap, 1);
}

static void
rowbuf_free(struct csv_rowbuf *rb)
{
	free(rb->text);
	free(rb->offs);
	free(rb->lens);
	free(rb->lines);
	free(rb->ptrs);
	memset(rb, 0, sizeof(*rb));
}

/* Returns the header name of cell col (from 0) for messages, or "". */
static const char *
colname(const struct csv_reader *r, size_t col)
{
	if (r->o.no_header || !r->have_header || col >= r->header.n)
		return "";
	return r->header.text + r->header.offs[col];
}

/* Records an error about cell col (from 0) at line. */
static void
cell_error(struct csv_reader *r, long line, size_t col, const char *what)
{
	const char *name = colname(r, col);

	if (name[0] != '\0')
		csv_errors_add(r->errs, line, (long)col + 1, "%s (column '%.60s')", what, name);
	else
		csv_errors_add(r->errs, line, (long)col + 1, "%s", what);
	r->row_bad = true;
}

/* Starts a new cell in the current row. */
static void
cell_begin(struct csv_reader *r, bool quoted)
{
	struct csv_rowbuf *rb = &r->row;

	rowbuf_reserve(rb, rb->n + 1);
	rb->offs[rb->n] = rb->tlen;
	rb->lines[rb->n] = r->line;
	rb->lens[rb->n] = 0;
	r->cell_len = 0;
	r->cell_high = false;
	r->cell_nul = false;
	r->cell_quoted = quoted;
	r->cell_line = r->line;
}

/* Appends n bytes to the current cell, up to the size limit. */
static void
cell_append(struct csv_reader *r, const char *p, size_t n)
{
	struct csv_rowbuf *rb = &r->row;
	size_t room = r->cell_len < r->o.max_cell ? r->o.max_cell - r->cell_len : 0;
	size_t take = n < room ? n : room;

	if (r->row.n >= r->o.max_cells)
		return;
	for (size_t i = 0; i < take && !r->cell_high; i++)
		if ((unsigned char)p[i] >= 0x80)
			r->cell_high = true;
	if (!r->cell_nul && take > 0 && memchr(p, '\0', take) != NULL)
		r->cell_nul = true;
	if (take > 0) {
		rowbuf_text(rb, take + 1);
		memcpy(rb->text + rb->tlen, p, take);
		rb->tlen += take;
	}
	r->cell_len += n;
}

/* Ends the current cell: checks its size and encoding. */
static void
cell_end(struct csv_reader *r)
{
	struct csv_rowbuf *rb = &r->row;
	size_t col = rb->n;

	if (col >= r->o.max_cells) {
		if (col == r->o.max_cells) {
			char msg[96];

			snprintf(msg, sizeof(msg), "the row has more than %zu cells",
			    r->o.max_cells);
			cell_error(r, r->cell_line, col, msg);
		}
		rb->n++;
		return;
	}
	rb->lens[col] = r->cell_len < r->o.max_cell ? r->cell_len : r->o.max_cell;
	rowbuf_text(rb, 1);
	rb->text[rb->tlen++] = '\0';
	rb->n++;
	if (r->cell_len > r->o.max_cell) {
		char msg[128];

		snprintf(msg, sizeof(msg), "the cell is %zu bytes long; the limit is %zu bytes",
		    r->cell_len, r->o.max_cell);
		cell_error(r, r->cell_line, col, msg);
	} else if (r->cell_nul) {
		cell_error(r, r->cell_line, col,
		    "the cell contains a NUL byte; is this a text CSV file?");
	} else if (r->cell_high && !text_utf8_valid(rb->text + rb->offs[col], rb->lens[col])) {
		cell_error(r, r->cell_line, col,
		    "the cell is not valid UTF-8; save the file as UTF-8");
	}
}

/* Copies the current row into the stored header. */
static void
keep_header(struct csv_reader *r)
{
	struct csv_rowbuf *h = &r->header, *rb = &r->row;
	size_t n = rb->n < r->o.max_cells ? rb->n : r->o.max_cells;

	rowbuf_free(h);
	rowbuf_reserve(h, n + 1);
	rowbuf_text(h, rb->tlen + 1);
	memcpy(h->text, rb->text, rb->tlen);
	h->tlen = rb->tlen;
	memcpy(h->offs, rb->offs, n * sizeof(*h->offs));
	memcpy(h->lens, rb->lens, n * sizeof(*h->lens));
	memcpy(h->lines, rb->lines, n * sizeof(*h->lines));
	for (size_t i = 0; i < n; i++)
		h->ptrs[i] = h->text + h->offs[i];
	h->n = n;
	r->hrow.ncells = n;
	r->hrow.cells = h->ptrs;
	r->hrow.lens = h->lens;
	r->hrow.lines = h->lines;
	r->hrow.line = r->row_line;
	r->hrow.number = 0;
}

/* Ends the current row: checks its width and delivers it. */
static void
row_end(struct csv_reader *r)
{
	struct csv_rowbuf *rb = &r->row;
	struct csv_row row;
	size_t n = rb->n < r->o.max_cells ? rb->n : r->o.max_cells;

	if (!r->have_header) {
		r->have_header = true;
		r->expect = rb->n;
		if (!r->o.no_header) {
			keep_header(r);
			r->header_bad = r->row_bad;
			if (!r->row_bad && r->o.on_header != NULL && r->stop == CAIRN_OK)
				r->stop = r->o.on_header(r->o.arg, &r->hrow, r->errs);
			goto out;
		}
	}
	r->rows++;
	if (rb->n != r->expect && !r->o.allow_ragged) {
		csv_errors_add(r->errs, r->row_line,
		    (long)(rb->n < r->expect ? rb->n : r->expect) + 1,
		    "the row has %zu cell%s; the %s has %zu", rb->n, rb->n == 1 ? "" : "s",
		    r->o.no_header ? "first row" : "header", r->expect);
		r->row_bad = true;
	}
	if (r->row_bad || r->header_bad || r->o.on_row == NULL || r->stop != CAIRN_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		rb->ptrs[i] = rb->text + rb->offs[i];
	row.ncells = n;
	row.cells = rb->ptrs;
	row.lens = rb->lens;
	row.lines = rb->lines;
	row.line = r->row_line;
	row.number = r->rows;
	r->stop = r->o.on_row(r->o.arg, &row, r->errs);
out:
	rb->n = 0;
	rb->tlen = 0;
	r->row_bad = false;
	r->state = ST_ROW_START;
}

/* Counts a line end: an LF right after a CR ends the same line. */
static inline void
newline(struct csv_reader *r, char c)
{
	if (c == '\n' && r->last_cr) {
		r->last_cr = false;
		return;
	}
	r->line++;
	r->last_cr = c == '\r';
}

/* Returns the length of the run of bytes at p (at most n) that are none
 * of delim, quote, CR and LF. */
static inline size_t
plain_span(const char *p, size_t n, bool stop_at_delim)
{
	size_t i = 0;

	while (i < n) {
		char c = p[i];

		if (c == '"' || c == '\n' || c == '\r' || (stop_at_delim && c == ','))
			break;
		i++;
	}
	return i;
}

/* Runs the machine over n bytes (after the BOM question is settled). */
static void
run(struct csv_reader *r, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && r->stop == CAIRN_OK) {
		char c = p[i];
		size_t k;

		switch (r->state) {
		case ST_ROW_START:
			if (c == '\n' || c == '\r') {
				newline(r, c); /* an empty line, or the LF of a CRLF */
				i++;
				continue;
			}
			r->row_line = r->line;
			r->state = ST_CELL_START;
			__attribute__((fallthrough));
		case ST_CELL_START:
			if (c == '"') {
				cell_begin(r, true);
				r->state = ST_QUOTED;
				r->last_cr = false;
				i++;
			} else {
				cell_begin(r, false);
				r->state = ST_UNQUOTED;
			}
			continue;
		case ST_UNQUOTED:
		case ST_AFTER_QUOTE:
			k = plain_span(p + i, n - i, true);
			if (k > 0) {
				cell_append(r, p + i, k);
				r->last_cr = false;
				i += k;
				continue;
			}
			if (c == ',') {
				cell_end(r);
				r->state = ST_CELL_START;
			} else if (c == '"') {
				if (r->state == ST_UNQUOTED)
					cell_error(r, r->line, r->row.n,
					    "a quote inside an unquoted cell; "
					    "put the whole cell in quotes and double each quote "
					    "inside it");
				cell_append(r, p + i, 1);
			} else {
				cell_end(r);
				newline(r, c);
				row_end(r);
			}
			i++;
			continue;
		case ST_QUOTED:
			k = plain_span(p + i, n - i, false);
			if (k > 0) {
				cell_append(r, p + i, k);
				r->last_cr = false;
				i += k;
				continue;
			}
			if (c == '"') {
				r->state = ST_QUOTE;
				r->last_cr = false;
			} else {
				cell_append(r, p + i, 1);
				newline(r, c);
			}
			i++;
			continue;
		case ST_QUOTE:
			if (c == '"') {
				cell_append(r, p + i, 1);
				r->state = ST_QUOTED;
			} else if (c == ',') {
				cell_end(r);
				r->state = ST_CELL_START;
			} else if (c == '\n' || c == '\r') {
				cell_end(r);
				newline(r, c);
				row_end(r);
			} else {
				cell_error(r, r->line, r->row.n,
				    "text after the closing quote of a cell; "
				    "put the whole cell in quotes and double each quote inside it");
				cell_append(r, p + i, 1);
				r->state = ST_AFTER_QUOTE;
			}
			r->last_cr = c == '\r';
			i++;
			continue;
		}
	}
}

struct csv_reader *
csv_reader_new(const struct csv_opts *opts, struct csv_errors *errs)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));

	if (opts != NULL)
		r->o = *opts;
	if (r->o.max_cell == 0)
		r->o.max_cell = CSV_CELL_MAX_DEFAULT;
	if (r->o.max_cells == 0)
		r->o.max_cells = CSV_CELLS_MAX_DEFAULT;
	r->errs = errs;
	r->line = 1;
	return r;
}

void
csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	rowbuf_free(&r->row);
	rowbuf_free(&r->header);
	free(r);
}

int
csv_reader_feed(struct csv_reader *r, const char *data, size_t n)
{
	static const unsigned char bom[3] = { 0xef, 0xbb, 0xbf };

	while (!r->bom_done && n > 0) {
		r->bom[r->nbom++] = (unsigned char)*data++;
		n--;
		if (r->bom[r->nbom - 1] != bom[r->nbom - 1]) {
			r->bom_done = true;
			run(r, (const char *)r->bom, r->nbom);
		} else if (r->nbom == 3) {
			r->bom_done = true;
		}
	}
	if (n > 0)
		run(r, data, n);
	return r->stop;
}

int
csv_reader_feed_header(struct csv_reader *r, const char *data, size_t n, size_t *pos, long *line)
{
	int rc = CAIRN_OK;

	while (rc == CAIRN_OK && csv_reader_header(r) == NULL) {
		const char *nl = memchr(data + *pos, '\n', n - *pos);

		if (nl == NULL)
			break;
		rc = csv_reader_feed(r, data + *pos, (size_t)(nl + 1 - (data + *pos)));
		*pos = (size_t)(nl + 1 - data);
		(*line)++;
	}
	return rc;
}

int
csv_reader_finish(struct csv_reader *r)
{
	if (!r->bom_done) {
		r->bom_done = true;
		if (r->nbom < 3)
			run(r, (const char *)r->bom, r->nbom);
	}
	if (r->stop != CAIRN_OK)
		return r->stop;
	switch (r->state) {
	case ST_ROW_START: break;
	case ST_QUOTED:
		cell_error(r, r->cell_line, r->row.n,
		    "a quoted cell is never closed; add the closing quote");
		cell_end(r);
		row_end(r);
		break;
	case ST_CELL_START:
		/* The input ended just after a comma: the row's last cell is empty. */
		cell_begin(r, false);
		cell_end(r);
		row_end(r);
		break;
	default:
		cell_end(r);
		row_end(r);
		break;
	}
	if (!r->have_header)
		csv_errors_add(r->errs, 1, 0, "the file is empty; it needs %s",
		    r->o.no_header ? "at least one row" : "a header row naming the columns");
	return r->stop;
}

long
csv_reader_rows(const struct csv_reader *r)
{
	return r->rows;
}

const struct csv_row *
csv_reader_header(const struct csv_reader *r)
{
	return r->o.no_header || !r->have_header ? NULL : &r->hrow;
}

/* Ends a read: the callback's result, or the errors' summary. */
static int
read_result(int rc, const struct csv_errors *errs, const char *name, struct cairn_err *err)
{
	if (rc != CAIRN_OK)
		return rc;
	if (errs->total > 0)
		return csv_errors_summary(errs, name, err);
	return CAIRN_OK;
}

int
csv_read_mem(const char *data, size_t n, const char *name, const struct csv_opts *opts,
    struct csv_errors *errs, struct cairn_err *err)
{
	struct csv_reader *r;
	int rc;

	csv_errors_clear(errs);
	r = csv_reader_new(opts, errs);
	rc = csv_reader_feed(r, data, n);
	if (rc == CAIRN_OK)
		rc = csv_reader_finish(r);
	csv_reader_free(r);
	return read_result(rc, errs, name, err);
}

size_t
csv_bytes_max(void)
{
	const char *e = getenv("CAIRN_INPUT_MAX");
	char *end;
	unsigned long long v;

	if (e == NULL || *e < '0' || *e > '9')
		return CSV_BYTES_MAX_DEFAULT;
	errno = 0;
	v = strtoull(e, &end, 10);
	if (errno != 0 || v == 0)
		return CSV_BYTES_MAX_DEFAULT;
	{
		/* An optional K, M or G suffix: a shift of 10, 20 or 30 bits. */
		const char *suf = strchr("kKmMgG", *end);
		int shift = *end != '\0' && suf != NULL ? 10 * (int)((suf - "kKmMgG") / 2 + 1) : 0;

		if (shift > 0) {
			if (v > (unsigned long long)SIZE_MAX >> shift)
				return CSV_BYTES_MAX_DEFAULT;
			v <<= shift;
			end++;
		}
	}
	if (*end != '\0' || v > SIZE_MAX)
		return CSV_BYTES_MAX_DEFAULT;
	return (size_t)v;
}

int
csv_open_input(const char *path, size_t *size, int *rc, struct cairn_err *err)
{
	struct stat sb;
	int fd, fl;

	*size = 0;
	*rc = CAIRN_ENOINPUT;
	if (strcmp(path, "-") == 0)
		return STDIN_FILENO;
	/* O_NONBLOCK: opening a FIFO with no writer must not hang. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)) < 0) {
		cairn_errf(err, CAIRN_ENOINPUT, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0) {
		cairn_errf(err, CAIRN_ENOINPUT, "cannot read '%s': %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		cairn_errf(err, CAIRN_ENOINPUT,
		    "'%s' is %s, not a regular file; give a file, or '-' for standard input", path,
		    S_ISDIR(sb.st_mode)        ? "a directory"
		        : S_ISFIFO(sb.st_mode) ? "a pipe"
		        : S_ISCHR(sb.st_mode)  ? "a device"
		                               : "a socket or other special file");
		close(fd);
		return -1;
	}
	if ((unsigned long long)sb.st_size > (unsigned long long)csv_bytes_max()) {
		*rc = cairn_errf(err, CAIRN_EDATA,
		    "'%s' is %lld bytes; the limit for an input file is %zu bytes "
		    "(set CAIRN_INPUT_MAX to raise it)",
		    path, (long long)sb.st_size, csv_bytes_max());
		close(fd);
		return -1;
	}
	if ((fl = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	*size = (size_t)sb.st_size;
	return fd;
}

int
csv_read_file(const char *path, const struct csv_opts *opts, struct csv_errors *errs,
    struct cairn_err *err)
{
	struct csv_reader *r = NULL;
	char *chunk = NULL;
	size_t done = 0, total = 0, limit;
	int fd, rc = CAIRN_OK;

	csv_errors_clear(errs);
	if ((fd = csv_open_input(path, &total, &rc, err)) < 0)
		return rc;
	limit = csv_bytes_max();
	chunk = xmalloc(CSV_CHUNK);
	r = csv_reader_new(opts, errs);
	for (;;) {
		ssize_t got = read(fd, chunk, CSV_CHUNK);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = cairn_errf(err, CAIRN_ENOINPUT, "cannot read '%s': %s", path,
			    strerror(errno));
			goto out;
		}
		if (got == 0)
			break;
		if ((size_t)got > limit - done) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "'%s' is longer than %zu bytes, the limit for an input file "
			    "(set CAIRN_INPUT_MAX to raise it); nothing was imported",
			    path, limit);
			goto out;
		}
		done += (size_t)got;
		if ((rc = csv_reader_feed(r, chunk, (size_t)got)) != CAIRN_OK)
			goto out;
		if (opts != NULL && opts->on_progress != NULL)
			opts->on_progress(opts->progress_arg, done, total);
	}
	rc = csv_reader_finish(r);
	rc = read_result(rc, errs, path, err);
out:
	csv_reader_free(r);
	free(chunk);
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}
