/* cairn serve: run the web application; cairn backup FILE; cairn restore BACKUP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn_config.h"
#include "app/access/account.h"
#include "app/access/role.h"
#include "app/access/backup.h"
#include "app/access/db.h"
#include "cli/cli.h"
#include "core/text.h"
#include "core/account.h"
#include "web/web.h"

/* Parses an optional whole-number option into *out within [min, max]. */
static int
opt_number(struct cli *c, const char *name, const char *text, long min, long max, long *out)
{
	if (text == NULL)
		return CAIRN_OK;
	if (!text_parse_long(text, min, max, out))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--%s '%s' is not a whole number from %ld "
		    "to %ld",
		    name, text, min, max);
	return CAIRN_OK;
}

int
cmd_serve(struct cli *c, int argc, char **argv)
{
	struct web_config cfg;
	const char *listen = NULL, *workers = NULL, *assets = NULL, *idle = NULL, *absolute = NULL;
	const char *maxconn = NULL, *perip = NULL, *timeout = NULL, *proxies = NULL, *pos[1];
	bool insecure = false, routes = false, no_cache = false, timing = false;
	const struct cli_opt opts[] = {
		{ "listen", &listen, NULL,
		    "HOST:PORT  address to listen on (default 127.0.0.1:8080)" },
		{ "workers", &workers, NULL,
		    "N  page workers: threads that build every answer the connection threads "
		    "(one per CPU) do not hold in their caches, each with its own connection (4)" },
		{ "assets", &assets, NULL,
		    "DIR  design system dist/ directory (default $CAIRN_ASSETS, else found "
		    "beside the program, in the source tree or the installed data directory)" },
		{ "insecure-cookies", NULL, &insecure,
		    "cookies without Secure, for plain-HTTP local use" },
		{ "idle-timeout", &idle, NULL, "SECONDS  sign out after this long idle (1800)" },
		{ "session-timeout", &absolute, NULL,
		    "SECONDS  sign out this long after sign-in (43200)" },
		{ "max-connections", &maxconn, NULL, "N  connections at once (512)" },
		{ "per-ip", &perip, NULL, "N  connections per client address (256)" },
		{ "timeout", &timeout, NULL, "SECONDS  idle connection time-out (30)" },
		{ "no-cache", NULL, &no_cache,
		    "no per-worker session and page cache (for comparison)" },
		{ "timing", NULL, &timing,
		    "time each request inside the server; print the quantiles when stopped" },
		{ "routes", NULL, &routes, "print the route table as JSON and exit" },
		{ "trusted-proxy", &proxies, NULL,
		    "ADDR[,ADDR...]  believe X-Forwarded-For from these proxies only (none)" },
		{ NULL, NULL, NULL, NULL },
	};
	long n;
	int rc;

	web_config_default(&cfg);
	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 0,
	         "[--listen HOST:PORT] [--workers N] [--assets DIR] [--insecure-cookies]",
	         "Run the web application until SIGTERM or SIGINT.  Put nginx in front of it\n"
	         "for TLS (docs/deployment.md).  Accounts: 'cairn user add'.")) != 0)
		return rc;
	if (routes) {
		cli_print_json(web_routes_json());
		return CAIRN_OK;
	}
	cfg.db_path = c->db_path;
	if (listen != NULL)
		cfg.listen = listen;
	if (assets != NULL)
		cfg.assets_dir = assets;
	else if (getenv("CAIRN_ASSETS") == NULL || getenv("CAIRN_ASSETS")[0] == '\0') {
		const char *found = web_assets_locate(CAIRN_SOURCE_ROOT, CAIRN_DATADIR);

		if (found != NULL)
			cfg.assets_dir = found;
	}
	cfg.secure_cookies = !insecure;
	cfg.no_cache = no_cache;
	cfg.timing = timing;
	if (proxies != NULL && (rc = web_trusted_proxies_check(proxies, &c->err)) != CAIRN_OK)
		return rc;
	cfg.trusted_proxies = proxies;
	n = (long)cfg.workers;
	if ((rc = opt_number(c, "workers", workers, 1, 64, &n)) != 0)
		return rc;
	cfg.workers = (unsigned)n;
	n = cfg.limits.idle;
	if ((rc = opt_number(c, "idle-timeout", idle, 1, 7 * 86400, &n)) != 0)
		return rc;
	cfg.limits.idle = n;
	n = cfg.limits.absolute;
	if ((rc = opt_number(c, "session-timeout", absolute, 1, 30 * 86400, &n)) != 0)
		return rc;
	cfg.limits.absolute = n;
	n = (long)cfg.max_connections;
	if ((rc = opt_number(c, "max-connections", maxconn, 1, 100000, &n)) != 0)
		return rc;
	cfg.max_connections = (unsigned)n;
	n = (long)cfg.per_ip;
	if ((rc = opt_number(c, "per-ip", perip, 1, 100000, &n)) != 0)
		return rc;
	cfg.per_ip = (unsigned)n;
	n = (long)cfg.timeout;
	if ((rc = opt_number(c, "timeout", timeout, 1, 3600, &n)) != 0)
		return rc;
	cfg.timeout = (unsigned)n;
	return web_serve(&cfg, &c->err);
}

int
cmd_backup(struct cli *c, int argc, char **argv)
{
	struct backup_summary sum;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "FILE",
	         "Back up the database, its evidence files, its audit key and anchor as one\n"
	         "unit, safely while the server runs: FILE (the database, by SQLite's online\n"
	         "backup API), FILE.files/, FILE.key, FILE.anchor and FILE.manifest (their\n"
	         "SHA-256 hashes, in sha256sum's format).  Restore with cairn restore FILE\n"
	         "(docs/deployment.md).")) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = cli_authorise(c, 0, ACTION_MANAGE_ACCOUNTS)) != 0 ||
	    (rc = app_audit_event(c->st, cli_actor(c), "backup", 0, pos[0], &c->err)) != 0 ||
	    (rc = app_backup(c->st, pos[0], &sum, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(
		    json_pack("{s:s, s:s, s:I, s:I}", "database", c->db_path, "backup", pos[0],
		        "files", (json_int_t)sum.files, "audit_entries", (json_int_t)sum.entries));
	else
		printf("backed up %s to %s (%ld evidence files, %ld audit entries; manifest "
		       "%s.manifest)\n",
		    c->db_path, pos[0], sum.files, sum.entries, pos[0]);
	return CAIRN_OK;
}

int
cmd_restore(struct cli *c, int argc, char **argv)
{
	struct backup_summary sum;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "BACKUP",
	         "Restore a backup made by cairn backup into the database named by --db (or\n"
	         "CAIRN_DB), which must not exist: every file is checked against the backup's\n"
	         "manifest first, and a backup that does not match is refused.  The restored\n"
	         "audit log is verified, and the restore is recorded in it.")) != 0)
		return rc;
	if ((rc = app_restore(pos[0], c->db_path, &sum, &c->err)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_audit_event(c->st, cli_actor(c), "restore", 0, pos[0], &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(
		    json_pack("{s:s, s:s, s:I, s:I}", "database", c->db_path, "backup", pos[0],
		        "files", (json_int_t)sum.files, "audit_entries", (json_int_t)sum.entries));
	else
		printf("restored %s from %s (%ld evidence files, %ld audit entries verified)\n",
		    c->db_path, pos[0], sum.files, sum.entries);
	return CAIRN_OK;
}
