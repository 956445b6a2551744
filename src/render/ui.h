/*
 * Design-system components: C functions that write the markup of the
 * Scottish Government Design System (designsystem.gov.scot, "ds_" classes)
 * through the escaping HTML writer, so that every page of the web
 * application is built from the same tested pieces and no markup is ever
 * concatenated with data.  Pages carry no inline script or style: the
 * stylesheet and scripts are separate files served by Cairn itself.
 *
 * Every string argument is borrowed and escaped by the writer; NULL means
 * "none" wherever it is allowed.
 */
#ifndef CAIRN_RENDER_UI_H
#define CAIRN_RENDER_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "render/html.h"

/* A link in the breadcrumb trail above a page's title. */
struct ui_crumb {
	const char *href;  /* where it goes */
	const char *label; /* what it says */
};

/* What surrounds every page. */
struct ui_page {
	const char *title;             /* <title> and the h1, e.g. "Your inspections" */
	const char *label;             /* optional caption above the h1 (page header label) */
	const char *user;              /* signed-in person's name, or NULL when signed out */
	const char *csrf;              /* CSRF token for the sign-out form when user is set */
	const struct ui_crumb *crumbs; /* breadcrumbs, may be NULL */
	size_t ncrumbs;
	bool wide; /* use the full width (tables) rather than the article column */
};

/* Writes the document up to the page's content column: head, skip link,
 * site header (with the person's name and a sign-out button), breadcrumbs
 * and the page header with its h1.  Close with ui_page_end(). */
void ui_page_begin(struct html *h, const struct ui_page *p);
/* Closes everything ui_page_begin() opened and writes the footer. */
void ui_page_end(struct html *h);

/* One problem with a form, for the error summary and the field itself. */
struct ui_error {
	const char *field;   /* id of the field it is about (the summary links to #field) */
	const char *message; /* what is wrong and what to do, e.g. "Choose a grade" */
};

/* Writes the error summary ("There is a problem") linking to each field;
 * nothing when n is 0. */
void ui_error_summary(struct html *h, const struct ui_error *errors, size_t n);
/* Returns the message for field among errors, or NULL. */
const char *ui_error_for(const struct ui_error *errors, size_t n, const char *field);

/* Writes a success notification banner with one sentence. */
void ui_notification(struct html *h, const char *text);
/* Writes "2 March 2026" for the ISO date "2026-03-02", or "2 March 2026 at
 * 14:05 UTC" for a stored timestamp "2026-03-02T14:05:09Z", into out and
 * returns out; other text is copied as it is. */
const char *ui_date_text(const char *iso, char *out, size_t outsz);
/* Writes a date (or stored timestamp) as people write it, in
 * <time datetime="2026-03-02">2 March 2026</time> that never breaks across
 * lines: the one way every page shows a date.  "Not recorded" for NULL or
 * "", and other text as it is. */
void ui_date(struct html *h, const char *iso);
/* Writes a table cell holding ui_date(from), or the range "from to to" when
 * to is a date (to may be NULL). */
void ui_cell_date(struct html *h, const char *from, const char *to);
/* Writes a summary-list row whose value is a date or range (as ui_cell_date). */
void ui_summary_row_date(struct html *h, const char *key, const char *from, const char *to);
/* Writes a sample stratum's key, stored as a JSON object of column and
 * value ({"category":"cp-register"}), as people read it ("Category:
 * cp-register"; columns joined with "; ", underscores as spaces) into out
 * and returns its text; any other key as it is, and "All" for none. */
const char *ui_stratum_text(const char *key, struct buf *out);
/* Writes a reference (e.g. "E-0042") in a span that never breaks. */
void ui_ref(struct html *h, const char *ref);
/* Writes "1 strength" or "2 strengths" (count and one or many) into out and
 * returns out. */
const char *ui_plural(char *out, size_t outsz, long count, const char *one, const char *many);

/* Writes a warning text block ("!" icon and a sentence). */
void ui_warning(struct html *h, const char *text);
/* Writes a coloured tag, e.g. ui_tag(h, "Draft", "grey"); colour may be NULL. */
void ui_tag(struct html *h, const char *text, const char *colour);

/* Kinds of button. */
enum ui_button_kind {
	UI_BUTTON_PRIMARY = 0, /* the page's main action */
	UI_BUTTON_SECONDARY,   /* another action */
	UI_BUTTON_SMALL,       /* a small secondary action in a table or header */
};
/* Writes a submit button. */
void ui_button(struct html *h, const char *label, enum ui_button_kind kind);
/* Writes a submit button that sends name=value (one of several buttons
 * in a form, e.g. "Save draft" and "Submit"). */
void ui_button_named(struct html *h, const char *label, enum ui_button_kind kind, const char *name,
    const char *value);
/* Writes a link styled as a button. */
void ui_button_link(struct html *h, const char *href, const char *label, enum ui_button_kind kind);
/* Writes an ordinary link. */
void ui_link(struct html *h, const char *href, const char *label);

/* Opens a POST form to action with its hidden CSRF token; close with
 * ui_form_end().  multipart selects multipart/form-data (file uploads). */
void ui_form_begin(struct html *h, const char *action, const char *csrf, bool multipart);
/* Closes the form. */
void ui_form_end(struct html *h);
/* Writes a hidden input. */
void ui_hidden(struct html *h, const char *name, const char *value);

/* A form field; the field renders its own label, hint and error. */
struct ui_field {
	const char *id;           /* element id (also the error summary's anchor) */
	const char *name;         /* form field name */
	const char *label;        /* visible label */
	const char *hint;         /* hint text, may be NULL */
	const char *value;        /* current value, may be NULL */
	const char *error;        /* error message, or NULL when the field is fine */
	const char *type;         /* input type ("text", "password"...), NULL for text */
	const char *autocomplete; /* autocomplete token, may be NULL */
	const char *width;        /* ds_input width modifier, e.g. "fixed-10", may be NULL */
	bool required;            /* adds the required attribute */
	bool multiple;            /* a file input takes several files */
};

/* Writes a text input with its label, hint and error (ds_question). */
void ui_input(struct html *h, const struct ui_field *f);
/* Writes a file input (for a multipart form) with its label, hint and
 * error; accept lists the file types offered (may be NULL). */
void ui_file(struct html *h, const struct ui_field *f, const char *accept);
/* Writes a textarea with its label, hint and error. */
void ui_textarea(struct html *h, const struct ui_field *f, int rows);

/* One choice of a select or radio group. */
struct ui_option {
	const char *value; /* submitted value */
	const char *label; /* what the person sees */
};
/* Writes a select with its label, hint and error; f->value selects. */
void ui_select(struct html *h, const struct ui_field *f, const struct ui_option *opts, size_t n);
/* Writes a radio group in a fieldset whose legend is f->label. */
void ui_radios(struct html *h, const struct ui_field *f, const struct ui_option *opts, size_t n);
/* Writes a group of checkboxes (ds_checkbox) in a fieldset whose legend is
 * f->label, each sending f->name=opts[i].value when ticked; checked[i]
 * ticks option i (checked may be NULL: none ticked).  The first box takes
 * f->id, so the error summary can link to it. */
void ui_checkboxes(struct html *h, const struct ui_field *f, const struct ui_option *opts,
    const bool *checked, size_t n);

/* Summary list: a list of key/value rows. */
void ui_summary_begin(struct html *h);
/* Writes one row; value may be NULL (shown as "Not recorded"). */
void ui_summary_row(struct html *h, const char *key, const char *value);
void ui_summary_end(struct html *h);

/* Opens a table with a caption and column headings; write rows with
 * ui_row_begin/ui_cell/ui_row_end and close with ui_table_end. */
void ui_table_begin(struct html *h, const char *caption, const char *const *headings, size_t n);
void ui_row_begin(struct html *h);
/* Writes one cell of text (header cell when header is true, scope=row). */
void ui_cell(struct html *h, const char *text, bool header);
void ui_row_end(struct html *h);
void ui_table_end(struct html *h);

/* A query parameter kept in every pagination link (e.g. a filter). */
struct ui_param {
	const char *name;  /* parameter name, e.g. "qi" */
	const char *value; /* its value; NULL or "" leaves it out */
};
/*
 * Writes the pagination navigation (ds_pagination) for page of pages
 * (both from 1): Previous, the first and last pages, the pages either side
 * of the current one with ellipses for the gaps, and Next.  Each link is
 * path?NAME=VALUE&...&page=N with the params percent-encoded in order.
 * Writes nothing when there is only one page.
 */
void ui_pagination(struct html *h, const char *path, const struct ui_param *params, size_t nparams,
    long page, long pages);

#endif
