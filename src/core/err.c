/* Error records: see err.h. */
#include "core/err.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>

const char *const cairn_code_names[CAIRN_CODE__MAX] = {
	[CAIRN_CODE_NONE] = "",
	[CAIRN_CODE_REQUIRED] = "required",
	[CAIRN_CODE_INVALID] = "invalid",
	[CAIRN_CODE_UNKNOWN] = "unknown",
	[CAIRN_CODE_CONFLICT] = "conflict",
	[CAIRN_CODE_FORBIDDEN] = "forbidden",
};
_Static_assert(sizeof(cairn_code_names) / sizeof(cairn_code_names[0]) == CAIRN_CODE__MAX,
    "one name per enum cairn_code");

/* Records rc, code, field and the formatted message unless err already
 * holds an error. */
static int
err_set(struct cairn_err *err, int rc, enum cairn_code code, const char *field, const char *fmt,
    va_list ap)
{
	if (err == NULL || err->rc != CAIRN_OK)
		return rc;
	err->rc = rc;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field != NULL ? field : "");
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return rc;
}

int
cairn_errf(struct cairn_err *err, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rc = err_set(err, rc, CAIRN_CODE_NONE, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

int
cairn_err_field(struct cairn_err *err, int rc, enum cairn_code code, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	assert((unsigned)code < CAIRN_CODE__MAX);
	va_start(ap, fmt);
	rc = err_set(err, rc, code, field, fmt, ap);
	va_end(ap);
	return rc;
}

const char *
cairn_err_code(const struct cairn_err *err)
{
	if (err->code > CAIRN_CODE_NONE && err->code < CAIRN_CODE__MAX)
		return cairn_code_names[err->code];
	switch (err->rc) {
	case CAIRN_OK: return "ok";
	case CAIRN_EUSAGE: return "invalid";
	case CAIRN_EDATA: return "invalid";
	case CAIRN_ENOINPUT: return "not-found";
	case CAIRN_ECANTCREAT: return "cannot-create";
	case CAIRN_EIO: return "io";
	case CAIRN_EPERM: return "forbidden";
	default: return "internal";
	}
}

void
cairn_err_clear(struct cairn_err *err)
{
	if (err == NULL)
		return;
	err->rc = CAIRN_OK;
	err->msg[0] = '\0';
	err->field[0] = '\0';
	err->code = CAIRN_CODE_NONE;
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
