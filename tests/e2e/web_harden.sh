#!/bin/sh
# End-to-end tests of the HTTP hardening (tests/e2e/web_harden.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_harden.py"
