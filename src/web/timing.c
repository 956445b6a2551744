#include "web/timing.h"

/* The bucket of a duration of us microseconds. */
static size_t
bucket_of(long long us)
{
	unsigned long long v;
	size_t d = 0, step;

	if (us < TIMING_LINEAR)
		return us < 0 ? 0 : (size_t)us;
	/* v in [64 << d, 64 << (d + 1)): doubling d, step within it. */
	v = (unsigned long long)us;
	while (d + 1 < TIMING_DOUBLINGS && v >= ((unsigned long long)TIMING_LINEAR << (d + 1)))
		d++;
	if (v >= ((unsigned long long)TIMING_LINEAR << (d + 1)))
		return TIMING_BUCKETS - 1;
	step = (size_t)((v - ((unsigned long long)TIMING_LINEAR << d)) * TIMING_STEPS /
	    ((unsigned long long)TIMING_LINEAR << d));
	return TIMING_LINEAR + d * TIMING_STEPS + step;
}

/* The largest duration bucket b holds (its upper bound, inclusive). */
static long long
bucket_top(size_t b)
{
	unsigned long long base;
	size_t d, step;

	if (b < TIMING_LINEAR)
		return (long long)b;
	d = (b - TIMING_LINEAR) / TIMING_STEPS;
	step = (b - TIMING_LINEAR) % TIMING_STEPS;
	base = (unsigned long long)TIMING_LINEAR << d;
	/* The next bucket's first duration, less one. */
	return (long long)(base + ((base * (step + 1) + TIMING_STEPS - 1) / TIMING_STEPS) - 1);
}

void
timing_add(struct timing *t, long long us)
{
	atomic_fetch_add_explicit(&t->count[bucket_of(us)], 1, memory_order_relaxed);
}

unsigned long
timing_total(const struct timing *t)
{
	unsigned long n = 0;

	for (size_t b = 0; b < TIMING_BUCKETS; b++)
		n += atomic_load_explicit(&t->count[b], memory_order_relaxed);
	return n;
}

long long
timing_quantile(const struct timing *t, double q)
{
	unsigned long n = timing_total(t), seen = 0;
	double want = q * (double)n;

	if (n == 0)
		return 0;
	for (size_t b = 0; b < TIMING_BUCKETS; b++) {
		seen += atomic_load_explicit(&t->count[b], memory_order_relaxed);
		if ((double)seen >= want && seen > 0)
			return bucket_top(b);
	}
	return bucket_top(TIMING_BUCKETS - 1);
}

void
timing_report(const struct timing *t, const char *name, FILE *f)
{
	fprintf(f,
	    "%s: %lu requests, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, "
	    "max below %.3f ms\n",
	    name, timing_total(t), (double)timing_quantile(t, 0.5) / 1000.0,
	    (double)timing_quantile(t, 0.9) / 1000.0, (double)timing_quantile(t, 0.99) / 1000.0,
	    (double)timing_quantile(t, 0.999) / 1000.0, (double)timing_quantile(t, 1.0) / 1000.0);
}
