#!/bin/sh
# Matters of concern through the JSON API (tests/e2e/web_concern_api.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_concern_api.py"
