#!/bin/sh
# End-to-end HTTP tests of changing evidence in the browser (tests/e2e/web_evidence_edit.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_evidence_edit.py"
