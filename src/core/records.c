/* The row types of core/records.h: their free functions and code tables. */
#include "core/records.h"

#include <stdlib.h>
#include <string.h>

#include "core/model.h"

void
population_info_free(struct population_info *p)
{
	free(p->source);
	free(p->checksum);
	strv_free(p->columns, p->ncolumns);
	memset(p, 0, sizeof(*p));
}

void
sample_info_free(struct sample_info *s)
{
	free(s->strata);
	free(s->generator);
	free(s->population_checksum);
	memset(s, 0, sizeof(*s));
}

void
sample_strata_free(struct sample_stratum *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i].key);
	free(v);
}

const char *const sample_status_code[SAMPLE__MAX] = {
	[SAMPLE_SELECTED] = "selected",
	[SAMPLE_RESERVE] = "reserve",
	[SAMPLE_REPLACED] = "replaced",
};
_Static_assert(sizeof(sample_status_code) / sizeof(sample_status_code[0]) == SAMPLE__MAX,
    "sample_status_code: one entry per value");
const char *const sample_status_label[SAMPLE__MAX] = {
	[SAMPLE_SELECTED] = "Selected",
	[SAMPLE_RESERVE] = "Reserve",
	[SAMPLE_REPLACED] = "Replaced",
};
_Static_assert(sizeof(sample_status_label) / sizeof(sample_status_label[0]) == SAMPLE__MAX,
    "sample_status_label: one entry per value");

void
sample_members_free(struct sample_member *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].ref);
		free(v[i].replace_reason);
		free(v[i].replaced_by);
	}
	free(v);
}

const char *const reader_kind_code[READER__MAX] = {
	[READER_INSPECTOR] = "inspector",
	[READER_LOCAL] = "local",
};
_Static_assert(sizeof(reader_kind_code) / sizeof(reader_kind_code[0]) == READER__MAX,
    "reader_kind_code: one entry per value");

void
readers_free(struct reader *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].name);
		free(v[i].agency);
	}
	free(v);
}

void
readings_free(struct reading *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i].agencies);
	free(v);
}

void
reading_answers_free(struct reading_answer *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].item);
		free(v[i].agency);
		free(v[i].answer);
		free(v[i].note);
	}
	free(v);
}

void
answer_changes_free(struct answer_change *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].item);
		free(v[i].agency);
		free(v[i].old_answer);
		free(v[i].new_answer);
		free(v[i].reason);
		free(v[i].actor);
	}
	free(v);
}

void
resolutions_free(struct resolution *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].item);
		free(v[i].agency);
		free(v[i].answer);
		free(v[i].note);
	}
	free(v);
}
