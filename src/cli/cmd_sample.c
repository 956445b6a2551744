/* cairn sample draw|list|replace: the records sample. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/reading.h"
#include "app/records/sample.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/csvout.h"
#include "core/records.h"

/* Returns the sample as the JSON of "sample draw --json"; with_status adds
 * each member's status, reason and replacement. */
static json_t *
sample_json(const struct sample *s, bool with_status)
{
	json_t *strata = json_array(), *members = json_array(), *o;
	json_int_t seed = 0;

	for (const char *p = s->info.seed; *p >= '0' && *p <= '9'; p++)
		seed = seed * 10 + (*p - '0');
	for (size_t i = 0; i < s->nstrata; i++) {
		json_t *key = json_loads(s->strata[i].key, 0, NULL);

		json_array_append_new(strata,
		    json_pack("{s:o, s:I, s:I}", "key", key ? key : json_object(), "population",
		        (json_int_t)s->strata[i].population, "allocated",
		        (json_int_t)s->strata[i].allocated));
	}
	for (size_t i = 0; i < s->nmembers; i++) {
		const struct sample_member *m = &s->members[i];
		json_t *j = json_pack("{s:s, s:I, s:b, s:b}", "ref", m->ref, "stratum",
		    (json_int_t)m->stratum, "reserve", m->reserve, "double_read", m->double_read);

		if (with_status) {
			json_object_set_new(j, "status",
			    json_string(sample_status_code[m->status]));
			if (m->replaced_by != NULL)
				json_object_set_new(j, "replaced_by", json_string(m->replaced_by));
			if (m->replace_reason != NULL)
				json_object_set_new(j, "reason", json_string(m->replace_reason));
		}
		json_array_append_new(members, j);
	}
	o = json_pack("{s:I, s:I, s:o, s:o}", "size", (json_int_t)s->info.size, "seed", seed,
	    "strata", strata, "members", members);
	if (with_status) {
		json_object_set_new(o, "stratified_by", json_string(s->info.strata));
		json_object_set_new(o, "min_per_stratum", json_integer(s->info.min_per_stratum));
		json_object_set_new(o, "reserve", json_integer(s->info.reserve));
		json_object_set_new(o, "double_read_pct", json_integer(s->info.double_read_pct));
		json_object_set_new(o, "generator", json_string(s->info.generator));
		json_object_set_new(o, "population", json_integer(s->info.population_size));
		json_object_set_new(o, "population_checksum",
		    json_string(s->info.population_checksum));
		json_object_set_new(o, "drawn_at", json_string(s->info.drawn_at));
	}
	return o;
}

/* Prints the strata table and counts. */
static void
sample_print(const struct sample *s)
{
	size_t ndouble = 0, nreserve = 0;

	for (size_t i = 0; i < s->nmembers; i++) {
		ndouble += s->members[i].double_read;
		nreserve += s->members[i].status == SAMPLE_RESERVE;
	}
	printf("Sample of %ld from %ld children (seed %s, strata %s, sha256 %.12s...)\n",
	    s->info.size, s->info.population_size, s->info.seed, s->info.strata,
	    s->info.population_checksum);
	printf("%-4s %10s %9s  %s\n", "#", "POPULATION", "ALLOCATED", "STRATUM");
	for (size_t i = 0; i < s->nstrata; i++)
		printf("%-4zu %10ld %9ld  %s\n", i, s->strata[i].population, s->strata[i].allocated,
		    s->strata[i].key);
	printf("%zu marked for double reading, %zu reserves unused\n", ndouble, nreserve);
}

static int
sample_draw(struct cli *c, int argc, char **argv)
{
	struct sample_request req = { 0 };
	const struct cli_opt opts[] = {
		{ "size", &req.size, NULL, "N  records to read" },
		{ "strata", &req.strata, NULL, "COL[,COL...]  population columns to stratify by" },
		{ "min-per-stratum", &req.min_per, NULL,
		    "K  at least K records from every stratum" },
		{ "seed", &req.seed, NULL, "S  seed of the random generator (0 to 2^63-1)" },
		{ "reserve", &req.reserve, NULL,
		    "R  reserve records per stratum for replacements" },
		{ "double-read", &req.double_read, NULL, "PCT  percent of the sample read twice" },
		{ NULL, NULL, NULL, NULL },
	};
	struct sample s;
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID --size N --strata COL[,COL...] --seed S [--min-per-stratum K] [--reserve R] "
	         "[--double-read PCT]",
	         "Draw the records sample: proportional allocation across strata by largest\n"
	         "remainder (with a minimum per stratum), then simple random sampling without\n"
	         "replacement in each stratum from a seeded xoshiro256** generator.  The same\n"
	         "population, options and seed give the same sample on any machine.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_sample_draw(c->st, cli_actor(c), id, &req, &s, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(sample_json(&s, false));
	else
		sample_print(&s);
	sample_free(&s);
	return CAIRN_OK;
}

static int
sample_list(struct cli *c, int argc, char **argv)
{
	bool csv = false;
	const struct cli_opt opts[] = {
		{ "csv", NULL, &csv, "print CSV: ref,stratum,key,reserve,double_read,status" },
		{ NULL, NULL, NULL, NULL },
	};
	struct sample s;
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID [--json|--csv]",
	         "List the sampled records: selected, reserves and replaced.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_CHILD_RECORDS)) != 0 ||
	    (rc = app_sample_load(c->st, id, &s, &c->err)) != 0)
		return rc;
	if ((rc = app_reading_viewed(c->st, cli_actor(c), id,
	         csv || c->json ? "sample.export" : "sample.view",
	         csv           ? "csv"
	             : c->json ? "json"
	                       : NULL,
	         &c->err)) != 0) {
		sample_free(&s);
		return rc;
	}
	if (c->json) {
		cli_print_json(sample_json(&s, true));
	} else if (csv) {
		struct buf b = BUF_INIT;

		buf_puts(&b, "ref,stratum,key,reserve,double_read,status,replaced_by,reason\r\n");
		for (size_t i = 0; i < s.nmembers; i++) {
			const struct sample_member *m = &s.members[i];

			csvout_field(&b, m->ref);
			buf_printf(&b, ",%ld,", m->stratum);
			csvout_field(&b, s.strata[m->stratum].key);
			buf_printf(&b, ",%d,%d,%s,", m->reserve, m->double_read,
			    sample_status_code[m->status]);
			csvout_field(&b, m->replaced_by ? m->replaced_by : "");
			buf_putc(&b, ',');
			csvout_field(&b, m->replace_reason ? m->replace_reason : "");
			buf_puts(&b, "\r\n");
		}
		fputs(buf_str(&b), stdout);
		buf_free(&b);
	} else {
		sample_print(&s);
		printf("\n%-16s %-4s %-9s %-6s %s\n", "REF", "STR", "STATUS", "DOUBLE", "NOTE");
		for (size_t i = 0; i < s.nmembers; i++) {
			const struct sample_member *m = &s.members[i];

			printf("%-16s %-4ld %-9s %-6s %s%s%s\n", m->ref, m->stratum,
			    sample_status_code[m->status], m->double_read ? "yes" : "",
			    m->replaced_by ? "replaced by " : "",
			    m->replaced_by ? m->replaced_by : "", m->replace_reason ? "" : "");
		}
	}
	sample_free(&s);
	return CAIRN_OK;
}

static int
sample_replace(struct cli *c, int argc, char **argv)
{
	const char *reason = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "reason", &reason, NULL, "TEXT  why the record cannot be read" },
		{ NULL, NULL, NULL, NULL },
	};
	char *by = NULL;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2, "ID REF --reason TEXT",
	         "Replace a selected record that cannot be read by the next reserve from the\n"
	         "same stratum, recording why.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_sample_replace(c->st, cli_actor(c), id, pos[1], reason, &by, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s, s:s}", "ref", pos[1], "replaced_by", by,
		    "reason", reason));
	else
		printf("%s replaced by %s\n", pos[1], by);
	free(by);
	return CAIRN_OK;
}

int
cmd_sample(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "draw", sample_draw, "draw the stratified records sample" },
		{ "list", sample_list, "list the sampled records" },
		{ "replace", sample_replace, "replace an unreadable record by a reserve" },
		{ "size", cmd_sample_size,
		    "sample size for a proportion (Cochran; --krejcie-morgan for their table)" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "sample", table, argc, argv);
}
