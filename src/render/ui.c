/* Design-system components: see ui.h. */
#include "render/ui.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"

#include <jansson.h>

void
ui_page_begin(struct html *h, const struct ui_page *p)
{
	assert(h != NULL && p != NULL && p->title != NULL);
	assert(p->ncrumbs == 0 || p->crumbs != NULL);
	html_doctype(h);
	html_open(h, HE_HTML, HA_LANG, "en", HA__MAX);
	html_open(h, HE_HEAD, HA__MAX);
	html_open(h, HE_META, HA_CHARSET, "utf-8", HA__MAX);
	html_open(h, HE_META, HA_NAME, "viewport", HA_CONTENT,
	    "width=device-width, initial-scale=1", HA__MAX);
	html_open(h, HE_TITLE, HA__MAX);
	html_text(h, p->title);
	html_text(h, " - Cairn");
	html_close(h);
	html_open(h, HE_LINK, HA_REL, "stylesheet", HA_HREF, "/assets/ds/css/design-system.min.css",
	    HA__MAX);
	html_open(h, HE_LINK, HA_REL, "stylesheet", HA_HREF, "/assets/cairn.css", HA__MAX);
	/* Cairn's own icon, so that no browser asks for a missing /favicon.ico. */
	html_open(h, HE_LINK, HA_REL, "icon", HA_TYPE, "image/svg+xml", HA_HREF,
	    "/assets/favicon.svg", HA__MAX);
	html_open(h, HE_SCRIPT, HA_TYPE, "module", HA_SRC, "/assets/cairn.js", HA__MAX);
	html_close(h);
	html_close(h); /* head */
	html_open(h, HE_BODY, HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_page", HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_page__top", HA__MAX);

	/* Skip link. */
	html_open(h, HE_DIV, HA_CLASS, "ds_skip-links", HA__MAX);
	html_open(h, HE_UL, HA_CLASS, "ds_skip-links__list", HA__MAX);
	html_open(h, HE_LI, HA_CLASS, "ds_skip-links__item", HA__MAX);
	html_open(h, HE_A, HA_CLASS, "ds_skip-links__link", HA_HREF, "#main-content", HA__MAX);
	html_text(h, "Skip to main content");
	html_close_to(h, h->depth - 4);

	/* Site header: branding, and who is signed in with a sign-out button. */
	html_open(h, HE_HEADER, HA_CLASS, "ds_site-header", HA_ROLE, "banner", HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_wrapper", HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_site-header__content", HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_site-branding", HA__MAX);
	html_open(h, HE_A, HA_CLASS, "ds_site-branding__link", HA_HREF, "/", HA__MAX);
	html_open(h, HE_SPAN, HA_CLASS, "ds_site-branding__title", HA__MAX);
	html_text(h, "Cairn");
	html_close(h);
	html_close(h);
	html_close(h); /* branding */
	if (p->user != NULL) {
		html_open(h, HE_DIV, HA_CLASS, "cairn-account", HA__MAX);
		html_open(h, HE_SPAN, HA_CLASS, "cairn-account__name", HA__MAX);
		html_text(h, "Signed in as ");
		html_elem(h, HE_STRONG, NULL, p->user);
		html_close(h);
		ui_form_begin(h, "/signout", p->csrf, false);
		ui_button(h, "Sign out", UI_BUTTON_SMALL);
		ui_form_end(h);
		html_close(h);
	}
	html_close(h); /* content */
	html_close(h); /* wrapper */
	html_close(h); /* header */
	html_close(h); /* page__top */

	html_open(h, HE_DIV, HA_CLASS, "ds_page__middle", HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_wrapper", HA__MAX);
	if (p->ncrumbs > 0) {
		html_open(h, HE_NAV, HA_ARIA_LABEL, "Breadcrumb", HA__MAX);
		html_open(h, HE_OL, HA_CLASS, "ds_breadcrumbs", HA__MAX);
		for (size_t i = 0; i < p->ncrumbs; i++) {
			html_open(h, HE_LI, HA_CLASS, "ds_breadcrumbs__item", HA__MAX);
			html_open(h, HE_A, HA_CLASS, "ds_breadcrumbs__link", HA_HREF,
			    p->crumbs[i].href, HA__MAX);
			html_text(h, p->crumbs[i].label);
			html_close(h);
			html_close(h);
		}
		html_close(h);
		html_close(h);
	}
	html_open(h, HE_MAIN, HA_ID, "main-content", HA_CLASS,
	    p->wide ? "ds_layout cairn-layout--wide" : "ds_layout ds_layout--article", HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_layout__header", HA__MAX);
	html_open(h, HE_HEADER, HA_CLASS, "ds_page-header", HA__MAX);
	if (p->label != NULL)
		html_elem(h, HE_SPAN, "ds_page-header__label ds_content-label", p->label);
	html_elem(h, HE_H1, "ds_page-header__title", p->title);
	html_close(h);
	html_close(h);
	html_open(h, HE_DIV, HA_CLASS, "ds_layout__content", HA__MAX);
}

void
ui_page_end(struct html *h)
{
	/* ds_layout__content, main, wrapper, page__middle are the innermost
	 * four open elements below ds_page, body and html. */
	html_close_to(h, 3);
	html_open(h, HE_DIV, HA_CLASS, "ds_page__bottom", HA__MAX);
	html_open(h, HE_FOOTER, HA_CLASS, "ds_site-footer", HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_wrapper", HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_site-footer__content", HA__MAX);
	html_open(h, HE_P, HA_CLASS, "ds_site-footer__copyright", HA__MAX);
	html_text(h,
	    "Cairn: joint inspections of services for children and young people. "
	    "Records seen here are confidential; every view is recorded.");
	html_close_to(h, 0);
}

void
ui_error_summary(struct html *h, const struct ui_error *errors, size_t n)
{
	assert(n == 0 || errors != NULL);
	if (n == 0)
		return;
	html_open(h, HE_DIV, HA_CLASS, "ds_error-summary", HA_ARIA_LABELLEDBY,
	    "error-summary-title", HA_ROLE, "alert", HA__MAX);
	html_open(h, HE_H2, HA_CLASS, "ds_error-summary__title", HA_ID, "error-summary-title",
	    HA__MAX);
	html_text(h, "There is a problem");
	html_close(h);
	html_open(h, HE_UL, HA_CLASS, "ds_error-summary__list", HA__MAX);
	for (size_t i = 0; i < n; i++) {
		struct buf href = BUF_INIT;

		buf_printf(&href, "#%s",
		    errors[i].field != NULL ? errors[i].field : "main-content");
		html_open(h, HE_LI, HA__MAX);
		html_open(h, HE_A, HA_HREF, buf_str(&href), HA__MAX);
		html_text(h, errors[i].message);
		html_close(h);
		html_close(h);
		buf_free(&href);
	}
	html_close(h);
	html_close(h);
}

const char *
ui_error_for(const struct ui_error *errors, size_t n, const char *field)
{
	assert(n == 0 || errors != NULL);
	for (size_t i = 0; i < n; i++)
		if (errors[i].field != NULL && strcmp(errors[i].field, field) == 0)
			return errors[i].message;
	return NULL;
}

void
ui_notification(struct html *h, const char *text)
{
	html_open(h, HE_DIV, HA_CLASS, "ds_notification ds_notification--success", HA_ROLE,
	    "status", HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_wrapper", HA__MAX);
	html_open(h, HE_DIV, HA_CLASS, "ds_notification__content", HA__MAX);
	html_elem(h, HE_P, "ds_notification__text", text);
	html_close(h);
	html_close(h);
	html_close(h);
}

/* Splits "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (a stored timestamp, UTC)
 * into its date and "HH:MM" (empty for a date alone); false for anything
 * else. */
static bool
split_when(const char *iso, struct cdate *d, char hm[6])
{
	char day[11];
	size_t n;

	hm[0] = '\0';
	if (iso == NULL || (n = strlen(iso)) < 10)
		return false;
	memcpy(day, iso, 10);
	day[10] = '\0';
	if (!date_parse(day, d))
		return false;
	if (n == 10)
		return true;
	if (n == 20 && iso[10] == 'T' && iso[13] == ':' && iso[16] == ':' && iso[19] == 'Z' &&
	    strspn(iso + 11, "0123456789") == 2 && strspn(iso + 14, "0123456789") == 2 &&
	    strspn(iso + 17, "0123456789") == 2) {
		memcpy(hm, iso + 11, 5);
		hm[5] = '\0';
		return true;
	}
	return false;
}

const char *
ui_date_text(const char *iso, char *out, size_t outsz)
{
	struct cdate d;
	char hm[6], day[32];

	assert(out != NULL && outsz > 0);
	if (!split_when(iso, &d, hm)) {
		snprintf(out, outsz, "%s", iso != NULL ? iso : "");
		return out;
	}
	date_long(&d, day, sizeof(day));
	if (hm[0] != '\0')
		snprintf(out, outsz, "%s at %s UTC", day, hm);
	else
		snprintf(out, outsz, "%s", day);
	return out;
}

void
ui_date(struct html *h, const char *iso)
{
	char text[48], hm[6];
	struct cdate d;

	assert(h != NULL);
	if (iso == NULL || iso[0] == '\0') {
		html_text(h, "Not recorded");
		return;
	}
	if (!split_when(iso, &d, hm)) {
		html_open(h, HE_SPAN, HA_CLASS, "cairn-nowrap", HA__MAX);
		html_text(h, iso);
		html_close(h);
		return;
	}
	ui_date_text(iso, text, sizeof(text));
	html_open(h, HE_TIME, HA_CLASS, "cairn-nowrap", HA_DATETIME, iso, HA__MAX);
	html_text(h, text);
	html_close(h);
}

/* Writes ui_date(from), and " to " ui_date(to) when to is a date. */
static void
date_range(struct html *h, const char *from, const char *to)
{
	ui_date(h, from);
	if (from != NULL && from[0] != '\0' && to != NULL && to[0] != '\0') {
		html_text(h, " to ");
		ui_date(h, to);
	}
}

void
ui_cell_date(struct html *h, const char *from, const char *to)
{
	html_open(h, HE_TD, HA__MAX);
	date_range(h, from, to);
	html_close(h);
}

void
ui_summary_row_date(struct html *h, const char *key, const char *from, const char *to)
{
	html_open(h, HE_LI, HA_CLASS, "ds_summary-list__item", HA__MAX);
	html_elem(h, HE_SPAN, "ds_summary-list__key", key);
	html_open(h, HE_SPAN, HA_CLASS, "ds_summary-list__value", HA__MAX);
	html_open(h, HE_SPAN, HA_CLASS, "ds_summary-list__answer", HA__MAX);
	date_range(h, from, to);
	html_close(h);
	html_close(h);
	html_close(h);
}

const char *
ui_stratum_text(const char *key, struct buf *out)
{
	json_t *j = key != NULL ? json_loads(key, JSON_REJECT_DUPLICATES, NULL) : NULL;
	const char *name;
	json_t *v;

	assert(out != NULL);
	buf_reset(out);
	if (!json_is_object(j) || json_object_size(j) == 0) {
		buf_puts(out, key != NULL && key[0] != '\0' && !json_is_object(j) ? key : "All");
		json_decref(j);
		return buf_str(out);
	}
	json_object_foreach(j, name, v)
	{
		size_t start = out->len;

		if (start > 0)
			buf_puts(out, "; ");
		start = out->len;
		buf_puts(out, name);
		if (out->len > start && out->data[start] >= 'a' && out->data[start] <= 'z')
			out->data[start] = (char)(out->data[start] - 'a' + 'A');
		for (size_t i = start; i < out->len; i++)
			if (out->data[i] == '_')
				out->data[i] = ' ';
		buf_puts(out, ": ");
		if (json_is_string(v))
			buf_puts(out,
			    json_string_value(v)[0] != '\0' ? json_string_value(v) : "(blank)");
		else {
			char *t = json_dumps(v, JSON_ENCODE_ANY);

			buf_puts(out, t != NULL ? t : "");
			free(t);
		}
	}
	json_decref(j);
	return buf_str(out);
}

void
ui_ref(struct html *h, const char *ref)
{
	assert(h != NULL);
	html_open(h, HE_SPAN, HA_CLASS, "cairn-nowrap", HA__MAX);
	html_text(h, ref != NULL ? ref : "");
	html_close(h);
}

const char *
ui_plural(char *out, size_t outsz, long count, const char *one, const char *many)
{
	assert(out != NULL && one != NULL && many != NULL);
	snprintf(out, outsz, "%ld %s", count, count == 1 ? one : many);
	return out;
}

void
ui_warning(struct html *h, const char *text)
{
	html_open(h, HE_DIV, HA_CLASS, "ds_warning-text", HA__MAX);
	html_open(h, HE_STRONG, HA_CLASS, "ds_warning-text__icon", HA_ARIA_HIDDEN, "true", HA__MAX);
	html_close(h);
	html_open(h, HE_DIV, HA_CLASS, "ds_warning-text__text", HA__MAX);
	html_text(h, text);
	html_close(h);
	html_close(h);
}

void
ui_tag(struct html *h, const char *text, const char *colour)
{
	struct buf cls = BUF_INIT;

	buf_puts(&cls, "ds_tag");
	if (colour != NULL)
		buf_printf(&cls, " ds_tag--%s", colour);
	html_elem(h, HE_STRONG, buf_str(&cls), text);
	buf_free(&cls);
}

/* Returns the class list of a button of the given kind. */
static const char *
button_class(enum ui_button_kind kind)
{
	switch (kind) {
	case UI_BUTTON_SECONDARY: return "ds_button ds_button--secondary";
	case UI_BUTTON_SMALL: return "ds_button ds_button--secondary ds_button--small";
	case UI_BUTTON_PRIMARY: break;
	}
	return "ds_button";
}

void
ui_button(struct html *h, const char *label, enum ui_button_kind kind)
{
	html_open(h, HE_BUTTON, HA_TYPE, "submit", HA_CLASS, button_class(kind), HA__MAX);
	html_text(h, label);
	html_close(h);
}

void
ui_button_named(struct html *h, const char *label, enum ui_button_kind kind, const char *name,
    const char *value)
{
	html_open(h, HE_BUTTON, HA_TYPE, "submit", HA_CLASS, button_class(kind), HA_NAME, name,
	    HA_VALUE, value, HA__MAX);
	html_text(h, label);
	html_close(h);
}

void
ui_button_link(struct html *h, const char *href, const char *label, enum ui_button_kind kind)
{
	html_open(h, HE_A, HA_HREF, href, HA_CLASS, button_class(kind), HA__MAX);
	html_text(h, label);
	html_close(h);
}

void
ui_link(struct html *h, const char *href, const char *label)
{
	html_open(h, HE_A, HA_HREF, href, HA_CLASS, "ds_link", HA__MAX);
	html_text(h, label);
	html_close(h);
}

void
ui_form_begin(struct html *h, const char *action, const char *csrf, bool multipart)
{
	html_open(h, HE_FORM, HA_METHOD, "post", HA_ACTION, action, HA_ENCTYPE,
	    multipart ? "multipart/form-data" : NULL, HA_NOVALIDATE, "", HA__MAX);
	if (csrf != NULL)
		ui_hidden(h, "csrf", csrf);
}

void
ui_form_end(struct html *h)
{
	html_close(h);
}

void
ui_hidden(struct html *h, const char *name, const char *value)
{
	html_open(h, HE_INPUT, HA_TYPE, "hidden", HA_NAME, name, HA_VALUE, value, HA__MAX);
}

/* Ids derived from a field's id: "ID-hint", "ID-error". */
struct field_ids {
	char hint[96];         /* id of the hint paragraph */
	char error[96];        /* id of the error message */
	char describedby[200]; /* aria-describedby value, or "" */
};

/* Opens the ds_question wrapper and writes the label (or nothing when
 * legend is true: the caller writes a fieldset legend), hint and error. */
static void
question_begin(struct html *h, const struct ui_field *f, struct field_ids *ids, bool legend)
{
	snprintf(ids->hint, sizeof(ids->hint), "%s-hint", f->id);
	snprintf(ids->error, sizeof(ids->error), "%s-error", f->id);
	snprintf(ids->describedby, sizeof(ids->describedby), "%s%s%s",
	    f->hint != NULL ? ids->hint : "", f->hint != NULL && f->error != NULL ? " " : "",
	    f->error != NULL ? ids->error : "");
	html_open(h, HE_DIV, HA_CLASS,
	    f->error != NULL ? "ds_question ds_question--error" : "ds_question", HA__MAX);
	if (legend) {
		html_open(h, HE_FIELDSET, HA_ARIA_DESCRIBEDBY,
		    ids->describedby[0] ? ids->describedby : NULL, HA__MAX);
		html_elem(h, HE_LEGEND, NULL, f->label);
	} else {
		html_open(h, HE_LABEL, HA_CLASS, "ds_label", HA_FOR, f->id, HA__MAX);
		html_text(h, f->label);
		html_close(h);
	}
	if (f->hint != NULL) {
		html_open(h, HE_P, HA_CLASS, "ds_hint-text", HA_ID, ids->hint, HA__MAX);
		html_text(h, f->hint);
		html_close(h);
	}
	if (f->error != NULL) {
		html_open(h, HE_P, HA_CLASS, "ds_question__error-message", HA_ID, ids->error,
		    HA__MAX);
		html_text(h, f->error);
		html_close(h);
	}
}

void
ui_input(struct html *h, const struct ui_field *f)
{
	struct field_ids ids;
	char cls[96];

	question_begin(h, f, &ids, false);
	snprintf(cls, sizeof(cls), "ds_input%s%s%s", f->error != NULL ? " ds_input--error" : "",
	    f->width != NULL ? " ds_input--" : "", f->width != NULL ? f->width : "");
	html_open(h, HE_INPUT, HA_CLASS, cls, HA_TYPE, f->type != NULL ? f->type : "text", HA_ID,
	    f->id, HA_NAME, f->name, HA_VALUE, f->value, HA_AUTOCOMPLETE, f->autocomplete,
	    HA_SPELLCHECK, "false", HA_REQUIRED, f->required ? "" : NULL, HA_ARIA_INVALID,
	    f->error != NULL ? "true" : NULL, HA_ARIA_DESCRIBEDBY,
	    ids.describedby[0] ? ids.describedby : NULL, HA__MAX);
	html_close(h);
}

void
ui_file(struct html *h, const struct ui_field *f, const char *accept)
{
	struct field_ids ids;

	/* The design system's file upload, as its markup expects: the input
	 * (styled by ds_file-upload__input) inside a .ds_file-upload element,
	 * where the design system's tracking script looks for it.  The
	 * element is not marked data-module="ds-file-upload": that script's
	 * drop zone names itself with words that differ from its visible text
	 * (axe: label-content-name-mismatch), so the native input is kept. */
	html_open(h, HE_DIV, HA_CLASS, "ds_file-upload", HA__MAX);
	question_begin(h, f, &ids, false);
	html_open(h, HE_INPUT, HA_CLASS,
	    f->error != NULL ? "ds_file-upload__input ds_file-upload__input--error"
	                     : "ds_file-upload__input",
	    HA_TYPE, "file", HA_ID, f->id, HA_NAME, f->name, HA_ACCEPT, accept, HA_REQUIRED,
	    f->required ? "" : NULL, HA_MULTIPLE, f->multiple ? "" : NULL, HA_ARIA_INVALID,
	    f->error != NULL ? "true" : NULL, HA_ARIA_DESCRIBEDBY,
	    ids.describedby[0] ? ids.describedby : NULL, HA__MAX);
	html_close(h); /* ds_question */
	html_close(h); /* ds_file-upload */
}

void
ui_textarea(struct html *h, const struct ui_field *f, int rows)
{
	struct field_ids ids;
	char r[16];

	question_begin(h, f, &ids, false);
	snprintf(r, sizeof(r), "%d", rows);
	html_open(h, HE_TEXTAREA, HA_CLASS,
	    f->error != NULL ? "ds_input ds_input--error" : "ds_input", HA_ID, f->id, HA_NAME,
	    f->name, HA_ROWS, r, HA_REQUIRED, f->required ? "" : NULL, HA_ARIA_INVALID,
	    f->error != NULL ? "true" : NULL, HA_ARIA_DESCRIBEDBY,
	    ids.describedby[0] ? ids.describedby : NULL, HA__MAX);
	html_text(h, f->value);
	html_close(h);
	html_close(h);
}

void
ui_select(struct html *h, const struct ui_field *f, const struct ui_option *opts, size_t n)
{
	struct field_ids ids;

	assert(f != NULL && (n == 0 || opts != NULL));
	question_begin(h, f, &ids, false);
	html_open(h, HE_DIV, HA_CLASS, "ds_select-wrapper", HA__MAX);
	html_open(h, HE_SELECT, HA_CLASS,
	    f->error != NULL ? "ds_select ds_select--error" : "ds_select", HA_ID, f->id, HA_NAME,
	    f->name, HA_ARIA_INVALID, f->error != NULL ? "true" : NULL, HA_ARIA_DESCRIBEDBY,
	    ids.describedby[0] ? ids.describedby : NULL, HA__MAX);
	for (size_t i = 0; i < n; i++) {
		bool sel = f->value != NULL && strcmp(f->value, opts[i].value) == 0;

		html_open(h, HE_OPTION, HA_VALUE, opts[i].value, HA_SELECTED, sel ? "" : NULL,
		    HA__MAX);
		html_text(h, opts[i].label);
		html_close(h);
	}
	html_close(h);
	html_open(h, HE_SPAN, HA_CLASS, "ds_select-arrow", HA_ARIA_HIDDEN, "true", HA__MAX);
	html_close(h);
	html_close(h);
	html_close(h);
}

void
ui_radios(struct html *h, const struct ui_field *f, const struct ui_option *opts, size_t n)
{
	struct field_ids ids;

	assert(f != NULL && (n == 0 || opts != NULL));
	question_begin(h, f, &ids, true);
	for (size_t i = 0; i < n; i++) {
		char id[128];
		bool sel = f->value != NULL && strcmp(f->value, opts[i].value) == 0;

		/* The first radio takes the field's own id so the error summary can link to it. */
		if (i == 0)
			snprintf(id, sizeof(id), "%s", f->id);
		else
			snprintf(id, sizeof(id), "%s-%zu", f->id, i);
		html_open(h, HE_DIV, HA_CLASS, "ds_radio", HA__MAX);
		html_open(h, HE_INPUT, HA_CLASS, "ds_radio__input", HA_TYPE, "radio", HA_ID, id,
		    HA_NAME, f->name, HA_VALUE, opts[i].value, HA_CHECKED, sel ? "" : NULL,
		    HA__MAX);
		html_open(h, HE_LABEL, HA_CLASS, "ds_radio__label", HA_FOR, id, HA__MAX);
		html_text(h, opts[i].label);
		html_close(h);
		html_close(h);
	}
	html_close(h); /* fieldset */
	html_close(h); /* question */
}

void
ui_checkboxes(struct html *h, const struct ui_field *f, const struct ui_option *opts,
    const bool *checked, size_t n)
{
	struct field_ids ids;

	assert(f != NULL && (n == 0 || opts != NULL));
	question_begin(h, f, &ids, true);
	html_open(h, HE_DIV, HA_CLASS, "ds_checkboxes", HA__MAX);
	for (size_t i = 0; i < n; i++) {
		char id[128];

		if (i == 0)
			snprintf(id, sizeof(id), "%s", f->id);
		else
			snprintf(id, sizeof(id), "%s-%zu", f->id, i);
		html_open(h, HE_DIV, HA_CLASS, "ds_checkbox", HA__MAX);
		html_open(h, HE_INPUT, HA_CLASS, "ds_checkbox__input", HA_TYPE, "checkbox", HA_ID,
		    id, HA_NAME, f->name, HA_VALUE, opts[i].value, HA_CHECKED,
		    checked != NULL && checked[i] ? "" : NULL, HA__MAX);
		html_open(h, HE_LABEL, HA_CLASS, "ds_checkbox__label", HA_FOR, id, HA__MAX);
		html_text(h, opts[i].label);
		html_close(h);
		html_close(h);
	}
	html_close(h); /* checkboxes */
	html_close(h); /* fieldset */
	html_close(h); /* question */
}

void
ui_summary_begin(struct html *h)
{
	html_open(h, HE_OL, HA_CLASS, "ds_summary-list", HA__MAX);
}

void
ui_summary_row(struct html *h, const char *key, const char *value)
{
	html_open(h, HE_LI, HA_CLASS, "ds_summary-list__item", HA__MAX);
	html_elem(h, HE_SPAN, "ds_summary-list__key", key);
	html_open(h, HE_SPAN, HA_CLASS, "ds_summary-list__value", HA__MAX);
	html_elem(h, HE_SPAN, "ds_summary-list__answer",
	    value != NULL && value[0] != '\0' ? value : "Not recorded");
	html_close(h);
	html_close(h);
}

void
ui_summary_end(struct html *h)
{
	html_close(h);
}

void
ui_table_begin(struct html *h, const char *caption, const char *const *headings, size_t n)
{
	assert(h != NULL && (n == 0 || headings != NULL));
	/* A wide table scrolls inside its own container, not the page; the
	 * container is a named region that a keyboard can reach to scroll. */
	html_open(h, HE_SECTION, HA_CLASS, "cairn-table-scroll", HA_ARIA_LABEL,
	    caption != NULL ? caption : "Table", HA_TABINDEX, "0", HA__MAX);
	html_open(h, HE_TABLE, HA_CLASS, "ds_table", HA__MAX);
	if (caption != NULL)
		html_elem(h, HE_CAPTION, NULL, caption);
	html_open(h, HE_THEAD, HA__MAX);
	html_open(h, HE_TR, HA__MAX);
	for (size_t i = 0; i < n; i++) {
		html_open(h, HE_TH, HA_SCOPE, "col", HA__MAX);
		html_text(h, headings[i]);
		html_close(h);
	}
	html_close(h);
	html_close(h);
	html_open(h, HE_TBODY, HA__MAX);
}

void
ui_row_begin(struct html *h)
{
	html_open(h, HE_TR, HA__MAX);
}

void
ui_cell(struct html *h, const char *text, bool header)
{
	if (header)
		html_open(h, HE_TH, HA_SCOPE, "row", HA__MAX);
	else
		html_open(h, HE_TD, HA__MAX);
	html_text(h, text);
	html_close(h);
}

void
ui_row_end(struct html *h)
{
	html_close(h);
}

void
ui_table_end(struct html *h)
{
	html_close(h); /* tbody */
	html_close(h); /* table */
	html_close(h); /* scroll wrapper */
}

/* Appends s to b percent-encoded for a query string: everything but
 * letters, digits and "-._~" becomes %XX. */
static void
query_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			buf_printf(b, "%c", *p);
		else
			buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
}

/* Writes into b the address of page n: path, the params and page=n. */
static void
page_href(struct buf *b, const char *path, const struct ui_param *params, size_t nparams, long n)
{
	buf_reset(b);
	buf_printf(b, "%s?", path);
	for (size_t i = 0; i < nparams; i++) {
		if (params[i].value == NULL || params[i].value[0] == '\0')
			continue;
		query_escape(b, params[i].name);
		buf_printf(b, "=");
		query_escape(b, params[i].value);
		buf_printf(b, "&");
	}
	buf_printf(b, "page=%ld", n);
}

/* Writes one item of the pagination list: a link to page n (the current
 * one marked), or Previous/Next when label is set. */
static void
page_item(struct html *h, struct buf *href, const char *path, const struct ui_param *params,
    size_t nparams, long n, bool current, const char *label)
{
	char num[24], aria[48];

	page_href(href, path, params, nparams, n);
	snprintf(num, sizeof(num), "%ld", n);
	snprintf(aria, sizeof(aria), "%s%s", label != NULL ? label : "Page ",
	    label ? " page" : num);
	html_open(h, HE_LI, HA_CLASS, "ds_pagination__item", HA__MAX);
	html_open(h, HE_A, HA_ARIA_LABEL, aria, HA_ARIA_CURRENT, current ? "page" : NULL, HA_CLASS,
	    label != NULL ? "ds_pagination__link  ds_pagination__link--text"
	        : current ? "ds_pagination__link  ds_current"
	                  : "ds_pagination__link",
	    HA_HREF, buf_str(href), HA_REL,
	    label == NULL                    ? NULL
	        : strcmp(label, "Next") == 0 ? "next"
	                                     : "prev",
	    HA__MAX);
	html_elem(h, HE_SPAN, "ds_pagination__link-label", label != NULL ? label : num);
	html_close(h);
	html_close(h);
}

/* Writes the ellipsis standing for pages left out. */
static void
page_gap(struct html *h)
{
	html_open(h, HE_LI, HA_CLASS, "ds_pagination__item", HA_ARIA_HIDDEN, "true", HA__MAX);
	html_elem(h, HE_SPAN, "ds_pagination__link  ds_pagination__link--ellipsis", "\u2026");
	html_close(h);
}

void
ui_pagination(struct html *h, const char *path, const struct ui_param *params, size_t nparams,
    long page, long pages)
{
	struct buf href = BUF_INIT;
	long from, to;

	if (pages <= 1)
		return;
	/* Up to seven pages are all shown; beyond that the first, the last and
	 * the current page with its neighbours. */
	from = pages <= 7 ? 1 : page - 1 < 2 ? 2 : page - 1;
	to = pages <= 7 ? pages : page + 1 > pages - 1 ? pages - 1 : page + 1;
	html_open(h, HE_NAV, HA_CLASS, "ds_pagination", HA_ARIA_LABEL, "Pages", HA__MAX);
	html_open(h, HE_UL, HA_CLASS, "ds_pagination__list", HA__MAX);
	if (page > 1)
		page_item(h, &href, path, params, nparams, page - 1, false, "Previous");
	if (pages > 7) {
		page_item(h, &href, path, params, nparams, 1, page == 1, NULL);
		if (from > 2)
			page_gap(h);
	}
	for (long n = from; n <= to; n++)
		page_item(h, &href, path, params, nparams, n, n == page, NULL);
	if (pages > 7) {
		if (to < pages - 1)
			page_gap(h);
		page_item(h, &href, path, params, nparams, pages, page == pages, NULL);
	}
	if (page < pages)
		page_item(h, &href, path, params, nparams, page + 1, false, "Next");
	html_close(h);
	html_close(h);
	buf_free(&href);
}
