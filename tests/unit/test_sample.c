/*
 * Unit tests for app/records/sample against a real database, each rule as
 * docs/guide-reading.md ("Sample") states it: strata are the distinct
 * values of the named columns, ordered by key; allocation is proportional
 * (largest remainder) with at least K per stratum; the same population,
 * options and seed give the same sample; R reserves per stratum; PCT
 * percent of the sample, rounded half up, is marked for a second reading;
 * replacing takes the first unused reserve of the same stratum, which
 * takes over the double-read mark; and the refusals the guide lists.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/access/actor.h"
#include "app/records/population.h"
#include "app/records/sample.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-sample.XXXXXX";
static char path[512], csvpath[600];
static struct store *st;
static int ninsp;

/* A new inspection whose population has na, nb, nc children in categories
 * C, A, B (written in that order, so that key order is not file order). */
static long
with_population(int na, int nb, int nc)
{
	struct actor local = actor_cli(NULL);
	struct cairn_err err = { 0 };
	char name[32];
	struct inspection_new req = { .partnership = name, .framework = "cyp-2014" };
	struct population_import pi = { .path = csvpath };
	struct population_result res;
	struct csv_errors *errs = calloc(1, sizeof(*errs));
	FILE *f = fopen(csvpath, "w");
	long id = 0;
	int k = 0;

	assert_non_null(errs);
	assert_non_null(f);
	fputs("ref,category\n", f);
	for (int i = 0; i < nc; i++)
		fprintf(f, "K%04d,C\n", ++k);
	for (int i = 0; i < na; i++)
		fprintf(f, "K%04d,A\n", ++k);
	for (int i = 0; i < nb; i++)
		fprintf(f, "K%04d,B\n", ++k);
	fclose(f);
	snprintf(name, sizeof(name), "Place %d", ++ninsp);
	assert_int_equal(app_inspection_create(st, &local, &req, &id, &err), CAIRN_OK);
	assert_int_equal(app_population_import(st, &local, id, &pi, &res, errs, &err), CAIRN_OK);
	free(errs);
	return id;
}

/* Draws on id; returns the result code and fills s on success. */
static int
draw(long id, const char *size, const char *min, const char *seed, const char *reserve,
    const char *pct, struct sample *s, struct cairn_err *err)
{
	struct actor local = actor_cli(NULL);
	struct sample_request r = { .size = size,
		.strata = "category",
		.min_per = min,
		.seed = seed,
		.reserve = reserve,
		.double_read = pct };

	memset(s, 0, sizeof(*s));
	return app_sample_draw(st, &local, id, &r, s, err);
}

static int
setup(void **state)
{
	struct cairn_err err = { 0 };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	snprintf(csvpath, sizeof(csvpath), "%s/pop.csv", dir);
	return app_init(path, &st, &err) == CAIRN_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	store_close(st);
	testdb_remove(path);
	unlink(csvpath);
	rmdir(dir);
	return 0;
}

/* "Strata ... ordered by their key"; "allocation is proportional to the
 * strata sizes by largest remainder" */
static void
test_strata_and_allocation(void **state)
{
	struct sample s;
	struct cairn_err err = { 0 };
	long id = with_population(60, 30, 10);

	(void)state;
	assert_int_equal(draw(id, "10", NULL, "1", NULL, NULL, &s, &err), CAIRN_OK);
	sample_free(&s);
	assert_int_equal(app_sample_load(st, id, &s, &err), CAIRN_OK);
	assert_int_equal(s.nstrata, 3);
	assert_string_equal(s.strata[0].key, "{\"category\":\"A\"}");
	assert_string_equal(s.strata[1].key, "{\"category\":\"B\"}");
	assert_string_equal(s.strata[2].key, "{\"category\":\"C\"}");
	assert_int_equal(s.strata[0].allocated, 6);
	assert_int_equal(s.strata[1].allocated, 3);
	assert_int_equal(s.strata[2].allocated, 1);
	assert_int_equal(s.info.size, 10);
	assert_int_equal(s.info.population_size, 100);
	sample_free(&s);
}

/* "with at least K per stratum (or the whole stratum when smaller)"; "An
 * impossible minimum is an error, never a silent change." */
static void
test_minimum_per_stratum(void **state)
{
	struct sample s;
	struct cairn_err err = { 0 };
	long id = with_population(60, 30, 1);
	long sum = 0;

	(void)state;
	assert_int_equal(draw(id, "10", "3", "1", NULL, NULL, &s, &err), CAIRN_OK);
	for (size_t i = 0; i < s.nstrata; i++) {
		assert_true(s.strata[i].allocated >= (s.strata[i].population < 3 ? 1 : 3));
		sum += s.strata[i].allocated;
	}
	assert_int_equal(sum, 10);
	sample_free(&s);
	id = with_population(60, 30, 10);
	assert_int_equal(draw(id, "10", "5", "1", NULL, NULL, &s, &err), CAIRN_EDATA);
	assert_true(strstr(err.msg, "minimum") != NULL || strstr(err.msg, "min") != NULL);
}

/* "The same population, options and seed give the same sample" */
static void
test_reproducible(void **state)
{
	struct sample a, b, c;
	struct cairn_err err = { 0 };
	long x = with_population(60, 30, 10), y = with_population(60, 30, 10);
	long z = with_population(60, 30, 10);
	bool differ = false;

	(void)state;
	assert_int_equal(draw(x, "20", NULL, "20240425", "2", "10", &a, &err), CAIRN_OK);
	assert_int_equal(draw(y, "20", NULL, "20240425", "2", "10", &b, &err), CAIRN_OK);
	assert_int_equal(draw(z, "20", NULL, "20240426", "2", "10", &c, &err), CAIRN_OK);
	assert_int_equal(a.nmembers, b.nmembers);
	for (size_t i = 0; i < a.nmembers; i++) {
		assert_string_equal(a.members[i].ref, b.members[i].ref);
		assert_int_equal(a.members[i].reserve, b.members[i].reserve);
		assert_int_equal(a.members[i].double_read, b.members[i].double_read);
		differ |= i < c.nmembers && strcmp(a.members[i].ref, c.members[i].ref) != 0;
	}
	assert_true(differ);
	sample_free(&a);
	sample_free(&b);
	sample_free(&c);
}

/* "Up to R more children per stratum are drawn after the sample, as
 * reserves"; "PCT percent of the sample (rounded half up)" */
static void
test_reserves_and_double_reads(void **state)
{
	struct sample s;
	struct cairn_err err = { 0 };
	long id = with_population(60, 30, 10);
	size_t reserves = 0, doubles = 0;

	(void)state;
	assert_int_equal(draw(id, "10", NULL, "3", "2", "25", &s, &err), CAIRN_OK);
	for (size_t i = 0; i < s.nmembers; i++) {
		reserves += s.members[i].reserve;
		if (s.members[i].double_read) {
			assert_false(s.members[i].reserve);
			doubles++;
		}
	}
	assert_int_equal(reserves, 6);
	assert_int_equal(doubles, 3); /* 25% of 10 = 2.5, rounded half up */
	sample_free(&s);
}

/* "replaces a selected record that cannot be read by the first unused
 * reserve of the same stratum; the replacement takes over the
 * double-read mark" */
static void
test_replace(void **state)
{
	struct actor local = actor_cli(NULL);
	struct sample s;
	struct cairn_err err = { 0 };
	long id = with_population(60, 30, 10);
	const struct sample_member *victim = NULL, *first_reserve = NULL, *m;
	char vref[32], rref[32];
	char *by = NULL;

	(void)state;
	assert_int_equal(draw(id, "10", NULL, "5", "1", "100", &s, &err), CAIRN_OK);
	for (size_t i = 0; i < s.nmembers; i++)
		if (s.members[i].stratum == 0 && !s.members[i].reserve && victim == NULL)
			victim = &s.members[i];
	for (size_t i = 0; i < s.nmembers; i++)
		if (s.members[i].stratum == 0 && s.members[i].reserve && first_reserve == NULL)
			first_reserve = &s.members[i];
	if (victim == NULL || first_reserve == NULL) {
		fail_msg("no selected record or no reserve in the first stratum");
		return;
	}
	assert_true(victim->double_read);
	snprintf(vref, sizeof(vref), "%s", victim->ref);
	snprintf(rref, sizeof(rref), "%s", first_reserve->ref);
	sample_free(&s);

	assert_int_equal(app_sample_replace(st, &local, id, rref, "x", &by, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	assert_int_equal(app_sample_replace(st, &local, id, vref, "file not found", &by, &err),
	    CAIRN_OK);
	assert_string_equal(by, rref);
	free(by);
	by = NULL;
	assert_int_equal(app_sample_load(st, id, &s, &err), CAIRN_OK);
	if ((m = sample_find(&s, vref)) == NULL || m->replaced_by == NULL) {
		fail_msg("'%s' is no longer in the sample", vref);
		return;
	}
	assert_int_equal(m->status, SAMPLE_REPLACED);
	assert_string_equal(m->replaced_by, rref);
	if ((m = sample_find(&s, rref)) == NULL) {
		fail_msg("'%s' is no longer in the sample", rref);
		return;
	}
	assert_int_equal(m->status, SAMPLE_SELECTED);
	assert_true(m->double_read);
	sample_free(&s);
	/* Already replaced; and the stratum has no reserve left. */
	assert_int_equal(app_sample_replace(st, &local, id, vref, "again", &by, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	assert_int_equal(app_sample_replace(st, &local, id, rref, "again", &by, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	assert_int_equal(app_sample_replace(st, &local, id, "NOPE", "x", &by, &err), CAIRN_EDATA);
}

/* The refusals: larger than the population, an unknown stratum column
 * (the valid columns listed), a second draw; nothing is stored. */
static void
test_refusals(void **state)
{
	struct actor local = actor_cli(NULL);
	struct sample_request bad = { .size = "5", .strata = "colour", .seed = "1" };
	struct sample s;
	struct cairn_err err = { 0 };
	long id = with_population(5, 3, 2);

	(void)state;
	assert_int_equal(draw(id, "11", NULL, "1", NULL, NULL, &s, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	assert_int_equal(app_sample_draw(st, &local, id, &bad, &s, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "category"));
	cairn_err_clear(&err);
	assert_int_not_equal(app_sample_load(st, id, &s, &err), CAIRN_OK);
	cairn_err_clear(&err);
	assert_int_equal(draw(id, "5", NULL, "1", NULL, NULL, &s, &err), CAIRN_OK);
	sample_free(&s);
	assert_int_equal(draw(id, "5", NULL, "2", NULL, NULL, &s, &err), CAIRN_EDATA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strata_and_allocation),
		cmocka_unit_test(test_minimum_per_stratum),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_reserves_and_double_reads),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
