/*
 * Surveys of an inspection: making them (kind, response scale, statements
 * mapped to indicators), importing responses, summarising them and tagging
 * free-text comments.  The rules live here; cli/ and web/ only translate.
 */
#ifndef CAIRN_APP_SURVEY_H
#define CAIRN_APP_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "app/records/population.h"
#include "stats/survey_summary.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/survey.h"

struct store;

/*
 * Sets *threshold to the disclosure threshold of inspection id, as
 * disclose_threshold_load (app/publication/disclose.h) reads it: its
 * publication setting 'threshold', or DISCLOSE_THRESHOLD_DEFAULT (5) when
 * it sets none.  A group with fewer respondents than the threshold is
 * never shown as a number, and a share resting on fewer answers is not
 * shown.
 */
int survey_threshold(struct store *st, long id, long *threshold, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* What a new survey needs; strings are borrowed. */
struct survey_new {
	const char *name;       /* required: unique within the inspection, e.g. "staff" */
	const char *kind;       /* required: staff, cyp or parents */
	const char *scale;      /* required: a shipped scale code, e.g. "agree5" */
	const char *items;      /* optional: path of a JSON file of statements and attributes */
	const char *invited;    /* optional: number invited, a positive whole number */
	const char *items_name; /* optional: how errors name the items file (an upload's
	                           name); NULL: its path */
};

/*
 * Parses an items file: { "statements": [ { "code": "S1", "text": "...",
 * "qis": ["2.1", ...] (optional) }, ... ], "attributes": ["agency", ...]
 * (optional) } into sv's statements and attributes.  name prefixes errors.
 */
int survey_items_from_json(const char *text, size_t len, const char *name, struct survey *sv,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Creates a survey of inspection id; sets *survey_id. */
int app_survey_create(struct store *st, const struct actor *who, long id,
    const struct survey_new *req, long *survey_id, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Sets the number invited (text, a positive whole number). */
int app_survey_set_invited(struct store *st, const struct actor *who, long id, const char *name,
    const char *invited, struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads the survey called name of inspection id (free with survey_free);
 * CAIRN_EDATA naming the inspection's surveys when there is none. */
int app_survey_load(struct store *st, long id, const char *name, struct survey *sv,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Lists the surveys of inspection id (free with surveys_free). */
int app_survey_list(struct store *st, long id, struct survey **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* How to read a responses file; strings borrowed. */
struct survey_import_opts {
	const char *id_column;         /* respondent id header; NULL tries "id", "response id",
	                                  "respondent id", "respondent" */
	const char *attribute_columns; /* comma-separated headers; NULL: the survey's attributes */
	const char *comment_columns;   /* comma-separated headers of free-text columns, or NULL */
	bool replace;                  /* delete the responses imported before (and their tags) */
	const char *allow; /* comma-separated headers allowed although they (or their values)
	                      look like personal identifiers, or NULL (as for the population) */
};

/* What an import did, or every problem that stopped it. */
struct survey_import_result {
	long respondents;    /* respondents stored */
	long answers;        /* answers stored (blank answers are not) */
	long comments;       /* comments stored */
	long new_statements; /* statements made from the header (survey had none) */
	long new_attributes; /* attributes set by this import (survey had none) */
	char **ignored;      /* headers of columns not used; owned */
	size_t nignored;
	struct csv_errors errors; /* the problems found: total 0 unless the import failed */
	struct population_idcol idcols[POPULATION_IDCOLS_MAX]; /* identifier-like columns
	                                                          (header or values), allowed
	                                                          or refused, as for the
	                                                          population */
	size_t nidcols;                                        /* entries used in idcols */
};

/*
 * Imports the responses in the CSV file at path (one row per respondent,
 * a header row) into the survey called name of inspection id.  Statement
 * columns are found by statement code or text (case ignored); a survey
 * made without --items takes every column that is not the id, an attribute
 * or a comment as a statement.  Answers are matched to the scale's labels
 * and aliases ignoring case; a blank answer is no answer.  Any error (an
 * unknown answer, a duplicate respondent id, a ragged row, bad UTF-8...)
 * imports nothing: CAIRN_EDATA with every error in result->errors (the
 * first CSV_ERRORS_KEPT with line and column) and err saying how many.
 * Free result with survey_import_result_free.
 */
int app_survey_import(struct store *st, const struct actor *who, long id, const char *name,
    const char *path, const struct survey_import_opts *opts, struct survey_import_result *result,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Releases the contents of an import result. */
void survey_import_result_free(struct survey_import_result *r);

/* A survey with its summary, overall or by one attribute. */
struct survey_report {
	struct survey sv;          /* the survey */
	int by;                    /* attribute index broken down by, or -1 */
	char **groups;             /* group names in order; "" for "not stated" */
	size_t ngroups;            /* 0 when not broken down */
	struct survey_summary sum; /* the numbers (see survey_summary.h) */
};

/* Summarises the survey called name; by is an attribute name or NULL.
 * Free with survey_report_free. */
int app_survey_summary(struct store *st, long id, const char *name, const char *by,
    struct survey_report *out, struct cairn_err *err) __attribute__((warn_unused_result));
/* Releases the contents of a report; a no-op on a zeroed struct. */
void survey_report_free(struct survey_report *r);

/* Lists the comments of a survey; records the viewing in the audit log
 * (comments are internal and may come from children). */
int app_survey_comments(struct store *st, const struct actor *who, long id, const char *name,
    struct survey_comment **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

/*
 * Tags comment number (text) of a survey: kind is "strength",
 * "improvement" or NULL to leave it; qis a comma-separated list of
 * indicator codes of the inspection's framework, or NULL to leave them.
 * At least one must be given.  A comment tagged as a strength or an area
 * for improvement becomes an item of the evidence log (app/evaluation/evidence.h),
 * from the survey's source (staff, children and young people, or parent
 * and carer survey), in the same transaction; tagging it again updates
 * that item (its indicators, and its status where the evidence log's
 * rules allow the change).  Sets *evidence to the item's number (0 if
 * none) when evidence is not NULL.
 */
int app_survey_comment_tag(struct store *st, const struct actor *who, long id, const char *name,
    const char *number, const char *qis, const char *kind, long *evidence, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
