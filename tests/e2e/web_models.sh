#!/bin/sh
# Issue 17: model packs in the browser and the JSON API against the real
# server (TAP).
exec python3 "$SRCDIR/tests/e2e/web_models.py"
