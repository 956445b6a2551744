/* cairn embargo set|show|media-pack: the embargo, the media contact and
 * the media pack (app/publication/embargo.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/embargo.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/file.h"

static int
em_set(struct cli *c, int argc, char **argv)
{
	struct embargo_req req;
	struct embargo e;
	const char *pos[1];
	char line[64];
	long id;
	int rc;

	memset(&req, 0, sizeof(req));
	{
		const struct cli_opt opts[] = {
			{ "date", &req.date, NULL, "YYYY-MM-DD  the day it lifts (UK)" },
			{ "time", &req.time, NULL, "HH:MM  the time it lifts (UK; default 00:01)" },
			{ "media-contact", &req.media_contact, NULL,
			    "TEXT  the media contact the release names" },
			{ NULL, NULL, NULL, NULL },
		};

		if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
		         "ID --date YYYY-MM-DD [--time HH:MM] [--media-contact TEXT]",
		         "Set when the embargo on the report and news release lifts (UK time), "
		         "and\n"
		         "the media contact (the lead or depute).")) != 0 ||
		    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
		    (rc = app_embargo_set(c->st, cli_actor(c), id, &req, &c->err)) != 0 ||
		    (rc = app_embargo_get(c->st, cli_actor(c), id, &e, &c->err)) != 0)
			return rc;
	}
	embargo_line(&e, line, sizeof(line));
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:s}", "inspection", (json_int_t)id, "lifts",
		    e.lifts_local, "line", line));
	else
		printf("inspection %ld: %s\n", id, line);
	embargo_free(&e);
	return CAIRN_OK;
}

static int
em_show(struct cli *c, int argc, char **argv)
{
	struct embargo e;
	const char *pos[1];
	char line[64], utc[24];
	long id;
	int rc;
	bool lifted;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Show the embargo, whether it has lifted, and the media contact.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_embargo_get(c->st, cli_actor(c), id, &e, &c->err)) != 0)
		return rc;
	embargo_line(&e, line, sizeof(line));
	lifted = embargo_lifted(&e, clock_now());
	clock_iso(e.lifts_at, utc, sizeof(utc));
	if (c->json)
		cli_print_json(json_pack("{s:I, s:b, s:s?, s:s?, s:s?, s:b, s:s?}", "inspection",
		    (json_int_t)id, "set", e.set, "lifts", e.set ? e.lifts_local : NULL,
		    "lifts_utc", e.set ? utc : NULL, "line", e.set ? line : NULL, "lifted", lifted,
		    "media_contact", e.media_contact));
	else if (!e.set)
		printf("inspection %ld: no embargo is set\n", id);
	else
		printf("inspection %ld: %s (%s)\nmedia contact: %s\n", id, line,
		    lifted ? "lifted" : "not lifted yet",
		    e.media_contact != NULL ? e.media_contact : "none");
	embargo_free(&e);
	return CAIRN_OK;
}

static int
em_pack(struct cli *c, int argc, char **argv)
{
	struct media_pack m;
	const char *pos[1], *outpath = NULL;
	const struct cli_opt opts[] = {
		{ "output", &outpath, NULL, "FILE  write it to FILE (default: standard output)" },
		{ NULL, NULL, NULL, NULL },
	};
	char *text;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID [--output FILE]",
	         "Write the media pack: the news release, the quotes and the contacts.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_media_pack(c->st, cli_actor(c), id, &m, &c->err)) != 0)
		return rc;
	text = media_pack_text(&m);
	if (outpath != NULL)
		rc = file_write_atomic(outpath, text, strlen(text), &c->err);
	else
		fputs(text, stdout);
	free(text);
	media_pack_free(&m);
	return rc;
}

int
cmd_embargo(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "set", em_set, "set when the embargo lifts and the media contact" },
		{ "show", em_show, "show the embargo and whether it has lifted" },
		{ "media-pack", em_pack, "the release, the quotes and the contacts" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "embargo", table, argc, argv);
}
