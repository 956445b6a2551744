/*
 * Unit tests for core/audit's action labels (issue 17, "labels, not
 * codes"): known codes read as plain words, an unknown code reads as
 * itself, and every action code written in src/ (the calls of
 * audit_record and of the functions that pass their action on to it) is
 * in the table, so that the table stays complete as actions are added.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/audit.h"

/* The functions whose calls name an audit action in a string literal. */
static const char *const writers[] = {
	"audit_record(",
	"app_audit_event(",
	"app_reading_viewed(",
	"commit_with_audit(",
	"finding_finish(",
	"save(st,",
	"record(st,",
	"web_view_audited(",
};

/* Action codes made at run time from a table (app/records/concern.c's
 * "concern.%s" with its steps' verbs). */
static const char *const built[] = {
	"concern.raise",
	"concern.decide",
	"concern.pass",
	"concern.respond",
	"concern.close",
};

static void
test_known_and_unknown(void **state)
{
	(void)state;
	assert_string_equal(audit_action_label("account.add"), "Account added");
	assert_string_equal(audit_action_label("team.add"), "Added to the team");
	assert_string_equal(audit_action_label("no.such.action"), "no.such.action");
	assert_null(audit_action_label_known("no.such.action"));
	assert_null(audit_action_label(NULL));
}

/* Reads a whole file; NULL when it cannot. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = calloc((size_t)n + 1, 1);
	if (text != NULL && fread(text, 1, (size_t)n, f) != (size_t)n) {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

/* True when s (length n) looks like an action code: lower-case words
 * joined by dots (or a single word, for the first argument position). */
static int
action_like(const char *s, size_t n, int need_dot)
{
	int dot = 0;

	if (n == 0 || !islower((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.')
			dot = 1;
		else if (!islower((unsigned char)s[i]) && s[i] != '-')
			return 0;
	}
	return dot || !need_dot;
}

/* Checks the action literals of every writer call in text; counts them. */
static void
check_text(const char *path, const char *text, int *found, int *missing)
{
	for (size_t w = 0; w < sizeof(writers) / sizeof(writers[0]); w++) {
		const char *p = text;

		while ((p = strstr(p, writers[w])) != NULL) {
			const char *q = p + strlen(writers[w]);
			int depth = 1, arg = 0;

			if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) {
				p = q;
				continue;
			}
			for (; *q != '\0' && depth > 0; q++) {
				if (*q == '(')
					depth++;
				else if (*q == ')')
					depth--;
				else if (*q == ',' && depth == 1)
					arg++;
				else if (*q == '"') {
					const char *e = strchr(q + 1, '"');
					char code[128];
					size_t n;

					if (e == NULL)
						break;
					n = (size_t)(e - q - 1);
					/* audit_record's action is its third argument */
					if (n < sizeof(code) &&
					    action_like(q + 1, n, !(w == 0 && arg == 2))) {
						memcpy(code, q + 1, n);
						code[n] = '\0';
						(*found)++;
						if (audit_action_label_known(code) == NULL) {
							print_error("%s: action \"%s\" has no "
							            "label\n",
							    path, code);
							(*missing)++;
						}
					}
					q = e;
				}
			}
			p = q;
		}
	}
}

/* Walks dir for .c files and checks each. */
static void
walk(const char *dir, int *found, int *missing)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		char path[1024];
		struct stat sb;
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode))
			walk(path, found, missing);
		else if (n > 2 && strcmp(de->d_name + n - 2, ".c") == 0 &&
		    strcmp(de->d_name, "audit.c") != 0) {
			char *text = slurp(path);

			assert_non_null(text);
			check_text(path, text, found, missing);
			free(text);
		}
	}
	closedir(d);
}

static void
test_every_written_action_has_a_label(void **state)
{
	const char *srcdir = getenv("CAIRN_SRCDIR");
	char src[1024];
	int found = 0, missing = 0;

	(void)state;
	assert_non_null(srcdir);
	snprintf(src, sizeof(src), "%s/src", srcdir);
	walk(src, &found, &missing);
	for (size_t i = 0; i < sizeof(built) / sizeof(built[0]); i++)
		assert_non_null(audit_action_label_known(built[i]));
	/* the scan finds the calls (about a hundred codes today) */
	assert_true(found > 80);
	assert_int_equal(missing, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_and_unknown),
		cmocka_unit_test(test_every_written_action_has_a_label),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
