/* The row types of core/review.h: their free functions and code tables. */
#include "core/review.h"

#include <stdlib.h>
#include <string.h>

const char *const review_further_code[FURTHER__MAX] = {
	[FURTHER_UNDECIDED] = "",
	[FURTHER_NEEDED] = "needed",
	[FURTHER_NOT_NEEDED] = "not-needed",
};
_Static_assert(sizeof(review_further_code) / sizeof(review_further_code[0]) == FURTHER__MAX,
    "review_further_code: one entry per value");

void
review_free(struct review *r)
{
	if (r == NULL)
		return;
	free(r->decision_text);
	memset(r, 0, sizeof(*r));
}

void
reviews_free(struct review *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++)
		review_free(&v[i]);
	free(v);
}

void
review_progress_free(struct review_progress *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].judgement);
		free(v[i].text);
		free(v[i].evidence);
	}
	free(v);
}

void
review_grades_free(struct review_grade *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].qi);
		free(v[i].rationale);
	}
	free(v);
}
