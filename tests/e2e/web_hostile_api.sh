#!/bin/sh
# Hostile requests to every documented JSON API route: malformed bodies,
# wrong types, edge numbers and strings, hostile queries and path ids
# (tests/e2e/web_hostile_api.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_hostile_api.py"
