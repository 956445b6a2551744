#!/bin/sh
# End-to-end tests of the evidence log's pages (tests/e2e/web_evidence_pages.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_evidence_pages.py"
