/* xoshiro256** seeded by SplitMix64: see rng.h for the sources. */
#include "stats/rng.h"

/* Rotates x left by k bits (0 < k < 64). */
static uint64_t
rotl(uint64_t x, unsigned k)
{
	return (x << k) | (x >> (64u - k));
}

uint64_t
stats_splitmix64(uint64_t *state)
{
	uint64_t z;

	*state += UINT64_C(0x9e3779b97f4a7c15);
	z = *state;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void
stats_rng_seed(struct stats_rng *r, uint64_t seed)
{
	uint64_t sm = seed;

	for (int i = 0; i < 4; i++)
		r->s[i] = stats_splitmix64(&sm);
	/* SplitMix64 is a bijection of its counter, so four consecutive
	 * outputs cannot all be zero; no fix-up is needed. */
}

uint64_t
stats_rng_next(struct stats_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5u, 7) * 9u;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

uint64_t
stats_rng_below(struct stats_rng *r, uint64_t n)
{
	uint64_t threshold, x;

	if (n == 0)
		return 0;
	threshold = (0u - n) % n; /* = 2^64 mod n */
	do {
		x = stats_rng_next(r);
	} while (x < threshold);
	return x % n;
}

double
stats_rng_uniform(struct stats_rng *r)
{
	return (double)(stats_rng_next(r) >> 11) * 0x1.0p-53;
}
