/*
 * Surveys in the database: the survey with its scale, statements and
 * attributes; respondents with their answers; comments and their tags.
 * Writes run inside the caller's transaction.  Every function returns an
 * enum cairn_rc and fills in err on failure.
 */
#ifndef CAIRN_STORE_SURVEY_H
#define CAIRN_STORE_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/survey.h"

struct store;

/* Stores a new survey with its scale, statements and attributes; sets
 * s->id.  The caller has checked that the name is free. */
int store_survey_insert(struct store *st, struct survey *s, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Sets the number invited (0 to forget it). */
int store_survey_set_invited(struct store *st, long survey, long invited, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Returns the id of the survey called name in the inspection, or 0. */
long store_survey_find(struct store *st, long inspection, const char *name);
/* Loads survey id completely, with its respondent and comment counts
 * (caller frees with survey_free). */
int store_survey_load(struct store *st, long id, struct survey *s, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists the surveys of an inspection by name, loaded completely. */
int store_survey_list(struct store *st, long inspection, struct survey **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Writes the inspection's survey names, comma-separated, into out. */
void store_survey_names(struct store *st, long inspection, char *out, size_t outsz);

/* Adds attribute name at position (after the existing ones). */
int store_survey_attribute_add(struct store *st, long survey, long position, const char *name,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Adds a statement without indicators at position. */
int store_survey_statement_add(struct store *st, long survey, long position, const char *code,
    const char *text, struct cairn_err *err) __attribute__((warn_unused_result));

/* Deletes every respondent (answers, comments and tags with them). */
int store_survey_clear(struct store *st, long survey, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Returns true if a respondent with this id is stored for the survey. */
bool store_survey_respondent_exists(struct store *st, long survey, const char *ext_id);
/*
 * Stores one respondent: attrs[i] is the value of attribute i (NULL or ""
 * when not stated), levels[i] the level index answered to statement i (-1
 * when blank).  Sets *respondent to its row id.
 */
int store_survey_respondent_add(struct store *st, long survey, const char *ext_id,
    char *const *attrs, size_t nattrs, const int *levels, size_t nlevels, long *respondent,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Stores a comment of a respondent, numbered after the survey's last. */
int store_survey_comment_add(struct store *st, long survey, long respondent, const char *question,
    const char *text, struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Groups of respondents by attribute position attr (-1 for one group of
 * everyone), ordered by value; a respondent without a value is in the
 * group "".  Fills malloc'd arrays *names (free with strv_free) and
 * *respondents.
 */
int store_survey_groups(struct store *st, long survey, int attr, char ***names, long **respondents,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));
/*
 * Calls fn for each (statement, level, group) with its count of answers,
 * grouping by attribute position attr as store_survey_groups does; group
 * is borrowed for the call.
 */
int store_survey_tally(struct store *st, long survey, int attr,
    void (*fn)(int statement, int level, const char *group, long count, void *arg), void *arg,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Links comment number to evidence (a row id of the evidence log). */
int store_survey_comment_link(struct store *st, long survey, long number, long evidence_id,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists a survey's comments by number (free with survey_comments_free). */
int store_survey_comment_list(struct store *st, long survey, struct survey_comment **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Sets the tags of comment number: kind (a finding_kind code, or NULL
 * for none) and indicators, replacing the old ones.  CAIRN_EDATA if the
 * survey has no such comment. */
int store_survey_comment_tag(struct store *st, long survey, long number, const char *kind,
    char *const *qis, size_t nqis, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
