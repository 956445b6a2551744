/* Set-up and the demo: see init.h. */
#include "app/setup/init.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/fieldwork/activity.h"
#include "app/setup/framework.h"
#include "app/setup/model.h"
#include "app/setup/inspection.h"
#include "app/setup/team.h"
#include "core/mem.h"
#include "store/store.h"

int
app_init(const char *path, struct store **out, struct cairn_err *err)
{
	char *copy = xstrdup(path);
	const char *dir = dirname(copy);
	struct stat sb;
	int rc;

	*out = NULL;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		rc = cairn_errf(err, CAIRN_ECANTCREAT,
		    "cannot create database %s: directory %s does not exist", path, dir);
		free(copy);
		return rc;
	}
	free(copy);
	if ((rc = store_open(path, STORE_CREATE, out, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_framework_load_builtin(*out, err)) != CAIRN_OK ||
	    (rc = app_model_load_builtin(*out, err)) != CAIRN_OK) {
		store_close(*out);
		*out = NULL;
	}
	return rc;
}

/* The demo's grades: a made-up profile across the nine 2014 indicators. */
static const struct {
	const char *qi;
	const char *grade;
	const char *rationale;
} demo_grades[] = {
	{ "1.1", "good", "Most indicators of wellbeing improved over three years." },
	{ "2.1", "very good", "Children and young people told us staff listened to them." },
	{ "3.1", "good", "Families valued early support from health visitors." },
	{ "5.1", "good", "Early help was available across the area." },
	{ "5.2", "adequate", "Chronologies were of variable quality." },
	{ "5.3", "adequate", "Plans were not always reviewed on time." },
	{ "6.2", "good",
	    "Joint planning improved after the review of the children's services plan." },
	{ "6.3", "very good", "Young people shaped the corporate parenting plan." },
	{ "9.4", "weak", "Leaders had not yet agreed a shared approach to improvement." },
};

static const struct {
	const char *kind;
	const char *text;
	const char *qis;
} demo_findings[] = {
	{ "strength", "Staff built trusting relationships with children and young people.", "2.1" },
	{ "strength", "Young people were meaningfully involved in planning services.", "6.3" },
	{ "improvement", "Improve the quality and consistency of chronologies.", "5.2" },
	{ "improvement", "Make sure every child's plan is reviewed on time.", "5.3" },
	{ "improvement", "Strengthen collective leadership of improvement and change.", "9.4" },
};

/* The demo's team and fieldwork plan: activities planned as a team would
 * (one cancelled); scripts/demo_data.py records their notes as the
 * fieldwork happens, so the methods paragraph counts what was done.
 * Every name is invented. */
static const struct {
	const char *person, *role, *agency;
} demo_team[] = {
	{ "Eilidh Lead", "lead", "Care Inspectorate" },
	{ "Rory Inspector", "inspector", "Education Scotland" },
	{ "Skye Young", "young-inspector", "Care Inspectorate" },
};

static const struct {
	const char *kind, *date, *place, *lead, *agencies;
	const char *people[PEOPLE__MAX]; /* staff, leaders, children, young people, parents */
	const char *cancelled;           /* the reason it was cancelled, or NULL */
} demo_activities[] = {
	{ "focus-group", "2026-03-03", "Glenmoor Academy", "Rory Inspector", "Education, Health",
	    { "9", "0", "0", "0", "0" }, NULL },
	{ "partnership-discussion", "2026-03-04", "Council offices", "Eilidh Lead",
	    "Social work, Health, Police, Education", { "6", "5", "0", "0", "0" }, NULL },
	{ "young-inspectors", "2026-03-05", "Glenmoor youth hub", "Skye Young", "Youth work",
	    { "2", "0", "4", "11", "0" }, NULL },
	{ "interview", "2026-03-10", "Family centre", "Rory Inspector", "Social work",
	    { "0", "0", "0", "0", "3" }, NULL },
	{ "case-discussion", "2026-03-11", "Health centre", "Eilidh Lead", "Health, Social work",
	    { "7", "0", "0", "0", "0" }, NULL },
	{ "observation", "2026-03-12", "Children's hearing centre", "Rory Inspector", "Social work",
	    { "0", "0", "0", "0", "0" }, "The hearing was rescheduled." },
};

/* Adds the demo's team and its fieldwork plan to inspection id. */
static int
demo_fieldwork(struct store *st, const struct actor *who, long id, struct cairn_err *err)
{
	int rc;

	for (size_t i = 0; i < sizeof(demo_team) / sizeof(demo_team[0]); i++)
		if ((rc = app_team_add(st, who, id, demo_team[i].person, demo_team[i].role,
		         demo_team[i].agency, err)) != CAIRN_OK)
			return rc;
	for (size_t i = 0; i < sizeof(demo_activities) / sizeof(demo_activities[0]); i++) {
		struct activity_req req = { .kind = demo_activities[i].kind,
			.date = demo_activities[i].date,
			.place = demo_activities[i].place,
			.lead = demo_activities[i].lead,
			.agencies = demo_activities[i].agencies };
		long number;

		for (int p = 0; p < PEOPLE__MAX; p++)
			req.people[p] = demo_activities[i].people[p];
		if ((rc = app_activity_add(st, who, id, &req, &number, err)) != CAIRN_OK ||
		    (demo_activities[i].cancelled != NULL &&
		        (rc = app_activity_cancel(st, who, id, number, demo_activities[i].cancelled,
		             err)) != CAIRN_OK))
			return rc;
	}
	return CAIRN_OK;
}

int
app_demo_build(struct store *st, long *id, struct cairn_err *err)
{
	struct inspection_new req = {
		.partnership = "Glenmoor",
		.framework = "cyp-2014",
		.title = "Joint inspection of services for children and young people in Glenmoor "
		         "(fictional demonstration)",
		.notified = "2026-01-12",
		.fieldwork = "2026-03-02..2026-04-24",
		.published = "2026-08-18",
		.agencies =
		    "Care Inspectorate, Education Scotland, Healthcare Improvement Scotland, "
		    "HM Inspectorate of Constabulary in Scotland",
		/* The counts of the methods come from the recorded fieldwork and
		 * readings (scripts/demo_data.py records them); this is extra. */
		.methods = "Reviewed policies, plans and performance data",
		.context =
		    "Glenmoor is a fictional community planning partnership invented for this "
		    "demonstration. No real child, family or service is described.\n\nAbout 21,000 "
		    "children and young people live in the area.",
	};
	struct actor who = actor_system("demo", "cli");
	int rc;

	if ((rc = app_inspection_create(st, &who, &req, id, err)) != CAIRN_OK ||
	    (rc = demo_fieldwork(st, &who, *id, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < sizeof(demo_grades) / sizeof(demo_grades[0]); i++)
		if ((rc = app_grade(st, &who, *id, demo_grades[i].qi, demo_grades[i].grade,
		         demo_grades[i].rationale, NULL, NULL, err)) != CAIRN_OK)
			return rc;
	for (size_t i = 0; i < sizeof(demo_findings) / sizeof(demo_findings[0]); i++)
		if ((rc = app_finding_add(st, &who, *id, demo_findings[i].kind,
		         demo_findings[i].text, demo_findings[i].qis, NULL, err)) != CAIRN_OK)
			return rc;
	return app_confidence_set(st, &who, *id, "confident",
	    "Inspectors are confident that the partnership has the capacity to make the "
	    "improvements needed.",
	    err);
}
