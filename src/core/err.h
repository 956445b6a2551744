/*
 * Result codes and the error record every layer fills in.
 *
 * Result codes are the exit statuses of sysexits.h, so that the command line
 * can return them unchanged: zero is success.
 */
#ifndef CAIRN_CORE_ERR_H
#define CAIRN_CORE_ERR_H

#include <stddef.h>

/* What went wrong, as an exit status. */
enum cairn_rc {
	CAIRN_OK = 0,          /* success */
	CAIRN_EUSAGE = 64,     /* the command was used wrongly */
	CAIRN_EDATA = 65,      /* input data was bad (unknown QI, bad file...) */
	CAIRN_ENOINPUT = 66,   /* an input file is missing or unreadable */
	CAIRN_ESOFTWARE = 70,  /* internal error (database, out of memory...) */
	CAIRN_ECANTCREAT = 73, /* an output file could not be created */
	CAIRN_EIO = 74,        /* reading or writing failed (disk full, I/O error) */
	CAIRN_EPERM = 77,      /* the person is not allowed to do this */
};

/* Bytes kept of an error message; longer messages are cut. */
#define CAIRN_ERR_MSG 1024

/* An error: a code and one line saying what was wrong and what is valid. */
struct cairn_err {
	int rc;                  /* an enum cairn_rc value */
	char msg[CAIRN_ERR_MSG]; /* one line, no trailing newline */
};

/*
 * Records an error in err (which may be NULL) and returns rc, so that a
 * caller can write "return cairn_errf(err, CAIRN_EDATA, ...)".  The first
 * error recorded wins unless the record was cleared.
 */
int cairn_errf(struct cairn_err *err, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears an error record. */
void cairn_err_clear(struct cairn_err *err);

/* Returns a short name for a result code ("bad input data"...). */
const char *cairn_rc_str(int rc);

#endif
