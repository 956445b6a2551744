/* The evidence files a backup copies: see backup.h. */
#include "store/backup.h"

#include <stdlib.h>

#include "core/mem.h"
#include "store/store_internal.h"

static const char SQL_FILES[] = "SELECT sha256 FROM evidence_file ORDER BY sha256";

int
store_backup_files(struct store *st, char ***shas, size_t *n, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FILES, err);
	char **v = NULL;
	size_t len = 0;
	int step;

	*shas = NULL;
	*n = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, len + 1, sizeof(*v));
		v[len++] = store_col_text(s, 0);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		for (size_t i = 0; i < len; i++)
			free(v[i]);
		free(v);
		return store_fail(st, err, "listing the evidence files");
	}
	*shas = v;
	*n = len;
	return CAIRN_OK;
}
