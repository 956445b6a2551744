/*
 * Records reading in the database: the population (sampling frame), the
 * sample, readers and pairs, templates, readings, resolutions, concerns.
 * The SQL lives in population.c, sample.c and reading.c; the rules in
 * app/records/population.c, app/records/sample.c and app/records/reading.c.  Writes run inside
 * the caller's transaction.  Every function returns an enum cairn_rc.
 */
#ifndef CAIRN_STORE_RECORDS_H
#define CAIRN_STORE_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/records.h"

struct store;

/* ---- population ---- */

/* Deletes the population of an inspection (rows, columns, headline). */
int store_population_clear(struct store *st, long insp, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores the headline of an inspection's population. */
int store_population_put(struct store *st, long insp, const char *source, long nrows,
    const char *checksum, struct cairn_err *err) __attribute__((warn_unused_result));
/* Stores attribute column name at position (from 1). */
int store_population_column_add(struct store *st, long insp, long position, const char *name,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Stores a block of children: body is len bytes of lines "REF\tATTRS\n";
 * first_row is the position of its first child (from 1). */
int store_population_block_add(struct store *st, long insp, long position, long first_row,
    long nrows, const char *body, size_t len, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads the headline into *out; CAIRN_EDATA if the inspection has none. */
int store_population_info(struct store *st, long insp, struct population_info *out,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Calls fn for every child in file order (strings borrowed for the call)
 * until it returns non-zero, which is returned. */
int store_population_each(struct store *st, long insp,
    int (*fn)(void *arg, long position, const char *ref, const char *attrs), void *arg,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Calls fn for every stored block in order (body borrowed for the call:
 * len bytes of lines "REF\tATTRS\n") until it returns non-zero, which is
 * returned. */
int store_population_blocks_each(struct store *st, long insp,
    int (*fn)(void *arg, long position, long first_row, long nrows, const char *body, size_t len),
    void *arg, struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads block position (from 1) into *first_row and *body (owned); a
 * missing block is CAIRN_ESOFTWARE (the stored population is damaged). */
int store_population_block_get(struct store *st, long insp, long position, long *first_row,
    char **body, struct cairn_err *err) __attribute__((warn_unused_result));
/* Deletes the stratum index of a population. */
int store_population_cells_clear(struct store *st, long insp, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores one cell of the stratum index (data/sql/010_population_cell.sql):
 * col 0 a whole row (attrs its JSON array), col N the N-th column's value
 * (attrs its JSON string); before len bytes. */
int store_population_cell_add(struct store *st, long insp, long col, long cell, const char *attrs,
    long nrows, const void *before, size_t len, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Calls fn for every cell of column col of the stratum index in order
 * (borrowed for the call) until it returns non-zero, which is returned;
 * none if the population has no such index. */
int store_population_cells_each(struct store *st, long insp, long col,
    int (*fn)(void *arg, long cell, const char *attrs, long nrows, const void *before, size_t len),
    void *arg, struct cairn_err *err) __attribute__((warn_unused_result));
/* Deletes the value codes (data/sql/024_population_code.sql) of column col
 * of a population (col < 0: of every column). */
int store_population_codes_clear(struct store *st, long insp, long col, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores the value codes of column col (from 1) for block (from 1): len
 * bytes, width (1 or 2) bytes a child, borrowed for the call. */
int store_population_codes_add(struct store *st, long insp, long col, long block, int width,
    const void *codes, size_t len, struct cairn_err *err) __attribute__((warn_unused_result));
/* Most columns whose codes store_population_codes_side reads side by side. */
#define STORE_CODES_SIDE_MAX 8
/* Calls fn once per block, in block order, with the codes of the ncols
 * (at most STORE_CODES_SIDE_MAX) columns cols (from 1) of that block side
 * by side: blocks[k], widths[k], codes[k] and lens[k] are column cols[k]'s
 * (borrowed for the call; blocks[k] 0 and lens[k] 0 once that column has
 * no more blocks), until every column has ended or fn returns non-zero,
 * which is returned.  Memory: one block of each column at a time. */
int store_population_codes_side(struct store *st, long insp, const long *cols, size_t ncols,
    int (*fn)(void *arg, const long *blocks, const int *widths, const void *const *codes,
        const size_t *lens),
    void *arg, struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the codes of column col (from 1) for block (from 1) into *width
 * and *codes (owned, *len bytes); missing codes are CAIRN_ESOFTWARE. */
int store_population_codes_get(struct store *st, long insp, long col, long block, int *width,
    unsigned char **codes, size_t *len, struct cairn_err *err) __attribute__((warn_unused_result));

/* ---- sample ---- */

/* Returns true (CAIRN_OK) in *exists if the inspection has a sample. */
int store_sample_exists(struct store *st, long insp, bool *exists, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores a sample's settings (the strata and members separately). */
int store_sample_put(struct store *st, long insp, const struct sample_info *s,
    struct cairn_err *err) __attribute__((warn_unused_result));
int store_sample_stratum_add(struct store *st, long insp, const struct sample_stratum *s,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Adds a member; sets m->id. */
int store_sample_member_add(struct store *st, long insp, struct sample_member *m,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the settings; CAIRN_EDATA if no sample has been drawn. */
int store_sample_info(struct store *st, long insp, struct sample_info *out, struct cairn_err *err)
    __attribute__((warn_unused_result));
int store_sample_strata(struct store *st, long insp, struct sample_stratum **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads every member (selected, reserve, replaced) by stratum and draw order. */
int store_sample_members(struct store *st, long insp, struct sample_member **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Marks member id replaced by member by_id with a reason, and by_id selected
 * (taking over the double_read mark). */
int store_sample_replace(struct store *st, long id, long by_id, bool double_read,
    const char *reason, struct cairn_err *err) __attribute__((warn_unused_result));

/* ---- reading templates ---- */

/* Stores a user template's JSON; CAIRN_EDATA if the code is taken. */
int store_template_put(struct store *st, const char *code, const char *framework, const char *body,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads a stored template's JSON into *body (malloc'd) or sets it NULL. */
int store_template_get(struct store *st, const char *code, char **body, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists stored template codes (malloc'd array of malloc'd strings). */
int store_template_codes(struct store *st, char ***codes, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Sets or reads (*code malloc'd or NULL) the template an inspection uses. */
int store_inspection_template_set(struct store *st, long insp, const char *code,
    struct cairn_err *err) __attribute__((warn_unused_result));
int store_inspection_template_get(struct store *st, long insp, char **code, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* ---- readers, pairs, assignments ---- */

int store_reader_add(struct store *st, long insp, const char *name, enum reader_kind kind,
    const char *agency, long *id, struct cairn_err *err) __attribute__((warn_unused_result));
/* Marks a reader removed and, when to_id > 0, puts reader to_id in its
 * place in every pair (inside the caller's transaction). */
int store_reader_remove(struct store *st, long reader_id, long to_id, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists readers in the order they were added. */
int store_reader_list(struct store *st, long insp, struct reader **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

int store_pair_add(struct store *st, long insp, long position, long inspector_id, long local_id,
    long *id, struct cairn_err *err) __attribute__((warn_unused_result));
int store_pair_list(struct store *st, long insp, struct reader_pair **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

int store_assignment_list(struct store *st, long insp, struct assignment **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Sets the pair of (member, round), replacing any earlier one. */
int store_assignment_set(struct store *st, long member_id, int round, long pair_id,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Records a reassignment (from_pair 0 when there was none). */
int store_assignment_change_add(struct store *st, long member_id, int round, long from_pair,
    long to_pair, const char *reason, const char *actor, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Moves every assignment of member from to member to (a replacement). */
int store_assignment_move(struct store *st, long from, long to, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* ---- readings ---- */

/* Finds the reading of member by reader; *found false if there is none. */
int store_reading_find(struct store *st, long member_id, long reader_id, struct reading *out,
    bool *found, struct cairn_err *err) __attribute__((warn_unused_result));
int store_reading_add(struct store *st, long member_id, long reader_id, long *id,
    struct cairn_err *err) __attribute__((warn_unused_result));
int store_reading_set_agencies(struct store *st, long id, const char *agencies,
    struct cairn_err *err) __attribute__((warn_unused_result));
int store_reading_submit(struct store *st, long id, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Reads one answer into *answer (malloc'd) or NULL when unanswered. */
int store_answer_get(struct store *st, long reading_id, const char *item, const char *agency,
    char **answer, struct cairn_err *err) __attribute__((warn_unused_result));
int store_answer_put(struct store *st, long reading_id, const char *item, const char *agency,
    const char *answer, const char *note, struct cairn_err *err)
    __attribute__((warn_unused_result));
int store_answer_change_add(struct store *st, long reading_id, const char *item, const char *agency,
    const char *old_answer, const char *new_answer, const char *reason, const char *actor,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Every reading and every answer of an inspection, by reading id. */
int store_reading_list(struct store *st, long insp, struct reading **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
int store_answer_list(struct store *st, long insp, struct reading_answer **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Number of answer changes of an inspection's readings (for history). */
int store_answer_change_count(struct store *st, long reading_id, long *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Lists the changes of a reading in the order they were made. */
int store_answer_change_list(struct store *st, long reading_id, struct answer_change **out,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

int store_resolution_put(struct store *st, long member_id, const char *item, const char *agency,
    const char *answer, const char *note, const char *actor, struct cairn_err *err)
    __attribute__((warn_unused_result));
int store_resolution_list(struct store *st, long insp, struct resolution **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* ---- matters of concern: store/concern.h ---- */

#endif
