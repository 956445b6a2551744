/* The row types of core/work.h: their free functions and code tables. */
#include "core/work.h"

#include <stdlib.h>
#include <string.h>

#include "core/model.h"

void
team_members_free(struct team_member *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].person);
		free(v[i].role);
		free(v[i].agency);
		free(v[i].added_by);
	}
	free(v);
}

void
stage_moves_free(struct stage_move *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++)
		free(v[i].moved_by);
	free(v);
}

void
panel_reviews_free(struct panel_review *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].qi);
		free(v[i].reason);
		free(v[i].reviewer);
	}
	free(v);
}

void
panel_signoffs_free(struct panel_signoff *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].signed_by);
		free(v[i].voided_by);
		free(v[i].void_reason);
	}
	free(v);
}

void
progress_need_free(struct progress_need *p)
{
	if (p == NULL)
		return;
	free(p->focus);
	free(p->actor);
	memset(p, 0, sizeof(*p));
}

void
grade_events_free(struct grade_event *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].qi);
		free(v[i].rationale);
		free(v[i].evidence);
		free(v[i].actor);
	}
	free(v);
}

void
held_grades_free(struct held_grade *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].partnership);
		free(v[i].qi);
	}
	free(v);
}

void
evidence_item_free(struct evidence_item *e)
{
	if (e == NULL)
		return;
	free(e->source);
	free(e->text);
	free(e->participants);
	free(e->recorded_by);
	free(e->file_name);
	free(e->withdrawn_by);
	free(e->withdrawn_reason);
	strv_free(e->qis, e->nqis);
	memset(e, 0, sizeof(*e));
}

void
evidence_items_free(struct evidence_item *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++)
		evidence_item_free(&v[i]);
	free(v);
}

void
evidence_changes_free(struct evidence_change *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].actor);
		free(v[i].field);
		free(v[i].old_value);
		free(v[i].new_value);
	}
	free(v);
}
