#!/bin/sh
# End-to-end HTTP tests of signed checkpoints on the audit page
# (tests/e2e/web_audit_checkpoint.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_audit_checkpoint.py"
