/*
 * The rows of purge that the front ends and app/ share: moved from
 * store/purge.h (issue 16), which includes this header.  Depends only on libc.
 */
#ifndef CAIRN_CORE_PURGE_H
#define CAIRN_CORE_PURGE_H

#include <stdbool.h>
#include <stddef.h>

/* What a purge removes (or would remove) from one inspection. */
struct purge_counts {
	long population_rows; /* children in the population (sampling frame) */
	long members;         /* sample members whose reference is replaced */
	long notes;           /* free-text notes about children cleared */
	long attachments;     /* evidence items whose attached file is removed */
};

/* A purge already made. */
struct purge_record {
	char at[21];                /* when (UTC) */
	char actor[128];            /* who */
	long retention_days;        /* the period in force */
	struct purge_counts counts; /* what was removed */
};

#endif
