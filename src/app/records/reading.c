/* Readings, resolutions and concerns: see reading.h. */
#include "app/records/reading.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/authz.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/records.h"
#include "store/store.h"

/* The readings of a context in member order (see reading_ctx_pair). */
struct reading_index {
	const struct reading *base; /* the array it was built over */
	size_t n;                   /* its length then */
	size_t *order;              /* positions in member order, malloc'd */
};

/* Bytes kept of a canonical answer. */
#define ANSWER_MAX (READING_TEXT_MAX + 1)

void
reading_ctx_free(struct reading_ctx *x)
{
	framework_free(&x->fw);
	template_free(&x->tpl);
	sample_free(&x->sample);
	reading_plan_free(&x->plan);
	readings_free(x->readings, x->nreadings);
	reading_answers_free(x->answers, x->nanswers);
	resolutions_free(x->resolutions, x->nresolutions);
	if (x->by_member != NULL)
		free(x->by_member->order);
	free(x->by_member);
	memset(x, 0, sizeof(*x));
}

int
app_reading_ctx(struct store *st, long insp, struct reading_ctx *out, struct cairn_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->insp = insp;
	if ((rc = app_template_for(st, insp, &out->tpl, &out->fw, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_sample_load(st, insp, &out->sample, err)) != CAIRN_OK ||
	    (rc = app_reader_plan(st, insp, &out->plan, err)) != CAIRN_OK ||
	    (rc = store_reading_list(st, insp, &out->readings, &out->nreadings, err)) != CAIRN_OK ||
	    (rc = store_answer_list(st, insp, &out->answers, &out->nanswers, err)) != CAIRN_OK ||
	    (rc = store_resolution_list(st, insp, &out->resolutions, &out->nresolutions, err)))
		reading_ctx_free(out);
	else
		out->by_member = xcalloc(1, sizeof(*out->by_member));
	return rc;
}

const char *
reading_ctx_answer(const struct reading_ctx *x, long reading, const char *item, const char *agency)
{
	size_t lo = 0, hi = x->nanswers;

	/* The answers are in reading id order (store_answer_list): find the
	 * reading's first by bisection, then look only at its own answers. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->answers[mid].reading_id < reading)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < x->nanswers && x->answers[i].reading_id == reading; i++) {
		const struct reading_answer *a = &x->answers[i];

		if (strcmp(a->item, item) == 0 && strcmp(a->agency, agency) == 0)
			return a->answer;
	}
	return NULL;
}

/* Orders positions in the reading array arg by member, then position (qsort_r). */
static int
cmp_member(const void *a, const void *b, void *arg)
{
	const struct reading *base = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	long mi = base[i].member_id, mj = base[j].member_id;

	if (mi != mj)
		return mi < mj ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* (Re)builds ix over readings[0..n) when it was built over other readings:
 * the positions in member order, each member's in array order. */
static void
index_build(struct reading_index *ix, const struct reading *readings, size_t n)
{
	if (ix->base == readings && ix->n == n && ix->order != NULL)
		return;
	free(ix->order);
	ix->order = xcalloc(n + 1, sizeof(*ix->order));
	for (size_t i = 0; i < n; i++)
		ix->order[i] = i;
	qsort_r(ix->order, n, sizeof(*ix->order), cmp_member, (void *)(uintptr_t)readings);
	ix->base = readings;
	ix->n = n;
}

/*
 * The first two submitted readings of member, in array order: through the
 * member index when the context has one (issue 17: a linear search per
 * member made a summary quadratic in the sample), else by a linear search.
 * Both give the same readings.
 */
void
reading_ctx_pair(const struct reading_ctx *x, long member, const struct reading *r[2])
{
	struct reading_index *ix = x->by_member;
	size_t k = 0, lo = 0, hi;

	r[0] = r[1] = NULL;
	if (ix == NULL) {
		for (size_t i = 0; i < x->nreadings && k < 2; i++)
			if (x->readings[i].member_id == member && x->readings[i].submitted)
				r[k++] = &x->readings[i];
		return;
	}
	index_build(ix, x->readings, x->nreadings);
	hi = x->nreadings;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->readings[ix->order[mid]].member_id < member)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < x->nreadings && k < 2; i++) {
		const struct reading *rd = &x->readings[ix->order[i]];

		if (rd->member_id != member)
			break;
		if (rd->submitted)
			r[k++] = rd;
	}
}

const char *
reading_ctx_reader(const struct reading_ctx *x, const struct reading *r)
{
	const struct reader *d = reading_plan_reader(&x->plan, r->reader_id);

	return d != NULL ? d->name : "?";
}

/* Finds a selected record; CAIRN_EDATA saying why not otherwise. */
static int
find_member(const struct reading_ctx *x, const char *ref, const struct sample_member **m,
    struct cairn_err *err)
{
	*m = sample_find(&x->sample, ref);
	if (*m == NULL)
		return cairn_errf(err, CAIRN_EDATA, "'%s' is not in the sample of inspection %ld",
		    ref, x->insp);
	if ((*m)->status == SAMPLE_RESERVE)
		return cairn_errf(err, CAIRN_EDATA,
		    "'%s' is an unused reserve, not a selected record", ref);
	if ((*m)->status == SAMPLE_REPLACED)
		return cairn_errf(err, CAIRN_EDATA, "'%s' was replaced by '%s' and is not read",
		    ref, (*m)->replaced_by ? (*m)->replaced_by : "?");
	return CAIRN_OK;
}

/* Finds a reader by name. */
static int
find_reader(const struct reading_ctx *x, const char *name, const struct reader **r,
    struct cairn_err *err)
{
	struct buf b = BUF_INIT;
	int rc;

	for (size_t i = 0; i < x->plan.nreaders; i++)
		if (strcmp(x->plan.readers[i].name, name) == 0) {
			*r = &x->plan.readers[i];
			return CAIRN_OK;
		}
	for (size_t i = 0; i < x->plan.nreaders; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", x->plan.readers[i].name);
	rc = cairn_errf(err, CAIRN_EDATA, "unknown reader '%s'; valid: %s", name,
	    x->plan.nreaders ? buf_str(&b) : "(none: add the readers first)");
	buf_free(&b);
	return rc;
}

/* Checks item and agency; sets *it and the canonical agency code ("" when
 * the item is answered once). */
static int
find_item(const struct reading_ctx *x, const char *item, const char *agency,
    const struct template_item **it, const char **agency_code, struct cairn_err *err)
{
	const struct template_agency *ag;

	if ((*it = template_item(&x->tpl, item)) == NULL) {
		struct buf b = BUF_INIT;
		int rc;

		for (size_t i = 0; i < x->tpl.nitems; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", x->tpl.items[i].code);
		rc =
		    cairn_errf(err, CAIRN_EDATA, "unknown item '%s'; valid: %s", item, buf_str(&b));
		buf_free(&b);
		return rc;
	}
	if (agency != NULL && agency[0] == '\0')
		agency = NULL;
	if (!(*it)->per_agency) {
		if (agency != NULL)
			return cairn_errf(err, CAIRN_EDATA,
			    "item %s is answered once for the child, "
			    "not per agency; leave the agency out",
			    item);
		*agency_code = "";
		return CAIRN_OK;
	}
	if (agency == NULL || (ag = template_agency(&x->tpl, agency)) == NULL) {
		struct buf b = BUF_INIT;
		int rc;

		for (size_t i = 0; i < x->tpl.nagencies; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", x->tpl.agencies[i].code);
		if (agency == NULL)
			rc = cairn_errf(err, CAIRN_EDATA,
			    "item %s is answered per agency; give the "
			    "agency; valid: %s",
			    item, buf_str(&b));
		else
			rc = cairn_errf(err, CAIRN_EDATA, "item %s: unknown agency '%s'; valid: %s",
			    item, agency, buf_str(&b));
		buf_free(&b);
		return rc;
	}
	*agency_code = ag->code;
	return CAIRN_OK;
}

/* Checks optional text. */
static int
check_text(const char *field, const char *what, const char *s, bool required, struct cairn_err *err)
{
	size_t n = s ? strlen(s) : 0;

	if (s == NULL || s[strspn(s, " \t\r\n")] == '\0') {
		if (required)
			return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, field,
			    "%s is required", what);
		return CAIRN_OK;
	}
	if (n > READING_TEXT_MAX || !text_utf8_valid(s, n))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
		    "%s must be UTF-8 text of at most %d bytes", what, READING_TEXT_MAX);
	if (text_has_unreadable(s))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field, "%s %s", what,
		    text_unreadable_msg);
	return CAIRN_OK;
}

/* Returns the reading of (member, reader) in x, or NULL. */
static const struct reading *
find_reading(const struct reading_ctx *x, long member, long reader)
{
	for (size_t i = 0; i < x->nreadings; i++)
		if (x->readings[i].member_id == member && x->readings[i].reader_id == reader)
			return &x->readings[i];
	return NULL;
}

/*
 * Decides whether who may record the reading of m by r (see reading.h):
 * the local administrator for any reader; a person only as the reader
 * bearing their name, and only a record assigned to that reader's pair.
 * Nobody records a second reading of a record sampled for a single
 * reading, nor as a reader removed from the list.
 */
static int
may_record(const struct actor *who, const struct reading_ctx *x, const struct sample_member *m,
    const struct reader *r, struct cairn_err *err)
{
	if (r->removed)
		return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, "reader",
		    "%s has been removed from the reader list of this inspection", r->name);
	if (!actor_is_local(who) && strcmp(r->name, who->person) != 0)
		return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, "reader",
		    "%s may record only their own readings, not %s's", who->person, r->name);
	if (!actor_is_local(who) && !reading_plan_assigned(&x->plan, m->id, r->id))
		return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, "ref",
		    "the record '%s' is not assigned to %s; a reader records only the records "
		    "assigned to them",
		    m->ref, r->name);
	for (size_t i = 0; !m->double_read && i < x->nreadings; i++)
		if (x->readings[i].member_id == m->id && x->readings[i].reader_id != r->id)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "ref",
			    "the record '%s' is sampled for a single reading and another reader "
			    "has already begun it; only double-read records are read twice",
			    m->ref);
	return CAIRN_OK;
}

/* Adds a problem with item (agency "" when answered once) to pr (may be
 * NULL); entry is the answer's index or SIZE_MAX. */
static void
problem_add(struct reading_problems *pr, size_t entry, const char *item, const char *agency,
    enum cairn_code code, const char *msg)
{
	struct reading_problem *p;

	if (pr == NULL)
		return;
	pr->v = xreallocarray(pr->v, pr->n + 1, sizeof(*pr->v));
	p = &pr->v[pr->n++];
	memset(p, 0, sizeof(*p));
	p->entry = entry;
	text_copy(p->item, sizeof(p->item), item != NULL ? item : "");
	text_copy(p->agency, sizeof(p->agency), agency != NULL ? agency : "");
	p->code = code;
	text_copy(p->msg, sizeof(p->msg), msg);
}

void
reading_problems_free(struct reading_problems *pr)
{
	free(pr->v);
	pr->v = NULL;
	pr->n = 0;
}

/* Validated answer: everything resolved against the context. */
struct checked {
	const struct sample_member *m;
	const struct reader *r;
	const struct template_item *it;
	const char *agency;      /* canonical code or "" */
	char answer[ANSWER_MAX]; /* canonical answer */
};

/* Checks an entry against the context and who may record it. */
static int
check_entry(const struct reading_ctx *x, const struct actor *who, const struct reading_entry *e,
    struct checked *c, struct cairn_err *err)
{
	int rc;

	if ((rc = find_member(x, e->ref, &c->m, err)) != CAIRN_OK ||
	    (rc = find_reader(x, e->reader, &c->r, err)) != CAIRN_OK ||
	    (rc = may_record(who, x, c->m, c->r, err)) != CAIRN_OK ||
	    (rc = find_item(x, e->item, e->agency, &c->it, &c->agency, err)) != CAIRN_OK ||
	    (rc = template_answer(c->it, &x->fw.scale, e->answer, c->answer, sizeof(c->answer),
	         err)) != CAIRN_OK ||
	    (rc = check_text("note", "the note", e->note, false, err)) != CAIRN_OK)
		return rc;
	return CAIRN_OK;
}

/* Stores one checked answer inside the caller's transaction; *reading_id
 * is the reading's id (created as a draft if needed). */
static int
store_checked(struct store *st, const struct actor *who, const struct reading_ctx *x,
    const struct checked *c, const char *note, const char *reason, long *reading_id, bool *changed,
    struct cairn_err *err)
{
	const struct reading *r = find_reading(x, c->m->id, c->r->id);
	char *old = NULL;
	int rc;

	*changed = false;
	if (r == NULL) {
		if ((rc = store_reading_add(st, c->m->id, c->r->id, reading_id, err)) != CAIRN_OK)
			return rc;
	} else {
		*reading_id = r->id;
	}
	if ((rc = store_answer_get(st, *reading_id, c->it->code, c->agency, &old, err)) != CAIRN_OK)
		return rc;
	if (r != NULL && r->submitted) {
		if (reason == NULL || reason[strspn(reason, " \t")] == '\0') {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_REQUIRED, "reason",
			    "the reading of '%s' by %s is submitted and "
			    "locked; give a reason to change it",
			    c->m->ref, c->r->name);
			goto out;
		}
		if ((rc = check_text("reason", "the reason", reason, true, err)) != CAIRN_OK ||
		    (rc = store_answer_change_add(st, *reading_id, c->it->code, c->agency, old,
		         c->answer, reason, who->name, err)) != CAIRN_OK)
			goto out;
	}
	*changed = old != NULL && strcmp(old, c->answer) != 0;
	rc = store_answer_put(st, *reading_id, c->it->code, c->agency, c->answer, note, err);
out:
	free(old);
	return rc;
}

int
app_reading_answer(struct store *st, const struct actor *who, long insp,
    const struct reading_entry *e, bool *changed, struct cairn_err *err)
{
	struct reading_ctx x;
	struct checked c;
	char *detail = NULL, *subject = NULL;
	long rid;
	int rc;

	*changed = false;
	if ((rc = authz_check(st, who, insp, ACTION_READ_ASSIGNED_RECORDS, NULL, err)) !=
	        CAIRN_OK ||
	    (rc = app_reading_ctx(st, insp, &x, err)) != CAIRN_OK)
		return rc;
	if ((rc = check_entry(&x, who, e, &c, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	subject = xasprintf("%s by %s", e->ref, c.r->name);
	detail = xasprintf("%s%s%s = %s%s%s", c.it->code, c.agency[0] ? "@" : "", c.agency,
	    c.answer, e->reason ? "; reason: " : "", e->reason ? e->reason : "");
	if ((rc = store_checked(st, who, &x, &c, e->note, e->reason, &rid, changed, err)) !=
	        CAIRN_OK ||
	    (rc = audit_record(st, who, "reading.answer", insp, subject, detail, err)) !=
	        CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
out:
	free(detail);
	free(subject);
	reading_ctx_free(&x);
	return rc;
}

int
app_reading_agencies(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reader, const char *agencies, struct cairn_err *err)
{
	struct reading_ctx x;
	const struct sample_member *m;
	const struct reader *r;
	const struct reading *rd;
	struct buf canon = BUF_INIT;
	char *copy = NULL, *subject = NULL;
	long rid;
	int rc;

	if ((rc = authz_check(st, who, insp, ACTION_READ_ASSIGNED_RECORDS, NULL, err)) !=
	        CAIRN_OK ||
	    (rc = app_reading_ctx(st, insp, &x, err)) != CAIRN_OK)
		return rc;
	if ((rc = find_member(&x, ref, &m, err)) != CAIRN_OK ||
	    (rc = find_reader(&x, reader, &r, err)) != CAIRN_OK ||
	    (rc = may_record(who, &x, m, r, err)) != CAIRN_OK)
		goto out;
	copy = xstrdup(agencies ? agencies : "");
	for (char *p = copy; p != NULL;) {
		char *comma = strchr(p, ','), *a;
		const struct template_agency *ag;

		if (comma != NULL)
			*comma++ = '\0';
		a = text_trim(p);
		p = comma;
		if (*a == '\0')
			continue;
		if ((ag = template_agency(&x.tpl, a)) == NULL) {
			struct buf b = BUF_INIT;

			for (size_t i = 0; i < x.tpl.nagencies; i++)
				buf_printf(&b, "%s%s", i ? ", " : "", x.tpl.agencies[i].code);
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "agencies",
			    "unknown agency '%s'; valid: %s", a, buf_str(&b));
			buf_free(&b);
			goto out;
		}
		buf_printf(&canon, "%s%s", canon.len ? "," : "", ag->code);
	}
	if (canon.len == 0) {
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "agencies",
		    "give the agencies whose records were read, e.g. "
		    "social-work,health");
		goto out;
	}
	rd = find_reading(&x, m->id, r->id);
	if (rd != NULL && rd->submitted) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "agencies",
		    "the reading of '%s' by %s is submitted and locked", ref, reader);
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	subject = xasprintf("%s by %s", ref, reader);
	rid = rd ? rd->id : 0;
	if ((rd == NULL && (rc = store_reading_add(st, m->id, r->id, &rid, err)) != CAIRN_OK) ||
	    (rc = store_reading_set_agencies(st, rid, buf_str(&canon), err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "reading.agencies", insp, subject, buf_str(&canon), err)) !=
	        CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
out:
	free(copy);
	free(subject);
	buf_free(&canon);
	reading_ctx_free(&x);
	return rc;
}

/* Adds a missing item (agency "" when answered once) to missing and pr. */
static void
missing_add(const struct reading_ctx *x, const struct template_item *it, const char *agency,
    struct buf *missing, struct reading_problems *pr)
{
	const struct template_agency *ag = agency[0] ? template_agency(&x->tpl, agency) : NULL;
	char msg[READING_PROBLEM_MSG];

	buf_printf(missing, "%s%s%s%s", missing->len ? ", " : "", it->code, agency[0] ? "@" : "",
	    agency);
	snprintf(msg, sizeof(msg), "Answer '%s'%s%s before the reading is submitted", it->text,
	    ag != NULL ? " for " : "", ag != NULL ? ag->name : "");
	problem_add(pr, SIZE_MAX, it->code, agency, CAIRN_CODE_REQUIRED, msg);
}

/* Lists (into missing, and into pr when not NULL) the items a reading
 * still lacks: every item but free text, and per-agency items for each
 * agency recorded as read. */
static void
missing_items(const struct reading_ctx *x, const struct reading *r, struct buf *missing,
    struct reading_problems *pr)
{
	for (size_t i = 0; i < x->tpl.nitems; i++) {
		const struct template_item *it = &x->tpl.items[i];

		if (it->answer == ANSWER_TEXT)
			continue;
		if (!it->per_agency) {
			if (reading_ctx_answer(x, r->id, it->code, "") == NULL)
				missing_add(x, it, "", missing, pr);
			continue;
		}
		for (size_t k = 0; k < x->tpl.nagencies; k++) {
			const char *code = x->tpl.agencies[k].code;
			const char *list = r->agencies ? r->agencies : "";
			size_t n = strlen(code);
			const char *p = strstr(list, code);
			bool listed = false;

			while (p != NULL && !listed) {
				listed =
				    (p == list || p[-1] == ',') && (p[n] == '\0' || p[n] == ',');
				p = strstr(p + 1, code);
			}
			if (listed && reading_ctx_answer(x, r->id, it->code, code) == NULL)
				missing_add(x, it, code, missing, pr);
		}
	}
}

/* Submits reading r inside the caller's transaction; each item missing
 * is added to pr (may be NULL), and the error names the first. */
static int
submit_one(struct store *st, const struct reading_ctx *x, const struct reading *r, const char *ref,
    const char *reader, struct reading_problems *pr, struct cairn_err *err)
{
	size_t first = pr != NULL ? pr->n : 0;

	struct buf missing = BUF_INIT;
	int rc;

	if (r->submitted)
		return cairn_errf(err, CAIRN_EDATA,
		    "the reading of '%s' by %s has already been "
		    "submitted",
		    ref, reader);
	missing_items(x, r, &missing, pr);
	if (missing.len > 0) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_REQUIRED,
		    pr != NULL && pr->n > first ? pr->v[first].item : NULL,
		    "the reading of '%s' by %s is not complete; "
		    "unanswered: %s",
		    ref, reader, buf_str(&missing));
		buf_free(&missing);
		return rc;
	}
	buf_free(&missing);
	return store_reading_submit(st, r->id, err);
}

int
app_reading_submit(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reader, struct cairn_err *err)
{
	struct reading_ctx x;
	const struct sample_member *m;
	const struct reader *r;
	const struct reading *rd;
	char *subject = NULL;
	int rc;

	if ((rc = authz_check(st, who, insp, ACTION_READ_ASSIGNED_RECORDS, NULL, err)) !=
	        CAIRN_OK ||
	    (rc = app_reading_ctx(st, insp, &x, err)) != CAIRN_OK)
		return rc;
	if ((rc = find_member(&x, ref, &m, err)) != CAIRN_OK ||
	    (rc = find_reader(&x, reader, &r, err)) != CAIRN_OK ||
	    (rc = may_record(who, &x, m, r, err)) != CAIRN_OK)
		goto out;
	if ((rd = find_reading(&x, m->id, r->id)) == NULL) {
		rc = cairn_errf(err, CAIRN_EDATA, "there is no reading of '%s' by %s to submit",
		    ref, reader);
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	subject = xasprintf("%s by %s", ref, reader);
	if ((rc = submit_one(st, &x, rd, ref, reader, NULL, err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "reading.submit", insp, subject, NULL, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
out:
	free(subject);
	reading_ctx_free(&x);
	return rc;
}

int
app_reading_save(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reader, const struct reading_entry *e, size_t n, bool submit,
    struct reading_problems *pr, struct cairn_err *err)
{
	struct cairn_err first = { 0 };
	size_t firsti = 0;
	struct reading_ctx x;
	struct checked *c = NULL;
	const struct sample_member *m;
	const struct reader *r;
	const struct reading *rd;
	char *subject = NULL, *detail = NULL;
	long rid = 0;
	int rc;

	if (pr != NULL)
		memset(pr, 0, sizeof(*pr));
	if ((rc = authz_check(st, who, insp, ACTION_READ_ASSIGNED_RECORDS, NULL, err)) !=
	        CAIRN_OK ||
	    (rc = app_reading_ctx(st, insp, &x, err)) != CAIRN_OK)
		return rc;
	if ((rc = find_member(&x, ref, &m, err)) != CAIRN_OK ||
	    (rc = find_reader(&x, reader, &r, err)) != CAIRN_OK ||
	    (rc = may_record(who, &x, m, r, err)) != CAIRN_OK)
		goto out;
	/* Check every answer before anything is written, listing each bad one. */
	c = xcalloc(n ? n : 1, sizeof(*c));
	for (size_t i = 0; i < n; i++) {
		struct cairn_err one = { 0 };

		if (strcmp(e[i].ref, ref) != 0 || strcmp(e[i].reader, reader) != 0) {
			rc = cairn_errf(err, CAIRN_EUSAGE,
			    "every answer saved together must be of '%s' "
			    "by %s",
			    ref, reader);
			goto out;
		}
		if (check_entry(&x, who, &e[i], &c[i], &one) == CAIRN_OK)
			continue;
		if (one.rc != CAIRN_EDATA && one.rc != CAIRN_EUSAGE) {
			rc = cairn_errf(err, one.rc, "%s", one.msg);
			goto out;
		}
		problem_add(pr, i, e[i].item, e[i].agency, CAIRN_CODE_INVALID, one.msg);
		if (first.rc == CAIRN_OK) {
			first = one;
			firsti = i;
		}
	}
	if (first.rc != CAIRN_OK) {
		rc = cairn_err_field(err, first.rc, CAIRN_CODE_INVALID, e[firsti].item, "%s",
		    first.msg);
		goto out;
	}
	rd = find_reading(&x, m->id, r->id);
	if (rd != NULL && rd->submitted) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "the reading of '%s' by %s is submitted and locked", ref, reader);
		goto out;
	}
	if (n == 0 && rd == NULL) {
		rc = cairn_errf(err, CAIRN_EDATA, "there is no reading of '%s' by %s to %s", ref,
		    reader, submit ? "submit" : "save");
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	subject = xasprintf("%s by %s", ref, reader);
	for (size_t i = 0; i < n; i++) {
		bool changed;

		if ((rc = store_checked(st, who, &x, &c[i], e[i].note, NULL, &rid, &changed,
		         err)) != CAIRN_OK)
			goto fail;
		if (find_reading(&x, m->id, r->id) == NULL) {
			/* Make the next answers find the draft just created. */
			x.readings =
			    xreallocarray(x.readings, x.nreadings + 1, sizeof(*x.readings));
			memset(&x.readings[x.nreadings], 0, sizeof(*x.readings));
			x.readings[x.nreadings].id = rid;
			x.readings[x.nreadings].member_id = m->id;
			x.readings[x.nreadings].reader_id = r->id;
			x.nreadings++;
		}
		free(detail);
		detail = xasprintf("%s%s%s = %s", c[i].it->code, c[i].agency[0] ? "@" : "",
		    c[i].agency, c[i].answer);
		if ((rc = audit_record(st, who, "reading.answer", insp, subject, detail, err)) !=
		    CAIRN_OK)
			goto fail;
	}
	if (submit) {
		/* Check completeness on what is now stored (inside this transaction). */
		struct reading_ctx y;

		if ((rc = app_reading_ctx(st, insp, &y, err)) != CAIRN_OK)
			goto fail;
		rd = find_reading(&y, m->id, r->id);
		rc = rd == NULL ? cairn_errf(err, CAIRN_EDATA,
		                      "there is no reading of '%s' by %s to "
		                      "submit",
		                      ref, reader)
		                : submit_one(st, &y, rd, ref, reader, pr, err);
		reading_ctx_free(&y);
		if (rc != CAIRN_OK ||
		    (rc = audit_record(st, who, "reading.submit", insp, subject, NULL, err)) !=
		        CAIRN_OK)
			goto fail;
	}
	if ((rc = store_commit(st, err)) == CAIRN_OK)
		goto out;
fail:
	store_rollback(st);
out:
	free(detail);
	free(subject);
	free(c);
	reading_ctx_free(&x);
	return rc;
}

/* Columns of a readings file, indexing import_column_name. */
enum import_col { IC_REF = 0, IC_READER, IC_ITEM, IC_ANSWER, IC_NOTE, IC_AGENCY, IC__MAX };
static const char *const import_column_name[] = {
	"ref",
	"reader",
	"item",
	"answer",
	"note",
	"agency",
};
_Static_assert(sizeof(import_column_name) / sizeof(import_column_name[0]) == IC__MAX,
    "import_column_name: one entry per value");

/* One checked row of an import. */
struct import_row {
	struct checked c; /* resolved answer */
	char *note;       /* malloc'd or NULL */
	long line;        /* line in the file */
};

/* State of a readings import. */
struct rimport {
	const struct reading_ctx *x;
	const struct actor *who; /* who imports: a person records only their own */
	bool refused;            /* a row was refused because of who imports */
	int col[IC__MAX];        /* cell index of each column, -1 if absent */
	bool header_ok;
	struct import_row *rows;
	size_t n, cap;
};

static int
rimport_header(void *arg, const struct csv_row *h, struct csv_errors *errs)
{
	struct rimport *im = arg;
	long before = errs->total;

	for (int k = 0; k < IC__MAX; k++)
		im->col[k] = -1;
	for (size_t i = 0; i < h->ncells; i++) {
		char name[64];
		int k;

		text_copy(name, sizeof(name), h->cells[i]);
		text_trim(name);
		for (k = 0; k < IC__MAX; k++)
			if (text_casecmp(name, import_column_name[k]) == 0)
				break;
		if (k == IC__MAX)
			csv_errors_add(errs, h->lines[i], (long)i + 1,
			    "unknown column '%.60s'; valid: "
			    "ref, reader, item, answer, note, agency",
			    h->cells[i]);
		else if (im->col[k] >= 0)
			csv_errors_add(errs, h->lines[i], (long)i + 1, "column '%s' appears twice",
			    import_column_name[k]);
		else
			im->col[k] = (int)i;
	}
	for (int k = 0; k <= IC_ANSWER; k++)
		if (im->col[k] < 0)
			csv_errors_add(errs, h->line, 0,
			    "there is no '%s' column; the columns are ref, "
			    "reader, item, answer and optionally note and agency",
			    import_column_name[k]);
	im->header_ok = errs->total == before;
	return CAIRN_OK;
}

/* Returns cell k of row r or NULL when the column is absent. */
static const char *
cell(const struct rimport *im, const struct csv_row *r, enum import_col k)
{
	return im->col[k] >= 0 ? r->cells[im->col[k]] : NULL;
}

static int
rimport_row(void *arg, const struct csv_row *r, struct csv_errors *errs)
{
	struct rimport *im = arg;
	struct reading_entry e = { 0 };
	struct import_row *row;
	struct cairn_err err = { 0 };
	const struct template_item *it;
	const char *ag;
	int bad;

	if (!im->header_ok)
		return CAIRN_OK;
	e.ref = cell(im, r, IC_REF);
	e.reader = cell(im, r, IC_READER);
	e.item = cell(im, r, IC_ITEM);
	e.answer = cell(im, r, IC_ANSWER);
	e.note = cell(im, r, IC_NOTE);
	e.agency = cell(im, r, IC_AGENCY);
	if (im->n == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 64;
		im->rows = xreallocarray(im->rows, im->cap, sizeof(*im->rows));
	}
	row = &im->rows[im->n];
	memset(row, 0, sizeof(*row));
	/* Check field by field so that the error names its column. */
	bad = IC__MAX;
	if (find_member(im->x, e.ref, &row->c.m, &err) != CAIRN_OK)
		bad = IC_REF;
	else if (find_reader(im->x, e.reader, &row->c.r, &err) != CAIRN_OK)
		bad = IC_READER;
	else if (may_record(im->who, im->x, row->c.m, row->c.r, &err) != CAIRN_OK)
		bad = (im->refused = true, strcmp(err.field, "ref") == 0 ? IC_REF : IC_READER);
	else if (find_item(im->x, e.item, e.agency, &it, &ag, &err) != CAIRN_OK)
		bad = template_item(&im->x->tpl, e.item) == NULL ? IC_ITEM
		    : im->col[IC_AGENCY] >= 0                    ? IC_AGENCY
		                                                 : IC_ITEM;
	else if ((row->c.it = it, row->c.agency = ag,
	             template_answer(it, &im->x->fw.scale, e.answer, row->c.answer,
	                 sizeof(row->c.answer), &err)) != CAIRN_OK)
		bad = IC_ANSWER;
	else if (check_text("note", "the note", e.note, false, &err) != CAIRN_OK)
		bad = IC_NOTE;
	if (bad != IC__MAX) {
		csv_errors_add(errs, r->lines[im->col[bad]], (long)im->col[bad] + 1, "%s", err.msg);
		return CAIRN_OK;
	}
	for (size_t i = 0; i < im->n; i++) {
		const struct checked *o = &im->rows[i].c;

		if (o->m == row->c.m && o->r == row->c.r && o->it == row->c.it &&
		    strcmp(o->agency, row->c.agency) == 0) {
			csv_errors_add(errs, r->line, (long)im->col[IC_ITEM] + 1,
			    "%s%s%s for '%s' by %s "
			    "is answered twice (also line %ld)",
			    it->code, ag[0] ? "@" : "", ag, e.ref, e.reader, im->rows[i].line);
			return CAIRN_OK;
		}
	}
	row->note = e.note && e.note[strspn(e.note, " \t")] ? xstrdup(e.note) : NULL;
	row->line = r->line;
	im->n++;
	return CAIRN_OK;
}

int
app_reading_import(struct store *st, const struct actor *who, long insp, const char *path,
    bool submit, struct reading_import_result *res, struct csv_errors *errs, struct cairn_err *err)
{
	struct reading_ctx x;
	struct rimport im;
	struct csv_opts o = { 0 };
	long *touched = NULL;
	size_t ntouched = 0;
	bool began = false;
	char *detail = NULL;
	int rc;

	memset(&im, 0, sizeof(im));
	memset(res, 0, sizeof(*res));
	csv_errors_clear(errs);
	if ((rc = authz_check(st, who, insp, ACTION_READ_ASSIGNED_RECORDS, NULL, err)) !=
	        CAIRN_OK ||
	    (rc = app_reading_ctx(st, insp, &x, err)) != CAIRN_OK)
		return rc;
	im.x = &x;
	im.who = who;
	o.max_cell = READING_TEXT_MAX;
	o.on_header = rimport_header;
	o.on_row = rimport_row;
	o.arg = &im;
	if ((rc = csv_read_file(path, &o, errs, err)) != CAIRN_OK) {
		/* A row of someone else's makes the whole file a refusal (exit 77). */
		if (rc == CAIRN_EDATA && im.refused && err != NULL)
			rc = err->rc = CAIRN_EPERM;
		goto out;
	}
	if (im.n == 0) {
		csv_errors_add(errs, 2, 0, "the file has no answers");
		rc = csv_errors_summary(errs, path, err);
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	began = true;
	touched = xcalloc(im.n, sizeof(long));
	for (size_t i = 0; i < im.n; i++) {
		const struct import_row *row = &im.rows[i];
		const struct reading *rd = find_reading(&x, row->c.m->id, row->c.r->id);
		struct cairn_err e = { 0 };
		long rid;
		bool changed, seen = false;

		if (rd != NULL && rd->submitted) {
			csv_errors_add(errs, row->line, 0,
			    "the reading of '%s' by %s is submitted and "
			    "locked; change it one reading at a time, giving a reason",
			    row->c.m->ref, row->c.r->name);
			continue;
		}
		if (store_checked(st, who, &x, &row->c, row->note, NULL, &rid, &changed, &e) !=
		    CAIRN_OK) {
			rc = cairn_errf(err, e.rc ? e.rc : CAIRN_ESOFTWARE, "%s", e.msg);
			goto out;
		}
		if (rd == NULL) {
			/* Make later rows of the same reading find it. */
			x.readings =
			    xreallocarray(x.readings, x.nreadings + 1, sizeof(*x.readings));
			memset(&x.readings[x.nreadings], 0, sizeof(*x.readings));
			x.readings[x.nreadings].id = rid;
			x.readings[x.nreadings].member_id = row->c.m->id;
			x.readings[x.nreadings].reader_id = row->c.r->id;
			x.nreadings++;
		}
		for (size_t k = 0; k < ntouched; k++)
			seen |= touched[k] == rid;
		if (!seen)
			touched[ntouched++] = rid;
		res->rows++;
	}
	res->readings = (long)ntouched;
	if (errs->total == 0 && submit) {
		/* Reload answers so that completeness is checked on what is stored. */
		reading_answers_free(x.answers, x.nanswers);
		readings_free(x.readings, x.nreadings);
		x.answers = NULL;
		x.readings = NULL;
		if ((rc = store_answer_list(st, insp, &x.answers, &x.nanswers, err)) != CAIRN_OK ||
		    (rc = store_reading_list(st, insp, &x.readings, &x.nreadings, err)) != CAIRN_OK)
			goto out;
		for (size_t k = 0; k < ntouched; k++) {
			for (size_t i = 0; i < x.nreadings; i++) {
				const struct reading *rd = &x.readings[i];
				const struct sample_member *m = NULL;
				const struct reader *r =
				    reading_plan_reader(&x.plan, rd->reader_id);
				struct cairn_err e = { 0 };

				if (rd->id != touched[k])
					continue;
				for (size_t j = 0; j < x.sample.nmembers; j++)
					if (x.sample.members[j].id == rd->member_id)
						m = &x.sample.members[j];
				if (submit_one(st, &x, rd, m ? m->ref : "?", r ? r->name : "?",
				        NULL, &e) != CAIRN_OK) {
					if (e.rc == CAIRN_EDATA)
						csv_errors_add(errs, 0, 0, "%s", e.msg);
					else {
						rc = cairn_errf(err, CAIRN_ESOFTWARE, "%s", e.msg);
						goto out;
					}
				} else {
					res->submitted++;
				}
			}
		}
	}
	if (errs->total > 0) {
		rc = csv_errors_summary(errs, path, err);
		goto out;
	}
	detail = xasprintf("%ld answers in %ld readings%s", res->rows, res->readings,
	    submit ? ", submitted" : "");
	if ((rc = audit_record(st, who, "reading.import", insp, path, detail, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		goto out;
	began = false;
out:
	if (began)
		store_rollback(st);
	if (rc != CAIRN_OK)
		memset(res, 0, sizeof(*res));
	for (size_t i = 0; i < im.n; i++)
		free(im.rows[i].note);
	free(im.rows);
	free(touched);
	free(detail);
	reading_ctx_free(&x);
	return rc;
}

int
app_reading_resolve(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *item, const char *agency, const char *answer, const char *note,
    struct cairn_err *err)
{
	struct reading_ctx x;
	struct checked c;
	const struct reading *pair[2];
	char *detail = NULL;
	int rc;

	if ((rc = authz_check(st, who, insp, ACTION_VIEW_CHILD_RECORDS, NULL, err)) != CAIRN_OK ||
	    (rc = check_text("note", "a note", note, true, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_reading_ctx(st, insp, &x, err)) != CAIRN_OK)
		return rc;
	if ((rc = find_member(&x, ref, &c.m, err)) != CAIRN_OK ||
	    (rc = find_item(&x, item, agency, &c.it, &c.agency, err)) != CAIRN_OK ||
	    (rc = template_answer(c.it, &x.fw.scale, answer, c.answer, sizeof(c.answer), err)))
		goto out;
	reading_ctx_pair(&x, c.m->id, pair);
	if (!c.m->double_read || pair[1] == NULL) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "'%s' %s; only differences between two submitted "
		    "readings are resolved",
		    ref,
		    !c.m->double_read ? "is not double-read"
		                      : "does not have two submitted readings yet");
		goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	detail = xasprintf("%s%s%s = %s: %s", c.it->code, c.agency[0] ? "@" : "", c.agency,
	    c.answer, note);
	if ((rc = store_resolution_put(st, c.m->id, c.it->code, c.agency, c.answer, note, who->name,
	         err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "reading.resolve", insp, ref, detail, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
out:
	free(detail);
	reading_ctx_free(&x);
	return rc;
}

int
app_reading_viewed(struct store *st, const struct actor *who, long insp, const char *action,
    const char *subject, struct cairn_err *err)
{
	int rc;

	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	if ((rc = audit_record(st, who, action, insp, subject, NULL, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
	return rc;
}

int
app_reading_target(struct store *st, const struct actor *who, long insp, const char *ref,
    struct reading_ctx *x, const struct reader **me, const struct sample_member **m,
    struct cairn_err *err)
{
	int rc;

	*me = NULL;
	*m = NULL;
	memset(x, 0, sizeof(*x));
	if ((rc = authz_check(st, who, insp, ACTION_READ_ASSIGNED_RECORDS, NULL, err)) !=
	        CAIRN_OK ||
	    (rc = app_reading_ctx(st, insp, x, err)) != CAIRN_OK)
		return rc;
	if (who->person != NULL)
		*me = reading_plan_reader_named(&x->plan, who->person);
	if (ref != NULL)
		*m = sample_find(&x->sample, ref);
	if (*me == NULL || *m == NULL || (*m)->status != SAMPLE_SELECTED ||
	    !reading_plan_assigned(&x->plan, (*m)->id, (*me)->id)) {
		reading_ctx_free(x);
		*me = NULL;
		*m = NULL;
		return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_UNKNOWN, "ref",
		    "there is no record '%s' assigned to %s", ref != NULL ? ref : "",
		    who->person != NULL ? who->person : who->name);
	}
	return CAIRN_OK;
}

/* Returns the reader's note on an answer of reading (kept by a correction). */
static const char *
answer_note(const struct reading_ctx *x, long reading, const char *item, const char *agency)
{
	for (size_t i = 0; i < x->nanswers; i++)
		if (x->answers[i].reading_id == reading && strcmp(x->answers[i].item, item) == 0 &&
		    strcmp(x->answers[i].agency, agency) == 0)
			return x->answers[i].note;
	return NULL;
}

/* Names the input an error already recorded concerns, when it names none. */
static void
name_field(struct cairn_err *err, enum cairn_code code, const char *field)
{
	if (err == NULL || err->field[0] != '\0')
		return;
	text_copy(err->field, sizeof(err->field), field);
	err->code = code;
}

int
app_reading_correct(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reader, const struct reading_entry *e, size_t n, const char *reason, long *changed,
    struct cairn_err *err)
{
	struct reading_ctx x;
	const struct sample_member *m;
	const struct reader *r;
	const struct reading *rd;
	struct checked *c = NULL;
	struct buf detail = BUF_INIT;
	char *subject = NULL;
	int rc;

	*changed = 0;
	if ((rc = authz_check(st, who, insp, ACTION_MANAGE_READERS, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = check_text("reason", "the reason for the correction", reason, true, err)) !=
	    CAIRN_OK)
		return rc;
	if (n == 0)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "answer",
		    "give at least one corrected answer");
	if ((rc = app_reading_ctx(st, insp, &x, err)) != CAIRN_OK)
		return rc;
	if ((rc = find_member(&x, ref, &m, err)) != CAIRN_OK) {
		name_field(err, CAIRN_CODE_UNKNOWN, "ref");
		goto out;
	}
	if ((rc = find_reader(&x, reader, &r, err)) != CAIRN_OK) {
		name_field(err, CAIRN_CODE_UNKNOWN, "reader");
		goto out;
	}
	rd = find_reading(&x, m->id, r->id);
	if (rd == NULL || !rd->submitted) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "reader",
		    "%s has not submitted a reading of '%s'; only a submitted reading is "
		    "corrected, and a draft is changed by its reader",
		    r->name, m->ref);
		goto out;
	}
	c = xcalloc(n, sizeof(*c));
	for (size_t i = 0; i < n; i++) {
		c[i].m = m;
		c[i].r = r;
		if ((rc = find_item(&x, e[i].item, e[i].agency, &c[i].it, &c[i].agency, err)) !=
		        CAIRN_OK ||
		    (rc = template_answer(c[i].it, &x.fw.scale, e[i].answer, c[i].answer,
		         sizeof(c[i].answer), err)) != CAIRN_OK) {
			name_field(err, CAIRN_CODE_INVALID,
			    e[i].item != NULL && template_item(&x.tpl, e[i].item) ? e[i].item
			                                                          : "item");
			goto out;
		}
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	subject = xasprintf("%s by %s", m->ref, r->name);
	for (size_t i = 0; i < n && rc == CAIRN_OK; i++) {
		char *old = NULL;

		if ((rc = store_answer_get(st, rd->id, c[i].it->code, c[i].agency, &old, err)) !=
		    CAIRN_OK)
			break;
		if (old == NULL || strcmp(old, c[i].answer) != 0) {
			buf_printf(&detail, "%s%s%s%s: %s -> %s", detail.len ? "; " : "",
			    c[i].it->code, c[i].agency[0] ? "@" : "", c[i].agency, old ? old : "-",
			    c[i].answer);
			rc = store_answer_change_add(st, rd->id, c[i].it->code, c[i].agency, old,
			    c[i].answer, reason, who->name, err);
			if (rc == CAIRN_OK)
				rc = store_answer_put(st, rd->id, c[i].it->code, c[i].agency,
				    c[i].answer,
				    answer_note(&x, rd->id, c[i].it->code, c[i].agency), err);
			(*changed)++;
		}
		free(old);
	}
	if (rc == CAIRN_OK && *changed == 0) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "answer",
		    "the corrected answers are the same as the submitted ones; nothing to "
		    "correct");
		*changed = 0;
	}
	if (rc == CAIRN_OK)
		buf_printf(&detail, "; reason: %s", reason);
	if (rc != CAIRN_OK ||
	    (rc = audit_record(st, who, "reading.correct", insp, subject, buf_str(&detail), err)) !=
	        CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK) {
		store_rollback(st);
		*changed = 0;
	}
out:
	free(subject);
	free(c);
	buf_free(&detail);
	reading_ctx_free(&x);
	return rc;
}
