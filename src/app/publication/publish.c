/* Published outputs: see publish.h. */
#include "app/publication/publish.h"

#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/file.h"
#include "app/access/authz.h"
#include "app/evaluation/evidence.h"
#include "app/outcomes/context.h"
#include "app/publication/disclose.h"
#include "app/publication/signoff.h"
#include "app/setup/inspection.h"
#include "app/setup/stage.h"
#include "app/evaluation/dossier.h"
#include "core/date.h"
#include "core/mem.h"
#include "render/doc.h"
#include "render/docfmt.h"
#include "render/markdown.h"
#include "render/pdf.h"
#include "render/release.h"
#include "render/dossier.h"
#include "render/xlsx.h"
#include "core/text.h"
#include "store/publication.h"
#include "store/release_text.h"
#include "store/store.h"
#include "store/work.h"

const char *const publish_format_name[PUB_FORMAT__MAX] = {
	[PUB_PDF] = "pdf",
	[PUB_HTML] = "html",
	[PUB_MD] = "md",
	[PUB_JSON] = "json",
	[PUB_XLSX] = "xlsx",
	[PUB_CSV] = "csv",
};
_Static_assert(sizeof(publish_format_name) / sizeof(publish_format_name[0]) == PUB_FORMAT__MAX,
    "publish_format_name: one entry per value");

/* Writes the workbook of doc into out, through a temporary file (the
 * library writes only to files). */
int
publish_xlsx_bytes(const struct doc *doc, struct buf *out, struct cairn_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096], *data = NULL;
	size_t len = 0;
	int fd, rc;

	snprintf(path, sizeof(path), "%s/cairn-xlsx.XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot create a temporary file in %s: %s",
		    tmp != NULL && tmp[0] ? tmp : "/tmp", strerror(errno));
	close(fd);
	if ((rc = xlsx_write(doc, path, err)) == CAIRN_OK &&
	    (rc = file_read_all(path, BUF_DEFAULT_MAX, &data, &len, err)) == CAIRN_OK)
		buf_append(out, data, len);
	free(data);
	unlink(path);
	return rc;
}

/* Writes the built document doc of dossier d in format into out (the
 * formats publish_render writes). */
static int
render_doc(const struct dossier *d, const struct doc *doc, enum publish_format format,
    struct buf *out, struct cairn_err *err)
{
	int rc = CAIRN_OK;

	switch (format) {
	case PUB_PDF: rc = pdf_write(doc, out, err); break;
	case PUB_HTML: docfmt_html(doc, out); break;
	case PUB_MD: docfmt_md(doc, out); break;
	case PUB_JSON: {
		/* The dossier's data, and every table and chart of the document
		 * (with disclosure control already applied). */
		json_t *o = dossier_json(d);
		char *text;

		json_object_set_new(o, "report", docfmt_json(doc));
		text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		buf_puts(out, text);
		buf_putc(out, '\n');
		free(text);
		json_decref(o);
		break;
	}
	case PUB_XLSX: rc = publish_xlsx_bytes(doc, out, err); break;
	case PUB_CSV: docfmt_csv(doc, out); break;
	case PUB_FORMAT__MAX: break;
	}
	if (rc == CAIRN_OK && buf_failed(out))
		rc = cairn_errf(err, CAIRN_ESOFTWARE, "the %s output is too large",
		    publish_format_name[format]);
	return rc;
}

int
publish_render(struct store *st, const struct dossier *d, const struct publish_request *r,
    struct buf *out, struct cairn_err *err)
{
	struct report_settings set;
	struct doc doc;
	int rc;

	memset(&doc, 0, sizeof(doc));
	if ((rc = report_settings_load(st, d->in.id, &set, err)) != CAIRN_OK)
		return rc;
	if (r->area != NULL) {
		free(set.area);
		set.area = xstrdup(r->area);
	}
	if ((rc = report_model_build(st, d, &set, r->audience, r->version, &doc, err)) == CAIRN_OK)
		rc = render_doc(d, &doc, r->format, out, err);
	doc_free(&doc);
	report_settings_free(&set);
	return rc;
}

int
publish_export(struct store *st, const struct actor *who, const struct publish_request *r,
    struct buf *out, struct cairn_err *err)
{
	struct dossier d;
	int rc;

	if ((rc = app_dossier_load(st, r->id, &d, err)) != CAIRN_OK)
		return rc;
	if ((rc = publish_render(st, &d, r, out, err)) != CAIRN_OK)
		goto out;
	if (r->audience == REPORT_INTERNAL) {
		char detail[128];

		snprintf(detail, sizeof(detail), "%s %s %s", publish_format_name[r->format],
		    report_audience_name[r->audience], report_version_name[r->version]);
		if ((rc = store_begin(st, err)) != CAIRN_OK)
			goto out;
		rc = audit_record(st, who, "report.export", r->id, "internal report", detail, err);
		if (rc == CAIRN_OK)
			rc = store_commit(st, err);
		else
			store_rollback(st);
	}
out:
	dossier_free(&d);
	return rc;
}

/* ---- checks and freezing ---- */

/* One file of the published bundle. */
struct bundle_file {
	const char *name;            /* file name */
	enum publish_format format;  /* PUB_FORMAT__MAX for the news release */
	enum report_version version; /* full or young people's */
};

/* The published bundle: every file a publication freezes. */
static const struct bundle_file bundle[] = {
	{ "report.pdf", PUB_PDF, REPORT_FULL },
	{ "report.html", PUB_HTML, REPORT_FULL },
	{ "report.xlsx", PUB_XLSX, REPORT_FULL },
	{ "report.csv", PUB_CSV, REPORT_FULL },
	{ "report.json", PUB_JSON, REPORT_FULL },
	{ "young-people.pdf", PUB_PDF, REPORT_YOUNG_PEOPLE },
	{ "young-people.html", PUB_HTML, REPORT_YOUNG_PEOPLE },
	{ "release.txt", PUB_FORMAT__MAX, REPORT_FULL },
};
#define BUNDLE_N (sizeof(bundle) / sizeof(bundle[0]))

void
publish_result_free(struct publish_result *r)
{
	for (size_t i = 0; i < r->nfiles; i++)
		free(r->files[i].name);
	free(r->files);
	memset(r, 0, sizeof(*r));
}

/* Appends a failure line. */
static void fail(struct buf *failures, size_t *nfail, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
fail(struct buf *failures, size_t *nfail, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(failures, fmt, ap);
	va_end(ap);
	buf_putc(failures, '\n');
	(*nfail)++;
}

/* Checks a piece of narrative Markdown. */
static void
check_markdown(const char *what, const char *md, struct buf *failures, size_t *nfail)
{
	struct buf p = BUF_INIT;

	if (md != NULL && markdown_check(md, &p) > 0) {
		const char *line = buf_str(&p);

		while (*line) {
			const char *end = strchr(line, '\n');
			int n = end != NULL ? (int)(end - line) : (int)strlen(line);

			fail(failures, nfail, "%s: %.*s", what, n, line);
			line = end != NULL ? end + 1 : line + n;
		}
	}
	buf_free(&p);
}

/* Appends every text of a document to b (what the PDF prints). */
static void
doc_texts(const struct doc *d, struct buf *b)
{
	buf_puts(b, d->title);
	buf_putc(b, '\n');
	buf_puts(b, d->summary);
	buf_putc(b, '\n');
	for (size_t s = 0; s < d->nsections; s++) {
		const struct doc_section *sec = &d->sections[s];

		buf_puts(b, sec->title);
		buf_putc(b, '\n');
		for (size_t k = 0; k < sec->nblocks; k++) {
			const struct doc_block *bl = &sec->blocks[k];

			buf_puts(b, bl->text);
			for (size_t i = 0; i < bl->nitems; i++) {
				buf_puts(b, bl->items[i]);
				buf_putc(b, '\n');
			}
			if (bl->table != NULL) {
				buf_puts(b, bl->table->caption);
				for (size_t i = 0; i < bl->table->nrows * bl->table->ncols; i++) {
					buf_puts(b, bl->table->cells[i]);
					buf_putc(b, '\n');
				}
			}
			if (bl->chart != NULL) {
				buf_puts(b, bl->chart->title);
				buf_puts(b, bl->chart->desc);
				for (size_t i = 0; i < bl->chart->n; i++) {
					buf_puts(b, bl->chart->labels[i]);
					buf_putc(b, '\n');
				}
			}
			buf_putc(b, '\n');
		}
	}
}

/* Renders one bundle file into out. */
static int
bundle_render(struct store *st, const struct dossier *d, const struct bundle_file *f,
    struct buf *out, struct cairn_err *err)
{
	struct publish_request r = { d->in.id, f->format, REPORT_PUBLIC, f->version, NULL };
	struct release rel;
	int rc;

	if (f->format != PUB_FORMAT__MAX)
		return publish_render(st, d, &r, out, err);
	if ((rc = release_build(d, &rel, err)) != CAIRN_OK)
		return rc;
	buf_puts(out, rel.text);
	release_free(&rel);
	return CAIRN_OK;
}

/*
 * The checks on a loaded dossier.  When texts is not NULL it receives the
 * rendered text of every public output (for the child reference check).
 */
static int
check_dossier(struct store *st, const struct dossier *d, struct buf *failures, size_t *nfail,
    struct cairn_err *err)
{
	const struct inspection *in = &d->in;
	char **refs = NULL;
	size_t nrefs = 0, nstrength = 0, nimprove = 0, ndocs = 0;
	struct buf texts = BUF_INIT;
	struct doc docs[REPORT_VERSION__MAX];
	int rc;

	*nfail = 0;
	memset(docs, 0, sizeof(docs));
	if (!in->published[0])
		fail(failures, nfail,
		    "the publication date is not set (it is set with the inspection's details)");
	for (size_t i = 0; i < d->fw.nqis; i++)
		if (d->fw.qis[i].evaluated && dossier_grade(d, d->fw.qis[i].code) == NULL)
			fail(failures, nfail, "quality indicator %s (%s) is not evaluated",
			    d->fw.qis[i].code, d->fw.qis[i].title);
	{
		struct signoff_status so;

		if ((rc = app_signoff_status(st, in->id, &so, err)) != CAIRN_OK)
			return rc;
		if (so.required && !so.standing && so.voided)
			fail(failures, nfail,
			    "the panel's sign-off was withdrawn on %s because %s; the panel must "
			    "sign "
			    "off again",
			    so.voided_long, so.void_reason);
		else if (so.required && !so.standing)
			fail(failures, nfail,
			    "the Quality and Consistency Panel has not signed off the evaluations");
		signoff_status_free(&so);
	}
	if (in->confidence == CONFIDENCE_NONE)
		fail(failures, nfail, "the confidence statement has not been made");
	for (size_t i = 0; i < d->nfindings; i++) {
		nstrength += d->findings[i].kind == FINDING_STRENGTH;
		nimprove += d->findings[i].kind == FINDING_IMPROVEMENT;
	}
	if (nstrength == 0)
		fail(failures, nfail,
		    "no particular strength is recorded (add one to the findings)");
	if (nimprove == 0)
		fail(failures, nfail,
		    "no area for improvement is recorded (add one to the findings)");
	check_markdown("the context", in->context, failures, nfail);
	check_markdown("the confidence statement", in->confidence_text, failures, nfail);
	for (size_t i = 0; i < d->nevals; i++) {
		char what[64];

		snprintf(what, sizeof(what), "the evaluation of %s", d->evals[i].qi);
		check_markdown(what, d->evals[i].rationale, failures, nfail);
	}
	if (d->nevals == 0) {
		/* Nothing to render the release from; the checks above say why. */
		return CAIRN_OK;
	}

	/* No child's reference anywhere in any public output. */
	if ((rc = report_child_refs(st, in->id, &refs, &nrefs, err)) != CAIRN_OK)
		return rc;
	/* Each version's document is built once and every text output is
	 * written from it, as bundle_render would write it (issue 17: it was
	 * built again for each output), in the same order. */
	for (size_t v = 0; v < REPORT_VERSION__MAX && nrefs > 0; v++) {
		struct report_settings set;

		if ((rc = report_settings_load(st, in->id, &set, err)) != CAIRN_OK)
			goto out;
		rc = report_model_build(st, d, &set, REPORT_PUBLIC, (enum report_version)v,
		    &docs[v], err);
		report_settings_free(&set);
		ndocs = v + 1;
		if (rc != CAIRN_OK)
			goto out;
		doc_texts(&docs[v], &texts);
	}
	for (size_t f = 0; f < BUNDLE_N && nrefs > 0; f++) {
		if (bundle[f].format == PUB_PDF || bundle[f].format == PUB_XLSX)
			continue; /* compressed: their text is the documents' checked above */
		if (bundle[f].format != PUB_FORMAT__MAX)
			rc = render_doc(d, &docs[bundle[f].version], bundle[f].format, &texts, err);
		else
			rc = bundle_render(st, d, &bundle[f], &texts, err);
		if (rc != CAIRN_OK)
			goto out;
	}
	{
		long hit;

		/* Refs are compared ignoring ASCII case: "t056" in a narrative is
		 * child T056 (the population import treats c1 and C1 as one child). */
		for (size_t i = 0; i < texts.len; i++)
			if (texts.data[i] >= 'A' && texts.data[i] <= 'Z')
				texts.data[i] = (char)(texts.data[i] + ('a' - 'A'));
		for (size_t i = 0; i < nrefs; i++)
			for (char *c = refs[i]; c != NULL && *c != '\0'; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c + ('a' - 'A'));
		hit = disclose_find_ref(buf_str(&texts), texts.len, refs, nrefs);

		if (hit >= 0)
			fail(failures, nfail,
			    "a child's reference appears in a public output (one of "
			    "%zu references known); remove it from the narrative or findings",
			    nrefs);
	}
	rc = CAIRN_OK;
out:
	for (size_t v = 0; v < ndocs; v++)
		doc_free(&docs[v]);
	strv_free(refs, nrefs);
	buf_free(&texts);
	return rc;
}

int
publish_check(struct store *st, long id, struct buf *failures, size_t *nfail, struct cairn_err *err)
{
	struct dossier d;
	int rc;

	if ((rc = app_dossier_load(st, id, &d, err)) != CAIRN_OK)
		return rc;
	rc = check_dossier(st, &d, failures, nfail, err);
	dossier_free(&d);
	return rc;
}

/* Writes hex SHA-256 of data into out. */
static void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Writes files and a SHA256SUMS manifest into dir. */
static int
write_dir(const char *dir, const struct publish_result *res, struct buf *const *data,
    struct cairn_err *err)
{
	struct buf sums = BUF_INIT;
	char path[4096];
	int rc = CAIRN_OK;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot create %s: %s", dir,
		    strerror(errno));
	for (size_t i = 0; i < res->nfiles && rc == CAIRN_OK; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, res->files[i].name);
		rc = file_write_atomic(path, buf_str(data[i]), data[i]->len, err);
		buf_printf(&sums, "%s  %s\n", res->files[i].sha256, res->files[i].name);
	}
	if (rc == CAIRN_OK) {
		snprintf(path, sizeof(path), "%s/SHA256SUMS", dir);
		rc = file_write_atomic(path, buf_str(&sums), sums.len, err);
	}
	buf_free(&sums);
	return rc;
}

int
publish_freeze(struct store *st, const struct actor *who, long id, const char *supersede_reason,
    const char *outdir, struct publish_result *res, struct buf *failures, struct cairn_err *err)
{
	struct dossier d;
	struct publication *pubs = NULL, p;
	size_t npubs = 0, nfail = 0;
	struct buf *data[BUNDLE_N];
	char detail[256], stage_from[64] = "";
	bool move_stage = false;
	int rc;

	memset(res, 0, sizeof(*res));
	memset(data, 0, sizeof(data));
	memset(&p, 0, sizeof(p));
	if (supersede_reason != NULL &&
	    supersede_reason[strspn(supersede_reason, " \t\r\n")] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "reason",
		    "the reason must say why the published report is "
		    "superseded");
	if (supersede_reason != NULL &&
	    (strlen(supersede_reason) > 2000 ||
	        !text_utf8_valid(supersede_reason, strlen(supersede_reason))))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "reason",
		    "the reason must be UTF-8 text of at most 2000 "
		    "bytes");
	if (text_has_unreadable(supersede_reason))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "reason",
		    "the reason %s", text_unreadable_msg);
	if ((rc = app_dossier_load(st, id, &d, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_publication_list(st, id, &pubs, &npubs, err)) != CAIRN_OK)
		goto out;
	if (npubs > 0 && supersede_reason == NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "supersede",
		    "inspection %ld is already published as version %ld "
		    "(%s); a published report is never changed: publish a new version that "
		    "supersedes it, giving the reason",
		    id, pubs[npubs - 1].version, pubs[npubs - 1].at);
		goto out;
	}
	if (npubs == 0 && supersede_reason != NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "supersede",
		    "inspection %ld has no published version to "
		    "supersede; publish it as a first version",
		    id);
		goto out;
	}
	if ((rc = check_dossier(st, &d, failures, &nfail, err)) != CAIRN_OK)
		goto out;
	if (nfail > 0) {
		rc = cairn_errf(err, CAIRN_EDATA, "%zu check%s failed; nothing was published",
		    nfail, nfail == 1 ? "" : "s");
		goto out;
	}

	/* Render the bundle. */
	res->files = xcalloc(BUNDLE_N, sizeof(*res->files));
	for (size_t f = 0; f < BUNDLE_N; f++) {
		data[f] = xcalloc(1, sizeof(*data[f]));
		if ((rc = bundle_render(st, &d, &bundle[f], data[f], err)) != CAIRN_OK)
			goto out;
		res->files[f].name = xstrdup(bundle[f].name);
		res->files[f].size = data[f]->len;
		sha256_hex(buf_str(data[f]), data[f]->len, res->files[f].sha256);
		res->nfiles++;
	}

	/* Freeze: version, files and audit entry in one transaction. */
	p.inspection = id;
	p.version = npubs > 0 ? pubs[npubs - 1].version + 1 : 1;
	p.supersedes = npubs > 0 ? pubs[npubs - 1].id : 0;
	store_now(p.at);
	p.actor = (char *)(uintptr_t)who->name;
	p.reason = supersede_reason != NULL ? (char *)(uintptr_t)supersede_reason : NULL;
	/* Publishing moves the stage to "published" (if the plan has it and the
	 * inspection has not reached it), on the day it is frozen. */
	{
		struct stage_state ss;
		int k;

		if ((rc = app_stage_state(st, id, &ss, err)) != CAIRN_OK)
			goto out;
		k = stage_plan_find(&ss.plan, "published");
		if (k >= 0 && ss.current < (size_t)k) {
			snprintf(stage_from, sizeof(stage_from), "%s",
			    ss.plan.stages[ss.current].code);
			move_stage = true;
		}
		stage_state_free(&ss);
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_publication_insert(st, &p, err);
	if (rc == CAIRN_OK && move_stage) {
		char on[11], what[128];

		snprintf(on, sizeof(on), "%.10s", p.at);
		snprintf(what, sizeof(what), "%s -> published on %s (the report was published)",
		    stage_from, on);
		rc = store_stage_move(st, id, "published", on, who->name, err);
		if (rc == CAIRN_OK)
			rc = audit_record(st, who, "stage.move", id, "published", what, err);
	}
	for (size_t f = 0; f < res->nfiles && rc == CAIRN_OK; f++)
		rc = store_publication_file_add(st, p.id, res->files[f].name, res->files[f].sha256,
		    buf_str(data[f]), data[f]->len, err);
	if (rc == CAIRN_OK) {
		snprintf(detail, sizeof(detail), "version %ld%s; report.pdf sha256 %s", p.version,
		    npubs > 0 ? " supersedes the previous version" : "", res->files[0].sha256);
		rc = audit_record(st, who, npubs > 0 ? "report.supersede" : "report.publish", id,
		    supersede_reason, detail, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK) {
		store_rollback(st);
		goto out;
	}
	res->version = p.version;
	res->supersedes = npubs > 0 ? pubs[npubs - 1].version : 0;
	memcpy(res->at, p.at, sizeof(res->at));
	/* A milestone: sign a checkpoint of the log.  Outside the transaction,
	 * so that its failure (recorded) leaves the publication standing. */
	{
		struct cairn_err cerr = { 0 };
		char what[96];

		snprintf(what, sizeof(what), "inspection %ld version %ld published", id, p.version);
		if (audit_checkpoint_milestone(st, who, what, res->checkpoint, &cerr) != CAIRN_OK)
			snprintf(res->checkpoint_error, sizeof(res->checkpoint_error), "%s",
			    cerr.msg);
	}
	if (outdir != NULL)
		rc = write_dir(outdir, res, data, err);
out:
	if (rc != CAIRN_OK && res->version == 0)
		publish_result_free(res);
	for (size_t f = 0; f < BUNDLE_N; f++) {
		if (data[f] != NULL)
			buf_free(data[f]);
		free(data[f]);
	}
	publications_free(pubs, npubs);
	dossier_free(&d);
	return rc;
}

int
publish_extract(struct store *st, long id, long version, const char *outdir,
    struct publish_result *res, struct cairn_err *err)
{
	struct publication *pubs = NULL;
	struct publication_file *files = NULL;
	size_t npubs = 0, nfiles = 0;
	struct buf **data = NULL;
	long pid = 0;
	int rc;

	memset(res, 0, sizeof(*res));
	if ((rc = store_publication_list(st, id, &pubs, &npubs, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < npubs; i++) {
		if (pubs[i].version == version || (version == 0 && i + 1 == npubs)) {
			pid = pubs[i].id;
			res->version = pubs[i].version;
			memcpy(res->at, pubs[i].at, sizeof(res->at));
		}
	}
	if (pid == 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    npubs == 0 ? "inspection %ld has not been published"
		               : "inspection %ld has no published version %ld",
		    id, version);
		goto out;
	}
	if ((rc = store_publication_files(st, pid, true, &files, &nfiles, err)) != CAIRN_OK)
		goto out;
	res->files = xcalloc(nfiles ? nfiles : 1, sizeof(*res->files));
	data = xcalloc(nfiles ? nfiles : 1, sizeof(*data));
	for (size_t i = 0; i < nfiles; i++) {
		char check[65];

		sha256_hex(files[i].data, files[i].len, check);
		if (strcmp(check, files[i].sha256) != 0) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "published file %s of version %ld does not "
			    "match its recorded SHA-256",
			    files[i].name, res->version);
			goto out;
		}
		res->files[i].name = xstrdup(files[i].name);
		memcpy(res->files[i].sha256, check, sizeof(check));
		res->files[i].size = files[i].len;
		res->nfiles++;
		data[i] = xcalloc(1, sizeof(*data[i]));
		buf_append(data[i], files[i].data, files[i].len);
	}
	if (outdir != NULL)
		rc = write_dir(outdir, res, data, err);
out:
	for (size_t i = 0; data != NULL && i < nfiles; i++) {
		if (data[i] != NULL)
			buf_free(data[i]);
		free(data[i]);
	}
	free(data);
	publication_files_free(files, nfiles);
	publications_free(pubs, npubs);
	if (rc != CAIRN_OK)
		publish_result_free(res);
	return rc;
}

/* Checks a logo's bytes (a PNG or JPEG of at most PUBLISH_LOGO_MAX bytes)
 * and keeps them in the files directory beside the database by their
 * SHA-256 (as evidence attachments are kept); sets *path (malloc'd, the
 * stored file's absolute path) and sha. */
static int
logo_check(const char *data, size_t len, struct cairn_err *err)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	static const unsigned char jpeg[3] = { 0xff, 0xd8, 0xff };

	if (len == 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "logo",
		    "the logo file is empty; choose a PNG or JPEG image");
	if (len > (size_t)PUBLISH_LOGO_MAX)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "logo",
		    "the logo is larger than 1 MB (%ld bytes); choose a smaller PNG or JPEG image",
		    PUBLISH_LOGO_MAX);
	if (!(len >= sizeof(png) && memcmp(data, png, sizeof(png)) == 0) &&
	    !(len >= sizeof(jpeg) && memcmp(data, jpeg, sizeof(jpeg)) == 0))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "logo",
		    "the logo is not a PNG or JPEG image; choose a PNG or JPEG file");
	return CAIRN_OK;
}

static int
logo_store(struct store *st, const char *data, size_t len, char **path, char sha[65],
    struct cairn_err *err)
{
	struct buf dir = BUF_INIT, dest = BUF_INIT;
	struct stat sb;
	int rc = CAIRN_OK;

	*path = NULL;
	if ((rc = logo_check(data, len, err)) != CAIRN_OK)
		return rc;
	sha256_hex(data, len, sha);
	app_evidence_dir(st, &dir);
	if (mkdir(buf_str(&dir), 0700) != 0 && errno != EEXIST) {
		rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot create the files directory %s: %s",
		    buf_str(&dir), strerror(errno));
		goto out;
	}
	buf_printf(&dest, "%s/%s", buf_str(&dir), sha);
	if (stat(buf_str(&dest), &sb) != 0 &&
	    (rc = file_write_atomic(buf_str(&dest), data, len, err)) != CAIRN_OK)
		goto out;
	if ((*path = realpath(buf_str(&dest), NULL)) == NULL)
		rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot resolve %s: %s", buf_str(&dest),
		    strerror(errno));
out:
	buf_free(&dir);
	buf_free(&dest);
	return rc;
}

/* Settings a person may change, and how each is checked. */
static const char *const setting_names[] = { "organisation", "logo", "threshold" };

int
publish_setting_set(struct store *st, const struct actor *who, long id, const char *name,
    const char *value, struct cairn_err *err)
{
	char *resolved = NULL, subject[64], logo_sha[65] = "";
	long n, logo_len = 0;
	int rc;
	size_t k;

	for (k = 0; k < sizeof(setting_names) / sizeof(setting_names[0]); k++)
		if (strcmp(setting_names[k], name) == 0)
			break;
	if (k == sizeof(setting_names) / sizeof(setting_names[0]))
		return cairn_errf(err, CAIRN_EUSAGE,
		    "unknown setting '%s'; valid: organisation, "
		    "logo, threshold",
		    name);
	if (strcmp(name, "threshold") == 0 &&
	    !text_parse_long(value, DISCLOSE_THRESHOLD_MIN, DISCLOSE_THRESHOLD_MAX, &n))
		return cairn_errf(err, CAIRN_EUSAGE,
		    "threshold '%s' is not valid; valid: a whole "
		    "number from %d to %d (default %d)",
		    value, DISCLOSE_THRESHOLD_MIN, DISCLOSE_THRESHOLD_MAX,
		    DISCLOSE_THRESHOLD_DEFAULT);
	if (strcmp(name, "organisation") == 0 &&
	    (value[0] == '\0' || strlen(value) > 200 || !text_utf8_valid(value, strlen(value))))
		return cairn_errf(err, CAIRN_EUSAGE,
		    "organisation must be a name of 1 to 200 bytes "
		    "of UTF-8");
	if (strcmp(name, "logo") == 0) {
		char *data = NULL;
		size_t len = 0;

		if ((rc = file_read_all(value, (size_t)PUBLISH_LOGO_MAX + 1, &data, &len, err)) !=
		    CAIRN_OK)
			return rc;
		rc = logo_store(st, data, len, &resolved, logo_sha, err);
		logo_len = (long)len;
		free(data);
		if (rc != CAIRN_OK)
			return rc;
		value = resolved;
	}
	snprintf(subject, sizeof(subject), "setting %s", name);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_setting_set(st, id, name, value, err);
	if (rc == CAIRN_OK && logo_sha[0])
		rc = store_evidence_file_record(st, logo_sha, logo_len, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "publication.setting", id, subject, value, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	free(resolved);
	return rc;
}

/* ---- the report settings (issue 17) ---- */

void
publish_settings_free(struct publish_settings *s)
{
	free(s->organisation);
	free(s->logo);
	free(s->area);
	free(s->area_name);
	free(s->quote);
	free(s->quote_by);
	free(s->report_url);
	memset(s, 0, sizeof(*s));
}

int
publish_area_list(struct publish_area **out, size_t *n, struct cairn_err *err)
{
	struct buf b = BUF_INIT;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = context_areas(NULL, &b, err)) != CAIRN_OK) {
		buf_free(&b);
		return rc;
	}
	for (const char *p = buf_str(&b); *p;) {
		const char *tab = strchr(p, '\t'), *end = strchr(p, '\n');
		struct publish_area *a;

		if (tab == NULL || end == NULL || tab > end)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		a = &(*out)[(*n)++];
		snprintf(a->code, sizeof(a->code), "%.*s", (int)(tab - p), p);
		snprintf(a->name, sizeof(a->name), "%.*s", (int)(end - tab - 1), tab + 1);
		p = end + 1;
	}
	buf_free(&b);
	return CAIRN_OK;
}

/* Returns the area whose code or name is want, or NULL. */
static const struct publish_area *
area_find(const struct publish_area *v, size_t n, const char *want)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, want) == 0 || text_casecmp(v[i].name, want) == 0)
			return &v[i];
	return NULL;
}

int
app_publish_settings_get(struct store *st, const struct actor *who, long id,
    struct publish_settings *s, struct cairn_err *err)
{
	struct inspection in;
	struct publish_area *areas = NULL;
	size_t nareas = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = authz_check(st, who, id, ACTION_VIEW_INSPECTION, NULL, err)) != CAIRN_OK ||
	    (rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	memcpy(s->published, in.published, sizeof(s->published));
	inspection_free(&in);
	if ((rc = store_setting_get(st, id, "organisation", &s->organisation, err)) != CAIRN_OK ||
	    (rc = store_setting_get(st, id, "logo", &s->logo, err)) != CAIRN_OK ||
	    (rc = store_setting_get(st, id, "area", &s->area, err)) != CAIRN_OK ||
	    (rc = store_release_text_get(st, id, &s->quote, &s->quote_by, &s->report_url, err)) !=
	        CAIRN_OK) {
		publish_settings_free(s);
		return rc;
	}
	if (s->area != NULL && publish_area_list(&areas, &nareas, NULL) == CAIRN_OK) {
		const struct publish_area *a = area_find(areas, nareas, s->area);

		if (a != NULL)
			s->area_name = xstrdup(a->name);
	}
	free(areas);
	return CAIRN_OK;
}

/* The checks of one field of a settings change (0 published, 1
 * organisation, 2 area, 3 logo); sets published (the date as stored) and
 * *area (in areas, which the caller frees) as they pass. */
static int
settings_field_check(int k, const struct publish_settings_req *req, char published[11],
    struct publish_area **areas, const struct publish_area **area, struct cairn_err *err)
{
	size_t nareas = 0;
	int rc;

	switch (k) {
	case 0:
		if (req->published != NULL && req->published[0] != '\0') {
			struct cdate d;

			if (!date_parse(req->published, &d))
				return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID,
				    "published",
				    "the publication date '%s' is not a date; enter it as "
				    "YYYY-MM-DD, for example 2026-03-02",
				    req->published);
			date_iso(&d, published);
		}
		return CAIRN_OK;
	case 1:
		if (req->organisation != NULL && req->organisation[0] != '\0' &&
		    (strlen(req->organisation) > 200 ||
		        !text_utf8_valid(req->organisation, strlen(req->organisation))))
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "organisation",
			    "the organisations' names must be text of 1 to 200 bytes");
		return CAIRN_OK;
	case 2:
		if (req->area == NULL || req->area[0] == '\0')
			return CAIRN_OK;
		if ((rc = publish_area_list(areas, &nareas, err)) != CAIRN_OK)
			return rc;
		if ((*area = area_find(*areas, nareas, req->area)) == NULL)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "area",
			    "'%s' is not a known area; choose one of the %zu council areas listed",
			    req->area, nareas);
		return CAIRN_OK;
	default:
		if (req->logo != NULL && !req->logo_remove)
			return logo_check(req->logo, req->logo_len, err);
		return CAIRN_OK;
	}
}

size_t
app_publish_settings_check(const struct publish_settings_req *req, struct cairn_err *errs,
    size_t max)
{
	size_t n = 0;

	for (int k = 0; k < 4 && n < max; k++) {
		struct publish_area *areas = NULL;
		const struct publish_area *area = NULL;
		char published[11];

		memset(&errs[n], 0, sizeof(errs[n]));
		if (settings_field_check(k, req, published, &areas, &area, &errs[n]) != CAIRN_OK)
			n++;
		free(areas);
	}
	if (n < max)
		n += app_release_text_check(req->quote, req->quote_by, req->report_url, errs + n,
		    max - n);
	return n;
}

int
app_publish_settings_set(struct store *st, const struct actor *who, long id,
    const struct publish_settings_req *req, struct cairn_err *err)
{
	struct publish_area *areas = NULL;
	const struct publish_area *area = NULL;
	struct inspection in;
	struct buf detail = BUF_INIT;
	char published[11] = "", sha[65] = "", *logo = NULL;
	int rc;

	bool release = req->quote != NULL || req->quote_by != NULL || req->report_url != NULL;
	struct cairn_err rerr[1];

	if ((rc = authz_check(st, who, id, ACTION_EDIT_INSPECTION, NULL, err)) != CAIRN_OK)
		return rc;
	if (release && (rc = authz_check(st, who, id, ACTION_PUBLISH, NULL, err)) != CAIRN_OK)
		return rc;
	/* Every field is checked before anything is stored. */
	for (int k = 0; k < 3; k++)
		if ((rc = settings_field_check(k, req, published, &areas, &area, err)) != CAIRN_OK)
			goto out;
	if (release &&
	    app_release_text_check(req->quote, req->quote_by, req->report_url, rerr, 1) > 0) {
		*err = rerr[0];
		rc = err->rc;
		goto out;
	}
	if (req->logo != NULL && !req->logo_remove &&
	    (rc = logo_store(st, req->logo, req->logo_len, &logo, sha, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		goto out;

	if ((rc = store_begin(st, err)) != CAIRN_OK) {
		inspection_free(&in);
		goto out;
	}
	if (req->published != NULL) {
		memcpy(in.published, published, sizeof(in.published));
		rc = store_inspection_update(st, &in, err);
		buf_printf(&detail, "published %s; ", published[0] ? published : "(none)");
	}
	inspection_free(&in);
	if (rc == CAIRN_OK && req->organisation != NULL) {
		rc = store_setting_set(st, id, "organisation",
		    req->organisation[0] ? req->organisation : NULL, err);
		buf_printf(&detail, "organisation %s; ",
		    req->organisation[0] ? req->organisation : "(default)");
	}
	if (rc == CAIRN_OK && req->area != NULL) {
		rc = store_setting_set(st, id, "area", area != NULL ? area->code : NULL, err);
		buf_printf(&detail, "area %s; ", area != NULL ? area->code : "(by name)");
	}
	if (rc == CAIRN_OK && (logo != NULL || req->logo_remove)) {
		rc = store_setting_set(st, id, "logo", logo, err);
		if (rc == CAIRN_OK && logo != NULL)
			rc = store_evidence_file_record(st, sha, (long)req->logo_len, err);
		buf_printf(&detail, "logo %s; ", logo != NULL ? sha : "(removed)");
	}
	if (rc == CAIRN_OK && release) {
		rc = app_release_text_apply(st, who, id, req->quote, req->quote_by, req->report_url,
		    err);
		buf_puts(&detail, "release text; ");
	}
	if (rc == CAIRN_OK && detail.len == 0)
		buf_puts(&detail, "no change; ");
	if (detail.len >= 2)
		detail.data[detail.len - 2] = '\0';
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "publication.settings", id, "report settings",
		    buf_str(&detail), err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	buf_free(&detail);
	free(logo);
	free(areas);
	return rc;
}
