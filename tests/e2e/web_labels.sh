#!/bin/sh
# End-to-end HTTP tests of issue 17's "labels, not codes" and "names, not
# usernames" (tests/e2e/web_labels.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_labels.py"
