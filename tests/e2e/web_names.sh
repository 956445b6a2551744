#!/bin/sh
# End-to-end HTTP tests of issue 17's "names, not usernames" in the places
# left over (tests/e2e/web_names.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_names.py"
