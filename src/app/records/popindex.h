/*
 * The population's stratum index (data/sql/010_population_cell.sql): the
 * distinct rows of attribute values (cells), how many children each has
 * and how many of them come before each stored block, so that a draw finds
 * the size of every stratum and each chosen child without reading every
 * child.  Built from the stored blocks at import and by the population
 * check; a population with more than POPINDEX_CELLS_MAX cells has none.
 */
#ifndef CAIRN_APP_POPINDEX_H
#define CAIRN_APP_POPINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;

/* Most cells kept; more distinct rows and the draws read every child. */
#define POPINDEX_CELLS_MAX 4096
/* Most cells times blocks kept (the index's size in 4-byte counts). */
#define POPINDEX_COUNTS_MAX ((size_t)8 << 20)

/* One cell of a loaded index. */
struct popindex_cell {
	char *attrs;      /* the JSON array of its values, as stored (owned) */
	size_t len;       /* strlen(attrs) */
	long nrows;       /* its children */
	uint32_t *before; /* for each block in order, its children in the blocks before (owned) */
};

/* A loaded index of one col (0: whole rows, N: the N-th column's values);
 * ncells 0: the population has none. */
struct popindex {
	long col;
	struct popindex_cell *cells;
	size_t ncells;
	size_t nblocks; /* blocks of the population, numbered 1 to nblocks */
	size_t *slots;  /* hash table of cell indexes + 1 (0 free), owned */
	size_t nslots;  /* a power of two */
};

/* Builds the index from the stored blocks of inspection insp (ncols
 * attribute columns) and stores it, inside the caller's transaction, after
 * deleting any earlier one; calls on_row (when not NULL) for every stored
 * child in order.  *ncells: the whole-row cells stored (0: too many
 * distinct rows; the columns' cells may still be kept). */
int popindex_rebuild(struct store *st, long insp, size_t ncols,
    void (*on_row)(void *arg, const char *ref, size_t reflen, const char *attrs, size_t len),
    void *arg, long *ncells, struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads the index of col of inspection insp into *out (ncells 0 if it has
 * none). */
int popindex_load(struct store *st, long insp, long col, struct popindex *out,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* The cell whose attrs are the len bytes at attrs, or -1. */
long popindex_find(const struct popindex *x, const char *attrs, size_t len);

/* Finds element col (from 0) of attrs (len bytes, a stored JSON array of
 * strings) and sets *v and *n to its bytes with their quotes; a missing
 * element is "" (as the draw reads it).  False if attrs is damaged. */
bool popindex_element(const char *attrs, size_t len, size_t col, const char **v, size_t *n);

void popindex_free(struct popindex *x);

/*
 * The joint strata of several columns (data/sql/024_population_code.sql):
 * every combination of the columns' cells that some child has, its
 * children, and how many of them each block holds, counted from the
 * columns' value codes alone (never the children's text), whatever the
 * other columns.  Nothing is kept per child: memory grows with the blocks
 * times the combinations each holds, and a block's children are told
 * apart again by popindex_joint_block.
 */
struct popindex_stage; /* the combinations of the first columns (popindex.c) */

/* The children of one combination in one block. */
struct popindex_joint_count {
	uint32_t combo; /* the combination */
	uint32_t n;     /* its children in the block */
};

struct popindex_joint {
	size_t ncols;
	struct popindex *cols;         /* each column's cells, without counts (owned) */
	long *codecols;                /* each column's number, from 1 (owned) */
	struct popindex_stage *stages; /* per column, its combinations with those before (owned) */
	size_t ncombos;                /* 0: no codes for some column, read every child */
	uint16_t *tuple;    /* combination c's cell of column k at c * ncols + k (owned) */
	long *nrows;        /* per combination, its children (owned) */
	size_t nkeys;       /* product of the columns' cells when at most 65,536, else 0 */
	uint32_t *keycombo; /* with nkeys: per key (the cells in mixed radix), its
	                     * combination + 1, 0 if no child has it (owned) */
	size_t nchildren;
	size_t nblocks; /* blocks, numbered 1 to nblocks */
	size_t *first;  /* per block from 0, its first child (from 0); [nblocks] = nchildren */
	size_t maxrows; /* most children of a block */
	struct popindex_joint_count *counts; /* per block in order, the combinations it
	                                      * holds, in no particular order (owned) */
	size_t ncounts;
	size_t *bcounts; /* block b's (from 0) are counts[bcounts[b]] to counts[bcounts[b + 1]] */
};

/* Loads into *out the joint strata of the ncols columns cols (indexes from
 * 0 in the population's attributes) of inspection insp's population of
 * nrows children, in one pass over their codes; ncombos 0 when a column
 * has no cells or no codes.  Damaged codes are CAIRN_ESOFTWARE.  The
 * caller frees *out with popindex_joint_free. */
int popindex_joint_load(struct store *st, long insp, const size_t *cols, size_t ncols, long nrows,
    struct popindex_joint *out, struct cairn_err *err) __attribute__((warn_unused_result));

/* Sets combo[i] (room for j->maxrows) to the combination of the i-th child
 * of block (from 0) of j, from that block's codes alone.  Codes that are
 * not those j counted are CAIRN_ESOFTWARE. */
int popindex_joint_block(struct store *st, long insp, const struct popindex_joint *j, size_t block,
    uint32_t *combo, struct cairn_err *err) __attribute__((warn_unused_result));

void popindex_joint_free(struct popindex_joint *j);

#endif
