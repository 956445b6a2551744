/*
 * Setting up a database (cairn init) and building the fictional demo
 * inspection (cairn demo).
 */
#ifndef CAIRN_APP_INIT_H
#define CAIRN_APP_INIT_H

#include "core/err.h"

struct store;

/* Creates or upgrades the database at path and loads the shipped
 * frameworks; idempotent.  On success *out owns the open store. */
int app_init(const char *path, struct store **out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Builds the fictional demo inspection in st; sets *id.  Never uses real
 * children's data: the partnership and every finding are made up. */
int app_demo_build(struct store *st, long *id, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
