#!/bin/sh
# End-to-end HTTP tests of the team through the JSON API
# (tests/e2e/web_api_team.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_api_team.py"
