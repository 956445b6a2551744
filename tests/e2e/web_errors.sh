#!/bin/sh
# End-to-end HTTP test of the error states of every POST form: each error summary
# links to an input on the page, and no page names a command or a flag (TAP).
exec python3 "$SRCDIR/tests/e2e/web_errors.py"
