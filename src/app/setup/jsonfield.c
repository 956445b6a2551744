/* Members of a JSON object read from a data file: see jsonfield.h. */
#include "app/setup/jsonfield.h"

#include <string.h>

#include "core/mem.h"

int
jsonfield_only(json_t *obj, const char *const *allowed, const char *name, const char *path,
    struct cairn_err *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		bool ok = false;

		for (const char *const *a = allowed; *a != NULL; a++)
			ok |= strcmp(*a, key) == 0;
		if (!ok)
			return cairn_errf(err, CAIRN_EDATA, "%s: field %s%s: unknown field", name,
			    path, key);
	}
	return CAIRN_OK;
}

int
jsonfield_text(json_t *v, size_t max, const char *name, const char *path, const char *key,
    char **out, struct cairn_err *err)
{
	size_t n;

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return cairn_errf(err, CAIRN_EDATA,
		    "%s: field %s%s: required, a string of 1 to %zu "
		    "bytes",
		    name, path, key, max);
	if (!json_is_string(v))
		return cairn_errf(err, CAIRN_EDATA, "%s: field %s%s: must be a string", name, path,
		    key);
	n = json_string_length(v);
	if (n == 0 || n > max || strlen(json_string_value(v)) != n)
		return cairn_errf(err, CAIRN_EDATA, "%s: field %s%s: must be 1 to %zu bytes", name,
		    path, key, max);
	*out = xstrdup(json_string_value(v));
	return CAIRN_OK;
}

int
jsonfield_str(json_t *obj, const char *key, bool required, size_t max, const char *name,
    const char *path, char **out, struct cairn_err *err)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!required && (v == NULL || json_is_null(v)))
		return CAIRN_OK;
	return jsonfield_text(v, max, name, path, key, out, err);
}

int
jsonfield_bool(json_t *obj, const char *key, bool required, bool def, const char *name,
    const char *path, bool *out, struct cairn_err *err)
{
	json_t *v = json_object_get(obj, key);

	*out = def;
	if (v == NULL) {
		if (required)
			return cairn_errf(err, CAIRN_EDATA, "%s: field %s%s: required", name, path,
			    key);
		return CAIRN_OK;
	}
	if (!json_is_boolean(v))
		return cairn_errf(err, CAIRN_EDATA, "%s: field %s%s: must be true or false", name,
		    path, key);
	*out = json_is_true(v);
	return CAIRN_OK;
}
