#!/bin/sh
# End-to-end tests of downloading an evidence item's attached file (tests/e2e/web_attach.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_attach.py"
