#!/bin/sh
# End-to-end HTTP tests of the report settings and publishing in the browser and API (tests/e2e/web_publish.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_publish.py"
