#!/bin/sh
# End-to-end HTTP tests of cairn serve (tests/e2e/web_http.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_http.py"
