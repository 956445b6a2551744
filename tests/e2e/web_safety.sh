#!/bin/sh
# Web safety tests of cairn serve (tests/e2e/web_safety.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_safety.py"
