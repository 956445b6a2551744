#!/bin/sh
# Every page reached from the home page, as each role, is valid HTML
# (tests/e2e/web_validate.js, html-validate from npm ci, configured by
# .htmlvalidate.json).  Skipped when node or html-validate is missing.
command -v node >/dev/null 2>&1 || { echo "1..0 # SKIP node not installed"; exit 0; }
exec node "$SRCDIR/tests/e2e/web_validate.js"
