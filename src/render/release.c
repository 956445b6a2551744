/* The news release: see release.h. */
#include "render/release.h"

#include <assert.h>
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/embed.h"
#include "core/mem.h"
#include "core/text.h"
#include "render/docfmt.h"
#include "render/methods.h"

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

/* ---- the release template (data/models/PACK/release.json) ---- */

/* The template's text members. */
enum rt_key {
	RT_STRONG = 0,
	RT_MIXED,
	RT_WEAK,
	RT_OPENING,
	RT_KEY_FINDINGS,
	RT_WHO,
	RT_SCOPE,
	RT_EXTRACTS,
	RT_IMPROVEMENTS,
	RT_YOUNG,
	RT_LINK,
	RT_EMBARGO,
	RT_MEDIA,
	RT__MAX
};

static const struct {
	const char *key; /* member, "headline.x" inside headline */
	bool required;
} rt_keys[RT__MAX] = {
	[RT_STRONG] = { "headline.strong", true },
	[RT_MIXED] = { "headline.mixed", true },
	[RT_WEAK] = { "headline.weak", true },
	[RT_OPENING] = { "opening", false },
	[RT_KEY_FINDINGS] = { "key_findings", true },
	[RT_WHO] = { "who", true },
	[RT_SCOPE] = { "scope", false },
	[RT_EXTRACTS] = { "extracts", true },
	[RT_IMPROVEMENTS] = { "improvements", true },
	[RT_YOUNG] = { "young_inspectors", false },
	[RT_LINK] = { "link", true },
	[RT_EMBARGO] = { "embargo", true },
	[RT_MEDIA] = { "media", true },
};
_Static_assert(sizeof(rt_keys) / sizeof(rt_keys[0]) == RT__MAX, "one entry per member");

/* The placeholders a template may use. */
static const char *const rt_vars[] = { "partnership", "area", "lead", "others", "inspectors",
	"fieldwork", "grade", "published", "report_url", NULL };

struct rtemplate {
	char *text[RT__MAX]; /* NULL where an optional member is absent */
};

static void
rt_free(struct rtemplate *t)
{
	for (int i = 0; i < RT__MAX; i++)
		free(t->text[i]);
	memset(t, 0, sizeof(*t));
}

/* Checks every {placeholder} in s is known. */
static int
rt_check_vars(const char *s, const char *name, const char *key, struct cairn_err *err)
{
	for (const char *p = strchr(s, '{'); p != NULL; p = strchr(p + 1, '{')) {
		const char *e = strchr(p, '}');
		bool ok = false;

		for (size_t i = 0; e != NULL && rt_vars[i] != NULL; i++)
			ok |= strlen(rt_vars[i]) == (size_t)(e - p - 1) &&
			    strncmp(rt_vars[i], p + 1, (size_t)(e - p - 1)) == 0;
		if (!ok)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field %s: unknown placeholder '%.*s'; valid: {partnership}, "
			    "{area}, "
			    "{lead}, {others}, {inspectors}, {fieldwork}, {grade}, {published}, "
			    "{report_url}",
			    name, key, e != NULL ? (int)(e - p + 1) : (int)strlen(p), p);
	}
	return CAIRN_OK;
}

/* Parses and checks a release template. */
static int
rt_parse(const char *text, size_t len, const char *name, struct rtemplate *t, struct cairn_err *err)
{
	static const char *const top[] = { "name", "note", "sources", "headline", "opening",
		"key_findings", "who", "scope", "extracts", "improvements", "young_inspectors",
		"link", "embargo", "media", NULL };
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr), *head, *src;
	const char *k;
	json_t *v;
	int rc = CAIRN_EDATA;

	memset(t, 0, sizeof(*t));
	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: line %d column %d: %s", name, jerr.line,
		    jerr.column, jerr.text);
	if (!json_is_object(root)) {
		cairn_errf(err, CAIRN_EDATA, "%s: the top level must be an object", name);
		goto out;
	}
	json_object_foreach(root, k, v)
	{
		bool ok = false;

		for (size_t i = 0; top[i] != NULL; i++)
			ok |= strcmp(top[i], k) == 0;
		if (!ok) {
			cairn_errf(err, CAIRN_EDATA, "%s: field %s: unknown field", name, k);
			goto out;
		}
	}
	src = json_object_get(root, "sources");
	if (!json_is_array(src) || json_array_size(src) == 0) {
		cairn_errf(err, CAIRN_EDATA,
		    "%s: field sources: required, a non-empty array saying where the wording came "
		    "from",
		    name);
		goto out;
	}
	head = json_object_get(root, "headline");
	if (!json_is_object(head)) {
		cairn_errf(err, CAIRN_EDATA,
		    "%s: field headline: required, an object with strong, mixed and weak", name);
		goto out;
	}
	for (int i = 0; i < RT__MAX; i++) {
		const char *key = rt_keys[i].key;
		json_t *obj = root;

		if (strncmp(key, "headline.", 9) == 0) {
			obj = head;
			key += 9;
		}
		v = json_object_get(obj, key);
		if (v == NULL && !rt_keys[i].required)
			continue;
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) > 4000) {
			cairn_errf(err, CAIRN_EDATA,
			    "%s: field %s: required, a text of 1 to 4000 bytes", name,
			    rt_keys[i].key);
			goto out;
		}
		if (rt_check_vars(json_string_value(v), name, rt_keys[i].key, err))
			goto out;
		t->text[i] = xstrdup(json_string_value(v));
	}
	rc = CAIRN_OK;
out:
	json_decref(root);
	if (rc != CAIRN_OK)
		rt_free(t);
	return rc;
}

int
release_template_check(const char *text, size_t len, const char *name, struct cairn_err *err)
{
	struct rtemplate t;
	int rc = rt_parse(text, len, name, &t, err);

	rt_free(&t);
	return rc;
}

/* The values of the placeholders for one dossier. */
struct rt_vals {
	const char *v[16]; /* by index in rt_vars */
};

/* Writes s with its placeholders filled from vals; a placeholder whose
 * value is unknown (NULL) drops the " between " before it too. */
static void
rt_put(struct buf *b, const char *s, const struct rt_vals *vals)
{
	while (*s != '\0') {
		const char *e;
		size_t i;

		if (*s != '{' || (e = strchr(s, '}')) == NULL) {
			buf_putc(b, *s++);
			continue;
		}
		for (i = 0; rt_vars[i] != NULL; i++)
			if (strlen(rt_vars[i]) == (size_t)(e - s - 1) &&
			    strncmp(rt_vars[i], s + 1, (size_t)(e - s - 1)) == 0)
				break;
		if (rt_vars[i] == NULL) {
			buf_putc(b, *s++);
			continue;
		}
		if (vals->v[i] != NULL)
			buf_puts(b, vals->v[i]);
		else if (b->len >= 9 && strcmp(buf_str(b) + b->len - 9, " between ") == 0)
			b->len -= 9;
		s = e + 1;
	}
}

/* Index of placeholder name in rt_vars. */
static size_t
rt_var(const char *name)
{
	size_t i;

	for (i = 0; rt_vars[i] != NULL; i++)
		if (strcmp(rt_vars[i], name) == 0)
			break;
	assert(rt_vars[i] != NULL);
	return i;
}

/* Writes the quoted findings of one kind, one a line. */
static void
put_extracts(struct buf *b, const struct dossier *d, enum finding_kind kind, const char *head)
{
	bool any = false;

	for (size_t i = 0; i < d->nfindings; i++) {
		if (d->findings[i].kind != kind)
			continue;
		if (!any)
			buf_printf(b, "\n%s\n", head);
		any = true;
		buf_printf(b, "- \u201c%s\u201d\n", d->findings[i].text);
	}
}

/* The methods paragraph: how inspectors reached their findings. */
static void
put_methods(struct buf *b, const struct dossier *d)
{
	const struct inspection *in = &d->in;

	buf_puts(b, "\n");
	methods_prose(&d->methods, b); /* from the data, as the report says it */
	buf_puts(b, "\n");
	if (in->nmethods > 0) {
		buf_puts(b, "\nInspectors also:\n");
		for (size_t i = 0; i < in->nmethods; i++)
			buf_printf(b, "- %s\n", in->methods[i]);
	}
}

/* Which headline fits the grades: strong when every grade is good or
 * better, weak when any is weak or below, else mixed. */
static enum rt_key
headline_of(const struct dossier *d)
{
	const struct scale *sc = &d->fw.scale;
	int good = 0, weak = 0, lowest = 0;

	for (size_t l = 0; l < sc->nlevels; l++) {
		if (text_casecmp(sc->levels[l].label, "Good") == 0)
			good = sc->levels[l].value;
		if (text_casecmp(sc->levels[l].label, "Weak") == 0)
			weak = sc->levels[l].value;
	}
	if (good == 0 && sc->nlevels > 0)
		good = sc->levels[sc->nlevels / 2 > 0 ? sc->nlevels / 2 - 1 : 0].value;
	if (weak == 0 && sc->nlevels > 1)
		weak = sc->levels[sc->nlevels - 2].value;
	for (size_t i = 0; i < d->nevals; i++)
		if (i == 0 || d->evals[i].grade < lowest)
			lowest = d->evals[i].grade;
	if (lowest >= good)
		return RT_STRONG;
	if (lowest <= weak)
		return RT_WEAK;
	return RT_MIXED;
}

/* Finds the shipped template for framework code (or the default). */
static const struct embed_file *
template_for(const char *code)
{
	char name[160];
	const struct embed_file *f;

	snprintf(name, sizeof(name), "models/%s/release.json", code);
	if ((f = embed_find(name)) == NULL)
		f = embed_find("models/default/release.json");
	return f;
}

int
release_build(const struct dossier *d, struct release *r, struct cairn_err *err)
{
	const struct embed_file *f = template_for(d->fw.code);

	if (d->release_template != NULL)
		return release_build_from(d, d->release_template, strlen(d->release_template),
		    "the pack's release.json", r, err);
	if (f == NULL)
		return cairn_errf(err, CAIRN_ESOFTWARE, "no release template is built in");
	return release_build_from(d, f->data, f->len, f->name, r, err);
}

int
release_build_from(const struct dossier *d, const char *tpl, size_t tpl_len, const char *tpl_name,
    struct release *r, struct cairn_err *err)
{
	const struct inspection *in = &d->in;
	struct buf b = BUF_INIT, lead = BUF_INIT, others = BUF_INIT, insp = BUF_INIT,
	           dates = BUF_INIT, pub = BUF_INIT;
	struct rtemplate t;
	struct rt_vals vals = { { NULL } };
	char area[PARTNERSHIP_AREA_MAX], grade[128];
	bool opening;
	int rc;

	memset(r, 0, sizeof(*r));
	if (d->nevals == 0)
		return cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld has no graded indicators yet; grade them first", in->id);
	if ((rc = rt_parse(tpl, tpl_len, tpl_name, &t, err)) != CAIRN_OK)
		return rc;
	r->indicator_count = d->nevals;
	r->nlevels = d->fw.scale.nlevels;
	r->counts = xcalloc(r->nlevels, sizeof(size_t));
	count_levels(d, r->counts);
	r->summary = release_summary(d);

	/* The placeholders' values. */
	if (in->nagencies > 0) {
		buf_printf(&lead, "The %s", in->agencies[0]);
		put_list(&others, in->agencies + 1, in->nagencies - 1);
		buf_printf(&insp, "the %s", in->agencies[0]);
		if (in->nagencies > 1)
			buf_printf(&insp, " with %s", buf_str(&others));
	} else {
		buf_puts(&lead, "The inspectorate");
		buf_puts(&insp, "the inspectorate");
	}
	if (in->fieldwork_from[0] && in->fieldwork_to[0]) {
		/* "25 April and 10 June 2016", as the releases write it. */
		put_date(&dates, in->fieldwork_from);
		if (strncmp(in->fieldwork_from, in->fieldwork_to, 4) == 0 && dates.len > 5 &&
		    memcmp(buf_str(&dates) + dates.len - 4, in->fieldwork_to, 4) == 0)
			dates.len -= 5;
		buf_puts(&dates, " and ");
		put_date(&dates, in->fieldwork_to);
	}
	if (in->published[0])
		put_date(&pub, in->published);
	text_lower(d->nevals == 1 ? scale_level_of(&d->fw.scale, d->evals[0].grade)->label : "",
	    grade, sizeof(grade));
	vals.v[rt_var("partnership")] = in->partnership;
	vals.v[rt_var("area")] = partnership_area(in->partnership, area, sizeof(area));
	vals.v[rt_var("lead")] = buf_str(&lead);
	vals.v[rt_var("others")] = buf_str(&others);
	vals.v[rt_var("inspectors")] = buf_str(&insp);
	vals.v[rt_var("fieldwork")] = dates.len ? buf_str(&dates) : NULL;
	vals.v[rt_var("grade")] = grade;
	vals.v[rt_var("published")] = pub.len ? buf_str(&pub) : NULL;
	vals.v[rt_var("report_url")] = d->report_url;

	/* The embargo line, the title and the headline finding. */
	if (d->embargo_line != NULL)
		buf_puts(&b, d->embargo_line);
	else if (in->published[0])
		rt_put(&b, t.text[RT_EMBARGO], &vals);
	else
		buf_puts(&b, "EMBARGOED: not for publication until the report is published");
	buf_printf(&b, "\n\n%s\n\n", in->title);
	opening = t.text[RT_OPENING] != NULL && d->nevals == 1 && in->nagencies > 1;
	rt_put(&b, opening ? t.text[RT_OPENING] : t.text[headline_of(d)], &vals);
	buf_puts(&b, "\n\n");
	rt_put(&b, t.text[RT_KEY_FINDINGS], &vals);
	buf_puts(&b, "\n\n");
	rt_put(&b, t.text[RT_WHO], &vals);
	buf_puts(&b, "\n");
	if (t.text[RT_SCOPE] != NULL) {
		buf_puts(&b, "\n");
		rt_put(&b, t.text[RT_SCOPE], &vals);
		buf_puts(&b, "\n");
	}
	/* The grade count and the named indicators, from the stored grades. */
	buf_printf(&b, "\n%s\n", r->summary);
	put_methods(&b, d);
	if (d->young_inspectors > 0 && t.text[RT_YOUNG] != NULL) {
		buf_puts(&b, "\n");
		rt_put(&b, t.text[RT_YOUNG], &vals);
		buf_puts(&b, "\n");
	}
	put_extracts(&b, d, FINDING_STRENGTH, t.text[RT_EXTRACTS]);
	put_extracts(&b, d, FINDING_IMPROVEMENT, t.text[RT_IMPROVEMENTS]);
	if (in->confidence != CONFIDENCE_NONE) {
		buf_printf(&b, "\nConfidence statement: %s.",
		    confidence_table[in->confidence].label);
		if (in->confidence_text != NULL)
			buf_printf(&b, " %s", in->confidence_text);
		buf_putc(&b, '\n');
	}
	if (d->quote != NULL && d->quote_by != NULL)
		buf_printf(&b, "\n%s, said: \u201c%s\u201d\n", d->quote_by, d->quote);
	if (d->report_url != NULL) {
		buf_puts(&b, "\n");
		rt_put(&b, t.text[RT_LINK], &vals);
		buf_puts(&b, "\n");
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
	if (d->media_contact != NULL)
		buf_printf(&b, "Media enquiries: %s", d->media_contact);
	else
		rt_put(&b, t.text[RT_MEDIA], &vals);
	buf_puts(&b, "\n");
	rt_free(&t);
	buf_free(&lead);
	buf_free(&others);
	buf_free(&insp);
	buf_free(&dates);
	buf_free(&pub);
	if (buf_failed(&b)) {
		buf_free(&b);
		release_free(r);
		return cairn_errf(err, CAIRN_ESOFTWARE, "the release is too long");
	}
	/* a bidirectional control in a name or a quote is shown, not obeyed */
	{
		char *raw = buf_take(&b);

		r->text = text_bidi_shown(raw);
		free(raw);
	}
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

void
release_parts_read(const char *text, size_t len, struct release_parts *out)
{
	size_t i = 0, k = 0;

	assert(text != NULL && out != NULL);
	memset(out, 0, sizeof(*out));
	while (i < len) {
		size_t start = i, end;
		char *para;

		while (i < len && !(text[i] == '\n' && i + 1 < len && text[i + 1] == '\n'))
			i++;
		end = i;
		while (i < len && text[i] == '\n')
			i++;
		/* A block of only spaces is no paragraph; a final newline is trimmed. */
		while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r'))
			end--;
		para = xstrndup(text + start, end - start);
		if (para[strspn(para, " \t\r\n")] == '\0') {
			free(para);
			continue;
		}
		if (k == 0)
			out->embargo = para;
		else if (k == 1)
			out->title = para;
		else {
			out->paras =
			    xreallocarray(out->paras, out->nparas + 1, sizeof(*out->paras));
			out->paras[out->nparas++] = para;
		}
		k++;
	}
}

void
release_parts_free(struct release_parts *p)
{
	if (p == NULL)
		return;
	free(p->embargo);
	free(p->title);
	for (size_t i = 0; i < p->nparas; i++)
		free(p->paras[i]);
	free(p->paras);
	memset(p, 0, sizeof(*p));
}

void
release_parts_md(const struct release_parts *p, struct buf *out)
{
	if (p->embargo != NULL) {
		buf_puts(out, "**");
		docfmt_md_text(out, p->embargo);
		buf_puts(out, "**\n\n");
	}
	if (p->title != NULL) {
		buf_puts(out, "# ");
		docfmt_md_text(out, p->title);
		buf_puts(out, "\n\n");
	}
	for (size_t i = 0; i < p->nparas; i++) {
		docfmt_md_text(out, p->paras[i]);
		buf_puts(out, "\n\n");
	}
}
