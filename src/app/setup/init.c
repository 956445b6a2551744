/* Set-up and the demo: see init.h. */
#include "app/setup/init.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/setup/framework.h"
#include "app/setup/model.h"
#include "app/setup/inspection.h"
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
		.methods =
		    "Read a sample of 104 children's records, each local reader paired with an "
		    "inspector; Met 126 children, young people, parents and carers; Surveyed 612 "
		    "staff "
		    "across the partner agencies; Held focus groups with young inspection "
		    "volunteers; "
		    "Reviewed policies, plans and performance data",
		.context =
		    "Glenmoor is a fictional community planning partnership invented for this "
		    "demonstration. No real child, family or service is described.\n\nAbout 21,000 "
		    "children and young people live in the area.",
	};
	struct actor who = actor_system("demo", "cli");
	int rc;

	if ((rc = app_inspection_create(st, &who, &req, id, err)) != CAIRN_OK)
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
