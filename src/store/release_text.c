/* The news release's stored text: see release_text.h. */
#include "store/release_text.h"

#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_RELEASE_TEXT_GET[] =
    "SELECT quote, quote_by, report_url FROM release_text WHERE inspection_id = ?1";
static const char SQL_RELEASE_TEXT_PUT[] =
    "INSERT INTO release_text (inspection_id, quote, quote_by, report_url, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (inspection_id) DO UPDATE SET quote = ?2, "
    "quote_by = ?3, report_url = ?4, updated_at = ?5";

int
store_release_text_get(struct store *st, long insp, char **quote, char **quote_by,
    char **report_url, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RELEASE_TEXT_GET, err);
	int rc;

	*quote = *quote_by = *report_url = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	rc = store_step_one(st, s, err, "the news release's text");
	if (rc == STORE_NONE)
		return CAIRN_OK;
	if (rc != STORE_ROW)
		return rc;
	*quote = store_col_text(s, 0);
	*quote_by = store_col_text(s, 1);
	*report_url = store_col_text(s, 2);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_release_text_put(struct store *st, long insp, const char *quote, const char *quote_by,
    const char *report_url, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_RELEASE_TEXT_PUT, err);
	char now[21];

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, insp);
	store_bind_text(s, 2, quote, 1);
	store_bind_text(s, 3, quote_by, 1);
	store_bind_text(s, 4, report_url, 1);
	store_bind_text(s, 5, now, 0);
	return store_step_done(st, s, err, "storing the news release's text");
}
