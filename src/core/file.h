/*
 * Reading input files and writing output files safely: bounded reads, and
 * writes that go to a temporary file renamed into place, so an output is
 * either complete or absent.
 */
#ifndef CAIRN_CORE_FILE_H
#define CAIRN_CORE_FILE_H

#include <stddef.h>

#include "core/err.h"

/* Reads the whole file at path (at most max bytes) into *out (malloc'd,
 * NUL-terminated; caller frees).  CAIRN_ENOINPUT if it cannot be read,
 * CAIRN_EDATA if it is larger than max. */
int file_read_all(const char *path, size_t max, char **out, size_t *len, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Writes len bytes to path atomically (temporary file, fsync, rename).
 * CAIRN_ECANTCREAT with the reason if it cannot. */
int file_write_atomic(const char *path, const void *data, size_t len, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
