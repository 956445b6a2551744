/* cairn release check FILE --inspection ID. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "app/evaluation/dossier.h"
#include "app/publication/release_check.h"
#include "cli/cli.h"

/* Largest release text read, in bytes. */
#define RELEASE_FILE_MAX ((size_t)1 << 20)

int
cmd_release_check(struct cli *c, int argc, char **argv)
{
	const char *inspection = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "inspection", &inspection, NULL,
		    "ID  the inspection whose grades it summarises" },
		{ NULL, NULL, NULL, NULL },
	};
	struct release_check r;
	struct dossier d;
	char *text = NULL;
	size_t len = 0;
	long id;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(&d, 0, sizeof(d));
	c->prog = "cairn release check";
	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "FILE --inspection ID",
	         "Check that a news release's account of the grades agrees with the grades\n"
	         "stored for the inspection: \"across N quality indicators\", the count at each\n"
	         "level (\"three good\", \"4 were very good\") and indicators named with a grade.\n"
	         "Exits 0 when they agree and 65 listing each disagreement when not.")) != 0)
		return rc;
	if (inspection == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--inspection ID is required");
	if ((rc = cli_id(c, inspection, &id)) != 0 || (rc = cli_open(c)) != 0)
		return rc;
	if ((rc = file_read_all(pos[0], RELEASE_FILE_MAX, &text, &len, &c->err)) != CAIRN_OK)
		return rc;
	if ((rc = app_release_check(c->st, cli_actor(c), id, text, len, &d, &r, &c->err)) ==
	    CAIRN_OK) {
		if (c->json) {
			cli_print_json(release_check_json(&d, &r));
		} else if (r.nissues == 0) {
			printf("%s agrees with the grades of inspection %ld\n", pos[0], id);
		} else {
			for (size_t i = 0; i < r.nissues; i++)
				printf("%s: %s\n", pos[0], r.issues[i]);
		}
		if (r.nissues > 0)
			rc = cairn_errf(&c->err, CAIRN_EDATA,
			    "%s disagrees with the grades of inspection "
			    "%ld in %zu place%s",
			    pos[0], id, r.nissues, r.nissues == 1 ? "" : "s");
	}
	release_check_free(&r);
	dossier_free(&d);
	free(text);
	return rc;
}
