#!/bin/sh
# End-to-end HTTP tests of findings, confidence and stage pages (tests/e2e/web_findings.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_findings.py"
