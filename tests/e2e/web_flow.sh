#!/bin/sh
# End-to-end HTTP tests of the records-reading workflow pages (tests/e2e/web_flow.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_flow.py"
