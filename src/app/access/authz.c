/* Authorisation: see authz.h. */
#include "app/access/authz.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/model.h"
#include "core/text.h"
#include "store/store.h"
#include "store/work.h"

/* Longest person name, in bytes (as app/setup/team.c). */
#define PERSON_MAX 200

/* Writes the labels of the roles for which pick(r) holds into b,
 * comma-separated, or "nobody". */
static void
roles_where(bool (*pick)(enum role r, int arg), int arg, struct buf *b)
{
	size_t before = b->len;

	for (int r = 0; r < ROLE__MAX; r++)
		if (pick((enum role)r, arg))
			buf_printf(b, "%s%s", b->len > before ? ", " : "", role_table[r].code);
	if (b->len == before)
		buf_puts(b, "nobody");
}

static bool
pick_may(enum role r, int a)
{
	return role_may(r, (enum action)a);
}

static bool
pick_appoint(enum role r, int target)
{
	return role_may_appoint(r, (enum role)target);
}

/* Checks that inspection id exists (one indexed row, not the inspection
 * and its lists: this runs on every request of an inspection's page). */
static int
inspection_exists(struct store *st, long id, struct cairn_err *err)
{
	return store_inspection_exists(st, id, err);
}

/* Looks up who's team role on inspection id: *on is false when they are
 * not on its team. */
static int
team_role(struct store *st, long id, const char *person, bool *on, enum role *role,
    struct cairn_err *err)
{
	char code[32] = "";
	int rc;

	*on = false;
	if ((rc = store_team_role(st, id, person, code, sizeof(code), err)) != CAIRN_OK)
		return rc;
	if (code[0] == '\0')
		return CAIRN_OK;
	if (!role_parse(code, role))
		return cairn_errf(err, CAIRN_ESOFTWARE, "the team holds an unknown role '%s'",
		    code);
	*on = true;
	return CAIRN_OK;
}

/* Checks a person's name as every lookup by name does. */
static int
person_valid(const char *person, struct cairn_err *err)
{
	size_t n = strlen(person);

	if (n == 0 || n > PERSON_MAX || !text_utf8_valid(person, n))
		return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, NULL,
		    "no such person may act on this inspection");
	return CAIRN_OK;
}

int
authz_check(struct store *st, const struct actor *who, long id, enum action action, enum role *role,
    struct cairn_err *err)
{
	struct buf b = BUF_INIT;
	enum role held = ROLE_ADMIN;
	bool on = false;
	int rc;

	assert(who != NULL);
	if ((unsigned)action >= ACTION__MAX)
		return cairn_errf(err, CAIRN_ESOFTWARE, "unknown action %d", (int)action);
	if (id > 0 && (rc = inspection_exists(st, id, err)) != CAIRN_OK)
		return rc;
	if (actor_is_local(who)) {
		if (role != NULL)
			*role = ROLE_ADMIN;
		return CAIRN_OK;
	}
	if ((rc = person_valid(who->person, err)) != CAIRN_OK)
		return rc;
	if (id > 0 && (rc = team_role(st, id, who->person, &on, &held, err)) != CAIRN_OK)
		return rc;
	if (on && role_may(held, action)) {
		if (role != NULL)
			*role = held;
		return CAIRN_OK;
	}
	if (who->admin && role_may(ROLE_ADMIN, action)) {
		if (role != NULL)
			*role = ROLE_ADMIN;
		return CAIRN_OK;
	}
	roles_where(pick_may, (int)action, &b);
	if (id <= 0)
		rc = cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, NULL,
		    "%s may not %s: only the administrator may", who->person,
		    action_table[action].label);
	else if (!on)
		rc = cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_UNKNOWN, NULL,
		    "%s is not on the team of inspection %ld", who->person, id);
	else
		rc = cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, NULL,
		    "%s (%s) may not %s on inspection %ld; roles that may: %s", who->person,
		    role_table[held].code, action_table[action].label, id, buf_str(&b));
	buf_free(&b);
	return rc;
}

int
authz_team_change(struct store *st, const struct actor *who, long id, enum role target,
    bool removing, long leads_left, struct cairn_err *err)
{
	struct buf b = BUF_INIT;
	enum role as;
	int rc;

	assert((unsigned)target < ROLE__MAX);
	if ((rc = authz_check(st, who, id, ACTION_MANAGE_TEAM, &as, err)) != CAIRN_OK)
		return rc;
	/* Who may first, so that a depute hears they may not, whatever the team. */
	if (actor_is_local(who) || role_may_appoint(as, target)) {
		if (removing && target == ROLE_LEAD && leads_left < 1)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "person",
			    "an inspection always has a lead: appoint another lead before "
			    "removing this one");
		return CAIRN_OK;
	}
	roles_where(pick_appoint, (int)target, &b);
	rc = cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, "role",
	    "%s (%s) may not %s a %s; roles that may: %s", who->person, role_table[as].code,
	    removing ? "remove" : "appoint", role_table[target].code, buf_str(&b));
	buf_free(&b);
	return rc;
}
