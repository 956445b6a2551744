#!/bin/sh
# Hostile files through every door of each import: command line, JSON API
# and page (tests/e2e/web_hostile_import.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_hostile_import.py"
