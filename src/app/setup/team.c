/* An inspection's team and the authorisation check: see team.h. */
#include "app/setup/team.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "app/access/authz.h"
#include "app/access/lookup.h"
#include "core/buf.h"
#include "core/model.h"
#include "core/text.h"
#include "store/store.h"

/* Longest person name, in bytes. */
#define PERSON_MAX 200

int
app_person_check(const char *person, struct cairn_err *err)
{
	size_t n = person != NULL ? strlen(person) : 0;

	if (n == 0)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "person",
		    "a person's name must not be empty");
	if (n > PERSON_MAX)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "person",
		    "a person's name is too long (%zu bytes; the "
		    "limit is %d)",
		    n, PERSON_MAX);
	if (!text_utf8_valid(person, n))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "person",
		    "a person's name is not valid UTF-8");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)person[i] < 0x20 || person[i] == 0x7f)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "person",
			    "a person's name must not contain control characters");
	return CAIRN_OK;
}

/* Checks that inspection id exists. */
static int
check_inspection(struct store *st, long id, struct cairn_err *err)
{
	struct inspection in;
	int rc = store_inspection_load(st, id, &in, err);

	inspection_free(&in);
	return rc;
}

int
app_team_add(struct store *st, const struct actor *who, long id, const char *person,
    const char *role, const char *agency, struct cairn_err *err)
{
	enum role r;
	char codes[256], detail[300];
	int rc;

	/* Who may manage the team at all is decided before the input is. */
	if ((rc = authz_check(st, who, id, ACTION_MANAGE_TEAM, NULL, err)) != CAIRN_OK)
		return rc;
	role_team_codes(codes, sizeof(codes));
	if (role == NULL || role[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "role",
		    "the role is required; valid: %s", codes);
	if (!role_parse(role, &r))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "role",
		    "unknown role '%s'; valid: %s", role, codes);
	if (!role_table[r].team)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "role",
		    "'%s' is a global role, not held on one "
		    "inspection; valid: %s",
		    role, codes);
	if ((rc = app_person_check(person, err)) != CAIRN_OK) {
		if (err != NULL)
			text_copy(err->field, sizeof(err->field), "person");
		return rc;
	}
	if ((rc = app_person_appointable(st, person, "person", err)) != CAIRN_OK)
		return rc;
	if (agency != NULL && agency[0] != '\0' &&
	    (agency[strspn(agency, " \t")] == '\0' || strlen(agency) > PERSON_MAX ||
	        !text_utf8_valid(agency, strlen(agency))))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "agency",
		    "the agency must be a name of 1 to %d bytes of "
		    "UTF-8",
		    PERSON_MAX);
	/* A lead or depute is appointed by the lead or an administrator. */
	if ((rc = authz_team_change(st, who, id, r, false, 1, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_team_add(st, id, person, role_table[r].code, agency, who->name, err);
	snprintf(detail, sizeof(detail), "%s%s%s", role_table[r].code,
	    agency != NULL && agency[0] ? ", " : "", agency != NULL ? agency : "");
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "team.add", id, person, detail, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
}

/* Counts the leads of inspection id's team into *n. */
static int
count_leads(struct store *st, long id, long *n, struct cairn_err *err)
{
	struct team_member *v = NULL;
	size_t nv = 0;
	int rc;

	*n = 0;
	if ((rc = store_team_list(st, id, &v, &nv, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < nv; i++)
		if (strcmp(v[i].role, role_table[ROLE_LEAD].code) == 0)
			(*n)++;
	team_members_free(v, nv);
	return CAIRN_OK;
}

int
app_team_remove(struct store *st, const struct actor *who, long id, const char *person,
    struct cairn_err *err)
{
	char role[32] = "";
	enum role held;
	bool removed = false;
	long leads = 0;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_MANAGE_TEAM, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_person_check(person, err)) != CAIRN_OK) {
		if (err != NULL)
			text_copy(err->field, sizeof(err->field), "person");
		return rc;
	}
	/* Removing oneself would lock the person out of the inspection at once:
	 * refused for every front end (only the local administrator, who is
	 * nobody on a team, is exempt). */
	if (who != NULL && who->person != NULL && strcmp(who->person, person) == 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "person",
		    "you cannot remove yourself from the team; ask another lead or depute, or "
		    "an administrator");
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	/* The role held and the leads left are read in the same transaction
	 * as the removal, so that two removals cannot both take the last lead. */
	rc = store_team_role(st, id, person, role, sizeof(role), err);
	if (rc == CAIRN_OK && role[0] == '\0')
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "person",
		    "%s is not on the team of inspection %ld", person, id);
	if (rc == CAIRN_OK && !role_parse(role, &held))
		rc = cairn_errf(err, CAIRN_ESOFTWARE, "the team holds an unknown role '%s'", role);
	if (rc == CAIRN_OK)
		rc = count_leads(st, id, &leads, err);
	if (rc == CAIRN_OK)
		rc = authz_team_change(st, who, id, held, true,
		    held == ROLE_LEAD ? leads - 1 : leads, err);
	if (rc == CAIRN_OK)
		rc = store_team_remove(st, id, person, &removed, err);
	if (rc == CAIRN_OK && !removed)
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "person",
		    "%s is not on the team of inspection %ld", person, id);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "team.remove", id, person, role, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
}

bool
app_team_removable(const struct actor *who, enum role as, const char *person, enum role target)
{
	assert(person != NULL && (unsigned)target < ROLE__MAX);
	if (who != NULL && who->person != NULL && strcmp(who->person, person) == 0)
		return false;
	return actor_is_local(who) || ((unsigned)as < ROLE__MAX && role_may_appoint(as, target));
}

int
app_team_list(struct store *st, long id, struct team_member **out, size_t *n, struct cairn_err *err)
{
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = check_inspection(st, id, err)) != CAIRN_OK)
		return rc;
	return store_team_list(st, id, out, n, err);
}

int
app_team_role(struct store *st, long id, const char *person, enum role *role, struct cairn_err *err)
{
	char code[32];
	int rc;

	if ((rc = store_team_role(st, id, person, code, sizeof(code), err)) != CAIRN_OK)
		return rc;
	if (code[0] == '\0' || !role_parse(code, role))
		return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, "person",
		    "%s is not on the team of inspection %ld; the team list shows who is", person,
		    id);
	return CAIRN_OK;
}

int
app_team_visible(struct store *st, const char *person, struct inspection *v, size_t *n,
    struct cairn_err *err)
{
	size_t keep = 0;
	int rc = CAIRN_OK;

	if (person == NULL)
		return CAIRN_OK;
	if ((rc = app_person_check(person, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < *n; i++) {
		char role[32] = "";
		enum role r;

		if (rc == CAIRN_OK)
			rc = store_team_role(st, v[i].id, person, role, sizeof(role), err);
		if (rc == CAIRN_OK && role_parse(role, &r) && role_may(r, ACTION_VIEW_INSPECTION))
			v[keep++] = v[i];
		else
			inspection_free(&v[i]);
	}
	*n = keep;
	return rc;
}
