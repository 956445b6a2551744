/*
 * The route table and the dispatcher: every request passes through
 * web_dispatch(), which finds its route, authenticates it (session cookie
 * or API token), refuses cross-site state changes (Origin, Sec-Fetch-Site)
 * and forms without the session's CSRF token, and only then calls the
 * handler.  Before any handler runs it asks the role table for the action
 * the route names (web_allow, app/access/authz.h), with the inspection in
 * the path, and hands the handler the role in r->role and the inspection
 * in r->insp; only rules that depend on data are left to the handlers.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/access/db.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/database.h"
#include "core/model.h"
#include "web/apibody.h"
#include "web/cache.h"
#include "web/http.h"
#include "web/pages.h"

const struct web_route_info web_routes[WR__MAX] = {
	[WR_HOME] = { WM_GET, "/", WA_SESSION, WS_OPEN, 0, page_home, "your inspections", true },
	[WR_SIGNIN_FORM] = { WM_GET, "/signin", WA_PUBLIC, WS_OPEN, 0, page_signin_form,
	    "sign-in form" },
	[WR_SIGNIN] = { WM_POST, "/signin", WA_PUBLIC, WS_OPEN, 0, page_signin, "sign in" },
	[WR_SIGNOUT] = { WM_POST, "/signout", WA_SESSION, WS_OPEN, 0, page_signout, "sign out" },
	[WR_INSPECTION] = { WM_GET, "/inspections/{id}", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_inspection,
	    "one inspection: overview, evaluations, findings", true },
	[WR_GRADE_FORM] = { WM_GET, "/inspections/{id}/grade/{qi}", WA_SESSION, WS_INSPECTION,
	    ACTION_GRADE, page_grade_form, "grade form for one quality indicator", true },
	[WR_GRADE] = { WM_POST, "/inspections/{id}/grade/{qi}", WA_SESSION, WS_INSPECTION,
	    ACTION_GRADE, page_grade, "grade one quality indicator" },
	[WR_REPORT] = { WM_GET, "/inspections/{id}/report", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_report, "report preview and downloads", true },
	[WR_REPORT_FILE] = { WM_GET, "/inspections/{id}/report/{file}", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_report_file, "download one report file (audited)" },
	[WR_EVIDENCE] = { WM_GET, "/inspections/{id}/evidence", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_EVIDENCE, page_evidence,
	    "the evidence log, filtered by indicator, source and status", true },
	[WR_EVIDENCE_ADD] = { WM_POST, "/inspections/{id}/evidence", WA_SESSION, WS_INSPECTION,
	    ACTION_ADD_EVIDENCE, page_evidence_add, "add evidence" },
	[WR_AUDIT] = { WM_GET, "/audit", WA_SESSION, WS_GLOBAL, ACTION_VIEW_AUDIT, page_audit,
	    "the audit log" },
	[WR_INSPECTION_AUDIT] = { WM_GET, "/inspections/{id}/audit", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_AUDIT, page_inspection_audit, "one inspection's audit log (the lead)" },
	[WR_SAMPLE] = { WM_GET, "/inspections/{id}/sample", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_CHILD_RECORDS, page_sample,
	    "the records sample: strata and members (audited)" },
	[WR_MY_RECORDS] = { WM_GET, "/inspections/{id}/reading", WA_SESSION, WS_INSPECTION,
	    ACTION_READ_ASSIGNED_RECORDS, page_my_records,
	    "the records assigned to the signed-in reader, with their status" },
	[WR_READING_FORM] = { WM_GET, "/inspections/{id}/reading/{ref}", WA_SESSION, WS_INSPECTION,
	    ACTION_READ_ASSIGNED_RECORDS, page_reading_form,
	    "the reading form for one assigned record (audited)" },
	[WR_READING] = { WM_POST, "/inspections/{id}/reading/{ref}", WA_SESSION, WS_INSPECTION,
	    ACTION_READ_ASSIGNED_RECORDS, page_reading, "save a draft reading or submit it" },
	[WR_ACCOUNTS] = { WM_GET, "/accounts", WA_SESSION, WS_GLOBAL, ACTION_MANAGE_ACCOUNTS,
	    page_accounts, "accounts (administrators)" },
	[WR_ASSET_DS] = { WM_GET, "/assets/ds/{*}", WA_PUBLIC, WS_OPEN, 0, asset_ds,
	    "design system assets" },
	[WR_ASSET_OWN] = { WM_GET, "/assets/{*}", WA_PUBLIC, WS_OPEN, 0, asset_own,
	    "Cairn's own assets" },
	[WR_API_INSPECTIONS] = { WM_GET, "/api/v1/inspections", WA_TOKEN, WS_OPEN, 0,
	    api_inspections, "list the inspections the token's account is part of" },
	[WR_API_INSPECTION] = { WM_GET, "/api/v1/inspections/{id}", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_inspection,
	    "one inspection with its evaluations and findings" },
	[WR_API_EVALUATIONS] = { WM_GET, "/api/v1/inspections/{id}/evaluations", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_EVALUATION, api_evaluations, "an inspection's evaluations" },
	[WR_API_GRADE] = { WM_PUT, "/api/v1/inspections/{id}/evaluations/{qi}", WA_TOKEN,
	    WS_INSPECTION, ACTION_GRADE, api_grade, "grade one quality indicator" },
	[WR_API_SAMPLE] = { WM_GET, "/api/v1/inspections/{id}/sample", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_CHILD_RECORDS, api_sample,
	    "the records sample: settings, strata and members (audited)" },
	[WR_API_READINGS] = { WM_GET, "/api/v1/inspections/{id}/readings", WA_TOKEN, WS_INSPECTION,
	    ACTION_READ_ASSIGNED_RECORDS, api_readings,
	    "the records assigned to the token's account, with their status (audited)" },
	[WR_API_READING] = { WM_GET, "/api/v1/inspections/{id}/readings/{ref}", WA_TOKEN,
	    WS_INSPECTION, ACTION_READ_ASSIGNED_RECORDS, api_reading,
	    "one assigned record's reading: status and answers (audited)" },
	[WR_API_READING_PUT] = { WM_PUT, "/api/v1/inspections/{id}/readings/{ref}", WA_TOKEN,
	    WS_INSPECTION, ACTION_READ_ASSIGNED_RECORDS, api_reading_put,
	    "save answers to an assigned record as a draft, or submit them" },
	[WR_API_READING_POST] = { WM_POST, "/api/v1/inspections/{id}/readings/{ref}", WA_TOKEN,
	    WS_INSPECTION, ACTION_READ_ASSIGNED_RECORDS, api_reading_put,
	    "the same as PUT (for clients that cannot send PUT)" },
	[WR_API_EVIDENCE] = { WM_GET, "/api/v1/inspections/{id}/evidence", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_EVIDENCE, api_evidence,
	    "the evidence log, filtered by qi, source and status" },
	[WR_API_EVIDENCE_ADD] = { WM_POST, "/api/v1/inspections/{id}/evidence", WA_TOKEN,
	    WS_INSPECTION, ACTION_ADD_EVIDENCE, api_evidence_add, "add evidence" },
	[WR_API_REPORTS] = { WM_GET, "/api/v1/inspections/{id}/reports", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_reports, "the report files that can be downloaded" },
	[WR_API_REPORT_FILE] = { WM_GET, "/api/v1/inspections/{id}/reports/{file}", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_INSPECTION, page_report_file,
	    "one rendered report file (audited)" },
	[WR_API_STAGE] = { WM_GET, "/api/v1/inspections/{id}/stage", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_stage, "the inspection's stage plan and where it is" },
	[WR_PANEL] = { WM_GET, "/inspections/{id}/panel", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_EVALUATION, page_panel,
	    "the panel's review: grades, evidence balance, benchmark, the panel's view" },
	[WR_PANEL_REVIEW] = { WM_POST, "/inspections/{id}/panel/{qi}", WA_SESSION, WS_INSPECTION,
	    ACTION_PANEL_REVIEW, page_panel_review, "record the panel's view of one grade" },
	[WR_PANEL_SIGNOFF] = { WM_POST, "/inspections/{id}/signoff", WA_SESSION, WS_INSPECTION,
	    ACTION_PANEL_SIGNOFF, page_panel_signoff, "sign off the evaluations for the panel" },
	[WR_PUBLISH_FORM] = { WM_GET, "/inspections/{id}/publish", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_publish_form,
	    "preview links, checks, published versions and the publish form" },
	[WR_PUBLISH] = { WM_POST, "/inspections/{id}/publish", WA_SESSION, WS_INSPECTION,
	    ACTION_PUBLISH, page_publish,
	    "publish the report, or supersede the published version with a reason" },
	[WR_PREVIEW] = { WM_GET, "/inspections/{id}/preview", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_preview,
	    "preview of the draft public report (or ?version=young-people) in the page" },
	[WR_DRAFT_FILE] = { WM_GET, "/inspections/{id}/download/{file}", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_draft_file,
	    "download the draft young people's version or news release (audited)" },
	[WR_NEW_INSPECTION_FORM] = { WM_GET, "/new-inspection", WA_SESSION, WS_GLOBAL,
	    ACTION_CREATE_INSPECTION, page_new_inspection_form,
	    "form to create an inspection (administrators)" },
	[WR_NEW_INSPECTION] = { WM_POST, "/new-inspection", WA_SESSION, WS_GLOBAL,
	    ACTION_CREATE_INSPECTION, page_new_inspection, "create an inspection with its lead" },
	[WR_TEAM] = { WM_GET, "/inspections/{id}/team", WA_SESSION, WS_INSPECTION, ACTION_VIEW_TEAM,
	    page_team, "the inspection's team" },
	[WR_TEAM_ADD] = { WM_POST, "/inspections/{id}/team", WA_SESSION, WS_INSPECTION,
	    ACTION_MANAGE_TEAM, page_team_add, "add a person to the team" },
	[WR_TEAM_REMOVE] = { WM_POST, "/inspections/{id}/team/remove", WA_SESSION, WS_INSPECTION,
	    ACTION_MANAGE_TEAM, page_team_remove, "remove a person from the team" },
	[WR_POPULATION] = { WM_GET, "/inspections/{id}/population", WA_SESSION, WS_INSPECTION,
	    ACTION_IMPORT_POPULATION, page_population, "the population and the form to upload it" },
	[WR_POPULATION_UPLOAD] = { WM_POST, "/inspections/{id}/population", WA_SESSION,
	    WS_INSPECTION, ACTION_IMPORT_POPULATION, page_population_upload,
	    "upload the population (CSV, all or nothing)" },
	[WR_SAMPLE_DRAW_FORM] = { WM_GET, "/inspections/{id}/sample/draw", WA_SESSION,
	    WS_INSPECTION, ACTION_DRAW_SAMPLE, page_sample_draw_form,
	    "form to draw the records sample" },
	[WR_SAMPLE_DRAW] = { WM_POST, "/inspections/{id}/sample/draw", WA_SESSION, WS_INSPECTION,
	    ACTION_DRAW_SAMPLE, page_sample_draw, "draw the records sample" },
	[WR_READERS] = { WM_GET, "/inspections/{id}/readers", WA_SESSION, WS_INSPECTION,
	    ACTION_MANAGE_READERS, page_readers, "readers, pairs and assignments (audited)" },
	[WR_READER_ADD] = { WM_POST, "/inspections/{id}/readers", WA_SESSION, WS_INSPECTION,
	    ACTION_MANAGE_READERS, page_reader_add, "add a reader" },
	[WR_READER_ASSIGN] = { WM_POST, "/inspections/{id}/readers/assign", WA_SESSION,
	    WS_INSPECTION, ACTION_MANAGE_READERS, page_reader_assign,
	    "pair readers and assign the records" },
	[WR_COMPARE_LIST] = { WM_GET, "/inspections/{id}/compare", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_CHILD_RECORDS, page_compare_list,
	    "double-read records and their differences (audited)" },
	[WR_COMPARE] = { WM_GET, "/inspections/{id}/compare/{ref}", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_CHILD_RECORDS, page_compare,
	    "the two readings of one record side by side (audited)" },
	[WR_RESOLVE] = { WM_POST, "/inspections/{id}/compare/{ref}", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_CHILD_RECORDS, page_resolve,
	    "record the agreed answer to a differing item" },
	[WR_CONCERNS] = { WM_GET, "/inspections/{id}/concerns", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_CHILD_RECORDS, page_concerns, "matters of concern (audited)" },
	[WR_CONCERN_RAISE] = { WM_POST, "/inspections/{id}/concerns", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_CHILD_RECORDS, page_concern_raise, "raise a matter of concern" },
	[WR_CONCERN_CLOSE] = { WM_POST, "/inspections/{id}/concerns/{cid}/close", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_CHILD_RECORDS, page_concern_close,
	    "mark a matter of concern followed up" },
	[WR_OVERVIEW] = { WM_GET, "/overview", WA_SESSION, WS_OPEN, 0, page_overview,
	    "the national overview of one framework (?framework=CODE)" },
	[WR_OVERVIEW_EXPORT] = { WM_GET, "/overview/export", WA_SESSION, WS_OPEN, 0,
	    page_overview_export, "the national overview as XLSX (?framework=CODE; audited)" },
	[WR_PLAN] = { WM_GET, "/inspections/{id}/plan", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_plan,
	    "the joint action plan: actions by area for improvement, their history, the forms" },
	[WR_PLAN_ADD] = { WM_POST, "/inspections/{id}/plan", WA_SESSION, WS_INSPECTION,
	    ACTION_MAINTAIN_ACTION_PLAN, page_plan_add, "add an action to the plan" },
	[WR_PLAN_UPDATE] = { WM_POST, "/inspections/{id}/plan/{n}", WA_SESSION, WS_INSPECTION,
	    ACTION_COMMENT_ACTION_PLAN, page_plan_update,
	    "change an action's status or due date, or comment on it" },
	[WR_PLAN_AGREE] = { WM_POST, "/inspections/{id}/plan-agree", WA_SESSION, WS_INSPECTION,
	    ACTION_AGREE_ACTION_PLAN, page_plan_agree, "mark the action plan agreed" },
	[WR_FOLLOWUP] = { WM_GET, "/inspections/{id}/followup", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_EVALUATION, page_followup,
	    "progress reviews and the history of the grades (?review=N)" },
	[WR_SURVEYS] = { WM_GET, "/inspections/{id}/surveys", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_AGGREGATES, page_surveys, "the inspection's surveys" },
	[WR_SURVEY] = { WM_GET, "/inspections/{id}/surveys/{name}", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_AGGREGATES, page_survey,
	    "one survey's summary with intervals and its chart (?by=ATTRIBUTE)" },
	[WR_READING_CONCERN] = { WM_POST, "/inspections/{id}/reading/{ref}/concern", WA_SESSION,
	    WS_INSPECTION, ACTION_READ_ASSIGNED_RECORDS, page_reading_concern,
	    "raise a matter of concern from a reading (its reader)" },
	[WR_OUTCOMES] = { WM_GET, "/inspections/{id}/outcomes", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_AGGREGATES, page_outcomes,
	    "the outcome indicators with data for the partnership's area" },
	[WR_OUTCOME_GAP] = { WM_GET, "/inspections/{id}/outcomes/{indicator}", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_AGGREGATES, page_outcome_gap,
	    "one indicator's gap: groups, SII/RII, trend verdict, charts" },
	[WR_READER_REASSIGN] = { WM_POST, "/inspections/{id}/readers/reassign", WA_SESSION,
	    WS_INSPECTION, ACTION_MANAGE_READERS, page_reader_reassign,
	    "move a reading to another pair, with a reason" },
	[WR_SURVEY_IMPORT] = { WM_POST, "/inspections/{id}/surveys/{name}", WA_SESSION,
	    WS_INSPECTION, ACTION_IMPORT_SURVEY, page_survey_import,
	    "upload a survey's responses (CSV, all or nothing)" },
	[WR_EVIDENCE_FILE] = { WM_GET, "/inspections/{id}/evidence/{n}/file", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_EVIDENCE, page_evidence_file,
	    "download an evidence item's attached file (audited)" },
	[WR_REVIEW_CREATE] = { WM_POST, "/inspections/{id}/reviews", WA_SESSION, WS_INSPECTION,
	    ACTION_REVIEW_PROGRESS, page_review_create, "start the next progress review" },
	[WR_REVIEW_PROGRESS] = { WM_POST, "/inspections/{id}/reviews/{n}/progress", WA_SESSION,
	    WS_INSPECTION, ACTION_REVIEW_PROGRESS, page_review_progress,
	    "judge the progress on an area for improvement at a review" },
	[WR_REVIEW_GRADE] = { WM_POST, "/inspections/{id}/reviews/{n}/grade", WA_SESSION,
	    WS_INSPECTION, ACTION_REVIEW_PROGRESS, page_review_grade,
	    "re-evaluate a quality indicator at a review" },
	[WR_REVIEW_DECIDE] = { WM_POST, "/inspections/{id}/reviews/{n}/decide", WA_SESSION,
	    WS_INSPECTION, ACTION_REVIEW_PROGRESS, page_review_decide,
	    "decide a review: whether a further review is needed" },
	[WR_REVIEW_REPORT] = { WM_GET, "/inspections/{id}/reviews/{n}/{file}", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_EVALUATION, page_review_report,
	    "download a review's report (report.pdf, .html, .md, .json)" },
	[WR_API_REVIEWS] = { WM_GET, "/api/v1/inspections/{id}/reviews", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_EVALUATION, api_reviews,
	    "the follow-up: original grades, re-evaluations and every review" },
	[WR_API_REVIEW] = { WM_GET, "/api/v1/inspections/{id}/reviews/{n}", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_EVALUATION, api_review, "one progress review's report" },
	[WR_API_REVIEW_CREATE] = { WM_POST, "/api/v1/inspections/{id}/reviews", WA_TOKEN,
	    WS_INSPECTION, ACTION_REVIEW_PROGRESS, api_review_create,
	    "start the next progress review" },
	[WR_API_REVIEW_PROGRESS] = { WM_PUT,
	    "/api/v1/inspections/{id}/reviews/{n}/progress/{improvement}", WA_TOKEN, WS_INSPECTION,
	    ACTION_REVIEW_PROGRESS, api_review_progress,
	    "judge the progress on an area for improvement at a review" },
	[WR_API_REVIEW_GRADE] = { WM_PUT, "/api/v1/inspections/{id}/reviews/{n}/grades/{qi}",
	    WA_TOKEN, WS_INSPECTION, ACTION_REVIEW_PROGRESS, api_review_grade,
	    "re-evaluate a quality indicator at a review" },
	[WR_API_REVIEW_DECIDE] = { WM_PUT, "/api/v1/inspections/{id}/reviews/{n}/decision",
	    WA_TOKEN, WS_INSPECTION, ACTION_REVIEW_PROGRESS, api_review_decide,
	    "decide a review: whether a further review is needed" },
	[WR_RELEASE] = { WM_GET, "/inspections/{id}/release", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_release,
	    "the news release: the published text, or the draft for who may see the draft" },
	[WR_PUBLISHED_FILE] = { WM_GET, "/inspections/{id}/published/{version}/{file}", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_INSPECTION, page_published_file,
	    "download a frozen file of a published version, as stored (audited)" },
	[WR_FINDINGS] = { WM_GET, "/inspections/{id}/findings", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_findings,
	    "strengths, areas for improvement and the confidence statement", true },
	[WR_FINDING_ADD] = { WM_POST, "/inspections/{id}/findings", WA_SESSION, WS_INSPECTION,
	    ACTION_GRADE, page_finding_add, "add a finding" },
	[WR_FINDING_EDIT] = { WM_POST, "/inspections/{id}/findings/edit", WA_SESSION, WS_INSPECTION,
	    ACTION_GRADE, page_finding_edit, "change a finding" },
	[WR_FINDING_MOVE] = { WM_POST, "/inspections/{id}/findings/move", WA_SESSION, WS_INSPECTION,
	    ACTION_GRADE, page_finding_move, "move a finding up or down" },
	[WR_FINDING_REMOVE] = { WM_POST, "/inspections/{id}/findings/remove", WA_SESSION,
	    WS_INSPECTION, ACTION_GRADE, page_finding_remove, "remove a finding" },
	[WR_CONFIDENCE] = { WM_POST, "/inspections/{id}/confidence", WA_SESSION, WS_INSPECTION,
	    ACTION_GRADE, page_confidence, "record the confidence statement" },
	[WR_STAGE] = { WM_GET, "/inspections/{id}/stage", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_stage, "the stage and the week plan", true },
	[WR_STAGE_MOVE] = { WM_POST, "/inspections/{id}/stage", WA_SESSION, WS_INSPECTION,
	    ACTION_MOVE_STAGE, page_stage_move, "move the inspection to another stage" },
	[WR_ACCOUNT_ADD] = { WM_POST, "/accounts", WA_SESSION, WS_GLOBAL, ACTION_MANAGE_ACCOUNTS,
	    page_account_add, "add an account (its password shown once)" },
	[WR_ACCOUNT_DISABLE] = { WM_POST, "/accounts/{name}/disable", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, page_account_disable, "disable an account" },
	[WR_ACCOUNT_ENABLE] = { WM_POST, "/accounts/{name}/enable", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, page_account_enable, "enable a disabled account" },
	[WR_ACCOUNT_ADMIN] = { WM_POST, "/accounts/{name}/admin", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, page_account_admin, "make an account an administrator" },
	[WR_ACCOUNT_UNADMIN] = { WM_POST, "/accounts/{name}/unadmin", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, page_account_unadmin, "take the administrator role away" },
	[WR_ACCOUNT_PASSWORD] = { WM_POST, "/accounts/{name}/password", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, page_account_password,
	    "reset a password (the new one shown once)" },
	[WR_TOKEN_CREATE] = { WM_POST, "/accounts/tokens", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, page_token_create, "make an API token (shown once)" },
	[WR_TOKEN_REVOKE] = { WM_POST, "/accounts/tokens/{n}/revoke", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, page_token_revoke, "revoke an API token" },
	[WR_EVIDENCE_ITEM] = { WM_GET, "/inspections/{id}/evidence/{n}", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_EVIDENCE, page_evidence_item,
	    "one evidence item: what it says, its history, the edit form", true },
	[WR_EVIDENCE_UPDATE] = { WM_POST, "/inspections/{id}/evidence/{n}", WA_SESSION,
	    WS_INSPECTION, ACTION_UPDATE_OWN_EVIDENCE, page_evidence_update,
	    "change an evidence item (anyone's for update-evidence, one's own otherwise)" },
	[WR_SETTINGS] = { WM_GET, "/inspections/{id}/settings", WA_SESSION, WS_INSPECTION,
	    ACTION_EDIT_INSPECTION, page_settings,
	    "the report settings: publication date, organisations, logo, area" },
	[WR_SETTINGS_SAVE] = { WM_POST, "/inspections/{id}/settings", WA_SESSION, WS_INSPECTION,
	    ACTION_EDIT_INSPECTION, page_settings_save, "save the report settings" },
	[WR_API_SETTINGS] = { WM_GET, "/api/v1/inspections/{id}/settings", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_settings, "the report settings" },
	[WR_API_SETTINGS_PUT] = { WM_PUT, "/api/v1/inspections/{id}/settings", WA_TOKEN,
	    WS_INSPECTION, ACTION_EDIT_INSPECTION, api_settings_put, "change the report settings" },
	[WR_API_PUBLISH] = { WM_POST, "/api/v1/inspections/{id}/publish", WA_TOKEN, WS_INSPECTION,
	    ACTION_PUBLISH, api_publish,
	    "publish the report, or supersede the published version with a reason" },
	/* issue 17, readings */
	[WR_READER_REMOVE] = { WM_POST, "/inspections/{id}/readers/remove", WA_SESSION,
	    WS_INSPECTION, ACTION_MANAGE_READERS, page_reader_remove,
	    "remove a reader, handing their unread records to another reader" },
	[WR_CORRECT_FORM] = { WM_GET, "/inspections/{id}/correct", WA_SESSION, WS_INSPECTION,
	    ACTION_MANAGE_READERS, page_correct_form,
	    "correct a submitted reading: choose the record, see its readings (audited)" },
	[WR_CORRECT] = { WM_POST, "/inspections/{id}/correct", WA_SESSION, WS_INSPECTION,
	    ACTION_MANAGE_READERS, page_correct, "correct a submitted reading, with a reason" },
	[WR_AGREEMENT] = { WM_GET, "/inspections/{id}/agreement", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_AGGREGATES, page_agreement,
	    "agreement between double readings: kappa, weighted kappa, alpha" },
	[WR_API_READER_REMOVE] = { WM_POST, "/api/v1/inspections/{id}/readers/{name}/remove",
	    WA_TOKEN, WS_INSPECTION, ACTION_MANAGE_READERS, api_reader_remove,
	    "remove a reader, handing their unread records to another reader" },
	[WR_API_CORRECT] = { WM_POST, "/api/v1/inspections/{id}/readings/{ref}/correction",
	    WA_TOKEN, WS_INSPECTION, ACTION_MANAGE_READERS, api_correct,
	    "correct a submitted reading, with a reason" },
	[WR_API_AGREEMENT] = { WM_GET, "/api/v1/inspections/{id}/agreement", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_AGGREGATES, api_agreement,
	    "agreement between double readings, per item and overall" },
	[WR_FIELDWORK] = { WM_GET, "/inspections/{id}/fieldwork", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_FIELDWORK, page_fieldwork,
	    "the fieldwork plan: activities by date, the form to plan one", true },
	[WR_FIELDWORK_ADD] = { WM_POST, "/inspections/{id}/fieldwork", WA_SESSION, WS_INSPECTION,
	    ACTION_PLAN_FIELDWORK, page_fieldwork_add, "plan a fieldwork activity" },
	[WR_ACTIVITY] = { WM_GET, "/inspections/{id}/fieldwork/{n}", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_FIELDWORK, page_activity,
	    "one activity; its notes and balance for who may see evidence; the forms", true },
	[WR_ACTIVITY_RECORD] = { WM_POST, "/inspections/{id}/fieldwork/{n}/record", WA_SESSION,
	    WS_INSPECTION, ACTION_RECORD_FIELDWORK, page_activity_record,
	    "record an activity's notes as evidence (a young inspector: those they lead)" },
	[WR_ACTIVITY_CANCEL] = { WM_POST, "/inspections/{id}/fieldwork/{n}/cancel", WA_SESSION,
	    WS_INSPECTION, ACTION_PLAN_FIELDWORK, page_activity_cancel,
	    "cancel a planned activity, with the reason" },
	[WR_YOUNG_INSPECTORS] = { WM_GET, "/inspections/{id}/young-inspectors", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_EVIDENCE, page_young_inspectors,
	    "the young inspectors' activities and their write-ups", true },
	[WR_API_FIELDWORK] = { WM_GET, "/api/v1/inspections/{id}/fieldwork", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_FIELDWORK, api_fieldwork, "the fieldwork plan" },
	[WR_API_FIELDWORK_ADD] = { WM_POST, "/api/v1/inspections/{id}/fieldwork", WA_TOKEN,
	    WS_INSPECTION, ACTION_PLAN_FIELDWORK, api_fieldwork_add, "plan a fieldwork activity" },
	[WR_API_FIELDWORK_RECORD] = { WM_POST, "/api/v1/inspections/{id}/fieldwork/{n}/record",
	    WA_TOKEN, WS_INSPECTION, ACTION_RECORD_FIELDWORK, api_fieldwork_record,
	    "record an activity's notes as evidence" },
	/* issue 17, reference data and choices (page_reference.c) */
	[WR_HISTORY] = { WM_GET, "/history", WA_SESSION, WS_GLOBAL, ACTION_MANAGE_REFERENCE,
	    page_history,
	    "published results of earlier inspections: the list and the import form" },
	[WR_HISTORY_IMPORT] = { WM_POST, "/history", WA_SESSION, WS_GLOBAL, ACTION_MANAGE_REFERENCE,
	    page_history_import, "import published results (CSV, all or nothing)" },
	[WR_API_HISTORY] = { WM_GET, "/api/v1/history", WA_TOKEN, WS_OPEN, 0, api_history,
	    "the imported published results of earlier inspections (?framework=CODE)" },
	[WR_API_HISTORY_IMPORT] = { WM_POST, "/api/v1/history", WA_TOKEN, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, api_history_import,
	    "import published results (CSV in the body, all or nothing)" },
	[WR_OUTCOME_INDICATORS] = { WM_GET, "/outcome-indicators", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, page_outcome_indicators,
	    "the outcome indicators and the form to import outcome data" },
	[WR_OUTCOME_IMPORT] = { WM_POST, "/outcome-indicators", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, page_outcome_import,
	    "import outcome data by deprivation group (CSV, all or nothing)" },
	[WR_API_OUTCOME_INDICATORS] = { WM_GET, "/api/v1/outcome-indicators", WA_TOKEN, WS_OPEN, 0,
	    api_outcome_indicators, "the outcome indicators" },
	[WR_API_OUTCOME_IMPORT] = { WM_POST, "/api/v1/outcome-indicators", WA_TOKEN, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, api_outcome_import,
	    "import outcome data by deprivation group (CSV in the body, all or nothing)" },
	[WR_TEMPLATE] = { WM_GET, "/inspections/{id}/template", WA_SESSION, WS_INSPECTION,
	    ACTION_MANAGE_READERS, page_template,
	    "the reading template: the one read with and the others, by title" },
	[WR_TEMPLATE_USE] = { WM_POST, "/inspections/{id}/template", WA_SESSION, WS_INSPECTION,
	    ACTION_MANAGE_READERS, page_template_use, "choose the reading template" },
	[WR_API_TEMPLATE] = { WM_GET, "/api/v1/inspections/{id}/template", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_template,
	    "the reading template read with and the others of the framework" },
	[WR_API_TEMPLATE_PUT] = { WM_PUT, "/api/v1/inspections/{id}/template", WA_TOKEN,
	    WS_INSPECTION, ACTION_MANAGE_READERS, api_template_put, "choose the reading template" },
	/* issue 21: factual accuracy, the embargo and the media pack */
	[WR_ACCURACY] = { WM_GET, "/inspections/{id}/accuracy", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_ACCURACY, page_accuracy,
	    "factual accuracy: the draft's passages, the comment form, the log and the answers" },
	[WR_ACCURACY_COMMENT] = { WM_POST, "/inspections/{id}/accuracy", WA_SESSION, WS_INSPECTION,
	    ACTION_COMMENT_ACCURACY, page_accuracy_comment,
	    "comment on a passage of the draft (the co-ordinator, at factual accuracy)" },
	[WR_ACCURACY_RESPOND] = { WM_POST, "/inspections/{id}/accuracy/{n}/response", WA_SESSION,
	    WS_INSPECTION, ACTION_RESPOND_ACCURACY, page_accuracy_respond,
	    "answer a comment: accepted with the change, or not with the reason" },
	[WR_ACCURACY_EXPORT] = { WM_GET, "/inspections/{id}/accuracy/export", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_ACCURACY, page_accuracy_export,
	    "download the factual accuracy log as CSV (audited)" },
	[WR_EMBARGO] = { WM_GET, "/inspections/{id}/embargo", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_embargo,
	    "the embargo and the media contact, the form to set them" },
	[WR_EMBARGO_SET] = { WM_POST, "/inspections/{id}/embargo", WA_SESSION, WS_INSPECTION,
	    ACTION_SET_EMBARGO, page_embargo_set, "set the embargo and the media contact" },
	[WR_MEDIA_PACK] = { WM_GET, "/inspections/{id}/media-pack", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_media_pack,
	    "the media pack: the release, the quotes, the contacts (under the embargo)" },
	[WR_MEDIA_PACK_FILE] = { WM_GET, "/inspections/{id}/media-pack.txt", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_INSPECTION, page_media_pack_file,
	    "download the media pack as text (under the embargo)" },
	[WR_API_ACCURACY] = { WM_GET, "/api/v1/inspections/{id}/accuracy/comments", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_ACCURACY, api_accuracy,
	    "the factual accuracy comments and their answers" },
	[WR_API_ACCURACY_COMMENT] = { WM_POST, "/api/v1/inspections/{id}/accuracy/comments",
	    WA_TOKEN, WS_INSPECTION, ACTION_COMMENT_ACCURACY, api_accuracy_comment,
	    "comment on a passage of the draft (at factual accuracy)" },
	[WR_API_ACCURACY_RESPOND] = { WM_POST,
	    "/api/v1/inspections/{id}/accuracy/comments/{n}/response", WA_TOKEN, WS_INSPECTION,
	    ACTION_RESPOND_ACCURACY, api_accuracy_respond, "answer a factual accuracy comment" },
	[WR_API_EMBARGO] = { WM_GET, "/api/v1/inspections/{id}/embargo", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_embargo,
	    "the embargo, whether it has lifted, the contact" },
	[WR_API_EMBARGO_PUT] = { WM_PUT, "/api/v1/inspections/{id}/embargo", WA_TOKEN,
	    WS_INSPECTION, ACTION_SET_EMBARGO, api_embargo_put,
	    "set the embargo and the media contact" },
	[WR_API_MEDIA_PACK] = { WM_GET, "/api/v1/inspections/{id}/media-pack", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_INSPECTION, api_media_pack,
	    "the media pack (under the embargo)" },
	[WR_PARTNERSHIP] = { WM_GET, "/inspections/{id}/partnership", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_PARTNERSHIP, page_partnership,
	    "the partnership: co-ordinators, notification, return, position statement", true },
	[WR_PARTNERSHIP_CONTACT] = { WM_POST, "/inspections/{id}/partnership/contact", WA_SESSION,
	    WS_INSPECTION, ACTION_NOTIFY, page_partnership_contact,
	    "record the partnership's inspection or participation co-ordinator" },
	[WR_PARTNERSHIP_NOTIFY] = { WM_POST, "/inspections/{id}/partnership/notification",
	    WA_SESSION, WS_INSPECTION, ACTION_NOTIFY, page_partnership_notify,
	    "generate and store the notification letter" },
	[WR_PARTNERSHIP_LETTER] = { WM_GET, "/inspections/{id}/partnership/notification/{n}/{file}",
	    WA_SESSION, WS_INSPECTION, ACTION_VIEW_PARTNERSHIP, page_partnership_letter,
	    "download a notification letter (letter.md, letter.html, letter.pdf; audited)" },
	[WR_PARTNERSHIP_RETURN_FORM] = { WM_GET, "/inspections/{id}/partnership/return.xlsx",
	    WA_SESSION, WS_INSPECTION, ACTION_VIEW_PARTNERSHIP, page_partnership_return_form,
	    "the blank pre-inspection return (XLSX)" },
	[WR_PARTNERSHIP_RETURN] = { WM_POST, "/inspections/{id}/partnership/return", WA_SESSION,
	    WS_INSPECTION, ACTION_RETURN_PREINSPECTION, page_partnership_return,
	    "return the pre-inspection return (the XLSX workbook or a CSV file per sheet)" },
	[WR_PARTNERSHIP_STATEMENT] = { WM_POST, "/inspections/{id}/partnership/statement",
	    WA_SESSION, WS_INSPECTION, ACTION_UPLOAD_POSITION_STATEMENT, page_partnership_statement,
	    "submit the position statement" },
	[WR_PARTNERSHIP_DOCUMENT] = { WM_POST, "/inspections/{id}/partnership/documents",
	    WA_SESSION, WS_INSPECTION, ACTION_UPLOAD_POSITION_STATEMENT, page_partnership_document,
	    "upload a supporting document or a new version" },
	[WR_PARTNERSHIP_DOCUMENT_FILE] = { WM_GET, "/inspections/{id}/partnership/documents/{n}",
	    WA_SESSION, WS_INSPECTION, ACTION_VIEW_PARTNERSHIP, page_partnership_document_file,
	    "download a supporting document's latest version (audited)" },
	[WR_PARTNERSHIP_CLAIM] = { WM_POST, "/inspections/{id}/partnership/claims", WA_SESSION,
	    WS_INSPECTION, ACTION_UPLOAD_POSITION_STATEMENT, page_partnership_claim,
	    "add a claim of the position statement" },
	[WR_PARTNERSHIP_TEST] = { WM_POST, "/inspections/{id}/partnership/claims/{n}/test",
	    WA_SESSION, WS_INSPECTION, ACTION_TEST_CLAIM, page_partnership_test,
	    "tag a claim to an indicator and test it against the evidence" },
	[WR_API_PARTNERSHIP] = { WM_GET, "/api/v1/inspections/{id}/partnership", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_PARTNERSHIP, api_partnership,
	    "the partnership: co-ordinators, notifications, return, statement, claims" },
	[WR_API_PARTNERSHIP_CONTACT] = { WM_PUT,
	    "/api/v1/inspections/{id}/partnership/contacts/{kind}", WA_TOKEN, WS_INSPECTION,
	    ACTION_NOTIFY, api_partnership_contact, "record a co-ordinator" },
	[WR_API_PARTNERSHIP_NOTIFY] = { WM_POST,
	    "/api/v1/inspections/{id}/partnership/notifications", WA_TOKEN, WS_INSPECTION,
	    ACTION_NOTIFY, api_partnership_notify, "generate and store the notification letter" },
	[WR_API_PARTNERSHIP_RETURN] = { WM_POST, "/api/v1/inspections/{id}/partnership/return",
	    WA_TOKEN, WS_INSPECTION, ACTION_RETURN_PREINSPECTION, api_partnership_return,
	    "return the pre-inspection return (CSV text per sheet)" },
	[WR_API_PARTNERSHIP_STATEMENT] = { WM_PUT, "/api/v1/inspections/{id}/partnership/statement",
	    WA_TOKEN, WS_INSPECTION, ACTION_UPLOAD_POSITION_STATEMENT, api_partnership_statement,
	    "submit the position statement" },
	[WR_API_PARTNERSHIP_DOCUMENT] = { WM_POST, "/api/v1/inspections/{id}/partnership/documents",
	    WA_TOKEN, WS_INSPECTION, ACTION_UPLOAD_POSITION_STATEMENT, api_partnership_document,
	    "upload a supporting document (base64) or a new version" },
	[WR_API_PARTNERSHIP_CLAIM] = { WM_POST, "/api/v1/inspections/{id}/partnership/claims",
	    WA_TOKEN, WS_INSPECTION, ACTION_UPLOAD_POSITION_STATEMENT, api_partnership_claim,
	    "add a claim of the position statement" },
	[WR_API_PARTNERSHIP_TEST] = { WM_POST,
	    "/api/v1/inspections/{id}/partnership/claims/{n}/test", WA_TOKEN, WS_INSPECTION,
	    ACTION_TEST_CLAIM, api_partnership_test, "tag a claim to an indicator and test it" },
	[WR_CONCERN] = { WM_GET, "/inspections/{id}/concerns/{cid}", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_CHILD_RECORDS, page_concern,
	    "one matter of concern: its timeline and the next step's form (audited)" },
	[WR_CONCERN_STEP] = { WM_POST, "/inspections/{id}/concerns/{cid}/step", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_CHILD_RECORDS, page_concern_step,
	    "make the next step of a matter of concern (who may: the step table)" },
	[WR_API_CONCERNS] = { WM_GET, "/api/v1/inspections/{id}/concerns", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_CHILD_RECORDS, api_concerns,
	    "matters of concern: step, age, due date, overdue (audited)" },
	[WR_API_CONCERN] = { WM_GET, "/api/v1/inspections/{id}/concerns/{cid}", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_CHILD_RECORDS, api_concern,
	    "one matter of concern with its steps (audited)" },
	[WR_API_CONCERN_RAISE] = { WM_POST, "/api/v1/inspections/{id}/concerns", WA_TOKEN,
	    WS_INSPECTION, ACTION_READ_ASSIGNED_RECORDS, api_concern_raise,
	    "raise a matter of concern" },
	[WR_API_CONCERN_STEP] = { WM_POST, "/api/v1/inspections/{id}/concerns/{cid}/step", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_CHILD_RECORDS, api_concern_step,
	    "make the next step of a matter of concern" },
	[WR_PROGRESS_NEED] = { WM_POST, "/inspections/{id}/progress-review", WA_SESSION,
	    WS_INSPECTION, ACTION_PROGRESS_REVIEW_NEED, page_progress_need,
	    "record whether a progress review is needed, when and on what" },
	[WR_API_FINDINGS] = { WM_GET, "/api/v1/inspections/{id}/findings", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_findings,
	    "strengths and areas for improvement in the team's order" },
	[WR_API_FINDING_ADD] = { WM_POST, "/api/v1/inspections/{id}/findings", WA_TOKEN,
	    WS_INSPECTION, ACTION_GRADE, api_finding_add, "add a finding (after the others)" },
	[WR_API_FINDING_PUT] = { WM_PUT, "/api/v1/inspections/{id}/findings/{n}", WA_TOKEN,
	    WS_INSPECTION, ACTION_GRADE, api_finding_put, "replace a finding" },
	[WR_API_FINDING_PATCH] = { WM_PATCH, "/api/v1/inspections/{id}/findings/{n}", WA_TOKEN,
	    WS_INSPECTION, ACTION_GRADE, api_finding_put, "change some of a finding's fields" },
	[WR_API_FINDING_DELETE] = { WM_DELETE, "/api/v1/inspections/{id}/findings/{n}", WA_TOKEN,
	    WS_INSPECTION, ACTION_GRADE, api_finding_delete, "remove a finding" },
	[WR_API_FINDING_MOVE] = { WM_POST, "/api/v1/inspections/{id}/findings/{n}/move", WA_TOKEN,
	    WS_INSPECTION, ACTION_GRADE, api_finding_move,
	    "move a finding up or down among those of its kind" },
	[WR_API_CONFIDENCE] = { WM_GET, "/api/v1/inspections/{id}/confidence", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_INSPECTION, api_confidence, "the confidence statement" },
	[WR_API_CONFIDENCE_PUT] = { WM_PUT, "/api/v1/inspections/{id}/confidence", WA_TOKEN,
	    WS_INSPECTION, ACTION_GRADE, api_confidence_put, "record the confidence statement" },
	[WR_API_STAGE_MOVE] = { WM_POST, "/api/v1/inspections/{id}/stage", WA_TOKEN, WS_INSPECTION,
	    ACTION_MOVE_STAGE, api_stage_move, "move the inspection to the next or a named stage" },
	[WR_EVIDENCE_WITHDRAW] = { WM_POST, "/inspections/{id}/evidence/{n}/withdraw", WA_SESSION,
	    WS_INSPECTION, ACTION_UPDATE_OWN_EVIDENCE, page_evidence_withdraw,
	    "withdraw an evidence item with a reason (anyone's for update-evidence, one's own "
	    "otherwise)" },
	[WR_EVIDENCE_REINSTATE] = { WM_POST, "/inspections/{id}/evidence/{n}/reinstate", WA_SESSION,
	    WS_INSPECTION, ACTION_UPDATE_OWN_EVIDENCE, page_evidence_reinstate,
	    "reinstate a withdrawn evidence item" },
	[WR_API_EVIDENCE_WITHDRAW] = { WM_POST, "/api/v1/inspections/{id}/evidence/{n}/withdraw",
	    WA_TOKEN, WS_INSPECTION, ACTION_UPDATE_OWN_EVIDENCE, api_evidence_withdraw,
	    "withdraw an evidence item with a reason" },
	[WR_API_EVIDENCE_REINSTATE] = { WM_POST, "/api/v1/inspections/{id}/evidence/{n}/reinstate",
	    WA_TOKEN, WS_INSPECTION, ACTION_UPDATE_OWN_EVIDENCE, api_evidence_reinstate,
	    "reinstate a withdrawn evidence item" },
	[WR_AUDIT_CHECKPOINT] = { WM_POST, "/audit/checkpoint", WA_SESSION, WS_GLOBAL,
	    ACTION_AUDIT_CHECKPOINT, page_audit_checkpoint,
	    "sign a checkpoint of the audit log (administrators)" },
	[WR_API_PROGRESS_REVIEW] = { WM_GET, "/api/v1/inspections/{id}/progress-review", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_INSPECTION, api_progress_need,
	    "the panel's decision on whether a progress review is needed" },
	[WR_API_PROGRESS_REVIEW_PUT] = { WM_PUT, "/api/v1/inspections/{id}/progress-review",
	    WA_TOKEN, WS_INSPECTION, ACTION_PROGRESS_REVIEW_NEED, api_progress_need_put,
	    "record whether a progress review is needed, by when and on what" },
	/* issue 17: model packs (page_model.c) */
	[WR_MODELS] = { WM_GET, "/models", WA_SESSION, WS_GLOBAL, ACTION_MANAGE_REFERENCE,
	    page_models, "the model packs loaded and the form to import one" },
	[WR_MODEL_IMPORT] = { WM_POST, "/models", WA_SESSION, WS_GLOBAL, ACTION_MANAGE_REFERENCE,
	    page_model_import, "import a model pack from its uploaded files (all or nothing)" },
	[WR_MODEL] = { WM_GET, "/models/{code}", WA_SESSION, WS_GLOBAL, ACTION_MANAGE_REFERENCE,
	    page_model, "one model pack: indicators by key question, stages, report sections" },
	[WR_API_MODELS] = { WM_GET, "/api/v1/models", WA_TOKEN, WS_OPEN, 0, api_models,
	    "the model packs loaded" },
	[WR_API_MODEL] = { WM_GET, "/api/v1/models/{code}", WA_TOKEN, WS_OPEN, 0, api_model,
	    "one model pack in readable form" },
	[WR_API_MODEL_IMPORT] = { WM_POST, "/api/v1/models", WA_TOKEN, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, api_model_import,
	    "import a model pack (its files as {name: text} in the body, all or nothing)" },
	[WR_API_INSPECTION_MODEL] = { WM_GET, "/api/v1/inspections/{id}/model", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_INSPECTION, api_inspection_model,
	    "the model pack and version the inspection was created under" },
	[WR_API_TEAM] = { WM_GET, "/api/v1/inspections/{id}/team", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_team, "the team: each person with their role and agency" },
	[WR_API_TEAM_ADD] = { WM_POST, "/api/v1/inspections/{id}/team", WA_TOKEN, WS_INSPECTION,
	    ACTION_MANAGE_TEAM, api_team_add, "add a person to the team in a role" },
	[WR_API_TEAM_REMOVE] = { WM_DELETE, "/api/v1/inspections/{id}/team/{username}", WA_TOKEN,
	    WS_INSPECTION, ACTION_MANAGE_TEAM, api_team_remove, "remove a person from the team" },
	/* issue 17: the panel through the API (api_panel.c) */
	[WR_API_PANEL] = { WM_GET, "/api/v1/inspections/{id}/panel", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_EVALUATION, api_panel,
	    "the panel's review of each graded indicator and the sign-off state" },
	[WR_API_PANEL_SIGNOFF] = { WM_POST, "/api/v1/inspections/{id}/panel/signoff", WA_TOKEN,
	    WS_INSPECTION, ACTION_PANEL_SIGNOFF, api_panel_signoff,
	    "sign off the evaluations for the panel (every graded indicator reviewed)" },
	[WR_API_PANEL_REVIEW] = { WM_PUT, "/api/v1/inspections/{id}/panel/{qi}", WA_TOKEN,
	    WS_INSPECTION, ACTION_PANEL_REVIEW, api_panel_review,
	    "record the panel's grade of one indicator with its reason" },
	/* issue 17: records reading through the API (api_records.c) */
	[WR_API_READERS] = { WM_GET, "/api/v1/inspections/{id}/readers", WA_TOKEN, WS_INSPECTION,
	    ACTION_MANAGE_READERS, api_readers,
	    "readers, pairs with their counts and assignments (audited)" },
	[WR_API_READER_ADD] = { WM_POST, "/api/v1/inspections/{id}/readers", WA_TOKEN,
	    WS_INSPECTION, ACTION_MANAGE_READERS, api_reader_add,
	    "add a reader: a person with an account, inspector or local" },
	[WR_API_READER_ASSIGN] = { WM_POST, "/api/v1/inspections/{id}/readers/assign", WA_TOKEN,
	    WS_INSPECTION, ACTION_MANAGE_READERS, api_reader_assign,
	    "pair the readers (the first time) and assign every unassigned sampled record" },
	[WR_API_READER_REASSIGN] = { WM_POST, "/api/v1/inspections/{id}/readers/reassign", WA_TOKEN,
	    WS_INSPECTION, ACTION_MANAGE_READERS, api_reader_reassign,
	    "move one record's reading to another pair, with a reason" },
	[WR_API_POPULATION] = { WM_GET, "/api/v1/inspections/{id}/population", WA_TOKEN,
	    WS_INSPECTION, ACTION_IMPORT_POPULATION, api_population,
	    "the population: size, columns, children per value and per stratum (?strata=)" },
	[WR_API_POPULATION_UPLOAD] = { WM_POST, "/api/v1/inspections/{id}/population", WA_TOKEN,
	    WS_INSPECTION, ACTION_IMPORT_POPULATION, api_population_upload,
	    "upload the population as a text/csv body (all or nothing; ?allow=COL,...)" },
	[WR_API_POPULATION_CHECK] = { WM_POST, "/api/v1/inspections/{id}/population/check",
	    WA_TOKEN, WS_INSPECTION, ACTION_IMPORT_POPULATION, api_population_check,
	    "check the stored population against its checksum and rebuild its index" },
	[WR_API_SAMPLE_DRAW] = { WM_POST, "/api/v1/inspections/{id}/sample", WA_TOKEN,
	    WS_INSPECTION, ACTION_DRAW_SAMPLE, api_sample_draw,
	    "draw the records sample (size, strata, seed kept and returned)" },
	[WR_API_SAMPLE_REPLACE] = { WM_POST, "/api/v1/inspections/{id}/sample/{ref}/replace",
	    WA_TOKEN, WS_INSPECTION, ACTION_DRAW_SAMPLE, api_sample_replace,
	    "replace a selected record by the next reserve of its stratum, with a reason" },
	[WR_API_COMPARE] = { WM_GET, "/api/v1/inspections/{id}/compare", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_CHILD_RECORDS, api_compare,
	    "the items where a double-read record's two readings differ (audited)" },
	[WR_API_RESOLVE] = { WM_POST, "/api/v1/inspections/{id}/compare/{ref}", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_CHILD_RECORDS, api_resolve,
	    "record the agreed answer to a differing item, with a note" },
	[WR_API_READING_SUMMARY] = { WM_GET, "/api/v1/inspections/{id}/reading-summary", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_AGGREGATES, api_reading_summary,
	    "records-reading results per item with intervals and estimates" },
	[WR_API_POPULATION_VERIFY] = { WM_GET, "/api/v1/inspections/{id}/population/check",
	    WA_TOKEN, WS_INSPECTION, ACTION_IMPORT_POPULATION, api_population_verify,
	    "check the stored population against its checksum, changing nothing" },
	/* issue 17: accounts, tokens, creating inspections, people (api_admin.c) */
	[WR_API_ACCOUNTS] = { WM_GET, "/api/v1/accounts", WA_TOKEN, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, api_accounts,
	    "the accounts: name, administrator, disabled, last sign-in (never a password)" },
	[WR_API_ACCOUNT_ADD] = { WM_POST, "/api/v1/accounts", WA_TOKEN, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, api_account_add,
	    "add an account; its generated password is in the answer, once" },
	[WR_API_ACCOUNT] = { WM_GET, "/api/v1/accounts/{username}", WA_TOKEN, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, api_account, "one account" },
	[WR_API_ACCOUNT_PATCH] = { WM_PATCH, "/api/v1/accounts/{username}", WA_TOKEN, WS_GLOBAL,
	    ACTION_MANAGE_ACCOUNTS, api_account_patch,
	    "change an account's name, disable or enable it, make it an administrator or not" },
	[WR_API_ACCOUNT_RESET] = { WM_POST, "/api/v1/accounts/{username}/reset", WA_TOKEN,
	    WS_GLOBAL, ACTION_MANAGE_ACCOUNTS, api_account_reset,
	    "reset a password: the new generated password is in the answer, once" },
	[WR_API_TOKENS] = { WM_GET, "/api/v1/accounts/{username}/tokens", WA_TOKEN, WS_OPEN, 0,
	    api_tokens,
	    "an account's API tokens (one's own, or an administrator any), never the secret" },
	[WR_API_TOKEN_CREATE] = { WM_POST, "/api/v1/accounts/{username}/tokens", WA_TOKEN, WS_OPEN,
	    0, api_token_create,
	    "make an API token (one's own, or an administrator any); the secret once" },
	[WR_API_TOKEN_REVOKE] = { WM_DELETE, "/api/v1/accounts/{username}/tokens/{label}", WA_TOKEN,
	    WS_OPEN, 0, api_token_revoke,
	    "revoke an API token by its label (one's own, or an administrator any)" },
	[WR_API_INSPECTION_CREATE] = { WM_POST, "/api/v1/inspections", WA_TOKEN, WS_GLOBAL,
	    ACTION_CREATE_INSPECTION, api_inspection_create,
	    "create an inspection (optionally naming its lead)" },
	[WR_API_INSPECTION_PATCH] = { WM_PATCH, "/api/v1/inspections/{id}", WA_TOKEN, WS_INSPECTION,
	    ACTION_EDIT_INSPECTION, api_inspection_patch,
	    "change an inspection's details; fields not given are left as they are" },
	[WR_API_PEOPLE] = { WM_GET, "/api/v1/inspections/{id}/people", WA_TOKEN, WS_INSPECTION,
	    ACTION_MANAGE_TEAM, api_people,
	    "the people to choose from for the team or as a reader (?role=)" },
	/* issue 17: readings and surveys in the browser */
	[WR_READINGS_IMPORT_FORM] = { WM_GET, "/inspections/{id}/readings/import", WA_SESSION,
	    WS_INSPECTION, ACTION_READ_ASSIGNED_RECORDS, page_readings_import_form,
	    "the form to import a file of readings" },
	[WR_READINGS_IMPORT] = { WM_POST, "/inspections/{id}/readings/import", WA_SESSION,
	    WS_INSPECTION, ACTION_READ_ASSIGNED_RECORDS, page_readings_import,
	    "import readings from CSV (all or nothing; one's own readings, as app/ decides)" },
	[WR_READINGS_SUMMARY] = { WM_GET, "/inspections/{id}/readings/summary", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_AGGREGATES, page_readings_summary,
	    "results of the readings per question and whose records were read (aggregates)" },
	[WR_READING_AGENCIES] = { WM_POST, "/inspections/{id}/reading/{ref}/agencies", WA_SESSION,
	    WS_INSPECTION, ACTION_READ_ASSIGNED_RECORDS, page_reading_agencies,
	    "record whose records were read for an assigned record (its reader)" },
	[WR_SURVEY_CREATE] = { WM_POST, "/inspections/{id}/surveys", WA_SESSION, WS_INSPECTION,
	    ACTION_IMPORT_SURVEY, page_survey_create,
	    "create a survey (name, kind, scale, statements file, number invited)" },
	[WR_SURVEY_COMMENTS] = { WM_GET, "/inspections/{id}/surveys/{name}/comments", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_EVIDENCE, page_survey_comments,
	    "a survey's free-text comments with their tags (internal; audited)" },
	[WR_SURVEY_COMMENT_TAG] = { WM_POST, "/inspections/{id}/surveys/{name}/comments/{n}",
	    WA_SESSION, WS_INSPECTION, ACTION_ADD_EVIDENCE, page_survey_comment_tag,
	    "tag a comment to indicators, as a strength or an area for improvement" },
	/* issue 17: setting up in the browser (page_setup.c and others) */
	[WR_FRAMEWORKS] = { WM_GET, "/frameworks", WA_SESSION, WS_GLOBAL, ACTION_MANAGE_REFERENCE,
	    page_frameworks, "the frameworks stored and the form to import one" },
	[WR_FRAMEWORK_IMPORT] = { WM_POST, "/frameworks", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, page_framework_import,
	    "import a framework from an uploaded JSON file (all or nothing)" },
	[WR_FRAMEWORK] = { WM_GET, "/frameworks/{code}", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, page_framework,
	    "one framework: its scale and its indicators by key question" },
	[WR_TEMPLATES] = { WM_GET, "/templates", WA_SESSION, WS_GLOBAL, ACTION_MANAGE_REFERENCE,
	    page_templates, "the reading templates stored and the form to import one" },
	[WR_TEMPLATE_IMPORT] = { WM_POST, "/templates", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, page_template_import,
	    "import a reading template from an uploaded JSON file (all or nothing)" },
	[WR_CROSSWALKS] = { WM_GET, "/crosswalks", WA_SESSION, WS_GLOBAL, ACTION_MANAGE_REFERENCE,
	    page_crosswalks, "the crosswalks between model packs, indicator by indicator" },
	[WR_MODEL_CHECK] = { WM_POST, "/models/check", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, page_model_check,
	    "check a model pack's uploaded files, listing every problem; stores nothing" },
	[WR_POPULATION_CHECK] = { WM_POST, "/inspections/{id}/population/check", WA_SESSION,
	    WS_INSPECTION, ACTION_IMPORT_POPULATION, page_population_check,
	    "check the stored population against its checksum and rebuild its index" },
	[WR_SAMPLE_REPLACE_FORM] = { WM_GET, "/inspections/{id}/sample/replace", WA_SESSION,
	    WS_INSPECTION, ACTION_DRAW_SAMPLE, page_sample_replace_form,
	    "form to replace a sampled record by a reserve (audited)" },
	[WR_SAMPLE_REPLACE] = { WM_POST, "/inspections/{id}/sample/replace", WA_SESSION,
	    WS_INSPECTION, ACTION_DRAW_SAMPLE, page_sample_replace,
	    "replace a sampled record that cannot be read by its stratum's next reserve" },
	[WR_API_FRAMEWORK_IMPORT] = { WM_POST, "/api/v1/frameworks", WA_TOKEN, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, api_framework_import,
	    "import a framework (its JSON file's text in the body, all or nothing)" },
	[WR_API_MODEL_CHECK] = { WM_POST, "/api/v1/models/check", WA_TOKEN, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, api_model_check,
	    "check a model pack's files, listing every problem; stores nothing" },
	[WR_API_CROSSWALKS] = { WM_GET, "/api/v1/crosswalks", WA_TOKEN, WS_OPEN, 0, api_crosswalks,
	    "the crosswalks between model packs with their links" },
	[WR_API_TEMPLATE_IMPORT] = { WM_POST, "/api/v1/templates", WA_TOKEN, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, api_template_import,
	    "import a reading template (its JSON file's text in the body, all or nothing)" },
	[WR_TEMPLATE_SHOW] = { WM_GET, "/templates/{code}", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, page_template_show,
	    "one reading template: its questions, answers and indicators" },
	[WR_CROSSWALK_CHECK] = { WM_POST, "/crosswalks/check", WA_SESSION, WS_GLOBAL,
	    ACTION_MANAGE_REFERENCE, page_crosswalk_check,
	    "check an uploaded crosswalk file against the loaded packs; stores nothing" },
	/* issue 17: the action plan, surveys, the release and the overview
	 * through the API (api_plan.c, api_survey.c, page_overview.c); who may
	 * see the plan, and which change needs which role, is app/'s */
	[WR_API_ACTIONS] = { WM_GET, "/api/v1/inspections/{id}/actions", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_actions,
	    "the action plan: areas for improvement and their actions by number, with history" },
	[WR_API_ACTION_ADD] = { WM_POST, "/api/v1/inspections/{id}/actions", WA_TOKEN,
	    WS_INSPECTION, ACTION_MAINTAIN_ACTION_PLAN, api_action_add,
	    "add an action against an area for improvement (by its number)" },
	[WR_API_ACTION_AGREE] = { WM_POST, "/api/v1/inspections/{id}/actions/agree", WA_TOKEN,
	    WS_INSPECTION, ACTION_AGREE_ACTION_PLAN, api_action_agree,
	    "mark the action plan agreed" },
	[WR_API_ACTION_PUT] = { WM_PUT, "/api/v1/inspections/{id}/actions/{n}", WA_TOKEN,
	    WS_INSPECTION, ACTION_COMMENT_ACTION_PLAN, api_action_put,
	    "change action n's status or due date, or comment on it" },
	[WR_API_ACTION_PATCH] = { WM_PATCH, "/api/v1/inspections/{id}/actions/{n}", WA_TOKEN,
	    WS_INSPECTION, ACTION_COMMENT_ACTION_PLAN, api_action_put,
	    "change action n's status or due date, or comment on it" },
	[WR_API_RELEASE] = { WM_GET, "/api/v1/inspections/{id}/release", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_release,
	    "the news release by its state (draft or published): title, paragraphs, Markdown" },
	[WR_API_OVERVIEW] = { WM_GET, "/api/v1/overview", WA_TOKEN, WS_OPEN, 0, api_overview,
	    "the national overview of one framework (?framework=CODE), as the page" },
	[WR_API_SURVEYS] = { WM_GET, "/api/v1/inspections/{id}/surveys", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_AGGREGATES, api_surveys,
	    "the surveys with their results (aggregates only, small numbers suppressed)" },
	[WR_API_SURVEY_CREATE] = { WM_POST, "/api/v1/inspections/{id}/surveys", WA_TOKEN,
	    WS_INSPECTION, ACTION_IMPORT_SURVEY, api_survey_create, "create a survey" },
	[WR_API_SURVEY_IMPORT] = { WM_POST, "/api/v1/inspections/{id}/surveys/{name}/responses",
	    WA_TOKEN, WS_INSPECTION, ACTION_IMPORT_SURVEY, api_survey_import,
	    "import a survey's responses (CSV in the body, all or nothing)" },
	[WR_API_SURVEY_COMMENTS] = { WM_GET, "/api/v1/inspections/{id}/surveys/{name}/comments",
	    WA_TOKEN, WS_INSPECTION, ACTION_VIEW_EVIDENCE, api_survey_comments,
	    "a survey's free-text comments with their tags (internal; audited)" },
	[WR_API_SURVEY_COMMENT] = { WM_PUT, "/api/v1/inspections/{id}/surveys/{name}/comments/{n}",
	    WA_TOKEN, WS_INSPECTION, ACTION_ADD_EVIDENCE, api_survey_comment,
	    "tag comment n to indicators and as a strength or an area for improvement" },
	[WR_API_SURVEY] = { WM_GET, "/api/v1/inspections/{id}/surveys/{name}", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_AGGREGATES, api_survey,
	    "one survey's results, overall or by one attribute (?by=ATTRIBUTE), as its page" },
	[WR_API_AUDIT] = { WM_GET, "/api/v1/audit", WA_TOKEN, WS_GLOBAL, ACTION_VIEW_AUDIT,
	    api_audit,
	    "the audit log, newest first, a page at a time (?inspection=, ?before=, ?limit=)" },
	[WR_API_INSPECTION_AUDIT] = { WM_GET, "/api/v1/inspections/{id}/audit", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_AUDIT, api_inspection_audit,
	    "one inspection's audit log, newest first, a page at a time (the lead)" },
	[WR_API_AUDIT_CHECKPOINT] = { WM_POST, "/api/v1/audit/checkpoint", WA_TOKEN, WS_GLOBAL,
	    ACTION_AUDIT_CHECKPOINT, api_audit_checkpoint,
	    "sign a checkpoint of the audit log (administrators)" },
	[WR_SURVEY_INVITED] = { WM_POST, "/inspections/{id}/surveys/{name}/invited", WA_SESSION,
	    WS_INSPECTION, ACTION_IMPORT_SURVEY, page_survey_invited,
	    "record the number of people invited to a survey" },
	[WR_API_SURVEY_INVITED] = { WM_PUT, "/api/v1/inspections/{id}/surveys/{name}/invited",
	    WA_TOKEN, WS_INSPECTION, ACTION_IMPORT_SURVEY, api_survey_invited,
	    "record the number of people invited to a survey" },
	[WR_API_FIELDWORK_CANCEL] = { WM_POST, "/api/v1/inspections/{id}/fieldwork/{n}/cancel",
	    WA_TOKEN, WS_INSPECTION, ACTION_PLAN_FIELDWORK, api_fieldwork_cancel,
	    "cancel a planned activity, with the reason" },
	[WR_API_FIELDWORK_ACTIVITY] = { WM_GET, "/api/v1/inspections/{id}/fieldwork/{n}", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_FIELDWORK, api_fieldwork_activity,
	    "one activity; its evidence and balance for who may see evidence" },
	[WR_API_EVIDENCE_ITEM] = { WM_GET, "/api/v1/inspections/{id}/evidence/{n}", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_EVIDENCE, api_evidence_item,
	    "one evidence item with its history" },
	[WR_API_EVIDENCE_PATCH] = { WM_PATCH, "/api/v1/inspections/{id}/evidence/{n}", WA_TOKEN,
	    WS_INSPECTION, ACTION_UPDATE_OWN_EVIDENCE, api_evidence_patch,
	    "change an evidence item (anyone's for update-evidence, one's own otherwise)" },
	[WR_API_TIMELINE] = { WM_GET, "/api/v1/inspections/{id}/timeline", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_timeline,
	    "the week plan from notification: due, done, overdue (?weeks=, ?holidays=)" },
	[WR_API_FRAMEWORKS] = { WM_GET, "/api/v1/frameworks", WA_TOKEN, WS_OPEN, 0, api_frameworks,
	    "the frameworks stored" },
	[WR_API_FRAMEWORK] = { WM_GET, "/api/v1/frameworks/{code}", WA_TOKEN, WS_OPEN, 0,
	    api_framework, "one framework: its scale, key questions and indicators" },
	[WR_API_TEMPLATES] = { WM_GET, "/api/v1/templates", WA_TOKEN, WS_OPEN, 0, api_templates,
	    "the reading templates stored, by code" },
	[WR_API_TEMPLATE_SHOW] = { WM_GET, "/api/v1/templates/{code}", WA_TOKEN, WS_OPEN, 0,
	    api_template_show, "one reading template: its questions, answers and indicators" },
	[WR_API_PUBLICATIONS] = { WM_GET, "/api/v1/inspections/{id}/publications", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_INSPECTION, api_publications,
	    "the published versions with their frozen files and SHA-256 (under the embargo)" },
	[WR_API_PUBLISHED_FILE] = { WM_GET,
	    "/api/v1/inspections/{id}/publications/{version}/{file}", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_published_file,
	    "download a frozen file of a published version, as stored (audited)" },
	[WR_API_BENCHMARK] = { WM_GET, "/api/v1/inspections/{id}/benchmark", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_EVALUATION, api_benchmark,
	    "each final grade beside the same indicator's grades elsewhere" },
	[WR_DETAILS] = { WM_GET, "/inspections/{id}/details", WA_SESSION, WS_INSPECTION,
	    ACTION_EDIT_INSPECTION, page_details,
	    "the inspection's details: partnership, title, dates, inspectorates, methods", true },
	[WR_DETAILS_SAVE] = { WM_POST, "/inspections/{id}/details", WA_SESSION, WS_INSPECTION,
	    ACTION_EDIT_INSPECTION, page_details_save, "change the inspection's details" },
	[WR_API_ACCURACY_DRAFT] = { WM_GET, "/api/v1/inspections/{id}/accuracy/draft", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_ACCURACY, api_accuracy_draft,
	    "the draft report's passages by section and paragraph, as comments name them" },
	[WR_API_READING_AGENCIES] = { WM_PUT, "/api/v1/inspections/{id}/readings/{ref}/agencies",
	    WA_TOKEN, WS_INSPECTION, ACTION_READ_ASSIGNED_RECORDS, api_reading_agencies,
	    "record whose records were read for an assigned record (its reader)" },
	/* issue 17: the rest of the parity with the command line */
	[WR_API_AUDIT_CHECK] = { WM_POST, "/api/v1/audit/check", WA_TOKEN, WS_GLOBAL,
	    ACTION_VIEW_AUDIT, api_audit_check,
	    "check the audit chain one bounded step further (?full=true: from the first entry)" },
	[WR_API_PUBLISH_CHECK] = { WM_GET, "/api/v1/inspections/{id}/publish/check", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_DRAFT_REPORT, api_publish_check,
	    "run the checks before publication, changing nothing: each failure's reason" },
	[WR_API_SAMPLE_SIZE] = { WM_GET, "/api/v1/inspections/{id}/sample/size", WA_TOKEN,
	    WS_INSPECTION, ACTION_DRAW_SAMPLE, api_sample_size,
	    "the suggested sample size for the population (?margin=, ?confidence=, ...)" },
	[WR_API_READINGS_IMPORT] = { WM_POST, "/api/v1/inspections/{id}/readings", WA_TOKEN,
	    WS_INSPECTION, ACTION_READ_ASSIGNED_RECORDS, api_readings_import,
	    "import readings as a text/csv body (all or nothing; ?submit=true submits them)" },
	/* The page's downloads answer the API too (page_partnership.c: refusals
	 * in JSON when r->api). */
	[WR_API_PARTNERSHIP_LETTER] = { WM_GET,
	    "/api/v1/inspections/{id}/partnership/notifications/{n}/{file}", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_PARTNERSHIP, page_partnership_letter,
	    "download a notification letter (letter.md, letter.html, letter.pdf; audited)" },
	[WR_API_PARTNERSHIP_RETURN_FORM] = { WM_GET,
	    "/api/v1/inspections/{id}/partnership/return/blank.xlsx", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_PARTNERSHIP, page_partnership_return_form,
	    "the blank pre-inspection return (XLSX)" },
	[WR_API_OUTCOME_GAP] = { WM_GET, "/api/v1/inspections/{id}/outcomes/{indicator}", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_AGGREGATES, api_outcome_gap,
	    "one indicator's outcome gap for the partnership's area (as the outcomes page)" },
	[WR_API_RELEASE_CHECK] = { WM_POST, "/api/v1/inspections/{id}/release/check", WA_TOKEN,
	    WS_INSPECTION, ACTION_VIEW_EVALUATION, api_release_check,
	    "check a news release's text (text/plain or {\"text\"}) against the stored grades" },
	[WR_RELEASE_CHECK_FORM] = { WM_GET, "/inspections/{id}/release/check", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_EVALUATION, page_release_check_form,
	    "the form to check a news release written elsewhere against the stored grades" },
	[WR_RELEASE_CHECK] = { WM_POST, "/inspections/{id}/release/check", WA_SESSION,
	    WS_INSPECTION, ACTION_VIEW_EVALUATION, page_release_check,
	    "check a pasted or uploaded news release against the stored grades" },
	[WR_API_CONTEXT] = { WM_GET, "/api/v1/inspections/{id}/context", WA_TOKEN, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, api_context,
	    "the open-data context of the partnership's area (the report's context chapter)" },
	[WR_CONTEXT] = { WM_GET, "/inspections/{id}/context", WA_SESSION, WS_INSPECTION,
	    ACTION_VIEW_INSPECTION, page_context,
	    "the open-data context of the partnership's area (the report's context chapter)" },
};

_Static_assert(sizeof(web_routes) / sizeof(web_routes[0]) == WR__MAX, "one row per route");

json_t *
web_routes_json(void)
{
	static const char *const
	    auth[] = { [WA_PUBLIC] = "public", [WA_SESSION] = "session", [WA_TOKEN] = "token" };
	json_t *a = json_array();

	for (size_t i = 0; i < WR__MAX; i++) {
		const struct api_schema *body = api_route_schema((enum web_route)i);
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "method",
		    web_method_name[web_routes[i].method], "path", web_routes[i].pattern, "auth",
		    auth[web_routes[i].auth], "summary", web_routes[i].summary);

		if (web_routes[i].scope == WS_INSPECTION || web_routes[i].scope == WS_GLOBAL) {
			json_object_set_new(o, "action",
			    json_string(action_table[web_routes[i].action].code));
			json_object_set_new(o, "on",
			    json_string(
			        web_routes[i].scope == WS_INSPECTION ? "inspection" : "none"));
		}
		if (body != NULL)
			json_object_set_new(o, "body", api_schema_json(body));
		json_array_append_new(a, o);
	}
	return a;
}

bool
web_route_match(const char *pattern, const char *path, struct web_req *r)
{
	const char *p = pattern, *s = path;

	assert(pattern != NULL && path != NULL && r != NULL);
	r->nargs = 0;
	while (*p != '\0') {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			bool rest = p[1] == '*';
			size_t n = 0;
			char *arg;

			if (close == NULL || r->nargs == WEB_ARGS_MAX)
				goto fail;
			while (s[n] != '\0' && (rest || s[n] != '/'))
				n++;
			if (n == 0 || (arg = form_decode(s, n, false)) == NULL)
				goto fail;
			r->args[r->nargs++] = arg;
			s += n;
			p = close + 1;
			continue;
		}
		if (*p != *s)
			goto fail;
		p++;
		s++;
	}
	if (*s == '\0')
		return true;
fail:
	for (size_t i = 0; i < r->nargs; i++)
		free(r->args[i]);
	r->nargs = 0;
	return false;
}

/* Returns true if r may change state as far as the browser's own signals
 * say: not a cross-site request, and an Origin (when sent) that is this
 * server's. */
static bool
same_origin(const struct web_req *r)
{
	const char *o = r->origin, *hostpart;

	if (r->fetch_site != NULL && strcmp(r->fetch_site, "same-origin") != 0 &&
	    strcmp(r->fetch_site, "none") != 0)
		return false;
	if (o == NULL)
		return true;
	if (strncmp(o, "https://", 8) == 0)
		hostpart = o + 8;
	else if (strncmp(o, "http://", 7) == 0)
		hostpart = o + 7;
	else
		return false; /* "null" and anything else */
	return r->host != NULL && strcmp(hostpart, r->host) == 0;
}

/* Returns true if next is a safe place to go back to after signing in:
 * a local path, not "//host". */
static bool
local_path(const char *next)
{
	return next != NULL && next[0] == '/' && next[1] != '/' && next[1] != '\\' &&
	    strlen(next) < 512 && html_url_safe(next);
}

/* Sends a person who is not signed in to the sign-in page. */
static void
to_signin(struct web_req *r, struct web_resp *w)
{
	struct buf loc = BUF_INIT;

	buf_puts(&loc, "/signin");
	if (r->method == WM_GET && local_path(r->path) && strcmp(r->path, "/") != 0) {
		buf_puts(&loc, "?next=");
		for (const char *p = r->path; *p; p++) {
			unsigned char c = (unsigned char)*p;

			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '-' || c == '_')
				buf_putc(&loc, (char)c);
			else
				buf_printf(&loc, "%%%02X", c);
		}
	}
	web_redirect(w, buf_str(&loc));
	buf_free(&loc);
}

/* Authenticates an API request from "Authorization: Bearer TOKEN". */
static bool
api_auth(struct web_req *r)
{
	const char *a = r->authorization;

	if (a == NULL || strncmp(a, "Bearer ", 7) != 0)
		return false;
	if (!app_token_find(r->st, a + 7, &r->api_account))
		return false;
	r->api = true;
	r->actor = actor_account(r->api_account.username, r->api_account.admin, r->address);
	return true;
}

/* Checks the session cookie: from the worker's cache when it holds the
 * session unchanged, else from the database (then cached).  Fills
 * r->sess and returns true for a valid session. */
static bool
session_check(struct web_req *r)
{
	if (r->cache != NULL &&
	    web_cache_session_get(r->cache, r->cookie_session, &r->cfg->limits,
	        (long long)time(NULL), &r->sess))
		return true;
	if (!app_session_find(r->st, r->cookie_session, &r->cfg->limits, &r->sess))
		return false;
	if (r->cache != NULL)
		web_cache_session_put(r->cache, &r->sess);
	return true;
}

/* Returns the cache key of a page request (malloc'd): the session, the
 * path and every query parameter, each preceded by its length so that no
 * two requests share a key. */
static char *
page_key(const struct web_req *r)
{
	struct buf k = BUF_INIT;

	buf_puts(&k, r->sess.id_hash);
	buf_printf(&k, "%zu:%s", strlen(r->path), r->path);
	for (size_t i = 0; i < r->nquery; i++)
		buf_printf(&k, "%zu:%s%zu:%s", strlen(r->query[i].name), r->query[i].name,
		    strlen(r->query[i].value), r->query[i].value);
	return buf_take(&k);
}

/* Runs a handler that writes nothing inside one read transaction (unless
 * the request already runs in one, see cached_page): one snapshot for the
 * whole page, and the database locks taken once rather than once per
 * statement. */
static void
read_only(const struct web_route_info *route, struct web_req *r, struct web_resp *w)
{
	bool txn = r->st != NULL && !app_db_in_transaction(r->st) &&
	    app_db_read_begin(r->st, NULL) == CAIRN_OK;

	route->fn(r, w);
	if (txn)
		app_db_read_end(r->st);
}

/* Asks the role table whether the person may do the route's action (on
 * the inspection {id} for WS_INSPECTION, a 404 when it is not a number),
 * filling r->insp and r->role; false with the refusal written otherwise. */
static bool
route_allowed(const struct web_route_info *route, struct web_req *r, struct web_resp *w)
{
	long id = 0;

	assert(route != NULL && (unsigned)route->action < ACTION__MAX);
	r->insp = 0;
	switch (route->scope) {
	case WS_OPEN: return true;
	case WS_GLOBAL: return web_allow(r, w, 0, route->action, &r->role);
	case WS_INSPECTION:
		if (!web_path_id(r, w, &id) || !web_allow(r, w, id, route->action, &r->role))
			return false;
		r->insp = id;
		return true;
	case WS_UNSET:
	case WS__MAX: break;
	}
	fprintf(stderr, "cairn serve: route %s %s names no access rule\n",
	    web_method_name[route->method], route->pattern);
	if (r->api)
		web_json_error(w, 500, "the request could not be checked", NULL);
	else
		web_error_page(r, w, 500, "Sorry, there is a problem",
		    "Something went wrong on the server. Nothing was changed. Try again.");
	return false;
}

/* Handles a request whose route has been looked up (NULL: none matches);
 * path_known says whether the path matched another method's route.  With
 * build false a cacheable page is only taken from the cache: returns false,
 * having written nothing to w, when it is not there; true otherwise. */
static bool dispatch(const struct web_route_info *route, bool path_known, struct web_req *r,
    struct web_resp *w, bool build);

/* Undoes what an unanswered cached_page() set in r (its route's
 * parameters, the session, the actor), so that r is as server.c made it. */
static void
req_undo(struct web_req *r)
{
	for (size_t i = 0; i < r->nargs; i++)
		free(r->args[i]);
	r->nargs = 0;
	session_free(&r->sess);
	memset(&r->sess, 0, sizeof(r->sess));
	free(r->page_key);
	r->page_key = NULL;
	r->signed_in = false;
	r->actor = actor_account("anonymous", false, r->address);
	r->insp = 0;
	r->role = ROLE_ADMIN;
}

/*
 * A signed-in GET of a page the worker may cache, whose session the worker
 * holds: the generation check, the role check and the page (from the cache
 * or, if build, built) all run in one read transaction, so that the
 * database's locks are taken once per request instead of once per
 * statement (issue 22: the fcntl() locks of each statement's own
 * transaction, on one inode shared by every worker, were a tenth of the
 * server's time at 64 connections).  Returns false, having done nothing,
 * for any other request, and (build false) for a page not in the cache.
 */
static bool
cached_page(const struct web_route_info *route, struct web_req *r, struct web_resp *w, bool build)
{
	bool answered;

	if (route == NULL || !route->cache || r->method != WM_GET || r->cache == NULL ||
	    r->st == NULL || r->cookie_session == NULL ||
	    app_db_read_begin(r->st, NULL) != CAIRN_OK)
		return false;
	web_cache_sync(r->cache, r->st);
	if (!web_cache_session_get(r->cache, r->cookie_session, &r->cfg->limits,
	        (long long)time(NULL), &r->sess)) {
		/* Finding the session in the database may write (it is touched, or
		 * removed when expired): done outside this transaction, as before. */
		app_db_read_end(r->st);
		return false;
	}
	r->signed_in = true;
	r->actor = actor_account(r->sess.who.username, r->sess.who.admin, r->address);
	/* Only from the cache: a page it does not hold goes to a page worker
	 * before any role check is asked here. */
	r->page_key = page_key(r);
	if (!build && !web_cache_page_has(r->cache, r->page_key)) {
		app_db_read_end(r->st);
		req_undo(r);
		return false;
	}
	r->cache_snapshot = true;
	answered = dispatch(route, true, r, w, build);
	r->cache_snapshot = false;
	app_db_read_end(r->st);
	if (!answered)
		req_undo(r);
	return answered;
}

/* Returns the route of r's method and path, its parameters in r->args, or
 * NULL; *path_known says whether the path matched another method's. */
static const struct web_route_info *
route_find(struct web_req *r, bool *path_known)
{
	*path_known = false;
	for (size_t i = 0; i < WR__MAX; i++) {
		if (!web_route_match(web_routes[i].pattern, r->path, r))
			continue;
		*path_known = true;
		if (web_routes[i].method == r->method)
			return &web_routes[i];
		for (size_t j = 0; j < r->nargs; j++)
			free(r->args[j]);
		r->nargs = 0;
	}
	return NULL;
}

bool
web_dispatch_cached(struct web_req *r, struct web_resp *w)
{
	bool path_known;
	const struct web_route_info *route = route_find(r, &path_known);

	if (cached_page(route, r, w, false))
		return true;
	for (size_t i = 0; i < r->nargs; i++)
		free(r->args[i]);
	r->nargs = 0;
	return false;
}

void
web_dispatch(struct web_req *r, struct web_resp *w)
{
	bool path_known;
	const struct web_route_info *route;

	assert(r != NULL && w != NULL && r->path != NULL);
	route = route_find(r, &path_known);
	if (cached_page(route, r, w, true))
		return;
	if (r->cache != NULL && r->st != NULL)
		web_cache_sync(r->cache, r->st);
	if (r->cookie_session != NULL && session_check(r)) {
		r->signed_in = true;
		r->actor = actor_account(r->sess.who.username, r->sess.who.admin, r->address);
	}
	(void)dispatch(route, path_known, r, w, true);
}

static bool
dispatch(const struct web_route_info *route, bool path_known, struct web_req *r, struct web_resp *w,
    bool build)
{
	if (route == NULL) {
		bool api = strncmp(r->path, "/api/", 5) == 0;

		if (api)
			web_json_error(w, path_known ? 405 : 404,
			    path_known ? "method not allowed" : "no such resource", NULL);
		else
			web_error_page(r, w, path_known ? 405 : 404,
			    path_known ? "Method not allowed" : "Page not found",
			    path_known ? "This address does not accept that kind "
			                 "of request."
			               : "There is no page at this address.");
		return true;
	}
	switch (route->auth) {
	case WA_PUBLIC: break;
	case WA_SESSION:
		if (!r->signed_in) {
			to_signin(r, w);
			return true;
		}
		break;
	case WA_TOKEN:
		if (!api_auth(r)) {
			web_json_error(w, 401,
			    "an API token is required: send 'Authorization: Bearer "
			    "TOKEN' (an administrator makes one for your account)",
			    NULL);
			return true;
		}
		break;
	}
	if (r->method != WM_GET) {
		if (!same_origin(r)) {
			if (route->auth == WA_TOKEN)
				web_json_error(w, 403, "cross-site request refused", NULL);
			else
				web_error_page(r, w, 403, "Request refused",
				    "This form was sent from "
				    "another site, so it was not accepted.");
			return true;
		}
		if (route->auth == WA_SESSION && !app_csrf_ok(&r->sess, web_form(r, "csrf"))) {
			web_error_page(r, w, 403, "This form has expired",
			    "The form was out of date or "
			    "incomplete, so nothing was changed. Go back, reload the page and try "
			    "again.");
			return true;
		}
	}
	if (!route_allowed(route, r, w))
		return true;
	if (route->cache && r->signed_in && r->method == WM_GET) {
		/* The key stays in r: a connection thread keeps the page too
		 * (web_cache_adopt). */
		if (r->page_key == NULL)
			r->page_key = page_key(r);
		if (r->cache != NULL && web_cache_page_get(r->cache, r->page_key, w))
			return true;
		if (!build)
			return false;
		read_only(route, r, w);
		if (r->cache != NULL)
			web_cache_page_put(r->cache, r->page_key, w);
		return true;
	}
	route->fn(r, w);
	return true;
}
