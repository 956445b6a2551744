/*
 * Records reading through the JSON API: readers (list, add, pair and
 * assign, move a reading to another pair), the population (upload as a
 * CSV body, its counts by value and stratum, the integrity check), the
 * sample (draw, replace a record), the paired readings (differences,
 * the agreed answer) and the results per item.  Each route is the one
 * call into app/records/ that the pages (page_readers.c,
 * page_population.c, page_draw.c, page_compare.c) and the command line
 * (`cairn reader|population|sample|reading ...`) make; who may do what,
 * and what the state of the data allows, is app/'s.  Every view of
 * child-level data is audited before it is answered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/access/lookup.h"
#include "app/records/compare.h"
#include "app/records/lookup.h"
#include "app/records/popcheck.h"
#include "app/records/popsummary.h"
#include "app/records/population.h"
#include "app/records/reader.h"
#include "app/records/reading.h"
#include "app/records/readstat.h"
#include "app/records/sample.h"
#include "core/account.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/text.h"
#include "stats/sampling.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* Longest reason or note, in bytes (app/ checks its own limits too). */
#define RECORDS_TEXT_MAX 4000

/* A reader: a person with an account, an inspector or the partnership's
 * local reader, with an optional agency. */
static const struct api_field reader_fields[] = {
	{ "username", AT_STRING, true, false, 1, 200, 0 },
	{ "kind", AT_STRING, true, false, 1, 20, 0 },
	{ "agency", AT_STRING, false, true, 1, 200, 0 },
};
static const struct api_schema reader_schema = { "ReaderAddBody", reader_fields,
	sizeof(reader_fields) / sizeof(reader_fields[0]) };

/* Moving one record's reading (round 1 or 2) to another pair. */
static const struct api_field reassign_fields[] = {
	{ "ref", AT_STRING, true, false, 1, POPULATION_REF_MAX, 0 },
	{ "round", AT_INTEGER, false, true, 1, 2, 0 },
	{ "pair", AT_INTEGER, true, false, 1, 100000, 0 },
	{ "reason", AT_STRING, true, false, 1, RECORDS_TEXT_MAX, 0 },
};
static const struct api_schema reassign_schema = { "ReaderReassignBody", reassign_fields,
	sizeof(reassign_fields) / sizeof(reassign_fields[0]) };

/* Drawing the sample: the draw form's inputs, by app/'s names. */
static const struct api_field draw_fields[] = {
	{ "size", AT_INTEGER, true, false, 1, 1000000000LL, 0 },
	{ "strata", AT_STRING, true, false, 1, 1000, 0 },
	{ "min-per", AT_INTEGER, false, true, 0, 1000000000LL, 0 },
	{ "seed", AT_INTEGER, false, true, 0, 9223372036854775807LL, 0 },
	{ "reserve", AT_INTEGER, false, true, 0, 1000000LL, 0 },
	{ "double-read", AT_INTEGER, false, true, 0, 100, 0 },
};
static const struct api_schema draw_schema = { "SampleDrawBody", draw_fields,
	sizeof(draw_fields) / sizeof(draw_fields[0]) };

/* Replacing a selected record: why it cannot be read. */
static const struct api_field replace_fields[] = {
	{ "reason", AT_STRING, true, false, 1, RECORDS_TEXT_MAX, 0 },
};
static const struct api_schema replace_schema = { "SampleReplaceBody", replace_fields,
	sizeof(replace_fields) / sizeof(replace_fields[0]) };

/* The agreed answer to one differing item (agency for per-agency items). */
static const struct api_field resolve_fields[] = {
	{ "item", AT_STRING, true, false, 1, 80, 0 },
	{ "agency", AT_STRING, false, true, 1, 80, 0 },
	{ "answer", AT_STRING, true, false, 1, RECORDS_TEXT_MAX, 0 },
	{ "note", AT_STRING, true, false, 1, RECORDS_TEXT_MAX, 0 },
};
static const struct api_schema resolve_schema = { "ResolutionBody", resolve_fields,
	sizeof(resolve_fields) / sizeof(resolve_fields[0]) };

const struct api_schema *
api_records_schema(enum web_route route)
{
	switch (route) {
	case WR_API_READER_ADD: return &reader_schema;
	case WR_API_READER_REASSIGN: return &reassign_schema;
	case WR_API_SAMPLE_DRAW: return &draw_schema;
	case WR_API_SAMPLE_REPLACE: return &replace_schema;
	case WR_API_RESOLVE: return &resolve_schema;
	default: return NULL;
	}
}

/*
 * Answers app/'s refusal: 403 when the person may not; 404 when the thing
 * the path names does not exist (path_field: app/'s name for it, e.g.
 * "ref"; NULL: none); 409 when the state of the data refuses it (already
 * drawn, already a reader, no reserve left); 422 for bad input at its
 * field (fallback when app/ names none); 500 otherwise, saying what.
 */
static void
refused(struct web_resp *w, const struct cairn_err *err, const char *path_field,
    const char *fallback, const char *what)
{
	char msg[160];

	if (err->rc == CAIRN_EPERM)
		web_json_err(w, 403, err, NULL);
	else if (path_field != NULL && err->code == CAIRN_CODE_UNKNOWN &&
	    strcmp(err->field, path_field) == 0)
		web_json_err(w, 404, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT)
		web_json_err(w, 409, err, NULL);
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE || err->rc == CAIRN_ENOINPUT)
		web_json_err(w, 422, err, fallback);
	else {
		snprintf(msg, sizeof(msg), "%s; nothing was changed", what);
		web_json_error(w, 500, msg, NULL);
	}
}

/* Returns the string member name of o, or NULL (absent or null). */
static const char *
member(json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

/* Writes integer member name of o as decimal into out (size bytes);
 * returns out, or NULL when it is absent or null. */
static const char *
member_num(json_t *o, const char *name, char *out, size_t size)
{
	json_t *v = json_object_get(o, name);

	if (!json_is_integer(v))
		return NULL;
	snprintf(out, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	return out;
}

/* ---- readers ---- */

/* The members of the readers' JSON that name a person by username (each
 * reader, each pair's inspector and local reader), each given its "_name"
 * as `cairn reader list --json` gives it. */
static const char *const plan_people[] = { "name", "inspector", "local" };

void
api_readers(struct web_req *r, struct web_resp *w)
{
	struct reading_plan p = { 0 };
	struct sample s = { 0 };
	struct cairn_err err = { 0 }, ignore = { 0 };
	bool have_sample;
	json_t *o;

	if (app_reader_plan(r->st, r->insp, &p, &err) != CAIRN_OK) {
		refused(w, &err, NULL, NULL, "the readers could not be read");
		return;
	}
	have_sample = app_sample_load(r->st, r->insp, &s, &ignore) == CAIRN_OK;
	/* The assignments name children's records: audited, as the page. */
	if (p.nassigns > 0 && !web_view_audited(r, w, r->insp, "reader.plan.view", "api"))
		goto out;
	o = reading_plan_json(&p, have_sample ? &s : NULL, true);
	json_object_set_new(o, "inspection", json_integer(r->insp));
	json_object_del(o, "added");
	api_name_people(r, r->insp, ACTION_VIEW_INSPECTION, o, plan_people,
	    sizeof(plan_people) / sizeof(plan_people[0]));
	web_send_json(w, 200, o);
out:
	if (have_sample)
		sample_free(&s);
	reading_plan_free(&p);
}

void
api_reader_add(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	struct account acc = { 0 };
	const char *name, *kind, *agency;
	long rid = 0;
	json_t *body;

	if ((body = api_body(r, w, &reader_schema)) == NULL)
		return;
	name = member(body, "username");
	kind = member(body, "kind");
	agency = member(body, "agency");
	/* As the readers page: the reader is a person who holds an account. */
	if (app_account_lookup(r->st, &r->actor, r->insp, ACTION_MANAGE_READERS, name, &acc,
	        &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_error(w, 422, "there is no account with that username",
			    "username");
		else
			refused(w, &err, NULL, "username", "the reader could not be added");
	} else if (app_reader_add(r->st, &r->actor, r->insp, name, kind, agency, &rid, &err) !=
	    CAIRN_OK) {
		/* app/'s "name" is the body's "username". */
		if (strcmp(err.field, "name") == 0)
			text_copy(err.field, sizeof(err.field), "username");
		refused(w, &err, NULL, "username", "the reader could not be added");
	} else {
		web_send_json(w, 201,
		    json_pack("{s:I, s:I, s:s, s:s, s:s?}", "inspection", (json_int_t)r->insp, "id",
		        (json_int_t)rid, "name", name, "kind", kind, "agency", agency));
	}
	account_free(&acc);
	json_decref(body);
}

void
api_reader_assign(struct web_req *r, struct web_resp *w)
{
	struct reading_plan p = { 0 };
	struct cairn_err err = { 0 };
	json_t *o;

	/* It takes nothing: any body is ignored. */
	if (app_reader_assign(r->st, &r->actor, r->insp, &p, &err) != CAIRN_OK) {
		refused(w, &err, NULL, NULL, "the records could not be assigned");
		return;
	}
	/* Pairs and counts only: the assignments (refs) are the audited GET. */
	o = reading_plan_json(&p, NULL, false);
	json_object_set_new(o, "inspection", json_integer(r->insp));
	json_object_set_new(o, "assignments", json_integer((json_int_t)p.nassigns));
	api_name_people(r, r->insp, ACTION_VIEW_INSPECTION, o, plan_people,
	    sizeof(plan_people) / sizeof(plan_people[0]));
	web_send_json(w, 200, o);
	reading_plan_free(&p);
}

void
api_reader_reassign(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	const char *ref, *reason;
	json_int_t round = 1, pair;
	json_t *body;

	if ((body = api_body(r, w, &reassign_schema)) == NULL)
		return;
	ref = member(body, "ref");
	reason = member(body, "reason");
	if (json_is_integer(json_object_get(body, "round")))
		round = json_integer_value(json_object_get(body, "round"));
	pair = json_integer_value(json_object_get(body, "pair"));
	if (app_reader_reassign(r->st, &r->actor, r->insp, ref, (int)round, (long)pair, reason,
	        &err) != CAIRN_OK)
		refused(w, &err, NULL, "ref", "the reading could not be moved");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:s, s:I, s:I, s:s}", "inspection", (json_int_t)r->insp, "ref",
		        ref, "round", round, "pair", pair, "reason", reason));
	json_decref(body);
}

/* ---- the population ---- */

/* The identifier-like columns of an upload's header as JSON. */
static json_t *
idcols_json(const struct population_result *res)
{
	json_t *a = json_array();

	for (size_t i = 0; i < res->nidcols; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:b}", "column", res->idcols[i].name, "looks_like",
		        res->idcols[i].word, "allowed", res->idcols[i].allowed));
	return a;
}

void
api_population_upload(struct web_req *r, struct web_resp *w)
{
	struct population_import req = { 0 };
	struct population_result *res = xcalloc(1, sizeof(*res));
	struct csv_errors *ce = xcalloc(1, sizeof(*ce));
	struct cairn_err err = { 0 };
	struct web_upload u = { 0 };
	char fname[] = "population.csv", msg[128];

	if (!api_save_csv_body(r, w, fname,
	        "the CSV file, a header row with 'ref' and one row per child", &u))
		goto out;
	req.path = u.path;
	req.allow = web_query(r, "allow");
	if (app_population_import(r->st, &r->actor, r->insp, &req, res, ce, &err) != CAIRN_OK) {
		json_t *a, *o;

		if (ce->total == 0) {
			refused(w, &err, NULL, NULL, "the population could not be imported");
			goto out;
		}
		/* Every problem by line and column; nothing was stored. */
		a = json_array();
		for (size_t i = 0; i < ce->nkept; i++)
			json_array_append_new(a,
			    json_pack("{s:I, s:I, s:s}", "line", (json_int_t)ce->kept[i].line,
			        "column", (json_int_t)ce->kept[i].column, "message",
			        ce->kept[i].msg));
		snprintf(msg, sizeof(msg), "the file has %ld problem%s; nothing was imported",
		    ce->total, ce->total == 1 ? "" : "s");
		o = json_pack("{s:i, s:s, s:s, s:n, s:I, s:o, s:o}", "status", 422, "code",
		    "invalid", "message", msg, "field", "total", (json_int_t)ce->total, "errors", a,
		    "identifier_columns", idcols_json(res));
		web_send_json(w, 422, json_pack("{s:o}", "error", o));
		goto out;
	}
	web_send_json(w, 201,
	    json_pack("{s:I, s:I, s:I, s:b, s:s, s:o}", "inspection", (json_int_t)r->insp, "rows",
	        (json_int_t)res->nrows, "columns", (json_int_t)res->ncolumns, "replaced",
	        res->replaced, "checksum", res->checksum, "identifier_columns", idcols_json(res)));
out:
	web_upload_remove(&u);
	free(res);
	free(ce);
}

void
api_population(struct web_req *r, struct web_resp *w)
{
	struct population_summary s;
	struct cairn_err err = { 0 };
	json_t *cols, *o;

	if (app_population_summary(r->st, &r->actor, r->insp, web_query(r, "strata"), &s, &err) !=
	    CAIRN_OK) {
		if (err.rc == CAIRN_EDATA && err.field[0] == '\0')
			web_json_err(w, 404, &err, NULL); /* no population yet */
		else
			refused(w, &err, NULL, "strata", "the population could not be read");
		return;
	}
	cols = json_array();
	for (size_t c = 0; c < s.ncolumns; c++) {
		const struct popsummary_column *col = &s.columns[c];
		json_t *vals = json_null();

		if (col->values != NULL || col->ndistinct == 0) {
			vals = json_array();
			for (size_t i = 0; i < col->nvalues; i++)
				json_array_append_new(vals,
				    json_pack("{s:s, s:I}", "value", col->values[i].value,
				        "children", (json_int_t)col->values[i].children));
		}
		json_array_append_new(cols,
		    json_pack("{s:s, s:I, s:o}", "name", col->name, "distinct",
		        (json_int_t)col->ndistinct, "values", vals));
	}
	o = json_pack("{s:I, s:I, s:o, s:s, s:s, s:s}", "inspection", (json_int_t)r->insp, "rows",
	    (json_int_t)s.info.nrows, "columns", cols, "checksum", s.info.checksum, "imported_at",
	    s.info.imported_at, "source", s.info.source);
	if (s.strata != NULL) {
		json_t *cells = json_null();

		if (s.cells != NULL || s.ndistinct == 0) {
			cells = json_array();
			for (size_t i = 0; i < s.ncells; i++) {
				json_t *key = json_loads(s.cells[i].key, 0, NULL);

				json_array_append_new(cells,
				    json_pack("{s:I, s:o, s:I}", "position", (json_int_t)i, "key",
				        key != NULL ? key : json_string(s.cells[i].key), "children",
				        (json_int_t)s.cells[i].children));
			}
		}
		json_object_set_new(o, "strata",
		    json_pack("{s:s, s:I, s:o}", "stratified_by", s.strata, "distinct",
		        (json_int_t)s.ndistinct, "strata", cells));
	}
	web_send_json(w, 200, o);
	population_summary_free(&s);
}

/* Answers the population check (rc and k from app_population_check or
 * app_population_verify): 200 when the stored rows match their checksum,
 * 409 with the values under "check" when they do not, 404 without a
 * population. */
static void
check_answer(struct web_req *r, struct web_resp *w, int rc, const struct population_check *k,
    const struct cairn_err *err)
{
	json_t *o;

	if (rc != CAIRN_OK && !(rc == CAIRN_EDATA && k->computed[0] != '\0')) {
		if (err->rc == CAIRN_EDATA)
			web_json_err(w, 404, err, NULL); /* no population yet */
		else
			refused(w, err, NULL, NULL, "the population could not be checked");
		return;
	}
	o = json_pack("{s:I, s:I, s:s, s:s, s:b, s:I}", "inspection", (json_int_t)r->insp, "rows",
	    (json_int_t)k->nrows, "checksum", k->stored, "computed", k->computed, "matches",
	    k->matches, "index_cells", (json_int_t)k->ncells);
	if (rc == CAIRN_OK) {
		web_send_json(w, 200, o);
		return;
	}
	/* The stored rows no longer match: a conflict with what was imported. */
	web_send_json(w, 409,
	    json_pack("{s:{s:i, s:s, s:s, s:n}, s:o}", "error", "status", 409, "code", "conflict",
	        "message", err->msg, "field", "check", o));
}

void
api_population_check(struct web_req *r, struct web_resp *w)
{
	struct population_check k;
	struct cairn_err err = { 0 };
	int rc = app_population_check(r->st, &r->actor, r->insp, &k, &err);

	check_answer(r, w, rc, &k, &err);
}

void
api_population_verify(struct web_req *r, struct web_resp *w)
{
	struct population_check k;
	struct cairn_err err = { 0 };
	int rc = app_population_verify(r->st, &r->actor, r->insp, &k, &err);

	check_answer(r, w, rc, &k, &err);
}

/* ---- the sample ---- */

void
api_sample_draw(struct web_req *r, struct web_resp *w)
{
	struct sample_request req = { 0 };
	struct sample s = { 0 };
	struct cairn_err err = { 0 };
	char size[32], minper[32], seed[32], reserve[32], dbl[32];
	size_t nsel = 0, nres = 0, ndbl = 0;
	json_t *body, *strata;
	json_int_t seedv = 0;

	if ((body = api_body(r, w, &draw_schema)) == NULL)
		return;
	req.size = member_num(body, "size", size, sizeof(size));
	req.strata = member(body, "strata");
	req.min_per = member_num(body, "min-per", minper, sizeof(minper));
	req.reserve = member_num(body, "reserve", reserve, sizeof(reserve));
	req.double_read = member_num(body, "double-read", dbl, sizeof(dbl));
	/* No seed given: a new one, as the draw form offers, returned and kept
	 * with the sample so that the draw can be repeated. */
	if ((req.seed = member_num(body, "seed", seed, sizeof(seed))) == NULL) {
		snprintf(seed, sizeof(seed), "%lu", (unsigned long)randombytes_uniform(1000000));
		req.seed = seed;
	}
	if (app_sample_draw(r->st, &r->actor, r->insp, &req, &s, &err) != CAIRN_OK) {
		refused(w, &err, NULL, NULL, "the sample could not be drawn");
		goto out;
	}
	for (const char *p = s.info.seed; *p >= '0' && *p <= '9'; p++)
		seedv = seedv * 10 + (*p - '0');
	strata = json_array();
	for (size_t i = 0; i < s.nstrata; i++) {
		json_t *key = json_loads(s.strata[i].key, 0, NULL);

		json_array_append_new(strata,
		    json_pack("{s:I, s:o, s:I, s:I}", "position", (json_int_t)s.strata[i].position,
		        "key", key != NULL ? key : json_string(s.strata[i].key), "population",
		        (json_int_t)s.strata[i].population, "allocated",
		        (json_int_t)s.strata[i].allocated));
	}
	for (size_t i = 0; i < s.nmembers; i++) {
		nsel += s.members[i].status == SAMPLE_SELECTED;
		nres += s.members[i].status == SAMPLE_RESERVE;
		ndbl += s.members[i].double_read;
	}
	/* Settings and counts; the records themselves are GET .../sample
	 * (audited, as every view of them). */
	web_send_json(w, 201,
	    json_pack("{s:I, s:I, s:I, s:s, s:I, s:I, s:I, s:I, s:s, s:s, s:o, s:I, s:I, s:I}",
	        "inspection", (json_int_t)r->insp, "size", (json_int_t)s.info.size, "seed", seedv,
	        "stratified_by", s.info.strata, "min_per_stratum",
	        (json_int_t)s.info.min_per_stratum, "reserve", (json_int_t)s.info.reserve,
	        "double_read_pct", (json_int_t)s.info.double_read_pct, "population",
	        (json_int_t)s.info.population_size, "population_checksum",
	        s.info.population_checksum, "generator", s.info.generator, "strata", strata,
	        "selected", (json_int_t)nsel, "reserves", (json_int_t)nres, "double_read",
	        (json_int_t)ndbl));
	sample_free(&s);
out:
	json_decref(body);
}

void
api_sample_replace(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	const char *ref = r->nargs > 1 ? r->args[1] : "", *reason;
	char *by = NULL;
	json_t *body;

	if ((body = api_body(r, w, &replace_schema)) == NULL)
		return;
	reason = member(body, "reason");
	if (app_sample_replace(r->st, &r->actor, r->insp, ref, reason, &by, &err) != CAIRN_OK)
		refused(w, &err, "ref", "reason", "the record could not be replaced");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:s, s:s, s:s}", "inspection", (json_int_t)r->insp, "ref", ref,
		        "replaced_by", by, "reason", reason));
	free(by);
	json_decref(body);
}

/* ---- paired readings and results ---- */

/* The members of the comparison's JSON that name a person by username
 * (each reading's reader), each given its "_name" as `cairn reading
 * compare --json` gives it. */
static const char *const compare_people[] = { "reader" };

void
api_compare(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	struct comparison cmp;
	struct cairn_err err = { 0 };
	json_t *o;

	if (app_reading_ctx(r->st, r->insp, &x, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_err(w, 404, &err, NULL); /* no sample or template yet */
		else
			web_json_error(w, 500, "the readings could not be read", NULL);
		return;
	}
	if (!web_view_audited(r, w, r->insp, "reading.compare.view", "api"))
		goto out;
	reading_compare(&x, NULL, &cmp);
	o = comparison_json(&cmp);
	json_object_set_new(o, "inspection", json_integer(r->insp));
	api_name_people(r, r->insp, ACTION_VIEW_CHILD_RECORDS, o, compare_people,
	    sizeof(compare_people) / sizeof(compare_people[0]));
	web_send_json(w, 200, o);
	comparison_free(&cmp);
out:
	reading_ctx_free(&x);
}

void
api_resolve(struct web_req *r, struct web_resp *w)
{
	struct reading_ctx x;
	struct cairn_err err = { 0 };
	const struct sample_member *m;
	const struct reading *rd[2] = { NULL, NULL };
	const char *ref = r->nargs > 1 ? r->args[1] : "", *item, *agency, *answer, *note;
	json_t *body;

	if ((body = api_body(r, w, &resolve_schema)) == NULL)
		return;
	item = member(body, "item");
	agency = member(body, "agency");
	answer = member(body, "answer");
	note = member(body, "note");
	if (app_reading_ctx(r->st, r->insp, &x, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_err(w, 404, &err, NULL);
		else
			web_json_error(w, 500, "the readings could not be read", NULL);
		goto out;
	}
	/* As the paired-readings page: only a selected record is there. */
	m = sample_find(&x.sample, ref);
	if (m == NULL || m->status != SAMPLE_SELECTED) {
		web_json_error(w, 404, "there is no selected record of the sample with that ref",
		    "ref");
		goto free_ctx;
	}
	reading_ctx_pair(&x, m->id, rd);
	if (!m->double_read || rd[1] == NULL) {
		web_json_error(w, 409,
		    m->double_read ? "the record does not have two submitted readings yet; only "
		                     "differences between two submitted readings are resolved"
		                   : "the record is not double-read; only differences between two "
		                     "submitted readings are resolved",
		    "ref");
		goto free_ctx;
	}
	if (app_reading_resolve(r->st, &r->actor, r->insp, ref, item, agency, answer, note, &err) !=
	    CAIRN_OK)
		refused(w, &err, NULL, "answer", "the agreed answer could not be recorded");
	else
		web_send_json(w, 200,
		    json_pack("{s:I, s:s, s:s, s:s?, s:s, s:s}", "inspection", (json_int_t)r->insp,
		        "ref", ref, "item", item, "agency", agency, "answer", answer, "note",
		        note));
free_ctx:
	reading_ctx_free(&x);
out:
	json_decref(body);
}

void
api_reading_summary(struct web_req *r, struct web_resp *w)
{
	struct item_summary *v = NULL;
	struct reading_ctx x;
	struct cairn_err err = { 0 };
	size_t n = 0;

	if (app_reading_summary_load(r->st, &r->actor, r->insp, &x, &v, &n, NULL, &err) !=
	    CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_err(w, 404, &err, NULL);
		else
			refused(w, &err, NULL, NULL, "the results could not be computed");
		return;
	}
	web_send_json(w, 200, readstat_summary_json(r->insp, x.tpl.code, v, n));
	free(v);
	reading_ctx_free(&x);
}

/* Parses query parameter name (when given) as a number strictly between 0
 * and 1 into *out; false after answering 400 at that field. */
static bool
size_param(struct web_req *r, struct web_resp *w, const char *name, double *out)
{
	const char *q = web_query(r, name);
	char msg[96];
	double v;

	if (q == NULL)
		return true;
	if (!text_parse_double(q, &v) || !(v > 0 && v < 1)) {
		snprintf(msg, sizeof(msg), "%s must be a number between 0 and 1, such as 0.1",
		    name);
		web_json_error(w, 400, msg, name);
		return false;
	}
	*out = v;
	return true;
}

/*
 * The suggested sample size for the inspection's population, as `cairn
 * sample size --population N --json` answers for the same N (Cochran with
 * the finite population correction, stats_sample_size): ?margin= (0.1),
 * ?confidence= (0.95), ?proportion= (0.5), ?round=up|nearest (up).  The
 * population is read through app_population_info; 409 at "population"
 * when none is uploaded yet.
 */
void
api_sample_size(struct web_req *r, struct web_resp *w)
{
	static const char *const known[] = { "margin", "confidence", "proportion", "round" };
	const char *qround = web_query(r, "round");
	struct population_info pi = { 0 };
	struct stats_size_req req;
	struct cairn_err err = { 0 };
	long n = 0;
	int rc;

	for (size_t i = 0; i < r->nquery; i++) {
		bool ok = false;

		for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			ok = ok || strcmp(r->query[i].name, known[k]) == 0;
		if (!ok) {
			web_json_error(w, 400,
			    "unknown parameter; margin, confidence, proportion and round choose "
			    "the "
			    "size",
			    r->query[i].name);
			return;
		}
	}
	stats_size_defaults(&req);
	if (!size_param(r, w, "margin", &req.margin) ||
	    !size_param(r, w, "confidence", &req.confidence) ||
	    !size_param(r, w, "proportion", &req.proportion))
		return;
	if (qround != NULL && strcmp(qround, "up") == 0)
		req.round = STATS_ROUND_UP;
	else if (qround != NULL && strcmp(qround, "nearest") == 0)
		req.round = STATS_ROUND_NEAREST;
	else if (qround != NULL) {
		web_json_error(w, 400, "round must be up or nearest", "round");
		return;
	}
	rc = app_population_info(r->st, &r->actor, r->insp, &pi, &err);
	if (rc == CAIRN_EPERM) {
		web_json_err(w, 403, &err, NULL);
		return;
	}
	if (rc == CAIRN_EDATA || (rc == CAIRN_OK && pi.nrows < 1)) {
		population_info_free(&pi);
		web_json_error(w, 409,
		    "there is no population yet: upload it first, the size is worked out from it",
		    "population");
		return;
	}
	if (rc != CAIRN_OK) {
		web_json_error(w, 500, "the population could not be read", NULL);
		return;
	}
	req.population = pi.nrows;
	population_info_free(&pi);
	if (stats_sample_size(&req, &n, &err) != CAIRN_OK) {
		web_json_err(w, 400, &err, NULL);
		return;
	}
	web_send_json(w, 200,
	    json_pack("{s:I, s:I, s:f, s:f, s:f, s:s, s:s, s:s, s:f}", "size", (json_int_t)n,
	        "population", (json_int_t)req.population, "margin", req.margin, "confidence",
	        req.confidence, "proportion", req.proportion, "rounding",
	        stats_round_name[req.round], "chi2",
	        req.exact_chi2 ? "exact" : "tabled (3 decimals)", "convention", "cochran",
	        "achieved_margin", stats_sample_margin(&req, n)));
}

/*
 * Imports a file of readings sent as a text/csv body, as the readings
 * import page and `cairn reading import ID FILE [--submit]` do
 * (app_reading_import: one's own assigned records, all or nothing);
 * ?submit=true submits every reading in the file too.  201 with {answers,
 * readings, submitted} as the CLI's --json; 422 with every problem by line
 * and column when the file has any, nothing imported.
 */
void
api_readings_import(struct web_req *r, struct web_resp *w)
{
	const char *qsubmit = web_query(r, "submit");
	struct reading_import_result res = { 0 };
	struct csv_errors *ce = xcalloc(1, sizeof(*ce));
	struct cairn_err err = { 0 };
	struct web_upload u = { 0 };
	char fname[] = "readings.csv", msg[128];
	int status;

	for (size_t i = 0; i < r->nquery; i++) {
		if (strcmp(r->query[i].name, "submit") != 0) {
			web_json_error(w, 400,
			    "unknown parameter; submit=true submits the readings imported",
			    r->query[i].name);
			goto out;
		}
	}
	if (qsubmit != NULL && strcmp(qsubmit, "true") != 0 && strcmp(qsubmit, "false") != 0) {
		web_json_error(w, 400, "submit must be true or false", "submit");
		goto out;
	}
	if (!api_save_csv_body(r, w, fname,
	        "the CSV file of readings, a header row and one row per answer", &u))
		goto out;
	if (app_reading_import(r->st, &r->actor, r->insp, u.path,
	        qsubmit != NULL && strcmp(qsubmit, "true") == 0, &res, ce, &err) != CAIRN_OK) {
		json_t *a, *o;

		if (ce->total == 0) {
			refused(w, &err, NULL, NULL, "the readings could not be imported");
			goto out;
		}
		/* Every problem by line and column; nothing was stored. */
		a = json_array();
		for (size_t i = 0; i < ce->nkept; i++)
			json_array_append_new(a,
			    json_pack("{s:I, s:I, s:s}", "line", (json_int_t)ce->kept[i].line,
			        "column", (json_int_t)ce->kept[i].column, "message",
			        ce->kept[i].msg));
		snprintf(msg, sizeof(msg), "the file has %ld problem%s; nothing was imported",
		    ce->total, ce->total == 1 ? "" : "s");
		/* Rows of records that are not one's own to read: 403, listed too. */
		status = err.rc == CAIRN_EPERM ? 403 : 422;
		o = json_pack("{s:i, s:s, s:s, s:n, s:I, s:o}", "status", status, "code",
		    status == 403 ? "forbidden" : "invalid", "message", msg, "field", "total",
		    (json_int_t)ce->total, "errors", a);
		web_send_json(w, status, json_pack("{s:o}", "error", o));
		goto out;
	}
	web_send_json(w, 201,
	    json_pack("{s:I, s:I, s:I}", "answers", (json_int_t)res.rows, "readings",
	        (json_int_t)res.readings, "submitted", (json_int_t)res.submitted));
out:
	web_upload_remove(&u);
	free(ce);
}
