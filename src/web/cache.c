/* A worker's cache of sessions and pages: see cache.h. */
#include "app/access/db.h"
#include "web/cache.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* Empties one page slot. */
static void
page_drop(struct web_cache *c, struct web_cache_page *p)
{
	if (p->key == NULL)
		return;
	c->bytes -= p->len;
	free(p->key);
	web_body_release(p->body);
	memset(p, 0, sizeof(*p));
}

void
web_cache_clear(struct web_cache *c)
{
	for (size_t i = 0; i < WEB_CACHE_SESSIONS; i++) {
		if (c->sessions[i].used)
			session_free(&c->sessions[i].sess);
		memset(&c->sessions[i], 0, sizeof(c->sessions[i]));
	}
	for (size_t i = 0; i < WEB_CACHE_PAGES; i++)
		page_drop(c, &c->pages[i]);
	for (size_t i = 0; i < WEB_CACHE_GRANTS; i++) {
		free(c->grants[i].person);
		memset(&c->grants[i], 0, sizeof(c->grants[i]));
	}
	c->bytes = 0;
}

void
web_cache_free(struct web_cache *c)
{
	web_cache_clear(c);
	c->valid = false;
}

void
web_cache_sync(struct web_cache *c, struct store *st)
{
	struct store_gen g;

	if (app_db_generation(st, &g, NULL) != CAIRN_OK) {
		web_cache_clear(c);
		c->valid = false;
		return;
	}
	if (!c->valid || !app_db_gen_equal(&g, &c->gen))
		web_cache_clear(c);
	c->gen = g;
	c->valid = true;
}

/* Copies an account's public fields (not its password hash) into out. */
static void
account_copy(struct account *out, const struct account *a)
{
	memset(out, 0, sizeof(*out));
	out->id = a->id;
	out->username = a->username != NULL ? xstrdup(a->username) : NULL;
	out->full_name = a->full_name != NULL ? xstrdup(a->full_name) : NULL;
	out->admin = a->admin;
	out->disabled = a->disabled;
	memcpy(out->created_at, a->created_at, sizeof(out->created_at));
}

/* Copies a session (deeply, without the password hash) into out. */
static void
session_copy(struct session *out, const struct session *s)
{
	memcpy(out->csrf, s->csrf, sizeof(out->csrf));
	memcpy(out->id_hash, s->id_hash, sizeof(out->id_hash));
	out->created = s->created;
	out->last_seen = s->last_seen;
	account_copy(&out->who, &s->who);
}

bool
web_cache_session_get(struct web_cache *c, const char *token, const struct session_limits *lim,
    long long now, struct session *out)
{
	char hash[ACCOUNT_TOKEN_HEX + 1];

	memset(out, 0, sizeof(*out));
	if (!c->valid || token == NULL || strlen(token) != ACCOUNT_TOKEN_HEX)
		return false;
	app_token_hash(token, hash);
	for (size_t i = 0; i < WEB_CACHE_SESSIONS; i++) {
		struct web_cache_session *e = &c->sessions[i];

		if (!e->used || strcmp(e->sess.id_hash, hash) != 0)
			continue;
		/* The same tests as app_session_find; a due write of the time
		 * of use goes there too. */
		if (now - e->sess.created >= lim->absolute ||
		    now - e->sess.last_seen >= lim->idle ||
		    now - e->sess.last_seen >= APP_SESSION_TOUCH_EVERY || e->sess.who.disabled)
			return false;
		e->stamp = ++c->clock;
		session_copy(out, &e->sess);
		return true;
	}
	return false;
}

void
web_cache_session_put(struct web_cache *c, const struct session *s)
{
	struct web_cache_session *slot = &c->sessions[0];

	if (!c->valid)
		return;
	for (size_t i = 0; i < WEB_CACHE_SESSIONS; i++) {
		struct web_cache_session *e = &c->sessions[i];

		if (e->used && strcmp(e->sess.id_hash, s->id_hash) == 0) {
			slot = e;
			break;
		}
		if (!e->used || (slot->used && e->stamp < slot->stamp))
			slot = e;
	}
	if (slot->used)
		session_free(&slot->sess);
	memset(slot, 0, sizeof(*slot));
	session_copy(&slot->sess, s);
	slot->used = true;
	slot->stamp = ++c->clock;
}

/* Returns the page kept for key, or NULL. */
static struct web_cache_page *
page_find(struct web_cache *c, const char *key)
{
	unsigned long long h;

	if (!c->valid || key == NULL)
		return NULL;
	h = text_hash(key, strlen(key));
	for (size_t i = 0; i < WEB_CACHE_PAGES; i++) {
		struct web_cache_page *p = &c->pages[i];

		if (p->key != NULL && p->hash == h && strcmp(p->key, key) == 0)
			return p;
	}
	return NULL;
}

bool
web_cache_page_has(struct web_cache *c, const char *key)
{
	return page_find(c, key) != NULL;
}

bool
web_cache_page_get(struct web_cache *c, const char *key, struct web_resp *w)
{
	struct web_cache_page *p = page_find(c, key);

	if (p == NULL)
		return false;
	p->stamp = ++c->clock;
	w->status = p->status;
	w->content_type = p->content_type;
	buf_reset(&w->body);
	web_body_release(w->shared);
	w->shared = web_body_hold(p->body);
	c->hits++;
	return true;
}

void
web_cache_page_put(struct web_cache *c, const char *key, struct web_resp *w)
{
	struct web_cache_page *slot = NULL;
	size_t len = w->shared != NULL ? w->shared->len : w->body.len;

	if (!c->valid || key == NULL || w->status != 200 || w->fd >= 0 || w->location != NULL ||
	    w->ncookies > 0 || w->disposition != NULL || buf_failed(&w->body) ||
	    len > WEB_CACHE_BYTES / 4)
		return;
	/* Make room: the least recently used pages go first. */
	for (;;) {
		struct web_cache_page *old = NULL;
		bool full = true;

		for (size_t i = 0; i < WEB_CACHE_PAGES; i++) {
			struct web_cache_page *p = &c->pages[i];

			if (p->key == NULL) {
				full = false;
				if (slot == NULL)
					slot = p;
				continue;
			}
			if (old == NULL || p->stamp < old->stamp)
				old = p;
		}
		if ((!full && c->bytes + len <= WEB_CACHE_BYTES) || old == NULL)
			break;
		page_drop(c, old);
		slot = NULL;
	}
	if (slot == NULL)
		return;
	slot->key = xstrdup(key);
	slot->hash = text_hash(key, strlen(key));
	slot->stamp = ++c->clock;
	slot->status = w->status;
	slot->content_type = w->content_type;
	if (w->shared == NULL) {
		w->shared = web_body_new(buf_str(&w->body), len);
		buf_reset(&w->body);
	}
	slot->body = web_body_hold(w->shared);
	slot->len = len;
	c->bytes += len;
}

void
web_cache_adopt(struct web_cache *c, const struct web_req *r, struct web_resp *w)
{
	if (c == NULL || r->method != WM_GET || !r->signed_in || r->api)
		return;
	web_cache_session_put(c, &r->sess);
	if (r->page_key != NULL)
		web_cache_page_put(c, r->page_key, w);
}

bool
web_cache_grant_get(struct web_cache *c, const char *person, bool admin, long id,
    enum action action, enum role *role)
{
	if (!c->valid || person == NULL)
		return false;
	for (size_t i = 0; i < WEB_CACHE_GRANTS; i++) {
		struct web_cache_grant *g = &c->grants[i];

		if (g->person == NULL || g->id != id || g->action != action || g->admin != admin ||
		    strcmp(g->person, person) != 0)
			continue;
		g->stamp = ++c->clock;
		*role = g->role;
		return true;
	}
	return false;
}

void
web_cache_grant_put(struct web_cache *c, const char *person, bool admin, long id,
    enum action action, enum role role)
{
	struct web_cache_grant *slot = &c->grants[0];

	if (!c->valid || person == NULL)
		return;
	for (size_t i = 0; i < WEB_CACHE_GRANTS; i++) {
		struct web_cache_grant *g = &c->grants[i];

		if (g->person == NULL) {
			slot = g;
			break;
		}
		if (g->stamp < slot->stamp)
			slot = g;
	}
	free(slot->person);
	slot->person = xstrdup(person);
	slot->admin = admin;
	slot->id = id;
	slot->action = action;
	slot->role = role;
	slot->stamp = ++c->clock;
}
