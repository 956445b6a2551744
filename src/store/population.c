/* The population (sampling frame) of an inspection: see records.h. */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/model.h"
#include "store/records.h"
#include "store/store.h"
#include "store/store_internal.h"

static const char SQL_DEL_MEMBERS[] = "DELETE FROM population_block WHERE inspection_id = ?1";
static const char SQL_DEL_CELLS[] = "DELETE FROM population_cell WHERE inspection_id = ?1";
static const char SQL_DEL_CODES[] = "DELETE FROM population_code WHERE inspection_id = ?1";
static const char SQL_DEL_CODES_COL[] =
    "DELETE FROM population_code WHERE inspection_id = ?1 AND col = ?2";
static const char SQL_DEL_COLUMNS[] = "DELETE FROM population_column WHERE inspection_id = ?1";
static const char SQL_DEL_HEAD[] = "DELETE FROM population WHERE inspection_id = ?1";
static const char SQL_PUT_HEAD[] =
    "INSERT INTO population (inspection_id, source, nrows, checksum, imported_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_ADD_COLUMN[] =
    "INSERT INTO population_column (inspection_id, position, name) VALUES (?1, ?2, ?3)";
static const char SQL_ADD_BLOCK[] =
    "INSERT INTO population_block (inspection_id, position, first_row, nrows, body) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_GET_HEAD[] =
    "SELECT source, nrows, checksum, imported_at FROM population WHERE inspection_id = ?1";
static const char SQL_GET_COLUMNS[] =
    "SELECT name FROM population_column WHERE inspection_id = ?1 ORDER BY position";
static const char SQL_EACH_BLOCK[] =
    "SELECT first_row, body FROM population_block WHERE inspection_id = ?1 ORDER BY position";
static const char SQL_EACH_BLOCK_RAW[] =
    "SELECT position, first_row, nrows, body FROM population_block WHERE inspection_id = ?1 "
    "ORDER BY position";
static const char SQL_GET_BLOCK[] =
    "SELECT first_row, body FROM population_block WHERE inspection_id = ?1 AND position = ?2";
static const char SQL_ADD_CELL[] =
    "INSERT INTO population_cell (inspection_id, col, cell, attrs, nrows, before) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_EACH_CELL[] =
    "SELECT cell, attrs, nrows, before FROM population_cell WHERE inspection_id = ?1 "
    "AND col = ?2 ORDER BY cell";
static const char SQL_ADD_CODES[] =
    "INSERT INTO population_code (inspection_id, col, block, width, codes) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
#define SQL_EACH_CODES_TEXT                                                                        \
	"SELECT block, width, codes FROM population_code WHERE inspection_id = ?1 AND col = ?2 "   \
	"ORDER BY block"
/* One copy of the text per column read side by side: the statement cache
 * is keyed by the text's address, and each column's statement steps at
 * the same time as the others'. */
static const char SQL_EACH_CODES_SIDE[STORE_CODES_SIDE_MAX][sizeof(SQL_EACH_CODES_TEXT)] = {
	SQL_EACH_CODES_TEXT,
	SQL_EACH_CODES_TEXT,
	SQL_EACH_CODES_TEXT,
	SQL_EACH_CODES_TEXT,
	SQL_EACH_CODES_TEXT,
	SQL_EACH_CODES_TEXT,
	SQL_EACH_CODES_TEXT,
	SQL_EACH_CODES_TEXT,
};
static const char SQL_GET_CODES[] =
    "SELECT width, codes FROM population_code WHERE inspection_id = ?1 AND col = ?2 "
    "AND block = ?3";

/* Runs a prepared statement that takes the inspection id only. */
static int
exec_insp(struct store *st, sqlite3_stmt *s, long insp, struct cairn_err *err)
{
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "clearing a population");
}

int
store_population_clear(struct store *st, long insp, struct cairn_err *err)
{
	if (exec_insp(st, store_stmt(st, SQL_DEL_MEMBERS, err), insp, err) != CAIRN_OK ||
	    exec_insp(st, store_stmt(st, SQL_DEL_CELLS, err), insp, err) != CAIRN_OK ||
	    exec_insp(st, store_stmt(st, SQL_DEL_CODES, err), insp, err) != CAIRN_OK ||
	    exec_insp(st, store_stmt(st, SQL_DEL_COLUMNS, err), insp, err) != CAIRN_OK ||
	    exec_insp(st, store_stmt(st, SQL_DEL_HEAD, err), insp, err) != CAIRN_OK)
		return CAIRN_ESOFTWARE;
	return CAIRN_OK;
}

int
store_population_put(struct store *st, long insp, const char *source, long nrows,
    const char *checksum, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PUT_HEAD, err);
	char now[21];
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	store_now(now);
	sqlite3_bind_int64(s, 1, insp);
	store_bind_text(s, 2, source, 0);
	sqlite3_bind_int64(s, 3, nrows);
	store_bind_text(s, 4, checksum, 0);
	store_bind_text(s, 5, now, 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "storing a population");
}

int
store_population_column_add(struct store *st, long insp, long position, const char *name,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ADD_COLUMN, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, position);
	store_bind_text(s, 3, name, 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "storing a population column");
}

int
store_population_block_add(struct store *st, long insp, long position, long first_row, long nrows,
    const char *body, size_t len, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ADD_BLOCK, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, position);
	sqlite3_bind_int64(s, 3, first_row);
	sqlite3_bind_int64(s, 4, nrows);
	/* SQLITE_STATIC: the body outlives the step; nothing is copied. */
	sqlite3_bind_text(s, 5, body, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? CAIRN_OK
	                         : store_fail(st, err, "storing children of the population");
}

int
store_population_info(struct store *st, long insp, struct population_info *out,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET_HEAD, err);
	size_t cap = 0;
	int rc;
	int step;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	if ((rc = store_step_one(st, s, err, "a population")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld has no population; import the "
		    "population return first",
		    insp);
	}
	out->source = store_col_text(s, 0);
	out->nrows = (long)sqlite3_column_int64(s, 1);
	out->checksum = store_col_text(s, 2);
	store_col_copy(s, 3, out->imported_at, sizeof(out->imported_at));
	sqlite3_reset(s);
	if ((s = store_stmt(st, SQL_GET_COLUMNS, err)) == NULL) {
		population_info_free(out);
		return CAIRN_ESOFTWARE;
	}
	sqlite3_bind_int64(s, 1, insp);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->ncolumns == cap) {
			cap = cap ? cap * 2 : 8;
			out->columns = xreallocarray(out->columns, cap, sizeof(char *));
		}
		out->columns[out->ncolumns++] = store_col_text(s, 0);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? CAIRN_OK
	                           : store_fail(st, err, "reading the population's columns");
}

int
store_population_each(struct store *st, long insp,
    int (*fn)(void *arg, long position, const char *ref, const char *attrs), void *arg,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EACH_BLOCK, err);
	int rc = SQLITE_DONE, r = CAIRN_OK;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	while (r == CAIRN_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		long pos = (long)sqlite3_column_int64(s, 0);
		char *body = store_col_text(s, 1), *line = body;

		while (line != NULL && *line != '\0') {
			char *nl = strchr(line, '\n'), *tab;

			if (nl != NULL)
				*nl = '\0';
			if ((tab = strchr(line, '\t')) == NULL) {
				r = cairn_errf(err, CAIRN_ESOFTWARE,
				    "stored population row %ld is damaged", pos);
				break;
			}
			*tab = '\0';
			if ((r = fn(arg, pos++, line, tab + 1)) != 0)
				break;
			line = nl != NULL ? nl + 1 : NULL;
		}
		free(body);
	}
	sqlite3_reset(s);
	if (r == CAIRN_OK && rc != SQLITE_DONE)
		return store_fail(st, err, "reading a population");
	return r;
}

int
store_population_blocks_each(struct store *st, long insp,
    int (*fn)(void *arg, long position, long first_row, long nrows, const char *body, size_t len),
    void *arg, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EACH_BLOCK_RAW, err);
	int rc = SQLITE_DONE, r = CAIRN_OK;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	while (r == CAIRN_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *body = (const char *)sqlite3_column_text(s, 3);
		size_t len = (size_t)sqlite3_column_bytes(s, 3);

		r = fn(arg, (long)sqlite3_column_int64(s, 0), (long)sqlite3_column_int64(s, 1),
		    (long)sqlite3_column_int64(s, 2), body != NULL ? body : "", len);
	}
	sqlite3_reset(s);
	if (r == CAIRN_OK && rc != SQLITE_DONE)
		return store_fail(st, err, "reading a population");
	return r;
}

int
store_population_block_get(struct store *st, long insp, long position, long *first_row, char **body,
    struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET_BLOCK, err);
	int rc;

	*body = NULL;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, position);
	if ((rc = store_step_one(st, s, err, "a block of the population")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_ESOFTWARE,
		    "block %ld of the stored population is missing; check the population",
		    position);
	}
	*first_row = (long)sqlite3_column_int64(s, 0);
	*body = store_col_text(s, 1);
	sqlite3_reset(s);
	return CAIRN_OK;
}

int
store_population_cell_add(struct store *st, long insp, long col, long cell, const char *attrs,
    long nrows, const void *before, size_t len, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ADD_CELL, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, col);
	sqlite3_bind_int64(s, 3, cell);
	store_bind_text(s, 4, attrs, 0);
	sqlite3_bind_int64(s, 5, nrows);
	sqlite3_bind_blob(s, 6, len > 0 ? before : "", (int)len, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? CAIRN_OK
	                         : store_fail(st, err, "storing the population's stratum index");
}

int
store_population_cells_each(struct store *st, long insp, long col,
    int (*fn)(void *arg, long cell, const char *attrs, long nrows, const void *before, size_t len),
    void *arg, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_EACH_CELL, err);
	int rc = SQLITE_DONE, r = CAIRN_OK;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, col);
	while (r == CAIRN_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *attrs = (const char *)sqlite3_column_text(s, 1);
		const void *before = sqlite3_column_blob(s, 3);

		r = fn(arg, (long)sqlite3_column_int64(s, 0), attrs != NULL ? attrs : "",
		    (long)sqlite3_column_int64(s, 2), before, (size_t)sqlite3_column_bytes(s, 3));
	}
	sqlite3_reset(s);
	if (r == CAIRN_OK && rc != SQLITE_DONE)
		return store_fail(st, err, "reading the population's stratum index");
	return r;
}

int
store_population_cells_clear(struct store *st, long insp, struct cairn_err *err)
{
	return exec_insp(st, store_stmt(st, SQL_DEL_CELLS, err), insp, err);
}

int
store_population_codes_clear(struct store *st, long insp, long col, struct cairn_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (col < 0)
		return exec_insp(st, store_stmt(st, SQL_DEL_CODES, err), insp, err);
	if ((s = store_stmt(st, SQL_DEL_CODES_COL, err)) == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, col);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? CAIRN_OK : store_fail(st, err, "clearing a population");
}

int
store_population_codes_add(struct store *st, long insp, long col, long block, int width,
    const void *codes, size_t len, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_ADD_CODES, err);
	int rc;

	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, col);
	sqlite3_bind_int64(s, 3, block);
	sqlite3_bind_int(s, 4, width);
	/* SQLITE_STATIC: the codes outlive the step; nothing is copied. */
	sqlite3_bind_blob(s, 5, len > 0 ? codes : "", (int)len, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? CAIRN_OK
	                         : store_fail(st, err, "storing the population's value codes");
}

int
store_population_codes_side(struct store *st, long insp, const long *cols, size_t ncols,
    int (*fn)(void *arg, const long *blocks, const int *widths, const void *const *codes,
        const size_t *lens),
    void *arg, struct cairn_err *err)
{
	sqlite3_stmt *s[STORE_CODES_SIDE_MAX];
	long blocks[STORE_CODES_SIDE_MAX];
	int widths[STORE_CODES_SIDE_MAX];
	const void *codes[STORE_CODES_SIDE_MAX];
	size_t lens[STORE_CODES_SIDE_MAX];
	int r = CAIRN_OK;

	if (ncols > STORE_CODES_SIDE_MAX)
		return cairn_errf(err, CAIRN_ESOFTWARE, "at most %d columns' codes side by side",
		    STORE_CODES_SIDE_MAX);
	for (size_t k = 0; k < ncols; k++) {
		if ((s[k] = store_stmt(st, SQL_EACH_CODES_SIDE[k], err)) == NULL) {
			for (size_t i = 0; i < k; i++)
				sqlite3_reset(s[i]);
			return CAIRN_ESOFTWARE;
		}
		sqlite3_bind_int64(s[k], 1, insp);
		sqlite3_bind_int64(s[k], 2, cols[k]);
	}
	while (r == CAIRN_OK) {
		size_t live = 0;

		for (size_t k = 0; k < ncols; k++) {
			int rc = s[k] != NULL ? sqlite3_step(s[k]) : SQLITE_DONE;

			blocks[k] = 0;
			widths[k] = 0;
			codes[k] = "";
			lens[k] = 0;
			if (rc == SQLITE_ROW) {
				const void *c = sqlite3_column_blob(s[k], 2);

				blocks[k] = (long)sqlite3_column_int64(s[k], 0);
				widths[k] = sqlite3_column_int(s[k], 1);
				codes[k] = c != NULL ? c : "";
				lens[k] = (size_t)sqlite3_column_bytes(s[k], 2);
				live++;
			} else if (rc == SQLITE_DONE) {
				if (s[k] != NULL)
					sqlite3_reset(s[k]);
				s[k] = NULL; /* ended: not stepped again */
			} else {
				r = store_fail(st, err, "reading the population's value codes");
				break;
			}
		}
		if (r != CAIRN_OK || live == 0)
			break;
		r = fn(arg, blocks, widths, codes, lens);
	}
	for (size_t k = 0; k < ncols; k++)
		if (s[k] != NULL)
			sqlite3_reset(s[k]);
	return r;
}

int
store_population_codes_get(struct store *st, long insp, long col, long block, int *width,
    unsigned char **codes, size_t *len, struct cairn_err *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET_CODES, err);
	const void *c;
	int rc;

	*codes = NULL;
	*len = 0;
	*width = 0;
	if (s == NULL)
		return CAIRN_ESOFTWARE;
	sqlite3_bind_int64(s, 1, insp);
	sqlite3_bind_int64(s, 2, col);
	sqlite3_bind_int64(s, 3, block);
	if ((rc = store_step_one(st, s, err, "the population's value codes")) != STORE_ROW) {
		if (rc != STORE_NONE)
			return rc;
		return cairn_errf(err, CAIRN_ESOFTWARE,
		    "the value codes of block %ld of the population are missing; check the "
		    "population",
		    block);
	}
	*width = sqlite3_column_int(s, 0);
	c = sqlite3_column_blob(s, 1);
	*len = (size_t)sqlite3_column_bytes(s, 1);
	*codes = xmalloc(*len + 1);
	if (*len > 0)
		memcpy(*codes, c, *len);
	sqlite3_reset(s);
	return CAIRN_OK;
}
