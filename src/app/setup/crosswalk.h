/*
 * Crosswalks between model packs (data/models/crosswalks/FROM--TO.json): for each
 * indicator of one programme, its successor in the next, with the
 * relation.  A file reads
 *
 *   { "from": PACK, "to": PACK, "note": text, "sources": [text, ...],
 *     "links": [ { "from": [QI...], "to": [QI...], "relation": R,
 *                  "note": text (optional) } ] }
 *
 * where R is "same" (one indicator to one), "split" (one to several),
 * "merged" (several to one) or "none" (no successor: "to" is empty).
 * Every indicator the earlier programme evaluates has exactly one link, so
 * "no successor" is said, never assumed.  Every error names the file and
 * the field ("FILE: field links[2].to[0]: ...").
 *
 * Two programmes are compared along the shortest chain of crosswalks
 * between them, in either direction (read backwards, "split" is "merged"
 * and the other way round); the relations compose: "none" anywhere is
 * none, all "same" is same, otherwise split when the indicator ends as
 * several, else merged.
 */
#ifndef CAIRN_APP_CROSSWALK_H
#define CAIRN_APP_CROSSWALK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/model.h"

struct store;

enum crosswalk_rel {
	CROSSWALK_SAME = 0,
	CROSSWALK_SPLIT,
	CROSSWALK_MERGED,
	CROSSWALK_NONE,
	CROSSWALK_REL__MAX
};

/* "same", "split", "merged", "none". */
extern const char *const crosswalk_rel_name[CROSSWALK_REL__MAX];

struct crosswalk_link {
	char **from; /* indicator codes in the earlier pack */
	size_t nfrom;
	char **to; /* in the later pack; none for CROSSWALK_NONE */
	size_t nto;
	enum crosswalk_rel rel;
	char *note; /* may be NULL */
};

struct crosswalk {
	char *name; /* the file it came from, for messages */
	char *from; /* pack codes */
	char *to;
	struct crosswalk_link *links;
	size_t nlinks;
};

struct crosswalk_set {
	struct crosswalk *v;
	size_t n;
};

/* What an indicator of one programme is in another. */
struct crosswalk_match {
	enum crosswalk_rel rel;
	char **codes; /* the counterparts in the target programme */
	size_t ncodes;
	char *broke;  /* for CROSSWALK_NONE: the pack where the chain ends (malloc'd) */
	bool forward; /* the target programme is later */
};

/*
 * Parses and checks crosswalk text (name names it in errors) against the
 * frameworks of its two packs (fw_from and fw_to, whose codes must be the
 * file's "from" and "to").  Fills *out (free with crosswalk_free).
 */
int crosswalk_parse(const char *text, size_t len, const char *name, const struct framework *fw_from,
    const struct framework *fw_to, struct crosswalk *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Reads only the "from" and "to" pack codes of crosswalk text (malloc'd). */
int crosswalk_packs(const char *text, size_t len, const char *name, char **from, char **to,
    struct cairn_err *err) __attribute__((warn_unused_result));

void crosswalk_free(struct crosswalk *c);
void crosswalk_set_free(struct crosswalk_set *s);
void crosswalk_match_free(struct crosswalk_match *m);

/*
 * Loads and checks every shipped crosswalk against the frameworks stored
 * in st.  A shipped file that does not check is CAIRN_ESOFTWARE naming the
 * file and field.
 */
int app_crosswalk_load(struct store *st, struct crosswalk_set *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Reads and checks the crosswalk file at path against the frameworks
 * stored in st; fills *out unless NULL. */
int app_crosswalk_validate_file(struct store *st, const char *path, struct crosswalk *out,
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Checks crosswalk text (len bytes; name, the file's name, prefixes every
 * error) against the frameworks stored in st, as app_crosswalk_validate_file
 * does after reading the file: the one check every front end reaches.
 * CAIRN_EDATA naming the line and column (JSON syntax) or the field, with
 * err->field "file".  Stores nothing.  Fills *out unless NULL.
 */
int app_crosswalk_check_text(struct store *st, const char *name, const char *text, size_t len,
    struct crosswalk *out, struct cairn_err *err) __attribute__((warn_unused_result));
/*
 * What indicator qi of pack from is in pack to.  Returns false when no
 * chain of crosswalks joins the two packs (m untouched), true and fills *m
 * (free with crosswalk_match_free) otherwise.
 */
bool crosswalk_resolve(const struct crosswalk_set *s, const char *from, const char *qi,
    const char *to, struct crosswalk_match *m);

#endif
