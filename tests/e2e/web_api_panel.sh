#!/bin/sh
# End-to-end HTTP tests of the Quality and Consistency Panel through the JSON API
# (tests/e2e/web_api_panel.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_api_panel.py"
