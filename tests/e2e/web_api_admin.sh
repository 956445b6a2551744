#!/bin/sh
# End-to-end HTTP tests of accounts, API tokens, creating and changing
# inspections and the people to choose from, through the JSON API
# (tests/e2e/web_api_admin.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_api_admin.py"
