/* Retention of child-level data: see purge.h. */
#include "app/access/authz.h"
#include "app/access/purge.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/evaluation/evidence.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/text.h"
#include "store/publication.h"
#include "store/store.h"

int
app_retention_get(struct store *st, long id, long *days, struct cairn_err *err)
{
	bool set;
	int rc = store_retention_get(st, id, days, &set, err);

	if (rc == CAIRN_OK && !set)
		*days = PURGE_DEFAULT_DAYS;
	return rc;
}

int
app_retention_set(struct store *st, const struct actor *who, long id, long days,
    struct cairn_err *err)
{
	char detail[64];
	int rc;

	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK)
		return rc;

	if (days < 0 || days > 36500)
		return cairn_errf(err, CAIRN_EDATA,
		    "retention period %ld days is out of range; "
		    "give 0 to 36500 days",
		    days);
	snprintf(detail, sizeof(detail), "%ld days", days);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_retention_set(st, id, days, err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "retention.set", id, id == 0 ? "default" : NULL, detail,
	         err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		store_rollback(st);
	return rc;
}

int
app_purge_plan(struct store *st, long id, struct purge_plan *plan, struct cairn_err *err)
{
	struct publication *pubs = NULL;
	struct purge_record done;
	struct cdate first, today, due;
	size_t npubs = 0;
	bool purged;
	int rc;

	memset(plan, 0, sizeof(*plan));
	plan->id = id;
	if ((rc = store_purge_get(st, id, &done, &purged, err)) != CAIRN_OK)
		return rc;
	if (purged)
		return cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld's child-level data was already "
		    "purged at %s by %s; nothing to do",
		    id, done.at, done.actor);
	if ((rc = store_publication_list(st, id, &pubs, &npubs, err)) != CAIRN_OK)
		return rc;
	if (npubs == 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld has not been published; child-level "
		    "data is kept until the report is published and the retention "
		    "period has passed",
		    id);
		goto out;
	}
	text_copy(plan->published, sizeof(plan->published), pubs[0].at);
	if (!date_parse(plan->published, &first)) {
		rc = cairn_errf(err, CAIRN_ESOFTWARE,
		    "publication date '%s' of inspection %ld is "
		    "not a date",
		    pubs[0].at, id);
		goto out;
	}
	if ((rc = app_retention_get(st, id, &plan->retention_days, err)) != CAIRN_OK)
		goto out;
	date_from_days(date_to_days(&first) + plan->retention_days, &due);
	date_iso(&due, plan->due);
	date_today(&today);
	if (date_cmp(&today, &due) < 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "inspection %ld's child-level data must be kept until "
		    "%s (%ld days after its first publication on %s); nothing was removed",
		    id, plan->due, plan->retention_days, plan->published);
		goto out;
	}
	rc = store_purge_count(st, id, &plan->counts, err);
out:
	publications_free(pubs, npubs);
	return rc;
}

int
app_purge(struct store *st, const struct actor *who, long id, struct purge_plan *plan,
    struct cairn_err *err)
{
	struct purge_record rec;
	struct buf dir = BUF_INIT, path = BUF_INIT;
	char **orphans = NULL, detail[256];
	size_t norphans = 0;
	int rc;

	if ((rc = authz_check(st, who, id, ACTION_PUBLISH, NULL, err)) != CAIRN_OK)
		return rc;

	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	/* Checked again inside the transaction: nothing can change in between. */
	if ((rc = app_purge_plan(st, id, plan, err)) != CAIRN_OK)
		goto fail;
	memset(&rec, 0, sizeof(rec));
	store_now(rec.at);
	text_copy(rec.actor, sizeof(rec.actor), who->name);
	rec.retention_days = plan->retention_days;
	rec.counts = plan->counts;
	snprintf(detail, sizeof(detail),
	    "population rows %ld, sample references %ld, notes %ld, "
	    "attachments %ld; retention %ld days after %s",
	    plan->counts.population_rows, plan->counts.members, plan->counts.notes,
	    plan->counts.attachments, plan->retention_days, plan->published);
	if ((rc = store_purge_child_level(st, id, &rec, &orphans, &norphans, err)) != CAIRN_OK ||
	    (rc = audit_redact_child_level(st, id, err)) != CAIRN_OK ||
	    (rc = audit_record(st, who, "purge.child-level", id, NULL, detail, err)) != CAIRN_OK ||
	    (rc = store_commit(st, err)) != CAIRN_OK)
		goto fail;
	/* Files go only once the database no longer refers to them. */
	app_evidence_dir(st, &dir);
	for (size_t i = 0; i < norphans; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", buf_str(&dir), orphans[i]);
		if (unlink(buf_str(&path)) == 0 || errno == ENOENT)
			plan->files_deleted++;
		else
			plan->files_failed++;
	}
	/* The rows are gone; now their bytes (free pages, the WAL). */
	rc = store_scrub(st, err);
	goto out;
fail:
	store_rollback(st);
out:
	for (size_t i = 0; i < norphans; i++)
		free(orphans[i]);
	free(orphans);
	buf_free(&dir);
	buf_free(&path);
	return rc;
}
