/* Unit tests for core/csv: RFC 4180 parsing, line numbers, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/mem.h"

/* Everything delivered by a read, flattened for assertions. */
struct got {
	struct buf header; /* header cells joined by '|' */
	struct buf rows;   /* each row: "LINE:cell|cell\n" */
	long nrows;        /* rows delivered */
	int stop_after;    /* stop (return 70) after this many rows; 0 never */
};

static int
on_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct got *g = arg;

	(void)errs;
	for (size_t i = 0; i < h->ncells; i++)
		buf_printf(&g->header, "%s%s", i ? "|" : "", h->cells[i]);
	return CAIRN_OK;
}

static int
on_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct got *g = arg;

	(void)errs;
	buf_printf(&g->rows, "%ld:", r->line);
	for (size_t i = 0; i < r->ncells; i++) {
		assert_int_equal(strlen(r->cells[i]), r->lens[i]);
		buf_printf(&g->rows, "%s%s", i ? "|" : "", r->cells[i]);
	}
	buf_putc(&g->rows, '\n');
	g->nrows++;
	if (g->stop_after && g->nrows >= g->stop_after)
		return CAIRN_ESOFTWARE;
	return CAIRN_OK;
}

/* Reads s (length n) with the given cell limit; returns the result. */
static int
readn(const char *s, size_t n, struct got *g, struct csv_errors *e, size_t max_cell)
{
	struct csv_opts o = { 0 };
	struct cairn_err err = { 0 };

	memset(g, 0, sizeof(*g));
	o.on_header = on_header;
	o.on_row = on_row;
	o.arg = g;
	o.max_cell = max_cell;
	return csv_read_mem(s, n, "t.csv", &o, e, &err);
}

static int
readstr(const char *s, struct got *g, struct csv_errors *e)
{
	return readn(s, strlen(s), g, e, 0);
}

static void
got_free(struct got *g)
{
	buf_free(&g->header);
	buf_free(&g->rows);
}

static void
test_plain_and_quoted(void **state)
{
	struct got g;
	struct csv_errors e;

	(void)state;
	assert_int_equal(readstr("ref,category,note\n"
	                         "A1,CP,\"two, with comma\"\n"
	                         "A2,\"LAC\"\"home\"\"\",\"\"\n"
	                         "A3,,x\n",
	                     &g, &e),
	    CAIRN_OK);
	assert_int_equal(e.total, 0);
	assert_string_equal(buf_str(&g.header), "ref|category|note");
	assert_string_equal(buf_str(&g.rows),
	    "2:A1|CP|two, with comma\n3:A2|LAC\"home\"|\n4:A3||x\n");
	got_free(&g);
}

static void
test_crlf_bom_and_no_final_newline(void **state)
{
	struct got g;
	struct csv_errors e;

	(void)state;
	assert_int_equal(readstr("\xef\xbb\xbfref,age\r\nA1,4\r\nA2,17", &g, &e), CAIRN_OK);
	assert_string_equal(buf_str(&g.header), "ref|age");
	assert_string_equal(buf_str(&g.rows), "2:A1|4\n3:A2|17\n");
	got_free(&g);
	/* A lone CR ends a line too; a file that starts like a BOM but is not one. */
	assert_int_equal(readstr("\xef\xbbx,y\rA1,2\r", &g, &e), CAIRN_EDATA);
	assert_int_equal(e.kept[0].line, 1); /* the header cell is not UTF-8 */
	assert_int_equal(e.kept[0].column, 1);
	got_free(&g);
}

static void
test_embedded_newlines_keep_line_numbers(void **state)
{
	struct got g;
	struct csv_errors e;

	(void)state;
	assert_int_equal(readstr("ref,note\r\n"
	                         "A1,\"line one\r\nline two\nline three\"\r\n"
	                         "A2,\"x\"\n"
	                         "A3,bad\xff\n",
	                     &g, &e),
	    CAIRN_EDATA);
	assert_string_equal(buf_str(&g.rows), "2:A1|line one\r\nline two\nline three\n5:A2|x\n");
	assert_int_equal(e.total, 1);
	assert_int_equal(e.kept[0].line, 6);
	assert_int_equal(e.kept[0].column, 2);
	assert_non_null(strstr(e.kept[0].msg, "UTF-8"));
	assert_non_null(strstr(e.kept[0].msg, "note"));
	got_free(&g);
}

static void
test_blank_lines_skipped(void **state)
{
	struct got g;
	struct csv_errors e;

	(void)state;
	assert_int_equal(readstr("\n\nref\n\nA1\r\n\r\nA2\n\n", &g, &e), CAIRN_OK);
	assert_string_equal(buf_str(&g.header), "ref");
	assert_string_equal(buf_str(&g.rows), "5:A1\n7:A2\n");
	got_free(&g);
}

static void
test_ragged_rows_reported(void **state)
{
	struct got g;
	struct csv_errors e;
	struct buf out = BUF_INIT;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(readstr("a,b,c\n1,2,3\n1,2\n1,2,3,4\n\"x\ny\",2,3\n", &g, &e),
	    CAIRN_EDATA);
	assert_string_equal(buf_str(&g.rows), "2:1|2|3\n5:x\ny|2|3\n");
	assert_int_equal(e.total, 2);
	assert_int_equal(e.kept[0].line, 3);
	assert_int_equal(e.kept[0].column, 3);
	assert_int_equal(e.kept[1].line, 4);
	assert_int_equal(e.kept[1].column, 4);
	csv_errors_format(&e, "t.csv", &out);
	assert_string_equal(buf_str(&out),
	    "t.csv: line 3, column 3: the row has 2 cells; the header has 3\n"
	    "t.csv: line 4, column 4: the row has 4 cells; the header has 3\n");
	assert_int_equal(csv_errors_summary(&e, "t.csv", &err), CAIRN_EDATA);
	assert_string_equal(err.msg, "t.csv has 2 errors; nothing was imported");
	buf_free(&out);
	got_free(&g);
}

static void
test_bad_quotes(void **state)
{
	struct got g;
	struct csv_errors e;

	(void)state;
	assert_int_equal(readstr("a,b\n1,x\"y\n2,\"z\"w\n3,\"open\nstill open\n", &g, &e),
	    CAIRN_EDATA);
	assert_int_equal(g.nrows, 0);
	assert_int_equal(e.total, 3);
	assert_int_equal(e.kept[0].line, 2);
	assert_non_null(strstr(e.kept[0].msg, "quote inside an unquoted cell"));
	assert_int_equal(e.kept[1].line, 3);
	assert_non_null(strstr(e.kept[1].msg, "after the closing quote"));
	assert_int_equal(e.kept[2].line, 4);
	assert_int_equal(e.kept[2].column, 2);
	assert_non_null(strstr(e.kept[2].msg, "never closed"));
	got_free(&g);
}

/* A header with an error (a NUL, invalid UTF-8) is not delivered, and
 * neither is any row after it: a row callback would read it against a
 * header it never saw (the survey import crashed on a NUL in its header).
 * The rows are still read for their own errors. */
static void
test_bad_header_delivers_no_rows(void **state)
{
	static const char nul[] = "id,Te\0am,Answer\n1,A,Agree\n2,B,\"open\n";
	static const char bad_utf8[] = "id,\xff\xfe,Answer\n1,A,Agree\n";
	struct got g;
	struct csv_errors e;

	(void)state;
	assert_int_equal(readn(nul, sizeof(nul) - 1, &g, &e, 0), CAIRN_EDATA);
	assert_int_equal(g.nrows, 0);
	assert_int_equal(g.header.len, 0);
	assert_int_equal(e.total, 2);
	assert_int_equal(e.kept[0].line, 1);
	assert_int_equal(e.kept[0].column, 2);
	assert_int_equal(e.kept[1].line, 3);
	assert_int_equal(e.kept[1].column, 3);
	got_free(&g);
	assert_int_equal(readstr(bad_utf8, &g, &e), CAIRN_EDATA);
	assert_int_equal(g.nrows, 0);
	assert_int_equal(e.total, 1);
	assert_int_equal(e.kept[0].line, 1);
	got_free(&g);
}

static void
test_empty_file(void **state)
{
	struct got g;
	struct csv_errors e;

	(void)state;
	assert_int_equal(readstr("", &g, &e), CAIRN_EDATA);
	assert_int_equal(e.total, 1);
	assert_non_null(strstr(e.kept[0].msg, "empty"));
	got_free(&g);
	assert_int_equal(readstr("\xef\xbb\xbf\r\n\n", &g, &e), CAIRN_EDATA);
	assert_int_equal(e.total, 1);
	got_free(&g);
	/* A header alone is not an error for the reader. */
	assert_int_equal(readstr("ref\n", &g, &e), CAIRN_OK);
	assert_int_equal(g.nrows, 0);
	got_free(&g);
}

#define OVER "a,b\n12345678,x\n1234567,y\n\"123456789\",z\n"

static void
test_oversized_cell(void **state)
{
	struct got g;
	struct csv_errors e;

	(void)state;
	assert_int_equal(readn(OVER, strlen(OVER), &g, &e, 7), CAIRN_EDATA);
	assert_string_equal(buf_str(&g.rows), "3:1234567|y\n");
	assert_int_equal(e.total, 2);
	assert_int_equal(e.kept[0].line, 2);
	assert_int_equal(e.kept[0].column, 1);
	assert_non_null(strstr(e.kept[0].msg, "8 bytes long; the limit is 7"));
	assert_int_equal(e.kept[1].line, 4);
	got_free(&g);
}

static void
test_utf8_valid_and_overlong(void **state)
{
	struct got g;
	struct csv_errors e;

	(void)state;
	assert_int_equal(readstr("ref,area\nA1,Dumfries & Gall\xc3\xb3\n", &g, &e), CAIRN_OK);
	assert_string_equal(buf_str(&g.rows), "2:A1|Dumfries & Gall\xc3\xb3\n");
	got_free(&g);
	assert_int_equal(readstr("ref,area\nA1,\xc0\xaf\nA2,\xed\xa0\x80\n", &g, &e), CAIRN_EDATA);
	assert_int_equal(e.total, 2);
	assert_int_equal(e.kept[1].line, 3);
	got_free(&g);
}

static void
test_many_errors_kept_and_counted(void **state)
{
	struct got g;
	struct csv_errors e;
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct cairn_err err = { 0 };

	(void)state;
	buf_puts(&in, "a,b\n");
	for (int i = 0; i < 30; i++)
		buf_puts(&in, "only-one\n");
	assert_int_equal(readstr(buf_str(&in), &g, &e), CAIRN_EDATA);
	assert_int_equal(e.total, 30);
	assert_int_equal(e.nkept, CSV_ERRORS_KEPT);
	assert_int_equal(e.kept[19].line, 21);
	csv_errors_format(&e, NULL, &out);
	assert_non_null(strstr(buf_str(&out), "... and 10 more errors\n"));
	assert_int_equal(csv_errors_summary(&e, "f.csv", &err), CAIRN_EDATA);
	assert_string_equal(err.msg,
	    "f.csv has 30 errors (the first 20 are listed); nothing was imported");
	buf_free(&in);
	buf_free(&out);
	got_free(&g);
}

/* Feeding byte by byte gives the same rows as feeding at once. */
static void
test_split_feeding(void **state)
{
	const char *s = "\xef\xbb\xbfref,note\r\nA1,\"a\r\nb\"\"c\"\r\nA2,x\r\n";
	struct got g;
	struct csv_errors e;
	struct csv_opts o = { 0 };
	struct csv_reader *r;

	(void)state;
	memset(&g, 0, sizeof(g));
	csv_errors_clear(&e);
	o.on_header = on_header;
	o.on_row = on_row;
	o.arg = &g;
	r = csv_reader_new(&o, &e);
	for (size_t i = 0; s[i] != '\0'; i++)
		assert_int_equal(csv_reader_feed(r, s + i, 1), CAIRN_OK);
	assert_int_equal(csv_reader_finish(r), CAIRN_OK);
	assert_int_equal(csv_reader_rows(r), 2);
	assert_non_null(csv_reader_header(r));
	assert_int_equal(csv_reader_header(r)->ncells, 2);
	csv_reader_free(r);
	assert_int_equal(e.total, 0);
	assert_string_equal(buf_str(&g.header), "ref|note");
	assert_string_equal(buf_str(&g.rows), "2:A1|a\r\nb\"c\n4:A2|x\n");
	got_free(&g);
}

static void
test_callback_stops(void **state)
{
	struct got g;
	struct csv_errors e;
	struct csv_opts o = { 0 };
	struct cairn_err err = { 0 };

	(void)state;
	memset(&g, 0, sizeof(g));
	g.stop_after = 1;
	o.on_row = on_row;
	o.arg = &g;
	assert_int_equal(csv_read_mem("a\n1\n2\n3\n", 8, "x", &o, &e, &err), CAIRN_ESOFTWARE);
	assert_int_equal(g.nrows, 1);
	got_free(&g);
}

static void
test_file_missing_and_read(void **state)
{
	char path[] = "/tmp/cairn-test-csv.XXXXXX";
	struct csv_errors e;
	struct csv_opts o = { 0 };
	struct cairn_err err = { 0 };
	struct got g;
	FILE *f;
	int fd;

	(void)state;
	assert_int_equal(csv_read_file("/nonexistent/x.csv", &o, &e, &err), CAIRN_ENOINPUT);
	assert_non_null(strstr(err.msg, "/nonexistent/x.csv"));
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("ref,n\n", f);
	for (int i = 0; i < 100000; i++)
		fprintf(f, "R%d,\"%d\"\n", i, i);
	fclose(f);
	memset(&g, 0, sizeof(g));
	o.on_row = on_row;
	o.arg = &g;
	assert_int_equal(csv_read_file(path, &o, &e, &err), CAIRN_OK);
	assert_int_equal(g.nrows, 100000);
	assert_non_null(strstr(buf_str(&g.rows), "\n100001:R99999|99999\n"));
	got_free(&g);
	unlink(path);
}

static void
test_errors_merge_keeps_line_order(void **state)
{
	struct csv_errors a, b;

	(void)state;
	csv_errors_clear(&a);
	csv_errors_clear(&b);
	for (long i = 0; i < 25; i++)
		csv_errors_add(&a, 10 + 2 * i, 1, "a%ld", i);
	csv_errors_add(&b, 3, 2, "b0");
	csv_errors_add(&b, 11, 1, "b1");
	csv_errors_merge(&a, &b);
	assert_int_equal(a.total, 27);
	assert_int_equal(a.nkept, CSV_ERRORS_KEPT);
	assert_string_equal(a.kept[0].msg, "b0");
	assert_int_equal(a.kept[2].line, 11);
	assert_string_equal(a.kept[2].msg, "b1");
	assert_int_equal(a.kept[19].line, 10 + 2 * 17);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quoted),
		cmocka_unit_test(test_crlf_bom_and_no_final_newline),
		cmocka_unit_test(test_embedded_newlines_keep_line_numbers),
		cmocka_unit_test(test_blank_lines_skipped),
		cmocka_unit_test(test_ragged_rows_reported),
		cmocka_unit_test(test_bad_quotes),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_bad_header_delivers_no_rows),
		cmocka_unit_test(test_oversized_cell),
		cmocka_unit_test(test_utf8_valid_and_overlong),
		cmocka_unit_test(test_many_errors_kept_and_counted),
		cmocka_unit_test(test_split_feeding),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_file_missing_and_read),
		cmocka_unit_test(test_errors_merge_keeps_line_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
