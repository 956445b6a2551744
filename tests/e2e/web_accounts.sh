#!/bin/sh
# End-to-end HTTP tests of the accounts pages (tests/e2e/web_accounts.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_accounts.py"
