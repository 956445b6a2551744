/*
 * Fuzz the XLSX reader behind the pre-inspection return.  An input that
 * starts with a zip signature is read as a whole workbook; any other is
 * the XML of a worksheet, zipped here (with libzip) into a workbook with
 * the shared strings "a" and "b", so that the fuzzer reaches the sheet
 * parser past the zip's checksums.  Properties: no crash or leak; every
 * row delivered is within the cell limit, valid UTF-8 with cells of the
 * stated length, on strictly increasing spreadsheet rows.
 */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/mem.h"
#include "core/text.h"
#include "core/xlsxread.h"
#include "fuzz.h"

#define NS                                                                                         \
	"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "                     \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

/* The previous row delivered. */
static long last_line;

static int
on_row(void *arg, const struct csv_row *row, struct csv_errors *errs)
{
	(void)arg, (void)errs;
	if (row->ncells > 16 || row->line <= last_line)
		abort();
	last_line = row->line;
	for (size_t i = 0; i < row->ncells; i++)
		if (strlen(row->cells[i]) != row->lens[i] || row->lens[i] > 256 ||
		    !text_utf8_valid(row->cells[i], row->lens[i]) || row->lines[i] != row->line)
			abort();
	return CAIRN_OK;
}

/* Returns a workbook (malloc'd, *len bytes) whose only sheet is sheet. */
static char *
wrap(const uint8_t *sheet, size_t n, size_t *len)
{
	static const char wb[] = "<workbook " NS "><sheets><sheet name=\"S\" sheetId=\"1\" "
	                         "r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] = "<Relationships><Relationship Id=\"rId1\" "
	                           "Target=\"worksheets/sheet1.xml\"/></Relationships>";
	static const char sst[] = "<sst " NS "><si><t>a</t></si><si><t>b</t></si></sst>";
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_stat_t st;
	char *out = NULL;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		abort();
	zip_source_keep(src);
	if ((z = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL)
		abort();
	zip_file_add(z, "xl/workbook.xml", zip_source_buffer(z, wb, strlen(wb), 0), 0);
	zip_file_add(z, "xl/_rels/workbook.xml.rels", zip_source_buffer(z, rels, strlen(rels), 0),
	    0);
	zip_file_add(z, "xl/sharedStrings.xml", zip_source_buffer(z, sst, strlen(sst), 0), 0);
	zip_file_add(z, "xl/worksheets/sheet1.xml", zip_source_buffer(z, sheet, n, 0), 0);
	if (zip_close(z) != 0 || zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
		abort();
	out = xmalloc(st.size + 1);
	if (zip_source_read(src, out, st.size) != (zip_int64_t)st.size)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = st.size;
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct csv_errors errs;
	struct xlsx_book *book = NULL;
	struct cairn_err err = { 0 };
	struct csv_opts o;
	char *owned = NULL;
	const char *zip = (const char *)data;
	size_t len = size;

	if (!xlsx_is_zip(zip, len))
		zip = owned = wrap(data, size, &len);
	memset(&o, 0, sizeof(o));
	o.max_cells = 16;
	o.max_cell = 256;
	o.on_header = on_row;
	o.on_row = on_row;
	csv_errors_clear(&errs);
	if (xlsx_book_open(zip, len, &book, &errs, &err) == CAIRN_OK) {
		for (size_t i = 0; i < xlsx_book_nsheets(book); i++) {
			long before = errs.total;

			last_line = 0;
			/* Refused exactly when a problem was recorded. */
			if ((xlsx_read_sheet(book, i, &o, &errs) != CAIRN_OK) !=
			    (errs.total > before))
				abort();
		}
		xlsx_book_free(book);
	}
	free(owned);
	return 0;
}
