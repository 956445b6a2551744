/*
 * The comparison of double readings: for each double-read record of the
 * sample, its first two submitted readings side by side, item by item
 * (per agency for items read per agency), which answers differ and the
 * agreed answer where one has been recorded (app_reading_resolve).  One
 * function for every front end: the command line's "reading compare" and
 * the web's paired-readings pages render the same struct.
 */
#ifndef CAIRN_APP_COMPARE_H
#define CAIRN_APP_COMPARE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/records/reading.h"

/* One item of a record compared (for one agency, or for the child). */
struct compare_item {
	const struct template_item *item;     /* the template's item */
	const struct template_agency *agency; /* the agency, NULL when answered once */
	const char *agency_code;              /* the agency's code, "" when answered once */
	const char *first;                    /* the first reading's answer, NULL if none */
	const char *second;                   /* the second reading's answer, NULL if none */
	bool differ;                          /* the answers differ (one missing counts) */
	const struct resolution *resolution;  /* the agreed answer, NULL if none */
};

/* One double-read record of the sample. */
struct compare_record {
	const struct sample_member *member; /* the record */
	const struct reading *reading[2];   /* first two submitted readings, NULL when missing */
	const char *reader[2];              /* their readers' names, NULL when missing */
	struct compare_item *items;         /* with both readings: every item answered in
	                                       either, in template order; malloc'd */
	size_t nitems;
	size_t ndiff;     /* items that differ */
	size_t nresolved; /* of those, items with an agreed answer */
};

/* Every double-read record of a sample.  Borrows from the reading context
 * it was made from, which must outlive it. */
struct comparison {
	struct compare_record *records; /* selected double-read records, in sample order */
	size_t nrecords;
	size_t compared;    /* records with two submitted readings */
	size_t awaiting;    /* records still awaiting one or both readings */
	size_t differences; /* items that differ, over every record */
};

/* Compares the double readings of x into out; with ref not NULL, only that
 * record (out->nrecords is 0 when it is not a selected double-read record). */
void reading_compare(const struct reading_ctx *x, const char *ref, struct comparison *out);

/* Frees what reading_compare allocated; a no-op on a zeroed struct. */
void comparison_free(struct comparison *c);

/* The differing items of c as JSON, the same for `reading compare --json`
 * and the API (caller owns): {"compared", "awaiting_second_reading",
 * "differences", "items": [{ref, item, agency, first: {reader, answer},
 * second: {reader, answer}, resolved}]}. */
json_t *comparison_json(const struct comparison *c);

#endif
