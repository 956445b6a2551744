/* cairn overview: the national picture across inspections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "app/followup/overview.h"
#include "app/setup/lookup.h"
#include "cli/cli.h"
#include "core/text.h"
#include "render/docfmt.h"
#include "render/pdf.h"
#include "render/xlsx.h"

/* Returns a short column head for a level label ("Very good" -> "VG"). */
static void
short_label(const char *label, char out[8])
{
	size_t k = 0;

	for (const char *p = label; *p != '\0' && k < 3; p++)
		if (p == label || p[-1] == ' ')
			out[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	if (k == 1)
		for (size_t i = 1; i < 4 && label[i] != '\0'; i++)
			out[k++] = label[i];
	out[k] = '\0';
}

/* Prints one overview as text. */
static void
print_overview(const struct overview *ov, json_t *j)
{
	json_t *qis = json_object_get(j, "indicators"), *years = json_object_get(j, "years");
	json_t *profiles = json_object_get(j, "profiles");
	size_t nl = ov->fw.scale.nlevels, held = 0;
	char sl[8];

	for (size_t p = 0; p < ov->npubs; p++)
		held += ov->pubs[p].held;
	printf("National overview: %s, %s\n", ov->fw.code, ov->fw.title);
	printf("%zu publications (%zu held here, %zu imported); %zu indicators evaluated\n\n",
	    ov->npubs, held, ov->npubs - held, ov->nevaluated);
	printf("%-52s", "INDICATOR");
	for (size_t l = 0; l < nl; l++) {
		short_label(ov->fw.scale.levels[l].label, sl);
		printf(" %4s", sl);
	}
	printf(" %6s %8s  %s\n", "KNOWN", "UNKNOWN", "MEDIAN");
	for (size_t q = 0; q < ov->nqis; q++) {
		const struct overview_qi *oq = &ov->qis[q];
		char name[64];

		snprintf(name, sizeof(name), "%s %s", oq->qi->code, oq->qi->title);
		printf("%-52.52s", name);
		for (size_t l = 0; l < nl; l++)
			printf(" %4ld", oq->counts[l]);
		printf(" %6ld %8ld  %s\n", oq->total, oq->unknown,
		    oq->total ? scale_level_of(&ov->fw.scale, oq->median)->label : "-");
	}
	printf("%-52s", "All grades pooled (including counts)");
	for (size_t l = 0; l < nl; l++)
		printf(" %4ld", ov->pooled[l]);
	printf(" %6ld\n", ov->pooled_total);
	printf("%-52s", "  of which known only as counts");
	for (size_t l = 0; l < nl; l++)
		printf(" %4ld", ov->count_only[l]);
	printf(" %6ld\n", ov->count_only_total);

	printf("\nPartnerships at each level:\n");
	for (size_t i = 0; i < json_array_size(qis); i++) {
		json_t *q = json_array_get(qis, i), *who = json_object_get(q, "partnerships");

		if (json_integer_value(json_object_get(q, "n")) == 0)
			continue;
		printf("  %s %s\n", json_string_value(json_object_get(q, "qi")),
		    json_string_value(json_object_get(q, "title")));
		for (size_t l = 0; l < nl; l++) {
			json_t *names = json_object_get(who, ov->fw.scale.levels[l].label);

			if (json_array_size(names) == 0)
				continue;
			printf("    %s:", ov->fw.scale.levels[l].label);
			for (size_t k = 0; k < json_array_size(names); k++) {
				json_t *e = json_array_get(names, k);

				printf("%s %s (%s)%s", k ? ";" : "",
				    json_string_value(json_object_get(e, "partnership")),
				    json_string_value(json_object_get(e, "published")),
				    json_is_true(json_object_get(e, "inferred")) ? " [inferred]"
				                                                 : "");
			}
			printf("\n");
		}
	}
	printf("\nTrends by year of publication:\n  %-6s %5s %6s", "YEAR", "PUBS", "GRADES");
	for (size_t l = 0; l < nl; l++) {
		short_label(ov->fw.scale.levels[l].label, sl);
		printf(" %4s", sl);
	}
	if (ov->threshold)
		printf("  GOOD OR BETTER");
	printf("\n");
	for (size_t y = 0; y < json_array_size(years); y++) {
		const struct overview_year *oy = &ov->years[y];

		printf("  %-6d %5ld %6ld", oy->year, oy->publications, oy->total);
		for (size_t l = 0; l < nl; l++)
			printf(" %4ld", oy->counts[l]);
		if (ov->threshold && oy->total > 0)
			printf("  %ld (%.0f%%)", oy->good_or_better,
			    100.0 * (double)oy->good_or_better / (double)oy->total);
		printf("\n");
	}
	if (json_array_size(profiles) > 0)
		printf("\nEach inspection held here against the other publications:\n");
	for (size_t i = 0; i < json_array_size(profiles); i++) {
		json_t *p = json_array_get(profiles, i), *inds = json_object_get(p, "indicators");

		printf("  inspection %lld, %s (%s)\n",
		    (long long)json_integer_value(json_object_get(p, "inspection")),
		    json_string_value(json_object_get(p, "partnership")),
		    json_is_true(json_object_get(p, "published_yet"))
		        ? json_string_value(json_object_get(p, "published"))
		        : "not published");
		for (size_t k = 0; k < json_array_size(inds); k++) {
			json_t *e = json_array_get(inds, k);
			const char *med = json_string_value(json_object_get(e, "national_median"));

			printf("    %-5s %-15s national n=%lld, median %s: %lld higher, %lld same, "
			       "%lld "
			       "lower\n",
			    json_string_value(json_object_get(e, "qi")),
			    json_string_value(json_object_get(e, "label")),
			    (long long)json_integer_value(json_object_get(e, "national_n")),
			    med ? med : "-",
			    (long long)json_integer_value(json_object_get(e, "higher")),
			    (long long)json_integer_value(json_object_get(e, "same")),
			    (long long)json_integer_value(json_object_get(e, "lower")));
		}
	}
	printf("\nWhere the data is partial:\n");
	if (ov->nnotes == 0)
		printf("  every publication's grades are known by indicator\n");
	for (size_t i = 0; i < ov->nnotes; i++)
		printf("  - %s\n", ov->notes[i]);
}

/* Prints --compare: framework a's indicators against framework b. */
static int
print_compare(struct cli *c, const char *a, const char *b)
{
	struct overview_cmp cmp;
	int rc;

	if ((rc = app_overview_compare(c->st, a, b, &cmp, &c->err)) != CAIRN_OK)
		return rc;
	if (c->json) {
		cli_print_json(overview_cmp_json(&cmp));
	} else {
		printf("%s against %s (%zu and %zu publications), like with like:\n", a, b,
		    cmp.a.npubs, cmp.b.npubs);
		for (size_t i = 0; i < cmp.nrows; i++) {
			const struct overview_cmp_row *r = &cmp.rows[i];

			printf("  %s %s: %s\n", r->qi->code, r->qi->title, r->sentence);
			if (r->comparable)
				printf("    good or better: %ld of %ld in %s; %ld of %ld in %s\n",
				    r->good_a, r->n_a, a, r->good_b, r->n_b, b);
		}
	}
	overview_cmp_free(&cmp);
	return CAIRN_OK;
}

int
cmd_overview(struct cli *c, int argc, char **argv)
{
	const char *framework = NULL, *xlsx = NULL, *format = NULL, *outpath = NULL, *pos[1];
	const char *compare = NULL;
	const struct cli_opt opts[] = {
		{ "framework", &framework, NULL,
		    "CODE  one framework (default: every framework with data)" },
		{ "xlsx", &xlsx, NULL,
		    "FILE  also write the overview as a spreadsheet (needs --framework)" },
		{ "format", &format, NULL,
		    "html|md|pdf|xlsx  write the overview as a document (needs --framework, "
		    "--out)" },
		{ "out", &outpath, NULL, "FILE  where --format writes" },
		{ "compare", &compare, NULL,
		    "CODE  compare --framework's indicators with another programme's, through "
		    "the crosswalks" },
		{ NULL, NULL, NULL, NULL },
	};
	struct framework_summary *fws = NULL;
	size_t nfws = 0;
	json_t *all = NULL;
	int rc;
	bool printed = false;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 0,
	         "[--framework CODE [--compare CODE]] [--xlsx FILE] [--format html|md|pdf|xlsx "
	         "--out FILE] [--json]",
	         "The national picture: per quality indicator, the distribution of grades across\n"
	         "every published inspection held here and every imported published result, the\n"
	         "partnerships at each level, trends by year, each inspection's grades against "
	         "the\n"
	         "others, and where the data is partial.  With --as PERSON: only people who may\n"
	         "see evaluations on some inspection, and unpublished inspections' profiles only\n"
	         "where they may see the evaluations.")) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = app_overview_authorise(c->st, c->as, &c->err)) != 0)
		return rc;
	if (xlsx != NULL && framework == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--xlsx FILE needs --framework CODE");
	if (format != NULL && (framework == NULL || outpath == NULL))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--format needs --framework CODE and --out FILE");
	if (format != NULL && strcmp(format, "html") != 0 && strcmp(format, "md") != 0 &&
	    strcmp(format, "pdf") != 0 && strcmp(format, "xlsx") != 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "unknown format '%s'; valid: html, md, pdf, xlsx", format);
	if (framework != NULL && !app_framework_exists(c->st, framework)) {
		char codes[512];

		app_framework_codes(c->st, codes, sizeof(codes));
		return cairn_errf(&c->err, CAIRN_EUSAGE, "unknown framework '%s'; valid: %s",
		    framework, codes);
	}
	if (compare != NULL && framework == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--compare CODE needs --framework CODE");
	if (compare != NULL && !app_framework_exists(c->st, compare)) {
		char codes[512];

		app_framework_codes(c->st, codes, sizeof(codes));
		return cairn_errf(&c->err, CAIRN_EUSAGE, "unknown framework '%s'; valid: %s",
		    compare, codes);
	}
	if (compare != NULL)
		return print_compare(c, framework, compare);
	if ((rc = app_framework_list(c->st, &fws, &nfws, &c->err)) != CAIRN_OK)
		return rc;
	all = json_array();
	for (size_t f = 0; f < nfws && rc == CAIRN_OK; f++) {
		struct overview ov;
		json_t *j;

		if (framework != NULL && strcmp(framework, fws[f].code) != 0)
			continue;
		if ((rc = app_overview_build(c->st, fws[f].code, &ov, &c->err)) != CAIRN_OK)
			break;
		overview_keep_visible(c->st, c->as, &ov);
		if (framework == NULL && ov.npubs == 0 && ov.npending == 0) {
			overview_free(&ov);
			continue;
		}
		if (xlsx != NULL || format != NULL) {
			struct doc doc;
			struct buf b = BUF_INIT;

			overview_doc_build(&ov, &doc);
			if (xlsx != NULL)
				rc = xlsx_write(&doc, xlsx, &c->err);
			if (rc == CAIRN_OK && format != NULL) {
				if (strcmp(format, "xlsx") == 0)
					rc = xlsx_write(&doc, outpath, &c->err);
				else if (strcmp(format, "pdf") == 0)
					rc = pdf_write(&doc, &b, &c->err);
				else if (strcmp(format, "html") == 0)
					docfmt_html(&doc, &b);
				else
					docfmt_md(&doc, &b);
				if (rc == CAIRN_OK && buf_failed(&b))
					rc = cairn_errf(&c->err, CAIRN_ESOFTWARE,
					    "the overview is too large");
				if (rc == CAIRN_OK && strcmp(format, "xlsx") != 0)
					rc =
					    file_write_atomic(outpath, buf_str(&b), b.len, &c->err);
			}
			buf_free(&b);
			doc_free(&doc);
		}
		j = overview_json(&ov);
		if (!c->json && rc == CAIRN_OK && (xlsx != NULL || format != NULL)) {
			if (xlsx != NULL)
				printf("wrote %s\n", xlsx);
			if (format != NULL)
				printf("wrote %s\n", outpath);
			printed = true;
		} else if (!c->json && rc == CAIRN_OK) {
			if (printed)
				printf("\n");
			print_overview(&ov, j);
			printed = true;
		}
		json_array_append_new(all, j);
		overview_free(&ov);
	}
	framework_summaries_free(fws, nfws);
	if (rc == CAIRN_OK && c->json)
		cli_print_json(json_pack("{s:o}", "frameworks", all));
	else
		json_decref(all);
	if (rc == CAIRN_OK && !c->json && !printed)
		printf("No published results yet: import them with 'cairn history import FILE'.\n");
	return rc;
}
