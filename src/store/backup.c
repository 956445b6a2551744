/* The evidence files a backup copies: see backup.h. */
#include "store/backup.h"

#include "store/store_internal.h"

static const char SQL_FILES[] = "SELECT sha256 FROM evidence_file ORDER BY sha256";

int
store_backup_files(struct store *st, char ***shas, size_t *n, struct cairn_err *err)
{
	return store_rows(st, store_stmt(st, SQL_FILES, err), &store_text_rows, shas, n, err,
	    "listing the evidence files");
}
