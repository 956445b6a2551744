/*
 * Readers of children's records and who reads what.  Readers are
 * inspectors and the partnership's local readers.  The first
 * "cairn reader assign" pairs every local reader with an inspector
 * (pairs = max(inspectors, local readers); pair p joins the p-th inspector
 * and the p-th local reader, cycling through the shorter list) and spreads
 * the selected records over the pairs, each to the pair with the fewest
 * records so far; a double-read record's second reading goes to a
 * different pair (one sharing no reader with the first where possible).
 * Later runs assign only what is unassigned (replacements).  A
 * reassignment needs a reason and is kept.
 */
#ifndef CAIRN_APP_READER_H
#define CAIRN_APP_READER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "core/err.h"
#include "store/records.h"

struct store;

/* Adds a reader; kind is "inspector" or "local"; agency may be NULL. */
int app_reader_add(struct store *st, const struct actor *who, long insp, const char *name,
    const char *kind, const char *agency, long *id, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Everything about who reads what, for listings. */
struct reading_plan {
	struct reader *readers; /* in the order added */
	size_t nreaders;
	struct reader_pair *pairs; /* by position */
	size_t npairs;
	struct assignment *assigns; /* by stratum, draw order and round */
	size_t nassigns;
	long added; /* assignments made by the last app_reader_assign */
};
void reading_plan_free(struct reading_plan *p);
/* Returns the reader with this id in p, or NULL. */
const struct reader *reading_plan_reader(const struct reading_plan *p, long id);
/* Returns the pair with this id in p, or NULL. */
const struct reader_pair *reading_plan_pair(const struct reading_plan *p, long id);

/* Returns the reader called name in p, or NULL. */
const struct reader *reading_plan_reader_named(const struct reading_plan *p, const char *name);
/* Returns true if reader_id is in a pair that reads member_id in any
 * round (the records a reader may open). */
bool reading_plan_assigned(const struct reading_plan *p, long member_id, long reader_id);

/* Loads readers, pairs and assignments. */
int app_reader_plan(struct store *st, long insp, struct reading_plan *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Makes the pairs (first time) and assigns every unassigned reading. */
int app_reader_assign(struct store *st, const struct actor *who, long insp,
    struct reading_plan *out, struct cairn_err *err) __attribute__((warn_unused_result));

/* Moves the reading of ref in round (1 or 2) to pair number pair. */
int app_reader_reassign(struct store *st, const struct actor *who, long insp, const char *ref,
    int round, long pair, const char *reason, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* The records assigned to reader_id (through its pairs, either round)
 * that it has not submitted a reading of, given every reading v[0..n). */
long reading_plan_outstanding(const struct reading_plan *p, const struct reading *v, size_t n,
    long reader_id);

/* What removing a reader did. */
struct reader_remove_result {
	long outstanding; /* records not yet read, handed to the other reader */
	long submitted;   /* submitted readings kept, still attributed to them */
};
/*
 * Removes the reader called name from the inspection's reader list (needs
 * ACTION_MANAGE_READERS).  Their submitted readings stay, attributed to
 * them; the records assigned to them that they have not submitted go with
 * their place in every pair to the reader called to, who must be another
 * reader of the same kind (inspector or local) on the list.  Refused with
 * field "to" (CAIRN_CODE_REQUIRED) when records would be left unread and
 * no reader is chosen.  One transaction with its audit entry.
 */
int app_reader_remove(struct store *st, const struct actor *who, long insp, const char *name,
    const char *to, struct reader_remove_result *res, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Returns the plan as JSON, the same for `reader list --json` and the API
 * (caller owns): {"readers": [{name, kind, agency, removed}], "pairs":
 * [{pair, inspector, local, records}], "assignments": [{ref, round, pair}]
 * (refs from s, which may be NULL: "" then), "added"}.  with_assignments
 * false leaves the assignments out (no record's ref). */
struct sample;
json_t *reading_plan_json(const struct reading_plan *p, const struct sample *s,
    bool with_assignments);

#endif
