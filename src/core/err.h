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

/* Bytes kept of a field name. */
#define CAIRN_ERR_FIELD 48

/*
 * What kind of problem an error is, for programs (the JSON API's "code"):
 * stable names, never reworded.  CAIRN_CODE_NONE lets cairn_err_code()
 * derive the name from the result code.
 */
enum cairn_code {
	CAIRN_CODE_NONE = 0,  /* derived from rc */
	CAIRN_CODE_REQUIRED,  /* "required": a value that must be given was not */
	CAIRN_CODE_INVALID,   /* "invalid": a value is malformed or out of range */
	CAIRN_CODE_UNKNOWN,   /* "unknown": a name or number that does not exist */
	CAIRN_CODE_CONFLICT,  /* "conflict": refused by the state of the data (stage, duplicate) */
	CAIRN_CODE_FORBIDDEN, /* "forbidden": the person may not do this */
	CAIRN_CODE__MAX
};

/* Stable names of the codes, indexed by enum cairn_code ("" for NONE). */
extern const char *const cairn_code_names[CAIRN_CODE__MAX];

/*
 * An error: a result code, one line for a person saying what was wrong
 * and what is valid, and, when it concerns one input, that input's name
 * as app/ calls it ("size", "seed", "reason").  The message never names a
 * command-line flag or a web control: each front end maps the field to
 * its own (cli: a flag, web: a form input, API: a JSON pointer).
 */
struct cairn_err {
	int rc;                      /* an enum cairn_rc value */
	char msg[CAIRN_ERR_MSG];     /* one line, no trailing newline */
	char field[CAIRN_ERR_FIELD]; /* the input concerned, "" when none */
	enum cairn_code code;        /* the kind of problem; NONE derives it from rc */
};

/*
 * Records an error in err (which may be NULL) and returns rc, so that a
 * caller can write "return cairn_errf(err, CAIRN_EDATA, ...)".  The first
 * error recorded wins unless the record was cleared.
 */
int cairn_errf(struct cairn_err *err, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * As cairn_errf, and names the input the error concerns (field, may be
 * NULL) and the kind of problem (code).
 */
int cairn_err_field(struct cairn_err *err, int rc, enum cairn_code code, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Returns the stable name of err's kind of problem: its code's name, or
 * one derived from rc ("invalid", "not-found", "forbidden", "internal"...). */
const char *cairn_err_code(const struct cairn_err *err);

/* Clears an error record. */
void cairn_err_clear(struct cairn_err *err);

/* Returns a short name for a result code ("bad input data"...). */
const char *cairn_rc_str(int rc);

#endif
