/*
 * The Quality and Consistency Panel through the JSON API: the reviews and
 * the sign-off state, recording the panel's grade of one indicator with
 * its reason, and signing off.  Each is the call into
 * app/publication/panel.h that the panel page (page_panel.c) and
 * `cairn panel review|signoff` make; the view is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/evaluation/dossier.h"
#include "app/followup/history.h"
#include "app/publication/panel.h"
#include "app/setup/crosswalk.h"
#include "core/work.h"
#include "web/apibody.h"
#include "web/http.h"
#include "web/pages.h"

/* The review body: the panel's view ("agree" or "query", optional), its
 * grade (a level's number or label) and why; app_panel_view decides what
 * each view needs, as for the panel page and the CLI. */
static const struct api_field review_fields[] = {
	{ "grade", AT_TEXT_OR_INT, false, false, 0, 63, 0 },
	{ "reason", AT_STRING, false, false, 1, 20000, 0 },
	{ "view", AT_STRING, false, false, 1, 16, 0 },
};
static const struct api_schema review_schema = { "PanelReviewBody", review_fields,
	sizeof(review_fields) / sizeof(review_fields[0]) };

const struct api_schema *
api_panel_schema(enum web_route route)
{
	switch (route) {
	case WR_API_PANEL_REVIEW: return &review_schema;
	default: return NULL;
	}
}

/* The panel's states by enum panel_state, as the API names them. */
static const char *const state_code[] = {
	[PANEL_NOT_REVIEWED] = "not-reviewed",
	[PANEL_AGREES] = "agrees",
	[PANEL_QUERIED] = "queried",
	[PANEL_OUTDATED] = "outdated",
};
_Static_assert(sizeof(state_code) / sizeof(state_code[0]) == PANEL_STATE__MAX,
    "one code per panel state");

/* Answers a refusal: 403 not allowed, 409 for a state the app refuses
 * (conflict) when state is true, 422 for bad input naming the field,
 * 500 otherwise. */
static void
refused(struct web_resp *w, const struct cairn_err *err, bool state, const char *fallback)
{
	if (err->rc == CAIRN_EPERM)
		web_json_err(w, 403, err, NULL);
	else if (err->code == CAIRN_CODE_CONFLICT || (state && err->rc == CAIRN_EDATA))
		web_json_err(w, 409, err, NULL);
	else if (err->rc == CAIRN_EDATA || err->rc == CAIRN_EUSAGE)
		web_json_err(w, 422, err, fallback);
	else
		web_json_error(w, 500, "the panel's review could not be read or changed", NULL);
}

/* Returns a new JSON object for the sign-off s (NULL: none). */
static json_t *
signoff_json(const struct panel_signoff *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "by", json_string(s->signed_by));
	json_object_set_new(o, "at", json_string(s->signed_at));
	json_object_set_new(o, "voided_at",
	    s->voided_at[0] ? json_string(s->voided_at) : json_null());
	json_object_set_new(o, "voided_by", s->voided_by ? json_string(s->voided_by) : json_null());
	json_object_set_new(o, "void_reason",
	    s->void_reason ? json_string(s->void_reason) : json_null());
	return o;
}

/* The members of the last sign-off that name a person by username (who
 * signed off, who voided it), each given its "_name" as `cairn evaluation
 * show --json` gives its "signed_by" and "voided_by". */
static const char *const signoff_people[] = { "by", "voided_by" };

/* Writes the panel's state of inspection id (200), or the refusal. */
static void
send_panel(struct web_req *r, struct web_resp *w, int status)
{
	struct evaluation_view v;
	struct cairn_err err = { 0 };
	json_t *items, *last;

	if (app_evaluation_load_parts(r->st, r->insp, NULL, 0, &v, &err) != CAIRN_OK) {
		web_json_error(w, 404, "there is no such inspection", NULL);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < v.n; i++) {
		const struct qi_evaluation *it = &v.items[i];
		int then = 0;
		enum panel_state st = panel_state_of(it->qi->code, it->team_grade, it->panel,
		    v.events, v.nevents, &then);
		json_t *o = json_object();

		json_object_set_new(o, "qi", json_string(it->qi->code));
		json_object_set_new(o, "title", json_string(it->qi->title));
		json_object_set_new(o, "team_grade",
		    it->team_grade ? json_integer(it->team_grade) : json_null());
		json_object_set_new(o, "final_grade",
		    it->final_grade ? json_integer(it->final_grade) : json_null());
		json_object_set_new(o, "state", json_string(state_code[st]));
		if (it->panel != NULL)
			json_object_set_new(o, "review",
			    json_pack("{s:i, s:s, s:s, s:s}", "grade", it->panel->grade, "reason",
			        it->panel->reason, "reviewer", it->panel->reviewer, "at",
			        it->panel->reviewed_at));
		else
			json_object_set_new(o, "review", json_null());
		json_array_append_new(items, o);
	}
	last = v.nsignoffs > 0 ? signoff_json(&v.signoffs[v.nsignoffs - 1]) : json_null();
	if (!web_view_audited(r, w, r->insp, "panel.view", "api")) {
		json_decref(items);
		json_decref(last);
		evaluation_view_free(&v);
		return;
	}
	api_name_people(r, r->insp, ACTION_VIEW_EVALUATION, last, signoff_people,
	    sizeof(signoff_people) / sizeof(signoff_people[0]));
	web_send_json(w, status,
	    json_pack("{s:I, s:b, s:o, s:o}", "inspection", (json_int_t)r->insp, "signed_off",
	        v.signed_off, "last_signoff", last, "indicators", items));
	evaluation_view_free(&v);
}

void
api_panel(struct web_req *r, struct web_resp *w)
{
	send_panel(r, w, 200);
}

/* Returns the team's grade of qi on the request's inspection (0 if none
 * or qi is not in its framework). */
static int
team_grade(struct web_req *r, const char *qi)
{
	struct evaluation_view v;
	int g = 0;

	if (app_evaluation_load_parts(r->st, r->insp, qi, 0, &v, NULL) != CAIRN_OK)
		return 0;
	if (v.n == 1)
		g = v.items[0].team_grade;
	evaluation_view_free(&v);
	return g;
}

void
api_panel_review(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };
	const char *qi = r->nargs > 1 ? r->args[1] : "", *view, *reason;
	char grade[64] = "";
	json_t *body, *g;
	int value = 0;

	if ((body = api_body(r, w, &review_schema)) == NULL)
		return;
	g = json_object_get(body, "grade");
	if (json_is_integer(g))
		snprintf(grade, sizeof(grade), "%lld", (long long)json_integer_value(g));
	else if (json_is_string(g))
		snprintf(grade, sizeof(grade), "%s", json_string_value(g));
	view = json_string_value(json_object_get(body, "view"));
	reason = json_string_value(json_object_get(body, "reason"));
	if ((view != NULL ? app_panel_view(r->st, &r->actor, r->insp, qi, view, g ? grade : NULL,
	                        reason, &value, &err)
	                  : app_panel_review(r->st, &r->actor, r->insp, qi, g ? grade : NULL,
	                        reason, &value, &err)) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA && err.field[0] == '\0' && team_grade(r, qi) == 0)
			web_json_err(w, 404, &err, NULL); /* no such indicator, or not graded */
		else
			refused(w, &err, false, "grade");
	} else {
		send_panel(r, w, 200);
	}
	json_decref(body);
}

void
api_panel_signoff(struct web_req *r, struct web_resp *w)
{
	struct cairn_err err = { 0 };

	if (app_panel_signoff(r->st, &r->actor, r->insp, &err) != CAIRN_OK)
		refused(w, &err, true, NULL);
	else
		send_panel(r, w, 200);
}

/*
 * GET each final grade beside the same indicator's grades elsewhere, as
 * `cairn benchmark --json` and the panel page show it: app_benchmark, and
 * per indicator the programmes a chain of crosswalks joins it to
 * (app_history_across).
 */
void
api_benchmark(struct web_req *r, struct web_resp *w)
{
	struct benchmark b;
	struct cairn_err err = { 0 };

	if (app_benchmark(r->st, r->insp, &b, &err) != CAIRN_OK) {
		web_json_error(w, 500, "the benchmark could not be made", NULL);
		return;
	}
	web_send_json(w, 200, benchmark_json(r->st, r->insp, &b));
	benchmark_free(&b);
}
