/*
 * Shared by the files of web/ only: a request as the handlers see it
 * (validated, decoded, with the signed-in session), a response as they
 * build it, and the helpers every handler uses (the route table and the
 * handlers are in web/pages.h).  Handlers
 * never touch libmicrohttpd: server.c translates, so that they can be
 * tested without sockets.
 */
#ifndef CAIRN_WEB_HTTP_H
#define CAIRN_WEB_HTTP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/access/account.h"
#include "app/access/audit.h"
#include "app/records/reading.h"
#include "app/access/role.h"
#include "app/records/template.h"
#include "core/buf.h"
#include "render/html.h"
#include "render/ui.h"
#include "web/form.h"
#include "web/web.h"

struct store;
struct web_cache;
struct api_schema;

/* Request methods the server accepts; others get 405. */
enum web_method { WM_GET = 0, WM_POST, WM_PUT, WM_DELETE, WM_PATCH, WM__MAX };
extern const char *const web_method_name[WM__MAX];

/* Largest request body accepted, in bytes (uploads included). */
#define WEB_BODY_MAX ((size_t)8 << 20)
/* Largest number of form fields and the longest field value. */
#define WEB_FIELDS_MAX    200
#define WEB_FIELD_LEN_MAX ((size_t)64 << 10)
/* Largest JSON API body. */
#define WEB_JSON_MAX ((size_t)64 << 10)
/* Most path parameters a route pattern may have. */
#define WEB_ARGS_MAX 4

/* Largest uploaded file accepted in a form, and most files per form. */
#define WEB_FILE_MAX  ((size_t)8 << 20)
#define WEB_FILES_MAX 12
/* The limits every form and query string is decoded with. */
extern const struct form_limits web_form_limits;

/* A parsed request.  Borrowed pointers stay valid during the handler. */
struct web_req {
	enum web_method method;   /* GET, POST, PUT, DELETE or PATCH */
	const char *path;         /* the path, without the query string */
	char *args[WEB_ARGS_MAX]; /* decoded path parameters ({id}, {qi}...), owned */
	size_t nargs;
	struct form_param *query; /* decoded query string, owned */
	size_t nquery;
	struct form_param *form; /* decoded form fields (urlencoded or multipart), owned */
	size_t nform;
	struct form_file
	    *files; /* uploaded files of a multipart form, owned (data borrowed from body) */
	size_t nfiles;
	const char *body; /* raw body (borrowed), NUL-terminated */
	size_t body_len;
	const char *content_type;     /* Content-Type header or NULL */
	const char *origin;           /* Origin header or NULL */
	const char *fetch_site;       /* Sec-Fetch-Site header or NULL */
	const char *host;             /* Host header or NULL */
	const char *authorization;    /* Authorization header or NULL */
	const char *cookie_session;   /* the session cookie's value or NULL */
	const char *cookie_pre;       /* the pre-sign-in CSRF cookie's value or NULL */
	char address[64];             /* client address */
	struct store *st;             /* this worker's connection (borrowed) */
	const struct web_config *cfg; /* server settings (borrowed) */
	bool signed_in;               /* sess is valid */
	struct session sess;          /* the signed-in session (owned) */
	bool api;                     /* authenticated by an API token */
	struct account api_account;   /* the token's account (owned) */
	struct actor actor;           /* who acts, for app/ and the audit log */
	struct web_cache *cache;      /* this worker's cache (borrowed), or NULL: none */
	bool cache_snapshot;          /* the request runs in the read transaction that
	                                 checked the cache's generation (cached_page) */
	long insp;                    /* the inspection {id} the route's check allowed, or 0 */
	enum role role;               /* the role that check allowed it in (ROLE_ADMIN for an
	                                 administrator); meaningful only when insp != 0 or the
	                                 route's scope is WS_GLOBAL */
	char *page_key;               /* the page's cache key when its route may be cached
	                                 (owned), or NULL */
	char query_bad[80];           /* the first query parameter refused (not UTF-8, over
	                                 WEB_FIELD_LEN_MAX bytes or after the first
	                                 WEB_FIELDS_MAX), or "": the server answers 400
	                                 naming it, never the handler */
};

/* Releases everything a request owns. */
void web_req_free(struct web_req *r);
/* Returns the value of a form field, or NULL when absent. */
const char *web_form(const struct web_req *r, const char *name);
/* Returns the value of a query parameter, or NULL when absent. */
const char *web_query(const struct web_req *r, const char *name);
/* Returns the uploaded file of field name, or NULL when absent. */
const struct form_file *web_file(const struct web_req *r, const char *name);
/* Returns the signed-in account (session or API token), or NULL. */
const struct account *web_account(const struct web_req *r);

/* What a handler builds. */
/*
 * A response body shared by a worker's page cache and the responses still
 * sending it (issue 22: a cached page is sent without being copied).
 * Immutable once made; freed by the last web_body_release().
 */
struct web_body {
	atomic_size_t refs; /* its holders: a cache slot, each response */
	size_t len;         /* bytes in data */
	char data[];        /* the body, then a NUL */
};

/* Returns a new shared body holding a copy of len bytes at data, with one
 * reference (the caller's). */
struct web_body *web_body_new(const char *data, size_t len);
/* Takes one more reference to b; returns b. */
struct web_body *web_body_hold(struct web_body *b);
/* Drops one reference to b (NULL: nothing); the last frees it. */
void web_body_release(struct web_body *b);

struct web_resp {
	int status;               /* HTTP status */
	const char *content_type; /* e.g. "text/html; charset=utf-8" */
	struct buf body;          /* the body */
	struct web_body *shared;  /* a cached body sent instead of body (a reference, owned) */
	char *location;           /* redirect target (owned) or NULL */
	char *cookies[3];         /* Set-Cookie values (owned) */
	size_t ncookies;
	char *disposition;         /* Content-Disposition (owned) or NULL */
	int fd;                    /* file to send instead of body, or -1 */
	size_t fd_size;            /* its size */
	bool cacheable;            /* public assets: cache for a day; else no-store */
	const char *cache_control; /* Cache-Control to send instead (static), or NULL */
};

/* Initialises a response (200, empty, fd -1). */
void web_resp_init(struct web_resp *w);
/* Releases a response. */
void web_resp_free(struct web_resp *w);
/* Sets a 303 redirect to location. */
void web_redirect(struct web_resp *w, const char *location);
/* Adds a Set-Cookie header value (copied). */
void web_set_cookie(struct web_resp *w, const char *value);

/*
 * Matches path against a pattern; on success stores the decoded
 * parameters in r->args and returns true.
 */
bool web_route_match(const char *pattern, const char *path, struct web_req *r);

/*
 * Handles one complete request: finds the route, authenticates, checks
 * CSRF and fetch metadata on state changes, runs the handler and adds no
 * headers itself (server.c adds the security headers to every response).
 */
void web_dispatch(struct web_req *r, struct web_resp *w);

/*
 * The part of web_dispatch() a connection thread runs (server.c): answers
 * a signed-in GET of a page that r->cache holds, with its session, and
 * returns true.  Returns false, with r as it was and nothing in w, for
 * every other request: a page worker then runs web_dispatch().
 */
bool web_dispatch_cached(struct web_req *r, struct web_resp *w);

/* Decodes the body of r into r->form (and r->files) by its Content-Type:
 * URL-encoded or multipart; other types leave the form empty.  Returns
 * false if the body is malformed or over the limits (answer 400). */
bool web_req_decode_body(struct web_req *r);

/* Most problems listed in an upload's error summary (as the CLI). */
#define UPLOAD_ERRORS_SHOWN 20

/* The frame of a page: its settings (title, caption, width) and its
 * breadcrumbs: home, the inspection, and one page within it. */
struct web_frame {
	struct ui_page p;          /* the page settings (set p.label before starting) */
	struct ui_crumb crumbs[3]; /* home, inspection, one page within it */
	char back[64];             /* "/inspections/ID" */
	char insp[200];            /* the inspection's crumb: its partnership */
	char href[160];            /* the third crumb's href */
};

/* Fills f for a page titled title (wide for tables) with its breadcrumbs:
 * for id > 0, home and inspection id labelled insp (when NULL, its
 * partnership, read when the page starts); for id 0, home only; for id < 0 (the home page itself, sign-in)
 * none.  Strings are borrowed until the page starts (frame.c). */
void web_frame_init(struct web_frame *f, long id, const char *insp, const char *title, bool wide);
/* Adds the third breadcrumb, label linking to href (copied into f). */
void web_frame_crumb(struct web_frame *f, const char *href, const char *label);
/* Starts the page f describes (web_page_begin). */
void web_frame_start(struct web_req *r, struct web_resp *w, struct html *h, struct web_frame *f);
/* Starts the page of inspection id titled title (wide for tables) with its
 * breadcrumbs (web_frame_init with insp NULL, then web_frame_start). */
void web_frame_begin(struct web_req *r, struct web_resp *w, struct html *h, struct web_frame *f,
    long id, const char *title, bool wide);

/* Writes a paragraph with one link. */
void web_para_link(struct html *h, const char *href, const char *label);

/* Writes the 500 page after logging what went wrong (what, err). */
void web_internal(struct web_req *r, struct web_resp *w, const char *what,
    const struct cairn_err *err);

/* Returns the form value of name, or NULL when absent or blank (the
 * pointer is into the request). */
const char *web_field(struct web_req *r, const char *name);

/* Loads inspection id's reading context (sample, template, readings) into
 * x; false (a 404 or 500 page written) when there is none. */
bool web_reading_ctx(struct web_req *r, struct web_resp *w, long id, struct reading_ctx *x);
/* Writes the page titled title of a list of the records reading before
 * there is anything to list (no sample or template yet): 200, saying so,
 * so a link the overview offers is never a dead end (guard.c). */
void web_reading_none(struct web_req *r, struct web_resp *w, long id, const char *title);

/* Writes a complete error page (status, title, one sentence). */
void web_error_page(struct web_req *r, struct web_resp *w, int status, const char *title,
    const char *text);
/* Starts an HTML page for the signed-in person: sets the content type,
 * fills p's user and csrf from the session and writes up to the content
 * column (ui_page_begin).  Finish with ui_page_end(h). */
void web_page_begin(struct web_req *r, struct web_resp *w, struct html *h, struct ui_page *p);

/*
 * Writes a JSON error {"error": {"status":..., "code":..., "message":..., "field":...}}:
 * code is derived from status ("invalid", "not-found", "forbidden"...), field
 * (NULL for none) is the input's name or path ("answers/KEY") and is sent as a
 * JSON pointer ("/answers/KEY").
 */
void web_json_error(struct web_resp *w, int status, const char *message, const char *field);

/* As web_json_error for an app/ error: its message, its code (cairn_err_code)
 * and its field, or fallback when it names none. */
void web_json_err(struct web_resp *w, int status, const struct cairn_err *err,
    const char *fallback);

/* Returns the input an app/ error concerns (err->field: app/'s input names are
 * the forms' input ids), or fallback when it names none. */
const char *web_err_input(const struct cairn_err *err, const char *fallback);

/*
 * Returns true if the signed-in account (session or token) may do action
 * a on inspection id (id 0: a global action, held only by administrators);
 * otherwise writes a 404 (not on the team, or no such inspection) or 403
 * (the role may not) page or JSON error and returns false.  Sets *role to
 * the person's role when role is not NULL.  The dispatcher asks this for
 * the route's action before the handler runs; handlers ask it only for a
 * second, finer action.
 */
bool web_allow(struct web_req *r, struct web_resp *w, long id, enum action a, enum role *role);

/* Writes the answer options of reading-template item it on scale sc into
 * opts (at most max; their values in val and labels in lab, which the
 * caller provides); returns how many (0 for a free-text item). */
size_t web_item_options(const struct template_item *it, const struct scale *sc,
    struct ui_option *opts, char (*lab)[160], char (*val)[16], size_t max);

/* Loads the reading context of inspection id and the signed-in account's
 * reader (*me NULL when the account is not a reader); false, with a 404
 * JSON error or, for the page, web_reading_none (no sample or template),
 * or a 500 written. */
bool web_reader_ctx(struct web_req *r, struct web_resp *w, long id, struct reading_ctx *x,
    const struct reader **me);

/* Loads the inspection in the path, the reading context, the account's
 * reader and the record {ref} (args[1]); false, with 404 written, unless
 * the record is assigned to the account: a record that is not theirs does
 * not exist for them.  On true the caller frees x. */
bool web_reading_target(struct web_req *r, struct web_resp *w, long *id, struct reading_ctx *x,
    const struct reader **me, const struct sample_member **m);

/* Parses the {id} path argument into *id; writes 404 (a page, or a JSON
 * error for the API) and returns false if it is not an inspection number. */
bool web_path_id(struct web_req *r, struct web_resp *w, long *id);

/* Records that child-level data of inspection id was viewed (action and
 * subject as in the audit log); false, with 500 written, if the entry could
 * not be written, so that nothing is shown unaudited. */
bool web_view_audited(struct web_req *r, struct web_resp *w, long id, const char *action,
    const char *subject);

/* Pages and API handlers (page_*.c, api.c, assets.c). */
/* Writes the links to the panel, publish, follow-up and overview pages
 * that role may use, for the inspection overview (page_panel.c); the
 * publish page's only when draft (app_draft_check allowed the draft). */
void page_panel_links(struct html *h, long id, enum role role, bool draft);
/* Writes the link to the preview and publish page, for the report page. */
void page_publish_link(struct html *h, long id);
/* Writes the link to the national overview when the person may see it
 * (for the home page; page_overview.c). */
void page_overview_link(struct web_req *r, struct html *h);

/* Writes f as a select of the accounts that may sign in ("Full Name
 * (username)"; first "Choose a person"), for choosing someone for
 * inspection id where the person may do action (page_accounts.c); a text
 * input when they cannot be listed. */
void web_person_select(struct web_req *r, struct html *h, const struct ui_field *f, long id,
    enum action action);
/* Writes f as a select of the members of inspection id's team whose
 * accounts may sign in (labelled as web_person_select; first "Choose a
 * team member"), for a form that does action (page_accounts.c). */
void web_team_select(struct web_req *r, struct html *h, const struct ui_field *f, long id,
    enum action action);
/* Writes how a page names account a into out ("Ada Lovelace (ada)", or
 * the username alone when the name is the username: core/account.h's
 * account_label, which the command line's listings use too) and returns
 * out. */
const char *web_person_label(const struct account *a, char *out, size_t outsz);
/* Writes how a page names username into out: as web_person_label for its
 * account among the n accounts v, or the username alone when it is not
 * there; returns out. */
const char *web_person_named(const struct account *v, size_t n, const char *username, char *out,
    size_t outsz);
/* Loads the accounts of the n usernames a page shows (app_person_names:
 * one read however many rows) into *out, for web_person_named, once the
 * viewer may do action on inspection id (0: none); none when they cannot
 * be read, so the page shows the usernames alone.  Free with
 * accounts_free. */
void web_people_named(struct web_req *r, long id, enum action action, const char *const *usernames,
    size_t n, struct account **out, size_t *nout);

/* An uploaded file written to a private temporary directory so that the
 * importers, which read files, can read it (upload.c). */
struct web_upload {
	char dir[64];   /* the directory (mode 0700), "" when none */
	char path[256]; /* the file inside it */
};
/*
 * Writes f to a new private directory under $TMPDIR (or /tmp) as a file
 * whose name is the uploaded name reduced to letters, digits, '.', '-'
 * and '_' (never starting with '.', at most 100 bytes; fallback when
 * nothing is left), so that the name can never leave the directory.
 * CAIRN_ECANTCREAT if it cannot; remove with web_upload_remove either way.
 */
int web_upload_save(const struct form_file *f, const char *fallback, struct web_upload *u,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Removes the file and directory web_upload_save made (no-op when none). */
void web_upload_remove(struct web_upload *u);

/* Names of the session and pre-sign-in cookies for the configuration. */
const char *web_cookie_session(const struct web_config *c);
const char *web_cookie_pre(const struct web_config *c);

/* Writes v (stolen) as the JSON response with status. */
void web_send_json(struct web_resp *w, int status, json_t *v);
/* Checks the request body against schema s; returns the object (caller
 * owns) or NULL after writing the JSON error (400/413/415/422, field named). */
json_t *api_body(struct web_req *r, struct web_resp *w, const struct api_schema *s);
/* Adds, beside every string member called one of the nkeys keys anywhere
 * in v (a person's username: "by", "actor", ...), the member key + "_name"
 * with that person's full name, or null when they have no account; the
 * usernames stay as they are.  The names come from one read
 * (app_person_names_json, the command line's --json call too, as who may do
 * action on inspection id). */
void api_name_people(struct web_req *r, long id, enum action action, json_t *v,
    const char *const *keys, size_t nkeys);
/* The bodies of api_work.c: a reading's answers, a new evidence item. */
extern const struct api_schema api_reading_schema;
extern const struct api_schema api_evidence_schema;
/* Returns true if the person may see the draft report of inspection id
 * (page_work.c); otherwise writes the refusal (page or JSON). */
bool web_report_allowed(struct web_req *r, struct web_resp *w, long id);
/* Writes the refusal of the draft report err holds (app_draft_check's):
 * 404 off the team, 403 with app/'s words, JSON for the API (page_work.c). */
void web_draft_refused(struct web_req *r, struct web_resp *w, const struct cairn_err *err);
/* The file extension and content type of report format f (enum
 * publish_format), or NULL past the last. */
const char *web_report_ext(int f);
const char *web_report_type(int f);
/* Puts in out (at most max) every value of form field name, in order
 * (borrowed from r); returns how many there are in all (may exceed max). */
size_t web_form_all(const struct web_req *r, const char *name, const char **out, size_t max);

/* ---- identifier-like columns of an upload (web/allow.c), shared by the
 * population and survey uploads ---- */
struct population_idcol;
/* The sentence every identifier-like column's checkbox carries. */
#define WEB_ALLOW_LABEL "This column holds no personal identifier: import it"
/* Most allow fields one upload may carry. */
#define WEB_ALLOW_FIELDS_MAX 64
/* Puts in out the ticked allow=COLUMN fields of r as an allow list
 * (comma-separated, as --allow-column takes); false (out empty) when
 * more than WEB_ALLOW_FIELDS_MAX were ticked. */
bool web_allow_list(const struct web_req *r, struct buf *out);
/* Writes the error-summary message (msg) for refused column c, the i-th
 * (from 0) of its upload, and the id of its checkbox (id). */
void web_allow_error(const struct population_idcol *c, size_t i, char *id, size_t idsz, char *msg,
    size_t msgsz);
/* Writes one fieldset per identifier-like column of cols[0..n), each with
 * the checkbox that re-posts the upload with allow=COLUMN (ticked if it
 * was allowed). */
void web_allow_boxes(struct html *h, const struct population_idcol *cols, size_t n);
/* Writes the paragraph explaining the refusal and the boxes. */
void web_allow_explain(struct html *h);
/* Appends s to b percent-encoded for one path segment (letters, digits,
 * '-', '_' and '.' as they are; every other byte as %XX). */
void web_put_segment(struct buf *b, const char *s);

/* Writes the link "Download NAME (SIZE)" to evidence item e's file of
 * inspection id, escaped; nothing when e has no file. */
struct evidence_item;
void web_evidence_file_link(struct html *h, long id, const struct evidence_item *e);

#endif
