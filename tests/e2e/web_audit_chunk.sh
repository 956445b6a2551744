#!/bin/sh
# The audit page's check of the chain in steps, in chromium
# (tests/e2e/web_audit_chunk.js): playwright-core, axe-core and html-validate
# from npm ci.  Skipped when node, the browser or node_modules is missing.
command -v node >/dev/null 2>&1 || { echo "1..0 # SKIP node not installed"; exit 0; }
exec node "$SRCDIR/tests/e2e/web_audit_chunk.js"
