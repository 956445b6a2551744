/* Model packs: the packs loaded, an imported pack's files, and the pack
 * each inspection was created under (migration 013). */
#ifndef CAIRN_STORE_MODEL_H
#define CAIRN_STORE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/pack.h"

struct store;

/* Reads the loaded version of pack code into *version (malloc'd), or
 * NULL when no such pack is loaded. */
int store_model_version(struct store *st, const char *code, char **version, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Adds a pack row (inside the caller's transaction). */
int store_model_insert(struct store *st, const struct pack_info *p, const char *manifest,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Adds one file of an imported pack (inside the caller's transaction). */
int store_model_file_put(struct store *st, const char *pack, const char *name, const char *body,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Lists the packs by code, each with its count of inspections. */
int store_model_list(struct store *st, struct pack_info **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Records the pack and version inspection insp was created under. */
int store_inspection_model_set(struct store *st, long insp, const char *pack, const char *version,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Reads them: *pack and *version malloc'd, or both NULL when unrecorded. */
int store_inspection_model_get(struct store *st, long insp, char **pack, char **version,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Reads file name ("stages.json") of imported pack (malloc'd), or NULL when
 * the pack has none stored (shipped packs' files are in the binary). */
int store_model_file_get(struct store *st, const char *pack, const char *name, char **body,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
