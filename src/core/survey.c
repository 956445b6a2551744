/* The vocabulary of surveys: see survey.h. */
#include "core/survey.h"

#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/text.h"

const struct survey_kind_info survey_kind_table[SURVEY_KIND__MAX] = {
	[SURVEY_STAFF] = { "staff", "Staff" },
	[SURVEY_CYP] = { "cyp", "Children and young people" },
	[SURVEY_PARENTS] = { "parents", "Parents and carers" },
};
_Static_assert(sizeof(survey_kind_table) / sizeof(survey_kind_table[0]) == SURVEY_KIND__MAX,
    "survey_kind_table: one entry per value");

int
survey_kind_parse(const char *code)
{
	for (int k = 0; k < SURVEY_KIND__MAX; k++)
		if (code != NULL && strcmp(survey_kind_table[k].code, code) == 0)
			return k;
	return -1;
}

void
survey_scale_free(struct survey_scale *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nlevels && s->levels != NULL; i++) {
		free(s->levels[i].label);
		strv_free(s->levels[i].aliases, s->levels[i].naliases);
	}
	free(s->levels);
	free(s->code);
	free(s->name);
	memset(s, 0, sizeof(*s));
}

void
survey_statement_free(struct survey_statement *s)
{
	if (s == NULL)
		return;
	free(s->code);
	free(s->text);
	strv_free(s->qis, s->nqis);
	memset(s, 0, sizeof(*s));
}

void
survey_free(struct survey *s)
{
	if (s == NULL)
		return;
	free(s->name);
	survey_scale_free(&s->scale);
	for (size_t i = 0; i < s->nstatements && s->statements != NULL; i++)
		survey_statement_free(&s->statements[i]);
	free(s->statements);
	strv_free(s->attributes, s->nattributes);
	memset(s, 0, sizeof(*s));
}

void
surveys_free(struct survey *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++)
		survey_free(&v[i]);
	free(v);
}

void
survey_comments_free(struct survey_comment *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].respondent);
		free(v[i].question);
		free(v[i].text);
		strv_free(v[i].qis, v[i].nqis);
	}
	free(v);
}

/* Returns true if a equals the n bytes at b, ignoring ASCII case. */
static bool
same_word(const char *a, const char *b, size_t n)
{
	if (strlen(a) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

int
survey_scale_match(const struct survey_scale *s, const char *text)
{
	const char *b = text, *e;

	if (text == NULL)
		return -1;
	while (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n')
		b++;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	for (size_t i = 0; i < s->nlevels; i++) {
		const struct survey_level *l = &s->levels[i];

		if (same_word(l->label, b, (size_t)(e - b)))
			return (int)i;
		for (size_t k = 0; k < l->naliases; k++)
			if (same_word(l->aliases[k], b, (size_t)(e - b)))
				return (int)i;
	}
	return -1;
}

int
survey_scale_dont_know(const struct survey_scale *s)
{
	for (size_t i = 0; i < s->nlevels; i++)
		if (s->levels[i].dont_know)
			return (int)i;
	return -1;
}

int
survey_statement_find(const struct survey *s, const char *code)
{
	for (size_t i = 0; i < s->nstatements; i++)
		if (strcmp(s->statements[i].code, code) == 0)
			return (int)i;
	return -1;
}

int
survey_attribute_find(const struct survey *s, const char *name)
{
	for (size_t i = 0; i < s->nattributes; i++)
		if (text_casecmp(s->attributes[i], name) == 0)
			return (int)i;
	return -1;
}
