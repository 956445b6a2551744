/*
 * The partnership files of a model pack (notification.json, return.json,
 * position.json), read for an inspection's framework, and their due dates
 * on the inspection's timeline.
 */
#ifndef CAIRN_APP_PARTNERSHIP_PACKFILE_H
#define CAIRN_APP_PARTNERSHIP_PACKFILE_H

#include <stddef.h>

#include "core/err.h"

struct store;

/*
 * Reads pack file name ("notification.json") for framework: the imported
 * pack's copy, else the shipped pack's, else data/models/default/'s.
 * *text is malloc'd (NUL-terminated) and *len its length.
 */
int partnership_pack_text(struct store *st, const char *framework, const char *name, char **text,
    size_t *len, struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Reads pack file file ("position.json") for inspection id's framework, as
 * partnership_pack_text() does, and writes to name (namesz bytes) how
 * errors name it ("pack FRAMEWORK: FILE").  *text is malloc'd.
 */
int partnership_pack_file(struct store *st, long id, const char *file, char **text, size_t *len,
    char *name, size_t namesz, struct cairn_err *err) __attribute__((warn_unused_result));

/* Writes to due (YYYY-MM-DD) the first day of stage's week on inspection
 * id's timeline, or "" when there is no notification date or the plan has
 * no such stage or week. */
void partnership_due(struct store *st, long id, const char *stage, char due[static 11]);

/* Loads inspection id's framework code into out (outsz bytes). */
int partnership_framework(struct store *st, long id, char *out, size_t outsz, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Returns the standard length in weeks of framework's stage plan, or 0. */
long partnership_plan_weeks(struct store *st, const char *framework);

#endif
