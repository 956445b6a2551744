/*
 * The partnership's context from real open data shipped with Cairn
 * (data/scotland/, see its README.md for provenance and licences):
 * children aged 0-17 and their spread across SIMD 2020 quintiles (NRS
 * small-area estimates mid-2021 joined to SIMD 2020v2 by data zone), the
 * children's-services benchmarking indicators (LGBF) for the area against
 * Scotland over time, and the registered children's care services in the
 * area with the distribution of their latest grades (Care Inspectorate
 * datastore).  Every figure carries its source and year.
 */
#ifndef CAIRN_APP_CONTEXT_H
#define CAIRN_APP_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* LGBF indicators reported, in this order. */
#define CONTEXT_LGBF_MAX 12
/* Years of an LGBF series kept. */
#define CONTEXT_YEARS_MAX 16
/* Kinds of care service counted. */
#define CONTEXT_SERVICE_KINDS 12

/* Where a figure comes from. */
struct context_source {
	const char *publisher; /* e.g. "National Records of Scotland" */
	const char *dataset;   /* e.g. "Small area population estimates, mid-2021" */
	const char *file;      /* file name in the data directory */
	const char *licence;   /* e.g. "Open Government Licence v3.0" */
};

/* One year of an LGBF indicator. */
struct context_year {
	char year[16];   /* e.g. "2019-20" */
	double area;     /* the area's value, NaN when not available */
	double scotland; /* Scotland's value, NaN when not available */
};

/* One LGBF indicator for the area and Scotland. */
struct context_lgbf {
	const char *code;      /* e.g. "CHN9" */
	char title[200];       /* as published */
	bool higher_is_better; /* LGBF's one_is_high */
	struct context_year years[CONTEXT_YEARS_MAX];
	size_t nyears;
};

/* Registered care services of one kind. */
struct context_service_kind {
	char kind[80]; /* e.g. "Care Home Service" */
	long count;    /* active services */
};

/* Everything the context chapter needs. */
struct context {
	char area_code[16]; /* e.g. "S12000028" */
	char area_name[64]; /* NRS spelling */
	/* children */
	long children;             /* aged 0-17, mid-2021 */
	long children_quintile[5]; /* by SIMD 2020v2 quintile, 1 = most deprived */
	long scotland_children;    /* Scotland aged 0-17 */
	long scotland_quintile[5];
	int population_year; /* 2021 */
	struct context_source population_source;
	struct context_source simd_source;
	/* benchmarking */
	struct context_lgbf lgbf[CONTEXT_LGBF_MAX];
	size_t nlgbf;
	struct context_source lgbf_source;
	/* care services */
	long services; /* active registered children's services */
	struct context_service_kind kinds[CONTEXT_SERVICE_KINDS];
	size_t nkinds;
	long places;             /* registered places (where given) */
	long min_grade[7];       /* services by lowest latest key-question grade 1..6
	                             (index 0: not yet graded) */
	char services_as_at[16]; /* e.g. "2026-05" */
	struct context_source services_source;
};

/*
 * Returns the directory of the open data: dir if not NULL, else
 * $CAIRN_OPEN_DATA, else "data/scotland" (relative to the working
 * directory, as in a source checkout).
 */
const char *context_data_dir(const char *dir);

/*
 * Assembles the context of area (a council-area name in any spelling the
 * lookup knows, any case, or its S12 code) from the files in dir.
 * CAIRN_EDATA naming the valid areas when it is unknown; CAIRN_ENOINPUT
 * naming the file when one is missing.
 */
int app_context(const char *dir, const char *area, struct context *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Returns the context as JSON, the object `cairn context --json` prints and
 * GET /api/v1/inspections/{id}/context answers (caller owns the reference). */
json_t *context_json(const struct context *x);

/* Appends "CODE<TAB>NAME<LF>" to out for every council area of the open
 * data in dir (NULL: context_data_dir's default), Scotland excepted. */
int context_areas(const char *dir, struct buf *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
