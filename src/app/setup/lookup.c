/* Reads of setup data for the front ends: see lookup.h. */
#include "app/setup/lookup.h"

#include <string.h>

#include "app/access/authz.h"
#include "store/store.h"
#include "store/work.h"

int
app_inspection_list(struct store *st, struct inspection **out, size_t *n, struct cairn_err *err)
{
	return store_inspection_list(st, out, n, err);
}

int
app_inspection_get(struct store *st, const struct actor *who, long id, struct inspection *in,
    struct cairn_err *err)
{
	int rc = authz_check(st, who, id, ACTION_VIEW_INSPECTION, NULL, err);

	if (rc != CAIRN_OK) {
		memset(in, 0, sizeof(*in));
		return rc;
	}
	return store_inspection_load(st, id, in, err);
}

int
app_stage_list(struct store *st, const struct actor *who, long id, struct stage_move **out,
    size_t *n, struct cairn_err *err)
{
	int rc = authz_check(st, who, id, ACTION_VIEW_INSPECTION, NULL, err);

	if (rc != CAIRN_OK) {
		*out = NULL;
		*n = 0;
		return rc;
	}
	return store_stage_list(st, id, out, n, err);
}

int
app_framework_list(struct store *st, struct framework_summary **out, size_t *n,
    struct cairn_err *err)
{
	return store_framework_list(st, out, n, err);
}

bool
app_framework_exists(struct store *st, const char *code)
{
	return store_framework_exists(st, code);
}

void
app_framework_codes(struct store *st, char *buf, size_t bufsz)
{
	store_framework_codes(st, buf, bufsz);
}

int
app_framework_get(struct store *st, const char *code, struct framework *f, struct cairn_err *err)
{
	return store_framework_load(st, code, f, err);
}
