#!/bin/sh
# End-to-end HTTP tests of the panel's progress-review decision through the JSON API
# (tests/e2e/web_api_progress.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_api_progress.py"
