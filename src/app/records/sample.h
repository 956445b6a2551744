/*
 * The records sample: a stratified simple random sample without
 * replacement drawn from an inspection's population.  Allocation across
 * strata is proportional by largest remainder with a minimum per stratum
 * (stats_allocate); within each stratum children are drawn with
 * stats_srswor from one xoshiro256** generator seeded with the given seed,
 * visiting strata in the byte order of their keys, so that the same
 * population, options and seed give the same sample on any machine.
 * Reserves per stratum are the next draws of the same shuffle; the
 * double-read records are then drawn from the selected records (in stratum
 * and draw order) with the same generator.
 */
#ifndef CAIRN_APP_SAMPLE_H
#define CAIRN_APP_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "core/err.h"
#include "store/records.h"

struct buf;
struct store;

/* The most stratum columns a draw or a population summary takes. */
#define SAMPLE_STRATA_MAX 8

/* Name of the generator, stored with every sample. */
#define SAMPLE_GENERATOR                                                                           \
	"xoshiro256** seeded by SplitMix64; stratum order by key; srswor partial Fisher-Yates"

/* What to draw; strings borrowed. */
struct sample_request {
	const char *size;        /* records to read, required */
	const char *strata;      /* comma-separated population columns, required */
	const char *min_per;     /* minimum per stratum, default 0 */
	const char *seed;        /* 0 .. 2^63-1, required */
	const char *reserve;     /* reserves per stratum, default 0 */
	const char *double_read; /* percent of the sample read twice, default 0 */
};

/* A whole sample as stored: settings, strata and members. */
struct sample {
	struct sample_info info;       /* settings */
	struct sample_stratum *strata; /* in position order */
	size_t nstrata;
	struct sample_member *members; /* by stratum and draw order */
	size_t nmembers;
};
void sample_free(struct sample *s);

/* Draws and stores the sample of inspection insp; loads it into *out. */
int app_sample_draw(struct store *st, const struct actor *who, long insp,
    const struct sample_request *req, struct sample *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Loads the stored sample. */
int app_sample_load(struct store *st, long insp, struct sample *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Replaces selected record ref by the next reserve of its stratum; sets
 * *by to a malloc'd copy of the replacement's ref. */
int app_sample_replace(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reason, char **by, struct cairn_err *err) __attribute__((warn_unused_result));

/* Returns the member with this ref, or NULL. */
const struct sample_member *sample_find(const struct sample *s, const char *ref);

/* Finds each column a comma-separated stratum list names (any case,
 * trimmed) in the population p: cols[] gets their indexes and names[]
 * their names as p spells them (borrowed from p), *ncols how many (at
 * most SAMPLE_STRATA_MAX), and canon the list as p spells it.  Refuses an
 * unknown or repeated column, too many, or none, at the field "strata".
 * The one reading of a stratum list for a draw and a population summary. */
int sample_strata_parse(const char *list, const struct population_info *p, size_t *cols,
    const char **names, size_t *ncols, struct buf *canon, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
