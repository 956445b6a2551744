/* The consistency check of a news release: see release_check.h. */
#include "app/publication/release_check.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/authz.h"
#include "app/evaluation/dossier.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"

/* Longest word kept, in bytes. */
#define WORD_MAX 48
/* Tokens looked at before a level label for its count. */
#define LOOKBACK 5

/* One word of a sentence, lower-cased. */
struct token {
	char w[WORD_MAX];
};

/* Words that may stand between a count and a level label. */
static const char *const linking[] = {
	"were",
	"was",
	"are",
	"is",
	"as",
	"rated",
	"evaluated",
	"graded",
	"judged",
	"assessed",
	"being",
	"been",
	"be",
	"quality",
	"indicator",
	"indicators",
	"of",
	"them",
	"at",
	NULL,
};

void
release_check_free(struct release_check *r)
{
	if (r == NULL)
		return;
	free(r->counts);
	free(r->stored);
	for (size_t i = 0; i < r->nclaims; i++)
		free(r->claims[i].qi);
	free(r->claims);
	strv_free(r->issues, r->nissues);
	memset(r, 0, sizeof(*r));
}

/* Records a disagreement. */
static void issue(struct release_check *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
issue(struct release_check *r, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	r->issues = xreallocarray(r->issues, r->nissues + 1, sizeof(char *));
	r->issues[r->nissues++] = buf_take(&b);
}

/* Returns the value of a number token, or -1. */
static long
number_of(const char *w)
{
	long v;

	if (text_parse_long(w, 0, 1000, &v))
		return v;
	if (strcmp(w, "both") == 0)
		return 2;
	for (long i = 0; i < 100; i++) {
		char word[32];

		if (strcmp(w, text_number_word(i, word, sizeof(word))) == 0)
			return i;
	}
	return -1;
}

/* Returns true if w is a linking word. */
static bool
is_linking(const char *w)
{
	for (size_t i = 0; linking[i] != NULL; i++)
		if (strcmp(w, linking[i]) == 0)
			return true;
	return false;
}

/* Splits the sentence s[0..n) into lower-cased words (letters, digits,
 * hyphens, apostrophes and dots between digits). */
static size_t
tokenise(const char *s, size_t n, struct token **out)
{
	size_t k = 0, cap = 0;

	*out = NULL;
	for (size_t i = 0; i < n;) {
		size_t len = 0;

		while (i < n && !(isalnum((unsigned char)s[i]) || s[i] == '-'))
			i++;
		if (i >= n)
			break;
		if (k == cap) {
			cap = cap ? cap * 2 : 32;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		while (i < n &&
		    (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '\'' ||
		        (s[i] == '.' && i > 0 && i + 1 < n && isdigit((unsigned char)s[i - 1]) &&
		            isdigit((unsigned char)s[i + 1])))) {
			if (len + 1 < WORD_MAX)
				(*out)[k].w[len++] = (char)tolower((unsigned char)s[i]);
			i++;
		}
		(*out)[k].w[len] = '\0';
		k++;
	}
	return k;
}

/* The words of each level label, lower-cased. */
struct label {
	struct token *t;
	size_t n;
};

/* Returns the level whose label starts at token i (longest first) and
 * sets *len to its words, or -1. */
static int
label_at(const struct label *labels, size_t nl, const struct token *t, size_t nt, size_t i,
    size_t *len)
{
	int best = -1;

	*len = 0;
	for (size_t l = 0; l < nl; l++) {
		size_t m = labels[l].n;
		bool match = m > 0 && i + m <= nt;

		for (size_t k = 0; match && k < m; k++)
			match = strcmp(t[i + k].w, labels[l].t[k].w) == 0;
		if (match && m > *len) {
			best = (int)l;
			*len = m;
		}
	}
	return best;
}

/* Returns true if needle occurs in hay[0..n) ignoring ASCII case. */
static bool
contains(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; m > 0 && i + m <= n; i++) {
		size_t k = 0;

		while (k < m &&
		    tolower((unsigned char)hay[i + k]) == tolower((unsigned char)needle[k]))
			k++;
		if (k == m)
			return true;
	}
	return false;
}

/* Records the claim that qi has grade, once. */
static void
claim(struct release_check *r, const char *qi, int grade)
{
	for (size_t i = 0; i < r->nclaims; i++)
		if (strcmp(r->claims[i].qi, qi) == 0)
			return;
	r->claims = xreallocarray(r->claims, r->nclaims + 1, sizeof(*r->claims));
	r->claims[r->nclaims].qi = xstrdup(qi);
	r->claims[r->nclaims++].grade = grade;
}

/* Reads one sentence s[0..n). */
static void
read_sentence(const struct dossier *d, const struct label *labels, const char *s, size_t n,
    struct release_check *r)
{
	struct token *t = NULL;
	size_t nt = tokenise(s, n, &t), nl = d->fw.scale.nlevels;
	int only = -1;
	bool several = false;

	for (size_t i = 0; i < nt; i++)
		if (strcmp(t[i].w, "scale") == 0)
			goto out;
	for (size_t i = 0; i < nt; i++) {
		size_t len;
		int l;
		long v;

		/* "<N> quality indicator(s)" */
		if (i + 2 < nt && (v = number_of(t[i].w)) >= 0 &&
		    strcmp(t[i + 1].w, "quality") == 0 &&
		    (strcmp(t[i + 2].w, "indicators") == 0 ||
		        strcmp(t[i + 2].w, "indicator") == 0)) {
			if (r->total < 0)
				r->total = v;
			else if (r->total != v)
				issue(r, "the text counts the indicators twice, as %ld and as %ld",
				    r->total, v);
			continue;
		}
		if ((l = label_at(labels, nl, t, nt, i, &len)) < 0)
			continue;
		if (only < 0)
			only = l;
		else if (only != l)
			several = true;
		/* a count before the label, over linking words only */
		for (size_t k = i, steps = 0; k > 0 && steps < LOOKBACK; k--, steps++) {
			const char *w = t[k - 1].w;

			if ((v = number_of(w)) >= 0) {
				if (r->counts[l] < 0)
					r->counts[l] = v;
				else if (r->counts[l] != v)
					issue(r,
					    "the text gives two counts for \"%s\": %ld and %ld",
					    d->fw.scale.levels[l].label, r->counts[l], v);
				break;
			}
			if (!is_linking(w) && strcmp(w, "all") != 0)
				break;
		}
		i += len - 1;
	}
	/* named indicators: one level in the sentence */
	if (only >= 0 && !several) {
		for (size_t q = 0; q < d->fw.nqis; q++) {
			char code[64];

			snprintf(code, sizeof(code), "(%s)", d->fw.qis[q].code);
			if (contains(s, n, code) || contains(s, n, d->fw.qis[q].title))
				claim(r, d->fw.qis[q].code, d->fw.scale.levels[only].value);
		}
	}
out:
	free(t);
}

/* Returns the level index of value v, or -1. */
static int
level_of(const struct scale *sc, int v)
{
	for (size_t i = 0; i < sc->nlevels; i++)
		if (sc->levels[i].value == v)
			return (int)i;
	return -1;
}

/* Compares what the text says with the stored grades. */
static void
compare(const struct dossier *d, struct release_check *r)
{
	const struct scale *sc = &d->fw.scale;
	long sum = 0;
	bool any = false;
	char w1[32], w2[32];

	for (size_t l = 0; l < r->nlevels; l++)
		any |= r->counts[l] >= 0;
	/* A level given no number counts the indicators named at it
	 * ("... five very good ... Participation was evaluated as excellent"). */
	for (size_t l = 0; any && l < r->nlevels; l++) {
		long named = 0;

		for (size_t i = 0; i < r->nclaims; i++)
			named += r->claims[i].grade == sc->levels[l].value;
		if (r->counts[l] < 0 && named > 0)
			r->counts[l] = named;
	}
	for (size_t l = 0; l < r->nlevels; l++)
		if (r->counts[l] >= 0)
			sum += r->counts[l];
	if (r->total >= 0 && r->total != r->stored_total)
		issue(r, "the text counts %s quality indicators; %s are graded",
		    text_number_word(r->total, w1, sizeof(w1)),
		    text_number_word(r->stored_total, w2, sizeof(w2)));
	if (any && r->total >= 0 && sum != r->total)
		issue(r, "the counts by level add up to %s, not the %s indicators the text states",
		    text_number_word(sum, w1, sizeof(w1)),
		    text_number_word(r->total, w2, sizeof(w2)));
	else if (any && r->total < 0 && sum != r->stored_total)
		issue(r, "the counts by level add up to %s; %s indicators are graded",
		    text_number_word(sum, w1, sizeof(w1)),
		    text_number_word(r->stored_total, w2, sizeof(w2)));
	for (size_t l = 0; any && l < r->nlevels; l++) {
		if (r->counts[l] >= 0 && r->counts[l] != r->stored[l])
			issue(r, "the text says %s \"%s\"; %s %s stored",
			    text_number_word(r->counts[l], w1, sizeof(w1)), sc->levels[l].label,
			    text_number_word(r->stored[l], w2, sizeof(w2)),
			    r->stored[l] == 1 ? "is" : "are");
		else if (r->counts[l] < 0 && r->stored[l] > 0)
			issue(r, "the text gives no count for \"%s\"; %s %s stored",
			    sc->levels[l].label, text_number_word(r->stored[l], w2, sizeof(w2)),
			    r->stored[l] == 1 ? "is" : "are");
	}
	for (size_t i = 0; i < r->nclaims; i++) {
		const struct evaluation *e = dossier_grade(d, r->claims[i].qi);
		const struct scale_level *said = scale_level_of(sc, r->claims[i].grade);

		if (e == NULL)
			issue(r, "the text names %s as \"%s\", but it is not graded",
			    r->claims[i].qi, said ? said->label : "?");
		else if (e->grade != r->claims[i].grade)
			issue(r, "the text names %s as \"%s\"; it is graded \"%s\"",
			    r->claims[i].qi, said ? said->label : "?",
			    level_of(sc, e->grade) >= 0 ? sc->levels[level_of(sc, e->grade)].label
			                                : "?");
	}
	if (!any && r->total < 0 && r->nclaims == 0)
		issue(r,
		    "the text states no grades: no \"N quality indicators\", no count per level "
		    "and no named indicator");
}

int
release_check_text(const struct dossier *d, const char *text, size_t len, struct release_check *r,
    struct cairn_err *err)
{
	const struct scale *sc = &d->fw.scale;
	struct label *labels;
	size_t start = 0;

	memset(r, 0, sizeof(*r));
	if (!text_utf8_valid(text, len))
		return cairn_errf(err, CAIRN_EDATA, "the release text is not valid UTF-8");
	r->total = -1;
	r->nlevels = sc->nlevels;
	r->counts = xcalloc(sc->nlevels, sizeof(long));
	r->stored = xcalloc(sc->nlevels, sizeof(long));
	for (size_t l = 0; l < sc->nlevels; l++)
		r->counts[l] = -1;
	for (size_t i = 0; i < d->nevals; i++) {
		int l = level_of(sc, d->evals[i].grade);

		if (l >= 0) {
			r->stored[l]++;
			r->stored_total++;
		}
	}
	labels = xcalloc(sc->nlevels, sizeof(*labels));
	for (size_t l = 0; l < sc->nlevels; l++)
		labels[l].n =
		    tokenise(sc->levels[l].label, strlen(sc->levels[l].label), &labels[l].t);
	for (size_t i = 0; i <= len; i++) {
		bool end = i == len || text[i] == '!' || text[i] == '?' ||
		    (text[i] == '.' &&
		        !(i > 0 && i + 1 < len && isdigit((unsigned char)text[i - 1]) &&
		            isdigit((unsigned char)text[i + 1]))) ||
		    (text[i] == '\n' && i + 1 < len && text[i + 1] == '\n');

		if (!end)
			continue;
		if (i > start)
			read_sentence(d, labels, text + start, i - start, r);
		start = i + 1;
	}
	for (size_t l = 0; l < sc->nlevels; l++)
		free(labels[l].t);
	free(labels);
	compare(d, r);
	return CAIRN_OK;
}

json_t *
release_check_json(const struct dossier *d, const struct release_check *r)
{
	json_t *stated = json_object(), *stored = json_object(), *claims = json_array();
	json_t *issues = json_array();

	for (size_t l = 0; l < r->nlevels; l++) {
		if (r->counts[l] >= 0)
			json_object_set_new(stated, d->fw.scale.levels[l].label,
			    json_integer(r->counts[l]));
		if (r->stored[l] > 0)
			json_object_set_new(stored, d->fw.scale.levels[l].label,
			    json_integer(r->stored[l]));
	}
	for (size_t i = 0; i < r->nclaims; i++)
		json_array_append_new(claims,
		    json_pack("{s:s, s:i}", "qi", r->claims[i].qi, "grade", r->claims[i].grade));
	for (size_t i = 0; i < r->nissues; i++)
		json_array_append_new(issues, json_string(r->issues[i]));
	return json_pack("{s:I, s:b, s:o, s:o, s:o, s:I, s:o, s:o}", "inspection",
	    (json_int_t)d->in.id, "agrees", r->nissues == 0, "stated_total",
	    r->total >= 0 ? json_integer(r->total) : json_null(), "stated_counts", stated,
	    "stored_counts", stored, "stored_total", (json_int_t)r->stored_total, "named", claims,
	    "disagreements", issues);
}

int
app_release_check(struct store *st, const struct actor *who, long id, const char *text, size_t len,
    struct dossier *d, struct release_check *r, struct cairn_err *err)
{
	size_t i = 0;
	int rc;

	memset(d, 0, sizeof(*d));
	memset(r, 0, sizeof(*r));
	if ((rc = authz_check(st, who, id, ACTION_VIEW_EVALUATION, NULL, err)) != CAIRN_OK)
		return rc;
	while (text != NULL && i < len && isspace((unsigned char)text[i]))
		i++;
	if (text == NULL || i == len)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "text",
		    "the release text is empty: paste or upload the text to check");
	if ((rc = app_dossier_load(st, id, d, err)) != CAIRN_OK)
		return rc;
	return release_check_text(d, text, len, r, err);
}
