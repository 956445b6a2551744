/*
 * Quantifier words for proportions ("almost all", "most", "majority",
 * "less than half", "few"), with the bands kept as data: the shipped bands
 * are data/quantifiers.json (compiled into the binary); other bands can be
 * parsed from JSON text.  Pure: text in, words out, no I/O.
 */
#ifndef CAIRN_STATS_QUANTIFIER_H
#define CAIRN_STATS_QUANTIFIER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* Most bands in a set. */
#define STATS_BANDS_MAX 16
/* Longest word, in bytes, with its NUL. */
#define STATS_BAND_WORD 48

/* One band: proportions above (or from) min percent get word. */
struct stats_band {
	char word[STATS_BAND_WORD]; /* e.g. "most" */
	double min;                 /* lower edge, percent, 0..100 */
	bool min_inclusive;         /* true: p >= min; false: p > min */
};

/* A set of bands, highest first; the last starts at 0 inclusive, so every
 * proportion gets a word. */
struct stats_bands {
	struct stats_band band[STATS_BANDS_MAX]; /* highest band first */
	size_t n;                                /* bands in use */
};

/*
 * Parses bands from JSON text ({"bands":[{"word","min","min_inclusive"},
 * ...]}, highest first; see data/quantifiers.json).  Returns CAIRN_OK or
 * CAIRN_EDATA with err naming what is wrong: not JSON, no bands, a word
 * missing or too long, min outside 0..100, bands not in strictly
 * descending order, or a last band that does not start at 0 inclusive.
 */
int stats_bands_parse(const char *json, size_t len, struct stats_bands *out, struct cairn_err *err);

/* Loads the shipped bands (embedded data/quantifiers.json).  Returns
 * CAIRN_OK, or CAIRN_ESOFTWARE if the embedded file is missing or bad. */
int stats_bands_default(struct stats_bands *out, struct cairn_err *err);

/* Loads the bands of a programme's model pack (embedded
 * data/models/PACK/quantifiers.json), or the shipped default when the
 * pack has none (pack may be NULL).  Errors as stats_bands_default. */
int stats_bands_for(const char *pack, struct stats_bands *out, struct cairn_err *err);

/*
 * Returns the word for x out of n (0 <= x <= n, n > 0), comparing 100 x
 * with min n so that band edges are exact (9 of 10 is 90%: "most", not
 * "almost all").  Returns NULL for bad counts.
 */
const char *stats_quantifier(const struct stats_bands *b, double x, double n);

/* Returns the word for a proportion p in [0, 1]; NULL outside. */
const char *stats_quantifier_p(const struct stats_bands *b, double p);

#endif
