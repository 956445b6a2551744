/*
 * The population's counts by stratum, for choosing the strata of a draw
 * without seeing any child: for each attribute column the children per
 * value, and, for a list of stratum columns, the children per stratum
 * keyed exactly as a drawn sample's strata are (the JSON object of the
 * columns and their values, in the byte order of the keys).  Read from
 * the stratum index (app/records/popindex.h) where it has the cells, else
 * from every stored child.  Only counts leave this module, never a ref.
 */
#ifndef CAIRN_APP_POPSUMMARY_H
#define CAIRN_APP_POPSUMMARY_H

#include <stddef.h>

#include "app/access/actor.h"
#include "core/err.h"
#include "core/records.h"

struct store;

/* Most values listed per column; a column with more distinct values gives
 * only their number. */
#define POPSUMMARY_VALUES_MAX 100
/* Most strata listed for a list of stratum columns; more gives only their
 * number. */
#define POPSUMMARY_STRATA_MAX 4096

/* One value of a column and its children. */
struct popsummary_value {
	char *value;   /* the value as imported (owned) */
	long children; /* children with it */
};

/* One attribute column. */
struct popsummary_column {
	const char *name;                /* borrowed from the summary's info.columns */
	size_t ndistinct;                /* distinct values */
	struct popsummary_value *values; /* by value's bytes; NULL (nvalues 0) when ndistinct
	                                    is over POPSUMMARY_VALUES_MAX; owned */
	size_t nvalues;
};

/* One stratum of the stratum columns asked for. */
struct popsummary_stratum {
	char *key;     /* {"column":"value",...}, as a sample's stratum key (owned) */
	long children; /* children in it */
};

/* What app_population_summary found. */
struct population_summary {
	struct population_info info;       /* size, columns, checksum, when imported */
	struct popsummary_column *columns; /* one per attribute column, in file order */
	size_t ncolumns;
	char *strata;                     /* the stratum columns asked for, as the
	                                       population names them, comma-separated;
	                                       NULL when none were asked for */
	struct popsummary_stratum *cells; /* their strata, in byte order of the keys; NULL
	                                       (ncells 0) when ndistinct is over
	                                       POPSUMMARY_STRATA_MAX */
	size_t ncells;
	size_t ndistinct; /* strata of the stratum columns */
};
/* Frees the contents; no-op on a zeroed struct. */
void population_summary_free(struct population_summary *s);

/*
 * Counts the population of inspection insp by value of each column and,
 * when strata (comma-separated column names, any case; may be NULL) is
 * given, by stratum of those columns, as the actor who (needs
 * ACTION_IMPORT_POPULATION, as the population itself).  CAIRN_EDATA when
 * there is no population; field "strata" for an unknown or repeated
 * column.  Reads only.
 */
int app_population_summary(struct store *st, const struct actor *who, long insp, const char *strata,
    struct population_summary *out, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
