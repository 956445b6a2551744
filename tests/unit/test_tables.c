/* Unit tests for the tables indexed by an enum (issue 16): every value of
 * the enum has an entry, none of them empty.  The tables' sizes are checked
 * at compile time (_Static_assert beside each); a value left out of a
 * designated initialiser would be a NULL here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/access/role.h"
#include "app/evaluation/evidence.h"
#include "app/followup/review.h"
#include "app/outcomes/outcome.h"
#include "app/publication/disclose.h"
#include "app/publication/publish.h"
#include "app/publication/report_model.h"
#include "app/records/template.h"
#include "app/setup/stage.h"
#include "core/err.h"
#include "core/model.h"
#include "core/survey.h"
#include "render/doc.h"
#include "render/html.h"
#include "stats/agreement.h"
#include "stats/inequality.h"
#include "stats/proportion.h"
#include "stats/rate.h"
#include "stats/sampling.h"
#include "stats/survey_summary.h"
#include "core/plan.h"
#include "core/records.h"
#include "core/review.h"
#include "web/apibody.h"
#include "web/form.h"
#include "web/http.h"
#include "web/pages.h"

/* One table of strings: its name (for the message), entries and size. */
struct str_table {
	const char *name;
	const char *const *v;
	size_t n;
	int blank; /* the one entry that is "" on purpose (a stored "none"), or -1 */
};

/* clang-format off */
#define STR_TABLE(t, max) { #t, t, max, -1 }
#define STR_TABLE_BLANK(t, max, b) { #t, t, max, b }
/* clang-format on */

static const struct str_table str_tables[] = {
	STR_TABLE(stats_round_name, STATS_ROUND__MAX),
	STR_TABLE(stats_divisor_name, STATS_DIV__MAX),
	STR_TABLE(stats_ci_method_name, STATS_CI__MAX),
	STR_TABLE(survey_suppress_code, SURVEY_SUPPRESS__MAX),
	STR_TABLE(stats_weights_name, STATS_W__MAX),
	STR_TABLE(stats_levels_name, STATS_LEVELS__MAX),
	STR_TABLE(stats_boot_draw_name, STATS_BOOT__MAX),
	STR_TABLE(stats_metric_name, STATS_METRIC__MAX),
	STR_TABLE(stats_scale_name, STATS_SCALE__MAX),
	STR_TABLE(stats_trend_verdict_name, STATS_TREND__MAX),
	STR_TABLE(stats_rate_method_name, STATS_RATE__MAX),
	STR_TABLE(web_method_name, WM__MAX),
	STR_TABLE(form_error_text, FORM__MAX),
	STR_TABLE(api_type_name, AT__MAX),
	STR_TABLE(evidence_status_code, STATUS__MAX),
	STR_TABLE(evidence_status_label, STATUS__MAX),
	STR_TABLE(answer_type_code, ANSWER__MAX),
	STR_TABLE(publish_format_name, PUB_FORMAT__MAX),
	STR_TABLE(report_audience_name, REPORT_AUDIENCE__MAX),
	STR_TABLE(report_version_name, REPORT_VERSION__MAX),
	STR_TABLE(disclose_state_name, DISCLOSE_STATE__MAX),
	STR_TABLE(outcome_q1_code, OUTCOME_Q1__MAX),
	STR_TABLE(outcome_measure_code, OUTCOME_MEASURE__MAX),
	STR_TABLE(outcome_polarity_code, OUTCOME_POLARITY__MAX),
	STR_TABLE(timeline_status_code, TIMELINE__MAX),
	STR_TABLE(html_elem_name, HE__MAX),
	STR_TABLE(html_attr_name, HA__MAX),
	STR_TABLE(doc_block_name, DOC_BLOCK__MAX),
	STR_TABLE(plan_status_code, PLAN_STATUS__MAX),
	STR_TABLE_BLANK(review_further_code, FURTHER__MAX, FURTHER_UNDECIDED),
	STR_TABLE(reader_kind_code, READER__MAX),
	STR_TABLE(sample_status_code, SAMPLE__MAX),
	STR_TABLE(finding_kind_code, FINDING__MAX),
	STR_TABLE_BLANK(cairn_code_names, CAIRN_CODE__MAX, CAIRN_CODE_NONE),
};

/* Fails, naming the table and the entry, when s is NULL or empty. */
static void
check_entry(const char *table, size_t i, const char *field, const char *s)
{
	if (s == NULL || s[0] == '\0')
		fail_msg("%s[%zu].%s is empty", table, i, field);
}

static void
test_string_tables_have_no_empty_entry(void **state)
{
	(void)state;
	for (size_t t = 0; t < sizeof(str_tables) / sizeof(str_tables[0]); t++)
		for (size_t i = 0; i < str_tables[t].n; i++) {
			if ((int)i == str_tables[t].blank)
				assert_non_null(str_tables[t].v[i]);
			else
				check_entry(str_tables[t].name, i, "name", str_tables[t].v[i]);
		}
}

static void
test_struct_tables_have_no_empty_entry(void **state)
{
	(void)state;
	for (size_t i = 0; i < STATS_SII__MAX; i++) {
		check_entry("stats_sii_convention_table", i, "code",
		    stats_sii_convention_table[i].code);
		check_entry("stats_sii_convention_table", i, "label",
		    stats_sii_convention_table[i].label);
		check_entry("stats_sii_convention_table", i, "sii_meaning",
		    stats_sii_convention_table[i].sii_meaning);
		check_entry("stats_sii_convention_table", i, "rii_meaning",
		    stats_sii_convention_table[i].rii_meaning);
	}
	for (size_t i = 0; i < WR__MAX; i++) {
		check_entry("web_routes", i, "pattern", web_routes[i].pattern);
		check_entry("web_routes", i, "summary", web_routes[i].summary);
		if (web_routes[i].fn == NULL)
			fail_msg("web_routes[%zu] has no handler", i);
	}
	for (size_t i = 0; i < SOURCE__MAX; i++) {
		check_entry("evidence_source_table", i, "code", evidence_source_table[i].code);
		check_entry("evidence_source_table", i, "label", evidence_source_table[i].label);
	}
	for (size_t i = 0; i < ROLE__MAX; i++) {
		check_entry("role_table", i, "code", role_table[i].code);
		check_entry("role_table", i, "label", role_table[i].label);
		check_entry("role_table", i, "phrase", role_table[i].phrase);
	}
	for (size_t i = 0; i < ACTION__MAX; i++) {
		check_entry("action_table", i, "code", action_table[i].code);
		check_entry("action_table", i, "label", action_table[i].label);
	}
	for (size_t i = 0; i < PROGRESS__MAX; i++) {
		check_entry("progress_table", i, "code", progress_table[i].code);
		check_entry("progress_table", i, "label", progress_table[i].label);
	}
	for (size_t i = 0; i < CONFIDENCE__MAX; i++) {
		check_entry("confidence_table", i, "code", confidence_table[i].code);
		check_entry("confidence_table", i, "label", confidence_table[i].label);
		check_entry("confidence_table", i, "phrase", confidence_table[i].phrase);
	}
	for (size_t i = 0; i < SURVEY_KIND__MAX; i++) {
		check_entry("survey_kind_table", i, "code", survey_kind_table[i].code);
		check_entry("survey_kind_table", i, "label", survey_kind_table[i].label);
	}
}

/* The report formats' tables in web/page_work.c, through their accessors. */
static void
test_report_format_tables(void **state)
{
	(void)state;
	for (int f = 0; f < PUB_FORMAT__MAX; f++) {
		check_entry("format_ext", (size_t)f, "ext", web_report_ext(f));
		check_entry("format_type", (size_t)f, "type", web_report_type(f));
	}
	assert_null(web_report_ext(PUB_FORMAT__MAX));
	assert_null(web_report_type(PUB_FORMAT__MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_string_tables_have_no_empty_entry),
		cmocka_unit_test(test_struct_tables_have_no_empty_entry),
		cmocka_unit_test(test_report_format_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
