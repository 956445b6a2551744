#!/bin/sh
# End-to-end HTTP tests of the partnership's JSON API (tests/e2e/web_partnership_api.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_partnership_api.py"
