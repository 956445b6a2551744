/* Crosswalks between model packs: see crosswalk.h. */
#include "app/setup/crosswalk.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/jsonfield.h"
#include "core/embed.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/store.h"

#define CROSSWALK_TEXT_MAX  4000
#define CROSSWALK_FILE_MAX  (1 << 20)
#define CROSSWALK_PACKS_MAX 64

const char *const crosswalk_rel_name[CROSSWALK_REL__MAX] = {
	[CROSSWALK_SAME] = "same",
	[CROSSWALK_SPLIT] = "split",
	[CROSSWALK_MERGED] = "merged",
	[CROSSWALK_NONE] = "none",
};
_Static_assert(sizeof(crosswalk_rel_name) / sizeof(crosswalk_rel_name[0]) == CROSSWALK_REL__MAX,
    "one name per relation");

static void
codes_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
crosswalk_free(struct crosswalk *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nlinks; i++) {
		codes_free(c->links[i].from, c->links[i].nfrom);
		codes_free(c->links[i].to, c->links[i].nto);
		free(c->links[i].note);
	}
	free(c->links);
	free(c->name);
	free(c->from);
	free(c->to);
	memset(c, 0, sizeof(*c));
}

void
crosswalk_set_free(struct crosswalk_set *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		crosswalk_free(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void
crosswalk_match_free(struct crosswalk_match *m)
{
	if (m == NULL)
		return;
	codes_free(m->codes, m->ncodes);
	free(m->broke);
	memset(m, 0, sizeof(*m));
}

/* Reads the array of indicator codes at key of link i; each must be an
 * indicator of fw. */
static int
read_codes(json_t *link, const char *key, size_t i, const struct framework *fw, const char *name,
    char ***out, size_t *n, struct cairn_err *err)
{
	json_t *a = json_object_get(link, key), *v;
	size_t k;

	*out = NULL;
	*n = 0;
	if (a == NULL || json_is_null(a))
		return CAIRN_OK;
	if (!json_is_array(a))
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field links[%zu].%s: must be an array of indicator codes, e.g. [\"2.1\"]",
		    name, i, key);
	*out = xcalloc(json_array_size(a) + 1, sizeof(char *));
	json_array_foreach(a, k, v)
	{
		char path[64];

		snprintf(path, sizeof(path), "links[%zu].", i);
		snprintf(path + strlen(path), sizeof(path) - strlen(path), "%s[%zu]", key, k);
		if (jsonfield_text(v, 32, name, "", path, &(*out)[*n], err))
			return CAIRN_EDATA;
		(*n)++;
		if (framework_qi(fw, (*out)[*n - 1]) == NULL)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field %s: '%s' is not an indicator of %s", name, path,
			    (*out)[*n - 1], fw->code);
		for (size_t j = 0; j + 1 < *n; j++)
			if (strcmp((*out)[j], (*out)[*n - 1]) == 0)
				return cairn_errf(err, CAIRN_EDATA,
				    "%s: field %s: '%s' is listed twice", name, path,
				    (*out)[*n - 1]);
	}
	return CAIRN_OK;
}

/* Checks the number of codes on each side suits the relation. */
static int
check_arity(const struct crosswalk_link *l, size_t i, const char *name, struct cairn_err *err)
{
	const char *want = NULL;

	switch (l->rel) {
	case CROSSWALK_SAME:
		if (l->nfrom != 1 || l->nto != 1)
			want = "\"same\" links one indicator to one";
		break;
	case CROSSWALK_SPLIT:
		if (l->nfrom != 1 || l->nto < 2)
			want = "\"split\" links one indicator to two or more";
		break;
	case CROSSWALK_MERGED:
		if (l->nfrom < 2 || l->nto != 1)
			want = "\"merged\" links two or more indicators to one";
		break;
	case CROSSWALK_NONE:
		if (l->nfrom < 1 || l->nto != 0)
			want = "\"none\" lists indicators under \"from\" and none under \"to\"";
		break;
	case CROSSWALK_REL__MAX: break;
	}
	if (l->nfrom == 0)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field links[%zu].from: required, one or more indicator codes", name, i);
	if (want != NULL)
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field links[%zu].to: %s (it has %zu to %zu)", name, i, want, l->nfrom,
		    l->nto);
	return CAIRN_OK;
}

/* Reads link i of c from v. */
static int
read_link(json_t *v, size_t i, const struct framework *fw_from, const struct framework *fw_to,
    const char *name, struct crosswalk_link *l, struct cairn_err *err)
{
	static const char *const keys[] = { "from", "to", "relation", "note", NULL };
	char path[32], *rel = NULL;
	int r;

	snprintf(path, sizeof(path), "links[%zu].", i);
	if (!json_is_object(v))
		return cairn_errf(err, CAIRN_EDATA, "%s: field links[%zu]: must be an object", name,
		    i);
	if (jsonfield_only(v, keys, name, path, err) ||
	    jsonfield_str(v, "relation", true, 16, name, path, &rel, err))
		return CAIRN_EDATA;
	for (r = 0; r < CROSSWALK_REL__MAX; r++)
		if (strcmp(rel, crosswalk_rel_name[r]) == 0)
			break;
	if (r == CROSSWALK_REL__MAX) {
		cairn_errf(err, CAIRN_EDATA,
		    "%s: field links[%zu].relation: '%s' is not a relation; valid: same, split, "
		    "merged, none",
		    name, i, rel);
		free(rel);
		return CAIRN_EDATA;
	}
	free(rel);
	l->rel = (enum crosswalk_rel)r;
	if (read_codes(v, "from", i, fw_from, name, &l->from, &l->nfrom, err) ||
	    read_codes(v, "to", i, fw_to, name, &l->to, &l->nto, err) ||
	    jsonfield_str(v, "note", false, CROSSWALK_TEXT_MAX, name, path, &l->note, err))
		return CAIRN_EDATA;
	return check_arity(l, i, name, err);
}

/* Checks no indicator is on the "from" side of two links and every
 * evaluated indicator of fw_from has a link. */
static int
check_cover(const struct crosswalk *c, const struct framework *fw_from, struct cairn_err *err)
{
	for (size_t i = 0; i < c->nlinks; i++)
		for (size_t k = 0; k < c->links[i].nfrom; k++)
			for (size_t j = 0; j < i; j++)
				for (size_t m = 0; m < c->links[j].nfrom; m++)
					if (strcmp(c->links[i].from[k], c->links[j].from[m]) == 0)
						return cairn_errf(err, CAIRN_EDATA,
						    "%s: field links[%zu].from[%zu]: '%s' is "
						    "already linked in links[%zu]",
						    c->name, i, k, c->links[i].from[k], j);
	for (size_t q = 0; q < fw_from->nqis; q++) {
		bool found = false;

		if (!fw_from->qis[q].evaluated)
			continue;
		for (size_t i = 0; i < c->nlinks && !found; i++)
			for (size_t k = 0; k < c->links[i].nfrom && !found; k++)
				found = strcmp(c->links[i].from[k], fw_from->qis[q].code) == 0;
		if (!found)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field links: indicator %s (evaluated in %s) has no link; add one, "
			    "with relation \"none\" if it has no successor in %s",
			    c->name, fw_from->qis[q].code, fw_from->code, c->to);
	}
	return CAIRN_OK;
}

/* Parses the top level of crosswalk text. */
static json_t *
load_root(const char *text, size_t len, const char *name, struct cairn_err *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);

	if (root == NULL) {
		cairn_errf(err, CAIRN_EDATA, "%s: line %d column %d: %s", name, jerr.line,
		    jerr.column, jerr.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		cairn_errf(err, CAIRN_EDATA, "%s: the top level must be an object", name);
		json_decref(root);
		return NULL;
	}
	return root;
}

int
crosswalk_packs(const char *text, size_t len, const char *name, char **from, char **to,
    struct cairn_err *err)
{
	json_t *root = load_root(text, len, name, err);
	int rc = CAIRN_EDATA;

	*from = *to = NULL;
	if (root == NULL)
		return CAIRN_EDATA;
	if (jsonfield_str(root, "from", true, 64, name, "", from, err) == CAIRN_OK &&
	    jsonfield_str(root, "to", true, 64, name, "", to, err) == CAIRN_OK)
		rc = CAIRN_OK;
	if (rc == CAIRN_OK && strcmp(*from, *to) == 0)
		rc = cairn_errf(err, CAIRN_EDATA,
		    "%s: field to: '%s' is also \"from\"; a crosswalk "
		    "joins two different packs",
		    name, *to);
	json_decref(root);
	if (rc != CAIRN_OK) {
		free(*from);
		free(*to);
		*from = *to = NULL;
	}
	return rc;
}

int
crosswalk_parse(const char *text, size_t len, const char *name, const struct framework *fw_from,
    const struct framework *fw_to, struct crosswalk *out, struct cairn_err *err)
{
	static const char *const keys[] = { "from", "to", "note", "sources", "links", NULL };
	json_t *root = load_root(text, len, name, err), *links, *v;
	char *note = NULL;
	size_t i;
	int rc = CAIRN_EDATA;

	memset(out, 0, sizeof(*out));
	if (root == NULL)
		return CAIRN_EDATA;
	out->name = xstrdup(name);
	if (jsonfield_only(root, keys, name, "", err) ||
	    jsonfield_str(root, "from", true, 64, name, "", &out->from, err) ||
	    jsonfield_str(root, "to", true, 64, name, "", &out->to, err) ||
	    jsonfield_str(root, "note", false, CROSSWALK_TEXT_MAX, name, "", &note, err))
		goto out;
	if (strcmp(out->from, fw_from->code) != 0 || strcmp(out->to, fw_to->code) != 0) {
		cairn_errf(err, CAIRN_EDATA, "%s: field %s: the frameworks given do not match",
		    name, strcmp(out->from, fw_from->code) != 0 ? "from" : "to");
		goto out;
	}
	v = json_object_get(root, "sources");
	if (!json_is_array(v) || json_array_size(v) == 0) {
		cairn_errf(err, CAIRN_EDATA,
		    "%s: field sources: required, a non-empty array saying where each link "
		    "came from",
		    name);
		goto out;
	}
	links = json_object_get(root, "links");
	if (!json_is_array(links) || json_array_size(links) == 0) {
		cairn_errf(err, CAIRN_EDATA, "%s: field links: required, a non-empty array", name);
		goto out;
	}
	out->links = xcalloc(json_array_size(links), sizeof(*out->links));
	json_array_foreach(links, i, v)
	{
		out->nlinks++;
		if (read_link(v, i, fw_from, fw_to, name, &out->links[i], err))
			goto out;
	}
	rc = check_cover(out, fw_from, err);
out:
	free(note);
	json_decref(root);
	if (rc != CAIRN_OK)
		crosswalk_free(out);
	return rc;
}

/* Checks crosswalk text against the frameworks stored in st. */
static int
check_text(struct store *st, const char *text, size_t len, const char *name, struct crosswalk *out,
    struct cairn_err *err)
{
	struct framework fa = { 0 }, fb = { 0 };
	char *from = NULL, *to = NULL;
	int rc;

	if ((rc = crosswalk_packs(text, len, name, &from, &to, err)) != CAIRN_OK)
		return rc;
	if (!store_framework_exists(st, from))
		rc = cairn_errf(err, CAIRN_EDATA,
		    "%s: field from: no pack or framework '%s' is loaded", name, from);
	else if (!store_framework_exists(st, to))
		rc = cairn_errf(err, CAIRN_EDATA,
		    "%s: field to: no pack or framework '%s' is loaded", name, to);
	else if ((rc = store_framework_load(st, from, &fa, err)) == CAIRN_OK &&
	    (rc = store_framework_load(st, to, &fb, err)) == CAIRN_OK)
		rc = crosswalk_parse(text, len, name, &fa, &fb, out, err);
	framework_free(&fa);
	framework_free(&fb);
	free(from);
	free(to);
	return rc;
}

int
app_crosswalk_load(struct store *st, struct crosswalk_set *out, struct cairn_err *err)
{
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	for (const struct embed_file *e = embed_files; e->name != NULL; e++) {
		size_t len = strlen(e->name);
		int rc;

		if (strncmp(e->name, "models/crosswalks/", 18) != 0 || len < 23 ||
		    strcmp(e->name + len - 5, ".json") != 0)
			continue;
		if (out->n == cap) {
			cap = cap ? 2 * cap : 8;
			out->v = xreallocarray(out->v, cap, sizeof(*out->v));
		}
		if ((rc = check_text(st, e->data, e->len, e->name, &out->v[out->n], err)) !=
		    CAIRN_OK) {
			crosswalk_set_free(out);
			return rc == CAIRN_EDATA ? CAIRN_ESOFTWARE : rc;
		}
		out->n++;
	}
	return CAIRN_OK;
}

int
app_crosswalk_check_text(struct store *st, const char *name, const char *text, size_t len,
    struct crosswalk *out, struct cairn_err *err)
{
	struct crosswalk c;
	int rc;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if (len > CROSSWALK_FILE_MAX)
		rc = cairn_errf(err, CAIRN_EDATA, "%s: larger than %d KiB", name,
		    (int)(CROSSWALK_FILE_MAX >> 10));
	else
		rc = check_text(st, text, len, name, &c, err);
	if (rc == CAIRN_EDATA && err != NULL && err->field[0] == '\0')
		text_copy(err->field, sizeof(err->field), "file");
	if (rc == CAIRN_OK && out != NULL)
		*out = c;
	else if (rc == CAIRN_OK)
		crosswalk_free(&c);
	return rc;
}

int
app_crosswalk_validate_file(struct store *st, const char *path, struct crosswalk *out,
    struct cairn_err *err)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if ((rc = file_read_all(path, CROSSWALK_FILE_MAX, &text, &len, err)) != CAIRN_OK)
		return rc;
	rc = app_crosswalk_check_text(st, path, text, len, out, err);
	free(text);
	return rc;
}

/* ---- resolving ---- */

/* Index of pack code in packs[], adding it if absent. */
static size_t
pack_index(const char **packs, size_t *n, const char *code)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(packs[i], code) == 0)
			return i;
	if (*n == CROSSWALK_PACKS_MAX)
		return CROSSWALK_PACKS_MAX;
	packs[*n] = code;
	return (*n)++;
}

/* The set of indicator codes being followed. */
struct codeset {
	char **v;
	size_t n;
};

static void
codeset_add(struct codeset *s, const char *code)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], code) == 0)
			return;
	s->v = xreallocarray(s->v, s->n + 1, sizeof(char *));
	s->v[s->n++] = xstrdup(code);
}

/* Follows the codes of cur through crosswalk c, forwards or backwards;
 * sets *many when an indicator meets others on the way. */
static struct codeset
step(const struct crosswalk *c, bool forward, const struct codeset *cur, bool *many)
{
	struct codeset next = { 0 };

	for (size_t i = 0; i < cur->n; i++)
		for (size_t l = 0; l < c->nlinks; l++) {
			const struct crosswalk_link *k = &c->links[l];
			char **side = forward ? k->from : k->to,
			     **other = forward ? k->to : k->from;
			size_t nside = forward ? k->nfrom : k->nto,
			       nother = forward ? k->nto : k->nfrom;

			for (size_t s = 0; s < nside; s++) {
				if (strcmp(side[s], cur->v[i]) != 0)
					continue;
				if (nside > 1)
					*many = true;
				for (size_t o = 0; o < nother; o++)
					codeset_add(&next, other[o]);
			}
		}
	return next;
}

bool
crosswalk_resolve(const struct crosswalk_set *s, const char *from, const char *qi, const char *to,
    struct crosswalk_match *m)
{
	const char *packs[CROSSWALK_PACKS_MAX];
	size_t npacks = 0, prev[CROSSWALK_PACKS_MAX], via[CROSSWALK_PACKS_MAX];
	size_t queue[CROSSWALK_PACKS_MAX], qh = 0, qt = 0, a, b;
	size_t path[CROSSWALK_PACKS_MAX], npath = 0;
	bool seen[CROSSWALK_PACKS_MAX] = { false }, all_same = true, many = false;
	struct codeset cur = { 0 };

	a = pack_index(packs, &npacks, from);
	b = pack_index(packs, &npacks, to);
	for (size_t i = 0; i < s->n; i++) {
		pack_index(packs, &npacks, s->v[i].from);
		pack_index(packs, &npacks, s->v[i].to);
	}
	if (a >= CROSSWALK_PACKS_MAX || b >= CROSSWALK_PACKS_MAX || a == b)
		return false;
	/* Breadth first over packs; an edge is a crosswalk either way. */
	seen[a] = true;
	queue[qt++] = a;
	while (qh < qt && !seen[b]) {
		size_t u = queue[qh++];

		for (size_t i = 0; i < s->n; i++) {
			size_t f = pack_index(packs, &npacks, s->v[i].from),
			       t = pack_index(packs, &npacks, s->v[i].to), w;

			if (f == u)
				w = t;
			else if (t == u)
				w = f;
			else
				continue;
			if (w >= CROSSWALK_PACKS_MAX || seen[w])
				continue;
			seen[w] = true;
			prev[w] = u;
			via[w] = i;
			queue[qt++] = w;
		}
	}
	if (!seen[b])
		return false;
	for (size_t w = b; w != a; w = prev[w])
		path[npath++] = w;
	memset(m, 0, sizeof(*m));
	m->forward = true;
	codeset_add(&cur, qi);
	for (size_t k = npath; k-- > 0;) {
		const struct crosswalk *c = &s->v[via[path[k]]];
		bool forward = strcmp(c->to, packs[path[k]]) == 0;
		struct codeset next;

		if (k == npath - 1)
			m->forward = forward;
		next = step(c, forward, &cur, &many);
		if (next.n != 1 || cur.n != 1 || many)
			all_same = false;
		codes_free(cur.v, cur.n);
		cur = next;
		if (cur.n == 0) {
			m->rel = CROSSWALK_NONE;
			m->broke = xstrdup(packs[path[k]]);
			return true;
		}
	}
	m->codes = cur.v;
	m->ncodes = cur.n;
	m->rel = all_same ? CROSSWALK_SAME : cur.n > 1 ? CROSSWALK_SPLIT : CROSSWALK_MERGED;
	return true;
}
