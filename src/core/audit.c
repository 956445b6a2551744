/*
 * The audit log's actions in plain words (issue 17, "labels, not codes"):
 * one table, indexed by the action codes that audit_record() writes, so
 * that every page shows "Account added" where the log holds "account.add".
 * The exports (CSV, JSON) keep the codes.  tests/unit/test_auditlabel.c
 * checks that every action code written in src/ is in the table.
 */
#include "core/audit.h"

#include <stddef.h>
#include <string.h>

/* Action code -> plain words, sorted by code (audit_action_label searches it). */
static const struct {
	const char *code;
	const char *label;
} audit_action_table[] = {
	{ "account.add", "Account added" },
	{ "account.admin", "Made an administrator" },
	{ "account.disable", "Account disabled" },
	{ "account.enable", "Account enabled" },
	{ "account.name", "Name changed" },
	{ "account.passwd", "Password changed" },
	{ "account.unadmin", "No longer an administrator" },
	{ "accuracy.comment", "Factual accuracy comment recorded" },
	{ "accuracy.export", "Factual accuracy draft exported" },
	{ "accuracy.respond", "Factual accuracy comment answered" },
	{ "action.add", "Action plan action added" },
	{ "action.agree", "Action plan agreed" },
	{ "action.update", "Action plan action updated" },
	{ "audit.checkpoint", "Audit log checkpoint signed" },
	{ "audit.checkpoint.failed", "Audit log checkpoint failed" },
	{ "concern.close", "Concern closed" },
	{ "concern.decide", "Concern decision recorded" },
	{ "concern.pass", "Concern passed on" },
	{ "concern.raise", "Concern raised" },
	{ "concern.respond", "Concern response recorded" },
	{ "concern.view", "Concern viewed" },
	{ "confidence.set", "Confidence statement set" },
	{ "embargo.set", "Embargo set" },
	{ "evidence.add", "Evidence added" },
	{ "evidence.file.download", "Evidence file downloaded" },
	{ "evidence.reinstate", "Evidence reinstated" },
	{ "evidence.update", "Evidence changed" },
	{ "evidence.withdraw", "Evidence withdrawn" },
	{ "fieldwork.add", "Fieldwork planned" },
	{ "fieldwork.cancel", "Fieldwork cancelled" },
	{ "fieldwork.record", "Fieldwork recorded" },
	{ "finding.add", "Finding added" },
	{ "finding.move", "Finding moved" },
	{ "finding.remove", "Finding removed" },
	{ "finding.update", "Finding changed" },
	{ "framework.import", "Framework imported" },
	{ "grade.set", "Grade set" },
	{ "history.import", "History imported" },
	{ "inspection.create", "Inspection created" },
	{ "inspection.update", "Inspection details changed" },
	{ "model.import", "Model imported" },
	{ "model.load", "Model loaded" },
	{ "outcome.import", "Outcomes imported" },
	{ "overview.export", "National overview exported" },
	{ "panel.progress-review", "Progress review sent to the panel" },
	{ "panel.review", "Panel review recorded" },
	{ "panel.signoff", "Panel signed off" },
	{ "panel.signoff.void", "Panel sign-off voided" },
	{ "panel.view", "Panel review viewed" },
	{ "partnership.claim", "Partnership account claimed" },
	{ "partnership.claim.test", "Partnership claim link tested" },
	{ "partnership.contact", "Partnership contact set" },
	{ "partnership.document", "Partnership document added" },
	{ "partnership.document.download", "Partnership document downloaded" },
	{ "partnership.notify", "Partnership notified" },
	{ "partnership.notify.download", "Partnership notification downloaded" },
	{ "partnership.return", "Partnership return recorded" },
	{ "partnership.statement", "Partnership statement recorded" },
	{ "population.check", "Population checked" },
	{ "population.import", "Population uploaded" },
	{ "publication.setting", "Report setting changed" },
	{ "publication.settings", "Report settings changed" },
	{ "purge.child-level", "Child-level data purged" },
	{ "reader.add", "Reader added" },
	{ "reader.assign", "Readers paired" },
	{ "reader.plan.view", "Reader pairs viewed" },
	{ "reader.reassign", "Records reassigned" },
	{ "reader.remove", "Reader removed" },
	{ "reading.agencies", "Reading agencies set" },
	{ "reading.answer", "Reading answer saved" },
	{ "reading.compare.view", "Reading comparison viewed" },
	{ "reading.correct", "Reading corrected" },
	{ "reading.import", "Readings imported" },
	{ "reading.list", "Records to read listed" },
	{ "reading.resolve", "Reading difference resolved" },
	{ "reading.submit", "Reading submitted" },
	{ "reading.view", "Reading viewed" },
	{ "release.text", "News release text set" },
	{ "report.download", "Report downloaded" },
	{ "report.export", "Report exported" },
	{ "report.publish", "Report published" },
	{ "report.supersede", "Report superseded" },
	{ "retention.set", "Retention set" },
	{ "review.create", "Progress review created" },
	{ "review.decide", "Progress review decision recorded" },
	{ "review.grade", "Progress review judgement recorded" },
	{ "review.progress", "Progress recorded" },
	{ "sample.draw", "Sample drawn" },
	{ "sample.export", "Sample exported" },
	{ "sample.replace", "Sample record replaced" },
	{ "sample.view", "Sample viewed" },
	{ "signin", "Signed in" },
	{ "signin.fail", "Sign-in failed" },
	{ "signin.throttled", "Sign-in refused: too many attempts" },
	{ "signout", "Signed out" },
	{ "stage.move", "Stage moved" },
	{ "survey.comment.tag", "Survey comment tagged" },
	{ "survey.comments.view", "Survey comments viewed" },
	{ "survey.create", "Survey created" },
	{ "survey.import", "Survey responses imported" },
	{ "survey.invited", "Survey invitations recorded" },
	{ "team.add", "Added to the team" },
	{ "team.remove", "Removed from the team" },
	{ "template.import", "Template imported" },
	{ "template.use", "Template chosen" },
	{ "token.create", "API token created" },
	{ "token.revoke", "API token revoked" },
};

const char *
audit_action_label_known(const char *code)
{
	size_t lo = 0, hi = sizeof(audit_action_table) / sizeof(audit_action_table[0]);

	if (code == NULL)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(code, audit_action_table[mid].code);

		if (c == 0)
			return audit_action_table[mid].label;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *
audit_action_label(const char *code)
{
	const char *label = audit_action_label_known(code);

	return label != NULL ? label : code;
}
