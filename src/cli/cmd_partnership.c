/*
 * cairn partnership ...: the partnership's side of an inspection -- the
 * co-ordinators, the notification letter, the pre-inspection return, the
 * position statement, its supporting documents and claims, and the
 * inspectors' tests of the claims.  Each is one call into app/partnership/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/partnership/notification.h"
#include "app/partnership/position.h"
#include "app/partnership/preret.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/text.h"

/* Most positional SHEET=FILE or SECTION=FILE arguments. */
#define PAIRS_MAX 32

/* Parses a claim, notification or document number. */
static int
number_arg(struct cli *c, const char *text, const char *what, long *number)
{
	if (text_parse_long(text, 1, 1000000, number))
		return CAIRN_OK;
	return cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, what,
	    "'%s' is not a %s number", text, what);
}

/* Splits "NAME=FILE" into name (copied into out) and returns FILE, or NULL. */
static const char *
pair(const char *arg, char *out, size_t outsz)
{
	const char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg || (size_t)(eq - arg) >= outsz || eq[1] == '\0')
		return NULL;
	memcpy(out, arg, (size_t)(eq - arg));
	out[eq - arg] = '\0';
	return eq + 1;
}

static int
p_contact(struct cli *c, int argc, char **argv)
{
	const char *kind = NULL, *name = NULL, *job = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "kind", &kind, NULL, "K  inspection-coordinator or participation-coordinator" },
		{ "name", &name, NULL, "NAME  the co-ordinator's name (a member of staff)" },
		{ "job", &job, NULL, "TEXT  their job title" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID --kind K --name NAME [--job TEXT]",
	         "Record the partnership's inspection or participation co-ordinator.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_contact_set(c->st, cli_actor(c), id, kind, name, job, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:s}", "inspection", (json_int_t)id, "kind",
		    kind, "name", name));
	else
		printf("inspection %ld: %s recorded\n", id, kind);
	return CAIRN_OK;
}

static int
p_notify(struct cli *c, int argc, char **argv)
{
	struct notification_req req = { 0 };
	const char *pos[1];
	const struct cli_opt opts[] = {
		{ "council", &req.council, NULL, "NAME  the council, as the letter addresses it" },
		{ "health-board", &req.health_board, NULL, "NAME  the NHS board" },
		{ "date", &req.date, NULL, "YYYY-MM-DD  the letter's date (default today)" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, number = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID --council NAME --health-board NAME [--date D]",
	         "Generate the notification letter from the pack's template and the\n"
	         "inspection's data, and store it frozen with its SHA-256.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_notification_generate(c->st, cli_actor(c), id, &req, &number, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I}", "inspection", (json_int_t)id, "notification",
		    (json_int_t)number));
	else
		printf("inspection %ld: notification %ld stored\n", id, number);
	return CAIRN_OK;
}

static int
p_letter(struct cli *c, int argc, char **argv)
{
	const char *format = "md", *output = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "format", &format, NULL, "F  md, html or pdf" },
		{ "output", &output, NULL, "FILE  write to FILE (default standard output)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct buf out = BUF_INIT;
	long id, number;
	int rc, f;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID N [--format md|html|pdf] [--output FILE]",
	         "Write notification N, made from its frozen text.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 ||
	    (rc = number_arg(c, pos[1], "notification", &number)) != 0)
		return rc;
	if ((f = notification_format_parse(format)) < 0)
		return cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "format",
		    "'%s' is not a format; valid: md, html, pdf", format);
	buf_init(&out, (size_t)64 << 20);
	if ((rc = cli_open(c)) != 0 ||
	    (rc = app_notification_render(c->st, cli_actor(c), id, number,
	         (enum notification_format)f, &out, &c->err)) != 0)
		goto done;
	if (output != NULL)
		rc = file_write_atomic(output, out.data, out.len, &c->err);
	else
		fwrite(out.data, 1, out.len, stdout);
done:
	buf_free(&out);
	return rc;
}

static int
p_return_form(struct cli *c, int argc, char **argv)
{
	const char *output = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "output", &output, NULL, "FILE  the XLSX file to write" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID --output FILE.xlsx",
	         "Write the blank pre-inspection return (the pack's layout) as XLSX.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	if (output == NULL)
		return cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "output",
		    "--output FILE.xlsx is required");
	if ((rc = cli_open(c)) != 0 ||
	    (rc = app_preret_xlsx(c->st, cli_actor(c), id, output, &c->err)) != 0)
		return rc;
	if (!c->json)
		printf("inspection %ld: blank return written to %s\n", id, output);
	else
		cli_print_json(
		    json_pack("{s:I, s:s}", "inspection", (json_int_t)id, "file", output));
	return CAIRN_OK;
}

static int
p_return(struct cli *c, int argc, char **argv)
{
	const char *allow = NULL, *pos[PAIRS_MAX + 1];
	const struct cli_opt opts[] = {
		{ "allow-column", &allow, NULL,
		    "NAME[,NAME...]  columns that only look like identifiers (audited)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct preret_file files[PAIRS_MAX];
	char names[PAIRS_MAX][64];
	struct preret_result *res = NULL;
	size_t npos = 0;
	long id;
	int rc;

	memset(pos, 0, sizeof(pos));
	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, PAIRS_MAX + 1,
	         "ID FILE.xlsx | ID SHEET=FILE.csv... [--allow-column NAME[,NAME...]]",
	         "Return the pre-inspection return: the filled XLSX workbook, or one CSV\n"
	         "file per sheet of the blank return.  All or nothing; every problem is\n"
	         "listed with its sheet, line (row) and column; columns that look like\n"
	         "personal identifiers are refused.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	while (npos < PAIRS_MAX && pos[npos + 1] != NULL) {
		const char *path = pair(pos[npos + 1], names[npos], sizeof(names[npos]));

		if (path == NULL && strchr(pos[npos + 1], '=') == NULL) {
			/* A workbook: the sheets are inside it. */
			names[npos][0] = '\0';
			path = pos[npos + 1];
		}
		if (path == NULL)
			return cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "file",
			    "'%s' is not SHEET=FILE", pos[npos + 1]);
		files[npos] = (struct preret_file){ names[npos], path, NULL, 0 };
		npos++;
	}
	if ((rc = cli_open(c)) != 0)
		return rc;
	res = calloc(1, sizeof(*res));
	if (res == NULL)
		return cairn_errf(&c->err, CAIRN_ESOFTWARE, "out of memory");
	rc = app_preret_return(c->st, cli_actor(c), id, files, npos, allow, res, &c->err);
	if (rc == CAIRN_EDATA && res->total > 0) {
		struct buf b = BUF_INIT;

		preret_errors_format(res, &b);
		if (c->json) {
			json_t *a = json_array();

			for (size_t i = 0; i < res->nerrors; i++)
				for (size_t k = 0; k < res->errors[i].e.nkept; k++)
					json_array_append_new(a,
					    json_pack("{s:s, s:I, s:I, s:s}", "sheet",
					        res->errors[i].sheet, "line",
					        (json_int_t)res->errors[i].e.kept[k].line, "column",
					        (json_int_t)res->errors[i].e.kept[k].column,
					        "message", res->errors[i].e.kept[k].msg));
			cli_print_json(
			    json_pack("{s:I, s:o}", "total", (json_int_t)res->total, "errors", a));
		} else {
			fputs(buf_str(&b), stderr);
		}
		buf_free(&b);
	} else if (rc == CAIRN_OK) {
		if (c->json)
			cli_print_json(json_pack("{s:I, s:I, s:I}", "inspection", (json_int_t)id,
			    "version", (json_int_t)res->version, "rows", (json_int_t)res->rows));
		else
			printf("inspection %ld: pre-inspection return %ld stored, %ld rows\n", id,
			    res->version, res->rows);
	}
	free(res);
	return rc;
}

static int
p_statement(struct cli *c, int argc, char **argv)
{
	const char *pos[PAIRS_MAX + 1];
	struct position_text secs[PAIRS_MAX];
	char names[PAIRS_MAX][64], *texts[PAIRS_MAX] = { 0 };
	size_t n = 0;
	long id, version = 0, words = 0;
	int rc;

	memset(pos, 0, sizeof(pos));
	if ((rc = cli_parse(c, argc, argv, NULL, pos, 2, PAIRS_MAX + 1, "ID SECTION=FILE...",
	         "Submit the position statement: each section's text from a file.  Refused\n"
	         "above the programme's word limit, with the count.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	for (; n < PAIRS_MAX && pos[n + 1] != NULL; n++) {
		const char *path = pair(pos[n + 1], names[n], sizeof(names[n]));
		size_t len = 0;

		if (path == NULL) {
			rc = cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "section",
			    "'%s' is not SECTION=FILE", pos[n + 1]);
			goto out;
		}
		if ((rc = file_read_all(path, POSITION_SECTION_MAX, &texts[n], &len, &c->err)) != 0)
			goto out;
		secs[n] = (struct position_text){ names[n], texts[n] };
	}
	if ((rc = cli_open(c)) != 0 ||
	    (rc = app_position_submit(c->st, cli_actor(c), id, secs, n, &version, &words,
	         &c->err)) != 0)
		goto out;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:I}", "inspection", (json_int_t)id, "version",
		    (json_int_t)version, "words", (json_int_t)words));
	else
		printf("inspection %ld: position statement %ld stored, %ld words\n", id, version,
		    words);
out:
	for (size_t i = 0; i < PAIRS_MAX; i++)
		free(texts[i]);
	return rc;
}

static int
p_document(struct cli *c, int argc, char **argv)
{
	const char *file = NULL, *title = NULL, *doc = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "file", &file, NULL, "FILE  the document" },
		{ "title", &title, NULL, "TEXT  its title (a new document)" },
		{ "document", &doc, NULL, "N  a new version of document N" },
		{ NULL, NULL, NULL, NULL },
	};
	char *data = NULL;
	size_t len = 0;
	long id, number = 0, version = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID --file FILE (--title TEXT | --document N)",
	         "Upload a supporting document of the position statement, or a new version.")) !=
	        0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	if (doc != NULL && (rc = number_arg(c, doc, "document", &number)) != 0)
		return rc;
	if (file == NULL)
		return cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "file",
		    "--file FILE is required");
	if ((rc = file_read_all(file, (size_t)POSITION_DOCUMENT_MAX, &data, &len, &c->err)) != 0)
		return rc;
	if ((rc = cli_open(c)) == 0)
		rc = app_position_document(c->st, cli_actor(c), id, &number, title, file, data, len,
		    &version, &c->err);
	free(data);
	if (rc != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:I}", "inspection", (json_int_t)id,
		    "document", (json_int_t)number, "version", (json_int_t)version));
	else
		printf("inspection %ld: document %ld version %ld stored\n", id, number, version);
	return CAIRN_OK;
}

static int
p_claim(struct cli *c, int argc, char **argv)
{
	const char *section = NULL, *text = NULL, *docs = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "section", &section, NULL, "CODE  the statement's section" },
		{ "text", &text, NULL, "TEXT  the claim" },
		{ "documents", &docs, NULL, "N,N...  supporting documents it cites" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, number = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID --section CODE --text TEXT [--documents N,N...]",
	         "Add a claim of the position statement, citing its supporting documents.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_position_claim(c->st, cli_actor(c), id, section, text, docs, &number,
	         &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I}", "inspection", (json_int_t)id, "claim",
		    (json_int_t)number));
	else
		printf("inspection %ld: claim %ld added\n", id, number);
	return CAIRN_OK;
}

static int
p_test(struct cli *c, int argc, char **argv)
{
	const char *qi = NULL, *verdict = NULL, *evidence = NULL, *note = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "qi", &qi, NULL, "QI  the quality indicator it is tagged to" },
		{ "verdict", &verdict, NULL, "V  confirmed, qualified or contradicted" },
		{ "evidence", &evidence, NULL, "N  the evidence it was tested against" },
		{ "note", &note, NULL, "TEXT  a note of the test" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, number;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID CLAIM --qi QI [--verdict V] [--evidence N] [--note TEXT]",
	         "Tag a claim to a quality indicator and test it against the evidence.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 ||
	    (rc = number_arg(c, pos[1], "claim", &number)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_position_test(c->st, cli_actor(c), id, number, qi, verdict, evidence, note,
	         &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s, s:s}", "inspection", (json_int_t)id,
		    "claim", (json_int_t)number, "qi", qi, "verdict",
		    verdict != NULL && verdict[0] ? verdict : "untested"));
	else
		printf("inspection %ld: claim %ld tagged to %s: %s\n", id, number, qi,
		    verdict != NULL && verdict[0] ? verdict : "untested");
	return CAIRN_OK;
}

/* The members of the partnership's JSON that name a person by username
 * (who returned the return, who submitted the statement, who tested each
 * claim), each given its "_name" as the API's partnership answer gives it. */
static const char *const partnership_people[] = { "returned_by", "submitted_by", "tested_by" };

static int
p_show(struct cli *c, int argc, char **argv)
{
	struct partnership_contact ct[CONTACT__MAX];
	bool have[CONTACT__MAX];
	struct notification *nv = NULL;
	struct preret_status rs;
	struct position_state ps;
	const char *pos[1];
	size_t nn = 0;
	long id;
	int rc;

	memset(&rs, 0, sizeof(rs));
	memset(&ps, 0, sizeof(ps));
	memset(ct, 0, sizeof(ct));
	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Show the co-ordinators, notifications, the return and the statement.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_contact_list(c->st, cli_actor(c), id, ct, have, &c->err)) != 0 ||
	    (rc = app_notification_list(c->st, cli_actor(c), id, &nv, &nn, &c->err)) != 0 ||
	    (rc = app_preret_status(c->st, cli_actor(c), id, &rs, &c->err)) != 0 ||
	    (rc = app_position_state(c->st, cli_actor(c), id, &ps, &c->err)) != 0)
		goto out;
	if (c->json) {
		json_t *o = json_object(), *a = json_array(), *cl = json_array(), *d = json_array();

		for (int k = 0; k < CONTACT__MAX; k++)
			if (have[k])
				json_object_set_new(o, contact_kind_table[k].code,
				    json_pack("{s:s, s:s?}", "name", ct[k].name, "job", ct[k].job));
		for (size_t i = 0; i < nn; i++)
			json_array_append_new(a,
			    json_pack("{s:I, s:s, s:s}", "number", (json_int_t)nv[i].number,
			        "dated", nv[i].dated, "sha256", nv[i].sha256));
		for (size_t i = 0; i < ps.ndocs; i++)
			json_array_append_new(d,
			    json_pack("{s:I, s:s, s:I, s:s, s:s}", "number",
			        (json_int_t)ps.docs[i].number, "title", ps.docs[i].title, "version",
			        (json_int_t)ps.docs[i].version, "filename", ps.docs[i].filename,
			        "sha256", ps.docs[i].sha256));
		for (size_t i = 0; i < ps.nclaims; i++) {
			json_t *t = json_array(), *dd = json_array();

			for (size_t k = 0; k < ps.claims[i].ndocuments; k++)
				json_array_append_new(dd, json_integer(ps.claims[i].documents[k]));
			for (size_t k = 0; k < ps.claims[i].ntests; k++)
				json_array_append_new(t,
				    json_pack("{s:s, s:s, s:s}", "qi", ps.claims[i].tests[k].qi,
				        "verdict",
				        claim_verdict_code[ps.claims[i].tests[k].verdict],
				        "tested_by", ps.claims[i].tests[k].tested_by));
			json_array_append_new(cl,
			    json_pack("{s:I, s:s, s:s, s:o, s:o}", "number",
			        (json_int_t)ps.claims[i].number, "section", ps.claims[i].section,
			        "text", ps.claims[i].body, "documents", dd, "tests", t));
		}
		json_t *all =
		    json_pack("{s:I, s:o, s:o, s:{s:s, s:s, s:b, s:I, s:s?}, s:{s:s, s:s, s:b, "
		              "s:I, s:s?, s:I, s:I}, s:o, s:o}",
		        "inspection", (json_int_t)id, "contacts", o, "notifications", a, "return",
		        "title", rs.layout.title, "due", rs.due, "overdue", rs.overdue, "version",
		        (json_int_t)rs.ret.version, "returned_by",
		        rs.ret.version > 0 ? rs.ret.returned_by : NULL, "statement", "title",
		        ps.layout.title, "due", ps.due, "overdue", ps.overdue, "version",
		        (json_int_t)ps.stmt.version, "submitted_by",
		        ps.stmt.version > 0 ? ps.stmt.submitted_by : NULL, "words",
		        (json_int_t)ps.stmt.words, "word_limit", (json_int_t)ps.layout.word_limit,
		        "documents", d, "claims", cl);

		cli_name_people_json(c, id, ACTION_VIEW_PARTNERSHIP, all, partnership_people,
		    sizeof(partnership_people) / sizeof(partnership_people[0]));
		cli_print_json(all);
	} else {
		for (int k = 0; k < CONTACT__MAX; k++)
			printf("%-28s %s%s%s\n", contact_kind_table[k].label,
			    have[k] ? ct[k].name : "not recorded", have[k] && ct[k].job ? ", " : "",
			    have[k] && ct[k].job ? ct[k].job : "");
		for (size_t i = 0; i < nn; i++)
			printf("Notification %ld               dated %s, sha256 %s\n", nv[i].number,
			    nv[i].dated, nv[i].sha256);
		/* Who returned and who submitted "Name (username)", one read. */
		const char *by[2] = { rs.ret.version > 0 ? rs.ret.returned_by : NULL,
			ps.stmt.version > 0 ? ps.stmt.submitted_by : NULL };
		struct account *people = NULL;
		size_t npeople = 0;
		char rwho[300], swho[300];

		cli_people_named(c, id, ACTION_VIEW_PARTNERSHIP, by, 2, &people, &npeople);
		printf("%-28s %s%s%s%s%s\n", rs.layout.title,
		    rs.ret.version   ? "returned"
		        : rs.overdue ? "OVERDUE"
		                     : "not returned",
		    rs.ret.version ? " by " : "",
		    rs.ret.version
		        ? account_named(people, npeople, rs.ret.returned_by, rwho, sizeof(rwho))
		        : "",
		    rs.due[0] ? ", due " : "", rs.due);
		printf("%-28s %s%s%s, %ld words%s\n", ps.layout.title,
		    ps.stmt.version  ? "submitted"
		        : ps.overdue ? "OVERDUE"
		                     : "not submitted",
		    ps.stmt.version ? " by " : "",
		    ps.stmt.version
		        ? account_named(people, npeople, ps.stmt.submitted_by, swho, sizeof(swho))
		        : "",
		    ps.stmt.words, ps.layout.word_limit ? " (limit applies)" : "");
		accounts_free(people, npeople);
		for (size_t i = 0; i < ps.ndocs; i++)
			printf("Document %ld: %s (version %ld, %s)\n", ps.docs[i].number,
			    ps.docs[i].title, ps.docs[i].version, ps.docs[i].filename);
		for (size_t i = 0; i < ps.nclaims; i++) {
			printf("Claim %ld [%s]: %s\n", ps.claims[i].number, ps.claims[i].section,
			    ps.claims[i].body);
			for (size_t k = 0; k < ps.claims[i].ntests; k++)
				printf("  %s: %s\n", ps.claims[i].tests[k].qi,
				    claim_verdict_code[ps.claims[i].tests[k].verdict]);
		}
	}
out:
	for (int k = 0; k < CONTACT__MAX; k++)
		partnership_contact_free(&ct[k]);
	notifications_free(nv, nn);
	preret_status_free(&rs);
	position_state_free(&ps);
	return rc;
}

int
cmd_partnership(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "show", p_show, "the co-ordinators, notifications, return and statement" },
		{ "contact", p_contact, "record a co-ordinator" },
		{ "notify", p_notify, "generate and store the notification letter" },
		{ "letter", p_letter, "write a notification as Markdown, HTML or PDF" },
		{ "return-form", p_return_form, "write the blank pre-inspection return (XLSX)" },
		{ "return", p_return, "return the pre-inspection return (CSV per sheet)" },
		{ "statement", p_statement, "submit the position statement" },
		{ "document", p_document, "upload a supporting document or a new version" },
		{ "claim", p_claim, "add a claim citing supporting documents" },
		{ "test", p_test, "tag a claim to an indicator and test it" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "partnership", table, argc, argv);
}
