/* Checking a stored population on demand: see popcheck.h. */
#include "app/records/popcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/authz.h"
#include "app/records/popindex.h"
#include "app/records/population.h"
#include "core/mem.h"
#include "core/records.h"
#include "store/records.h"
#include "store/store.h"

/* Adds a stored child to the checksum (arg: the population_hash). */
static void
hash_row(void *arg, const char *ref, size_t reflen, const char *attrs, size_t len)
{
	population_hash_row(arg, ref, reflen, attrs, len);
}

int
app_population_check(struct store *st, const struct actor *who, long insp,
    struct population_check *out, struct cairn_err *err)
{
	struct population_info pop = { 0 };
	struct population_hash *h;
	char *detail = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = authz_check(st, who, insp, ACTION_IMPORT_POPULATION, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_population_info(st, insp, &pop, err)) != CAIRN_OK)
		return rc;
	out->nrows = pop.nrows;
	snprintf(out->stored, sizeof(out->stored), "%s", pop.checksum);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	h = population_hash_new(pop.columns, pop.ncolumns);
	rc = popindex_rebuild(st, insp, pop.ncolumns, hash_row, h, &out->ncells, err);
	population_hash_final(h, out->computed);
	if (rc != CAIRN_OK)
		goto fail;
	out->matches = strcmp(out->computed, out->stored) == 0;
	if (!out->matches) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "the stored population of inspection %ld does not match the checksum recorded "
		    "when it was imported; import it again",
		    insp);
		goto fail;
	}
	detail = xasprintf("%ld children, sha256 %s matches; stratum index of %ld cells", pop.nrows,
	    out->computed, out->ncells);
	if ((rc = audit_record(st, who, "population.check", insp, NULL, detail, err)) != CAIRN_OK)
		goto fail;
	rc = store_commit(st, err);
	if (rc == CAIRN_OK)
		goto out;
fail:
	store_rollback(st);
out:
	free(detail);
	population_info_free(&pop);
	return rc;
}

/* Adds a stored child to the checksum, as store_population_each gives it
 * (arg: the population_hash). */
static int
verify_row(void *arg, long position, const char *ref, const char *attrs)
{
	(void)position;
	population_hash_row(arg, ref, strlen(ref), attrs, strlen(attrs));
	return 0;
}

int
app_population_verify(struct store *st, const struct actor *who, long insp,
    struct population_check *out, struct cairn_err *err)
{
	struct population_info pop = { 0 };
	struct population_hash *h;
	struct popindex ix = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = authz_check(st, who, insp, ACTION_IMPORT_POPULATION, NULL, err)) != CAIRN_OK ||
	    (rc = store_population_info(st, insp, &pop, err)) != CAIRN_OK)
		return rc;
	out->nrows = pop.nrows;
	snprintf(out->stored, sizeof(out->stored), "%s", pop.checksum);
	h = population_hash_new(pop.columns, pop.ncolumns);
	rc = store_population_each(st, insp, verify_row, h, err);
	population_hash_final(h, out->computed);
	if (rc == CAIRN_OK && (rc = popindex_load(st, insp, 0, &ix, err)) == CAIRN_OK)
		out->ncells = (long)ix.ncells;
	popindex_free(&ix);
	if (rc != CAIRN_OK) {
		out->computed[0] = '\0';
		goto out;
	}
	out->matches = strcmp(out->computed, out->stored) == 0;
	if (!out->matches)
		rc = cairn_errf(err, CAIRN_EDATA,
		    "the stored population of inspection %ld does not match the checksum recorded "
		    "when it was imported; import it again",
		    insp);
out:
	population_info_free(&pop);
	return rc;
}
