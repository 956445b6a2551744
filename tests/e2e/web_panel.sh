#!/bin/sh
# End-to-end HTTP tests of the panel, publish, follow-up and overview pages (TAP).
exec python3 "$SRCDIR/tests/e2e/web_panel.py"
