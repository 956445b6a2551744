/* Reads of records reading for the front ends: see lookup.h. */
#include "app/records/lookup.h"

#include <string.h>

#include "app/access/authz.h"
#include "store/records.h"

int
app_population_info(struct store *st, const struct actor *who, long id, struct population_info *out,
    struct cairn_err *err)
{
	int rc = authz_check(st, who, id, ACTION_VIEW_INSPECTION, NULL, err);

	if (rc != CAIRN_OK) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	return store_population_info(st, id, out, err);
}

int
app_answer_change_list(struct store *st, const struct actor *who, long id, long reading_id,
    struct answer_change **out, size_t *n, struct cairn_err *err)
{
	int rc = authz_check(st, who, id, ACTION_VIEW_CHILD_RECORDS, NULL, err);

	if (rc != CAIRN_OK) {
		*out = NULL;
		*n = 0;
		return rc;
	}
	return store_answer_change_list(st, reading_id, out, n, err);
}
