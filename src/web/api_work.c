/*
 * The JSON API over an inspection's work, mirroring the pages with the same
 * access rules: the records sample (roles that see every child-level
 * record), the records assigned to the token's account and their readings
 * (only the reader a record is assigned to; anyone else gets 404 as if it
 * did not exist), the evidence log, the report files and the stage.  Every
 * read of child-level data is audited before it is answered; bodies are
 * checked by the one validator (web/apibody.h) before anything else.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

#include <jansson.h>

#include "app/evaluation/evidence.h"
#include "app/publication/report_model.h"
#include "app/records/reader.h"
#include "app/records/reading.h"
#include "app/access/role.h"
#include "app/records/sample.h"
#include "app/setup/stage.h"
#include "app/records/template.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/database.h"
#include "core/model.h"
#include "core/work.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* Longest answer, evidence text and other strings accepted, in bytes. */
#define ANSWER_MAX        20000
#define EVIDENCE_TEXT_MAX 20000
/* Most answers in one body (items x agencies, as on the form). */
#define ANSWERS_MAX 160

/* A reading: answers keyed "ITEM" or "ITEM@AGENCY"; submit to lock it. */
static const struct api_field reading_fields[] = {
	{ "answers", AT_STRING_MAP, true, false, 0, ANSWER_MAX, ANSWERS_MAX },
	{ "submit", AT_BOOLEAN, false, true, 0, 0, 0 },
};
const struct api_schema api_reading_schema = { "ReadingBody", reading_fields,
	sizeof(reading_fields) / sizeof(reading_fields[0]) };

/* A new evidence item (no file: files are attached on the command line). */
static const struct api_field evidence_fields[] = {
	{ "source", AT_STRING, true, false, 1, 40, 0 },
	{ "text", AT_STRING, true, false, 1, EVIDENCE_TEXT_MAX, 0 },
	{ "qis", AT_STRING_ARRAY, false, true, 1, 16, 40 },
	{ "status", AT_STRING, false, true, 1, 20, 0 },
	{ "participants", AT_STRING, false, true, 0, 2000, 0 },
	{ "date", AT_STRING, false, true, 10, 10, 0 },
};
const struct api_schema api_evidence_schema = { "EvidenceBody", evidence_fields,
	sizeof(evidence_fields) / sizeof(evidence_fields[0]) };

/* Writes the error for an unknown evidence source, naming the valid ones. */
static void
unknown_source(struct web_resp *w, int status)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "unknown source; valid: ");
	for (int i = 0; i < SOURCE__MAX; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", evidence_source_table[i].code);
	web_json_error(w, status, buf_str(&b), "source");
	buf_free(&b);
}

/* Writes the JSON pointer of member key of object name ("answers/KEY", the
 * leading "/" added by web_json_error) into out, escaping "~" and "/". */
static void
json_pointer_key(char *out, size_t size, const char *name, const char *key)
{
	size_t n = (size_t)snprintf(out, size, "%s/", name);

	for (const char *k = key; *k != '\0' && n + 3 < size; k++) {
		if (*k == '~' || *k == '/') {
			out[n++] = '~';
			out[n++] = *k == '~' ? '0' : '1';
		} else {
			out[n++] = *k;
		}
	}
	out[n < size ? n : size - 1] = '\0';
}

void
api_sample(struct web_req *r, struct web_resp *w)
{
	struct sample s = { 0 };
	struct cairn_err err = { 0 };
	json_t *strata, *members;
	long id;

	id = r->insp;
	if (app_sample_load(r->st, id, &s, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_error(w, 404, "no sample has been drawn yet", NULL);
		else
			web_json_error(w, 500, "the sample could not be read", NULL);
		return;
	}
	if (!web_view_audited(r, w, id, "sample.view", "api"))
		goto out;
	strata = json_array();
	for (size_t i = 0; i < s.nstrata; i++) {
		json_t *key = json_loads(s.strata[i].key, 0, NULL);

		json_array_append_new(strata,
		    json_pack("{s:I, s:o, s:I, s:I}", "position", (json_int_t)s.strata[i].position,
		        "key", key != NULL ? key : json_string(s.strata[i].key), "population",
		        (json_int_t)s.strata[i].population, "allocated",
		        (json_int_t)s.strata[i].allocated));
	}
	members = json_array();
	for (size_t i = 0; i < s.nmembers; i++) {
		const struct sample_member *m = &s.members[i];

		json_array_append_new(members,
		    json_pack("{s:s, s:I, s:b, s:b, s:s, s:s?, s:s?}", "ref", m->ref, "stratum",
		        (json_int_t)m->stratum, "reserve", m->reserve, "double_read",
		        m->double_read, "status", sample_status_code[m->status], "replaced_by",
		        m->replaced_by, "reason", m->replace_reason));
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:I, s:I, s:s?, s:s, s:s, s:o, s:o}", "inspection", (json_int_t)id,
	        "size", (json_int_t)s.info.size, "population", (json_int_t)s.info.population_size,
	        "stratified_by", s.info.strata, "seed", s.info.seed, "drawn_at", s.info.drawn_at,
	        "strata", strata, "members", members));
out:
	sample_free(&s);
}

/* Returns the reading of member by reader in x, or NULL. */
static const struct reading *
reading_of(const struct reading_ctx *x, long member, long reader)
{
	for (size_t i = 0; i < x->nreadings; i++)
		if (x->readings[i].member_id == member && x->readings[i].reader_id == reader)
			return &x->readings[i];
	return NULL;
}

/* Returns the status word of a reading. */
static const char *
reading_status(const struct reading *rd)
{
	return rd == NULL ? "not-started" : rd->submitted ? "submitted" : "draft";
}

void
api_readings(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	struct cairn_err err = { 0 };
	const struct reader *me = NULL;
	json_t *a;
	long id;

	id = r->insp;
	if (app_reading_ctx(r->st, id, &x, &err) != CAIRN_OK) {
		/* before a sample (or template) there is nothing to read yet: an
		 * empty list with a note, as the page says (issue 17) */
		if (err.rc == CAIRN_EDATA)
			web_send_json(w, 200,
			    json_pack("{s:I, s:n, s:[], s:s}", "inspection", (json_int_t)id,
			        "reader", "readings", "note",
			        "There is nothing to read yet: this inspection has no records "
			        "sample "
			        "or no reading template yet."));
		else
			web_json_error(w, 500, "the readings could not be read", NULL);
		return;
	}
	me = reading_plan_reader_named(&x.plan, web_account(r)->username);
	if (me != NULL && !web_view_audited(r, w, id, "reading.list", web_account(r)->username))
		goto out;
	a = json_array();
	for (size_t i = 0; me != NULL && i < x.sample.nmembers; i++) {
		const struct sample_member *m = &x.sample.members[i];

		if (m->status != SAMPLE_SELECTED || !reading_plan_assigned(&x.plan, m->id, me->id))
			continue;
		json_array_append_new(a,
		    json_pack("{s:s, s:s}", "ref", m->ref, "status",
		        reading_status(reading_of(&x, m->id, me->id))));
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:s?, s:o}", "inspection", (json_int_t)id, "reader",
	        me != NULL ? me->name : NULL, "readings", a));
out:
	reading_ctx_free(&x);
}

/* Writes the answer key of item it (for agency ag, or NULL) into out. */
static void
answer_key(const struct template_item *it, const struct template_agency *ag, char *out,
    size_t outsz)
{
	if (ag != NULL)
		snprintf(out, outsz, "%s@%s", it->code, ag->code);
	else
		snprintf(out, outsz, "%s", it->code);
}

/* Writes the reading of member m by me as JSON (200). */
static void
reading_json(struct web_resp *w, const struct reading_ctx *x, const struct sample_member *m,
    const struct reader *me)
{
	const struct reading *rd = reading_of(x, m->id, me->id);
	json_t *answers = json_object(), *items = json_array();

	for (size_t i = 0; i < x->tpl.nitems; i++) {
		const struct template_item *it = &x->tpl.items[i];
		size_t nag = it->per_agency ? x->tpl.nagencies : 1;

		for (size_t k = 0; k < nag; k++) {
			const struct template_agency *ag =
			    it->per_agency ? &x->tpl.agencies[k] : NULL;
			const char *v = rd != NULL
			    ? reading_ctx_answer(x, rd->id, it->code, ag != NULL ? ag->code : "")
			    : NULL;
			char key[200];

			json_t *choices = json_array();

			answer_key(it, ag, key, sizeof(key));
			for (size_t c = 0; it->answer == ANSWER_LIST && c < it->nchoices; c++)
				json_array_append_new(choices, json_string(it->choices[c]));
			json_array_append_new(items,
			    json_pack("{s:s, s:s, s:s, s:o, s:s?, s:b}", "key", key, "text",
			        it->text, "answer", answer_type_code[it->answer], "choices",
			        choices, "agency", ag != NULL ? ag->name : NULL, "required",
			        ag == NULL && it->answer != ANSWER_TEXT));
			if (v != NULL)
				json_object_set_new(answers, key, json_string(v));
		}
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:s, s:s, s:o, s:o}", "inspection", (json_int_t)x->insp, "ref", m->ref,
	        "status", reading_status(rd), "answers", answers, "items", items));
}

void
api_reading(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	const struct reader *me;
	const struct sample_member *m;
	long id;

	if (!web_reading_target(r, w, &id, &x, &me, &m))
		return;
	if (web_view_audited(r, w, id, "reading.view", m->ref))
		reading_json(w, &x, m, me);
	reading_ctx_free(&x);
}

/* Finds the item (and agency) an answer key names; false if none. */
static bool
key_item(const struct template *t, const char *key, const struct template_item **it,
    const struct template_agency **ag)
{
	const char *at = strchr(key, '@');
	char code[200];

	*ag = NULL;
	if (at != NULL) {
		if ((size_t)(at - key) >= sizeof(code))
			return false;
		memcpy(code, key, (size_t)(at - key));
		code[at - key] = '\0';
		if ((*it = template_item(t, code)) == NULL || !(*it)->per_agency ||
		    (*ag = template_agency(t, at + 1)) == NULL)
			return false;
		return true;
	}
	return (*it = template_item(t, key)) != NULL && !(*it)->per_agency;
}

void
api_reading_put(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	const struct reader *me;
	const struct sample_member *m;
	const struct reading *rd;
	struct cairn_err err = { 0 };
	json_t *body = NULL, *answers, *v;
	const char *key;
	struct reading_entry *e = NULL;
	struct reading_problems pr = { 0 };
	size_t ne = 0;
	bool submit;
	long id;

	if (!web_reading_target(r, w, &id, &x, &me, &m))
		return;
	if ((body = api_body(r, w, &api_reading_schema)) == NULL)
		goto out;
	rd = reading_of(&x, m->id, me->id);
	if (rd != NULL && rd->submitted) {
		web_json_error(w, 409,
		    "this reading is already submitted and locked; an answer can be "
		    "changed only with a reason, by the inspection's lead or depute",
		    NULL);
		goto out;
	}
	answers = json_object_get(body, "answers");
	submit = json_is_true(json_object_get(body, "submit"));
	/* Every key must name an item; app/ checks the answers themselves. */
	json_object_foreach(answers, key, v)
	{
		const struct template_item *it;
		const struct template_agency *ag;
		char field[240];

		json_pointer_key(field, sizeof(field), "answers", key);
		if (!key_item(&x.tpl, key, &it, &ag)) {
			char msg[300];

			snprintf(msg, sizeof(msg),
			    "'%.200s' is not an item of this reading template "
			    "(keys are ITEM or ITEM@AGENCY for items read per agency)",
			    key);
			web_json_error(w, 422, msg, field);
			goto out;
		}
	}
	/* Every changed answer, and the submission, in one transaction. */
	e = xcalloc(json_object_size(answers) + 1, sizeof(*e));
	json_object_foreach(answers, key, v)
	{
		const struct template_item *it;
		const struct template_agency *ag;
		const char *old;

		if (!key_item(&x.tpl, key, &it, &ag))
			continue;
		old = rd != NULL
		    ? reading_ctx_answer(&x, rd->id, it->code, ag != NULL ? ag->code : "")
		    : NULL;
		if (old != NULL && strcmp(old, json_string_value(v)) == 0)
			continue;
		e[ne].ref = m->ref;
		e[ne].reader = me->name;
		e[ne].item = it->code;
		e[ne].agency = ag != NULL ? ag->code : NULL;
		e[ne].answer = json_string_value(v);
		ne++;
	}
	if ((ne > 0 || submit) &&
	    app_reading_save(r->st, &r->actor, id, m->ref, me->name, e, ne, submit, &pr, &err) !=
	        CAIRN_OK) {
		const struct reading_problem *p = pr.n > 0 ? &pr.v[0] : NULL;
		char field[240];

		if (p != NULL && p->entry != SIZE_MAX)
			snprintf(field, sizeof(field), "answers/%s%s%s", p->item,
			    p->agency[0] ? "@" : "", p->agency);
		else
			snprintf(field, sizeof(field), "%s",
			    p != NULL          ? "submit"
			        : err.field[0] ? err.field
			                       : "answers");
		if (err.rc == CAIRN_EPERM)
			web_json_error(w, 404, "no record to read at this address", NULL);
		else if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE)
			web_json_error(w, 422, p != NULL && p->entry != SIZE_MAX ? p->msg : err.msg,
			    field);
		else
			web_json_error(w, 500, "the reading could not be saved", NULL);
		goto out;
	}
	/* Answer with the reading as stored now. */
	reading_ctx_free(&x);
	if (!web_reader_ctx(r, w, id, &x, &me))
		goto done;
	if (me == NULL || (m = sample_find(&x.sample, r->args[1])) == NULL) {
		web_json_error(w, 500, "the reading could not be read back", NULL);
		goto out;
	}
	reading_json(w, &x, m, me);
out:
	reading_ctx_free(&x);
done:
	free(e);
	reading_problems_free(&pr);
	json_decref(body);
}

/* The members of an evidence item's JSON that name a person by username
 * (who recorded it, who withdrew it, who made each change), each given its
 * "_name" as `cairn evidence list|show --json` give it. */
static const char *const evidence_people[] = { "recorded_by", "by" };

/* Returns the JSON form of one evidence item. */
static json_t *
evidence_json(const struct evidence_item *e)
{
	json_t *qis = json_array();

	for (size_t i = 0; i < e->nqis; i++)
		json_array_append_new(qis, json_string(e->qis[i]));
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s?, s:s?, s:s, s:b, s:s?, s:b, s:b}",
	    "number", (json_int_t)e->number, "source", e->source, "status", e->status, "text",
	    e->text, "qis", qis, "participants", e->participants, "date",
	    e->gathered_on[0] ? e->gathered_on : NULL, "recorded_by", e->recorded_by,
	    "young_inspector", e->young_inspector, "file_sha256",
	    e->file_sha256[0] ? e->file_sha256 : NULL, "linked_to_grade", e->linked, "withdrawn",
	    e->withdrawn_at[0] != '\0');

	if (e->withdrawn_at[0] != '\0')
		json_object_set_new(o, "withdrawal",
		    json_pack("{s:s, s:s?, s:s?}", "at", e->withdrawn_at, "by", e->withdrawn_by,
		        "reason", e->withdrawn_reason));
	return o;
}

/* The API's default number of evidence items on a page. */
#define API_EVIDENCE_LIMIT 100

/*
 * GET the evidence log, filtered by qi, source and status, in number order,
 * a page at a time (issue 17): ?limit= items (1 to 1000, default 100) with a
 * number above ?after= (default 0); "next" is the after of the next page, or
 * null on the last.
 */
void
api_evidence(struct web_req *r, struct web_resp *w)
{
	const char *fqi = web_query(r, "qi"), *fstatus = web_query(r, "status");
	const char *fsource = web_query(r, "source");
	const char *qlimit = web_query(r, "limit"), *qafter = web_query(r, "after");
	struct evidence_filter f = { fqi, fstatus, fsource };
	struct evidence_item *v = NULL;
	struct cairn_err err = { 0 };
	json_t *a, *next;
	size_t n = 0, shown;
	long id, limit = API_EVIDENCE_LIMIT, after = 0;

	id = r->insp;
	for (size_t i = 0; i < r->nquery; i++) {
		if (strcmp(r->query[i].name, "qi") != 0 &&
		    strcmp(r->query[i].name, "status") != 0 &&
		    strcmp(r->query[i].name, "source") != 0 &&
		    strcmp(r->query[i].name, "limit") != 0 &&
		    strcmp(r->query[i].name, "after") != 0) {
			web_json_error(w, 400,
			    "unknown parameter; the filters are qi, source and status, and "
			    "limit and after choose the page",
			    r->query[i].name);
			return;
		}
	}
	if (qlimit != NULL && !text_parse_long(qlimit, 1, EVIDENCE_AFTER_MAX, &limit)) {
		web_json_error(w, 400, "limit must be a whole number from 1 to 1000", "limit");
		return;
	}
	if (qafter != NULL && !text_parse_long(qafter, 0, LONG_MAX, &after)) {
		web_json_error(w, 400,
		    "after must be the number of an evidence item, or 0 for the first page",
		    "after");
		return;
	}
	if (fsource != NULL && evidence_source_parse(fsource) < 0) {
		unknown_source(w, 400);
		return;
	}
	if (fstatus != NULL && evidence_status_parse(fstatus) < 0) {
		web_json_error(w, 400,
		    "unknown status; valid: no-concern, uncertainty, concern, "
		    "strength, improvement",
		    "status");
		return;
	}
	/* One more than the page, to know whether another follows. */
	if (app_evidence_after(r->st, id, &f, after, limit + 1, &v, &n, &err) != CAIRN_OK) {
		web_json_error(w, err.rc == CAIRN_EDATA ? 400 : 500,
		    err.rc == CAIRN_EDATA ? err.msg : "the evidence could not be listed",
		    err.rc == CAIRN_EDATA ? "qi" : NULL);
		return;
	}
	shown = n > (size_t)limit ? (size_t)limit : n;
	a = json_array();
	for (size_t i = 0; i < shown; i++)
		json_array_append_new(a, evidence_json(&v[i]));
	next = n > shown ? json_integer((json_int_t)v[shown - 1].number) : json_null();
	evidence_items_free(v, n);
	api_name_people(r, id, ACTION_VIEW_EVIDENCE, a, evidence_people,
	    sizeof(evidence_people) / sizeof(evidence_people[0]));
	web_send_json(w, 200,
	    json_pack("{s:I, s:o, s:o}", "inspection", (json_int_t)id, "evidence", a, "next",
	        next));
}

void
api_evidence_add(struct web_req *r, struct web_resp *w)
{
	struct evidence_req req = { 0 };
	struct cairn_err err = { 0 };
	struct buf qis = BUF_INIT;
	json_t *body = NULL, *q, *m;
	char sha[65];
	size_t i;
	long id, number = 0;

	id = r->insp;
	if ((body = api_body(r, w, &api_evidence_schema)) == NULL)
		goto out;
	req.source = json_string_value(json_object_get(body, "source"));
	req.text = json_string_value(json_object_get(body, "text"));
	req.status = json_string_value(json_object_get(body, "status"));
	req.participants = json_string_value(json_object_get(body, "participants"));
	req.date = json_string_value(json_object_get(body, "date"));
	req.by = web_account(r)->username;
	if (evidence_source_parse(req.source) < 0) {
		unknown_source(w, 422);
		goto out;
	}
	if (req.text[strspn(req.text, " \t\r\n")] == '\0') {
		web_json_error(w, 422, "'text' must say what was found", "text");
		goto out;
	}
	if (req.status == NULL)
		req.status = "no-concern";
	if (evidence_status_parse(req.status) < 0) {
		web_json_error(w, 422,
		    "unknown status; valid: no-concern, uncertainty, concern, "
		    "strength, improvement",
		    "status");
		goto out;
	}
	if ((q = json_object_get(body, "qis")) != NULL && json_is_array(q)) {
		json_array_foreach(q, i, m)
		{
			if (strchr(json_string_value(m), ',') != NULL) {
				web_json_error(w, 422, "each member of 'qis' is one indicator code",
				    "qis");
				goto out;
			}
			buf_printf(&qis, "%s%s", i > 0 ? "," : "", json_string_value(m));
		}
		if (qis.len > 0)
			req.qis = buf_str(&qis);
	}
	if (app_evidence_add(r->st, &r->actor, id, &req, &number, sha, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE)
			web_json_err(w, 422, &err, "text");
		else if (err.rc == CAIRN_EPERM)
			web_json_err(w, 403, &err, NULL);
		else
			web_json_error(w, 500,
			    "the evidence could not be added; nothing was changed", NULL);
		goto out;
	}
	web_send_json(w, 201,
	    json_pack("{s:I, s:I}", "inspection", (json_int_t)id, "number", (json_int_t)number));
out:
	buf_free(&qis);
	json_decref(body);
}

void
api_reports(struct web_req *r, struct web_resp *w)
{
	json_t *a;
	long id;

	id = r->insp;
	if (!web_report_allowed(r, w, id))
		return;
	a = json_array();
	for (int au = 0; au < REPORT_AUDIENCE__MAX; au++) {
		for (int f = 0; web_report_ext(f) != NULL; f++) {
			char name[64], href[128];

			snprintf(name, sizeof(name), "report-%s.%s", report_audience_name[au],
			    web_report_ext(f));
			snprintf(href, sizeof(href), "/api/v1/inspections/%ld/reports/%s", id,
			    name);
			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", name, "audience",
			        report_audience_name[au], "format", web_report_ext(f),
			        "content_type", web_report_type(f), "href", href));
		}
	}
	web_send_json(w, 200, json_pack("{s:I, s:o}", "inspection", (json_int_t)id, "files", a));
}

/* The members of the stage's moves that name a person by username: who
 * made each move, given its "_name" as `cairn stage ID --json` gives it. */
static const char *const move_people[] = { "by" };

void
api_stage(struct web_req *r, struct web_resp *w)
{
	struct stage_state s;
	struct timeline t;
	struct cairn_err err = { 0 };
	json_t *a, *o;
	bool planned;
	long id, overdue = 0;

	id = r->insp;
	memset(&t, 0, sizeof(t));
	if (app_stage_state(r->st, id, &s, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the stage could not be read", NULL);
		return;
	}
	/* The week plan from the notification date, when there is one. */
	planned = app_timeline(r->st, id, 0, NULL, &t, &err) == CAIRN_OK;
	a = json_array();
	for (size_t i = 0; i < s.plan.n; i++) {
		o = json_pack("{s:s, s:s, s:i, s:b}", "code", s.plan.stages[i].code, "title",
		    s.plan.stages[i].title, "week", s.plan.stages[i].week, "required",
		    s.plan.stages[i].required);
		for (size_t k = 0; planned && k < t.n; k++) {
			if (t.rows[k].stage != NULL &&
			    strcmp(t.rows[k].stage->code, s.plan.stages[i].code) != 0)
				continue;
			json_object_set_new(o, "due",
			    t.rows[k].due[0] ? json_string(t.rows[k].due) : json_null());
			json_object_set_new(o, "reached",
			    t.rows[k].done[0] ? json_string(t.rows[k].done) : json_null());
			json_object_set_new(o, "status",
			    json_string(timeline_status_code[t.rows[k].status]));
			overdue += t.rows[k].status == TIMELINE_OVERDUE;
			break;
		}
		json_array_append_new(a, o);
	}
	o = json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:o, s:o}", "inspection", (json_int_t)id,
	    "current", s.current < s.plan.n ? s.plan.stages[s.current].code : NULL, "title",
	    s.current < s.plan.n ? s.plan.stages[s.current].title : NULL, "since",
	    s.since[0] ? s.since : NULL, "notified", s.notified[0] ? s.notified : NULL, "next",
	    s.current + 1 < s.plan.n ? json_string(s.plan.stages[s.current + 1].code) : json_null(),
	    "stages", a);
	/* How it got there: each move, its maker named as `cairn stage --json`
	 * names them ("by" and "by_name"). */
	a = stage_moves_json(&s);
	api_name_people(r, id, ACTION_VIEW_INSPECTION, a, move_people,
	    sizeof(move_people) / sizeof(move_people[0]));
	json_object_set_new(o, "moves", a);
	if (planned) {
		json_object_set_new(o, "today", json_string(t.today));
		json_object_set_new(o, "overdue", json_integer(overdue));
	} else {
		json_object_set_new(o, "overdue", json_null());
	}
	web_send_json(w, 200, o);
	timeline_free(&t);
	stage_state_free(&s);
}

/* A change to an evidence item: the fields given change, the others stay
 * (as `cairn evidence update`); "" clears participants and date, an empty
 * qis array the indicators. */
static const struct api_field evidence_patch_fields[] = {
	{ "source", AT_STRING, false, true, 1, 40, 0 },
	{ "text", AT_STRING, false, true, 1, EVIDENCE_TEXT_MAX, 0 },
	{ "qis", AT_STRING_ARRAY, false, true, 1, 16, 40 },
	{ "status", AT_STRING, false, true, 1, 20, 0 },
	{ "participants", AT_STRING, false, true, 0, 2000, 0 },
	{ "date", AT_STRING, false, true, 0, 10, 0 },
};
static const struct api_schema evidence_patch_schema = { "EvidencePatchBody", evidence_patch_fields,
	sizeof(evidence_patch_fields) / sizeof(evidence_patch_fields[0]) };

const struct api_schema *
api_evidence_item_schema(enum web_route route)
{
	return route == WR_API_EVIDENCE_PATCH ? &evidence_patch_schema : NULL;
}

/* Reads {n} of the path as an evidence number; false after answering 404. */
static bool
evidence_number_arg(struct web_req *r, struct web_resp *w, long *number)
{
	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 2000000000L, number)) {
		web_json_error(w, 404, "there is no such evidence item", NULL);
		return false;
	}
	return true;
}

/* GET evidence item {n} with its history: as `cairn evidence show --json`. */
void
api_evidence_item(struct web_req *r, struct web_resp *w)
{
	struct evidence_item e;
	struct evidence_change *hist = NULL;
	struct cairn_err err = { 0 };
	size_t nh = 0;
	long number;
	json_t *qis, *file = json_null(), *o, *a;

	if (!evidence_number_arg(r, w, &number))
		return;
	if (app_evidence_get(r->st, r->insp, number, &e, &hist, &nh, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_error(w, 404, "there is no such evidence item", NULL);
		else
			web_json_error(w, 500, "the evidence item could not be read", NULL);
		return;
	}
	qis = json_array();
	for (size_t i = 0; i < e.nqis; i++)
		json_array_append_new(qis, json_string(e.qis[i]));
	if (e.file_sha256[0])
		file = json_pack("{s:s, s:s?, s:I}", "sha256", e.file_sha256, "name", e.file_name,
		    "size", (json_int_t)e.file_size);
	o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s?, s:s?, s:s, s:b, s:o, s:b, s:s, s:s, s:b}",
	    "number", (json_int_t)e.number, "source", e.source, "status", e.status, "text", e.text,
	    "qis", qis, "participants", e.participants, "date",
	    e.gathered_on[0] ? e.gathered_on : NULL, "recorded_by", e.recorded_by,
	    "young_inspector", e.young_inspector, "file", file, "linked_to_grade", e.linked,
	    "created_at", e.created_at, "updated_at", e.updated_at, "withdrawn",
	    e.withdrawn_at[0] != '\0');
	if (e.withdrawn_at[0] != '\0')
		json_object_set_new(o, "withdrawal",
		    json_pack("{s:s, s:s?, s:s?}", "at", e.withdrawn_at, "by", e.withdrawn_by,
		        "reason", e.withdrawn_reason));
	a = json_array();
	for (size_t i = 0; i < nh; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "at", hist[i].at, "by", hist[i].actor,
		        "field", hist[i].field, "old", hist[i].old_value, "new",
		        hist[i].new_value));
	json_object_set_new(o, "history", a);
	api_name_people(r, r->insp, ACTION_VIEW_EVIDENCE, o, evidence_people,
	    sizeof(evidence_people) / sizeof(evidence_people[0]));
	evidence_changes_free(hist, nh);
	evidence_item_free(&e);
	web_send_json(w, 200, o);
}

/* PATCH evidence item {n}: app_evidence_update, as `cairn evidence update`
 * and the item's page (anyone's with update-evidence, one's own with
 * update-own-evidence: app/ decides). */
void
api_evidence_patch(struct web_req *r, struct web_resp *w)
{
	struct evidence_req req = { 0 };
	struct cairn_err err = { 0 };
	struct buf qis = BUF_INIT;
	json_t *body = NULL, *q, *m;
	char sha[65];
	size_t i;
	long number;

	if (!evidence_number_arg(r, w, &number))
		return;
	if ((body = api_body(r, w, &evidence_patch_schema)) == NULL)
		return;
	req.source = json_string_value(json_object_get(body, "source"));
	req.text = json_string_value(json_object_get(body, "text"));
	req.status = json_string_value(json_object_get(body, "status"));
	req.participants = json_string_value(json_object_get(body, "participants"));
	req.date = json_string_value(json_object_get(body, "date"));
	if (req.source != NULL && evidence_source_parse(req.source) < 0) {
		unknown_source(w, 422);
		goto out;
	}
	if (req.text != NULL && req.text[strspn(req.text, " \t\r\n")] == '\0') {
		web_json_error(w, 422, "'text' must say what was found", "text");
		goto out;
	}
	if (req.status != NULL && evidence_status_parse(req.status) < 0) {
		web_json_error(w, 422,
		    "unknown status; valid: no-concern, uncertainty, concern, "
		    "strength, improvement",
		    "status");
		goto out;
	}
	if ((q = json_object_get(body, "qis")) != NULL && json_is_array(q)) {
		json_array_foreach(q, i, m)
		{
			if (strchr(json_string_value(m), ',') != NULL) {
				web_json_error(w, 422, "each member of 'qis' is one indicator code",
				    "qis");
				goto out;
			}
			buf_printf(&qis, "%s%s", i > 0 ? "," : "", json_string_value(m));
		}
		req.qis = buf_str(&qis);
	}
	if (app_evidence_update(r->st, &r->actor, r->insp, number, &req, sha, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EPERM)
			web_json_err(w, err.code == CAIRN_CODE_UNKNOWN ? 404 : 403, &err, NULL);
		else if (err.code == CAIRN_CODE_UNKNOWN && strcmp(err.field, "number") == 0)
			web_json_err(w, 404, &err, NULL);
		else if (err.code == CAIRN_CODE_CONFLICT)
			web_json_err(w, 409, &err, NULL);
		else if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE)
			web_json_err(w, 422, &err, "text");
		else
			web_json_error(w, 500,
			    "the evidence could not be changed; nothing was changed", NULL);
		goto out;
	}
	/* As `cairn evidence update --json`. */
	web_send_json(w, 200,
	    json_pack("{s:I, s:I, s:s?}", "inspection", (json_int_t)r->insp, "number",
	        (json_int_t)number, "sha256", sha[0] ? sha : NULL));
out:
	buf_free(&qis);
	json_decref(body);
}

/*
 * GET the week plan from notification: what is done, due and overdue, as
 * `cairn timeline --json`.  ?weeks= is the plan's length (2 to 260; the
 * programme's by default) and ?holidays= the school holidays, dates or
 * FROM..TO ranges separated by commas (the lines of the CLI's file).
 */
void
api_timeline(struct web_req *r, struct web_resp *w)
{
	const char *qweeks = web_query(r, "weeks"), *qhol = web_query(r, "holidays");
	struct holidays hol = { 0 };
	struct cairn_err err = { 0 };
	struct timeline t;
	long weeks = 0;
	int rc;

	for (size_t i = 0; i < r->nquery; i++)
		if (strcmp(r->query[i].name, "weeks") != 0 &&
		    strcmp(r->query[i].name, "holidays") != 0) {
			web_json_error(w, 400,
			    "unknown parameter; weeks sets the plan's length and holidays the "
			    "school holidays",
			    r->query[i].name);
			return;
		}
	if (qweeks != NULL && !text_parse_long(qweeks, 2, 260, &weeks)) {
		web_json_error(w, 400, "weeks must be a whole number from 2 to 260", "weeks");
		return;
	}
	if (qhol != NULL && qhol[0] != '\0') {
		struct csv_errors errs;
		char *lines = xstrdup(qhol);

		for (char *p = lines; *p != '\0'; p++)
			if (*p == ',')
				*p = '\n';
		rc = holidays_parse(lines, strlen(lines), &hol, &errs);
		free(lines);
		if (rc != CAIRN_OK) {
			const struct csv_error *e = errs.nkept > 0 ? &errs.kept[0] : NULL;
			char where[32] = "";
			char msg[CSV_ERROR_MSG + 160];

			/* The first fault, named: holiday N of the list. */
			if (e != NULL && e->line > 0)
				snprintf(where, sizeof(where), "holiday %ld: ", e->line);
			snprintf(msg, sizeof(msg),
			    "%s%s; holidays are dates (YYYY-MM-DD) or ranges "
			    "(YYYY-MM-DD..YYYY-MM-DD) separated by commas",
			    where, e != NULL ? e->msg : "not read");
			web_json_error(w, 400, msg, "holidays");
			holidays_free(&hol);
			return;
		}
	}
	rc = app_timeline(r->st, r->insp, (int)weeks, &hol, &t, &err);
	holidays_free(&hol);
	if (rc != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_err(w, 409, &err, NULL);
		else
			web_json_error(w, 500, "the week plan could not be laid out", NULL);
		return;
	}
	web_send_json(w, 200, timeline_json(r->insp, &t));
	timeline_free(&t);
}

/* Which agencies' records were read for an assigned record: their codes
 * (as `cairn reading agencies` and the reading page's boxes). */
static const struct api_field reading_agencies_fields[] = {
	{ "agencies", AT_STRING_ARRAY, true, false, 1, 40, 32 },
};
static const struct api_schema reading_agencies_schema = { "ReadingAgenciesBody",
	reading_agencies_fields,
	sizeof(reading_agencies_fields) / sizeof(reading_agencies_fields[0]) };

const struct api_schema *
api_reading_agencies_schema(enum web_route route)
{
	return route == WR_API_READING_AGENCIES ? &reading_agencies_schema : NULL;
}

/* PUT the agencies whose records were read for assigned record {ref}:
 * app_reading_agencies, only its reader (app/ decides, as for the answers). */
void
api_reading_agencies(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	const struct reader *me;
	const struct sample_member *m;
	struct cairn_err err = { 0 };
	struct buf list = BUF_INIT;
	json_t *body = NULL, *a;
	long id;

	if (!web_reading_target(r, w, &id, &x, &me, &m))
		return;
	if ((body = api_body(r, w, &reading_agencies_schema)) == NULL)
		goto out;
	a = json_object_get(body, "agencies");
	for (size_t i = 0; i < json_array_size(a); i++) {
		const char *code = json_string_value(json_array_get(a, i));

		if (strchr(code, ',') != NULL) {
			web_json_error(w, 422, "each member of 'agencies' is one agency code",
			    "agencies");
			goto out;
		}
		buf_printf(&list, "%s%s", i ? "," : "", code);
	}
	if (app_reading_agencies(r->st, &r->actor, id, m->ref, me->name, buf_str(&list), &err) !=
	    CAIRN_OK) {
		if (err.rc == CAIRN_EPERM)
			web_json_error(w, 404, "no record to read at this address", NULL);
		else if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE)
			web_json_err(w, 422, &err, "agencies");
		else
			web_json_error(w, 500, "the agencies could not be recorded", NULL);
		goto out;
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:s, s:s, s:O}", "inspection", (json_int_t)id, "ref", m->ref, "reader",
	        me->name, "agencies", a));
out:
	buf_free(&list);
	json_decref(body);
	reading_ctx_free(&x);
}
