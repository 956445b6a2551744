/* cairn population import|show: the sampling frame of an inspection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/records/popcheck.h"
#include "app/records/population.h"
#include "app/records/lookup.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/records.h"

/* A progress bar on standard error, redrawn at most every 1%. */
struct progress {
	int last; /* last percentage drawn, -1 before the first */
};

static void
progress_draw(void *arg, size_t done, size_t total)
{
	struct progress *p = arg;
	int pct, w;

	if (total == 0)
		return;
	pct = (int)(done * 100 / total);
	if (pct == p->last)
		return;
	p->last = pct;
	w = pct * 40 / 100;
	fprintf(stderr, "\rimporting [%.*s%*s] %3d%%", w,
	    "########################################", 40 - w, "", pct);
	if (pct >= 100)
		fputc('\n', stderr);
	fflush(stderr);
}

void
cli_print_import_errors(struct cli *c, const struct csv_errors *errs, const char *file)
{
	if (errs->total == 0)
		return;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < errs->nkept; i++)
			json_array_append_new(a,
			    json_pack("{s:I, s:I, s:s}", "line", (json_int_t)errs->kept[i].line,
			        "column", (json_int_t)errs->kept[i].column, "message",
			        errs->kept[i].msg));
		cli_print_json(json_pack("{s:s, s:I, s:o}", "file", file, "total",
		    (json_int_t)errs->total, "errors", a));
	} else {
		struct buf b = BUF_INIT;

		csv_errors_format(errs, file, &b);
		fputs(buf_str(&b), stderr);
		buf_free(&b);
	}
}

static int
pop_import(struct cli *c, int argc, char **argv)
{
	const char *allow = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "allow-column", &allow, NULL,
		    "NAME[,NAME]  keep columns that only look like identifiers" },
		{ NULL, NULL, NULL, NULL },
	};
	struct population_import req = { 0 };
	struct population_result res;
	struct csv_errors *errs = xcalloc(1, sizeof(*errs));
	struct progress bar = { -1 };
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID FILE [--allow-column NAME[,NAME...]]",
	         "Import the population (sampling frame): a CSV file with one row per child, a\n"
	         "unique 'ref' column and any attribute columns (category, age, sex, "
	         "locality...).\n"
	         "All or nothing: a file with any error imports nothing and the errors are listed\n"
	         "with line and column.  Columns that look like personal identifiers (name, date\n"
	         "of birth, CHI, address, postcode, phone, email, NHS number), and values that "
	         "look\n"
	         "like a CHI number, postcode, email address or phone number, are refused unless\n"
	         "allowed.  Importing again replaces the population until a sample is drawn.")) !=
	        0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0)
		goto out;
	req.path = pos[1];
	req.allow = allow;
	if (!c->json && isatty(STDERR_FILENO)) {
		req.progress = progress_draw;
		req.progress_arg = &bar;
	}
	rc = app_population_import(c->st, cli_actor(c), id, &req, &res, errs, &c->err);
	if (bar.last >= 0 && bar.last < 100)
		fputc('\n', stderr);
	if (rc != CAIRN_OK) {
		cli_print_import_errors(c, errs, pos[1]);
		goto out;
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:I, s:b, s:s}", "inspection", (json_int_t)id,
		    "rows", (json_int_t)res.nrows, "columns", (json_int_t)res.ncolumns, "replaced",
		    res.replaced, "checksum", res.checksum));
	else
		printf("inspection %ld: %s %ld children with %ld attribute column%s (sha256 %s)\n",
		    id, res.replaced ? "replaced the population with" : "imported", res.nrows,
		    res.ncolumns, res.ncolumns == 1 ? "" : "s", res.checksum);
out:
	free(errs);
	return rc;
}

static int
pop_show(struct cli *c, int argc, char **argv)
{
	struct population_info p;
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Show the population's size, columns and checksum.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_INSPECTION)) != 0 ||
	    (rc = app_population_info(c->st, cli_actor(c), id, &p, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *cols = json_array();

		for (size_t i = 0; i < p.ncolumns; i++)
			json_array_append_new(cols, json_string(p.columns[i]));
		cli_print_json(json_pack("{s:I, s:s, s:I, s:o, s:s, s:s}", "inspection",
		    (json_int_t)id, "source", p.source, "rows", (json_int_t)p.nrows, "columns",
		    cols, "checksum", p.checksum, "imported_at", p.imported_at));
	} else {
		printf("Population of inspection %ld: %ld children from %s, imported %s\n", id,
		    p.nrows, p.source, p.imported_at);
		printf("Columns: ref");
		for (size_t i = 0; i < p.ncolumns; i++)
			printf(", %s", p.columns[i]);
		printf("\nSHA-256: %s\n", p.checksum);
	}
	population_info_free(&p);
	return CAIRN_OK;
}

static int
pop_check(struct cli *c, int argc, char **argv)
{
	struct population_check k;
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Check the stored population against the checksum recorded at import, and "
	         "rebuild its stratum index.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_IMPORT_POPULATION)) != 0)
		return rc;
	rc = app_population_check(c->st, cli_actor(c), id, &k, &c->err);
	if (rc != CAIRN_OK && !(rc == CAIRN_EDATA && k.computed[0] != '\0'))
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s, s:s, s:b, s:I}", "inspection",
		    (json_int_t)id, "rows", (json_int_t)k.nrows, "checksum", k.stored, "computed",
		    k.computed, "matches", k.matches, "index_cells", (json_int_t)k.ncells));
	else if (k.matches)
		printf("inspection %ld: the population's %ld children match their checksum "
		       "(sha256 %s); stratum index of %ld cell%s%s\n",
		    id, k.nrows, k.computed, k.ncells, k.ncells == 1 ? "" : "s",
		    k.ncells == 0 ? " (too many distinct rows: draws read every child)" : "");
	return rc;
}

int
cmd_population(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "import", pop_import, "import the population (sampling frame) from CSV" },
		{ "show", pop_show, "show the population's size, columns and checksum" },
		{ "check", pop_check, "check the stored population and rebuild its stratum index" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "population", table, argc, argv);
}
