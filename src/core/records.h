/*
 * The rows of records that the front ends and app/ share: moved from
 * store/records.h (issue 16), which includes this header.  Depends only on libc.
 */
#ifndef CAIRN_CORE_RECORDS_H
#define CAIRN_CORE_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/concern.h"

/* ---- population ---- */

/* A stored population's headline; strings malloc'd, owned by the struct. */
struct population_info {
	char *source;   /* file it was imported from */
	long nrows;     /* children */
	char *checksum; /* hex SHA-256 of its content */
	char imported_at[21];
	char **columns; /* attribute column names, in file order */
	size_t ncolumns;
};
/* Frees the contents of a population_info; no-op on a zeroed struct. */
void population_info_free(struct population_info *p);

/* Rows per population block (see 002_reading.sql). */
#define POPULATION_BLOCK_ROWS 1000

/* ---- sample ---- */

/* A sample's settings and headline. */
struct sample_info {
	long size;     /* members to read (excluding reserves) */
	char seed[32]; /* the seed as given (decimal) */
	char *strata;  /* comma-separated stratum columns */
	long min_per_stratum;
	long reserve;         /* reserves per stratum */
	long double_read_pct; /* percent marked for second reading */
	char *generator;      /* name of the random generator */
	long population_size;
	char *population_checksum;
	char drawn_at[21];
};
void sample_info_free(struct sample_info *s);

/* One stratum of a sample. */
struct sample_stratum {
	long position;   /* from 0 */
	char *key;       /* JSON object text {"column": "value", ...} */
	long population; /* children in the stratum */
	long allocated;  /* sampled (excluding reserves) */
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
/* What a person reads for each status ("Selected"). */
extern const char *const sample_status_label[SAMPLE__MAX];

/* One sampled child. */
struct sample_member {
	long id;          /* database id */
	char *ref;        /* the partnership's reference */
	long stratum;     /* stratum position, from 0 */
	long draw_order;  /* order drawn within the stratum, from 1 */
	bool reserve;     /* drawn as a reserve */
	bool double_read; /* marked for an independent second reading */
	enum sample_status status;
	char *replace_reason; /* why it was replaced, or NULL */
	char *replaced_by;    /* ref of its replacement, or NULL */
};
void sample_members_free(struct sample_member *v, size_t n);

/* ---- readers, pairs, assignments ---- */

/* A reader's kind, indexing reader_kind_code. */
enum reader_kind {
	READER_INSPECTOR = 0, /* an inspector from a scrutiny body */
	READER_LOCAL,         /* a local reader from the partnership */
	READER__MAX
};
extern const char *const reader_kind_code[READER__MAX];

/* A reader; strings owned. */
struct reader {
	long id;
	char *name;
	enum reader_kind kind;
	char *agency; /* may be NULL */
	bool removed; /* removed from the reader list (readings kept) */
};
void readers_free(struct reader *v, size_t n);

/* A reading pair. */
struct reader_pair {
	long id;
	long position; /* from 1 */
	long inspector_id;
	long local_id;
};

/* Which pair reads a sampled record in a round. */
struct assignment {
	long member_id;
	int round; /* 1 first reading, 2 second reading */
	long pair_id;
};

/* ---- readings ---- */

/* A reading of one sampled record by one reader. */
struct reading {
	long id;
	long member_id;
	long reader_id;
	bool submitted;
	char *agencies; /* comma-separated agency codes whose records were seen, or NULL */
};
void readings_free(struct reading *v, size_t n);

/* One stored answer. */
struct reading_answer {
	long reading_id;
	char *item;   /* item code */
	char *agency; /* agency code, "" for items answered once */
	char *answer; /* canonical answer */
	char *note;   /* may be NULL */
};
void reading_answers_free(struct reading_answer *v, size_t n);

/* One recorded change to a submitted reading. */
struct answer_change {
	char *item;
	char *agency;     /* "" for items answered once */
	char *old_answer; /* NULL when there was none */
	char *new_answer;
	char *reason;
	char *actor;
	char at[21];
};
void answer_changes_free(struct answer_change *v, size_t n);

/* An agreed answer for a double-read item (member_id as in sample_member). */
struct resolution {
	long member_id;
	char *item;
	char *agency;
	char *answer;
	char *note;
};
void resolutions_free(struct resolution *v, size_t n);

/* ---- matters of concern: core/concern.h ---- */

#endif
