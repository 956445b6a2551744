#!/bin/sh
# School holidays on the stage page (tests/e2e/web_stage_holidays.js): chromium +
# playwright-core + axe-core + html-validate from npm ci.  Skipped when node,
# the browser or node_modules is missing (scripts/deps.sh installs them).
command -v node >/dev/null 2>&1 || { echo "1..0 # SKIP node not installed"; exit 0; }
exec node "$SRCDIR/tests/e2e/web_stage_holidays.js"
