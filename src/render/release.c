/* The news release: see release.h. */
#include "render/release.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/text.h"

/* Writes a level label as it reads in a sentence: "very good". */
static void
put_label(struct buf *b, const struct scale_level *l)
{
	char lower[128];

	text_lower(l->label, lower, sizeof(lower));
	buf_printf(b, "\"%s\"", lower);
}

/* Writes a count in words. */
static void
put_count(struct buf *b, size_t n)
{
	char w[32];

	buf_puts(b, text_number_word((long)n, w, sizeof(w)));
}

/* Writes the separator before item i of n in a list: ", " or " and ". */
static void
put_sep(struct buf *b, size_t i, size_t n)
{
	if (i == 0)
		return;
	buf_puts(b, i == n - 1 ? " and " : ", ");
}

/* Counts the grades of d at each scale level (counts has nlevels slots). */
static void
count_levels(const struct dossier *d, size_t *counts)
{
	for (size_t l = 0; l < d->fw.scale.nlevels; l++)
		counts[l] = 0;
	for (size_t i = 0; i < d->nevals; i++)
		for (size_t l = 0; l < d->fw.scale.nlevels; l++)
			if (d->fw.scale.levels[l].value == d->evals[i].grade)
				counts[l]++;
}

/* Writes the indicators graded at level l: '"Title" (code)' joined. */
static void
put_named(struct buf *b, const struct dossier *d, size_t l, size_t count)
{
	const struct scale_level *lv = &d->fw.scale.levels[l];
	size_t k = 0;

	buf_puts(b, count == 1 ? " The indicator evaluated as " : " The indicators evaluated as ");
	put_label(b, lv);
	buf_puts(b, count == 1 ? " was " : " were ");
	for (size_t i = 0; i < d->nevals; i++) {
		const struct qi *q;

		if (d->evals[i].grade != lv->value)
			continue;
		q = framework_qi(&d->fw, d->evals[i].qi);
		put_sep(b, k++, count);
		buf_printf(b, "\"%s\" (%s)", q != NULL ? q->title : d->evals[i].qi, d->evals[i].qi);
	}
	buf_putc(b, '.');
}

char *
release_summary(const struct dossier *d)
{
	const struct scale *sc = &d->fw.scale;
	struct buf b = BUF_INIT;
	size_t *counts = xcalloc(sc->nlevels, sizeof(size_t));
	size_t present = 0, k = 0, n = d->nevals;

	count_levels(d, counts);
	for (size_t l = 0; l < sc->nlevels; l++)
		present += counts[l] > 0;
	if (n == 0) {
		buf_puts(&b, "No quality indicators have been evaluated yet.");
		goto out;
	}
	if (n == 1) {
		const struct qi *q = framework_qi(&d->fw, d->evals[0].qi);

		buf_puts(&b, "Inspectors evaluated one quality indicator, ");
		buf_printf(&b, "\"%s\" (%s), as ", q != NULL ? q->title : d->evals[0].qi,
		    d->evals[0].qi);
		put_label(&b, scale_level_of(sc, d->evals[0].grade));
		buf_putc(&b, '.');
		goto out;
	}
	buf_puts(&b, "Across ");
	put_count(&b, n);
	buf_puts(&b, " quality indicators, inspectors found ");
	if (present == 1) {
		buf_puts(&b, n == 2 ? "both" : "all ");
		if (n != 2)
			put_count(&b, n);
		buf_puts(&b, " were ");
		put_label(&b, scale_level_of(sc, d->evals[0].grade));
		buf_putc(&b, '.');
	} else {
		for (size_t l = 0; l < sc->nlevels; l++) {
			if (counts[l] == 0)
				continue;
			if (k == 1)
				buf_puts(&b, " while ");
			else if (k > 1)
				buf_puts(&b, k == present - 1 ? " and " : ", ");
			put_count(&b, counts[l]);
			buf_puts(&b, counts[l] == 1 ? " was " : " were ");
			put_label(&b, &sc->levels[l]);
			k++;
		}
		buf_putc(&b, '.');
	}
	/* Name the indicators at the top level, then at the bottom two. */
	if (counts[0] > 0 && sc->nlevels > 2)
		put_named(&b, d, 0, counts[0]);
	for (size_t l = sc->nlevels - 2; l < sc->nlevels; l++)
		if (counts[l] > 0)
			put_named(&b, d, l, counts[l]);
out:
	free(counts);
	return buf_take(&b);
}

/* Writes "A, B and C". */
static void
put_list(struct buf *b, char **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		put_sep(b, i, n);
		buf_puts(b, v[i]);
	}
}

/* Writes a date "YYYY-MM-DD" in long form. */
static void
put_date(struct buf *b, const char *iso)
{
	struct cdate d;
	char out[32];

	if (!date_parse(iso, &d)) {
		buf_puts(b, iso);
		return;
	}
	date_long(&d, out, sizeof(out));
	buf_puts(b, out);
}

/* Writes the findings of one kind as a bulleted list. */
static void
put_findings(struct buf *b, const struct dossier *d, enum finding_kind kind, const char *head)
{
	bool any = false;

	for (size_t i = 0; i < d->nfindings; i++) {
		if (d->findings[i].kind != kind)
			continue;
		if (!any)
			buf_printf(b, "\n%s\n", head);
		any = true;
		buf_printf(b, "- %s\n", d->findings[i].text);
	}
}

int
release_build(const struct dossier *d, struct release *r, struct cairn_err *err)
{
	const struct inspection *in = &d->in;
	struct buf b = BUF_INIT;

	memset(r, 0, sizeof(*r));
	if (d->nevals == 0)
		return cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld has no graded indicators yet; grade them first", in->id);
	r->indicator_count = d->nevals;
	r->nlevels = d->fw.scale.nlevels;
	r->counts = xcalloc(r->nlevels, sizeof(size_t));
	count_levels(d, r->counts);
	r->summary = release_summary(d);

	buf_printf(&b, "%s\n\n", in->title);
	buf_printf(&b, "%s\n\n", r->summary);
	if (in->nagencies > 0) {
		buf_puts(&b, "The ");
		put_list(&b, in->agencies, in->nagencies);
		buf_puts(&b, in->nagencies == 1 ? " inspected" : " jointly inspected");
	} else {
		buf_puts(&b, "Inspectors inspected");
	}
	buf_printf(&b,
	    " services for children and young people in the %s community planning "
	    "partnership area",
	    in->partnership);
	if (in->fieldwork_from[0] && in->fieldwork_to[0]) {
		buf_puts(&b, " between ");
		put_date(&b, in->fieldwork_from);
		buf_puts(&b, " and ");
		put_date(&b, in->fieldwork_to);
	}
	buf_puts(&b, ".\n");
	if (in->nmethods > 0) {
		buf_puts(&b, "\nTo reach their findings, inspectors used these methods:\n");
		for (size_t i = 0; i < in->nmethods; i++)
			buf_printf(&b, "- %s\n", in->methods[i]);
	}
	put_findings(&b, d, FINDING_STRENGTH, "Inspectors found these particular strengths:");
	put_findings(&b, d, FINDING_IMPROVEMENT,
	    "Inspectors identified these areas for improvement:");
	if (in->confidence != CONFIDENCE_NONE) {
		buf_printf(&b, "\nConfidence statement: %s.",
		    confidence_table[in->confidence].label);
		if (in->confidence_text != NULL)
			buf_printf(&b, " %s", in->confidence_text);
		buf_putc(&b, '\n');
	}
	if (in->published[0]) {
		buf_puts(&b, "\nThe report was published on ");
		put_date(&b, in->published);
		buf_puts(&b, ".\n");
	}
	buf_puts(&b, "\nNotes to editors: the grades use the ");
	buf_puts(&b, d->fw.scale.name);
	buf_puts(&b, " (");
	for (size_t l = 0; l < d->fw.scale.nlevels; l++)
		buf_printf(&b, "%s%d %s", l ? ", " : "", d->fw.scale.levels[l].value,
		    d->fw.scale.levels[l].label);
	buf_printf(&b, ") of the framework \"%s\".\n", d->fw.title);
	if (buf_failed(&b)) {
		buf_free(&b);
		release_free(r);
		return cairn_errf(err, CAIRN_ESOFTWARE, "the release is too long");
	}
	r->text = buf_take(&b);
	return CAIRN_OK;
}

void
release_free(struct release *r)
{
	if (r == NULL)
		return;
	free(r->counts);
	free(r->summary);
	free(r->text);
	memset(r, 0, sizeof(*r));
}
