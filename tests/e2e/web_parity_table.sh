#!/bin/sh
# The table "The command line, the browser and the API side by side" in
# docs/guide-web.md stays true (tests/e2e/web_parity_table.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_parity_table.py"
