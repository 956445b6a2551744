/* Error records: see err.h. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>

int
cairn_errf(struct cairn_err *err, int rc, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || err->rc != CAIRN_OK)
		return rc;
	err->rc = rc;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return rc;
}

void
cairn_err_clear(struct cairn_err *err)
{
	if (err == NULL)
		return;
	err->rc = CAIRN_OK;
	err->msg[0] = '\0';
}

const char *
cairn_rc_str(int rc)
{
	switch (rc) {
	case CAIRN_OK: return "success";
	case CAIRN_EUSAGE: return "usage error";
	case CAIRN_EDATA: return "bad input data";
	case CAIRN_ENOINPUT: return "cannot open input";
	case CAIRN_ESOFTWARE: return "internal error";
	case CAIRN_ECANTCREAT: return "cannot create output";
	case CAIRN_EIO: return "input/output error";
	case CAIRN_EPERM: return "permission denied";
	default: return "error";
	}
}
