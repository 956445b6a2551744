/*
 * The consistency check of a news release: does the text's account of the
 * grades ("across nine quality indicators, three good, four adequate and
 * two weak"; "Participation ... was evaluated as excellent") agree with the
 * grades stored for the inspection?  Releases have been published that do
 * not (the Inverclyde 2017 council release counted eight indicators for
 * nine), so every imported or generated release can be checked.
 *
 * What the text is read for, sentence by sentence (a sentence ends at '.',
 * '!', '?' or a blank line; sentences naming the "scale" are skipped, so a
 * legend such as "6 Excellent, 5 Very good" is not read as counts):
 *   - the number of indicators: "<N> quality indicator(s)", N in digits or
 *     words;
 *   - a count per level: a number before a level label, with only linking
 *     words between ("three good", "4 were very good", "two as weak",
 *     "all nine were good", "both were good");
 *   - named indicators: a sentence with exactly one level label that names
 *     indicators by title or by "(code)" claims that grade for each; when
 *     the text gives counts, a level given no number counts the indicators
 *     named at it.
 */
#ifndef CAIRN_APP_RELEASE_CHECK_H
#define CAIRN_APP_RELEASE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/err.h"
#include "core/model.h"

/* What the text says about one indicator. */
struct release_claim {
	char *qi;  /* indicator code */
	int grade; /* level value claimed */
};

/* The result of a check.  Owned; free with release_check_free(). */
struct release_check {
	long total;                   /* indicators the text counts, -1 if it does not say */
	size_t nlevels;               /* levels of the scale, highest first */
	long *counts;                 /* counts[i]: the text's count at level i, -1 if none */
	long *stored;                 /* stored[i]: grades stored at level i */
	long stored_total;            /* grades stored */
	struct release_claim *claims; /* named indicators */
	size_t nclaims;
	char **issues; /* each disagreement, one sentence */
	size_t nissues;
};

/* Reads text (len bytes) and compares it with the dossier's grades.
 * Returns CAIRN_OK whether or not they agree (see r->nissues). */
int release_check_text(const struct dossier *d, const char *text, size_t len,
    struct release_check *r, struct cairn_err *err) __attribute__((warn_unused_result));
void release_check_free(struct release_check *r);
struct store;
struct actor;
/*
 * The check as every front end makes it: whether who may see the
 * evaluations of inspection id (CAIRN_EPERM otherwise), the text not empty
 * (CAIRN_EUSAGE at field "text"), then the inspection's grades loaded into
 * *d and compared with text into *r.  The caller frees *d (dossier_free)
 * and *r (release_check_free) whatever the answer.
 */
int app_release_check(struct store *st, const struct actor *who, long id, const char *text,
    size_t len, struct dossier *d, struct release_check *r, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Returns the check as JSON (caller owns the reference). */
json_t *release_check_json(const struct dossier *d, const struct release_check *r);

#endif
