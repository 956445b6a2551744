/* Reads of the accounts for the front ends: see lookup.h. */
#include "app/access/lookup.h"

#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
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

int
app_account_choices(struct store *st, const struct actor *who, long id, enum action action,
    struct account **out, size_t *n, struct cairn_err *err)
{
	struct account *v = NULL;
	size_t nv = 0, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = authz_check(st, who, id, action, NULL, err)) != CAIRN_OK ||
	    (rc = store_account_list(st, &v, &nv, err)) != CAIRN_OK)
		return rc;
	/* Only who may sign in, and never a password hash. */
	for (size_t i = 0; i < nv; i++) {
		if (v[i].disabled) {
			account_free(&v[i]);
			continue;
		}
		if (v[i].password_hash != NULL) {
			memset(v[i].password_hash, 0, strlen(v[i].password_hash));
			free(v[i].password_hash);
			v[i].password_hash = NULL;
		}
		v[k++] = v[i];
	}
	*out = v;
	*n = k;
	return CAIRN_OK;
}

int
app_people_choices(struct store *st, const struct actor *who, long id, const char *role,
    struct account **out, size_t *n, struct cairn_err *err)
{
	enum action action = ACTION_MANAGE_TEAM;
	enum role target;
	char codes[256];
	int rc;

	*out = NULL;
	*n = 0;
	if (role != NULL && strcmp(role, "reader") == 0) {
		action = ACTION_MANAGE_READERS;
	} else if (role != NULL && role[0] != '\0') {
		if (!role_parse(role, &target) || !role_table[target].team) {
			role_team_codes(codes, sizeof(codes));
			/* Who may not manage the team hears that first, not the codes. */
			if ((rc = authz_check(st, who, id, ACTION_MANAGE_TEAM, NULL, err)) !=
			    CAIRN_OK)
				return rc;
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "role",
			    "'%s' is not a role to choose a person for; use reader or one of: %s",
			    role, codes);
		}
		if ((rc = authz_team_change(st, who, id, target, false, 1, err)) != CAIRN_OK)
			return rc;
	}
	return app_account_choices(st, who, id, action, out, n, err);
}

int
app_audit_page(struct store *st, const struct actor *who, long id, long before, long limit,
    int (*fn)(const struct audit_entry *e, void *arg), void *arg, struct cairn_err *err)
{
	int rc;

	if ((rc = authz_check(st, who, id > 0 ? id : 0, ACTION_VIEW_AUDIT, NULL, err)) != CAIRN_OK)
		return rc;
	return audit_list_page(st, id, before, limit, fn, arg, err);
}
