#!/bin/sh
# End-to-end HTTP test: withdrawn evidence on the findings page, marked as in the evidence log
# (tests/e2e/web_findings_withdrawn.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_findings_withdrawn.py"
