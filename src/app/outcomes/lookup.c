/* Reads of the outcome indicators for the front ends: see lookup.h. */
#include "app/outcomes/lookup.h"

#include "store/outcome.h"

int
app_outcome_indicator_list(struct store *st, struct outcome_indicator **out, size_t *n,
    struct cairn_err *err)
{
	return store_outcome_indicator_list(st, out, n, err);
}

int
app_outcome_indicator_get(struct store *st, const char *code, struct outcome_indicator *ind,
    bool *found, struct cairn_err *err)
{
	return store_outcome_indicator_get(st, code, ind, found, err);
}

int
app_outcome_area_codes(struct store *st, const char *indicator, char ***out, size_t *n,
    struct cairn_err *err)
{
	return store_outcome_area_codes(st, indicator, out, n, err);
}
