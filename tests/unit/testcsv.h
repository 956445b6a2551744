/*
 * A small reader for the reference CSV files under $CAIRN_TESTDATA, shared
 * by the statistics unit tests (header-only, test code only).  Handles
 * quoted fields with commas and doubled quotes; no embedded newlines.
 */
#ifndef CAIRN_TESTS_TESTCSV_H
#define CAIRN_TESTS_TESTCSV_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

#define TESTCSV_MAXF 32
#define TESTCSV_LINE 4096

/* One CSV file being read line by line. */
struct testcsv {
	FILE *f;                   /* the open file */
	char line[TESTCSV_LINE];   /* the current line, fields unquoted in place */
	char *field[TESTCSV_MAXF]; /* the fields of the current line */
	size_t nfield;             /* how many */
};

/* Opens $CAIRN_TESTDATA/rel; returns 0 on success. */
static inline int
testcsv_open(struct testcsv *c, const char *rel)
{
	const char *base = getenv("CAIRN_TESTDATA");
	char path[1024];

	if (base == NULL)
		base = "../../../tests/reference";
	snprintf(path, sizeof(path), "%s/%s", base, rel);
	c->f = fopen(path, "r");
	if (c->f == NULL)
		fprintf(stderr, "# cannot open %s\n", path);
	return c->f == NULL ? -1 : 0;
}

/* Reads the next line into fields; returns the field count, or 0 at EOF. */
static inline size_t
testcsv_next(struct testcsv *c)
{
	char *r, *w;

	c->nfield = 0;
	if (fgets(c->line, sizeof(c->line), c->f) == NULL)
		return 0;
	c->line[strcspn(c->line, "\r\n")] = '\0';
	r = w = c->line;
	c->field[c->nfield++] = w;
	while (*r != '\0') {
		if (*r == '"') {
			r++;
			while (*r != '\0') {
				if (r[0] == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (r[0] == '"') {
					r++;
					break;
				} else {
					*w++ = *r++;
				}
			}
		} else if (*r == ',') {
			*w++ = '\0';
			r++;
			if (c->nfield < TESTCSV_MAXF)
				c->field[c->nfield++] = w;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return c->nfield;
}

/* Returns the number in a field, or NaN when it is empty or not a number. */
static inline double
testcsv_num(const char *s)
{
	double v;

	return s != NULL && text_parse_double(s, &v) ? v : NAN;
}

/* Closes the file. */
static inline void
testcsv_close(struct testcsv *c)
{
	if (c->f != NULL)
		fclose(c->f);
	c->f = NULL;
}

#endif
