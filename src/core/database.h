/*
 * The database as the front ends see it: an opaque connection, how to open
 * one, and the generation a cache compares (moved from store/store.h,
 * issue 16).  cli/ and web/ hold a struct store * and pass it to app/;
 * only store/ knows what is inside.
 */
#ifndef CAIRN_CORE_DATABASE_H
#define CAIRN_CORE_DATABASE_H

struct store;

/* How to open a database. */
enum store_mode {
	STORE_EXISTING = 0, /* the file must exist (every command but init) */
	STORE_CREATE,       /* create the file if it is missing */
};

/*
 * What a connection can see of the database's state, for caches that must
 * be dropped whenever anything is written: data_version changes when any
 * other connection (another worker, another process) commits, changes
 * when this connection writes.  Two equal generations mean nothing was
 * written in between.
 */
struct store_gen {
	long long data_version; /* PRAGMA data_version (other connections' commits) */
	long long changes;      /* rows this connection has written so far */
};

#endif
