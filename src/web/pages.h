/*
 * The page registry: the route table (route.c) and every handler it names,
 * one per page or API resource and method.  A handler fills a response
 * from a request (web/http.h); the dispatcher finds its route,
 * authenticates, checks the action the route needs against the role
 * table, and only then calls it.
 */
#ifndef CAIRN_WEB_PAGES_H
#define CAIRN_WEB_PAGES_H

#include "web/http.h"

/* A handler: fills w from r; returns nothing (the status says it all). */
typedef void (*web_handler)(struct web_req *r, struct web_resp *w);

/* Who may reach a route at all (the role check is the route's scope). */
enum web_auth {
	WA_PUBLIC = 0, /* anyone (sign-in page, assets) */
	WA_SESSION,    /* a signed-in person (cookie) */
	WA_TOKEN,      /* an API token (Authorization: Bearer ...) */
};

/* The routes, one per page or API resource and method. */
enum web_route {
	WR_HOME = 0,
	WR_SIGNIN_FORM,
	WR_SIGNIN,
	WR_SIGNOUT,
	WR_INSPECTION,
	WR_GRADE_FORM,
	WR_GRADE,
	WR_REPORT,
	WR_REPORT_FILE,
	WR_EVIDENCE,
	WR_EVIDENCE_ADD,
	WR_AUDIT,
	WR_INSPECTION_AUDIT,
	WR_SAMPLE,
	WR_MY_RECORDS,
	WR_READING_FORM,
	WR_READING,
	WR_ACCOUNTS,
	WR_ASSET_DS,
	WR_ASSET_OWN,
	WR_API_INSPECTIONS,
	WR_API_INSPECTION,
	WR_API_EVALUATIONS,
	WR_API_GRADE,
	WR_API_SAMPLE,
	WR_API_READINGS,
	WR_API_READING,
	WR_API_READING_PUT,
	WR_API_READING_POST,
	WR_API_EVIDENCE,
	WR_API_EVIDENCE_ADD,
	WR_API_REPORTS,
	WR_API_REPORT_FILE,
	WR_API_STAGE,
	WR_PANEL,
	WR_PANEL_REVIEW,
	WR_PANEL_SIGNOFF,
	WR_PUBLISH_FORM,
	WR_PUBLISH,
	WR_PREVIEW,
	WR_DRAFT_FILE,
	WR_NEW_INSPECTION_FORM,
	WR_NEW_INSPECTION,
	WR_TEAM,
	WR_TEAM_ADD,
	WR_TEAM_REMOVE,
	WR_POPULATION,
	WR_POPULATION_UPLOAD,
	WR_SAMPLE_DRAW_FORM,
	WR_SAMPLE_DRAW,
	WR_READERS,
	WR_READER_ADD,
	WR_READER_ASSIGN,
	WR_COMPARE_LIST,
	WR_COMPARE,
	WR_RESOLVE,
	WR_CONCERNS,
	WR_CONCERN_RAISE,
	WR_CONCERN_CLOSE,
	WR_OVERVIEW,
	WR_OVERVIEW_EXPORT,
	WR_PLAN,
	WR_PLAN_ADD,
	WR_PLAN_UPDATE,
	WR_PLAN_AGREE,
	WR_FOLLOWUP,
	WR_SURVEYS,
	WR_SURVEY,
	WR_READING_CONCERN,
	WR_OUTCOMES,
	WR_OUTCOME_GAP,
	WR_READER_REASSIGN,
	WR_SURVEY_IMPORT,
	WR_EVIDENCE_FILE,
	WR_REVIEW_CREATE,
	WR_REVIEW_PROGRESS,
	WR_REVIEW_GRADE,
	WR_REVIEW_DECIDE,
	WR_REVIEW_REPORT,
	WR_API_REVIEWS,
	WR_API_REVIEW,
	WR_API_REVIEW_CREATE,
	WR_API_REVIEW_PROGRESS,
	WR_API_REVIEW_GRADE,
	WR_API_REVIEW_DECIDE,
	WR_RELEASE,
	WR_PUBLISHED_FILE,
	WR_FINDINGS,
	WR_FINDING_ADD,
	WR_FINDING_EDIT,
	WR_FINDING_MOVE,
	WR_FINDING_REMOVE,
	WR_CONFIDENCE,
	WR_STAGE,
	WR_STAGE_MOVE,
	WR_ACCOUNT_ADD,
	WR_ACCOUNT_DISABLE,
	WR_ACCOUNT_ENABLE,
	WR_ACCOUNT_ADMIN,
	WR_ACCOUNT_UNADMIN,
	WR_ACCOUNT_PASSWORD,
	WR_TOKEN_CREATE,
	WR_TOKEN_REVOKE,
	WR_EVIDENCE_ITEM,
	WR_EVIDENCE_UPDATE,
	WR_FIELDWORK,
	WR_FIELDWORK_ADD,
	WR_ACTIVITY,
	WR_ACTIVITY_RECORD,
	WR_ACTIVITY_CANCEL,
	WR_YOUNG_INSPECTORS,
	WR_API_FIELDWORK,
	WR_API_FIELDWORK_ADD,
	WR_API_FIELDWORK_RECORD,
	/* issue 17, readings: removal, correction, agreement */
	WR_READER_REMOVE,
	WR_CORRECT_FORM,
	WR_CORRECT,
	WR_AGREEMENT,
	WR_API_READER_REMOVE,
	WR_API_CORRECT,
	WR_API_AGREEMENT,
	WR_SETTINGS,
	WR_SETTINGS_SAVE,
	WR_API_SETTINGS,
	WR_API_SETTINGS_PUT,
	WR_API_PUBLISH,
	/* issue 17, reference data and choices (page_reference.c) */
	WR_HISTORY,
	WR_HISTORY_IMPORT,
	WR_API_HISTORY,
	WR_API_HISTORY_IMPORT,
	WR_OUTCOME_INDICATORS,
	WR_OUTCOME_IMPORT,
	WR_API_OUTCOME_INDICATORS,
	WR_API_OUTCOME_IMPORT,
	WR_TEMPLATE,
	WR_TEMPLATE_USE,
	WR_API_TEMPLATE,
	WR_API_TEMPLATE_PUT,
	/* issue 21: factual accuracy, the embargo and the media pack */
	WR_ACCURACY,
	WR_ACCURACY_COMMENT,
	WR_ACCURACY_RESPOND,
	WR_ACCURACY_EXPORT,
	WR_EMBARGO,
	WR_EMBARGO_SET,
	WR_MEDIA_PACK,
	WR_MEDIA_PACK_FILE,
	WR_API_ACCURACY,
	WR_API_ACCURACY_COMMENT,
	WR_API_ACCURACY_RESPOND,
	WR_API_EMBARGO,
	WR_API_EMBARGO_PUT,
	WR_API_MEDIA_PACK,
	/* issue 21, the partnership: notification, return, position statement */
	WR_PARTNERSHIP,
	WR_PARTNERSHIP_CONTACT,
	WR_PARTNERSHIP_NOTIFY,
	WR_PARTNERSHIP_LETTER,
	WR_PARTNERSHIP_RETURN_FORM,
	WR_PARTNERSHIP_RETURN,
	WR_PARTNERSHIP_STATEMENT,
	WR_PARTNERSHIP_DOCUMENT,
	WR_PARTNERSHIP_DOCUMENT_FILE,
	WR_PARTNERSHIP_CLAIM,
	WR_PARTNERSHIP_TEST,
	WR_API_PARTNERSHIP,
	WR_API_PARTNERSHIP_CONTACT,
	WR_API_PARTNERSHIP_NOTIFY,
	WR_API_PARTNERSHIP_RETURN,
	WR_API_PARTNERSHIP_STATEMENT,
	WR_API_PARTNERSHIP_DOCUMENT,
	WR_API_PARTNERSHIP_CLAIM,
	WR_API_PARTNERSHIP_TEST,
	/* issue 21, matters of concern as the procedure runs; the panel on a
	 * progress review */
	WR_CONCERN,
	WR_CONCERN_STEP,
	WR_API_CONCERNS,
	WR_API_CONCERN,
	WR_API_CONCERN_RAISE,
	WR_API_CONCERN_STEP,
	WR_PROGRESS_NEED,
	WR_API_FINDINGS,
	WR_API_FINDING_ADD,
	WR_API_FINDING_PUT,
	WR_API_FINDING_PATCH,
	WR_API_FINDING_DELETE,
	WR_API_FINDING_MOVE,
	WR_API_CONFIDENCE,
	WR_API_CONFIDENCE_PUT,
	WR_API_STAGE_MOVE,
	WR_EVIDENCE_WITHDRAW,
	WR_EVIDENCE_REINSTATE,
	WR_API_EVIDENCE_WITHDRAW,
	WR_API_EVIDENCE_REINSTATE,
	WR_AUDIT_CHECKPOINT,
	WR_API_PROGRESS_REVIEW,
	WR_API_PROGRESS_REVIEW_PUT,
	/* issue 17: model packs (page_model.c) */
	WR_MODELS,
	WR_MODEL_IMPORT,
	WR_MODEL,
	WR_API_MODELS,
	WR_API_MODEL,
	WR_API_MODEL_IMPORT,
	WR_API_INSPECTION_MODEL,
	/* issue 17: the team through the API (api_team.c) */
	WR_API_TEAM,
	WR_API_TEAM_ADD,
	WR_API_TEAM_REMOVE,
	/* issue 17: the panel through the API (api_panel.c) */
	WR_API_PANEL,
	WR_API_PANEL_REVIEW,
	WR_API_PANEL_SIGNOFF,
	/* issue 17: records reading through the API (api_records.c) */
	WR_API_READERS,
	WR_API_READER_ADD,
	WR_API_READER_ASSIGN,
	WR_API_READER_REASSIGN,
	WR_API_POPULATION,
	WR_API_POPULATION_UPLOAD,
	WR_API_POPULATION_CHECK,
	WR_API_SAMPLE_DRAW,
	WR_API_SAMPLE_REPLACE,
	WR_API_COMPARE,
	WR_API_RESOLVE,
	WR_API_READING_SUMMARY,
	WR_API_POPULATION_VERIFY,
	/* issue 17: accounts, tokens, creating inspections, people (api_admin.c) */
	WR_API_ACCOUNTS,
	WR_API_ACCOUNT_ADD,
	WR_API_ACCOUNT,
	WR_API_ACCOUNT_PATCH,
	WR_API_ACCOUNT_RESET,
	WR_API_TOKENS,
	WR_API_TOKEN_CREATE,
	WR_API_TOKEN_REVOKE,
	WR_API_INSPECTION_CREATE,
	WR_API_INSPECTION_PATCH,
	WR_API_PEOPLE,
	/* issue 17: readings and surveys in the browser (page_readings.c,
	 * page_read.c, page_survey.c, page_survey_comments.c) */
	WR_READINGS_IMPORT_FORM,
	WR_READINGS_IMPORT,
	WR_READINGS_SUMMARY,
	WR_READING_AGENCIES,
	WR_SURVEY_CREATE,
	WR_SURVEY_COMMENTS,
	WR_SURVEY_COMMENT_TAG,
	/* issue 17: setting up in the browser (page_setup.c, page_model.c,
	 * page_population.c, page_draw.c) */
	WR_FRAMEWORKS,
	WR_FRAMEWORK_IMPORT,
	WR_FRAMEWORK,
	WR_TEMPLATES,
	WR_TEMPLATE_IMPORT,
	WR_CROSSWALKS,
	WR_MODEL_CHECK,
	WR_POPULATION_CHECK,
	WR_SAMPLE_REPLACE_FORM,
	WR_SAMPLE_REPLACE,
	WR_API_FRAMEWORK_IMPORT,
	WR_API_MODEL_CHECK,
	WR_API_CROSSWALKS,
	WR_API_TEMPLATE_IMPORT,
	WR_TEMPLATE_SHOW,
	WR_CROSSWALK_CHECK,
	/* issue 17: the action plan, surveys, the release and the overview
	 * through the API (api_plan.c, api_survey.c, page_overview.c) */
	WR_API_ACTIONS,
	WR_API_ACTION_ADD,
	WR_API_ACTION_AGREE,
	WR_API_ACTION_PUT,
	WR_API_ACTION_PATCH,
	WR_API_RELEASE,
	WR_API_OVERVIEW,
	WR_API_SURVEYS,
	WR_API_SURVEY_CREATE,
	WR_API_SURVEY_IMPORT,
	WR_API_SURVEY_COMMENTS,
	WR_API_SURVEY_COMMENT,
	WR_API_SURVEY,
	WR_API_AUDIT,
	WR_API_INSPECTION_AUDIT,
	WR_API_AUDIT_CHECKPOINT,
	WR_SURVEY_INVITED,
	WR_API_SURVEY_INVITED,
	WR_API_FIELDWORK_CANCEL,
	WR_API_FIELDWORK_ACTIVITY,
	WR_API_EVIDENCE_ITEM,
	WR_API_EVIDENCE_PATCH,
	WR_API_TIMELINE,
	WR_API_FRAMEWORKS,
	WR_API_FRAMEWORK,
	WR_API_TEMPLATES,
	WR_API_TEMPLATE_SHOW,
	WR_API_PUBLICATIONS,
	WR_API_PUBLISHED_FILE,
	WR_API_BENCHMARK,
	WR_DETAILS,
	WR_DETAILS_SAVE,
	WR_API_ACCURACY_DRAFT,
	WR_API_READING_AGENCIES,
	WR_API_AUDIT_CHECK,
	WR_API_PUBLISH_CHECK,
	WR_API_SAMPLE_SIZE,
	WR_API_READINGS_IMPORT,
	WR_API_PARTNERSHIP_LETTER,
	WR_API_PARTNERSHIP_RETURN_FORM,
	WR_API_OUTCOME_GAP,
	WR_API_RELEASE_CHECK,
	WR_RELEASE_CHECK_FORM,
	WR_RELEASE_CHECK,
	WR_API_CONTEXT,
	WR_CONTEXT,
	WR__MAX
};

/*
 * Where a route's action applies: the dispatcher asks the role table
 * (web_allow, app/access/authz.h) for the route's action before the
 * handler runs.  A route whose rule depends on data (whose record it is,
 * the stage) names the coarsest action every allowed person holds and
 * the handler checks the rest.
 */
enum web_scope {
	WS_UNSET = 0,  /* not filled in: the dispatcher refuses (404), a unit test fails */
	WS_OPEN,       /* no role check: public, or anyone signed in (their own things) */
	WS_GLOBAL,     /* the action on no inspection (id 0): administrators */
	WS_INSPECTION, /* the action on the inspection {id}, the path's first argument */
	WS__MAX
};

/* One row of the route table. */
struct web_route_info {
	enum web_method method; /* which method */
	const char *pattern;    /* "/inspections/{id}/grade/{qi}"; "{*}" takes the rest */
	enum web_auth auth;     /* who may reach it */
	enum web_scope scope;   /* where action applies (WS_OPEN: no role check) */
	enum action action;     /* what the person must be allowed to do (app/access/role.h) */
	web_handler fn;         /* the handler */
	const char *summary;    /* one line, for docs and the OpenAPI check */
	bool cache;             /* GET page that depends only on the stored data, the session
	                           and the address and writes nothing (no audit): a worker may
	                           serve it again from its cache while the database is unchanged */
};
extern const struct web_route_info web_routes[WR__MAX];

/* The handlers, in the route table's order of files. */
void page_home(struct web_req *r, struct web_resp *w);
void page_signin_form(struct web_req *r, struct web_resp *w);
void page_signin(struct web_req *r, struct web_resp *w);
void page_signout(struct web_req *r, struct web_resp *w);
void page_inspection(struct web_req *r, struct web_resp *w);
void page_grade_form(struct web_req *r, struct web_resp *w);
void page_grade(struct web_req *r, struct web_resp *w);
void page_audit(struct web_req *r, struct web_resp *w);
void page_inspection_audit(struct web_req *r, struct web_resp *w);
void page_audit_checkpoint(struct web_req *r, struct web_resp *w);
void page_report(struct web_req *r, struct web_resp *w);
void page_report_file(struct web_req *r, struct web_resp *w);
void page_evidence(struct web_req *r, struct web_resp *w);
void page_evidence_add(struct web_req *r, struct web_resp *w);
void page_accounts(struct web_req *r, struct web_resp *w);
void page_sample(struct web_req *r, struct web_resp *w);
void page_my_records(struct web_req *r, struct web_resp *w);
void page_reading_form(struct web_req *r, struct web_resp *w);
void page_reading(struct web_req *r, struct web_resp *w);
void asset_ds(struct web_req *r, struct web_resp *w);
void asset_own(struct web_req *r, struct web_resp *w);
void api_inspections(struct web_req *r, struct web_resp *w);
void api_inspection(struct web_req *r, struct web_resp *w);
void api_evaluations(struct web_req *r, struct web_resp *w);
void api_grade(struct web_req *r, struct web_resp *w);
void page_panel(struct web_req *r, struct web_resp *w);
void page_panel_review(struct web_req *r, struct web_resp *w);
void page_panel_signoff(struct web_req *r, struct web_resp *w);
void page_publish_form(struct web_req *r, struct web_resp *w);
void page_publish(struct web_req *r, struct web_resp *w);
void page_preview(struct web_req *r, struct web_resp *w);
void page_draft_file(struct web_req *r, struct web_resp *w);
void page_overview(struct web_req *r, struct web_resp *w);
void page_overview_export(struct web_req *r, struct web_resp *w);
void page_plan(struct web_req *r, struct web_resp *w);
void page_plan_add(struct web_req *r, struct web_resp *w);
void page_plan_update(struct web_req *r, struct web_resp *w);
void page_plan_agree(struct web_req *r, struct web_resp *w);
void page_followup(struct web_req *r, struct web_resp *w);
void page_surveys(struct web_req *r, struct web_resp *w);
void page_survey(struct web_req *r, struct web_resp *w);
void page_outcomes(struct web_req *r, struct web_resp *w);
void page_outcome_gap(struct web_req *r, struct web_resp *w);
void page_survey_import(struct web_req *r, struct web_resp *w);
/* Progress reviews (page_review.c): which form was posted, kept with its
 * errors to show the follow-up page again. */
enum review_form {
	REVIEW_FORM_CREATE = 0,
	REVIEW_FORM_PROGRESS,
	REVIEW_FORM_GRADE,
	REVIEW_FORM_DECIDE
};
struct review_form_state {
	enum review_form form;         /* the form posted */
	int seq;                       /* the review it was about (0: a new one) */
	const struct ui_error *errors; /* borrowed */
	size_t nerr;
};
struct followup;
/* Writes the follow-up page, with a posted review form's errors if fs is
 * not NULL (page_followup.c). */
void page_followup_show(struct web_req *r, struct web_resp *w, const struct review_form_state *fs);
/* Writes the review forms the role may use under the review shown (seq
 * shown) and the form to start the next one. */
void page_review_forms(struct web_req *r, struct html *h, long id, const struct followup *f,
    long shown, const struct review_form_state *fs);
/* Writes the links to review seq's report in each format. */
void page_review_links(struct html *h, long id, int seq);
void page_review_create(struct web_req *r, struct web_resp *w);
void page_review_progress(struct web_req *r, struct web_resp *w);
void page_review_grade(struct web_req *r, struct web_resp *w);
void page_review_decide(struct web_req *r, struct web_resp *w);
void page_review_report(struct web_req *r, struct web_resp *w);
/* Progress reviews through the API (api_review.c) and their bodies. */
const struct api_schema *api_review_schema(enum web_route route);
void api_reviews(struct web_req *r, struct web_resp *w);
void api_review(struct web_req *r, struct web_resp *w);
void api_review_create(struct web_req *r, struct web_resp *w);
void api_review_progress(struct web_req *r, struct web_resp *w);
void api_review_grade(struct web_req *r, struct web_resp *w);
void api_review_decide(struct web_req *r, struct web_resp *w);
/* The news release page and the frozen published files (page_release.c). */
void page_release(struct web_req *r, struct web_resp *w);
void page_published_file(struct web_req *r, struct web_resp *w);
void page_new_inspection_form(struct web_req *r, struct web_resp *w);
void page_new_inspection(struct web_req *r, struct web_resp *w);
void page_team(struct web_req *r, struct web_resp *w);
void page_team_add(struct web_req *r, struct web_resp *w);
void page_team_remove(struct web_req *r, struct web_resp *w);
/* page_findings.c: findings and the confidence statement */
void page_findings(struct web_req *r, struct web_resp *w);
void page_finding_add(struct web_req *r, struct web_resp *w);
void page_finding_edit(struct web_req *r, struct web_resp *w);
void page_finding_move(struct web_req *r, struct web_resp *w);
void page_finding_remove(struct web_req *r, struct web_resp *w);
void page_confidence(struct web_req *r, struct web_resp *w);
/* page_stage.c: the stage, the week plan and moving on */
void page_stage(struct web_req *r, struct web_resp *w);
void page_stage_move(struct web_req *r, struct web_resp *w);
void page_population(struct web_req *r, struct web_resp *w);
void page_population_upload(struct web_req *r, struct web_resp *w);
void page_sample_draw_form(struct web_req *r, struct web_resp *w);
void page_sample_draw(struct web_req *r, struct web_resp *w);
void page_readers(struct web_req *r, struct web_resp *w);
void page_reader_add(struct web_req *r, struct web_resp *w);
void page_reader_assign(struct web_req *r, struct web_resp *w);
void page_compare_list(struct web_req *r, struct web_resp *w);
void page_compare(struct web_req *r, struct web_resp *w);
void page_resolve(struct web_req *r, struct web_resp *w);
void page_concerns(struct web_req *r, struct web_resp *w);
void page_concern_raise(struct web_req *r, struct web_resp *w);
void page_concern_close(struct web_req *r, struct web_resp *w);
void page_concern(struct web_req *r, struct web_resp *w);
void page_concern_step(struct web_req *r, struct web_resp *w);
/* Matters of concern through the API (api_concern.c). */
const struct api_schema *api_concern_schema(enum web_route route);
void api_concerns(struct web_req *r, struct web_resp *w);
void api_concern(struct web_req *r, struct web_resp *w);
void api_concern_raise(struct web_req *r, struct web_resp *w);
void api_concern_step(struct web_req *r, struct web_resp *w);
/* The panel's decision on a progress review (page_panel.c). */
void page_progress_need(struct web_req *r, struct web_resp *w);
void page_reading_concern(struct web_req *r, struct web_resp *w);
void page_reader_reassign(struct web_req *r, struct web_resp *w);
void api_sample(struct web_req *r, struct web_resp *w);
void api_readings(struct web_req *r, struct web_resp *w);
void api_reading(struct web_req *r, struct web_resp *w);
void api_reading_put(struct web_req *r, struct web_resp *w);
void api_evidence(struct web_req *r, struct web_resp *w);
void api_evidence_add(struct web_req *r, struct web_resp *w);
void api_reports(struct web_req *r, struct web_resp *w);
void api_stage(struct web_req *r, struct web_resp *w);
void page_evidence_file(struct web_req *r, struct web_resp *w);
void page_account_add(struct web_req *r, struct web_resp *w);
void page_account_disable(struct web_req *r, struct web_resp *w);
void page_account_enable(struct web_req *r, struct web_resp *w);
void page_account_admin(struct web_req *r, struct web_resp *w);
void page_account_unadmin(struct web_req *r, struct web_resp *w);
/* issue 17, readings: page_readers.c, page_compare.c, page_agreement.c */
void page_reader_remove(struct web_req *r, struct web_resp *w);
void page_correct_form(struct web_req *r, struct web_resp *w);
void page_correct(struct web_req *r, struct web_resp *w);
void page_agreement(struct web_req *r, struct web_resp *w);
void api_reader_remove(struct web_req *r, struct web_resp *w);
void api_correct(struct web_req *r, struct web_resp *w);
void api_agreement(struct web_req *r, struct web_resp *w);
extern const struct api_schema api_reader_remove_schema;
extern const struct api_schema api_correct_schema;
void page_account_password(struct web_req *r, struct web_resp *w);
void page_token_create(struct web_req *r, struct web_resp *w);
void page_token_revoke(struct web_req *r, struct web_resp *w);
void page_evidence_item(struct web_req *r, struct web_resp *w);
void page_evidence_update(struct web_req *r, struct web_resp *w);
/* The report settings and publishing through the API (page_settings.c). */
void page_settings(struct web_req *r, struct web_resp *w);
void page_settings_save(struct web_req *r, struct web_resp *w);
void api_settings(struct web_req *r, struct web_resp *w);
void api_settings_put(struct web_req *r, struct web_resp *w);
void api_publish(struct web_req *r, struct web_resp *w);
extern const struct api_schema api_settings_schema;
extern const struct api_schema api_publish_schema;

/* Returns the request body schema of a route (struct api_schema, web/apibody.h),
 * or NULL for routes without a JSON body. */
const struct api_schema *api_route_schema(enum web_route route);

/* The fieldwork plan (page_fieldwork.c) and its API (api_fieldwork.c). */
void page_fieldwork(struct web_req *r, struct web_resp *w);
void page_fieldwork_add(struct web_req *r, struct web_resp *w);
void page_activity(struct web_req *r, struct web_resp *w);
void page_activity_record(struct web_req *r, struct web_resp *w);
void page_activity_cancel(struct web_req *r, struct web_resp *w);
void page_young_inspectors(struct web_req *r, struct web_resp *w);
const struct api_schema *api_fieldwork_schema(enum web_route route);
void api_fieldwork(struct web_req *r, struct web_resp *w);
void api_fieldwork_add(struct web_req *r, struct web_resp *w);
void api_fieldwork_record(struct web_req *r, struct web_resp *w);

/* Reference data and choices (page_reference.c): the published results of
 * earlier inspections and outcome indicators (import pages and API), and
 * an inspection's reading template. */
void page_history(struct web_req *r, struct web_resp *w);
void page_history_import(struct web_req *r, struct web_resp *w);
void api_history(struct web_req *r, struct web_resp *w);
void api_history_import(struct web_req *r, struct web_resp *w);
void page_outcome_indicators(struct web_req *r, struct web_resp *w);
void page_outcome_import(struct web_req *r, struct web_resp *w);
void api_outcome_indicators(struct web_req *r, struct web_resp *w);
void api_outcome_import(struct web_req *r, struct web_resp *w);
void page_template(struct web_req *r, struct web_resp *w);
void page_template_use(struct web_req *r, struct web_resp *w);
void api_template(struct web_req *r, struct web_resp *w);
void api_template_put(struct web_req *r, struct web_resp *w);
const struct api_schema *api_reference_schema(enum web_route route);
/* Factual accuracy (page_accuracy.c), the embargo and the media pack
 * (page_embargo.c), and their API (api_accuracy.c). */
void page_accuracy(struct web_req *r, struct web_resp *w);
void page_accuracy_comment(struct web_req *r, struct web_resp *w);
void page_accuracy_respond(struct web_req *r, struct web_resp *w);
void page_accuracy_export(struct web_req *r, struct web_resp *w);
void page_embargo(struct web_req *r, struct web_resp *w);
void page_embargo_set(struct web_req *r, struct web_resp *w);
void page_media_pack(struct web_req *r, struct web_resp *w);
void page_media_pack_file(struct web_req *r, struct web_resp *w);
/* Answers a published file or the published release refused by the
 * embargo: a plain page saying when it lifts (403); false when it may be
 * served. */
bool page_embargoed(struct web_req *r, struct web_resp *w);
const struct api_schema *api_accuracy_schema(enum web_route route);
void api_accuracy(struct web_req *r, struct web_resp *w);
void api_accuracy_comment(struct web_req *r, struct web_resp *w);
void api_accuracy_respond(struct web_req *r, struct web_resp *w);
void api_embargo(struct web_req *r, struct web_resp *w);
void api_embargo_put(struct web_req *r, struct web_resp *w);
void api_media_pack(struct web_req *r, struct web_resp *w);
/* The partnership's side (page_partnership.c) and its API (api_partnership.c). */
void page_partnership(struct web_req *r, struct web_resp *w);
void page_partnership_contact(struct web_req *r, struct web_resp *w);
void page_partnership_notify(struct web_req *r, struct web_resp *w);
void page_partnership_letter(struct web_req *r, struct web_resp *w);
void page_partnership_return_form(struct web_req *r, struct web_resp *w);
void page_partnership_return(struct web_req *r, struct web_resp *w);
void page_partnership_statement(struct web_req *r, struct web_resp *w);
void page_partnership_document(struct web_req *r, struct web_resp *w);
void page_partnership_document_file(struct web_req *r, struct web_resp *w);
void page_partnership_claim(struct web_req *r, struct web_resp *w);
void page_partnership_test(struct web_req *r, struct web_resp *w);
/* Writes, on the grade page of indicator qi of inspection id, the
 * position statement's claims tagged to it with their verdicts (nothing
 * when there are none or the person may not see evaluations). */
struct html;
void web_grade_claims(struct web_req *r, struct html *h, long id, const char *qi);
const struct api_schema *api_partnership_schema(enum web_route route);
void api_partnership(struct web_req *r, struct web_resp *w);
void api_partnership_contact(struct web_req *r, struct web_resp *w);
void api_partnership_notify(struct web_req *r, struct web_resp *w);
void api_partnership_return(struct web_req *r, struct web_resp *w);
void api_partnership_statement(struct web_req *r, struct web_resp *w);
void api_partnership_document(struct web_req *r, struct web_resp *w);
void api_partnership_claim(struct web_req *r, struct web_resp *w);
void api_partnership_test(struct web_req *r, struct web_resp *w);
/* Findings, the confidence statement and stage moves through the API
 * (api_findings.c), and their bodies. */
const struct api_schema *api_findings_schema(enum web_route route);
void api_findings(struct web_req *r, struct web_resp *w);
void api_finding_add(struct web_req *r, struct web_resp *w);
void api_finding_put(struct web_req *r, struct web_resp *w);
void api_finding_delete(struct web_req *r, struct web_resp *w);
void api_finding_move(struct web_req *r, struct web_resp *w);
void api_confidence(struct web_req *r, struct web_resp *w);
void api_confidence_put(struct web_req *r, struct web_resp *w);
void api_stage_move(struct web_req *r, struct web_resp *w);
/* Withdrawing and reinstating evidence: the item page's forms (page_work.c)
 * and the API (api_findings.c). */
void page_evidence_withdraw(struct web_req *r, struct web_resp *w);
void page_evidence_reinstate(struct web_req *r, struct web_resp *w);
void api_evidence_withdraw(struct web_req *r, struct web_resp *w);
void api_evidence_reinstate(struct web_req *r, struct web_resp *w);
void api_progress_need(struct web_req *r, struct web_resp *w);
void api_progress_need_put(struct web_req *r, struct web_resp *w);

/* Model packs: the list, a pack's page and the import (page_model.c). */
void page_models(struct web_req *r, struct web_resp *w);
void page_model_import(struct web_req *r, struct web_resp *w);
void page_model(struct web_req *r, struct web_resp *w);
void api_models(struct web_req *r, struct web_resp *w);
void api_model(struct web_req *r, struct web_resp *w);
void api_model_import(struct web_req *r, struct web_resp *w);
void api_inspection_model(struct web_req *r, struct web_resp *w);
const struct api_schema *api_model_schema(enum web_route route);
/* The panel's reviews and sign-off through the API (api_panel.c). */
const struct api_schema *api_panel_schema(enum web_route route);
void api_panel(struct web_req *r, struct web_resp *w);
void api_panel_review(struct web_req *r, struct web_resp *w);
void api_panel_signoff(struct web_req *r, struct web_resp *w);

/* The team through the API (api_team.c). */
const struct api_schema *api_team_schema(enum web_route route);
void api_team(struct web_req *r, struct web_resp *w);
void api_team_add(struct web_req *r, struct web_resp *w);
void api_team_remove(struct web_req *r, struct web_resp *w);

/* Records reading through the API (api_records.c): readers, the
 * population, the sample, paired readings and the summary. */
const struct api_schema *api_records_schema(enum web_route route);
void api_readers(struct web_req *r, struct web_resp *w);
void api_reader_add(struct web_req *r, struct web_resp *w);
void api_reader_assign(struct web_req *r, struct web_resp *w);
void api_reader_reassign(struct web_req *r, struct web_resp *w);
void api_population(struct web_req *r, struct web_resp *w);
void api_population_upload(struct web_req *r, struct web_resp *w);
void api_population_check(struct web_req *r, struct web_resp *w);
void api_population_verify(struct web_req *r, struct web_resp *w);
void api_sample_draw(struct web_req *r, struct web_resp *w);
void api_sample_replace(struct web_req *r, struct web_resp *w);
void api_compare(struct web_req *r, struct web_resp *w);
void api_resolve(struct web_req *r, struct web_resp *w);
void api_reading_summary(struct web_req *r, struct web_resp *w);
/* Accounts and API tokens, creating and changing inspections, and the
 * people to choose from, through the API (api_admin.c). */
const struct api_schema *api_admin_schema(enum web_route route);
void api_accounts(struct web_req *r, struct web_resp *w);
void api_account_add(struct web_req *r, struct web_resp *w);
void api_account(struct web_req *r, struct web_resp *w);
void api_account_patch(struct web_req *r, struct web_resp *w);
void api_account_reset(struct web_req *r, struct web_resp *w);
void api_tokens(struct web_req *r, struct web_resp *w);
void api_token_create(struct web_req *r, struct web_resp *w);
void api_token_revoke(struct web_req *r, struct web_resp *w);
void api_inspection_create(struct web_req *r, struct web_resp *w);
void api_inspection_patch(struct web_req *r, struct web_resp *w);
void api_people(struct web_req *r, struct web_resp *w);
/* issue 17: readings and surveys in the browser */
void page_readings_import_form(struct web_req *r, struct web_resp *w);
void page_readings_import(struct web_req *r, struct web_resp *w);
void page_readings_summary(struct web_req *r, struct web_resp *w);
void page_reading_agencies(struct web_req *r, struct web_resp *w);
void page_survey_create(struct web_req *r, struct web_resp *w);
void page_survey_comments(struct web_req *r, struct web_resp *w);
void page_survey_comment_tag(struct web_req *r, struct web_resp *w);
/* Frameworks, reading templates and crosswalks (page_setup.c); checking a
 * model pack (page_model.c); checking the population (page_population.c);
 * replacing a sampled record (page_draw.c). */
const struct api_schema *api_setup_schema(enum web_route route);
void page_frameworks(struct web_req *r, struct web_resp *w);
void page_framework_import(struct web_req *r, struct web_resp *w);
void page_framework(struct web_req *r, struct web_resp *w);
void page_templates(struct web_req *r, struct web_resp *w);
void page_template_import(struct web_req *r, struct web_resp *w);
void page_crosswalks(struct web_req *r, struct web_resp *w);
void page_model_check(struct web_req *r, struct web_resp *w);
void page_population_check(struct web_req *r, struct web_resp *w);
void page_sample_replace_form(struct web_req *r, struct web_resp *w);
void page_sample_replace(struct web_req *r, struct web_resp *w);
void api_framework_import(struct web_req *r, struct web_resp *w);
void api_model_check(struct web_req *r, struct web_resp *w);
void api_crosswalks(struct web_req *r, struct web_resp *w);
void api_template_import(struct web_req *r, struct web_resp *w);
void page_template_show(struct web_req *r, struct web_resp *w);
void page_crosswalk_check(struct web_req *r, struct web_resp *w);
/* The action plan and the news release through the API (api_plan.c). */
const struct api_schema *api_plan_schema(enum web_route route);
void api_actions(struct web_req *r, struct web_resp *w);
void api_action_add(struct web_req *r, struct web_resp *w);
void api_action_put(struct web_req *r, struct web_resp *w);
void api_action_agree(struct web_req *r, struct web_resp *w);
void api_release(struct web_req *r, struct web_resp *w);
/* The national overview through the API (page_overview.c). */
void api_overview(struct web_req *r, struct web_resp *w);
/* Surveys through the API (api_survey.c). */
const struct api_schema *api_survey_schema(enum web_route route);
void api_surveys(struct web_req *r, struct web_resp *w);
void api_survey_create(struct web_req *r, struct web_resp *w);
void api_survey_import(struct web_req *r, struct web_resp *w);
void api_survey_comments(struct web_req *r, struct web_resp *w);
void api_survey_comment(struct web_req *r, struct web_resp *w);
void api_survey(struct web_req *r, struct web_resp *w);

/* Writes framework fw's indicators into h, a table per key question
 * (page_model.c; the model pack and framework pages). */
struct framework;
void page_framework_tables(struct html *h, const struct framework *fw);
/* Issue 17, parity with the command line: the audit log (api_audit.c),
 * the number invited to a survey (page_survey.c, api_survey.c), fieldwork
 * (api_fieldwork.c), an evidence item and the week plan (api_work.c), the
 * frameworks and reading templates (api_setup.c), the published versions
 * (api_publication.c). */
void api_audit(struct web_req *r, struct web_resp *w);
void api_inspection_audit(struct web_req *r, struct web_resp *w);
void api_audit_checkpoint(struct web_req *r, struct web_resp *w);
void page_survey_invited(struct web_req *r, struct web_resp *w);
void api_survey_invited(struct web_req *r, struct web_resp *w);
void api_fieldwork_cancel(struct web_req *r, struct web_resp *w);
void api_fieldwork_activity(struct web_req *r, struct web_resp *w);
const struct api_schema *api_evidence_item_schema(enum web_route route);
void api_evidence_item(struct web_req *r, struct web_resp *w);
void api_evidence_patch(struct web_req *r, struct web_resp *w);
void api_timeline(struct web_req *r, struct web_resp *w);
void api_frameworks(struct web_req *r, struct web_resp *w);
void api_framework(struct web_req *r, struct web_resp *w);
void api_templates(struct web_req *r, struct web_resp *w);
void api_template_show(struct web_req *r, struct web_resp *w);
void api_publications(struct web_req *r, struct web_resp *w);
void api_benchmark(struct web_req *r, struct web_resp *w);
/* The inspection's details on a page (page_details.c). */
void page_details(struct web_req *r, struct web_resp *w);
void page_details_save(struct web_req *r, struct web_resp *w);
/* The draft report's passages for factual accuracy (api_accuracy.c). */
void api_accuracy_draft(struct web_req *r, struct web_resp *w);
/* The agencies of an assigned record's reading (api_work.c). */
const struct api_schema *api_reading_agencies_schema(enum web_route route);
void api_reading_agencies(struct web_req *r, struct web_resp *w);
/* Issue 17, the rest of the parity: one step of the audit chain's check
 * (api_audit.c), the publish checks (api_publication.c), the suggested
 * sample size and importing a file of readings (api_records.c). */
void api_audit_check(struct web_req *r, struct web_resp *w);
void api_publish_check(struct web_req *r, struct web_resp *w);
void api_sample_size(struct web_req *r, struct web_resp *w);
void api_readings_import(struct web_req *r, struct web_resp *w);
/* One indicator's outcome gap for the partnership's area (api_outcomes.c). */
void api_outcome_gap(struct web_req *r, struct web_resp *w);
/* The open-data context of the partnership's area (api_outcomes.c). */
void api_context(struct web_req *r, struct web_resp *w);
/* The same context on a page (page_context.c). */
void page_context(struct web_req *r, struct web_resp *w);
/* The check of a news release written elsewhere (api_release_check.c). */
const struct api_schema *api_release_check_schema(enum web_route route);
void api_release_check(struct web_req *r, struct web_resp *w);
/* The same check in the browser (page_release_check.c). */
void page_release_check_form(struct web_req *r, struct web_resp *w);
void page_release_check(struct web_req *r, struct web_resp *w);

#endif
