/*
 * The notification of an inspection and the partnership's co-ordinators.
 *
 * The letter is made from the pack's template (data/models/PACK/
 * notification.json: title, recipients, paragraphs with {placeholders})
 * and the inspection's data (partnership, agencies, lead, fieldwork dates,
 * the due dates of the return and the position statement from the
 * timeline), dated, and frozen as Markdown with its SHA-256: the Markdown,
 * HTML and PDF downloads are all made from the frozen text, so a letter
 * never changes once sent.  A second letter (a correction) is a new number.
 *
 * The co-ordinators (inspection and participation) are the partnership's
 * staff, recorded by name and job title as text.
 *
 * Roles (app/access/role.c): view-partnership sees and downloads; notify
 * generates and records the co-ordinators (the lead and depute).
 */
#ifndef CAIRN_APP_PARTNERSHIP_NOTIFICATION_H
#define CAIRN_APP_PARTNERSHIP_NOTIFICATION_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/actor.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/partnership.h"

struct store;

/* Longest name, job title, council or NHS board name, in bytes. */
#define PARTNERSHIP_NAME_MAX 200

/* Checks a notification.json (name names it in errors). */
int notification_template_check(const char *text, size_t len, const char *name,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* What a notification is made with; strings borrowed. */
struct notification_req {
	const char *date;         /* the letter's date, YYYY-MM-DD; NULL: today */
	const char *council;      /* the council's name, required */
	const char *health_board; /* the NHS board's name, required */
};

/* Generates, freezes and stores the next notification of inspection id,
 * with its audit entry, in one transaction; sets *number. */
int app_notification_generate(struct store *st, const struct actor *who, long id,
    const struct notification_req *req, long *number, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Lists inspection id's notifications (caller frees with notifications_free). */
int app_notification_list(struct store *st, const struct actor *who, long id,
    struct notification **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* The formats a notification is downloaded in. */
enum notification_format { NOTE_MD = 0, NOTE_HTML, NOTE_PDF, NOTE__MAX };
/* Each format's file extension ("md") and media type, by enum. */
extern const char *const notification_ext[NOTE__MAX];
extern const char *const notification_media[NOTE__MAX];
/* Returns the format for an extension, or -1. */
int notification_format_parse(const char *ext);

/* Writes notification number of inspection id in format f to out (made
 * from the frozen text; the Markdown is the frozen text itself), and
 * audits the download. */
int app_notification_render(struct store *st, const struct actor *who, long id, long number,
    enum notification_format f, struct buf *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Records co-ordinator kind (a contact_kind_table code) of inspection id:
 * name required, job optional; audited. */
int app_contact_set(struct store *st, const struct actor *who, long id, const char *kind,
    const char *name, const char *job, struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads the co-ordinators of inspection id (caller frees each recorded one
 * with partnership_contact_free). */
int app_contact_list(struct store *st, const struct actor *who, long id,
    struct partnership_contact out[CONTACT__MAX], bool have[CONTACT__MAX], struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
