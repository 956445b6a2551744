#!/bin/sh
# Issue 17: history and outcome imports, the reading template and the release text
# in the browser and the API, against the real server (TAP).
exec python3 "$SRCDIR/tests/e2e/web_reference.py"
