/*
 * The population (sampling frame) of an inspection: the list of children
 * in scope returned by the partnership, one row per child with a unique
 * pseudonymous `ref` and any attribute columns.  Importing is all or
 * nothing; columns whose header looks like a personal identifier are
 * refused unless explicitly allowed; a population from which a sample has
 * been drawn cannot be replaced.
 */
#ifndef CAIRN_APP_POPULATION_H
#define CAIRN_APP_POPULATION_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "core/csv.h"
#include "core/err.h"

struct store;

/* Longest ref accepted, in bytes. */
#define POPULATION_REF_MAX 100
/* Longest attribute value accepted, in bytes (the CSV cell limit). */
#define POPULATION_CELL_MAX 1000

/* What to import; strings borrowed. */
struct population_import {
	const char *path;  /* the CSV file */
	const char *allow; /* comma-separated headers allowed although they look
	                      * like identifiers, or NULL */
	void (*progress)(void *arg, size_t done, size_t total); /* may be NULL */
	void *progress_arg;                                     /* passed to progress */
	bool general_reader; /* read with the general CSV reader only, never the fast path
	                        (app/records/population_fast.h); for tests and comparisons */
};

/* Most identifier-like columns an import reports (population_result.idcols). */
#define POPULATION_IDCOLS_MAX 16
/* Longest identifier-like header reported there, in bytes with the NUL;
 * a longer one (or one holding a comma, which an allow list cannot name)
 * is refused as usual but not reported. */
#define POPULATION_IDCOL_NAME 128

/* One column whose header looks like a personal identifier. */
struct population_idcol {
	char name[POPULATION_IDCOL_NAME]; /* the header as written (trimmed) */
	const char *word;                 /* what it looks like ("name", ...), static */
	bool allowed;                     /* kept because the allow list names it;
	                                     false: it was refused */
};

/* Notes identifier-like column name (looking like word; ok: allowed) in
 * cols (*n used, at most POPULATION_IDCOLS_MAX), once per name, unless it
 * is full or the name cannot be named in an allow list (too long, or a
 * comma).  Shared with the survey import. */
void population_idcol_note(struct population_idcol *cols, size_t *n, const char *name,
    const char *word, bool ok);

/* What an import did. */
struct population_result {
	long nrows;        /* children imported */
	long ncolumns;     /* attribute columns (not counting ref) */
	bool replaced;     /* an earlier population was replaced */
	char checksum[65]; /* hex SHA-256 of the content (see population_checksum) */
	bool fast;         /* the fast path read the file (the result is the same either way) */
	long ncells;       /* cells of the stratum index (0: none; app/records/popindex.h) */
	struct population_idcol idcols[POPULATION_IDCOLS_MAX]; /* identifier-like columns of
	                                                          the header, in order; filled
	                                                          on success and on refusal */
	size_t nidcols;                                        /* entries used in idcols */
};

/*
 * Imports a population for inspection insp.  On bad data returns
 * CAIRN_EDATA with errs holding the errors (line and column) and err the
 * one-line summary; nothing is changed.
 */
int app_population_import(struct store *st, const struct actor *who, long insp,
    const struct population_import *req, struct population_result *res, struct csv_errors *errs,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Returns the identifier word a header looks like ("name", "date of birth",
 * ...) or NULL.  Case and separators (space, _, -, .) are ignored. */
const char *population_identifier_like(const char *header);

/* The content checksum: SHA-256 over every attribute column name followed
 * by 0x1f, then 0x1e, then for each child in order its ref, 0x1f, its
 * attributes as stored (a JSON array of strings) and 0x1e. */
struct population_hash;
/* Returns a new hash state over the column names. */
struct population_hash *population_hash_new(char *const *columns, size_t n);
/* Adds one child. */
void population_hash_row(struct population_hash *h, const char *ref, size_t reflen,
    const char *attrs, size_t attrslen);
/* Writes the hex digest to out and frees the state. */
void population_hash_final(struct population_hash *h, char out[static 65]);

/* Appends s (n bytes) to b as a JSON string literal with quotes. */
struct buf;
void population_json_string(struct buf *b, const char *s, size_t n);

#endif
