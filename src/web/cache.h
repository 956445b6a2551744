/*
 * A worker's cache: the sessions it has checked and the pages it has
 * rendered, kept only while the database is unchanged.  Every request
 * first calls web_cache_sync(), which reads the database's generation
 * (app_db_generation: any commit by any connection or process changes it)
 * and drops everything when it moved.  So a cached session or page is
 * exactly what the database would give now; time-outs are still checked
 * against the clock on every request.  One cache per worker thread: no
 * locks.  Bounded in entries and bytes, so memory stays flat.
 */
#ifndef CAIRN_WEB_CACHE_H
#define CAIRN_WEB_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/account.h"
#include "app/access/role.h"
#include "core/database.h"
#include "core/model.h"

struct web_body;
struct web_req;
struct web_resp;

/* Sessions and pages a worker keeps, and the bytes of page bodies. */
#define WEB_CACHE_SESSIONS 64
#define WEB_CACHE_PAGES    64
#define WEB_CACHE_BYTES    ((size_t)4 << 20)
#define WEB_CACHE_GRANTS   64

/* One checked session. */
struct web_cache_session {
	bool used;                /* the slot holds a session */
	unsigned long long stamp; /* last use, for eviction */
	struct session sess;      /* the session as app_session_find() gave it (owned) */
};

/* One access the role table granted (authz_check returned CAIRN_OK). */
struct web_cache_grant {
	char *person;             /* who (owned); NULL: empty slot */
	bool admin;               /* whether they held the global administrator role */
	long id;                  /* on which inspection (0: none) */
	enum action action;       /* to do what */
	enum role role;           /* the role it was granted as */
	unsigned long long stamp; /* last use, for eviction */
};

/* One rendered page. */
struct web_cache_page {
	char *key;                /* session hash, path and query (owned); NULL: empty slot */
	unsigned long long hash;  /* hash of key, compared first */
	unsigned long long stamp; /* last use, for eviction */
	int status;               /* HTTP status (always 200 today) */
	const char *content_type; /* a string literal from the handler */
	struct web_body *body;    /* the body (one reference, owned) */
	size_t len;               /* its length */
};

/* A worker's cache.  Zero-initialise; free with web_cache_free(). */
struct web_cache {
	bool valid;               /* gen was read; false: cache nothing this request */
	struct store_gen gen;     /* the generation everything here belongs to */
	unsigned long long clock; /* use counter for stamps */
	size_t bytes;             /* page body bytes held */
	struct web_cache_session sessions[WEB_CACHE_SESSIONS];
	struct web_cache_page pages[WEB_CACHE_PAGES];
	struct web_cache_grant grants[WEB_CACHE_GRANTS];
	unsigned long long hits; /* pages served from the cache (for tests and tuning) */
};

/* Reads the database generation; drops everything if it moved or cannot
 * be read (then nothing is cached until the next sync succeeds). */
void web_cache_sync(struct web_cache *c, struct store *st);

/*
 * Finds the session of a cookie token in the cache.  Returns true and a
 * copy in *out (caller frees with session_free) only if it is cached and
 * still within the limits at now, and its time of use need not be written
 * yet; otherwise false (ask app_session_find, then web_cache_session_put).
 */
bool web_cache_session_get(struct web_cache *c, const char *token, const struct session_limits *lim,
    long long now, struct session *out);
/* Keeps a copy of a session that app_session_find() just accepted. */
void web_cache_session_put(struct web_cache *c, const struct session *s);

/* Gives w the cached page for key (its body as w->shared, a reference
 * web_resp_free drops, not copied); false if there is none. */
bool web_cache_page_get(struct web_cache *c, const char *key, struct web_resp *w);
/* Whether a page is kept for key (nothing is changed). */
bool web_cache_page_has(struct web_cache *c, const char *key);
/* Keeps w's body for key (only a plain 200 body is kept): w's own body is
 * moved into a shared one that w then sends (w->shared), so that the page
 * is held once however many caches keep it. */
void web_cache_page_put(struct web_cache *c, const char *key, struct web_resp *w);

/*
 * Keeps in c what another thread's web_dispatch() found for a GET r: its
 * session (a cookie's, not an API token's) and, when its route may be cached, its
 * page (w's body, shared).  For a connection thread's cache (server.c), so
 * that the next such request is answered there.  Safe because that thread
 * handed r over after reading c's generation: whatever was committed since
 * changes the generation its next request reads, which drops all of it.
 */
void web_cache_adopt(struct web_cache *c, const struct web_req *r, struct web_resp *w);

/*
 * The role table's answers, kept like the pages (issue 22: two queries a
 * request).  The rules stay in app/: only a grant authz_check() gave is
 * kept, for the same person, administrator flag, inspection and action,
 * and only while the database is unchanged, which is all it depends on.
 * Refusals are always asked again (they carry their message).
 * web_cache_grant_get returns true and the role if one is kept.
 */
bool web_cache_grant_get(struct web_cache *c, const char *person, bool admin, long id,
    enum action action, enum role *role);
/* Keeps a grant authz_check() just gave. */
void web_cache_grant_put(struct web_cache *c, const char *person, bool admin, long id,
    enum action action, enum role role);

/* Drops everything (sessions are wiped). */
void web_cache_clear(struct web_cache *c);
/* Releases everything; the cache may be used again afterwards. */
void web_cache_free(struct web_cache *c);

#endif
