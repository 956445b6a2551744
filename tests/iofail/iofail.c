/*
 * An LD_PRELOAD shim for I/O failure injection tests (tests/e2e/iofail.sh):
 * makes writes and syncs of files under a directory fail, so that a full
 * disk, a failing disk or a read-only directory can be tested without root
 * and without a special file system.  Only files whose path starts with
 * IOFAIL_DIR are affected; the terminal, pipes and other files work.
 *
 * Environment:
 *   IOFAIL_DIR    the directory (required; nothing fails without it)
 *   IOFAIL_MODE   "write": write/pwrite/pwrite64/writev fail (ENOSPC unless
 *                 IOFAIL_ERRNO=EIO) after IOFAIL_AFTER successful ones;
 *                 "sync": fsync/fdatasync fail with EIO after IOFAIL_AFTER;
 *                 "rodir": creating or removing a file in the directory
 *                 fails with EACCES, as in a directory without write
 *                 permission (which root would ignore)
 *   IOFAIL_AFTER  how many calls succeed first (default 0)
 */
/* Both open and open64, pwrite and pwrite64 are defined here. */
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

/* Calls counted so far (not thread-safe: the tests run one thread). */
static long iofail_calls;

/* Returns true if path is under IOFAIL_DIR. */
static int
under_dir(const char *path)
{
	const char *dir = getenv("IOFAIL_DIR");
	size_t n;

	if (dir == NULL || dir[0] == '\0' || path == NULL)
		return 0;
	n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Returns true if fd is a file under IOFAIL_DIR. */
static int
fd_under_dir(int fd)
{
	char link[64], path[4096];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	return under_dir(path);
}

/* Returns true if this call in mode should fail, setting errno. */
static int
should_fail(const char *mode, int fd)
{
	const char *m = getenv("IOFAIL_MODE"), *after = getenv("IOFAIL_AFTER"), *e;

	if (m == NULL || strcmp(m, mode) != 0 || !fd_under_dir(fd))
		return 0;
	if (iofail_calls++ < (after != NULL ? strtol(after, NULL, 10) : 0))
		return 0;
	e = getenv("IOFAIL_ERRNO");
	errno = strcmp(mode, "sync") == 0 || (e != NULL && strcmp(e, "EIO") == 0) ? EIO : ENOSPC;
	return 1;
}

/* Returns true if creating or removing path should fail (rodir mode). */
static int
rodir_refuses(const char *path, int creating)
{
	const char *m = getenv("IOFAIL_MODE");
	struct stat sb;
	char abs[4096];

	if (m == NULL || strcmp(m, "rodir") != 0 || path == NULL)
		return 0;
	if (path[0] != '/') {
		if (getcwd(abs, sizeof(abs) - 1) == NULL)
			return 0;
		snprintf(abs + strlen(abs), sizeof(abs) - strlen(abs), "/%s", path);
		path = abs;
	}
	if (!under_dir(path))
		return 0;
	if (creating && stat(path, &sb) == 0)
		return 0; /* opening an existing file is allowed */
	errno = EACCES;
	return 1;
}

/* Returns the next definition of a function (libc's), as its own type
 * (memcpy: ISO C has no cast between object and function pointers). */
static void *
next_symbol(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}
#define REAL(name)                                                                                 \
	(__extension__({                                                                           \
		__typeof__(&name) f_;                                                              \
		void *p_ = next_symbol(#name);                                                     \
		memcpy(&f_, &p_, sizeof(f_));                                                      \
		f_;                                                                                \
	}))

ssize_t
write(int fd, const void *buf, size_t n)
{
	if (should_fail("write", fd))
		return -1;
	return REAL(write)(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	if (should_fail("write", fd))
		return -1;
	return REAL(pwrite)(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	if (should_fail("write", fd))
		return -1;
	return REAL(pwrite64)(fd, buf, n, off);
}

ssize_t
writev(int fd, const struct iovec *iov, int cnt)
{
	if (should_fail("write", fd))
		return -1;
	return REAL(writev)(fd, iov, cnt);
}

int
fsync(int fd)
{
	if (should_fail("sync", fd))
		return -1;
	return REAL(fsync)(fd);
}

int
fdatasync(int fd)
{
	if (should_fail("sync", fd))
		return -1;
	return REAL(fdatasync)(fd);
}

int
open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
		if (rodir_refuses(path, 1))
			return -1;
	}
	return REAL(open)(path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
		if (rodir_refuses(path, 1))
			return -1;
	}
	return REAL(open64)(path, flags, mode);
}

int
unlink(const char *path)
{
	if (rodir_refuses(path, 0))
		return -1;
	return REAL(unlink)(path);
}
