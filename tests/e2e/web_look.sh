#!/bin/sh
# End-to-end HTTP tests of what a person sees (tests/e2e/web_look.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_look.py"
