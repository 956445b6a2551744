/* The embargo and the media pack: see embargo.h. */
#include "app/publication/embargo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
#include "app/access/authz.h"
#include "app/evaluation/dossier.h"
#include "app/publication/lookup.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/publication.h"
#include "core/text.h"
#include "render/release.h"
#include "store/accuracy.h"
#include "store/store.h"

/* The time an embargo lifts when none is given (UK). */
#define EMBARGO_DEFAULT_TIME "00:01"

int
embargo_parse(const char *date, const char *time, struct embargo *e, struct cairn_err *err)
{
	struct cdate d;
	long hh, mm;
	char h[3], m[3], iso[11];

	if (date == NULL || date[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "date",
		    "the date the embargo lifts is required (YYYY-MM-DD)");
	if (!date_parse(date, &d))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "date",
		    "the date '%s' is not a date; use YYYY-MM-DD", date);
	if (time == NULL || time[0] == '\0')
		time = EMBARGO_DEFAULT_TIME;
	if (strlen(time) != 5 || time[2] != ':')
		goto bad_time;
	memcpy(h, time, 2);
	h[2] = '\0';
	memcpy(m, time + 3, 2);
	m[2] = '\0';
	if (!text_parse_long(h, 0, 23, &hh) || !text_parse_long(m, 0, 59, &mm) || h[0] == '+' ||
	    h[0] == '-' || m[0] == '+' || m[0] == '-')
		goto bad_time;
	if (!clock_uk_to_instant(&d, (int)hh, (int)mm, &e->lifts_at))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "time",
		    "%s on %s does not exist in UK time (the clocks go forward); choose another "
		    "time",
		    time, date);
	date_iso(&d, iso);
	snprintf(e->lifts_local, sizeof(e->lifts_local), "%sT%02ld:%02ld", iso, hh, mm);
	return CAIRN_OK;
bad_time:
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "time",
	    "the time '%s' is not a time; use HH:MM in UK time, e.g. 00:01", time);
}

int
app_embargo_set(struct store *st, const struct actor *who, long id, const struct embargo_req *req,
    struct cairn_err *err)
{
	struct embargo e;
	char line[64];
	int rc;

	memset(&e, 0, sizeof(e));
	if ((rc = authz_check(st, who, id, ACTION_SET_EMBARGO, NULL, err)) != CAIRN_OK ||
	    (rc = embargo_parse(req->date, req->time, &e, err)) != CAIRN_OK)
		return rc;
	if (req->media_contact != NULL && req->media_contact[0] != '\0') {
		if ((rc = text_check("media-contact", "the media contact", req->media_contact,
		         EMBARGO_CONTACT_MAX, err)) != CAIRN_OK)
			return rc;
		e.media_contact = xstrdup(req->media_contact);
	}
	e.set = true;
	e.set_by = xstrdup(who->name);
	embargo_line(&e, line, sizeof(line));
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		goto out;
	rc = store_embargo_put(st, id, &e, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "embargo.set", id, "embargo", line, err);
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
out:
	embargo_free(&e);
	return rc;
}

int
app_embargo_get(struct store *st, const struct actor *who, long id, struct embargo *e,
    struct cairn_err *err)
{
	int rc;

	memset(e, 0, sizeof(*e));
	if ((rc = authz_check(st, who, id, ACTION_VIEW_INSPECTION, NULL, err)) != CAIRN_OK)
		return rc;
	return store_embargo_get(st, id, e, err);
}

int
app_embargo_check(struct store *st, const struct actor *who, long id, struct cairn_err *err)
{
	struct embargo e;
	struct cairn_err perm = { 0 };
	char when[48];
	int rc;

	if ((rc = app_embargo_get(st, who, id, &e, err)) != CAIRN_OK)
		return rc;
	if (embargo_lifted(&e, clock_now()) ||
	    authz_check(st, who, id, ACTION_VIEW_EMBARGOED, NULL, &perm) == CAIRN_OK) {
		embargo_free(&e);
		return CAIRN_OK;
	}
	clock_uk_text(e.lifts_at, when, sizeof(when));
	embargo_free(&e);
	return cairn_err_field(err, CAIRN_EPERM, CAIRN_CODE_FORBIDDEN, "embargo",
	    "The report and news release are embargoed until %s (UK time); they can be seen "
	    "from then",
	    when);
}

void
media_pack_free(struct media_pack *m)
{
	if (m == NULL)
		return;
	embargo_free(&m->embargo);
	free(m->release);
	free(m->quote);
	free(m->quote_by);
	for (size_t i = 0; i < m->nextracts; i++)
		free(m->extracts[i]);
	free(m->extracts);
	free(m->report_url);
	free(m->partnership);
	free(m->title);
	memset(m, 0, sizeof(*m));
}

/* Sets m->release to the published release of inspection id (the frozen
 * release.txt of its latest version), if it has one. */
static int
published_release(struct store *st, const struct actor *who, long id, struct media_pack *m,
    struct cairn_err *err)
{
	struct publication *pubs = NULL;
	struct publication_file *files = NULL;
	size_t npubs = 0, nfiles = 0;
	int rc;

	if ((rc = app_publication_list(st, who, id, &pubs, &npubs, err)) != CAIRN_OK)
		return rc;
	if (npubs > 0 &&
	    (rc = app_publication_files(st, who, id, pubs[npubs - 1].id, true, &files, &nfiles,
	         err)) == CAIRN_OK) {
		for (size_t i = 0; i < nfiles; i++) {
			if (strcmp(files[i].name, "release.txt") == 0) {
				m->release = xstrndup(files[i].data, files[i].len);
				m->published = true;
				m->version = pubs[npubs - 1].version;
			}
		}
	}
	publication_files_free(files, nfiles);
	publications_free(pubs, npubs);
	return rc;
}

int
app_media_pack_check(struct store *st, const struct actor *who, long id, struct cairn_err *err)
{
	struct publication *pubs = NULL;
	size_t npubs = 0;
	int rc;

	if ((rc = app_embargo_check(st, who, id, err)) != CAIRN_OK ||
	    (rc = app_publication_list(st, who, id, &pubs, &npubs, err)) != CAIRN_OK)
		return rc;
	publications_free(pubs, npubs);
	return npubs > 0 ? CAIRN_OK : authz_check(st, who, id, ACTION_VIEW_DRAFT_REPORT, NULL, err);
}

int
app_media_pack(struct store *st, const struct actor *who, long id, struct media_pack *m,
    struct cairn_err *err)
{
	struct dossier d;
	int rc;

	memset(m, 0, sizeof(*m));
	/* Who may have it, and when, is app_media_pack_check's rule alone. */
	if ((rc = app_media_pack_check(st, who, id, err)) != CAIRN_OK ||
	    (rc = app_embargo_get(st, who, id, &m->embargo, err)) != CAIRN_OK ||
	    (rc = published_release(st, who, id, m, err)) != CAIRN_OK)
		goto fail;
	if ((rc = app_dossier_load(st, id, &d, err)) != CAIRN_OK)
		goto fail;
	if (!m->published) {
		struct release rel;

		if ((rc = release_build(&d, &rel, err)) != CAIRN_OK) {
			dossier_free(&d);
			goto fail;
		}
		m->release = rel.text;
		rel.text = NULL;
		release_free(&rel);
	}
	embargo_line(&m->embargo, m->line, sizeof(m->line));
	m->quote = d.quote;
	m->quote_by = d.quote_by;
	m->report_url = d.report_url;
	d.quote = d.quote_by = d.report_url = NULL;
	m->partnership = xstrdup(d.in.partnership);
	m->title = xstrdup(d.in.title);
	m->extracts = xcalloc(d.nfindings ? d.nfindings : 1, sizeof(*m->extracts));
	for (size_t i = 0; i < d.nfindings; i++)
		if (d.findings[i].text != NULL)
			m->extracts[m->nextracts++] = xstrdup(d.findings[i].text);
	dossier_free(&d);
	return CAIRN_OK;
fail:
	media_pack_free(m);
	return rc;
}

char *
media_pack_text(const struct media_pack *m)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "MEDIA PACK: %s\n", m->title);
	if (m->line[0])
		buf_printf(&b, "%s\n", m->line);
	buf_printf(&b, "\n1. The news release (%s)\n\n",
	    m->published ? "as published" : "draft, made now from the grades");
	buf_puts(&b, m->release != NULL ? m->release : "");
	buf_puts(&b, "\n2. Quotes\n\n");
	if (m->quote != NULL && m->quote_by != NULL)
		buf_printf(&b, "%s: \u201c%s\u201d\n", m->quote_by, m->quote);
	else
		buf_puts(&b, "No quote from the chief executive has been recorded.\n");
	if (m->nextracts > 0)
		buf_puts(&b, "\nFrom the report:\n");
	for (size_t i = 0; i < m->nextracts; i++)
		buf_printf(&b, "- \u201c%s\u201d\n", m->extracts[i]);
	buf_puts(&b, "\n3. Contacts\n\n");
	buf_printf(&b, "Media contact: %s\n",
	    m->embargo.media_contact != NULL ? m->embargo.media_contact : "none recorded");
	if (m->report_url != NULL)
		buf_printf(&b, "The report: %s\n", m->report_url);
	if (buf_failed(&b)) {
		buf_free(&b);
		return xstrdup("The media pack is too long to write.\n");
	}
	return buf_take(&b);
}
