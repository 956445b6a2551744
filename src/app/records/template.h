/*
 * Reading templates: the structured questions a reader answers about one
 * child's records.  A template is data attached to a framework: items,
 * each with an answer type and the quality indicators it informs, some
 * answerable per agency.  Cairn ships one per framework that has records
 * reading (data/models/FRAMEWORK/records.json, code FRAMEWORK-records); users import their own
 * from JSON, checked with precise errors ("items[3].answer: ...").
 */
#ifndef CAIRN_APP_TEMPLATE_H
#define CAIRN_APP_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "app/access/audit.h"
#include "core/err.h"
#include "core/model.h"

struct store;

/* Kinds of answer, indexing answer_type_code. */
enum answer_type {
	ANSWER_SIX_POINT = 0, /* a level of the framework's scale: 1..6 or its label */
	ANSWER_YES_NO_NA,     /* yes, no or na (not applicable) */
	ANSWER_LIST,          /* one of the item's choices */
	ANSWER_TEXT,          /* free text */
	ANSWER__MAX
};
/* Codes used in template JSON ("six-point", "yes-no-na", "list", "text"). */
extern const char *const answer_type_code[ANSWER__MAX];

/* One question of a template. */
struct template_item {
	char *code; /* stable code, e.g. "child-plan" */
	char *text; /* the question */
	enum answer_type answer;
	char **choices; /* ANSWER_LIST: the valid answers */
	size_t nchoices;
	char **qis; /* codes of the indicators it informs */
	size_t nqis;
	bool per_agency; /* answered once per agency whose records were read */
};

/* An agency whose records may be read. */
struct template_agency {
	char *code; /* e.g. "social-work" */
	char *name; /* e.g. "Social work" */
};

/* A template; owned strings; free with template_free(). */
struct template
{
	char *code;      /* e.g. "cyp-2014-records" */
	char *framework; /* framework code */
	char *title;
	struct template_agency *agencies; /* in order */
	size_t nagencies;
	struct template_item *items; /* in order */
	size_t nitems;
	bool builtin; /* shipped with Cairn */
};
void template_free(struct template *t);

/* Template t as JSON (code, framework, title, builtin, agencies, items
 * with their answer kind, indicators and choices): the one builder of
 * `cairn template show --json` and GET /api/v1/templates/{code}.  The
 * caller owns the reference. */
json_t *template_show_json(const struct template *t);

/* Parses template JSON; fw (may be NULL) checks the framework code and the
 * indicator codes.  CAIRN_EDATA naming the JSON path of the first problem. */
int template_parse(const char *json, size_t len, const struct framework *fw, struct template *out,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Returns the item with this code, or NULL. */
const struct template_item *template_item(const struct template *t, const char *code);
/* Returns the agency with this code (case-insensitive), or NULL. */
const struct template_agency *template_agency(const struct template *t, const char *code);

/*
 * Checks an answer to item it and writes its canonical form into out:
 * the level number for six-point items, "yes"/"no"/"na", the choice as
 * spelled in the template, or the text itself.  CAIRN_EDATA listing the
 * valid answers otherwise.
 */
int template_answer(const struct template_item *it, const struct scale *scale, const char *text,
    char *out, size_t outsz, struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads the template an inspection reads with (chosen with
 * app_template_use, or its framework's shipped one) and the framework. */
int app_template_for(struct store *st, long insp, struct template *out, struct framework *fw,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads a template by code (stored or shipped). */
int app_template_load(struct store *st, const char *code, struct template *out,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Imports a user template from a JSON file; sets *code (malloc'd). */
int app_template_import(struct store *st, const struct actor *who, const char *path, char **code,
    struct cairn_err *err) __attribute__((warn_unused_result));
/*
 * Imports the template in text (len bytes; name, the file's name, prefixes
 * every error), as app_template_import does: the one import every front
 * end reaches.  A malformed template is CAIRN_EDATA naming the line and
 * column (JSON syntax) or the field, with err->field "file"; nothing is
 * stored on error.  Needs ACTION_MANAGE_REFERENCE.  Sets *code (malloc'd,
 * caller frees).
 */
int app_template_import_text(struct store *st, const struct actor *who, const char *name,
    const char *text, size_t len, char **code, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Makes inspection insp read with template code. */
int app_template_use(struct store *st, const struct actor *who, long insp, const char *code,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* One template an inspection may read with, for a list to choose from. */
struct template_choice {
	char *code;   /* e.g. "cyp-2014-records" (malloc'd) */
	char *title;  /* the template's title, what a person chooses by (malloc'd) */
	bool builtin; /* shipped with Cairn */
	bool current; /* the one the inspection reads with now */
};
/* Frees an array of choices and the array. */
void template_choices_free(struct template_choice *v, size_t n);
/*
 * Lists the templates inspection insp may read with: those of its
 * framework, shipped first, with the one it reads with now marked (the
 * choice the browser and the API offer, by title).  Needs
 * ACTION_VIEW_INSPECTION; *out is malloc'd (free with
 * template_choices_free).
 */
int app_template_choices(struct store *st, const struct actor *who, long insp,
    struct template_choice **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists the codes of every template (shipped first), malloc'd. */
int app_template_codes(struct store *st, char ***codes, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* The n template codes of app_template_codes() as a JSON array of strings:
 * the one builder of `cairn template list --json` and GET /api/v1/templates'
 * "templates".  The caller owns the reference. */
json_t *template_codes_json(char *const *codes, size_t n);

#endif
