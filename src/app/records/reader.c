/* Readers, pairs and assignments: see reader.h. */
#include "app/access/authz.h"
#include "app/access/lookup.h"
#include "app/records/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/sample.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "store/store.h"

/* Longest reader or agency name, in bytes. */
#define READER_NAME_MAX 200
/* Longest reason, in bytes. */
#define READER_REASON_MAX 2000

void
reading_plan_free(struct reading_plan *p)
{
	readers_free(p->readers, p->nreaders);
	free(p->pairs);
	free(p->assigns);
	memset(p, 0, sizeof(*p));
}

const struct reader *
reading_plan_reader(const struct reading_plan *p, long id)
{
	for (size_t i = 0; i < p->nreaders; i++)
		if (p->readers[i].id == id)
			return &p->readers[i];
	return NULL;
}

const struct reader_pair *
reading_plan_pair(const struct reading_plan *p, long id)
{
	for (size_t i = 0; i < p->npairs; i++)
		if (p->pairs[i].id == id)
			return &p->pairs[i];
	return NULL;
}

/* Checks a name: non-empty UTF-8 of at most READER_NAME_MAX bytes. */
static int
check_name(const char *field, const char *what, const char *s, struct cairn_err *err)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || s[strspn(s, " \t")] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, field,
		    "%s must not be empty", what);
	if (n > READER_NAME_MAX || !text_utf8_valid(s, n))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
		    "%s must be UTF-8 text of at most %d bytes", what, READER_NAME_MAX);
	return CAIRN_OK;
}

int
app_reader_add(struct store *st, const struct actor *who, long insp, const char *name,
    const char *kind, const char *agency, long *id, struct cairn_err *err)
{
	struct inspection in = { 0 };
	enum reader_kind k = READER__MAX;
	char *detail = NULL;
	int rc;

	if ((rc = authz_check(st, who, insp, ACTION_MANAGE_READERS, NULL, err)) != CAIRN_OK)
		return rc;

	if ((rc = check_name("name", "the reader's name", name, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_person_appointable(st, name, "name", err)) != CAIRN_OK)
		return rc;
	if (kind == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "kind",
		    "the kind of reader is required: inspector or local");
	for (int i = 0; i < READER__MAX; i++)
		if (strcmp(kind, reader_kind_code[i]) == 0)
			k = (enum reader_kind)i;
	if (k == READER__MAX)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "kind",
		    "unknown kind '%s'; valid: inspector, local", kind);
	if (agency != NULL && (rc = check_name("agency", "the agency", agency, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_inspection_load(st, insp, &in, err)) != CAIRN_OK)
		return rc;
	inspection_free(&in);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	detail = xasprintf("%s%s%s", kind, agency ? ", " : "", agency ? agency : "");
	if ((rc = store_reader_add(st, insp, name, k, agency, id, err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "reader.add", insp, name, detail, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
	free(detail);
	return rc;
}

int
app_reader_plan(struct store *st, long insp, struct reading_plan *out, struct cairn_err *err)
{
	struct inspection in = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_inspection_load(st, insp, &in, err)) != CAIRN_OK)
		return rc;
	inspection_free(&in);
	if ((rc = store_reader_list(st, insp, &out->readers, &out->nreaders, err)) != CAIRN_OK ||
	    (rc = store_pair_list(st, insp, &out->pairs, &out->npairs, err)) != CAIRN_OK ||
	    (rc = store_assignment_list(st, insp, &out->assigns, &out->nassigns, err)) != CAIRN_OK)
		reading_plan_free(out);
	return rc;
}

/* Returns the pair assigned to (member, round) in p, or 0. */
static long
assigned(const struct reading_plan *p, long member, int round)
{
	for (size_t i = 0; i < p->nassigns; i++)
		if (p->assigns[i].member_id == member && p->assigns[i].round == round)
			return p->assigns[i].pair_id;
	return 0;
}

/* Returns the index of the least-loaded pair, skipping pair id avoid;
 * among equals prefers one sharing no reader with avoid, then the first. */
static size_t
least_loaded(const struct reading_plan *p, const long *load, long avoid)
{
	const struct reader_pair *a = avoid ? reading_plan_pair(p, avoid) : NULL;
	size_t best = p->npairs;
	int best_shared = 0;

	for (size_t i = 0; i < p->npairs; i++) {
		int shared;

		if (p->pairs[i].id == avoid)
			continue;
		shared = a != NULL &&
		    (p->pairs[i].inspector_id == a->inspector_id ||
		        p->pairs[i].local_id == a->local_id);
		if (best == p->npairs || load[i] < load[best] ||
		    (load[i] == load[best] && shared < best_shared)) {
			best = i;
			best_shared = shared;
		}
	}
	return best;
}

int
app_reader_assign(struct store *st, const struct actor *who, long insp, struct reading_plan *out,
    struct cairn_err *err)
{
	struct sample s = { 0 };
	long *inspectors = NULL, *locals = NULL, *load = NULL, added = 0;
	size_t ni = 0, nl = 0;
	bool began = false, needs_two = false;
	char *detail = NULL;
	int rc;

	if ((rc = authz_check(st, who, insp, ACTION_MANAGE_READERS, NULL, err)) != CAIRN_OK)
		return rc;

	if ((rc = app_reader_plan(st, insp, out, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_sample_load(st, insp, &s, err)) != CAIRN_OK)
		goto out;
	inspectors = xcalloc(out->nreaders + 1, sizeof(long));
	locals = xcalloc(out->nreaders + 1, sizeof(long));
	for (size_t i = 0; i < out->nreaders; i++) {
		if (out->readers[i].removed)
			continue;
		if (out->readers[i].kind == READER_INSPECTOR)
			inspectors[ni++] = out->readers[i].id;
		else
			locals[nl++] = out->readers[i].id;
	}
	for (size_t i = 0; i < s.nmembers; i++)
		needs_two |= s.members[i].status == SAMPLE_SELECTED && s.members[i].double_read;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	began = true;
	if (out->npairs == 0) {
		size_t np = ni > nl ? ni : nl;

		if (ni == 0 || nl == 0) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, NULL,
			    "pairs need at least one inspector and one local "
			    "reader (inspection %ld has %zu and %zu); add readers of both kinds "
			    "first",
			    insp, ni, nl);
			goto out;
		}
		if (needs_two && np < 2) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, NULL,
			    "double-read records need at least two pairs; "
			    "add another inspector or local reader");
			goto out;
		}
		free(out->pairs);
		out->pairs = xcalloc(np, sizeof(*out->pairs));
		for (size_t p = 0; p < np; p++) {
			struct reader_pair *x = &out->pairs[p];

			x->position = (long)p + 1;
			x->inspector_id = inspectors[p % ni];
			x->local_id = locals[p % nl];
			if ((rc = store_pair_add(st, insp, x->position, x->inspector_id,
			         x->local_id, &x->id, err)) != CAIRN_OK)
				goto out;
		}
		out->npairs = np;
	}
	load = xcalloc(out->npairs, sizeof(long));
	for (size_t i = 0; i < out->nassigns; i++)
		for (size_t p = 0; p < out->npairs; p++)
			if (out->pairs[p].id == out->assigns[i].pair_id)
				load[p]++;
	for (size_t i = 0; i < s.nmembers; i++) {
		const struct sample_member *m = &s.members[i];
		long first;
		size_t p;

		if (m->status != SAMPLE_SELECTED)
			continue;
		if ((first = assigned(out, m->id, 1)) == 0) {
			p = least_loaded(out, load, 0);
			first = out->pairs[p].id;
			load[p]++;
			added++;
			if ((rc = store_assignment_set(st, m->id, 1, first, err)) != CAIRN_OK)
				goto out;
		}
		if (m->double_read && assigned(out, m->id, 2) == 0) {
			if ((p = least_loaded(out, load, first)) == out->npairs) {
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, NULL,
				    "double-read records need at least two "
				    "pairs");
				goto out;
			}
			load[p]++;
			added++;
			if ((rc = store_assignment_set(st, m->id, 2, out->pairs[p].id, err)) !=
			    CAIRN_OK)
				goto out;
		}
	}
	detail = xasprintf("%zu pairs, %ld new assignments", out->npairs, added);
	if ((rc = audit_record(st, who, "reader.assign", insp, NULL, detail, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		goto out;
	began = false;
	free(out->assigns);
	rc = store_assignment_list(st, insp, &out->assigns, &out->nassigns, err);
	out->added = added;
out:
	if (began)
		store_rollback(st);
	if (rc != CAIRN_OK)
		reading_plan_free(out);
	sample_free(&s);
	free(inspectors);
	free(locals);
	free(load);
	free(detail);
	return rc;
}

int
app_reader_reassign(struct store *st, const struct actor *who, long insp, const char *ref,
    int round, long pair, const char *reason, struct cairn_err *err)
{
	struct reading_plan p = { 0 };
	struct sample s = { 0 };
	const struct sample_member *m;
	const struct reader_pair *to = NULL;
	long from, other;
	char *detail = NULL;
	int rc;

	if ((rc = authz_check(st, who, insp, ACTION_MANAGE_READERS, NULL, err)) != CAIRN_OK)
		return rc;

	if (reason == NULL || reason[strspn(reason, " \t")] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "reason",
		    "a reason is required for a reassignment");
	if (strlen(reason) > READER_REASON_MAX || !text_utf8_valid(reason, strlen(reason)))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "reason",
		    "the reason must be UTF-8 text of at most %d bytes", READER_REASON_MAX);
	if (round != 1 && round != 2)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "round",
		    "the reading must be round 1 or 2");
	if ((rc = app_reader_plan(st, insp, &p, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_sample_load(st, insp, &s, err)) != CAIRN_OK)
		goto out;
	if ((m = sample_find(&s, ref)) == NULL || m->status != SAMPLE_SELECTED) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "ref",
		    "'%s' is not a selected record of the sample of "
		    "inspection %ld",
		    ref, insp);
		goto out;
	}
	for (size_t i = 0; i < p.npairs; i++)
		if (p.pairs[i].position == pair)
			to = &p.pairs[i];
	if (to == NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "pair",
		    "there is no pair %ld; valid: 1 to %zu", pair, p.npairs);
		goto out;
	}
	if ((from = assigned(&p, m->id, round)) == 0) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "round",
		    "'%s' has no round %d reading to move%s", ref, round,
		    round == 2 ? " (it is not double-read)"
		               : "; assign the records to pairs first");
		goto out;
	}
	other = assigned(&p, m->id, round == 1 ? 2 : 1);
	if (other == to->id) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "pair",
		    "pair %ld already has the other reading of '%s'; "
		    "the two readings must be by different pairs",
		    pair, ref);
		goto out;
	}
	if (from == to->id) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "pair",
		    "'%s' round %d is already with pair %ld", ref, round, pair);
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	detail = xasprintf("round %d: pair %ld -> pair %ld: %s", round,
	    reading_plan_pair(&p, from) ? reading_plan_pair(&p, from)->position : 0L, pair, reason);
	if ((rc = store_assignment_set(st, m->id, round, to->id, err)) != CAIRN_OK ||
	    (rc = store_assignment_change_add(st, m->id, round, from, to->id, reason, who->name,
	         err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "reader.reassign", insp, ref, detail, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
out:
	free(detail);
	sample_free(&s);
	reading_plan_free(&p);
	return rc;
}

/* Returns the submitted flag of reader's reading of member: 1 submitted,
 * 0 draft or none. */
static bool
submitted_by(const struct reading *v, size_t n, long member, long reader)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].member_id == member && v[i].reader_id == reader)
			return v[i].submitted;
	return false;
}

long
reading_plan_outstanding(const struct reading_plan *p, const struct reading *v, size_t n,
    long reader_id)
{
	long out = 0;

	for (size_t i = 0; i < p->nassigns; i++) {
		const struct reader_pair *pr = reading_plan_pair(p, p->assigns[i].pair_id);

		if (pr == NULL || (pr->inspector_id != reader_id && pr->local_id != reader_id))
			continue;
		if (!submitted_by(v, n, p->assigns[i].member_id, reader_id))
			out++;
	}
	return out;
}

int
app_reader_remove(struct store *st, const struct actor *who, long insp, const char *name,
    const char *to, struct reader_remove_result *res, struct cairn_err *err)
{
	struct reading_plan p = { 0 };
	struct reading *v = NULL;
	size_t nv = 0;
	const struct reader *gone, *heir = NULL;
	char *detail = NULL;
	int rc;

	memset(res, 0, sizeof(*res));
	if ((rc = authz_check(st, who, insp, ACTION_MANAGE_READERS, NULL, err)) != CAIRN_OK)
		return rc;
	if (name == NULL || name[strspn(name, " \t")] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "reader",
		    "choose the reader to remove");
	if (to != NULL && to[strspn(to, " \t")] == '\0')
		to = NULL;
	if ((rc = app_reader_plan(st, insp, &p, err)) != CAIRN_OK)
		return rc;
	if ((gone = reading_plan_reader_named(&p, name)) == NULL || gone->removed) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "reader",
		    "'%s' is not on the reader list of this inspection", name);
		goto out;
	}
	if (to != NULL) {
		heir = reading_plan_reader_named(&p, to);
		if (heir == NULL || heir->removed || heir == gone) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "to",
			    "'%s' is not another reader on the list of this inspection", to);
			goto out;
		}
		if (heir->kind != gone->kind) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "to",
			    "%s is %s reader and %s is not; a pair joins an inspector and a "
			    "local reader, so choose %s reader to take over",
			    gone->name, gone->kind == READER_INSPECTOR ? "an inspector" : "a local",
			    heir->name,
			    gone->kind == READER_INSPECTOR ? "an inspector" : "a local");
			goto out;
		}
	}
	if ((rc = store_reading_list(st, insp, &v, &nv, err)) != CAIRN_OK)
		goto out;
	res->outstanding = reading_plan_outstanding(&p, v, nv, gone->id);
	for (size_t i = 0; i < nv; i++)
		res->submitted += v[i].reader_id == gone->id && v[i].submitted;
	if (res->outstanding > 0 && heir == NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_REQUIRED, "to",
		    "%s has %ld record%s not yet read; choose a reader to take %s over before "
		    "removing them",
		    gone->name, res->outstanding, res->outstanding == 1 ? "" : "s",
		    res->outstanding == 1 ? "it" : "them");
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	detail = xasprintf("%s removed%s%s; %ld record%s handed over; %ld submitted reading%s kept",
	    gone->name, heir ? "; pairs to " : "", heir ? heir->name : "", res->outstanding,
	    res->outstanding == 1 ? "" : "s", res->submitted, res->submitted == 1 ? "" : "s");
	if ((rc = store_reader_remove(st, gone->id, heir ? heir->id : 0, err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "reader.remove", insp, gone->name, detail, err)) !=
	        CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
out:
	free(detail);
	readings_free(v, nv);
	reading_plan_free(&p);
	return rc;
}

const struct reader *
reading_plan_reader_named(const struct reading_plan *p, const char *name)
{
	for (size_t i = 0; name != NULL && i < p->nreaders; i++)
		if (strcmp(p->readers[i].name, name) == 0)
			return &p->readers[i];
	return NULL;
}

bool
reading_plan_assigned(const struct reading_plan *p, long member_id, long reader_id)
{
	for (size_t i = 0; i < p->nassigns; i++) {
		const struct reader_pair *pr;

		if (p->assigns[i].member_id != member_id)
			continue;
		pr = reading_plan_pair(p, p->assigns[i].pair_id);
		if (pr != NULL && (pr->inspector_id == reader_id || pr->local_id == reader_id))
			return true;
	}
	return false;
}

json_t *
reading_plan_json(const struct reading_plan *p, const struct sample *s, bool with_assignments)
{
	json_t *readers = json_array(), *pairs = json_array(), *o;

	for (size_t i = 0; i < p->nreaders; i++)
		json_array_append_new(readers,
		    json_pack("{s:s, s:s, s:s?, s:b}", "name", p->readers[i].name, "kind",
		        reader_kind_code[p->readers[i].kind], "agency", p->readers[i].agency,
		        "removed", p->readers[i].removed));
	for (size_t i = 0; i < p->npairs; i++) {
		const struct reader *a = reading_plan_reader(p, p->pairs[i].inspector_id);
		const struct reader *b = reading_plan_reader(p, p->pairs[i].local_id);
		long n = 0;

		for (size_t k = 0; k < p->nassigns; k++)
			n += p->assigns[k].pair_id == p->pairs[i].id;
		json_array_append_new(pairs,
		    json_pack("{s:I, s:s, s:s, s:I}", "pair", (json_int_t)p->pairs[i].position,
		        "inspector", a ? a->name : "", "local", b ? b->name : "", "records",
		        (json_int_t)n));
	}
	o = json_pack("{s:o, s:o, s:I}", "readers", readers, "pairs", pairs, "added",
	    (json_int_t)p->added);
	if (with_assignments) {
		json_t *assigns = json_array();

		for (size_t k = 0; k < p->nassigns; k++) {
			const struct reader_pair *x = reading_plan_pair(p, p->assigns[k].pair_id);
			const char *ref = "";

			for (size_t i = 0; s != NULL && i < s->nmembers; i++)
				if (s->members[i].id == p->assigns[k].member_id)
					ref = s->members[i].ref;
			json_array_append_new(assigns,
			    json_pack("{s:s, s:i, s:I}", "ref", ref, "round", p->assigns[k].round,
			        "pair", (json_int_t)(x ? x->position : 0)));
		}
		json_object_set_new(o, "assignments", assigns);
	}
	return o;
}
