/* Response scales as data: see rscale.h. */
#include "app/surveys/rscale.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "app/setup/jsonfield.h"
#include "core/embed.h"
#include "core/mem.h"
#include "core/text.h"

/* Longest code, label or name accepted, in bytes. */
#define RSCALE_TEXT_MAX 200
/* Most levels and aliases per level. */
#define RSCALE_LEVELS_MAX  20
#define RSCALE_ALIASES_MAX 20

/* Returns true if text matches a label or alias of the first n levels. */
static bool
taken(const struct survey_scale *s, size_t n, const char *text)
{
	struct survey_scale head = *s;

	head.nlevels = n;
	return survey_scale_match(&head, text) >= 0;
}

/* Parses the aliases of level l (index i) from the array a. */
static int
parse_aliases(json_t *a, struct survey_scale *s, size_t i, const char *name, const char *path,
    struct cairn_err *err)
{
	struct survey_level *l = &s->levels[i];
	json_t *v;
	size_t k;

	if (a == NULL)
		return CAIRN_OK;
	if (!json_is_array(a) || json_array_size(a) > RSCALE_ALIASES_MAX)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field %saliases: must be an array of at most "
		    "%d strings",
		    name, path, RSCALE_ALIASES_MAX);
	l->aliases = xcalloc(json_array_size(a) + 1, sizeof(char *));
	json_array_foreach(a, k, v)
	{
		char *t;

		if (jsonfield_text(v, RSCALE_TEXT_MAX, name, path, "aliases[]", &t, err))
			return CAIRN_EDATA;

		if (t == NULL)
			return CAIRN_EDATA;
		if (taken(s, i + 1, t)) {
			cairn_errf(err, CAIRN_EDATA, "%s: field %saliases: '%s' is already used",
			    name, path, t);
			free(t);
			return CAIRN_EDATA;
		}
		l->aliases[l->naliases++] = t;
	}
	return CAIRN_OK;
}

/* Parses the levels array into s. */
static int
parse_levels(json_t *levels, const char *name, struct survey_scale *s, struct cairn_err *err)
{
	static const char *const keys[] = { "label", "positive", "dont_know", "aliases", NULL };
	size_t i, npos = 0, ndk = 0, nneg = 0;
	json_t *lv;

	if (!json_is_array(levels) || json_array_size(levels) < 2 ||
	    json_array_size(levels) > RSCALE_LEVELS_MAX)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field levels: required, an array of 2 to %d "
		    "levels",
		    name, RSCALE_LEVELS_MAX);
	s->levels = xcalloc(json_array_size(levels), sizeof(*s->levels));
	json_array_foreach(levels, i, lv)
	{
		struct survey_level *l = &s->levels[i];
		char path[64];

		snprintf(path, sizeof(path), "levels[%zu].", i);
		if (!json_is_object(lv))
			return cairn_errf(err, CAIRN_EDATA, "%s: field %s: must be an object", name,
			    path);
		if (jsonfield_only(lv, keys, name, path, err) ||
		    jsonfield_str(lv, "label", true, RSCALE_TEXT_MAX, name, path, &l->label, err))
			return CAIRN_EDATA;
		s->nlevels = i + 1;
		if (jsonfield_bool(lv, "positive", false, false, name, path, &l->positive, err) ||
		    jsonfield_bool(lv, "dont_know", false, false, name, path, &l->dont_know, err))
			return CAIRN_EDATA;
		if (l->positive && l->dont_know)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field %s: a level cannot be both positive "
			    "and \"don't know\"",
			    name, path);
		if (taken(s, i, l->label))
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field %slabel: '%s' is already used", name, path, l->label);
		if (parse_aliases(json_object_get(lv, "aliases"), s, i, name, path, err))
			return CAIRN_EDATA;
		npos += l->positive;
		ndk += l->dont_know;
		nneg += !l->positive && !l->dont_know;
	}
	if (npos == 0 || nneg == 0)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field levels: needs at least one positive "
		    "level and one that is neither positive nor \"don't know\"",
		    name);
	if (ndk > 1)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field levels: at most one level may be "
		    "\"don't know\"",
		    name);
	return CAIRN_OK;
}

int
rscale_from_json(const char *text, size_t len, const char *name, struct survey_scale *s,
    struct cairn_err *err)
{
	static const char *const keys[] = { "code", "name", "levels", NULL };
	json_error_t jerr;
	json_t *root;
	int rc = CAIRN_EDATA;

	memset(s, 0, sizeof(*s));
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: line %d column %d: %s", name, jerr.line,
		    jerr.column, jerr.text);
	if (!json_is_object(root)) {
		cairn_errf(err, CAIRN_EDATA, "%s: the top level must be an object", name);
		goto out;
	}
	if (jsonfield_only(root, keys, name, "", err) ||
	    jsonfield_str(root, "code", true, RSCALE_TEXT_MAX, name, "", &s->code, err) ||
	    jsonfield_str(root, "name", true, RSCALE_TEXT_MAX, name, "", &s->name, err) ||
	    parse_levels(json_object_get(root, "levels"), name, s, err))
		goto out;
	rc = CAIRN_OK;
out:
	json_decref(root);
	if (rc != CAIRN_OK)
		survey_scale_free(s);
	return rc;
}

/* Returns the embedded file of the scale code, or NULL. */
static const struct embed_file *
scale_file(const char *code)
{
	char name[RSCALE_TEXT_MAX + 32];

	if (strchr(code, '/') != NULL || strlen(code) > RSCALE_TEXT_MAX)
		return NULL;
	snprintf(name, sizeof(name), "scales/%s.json", code);
	return embed_find(name);
}

int
rscale_load(const char *code, struct survey_scale *s, struct cairn_err *err)
{
	const struct embed_file *f = code != NULL ? scale_file(code) : NULL;
	char codes[512];

	memset(s, 0, sizeof(*s));
	if (f == NULL) {
		rscale_codes(codes, sizeof(codes));
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "scale",
		    "unknown response scale '%s'; valid: %s", code != NULL ? code : "", codes);
	}
	return rscale_from_json(f->data, f->len, f->name, s, err);
}

void
rscale_codes(char *out, size_t outsz)
{
	size_t len = 0;

	if (outsz == 0)
		return;
	out[0] = '\0';
	for (const struct embed_file *e = embed_files; e->name != NULL; e++) {
		const char *base = e->name + 7, *dot;
		int w;

		if (strncmp(e->name, "scales/", 7) != 0 || (dot = strstr(base, ".json")) == NULL)
			continue;
		w = snprintf(out + len, outsz - len, "%s%.*s", len ? ", " : "", (int)(dot - base),
		    base);
		if (w < 0 || (size_t)w >= outsz - len)
			break;
		len += (size_t)w;
	}
}
