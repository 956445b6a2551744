#!/bin/sh
# Browser and API test of factual accuracy and the embargo (tests/e2e/web_accuracy.js):
# chromium + playwright-core + axe-core from npm ci.  Skipped when node, the
# browser or node_modules is missing (scripts/deps.sh installs them).
command -v node >/dev/null 2>&1 || { echo "1..0 # SKIP node not installed"; exit 0; }
exec node "$SRCDIR/tests/e2e/web_accuracy.js"
