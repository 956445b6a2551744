#!/bin/sh
# End-to-end HTTP tests of the fieldwork plan in the browser and the API (tests/e2e/web_fieldwork.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_fieldwork.py"
