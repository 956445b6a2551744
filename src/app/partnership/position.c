/* The position statement: see position.h. */
#include "app/partnership/position.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
#include "app/access/authz.h"
#include "app/partnership/packfile.h"
#include "app/partnership/upload.h"
#include "app/setup/jsonfield.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "core/work.h"
#include "store/partnership.h"
#include "store/store.h"
#include "store/work.h"

/* Most sections a statement has. */
#define SECTIONS_MAX 32
/* Longest file name kept, in bytes. */
#define FILENAME_MAX_KEPT 200

int
position_layout_parse(const char *text, size_t len, const char *name, struct position_layout *l,
    struct cairn_err *err)
{
	static const char *const keys[] = { "title", "due_stage", "source", "word_limit",
		"sections", NULL };
	static const char *const skeys[] = { "code", "title", NULL };
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr), *secs, *s, *lim;
	char *source = NULL;
	size_t i;
	int rc = CAIRN_EDATA;

	memset(l, 0, sizeof(*l));
	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: line %d column %d: %s", name, jerr.line,
		    jerr.column, jerr.text);
	if (!json_is_object(root)) {
		cairn_errf(err, CAIRN_EDATA, "%s: must be a JSON object", name);
		goto out;
	}
	if (jsonfield_only(root, keys, name, "", err) ||
	    jsonfield_str(root, "title", true, 400, name, "", &l->title, err) ||
	    jsonfield_str(root, "due_stage", false, 40, name, "", &l->due_stage, err) ||
	    jsonfield_str(root, "source", false, 4000, name, "", &source, err))
		goto out;
	lim = json_object_get(root, "word_limit");
	if (lim != NULL) {
		if (!json_is_integer(lim) || json_integer_value(lim) < 1 ||
		    json_integer_value(lim) > 1000000) {
			cairn_errf(err, CAIRN_EDATA,
			    "%s: field word_limit: must be a whole number 1 to 1000000", name);
			goto out;
		}
		l->word_limit = (long)json_integer_value(lim);
	}
	secs = json_object_get(root, "sections");
	if (!json_is_array(secs) || json_array_size(secs) == 0 ||
	    json_array_size(secs) > SECTIONS_MAX) {
		cairn_errf(err, CAIRN_EDATA,
		    "%s: field sections: must be an array of 1 to %d sections", name, SECTIONS_MAX);
		goto out;
	}
	l->sections = xcalloc(json_array_size(secs), sizeof(*l->sections));
	json_array_foreach(secs, i, s)
	{
		char p[40];

		snprintf(p, sizeof(p), "sections[%zu].", i);
		if (!json_is_object(s)) {
			cairn_errf(err, CAIRN_EDATA, "%s: field %s: must be an object", name, p);
			goto out;
		}
		l->n++;
		if (jsonfield_only(s, skeys, name, p, err) ||
		    jsonfield_str(s, "code", true, 40, name, p, &l->sections[i].code, err) ||
		    jsonfield_str(s, "title", true, 1000, name, p, &l->sections[i].title, err))
			goto out;
		for (size_t j = 0; j < i; j++)
			if (strcmp(l->sections[j].code, l->sections[i].code) == 0) {
				cairn_errf(err, CAIRN_EDATA, "%s: field %scode: '%s' is used twice",
				    name, p, l->sections[i].code);
				goto out;
			}
	}
	rc = CAIRN_OK;
out:
	free(source);
	json_decref(root);
	if (rc != CAIRN_OK)
		position_layout_free(l);
	return rc;
}

/* Loads the layout of inspection id's pack. */
static int
load_layout(struct store *st, long id, struct position_layout *l, struct cairn_err *err)
{
	char *text, name[120];
	size_t len;
	int rc;

	memset(l, 0, sizeof(*l));
	if ((rc = partnership_pack_file(st, id, "position.json", &text, &len, name, sizeof(name),
	         err)) != CAIRN_OK)
		return rc;
	rc = position_layout_parse(text, len, name, l, err);
	free(text);
	return rc;
}

void
position_state_free(struct position_state *s)
{
	if (s == NULL)
		return;
	position_layout_free(&s->layout);
	position_statement_free(&s->stmt);
	partnership_documents_free(s->docs, s->ndocs);
	position_claims_free(s->claims, s->nclaims);
	memset(s, 0, sizeof(*s));
}

int
app_position_state(struct store *st, const struct actor *who, long id, struct position_state *s,
    struct cairn_err *err)
{
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = authz_check(st, who, id, ACTION_VIEW_PARTNERSHIP, NULL, err)) != CAIRN_OK ||
	    (rc = load_layout(st, id, &s->layout, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_position_latest(st, id, &s->stmt, err)) != CAIRN_OK ||
	    (rc = store_document_list(st, id, &s->docs, &s->ndocs, err)) != CAIRN_OK ||
	    (rc = store_claim_list(st, id, &s->claims, &s->nclaims, err)) != CAIRN_OK) {
		position_state_free(s);
		return rc;
	}
	s->overdue =
	    partnership_upload_overdue(st, id, s->layout.due_stage, s->stmt.version, s->due);
	return CAIRN_OK;
}

/* Counts the words of the claims of inspection id. */
static int
claim_words(struct store *st, long id, long *words, struct cairn_err *err)
{
	struct position_claim *v = NULL;
	size_t n = 0;
	int rc;

	*words = 0;
	if ((rc = store_claim_list(st, id, &v, &n, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		*words += partnership_word_count(v[i].body);
	position_claims_free(v, n);
	return CAIRN_OK;
}

/* Refuses a statement of words words above layout l's limit. */
static int
over_limit(const struct position_layout *l, long words, const char *field, struct cairn_err *err)
{
	if (l->word_limit == 0 || words <= l->word_limit)
		return CAIRN_OK;
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
	    "the position statement has %ld words with its claims; the programme sets a limit "
	    "of %ld words, so it is %ld word%s over: shorten it",
	    words, l->word_limit, words - l->word_limit, words - l->word_limit == 1 ? "" : "s");
}

int
app_position_submit(struct store *st, const struct actor *who, long id,
    const struct position_text *secs, size_t n, long *version, long *words, struct cairn_err *err)
{
	struct position_layout l;
	struct position_statement p;
	char detail[160];
	long cw = 0;
	int rc;

	*version = 0;
	*words = 0;
	memset(&p, 0, sizeof(p));
	if ((rc = authz_check(st, who, id, ACTION_UPLOAD_POSITION_STATEMENT, NULL, err)) !=
	        CAIRN_OK ||
	    (rc = load_layout(st, id, &l, err)) != CAIRN_OK)
		return rc;
	p.codes = xcalloc(l.n, sizeof(*p.codes));
	p.bodies = xcalloc(l.n, sizeof(*p.bodies));
	for (size_t i = 0; i < n; i++) {
		bool known = false;

		for (size_t s = 0; s < l.n; s++)
			known = known || strcmp(l.sections[s].code, secs[i].code) == 0;
		if (!known) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "section",
			    "'%s' is not a section of the position statement", secs[i].code);
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(secs[j].code, secs[i].code) == 0) {
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID,
				    "section", "section '%s' is given twice", secs[i].code);
				goto out;
			}
	}
	for (size_t s = 0; s < l.n; s++) {
		const char *text = "";
		char field[64];

		for (size_t i = 0; i < n; i++)
			if (strcmp(secs[i].code, l.sections[s].code) == 0 && secs[i].text != NULL)
				text = secs[i].text;
		snprintf(field, sizeof(field), "section-%s", l.sections[s].code);
		if (strlen(text) > POSITION_SECTION_MAX || !text_utf8_valid(text, strlen(text))) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
			    "section %s is longer than %d bytes or is not UTF-8 text",
			    l.sections[s].code, POSITION_SECTION_MAX);
			goto out;
		}
		if (text_has_unreadable(text)) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
			    "section %s %s", l.sections[s].code, text_unreadable_msg);
			goto out;
		}
		p.codes[p.n] = xstrdup(l.sections[s].code);
		p.bodies[p.n] = xstrdup(text);
		p.n++;
		p.words += partnership_word_count(text);
	}
	partnership_upload_sha256(p.codes, p.bodies, p.n, p.sha256);
	if (p.words == 0) {
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "statement",
		    "the position statement is empty; write at least one section");
		goto out;
	}
	if ((rc = claim_words(st, id, &cw, err)) != CAIRN_OK)
		goto out;
	*words = p.words + cw;
	if ((rc = over_limit(&l, p.words + cw, "statement", err)) != CAIRN_OK)
		goto out;
	p.words += cw;
	p.submitted_by = xstrdup(who->name);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_position_insert(st, id, &p, err);
	snprintf(detail, sizeof(detail), "%ld words, sha256 %s", p.words, p.sha256);
	if ((rc = partnership_upload_commit(st, who, id, rc, "partnership.statement",
	         "position statement", p.version, detail, err)) != CAIRN_OK)
		goto out;
	*version = p.version;
out:
	position_statement_free(&p);
	position_layout_free(&l);
	return rc;
}

/* Returns a clean copy of a browser's or user's file name: its base name,
 * cut to FILENAME_MAX_KEPT bytes, control and non-UTF-8 bytes as '_'. */
static char *
clean_filename(const char *name)
{
	const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');
	char *s;
	size_t n;

	if (back != NULL && (slash == NULL || back > slash))
		slash = back;
	s = xstrdup(slash != NULL && slash[1] != '\0' ? slash + 1 : name);
	if ((n = strlen(s)) > FILENAME_MAX_KEPT) {
		n = FILENAME_MAX_KEPT;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		s[n] = '\0';
	}
	if (!text_utf8_valid(s, strlen(s)))
		for (char *p = s; *p != '\0'; p++)
			if ((unsigned char)*p >= 0x80)
				*p = '_';
	for (char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '"')
			*p = '_';
	return s;
}

int
app_position_document(struct store *st, const struct actor *who, long id, long *number,
    const char *title, const char *filename, const char *data, size_t len, long *version,
    struct cairn_err *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	char sha[65], subject[48], *name = NULL;
	struct buf detail = BUF_INIT;
	long docid = 0;
	int rc;

	*version = 0;
	if ((rc = authz_check(st, who, id, ACTION_UPLOAD_POSITION_STATEMENT, NULL, err)) !=
	    CAIRN_OK)
		return rc;
	if (*number == 0 && (title == NULL || title[0] == '\0'))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "title",
		    "the document's title is required");
	if (*number == 0 &&
	    (rc = text_check("title", "the title", title, POSITION_CLAIM_MAX, err)) != CAIRN_OK)
		return rc;
	if (data == NULL || len == 0)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "file",
		    "choose the document's file; an empty file is not a document");
	if (len > (size_t)POSITION_DOCUMENT_MAX)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "file",
		    "the file has %zu bytes; a supporting document is at most %ld MiB", len,
		    POSITION_DOCUMENT_MAX >> 20);
	crypto_hash_sha256(digest, (const unsigned char *)data, len);
	sodium_bin2hex(sha, sizeof(sha), digest, sizeof(digest));
	name = clean_filename(filename != NULL && filename[0] ? filename : "document");
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	if (*number == 0)
		rc = store_document_insert(st, id, title, who->name, number, &docid, err);
	else
		rc = store_document_id(st, id, *number, &docid, err);
	if (rc == CAIRN_OK)
		rc = store_document_version_add(st, docid, name, data, len, sha, who->name, version,
		    err);
	if (rc == CAIRN_OK) {
		snprintf(subject, sizeof(subject), "document %ld", *number);
		buf_printf(&detail, "version %ld, %s, %zu bytes, sha256 %s", *version, name, len,
		    sha);
		rc = audit_record(st, who, "partnership.document", id, subject, buf_str(&detail),
		    err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK) {
		store_rollback(st);
		*version = 0;
	}
out:
	buf_free(&detail);
	free(name);
	return rc;
}

int
app_position_document_get(struct store *st, const struct actor *who, long id, long number,
    long version, char **data, size_t *len, char **filename, struct cairn_err *err)
{
	char subject[48], detail[48];
	int rc;

	*data = NULL;
	*filename = NULL;
	*len = 0;
	if ((rc = authz_check(st, who, id, ACTION_VIEW_PARTNERSHIP, NULL, err)) != CAIRN_OK ||
	    (rc = store_document_body(st, id, number, version, data, len, filename, err)) !=
	        CAIRN_OK)
		return rc;
	snprintf(subject, sizeof(subject), "document %ld", number);
	snprintf(detail, sizeof(detail), "version %ld", version);
	if ((rc = store_begin(st, err)) == CAIRN_OK) {
		rc = audit_record(st, who, "partnership.document.download", id, subject,
		    version > 0 ? detail : "latest version", err);
		if (rc == CAIRN_OK)
			rc = store_commit(st, err);
		if (rc != CAIRN_OK)
			store_rollback(st);
	}
	if (rc != CAIRN_OK) {
		free(*data);
		free(*filename);
		*data = NULL;
		*filename = NULL;
		*len = 0;
	}
	return rc;
}

int
app_position_claim(struct store *st, const struct actor *who, long id, const char *section,
    const char *text, const char *documents, long *number, struct cairn_err *err)
{
	struct position_layout l;
	struct position_statement p;
	long docs[POSITION_CLAIM_DOCS_MAX], cw = 0;
	size_t ndocs = 0;
	bool known = false;
	char subject[48];
	int rc;

	*number = 0;
	memset(&p, 0, sizeof(p));
	if ((rc = authz_check(st, who, id, ACTION_UPLOAD_POSITION_STATEMENT, NULL, err)) !=
	        CAIRN_OK ||
	    (rc = load_layout(st, id, &l, err)) != CAIRN_OK)
		return rc;
	if (section == NULL || section[0] == '\0') {
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "section",
		    "the section the claim belongs to is required");
		goto out;
	}
	for (size_t s = 0; s < l.n; s++)
		known = known || strcmp(l.sections[s].code, section) == 0;
	if (!known) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "section",
		    "'%s' is not a section of the position statement", section);
		goto out;
	}
	if (text == NULL || text[0] == '\0') {
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "text",
		    "the claim's text is required");
		goto out;
	}
	if ((rc = text_check("text", "the claim", text, POSITION_CLAIM_MAX, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	for (const char *q = documents; q != NULL && *q != '\0';) {
		char item[24];
		size_t k = strcspn(q, ", ");
		long num;

		if (k > 0) {
			snprintf(item, sizeof(item), "%.*s", (int)(k < 20 ? k : 20), q);
			if (!text_parse_long(item, 1, 1000000, &num)) {
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID,
				    "documents", "'%s' is not a document number", item);
				break;
			}
			if (ndocs == POSITION_CLAIM_DOCS_MAX) {
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID,
				    "documents", "a claim cites at most %d documents",
				    POSITION_CLAIM_DOCS_MAX);
				break;
			}
			if ((rc = store_document_id(st, id, num, &docs[ndocs], err)) != CAIRN_OK) {
				int was = err->rc;

				cairn_err_clear(err);
				cairn_err_field(err, was, CAIRN_CODE_UNKNOWN, "documents",
				    "there is no supporting document %ld; upload it first", num);
				break;
			}
			for (size_t j = 0; j < ndocs; j++)
				if (docs[j] == docs[ndocs])
					ndocs--; /* cited twice: once */
			ndocs++;
		}
		q += k;
		while (*q == ',' || *q == ' ')
			q++;
	}
	/* The claims count towards the statement's word limit. */
	if (rc == CAIRN_OK && l.word_limit > 0 &&
	    (rc = store_position_latest(st, id, &p, err)) == CAIRN_OK &&
	    (rc = claim_words(st, id, &cw, err)) == CAIRN_OK) {
		long words = partnership_word_count(text) + cw;

		for (size_t i = 0; i < p.n; i++)
			words += partnership_word_count(p.bodies[i]);
		rc = over_limit(&l, words, "text", err);
	}
	if (rc == CAIRN_OK)
		rc = store_claim_insert(st, id, section, text, docs, ndocs, who->name, number, err);
	if (rc == CAIRN_OK) {
		snprintf(subject, sizeof(subject), "claim %ld", *number);
		rc = audit_record(st, who, "partnership.claim", id, subject, text, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK) {
		store_rollback(st);
		*number = 0;
	}
out:
	position_statement_free(&p);
	position_layout_free(&l);
	return rc;
}

int
app_position_test(struct store *st, const struct actor *who, long id, long number, const char *qi,
    const char *verdict, const char *evidence, const char *note, struct cairn_err *err)
{
	struct inspection in;
	struct framework fw;
	struct claim_test t;
	struct evidence_item e;
	char subject[48], detail[200];
	long claim = 0;
	int rc, v;

	memset(&t, 0, sizeof(t));
	if ((rc = authz_check(st, who, id, ACTION_TEST_CLAIM, NULL, err)) != CAIRN_OK)
		return rc;
	if (qi == NULL || qi[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "qi",
		    "the quality indicator the claim is tagged to is required");
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	rc = store_framework_load(st, in.framework_code, &fw, err);
	inspection_free(&in);
	if (rc != CAIRN_OK)
		return rc;
	if (framework_qi(&fw, qi) == NULL) {
		struct buf b = BUF_INIT;

		for (size_t i = 0; i < fw.nqis; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", fw.qis[i].code);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "qi",
		    "unknown quality indicator '%s'; valid: %s", qi, buf_str(&b));
		buf_free(&b);
		framework_free(&fw);
		return rc;
	}
	framework_free(&fw);
	if (verdict == NULL || verdict[0] == '\0')
		v = VERDICT_UNTESTED;
	else if ((v = claim_verdict_parse(verdict)) < 0 || v == VERDICT_UNTESTED)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "verdict",
		    "'%s' is not a verdict; valid: confirmed, qualified, contradicted (or none: "
		    "tagged, not yet tested)",
		    verdict);
	if (evidence != NULL && evidence[0] != '\0') {
		if (!text_parse_long(evidence, 1, 100000000L, &t.evidence))
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "evidence",
			    "'%s' is not an evidence number", evidence);
		if ((rc = store_evidence_get(st, id, t.evidence, &e, err)) != CAIRN_OK) {
			if (rc != CAIRN_EDATA)
				return rc;
			cairn_err_clear(err);
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "evidence",
			    "there is no evidence %ld in the evidence log", t.evidence);
		}
		evidence_item_free(&e);
	}
	if (note != NULL && note[0] != '\0' &&
	    (rc = text_check("note", "the note", note, POSITION_CLAIM_MAX, err)) != CAIRN_OK)
		return rc;
	if (v != VERDICT_UNTESTED && t.evidence == 0 && (note == NULL || note[0] == '\0'))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "evidence",
		    "a claim is tested against evidence: give the evidence number or a note of it");
	t.qi = xstrdup(qi);
	t.verdict = (enum claim_verdict)v;
	t.note = note != NULL && note[0] ? xstrdup(note) : NULL;
	t.tested_by = xstrdup(who->name);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_claim_id(st, id, number, &claim, err);
	if (rc == CAIRN_OK)
		rc = store_claim_test_set(st, claim, &t, err);
	if (rc == CAIRN_OK) {
		snprintf(subject, sizeof(subject), "claim %ld", number);
		snprintf(detail, sizeof(detail), "%s: %s%s%ld", qi, claim_verdict_code[v],
		    t.evidence ? ", evidence " : "", t.evidence);
		if (!t.evidence)
			snprintf(detail, sizeof(detail), "%s: %s", qi, claim_verdict_code[v]);
		rc = audit_record(st, who, "partnership.claim.test", id, subject, detail, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	free(t.qi);
	free(t.note);
	free(t.tested_by);
	return rc;
}

void
claims_for_qi_free(struct claim_for_qi *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].section);
		free(v[i].body);
		free(v[i].note);
		free(v[i].tested_by);
	}
	free(v);
}

int
app_position_claims_for(struct store *st, const struct actor *who, long id, const char *qi,
    struct claim_for_qi **out, size_t *n, struct cairn_err *err)
{
	struct position_claim *v = NULL;
	size_t nv = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = authz_check(st, who, id, ACTION_VIEW_EVALUATION, NULL, err)) != CAIRN_OK ||
	    (rc = store_claim_list(st, id, &v, &nv, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < nv; i++)
		for (size_t t = 0; t < v[i].ntests; t++) {
			struct claim_for_qi *c;

			if (strcmp(v[i].tests[t].qi, qi) != 0)
				continue;
			*out = xreallocarray(*out, *n + 1, sizeof(**out));
			c = &(*out)[(*n)++];
			c->number = v[i].number;
			c->section = xstrdup(v[i].section);
			c->body = xstrdup(v[i].body);
			c->verdict = v[i].tests[t].verdict;
			c->evidence = v[i].tests[t].evidence;
			c->note = v[i].tests[t].note ? xstrdup(v[i].tests[t].note) : NULL;
			c->tested_by = xstrdup(v[i].tests[t].tested_by);
		}
	position_claims_free(v, nv);
	return CAIRN_OK;
}
