/* Roles and what each may do: see role.h. */
#include "app/access/role.h"

#include <stdio.h>
#include <string.h>

const struct role_info role_table[ROLE__MAX] = {
	[ROLE_LEAD] = { "lead", "Inspection lead", "an inspection lead", true },
	[ROLE_DEPUTE] = { "depute", "Depute inspection lead", "a depute inspection lead", true },
	[ROLE_INSPECTOR] = { "inspector", "Inspector", "an inspector", true },
	[ROLE_ASSOCIATE] = { "associate", "Associate assessor", "an associate assessor", true },
	[ROLE_YOUNG_INSPECTOR] = { "young-inspector", "Young inspector", "a young inspector",
	    true },
	[ROLE_PANEL] = { "panel", "Quality and Consistency Panel member",
	    "a Quality and Consistency Panel member", true },
	[ROLE_PARTNERSHIP_COORDINATOR] = { "partnership-coordinator",
	    "Partnership inspection co-ordinator", "a partnership inspection co-ordinator", true },
	[ROLE_LOCAL_READER] = { "local-reader", "Local records reader", "a local records reader",
	    true },
	[ROLE_ADMIN] = { "admin", "Administrator", "an administrator", false },
};

_Static_assert(sizeof(role_table) / sizeof(role_table[0]) == ROLE__MAX, "one row per role");

const struct action_info action_table[ACTION__MAX] = {
	[ACTION_VIEW_INSPECTION] = { "view-inspection", "see the inspection" },
	[ACTION_CREATE_INSPECTION] = { "create-inspection", "create an inspection" },
	[ACTION_EDIT_INSPECTION] = { "edit-inspection", "change the inspection's details" },
	[ACTION_MOVE_STAGE] = { "move-stage", "move the inspection to another stage" },
	[ACTION_VIEW_EVALUATION] = { "view-evaluation", "see the evaluations" },
	[ACTION_GRADE] = { "grade", "grade indicators and record findings" },
	[ACTION_VIEW_EVIDENCE] = { "view-evidence", "see the evidence log" },
	[ACTION_ADD_EVIDENCE] = { "add-evidence", "add evidence" },
	[ACTION_UPDATE_EVIDENCE] = { "update-evidence", "change anyone's evidence" },
	[ACTION_UPDATE_OWN_EVIDENCE] = { "update-own-evidence",
	    "change the evidence you recorded" },
	[ACTION_VIEW_AGGREGATES] = { "view-aggregates", "see aggregated results" },
	[ACTION_VIEW_CHILD_RECORDS] = { "view-child-records", "see children's records" },
	[ACTION_READ_ASSIGNED_RECORDS] = { "read-assigned-records",
	    "read the records assigned to you" },
	[ACTION_MANAGE_READERS] = { "manage-readers", "manage records readers" },
	[ACTION_IMPORT_POPULATION] = { "import-population", "upload the population" },
	[ACTION_DRAW_SAMPLE] = { "draw-sample", "draw the records sample" },
	[ACTION_UPLOAD_POSITION_STATEMENT] = { "upload-position-statement",
	    "upload the position statement" },
	[ACTION_IMPORT_SURVEY] = { "import-survey", "import survey responses" },
	[ACTION_PANEL_REVIEW] = { "panel-review", "record the panel's view of a grade" },
	[ACTION_PANEL_SIGNOFF] = { "panel-signoff", "sign off the evaluations" },
	[ACTION_VIEW_DRAFT_REPORT] = { "view-draft-report", "see the draft report" },
	[ACTION_FACTUAL_ACCURACY] = { "factual-accuracy",
	    "see the draft report during factual accuracy" },
	[ACTION_PUBLISH] = { "publish", "publish the report" },
	[ACTION_MANAGE_TEAM] = { "manage-team", "manage the team" },
	[ACTION_MANAGE_ACCOUNTS] = { "manage-accounts", "manage accounts" },
	[ACTION_VIEW_AUDIT] = { "view-audit", "read the audit log" },
	[ACTION_EXPORT] = { "export", "export data" },
	[ACTION_MAINTAIN_ACTION_PLAN] = { "maintain-action-plan", "maintain the action plan" },
	[ACTION_COMMENT_ACTION_PLAN] = { "comment-action-plan", "comment on the action plan" },
	[ACTION_AGREE_ACTION_PLAN] = { "agree-action-plan", "mark the action plan agreed" },
	[ACTION_REVIEW_PROGRESS] = { "review-progress", "record a progress review" },
	[ACTION_MANAGE_REFERENCE] = { "manage-reference",
	    "import frameworks, reading templates, outcome indicators and published results" },
	[ACTION_VIEW_FIELDWORK] = { "view-fieldwork", "see the fieldwork plan" },
	[ACTION_PLAN_FIELDWORK] = { "plan-fieldwork", "plan fieldwork activities" },
	[ACTION_RECORD_FIELDWORK] = { "record-fieldwork", "record fieldwork activities" },
	[ACTION_VIEW_ACCURACY] = { "view-accuracy", "see the factual accuracy log" },
	[ACTION_COMMENT_ACCURACY] = { "comment-accuracy",
	    "comment on the draft report during factual accuracy" },
	[ACTION_RESPOND_ACCURACY] = { "respond-accuracy", "answer factual accuracy comments" },
	[ACTION_SET_EMBARGO] = { "set-embargo", "set the embargo and the media contact" },
	[ACTION_VIEW_EMBARGOED] = { "view-embargoed",
	    "see the published report before its embargo lifts" },
	[ACTION_VIEW_PARTNERSHIP] = { "view-partnership",
	    "see the notification, pre-inspection return and position statement" },
	[ACTION_NOTIFY] = { "notify", "send the notification and record the co-ordinators" },
	[ACTION_RETURN_PREINSPECTION] = { "return-preinspection",
	    "return the pre-inspection return" },
	[ACTION_TEST_CLAIM] = { "test-claim", "test the position statement's claims" },
	[ACTION_DECIDE_CONCERN] = { "decide-concern",
	    "decide whether a matter of concern is escalated" },
	[ACTION_FOLLOW_CONCERN] = { "follow-concern",
	    "pass a matter of concern to the partnership, record its response, close it" },
	[ACTION_PROGRESS_REVIEW_NEED] = { "progress-review-need",
	    "record whether a progress review is needed" },
	[ACTION_AUDIT_CHECKPOINT] = { "audit-checkpoint", "sign a checkpoint of the audit log" },
	[ACTION_VIEW_TEAM] = { "view-team", "see the inspection's team" },
};

_Static_assert(sizeof(action_table) / sizeof(action_table[0]) == ACTION__MAX, "one row per action");

/* Short names for the table's columns, so each row reads across. */
#define L (1u << ROLE_LEAD)
#define D (1u << ROLE_DEPUTE)
#define I (1u << ROLE_INSPECTOR)
#define S (1u << ROLE_ASSOCIATE)
#define Y (1u << ROLE_YOUNG_INSPECTOR)
#define P (1u << ROLE_PANEL)
#define C (1u << ROLE_PARTNERSHIP_COORDINATOR)
#define R (1u << ROLE_LOCAL_READER)
#define A (1u << ROLE_ADMIN)

/* Who may do each action: a set of roles (bits by enum role). */
static const unsigned may[ACTION__MAX] = {
	[ACTION_VIEW_INSPECTION] = L | D | I | S | Y | P | C | R,
	[ACTION_CREATE_INSPECTION] = A,
	[ACTION_EDIT_INSPECTION] = L | D,
	[ACTION_MOVE_STAGE] = L | D,
	[ACTION_VIEW_EVALUATION] = L | D | I | S | Y | P,
	[ACTION_GRADE] = L | D | I,
	[ACTION_VIEW_EVIDENCE] = L | D | I | S | Y | P,
	[ACTION_ADD_EVIDENCE] = L | D | I | S | Y,
	[ACTION_UPDATE_EVIDENCE] = L | D | I,
	[ACTION_UPDATE_OWN_EVIDENCE] = L | D | I | S | Y,
	[ACTION_VIEW_AGGREGATES] = L | D | I | S | Y | P,
	[ACTION_VIEW_CHILD_RECORDS] = L | D | I | S,
	[ACTION_READ_ASSIGNED_RECORDS] = L | D | I | S | R,
	[ACTION_MANAGE_READERS] = L | D,
	[ACTION_IMPORT_POPULATION] = L | D | C,
	[ACTION_DRAW_SAMPLE] = L | D,
	[ACTION_UPLOAD_POSITION_STATEMENT] = L | D | C,
	[ACTION_IMPORT_SURVEY] = L | D | I,
	[ACTION_PANEL_REVIEW] = P,
	[ACTION_PANEL_SIGNOFF] = P,
	[ACTION_VIEW_DRAFT_REPORT] = L | D | I | S | P,
	[ACTION_FACTUAL_ACCURACY] = L | D | C,
	[ACTION_PUBLISH] = L,
	[ACTION_MANAGE_TEAM] = L | D | A,
	[ACTION_MANAGE_ACCOUNTS] = A,
	[ACTION_VIEW_AUDIT] = L | A,
	[ACTION_EXPORT] = L | D,
	[ACTION_MAINTAIN_ACTION_PLAN] = L | D | C,
	[ACTION_COMMENT_ACTION_PLAN] = L | D | I | C,
	[ACTION_AGREE_ACTION_PLAN] = L | D,
	[ACTION_REVIEW_PROGRESS] = L | D | I,
	[ACTION_MANAGE_REFERENCE] = A,
	[ACTION_VIEW_FIELDWORK] = L | D | I | S | Y | P | C,
	[ACTION_PLAN_FIELDWORK] = L | D | I,
	[ACTION_RECORD_FIELDWORK] = L | D | I | Y,
	[ACTION_VIEW_ACCURACY] = L | D | I | S | P | C,
	[ACTION_COMMENT_ACCURACY] = C,
	[ACTION_RESPOND_ACCURACY] = L | D,
	[ACTION_SET_EMBARGO] = L | D,
	[ACTION_VIEW_EMBARGOED] = L | D | I | S | Y | P,
	[ACTION_VIEW_PARTNERSHIP] = L | D | I | S | P | C,
	[ACTION_NOTIFY] = L | D,
	[ACTION_RETURN_PREINSPECTION] = L | D | C,
	[ACTION_TEST_CLAIM] = L | D | I,
	[ACTION_DECIDE_CONCERN] = L,
	[ACTION_FOLLOW_CONCERN] = L | D,
	[ACTION_PROGRESS_REVIEW_NEED] = P,
	[ACTION_AUDIT_CHECKPOINT] = A,
	[ACTION_VIEW_TEAM] = L | D | I | S | Y | P | C | R | A,
};
_Static_assert(sizeof(may) / sizeof(may[0]) == ACTION__MAX, "may: one entry per value");

/*
 * Whom each role may appoint to a team or remove from it (bits by enum
 * role): a lead or depute only by the lead or an administrator; the other
 * roles by either lead.
 */
static const unsigned appoint[ROLE__MAX] = {
	[ROLE_LEAD] = L | D | I | S | Y | P | C | R,
	[ROLE_DEPUTE] = I | S | Y | P | C | R,
	[ROLE_INSPECTOR] = 0,
	[ROLE_ASSOCIATE] = 0,
	[ROLE_YOUNG_INSPECTOR] = 0,
	[ROLE_PANEL] = 0,
	[ROLE_PARTNERSHIP_COORDINATOR] = 0,
	[ROLE_LOCAL_READER] = 0,
	[ROLE_ADMIN] = L | D | I | S | Y | P | C | R,
};
_Static_assert(sizeof(appoint) / sizeof(appoint[0]) == ROLE__MAX, "appoint: one entry per value");

#undef L
#undef D
#undef I
#undef S
#undef Y
#undef P
#undef C
#undef R
#undef A

bool
role_may(enum role r, enum action a)
{
	if ((unsigned)r >= ROLE__MAX || (unsigned)a >= ACTION__MAX)
		return false;
	return (may[a] >> (unsigned)r) & 1u;
}

bool
role_may_appoint(enum role by, enum role target)
{
	if ((unsigned)by >= ROLE__MAX || (unsigned)target >= ROLE__MAX)
		return false;
	return (appoint[by] >> (unsigned)target) & 1u;
}

bool
role_parse(const char *code, enum role *out)
{
	for (int r = 0; code != NULL && r < ROLE__MAX; r++) {
		if (strcmp(code, role_table[r].code) == 0) {
			*out = (enum role)r;
			return true;
		}
	}
	return false;
}

bool
action_parse(const char *code, enum action *out)
{
	for (int a = 0; code != NULL && a < ACTION__MAX; a++) {
		if (strcmp(code, action_table[a].code) == 0) {
			*out = (enum action)a;
			return true;
		}
	}
	return false;
}

void
role_team_codes(char *out, size_t outsz)
{
	size_t len = 0;

	if (outsz == 0)
		return;
	out[0] = '\0';
	for (int r = 0; r < ROLE__MAX; r++) {
		int w;

		if (!role_table[r].team)
			continue;
		w = snprintf(out + len, outsz - len, "%s%s", len ? ", " : "", role_table[r].code);
		if (w < 0 || (size_t)w >= outsz - len)
			break;
		len += (size_t)w;
	}
}
