/*
 * Front-end assets: the design system's CSS, scripts and icons from the
 * directory npm installed them in (--assets, or found by
 * web_assets_locate()), and Cairn's own small stylesheet and script
 * compiled into the binary.  Nothing comes from a CDN.  Paths are checked
 * against a strict alphabet and list of types.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/embed.h"
#include "web/http.h"
#include "web/pages.h"
#include "web/web.h"

/* The design system's dist/ below a source tree or an npm project. */
#define DS_DIST "node_modules/@scottish-government/design-system/dist"

/* Returns true if dir holds the design system's stylesheet. */
static bool
ds_present(const char *dir)
{
	char css[PATH_MAX + 64];
	struct stat sb;

	if ((size_t)snprintf(css, sizeof(css), "%s/css/design-system.min.css", dir) >= sizeof(css))
		return false;
	return stat(css, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Where web_assets_locate() last looked, for the operator's warning. */
static char searched[3 * PATH_MAX];

const char *
web_assets_locate(const char *source_root, const char *datadir)
{
	static char found[PATH_MAX + 64];
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	snprintf(searched, sizeof(searched),
	    "beside the program, in %s/" DS_DIST ", in %s/design-system and in ./" DS_DIST,
	    source_root, datadir);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		/* build/cairn in a source tree; PREFIX/bin/cairn installed. */
		snprintf(found, sizeof(found), "%s/../" DS_DIST, exe);
		if (ds_present(found))
			return found;
		snprintf(found, sizeof(found), "%s/../share/cairn/design-system", exe);
		if (ds_present(found))
			return found;
	}
	snprintf(found, sizeof(found), "%s/" DS_DIST, source_root);
	if (ds_present(found))
		return found;
	snprintf(found, sizeof(found), "%s/design-system", datadir);
	if (ds_present(found))
		return found;
	if (ds_present(DS_DIST))
		return DS_DIST;
	return NULL;
}

const char *
web_assets_searched(void)
{
	return searched[0] != '\0' ? searched : "only where --assets or CAIRN_ASSETS said";
}

/* File types served, by extension. */
static const struct {
	const char *ext;  /* extension with its dot */
	const char *type; /* Content-Type */
} types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".map", "application/json" },
	{ ".png", "image/png" },
	{ ".woff2", "font/woff2" },
	{ ".woff", "font/woff" },
};

/* Returns the Content-Type for a path, or NULL if the type is not served. */
static const char *
type_of(const char *path)
{
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t e = strlen(types[i].ext);

		if (n > e && strcmp(path + n - e, types[i].ext) == 0)
			return types[i].type;
	}
	return NULL;
}

/* Returns true if rel is a plain relative path: [A-Za-z0-9._-/], no "..",
 * no empty or hidden segments. */
static bool
path_ok(const char *rel)
{
	size_t n = strlen(rel);

	if (n == 0 || n > 200 || rel[0] == '/' || rel[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = rel[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		        c == '.' || c == '_' || c == '-' || c == '/'))
			return false;
		if (c == '/' && (rel[i + 1] == '/' || rel[i + 1] == '.' || rel[i + 1] == '\0'))
			return false;
	}
	return strstr(rel, "..") == NULL;
}

void
asset_ds(struct web_req *r, struct web_resp *w)
{
	const char *rel = r->args[0], *type = type_of(rel);
	char path[4096];
	struct stat sb;
	int fd;

	if (!path_ok(rel) || type == NULL) {
		w->status = 404;
		w->content_type = "text/plain; charset=utf-8";
		buf_puts(&w->body, "not found\n");
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", r->cfg->assets_dir, rel);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		w->status = 404;
		w->content_type = "text/plain; charset=utf-8";
		buf_puts(&w->body, "not found\n");
		return;
	}
	w->fd = fd; /* MHD closes it */
	w->fd_size = (size_t)sb.st_size;
	w->content_type = type;
	w->cacheable = true;
}

void
asset_own(struct web_req *r, struct web_resp *w)
{
	char name[256];
	const struct embed_file *f;
	const char *type = type_of(r->args[0]);

	snprintf(name, sizeof(name), "web/%s", r->args[0]);
	if (!path_ok(r->args[0]) || type == NULL || strchr(r->args[0], '/') != NULL ||
	    (f = embed_find(name)) == NULL) {
		w->status = 404;
		w->content_type = "text/plain; charset=utf-8";
		buf_puts(&w->body, "not found\n");
		return;
	}
	buf_append(&w->body, f->data, f->len);
	w->content_type = type;
	w->cacheable = true;
}
