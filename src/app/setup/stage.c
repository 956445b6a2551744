/* The inspection's lifecycle and week plan: see stage.h. */
#include "app/setup/stage.h"

#include "app/access/authz.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/jsonfield.h"
#include "core/buf.h"
#include "core/embed.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "store/model.h"
#include "store/store.h"

/* Longest stage code and title, in bytes. */
#define STAGE_CODE_MAX  40
#define STAGE_TITLE_MAX 200
/* Most stages in a plan, and the longest plan in weeks. */
#define STAGE_MAX 40
#define WEEKS_MAX 260

const char *const timeline_status_code[TIMELINE__MAX] = {
	[TIMELINE_DONE] = "done",
	[TIMELINE_CURRENT] = "current",
	[TIMELINE_DUE] = "due",
	[TIMELINE_OVERDUE] = "overdue",
	[TIMELINE_UNPLANNED] = "not planned",
};
_Static_assert(sizeof(timeline_status_code) / sizeof(timeline_status_code[0]) == TIMELINE__MAX,
    "timeline_status_code: one entry per value");

/* The checks a stage file may name, by bit. */
static const struct {
	const char *code;
	unsigned bit;
} check_names[] = {
	{ "all-graded", STAGE_CHECK_ALL_GRADED },
	{ "panel-signoff", STAGE_CHECK_SIGNOFF },
};

void
stage_plan_free(struct stage_plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n && p->stages != NULL; i++) {
		free(p->stages[i].code);
		free(p->stages[i].title);
	}
	free(p->stages);
	free(p->framework);
	free(p->title);
	memset(p, 0, sizeof(*p));
}

/* Parses one element of "stages" into *d. */
static int
parse_stage(json_t *o, size_t i, const char *name, struct stage_def *d, struct cairn_err *err)
{
	static const char *const keys[] = { "code", "title", "week", "required", "requires", NULL };
	char where[48];
	json_t *v, *req;

	snprintf(where, sizeof(where), "stages[%zu].", i);
	if (!json_is_object(o))
		return cairn_errf(err, CAIRN_EDATA, "%s: stages[%zu]: must be an object", name, i);
	if (jsonfield_only(o, keys, name, where, err) ||
	    jsonfield_str(o, "code", true, STAGE_CODE_MAX, name, where, &d->code, err) ||
	    jsonfield_str(o, "title", true, STAGE_TITLE_MAX, name, where, &d->title, err))
		return CAIRN_EDATA;
	v = json_object_get(o, "week");
	if (v != NULL &&
	    (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > WEEKS_MAX))
		return cairn_errf(err, CAIRN_EDATA, "%s: %sweek: must be a whole number 1 to %d",
		    name, where, WEEKS_MAX);
	d->week = v != NULL ? (int)json_integer_value(v) : 0;
	v = json_object_get(o, "required");
	if (!json_is_boolean(v))
		return cairn_errf(err, CAIRN_EDATA, "%s: %srequired: required, true or false", name,
		    where);
	d->required = json_is_true(v);
	req = json_object_get(o, "requires");
	if (req != NULL && !json_is_array(req))
		return cairn_errf(err, CAIRN_EDATA, "%s: %srequires: must be a list", name, where);
	for (size_t j = 0; req != NULL && j < json_array_size(req); j++) {
		const char *c = json_string_value(json_array_get(req, j));
		unsigned bit = 0;

		for (size_t k = 0; c != NULL && k < sizeof(check_names) / sizeof(check_names[0]);
		     k++)
			if (strcmp(c, check_names[k].code) == 0)
				bit = check_names[k].bit;
		if (bit == 0)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: %srequires[%zu]: unknown check; valid: "
			    "all-graded, panel-signoff",
			    name, where, j);
		d->checks |= bit;
	}
	return CAIRN_OK;
}

int
stage_plan_parse(const char *text, size_t len, const char *name, struct stage_plan *p,
    struct cairn_err *err)
{
	static const char *const keys[] = { "framework", "title", "weeks", "source", "stages",
		NULL };
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je), *stages, *v;
	int rc = CAIRN_EDATA;

	memset(p, 0, sizeof(*p));
	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: line %d, column %d: %s", name, je.line,
		    je.column, je.text);
	if (!json_is_object(root)) {
		cairn_errf(err, CAIRN_EDATA, "%s: must be a JSON object", name);
		goto out;
	}
	if (jsonfield_only(root, keys, name, "", err) ||
	    jsonfield_str(root, "framework", true, 64, name, "", &p->framework, err) ||
	    jsonfield_str(root, "title", true, STAGE_TITLE_MAX, name, "", &p->title, err))
		goto out;
	v = json_object_get(root, "weeks");
	if (!json_is_integer(v) || json_integer_value(v) < 2 || json_integer_value(v) > WEEKS_MAX) {
		cairn_errf(err, CAIRN_EDATA, "%s: weeks: required, a whole number 2 to %d", name,
		    WEEKS_MAX);
		goto out;
	}
	p->weeks = (int)json_integer_value(v);
	stages = json_object_get(root, "stages");
	if (!json_is_array(stages) || json_array_size(stages) < 2 ||
	    json_array_size(stages) > STAGE_MAX) {
		cairn_errf(err, CAIRN_EDATA, "%s: stages: required, a list of 2 to %d stages", name,
		    STAGE_MAX);
		goto out;
	}
	p->stages = xcalloc(json_array_size(stages), sizeof(*p->stages));
	for (size_t i = 0; i < json_array_size(stages); i++) {
		struct stage_def *d = &p->stages[p->n++];

		if (parse_stage(json_array_get(stages, i), i, name, d, err) != CAIRN_OK)
			goto out;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(p->stages[j].code, d->code) == 0) {
				cairn_errf(err, CAIRN_EDATA,
				    "%s: stages[%zu].code: '%s' appears twice", name, i, d->code);
				goto out;
			}
			if (d->week != 0 && p->stages[j].week > d->week) {
				cairn_errf(err, CAIRN_EDATA,
				    "%s: stages[%zu].week: %d is before an earlier "
				    "stage's week %d",
				    name, i, d->week, p->stages[j].week);
				goto out;
			}
		}
		if (d->week > p->weeks) {
			cairn_errf(err, CAIRN_EDATA,
			    "%s: stages[%zu].week: %d is after the plan's %d "
			    "weeks",
			    name, i, d->week, p->weeks);
			goto out;
		}
	}
	rc = CAIRN_OK;
out:
	json_decref(root);
	if (rc != CAIRN_OK)
		stage_plan_free(p);
	return rc;
}

int
stage_plan_for(const char *framework, struct stage_plan *p, struct cairn_err *err)
{
	char name[128];
	const struct embed_file *f;

	snprintf(name, sizeof(name), "models/%s/stages.json", framework);
	if ((f = embed_find(name)) == NULL) {
		snprintf(name, sizeof(name), "models/default/stages.json");
		if ((f = embed_find(name)) == NULL)
			return cairn_errf(err, CAIRN_ESOFTWARE, "no stage plan shipped for %s",
			    framework);
	}
	return stage_plan_parse(f->data, f->len, name, p, err);
}

int
stage_plan_of(struct store *st, const char *framework, struct stage_plan *p, struct cairn_err *err)
{
	char *body = NULL, name[160];
	int rc;

	if ((rc = store_model_file_get(st, framework, "stages.json", &body, err)) != CAIRN_OK)
		return rc;
	if (body == NULL)
		return stage_plan_for(framework, p, err);
	snprintf(name, sizeof(name), "pack %s: stages.json", framework);
	rc = stage_plan_parse(body, strlen(body), name, p, err);
	free(body);
	return rc;
}

int
stage_plan_find(const struct stage_plan *p, const char *code)
{
	for (size_t i = 0; code != NULL && i < p->n; i++)
		if (strcmp(p->stages[i].code, code) == 0)
			return (int)i;
	return -1;
}

void
stage_state_free(struct stage_state *s)
{
	if (s == NULL)
		return;
	stage_plan_free(&s->plan);
	stage_moves_free(s->moves, s->nmoves);
	memset(s, 0, sizeof(*s));
}

json_t *
stage_moves_json(const struct stage_state *s)
{
	json_t *a = json_array();

	for (size_t i = 0; i < s->nmoves; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s, s:s}", "stage", s->moves[i].stage, "date",
		        s->moves[i].moved_on, "by", s->moves[i].moved_by, "recorded_at",
		        s->moves[i].recorded_at));
	return a;
}

int
app_stage_state(struct store *st, long id, struct stage_state *s, struct cairn_err *err)
{
	struct inspection in;
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	text_copy(s->notified, sizeof(s->notified), in.notified);
	rc = stage_plan_of(st, in.framework_code, &s->plan, err);
	inspection_free(&in);
	if (rc == CAIRN_OK)
		rc = store_stage_list(st, id, &s->moves, &s->nmoves, err);
	if (rc != CAIRN_OK) {
		stage_state_free(s);
		return rc;
	}
	text_copy(s->since, sizeof(s->since), s->notified);
	if (s->nmoves > 0) {
		const struct stage_move *last = &s->moves[s->nmoves - 1];
		int i = stage_plan_find(&s->plan, last->stage);

		s->current = i >= 0 ? (size_t)i : 0;
		text_copy(s->since, sizeof(s->since), last->moved_on);
	}
	return CAIRN_OK;
}

/* Returns true if the inspection has been at stage index i (by a move,
 * or as the first stage). */
static bool
visited(const struct stage_state *s, size_t i)
{
	if (i == 0 || i == s->current)
		return true;
	for (size_t m = 0; m < s->nmoves; m++)
		if (strcmp(s->moves[m].stage, s->plan.stages[i].code) == 0)
			return true;
	return false;
}

/* Checks that every evaluated indicator of inspection id is graded;
 * CAIRN_EDATA naming the ungraded ones otherwise. */
static int
check_all_graded(struct store *st, long id, const char *stage, struct cairn_err *err)
{
	struct inspection in;
	struct framework fw;
	struct evaluation *ev = NULL;
	struct buf b = BUF_INIT;
	size_t nev = 0, missing = 0;
	int rc;

	memset(&fw, 0, sizeof(fw));
	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_framework_load(st, in.framework_code, &fw, err)) != CAIRN_OK ||
	    (rc = store_evaluation_list(st, id, &ev, &nev, err)) != CAIRN_OK)
		goto out;
	for (size_t q = 0; q < fw.nqis; q++) {
		bool graded = false;

		if (!fw.qis[q].evaluated)
			continue;
		for (size_t e = 0; e < nev; e++)
			graded |= strcmp(ev[e].qi, fw.qis[q].code) == 0;
		if (!graded) {
			buf_printf(&b, "%s%s", missing ? ", " : "", fw.qis[q].code);
			missing++;
		}
	}
	if (missing > 0)
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "stage",
		    "cannot move to %s: %zu evaluated indicator%s not "
		    "graded (%s); grade %s first",
		    stage, missing, missing == 1 ? " is" : "s are", buf_str(&b),
		    missing == 1 ? "it" : "them");
out:
	buf_free(&b);
	evaluations_free(ev, nev);
	framework_free(&fw);
	inspection_free(&in);
	return rc;
}

/* Runs the checks a stage requires. */
static int
run_checks(struct store *st, long id, const struct stage_def *d, struct cairn_err *err)
{
	bool standing = false;
	int rc;

	if ((d->checks & STAGE_CHECK_ALL_GRADED) &&
	    (rc = check_all_graded(st, id, d->code, err)) != CAIRN_OK)
		return rc;
	if (d->checks & STAGE_CHECK_SIGNOFF) {
		if ((rc = store_signoff_standing(st, id, &standing, err)) != CAIRN_OK)
			return rc;
		if (!standing)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "stage",
			    "cannot move to %s: the Quality and "
			    "Consistency Panel has not signed off the evaluations of inspection "
			    "%ld, "
			    "or a later change voided the sign-off",
			    d->code, id);
	}
	return CAIRN_OK;
}

/* Validates a move of s to target index t on date on. */
static int
check_move(struct store *st, long id, const struct stage_state *s, int t, const char *code,
    const char *on, struct cairn_err *err)
{
	const struct stage_def *cur = &s->plan.stages[s->current];
	struct buf b = BUF_INIT;
	int rc = CAIRN_OK;

	if (t < 0) {
		for (size_t i = 0; i < s->plan.n; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", s->plan.stages[i].code);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "stage",
		    "unknown stage '%s' for this programme; valid: %s", code, buf_str(&b));
		goto out;
	}
	if ((size_t)t == s->current) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "stage",
		    "inspection %ld is already at stage %s (since %s)", id, code,
		    s->since[0] ? s->since : "notification");
		goto out;
	}
	if (s->since[0] && strcmp(on, s->since) < 0) {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "date",
		    "the date %s is before the current stage %s began "
		    "(%s)",
		    on, cur->code, s->since);
		goto out;
	}
	if ((size_t)t < s->current) {
		int pub = stage_plan_find(&s->plan, "published");

		if (pub >= 0 && s->current >= (size_t)pub)
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "stage",
			    "inspection %ld is %s; it cannot move back to "
			    "%s",
			    id, cur->code, code);
		goto out;
	}
	for (size_t i = s->current + 1; i < (size_t)t; i++) {
		if (s->plan.stages[i].required && !visited(s, i)) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "stage",
			    "cannot move from %s to %s: it skips the "
			    "required stage %s (%s); move there first",
			    cur->code, code, s->plan.stages[i].code, s->plan.stages[i].title);
			goto out;
		}
	}
	rc = run_checks(st, id, &s->plan.stages[t], err);
out:
	buf_free(&b);
	return rc;
}

int
app_stage_move(struct store *st, const struct actor *who, long id, const char *stage,
    const char *date, struct cairn_err *err)
{
	struct stage_state s;
	struct cdate d;
	char on[11], detail[128];
	int rc, t;

	if ((rc = authz_check(st, who, id, ACTION_MOVE_STAGE, NULL, err)) != CAIRN_OK)
		return rc;
	/* Moving to published is publishing: the lead's alone. */
	if (stage != NULL && strcmp(stage, "published") == 0 &&
	    (rc = authz_check(st, who, id, ACTION_PUBLISH, NULL, err)) != CAIRN_OK)
		return rc;
	if (stage == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "stage",
		    "choose the stage to move to");
	if (date == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "date",
		    "the date is required (YYYY-MM-DD)");
	if (!date_parse(date, &d))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "date",
		    "the date '%s' is not a date; use YYYY-MM-DD", date);
	date_iso(&d, on);
	if ((rc = app_stage_state(st, id, &s, err)) != CAIRN_OK)
		return rc;
	/* "next": the stage after the current one on the programme's plan. */
	if (strcmp(stage, STAGE_NEXT) == 0) {
		if (s.current + 1 >= s.plan.n) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "stage",
			    "inspection %ld is at the last stage of its plan (%s)", id,
			    s.plan.stages[s.current].title);
			goto out;
		}
		stage = s.plan.stages[s.current + 1].code;
		if (strcmp(stage, "published") == 0 &&
		    (rc = authz_check(st, who, id, ACTION_PUBLISH, NULL, err)) != CAIRN_OK)
			goto out;
	}
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	t = stage_plan_find(&s.plan, stage);
	rc = check_move(st, id, &s, t, stage, on, err);
	if (rc == CAIRN_OK)
		rc = store_stage_move(st, id, stage, on, who->name, err);
	if (rc == CAIRN_OK && strcmp(stage, "published") == 0) {
		struct inspection in;

		if ((rc = store_inspection_load(st, id, &in, err)) == CAIRN_OK) {
			memcpy(in.published, on, sizeof(in.published));
			rc = store_inspection_update(st, &in, err);
			inspection_free(&in);
		}
	}
	snprintf(detail, sizeof(detail), "%s -> %s on %s", s.plan.stages[s.current].code, stage,
	    on);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "stage.move", id, stage, detail, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	stage_state_free(&s);
	return rc;
}

void
holidays_free(struct holidays *h)
{
	if (h == NULL)
		return;
	free(h->from);
	free(h->to);
	memset(h, 0, sizeof(*h));
}

/* Parses one line of a holidays file (s is the line, NUL-terminated). */
static void
holiday_line(struct holidays *h, size_t *cap, const char *s, long line, struct csv_errors *errs)
{
	char a[16], b[16];
	struct cdate from, to;
	size_t n = strcspn(s, " \t"), dots;
	const char *rest = s + n;

	if (n == 0 || s[0] == '#')
		return;
	/* What follows the dates is a name, ignored; but not a split range. */
	rest += strspn(rest, " \t");
	if (rest[0] == '.') {
		csv_errors_add(errs, line, (long)(rest - s) + 1,
		    "no spaces around '..'; use "
		    "YYYY-MM-DD..YYYY-MM-DD");
		return;
	}
	dots = strcspn(s, ".");
	if (dots < n) {
		if (dots >= sizeof(a) || n - dots - 2 >= sizeof(b) || s[dots + 1] != '.') {
			csv_errors_add(errs, line, 1,
			    "'%.*s' is not a date range; use "
			    "YYYY-MM-DD..YYYY-MM-DD",
			    (int)(n > 40 ? 40 : n), s);
			return;
		}
		memcpy(a, s, dots);
		a[dots] = '\0';
		memcpy(b, s + dots + 2, n - dots - 2);
		b[n - dots - 2] = '\0';
	} else {
		if (n >= sizeof(a)) {
			csv_errors_add(errs, line, 1, "'%.*s' is not a date; use YYYY-MM-DD",
			    (int)(n > 40 ? 40 : n), s);
			return;
		}
		memcpy(a, s, n);
		a[n] = '\0';
		memcpy(b, a, sizeof(b));
	}
	if (!date_parse(a, &from)) {
		csv_errors_add(errs, line, 1, "'%s' is not a date; use YYYY-MM-DD", a);
		return;
	}
	if (!date_parse(b, &to)) {
		csv_errors_add(errs, line, (long)dots + 3, "'%s' is not a date; use YYYY-MM-DD", b);
		return;
	}
	if (date_cmp(&to, &from) < 0) {
		csv_errors_add(errs, line, 1, "the range ends (%s) before it starts (%s)", b, a);
		return;
	}
	if (h->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		h->from = xreallocarray(h->from, *cap, sizeof(*h->from));
		h->to = xreallocarray(h->to, *cap, sizeof(*h->to));
	}
	h->from[h->n] = from;
	h->to[h->n] = to;
	h->n++;
}

int
holidays_parse(const char *text, size_t len, struct holidays *h, struct csv_errors *errs)
{
	size_t cap = 0, start = 0;
	long line = 0;

	memset(h, 0, sizeof(*h));
	csv_errors_clear(errs);
	if (!text_utf8_valid(text, len))
		csv_errors_add(errs, 0, 0, "the file is not valid UTF-8");
	while (start < len) {
		size_t end = start;
		char *copy;

		while (end < len && text[end] != '\n')
			end++;
		line++;
		copy = xstrndup(text + start, end - start);
		holiday_line(h, &cap, text_trim(copy), line, errs);
		free(copy);
		start = end + 1;
	}
	if (errs->total > 0) {
		holidays_free(h);
		return CAIRN_EDATA;
	}
	return CAIRN_OK;
}

/* Where one written holiday splits into its first and last day: sets
 * *cut to the separator's start and *next past it; false if it is one
 * date. */
static bool
holiday_split(const char *s, size_t *cut, size_t *next)
{
	static const char *const seps[] = { " to ", "..", " - ", "\xe2\x80\x93" };

	for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
		const char *at = NULL;

		if (k == 0) {
			/* "to" in any case. */
			for (const char *p = s; *p != '\0' && at == NULL; p++)
				if (p[0] == ' ' && (p[1] | 0x20) == 't' && (p[2] | 0x20) == 'o' &&
				    p[3] == ' ')
					at = p;
		} else {
			at = strstr(s, seps[k]);
		}
		if (at != NULL) {
			*cut = (size_t)(at - s);
			*next = *cut + strlen(seps[k]);
			return true;
		}
	}
	return false;
}

/* Writes s into out (72 bytes) to be named in a message: whole, or its
 * first 60 bytes cut at a character's start and followed by "...";
 * returns out. */
static const char *
shown(const char *s, char out[static 72])
{
	size_t n = strlen(s);

	if (n <= 60) {
		memcpy(out, s, n + 1);
		return out;
	}
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, s, n);
	memcpy(out + n, "...", 4);
	return out;
}

/* How the stage page asks for a date, after naming a bad one. */
#define HOLIDAY_WRITE_AS "write a date as 12 October 2026, 12/10/2026 or 2026-10-12"

int
holidays_parse_written(const char *text, struct holidays *h, struct cairn_err *err)
{
	char *copy = xstrdup(text != NULL ? text : "");
	char *save = NULL, *item;
	size_t cap = 0;
	int rc = CAIRN_OK;

	memset(h, 0, sizeof(*h));
	for (item = strtok_r(copy, ",\n", &save); item != NULL && rc == CAIRN_OK;
	     item = strtok_r(NULL, ",\n", &save)) {
		char *s = text_trim(item);
		struct cdate from, to;
		size_t cut, next;
		char bad[72];

		if (s[0] == '\0')
			continue;
		if (h->n == HOLIDAYS_WRITTEN_MAX) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "holidays",
			    "Enter at most %d holidays", HOLIDAYS_WRITTEN_MAX);
			break;
		}
		if (holiday_split(s, &cut, &next)) {
			char *last = s + next;

			s[cut] = '\0';
			if (!date_parse_written(s, &from)) {
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID,
				    "holidays", "'%s' is not a date: %s", shown(text_trim(s), bad),
				    HOLIDAY_WRITE_AS);
				break;
			}
			if (!date_parse_written(last, &to)) {
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID,
				    "holidays", "'%s' is not a date: %s",
				    shown(text_trim(last), bad), HOLIDAY_WRITE_AS);
				break;
			}
			if (date_cmp(&to, &from) < 0) {
				char a[32], b[32];

				date_long(&from, a, sizeof(a));
				date_long(&to, b, sizeof(b));
				rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID,
				    "holidays", "The holiday from %s to %s ends before it starts",
				    a, b);
				break;
			}
		} else if (!date_parse_written(s, &from)) {
			rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "holidays",
			    "'%s' is not a date: %s", shown(s, bad), HOLIDAY_WRITE_AS);
			break;
		} else {
			to = from;
		}
		if (h->n == cap) {
			cap = cap ? cap * 2 : 16;
			h->from = xreallocarray(h->from, cap, sizeof(*h->from));
			h->to = xreallocarray(h->to, cap, sizeof(*h->to));
		}
		h->from[h->n] = from;
		h->to[h->n] = to;
		h->n++;
	}
	free(copy);
	if (rc != CAIRN_OK)
		holidays_free(h);
	return rc;
}

bool
holidays_week(const struct holidays *h, long day)
{
	int off = 0;

	for (long d = day; d < day + 7 && h != NULL; d++) {
		struct cdate c;

		date_from_days(d, &c);
		if (date_weekday(&c) >= 5)
			continue;
		for (size_t i = 0; i < h->n; i++) {
			if (date_cmp(&c, &h->from[i]) >= 0 && date_cmp(&c, &h->to[i]) <= 0) {
				off++;
				break;
			}
		}
	}
	return off >= 3;
}

/* Returns the first day of working week k (from 1) counted from start,
 * skipping holiday weeks, and adds the skipped weeks to *skipped; -1 if
 * the holidays leave no such week within ten years. */
static long
week_start(long start, int k, const struct holidays *h, long *skipped)
{
	int count = 0;

	for (long b = 0; b < 520; b++) {
		long day = start + 7 * b;

		if (holidays_week(h, day)) {
			(*skipped)++;
			continue;
		}
		if (++count == k)
			return day;
	}
	return -1;
}

void
timeline_free(struct timeline *t)
{
	if (t == NULL)
		return;
	stage_state_free(&t->state);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

/* Returns the date stage index i was last reached, into out ("" if never). */
static void
reached_on(const struct stage_state *s, size_t i, char out[static 11])
{
	out[0] = '\0';
	if (i == 0)
		text_copy(out, 11, s->notified);
	for (size_t m = 0; m < s->nmoves; m++)
		if (strcmp(s->moves[m].stage, s->plan.stages[i].code) == 0)
			text_copy(out, 11, s->moves[m].moved_on);
}

int
app_timeline(struct store *st, long id, int weeks, const struct holidays *h, struct timeline *t,
    struct cairn_err *err)
{
	struct cdate notified, today, c;
	long start, skipped = 0, last;
	int rc;

	memset(t, 0, sizeof(*t));
	if (weeks != 0 && (weeks < 2 || weeks > WEEKS_MAX))
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "weeks",
		    "the number of weeks must be a whole number 2 to %d", WEEKS_MAX);
	if ((rc = app_stage_state(st, id, &t->state, err)) != CAIRN_OK)
		return rc;
	if (!date_parse(t->state.notified, &notified)) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld has no notification date; set it in the inspection's "
		    "details first",
		    id);
		timeline_free(t);
		return rc;
	}
	t->weeks = weeks != 0 ? weeks : t->state.plan.weeks;
	date_today(&today);
	date_iso(&today, t->today);
	start = date_to_days(&notified);
	t->rows = xcalloc(t->state.plan.n, sizeof(*t->rows));
	t->n = t->state.plan.n;
	for (size_t i = 0; i < t->n; i++) {
		struct timeline_row *r = &t->rows[i];
		const struct stage_def *d = &t->state.plan.stages[i];
		long day, ignore = 0;

		r->stage = d;
		if (d->week > 0) {
			/* Scale the plan's week to the length asked for, in proportion. */
			long num = (long)(d->week - 1) * (t->weeks - 1);
			long den = t->state.plan.weeks - 1;

			r->week = (int)(1 + (num + den / 2) / den);
			if ((day = week_start(start, r->week, h, &ignore)) < 0)
				goto nodays;
			date_from_days(day, &c);
			date_iso(&c, r->due);
		}
		reached_on(&t->state, i, r->done);
		if (i < t->state.current)
			r->status = TIMELINE_DONE;
		else if (i == t->state.current)
			r->status = TIMELINE_CURRENT;
		else if (r->week == 0)
			r->status = TIMELINE_UNPLANNED;
		else
			r->status = strcmp(r->due, t->today) < 0 ? TIMELINE_OVERDUE : TIMELINE_DUE;
		if (i > t->state.current)
			r->done[0] = '\0';
	}
	if ((last = week_start(start, t->weeks, h, &skipped)) < 0)
		goto nodays;
	t->holiday_weeks = skipped;
	date_from_days(last + 6, &c);
	date_iso(&c, t->end);
	return CAIRN_OK;
nodays:
	timeline_free(t);
	return cairn_errf(err, CAIRN_EDATA,
	    "the holidays leave no working weeks for the plan "
	    "within ten years");
}

json_t *
timeline_json(long id, const struct timeline *t)
{
	json_t *rows = json_array();

	for (size_t i = 0; i < t->n; i++)
		json_array_append_new(rows,
		    json_pack("{s:s, s:s, s:i, s:s?, s:s?, s:s}", "stage", t->rows[i].stage->code,
		        "title", t->rows[i].stage->title, "week", t->rows[i].week, "due",
		        t->rows[i].due[0] ? t->rows[i].due : NULL, "done",
		        t->rows[i].done[0] ? t->rows[i].done : NULL, "status",
		        timeline_status_code[t->rows[i].status]));
	return json_pack("{s:I, s:s, s:i, s:s, s:I, s:s, s:s, s:o}", "inspection", (json_int_t)id,
	    "notified", t->state.notified, "weeks", t->weeks, "end", t->end, "holiday_weeks",
	    (json_int_t)t->holiday_weeks, "today", t->today, "stage",
	    t->state.plan.stages[t->state.current].code, "stages", rows);
}
