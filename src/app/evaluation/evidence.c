/* The evidence log: see evidence.h. */
#include "app/access/authz.h"
#include "app/evaluation/evidence.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"
#include "app/publication/signoff.h"
#include "app/access/role.h"
#include "app/setup/team.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "store/store.h"

/* Longest evidence text, participants, in bytes. */
#define EVIDENCE_TEXT_MAX 20000
#define PARTICIPANTS_MAX  2000
/* Largest attached file, in bytes. */
#define EVIDENCE_FILE_MAX ((size_t)64 << 20)
/* Longest attached file name kept, in bytes. */
#define FILE_NAME_MAX 255

const struct evidence_source_info evidence_source_table[SOURCE__MAX] = {
	[SOURCE_POSITION_STATEMENT] = { "position-statement", "Position statement" },
	[SOURCE_DOCUMENT] = { "document", "Document" },
	[SOURCE_INTERVIEW] = { "interview", "Interview" },
	[SOURCE_FOCUS_GROUP] = { "focus-group", "Focus group" },
	[SOURCE_OBSERVATION] = { "observation", "Observation of practice" },
	[SOURCE_PROFESSIONAL_DISCUSSION] = { "professional-discussion", "Professional discussion" },
	[SOURCE_STAFF_SURVEY] = { "staff-survey", "Staff survey" },
	[SOURCE_CYP_SURVEY] = { "cyp-survey", "Children and young people survey" },
	[SOURCE_PARENT_CARER_SURVEY] = { "parent-carer-survey", "Parent and carer survey" },
	[SOURCE_RECORDS_READING] = { "records-reading", "Records reading" },
	[SOURCE_DATA] = { "data", "Data" },
	[SOURCE_YOUNG_INSPECTORS] = { "young-inspectors", "Young inspectors" },
};
_Static_assert(sizeof(evidence_source_table) / sizeof(evidence_source_table[0]) == SOURCE__MAX,
    "evidence_source_table: one entry per value");

const char *const evidence_status_code[STATUS__MAX] = {
	[STATUS_NO_CONCERN] = "no-concern",
	[STATUS_UNCERTAINTY] = "uncertainty",
	[STATUS_CONCERN] = "concern",
	[STATUS_STRENGTH] = "strength",
	[STATUS_IMPROVEMENT] = "improvement",
};
_Static_assert(sizeof(evidence_status_code) / sizeof(evidence_status_code[0]) == STATUS__MAX,
    "evidence_status_code: one entry per value");

const char *const evidence_status_label[STATUS__MAX] = {
	[STATUS_NO_CONCERN] = "No significant concern",
	[STATUS_UNCERTAINTY] = "Area of uncertainty",
	[STATUS_CONCERN] = "Concern",
	[STATUS_STRENGTH] = "Strength",
	[STATUS_IMPROVEMENT] = "Area for improvement",
};
_Static_assert(sizeof(evidence_status_label) / sizeof(evidence_status_label[0]) == STATUS__MAX,
    "evidence_status_label: one entry per value");

/* Which status changes are allowed: may_change[from] is a set of "to"s. */
#define B(s) (1u << (s))
static const unsigned may_change[STATUS__MAX] = {
	[STATUS_NO_CONCERN] = B(STATUS_UNCERTAINTY) | B(STATUS_CONCERN) | B(STATUS_STRENGTH),
	[STATUS_UNCERTAINTY] =
	    B(STATUS_NO_CONCERN) | B(STATUS_CONCERN) | B(STATUS_STRENGTH) | B(STATUS_IMPROVEMENT),
	[STATUS_CONCERN] = B(STATUS_UNCERTAINTY) | B(STATUS_IMPROVEMENT),
	[STATUS_STRENGTH] = B(STATUS_UNCERTAINTY),
	[STATUS_IMPROVEMENT] = B(STATUS_UNCERTAINTY),
};
_Static_assert(sizeof(may_change) / sizeof(may_change[0]) == STATUS__MAX,
    "may_change: one entry per value");
#undef B

int
evidence_source_parse(const char *code)
{
	for (int i = 0; code != NULL && i < SOURCE__MAX; i++)
		if (strcmp(code, evidence_source_table[i].code) == 0)
			return i;
	return -1;
}

int
evidence_status_parse(const char *code)
{
	for (int i = 0; code != NULL && i < STATUS__MAX; i++)
		if (strcmp(code, evidence_status_code[i]) == 0)
			return i;
	return -1;
}

bool
evidence_status_may_change(enum evidence_status a, enum evidence_status b)
{
	if ((unsigned)a >= STATUS__MAX || (unsigned)b >= STATUS__MAX)
		return false;
	return (may_change[a] >> (unsigned)b) & 1u;
}

/* Writes the valid sources into b, comma-separated. */
static void
source_codes(struct buf *b)
{
	for (int i = 0; i < SOURCE__MAX; i++)
		buf_printf(b, "%s%s", i ? ", " : "", evidence_source_table[i].code);
}

/* Parses a source code, or refuses it naming the valid ones. */
static int
parse_source(const char *code, int *out, struct cairn_err *err)
{
	struct buf b = BUF_INIT;
	int rc;

	if ((*out = evidence_source_parse(code)) >= 0)
		return CAIRN_OK;
	source_codes(&b);
	rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "source",
	    "unknown source '%s'; valid: %s", code, buf_str(&b));
	buf_free(&b);
	return rc;
}

/* Parses a status code, or refuses it naming the valid ones. */
static int
parse_status(const char *code, int *out, struct cairn_err *err)
{
	if ((*out = evidence_status_parse(code)) >= 0)
		return CAIRN_OK;
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "status",
	    "unknown status '%s'; valid: no-concern, uncertainty, "
	    "concern, strength, improvement",
	    code);
}

/* Loads the framework of inspection id. */
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

/* Refuses an indicator code the framework lacks, naming the valid ones. */
static int
check_qi(const struct framework *fw, const char *qi, struct cairn_err *err)
{
	struct buf b = BUF_INIT;
	int rc;

	if (framework_qi(fw, qi) != NULL)
		return CAIRN_OK;
	for (size_t i = 0; i < fw->nqis; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", fw->qis[i].code);
	rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "qis",
	    "unknown quality indicator '%s' for framework %s; "
	    "valid: %s",
	    qi, fw->code, buf_str(&b));
	buf_free(&b);
	return rc;
}

/* Splits a comma-separated list of indicator codes into *out, checking
 * each against the framework and refusing duplicates. */
static int
parse_qis(const struct framework *fw, const char *list, char ***out, size_t *n,
    struct cairn_err *err)
{
	char *copy = xstrdup(list), *p = copy;
	size_t cap = 0;
	int rc = CAIRN_OK;

	*out = NULL;
	*n = 0;
	while (p != NULL && rc == CAIRN_OK) {
		char *next = strchr(p, ','), *item;

		if (next != NULL)
			*next++ = '\0';
		item = text_trim(p);
		p = next;
		if (*item == '\0')
			continue;
		if ((rc = check_qi(fw, item, err)) != CAIRN_OK)
			break;
		for (size_t j = 0; j < *n; j++)
			if (strcmp((*out)[j], item) == 0)
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "qis",
				    "indicator '%s' is listed twice", item);
		if (rc != CAIRN_OK)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
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

void
app_evidence_dir(struct store *st, struct buf *b)
{
	buf_printf(b, "%s.files", store_path(st));
}

/* A file read, hashed and written to the files directory. */
struct stored_file {
	char sha256[65]; /* hex SHA-256 */
	long size;       /* bytes */
	char *name;      /* original base name, cleaned; malloc'd */
};

/*
 * Reads path, hashes it and writes it to DB.files/HASH unless a file of
 * that hash is there already.  The name kept is name (NULL: the path's
 * base name), cut after its last '/' or '\\' and to FILE_NAME_MAX bytes,
 * with any byte that is not printable UTF-8 replaced by '_'; it is
 * metadata only.
 */
static int
store_file(struct store *st, const char *path, const char *name, struct stored_file *f,
    struct cairn_err *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	struct buf dir = BUF_INIT, dest = BUF_INIT;
	struct stat sb;
	char *data = NULL, *copy;
	size_t len = 0;
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = file_read_all(path, EVIDENCE_FILE_MAX, &data, &len, err)) != CAIRN_OK)
		return rc;
	crypto_hash_sha256(digest, (const unsigned char *)data, len);
	sodium_bin2hex(f->sha256, sizeof(f->sha256), digest, sizeof(digest));
	f->size = (long)len;
	if (name != NULL && name[0] != '\0') {
		const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');

		if (back != NULL && (slash == NULL || back > slash))
			slash = back;
		f->name = xstrdup(slash != NULL && slash[1] != '\0' ? slash + 1 : name);
	} else {
		copy = xstrdup(path);
		f->name = xstrdup(basename(copy));
		free(copy);
	}
	if (strlen(f->name) > FILE_NAME_MAX) {
		size_t cut = FILE_NAME_MAX;

		while (cut > 0 && ((unsigned char)f->name[cut] & 0xc0) == 0x80)
			cut--; /* not inside a UTF-8 character */
		f->name[cut] = '\0';
	}
	if (!text_utf8_valid(f->name, strlen(f->name)))
		for (char *p = f->name; *p != '\0'; p++)
			if ((unsigned char)*p >= 0x80)
				*p = '_';
	for (char *p = f->name; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '_';
	app_evidence_dir(st, &dir);
	if (mkdir(buf_str(&dir), 0700) != 0 && errno != EEXIST) {
		rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot create the files directory %s: %s",
		    buf_str(&dir), strerror(errno));
		goto out;
	}
	buf_printf(&dest, "%s/%s", buf_str(&dir), f->sha256);
	if (buf_failed(&dest)) {
		rc = cairn_errf(err, CAIRN_ECANTCREAT, "the files directory's path is too long");
		goto out;
	}
	if (stat(buf_str(&dest), &sb) != 0 || (size_t)sb.st_size != len)
		rc = file_write_atomic(buf_str(&dest), data, len, err);
out:
	if (rc != CAIRN_OK) {
		free(f->name);
		f->name = NULL;
	}
	buf_free(&dir);
	buf_free(&dest);
	free(data);
	return rc;
}

/* Works out who gathered new evidence (by, or the actor) and whether
 * they are a young inspector; the person must be on the team unless it
 * is the local administrator acting without --by. */
static int
gatherer(struct store *st, const struct actor *who, long id, const char *by, char **out,
    bool *young, struct cairn_err *err)
{
	const char *person = by != NULL ? by : who->name;
	char role[32];
	int rc;

	*out = NULL;
	*young = false;
	if ((rc = app_person_check(person, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_team_role(st, id, person, role, sizeof(role), err)) != CAIRN_OK)
		return rc;
	if (role[0] == '\0' && (by != NULL || !actor_is_local(who)))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "by",
		    "%s is not on the team of inspection %ld; the team page shows who is", person,
		    id);
	*young = strcmp(role, "young-inspector") == 0;
	*out = xstrdup(person);
	return CAIRN_OK;
}

int
app_evidence_add(struct store *st, const struct actor *who, long id, const struct evidence_req *req,
    long *number, char sha256[static 65], struct cairn_err *err)
{
	struct evidence_item e;
	struct framework fw;
	struct stored_file f;
	struct cdate d;
	int rc, source, status = STATUS_NO_CONCERN;
	char detail[128];

	/* Recording evidence in someone else's name is changing the log as a
	 * whole, not adding one's own. */
	if ((rc = authz_check(st, who, id, ACTION_ADD_EVIDENCE, NULL, err)) != CAIRN_OK ||
	    (req->by != NULL && who->person != NULL && strcmp(req->by, who->person) != 0 &&
	        (rc = authz_check(st, who, id, ACTION_UPDATE_EVIDENCE, NULL, err)) != CAIRN_OK))
		return rc;

	memset(&e, 0, sizeof(e));
	memset(&fw, 0, sizeof(fw));
	memset(&f, 0, sizeof(f));
	sha256[0] = '\0';
	if (req->source == NULL) {
		struct buf b = BUF_INIT;

		source_codes(&b);
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "source",
		    "the source of the evidence is required; valid: %s", buf_str(&b));
		buf_free(&b);
		return rc;
	}
	if (req->text == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "text",
		    "the evidence text is required");
	if ((rc = parse_source(req->source, &source, err)) != CAIRN_OK ||
	    (rc = text_check("text", "the evidence text", req->text, EVIDENCE_TEXT_MAX, err)) !=
	        CAIRN_OK ||
	    (req->status != NULL && (rc = parse_status(req->status, &status, err)) != CAIRN_OK))
		return rc;
	if (req->participants != NULL && req->participants[0] != '\0' &&
	    (rc = text_check("participants", "the participants", req->participants,
	         PARTICIPANTS_MAX, err)))
		return rc;
	if (req->date != NULL && req->date[0] != '\0') {
		if (!date_parse(req->date, &d))
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "date",
			    "the date '%s' is not a date; use "
			    "YYYY-MM-DD",
			    req->date);
		date_iso(&d, e.gathered_on);
	}
	if ((rc = load_framework(st, id, &fw, err)) != CAIRN_OK)
		return rc;
	if (req->qis != NULL && (rc = parse_qis(&fw, req->qis, &e.qis, &e.nqis, err)) != CAIRN_OK)
		goto out;
	if ((rc = gatherer(st, who, id, req->by, &e.recorded_by, &e.young_inspector, err)))
		goto out;
	if (req->file != NULL &&
	    (rc = store_file(st, req->file, req->file_name, &f, err)) != CAIRN_OK)
		goto out;
	e.source = xstrdup(evidence_source_table[source].code);
	e.text = xstrdup(req->text);
	text_copy(e.status, sizeof(e.status), evidence_status_code[status]);
	e.participants =
	    req->participants != NULL && req->participants[0] ? xstrdup(req->participants) : NULL;
	if (f.name != NULL) {
		memcpy(e.file_sha256, f.sha256, sizeof(e.file_sha256));
		e.file_name = xstrdup(f.name);
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	if (f.name != NULL)
		rc = store_evidence_file_record(st, f.sha256, f.size, err);
	if (rc == CAIRN_OK)
		rc = store_evidence_insert(st, id, &e, err);
	if (rc == CAIRN_OK && req->also != NULL)
		rc = req->also(st, e.id, req->also_arg, err);
	if (rc == CAIRN_OK)
		rc = store_evidence_change_add(st, e.id, who->name, "created", NULL, e.status, err);
	snprintf(detail, sizeof(detail), "%s, %s%s", e.source, e.status,
	    e.young_inspector ? ", young inspector" : "");
	if (rc == CAIRN_OK) {
		char subject[32];

		snprintf(subject, sizeof(subject), "evidence %ld", e.number);
		rc = audit_record(st, who, "evidence.add", id, subject, detail, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK) {
		store_rollback(st);
		goto out;
	}
	*number = e.number;
	memcpy(sha256, e.file_sha256, 65);
out:
	free(f.name);
	evidence_item_free(&e);
	framework_free(&fw);
	return rc;
}

/* Joins a list of strings with commas into a malloc'd string. */
static char *
join(char **v, size_t n)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "," : "", v[i]);
	return buf_take(&b);
}

/* One field change to record. */
struct change {
	const char *field;
	char *old_value; /* malloc'd */
	char *new_value; /* malloc'd */
};

/* Notes that field changes from a to b (either may be NULL or "") if
 * they differ; returns true if it did. */
static bool
note(struct change *v, size_t *n, const char *field, const char *a, const char *b)
{
	const char *x = a != NULL ? a : "", *y = b != NULL ? b : "";

	if (strcmp(x, y) == 0)
		return false;
	v[*n].field = field;
	v[*n].old_value = x[0] ? xstrdup(x) : NULL;
	v[*n].new_value = y[0] ? xstrdup(y) : NULL;
	(*n)++;
	return true;
}

/* Applies the changes in req to *e, validating each, and lists them in
 * ch (at most 8). */
static int
apply_changes(struct store *st, long id, const struct evidence_req *req, struct evidence_item *e,
    struct change *ch, size_t *nch, struct stored_file *f, struct cairn_err *err)
{
	struct framework fw;
	int rc = CAIRN_OK, v;

	memset(&fw, 0, sizeof(fw));
	if (req->by != NULL)
		return cairn_errf(err, CAIRN_EUSAGE,
		    "who gathered evidence cannot be changed; "
		    "add new evidence instead");
	if (req->source != NULL) {
		if ((rc = parse_source(req->source, &v, err)) != CAIRN_OK)
			return rc;
		if (note(ch, nch, "source", e->source, evidence_source_table[v].code)) {
			free(e->source);
			e->source = xstrdup(evidence_source_table[v].code);
		}
	}
	if (req->text != NULL) {
		if ((rc = text_check("text", "the evidence text", req->text, EVIDENCE_TEXT_MAX,
		         err)))
			return rc;
		if (note(ch, nch, "text", e->text, req->text)) {
			free(e->text);
			e->text = xstrdup(req->text);
		}
	}
	if (req->status != NULL) {
		int from = evidence_status_parse(e->status);

		if ((rc = parse_status(req->status, &v, err)) != CAIRN_OK)
			return rc;
		if (v != from &&
		    !evidence_status_may_change((enum evidence_status)from,
		        (enum evidence_status)v))
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "status",
			    "evidence %ld cannot go from %s to %s; %s", e->number, e->status,
			    req->status,
			    from == STATUS_CONCERN
			        ? "a concern becomes an improvement or is reopened "
			          "as an uncertainty"
			        : from == STATUS_NO_CONCERN ? "no concern may become an "
			                                      "uncertainty, a concern or a strength"
			                                    : "reopen it as an uncertainty first");
		if (note(ch, nch, "status", e->status, req->status))
			text_copy(e->status, sizeof(e->status), req->status);
	}
	if (req->participants != NULL) {
		if (req->participants[0] != '\0' &&
		    (rc = text_check("participants", "the participants", req->participants,
		         PARTICIPANTS_MAX, err)))
			return rc;
		if (note(ch, nch, "participants", e->participants, req->participants)) {
			free(e->participants);
			e->participants = req->participants[0] ? xstrdup(req->participants) : NULL;
		}
	}
	if (req->date != NULL) {
		char on[11] = "";
		struct cdate d;

		if (req->date[0] != '\0') {
			if (!date_parse(req->date, &d))
				return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "date",
				    "the date '%s' is not a date; use "
				    "YYYY-MM-DD",
				    req->date);
			date_iso(&d, on);
		}
		if (note(ch, nch, "date", e->gathered_on, on))
			memcpy(e->gathered_on, on, sizeof(on));
	}
	if (req->qis != NULL) {
		char **qis = NULL, *a, *b;
		size_t n = 0;

		if ((rc = load_framework(st, id, &fw, err)) != CAIRN_OK ||
		    (rc = parse_qis(&fw, req->qis, &qis, &n, err)) != CAIRN_OK)
			goto out;
		/* An indicator whose grade rests on this evidence cannot be dropped. */
		for (size_t i = 0; i < e->nqis && rc == CAIRN_OK; i++) {
			bool kept = false;
			long *links = NULL;
			size_t nlinks = 0;

			for (size_t j = 0; j < n; j++)
				kept |= strcmp(e->qis[i], qis[j]) == 0;
			if (kept ||
			    (rc = store_grade_links_list(st, id, e->qis[i], &links, &nlinks,
			         err)) != CAIRN_OK)
				continue;
			for (size_t j = 0; j < nlinks && rc == CAIRN_OK; j++)
				if (links[j] == e->number)
					rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT,
					    "qis",
					    "evidence %ld is linked to the grade "
					    "of %s; unlink it from that grade first",
					    e->number, e->qis[i]);
			free(links);
		}
		if (rc != CAIRN_OK) {
			strv_free(qis, n);
			goto out;
		}
		a = join(e->qis, e->nqis);
		b = join(qis, n);
		if (note(ch, nch, "qis", a, b)) {
			strv_free(e->qis, e->nqis);
			e->qis = qis;
			e->nqis = n;
		} else {
			strv_free(qis, n);
		}
		free(a);
		free(b);
	}
	if (req->file != NULL) {
		if ((rc = store_file(st, req->file, req->file_name, f, err)) != CAIRN_OK)
			goto out;
		if (note(ch, nch, "file", e->file_sha256, f->sha256)) {
			memcpy(e->file_sha256, f->sha256, sizeof(e->file_sha256));
			free(e->file_name);
			e->file_name = xstrdup(f->name);
		}
	}
out:
	framework_free(&fw);
	return rc;
}

int
app_evidence_update(struct store *st, const struct actor *who, long id, long number,
    const struct evidence_req *req, char sha256[static 65], struct cairn_err *err)
{
	struct evidence_item e;
	struct stored_file f;
	struct change ch[8];
	struct buf detail = BUF_INIT;
	size_t nch = 0;
	char subject[32];
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_UPDATE_OWN_EVIDENCE, NULL, err)) != CAIRN_OK)
		return rc;

	memset(&f, 0, sizeof(f));
	sha256[0] = '\0';
	/* Who may change which evidence: the role table, and whose it is. */
	if ((rc = app_evidence_authorise(st, id, number, who->person, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_evidence_get(st, id, number, &e, err)) != CAIRN_OK)
		return rc;
	if (e.withdrawn_at[0] != '\0') {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, NULL,
		    "evidence %ld is withdrawn; reinstate it before changing it", number);
		goto out;
	}
	if ((rc = apply_changes(st, id, req, &e, ch, &nch, &f, err)) != CAIRN_OK)
		goto out;
	if (nch == 0) {
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, NULL,
		    "nothing to change in evidence %ld: give a new status, text, source, "
		    "indicators, participants, date or file",
		    number);
		goto out;
	}
	for (size_t i = 0; i < nch; i++)
		buf_printf(&detail, "%s%s: %s -> %s", i ? "; " : "", ch[i].field,
		    ch[i].old_value ? ch[i].old_value : "(none)",
		    ch[i].new_value ? ch[i].new_value : "(none)");
	snprintf(subject, sizeof(subject), "evidence %ld", number);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	if (f.name != NULL)
		rc = store_evidence_file_record(st, f.sha256, f.size, err);
	if (rc == CAIRN_OK)
		rc = store_evidence_update(st, &e, err);
	for (size_t i = 0; i < nch && rc == CAIRN_OK; i++)
		rc = store_evidence_change_add(st, e.id, who->name, ch[i].field, ch[i].old_value,
		    ch[i].new_value, err);
	if (rc == CAIRN_OK && e.linked) {
		char reason[96];

		snprintf(reason, sizeof(reason), "linked evidence %ld changed", number);
		rc = panel_void_signoff(st, who, id, reason, err);
	}
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "evidence.update", id, subject, buf_str(&detail), err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	else if (f.name != NULL)
		memcpy(sha256, f.sha256, 65);
out:
	for (size_t i = 0; i < nch; i++) {
		free(ch[i].old_value);
		free(ch[i].new_value);
	}
	buf_free(&detail);
	free(f.name);
	evidence_item_free(&e);
	return rc;
}

/* Withdraws (withdraw true) or reinstates evidence number: see
 * app_evidence_withdraw. */
static int
withdrawal(struct store *st, const struct actor *who, long id, long number, bool withdraw,
    const char *reason, struct cairn_err *err)
{
	struct evidence_item e;
	char subject[32], at[21];
	struct buf detail = BUF_INIT;
	bool has_reason = reason != NULL && reason[0] != '\0';
	int rc;

	memset(&e, 0, sizeof(e));
	if ((rc = authz_check(st, who, id, ACTION_UPDATE_OWN_EVIDENCE, NULL, err)) != CAIRN_OK)
		return rc;
	if (withdraw && !has_reason)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "reason",
		    "say why the evidence is withdrawn");
	if (has_reason &&
	    (rc = text_check("reason", "the reason", reason, EVIDENCE_REASON_MAX, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_evidence_get(st, id, number, &e, err)) != CAIRN_OK) {
		if (rc == CAIRN_EDATA) {
			char msg[CAIRN_ERR_MSG];

			memcpy(msg, err->msg, sizeof(msg));
			cairn_err_clear(err);
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "number", "%s",
			    msg);
		}
		goto fail;
	}
	/* Who may change which evidence: the role table, and whose it is. */
	if ((rc = app_evidence_authorise(st, id, number, who->person, err)) != CAIRN_OK)
		goto fail;
	if (withdraw == (e.withdrawn_at[0] != '\0')) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, NULL,
		    withdraw ? "evidence %ld is already withdrawn"
		             : "evidence %ld is not withdrawn",
		    number);
		goto fail;
	}
	free(e.withdrawn_by);
	free(e.withdrawn_reason);
	e.withdrawn_by = e.withdrawn_reason = NULL;
	e.withdrawn_at[0] = '\0';
	if (withdraw) {
		store_now(at);
		memcpy(e.withdrawn_at, at, sizeof(e.withdrawn_at));
		e.withdrawn_by = xstrdup(who->name);
		e.withdrawn_reason = xstrdup(reason);
	}
	snprintf(subject, sizeof(subject), "evidence %ld", number);
	buf_printf(&detail, "%s%s%s", withdraw ? "withdrawn" : "reinstated", has_reason ? ": " : "",
	    has_reason ? reason : "");
	rc = store_evidence_withdrawn(st, &e, err);
	if (rc == CAIRN_OK)
		rc = store_evidence_change_add(st, e.id, who->name,
		    withdraw ? "withdrawn" : "reinstated", NULL, has_reason ? reason : NULL, err);
	if (rc == CAIRN_OK && e.linked) {
		char why[96];

		snprintf(why, sizeof(why), "linked evidence %ld %s", number,
		    withdraw ? "withdrawn" : "reinstated");
		rc = panel_void_signoff(st, who, id, why, err);
	}
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, withdraw ? "evidence.withdraw" : "evidence.reinstate",
		    id, subject, buf_str(&detail), err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		goto fail;
	buf_free(&detail);
	evidence_item_free(&e);
	return CAIRN_OK;
fail:
	store_rollback(st);
	buf_free(&detail);
	evidence_item_free(&e);
	return rc;
}

int
app_evidence_withdraw(struct store *st, const struct actor *who, long id, long number,
    const char *reason, struct cairn_err *err)
{
	return withdrawal(st, who, id, number, true, reason, err);
}

int
app_evidence_reinstate(struct store *st, const struct actor *who, long id, long number,
    const char *reason, struct cairn_err *err)
{
	return withdrawal(st, who, id, number, false, reason, err);
}

int
app_evidence_open(struct store *st, long id, struct evidence_item **out, size_t *n,
    struct cairn_err *err)
{
	size_t keep = 0;
	int rc = app_evidence_list(st, id, NULL, "uncertainty", out, n, err);

	if (rc != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < *n; i++) {
		if ((*out)[i].withdrawn_at[0] != '\0')
			evidence_item_free(&(*out)[i]);
		else
			(*out)[keep++] = (*out)[i];
	}
	*n = keep;
	return CAIRN_OK;
}

int
app_evidence_authorise(struct store *st, long id, long number, const char *person,
    struct cairn_err *err)
{
	struct evidence_item e;
	enum role r;
	int rc;

	if (person == NULL)
		return CAIRN_OK;
	struct actor acting = actor_cli(person);

	if ((rc = authz_check(st, &acting, id, ACTION_UPDATE_OWN_EVIDENCE, &r, err)) != CAIRN_OK ||
	    (rc = app_person_check(person, err)) != CAIRN_OK ||
	    (rc = app_team_role(st, id, person, &r, err)) != CAIRN_OK)
		return rc;
	if (role_may(r, ACTION_UPDATE_EVIDENCE))
		return CAIRN_OK;
	if (!role_may(r, ACTION_UPDATE_OWN_EVIDENCE))
		return cairn_errf(err, CAIRN_EPERM,
		    "you are %s on this inspection and may not change evidence",
		    role_table[r].phrase);
	if ((rc = store_evidence_get(st, id, number, &e, err)) != CAIRN_OK)
		return rc;
	if (strcmp(e.recorded_by, person) != 0)
		rc = cairn_errf(err, CAIRN_EPERM,
		    "you are %s on this inspection and may change only the evidence you "
		    "recorded: evidence %ld was recorded by %s",
		    role_table[r].phrase, number, e.recorded_by);
	evidence_item_free(&e);
	return rc;
}

int
app_evidence_list(struct store *st, long id, const char *qi, const char *status,
    struct evidence_item **out, size_t *n, struct cairn_err *err)
{
	struct framework fw;
	size_t keep = 0;
	int rc, s = -1;

	*out = NULL;
	*n = 0;
	if ((rc = load_framework(st, id, &fw, err)) != CAIRN_OK)
		return rc;
	if ((qi != NULL && (rc = check_qi(&fw, qi, err)) != CAIRN_OK) ||
	    (status != NULL && (rc = parse_status(status, &s, err)) != CAIRN_OK) ||
	    (rc = store_evidence_list(st, id, out, n, err)) != CAIRN_OK)
		goto out;
	for (size_t i = 0; i < *n; i++) {
		struct evidence_item *e = &(*out)[i];
		bool ok = status == NULL || strcmp(e->status, status) == 0;

		if (ok && qi != NULL) {
			ok = false;
			for (size_t j = 0; j < e->nqis; j++)
				ok |= strcmp(e->qis[j], qi) == 0;
		}
		if (ok)
			(*out)[keep++] = *e;
		else
			evidence_item_free(e);
	}
	*n = keep;
out:
	framework_free(&fw);
	return rc;
}

void
evidence_page_free(struct evidence_page *p)
{
	if (p == NULL)
		return;
	evidence_items_free(p->items, p->n);
	memset(p, 0, sizeof(*p));
}

int
app_evidence_page(struct store *st, long id, const struct evidence_filter *f, long page, long per,
    struct evidence_page *out, struct cairn_err *err)
{
	struct framework fw;
	int rc, code;

	memset(out, 0, sizeof(*out));
	if (per <= 0)
		return cairn_errf(err, CAIRN_ESOFTWARE, "a page of evidence must hold items");
	if ((rc = load_framework(st, id, &fw, err)) != CAIRN_OK)
		return rc;
	if ((f->qi != NULL && (rc = check_qi(&fw, f->qi, err)) != CAIRN_OK) ||
	    (f->status != NULL && (rc = parse_status(f->status, &code, err)) != CAIRN_OK) ||
	    (f->source != NULL && (rc = parse_source(f->source, &code, err)) != CAIRN_OK))
		goto out;
	if ((rc = store_evidence_count(st, id, f, &out->total, err)) != CAIRN_OK)
		goto out;
	out->pages = out->total > 0 ? (out->total + per - 1) / per : 1;
	if (page < 1 || page > out->pages) {
		rc = cairn_errf(err, CAIRN_EUSAGE,
		    "there is no page %ld of this evidence log; "
		    "valid: 1 to %ld",
		    page, out->pages);
		goto out;
	}
	out->page = page;
	rc = store_evidence_page(st, id, f, per, (page - 1) * per, &out->items, &out->n, err);
out:
	framework_free(&fw);
	return rc;
}

int
app_evidence_after(struct store *st, long id, const struct evidence_filter *f, long after,
    long limit, struct evidence_item **out, size_t *n, struct cairn_err *err)
{
	struct framework fw;
	int rc, code;

	*out = NULL;
	*n = 0;
	if (limit < 1 || limit > EVIDENCE_AFTER_MAX + 1 || after < 0)
		return cairn_errf(err, CAIRN_ESOFTWARE,
		    "a page of evidence must hold 1 to %d items", EVIDENCE_AFTER_MAX + 1);
	if ((rc = load_framework(st, id, &fw, err)) != CAIRN_OK)
		return rc;
	if ((f->qi == NULL || (rc = check_qi(&fw, f->qi, err)) == CAIRN_OK) &&
	    (f->status == NULL || (rc = parse_status(f->status, &code, err)) == CAIRN_OK) &&
	    (f->source == NULL || (rc = parse_source(f->source, &code, err)) == CAIRN_OK))
		rc = store_evidence_after(st, id, f, after, limit, out, n, err);
	framework_free(&fw);
	return rc;
}

int
app_evidence_get(struct store *st, long id, long number, struct evidence_item *e,
    struct evidence_change **changes, size_t *nchanges, struct cairn_err *err)
{
	int rc;

	*changes = NULL;
	*nchanges = 0;
	if ((rc = store_evidence_get(st, id, number, e, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_evidence_change_list(st, e->id, changes, nchanges, err)) != CAIRN_OK)
		evidence_item_free(e);
	return rc;
}

void
evidence_file_free(struct evidence_file *f)
{
	if (f == NULL)
		return;
	if (f->fd >= 0)
		close(f->fd);
	free(f->name);
	memset(f, 0, sizeof(*f));
	f->fd = -1;
}

/* Returns true if s is a SHA-256 in lower-case hex (64 digits). */
static bool
sha256_hex(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return n == 64 && s[n] == '\0';
}

int
app_evidence_file(struct store *st, long id, long number, struct evidence_file *out,
    struct cairn_err *err)
{
	struct evidence_item e;
	struct buf path = BUF_INIT;
	struct stat sb;
	int rc;

	memset(out, 0, sizeof(*out));
	out->fd = -1;
	if ((rc = store_evidence_get(st, id, number, &e, err)) != CAIRN_OK)
		return rc;
	if (e.file_sha256[0] == '\0') {
		rc = cairn_err_field(err, CAIRN_ENOINPUT, CAIRN_CODE_UNKNOWN, NULL,
		    "evidence %ld of inspection %ld has no file", number, id);
		goto out;
	}
	if (!sha256_hex(e.file_sha256)) {
		rc = cairn_errf(err, CAIRN_ESOFTWARE,
		    "evidence %ld of inspection %ld records a file hash that is not a SHA-256",
		    number, id);
		goto out;
	}
	app_evidence_dir(st, &path);
	buf_printf(&path, "/%s", e.file_sha256);
	if (buf_failed(&path)) {
		rc = cairn_errf(err, CAIRN_ESOFTWARE, "the files directory's path is too long");
		goto out;
	}
	out->fd = open(buf_str(&path), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (out->fd < 0 || fstat(out->fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		rc = cairn_errf(err, CAIRN_ENOINPUT, "the file of evidence %ld (%s) is missing: %s",
		    number, buf_str(&path), out->fd < 0 ? strerror(errno) : "not a regular file");
		goto out;
	}
	if (sb.st_size != (off_t)e.file_size) {
		rc = cairn_errf(err, CAIRN_ENOINPUT,
		    "the file of evidence %ld (%s) is %lld bytes, not the %ld recorded", number,
		    buf_str(&path), (long long)sb.st_size, e.file_size);
		goto out;
	}
	out->size = (size_t)sb.st_size;
	memcpy(out->sha256, e.file_sha256, sizeof(out->sha256));
	out->name = xstrdup(e.file_name != NULL && e.file_name[0] != '\0' ? e.file_name : "file");
out:
	if (rc != CAIRN_OK)
		evidence_file_free(out);
	buf_free(&path);
	evidence_item_free(&e);
	return rc;
}
