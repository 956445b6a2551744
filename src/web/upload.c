/*
 * Uploaded files kept on disk while an import reads them: see web_upload_save() in http.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/setup/inspection.h"
#include "app/records/population.h"
#include "app/records/reader.h"
#include "app/records/reading.h"
#include "app/access/role.h"
#include "app/records/sample.h"
#include "app/setup/team.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/account.h"
#include "core/database.h"
#include "core/model.h"
#include "core/records.h"
#include "core/work.h"
#include "web/http.h"
#include "web/pages.h"

/* ---- uploads ---- */

int
web_upload_save(const struct form_file *f, const char *fallback, struct web_upload *u,
    struct cairn_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char name[101];
	size_t n = 0;
	int fd;

	memset(u, 0, sizeof(*u));
	for (const char *c = f->filename; *c != '\0' && n < sizeof(name) - 1; c++) {
		unsigned char ch = (unsigned char)*c;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || (ch == '.' && n > 0))
			name[n++] = (char)ch;
	}
	name[n] = '\0';
	if (n == 0)
		text_copy(name, sizeof(name), fallback);
	if (tmp == NULL || tmp[0] != '/' || strlen(tmp) > 32)
		tmp = "/tmp";
	snprintf(u->dir, sizeof(u->dir), "%s/cairn-upload-XXXXXX", tmp);
	if (mkdtemp(u->dir) == NULL) {
		u->dir[0] = '\0';
		return cairn_errf(err, CAIRN_ECANTCREAT,
		    "cannot make a directory for the upload: %s", strerror(errno));
	}
	snprintf(u->path, sizeof(u->path), "%s/%s", u->dir, name);
	fd = open(u->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot write the upload: %s",
		    strerror(errno));
	for (size_t off = 0; off < f->len;) {
		ssize_t k = write(fd, f->data + off, f->len - off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			close(fd);
			return cairn_errf(err, CAIRN_ECANTCREAT, "cannot write the upload: %s",
			    strerror(errno));
		}
		off += (size_t)k;
	}
	if (close(fd) != 0)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot write the upload: %s",
		    strerror(errno));
	return CAIRN_OK;
}

/* Removes what web_upload_save made. */
void
web_upload_remove(struct web_upload *u)
{
	if (u->path[0] != '\0')
		(void)unlink(u->path);
	if (u->dir[0] != '\0')
		(void)rmdir(u->dir);
	memset(u, 0, sizeof(*u));
}
