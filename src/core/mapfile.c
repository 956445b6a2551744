/* Read-only file mappings with a guard against files shortened while read. */
#include "core/mapfile.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/err.h"

/* Files mapped now, by any thread; the SIGBUS guard acts only while > 0. */
static volatile sig_atomic_t mapped_now;

/*
 * The SIGBUS handler: a nonexistent address while a file is mapped is a
 * read past the end of a file that was shortened; say so and exit 74
 * (async-signal-safe calls only).  Any other SIGBUS gets its default
 * action.
 */
static void
on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	static const char msg[] =
	    "cairn: an input file was shortened while it was being read; nothing was changed\n";

	(void)ctx;
	if (mapped_now > 0 && si != NULL && si->si_code == BUS_ADRERR) {
		ssize_t w = write(STDERR_FILENO, msg, sizeof(msg) - 1);

		(void)w;
		_exit(CAIRN_EIO);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Installs on_sigbus (again at every mapping, in case something replaced
 * it meanwhile; it stays for the rest of the process). */
static void
guard_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGBUS, &sa, NULL);
}

bool
mapfile_open(struct mapfile *m, const char *path)
{
	struct stat sb;
	void *map;

	m->data = NULL;
	m->n = 0;
	/* Standard input and anything but a regular file within the input limit
	 * are left to the general reader (core/csv.h), which reads or refuses
	 * them; O_NONBLOCK so that opening a FIFO never waits for a writer. */
	m->fd =
	    strcmp(path, "-") == 0 ? -1 : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (m->fd < 0 || fstat(m->fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0 ||
	    (unsigned long long)sb.st_size > (unsigned long long)csv_bytes_max())
		goto fail;
	guard_install();
	map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, m->fd, 0);
	if (map == MAP_FAILED)
		goto fail;
	(void)madvise(map, (size_t)sb.st_size, MADV_SEQUENTIAL);
	__atomic_add_fetch(&mapped_now, 1, __ATOMIC_SEQ_CST);
	m->data = map;
	m->n = (size_t)sb.st_size;
	return true;
fail:
	mapfile_close(m);
	return false;
}

void
mapfile_close(struct mapfile *m)
{
	if (m->data != NULL) {
		munmap((void *)(uintptr_t)m->data, m->n);
		__atomic_sub_fetch(&mapped_now, 1, __ATOMIC_SEQ_CST);
	}
	if (m->fd >= 0)
		close(m->fd);
	m->data = NULL;
	m->n = 0;
	m->fd = -1;
}
