/* Unit tests for core/xlsxread: workbooks built here with libzip from
 * hand-written XML, read into rows; the hostile files refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/xlsxread.h"

#define NS                                                                                         \
	"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "                     \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define WB                                                                                         \
	"<?xml version=\"1.0\"?><workbook " NS "><sheets>"                                         \
	"<sheet name=\"About\" sheetId=\"1\" r:id=\"rId1\"/>"                                      \
	"<sheet name=\"Staffing\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"
#define RELS                                                                                       \
	"<?xml version=\"1.0\"?><Relationships "                                                   \
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"                  \
	"<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"                             \
	"<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>"
#define SST                                                                                        \
	"<?xml version=\"1.0\"?><sst " NS "><si><t>service</t></si><si><t>posts</t></si>"          \
	"<si><r><t>Social </t></r><r><t>work</t></r><rPh><t>x</t></rPh></si></sst>"
#define SHEET(rows)                                                                                \
	"<?xml version=\"1.0\"?><worksheet " NS "><sheetData>" rows "</sheetData></worksheet>"
#define ABOUT SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>About</t></is></c></row>")

/* Builds a zip of the n (name, text) parts; returns it malloc'd in *len. */
static char *
make_zip(const char *const *parts, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_stat_t st;
	char *out;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s =
		    zip_source_buffer(z, parts[2 * i + 1], strlen(parts[2 * i + 1]), 0);

		assert_true(zip_file_add(z, parts[2 * i], s, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	out = xmalloc(st.size + 1);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = st.size;
	return out;
}

/* What a read gave: "ROW:cell|cell\n" for the header and each row. */
struct got {
	struct buf b;
};

static int
on_any(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct got *g = arg;

	(void)errs;
	buf_printf(&g->b, "%ld:", r->line);
	for (size_t i = 0; i < r->ncells; i++)
		buf_printf(&g->b, "%s%s", i ? "|" : "", r->cells[i]);
	buf_putc(&g->b, '\n');
	return CAIRN_OK;
}

/* Reads sheet "Staffing" of a workbook whose sheet2 is sheet (sst: the
 * shared strings, or NULL); returns the read's result, rows in g and
 * problems in e. */
/* A styles part for the next read_book, or NULL. */
static const char *styles_part;

static int
read_book(const char *sheet, const char *sst, struct got *g, struct csv_errors *e)
{
	const char *parts[] = { "xl/workbook.xml", WB, "xl/_rels/workbook.xml.rels", RELS,
		"xl/worksheets/sheet1.xml", ABOUT, "xl/worksheets/sheet2.xml", sheet,
		"xl/sharedStrings.xml", sst };
	size_t len;
	const char *with_styles[] = { parts[0], parts[1], parts[2], parts[3], parts[4], parts[5],
		parts[6], parts[7], "xl/styles.xml", styles_part };
	char *zip = styles_part != NULL ? make_zip(with_styles, 5, &len)
	                                : make_zip(parts, sst != NULL ? 5 : 4, &len);
	struct xlsx_book *book = NULL;
	struct cairn_err err = { 0 };
	struct csv_opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	o.on_header = on_any;
	o.on_row = on_any;
	o.arg = g;
	o.max_cells = 8;
	buf_init(&g->b, 1 << 20);
	csv_errors_clear(e);
	rc = xlsx_book_open(zip, len, &book, e, &err);
	if (rc == CAIRN_OK) {
		assert_int_equal(xlsx_book_nsheets(book), 2);
		assert_string_equal(xlsx_book_sheet(book, 1), "Staffing");
		rc = xlsx_read_sheet(book, 1, &o, e);
	}
	xlsx_book_free(book);
	free(zip);
	return rc;
}

/* Shared, inline, rich-text, numbers, booleans, formulas' cached values,
 * missing cells and empty rows. */
static void
test_cells(void **state)
{
	struct got g;
	struct csv_errors e;

	(void)state;
	assert_int_equal(read_book(SHEET("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c>"
	                                 "<c r=\"C2\" t=\"s\"><v>1</v></c></row>"
	                                 "<row r=\"3\"/>"
	                                 "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>2</v></c>"
	                                 "<c r=\"B4\" t=\"b\"><v>1</v></c>"
	                                 "<c r=\"C4\"><f>SUM(1,2)</f><v>12.5</v></c></row>"
	                                 "<row><c t=\"inlineStr\"><is><t>Duty</t></is></c>"
	                                 "<c t=\"b\"><v>0</v></c><c><v>-3</v></c></row>"),
	                     SST, &g, &e),
	    CAIRN_OK);
	assert_int_equal(e.total, 0);
	assert_string_equal(buf_str(&g.b),
	    "2:service||posts\n4:Social work|yes|12.5\n5:Duty|no|-3\n");
	buf_free(&g.b);
}

/* Problems are reported with their row and column and the row is not
 * delivered. */
static void
test_cell_problems(void **state)
{
	struct got g;
	struct csv_errors e;
	char cn[8];

	(void)state;
	assert_int_equal(read_book(SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t>"
	                                 "</is></c><c r=\"B1\" t=\"inlineStr\"><is><t>b</t>"
	                                 "</is></c></row>"
	                                 "<row r=\"2\"><c r=\"B2\" t=\"e\"><v>#N/A</v></c></row>"
	                                 "<row r=\"3\"><c r=\"A3\"><v>1E-5</v></c></row>"
	                                 "<row r=\"4\"><c r=\"C4\"><v>1</v></c></row>"
	                                 "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>7</v></c></row>"
	                                 "<row r=\"6\"><c r=\"A6\"><v>6</v></c></row>"),
	                     NULL, &g, &e),
	    CAIRN_EDATA);
	assert_string_equal(buf_str(&g.b), "1:a|b\n6:6|\n");
	assert_int_equal(e.total, 4);
	assert_int_equal(e.kept[0].line, 2);
	assert_int_equal(e.kept[0].column, 2);
	assert_non_null(strstr(e.kept[0].msg, "#N/A"));
	assert_int_equal(e.kept[1].line, 3);
	assert_non_null(strstr(e.kept[1].msg, "not a plain decimal"));
	assert_int_equal(e.kept[2].column, 3);
	assert_non_null(strstr(e.kept[2].msg, "past the last column"));
	assert_int_equal(e.kept[3].line, 5);
	xlsx_column_name(3, cn, sizeof(cn));
	assert_string_equal(cn, "C");
	xlsx_column_name(28, cn, sizeof(cn));
	assert_string_equal(cn, "AB");
	xlsx_column_name(16384, cn, sizeof(cn));
	assert_string_equal(cn, "XFD");
	buf_free(&g.b);
}

/* Out of order and absurd references, too many columns, DOCTYPE and
 * entities: each refused with a plain message. */
static void
test_hostile_sheets(void **state)
{
	static const struct {
		const char *sheet, *says;
	} cases[] = {
		{ SHEET("<row r=\"2\"/><row r=\"1\"/>"), "out of order" },
		{ SHEET("<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>1</v></c></row>"),
		    "out of order" },
		{ SHEET("<row r=\"1\"><c r=\"A2\"><v>1</v></c></row>"), "out of order" },
		{ SHEET("<row r=\"1\"><c r=\"XFD1048577\"><v>1</v></c></row>"), "XFD1048576" },
		{ SHEET("<row r=\"1048577\"/>"), "1 to 1048576" },
		{ SHEET("<row r=\"1\"><c r=\"I1\"><v>1</v></c></row>"), "more than 8 columns" },
		{ "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]>"
		  "<worksheet><sheetData/></worksheet>",
		    "DOCTYPE" },
		{ SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c>"), "not well-formed" },
		{ SHEET(""), "no header row" },
	};
	struct got g;
	struct csv_errors e;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(read_book(cases[i].sheet, NULL, &g, &e), CAIRN_EDATA);
		assert_true(e.total >= 1);
		if (strstr(e.kept[0].msg, cases[i].says) == NULL)
			fail_msg("case %zu: '%s' does not say '%s'", i, e.kept[0].msg,
			    cases[i].says);
		buf_free(&g.b);
	}
}

/* Whole files: not a zip, a zip without the workbook, a bomb. */
static void
test_hostile_files(void **state)
{
	struct xlsx_book *book = NULL;
	struct cairn_err err = { 0 };
	struct csv_errors e;
	size_t len;
	char *zip;
	char *big;

	(void)state;
	csv_errors_clear(&e);
	assert_int_equal(xlsx_book_open("service,posts\n", 14, &book, &e, &err), CAIRN_EDATA);
	assert_non_null(strstr(e.kept[0].msg, "not a zip"));
	assert_null(book);
	csv_errors_clear(&e);
	assert_int_equal(xlsx_book_open("PK\3\4garbage", 11, &book, &e, &err), CAIRN_EDATA);
	assert_non_null(strstr(e.kept[0].msg, "damaged"));
	{
		const char *parts[] = { "hello.txt", "hi" };

		zip = make_zip(parts, 1, &len);
		csv_errors_clear(&e);
		assert_int_equal(xlsx_book_open(zip, len, &book, &e, &err), CAIRN_EDATA);
		assert_non_null(strstr(e.kept[0].msg, "no xl/workbook.xml"));
		free(zip);
	}
	{
		const char *parts[] = { "xl/workbook.xml", WB };

		zip = make_zip(parts, 1, &len);
		csv_errors_clear(&e);
		assert_int_equal(xlsx_book_open(zip, len, &book, &e, &err), CAIRN_EDATA);
		assert_non_null(strstr(e.kept[0].msg, "no xl/_rels/workbook.xml.rels"));
		free(zip);
	}
	/* A bomb: 2 MB of spaces compresses to a few kB; with the limit at
	 * 1 MB the workbook is refused before it is all read. */
	big = xmalloc((2u << 20) + 1);
	memset(big, ' ', 2u << 20);
	memcpy(big, "<workbook>", 10);
	big[2u << 20] = '\0';
	{
		const char *parts[] = { "xl/workbook.xml", big };

		zip = make_zip(parts, 1, &len);
		assert_true(len < 100000);
		setenv("CAIRN_XLSX_MAX", "1M", 1);
		assert_int_equal(xlsx_bytes_max(), 1u << 20);
		csv_errors_clear(&e);
		assert_int_equal(xlsx_book_open(zip, len, &book, &e, &err), CAIRN_EDATA);
		assert_non_null(strstr(e.kept[0].msg, "more than 1 MB"));
		unsetenv("CAIRN_XLSX_MAX");
		assert_int_equal(xlsx_bytes_max(), XLSX_BYTES_MAX_DEFAULT);
		free(zip);
	}
	free(big);
}

/* Numbers in a date style read as YYYY-MM-DD (46053 is 31 January 2026,
 * as Excel shows it and Python's date(1899, 12, 30) + 46053 days gives);
 * the built-in format 14 and a custom "dd/mm/yyyy"; a time of day dropped;
 * the 1904 system not used here. */
static void
test_dates(void **state)
{
	struct got g;
	struct csv_errors e;

	(void)state;
	styles_part = "<styleSheet " NS "><numFmts count=\"1\"><numFmt numFmtId=\"164\" "
	              "formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" "
	              "formatCode=\"0.00&quot;d&quot;\"/></numFmts><cellXfs>"
	              "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
	              "<xf numFmtId=\"165\"/></cellXfs></styleSheet>";
	assert_int_equal(read_book(SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>46053</v></c>"
	                                 "<c r=\"B1\" s=\"2\"><v>45292.75</v></c>"
	                                 "<c r=\"C1\" s=\"3\"><v>46053</v></c>"
	                                 "<c r=\"D1\" s=\"0\"><v>46053</v></c></row>"),
	                     NULL, &g, &e),
	    CAIRN_OK);
	assert_string_equal(buf_str(&g.b), "1:2026-01-31|2024-01-01|46053|46053\n");
	buf_free(&g.b);
	styles_part = NULL;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_cell_problems),
		cmocka_unit_test(test_hostile_sheets),
		cmocka_unit_test(test_hostile_files),
		cmocka_unit_test(test_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
