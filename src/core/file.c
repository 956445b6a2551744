/* Input and output files: see file.h. */
#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"

int
file_read_all(const char *path, size_t max, char **out, size_t *len, struct cairn_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	char *data = NULL;
	size_t n = 0;
	int rc = CAIRN_OK;

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return cairn_errf(err, CAIRN_ENOINPUT, "cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		rc = cairn_errf(err, CAIRN_ENOINPUT, "cannot read %s: not a regular file", path);
		goto out;
	}
	if ((size_t)sb.st_size > max) {
		rc = cairn_errf(err, CAIRN_EDATA, "%s is too large (%lld bytes; the limit is %zu)",
		    path, (long long)sb.st_size, max);
		goto out;
	}
	data = xmalloc((size_t)sb.st_size + 1);
	while (n < (size_t)sb.st_size) {
		ssize_t r = read(fd, data + n, (size_t)sb.st_size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = cairn_errf(err, CAIRN_ENOINPUT, "cannot read %s: %s", path,
			    strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	data[n] = '\0';
	*out = data;
	*len = n;
	data = NULL;
out:
	free(data);
	close(fd);
	return rc;
}

int
file_write_atomic(const char *path, const void *data, size_t len, struct cairn_err *err)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	const char *p = data;
	size_t done = 0;
	int fd, rc = CAIRN_OK;

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc =
		    cairn_errf(err, CAIRN_ECANTCREAT, "cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return rc;
	}
	while (done < len) {
		ssize_t w = write(fd, p + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot write %s: %s", path,
			    strerror(errno));
			break;
		}
		done += (size_t)w;
	}
	if (rc == CAIRN_OK && fsync(fd) != 0)
		rc =
		    cairn_errf(err, CAIRN_ECANTCREAT, "cannot write %s: %s", path, strerror(errno));
	if (close(fd) != 0 && rc == CAIRN_OK)
		rc =
		    cairn_errf(err, CAIRN_ECANTCREAT, "cannot write %s: %s", path, strerror(errno));
	if (rc == CAIRN_OK && rename(tmp, path) != 0)
		rc =
		    cairn_errf(err, CAIRN_ECANTCREAT, "cannot write %s: %s", path, strerror(errno));
	if (rc != CAIRN_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}
