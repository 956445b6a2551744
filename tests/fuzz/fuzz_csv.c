/*
 * Fuzz the CSV reader behind every import.  Properties: delivered rows are
 * valid UTF-8 with cells of the stated length, within the limits, on
 * non-decreasing lines; and reading the input in two pieces (split where
 * the first byte says) gives exactly the rows and errors of reading it
 * whole, so streaming never changes a result.
 */
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/text.h"
#include "fuzz.h"

/* What a read produced: a running hash of rows and their cells. */
struct digest {
	unsigned long long h; /* FNV-1a over every cell and row boundary */
	long rows;            /* rows delivered */
	long last_line;       /* line of the previous row */
};

static void
mix(struct digest *d, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		d->h ^= b[i];
		d->h *= 1099511628211ULL;
	}
}

static int
on_row(void *arg, const struct csv_row *row, struct csv_errors *errs)
{
	struct digest *d = arg;

	(void)errs;
	if (row->ncells == 0 || row->ncells > 16 || row->line < d->last_line)
		abort();
	d->last_line = row->line;
	for (size_t i = 0; i < row->ncells; i++) {
		if (strlen(row->cells[i]) != row->lens[i] || row->lens[i] > 64 ||
		    !text_utf8_valid(row->cells[i], row->lens[i]) || row->lines[i] < row->line)
			abort();
		mix(d, row->cells[i], row->lens[i] + 1);
	}
	mix(d, "\n", 1);
	d->rows++;
	return CAIRN_OK;
}

/* Reads data split at cut; fills *d and *errs. */
static void
read_split(const uint8_t *data, size_t size, size_t cut, struct digest *d, struct csv_errors *errs)
{
	struct csv_opts o;
	struct csv_reader *r;

	memset(&o, 0, sizeof(o));
	memset(d, 0, sizeof(*d));
	d->h = 1469598103934665603ULL;
	o.max_cell = 64;
	o.max_cells = 16;
	o.on_row = on_row;
	o.on_header = on_row;
	o.arg = d;
	csv_errors_clear(errs);
	r = csv_reader_new(&o, errs);
	if (r == NULL)
		abort();
	(void)csv_reader_feed(r, (const char *)data, cut);
	(void)csv_reader_feed(r, (const char *)data + cut, size - cut);
	(void)csv_reader_finish(r);
	csv_reader_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct csv_errors e1, e2;
	struct digest d1, d2;
	size_t cut = size ? data[0] % (size + 1) : 0;

	read_split(data, size, size, &d1, &e1);
	read_split(data, size, cut, &d2, &e2);
	if (d1.h != d2.h || d1.rows != d2.rows || e1.total != e2.total || e1.nkept != e2.nkept)
		abort();
	for (size_t i = 0; i < e1.nkept; i++)
		if (e1.kept[i].line != e2.kept[i].line || e1.kept[i].column != e2.kept[i].column ||
		    strcmp(e1.kept[i].msg, e2.kept[i].msg) != 0)
			abort();
	return 0;
}
