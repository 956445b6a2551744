/*
 * The embargo and the media pack (domain.md 2.6, 3.3).  The lead or depute
 * records when the embargo lifts (a UK date and time, 00:01 by custom) and
 * the media contact; the news release then opens with the embargo line
 * ("Embargoed until 00:01 Tuesday 3 March 2026") and names the contact.
 *
 * Nothing public before the embargo lifts: until then the published
 * report, its files and the published release are refused
 * (app_embargo_check) to anyone who may not view-embargoed (the inspection
 * team and the panel may; the partnership's co-ordinator and local readers
 * may not), with the time it lifts.  "Now" is clock_now() (core/clock.h),
 * which honours CAIRN_NOW for tests.
 *
 * The media pack gathers the release (the published text, else the draft
 * for who may see the draft), the chief executive's quote with its
 * attribution (store/release_text.c), the findings quoted from the report,
 * the report's address and the media contact, under the same embargo.
 */
#ifndef CAIRN_APP_PUBLICATION_EMBARGO_H
#define CAIRN_APP_PUBLICATION_EMBARGO_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/actor.h"
#include "core/accuracy.h"
#include "core/err.h"

struct store;

/* Longest media contact, in bytes. */
#define EMBARGO_CONTACT_MAX 300

/* A change to the embargo; strings borrowed. */
struct embargo_req {
	const char *date;          /* YYYY-MM-DD (UK), required */
	const char *time;          /* HH:MM (UK), NULL or "": 00:01 */
	const char *media_contact; /* NULL or "": none */
};

/*
 * Parses a UK date and time into e->lifts_local and e->lifts_at: CAIRN_OK,
 * or an error naming "date" or "time" (a time the clocks skip is refused).
 */
int embargo_parse(const char *date, const char *time, struct embargo *e, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Sets inspection id's embargo and media contact (set-embargo) in one
 * transaction with its audit entry. */
int app_embargo_set(struct store *st, const struct actor *who, long id,
    const struct embargo_req *req, struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads inspection id's embargo (view-inspection; free with embargo_free). */
int app_embargo_get(struct store *st, const struct actor *who, long id, struct embargo *e,
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Decides whether who may see inspection id's published report and release
 * now: CAIRN_OK when there is no embargo, it has lifted (clock_now) or who
 * may view-embargoed; else CAIRN_EPERM (code forbidden, field "embargo")
 * saying when it lifts.  Checks view-inspection first.
 */
int app_embargo_check(struct store *st, const struct actor *who, long id, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* The media pack.  Strings malloc'd, owned; free with media_pack_free. */
struct media_pack {
	struct embargo embargo; /* when it lifts and the media contact */
	char line[64];          /* the embargo line, or "" */
	bool published;         /* the release is the published text */
	long version;           /* its published version, or 0 */
	char *release;          /* the news release, plain text */
	char *quote;            /* the chief executive's quote, or NULL */
	char *quote_by;         /* its attribution, or NULL */
	char **extracts;        /* the findings quoted from the report */
	size_t nextracts;
	char *report_url;  /* where the report will be, or NULL */
	char *partnership; /* whose inspection it is */
	char *title;       /* the inspection's title */
};
/* Frees a media pack's contents. */
void media_pack_free(struct media_pack *m);

/* Decides whether who may open inspection id's media pack now, the rule
 * app_media_pack applies: app_embargo_check, and before publication
 * view-draft-report (the draft release).  CAIRN_OK or its refusal. */
int app_media_pack_check(struct store *st, const struct actor *who, long id, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads inspection id's media pack for who (under app_embargo_check; the
 * draft release only for who may see the draft).  CAIRN_EDATA when there
 * is no release yet (nothing graded). */
int app_media_pack(struct store *st, const struct actor *who, long id, struct media_pack *m,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Writes the media pack as plain text (the download) into *out (malloc'd). */
char *media_pack_text(const struct media_pack *m);

#endif
