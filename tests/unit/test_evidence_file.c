/*
 * An evidence item's attached file (app_evidence_file): found by the
 * item's number within its inspection, with the hash from the database;
 * no file, no such item, another inspection's number, a stored file gone
 * or changed in size are refused; the name kept for an upload is its last
 * component with controls replaced, cut at a character boundary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/evaluation/evidence.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "core/text.h"
#include "store/store.h"
#include "testdb.h"

/* SHA-256 of "abc" (FIPS 180-2, appendix B.1). */
static const char SHA_ABC[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

static char dir[] = "/tmp/cairn-test-evfile.XXXXXX";
static char path[512];
static struct store *st;
static long insp, other;

/* Writes data to dir/name; returns the path (static buffer). */
static const char *
put(const char *name, const char *data)
{
	static char p[600];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, strlen(data), f), strlen(data));
	assert_int_equal(fclose(f), 0);
	return p;
}

/* Adds evidence to inspection id with an optional file; returns its number. */
static long
add(long id, const char *file, const char *file_name)
{
	struct actor who = actor_cli(NULL);
	struct evidence_req req = { .source = "document",
		.text = "found",
		.file = file,
		.file_name = file_name };
	struct cairn_err err = { 0 };
	char sha[65];
	long n = 0;

	if (app_evidence_add(st, &who, id, &req, &n, sha, &err) != CAIRN_OK)
		fail_msg("%s", err.msg);
	return n;
}

/* Reads the whole of fd into buf (at most cap bytes); returns the length. */
static size_t
slurp(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	ssize_t k;

	while (n < cap && (k = read(fd, buf + n, cap - n)) > 0)
		n += (size_t)k;
	return n;
}

static int
setup(void **state)
{
	struct actor who = actor_cli(NULL);
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "South Ayrshire",
		.framework = "cyp-2014",
		.published = "2016-10-04" };
	struct inspection_new req2 = { .partnership = "Elsewhere", .framework = "cyp-2014" };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (app_init(path, &st, &err) != CAIRN_OK ||
	    app_inspection_create(st, &who, &req, &insp, &err) != CAIRN_OK ||
	    app_inspection_create(st, &who, &req2, &other, &err) != CAIRN_OK) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	return 0;
}

/* Removes the files in directory d (not subdirectories), then d. */
static void
remove_dir(const char *d)
{
	DIR *dh = opendir(d);
	struct dirent *de;
	char p[800];

	if (dh == NULL)
		return;
	while ((de = readdir(dh)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", d, de->d_name);
		unlink(p);
	}
	closedir(dh);
	rmdir(d);
}

static int
teardown(void **state)
{
	char files[600];

	(void)state;
	store_close(st);
	testdb_remove(path);
	snprintf(files, sizeof(files), "%s.files", path);
	remove_dir(files);
	remove_dir(dir);
	return 0;
}

static void
test_found_by_number(void **state)
{
	struct evidence_file f;
	struct cairn_err err = { 0 };
	char buf[64];
	long with, without, theirs;

	(void)state;
	with = add(insp, put("note.txt", "abc"), NULL);
	without = add(insp, NULL, NULL);
	theirs = add(other, put("theirs.txt", "another inspection"), NULL);
	assert_int_equal(app_evidence_file(st, insp, with, &f, &err), CAIRN_OK);
	assert_true(f.fd >= 0);
	assert_int_equal(f.size, 3);
	assert_string_equal(f.sha256, SHA_ABC);
	assert_string_equal(f.name, "note.txt");
	assert_int_equal(slurp(f.fd, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "abc", 3);
	evidence_file_free(&f);
	assert_int_equal(f.fd, -1);
	evidence_file_free(&f); /* twice is harmless */

	/* No file: 66, saying so; nothing left open. */
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_evidence_file(st, insp, without, &f, &err), CAIRN_ENOINPUT);
	assert_non_null(strstr(err.msg, "has no file"));
	assert_int_equal(f.fd, -1);
	assert_null(f.name);

	/* No such item, and another inspection's numbering. */
	assert_int_equal(app_evidence_file(st, insp, 999, &f, &err), CAIRN_EDATA);
	assert_int_equal(app_evidence_file(st, other, without, &f, &err), CAIRN_EDATA);
	assert_int_equal(app_evidence_file(st, other, theirs, &f, &err), CAIRN_OK);
	assert_int_equal(slurp(f.fd, buf, sizeof(buf)), strlen("another inspection"));
	assert_memory_equal(buf, "another inspection", strlen("another inspection"));
	evidence_file_free(&f);
}

static void
test_stored_file_gone_or_changed(void **state)
{
	struct evidence_file f;
	struct cairn_err err = { 0 };
	struct buf p = BUF_INIT;
	long gone, changed;
	FILE *fh;

	(void)state;
	gone = add(insp, put("gone.txt", "this one is removed"), NULL);
	changed = add(insp, put("changed.txt", "this one grows"), NULL);
	assert_int_equal(app_evidence_file(st, insp, gone, &f, &err), CAIRN_OK);
	app_evidence_dir(st, &p);
	buf_printf(&p, "/%s", f.sha256);
	evidence_file_free(&f);
	assert_int_equal(unlink(buf_str(&p)), 0);
	assert_int_equal(app_evidence_file(st, insp, gone, &f, &err), CAIRN_ENOINPUT);
	assert_non_null(strstr(err.msg, "missing"));
	assert_int_equal(f.fd, -1);

	assert_int_equal(app_evidence_file(st, insp, changed, &f, &err), CAIRN_OK);
	buf_reset(&p);
	app_evidence_dir(st, &p);
	buf_printf(&p, "/%s", f.sha256);
	evidence_file_free(&f);
	fh = fopen(buf_str(&p), "ab");
	assert_non_null(fh);
	fputs(" and grows", fh);
	fclose(fh);
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_evidence_file(st, insp, changed, &f, &err), CAIRN_ENOINPUT);
	if (strstr(err.msg, "not the 14 recorded") == NULL)
		fail_msg("%s", err.msg);
	buf_free(&p);
}

static void
test_uploaded_name(void **state)
{
	struct evidence_file f;
	struct cairn_err err = { 0 };
	char longname[400];
	size_t n = 0;
	long a, b;

	(void)state;
	a = add(insp, put("upload-1", "first upload"), "C:\\Users\\x/notes \"v2\"\r\n<b>.txt");
	assert_int_equal(app_evidence_file(st, insp, a, &f, &err), CAIRN_OK);
	assert_string_equal(f.name, "notes \"v2\"__<b>.txt");
	evidence_file_free(&f);

	/* 150 two-byte characters (300 bytes) are cut to 127 characters. */
	for (int i = 0; i < 150; i++) {
		longname[n++] = (char)0xc3;
		longname[n++] = (char)0xa9; /* e acute */
	}
	longname[n] = '\0';
	b = add(insp, put("upload-2", "second upload"), longname);
	assert_int_equal(app_evidence_file(st, insp, b, &f, &err), CAIRN_OK);
	assert_int_equal(strlen(f.name), 254);
	assert_true(text_utf8_valid(f.name, strlen(f.name)));
	evidence_file_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found_by_number),
		cmocka_unit_test(test_stored_file_gone_or_changed),
		cmocka_unit_test(test_uploaded_name),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
