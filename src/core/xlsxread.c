/* XLSX input: see xlsxread.h. */
#include "core/xlsxread.h"

#include <errno.h>
#include <limits.h>
#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/text.h"

/* Last row and column a spreadsheet can have (XFD1048576). */
#define XLSX_ROW_LAST 1048576L
#define XLSX_COL_LAST 16384L
/* Longest part path. */
#define XLSX_PATH_MAX 256
/* Bytes read from an entry at a time. */
#define XLSX_CHUNK 65536

/* One sheet of the workbook. */
struct xsheet {
	char *name; /* as the workbook names it */
	char *rid;  /* its relationship id */
	char *path; /* its part in the zip, once resolved */
};

struct xlsx_book {
	zip_t *zip;
	size_t budget; /* uncompressed bytes still allowed */
	struct xsheet sheets[XLSX_SHEETS_MAX];
	size_t nsheets;
	bool date1904; /* dates count from 1904, not 1900 */
	bool *xf_date; /* per cell style: shows a date */
	size_t nxf;
	char **strings; /* shared strings */
	size_t nstrings, capstrings;
};

bool
xlsx_is_zip(const char *data, size_t n)
{
	return n >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

size_t
xlsx_bytes_max(void)
{
	const char *e = getenv("CAIRN_XLSX_MAX");
	char *end;
	unsigned long long v;
	int shift = 0;

	if (e == NULL || *e < '0' || *e > '9')
		return XLSX_BYTES_MAX_DEFAULT;
	errno = 0;
	v = strtoull(e, &end, 10);
	if (errno != 0 || v == 0)
		return XLSX_BYTES_MAX_DEFAULT;
	if (*end == 'k' || *end == 'K')
		shift = 10;
	else if (*end == 'm' || *end == 'M')
		shift = 20;
	else if (*end == 'g' || *end == 'G')
		shift = 30;
	if (shift > 0) {
		if (v > (unsigned long long)SIZE_MAX >> shift)
			return XLSX_BYTES_MAX_DEFAULT;
		v <<= shift;
		end++;
	}
	if (*end != '\0' || v > SIZE_MAX)
		return XLSX_BYTES_MAX_DEFAULT;
	return (size_t)v;
}

void
xlsx_column_name(long col, char *out, size_t size)
{
	char tmp[8];
	size_t n = 0;

	if (size == 0)
		return;
	while (col > 0 && n < sizeof(tmp)) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (size_t i = 0; i < n && i + 1 < size; i++)
		out[i] = tmp[n - 1 - i];
	out[n < size ? n : size - 1] = '\0';
}

/* Returns the local part of an expat name "uri|local". */
static const char *
local(const char *name)
{
	const char *p = strrchr(name, '|');

	return p != NULL ? p + 1 : name;
}

/* Returns attribute local name key of atts (namespace uri, or NULL for
 * an attribute without one), or NULL. */
static const char *
attr(const char **atts, const char *uri, const char *key)
{
	for (size_t i = 0; atts[i] != NULL; i += 2) {
		const char *bar = strrchr(atts[i], '|');

		if (uri == NULL ? bar == NULL && strcmp(atts[i], key) == 0
		                : bar != NULL && strcmp(bar + 1, key) == 0 &&
		            (size_t)(bar - atts[i]) == strlen(uri) &&
		            strncmp(atts[i], uri, strlen(uri)) == 0)
			return atts[i + 1];
	}
	return NULL;
}

/* The state common to every part's parse. */
struct part {
	XML_Parser p;
	struct xlsx_book *b;
	struct csv_errors *errs; /* where problems go */
	bool stop;               /* a handler found a problem and stopped */
	void *arg;               /* the part's own state */
};

/* Refuses a DOCTYPE: no part of a workbook has one, and entities could
 * expand without bound. */
static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
	struct part *x = ud;

	(void)name, (void)sys, (void)pub, (void)internal;
	if (!x->stop)
		csv_errors_add(x->errs, 0, 0,
		    "the spreadsheet declares a DOCTYPE, which a workbook never has; it was "
		    "refused");
	x->stop = true;
	XML_StopParser(x->p, XML_FALSE);
}

/* Refuses an entity declaration (the "billion laughs"). */
static void XMLCALL
on_entity(void *ud, const XML_Char *name, int pe, const XML_Char *value, int len,
    const XML_Char *base, const XML_Char *sys, const XML_Char *pub, const XML_Char *notation)
{
	struct part *x = ud;

	(void)name, (void)pe, (void)value, (void)len, (void)base, (void)sys, (void)pub;
	(void)notation;
	if (!x->stop)
		csv_errors_add(x->errs, 0, 0,
		    "the spreadsheet declares an XML entity, which a workbook never has; it was "
		    "refused");
	x->stop = true;
	XML_StopParser(x->p, XML_FALSE);
}

/*
 * Parses the zip entry path with the handlers given, x->arg their state.
 * Returns 1 when parsed, 0 when the entry is missing, -1 with a problem in
 * x->errs.
 */
static int
parse_part(struct part *x, const char *path, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	zip_int64_t idx = zip_name_locate(x->b->zip, path, 0);
	zip_stat_t zs;
	zip_file_t *zf;
	char *chunk;
	int rc = 1;

	if (idx < 0)
		return 0;
	zip_stat_init(&zs);
	if (zip_stat_index(x->b->zip, (zip_uint64_t)idx, 0, &zs) != 0) {
		csv_errors_add(x->errs, 0, 0, "the spreadsheet's part %s cannot be read", path);
		return -1;
	}
	if ((zs.valid & ZIP_STAT_SIZE) && zs.size > x->b->budget) {
		csv_errors_add(x->errs, 0, 0,
		    "the spreadsheet uncompresses to more than %zu MB (part %s); it was refused "
		    "(set CAIRN_XLSX_MAX to raise the limit)",
		    xlsx_bytes_max() >> 20, path);
		return -1;
	}
	if ((zf = zip_fopen_index(x->b->zip, (zip_uint64_t)idx, 0)) == NULL) {
		csv_errors_add(x->errs, 0, 0,
		    "the spreadsheet's part %s cannot be opened (compressed in a way Cairn does "
		    "not read, or encrypted)",
		    path);
		return -1;
	}
	x->p = XML_ParserCreateNS(NULL, '|');
	if (x->p == NULL)
		abort();
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetEntityDeclHandler(x->p, on_entity);
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
	chunk = xmalloc(XLSX_CHUNK);
	for (;;) {
		zip_int64_t got = zip_fread(zf, chunk, XLSX_CHUNK);

		if (got < 0) {
			csv_errors_add(x->errs, 0, 0, "the spreadsheet's part %s is damaged (%s)",
			    path, zip_file_strerror(zf));
			rc = -1;
			break;
		}
		if ((size_t)got > x->b->budget) {
			csv_errors_add(x->errs, 0, 0,
			    "the spreadsheet uncompresses to more than %zu MB (part %s); it was "
			    "refused (set CAIRN_XLSX_MAX to raise the limit)",
			    xlsx_bytes_max() >> 20, path);
			rc = -1;
			break;
		}
		x->b->budget -= (size_t)got;
		if (XML_Parse(x->p, chunk, (int)got, got == 0) != XML_STATUS_OK) {
			if (!x->stop)
				csv_errors_add(x->errs, 0, 0,
				    "the spreadsheet's part %s is not well-formed XML (XML line "
				    "%lu): %s",
				    path, (unsigned long)XML_GetCurrentLineNumber(x->p),
				    XML_ErrorString(XML_GetErrorCode(x->p)));
			rc = -1;
			break;
		}
		if (x->stop) {
			rc = -1;
			break;
		}
		if (got == 0)
			break;
	}
	free(chunk);
	XML_ParserFree(x->p);
	x->p = NULL;
	zip_fclose(zf);
	return rc;
}

/* Stops a parse with a problem already recorded. */
static void
halt(struct part *x)
{
	x->stop = true;
	XML_StopParser(x->p, XML_FALSE);
}

/* xl/workbook.xml: the sheets' names and relationship ids. */
static void XMLCALL
wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct part *x = ud;
	const char *n, *id;

	if (!x->stop && strcmp(local(name), "workbookPr") == 0) {
		const char *d = attr(atts, NULL, "date1904");

		x->b->date1904 = d != NULL && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
		return;
	}
	if (x->stop || strcmp(local(name), "sheet") != 0)
		return;
	n = attr(atts, NULL, "name");
	id =
	    attr(atts, "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
	if (n == NULL || id == NULL) {
		csv_errors_add(x->errs, 0, 0,
		    "the spreadsheet lists a sheet without its name or part");
		halt(x);
		return;
	}
	if (x->b->nsheets >= XLSX_SHEETS_MAX) {
		csv_errors_add(x->errs, 0, 0, "the spreadsheet has more than %d sheets",
		    XLSX_SHEETS_MAX);
		halt(x);
		return;
	}
	x->b->sheets[x->b->nsheets].name = xstrdup(n);
	x->b->sheets[x->b->nsheets].rid = xstrdup(id);
	x->b->nsheets++;
}

static void XMLCALL
no_end(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

static void XMLCALL
no_text(void *ud, const XML_Char *s, int len)
{
	(void)ud, (void)s, (void)len;
}

/* xl/_rels/workbook.xml.rels: where each sheet's part is. */
static void XMLCALL
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct part *x = ud;
	const char *id, *target;
	char path[XLSX_PATH_MAX];

	if (x->stop || strcmp(local(name), "Relationship") != 0)
		return;
	id = attr(atts, NULL, "Id");
	target = attr(atts, NULL, "Target");
	if (id == NULL || target == NULL)
		return;
	if (target[0] == '/')
		snprintf(path, sizeof(path), "%s", target + 1);
	else
		snprintf(path, sizeof(path), "xl/%s", target);
	for (size_t i = 0; i < x->b->nsheets; i++)
		if (x->b->sheets[i].path == NULL && strcmp(x->b->sheets[i].rid, id) == 0)
			x->b->sheets[i].path = xstrdup(path);
}

/* Most custom number formats and cell styles read. */
#define XLSX_FORMATS_MAX 1024
#define XLSX_XF_MAX      65536

/* The state of the styles' parse: which custom formats are dates. */
struct styles {
	long date_ids[XLSX_FORMATS_MAX]; /* custom format ids that show a date */
	size_t ndate;
	bool in_xfs; /* inside <cellXfs> */
};

/* Returns true if a number format code shows a date: it has a d or y
 * outside quoted text, escapes and [...] sections. */
static bool
date_code(const char *c)
{
	bool quoted = false;

	for (; *c; c++) {
		if (*c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*c == '\\' && c[1] != '\0')
			c++;
		else if (*c == '[') {
			while (*c && *c != ']')
				c++;
			if (*c == '\0')
				break;
		} else if (*c == 'd' || *c == 'D' || *c == 'y' || *c == 'Y')
			return true;
	}
	return false;
}

/* xl/styles.xml: which cell styles show a date. */
static void XMLCALL
styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct part *x = ud;
	struct styles *st = x->arg;
	const char *l = local(name), *id, *code;
	long k;

	if (x->stop)
		return;
	if (strcmp(l, "numFmt") == 0) {
		id = attr(atts, NULL, "numFmtId");
		code = attr(atts, NULL, "formatCode");
		if (id != NULL && code != NULL && st->ndate < XLSX_FORMATS_MAX &&
		    text_parse_long(id, 0, 100000, &k) && date_code(code))
			st->date_ids[st->ndate++] = k;
	} else if (strcmp(l, "cellXfs") == 0) {
		st->in_xfs = true;
	} else if (st->in_xfs && strcmp(l, "xf") == 0 && x->b->nxf < XLSX_XF_MAX) {
		bool date = false;

		id = attr(atts, NULL, "numFmtId");
		if (id != NULL && text_parse_long(id, 0, 100000, &k)) {
			/* The built-in date formats: 14-22 and 45-47. */
			date = (k >= 14 && k <= 22) || (k >= 45 && k <= 47);
			for (size_t i = 0; i < st->ndate && !date; i++)
				date = st->date_ids[i] == k;
		}
		x->b->xf_date = xreallocarray(x->b->xf_date, x->b->nxf + 1, sizeof(bool));
		x->b->xf_date[x->b->nxf++] = date;
	}
}

static void XMLCALL
styles_end(void *ud, const XML_Char *name)
{
	struct part *x = ud;
	struct styles *st = x->arg;

	if (strcmp(local(name), "cellXfs") == 0)
		st->in_xfs = false;
}

/* The state of the shared strings' parse. */
struct sst {
	int depth_si;  /* inside <si> */
	int depth_rph; /* inside <rPh> (phonetic text, not part of the string) */
	bool in_t;
	struct buf s;
	size_t max_cell;
};

static void XMLCALL
sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct part *x = ud;
	struct sst *st = x->arg;
	const char *l = local(name);

	(void)atts;
	if (x->stop)
		return;
	if (strcmp(l, "si") == 0) {
		st->depth_si = 1;
		buf_reset(&st->s);
	} else if (strcmp(l, "rPh") == 0) {
		st->depth_rph++;
	} else if (strcmp(l, "t") == 0 && st->depth_si && st->depth_rph == 0) {
		st->in_t = true;
	}
}

static void XMLCALL
sst_end(void *ud, const XML_Char *name)
{
	struct part *x = ud;
	struct sst *st = x->arg;
	const char *l = local(name);
	struct xlsx_book *b = x->b;

	if (x->stop)
		return;
	if (strcmp(l, "t") == 0) {
		st->in_t = false;
	} else if (strcmp(l, "rPh") == 0) {
		st->depth_rph--;
	} else if (strcmp(l, "si") == 0) {
		st->depth_si = 0;
		if (buf_failed(&st->s)) {
			csv_errors_add(x->errs, 0, 0,
			    "shared string %zu of the spreadsheet is longer than %zu bytes",
			    b->nstrings + 1, st->max_cell);
			halt(x);
			return;
		}
		if (b->nstrings >= (size_t)XLSX_STRINGS_MAX) {
			csv_errors_add(x->errs, 0, 0, "the spreadsheet has more than %ld texts",
			    XLSX_STRINGS_MAX);
			halt(x);
			return;
		}
		if (b->nstrings == b->capstrings) {
			b->capstrings = b->capstrings ? b->capstrings * 2 : 64;
			b->strings = xreallocarray(b->strings, b->capstrings, sizeof(*b->strings));
		}
		b->strings[b->nstrings++] = xstrdup(buf_str(&st->s));
	}
}

static void XMLCALL
sst_text(void *ud, const XML_Char *s, int len)
{
	struct part *x = ud;
	struct sst *st = x->arg;

	if (!x->stop && st->in_t)
		buf_append(&st->s, s, (size_t)len);
}

void
xlsx_book_free(struct xlsx_book *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->nsheets; i++) {
		free(b->sheets[i].name);
		free(b->sheets[i].rid);
		free(b->sheets[i].path);
	}
	for (size_t i = 0; i < b->nstrings; i++)
		free(b->strings[i]);
	free(b->strings);
	free(b->xf_date);
	if (b->zip != NULL)
		zip_discard(b->zip);
	free(b);
}

size_t
xlsx_book_nsheets(const struct xlsx_book *b)
{
	return b->nsheets;
}

const char *
xlsx_book_sheet(const struct xlsx_book *b, size_t i)
{
	return i < b->nsheets ? b->sheets[i].name : NULL;
}

int
xlsx_book_open(const char *data, size_t n, struct xlsx_book **out, struct csv_errors *errs,
    struct cairn_err *err)
{
	struct xlsx_book *b;
	zip_error_t ze;
	zip_source_t *src;
	struct part x;
	struct sst st;
	int r;

	*out = NULL;
	if (!xlsx_is_zip(data, n)) {
		csv_errors_add(errs, 0, 0,
		    "the file is not an XLSX spreadsheet (it is not a zip archive)");
		return cairn_errf(err, CAIRN_EDATA, "the file is not an XLSX spreadsheet");
	}
	b = xcalloc(1, sizeof(*b));
	b->budget = xlsx_bytes_max();
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, n, 0, &ze)) == NULL ||
	    (b->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)) == NULL) {
		csv_errors_add(errs, 0, 0,
		    "the file is not a readable XLSX spreadsheet (its zip archive is damaged: %s)",
		    zip_error_strerror(&ze));
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&ze);
		xlsx_book_free(b);
		return cairn_errf(err, CAIRN_EDATA, "the file is not a readable XLSX spreadsheet");
	}
	zip_error_fini(&ze);
	memset(&x, 0, sizeof(x));
	x.b = b;
	x.errs = errs;
	if ((r = parse_part(&x, "xl/workbook.xml", wb_start, no_end, no_text)) <= 0) {
		if (r == 0)
			csv_errors_add(errs, 0, 0,
			    "the file is a zip archive but not an XLSX spreadsheet (it has no "
			    "xl/workbook.xml)");
		goto bad;
	}
	if (b->nsheets == 0) {
		csv_errors_add(errs, 0, 0, "the spreadsheet has no sheets");
		goto bad;
	}
	if ((r = parse_part(&x, "xl/_rels/workbook.xml.rels", rels_start, no_end, no_text)) <= 0) {
		if (r == 0)
			csv_errors_add(errs, 0, 0,
			    "the spreadsheet is incomplete (it has no xl/_rels/workbook.xml.rels)");
		goto bad;
	}
	{
		struct styles *sty = xcalloc(1, sizeof(*sty));

		x.arg = sty;
		r = parse_part(&x, "xl/styles.xml", styles_start, styles_end, no_text);
		free(sty);
		if (r < 0)
			goto bad;
	}
	memset(&st, 0, sizeof(st));
	st.max_cell = CSV_CELL_MAX_DEFAULT;
	buf_init(&st.s, st.max_cell);
	x.arg = &st;
	r = parse_part(&x, "xl/sharedStrings.xml", sst_start, sst_end, sst_text);
	buf_free(&st.s);
	if (r < 0)
		goto bad;
	*out = b;
	return CAIRN_OK;
bad:
	xlsx_book_free(b);
	return cairn_errf(err, CAIRN_EDATA, "the spreadsheet was refused");
}

/* The state of one sheet's parse. */
struct wsheet {
	const struct csv_opts *o;
	size_t max_cells, max_cell;
	long row;     /* current row number, 0 before the first */
	long col;     /* last column seen in the row */
	long rows;    /* rows seen */
	bool row_bad; /* the row has a problem */
	/* The current cell. */
	long ccol;
	char type[16];
	long style;
	bool in_v, in_is_t, in_is, in_cell;
	struct buf v; /* <v> or inline text */
	/* The current row's cells, dense from column 1. */
	char **cells;
	size_t ncells, capcells;
	/* The header, once delivered. */
	bool have_header;
	size_t header_n;
	char **header;
	long delivered;
	int rc; /* a callback's result */
};

/* Parses a cell reference "AB12": returns true with *col and *row. */
static bool
parse_ref(const char *s, long *col, long *row)
{
	long c = 0, r = 0;
	const char *p = s;

	while (*p >= 'A' && *p <= 'Z') {
		c = c * 26 + (*p - 'A' + 1);
		if (c > XLSX_COL_LAST * 26)
			return false;
		p++;
	}
	if (p == s || *p < '1' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9') {
		r = r * 10 + (*p - '0');
		if (r > XLSX_ROW_LAST * 10)
			return false;
		p++;
	}
	if (*p != '\0')
		return false;
	*col = c;
	*row = r;
	return true;
}

/* Frees the current row's cells. */
static void
row_clear(struct wsheet *w)
{
	for (size_t i = 0; i < w->ncells; i++)
		free(w->cells[i]);
	w->ncells = 0;
}

/* Sets cell col (from 1) of the current row to v (taken). */
static void
row_set(struct wsheet *w, long col, char *v)
{
	while (w->ncells < (size_t)col) {
		if (w->ncells == w->capcells) {
			w->capcells = w->capcells ? w->capcells * 2 : 16;
			w->cells = xreallocarray(w->cells, w->capcells, sizeof(*w->cells));
		}
		w->cells[w->ncells++] = NULL;
	}
	free(w->cells[col - 1]);
	w->cells[col - 1] = v;
}

/* Problem at the current row and column col of the sheet. */
#define WERR(x, w, col, ...)                                                                       \
	do {                                                                                       \
		csv_errors_add((x)->errs, (w)->row, (col), __VA_ARGS__);                           \
		(w)->row_bad = true;                                                               \
	} while (0)

/* Returns true if s is a plain decimal number: -?digits(.digits)?. */
static bool
plain_decimal(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/* Returns the date a spreadsheet date serial v shows, as YYYY-MM-DD
 * (malloc'd; the time of day dropped), or NULL with a problem recorded. */
static char *
serial_date(struct part *x, struct wsheet *w, const char *v)
{
	long serial;
	char whole[24], iso[11];
	struct cdate d;
	size_t n = strcspn(v, ".");

	if (v[0] == '-' || n >= sizeof(whole)) {
		WERR(x, w, w->ccol, "the date in the cell is out of range");
		return NULL;
	}
	memcpy(whole, v, n);
	whole[n] = '\0';
	/* 1900 system: serial 61 is 1 March 1900 (Excel counts a 29 February 1900);
	 * 2958465 is 31 December 9999. */
	if (!text_parse_long(whole, x->b->date1904 ? 0 : 61, 2958465, &serial)) {
		WERR(x, w, w->ccol, "the date in the cell is out of range");
		return NULL;
	}
	date_from_days(serial - (x->b->date1904 ? 24107 : 25569), &d);
	date_iso(&d, iso);
	return xstrdup(iso);
}

/* Ends the current cell: works out its text. */
static void
cell_end(struct part *x, struct wsheet *w)
{
	const char *v = buf_str(&w->v);
	char *text = NULL;

	if (buf_failed(&w->v)) {
		WERR(x, w, w->ccol, "the cell is longer than %zu bytes", w->max_cell);
		return;
	}
	if (strcmp(w->type, "s") == 0) {
		long k;

		if (v[0] == '\0')
			return;
		if (!text_parse_long(v, 0, LONG_MAX, &k) || (size_t)k >= x->b->nstrings) {
			WERR(x, w, w->ccol,
			    "the cell refers to a text the spreadsheet does not have");
			return;
		}
		text = xstrdup(x->b->strings[k]);
	} else if (strcmp(w->type, "inlineStr") == 0 || strcmp(w->type, "str") == 0 ||
	    strcmp(w->type, "d") == 0) {
		text = xstrdup(v);
	} else if (strcmp(w->type, "b") == 0) {
		if (v[0] == '\0')
			return;
		if (strcmp(v, "1") != 0 && strcmp(v, "0") != 0) {
			WERR(x, w, w->ccol, "the cell's true or false value '%.20s' is not 0 or 1",
			    v);
			return;
		}
		text = xstrdup(v[0] == '1' ? "yes" : "no");
	} else if (strcmp(w->type, "e") == 0) {
		WERR(x, w, w->ccol, "the cell holds the spreadsheet error %.20s", v);
		return;
	} else if (strcmp(w->type, "n") == 0 || w->type[0] == '\0') {
		if (v[0] == '\0')
			return;
		if (!plain_decimal(v)) {
			WERR(x, w, w->ccol,
			    "the number %.30s is not a plain decimal; type it without an exponent",
			    v);
			return;
		}
		text = (size_t)w->style < x->b->nxf && x->b->xf_date[w->style]
		    ? serial_date(x, w, v)
		    : xstrdup(v);
		if (text == NULL)
			return;
	} else {
		WERR(x, w, w->ccol, "the cell has the unknown type '%.10s'", w->type);
		return;
	}
	if (text[0] == '\0' || w->ccol < 1) {
		free(text);
		return;
	}
	if (!text_utf8_valid(text, strlen(text))) {
		free(text);
		WERR(x, w, w->ccol, "the cell is not valid UTF-8 text");
		return;
	}
	row_set(w, w->ccol, text);
}

/* Delivers the current row (header or data) when it has no problem. */
static void
row_end(struct part *x, struct wsheet *w)
{
	size_t n = w->ncells, width;
	bool any = false;
	const char **cells;
	size_t *lens;
	long *lines;
	struct csv_row r;

	for (size_t i = 0; i < n; i++)
		any = any || (w->cells[i] != NULL && w->cells[i][0] != '\0');
	if (!any || w->row_bad)
		goto out;
	width = n;
	if (w->have_header && !w->o->allow_ragged) {
		for (size_t i = w->header_n; i < n; i++)
			if (w->cells[i] != NULL) {
				char cn[8];

				xlsx_column_name((long)i + 1, cn, sizeof(cn));
				WERR(x, w, (long)i + 1,
				    "the cell in column %s is past the last column of the header "
				    "row",
				    cn);
				goto out;
			}
		width = w->header_n;
	} else if (!w->have_header && w->o->no_header) {
		w->have_header = true;
		w->header_n = n;
	}
	cells = xcalloc(width + 1, sizeof(*cells));
	lens = xcalloc(width + 1, sizeof(*lens));
	lines = xcalloc(width + 1, sizeof(*lines));
	for (size_t i = 0; i < width; i++) {
		cells[i] = i < n && w->cells[i] != NULL ? w->cells[i] : "";
		lens[i] = strlen(cells[i]);
		lines[i] = w->row;
	}
	r.ncells = width;
	r.cells = cells;
	r.lens = lens;
	r.lines = lines;
	r.line = w->row;
	if (!w->have_header) {
		r.number = 0;
		w->have_header = true;
		w->header_n = width;
		if (w->o->on_header != NULL)
			w->rc = w->o->on_header(w->o->arg, &r, x->errs);
	} else {
		r.number = ++w->delivered;
		if (w->o->on_row != NULL)
			w->rc = w->o->on_row(w->o->arg, &r, x->errs);
	}
	free(cells);
	free(lens);
	free(lines);
	if (w->rc != CAIRN_OK)
		halt(x);
out:
	row_clear(w);
}

static void XMLCALL
ws_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct part *x = ud;
	struct wsheet *w = x->arg;
	const char *l = local(name);

	if (x->stop)
		return;
	if (strcmp(l, "row") == 0) {
		const char *rs = attr(atts, NULL, "r");
		long r = w->row + 1;

		if (rs != NULL && !text_parse_long(rs, 1, XLSX_ROW_LAST, &r)) {
			csv_errors_add(x->errs, w->row + 1, 0,
			    "the row number '%.20s' is not one a spreadsheet can have (1 to %ld)",
			    rs, XLSX_ROW_LAST);
			halt(x);
			return;
		}
		if (r <= w->row) {
			csv_errors_add(x->errs, r, 0,
			    "row %ld comes after row %ld: the rows are out of order", r, w->row);
			halt(x);
			return;
		}
		if (++w->rows > XLSX_ROWS_MAX) {
			csv_errors_add(x->errs, r, 0, "the sheet has more than %ld rows",
			    XLSX_ROWS_MAX);
			halt(x);
			return;
		}
		w->row = r;
		w->col = 0;
		w->row_bad = false;
		row_clear(w);
	} else if (strcmp(l, "c") == 0) {
		const char *ref = attr(atts, NULL, "r"), *t = attr(atts, NULL, "t");
		long c = w->col + 1, r = w->row;

		if (w->row == 0) {
			csv_errors_add(x->errs, 0, 0, "the sheet has a cell outside any row");
			halt(x);
			return;
		}
		if (ref != NULL &&
		    (!parse_ref(ref, &c, &r) || r > XLSX_ROW_LAST || c > XLSX_COL_LAST)) {
			csv_errors_add(x->errs, w->row, 0,
			    "the cell reference '%.20s' is not one a spreadsheet can have (A1 to "
			    "XFD1048576)",
			    ref);
			halt(x);
			return;
		}
		if (r != w->row || c <= w->col) {
			csv_errors_add(x->errs, w->row, c,
			    "the cell reference '%.20s' is out of order (in row %ld, after column "
			    "%ld)",
			    ref ? ref : "", w->row, w->col);
			halt(x);
			return;
		}
		if ((size_t)c > w->max_cells) {
			csv_errors_add(x->errs, w->row, c, "the row has more than %zu columns",
			    w->max_cells);
			halt(x);
			return;
		}
		w->col = c;
		w->ccol = c;
		text_copy(w->type, sizeof(w->type), t != NULL ? t : "");
		{
			const char *sa = attr(atts, NULL, "s");

			if (sa == NULL || !text_parse_long(sa, 0, XLSX_XF_MAX, &w->style))
				w->style = 0;
		}
		w->in_cell = true;
		buf_reset(&w->v);
	} else if (w->in_cell && strcmp(l, "v") == 0) {
		w->in_v = true;
	} else if (w->in_cell && strcmp(l, "is") == 0) {
		w->in_is = true;
	} else if (w->in_is && strcmp(l, "t") == 0) {
		w->in_is_t = true;
	}
}

static void XMLCALL
ws_end(void *ud, const XML_Char *name)
{
	struct part *x = ud;
	struct wsheet *w = x->arg;
	const char *l = local(name);

	if (x->stop)
		return;
	if (strcmp(l, "v") == 0) {
		w->in_v = false;
	} else if (strcmp(l, "t") == 0) {
		w->in_is_t = false;
	} else if (strcmp(l, "is") == 0) {
		w->in_is = false;
	} else if (strcmp(l, "c") == 0 && w->in_cell) {
		w->in_cell = false;
		cell_end(x, w);
	} else if (strcmp(l, "row") == 0) {
		row_end(x, w);
	}
}

static void XMLCALL
ws_text(void *ud, const XML_Char *s, int len)
{
	struct part *x = ud;
	struct wsheet *w = x->arg;

	if (!x->stop && (w->in_v || w->in_is_t))
		buf_append(&w->v, s, (size_t)len);
}

int
xlsx_read_sheet(struct xlsx_book *b, size_t i, const struct csv_opts *opts, struct csv_errors *errs)
{
	struct part x;
	struct wsheet w;
	long before = errs->total;
	int r;

	memset(&x, 0, sizeof(x));
	memset(&w, 0, sizeof(w));
	x.b = b;
	x.errs = errs;
	x.arg = &w;
	w.o = opts;
	w.max_cells = opts->max_cells ? opts->max_cells : CSV_CELLS_MAX_DEFAULT;
	w.max_cell = opts->max_cell ? opts->max_cell : CSV_CELL_MAX_DEFAULT;
	buf_init(&w.v, w.max_cell);
	if (i >= b->nsheets || b->sheets[i].path == NULL) {
		csv_errors_add(errs, 0, 0, "the spreadsheet does not say where this sheet is");
		r = -1;
	} else if ((r = parse_part(&x, b->sheets[i].path, ws_start, ws_end, ws_text)) == 0) {
		csv_errors_add(errs, 0, 0, "the spreadsheet is incomplete (it has no %.100s)",
		    b->sheets[i].path);
	}
	if (r > 0 && !w.have_header && !opts->no_header && w.rc == CAIRN_OK)
		csv_errors_add(errs, 0, 0, "the sheet is empty: it has no header row");
	row_clear(&w);
	free(w.cells);
	buf_free(&w.v);
	if (w.rc != CAIRN_OK)
		return w.rc;
	return errs->total > before ? CAIRN_EDATA : CAIRN_OK;
}
