/* Matters of concern as the procedure runs: see concern.h. */
#include "app/records/concern.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
#include "app/access/authz.h"
#include "app/records/reader.h"
#include "app/records/sample.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/model.h"
#include "core/text.h"
#include "store/concern.h"
#include "store/store.h"

#define B(s) (1u << (s))

/*
 * The procedure.  Due days are Cairn's documented default
 * (docs/guide-concerns.md): the lead decides within a day of a concern
 * being raised and an escalated concern is passed within a day of the
 * decision, both by the last day of fieldwork at the latest; the
 * partnership responds within five days of being told; a concern is
 * closed within two days of the response or of a decision not to escalate.
 */
const struct concern_step_info concern_step_table[CONCERN_STEP__MAX] = {
	[CONCERN_RAISED] = { "raise", { "Raised", "Review requested" }, "The concern",
	    "the text of the concern",
	    { "the inspection lead first decides whether to escalate it",
	        "the inspection lead first decides whether to support the request" },
	    ACTION_READ_ASSIGNED_RECORDS, B(CONCERN_ESCALATED) | B(CONCERN_NOT_ESCALATED),
	    CONCERN_NEEDS_TEXT, 1, true },
	[CONCERN_ESCALATED] = { "decide",
	    { "Escalated by the lead", "Request supported by the lead" }, "Reasons",
	    "the reasons for the decision",
	    { "it is next passed to the partnership's designated senior officer",
	        "it is next sent to the partnership's designated senior officer" },
	    ACTION_DECIDE_CONCERN, B(CONCERN_PASSED), CONCERN_NEEDS_TEXT, 1, true },
	[CONCERN_NOT_ESCALATED] = { "decide",
	    { "Not escalated by the lead", "Request not supported by the lead" }, "Reasons",
	    "the reasons for the decision", { "it is next closed", "it is next closed" },
	    ACTION_DECIDE_CONCERN, B(CONCERN_CLOSED), CONCERN_NEEDS_TEXT, 2, false },
	[CONCERN_PASSED] = { "pass",
	    { "Passed to the partnership's senior officer",
	        "Request sent to the partnership's senior officer" },
	    "What was passed on", "what was passed on",
	    { "the partnership's response is recorded next",
	        "the partnership's answer is recorded next" },
	    ACTION_FOLLOW_CONCERN, B(CONCERN_RESPONDED),
	    CONCERN_NEEDS_TEXT | CONCERN_NEEDS_OFFICER | CONCERN_NEEDS_DATE, 5, false },
	[CONCERN_RESPONDED] = { "respond",
	    { "Partnership's response recorded", "Partnership's answer recorded" },
	    "The partnership's response", "the partnership's response",
	    { "it is next closed", "it is next closed" }, ACTION_FOLLOW_CONCERN, B(CONCERN_CLOSED),
	    CONCERN_NEEDS_TEXT | CONCERN_NEEDS_DATE | CONCERN_MAY_REFERRAL, 2, false },
	[CONCERN_CLOSED] = { "close", { "Closed", "Closed" }, "What was done", "what was done",
	    { "nothing follows", "nothing follows" }, ACTION_FOLLOW_CONCERN, 0, CONCERN_NEEDS_TEXT,
	    0, false },
};
_Static_assert(sizeof(concern_step_table) / sizeof(concern_step_table[0]) == CONCERN_STEP__MAX,
    "one row per step");

#undef B

bool
concern_may_follow(enum concern_step from, enum concern_step to)
{
	if ((unsigned)from >= CONCERN_STEP__MAX || (unsigned)to >= CONCERN_STEP__MAX)
		return false;
	return (concern_step_table[from].next >> (unsigned)to) & 1u;
}

/* Checks free text: required, length, UTF-8. */
static int
check_text(const char *field, const char *what, const char *s, size_t max, bool required,
    struct cairn_err *err)
{
	if (s == NULL || s[strspn(s, " \t\r\n")] == '\0') {
		if (required)
			return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, field,
			    "%s is required", what);
		return CAIRN_OK;
	}
	return text_check(field, what, s, max, err);
}

/* Today as YYYY-MM-DD. */
static void
today_iso(char out[static 11])
{
	struct cdate d;

	date_today(&d);
	date_iso(&d, out);
}

void
concern_timing(struct concern *c, const char *fieldwork_to, const char *today)
{
	const struct concern_step_info *s = &concern_step_table[c->step];
	struct cdate on, now, raised, end;
	long due;

	c->due_on[0] = '\0';
	c->overdue = false;
	c->age_days = 0;
	if (!date_parse(today, &now))
		return;
	if (c->raised_on[0] != '\0' && date_parse(c->raised_on, &raised)) {
		c->age_days = date_to_days(&now) - date_to_days(&raised);
	} else if (strlen(c->raised_at) >= 10) {
		char r[11];

		memcpy(r, c->raised_at, 10);
		r[10] = '\0';
		if (date_parse(r, &raised))
			c->age_days = date_to_days(&now) - date_to_days(&raised);
	}
	if (c->age_days < 0)
		c->age_days = 0;
	if (s->next == 0 || s->due_days <= 0 || !date_parse(c->step_on, &on))
		return;
	due = date_to_days(&on) + s->due_days;
	/* While the team is there: by the last day of fieldwork at the latest,
	 * unless the step itself came after fieldwork ended. */
	if (s->by_fieldwork_end && fieldwork_to != NULL && date_parse(fieldwork_to, &end) &&
	    date_to_days(&end) >= date_to_days(&on) && date_to_days(&end) < due)
		due = date_to_days(&end);
	{
		struct cdate d;

		date_from_days(due, &d);
		date_iso(&d, c->due_on);
	}
	c->overdue = date_to_days(&now) > due;
}

/* Loads the last day of fieldwork of inspection insp into out ("" if none). */
static int
fieldwork_end(struct store *st, long insp, char out[static 11], struct cairn_err *err)
{
	struct inspection in;
	int rc;

	out[0] = '\0';
	memset(&in, 0, sizeof(in));
	if ((rc = store_inspection_load(st, insp, &in, err)) != CAIRN_OK)
		return rc;
	text_copy(out, 11, in.fieldwork_to);
	inspection_free(&in);
	return CAIRN_OK;
}

int
app_concern_list(struct store *st, const struct actor *who, long insp, struct concern **out,
    size_t *n, struct cairn_err *err)
{
	char end[11], today[11];
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = authz_check(st, who, insp, ACTION_VIEW_CHILD_RECORDS, NULL, err)) != CAIRN_OK ||
	    (rc = fieldwork_end(st, insp, end, err)) != CAIRN_OK ||
	    (rc = store_concern_list(st, insp, out, n, err)) != CAIRN_OK)
		return rc;
	today_iso(today);
	for (size_t i = 0; i < *n; i++)
		concern_timing(&(*out)[i], end, today);
	return CAIRN_OK;
}

int
app_concern_get(struct store *st, const struct actor *who, long insp, long id, struct concern *c,
    struct cairn_err *err)
{
	char end[11], today[11];
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = authz_check(st, who, insp, ACTION_VIEW_CHILD_RECORDS, NULL, err)) != CAIRN_OK ||
	    (rc = fieldwork_end(st, insp, end, err)) != CAIRN_OK ||
	    (rc = store_concern_get(st, insp, id, c, err)) != CAIRN_OK)
		return rc;
	today_iso(today);
	concern_timing(c, end, today);
	return CAIRN_OK;
}

bool
app_concern_may(struct store *st, const struct actor *who, long insp, enum concern_step step)
{
	struct cairn_err err = { 0 };

	if ((unsigned)step >= CONCERN_STEP__MAX)
		return false;
	return authz_check(st, who, insp, (enum action)concern_step_table[step].action, NULL,
	           &err) == CAIRN_OK;
}

/* Writes the kind codes, comma-separated, into b. */
static void
kind_codes(struct buf *b)
{
	for (int k = 0; k < CONCERN_KIND__MAX; k++)
		buf_printf(b, "%s%s", k ? ", " : "", concern_kind_table[k].code);
}

int
app_concern_raise(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reader, const char *kind, const char *text, long *id, struct cairn_err *err)
{
	struct sample s;
	const struct sample_member *m;
	struct reading_plan p;
	const char *by = who->name;
	enum role role = ROLE_ADMIN;
	char today[11], detail[64];
	int rc, k = CONCERN_KIND_CHILD;

	if ((rc = authz_check(st, who, insp, ACTION_READ_ASSIGNED_RECORDS, &role, err)) != CAIRN_OK)
		return rc;
	if (kind != NULL && kind[0] != '\0' && (k = concern_kind_parse(kind)) < 0) {
		struct buf b = BUF_INIT;

		kind_codes(&b);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "kind",
		    "'%s' is not a kind of concern; valid: %s", kind, buf_str(&b));
		buf_free(&b);
		return rc;
	}
	if ((rc = check_text("text", "the text of the concern", text, CONCERN_TEXT_MAX, true,
	         err)) != CAIRN_OK)
		return rc;
	if ((rc = app_sample_load(st, insp, &s, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_reader_plan(st, insp, &p, err)) != CAIRN_OK) {
		sample_free(&s);
		return rc;
	}
	if ((m = sample_find(&s, ref)) == NULL) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "ref",
		    "'%s' is not in the sample of inspection %ld", ref != NULL ? ref : "", insp);
		goto out;
	}
	if (reader != NULL) {
		by = NULL;
		for (size_t i = 0; i < p.nreaders; i++)
			if (strcmp(p.readers[i].name, reader) == 0)
				by = p.readers[i].name;
		if (by == NULL) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "reader",
			    "unknown reader '%s'", reader);
			goto out;
		}
	}
	/* A reader raises a concern as themselves, about a record assigned to
	 * them; a role that sees every child's records may raise one about any. */
	if (!actor_is_local(who) && !role_may(role, ACTION_VIEW_CHILD_RECORDS)) {
		const struct reader *me = reading_plan_reader_named(&p, who->person);

		if (reader != NULL && strcmp(reader, who->person) != 0)
			rc = cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, "reader",
			    "%s may raise a concern only as themselves, not as %s", who->person,
			    reader);
		else if (me == NULL || m->status != SAMPLE_SELECTED ||
		    !reading_plan_assigned(&p, m->id, me->id))
			rc = cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, "ref",
			    "the record '%s' is not assigned to %s; a reader raises concerns "
			    "about the records assigned to them",
			    ref, who->person);
		if (rc != CAIRN_OK)
			goto out;
	}
	today_iso(today);
	/* The audit entry names the kind, never the text (child-level). */
	snprintf(detail, sizeof(detail), "kind=%s", concern_kind_table[k].code);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_concern_add(st, m->id, (enum concern_kind)k, text, by, today, id, err)) !=
	        CAIRN_OK ||
	    (rc = audit_record(st, who, "concern.raise", insp, ref, detail, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
out:
	reading_plan_free(&p);
	sample_free(&s);
	return rc;
}

/* Writes the step codes a request may name into b. */
static void
step_codes(struct buf *b)
{
	for (int s = CONCERN_RAISED + 1; s < CONCERN_STEP__MAX; s++)
		buf_printf(b, "%s%s", s > CONCERN_RAISED + 1 ? ", " : "", concern_step_code[s]);
}

/* Parses and checks a date input: a real date, not after today and not
 * before the concern's last step. */
static int
check_date(const char *field, const char *what, const char *s, const char *after, const char *today,
    struct cairn_err *err)
{
	struct cdate d, a, t;

	if (!date_parse(s, &d))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
		    "%s '%s' is not a date written as YYYY-MM-DD", what, s);
	if (date_parse(today, &t) && date_cmp(&d, &t) > 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
		    "%s %s is after today (%s); record a step once it has happened", what, s,
		    today);
	if (after != NULL && date_parse(after, &a) && date_cmp(&d, &a) < 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, field,
		    "%s %s is before the concern's last step (%s)", what, s, after);
	return CAIRN_OK;
}

int
app_concern_step(struct store *st, const struct actor *who, long insp, long id,
    const struct concern_step_req *req, enum concern_step *to, struct cairn_err *err)
{
	const struct concern_step_info *si;
	struct concern c;
	struct concern_step_write ev;
	enum concern_proc proc;
	char today[11], subject[32], action[40], detail[400], now[21], on[11];
	char referral[11] = "";
	int rc, step;

	memset(&c, 0, sizeof(c));
	if (req->step == NULL || req->step[0] == '\0' ||
	    (step = concern_step_parse(req->step)) <= CONCERN_RAISED) {
		struct buf b = BUF_INIT;

		step_codes(&b);
		rc = req->step == NULL || req->step[0] == '\0'
		    ? cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "step",
		          "the step to make is required; valid: %s", buf_str(&b))
		    : cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "step",
		          "'%s' is not a step a concern can move to; valid: %s", req->step,
		          buf_str(&b));
		buf_free(&b);
		return rc;
	}
	si = &concern_step_table[step];
	/* Who may, before anything about the concern is told. */
	if ((rc = authz_check(st, who, insp, (enum action)si->action, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_concern_get(st, who, insp, id, &c, err)) != CAIRN_OK)
		return rc;
	proc = concern_kind_table[c.kind].proc;
	if (!concern_may_follow(c.step, (enum concern_step)step)) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "step",
		    "concern %ld cannot be moved to '%s' now: it stands at '%s', and %s", id,
		    si->label[proc], concern_step_table[c.step].label[proc],
		    concern_step_table[c.step].then[proc]);
		goto out;
	}
	today_iso(today);
	if ((rc = check_text("text", si->text_what, req->text, CONCERN_TEXT_MAX, true, err)) !=
	    CAIRN_OK)
		goto out;
	if ((si->needs & CONCERN_NEEDS_OFFICER) &&
	    (rc = check_text("officer", "the senior officer it was passed to", req->officer,
	         CONCERN_OFFICER_MAX, true, err)) != CAIRN_OK)
		goto out;
	if ((si->needs & CONCERN_NEEDS_DATE) && (req->date == NULL || req->date[0] == '\0')) {
		rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "date",
		    "the date is required (YYYY-MM-DD)");
		goto out;
	}
	if ((si->needs & CONCERN_NEEDS_DATE) &&
	    (rc = check_date("date", "the date", req->date, c.step_on, today, err)) != CAIRN_OK)
		goto out;
	if ((si->needs & CONCERN_MAY_REFERRAL) && req->referral != NULL &&
	    req->referral[0] != '\0' &&
	    (rc = check_date("referral", "the local referral's date", req->referral, NULL, today,
	         err)) != CAIRN_OK)
		goto out;
	memset(&ev, 0, sizeof(ev));
	ev.step = (enum concern_step)step;
	ev.actor = who->name;
	store_now(now);
	ev.at = now;
	text_copy(on, sizeof(on), (si->needs & CONCERN_NEEDS_DATE) ? req->date : today);
	ev.on = on;
	ev.text = req->text;
	ev.officer = (si->needs & CONCERN_NEEDS_OFFICER) ? req->officer : NULL;
	if ((si->needs & CONCERN_MAY_REFERRAL) && req->referral != NULL)
		text_copy(referral, sizeof(referral), req->referral);
	ev.referral_on = referral;
	/* The audit entry: the step and its dates, never the text. */
	snprintf(subject, sizeof(subject), "concern %ld", id);
	snprintf(action, sizeof(action), "concern.%s", si->verb);
	snprintf(detail, sizeof(detail), "step=%s from=%s on=%s%s%s%s%s", concern_step_code[step],
	    concern_step_code[c.step], ev.on, ev.officer != NULL ? " officer=" : "",
	    ev.officer != NULL ? ev.officer : "", referral[0] ? " referral=" : "", referral);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	if ((rc = store_concern_step(st, id, c.step, &ev, err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, action, insp, subject, detail, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
	else if (to != NULL)
		*to = ev.step;
out:
	concern_free(&c);
	return rc;
}

int
app_concern_close(struct store *st, const struct actor *who, long insp, long id, const char *note,
    struct cairn_err *err)
{
	struct concern_step_req req = { 0 };

	req.step = "closed";
	req.text = note;
	return app_concern_step(st, who, insp, id, &req, NULL, err);
}

json_t *
concern_json(const struct concern *c, bool with_steps)
{
	enum concern_proc proc = concern_kind_table[c->kind].proc;
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:I, s:b, s:b}",
	    "id", (json_int_t)c->id, "ref", c->ref, "kind", concern_kind_table[c->kind].code,
	    "kind_label", concern_kind_table[c->kind].label, "step", concern_step_code[c->step],
	    "step_label", concern_step_table[c->step].label[proc], "text", c->text, "raised_by",
	    c->raised_by, "raised_at", c->raised_at, "due_on", c->due_on[0] ? c->due_on : NULL,
	    "age_days", (json_int_t)c->age_days, "overdue", c->overdue, "open",
	    c->step != CONCERN_CLOSED);

	json_object_set_new(o, "step_on", json_string(c->step_on));
	if (with_steps) {
		json_t *a = json_array();

		for (size_t i = 0; i < c->nevents; i++) {
			const struct concern_event *e = &c->events[i];

			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "step",
			        concern_step_code[e->step], "label",
			        concern_step_table[e->step].label[proc], "by", e->actor, "at",
			        e->at, "on", e->on, "text", e->text, "officer", e->officer,
			        "referral_on", e->referral_on[0] ? e->referral_on : NULL));
		}
		json_object_set_new(o, "steps", a);
	}
	return o;
}
