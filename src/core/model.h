/*
 * The vocabulary of Cairn: frameworks, scales, quality indicators,
 * inspections, evaluations and findings, as plain structs shared by every
 * layer.  Strings are malloc'd and owned by the struct that holds them;
 * each *_free() releases a struct's contents (never the struct itself) and
 * is a no-op on a zeroed struct.
 */
#ifndef CAIRN_CORE_MODEL_H
#define CAIRN_CORE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/fieldwork.h"

/* One level of a rating scale. */
struct scale_level {
	int value;         /* the number, e.g. 6 for Excellent */
	char *label;       /* e.g. "Very good" */
	char *short_desc;  /* short descriptor, e.g. "Major strengths" */
	char *description; /* full descriptor */
};

/* A named rating scale: 6-point, ILACS 4-point, ... */
struct scale {
	char *code;                 /* e.g. "six-point" */
	char *name;                 /* e.g. "Six-point scale" */
	struct scale_level *levels; /* sorted from highest value to lowest */
	size_t nlevels;             /* number of levels (at least 2) */
};

/* A key question (report chapter) or area grouping indicators. */
struct key_question {
	char *code;  /* short code, e.g. "KQ1" */
	char *title; /* e.g. "How well are the lives of children ... improving?" */
};

/* A quality indicator (or judgement area). */
struct qi {
	char *code;     /* e.g. "5.2" */
	char *title;    /* as published */
	char *kq;       /* code of its key question */
	bool evaluated; /* graded in published reports */
	bool uncertain; /* number or title not confirmed in sources */
	char *note;     /* provenance or uncertainty note, may be NULL */
};

/* A framework: key questions, indicators and a scale. */
struct framework {
	long id;                  /* database id, 0 if not stored */
	char *code;               /* e.g. "cyp-2014" */
	char *title;              /* full title */
	char *programme;          /* inspection programme it belongs to */
	char *note;               /* provenance note, may be NULL */
	struct scale scale;       /* its rating scale */
	struct key_question *kqs; /* key questions in report order */
	size_t nkqs;
	struct qi *qis; /* indicators in framework order */
	size_t nqis;
};

/* Releases the contents of a framework. */
void framework_free(struct framework *f);
/* Returns the indicator with the given code, or NULL. */
const struct qi *framework_qi(const struct framework *f, const char *code);
/* Returns the key question with the given code, or NULL. */
const struct key_question *framework_kq(const struct framework *f, const char *code);
/* Returns the number of indicators marked evaluated. */
size_t framework_evaluated_count(const struct framework *f);
/* Returns the level with the given value, or NULL. */
const struct scale_level *scale_level_of(const struct scale *s, int value);
/* Parses a grade given as a level number ("4") or a label in any case
 * ("very good"); returns true and sets *value on success. */
bool scale_parse(const struct scale *s, const char *text, int *value);
/* Returns the highest and lowest values of the scale. */
int scale_top(const struct scale *s);
int scale_bottom(const struct scale *s);

/* The confidence statement's level. */
enum confidence {
	CONFIDENCE_NONE = 0, /* not yet stated */
	CONFIDENCE_HIGH,     /* "high level of confidence" */
	CONFIDENCE_CONFIDENT,
	CONFIDENCE_PARTIAL, /* partially confident */
	CONFIDENCE_NOT,     /* not confident */
	CONFIDENCE__MAX
};

/* Names of the confidence levels, indexed by enum confidence. */
struct confidence_info {
	const char *code;   /* command-line and JSON code, e.g. "partially-confident" */
	const char *label;  /* e.g. "Partially confident" */
	const char *phrase; /* e.g. "partially confident" for prose */
};
extern const struct confidence_info confidence_table[CONFIDENCE__MAX];
/* Returns the level for a code, or CONFIDENCE_NONE when unknown. */
enum confidence confidence_parse(const char *code);

/* The kind of a finding. */
enum finding_kind {
	FINDING_STRENGTH = 0, /* a particular strength */
	FINDING_IMPROVEMENT,  /* an area for improvement */
	FINDING__MAX
};
/* Codes of finding kinds ("strength", "improvement"), by enum. */
extern const char *const finding_kind_code[FINDING__MAX];
/* Returns the kind for a code, or -1. */
int finding_kind_parse(const char *code);

/* An inspection as stored.  Dates are "YYYY-MM-DD" or "" when not set. */
struct inspection {
	long id;
	char *partnership;       /* community planning partnership */
	char *title;             /* report title */
	char *framework_code;    /* framework it is graded against */
	char notified[11];       /* notification date */
	char fieldwork_from[11]; /* fieldwork start */
	char fieldwork_to[11];   /* fieldwork end */
	char published[11];      /* publication date */
	char **agencies;         /* inspectorates taking part */
	size_t nagencies;
	char **methods; /* methods used, in prose ("read 104 records") */
	size_t nmethods;
	char *context; /* partnership context, Markdown; may be NULL */
	enum confidence confidence;
	char *confidence_text; /* confidence statement text; may be NULL */
};

/* Releases the contents of an inspection. */
void inspection_free(struct inspection *in);
/*
 * Writes the partnership's area as prose into out (outsz bytes) and
 * returns out: "NAME community planning partnership area", or "NAME area"
 * when NAME already says it is a partnership (it ends in "Partnership" or
 * "CPP", any case).
 */
/* Room for partnership_area() with any partnership name Cairn accepts. */
#define PARTNERSHIP_AREA_MAX 320
const char *partnership_area(const char *name, char *out, size_t outsz);

/* A grade given to one indicator. */
struct evaluation {
	char *qi;        /* indicator code */
	int grade;       /* scale level value */
	char *rationale; /* may be NULL */
};

/* A strength or area for improvement. */
struct finding {
	long id;
	enum finding_kind kind;
	char *text;
	char **qis; /* indicator codes it relates to */
	size_t nqis;
	long *evidence; /* numbers of the evidence it rests on, ascending */
	size_t nevidence;
	/* Beside evidence: true where that item was withdrawn after it was
	 * linked (it counts nowhere); malloc'd, NULL when not loaded. */
	bool *evidence_withdrawn;
};

/* Returns true if finding f's i-th evidence item was withdrawn after it was
 * linked (false when that was not loaded). */
bool finding_evidence_withdrawn(const struct finding *f, size_t i);

/* Releases arrays of evaluations and findings (and the arrays). */
void evaluations_free(struct evaluation *v, size_t n);
void findings_free(struct finding *v, size_t n);
/* Frees an array of n malloc'd strings and the array. */
void strv_free(char **v, size_t n);

/* A framework's headline, for listings. */
struct framework_summary {
	char *code; /* e.g. "cyp-2014" */
	char *title;
	char *programme;
	char *scale_name;
	int nlevels;    /* levels in its scale */
	int nqis;       /* indicators */
	int nevaluated; /* indicators graded in reports */
	bool builtin;   /* shipped with Cairn */
};
/* Frees an array of framework summaries and the array. */
void framework_summaries_free(struct framework_summary *v, size_t n);
/* Frees an array of inspections. */
void inspections_free(struct inspection *v, size_t n);

/*
 * Everything stored about one inspection that its outputs are made from:
 * the report, the news release and every page show a dossier, so that they
 * cannot disagree.  Owned by the dossier; free with dossier_free().
 */
struct dossier {
	struct inspection in;     /* the inspection */
	struct framework fw;      /* its framework */
	struct evaluation *evals; /* grades, in framework order */
	size_t nevals;
	struct finding *findings; /* strengths and areas for improvement */
	size_t nfindings;
	struct fieldwork_methods methods; /* what the methods paragraph says, from the data */
	char *quote;                      /* the release's attributed quote, may be NULL */
	char *quote_by;                   /* "NAME, ROLE", may be NULL */
	char *report_url;                 /* the published report's address, may be NULL */
	size_t young_inspectors;          /* young inspectors on the team */
	char *release_template;           /* an imported pack's release.json, else NULL */
	char *embargo_line;  /* "Embargoed until 00:01 Tuesday 3 March 2026", or NULL */
	char *media_contact; /* the media contact set with the embargo, or NULL */
};

/* Releases the contents of a dossier. */
void dossier_free(struct dossier *d);
/* Returns the evaluation of an indicator, or NULL if it is not graded. */
const struct evaluation *dossier_grade(const struct dossier *d, const char *qi);

#endif
