#!/bin/sh
# End-to-end HTTP tests of the rest of the parity with the command line
# (issue 17): tests/e2e/web_api_parity2.py prints TAP.
exec python3 "$SRCDIR/tests/e2e/web_api_parity2.py"
