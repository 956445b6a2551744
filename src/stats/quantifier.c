/* Quantifier words from bands kept as data: see quantifier.h. */
#include "stats/quantifier.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/embed.h"
#include "core/text.h"

int
stats_bands_parse(const char *json, size_t len, struct stats_bands *out, struct cairn_err *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr), *bands, *b;
	size_t i;
	int rc = CAIRN_EDATA;

	memset(out, 0, sizeof(*out));
	if (root == NULL) {
		cairn_errf(err, CAIRN_EDATA, "quantifier bands: line %d: %s", jerr.line, jerr.text);
		goto out;
	}
	bands = json_object_get(root, "bands");
	if (!json_is_array(bands) || json_array_size(bands) == 0 ||
	    json_array_size(bands) > STATS_BANDS_MAX) {
		cairn_errf(err, CAIRN_EDATA,
		    "quantifier bands: \"bands\" must be an array of 1 to %d bands",
		    STATS_BANDS_MAX);
		goto out;
	}
	json_array_foreach(bands, i, b)
	{
		const char *word = NULL;
		double min = -1;
		int incl = 0;
		struct stats_band *d = &out->band[i];

		if (json_unpack_ex(b, &jerr, JSON_STRICT, "{s:s, s:F, s:b}", "word", &word, "min",
		        &min, "min_inclusive", &incl) != 0) {
			cairn_errf(err, CAIRN_EDATA,
			    "quantifier band %zu: %s; each band is {\"word\": TEXT, \"min\": "
			    "PERCENT, "
			    "\"min_inclusive\": true|false}",
			    i + 1, jerr.text);
			goto out;
		}
		if (word[0] == '\0' || !text_copy(d->word, sizeof(d->word), word)) {
			cairn_errf(err, CAIRN_EDATA,
			    "quantifier band %zu: the word must be 1 to %d bytes", i + 1,
			    STATS_BAND_WORD - 1);
			goto out;
		}
		if (!(min >= 0 && min <= 100)) {
			cairn_errf(err, CAIRN_EDATA,
			    "quantifier band %zu (%s): min must be a percentage from 0 to 100",
			    i + 1, word);
			goto out;
		}
		if (i > 0 &&
		    !(min < out->band[i - 1].min ||
		        (min == out->band[i - 1].min && incl && !out->band[i - 1].min_inclusive))) {
			cairn_errf(err, CAIRN_EDATA,
			    "quantifier band %zu (%s): bands must be listed highest first with "
			    "decreasing min",
			    i + 1, word);
			goto out;
		}
		d->min = min;
		d->min_inclusive = incl != 0;
		out->n = i + 1;
	}
	if (out->band[out->n - 1].min != 0 || !out->band[out->n - 1].min_inclusive) {
		cairn_errf(err, CAIRN_EDATA,
		    "quantifier bands: the last band must have min 0 and min_inclusive true, so "
		    "that "
		    "every proportion has a word");
		goto out;
	}
	rc = CAIRN_OK;
out:
	if (rc != CAIRN_OK)
		out->n = 0;
	json_decref(root);
	return rc;
}

int
stats_bands_default(struct stats_bands *out, struct cairn_err *err)
{
	const struct embed_file *f = embed_find("quantifiers.json");
	struct cairn_err e = { 0 };

	if (f == NULL)
		return cairn_errf(err, CAIRN_ESOFTWARE, "quantifiers.json is not built in");
	if (stats_bands_parse(f->data, f->len, out, &e) != CAIRN_OK)
		return cairn_errf(err, CAIRN_ESOFTWARE, "built-in %s", e.msg);
	return CAIRN_OK;
}

int
stats_bands_for(const char *pack, struct stats_bands *out, struct cairn_err *err)
{
	char name[160];
	const struct embed_file *f;
	struct cairn_err e = { 0 };

	if (pack == NULL)
		return stats_bands_default(out, err);
	snprintf(name, sizeof(name), "models/%s/quantifiers.json", pack);
	if ((f = embed_find(name)) == NULL)
		return stats_bands_default(out, err);
	if (stats_bands_parse(f->data, f->len, out, &e) != CAIRN_OK)
		return cairn_errf(err, CAIRN_ESOFTWARE, "built-in %s: %s", name, e.msg);
	return CAIRN_OK;
}

const char *
stats_quantifier(const struct stats_bands *b, double x, double n)
{
	if (!(n > 0) || !(x >= 0) || x > n || !isfinite(n))
		return NULL;
	for (size_t i = 0; i < b->n; i++) {
		double lhs = 100.0 * x, rhs = b->band[i].min * n;

		if (lhs > rhs || (b->band[i].min_inclusive && lhs == rhs))
			return b->band[i].word;
	}
	return NULL;
}

const char *
stats_quantifier_p(const struct stats_bands *b, double p)
{
	if (!(p >= 0 && p <= 1))
		return NULL;
	/* As a fraction of 1e9 so that edges like 0.9 compare exactly. */
	return stats_quantifier(b, round(p * 1e9), 1e9);
}
