/* The panel's sign-off, voided by a change: see signoff.h. */
#include "app/publication/signoff.h"

#include <stdbool.h>

#include "store/work.h"

int
panel_void_signoff(struct store *st, const struct actor *who, long id, const char *reason,
    struct cairn_err *err)
{
	bool voided = false;
	int rc;

	if ((rc = store_signoff_void(st, id, who->name, reason, &voided, err)) != CAIRN_OK)
		return rc;
	if (!voided)
		return CAIRN_OK;
	return audit_record(st, who, "panel.signoff.void", id, NULL, reason, err);
}
