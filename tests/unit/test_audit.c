/*
 * Unit tests for app/access/audit: the hash chain of audit.h ("SHA-256
 * over the previous hash and the entry's fields, so that audit_verify()
 * finds any edited or deleted entry") and docs/architecture.md ("an
 * operation and its audit entry are both present or both absent").  The
 * log is tampered with through a second, raw SQLite connection, as someone
 * holding the database file could.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <unistd.h>

#include "app/access/account.h"
#include "app/access/audit.h"
#include "app/access/checkpoint.h"
#include "app/setup/init.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-audit.XXXXXX";
static char path[512];
static struct store *st;
static long base; /* entries app_init wrote */

/* Five entries of our own: ids base+1 .. base+5. */
static const char *const actions[] = { "t.one", "t.two", "t.three", "t.four", "t.five" };

static int
setup(void **state)
{
	struct cairn_err err = { 0 };
	struct actor who = actor_account("ann", false, "192.0.2.9");

	(void)state;
	snprintf(dir, sizeof(dir), "%s", "/tmp/cairn-test-audit.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (app_init(path, &st, &err) != CAIRN_OK || audit_verify(st, &base, &err) != CAIRN_OK)
		return -1;
	for (size_t i = 0; i < 5; i++)
		if (app_audit_event(st, &who, actions[i], (long)i, i % 2 ? "child 7" : NULL,
		        &err) != CAIRN_OK)
			return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	store_close(st);
	testdb_remove(path);
	rmdir(dir);
	return 0;
}

/* Runs one statement on a second connection to the same file. */
static void
raw(const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	assert_int_equal(sqlite3_changes(db), 1);
	sqlite3_close(db);
}

struct seen {
	long n;
	long ids[64];
	char hash[64][65];
	char prev[64][65];
	char action[64][32];
	char actor[64][32];
	char origin[64][32];
	char subject[64][32];
	char at[64][21];
	long insp[64];
};

static int
collect(const struct audit_entry *e, void *arg)
{
	struct seen *s = arg;
	long i = s->n;

	if (i >= 64)
		return 1;
	s->ids[i] = e->id;
	snprintf(s->hash[i], 65, "%s", e->hash);
	snprintf(s->prev[i], 65, "%s", e->prev_hash);
	snprintf(s->action[i], 32, "%s", e->action);
	snprintf(s->actor[i], 32, "%s", e->actor);
	snprintf(s->origin[i], 32, "%s", e->origin);
	snprintf(s->subject[i], 32, "%s", e->subject != NULL ? e->subject : "(null)");
	snprintf(s->at[i], 21, "%s", e->at);
	s->insp[i] = e->inspection;
	s->n++;
	return 0;
}

static bool
is_hex64(const char *h)
{
	if (strlen(h) != 64)
		return false;
	for (size_t i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)h[i]))
			return false;
	return true;
}

static void
test_intact_chain_verifies(void **state)
{
	struct cairn_err err = { 0 };
	long checked = -1;

	(void)state;
	assert_int_equal(audit_verify(st, &checked, &err), CAIRN_OK);
	assert_int_equal(checked, base + 5);
}

/* Entries come back oldest first, numbered from 1 without gaps, each
 * chained to the one before, with what was recorded. */
static void
test_entries_in_order_and_chained(void **state)
{
	static struct seen s;
	struct cairn_err err = { 0 };

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(audit_list(st, collect, &s, &err), CAIRN_OK);
	assert_int_equal(s.n, base + 5);
	for (long i = 0; i < s.n; i++) {
		assert_int_equal(s.ids[i], i + 1);
		assert_true(is_hex64(s.hash[i]));
		assert_true(is_hex64(s.prev[i]));
		if (i > 0)
			assert_string_equal(s.prev[i], s.hash[i - 1]);
		/* UTC, YYYY-MM-DDTHH:MM:SSZ (store.h) */
		assert_int_equal(strlen(s.at[i]), 20);
		assert_int_equal(s.at[i][10], 'T');
		assert_int_equal(s.at[i][19], 'Z');
	}
	for (long i = 0; i < 5; i++) {
		long k = base + i;

		assert_string_equal(s.action[k], actions[i]);
		assert_string_equal(s.actor[k], "ann");
		assert_string_equal(s.origin[k], "192.0.2.9");
		assert_int_equal(s.insp[k], i);
		assert_string_equal(s.subject[k], i % 2 ? "child 7" : "(null)");
	}
	/* No two entries hash alike, even the two identical but for the
	 * action. */
	for (long i = 0; i < s.n; i++)
		for (long j = i + 1; j < s.n; j++)
			assert_string_not_equal(s.hash[i], s.hash[j]);
}

static int
stop_after_two(const struct audit_entry *e, void *arg)
{
	long *n = arg;

	(void)e;
	return ++*n >= 2;
}

static void
test_list_stops_when_asked(void **state)
{
	struct cairn_err err = { 0 };
	long n = 0;

	(void)state;
	assert_int_equal(audit_list(st, stop_after_two, &n, &err), CAIRN_OK);
	assert_int_equal(n, 2);
}

/* Collects the ids audit_list_page gives (callback), up to 16. */
struct ids {
	long id[16];
	size_t n;
};

static int
collect_id(const struct audit_entry *e, void *arg)
{
	struct ids *v = arg;

	if (v->n < 16)
		v->id[v->n++] = e->id;
	return 0;
}

/* One page of the log (issue 17): newest first, before the given id, only
 * one inspection's entries when asked (through its index), at most limit. */
static void
test_page_newest_first(void **state)
{
	struct cairn_err err = { 0 };
	struct actor who = actor_account("ann", false, "192.0.2.9");
	struct ids v = { 0 };

	(void)state;
	/* Inspection 1 has entry base + 2 (setup) and base + 6 .. base + 8. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(app_audit_event(st, &who, "t.more", 1, NULL, &err), CAIRN_OK);
	assert_int_equal(app_audit_event(st, &who, "t.other", 2, NULL, &err), CAIRN_OK);
	assert_int_equal(audit_list_page(st, 1, 0, 2, collect_id, &v, &err), CAIRN_OK);
	assert_int_equal(v.n, 2);
	assert_int_equal(v.id[0], base + 8);
	assert_int_equal(v.id[1], base + 7);
	v.n = 0;
	assert_int_equal(audit_list_page(st, 1, base + 7, 10, collect_id, &v, &err), CAIRN_OK);
	assert_int_equal(v.n, 2);
	assert_int_equal(v.id[0], base + 6);
	assert_int_equal(v.id[1], base + 2);
	v.n = 0;
	assert_int_equal(audit_list_page(st, 0, 0, 3, collect_id, &v, &err), CAIRN_OK);
	assert_int_equal(v.n, 3);
	assert_int_equal(v.id[0], base + 9);
	assert_int_equal(v.id[2], base + 7);
	v.n = 0;
	assert_int_equal(audit_list_page(st, 0, base + 3, 14, collect_id, &v, &err), CAIRN_OK);
	assert_int_equal(v.n, (size_t)base + 2);
	assert_int_equal(v.id[0], base + 2);
}

/* Checks that verify fails naming entry id. */
static void
assert_broken_at(long id)
{
	struct cairn_err err = { 0 };
	long checked = -1;
	char want[64];

	assert_int_equal(audit_verify(st, &checked, &err), CAIRN_EDATA);
	snprintf(want, sizeof(want), "entry %ld ", id);
	if (strstr(err.msg, want) == NULL)
		fail_msg("expected the message to name entry %ld: %s", id, err.msg);
	/* The stepped check (the audit page's), from the first entry, says the same. */
	{
		struct audit_check c;
		struct cairn_err e2 = { 0 };

		assert_int_equal(audit_check_step(st, true, 0, 0, &c, &e2), CAIRN_EDATA);
		if (strstr(e2.msg, want) == NULL)
			fail_msg("expected the stepped check to name entry %ld: %s", id, e2.msg);
	}
}

/* Runs the stepped check from the first entry, step entries at a time, to
 * its end; returns its result (*c: where it ended). */
static int
check_in_steps(long step, struct audit_check *c, struct cairn_err *err)
{
	bool full = true;
	int rc;

	do {
		rc = audit_check_step(st, full, step, 0, c, err);
		full = false;
	} while (rc == CAIRN_OK && !c->done);
	return rc;
}

/* Issue 17: the chain checked one entry per step adds up to what
 * audit_verify counts, goes on from where it stopped, and finds an
 * edited entry by its number. */
static void
test_stepped_check(void **state)
{
	struct audit_check c;
	struct cairn_err err = { 0 };
	struct actor who = actor_cli(NULL);
	long n = 0;
	char sql[200];

	(void)state;
	assert_int_equal(audit_verify(st, &n, &err), CAIRN_OK);
	assert_int_equal(audit_check_step(st, true, 1, 0, &c, &err), CAIRN_OK);
	assert_int_equal(c.checked, 1);
	assert_int_equal(c.total, n);
	assert_false(c.done);
	assert_int_equal(audit_check_step(st, false, 2, 0, &c, &err), CAIRN_OK);
	assert_int_equal(c.checked, 3);
	assert_true(c.resumed);
	assert_int_equal(check_in_steps(1, &c, &err), CAIRN_OK);
	assert_true(c.done);
	assert_int_equal(c.checked, n);
	/* A new entry: going on reads only it. */
	assert_int_equal(store_begin(st, &err), CAIRN_OK);
	assert_int_equal(audit_record(st, &who, "t.new", 0, NULL, NULL, &err), CAIRN_OK);
	assert_int_equal(store_commit(st, &err), CAIRN_OK);
	assert_int_equal(audit_check_step(st, false, 0, 0, &c, &err), CAIRN_OK);
	assert_true(c.done && c.resumed);
	assert_int_equal(c.checked, n + 1);
	/* An early entry edited: only a check from the first entry reads it. */
	snprintf(sql, sizeof(sql), "UPDATE audit SET actor = 'mallory' WHERE id = %ld", base + 3);
	raw(sql);
	assert_int_equal(check_in_steps(1, &c, &err), CAIRN_EDATA);
	snprintf(sql, sizeof(sql), "entry %ld ", base + 3);
	assert_non_null(strstr(err.msg, sql));
	/* Going on from there does not pass over it. */
	cairn_err_clear(&err);
	assert_int_equal(audit_check_step(st, false, 0, 0, &c, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, sql));
}

static void
test_edited_field_detected(void **state)
{
	char sql[200];
	long k = base + 3;

	(void)state;
	/* Each field the entry records, edited in turn and put back. */
	static const char *const edits[][2] = {
		{ "actor = 'mallory'", "actor = 'ann'" },
		{ "origin = '10.0.0.1'", "origin = '192.0.2.9'" },
		{ "action = 't.other'", "action = 't.three'" },
		{ "inspection_id = 9", "inspection_id = 2" },
		{ "subject = 'child 8'", "subject = NULL" },
		{ "detail = 'x'", "detail = NULL" },
		{ "at = '2000-01-01T00:00:00Z'", NULL },
	};

	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		static char at[21];

		if (edits[i][1] == NULL) {
			/* Keep the time to put it back. */
			sqlite3 *db = NULL;
			sqlite3_stmt *q = NULL;

			assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			    SQLITE_OK);
			snprintf(sql, sizeof(sql), "SELECT at FROM audit WHERE id = %ld", k);
			assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
			assert_int_equal(sqlite3_step(q), SQLITE_ROW);
			snprintf(at, sizeof(at), "%s", (const char *)sqlite3_column_text(q, 0));
			sqlite3_finalize(q);
			sqlite3_close(db);
		}
		snprintf(sql, sizeof(sql), "UPDATE audit SET %s WHERE id = %ld", edits[i][0], k);
		raw(sql);
		assert_broken_at(k);
		if (edits[i][1] != NULL)
			snprintf(sql, sizeof(sql), "UPDATE audit SET %s WHERE id = %ld",
			    edits[i][1], k);
		else
			snprintf(sql, sizeof(sql), "UPDATE audit SET at = '%s' WHERE id = %ld", at,
			    k);
		raw(sql);
		/* Put back, the chain is whole again: verify reads the data,
		 * not a flag. */
		{
			struct cairn_err err = { 0 };
			long checked = 0;

			assert_int_equal(audit_verify(st, &checked, &err), CAIRN_OK);
			assert_int_equal(checked, base + 5);
		}
	}
}

/* Editing an entry and writing any other hash into it does not help: the
 * next entry's link no longer matches. */
static void
test_edited_entry_with_new_hash_detected(void **state)
{
	char sql[300];
	long k = base + 2;

	(void)state;
	snprintf(sql, sizeof(sql),
	    "UPDATE audit SET actor = 'mallory', hash = '%064d' WHERE id = %ld", 0, k);
	raw(sql);
	assert_broken_at(k);
}

/* The first entry's link is checked too. */
static void
test_edited_first_entry_detected(void **state)
{
	(void)state;
	raw("UPDATE audit SET prev_hash = "
	    "'1111111111111111111111111111111111111111111111111111111111111111' WHERE id = 1");
	assert_broken_at(1);
}

static void
test_deleted_entry_detected(void **state)
{
	char sql[100];
	long k = base + 2;

	(void)state;
	snprintf(sql, sizeof(sql), "DELETE FROM audit WHERE id = %ld", k);
	raw(sql);
	/* The entry after the gap no longer links to the one before it. */
	assert_broken_at(k + 1);
}

/* Two entries swapped (contents exchanged, ids kept). */
static void
test_reordered_entries_detected(void **state)
{
	char sql[400];
	long a = base + 1, b = base + 2;

	(void)state;
	snprintf(sql, sizeof(sql),
	    "UPDATE audit SET action = 't.two', inspection_id = 1, subject = 'child 7' "
	    "WHERE id = %ld",
	    a);
	raw(sql);
	snprintf(sql, sizeof(sql),
	    "UPDATE audit SET action = 't.one', inspection_id = 0, subject = NULL WHERE id = %ld",
	    b);
	raw(sql);
	assert_broken_at(a);
}

/* An entry inserted into the chain, copying a real entry's links. */
static void
test_inserted_entry_detected(void **state)
{
	char sql[400];
	long k = base + 5;

	(void)state;
	snprintf(sql, sizeof(sql),
	    "INSERT INTO audit (id, at, actor, origin, action, inspection_id, subject, detail, "
	    "prev_hash, hash) SELECT id + 100, at, 'mallory', origin, action, inspection_id, "
	    "subject, detail, hash, hash FROM audit WHERE id = %ld",
	    k);
	raw(sql);
	assert_broken_at(k + 100);
}

/* Recorded inside a transaction that is rolled back, the entry is gone
 * with the change (architecture.md: both present or both absent). */
static void
test_rolled_back_entry_absent(void **state)
{
	struct cairn_err err = { 0 };
	struct actor who = actor_cli(NULL);
	long checked = 0;

	(void)state;
	assert_int_equal(store_begin(st, &err), CAIRN_OK);
	assert_int_equal(audit_record(st, &who, "t.lost", 0, NULL, NULL, &err), CAIRN_OK);
	store_rollback(st);
	assert_int_equal(store_begin(st, &err), CAIRN_OK);
	assert_int_equal(audit_record(st, &who, "t.kept", 3, "s", "old -> new", &err), CAIRN_OK);
	assert_int_equal(store_commit(st, &err), CAIRN_OK);
	assert_int_equal(audit_verify(st, &checked, &err), CAIRN_OK);
	assert_int_equal(checked, base + 6);
	{
		static struct seen s;

		memset(&s, 0, sizeof(s));
		assert_int_equal(audit_list(st, collect, &s, &err), CAIRN_OK);
		assert_string_equal(s.action[s.n - 1], "t.kept");
		assert_int_equal(s.ids[s.n - 1], base + 6);
		/* The local administrator is recorded as such. */
		assert_string_equal(s.actor[s.n - 1], "admin (local)");
		assert_string_equal(s.origin[s.n - 1], "cli");
	}
}

/* Issue 18: the newest entry deleted is found (the anchor file). */
static void
test_deleted_tail_detected(void **state)
{
	struct cairn_err err = { 0 };
	char sql[100];
	long n = 0;

	(void)state;
	snprintf(sql, sizeof(sql), "DELETE FROM audit WHERE id = %ld", base + 5);
	raw(sql);
	assert_int_equal(audit_verify(st, &n, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "deleted from the end"));
	{
		struct audit_check c;

		cairn_err_clear(&err);
		assert_int_equal(check_in_steps(2, &c, &err), CAIRN_EDATA);
		assert_non_null(strstr(err.msg, "deleted from the end"));
	}
}

/* Issue 18: a purge removes a child-level entry's text and the chain still
 * verifies; text removed without a purge, or from an entry that is not
 * child-level, is found. */
static void
test_redaction_needs_a_purge(void **state)
{
	struct actor who = actor_account("ann", false, "192.0.2.9");
	struct cairn_err err = { 0 };
	char sql[200];
	long n = 0;

	(void)state;
	assert_int_equal(app_audit_event(st, &who, "concern.raise", 3, "C-SECRET-9", &err),
	    CAIRN_OK);
	snprintf(sql, sizeof(sql), "UPDATE audit SET subject = NULL, redacted = 1 WHERE id = %ld",
	    base + 6);
	raw(sql);
	assert_int_equal(audit_verify(st, &n, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "no purge"));
	{
		struct audit_check c;

		/* In steps of one entry, the redaction waits for its purge across steps. */
		cairn_err_clear(&err);
		assert_int_equal(check_in_steps(1, &c, &err), CAIRN_EDATA);
		assert_non_null(strstr(err.msg, "no purge"));
		assert_int_equal(app_audit_event(st, &who, "purge.child-level", 3, NULL, &err),
		    CAIRN_OK);
		assert_int_equal(check_in_steps(1, &c, &err), CAIRN_OK);
		assert_int_equal(c.checked, base + 7);
	}
	assert_int_equal(audit_verify(st, &n, &err), CAIRN_OK);
	assert_int_equal(n, base + 7);
	/* t.one is not child-level: its text may not go. */
	snprintf(sql, sizeof(sql), "UPDATE audit SET subject = NULL, redacted = 1 WHERE id = %ld",
	    base + 2);
	raw(sql);
	assert_broken_at(base + 2);
}

/* Signs a checkpoint as the local administrator; returns the line in line
 * and the public key in pub. */
static void
checkpoint_take(char line[static CHECKPOINT_LINE_MAX], char pub[static CHECKPOINT_PUB_HEX])
{
	struct actor local = actor_cli(NULL);
	struct cairn_err err = { 0 };
	bool created;

	if (audit_checkpoint(st, &local, line, &created, pub, &err) != CAIRN_OK)
		fail_msg("checkpoint: %s", err.msg);
}

/* Issue 18, signed checkpoints: the line names the newest entry, its hash
 * and the count, and its Ed25519 signature checks with the public key alone
 * (crypto_sign_verify_detached over the text before " sig="). */
static void
test_checkpoint_signs_and_verifies(void **state)
{
	char line[CHECKPOINT_LINE_MAX], pub[CHECKPOINT_PUB_HEX], want[64];
	unsigned char pk[32], sig[64];
	struct cairn_err err = { 0 };
	const char *s;
	long k = 0, n = 0;

	(void)state;
	checkpoint_take(line, pub);
	snprintf(want, sizeof(want), "cairn-checkpoint v1 entry=%ld hash=", base + 5);
	assert_int_equal(strncmp(line, want, strlen(want)), 0);
	snprintf(want, sizeof(want), " entries=%ld at=", base + 5);
	assert_non_null(strstr(line, want));
	s = strstr(line, " sig=");
	assert_non_null(s);
	assert_int_equal(sodium_hex2bin(pk, 32, pub, 64, NULL, NULL, NULL), 0);
	assert_int_equal(sodium_hex2bin(sig, 64, s + 5, 128, NULL, NULL, NULL), 0);
	assert_int_equal(crypto_sign_verify_detached(sig, (const unsigned char *)line,
	                     (unsigned long long)(s - line), pk),
	    0);
	assert_int_equal(audit_checkpoint_verify(st, pub, line, &k, &n, &err), CAIRN_OK);
	assert_int_equal(k, 2);        /* the file's line and the one given */
	assert_int_equal(n, base + 6); /* and the checkpoint's own entry */
}

/* Only an administrator signs a checkpoint (the role table). */
static void
test_checkpoint_needs_an_administrator(void **state)
{
	struct actor ann = actor_account("ann", false, "192.0.2.9");
	struct actor root = actor_account("root", true, "192.0.2.9");
	char line[CHECKPOINT_LINE_MAX], pub[CHECKPOINT_PUB_HEX];
	struct cairn_err err = { 0 };
	bool created;

	(void)state;
	assert_int_equal(audit_checkpoint(st, &ann, line, &created, pub, &err), CAIRN_EPERM);
	assert_int_equal(line[0], '\0');
	assert_int_equal(audit_checkpoint(st, &root, line, &created, pub, &err), CAIRN_OK);
	assert_true(created);
}

/* The checkpointed entry deleted (and the rest of the chain intact up to
 * it) is found and the checkpoint named; so is a wrong public key and a
 * line changed without the secret key. */
static void
test_checkpoint_detects(void **state)
{
	char line[CHECKPOINT_LINE_MAX], pub[CHECKPOINT_PUB_HEX], other[CHECKPOINT_PUB_HEX];
	char forged[CHECKPOINT_LINE_MAX], sql[100], *p;
	unsigned char pk[32];
	struct cairn_err err = { 0 };
	long k = 0, n = 0;

	(void)state;
	checkpoint_take(line, pub);
	/* Another key. */
	randombytes_buf(pk, sizeof(pk));
	sodium_bin2hex(other, sizeof(other), pk, sizeof(pk));
	assert_int_equal(audit_checkpoint_verify(st, other, NULL, &k, &n, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "checkpoint 1 (line 1 of t.db.checkpoints)"));
	assert_non_null(strstr(err.msg, "signature does not verify"));
	err = (struct cairn_err){ 0 }; /* an error keeps its first message */
	/* A line changed: another hash. */
	snprintf(forged, sizeof(forged), "%s", line);
	p = strstr(forged, " hash=");
	assert_non_null(p);
	p[6] = p[6] == '0' ? '1' : '0';
	assert_int_equal(audit_checkpoint_verify(st, pub, forged, &k, &n, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "the given checkpoint"));
	assert_non_null(strstr(err.msg, "signature"));
	err = (struct cairn_err){ 0 };
	/* The checkpointed entry deleted. */
	snprintf(sql, sizeof(sql), "DELETE FROM audit WHERE id = %ld", base + 5);
	raw(sql);
	assert_int_equal(audit_checkpoint_verify(st, pub, NULL, &k, &n, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "checkpoint 1"));
	assert_non_null(strstr(err.msg, "no longer holds entry"));
}

/* A backup's checkpoints are those of the entries it holds. */
static void
test_checkpoints_copy_filters(void **state)
{
	char line[CHECKPOINT_LINE_MAX], line2[CHECKPOINT_LINE_MAX], pub[CHECKPOINT_PUB_HEX];
	char out[600], text[2 * CHECKPOINT_LINE_MAX];
	struct cairn_err err = { 0 };
	bool wrote;
	FILE *f;
	size_t len;

	(void)state;
	checkpoint_take(line, pub);
	checkpoint_take(line2, pub);
	snprintf(out, sizeof(out), "%s/copy.checkpoints", dir);
	assert_int_equal(audit_checkpoints_copy(st, base + 5, out, &wrote, &err), CAIRN_OK);
	assert_true(wrote);
	f = fopen(out, "r");
	assert_non_null(f);
	len = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[len] = '\0';
	unlink(out);
	assert_int_equal(len, strlen(line) + 1); /* only the first: the second is of base + 6 */
	assert_int_equal(strncmp(text, line, strlen(line)), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intact_chain_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_newest_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_entries_in_order_and_chained, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_stops_when_asked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_field_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_entry_with_new_hash_detected, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_edited_first_entry_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_entry_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reordered_entries_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inserted_entry_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rolled_back_entry_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_tail_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redaction_needs_a_purge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stepped_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkpoint_signs_and_verifies, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_checkpoint_needs_an_administrator, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_checkpoint_detects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkpoints_copy_filters, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
