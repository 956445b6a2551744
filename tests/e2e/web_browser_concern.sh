#!/bin/sh
# Browser test of matters of concern through every step, and the panel's
# progress-review decision (tests/e2e/web_browser_concern.js): chromium +
# playwright-core + axe-core from npm ci.  Skipped when node, the browser or
# node_modules is missing.
command -v node >/dev/null 2>&1 || { echo "1..0 # SKIP node not installed"; exit 0; }
exec node "$SRCDIR/tests/e2e/web_browser_concern.js"
