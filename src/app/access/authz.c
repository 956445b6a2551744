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

/* Appends to b the phrases of the roles for which pick(r, arg) holds as
 * one list, "an inspection lead, a depute inspection lead or an
 * administrator"; returns how many (nothing written for none). */
static int
roles_where(bool (*pick)(enum role r, int arg), int arg, struct buf *b)
{
	int total = 0, n = 0;

	for (int r = 0; r < ROLE__MAX; r++)
		total += pick((enum role)r, arg);
	for (int r = 0; r < ROLE__MAX; r++) {
		if (!pick((enum role)r, arg))
			continue;
		if (n > 0)
			buf_puts(b, n == total - 1 ? " or " : ", ");
		buf_puts(b, role_table[r].phrase);
		n++;
	}
	return total;
}

/* Appends to b who may, in words: "only " and roles_where's list and
 * " may", or "nobody may". */
static void
who_may(bool (*pick)(enum role r, int arg), int arg, struct buf *b)
{
	struct buf list = BUF_INIT;

	if (roles_where(pick, arg, &list) == 0)
		buf_puts(b, "nobody may");
	else
		buf_printf(b, "only %s may", buf_str(&list));
	buf_free(&list);
}

/* Fills err with the refusal of what (an action in words, "publish the
 * report") to a person acting in role held, CAIRN_EPERM with code
 * forbidden and field (may be NULL): "you are an inspector on this
 * inspection and may not publish the report: only an inspection lead
 * may", without the role when held is not a team role.  who is who_may's
 * words.  Returns CAIRN_EPERM. */
static int
refuse(struct cairn_err *err, const char *field, enum role held, const char *what,
    const struct buf *who)
{
	if (!role_table[held].team)
		return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, field,
		    "you may not %s: %s", what, buf_str(who));
	return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, field,
	    "you are %s on this inspection and may not %s: %s", role_table[held].phrase, what,
	    buf_str(who));
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
	who_may(pick_may, (int)action, &b);
	if (id > 0 && !on)
		rc = cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_UNKNOWN, NULL,
		    "you are not on the team of inspection %ld", id);
	else
		rc = refuse(err, NULL, id > 0 ? held : ROLE_ADMIN, action_table[action].label, &b);
	buf_free(&b);
	return rc;
}

int
authz_team_change(struct store *st, const struct actor *who, long id, enum role target,
    bool removing, long leads_left, struct cairn_err *err)
{
	struct buf b = BUF_INIT;
	char what[96];
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
	who_may(pick_appoint, (int)target, &b);
	snprintf(what, sizeof(what), "%s %s", removing ? "remove" : "appoint",
	    role_table[target].phrase);
	rc = refuse(err, "role", as, what, &b);
	buf_free(&b);
	return rc;
}

int
authz_roles_may(enum action action, struct buf *b)
{
	assert((unsigned)action < ACTION__MAX);
	return roles_where(pick_may, (int)action, b);
}
