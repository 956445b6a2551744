#!/bin/sh
# The generated authorisation matrix (tests/e2e/authz_matrix.py prints TAP):
# every route x every role x own/other inspection against authz_expect.tsv.
exec python3 "$SRCDIR/tests/e2e/authz_matrix.py"
