/* cairn reader add|list|assign|reassign and cairn template list|show|import|use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/reader.h"
#include "app/records/sample.h"
#include "app/records/template.h"
#include "cli/cli.h"
#include "core/mem.h"
#include "core/text.h"

static int
reader_add(struct cli *c, int argc, char **argv)
{
	const char *kind = NULL, *agency = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "kind", &kind, NULL,
		    "inspector|local  an inspector, or the partnership's local reader" },
		{ "agency", &agency, NULL, "A  the reader's agency or inspectorate" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, rid = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID NAME --kind inspector|local [--agency A]",
	         "Add a reader of children's records to an inspection.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_reader_add(c->st, cli_actor(c), id, pos[1], kind, agency, &rid, &c->err)) !=
	        0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)rid, "name",
		    pos[1], "kind", kind, "agency", agency));
	else
		printf("reader %s added (%s)\n", pos[1], kind);
	return CAIRN_OK;
}

/* The members of the plan's JSON that name a person by username (each
 * reader, each pair's inspector and local reader), each given its "_name"
 * as the API gives it. */
static const char *const plan_people[] = { "name", "inspector", "local" };

/* Prints the plan of inspection id: readers, pairs and each record's pairs,
 * each reader named "Name (username)" (one read for them all). */
static void
plan_print(struct cli *c, long id, const struct reading_plan *p, const struct sample *s)
{
	const char **by;
	struct account *people = NULL;
	size_t npeople = 0;
	char a_name[300], b_name[300];

	if (c->json) {
		json_t *o = reading_plan_json(p, s, true);

		cli_name_people_json(c, id, ACTION_VIEW_INSPECTION, o, plan_people,
		    sizeof(plan_people) / sizeof(plan_people[0]));
		cli_print_json(o);
		return;
	}
	by = xcalloc(p->nreaders > 0 ? p->nreaders : 1, sizeof(*by));
	for (size_t i = 0; i < p->nreaders; i++)
		by[i] = p->readers[i].name;
	cli_people_named(c, id, ACTION_VIEW_INSPECTION, by, p->nreaders, &people, &npeople);
	free(by);
	printf("%-5s %-32s %-32s %s\n", "PAIR", "INSPECTOR", "LOCAL READER", "RECORDS");
	for (size_t i = 0; i < p->npairs; i++) {
		const struct reader *a = reading_plan_reader(p, p->pairs[i].inspector_id);
		const struct reader *b = reading_plan_reader(p, p->pairs[i].local_id);
		long n = 0;

		for (size_t k = 0; k < p->nassigns; k++)
			n += p->assigns[k].pair_id == p->pairs[i].id;
		printf("%-5ld %-32s %-32s %ld\n", p->pairs[i].position,
		    a ? account_named(people, npeople, a->name, a_name, sizeof(a_name)) : "?",
		    b ? account_named(people, npeople, b->name, b_name, sizeof(b_name)) : "?", n);
	}
	for (size_t i = 0; i < p->nreaders; i++)
		if (p->readers[i].removed)
			printf("reader %s removed (their submitted readings are kept)\n",
			    account_named(people, npeople, p->readers[i].name, a_name,
			        sizeof(a_name)));
	if (p->npairs == 0)
		for (size_t i = 0; i < p->nreaders; i++)
			printf("reader %s (%s%s%s), not yet paired\n",
			    account_named(people, npeople, p->readers[i].name, a_name,
			        sizeof(a_name)),
			    reader_kind_code[p->readers[i].kind], p->readers[i].agency ? ", " : "",
			    p->readers[i].agency ? p->readers[i].agency : "");
	accounts_free(people, npeople);
}

static int
reader_remove(struct cli *c, int argc, char **argv)
{
	const char *to = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "to", &to, NULL, "NAME  the reader who takes over the records not yet read" },
		{ NULL, NULL, NULL, NULL },
	};
	struct reader_remove_result res;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2, "ID NAME [--to NAME]",
	         "Remove a reader from the inspection's reader list.  Their submitted readings\n"
	         "are kept and stay theirs; the records assigned to them that they have not\n"
	         "submitted go, with their place in each pair, to the reader named by --to\n"
	         "(another reader of the same kind).  Without --to, a reader with records\n"
	         "still to read is not removed.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_reader_remove(c->st, cli_actor(c), id, pos[1], to, &res, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(
		    json_pack("{s:s, s:s?, s:I, s:I}", "removed", pos[1], "to", to, "handed_over",
		        (json_int_t)res.outstanding, "submitted_kept", (json_int_t)res.submitted));
	else
		printf("reader %s removed; %ld record%s handed to %s; %ld submitted reading%s "
		       "kept\n",
		    pos[1], res.outstanding, res.outstanding == 1 ? "" : "s", to ? to : "nobody",
		    res.submitted, res.submitted == 1 ? "" : "s");
	return CAIRN_OK;
}

static int
reader_list(struct cli *c, int argc, char **argv)
{
	struct reading_plan p;
	struct sample s = { 0 };
	struct cairn_err ignore = { 0 };
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "List the readers, their pairs and the records assigned to each pair.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_INSPECTION)) != 0 ||
	    (rc = app_reader_plan(c->st, id, &p, &c->err)) != 0)
		return rc;
	if (app_sample_load(c->st, id, &s, &ignore) != CAIRN_OK)
		memset(&s, 0, sizeof(s));
	plan_print(c, id, &p, &s);
	sample_free(&s);
	reading_plan_free(&p);
	return CAIRN_OK;
}

static int
reader_assign(struct cli *c, int argc, char **argv)
{
	struct reading_plan p;
	struct sample s = { 0 };
	struct cairn_err ignore = { 0 };
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Pair each local reader with an inspector (the first time) and spread the\n"
	         "sampled records evenly across the pairs; a double-read record's second\n"
	         "reading goes to a different pair.  Running it again assigns only records\n"
	         "not yet assigned (for example replacements).")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_reader_assign(c->st, cli_actor(c), id, &p, &c->err)) != 0)
		return rc;
	if (app_sample_load(c->st, id, &s, &ignore) != CAIRN_OK)
		memset(&s, 0, sizeof(s));
	plan_print(c, id, &p, &s);
	if (!c->json)
		printf("%ld new assignment%s\n", p.added, p.added == 1 ? "" : "s");
	sample_free(&s);
	reading_plan_free(&p);
	return CAIRN_OK;
}

static int
reader_reassign(struct cli *c, int argc, char **argv)
{
	const char *round = NULL, *pair = NULL, *reason = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "pair", &pair, NULL, "N  the pair to move the reading to" },
		{ "round", &round, NULL, "1|2  first reading (default) or second reading" },
		{ "reason", &reason, NULL, "TEXT  why" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, r = 1, np;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID REF --pair N [--round 1|2] --reason TEXT",
	         "Move the reading of a record to another pair; the change is kept with its "
	         "reason.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	if (round != NULL && !text_parse_long(round, 1, 2, &r))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--round must be 1 or 2");
	if (pair == NULL || !text_parse_long(pair, 1, 100000, &np))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--pair N is required (a pair number)");
	if ((rc = cli_open(c)) != 0 ||
	    (rc = app_reader_reassign(c->st, cli_actor(c), id, pos[1], (int)r, np, reason,
	         &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:I, s:I}", "ref", pos[1], "round", (json_int_t)r,
		    "pair", (json_int_t)np));
	else
		printf("%s round %ld moved to pair %ld\n", pos[1], r, np);
	return CAIRN_OK;
}

int
cmd_reader(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "add", reader_add, "add an inspector or local reader" },
		{ "list", reader_list, "list readers, pairs and assignments" },
		{ "assign", reader_assign, "pair readers and assign the sampled records" },
		{ "reassign", reader_reassign, "move a reading to another pair, with a reason" },
		{ "remove", reader_remove,
		    "remove a reader, handing their unread records to another" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "reader", table, argc, argv);
}

static int
tpl_list(struct cli *c, int argc, char **argv)
{
	char **codes = NULL;
	size_t n = 0;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "", "List the reading templates.")) !=
	        0 ||
	    (rc = cli_open(c)) != 0 || (rc = app_template_codes(c->st, &codes, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		cli_print_json(template_codes_json(codes, n));
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%s\n", codes[i]);
	}
	strv_free(codes, n);
	return CAIRN_OK;
}

static int
tpl_show(struct cli *c, int argc, char **argv)
{
	struct template t;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "CODE", "Show a reading template.")) !=
	        0 ||
	    (rc = cli_open(c)) != 0 || (rc = app_template_load(c->st, pos[0], &t, &c->err)) != 0)
		return rc;
	if (c->json) {
		cli_print_json(template_show_json(&t));
	} else {
		printf("%s (%s): %s\n", t.code, t.framework, t.title);
		for (size_t i = 0; i < t.nitems; i++) {
			const struct template_item *it = &t.items[i];

			printf("  %-20s %-10s %s%s\n", it->code, answer_type_code[it->answer],
			    it->text, it->per_agency ? " [per agency]" : "");
		}
	}
	template_free(&t);
	return CAIRN_OK;
}

static int
tpl_import(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	char *code = NULL;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "FILE",
	         "Import a reading template from JSON (see docs/guide-reading.md for the "
	         "format).")) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_template_import(c->st, cli_actor(c), pos[0], &code, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s}", "code", code));
	else
		printf("template %s imported\n", code);
	free(code);
	return CAIRN_OK;
}

static int
tpl_use(struct cli *c, int argc, char **argv)
{
	const char *pos[2];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 2, 2, "ID CODE",
	         "Read the records of an inspection with template CODE.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_template_use(c->st, cli_actor(c), id, pos[1], &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(
		    json_pack("{s:I, s:s}", "inspection", (json_int_t)id, "template", pos[1]));
	else
		printf("inspection %ld reads with template %s\n", id, pos[1]);
	return CAIRN_OK;
}

int
cmd_template(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "list", tpl_list, "list the reading templates" },
		{ "show", tpl_show, "show a reading template" },
		{ "import", tpl_import, "import a reading template from JSON" },
		{ "use", tpl_use, "choose the template an inspection reads with" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "template", table, argc, argv);
}
