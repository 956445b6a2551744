/* An inspection's team and the authorisation check: see team.h. */
#include "app/setup/team.h"

#include <stdio.h>
#include <string.h>

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

	role_team_codes(codes, sizeof(codes));
	if (role == NULL)
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
	if ((rc = app_person_check(person, err)) != CAIRN_OK)
		return rc;
	if (agency != NULL && agency[0] != '\0' &&
	    (agency[strspn(agency, " \t")] == '\0' || strlen(agency) > PERSON_MAX ||
	        !text_utf8_valid(agency, strlen(agency))))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "agency",
		    "the agency must be a name of 1 to %d bytes of "
		    "UTF-8",
		    PERSON_MAX);
	if ((rc = check_inspection(st, id, err)) != CAIRN_OK)
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

int
app_team_remove(struct store *st, const struct actor *who, long id, const char *person,
    struct cairn_err *err)
{
	char role[32];
	bool removed = false;
	int rc;

	if ((rc = app_person_check(person, err)) != CAIRN_OK ||
	    (rc = check_inspection(st, id, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_team_role(st, id, person, role, sizeof(role), err);
	if (rc == CAIRN_OK)
		rc = store_team_remove(st, id, person, &removed, err);
	if (rc == CAIRN_OK && !removed)
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "person",
		    "%s is not on the team of inspection %ld; the team list shows who is", person,
		    id);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "team.remove", id, person, role, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
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
