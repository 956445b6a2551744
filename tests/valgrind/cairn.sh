#!/bin/sh
# Stands in for the cairn binary in end-to-end tests under
# `make check-valgrind` (the tests' harnesses point CAIRN here when
# CAIRN_VALGRIND is set, and CAIRN_BIN at the real binary).
exec "$(dirname "$0")/run.sh" "$CAIRN_BIN" "$@"
