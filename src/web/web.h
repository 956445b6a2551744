/*
 * The web application: an HTTP server (libmicrohttpd, thread pool, one
 * SQLite connection per worker thread) serving server-rendered pages built
 * with the design system, the JSON API under /api/v1 and the front-end
 * assets.  cli/cmd_serve.c parses options into a struct web_config and
 * calls web_serve().
 */
#ifndef CAIRN_WEB_WEB_H
#define CAIRN_WEB_WEB_H

#include <stdbool.h>

#include <jansson.h>

#include "app/access/account.h"
#include "core/err.h"

/* How to run the server.  Strings are borrowed for the server's life. */
struct web_config {
	const char *db_path;      /* the database (must exist) */
	const char *listen;       /* "HOST:PORT"; port 0 picks a free one */
	const char *assets_dir;   /* design system dist/ directory */
	unsigned workers;         /* page workers: threads that build what the connection
	                             threads' caches do not hold, each with its own
	                             connection (one connection thread per core) */
	unsigned max_connections; /* connections open at once */
	unsigned per_ip;          /* connections per client address */
	unsigned timeout;         /* seconds a connection may stay idle */
	bool secure_cookies;      /* Secure + __Host- cookies (off for plain-HTTP local use) */
	bool no_cache; /* no per-worker session and page cache (--no-cache, for comparison) */
	bool timing;   /* time each request; print the quantiles at the end (--timing) */
	struct session_limits limits; /* session time-outs */
	const char *trusted_proxies;  /* "ADDR[,ADDR...]": peers whose X-Forwarded-For is
	                                 believed (the rightmost address not among them is
	                                 the client's), or NULL to believe none */
};

/* Checks a trusted-proxy list: numeric IPv4 or IPv6 addresses separated
 * by commas.  CAIRN_EUSAGE naming the bad one. */
int web_trusted_proxies_check(const char *list, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Returns the route table as a JSON array of {method, path, auth,
 * summary} (for `cairn serve --routes` and the OpenAPI check); the caller
 * owns the reference. */
json_t *web_routes_json(void);

/* Fills c with the defaults (127.0.0.1:8080, 4 workers, secure cookies). */
void web_config_default(struct web_config *c);
/* Returns the design system's dist/ directory found beside the program
 * (a build directory in the source tree, or PREFIX/bin), in source_root's
 * node_modules, in datadir/design-system or under the working directory,
 * in that order; NULL if none holds it (assets.c).  Not thread-safe: call
 * once, before serving. */
const char *web_assets_locate(const char *source_root, const char *datadir);
const char *web_assets_searched(void);

/*
 * Binds the address, starts the workers, prints "listening on
 * http://HOST:PORT" to standard output and serves until SIGTERM or SIGINT;
 * then stops accepting, lets requests in progress finish and returns
 * CAIRN_OK.  Errors (address in use, missing database) are returned at once.
 */
int web_serve(const struct web_config *c, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
