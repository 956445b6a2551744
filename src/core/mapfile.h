/*
 * A regular file mapped read-only for one pass (the fast paths of the
 * population and child-level outcome imports read their files this way).
 *
 * A mapped file that another program shortens while it is read would
 * make the next read past its new end a SIGBUS.  While a file is mapped
 * through this module, such a SIGBUS ends the process at once with exit
 * 74 (CAIRN_EIO) and a one-line message, without running anything else:
 * the write the reading was for is never committed, so nothing changes.
 * Any other SIGBUS keeps its default action.
 */
#ifndef CAIRN_CORE_MAPFILE_H
#define CAIRN_CORE_MAPFILE_H

#include <stdbool.h>
#include <stddef.h>

/* A mapped file. */
struct mapfile {
	const char *data; /* the file's n bytes, or NULL when not mapped */
	size_t n;         /* its length in bytes */
	int fd;           /* the open file, or -1 */
};

/*
 * Maps the file at path into m.  Returns true when it is a non-empty
 * regular file, now mapped (release with mapfile_close); false when it
 * cannot be opened, is not a regular file, is empty or cannot be mapped
 * (m is then empty, and mapfile_close on it is a no-op): the caller reads
 * it another way, which reports why.
 */
bool mapfile_open(struct mapfile *m, const char *path);

/* Unmaps and closes m; an empty m is a no-op. */
void mapfile_close(struct mapfile *m);

#endif
