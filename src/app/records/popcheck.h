/* Checking a stored population on demand: its checksum and its stratum index. */
#ifndef CAIRN_APP_POPCHECK_H
#define CAIRN_APP_POPCHECK_H

#include <stdbool.h>

#include "app/access/audit.h"
#include "core/err.h"

struct store;

/* What the population check found. */
struct population_check {
	long nrows;        /* children stored */
	char stored[65];   /* the checksum recorded at import */
	char computed[65]; /* the checksum of the stored rows now */
	bool matches;      /* they are equal */
	long ncells;       /* cells of the stratum index (0: none; draws read every child) */
};

/*
 * Checks the population of inspection insp on demand: recomputes its
 * checksum from the stored rows and compares it with the one recorded at
 * import, and rebuilds its stratum index (one transaction with its audit
 * entry).  A mismatch is CAIRN_EDATA with *out filled and nothing changed.
 */
int app_population_check(struct store *st, const struct actor *who, long insp,
    struct population_check *out, struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * As app_population_check, reading only: recomputes the checksum of the
 * stored rows and compares it with the one recorded at import, changing
 * nothing and writing no audit entry (*out's ncells: the whole rows' cells
 * of the index as it stands).  A mismatch is CAIRN_EDATA with *out filled.
 */
int app_population_verify(struct store *st, const struct actor *who, long insp,
    struct population_check *out, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
