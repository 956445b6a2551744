/* The spreadsheet: see xlsx.h. */
#include "render/xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/text.h"

/* Excel's limit on the length of a sheet name. */
#define SHEET_NAME_MAX 31

/* Returns a unique sheet name for an id in out ("evaluations",
 * "evaluations 2"...), using only characters Excel allows. */
static const char *
sheet_name(lxw_workbook *wb, const char *prefix, const char *id, char *out, size_t outsz)
{
	char base[SHEET_NAME_MAX + 1];
	size_t n = 0;

	for (const char *p = prefix; *p && n < 20; p++)
		base[n++] = *p;
	for (const char *p = id; *p && n < 24; p++)
		base[n++] = strchr("[]:*?/\\'", *p) != NULL ? '-' : *p;
	base[n] = '\0';
	snprintf(out, outsz, "%s", base);
	for (int i = 2; workbook_get_worksheet_by_name(wb, out) != NULL && i < 100; i++)
		snprintf(out, outsz, "%s %d", base, i);
	return out;
}

/* Sets the printed header and footer of a sheet to the marking. */
static void
mark(lxw_worksheet *ws, const char *marking)
{
	struct buf b = BUF_INIT;

	if (marking == NULL)
		return;
	buf_puts(&b, "&C");
	for (const char *p = marking; *p; p++) {
		if (*p == '&')
			buf_putc(&b, '&');
		buf_putc(&b, *p);
	}
	worksheet_set_header(ws, buf_str(&b));
	worksheet_set_footer(ws, buf_str(&b));
	buf_free(&b);
}

/* Writes s as a text cell, each bidirectional control shown as "<U+XXXX>"
 * (core/text.h), so that it cannot reorder what the spreadsheet shows. */
static void
text_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
	char *shown = text_has_bidi(s) ? text_bidi_shown(s) : NULL;

	worksheet_write_string(ws, r, c, shown != NULL ? shown : s, f);
	free(shown);
}

/* Writes a cell as a number when it is one, else as text. */
static void
cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
	double v;

	if (s == NULL || s[0] == '\0')
		return;
	if (text_parse_double(s, &v))
		worksheet_write_number(ws, r, c, v, f);
	else
		text_cell(ws, r, c, s, f);
}

/* Writes a table to its own sheet. */
static void
table_sheet(lxw_workbook *wb, const struct doc *d, const struct doc_table *t, lxw_format *bold)
{
	char name[SHEET_NAME_MAX + 8];
	lxw_worksheet *ws =
	    workbook_add_worksheet(wb, sheet_name(wb, "", t->id, name, sizeof(name)));

	if (ws == NULL)
		return;
	mark(ws, d->marking);
	text_cell(ws, 0, 0, t->caption, bold);
	text_cell(ws, 1, 0, "Row", bold);
	for (size_t c = 0; c < t->ncols; c++)
		text_cell(ws, 1, (lxw_col_t)(c + 1), t->head[c], bold);
	for (size_t r = 0; r < t->nrows; r++) {
		static const char *const kinds[] = { "data", "group", "total" };

		text_cell(ws, (lxw_row_t)(r + 2), 0, kinds[t->kinds[r]], NULL);
		for (size_t c = 0; c < t->ncols; c++)
			cell(ws, (lxw_row_t)(r + 2), (lxw_col_t)(c + 1), doc_cell(t, r, c),
			    t->kinds[r] == DOC_ROW_DATA ? NULL : bold);
	}
	worksheet_set_column(ws, 1, (lxw_col_t)t->ncols, 24, NULL);
	worksheet_freeze_panes(ws, 2, 0);
}

/* Writes the numbers behind a chart to their own sheet. */
static void
chart_sheet(lxw_workbook *wb, const struct doc *d, const struct doc_chart *ch, lxw_format *bold)
{
	char name[SHEET_NAME_MAX + 8];
	lxw_worksheet *ws =
	    workbook_add_worksheet(wb, sheet_name(wb, "chart ", ch->id, name, sizeof(name)));

	if (ws == NULL)
		return;
	mark(ws, d->marking);
	text_cell(ws, 0, 0, ch->title, bold);
	text_cell(ws, 1, 0, "Label", bold);
	text_cell(ws, 1, 1, "Value", bold);
	text_cell(ws, 1, 2, "Lower", bold);
	text_cell(ws, 1, 3, "Upper", bold);
	text_cell(ws, 1, 4, "Shown as", bold);
	for (size_t i = 0; i < ch->n; i++) {
		lxw_row_t r = (lxw_row_t)(i + 2);

		text_cell(ws, r, 0, ch->labels[i] != NULL ? ch->labels[i] : "", NULL);
		if (isfinite(ch->values[i]))
			worksheet_write_number(ws, r, 1, ch->values[i], NULL);
		if (ch->lo != NULL && isfinite(ch->lo[i]) && isfinite(ch->hi[i])) {
			worksheet_write_number(ws, r, 2, ch->lo[i], NULL);
			worksheet_write_number(ws, r, 3, ch->hi[i], NULL);
		}
		if (ch->value_text[i] != NULL)
			text_cell(ws, r, 4, ch->value_text[i], NULL);
	}
	text_cell(ws, (lxw_row_t)(ch->n + 3), 0, ch->desc != NULL ? ch->desc : "", NULL);
	worksheet_set_column(ws, 0, 0, 44, NULL);
	worksheet_set_column(ws, 4, 4, 16, NULL);
}

int
xlsx_write(const struct doc *d, const char *path, struct cairn_err *err)
{
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *about;
	lxw_format *bold;
	lxw_error e;
	lxw_doc_properties props;
	char *title;

	if (wb == NULL)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot create %s", path);
	title = text_bidi_shown(d->title); /* the document's title, shown as its cells are */
	memset(&props, 0, sizeof(props));
	props.title = title;
	props.author = d->organisation;
	props.comments = d->marking;
	workbook_set_properties(wb, &props); /* copies the strings */
	free(title);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	about = workbook_add_worksheet(wb, "About");
	mark(about, d->marking);
	text_cell(about, 0, 0, d->title, bold);
	if (d->organisation != NULL)
		text_cell(about, 1, 0, d->organisation, NULL);
	if (d->subtitle != NULL)
		text_cell(about, 2, 0, d->subtitle, NULL);
	if (d->marking != NULL)
		text_cell(about, 3, 0, d->marking, bold);
	text_cell(about, 5, 0,
	    "Each further sheet holds one table of the report or "
	    "the numbers behind one of its charts.",
	    NULL);
	worksheet_set_column(about, 0, 0, 90, NULL);
	for (size_t s = 0; s < d->nsections; s++) {
		for (size_t b = 0; b < d->sections[s].nblocks; b++) {
			const struct doc_block *bl = &d->sections[s].blocks[b];

			if (bl->kind == DOC_TABLE)
				table_sheet(wb, d, bl->table, bold);
			else if (bl->kind == DOC_CHART)
				chart_sheet(wb, d, bl->chart, bold);
		}
	}
	if ((e = workbook_close(wb)) != LXW_NO_ERROR)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot write %s: %s", path,
		    lxw_strerror(e));
	return CAIRN_OK;
}

/* One sheet of a form: the table's column names in the first row (bold,
 * frozen), its rows below; the caption becomes the sheet's header. */
static void
form_sheet(lxw_workbook *wb, const struct doc *d, const struct doc_table *t, lxw_format *bold)
{
	char name[SHEET_NAME_MAX + 8];
	lxw_worksheet *ws =
	    workbook_add_worksheet(wb, sheet_name(wb, "", t->id, name, sizeof(name)));

	if (ws == NULL)
		return;
	mark(ws, d->marking);
	for (size_t c = 0; c < t->ncols; c++)
		text_cell(ws, 0, (lxw_col_t)c, t->head[c], bold);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++)
			text_cell(ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
			    doc_cell(t, r, c) != NULL ? doc_cell(t, r, c) : "", NULL);
	if (t->ncols > 0)
		worksheet_set_column(ws, 0, (lxw_col_t)(t->ncols - 1), 24, NULL);
	worksheet_freeze_panes(ws, 1, 0);
}

int
xlsx_write_form(const struct doc *d, const char *path, struct cairn_err *err)
{
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *about;
	lxw_format *bold;
	lxw_error e;
	lxw_doc_properties props;
	lxw_row_t row = 2;
	char *title;

	if (wb == NULL)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot create %s", path);
	title = text_bidi_shown(d->title); /* the document's title, shown as its cells are */
	memset(&props, 0, sizeof(props));
	props.title = title;
	props.author = d->organisation;
	workbook_set_properties(wb, &props); /* copies the strings */
	free(title);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	about = workbook_add_worksheet(wb, "About");
	mark(about, d->marking);
	text_cell(about, 0, 0, d->title, bold);
	if (d->subtitle != NULL)
		text_cell(about, 1, 0, d->subtitle, NULL);
	worksheet_set_column(about, 0, 0, 100, NULL);
	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *sec = &d->sections[s];

		row++;
		text_cell(about, row++, 0, sec->title, bold);
		for (size_t b = 0; b < sec->nblocks; b++) {
			const struct doc_block *bl = &sec->blocks[b];

			if (bl->kind == DOC_PARA || bl->kind == DOC_MARKDOWN)
				text_cell(about, row++, 0, bl->text, NULL);
			else if (bl->kind == DOC_LIST)
				for (size_t i = 0; i < bl->nitems; i++)
					text_cell(about, row++, 0, bl->items[i], NULL);
		}
	}
	for (size_t s = 0; s < d->nsections; s++)
		for (size_t b = 0; b < d->sections[s].nblocks; b++)
			if (d->sections[s].blocks[b].kind == DOC_TABLE)
				form_sheet(wb, d, d->sections[s].blocks[b].table, bold);
	if ((e = workbook_close(wb)) != LXW_NO_ERROR)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot write %s: %s", path,
		    lxw_strerror(e));
	return CAIRN_OK;
}
