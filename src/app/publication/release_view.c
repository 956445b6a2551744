/* The news release as a person may see it now: see release_view.h. */
#include "app/publication/release_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/authz.h"
#include "app/evaluation/dossier.h"
#include "app/publication/draft.h"
#include "app/publication/embargo.h"
#include "app/publication/lookup.h"
#include "core/mem.h"
#include "core/publication.h"
#include "render/release.h"

/* The frozen file name of the news release in a published version. */
#define RELEASE_FILE "release.txt"

const char *const release_state_code[RELEASE_STATE__MAX] = {
	[RELEASE_DRAFT] = "draft",
	[RELEASE_PUBLISHED] = "published",
};

/* Fills out with the published release of version pub when it holds one;
 * sets *found. */
static int
published(struct store *st, const struct actor *who, long id, const struct publication *pub,
    struct release_view *out, bool *found, struct cairn_err *err)
{
	struct publication_file *files = NULL;
	size_t n = 0;
	int rc;

	*found = false;
	if ((rc = app_publication_files(st, who, id, pub->id, true, &files, &n, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < n && !*found; i++) {
		if (strcmp(files[i].name, RELEASE_FILE) != 0)
			continue;
		*found = true;
		out->state = RELEASE_PUBLISHED;
		out->version = pub->version;
		memcpy(out->published_at, pub->at, sizeof(out->published_at));
		out->sha256 = xstrdup(files[i].sha256);
		out->text = xstrndup(files[i].data, files[i].len);
	}
	publication_files_free(files, n);
	return CAIRN_OK;
}

int
app_release_view(struct store *st, const struct actor *who, long id, struct release_view *out,
    struct cairn_err *err)
{
	struct publication *pubs = NULL;
	struct dossier d;
	struct release rel;
	struct cairn_err none = { 0 };
	size_t npubs = 0;
	bool found = false;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = app_publication_list(st, who, id, &pubs, &npubs, err)) != CAIRN_OK)
		return rc;
	if (npubs > 0)
		rc = published(st, who, id, &pubs[npubs - 1], out, &found, err);
	publications_free(pubs, npubs);
	if (rc != CAIRN_OK)
		return rc;
	if (found) {
		/* Nothing public before the embargo lifts. */
		if ((rc = app_embargo_check(st, who, id, err)) != CAIRN_OK) {
			free(out->text);
			out->text = NULL;
		}
		return rc;
	}
	out->state = RELEASE_DRAFT;
	if ((rc = app_draft_check(st, who, id, err)) != CAIRN_OK ||
	    (rc = app_dossier_load(st, id, &d, err)) != CAIRN_OK)
		return rc;
	/* Nothing graded yet is a draft without text, not a failure. */
	rc = release_build(&d, &rel, &none);
	if (rc == CAIRN_OK) {
		out->text = rel.text;
		rel.text = NULL;
		release_free(&rel);
	} else if (rc == CAIRN_EDATA) {
		rc = CAIRN_OK;
	} else if (err != NULL) {
		*err = none;
	}
	dossier_free(&d);
	return rc;
}

void
release_view_free(struct release_view *v)
{
	if (v == NULL)
		return;
	free(v->sha256);
	free(v->text);
	memset(v, 0, sizeof(*v));
}
