/*
 * Records reading in the database: the population (sampling frame), the
 * sample, readers and pairs, templates, readings, resolutions, concerns.
 * The SQL lives in population.c, sample.c and reading.c; the rules in
 * app/population.c, app/sample.c and app/reading.c.  Writes run inside
 * the caller's transaction.  Every function returns an enum cairn_rc.
 */
#ifndef CAIRN_STORE_RECORDS_H
#define CAIRN_STORE_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct store;

/* ---- population ---- */

/* A stored population's headline; strings malloc'd, owned by the struct. */
struct population_info {
	char *source;      /* file it was imported from */
	long nrows;        /* children */
	char *checksum;    /* hex SHA-256 of its content */
	char imported_at[21];
	char **columns;    /* attribute column names, in file order */
	size_t ncolumns;
};
/* Frees the contents of a population_info; no-op on a zeroed struct. */
void population_info_free(struct population_info *p);

/* Deletes the population of an inspection (rows, columns, headline). */
int store_population_clear(struct store *st, long insp, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores the headline of an inspection's population. */
int store_population_put(struct store *st, long insp, const char *source, long nrows,
    const char *checksum, struct cairn_err *err) __attribute__((warn_unused_result));
/* Stores attribute column name at position (from 1). */
int store_population_column_add(struct store *st, long insp, long position, const char *name,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Stores one child; ref and attrs (a JSON array text) must stay valid
 * until the call returns; lengths are in bytes. */
int store_population_member_add(struct store *st, long insp, long position, const char *ref,
    size_t reflen, const char *attrs, size_t attrslen, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads the headline into *out; CAIRN_EDATA if the inspection has none. */
int store_population_info(struct store *st, long insp, struct population_info *out,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Calls fn for every child in file order (strings borrowed for the call)
 * until it returns non-zero, which is returned. */
int store_population_each(struct store *st, long insp,
    int (*fn)(void *arg, long position, const char *ref, const char *attrs), void *arg,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* ---- sample ---- */

/* A sample's settings and headline. */
struct sample_info {
	long size;             /* members to read (excluding reserves) */
	char seed[32];         /* the seed as given (decimal) */
	char *strata;          /* comma-separated stratum columns */
	long min_per_stratum;
	long reserve;          /* reserves per stratum */
	long double_read_pct;  /* percent marked for second reading */
	char *generator;       /* name of the random generator */
	long population_size;
	char *population_checksum;
	char drawn_at[21];
};
void sample_info_free(struct sample_info *s);

/* One stratum of a sample. */
struct sample_stratum {
	long position;    /* from 0 */
	char *key;        /* JSON object text {"column": "value", ...} */
	long population;  /* children in the stratum */
	long allocated;   /* sampled (excluding reserves) */
};
void sample_strata_free(struct sample_stratum *v, size_t n);

/* Status of a sample member, indexing sample_status_code. */
enum sample_status {
	SAMPLE_SELECTED = 0, /* to be read */
	SAMPLE_RESERVE,      /* drawn as a reserve, not used */
	SAMPLE_REPLACED,     /* selected but replaced (unreadable) */
	SAMPLE__MAX
};
extern const char *const sample_status_code[SAMPLE__MAX];

/* One sampled child. */
struct sample_member {
	long id;              /* database id */
	char *ref;            /* the partnership's reference */
	long stratum;         /* stratum position, from 0 */
	long draw_order;      /* order drawn within the stratum, from 1 */
	bool reserve;         /* drawn as a reserve */
	bool double_read;     /* marked for an independent second reading */
	enum sample_status status;
	char *replace_reason; /* why it was replaced, or NULL */
	char *replaced_by;    /* ref of its replacement, or NULL */
};
void sample_members_free(struct sample_member *v, size_t n);

/* Returns true (CAIRN_OK) in *exists if the inspection has a sample. */
int store_sample_exists(struct store *st, long insp, bool *exists, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores a sample's settings (the strata and members separately). */
int store_sample_put(struct store *st, long insp, const struct sample_info *s,
    struct cairn_err *err) __attribute__((warn_unused_result));
int store_sample_stratum_add(struct store *st, long insp, const struct sample_stratum *s,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Adds a member; sets m->id. */
int store_sample_member_add(struct store *st, long insp, struct sample_member *m,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the settings; CAIRN_EDATA if no sample has been drawn. */
int store_sample_info(struct store *st, long insp, struct sample_info *out,
    struct cairn_err *err) __attribute__((warn_unused_result));
int store_sample_strata(struct store *st, long insp, struct sample_stratum **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads every member (selected, reserve, replaced) by stratum and draw order. */
int store_sample_members(struct store *st, long insp, struct sample_member **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Marks member id replaced by member by_id with a reason, and by_id selected
 * (taking over the double_read mark). */
int store_sample_replace(struct store *st, long id, long by_id, bool double_read,
    const char *reason, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
