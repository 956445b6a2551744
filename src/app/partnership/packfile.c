/* The partnership files of a model pack: see packfile.h. */
#include "app/partnership/packfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/stage.h"
#include "core/embed.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"
#include "store/model.h"
#include "store/store.h"

int
partnership_pack_text(struct store *st, const char *framework, const char *name, char **text,
    size_t *len, struct cairn_err *err)
{
	const struct embed_file *f;
	char path[200];
	int rc;

	*text = NULL;
	*len = 0;
	if ((rc = store_model_file_get(st, framework, name, text, err)) != CAIRN_OK)
		return rc;
	if (*text != NULL) {
		*len = strlen(*text);
		return CAIRN_OK;
	}
	snprintf(path, sizeof(path), "models/%s/%s", framework, name);
	if ((f = embed_find(path)) == NULL) {
		snprintf(path, sizeof(path), "models/default/%s", name);
		if ((f = embed_find(path)) == NULL)
			return cairn_errf(err, CAIRN_ESOFTWARE, "no %s shipped", name);
	}
	*text = xmalloc(f->len + 1);
	memcpy(*text, f->data, f->len);
	(*text)[f->len] = '\0';
	*len = f->len;
	return CAIRN_OK;
}

int
partnership_pack_file(struct store *st, long id, const char *file, char **text, size_t *len,
    char *name, size_t namesz, struct cairn_err *err)
{
	char fw[64];
	int rc;

	*text = NULL;
	*len = 0;
	if ((rc = partnership_framework(st, id, fw, sizeof(fw), err)) != CAIRN_OK ||
	    (rc = partnership_pack_text(st, fw, file, text, len, err)) != CAIRN_OK)
		return rc;
	snprintf(name, namesz, "pack %s: %s", fw, file);
	return CAIRN_OK;
}

void
partnership_due(struct store *st, long id, const char *stage, char due[static 11])
{
	struct cairn_err err = { 0 };
	struct timeline t;

	due[0] = '\0';
	if (stage == NULL || app_timeline(st, id, 0, NULL, &t, &err) != CAIRN_OK)
		return;
	for (size_t i = 0; i < t.n; i++)
		if (strcmp(t.rows[i].stage->code, stage) == 0)
			text_copy(due, 11, t.rows[i].due);
	timeline_free(&t);
}

int
partnership_framework(struct store *st, long id, char *out, size_t outsz, struct cairn_err *err)
{
	struct inspection in;
	int rc;

	if ((rc = store_inspection_load(st, id, &in, err)) != CAIRN_OK)
		return rc;
	text_copy(out, outsz, in.framework_code);
	inspection_free(&in);
	return CAIRN_OK;
}

long
partnership_plan_weeks(struct store *st, const char *framework)
{
	struct cairn_err err = { 0 };
	struct stage_plan p;
	long weeks;

	if (stage_plan_of(st, framework, &p, &err) != CAIRN_OK)
		return 0;
	weeks = p.weeks;
	stage_plan_free(&p);
	return weeks;
}
