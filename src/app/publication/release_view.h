/*
 * The news release as a person may see it now, the one rule the release
 * page, its download and the JSON API share: once the report is published,
 * the published release (the frozen release.txt of the latest version,
 * with its SHA-256), refused outside the team until the embargo lifts
 * (app_embargo_check); before, the draft made now from the stored grades
 * (render/release.h, as `cairn release`), for who may see the draft report
 * (view-draft-report at any stage, factual-accuracy only at the factual
 * accuracy stage, as app_accuracy_draft).
 */
#ifndef CAIRN_APP_RELEASE_VIEW_H
#define CAIRN_APP_RELEASE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/actor.h"
#include "core/database.h"
#include "core/err.h"

/* Which release is shown; indexes release_state_code. */
enum release_state {
	RELEASE_DRAFT = 0, /* made now from the grades; not published, may change */
	RELEASE_PUBLISHED, /* the text as published, frozen */
	RELEASE_STATE__MAX
};
/* The states' codes as the API names them ("draft", "published"). */
extern const char *const release_state_code[RELEASE_STATE__MAX];

/* The release as shown.  Owned; free with release_view_free (a no-op on a
 * zeroed struct). */
struct release_view {
	enum release_state state; /* set even when the release is then refused */
	long version;             /* the published version, 0 for the draft */
	char published_at[21];    /* when that version was frozen (UTC), "" for the draft */
	char *sha256;             /* the published file's SHA-256 (hex), NULL for the draft */
	char *text;               /* the whole release, plain text; NULL for a draft when
	                             nothing is graded yet */
};

/*
 * Loads the release of inspection id for who into *out.  CAIRN_OK; or
 * CAIRN_EPERM: code forbidden at field "embargo" for the published release
 * under its embargo, code forbidden at field "stage" for a draft shared
 * with who only at factual accuracy, code forbidden (no field) for a role
 * that does not include the draft report, code unknown for someone not on
 * the team; CAIRN_EDATA for an inspection that does not exist.
 */
int app_release_view(struct store *st, const struct actor *who, long id, struct release_view *out,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Releases the contents of v. */
void release_view_free(struct release_view *v);

#endif
