/* The database for the front ends: see db.h. */
#include "app/access/db.h"

#include "store/account.h"
#include "store/store.h"

int
app_db_open(const char *path, enum store_mode mode, struct store **out, struct cairn_err *err)
{
	return store_open(path, mode, out, err);
}

void
app_db_close(struct store *st)
{
	store_close(st);
}

int
app_db_version(struct store *st)
{
	return store_schema_version(st);
}

int
app_db_backup(struct store *st, const char *path, struct cairn_err *err)
{
	return store_backup(st, path, err);
}

int
app_db_session_purge(struct store *st, long long created_before, long long idle_before,
    struct cairn_err *err)
{
	return store_session_purge(st, created_before, idle_before, err);
}

int
app_db_generation(struct store *st, struct store_gen *g, struct cairn_err *err)
{
	return store_generation(st, g, err);
}

bool
app_db_gen_equal(const struct store_gen *a, const struct store_gen *b)
{
	return store_gen_equal(a, b);
}

int
app_db_read_begin(struct store *st, struct cairn_err *err)
{
	return store_read_begin(st, err);
}

void
app_db_read_end(struct store *st)
{
	store_read_end(st);
}

bool
app_db_in_transaction(struct store *st)
{
	return store_in_transaction(st);
}
