/* Reads of the accounts for the front ends: see lookup.h. */
#include "app/access/lookup.h"

#include <string.h>

#include "app/access/authz.h"
#include "store/account.h"

int
app_account_list(struct store *st, const struct actor *who, struct account **out, size_t *n,
    struct cairn_err *err)
{
	int rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err);

	if (rc != CAIRN_OK) {
		*out = NULL;
		*n = 0;
		return rc;
	}
	return store_account_list(st, out, n, err);
}

int
app_account_lookup(struct store *st, const struct actor *who, long id, enum action action,
    const char *username, struct account *a, struct cairn_err *err)
{
	int rc = authz_check(st, who, id, action, NULL, err);

	if (rc != CAIRN_OK) {
		memset(a, 0, sizeof(*a));
		return rc;
	}
	return store_account_get(st, username, a, err);
}
