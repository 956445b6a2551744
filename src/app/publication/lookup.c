/* Reads of publications for the front ends: see lookup.h. */
#include "app/publication/lookup.h"

#include <stdbool.h>

#include "app/access/authz.h"
#include "store/publication.h"

int
app_publication_list(struct store *st, const struct actor *who, long id, struct publication **out,
    size_t *n, struct cairn_err *err)
{
	int rc = authz_check(st, who, id, ACTION_VIEW_INSPECTION, NULL, err);

	if (rc != CAIRN_OK) {
		*out = NULL;
		*n = 0;
		return rc;
	}
	return store_publication_list(st, id, out, n, err);
}

int
app_publication_files(struct store *st, const struct actor *who, long id, long publication,
    bool contents, struct publication_file **out, size_t *n, struct cairn_err *err)
{
	struct publication *v = NULL;
	size_t nv = 0;
	bool ours = false;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = app_publication_list(st, who, id, &v, &nv, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < nv && !ours; i++)
		ours = v[i].id == publication;
	publications_free(v, nv);
	if (!ours)
		return cairn_errf(err, CAIRN_EDATA, "inspection %ld has no published version %ld",
		    id, publication);
	return store_publication_files(st, publication, contents, out, n, err);
}
