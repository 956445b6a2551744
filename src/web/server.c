/*
 * The HTTP server: libmicrohttpd with one connection thread per core
 * (epoll), and a pool of page workers.  A connection thread reads the
 * request (the body bounded), turns it into a struct web_req and answers
 * it at once when its cache holds the page (web_dispatch_cached);
 * anything else is handed to a page worker, which runs web_dispatch()
 * while the connection waits (suspended), so that a slow page never holds
 * up the cached ones of the connections that share its thread.  Each
 * thread has its own SQLite connection, opened on its first request.
 * This file is the only one that knows libmicrohttpd: it turns the struct
 * web_resp into a response with the security headers every response
 * carries.
 */
#include "app/access/db.h"
#include "web/web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "core/mem.h"
#include "core/text.h"
#include "core/account.h"
#include "core/database.h"
#include "core/model.h"
#include "web/cache.h"
#include "web/timing.h"
#include "web/http.h"
#include "web/pages.h"

/* The policy for every response: no inline script or style, nothing from
 * another origin, no framing, forms post only here. */
static const char CSP[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

/* Memory libmicrohttpd gives each connection for the request's headers
 * and the response's header and send buffer.  It clears all of it at the
 * end of every request on a kept-alive connection, so a large pool costs
 * time on every request (128 KiB cost a fifth of the CPU time, 32 KiB 6%);
 * 16 KiB takes request headers of about 7 KiB (more: 431).  Bodies do not
 * use it (on_request copies them into struct conn_ctx). */
#define CONN_MEMORY ((size_t)16 << 10)

/* Most page workers, and most connection threads. */
#define WORKERS_MAX 64

/* Per-connection state while a request's body arrives and is answered. */
struct conn_ctx {
	struct buf body;             /* the body so far (bounded by WEB_BODY_MAX) */
	bool too_big;                /* the body passed the limit: answer 413 */
	long long begun;             /* when its headers were all read (monotonic us),
	                                 for --timing */
	struct web_req req;          /* the request once its body is complete (owned) */
	struct web_resp resp;        /* the answer a page worker made (owned) */
	bool handed;                 /* req was handed to a page worker */
	atomic_bool done;            /* the page worker has made resp */
	struct MHD_Connection *conn; /* the suspended connection (borrowed) */
	struct conn_ctx *next;       /* the next in the page workers' queue */
};

/*
 * The requests handed to the page workers, first in first out.  busy
 * counts each from being queued until libmicrohttpd has finished it (its
 * answer sent, or the connection gone), so that a stopping server sends
 * every one of those answers before it closes the connections.
 */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t ready;  /* a request was queued, or stopping was set */
	pthread_cond_t idle;   /* busy went down */
	struct conn_ctx *head; /* the next request to answer, or NULL */
	struct conn_ctx *tail; /* the last queued */
	size_t busy;           /* requests queued, being answered or being sent */
	bool stopping;         /* the workers leave once the queue is empty */
} jobs = { .lock = PTHREAD_MUTEX_INITIALIZER,
	.ready = PTHREAD_COND_INITIALIZER,
	.idle = PTHREAD_COND_INITIALIZER };

/* --timing: from a request's headers read to its answer queued (the work
 * of Cairn itself, with any wait for a page worker), and to its last byte
 * handed to the kernel. */
static struct timing time_answered, time_sent;

/* What one thread (connection thread or page worker) keeps between
 * requests. */
struct worker {
	struct store *st;       /* its own connection (owned) */
	struct web_cache cache; /* its sessions and pages (owned) */
};

/*
 * A connection whose request headers are awaited.  libmicrohttpd's
 * time-out is for inactivity only, so a client sending a byte a second
 * would hold a connection for ever; the main thread cuts off any whose
 * headers have not all arrived within the time-out (deadline_sweep).
 */
struct pending {
	struct MHD_Connection *conn; /* the connection (borrowed from libmicrohttpd) */
	int fd;                      /* its socket */
	atomic_llong since;          /* when its current request began (monotonic s) */
	atomic_bool awaiting;        /* its request's headers are not all here yet */
	bool nul;                    /* its current request's path or query held %00 */
	struct pending *prev, *next; /* the list of every open connection */
};

/* Every open connection: the list is guarded by pending_lock; since and
 * awaiting are atomic, so that a request marks its connection without the
 * lock every worker would share (issue 22); nul is only touched by the
 * connection's own worker. */
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pending *pending_head;

/* Every worker, so that they can be released at shutdown. */
static pthread_mutex_t workers_lock = PTHREAD_MUTEX_INITIALIZER;
static struct worker *workers[2 * WORKERS_MAX + 8];
static size_t nworkers;
/* This thread's worker (one per worker thread). */
static _Thread_local struct worker *thread_worker;

void
web_config_default(struct web_config *c)
{
	const char *assets = getenv("CAIRN_ASSETS");

	memset(c, 0, sizeof(*c));
	c->listen = "127.0.0.1:8080";
	c->assets_dir = assets != NULL && assets[0] != '\0'
	    ? assets
	    : "node_modules/@scottish-government/design-system/dist";
	c->workers = 4;
	c->max_connections = 512;
	c->per_ip = 256;
	c->timeout = 30;
	c->secure_cookies = true;
	c->limits = session_limits_default;
}

/* Returns this thread's worker, opening its connection on first use;
 * NULL if the database cannot be opened (logged). */
static struct worker *
worker_get(const struct web_config *cfg)
{
	struct cairn_err err = { 0 };
	struct worker *wk;

	if (thread_worker != NULL)
		return thread_worker;
	wk = xcalloc(1, sizeof(*wk));
	if (app_db_open(cfg->db_path, STORE_EXISTING, &wk->st, &err) != CAIRN_OK) {
		fprintf(stderr, "cairn serve: %s\n", err.msg);
		free(wk);
		return NULL;
	}
	pthread_mutex_lock(&workers_lock);
	if (nworkers < sizeof(workers) / sizeof(workers[0])) {
		workers[nworkers++] = wk;
		thread_worker = wk;
	}
	pthread_mutex_unlock(&workers_lock);
	if (thread_worker == NULL) {
		app_db_close(wk->st);
		free(wk);
	}
	return thread_worker;
}

/* Notes key as the request's refused query parameter (the first only). */
static void
query_mark_bad(struct web_req *r, const char *key)
{
	if (r->query_bad[0] != '\0')
		return;
	text_copy(r->query_bad, sizeof(r->query_bad), key != NULL ? key : "");
	text_utf8_repair(r->query_bad);
	if (r->query_bad[0] == '\0')
		text_copy(r->query_bad, sizeof(r->query_bad), "?");
}

/*
 * Collects the query string (MHD has decoded it) into r->query.  A
 * parameter that is not valid UTF-8, is over WEB_FIELD_LEN_MAX bytes or
 * comes after the first WEB_FIELDS_MAX is refused, not dropped (a filter
 * left out silently would answer with more than was asked for): it is
 * noted in r->query_bad, which on_request answers with 400.  Handlers see
 * only valid text.
 */
static enum MHD_Result
collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct web_req *r = cls;
	static const size_t cap_step = 8;

	(void)kind;
	if (key == NULL)
		return MHD_NO;
	if (r->nquery >= WEB_FIELDS_MAX) {
		query_mark_bad(r, key);
		return MHD_NO;
	}
	if (value == NULL)
		value = "";
	if (!text_utf8_valid(key, strlen(key)) || !text_utf8_valid(value, strlen(value)) ||
	    strlen(value) > WEB_FIELD_LEN_MAX) {
		query_mark_bad(r, key);
		return MHD_YES;
	}
	if (r->nquery % cap_step == 0)
		r->query = xreallocarray(r->query, r->nquery + cap_step, sizeof(*r->query));
	r->query[r->nquery].name = xstrdup(key);
	r->query[r->nquery].value = xstrdup(value);
	r->nquery++;
	return MHD_YES;
}

_Static_assert(WEB_FIELDS_MAX == 200 && WEB_FIELD_LEN_MAX == 65536,
    "query_refuse's messages name the limits");

/* Answers 400 for a query parameter collect_arg refused: a JSON error
 * naming it under /api/, a line of text elsewhere (as for a NUL). */
static void
query_refuse(const struct web_req *r, struct web_resp *w)
{
	static const char msg[] = "a parameter in the address is not valid UTF-8 text, is over "
	                          "65536 bytes or comes after the first 200";

	if (strncmp(r->path, "/api/", 5) == 0) {
		web_json_error(w, 400, msg, r->query_bad);
		return;
	}
	w->status = 400;
	w->content_type = "text/plain; charset=utf-8";
	buf_reset(&w->body);
	buf_puts(&w->body,
	    "A parameter in the address is not valid UTF-8 text, is over 65536 bytes or comes "
	    "after the first 200\n");
}

/* Fills r->address with the client's address. */
static void
client_address(struct MHD_Connection *conn, char *out, size_t outsz)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	text_copy(out, outsz, "unknown");
	if (ci == NULL || ci->client_addr == NULL)
		return;
	if (ci->client_addr->sa_family == AF_INET) {
		const struct sockaddr_in *in =
		    (const struct sockaddr_in *)(const void *)ci->client_addr;

		inet_ntop(AF_INET, &in->sin_addr, out, (socklen_t)outsz);
	} else if (ci->client_addr->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 =
		    (const struct sockaddr_in6 *)(const void *)ci->client_addr;

		inet_ntop(AF_INET6, &in6->sin6_addr, out, (socklen_t)outsz);
	}
}

/* Adds the headers every response carries. */
static void
add_headers(struct MHD_Response *resp, const struct web_resp *w)
{
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
	    "camera=(), microphone=(), geolocation=(), interest-cohort=()");
	MHD_add_response_header(resp, "Cache-Control",
	    w->cache_control != NULL ? w->cache_control
	        : w->cacheable       ? "public, max-age=86400"
	                             : "no-store");
	if (w->content_type != NULL)
		MHD_add_response_header(resp, "Content-Type", w->content_type);
	if (w->location != NULL)
		MHD_add_response_header(resp, "Location", w->location);
	if (w->disposition != NULL)
		MHD_add_response_header(resp, "Content-Disposition", w->disposition);
	for (size_t i = 0; i < w->ncookies; i++)
		MHD_add_response_header(resp, "Set-Cookie", w->cookies[i]);
}

/* Parses a numeric IPv4 or IPv6 address (n bytes at s, spaces around it
 * allowed) into out (16 bytes: IPv4 as ::ffff:a.b.c.d); false if it is none. */
static bool
parse_ip(const char *s, size_t n, unsigned char out[16])
{
	char tmp[INET6_ADDRSTRLEN + 1];
	unsigned char v4[4];

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(tmp))
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, v4) == 1) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, v4, 4);
		return true;
	}
	return inet_pton(AF_INET6, tmp, out) == 1;
}

/* True if the address ip is one of the comma-separated list. */
static bool
ip_in_list(const unsigned char ip[16], const char *list)
{
	for (const char *p = list; p != NULL && *p != '\0';) {
		const char *comma = strchr(p, ',');
		size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
		unsigned char x[16];

		if (parse_ip(p, n, x) && memcmp(x, ip, 16) == 0)
			return true;
		p = comma != NULL ? comma + 1 : NULL;
	}
	return false;
}

int
web_trusted_proxies_check(const char *list, struct cairn_err *err)
{
	for (const char *p = list; p != NULL;) {
		const char *comma = strchr(p, ',');
		size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
		unsigned char x[16];

		if (!parse_ip(p, n, x))
			return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID,
			    "trusted-proxy",
			    "the trusted proxy '%.*s' is not a numeric IPv4 or IPv6 address",
			    (int)(n < 64 ? n : 64), p);
		p = comma != NULL ? comma + 1 : NULL;
	}
	return CAIRN_OK;
}

/* Appends each X-Forwarded-For header's value to a comma-separated list. */
static enum MHD_Result
collect_forwarded(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct buf *b = cls;

	(void)kind;
	if (key != NULL && value != NULL && strcasecmp(key, "X-Forwarded-For") == 0)
		buf_printf(b, "%s%s", b->len ? "," : "", value);
	return MHD_YES;
}

/*
 * Behind a trusted proxy, replaces the peer's address in addr with the
 * client's: the rightmost X-Forwarded-For address that is not itself a
 * trusted proxy (what nginx's $proxy_add_x_forwarded_for appended).  From
 * any other peer the header is ignored, so a client cannot choose the
 * address its failed sign-ins count against.  A malformed entry stops the
 * walk and the peer's address stays.
 */
static void
forwarded_address(struct MHD_Connection *conn, const struct web_config *cfg, char *addr,
    size_t addrsz)
{
	struct buf xff = BUF_INIT;
	unsigned char ip[16];
	const char *s;
	size_t end;

	if (cfg->trusted_proxies == NULL || !parse_ip(addr, strlen(addr), ip) ||
	    !ip_in_list(ip, cfg->trusted_proxies))
		return;
	buf_init(&xff, 8192);
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_forwarded, &xff);
	s = buf_str(&xff);
	for (end = xff.len; end > 0 && !buf_failed(&xff);) {
		size_t start = end;

		while (start > 0 && s[start - 1] != ',')
			start--;
		if (!parse_ip(s + start, end - start, ip))
			break;
		if (!ip_in_list(ip, cfg->trusted_proxies)) {
			char shown[INET6_ADDRSTRLEN];
			bool v4 = memcmp(ip, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0;

			if (inet_ntop(v4 ? AF_INET : AF_INET6, v4 ? ip + 12 : ip, shown,
			        sizeof(shown)) != NULL)
				snprintf(addr, addrsz, "%s", shown);
			break;
		}
		end = start > 0 ? start - 1 : 0;
	}
	buf_free(&xff);
}

/* Sends a plain response for failures before dispatch (413, 500). */
static enum MHD_Result
send_simple(struct MHD_Connection *conn, int status, const char *text)
{
	struct web_resp w;
	struct MHD_Response *resp;
	enum MHD_Result ret;

	web_resp_init(&w);
	w.content_type = "text/plain; charset=utf-8";
	resp = MHD_create_response_from_buffer(strlen(text), (void *)(uintptr_t)text,
	    MHD_RESPMEM_PERSISTENT);
	add_headers(resp, &w);
	ret = MHD_queue_response(conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	web_resp_free(&w);
	return ret;
}

/* Maps a method name to enum web_method; HEAD is answered as GET (MHD
 * drops the body).  Returns false for anything else. */
static bool
parse_method(const char *m, enum web_method *out)
{
	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		*out = WM_GET;
	else if (strcmp(m, "POST") == 0)
		*out = WM_POST;
	else if (strcmp(m, "PUT") == 0)
		*out = WM_PUT;
	else if (strcmp(m, "DELETE") == 0)
		*out = WM_DELETE;
	else if (strcmp(m, "PATCH") == 0)
		*out = WM_PATCH;
	else
		return false;
	return true;
}

/* Seconds of the monotonic clock. */
static long long
mono_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec;
}

/* The monotonic clock in microseconds. */
static long long
mono_us(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000;
}

/* Marks conn as awaiting a request's headers from now (awaiting) or as
 * having them all (not awaiting).  Runs on conn's worker, without a lock:
 * the sweep reads the two atomics. */
static void
deadline_mark(struct MHD_Connection *conn, bool awaiting)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct pending *p = ci != NULL ? ci->socket_context : NULL;

	if (p == NULL)
		return;
	if (awaiting)
		p->nul = false; /* the next request starts clean */
	atomic_store(&p->since, mono_seconds());
	atomic_store(&p->awaiting, awaiting);
}

/* The CPUs the server may run on, one connection thread on each, and how
 * many threads have taken theirs (conn_thread_pin). */
static cpu_set_t conn_cpus;
static int conn_ncpus;
static atomic_uint conn_next;

/* Returns how many connection threads to start: one per CPU the process
 * may run on (its affinity, so a container's share), at most WORKERS_MAX;
 * notes those CPUs for conn_thread_pin. */
static unsigned
connection_threads(void)
{
	long n;

	atomic_store(&conn_next, 0);
	if (sched_getaffinity(0, sizeof(conn_cpus), &conn_cpus) == 0) {
		conn_ncpus = CPU_COUNT(&conn_cpus);
		n = conn_ncpus;
	} else {
		conn_ncpus = 0;
		n = sysconf(_SC_NPROCESSORS_ONLN);
	}
	return n < 1 ? 1 : n > WORKERS_MAX ? WORKERS_MAX : (unsigned)n;
}

/*
 * Keeps the calling connection thread on one CPU of its own, the first
 * time it takes a connection.  A thread that never moves keeps its
 * caches and is never woken on another core (issue 22: the p99 of cached
 * pages at 64 connections fell from 1.2 to 0.6 times nginx's).  The page
 * workers are not pinned: the scheduler places the long work.
 */
static void
conn_thread_pin(void)
{
	static _Thread_local bool pinned;
	cpu_set_t one;
	unsigned k;

	if (pinned)
		return;
	pinned = true;
	if (conn_ncpus < 2)
		return;
	k = atomic_fetch_add(&conn_next, 1) % (unsigned)conn_ncpus;
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &conn_cpus) || k-- > 0)
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		/* Not fatal: the thread then runs wherever the scheduler puts it. */
		(void)pthread_setaffinity_np(pthread_self(), sizeof(one), &one);
		return;
	}
}

/* Keeps the list of open connections (libmicrohttpd calls this when a
 * connection opens and when it closes, before its socket is closed). */
static void
on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
    enum MHD_ConnectionNotificationCode code)
{
	struct pending *p = *socket_context;
	const union MHD_ConnectionInfo *ci;

	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		conn_thread_pin();
		ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		p = xcalloc(1, sizeof(*p));
		p->conn = conn;
		p->fd = ci != NULL ? ci->connect_fd : -1;
		atomic_init(&p->awaiting, true);
		atomic_init(&p->since, mono_seconds());
		pthread_mutex_lock(&pending_lock);
		p->next = pending_head;
		if (pending_head != NULL)
			pending_head->prev = p;
		pending_head = p;
		pthread_mutex_unlock(&pending_lock);
		*socket_context = p;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && p != NULL) {
		pthread_mutex_lock(&pending_lock);
		if (p->prev != NULL)
			p->prev->next = p->next;
		else
			pending_head = p->next;
		if (p->next != NULL)
			p->next->prev = p->prev;
		pthread_mutex_unlock(&pending_lock);
		free(p);
		*socket_context = NULL;
	}
}

/* Shuts the socket of every connection that has been awaiting its
 * request's headers for timeout seconds or more; libmicrohttpd then sees
 * the end of the stream and closes it. */
static void
deadline_sweep(unsigned timeout)
{
	long long now = mono_seconds();

	pthread_mutex_lock(&pending_lock);
	for (struct pending *p = pending_head; p != NULL; p = p->next) {
		/* awaiting first: deadline_mark stores since before it. */
		if (atomic_load(&p->awaiting) && p->fd >= 0 &&
		    now - atomic_load(&p->since) >= (long long)timeout) {
			shutdown(p->fd, SHUT_RDWR);
			atomic_store(&p->since, now);
		}
	}
	pthread_mutex_unlock(&pending_lock);
}

/* Decodes %XX in the path and in each query name and value as
 * libmicrohttpd would, and notes on the connection a %00: C strings would
 * cut the text there (/assets/cairn.css%00.js served CSS), so on_request
 * answers 400 instead. */
static size_t
unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	size_t n;

	(void)cls;
	n = MHD_http_unescape(s);
	if (memchr(s, '\0', n) != NULL) {
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
		struct pending *p = ci != NULL ? ci->socket_context : NULL;

		if (p != NULL)
			p->nul = true;
	}
	return n;
}

/* True if conn's current request decoded a NUL in its path or query. */
static bool
request_had_nul(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	const struct pending *p = ci != NULL ? ci->socket_context : NULL;

	return p == NULL || p->nul;
}

/* Counts the Content-Length headers and notes whether any two differ. */
struct length_seen {
	const char *first;
	bool differ;
};

static enum MHD_Result
check_length(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct length_seen *ls = cls;

	(void)kind;
	if (key == NULL || strcasecmp(key, "Content-Length") != 0)
		return MHD_YES;
	if (value == NULL)
		value = "";
	if (ls->first == NULL)
		ls->first = value;
	else if (strcmp(ls->first, value) != 0)
		ls->differ = true;
	return MHD_YES;
}

/* Drops a response's reference to a cached page's body (libmicrohttpd
 * calls this when it no longer needs the body). */
static void
body_release(void *cls)
{
	web_body_release(cls);
}

/* Queues w as conn's answer, with the security headers, and releases the
 * request and the answer. */
static enum MHD_Result
respond(struct MHD_Connection *conn, const struct web_config *cfg, struct conn_ctx *ctx,
    struct web_req *r, struct web_resp *w)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if (buf_failed(&w->body)) {
		web_resp_free(w);
		web_req_free(r);
		return send_simple(conn, 500, "Response too large\n");
	}
	if (w->fd >= 0) {
		resp = MHD_create_response_from_fd(w->fd_size, w->fd);
	} else if (w->shared != NULL) {
		/* A cached page: sent from the cache's copy, which the response
		 * holds until libmicrohttpd has sent it. */
		struct web_body *b = web_body_hold(w->shared);

		resp = MHD_create_response_from_buffer_with_free_callback_cls(b->len, b->data,
		    body_release, b);
		if (resp == NULL)
			web_body_release(b);
	} else {
		size_t len = w->body.len;
		char *data = buf_take(&w->body);

		resp = MHD_create_response_from_buffer(len, data != NULL ? data : xstrdup(""),
		    MHD_RESPMEM_MUST_FREE);
	}
	if (resp == NULL) {
		web_resp_free(w);
		web_req_free(r);
		return MHD_NO;
	}
	add_headers(resp, w);
	if (cfg->timing)
		timing_add(&time_answered, mono_us() - ctx->begun);
	ret = MHD_queue_response(conn, (unsigned)w->status, resp);
	MHD_destroy_response(resp);
	web_resp_free(w);
	web_req_free(r);
	return ret;
}

/* Counts down jobs.busy when ctx's request, if it was handed to a page
 * worker, is finished (on_completed: once per request). */
static void
job_finish(struct conn_ctx *ctx)
{
	if (!ctx->handed)
		return;
	pthread_mutex_lock(&jobs.lock);
	jobs.busy--;
	pthread_cond_broadcast(&jobs.idle);
	pthread_mutex_unlock(&jobs.lock);
}

/* Hands ctx's request to the page workers and suspends conn until one
 * has answered it; false (nothing queued) if the server is stopping. */
static bool
job_hand(struct MHD_Connection *conn, struct conn_ctx *ctx)
{
	pthread_mutex_lock(&jobs.lock);
	if (jobs.stopping) {
		pthread_mutex_unlock(&jobs.lock);
		return false;
	}
	ctx->handed = true;
	ctx->conn = conn;
	ctx->next = NULL;
	atomic_store(&ctx->done, false);
	/* Suspended before any worker can resume it. */
	MHD_suspend_connection(conn);
	if (jobs.tail != NULL)
		jobs.tail->next = ctx;
	else
		jobs.head = ctx;
	jobs.tail = ctx;
	jobs.busy++;
	pthread_cond_signal(&jobs.ready);
	pthread_mutex_unlock(&jobs.lock);
	return true;
}

/* A page worker: answers handed requests with web_dispatch() on its own
 * connection and cache, and resumes their connections, until the server
 * stops and the queue is empty. */
static void *
page_worker(void *cls)
{
	const struct web_config *cfg = cls;

	for (;;) {
		struct conn_ctx *job;
		struct MHD_Connection *conn;
		struct worker *wk;

		pthread_mutex_lock(&jobs.lock);
		while (jobs.head == NULL && !jobs.stopping)
			pthread_cond_wait(&jobs.ready, &jobs.lock);
		job = jobs.head;
		if (job != NULL) {
			jobs.head = job->next;
			if (jobs.head == NULL)
				jobs.tail = NULL;
		}
		pthread_mutex_unlock(&jobs.lock);
		if (job == NULL)
			break;
		web_resp_init(&job->resp);
		if ((wk = worker_get(cfg)) == NULL) {
			job->resp.status = 500;
			job->resp.content_type = "text/plain; charset=utf-8";
			buf_puts(&job->resp.body, "The database is not available\n");
		} else {
			job->req.st = wk->st;
			job->req.cache = cfg->no_cache ? NULL : &wk->cache;
			web_dispatch(&job->req, &job->resp);
			job->req.st = NULL;
			job->req.cache = NULL;
		}
		/* After done, the connection thread owns job: only conn is used. */
		conn = job->conn;
		atomic_store(&job->done, true);
		MHD_resume_connection(conn);
	}
	return NULL;
}

/* The access handler: called once with the headers, once per piece of
 * the body, once more (with *upload_size 0) when the body is complete,
 * and once again when a page worker has answered a handed request. */
static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
    const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	const struct web_config *cfg = cls;
	struct conn_ctx *ctx = *con_cls;
	struct worker *wk;
	struct web_req *r;
	struct web_resp w;

	(void)version;
	if (ctx == NULL) {
		struct length_seen ls = { 0 };

		deadline_mark(conn, false);
		MHD_get_connection_values(conn, MHD_HEADER_KIND, check_length, &ls);
		if (ls.differ)
			return send_simple(conn, 400, "Conflicting Content-Length headers\n");
		if (request_had_nul(conn))
			return send_simple(conn, 400, "A NUL character (%00) in the address\n");
		ctx = xcalloc(1, sizeof(*ctx));
		if (cfg->timing)
			ctx->begun = mono_us();
		buf_init(&ctx->body, WEB_BODY_MAX + 1);
		web_resp_init(&ctx->resp);
		*con_cls = ctx;
		return MHD_YES;
	}
	r = &ctx->req;
	if (ctx->handed) {
		/* Resumed: a page worker has answered.  This thread's cache keeps
		 * its session and page for the connection's next request. */
		if (!atomic_load(&ctx->done))
			return MHD_NO;
		wk = worker_get(cfg);
		if (wk != NULL && !cfg->no_cache)
			web_cache_adopt(&wk->cache, r, &ctx->resp);
		return respond(conn, cfg, ctx, r, &ctx->resp);
	}
	if (*upload_size > 0) {
		if (!ctx->too_big) {
			if (ctx->body.len + *upload_size > WEB_BODY_MAX)
				ctx->too_big = true;
			else
				buf_append(&ctx->body, upload, *upload_size);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (ctx->too_big || buf_failed(&ctx->body))
		return send_simple(conn, 413, "Request body too large\n");
	if (!parse_method(method, &r->method))
		return send_simple(conn, 405, "Method not allowed\n");
	r->cfg = cfg;
	r->path = url;
	r->body = buf_str(&ctx->body);
	r->body_len = ctx->body.len;
	r->content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	r->origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
	r->fetch_site = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Sec-Fetch-Site");
	r->host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host");
	r->authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
	r->cookie_session =
	    MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, web_cookie_session(cfg));
	r->cookie_pre = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, web_cookie_pre(cfg));
	client_address(conn, r->address, sizeof(r->address));
	forwarded_address(conn, cfg, r->address, sizeof(r->address));
	r->actor = actor_account("anonymous", false, r->address);
	if ((wk = worker_get(cfg)) == NULL)
		return send_simple(conn, 500, "The database is not available\n");
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, r);
	if (!web_req_decode_body(r)) {
		web_req_free(r);
		return send_simple(conn, 400, "Malformed form data\n");
	}
	web_resp_init(&w);
	if (r->query_bad[0] != '\0') {
		query_refuse(r, &w);
		return respond(conn, cfg, ctx, r, &w);
	}
	/* The cached pages here, at once; the rest on a page worker. */
	r->st = wk->st;
	r->cache = cfg->no_cache ? NULL : &wk->cache;
	if (web_dispatch_cached(r, &w))
		return respond(conn, cfg, ctx, r, &w);
	r->st = NULL;
	r->cache = NULL;
	if (job_hand(conn, ctx))
		return MHD_YES;
	web_req_free(r);
	return send_simple(conn, 503, "The server is stopping\n");
}

/* Frees the per-connection state when a request ends. */
static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx *ctx = *con_cls;

	(void)cls;
	(void)toe;
	deadline_mark(conn, true);
	if (ctx == NULL)
		return;
	if (ctx->begun != 0)
		timing_add(&time_sent, mono_us() - ctx->begun);
	job_finish(ctx);
	web_req_free(&ctx->req);
	web_resp_free(&ctx->resp);
	buf_free(&ctx->body);
	free(ctx);
	*con_cls = NULL;
}

/* Binds and listens on "HOST:PORT" (IPv4 or [IPv6]); returns the socket
 * or -1 with err set.  Writes the bound address into shown. */
static int
bind_listen(const char *listen_on, char *shown, size_t shownsz, struct cairn_err *err)
{
	char host[256], port[16];
	const char *colon = strrchr(listen_on, ':');
	struct addrinfo hints, *ai = NULL;
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	char addr[INET6_ADDRSTRLEN];
	size_t hl;
	int fd = -1, one = 1, gai;

	if (colon == NULL || colon == listen_on ||
	    (hl = (size_t)(colon - listen_on)) >= sizeof(host) ||
	    !text_copy(port, sizeof(port), colon + 1) || port[0] == '\0')
		goto usage;
	memcpy(host, listen_on, hl);
	host[hl] = '\0';
	if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
		memmove(host, host + 1, hl - 2);
		host[hl - 2] = '\0';
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	if ((gai = getaddrinfo(host, port, &hints, &ai)) != 0)
		goto usage;
	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 256) != 0) {
		cairn_errf(err, CAIRN_ECANTCREAT, "cannot listen on %s: %s", listen_on,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	if (getsockname(fd, (struct sockaddr *)&ss, &sslen) == 0) {
		if (ss.ss_family == AF_INET6) {
			const struct sockaddr_in6 *a =
			    (const struct sockaddr_in6 *)(const void *)&ss;

			inet_ntop(AF_INET6, &a->sin6_addr, addr, sizeof(addr));
			snprintf(shown, shownsz, "[%s]:%u", addr, ntohs(a->sin6_port));
		} else {
			const struct sockaddr_in *a = (const struct sockaddr_in *)(const void *)&ss;

			inet_ntop(AF_INET, &a->sin_addr, addr, sizeof(addr));
			snprintf(shown, shownsz, "%s:%u", addr, ntohs(a->sin_port));
		}
	}
	return fd;
usage:
	cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "listen",
	    "the address to listen on, '%s', is not HOST:PORT with a numeric address, "
	    "e.g. 127.0.0.1:8080 or [::1]:8080",
	    listen_on);
	return -1;
}

/* Checks the database and assets before starting, and removes expired
 * sessions. */
static int
preflight(const struct web_config *c, struct cairn_err *err)
{
	struct store *st = NULL;
	char css[4096];
	struct stat sb;
	long long now = (long long)time(NULL);
	int rc;

	if ((rc = app_db_open(c->db_path, STORE_EXISTING, &st, err)) != CAIRN_OK)
		return rc;
	if (app_db_session_purge(st, now - c->limits.absolute, now - c->limits.idle, NULL) !=
	    CAIRN_OK) {
		/* Not fatal: the next request or start-up tries again. */
	}
	app_db_close(st);
	snprintf(css, sizeof(css), "%s/css/design-system.min.css", c->assets_dir);
	if (stat(css, &sb) != 0)
		fprintf(stderr,
		    "cairn serve: warning: no design system at %s (looked %s); run 'npm ci' "
		    "in the source tree, set CAIRN_ASSETS or give --assets DIR; pages will "
		    "have no styles\n",
		    c->assets_dir, web_assets_searched());
	return CAIRN_OK;
}

/* Lets the page workers answer everything handed to them and the
 * connection threads send those answers, then stops the workers and
 * waits for the first started of them to leave. */
static void
jobs_stop(pthread_t *threads, size_t started)
{
	pthread_mutex_lock(&jobs.lock);
	while (jobs.busy > 0)
		pthread_cond_wait(&jobs.idle, &jobs.lock);
	jobs.stopping = true;
	pthread_cond_broadcast(&jobs.ready);
	pthread_mutex_unlock(&jobs.lock);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}

int
web_serve(const struct web_config *c, struct cairn_err *err)
{
	struct MHD_Daemon *d;
	sigset_t set, old;
	char shown[300] = "";
	MHD_socket quiesced;
	pthread_t threads[WORKERS_MAX];
	size_t started = 0;
	int fd, sig = 0, rc;

	if (c->workers < 1 || c->workers > WORKERS_MAX)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "workers",
		    "the number of workers must be 1 to %d", WORKERS_MAX);
	if (sodium_init() < 0)
		return cairn_errf(err, CAIRN_ESOFTWARE, "libsodium could not start");
	if ((rc = preflight(c, err)) != CAIRN_OK)
		return rc;
	if ((fd = bind_listen(c->listen, shown, sizeof(shown), err)) < 0)
		return err->rc;
	/* Block the stop signals in every thread; this one waits for them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	signal(SIGPIPE, SIG_IGN);
	jobs.head = jobs.tail = NULL;
	jobs.busy = 0;
	jobs.stopping = false;
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
	        MHD_ALLOW_SUSPEND_RESUME,
	    0, NULL, NULL, on_request, (void *)(uintptr_t)c, MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_THREAD_POOL_SIZE, connection_threads(), MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned int)c->max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	    (unsigned int)c->per_ip, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)c->timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY, MHD_OPTION_STRICT_FOR_CLIENT,
	    (int)1, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_NOTIFY_COMPLETED,
	    on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL, MHD_OPTION_END);
	if (d == NULL) {
		close(fd);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return cairn_errf(err, CAIRN_ESOFTWARE, "cannot start the HTTP server on %s",
		    c->listen);
	}
	while (started < c->workers &&
	    pthread_create(&threads[started], NULL, page_worker, (void *)(uintptr_t)c) == 0)
		started++;
	if (started < c->workers) {
		jobs_stop(threads, started);
		MHD_stop_daemon(d); /* closes the listening socket */
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return cairn_errf(err, CAIRN_ESOFTWARE, "cannot start %u page workers", c->workers);
	}
	printf("listening on http://%s\n", shown);
	fflush(stdout);
	/* Wait for a stop signal, cutting off slow senders once a second. */
	for (;;) {
		const struct timespec tick = { 1, 0 };

		sig = sigtimedwait(&set, NULL, &tick);
		if (sig == SIGINT || sig == SIGTERM)
			break;
		deadline_sweep(c->timeout);
	}
	fprintf(stderr, "cairn serve: %s received; finishing requests in progress\n",
	    sig == SIGINT ? "SIGINT" : "SIGTERM");
	/* Stop accepting, let the page workers answer what they were given,
	 * then let the connection threads finish what they are doing. */
	quiesced = MHD_quiesce_daemon(d);
	jobs_stop(threads, started);
	MHD_stop_daemon(d);
	if (quiesced != MHD_INVALID_SOCKET)
		close(fd); /* otherwise MHD closed it */
	pthread_mutex_lock(&workers_lock);
	for (size_t i = 0; i < nworkers; i++) {
		web_cache_free(&workers[i]->cache);
		app_db_close(workers[i]->st);
		free(workers[i]);
	}
	nworkers = 0;
	pthread_mutex_unlock(&workers_lock);
	if (c->timing) {
		timing_report(&time_answered, "cairn serve: answered", stderr);
		timing_report(&time_sent, "cairn serve: sent", stderr);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return CAIRN_OK;
}
