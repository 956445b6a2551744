/* Reads of the accounts for the front ends: see lookup.h. */
#include "app/access/lookup.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
#include "app/access/authz.h"
#include "core/mem.h"
#include "core/work.h"
#include "store/account.h"
#include "store/work.h"

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
app_person_appointable(struct store *st, const char *person, const char *field,
    struct cairn_err *err)
{
	struct account a = { 0 };
	struct cairn_err none = { 0 };
	int rc = store_account_get(st, person, &a, &none);
	bool disabled = rc == CAIRN_OK && a.disabled;

	account_free(&a);
	if (rc != CAIRN_OK && none.code != CAIRN_CODE_UNKNOWN) {
		if (err != NULL && err->msg[0] == '\0')
			*err = none;
		return rc;
	}
	if (disabled)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
		    "%s's account is disabled, so they cannot sign in; choose someone whose "
		    "account is active, or ask an administrator to enable it",
		    person);
	return CAIRN_OK;
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
app_team_choices(struct store *st, const struct actor *who, long id, enum action action,
    struct account **out, size_t *n, struct cairn_err *err)
{
	struct team_member *team = NULL;
	struct account *v = NULL, *res;
	size_t nteam = 0, nv = 0, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = app_account_choices(st, who, id, action, &v, &nv, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_team_list(st, id, &team, &nteam, err)) != CAIRN_OK) {
		accounts_free(v, nv);
		return rc;
	}
	res = xcalloc(nteam ? nteam : 1, sizeof(*res));
	for (size_t i = 0; i < nteam; i++) {
		bool seen = false;

		/* One entry per person, though they may hold two roles. */
		for (size_t j = 0; j < k && !seen; j++)
			seen = strcmp(res[j].username, team[i].person) == 0;
		for (size_t j = 0; j < nv && !seen; j++) {
			if (v[j].username == NULL || strcmp(v[j].username, team[i].person) != 0)
				continue;
			res[k++] = v[j];
			memset(&v[j], 0, sizeof(v[j]));
			break;
		}
	}
	accounts_free(v, nv);
	team_members_free(team, nteam);
	*out = res;
	*n = k;
	return CAIRN_OK;
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

int
app_audit_check(struct store *st, const struct actor *who, long id, bool full, long max_ms,
    struct audit_check *out, struct cairn_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = authz_check(st, who, id > 0 ? id : 0, ACTION_VIEW_AUDIT, NULL, err)) != CAIRN_OK)
		return rc;
	return audit_check_step(st, full, 0, max_ms, out, err);
}

/* Orders two usernames (qsort and bsearch over const char *). */
static int
username_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
app_person_names(struct store *st, const struct actor *who, long id, enum action action,
    const char *const *usernames, size_t n, struct account **out, size_t *nout,
    struct cairn_err *err)
{
	struct account *v = NULL;
	const char **want;
	size_t nv = 0, nwant = 0, k = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = authz_check(st, who, id, action, NULL, err)) != CAIRN_OK)
		return rc;
	if (usernames == NULL) {
		if ((rc = store_account_names(st, &v, &nv, err)) != CAIRN_OK)
			return rc;
		*out = v;
		*nout = nv;
		return CAIRN_OK;
	}
	want = xcalloc(n > 0 ? n : 1, sizeof(*want));
	for (size_t i = 0; i < n; i++)
		if (usernames[i] != NULL && usernames[i][0] != '\0')
			want[nwant++] = usernames[i];
	if (nwant == 0) {
		free(want);
		return CAIRN_OK;
	}
	qsort(want, nwant, sizeof(*want), username_cmp);
	if ((rc = store_account_names(st, &v, &nv, err)) != CAIRN_OK) {
		free(want);
		return rc;
	}
	/* Keep only the accounts the page names. */
	for (size_t i = 0; i < nv; i++) {
		const char *key = v[i].username;

		if (key == NULL ||
		    bsearch(&key, want, nwant, sizeof(*want), username_cmp) == NULL) {
			account_free(&v[i]);
			continue;
		}
		v[k++] = v[i];
	}
	free(want);
	if (k == 0) {
		free(v);
		v = NULL;
	}
	*out = v;
	*nout = k;
	return CAIRN_OK;
}

/* Calls fn on every object member of v (at any depth) named one of the
 * nkeys keys whose value is a string. */
static void
each_person(json_t *v, const char *const *keys, size_t nkeys,
    void (*fn)(json_t *o, const char *key, const char *username, void *arg), void *arg)
{
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++)
			each_person(json_array_get(v, i), keys, nkeys, fn, arg);
		return;
	}
	if (!json_is_object(v))
		return;
	for (size_t j = 0; j < nkeys; j++) {
		json_t *x = json_object_get(v, keys[j]);

		if (json_is_string(x))
			fn(v, keys[j], json_string_value(x), arg);
	}
	for (void *it = json_object_iter(v); it != NULL; it = json_object_iter_next(v, it)) {
		json_t *x = json_object_iter_value(it);

		if (json_is_array(x) || json_is_object(x))
			each_person(x, keys, nkeys, fn, arg);
	}
}

/* The usernames found, then the accounts that name them. */
struct people_found {
	const char **v;
	size_t n, cap;
	const struct account *acc;
	size_t nacc;
};

/* Collects one username (callback of each_person). */
static void
person_found(json_t *o, const char *key, const char *username, void *arg)
{
	struct people_found *p = arg;

	(void)o;
	(void)key;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n++] = username;
}

/* Sets key + "_name" beside one username ("full_name" beside a username
 * kept under "name", not "name_name") (callback of each_person). */
static void
person_named(json_t *o, const char *key, const char *username, void *arg)
{
	const struct people_found *p = arg;
	char name[64];
	json_t *full = json_null();

	for (size_t i = 0; i < p->nacc; i++)
		if (p->acc[i].username != NULL && strcmp(p->acc[i].username, username) == 0 &&
		    p->acc[i].full_name != NULL) {
			json_decref(full);
			full = json_string(p->acc[i].full_name);
			break;
		}
	if (strcmp(key, "name") == 0)
		snprintf(name, sizeof(name), "full_name");
	else
		snprintf(name, sizeof(name), "%s_name", key);
	json_object_set_new(o, name, full);
}

int
app_person_names_json(struct store *st, const struct actor *who, long id, enum action action,
    json_t *v, const char *const *keys, size_t nkeys, struct cairn_err *err)
{
	struct people_found p = { 0 };
	struct account *acc = NULL;
	size_t nacc = 0;
	int rc;

	each_person(v, keys, nkeys, person_found, &p);
	rc = app_person_names(st, who, id, action, p.v, p.n, &acc, &nacc, err);
	free(p.v);
	p.v = NULL;
	p.acc = acc;
	p.nacc = nacc;
	each_person(v, keys, nkeys, person_named, &p);
	accounts_free(acc, nacc);
	return rc;
}
