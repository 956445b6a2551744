/* A new version of an upload of the partnership's: see upload.h. */
#include "app/partnership/upload.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/access/audit.h"
#include "app/partnership/packfile.h"
#include "core/date.h"
#include "store/store.h"

void
partnership_upload_sha256(char *const *names, char *const *bodies, size_t n, char hex[static 65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state hs;

	crypto_hash_sha256_init(&hs);
	for (size_t i = 0; i < n; i++) {
		crypto_hash_sha256_update(&hs, (const unsigned char *)names[i],
		    strlen(names[i]) + 1);
		crypto_hash_sha256_update(&hs, (const unsigned char *)bodies[i],
		    strlen(bodies[i]) + 1);
	}
	crypto_hash_sha256_final(&hs, digest);
	sodium_bin2hex(hex, 65, digest, sizeof(digest));
}

int
partnership_upload_commit(struct store *st, const struct actor *who, long id, int rc,
    const char *action, const char *what, long version, const char *detail, struct cairn_err *err)
{
	char subject[48];

	if (rc == CAIRN_OK) {
		snprintf(subject, sizeof(subject), "%s %ld", what, version);
		rc = audit_record(st, who, action, id, subject, detail, err);
	}
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
}

bool
partnership_upload_overdue(struct store *st, long id, const char *stage, long version,
    char due[static 11])
{
	struct cdate today;
	char iso[11];

	partnership_due(st, id, stage, due);
	date_today(&today);
	date_iso(&today, iso);
	return version == 0 && due[0] != '\0' && strcmp(due, iso) < 0;
}
