/*
 * timing: how long the server spends on each request, for `cairn serve
 * --timing`.  A histogram of durations kept with atomic counters (workers
 * add to it without a lock), read once at the end.  It tells an operator
 * whether a slow answer was slow inside Cairn or waiting outside it (in the
 * socket, or for a processor).
 */
#ifndef CAIRN_WEB_TIMING_H
#define CAIRN_WEB_TIMING_H

#include <stdatomic.h>
#include <stdio.h>

/* Buckets: durations of 0 to TIMING_LINEAR-1 microseconds one each, then
 * TIMING_STEPS buckets for each of TIMING_DOUBLINGS doublings, up to 2^30
 * us (about 18 minutes); longer ones go in the last bucket and read as
 * 2^30 - 1. */
enum {
	TIMING_LINEAR = 64,
	TIMING_STEPS = 16,
	TIMING_DOUBLINGS = 24,
	TIMING_BUCKETS = TIMING_LINEAR + TIMING_STEPS * TIMING_DOUBLINGS,
};

/* One histogram; zero-initialised (static or calloc) is empty. */
struct timing {
	atomic_ulong count[TIMING_BUCKETS]; /* durations in each bucket */
};

/* Adds one duration of us microseconds (negative counts as 0).  Thread-safe. */
void timing_add(struct timing *t, long long us);
/* The number of durations added. */
unsigned long timing_total(const struct timing *t);
/* The q-quantile (0 < q <= 1) in microseconds: the upper bound of the bucket
 * holding it (within 1/TIMING_STEPS of a doubling above 64 us, exact below);
 * 0 for an empty histogram. */
long long timing_quantile(const struct timing *t, double q);
/* Writes "NAME: N requests, p50 X ms, p90 X ms, p99 X ms, p99.9 X ms, max
 * below X ms" on one line to f. */
void timing_report(const struct timing *t, const char *name, FILE *f);

#endif
