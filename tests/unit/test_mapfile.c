/* Unit tests for core/mapfile: what is mapped, and the guard against a
 * file shortened while it is read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/err.h"
#include "core/mapfile.h"

/* Writes n bytes of 'x' to a new temporary file; returns its path
 * (static buffer). */
static const char *
temp_file(size_t n)
{
	static char path[64];
	char chunk[4096];
	int fd;

	snprintf(path, sizeof(path), "/tmp/cairn-mapfile-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	memset(chunk, 'x', sizeof(chunk));
	for (size_t done = 0; done < n;) {
		size_t k = n - done < sizeof(chunk) ? n - done : sizeof(chunk);

		assert_int_equal(write(fd, chunk, k), (ssize_t)k);
		done += k;
	}
	close(fd);
	return path;
}

static void
test_maps_a_regular_file(void **state)
{
	struct mapfile m;
	const char *path = temp_file(10000);

	(void)state;
	assert_true(mapfile_open(&m, path));
	assert_int_equal(m.n, 10000);
	assert_int_equal(m.data[0], 'x');
	assert_int_equal(m.data[9999], 'x');
	mapfile_close(&m);
	assert_null(m.data);
	assert_int_equal(m.fd, -1);
	mapfile_close(&m); /* twice is harmless */
	unlink(path);
}

static void
test_refuses_what_it_cannot_map(void **state)
{
	struct mapfile m;
	const char *path = temp_file(0);

	(void)state;
	assert_false(mapfile_open(&m, path)); /* empty */
	assert_null(m.data);
	assert_int_equal(m.fd, -1);
	unlink(path);
	assert_false(mapfile_open(&m, path));   /* missing */
	assert_false(mapfile_open(&m, "/tmp")); /* a directory */
	assert_int_equal(m.fd, -1);
}

/* A file shortened while mapped: reading past its new end ends the
 * process with exit 74 and the message, not a crash by SIGBUS.  The
 * mapping is made in the child, after cmocka has set its own handlers. */
static void
test_shortened_file_exits_74(void **state)
{
	const char *path = temp_file(1 << 20);
	int errpipe[2], status = 0;
	char msg[256];
	ssize_t got;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(errpipe), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct mapfile m;
		volatile char c;

		dup2(errpipe[1], STDERR_FILENO);
		if (!mapfile_open(&m, path) || truncate(path, 0) != 0)
			_exit(1);
		c = m.data[m.n - 1];
		(void)c;
		_exit(0); /* not reached if the guard works */
	}
	close(errpipe[1]);
	got = read(errpipe[0], msg, sizeof(msg) - 1);
	close(errpipe[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), CAIRN_EIO);
	assert_true(got > 0);
	msg[got] = '\0';
	assert_non_null(strstr(msg, "shortened while it was being read"));
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_maps_a_regular_file),
		cmocka_unit_test(test_refuses_what_it_cannot_map),
		cmocka_unit_test(test_shortened_file_exits_74),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
