/*
 * The override for identifier-like columns in the browser, shared by the
 * population and survey uploads: one checkbox per refused column that
 * re-posts the upload with allow=COLUMN, as `--allow-column` does on the
 * command line; app/ records in the audit log that it was allowed.
 */
#include <stdio.h>
#include <string.h>

#include "app/records/population.h"
#include "core/buf.h"
#include "web/http.h"

bool
web_allow_list(const struct web_req *r, struct buf *out)
{
	const char *allow[WEB_ALLOW_FIELDS_MAX];
	size_t nallow = web_form_all(r, "allow", allow, WEB_ALLOW_FIELDS_MAX);

	if (nallow > WEB_ALLOW_FIELDS_MAX)
		return false;
	for (size_t i = 0; i < nallow; i++)
		if (allow[i][strspn(allow[i], " \t")] != '\0')
			buf_printf(out, "%s%s", out->len ? "," : "", allow[i]);
	return true;
}

void
web_allow_error(const struct population_idcol *c, size_t i, char *id, size_t idsz, char *msg,
    size_t msgsz)
{
	snprintf(id, idsz, "allow-%zu", i + 1);
	snprintf(msg, msgsz,
	    "Column '%s' looks like a personal identifier (%s). If it holds "
	    "none, tick '" WEB_ALLOW_LABEL "' and upload the file again",
	    c->name, c->word);
}

void
web_allow_boxes(struct html *h, const struct population_idcol *cols, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct population_idcol *c = &cols[i];
		struct ui_option opt = { c->name, WEB_ALLOW_LABEL };
		struct ui_field f = { 0 };
		char id[32], legend[POPULATION_IDCOL_NAME + 96];

		snprintf(id, sizeof(id), "allow-%zu", i + 1);
		snprintf(legend, sizeof(legend),
		    "Column '%s' looks like a personal identifier (%s)", c->name, c->word);
		f.id = id;
		f.name = "allow";
		f.label = legend;
		f.hint = "Tick only if it holds no name, date of birth, CHI or other identifier; "
		         "the import then records that it was allowed in the audit log.";
		ui_checkboxes(h, &f, &opt, &c->allowed, 1);
	}
}

void
web_allow_explain(struct html *h)
{
	html_elem(h, HE_P, NULL,
	    "A column whose name looks like a personal identifier is refused, "
	    "because the return must not carry identifiers. If such a column only "
	    "looks like one (a team's name, for example), tick its box in the form "
	    "below and choose the file again: the browser does not keep it.");
}
