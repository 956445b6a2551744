/*
 * Every fuzz harness defines LLVMFuzzerTestOneInput.  Built with clang's
 * -fsanitize=fuzzer for `make fuzz`; built with replay.c for `make check`,
 * which runs every file of the harness's corpus through it.
 */
#ifndef CAIRN_FUZZ_H
#define CAIRN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
