/*
 * A seeded, portable pseudo-random generator: the same seed gives the same
 * numbers on every machine, compiler and word size.
 *
 * Generator: xoshiro256** (D. Blackman and S. Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021; public description
 * at https://prng.di.unimi.it/).  State: four 64-bit words.  The state is
 * filled from a 64-bit seed with SplitMix64 (G. L. Steele, D. Lea and
 * C. H. Flood, "Fast splittable pseudorandom number generators", OOPSLA
 * 2014), as the xoshiro authors recommend, so any seed (including 0) is
 * valid.  Implemented from those descriptions; only fixed-width unsigned
 * integer arithmetic is used, so nothing depends on the platform.
 *
 * Bounded integers (stats_rng_below) use rejection sampling, so they are
 * exactly uniform and still portable.  Not for cryptography.
 */
#ifndef CAIRN_STATS_RNG_H
#define CAIRN_STATS_RNG_H

#include <stdint.h>

/* Generator state.  Fill with stats_rng_seed(); copy to fork a stream. */
struct stats_rng {
	uint64_t s[4]; /* xoshiro256** state; never all zero after seeding */
};

/* Advances a SplitMix64 state by one step and returns its output. */
uint64_t stats_splitmix64(uint64_t *state);

/* Seeds r from seed: s[0..3] are the first four SplitMix64 outputs from
 * state = seed. */
void stats_rng_seed(struct stats_rng *r, uint64_t seed);

/* Returns the next 64-bit output of xoshiro256**. */
uint64_t stats_rng_next(struct stats_rng *r);

/*
 * Returns an integer uniformly distributed in [0, n) (n > 0; returns 0 for
 * n == 0).  Rejection: outputs below (2^64 - n) mod n are discarded, the
 * rest are reduced mod n, so the result is exactly uniform.
 */
uint64_t stats_rng_below(struct stats_rng *r, uint64_t n);

/* Returns a double uniformly distributed in [0, 1): the top 53 bits of the
 * next output times 2^-53. */
double stats_rng_uniform(struct stats_rng *r);

#endif
