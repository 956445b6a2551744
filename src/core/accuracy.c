/* Factual accuracy and the embargo: see accuracy.h. */
#include "core/accuracy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"

const struct accuracy_response_info accuracy_response_table[ACCURACY_RESPONSE__MAX] = {
	[ACCURACY_OPEN] = { "open", "Awaiting an answer" },
	[ACCURACY_ACCEPTED] = { "accepted", "Accepted" },
	[ACCURACY_NOT_ACCEPTED] = { "not-accepted", "Not accepted" },
};
_Static_assert(sizeof(accuracy_response_table) / sizeof(accuracy_response_table[0]) ==
        ACCURACY_RESPONSE__MAX,
    "a row for every response");

int
accuracy_response_parse(const char *s)
{
	for (int i = 0; s != NULL && i < ACCURACY_RESPONSE__MAX; i++)
		if (strcmp(s, accuracy_response_table[i].code) == 0)
			return i;
	return -1;
}

void
accuracy_comment_free(struct accuracy_comment *c)
{
	if (c == NULL)
		return;
	free(c->section);
	free(c->passage);
	free(c->comment);
	free(c->made_by);
	free(c->before);
	free(c->after);
	free(c->reason);
	free(c->responded_by);
	memset(c, 0, sizeof(*c));
}

void
accuracy_comments_free(struct accuracy_comment *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		accuracy_comment_free(&v[i]);
	free(v);
}

void
embargo_free(struct embargo *e)
{
	if (e == NULL)
		return;
	free(e->media_contact);
	free(e->set_by);
	memset(e, 0, sizeof(*e));
}

bool
embargo_lifted(const struct embargo *e, long long now)
{
	return e == NULL || !e->set || now >= e->lifts_at;
}

void
embargo_line(const struct embargo *e, char *out, size_t outsz)
{
	char when[48];

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (e == NULL || !e->set)
		return;
	clock_uk_text(e->lifts_at, when, sizeof(when));
	snprintf(out, outsz, "Embargoed until %s", when);
}
