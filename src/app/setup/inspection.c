/* Inspections: see inspection.h. */
#include "app/access/authz.h"
#include "app/access/lookup.h"
#include "app/setup/inspection.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/evaluation/evaluation.h"
#include "app/access/role.h"
#include "app/setup/team.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/text.h"
#include "app/access/authz.h"
#include "store/plan.h"
#include "store/release_text.h"
#include "store/model.h"
#include "store/store.h"
#include "store/work.h"

/* Longest free text accepted in any field, in bytes. */
#define TEXT_MAX 20000
/* Longest name (partnership, agency, title), in bytes. */
#define NAME_MAX_LEN 300

int
app_parse_id(const char *text, long *id, struct cairn_err *err)
{
	if (!text_parse_long(text, 1, 2000000000L, id))
		return cairn_errf(err, CAIRN_EUSAGE,
		    "'%s' is not an inspection id (a positive whole number)", text);
	return CAIRN_OK;
}

/* Validates an optional date into out ("" when s is NULL or empty). */
static int
check_date(const char *field, const char *what, const char *s, char out[static 11],
    struct cairn_err *err)
{
	struct cdate d;

	if (s == NULL)
		return CAIRN_OK;
	if (s[0] == '\0') {
		out[0] = '\0';
		return CAIRN_OK;
	}
	if (!date_parse(s, &d))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
		    "%s '%s' is not a date; use YYYY-MM-DD", what, s);
	date_iso(&d, out);
	return CAIRN_OK;
}

/* Splits s at sep into trimmed, non-empty, malloc'd items. */
static int
split_list(const char *field, const char *what, const char *s, char sep, char ***out, size_t *n,
    struct cairn_err *err)
{
	char *copy = xstrdup(s), *p = copy;
	size_t cap = 0;
	int rc = CAIRN_OK;

	*out = NULL;
	*n = 0;
	while (p != NULL) {
		char *next = strchr(p, sep), *item;

		if (next != NULL)
			*next++ = '\0';
		item = text_trim(p);
		p = next;
		if (*item == '\0')
			continue;
		if ((rc = text_check(field, what, item, NAME_MAX_LEN * 4, err)) != CAIRN_OK)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xreallocarray(*out, cap, sizeof(char *));
		}
		(*out)[(*n)++] = xstrdup(item);
	}
	free(copy);
	if (rc != CAIRN_OK) {
		strv_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* Applies the fields of req that are set to *in, validating each. */
static int
apply_fields(struct inspection *in, const struct inspection_new *req, struct cairn_err *err)
{
	if (req->partnership != NULL) {
		if (text_check("partnership", "the partnership", req->partnership, NAME_MAX_LEN,
		        err))
			return CAIRN_EDATA;
		free(in->partnership);
		in->partnership = xstrdup(req->partnership);
	}
	if (req->title != NULL) {
		if (text_check("title", "the title", req->title, NAME_MAX_LEN, err))
			return CAIRN_EDATA;
		free(in->title);
		in->title = xstrdup(req->title);
	}
	if (check_date("notified", "the notification date", req->notified, in->notified, err) ||
	    check_date("published", "the publication date", req->published, in->published, err))
		return CAIRN_EDATA;
	if (req->fieldwork != NULL) {
		const char *dots = strstr(req->fieldwork, "..");
		char from[11], to[11];

		/* Both ends are required, each no longer than a date. */
		if (dots == NULL || dots == req->fieldwork ||
		    (size_t)(dots - req->fieldwork) >= sizeof(from) ||
		    !text_copy(to, sizeof(to), dots + 2) || to[0] == '\0')
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID,
			    "fieldwork-from",
			    "fieldwork '%s' is not a date range; use FROM..TO, e.g. "
			    "2016-04-25..2016-06-10",
			    req->fieldwork);
		memcpy(from, req->fieldwork, (size_t)(dots - req->fieldwork));
		from[dots - req->fieldwork] = '\0';
		if (check_date("fieldwork-from", "the fieldwork start", from, in->fieldwork_from,
		        err) ||
		    check_date("fieldwork-to", "the fieldwork end", to, in->fieldwork_to, err))
			return CAIRN_EDATA;
		if (strcmp(in->fieldwork_from, in->fieldwork_to) > 0)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "fieldwork-to",
			    "fieldwork ends (%s) before it starts (%s)", in->fieldwork_to,
			    in->fieldwork_from);
	}
	if (req->agencies != NULL) {
		strv_free(in->agencies, in->nagencies);
		if (split_list("agencies", "an agency", req->agencies, ',', &in->agencies,
		        &in->nagencies, err))
			return CAIRN_EDATA;
	}
	if (req->methods != NULL) {
		strv_free(in->methods, in->nmethods);
		if (split_list("methods", "a method", req->methods, ';', &in->methods,
		        &in->nmethods, err))
			return CAIRN_EDATA;
	}
	if (req->context != NULL) {
		if (req->context[0] != '\0' &&
		    text_check("context", "the context", req->context, TEXT_MAX, err))
			return CAIRN_EDATA;
		free(in->context);
		in->context = req->context[0] ? xstrdup(req->context) : NULL;
	}
	return CAIRN_OK;
}

/* Records the model pack and version a new inspection is created under
 * (its framework's pack, when one is loaded). */
static int
record_model(struct store *st, const struct inspection *in, struct cairn_err *err)
{
	char *version = NULL;
	int rc = store_model_version(st, in->framework_code, &version, err);

	if (rc == CAIRN_OK && version != NULL)
		rc = store_inspection_model_set(st, in->id, in->framework_code, version, err);
	free(version);
	return rc;
}

/* Runs store_inspection_insert or _update and its audit entry in a
 * transaction; action names the change for the audit log.  lead (create
 * only, may be NULL) joins the new inspection's team as its lead in the
 * same transaction, with its own audit entry. */
static int
save(struct store *st, const struct actor *who, struct inspection *in, bool create,
    const char *action, const char *lead, struct cairn_err *err)
{
	int rc;

	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = create ? store_inspection_insert(st, in, err) : store_inspection_update(st, in, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, action, in->id, in->partnership, NULL, err);
	if (rc == CAIRN_OK && create)
		rc = record_model(st, in, err);
	if (rc == CAIRN_OK && create && lead != NULL)
		rc = store_team_add(st, in->id, lead, role_table[ROLE_LEAD].code, NULL, who->name,
		    err);
	if (rc == CAIRN_OK && create && lead != NULL)
		rc = audit_record(st, who, "team.add", in->id, lead, role_table[ROLE_LEAD].code,
		    err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
}

int
app_inspection_create(struct store *st, const struct actor *who, const struct inspection_new *req,
    long *id, struct cairn_err *err)
{
	return app_inspection_create_led(st, who, req, NULL, id, err);
}

int
app_inspection_create_led(struct store *st, const struct actor *who,
    const struct inspection_new *req, const char *lead, long *id, struct cairn_err *err)
{
	struct inspection in;
	struct framework fw;
	int rc;

	if ((rc = authz_check(st, who, 0, ACTION_CREATE_INSPECTION, NULL, err)) != CAIRN_OK)
		return rc;

	memset(&in, 0, sizeof(in));
	if (lead != NULL && (rc = app_person_check(lead, err)) != CAIRN_OK)
		return rc;
	if (lead != NULL && (rc = app_person_appointable(st, lead, "lead", err)) != CAIRN_OK)
		return rc;
	if (req->partnership == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "partnership",
		    "the partnership's name is required");
	if (req->framework == NULL) {
		char codes[512];

		store_framework_codes(st, codes, sizeof(codes));
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "framework",
		    "the framework is required; valid: %s", codes);
	}
	if ((rc = store_framework_load(st, req->framework, &fw, err)) != CAIRN_OK) {
		if (err != NULL && err->field[0] == '\0')
			text_copy(err->field, sizeof(err->field), "framework");
		return rc;
	}
	framework_free(&fw);
	in.framework_code = xstrdup(req->framework);
	if ((rc = apply_fields(&in, req, err)) == CAIRN_OK) {
		if (in.title == NULL)
			in.title = xasprintf("Joint inspection of services for children and young "
			                     "people in %s",
			    in.partnership);
		rc = save(st, who, &in, true, "inspection.create", lead, err);
		*id = in.id;
	}
	inspection_free(&in);
	return rc;
}

int
app_inspection_update(struct store *st, const struct actor *who, long id,
    const struct inspection_new *req, struct cairn_err *err)
{
	struct inspection in;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_EDIT_INSPECTION, NULL, err)) != CAIRN_OK)
		return rc;

	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	if ((rc = apply_fields(&in, req, err)) == CAIRN_OK)
		rc = save(st, who, &in, false, "inspection.update", NULL, err);
	inspection_free(&in);
	return rc;
}

/* Writes the framework's indicator codes, comma-separated, into b. */
static void
qi_codes(const struct framework *fw, struct buf *b)
{
	for (size_t i = 0; i < fw->nqis; i++)
		buf_printf(b, "%s%s", i ? ", " : "", fw->qis[i].code);
}

/* Loads the framework of inspection id into *fw. */
static int
load_framework(struct store *st, long id, struct framework *fw, struct cairn_err *err)
{
	struct inspection in;
	int rc;

	memset(fw, 0, sizeof(*fw));
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	rc = store_framework_load(st, in.framework_code, fw, err);
	inspection_free(&in);
	return rc;
}

int
app_grade(struct store *st, const struct actor *who, long id, const char *qi, const char *grade,
    const char *rationale, const char *evidence, int *value, struct cairn_err *err)
{
	struct framework fw;
	struct buf b = BUF_INIT;
	int rc, v = 0;

	if ((rc = authz_check(st, who, id, ACTION_GRADE, NULL, err)) != CAIRN_OK)
		return rc;

	if ((rc = load_framework(st, id, &fw, err)) != CAIRN_OK)
		return rc;
	if (framework_qi(&fw, qi) == NULL) {
		qi_codes(&fw, &b);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "qi",
		    "unknown quality indicator '%s' for framework %s; valid: %s", qi, fw.code,
		    buf_str(&b));
		goto out;
	}
	if (!scale_parse(&fw.scale, grade, &v)) {
		for (size_t i = 0; i < fw.scale.nlevels; i++)
			buf_printf(&b, "%s%d %s", i ? ", " : "", fw.scale.levels[i].value,
			    fw.scale.levels[i].label);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "grade",
		    "unknown grade '%s' on the %s; valid: %s", grade, fw.scale.name, buf_str(&b));
		goto out;
	}
	if (rationale != NULL && rationale[0] != '\0' &&
	    (rc = text_check("rationale", "the rationale", rationale, TEXT_MAX, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	/* Links, history and the panel's sign-off first: they read the old grade. */
	rc = evaluation_record(st, who, id, qi, v, rationale, evidence, NULL, err);
	if (rc == CAIRN_OK)
		rc = store_evaluation_set(st, id, qi, v, rationale, err);
	if (rc == CAIRN_OK) {
		char detail[64];

		/* The links are in the grade's history (evaluation_history). */
		snprintf(detail, sizeof(detail), "grade %d", v);
		rc = audit_record(st, who, "grade.set", id, qi, detail, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	else if (value != NULL)
		*value = v;
out:
	buf_free(&b);
	framework_free(&fw);
	return rc;
}

/* Refuses to change area for improvement fid in a way (what: "removed")
 * that would lose the actions the action plan holds for it. */
static int
finding_no_actions(struct store *st, long id, long fid, const char *what, struct cairn_err *err)
{
	struct plan_action *a = NULL;
	size_t n = 0, k = 0;
	int rc = store_plan_action_list(st, id, &a, &n, err);

	if (rc != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		k += a[i].finding == fid;
	plan_actions_free(a, n);
	if (k > 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "finding",
		    "this area for improvement has %zu action%s in the action plan, so it cannot "
		    "be %s; change or drop the actions in the action plan instead",
		    k, k == 1 ? "" : "s", what);
	return CAIRN_OK;
}

/* Most evidence linked to one finding. */
#define FINDING_EVIDENCE_MAX 200

/* Compares two longs for qsort. */
static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Parses "1,4" into f's evidence numbers, each in inspection id's evidence
 * log and listed once. */
static int
finding_evidence(struct store *st, long id, const char *list, struct finding *f,
    struct cairn_err *err)
{
	char **items = NULL;
	size_t n = 0;
	int rc;

	if ((rc = split_list("evidence", "an evidence number", list, ',', &items, &n, err)) !=
	    CAIRN_OK)
		return rc;
	if (n > FINDING_EVIDENCE_MAX) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "evidence",
		    "more than %d pieces of evidence are linked to one finding",
		    FINDING_EVIDENCE_MAX);
		goto out;
	}
	f->evidence = xcalloc(n ? n : 1, sizeof(long));
	for (size_t i = 0; i < n; i++) {
		struct evidence_item e;
		long num;

		if (!text_parse_long(items[i], 1, 2000000000L, &num)) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "evidence",
			    "'%s' is not an evidence number; give the numbers of the evidence "
			    "log, separated by commas, e.g. 1,4",
			    items[i]);
			goto out;
		}
		for (size_t j = 0; j < f->nevidence; j++)
			if (f->evidence[j] == num) {
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID,
				    "evidence", "evidence %ld is listed twice", num);
				goto out;
			}
		memset(&e, 0, sizeof(e));
		if ((rc = store_evidence_get(st, id, num, &e, err)) != CAIRN_OK) {
			if (rc == CAIRN_EDATA) {
				cairn_err_clear(err);
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN,
				    "evidence",
				    "there is no evidence %ld in this inspection's evidence log",
				    num);
			}
			goto out;
		}
		if (e.withdrawn_at[0] != '\0') {
			evidence_item_free(&e);
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "evidence",
			    "evidence %ld was withdrawn, so a finding cannot rest on it; reinstate "
			    "it first",
			    num);
			goto out;
		}
		evidence_item_free(&e);
		f->evidence[f->nevidence++] = num;
	}
	qsort(f->evidence, f->nevidence, sizeof(long), cmp_long);
out:
	strv_free(items, n);
	return rc;
}

/* Validates a finding's kind, text, indicators (comma-separated codes of
 * the inspection's framework, or NULL) and evidence numbers (or NULL) into
 * f. */
static int
finding_parse(struct store *st, long id, const char *kind, const char *text, const char *qis,
    const char *evidence, struct finding *f, struct cairn_err *err)
{
	struct framework fw;
	int rc, k = finding_kind_parse(kind != NULL ? kind : "");

	memset(f, 0, sizeof(*f));
	if (k < 0)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "kind",
		    "unknown finding kind '%s'; valid: strength, improvement", kind ? kind : "");
	if (text == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "text",
		    "the finding's text is required");
	if ((rc = text_check("text", "the finding's text", text, TEXT_MAX, err)) != CAIRN_OK)
		return rc;
	if ((rc = load_framework(st, id, &fw, err)) != CAIRN_OK)
		return rc;
	f->kind = (enum finding_kind)k;
	f->text = xstrdup(text);
	if (qis != NULL &&
	    (rc = split_list("qis", "an indicator code", qis, ',', &f->qis, &f->nqis, err)) !=
	        CAIRN_OK)
		goto out;
	for (size_t i = 0; i < f->nqis; i++) {
		if (framework_qi(&fw, f->qis[i]) == NULL) {
			struct buf b = BUF_INIT;

			qi_codes(&fw, &b);
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "qis",
			    "unknown quality indicator '%s' for framework %s; valid: %s", f->qis[i],
			    fw.code, buf_str(&b));
			buf_free(&b);
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(f->qis[i], f->qis[j]) == 0) {
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "qis",
				    "indicator '%s' is listed twice", f->qis[i]);
				goto out;
			}
	}
	if (evidence != NULL)
		rc = finding_evidence(st, id, evidence, f, err);
out:
	framework_free(&fw);
	return rc;
}

/* Frees a finding's contents. */
static void
finding_clear(struct finding *f)
{
	free(f->text);
	strv_free(f->qis, f->nqis);
	free(f->evidence);
	memset(f, 0, sizeof(*f));
}

int
app_finding_add(struct store *st, const struct actor *who, long id, const char *kind,
    const char *text, const char *qis, long *finding_id, struct cairn_err *err)
{
	return app_finding_add_linked(st, who, id, kind, text, qis, NULL, finding_id, err);
}

int
app_finding_add_linked(struct store *st, const struct actor *who, long id, const char *kind,
    const char *text, const char *qis, const char *evidence, long *finding_id,
    struct cairn_err *err)
{
	struct finding f;
	int rc;

	memset(&f, 0, sizeof(f));
	if ((rc = authz_check(st, who, id, ACTION_GRADE, NULL, err)) != CAIRN_OK ||
	    (rc = finding_parse(st, id, kind, text, qis, evidence, &f, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_finding_insert(st, id, &f, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "finding.add", id, finding_kind_code[f.kind], f.text,
		    err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	else if (finding_id != NULL)
		*finding_id = f.id;
out:
	finding_clear(&f);
	return rc;
}

int
app_finding_list(struct store *st, const struct actor *who, long id, struct finding **out,
    size_t *n, struct cairn_err *err)
{
	int rc = authz_check(st, who, id, ACTION_VIEW_INSPECTION, NULL, err);

	*out = NULL;
	*n = 0;
	return rc != CAIRN_OK ? rc : store_finding_list(st, id, out, n, err);
}

/* Loads inspection id's findings and finds fid among them; sets *at to its
 * index.  An unknown finding is an error on "finding". */
static int
finding_find(struct store *st, long id, long fid, struct finding **v, size_t *n, size_t *at,
    struct cairn_err *err)
{
	int rc = store_finding_list(st, id, v, n, err);

	if (rc != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].id == fid) {
			*at = i;
			return CAIRN_OK;
		}
	findings_free(*v, *n);
	*v = NULL;
	*n = 0;
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "finding",
	    "this inspection has no such finding (it may have been removed)");
}

/* Commits or rolls back after a finding change and its audit entry. */
static int
finding_finish(struct store *st, const struct actor *who, long id, const char *action,
    const char *detail, int rc, struct cairn_err *err)
{
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, action, id, NULL, detail, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
}

int
app_finding_update(struct store *st, const struct actor *who, long id, long fid, const char *kind,
    const char *text, const char *qis, const char *evidence, struct cairn_err *err)
{
	struct finding f, *v = NULL;
	size_t n = 0, at = 0;
	char detail[64];
	int rc;

	memset(&f, 0, sizeof(f));
	if ((rc = authz_check(st, who, id, ACTION_GRADE, NULL, err)) != CAIRN_OK ||
	    (rc = finding_parse(st, id, kind, text, qis, evidence != NULL ? evidence : "", &f,
	         err)) != CAIRN_OK)
		goto out;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	if ((rc = finding_find(st, id, fid, &v, &n, &at, err)) == CAIRN_OK) {
		if (v[at].kind != f.kind && v[at].kind == FINDING_IMPROVEMENT)
			rc = finding_no_actions(st, id, fid, "made a strength", err);
	}
	f.id = fid;
	if (rc == CAIRN_OK)
		rc = store_finding_update(st, id, &f, err);
	snprintf(detail, sizeof(detail), "finding %ld (%s)", fid, finding_kind_code[f.kind]);
	if (rc != CAIRN_OK)
		store_rollback(st);
	else
		rc = finding_finish(st, who, id, "finding.update", detail, rc, err);
out:
	findings_free(v, n);
	finding_clear(&f);
	return rc;
}

int
app_finding_remove(struct store *st, const struct actor *who, long id, long fid,
    struct cairn_err *err)
{
	struct finding *v = NULL;
	size_t n = 0, at = 0;
	char detail[64];
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_GRADE, NULL, err)) != CAIRN_OK ||
	    (rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	if ((rc = finding_find(st, id, fid, &v, &n, &at, err)) == CAIRN_OK &&
	    v[at].kind == FINDING_IMPROVEMENT)
		rc = finding_no_actions(st, id, fid, "removed", err);
	if (rc == CAIRN_OK)
		rc = store_finding_delete(st, id, fid, err);
	snprintf(detail, sizeof(detail), "finding %ld removed", fid);
	if (rc != CAIRN_OK)
		store_rollback(st);
	else
		rc = finding_finish(st, who, id, "finding.remove", detail, rc, err);
	findings_free(v, n);
	return rc;
}

int
app_finding_move(struct store *st, const struct actor *who, long id, long fid, int delta,
    struct cairn_err *err)
{
	struct finding *v = NULL;
	size_t n = 0, at = 0, other = 0;
	bool found = false;
	char detail[64];
	int rc;

	if (delta != -1 && delta != 1)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "direction",
		    "a finding moves up or down one place");
	if ((rc = authz_check(st, who, id, ACTION_GRADE, NULL, err)) != CAIRN_OK ||
	    (rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	if ((rc = finding_find(st, id, fid, &v, &n, &at, err)) != CAIRN_OK)
		goto fail;
	/* The neighbour of the same kind, strengths and areas for improvement
	 * each being listed in their own order. */
	for (size_t i = at; delta < 0 ? i-- > 0 : ++i < n;)
		if (v[i].kind == v[at].kind) {
			other = i;
			found = true;
			break;
		}
	if (!found) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "finding",
		    "this finding is already %s", delta < 0 ? "first" : "last");
		goto fail;
	}
	/* Renumber every finding 1..n in the new order, so that equal or
	 * missing positions from before cannot tie. */
	{
		struct finding tmp = v[at];

		v[at] = v[other];
		v[other] = tmp;
	}
	for (size_t i = 0; i < n && rc == CAIRN_OK; i++)
		rc = store_finding_position(st, id, v[i].id, (long)i + 1, err);
	if (rc != CAIRN_OK)
		goto fail;
	snprintf(detail, sizeof(detail), "finding %ld moved %s", fid, delta < 0 ? "up" : "down");
	rc = finding_finish(st, who, id, "finding.move", detail, rc, err);
	findings_free(v, n);
	return rc;
fail:
	store_rollback(st);
	findings_free(v, n);
	return rc;
}

int
app_confidence_set(struct store *st, const struct actor *who, long id, const char *level,
    const char *text, struct cairn_err *err)
{
	struct inspection in;
	enum confidence c = confidence_parse(level != NULL ? level : "");
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_GRADE, NULL, err)) != CAIRN_OK)
		return rc;

	if (c == CONFIDENCE_NONE)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "level",
		    "unknown confidence level '%s'; valid: confident, partially-confident, "
		    "not-confident, high-confidence",
		    level ? level : "");
	if (text != NULL && text[0] != '\0' &&
	    (rc = text_check("text", "the confidence statement", text, TEXT_MAX, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	in.confidence = c;
	if (text != NULL) {
		free(in.confidence_text);
		in.confidence_text = text[0] ? xstrdup(text) : NULL;
	}
	rc = save(st, who, &in, false, "confidence.set", NULL, err);
	inspection_free(&in);
	return rc;
}

/* ---- the news release's stored text (issue 20) ---- */

/* Checks an optional text field; "" clears it. */
static int
release_field(const char *field, const char *what, const char *v, size_t max, struct cairn_err *err)
{
	if (v == NULL || v[0] == '\0')
		return CAIRN_OK;
	return text_check(field, what, v, max, err);
}

/* The check of release text field k (0 quote, 1 quote-by, 2 report-url). */
static int
release_field_check(int k, const char *quote, const char *quote_by, const char *report_url,
    struct cairn_err *err)
{
	switch (k) {
	case 0: return release_field("quote", "the quote", quote, TEXT_MAX, err);
	case 1: return release_field("quote-by", "who is quoted", quote_by, 200, err);
	default:
		if (release_field("report-url", "the report's address", report_url, 500, err) !=
		    CAIRN_OK)
			return err->rc;
		if (report_url != NULL && report_url[0] != '\0' &&
		    strncmp(report_url, "https://", 8) != 0 &&
		    strncmp(report_url, "http://", 7) != 0)
			return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "report-url",
			    "the report's address must start with https:// or http://");
		return CAIRN_OK;
	}
}

size_t
app_release_text_check(const char *quote, const char *quote_by, const char *report_url,
    struct cairn_err *errs, size_t max)
{
	size_t n = 0;

	for (int k = 0; k < 3 && n < max; k++) {
		memset(&errs[n], 0, sizeof(errs[n]));
		if (release_field_check(k, quote, quote_by, report_url, &errs[n]) != CAIRN_OK)
			n++;
	}
	/* A quote given with its attribution cleared. */
	if (n < max && quote != NULL && quote[0] != '\0' && quote_by != NULL &&
	    quote_by[0] == '\0') {
		memset(&errs[n], 0, sizeof(errs[n]));
		cairn_err_field(&errs[n++], CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "quote-by",
		    "a quote needs the name and role of the person quoted, e.g. \"Jackie Irvine, "
		    "Chief Executive of the Care Inspectorate\"");
	}
	return n;
}

int
app_release_text_apply(struct store *st, const struct actor *who, long id, const char *quote,
    const char *quote_by, const char *report_url, struct cairn_err *err)
{
	char *q = NULL, *by = NULL, *url = NULL, detail[64];
	int rc;

	for (int k = 0; k < 3; k++)
		if ((rc = release_field_check(k, quote, quote_by, report_url, err)) != CAIRN_OK)
			return rc;
	if ((rc = store_release_text_get(st, id, &q, &by, &url, err)) != CAIRN_OK)
		return rc;
	if (quote != NULL) {
		free(q);
		q = quote[0] ? xstrdup(quote) : NULL;
	}
	if (quote_by != NULL) {
		free(by);
		by = quote_by[0] ? xstrdup(quote_by) : NULL;
	}
	if (report_url != NULL) {
		free(url);
		url = report_url[0] ? xstrdup(report_url) : NULL;
	}
	if (q != NULL && by == NULL) {
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "quote-by",
		    "a quote needs the name and role of the person quoted, e.g. \"Jackie Irvine, "
		    "Chief Executive of the Care Inspectorate\"");
		goto out;
	}
	snprintf(detail, sizeof(detail), "quote %s, report address %s", q ? "set" : "none",
	    url ? "set" : "none");
	if ((rc = store_release_text_put(st, id, q, by, url, err)) == CAIRN_OK)
		rc = audit_record(st, who, "release.text", id, "inspection", detail, err);
out:
	free(q);
	free(by);
	free(url);
	return rc;
}

int
app_release_text_set(struct store *st, const struct actor *who, long id, const char *quote,
    const char *quote_by, const char *report_url, struct cairn_err *err)
{
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_PUBLISH, NULL, err)) != CAIRN_OK)
		return rc;
	for (int k = 0; k < 3; k++)
		if ((rc = release_field_check(k, quote, quote_by, report_url, err)) != CAIRN_OK)
			return rc;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_release_text_apply(st, who, id, quote, quote_by, report_url, err)) !=
	        CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
	return rc;
}

int
app_release_text_get(struct store *st, const struct actor *who, long id, char **quote,
    char **quote_by, char **report_url, struct cairn_err *err)
{
	int rc;

	*quote = *quote_by = *report_url = NULL;
	if ((rc = authz_check(st, who, id, ACTION_VIEW_INSPECTION, NULL, err)) != CAIRN_OK)
		return rc;
	return store_release_text_get(st, id, quote, quote_by, report_url, err);
}
