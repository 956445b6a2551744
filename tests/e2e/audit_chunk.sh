#!/bin/sh
# End-to-end tests of the audit chain checked in bounded steps, through the
# audit page and the CLI (tests/e2e/audit_chunk.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/audit_chunk.py"
