#!/bin/sh
# End-to-end HTTP tests of records reading through the JSON API
# (tests/e2e/web_api_records.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_api_records.py"
