/* cairn publish, cairn publication. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/embargo.h"
#include "app/publication/publish.h"
#include "app/access/role.h"
#include "app/publication/lookup.h"
#include "cli/cli.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/publication.h"

/* Returns a JSON array of the files of a result. */
static json_t *
files_json(const struct publish_result *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->nfiles; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:I}", "name", r->files[i].name, "sha256",
		        r->files[i].sha256, "bytes", (json_int_t)r->files[i].size));
	return a;
}

/* Returns the failure lines as a JSON array. */
static json_t *
lines_json(const char *text)
{
	json_t *a = json_array();

	while (text != NULL && *text) {
		const char *end = strchr(text, '\n');
		size_t n = end != NULL ? (size_t)(end - text) : strlen(text);

		json_array_append_new(a, json_stringn(text, n));
		text = end != NULL ? end + 1 : text + n;
	}
	return a;
}

/* Prints the failures (text: one per line on stderr, after the error). */
static void
print_failures(struct cli *c, long id, const struct buf *failures)
{
	if (c->json) {
		cli_print_json(json_pack("{s:I, s:b, s:o}", "id", (json_int_t)id, "published", 0,
		    "failures", lines_json(buf_str(failures))));
		return;
	}
	printf("Inspection %ld cannot be published yet:\n", id);
	for (const char *p = buf_str(failures); *p;) {
		const char *end = strchr(p, '\n');
		int n = end != NULL ? (int)(end - p) : (int)strlen(p);

		printf("  - %.*s\n", n, p);
		p = end != NULL ? end + 1 : p + n;
	}
}

int
cmd_publish(struct cli *c, int argc, char **argv)
{
	const char *outdir = NULL, *reason = NULL, *pos[1];
	bool supersede = false, check = false;
	const struct cli_opt opts[] = {
		{ "out", &outdir, NULL,
		    "DIR  also write the published files and SHA256SUMS into DIR" },
		{ "supersede", NULL, &supersede, "publish a new version of a published report" },
		{ "reason", &reason, NULL,
		    "TEXT  why the new version supersedes the last (required)" },
		{ "check", NULL, &check, "only run the checks and list what fails" },
		{ NULL, NULL, NULL, NULL },
	};
	struct publish_result res;
	struct buf failures = BUF_INIT;
	size_t nfail = 0;
	long id;
	int rc;

	memset(&res, 0, sizeof(res));
	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID [--out DIR] [--supersede --reason TEXT] [--check]",
	         "Publish the report: run every check, refuse with the list of failures, or else\n"
	         "freeze the version: the public report (PDF, HTML, XLSX, CSV, JSON), the young\n"
	         "people's version (PDF, HTML) and the news release, each with its SHA-256, and\n"
	         "the time.  A published report is never changed, only superseded by a new "
	         "version\n"
	         "with a reason.")) != 0)
		return rc;
	if (supersede != (reason != NULL))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    supersede ? "--supersede needs --reason TEXT "
		                "saying why"
		              : "--reason is only for --supersede");
	if ((rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, check ? ACTION_VIEW_DRAFT_REPORT : ACTION_PUBLISH)) != 0)
		return rc;
	if (check) {
		if ((rc = publish_check(c->st, id, &failures, &nfail, &c->err)) != CAIRN_OK)
			goto out;
		if (nfail > 0) {
			print_failures(c, id, &failures);
			rc = cairn_errf(&c->err, CAIRN_EDATA, "%zu check%s failed", nfail,
			    nfail == 1 ? "" : "s");
		} else if (c->json) {
			cli_print_json(json_pack("{s:I, s:b, s:[]}", "id", (json_int_t)id, "ready",
			    1, "failures"));
		} else {
			printf("inspection %ld: every check passed; ready to publish\n", id);
		}
		goto out;
	}
	rc = publish_freeze(c->st, cli_actor(c), id, reason, outdir, &res, &failures, &c->err);
	if (rc != CAIRN_OK) {
		if (failures.len > 0)
			print_failures(c, id, &failures);
		goto out;
	}
	if (c->json) {
		cli_print_json(json_pack("{s:I, s:b, s:I, s:s, s:I, s:s?, s:o, s:s?, s:s?}", "id",
		    (json_int_t)id, "published", 1, "version", (json_int_t)res.version, "at",
		    res.at, "supersedes", (json_int_t)res.supersedes, "reason", reason, "files",
		    files_json(&res), "checkpoint", res.checkpoint[0] ? res.checkpoint : NULL,
		    "checkpoint_error", res.checkpoint_error[0] ? res.checkpoint_error : NULL));
	} else {
		printf("inspection %ld: published version %ld at %s", id, res.version, res.at);
		if (res.supersedes > 0)
			printf(" (supersedes version %ld)", res.supersedes);
		putchar('\n');
		for (size_t i = 0; i < res.nfiles; i++)
			printf("  %s  %s (%zu bytes)\n", res.files[i].sha256, res.files[i].name,
			    res.files[i].size);
		if (res.checkpoint[0] != '\0')
			printf("audit checkpoint (keep it off the server):\n%s\n", res.checkpoint);
	}
	if (res.checkpoint_error[0] != '\0')
		fprintf(stderr,
		    "cairn publish: warning: published, but no audit checkpoint was signed: %s\n",
		    res.checkpoint_error);
out:
	publish_result_free(&res);
	buf_free(&failures);
	return rc;
}

static int
publication_list(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	struct publication *v = NULL;
	size_t n = 0;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "List the published versions of an inspection's report.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_INSPECTION)) != 0 ||
	    (rc = app_publication_list(c->st, cli_actor(c), id, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		static const char *const by[] = { "by" };
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a,
			    json_pack("{s:I, s:s, s:s, s:b, s:s?}", "version",
			        (json_int_t)v[i].version, "at", v[i].at, "by", v[i].actor,
			        "current", i + 1 == n, "reason", v[i].reason));
		/* "by_name" beside "by", as the API's published versions. */
		cli_name_people_json(c, id, ACTION_VIEW_INSPECTION, a, by, 1);
		cli_print_json(a);
	} else if (n == 0) {
		printf("inspection %ld has not been published\n", id);
	} else {
		const char **by = xcalloc(n, sizeof(*by));
		struct account *people = NULL;
		size_t npeople = 0;
		char who[300];

		for (size_t i = 0; i < n; i++)
			by[i] = v[i].actor;
		cli_people_named(c, id, ACTION_VIEW_INSPECTION, by, n, &people, &npeople);
		for (size_t i = 0; i < n; i++)
			printf("version %ld  %s  by %s%s%s%s\n", v[i].version, v[i].at,
			    account_named(people, npeople, v[i].actor, who, sizeof(who)),
			    i + 1 == n ? "  (current)" : "  (superseded)",
			    v[i].reason ? "  reason: " : "", v[i].reason ? v[i].reason : "");
		accounts_free(people, npeople);
		free(by);
	}
	publications_free(v, n);
	return CAIRN_OK;
}

static int
publication_get(struct cli *c, int argc, char **argv)
{
	const char *version = NULL, *outdir = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "version", &version, NULL, "N  which version (default: the current one)" },
		{ "out", &outdir, NULL, "DIR  directory to write the files into (required)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct publish_result res;
	long id, v = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID --out DIR [--version N]",
	         "Write the files of a published version, exactly as frozen (each checked\n"
	         "against its SHA-256), with a SHA256SUMS manifest.")) != 0)
		return rc;
	if (outdir == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--out DIR is required");
	if (version != NULL && !text_parse_long(version, 1, 1000000, &v))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "version '%s' is not valid; valid: 1, 2, ...", version);
	if ((rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_INSPECTION)) != 0 ||
	    (rc = app_embargo_check(c->st, cli_actor(c), id, &c->err)) != 0 ||
	    (rc = publish_extract(c->st, id, v, outdir, &res, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s, s:s, s:o}", "id", (json_int_t)id,
		    "version", (json_int_t)res.version, "at", res.at, "out", outdir, "files",
		    files_json(&res)));
	else
		printf("inspection %ld: version %ld (%s): %zu files written to %s\n", id,
		    res.version, res.at, res.nfiles, outdir);
	publish_result_free(&res);
	return CAIRN_OK;
}

static int
publication_set(struct cli *c, int argc, char **argv)
{
	const char *insp = NULL, *org = NULL, *logo = NULL, *threshold = NULL, *pos[1];
	const char *published = NULL, *area = NULL;
	const struct cli_opt opts[] = {
		{ "inspection", &insp, NULL,
		    "ID  set for one inspection (default: every inspection)" },
		{ "organisation", &org, NULL, "NAME  the inspectorate's name on every output" },
		{ "logo", &logo, NULL,
		    "FILE  a PNG or JPEG logo for the PDF cover (at most 1 MB)" },
		{ "threshold", &threshold, NULL, "N  disclosure threshold (2-100, default 5)" },
		{ "published", &published, NULL,
		    "DATE  the publication date (YYYY-MM-DD; one inspection only)" },
		{ "area", &area, NULL,
		    "CODE|NAME  the council area the partnership matches (one inspection only; "
		    "\"\" matches by the partnership's name)" },
		{ NULL, NULL, NULL, NULL },
	};
	long id = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 0,
	         "[--inspection ID] [--organisation NAME] [--logo FILE] [--threshold N]\n"
	         "       [--published DATE] [--area CODE|NAME]",
	         "Set what the published outputs show: the inspectorate's name and logo, the\n"
	         "disclosure threshold (counts below it read \"fewer than N\"), and for one\n"
	         "inspection its publication date and the council area it matches (the same\n"
	         "settings as the report settings page).")) != 0)
		return rc;
	if (org == NULL && logo == NULL && threshold == NULL && published == NULL && area == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "nothing to set; give --organisation, --logo, --threshold, --published or "
		    "--area");
	if (insp != NULL && (rc = cli_id(c, insp, &id)) != 0)
		return rc;
	if (id == 0 && (published != NULL || area != NULL))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--published and --area are set for one inspection; give --inspection ID");
	if ((rc = cli_open(c)) != 0 ||
	    (id > 0 && (rc = cli_authorise(c, id, ACTION_EDIT_INSPECTION)) != 0) ||
	    (id == 0 && (rc = cli_authorise(c, 0, ACTION_MANAGE_ACCOUNTS)) != 0))
		return rc;
	if (id > 0) {
		/* One inspection: the report settings page's own call. */
		struct publish_settings_req req = { .published = published,
			.organisation = org,
			.area = area };
		char *data = NULL;
		size_t len = 0;

		if (logo != NULL &&
		    (rc = file_read_all(logo, (size_t)PUBLISH_LOGO_MAX + 1, &data, &len,
		         &c->err)) != CAIRN_OK)
			return rc;
		req.logo = data;
		req.logo_len = len;
		if (data == NULL && logo != NULL)
			req.logo = "";
		rc = app_publish_settings_set(c->st, cli_actor(c), id, &req, &c->err);
		free(data);
		if (rc != CAIRN_OK)
			return rc;
	}
	if ((id == 0 && org != NULL &&
	        (rc = publish_setting_set(c->st, cli_actor(c), id, "organisation", org, &c->err)) !=
	            0) ||
	    (id == 0 && logo != NULL &&
	        (rc = publish_setting_set(c->st, cli_actor(c), id, "logo", logo, &c->err)) != 0) ||
	    (threshold != NULL &&
	        (rc = publish_setting_set(c->st, cli_actor(c), id, "threshold", threshold,
	             &c->err)) != 0))
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?}", "inspection",
		    (json_int_t)id, "organisation", org, "logo", logo, "threshold", threshold,
		    "published", published, "area", area));
	else
		printf("publication settings saved for %s\n",
		    id > 0 ? "the inspection" : "every inspection");
	return CAIRN_OK;
}

int
cmd_publication(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "list", publication_list, "list the published versions of a report" },
		{ "get", publication_get, "write the files of a published version" },
		{ "set", publication_set,
		    "set the inspectorate's name, logo and disclosure threshold" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "publication", table, argc, argv);
}
