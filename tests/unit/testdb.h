/*
 * Removing a test's SQLite database with the files SQLite keeps beside it
 * (header-only, test code only).
 */
#ifndef CAIRN_TESTS_TESTDB_H
#define CAIRN_TESTS_TESTDB_H

#include <stdio.h>
#include <unistd.h>

/* Unlinks db and its "-wal" and "-shm" files, its audit key and anchor
 * (".key", ".anchor"), signing key pair and checkpoints, and "-csv", the history tests' input beside it;
 * missing files are no error. */
static inline void
testdb_remove(const char *db)
{
	char p[700];

	for (const char *const *s = (const char *const[]){ "", "-wal", "-shm", "-csv", ".key",
	         ".anchor", ".sign", ".sign.pub", ".checkpoints", NULL };
	     *s; s++) {
		snprintf(p, sizeof(p), "%s%s", db, *s);
		unlink(p);
	}
}

#endif
