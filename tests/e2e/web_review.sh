#!/bin/sh
# End-to-end HTTP tests of progress reviews in the browser (TAP).
exec python3 "$SRCDIR/tests/e2e/web_review.py"
