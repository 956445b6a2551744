/*
 * The child-level outcomes import's fast path (app/outcomes/outcome_fast.h) against
 * the general RFC 4180 reader: the same files give identical aggregates
 * (checked also against counts the test makes itself), identical errors
 * on bad input, and nothing stored when a file has an error.  Real SQLite.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/setup/init.h"
#include "app/outcomes/outcome.h"
#include "core/buf.h"
#include "store/outcome.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-outfast.XXXXXX";

/* The areas and indicators the generated files use. */
static const char *const AREAS[3] = { "S12000005", "S12000006", "S12000008" };
static const char *const INDS[2] = { "i1", "i2" };

static int
setup(void **state)
{
	char p[600];
	FILE *f;

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(p, sizeof(p), "%s/meta.csv", dir);
	if ((f = fopen(p, "w")) == NULL)
		return -1;
	fputs("code,title,measure,polarity\ni1,One,proportion,higher-worse\n"
	      "i2,Two,rate per 1000,higher-worse\n",
	    f);
	fclose(f);
	return 0;
}

/* Removes a database and its side files. */
static int
teardown(void **state)
{
	char p[600];

	(void)state;
	snprintf(p, sizeof(p), "%s/meta.csv", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/in.csv", dir);
	unlink(p);
	rmdir(dir);
	return 0;
}

/* What one import did. */
struct run {
	int rc; /* app_outcome_import's result */
	struct outcome_import_result res;
	struct csv_errors errs; /* the errors listed */
	struct buf dump;        /* every stored cell, one per line, in query order */
};

/* Writes text as the input file. */
static void
write_input(const char *text, size_t n)
{
	char p[600];
	FILE *f;

	snprintf(p, sizeof(p), "%s/in.csv", dir);
	f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, n, f), n);
	fclose(f);
}

/* Imports the input file into a fresh database, by the general reader
 * or (when it takes it) the fast path, and dumps what was stored. */
static void
import(bool general, struct run *r)
{
	struct outcome_import_req req = { 0 };
	struct actor who = { "test", "cli", NULL, true };
	struct cairn_err err = { 0 };
	struct store *st = NULL;
	const char *errs_file = NULL;
	char db[600], in[600], meta[600];

	snprintf(db, sizeof(db), "%s/t.db", dir);
	snprintf(in, sizeof(in), "%s/in.csv", dir);
	snprintf(meta, sizeof(meta), "%s/meta.csv", dir);
	testdb_remove(db);
	assert_int_equal(app_init(db, &st, &err), CAIRN_OK);
	req.path = in;
	req.indicators = meta;
	req.q1 = "most-deprived";
	req.simd = "2020";
	req.child_level = true;
	req.general_reader = general;
	memset(r, 0, sizeof(*r));
	r->rc = app_outcome_import(st, &who, &req, &r->res, &r->errs, &errs_file, &err);
	buf_init(&r->dump, 0);
	for (int k = 0; k < 2; k++) {
		for (int a = 0; a < 3; a++) {
			struct outcome_cell *c = NULL;
			size_t n = 0;
			char *simd = NULL;

			assert_int_equal(store_outcome_cells(st, INDS[k], AREAS[a], &c, &n, &simd,
			                     &err),
			    CAIRN_OK);
			for (size_t i = 0; i < n; i++)
				buf_printf(&r->dump, "%s|%s|%s|%s|%d|%d|%d|%.0f|%.0f\n",
				    c[i].indicator, c[i].area_code, c[i].area_name, c[i].period,
				    c[i].ngroups, c[i].grp, c[i].grp_given, c[i].numerator,
				    c[i].denominator);
			outcome_cells_free(c, n);
			free(simd);
		}
	}
	store_close(st);
	testdb_remove(db);
}

/* Asserts that two runs stored the same and reported the same errors. */
static void
assert_same(const struct run *a, const struct run *b)
{
	assert_int_equal(a->rc, b->rc);
	assert_int_equal(a->res.rows, b->res.rows);
	assert_int_equal(a->res.cells, b->res.cells);
	assert_int_equal(a->res.ngroups, b->res.ngroups);
	assert_int_equal(a->dump.len, b->dump.len);
	if (a->dump.len > 0)
		assert_memory_equal(a->dump.data, b->dump.data, a->dump.len);
	assert_int_equal(a->errs.total, b->errs.total);
	assert_int_equal(a->errs.nkept, b->errs.nkept);
	for (size_t i = 0; i < a->errs.nkept; i++) {
		assert_int_equal(a->errs.kept[i].line, b->errs.kept[i].line);
		assert_int_equal(a->errs.kept[i].column, b->errs.kept[i].column);
		assert_string_equal(a->errs.kept[i].msg, b->errs.kept[i].msg);
	}
}

/* A fixed LCG so the generated file is the same on every run. */
static unsigned
next_rand(uint64_t *x, unsigned n)
{
	*x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((*x >> 33) % n);
}

/* Makes a plain child-level file of rows rows (CRLF when crlf, an empty
 * line now and then), and counts, as the test's own reference, the
 * children with i1 = 1 and with i1 recorded in area 0, period 2019,
 * group 2. */
static void
make_file(struct buf *b, int rows, bool crlf, long *num, long *den)
{
	uint64_t x = 2026;
	const char *eol = crlf ? "\r\n" : "\n";

	*num = *den = 0;
	buf_printf(b, "area_code,area_name,period,group,i1,i2%s", eol);
	for (int i = 0; i < rows; i++) {
		unsigned a = next_rand(&x, 3), p = 2018 + next_rand(&x, 3),
		         g = 1 + next_rand(&x, 5);
		unsigned v1 = next_rand(&x, 7), v2 = next_rand(&x, 2);
		const char *c1 = v1 == 0 ? "" : v1 < 3 ? "1" : "0";

		buf_printf(b, "%s,Area %u,%u,%u,%s,%u%s", AREAS[a], a, p, g, c1, v2, eol);
		if (a == 0 && p == 2019 && g == 2 && v1 != 0) {
			(*den)++;
			*num += v1 < 3;
		}
		if (i % 997 == 500)
			buf_puts(b, eol);
	}
}

static void
test_plain_file_same_aggregates(void **state)
{
	struct buf b = BUF_INIT;
	struct run fast, gen;
	long num, den;
	char want[128];

	(void)state;
	for (int crlf = 0; crlf < 2; crlf++) {
		buf_free(&b);
		buf_init(&b, 0);
		make_file(&b, 5000, crlf, &num, &den);
		write_input(b.data, b.len);
		import(false, &fast);
		import(true, &gen);
		assert_int_equal(fast.rc, CAIRN_OK);
		assert_true(fast.res.fast);
		assert_false(gen.res.fast);
		assert_int_equal(fast.res.rows, 5000);
		assert_int_equal(fast.res.cells, 2 * 3 * 3 * 5);
		assert_same(&fast, &gen);
		/* The count the test made itself is there. */
		snprintf(want, sizeof(want), "i1|S12000005|Area 0|2019|5|2|2|%ld|%ld\n", num, den);
		assert_non_null(strstr(fast.dump.data, want));
		buf_free(&fast.dump);
		buf_free(&gen.dump);
	}
	buf_free(&b);
}

/* Valid files that are not plain: the fast path declines and the general
 * reader's result stands. */
static void
test_not_plain_declined_same_result(void **state)
{
	static const char *const files[] = {
		/* a quoted name with a comma */
		"area_code,area_name,period,group,i1,i2\nS12000005,\"Area, 0\",2019,1,1,0\n"
		"S12000005,\"Area, 0\",2019,2,0,1\n",
		/* UTF-8 in a name */
		"area_code,area_name,period,group,i1,i2\nS12000006,Gàidhealtachd,2019,1,1,0\n",
		/* one area called differently in two periods (the general reader allows it) */
		"area_code,area_name,period,group,i1,i2\nS12000005,Area 0,2019,1,1,0\n"
		"S12000005,Area zero,2020,1,1,1\n",
		/* a group written with a leading zero */
		"area_code,area_name,period,group,i1,i2\nS12000008,Area 2,2019,03,1,0\n",
		/* no newline at the end, and a lone CR line end */
		"area_code,area_name,period,group,i1,i2\rS12000008,Area 2,2019,3,1,0",
	};
	struct run fast, gen;

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		write_input(files[i], strlen(files[i]));
		import(false, &fast);
		import(true, &gen);
		assert_int_equal(fast.rc, CAIRN_OK);
		assert_false(fast.res.fast);
		assert_true(fast.dump.len > 0);
		assert_same(&fast, &gen);
		buf_free(&fast.dump);
		buf_free(&gen.dump);
	}
}

/* Bad files: the same errors, with the same lines and columns, and nothing
 * stored, whichever path was asked for. */
static void
test_bad_input_same_errors(void **state)
{
	static const char *const files[] = {
		"area_code,area_name,period,group,i1,i2\nS12000005,Area 0,2019,11,1,0\n",
		"area_code,area_name,period,group,i1,i2\nS12000005,Area 0,2019,1,2,0\n"
		"S12000005,Area 0,2019,1,1,x\n",
		"area_code,area_name,period,group,i1,i2\n,Area 0,2019,1,1,0\n",
		"area_code,area_name,period,group,i1,i2\nS12000005,Area 0,2019,1,1\n",
		"area_code,area_name,period,group,i1,i2\nS12000005,Ar\"ea,2019,1,1,0\n",
		"area_code,area_name,period,group,i1,i2\nS12000005,Area 0,2019,1,1,0\n"
		"S12000005,Area 9,2019,1,1,0\n",
		"area_code,area_name,period,group,i1,i2\nS12000005,Area \xff,2019,1,1,0\n",
		"area_code,area_name,period,group,i1,i2\nS12000005,Area 0,,1,1,0\n",
		"area_code,area_name,period,group,i1,i9\nS12000005,Area 0,2019,1,1,0\n",
		"area_code,area_name,period,group,i1,i2\n",
	};
	struct run fast, gen;

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		write_input(files[i], strlen(files[i]));
		import(false, &fast);
		import(true, &gen);
		assert_int_equal(fast.rc, CAIRN_EDATA);
		assert_false(fast.res.fast);
		assert_int_equal(fast.dump.len, 0);
		assert_same(&fast, &gen);
		buf_free(&fast.dump);
		buf_free(&gen.dump);
	}
	/* Many bad rows among good ones: the first 20 kept, all counted, the same. */
	{
		struct buf b = BUF_INIT;

		buf_puts(&b, "area_code,area_name,period,group,i1,i2\n");
		for (int i = 0; i < 300; i++)
			buf_printf(&b, "S12000005,Area 0,2019,%d,1,0\n",
			    i % 10 == 3 ? 12 : 1 + i % 5);
		write_input(b.data, b.len);
		import(false, &fast);
		import(true, &gen);
		assert_int_equal(fast.rc, CAIRN_EDATA);
		assert_int_equal(fast.errs.total, 30);
		assert_int_equal(fast.errs.nkept, 20);
		assert_int_equal(fast.errs.kept[0].line, 5);
		assert_int_equal(fast.errs.kept[0].column, 4);
		assert_same(&fast, &gen);
		buf_free(&fast.dump);
		buf_free(&gen.dump);
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_file_same_aggregates),
		cmocka_unit_test(test_not_plain_declined_same_result),
		cmocka_unit_test(test_bad_input_same_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
