#!/bin/sh
# End-to-end HTTP tests of the findings, confidence, stage and evidence-withdrawal API and the
# withdraw form (tests/e2e/web_api_findings.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_api_findings.py"
