/*
 * The report's area: the council area an inspection's partnership stands
 * for, and the report sections made from that area's data.  The area is
 * found by matching the partnership's name (or an explicit name or code
 * given for the report) against the council areas of the open data
 * shipped with Cairn (app/outcomes/context.h: any spelling the lookup knows) and
 * the areas of the imported outcome indicators (store/outcome.h).  Then:
 *
 * - the context chapter gets the open-data figures (children aged 0-17 and
 *   their SIMD spread, the LGBF benchmarking indicators against Scotland,
 *   the registered care services and their grades), each with its source
 *   and year;
 * - the outcomes chapter gets, per indicator with data for the area, the
 *   values by deprivation group per period, the SII and RII per period and
 *   the trend verdict (app/outcomes/gap.h), as tables and charts.  Group counts
 *   below the disclosure threshold are suppressed, and every measure that
 *   could reveal them is withheld.
 *
 * Each part is added only when its data exists.
 */
#ifndef CAIRN_APP_REPORT_AREA_H
#define CAIRN_APP_REPORT_AREA_H

#include <stdbool.h>

#include "app/outcomes/context.h"
#include "core/err.h"
#include "render/doc.h"

struct store;

/* Longest list of names tried for an area. */
#define REPORT_AREA_KEYS 8

/* The area of an inspection, as found. */
struct report_area {
	bool explicit_area;               /* given by the caller, not matched by name */
	bool has_context;                 /* ctx holds the open data's figures */
	struct context *ctx;              /* the context (owned; NULL without one) */
	char keys[REPORT_AREA_KEYS][128]; /* names and codes to look outcomes up by */
	int nkeys;
	char outcome_area[128]; /* the key outcomes were found under, "" if none */
	char name[128];         /* the area's name for text ("" when not found) */
};

/*
 * Finds the area of partnership (or of the explicit area when not NULL)
 * in the open data of data_dir (NULL: context_data_dir's default) and
 * among the outcome indicators' areas.  Without a match *out says so
 * (no context, no outcome area) and CAIRN_OK is returned, unless the area
 * was explicit: then CAIRN_EDATA naming the area.  A missing open-data
 * folder only means there is no context.
 */
int report_area_find(struct store *st, const char *partnership, const char *explicit_area,
    const char *data_dir, struct report_area *out, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Frees the contents of an area; no-op on a zeroed one. */
void report_area_free(struct report_area *a);

/* Adds the open-data figures to the context section s (nothing without
 * context).  threshold: the disclosure threshold for the children counts. */
void report_area_context(const struct report_area *a, struct doc_section *s, long threshold);

struct gap_result;
/*
 * Computes the gap of one indicator for the area as the report and the
 * outcomes page show it (no simulation; beside Scotland when there are
 * data for it): the same call for the page and the API.  CAIRN_EDATA when
 * the area has no outcome data or none for the indicator.  Free out with
 * gap_result_free.
 */
int report_area_gap(struct store *st, const struct report_area *a, const char *indicator,
    long threshold, struct gap_result *out, struct cairn_err *err)
    __attribute__((warn_unused_result));
/*
 * Adds the outcomes chapter (titled title) and one sub-section per
 * indicator that has data for the area to doc; nothing without any.
 */
int report_area_outcomes(struct store *st, const struct report_area *a, struct doc *doc,
    const char *title, long threshold, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
