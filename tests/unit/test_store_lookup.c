/*
 * Unit tests for the rule that every lookup in store/ tells "none" from
 * "failed" (store_step_one), and that sign-in throttling and the audit
 * chain fail closed.
 *
 * Failures come from SQLite itself, two ways:
 * - a second connection holding an EXCLUSIVE lock, with the tested
 *   connection's busy timeout at 0, so its reads fail with SQLITE_BUSY;
 * - the unix VFS's system-call hook (xSetSystemCall): read/pread/pread64
 *   fail with EIO (which SQLite reports as SQLITE_CORRUPT) or EPERM
 *   (SQLITE_IOERR_READ), or fcntl refuses a read lock with
 *   EAGAIN (SQLITE_BUSY), for the next N calls or until cleared.
 * The database is switched to a rollback journal after opening, so that
 * every read transaction takes a SHARED lock and reads the file header:
 * a fault armed just before a call lands on that call's first statement.
 * What is tested (the step's result) is the same in WAL mode.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "app/access/account.h"
#include "app/access/actor.h"
#include "app/access/audit.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "core/survey.h"
#include "store/account.h"
#include "store/outcome.h"
#include "store/plan.h"
#include "store/publication.h"
#include "store/purge.h"
#include "store/records.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "store/survey.h"
#include "store/work.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-lookup.XXXXXX";
static char path[512];

/* ---- faults through the unix VFS's system calls ---- */

enum fault {
	FAULT_NONE = 0,
	FAULT_READ, /* reads fail with fault_errno: SQLITE_CORRUPT, SQLITE_IOERR_READ */
	FAULT_LOCK, /* read locks are refused with EAGAIN: SQLITE_BUSY */
};

/* SQLite's default lock byte: a read lock on it starts every SHARED lock,
 * so FAULT_LOCK counts read transactions, one call each. */
#define PENDING_BYTE_OFFSET 0x40000000

static enum fault fault;      /* what fails now */
static int fault_skip;        /* calls that succeed first */
static int fault_left;        /* failures left; -1 until fault_clear() */
static int fault_fired;       /* failures injected since fault_arm() */
static int fault_errno = EIO; /* what a failed read says */
static sqlite3_vfs *vfs;      /* the default (unix) VFS */
static sqlite3_syscall_ptr real_read, real_pread, real_pread64, real_fcntl;

/* Makes the calls of kind f fail, times times (-1: until cleared), after
 * skip of them have succeeded. */
static void
fault_arm_after(enum fault f, int skip, int times)
{
	fault = f;
	fault_skip = skip;
	fault_left = times;
	fault_fired = 0;
}

static void
fault_arm(enum fault f, int times)
{
	fault_arm_after(f, 0, times);
}

static void
fault_clear(void)
{
	fault = FAULT_NONE;
	fault_left = 0;
}

/* Returns true if this call of kind f must fail. */
static bool
fault_now(enum fault f)
{
	if (fault != f || fault_left == 0)
		return false;
	if (fault_skip > 0) {
		fault_skip--;
		return false;
	}
	if (fault_left > 0)
		fault_left--;
	fault_fired++;
	return true;
}

static ssize_t
fake_read(int fd, void *buf, size_t n)
{
	if (fault_now(FAULT_READ)) {
		errno = fault_errno;
		return -1;
	}
	return ((ssize_t(*)(int, void *, size_t))real_read)(fd, buf, n);
}

static ssize_t
fake_pread(int fd, void *buf, size_t n, off_t off)
{
	if (fault_now(FAULT_READ)) {
		errno = fault_errno;
		return -1;
	}
	return ((ssize_t(*)(int, void *, size_t, off_t))real_pread)(fd, buf, n, off);
}

static ssize_t
fake_pread64(int fd, void *buf, size_t n, off_t off)
{
	if (fault_now(FAULT_READ)) {
		errno = fault_errno;
		return -1;
	}
	return ((ssize_t(*)(int, void *, size_t, off_t))real_pread64)(fd, buf, n, off);
}

static int
fake_fcntl(int fd, int cmd, ...)
{
	int (*real)(int, int, ...) = (int (*)(int, int, ...))real_fcntl;
	va_list ap;

	va_start(ap, cmd);
	if (cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK) {
		struct flock *lk = va_arg(ap, struct flock *);

		va_end(ap);
		if (cmd != F_GETLK && lk->l_type == F_RDLCK && lk->l_start == PENDING_BYTE_OFFSET &&
		    fault_now(FAULT_LOCK)) {
			errno = EAGAIN;
			return -1;
		}
		return real(fd, cmd, lk);
	}
	{
		int arg = va_arg(ap, int);

		va_end(ap);
		return real(fd, cmd, arg);
	}
}

/* Routes the calls named through fake, keeping the real one in *real. */
static void
hook(const char *name, sqlite3_syscall_ptr fake, sqlite3_syscall_ptr *real)
{
	*real = vfs->xGetSystemCall(vfs, name);
	if (*real != NULL)
		assert_int_equal(vfs->xSetSystemCall(vfs, name, fake), SQLITE_OK);
}

static int
group_setup(void **state)
{
	(void)state;
	if ((vfs = sqlite3_vfs_find(NULL)) == NULL || vfs->iVersion < 3)
		return -1;
	hook("read", (sqlite3_syscall_ptr)fake_read, &real_read);
	hook("pread", (sqlite3_syscall_ptr)fake_pread, &real_pread);
	hook("pread64", (sqlite3_syscall_ptr)fake_pread64, &real_pread64);
	hook("fcntl", (sqlite3_syscall_ptr)fake_fcntl, &real_fcntl);
	return real_fcntl != NULL && (real_pread64 || real_pread || real_read) ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	vfs->xSetSystemCall(vfs, NULL, NULL); /* restores every call */
	return 0;
}

/* ---- a database with an account, an inspection and audit entries ---- */

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s", "/tmp/cairn-test-lookup.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fault_clear();
	testdb_remove(path);
	snprintf(path, sizeof(path), "%s/t.db-journal", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

static const char PASSWORD[] = "correct horse battery staple";

/* Creates the database and opens it for the tests: rollback journal,
 * busy timeout 0. */
static struct store *
open_db(void)
{
	struct store *st = NULL;
	struct cairn_err err = { 0 };
	struct actor admin = actor_cli(NULL);
	struct inspection_new req = {
		.partnership = "Testshire",
		.framework = "cyp-2014",
		.fieldwork = "2016-04-25..2016-06-10",
		.agencies = "Care Inspectorate, Education Scotland",
	};
	long id = 0;

	assert_int_equal(app_init(path, &st, &err), CAIRN_OK);
	assert_int_equal(app_user_add(st, &admin, "ann", "Ann", PASSWORD, false, &err), CAIRN_OK);
	assert_int_equal(app_inspection_create(st, &admin, &req, &id, &err), CAIRN_OK);
	assert_int_equal(id, 1);
	assert_int_equal(sqlite3_exec(st->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_busy_timeout(st->db, 0);
	return st;
}

/* Opens a second connection that holds an EXCLUSIVE lock until unlock(). */
static sqlite3 *
lock(void)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	return db;
}

static void
unlock(sqlite3 *db)
{
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* Counts the audit log's entries (and checks the chain). */
static long
audit_entries(struct store *st)
{
	struct cairn_err err = { 0 };
	long n = -1;

	assert_int_equal(audit_verify(st, &n, &err), CAIRN_OK);
	return n;
}

/* ---- every lookup, each called once as a test case ---- */

static int
l_account_get(struct store *st, struct cairn_err *err)
{
	struct account a;
	int rc = store_account_get(st, "ann", &a, err);

	account_free(&a);
	return rc;
}

static int
l_account_get_id(struct store *st, struct cairn_err *err)
{
	struct account a;
	int rc = store_account_get_id(st, 1, &a, err);

	account_free(&a);
	return rc;
}

static int
l_account_insert(struct store *st, struct cairn_err *err)
{
	long id = 0;

	/* "ann" exists: the lookup answers, the insert is never reached. */
	return store_account_insert(st, "ann", "Ann", "x", false, &id, err);
}

static int
l_session_get(struct store *st, struct cairn_err *err)
{
	struct session_row row;

	return store_session_get(st, "nosuchsession", &row, err);
}

static int
l_signin_failure_count(struct store *st, struct cairn_err *err)
{
	long by_user = -1, by_addr = -1;

	return store_signin_failure_count(st, "ann", "127.0.0.1", 0, &by_user, &by_addr, err);
}

static int
l_token_account(struct store *st, struct cairn_err *err)
{
	long id = 0;

	return store_token_account(st, "nosuchtoken", &id, err);
}

static int
l_audit_last(struct store *st, struct cairn_err *err)
{
	char hash[65];
	long id = 0;

	return store_audit_last(st, &id, hash, err);
}

static int
l_evidence_get(struct store *st, struct cairn_err *err)
{
	struct evidence_item e;
	int rc = store_evidence_get(st, 1, 1, &e, err);

	if (rc == CAIRN_OK)
		evidence_item_free(&e);
	return rc;
}

static int
l_evidence_count(struct store *st, struct cairn_err *err)
{
	struct evidence_filter f = { 0 };
	long n = 0;

	return store_evidence_count(st, 1, &f, &n, err);
}

static int
l_evidence_insert(struct store *st, struct cairn_err *err)
{
	struct evidence_item e;

	/* Incomplete: the number is read, then the insert is refused. */
	memset(&e, 0, sizeof(e));
	return store_evidence_insert(st, 1, &e, err);
}

static int
l_evidence_file_record(struct store *st, struct cairn_err *err)
{
	return store_evidence_file_record(st,
	    "0000000000000000000000000000000000000000000000000000000000000000", 1, err);
}

static int
l_framework_load(struct store *st, struct cairn_err *err)
{
	struct framework f;
	int rc = store_framework_load(st, "cyp-2014", &f, err);

	framework_free(&f);
	return rc;
}

static int
l_inspection_load(struct store *st, struct cairn_err *err)
{
	struct inspection in;
	int rc = store_inspection_load(st, 1, &in, err);

	if (rc == CAIRN_OK)
		inspection_free(&in);
	return rc;
}

static int
l_outcome_indicator_get(struct store *st, struct cairn_err *err)
{
	struct outcome_indicator ind;
	bool found = false;
	int rc = store_outcome_indicator_get(st, "none", &ind, &found, err);

	outcome_indicator_free(&ind);
	return rc;
}

static int
l_signoff_standing(struct store *st, struct cairn_err *err)
{
	bool standing = false;

	return store_signoff_standing(st, 1, &standing, err);
}

static int
l_plan_action_load(struct store *st, struct cairn_err *err)
{
	struct plan_action a;
	int rc = store_plan_action_load(st, 1, &a, err);

	plan_action_free(&a);
	return rc;
}

static int
l_plan_agreement(struct store *st, struct cairn_err *err)
{
	char at[21];
	char *by = NULL;
	bool agreed = false;
	int rc = store_plan_agreement(st, 1, &agreed, at, &by, err);

	free(by);
	return rc;
}

static int
l_population_info(struct store *st, struct cairn_err *err)
{
	struct population_info p;
	int rc = store_population_info(st, 1, &p, err);

	population_info_free(&p);
	return rc;
}

static int
l_setting_get(struct store *st, struct cairn_err *err)
{
	char *v = NULL;
	int rc = store_setting_get(st, 1, "none", &v, err);

	free(v);
	return rc;
}

static int
l_purge_count(struct store *st, struct cairn_err *err)
{
	struct purge_counts c;

	return store_purge_count(st, 1, &c, err);
}

static int
l_retention_get(struct store *st, struct cairn_err *err)
{
	long days = 0;
	bool set = false;

	return store_retention_get(st, 1, &days, &set, err);
}

static int
l_purge_get(struct store *st, struct cairn_err *err)
{
	struct purge_record rec;
	bool found = false;

	return store_purge_get(st, 1, &rec, &found, err);
}

static int
l_answer_change_count(struct store *st, struct cairn_err *err)
{
	long n = 0;

	return store_answer_change_count(st, 1, &n, err);
}

static int
l_template_get(struct store *st, struct cairn_err *err)
{
	char *body = NULL;
	int rc = store_template_get(st, "none", &body, err);

	free(body);
	return rc;
}

static int
l_inspection_template_get(struct store *st, struct cairn_err *err)
{
	char *code = NULL;
	int rc = store_inspection_template_get(st, 1, &code, err);

	free(code);
	return rc;
}

static int
l_reading_find(struct store *st, struct cairn_err *err)
{
	struct reading r;
	bool found = false;
	int rc = store_reading_find(st, 1, 1, &r, &found, err);

	free(r.agencies);
	return rc;
}

static int
l_answer_get(struct store *st, struct cairn_err *err)
{
	char *answer = NULL;
	int rc = store_answer_get(st, 1, "1", "none", &answer, err);

	free(answer);
	return rc;
}

static int
l_sample_exists(struct store *st, struct cairn_err *err)
{
	bool exists = false;

	return store_sample_exists(st, 1, &exists, err);
}

static int
l_sample_info(struct store *st, struct cairn_err *err)
{
	struct sample_info x;
	int rc = store_sample_info(st, 1, &x, err);

	sample_info_free(&x);
	return rc;
}

static int
l_generation(struct store *st, struct cairn_err *err)
{
	struct store_gen g;

	return store_generation(st, &g, err);
}

static int
l_survey_load(struct store *st, struct cairn_err *err)
{
	struct survey sv;
	int rc = store_survey_load(st, 1, &sv, err);

	if (rc == CAIRN_OK)
		survey_free(&sv);
	return rc;
}

static int
l_survey_comment_tag(struct store *st, struct cairn_err *err)
{
	/* No such survey comment: the lookup answers "none" (CAIRN_EDATA). */
	return store_survey_comment_tag(st, 1, 1, "strength", NULL, 0, err);
}

static int
l_team_role(struct store *st, struct cairn_err *err)
{
	char role[32];

	return store_team_role(st, 1, "nobody", role, sizeof(role), err);
}

struct lookup {
	const char *name;
	int (*fn)(struct store *st, struct cairn_err *err);
	bool writes; /* writes after its lookup: may fail on a healthy database */
};

static const struct lookup lookups[] = {
	{ "store_account_get", l_account_get, false },
	{ "store_account_get_id", l_account_get_id, false },
	{ "store_account_insert", l_account_insert, false },
	{ "store_session_get", l_session_get, false },
	{ "store_signin_failure_count", l_signin_failure_count, false },
	{ "store_token_account", l_token_account, false },
	{ "store_audit_last", l_audit_last, false },
	{ "store_evidence_get", l_evidence_get, false },
	{ "store_evidence_count", l_evidence_count, false },
	{ "store_evidence_insert", l_evidence_insert, true },
	{ "store_evidence_file_record", l_evidence_file_record, false },
	{ "store_framework_load", l_framework_load, false },
	{ "store_inspection_load", l_inspection_load, false },
	{ "store_outcome_indicator_get", l_outcome_indicator_get, false },
	{ "store_signoff_standing", l_signoff_standing, false },
	{ "store_plan_action_load", l_plan_action_load, false },
	{ "store_plan_agreement", l_plan_agreement, false },
	{ "store_population_info", l_population_info, false },
	{ "store_setting_get", l_setting_get, false },
	{ "store_purge_count", l_purge_count, false },
	{ "store_retention_get", l_retention_get, false },
	{ "store_purge_get", l_purge_get, false },
	{ "store_answer_change_count", l_answer_change_count, false },
	{ "store_template_get", l_template_get, false },
	{ "store_inspection_template_get", l_inspection_template_get, false },
	{ "store_reading_find", l_reading_find, false },
	{ "store_answer_get", l_answer_get, false },
	{ "store_sample_exists", l_sample_exists, false },
	{ "store_sample_info", l_sample_info, false },
	{ "store_generation", l_generation, false },
	{ "store_survey_load", l_survey_load, false },
	{ "store_survey_comment_tag", l_survey_comment_tag, false },
	{ "store_team_role", l_team_role, false },
};
#define NLOOKUPS (sizeof(lookups) / sizeof(lookups[0]))

/* Calls every lookup on a healthy database: each answers (a row, or
 * "none" as CAIRN_OK or CAIRN_EDATA), which also prepares its statements. */
static void
all_answer(struct store *st)
{
	for (size_t i = 0; i < NLOOKUPS; i++) {
		struct cairn_err err = { 0 };
		int rc = lookups[i].fn(st, &err);

		if (rc != CAIRN_OK && rc != CAIRN_EDATA &&
		    (!lookups[i].writes || strstr(err.msg, "could not read") != NULL))
			fail_msg("%s on a healthy database: %d %s", lookups[i].name, rc, err.msg);
	}
}

/* Returns 0 if a lookup failed as a failure: rc, and a message saying
 * what could not be read; else says what it did and returns 1. */
static int
wrong(const char *name, int rc, const struct cairn_err *err, int want, const char *why)
{
	if (rc == want && strstr(err->msg, "could not read") != NULL &&
	    strstr(err->msg, why) != NULL)
		return 0;
	print_error("%s: want %d \"could not read ... %s\", got %d \"%s\"\n", name, want, why, rc,
	    err->msg);
	return 1;
}

/* Fails the test if a lookup did not fail as a failure. */
static void
failed(const char *name, int rc, const struct cairn_err *err, int want, const char *why)
{
	if (wrong(name, rc, err, want, why))
		fail();
}

static void
test_every_lookup_fails_when_the_database_is_locked(void **state)
{
	struct store *st = open_db();
	sqlite3 *other;
	int nwrong = 0;

	(void)state;
	all_answer(st);
	other = lock();
	for (size_t i = 0; i < NLOOKUPS; i++) {
		struct cairn_err err = { 0 };
		int rc = lookups[i].fn(st, &err);

		nwrong += wrong(lookups[i].name, rc, &err, CAIRN_ESOFTWARE, "busy");
	}
	assert_int_equal(nwrong, 0);
	/* store_schema_version has no err: -1 says it could not be read. */
	assert_int_equal(store_schema_version(st), -1);
	unlock(other);
	all_answer(st);
	assert_true(store_schema_version(st) >= 1);
	store_close(st);
}

static void
test_every_lookup_fails_on_a_read_error(void **state)
{
	struct store *st = open_db();
	const int errnos[] = { EIO, EPERM };
	int nwrong = 0;

	(void)state;
	all_answer(st);
	for (size_t e = 0; e < 2; e++) {
		fault_errno = errnos[e];
		for (size_t i = 0; i < NLOOKUPS; i++) {
			struct cairn_err err = { 0 };
			int rc;

			fault_arm(FAULT_READ, -1);
			rc = lookups[i].fn(st, &err);
			fault_clear();
			assert_true(fault_fired > 0);
			nwrong += wrong(lookups[i].name, rc, &err, CAIRN_EIO, "check the disk");
		}
	}
	assert_int_equal(nwrong, 0);
	fault_errno = EIO;
	all_answer(st);
	store_close(st);
}

static void
test_every_lookup_fails_when_busy_once(void **state)
{
	struct store *st = open_db();
	int nwrong = 0;

	(void)state;
	all_answer(st);
	for (size_t i = 0; i < NLOOKUPS; i++) {
		struct cairn_err err = { 0 };
		int rc;

		fault_arm(FAULT_LOCK, 1);
		rc = lookups[i].fn(st, &err);
		fault_clear();
		assert_int_equal(fault_fired, 1);
		nwrong += wrong(lookups[i].name, rc, &err, CAIRN_ESOFTWARE, "busy");
	}
	assert_int_equal(nwrong, 0);
	store_close(st);
}

/* Throttles ann: as many recent failures as the limit allows. */
static void
throttle_ann(struct store *st)
{
	struct cairn_err err = { 0 };
	char token[ACCOUNT_TOKEN_HEX + 1];

	for (int i = 0; i < ACCOUNT_THROTTLE_USER; i++)
		assert_int_equal(app_signin(st, "ann", "wrong", "127.0.0.1", NULL, token, &err),
		    SIGNIN_BAD);
	assert_int_equal(app_signin(st, "ann", PASSWORD, "127.0.0.1", NULL, token, &err),
	    SIGNIN_THROTTLED);
}

static void
test_signin_refused_when_the_failure_count_cannot_be_read(void **state)
{
	struct store *st = open_db();
	const enum fault faults[] = { FAULT_LOCK, FAULT_READ };

	(void)state;
	throttle_ann(st);
	for (size_t i = 0; i < 2; i++) {
		struct cairn_err err = { 0 };
		char token[ACCOUNT_TOKEN_HEX + 1] = "x";
		long n = audit_entries(st);

		/* Only the first read fails: the count.  Read as 0, the
		 * right password would get through a throttled account. */
		fault_arm(faults[i], 1);
		assert_int_equal(app_signin(st, "ann", PASSWORD, "127.0.0.1", NULL, token, &err),
		    SIGNIN_ERROR);
		fault_clear();
		assert_int_equal(fault_fired, 1);
		assert_string_equal(token, "");
		assert_non_null(strstr(err.msg, "failed sign-ins"));
		assert_int_equal(audit_entries(st), n);
	}
	store_close(st);
}

static void
test_signin_refused_when_the_database_is_locked(void **state)
{
	struct store *st = open_db();
	struct cairn_err err = { 0 };
	char token[ACCOUNT_TOKEN_HEX + 1] = "x";
	sqlite3 *other;
	long n;

	(void)state;
	n = audit_entries(st);
	other = lock();
	assert_int_equal(app_signin(st, "ann", PASSWORD, "127.0.0.1", NULL, token, &err),
	    SIGNIN_ERROR);
	assert_string_equal(token, "");
	assert_non_null(strstr(err.msg, "could not read"));
	unlock(other);
	assert_int_equal(audit_entries(st), n);
	/* And it works again once the lock is gone. */
	cairn_err_clear(&err);
	assert_int_equal(app_signin(st, "ann", PASSWORD, "127.0.0.1", NULL, token, &err),
	    SIGNIN_OK);
	assert_int_equal(strlen(token), ACCOUNT_TOKEN_HEX);
	store_close(st);
}

static void
test_signin_refused_when_the_account_cannot_be_read(void **state)
{
	struct store *st = open_db();
	struct cairn_err err = { 0 };
	char token[ACCOUNT_TOKEN_HEX + 1] = "x";
	long n;

	(void)state;
	n = audit_entries(st);
	/* The two counts are read; reading the account is busy.  That is
	 * neither a wrong password nor a sign-in: an error, nothing recorded. */
	fault_arm_after(FAULT_LOCK, 2, 1);
	assert_int_equal(app_signin(st, "ann", PASSWORD, "127.0.0.1", NULL, token, &err),
	    SIGNIN_ERROR);
	fault_clear();
	assert_int_equal(fault_fired, 1);
	assert_string_equal(token, "");
	assert_non_null(strstr(err.msg, "could not read an account"));
	assert_int_equal(audit_entries(st), n);
	store_close(st);
}

static void
test_audit_record_fails_when_the_chain_cannot_be_read(void **state)
{
	struct store *st = open_db();
	struct actor who = actor_cli(NULL);
	const enum fault faults[] = { FAULT_LOCK, FAULT_READ };
	long n;

	(void)state;
	n = audit_entries(st);
	assert_true(n >= 2);
	for (size_t i = 0; i < 2; i++) {
		struct cairn_err err = { 0 };
		int rc;

		fault_arm(faults[i], 1);
		rc = audit_record(st, &who, "test.event", 0, "subject", NULL, &err);
		fault_clear();
		assert_int_equal(fault_fired, 1);
		failed("audit_record", rc, &err,
		    faults[i] == FAULT_LOCK ? CAIRN_ESOFTWARE : CAIRN_EIO,
		    "the audit log's last entry");
		assert_int_equal(audit_entries(st), n);
	}
	store_close(st);
}

static void
test_audit_record_in_a_transaction_rolls_back(void **state)
{
	struct store *st = open_db();
	struct actor who = actor_cli(NULL);
	struct cairn_err err = { 0 };
	long n;
	int rc;

	(void)state;
	n = audit_entries(st);
	assert_int_equal(store_begin(st, &err), CAIRN_OK);
	/* Drop the cached pages so that reading the chain reads the file. */
	sqlite3_db_release_memory(st->db);
	fault_arm(FAULT_READ, -1);
	rc = audit_record(st, &who, "test.event", 0, "subject", NULL, &err);
	fault_clear();
	assert_true(fault_fired > 0);
	failed("audit_record", rc, &err, CAIRN_EIO, "the audit log's last entry");
	store_rollback(st);
	assert_int_equal(audit_entries(st), n);
	/* The next entry continues the chain. */
	cairn_err_clear(&err);
	assert_int_equal(store_begin(st, &err), CAIRN_OK);
	assert_int_equal(audit_record(st, &who, "test.event", 0, "subject", NULL, &err), CAIRN_OK);
	assert_int_equal(store_commit(st, &err), CAIRN_OK);
	assert_int_equal(audit_entries(st), n + 1);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_lookup_fails_when_the_database_is_locked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_lookup_fails_on_a_read_error, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_every_lookup_fails_when_busy_once, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_signin_refused_when_the_failure_count_cannot_be_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signin_refused_when_the_database_is_locked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_signin_refused_when_the_account_cannot_be_read,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_audit_record_fails_when_the_chain_cannot_be_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_record_in_a_transaction_rolls_back,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
