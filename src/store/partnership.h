/*
 * The partnership's side of an inspection (migration 22): co-ordinators,
 * notification letters, pre-inspection returns, position statements,
 * supporting documents and their versions, claims, the documents they cite
 * and the inspectors' tests of them.  Writes run in the caller's
 * transaction.
 */
#ifndef CAIRN_STORE_PARTNERSHIP_H
#define CAIRN_STORE_PARTNERSHIP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/partnership.h"

struct store;

/* Records (or replaces) a co-ordinator of an inspection. */
int store_contact_set(struct store *st, long inspection, const struct partnership_contact *c,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the co-ordinators: out[k] filled and have[k] true for each kind recorded
 * (caller frees each with partnership_contact_free). */
int store_contact_list(struct store *st, long inspection,
    struct partnership_contact out[CONTACT__MAX], bool have[CONTACT__MAX], struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Stores a notification: sets n->number (the next) and n->created_at. */
int store_notification_insert(struct store *st, long inspection, struct notification *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists an inspection's notifications by number (caller frees with notifications_free). */
int store_notification_list(struct store *st, long inspection, struct notification **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads notification number; CAIRN_EDATA (field "notification", unknown) if none. */
int store_notification_get(struct store *st, long inspection, long number, struct notification *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Stores a return and its sheets: sets r->version and r->returned_at. */
int store_preret_insert(struct store *st, long inspection, struct preret_return *r,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the latest return (r->version 0 when none; caller frees with
 * preret_return_free). */
int store_preret_latest(struct store *st, long inspection, struct preret_return *r,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Stores a statement version: sets s->version and s->submitted_at. */
int store_position_insert(struct store *st, long inspection, struct position_statement *s,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the latest statement (s->version 0 when none). */
int store_position_latest(struct store *st, long inspection, struct position_statement *s,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Adds a document (no version yet): sets *number and *id. */
int store_document_insert(struct store *st, long inspection, const char *title, const char *by,
    long *number, long *id, struct cairn_err *err) __attribute__((warn_unused_result));
/* Finds document number's row id; CAIRN_EDATA (field "document", unknown) if none. */
int store_document_id(struct store *st, long inspection, long number, long *id,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Adds the next version of document id: sets *version. */
int store_document_version_add(struct store *st, long id, const char *filename, const char *data,
    size_t len, const char *sha256, const char *by, long *version, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists the documents with their latest versions, by number (caller frees
 * with partnership_documents_free). */
int store_document_list(struct store *st, long inspection, struct partnership_document **out,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the content of version (0: the latest) of document number: *data
 * and *filename malloc'd. */
int store_document_body(struct store *st, long inspection, long number, long version, char **data,
    size_t *len, char **filename, struct cairn_err *err) __attribute__((warn_unused_result));

/* Adds a claim citing documents docs[0..ndocs) (row ids): sets *number. */
int store_claim_insert(struct store *st, long inspection, const char *section, const char *body,
    const long *docs, size_t ndocs, const char *by, long *number, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Finds claim number's row id; CAIRN_EDATA (field "claim", unknown) if none. */
int store_claim_id(struct store *st, long inspection, long number, long *id, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists the claims with their documents and tests, by number (caller frees
 * with position_claims_free). */
int store_claim_list(struct store *st, long inspection, struct position_claim **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Records (or replaces) the test of claim id against t->qi. */
int store_claim_test_set(struct store *st, long claim_id, const struct claim_test *t,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
