/*
 * The news release, written only from a dossier so that its counts and
 * named indicators can never disagree with the stored grades.
 */
#ifndef CAIRN_RENDER_RELEASE_H
#define CAIRN_RENDER_RELEASE_H

#include <stddef.h>

#include "core/err.h"
#include "core/model.h"

/* A generated release.  Owned by the struct; free with release_free(). */
struct release {
	size_t indicator_count; /* indicators graded */
	size_t nlevels;         /* levels in the scale, highest first */
	size_t *counts;         /* counts[i]: indicators graded at scale level i */
	char *summary;          /* the opening summary sentence(s) */
	char *text;             /* the whole release, plain text */
};

/*
 * Writes the release for d into *r from its programme's template
 * (data/models/PACK/release.json, else data/models/default/release.json).
 * CAIRN_EDATA if nothing is graded.
 *
 * The template's members are texts with placeholders ({partnership},
 * {area}, {lead}, {others}, {inspectors}, {fieldwork}, {grade}, {published},
 * {report_url}): "headline" {strong, mixed, weak} (chosen from the lowest
 * grade: good or better, weak or below, between), "opening" (optional:
 * used instead of the headline when one indicator is graded, as the "at
 * risk of harm" releases open), "key_findings", "who", "scope" (optional),
 * "extracts" and "improvements" (introducing the findings quoted from the
 * report), "young_inspectors" (optional; when young inspectors are on the
 * team), "link" (when the report's address is recorded), "embargo" (when the
 * publication date is set) and "media"; plus "name", "note" and "sources".
 * The grade count and named indicators are release_summary's, the quote is
 * the stored one with its attribution.  When an embargo is set
 * (d->embargo_line, app/publication/embargo.h) the release opens with it
 * instead of the template's "embargo", and a media contact set with it
 * (d->media_contact) replaces the template's "media".
 */
int release_build(const struct dossier *d, struct release *r, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* The same from the template text tpl (tpl_name names it in errors). */
int release_build_from(const struct dossier *d, const char *tpl, size_t tpl_len,
    const char *tpl_name, struct release *r, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Checks a release template (name names it in errors: "FILE: field KEY: ..."). */
int release_template_check(const char *text, size_t len, const char *name, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Releases the contents of r. */
void release_free(struct release *r);

/* Writes the summary sentences for a grade profile alone (used by
 * release_build and by the release consistency check).  Returns a
 * malloc'd string. */
char *release_summary(const struct dossier *d);

/*
 * A release text cut into its parts, as release_build writes it and the
 * published release.txt keeps it: blocks between blank lines, the embargo
 * line first, the title second, then the paragraphs.  Owned; free with
 * release_parts_free (a no-op on a zeroed struct).
 */
struct release_parts {
	char *embargo; /* the embargo line, or NULL */
	char *title;   /* the title, or NULL */
	char **paras;  /* the paragraphs after the title, in order */
	size_t nparas;
};
/* Cuts the len bytes of text into *out. */
void release_parts_read(const char *text, size_t len, struct release_parts *out);
/* Releases the contents of p. */
void release_parts_free(struct release_parts *p);
/* Appends p as Markdown: the embargo line in bold, the title as a level-1
 * heading, each paragraph as text, escaped as docfmt_md escapes. */
struct buf;
void release_parts_md(const struct release_parts *p, struct buf *out);

#endif
