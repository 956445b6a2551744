/*
 * Response scales as data: the scales a survey can use are JSON files in
 * data/scales/ compiled into the binary.  The shape (unknown keys refused):
 *   { "code": "agree5", "name": "...",
 *     "levels": [ { "label": "Strongly agree", "positive": true (optional),
 *                   "dont_know": true (optional), "aliases": ["..."] (optional) },
 *                 ... ] }
 * Levels are listed in the order shown to respondents.  At least one
 * level is positive, at least one is neither positive nor "don't know",
 * at most one is "don't know", and no label or alias is repeated
 * (ignoring case).
 */
#ifndef CAIRN_APP_RSCALE_H
#define CAIRN_APP_RSCALE_H

#include <stddef.h>

#include "core/err.h"
#include "core/survey.h"

/* Parses a scale from JSON text of length len; name (a file name)
 * prefixes every error.  On success *s is filled (free with
 * survey_scale_free). */
int rscale_from_json(const char *text, size_t len, const char *name, struct survey_scale *s,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads the shipped scale with this code; CAIRN_EDATA naming the valid
 * codes when there is none. */
int rscale_load(const char *code, struct survey_scale *s, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Writes the shipped scale codes, comma-separated, into out. */
void rscale_codes(char *out, size_t outsz);

#endif
