#!/bin/sh
# End-to-end HTTP tests of the last CLI actions brought to the API
# (tests/e2e/web_api_last.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_api_last.py"
