#!/bin/sh
# End-to-end tests of the JSON API beyond inspections and grades (tests/e2e/web_api.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_api.py"
