/*
 * The inspection's lifecycle: its stages as data per programme
 * (data/models/FRAMEWORK/stages.json, or data/models/default/stages.json), moves between
 * them with the rules that keep a move from skipping a required step, and
 * the week plan from the notification date with school-holiday weeks not
 * counted.
 *
 * A stage file:
 *   { "framework": "at-risk-2021", "title": "...", "weeks": 22,
 *     "source": "..." (optional),
 *     "stages": [ { "code": "notified", "title": "Notified", "week": 1,
 *                   "required": true,
 *                   "requires": ["all-graded", "panel-signoff"] (optional) },
 *                 ... ] }
 * "week" (optional) is the working week, counted from 1 at notification,
 * by which the stage is due to start.  "requires" names checks made when
 * the inspection moves into the stage.
 */
#ifndef CAIRN_APP_STAGE_H
#define CAIRN_APP_STAGE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "app/access/audit.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "store/work.h"

struct store;

/* Checks made when an inspection moves into a stage (bits). */
enum stage_check {
	STAGE_CHECK_ALL_GRADED = 1u << 0, /* "all-graded": every evaluated indicator graded */
	STAGE_CHECK_SIGNOFF = 1u << 1,    /* "panel-signoff": a standing panel sign-off */
};

/* One stage of a programme. */
struct stage_def {
	char *code;      /* e.g. "records-reading"; malloc'd */
	char *title;     /* e.g. "Records reading"; malloc'd */
	int week;        /* working week due, from 1; 0 when not planned */
	bool required;   /* a forward move may not skip it */
	unsigned checks; /* enum stage_check bits */
};

/* A programme's stages in order. */
struct stage_plan {
	char *framework;          /* framework code it is for, or "default"; malloc'd */
	char *title;              /* malloc'd */
	int weeks;                /* standard length, notification to publication */
	struct stage_def *stages; /* in order; malloc'd */
	size_t n;
};
/* Releases a plan's contents. */
void stage_plan_free(struct stage_plan *p);

/* Parses a stage file (JSON of length len); name prefixes errors. */
int stage_plan_parse(const char *json, size_t len, const char *name, struct stage_plan *p,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the shipped plan for a framework (its own file or the default). */
int stage_plan_for(const char *framework, struct stage_plan *p, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* The stage plan of framework: an imported pack's stored stages.json, else
 * as stage_plan_for. */
int stage_plan_of(struct store *st, const char *framework, struct stage_plan *p,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Returns the index of the stage with code, or -1. */
int stage_plan_find(const struct stage_plan *p, const char *code);

/* Where an inspection is in its lifecycle. */
struct stage_state {
	struct stage_plan plan;   /* its programme's stages */
	struct stage_move *moves; /* every move, oldest first */
	size_t nmoves;
	size_t current;    /* index into plan.stages */
	char since[11];    /* date the current stage began ("" if unknown) */
	char notified[11]; /* the inspection's notification date, or "" */
};
/* Releases a state's contents. */
void stage_state_free(struct stage_state *s);
/* Returns s's moves as a new JSON array of {stage, date, by, recorded_at},
 * oldest first: the same for the API and `cairn stage --json` (the caller
 * names the people "by" and owns the array). */
json_t *stage_moves_json(const struct stage_state *s);
/* Loads inspection id's lifecycle. */
int app_stage_state(struct store *st, long id, struct stage_state *s, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* The stage name app_stage_move takes for "the stage after the current one". */
#define STAGE_NEXT "next"

/*
 * Moves inspection id to stage (a code of its plan, or STAGE_NEXT) on date
 * (YYYY-MM-DD).  Refused, with the
 * reason, when: the stage is unknown; it is the current stage; a forward
 * move skips a required stage; the stage's checks fail (ungraded
 * evaluated indicators, no standing panel sign-off); the date is before
 * the current stage began; the inspection is published and the move goes
 * back; STAGE_NEXT at the plan's last stage.  Moving to "published" also
 * sets the publication date.
 */
int app_stage_move(struct store *st, const struct actor *who, long id, const char *stage,
    const char *date, struct cairn_err *err) __attribute__((warn_unused_result));

/* School holidays: a set of date ranges. */
struct holidays {
	struct cdate *from; /* range starts; malloc'd */
	struct cdate *to;   /* range ends, inclusive; malloc'd */
	size_t n;
};
/* Releases the ranges. */
void holidays_free(struct holidays *h);
/*
 * Parses a holidays file: one "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD"
 * per line, optionally followed by white space and a name; blank lines
 * and lines starting with '#' are ignored.  Every error goes to errs with
 * its line and column; returns CAIRN_EDATA (nothing kept) if there was any.
 */
int holidays_parse(const char *text, size_t len, struct holidays *h, struct csv_errors *errs)
    __attribute__((warn_unused_result));
/* Most holidays holidays_parse_written takes. */
#define HOLIDAYS_WRITTEN_MAX 200
/*
 * Parses school holidays as people write them in a form (the stage page):
 * holidays separated by new lines or commas, each a date or a first and
 * last day joined by "to", "..", a dash with spaces around it or an en
 * dash, every date as date_parse_written reads it ("12 October 2026",
 * "12/10/2026", "2026-10-12").  Returns CAIRN_EDATA at field "holidays"
 * (nothing kept in *h) with a message in plain words naming the first
 * date that is not one or the holiday that ends before it starts.
 */
int holidays_parse_written(const char *text, struct holidays *h, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Returns true if at least 3 of the 5 weekdays of the 7 days starting at
 * day (a date_to_days() number) fall in a holiday. */
bool holidays_week(const struct holidays *h, long day);

/* How a stage stands on the timeline. */
enum timeline_status {
	TIMELINE_DONE = 0,  /* reached and passed */
	TIMELINE_CURRENT,   /* the inspection is at this stage */
	TIMELINE_DUE,       /* not reached; due on or after today */
	TIMELINE_OVERDUE,   /* not reached; due before today */
	TIMELINE_UNPLANNED, /* not reached; the plan gives no week */
	TIMELINE__MAX
};
/* Codes of the statuses ("done", "current", ...), by enum. */
extern const char *const timeline_status_code[TIMELINE__MAX];

/* One row of a timeline. */
struct timeline_row {
	const struct stage_def *stage; /* borrowed from the state's plan */
	int week;                      /* working week (scaled), 0 if unplanned */
	char due[11];                  /* first day of that week, or "" */
	char done[11];                 /* date it was reached, or "" */
	enum timeline_status status;
};

/* An inspection's week plan. */
struct timeline {
	struct stage_state state;  /* where the inspection is */
	int weeks;                 /* plan length used */
	char today[11];            /* the date the statuses are judged on */
	char end[11];              /* last day of the last working week */
	long holiday_weeks;        /* holiday weeks skipped before the end */
	struct timeline_row *rows; /* one per stage; malloc'd */
	size_t n;
};
/* Releases a timeline's contents. */
void timeline_free(struct timeline *t);

/*
 * Lays out inspection id's week plan from its notification date.  weeks
 * is the plan's length (0 for the programme's standard; other lengths
 * scale every stage's week in proportion); h (may be NULL) gives the
 * school holidays, whose weeks are not counted.  CAIRN_EDATA if the
 * inspection has no notification date.
 */
int app_timeline(struct store *st, long id, int weeks, const struct holidays *h, struct timeline *t,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Inspection id's week plan t as JSON (notified, weeks, end, holiday_weeks,
 * today, the current stage and each stage's week, due, done and status):
 * the one builder of `cairn timeline --json` and GET
 * /api/v1/inspections/{id}/timeline.  The caller owns the reference. */
json_t *timeline_json(long id, const struct timeline *t);

#endif
