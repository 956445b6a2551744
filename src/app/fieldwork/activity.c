/* The fieldwork plan: see activity.h. */
#include "app/fieldwork/activity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
#include "app/access/authz.h"
#include "app/access/lookup.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/identify.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/activity.h"
#include "store/store.h"
#include "store/work.h"

/* Most people of one kind at one activity. */
#define PEOPLE_MAX 10000L
/* Longest notes, in bytes (as the evidence text). */
#define NOTES_MAX 20000

int
activity_check_identifiers(const char *field, const char *what, const char *s,
    struct cairn_err *err)
{
	const char *p = s, *found;

	if (s == NULL)
		return CAIRN_OK;
	if ((found = identify_value(s, strlen(s))) != NULL)
		goto refuse;
	while (*p != '\0') {
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ',' ||
		    *p == ';' || *p == '(' || *p == ')')
			p++;
		n = strcspn(p, " \t\r\n,;()");
		/* A postcode is two words ("EH1 1AA"): try each word with the next. */
		if (n > 0 &&
		    ((found = identify_value(p, n)) != NULL ||
		        (p[n] == ' ' &&
		            (found = identify_value(p,
		                 n + 1 + strcspn(p + n + 1, " \t\r\n,;()"))) != NULL)))
			goto refuse;
		p += n;
	}
	return CAIRN_OK;
refuse:
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
	    "%s contains what looks like a %s; fieldwork records how many people took part, "
	    "never who they are",
	    what, found);
}

/* Writes the kind codes, comma-separated, into b. */
static void
kind_codes(struct buf *b)
{
	for (int k = 0; k < ACTIVITY__MAX; k++)
		buf_printf(b, "%s%s", k ? ", " : "", activity_kind_table[k].code);
}

/* Parses the people counts of a request into people (NULL entries left). */
static int
parse_people(const char *const in[PEOPLE__MAX], long people[PEOPLE__MAX], struct cairn_err *err)
{
	for (int p = 0; p < PEOPLE__MAX; p++) {
		if (in[p] == NULL || in[p][0] == '\0')
			continue;
		if (!text_parse_long(in[p], 0, PEOPLE_MAX, &people[p]))
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID,
			    people_kind_table[p].code,
			    "the number of %s '%s' is not a whole number from 0 to %ld",
			    people_kind_table[p].plural, in[p], PEOPLE_MAX);
	}
	return CAIRN_OK;
}

/* Checks an optional free text: length, UTF-8, identifiers. */
static int
optional_text(const char *field, const char *what, const char *s, struct cairn_err *err)
{
	int rc;

	if (s == NULL || s[0] == '\0')
		return CAIRN_OK;
	if ((rc = text_check(field, what, s, ACTIVITY_TEXT_MAX, err)) != CAIRN_OK)
		return rc;
	return activity_check_identifiers(field, what, s, err);
}

int
app_activity_add(struct store *st, const struct actor *who, long id, const struct activity_req *req,
    long *number, struct cairn_err *err)
{
	struct activity a;
	struct cdate d;
	char role[32], detail[160], subject[32];
	int rc, kind;

	if ((rc = authz_check(st, who, id, ACTION_PLAN_FIELDWORK, NULL, err)) != CAIRN_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	if (req->kind == NULL || req->kind[0] == '\0' ||
	    (kind = activity_kind_parse(req->kind)) < 0) {
		struct buf b = BUF_INIT;

		kind_codes(&b);
		rc = req->kind == NULL || req->kind[0] == '\0'
		    ? cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "kind",
		          "the kind of activity is required; valid: %s", buf_str(&b))
		    : cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "kind",
		          "'%s' is not a kind of activity; valid: %s", req->kind, buf_str(&b));
		buf_free(&b);
		return rc;
	}
	if (req->date == NULL || req->date[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "date",
		    "the date of the activity is required (YYYY-MM-DD)");
	if (!date_parse(req->date, &d))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "date",
		    "the date '%s' is not a date; use YYYY-MM-DD", req->date);
	if (req->place == NULL || req->place[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "place",
		    "where the activity takes place is required");
	if ((rc = text_check("place", "the place", req->place, ACTIVITY_TEXT_MAX, err)) !=
	        CAIRN_OK ||
	    (rc = activity_check_identifiers("place", "the place", req->place, err)) != CAIRN_OK ||
	    (rc = optional_text("agencies", "the agencies", req->agencies, err)) != CAIRN_OK ||
	    (rc = optional_text("roles", "the roles", req->roles, err)) != CAIRN_OK ||
	    (rc = parse_people(req->people, a.people, err)) != CAIRN_OK)
		return rc;
	if (req->lead == NULL || req->lead[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "lead",
		    "who leads the activity is required: a member of the team");
	if ((rc = app_person_appointable(st, req->lead, "lead", err)) != CAIRN_OK)
		return rc;
	if ((rc = store_team_role(st, id, req->lead, role, sizeof(role), err)) != CAIRN_OK)
		return rc;
	if (role[0] == '\0')
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "lead",
		    "%s is not on the team of inspection %ld; an activity is led by a member of "
		    "the team",
		    req->lead, id);
	a.inspection = id;
	a.kind = (enum activity_kind)kind;
	date_iso(&d, a.date);
	a.place = xstrdup(req->place);
	a.lead = xstrdup(req->lead);
	a.agencies = req->agencies != NULL && req->agencies[0] ? xstrdup(req->agencies) : NULL;
	a.roles = req->roles != NULL && req->roles[0] ? xstrdup(req->roles) : NULL;
	a.status = ACTIVITY_PLANNED;
	a.created_by = xstrdup(who->name);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_activity_insert(st, &a, err);
	if (rc == CAIRN_OK) {
		snprintf(subject, sizeof(subject), "activity %ld", a.number);
		snprintf(detail, sizeof(detail), "%s on %s, led by %s",
		    activity_kind_table[kind].code, a.date, a.lead);
		rc = audit_record(st, who, "fieldwork.add", id, subject, detail, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK) {
		store_rollback(st);
		goto out;
	}
	*number = a.number;
out:
	activity_free(&a);
	return rc;
}

int
app_activity_list(struct store *st, const struct actor *who, long id, struct activity **out,
    size_t *n, struct cairn_err *err)
{
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = authz_check(st, who, id, ACTION_VIEW_FIELDWORK, NULL, err)) != CAIRN_OK)
		return rc;
	return store_activity_list(st, id, out, n, err);
}

int
app_activity_get(struct store *st, const struct actor *who, long id, long number,
    struct activity *a, struct cairn_err *err)
{
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = authz_check(st, who, id, ACTION_VIEW_FIELDWORK, NULL, err)) != CAIRN_OK)
		return rc;
	return store_activity_get(st, id, number, a, err);
}

/* What app_evidence_add writes, in its transaction, for a recording. */
struct record_ctx {
	const struct actor *who;
	struct activity *a;
};

/* Links the evidence to its activity, marks the activity held with its
 * numbers and records the audit entry. */
static int
record_also(struct store *st, long evidence_id, void *arg, struct cairn_err *err)
{
	struct record_ctx *c = arg;
	char subject[32], detail[160];
	int rc;

	if ((rc = store_evidence_set_activity(st, evidence_id, c->a->id, err)) != CAIRN_OK ||
	    (rc = store_activity_update(st, c->a, err)) != CAIRN_OK)
		return rc;
	snprintf(subject, sizeof(subject), "activity %ld", c->a->number);
	snprintf(detail, sizeof(detail),
	    "held; %ld staff, %ld leaders, %ld children, "
	    "%ld young people, %ld parents and carers",
	    c->a->people[PEOPLE_STAFF], c->a->people[PEOPLE_LEADERS], c->a->people[PEOPLE_CHILDREN],
	    c->a->people[PEOPLE_YOUNG_PEOPLE], c->a->people[PEOPLE_PARENTS_CARERS]);
	return audit_record(st, c->who, "fieldwork.record", c->a->inspection, subject, detail, err);
}

/* Refuses a young inspector recording an activity they do not lead. */
static int
own_only(const struct actor *who, enum role role, const struct activity *a, struct cairn_err *err)
{
	if (role != ROLE_YOUNG_INSPECTOR || who->person == NULL ||
	    strcmp(who->person, a->lead) == 0)
		return CAIRN_OK;
	return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, "activity",
	    "a young inspector records only the activities they lead; activity %ld is led by "
	    "someone else",
	    a->number);
}

int
app_activity_record(struct store *st, const struct actor *who, long id, long number,
    const struct activity_record_req *req, long *evidence, struct cairn_err *err)
{
	struct activity a;
	struct record_ctx c = { who, &a };
	struct evidence_req ev;
	enum role role = ROLE__MAX;
	char sha256[65];
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_RECORD_FIELDWORK, &role, err)) != CAIRN_OK ||
	    (rc = store_activity_get(st, id, number, &a, err)) != CAIRN_OK)
		return rc;
	if ((rc = own_only(who, role, &a, err)) != CAIRN_OK)
		goto out;
	if (a.status == ACTIVITY_CANCELLED) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "activity",
		    "activity %ld was cancelled; only a planned or held activity is recorded",
		    number);
		goto out;
	}
	if (req->notes == NULL || req->notes[0] == '\0') {
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "notes",
		    "the notes of the activity are required");
		goto out;
	}
	if ((rc = text_check("notes", "the notes", req->notes, NOTES_MAX, err)) != CAIRN_OK ||
	    (rc = activity_check_identifiers("notes", "the notes", req->notes, err)) != CAIRN_OK ||
	    (rc = parse_people(req->people, a.people, err)) != CAIRN_OK)
		goto out;
	a.status = ACTIVITY_HELD;
	memset(&ev, 0, sizeof(ev));
	ev.source = activity_kind_table[a.kind].source;
	ev.text = req->notes;
	ev.qis = req->qis;
	ev.status = req->status;
	ev.date = a.date;
	ev.also = record_also;
	ev.also_arg = &c;
	rc = app_evidence_add(st, who, id, &ev, evidence, sha256, err);
out:
	activity_free(&a);
	return rc;
}

int
app_activity_cancel(struct store *st, const struct actor *who, long id, long number,
    const char *reason, struct cairn_err *err)
{
	struct activity a;
	char subject[32];
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_PLAN_FIELDWORK, NULL, err)) != CAIRN_OK ||
	    (rc = store_activity_get(st, id, number, &a, err)) != CAIRN_OK)
		return rc;
	if (a.status != ACTIVITY_PLANNED) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "activity",
		    "activity %ld is %s; only a planned activity is cancelled", number,
		    activity_status_code[a.status]);
		goto out;
	}
	if (reason == NULL || reason[0] == '\0') {
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "reason",
		    "the reason for cancelling is required");
		goto out;
	}
	if ((rc = text_check("reason", "the reason", reason, ACTIVITY_TEXT_MAX, err)) != CAIRN_OK ||
	    (rc = activity_check_identifiers("reason", "the reason", reason, err)) != CAIRN_OK)
		goto out;
	a.status = ACTIVITY_CANCELLED;
	a.cancel_reason = xstrdup(reason);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_activity_update(st, &a, err);
	snprintf(subject, sizeof(subject), "activity %ld", number);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "fieldwork.cancel", id, subject, reason, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	activity_free(&a);
	return rc;
}

void
activity_evidence_free(struct activity_evidence *e)
{
	if (e == NULL)
		return;
	evidence_items_free(e->items, e->n);
	memset(e, 0, sizeof(*e));
}

int
app_activity_evidence(struct store *st, const struct actor *who, long id, long number,
    struct activity_evidence *out, struct cairn_err *err)
{
	struct activity a;
	long *nums = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = authz_check(st, who, id, ACTION_VIEW_EVIDENCE, NULL, err)) != CAIRN_OK ||
	    (rc = store_activity_get(st, id, number, &a, err)) != CAIRN_OK)
		return rc;
	rc = store_activity_status_counts(st, a.id, evidence_status_code, STATUS__MAX, out->counts,
	    err);
	if (rc == CAIRN_OK)
		rc = store_activity_evidence_numbers(st, a.id, &nums, &n, err);
	if (rc == CAIRN_OK && n > 0) {
		out->items = xcalloc(n, sizeof(*out->items));
		for (size_t i = 0; i < n && rc == CAIRN_OK; i++) {
			rc = store_evidence_get(st, id, nums[i], &out->items[i], err);
			if (rc == CAIRN_OK)
				out->n++;
		}
	}
	free(nums);
	activity_free(&a);
	if (rc != CAIRN_OK)
		activity_evidence_free(out);
	return rc;
}
